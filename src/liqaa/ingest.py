"""Ingest: sources -> analysis (check + meetings) -> the archive, at scale and safely.

    >>> from liqaa.ingest import ingest, iter_sources
    >>> from liqaa.store import open_store
    >>> summary = ingest(iter_sources(["articles/", "feeds.txt"]), open_store())

Guarantees:

* **Idempotent.** An article is stored once: by URL (a URL whose content changed is
  replaced, "updated") and by content hash (the same text from another source is skipped).
* **Resumable.** Articles are written in batches, each batch in one transaction together
  with its claims, meeting reports and merged meetings. A run killed at any moment (even
  SIGKILL) loses only the batch in flight; a re-run skips what is stored — before
  analysing it — and finishes the rest: nothing lost, nothing doubled.
* **One writer.** Analysis runs in this process (``workers=1``), in a process pool
  (``workers=N``) or on a Dask cluster (``scheduler="tcp://host:8786"``); the database is
  written only by the calling process, in input order.
* **Nothing fatal but the store.** Unreadable inputs, bad items, articles whose analysis
  fails: each is reported with its reason (``progress("rejected", ...)``), stored in
  ``ingest_problems`` and counted in the summary; the run goes on.
"""

from __future__ import annotations

import copy
import datetime as dt
import multiprocessing as mp
import random
import os
import signal
import sys
import time
import traceback
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy.exc import DBAPIError

from liqaa.sources import URL, SourceError, SourceItem, SourceProblem

Progress = Callable[..., None]

DEFAULT_BATCH = 500      # articles per transaction (larger: fewer FTS segment merges)
DEFAULT_CHUNK = 16       # articles per analysis task
RETRIES = 5              # a batch transaction that hit a deadlock or a lock timeout is retried


def retryable(error: DBAPIError) -> bool:
    """Deadlock, serialization failure (PostgreSQL) or a busy database (SQLite): the
    transaction was rolled back whole and may simply be run again."""
    code = getattr(getattr(error, "orig", None), "sqlstate", None)
    if code in ("40P01", "40001", "55P03"):
        return True
    return "database is locked" in str(getattr(error, "orig", error))


# --------------------------------------------------------------------------- sources

def _url_list(path: Path, max_bytes: int = 4 * 1024 * 1024) -> list[str] | None:
    """The URLs of a "feeds.txt" file (one http(s) URL a line; blank lines and # comments
    allowed), or None when the file is anything else (an article)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(URL.match(line) for line in lines):
        return lines
    return None


def iter_sources(sources: Iterable[str], *, allow_private: bool = False, stdin=None,
                 **fetch_options: Any) -> Iterator[SourceItem | SourceProblem | SourceError]:
    """Every item of every source, failures yielded (never raised). A source is a file
    (.txt .md .html .jsonl .rss .atom .warc .warc.gz), a directory, "-" (stdin), a
    feeds.txt-style list of URLs, or an http(s) URL (RSS/Atom detected by content, else an
    article page). ``fetch_options`` go to ``liqaa.sources.fetch`` (timeout, max_bytes,
    client, resolve, retries, backoff)."""
    from liqaa.sources import iter_inputs, iter_url

    def url_items(url: str, origin: str | None = None):
        try:
            for entry in iter_url(url, allow_private=allow_private, **fetch_options):
                yield entry
        except SourceError as e:
            if origin:
                yield SourceProblem(origin, str(e))
            else:
                yield e

    for source in sources:
        if URL.match(source):
            yield from url_items(source)
            continue
        path = Path(source)
        if source != "-" and path.is_file() and path.suffix.lower() in (".txt", ".list", ""):
            urls = _url_list(path)
            if urls is not None:
                for n, url in enumerate(urls, 1):
                    yield from url_items(url, origin=f"{source}:{n}")
                continue
        yield from iter_inputs([source], stdin=stdin)


# --------------------------------------------------------------------------- analysis

_KBS: dict[Any, Any] = {}


def _kb_for(kb_ref: Any):
    """A KB from a reference: a KB object, a path, None (embedded), or a key of a KB that
    the parent process loaded before forking."""
    if kb_ref is None or isinstance(kb_ref, (str, os.PathLike)):
        key = ("path", str(kb_ref) if kb_ref else None)
        if key not in _KBS:
            from liqaa.kb.load import default_kb, load_kb

            _KBS[key] = load_kb(kb_ref) if kb_ref else default_kb()
        return _KBS[key]
    if isinstance(kb_ref, tuple) and kb_ref[:1] == ("inherited",):
        return _KBS[kb_ref]
    return kb_ref


def _extractor():
    try:
        from liqaa.extract import analyze_all
    except ImportError:
        return None
    return analyze_all


def item_record(item: SourceItem) -> dict:
    """What an analysis task needs of a SourceItem (a plain, picklable dict)."""
    return {"id": item.id, "text": item.text, "source": item.source, "title": item.title, "date": item.date,
            "url": item.url, "kind": item.kind, "notes": [*item.notes, *item.warnings], "fetched": item.fetched}


def analyse_item(item: dict, kb, as_of: dt.date | None = None) -> dict:
    """Check one item's claims and extract its meetings: an analysed-article dict ready for
    ``liqaa.store.write.write_batch``. Runs anywhere (worker process, Dask worker)."""
    from liqaa.dates import parse_date_arg
    from liqaa.document import analyze
    from liqaa.report import check_document
    from liqaa.store.fts import search_alt
    from liqaa.store.write import content_hash
    from liqaa.text import normalize

    notes = list(item.get("notes") or [])
    date = None
    if item.get("date"):
        try:
            date = parse_date_arg(item["date"])
        except ValueError:
            notes.append(f"date {item['date']!r} not understood, ignored")
    doc = analyze(item["text"], kb, id=item.get("id") or "", source=item.get("source") or "",
                  url=item.get("url"), title=item.get("title"), date=date, as_of=as_of)
    analyze_all = _extractor()
    meetings: list[dict] = []
    if analyze_all is None:
        report = check_document(doc, kb)
    else:
        report, found = analyze_all(doc, kb)
        meetings = found.to_dict().get("meetings") or [] if hasattr(found, "to_dict") else list(found or [])
    check = report.to_dict()
    norm_title = normalize(item.get("title") or "")
    return {
        "url": item.get("url"), "content_hash": item.get("content_hash") or content_hash(item["text"]),
        "title": item.get("title"), "date": date.isoformat() if date else None,
        "as_of": as_of.isoformat() if as_of else None, "language": doc.language, "source": item.get("source"),
        "source_id": item.get("id"), "kind": item.get("kind"), "fetched": item.get("fetched"),
        "text": item["text"], "norm_title": norm_title, "norm_text": doc.norm,
        "search_alt": search_alt(norm_title, doc.norm), "notes": notes + list(doc.notes),
        "claims": check["claims"], "meetings": meetings,
    }


def analyse_chunk(items: list[dict], kb_ref: Any, as_of: dt.date | None, keep_text: bool = True) -> list[dict]:
    """Analyse several items; an item whose analysis raises becomes {"error": ...}.
    ``keep_text=False`` leaves the text out of the results (the caller has it: less to
    send back from a worker process)."""
    kb = _kb_for(kb_ref)
    out = []
    for item in items:
        try:
            result = analyse_item(item, kb, as_of)
            if not keep_text:
                del result["text"]
            out.append(result)
        except Exception as e:  # one pathological article must not stop the run
            where = traceback.extract_tb(e.__traceback__)[-1]
            out.append({"error": f"analysis failed ({type(e).__name__}: {e} at "
                                 f"{Path(where.filename).name}:{where.lineno})",
                        "source": item.get("source"), "url": item.get("url")})
    return out


# --------------------------------------------------------------------------- executors

class _Done:
    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


class _Inline:
    """Analysis in the calling process."""
    name = "inline"

    def __init__(self, kb):
        self.kb = kb

    def submit(self, chunk, as_of):
        return _Done(analyse_chunk(chunk, self.kb, as_of))

    def close(self, abort=False):
        pass


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent handles Ctrl-C
    _die_with_parent()
    try:
        # The single writer is the pipeline's narrowest point: when cores are scarce it
        # must not wait behind the analysis it is there to store.
        os.nice(5)
    except (OSError, AttributeError):
        pass


def _die_with_parent() -> None:
    """Linux: a pool worker gets SIGKILL when the ingesting process dies, even by SIGKILL
    (otherwise it would wait forever for work that never comes)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)     # PR_SET_PDEATHSIG
        if os.getppid() == 1:                      # the parent died before prctl
            os._exit(1)
    except (OSError, AttributeError):
        pass


class _Pool:
    """A process pool on this machine. With fork, workers inherit the parent's loaded KB."""
    name = "processes"

    def __init__(self, kb, workers: int):
        methods = mp.get_all_start_methods()
        if "fork" in methods:
            self.ref = ("inherited", id(kb))
            _KBS[self.ref] = kb
            ctx = mp.get_context("fork")
        else:  # pragma: no cover - platforms without fork
            self.ref = kb
            ctx = mp.get_context("spawn")
        self.pool = ctx.Pool(workers, initializer=_init_worker)

    def submit(self, chunk, as_of):
        return _AsyncResult(self.pool.apply_async(analyse_chunk, (chunk, self.ref, as_of, False)))

    def close(self, abort=False):
        if abort:
            self.pool.terminate()
        else:
            self.pool.close()
        self.pool.join()


class _AsyncResult:
    def __init__(self, r):
        self.r = r

    def result(self):
        return self.r.get()


class _Dask:
    """Analysis on a Dask cluster; the KB is scattered to every worker once."""
    name = "dask"

    def __init__(self, kb, address: str, timeout: float = 20.0):
        try:
            from distributed import Client
        except ImportError:
            raise IngestError("--scheduler needs dask.distributed: pip install 'dask[distributed]'") from None
        try:
            self.client = Client(address, timeout=f"{timeout}s", set_as_default=False)
        except (OSError, TimeoutError) as e:
            raise IngestError(f"cannot reach the Dask scheduler at {address} ({e})") from None
        self.kb = self.client.scatter(kb, broadcast=True, hash=False)

    def submit(self, chunk, as_of):
        return self.client.submit(analyse_chunk, chunk, self.kb, as_of, False, pure=False)

    def close(self, abort=False):
        self.client.close()


class IngestError(Exception):
    """Ingest cannot run at all (bad options, unreachable scheduler)."""


# --------------------------------------------------------------------------- summary

@dataclass
class IngestSummary:
    run_id: int | None = None
    read: int = 0              # items read from the sources
    added: int = 0
    updated: int = 0
    skipped: int = 0           # already stored / duplicate content
    rejected: int = 0
    claims: int = 0
    refuted: int = 0
    meetings: int = 0          # meeting reports stored
    seconds: float = 0.0
    store_seconds: float = 0.0     # time spent reading and writing the database
    workers: int = 1
    executor: str = "inline"
    meetings_available: bool = True
    skip_reasons: dict[str, int] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    interrupted: bool = False

    @property
    def stored(self) -> int:
        return self.added + self.updated

    @property
    def rate(self) -> float:
        """Articles analysed and stored per second."""
        return self.stored / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["problems"] = [{"source": s, "reason": r} for s, r in self.problems]
        d["articles_per_second"] = round(self.rate, 1)
        return d

    def counts(self) -> dict:
        return {k: getattr(self, k) for k in ("read", "added", "updated", "skipped", "rejected", "claims",
                                              "refuted", "meetings")} | {"skip_reasons": dict(self.skip_reasons)}


@dataclass
class _Batch:
    items: list[dict]            # item records sent for analysis (with content_hash)
    futures: list[Any]
    problems: list[tuple[str, str]]


def _emit(progress: Progress | None, event: str, **data) -> None:
    if progress is not None:
        progress(event, **data)


# --------------------------------------------------------------------------- ingest

def _executor(kb, workers: int, scheduler: str | None, scheduler_timeout: float = 20.0):
    if scheduler:
        return _Dask(kb, scheduler, scheduler_timeout)
    if workers > 1:
        return _Pool(kb, workers)
    return _Inline(kb)


def ingest(items: Iterable[SourceItem | SourceProblem | SourceError], store, *, workers: int = 1,
           scheduler: str | None = None, progress: Progress | None = None, kb=None,
           as_of: dt.date | None = None, batch_size: int = DEFAULT_BATCH, chunk_size: int = DEFAULT_CHUNK,
           sources: Iterable[str] = (), scheduler_timeout: float = 20.0) -> IngestSummary:
    """Analyse and store ``items`` (what ``iter_sources``/``liqaa.sources`` yield).

    ``progress(event, **data)`` is called with "start" (once analysis is ready), "rejected"
    (source, reason), "skipped" (source, reason), "warning" (source, message: an item read
    all the same, e.g. with a date not understood), "batch" (summary) and "done" (summary).
    Returns the IngestSummary. Raises IngestError or liqaa.store.StoreError."""
    from liqaa.store import StoreError, write
    from liqaa.store.db import one_line

    if workers < 1:
        raise IngestError("--workers must be at least 1")
    kb = kb or _kb_for(None)
    # Undated articles are checked as of today; recorded, so a recheck uses the same date.
    as_of = as_of or dt.date.today()
    t0 = time.perf_counter()
    summary = IngestSummary(workers=workers)
    summary.meetings_available = _extractor() is not None
    executor = _executor(kb, workers, scheduler, scheduler_timeout)
    summary.executor = executor.name
    try:
        with store.write() as conn:
            kb_version = write.kb_version_id(conn, kb.version, kb.as_of)
            summary.run_id = write.start_run(conn, command="ingest", sources=list(sources), workers=workers,
                                             scheduler=scheduler, kb_version=kb_version)
    except BaseException:
        executor.close(abort=True)
        raise
    in_flight: deque[_Batch] = deque()
    max_in_flight = 1 if executor.name == "inline" else 2 + workers // 2
    seen_urls: set[str] = set()
    seen_hashes: set[str] = set()
    problems_pending: list[tuple[str, str]] = []

    def reject(source: str, reason: str, *, recorded: bool = False) -> None:
        """Count and report a rejected item; ``recorded``: already in ingest_problems."""
        summary.rejected += 1
        summary.problems.append((source, reason))
        if not recorded:
            problems_pending.append((source, reason))
        _emit(progress, "rejected", source=source, reason=reason)

    def skip(source: str, reason: str, n: int = 1) -> None:
        summary.skipped += n
        summary.skip_reasons[reason] = summary.skip_reasons.get(reason, 0) + n
        _emit(progress, "skipped", source=source, reason=reason)

    def finish_batch(batch: _Batch) -> None:
        analysed = []
        results = [result for fut in batch.futures for result in fut.result()]
        for item, result in zip(batch.items, results):
            if "error" in result:
                reject(item["source"] or item["url"] or "?", result["error"])
            else:
                result.setdefault("text", item["text"])
                analysed.append(result)
        problems = batch.problems + problems_pending
        problems_pending.clear()
        w0 = time.perf_counter()
        for attempt in range(RETRIES + 1):
            counted = copy.deepcopy(summary.counts())
            try:
                with store.write() as conn:
                    res = write.write_batch(conn, [dict(a) for a in analysed], kb_version=kb_version,
                                            run_id=summary.run_id)
                    refused = [(a.get("source") or a.get("url") or "?", reason) for a, reason in res["rejected"]]
                    write.add_problems(conn, summary.run_id, problems + refused)
                    counted["rejected"] += len(refused)
                    stored = set(res["ids"])
                    counted["added"] += res["added"]
                    counted["updated"] += res["updated"]
                    counted["claims"] += res["claims"]
                    counted["meetings"] += res["meetings"]
                    counted["refuted"] += sum(1 for a in analysed if a["content_hash"] in stored
                                              for c in a["claims"] if c.get("verdict") == "refuted")
                    for _, reason in res["skipped"]:
                        counted["skipped"] += 1
                        counted["skip_reasons"][reason] = counted["skip_reasons"].get(reason, 0) + 1
                    write.update_run(conn, summary.run_id, counted)
                break
            except DBAPIError as e:
                if attempt == RETRIES or not retryable(e):
                    raise StoreError(f"cannot write to the archive: {one_line(e)}") from e
                time.sleep(0.05 * 2 ** attempt + random.random() * 0.05)
        for key in ("added", "updated", "claims", "meetings", "refuted", "skipped"):
            setattr(summary, key, counted[key])
        for source, reason in refused:
            reject(source, reason, recorded=True)
        summary.skip_reasons = counted["skip_reasons"]
        summary.seconds = time.perf_counter() - t0
        summary.store_seconds += time.perf_counter() - w0
        _emit(progress, "batch", summary=summary, articles=len(analysed))

    def flush(limit: int) -> None:
        while len(in_flight) > limit:
            finish_batch(in_flight.popleft())

    def dispatch(records: list[dict], problems: list[tuple[str, str]]) -> None:
        """Drop what is stored already, send the rest for analysis."""
        fresh = []
        if records:
            r0 = time.perf_counter()
            with store.engine.connect() as conn:
                by_url, hashes = write.existing(conn, (r["url"] for r in records), (r["content_hash"] for r in records))
            summary.store_seconds += time.perf_counter() - r0
            for r in records:
                url, h = r["url"], r["content_hash"]
                if url and by_url.get(url) == h:
                    skip(r["source"], "already stored")
                elif h in hashes or h in seen_hashes:
                    skip(r["source"], "same content already stored")
                elif url and url in seen_urls:
                    skip(r["source"], "same URL earlier in this run")
                else:
                    seen_hashes.add(h)
                    if url:
                        seen_urls.add(url)
                    fresh.append(r)
        futures = [executor.submit(fresh[i:i + chunk_size], as_of) for i in range(0, len(fresh), chunk_size)]
        in_flight.append(_Batch(fresh, futures, problems))
        flush(max_in_flight)

    _emit(progress, "start", summary=summary)
    ok = False
    try:
        records: list[dict] = []
        problems: list[tuple[str, str]] = []
        for entry in items:
            if isinstance(entry, SourceError):
                reject(entry.source or "input", entry.reason)
                continue
            if isinstance(entry, SourceProblem):
                reject(entry.source, entry.message)
                continue
            summary.read += 1
            for warning in entry.warnings:
                _emit(progress, "warning", source=entry.source, message=warning)
            if not entry.text or not entry.text.strip():
                reject(entry.source, "no article text")
                continue
            record = item_record(entry)
            record["content_hash"] = write.content_hash(entry.text)
            records.append(record)
            if len(records) >= batch_size:
                dispatch(records, problems)
                records, problems = [], []
        dispatch(records, problems)
        flush(0)
        ok = True
    except KeyboardInterrupt:
        summary.interrupted = True
        raise
    finally:
        executor.close(abort=not ok)
        summary.seconds = time.perf_counter() - t0
        try:
            with store.write() as conn:
                write.add_problems(conn, summary.run_id, problems_pending)
                write.update_run(conn, summary.run_id, summary.counts(),
                                 status="finished" if ok else ("interrupted" if summary.interrupted else "failed"))
        except Exception:
            if ok:
                raise
    _emit(progress, "done", summary=summary)
    return summary


# --------------------------------------------------------------------------- recheck

@dataclass
class RecheckSummary:
    run_id: int | None = None
    articles: int = 0
    claims: int = 0
    changed: list[dict] = field(default_factory=list)     # verdicts that changed
    added: list[dict] = field(default_factory=list)       # claims found now, not before
    removed: list[dict] = field(default_factory=list)     # claims found before, not now
    failed: list[tuple[str, str]] = field(default_factory=list)
    kb: dict = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict:
        d = asdict(self)
        d["failed"] = [{"source": s, "reason": r} for s, r in self.failed]
        d["summary"] = {"articles": self.articles, "claims": self.claims, "changed": len(self.changed),
                        "added": len(self.added), "removed": len(self.removed), "failed": len(self.failed)}
        return d


def _claim_key(c: dict) -> tuple:
    return (c.get("start"), c.get("end"))


def _claim_brief(c: dict) -> dict:
    person = c.get("person") or {}
    return {"mention": c.get("mention"), "person": person.get("id"), "role": c.get("role"),
            "country": c.get("country"), "org": c.get("org"), "date": c.get("date"), "verdict": c.get("verdict"),
            "reason": c.get("reason"), "explanation": (c.get("explanation") or {}).get("en")}


def recheck(store, kb=None, *, workers: int = 1, scheduler: str | None = None, progress: Progress | None = None,
            all_articles: bool = False, batch_size: int = DEFAULT_BATCH, chunk_size: int = DEFAULT_CHUNK) -> RecheckSummary:
    """Re-verify stored articles against ``kb`` (after a KB update): claims and meetings are
    derived again and replaced, article by article in batched transactions, and every
    verdict that changed is reported. Articles already checked against this KB version are
    skipped unless ``all_articles`` — so an interrupted recheck resumes where it stopped."""
    from sqlalchemy import select

    from liqaa.store import write
    from liqaa.store.models import Article, Claim

    kb = kb or _kb_for(None)
    t0 = time.perf_counter()
    out = RecheckSummary(kb={"version": kb.version, "as_of": str(kb.as_of)})
    with store.write() as conn:
        kb_version = write.kb_version_id(conn, kb.version, kb.as_of)
        out.run_id = write.start_run(conn, command="recheck", sources=[], workers=workers, scheduler=scheduler,
                                     kb_version=kb_version)
    q = select(Article.id).order_by(Article.id)
    if not all_articles:
        q = q.where((Article.kb_version_id != kb_version) | Article.kb_version_id.is_(None))
    with store.engine.connect() as conn:
        ids = list(conn.execute(q).scalars())
    _emit(progress, "start", total=len(ids))
    executor = _executor(kb, workers, scheduler)
    ok = False
    try:
        for i in range(0, len(ids), batch_size):
            chunk_ids = ids[i:i + batch_size]
            with store.engine.connect() as conn:
                arts = conn.execute(select(Article.id, Article.text, Article.title, Article.url, Article.date,
                                           Article.as_of, Article.source, Article.source_id, Article.kind,
                                           Article.content_hash)
                                    .where(Article.id.in_(chunk_ids)).order_by(Article.id)).all()
                old: dict[int, list[dict]] = {}
                for aid, record in conn.execute(select(Claim.article_id, Claim.record)
                                                .where(Claim.article_id.in_(chunk_ids)).order_by(Claim.ordinal)):
                    old.setdefault(aid, []).append(record)
            # as_of differs per article: group so each task has one
            groups: dict[Any, list] = {}
            for a in arts:
                groups.setdefault(a.as_of, []).append(a)
            futures = []
            for as_of, group in groups.items():
                recs = [{"id": a.source_id, "text": a.text, "source": a.source, "title": a.title,
                         "date": a.date.isoformat() if a.date else None, "url": a.url, "kind": a.kind,
                         "content_hash": a.content_hash, "article_id": a.id} for a in group]
                for j in range(0, len(recs), chunk_size):
                    futures.append((recs[j:j + chunk_size], executor.submit(recs[j:j + chunk_size], as_of)))
            with store.write() as conn:
                for recs, fut in futures:
                    for rec, result in zip(recs, fut.result()):
                        label = rec["url"] or rec["source"]
                        if "error" in result:
                            out.failed.append((label, result["error"]))
                            continue
                        _compare(out, label, rec, old.get(rec["article_id"], []), result["claims"])
                        write.replace_analysis(conn, rec["article_id"], result, kb_version=kb_version)
                        out.articles += 1
                        out.claims += len(result["claims"])
                out.seconds = time.perf_counter() - t0
                write.update_run(conn, out.run_id, {"articles": out.articles, "claims": out.claims,
                                                    "changed": len(out.changed)})
            _emit(progress, "batch", done=min(i + batch_size, len(ids)), total=len(ids), summary=out)
        ok = True
    finally:
        executor.close(abort=not ok)
        out.seconds = time.perf_counter() - t0
        try:
            with store.write() as conn:
                write.update_run(conn, out.run_id, {"articles": out.articles, "claims": out.claims,
                                                    "changed": len(out.changed)},
                                 status="finished" if ok else "failed")
        except Exception:
            if ok:
                raise
    _emit(progress, "done", summary=out)
    return out


def _compare(out: RecheckSummary, label: str, rec: dict, old: list[dict], new: list[dict]) -> None:
    before = {_claim_key(c): c for c in old}
    after = {_claim_key(c): c for c in new}
    where = {"article": label, "title": rec.get("title")}
    for key, c in after.items():
        prev = before.get(key)
        if prev is None:
            out.added.append({**where, **_claim_brief(c)})
        elif prev.get("verdict") != c.get("verdict"):
            out.changed.append({**where, **_claim_brief(c), "before": prev.get("verdict"),
                                "reason_before": prev.get("reason")})
    for key, c in before.items():
        if key not in after:
            out.removed.append({**where, **_claim_brief(c)})
