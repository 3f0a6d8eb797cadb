"""The lean relay's parts without a network: the SSE decoder, chunk parsing, and the OpenAI allowlist."""

from __future__ import annotations

import pytest

from di_plugins.errors import UpstreamError
from di_plugins.provider.lean import _parse
from di_plugins.provider.sse import SSEDecoder
from di_plugins.surfaces.openai_chat import rebuild_chunk, rebuild_completion, rebuild_usage


def feed_all(parts: list[bytes]) -> list[bytes]:
    decoder = SSEDecoder()
    out: list[bytes] = []
    for part in parts:
        out += decoder.feed(part)
    assert decoder.pending == b""
    return out


def test_events_split_anywhere_across_reads() -> None:
    stream = b'data: {"a":1}\n\ndata: {"b":2}\r\n\r\n: keep-alive\n\nevent: x\nid: 3\ndata: {"c":\ndata: 3}\n\ndata: [DONE]\n\n'
    expected = [b'{"a":1}', b'{"b":2}', b'{"c":\n3}', b"[DONE]"]
    assert feed_all([stream]) == expected
    for size in (1, 2, 3, 7):  # every split point, \r\n halves included
        assert feed_all([stream[i:i + size] for i in range(0, len(stream), size)]) == expected


def test_data_without_a_space_and_an_unfinished_event() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b'data:{"x":1}\n\ndata: {"y"') == [b'{"x":1}']
    assert decoder.pending == b'data: {"y"'


def test_parse_stops_at_done_and_refuses_errors_and_garbage() -> None:
    assert _parse([b'{"choices":[]}', b"[DONE]", b'{"late":1}']) == ([{"choices": []}], True)
    with pytest.raises(UpstreamError) as info:
        _parse([b'{"error":{"message":"secret-model exploded","code":"503"}}'])
    assert info.value.status == 503
    with pytest.raises(UpstreamError):
        _parse([b"not json"])
    with pytest.raises(UpstreamError):
        _parse([b"[1,2]"])


def test_completion_keeps_only_documented_keys_with_checked_types() -> None:
    raw = {"choices": [{"index": 1, "finish_reason": "eos", "message": {
        "role": "tool", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}, {"secret": 1}],
        "tool_calls": [{"id": "c1", "type": "custom", "custom": {"name": "n", "input": "i", "x": 1}},
                       {"id": "c2", "type": "function", "function": {"name": "f", "arguments": {"k": 1}}}],
        "audio": {"id": "au", "data": "d", "expires_at": 5, "secret": True},
        "annotations": [{"type": "url_citation", "url_citation": {"url": "u", "title": "t", "start_index": 0,
                                                                   "end_index": 1, "secret": 2}},
                        {"type": "vendor_citation", "secret": 3}]},
        "logprobs": {"content": [{"token": "a", "logprob": -1, "bytes": [97], "top_logprobs": [
            {"token": "b", "logprob": -2, "bytes": None, "secret": 1}], "secret": 1}], "secret": 4}}],
        "usage": {"prompt_tokens": 5, "completion_tokens": "7", "total_tokens": 12, "cost": 3,
                  "prompt_tokens_details": {"cached_tokens": 2, "cache_write_tokens": 3, "text_tokens": 5}}}
    out = rebuild_completion(raw, "caller-model", "chatcmpl-di1", 9)
    assert set(out) == {"id", "object", "created", "model", "choices", "usage"}
    choice = out["choices"][0]
    assert choice["index"] == 1 and choice["finish_reason"] == "stop"
    message = choice["message"]
    assert message["role"] == "assistant" and message["content"] == "ab"
    assert message["tool_calls"] == [{"id": "c1", "type": "custom", "custom": {"name": "n", "input": "i"}},
                                     {"id": "c2", "type": "function", "function": {"name": "f", "arguments": '{"k":1}'}}]
    assert message["audio"] == {"id": "au", "data": "d", "expires_at": 5}
    assert message["annotations"] == [{"type": "url_citation", "url_citation": {
        "start_index": 0, "end_index": 1, "url": "u", "title": "t"}}]
    assert choice["logprobs"] == {"content": [{"token": "a", "logprob": -1, "bytes": [97], "top_logprobs": [
        {"token": "b", "logprob": -2, "bytes": None}]}], "refusal": None}
    assert out["usage"] == {"prompt_tokens": 5, "total_tokens": 12,
                            "prompt_tokens_details": {"cached_tokens": 2, "cache_write_tokens": 3}}
    assert "secret" not in repr(out)


def test_chunk_deltas_carry_only_what_was_sent() -> None:
    raw = {"id": "x", "model": "secret", "choices": [
        {"index": 0, "delta": {"reasoning_content": "r", "provider_specific_fields": {"a": 1}}, "finish_reason": None},
        {"index": 1, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '"k"'}, "extra_content": 1}]},
         "native_finish_reason": "x", "finish_reason": "tool_calls"}], "usage": None}
    out = rebuild_chunk(raw, "m", "chatcmpl-di2", 1)
    assert out == {"id": "chatcmpl-di2", "object": "chat.completion.chunk", "created": 1, "model": "m", "usage": None,
                   "choices": [{"index": 0, "delta": {"reasoning": "r"}, "finish_reason": None},
                               {"index": 1, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '"k"'}}]},
                                "finish_reason": "tool_calls"}]}
    assert rebuild_usage("nope") is None
