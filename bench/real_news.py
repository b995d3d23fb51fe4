"""liqaa check on the real development corpora: verdict counts per corpus, every claim as
a JSONL line for diffing runs, and the refutations against the committed audit.

    python bench/real_news.py                       # counts; refutations checked against the audit
    python bench/real_news.py --claims out.jsonl    # also every claim (id, offsets, verdict, ...)
    python bench/real_news.py --corpus aljazeera    # one corpus only

Corpora (../shared/data/corpus/): saudinewsnet_2015 (31,030 articles, ids
``snn-<day>-<index>``), aljazeera_dev (4,634 items, their own ids) and news_2025_26_dev.
The audit, ``tests/audit/refutations.yaml``, judges every refutation by item id and character
offsets (no corpus text); a refutation it has not judged makes the run exit 1, so that every
new "refuted" is read by a person before it lands. So do more than MAX_FALSE_ALARMS judged
false alarms, and a "supported (spelled …)" match the audit's sample judges wrong.
"""

from __future__ import annotations

import argparse
import collections
import json
import multiprocessing
import os
import sys
import zipfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("LIQAA_SHARED", REPO.parent / "shared")) / "data" / "corpus"
AUDIT = REPO / "tests" / "audit" / "refutations.yaml"


def saudinewsnet(root: Path):
    for z in sorted((root / "saudinewsnet_2015").glob("*.zip")):
        day = z.stem
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                if not name.endswith(".json"):
                    continue
                for i, a in enumerate(json.loads(zf.read(name))):
                    yield {"id": f"snn-{day}-{i}", "text": f"{a.get('title') or ''}\n{a.get('content') or ''}",
                           "date": (a.get("date_extracted") or "")[:10] or None}


def jsonl(path: Path):
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                item = json.loads(line)
                yield {"id": item["id"], "text": item.get("text") or "", "date": item.get("date")}


CORPUS_READERS = {
    "saudinewsnet": lambda root: saudinewsnet(root),
    "aljazeera": lambda root: jsonl(root / "aljazeera_dev" / "items.jsonl"),
    "news_2025_26": lambda root: jsonl(root / "news_2025_26_dev" / "items.jsonl"),
}


def available(root: Path = CORPORA) -> list[str]:
    have = {"saudinewsnet": (root / "saudinewsnet_2015").is_dir(),
            "aljazeera": (root / "aljazeera_dev" / "items.jsonl").is_file(),
            "news_2025_26": (root / "news_2025_26_dev" / "items.jsonl").is_file()}
    return [name for name, ok in have.items() if ok]


def _check(item: dict) -> list[dict]:
    import liqaa

    if not item["text"].strip():
        return []
    report = liqaa.check(item["text"], as_of=item.get("date"))
    out = []
    for c in report.to_dict()["claims"]:
        out.append({"id": item["id"], "start": c["start"], "end": c["end"], "mention": c["mention"],
                    "role": c["role"], "place": c["country"] or c["org"], "person": (c["person"] or {}).get("id"),
                    "date": c["date"], "date_basis": c["date_basis"], "verdict": c["verdict"],
                    "reason": c["reason"], "sentence": c["sentence"], "explanation": c["explanation"]["en"]})
    return out


def run(corpora: list[str], root: Path = CORPORA, processes: int = 2):
    """Every claim of every item of the corpora, corpus by corpus."""
    with multiprocessing.Pool(processes) as pool:
        for name in corpora:
            items = list(CORPUS_READERS[name](root))
            claims = [c for chunk in pool.imap(_check, items, chunksize=64) for c in chunk]
            yield name, len(items), claims


# The trust issue's bar: at most this many refutations judged false alarms in all corpora.
MAX_FALSE_ALARMS = 3


def load_audit(path: Path = AUDIT, section: str = "refutations") -> dict[tuple[str, int, int], dict]:
    """The audit's judgements of one section (refutations, spelled), by (id, start, end)."""
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {(r["id"], r["start"], r["end"]): r for r in data.get(section) or []}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", choices=sorted(CORPUS_READERS), help="only these corpora")
    ap.add_argument("--claims", type=Path, help="write every claim as JSONL here (for diffing two runs)")
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args(argv)
    corpora = [c for c in (args.corpus or list(CORPUS_READERS)) if c in available()]
    if not corpora:
        print("real_news: no corpus found under", CORPORA, file=sys.stderr)
        return 0
    audit = load_audit()
    spelled_audit = load_audit(section="spelled")
    unjudged, false_alarms, wrong_spellings, spelled = [], [], [], []
    out = args.claims.open("w", encoding="utf-8") if args.claims else None
    for name, n_items, claims in run(corpora, processes=args.processes):
        counts = collections.Counter(c["verdict"] for c in claims)
        refuted = [c for c in claims if c["verdict"] == "refuted"]
        judged = [audit.get((c["id"], c["start"], c["end"])) for c in refuted]
        right = sum(1 for j in judged if j and j["judgement"] == "right")
        total = len(claims)
        share = counts["unverifiable"] / total if total else 0.0
        print(f"{name}: {n_items} items, {total} claims: {counts['supported']} supported, "
              f"{counts['refuted']} refuted ({right} judged right), {counts['unverifiable']} unverifiable "
              f"({share:.1%})")
        for c, j in zip(refuted, judged):
            if j is None:
                unjudged.append(c)
            elif j["judgement"] != "right":
                false_alarms.append(c)
        for c in claims:
            if c["reason"] == "held_office_spelling":
                spelled.append(c)
                j = spelled_audit.get((c["id"], c["start"], c["end"]))
                if j is not None and j["judgement"] != "right":
                    wrong_spellings.append(c)
        if out:
            for c in claims:
                out.write(json.dumps(c, ensure_ascii=False) + "\n")
    if out:
        out.close()
    for c in false_alarms:
        print(f"  false alarm (judged): {c['id']} {c['start']}-{c['end']} {c['mention']} as {c['role']}/{c['place']}")
    for c in unjudged:
        print(f"  NOT JUDGED: {c['id']} {c['start']}-{c['end']} {c['mention']} as {c['role']}/{c['place']}: "
              f"{c['sentence'][:160]}")
    for c in wrong_spellings:
        print(f"  WRONG SPELLING MATCH (judged): {c['id']} {c['start']}-{c['end']} {c['mention']} as {c['person']}")
    judged_spelled = sum(1 for c in spelled if (c["id"], c["start"], c["end"]) in spelled_audit)
    print(f"refutations: {len(false_alarms)} judged false alarms (at most {MAX_FALSE_ALARMS}), "
          f"{len(unjudged)} not judged in {AUDIT.relative_to(REPO)}")
    print(f"spelling matches (supported, spelled …): {len(spelled)}, {judged_spelled} judged in the audit's sample, "
          f"{len(wrong_spellings)} of them wrong")
    return 1 if unjudged or wrong_spellings or len(false_alarms) > MAX_FALSE_ALARMS else 0


if __name__ == "__main__":
    sys.exit(main())
