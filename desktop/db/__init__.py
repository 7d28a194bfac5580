"""Engine, sessions and Alembic migrations (no Qt)."""
