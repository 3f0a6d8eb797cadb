"""Marker lists: the data a cue is checked against (quantities, sources, clues, frames), found in one pass.

A checker (:mod:`.wordproblem`, :mod:`.extraction`, :mod:`.puzzles`, :mod:`.frames`) needs the positions of
its markers in a window only when a cue asks for them, so the cost of a marker list is paid per window
that has a cue — and cues such as "who", "which", "how many" are common. Two things keep it low:

* alternatives starting with ``\\b`` are matched at word starts (after a space of the normalized text, a
  literal the engine skips to; the match is moved from the space to the word), the others anywhere; both
  are merged by their first literal (:func:`.patterns.group_alternatives`), so a position costs one branch
  test per distinct first character, not one per alternative;
* as in :class:`.patterns.PhraseMatcher`, alternatives whose literal first character cannot occur in the
  text's script (ASCII, Latin-1, other) are left out of the regexes used for it, and CJK alternatives are
  used only for text that has CJK characters. The regexes are compiled per script on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .patterns import _compiles, _literal_head, expand_leading_group, group_alternatives, split_top_level
from .tokens import has_cjk, is_cjk_pattern, is_latin1, script_aware

_LIMIT = {"ascii": "\x7f", "latin1": "\xff"}


class Markers:
    """A compiled marker list (``patterns`` as configured); :meth:`regexes` gives the regexes for a text."""

    __slots__ = ("words", "others", "_by_script")

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        words: list[str] = []
        others: list[str] = []
        for pattern in patterns:
            pieces = split_top_level(pattern)
            if len(pieces) > 1 and not _compiles(pieces):
                pieces = [pattern]  # not splittable safely (e.g. inline flags): keep it whole
            for piece in pieces:
                if piece.startswith("\\b"):
                    words.extend(script_aware(a) for a in expand_leading_group(piece[2:]))
                else:
                    others.extend(script_aware(a) for a in expand_leading_group(piece))
        self.words = words
        self.others = others
        self._by_script: dict[tuple[str, bool], list[tuple[re.Pattern[str], int]]] = {}

    def __bool__(self) -> bool:
        return bool(self.words or self.others)

    def regexes(self, norm: str) -> list[tuple[re.Pattern[str], int]]:
        """``(regex, shift)`` pairs for the normalized text ``norm`` (``shift`` 1: a word-start match)."""
        key = script_of(norm)
        if key[0] == "ascii":
            key = ("latin1", False)  # the Latin-1 regexes serve ASCII text as fast (one compilation less)
        found = self._by_script.get(key)
        if found is None:
            found = self._by_script[key] = self._compile(*key)
        return found

    def _compile(self, script: str, cjk: bool) -> list[tuple[re.Pattern[str], int]]:
        limit = _LIMIT.get(script)

        def fits(alt: str) -> bool:
            if is_cjk_pattern(alt) and not cjk:
                return False
            return limit is None or (_literal_head(alt) or "a")[-1] <= limit

        words = [a for a in self.words if fits(a)]
        others = [a for a in self.others if fits(a)]
        out = []
        if words:
            # consuming: a marker that spans several words is counted once ("always tells the truth" is one
            # clue, not also "tells the truth")
            out.append((re.compile(" (?:" + group_alternatives(words) + ")"), 1))
        if others:
            out.append((re.compile(group_alternatives(others)), 0))
        return out


    def precompile(self) -> None:
        """Compile the regexes of every script now (a classifier does it at construction, not on a request)."""
        for key in (("latin1", False), ("any", False), ("any", True)):
            if key not in self._by_script:
                self._by_script[key] = self._compile(*key)

    def any_in(self, norm: str, start: int, end: int, slack: int = 60) -> bool:
        """True when a marker *starts* in ``norm[start:end]`` (it may run on past ``end``, by at most
        ``slack`` characters). For a short slice: nothing is kept."""
        for rx, shift in self.regexes(norm):
            m = rx.search(norm, max(0, start - shift), min(len(norm), end + slack))
            if m is not None and start <= m.start() + shift < end:
                return True
        return False


_last_script: list = [None, ("ascii", False)]


def script_of(norm: str) -> tuple[str, bool]:
    """``(script, has CJK)`` of a normalized window: ``ascii``, ``latin1`` or ``any``. The checkers of one
    window ask several times; the answer for the last window asked about is kept (by identity)."""
    last = _last_script
    if last[0] is norm:
        return last[1]
    script = "ascii" if norm.isascii() else "latin1" if is_latin1(norm) else "any"
    key = (script, script == "any" and has_cjk(norm))
    last[0], last[1] = norm, key
    return key


def compile_markers(patterns: list[str] | tuple[str, ...]) -> Markers:
    """The compiled form of a marker list (see :class:`Markers`)."""
    return Markers(patterns)


class Found:
    """Sorted start positions of the matches of a marker list in one normalized window, from ``start`` on
    (``start`` = 0: all of them; a checker that needs only the markers after some position skips the rest)."""

    __slots__ = ("starts", "start")

    def __init__(self, markers: Markers, norm: str, start: int = 0) -> None:
        starts: list[int] = []
        for rx, shift in markers.regexes(norm):
            starts.extend(m.start() + shift for m in rx.finditer(norm, max(0, start - shift)))
        starts.sort()
        self.starts = starts
        self.start = start

    def count(self, start: int, end: int) -> int:
        return bisect_left(self.starts, end) - bisect_left(self.starts, start)

    def in_range(self, start: int, end: int) -> list[int]:
        return self.starts[bisect_left(self.starts, start):bisect_left(self.starts, end)]
