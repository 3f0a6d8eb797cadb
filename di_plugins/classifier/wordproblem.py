"""Rule 7's word-problem test: a quantity question counts only together with the quantities it is about.

"How many outfits can I make?" after "I have 3 shirts and 4 pants" is a word problem; "How many people
live in Tokyo?" and "I have 2 kids. How much is Disneyland?" are not. A ``word_problem`` cue (the
question) is accepted when

* at least ``numbers`` quantities appear in the ``before`` characters before it ("A farmer has 17
  sheep ... How many are left?"), or
* at least ``numbers`` quantities follow it in the rest of its sentence (up to ``after`` characters)
  *and* a ``given`` marker introduces them there ("How much does Ann pay if she buys 3 pens at $2
  each?"), so "How much is a week in Paris for 2 adults and 3 kids?" stays a plain question.

Quantities are the ``quantity`` patterns (digits, number words, CJK numerals with a counter), found on
the normalized window (:mod:`.tokens`; its indexes are the original ones plus one). They are found once
per window, on the first question cue, and counted by bisection for every further cue (:mod:`.markers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .markers import Found, Markers, compile_markers

SENTENCE_END = re.compile(r"[.?!\n？！。](?:(?<!\.)|(?!\d))")
"""Where a sentence ends in the original text (a full stop between digits, as in ``3.5``, does not). One
character class first, so that a search skips to candidates in C."""

_ENDS = "?!？！。\n."


def sentence_of(text: str, start: int, end: int, reach: int) -> tuple[int, int]:
    """``(lo, hi)``: the sentence around ``text[start:end]``, at most ``reach`` characters either side; ``hi``
    is the index of the character ending it (or the limit). Searched outwards from the span, so the cost
    does not grow with the text."""
    floor = max(0, start - reach)
    lo = floor
    for ch in _ENDS:
        i = text.rfind(ch, floor, start)
        while ch == "." and i >= 0 and text[i + 1:i + 2].isdigit():
            i = text.rfind(ch, floor, i)
        if i + 1 > lo:
            lo = i + 1
    limit = min(len(text), end + reach)
    m = SENTENCE_END.search(text, end, limit)
    return lo, (m.start() if m is not None else limit)


class WordProblems:
    """Decides whether a word-problem question found at ``[start, end)`` has its quantities."""

    def __init__(self, quantity: list[str] | tuple[str, ...], given: list[str] | tuple[str, ...],
                 numbers: int = 2, before: int = 400, after: int = 300) -> None:
        self.quantity = compile_markers(quantity)
        self.given = compile_markers(given)
        self.numbers = numbers
        self.before = before
        self.after = after

    def checker(self, text: str, norm: str) -> Callable[[int, int], bool]:
        """``accept(start, end)`` for question cues in one window: ``text`` is the original window,
        ``norm`` its normalized form, ``[start, end)`` a cue in ``text`` indexes."""
        found: dict[str, Found] = {}

        def get(kind: str) -> Found:
            if kind not in found:
                found[kind] = Found(self.quantity if kind == "quantity" else self.given, norm)
            return found[kind]

        def accept(start: int, end: int) -> bool:
            if self.numbers <= 0:
                return True
            quantities = get("quantity")
            if quantities.count(max(0, start - self.before) + 1, start + 1) >= self.numbers:
                return True
            limit = min(len(text), end + self.after)
            stop = SENTENCE_END.search(text, end, limit)
            stop_at = stop.start() if stop is not None else limit
            if quantities.count(end + 1, stop_at + 1) < self.numbers:
                return False
            return get("given").count(end + 1, stop_at + 1) > 0

        return accept

    def accept(self, text: str, norm: str, start: int, end: int) -> bool:
        """One-off form of :meth:`checker`."""
        return self.checker(text, norm)(start, end)


__all__ = ["SENTENCE_END", "Found", "Markers", "WordProblems", "compile_markers", "sentence_of"]
