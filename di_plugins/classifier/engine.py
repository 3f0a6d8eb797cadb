"""The ordered rules (first match wins). See the package docstring for what each rule reads."""

from __future__ import annotations

import re
from typing import Any

from ..context import Classification, Effort
from .effort import resolve_effort
from .estimate import estimate_tokens, text_units
from .intent import split_effort_suffix
from .patterns import Hit, normalize_phrase_text
from .settings import ClassifierSettings
from .view import RequestView, text_of

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

_RULE_OF = {"code": 5, "json": 6, "reason": 7, "word_problem": 7, "simple": 8}
_TYPE_OF = {"code": "code", "json": "json", "reason": "reason", "word_problem": "reason"}
_ALL_PHRASES = frozenset(("code", "json", "reason", "word_problem", "simple"))
_NO_CODE = frozenset(("json", "reason", "simple"))
_NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*")
_CODE_ONLY = frozenset(("code",))


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
        self._cache: dict[tuple[str, str], Hit | None] = {}
        self._cache_size = cache_size
        scan = self.settings.scan
        self._history_within_user = (scan["history_chars"] <= scan["code_head_chars"]
                                     and scan["history_phrase_chars"] <= scan["user_head_chars"])
        for is_ascii in (True, False):  # compile the system-prompt regex now, not on a first request
            self.settings.phrase_matcher._subset(_NO_CODE, is_ascii)

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

        hit, window = self._text_rules(view)
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
    def _text_rules(self, view: RequestView) -> tuple[Hit | None, Any]:
        """Best rule 5–8 hit over the latest user turn, the system prompt and earlier user turns.

        System prompts and earlier turns repeat from request to request (same application, same
        conversation), so their results are cached per text; only the latest user turn is always scanned.
        """
        best: Hit | None = None
        best_where: Any = None
        rank = self.settings.phrase_matcher.rank
        users = view.users
        if users:
            where, content = users[-1]
            text = text_of(content)
            best = self._scan_user(text)
            best_where = ("user", where)
            if best is not None and best.rule == "code":
                return best, best_where
            if self._history_within_user and text:
                # next request this turn is history; its (smaller) windows were just found code-free
                self._remember("history", self._key("history", text), None)
        if view.system:
            texts = [text_of(c) for _, c in view.system]
            hit = self._cached("system", "\n".join(t for t in texts if t))
            if hit is not None and (best is None or rank[hit.rule] < rank[best.rule]):
                best, best_where = hit, ("system", view.system[0][0])
                if hit.rule == "code":
                    return best, best_where
        history = self.settings.scan["history_turns"]
        if history and len(users) > 1:
            for where, content in reversed(users[-1 - history:-1]):
                hit = self._cached("history", text_of(content))
                if hit is not None:  # code only
                    return hit, ("user", where)
        return best, best_where

    def _key(self, kind: str, text: str) -> tuple[str, str]:
        """Cache key: the parts of ``text`` that the scan of ``kind`` reads."""
        scan = self.settings.scan
        if kind == "system":
            head = max(scan["code_system_chars"], scan["system_chars"])
            tail = scan["system_tail_chars"]
            if len(text) <= head + tail:
                return kind, text
            return kind, text[:head] + "\x00" + text[len(text) - tail:]
        return kind, text[:max(scan["history_chars"], scan["history_phrase_chars"])]

    def _remember(self, kind: str, key: tuple[str, str], hit: Hit | None) -> None:
        cache = self._cache
        if len(cache) >= self._cache_size:
            cache.clear()
        cache[key] = hit

    def _cached(self, kind: str, text: str) -> Hit | None:
        if not text:
            return None
        key = self._key(kind, text)
        cache = self._cache
        if key in cache:
            return cache[key]
        hit = self._scan_system(text) if kind == "system" else self._scan_history(text)
        self._remember(kind, key, hit)
        return hit

    def _scan_user(self, text: str) -> Hit | None:
        """Code shapes, then phrases (all four rules) in the latest user turn."""
        if not text:
            return None
        s = self.settings
        scan = s.scan
        for chunk, offset in _head_tail(text, scan["code_head_chars"], scan["code_tail_chars"]):
            hit = s.code_matcher.search(chunk)
            if hit is not None:
                hit.pos += offset
                return hit
        n = len(text)
        simple_until, simple_from = scan["simple_head_chars"], n - scan["simple_tail_chars"]
        numbers = s.word_problem_numbers
        best: Hit | None = None
        best_rank = 99
        for chunk, offset in _head_tail(text, scan["user_head_chars"], scan["user_tail_chars"]):

            def accept(rule: str, pos: int, _o: int = offset, _chunk: str = chunk) -> bool:
                if rule == "simple":
                    return pos + _o < simple_until or pos + _o >= simple_from
                if rule == "word_problem":  # enough numbers before the question
                    return len(_NUMBER_RE.findall(_chunk, max(0, pos - 400), pos)) >= numbers
                return True

            hit = s.phrase_matcher.scan(normalize_phrase_text(chunk), _ALL_PHRASES, accept, best_rank)
            if hit is not None:
                hit.pos += offset
                best, best_rank = hit, s.phrase_matcher.rank[hit.rule]
                if best_rank == 0:
                    break
        return best

    def _scan_system(self, text: str) -> Hit | None:
        """Code shapes, then json/reason/simple phrases (no coding language) in the system prompt."""
        s = self.settings
        scan = s.scan
        hit = s.code_matcher.search(text[:scan["code_system_chars"]])
        if hit is not None:
            return hit
        limit = scan["simple_system_chars"]
        best: Hit | None = None
        best_rank = 99
        for chunk, offset in _head_tail(text, scan["system_chars"], scan["system_tail_chars"]):

            def accept(rule: str, pos: int, _o: int = offset) -> bool:
                return rule != "simple" or pos + _o < limit

            hit = s.phrase_matcher.scan(normalize_phrase_text(chunk), _NO_CODE, accept, best_rank)
            if hit is not None:
                best, best_rank = hit, s.phrase_matcher.rank[hit.rule]
        return best

    def _scan_history(self, text: str) -> Hit | None:
        """Rule 5 only (code shapes, coding language) in an earlier user turn."""
        s = self.settings
        hit = s.code_matcher.search(text[:s.scan["history_chars"]])
        if hit is not None:
            return hit
        head = text[:s.scan["history_phrase_chars"]]
        if not head:
            return None
        return s.phrase_matcher.scan(normalize_phrase_text(head), _CODE_ONLY, None, only="code")

    @staticmethod
    def _evidence(hit: Hit, window) -> dict[str, Any]:
        role, where = window
        return {"message": where, "role": role, "list": "patterns." + hit.source, "pattern": hit.pattern,
                "match": hit.text}
