"""One multi-pattern matcher over every name, title and lexicon word liqaa knows.

All patterns (KB people, countries, organisations, titles, qualifiers, and the lexicons
of the extraction stage) go into a single matcher, so a document is scanned once whatever
the number of stages that read the result: the compiled trie of ``liqaa._speedups`` when
it is built, else a pyahocorasick automaton. Arabic proclitics are not expanded into
patterns: a hit that starts inside a word is accepted when the letters before it form a
valid proclitic string (و ف ب ل ك and ال combinations).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

import ahocorasick

from liqaa.kb.model import KB
from liqaa.text import DROP_CHARS as _MARKS
from liqaa.text import (ARABIC_STOPWORDS, IdentityOffsets, ShiftedOffsets, compounds_apart, compounds_joined,
                        is_arabic_letter, normalize, speedups)

LEXICON_DIR = Path(__file__).parent / "lexicons"

_CONJ = ("", "و", "ف")
_PREP = ("", "ب", "ل", "ك")
# Proclitics before a word that has no article: conjunction + preposition + optional ال.
_PREFIXES_BARE = frozenset(
    c + p + a for c in _CONJ for p in _PREP for a in ("", "ال") if not (p == "ل" and a == "ال")
) | frozenset(c + "لل" for c in _CONJ)
# Before a pattern that starts with ال itself (ل + ال is written لل, handled as a variant).
_PREFIXES_DEFINITE = frozenset(c + p for c in _CONJ for p in ("", "ب", "ك"))
_PREFIXES_LAM = frozenset(_CONJ)
_LONGEST_PROCLITIC = max(map(len, _PREFIXES_BARE | _PREFIXES_DEFINITE))
if speedups is not None:
    speedups.set_proclitics(_PREFIXES_BARE | _PREFIXES_DEFINITE | _PREFIXES_LAM)

GAZETTEER_FORMAT = 10   # bump when the pattern tables change shape
ENTITY = "entity"
LEXICON = "lexicon"


class Pattern(NamedTuple):
    """One way a pattern can be read. A NamedTuple, so the cached automaton unpickles fast."""

    kind: str          # person, person_short, given, country, country_adj, org, org_adj, city,
                       # title, qualifier, honorific, counterpart, filler, or a lexicon kind
    ref: str           # person id, country/org code, role id, qualifier id, topic id ...
    lang: str          # "ar" or "en"
    layer: str = ENTITY
    construct: bool = False   # Arabic construct-state title (رئيس روسيا)
    feminine: bool = False
    plural: bool = False
    definite: bool = False    # the pattern itself carries ال
    lam: bool = False         # the ل+ال → لل variant of a definite pattern
    needs_place: bool = False
    extra: str = ""


class _MentionFields:
    """The fields of a Mention (``liqaa._speedups.MentionFields`` when it is built: the
    scan makes tens of mentions per article, and a Python constructor costs more than
    the rest of making them)."""

    __slots__ = ("start", "end", "nstart", "nend", "text", "patterns", "prefix", "layer")

    def __init__(self, start: int, end: int, nstart: int, nend: int, text: str,
                 patterns: tuple[Pattern, ...], prefix: str = "", layer: str = ENTITY):
        self.start, self.end, self.nstart, self.nend = start, end, nstart, nend
        self.text, self.patterns, self.prefix, self.layer = text, patterns, prefix, layer


class Mention(_MentionFields if speedups is None else speedups.MentionFields):
    """A gazetteer hit: spans index the original text (start/end) and the normalised one
    (nstart/nend); ``prefix`` is the Arabic proclitics in front of the hit, normalised."""

    __slots__ = ()
    _FIELDS = _MentionFields.__slots__
    __hash__ = None   # mutable, compared by value

    def _values(self) -> tuple:
        return (self.start, self.end, self.nstart, self.nend, self.text, self.patterns, self.prefix, self.layer)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        return "Mention(%s)" % ", ".join(f"{name}={value!r}" for name, value in zip(self._FIELDS, self._values()))

    def __reduce__(self):
        return Mention, self._values()

    @property
    def definite(self) -> bool:
        return "ال" in self.prefix or self.prefix.endswith("لل") or any(
            p.definite or p.lam for p in self.patterns)

    def of(self, *kinds: str) -> Pattern | None:
        for p in self.patterns:
            if p.kind in kinds:
                return p
        return None

    def has(self, *kinds: str) -> bool:
        # of(), inlined: the claim finder asks this of every mention it walks past.
        for p in self.patterns:
            if p.kind in kinds:
                return True
        return False

    @property
    def kinds(self) -> set[str]:
        return {p.kind for p in self.patterns}


@dataclass
class Gazetteer:
    keys: list[str]                    # every pattern key, in the order of the values
    values: list[tuple]                # (length, entity, lexicon, readings after proclitics, kinds)
    given_names: frozenset[str] = field(default_factory=frozenset)
    size: int = 0
    honorifics: tuple[str, ...] = ()   # normalised honorifics + " ", longest first
    # Arabic surnames made from KB names: word → (person id, needs the given name)
    surnames: dict[str, tuple[str, bool]] = field(default_factory=dict)
    trie: object = None   # the compiled scanner over the same keys (liqaa._speedups.Trie)
    _automaton: ahocorasick.Automaton | None = field(default=None, repr=False)
    _people_by_name: dict[str, str] | None = field(default=None, repr=False)

    @property
    def people_by_name(self) -> dict[str, str]:
        """Normalised full names of KB people that one person alone has → that person's id,
        made on first use (the claim stage asks it for names the scan split)."""
        if self._people_by_name is None:
            found: dict[str, str] = {}
            for key, value in zip(self.keys, self.values):
                people = {p.ref for p in value[1] if p.kind == "person"}
                if len(people) == 1:
                    found[key] = people.pop()
            self._people_by_name = found
        return self._people_by_name

    @property
    def automaton(self) -> ahocorasick.Automaton:
        """The Aho-Corasick automaton over the keys: the pure-Python scan's matcher."""
        if self._automaton is None:
            self._automaton = _automaton_of(self.keys, self.values)
        return self._automaton

    def __getstate__(self):
        # With the compiled scanner the automaton is not needed to check an article:
        # leaving it out of the cache makes loading it twice as fast.
        state = dict(self.__dict__)
        if self.trie is not None:
            state["_automaton"] = None
        state["_people_by_name"] = None   # made on first use, like the automaton
        return state

def _arabic(s: str) -> bool:
    return any(is_arabic_letter(c) for c in s)


class _Builder:
    def __init__(self) -> None:
        self.table: dict[str, list[Pattern]] = {}

    def add(self, form: str, pattern: Pattern) -> None:
        key = normalize(form).strip()
        if not key or len(key) < 2:
            return
        lst = self.table.setdefault(key, [])
        if pattern not in lst:
            lst.append(pattern)
        if pattern.lang == "ar" and key.startswith("ال") and len(key) > 3:
            lam = pattern._replace(lam=True, definite=True)
            lst2 = self.table.setdefault("لل" + key[2:], [])
            if lam not in lst2:
                lst2.append(lam)

    def add_forms(self, forms, **kw) -> None:
        for form in forms or ():
            lang = "ar" if _arabic(form) else "en"
            definite = lang == "ar" and normalize(form).startswith("ال")
            self.add(form, Pattern(lang=lang, definite=definite, **kw))

    def build(self) -> tuple[list[str], list[tuple]]:
        """The keys and their values: (length, entity patterns, lexicon patterns, readings
        after proclitics, the kinds of all its patterns). The layers and proclitic rules
        are settled here, once, so that the scan does no filtering per hit."""
        keys, values = [], []
        for key, patterns in self.table.items():
            groups: dict[frozenset[str], list[Pattern]] = {}
            for p in patterns:
                groups.setdefault(_allowed_prefixes(p, len(key)), []).append(p)
            after_proclitic = tuple((allowed, *_layers(ps)) for allowed, ps in groups.items() if allowed)
            keys.append(key)
            values.append((len(key), *_layers(patterns), after_proclitic, frozenset(p.kind for p in patterns)))
        return keys, values


def _automaton_of(keys: list[str], values: list[tuple]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for key, value in zip(keys, values):
        automaton.add_word(key, value)
    automaton.make_automaton()
    return automaton


def _layers(patterns) -> tuple[tuple[Pattern, ...], tuple[Pattern, ...]]:
    return (tuple(p for p in patterns if p.layer == ENTITY), tuple(p for p in patterns if p.layer != ENTITY))


def _adjective_forms(adj: str, feminine: bool = True) -> list[tuple[str, bool, bool]]:
    """Arabic nisba forms from the masculine singular: (form, feminine, plural).

    The article is taken off only when the form is written with it: "ألماني" normalises to
    "الماني", whose ال is the word's own. A compound nisba is one word to inflect (جنوب
    أفريقي → الجنوب أفريقية) unless a later word carries ال itself, then every word
    agrees (غيني الاستوائي → الغيني الاستوائي، الغينية الاستوائية). ``feminine`` False
    leaves out the ـية forms where they are a common word (مالي: المالية is "finance")."""
    words = adj.split()
    if len(words) > 1 and any(w.startswith("ال") for w in words[1:]):
        inflected = [[normalize(w)] + ([normalize(w) + "ه"] if feminine else []) for w in words]
        return [(" ".join(forms[k] for forms in inflected), k == 1, False) for k in range(len(inflected[0]))]
    base = normalize(adj[2:] if adj.startswith("ال") else adj)
    forms = [(base, False, False)]
    if feminine:
        forms.append((base + "ه", True, False))
    if base.endswith("ي"):
        forms += [(base + "ين", False, True), (base + "ون", False, True), (base + "ان", False, True)]
        if feminine:
            forms += [(base + "تين", True, True), (base + "ات", True, True)]
    return forms


@lru_cache(maxsize=32)
def load_lexicon(name: str) -> dict:
    """A lexicon file, parsed once per process (several stages read the same files at import:
    treat the result as read-only)."""
    return _parse_lexicon(name)


def _parse_lexicon(name: str) -> dict:
    import yaml

    path = LEXICON_DIR / name
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}


def _add_lexicons(b: _Builder) -> None:
    titles = load_lexicon("titles.yaml")
    for role, spec in titles["titles"].items():
        needs_place = bool(spec.get("needs_place"))
        only_as = str(spec.get("only_as") or "")   # carried in the pattern's extra field
        b.add_forms(spec.get("ar"), kind="title", ref=role, needs_place=needs_place, extra=only_as)
        b.add_forms(spec.get("ar_construct"), kind="title", ref=role, construct=True, needs_place=needs_place,
                    extra=only_as)
        b.add_forms(spec.get("en"), kind="title", ref=role, needs_place=needs_place, extra=only_as)
        portfolios = spec.get("portfolios") or {}
        b.add_forms([f"{head} {p}" for p in portfolios.get("ar") or () for head in ("وزير", "وزيرة")],
                    kind="title", ref=role)
        b.add_forms([form for p in portfolios.get("en") or () for form in (f"{p} minister", f"minister of {p}")],
                    kind="title", ref=role)
    for lang in ("ar", "en"):
        b.add_forms(titles["fillers"].get(lang), kind="filler", ref="filler")
        b.add_forms(titles["honorifics"].get(lang), kind="honorific", ref="honorific")
        b.add_forms(titles["counterparts"].get(lang), kind="counterpart", ref="counterpart")
    for qual, spec in titles["qualifiers"].items():
        for lang in ("ar", "en"):
            b.add_forms(spec.get(lang), kind="qualifier", ref=qual)
    # Further lexicons (meeting verbs, topics ...) declare their own kind and layer.
    for path in sorted(LEXICON_DIR.glob("*.yaml")):
        if path.name in ("titles.yaml", "given_names.yaml"):
            continue
        spec = load_lexicon(path.name)
        kind, layer = spec.get("kind"), spec.get("layer", LEXICON)
        if not kind:
            continue
        for ref, forms in (spec.get("entries") or {}).items():
            if isinstance(forms, dict):
                extra = str(forms.get("extra", ""))
                forms = [*(forms.get("ar") or []), *(forms.get("en") or [])]
            else:
                extra = ""
            b.add_forms(forms, kind=kind, ref=str(ref), layer=layer, extra=extra)


def _title_prefixes() -> tuple[str, ...]:
    titles = load_lexicon("titles.yaml")
    # Not the Arabic construct forms: before a name a title is definite (الأمير محمد), and a
    # bare أمير، ملك starts a given name (أمير خان متقي), which must stay in the name.
    forms = set()
    for spec in titles["titles"].values():
        for key in ("ar", "en"):
            forms |= {normalize(f) for f in spec.get(key) or []}
    for lang in ("ar", "en"):
        forms |= {normalize(f) for f in titles["honorifics"].get(lang) or []}
    forms -= {normalize(f) for f in titles.get("given_names_too") or []}
    return tuple(sorted(forms, key=len, reverse=True))


def _honorific_prefixes() -> tuple[str, ...]:
    h = load_lexicon("titles.yaml")["honorifics"]
    forms = {normalize(f) + " " for lang in ("ar", "en") for f in h.get(lang, [])}
    return tuple(sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def title_roles() -> dict[str, str]:
    """Normalised title forms → role, for the titles that need no place ("الملك" → king);
    the honorifics among the prefixes map to "" (a title-less honorific: السيد، الشيخ)."""
    titles = load_lexicon("titles.yaml")
    found: dict[str, str] = {}
    for lang in ("ar", "en"):
        for f in titles["honorifics"].get(lang) or ():
            found[normalize(f)] = ""
    for role, spec in titles["titles"].items():
        if spec.get("needs_place"):
            continue
        for key in ("ar", "ar_construct", "en"):
            for f in spec.get(key) or ():
                found[normalize(f)] = role
    return found


def _title_role(key: str, roles: dict[str, str]) -> str | None:
    """The role of the title a (title-stripped) alias still starts with: None when it starts
    with none, "" when with an honorific or a title that needs a place (الأمير تشارلز)."""
    words = key.split()
    for n in (3, 2, 1):
        if len(words) > n and " ".join(words[:n]) in roles:
            return roles[" ".join(words[:n])]
    return None


def strip_titles(name: str, prefixes: tuple[str, ...], own: frozenset[str] = frozenset(),
                 places: tuple[str, ...] = ()) -> str:
    """"Crown Prince Mohammed bin Salman" → "mohammed bin salman": a KB alias must not
    swallow the title that the claim stage needs to see. One word is left alone ("King
    Charles" would make "charles" a full name) unless it is one of the person's own names
    (``own``: "King Willem-Alexander" → "willem-alexander"). A trailing "of COUNTRY"
    (``places``, normalised, longest first) is left to the claim stage too: "King Abdullah
    II of Jordan" is a king, a name and his country."""
    key = normalize(name)
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            # (عبد العزيز is one name in two words: "الملك عبد العزيز" keeps its title.)
            if key.startswith(p + " ") and (len(compounds_joined(key[len(p) + 1:]).split()) >= 2
                                            or key[len(p) + 1:] in own):
                key = key[len(p) + 1:]
                changed = True
                break
    for place in places:
        for tail in (" of the " + place, " of " + place):
            head = key[:-len(tail)]
            if key.endswith(tail) and head and (len(head.split()) >= 2 or head in own):
                return head   # not "Philippe of Belgium" → "philippe"
    return key


@lru_cache(maxsize=1)
def compound_parts() -> tuple[frozenset[str], frozenset[str]]:
    """The normalised heads (عبد، أبو) and tails (الدين، الإسلام) of compound given names,
    from given_names.yaml."""
    spec = load_lexicon("given_names.yaml")
    return (frozenset(normalize(w) for w in spec.get("compound_heads") or ()),
            frozenset(normalize(w) for w in spec.get("compound_tails") or ()))


@lru_cache(maxsize=1)
def institution_adjectives() -> frozenset[str]:
    """Normalised adjectives of institutions' names after a name (الدولي، التخصصي; given_names.yaml)."""
    return frozenset(normalize(w) for w in load_lexicon("given_names.yaml").get("institution_adjectives") or ())


@lru_cache(maxsize=1)
def not_surnames() -> frozenset[str]:
    """Normalised words that never end a name the KB does not know (given_names.yaml): the
    institution adjectives, eulogy formulas and time words."""
    spec = load_lexicon("given_names.yaml")
    return frozenset(normalize(w) for w in spec.get("not_surnames") or ()) | institution_adjectives()


def _compound_variants(name: str) -> set[str]:
    """عبد ربه منصور هادي ↔ عبدربه منصور هادي; محيي الدين ↔ محييالدين is not written, so
    tails are only joined apart→apart (they are listed for the name reader)."""
    heads, _ = compound_parts()
    words = name.split()
    if len(words) < 2:
        return set()
    found = set()
    joined, apart, changed = [], [], False
    k = 0
    while k < len(words):
        w = words[k]
        nw = normalize(w)
        if nw in heads and k + 1 < len(words):
            joined.append(w + words[k + 1])
            apart += [w, words[k + 1]]
            changed = True
            k += 2
            continue
        head = next((h for h in heads if nw.startswith(h) and len(nw) - len(h) >= 3), None)
        if head is not None and k + 1 < len(words):   # عبدربه → عبد ربه (not the last word: a surname)
            cut = len(w) - (len(nw) - len(head))
            apart += [w[:cut], w[cut:]]
            joined.append(w)
            changed = True
        else:
            joined.append(w)
            apart.append(w)
        k += 1
    if changed:
        found |= {" ".join(joined), " ".join(apart)}
    return found


def _spellings(names) -> set[str]:
    """A name as the KB writes it and as news writes it, its عبد/أبو compounds joined
    and apart (عبد العزيز، عبدالعزيز؛ أبو الغيط، أبوالغيط؛ عبد ربه، عبدربه)."""
    return {form for name in names or ()
            for form in (name, compounds_joined(name), compounds_apart(name), *_compound_variants(name))}


def _surnames(b: _Builder, kb: KB, given: set[str], prefixes: tuple[str, ...]) -> dict[str, tuple[str, bool]]:
    """Arabic surnames for the KB people who have no Arabic short form: the last word of
    their Arabic names ("حسن روحاني" → روحاني, "بشار الأسد" → الأسد): word → (person id,
    whether it needs the given name). Not patterns: the scan does not see them, so they
    change nothing in how other names are read; the claim finder looks a word up only right
    after a title or the person's own given name ("الرئيس روحاني"), never alone: many are
    also common words. Those listed in name_context.yaml (``surnames_need_given_name``) are
    not read even after a title ("الرئيس توفي" is "the president died"). Not made: a word
    that is already any other pattern (a country, a title, a lexicon word), the last word of a بن/آل chain
    (محمد بن سلمان: his father's), a regnal number, the end of a compound (عبد الله، نصر
    الله), a word two people would share."""
    spec = load_lexicon("name_context.yaml")
    needs_given = {normalize(w) for w in spec.get("surnames_need_given_name") or ()}
    regnal = {normalize(w) for w in spec.get("regnal") or ()}
    heads, tails = compound_parts()
    chains = {normalize(w) for w in ("بن", "ابن", "بنت", "آل", "ولد")}
    titles = {p.split()[0] for p in prefixes}
    found: dict[str, set[str]] = {}
    for person in kb.people.values():
        if any(_arabic(s) for s in person.short):
            continue
        for name in person.names:
            if not _arabic(name):
                continue
            words = strip_titles(name, prefixes).split()
            if len(words) < 2 or chains & set(words) or words[-2] in heads:
                continue
            last = words[-1]
            if len(last) < 3 or last in tails or last in regnal or last in titles \
                    or last in ARABIC_STOPWORDS or last in b.table or f"عبد {last}" in given:
                continue   # (الرحمن of "عبد الرحمن" is no surname)
            found.setdefault(last, set()).add(person.id)
    # A given name as a surname ("الرئيس أحمد" names a man by his given name as often) needs
    # the given name too, unless listed as how media name that person (الرئيس هادي).
    after_title = {normalize(w) for w in spec.get("given_name_surnames_after_title") or ()}
    return {key: (next(iter(people)), key in needs_given or (key in given and key not in after_title))
            for key, people in found.items() if len(people) == 1}


def build_gazetteer(kb: KB) -> Gazetteer:
    b = _Builder()
    given: set[str] = set()
    prefixes = _title_prefixes()
    roles = title_roles()
    places = tuple(sorted({normalize(n) for c in kb.countries.values() for n in (c.en, *c.en_alt)},
                          key=len, reverse=True))
    for person in kb.people.values():
        plain, titled = set(), {}
        own = frozenset(normalize(n) for n in (*person.names, *person.short))
        for n in person.names:
            key = strip_titles(n, prefixes, own, places)
            role = _title_role(key, roles)
            if role:
                titled[key] = role
            else:
                plain.add(key)   # no title, or an honorific one (Sheikh Hasina, الأمير تشارلز)
        b.add_forms(_spellings(plain), kind="person", ref=person.id)
        # An alias that keeps its title ("الملك سلمان", "King Charles": one word after it)
        # still matches as one mention, so that the title does not start a chain of its own
        # over a bare given name; the claim finder reads it as title + name (extra = role).
        for key, role in titled.items():
            for form in _spellings((key,)):
                b.add_forms((form,), kind="person", ref=person.id, extra=role)
        b.add_forms(_spellings(person.short), kind="person_short", ref=person.id)
        for name in person.names:
            tokens = normalize(name).split()
            if len(tokens) >= 2 and len(tokens[0]) >= 2:
                given.add(tokens[0])
    # A place name is never taken for a given name ("إسرائيل كاتس" would make إسرائيل one).
    places = set()
    for c in kb.countries.values():
        places |= {normalize(n) for n in (c.en, *c.en_alt, c.ar, *c.ar_alt, c.capital_ar or "", c.capital_en or "")}
    given -= places
    # A given name drawn from the KB that is also a function word ("أن" from "أن ليندي") or
    # too short to be telling would turn ordinary prose into names.
    given = {g for g in given if g not in ARABIC_STOPWORDS and (len(g) > 2 or not _arabic(g))}
    lexicon = load_lexicon("given_names.yaml")
    listed = {normalize(n) for n in lexicon.get("ar", [])}
    # Two-word given names are also written joined (عبد الله → عبدالله, عبد ربه → عبدربه).
    heads, _ = compound_parts()
    listed |= {n.replace(" ", "") for n in listed if n.split()[0] in heads}
    given |= listed - ARABIC_STOPWORDS
    given -= {normalize(w) for w in lexicon.get("not_given") or ()}
    given -= {p.split()[0] for p in prefixes}   # الملك، الأمير of titled aliases (الملك سلمان)
    for c in kb.countries.values():
        b.add_forms((c.en, *c.en_alt, c.ar, *c.ar_alt), kind="country", ref=c.code)
        b.add_forms(c.adj_en, kind="country_adj", ref=c.code)
        for adj in c.adj_ar:
            for form, fem, plural in _adjective_forms(adj, c.adj_ar_feminine):
                b.add(form, Pattern(kind="country_adj", ref=c.code, lang="ar", feminine=fem, plural=plural))
        for form in c.adj_ar_plural:
            key = normalize(form[2:] if form.startswith("ال") else form)
            b.add(key, Pattern(kind="country_adj", ref=c.code, lang="ar", plural=True))
        if c.capital_en:
            b.add_forms((c.capital_en,), kind="city", ref=c.code)
        if c.capital_ar:
            b.add_forms((c.capital_ar,), kind="city", ref=c.code)
    for o in kb.orgs.values():
        b.add_forms((o.en, *o.en_alt, o.ar, *o.ar_alt), kind="org", ref=o.code)
        for adj in o.adj_ar:
            for form, fem, plural in _adjective_forms(adj):
                b.add(form, Pattern(kind="org_adj", ref=o.code, lang="ar", feminine=fem, plural=plural))
    _add_lexicons(b)
    surnames = _surnames(b, kb, given, prefixes)
    keys, values = b.build()
    gazetteer = Gazetteer(keys=keys, values=values, given_names=frozenset(given), size=len(b.table),
                          honorifics=_honorific_prefixes(), surnames=surnames)
    if speedups is not None:
        gazetteer.trie = speedups.Trie(keys, values)
    else:
        gazetteer._automaton = _automaton_of(keys, values)   # built now, so that the cache holds it
    return gazetteer


@lru_cache(maxsize=4)
def gazetteer_for(kb: KB) -> Gazetteer:
    """The gazetteer of a KB, from the on-disk cache when the KB and lexicons are unchanged."""
    if not kb.fingerprint:
        return build_gazetteer(kb)
    from liqaa.cache import cached, fingerprint

    # A gazetteer cached with the compiled scanner is not one to load without it, and back.
    # The code that builds the tables is an input too: an edited gazetteer or normaliser
    # must not be served the tables the old code built.
    code = [Path(__file__), Path(__file__).with_name("text.py")]
    key = fingerprint(kb.fingerprint, GAZETTEER_FORMAT, speedups is not None,
                      files=sorted(LEXICON_DIR.glob("*.yaml")) + code)
    return cached("gazetteer", key, lambda: build_gazetteer(kb), Gazetteer)


# --- scanning ------------------------------------------------------------------------

def _allowed_prefixes(pattern: Pattern, length: int) -> frozenset[str]:
    """Which proclitic strings may stand before this pattern inside a word."""
    if pattern.lang != "ar" or (length <= 3 and pattern.kind in ("person_short", "person")):
        return frozenset()  # شي، لي، مون: with a clitic these are ordinary words
    if pattern.lam:
        return _PREFIXES_LAM
    return _PREFIXES_DEFINITE if pattern.definite else _PREFIXES_BARE


def scan_mentions(text: str, norm: str, offsets, gazetteer: Gazetteer) -> tuple[list[Mention], list[Mention]]:
    """Entity mentions and lexicon mentions, each non-overlapping (longest first) and in
    text order."""
    hits = scan_hits(text, norm, offsets, gazetteer)
    return mentions_of(hits, text, ENTITY), mentions_of(hits, text, LEXICON)


def mentions_of(hits: list[tuple], text: str, layer: str) -> list[Mention]:
    """The mentions of one layer among the hits of ``scan_hits``.

    A hit that starts inside a word is kept only for the patterns whose allowed proclitics
    match the letters before it. This loop runs once per hit, so it is written flat."""
    lexicon = layer != ENTITY
    if speedups is not None:
        return _longest_first(speedups.mentions_of(hits, text, lexicon, Mention, layer))
    mentions: list[Mention] = []
    for nstart, nend, (length, ent, lex, after_proclitic, _), prefix, start, end in hits:
        patterns = lex if lexicon else ent
        if prefix:
            if len(after_proclitic) == 1:
                allowed, ent, lex = after_proclitic[0]
                if prefix not in allowed:
                    continue
                patterns = lex if lexicon else ent
            else:
                patterns = tuple(p for r in after_proclitic if prefix in r[0] for p in r[2 if lexicon else 1])
        if patterns:
            mentions.append(Mention(start, end, nstart, nend, text[start:end], patterns, prefix, layer))
    return _longest_first(mentions)


def mentions_in(hits: list[tuple], text: str, layer: str, start: int = 0, end: int | None = None,
                kind: str | None = None) -> list[Mention]:
    """The mentions of ``mentions_of(hits, text, layer)`` that start in [start, end) and,
    when ``kind`` is given, have a pattern of that kind — made from the hits that can
    decide them only, when the compiled layer is there: an article's few meeting words
    without the hundred other lexicon words around them."""
    if end is None:
        end = len(text) + 1
    if speedups is not None:
        hits = speedups.hits_around(hits, layer != ENTITY, start, end, kind)
    return [m for m in mentions_of(hits, text, layer)
            if start <= m.nstart < end and (kind is None or m.of(kind) is not None)]


def scan_hits(text: str, norm: str, offsets, gazetteer: Gazetteer) -> list[tuple]:
    """The hits that end at a word boundary and start at a word start, or after at most
    the longest proclitic inside a word when the key has readings after proclitics:
    (start, end, value, proclitic letters, original start, original end), in order of
    start. The compiled scan also leaves out starts after letters that form no proclitic
    string at all, which ``mentions_of`` would drop."""
    trie = gazetteer.trie
    if trie is not None and type(offsets) in (IdentityOffsets, ShiftedOffsets):
        steps = (offsets.starts, offsets.shifts) if type(offsets) is ShiftedOffsets else (None, None)
        return trie.scan(text, norm, *steps, _LONGEST_PROCLITIC)
    hits = []
    n = len(norm)
    text_len = len(text)
    shifted = type(offsets) is not IdentityOffsets
    for end_idx, value in gazetteer.automaton.iter(norm):
        nend = end_idx + 1
        if nend < n and norm[nend].isalnum():
            continue  # inside a longer word
        nstart = nend - value[0]
        prefix = ""
        if nstart and norm[nstart - 1].isalnum() and norm[nstart].isalnum():
            if not value[3]:
                continue
            k = nstart - 1
            while k > 0 and norm[k - 1].isalnum():
                k -= 1
            if nstart - k > _LONGEST_PROCLITIC:
                continue
            prefix = norm[k:nstart]
        if shifted:
            start, end = offsets[nstart], offsets[nend - 1] + 1
        else:
            start, end = nstart, nend
        # Trailing tashkeel/tatweel belong to the last letter.
        while end < text_len and text[end] in _MARKS:
            end += 1
        hits.append((nstart, nend, value, prefix, start, end))
    hits.sort(key=itemgetter(0, 1))   # the automaton gives them in order of end
    return hits


def _longest_first(mentions: list[Mention]) -> list[Mention]:
    """Keep the longest of overlapping mentions (greedy by length, then position)."""
    if speedups is not None:
        return speedups.longest_first(mentions)
    if not mentions:
        return mentions
    lo = min(m.nstart for m in mentions)
    occupied = bytearray(max(m.nend for m in mentions) - lo)
    result: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.nstart - m.nend, m.nstart)):
        if any(occupied[m.nstart - lo:m.nend - lo]):
            continue
        occupied[m.nstart - lo:m.nend - lo] = b"\x01" * (m.nend - m.nstart)
        result.append(m)
    result.sort(key=lambda m: m.nstart)
    return result
