"""The grammar around titles that real news writes, against the embedded KB: whose
counterpart, coordinated titles, subordinate titles, possessive heads of organisations,
kinship, namesakes. Each case once caused a false "refuted" (sentences written for the test)."""

import pytest

from liqaa.report import check


def claims(kb, text, date):
    report = check(text, kb=kb, date=date)
    return [(c.claim.mention, c.claim.role, c.claim.place, c.verdict.verdict) for c in report.claims]


def refuted(kb, text, date):
    return [c for c in claims(kb, text, date) if c[3] == "refuted"]


# --- the counterpart's antecedent ----------------------------------------------------

def test_a_counterpart_of_ones_own_country_belongs_to_someone_else(kb):
    # The Iraqi counterpart is the American visitor's, not the Iraqi prime minister's.
    text = "ومن المقرر أن يلتقي وزير الدفاع الأمريكي رئيس الوزراء العراقي محمد شياع السوداني ونظيره العراقي ثابت العباسي."
    found = claims(kb, text, "2024-03-01")
    assert ("ثابت العباسي", "prime_minister", "IQ") not in [c[:3] for c in found]
    assert [c[1] for c in found if c[0] == "ثابت العباسي"] in ([], ["defense_minister"])


def test_a_counterpart_takes_the_nearest_title_even_when_its_name_is_unknown(kb):
    # "من الرئيس X إلى نظيره": the president's counterpart, though the KB may not know X's spelling.
    text = "نقل وزير الخارجية رسالة من الرئيس فرنسوا ماكغوير إلى نظيره الإيراني مسعود بزشكيان."
    assert ("مسعود بزشكيان", "president", "IR", "supported") in claims(kb, text, "2025-03-01")


def test_a_counterpart_after_a_participle_of_saying_is_the_speakers(kb):
    # al-Sharaa is inside the أن clause; the speaker's counterparts are ministers, and the
    # speaker is not named: no claim is better than Lavrov as Russia's president.
    text = ("وقال المسؤول إنه لا حل عسكريا، مؤكدا أن الرئيس السوري أحمد الشرع يريد الاستقرار، "
            "مشيرا إلى أنه سيبحث الوضع مع نظيريه الروسي سيرغي لافروف والتركي هاكان فيدان.")
    assert refuted(kb, text, "2025-03-01") == []
    assert ("سيرغي لافروف", "president", "RU") not in [c[:3] for c in claims(kb, text, "2025-03-01")]


def test_a_counterpart_in_the_main_clause_after_said(kb):
    text = ("اعتبر وزير الخارجية الأمريكي ماركو روبيو أن المحادثات طويلة، "
            "وقال في مؤتمر صحفي عقده مع نظيره الروسي سيرغي لافروف إن العمل مستمر.")
    assert ("سيرغي لافروف", "foreign_minister", "RU", "supported") in claims(kb, text, "2025-03-01")


# --- coordination -----------------------------------------------------------------------

def test_a_second_king_in_a_list_is_not_the_first_kings_country(kb):
    text = "بحضور أمير الكويت وملك البحرين والملك عبدالله الثاني عاهل الأردن والرئيس الفرنسي إيمانويل ماكرون."
    assert refuted(kb, text, "2025-03-01") == []


def test_an_honorific_after_and_starts_the_next_person(kb):
    text = ("وجه الشيخ محمد بن زايد آل نهيان رئيس دولة الإمارات العربية المتحدة "
            "وسمو الشيخ منصور بن زايد آل نهيان نائب رئيس الدولة بتقديم المساعدات.")
    assert ("منصور بن زايد آل نهيان", "president", "AE") not in [c[:3] for c in claims(kb, text, "2025-03-01")]
    assert refuted(kb, text, "2025-03-01") == []


def test_a_name_after_and_is_the_second_subject_not_the_title_holder(kb):
    found = claims(kb, "ولي العهد السعودي وماكرون يبحثان الأوضاع في المنطقة", "2025-03-01")
    assert all(c[1] != "crown_prince" for c in found if "ماكرون" in c[0])


def test_the_same_office_twice_is_two_people(kb):
    text = "استقبل ملك البحرين والملك عبدالله الثاني الوفد."
    assert ("عبدالله الثاني", "king", "BH") not in [c[:3] for c in claims(kb, text, "2025-03-01")]


# --- subordinate titles -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "وأعلن المتحدث الرسمي باسم الرئيس الروسي، دميتري بيسكوف، أن روسيا سترد.",
    "وقال الناطق باسم الرئيس الروسي ديمتري بيسكوف إن الكرملين يتابع.",
    "شكا مستشار الأمن القومي في ديوان رئيس الحكومة الإسرائيلية، تساحي هنغبي، من التسريبات.",
    "استقبل الوزير المستشار الدبلوماسي لرئيس وزراء الجمهورية الإيطالية فابريتسيو سابوريتو.",
])
def test_the_spokesman_or_adviser_of_an_office_is_not_its_holder(kb, text):
    found = claims(kb, text, "2025-03-01")
    assert [c for c in found if c[1] in ("president", "prime_minister")] == []


@pytest.mark.parametrize("text,name", [
    ("قال مكتب رئيس الوزراء الإسرائيلي بنيامين نتنياهو إن المعبر سيبقى مغلقا.", "بنيامين نتنياهو"),
    ("وقال مستشار الرئيس الروسي فلاديمير بوتين للشؤون العسكرية إن التعاون مستمر.", "فلاديمير بوتين"),
])
def test_the_office_of_a_holder_still_names_the_holder(kb, text, name):
    assert [c[0] for c in claims(kb, text, "2025-03-01") if c[3] == "supported"] == [name]


def test_of_a_deputys_offices_only_those_the_person_held_are_claimed(kb):
    text = "استقبل الرئيس ولي ولي العهد النائب الثاني لرئيس مجلس الوزراء وزير الدفاع السعودي الأمير محمد بن سلمان."
    found = claims(kb, text, "2015-06-18")
    assert ("محمد بن سلمان", "prime_minister", "SA") not in [c[:3] for c in found]
    assert refuted(kb, text, "2015-06-18") == []


# --- possessive heads, kinship, namesakes ---------------------------------------------------

def test_its_president_with_a_nationality_is_not_a_head_of_state(kb):
    text = "وفوض الاتحاد رئيسه الكاميروني أحمد أحمد للقيام بالمشاورات."
    assert claims(kb, text, "2025-03-01") == []


def test_a_female_president_spelled_with_ta_marbuta_is_still_a_title(kb):
    text = "قالت رئيسة وزراء إيطاليا جورجيا ميلوني إن الاتفاق قريب."
    assert ("جورجيا ميلوني", "prime_minister", "IT", "supported") in claims(kb, text, "2025-03-01")


def test_a_brother_of_the_king_is_not_the_king(kb):
    assert refuted(kb, "وصل أخو العاهل السعودي الأمير أحمد بن عبد العزيز إلى الرياض.", "2025-03-01") == []


def test_a_son_of_the_prime_minister_names_the_prime_minister(kb):
    text = "وصل يائير، نجل رئيس الوزراء الإسرائيلي بنيامين نتنياهو، إلى ميامي."
    assert ("بنيامين نتنياهو", "prime_minister", "IL", "supported") in claims(kb, text, "2025-03-01")


def test_the_father_of_a_kb_person_is_not_that_person(kb):
    text = "وحسم الرئيس الأمريكي جورج بوش الأب الأمر بعد حرب الخليج."
    found = claims(kb, text, "2015-08-06")
    assert refuted(kb, text, "2015-08-06") == []
    assert all(c[3] != "supported" for c in found if "بوش" in c[0])


# --- ministers of other portfolios ----------------------------------------------------------

@pytest.mark.parametrize("text,name,place", [
    ("قال وزير الصحة أحمد الخطيب إن المستشفيات جاهزة.", "أحمد الخطيب", None),
    ("وقال وزير الداخلية الفرنسي برنار كازنوف إن التحقيق مستمر.", "برنار كازنوف", "FR"),
    ("French Interior Minister Bernard Cazeneuve said the inquiry goes on.", "Bernard Cazeneuve", "FR"),
])
def test_a_minister_of_another_portfolio_is_a_minister_claim(kb, text, name, place):
    found = claims(kb, text, "2015-08-01")
    assert [(c[0], c[1], c[2]) for c in found] == [(name, "minister", place)]
    assert found[0][3] != "refuted"


def test_a_turkish_surname_in_oglu_is_read_whole(kb):
    found = claims(kb, "وأعلن وزير الخارجية التركي مولود جاوش أوغلو بدء وصول الطائرات.", "2015-08-06")
    assert [(c[0], c[1], c[2], c[3]) for c in found] == [("مولود جاوش أوغلو", "foreign_minister", "TR", "supported")]
