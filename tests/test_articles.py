"""The annotated article set (tests/articles): every gold claim found with its verdict,
and no refutation the gold does not list. See tests/articles/README.md."""

from collections import Counter
from pathlib import Path

import pytest
import yaml

from liqaa.report import check
from liqaa.sources import read_file

HERE = Path(__file__).parent
ARTICLES = HERE / "articles"
GOLD = yaml.safe_load((ARTICLES / "expected.yaml").read_text(encoding="utf-8"))


def run(name: str, kb):
    item = read_file(ARTICLES / name)[0]
    gold = GOLD[name]
    return check(item.text, kb=kb, date=item.date, as_of=gold.get("as_of")), gold


def _key(mention: str, role: str, place):
    return (mention, role, place)


@pytest.mark.parametrize("name", sorted(GOLD))
def test_article_verdicts_match_the_gold(name, kb):
    report, gold = run(name, kb)
    found = {}
    for c in report.to_dict()["claims"]:
        found.setdefault((c["role"], c["country"] or c["org"]), []).append(c)
    problems = []
    matched_ids = set()
    for g in gold.get("claims") or []:
        place = g.get("country") or g.get("org")
        candidates = [c for c in found.get((g["role"], place), [])
                      if (g["mention"] in c["mention"] or c["mention"] in g["mention"]) and id(c) not in matched_ids]
        if not candidates:
            problems.append(f"missed: {g['mention']} {g['role']} {place} ({g['verdict']})")
            continue
        c = candidates[0]
        matched_ids.add(id(c))
        if c["verdict"] != g["verdict"]:
            problems.append(f"wrong verdict: {g['mention']} {g['role']} {place}: got {c['verdict']}, "
                            f"gold {g['verdict']} — {c['explanation']['en']}")
    for claims in found.values():
        for c in claims:
            if id(c) not in matched_ids and c["verdict"] == "refuted":
                problems.append(f"unexpected refutation: {c['mention']} {c['role']} {c['country'] or c['org']} — "
                                f"{c['explanation']['en']}")
    assert not problems, "\n".join(problems)


def test_article_set_summary(kb, capsys):
    """Prints precision/recall of claim finding and verdict accuracy (pytest -s to see)."""
    tp = fp = fn = right = 0
    verdicts = Counter()
    for name in sorted(GOLD):
        report, gold = run(name, kb)
        got = [(c["mention"], c["role"], c["country"] or c["org"], c["verdict"]) for c in report.to_dict()["claims"]]
        want = [(g["mention"], g["role"], g.get("country") or g.get("org"), g["verdict"]) for g in gold.get("claims") or []]
        used = set()
        for w in want:
            hit = next((i for i, g in enumerate(got) if i not in used and g[1:3] == w[1:3]
                        and (w[0] in g[0] or g[0] in w[0])), None)
            if hit is None:
                fn += 1
                continue
            used.add(hit)
            tp += 1
            right += got[hit][3] == w[3]
            verdicts[w[3]] += 1
        fp += len(got) - len(used)
    precision = tp / (tp + fp) if tp + fp else 0
    recall = tp / (tp + fn) if tp + fn else 0
    with capsys.disabled():
        print(f"\narticle set: {len(GOLD)} articles, {tp + fn} gold claims; claim finding precision "
              f"{precision:.3f} recall {recall:.3f}; verdicts right {right}/{tp}; by gold verdict {dict(verdicts)}")
    assert recall >= 0.9 and precision >= 0.9
