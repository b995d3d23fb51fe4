"""Benchmark of the Wikidata dump import (`liqaa kb build --dump`).

Generates a dump in Wikidata's format (a JSON array, one entity a line, "[" first and "]" last,
trailing commas) of at least 1,000,000 entities — mostly irrelevant items (places, works,
taxa), humans without offices and humans with offices liqaa does not track (members of
parliament, mayors …), plus the KB's countries with P1906/P1313/P35/P6, their offices, and a
fixed number of people with relevant P39 claims — and measures, each in a fresh subprocess:

* a bare ``orjson.loads`` loop over the same lines (the reference speed);
* the import, single process (the default ``liqaa kb build --dump`` path, which skips lines a
  cheap byte test shows to be irrelevant), and the same with every line parsed;
* the import on a local Dask cluster (``--workers``), entities/s overall and per core;
* peak memory (``ru_maxrss``) of the import at two dump sizes: the relevant facts are the
  same, the irrelevant bulk grows four-fold, and peak memory must not follow it.

    python bench/kb_build.py                      # 1,000,000 and 250,000 entities, 2 workers
    python bench/kb_build.py --entities 2000000 --workers 4 --gzip
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import orjson

RELEVANT_PEOPLE = 3000


# --- the dump --------------------------------------------------------------------------------

def _iv(qid: str) -> dict:
    return {"value": {"entity-type": "item", "numeric-id": int(qid[1:]), "id": qid}, "type": "wikibase-entityid"}


def _snak(prop: str, qid: str) -> dict:
    return {"snaktype": "value", "property": prop, "datavalue": _iv(qid), "datatype": "wikibase-item"}


def _time(prop: str, year: int, month: int, day: int, precision: int = 11) -> dict:
    return {"snaktype": "value", "property": prop,
            "datavalue": {"value": {"time": f"+{year:04d}-{month:02d}-{day:02d}T00:00:00Z", "timezone": 0,
                                    "before": 0, "after": 0, "precision": precision,
                                    "calendarmodel": "http://www.wikidata.org/entity/Q1985727"},
                          "type": "time"}, "datatype": "time"}


def _stmt(subject: str, prop: str, qid: str, n: int = 0, qualifiers: dict | None = None) -> dict:
    s = {"mainsnak": _snak(prop, qid), "type": "statement",
         "id": f"{subject}${n:08X}-{int(subject[1:]) % 65536:04X}-4A5B-8C9D-{int(qid[1:]) % (1 << 40):012X}",
         "rank": "normal"}
    if qualifiers:
        s["qualifiers"] = qualifiers
        s["qualifiers-order"] = list(qualifiers)
    return s


def _labels(**names) -> dict:
    return {lang: {"language": lang, "value": value} for lang, value in names.items() if value}


WORDS = ("river", "church", "village", "station", "lake", "school", "bridge", "museum", "hill", "street")
AR_WORDS = ("نهر", "كنيسة", "قرية", "محطة", "بحيرة", "مدرسة", "جسر", "متحف", "تل", "شارع")


def _place(qid: str, rng: random.Random) -> dict:
    i = rng.randrange(len(WORDS))
    name = f"{WORDS[i].title()} {qid[1:]}"
    return {"type": "item", "id": qid,
            "labels": _labels(en=name, ar=f"{AR_WORDS[i]} {qid[1:]}"),
            "descriptions": _labels(en=f"{WORDS[i]} in Europe"), "aliases": {},
            "claims": {"P31": [_stmt(qid, "P31", f"Q{rng.randrange(1000, 99999)}")],
                       "P17": [_stmt(qid, "P17", "Q183")]},
            "sitelinks": {}, "lastrevid": 2100000000}


def _human(qid: str, rng: random.Random, positions=()) -> dict:
    name = f"Person {qid[1:]}"
    claims = {"P31": [_stmt(qid, "P31", "Q5")], "P21": [_stmt(qid, "P21", rng.choice(("Q6581097", "Q6581072")))],
              "P27": [_stmt(qid, "P27", rng.choice(("Q183", "Q142", "Q159", "Q30")))]}
    if positions:
        claims["P39"] = [_stmt(qid, "P39", office, n, qualifiers)
                         for n, (office, qualifiers) in enumerate(positions)]
    return {"type": "item", "id": qid, "labels": _labels(en=name, ar=f"شخص {qid[1:]}"),
            "descriptions": _labels(en="politician" if positions else "writer"),
            "aliases": {"en": [{"language": "en", "value": f"P. {qid[1:]}"}]} if positions else {},
            "claims": claims, "sitelinks": {}, "lastrevid": 2100000001}


def _term_qualifiers(rng: random.Random) -> dict:
    y = rng.randrange(1990, 2024)
    q = {"P580": [_time("P580", y, rng.randrange(1, 13), rng.randrange(1, 29))]}
    if rng.random() < 0.7:
        q["P582"] = [_time("P582", y + rng.randrange(1, 6), rng.randrange(1, 13), 0, 10)]
    return q


def generate_dump(path: Path, n: int, countries: list[str], seed: int = 7) -> dict:
    """Write ``n`` entities (at least) to ``path`` (.gz compresses); returns counts."""
    rng = random.Random(seed)
    offices = {c: (f"Q{9_000_000 + 3 * i}", f"Q{9_000_001 + 3 * i}", f"Q{9_000_002 + 3 * i}")
               for i, c in enumerate(countries)}
    special: list[dict] = []
    for i, (c, (pres, pm, fm)) in enumerate(offices.items()):
        special.append({"type": "item", "id": c, "labels": _labels(en=f"Country {c}"), "descriptions": {},
                        "aliases": {}, "claims": {"P31": [_stmt(c, "P31", "Q3624078")],
                                                  "P1906": [_stmt(c, "P1906", pres)],
                                                  "P1313": [_stmt(c, "P1313", pm)],
                                                  "P35": [_stmt(c, "P35", f"Q{300_000_000 + i}", 0,
                                                                {"P580": [_time("P580", 2020, 1, 1)]})],
                                                  "P6": [_stmt(c, "P6", f"Q{300_001_000 + i}", 1,
                                                               {"P580": [_time("P580", 2021, 6, 1)]})]},
                        "sitelinks": {},
                        "lastrevid": 1})
        for office, label in ((pres, "President of"), (pm, "Prime Minister of"), (fm, "Minister of Foreign Affairs of")):
            claims = {"P31": [_stmt(office, "P31", "Q4164871")], "P1001": [_stmt(office, "P1001", c)]}
            if label.startswith("Minister"):
                claims["P279"] = [_stmt(office, "P279", "Q7330070")]
            special.append({"type": "item", "id": office, "labels": _labels(en=f"{label} {c}"), "descriptions": {},
                            "aliases": {}, "claims": claims, "sitelinks": {}, "lastrevid": 1})
    all_offices = [o for triple in offices.values() for o in triple]
    for k in range(RELEVANT_PEOPLE):
        qid = f"Q{300_000_000 + k}"
        positions = [(rng.choice(all_offices), _term_qualifiers(rng)) for _ in range(rng.randrange(1, 3))]
        special.append(_human(qid, rng, positions))
    # Spread the relevant entities evenly through the dump.
    bulk = max(n - len(special), 0)
    step = max(bulk // max(len(special), 1), 1)
    counts = {"entities": 0, "relevant": len(special), "humans_with_irrelevant_p39": 0, "bytes": 0}
    opener = gzip.open if path.suffix == ".gz" else open
    irrelevant_offices = [f"Q{8_000_000 + i}" for i in range(500)]    # MPs, mayors, bishops …
    with opener(path, "wb") as out:
        out.write(b"[\n")
        first = True
        sp = 0
        dumps = orjson.dumps
        buf = []
        for i in range(bulk + len(special)):
            if sp < len(special) and (i % (step + 1) == step or i >= bulk + sp):
                entity = special[sp]
                sp += 1
            else:
                qid = f"Q{100_000_000 + i}"
                r = rng.random()
                if r < 0.6:
                    entity = _place(qid, rng)
                elif r < 0.97:
                    entity = _human(qid, rng)
                else:
                    entity = _human(qid, rng, [(rng.choice(irrelevant_offices), _term_qualifiers(rng))])
                    counts["humans_with_irrelevant_p39"] += 1
            line = dumps(entity)
            buf.append(line if first else b",\n" + line)
            first = False
            counts["entities"] += 1
            if len(buf) >= 4096:
                data = b"".join(buf)
                counts["bytes"] += len(data)
                out.write(data)
                buf.clear()
        data = b"".join(buf) + b"\n]\n"
        counts["bytes"] += len(data)
        out.write(data)
    return counts


# --- measurements (each in a fresh process) ----------------------------------------------------

def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(mode: str, path: str, workers: int) -> dict:
    import liqaa.kb.build  # noqa: F401 - imports out of the timing
    from liqaa.kb import default_kb

    kb = default_kb()
    countries = [c.wikidata for c in kb.countries.values() if c.wikidata]
    base_rss = _rss_mb()
    t0 = time.perf_counter()
    entities = 0
    extra: dict = {}
    if mode == "bare":
        import bz2

        p = Path(path)
        opener = gzip.open if p.suffix == ".gz" else bz2.open if p.suffix == ".bz2" else open
        loads = orjson.loads
        with opener(p, "rb") as fh:
            for line in fh:
                if line[:1] == b"{":
                    loads(line.rstrip(b",\n"))
                    entities += 1
    elif mode in ("import", "import-full"):
        from liqaa.kb.build import merge
        from liqaa.kb.wikidata import parse_dump

        facts = parse_dump(path, countries, prefilter=(mode == "import"))
        entities = facts.stats["entities"]
        t1 = time.perf_counter()
        new_kb, report = merge(kb, facts)
        extra = {"parse_s": t1 - t0, "merge_s": time.perf_counter() - t1, "people": len(facts.people),
                 "terms": len(facts.terms), "candidates_spilled": facts.stats["candidates"],
                 "people_added": report.people_added, "terms_added": report.terms_added}
    elif mode == "dask":
        import logging
        import warnings

        from distributed import Client, LocalCluster

        from liqaa.kb.wikidata import parse_dump

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
        client = Client(cluster)
        client.submit(lambda: None).result()      # workers up before the clock starts
        t0 = time.perf_counter()
        facts = parse_dump(path, countries, client=client, chunk_bytes=32 << 20)
        entities = facts.stats["entities"]
        elapsed = time.perf_counter() - t0
        worker_rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        extra = {"people": len(facts.people), "terms": len(facts.terms),
                 "worker_peak_rss_mb": max(worker_rss.values())}
        client.close()
        cluster.close()
        return {"mode": mode, "entities": entities, "seconds": elapsed, "rate": entities / elapsed,
                "base_rss_mb": base_rss, "peak_rss_mb": _rss_mb(), **extra}
    elapsed = time.perf_counter() - t0
    return {"mode": mode, "entities": entities, "seconds": elapsed, "rate": entities / elapsed,
            "base_rss_mb": base_rss, "peak_rss_mb": _rss_mb(), **extra}


def run_child(mode: str, path: Path, workers: int = 1) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, str(path), "--workers", str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--entities", type=int, default=1_000_000, help="entities in the big dump (default 1,000,000)")
    ap.add_argument("--small", type=int, default=None, help="entities in the small dump (default a quarter)")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers for the cluster run (0: skip)")
    ap.add_argument("--gzip", action="store_true", help="also measure the .gz dump (the same entities)")
    ap.add_argument("--tmp", default=None, help="directory for the generated dumps (default: system temp)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args.workers)))
        return

    from liqaa.kb import default_kb

    countries = [c.wikidata for c in default_kb().countries.values() if c.wikidata]
    small_n = args.small or args.entities // 4
    tmp = Path(tempfile.mkdtemp(prefix="liqaa-bench-", dir=args.tmp))
    results: dict = {"cores": os.cpu_count(), "relevant_people": RELEVANT_PEOPLE, "countries": len(countries)}
    try:
        t = time.perf_counter()
        big = tmp / "latest-all.json"
        results["big"] = generate_dump(big, args.entities, countries)
        small = tmp / "small.json"
        results["small"] = generate_dump(small, small_n, countries, seed=11)
        results["generate_s"] = time.perf_counter() - t
        print(f"generated {results['big']['entities']:,} entities ({results['big']['bytes'] / 1e6:,.0f} MB) and "
              f"{results['small']['entities']:,} ({results['small']['bytes'] / 1e6:,.0f} MB) "
              f"in {results['generate_s']:.0f} s", file=sys.stderr)
        runs = results["runs"] = {}
        for mode in ("bare", "import", "import-full"):
            runs[mode] = run_child(mode, big)
            print(f"  {mode}: {runs[mode]['rate']:,.0f} entities/s", file=sys.stderr)
        runs["import-small"] = run_child("import", small)
        if args.workers:
            runs["dask"] = run_child("dask", big, args.workers)
            print(f"  dask x{args.workers}: {runs['dask']['rate']:,.0f} entities/s", file=sys.stderr)
        if args.gzip:
            gz = tmp / "latest-all.json.gz"
            with big.open("rb") as src, gzip.open(gz, "wb", compresslevel=1) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            runs["bare-gz"] = run_child("bare", gz)
            runs["import-gz"] = run_child("import", gz)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    bare = runs["bare"]["rate"]
    results["ratio_import_vs_bare"] = runs["import"]["rate"] / bare
    results["ratio_full_parse_vs_bare"] = runs["import-full"]["rate"] / bare
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"\nliqaa kb build --dump: {results['big']['entities']:,}-entity dump, "
          f"{results['big']['bytes'] / 1e6:,.0f} MB, {RELEVANT_PEOPLE:,} relevant people, "
          f"{results['big']['humans_with_irrelevant_p39']:,} humans with untracked P39 claims "
          f"({results['cores']} cores)\n")
    print(f"{'run':<34}{'entities/s':>12}{'per core':>12}{'vs bare':>9}{'peak RSS':>10}{'Δ RSS':>8}")
    rows = [("bare orjson.loads loop", runs["bare"], 1),
            ("import, 1 process (default)", runs["import"], 1),
            ("import, 1 process, every line parsed", runs["import-full"], 1)]
    if "dask" in runs:
        rows.append((f"import, Dask LocalCluster x{args.workers}", runs["dask"], args.workers))
    if "import-gz" in runs:
        rows += [("bare loop, .gz", runs["bare-gz"], 1), ("import, 1 process, .gz", runs["import-gz"], 1)]
    for name, r, cores in rows:
        ref = runs["bare-gz"]["rate"] if name.endswith(".gz") and "bare-gz" in runs else bare
        delta = r["peak_rss_mb"] - r["base_rss_mb"]
        print(f"{name:<34}{r['rate']:>12,.0f}{r['rate'] / cores:>12,.0f}{r['rate'] / ref:>8.2f}x"
              f"{r['peak_rss_mb']:>8.0f}MB{delta:>6.0f}MB")
    imp, small_r = runs["import"], runs["import-small"]
    print(f"\nimport speed / bare loop: {results['ratio_import_vs_bare']:.2f} (target ≥ 0.5); with every line "
          f"parsed: {results['ratio_full_parse_vs_bare']:.2f}")
    print(f"import phases: parse {imp['parse_s']:.1f} s, merge into the curated KB {imp['merge_s']:.2f} s; "
          f"{imp['candidates_spilled']:,} candidate humans spilled to disk, {imp['people']:,} people and "
          f"{imp['terms']:,} terms kept")
    if "dask" in runs:
        print(f"Dask: client peak RSS {runs['dask']['peak_rss_mb']:.0f} MB, largest worker peak RSS "
              f"{runs['dask']['worker_peak_rss_mb']:.0f} MB (32 MB byte ranges)")
    print(f"peak memory of the import (RSS, Δ over the interpreter with the KB loaded): "
          f"{small_r['entities']:,} entities → {small_r['peak_rss_mb']:.0f} MB (Δ {small_r['peak_rss_mb'] - small_r['base_rss_mb']:.0f} MB); "
          f"{imp['entities']:,} entities → {imp['peak_rss_mb']:.0f} MB (Δ {imp['peak_rss_mb'] - imp['base_rss_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
