"""Default data of the classifier: model-intent patterns, pattern lists, text windows, budgets.

Everything here is *data*: ``di.classifier`` in ``config.yaml`` can replace any list (``patterns.<list>``,
``model_patterns.<type>``) or append to it (``extra_patterns.<list>``, ``extra_model_patterns.<type>``).
The rule 5 code shapes are in :mod:`.shapes`, the rule 6–8 cue lexicons (per language) in
:mod:`.lexicon`; both modules say how their patterns are matched.
"""

from __future__ import annotations

from .lexicon import DEFAULT_LEXICON_PATTERNS
from .shapes import DEFAULT_CODE_INLINE, DEFAULT_CODE_LINE

# --------------------------------------------------------------------------------------------------
# Model intent (base type). Regexes searched in the lower-cased model id (effort suffix removed).
# ``pro`` patterns are tried first, then ``flash``; no match -> ``default_base_type`` (pro).
# ``(?<![a-z0-9])`` / ``(?![a-z0-9])`` make a word a whole token of the id, so ``mini`` does not
# match ``gemini`` and ``lite`` does not match ``elite``.
# --------------------------------------------------------------------------------------------------
_T0 = r"(?<![a-z0-9])"
_T1 = r"(?![a-z0-9])"

DEFAULT_MODEL_PATTERNS: dict[str, tuple[str, ...]] = {
    "pro": (
        r"^di-max$",  # catalog: maximum capability
        r"^di-fusion$",  # catalog: the default grade
        r"^di$",  # legacy catalog default
    ),
    "flash": (
        r"^di-(?:saver|fast)$",  # catalog: cheapest grade (di-fast is its alias)
        _T0 + r"(?:mini|nano|micro|tiny|small|lite|light|flash|haiku|instant|fast|air|saver)" + _T1,
        r"gpt-3\.5|gpt-35",  # gpt-3.5-turbo (Azure spells it gpt-35-turbo); gpt-4-turbo stays pro
        r"^qwen[\w.-]*-turbo",  # qwen-turbo is Alibaba's cheap tier (qwen-plus / qwen-max stay pro)
        _T0 + r"ministral",  # Mistral's edge models
        # an explicit parameter count of at most 14B: llama3:8b, qwen2.5-7b, gemma-2-9b, qwen2.5:0.5b
        r"(?<![a-z0-9.])(?:0\.\d+|[1-9](?:\.\d+)?|1[0-4](?:\.\d+)?)b" + _T1,
    ),
}

# --------------------------------------------------------------------------------------------------
# Rules 5-8: code shapes (:mod:`.shapes`) and the per-language cue lexicons (:mod:`.lexicon`).
# ``code`` (coding-request phrases) is empty: rule 5 reads shapes, never vocabulary. The list is kept so
# that a site can still add phrases of its own (``extra_patterns.code``), knowingly.
# --------------------------------------------------------------------------------------------------
DEFAULT_PATTERNS: dict[str, tuple[str, ...]] = {
    "code_line": DEFAULT_CODE_LINE,
    "code_inline": DEFAULT_CODE_INLINE,
    "code": (),
    **DEFAULT_LEXICON_PATTERNS,
}

# --------------------------------------------------------------------------------------------------
# How much text the text rules read (characters). See the package docstring.
# --------------------------------------------------------------------------------------------------
DEFAULT_SCAN: dict[str, int] = {
    "user_head_chars": 1000,  # phrases (rules 6-8): head of the latest user turn ...
    "user_tail_chars": 500,  # ... and its tail
    "system_chars": 1500,  # phrases (rules 6-8): head of the system prompt ...
    "system_tail_chars": 500,  # ... and its tail (output-format instructions often come last)
    "simple_head_chars": 500,  # rule 8 only counts in the first ...
    "simple_tail_chars": 300,  # ... or last characters of the latest user turn,
    "simple_system_chars": 1000,  # or the first characters of the system prompt
    "code_head_chars": 48000,  # code shapes (rule 5): head of the latest user turn ...
    "code_tail_chars": 16000,  # ... and its tail
    "code_system_chars": 8000,  # code shapes: head of the system prompt
    "word_problem_before_chars": 400,  # rule 7 word problems: quantities before the question ...
    "word_problem_after_chars": 300,  # ... or after it, in its sentence, behind a "given" marker
    "extraction_before_chars": 300,  # rule 6 extraction requests: the text they point at before the cue ...
    "extraction_after_chars": 300,  # ... or after it, in its sentence (see .extraction)
    "puzzle_before_chars": 800,  # rule 7 puzzles: clues before the question ...
    "puzzle_after_chars": 600,  # ... or after it (see .puzzles)
    "puzzle_near_chars": 120,  # ... and at least one within this distance of the question
    "frame_chars": 300,  # about / opinion frames: how far from the cue, in its sentence (see .frames)
}

# Anthropic ``thinking.budget_tokens`` / Gemini ``thinkingBudget`` -> effort level:
# (inclusive upper bound, level); the last bound is None (anything larger).
# 0 = thinking off; LiteLLM's low/medium/high budgets (1024/2048/4096) land on low/low/medium,
# Claude Code's think/megathink/ultrathink (4000/10000/31999) on low/medium/xhigh.
DEFAULT_THINKING_BUDGET_LEVELS: tuple[tuple[int | None, str], ...] = (
    (0, "fast"),
    (1023, "minimal"),
    (4095, "low"),
    (12287, "medium"),
    (24575, "high"),
    (49151, "xhigh"),
    (None, "max"),
)
