"""The store of record: one SQLite file (see :mod:`missive.store.sql` for the schema)."""

from missive.store.ingest import IngestResult
from missive.store.store import Store

__all__ = ["IngestResult", "Store"]
