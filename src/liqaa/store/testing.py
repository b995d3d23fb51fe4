"""Helpers for tests of the archive: throw-away PostgreSQL schemas and a canonical dump
of an archive's content for comparing two archives (independent of row ids)."""

from __future__ import annotations

import json
import os
import uuid
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

PG_ENV = "LIQAA_TEST_PG_URL"


def pg_unavailable() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None."""
    return _pg_unavailable(os.environ.get(PG_ENV, "").strip())


@lru_cache(maxsize=4)
def _pg_unavailable(url: str) -> str | None:
    if not url:
        return (f"{PG_ENV} is not set: PostgreSQL store tests need a server "
                f"(run `eval \"$(bash .ci/postgres.sh)\"` as root to start one)")
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(url, connect_args={"connect_timeout": 5})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as e:  # driver missing, refused, auth...
        return f"PostgreSQL at {PG_ENV} is not reachable ({' '.join(str(e).split())[:200]})"
    return None


@contextmanager
def pg_schema_url() -> Iterator[str]:
    """A URL whose search_path is a fresh schema, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = os.environ[PG_ENV].strip()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def dump_archive(store) -> dict:
    """The archive's content keyed by content (URL, hash, meeting key), not by row ids or
    timestamps: equal dumps mean the same articles, claims, meetings and reports."""
    from sqlalchemy import select

    from liqaa.store.models import Article, Claim, Meeting, MeetingReport

    def canon(v):
        return json.loads(json.dumps(v, sort_keys=True, default=str))

    with store.session() as s:
        hashes = {i: h for i, h in s.execute(select(Article.id, Article.content_hash))}
        articles = sorted(
            (a.content_hash, a.url, a.title, str(a.date), a.language, a.norm_text, a.search_alt,
             a.n_supported, a.n_refuted, a.n_unverifiable, a.n_meetings)
            for a in s.scalars(select(Article)))
        claims = sorted((hashes[c.article_id], c.ordinal, json.dumps(canon(c.record), sort_keys=True),
                         c.verdict) for c in s.scalars(select(Claim)))
        meetings = sorted(
            (m.key, m.kind, m.status, str(m.date), m.place_name, m.place_country,
             json.dumps(canon(m.participants), sort_keys=True), json.dumps(canon(m.topics), sort_keys=True),
             m.n_reports, m.people) for m in s.scalars(select(Meeting)))
        keys = {i: k for i, k in s.execute(select(Meeting.id, Meeting.key))}
        reports = sorted((hashes[r.article_id], keys[r.meeting_id], r.key) for r in s.scalars(select(MeetingReport)))
    return {"articles": articles, "claims": claims, "meetings": meetings, "reports": reports}


_TEMPLATES = [
    ("2025-02-11", "استقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي ستيف ويتكوف لبحث الحرب في أوكرانيا."),
    ("2025-05-13", "التقى الرئيس الأمريكي دونالد ترامب ولي العهد السعودي الأمير محمد بن سلمان في الرياض لبحث الاستثمار والطاقة."),
    ("2025-03-13", "استقبل الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر ويتكوف في موسكو لبحث أسعار الغاز."),
    ("2025-02-11", "Russian President Vladimir Putin met US special envoy Steve Witkoff in Moscow to discuss the war in Ukraine."),
    ("2025-04-02", "وقالت وزارة الاقتصاد إن أسعار النفط ارتفعت خلال الربع الأول، وإن الصادرات غير النفطية نمت."),
    # Ordinary Arabic news with tatweel and tashkeel: the normaliser's placeholders for the
    # marks it drops (NUL) must not reach the archive.
    ("2025-09-29", "وذكرت الإذاعـة العامة أنّ رئيسَ الوزراء الإسرائيلي بنيامين نتنياهو التقى الرئيسَ الأمريكي "
                   "دونالد ترامب في البيت الأبيض، وبحث الجانبان الـ 20 بندا من خطة غزة."),
    ("2025-04-14", "وأفادت القناةُ الـ 14 بأن المبعوث الأمريكي ستيف ويتكوف التقـى في مسقط وزيرَ الخارجية "
                   "الإيراني عباس عراقجي لبحث الملف النووي."),
    # An input that carries a NUL of its own (in its text and its title).
    ("2025-03-11", "استقبل ولي العهد السعودي الأمير محمد بن سلمان\x00 في جدة وزير الخارجية الأمريكي ماركو روبيو "
                   "لبحث الحرب في أوكرانيا."),
]
_FILLER = ["وأكد المتحدث أن الاجتماع تناول العلاقات الثنائية.", "وتابع أن العمل مستمر مع الشركاء الإقليميين.",
           "The talks were described as constructive by officials.", "وتشهد الأسواق ترقبا لقرارات جديدة."]


def sample_items(n: int, *, start: int = 0, with_urls: bool = True) -> list[dict]:
    """``n`` small news items (JSONL records) with real claims and meetings, each unique."""
    items = []
    for i in range(start, start + n):
        date, lead = _TEMPLATES[i % len(_TEMPLATES)]
        text = f"{lead}\n\n{_FILLER[i % len(_FILLER)]} (نشرة رقم {i})"
        title = f"خبر\x00 رقم {i}" if "\x00" in lead else f"خبر رقم {i}"
        item = {"id": f"item-{i}", "text": text, "date": date, "title": title}
        if with_urls and i % 7 != 3:
            item["url"] = f"https://news.example/a/{i}"
        items.append(item)
    return items


def write_jsonl(path, items) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")


def values_with_nul(store) -> list[str]:
    """``table.column`` of every stored string or JSON value that holds a NUL (read back
    through the driver, which returns the whole value, where SQLite's SQL stops at a NUL)."""
    from sqlalchemy import select

    from liqaa.store.models import Base

    def has_nul(value) -> bool:
        if isinstance(value, str):
            return "\x00" in value
        if isinstance(value, dict):
            return any(has_nul(k) or has_nul(v) for k, v in value.items())
        if isinstance(value, list):
            return any(has_nul(v) for v in value)
        return False

    found = set()
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            for row in conn.execute(select(table)):
                found.update(f"{table.name}.{col}" for col, value in row._mapping.items() if has_nul(value))
    return sorted(found)
