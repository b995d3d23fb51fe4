"""The archive's tables (SQLAlchemy 2 declarative models).

One schema for SQLite and PostgreSQL. Full-text search lives outside these models
(``liqaa.store.fts``): an FTS5 virtual table on SQLite, a generated ``tsvector`` column
with a GIN index on PostgreSQL, both created by the migrations.

Records stay language-neutral as in the ``liqaa.check/1`` and ``liqaa.meetings/1``
contracts: people are KB ids, countries ISO alpha-2 codes, roles and topics vocabulary ids.
The full contract record of each claim and each meeting report is kept as JSON next to the
queryable columns, so exports reproduce exactly what ``liqaa check``/``extract`` print.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Index, Integer, MetaData, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from liqaa.store.types import NulFreeJson, NulFreeString, NulFreeText, SearchText

# Deterministic constraint names: migrations and both dialects agree on them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSON documents: JSONB on PostgreSQL, JSON (text) on SQLite. Every string column and JSON
# document goes through liqaa.store.types, so that no stored value holds a NUL.
Json = NulFreeJson()

# Integer primary keys: BIGINT on PostgreSQL, INTEGER (the rowid alias) on SQLite.
Id = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: Json, list[Any]: Json}


class KBVersion(Base):
    """A knowledge base that verdicts were computed against."""
    __tablename__ = "kb_versions"
    __table_args__ = (UniqueConstraint("version", "as_of"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    version: Mapped[str] = mapped_column(NulFreeString(100))
    as_of: Mapped[dt.date] = mapped_column(Date)
    first_used: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IngestRun(Base):
    """One ``liqaa ingest`` (or ``recheck``) invocation and its counts."""
    __tablename__ = "ingest_runs"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    command: Mapped[str] = mapped_column(NulFreeString(20), default="ingest")
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(NulFreeString(20), default="running")   # running | finished | failed
    sources: Mapped[list[Any]] = mapped_column(default=list)
    workers: Mapped[int] = mapped_column(Integer, default=1)
    scheduler: Mapped[str | None] = mapped_column(NulFreeString(300))
    kb_version_id: Mapped[int | None] = mapped_column(ForeignKey("kb_versions.id"))
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)


class IngestProblem(Base):
    """An input item that was rejected, with the reason (kept for later inspection)."""
    __tablename__ = "ingest_problems"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("ingest_runs.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(NulFreeText)
    reason: Mapped[str] = mapped_column(NulFreeText)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    url: Mapped[str | None] = mapped_column(NulFreeText, unique=True)
    content_hash: Mapped[str] = mapped_column(NulFreeString(64), unique=True)
    title: Mapped[str | None] = mapped_column(NulFreeText)
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    as_of: Mapped[dt.date | None] = mapped_column(Date)          # the --as-of used for its claims
    language: Mapped[str] = mapped_column(NulFreeString(10), default="und")
    source: Mapped[str] = mapped_column(NulFreeText)                    # path, "items.jsonl:3", feed#n, URL
    source_id: Mapped[str | None] = mapped_column(NulFreeText)          # the input's own id
    kind: Mapped[str] = mapped_column(NulFreeString(20), default="text")
    fetched: Mapped[str | None] = mapped_column(NulFreeString(40))
    text: Mapped[str] = mapped_column(NulFreeText)
    norm_title: Mapped[str] = mapped_column(SearchText, default="")
    norm_text: Mapped[str] = mapped_column(SearchText)
    search_alt: Mapped[str] = mapped_column(SearchText, default="")   # proclitic-free word forms (search only)
    notes: Mapped[list[Any]] = mapped_column(default=list)
    n_supported: Mapped[int] = mapped_column(Integer, default=0)
    n_refuted: Mapped[int] = mapped_column(Integer, default=0)
    n_unverifiable: Mapped[int] = mapped_column(Integer, default=0)
    n_meetings: Mapped[int] = mapped_column(Integer, default=0)
    kb_version_id: Mapped[int | None] = mapped_column(ForeignKey("kb_versions.id"))
    ingest_run_id: Mapped[int | None] = mapped_column(ForeignKey("ingest_runs.id", ondelete="SET NULL"))
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    claims: Mapped[list[Claim]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                               passive_deletes=True, order_by="Claim.ordinal")
    reports: Mapped[list[MeetingReport]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                        passive_deletes=True)


class Claim(Base):
    """One who-is-who claim and its verdict (the ``liqaa.check/1`` claim fields)."""
    __tablename__ = "claims"
    __table_args__ = (Index(None, "person_id", "date"), Index(None, "verdict"))

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    mention: Mapped[str] = mapped_column(NulFreeText)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    sentence: Mapped[str] = mapped_column(NulFreeText)
    person_id: Mapped[str | None] = mapped_column(NulFreeString(100))
    person_name_en: Mapped[str | None] = mapped_column(NulFreeText)
    person_name_ar: Mapped[str | None] = mapped_column(NulFreeText)
    wikidata: Mapped[str | None] = mapped_column(NulFreeString(20))
    role: Mapped[str | None] = mapped_column(NulFreeString(40))
    country: Mapped[str | None] = mapped_column(NulFreeString(10))
    org: Mapped[str | None] = mapped_column(NulFreeString(40))
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_basis: Mapped[str | None] = mapped_column(NulFreeString(20))
    verdict: Mapped[str] = mapped_column(NulFreeString(20))
    reason: Mapped[str | None] = mapped_column(NulFreeString(60))
    explanation_en: Mapped[str | None] = mapped_column(NulFreeText)
    explanation_ar: Mapped[str | None] = mapped_column(NulFreeText)
    actual_holder_id: Mapped[str | None] = mapped_column(NulFreeString(100))
    record: Mapped[dict[str, Any]] = mapped_column()            # the full check/1 claim object
    kb_version_id: Mapped[int | None] = mapped_column(ForeignKey("kb_versions.id"))

    article: Mapped[Article] = relationship(back_populates="claims")


class Meeting(Base):
    """A meeting merged over every report of it: the reports of one group (participants,
    phone or not) whose days follow each other; ``key`` is the first day's report key
    (``liqaa.meeting_key``)."""
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    key: Mapped[str] = mapped_column(NulFreeText, unique=True)
    group_key: Mapped[str | None] = mapped_column(NulFreeText, index=True)   # the key without its date (always set)
    kind: Mapped[str | None] = mapped_column(NulFreeString(20))
    status: Mapped[str | None] = mapped_column(NulFreeString(20))
    date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_basis: Mapped[str | None] = mapped_column(NulFreeString(20))
    place_name: Mapped[str | None] = mapped_column(NulFreeText)
    place_country: Mapped[str | None] = mapped_column(NulFreeString(10))
    participants: Mapped[list[Any]] = mapped_column(default=list)
    topics: Mapped[list[Any]] = mapped_column(default=list)
    n_reports: Mapped[int] = mapped_column(Integer, default=0)
    first_reported: Mapped[dt.date | None] = mapped_column(Date)
    last_reported: Mapped[dt.date | None] = mapped_column(Date)
    people: Mapped[str] = mapped_column(SearchText, default="")       # normalised names, for --person

    reports: Mapped[list[MeetingReport]] = relationship(back_populates="meeting")


class MeetingReport(Base):
    """One article's report of one meeting: a meetings/1 record (one per article and report
    key; an article may report one meeting on two neighbouring days)."""
    __tablename__ = "meeting_reports"
    __table_args__ = (UniqueConstraint("article_id", "key"),)

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(NulFreeText)                    # the record's own (report) key
    record: Mapped[dict[str, Any]] = mapped_column()            # the meetings/1 meeting object

    article: Mapped[Article] = relationship(back_populates="reports")
    meeting: Mapped[Meeting] = relationship(back_populates="reports")


TABLES = ("kb_versions", "ingest_runs", "ingest_problems", "articles", "claims", "meetings", "meeting_reports")
