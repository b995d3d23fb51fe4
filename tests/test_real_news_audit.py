"""The development corpora against the audit: every "refuted" liqaa gives on real news has
been read and judged (tests/audit/refutations.yaml, ids and offsets only), at most
MAX_FALSE_ALARMS of them are false alarms, and no audited spelling match is wrong. Runs
when ../shared holds the corpora (CI has them); skips cleanly on a bare clone."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "real_news.py"


def test_every_refutation_on_the_development_corpora_is_judged():
    spec = importlib.util.spec_from_file_location("real_news", BENCH)
    real_news = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real_news)
    if not real_news.available():
        pytest.skip(f"no development corpora under {real_news.CORPORA}")
    # The bench as CI and a developer run it (its worker pool needs it as a script).
    run = subprocess.run([sys.executable, str(BENCH)], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-3000:]


def test_the_audit_names_items_by_id_and_offsets_only():
    import yaml

    data = yaml.safe_load((Path(__file__).parent / "audit" / "refutations.yaml").read_text(encoding="utf-8"))
    for section in ("refutations", "spelled"):
        for row in data[section]:
            assert set(row) <= {"id", "start", "end", "role", "place", "person", "judgement", "why"}, row
            assert row["judgement"] in ("right", "false_alarm", "wrong"), row
            assert isinstance(row["start"], int) and isinstance(row["end"], int) and row["end"] > row["start"]
