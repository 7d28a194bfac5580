"""Small reusable widgets: debounced search box, unit picker, optional date, form errors."""
