"""The six examples of the product page (openai-compatible-api.txt), verbatim except for base_url and
api_key, run with the real ``openai`` SDK against the real gateway process."""

from __future__ import annotations

import json

import httpx
from openai import OpenAI

from .conftest import MASTER_KEY, RunningGateway
from .fixtures_observe import Stream, chat_requests, stand_in_answer


def test_plain_chat_echoes_model(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    resp = client.chat.completions.create(
        model="gpt-5.5-mini",
        messages=[
            {"role": "system", "content": "You are a concise assistant."},
            {"role": "user", "content": "Name three uses for a paperclip."},
        ],
        temperature=0.7,
        max_tokens=300,
    )
    print(resp.choices[0].message.content)
    assert resp.model == "gpt-5.5-mini"
    assert resp.choices[0].message.content
    assert resp.id.startswith("chatcmpl-di")
    (forwarded,) = chat_requests(gateway.upstream.replicas[0])
    assert resp.choices[0].message.content == stand_in_answer(gateway.upstream.replicas[0], forwarded)["content"]
    assert forwarded["temperature"] == 0.7 and forwarded["max_tokens"] == 300
    assert forwarded["messages"][0] == {"role": "system", "content": "You are a concise assistant."}


def test_streaming_haiku(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    stream = client.chat.completions.create(
        model="gpt-5.5-mini",
        messages=[{"role": "user", "content": "Stream a haiku about latency."}],
        stream=True,
    )
    pieces = []
    models = set()
    for chunk in stream:
        models.add(chunk.model)
        delta = chunk.choices[0].delta.content
        if delta:
            print(delta, end="", flush=True)
            pieces.append(delta)
    replica = gateway.upstream.replicas[0]  # `flash` (rule 9: a mini id) is served by replica-0
    (forwarded,) = chat_requests(replica)
    assert "".join(pieces) == stand_in_answer(replica, forwarded)["content"]
    assert models == {"gpt-5.5-mini"}


def test_streaming_wire_ends_with_done(gateway: RunningGateway) -> None:
    body = {"model": "gpt-5.5-mini", "stream": True,
            "messages": [{"role": "user", "content": "Stream a haiku about latency."}]}
    with httpx.stream("POST", gateway.base_url + "/chat/completions", json=body, timeout=30,
                      headers={"Authorization": f"Bearer {MASTER_KEY}"}) as resp:
        assert resp.status_code == 200
        assert resp.headers["content-type"].startswith("text/event-stream")
        assert resp.headers["x-di-request-type"] == "flash"  # rule 9: a mini id
        frames = [line for line in resp.iter_lines() if line.startswith("data: ")]
    assert frames[-1] == "data: [DONE]"
    seen = Stream(resp.status_code, resp.headers, [frame[6:] for frame in frames])
    for chunk in seen.chunks():
        assert chunk["model"] == "gpt-5.5-mini"
    replica = gateway.upstream.replicas[0]
    (forwarded,) = chat_requests(replica)
    expected = stand_in_answer(replica, forwarded)
    assert seen.text() == expected["content"]
    assert seen.finish_reason() == expected["finish_reason"] == "stop"


def test_tools_give_tool_calls_and_code_type(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    tools = [{
        "type": "function",
        "function": {
            "name": "get_weather",
            "description": "Get the current weather for a city.",
            "parameters": {
                "type": "object",
                "properties": {"city": {"type": "string"}},
                "required": ["city"],
            },
        },
    }]
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-5.5-mini",
        messages=[{"role": "user", "content": "What is the weather in Paris?"}],
        tools=tools,
    )
    resp = raw.parse()
    calls = resp.choices[0].message.tool_calls or []
    for call in calls:
        print(call.function.name, call.function.arguments)
    assert calls and calls[0].function.name == "get_weather"
    assert isinstance(json.loads(calls[0].function.arguments)["city"], str)
    assert raw.headers["x-di-request-type"] == "code"
    assert resp.model == "gpt-5.5-mini"


def test_image_parts_are_vision_whatever_the_model(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-5.5-mini",
        messages=[{
            "role": "user",
            "content": [
                {"type": "text", "text": "What is in this image?"},
                {"type": "image_url", "image_url": {"url": "https://example.com/photo.jpg"}},
            ],
        }],
    )
    resp = raw.parse()
    print(resp.choices[0].message.content)
    assert raw.headers["x-di-request-type"] == "vision"
    assert resp.model == "gpt-5.5-mini"


def test_json_schema_gives_parseable_json(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-5.5-mini",
        messages=[{"role": "user", "content": "Extract the name and age from: Ada is 36."}],
        response_format={
            "type": "json_schema",
            "json_schema": {
                "name": "person",
                "schema": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "age": {"type": "integer"}},
                    "required": ["name", "age"],
                },
            },
        },
    )
    resp = raw.parse()
    print(resp.choices[0].message.content)  # strict JSON
    data = json.loads(resp.choices[0].message.content)
    assert isinstance(data["name"], str) and isinstance(data["age"], int)
    assert raw.headers["x-di-request-type"] == "json"


def test_header_via_with_raw_response(gateway: RunningGateway) -> None:
    client = OpenAI(api_key=MASTER_KEY, base_url=gateway.base_url)
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-5.5-mini",
        messages=[{"role": "user", "content": "Reply with exactly PONG."}],
    )
    assert raw.headers.get("X-DI-Request-Type") == "flash"
    assert raw.parse().model == "gpt-5.5-mini"
