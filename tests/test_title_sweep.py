"""A generated sweep: every KB country × its head-of-state, head-of-government and
foreign-minister title, in the ways Arabic and English news write them, with the office's
actual holder at a fixed date as the name. Each probe expects one claim on that name with
the holder's id, the office's role and the country.

Arabic: the definite title with the nisba (الرئيس الفرنسي / الرئيسة الفرنسية; رئيس الحكومة
الفرنسي and الفرنسية, the nisba agreeing with either noun), every nisba the KB gives, each
with the proclitics none, و, ف, ب (بالرئيس), ل (للرئيس), وب and ول: the name after the
title is still its holder; a woman's compound title also with the masculine head (رئيس الوزراء
الإيطالية); the construct with the country name (رئيس فرنسا، وزير خارجية فرنسا); and
counterparts (نظيره / نظيرته / نظيرها / نظيرتها الفرنسي(ة) X, بنظيره، مع نظيره, and
نظيريه الفرنسي X والألماني Y in both orders). English: "French President X", "President X
of France", "France's President X", "X, the French president", "The French president, X,", "his French counterpart X".

Run as a script (``PYTHONPATH=src python tests/test_title_sweep.py``) to print the count of
probes and failures by form.
"""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest
import yaml

WHEN = dt.date(2025, 6, 1)   # the date of the probes and of the holders named in them
LATER = dt.date(2026, 11, 1)  # for an office the KB has no single holder of on WHEN
OFFICES = ("head_of_state", "head_of_government", "foreign_minister")
COUNTRIES_YAML = Path(__file__).resolve().parent.parent / "src" / "liqaa" / "kb" / "data" / "countries.yaml"

# Arabic titles per role: (definite forms, construct forms), each form (masculine, feminine).
# A construct form takes the country name after it: رئيس فرنسا، ملك الأردن.
AR_TITLES = {
    "president": ([("الرئيس", "الرئيسة")], [("رئيس", "رئيسة")]),
    "prime_minister": ([("رئيس الوزراء", "رئيسة الوزراء"), ("رئيس الحكومة", "رئيسة الحكومة")],
                       [("رئيس وزراء", "رئيسة وزراء"), ("رئيس حكومة", "رئيسة حكومة")]),
    "foreign_minister": ([("وزير الخارجية", "وزيرة الخارجية")], [("وزير خارجية", "وزيرة خارجية")]),
    "chancellor": ([("المستشار", "المستشارة")], [("مستشار", "مستشارة")]),
    "king": ([("الملك", "الملكة"), ("العاهل", "العاهل")], [("ملك", "ملكة"), ("عاهل", "عاهل")]),
    "queen": ([("الملكة", "الملكة")], [("ملكة", "ملكة")]),
    "emir": ([("الأمير", "الأميرة")], [("أمير", "أميرة")]),
    "sultan": ([("السلطان", "السلطانة"), ("العاهل", "العاهل")], [("سلطان", "سلطانة")]),
    "supreme_leader": ([("المرشد الأعلى", "المرشدة العليا")], [("مرشد", "مرشدة")]),
    # أمير موناكو: one Arabic word for emir and prince; a nisba after it is not written.
    "prince": ([], [("أمير", "أميرة")]),
    "grand_duke": ([("الدوق الأكبر", "الدوقة الكبرى")], []),
    "pope": ([], [("بابا", "بابا")]),
}
# Titles whose second noun is feminine: the nisba may agree with it (رئيس الحكومة الفرنسية,
# وزير الخارجية الأمريكية) as well as with the head noun.
AR_FEMININE_SECOND_NOUN = {"رئيس الحكومة", "وزير الخارجية"}

EN_TITLES = {
    "president": "President", "prime_minister": "Prime Minister", "foreign_minister": "Foreign Minister",
    "chancellor": "Chancellor", "king": "King", "queen": "Queen", "emir": "Emir", "sultan": "Sultan",
    "supreme_leader": "Supreme Leader", "prince": "Prince", "grand_duke": "Grand Duke", "pope": "Pope",
}

# Arabic frames for a title carrying a proclitic; {t} is the title with it, {x} the name.
AR_CLITIC_FRAMES = {
    "": "قال {t} {x} في مؤتمر صحفي إن المحادثات كانت مثمرة.",
    "و": "وصل الوفد إلى العاصمة، {t} {x} في اليوم التالي.",
    "ف": "تأجل اللقاء، {t} {x} في زيارة خارجية.",
    "ب": "رحب رئيس البرلمان {t} {x} في القصر.",
    "ل": "قال مصدر مقرب {t} {x} إن الزيارة ستتم.",
    "وب": "رحب الوزير بالوفد {t} {x} في القصر.",
    "ول": "قال مصدر مقرب من الوفد {t} {x} إن الزيارة ستتم.",
}

# The antecedent of a counterpart: a holder of the same role in another country.
COUNTERPART_ROLES = {
    "president": ("RU", "TR"),
    "prime_minister": ("IN", "GB"),
    "foreign_minister": ("RU", "CN"),
    "chancellor": ("DE", "AT"),
}


# Countries for which Arabic news writes no nisba, only the name (رئيس وزراء سانت لوسيا), and
# for which any nisba would be another common word. Their construct forms are still swept.
NO_ARABIC_NISBA = {
    "CV": "الرأس الأخضر: no nisba in use",
    "KN": "سانت كيتس ونيفيس: no nisba in use",
    "LC": "سانت لوسيا: no nisba in use",
    "VC": "سانت فينسنت والغرينادين: no nisba in use",
    "ST": "ساو تومي وبرينسيب: no nisba in use",
    "SM": "سان مارينو: no nisba in use",
    "PG": "بابوا غينيا الجديدة: no nisba in use; البابوي is 'papal'",
    "SB": "جزر سليمان: no nisba in use; سليماني is a surname (قاسم سليماني)",
}
# English names written with "the": "President X of the Philippines", "the Netherlands' King".
EN_WITH_THE = {"Holy See", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros",
               "Marshall Islands", "Solomon Islands", "Seychelles", "Central African Republic",
               "Dominican Republic", "United Arab Emirates", "United States", "United Kingdom",
               "Czech Republic", "Democratic Republic of the Congo", "Republic of the Congo"}


def _en_name(country) -> str:
    return "the " + country.en if country.en in EN_WITH_THE else country.en


def _with_clitic(clitic: str, title: str) -> str:
    if clitic.endswith("ل") and title.startswith("ال"):
        return clitic[:-1] + "لل" + title[2:]
    return clitic + title


def _definite(nisba: str, feminine: bool) -> str:
    """الفرنسي / الفرنسية; a compound as the KB writes it: الجنوب أفريقي(ة), and where its later
    word has ال, agreeing in every word: الغيني الاستوائي / الغينية الاستوائية."""
    words = nisba.split()
    if len(words) > 1 and any(w.startswith("ال") for w in words[1:]):
        return " ".join(("" if w.startswith("ال") else "ال") + w + ("ة" if feminine else "") for w in words)
    return "ال" + nisba + ("ة" if feminine else "")


def _holder(kb, role: str, code: str, when: dt.date = WHEN):
    """The one holder on that date (the first of co-holders, as Nicaragua's co-presidents)."""
    terms = kb.holders(role, code, when)
    if len(terms) == 1 or (terms and any(t.shared for t in terms)):
        return kb.people[terms[0].person_id]
    return None


def _date_for(kb, role: str, code: str) -> dt.date | None:
    return next((when for when in (WHEN, LATER) if _holder(kb, role, code, when)), None)


def _nisbas(country) -> list[str]:
    return list(country.adj_ar)


def _ar_title_phrases(role: str, female: bool, nisba: str, feminine_ok: bool = True) -> list[tuple[str, str]]:
    """(form label, title + nisba) for the definite titles of a role."""
    out = []
    definite, _ = AR_TITLES.get(role, ([], []))
    for masc, fem in definite:
        title = fem if female else masc
        phrases = [(title, _definite(nisba, True))] if feminine_ok else []
        if female and masc != fem and " " in masc and feminine_ok:
            phrases.append((masc, _definite(nisba, True)))   # رئيس الوزراء الإيطالية for a woman
        if not female:
            phrases = [(title, _definite(nisba, False))]
            if masc in AR_FEMININE_SECOND_NOUN and feminine_ok:
                phrases.append((title, _definite(nisba, True)))
        for t, adj in phrases:
            label = f"ar:{t if female and t == masc else masc}+{'f' if adj.endswith('ة') else 'm'}"
            out.append((label, f"{t} {adj}"))
    return out


def probes(kb, code: str, office: str, when: dt.date = WHEN) -> list[tuple[str, str, str, str]]:
    """(form, text, name as written, expected person id) for one country's office."""
    country = kb.countries[code]
    role = getattr(country, office) if office != "foreign_minister" else "foreign_minister"
    person = _holder(kb, role, code, when)
    out: list[tuple[str, str, str, str]] = []
    female = person.gender == "f"
    x_ar, x_en = person.ar, person.en
    if not country.adj_ar and code not in NO_ARABIC_NISBA:
        out.append(("ar:no nisba", "", x_ar, person.id))   # fails: the country has no Arabic nisba
    if not country.adj_en:
        out.append(("en:no adjective", "", x_en, person.id))
    # Arabic, definite title + nisba, with every proclitic.
    for nisba in _nisbas(country):
        for label, phrase in _ar_title_phrases(role, female, nisba, getattr(country, "adj_ar_feminine", True)):
            for clitic, frame in AR_CLITIC_FRAMES.items():
                out.append((f"{label}+{clitic or '0'}", frame.format(t=_with_clitic(clitic, phrase), x=x_ar), x_ar, person.id))
    # Arabic construct with the country name.
    _, construct = AR_TITLES.get(role, ([], []))
    for masc, fem in construct:
        title = fem if female else masc
        for clitic, frame in AR_CLITIC_FRAMES.items():
            out.append((f"ar:{masc} COUNTRY+{clitic or '0'}",
                        frame.format(t=_with_clitic(clitic, f"{title} {country.ar}"), x=x_ar), x_ar, person.id))
    # Counterparts.
    ante = None
    if role in COUNTERPART_ROLES:
        ante_code = next(c for c in COUNTERPART_ROLES[role] if c != code)
        ante = _holder(kb, role, ante_code, when)
    if ante is not None:
        other_code = next(c for c in ("FR", "DE", "JP") if c != code and c != ante_code)
        other = _holder(kb, role, other_code, when)
        ante_country = kb.countries[ante_code]
        a_title = _ar_title_phrases(role, ante.gender == "f", ante_country.adj_ar[0])[0][1]
        possessive = "ها" if ante.gender == "f" else "ه"
        cp = ("نظيرت" if female else "نظير") + possessive
        for nisba in _nisbas(country):
            if female and not getattr(country, "adj_ar_feminine", True):
                continue
            adj = _definite(nisba, female)
            head = f"{a_title} {ante.ar}"
            out += [
                ("ar:counterpart", f"استقبل {head} {cp} {adj} {x_ar} في القصر.", x_ar, person.id),
                ("ar:ب+counterpart", f"اجتمع {head} ب{cp} {adj} {x_ar} في العاصمة.", x_ar, person.id),
                ("ar:مع counterpart", f"بحث {head} مع {cp} {adj} {x_ar} العلاقات الثنائية.", x_ar, person.id),
            ]
            if other is not None and ante.gender != "f" and female == (other.gender == "f"):
                o_adj = _definite(kb.countries[other_code].adj_ar[0], female)
                dual = "نظيرتيه" if female else "نظيريه"
                out += [
                    ("ar:dual counterpart 1st", f"التقى {head} {dual} {adj} {x_ar} و{o_adj} {other.ar} في القصر.",
                     x_ar, person.id),
                    ("ar:dual counterpart 2nd", f"التقى {head} {dual} {o_adj} {other.ar} و{adj} {x_ar} في القصر.",
                     x_ar, person.id),
                ]
    # English.
    title = EN_TITLES.get(role)
    if title:
        for adj in country.adj_en:
            out.append(("en:ADJ Title X", f"{adj} {title} {x_en} said on Monday that the talks were useful.", x_en, person.id))
            out.append(("en:X, the ADJ title", f"{x_en}, the {adj} {title.lower()}, said on Monday that the talks were useful.",
                        x_en, person.id))
            out.append(("en:the ADJ title, X,", f"The {adj} {title.lower()}, {x_en}, said on Monday that the talks were useful.",
                        x_en, person.id))
        out.append(("en:Title X of COUNTRY", f"{title} {x_en} of {_en_name(country)} said on Monday that the talks were useful.",
                    x_en, person.id))
        out.append(("en:COUNTRY's Title X", f"{_en_name(country)}'s {title} {x_en} said on Monday that the talks were useful.",
                    x_en, person.id))
        if ante is not None:
            his = "her" if ante.gender == "f" else "his"
            a_adj = kb.countries[ante_code].adj_en[0]
            for adj in country.adj_en:
                out.append(("en:his ADJ counterpart X",
                            f"{a_adj} {title} {ante.en} met {his} {adj} counterpart {x_en} on Monday.", x_en, person.id))
    return out


def check_probe(kb, text: str, name: str, person_id: str, role: str, code: str, when: dt.date = WHEN) -> str | None:
    """None when the claims on the name are all right and there is one; else what is wrong."""
    from liqaa.claims import find_claims
    from liqaa.document import analyze

    if not text:
        return "the KB gives no nationality adjective for the country"
    doc = analyze(text, kb, date=when)
    start = text.index(name)
    found = [c for c in find_claims(doc, kb) if c.start < start + len(name) and start < c.end]
    if not found:
        return "no claim"
    holder_roles = {t.role for t in kb.holders(role, code, when)}
    for c in found:
        got = (c.mention, c.person_id, c.place, c.role)
        # "Albert II of Monaco": the KB's name may end in its country, which the claim reads apart;
        # "فيليب ملك بلجيكا" in its title and country, which the claim reads as the title's.
        titled_name = person_id in KB_NAME_DEFECTS and name.startswith(c.mention + " ")
        if (c.mention != name and not name.startswith(c.mention + " of ") and not titled_name) \
                or c.person_id != person_id or c.place != code \
                or not holder_roles & set(kb.roles_for(c.role, c.place)):
            return f"got {got}"
    return None


# Holders whose KB names carry a title or country because the bare name is one word ("Philippe",
# "Henri"): as a full-name pattern it would be read in every "فيليب لازاريني". A claim that reads
# the title apart from such a name (قال ملك بلجيكا فيليب …) names the person by the rest; should
# a form fail on these names alone, it is marked xfail with the reason.
KB_NAME_DEFECTS = {
    "philippe-of-belgium": 'the KB\'s Arabic name is "فيليب ملك بلجيكا" ("فيليب" alone would be anyone\'s)',
    "henri-of-luxembourg": 'the KB\'s English name is "Henri, Grand Duke of Luxembourg" ("Henri" alone would be anyone\'s)',
}


def _offices(kb, code: str) -> list[tuple[str, str, str | None]]:
    """(office, role, reason to skip) for one country."""
    country = kb.countries[code]
    out = []
    for office in OFFICES:
        role = getattr(country, office) if office != "foreign_minister" else "foreign_minister"
        if not role:
            out.append((office, "", f"{code} has no single {office} role in the KB (collective or co-principality)"))
            continue
        if _date_for(kb, role, code) is None:
            n = len(kb.holders(role, code, WHEN))
            out.append((office, role, f"the KB has {n} holders of {role}/{code} on {WHEN} and "
                                      f"{len(kb.holders(role, code, LATER))} on {LATER}"))
        else:
            out.append((office, role, None))
    return out


def _codes() -> list[str]:
    with COUNTRIES_YAML.open(encoding="utf-8") as fh:
        return [c["code"] for c in yaml.safe_load(fh)]


@pytest.mark.parametrize("office", OFFICES)
@pytest.mark.parametrize("code", _codes())
def test_title_sweep(kb, code, office):
    (role, reason), = [(r, why) for o, r, why in _offices(kb, code) if o == office]
    if reason:
        pytest.skip(reason)
    failures = []
    when = _date_for(kb, role, code)
    for form, text, name, pid in probes(kb, code, office, when):
        problem = check_probe(kb, text, name, pid, role, code, when)
        if problem:
            failures.append((pid, f"{form}: {text}  → {problem}"))
    if failures and all(pid in KB_NAME_DEFECTS for pid, _ in failures):
        pytest.xfail(f"{len(failures)} probes: {KB_NAME_DEFECTS[failures[0][0]]}")
    assert not failures, f"{len(failures)} probes fail:\n" + "\n".join(f for _, f in failures)


def main() -> None:
    from liqaa.kb import default_kb

    kb = default_kb()
    total, failed = 0, collections.Counter()
    by_country = collections.Counter()
    skipped = []
    examples = {}
    for code in _codes():
        for office, role, reason in _offices(kb, code):
            if reason:
                skipped.append(reason)
                continue
            when = _date_for(kb, role, code)
            for form, text, name, pid in probes(kb, code, office, when):
                total += 1
                problem = check_probe(kb, text, name, pid, role, code, when)
                if problem:
                    key = f"{role} {form}"
                    failed[key] += 1
                    by_country[code] += 1
                    examples.setdefault(key, f"{text} → {problem}")
    print(f"{total} probes, {sum(failed.values())} failures, {len(skipped)} offices skipped")
    for key, n in failed.most_common():
        print(f"{n:5d}  {key}   e.g. {examples[key]}")
    print("by country:", dict(by_country.most_common()))
    for reason in skipped:
        print("skipped:", reason)


if __name__ == "__main__":
    main()


# --- what the new forms must not read --------------------------------------------------

def _claims_of(kb, text):
    from liqaa.claims import find_claims
    from liqaa.document import analyze

    return [(c.mention, c.role, c.place) for c in find_claims(analyze(text, kb, date=WHEN), kb)]


@pytest.mark.parametrize("text", [
    "قال المستشار المالي للشركة أحمد سالم إن الأرباح ارتفعت.",       # مالي: financial adviser, no chancellor of Mali
    "قال وزير المالية محمد الجدعان إن الميزانية متوازنة.",           # المالية: finance, not Malian
    "Saudi Prince Faisal Khalid said on Monday that the talks were useful.",   # a royal's rank, not an office
])
def test_common_words_are_no_office(kb, text):
    assert not [c for c in _claims_of(kb, text) if c[2] == "ML" or c[1] in ("chancellor", "prince")]


def test_adviser_to_a_president_is_not_the_president(kb):
    found = _claims_of(kb, "قال مستشار الرئيس الفرنسي إيمانويل بون إن الزيارة ستتم.")
    assert not [c for c in found if c[1] == "president"], found


def test_a_congo_is_the_one_the_person_governs(kb):
    (claim,) = _claims_of(kb, "قال الرئيس الكونغولي دينيس ساسو نغيسو إن المحادثات كانت مثمرة.")
    assert claim[1:] == ("president", "CG")
    (claim,) = _claims_of(kb, "قال الرئيس الكونغولي فيليكس تشيسيكيدي إن المحادثات كانت مثمرة.")
    assert claim[1:] == ("president", "CD")
