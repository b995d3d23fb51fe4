"""Ingest throughput: real Arabic news into a SQLite archive, against the bare analysis.

    python bench/ingest.py [--corpus DIR] [--limit N] [--workers 1,2] [--queries N]

Corpus: SaudiNewsNet (../shared/data/corpus/saudinewsnet_2015/*.zip, 31,030 articles as
JSON arrays inside zips); the benchmark skips cleanly when it is absent. Each phase runs in
its own process so that its peak memory is its own:

* bare pass — analysis only (``analyze`` + check + meeting extraction when available, the
  same work ingest does), in one process, nothing stored;
* ingest into a fresh SQLite file with 1 worker, then with 2 workers (``--workers``);
* search — median latency of full-text queries on the 1-worker archive.

Prints articles/s, peak RSS, the store's share of ingest time (time inside database reads
and write transactions, measured by ingest itself, and ingest time minus the bare pass),
and search latency. Targets (issue 5): >= 1,000 articles/s with 2 workers, the store under
half of the total time, search median under 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("LIQAA_SHARED", REPO.parent / "shared")) / "data" / "corpus" / "saudinewsnet_2015"
QUERIES = ["الملك سلمان", "ولي العهد", "وزير الخارجية", "اليمن", "الحوثيين", "أسعار النفط", "الأمير محمد بن نايف",
           "أوباما", "إيران", "الاتفاق النووي", "داعش", "مجلس التعاون", "الهلال", "النصر", "الرياض", "روسيا",
           "بوتين", "السيسي", "الأمم المتحدة", "عاصفة الحزم", "الجبير", "تركيا", "سوريا", "الأسد", "اقتصاد*"]


def load_corpus(corpus: Path, limit: int | None) -> list[dict]:
    """SaudiNewsNet articles as ingest item records (one JSON array per zip)."""
    out: list[dict] = []
    for z in sorted(corpus.glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for n, a in enumerate(json.loads(zf.read(name))):
                    text = (a.get("content") or "").strip()
                    if not text:
                        continue
                    out.append({"id": f"{name}#{n}", "text": text, "source": f"{z.name}:{name}#{n}",
                                "title": (a.get("title") or "").strip() or None,
                                "date": (a.get("date_extracted") or "")[:10] or None,
                                "url": (a.get("url") or "").strip() or None, "kind": "jsonl", "notes": [],
                                "fetched": None})
                    if limit and len(out) >= limit:
                        return out
    return out


def rss_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return rss_mb()


# --------------------------------------------------------------------------- phases (child processes)

def phase_bare(args) -> dict:
    from liqaa.ingest import _kb_for, analyse_item

    items = load_corpus(args.corpus, args.limit)
    kb = _kb_for(None)
    base = current_rss_mb()
    as_of = dt.date(2015, 8, 12)
    t0 = time.perf_counter()
    claims = meetings = failed = 0
    for item in items:
        try:
            a = analyse_item(item, kb, as_of)
        except Exception:   # counted, as ingest rejects them
            failed += 1
            continue
        claims += len(a["claims"])
        meetings += len(a["meetings"])
    seconds = time.perf_counter() - t0
    return {"articles": len(items), "seconds": seconds, "claims": claims, "meetings": meetings,
            "failed": failed, "peak_rss_mb": rss_mb(), "loaded_rss_mb": base}


def phase_ingest(args) -> dict:
    from liqaa.ingest import _kb_for, ingest
    from liqaa.sources import SourceItem
    from liqaa.store import open_store, stats

    records = load_corpus(args.corpus, args.limit)
    items = [SourceItem(id=r["id"], text=r["text"], source=r["source"], title=r["title"], date=r["date"],
                        url=r["url"], kind="jsonl") for r in records]
    del records
    kb = _kb_for(None)
    base = current_rss_mb()
    store = open_store(f"sqlite:///{args.db}")
    t0 = time.perf_counter()
    summary = ingest(items, store, workers=args.n_workers, kb=kb, as_of=dt.date(2015, 8, 12))
    seconds = time.perf_counter() - t0
    counts = stats(store)
    store.close()
    return {"read": summary.read, "stored": summary.stored, "skipped": summary.skipped,
            "rejected": summary.rejected, "seconds": seconds, "store_seconds": summary.store_seconds,
            "claims": counts["claims"], "meetings": counts["meetings"], "reports": counts["meeting_reports"],
            "peak_rss_mb": rss_mb(), "children_peak_rss_mb": rss_mb(resource.RUSAGE_CHILDREN),
            "loaded_rss_mb": base, "db_mb": Path(args.db).stat().st_size / 2**20,
            "problems": summary.problems[:5]}


def phase_search(args) -> dict:
    from liqaa.store import open_store, search

    store = open_store(f"sqlite:///{args.db}")
    search(store, "تسخين")  # warm the connection and the page cache
    times, hits = [], {}
    for _ in range(args.queries):
        for q in QUERIES:
            t0 = time.perf_counter()
            found = search(store, q, limit=20)
            times.append(time.perf_counter() - t0)
            hits[q] = len(found)
    store.close()
    return {"median_ms": statistics.median(times) * 1000, "p90_ms": sorted(times)[int(len(times) * 0.9)] * 1000,
            "queries": len(times), "hits": hits}


PHASES = {"bare": phase_bare, "ingest": phase_ingest, "search": phase_search}


def child(phase: str, args, **extra) -> dict:
    cmd = [sys.executable, __file__, "--phase", phase, "--corpus", str(args.corpus), "--queries", str(args.queries)]
    if args.limit:
        cmd += ["--limit", str(args.limit)]
    for k, v in extra.items():
        cmd += [f"--{k}", str(v)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"phase {phase} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--workers", default="1,2", help="worker counts to ingest with (default 1,2)")
    ap.add_argument("--worker-count", dest="n_workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--queries", type=int, default=5, help="rounds of the search queries")
    ap.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.phase:
        print(json.dumps(PHASES[args.phase](args), ensure_ascii=False))
        return
    if not args.corpus.is_dir() or not any(args.corpus.glob("*.zip")):
        print(f"skipped: SaudiNewsNet corpus not found at {args.corpus}")
        return

    n = len(load_corpus(args.corpus, args.limit))
    print(f"corpus: SaudiNewsNet {args.corpus} — {n:,} articles with text; machine: {os.cpu_count()} cores")
    bare = child("bare", args)
    print(f"bare analysis (check + meetings), 1 process : {bare['articles'] / bare['seconds']:8.0f} articles/s  "
          f"{bare['seconds']:6.1f} s  peak RSS {bare['peak_rss_mb']:.0f} MB (corpus loaded: {bare['loaded_rss_mb']:.0f} MB)"
          + (f"; {bare['failed']:,} articles failed analysis" if bare["failed"] else ""))
    results = {}
    with tempfile.TemporaryDirectory(prefix="liqaa-bench-") as tmp:
        for w in [int(x) for x in args.workers.split(",")]:
            db = Path(tmp) / f"w{w}.db"
            r = child("ingest", args, **{"worker-count": w, "db": db})
            results[w] = r
            rate = r["stored"] / r["seconds"]
            print(f"ingest into SQLite, {w} worker{'s' if w > 1 else ' '}          : {rate:8.0f} articles/s  "
                  f"{r['seconds']:6.1f} s  peak RSS {r['peak_rss_mb']:.0f} MB writer"
                  + (f" + {r['children_peak_rss_mb']:.0f} MB per worker" if w > 1 else "")
                  + f"; stored {r['stored']:,} (skipped {r['skipped']:,} duplicates, rejected {r['rejected']:,}), "
                  f"{r['claims']:,} claims, {r['meetings']:,} meetings from {r['reports']:,} reports; "
                  f"archive {r['db_mb']:.0f} MB")
            print(f"    store share: {r['store_seconds'] / r['seconds']:5.1%} of the run inside database reads/writes"
                  + (f"; ingest time over the bare pass: {max(0.0, r['seconds'] - bare['seconds']) / r['seconds']:5.1%}"
                     if w == 1 else ""))
            if r["problems"]:
                print(f"    rejected, e.g.: {r['problems'][:2]}")
        first = min(results)
        s = child("search", args, db=Path(tmp) / f"w{first}.db")
    print(f"search on the {results[first]['stored']:,}-article archive: median {s['median_ms']:.1f} ms, "
          f"p90 {s['p90_ms']:.1f} ms over {s['queries']} queries (limit 20, with snippets)")


if __name__ == "__main__":
    main()
