"""A stream whose backend fails after its first chunks, in a group that has a fallback (the test config's
``json`` group, replica-1, falls back to ``pro``, replica-0): the client gets either the complete answer
of one backend or the chunks it already had plus exactly one clean error frame; never text spliced from
two attempts, never a backend's name or error text; the caller's model id on every chunk."""

from __future__ import annotations

import pytest

from .conftest import MASTER_KEY, RunningGateway
from .fixtures_observe import chat_requests, read_stream, stand_in_answer
from .test_zero_knowledge import forbidden

JSON_FORMAT = {"type": "json_schema", "json_schema": {"name": "person", "schema": {
    "type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
    "required": ["name", "age"]}}}
BODY = {"model": "my-legacy-model-2019", "response_format": JSON_FORMAT,
        "messages": [{"role": "user", "content": "Tell me about tea."}]}


@pytest.mark.parametrize("usage", [False, True], ids=["plain", "include_usage"])
def test_midstream_failure_with_a_fallback_gives_one_answer_or_one_clean_error(
        gateway: RunningGateway, usage: bool) -> None:
    failing, fallback = gateway.upstream.replicas[1], gateway.upstream.replicas[0]
    failing.fail("midstream", count=-1)
    body = {**BODY, **({"stream_options": {"include_usage": True}} if usage else {})}
    try:
        seen = read_stream(gateway.base_url + "/chat/completions", body, MASTER_KEY)
    finally:
        failing.reset()

    assert seen.status == 200, seen.data
    assert seen.headers["x-di-request-type"] == "json"
    assert chat_requests(failing), "the json group's backend was tried first"
    wire = "\n".join(seen.data).lower() + "\n" + "\n".join(f"{k}: {v}" for k, v in seen.headers.items()).lower()
    leaks = [t for t in forbidden(gateway) if t in wire]
    assert not leaks, f"leaked {leaks} in:\n{wire[:3000]}"
    chunks = seen.chunks()
    assert chunks, seen.data
    assert {c.get("model") for c in chunks if "error" not in c} == {"my-legacy-model-2019"}

    if seen.done:  # served: exactly one backend's complete answer
        assert not seen.errors(), seen.data
        answers = [stand_in_answer(r, b)["content"] for r in (failing, fallback) for b in chat_requests(r)]
        assert seen.text() in answers, (seen.text(), answers)
        assert seen.finish_reason() == "stop"
    else:  # failed: what had arrived, then one clean error frame, last
        assert seen.errors() == [chunks[-1]], seen.data
        error = chunks[-1]["error"]
        assert error["message"] and error["type"] == "server_error"
        partial = seen.text()
        (first_try,) = chat_requests(failing)
        assert stand_in_answer(failing, first_try)["content"].startswith(partial)
