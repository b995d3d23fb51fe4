"""Input layer: turn files, stdin, JSONL batches, web pages, feeds and WARC archives into
plain `SourceItem`s (text + title/date/url metadata) for the rest of the pipeline.

Two kinds of failure, never a traceback:

* `SourceError` — a whole input cannot be read (missing, binary, too large, undecodable...).
  `str(error)` is one line, "<path>: <what is wrong>".
* `SourceProblem` — one item inside an otherwise readable input is bad (a JSONL line, a feed
  entry, a WARC record). It is yielded, not raised, so the rest of the input is processed.

The text of an item is exactly what later stages index: spans point into `SourceItem.text`,
so nothing here rewrites the body beyond removing a BOM, YAML front matter or HTML markup.

Heavy third-party libraries (trafilatura, httpx, feedparser, warcio) are imported inside the
functions that need them: `liqaa check` on one plain-text article must start fast.
"""

from __future__ import annotations

import codecs
import datetime as dt
import ipaddress
import json
import os
import re
import socket
import stat
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, Callable, Iterable, Iterator, Sequence, TextIO
from urllib.parse import urljoin, urlsplit

MB = 1024 * 1024
MAX_BYTES = 20 * MB                 # per file, per HTTP response, per WARC record
MAX_REDIRECTS = 5
SNIFF_BYTES = 8192                  # how much of the start of a file the binary check looks at

# Suffixes a directory walk picks up, and the kind each one is read as.
ARTICLE_SUFFIXES = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".jsonl": "jsonl",
}
# Read when named explicitly (not picked up from directories: archives and feeds are
# collections, not articles, and belong to `ingest`).
WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = (".rss", ".atom")

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/feed+json"}

# File signatures of formats people mistakenly feed to a text tool. Several (PDF) have no
# NUL byte near the start, so the NUL test alone would let them through as "text".
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG"), (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"), (b"\x7fELF", "ELF"), (b"\x1f\x8b", "gzip"),
    (b"\xff\xd8\xff", "JPEG"), (b"GIF87a", "GIF"), (b"GIF89a", "GIF"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"), (b"Rar!\x1a\x07", "RAR"), (b"\xfd7zXZ\x00", "xz"),
    (b"\x28\xb5\x2f\xfd", "zstd"), (b"SQLite format 3\x00", "SQLite"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
)
_TEXT_BYTES = bytes(range(0x20, 0x100)) + b"\t\n\r\f\v\x1b"

# Checked longest first so the UTF-32 LE BOM is not taken for the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)


# --------------------------------------------------------------------------- data types

@dataclass
class SourceItem:
    id: str                  # path as given, "-" for stdin, JSONL "id" (or "<file>:<line>"), URL
    text: str                # the article body; every later span indexes this string
    source: str              # where it came from: path, "<stdin>", "items.jsonl:12", URL, "a.warc#3"
    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, only when the input states the article's date
    url: str | None = None
    kind: str = "text"       # text | markdown | html | jsonl | feed | url | warc
    notes: list[str] = field(default_factory=list)
    fetched: str | None = None  # when the page was retrieved (WARC-Date, fetch time); not `date`
    offset: int = 0             # characters of the decoded file before `text` (front matter)
    warnings: list[str] = field(default_factory=list)  # problems the user must be told of; the item is still read


class SourceError(Exception):
    """A whole input cannot be read. `str(error)` is one line: "<source>: <reason>".

    Built as `SourceError(source, reason)`; a single argument is taken as the full message.
    """

    def __init__(self, source: str, reason: str | None = None):
        self.source: str | None = source if reason is not None else None
        self.reason: str = reason if reason is not None else source
        super().__init__(f"{source}: {reason}" if reason is not None else source)


@dataclass
class SourceProblem:
    """A bad item inside a readable input; yielded so the rest is still processed."""
    source: str              # e.g. "items.jsonl:7"
    message: str             # e.g. "line 7: not valid JSON (Expecting value at column 1)"

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


# --------------------------------------------------------------------------- small helpers

def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB // 10 else f"{n:,} bytes"


def _limit(n: int) -> str:
    return f"{n / MB:.3g} MB" if n >= MB // 10 else f"{n:,} bytes"


def _one_line(error: BaseException) -> str:
    """Exception text squeezed onto one line: messages must never span several lines."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    return {dict: "object", list: "array", str: "string", int: "number", float: "number",
            type(None): "null"}.get(type(value), type(value).__name__)


def normalise_date(value: Any) -> str | None:
    """ISO YYYY-MM-DD for a date an input's metadata gives (see
    `liqaa.dates.read_document_date`), None when it is not a readable date."""
    from liqaa.dates import read_document_date

    read = read_document_date(value)
    return read.date.isoformat() if read else None


def _metadata_date(value: Any, what: str) -> tuple[str | None, str]:
    """(ISO date or None, a note for the item: how an ambiguous date was read, or that the
    value was not understood). ``what`` names the field in the note ("front matter date")."""
    from liqaa.dates import read_document_date

    read = read_document_date(value)
    if read is None:
        return None, f"{what} {_brief(value)} not understood, ignored"
    return read.date.isoformat(), read.note or ""


def _brief(value: Any) -> str:
    """A value quoted for a one-line message, shortened: it comes from the input."""
    import reprlib

    return " ".join(reprlib.repr(value).split())


# --------------------------------------------------------------------------- decoding

def _sniff_binary(data: bytes) -> str | None:
    """The reason `data` is not text, or None. A UTF-16/32 BOM makes NUL bytes legitimate."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if any(data.startswith(bom) for bom, _, _ in _BOMS):
        return None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        return "contains NUL bytes"
    # Text has almost no C0 control bytes besides whitespace; Arabic UTF-16 without a BOM
    # has no NUL but one 0x06 byte in two, and still decodes as "valid" UTF-8.
    if head and len(head.translate(None, _TEXT_BYTES)) > len(head) // 10:
        return "contains control bytes"
    return None


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" or "\ufb50" <= ch <= "\ufefc"


def _mostly_arabic(text: str) -> bool:
    """True when a windows-1256 decode plausibly is Arabic prose: most letters are Arabic
    and most non-ASCII characters are Arabic script. windows-1256 maps every byte, so the
    decode itself always "succeeds"; this is what tells Arabic from Latin-1 or noise."""
    letters = [c for c in text if c.isalpha()]
    non_ascii = [c for c in text if ord(c) > 127]
    if not letters or not non_ascii:
        return False
    arabic_letters = sum(1 for c in letters if _is_arabic(c))
    arabic_script = sum(1 for c in non_ascii if _is_arabic(c))
    return arabic_letters / len(letters) >= 0.5 and arabic_script / len(non_ascii) >= 0.8


def _codec(label: str | None) -> str | None:
    """Python codec name for a declared charset label, or None if unknown."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("'\"")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, name: str, *, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode an article's bytes; returns (text, notes). Raises SourceError.

    Order: binary check, BOM, strict UTF-8, the charset the input declares (HTTP header or
    HTML <meta>, passed as `declared`), then windows-1256 when that yields Arabic prose.
    UTF-8 is tried before the declared charset because mislabelled UTF-8 pages are far more
    common than valid-UTF-8 pages that really are in another encoding.
    """
    kind = _sniff_binary(data)
    if kind is not None:
        raise SourceError(name, f"binary file, not an article ({kind})")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec), [f"{label} with BOM (BOM removed)"]
            except UnicodeDecodeError as e:
                raise SourceError(name, f"not valid {label} text ({e.reason} at offset {e.start + len(bom)})") from None
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as e:
        first_error = e
    codec = _codec(declared)
    if codec and codec != "utf-8":
        try:
            return data.decode(codec), [f"decoded as {codec.replace('cp', 'windows-')} (declared by the input)"]
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    if _mostly_arabic(text):
        return text, ["decoded as windows-1256"]
    bad = data[first_error.start]
    raise SourceError(name, f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {first_error.start})")


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _html_charset(data: bytes) -> str | None:
    """Charset declared in an HTML page's <meta> (only the head is searched)."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


# --------------------------------------------------------------------------- reading files

def _open(path: Path, name: str) -> BinaryIO:
    """Open for reading, turning OS errors into one-line SourceErrors."""
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise SourceError(name, "no such file or directory") from None
    except IsADirectoryError:
        raise SourceError(name, "is a directory") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as e:
        raise SourceError(name, f"cannot read ({e.strerror or _one_line(e)})") from None


def _stat(path: Path, name: str) -> os.stat_result:
    try:
        return path.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise SourceError(name, "no such file or directory") from None
    except PermissionError:
        raise SourceError(name, "permission denied") from None
    except OSError as e:
        raise SourceError(name, f"cannot read ({e.strerror or _one_line(e)})") from None


def _read_capped(stream: IO, name: str, max_bytes: int, what: str = "file") -> bytes | str:
    """Read at most max_bytes; one byte more means too large. This also guards inputs whose
    size stat() cannot tell (stdin, pipes, devices) and files that grow while being read."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as e:
        raise SourceError(name, f"cannot read ({e.strerror or _one_line(e)})") from None
    if len(data) > max_bytes:
        raise SourceError(name, f"{what} too large (more than {_limit(max_bytes)} limit)")
    return data


def read_bytes(path: Path, name: str | None = None, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing directories and files over max_bytes before reading them."""
    name = name or str(path)
    st = _stat(path, name)
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(name, "is a directory")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise SourceError(name, f"file too large ({_size(st.st_size)} > {_limit(max_bytes)} limit)")
    with _open(path, name) as f:
        return _read_capped(f, name, max_bytes)


def _kind_for(path: Path) -> str | None:
    return ARTICLE_SUFFIXES.get(path.suffix.lower())


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


def split_front_matter(text: str) -> tuple[dict[str, Any] | None, str, list[str]]:
    """(front matter mapping or None, body, notes). Front matter that is not a YAML mapping
    is left in the body (with a note): a leading "---" may just be a horizontal rule.
    Raises `liqaa.front_matter.FrontMatterRefused` for front matter too large, nested too
    deeply or using YAML aliases: such a file is refused, not read."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return None, text, []
    import yaml  # small, but only needed when there is front matter

    from liqaa.front_matter import load_front_matter

    try:
        meta = load_front_matter(m.group(1)) if m.group(1).strip() else {}
    except yaml.YAMLError as e:
        return None, text, [f"front matter is not valid YAML, kept in the text ({_one_line(e)})"]
    if not isinstance(meta, dict):
        return None, text, ["front matter is not a YAML mapping, kept in the text"]
    return meta, text[m.end():].lstrip("\r\n"), []


_ATX_HEADING = re.compile(r"\A\s*#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def _text_item(text: str, *, id: str, source: str, kind: str, notes: list[str]) -> SourceItem:
    """A plain-text or Markdown article: front matter becomes metadata and leaves the text;
    Markdown syntax itself is kept so spans still index the text we return."""
    from liqaa.front_matter import FrontMatterRefused

    try:
        meta, body, fm_notes = split_front_matter(text)
    except FrontMatterRefused as e:
        raise SourceError(source, str(e)) from None
    notes = notes + fm_notes
    if not body.strip():
        raise SourceError(source, "empty file (front matter only)" if meta is not None else "empty file")
    meta = meta or {}
    title, url, date = meta.get("title"), meta.get("url"), None
    title = str(title).strip() if isinstance(title, (str, int, float)) and str(title).strip() else None
    url = url.strip() if isinstance(url, str) and url.strip() else None
    if meta.get("date") is not None:
        date, note = _metadata_date(meta["date"], "front matter date")
        notes += [note] if note else []
    if title is None and kind == "markdown":
        heading = _ATX_HEADING.match(body)  # a leading "# Heading" (kept in the text)
        title = heading.group(1) if heading else None
    return SourceItem(id=id, text=body, source=source, title=title, date=date, url=url,
                      kind=kind, notes=notes, offset=len(text) - len(body))


def markup_limit_problem(data: bytes, *, xml: bool) -> str | None:
    """Why an HTML page or an XML feed exceeds the markup parser's bounds, or None.

    libxml2 (through lxml, with huge_tree off: its default and trafilatura's) stops at 256
    nested elements and at a bounded entity expansion. It stops quietly, though, and what
    comes after the cut is lost; feedparser's pure-Python parsers have no bound at all and
    spend minutes on a few megabytes of nesting. So every page and feed is first parsed
    once by lxml, and one that meets a limit is refused with the reason, not half read."""
    from lxml import etree

    parser = (etree.XMLParser(recover=True, huge_tree=False, resolve_entities=False, no_network=True) if xml
              else etree.HTMLParser(recover=True, huge_tree=False, no_network=True, encoding="utf-8"))
    try:
        etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError):
        pass  # a page lxml cannot parse at all is judged by the parser that reads it
    for error in parser.error_log:
        if error.type_name == "ERR_RESOURCE_LIMIT":
            if "depth" in error.message.lower():
                return "markup nested too deeply (more than 256 elements inside one another)"
            return "markup exceeds the parser's limits (entity expansion or size)"
    return None


def extract_html(html: str, name: str, *, url: str | None = None) -> tuple[str, str | None, str | None, str | None]:
    """(text, title, date, canonical url) of an HTML page's main article, via trafilatura.
    Raises SourceError when the page has no article text or exceeds the markup parser's
    bounds (`markup_limit_problem`). Never fetches anything."""
    import trafilatura

    problem = markup_limit_problem(html.encode("utf-8", "replace"), xml=False)
    if problem:
        raise SourceError(name, f"HTML not read: {problem}")
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False,
            # Only dates the page states in its markup (meta tags, <time>): a date guessed
            # from the body text would pose as the document date of every claim in it.
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as e:  # lxml/trafilatura raise assorted errors on pathological markup
        raise SourceError(name, f"HTML could not be parsed ({_one_line(e)})") from None
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise SourceError(name, "HTML page has no article text")
    title = (doc.title or "").strip() or None
    return text, title, normalise_date(doc.date), (doc.url or None)


def _html_item(data_or_text: bytes | str, *, id: str, source: str, kind: str = "html",
               notes: list[str] | None = None, charset: str | None = None,
               url: str | None = None) -> SourceItem:
    notes = list(notes or [])
    if isinstance(data_or_text, bytes):
        html, decode_notes = decode_bytes(data_or_text, source, declared=charset or _html_charset(data_or_text))
        notes += decode_notes
    else:
        html = data_or_text
    if not html.strip():
        raise SourceError(source, "empty file")
    text, title, date, canonical = extract_html(html, source, url=url)
    return SourceItem(id=id, text=text, source=source, title=title, date=date,
                      url=url or canonical, kind=kind, notes=notes)


_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|div|p|meta|title)\b", re.I)


def looks_like_html(text: str) -> bool:
    """Whether text read from stdin (or a file without a known suffix) is an HTML page."""
    head = text.lstrip()[:4096]
    return head.startswith("<") and bool(_HTML_START.search(head))


def _document_item(data: bytes, *, id: str, source: str, kind: str | None) -> SourceItem:
    """One article from raw bytes; kind None means sniff HTML vs text."""
    if kind == "html":
        return _html_item(data, id=id, source=source)
    text, notes = decode_bytes(data, source, declared=_html_charset(data) if kind is None else None)
    if not text.strip():
        raise SourceError(source, "empty file")
    if kind is None and looks_like_html(text):
        text, title, date, canonical = extract_html(text, source)
        return SourceItem(id=id, text=text, source=source, title=title, date=date,
                          url=canonical, kind="html", notes=notes)
    return _text_item(text, id=id, source=source, kind=kind or "text", notes=notes)


def read_file(path: Path | str, *, max_bytes: int = MAX_BYTES) -> list[SourceItem]:
    """The article(s) in one file. Raises SourceError.

    .txt/.md/.markdown/.html/.htm give one item; other suffixes are sniffed (HTML or text).
    .jsonl gives one item a line and is strict here: the first bad line raises. Use
    `iter_jsonl` (or `iter_inputs`) to get per-line problems and keep the good lines.
    """
    name = str(path)
    path = Path(path)
    if _kind_for(path) == "jsonl":
        items = []
        for entry in iter_jsonl(path, name, max_bytes=max_bytes):
            if isinstance(entry, SourceProblem):
                raise SourceError(entry.source, entry.message)
            items.append(entry)
        return items
    return [_read_document(path, name, max_bytes)]


def _read_document(path: Path, name: str, max_bytes: int) -> SourceItem:
    """One article file; `name` is the path as the user gave it (the item's id)."""
    data = read_bytes(path, name, max_bytes=max_bytes)
    return _document_item(data, id=name, source=name, kind=_kind_for(path))


def read_stream(stream: TextIO | BinaryIO, *, id: str = "-", name: str = "<stdin>",
                max_bytes: int = MAX_BYTES) -> SourceItem:
    """One article from a stream (stdin), HTML or text detected from the content."""
    binary = getattr(stream, "buffer", stream)  # decode ourselves: BOMs, windows-1256
    data = _read_capped(binary, name, max_bytes, what="input")
    if isinstance(data, bytes):
        return _document_item(data, id=id, source=name, kind=None)
    if not data.strip():  # an already-decoded text stream (e.g. io.StringIO)
        raise SourceError(name, "empty file")
    if looks_like_html(data):
        return _html_item(data, id=id, source=name)
    return _text_item(data, id=id, source=name, kind="text", notes=[])


# --------------------------------------------------------------------------- JSONL

_LINE_TOO_LONG = object()


def _lines(stream: IO, limit: int) -> Iterator[Any]:
    """Lines of a byte or text stream, split on "\\n" only (a JSON string may contain
    U+2028, which str.splitlines would break on). A line over `limit` is skipped without
    being held in memory and reported as _LINE_TOO_LONG."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        newline = b"\n" if isinstance(line, bytes) else "\n"
        if len(line) > limit and not line.endswith(newline):
            while (rest := stream.readline(MB)) and not rest.endswith(newline):
                pass
            yield _LINE_TOO_LONG
        else:
            yield line


def _jsonl_entry(line: str, lineno: int, name: str) -> SourceItem | SourceProblem:
    where = f"{name}:{lineno}"

    def problem(what: str) -> SourceProblem:
        return SourceProblem(where, f"line {lineno}: {what}")

    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        return problem(f"not valid JSON ({e.msg} at column {e.colno})")
    except RecursionError:
        return problem("not valid JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return problem(f"expected a JSON object, got {_json_type(obj)}")
    if "text" not in obj or obj["text"] is None:
        return problem('no "text" field')
    text = obj["text"]
    if not isinstance(text, str):
        return problem(f'"text" must be a string, got {_json_type(text)}')
    if not text.strip():
        return problem('"text" is empty')

    notes: list[str] = []
    raw_id = obj.get("id")
    if isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip():
        item_id = str(raw_id)
    else:
        item_id = where
        if raw_id is not None:
            notes.append(f'"id" {_json_type(raw_id)} ignored, using {where}')

    def optional_string(key: str) -> str | None:
        value = obj.get(key)
        if value is None or (isinstance(value, str) and value.strip()):
            return value
        if not isinstance(value, str):
            notes.append(f'"{key}" must be a string, got {_json_type(value)}; ignored')
        return None

    title, url = optional_string("title"), optional_string("url")
    date, warnings = None, []
    if obj.get("date") not in (None, ""):
        date, note = _metadata_date(obj["date"], "date")
        # An unreadable date is a warning: the item is read as undated, which changes
        # the date its claims are judged at.
        (notes if date else warnings).extend([note] if note else [])
    return SourceItem(id=item_id, text=text, source=where, title=title, date=date,
                      url=url, kind="jsonl", notes=notes, warnings=warnings)


def iter_jsonl(path_or_stream: Path | str | TextIO | BinaryIO, name: str | None = None, *,
               max_bytes: int = MAX_BYTES) -> Iterator[SourceItem | SourceProblem]:
    """One SourceItem per JSON object line; a bad line yields a SourceProblem naming its
    line number and reading goes on. Blank lines are skipped. Raises SourceError when the
    file itself cannot be read (missing, binary, empty). `max_bytes` caps one line, not the
    file: batches are streamed and may be any size."""
    if isinstance(path_or_stream, (str, os.PathLike)):
        path = Path(path_or_stream)
        name = name or str(path_or_stream)
        if stat.S_ISDIR(_stat(path, name).st_mode):
            raise SourceError(name, "is a directory")
        with _open(path, name) as f:
            kind = _sniff_binary(f.read(SNIFF_BYTES))
            if kind is not None:
                raise SourceError(name, f"binary file, not JSONL ({kind})")
            f.seek(0)
            yield from _jsonl_stream(f, name, max_bytes)
    else:
        stream = getattr(path_or_stream, "buffer", path_or_stream)
        yield from _jsonl_stream(stream, name or "<stdin>", max_bytes)


def _jsonl_stream(stream: IO, name: str, max_line: int) -> Iterator[SourceItem | SourceProblem]:
    seen_any = False
    for lineno, line in enumerate(_lines(stream, max_line), 1):
        if line is _LINE_TOO_LONG:
            seen_any = True
            yield SourceProblem(f"{name}:{lineno}", f"line {lineno}: line too long (over {_limit(max_line)} limit)")
            continue
        if isinstance(line, bytes):
            if lineno == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            try:
                line = line.decode("utf-8")
            except UnicodeDecodeError as e:
                seen_any = True
                yield SourceProblem(f"{name}:{lineno}", f"line {lineno}: not UTF-8 (invalid byte 0x{line[e.start]:02x} at column {e.start + 1})")
                continue
        elif lineno == 1:
            line = line.removeprefix("\ufeff")
        if not line.strip():
            continue
        seen_any = True
        yield _jsonl_entry(line, lineno, name)
    if not seen_any:
        raise SourceError(name, "empty file")


# --------------------------------------------------------------------------- paths, dirs, stdin

def _guarded(entries: Iterable[SourceItem | SourceProblem]) -> Iterator[SourceItem | SourceProblem | SourceError]:
    """Yield a SourceError instead of raising it, so one bad input never stops the others."""
    try:
        yield from entries
    except SourceError as e:
        yield e


def _iter_directory(root: Path, name: str, max_bytes: int) -> Iterator[SourceItem | SourceProblem | SourceError]:
    """Every article file below root, sorted, skipping hidden files and directories."""
    errors: list[SourceError] = []

    def on_error(e: OSError) -> None:
        errors.append(SourceError(e.filename or name, "permission denied" if isinstance(e, PermissionError)
                                  else f"cannot read ({e.strerror or _one_line(e)})"))

    found = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found += [os.path.join(dirpath, f) for f in filenames
                  if not f.startswith(".") and _kind_for(Path(f)) is not None]
    yield from errors
    if not found:
        if not errors:
            yield SourceError(name.rstrip("/") + "/", "no articles found (looked for .txt .md .html .jsonl)")
        return
    for file in sorted(found):
        yield from _iter_file(Path(file), file, max_bytes)


def _iter_file(path: Path, name: str, max_bytes: int) -> Iterator[SourceItem | SourceProblem | SourceError]:
    lower = path.name.lower()
    if lower.endswith(WARC_SUFFIXES):
        yield from _guarded(iter_warc(path, name=name, max_bytes=max_bytes))
    elif lower.endswith(FEED_SUFFIXES):
        yield from _guarded(iter_feed(path, name, max_bytes=max_bytes))
    elif _kind_for(path) == "jsonl":
        yield from _guarded(iter_jsonl(path, name, max_bytes=max_bytes))
    else:
        try:
            yield _read_document(path, name, max_bytes)
        except SourceError as e:
            yield e


URL = re.compile(r"^https?://\S+$", re.I)


def iter_inputs(paths: Sequence[str], jsonl: Sequence[str] = (),
                stdin: TextIO | BinaryIO | None = None, *,
                max_bytes: int = MAX_BYTES, **fetch_options: Any) -> Iterator[SourceItem | SourceProblem | SourceError]:
    """Everything the user named, in order: files, "-" (stdin), directories, http(s) URLs
    (fetched safely by `iter_url`, with ``fetch_options`` such as allow_private and
    timeout), then JSONL batches (`jsonl`, "-" for stdin). Failures are yielded, never
    raised: a SourceError for an input that cannot be read at all, a SourceProblem for
    one bad item in it."""
    for p in paths:
        if URL.match(p):
            try:
                yield from iter_url(p, max_bytes=max_bytes, **fetch_options)
            except SourceError as e:
                yield e
            continue
        if p == "-":
            try:
                yield read_stream(stdin if stdin is not None else sys.stdin, max_bytes=max_bytes)
            except SourceError as e:
                yield e
            continue
        path = Path(p)
        try:
            is_dir = stat.S_ISDIR(_stat(path, p).st_mode)
        except SourceError as e:
            yield e
            continue
        if is_dir:
            yield from _iter_directory(path, p, max_bytes)
        else:
            yield from _iter_file(path, p, max_bytes)
    for j in jsonl:
        source = (stdin if stdin is not None else sys.stdin) if j == "-" else j
        yield from _guarded(iter_jsonl(source, "<stdin>" if j == "-" else j, max_bytes=max_bytes))


# --------------------------------------------------------------------------- feeds

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
               "section", "article", "figcaption", "pre", "ul", "ol", "table")


# Characters outside XML 1.0's Char production: lxml keeps them in parsed text, then
# refuses them (ValueError) when that text is assigned back to an element.
_NOT_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): block elements become line breaks,
    scripts and styles are dropped, runs of spaces collapse, control characters go."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in fragment:
        return " ".join(fragment.split())
    fragment = _NOT_XML_CHARS.sub("", fragment)
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    for el in root.iter("br", *_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _feed_date(entry: Any) -> str | None:
    """The entry's date as written (keeps its own calendar day; feedparser's *_parsed
    fields are converted to UTC, which can move an evening article to the next day)."""
    for key in ("published", "updated", "created"):
        date = normalise_date(entry.get(key))
        if date:
            return date
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return dt.date(*parsed[:3]).isoformat()
    return None


def _feed_text(entry: Any) -> tuple[str, str | None]:
    """(text, note): the fullest body the entry carries, stripped of markup."""
    candidates = [(c.get("value") or "", c.get("type") or "text/html", None) for c in entry.get("content") or []]
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html", "text from the feed summary"))
    for value, mime, note in sorted(candidates, key=lambda c: -len(c[0])):
        text = html_fragment_text(value) if "html" in mime else value.strip()
        if text:
            return text, note
    return "", None


def iter_feed(data_or_path: bytes | str | Path, name: str | None = None, *,
              max_bytes: int = MAX_BYTES) -> Iterator[SourceItem | SourceProblem]:
    """One SourceItem per RSS/Atom entry (title, link, date, text of content or summary).
    `data_or_path` is the feed document (bytes or str) or a Path to a file; a str is always
    content, never a URL, so feedparser never goes to the network. Raises SourceError for
    a document that is not a feed; an entry without text is a SourceProblem."""
    import feedparser

    if isinstance(data_or_path, Path):
        name = name or str(data_or_path)
        data = read_bytes(data_or_path, name, max_bytes=max_bytes)
    else:
        name = name or "<feed>"
        data = data_or_path.encode("utf-8") if isinstance(data_or_path, str) else data_or_path
    if not data.strip():
        raise SourceError(name, "empty file")
    problem = markup_limit_problem(data, xml=True)
    if problem:
        raise SourceError(name, f"feed not read: {problem}")
    try:
        # No sanitising or URI rewriting: entries' markup is reduced to text here
        # (html_fragment_text), and feedparser's sanitiser is slow on large entries.
        feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except Exception as e:  # feedparser is lenient but its XML back ends can still raise
        raise SourceError(name, f"not a valid RSS/Atom feed ({_one_line(e)})") from None
    if not feed.entries:
        if feed.get("bozo"):
            raise SourceError(name, f"not a valid RSS/Atom feed ({_one_line(feed.get('bozo_exception', 'parse error'))})")
        if not feed.get("version"):
            raise SourceError(name, "not an RSS/Atom feed")
        return
    # A feed that is malformed but still yields entries (feedparser is lenient) is read,
    # and each item says so.
    damaged = [f"malformed feed read leniently ({_one_line(feed['bozo_exception'])})"] if feed.get("bozo") else []
    for n, entry in enumerate(feed.entries, 1):
        where = f"{name}#{n}"
        title = " ".join((entry.get("title") or "").split()) or None
        text, note = _feed_text(entry)
        if not text:
            label = f" ({title})" if title else ""
            yield SourceProblem(where, f"entry {n}{label} has no text")
            continue
        link = entry.get("link") or None
        yield SourceItem(id=entry.get("id") or link or where, text=text, source=where, title=title,
                         date=_feed_date(entry), url=link, kind="feed",
                         notes=damaged + ([note] if note else []))


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and any(tag in data[:4096].lower() for tag in (b"<rss", b"<feed", b"<rdf:rdf"))


# --------------------------------------------------------------------------- WARC

class _Truncated(Exception):
    """A WARC record shorter than its declared length (the download was cut off)."""


def _cut_short(record: Any) -> bool:
    """Whether a record's block ended before its declared Content-Length. warcio reads
    records through a LimitReader and, on a cut-off file, simply stops early: the bytes
    still owed are the only trace of the truncation."""
    return getattr(record.raw_stream, "limit", 0) > 0


def _warc_record(record: Any, n: int, name: str, max_bytes: int) -> SourceItem | SourceProblem | None:
    """The article in one WARC record, a problem, or None for records that are not HTML
    pages (requests, metadata, images, redirects...). Raises _Truncated for a record cut
    short, so that no item is built from half a page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    media, charset = _content_type(record.http_headers.get_header("Content-Type"))
    if not status.startswith("2") or media not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{name}#{n}"
    where = f"{name}#{n}"
    data = record.content_stream().read(max_bytes + 1)
    if len(data) > max_bytes:
        return SourceProblem(where, f"record {n} ({uri}): response too large (over {_limit(max_bytes)} limit)")
    if _cut_short(record):
        raise _Truncated(f"record {n} ({uri}): truncated record")
    try:
        item = _html_item(data, id=uri, source=where, kind="warc", charset=charset, url=uri)
    except SourceError as e:
        return SourceProblem(where, f"record {n} ({uri}): {e.reason}")
    item.fetched = record.rec_headers.get_header("WARC-Date")
    return item


def _looks_like_warc(head: bytes) -> bool:
    """Whether a file starts like a WARC (or ARC), possibly gzipped. warcio itself takes
    almost anything for a (damaged) record, so this is what tells a file that is no
    archive at all (an error) from a damaged archive (a problem in some record)."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith((b"WARC/", b"filedesc://"))


def iter_warc(path: Path | str, *, name: str | None = None,
              max_bytes: int = MAX_BYTES) -> Iterator[SourceItem | SourceProblem]:
    """One SourceItem per HTML response record of a WARC file (.warc or .warc.gz); other
    records are skipped. A truncated or corrupt record yields one SourceProblem and ends
    the iteration: nothing after it can be located reliably. Raises SourceError when the
    file is not a WARC. `max_bytes` caps one record's payload, not the archive."""
    from warcio.archiveiterator import ArchiveIterator

    path = Path(path)
    name = name or str(path)
    st = _stat(path, name)
    if stat.S_ISDIR(st.st_mode):
        raise SourceError(name, "is a directory")
    if st.st_size == 0:
        raise SourceError(name, "empty file")

    def damaged(n: int, detail: str) -> SourceProblem:
        return SourceProblem(f"{name}#{n}", f"record {n}: truncated or corrupt record ({detail}), stopped reading")

    with _open(path, name) as f:
        if not _looks_like_warc(f.read(SNIFF_BYTES)):
            raise SourceError(name, "not a WARC file (no WARC/1.x header at the start)")
        f.seek(0)
        archive = ArchiveIterator(f)
        records = iter(archive)
        n, previous = 0, None
        while True:
            # warcio signals damaged input with a zoo of exception types (ArchiveLoadFailed,
            # EOFError, zlib.error, AttributeError from half-parsed headers...), and some
            # damage with none at all; every case ends here as one problem.
            try:
                record = next(records)
            except StopIteration:
                record = None
            except Exception as e:
                yield damaged(n + 1, _one_line(e))
                return
            if previous is not None and _cut_short(previous):  # a skipped record cut short
                yield damaged(n, "shorter than its Content-Length")
                return
            if record is None:
                if getattr(archive, "offset", st.st_size) < st.st_size:  # bytes left unparsed
                    yield damaged(n + 1, f"unreadable data at offset {archive.offset}")
                return
            n += 1
            if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
                yield damaged(n, "no valid Content-Length")
                return
            try:
                entry = _warc_record(record, n, name, max_bytes)
            except _Truncated as e:
                yield SourceProblem(f"{name}#{n}", f"{e}, stopped reading")
                return
            except Exception as e:  # decoding a damaged payload (chunked, gzip) failed
                yield damaged(n, _one_line(e))
                return
            if entry is not None:
                yield entry
            previous = record


# --------------------------------------------------------------------------- web

def user_agent() -> str:
    try:
        from importlib.metadata import version
        v = version("liqaa")
    except Exception:  # running from a source tree that is not installed
        v = "0"
    return f"liqaa/{v} (+https://github.com/liqaa)"


def _content_type(header: str | None) -> tuple[str, str | None]:
    """(media type in lower case, charset or None) from a Content-Type header."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    m = re.search(r"charset\s*=\s*[\"']?([^\"';\s]+)", params, re.I)
    return media.strip().lower(), (m.group(1) if m else None)


def _address_problem(address: str) -> str | None:
    """Why an IP address must not be fetched (SSRF guard), or None if it is public."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return "not an IP address"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    # Most specific first: 0.0.0.0 and 127.0.0.1 are also "private" to the ipaddress module.
    for attribute, label in (("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"),
                             ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
                             ("is_private", "a private"), ("is_reserved", "a reserved")):
        if getattr(ip, attribute):
            return f"{label} address"
    return None if ip.is_global else "not a public address"


def _system_resolve(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)})


def _target_problem(url: str, *, allow_private: bool, resolve: Callable[[str], list[str]]) -> str | None:
    """Why `url` must not be fetched, or None: not http(s), no host, or a host that is or
    resolves to a non-public address. Checked on the first URL and on every redirect hop.
    (A host that changes its DNS answer between this check and the connection can still
    slip through; closing that gap would need a transport that pins the checked address.)"""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme or '(none)'!r} (only http and https)"
    host = parts.hostname
    if not host:
        return "URL has no host"
    if allow_private:
        return None
    try:
        addresses = [str(ipaddress.ip_address(host))]
    except ValueError:
        try:
            addresses = resolve(host)
        except (OSError, UnicodeError) as e:
            return f"cannot resolve host {host} ({_one_line(e)})"
    for address in addresses:
        problem = _address_problem(address)
        if problem:
            return f"{host} is {problem} ({address}); use --allow-private to allow it"
    return None


@dataclass
class Fetched:
    """A fetched HTTP response body, capped in size."""
    url: str                 # final URL, after redirects
    status: int
    content_type: str        # media type, lower case, without parameters
    charset: str | None
    data: bytes
    fetched: str             # ISO 8601 UTC timestamp of the response
    redirects: list[str] = field(default_factory=list)


_REDIRECTS = {301, 302, 303, 307, 308}


def _get_once(client: Any, url: str, label: str, timeout: float, max_bytes: int) -> tuple[int, Any, bytes, str]:
    """One GET without following redirects; the body is streamed and cut at max_bytes."""
    with client.stream("GET", url, headers={"User-Agent": user_agent()},
                       timeout=timeout, follow_redirects=False) as response:
        if response.status_code in _REDIRECTS or response.status_code >= 400:
            return response.status_code, response.headers, b"", response.reason_phrase
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise SourceError(label, f"response too large ({_size(int(declared))} > {_limit(max_bytes)} limit)")
        chunks, total = [], 0
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > max_bytes:  # stop here: the rest is never downloaded
                raise SourceError(label, f"response too large (more than {_limit(max_bytes)} limit)")
            chunks.append(chunk)
        return response.status_code, response.headers, b"".join(chunks), response.reason_phrase


def _get(client: Any, url: str, label: str, *, timeout: float, max_bytes: int,
         retries: int, backoff: float) -> tuple[int, Any, bytes]:
    """GET with up to `retries` retries, backing off exponentially, on connection failures,
    5xx and 429: those are often transient. A timeout is not retried: the caller asked for
    an answer within `timeout` seconds, not within four times that."""
    import httpx

    failure = ""
    for attempt in range(retries + 1):
        if attempt:
            time.sleep(backoff * 2 ** (attempt - 1))
        try:
            status, headers, body, reason = _get_once(client, url, label, timeout, max_bytes)
        except httpx.TimeoutException:  # before TransportError: it is a subclass
            raise SourceError(label, f"timed out after {timeout:g} s") from None
        except httpx.TransportError as e:
            failure = f"cannot connect ({_one_line(e)})"
            continue
        except httpx.HTTPError as e:
            raise SourceError(label, f"HTTP error ({_one_line(e)})") from None
        if status >= 500 or status == 429:
            failure = f"HTTP {status} {reason}".rstrip()
            continue
        if status >= 400:
            raise SourceError(label, f"HTTP {status} {reason}".rstrip())
        return status, headers, body
    raise SourceError(label, f"{failure}, after {retries} retries" if retries else failure)


def fetch(url: str, *, timeout: float = 10, max_bytes: int = MAX_BYTES, allow_private: bool = False,
          client: Any = None, retries: int = 3, backoff: float = 0.5,
          resolve: Callable[[str], list[str]] | None = None) -> Fetched:
    """GET an http(s) URL safely: redirects followed by hand (at most 5) so that every hop
    is checked against private/loopback addresses; body capped at max_bytes while
    streaming; retries with backoff. `client` is an httpx.Client (tests pass one with a
    MockTransport); `resolve` maps a host name to its addresses (default: the system
    resolver). Raises SourceError."""
    import httpx

    resolve = resolve or _system_resolve
    own_client = client is None
    try:
        if own_client:
            client = httpx.Client(timeout=timeout, follow_redirects=False)
        current, redirects = url, []
        while True:
            problem = _target_problem(current, allow_private=allow_private, resolve=resolve)
            if problem:
                raise SourceError(url, f"redirect to {current} refused: {problem}" if redirects else problem)
            status, headers, body = _get(client, current, url, timeout=timeout, max_bytes=max_bytes,
                                         retries=retries, backoff=backoff)
            if status not in _REDIRECTS:
                break
            if len(redirects) == MAX_REDIRECTS:
                raise SourceError(url, f"too many redirects (more than {MAX_REDIRECTS})")
            location = headers.get("Location")
            if not location:
                raise SourceError(url, f"HTTP {status} redirect without a Location header")
            current = urljoin(current, location)
            redirects.append(current)
    except httpx.InvalidURL as e:
        raise SourceError(url, f"invalid URL ({_one_line(e)})") from None
    finally:
        if own_client and client is not None:
            client.close()
    media, charset = _content_type(headers.get("Content-Type"))
    now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    return Fetched(url=current, status=status, content_type=media, charset=charset,
                   data=body, fetched=now, redirects=redirects)


def _fetched_item(page: Fetched, url: str) -> SourceItem:
    notes = [f"redirected to {page.url}"] if page.redirects else []
    media = page.content_type
    if media in HTML_TYPES or (not media and looks_like_html(page.data[:4096].decode("utf-8", "replace"))):
        item = _html_item(page.data, id=url, source=url, kind="url", notes=notes,
                          charset=page.charset, url=page.url)
    elif media == "text/plain":
        text, decode_notes = decode_bytes(page.data, url, declared=page.charset)
        if not text.strip():
            raise SourceError(url, "empty response")
        item = SourceItem(id=url, text=text, source=url, url=page.url, kind="url", notes=notes + decode_notes)
    elif media in FEED_TYPES or _looks_like_feed(page.data):
        raise SourceError(url, f"is a feed ({media or 'XML'}), not an article page")
    else:
        raise SourceError(url, f"not an article (content type {media or 'unknown'})")
    item.fetched = page.fetched
    return item


def fetch_url(url: str, *, timeout: float = 10, max_bytes: int = MAX_BYTES, allow_private: bool = False,
              client: Any = None, retries: int = 3, backoff: float = 0.5,
              resolve: Callable[[str], list[str]] | None = None) -> SourceItem:
    """The article at an http(s) URL (HTML through trafilatura, or plain text). See
    `fetch` for the safety rules. Raises SourceError, e.g. for a feed (use `iter_url`)."""
    page = fetch(url, timeout=timeout, max_bytes=max_bytes, allow_private=allow_private,
                 client=client, retries=retries, backoff=backoff, resolve=resolve)
    return _fetched_item(page, url)


def iter_url(url: str, **options: Any) -> Iterator[SourceItem | SourceProblem]:
    """The items at a URL: every entry of an RSS/Atom feed, or the one article of a page.
    Takes the options of `fetch`. Raises SourceError."""
    page = fetch(url, **options)
    if page.content_type in FEED_TYPES or _looks_like_feed(page.data):
        yield from iter_feed(page.data, url)
    else:
        yield _fetched_item(page, url)
