"""Every current head of state or government of every country is linked when an article
names them, in Arabic and in English."""

from liqaa.document import analyze


def _current_leaders(kb):
    seen = {}
    for code in kb.countries:
        for derived in ("head_of_state", "head_of_government"):
            for term in kb.holders(derived, code, kb.as_of):
                seen[term.person_id] = code
    return seen


def test_current_leaders_are_linked_by_name_in_both_languages(kb):
    leaders = _current_leaders(kb)
    assert len(leaders) >= 150
    missed = []
    for pid, code in sorted(leaders.items()):
        person = kb.people[pid]
        for lang, name in (("en", person.en), ("ar", person.ar)):
            text = f"Talks with {name} ended." if lang == "en" else f"وانتهت المحادثات مع {name} أمس."
            doc = analyze(text, kb)
            linked = {p.ref for m in doc.mentions for p in m.patterns if p.kind in ("person", "person_short")}
            if pid not in linked:
                missed.append(f"{code} {pid} ({lang}: {name})")
    assert not missed, f"{len(missed)} not linked:\n" + "\n".join(missed)
