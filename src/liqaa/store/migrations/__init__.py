"""Alembic migrations of the liqaa archive (run automatically by ``open_store``)."""
