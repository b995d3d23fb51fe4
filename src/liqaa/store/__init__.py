"""The archive: articles, their claims and verdicts, and the meetings they report,
merged across sources. SQLite by default, PostgreSQL at scale.

    >>> from liqaa.store import open_store, search
    >>> store = open_store("sqlite:///archive.db")      # or None: the default file
    >>> search(store, "ويتكوف")
"""

from liqaa.store.db import Store, StoreError, default_url, open_store
from liqaa.store.fts import QueryError
from liqaa.store.queries import export_rows, meetings, search, stats

__all__ = ["Store", "StoreError", "QueryError", "default_url", "open_store", "search", "meetings",
           "export_rows", "stats"]
