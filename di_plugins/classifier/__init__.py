"""Request classification: deterministic, local, explainable, cheap.

A request gets one of eight types. The rules are checked in order and the first match wins (the
DirectInference reference, §3); capability signals beat the model name:

====  ======================  =====================================================================
 #    rule name               type
====  ======================  =====================================================================
 1    ``document``            ``document``: a PDF / file part anywhere (OpenAI ``file``/``input_file``,
                              an ``image_url`` data URL or link whose media type / extension is a
                              document, Anthropic ``document``, Gemini ``inlineData``/``fileData`` with
                              a non-image, non-video, non-audio MIME type)
 2    ``image``               ``vision``: an image part anywhere, any message (data URL or remote URL,
                              Anthropic ``image``, Gemini image or video ``inlineData``)
 3    ``long_input``          ``long``: estimated input tokens > ``long_context_tokens`` (128000)
 4    ``tools``               ``code``: tool definitions (``tools``, ``functions``,
                              ``functionDeclarations``) or a forced tool choice (``required``,
                              ``{"type":"function"}``, Anthropic ``{"type":"tool"|"any"}``, Gemini
                              ``mode: ANY``), even without definitions
 5    ``code_text``           ``code``: code-*shaped* text (:mod:`.shapes`): fenced blocks whatever their
                              tag or content, diffs, stack traces, compiler and runtime output,
                              repository paths / source file names, Windows paths (``C:\\...\\x.dll``),
                              shell sessions and command lines, inline code with code syntax, unfenced
                              source lines. Never technical vocabulary: a question about a language, two
                              databases to compare, a pet python are prose (rules 6-9)
 6    ``json_output``         ``json``: ``response_format`` json_schema/json_object, Gemini
                              ``responseMimeType``/``responseSchema``, Anthropic ``output_format``, or
                              extraction / JSON-output language (:mod:`.lexicon`); a request for data
                              items in other words ("pull out the date from this message") counts
                              with the text it points at (:mod:`.extraction`), or with a strong
                              extraction verb and a table to fill ("вытащи даты ... оформи таблицей")
 7    ``reasoning_language``  ``reason``: multi-step reasoning language (step by step, prove, derive,
                              weigh options to decide, plans, puzzles posed to solve, math to solve),
                              not in an opinion question (:mod:`.frames`); a word problem: a quantity
                              question with its quantities (:mod:`.wordproblem`); a posed puzzle: a
                              question that asks who / which / in what order with its clues around it
                              (:mod:`.puzzles`)
 8    ``simple_task``         ``flash`` (``pro`` when effort is ``high``/``xhigh``/``max``): a simple
                              summarize / classify / translate / rewrite / proofread task, "reply with
                              exactly X", or a system prompt that makes the assistant a translator,
                              proofreader or classifier (the user turn is then only the text); not a
                              question *about* the task ("how should I summarize a book?") unless the
                              text to work on comes with it (:mod:`.frames`)
 9    ``model_intent``        the model-intent base type, ``flash`` or ``pro``
====  ======================  =====================================================================

Which text counts
-----------------
* Rules 1–4 are structural and read the **whole request**: every message of every role (tool results
  included, also nested Anthropic ``tool_result`` content), the system prompt, tool definitions.
* Rules 5–8 read the **task** and nothing else (:mod:`.scope`, the one place that decides it): the
  latest user turn (the last user message with human text, skipping turns that only carry tool
  results) and the system prompt. Earlier user turns, assistant turns (code in an earlier answer, a
  prefill), tool results and reasoning text never count: a "thanks!" after a traceback is not
  ``code``, a question after a "summarize this" is not ``flash``.

  - Code shapes (rule 5): the first 48 000 and last 16 000 characters of the latest user turn and the
    first 8 000 of the system prompt.
  - Phrases of rules 6–8: the first 1 000 and last 500 characters of the latest user turn and the first
    1 500 and last 500 of the system prompt. Rule 8 phrases must be near the edges, where a task is
    stated: the first 500 / last 300 characters of the latest user turn or the first 1 000 of the system
    prompt. Site phrases for rule 5 (``patterns.code``, empty by default) count in the user turn only.

  All window sizes are ``scan`` settings. The system prompt repeats between requests, so its scan
  result is cached per text (bounded); the latest user turn is always scanned. The checkers of rules 6-8
  read around a cue in the same window: its sources, quantities, clues (``*_before_chars`` /
  ``*_after_chars``) and the frames of its sentence (``frame_chars``), see :mod:`.markers`.
* A response schema (rule 6) is structural but still ranks after code text (rule 5), as in the table.

Languages
---------
The rule 6–8 lexicons (:mod:`.lexicon`) cover English, Spanish, Portuguese, French, German, Russian,
Chinese, Japanese and Hindi (and some Italian, Dutch, Korean). :mod:`.tokens` makes word starts work in
every script: punctuation such as ``¿`` or ``«`` is a space, ``\\b`` in Devanagari phrases knows the
combining vowel signs, CJK phrases are matched anywhere, Latin words inside CJK text are words.

Effort and intent
-----------------
Effort (:mod:`.effort`) is resolved first, by ``di_effort``; it only moves rule 8 between ``flash`` and
``pro``. The base type (rule 9) comes from the model id with any effort suffix removed
(:mod:`.intent`): ``pro`` patterns first (``di-max``, ``di-fusion``, ``di``), then ``flash`` patterns
(mini, nano, micro, tiny, small, lite, light, flash, haiku, instant, fast, air, saver as whole tokens of
the id, so ``gemini-2.5-pro`` is ``pro`` although "gemini" contains "mini", and ``gemini-*-flash*`` is
``flash``; ``gpt-3.5``, ``qwen-*-turbo``, ``ministral``, an explicit size of at most 14B such as
``llama3:8b``), else ``default_base_type`` (``pro``). Unknown, legacy and future ids are intent, never
errors.

Token estimate
--------------
See :mod:`.estimate`: characters / 4 for ASCII, a CJK character ~1 token, plus 1000 per image and 3000
per document part (base64 payloads are not text).

Odd input
---------
Classification never raises. Non-dict bodies or messages, null or empty content, unknown part types and
huge strings are skipped or capped. A body with nothing to go on is rule 9 (the model-intent base type,
``pro`` for an empty or unknown id). Should anything unexpected still fail, the result is rule 9 with
``evidence = {"fallback": "<error type>"}``. An invalid *effort* value (header, query,
``reasoning_effort``) is not odd input but a caller error: ``di_effort`` raises a 400.

Public API: :class:`ClassifierSettings` (``from_mapping``), :class:`Classifier`, :func:`explain`,
:func:`resolve_effort`, :func:`split_effort_suffix`, :func:`estimate_tokens`, and the plugin
:class:`di_plugins.builtin.classification.ClassificationPlugin`.
"""

from __future__ import annotations

from .effort import resolve_effort
from .engine import RULE_NAMES, Classifier
from .estimate import estimate_text_tokens, estimate_tokens
from .explain import explain, explain_request
from .intent import normalize_effort, split_effort_suffix
from .settings import ClassifierSettings

__all__ = [
    "RULE_NAMES",
    "Classifier",
    "ClassifierSettings",
    "estimate_text_tokens",
    "estimate_tokens",
    "explain",
    "explain_request",
    "normalize_effort",
    "resolve_effort",
    "split_effort_suffix",
]
