"""Throughput of the full check (and extraction, when available) against one bare
pyahocorasick pass over the same text with the same patterns, measured in the same run.

    python bench/check_throughput.py [--mb 20] [--corpus DIR]

The text is cut into --slices slices; over --rounds rounds the three passes run back to
back on each slice, and each pass's fastest time per slice counts.
Text: the SaudiNewsNet archive (../shared/data/corpus/saudinewsnet_2015/*.zip) when
present, else generated Arabic news-like text. Prints MB/s, articles/s and the ratio;
the target is a ratio of at least 1/3. Also prints the cold-start wall time of
`liqaa check` on one article (target < 0.5 s).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = Path(os.environ.get("LIQAA_SHARED", REPO.parent / "shared")) / "data" / "corpus" / "saudinewsnet_2015"


def load_articles(corpus: Path, mb: float) -> tuple[list[dict], str]:
    target = int(mb * 1024 * 1024)
    articles, size = [], 0
    zips = sorted(corpus.glob("*.zip")) if corpus.is_dir() else []
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for a in json.loads(zf.read(name)):
                    text = f"{a.get('title') or ''}\n{a.get('content') or ''}"
                    date = (a.get("date_extracted") or "")[:10] or None
                    articles.append({"text": text, "date": date})
                    size += len(text.encode("utf-8"))
                    if size >= target:
                        return articles, f"SaudiNewsNet ({corpus})"
    if articles:
        return articles, f"SaudiNewsNet ({corpus}, all {size / 1e6:.1f} MB)"
    return generated_articles(target), "generated Arabic text (SaudiNewsNet not found)"


def generated_articles(target: int) -> list[dict]:
    rnd = random.Random(7)
    sentences = [
        "استقبل الرئيس الروسي فلاديمير بوتين في الكرملين المبعوث الأمريكي الخاص ستيف ويتكوف لبحث الحرب في أوكرانيا.",
        "وقال وزير الخارجية السعودي الأمير فيصل بن فرحان إن المملكة تدعم الحل السياسي.",
        "وأكد المتحدث أن الاجتماع تناول العلاقات الثنائية وسبل تعزيزها في مختلف المجالات.",
        "وتشهد الأسواق ارتفاعا في أسعار النفط وسط توقعات بزيادة الطلب خلال الربع المقبل.",
        "التقى ولي العهد السعودي الأمير محمد بن سلمان الرئيس الأمريكي دونالد ترامب في الرياض.",
        "وتابع أن الوزارة ستواصل العمل مع الشركاء الإقليميين لضمان الاستقرار.",
    ]
    articles, size = [], 0
    while size < target:
        text = " ".join(rnd.choice(sentences) for _ in range(rnd.randint(6, 30)))
        articles.append({"text": text, "date": "2025-03-13"})
        size += len(text.encode("utf-8"))
    return articles


def bare_pass(articles, automaton) -> float:
    t0 = time.perf_counter()
    hits = 0
    for a in articles:
        for _ in automaton.iter(a["text"]):
            hits += 1
    return time.perf_counter() - t0


def full_pass(articles, kb, with_extract: bool) -> float:
    from liqaa.dates import parse_date_arg
    from liqaa.document import analyze
    from liqaa.report import check_document

    extract = None
    if with_extract:
        try:
            from liqaa.extract import find_meetings as extract  # noqa: F811
        except ImportError:
            extract = None
    t0 = time.perf_counter()
    for a in articles:
        date = parse_date_arg(a["date"]) if a["date"] else None
        doc = analyze(a["text"], kb, date=date)
        report = check_document(doc, kb)
        if extract is not None:
            extract(doc, kb, [c.claim for c in report.claims])
    return time.perf_counter() - t0


def stage_times(articles, kb, gazetteer) -> dict[str, float]:
    """Seconds per stage of the check over the same articles: where the time goes."""
    from liqaa.dates import parse_date_arg
    from liqaa.document import analyze
    from liqaa.extract import find_meetings
    from liqaa.gazetteer import ENTITY, mentions_of, scan_hits
    from liqaa.report import check_document
    from liqaa.text import detect_language, normalize_with_map, split_sentences

    texts = [a["text"] for a in articles]
    times: dict[str, float] = {}

    def timed(name, work):
        t0 = time.perf_counter()
        result = work()
        times[name] = time.perf_counter() - t0
        return result

    normalised = timed("normalisation (with offset map)", lambda: [normalize_with_map(t) for t in texts])

    def iterate():
        for norm, _ in normalised:
            for _ in gazetteer.automaton.iter(norm):
                pass
    timed("automaton iteration over the normalised text", iterate)
    hits = timed("gazetteer scan (walk from word starts and proclitics, hits)",
                 lambda: [scan_hits(t, n, o, gazetteer) for t, (n, o) in zip(texts, normalised)])
    timed("entity mentions of the hits", lambda: [mentions_of(h, t, ENTITY) for h, t in zip(hits, texts)])
    timed("sentence splitting", lambda: [split_sentences(n) for n, _ in normalised])
    timed("language detection", lambda: [detect_language(t) for t in texts])
    docs = [analyze(a["text"], kb, date=parse_date_arg(a["date"]) if a["date"] else None) for a in articles]
    reports = timed("claims, dates and verdicts", lambda: [check_document(d, kb) for d in docs])
    timed("meeting extraction", lambda: [find_meetings(d, kb, [c.claim for c in r.claims])
                                         for d, r in zip(docs, reports)])
    return times


def cold_start(runs: int = 5) -> float:
    article = "استقبل الرئيس الروسي فلاديمير بوتين نظيره البيلاروسي ألكسندر لوكاشينكو في موسكو.\n"
    with tempfile.NamedTemporaryFile("w", suffix=".md", delete=False, encoding="utf-8") as fh:
        fh.write(article)
    # An installed liqaa has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "liqaa", "check", fh.name, "--as-of", "2025-03-13"]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
        times.append(time.perf_counter() - t0)
    os.unlink(fh.name)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=20.0, help="megabytes of text to process (default 20)")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=5, help="interleaved rounds; the fastest time of each pass counts")
    ap.add_argument("--slices", type=int, default=20, help="slices of the text timed one by one (default 20)")
    args = ap.parse_args()

    from liqaa.gazetteer import gazetteer_for
    from liqaa.kb import default_kb

    kb = default_kb()
    gaz = gazetteer_for(kb)
    articles, origin = load_articles(args.corpus, args.mb)
    mb = sum(len(a["text"].encode("utf-8")) for a in articles) / (1024 * 1024)
    print(f"text: {origin}: {len(articles):,} articles, {mb:.1f} MB; patterns: {gaz.size:,}")

    # This machine's speed drifts by a third between runs, and for seconds at a time (a
    # shared VM): the text is cut into slices, the three passes run back to back on each
    # slice, over several rounds, and each pass keeps its fastest time per slice, as
    # timeit does. A slow spell then costs the passes of one slice, not a whole pass.
    full_pass(articles[:200], kb, with_extract=True)   # warm the caches and lazy tables
    slices = [articles[k::args.slices] for k in range(args.slices)]
    best = {name: [float("inf")] * len(slices) for name in ("bare", "full", "both")}
    for _ in range(args.rounds):
        for k, part in enumerate(slices):
            best["bare"][k] = min(best["bare"][k], bare_pass(part, gaz.automaton))
            best["full"][k] = min(best["full"][k], full_pass(part, kb, with_extract=False))
            best["both"][k] = min(best["both"][k], full_pass(part, kb, with_extract=True))
    bare, full, both = (sum(best[name]) for name in ("bare", "full", "both"))
    print(f"bare pyahocorasick pass : {mb / bare:7.2f} MB/s  {len(articles) / bare:9.0f} articles/s")
    print(f"full check              : {mb / full:7.2f} MB/s  {len(articles) / full:9.0f} articles/s  "
          f"ratio {bare / full:.3f} (target >= 0.333)")
    print(f"check + extract         : {mb / both:7.2f} MB/s  {len(articles) / both:9.0f} articles/s  "
          f"ratio {bare / both:.3f} (target >= 0.333)")
    print(f"cold start, one article : {cold_start():.2f} s wall (median of 5; target < 0.5 s)")
    print("where the time goes (seconds, and as a multiple of the bare pass):")
    for name, seconds in stage_times(articles, kb, gaz).items():
        print(f"  {name:62s} {seconds:6.2f} s  {seconds / bare:5.2f}x")


if __name__ == "__main__":
    main()
