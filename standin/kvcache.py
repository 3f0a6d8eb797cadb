"""KV-cache model of one stand-in replica: prefix caching over hashed token blocks, vLLM-style.

* **Tokens.** A request's prompt is rendered canonically in the order tools → messages (role, name,
  content parts, tool calls, tool-call id). ``cache_control`` markers, JSON key order and JSON
  whitespace do not change the rendering, so the same logical prompt gives the same tokens whether or
  not a gateway forwarded ``cache_control``. A plain string content and a single text part render the
  same. An image part contributes a fixed 85-token marker derived from its URL. One token is
  :data:`CHARS_PER_TOKEN` (4) characters of the rendering; nothing per token is materialised.
* **Blocks.** Full blocks of ``block_size`` tokens (default 16, like vLLM's paged attention) are
  hashed as a chain ``h_i = blake2b(h_{i-1} + block_i)``; ``h_0`` comes from the request's
  ``cache_salt`` (None = unsalted), so different salts never share a block. A trailing partial block
  is never cached.
* **Cache.** An LRU of block hashes holding ``capacity_tokens // block_size`` blocks. A request hits
  the longest run of leading blocks present (stopping at the first miss), then all its full blocks are
  inserted or refreshed — tail first, so under pressure a prompt's tail is evicted before its prefix
  (vLLM's free-block queue does the same).
* **Time to first token** (computed by the app from these numbers): ``ttft_base_ms +
  uncached_tokens * ttft_per_token_ms``; :data:`REALISTIC_TTFT_BASE_MS` and
  :data:`REALISTIC_TTFT_PER_TOKEN_MS` give a 5k-token cold prefill about 255 ms.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import orjson

CHARS_PER_TOKEN = 4
DEFAULT_BLOCK_SIZE = 16
"""Tokens per KV block (vLLM's default)."""
DEFAULT_CAPACITY_TOKENS = 200_000
"""Default KV capacity of a replica, in tokens (12 500 blocks of 16)."""
REALISTIC_TTFT_BASE_MS = 5.0
REALISTIC_TTFT_PER_TOKEN_MS = 0.05
IMAGE_TOKENS = 85
"""Tokens an image part costs (OpenAI's low-detail image)."""

_HASH_BYTES = 16
_UNSALTED = hashlib.blake2b(b"di-stand-in-kv/unsalted", digest_size=_HASH_BYTES).digest()
_IMAGE_TYPES = frozenset({"image_url", "input_image", "image"})


# -- rendering ----------------------------------------------------------------------------------------


def _canon(obj: Any) -> str:
    """Canonical JSON (sorted keys, no whitespace); ``repr`` for what orjson cannot encode."""
    try:
        return orjson.dumps(obj, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return repr(obj)


def _without_cache_control(obj: Any) -> Any:
    if isinstance(obj, dict) and "cache_control" in obj:
        return {k: v for k, v in obj.items() if k != "cache_control"}
    return obj


def _image_marker(part: dict[str, Any]) -> str:
    ref = part.get("image_url")
    if isinstance(ref, dict):
        ref = ref.get("url")
    if ref is None:
        ref = part.get("file_id") or part.get("source") or ""
    key = ref if isinstance(ref, str) else _canon(ref)
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    unit = f"<image {digest}>"
    size = IMAGE_TOKENS * CHARS_PER_TOKEN
    return (unit * (size // len(unit) + 1))[:size]


def _render_content(content: Any, out: list[str]) -> None:
    if content is None:
        return
    if isinstance(content, str):
        out.append(content)
        return
    if not isinstance(content, list):
        out.append(_canon(content))
        return
    for i, part in enumerate(content):
        if i:
            out.append("\n")
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, dict):
            text = part.get("text")
            if part.get("type") in _IMAGE_TYPES:
                out.append(_image_marker(part))
            elif isinstance(text, str) and part.get("type", "text") in ("text", "input_text"):
                out.append(text)
            else:
                out.append(_canon(_without_cache_control(part)))
        else:
            out.append(_canon(part))


def render_prompt(body: Any) -> str:
    """The canonical text of a chat request's prompt (tools, then messages); never raises."""
    if not isinstance(body, dict):
        return ""
    out: list[str] = []
    tools = body.get("tools")
    if isinstance(tools, list) and tools:
        out.append("<|tools|>")
        for tool in tools:
            tool = _without_cache_control(tool)
            if isinstance(tool, dict) and isinstance(tool.get("function"), dict):
                tool = {**tool, "function": _without_cache_control(tool["function"])}
            out.append(_canon(tool))
            out.append("\n")
    messages = body.get("messages")
    if isinstance(messages, list):
        for msg in messages:
            if not isinstance(msg, dict):
                continue
            role = msg.get("role")
            out.append(f"<|{role if isinstance(role, str) else 'user'}|>")
            name = msg.get("name")
            if isinstance(name, str) and name:
                out.append(f"<|name|>{name}\n")
            _render_content(msg.get("content"), out)
            calls = msg.get("tool_calls")
            if calls:
                out.append("<|tool_calls|>")
                out.append(_canon(calls))
            call_id = msg.get("tool_call_id")
            if isinstance(call_id, str):
                out.append(f"<|tool_call_id|>{call_id}")
            out.append("<|end|>\n")
    out.append("<|assistant|>")
    return "".join(out)


def count_tokens(text: str) -> int:
    """Tokens of a rendered prompt (~4 characters each, at least 1)."""
    return max(1, -(-len(text) // CHARS_PER_TOKEN))


def salt_root(salt: Any) -> bytes:
    """``h_0`` of the block hash chain for a ``cache_salt`` (None = unsalted)."""
    if salt is None:
        return _UNSALTED
    key = salt if isinstance(salt, str) else _canon(salt)
    return hashlib.blake2b(b"salt\x00" + key.encode("utf-8", "surrogatepass"), digest_size=_HASH_BYTES).digest()


def block_hashes(text: str, salt: Any = None, block_size: int = DEFAULT_BLOCK_SIZE) -> list[bytes]:
    """Chained hashes of the full ``block_size``-token blocks of ``text``, salted by ``salt``."""
    step = block_size * CHARS_PER_TOKEN
    full = len(text) - len(text) % step
    data: str | bytes = text.encode() if text.isascii() else text
    h = salt_root(salt)
    out: list[bytes] = []
    blake = hashlib.blake2b
    if isinstance(data, bytes):
        for i in range(0, full, step):
            h = blake(h + data[i : i + step], digest_size=_HASH_BYTES).digest()
            out.append(h)
    else:
        for i in range(0, full, step):
            h = blake(h + data[i : i + step].encode("utf-8", "surrogatepass"), digest_size=_HASH_BYTES).digest()
            out.append(h)
    return out


@dataclass(slots=True)
class Prompt:
    """A request's prompt as the KV model sees it."""

    text: str
    tokens: int
    salt: Any = None

    @classmethod
    def of(cls, body: Any) -> Prompt:
        text = render_prompt(body)
        salt = body.get("cache_salt") if isinstance(body, dict) else None
        return cls(text, count_tokens(text), salt)


def prompt_tokens(body: Any) -> int:
    """The ``usage.prompt_tokens`` the stand-in reports for a request body."""
    return count_tokens(render_prompt(body))


# -- the cache ----------------------------------------------------------------------------------------


class KVCache:
    """A thread-safe LRU of block hashes with hit/eviction counters (one per replica)."""

    def __init__(self, capacity_tokens: int = DEFAULT_CAPACITY_TOKENS, block_size: int = DEFAULT_BLOCK_SIZE) -> None:
        if block_size < 1:
            raise ValueError("block_size must be >= 1")
        if capacity_tokens < 0:
            raise ValueError("capacity_tokens must be >= 0")
        self._block_size = int(block_size)
        self._capacity_tokens = int(capacity_tokens)
        self._blocks: OrderedDict[bytes, None] = OrderedDict()
        self._lock = threading.Lock()
        self.requests = 0
        self.prompt_tokens = 0
        self.cached_tokens = 0
        self.evicted_blocks = 0

    @property
    def block_size(self) -> int:
        return self._block_size

    @property
    def capacity_tokens(self) -> int:
        return self._capacity_tokens

    @property
    def capacity_blocks(self) -> int:
        return self._capacity_tokens // self._block_size

    def __len__(self) -> int:
        return len(self._blocks)

    def configure(self, capacity_tokens: int | None = None, block_size: int | None = None) -> None:
        """Change the capacity (evicting LRU blocks down to it) or the block size (which empties the cache)."""
        if block_size is not None and int(block_size) < 1:
            raise ValueError("block_size must be >= 1")
        if capacity_tokens is not None and int(capacity_tokens) < 0:
            raise ValueError("capacity_tokens must be >= 0")
        with self._lock:
            if block_size is not None and int(block_size) != self._block_size:
                self._block_size = int(block_size)
                self._blocks.clear()
            if capacity_tokens is not None:
                self._capacity_tokens = int(capacity_tokens)
            self._evict(self.capacity_blocks)

    def _evict(self, keep: int) -> None:
        blocks = self._blocks
        while len(blocks) > keep:
            blocks.popitem(last=False)
            self.evicted_blocks += 1

    def prefill(self, prompt: Prompt) -> int:
        """Serve one prompt: the cached prefix tokens, after inserting/refreshing all its full blocks."""
        hashes = block_hashes(prompt.text, prompt.salt, self._block_size)
        with self._lock:
            blocks = self._blocks
            hit = 0
            for h in hashes:
                if h not in blocks:
                    break
                hit += 1
            capacity = self.capacity_blocks
            if capacity:
                move = blocks.move_to_end
                for h in reversed(hashes):  # tail first: the prefix becomes the most recently used
                    if h in blocks:
                        move(h)
                    else:
                        blocks[h] = None
                if len(blocks) > capacity:
                    self._evict(capacity)
            cached = min(hit * self._block_size, prompt.tokens)
            self.requests += 1
            self.prompt_tokens += prompt.tokens
            self.cached_tokens += cached
        return cached

    def reset(self) -> None:
        """Empty the cache and zero the counters."""
        with self._lock:
            self._blocks.clear()
            self.requests = self.prompt_tokens = self.cached_tokens = self.evicted_blocks = 0

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "prompt_tokens": self.prompt_tokens,
                "cached_tokens": self.cached_tokens,
                "hit_rate": self.cached_tokens / self.prompt_tokens if self.prompt_tokens else 0.0,
                "evicted_blocks": self.evicted_blocks,
                "cached_blocks": len(self._blocks),
                "capacity_blocks": self.capacity_blocks,
                "capacity_tokens": self._capacity_tokens,
                "block_size": self._block_size,
            }
