"""Rule 7's word-problem test: a quantity question counts only together with the quantities it is about.

"How many outfits can I make?" after "I have 3 shirts and 4 pants" is a word problem; "How many people
live in Tokyo?" and "I have 2 kids. How much is Disneyland?" are not. A ``word_problem`` cue (the
question) is accepted when

* at least ``numbers`` quantities appear in the ``before`` characters before it ("A farmer has 17
  sheep ... How many are left?"), or
* at least ``numbers`` quantities follow it in the rest of its sentence (up to ``after`` characters)
  *and* a ``given`` marker introduces them there ("How much does Ann pay if she buys 3 pens at $2
  each?"), so "How much is a week in Paris for 2 adults and 3 kids?" stays a plain question.

Quantities are the ``quantity`` patterns (digits, number words, CJK numerals with a counter), counted
on the normalized window (:mod:`.tokens`): positions line up with the original text plus one.
"""

from __future__ import annotations

import re

from .tokens import script_aware

_SENTENCE_END = re.compile(r"[?!？！。\n]|\.(?!\d)")


def _compile(patterns: list[str] | tuple[str, ...]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join("(?:" + script_aware(p) + ")" for p in patterns))


class WordProblems:
    """Decides whether a word-problem question found at ``[start, end)`` has its quantities."""

    def __init__(self, quantity: list[str] | tuple[str, ...], given: list[str] | tuple[str, ...],
                 numbers: int = 2, before: int = 400, after: int = 300) -> None:
        self.quantity = _compile(quantity)
        self.given = _compile(given)
        self.numbers = numbers
        self.before = before
        self.after = after

    def count(self, norm: str, start: int, end: int) -> int:
        """Quantities in ``norm[start:end]`` (normalized-text indexes)."""
        if self.quantity is None or end <= start:
            return 0
        return sum(1 for _ in self.quantity.finditer(norm, start, end))

    def accept(self, text: str, norm: str, start: int, end: int) -> bool:
        """``text`` is the original window, ``norm`` its normalized form, ``[start, end)`` the question
        in ``text`` indexes."""
        if self.numbers <= 0:
            return True
        if self.count(norm, max(0, start - self.before) + 1, start + 1) >= self.numbers:
            return True
        limit = min(len(text), end + self.after)
        stop = _SENTENCE_END.search(text, end, limit)
        stop_at = stop.start() if stop is not None else limit
        if self.given is None or self.count(norm, end + 1, stop_at + 1) < self.numbers:
            return False
        return self.given.search(norm, end + 1, stop_at + 1) is not None
