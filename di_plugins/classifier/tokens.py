"""Phrase-text tokenisation: where words start and end in every script the cue lexicons cover.

The phrase lists of rules 6–8 (and the word-problem lists of rule 7) are matched on a *normalized* copy
of a text window, at word starts. Three families of scripts need three treatments:

* **Spaced scripts** (Latin, Cyrillic, Greek, Devanagari, ...). The window is lower-cased and the
  punctuation that can sit in front of a word (brackets, quotes, ``¿``/``¡``, markdown marks, the
  danda ``।``, dashes) becomes a space, so every word start follows a space. The combined phrase regex
  starts with that space: the engine skips in C from one space to the next. Characters that can sit
  *inside* a token (``.`` ``,`` ``:`` ``/`` ``'`` ``-``) are kept, so ``6:40``, ``1,200``, ``let's``
  and ``step-by-step`` stay one token; ``’`` becomes ``'``. Positions are preserved: index ``i`` of
  the window is index ``i + 1`` of the normalized text.
* **Indic scripts** write most vowels as combining marks (``ि``, ``े``, ``ं``...), which Python's ``\\w``
  does not match, so ``\\b`` finds "boundaries" inside words. :func:`script_aware` rewrites ``\\b`` and
  ``\\w`` in phrases written in those scripts to classes that include the marks.
* **CJK, kana, hangul** put no spaces between words, so there is no word start to anchor on: a phrase
  containing such characters is matched anywhere, and precision comes from the phrase itself (several
  characters, or a verb form, e.g. ``翻译成`` rather than ``翻译``). Full-width punctuation (``，：（）``)
  becomes a space, so a space in a CJK phrase means "at the start of a clause". Latin words inside
  CJK text (``Pythonで``) are found by :func:`blank_cjk`, which blanks the CJK runs.
"""

from __future__ import annotations

import re

# CJK ideographs, kana, hangul, CJK punctuation and full-width forms: scripts without spaces.
CJK_CLASS = "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]"
_CJK_RE = re.compile(CJK_CLASS)
_CJK_RUN_RE = re.compile(CJK_CLASS + "+")

# Indic scripts (Devanagari ... Sinhala): letters plus their combining vowel signs and marks.
INDIC_RANGE = "\u0900-\u0dff"
_INDIC_RE = re.compile(f"[{INDIC_RANGE}]")
WORD_CLASS = rf"[\w{INDIC_RANGE}]"
"""A word character in every covered script (``\\w`` misses Indic combining marks)."""
_BOUNDARY = rf"(?:(?<={WORD_CLASS})(?!{WORD_CLASS})|(?<!{WORD_CLASS})(?={WORD_CLASS}))"

_ASCII_SPACED = "\n\t\r([{)]}\"*_><`|"
_ASCII_NORMALIZE = bytes.maketrans(
    (_ASCII_SPACED + "ABCDEFGHIJKLMNOPQRSTUVWXYZ").encode("ascii"),
    (" " * len(_ASCII_SPACED) + "abcdefghijklmnopqrstuvwxyz").encode("ascii"),
)
_SPACED = "\n\t\r([{)]}\"*_><`|¿¡«»“”„‟‹›—–…·।॥，、：；（）「」『』【】《》〈〉〔〕"
# Latin-1 text (Spanish, Portuguese, French, German...) takes a byte-translation fast path
_LATIN1_UPPER = "".join(chr(c) for c in range(0xC0, 0xDF) if c != 0xD7)
_LATIN1_SPACED = "".join(ch for ch in _SPACED if ord(ch) < 256)
_LATIN1_NORMALIZE = bytes.maketrans(
    (_LATIN1_SPACED + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + _LATIN1_UPPER).encode("latin-1"),
    (" " * len(_LATIN1_SPACED) + "abcdefghijklmnopqrstuvwxyz" + _LATIN1_UPPER.lower()).encode("latin-1"),
)
_NON_ASCII_SPACED_RE = re.compile("[" + re.escape(_SPACED) + "]")
_APOSTROPHES_RE = re.compile("[’‘ʼ´]")


def normalize(text: str) -> str:
    """Lower-case ``text``, turn word-preceding punctuation into spaces, prefix a space (see above)."""
    if text.isascii():
        return " " + text.encode("ascii").translate(_ASCII_NORMALIZE).decode("ascii")
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    else:
        return " " + raw.translate(_LATIN1_NORMALIZE).decode("latin-1")
    lowered = text.lower()
    if len(lowered) != len(text):  # a character whose lower case is longer ("İ"): keep positions
        lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    out = _NON_ASCII_SPACED_RE.sub(" ", lowered)
    if "’" in out or "‘" in out or "ʼ" in out or "´" in out:
        out = _APOSTROPHES_RE.sub("'", out)
    return " " + out


def is_latin1(text: str) -> bool:
    """True when every character of ``text`` is in Latin-1 (ASCII plus Western European letters)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a CJK / kana / hangul character."""
    return _CJK_RE.search(text) is not None


def _blank(m: re.Match[str]) -> str:
    return "\x00" * (m.end() - m.start() - 1) + " "


def blank_cjk(norm: str) -> str:
    """``norm`` with every CJK run blanked, same length (for matching word phrases in mixed text).

    The run becomes NULs ending in one space: a Latin word after it follows a space (``Pythonで`` ->
    ``python`` is a word start), and the run itself offers no other word start to try.
    """
    return _CJK_RUN_RE.sub(_blank, norm)


def is_cjk_pattern(pattern: str) -> bool:
    """True when a phrase contains a CJK/kana/hangul character (such phrases are matched anywhere)."""
    return _CJK_RE.search(pattern) is not None


def script_aware(pattern: str) -> str:
    """``pattern`` with ``\\b`` and ``\\w`` (outside character classes) made Indic-aware.

    Only phrases that contain an Indic character are rewritten: the others never meet a combining mark
    next to the characters they match. Inside a character class ``\\w`` gains the Indic range.
    """
    if _INDIC_RE.search(pattern) is None:
        return pattern
    out: list[str] = []
    in_class = False
    i, n = 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "w":
                out.append("\\w" + INDIC_RANGE if in_class else WORD_CLASS)
            elif nxt == "b" and not in_class:
                out.append(_BOUNDARY)
            else:
                out.append(pattern[i:i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            out.append(ch)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


__all__ = ["CJK_CLASS", "INDIC_RANGE", "WORD_CLASS", "blank_cjk", "has_cjk", "is_cjk_pattern", "is_latin1",
           "normalize", "script_aware"]
