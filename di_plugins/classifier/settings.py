"""``di.classifier`` settings: validated once, with every pattern compiled at construction.

Example (every key optional; shown with the defaults where short)::

    di:
      classifier:
        long_context_tokens: 128000     # rule 3: "standard window", in estimated tokens
        chars_per_token: 4              # ASCII text
        cjk_tokens_per_char: 1          # a CJK/kana/hangul character
        image_tokens: 1000              # per image (or video) part
        document_tokens: 3000           # per document / PDF / file part
        default_base_type: pro          # rule 9 when no model pattern matches
        simple_pro_efforts: [high, xhigh, max]   # rule 8 gives pro at these efforts
        word_problem_numbers: 2         # quantities a word-problem question needs (see .wordproblem)
        puzzle_clues: 3                 # clue markers a puzzle question needs (see .puzzles)
        model_patterns:                 # replace a default list ...
          flash: ['(?<![a-z0-9])(?:mini|nano|flash|haiku)(?![a-z0-9])']
        extra_model_patterns:           # ... or append to it
          pro: ['^acme-large']
        patterns:                       # code_line, code_inline, code, json, extraction, source, reason,
          reason: ['step[ -]by[ -]step', 'prove (?:that|the)']   # opinion, puzzle, clue, word_problem,
                                                                 # quantity, given, simple, about,
                                                                 # about_after
        extra_patterns:
          simple: ['résume ce texte']
          reason: ['पहेली हल']
        scan: {user_head_chars: 2000, user_tail_chars: 1000, puzzle_near_chars: 120, frame_chars: 300}
        thinking_budget_levels: [[0, fast], [1023, minimal], [4095, low], [12287, medium],
                                 [24575, high], [49151, xhigh], [null, max]]

The default lists: :mod:`.shapes` (rule 5, ``code_line``/``code_inline``) and :mod:`.lexicon` (rules 6–8,
per language), which also say how each kind is matched.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .. import EFFORT_LEVELS
from ..errors import ConfigError
from .defaults import (
    DEFAULT_MODEL_PATTERNS,
    DEFAULT_PATTERNS,
    DEFAULT_SCAN,
    DEFAULT_THINKING_BUDGET_LEVELS,
)
from .extraction import Sources
from .frames import Frames
from .intent import ModelIntent, normalize_effort
from .patterns import CodeMatcher, PhraseMatcher
from .puzzles import Puzzles
from .wordproblem import WordProblems

PATTERN_KINDS = ("code_line", "code_inline", "code", "json", "extraction", "source", "reason", "opinion", "puzzle",
                 "clue", "word_problem", "quantity", "given", "simple", "about", "about_after")
PHRASE_KINDS = ("code", "json", "extraction", "reason", "puzzle", "word_problem", "simple")
"""The phrase rules, in priority order (rule 5 site phrases first, rule 8 last)."""
LOWER_CASE_KINDS = PHRASE_KINDS + ("source", "opinion", "clue", "quantity", "given", "about", "about_after")
BASE_TYPES = ("flash", "pro")

_TOP_KEYS = ("long_context_tokens", "chars_per_token", "cjk_tokens_per_char", "image_tokens",
             "document_tokens", "default_base_type", "simple_pro_efforts", "word_problem_numbers",
             "puzzle_clues", "model_patterns",
             "extra_model_patterns", "patterns", "extra_patterns", "scan", "thinking_budget_levels")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, Mapping):
        return "mapping"
    return type(value).__name__


def _expected(path: str, what: str, value: Any) -> ConfigError:
    return ConfigError(f"{path}: expected {what}, got {_type_name(value)}")


def _int(path: str, value: Any, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected(path, "integer", value)
    if value < minimum:
        raise ConfigError(f"{path}: must be at least {minimum}, got {value}")
    return value


def _number(path: str, value: Any, positive: bool = True) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _expected(path, "number", value)
    if value < 0 or (positive and value == 0):
        raise ConfigError(f"{path}: must be {'greater than 0' if positive else 'at least 0'}, got {value}")
    return float(value)


def _mapping(path: str, value: Any, allowed: tuple[str, ...]) -> Mapping:
    if not isinstance(value, Mapping):
        raise _expected(path, "mapping", value)
    for key in value:
        if key not in allowed:
            raise ConfigError(f"{path}.{key}: unknown key (expected one of: {', '.join(allowed)})")
    return value


def _regex_list(path: str, value: Any, lower_case: bool = False) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        raise _expected(path, "list of regular expressions", value)
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise _expected(f"{path}[{i}]", "string", item)
        if not item:
            raise ConfigError(f"{path}[{i}]: empty pattern")
        try:
            re.compile(item)
        except re.error as exc:
            raise ConfigError(f"{path}[{i}]: invalid regular expression: {exc}") from None
        if lower_case and any(ch.isupper() for ch in re.sub(r"\\.", "", item)):
            raise ConfigError(f"{path}[{i}]: phrases are matched against lower-cased text; "
                              "write them in lower case")
        out.append(item)
    return tuple(out)


@dataclass(frozen=True)
class ClassifierSettings:
    """Validated ``di.classifier`` settings; the matchers are compiled once, at construction."""

    long_context_tokens: int = 128_000
    chars_per_token: float = 4.0
    cjk_tokens_per_char: float = 1.0
    image_tokens: int = 1000
    document_tokens: int = 3000
    default_base_type: str = "pro"
    simple_pro_efforts: tuple[str, ...] = ("high", "xhigh", "max")
    word_problem_numbers: int = 2
    puzzle_clues: int = 3
    model_patterns: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_MODEL_PATTERNS))
    patterns: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: dict(DEFAULT_PATTERNS))
    scan: Mapping[str, int] = field(default_factory=lambda: dict(DEFAULT_SCAN))
    thinking_budget_levels: tuple[tuple[int | None, str], ...] = DEFAULT_THINKING_BUDGET_LEVELS

    # compiled (not part of equality)
    intent: ModelIntent = field(init=False, repr=False, compare=False)
    code_matcher: CodeMatcher = field(init=False, repr=False, compare=False)
    phrase_matcher: PhraseMatcher = field(init=False, repr=False, compare=False)
    word_problems: WordProblems = field(init=False, repr=False, compare=False)
    sources: Sources = field(init=False, repr=False, compare=False)
    puzzles: Puzzles = field(init=False, repr=False, compare=False)
    about_frames: Frames = field(init=False, repr=False, compare=False)
    opinion_frames: Frames = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        patterns = {k: tuple(self.patterns.get(k, ())) for k in PATTERN_KINDS}
        scan = dict(DEFAULT_SCAN)
        scan.update(self.scan)
        object.__setattr__(self, "patterns", patterns)
        object.__setattr__(self, "scan", scan)
        object.__setattr__(self, "intent", ModelIntent(self.model_patterns.get("pro", ()),
                                                      self.model_patterns.get("flash", ()),
                                                      self.default_base_type))
        code_matcher, phrase_matcher = _matchers(tuple(patterns[k] for k in PATTERN_KINDS))
        object.__setattr__(self, "code_matcher", code_matcher)
        object.__setattr__(self, "phrase_matcher", phrase_matcher)
        object.__setattr__(self, "word_problems", WordProblems(
            patterns["quantity"], patterns["given"], self.word_problem_numbers,
            scan["word_problem_before_chars"], scan["word_problem_after_chars"]))
        object.__setattr__(self, "sources", Sources(
            patterns["source"], scan["extraction_before_chars"], scan["extraction_after_chars"]))
        object.__setattr__(self, "puzzles", Puzzles(
            patterns["clue"], self.puzzle_clues, scan["puzzle_before_chars"], scan["puzzle_after_chars"],
            scan["puzzle_near_chars"]))
        object.__setattr__(self, "about_frames", Frames(patterns["about"], patterns["about_after"],
                                                               scan["frame_chars"]))
        object.__setattr__(self, "opinion_frames", Frames(patterns["opinion"], None, scan["frame_chars"],
                                                                 given_text=False))

    def budget_level(self, budget: int) -> str:
        """The effort level of a thinking budget (see ``thinking_budget_levels``)."""
        for bound, level in self.thinking_budget_levels:
            if bound is None or budget <= bound:
                return level
        return self.thinking_budget_levels[-1][1] if self.thinking_budget_levels else "auto"

    # ----------------------------------------------------------------------------------------------
    @classmethod
    def from_mapping(cls, mapping: Mapping | None, path: str = "di.classifier") -> ClassifierSettings:
        """Validate the ``di.classifier`` section; raise :class:`ConfigError` naming the bad field."""
        if mapping is None:
            return cls()
        m = _mapping(path, mapping, _TOP_KEYS)
        kw: dict[str, Any] = {}
        if "long_context_tokens" in m:
            kw["long_context_tokens"] = _int(f"{path}.long_context_tokens", m["long_context_tokens"], 1)
        if "chars_per_token" in m:
            kw["chars_per_token"] = _number(f"{path}.chars_per_token", m["chars_per_token"])
        if "cjk_tokens_per_char" in m:
            kw["cjk_tokens_per_char"] = _number(f"{path}.cjk_tokens_per_char", m["cjk_tokens_per_char"], False)
        for key in ("image_tokens", "document_tokens", "word_problem_numbers", "puzzle_clues"):
            if key in m:
                kw[key] = _int(f"{path}.{key}", m[key], 0)
        if "default_base_type" in m:
            v = m["default_base_type"]
            if not isinstance(v, str):
                raise _expected(f"{path}.default_base_type", "string", v)
            if v not in BASE_TYPES:
                raise ConfigError(f"{path}.default_base_type: expected one of flash, pro, got {v!r}")
            kw["default_base_type"] = v
        if "simple_pro_efforts" in m:
            v = m["simple_pro_efforts"]
            if not isinstance(v, (list, tuple)):
                raise _expected(f"{path}.simple_pro_efforts", "list of effort levels", v)
            levels = []
            for i, item in enumerate(v):
                level = normalize_effort(item)
                if level is None:
                    raise ConfigError(f"{path}.simple_pro_efforts[{i}]: expected one of "
                                      f"{', '.join(EFFORT_LEVELS)}, got {item!r}")
                levels.append(level)
            kw["simple_pro_efforts"] = tuple(levels)
        model_patterns = {k: tuple(v) for k, v in DEFAULT_MODEL_PATTERNS.items()}
        if "model_patterns" in m:
            sub = _mapping(f"{path}.model_patterns", m["model_patterns"], BASE_TYPES)
            for k, v in sub.items():
                model_patterns[k] = _regex_list(f"{path}.model_patterns.{k}", v)
        if "extra_model_patterns" in m:
            sub = _mapping(f"{path}.extra_model_patterns", m["extra_model_patterns"], BASE_TYPES)
            for k, v in sub.items():
                model_patterns[k] = model_patterns[k] + _regex_list(f"{path}.extra_model_patterns.{k}", v)
        kw["model_patterns"] = model_patterns
        patterns = {k: tuple(v) for k, v in DEFAULT_PATTERNS.items()}
        if "patterns" in m:
            sub = _mapping(f"{path}.patterns", m["patterns"], PATTERN_KINDS)
            for k, v in sub.items():
                patterns[k] = _regex_list(f"{path}.patterns.{k}", v, lower_case=k in LOWER_CASE_KINDS)
        if "extra_patterns" in m:
            sub = _mapping(f"{path}.extra_patterns", m["extra_patterns"], PATTERN_KINDS)
            for k, v in sub.items():
                patterns[k] = patterns[k] + _regex_list(f"{path}.extra_patterns.{k}", v,
                                                        lower_case=k in LOWER_CASE_KINDS)
        kw["patterns"] = patterns
        if "scan" in m:
            sub = _mapping(f"{path}.scan", m["scan"], tuple(DEFAULT_SCAN))
            scan = dict(DEFAULT_SCAN)
            for k, v in sub.items():
                scan[k] = _int(f"{path}.scan.{k}", v, 0)
            kw["scan"] = scan
        if "thinking_budget_levels" in m:
            kw["thinking_budget_levels"] = _budget_levels(f"{path}.thinking_budget_levels",
                                                          m["thinking_budget_levels"])
        try:
            return cls(**kw)
        except re.error as exc:  # patterns valid alone but not together (e.g. duplicate group names)
            raise ConfigError(f"{path}.patterns: the patterns cannot be combined: {exc}") from None


@functools.lru_cache(maxsize=8)
def _matchers(pattern_lists: tuple[tuple[str, ...], ...]) -> tuple[CodeMatcher, PhraseMatcher]:
    """Compiled matchers for the pattern lists (shared by settings with the same patterns; immutable)."""
    patterns = dict(zip(PATTERN_KINDS, pattern_lists, strict=True))
    return (CodeMatcher(list(patterns["code_line"]), list(patterns["code_inline"])),
            PhraseMatcher({k: list(patterns[k]) for k in PHRASE_KINDS}))


def _budget_levels(path: str, value: Any) -> tuple[tuple[int | None, str], ...]:
    if not isinstance(value, (list, tuple)) or not value:
        raise _expected(path, "non-empty list of [max_budget, level] pairs", value)
    out: list[tuple[int | None, str]] = []
    previous = -1
    for i, item in enumerate(value):
        p = f"{path}[{i}]"
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise _expected(p, "[max_budget, level] pair", item)
        bound, level_name = item
        level = normalize_effort(level_name)
        if level is None:
            raise ConfigError(f"{p}: expected an effort level ({', '.join(EFFORT_LEVELS)}), got {level_name!r}")
        if bound is None:
            if i != len(value) - 1:
                raise ConfigError(f"{p}: only the last pair may have a null bound")
        else:
            bound = _int(p, bound, 0)
            if bound <= previous:
                raise ConfigError(f"{p}: bounds must increase, got {bound} after {previous}")
            previous = bound
        out.append((bound, level))
    return tuple(out)
