"""The policy: check a reply against its contract, repair it, decide whether to ask again, and how.

For each choice of a rebuilt completion (:func:`check_completion`):

1. a refusal or a ``content_filter`` stop is an answer, not a slip: it is left alone;
2. tool calls (and a legacy ``function_call``) are checked against their tool's ``parameters``; a call
   to an undefined function breaks the contract; so does a reply without a call when ``tool_choice``
   forces one;
3. otherwise the content is checked against ``response_format``;
4. a text that fails is repaired with the deterministic rules (:mod:`.repair`) unless the choice stopped
   at ``max_tokens`` (``finish_reason: length``): a reply cut short is never "repaired" into other data.

Then :func:`decide` (once per reply of the request, the caller's own and every extra call's):

* every choice valid (or repaired) → send it (a re-ask's answer gets the first call's prompt-side usage,
  so that nothing in the response tells that another call was made);
* still invalid, budget left (``di.json.repair.reasks`` by effort), one choice → one more call:
  after ``finish_reason: length`` the same messages with a larger ``max_tokens`` (doubled, at most
  ``length_max_tokens``); otherwise a *re-ask*: the conversation plus the invalid reply and the
  validator's message, with ``max_tokens`` at most ``reask_max_tokens``;
* otherwise → send the caller's own reply as the backend gave it (choices that were repaired stay
  repaired; nothing is invented), counted as invalid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..context import Verdict
from .repair import repair
from .settings import JsonRepairSettings
from .validate import UNPARSED, Contract, Validator, ValidatorCache, check_text, parse

ECHO_CHARS = 4000
"""At most this much of an invalid reply is quoted back in a re-ask."""
LIMIT_KEYS = ("max_completion_tokens", "max_tokens")
_DROPPED_ON_RETRY = ("stream", "stream_options", "n")


@dataclass(slots=True)
class Problem:
    """Why one choice breaks the contract."""

    kind: str                   # "content", "arguments" (a tool call's) or "no_call" (a forced call is missing)
    error: str
    truncated: bool = False
    tool: str | None = None     # the function whose call was invalid (or that must be called)
    text: str | None = None     # the invalid content or arguments


@dataclass(slots=True)
class ChoiceCheck:
    """One choice checked: its (possibly repaired) message, the rules used, or its problem."""

    index: int
    message: dict[str, Any] | None = None   # a repaired copy of the message, when a rule was needed
    rules: list[str] = field(default_factory=list)
    problem: Problem | None = None


def _check_piece(text: Any, validator: Validator, rules: tuple[str, ...], truncated: bool
                 ) -> tuple[str | None, list[str], str | None]:
    """(repaired text or None, rules applied, error or None) for one content or arguments text."""
    error = check_text(text, validator)
    if error is None:
        return None, [], None
    if truncated or not rules or not isinstance(text, str) or not text.strip():
        return None, [], error

    def accept(candidate: str) -> bool:
        value = parse(candidate)
        return value is not UNPARSED and validator.error(value) is None

    fixed = repair(text, accept, rules)
    if fixed is None:
        return None, [], error
    return fixed[0], fixed[1], None


def check_choice(contract: Contract, choice: dict[str, Any], cache: ValidatorCache,
                 rules: tuple[str, ...]) -> ChoiceCheck:
    """One choice against the contract: its tool calls if it has any, else its content (see the module
    docstring); repairs the text of a slipped call or content unless the choice stopped at the limit."""
    index = choice.get("index", 0)
    out = ChoiceCheck(index)
    msg = choice.get("message")
    if not isinstance(msg, dict):
        return out
    finish = choice.get("finish_reason")
    if finish == "content_filter" or (isinstance(msg.get("refusal"), str) and msg["refusal"]):
        return out
    truncated = finish == "length"
    calls = [c for c in msg.get("tool_calls") or () if isinstance(c, dict)]
    legacy = msg.get("function_call") if isinstance(msg.get("function_call"), dict) else None
    if calls or legacy is not None:
        if not contract.tools:
            return out
        wanted = contract.forced if contract.forced != "required" else None
        fixed_calls: list[dict] = []
        changed = named = False
        for call in calls or [{"function": legacy}]:
            if call.get("type") == "custom":  # free-form input: no JSON contract
                fixed_calls.append(call)
                continue
            fn = call.get("function") or {}
            name, args = fn.get("name"), fn.get("arguments")
            named = named or name == wanted
            validator = contract.tool_validator(name, cache) if isinstance(name, str) else None
            if validator is None:
                out.problem = Problem("arguments", f"there is no function named {name!r}", truncated, name, args)
                return out
            repaired, used, error = _check_piece(args, validator, rules, truncated)
            if error is not None:
                out.problem = Problem("arguments", error, truncated, name, args)
                return out
            if repaired is not None:
                call = {**call, "function": {**fn, "arguments": repaired}}
                out.rules.extend(used)
                changed = True
            fixed_calls.append(call)
        if wanted is not None and not named:
            out.problem = Problem("no_call", f"the reply must call the function {wanted}", truncated, wanted)
            return out
        if changed:
            if calls:
                out.message = {**msg, "tool_calls": fixed_calls}
            else:
                out.message = {**msg, "function_call": fixed_calls[0]["function"]}
        return out
    if contract.forced is not None:
        wanted = None if contract.forced == "required" else contract.forced
        out.problem = Problem("no_call", "the reply must call " + (f"the function {wanted}" if wanted else "a function"),
                              truncated, wanted)
        return out
    if contract.content is None:
        return out
    content = msg.get("content")
    repaired, used, error = _check_piece(content, contract.content, rules, truncated)
    if error is not None:
        out.problem = Problem("content", error, truncated, None, content if isinstance(content, str) else None)
    elif repaired is not None:
        out.message = {**msg, "content": repaired}
        out.rules = used
    return out


def check_completion(contract: Contract, completion: dict[str, Any], cache: ValidatorCache,
                     rules: tuple[str, ...]) -> list[ChoiceCheck]:
    """Every choice of ``completion`` checked (and repaired where a rule helps)."""
    return [check_choice(contract, c, cache, rules) for c in completion.get("choices") or () if isinstance(c, dict)]


def with_repairs(completion: dict[str, Any], checks: list[ChoiceCheck]) -> dict[str, Any]:
    """``completion`` with the repaired messages swapped in (a new dict; the input is not changed)."""
    fixed = {c.index: c.message for c in checks if c.message is not None}
    if not fixed:
        return completion
    choices = [{**ch, "message": fixed[ch.get("index")]} if ch.get("index") in fixed else ch
               for ch in completion.get("choices") or ()]
    return {**completion, "choices": choices}


def merged_usage(first: dict[str, Any] | None, later: dict[str, Any] | None) -> dict[str, Any] | None:
    """The usage to report for a later call's answer: the caller's prompt (the first call's prompt-side
    figures) and the answer's completion-side figures."""
    if not isinstance(later, dict):
        return later
    if not isinstance(first, dict):
        return later
    out = {k: v for k, v in later.items() if k not in ("prompt_tokens", "prompt_tokens_details", "total_tokens")}
    if "prompt_tokens" in first:
        out["prompt_tokens"] = first["prompt_tokens"]
    if "prompt_tokens_details" in first:
        out["prompt_tokens_details"] = first["prompt_tokens_details"]
    prompt, done = out.get("prompt_tokens"), out.get("completion_tokens")
    if isinstance(prompt, int) and isinstance(done, int):
        out["total_tokens"] = prompt + done
    return out


# -- another call ---------------------------------------------------------------------------------


def current_limit(body: dict[str, Any]) -> int | None:
    for key in LIMIT_KEYS:
        value = body.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
    return None


def _with_limit(body: dict[str, Any], limit: int) -> dict[str, Any]:
    keys = [k for k in LIMIT_KEYS if k in body] or ["max_tokens"]
    for key in keys:
        body[key] = limit
    return body


def _base(request: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in request.items() if k not in _DROPPED_ON_RETRY}


def longer_retry(request: dict[str, Any], last_limit: int | None, used: int | None,
                 settings: JsonRepairSettings) -> dict[str, Any] | None:
    """The same request with a larger ``max_tokens`` after a reply stopped at the limit, or ``None``
    when the limit cannot grow (already at ``length_max_tokens``)."""
    base = last_limit or (used if isinstance(used, int) and used > 0 else None)
    target = min(settings.length_max_tokens, 2 * base if base else settings.length_max_tokens)
    if last_limit is not None and target <= last_limit:
        return None
    return _with_limit(_base(request), target)


def reask(request: dict[str, Any], contract: Contract, problem: Problem, last_limit: int | None,
          settings: JsonRepairSettings) -> dict[str, Any]:
    """The request again, plus the invalid reply and what is wrong with it; ``max_tokens`` is the latest
    call's limit, at most ``reask_max_tokens``."""
    body = _base(request)
    messages = list(request.get("messages") or ())
    text = (problem.text or "")[:ECHO_CHARS]
    if problem.kind == "arguments":
        messages.append({"role": "user", "content": (
            f"Your call to the function {problem.tool} had invalid arguments: {text}\n"
            f"Problem: {problem.error}.\nCall the function again with arguments that are one JSON object "
            "satisfying its parameters schema, and nothing else.")})
    elif problem.kind == "no_call":
        messages.append({"role": "user", "content": f"Problem: {problem.error}. Reply with the function call only."})
    else:
        shape = ("a JSON object" if contract.content_kind == "json_object"
                 else "the JSON value the response format asks for")
        if text:
            messages.append({"role": "assistant", "content": text})
        messages.append({"role": "user", "content": (
            f"That reply is not valid: {problem.error}. Reply again with only {shape}: no code fences, "
            "no text before or after it, every required key present.")})
    body["messages"] = messages
    return _with_limit(body, min(last_limit or settings.reask_max_tokens, settings.reask_max_tokens))


# -- the decision ---------------------------------------------------------------------------------


@dataclass(slots=True)
class ReplyState:
    """One request's checking state (kept in ``ctx.extra`` between its calls)."""

    contract: Contract
    request_type: str
    budget: int
    original: dict[str, Any] | None = None    # the caller's own reply, rebuilt (repaired where a rule helped)
    last_limit: int | None = None             # max_tokens of the latest call
    outcome: str | None = None                # valid | repaired | reasked | invalid: what is sent now
    rules: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)   # reasons of the extra calls: "reask" | "length"


def decide(state: ReplyState, request: dict[str, Any], completion: dict[str, Any], attempt: int,
           cache: ValidatorCache, settings: JsonRepairSettings) -> Verdict:
    checks = check_completion(state.contract, completion, cache, settings.rules)
    if not checks and attempt:  # an extra call that answered without a choice: keep the caller's reply
        return Verdict(False, state.original or completion)
    fixed = with_repairs(completion, checks)
    for c in checks:
        state.rules.extend(c.rules)
    if attempt == 0:
        state.original = fixed
        state.last_limit = current_limit(request)
    problems = [c.problem for c in checks if c.problem is not None]
    if not problems:
        if attempt:
            fixed = {**fixed, "usage": merged_usage((state.original or {}).get("usage"), fixed.get("usage"))}
            if fixed["usage"] is None:
                del fixed["usage"]
            state.outcome = "reasked"
        else:
            state.outcome = "repaired" if state.rules else "valid"
        return Verdict(True, fixed)
    original = state.original or fixed
    state.outcome = "invalid"
    if attempt >= state.budget or len(checks) != 1:
        return Verdict(False, original)
    problem = problems[0]
    if problem.truncated:
        usage = completion.get("usage") or {}
        body = longer_retry(request, state.last_limit, usage.get("completion_tokens"), settings)
        if body is None:
            return Verdict(False, original)
        reason = "length"
    else:
        body = reask(request, state.contract, problem, state.last_limit, settings)
        reason = "reask"
    state.last_limit = current_limit(body)
    state.calls.append(reason)
    return Verdict(False, original, body)
