"""Frames that turn a cue into a topic: a question *about* a task, an opinion asked about an analysis.

A cue names a task, but the sentence around it can make the task its topic:

* rule 8, ``about`` frames: "How should I summarize a book?", "Any tips for summarizing papers?", "What's
  the best way to write a summary of a novel?", "¿Cómo debería resumir un libro?", "Wie fasse ich ein
  Fachbuch am besten zusammen?", "把诗翻译成英文有什么技巧？", "本の内容をうまく要約するコツ", "सारांश कैसे लिखें?"
  ask how to do the task (rule 9), they do not ask for it. The frame counts unless the text to work on
  comes with the cue, quoted or after a colon, from the cue to the end of its sentence ("How do you
  translate 'saudade' into English?", "Any tips for summarizing this: ..." are the task);
* rule 7, ``opinion`` frames: "What do you think about the trade-off the author makes?", "¿Qué opinas de las
  ventajas y desventajas ...?", "In your opinion, which approach is better?", "आपकी राय में ... फायदे और
  नुकसान" ask what the assistant thinks: the analysis words are the topic of a general question. (Puzzles
  and word problems are decided by their own data, not by these frames.)

A frame counts when one of its markers starts in the cue's sentence, at most ``reach`` characters away: a
``before`` marker before the cue, an ``after`` marker after it (never one inside the cue: "how do I say ...
in Spanish?" is a request). Opinion frames use one list for both sides. Sentences end at ``? ! 。 ？ ！``,
a line break or a full stop (see :func:`.wordproblem.sentence_of`). Markers are searched in the cue's
sentence only, on the normalized window (:mod:`.tokens`), and only when a cue needs them (:mod:`.markers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .markers import compile_markers
from .wordproblem import sentence_of

GIVEN_TEXT = re.compile(r"[:：]\s*\S|[\"“”«»„「『]|(?<!\w)'(?=\w)")
"""The text to work on, given after a cue: a colon before it, or a quotation mark."""


class Frames:
    """Decides whether a cue found at ``[start, end)`` stands in a frame that makes it a topic."""

    def __init__(self, before: list[str] | tuple[str, ...], after: list[str] | tuple[str, ...] | None = None,
                 reach: int = 300, given_text: bool = True) -> None:
        self.before = compile_markers(before)
        self.after = self.before if after is None else compile_markers(after)
        self.reach = reach
        self.given_text = given_text

    def checker(self, text: str, norm: str) -> Callable[[int, int], bool]:
        """``accept(start, end)`` for cues in one window: False when the cue is framed. ``text`` is the
        original window, ``norm`` its normalized form, ``[start, end)`` a cue in ``text`` indexes."""
        def accept(start: int, end: int) -> bool:
            lo, hi = sentence_of(text, start, end, self.reach)
            # a marker inside the cue is part of the cue ("how do I say ... in Spanish" is a request)
            if not self.before.any_in(norm, lo + 1, start + 1) and not self.after.any_in(norm, end + 1, hi + 1):
                return True
            # the text to work on is given with the cue (quoted, or after a colon): the request is the task,
            # whatever frames it ("How do you translate 'saudade' into English?")
            return bool(self.given_text and GIVEN_TEXT.search(text, start, max(end, hi)))

        return accept

    def accept(self, text: str, norm: str, start: int, end: int) -> bool:
        """One-off form of :meth:`checker`."""
        return self.checker(text, norm)(start, end)
