"""Renderers for check reports: terminal (Rich), JSON/JSONL, Markdown and a
self-contained right-to-left HTML page."""

from __future__ import annotations

import html
import json
import re

import orjson

from liqaa.report import CheckedClaim, Report
from liqaa.verify import office_label, office_phrase

MARK = {"supported": "✓", "refuted": "✗", "unverifiable": "?"}
COLOR = {"supported": "green", "refuted": "bold red", "unverifiable": "yellow"}
VERDICT_AR = {"supported": "مؤكَّد", "refuted": "خاطئ", "unverifiable": "لا يمكن التحقق"}
BASIS = {"explicit": "date in the text", "document": "article date", "as_of": "--as-of / today",
         "context": "time the sentence speaks of", "none": "undated text: judged at any date the KB covers"}


def claim_statement(report: Report, cc: CheckedClaim, lang: str = "en") -> str:
    """What the text claims, in plain words: "The text calls X the president of Belarus"."""
    c = cc.claim
    role = report.kb.concrete_role(c.role, c.place)
    label = office_phrase(report.kb, role, c.place) if lang == "en" else office_label(report.kb, role, c.place, lang)
    qual = {"former": "former ", "late": "late ", "elect": "incoming ", "acting": "acting ", "outgoing": "outgoing "}
    qual_ar = {"former": " السابق", "late": " الراحل", "elect": " المنتخب", "acting": " بالإنابة", "outgoing": " المنتهية ولايته"}
    via = ""
    if c.counterpart_of is not None:
        ante = report.claims[c.counterpart_of].claim if c.counterpart_of < len(report.claims) else None
        if ante is not None:
            via = f" (as the counterpart of {ante.mention})" if lang == "en" else f" (بوصفه نظير {ante.mention})"
    if lang == "en":
        if c.qualifier:
            article, _, rest = label.partition(" ")
            label = f"{'an' if qual[c.qualifier][0] in 'aeiou' and article != 'the' else article} {qual[c.qualifier]}{rest}"
        return f"The text calls “{c.mention}” {label}{via}."
    return f"يصف النص «{c.mention}» بأنه {label}{qual_ar.get(c.qualifier or '', '')}{via}."


# --- JSON ---------------------------------------------------------------------------

def to_json(reports: list[Report], jsonl: bool = False) -> str:
    if jsonl:
        return "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in reports)
    return json_bytes(reports).decode("utf-8")


def json_bytes(reports: list[Report]) -> bytes:
    """The --format json output (one report's object, or a list of several), UTF-8."""
    dicts = [r.to_dict() for r in reports]
    payload = dicts[0] if len(dicts) == 1 else dicts
    # orjson writes the same text as json.dumps(ensure_ascii=False, indent=2), without the
    # pure-Python encoder that indenting takes: that one held about 6 times the output in
    # memory (a list of every small piece) and was the check's slowest step on long reports.
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2)


# --- terminal -----------------------------------------------------------------------

def print_text(report: Report, console, verbose: bool = False) -> None:
    from rich.markup import escape
    from rich.panel import Panel
    from rich.text import Text

    doc = report.document
    s = report.summary
    head = Text()
    head.append(doc.source or doc.id or "<text>", style="bold")
    head.append(f"  ·  language {doc.language}  ·  KB {report.kb.version} (as of {report.kb.as_of})")
    console.print(head)
    for note in doc.notes:  # how the input was read: a date read day first, a decoding
        console.print("  note: " + escape(note), style="dim")
    if not report.claims:
        console.print("  No who-is-who claims found (a title attached to a name).")
        return
    for i, cc in enumerate(report.claims):
        c, v = cc.claim, cc.verdict
        claim_text = doc.text[c.span_start:c.span_end].replace("\n", " ")
        line = Text("  ")
        line.append(f"{MARK[v.verdict]} {v.verdict.upper():<12}", style=COLOR[v.verdict])
        line.append(claim_text, style="bold")
        line.append(f"   [{cc.when()}, {BASIS.get(cc.date_basis, cc.date_basis)}]", style="dim")
        console.print(line)
        console.print("     " + escape(claim_statement(report, cc)))
        if v.verdict != "supported" or verbose:
            console.print("     " + escape(v.en), style="default")
            if verbose:
                console.print("     " + escape(v.ar), style="dim")
        if v.conflation and v.conflation.get("given_name_of"):
            console.print("     ⚠ possible name conflation: given name of "
                          f"{v.conflation['given_name_of']['name_en']}, surname of {v.conflation['surname_of']['name_en']}",
                          style="magenta")
    console.print(Panel.fit(f"[green]{s['supported']} supported[/]  ·  [red]{s['refuted']} refuted[/]  ·  "
                            f"[yellow]{s['unverifiable']} unverifiable[/]", border_style="dim"))


# --- Markdown -----------------------------------------------------------------------

def _md(text: str) -> str:
    """Text from an article or the KB as Markdown text: HTML in it (a title with <script>)
    is shown, never passed through to the page a Markdown viewer makes of the report."""
    return html.escape(text, quote=False)


def _md_line(text: str) -> str:
    """As `_md`, on one line (a heading or a list item ends at a newline)."""
    return _md(" ".join(text.split()))


def to_markdown(report: Report) -> str:
    doc = report.document
    s = report.summary
    lines = [f"# liqaa check: {_md_line(doc.title or doc.source or doc.id or 'text')}", "",
             f"Language: {doc.language} · KB {_md(report.kb.version)} (as of {report.kb.as_of}) · "
             f"**{s['supported']} supported, {s['refuted']} refuted, {s['unverifiable']} unverifiable**", ""]
    if not report.claims:
        lines.append("No who-is-who claims found.")
    for cc in report.claims:
        c, v = cc.claim, cc.verdict
        lines += [f"## {MARK[v.verdict]} {v.verdict}: {_md_line(doc.text[c.span_start:c.span_end])}", "",
                  f"- {_md_line(claim_statement(report, cc))}",
                  f"- {_md_line(claim_statement(report, cc, 'ar'))}",
                  f"- Date: {cc.when()} ({BASIS.get(cc.date_basis, cc.date_basis)})",
                  f"- {_md_line(v.en)}", f"- {_md_line(v.ar)}"]
        if v.evidence:
            lines.append("- Evidence:")
            for e in v.evidence:
                lines.append(f"  - {_md_line(_evidence_line(e))}")
        lines.append("")
    return "\n".join(lines)


def _evidence_line(e: dict) -> str:
    title = (e.get("title") or {}).get("en") or e["role"].replace("_", " ")
    where = e.get("country") or e.get("org") or ""
    span = f"{e['start'] or '?'} – {e['end'] or 'present'}"
    return f"{e['person']['name_en']} ({e['person']['name_ar']}): {title} {where}, {span} — source: {e['source']}"


# --- HTML ---------------------------------------------------------------------------

_CSS = """
body{font-family:"Noto Naskh Arabic","Amiri","Segoe UI",Tahoma,sans-serif;margin:0;background:#f6f5f2;color:#1d1d1f}
header{padding:1rem 1.5rem;background:#1f3a5f;color:#fff}
header h1{margin:0;font-size:1.3rem}
.summary span{margin-inline-end:1rem}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;padding:1.5rem}
article{background:#fff;padding:1.2rem 1.5rem;line-height:2;border-radius:6px}
header .meta{font-size:.85rem;margin-top:.3rem}header .meta a{color:#cfe3ff}
aside{display:flex;flex-direction:column;gap:.8rem}
mark{padding:0 .15em;border-radius:3px}
mark.supported{background:#d5f0d9}
mark.refuted{background:#ffd2d2;outline:2px solid #c62828}
mark.unverifiable{background:#fff1c2}
.claim{background:#fff;border-inline-start:6px solid #999;padding:.6rem 1rem;border-radius:6px}
.claim.supported{border-color:#2e7d32}.claim.refuted{border-color:#c62828}.claim.unverifiable{border-color:#f9a825}
.claim h2{font-size:1rem;margin:.2rem 0}
.claim p{margin:.3rem 0}
.en{direction:ltr;text-align:left;font-family:"Segoe UI",Helvetica,Arial,sans-serif;font-size:.9rem;color:#333}
.evidence{font-size:.8rem;color:#555}
@media (max-width:800px){main{grid-template-columns:1fr}}
"""


_LTR_RUNS = re.compile(r"https?://[^\s)؛،]*[^\s)؛،.,]|wikidata:Q\d+|\b\d{4}(?:-\d{2}){0,2}\b")


def _rtl_html(text: str) -> str:
    """Escape Arabic prose for HTML, isolating dates, URLs and QIDs so the bidi algorithm
    does not reorder "2025-03-13" into "13-03-2025" inside right-to-left text."""
    return _LTR_RUNS.sub(lambda m: f'<bdi dir="ltr">{m.group()}</bdi>', html.escape(text))


# Where each claim span starts and ends in the Markdown source, in characters of the
# Private Use Area that neither Markdown nor HTML gives a meaning to.
_OPEN, _CLOSE = "\ue000", "\ue001"
_TAG = re.compile(r"(<[^>]*>)")


def _markdown(source: str) -> str:
    """Markdown to HTML with raw HTML in the source shown as text (html=False) and unsafe
    link targets (javascript:) left unlinked by markdown-it's own link validation."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "breaks": True}).render(source)


def _article_html(text: str, claims: list[tuple[int, CheckedClaim]]) -> str:
    """The article as HTML: its Markdown rendered, each claim span highlighted and linked
    to its card. Spans are marked in the source and found again in the rendered page;
    a highlight wraps text only (one <mark> per run between tags), so it never breaks
    the page's nesting when a span crosses Markdown syntax (**الرئيس** بوتين). When the
    marks do not all come through as text (a span inside a link target), the article is
    shown as escaped plain text with the highlights instead."""
    spans, pos = [], 0
    for i, cc in sorted(claims, key=lambda x: x[1].claim.span_start):
        if cc.claim.span_start >= pos:   # spans never overlap after claim finding; guard anyway
            spans.append((i, cc))
            pos = cc.claim.span_end
    source = text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
    marked, pos = [], 0
    for _, cc in spans:
        marked += [source[pos:cc.claim.span_start], _OPEN, source[cc.claim.span_start:cc.claim.span_end], _CLOSE]
        pos = cc.claim.span_end
    marked.append(source[pos:])
    rendered = _markdown("".join(marked))
    pieces = _TAG.split(rendered)
    texts = pieces[0::2]
    if (any(_OPEN in t or _CLOSE in t for t in pieces[1::2])
            or sum(t.count(_OPEN) for t in texts) != len(spans) or sum(t.count(_CLOSE) for t in texts) != len(spans)):
        return _plain_article_html(source, spans)
    return _highlight_runs(pieces, spans)


def _mark_open(i: int, cc: CheckedClaim, first: bool, in_link: bool) -> str:
    verdict = html.escape(cc.verdict.verdict)
    anchor = f' id="m{i}"' if first else ""
    link = "" if in_link else f'<a href="#c{i}">'
    return f'<mark class="{verdict}"{anchor} title="{verdict}">{link}'


def _highlight_runs(pieces: list[str], spans: list[tuple[int, CheckedClaim]]) -> str:
    out, k, inside, first, links = [], -1, False, False, 0
    for n, piece in enumerate(pieces):
        if n % 2:   # a tag
            links += piece.startswith("<a ") or piece == "<a>"
            links -= piece == "</a>"
            out.append(piece)
            continue
        for run in re.split(f"([{_OPEN}{_CLOSE}])", piece):
            if run == _OPEN:
                k, inside, first = k + 1, True, True
            elif run == _CLOSE:
                inside = False
            elif run and inside:
                i, cc = spans[k]
                out.append(_mark_open(i, cc, first, links > 0) + run + ("</mark>" if links else "</a></mark>"))
                first = False
            else:
                out.append(run)
    return "".join(out)


def _plain_article_html(text: str, spans: list[tuple[int, CheckedClaim]]) -> str:
    parts, pos = [], 0
    for i, cc in spans:
        c = cc.claim
        parts.append(html.escape(text[pos:c.span_start]))
        parts.append(_mark_open(i, cc, True, False) + html.escape(text[c.span_start:c.span_end]) + "</a></mark>")
        pos = c.span_end
    parts.append(html.escape(text[pos:]))
    return f'<div class="plain" style="white-space:pre-wrap">{"".join(parts)}</div>'


def _summary_html(report: Report) -> str:
    """The counts and the KB, each label and number in its own bidi isolate: in a
    left-to-right page, "✓ 3 مؤكَّد" would otherwise be reordered with its neighbours."""
    s = report.summary
    counts = "".join(f'<span><bdi dir="ltr">{MARK[v]} {s[v]}</bdi> <bdi dir="rtl" lang="ar">{VERDICT_AR[v]}</bdi> '
                     f'<bdi dir="ltr" lang="en">{v}</bdi></span>' for v in ("supported", "refuted", "unverifiable"))
    return (f'<div class="summary">{counts}'
            f'<span><bdi dir="ltr">KB {html.escape(report.kb.version)} ({report.kb.as_of})</bdi></span></div>')


def _meta_html(doc) -> str:
    """The article's URL (a link only for http and https) and date, if it has them."""
    bits = []
    if doc.url:
        url = html.escape(doc.url)
        if re.match(r"https?://", doc.url, re.I):
            bits.append(f'<a href="{url}" dir="ltr" rel="noopener noreferrer">{url}</a>')
        else:
            bits.append(f'<bdi dir="ltr">{url}</bdi>')
    if doc.date:
        bits.append(f'<time datetime="{doc.date.isoformat()}" dir="ltr">{doc.date.isoformat()}</time>')
    return f'<div class="meta">{" · ".join(bits)}</div>' if bits else ""


def to_html(report: Report) -> str:
    doc = report.document
    direction = "rtl" if doc.language in ("ar", "fa", "ur", "mixed") else "ltr"
    lang = "ar" if direction == "rtl" else "en"
    cards = []
    for i, cc in enumerate(report.claims):
        v = cc.verdict
        ev = "".join(f"<li>{html.escape(_evidence_line(e))}</li>" for e in v.evidence)
        cards.append(
            f'<section class="claim {v.verdict}" id="c{i}">'
            f'<h2><a href="#m{i}">{MARK[v.verdict]} {VERDICT_AR[v.verdict]} · {v.verdict}</a></h2>'
            f"<p>{_rtl_html(claim_statement(report, cc, 'ar'))}</p>"
            f"<p>{_rtl_html(v.ar)}</p>"
            f'<p class="en" dir="ltr">{html.escape(claim_statement(report, cc))} {html.escape(v.en)}</p>'
            f'<ul class="evidence en" dir="ltr">{ev}</ul></section>')
    title = html.escape(doc.title or doc.source or "liqaa check")
    article = _article_html(doc.text, list(enumerate(report.claims)))
    return (f'<!DOCTYPE html>\n<html lang="{lang}" dir="{direction}">\n<head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title} — liqaa</title><style>{_CSS}</style></head>\n<body>\n"
            f'<header><h1>لقاء · liqaa — <bdi>{title}</bdi></h1>{_meta_html(doc)}{_summary_html(report)}</header>\n'
            f'<main><article dir="auto">{article}</article>\n<aside>{"".join(cards) or "<p>لا توجد ادعاءات.</p>"}</aside></main>\n'
            "</body></html>\n")
