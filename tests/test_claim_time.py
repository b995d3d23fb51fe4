"""The time a claim speaks of: the time-cue rules (each rule's own examples), and the
verdicts they lead to — a past holder named in a past context is supported at that time,
an undated text is judged against every date, and only a date can refute from the holder."""

import pytest

from liqaa.claim_time import find_cues, time_rules
from liqaa.report import check
from liqaa.text import normalize

EXAMPLES = [(rule.id, ex) for rule in time_rules() for ex in rule.examples]


@pytest.mark.parametrize("rule_id,example", EXAMPLES, ids=[f"{r}:{e['text'][:30]}" for r, e in EXAMPLES])
def test_time_cue_rule_examples(rule_id, example):
    norm = normalize(example["text"])
    dated, ended = find_cues(norm, 0, len(norm), 0, example.get("article_year", 2025))
    want = example["window"]
    if want is None:
        assert (dated is None or dated.rule != rule_id) and (ended is None or ended.rule != rule_id)
    elif want == "ended":
        assert ended is not None and ended.rule == rule_id
    elif want == "past":
        assert dated is not None and (dated.rule, dated.window) == (rule_id, None)
    else:
        assert dated is not None and dated.rule == rule_id
        assert (dated.window[0].year, dated.window[1].year) == tuple(want)


def test_every_rule_has_examples_of_both_kinds_or_a_match():
    for rule in time_rules():
        assert rule.examples, rule.id
        assert any(ex["window"] is not None for ex in rule.examples), rule.id


class _Spy:
    """A rule's compiled pattern that notes the rule when find_cues runs it over a window."""

    def __init__(self, rule_id, rx, tried):
        self.rule_id, self.rx, self.tried = rule_id, rx, tried

    def finditer(self, *args):
        self.tried.append(self.rule_id)
        return self.rx.finditer(*args)

    def match(self, *args):
        return self.rx.match(*args)


def _rules_tried(monkeypatch, text: str, at: int = 0) -> list[str]:
    import dataclasses

    import liqaa.claim_time as claim_time

    tried: list[str] = []
    rules = tuple(dataclasses.replace(r, regex=_Spy(r.id, r.regex, tried)) for r in time_rules())
    monkeypatch.setattr(claim_time, "time_rules", lambda: rules)
    norm = normalize(text)
    find_cues(norm, 0, len(norm), at, 2025)
    return tried


def test_a_rule_of_years_is_not_run_over_a_window_without_such_a_year(monkeypatch):
    # four digits that are no year of the rules' shape (15xx-20xx): a count, a number
    assert _rules_tried(monkeypatch, "وقال إن 3456 شخصا حضروا لقاء الرئيس الروسي فلاديمير بوتين") == []


def test_a_rule_of_years_runs_where_its_year_is():
    norm = normalize("وكان الرئيس الأمريكي جيمس بولك، الذي استمرت رئاسته بين عامي 1845 و1849")
    dated, _ = find_cues(norm, 0, len(norm), 10, 2025)
    assert dated is not None and dated.rule == "year_range"


def test_a_history_line_is_read_at_the_start_of_a_line_only():
    norm = normalize("سطر أول\n1909 - استقالة رئيس الحكومة الفرنسي جورج كليمنصو")
    start = norm.index("1909")
    dated, _ = find_cues(norm, start, len(norm), start + 20, 2025)
    assert dated is not None and dated.rule == "history_line" and dated.window[0].year == 1909
    dated, _ = find_cues(norm, start + 1, len(norm), start + 20, 2025)   # not where a line starts
    assert dated is None or dated.rule != "history_line"


def judged(small_kb, text, date="2025-03-13"):
    report = check(text, kb=small_kb, date=date)
    assert len(report.claims) == 1, [c.claim.mention for c in report.claims]
    c = report.claims[0]
    return c, c.to_dict(small_kb)


# --- a past holder in a past context -------------------------------------------------

def test_without_a_cue_a_past_holder_named_as_current_is_refuted_saying_until_when(small_kb):
    c, d = judged(small_kb, "قال رئيس الوزراء الروسي دميتري ميدفيديف إن الاقتصاد قوي.")
    assert (d["verdict"], d["reason"], d["date_basis"]) == ("refuted", "other_holder", "document")
    assert "held it until 2020-01-16; since 2020-01-16 it is held by Mikhail Mishustin" in d["explanation"]["en"]


def test_this_day_in_history_line_is_judged_at_its_year(small_kb):
    c, d = judged(small_kb, "2015 - رئيس الوزراء الروسي دميتري ميدفيديف يفتتح جسرا جديدا.")
    assert (d["verdict"], d["date_basis"], d["time_cue"], d["date"]) == ("supported", "context", "history_line", "2015")
    assert d["window"] == {"from": "2015-01-01", "to": "2015-12-31"}
    assert "in 2015" in d["explanation"]["en"]


def test_then_is_any_time_before_the_article(small_kb):
    c, d = judged(small_kb, "وقال رئيس الوزراء الروسي دميتري ميدفيديف آنذاك إن الاقتصاد قوي.")
    assert (d["verdict"], d["date_basis"], d["time_cue"], d["date"]) == ("supported", "context", "then", None)
    assert d["window"] == {"from": None, "to": "2025-03-13"}
    assert "2012-05-08 to 2020-01-16" in d["explanation"]["en"]


def test_an_era_named_by_its_ruler(small_kb):
    c, d = judged(small_kb, "تحسنت العلاقات في عهد رئيس الوزراء الروسي دميتري ميدفيديف.")
    assert (d["verdict"], d["time_cue"]) == ("supported", "reign")


def test_a_year_range_dates_the_claim(small_kb):
    c, d = judged(small_kb, "كان رئيس الوزراء الروسي دميتري ميدفيديف، الذي تولى المنصب بين عامي 2012 و2020، يزور المصانع.")
    assert (d["verdict"], d["time_cue"]) == ("supported", "year_range")


def test_an_unknown_name_in_a_past_context_is_never_refuted(small_kb):
    c, d = judged(small_kb, "1998 - رئيس الوزراء الروسي يفغيني بريماكوف يزور بكين.")
    assert (d["verdict"], d["date_basis"]) == ("unverifiable", "context")


def test_a_year_of_something_else_falls_back_to_the_article_date(small_kb):
    # "حدود عام 2008" dates the borders, not the title: the title is true at the article's date.
    c, d = judged(small_kb, "قال الرئيس الروسي فلاديمير بوتين إن حدود عام 2008 لن تعود.")
    assert (d["verdict"], d["date_basis"], d["date"]) == ("supported", "document", "2025-03-13")


# --- the end of a term, reported the days after ---------------------------------------

def test_a_resignation_reported_the_day_after_is_supported_until_then(small_kb):
    c, d = judged(small_kb, "استقالة رئيس الوزراء الروسي دميتري ميدفيديف وحكومته.", date="2020-01-18")
    assert (d["verdict"], d["reason"]) == ("supported", "term_ended")
    assert "until 2020-01-16" in d["explanation"]["en"]


def test_a_term_end_weeks_before_is_not_news_of_it(small_kb):
    c, d = judged(small_kb, "استقالة رئيس الوزراء الروسي دميتري ميدفيديف وحكومته.", date="2020-03-01")
    assert d["verdict"] == "refuted"


# --- undated text ------------------------------------------------------------------------

def undated(small_kb, text):
    report = check(text, kb=small_kb)
    return [c.to_dict(small_kb) for c in report.claims]


def test_undated_claims_have_no_date_and_are_supported_by_any_term(small_kb):
    [d] = undated(small_kb, "قال رئيس الوزراء الروسي دميتري ميدفيديف إن الاقتصاد قوي.")
    assert (d["verdict"], d["date"], d["date_basis"]) == ("supported", None, "none")


def test_undated_conflation_is_still_refuted(small_kb):
    found = undated(small_kb, "يبرز لقاء الرئيس الروسي فلاديمير بوتين مع نظيره البيلاروسي ألكسندر ويتكوف.")
    assert [(d["mention"], d["verdict"]) for d in found] == [("فلاديمير بوتين", "supported"), ("ألكسندر ويتكوف", "refuted")]
    assert found[1]["conflation"]["surname_of"]["id"] == "steve-witkoff"


def test_undated_national_of_another_country_is_refuted(small_kb):
    [d] = undated(small_kb, "قال وزير الخارجية الأمريكي سيرغي لافروف إن المحادثات صعبة.")
    assert (d["verdict"], d["reason"]) == ("refuted", "other_country")


def test_undated_unknown_name_is_unverifiable(small_kb):
    [d] = undated(small_kb, "قال رئيس وزراء روسيا أليكسي فولكوف إن الاقتصاد قوي.")
    assert (d["verdict"], d["date_basis"]) == ("unverifiable", "none")


def test_an_explicit_date_in_an_undated_text_is_still_used(small_kb):
    [d] = undated(small_kb, "في 10 مارس 2019 قال رئيس الوزراء الروسي ميخائيل ميشوستين إن الاقتصاد قوي.")
    assert (d["date"], d["date_basis"], d["verdict"]) == ("2019-03-10", "explicit", "refuted")


def test_context_and_undated_records_follow_the_check_schema(small_kb):
    import json
    from pathlib import Path

    import jsonschema

    schema = json.loads((Path(__file__).parent.parent / "src" / "liqaa" / "schemas" / "check.schema.json")
                        .read_text(encoding="utf-8"))
    for text, date in [("1998 - رئيس الوزراء الروسي يفغيني بريماكوف يزور بكين.", "2015-07-21"),
                       ("وقال رئيس الوزراء الروسي دميتري ميدفيديف آنذاك إن الاقتصاد قوي.", None),
                       ("قال رئيس الوزراء الروسي دميتري ميدفيديف إن الاقتصاد قوي.", None)]:
        record = check(text, kb=small_kb, date=date).to_dict()
        jsonschema.validate(record, schema)
        assert record["claims"][0]["date_basis"] in ("context", "none")
