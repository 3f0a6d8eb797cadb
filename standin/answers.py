"""Deterministic chat answers of the stand-in upstream: text, tool calls and structured output.

The answer depends only on the request (a hash of ``messages`` plus the choice index), never on the
replica, so the same request gives the same content on every replica. Text is drawn from a fixed
vocabulary and never contains the replica's backend model name.
"""

from __future__ import annotations

import hashlib
import math
import random
import re
from dataclasses import dataclass, field
from typing import Any

import orjson

from .fakejson import fake_value
from .kvcache import prompt_tokens as kv_prompt_tokens

_VOCAB = (
    "the", "a", "river", "quiet", "signal", "carries", "every", "bright", "answer", "across", "open", "fields",
    "and", "small", "lanterns", "glow", "near", "stone", "bridges", "while", "patient", "clocks", "count",
    "morning", "light", "over", "wide", "valleys", "of", "green", "soft", "rain", "falls", "on", "paper",
    "boats", "drifting", "toward", "harbor", "walls", "where", "gulls", "circle", "old", "towers", "under",
    "silver", "clouds", "gentle", "winds", "follow", "long", "roads", "through", "amber", "forests", "to",
    "distant", "hills", "with", "careful", "steps", "simple", "words",
)
_TARGET_CHUNKS = 8


class AnswerError(Exception):
    """A request the stand-in refuses (turned into a 400 by the app)."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.param = param


@dataclass(slots=True)
class Choice:
    """One generated choice: text content or a single tool call, with its streaming pieces."""

    index: int
    content: str | None
    finish_reason: str
    completion_tokens: int
    pieces: list[str] = field(default_factory=list)
    tool_call: dict[str, Any] | None = None


@dataclass(slots=True)
class Answer:
    """The whole answer to a chat request (independent of replica and careless mode)."""

    choices: list[Choice]
    prompt_tokens: int
    stream: bool
    include_usage: bool
    requested_model: str | None
    cached_tokens: int | None = None
    """Prompt tokens served from the KV cache (set by the app; reported in ``prompt_tokens_details``)."""

    @property
    def completion_tokens(self) -> int:
        return sum(c.completion_tokens for c in self.choices)

    def usage(self) -> dict[str, Any]:
        done = self.completion_tokens
        out: dict[str, Any] = {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": done,
            "total_tokens": self.prompt_tokens + done,
        }
        if self.cached_tokens is not None:
            out["prompt_tokens_details"] = {"cached_tokens": self.cached_tokens}
        return out


def request_seed(messages: Any) -> int:
    """A stable 64-bit number derived from the request messages."""
    try:
        raw = orjson.dumps(messages, option=orjson.OPT_SORT_KEYS)
    except TypeError:
        raw = repr(messages).encode()
    return int.from_bytes(hashlib.blake2b(raw, digest_size=8).digest(), "big")


def _text_of(content: Any) -> int:
    if isinstance(content, str):
        return len(content)
    if isinstance(content, list):
        total = 0
        for part in content:
            if isinstance(part, dict):
                text = part.get("text")
                total += len(text) if isinstance(text, str) else 0
                if part.get("type") in ("image_url", "input_image", "image"):
                    total += 340  # ~85 tokens, the low-detail image cost
            elif isinstance(part, str):
                total += len(part)
        return total
    return 0


def estimate_prompt_tokens(messages: list[Any], tools: Any = None) -> int:
    """~chars/4 over all message text (content parts, names, tool-call arguments) plus tool schemas.

    A rough estimate kept for callers; responses report the KV model's count instead
    (:func:`~standin.kvcache.prompt_tokens`, which also counts roles and markup).
    """
    chars = 0
    for msg in messages:
        if not isinstance(msg, dict):
            continue
        chars += _text_of(msg.get("content"))
        for call in msg.get("tool_calls") or []:
            fn = call.get("function") if isinstance(call, dict) else None
            if isinstance(fn, dict):
                chars += len(str(fn.get("name") or "")) + len(str(fn.get("arguments") or ""))
    if tools:
        chars += len(orjson.dumps(tools))
    return max(1, math.ceil(chars / 4))


def _words(seed: int, forbidden: str, count: int | None = None) -> list[str]:
    rng = random.Random(seed)
    count = count if count else 18 + rng.randrange(23)
    words = [_VOCAB[rng.randrange(len(_VOCAB))] for _ in range(count)]
    sentence = 0
    for i in range(count):
        if sentence == 0:
            words[i] = words[i].capitalize()
        sentence += 1
        if i == count - 1 or (sentence >= 6 and rng.random() < 0.3):
            words[i] += "."
            sentence = 0
    if forbidden and forbidden.lower() in " ".join(words).lower():
        pattern = re.compile(re.escape(forbidden), re.IGNORECASE)
        words = [pattern.sub("x", w) for w in words]
    return words


def _split_words(words: list[str]) -> list[str]:
    per = max(1, math.ceil(len(words) / _TARGET_CHUNKS))
    return [("" if i == 0 else " ") + " ".join(words[i : i + per]) for i in range(0, len(words), per)]


def _split_text(text: str, parts: int = 6) -> list[str]:
    if not text:
        return [""]
    size = max(1, math.ceil(len(text) / parts))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _pick_tool(body: dict[str, Any], messages: list[Any]) -> dict[str, Any] | None:
    tools = body.get("tools")
    if not isinstance(tools, list) or not tools:
        return None
    functions = [t["function"] for t in tools if isinstance(t, dict) and isinstance(t.get("function"), dict)]
    if not functions:
        return None
    choice = body.get("tool_choice")
    if choice == "none":
        return None
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") if isinstance(choice.get("function"), dict) else choice.get("name")
        for fn in functions:
            if fn.get("name") == name:
                return fn
        raise AnswerError(f"tool_choice names a function that is not in tools: {name!r}", "tool_choice")
    if choice in (None, "auto") and messages and isinstance(messages[-1], dict) and messages[-1].get("role") == "tool":
        return None  # after a tool result, answer in text (like a model would) unless a call is forced
    return functions[0]


_WORDS_DIRECTIVE = re.compile(r"\[\[words:(\d{1,5})\]\]")


def _words_directive(message: Any) -> int | None:
    content = message.get("content") if isinstance(message, dict) else None
    text = content if isinstance(content, str) else " ".join(
        p.get("text", "") for p in content or [] if isinstance(p, dict) and isinstance(p.get("text"), str))
    found = _WORDS_DIRECTIVE.search(text)
    return int(found.group(1)) or None if found else None


def _limit(body: dict[str, Any]) -> int | None:
    for key in ("max_completion_tokens", "max_tokens"):
        val = body.get(key)
        if isinstance(val, int) and not isinstance(val, bool) and val > 0:
            return val
    return None


def build_answer(body: dict[str, Any], model_name: str = "", prompt_tokens: int | None = None,
                 words: int | None = None) -> Answer:
    """Answer an OpenAI chat-completions request body (already JSON-decoded).

    ``prompt_tokens`` defaults to the KV model's count (:func:`~standin.kvcache.prompt_tokens`).
    ``words``: a text answer has exactly that many words and streams one word per chunk (a long
    answer for benchmarks); by default 18 to 40 words in about eight chunks. A request can ask for it
    itself with ``[[words:N]]`` in its last message (so a benchmark gets long answers through any
    gateway, which forwards the prompt as it is).
    """
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise AnswerError("'messages' must be a non-empty array", "messages")
    n = body.get("n") or 1
    if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 128:
        raise AnswerError("'n' must be an integer between 1 and 128", "n")
    if not words:
        words = _words_directive(messages[-1])
    stream = body.get("stream") is True
    opts = body.get("stream_options")
    include_usage = stream and isinstance(opts, dict) and opts.get("include_usage") is True
    seed = request_seed(messages)
    tool = _pick_tool(body, messages)
    limit = _limit(body)
    fmt = body.get("response_format")
    fmt_type = fmt.get("type") if isinstance(fmt, dict) else None

    choices = []
    for i in range(n):
        s = seed + i
        if tool is not None:
            args = orjson.dumps(fake_value(tool.get("parameters") or {"type": "object"}, s)).decode()
            call = {
                "id": f"call_{s & 0xFFFFFFFFFFFF:012x}{i}",
                "type": "function",
                "function": {"name": tool.get("name", ""), "arguments": args},
            }
            choices.append(Choice(i, None, "tool_calls", max(1, math.ceil(len(args) / 4)), _split_text(args), call))
        elif fmt_type in ("json_schema", "json_object"):
            if fmt_type == "json_schema":
                spec = fmt.get("json_schema") if isinstance(fmt.get("json_schema"), dict) else {}
                value = fake_value(spec.get("schema") or {"type": "object"}, s)
            else:
                value = {"answer": " ".join(_words(s, model_name)[:8]), "ref": f"{s & 0xFFFFFF:06x}"}
            text = orjson.dumps(value).decode()
            choices.append(Choice(i, text, "stop", max(1, math.ceil(len(text) / 4)), _split_text(text)))
        else:
            text_words = _words(s, model_name, words)
            finish = "stop"
            if limit is not None and len(text_words) > limit:
                text_words, finish = text_words[:limit], "length"
            pieces = ([("" if k == 0 else " ") + w for k, w in enumerate(text_words)] if words
                      else _split_words(text_words))
            choices.append(Choice(i, " ".join(text_words), finish, len(text_words), pieces))
    model = body.get("model") if isinstance(body.get("model"), str) else None
    if prompt_tokens is None:
        prompt_tokens = kv_prompt_tokens(body)
    return Answer(choices, prompt_tokens, stream, include_usage, model)
