# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Compiled versions of the text layer's per-character loops.

Every function here has a pure-Python twin in ``liqaa.text``, ``liqaa.gazetteer`` or
``liqaa.claims`` that defines its meaning; tests/test_speedups.py holds the two to the same output. liqaa runs
without this module (``pip install`` on a machine without a C compiler skips it, and
``LIQAA_PURE_PYTHON=1`` turns it off); it only makes the single pass several times faster.
"""

from cpython.mem cimport PyMem_Malloc, PyMem_Realloc, PyMem_Free
from cpython.unicode cimport (Py_UNICODE_ISALNUM, Py_UNICODE_ISALPHA, Py_UNICODE_ISDIGIT,
                              Py_UNICODE_ISLOWER, Py_UNICODE_ISSPACE, Py_UNICODE_TOLOWER)
from libc.stdint cimport int32_t, uint16_t
from libc.stdlib cimport qsort
from libc.string cimport memcpy, memset


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND
    int PyUnicode_KIND(object text)
    void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, void *data, Py_ssize_t index) nogil


# --- folding ------------------------------------------------------------------------

cdef enum:
    TABLE_SIZE = 0x10000   # the fold table covers every code point the pure-Python one maps

cdef Py_UCS4 _table[TABLE_SIZE]        # code point -> its lowercase, folded
cdef unsigned char _rare[TABLE_SIZE]    # 1: the text goes to the Python path; 2: expands (NFKC)
cdef bint _table_ready = False
cdef dict _expansions = {}


def set_fold_table(dict table, rare, dict expansions):
    """Install the length-preserving fold table (code point -> one character), the code
    points the compiled fold leaves to Python, and the expansions of presentation forms
    (code point -> the characters NFKC gives)."""
    global _table_ready, _expansions
    cdef Py_ssize_t i
    cdef long lowered
    for i in range(TABLE_SIZE):
        _table[i] = Py_UNICODE_TOLOWER(<Py_UCS4>i)
        _rare[i] = 0
    # Lowercase first, then the table: what str.lower() followed by the replacements does.
    for i in range(TABLE_SIZE):
        lowered = <long>_table[i]
        if lowered in table:
            _table[i] = ord(table[lowered])
    for i in rare:
        _rare[i] = 1
    for i in expansions:
        _rare[i] = 2
    _expansions = {code: [<long>_fold_char(ord(ch)) for ch in chars] for code, chars in expansions.items()}
    _table_ready = True


cdef inline Py_UCS4 _fold_char(Py_UCS4 c) noexcept:
    return _table[c] if c < TABLE_SIZE else Py_UNICODE_TOLOWER(c)


cdef class _Buffer:
    """The folded characters and, for each, the index of the original character."""
    cdef Py_UCS4 *chars
    cdef Py_ssize_t *origin
    cdef Py_ssize_t size, capacity

    def __cinit__(self, Py_ssize_t capacity):
        self.capacity = capacity + 16
        self.size = 0
        self.chars = <Py_UCS4 *>PyMem_Malloc(self.capacity * sizeof(Py_UCS4))
        self.origin = <Py_ssize_t *>PyMem_Malloc(self.capacity * sizeof(Py_ssize_t))
        if self.chars == NULL or self.origin == NULL:
            raise MemoryError()

    def __dealloc__(self):
        PyMem_Free(self.chars)
        PyMem_Free(self.origin)

    cdef int push(self, Py_UCS4 c, Py_ssize_t origin) except -1:
        if self.size == self.capacity:
            self.capacity *= 2
            self.chars = <Py_UCS4 *>PyMem_Realloc(self.chars, self.capacity * sizeof(Py_UCS4))
            self.origin = <Py_ssize_t *>PyMem_Realloc(self.origin, self.capacity * sizeof(Py_ssize_t))
            if self.chars == NULL or self.origin == NULL:
                raise MemoryError()
        self.chars[self.size] = c
        self.origin[self.size] = origin
        self.size += 1
        return 0


def fold(str text):
    """(normalised, starts, shifts) with the meaning of ``liqaa.text.normalize_with_map``:
    offsets[i] = i + shifts[k] for the last k with starts[k] <= i; starts and shifts are
    None when every character stayed where it was. None when the text holds a character
    only the Python path handles."""
    if not _table_ready:
        return None
    cdef Py_ssize_t n = len(text), i
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef bint edits = False
    cdef Py_UCS4 *chars = <Py_UCS4 *>PyMem_Malloc((n + 1) * sizeof(Py_UCS4))
    if chars == NULL:
        raise MemoryError()
    try:
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            if c < TABLE_SIZE:
                if _rare[c]:
                    return None if _rare[c] == 1 else _fold_expanding(text)
                c = _table[c]
            else:
                c = Py_UNICODE_TOLOWER(c)
            chars[i] = c
            if c == 0 or (c == 32 and i and chars[i - 1] == 32):
                edits = True
        if not edits:
            return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, n), None, None
        return _remove_runs(chars, NULL, n)
    finally:
        PyMem_Free(chars)


cdef object _fold_expanding(str text):
    """The fold of a text with presentation forms, which grow into several characters:
    each folded character remembers the original one it came from."""
    cdef Py_ssize_t n = len(text), i
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    cdef _Buffer buf = _Buffer(n)
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if c < TABLE_SIZE and _rare[c]:
            if _rare[c] == 1:
                return None
            for code in _expansions[<long>c]:
                buf.push(<Py_UCS4>code, i)
        else:
            buf.push(_fold_char(c), i)
    return _remove_runs(buf.chars, buf.origin, buf.size)


cdef object _remove_runs(Py_UCS4 *chars, Py_ssize_t *origin, Py_ssize_t n):
    """Runs of dropped marks (NUL) go after a letter, runs of spaces keep one (the
    rules of _normalize_core), in place; then the offset map as steps. ``origin`` is NULL
    when character i came from original character i."""
    cdef Py_ssize_t i = 0, j, e, out = 0, last_shift = 0, shift
    cdef Py_UCS4 c
    starts, shifts = [0], [0]
    while i < n:
        c = chars[i]
        if c == 0 or (c == 32 and i + 1 < n and chars[i + 1] == 32):
            e = i + 1
            while e < n and chars[e] == c:
                e += 1
            if c == 32:
                chars[out] = 32
                shift = (origin[i] if origin != NULL else i) - out
                if shift != last_shift:   # _step only where the map changes: most characters keep it
                    _step(origin, i, out, &last_shift, starts, shifts)
                out += 1
            elif not (0 < i and Py_UNICODE_ISALNUM(chars[i - 1])):
                for j in range(i, e):  # marks that follow no letter stay, as NUL
                    chars[out] = 0
                    shift = (origin[j] if origin != NULL else j) - out
                    if shift != last_shift:
                        _step(origin, j, out, &last_shift, starts, shifts)
                    out += 1
            i = e
            continue
        chars[out] = c
        shift = (origin[i] if origin != NULL else i) - out
        if shift != last_shift:
            _step(origin, i, out, &last_shift, starts, shifts)
        out += 1
        i += 1
    norm = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars, out)
    if len(starts) == 1 and shifts[0] == 0:
        return norm, None, None
    return norm, starts, shifts


cdef inline int _step(Py_ssize_t *origin, Py_ssize_t source, Py_ssize_t out, Py_ssize_t *last_shift,
                      list starts, list shifts) except -1:
    """Record a step of the offset map where the distance to the original changes."""
    cdef Py_ssize_t shift = (origin[source] if origin != NULL else source) - out
    if shift != last_shift[0]:
        if out == 0:
            shifts[0] = shift
        else:
            starts.append(out)
            shifts.append(shift)
        last_shift[0] = shift
    return 0


# --- gazetteer scan -------------------------------------------------------------------

cdef enum:
    ROOT_DIRECT = 0x800   # children of the root for Latin and Arabic letters: a plain array

cdef unsigned char _alnum[TABLE_SIZE]
cdef Py_ssize_t _code
for _code in range(TABLE_SIZE):
    _alnum[_code] = Py_UNICODE_ISALNUM(<Py_UCS4>_code)


cdef inline bint _is_alnum(Py_UCS4 c) noexcept:
    return _alnum[c] if c < TABLE_SIZE else Py_UNICODE_ISALNUM(c)


cdef enum:
    MAX_PROCLITIC = 4      # letters
    PROCLITIC_CODES = 2401  # 7 ** MAX_PROCLITIC: a proclitic string as a base-7 number

cdef unsigned char _proclitic[PROCLITIC_CODES]


cdef inline int _proclitic_letter(Py_UCS4 c) noexcept:
    # و ف ب ل ك ا: every proclitic string (و، فب، وال، فلل ...) is spelled with these.
    if c == 0x0648: return 1
    if c == 0x0641: return 2
    if c == 0x0628: return 3
    if c == 0x0644: return 4
    if c == 0x0643: return 5
    if c == 0x0627: return 6
    return 0


def set_proclitics(proclitics):
    """The proclitic strings a key may follow inside a word (any of its readings')."""
    cdef int code, letter
    memset(_proclitic, 0, PROCLITIC_CODES)
    for p in proclitics:
        code = 0
        if len(p) > MAX_PROCLITIC:
            raise ValueError(f"proclitic longer than {MAX_PROCLITIC} letters: {p!r}")
        for ch in p:
            letter = _proclitic_letter(ord(ch))
            if not letter:
                raise ValueError(f"not a proclitic letter: {ch!r}")
            code = code * 7 + letter
        _proclitic[code] = 1


cdef struct Node:
    int32_t first     # index of the first child; children are contiguous, sorted by label
    int32_t value     # key index, or -1
    uint16_t label    # the character leading here from the parent
    uint16_t children


cdef class Trie:
    """A character trie over the gazetteer's keys, walked only from the positions where a
    hit can begin (word starts, and inside a word after proclitic letters): the same
    accepted hits as iterating the Aho-Corasick automaton over every position and
    filtering each hit.

    Nodes are numbered level by level in key order, so the children of a node sit side by
    side in one array: a step is a short scan of neighbouring nodes, which keeps the walk
    in cache (a hash of edges was four times slower on news text)."""

    cdef Node *nodes
    cdef int32_t *root
    cdef unsigned char *proclitic_ok
    cdef Py_ssize_t n_nodes
    cdef list values

    def __cinit__(self, list keys, list values, bytes packed=None):
        """``values[i]`` is what a hit of ``keys[i]`` yields; its fourth item (the readings
        after proclitics) says whether the key may start inside a word. ``packed`` is the
        node table of a pickled trie (then ``keys`` is empty)."""
        cdef Py_ssize_t i, d, depth = 0
        cdef str key, prefix
        self.values = values
        if packed is not None:
            self._unpack(packed)
            return
        for key in keys:
            if any(ord(ch) >= TABLE_SIZE for ch in key):
                raise ValueError(f"key with a character beyond the Basic Multilingual Plane: {key!r}")
            depth = max(depth, len(key))
        index_of = {key: i for i, key in enumerate(keys)}
        levels = [[""]]
        for d in range(1, depth + 1):
            levels.append(sorted({key[:d] for key in keys if len(key) >= d}))
        self.n_nodes = sum(len(level) for level in levels)
        self.nodes = <Node *>PyMem_Malloc(self.n_nodes * sizeof(Node))
        self.root = <int32_t *>PyMem_Malloc(ROOT_DIRECT * sizeof(int32_t))
        self.proclitic_ok = <unsigned char *>PyMem_Malloc(len(keys) + 1)
        if not (self.nodes and self.root and self.proclitic_ok):
            raise MemoryError()
        for i in range(len(keys)):
            self.proclitic_ok[i] = 1 if values[i][3] else 0
        for i in range(ROOT_DIRECT):
            self.root[i] = -1
        node_id = {}
        i = 0
        for level in levels:
            for prefix in level:
                node_id[prefix] = i
                self.nodes[i].first = -1
                self.nodes[i].children = 0
                self.nodes[i].value = index_of.get(prefix, -1) if prefix else -1
                self.nodes[i].label = ord(prefix[len(prefix) - 1]) if prefix else 0
                i += 1
        for level in levels[1:]:
            for prefix in level:
                parent = <Py_ssize_t>node_id[prefix[:len(prefix) - 1]]
                if self.nodes[parent].children == 0:
                    self.nodes[parent].first = node_id[prefix]
                self.nodes[parent].children += 1
                if len(prefix) == 1 and ord(prefix) < ROOT_DIRECT:
                    self.root[ord(prefix)] = node_id[prefix]

    def __dealloc__(self):
        PyMem_Free(self.nodes)
        PyMem_Free(self.root)
        PyMem_Free(self.proclitic_ok)

    def __reduce__(self):
        # The node table as bytes: unpickling is a copy, building anew takes 0.2 s. The
        # values are the gazetteer's own list, so pickled once with it.
        packed = ((<char *>self.nodes)[:self.n_nodes * sizeof(Node)]
                  + (<char *>self.root)[:ROOT_DIRECT * sizeof(int32_t)]
                  + (<char *>self.proclitic_ok)[:len(self.values)])
        return Trie, ([], self.values, packed)

    cdef _unpack(self, bytes packed):
        cdef Py_ssize_t node_bytes = len(packed) - ROOT_DIRECT * sizeof(int32_t) - len(self.values)
        cdef const char *data = packed
        if node_bytes < 0 or node_bytes % sizeof(Node):
            raise ValueError("not a packed trie")
        self.n_nodes = node_bytes // sizeof(Node)
        self.nodes = <Node *>PyMem_Malloc(node_bytes)
        self.root = <int32_t *>PyMem_Malloc(ROOT_DIRECT * sizeof(int32_t))
        self.proclitic_ok = <unsigned char *>PyMem_Malloc(len(self.values) + 1)
        if not (self.nodes and self.root and self.proclitic_ok):
            raise MemoryError()
        memcpy(self.nodes, data, node_bytes)
        memcpy(self.root, data + node_bytes, ROOT_DIRECT * sizeof(int32_t))
        memcpy(self.proclitic_ok, data + node_bytes + ROOT_DIRECT * sizeof(int32_t), len(self.values))

    cdef inline int32_t _child(self, int32_t node, Py_UCS4 c) noexcept:
        if node == 0 and c < ROOT_DIRECT:
            return self.root[c]
        cdef Node *parent = &self.nodes[node]
        cdef int32_t k = parent.first, last = parent.first + parent.children, mid
        while last - k > 8:  # the root's many children: bisect
            mid = (k + last) // 2
            if self.nodes[mid].label < c:
                k = mid + 1
            else:
                last = mid + 1
                if self.nodes[mid].label == c:
                    return mid
        while k < last:
            if self.nodes[k].label >= c:
                return k if self.nodes[k].label == c else -1
            k += 1
        return -1

    def scan(self, str text, str norm, starts, shifts, Py_ssize_t longest_proclitic):
        """Accepted hits over the normalised text: every key occurrence that ends at a
        word boundary and starts at a word start, or within a word after at most
        ``longest_proclitic`` proclitic letters when the key may follow a proclitic. Each
        is (start, end, value, proclitic letters, original start, original end) in order
        of start; the original span (through the offset map given as starts/shifts, None
        for the identity) takes in the marks that trail its last letter."""
        cdef Py_ssize_t n = len(norm), text_len = len(text), i, j, word_start = 0, step = 0
        cdef Py_ssize_t n_steps = len(starts) if starts is not None else 0, ostart, oend
        cdef Py_UCS4 c
        cdef int32_t node, value
        cdef bint inside, prev_alnum = False, alnum, walk
        cdef int prefix = -1, letter   # the letters of the word so far as a proclitic code
        cdef int kind = PyUnicode_KIND(norm), text_kind = PyUnicode_KIND(text)
        cdef void *data = PyUnicode_DATA(norm)
        cdef void *text_data = PyUnicode_DATA(text)
        hits = []
        for i in range(n):
            c = PyUnicode_READ(kind, data, i)
            alnum = _is_alnum(c)
            inside = alnum and prev_alnum
            prev_alnum = alnum
            if inside:
                # A key starts inside a word only after a proclitic string (وال، لل، ب ...).
                walk = prefix >= 0 and i - word_start <= longest_proclitic and _proclitic[prefix]
                letter = _proclitic_letter(c)
                prefix = prefix * 7 + letter if prefix >= 0 and letter and i - word_start < MAX_PROCLITIC else -1
                if not walk:
                    continue
            else:
                if alnum:
                    word_start = i
                letter = _proclitic_letter(c) if alnum else 0
                prefix = letter if letter else -1
            node = self._child(0, c)
            j = i + 1
            while node >= 0:
                value = self.nodes[node].value
                if value >= 0 and (j == n or not _is_alnum(PyUnicode_READ(kind, data, j))) and (
                        not inside or self.proclitic_ok[value]):
                    if n_steps:
                        step = _step_at(starts, n_steps, step, i)   # hits come in order of start
                        ostart = i + <Py_ssize_t>shifts[step]
                        oend = j + <Py_ssize_t>shifts[_step_at(starts, n_steps, step, j - 1)]
                    else:
                        ostart, oend = i, j
                    while oend < text_len and _is_mark(PyUnicode_READ(text_kind, text_data, oend)):
                        oend += 1
                    hits.append((i, j, self.values[value], norm[word_start:i] if inside else "", ostart, oend))
                if j == n:
                    break
                node = self._child(node, PyUnicode_READ(kind, data, j))
                j += 1
        return hits


cdef inline Py_ssize_t _step_at(list starts, Py_ssize_t n_steps, Py_ssize_t step, Py_ssize_t i) except -1:
    """The step of the offset map in force at position i, searching on from ``step``."""
    while step + 1 < n_steps and <Py_ssize_t>starts[step + 1] <= i:
        step += 1
    return step


cdef unsigned char _mark[TABLE_SIZE]


def set_marks(marks):
    """The characters that belong to the letter before them (tashkeel, tatweel ...)."""
    for ch in marks:
        if ord(ch) < TABLE_SIZE:
            _mark[ord(ch)] = 1


cdef inline bint _is_mark(Py_UCS4 c) noexcept:
    return c < TABLE_SIZE and _mark[c]


cdef struct Span:
    Py_ssize_t start, end, index


cdef int _longer_first(const void *a, const void *b) noexcept nogil:
    cdef const Span *x = <const Span *>a
    cdef const Span *y = <const Span *>b
    cdef Py_ssize_t lx = x.end - x.start, ly = y.end - y.start
    if lx != ly:
        return -1 if lx > ly else 1
    if x.start != y.start:
        return -1 if x.start < y.start else 1
    return -1 if x.index < y.index else (1 if x.index > y.index else 0)


cdef int _earlier_first(const void *a, const void *b) noexcept nogil:
    cdef const Span *x = <const Span *>a
    cdef const Span *y = <const Span *>b
    if x.start != y.start:
        return -1 if x.start < y.start else 1
    return -1 if x.index < y.index else (1 if x.index > y.index else 0)


def longest_first(list mentions):
    """The longest of overlapping mentions (greedy by length, then position), in text
    order: ``liqaa.gazetteer._longest_first``."""
    cdef Py_ssize_t count = len(mentions), i, k, lo, hi, kept = 0
    cdef bint ordered = True
    if count < 2:
        return mentions
    cdef Span *spans = <Span *>PyMem_Malloc(count * sizeof(Span))
    if spans == NULL:
        raise MemoryError()
    cdef unsigned char *occupied = NULL
    try:
        for i in range(count):
            m = mentions[i]
            spans[i].start, spans[i].end, spans[i].index = m.nstart, m.nend, i
            # Mentions side by side with no overlap (most) are kept as they are.
            if i and (spans[i].start < spans[i - 1].end or spans[i].start < spans[i - 1].start):
                ordered = False
        if ordered:
            return mentions
        lo, hi = spans[0].start, spans[0].end
        for i in range(count):
            lo = min(lo, spans[i].start)
            hi = max(hi, spans[i].end)
        occupied = <unsigned char *>PyMem_Malloc(hi - lo + 1)
        if occupied == NULL:
            raise MemoryError()
        memset(occupied, 0, hi - lo + 1)
        qsort(spans, count, sizeof(Span), _longer_first)
        for i in range(count):
            for k in range(spans[i].start - lo, spans[i].end - lo):
                if occupied[k]:
                    break
            else:
                memset(occupied + spans[i].start - lo, 1, spans[i].end - spans[i].start)
                spans[kept] = spans[i]
                kept += 1
        qsort(spans, kept, sizeof(Span), _earlier_first)
        return [mentions[spans[i].index] for i in range(kept)]
    finally:
        PyMem_Free(spans)
        PyMem_Free(occupied)


cdef inline bint _in_layer(tuple value, int which):
    """Whether a hit's value has patterns of the layer, read as written or after a proclitic."""
    if value[which]:
        return True
    for reading in <tuple>value[3]:
        if (<tuple>reading)[which]:
            return True
    return False


def hits_around(list hits, bint lexicon, Py_ssize_t start, Py_ssize_t end, kind):
    """The hits that can decide a layer's mentions starting in [start, end) — with a
    pattern of ``kind`` when it is not None: the whole groups of overlapping hits (of that
    layer) that hold such a hit. Longest-first selection never reaches across groups, so
    ``mentions_of`` over these gives exactly the mentions it gives over all the hits there.
    ``hits`` are in order of start, as ``Trie.scan`` makes them."""
    cdef int which = 2 if lexicon else 1
    cdef Py_ssize_t group_end = -1, nstart, nend, first = 0, i, count = len(hits)
    cdef bint wanted = False
    cdef tuple hit, value
    out = []
    for i in range(count):
        hit = hits[i]
        value = hit[2]
        if not _in_layer(value, which):
            continue
        nstart, nend = hit[0], hit[1]
        if nstart >= group_end:   # a new group: keep the one before if it was wanted
            if wanted:
                out.extend(hits[first:i])
            if nstart >= end:
                return out
            first, wanted = i, False
        group_end = max(group_end, nend)
        if not wanted and start <= nstart < end and (kind is None or kind in value[4]):
            wanted = True
    if wanted:
        out.extend(hits[first:])
    return out


def hits_with(list hits, str kind):
    """The hits of ``scan`` with a pattern of this kind, as written or after a proclitic
    (``Document.hits_with``)."""
    return [hit for hit in hits if kind in (<tuple>(<tuple>hit)[2])[4]]


# --- sentences and language ---------------------------------------------------------

cdef inline bint _ends_sentence(Py_UCS4 c) noexcept:
    return c == 0x2E or c == 0x21 or c == 0x3F or c == 0x3B or c == 0x061F or c == 0x061B or c == 0x0A


cdef inline bint _before_initial(Py_UCS4 c) noexcept:
    return c == 0x28 or c == 0x22 or c == 0x27 or c == 0xAB   # ( " ' «


def split_sentences(str text, abbreviations):
    """``liqaa.text.split_sentences``: the same spans, one pass in C."""
    cdef Py_ssize_t n = len(text), i = 0, ms, end, start = 0, k, w
    cdef Py_UCS4 c, after, prev
    cdef bint newline
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    spans = []
    while i < n:
        c = PyUnicode_READ(kind, data, i)
        if not _ends_sentence(c):
            i += 1
            continue
        ms = i
        newline = False
        while i < n and _ends_sentence(PyUnicode_READ(kind, data, i)):
            newline = newline or PyUnicode_READ(kind, data, i) == 0x0A
            i += 1
        end = i
        if c == 0x2E and not newline:
            if end < n:
                after = PyUnicode_READ(kind, data, end)
                if Py_UNICODE_ISDIGIT(after) or (Py_UNICODE_ISALPHA(after) and Py_UNICODE_ISLOWER(after)):
                    continue
            if ms > start:
                prev = PyUnicode_READ(kind, data, ms - 1)
                if Py_UNICODE_ISALPHA(prev) and (
                        prev < 128 or ms - 1 == start or _before_initial(PyUnicode_READ(kind, data, ms - 2))
                        or Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, ms - 2))):
                    # The word before the full stop, within six characters: U.S., Dr., س.
                    w = ms - 6 if ms - 6 > start else start
                    k = ms
                    while k > w:
                        c = PyUnicode_READ(kind, data, k - 1)
                        if Py_UNICODE_ISSPACE(c) or _before_initial(c):
                            break
                        k -= 1
                    word = text[k:ms].lower()
                    if word in abbreviations or len(word) == 1:
                        continue
        _add_trimmed(spans, kind, data, start, end)
        start = end
    _add_trimmed(spans, kind, data, start, n)
    return spans


cdef inline void _add_trimmed(list spans, int kind, void *data, Py_ssize_t s, Py_ssize_t e):
    while s < e and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, s)):
        s += 1
    while e > s and Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)):
        e -= 1
    if e > s:
        spans.append((s, e))


def has_capital(str text, Py_ssize_t start, Py_ssize_t end):
    """Whether text[start:end] holds a character that lowercasing changes."""
    cdef Py_ssize_t i
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for i in range(max(start, 0), min(end, len(text))):
        c = PyUnicode_READ(kind, data, i)
        if c < 0x80:
            if 0x41 <= c <= 0x5A:
                return True
        elif not (0x0600 <= c <= 0x06FF) and Py_UNICODE_TOLOWER(c) != c:   # Arabic has no case
            return True
    return False


def script_counts(str text):
    """(Arabic letters, Latin letters, letters only Urdu uses, letters only Persian uses),
    as ``liqaa.text._script_counts`` counts them."""
    cdef Py_ssize_t n = len(text), i, arabic = 0, latin = 0, urdu = 0, persian = 0
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    for i in range(n):
        c = PyUnicode_READ(kind, data, i)
        if 0x0600 <= c <= 0x06FF:
            # Marks, digits and punctuation of the Arabic block are not letters.
            if not (c <= 0x0620 or 0x064B <= c <= 0x066D or 0x06D4 <= c <= 0x06F9):
                arabic += 1
            if c in (0x0679, 0x0688, 0x0691, 0x06BA, 0x06D2, 0x06D3, 0x06BE):     # ٹڈڑںےۓھ
                urdu += 1
            elif c in (0x067E, 0x0686, 0x0698, 0x06AF, 0x06A9, 0x06CC, 0x06C0):   # پچژگکیۀ
                persian += 1
        elif (0x41 <= c <= 0x5A) or (0x61 <= c <= 0x7A):
            latin += 1
    return arabic, latin, urdu, persian


cdef class MentionFields:
    """``liqaa.gazetteer._MentionFields`` in C: the base of ``Mention`` when this module
    is built, so that ``mentions_of`` fills the fields without a Python constructor."""

    cdef public object start, end, nstart, nend, text, patterns, prefix, layer

    def __init__(self, start, end, nstart, nend, text, patterns, prefix="", layer="entity"):
        self.start, self.end, self.nstart, self.nend = start, end, nstart, nend
        self.text, self.patterns, self.prefix, self.layer = text, patterns, prefix, layer


def mentions_of(list hits, str text, bint lexicon, mention_class, str layer):
    """``liqaa.gazetteer.mentions_of`` before the longest-first selection: the mentions of
    one layer among the scan's hits, each hit's patterns read after its proclitics."""
    cdef tuple hit, value, reading
    cdef int which = 2 if lexicon else 1
    cdef MentionFields mention
    cdef Py_ssize_t start, end
    if not issubclass(mention_class, MentionFields):
        raise TypeError("mention_class must derive from MentionFields")
    mentions = []
    for hit in hits:
        value = hit[2]
        patterns = value[which]
        prefix = hit[3]
        if prefix:
            readings = value[3]
            if len(readings) == 1:
                reading = readings[0]
                if prefix not in reading[0]:
                    continue
                patterns = reading[which]
            else:
                patterns = tuple([p for reading in readings if prefix in reading[0] for p in reading[which]])
        if patterns:
            mention = MentionFields.__new__(mention_class)
            mention.start, mention.end = hit[4], hit[5]
            mention.nstart, mention.nend = hit[0], hit[1]
            start, end = hit[4], hit[5]
            mention.text = text[start:end]
            mention.patterns, mention.prefix, mention.layer = patterns, prefix, layer
            mentions.append(mention)
    return mentions


cdef Py_ssize_t _sentences_started_by(list sentences, Py_ssize_t position) except -1:
    """How many of the (start, end) sentences start at or before the position."""
    cdef Py_ssize_t lo = 0, hi = len(sentences), mid
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>(<tuple>sentences[mid])[0] <= position:
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef Py_ssize_t _first_starting_at(list mentions, Py_ssize_t lo, Py_ssize_t hi, Py_ssize_t position) except -1:
    """The first index in [lo, hi) of the mentions (in order of start) starting at or
    after the position, hi when none does."""
    cdef Py_ssize_t mid
    while lo < hi:
        mid = (lo + hi) // 2
        if <Py_ssize_t>(<MentionFields?>mentions[mid]).nstart < position:
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef inline bint _has_kind(object patterns, object kinds) except -1:
    """Whether one of the patterns (Pattern tuples) has one of the kinds: the loop runs
    once per mention of an article, so tuples and a frozenset are read without the
    generic protocols."""
    cdef object pattern
    if type(patterns) is tuple and type(kinds) is frozenset:
        for pattern in <tuple>patterns:
            if isinstance(pattern, tuple) and len(<tuple>pattern):
                if (<tuple>pattern)[0] in <frozenset>kinds:   # Pattern.kind
                    return True
            elif pattern[0] in kinds:
                return True
        return False
    for pattern in patterns:
        if pattern[0] in kinds:
            return True
    return False


def sentences_with(list mentions, list sentences, kinds):
    """``liqaa.claims.sentences_with``: (start, end, the sentence's mentions)
    for each sentence with a mention having a pattern of one of the kinds, in text order.
    ``mentions`` are in order of start, ``sentences`` are (start, end) pairs in order."""
    cdef Py_ssize_t n = len(mentions), k = 0, lo, i, s, e
    cdef MentionFields m, x
    cdef tuple span
    found = []
    while k < n:
        m = mentions[k]
        k += 1
        if not _has_kind(m.patterns, kinds):
            continue
        i = _sentences_started_by(sentences, m.nstart) - 1   # the last starting at or before it
        if i < 0:
            continue
        span = sentences[i]
        s, e = span[0], span[1]
        if m.nend > e:
            continue   # across a sentence end: in no sentence's mentions
        lo = _first_starting_at(mentions, 0, k, s)
        k = _first_starting_at(mentions, k, n, e)
        inside = []
        for i in range(lo, k):
            x = mentions[i]
            if x.nend <= e:
                inside.append(x)
        found.append((s, e, inside))
    return found


def sentences_at(positions, list sentences, list mentions):
    """``liqaa.document.Document.sentences_at``: (index, start, end, the mentions starting
    in it) for each sentence holding one of the positions (in order), once each."""
    cdef Py_ssize_t n = len(mentions), i, last = -1, s, e, first
    found = []
    for position in positions:
        i = max(_sentences_started_by(sentences, position) - 1, 0)
        if i == last:
            continue
        last = i
        s, e = (<tuple>sentences[i])[0], (<tuple>sentences[i])[1]
        first = _first_starting_at(mentions, 0, n, s)
        found.append((i, s, e, mentions[first:_first_starting_at(mentions, first, n, e)]))
    return found


cdef inline bint _is_word(Py_UCS4 c) noexcept:
    return c == 0x5F or _is_alnum(c)   # what \w matches in a str pattern


cdef inline bint _is_joiner(Py_UCS4 c) noexcept:
    return c == 0x2E or c == 0x27 or c == 0x2019 or c == 0x2D   # . ' ’ -


def tokens(str text, Py_ssize_t start, Py_ssize_t end):
    """``liqaa.claims._TOKEN.findall(text, start, end)``: words (with inner . ' ’ - and an
    abbreviation's final full stop) and single punctuation marks."""
    return _tokens(text, start, end)


def stream_items(str norm, Py_ssize_t start, Py_ssize_t end, list mentions):
    """What ``liqaa.claims._Stream`` is made of: (items, the mentions' indices among them,
    the index of each run of words' first word, each run's span) for the sentence
    norm[start:end] and its mentions in order."""
    cdef MentionFields m
    cdef Py_ssize_t pos = start
    items, indices, firsts, bounds = [], [], [], []
    for m in mentions:
        _run_of_words(norm, pos, m.nstart - len(m.prefix), items, firsts, bounds)
        indices.append(len(items))
        items.append(m)
        pos = m.nend
    _run_of_words(norm, pos, end, items, firsts, bounds)
    return items, indices, firsts, bounds


cdef int _run_of_words(str norm, Py_ssize_t start, Py_ssize_t end, list items, list firsts, list bounds) except -1:
    words = _tokens(norm, start, end)
    if words:
        firsts.append(len(items))
        bounds.append((start, end))
        items.extend(words)
    return 0


cdef list _tokens(str text, Py_ssize_t start, Py_ssize_t end):
    cdef Py_ssize_t i, j
    cdef Py_UCS4 c
    cdef int kind = PyUnicode_KIND(text)
    cdef void *data = PyUnicode_DATA(text)
    end = min(end, len(text))
    found = []
    i = max(start, 0)
    while i < end:
        c = PyUnicode_READ(kind, data, i)
        if c == 0 or Py_UNICODE_ISSPACE(c):
            i += 1
            continue
        j = i + 1
        if _is_word(c):
            while j < end and _is_word(PyUnicode_READ(kind, data, j)):
                j += 1
            while j + 1 < end and _is_joiner(PyUnicode_READ(kind, data, j)) \
                    and _is_word(PyUnicode_READ(kind, data, j + 1)):
                j += 2
                while j < end and _is_word(PyUnicode_READ(kind, data, j)):
                    j += 1
            c = PyUnicode_READ(kind, data, j - 1)
            if j < end and 0x61 <= c <= 0x7A and PyUnicode_READ(kind, data, j) == 0x2E:
                j += 1
        found.append(text[i:j])
        i = j
    return found
