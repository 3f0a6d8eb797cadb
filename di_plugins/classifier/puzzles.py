"""Rule 7's puzzle test: a question counts as the question of a posed puzzle only together with its clues.

A logic puzzle rarely says "puzzle". It names a few people or things, states clues about them and asks
who, which, whose or in what order: "Ben sits immediately to the right of Ana. Chloe is not at either end.
... Who sits in the middle?", "Kim says: 'At least one of us is a liar.' ... Who is telling the truth?",
"Anna hat keinen Hund. Ben hat weder einen Hund noch eine Katze. Wer hat welches Tier?",
"Aは「Bが犯人だ」と言いました。... 嘘をついているのは誰ですか？". A ``puzzle`` cue (the question word: who,
which, quién, qui, wer, кто, 谁, 誰, कौन...) is accepted when at least ``clues`` ``clue`` markers — places
and neighbours ("next to", "à gauche de", "右隣"), truth and lies ("always lies", "говорят правду", "说谎"),
quoted statements ("says: '...'", "ने कहा: '...'"), exclusive assignments ("each has a different",
"weder ... noch", "只有一人"), comparisons ("older than", "plus grand que") — appear within ``before``
characters before it or ``after`` characters after it (the question may come first: "Who owns the fish?
Clues: ...").

The cue itself asks (:mod:`.lexicon`): a question word in a question (a question mark ends its sentence; in
Japanese also か before a full stop), or after a request to work it out ("Determine who owns the fish.",
"Finde heraus, wer lügt.", "判断谁说了真话。"); "who" and "which" in a statement ("the man who sits next to
me") are not puzzle questions and cost nothing. "Who invented the crossword?", "I love logic puzzles — which book should I buy?", "My
colleague always tells the truth. Who else does?" have at most one or two clue markers and stay general chat.
Clue markers are found on the normalized window (:mod:`.tokens`), once per window and only for a cue that
asks and has a clue within ``near`` characters, and counted by bisection (:mod:`.markers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .markers import Found, compile_markers
from .wordproblem import SENTENCE_END

_CLAUSE = re.compile(r"[.,;:!?\n。，、；：！？।]")
"""Where a clause ends in the original text."""


class Puzzles:
    """Decides whether a question cue found at ``[start, end)`` is the question of a posed puzzle."""

    def __init__(self, clue: list[str] | tuple[str, ...], clues: int = 3, before: int = 800, after: int = 600,
                 near: int = 120) -> None:
        self.clue = compile_markers(clue)
        self.clues = clues
        self.before = before
        self.after = after
        self.near = near

    def checker(self, text: str, norm: str) -> Callable[[int, int], bool]:
        """``accept(start, end)`` for question cues in one window: ``text`` is the original window,
        ``norm`` its normalized form, ``[start, end)`` a cue in ``text`` indexes."""
        found: list[Found] = []
        verdicts: dict[int, bool] = {}  # by the end of the cue's sentence: one question, one answer

        def accept(start: int, end: int) -> bool:
            if self.clues <= 0:
                return True
            stop = SENTENCE_END.search(text, end, min(len(text), end + self.after))
            key = stop.start() if stop is not None else -1
            verdict = verdicts.get(key)
            if verdict is None:
                verdict = verdicts[key] = self._clues_around(text, norm, start, end, found)
            return verdict

        return accept

    def _clues_around(self, text: str, norm: str, start: int, end: int, found: list[Found]) -> bool:
        # the clues of a posed puzzle surround its question: none within ``near`` characters, no puzzle
        # (a cheap test that stops at the first clue; the full count is made once per window)
        lo = max(0, start - self.before)
        if not found:
            if not self.clue.any_in(norm, max(1, start + 1 - self.near), min(len(norm), end + 1 + self.near)):
                return False
        # the clues from ``before`` characters ahead of the question on: the question usually ends the text,
        # so most of a long window is not searched; a later question reuses them, an earlier one searches again
        if not found or found[0].start > lo + 1:
            found[:] = [Found(self.clue, norm, lo + 1)]
        hi = min(len(norm) - 1, end + self.after)
        starts = found[0].in_range(lo + 1, hi + 1)
        if len(starts) < self.clues:
            return False
        # the clues are statements of their own: at least two clauses ("Luis sits next to Marta and always tells
        # the truth. Who should be the boss?" is one statement about a colleague)
        return _CLAUSE.search(text, starts[0] - 1, starts[-1] - 1) is not None

    def accept(self, text: str, norm: str, start: int, end: int) -> bool:
        """One-off form of :meth:`checker`."""
        return self.checker(text, norm)(start, end)
