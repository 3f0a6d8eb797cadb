"""Deterministic repair of JSON text: one function per rule, each a pure ``str -> str | None``.

A rule returns the text with one kind of *syntax* slip fixed, or ``None`` when it does not apply. No rule
ever changes data: a missing key stays missing, a value is never guessed, and a reply cut short at
``max_tokens`` is never closed up (the caller's policy retries it instead, see :mod:`.policy`).

Rules, in their default order (``di.json.repair.rules``):

``strip_fences``
    the content of the first Markdown code fence (```` ```json ... ``` ````, an unclosed fence too).
``extract_json``
    the JSON value inside surrounding prose ("Sure! Here it is: {...} Hope this helps."): the longest
    balanced ``{...}``/``[...]`` span that parses, else the longest balanced span.
``strip_comments``
    ``// ...`` and ``/* ... */`` comments outside strings.
``python_literals``
    bare ``True``/``False``/``None`` outside strings become ``true``/``false``/``null``.
``single_quotes``
    ``'...'`` strings become ``"..."`` strings (inner ``"`` escaped, ``\\'`` unescaped).
``unquoted_keys``
    ``{name: 1}`` becomes ``{"name": 1}`` (identifier keys after ``{`` or ``,``).
``trailing_commas``
    a ``,`` right before ``}`` or ``]`` (outside strings) is removed.

:func:`repair` applies the rules in order, keeping each one that changed the text, and stops at the first
text that the caller's ``accept`` function takes (parses and satisfies the contract).
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["RULES", "repair"]

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+-]*)[ \t]*\r?\n?(.*?)(?:```|\Z)", re.S)
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$-]*")
_LITERALS = {"True": "true", "False": "false", "None": "null"}


def strip_fences(text: str) -> str | None:
    """The body of the first Markdown code fence (closed or not)."""
    if "```" not in text:
        return None
    found = _FENCE.search(text)
    if found is None:
        return None
    body = found.group(2).strip()
    if not body and found.group(1):  # "```{...}```" on one line: the "language" was the content
        body = found.group(1)
    return body if body != text else None


def _string_end(text: str, start: int, quote: str) -> int:
    """Index just past the string that opens at ``start`` (``len(text)`` if it never closes)."""
    i, n = start + 1, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        i += 1
    return n


def _balanced_end(text: str, start: int) -> int | None:
    """Index just past the bracket that closes the one at ``start``, or ``None`` if it never closes."""
    depth, i, n = 0, start, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            i = _string_end(text, i, '"')
            continue
        if c in "{[":
            depth += 1
        elif c in "}]":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def _parses(text: str) -> bool:
    import orjson

    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return False
    return True


def extract_json(text: str) -> str | None:
    """The JSON value inside surrounding prose: the longest balanced span that parses, else the longest."""
    stripped = text.strip()
    spans: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "{[":
            end = _balanced_end(text, i)
            if end is not None:
                spans.append(text[i:end])
                i = end
                continue
        i += 1
    if not spans:
        return None
    parsing = [s for s in spans if _parses(s)]
    best = max(parsing or spans, key=len)
    return best if best != stripped else None


def _rewrite_outside_strings(text: str, rewrite: Callable[[str, int, list[str]], int | None],
                             quotes: str = '"') -> str | None:
    """Copy ``text``, letting ``rewrite(text, i, out)`` handle index ``i`` outside strings: it appends
    to ``out`` and returns the next index, or returns ``None`` to copy the character unchanged."""
    out: list[str] = []
    i, n, changed = 0, len(text), False
    while i < n:
        c = text[i]
        if c in quotes:
            end = _string_end(text, i, c)
            out.append(text[i:end])
            i = end
            continue
        nxt = rewrite(text, i, out)
        if nxt is None:
            out.append(c)
            i += 1
        else:
            changed = True
            i = nxt
    return "".join(out) if changed else None


def strip_comments(text: str) -> str | None:
    """``// line`` and ``/* block */`` comments outside strings removed."""
    if "/" not in text:
        return None

    def rewrite(t: str, i: int, out: list[str]) -> int | None:
        if t.startswith("//", i):
            end = t.find("\n", i)
            return len(t) if end < 0 else end
        if t.startswith("/*", i):
            end = t.find("*/", i + 2)
            return len(t) if end < 0 else end + 2
        return None

    return _rewrite_outside_strings(text, rewrite)


def python_literals(text: str) -> str | None:
    """Bare ``True``/``False``/``None`` outside strings as JSON's ``true``/``false``/``null``."""
    if not any(word in text for word in _LITERALS):
        return None

    def rewrite(t: str, i: int, out: list[str]) -> int | None:
        c = t[i]
        if c not in "TFN" or (i and (t[i - 1].isalnum() or t[i - 1] == "_")):
            return None
        for word, literal in _LITERALS.items():
            end = i + len(word)
            if t.startswith(word, i) and not (end < len(t) and (t[end].isalnum() or t[end] == "_")):
                out.append(literal)
                return end
        return None

    return _rewrite_outside_strings(text, rewrite, quotes="\"'")


def single_quotes(text: str) -> str | None:
    """``'...'`` strings (outside ``"..."`` strings) as ``"..."`` strings."""
    if "'" not in text:
        return None

    def rewrite(t: str, i: int, out: list[str]) -> int | None:
        if t[i] != "'":
            return None
        end = _string_end(t, i, "'")
        if end == len(t) and not t.endswith("'"):
            return None  # an apostrophe in prose, not a string
        inner = t[i + 1 : end - 1].replace("\\'", "'").replace('"', '\\"')
        out.append('"' + inner + '"')
        return end

    return _rewrite_outside_strings(text, rewrite)


def unquoted_keys(text: str) -> str | None:
    """Identifier keys (``{name: 1, other_key: 2}``) quoted."""

    def rewrite(t: str, i: int, out: list[str]) -> int | None:
        if t[i] not in "{,":
            return None
        j, n = i + 1, len(t)
        while j < n and t[j].isspace():
            j += 1
        found = _IDENT.match(t, j)
        if found is None:
            return None
        k = found.end()
        while k < n and t[k].isspace():
            k += 1
        if k >= n or t[k] != ":" or found.group() in ("true", "false", "null"):
            return None
        out.append(t[i:j] + '"' + found.group() + '"' + t[found.end():k])
        return k

    return _rewrite_outside_strings(text, rewrite)


def trailing_commas(text: str) -> str | None:
    """A ``,`` just before ``}`` or ``]`` (whitespace between allowed) removed."""
    if "," not in text:
        return None

    def rewrite(t: str, i: int, out: list[str]) -> int | None:
        if t[i] != ",":
            return None
        j, n = i + 1, len(t)
        while j < n and t[j].isspace():
            j += 1
        return i + 1 if j < n and t[j] in "}]" else None

    return _rewrite_outside_strings(text, rewrite)


RULES: dict[str, Callable[[str], str | None]] = {
    "strip_fences": strip_fences,
    "extract_json": extract_json,
    "strip_comments": strip_comments,
    "python_literals": python_literals,
    "single_quotes": single_quotes,
    "unquoted_keys": unquoted_keys,
    "trailing_commas": trailing_commas,
}
"""Every rule by name, in the default order."""


def repair(text: str, accept: Callable[[str], bool], rules: tuple[str, ...] | list[str]) -> tuple[str, list[str]] | None:
    """Apply ``rules`` in order to ``text`` (each that changes it is kept) until ``accept`` takes the result.

    Returns ``(repaired text, names of the rules applied)``, or ``None`` when no repaired text is accepted.
    """
    applied: list[str] = []
    for name in rules:
        changed = RULES[name](text)
        if changed is None or changed == text:
            continue
        text = changed
        applied.append(name)
        if accept(text):
            return text, applied
    return None
