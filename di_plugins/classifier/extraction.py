"""Rule 6's extraction test: a request for data items counts only together with the text they come from.

"Pull out the address, the date and the phone number from this message", "¿Qué fechas aparecen en este
correo?", "Lies aus dieser Nachricht Namen und Datum heraus", "把这条短信里的姓名和电话列出来" are extraction
requests phrased without the word "extract"; "List the best beaches near Lisbon", "Give me the names of
good cat food brands" and "Are the prices in this ad fair?" are not. An ``extraction`` cue (a request
verb or an occurrence question together with data nouns: names, dates, prices, phone numbers...) is
accepted when a ``source`` marker — a text the user points at ("this message", "the email below",
"este anuncio", "dieser Nachricht", "этого объявления", "这条短信", "このメール", "इस विज्ञापन") or a colon
that introduces pasted content — appears

* in the ``before`` characters before the cue ("Here's an email from my landlord. List the dates and
  amounts."), or
* after it, in the rest of its sentence (up to ``after`` characters: "... from this message?").

Markers are found on the normalized window (:mod:`.tokens`), once per window, and counted by bisection
(the machinery of :mod:`.wordproblem`).
"""

from __future__ import annotations

from collections.abc import Callable

from .wordproblem import SENTENCE_END, Found, compile_markers


class Sources:
    """Decides whether an extraction cue found at ``[start, end)`` points at a text."""

    def __init__(self, source: list[str] | tuple[str, ...], before: int = 300, after: int = 300) -> None:
        self.source = compile_markers(source)
        self.before = before
        self.after = after

    def checker(self, text: str, norm: str) -> Callable[[int, int], bool]:
        """``accept(start, end)`` for extraction cues in one window: ``text`` is the original window,
        ``norm`` its normalized form, ``[start, end)`` a cue in ``text`` indexes."""
        found: list[Found] = []

        def accept(start: int, end: int) -> bool:
            if not found:
                found.append(Found(self.source, norm))
            markers = found[0]
            limit = min(len(text), end + self.after)
            stop = SENTENCE_END.search(text, end, limit)
            stop_at = stop.start() if stop is not None else limit
            return markers.count(max(0, start - self.before) + 1, stop_at + 1) > 0

        return accept

    def accept(self, text: str, norm: str, start: int, end: int) -> bool:
        """One-off form of :meth:`checker`."""
        return self.checker(text, norm)(start, end)
