"""How `liqaa check --format json` grows on claim-dense text: time, peak memory and output
size at several sizes, each run in its own process; linear growth keeps the per-MB figures
flat from one size to the next.

    python bench/growth.py                  # 1, 4 and 16 MB, one line and paragraphs
    python bench/growth.py --mb 1 --mb 2    # other sizes
    python bench/growth.py --write DIR      # also keep the generated texts in DIR

The text is nothing but claims: the four clauses of CLAUSES (eight titled names and a
counterpart each time round, Arabic and English), repeated to the size asked for, in two
shapes:
  line        one line joined by "، ": a single "sentence" of megabytes, which liqaa reads
              in pieces of LONGEST_SENTENCE characters and at most MAX_CLAIMS_PER_SENTENCE
              claims each (the report's note says so);
  paragraphs  the same clauses, four to a sentence, one sentence to a paragraph.
Each size runs in its own `liqaa` process, started from a fresh interpreter; CPU time and
peak memory (maximum resident set) are that process's own (wait4's rusage), the CLI's
start-up and KB included; output is the JSON's size in megabytes (10^6 bytes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CLAUSES = (
    "التقى الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو",
    "واستقبل ولي العهد السعودي الأمير محمد بن سلمان الرئيس الأمريكي دونالد ترامب",
    "Russian President Vladimir Putin met his Belarusian counterpart Alexander Lukashenko",
    "وبحث وزير الخارجية السعودي الأمير فيصل بن فرحان مع المبعوث الأمريكي الخاص ستيف ويتكوف",
)
SHAPES = ("line", "paragraphs")
AS_OF = "2025-06-01"


def claim_dense_text(size: int, shape: str) -> str:
    """At least ``size`` bytes (UTF-8) of CLAUSES repeated, as one line or as paragraphs."""
    parts, n, k = [], 0, 0
    while n < size:
        clause = CLAUSES[k % len(CLAUSES)]
        k += 1
        end = ".\n\n" if shape == "paragraphs" and k % len(CLAUSES) == 0 else "، "
        parts.append(clause + end)
        n += len(clause.encode("utf-8")) + len(end.encode("utf-8"))
    return "".join(parts).rstrip() + "\n"


def liqaa_command() -> list[str]:
    """`liqaa` of this interpreter's environment."""
    return [sys.executable, "-m", "liqaa"]


def measure(path: Path) -> dict:
    """One `liqaa check --format json` of the file, launched from a fresh interpreter (see
    measure_here) so that the figures are the check's own."""
    # A child's peak resident memory starts at its parent's high-water mark (fork copies
    # it, exec keeps it): launched from this process, which has held the texts, each size
    # would carry the largest text made so far.
    proc = subprocess.run([sys.executable, __file__, "--measure", str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr.strip() or f"growth: measuring {path} failed (exit {proc.returncode})")
    return json.loads(proc.stdout)


def measure_here(path: Path) -> dict:
    """One `liqaa check --format json` of the file in a child process: wall time, CPU time
    and peak resident memory of the child itself (wait4's rusage), output size and claims."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([*liqaa_command(), "check", str(path), "--format", "json", "--as-of", AS_OF],
                                stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            err.seek(0)
            raise SystemExit(f"growth: liqaa check failed on {path} (exit {code}): "
                             f"{err.read().decode(errors='replace').strip()[-500:]}")
        out_bytes = out.seek(0, os.SEEK_END)
        out.seek(0)
        claims = count_claims(out)
    return {"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
            "out_mb": out_bytes / 1e6, "claims": claims}


def count_claims(stream, chunk: int = 1 << 20) -> int:
    """Claim records in a liqaa.check/1 JSON stream (each has one "mention" key), read in
    chunks: the output of 16 MB of claims is hundreds of megabytes."""
    key, count, tail = b'"mention": ', 0, b""
    while block := stream.read(chunk):
        block = tail + block
        count += block.count(key)
        tail = block[-(len(key) - 1):]   # a key cut by the chunk's end is counted with the next
    return count


def table(rows: list[dict]) -> str:
    """The rows as a Markdown table; per-MB columns compare each size with the first of its shape."""
    lines = ["| text | input MB | claims | wall s | CPU s | CPU s/MB | peak MB | output MB | output/input |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['shape']} | {r['mb']:g} | {r['claims']:,} | {r['seconds']:.1f} | {r['cpu']:.1f} | "
                     f"{r['cpu'] / r['mb']:.2f} | {r['peak_mb']:.0f} | {r['out_mb']:.1f} | "
                     f"{r['out_mb'] / r['mb']:.1f} |")
    return "\n".join(lines)


def growth_lines(rows: list[dict]) -> list[str]:
    """Per shape, how much CPU time, memory and output grew from one size to the next, and
    per MB of input (1.0 is linear). CPU time, not wall time: this is a shared machine's
    measure that other processes do not stretch."""
    out = []
    for shape in SHAPES:
        mine = [r for r in rows if r["shape"] == shape]
        for a, b in zip(mine, mine[1:]):
            scale = b["mb"] / a["mb"]
            out.append(f"{shape} {a['mb']:g} -> {b['mb']:g} MB (x{scale:g}): CPU time x{b['cpu'] / a['cpu']:.2f}, "
                       f"peak memory x{b['peak_mb'] / a['peak_mb']:.2f}, output x{b['out_mb'] / a['out_mb']:.2f}; "
                       f"per MB: CPU time x{b['cpu'] / a['cpu'] / scale:.2f}, "
                       f"peak memory x{b['peak_mb'] / a['peak_mb'] / scale:.2f}, "
                       f"output x{b['out_mb'] / a['out_mb'] / scale:.2f}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, action="append", help="input sizes in MB (default 1, 4, 16)")
    ap.add_argument("--shape", choices=SHAPES, action="append", help="only these shapes (default both)")
    ap.add_argument("--write", type=Path, help="keep the generated texts in this directory")
    ap.add_argument("--measure", type=Path, help=argparse.SUPPRESS)   # one file, from measure()
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_here(args.measure)))
        return 0
    sizes = sorted(args.mb or [1, 4, 16])
    shapes = args.shape or list(SHAPES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        where = args.write or Path(tmp)
        where.mkdir(parents=True, exist_ok=True)
        for shape in shapes:
            for mb in sizes:
                path = where / f"claim-dense-{shape}-{mb:g}mb.txt"
                path.write_text(claim_dense_text(int(mb * 1e6), shape), encoding="utf-8")
                row = {"shape": shape, "mb": mb, **measure(path)}
                rows.append(row)
                print(f"{shape} {mb:g} MB: {row['seconds']:.1f} s ({row['cpu']:.1f} s CPU), peak {row['peak_mb']:.0f} MB, "
                      f"output {row['out_mb']:.1f} MB, {row['claims']:,} claims", file=sys.stderr, flush=True)
    print(table(rows))
    print()
    for line in growth_lines(rows):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
