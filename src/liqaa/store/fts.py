"""Full-text search over Arabic-normalised text.

What is indexed, per article: ``norm_title`` and ``norm_text`` (``liqaa.text.normalize``:
hamza forms, alef maqsura, ta marbuta, tashkeel, tatweel, Arabic-Indic digits folded;
Latin lower-cased) and ``search_alt``, the same words with their proclitics removed
(وبوتين -> بوتين, للرئيس -> رئيس and الرئيس, والرئيس -> الرئيس and رئيس). Names are never
stemmed otherwise (see design/DEPENDENCIES.md): a query word matches a text word exactly,
or that word minus و ف ب ل ك and ال in front.

* SQLite: an FTS5 virtual table over ``articles`` (external content, kept in sync by
  triggers, so an article and its index entry are written in one transaction), ranked by
  bm25 with the title weighted up.
* PostgreSQL: a stored generated ``tsvector`` column (``simple`` configuration: no
  stemming, no stop words) with a GIN index, ranked by ``ts_rank``.

Snippets are cut from the *original* text: the match is found on the normalised text and
mapped back through the offset map, so what the user sees is what the article says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from liqaa.text import normalize, normalize_with_map

FTS_TABLE = "articles_fts"
PG_COLUMN = "search_vector"

_WORD = re.compile(r"\w+", re.UNICODE)
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3]{3,}")

# Proclitic sequences, longest first. Those ending in ال (or the ل ل of للرئيس) also give
# the form with the article: للرئيس -> رئيس and الرئيس.
_PREFIXES = sorted({
    "و", "ف", "ب", "ل", "ك", "ال", "لل",
    "وال", "فال", "بال", "كال", "ولل", "فلل",
    "وب", "ول", "وك", "فب", "فل", "فك",
    "وبال", "فبال", "وكال", "فكال",
}, key=len, reverse=True)
_WITH_ARTICLE = tuple(p for p in _PREFIXES if p.endswith("ال") or p.endswith("لل"))
MIN_STEM = 2


def word_variants(word: str) -> set[str]:
    """Forms of a normalised Arabic word without its proclitics (the word itself excluded)."""
    out: set[str] = set()
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= MIN_STEM:
            rest = word[len(p):]
            out.add(rest)
            if p in _WITH_ARTICLE:
                out.add("ال" + rest)
    out.discard(word)
    return out


def search_alt(*norm_texts: str) -> str:
    """The ``search_alt`` column: proclitic-free variants of every Arabic word, once each."""
    variants: set[str] = set()
    seen: set[str] = set()
    for text in norm_texts:
        for word in _ARABIC_WORD.findall(text or ""):
            if word not in seen:
                seen.add(word)
                variants |= word_variants(word)
    return " ".join(sorted(variants))


# --------------------------------------------------------------------------- DDL

def create_sqlite(execute) -> None:
    """FTS5 table and sync triggers (``execute`` runs one SQL statement)."""
    execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
            "norm_title, norm_text, search_alt, content='articles', content_rowid='id', "
            "tokenize=\"unicode61 remove_diacritics 0\")")
    cols = "norm_title, norm_text, search_alt"
    execute(f"CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN "
            f"INSERT INTO {FTS_TABLE}(rowid, {cols}) VALUES (new.id, new.norm_title, new.norm_text, new.search_alt); END")
    execute(f"CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols}) "
            f"VALUES ('delete', old.id, old.norm_title, old.norm_text, old.search_alt); END")
    execute(f"CREATE TRIGGER articles_fts_au AFTER UPDATE OF norm_title, norm_text, search_alt ON articles BEGIN "
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols}) "
            f"VALUES ('delete', old.id, old.norm_title, old.norm_text, old.search_alt); "
            f"INSERT INTO {FTS_TABLE}(rowid, {cols}) VALUES (new.id, new.norm_title, new.norm_text, new.search_alt); END")


def drop_sqlite(execute) -> None:
    for trigger in ("articles_fts_ai", "articles_fts_ad", "articles_fts_au"):
        execute(f"DROP TRIGGER IF EXISTS {trigger}")
    execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def create_postgresql(execute) -> None:
    execute(f"ALTER TABLE articles ADD COLUMN {PG_COLUMN} tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('simple'::regconfig, coalesce(norm_title, '')), 'A') || "
            "to_tsvector('simple'::regconfig, coalesce(norm_text, '')) || "
            "setweight(to_tsvector('simple'::regconfig, coalesce(search_alt, '')), 'D')) STORED")
    execute(f"CREATE INDEX ix_articles_{PG_COLUMN} ON articles USING gin ({PG_COLUMN})")


def drop_postgresql(execute) -> None:
    execute(f"DROP INDEX IF EXISTS ix_articles_{PG_COLUMN}")
    execute(f"ALTER TABLE articles DROP COLUMN IF EXISTS {PG_COLUMN}")


def rebuild_sqlite(execute) -> None:
    """Rebuild the FTS5 index from the articles table (repair tool)."""
    execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


# --------------------------------------------------------------------------- queries

class QueryError(ValueError):
    """A search query with nothing to search for."""


def query_forms(word: str, prefix: bool = False) -> tuple[str, ...]:
    """A query word and, for an Arabic word, the proclitic-free variants the index stores
    for a text word (لبوتين -> بوتين). A prefix term (ويتك*) has no others: its shorter
    forms (يتك*) begin many unrelated words."""
    if prefix or not _ARABIC_WORD.fullmatch(word):
        return (word,)
    return (word, *sorted(word_variants(word)))


@dataclass
class Query:
    terms: list[tuple[str, bool]]   # (normalised word, prefix?)
    # Also look each word up without its proclitics. Not the first try: a word whose
    # first letter is also a proclitic (بوتين, وزارة) would find وتين, زاره as well.
    without_proclitics: bool = False

    def forms(self, word: str, prefix: bool) -> tuple[str, ...]:
        return query_forms(word, prefix) if self.without_proclitics else (word,)

    def stripped(self) -> "Query | None":
        """The query with every word also looked up without its proclitics, or None when
        no word has a proclitic to drop."""
        if self.without_proclitics or all(len(query_forms(w, p)) == 1 for w, p in self.terms):
            return None
        return Query(self.terms, without_proclitics=True)

    @classmethod
    def parse(cls, text: str) -> "Query":
        norm = normalize(text or "")
        terms = []
        for m in re.finditer(r"(\w+)(\*?)", norm):
            terms.append((m.group(1), bool(m.group(2))))
        if not terms:
            raise QueryError(f"nothing to search for in {text!r} (give at least one word)")
        return cls(terms)

    def fts5(self) -> str:
        """Every term (AND), each as any of its forms (OR)."""
        def one(w: str, prefix: bool) -> str:
            forms = [f'"{f}"' + ("*" if prefix else "") for f in self.forms(w, prefix)]
            return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"

        return " AND ".join(one(w, prefix) for w, prefix in self.terms)

    def tsquery(self) -> str:
        def one(w: str, prefix: bool) -> str:
            forms = [f"'{f}'" + (":*" if prefix else "") for f in self.forms(w, prefix)]
            return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"

        return " & ".join(one(w, prefix) for w, prefix in self.terms)

    def pattern(self) -> re.Pattern:
        """Where a term occurs in normalised text: as a word, possibly behind proclitics
        (and, for a term with the article, behind و ف ب ك or as لل...)."""
        alts = []
        for word, prefix in self.terms:
            for w in self.forms(word, prefix):
                base = w[2:] if w.startswith("ال") and len(w) > 4 else w
                stem = re.escape(base) + (r"\w*" if prefix else "")
                clitics = r"(?:[وف]?(?:[بلك]|ال|بال|كال|لل)?|[وف]?ال)?" if _ARABIC_WORD.match(w) else ""
                if base != w:   # الرئيس: also للرئيس, والرئيس, بالرئيس
                    alts.append(rf"(?<!\w)(?:[وف]?(?:ال|بال|كال|لل)){stem}(?!\w)")
                else:
                    alts.append(rf"(?<!\w){clitics}{stem}(?!\w)")
        return re.compile("|".join(alts))


def snippet(text: str, query: Query, width: int = 160) -> tuple[str, list[tuple[int, int]]]:
    """A passage of the original text around the first match, and the match spans inside
    it (offsets into the returned passage). Falls back to the start of the text."""
    norm, offsets = normalize_with_map(text)
    pattern = query.pattern()
    first = pattern.search(norm)
    if first is None:
        s, e = 0, min(len(text), width)
    else:
        ms = offsets[first.start()]
        s = max(0, ms - width // 3)
        e = min(len(text), s + width)
        # whole words at both ends
        while s > 0 and not text[s - 1].isspace() and ms - s < width // 2:
            s -= 1
        while e < len(text) and not text[e].isspace() and e - s < width + 30:
            e += 1
    spans = []
    for m in pattern.finditer(norm):
        os_ = offsets[m.start()]
        oe = offsets[m.end() - 1] + 1
        if os_ >= s and oe <= e:
            spans.append((os_ - s, oe - s))
    return _tidy(text[s:e], spans, s > 0, e < len(text))


def _tidy(passage: str, spans: list[tuple[int, int]], cut_start: bool, cut_end: bool) -> tuple[str, list[tuple[int, int]]]:
    """Collapse whitespace runs (newlines too) to one space, keeping the spans aligned;
    mark cut ends with an ellipsis."""
    out: list[str] = []
    shift = [0] * (len(passage) + 1)
    pos = 0
    prev_space = True          # also drops leading whitespace
    for i, ch in enumerate(passage):
        shift[i] = pos
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            prev_space = True
        else:
            out.append(ch)
            prev_space = False
        pos += 1
    shift[len(passage)] = pos
    while out and out[-1] == " ":
        out.pop()
    body = "".join(out)
    lead = "…" if cut_start else ""
    mapped = [(shift[a] + len(lead), min(shift[b], len(body)) + len(lead)) for a, b in spans]
    return lead + body + ("…" if cut_end else ""), [(a, b) for a, b in mapped if b > a]
