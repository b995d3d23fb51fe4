"""Arabic office variants read as the offices the KB models, and envoys named with their
complement. The sentences are written for these tests."""

import pytest

from liqaa.report import check


def claims(kb, text, date="2025-06-01"):
    report = check(text, kb=kb, date=date)
    return [(c.claim.mention, c.claim.role, c.claim.place, c.claim.person_id, c.verdict.verdict)
            for c in report.claims]


@pytest.mark.parametrize("text, expected", [
    # foreign ministries with their other portfolios
    ("قال وزير الخارجية وشؤون المغتربين الأردني أيمن الصفدي إن المحادثات مفيدة.",
     ("أيمن الصفدي", "foreign_minister", "JO", "ayman-safadi", "supported")),
    ("وقال وزير الخارجية والمغتربين اللبناني يوسف رجي إن المحادثات مفيدة.",
     ("يوسف رجي", "foreign_minister", "LB", "youssef-rajji", "supported")),
    # councils whose chairmen the KB holds as their countries' presidents
    ("التقى رئيس مجلس السيادة السوداني عبد الفتاح البرهان الوفد.",
     ("عبد الفتاح البرهان", "president", "SD", "abdel-fattah-al-burhan", "supported")),
    ("التقى رئيس مجلس السيادة الانتقالي عبد الفتاح البرهان الوفد.",
     ("عبد الفتاح البرهان", "president", "SD", "abdel-fattah-al-burhan", "supported")),
    ("التقى رئيس المجلس الرئاسي الليبي محمد المنفي الوفد.",
     ("محمد المنفي", "president", "LY", "mohamed-al-menfi", "supported")),
    ("التقى رئيس المجلس الرئاسي اليمني رشاد العليمي الوفد.",
     ("رشاد العليمي", "president", "YE", "rashad-al-alimi", "supported")),
    ("التقى رئيس مجلس القيادة الرئاسي رشاد العليمي الوفد.",
     ("رشاد العليمي", "president", "YE", "rashad-al-alimi", "supported")),
    # a caretaker government: the outgoing prime minister (Mikati until 2025-02-08)
    ("قال رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي إن المحادثات مفيدة.",
     ("نجيب ميقاتي", "prime_minister", "LB", "najib-mikati", "supported")),
    # Iran's supreme leader
    ("قال المرشد الأعلى للثورة علي خامنئي إن المفاوضات لن تغير شيئا.",
     ("علي خامنئي", "supreme_leader", None, "ali-khamenei", "supported")),
    ("وقال المرشد الأعلى للثورة الإيرانية علي خامنئي إن المفاوضات لن تغير شيئا.",
     ("علي خامنئي", "supreme_leader", "IR", "ali-khamenei", "supported")),
    # a title that names its country itself
    ("قال رئيس حكومة الاحتلال بنيامين نتنياهو إن الحرب مستمرة.",
     ("بنيامين نتنياهو", "prime_minister", "IL", "benjamin-netanyahu", "supported")),
    ("قال رئيس وزراء الاحتلال بنيامين نتنياهو إن الحرب مستمرة.",
     ("بنيامين نتنياهو", "prime_minister", "IL", "benjamin-netanyahu", "supported")),
    ("قالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن الاتحاد سيدعم الاتفاق.",
     ("أورسولا فون دير لاين", "president", "EU", "ursula-von-der-leyen", "supported")),
    # an organisation with its bracketed gloss
    ("قال الأمين العام لحلف شمال الأطلسي (ناتو) مارك روته إن الحلف موحد.",
     ("مارك روته", "secretary_general", "NATO", "mark-rutte", "supported")),
    # envoys: where the envoy is sent, and whose envoy he is
    ("قال المبعوث الأمريكي الخاص إلى الشرق الأوسط ستيف ويتكوف إن المحادثات مفيدة.",
     ("ستيف ويتكوف", "envoy", "US", "steve-witkoff", "supported")),
    ("قال المبعوث الأمريكي الخاص للشرق الأوسط ستيف ويتكوف إن المحادثات مفيدة.",
     ("ستيف ويتكوف", "envoy", "US", "steve-witkoff", "supported")),
    ("قال مبعوث الرئيس الأمريكي ستيف ويتكوف إن المحادثات مفيدة.",
     ("ستيف ويتكوف", "envoy", "US", "steve-witkoff", "supported")),
    ("وصل المبعوثان الأمريكيان ستيف ويتكوف وصهر الرئيس إلى موسكو.",
     ("ستيف ويتكوف", "envoy", "US", "steve-witkoff", "supported")),
])
def test_office_variants(kb, text, expected):
    date = "2025-01-20" if "ميقاتي" in text else "2025-06-01"
    assert claims(kb, text, date=date) == [expected]


def test_a_caretaker_prime_minister_after_his_successor_took_office(kb):
    [(_, role, place, pid, verdict)] = claims(kb, "قال رئيس حكومة تصريف الأعمال اللبنانية نجيب ميقاتي إن المحادثات مفيدة.",
                                              date="2025-06-01")
    assert (role, place, pid, verdict) == ("prime_minister", "LB", "najib-mikati", "refuted")


def test_the_envoy_of_a_prime_minister_named_after_him_is_the_prime_minister(kb):
    # An unknown or non-envoy name after "مبعوث رئيس الوزراء العراقي" is the prime minister's.
    found = claims(kb, "قال مبعوث رئيس الوزراء العراقي محمد شياع السوداني إن المحادثات مفيدة.")
    assert [c[:3] for c in found] == [("محمد شياع السوداني", "prime_minister", "IQ")]


def test_a_presidents_trip_to_the_middle_east_is_no_envoy_title(kb):
    found = claims(kb, "أرسل الرئيس الأمريكي إلى الشرق الأوسط ستيف ويتكوف لبحث الهدنة.")
    assert all(c[1] != "president" or c[3] != "steve-witkoff" for c in found), found


def test_english_commission_president_and_envoy_to_the_middle_east(kb):
    assert claims(kb, "European Commission President Ursula von der Leyen said the deal would hold.") == [
        ("Ursula von der Leyen", "president", "EU", "ursula-von-der-leyen", "supported")]
    assert claims(kb, "U.S. Special Envoy to the Middle East Steve Witkoff arrived in Doha.") == [
        ("Steve Witkoff", "envoy", "US", "steve-witkoff", "supported")]
