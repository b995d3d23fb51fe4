"""Column types that never store a NUL character, on either backend.

PostgreSQL refuses U+0000 in text columns ("text fields cannot contain NUL") and in JSONB
("unsupported Unicode escape sequence"); SQLite stores it but its own functions (length,
substr, LIKE) stop reading at it. The normaliser writes NUL as its placeholder for dropped
marks (``liqaa.text``: tatweel, tashkeel at a word's edge), and an input may carry one of
its own, so every string the archive stores passes through these types: one rule, applied
where values are bound, whatever code path writes them.

* Stored text (article text, titles, URLs, claim sentences, JSON records): a NUL becomes
  U+FFFD, one character for one, so claim offsets and snippet offsets into the text stay
  right.
* Search text (``norm_title``, ``norm_text``, ``search_alt``, meeting ``people``): the
  placeholder is removed, as ``liqaa.text.normalize`` removes it; it only ever stands
  where the text has a word boundary anyway, and nothing maps these columns back to the
  original text (snippets are cut from the stored original).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

NUL = "\x00"
REPLACEMENT = "\ufffd"


def without_nul(value: Any, replacement: str = REPLACEMENT) -> Any:
    """``value`` with every NUL in its strings (dict keys included, at any depth) replaced."""
    if isinstance(value, str):
        return value.replace(NUL, replacement) if NUL in value else value
    if isinstance(value, dict):
        return {without_nul(k, replacement): without_nul(v, replacement) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [without_nul(v, replacement) for v in value]
    return value


class NulFreeText(TypeDecorator):
    """TEXT without NUL (replaced by U+FFFD)."""
    impl = Text
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return without_nul(value) if isinstance(value, str) else value


class NulFreeString(NulFreeText):
    """VARCHAR(n) without NUL (replaced by U+FFFD)."""
    impl = String
    cache_ok = True      # SQLAlchemy asks each subclass for itself


class SearchText(NulFreeText):
    """TEXT for search, without the normaliser's NUL placeholders (removed)."""
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return without_nul(value, "") if isinstance(value, str) else value


class NulFreeJson(TypeDecorator):
    """A JSON document (JSONB on PostgreSQL) whose strings and keys hold no NUL."""
    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(JSONB() if dialect.name == "postgresql" else JSON())

    def process_bind_param(self, value, dialect):
        return without_nul(value)
