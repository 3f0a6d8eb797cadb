"""Built-in strict JSON: replies that keep a request's JSON contract, repaired within the effort's budget.

Per request (the policy itself is :mod:`di_plugins.strictjson`):

1. ``di_validate_request`` reads the request's JSON contract (``response_format`` ``json_schema`` /
   ``json_object``, function tools; :func:`~di_plugins.strictjson.validate.contract_of`), looks up its
   compiled schema validator (cached per schema), takes the effort's budget (``di.json.repair.reasks``)
   and sets ``ctx.check_reply``; a stream is buffered (``ctx.buffer_stream``) or relayed unchecked,
   as ``di.json.repair.streams`` / ``tool_streams`` say;
2. ``di_check_reply`` validates each reply, repairs it with the deterministic rules, and asks the
   journey for a re-ask or a longer retry while the budget lasts
   (:func:`~di_plugins.strictjson.policy.decide`);
3. ``di_request_finished`` counts what was sent; ``di_metrics`` publishes the counters:

   * ``di_json_checked_total{request_type}``: requests whose replies were checked;
   * ``di_json_replies_total{request_type, outcome}``: what was sent: ``valid`` (first time),
     ``repaired`` (deterministic rules), ``reasked`` (an extra call's answer), ``invalid``;
   * ``di_json_invalid_total{request_type}``: replies sent still invalid after the budget (as the
     backend gave them);
   * ``di_json_repairs_total{request_type, rule}``: repair rules applied;
   * ``di_json_extra_calls_total{request_type, reason}``: extra upstream calls (``reask``, ``length``);
   * ``di_json_unchecked_total{request_type, reason}``: ``stream`` (relayed), ``schema`` (a schema
     that is not valid JSON Schema: checked as "parses" only);
   * ``di_json_check_seconds_total{request_type}``: time spent checking (validation and repair).

Nothing of this reaches the caller: a repaired reply is an ordinary completion.
"""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

from ..context import RequestContext, Verdict
from ..hookspecs import hookimpl
from ..metrics import Sample
from ..strictjson.policy import ReplyState, decide
from ..strictjson.settings import JsonRepairSettings
from ..strictjson.validate import ValidatorCache, contract_of

STATE_KEY = "di.strict_json"


class StrictJsonPlugin:
    """Checks, repairs and re-asks replies of requests with a JSON contract."""

    name = "di.strict_json"

    def __init__(self, settings: JsonRepairSettings | None = None) -> None:
        self.configure(settings or JsonRepairSettings())
        self.checked: Counter[str] = Counter()
        self.outcomes: Counter[tuple[str, str]] = Counter()
        self.repairs: Counter[tuple[str, str]] = Counter()
        self.extra_calls: Counter[tuple[str, str]] = Counter()
        self.unchecked: Counter[tuple[str, str]] = Counter()
        self.seconds: Counter[str] = Counter()

    def configure(self, settings: JsonRepairSettings) -> None:
        self.settings = settings
        self.cache = ValidatorCache(settings.validator_cache)

    @hookimpl
    def di_configure(self, config: Any) -> None:
        self.configure(config.di.json_repair)

    @hookimpl
    def di_validate_request(self, request: dict, ctx: RequestContext) -> None:
        settings = self.settings
        if not settings.enabled or ctx.endpoint != "chat":
            return
        contract = contract_of(request, self.cache, tools=settings.tools)
        if contract is None:
            return
        rtype = ctx.request_type or "none"
        if not contract.schema_usable:
            self.unchecked[(rtype, "schema")] += 1
        if request.get("stream") is True:
            buffer = ((contract.content is not None and settings.streams == "buffer")
                      or (bool(contract.tools) and settings.tool_streams == "buffer"))
            if not buffer:
                self.unchecked[(rtype, "stream")] += 1
                return
            ctx.buffer_stream = True
        ctx.check_reply = True
        ctx.extra[STATE_KEY] = ReplyState(contract, rtype, settings.budget(ctx.effort.level))

    @hookimpl(trylast=True)
    def di_check_reply(self, ctx: RequestContext, request: dict, completion: dict, attempt: int) -> Verdict | None:
        state: ReplyState | None = ctx.extra.get(STATE_KEY)
        if state is None:
            return None
        started = time.perf_counter()
        seen_rules, seen_calls = len(state.rules), len(state.calls)
        verdict = decide(state, request, completion, attempt, self.cache, self.settings)
        rtype = state.request_type
        self.seconds[rtype] += time.perf_counter() - started
        for rule in state.rules[seen_rules:]:
            self.repairs[(rtype, rule)] += 1
        for reason in state.calls[seen_calls:]:
            self.extra_calls[(rtype, reason)] += 1
        return verdict

    @hookimpl
    def di_request_finished(self, ctx: RequestContext, outcome: dict) -> None:
        state: ReplyState | None = ctx.extra.get(STATE_KEY)
        if state is None or state.outcome is None:
            return
        self.checked[state.request_type] += 1
        if outcome.get("ok"):
            self.outcomes[(state.request_type, state.outcome)] += 1

    @hookimpl
    def di_metrics(self) -> list[Sample]:
        out = [Sample("di_json_checked_total", "counter", "Requests whose replies were checked against their "
                      "JSON contract.", n, {"request_type": t}) for t, n in sorted(self.checked.items())]
        out += [Sample("di_json_replies_total", "counter", "Checked replies sent, by outcome (valid first time, "
                       "repaired, answered by an extra call, still invalid).", n, {"request_type": t, "outcome": o})
                for (t, o), n in sorted(self.outcomes.items())]
        invalid = Counter({t: n for (t, o), n in self.outcomes.items() if o == "invalid"})
        out += [Sample("di_json_invalid_total", "counter", "Replies sent still invalid after the repair budget "
                       "(as the backend gave them).", invalid.get(t, 0), {"request_type": t})
                for t in sorted(self.checked)]
        out += [Sample("di_json_repairs_total", "counter", "Deterministic repair rules applied.", n,
                       {"request_type": t, "rule": r}) for (t, r), n in sorted(self.repairs.items())]
        out += [Sample("di_json_extra_calls_total", "counter", "Extra upstream calls made to get a valid reply "
                       "(reask, or length: a larger max_tokens).", n, {"request_type": t, "reason": r})
                for (t, r), n in sorted(self.extra_calls.items())]
        out += [Sample("di_json_unchecked_total", "counter", "Requests with a JSON contract whose replies were "
                       "not checked (stream: relayed; schema: not valid JSON Schema, checked as JSON only).", n,
                       {"request_type": t, "reason": r}) for (t, r), n in sorted(self.unchecked.items())]
        out += [Sample("di_json_check_seconds_total", "counter", "Time spent checking and repairing replies.",
                       s, {"request_type": t}) for t, s in sorted(self.seconds.items())]
        return out
