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
per window, on the first question cue, and counted by bisection for every further cue.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from .patterns import group_alternatives
from .tokens import script_aware

SENTENCE_END = re.compile(r"[?!？！。\n]|\.(?!\d)")
"""Where a sentence ends in the original text (a full stop between digits, as in ``3.5``, does not)."""


def compile_markers(patterns: list[str] | tuple[str, ...]) -> list[tuple[re.Pattern[str], int]]:
    """``(regex, shift)`` pairs finding the patterns: those starting with ``\\b`` at word starts (after a
    space of the normalized text, a literal the engine skips to; ``shift`` 1 moves a match from the
    space to the word), the others anywhere."""
    words = [p[2:] for p in patterns if p.startswith("\\b")]
    others = [p for p in patterns if not p.startswith("\\b")]
    out = []
    if words:
        out.append((re.compile(" (?=" + script_aware("(?:" + group_alternatives(words) + ")") + ")"), 1))
    if others:
        out.append((re.compile("|".join("(?:" + script_aware(p) + ")" for p in others)), 0))
    return out


class Found:
    """Sorted start positions of the matches of some regexes in one normalized window."""

    __slots__ = ("starts",)

    def __init__(self, regexes: list[tuple[re.Pattern[str], int]], norm: str) -> None:
        starts: list[int] = []
        for rx, shift in regexes:
            starts.extend(m.start() + shift for m in rx.finditer(norm))
        starts.sort()
        self.starts = starts

    def count(self, start: int, end: int) -> int:
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)


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
