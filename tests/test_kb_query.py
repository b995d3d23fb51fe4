"""Asking the knowledge base questions — the library (``liqaa.kb.query``) and ``liqaa kb``.

Most tests use the tiny real-facts KB of ``tests/fixtures/kb`` (as of 2025-12-31: Putin,
Lukashenko, Trump, Biden, Witkoff, MBS, Guterres ...), so the answers are stable while the
embedded KB grows.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import liqaa.cli.kb  # noqa: F401  (registers `liqaa kb` on the app)
from liqaa.cli import app
from liqaa.kb.model import KB, Person, Term, PartialDate
from liqaa.kb.query import (
    EXPORT_FIELDS, AmbiguousPerson, NoSuchPerson, UnknownPlace, UnknownRole, default_date, export_terms,
    kb_info, person_terms, resolve_place, resolve_role, search_people, skeleton, who,
)

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"


def ids(terms):
    return [t.person_id for t in terms]


# --- kb_info -------------------------------------------------------------------------

def test_info_counts_what_the_kb_holds(small_kb):
    info = kb_info(small_kb)
    assert info["version"] == "test"
    assert info["as_of"] == "2025-12-31"
    assert info["counts"] == {"people": 12, "terms": 14, "countries": 4, "orgs": 1, "offices": 10,
                              "people_without_qid": 1, "countries_with_leaders": 4}
    assert info["people_without_qid"] == ["steve-witkoff"]
    assert info["terms_per_role"]["president"] == 5
    assert list(info["terms_per_role"])[0] == "president"  # most frequent first


# --- search_people -------------------------------------------------------------------

@pytest.mark.parametrize("query", ["Lukashenko", "Lukashenka", "lukashenko", "Alexander Lukashenko",
                                   "لوكاشينكو", "لوكاشنكو", "ألكسندر لوكاشينكو", "الكسندر لوكاشينكو",
                                   "Q2866", "alexander-lukashenko"])
def test_search_finds_lukashenko_however_he_is_written(small_kb, query):
    (person, score), *_ = search_people(small_kb, query)
    assert person.id == "alexander-lukashenko"
    assert score >= 95


def test_arabic_spellings_that_differ_only_in_vowel_letters_meet(small_kb):
    assert skeleton("لوكاشينكو") == skeleton("لوكاشنكو") == "لكشنك"
    assert skeleton("ويتكوف") == skeleton("ويتكوفف") == skeleton("وِيتْكُوف")
    (person, score), *_ = search_people(small_kb, "ويتكوفف")
    assert person.id == "steve-witkoff" and score == 98.0


def test_search_tolerates_english_misspellings(small_kb):
    assert search_people(small_kb, "Witkof")[0][0].id == "steve-witkoff"
    assert search_people(small_kb, "Mohammad bin Salmaan")[0][0].id == "mohammed-bin-salman"
    assert search_people(small_kb, "Vladimir Poutine")[0][0].id == "vladimir-putin"


def test_the_seed_articles_conflated_name_shows_both_real_people(small_kb):
    """"ألكسندر ويتكوف" takes a surname from Steve Witkoff and a given name from Alexander Lukashenko."""
    found = [p.id for p, _ in search_people(small_kb, "ألكسندر ويتكوف")]
    assert found[:2] == ["steve-witkoff", "alexander-lukashenko"]


def test_search_returns_nothing_for_nonsense_and_respects_the_limit(small_kb):
    assert search_people(small_kb, "xyz") == []
    assert search_people(small_kb, "") == []
    assert len(search_people(small_kb, "ألكسندر ويتكوف", limit=1)) == 1


def test_scores_rank_exact_names_first(small_kb):
    results = search_people(small_kb, "Putin")
    assert results[0] == (small_kb.people["vladimir-putin"], 100.0)
    assert all(s <= 100.0 for _, s in results)
    assert [s for _, s in results] == sorted((s for _, s in results), reverse=True)


# --- roles and places ----------------------------------------------------------------

@pytest.mark.parametrize("word, role", [
    ("president", "president"), ("President", "president"), ("presidents", "president"),
    ("pm", "prime_minister"), ("prime minister", "prime_minister"), ("prime_minister", "prime_minister"),
    ("premier", "prime_minister"), ("fm", "foreign_minister"), ("foreign minister", "foreign_minister"),
    ("secretary of state", "foreign_minister"), ("king", "king"), ("secretary-general", "secretary_general"),
    ("head of state", "head_of_state"), ("hog", "head_of_government"),
    ("رئيس", "president"), ("الرئيس", "president"), ("رئيس الوزراء", "prime_minister"),
    ("رئيس الحكومة", "prime_minister"), ("وزير الخارجية", "foreign_minister"), ("ولي العهد", "crown_prince"),
    ("الملك", "king"), ("الأمين العام", "secretary_general"), ("العاهل", "head_of_state"),
])
def test_roles_are_understood_in_english_and_arabic(word, role):
    assert resolve_role(word) == role


def test_an_unknown_role_lists_the_known_ones():
    with pytest.raises(UnknownRole, match=r"unknown role 'foo' \(known: president, .*prime_minister, .*\)"):
        resolve_role("foo")


@pytest.mark.parametrize("text, code", [
    ("BY", "BY"), ("by", "BY"), ("Belarus", "BY"), ("بيلاروسيا", "BY"), ("روسيا البيضاء", "BY"),
    ("Belarusian", "BY"), ("البيلاروسي", "BY"), ("بيلاروسية", "BY"),
    ("Russia", "RU"), ("Russian", "RU"), ("الروسي", "RU"), ("الروسية", "RU"), ("RUS", "RU"),
    ("Russian Federation", "RU"), ("the United States", "US"), ("USA", "US"), ("أمريكا", "US"),
    ("الأمريكي", "US"), ("الأميركية", "US"), ("السعودية", "SA"),
    ("UN", "UN"), ("United Nations", "UN"), ("الأمم المتحدة", "UN"), ("الأممي", "UN"),
])
def test_countries_and_orgs_by_code_name_or_adjective(small_kb, text, code):
    assert resolve_place(small_kb, text) == code


def test_an_unknown_country_is_named_with_the_closest_ones(small_kb):
    with pytest.raises(UnknownPlace, match=r"^unknown country 'Narnia'$"):
        resolve_place(small_kb, "Narnia")
    with pytest.raises(UnknownPlace, match=r"closest: Belarus \(BY\)"):
        resolve_place(small_kb, "Belarussia")


# --- who -----------------------------------------------------------------------------

def test_who_answers_in_arabic(small_kb):
    assert ids(who(small_kb, "الرئيس", "بيلاروسيا")) == ["alexander-lukashenko"]
    assert ids(who(small_kb, "رئيس", "روسيا")) == ["vladimir-putin"]
    assert ids(who(small_kb, "وزير الخارجية", "الروسي")) == ["sergey-lavrov"]


def test_who_on_a_date(small_kb):
    assert ids(who(small_kb, "pm", "Russia", dt.date(2019, 6, 1))) == ["dmitry-medvedev"]
    assert ids(who(small_kb, "pm", "Russia", "2021-06-01")) == ["mikhail-mishustin"]
    assert ids(who(small_kb, "president", "US", "2023-03-01")) == ["joe-biden"]
    assert ids(who(small_kb, "fm", "American", "2024-05-01")) == ["antony-blinken"]
    assert ids(who(small_kb, "fm", "American", "2025-05-01")) == ["marco-rubio"]


def test_who_defaults_to_today_or_the_kbs_as_of_whichever_is_earlier(small_kb):
    assert default_date(small_kb) == min(dt.date.today(), small_kb.as_of)
    assert ids(who(small_kb, "president", "US")) == ["donald-trump"]


def test_head_of_state_and_government_map_onto_the_countrys_role(small_kb):
    assert ids(who(small_kb, "head_of_government", "US", "2025-06-01")) == ["donald-trump"]
    assert ids(who(small_kb, "head of government", "SA", "2025-06-01")) == ["mohammed-bin-salman"]
    assert ids(who(small_kb, "head_of_government", "RU", "2025-06-01")) == ["mikhail-mishustin"]


def test_who_for_an_organisation(small_kb):
    assert ids(who(small_kb, "secretary general", "UN", "2020-01-01")) == ["antonio-guterres"]
    assert ids(who(small_kb, "الأمين العام", "الأمم المتحدة", "2020-01-01")) == ["antonio-guterres"]


def test_who_returns_nothing_when_no_one_held_the_office(small_kb):
    assert who(small_kb, "prime minister", "US") == []
    assert who(small_kb, "president", "BY", "1990-01-01") == []


def test_who_lists_possible_holders_after_certain_ones_for_partial_dates(small_kb):
    kb = _kb_with(small_kb, Person(id="x-y", en="X Y", ar="س ص", terms=[
        Term("x-y", "envoy", PartialDate(2025, 3), None, "https://example.org", country="US")]))
    march = who(kb, "envoy", "US", "2025-03-10")
    assert ids(march) == ["steve-witkoff", "x-y"]
    assert [t.covers(dt.date(2025, 3, 10)) for t in march] == [True, False]


def test_who_rejects_unknown_roles_and_places(small_kb):
    with pytest.raises(UnknownRole):
        who(small_kb, "wizard", "BY")
    with pytest.raises(UnknownPlace):
        who(small_kb, "president", "Narnia")


# --- person_terms --------------------------------------------------------------------

def test_person_terms_lists_every_term_oldest_first(small_kb):
    person, terms = person_terms(small_kb, "Trump")
    assert person.id == "donald-trump"
    assert [(t.role, str(t.start), str(t.end) if t.end else None) for t in terms] == [
        ("president", "2017-01-20", "2021-01-20"), ("president", "2025-01-20", None)]
    person, terms = person_terms(small_kb, "محمد بن سلمان")
    assert [t.role for t in terms] == ["crown_prince", "prime_minister"]


def test_person_terms_by_id_qid_or_misspelling(small_kb):
    assert person_terms(small_kb, "vladimir-putin")[0].id == "vladimir-putin"
    assert person_terms(small_kb, "Q58217")[0].id == "sergey-lavrov"
    assert person_terms(small_kb, "سيرجي لافروف")[0].id == "sergey-lavrov"
    assert person_terms(small_kb, "لوكاشنكو")[0].id == "alexander-lukashenko"


def test_person_terms_says_when_no_one_or_several_match(small_kb):
    with pytest.raises(NoSuchPerson, match=r"^no person matches 'xyz'"):
        person_terms(small_kb, "xyz")
    kb = _kb_with(small_kb, Person(id="mike-johnson", en="Mike Johnson", ar="مايك جونسون", short=("Johnson",)),
                  Person(id="boris-johnson", en="Boris Johnson", ar="بوريس جونسون", short=("Johnson",)))
    with pytest.raises(AmbiguousPerson) as err:
        person_terms(kb, "Johnson")
    assert {p.id for p, _ in err.value.candidates} == {"mike-johnson", "boris-johnson"}
    assert person_terms(kb, "Boris Johnson")[0].id == "boris-johnson"


# --- export_terms --------------------------------------------------------------------

def test_export_gives_one_flat_row_per_term(small_kb):
    rows = list(export_terms(small_kb))
    assert len(rows) == 14
    assert all(tuple(r) == EXPORT_FIELDS for r in rows)
    trump = [r for r in rows if r["person_id"] == "donald-trump"]
    assert trump[0] == {
        "person_id": "donald-trump", "wikidata": "Q22686", "name_en": "Donald Trump", "name_ar": "دونالد ترامب",
        "role": "president", "country": "US", "org": None, "start": "2017-01-20", "end": "2021-01-20",
        "acting": False, "title_en": None, "title_ar": None, "source": "wikidata:Q22686"}
    assert trump[1]["end"] is None
    rubio = next(r for r in rows if r["person_id"] == "marco-rubio")
    assert rubio["title_en"] == "Secretary of State" and rubio["title_ar"] == "وزير الخارجية"


def _kb_with(base: KB, *extra: Person) -> KB:
    people = {pid: Person(**{f: getattr(p, f) for f in Person.__slots__}) for pid, p in base.people.items()}
    for p in extra:
        people[p.id] = p
    for p in people.values():
        p.terms = list(p.terms)
    return KB(version=base.version, as_of=base.as_of, countries=base.countries, orgs=base.orgs, people=people)


# --- the command line ----------------------------------------------------------------

runner = CliRunner()


def kb_cmd(*args, fixture=True):
    argv = ["kb", *map(str, args)]
    if fixture and args and args[0] != "--help":
        argv += ["--kb", str(FIXTURE_KB)]
    return runner.invoke(app, argv, env={"COLUMNS": "200", "NO_COLOR": "1"})


def assert_clean_error(result, code, needle):
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert needle in result.stderr, result.stderr
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1, result.stderr


def test_cli_info():
    result = kb_cmd("info")
    assert result.exit_code == 0, result.output
    assert "Knowledge base test · as of 2025-12-31" in result.stdout
    assert "people without a Wikidata QID" in result.stdout and "steve-witkoff" in result.stdout
    data = json.loads(kb_cmd("info", "--json").stdout)
    assert data["schema"] == "liqaa.kb.info/1" and data["counts"]["people"] == 12


def test_cli_info_on_the_embedded_kb():
    result = kb_cmd("info", "--json", fixture=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["countries"] >= 190


def test_cli_search_in_arabic_shows_both_names():
    result = kb_cmd("search", "لوكاشنكو")
    assert result.exit_code == 0, result.output
    assert "Alexander Lukashenko" in result.stdout and "ألكسندر لوكاشينكو" in result.stdout
    assert "Q2866" in result.stdout and "President of Belarus (1994-07-20 –)" in result.stdout


def test_cli_search_json_and_limit():
    data = json.loads(kb_cmd("search", "ألكسندر ويتكوف", "--limit", "1", "--json").stdout)
    assert data["schema"] == "liqaa.kb.search/1"
    assert [r["id"] for r in data["results"]] == ["steve-witkoff"]
    assert data["results"][0]["latest_term"]["role"] == "envoy"
    assert data["kb"] == {"version": "test", "as_of": "2025-12-31"}


def test_cli_search_with_no_match_exits_1():
    assert_clean_error(kb_cmd("search", "xyz"), 1, "no person matches 'xyz'")
    result = kb_cmd("search", "xyz", "--json")
    assert result.exit_code == 1 and json.loads(result.stdout)["results"] == []


def test_cli_who_in_arabic():
    result = kb_cmd("who", "الرئيس", "بيلاروسيا")
    assert result.exit_code == 0, result.output
    assert "President of Belarus" in result.stdout and "الرئيس · بيلاروسيا" in result.stdout
    assert "Alexander Lukashenko" in result.stdout and "ألكسندر لوكاشينكو" in result.stdout
    assert "wikidata:Q2866" in result.stdout


def test_cli_who_on_a_date():
    result = kb_cmd("who", "prime minister", "Russia", "--date", "2019-06-01")
    assert result.exit_code == 0, result.output
    assert "Dmitry Medvedev" in result.stdout and "on 2019-06-01" in result.stdout
    assert "Mishustin" not in result.stdout


def test_cli_who_json():
    result = kb_cmd("who", "head_of_government", "SA", "--date", "2023-01-01", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["schema"] == "liqaa.kb.who/1"
    assert (data["role"], data["concrete_role"], data["country"], data["org"], data["date"]) == \
        ("head_of_government", "prime_minister", "SA", None, "2023-01-01")
    assert [h["person"]["id"] for h in data["holders"]] == ["mohammed-bin-salman"]
    assert data["holders"][0]["certain"] is True and data["holders"][0]["source"] == "wikidata:Q6892571"


def test_cli_who_for_an_office_no_one_held_explains_and_exits_1():
    result = kb_cmd("who", "pm", "US")
    assert_clean_error(result, 1, "no Prime Minister of the United States")
    assert "head of government is the president" in result.stderr


def test_cli_who_errors_are_one_line_and_exit_2():
    result = kb_cmd("who", "foo", "BY")
    assert_clean_error(result, 2, "unknown role 'foo' (known: president, ")
    assert "prime_minister" in result.stderr
    assert_clean_error(kb_cmd("who", "president", "Narnia"), 2, "unknown country 'Narnia'")
    assert_clean_error(kb_cmd("who", "president", "BY", "--date", "someday"), 2, "--date 'someday' is not a date")


def test_cli_person():
    result = kb_cmd("person", "Trump")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Donald Trump · دونالد ترامب · Q22686" in out
    assert "2017-01-20 – 2021-01-20" in out and "2025-01-20 –" in out
    assert "رئيس" in out or "الرئيس" in out


def test_cli_person_json():
    data = json.loads(kb_cmd("person", "ويتكوف", "--json").stdout)
    assert data["schema"] == "liqaa.kb.person/1"
    assert data["person"]["id"] == "steve-witkoff" and data["person"]["wikidata"] is None
    assert data["terms"][0]["title"]["en"] == "Special Envoy to the Middle East"


def test_cli_person_not_found_names_the_closest():
    assert_clean_error(kb_cmd("person", "xyz"), 1, "no person matches 'xyz'")
    result = kb_cmd("person", "Lukashenkov Putinsky")
    assert result.exit_code == 1
    assert "closest:" in result.stderr


def test_cli_export_jsonl_and_csv(tmp_path):
    result = kb_cmd("export")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 14 and rows[0]["person_id"] == "alexander-lukashenko"
    out = tmp_path / "terms.csv"
    result = kb_cmd("export", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(table) == 14 and tuple(table[0]) == EXPORT_FIELDS
    assert table[0]["name_ar"] == "ألكسندر لوكاشينكو" and table[0]["acting"] == "false"
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_export_to_an_unwritable_place_fails_cleanly(tmp_path):
    assert_clean_error(kb_cmd("export", "-o", tmp_path / "missing" / "x.csv"), 2, "cannot write")


def test_cli_kb_option_with_a_bad_path():
    result = runner.invoke(app, ["kb", "info", "--kb", "/nonexistent/kb"], env={"COLUMNS": "200"})
    assert_clean_error(result, 2, "cannot load knowledge base")


def test_cli_help_has_examples():
    result = runner.invoke(app, ["kb", "who", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "liqaa kb who الرئيس بيلاروسيا" in result.stdout
    result = runner.invoke(app, ["kb", "--help"], env={"COLUMNS": "200"})
    assert all(cmd in result.stdout for cmd in ("info", "search", "who", "person", "export"))
