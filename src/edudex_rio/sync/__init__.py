"""The sync engine: execute, confirm, record."""
