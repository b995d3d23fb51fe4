"""Writing analysed articles: one batch = one transaction.

An *analysed article* is a plain dict (what ``liqaa.ingest.analyse_item`` returns, picklable
so that it can come back from a process pool or a Dask worker)::

    {"url", "content_hash", "title", "date", "as_of", "language", "source", "source_id",
     "kind", "fetched", "text", "norm_title", "norm_text", "search_alt", "notes",
     "claims": [liqaa.check/1 claim objects], "meetings": [liqaa.meetings/1 meeting objects]}

``write_batch`` stores a list of them in the caller's transaction: each article with its
claims and its meeting reports, and the merged meetings those reports touch. When the
database refuses an article (a value over one of its limits, say), the batch is written
again with a savepoint per article: that one is rolled back alone and reported
("rejected"), and the rest of the batch is stored. Duplicates
(same URL, same content hash) are detected *inside* the transaction, so two writers never
store an article twice. Meeting rows are recomputed from all their reports, in a
deterministic order, so the archive does not depend on the order articles arrived in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections import Counter
from typing import Any, Iterable

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, StatementError

from liqaa.meeting_key import group_of, meeting_keys, participant_ident
from liqaa.store.db import one_line
from liqaa.store.models import Article, Claim, IngestProblem, IngestRun, KBVersion, Meeting, MeetingReport
from liqaa.text import normalize

STATUS_RANK = {"happened": 0, "planned": 1, "speculated": 2}
MAX_TOPIC_EVIDENCE = 5


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def content_hash(text: str) -> str:
    """Identity of an article's content: SHA-256 of its NFC text with whitespace runs
    collapsed (re-wrapped or re-indented copies are the same article)."""
    canon = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def _date(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _insert(conn: Connection, table):
    """INSERT ... ON CONFLICT DO NOTHING in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table).on_conflict_do_nothing()


# --------------------------------------------------------------------------- KB versions, runs

def kb_version_id(conn: Connection, version: str, as_of: dt.date) -> int:
    conn.execute(_insert(conn, KBVersion), {"version": version, "as_of": as_of, "first_used": now()})
    return conn.execute(select(KBVersion.id).where(KBVersion.version == version, KBVersion.as_of == as_of)).scalar_one()


def start_run(conn: Connection, *, command: str, sources: list[str], workers: int, scheduler: str | None,
              kb_version: int | None) -> int:
    return conn.execute(insert(IngestRun).returning(IngestRun.id), {
        "command": command, "started_at": now(), "status": "running", "sources": list(sources),
        "workers": workers, "scheduler": scheduler, "kb_version_id": kb_version, "counts": {},
    }).scalar_one()


def update_run(conn: Connection, run_id: int, counts: dict, *, status: str | None = None) -> None:
    values: dict[str, Any] = {"counts": dict(counts)}
    if status:
        values["status"] = status
        values["finished_at"] = now()
    conn.execute(update(IngestRun).where(IngestRun.id == run_id).values(**values))


def add_problems(conn: Connection, run_id: int, problems: Iterable[tuple[str, str]]) -> None:
    rows = [{"run_id": run_id, "source": s, "reason": r} for s, r in problems]
    if rows:
        conn.execute(insert(IngestProblem), rows)


# --------------------------------------------------------------------------- duplicates

def existing(conn: Connection, urls: Iterable[str], hashes: Iterable[str]) -> tuple[dict[str, str], set[str]]:
    """({url: content_hash} of stored articles with one of ``urls``, stored hashes among ``hashes``)."""
    urls, hashes = [u for u in set(urls) if u], list(set(hashes))
    by_url: dict[str, str] = {}
    found: set[str] = set()
    for chunk in _chunks(urls, 500):
        for url, h in conn.execute(select(Article.url, Article.content_hash).where(Article.url.in_(chunk))):
            by_url[url] = h
    for chunk in _chunks(hashes, 500):
        found.update(conn.execute(select(Article.content_hash).where(Article.content_hash.in_(chunk))).scalars())
    return by_url, found


def _chunks(seq: list, n: int):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


# --------------------------------------------------------------------------- rows

def article_row(a: dict, *, kb_version: int | None, run_id: int | None, stamp: dt.datetime) -> dict:
    summary = Counter(c.get("verdict") for c in a.get("claims") or [])
    return {
        "url": a.get("url") or None, "content_hash": a["content_hash"], "title": a.get("title"),
        "date": _date(a.get("date")), "as_of": _date(a.get("as_of")), "language": a.get("language") or "und",
        "source": a.get("source") or "", "source_id": a.get("source_id"), "kind": a.get("kind") or "text",
        "fetched": a.get("fetched"), "text": a["text"], "norm_title": a.get("norm_title") or "",
        "norm_text": a["norm_text"], "search_alt": a.get("search_alt") or "", "notes": list(a.get("notes") or []),
        "n_supported": summary["supported"], "n_refuted": summary["refuted"],
        "n_unverifiable": summary["unverifiable"], "n_meetings": len(a.get("meetings") or []),
        "kb_version_id": kb_version, "ingest_run_id": run_id, "ingested_at": stamp, "checked_at": stamp,
    }


def claim_rows(article_id: int, claims: list[dict], kb_version: int | None) -> list[dict]:
    rows = []
    for i, c in enumerate(claims):
        person = c.get("person") or {}
        holder = c.get("actual_holder") or {}
        holder_person = holder.get("person") if isinstance(holder, dict) else None
        explanation = c.get("explanation") or {}
        rows.append({
            "article_id": article_id, "ordinal": i, "mention": c.get("mention") or "",
            "start": int(c.get("start") or 0), "end": int(c.get("end") or 0), "sentence": c.get("sentence") or "",
            "person_id": person.get("id"), "person_name_en": person.get("name_en"),
            "person_name_ar": person.get("name_ar"), "wikidata": person.get("wikidata"),
            "role": c.get("role"), "country": c.get("country"), "org": c.get("org"),
            "date": _date(c.get("date")), "date_basis": c.get("date_basis"), "verdict": c.get("verdict") or "unverifiable",
            "reason": c.get("reason"), "explanation_en": explanation.get("en"), "explanation_ar": explanation.get("ar"),
            "actual_holder_id": (holder_person or {}).get("id") if isinstance(holder_person, dict) else holder.get("id"),
            "record": c, "kb_version_id": kb_version,
        })
    return rows


# --------------------------------------------------------------------------- writing

def delete_articles(conn: Connection, article_ids: list[int]) -> set[int]:
    """Delete articles (claims and reports go with them); returns the meetings touched."""
    touched: set[int] = set()
    for chunk in _chunks(list(article_ids), 500):
        touched.update(conn.execute(select(MeetingReport.meeting_id).where(MeetingReport.article_id.in_(chunk))).scalars())
        conn.execute(delete(MeetingReport).where(MeetingReport.article_id.in_(chunk)))
        conn.execute(delete(Claim).where(Claim.article_id.in_(chunk)))
        conn.execute(delete(Article).where(Article.id.in_(chunk)))
    return touched


def refused_by_database(error: BaseException) -> bool:
    """Whether ``error`` is the database refusing one article's values (a data exception,
    a constraint, a value over a limit, a value the driver cannot bind), as opposed to the
    database failing as a whole (connection lost, deadlock, disk full), which stops the batch."""
    if isinstance(error, DBAPIError):
        code = getattr(error.orig, "sqlstate", None)
        if code:    # PostgreSQL: 22 data exception, 23 integrity violation, 54 program limit exceeded
            return code[:2] in ("22", "23", "54")
        return isinstance(error, (DataError, IntegrityError))
    return isinstance(error, (StatementError, ValueError, TypeError, OverflowError))


def refusal_reason(error: BaseException) -> str:
    return f"the archive refused it ({type(getattr(error, 'orig', None) or error).__name__}: {one_line(error)})"


def store_articles(conn: Connection, articles: list[dict], *, kb_version: int | None, run_id: int | None,
                   stamp: dt.datetime) -> dict[str, int]:
    """Insert articles and their claims: {content hash: article id}, without the articles
    another writer stored a moment ago."""
    rows = [article_row(a, kb_version=kb_version, run_id=run_id, stamp=stamp) for a in articles]
    returned = conn.execute(_insert(conn, Article).returning(Article.id, Article.content_hash), rows).all()
    ids = {h: i for i, h in returned}
    claims = [row for a in articles if a["content_hash"] in ids
              for row in claim_rows(ids[a["content_hash"]], a.get("claims") or [], kb_version)]
    if claims:
        conn.execute(insert(Claim), claims)
    return ids


def store_each(conn: Connection, articles: list[dict], **row_values) -> tuple[dict[str, int], list[tuple[dict, str]]]:
    """``store_articles`` with one savepoint per article: the ones the database refuses are
    rolled back alone. Returns (ids, [(article, reason)])."""
    ids: dict[str, int] = {}
    refused = []
    for a in articles:
        try:
            with conn.begin_nested():
                ids.update(store_articles(conn, [a], **row_values))
        except Exception as e:
            if not refused_by_database(e):
                raise
            refused.append((a, refusal_reason(e)))
    return ids, refused


def store_batch(conn: Connection, articles: list[dict], **row_values) -> tuple[dict[str, int], list[tuple[dict, str]]]:
    """All articles in one savepoint, the fast way (a few multi-row INSERTs); when the
    database refuses any of them, again article by article (``store_each``), so that
    one bad article is one rejection and the rest of the batch is stored."""
    try:
        with conn.begin_nested():
            return store_articles(conn, articles, **row_values), []
    except Exception as e:
        if not refused_by_database(e):
            raise
    return store_each(conn, articles, **row_values)


def write_batch(conn: Connection, articles: list[dict], *, kb_version: int | None, run_id: int | None) -> dict[str, Any]:
    """Store analysed articles in the current transaction. Returns
    ``{"added": n, "updated": n, "skipped": [(article, reason)], "rejected": [(article, reason)],
    "claims": n, "meetings": n}``; an article whose URL is stored with other content replaces
    it ("updated"); one the database refuses is "rejected" and the others are stored."""
    stamp = now()
    by_url, hashes = existing(conn, (a.get("url") for a in articles), (a["content_hash"] for a in articles))
    to_store, skipped, replace = [], [], []
    seen_urls, seen_hashes = set(), set()
    for a in articles:
        url, h = a.get("url") or None, a["content_hash"]
        if url and by_url.get(url) == h:
            skipped.append((a, "already stored"))
        elif h in hashes or h in seen_hashes:
            skipped.append((a, "same content already stored"))
        elif url and url in seen_urls:
            skipped.append((a, "same URL earlier in this batch"))
        else:
            if url and url in by_url:   # the page changed since it was stored
                replace.append(url)
            seen_hashes.add(h)
            if url:
                seen_urls.add(url)
            to_store.append(a)

    touched: set[int] = set()
    replaced_ids = list(conn.execute(select(Article.id).where(Article.url.in_(replace))).scalars()) if replace else []
    if replaced_ids:
        # the groups whose reports go, locked before they go (the new reports' groups are
        # locked after the articles are inserted, as a writer waiting on another's article
        # must hold no group)
        lock_groups(conn, groups_of_articles(conn, replaced_ids))
        touched |= delete_articles(conn, replaced_ids)

    result = {"added": 0, "updated": 0, "skipped": skipped, "rejected": [], "claims": 0, "meetings": 0, "ids": {}}
    if not to_store:
        refresh_meetings(conn, add_reports(conn, [], regroup=touched))
        return result
    if conn.dialect.name == "postgresql":
        # Concurrent writers wait on each other's uncommitted unique keys: inserting in
        # one global order (by content hash) keeps them from waiting in a circle.
        to_store.sort(key=lambda a: a["content_hash"])
    replaced = set(replace)
    reports = []
    ids, result["rejected"] = store_batch(conn, to_store, kb_version=kb_version, run_id=run_id, stamp=stamp)
    refused = {a["content_hash"] for a, _ in result["rejected"]}
    for a in to_store:
        if a["content_hash"] in refused:
            continue
        article_id = ids.get(a["content_hash"])
        if article_id is None:      # another writer stored it a moment ago
            skipped.append((a, "same content already stored"))
            continue
        result["ids"][a["content_hash"]] = article_id
        if a.get("url") in replaced:
            result["updated"] += 1
        else:
            result["added"] += 1
        result["claims"] += len(a.get("claims") or [])
        reports += [(article_id, m) for m in a.get("meetings") or [] if m.get("key")]
    touched = add_reports(conn, reports, regroup=touched)
    result["meetings"] = len(reports)
    refresh_meetings(conn, touched)
    return result


def lock_groups(conn: Connection, groups: Iterable[str]) -> None:
    """PostgreSQL: take the transaction's lock on each meeting group (in one global order,
    so that writers never wait in a circle) before its reports or meetings change:
    concurrent writers regroup a group one after the other. A no-op for groups the
    transaction holds already; SQLite writers are serialised by BEGIN IMMEDIATE."""
    if conn.dialect.name != "postgresql":
        return
    for group in sorted(set(groups)):
        conn.execute(select(func.pg_advisory_xact_lock(_lock_id(group))))


def _lock_id(group: str) -> int:
    digest = hashlib.sha256(f"liqaa meeting group {group}".encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def groups_of_articles(conn: Connection, article_ids: Iterable[int]) -> set[str]:
    """The meeting groups the articles' stored reports belong to."""
    groups: set[str] = set()
    for chunk in _chunks(sorted(set(article_ids)), 500):
        groups.update(conn.execute(select(Meeting.group_key).join(MeetingReport, MeetingReport.meeting_id == Meeting.id)
                                   .where(MeetingReport.article_id.in_(chunk))).scalars())
    return groups


def add_reports(conn: Connection, reports: list[tuple[int, dict]], regroup: Iterable[int] = ()) -> set[int]:
    """Insert meeting reports and regroup every group they (or the meetings ``regroup``)
    belong to: each run of reports whose days follow each other is one meeting
    (``liqaa.meeting_key.meeting_keys``), whatever order the reports came in. Returns the
    meetings to refresh (those that gained or lost reports)."""
    touched = set(regroup)
    groups = {group_of(m["key"]) for _, m in reports}
    for chunk in _chunks(sorted(touched), 500):
        groups.update(conn.execute(select(Meeting.group_key).where(Meeting.id.in_(chunk))).scalars())
    if not groups:
        return touched
    lock_groups(conn, groups)
    stored = []   # (report id, report key, meeting id)
    for chunk in _chunks(sorted(groups), 500):
        stored += conn.execute(select(MeetingReport.id, MeetingReport.key, MeetingReport.meeting_id)
                               .join(Meeting, Meeting.id == MeetingReport.meeting_id)
                               .where(Meeting.group_key.in_(chunk))).all()
    target = meeting_keys([k for _, k, _ in stored] + [m["key"] for _, m in reports])
    keys = sorted(set(target.values()))
    conn.execute(_insert(conn, Meeting), [{"key": k, "group_key": group_of(k), "participants": [], "topics": [],
                                           "n_reports": 0, "people": ""} for k in keys])
    ids: dict[str, int] = {}
    for chunk in _chunks(keys, 500):
        ids.update((k, i) for k, i in conn.execute(select(Meeting.key, Meeting.id).where(Meeting.key.in_(chunk))))
    moves: dict[int, list[int]] = {}
    for report_id, key, meeting_id in stored:
        if ids[target[key]] != meeting_id:
            moves.setdefault(ids[target[key]], []).append(report_id)
            touched.add(meeting_id)
    for meeting_id, report_ids in sorted(moves.items()):
        for chunk in _chunks(sorted(report_ids), 500):
            conn.execute(update(MeetingReport).where(MeetingReport.id.in_(chunk)).values(meeting_id=meeting_id))
    rows: dict[tuple[int, str], dict] = {}
    for article_id, m in reports:
        row = rows.get((article_id, m["key"]))
        if row is None:
            rows[article_id, m["key"]] = {"article_id": article_id, "meeting_id": ids[target[m["key"]]],
                                          "key": m["key"], "record": m}
        else:    # one report per article and report key: the article tells the meeting twice
            row["record"] = combine_records(row["record"], m)
    if rows:
        conn.execute(_insert(conn, MeetingReport), list(rows.values()))
    return touched | set(moves) | {ids[target[m["key"]]] for _, m in reports}


def combine_records(first: dict, other: dict) -> dict:
    """One article's two records with the same report key (the same meeting, told with
    another place or status): the first, with what the other adds (participants, topics,
    goals, triggers, evidence)."""
    out = dict(first)
    for field in ("evidence", "triggers", "goals"):
        mine = list(first.get(field) or [])
        out[field] = mine + [x for x in other.get(field) or [] if x not in mine]
    known = {_participant_ident(p) for p in first.get("participants") or []}
    out["participants"] = list(first.get("participants") or []) + \
        [p for p in other.get("participants") or [] if _participant_ident(p) not in known]
    topics = {t.get("topic"): dict(t) for t in first.get("topics") or []}
    for t in other.get("topics") or []:
        mine = topics.setdefault(t.get("topic"), {**t, "evidence": []})
        mine["evidence"] = list(mine.get("evidence") or []) + \
            [e for e in t.get("evidence") or [] if e not in (mine.get("evidence") or [])]
    out["topics"] = list(topics.values())
    return out


# --------------------------------------------------------------------------- merging meetings

def refresh_meetings(conn: Connection, meeting_ids: Iterable[int]) -> None:
    """Recompute merged meetings from their reports; meetings left without reports go."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return
    for chunk in _chunks(ids, 200):
        q = select(Meeting.id, Meeting.key).where(Meeting.id.in_(chunk)).order_by(Meeting.key)
        if conn.dialect.name == "postgresql":
            q = q.with_for_update()     # concurrent writers merge one after the other
        keys = {i: k for i, k in conn.execute(q)}
        reports: dict[int, list[tuple[dict, dict]]] = {i: [] for i in keys}
        rows = conn.execute(
            select(MeetingReport.meeting_id, MeetingReport.record, Article.date, Article.url, Article.content_hash)
            .join(Article, Article.id == MeetingReport.article_id)
            .where(MeetingReport.meeting_id.in_(chunk)))
        for meeting_id, record, date, url, h in rows:
            reports[meeting_id].append((record, {"date": date, "url": url, "hash": h}))
        empty = [i for i, r in reports.items() if not r]
        if empty:
            conn.execute(delete(Meeting).where(Meeting.id.in_(empty)))
        for meeting_id, items in reports.items():
            if items:
                conn.execute(update(Meeting).where(Meeting.id == meeting_id).values(**merge_reports(items)))


def _most_common(values: list, default=None):
    values = [v for v in values if v not in (None, "", {}, [])]
    if not values:
        return default
    counts = Counter(map(repr, values))
    best = max(counts.values())
    return next(v for v in values if counts[repr(v)] == best)   # ties: earliest report


def _participant_ident(p: dict) -> str:
    person = p.get("person") if isinstance(p.get("person"), dict) else {}
    return participant_ident(person.get("id"), p.get("type"), p.get("country"), p.get("org"), p.get("mention"))


def merge_reports(items: list[tuple[dict, dict]]) -> dict[str, Any]:
    """The merged meeting of several reports ((record, article info) pairs)."""
    items = sorted(items, key=lambda ra: (str(ra[1]["date"] or ""), ra[1]["hash"]))
    records = [r for r, _ in items]
    explicit = [r for r in records if r.get("date_basis") == "explicit" and r.get("date")]
    dated = explicit or [r for r in records if r.get("date")]
    date = _most_common([r.get("date") for r in dated])
    basis = next((r.get("date_basis") for r in dated if r.get("date") == date), None)
    places = [r.get("place") for r in records if isinstance(r.get("place"), dict)]
    place_key = _most_common([(p.get("name"), p.get("country")) for p in places if p.get("name") or p.get("country")])
    place = {"name": place_key[0], "country": place_key[1]} if place_key else None
    statuses = [r.get("status") for r in records if r.get("status")]
    participants: dict[str, dict] = {}
    for r in records:
        for p in r.get("participants") or []:
            person = p.get("person") or None
            key = _participant_ident(p)
            merged = participants.get(key)
            if merged is None:
                merged = participants[key] = {"mention": p.get("mention"), "person": person, "role": p.get("role"),
                                              "country": p.get("country"), "side": p.get("side"), "mentions": [],
                                              "identity_verdict": p.get("identity_verdict")}
            elif merged.get("role") is None and p.get("role") is not None:
                merged["identity_verdict"] = p.get("identity_verdict")   # the verdict goes with its role
            for field in ("role", "country", "side"):
                if merged.get(field) is None and p.get(field) is not None:
                    merged[field] = p[field]
            if p.get("mention") and p["mention"] not in merged["mentions"]:
                merged["mentions"].append(p["mention"])
    topics: dict[str, dict] = {}
    topic_articles: dict[str, set[str]] = {}
    for r, info in items:
        for t in r.get("topics") or []:
            topic = t.get("topic")
            if not topic:
                continue
            merged = topics.setdefault(topic, {"topic": topic, "reports": 0, "stated_by": [], "evidence": []})
            reporting = topic_articles.setdefault(topic, set())
            if info["hash"] not in reporting:     # reports counts articles, not records
                reporting.add(info["hash"])
                merged["reports"] += 1
            if t.get("stated_by") and t["stated_by"] not in merged["stated_by"]:
                merged["stated_by"].append(t["stated_by"])
            for ev in t.get("evidence") or []:
                if len(merged["evidence"]) < MAX_TOPIC_EVIDENCE:
                    merged["evidence"].append({"article": info["url"] or info["hash"], **ev})
    people = set()
    for p in participants.values():
        person = p.get("person") if isinstance(p.get("person"), dict) else {}
        for name in [*p["mentions"], person.get("name_en"), person.get("name_ar"), person.get("id")]:
            if name:
                people.add(normalize(str(name)))
    dates = [info["date"] for _, info in items if info["date"]]
    return {
        "kind": _most_common([r.get("kind") for r in records]),
        "status": min(statuses, key=lambda s: STATUS_RANK.get(s, 9)) if statuses else None,
        "date": _date(date), "date_basis": basis,
        "place_name": (place or {}).get("name") if isinstance(place, dict) else None,
        "place_country": (place or {}).get("country") if isinstance(place, dict) else None,
        "participants": list(participants.values()),
        "topics": sorted(topics.values(), key=lambda t: (-t["reports"], t["topic"])),
        "n_reports": len({info["hash"] for _, info in items}),
        "first_reported": min(dates) if dates else None,
        "last_reported": max(dates) if dates else None,
        "people": " | ".join(sorted(people)),
    }


def replace_analysis(conn: Connection, article_id: int, analysed: dict, *, kb_version: int | None) -> None:
    """Swap an article's claims and meeting reports for a new analysis (recheck)."""
    meetings = [m for m in analysed.get("meetings") or [] if m.get("key")]
    lock_groups(conn, groups_of_articles(conn, [article_id]) | {group_of(m["key"]) for m in meetings})
    touched = set(conn.execute(select(MeetingReport.meeting_id).where(MeetingReport.article_id == article_id)).scalars())
    conn.execute(delete(MeetingReport).where(MeetingReport.article_id == article_id))
    conn.execute(delete(Claim).where(Claim.article_id == article_id))
    claims = claim_rows(article_id, analysed.get("claims") or [], kb_version)
    if claims:
        conn.execute(insert(Claim), claims)
    summary = Counter(c.get("verdict") for c in analysed.get("claims") or [])
    conn.execute(update(Article).where(Article.id == article_id).values(
        n_supported=summary["supported"], n_refuted=summary["refuted"], n_unverifiable=summary["unverifiable"],
        n_meetings=len(meetings), kb_version_id=kb_version, checked_at=now(), language=analysed.get("language") or "und"))
    touched = add_reports(conn, [(article_id, m) for m in meetings], regroup=touched)
    refresh_meetings(conn, touched)


def count_rows(conn: Connection) -> dict[str, int]:
    return {name: conn.execute(select(func.count()).select_from(model)).scalar_one()
            for name, model in (("articles", Article), ("claims", Claim), ("meetings", Meeting),
                                ("meeting_reports", MeetingReport))}

