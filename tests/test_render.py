"""The Markdown and HTML reports as a reader sees them: nothing from an article runs as
HTML, Markdown articles read as formatted text with their claims highlighted, and the
header says where the article comes from and when."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from liqaa import check
from liqaa.render import to_html, to_markdown

PUTIN = "Russian President Vladimir Putin met US special envoy Steve Witkoff in Moscow on Tuesday."


class _Nesting(HTMLParser):
    """Tags of a page in order, failing on an end tag that closes something else."""
    VOID = {"meta", "br", "hr", "img", "input", "link"}

    def __init__(self):
        super().__init__()
        self.stack, self.marked = [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data):
        if "mark" in self.stack:
            self.marked.append(data)


def well_nested(page: str) -> list[str]:
    """The page's highlighted text, after checking every tag is closed in order."""
    parser = _Nesting()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser.marked


def test_markdown_report_shows_html_from_an_article_as_text():
    report = check(PUTIN, title='<img src=x onerror="alert(1)"> Putin & <b>Witkoff</b>')
    md = to_markdown(report)
    assert "<img" not in md and "<b>" not in md
    assert md.splitlines()[0] == '# liqaa check: &lt;img src=x onerror="alert(1)"&gt; Putin &amp; &lt;b&gt;Witkoff&lt;/b&gt;'


def test_english_summary_isolates_each_label_and_number():
    page = to_html(check(PUTIN))
    summary = re.search(r'<div class="summary">(.*?)</div>', page).group(1)
    outside = re.sub(r"<bdi[^>]*>.*?</bdi>", "", summary)
    assert re.sub(r"</?span>", "", outside).strip() == ""        # nothing left to be reordered
    assert '<bdi dir="ltr">✓ 2</bdi> <bdi dir="rtl" lang="ar">مؤكَّد</bdi>' in summary


def test_article_markdown_is_rendered_with_the_claims_highlighted():
    text = ("## Talks in Moscow\n\nRussian President Vladimir Putin met US special envoy Steve Witkoff "
            "in [Moscow](https://example.org/moscow) and <b onclick=x>raw</b> [bad](javascript:alert(1)).")
    page = to_html(check(text))
    article = re.search(r"<article[^>]*>(.*)</article>", page, re.S).group(1)
    assert "<h2>Talks in Moscow</h2>" in article and "##" not in article
    assert '<a href="https://example.org/moscow">Moscow</a>' in article
    assert "&lt;b onclick=x&gt;raw&lt;/b&gt;" in article and "<b " not in article
    assert 'href="javascript' not in page
    assert well_nested(page) == ["Russian President Vladimir Putin", "US special envoy Steve Witkoff"]
    assert article.count('id="m0"') == 1 and 'href="#c0"' in article


def test_a_highlight_across_markdown_syntax_keeps_the_page_well_formed():
    report = check(PUTIN)
    claim = report.claims[0].claim
    assert PUTIN[claim.span_start:claim.span_end] == "Russian President Vladimir Putin"
    # the same claim in an article that sets part of it in bold: **Russian President** Vladimir Putin
    report.document.text = "**Russian President** Vladimir Putin" + PUTIN[claim.span_end:]
    claim.span_start, claim.span_end = 2, 36
    page = to_html(report)
    assert "<strong>" in page and "**" not in page
    assert well_nested(page)[:2] == ["Russian President", " Vladimir Putin"]
    assert page.count('id="m0"') == 1


def test_a_claim_inside_a_link_keeps_the_link_and_its_highlight():
    report = check("[Russian President Vladimir Putin](https://example.org/p) met Steve Witkoff.")
    page = to_html(report)
    well_nested(page)
    assert '<a href="https://example.org/p"><mark class="supported" id="m0"' in page


@pytest.mark.parametrize("url, link", [
    ("https://news.example/a?x=1&y=<2>", '<a href="https://news.example/a?x=1&amp;y=&lt;2&gt;"'),
    ("javascript:alert(1)", None),
])
def test_html_header_gives_the_articles_url_and_date(url, link):
    page = to_html(check(PUTIN, url=url, date=dt.date(2025, 2, 11)))
    header = re.search(r"<header>.*</header>", page).group()
    assert '<time datetime="2025-02-11" dir="ltr">2025-02-11</time>' in header
    if link:
        assert link in header
    else:
        assert "href" not in header and "javascript:alert(1)" in header
