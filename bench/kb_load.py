"""How long the knowledge base takes to load, for the README.

    python bench/kb_load.py [--runs 20] [--kb DIR]

Prints the median time to load the KB from its compiled cache (the check path) and by
parsing the YAML files, both in-process; the load time in a fresh interpreter (module
imports included); and the cold-start wall time of `liqaa check` on a small article
(a new process each run, compiled cache warm). Targets: cache load < 100 ms, check
cold start < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ARTICLE = ("استقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي الخاص ستيف ويتكوف، "
           "وبحث معه مع نظيره البيلاروسي ألكسندر لوكاشينكو الحرب في أوكرانيا.\n\n"
           "Russian President Vladimir Putin met U.S. special envoy Steve Witkoff in Moscow.\n")


def median_ms(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times)


def wall_ms(cmd: list[str], runs: int, env: dict) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, env=env)
        times.append((time.perf_counter() - t0) * 1000)
        if proc.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr.decode(errors='replace')}")
    return statistics.median(times), min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=20, help="runs per measurement (YAML parsing: a quarter, at least 3)")
    ap.add_argument("--kb", type=Path, default=None, help="a KB directory (default: the embedded one)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="liqaa-bench-") as tmp:
        os.environ["LIQAA_CACHE_DIR"] = str(Path(tmp) / "cache")
        env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        # An installed liqaa has its bytecode compiled (pip does it); with
        # PYTHONDONTWRITEBYTECODE every new process would compile every module again.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        from liqaa.kb.load import DATA_DIR, load_kb, parse_kb

        root = args.kb or DATA_DIR
        kb = load_kb(root)  # builds the compiled cache
        terms = sum(len(p.terms) for p in kb.people.values())
        cache = next(Path(tmp, "cache").glob("kb-*.pickle"), None)
        print(f"KB {kb.version} (as of {kb.as_of}): {len(kb.people)} people, {terms} terms, "
              f"{len(kb.countries)} countries" + (f"; cache {cache.stat().st_size / 1024:.0f} KiB" if cache else ""))
        yaml_runs = max(3, args.runs // 4)
        cached = median_ms(lambda: load_kb(root), args.runs)
        parsed = median_ms(lambda: parse_kb(root), yaml_runs)
        print(f"load from compiled cache:  median {cached[0]:7.1f} ms  (min {cached[1]:.1f}, {args.runs} runs)"
              f"  target < 100 ms: {'ok' if cached[0] < 100 else 'MISSED'}")
        print(f"load by parsing YAML:      median {parsed[0]:7.1f} ms  (min {parsed[1]:.1f}, {yaml_runs} runs)")

        probe = ("import time; t0 = time.perf_counter(); from liqaa.kb.load import load_kb; "
                 f"load_kb({str(root)!r}); print((time.perf_counter() - t0) * 1000)")
        fresh = []
        for _ in range(max(3, args.runs // 4)):
            out = subprocess.run([sys.executable, "-c", probe], capture_output=True, env=env, check=True)
            fresh.append(float(out.stdout))
        print(f"fresh process, import + cache load: median {statistics.median(fresh):.1f} ms")

        article = Path(tmp) / "article.md"
        article.write_text(ARTICLE, encoding="utf-8")
        check = [sys.executable, "-m", "liqaa", "check", str(article), "--as-of", "2025-03-13"]
        if args.kb:
            check += ["--kb", str(args.kb)]
        wall_ms(check, 1, env)  # warm the compiled cache and the OS file cache
        cold = wall_ms(check, max(3, args.runs // 4), env)
        print(f"`liqaa check` cold start:   median {cold[0]:7.1f} ms  (min {cold[1]:.1f}, wall time, new process each run)"
              f"  target < 500 ms: {'ok' if cold[0] < 500 else 'MISSED'}")


if __name__ == "__main__":
    main()
