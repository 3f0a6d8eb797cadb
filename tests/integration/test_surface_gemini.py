"""The Gemini generateContent surface end to end: the real ``google-genai`` SDK pointed at the gateway the
way the reference says (``base_url=<root>/di``), raw HTTP for the two stream modes and the headers, and
the careless stand-in behind it (nothing of it may reach the caller, streams and errors included)."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest
from google import genai
from google.genai import errors, types
from pydantic import BaseModel

from .conftest import MASTER_KEY, TENANT_KEY, RunningGateway
from .fixtures_observe import chat_requests, stand_in_answer
from .test_zero_knowledge import assert_clean

FLASH = "gemini-2.5-flash"
PRO = "gemini-2.5-pro"
PNG = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")).decode()
PDF = base64.b64encode(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF").decode()
WEATHER = types.FunctionDeclaration(
    name="get_weather", description="Current weather for a city",
    parameters=types.Schema(type="OBJECT", properties={"city": types.Schema(type="STRING")}, required=["city"]))
NO_AFC = types.AutomaticFunctionCallingConfig(disable=True)


# google-genai 3.x defaults to api_version "v1" (``/di/v1/models/{model}:generateContent``); the reference
# documents ``/di/v1beta/...``: the gateway serves both, the tests use the SDK's default and
# test_sdk_v1beta_paths the documented one.


def client_for(gateway: RunningGateway, key: str = TENANT_KEY, **options: Any) -> genai.Client:
    return genai.Client(api_key=key, http_options=types.HttpOptions(base_url=gateway.root_url + "/di", **options))


@pytest.fixture()
def gclient(gateway: RunningGateway) -> genai.Client:
    return client_for(gateway)


def url(gateway: RunningGateway, model: str, method: str, query: str = "") -> str:
    return f"{gateway.root_url}/di/v1beta/models/{model}:{method}{query}"


def post(gateway: RunningGateway, model: str, method: str, body: dict, query: str = "",
         headers: dict | None = None) -> httpx.Response:
    return httpx.post(url(gateway, model, method, query), json=body, timeout=30,
                      headers={"x-goog-api-key": TENANT_KEY} if headers is None else headers)


def text_body(text: str = "Tell me about tea.", **extra: Any) -> dict:
    return {"contents": [{"role": "user", "parts": [{"text": text}]}], **extra}


def header(response: Any, name: str) -> str | None:
    return (response.sdk_http_response.headers or {}).get(name)


def last_forwarded(gateway: RunningGateway, replica: int = 0) -> dict:
    return chat_requests(gateway.upstream.replicas[replica])[-1]


def sse_payloads(data: bytes) -> list[dict]:
    frames = [f for f in data.split(b"\r\n\r\n") if f.strip()]
    assert all(f.startswith(b"data: ") for f in frames), data[:300]
    return [json.loads(f[6:]) for f in frames]


def streamed_text(events: list[dict]) -> str:
    return "".join(p.get("text", "") for e in events for c in e.get("candidates", [])
                   for p in c["content"]["parts"] if not p.get("thought"))


# --------------------------------------------------------------------------------------------------
# the SDK


def test_sdk_chat_echoes_model_version_and_request_type(gateway: RunningGateway, gclient: genai.Client) -> None:
    reply = gclient.models.generate_content(model=FLASH, contents="Reply with exactly PONG.")
    forwarded = last_forwarded(gateway)
    assert forwarded["messages"][-1] == {"role": "user", "content": "Reply with exactly PONG."}
    expected = stand_in_answer(gateway.upstream.replicas[0], forwarded)
    assert reply.text == expected["content"]
    assert reply.model_version == FLASH
    assert reply.candidates[0].finish_reason == types.FinishReason.STOP
    usage = reply.usage_metadata
    assert usage.prompt_token_count > 0 and usage.candidates_token_count > 0
    assert usage.total_token_count == usage.prompt_token_count + usage.candidates_token_count
    assert header(reply, "x-di-request-type") == "flash"


def test_sdk_system_instruction_and_generation_config(gateway: RunningGateway, gclient: genai.Client) -> None:
    config = types.GenerateContentConfig(system_instruction="Be brief.", temperature=0.2, top_p=0.9, top_k=20,
                                         max_output_tokens=64, stop_sequences=["END"], seed=3)
    gclient.models.generate_content(model=PRO, contents="Tell me about tea.", config=config)
    forwarded = last_forwarded(gateway)
    assert forwarded["messages"][0] == {"role": "system", "content": "Be brief."}
    assert forwarded["temperature"] == 0.2 and forwarded["top_p"] == 0.9 and forwarded["seed"] == 3
    assert forwarded["stop"] == ["END"]
    assert forwarded.get("max_tokens") == 64 or forwarded.get("max_completion_tokens") == 64
    assert "top_k" not in forwarded and "generationConfig" not in forwarded


def test_sdk_stream(gateway: RunningGateway, gclient: genai.Client) -> None:
    chunks = list(gclient.models.generate_content_stream(model=FLASH, contents="Reply with exactly PONG."))
    expected = stand_in_answer(gateway.upstream.replicas[0], last_forwarded(gateway))
    assert "".join(c.text or "" for c in chunks) == expected["content"]
    assert len(chunks) > 2
    assert {c.model_version for c in chunks} == {FLASH}
    assert len({c.response_id for c in chunks}) == 1
    assert chunks[-1].candidates[0].finish_reason == types.FinishReason.STOP
    assert chunks[-1].usage_metadata.total_token_count > 0
    assert header(chunks[0], "x-di-request-type") == "flash"


def test_sdk_function_call_round_trip(gateway: RunningGateway, gclient: genai.Client) -> None:
    config = types.GenerateContentConfig(tools=[types.Tool(function_declarations=[WEATHER])],
                                         automatic_function_calling=NO_AFC)
    question = types.Content(role="user", parts=[types.Part.from_text(text="What is the weather in Paris?")])
    reply = gclient.models.generate_content(model=FLASH, contents=[question], config=config)
    assert header(reply, "x-di-request-type") == "code"
    forwarded = last_forwarded(gateway)
    assert forwarded["tools"][0]["function"]["name"] == "get_weather"
    assert forwarded["tools"][0]["function"]["parameters"]["properties"]["city"] == {"type": "string"}
    expected = stand_in_answer(gateway.upstream.replicas[0], forwarded)["tool_call"]
    (call,) = reply.function_calls
    assert call.name == "get_weather" and call.args == json.loads(expected["arguments"])

    history = [question, reply.candidates[0].content,
               types.Content(role="user", parts=[types.Part.from_function_response(
                   name="get_weather", response={"temperature_c": 21})])]
    final = gclient.models.generate_content(model=FLASH, contents=history, config=config)
    forwarded = last_forwarded(gateway)
    assistant, tool = forwarded["messages"][-2:]
    assert assistant["role"] == "assistant" and assistant["tool_calls"][0]["function"]["name"] == "get_weather"
    assert tool == {"role": "tool", "tool_call_id": assistant["tool_calls"][0]["id"],
                    "content": '{"temperature_c":21}'}
    assert final.text and not final.function_calls
    assert final.text == stand_in_answer(gateway.upstream.replicas[0], forwarded)["content"]


def test_sdk_forced_function_call_streamed(gateway: RunningGateway, gclient: genai.Client) -> None:
    config = types.GenerateContentConfig(
        tools=[types.Tool(function_declarations=[WEATHER])], automatic_function_calling=NO_AFC,
        tool_config=types.ToolConfig(function_calling_config=types.FunctionCallingConfig(
            mode="ANY", allowed_function_names=["get_weather"])))
    chunks = list(gclient.models.generate_content_stream(model=PRO, contents="Weather in Rome?", config=config))
    forwarded = last_forwarded(gateway)
    assert forwarded["tool_choice"] == {"type": "function", "function": {"name": "get_weather"}}
    expected = stand_in_answer(gateway.upstream.replicas[0], forwarded)["tool_call"]
    calls = [fc for c in chunks for fc in (c.function_calls or [])]
    assert [(fc.name, fc.args) for fc in calls] == [("get_weather", json.loads(expected["arguments"]))]
    assert header(chunks[0], "x-di-request-type") == "code"


def test_sdk_image_is_vision(gateway: RunningGateway, gclient: genai.Client) -> None:
    reply = gclient.models.generate_content(model=FLASH, contents=[
        "What is in this image?", types.Part.from_bytes(data=base64.b64decode(PNG), mime_type="image/png")])
    assert header(reply, "x-di-request-type") == "vision"
    parts = last_forwarded(gateway)["messages"][-1]["content"]
    assert parts[1]["type"] == "image_url" and parts[1]["image_url"]["url"] == f"data:image/png;base64,{PNG}"
    assert reply.text


def test_sdk_pdf_is_document(gateway: RunningGateway, gclient: genai.Client) -> None:
    reply = gclient.models.generate_content(model=FLASH, contents=[
        types.Part.from_bytes(data=base64.b64decode(PDF), mime_type="application/pdf"), "Summarize this."])
    assert header(reply, "x-di-request-type") == "document"
    part = last_forwarded(gateway)["messages"][-1]["content"][0]
    assert part["type"] == "file" and part["file"]["file_data"] == f"data:application/pdf;base64,{PDF}"


class City(BaseModel):
    name: str
    population: int


def test_sdk_json_schema_gets_strict_json(gateway: RunningGateway, gclient: genai.Client) -> None:
    config = types.GenerateContentConfig(response_mime_type="application/json", response_schema=City)
    reply = gclient.models.generate_content(model=PRO, contents="Name a large city.", config=config)
    assert header(reply, "x-di-request-type") == "json"
    city = City.model_validate_json(reply.text)
    assert isinstance(reply.parsed, City) and reply.parsed == city
    forwarded = last_forwarded(gateway, replica=1)
    schema = forwarded["response_format"]["json_schema"]["schema"]
    assert schema["type"] == "object" and schema["properties"]["population"]["type"] == "integer"

    raw = {"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}
    config = types.GenerateContentConfig(response_mime_type="application/json", response_json_schema=raw)
    reply = gclient.models.generate_content(model=PRO, contents="Is tea good?", config=config)
    assert isinstance(json.loads(reply.text)["ok"], bool)


def test_sdk_count_tokens(gateway: RunningGateway, gclient: genai.Client) -> None:
    before = sum(len(r.requests()) for r in gateway.upstream.replicas)
    short = gclient.models.count_tokens(model=FLASH, contents="hello")
    long = gclient.models.count_tokens(model=FLASH, contents="hello " * 400)
    assert 0 < short.total_tokens < long.total_tokens
    assert sum(len(r.requests()) for r in gateway.upstream.replicas) == before  # counting calls no backend


def test_sdk_wrong_or_missing_key_is_401(gateway: RunningGateway) -> None:
    wrong = client_for(gateway, key="wrong-key")  # keep a reference: a collected Client closes its transport
    with pytest.raises(errors.ClientError) as info:
        wrong.models.generate_content(model=FLASH, contents="x")
    assert info.value.code == 401 and info.value.status == "UNAUTHENTICATED" and info.value.message
    for headers in ({}, {"x-goog-api-key": "wrong"}):
        resp = post(gateway, FLASH, "generateContent", text_body(), headers=headers)
        assert resp.status_code == 401
        error = resp.json()["error"]
        assert set(error) == {"code", "message", "status"}
        assert error["code"] == 401 and error["status"] == "UNAUTHENTICATED"
        assert_clean(gateway, resp, resp.text)


@pytest.mark.parametrize("tool,name", [
    (types.Tool(google_search=types.GoogleSearch()), "googleSearch"),
    (types.Tool(code_execution=types.ToolCodeExecution()), "codeExecution"),
    (types.Tool(url_context=types.UrlContext()), "urlContext"),
    (types.Tool(google_search_retrieval=types.GoogleSearchRetrieval()), "googleSearchRetrieval"),
])
def test_sdk_server_side_tools_are_400(gateway: RunningGateway, gclient: genai.Client, tool, name) -> None:
    with pytest.raises(errors.ClientError) as info:
        gclient.models.generate_content(model=FLASH, contents="Search the web for tea.",
                                        config=types.GenerateContentConfig(tools=[tool]))
    assert info.value.code == 400 and info.value.status == "INVALID_ARGUMENT"
    assert f'server-side tool "{name}" is not supported' in info.value.message
    resp = post(gateway, FLASH, "generateContent", text_body(tools=[{name: {}}]))
    assert resp.status_code == 400 and resp.json()["error"]["status"] == "INVALID_ARGUMENT"
    assert resp.headers["x-di-request-type"]
    assert_clean(gateway, resp, resp.text)


def test_sdk_model_list(gateway: RunningGateway, gclient: genai.Client) -> None:
    models = list(gclient.models.list())
    assert {m.name for m in models} >= {"models/di", "models/di-max"}
    assert all("generateContent" in m.supported_actions for m in models)


def test_sdk_v1beta_paths(gateway: RunningGateway) -> None:
    client = client_for(gateway, api_version="v1beta")
    assert client.models.generate_content(model=FLASH, contents="Reply with exactly PONG.").model_version == FLASH
    assert {m.name for m in client.models.list()} >= {"models/di", "models/di-max"}


# --------------------------------------------------------------------------------------------------
# raw HTTP


def test_credential_order(gateway: RunningGateway) -> None:
    ok = post(gateway, FLASH, "generateContent", text_body(), query=f"?key={TENANT_KEY}", headers={})
    assert ok.status_code == 200
    bearer = post(gateway, FLASH, "generateContent", text_body(), headers={"Authorization": f"Bearer {MASTER_KEY}"})
    assert bearer.status_code == 200
    first_wins = post(gateway, FLASH, "generateContent", text_body(), query="?key=wrong",
                      headers={"x-goog-api-key": TENANT_KEY})
    assert first_wins.status_code == 200
    header_wrong = post(gateway, FLASH, "generateContent", text_body(), query=f"?key={TENANT_KEY}",
                        headers={"x-goog-api-key": "wrong"})
    assert header_wrong.status_code == 401


def test_raw_generate_content_headers_and_literal_echo(gateway: RunningGateway) -> None:
    model = "gemini-3.0-flash-preview-09-2026"
    resp = post(gateway, model, "generateContent", text_body("Reply with exactly PONG."))
    assert resp.status_code == 200, resp.text
    assert resp.headers["x-di-request-type"] == "flash"
    assert resp.headers["content-type"].startswith("application/json")
    assert f'"modelVersion":"{model}"' in resp.text
    body = resp.json()
    assert set(body) == {"candidates", "usageMetadata", "modelVersion", "responseId"}
    assert_clean(gateway, resp, resp.text)


def test_raw_sse_stream(gateway: RunningGateway) -> None:
    with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent", "?alt=sse"), json=text_body(),
                      headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as resp:
        data = resp.read()
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("text/event-stream")
    assert resp.headers["x-di-request-type"]
    events = sse_payloads(data)
    expected = stand_in_answer(gateway.upstream.replicas[0], last_forwarded(gateway))
    assert streamed_text(events) == expected["content"]
    assert events[-1]["candidates"][0]["finishReason"] == "STOP" and events[-1]["usageMetadata"]["totalTokenCount"]
    assert all(e["modelVersion"] == FLASH for e in events)
    assert_clean(gateway, resp, data.decode())


def test_raw_json_array_stream(gateway: RunningGateway) -> None:
    with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent"), json=text_body(),
                      headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as resp:
        data = resp.read()
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/json")
    items = json.loads(data)
    assert isinstance(items, list) and len(items) > 1
    expected = stand_in_answer(gateway.upstream.replicas[0], last_forwarded(gateway))
    assert streamed_text(items) == expected["content"]
    assert items[-1]["candidates"][0]["finishReason"] == "STOP"
    assert_clean(gateway, resp, data.decode())


def test_raw_count_tokens(gateway: RunningGateway) -> None:
    resp = post(gateway, FLASH, "countTokens", {"generateContentRequest": {
        "model": f"models/{FLASH}", "contents": [{"role": "user", "parts": [{"text": "hello there"}]}]}})
    assert resp.status_code == 200, resp.text
    assert set(resp.json()) == {"totalTokens"} and resp.json()["totalTokens"] > 0
    assert resp.headers["x-di-request-type"]


def test_raw_model_list(gateway: RunningGateway) -> None:
    resp = httpx.get(gateway.root_url + "/di/v1beta/models", headers={"x-goog-api-key": TENANT_KEY}, timeout=30)
    assert resp.status_code == 200, resp.text
    names = [m["name"] for m in resp.json()["models"]]
    assert "models/di" in names and "models/di-max" in names


def test_raw_invalid_body_names_the_field(gateway: RunningGateway) -> None:
    resp = post(gateway, FLASH, "generateContent", {"contents": [{"role": "user", "parts": [
        {"text": "x"}, {"inlineData": {"data": PNG}}]}]})
    assert resp.status_code == 400
    error = resp.json()["error"]
    assert error["status"] == "INVALID_ARGUMENT" and "contents[0].parts[1].inlineData.mimeType" in error["message"]
    assert resp.headers.get("x-di-request-type")


def test_thinking_budget_feeds_effort(gateway: RunningGateway) -> None:
    """``routing.pro.max`` is the ``reason`` group (replica-2): a max thinking budget on a pro id goes there."""
    body = text_body(generationConfig={"thinkingConfig": {"thinkingBudget": 60000}})
    resp = post(gateway, PRO, "generateContent", body)
    assert resp.status_code == 200, resp.text
    assert chat_requests(gateway.upstream.replicas[2])
    forwarded = chat_requests(gateway.upstream.replicas[2])[-1]
    assert "generationConfig" not in forwarded and "thinkingConfig" not in json.dumps(forwarded)


# --------------------------------------------------------------------------------------------------
# zero knowledge with the careless stand-in


def test_tools_and_json_replies_are_clean(gateway: RunningGateway) -> None:
    tools = [{"functionDeclarations": [{"name": "get_weather", "parameters": {
        "type": "OBJECT", "properties": {"city": {"type": "STRING"}}}}]}]
    for body in (text_body(tools=tools),
                 text_body(generationConfig={"responseMimeType": "application/json"})):
        resp = post(gateway, FLASH, "generateContent", body)
        assert resp.status_code == 200, resp.text
        assert_clean(gateway, resp, resp.text)
        with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent", "?alt=sse"), json=body,
                          headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as sresp:
            data = sresp.read()
        assert sresp.status_code == 200
        assert_clean(gateway, sresp, data.decode())


@pytest.mark.parametrize(("upstream_status", "status", "google"), [
    (400, 400, "INVALID_ARGUMENT"), (429, 429, "RESOURCE_EXHAUSTED"), (500, 502, "UNAVAILABLE"),
])
def test_upstream_errors_are_clean(gateway: RunningGateway, upstream_status: int, status: int, google: str) -> None:
    gateway.upstream.replicas[0].fail("status", status=upstream_status, count=-1)
    resp = post(gateway, FLASH, "generateContent", text_body())
    assert resp.status_code == status, resp.text
    error = resp.json()["error"]
    assert set(error) == {"code", "message", "status"} and error["code"] == status and error["status"] == google
    assert resp.headers["x-di-request-type"] == "flash"
    assert_clean(gateway, resp, resp.text)
    for query in ("?alt=sse", ""):
        with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent", query), json=text_body(),
                          headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as sresp:
            data = sresp.read()
        assert sresp.status_code == status
        assert json.loads(data)["error"]["status"] == google
        assert_clean(gateway, sresp, data.decode())


def test_midstream_failure_ends_with_a_clean_error(gateway: RunningGateway) -> None:
    gateway.upstream.replicas[0].fail("midstream", count=-1)
    with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent", "?alt=sse"), json=text_body(),
                      headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as resp:
        data = resp.read()
    assert resp.status_code == 200
    events = sse_payloads(data)
    error = events[-1]["error"]
    assert set(error) == {"code", "message", "status"} and error["code"] >= 500
    assert_clean(gateway, resp, data.decode())
    with httpx.stream("POST", url(gateway, FLASH, "streamGenerateContent"), json=text_body(),
                      headers={"x-goog-api-key": TENANT_KEY}, timeout=30) as resp:
        data = resp.read()
    items = json.loads(data)
    assert "error" in items[-1]
    assert_clean(gateway, resp, data.decode())
    client = client_for(gateway)
    with pytest.raises(errors.APIError) as info:
        list(client.models.generate_content_stream(model=FLASH, contents="Tell me about tea."))
    assert info.value.code >= 500 and info.value.status
