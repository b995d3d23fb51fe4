"""Reading the archive: full-text search, merged meetings, exports."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from sqlalchemy import select, text

from liqaa.store import fts
from liqaa.store.db import Store
from liqaa.store.models import Article, Claim, KBVersion, Meeting
from liqaa.text import normalize


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


# --------------------------------------------------------------------------- search

def search(store: Store, query: str, *, limit: int = 20) -> list[dict]:
    """Articles matching every word of ``query`` (Arabic-normalised, proclitics ignored),
    best first, each with a snippet of its original text. Raises fts.QueryError.

    The index finds a word behind proclitics (بوتين finds لبوتين); a query that finds
    nothing as typed is tried once more with its own proclitics dropped (لبوتين finds
    بوتين)."""
    q = fts.Query.parse(query)
    with store.engine.connect() as conn:
        scored = _matches(conn, store.dialect, q, limit)
        stripped = q.stripped()
        if not scored and stripped is not None:
            q, scored = stripped, _matches(conn, store.dialect, stripped, limit)
    out = []
    for r, score in scored:
        passage, spans = fts.snippet(r.text, q)
        out.append({"id": r.id, "url": r.url, "title": r.title, "date": _iso(r.date), "source": r.source,
                    "language": r.language, "refuted": r.n_refuted, "score": round(float(score), 4),
                    "snippet": passage, "highlights": [list(s) for s in spans]})
    return out


def _matches(conn, dialect: str, q: fts.Query, limit: int) -> list[tuple[Any, float]]:
    """(article row, score) of the best matches, best first."""
    if dialect == "sqlite":
        rows = conn.execute(text(
            f"SELECT a.id, a.url, a.title, a.date, a.source, a.language, a.text, a.n_refuted, "
            f"bm25({fts.FTS_TABLE}, 4.0, 1.0, 0.5) AS score "
            f"FROM {fts.FTS_TABLE} JOIN articles a ON a.id = {fts.FTS_TABLE}.rowid "
            f"WHERE {fts.FTS_TABLE} MATCH :q ORDER BY score, a.date DESC, a.id LIMIT :n"),
            {"q": q.fts5(), "n": limit}).all()
        return [(r, -r.score) for r in rows]
    if dialect == "postgresql":
        rows = conn.execute(text(
            f"SELECT a.id, a.url, a.title, a.date, a.source, a.language, a.text, a.n_refuted, "
            f"ts_rank(a.{fts.PG_COLUMN}, query) AS score "
            f"FROM articles a, to_tsquery('simple', :q) query "
            f"WHERE a.{fts.PG_COLUMN} @@ query ORDER BY score DESC, a.date DESC NULLS LAST, a.id LIMIT :n"),
            {"q": q.tsquery(), "n": limit}).all()
        return [(r, r.score) for r in rows]
    raise NotImplementedError(dialect)  # pragma: no cover - open_store refuses other databases


# --------------------------------------------------------------------------- meetings

def meeting_dict(m: Meeting) -> dict:
    return {
        "key": m.key, "kind": m.kind, "status": m.status, "date": _iso(m.date), "date_basis": m.date_basis,
        "place": {"name": m.place_name, "country": m.place_country} if (m.place_name or m.place_country) else None,
        "participants": m.participants, "topics": m.topics, "reports": m.n_reports,
        "first_reported": _iso(m.first_reported), "last_reported": _iso(m.last_reported),
    }


def meetings(store: Store, *, person: str | None = None, since: dt.date | None = None,
             until: dt.date | None = None, limit: int | None = None, with_sources: bool = True) -> list[dict]:
    """Merged meetings, newest first (undated last). ``person`` matches a participant's
    name as written, the KB's English or Arabic name, or KB id (normalised, substring)."""
    q = select(Meeting)
    if person:
        for word in normalize(person).split():
            q = q.where(Meeting.people.contains(word, autoescape=True))
    if since:
        q = q.where(Meeting.date >= since)
    if until:
        q = q.where(Meeting.date <= until)
    q = q.order_by(Meeting.date.is_(None), Meeting.date.desc(), Meeting.key)
    if limit:
        q = q.limit(limit)
    with store.session() as s:
        found = list(s.scalars(q))
        out = [meeting_dict(m) for m in found]
        if with_sources and found:
            from liqaa.store.models import MeetingReport

            by_meeting: dict[int, list[dict]] = {}
            rows = s.execute(select(MeetingReport.meeting_id, Article.id, Article.url, Article.title, Article.date,
                                    Article.source)
                             .join(Article, Article.id == MeetingReport.article_id)
                             .where(MeetingReport.meeting_id.in_([m.id for m in found]))
                             .order_by(Article.date, Article.id))
            listed = set()
            for mid, article_id, url, title, date, source in rows:
                if (mid, article_id) not in listed:   # an article may report a meeting on two days
                    listed.add((mid, article_id))
                    by_meeting.setdefault(mid, []).append({"url": url, "title": title, "date": _iso(date),
                                                           "source": source})
            for m, d in zip(found, out):
                d["sources"] = by_meeting.get(m.id, [])
    return out


# --------------------------------------------------------------------------- exports

ARTICLE_FIELDS = ("id", "url", "content_hash", "title", "date", "language", "source", "source_id", "kind",
                  "fetched", "n_supported", "n_refuted", "n_unverifiable", "n_meetings", "kb_version",
                  "ingested_at", "text")
CLAIM_FIELDS = ("article_id", "article_url", "ordinal", "mention", "start", "end", "sentence", "person_id",
                "person_name_en", "person_name_ar", "wikidata", "role", "country", "org", "date", "date_basis",
                "verdict", "reason", "explanation_en", "explanation_ar", "actual_holder_id", "kb_version")
MEETING_FIELDS = ("key", "kind", "status", "date", "date_basis", "place_name", "place_country", "participants",
                  "topics", "reports", "first_reported", "last_reported")


def export_rows(store: Store, what: str, *, flat: bool = False, batch: int = 1000) -> Iterator[dict]:
    """Rows of ``articles``, ``claims`` or ``meetings``. ``flat`` (CSV, Parquet): one
    level of scalar columns, nested values as JSON text; otherwise full records (JSONL:
    claims and meetings as in the check/1 and meetings/1 contracts, plus where they come from)."""
    import json

    def dump(v):
        return json.dumps(v, ensure_ascii=False, sort_keys=True) if isinstance(v, (dict, list)) else v

    kb_label = {}
    with store.session() as s:
        for kid, version, as_of in s.execute(select(KBVersion.id, KBVersion.version, KBVersion.as_of)):
            kb_label[kid] = f"{version} ({as_of})"
        if what == "articles":
            q = select(Article).order_by(Article.id).execution_options(yield_per=batch)
            for a in s.scalars(q):
                row = {f: _iso(getattr(a, f)) for f in ARTICLE_FIELDS if f != "kb_version"}
                row["kb_version"] = kb_label.get(a.kb_version_id)
                row = {f: row[f] for f in ARTICLE_FIELDS}
                if not flat:
                    row["notes"] = a.notes
                yield row
                s.expunge(a)
        elif what == "claims":
            q = (select(Claim, Article.url).join(Article, Article.id == Claim.article_id)
                 .order_by(Claim.article_id, Claim.ordinal).execution_options(yield_per=batch))
            for c, url in s.execute(q):
                if flat:
                    row = {f: _iso(getattr(c, f, None)) for f in CLAIM_FIELDS}
                    row["article_url"] = url
                    row["kb_version"] = kb_label.get(c.kb_version_id)
                    yield row
                else:
                    yield {"article_id": c.article_id, "article_url": url, "kb_version": kb_label.get(c.kb_version_id),
                           **c.record}
                s.expunge(c)
        elif what == "meetings":
            for d in meetings(store, with_sources=not flat):
                if flat:
                    place = d.get("place") or {}
                    yield {"key": d["key"], "kind": d["kind"], "status": d["status"], "date": d["date"],
                           "date_basis": d["date_basis"], "place_name": place.get("name"),
                           "place_country": place.get("country"), "participants": dump(d["participants"]),
                           "topics": dump(d["topics"]), "reports": d["reports"],
                           "first_reported": d["first_reported"], "last_reported": d["last_reported"]}
                else:
                    yield d
        else:
            raise ValueError(f"cannot export {what!r} (articles, claims or meetings)")


FIELDS = {"articles": ARTICLE_FIELDS, "claims": CLAIM_FIELDS, "meetings": MEETING_FIELDS}


def stats(store: Store) -> dict[str, int]:
    from liqaa.store.write import count_rows

    with store.engine.connect() as conn:
        return count_rows(conn)
