"""The state store: SQLAlchemy models and Alembic migrations."""
