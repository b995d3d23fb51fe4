"""English Title Case headlines and English title forms.

No tagger is available offline, so an English name the KB does not know is a run of
capitalised words that starts with a given name (or initials); a Title Case headline's
verb and noun phrase after a title ("Israeli Prime Minister Rejects Hamas Proposal") is no
name. The headlines are written for these tests."""

import pytest

from liqaa.report import check


def claims(kb, text, date="2025-06-01"):
    report = check(text, kb=kb, date=date)
    return [(c.claim.mention, c.claim.role, c.claim.place, c.claim.person_id) for c in report.claims]


# --- a title, then a verb or noun phrase: no name ---------------------------------------

@pytest.mark.parametrize("headline", [
    "Israeli Prime Minister Rejects Hamas Proposal",
    "Russian President Calls For Ceasefire Talks",
    "Russian President Calls Trump After Summit",
    "Russian President Meets Chinese Counterpart In Moscow",
    "French President Warns Of Escalation In Lebanon",
    "Saudi Crown Prince Receives Iraqi Delegation",
    "Saudi Foreign Minister Receives Iranian Envoy",
    "Egyptian President Receives Phone Call From Macron",
    "Iraqi Prime Minister Announces New Cabinet",
    "Turkish President Warns Against Escalation",
    "Japanese Prime Minister Dissolves Parliament",
    "Kenyan President Signs Finance Bill",
    "President Grants Pardon To Activists",
    "President Hopes For Peace Deal",
    "Foreign Minister Arrives In Riyadh For Talks",
    "US Secretary Of State Says Talks Will Continue",
    "Defence Minister Says Troops Will Stay",
    "Prime Minister Will Visit Beijing Next Month",
    "Foreign Minister May Resign Over Scandal",
    "Emir Tamim Receives Letter From Jordan",
    "Jordanian King Meets Delegation At Palace",
    "Pope Leo Visits Lebanon",
    "Crown Prince Mohammed Receives Phone Call",
    "Prime Minister Ali Killed In Blast",
    "President Says Sanctions Will Stay",
    "Prime Minister Vows Swift Response",
    "Iranian President Condemns Strikes On Nuclear Sites",
    "German Chancellor Heads To Washington",
    "Palestinian President Urges Security Council Action",
    "Chancellor Rachel Reeves Presents Budget",
    "Pope Tawadros II Receives Delegation",
])
def test_a_title_case_verb_phrase_is_no_name(kb, headline):
    assert claims(kb, headline) == []


# --- a KB name after the title: that claim only ------------------------------------------

@pytest.mark.parametrize("headline, expected", [
    ("Israeli Prime Minister Netanyahu Rejects Hamas Proposal", ("Netanyahu", "prime_minister", "IL")),
    ("Israeli Prime Minister Benjamin Netanyahu Rejects Hamas Proposal", ("Benjamin Netanyahu", "prime_minister", "IL")),
    ("French President Emmanuel Macron Hosts Summit On Ukraine", ("Emmanuel Macron", "president", "FR")),
    ("Chinese President Xi Jinping Meets Putin In Beijing", ("Xi Jinping", "president", "CN")),
    ("Egyptian President Abdel Fattah el-Sisi Receives Call", ("Abdel Fattah el-Sisi", "president", "EG")),
    ("Prime Minister Keir Starmer Holds Talks With Allies", ("Keir Starmer", "prime_minister", None)),
    ("Secretary Of State Marco Rubio Lands In Riyadh", ("Marco Rubio", "foreign_minister", None)),
    ("Turkish President Recep Tayyip Erdogan Hosts Summit", ("Recep Tayyip Erdogan", "president", "TR")),
    ("Ukrainian President Volodymyr Zelensky Addresses Congress", ("Volodymyr Zelensky", "president", "UA")),
    ("Prime Minister Mohammed bin Abdulrahman Al Thani Visits Paris",
     ("Mohammed bin Abdulrahman Al Thani", "prime_minister", None)),
])
def test_a_kb_name_after_the_title_is_the_claim(kb, headline, expected):
    found = claims(kb, headline)
    assert [c[:3] for c in found] == [expected], found
    assert found[0][3] is not None


# --- a name the KB does not know, with the right span ------------------------------------

@pytest.mark.parametrize("headline, name", [
    ("Prime Minister John Smith Resigns", "John Smith"),
    ("Foreign Minister Maria Lopez Visits Madrid", "Maria Lopez"),
    ("Prime Minister Ali Hassan Nafti Meets Delegation", "Ali Hassan Nafti"),
    ("President Ahmed Mahmoud Arrives In Cairo", "Ahmed Mahmoud"),
    ("Foreign Minister Ali Hassan Says Talks Continue", "Ali Hassan"),
    ("Defense Minister J. Brian Atwood Arrives", "J. Brian Atwood"),
    ("Prime Minister Arkady Ivanov Names New Cabinet", "Arkady Ivanov"),
    ("Defence Minister Ursula van der Berg Visits Troops", "Ursula van der Berg"),
    ("Foreign Minister Khalid al-Jaber Meets Envoy", "Khalid al-Jaber"),
    ("Prime Minister Jean-Pierre Moreau Survives Confidence Vote", "Jean-Pierre Moreau"),
])
def test_an_unknown_name_after_the_title(kb, headline, name):
    found = claims(kb, headline)
    assert [c[0] for c in found] == [name], found
    assert found[0][3] is None


def test_an_unknown_name_in_running_text_keeps_its_surname(kb):
    # Outside a Title Case headline the word after the name is lower case: "Jones" is read.
    assert [c[0] for c in claims(kb, "The prime minister, Paul Jones, said the economy was strong.")] == ["Paul Jones"]


# --- English title forms ------------------------------------------------------------------

@pytest.mark.parametrize("headline, expected", [
    ("PM Narendra Modi Meets Gulf Leaders", ("Narendra Modi", "prime_minister", None, "narendra-modi")),
    ("Israeli PM Netanyahu Rejects Truce", ("Netanyahu", "prime_minister", "IL", "benjamin-netanyahu")),
    ("Iranian FM Araghchi Arrives In Muscat", ("Araghchi", "foreign_minister", "IR", "abbas-araghchi")),
    ("Emir Tamim of Qatar Receives Letter", ("Tamim", "emir", "QA", "tamim-bin-hamad")),
    ("Qatar's Emir Sheikh Tamim bin Hamad Al Thani Receives Letter",
     ("Tamim bin Hamad Al Thani", "emir", "QA", "tamim-bin-hamad")),
    ("Pope Leo XIV Calls For Peace", ("Leo XIV", "pope", "VA", "pope-leo-xiv")),
    ("King Abdullah II of Jordan Meets Delegation", ("Abdullah II", "king", "JO", "abdullah-ii-of-jordan")),
    ("Chancellor Friedrich Merz of Germany Visits Paris", ("Friedrich Merz", "chancellor", "DE", "friedrich-merz")),
    ("Chancellor Friedrich Merz Visits Paris", ("Friedrich Merz", "chancellor", "DE", "friedrich-merz")),
])
def test_english_title_forms(kb, headline, expected):
    assert _without_country(claims(kb, headline)) == [expected]


def _without_country(found):
    # "Abdullah II of Jordan" is a KB alias: the name as written may or may not keep "of Jordan".
    return [(c[0].split(" of ")[0], *c[1:]) for c in found]


@pytest.mark.parametrize("headline, expected", [
    ("King Felipe VI of Spain Opens Summit", ("Felipe VI", "king", "ES", "felipe-vi")),
    ("Emir Mishal of Kuwait Receives Letter", ("Mishal", "emir", "KW", "mishal-al-ahmad-al-sabah")),
    ("King Abdullah of Jordan Meets Delegation", ("Abdullah", "king", "JO", "abdullah-ii-of-jordan")),
])
def test_a_monarch_by_name_and_country(kb, headline, expected):
    assert _without_country(claims(kb, headline, date="2024-06-01")) == [expected]


@pytest.mark.parametrize("date, expected", [
    ("2014-06-01", []),   # two kings Abdullah reigned: which one is meant is unknown
    ("2024-06-01", [("Abdullah", "king", "abdullah-ii-of-jordan")]),
])
def test_a_monarch_by_given_name_alone_is_the_one_reigning(kb, date, expected):
    found = claims(kb, "The talks were opened by King Abdullah in the capital.", date=date)
    kings = [(c[0], c[1], c[3]) for c in found if c[1] == "king"]
    # (where the KB alias "King Abdullah" is read as one name, no claim is made at all)
    assert kings == expected or (expected and kings == []), found


def test_a_state_rulers_title_is_no_national_office(kb):
    # The Sultan of Johor (a Malaysian state) is not "a sultan" of any country the KB holds:
    # no claim, rather than a refutation of a KB person for an office he does hold.
    assert claims(kb, "Sultan Ibrahim of Johor Receives Envoy", date="2024-06-01") == []


def test_a_verdict_on_a_short_title(kb):
    report = check("Iranian FM Araghchi Arrives In Muscat", kb=kb, date="2025-06-01")
    assert [c.verdict.verdict for c in report.claims] == ["supported"]


# --- subordinates: the spokesman is not the president ---------------------------------------

def test_a_spokesman_for_the_president_is_not_the_president(kb):
    text = "A spokesman for the Russian president, Dmitry Peskov, said the talks would go on."
    assert claims(kb, text) == []


def test_a_spokesman_for_the_president_named_without_a_comma(kb):
    # Peskov is not in the KB: after "a spokesman for the president" an unknown name is taken
    # for the spokesman's, not the president's.
    assert claims(kb, "A spokesman for the Russian president Dmitry Peskov said the talks would go on.") == []
    found = claims(kb, "A spokesman for the Russian President Vladimir Putin said the talks would go on.")
    assert found == [("Vladimir Putin", "president", "RU", "vladimir-putin")]


def test_a_spokesman_for_a_named_president_names_the_president(kb):
    found = claims(kb, "A spokesman for President Vladimir Putin said the talks would go on.")
    assert found == [("Vladimir Putin", "president", None, "vladimir-putin")]


def test_an_adviser_to_a_named_president(kb):
    found = claims(kb, "An adviser to President Trump, Steve Witkoff, met officials in Doha.")
    assert [c[0] for c in found] == ["Trump"]
