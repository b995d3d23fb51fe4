"""Office holders of 2013-2016 that 2015 news names most: their terms, and the offices
they held later, so that a right statement of any date is not refuted."""

import pytest

from liqaa.report import check


def verdicts(kb, text, date):
    report = check(text, kb=kb, date=date)
    return [(c.claim.mention, c.claim.role, c.claim.place, c.claim.person_id, c.verdict.verdict)
            for c in report.claims]


@pytest.mark.parametrize("text, person, role, place", [
    ("التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي.", "john-kerry", "foreign_minister", "US"),
    ("وقال وزير الخارجية السعودي عادل الجبير إن المملكة ترحب.", "adel-al-jubeir", "foreign_minister", "SA"),
    ("وقال الأمين العام للأمم المتحدة بان كي مون إن الهدنة ضرورية.", "ban-ki-moon", "secretary_general", "UN"),
    ("واستقبل الأمين العام لجامعة الدول العربية نبيل العربي الوفد.", "nabil-elaraby", "secretary_general", "LAS"),
    ("وصرح وزير الخارجية الفرنسي لوران فابيوس بأن الاتفاق قريب.", "laurent-fabius", "foreign_minister", "FR"),
    ("وقال وزير الخارجية القطري خالد العطية إن بلاده تدعم الحل.", "khalid-bin-mohammad-al-attiyah", "foreign_minister", "QA"),
    ("وأكد وزير الدفاع الأمريكي آشتون كارتر التزام بلاده.", "ashton-carter", "defense_minister", "US"),
    ("والتقى الرئيس الفرنسي فرنسوا هولاند نظيره المصري.", "francois-hollande", "president", "FR"),
])
def test_a_2015_holder_in_his_2015_office_is_supported(kb, text, person, role, place):
    found = verdicts(kb, text, "2015-08-01")
    assert (person, role, place, "supported") in [(i, r, p, v) for _, r, p, i, v in found]


def test_a_2015_holder_called_by_that_office_years_later_is_refuted(kb):
    found = verdicts(kb, "التقى وزير الخارجية الأمريكي جون كيري نظيره الروسي.", "2024-05-01")
    assert [(i, v) for _, _, _, i, v in found] == [("john-kerry", "refuted")]


def test_a_former_holder_named_as_former_is_supported(kb):
    found = verdicts(kb, "وقال الرئيس اليمني المخلوع علي عبدالله صالح إن الحرب مستمرة.", "2015-08-01")
    assert [(i, v) for _, _, _, i, v in found] == [("ali-abdullah-saleh", "supported")]


def test_the_later_office_of_a_2015_holder_is_not_refuted(kb):
    found = verdicts(kb, "وقال المبعوث الأمريكي الخاص لشؤون المناخ جون كيري إن الوقت ينفد.", "2022-11-10")
    assert "refuted" not in [v for *_, v in found]
    # Steinmeier: foreign minister in 2015, federal president from 2017.
    for date, title in (("2015-08-01", "وزير الخارجية الألماني"), ("2020-08-01", "الرئيس الألماني")):
        found = verdicts(kb, f"وقال {title} فرانك فالتر شتاينماير إن الحوار ضروري.", date)
        assert [(i, v) for _, _, _, i, v in found] == [("frank-walter-steinmeier", "supported")]
