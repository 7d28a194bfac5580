"""Plain-Python domain vocabulary shared by every layer: enums, errors, Vietnamese text rules."""
