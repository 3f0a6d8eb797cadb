"""Compiling the rule 5–8 pattern lists into a few fast combined regexes.

CPython's ``re`` tries every branch of an alternation at every position, which costs tens of
nanoseconds per character for a hundred keywords. Two tricks keep the scan near C speed:

* **Candidate skipping.** A combined regex whose branches all start with a literal character lets the
  engine skip in C to the next position holding one of those characters. Code-line patterns are
  anchored on ``\\n``; phrases on a space (the phrase text is normalized so every word start follows a
  space); inline code patterns should start with a rare literal (``/``, ``:``, ``E``...).
* **First-character grouping.** Alternatives sharing a first literal are merged
  (``s(?:tep by step|ummari[sz]e)``), so each candidate position costs one branch test per distinct
  first character instead of one per pattern.

* **Skipping what cannot match.** An inline code regex whose literal does not occur in the text is not
  run (``ch in text`` is a memchr); a phrase alternative whose first character is outside the text's
  script (ASCII, Latin-1, other) is left out of the regex used for that text.

Which pattern matched is only worked out for the few matches found (re-matching the per-rule and
per-pattern regexes at that position), so the hot path never uses named groups.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .tokens import blank_cjk, has_cjk, is_cjk_pattern, is_latin1, normalize, script_aware

try:  # the parser of the ``re`` module (``sre_parse`` before Python 3.11)
    from re._parser import parse as _parse
except ImportError:  # pragma: no cover - older layouts
    from sre_parse import parse as _parse  # type: ignore[no-redef]

_SPECIAL = set("\\.^$*+?{}[]()|")
_QUANT = set("*+?{")

normalize_phrase_text = normalize
"""Alias kept for callers of the earlier name (see :func:`.tokens.normalize`)."""

Accept = Callable[[str, int, int], bool]
"""``accept(rule, start, end) -> bool``: veto a phrase hit by position (indexes of the original text)."""


def _structure(pattern: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Walk a regex's structural characters: yields ``(index, char, depth)`` for each ``(``, ``)`` and
    ``|`` outside escapes and character classes (``depth`` counts groups open before the char), and a
    last ``(len(pattern), "[", depth)`` when the pattern ends inside a character class it left open."""
    depth = 0
    in_class = False
    i = start
    n = len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if i + 1 < n and pattern[i + 1] == "^":
                i += 1
            if i + 1 < n and pattern[i + 1] == "]":
                i += 1
        elif ch in "()|":
            yield i, ch, depth
            depth += 1 if ch == "(" else -1 if ch == ")" else 0
        i += 1
    if in_class:
        yield n, "[", depth


def split_top_level(pattern: str) -> list[str]:
    """Split a regex at its top-level ``|`` (not inside groups, classes or escapes)."""
    parts: list[str] = []
    start = 0
    for i, ch, depth in _structure(pattern):
        if ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    return parts


def _literal_head(alt: str) -> str | None:
    """The leading literal of a regex alternative (``a``, or an escaped ``\\.``) if it has one."""
    if not alt:
        return None
    if alt[0] == "\\":
        if len(alt) < 2 or alt[1].isalnum() or alt[1] == "_":
            return None  # \d, \b, \1 ... are not literals
        head = alt[:2]
    elif alt[0] in _SPECIAL:
        return None
    else:
        head = alt[0]
    if len(alt) > len(head) and alt[len(head)] in _QUANT:
        return None
    return head


def _group_end(pattern: str, start: int) -> int:
    """Index of the ``)`` closing the group opened at ``pattern[start]`` (-1 if unbalanced)."""
    for i, ch, depth in _structure(pattern, start):
        if ch == ")" and depth == 1:
            return i
    return -1


def expand_leading_group(alt: str, budget: int = 256) -> list[str]:
    """Distribute a leading non-capturing group: ``(?:a|b)c`` -> ``ac``, ``bc`` (recursively); an
    optional one too: ``(?:a )?b`` -> ``a b``, ``b``.

    Gives more alternatives a literal first character, which is what makes the combined regex fast.
    Returns ``[alt]`` unchanged when the group is otherwise quantified, capturing, or the expansion is
    too big.
    """
    if not alt.startswith("(?:"):
        return [alt]
    end = _group_end(alt, 0)
    if end < 0:
        return [alt]
    optional = alt[end + 1:end + 2] == "?" and alt[end + 2:end + 3] not in ("?", "+")
    if not optional and end + 1 < len(alt) and alt[end + 1] in _QUANT:
        return [alt]
    inner, rest = alt[3:end], alt[end + 2:] if optional else alt[end + 1:]
    pieces = split_top_level(inner) + ([""] if optional else [])
    if optional and not rest:
        return [alt]
    if len(pieces) > budget or any(not p for p in pieces[:len(pieces) - optional]):
        return [alt]
    out: list[str] = []
    for piece in pieces:
        out.extend(expand_leading_group(piece + rest, budget // max(1, len(pieces))) if budget > 1 else
                   [piece + rest])
    if not _compiles(out):
        return [alt]
    return out


_RISKY = re.compile(r"\\[1-9gkpPNuUx]|\(\?P|\(\?[aiLmsux-]|\(\?\(|\\$")
"""What a lexical check cannot vouch for: group references, inline flags, conditionals, a trailing backslash."""


def _balanced(alt: str) -> bool:
    """True when ``alt`` closes every group and character class it opens (see :func:`_structure`)."""
    depth = 0
    for _, ch, _ in _structure(alt):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return False
        elif ch == "[":  # a class left open to the end
            return False
    return depth == 0


def _compiles(alternatives: list[str]) -> bool:
    """True when each alternative is a valid regex (checked with one parse of all of them).

    Parsing is enough here and costs about half of a compile (this check runs for every split and expanded
    alternative of every list when a classifier is built): the alternatives come from splitting a pattern that
    compiles, so what can go wrong is syntax (a group or a class cut in two, a group reference left behind),
    which the parser finds; the combined regexes built from them are compiled anyway."""
    if not any(_RISKY.search(a) for a in alternatives) and all(_balanced(a) for a in alternatives):
        return True  # no group references or inline flags, groups and classes balanced: the split was safe
    try:
        _parse("|".join("(?:" + a + ")" for a in alternatives))
    except (re.error, RecursionError, OverflowError):
        return False
    return True


def group_alternatives(alternatives: list[str], depth: int = 4) -> str:
    """Combine regex alternatives into one alternation, merging those that share a leading literal
    (recursively, ``depth`` levels: ``s(?:t(?:ep by step)|u(?:mmari[sz]e))``): a small trie."""
    groups: dict[str, list[str]] = {}
    misc: list[str] = []
    for alt in alternatives:
        head = _literal_head(alt)
        if head is None:
            misc.append(alt)
        else:
            groups.setdefault(head, []).append(alt[len(head):])
    branches = []
    for head, rests in groups.items():
        if len(rests) == 1:
            branches.append(head + ("(?:" + rests[0] + ")" if rests[0] else ""))
        elif depth > 1 and all(rests):
            branches.append(head + "(?:" + group_alternatives(rests, depth - 1) + ")")
        else:
            branches.append(head + "(?:" + "|".join(rests) + ")")
    branches.extend("(?:" + m + ")" for m in misc)
    return "|".join(branches) if branches else "(?!)"


class _Lazy:
    """A regex compiled on first use: the per-alternative regexes are only needed to explain a hit."""

    __slots__ = ("pattern", "_rx")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if self._rx is None:
            self._rx = re.compile(self.pattern)
        return self._rx.match(text, pos)


def _labelled(kind: str, patterns: list[str], transform: Callable[[str], str] = str) -> list[tuple[str, str, _Lazy]]:
    """``(label, alternative, lazy regex)`` for each top-level alternative of each pattern, in order.

    ``transform`` rewrites an alternative before it is compiled (the label keeps it as configured).
    """
    out = []
    for i, p in enumerate(patterns):
        for alt in _alternatives([p]):
            out.append((f"{kind}[{i}]", alt, _Lazy(transform(alt))))
    return out


def _alternatives(patterns: list[str]) -> list[str]:
    alts: list[str] = []
    for p in patterns:
        pieces = [x for x in split_top_level(p) if x]
        if len(pieces) > 1 and not _compiles(pieces):
            pieces = [p]  # not splittable safely (e.g. inline flags): keep it whole
        for piece in pieces:
            alts.extend(expand_leading_group(piece))
    return alts


@dataclass(slots=True)
class Hit:
    """One text-rule match: the rule, the pattern (as configured), and the matched text."""

    rule: str
    pattern: str
    text: str
    pos: int
    source: str = ""  # which list entry: e.g. ``reason[0]`` (index in the configured list)


class CodeMatcher:
    """Rule 5 code shapes: ``code_line`` patterns at line starts plus ``code_inline`` anywhere.

    Matched case-sensitively on the raw text. The inline alternatives are split by their leading literal
    into one regex per literal, because a regex with a single literal prefix is scanned with a tight C
    loop (~0.7 ns/char) while a set of possible first characters costs ~5 ns/char; and a regex whose
    literal does not occur in the text is not run at all (``ch in text`` costs ~0.02 ns/char).
    ``search(text)`` returns the first :class:`Hit` found, or None.
    """

    def __init__(self, line_patterns: list[str], inline_patterns: list[str]) -> None:
        self.line = _labelled("code_line", line_patterns)
        self.inline = _labelled("code_inline", inline_patterns)
        regexes: list[tuple[str | None, re.Pattern[str]]] = []
        if self.line:
            regexes.append((None, re.compile(r"\n[ \t]*(?:" + group_alternatives([x[1] for x in self.line]) + ")")))
        by_head: dict[str, list[str]] = {}
        misc: list[str] = []
        for _, alt, _ in self.inline:
            head = _literal_head(alt)
            if head is None:
                misc.append(alt)
            else:
                by_head.setdefault(head, []).append(alt)
        for head, alts in by_head.items():
            regexes.append((head[-1], re.compile(group_alternatives(alts))))
        if misc:
            regexes.append((None, re.compile(group_alternatives(misc))))
        self.regexes = regexes
        self._indent = re.compile(r"\n[ \t]*")

    def search(self, text: str) -> Hit | None:
        if not text:
            return None
        subject = "\n" + text
        for head, rx in self.regexes:
            if head is not None and head not in text:
                continue
            m = rx.search(subject)
            if m is not None:
                hit = self._identify(subject, m)
                if hit is not None:
                    return hit
        return None

    def _identify(self, subject: str, m: re.Match[str]) -> Hit | None:
        start = m.start()
        if subject.startswith("\n", start):
            pos = self._indent.match(subject, start).end()
            for label, pattern, rx in self.line:
                found = rx.match(subject, pos)
                if found:
                    return Hit("code", pattern, found.group(0)[:80], max(pos - 1, 0), label)
        for label, pattern, rx in self.inline:
            found = rx.match(subject, start)
            if found:
                return Hit("code", pattern, found.group(0)[:80], max(start - 1, 0), label)
        return None  # pragma: no cover - the combined regex and the parts agree


class PhraseMatcher:
    """Rules 5 (site phrases only), 6, 7 and 8 as phrases, scanned in one pass per text window.

    ``rules`` maps a rule name to its phrases, in priority order (first = highest). Phrases are matched
    on :func:`.tokens.normalize` output at word starts; CJK phrases anywhere (see :mod:`.tokens`).
    """

    def __init__(self, rules: dict[str, list[str]]) -> None:
        self.order = list(rules)
        self.rank = {name: i for i, name in enumerate(self.order)}
        self.word_patterns: dict[str, list[tuple[str, str, _Lazy]]] = {}
        self.cjk_patterns: dict[str, list[tuple[str, str, _Lazy]]] = {}
        word_rule: dict[str, re.Pattern[str]] = {}
        cjk_rule: dict[str, re.Pattern[str]] = {}
        all_word: list[str] = []
        all_cjk: list[str] = []
        for name, patterns in rules.items():
            labelled = _labelled(name, patterns, script_aware)
            self.word_patterns[name] = [x for x in labelled if not is_cjk_pattern(x[1])]
            self.cjk_patterns[name] = [x for x in labelled if is_cjk_pattern(x[1])]
            wa = [x[2].pattern for x in self.word_patterns[name]]
            ca = [x[2].pattern for x in self.cjk_patterns[name]]
            all_word.extend(wa)
            all_cjk.extend(ca)
            if wa:
                word_rule[name] = re.compile(group_alternatives(wa))
            if ca:
                cjk_rule[name] = re.compile(group_alternatives(ca))
        self.word_rule = word_rule
        self.cjk_rule = cjk_rule
        self._word_alts = {name: [x[2].pattern for x in self.word_patterns[name]] for name in self.order}
        self._cjk_alts = {name: [x[2].pattern for x in self.cjk_patterns[name]] for name in self.order}
        self._subsets: dict[tuple[frozenset[str], str], tuple[re.Pattern[str] | None, list[re.Pattern[str]]]] = {}
        self._all = frozenset(self.order)

    def scan(self, norm: str, rules: frozenset[str] | None = None, accept: Accept | None = None,
             best_rank: int = 99) -> Hit | None:
        """Best (highest-priority) hit in normalized text ``norm``.

        ``rules`` limits which rules count; ``accept(rule, start, end)`` can veto a hit by position
        (indexes of the original text); only hits ranked better than ``best_rank`` are returned.

        In text containing CJK characters the word phrases are matched on a copy where CJK runs are
        blanked out, so ``Pythonでリスト`` still offers ``python`` as a word; CJK phrases are matched
        anywhere in the original.
        """
        best: Hit | None = None
        script = "ascii" if norm.isascii() else "latin1" if is_latin1(norm) else "any"
        cjk = script == "any" and has_cjk(norm)
        word_rx, cjk_rx = self._subset(self._all if rules is None else rules, script)
        if word_rx is not None:
            words = blank_cjk(norm) if cjk else norm
            word_rule = self._word_rule(script)
            for m in word_rx.finditer(words):
                hit = self._identify(words, m.start() + 1, word_rule, self.word_patterns, rules, accept, best_rank)
                if hit is not None:
                    best, best_rank = hit, self.rank[hit.rule]
                    if best_rank == 0:
                        return best
        if cjk:
            for rx in cjk_rx:
                for m in rx.finditer(norm):
                    hit = self._identify(norm, m.start(), self.cjk_rule, self.cjk_patterns, rules, accept, best_rank)
                    if hit is not None:
                        best, best_rank = hit, self.rank[hit.rule]
                        if best_rank == 0:
                            return best
        return best

    def first(self, norm: str, rule: str) -> Hit | None:
        """The first phrase of ``rule`` in normalized text ``norm`` (at a word start, or a CJK phrase anywhere),
        without position checks. For rare second looks (the engine's payload test): it searches with the per-rule
        regex, which has no leading space to skip to, so it is slower per character than :meth:`scan`."""
        script = "ascii" if norm.isascii() else "latin1" if is_latin1(norm) else "any"
        cjk = script == "any" and has_cjk(norm)
        best: Hit | None = None
        rx = self._word_rule(script).get(rule)
        if rx is not None:
            words = blank_cjk(norm) if cjk else norm
            pos = 1
            while True:
                m = rx.search(words, pos)
                if m is None:
                    break
                if words[m.start() - 1] == " ":
                    best = Hit(rule, rx.pattern, m.group(0).strip()[:80], m.start() - 1, rule)
                    break
                pos = m.start() + 1
        crx = self.cjk_rule.get(rule) if cjk else None
        if crx is not None:
            m = crx.search(norm, 1)
            if m is not None and (best is None or m.start() - 1 < best.pos):
                best = Hit(rule, crx.pattern, m.group(0).strip()[:80], m.start() - 1, rule)
        if best is not None:  # the configured pattern, as in a scan's evidence
            patterns = self.cjk_patterns if cjk and best.pattern is (crx.pattern if crx else None) else self.word_patterns
            for label, pattern, prx in patterns[rule] + self.cjk_patterns[rule]:
                if prx.match(norm, best.pos + 1):
                    best.pattern, best.source = pattern, label
                    break
        return best

    def _word_rule(self, script: str) -> dict[str, re.Pattern[str]]:
        """The per-rule word regexes that :meth:`_identify` re-matches at a hit. One set serves every script:
        an alternative whose literal first character cannot occur in the text fails at its first test, so
        leaving it out (a smaller program per script) saved little per hit and cost a compilation per script
        at start-up (round 6)."""
        return self.word_rule

    def _subset(self, rules: frozenset[str], script: str) -> tuple[re.Pattern[str] | None, list[re.Pattern[str]]]:
        """The word regex and the CJK regexes of some of the rules for text in ``script`` (``ascii``,
        ``latin1`` or ``any``), compiled on first use, then kept.

        Word alternatives whose literal first character cannot occur in the text are left out (the
        fewer first characters, the cheaper each word start). CJK alternatives with a literal first
        character share one regex, which the engine scans by first character; any others get a second
        regex, tried at every position.
        """
        if script == "ascii":
            script = "latin1"  # as fast on ASCII text as an ASCII-only program: one compilation less (round 6)
        key = (rules, script)
        found = self._subsets.get(key)
        if found is None:
            limit = {"ascii": "\x7f", "latin1": "\xff"}.get(script)
            alts = [a for name in self.order if name in rules for a in self._word_alts[name]]
            if limit is not None:
                alts = [a for a in alts if (_literal_head(a) or "a")[-1] <= limit]
            cjk = [] if limit is not None else [a for name in self.order if name in rules for a in self._cjk_alts[name]]
            headed = [a for a in cjk if _literal_head(a) is not None]
            others = [a for a in cjk if _literal_head(a) is None]
            found = (re.compile(" (?:" + group_alternatives(alts) + ")") if alts else None,
                     [re.compile(group_alternatives(x)) for x in (headed, others) if x])
            self._subsets[key] = found
        return found

    def _identify(self, norm: str, pos: int, rule_rx: dict[str, re.Pattern[str]],
                  rule_patterns: dict[str, list[tuple[str, str, _Lazy]]], rules: frozenset[str] | None,
                  accept: Accept | None, best_rank: int) -> Hit | None:
        for name in self.order:
            if self.rank[name] >= best_rank:
                return None
            if rules is not None and name not in rules:
                continue
            rx = rule_rx.get(name)
            m = rx.match(norm, pos) if rx is not None else None
            if m is None:
                continue
            if accept is not None and not accept(name, pos - 1, m.end() - 1):
                continue
            for label, pattern, prx in rule_patterns[name]:
                found = prx.match(norm, pos)
                if found:
                    return Hit(name, pattern, found.group(0).strip()[:80], pos - 1, label)
        return None
