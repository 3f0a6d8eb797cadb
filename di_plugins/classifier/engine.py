"""The ordered rules (first match wins). What each rule reads: the package docstring and :mod:`.scope`."""

from __future__ import annotations

from typing import Any

from ..context import Classification, Effort
from .effort import resolve_effort
from .estimate import estimate_tokens, text_units
from .frames import GIVEN_TEXT
from .intent import split_effort_suffix
from .patterns import Accept, Hit
from .scope import Task, task_of
from .settings import ClassifierSettings
from .tokens import normalize
from .view import RequestView

RULE_NAMES: dict[int, str] = {
    1: "document",
    2: "image",
    3: "long_input",
    4: "tools",
    5: "code_text",
    6: "json_output",
    7: "reasoning_language",
    8: "simple_task",
    9: "model_intent",
}
"""Rule number -> name, as reported in ``Classification.rule_name`` and by the explain endpoint."""

_RULE_OF = {"code": 5, "json": 6, "extraction": 6, "reason": 7, "puzzle": 7, "word_problem": 7, "simple": 8}
_TYPE_OF = {"code": "code", "json": "json", "extraction": "json", "reason": "reason", "puzzle": "reason",
            "word_problem": "reason"}
_PAYLOAD_RULES = frozenset(("reason", "puzzle", "word_problem"))
"""Rule 7 cues that do not count inside the text a rule 8 task stated before them works on."""
_USER_PHRASES = frozenset(("code", "json", "extraction", "reason", "puzzle", "word_problem", "simple"))
_CHECKS = {"word_problem": "word_problems", "extraction": "sources", "puzzle": "puzzles", "simple": "about_frames",
           "reason": "opinion_frames"}
"""Phrase rules whose hits a checker of the settings confirms (see :meth:`Classifier._accept`)."""
# coding-request phrases (``patterns.code``, empty by default) count in the user turn only: system
# prompts of generic assistants list programming among their skills
_SYSTEM_PHRASES = frozenset(("json", "extraction", "reason", "puzzle", "word_problem", "simple"))


def _head_tail(text: str, head: int, tail: int) -> list[tuple[str, int]]:
    n = len(text)
    if n <= head + tail:
        return [(text, 0)]
    out = []
    if head:
        out.append((text[:head], 0))
    if tail:
        out.append((text[n - tail:], n - tail))
    return out


class Classifier:
    """Classifies request bodies with one :class:`ClassifierSettings` (compiled at its construction)."""

    def __init__(self, settings: ClassifierSettings | None = None, cache_size: int = 512) -> None:
        self.settings = settings or ClassifierSettings()
        self._cache: dict[str, Hit | None] = {}  # system prompt (the parts the scan reads) -> result
        self._cache_size = cache_size
        for script in ("latin1", "any"):  # compile the regexes now, not on a first request (ASCII text
            self.settings.phrase_matcher._subset(_USER_PHRASES, script)  # uses the Latin-1 ones)
            self.settings.phrase_matcher._subset(_SYSTEM_PHRASES, script)
        s = self.settings
        for markers in (s.word_problems.quantity, s.word_problems.given, s.sources.source, s.puzzles.clue,
                        s.about_frames.before, s.about_frames.after, s.opinion_frames.before):
            markers.precompile()

    # ----------------------------------------------------------------------------------------------
    def effort(self, request: Any, ctx: Any) -> tuple[Effort, str]:
        """``(Effort, intent model)``: see :mod:`di_plugins.classifier.effort`. May raise RequestError."""
        model = getattr(ctx, "caller_model", "") or (request.get("model") if isinstance(request, dict) else "")
        return resolve_effort(request, getattr(ctx, "headers", None), getattr(ctx, "query", None), model,
                              self.settings.budget_level)

    def base_type(self, intent_model: str) -> tuple[str, str | None]:
        return self.settings.intent.base_type(intent_model)

    # ----------------------------------------------------------------------------------------------
    def classify(self, request: Any, *, effort: str = "auto", intent_model: str | None = None,
                 model: str | None = None) -> Classification:
        """Classify ``request``. Never raises: on any internal failure it falls back to rule 9.

        ``intent_model`` is the model id without effort suffix; when omitted it is derived from
        ``model`` (or ``request["model"]``).
        """
        if intent_model is None:
            if model is None and isinstance(request, dict):
                model = request.get("model")
            intent_model = split_effort_suffix(model)[0]
        try:
            base, base_pattern = self.base_type(intent_model)
        except Exception:  # pragma: no cover - patterns are validated; defensive
            base, base_pattern = self.settings.default_base_type, None
        try:
            return self._classify(request, effort, base, base_pattern)
        except Exception as exc:  # never raise on odd input
            return Classification(request_type=base, rule=9, rule_name=RULE_NAMES[9],
                                  evidence={"fallback": type(exc).__name__}, base_type=base,
                                  base_pattern=base_pattern, estimated_tokens=0)

    def _classify(self, request: Any, effort: str, base: str, base_pattern: str | None) -> Classification:
        s = self.settings
        view = RequestView.of(request)
        chars, extra = text_units(view.texts)
        tokens = estimate_tokens(chars, extra, chars_per_token=s.chars_per_token,
                                 cjk_tokens_per_char=s.cjk_tokens_per_char, images=view.images,
                                 documents=view.documents, image_tokens=s.image_tokens,
                                 document_tokens=s.document_tokens, json_chars=view.json_chars)

        def result(rtype: str, rule: int, evidence: dict[str, Any]) -> Classification:
            return Classification(request_type=rtype, rule=rule, rule_name=RULE_NAMES[rule], evidence=evidence,
                                  base_type=base, base_pattern=base_pattern, estimated_tokens=tokens)

        if view.documents:
            return result("document", 1, dict(view.first_document or {}, count=view.documents))
        if view.images:
            return result("vision", 2, dict(view.first_image or {}, count=view.images))
        if tokens > s.long_context_tokens:
            return result("long", 3, {"estimated_tokens": tokens, "window": s.long_context_tokens})
        if view.tools or view.forced_tool:
            ev: dict[str, Any] = {}
            if view.tools:
                ev["tools"] = view.tools
            if view.forced_tool:
                ev["forced"] = view.forced_tool
            return result("code", 4, ev)

        hit, window = self._text_rules(task_of(view))
        if hit is not None and hit.rule == "code":
            return result("code", 5, self._evidence(hit, window))
        if view.json_format is not None:
            return result("json", 6, dict(view.json_format))
        if hit is not None:
            rule = _RULE_OF[hit.rule]
            ev = self._evidence(hit, window)
            if hit.rule == "simple":
                if effort in s.simple_pro_efforts:
                    ev["effort"] = effort
                    return result("pro", 8, ev)
                return result("flash", 8, ev)
            return result(_TYPE_OF[hit.rule], rule, ev)
        return result(base, 9, {"model_pattern": base_pattern} if base_pattern else {})

    # ----------------------------------------------------------------------------------------------
    def _text_rules(self, task: Task) -> tuple[Hit | None, tuple[str, Any] | None]:
        """Best rule 5–8 hit in the latest user turn and the system prompt (nothing else, see .scope).

        The system prompt repeats from request to request (same application), so its result is cached
        per text; the latest user turn is always scanned.
        """
        best = self._scan_user(task.user) if task.user else None
        where = ("user", task.user_where) if best is not None else None
        if best is not None and best.rule == "code":
            return best, where
        if task.system:
            hit = self._cached_system(task.system)
            rank = self.settings.phrase_matcher.rank
            if hit is not None and (best is None or rank[hit.rule] < rank[best.rule]):
                return hit, ("system", task.system_where)
        return best, where

    def _cached_system(self, text: str) -> Hit | None:
        scan = self.settings.scan
        head = max(scan["code_system_chars"], scan["system_chars"])
        tail = scan["system_tail_chars"]
        key = text if len(text) <= head + tail else text[:head] + "\x00" + text[len(text) - tail:]
        cache = self._cache
        if key in cache:
            return cache[key]
        hit = self._scan_system(text)
        if len(cache) >= self._cache_size:
            cache.clear()
        cache[key] = hit
        return hit

    def _accept(self, text: str, norm: str, offset: int, simple: tuple[int, int] | None) -> Accept:
        """The position rules of a phrase hit in one window of ``text`` (``offset`` = window start):
        rule 8 near the edges (``simple`` = (head, tail start) in whole-text indexes, or None for
        anywhere) and not in a question about the task (:mod:`.frames`), rule 7 phrases not in an opinion
        question, word problems with their quantities (:mod:`.wordproblem`), puzzle questions with their
        clues (:mod:`.puzzles`), extraction requests with the text they point at (:mod:`.extraction`)."""
        settings = self.settings
        checkers: dict[str, Any] = {}

        def check(rule: str, start: int, end: int) -> bool:
            checker = checkers.get(rule)
            if checker is None:
                which = _CHECKS[rule]
                checker = checkers[rule] = getattr(settings, which).checker(text, norm)
            return checker(start, end)

        def accept(rule: str, start: int, end: int) -> bool:
            if rule == "simple" and simple is not None and simple[0] <= start + offset < simple[1]:
                return False
            if rule in _CHECKS:
                return check(rule, start, end)
            return True

        return accept

    def _scan_user(self, text: str) -> Hit | None:
        """Code shapes, then phrases (rules 6–8 and any site ``code`` phrases) in the latest user turn."""
        s = self.settings
        scan = s.scan
        for chunk, offset in _head_tail(text, scan["code_head_chars"], scan["code_tail_chars"]):
            hit = s.code_matcher.search(chunk)
            if hit is not None:
                hit.pos += offset
                return hit
        n = len(text)
        simple = (scan["simple_head_chars"], n - scan["simple_tail_chars"])
        best: Hit | None = None
        best_rank = 99
        for chunk, offset in _head_tail(text, scan["user_head_chars"], scan["user_tail_chars"]):
            norm = normalize(chunk)
            hit = s.phrase_matcher.scan(norm, _USER_PHRASES, self._accept(chunk, norm, offset, simple), best_rank)
            if hit is not None:
                hit.pos += offset
                best, best_rank = hit, s.phrase_matcher.rank[hit.rule]
                if best_rank == 0:
                    break
        if best is not None and best.rule in _PAYLOAD_RULES and best.pos < scan["simple_head_chars"] + 200:
            task = self._task_before(text, best.pos)
            if task is not None:
                return task
        return best

    def _task_before(self, text: str, pos: int) -> Hit | None:
        """A rule 8 task stated before the text it works on, when a rule 7 cue at ``pos`` lies in that text:
        "Translate into German: 'Prove that √2 is irrational. Proof: ...'" asks for a translation; the proof is
        the payload, not the request (README rule notes). The task must open the turn (in its first
        ``simple_head_chars``) and give its text after a colon or a quotation mark, before the cue."""
        given = GIVEN_TEXT.search(text, 0, pos + 1)
        if given is None:
            return None
        head = text[:min(given.start() + 1, self.settings.scan["simple_head_chars"])]
        hit = self.settings.phrase_matcher.first(normalize(head), "simple")
        if hit is None or hit.pos >= given.start():
            return None
        return hit

    def _scan_system(self, text: str) -> Hit | None:
        """Code shapes, then rule 6–8 phrases in the system prompt."""
        s = self.settings
        scan = s.scan
        hit = s.code_matcher.search(text[:scan["code_system_chars"]])
        if hit is not None:
            return hit
        limit = scan["simple_system_chars"]
        best: Hit | None = None
        best_rank = 99
        for chunk, offset in _head_tail(text, scan["system_chars"], scan["system_tail_chars"]):
            norm = normalize(chunk)
            hit = s.phrase_matcher.scan(norm, _SYSTEM_PHRASES, self._accept(chunk, norm, offset, (limit, 1 << 62)),
                                        best_rank)
            if hit is not None:
                hit.pos += offset
                best, best_rank = hit, s.phrase_matcher.rank[hit.rule]
        return best

    @staticmethod
    def _evidence(hit: Hit, window: tuple[str, Any]) -> dict[str, Any]:
        role, where = window
        return {"message": where, "role": role, "list": "patterns." + hit.source, "pattern": hit.pattern,
                "match": hit.text}
