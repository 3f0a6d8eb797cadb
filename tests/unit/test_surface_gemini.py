"""The Gemini generateContent surface: native body → chat body, completion → GenerateContentResponse,
both stream modes, error envelopes, and what the classifier makes of the translated requests."""

from __future__ import annotations

import base64
import timeit

import orjson
import pytest

from di_plugins.builtin.classification import ClassificationPlugin
from di_plugins.classifier.explain import explain
from di_plugins.context import GatewayError, RequestContext
from di_plugins.errors import RequestError
from di_plugins.surfaces.base import COUNT, GENERATE, Route
from di_plugins.surfaces.gemini import INCLUDE_THOUGHTS, SURFACE, GeminiSurface, google_status
from di_plugins.surfaces.openai_chat import completion_chunks, rebuild_chunk, rebuild_completion
from di_plugins.validation import validate_chat_request

MODEL = "gemini-2.5-flash"
PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 16).decode()
PDF = base64.b64encode(b"%PDF-1.4 tiny").decode()
PLUGIN = ClassificationPlugin()


def ctx_for(model: str = MODEL, query: dict | None = None) -> RequestContext:
    return RequestContext(surface="gemini", caller_model=model, query=dict(query or {}))


def chat(body, *, model: str = MODEL, stream: bool = False, action: str = GENERATE, ctx=None) -> dict:
    ctx = ctx or ctx_for(model)
    return SURFACE.to_chat(body, Route("gemini", action, model, stream), ctx)


def user(*parts, role="user") -> dict:
    return {"role": role, "parts": [p if isinstance(p, dict) else {"text": p} for p in parts]}


def rejected(body, **kwargs) -> RequestError:
    with pytest.raises(RequestError) as info:
        chat(body, **kwargs)
    assert info.value.status == 400
    return info.value


def classify(body, model: str = MODEL, headers: dict | None = None) -> dict:
    """What the journey does: effort from the body as translated, classification on the validated one."""
    ctx = ctx_for(model)
    ctx.headers = headers or {}
    translated = chat(body, model=model, ctx=ctx)
    ctx.effort = PLUGIN.di_effort(translated, ctx)
    ctx.classification = PLUGIN.di_classify(validate_chat_request(translated), ctx)
    return explain(ctx)


# --------------------------------------------------------------------------------------------------
# credentials


def test_credential_order_header_query_bearer():
    c = SURFACE.credential
    assert c({"x-goog-api-key": "h"}, ["Bearer b"], {"key": "q"}) == "h"
    assert c({}, ["Bearer b"], {"key": "q"}) == "q"
    assert c({}, ["Bearer b"], {}) == "b"
    assert c({"x-goog-api-key": "  "}, ["bearer b"], {"key": ""}) == "b"
    assert c({}, ["Basic abc"], {}) is None
    assert c({}, [], {}) is None


# --------------------------------------------------------------------------------------------------
# to_chat: contents and parts


def test_minimal_text_request():
    out = chat({"contents": [user("Hello")]})
    assert out == {"model": MODEL, "messages": [{"role": "user", "content": "Hello"}]}
    assert validate_chat_request(out)["messages"] == out["messages"]


def test_model_is_the_path_id_verbatim():
    out = chat({"contents": [user("x")]}, model="gemini-2.5-pro@high")
    assert out["model"] == "gemini-2.5-pro@high"
    with pytest.raises(RequestError):
        SURFACE.to_chat({"contents": [user("x")]}, Route("gemini", GENERATE, ""), ctx_for())


def test_role_defaults_to_user_and_model_becomes_assistant():
    out = chat({"contents": [{"parts": [{"text": "a"}]}, user("b", role="model"), user("c")]})
    assert [m["role"] for m in out["messages"]] == ["user", "assistant", "user"]
    assert out["messages"][1] == {"role": "assistant", "content": "b"}


def test_system_instruction_content_or_string_camel_or_snake():
    for key in ("systemInstruction", "system_instruction"):
        out = chat({key: {"parts": [{"text": "one"}, {"text": "two"}]}, "contents": [user("x")]})
        assert out["messages"][0] == {"role": "system", "content": "one\ntwo"}
    out = chat({"systemInstruction": "be brief", "contents": [user("x")]})
    assert out["messages"][0] == {"role": "system", "content": "be brief"}
    err = rejected({"systemInstruction": {"parts": [{"inlineData": {"mimeType": "image/png", "data": PNG}}]},
                    "contents": [user("x")]})
    assert "systemInstruction.parts[0]" in str(err)


def test_model_text_parts_are_joined_and_thoughts_dropped():
    out = chat({"contents": [user("q"), {"role": "model", "parts": [
        {"text": "thinking...", "thought": True}, {"text": "Hel"}, {"text": "lo"},
        {"thoughtSignature": "c2ln"}]}, user("next")]})
    assert out["messages"][1] == {"role": "assistant", "content": "Hello"}
    user_thought = chat({"contents": [user({"text": "secret", "thought": True}, "visible")]})
    assert user_thought["messages"] == [{"role": "user", "content": "visible"}]


@pytest.mark.parametrize("key,mime_key", [("inlineData", "mimeType"), ("inline_data", "mime_type"),
                                          ("inlineData", "mime_type")])
def test_inline_image_becomes_image_url(key, mime_key):
    out = chat({"contents": [user("what is this?", {key: {mime_key: "image/png", "data": PNG}})]})
    parts = out["messages"][0]["content"]
    assert parts[1] == {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}}
    validate_chat_request(out)


def test_inline_documents_become_file_parts():
    for mime, name in [("application/pdf", "document.pdf"), ("text/plain", "document.txt"),
                       ("text/csv", "document.csv")]:
        out = chat({"contents": [user({"inlineData": {"mimeType": mime, "data": PDF}}, "summarize")]})
        part = out["messages"][0]["content"][0]
        assert part == {"type": "file", "file": {"file_data": f"data:{mime};base64,{PDF}", "filename": name}}
        validate_chat_request(out)
    out = chat({"contents": [user({"inlineData": {"mimeType": "application/x-weird", "data": PDF}})]})
    assert out["messages"][0]["content"][0]["file"] == {"file_data": f"data:application/x-weird;base64,{PDF}"}


def test_inline_audio_and_video():
    out = chat({"contents": [user({"inlineData": {"mimeType": "audio/wav", "data": PDF}}, "transcribe")]})
    assert out["messages"][0]["content"][0] == {"type": "input_audio", "input_audio": {"data": PDF, "format": "wav"}}
    err = rejected({"contents": [user({"inlineData": {"mimeType": "audio/ogg", "data": PDF}})]})
    assert "contents[0].parts[0].inlineData.mimeType" in str(err)
    out = chat({"contents": [user({"inlineData": {"mimeType": "video/mp4", "data": PDF}})]})
    assert out["messages"][0]["content"][0]["image_url"]["url"].startswith("data:video/mp4;base64,")


@pytest.mark.parametrize("blob,field", [
    ({"data": PNG}, "contents[0].parts[1].inlineData.mimeType"),
    ({"mimeType": "image/png"}, "contents[0].parts[1].inlineData.data"),
    ({"mimeType": 5, "data": PNG}, "contents[0].parts[1].inlineData.mimeType"),
    ({"mimeType": "png", "data": PNG}, "contents[0].parts[1].inlineData.mimeType"),
    ({"mimeType": "image/png", "data": ""}, "contents[0].parts[1].inlineData.data"),
    ("abc", "contents[0].parts[1].inlineData"),
])
def test_bad_inline_data_names_the_field(blob, field):
    err = rejected({"contents": [user("x", {"inlineData": blob})]})
    assert f"'{field}'" in str(err)
    assert err.error.param == field


def test_file_data_public_image_urls_only():
    out = chat({"contents": [user("what is this?", {"file_data": {"mime_type": "image/jpeg",
                                                                  "file_uri": "https://example.com/cat.jpg"}})]})
    assert out["messages"][0]["content"][1] == {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}
    assert classify({"contents": [user("what is this?", {"fileData": {
        "mimeType": "image/png", "fileUri": "https://example.com/cat.png"}})]})["request_type"] == "vision"
    for ref in ({"mimeType": "application/pdf", "fileUri": "https://example.com/a.pdf"},
                {"mimeType": "image/png", "fileUri": "https://generativelanguage.googleapis.com/v1beta/files/abc"},
                {"mimeType": "image/png", "fileUri": "gs://bucket/cat.png"},
                {"fileUri": "https://example.com/cat.png"}):
        err = rejected({"contents": [user({"fileData": ref})]})
        assert "'contents[0].parts[0].fileData'" in str(err) and "inlineData" in str(err)
    err = rejected({"contents": [user({"fileData": {"mimeType": "image/png"}})]})
    assert "contents[0].parts[0].fileData.fileUri" in str(err)


@pytest.mark.parametrize("body,field", [
    ({}, "contents"),
    ({"contents": []}, "contents"),
    ({"contents": "hi"}, "contents"),
    ({"contents": [{"role": "user"}]}, "contents[0].parts"),
    ({"contents": [{"role": "user", "parts": []}]}, "contents[0].parts"),
    ({"contents": [{"role": "system", "parts": [{"text": "x"}]}]}, "contents[0].role"),
    ({"contents": [{"role": "user", "parts": [{"text": 5}]}]}, "contents[0].parts[0].text"),
    ({"contents": [{"role": "user", "parts": [{}]}]}, "contents[0].parts[0]"),
    ({"contents": [{"role": "user", "parts": ["x"]}]}, "contents[0].parts[0]"),
    ({"contents": [user("a"), {"role": "model", "parts": [{"inlineData": {"mimeType": "image/png",
                                                                           "data": PNG}}]}]},
     "contents[1].parts[0].inlineData"),
    ({"contents": [{"role": "user", "parts": [{"functionCall": {"name": "f"}}]}]}, "contents[0].parts[0].functionCall"),
    ({"contents": [{"role": "user", "parts": [{"executableCode": {"code": "1"}}]}]},
     "contents[0].parts[0].executableCode"),
    ({"contents": [user("x")], "cachedContent": "cachedContents/abc"}, "cachedContent"),
    ({"contents": [user("x")], "cached_content": "cachedContents/abc"}, "cachedContent"),
])
def test_invalid_shapes_name_the_gemini_field(body, field):
    err = rejected(body)
    assert f"'{field}'" in str(err), str(err)


def test_body_must_be_an_object():
    with pytest.raises(RequestError, match="expected an object"):
        chat([1, 2])


def test_ignored_fields():
    out = chat({"contents": [user("x")], "safetySettings": [{"category": "HARM_CATEGORY_HATE_SPEECH",
                                                              "threshold": "BLOCK_NONE"}],
                "labels": {"team": "a"}, "unknownThing": 1})
    assert set(out) == {"model", "messages"}


# --------------------------------------------------------------------------------------------------
# tools


WEATHER = {"name": "get_weather", "description": "Weather for a city",
           "parameters": {"type": "OBJECT", "properties": {
               "city": {"type": "STRING", "description": "City name"},
               "unit": {"type": "STRING", "enum": ["C", "F"], "format": "enum", "nullable": True},
               "days": {"type": "INTEGER", "format": "int32", "minimum": 1, "maximum": 7},
               "tags": {"type": "ARRAY", "items": {"type": "STRING"}, "maxItems": "5", "minItems": 0},
               "where": {"anyOf": [{"type": "STRING"}, {"type": "NUMBER"}], "nullable": True},
               "opts": {"type": "OBJECT", "properties": {"x": {"type": "BOOLEAN"}},
                        "propertyOrdering": ["x"], "example": {"x": True}}},
               "required": ["city"]}}


def test_function_declarations_become_function_tools_with_json_schema():
    out = chat({"contents": [user("weather?")], "tools": [{"functionDeclarations": [WEATHER]}]})
    (tool,) = out["tools"]
    assert tool["type"] == "function" and tool["function"]["name"] == "get_weather"
    assert tool["function"]["description"] == "Weather for a city"
    assert tool["function"]["parameters"] == {
        "type": "object",
        "properties": {
            "city": {"type": "string", "description": "City name"},
            "unit": {"type": ["string", "null"], "enum": ["C", "F", None]},
            "days": {"type": "integer", "minimum": 1, "maximum": 7},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5, "minItems": 0},
            "where": {"anyOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]},
            "opts": {"type": "object", "properties": {"x": {"type": "boolean"}}},
        },
        "required": ["city"],
    }
    validate_chat_request(out)


def test_snake_case_declarations_and_json_schema_parameters():
    schema = {"type": "object", "properties": {"x": {"type": "integer"}}, "additionalProperties": False}
    out = chat({"contents": [user("x")], "tools": [{"function_declarations": [
        {"name": "f", "parameters_json_schema": schema},
        {"name": "g", "parametersJsonSchema": schema},
        {"name": "h"},
        {"name": "k", "parameters": {"type": "object", "properties": {"s": {"type": "string", "any_of": [
            {"type": "string", "max_length": 3}]}}}}]}]})
    fns = [t["function"] for t in out["tools"]]
    assert fns[0]["parameters"] is schema and fns[1]["parameters"] is schema
    assert fns[2]["parameters"] == {"type": "object", "properties": {}}
    assert fns[3]["parameters"]["properties"]["s"] == {"type": "string", "anyOf": [{"type": "string", "maxLength": 3}]}


@pytest.mark.parametrize("decl,field", [
    ({"description": "no name"}, "tools[0].functionDeclarations[0].name"),
    ({"name": "a.b"}, "tools[0].functionDeclarations[0].name"),
    ({"name": "f", "parameters": {"type": "WHATEVER"}}, "tools[0].functionDeclarations[0].parameters.type"),
    ({"name": "f", "parameters": {"type": "OBJECT", "properties": {"a": {"type": 3}}}},
     "tools[0].functionDeclarations[0].parameters.properties.a.type"),
    ({"name": "f", "parameters": {"type": "OBJECT"}, "parametersJsonSchema": {"type": "object"}},
     "tools[0].functionDeclarations[0]"),
])
def test_bad_declarations(decl, field):
    err = rejected({"contents": [user("x")], "tools": [{"functionDeclarations": [decl]}]})
    assert f"'{field}'" in str(err), str(err)


def test_duplicate_function_names_are_rejected():
    err = rejected({"contents": [user("x")], "tools": [{"functionDeclarations": [{"name": "f"}]},
                                                       {"functionDeclarations": [{"name": "f"}]}]})
    assert "duplicate" in str(err)


def test_schema_depth_is_bounded():
    deep: dict = {"type": "STRING"}
    for _ in range(80):
        deep = {"type": "ARRAY", "items": deep}
    err = rejected({"contents": [user("x")], "tools": [{"functionDeclarations": [{"name": "f", "parameters": deep}]}]})
    assert "deeper" in str(err)


@pytest.mark.parametrize("tool,name", [
    ({"googleSearch": {}}, "googleSearch"),
    ({"google_search": {}}, "googleSearch"),
    ({"googleSearchRetrieval": {"dynamicRetrievalConfig": {}}}, "googleSearchRetrieval"),
    ({"urlContext": {}}, "urlContext"),
    ({"code_execution": {}}, "codeExecution"),
    ({"functionDeclarations": [{"name": "f"}], "codeExecution": {}}, "codeExecution"),
    ({"computerUse": {"environment": "ENVIRONMENT_BROWSER"}}, "computerUse"),
    ({"fileSearch": {}}, "fileSearch"),
])
def test_server_side_tools_are_rejected_by_name(tool, name):
    err = rejected({"contents": [user("x")], "tools": [tool]})
    assert f'server-side tool "{name}" is not supported; define a function tool instead' in str(err)
    assert err.error.code == "unsupported_tool"


@pytest.mark.parametrize("config,choice,names", [
    ({"mode": "AUTO"}, None, ["f", "g"]),
    ({"mode": "auto"}, None, ["f", "g"]),
    ({"mode": "NONE"}, "none", ["f", "g"]),
    ({"mode": "ANY"}, "required", ["f", "g"]),
    ({"mode": "ANY", "allowedFunctionNames": ["g"]}, {"type": "function", "function": {"name": "g"}}, ["f", "g"]),
    ({"mode": "ANY", "allowed_function_names": ["f", "g"]}, "required", ["f", "g"]),
    ({"mode": "ANY", "allowedFunctionNames": ["g", "h"]}, "required", ["g", "h"]),
    ({"mode": "VALIDATED"}, None, ["f", "g"]),
])
def test_function_calling_config(config, choice, names):
    decls = [{"name": "f"}, {"name": "g"}, {"name": "h"}] if "h" in names else [{"name": "f"}, {"name": "g"}]
    for key in ("toolConfig", "tool_config"):
        for inner in ("functionCallingConfig", "function_calling_config"):
            out = chat({"contents": [user("x")], "tools": [{"functionDeclarations": decls}],
                        key: {inner: config}})
            assert out.get("tool_choice") == choice
            assert [t["function"]["name"] for t in out["tools"]] == names
            validate_chat_request(out)


def test_function_calling_config_errors():
    tools = [{"functionDeclarations": [{"name": "f"}]}]
    err = rejected({"contents": [user("x")], "tools": tools,
                    "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["nope"]}}})
    assert "allowedFunctionNames[0]" in str(err)
    err = rejected({"contents": [user("x")], "tools": tools, "toolConfig": {"functionCallingConfig": {"mode": "SOME"}}})
    assert "toolConfig.functionCallingConfig.mode" in str(err)
    err = rejected({"contents": [user("x")], "toolConfig": {"functionCallingConfig": {"mode": "ANY"}}})
    assert "ANY needs" in str(err)


def conversation_with_calls(response_parts, *, call_ids=(None, None)) -> dict:
    calls = []
    for (name, args), cid in zip((("get_weather", {"city": "Paris"}), ("get_weather", {"city": "Rome"})),
                                 call_ids, strict=True):
        fc = {"name": name, "args": args}
        if cid:
            fc["id"] = cid
        calls.append({"functionCall": fc})
    return {"contents": [user("Weather in Paris and Rome?"), {"role": "model", "parts": [{"text": "Checking."}, *calls]},
                         {"role": "user", "parts": response_parts}],
            "tools": [{"functionDeclarations": [WEATHER]}]}


def test_function_call_round_trip_ids_are_stable_and_matched():
    body = conversation_with_calls([
        {"functionResponse": {"name": "get_weather", "response": {"temp": 20}}},
        {"functionResponse": {"name": "get_weather", "response": {"temp": 25}}},
        {"text": "and now?"}])
    out = chat(body)
    msgs = out["messages"]
    assert msgs[1]["content"] == "Checking."
    assert [c["id"] for c in msgs[1]["tool_calls"]] == ["call_1_1", "call_1_2"]
    assert orjson.loads(msgs[1]["tool_calls"][1]["function"]["arguments"]) == {"city": "Rome"}
    assert msgs[2] == {"role": "tool", "tool_call_id": "call_1_1", "content": '{"temp":20}'}
    assert msgs[3] == {"role": "tool", "tool_call_id": "call_1_2", "content": '{"temp":25}'}
    assert msgs[4] == {"role": "user", "content": "and now?"}
    validate_chat_request(out)
    assert chat(body) == out  # deterministic: the same history gives the same ids (prefix caching)


def test_function_responses_match_by_id_and_snake_case():
    body = conversation_with_calls([
        {"function_response": {"id": "b2", "name": "get_weather", "response": {"temp": 25}}},
        {"functionResponse": {"id": "a1", "name": "get_weather", "response": {"temp": 20}}}],
        call_ids=("a1", "b2"))
    msgs = chat(body)["messages"]
    assert [c["id"] for c in msgs[1]["tool_calls"]] == ["a1", "b2"]
    assert [(m["tool_call_id"], m["content"]) for m in msgs[2:]] == [("b2", '{"temp":25}'), ("a1", '{"temp":20}')]


def test_unmatched_function_response_is_rejected():
    err = rejected({"contents": [user("x"), {"role": "user", "parts": [
        {"functionResponse": {"name": "get_weather", "response": {}}}]}]})
    assert "contents[1].parts[0].functionResponse" in str(err) and "get_weather" in str(err)
    body = conversation_with_calls([{"functionResponse": {"name": "other", "response": {}}}])
    assert "other" in str(rejected(body))


def test_function_response_with_media_parts():
    body = conversation_with_calls([
        {"functionResponse": {"name": "get_weather", "response": {"ok": True},
                              "parts": [{"inlineData": {"mimeType": "image/png", "data": PNG}}]}},
        {"functionResponse": {"name": "get_weather", "response": {"ok": False}}}])
    msgs = chat(body)["messages"]
    assert msgs[2]["content"] == [{"type": "text", "text": '{"ok":true}'},
                                  {"type": "image_url", "image_url": {"url": f"data:image/png;base64,{PNG}"}}]


# --------------------------------------------------------------------------------------------------
# generationConfig


def test_generation_config_maps_sampling_parameters():
    gc = {"temperature": 0.5, "topP": 0.9, "topK": 40, "maxOutputTokens": 256, "stopSequences": ["END"],
          "candidateCount": 2, "presencePenalty": 0.1, "frequencyPenalty": -0.2, "seed": 7,
          "responseModalities": ["TEXT"], "thinkingConfig": {"thinkingBudget": 0}}
    out = chat({"contents": [user("x")], "generationConfig": gc})
    assert {k: v for k, v in out.items() if k not in ("model", "messages")} == {
        "temperature": 0.5, "top_p": 0.9, "max_tokens": 256, "stop": ["END"], "n": 2, "presence_penalty": 0.1,
        "frequency_penalty": -0.2, "seed": 7, "generationConfig": gc}
    assert "generationConfig" not in validate_chat_request(out)


def test_generation_config_snake_case():
    gc = {"top_p": 0.5, "max_output_tokens": 10, "stop_sequences": ["x"], "candidate_count": 1,
          "response_mime_type": "application/json"}
    out = chat({"contents": [user("x")], "generation_config": gc})
    assert out["top_p"] == 0.5 and out["max_tokens"] == 10 and out["stop"] == ["x"] and out["n"] == 1
    assert out["response_format"] == {"type": "json_object"}
    assert out["generationConfig"] is gc


@pytest.mark.parametrize("gc,field", [
    ({"temperature": "hot"}, "generationConfig.temperature"),
    ({"temperature": 3}, "generationConfig.temperature"),
    ({"topP": 2}, "generationConfig.topP"),
    ({"maxOutputTokens": 0}, "generationConfig.maxOutputTokens"),
    ({"maxOutputTokens": 1.5}, "generationConfig.maxOutputTokens"),
    ({"candidateCount": 9}, "generationConfig.candidateCount"),
    ({"stopSequences": "x"}, "generationConfig.stopSequences"),
    ({"stopSequences": ["a", "b", "c", "d", "e"]}, "generationConfig.stopSequences"),
    ({"stopSequences": [1]}, "generationConfig.stopSequences[0]"),
    ({"responseModalities": ["IMAGE"]}, "generationConfig.responseModalities[0]"),
    ({"responseMimeType": "text/x.enum"}, "generationConfig.responseMimeType"),
    ({"responseMimeType": "text/plain", "responseSchema": {"type": "STRING"}}, "generationConfig.responseMimeType"),
    ({"responseSchema": {"type": "OBJECT"}, "responseJsonSchema": {"type": "object"}},
     "generationConfig.responseSchema"),
    ({"responseMimeType": "application/json", "responseSchema": {"type": "OBJECT", "properties": []}},
     "generationConfig.responseSchema.properties"),
    ("x", "generationConfig"),
])
def test_bad_generation_config(gc, field):
    err = rejected({"contents": [user("x")], "generationConfig": gc})
    assert f"'{field}'" in str(err), str(err)


def test_integral_numbers_as_floats_or_strings_are_accepted():
    out = chat({"contents": [user("x")], "generationConfig": {"maxOutputTokens": 100.0, "seed": "5"}})
    assert out["max_tokens"] == 100 and out["seed"] == 5


def test_json_modes():
    out = chat({"contents": [user("x")], "generationConfig": {"responseMimeType": "application/json"}})
    assert out["response_format"] == {"type": "json_object"}
    out = chat({"contents": [user("x")], "generationConfig": {
        "responseMimeType": "application/json",
        "responseSchema": {"type": "OBJECT", "properties": {"n": {"type": "INTEGER"}}, "required": ["n"]}}})
    assert out["response_format"] == {"type": "json_schema", "json_schema": {"name": "response", "schema": {
        "type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}}}
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}}
    out = chat({"contents": [user("x")], "generationConfig": {"responseMimeType": "application/json",
                                                              "responseJsonSchema": schema}})
    assert out["response_format"]["json_schema"]["schema"] is schema
    out = chat({"contents": [user("x")], "generationConfig": {"responseMimeType": "text/plain"}})
    assert "response_format" not in out
    validate_chat_request(out)


def test_include_thoughts_is_remembered_for_rendering():
    ctx = ctx_for()
    chat({"contents": [user("x")], "generationConfig": {"thinkingConfig": {"include_thoughts": True}}}, ctx=ctx)
    assert ctx.extra[INCLUDE_THOUGHTS] is True
    ctx = ctx_for()
    chat({"contents": [user("x")], "generationConfig": {"thinkingConfig": {"thinkingBudget": 10}}}, ctx=ctx)
    assert INCLUDE_THOUGHTS not in ctx.extra


def test_stream_route_sets_stream_and_usage():
    out = chat({"contents": [user("x")]}, stream=True)
    assert out["stream"] is True and out["stream_options"] == {"include_usage": True}
    validate_chat_request(out)


def test_count_tokens_accepts_contents_or_generate_content_request():
    plain = chat({"contents": [user("count me")]}, action=COUNT)
    assert plain == {"model": MODEL, "messages": [{"role": "user", "content": "count me"}]}
    wrapped = chat({"generateContentRequest": {"model": "models/x", "contents": [user("count me")],
                                               "systemInstruction": "sys",
                                               "tools": [{"functionDeclarations": [{"name": "f"}]}]}},
                   action=COUNT, stream=True)
    assert wrapped["model"] == MODEL and wrapped["messages"][0] == {"role": "system", "content": "sys"}
    assert "stream" not in wrapped and len(wrapped["tools"]) == 1
    snake = chat({"generate_content_request": {"contents": [user("a")]}}, action=COUNT)
    assert snake["messages"] == [{"role": "user", "content": "a"}]
    err = rejected({"contents": [user("a")], "generateContentRequest": {"contents": [user("b")]}}, action=COUNT)
    assert "generateContentRequest" in str(err)


def test_effort_reads_the_carried_thinking_config():
    out = classify({"contents": [user("hi")], "generationConfig": {"thinkingConfig": {"thinkingLevel": "HIGH"}}})
    assert out["effort"] == {"level": "high", "source": "gemini_thinking"}
    out = classify({"contents": [user("hi")], "generation_config": {"thinking_config": {"thinking_budget": 0}}})
    assert out["effort"] == {"level": "fast", "source": "gemini_thinking"}
    out = classify({"contents": [user("hi")], "generationConfig": {"thinkingConfig": {"thinkingLevel": "HIGH"}}},
                   headers={"x-di-effort": "low"})
    assert out["effort"]["source"] == "header"


# --------------------------------------------------------------------------------------------------
# classification of translated requests


def test_classifier_outcomes():
    image = {"inlineData": {"mimeType": "image/png", "data": PNG}}
    pdf = {"inlineData": {"mimeType": "application/pdf", "data": PDF}}
    assert classify({"contents": [user("What is in this picture?", image)]})["request_type"] == "vision"
    assert classify({"contents": [user("Summarize this.", pdf)]})["request_type"] == "document"
    assert classify({"contents": [user("Compare.", image, pdf)]})["request_type"] == "document"
    assert classify({"contents": [user("Weather in Paris?")],
                     "tools": [{"functionDeclarations": [WEATHER]}]})["request_type"] == "code"
    assert classify({"contents": [user("Weather?")], "tools": [{"functionDeclarations": [WEATHER]}],
                     "toolConfig": {"functionCallingConfig": {"mode": "ANY"}}})["request_type"] == "code"
    assert classify({"contents": [user("Give me a city and its population.")],
                     "generationConfig": {"responseMimeType": "application/json", "responseSchema": {
                         "type": "OBJECT", "properties": {"city": {"type": "STRING"}}}}})["request_type"] == "json"
    assert classify({"contents": [user("Fix this:\n```python\ndef f(:\n  pass\n```")]})["request_type"] == "code"


def test_classifier_model_intent():
    flash = classify({"contents": [user("Tell me about the history of Rome and its emperors.")]},
                     model="gemini-2.5-flash")
    assert flash["base_type"] == "flash"
    lite = classify({"contents": [user("Tell me about the history of Rome.")]}, model="gemini-2.0-flash-lite")
    assert lite["base_type"] == "flash"
    pro = classify({"contents": [user("Tell me about the history of Rome and its emperors.")]},
                   model="gemini-2.5-pro")
    assert pro["base_type"] == "pro" and pro["request_type"] == "pro"


# --------------------------------------------------------------------------------------------------
# render


def completion(message: dict, finish: str | None = "stop", usage: dict | None = None, model: str = MODEL) -> dict:
    raw = {"id": "backend-id-xyz", "model": "secret-backend-model", "system_fingerprint": "fp_secret",
           "choices": [{"index": 0, "message": message, "finish_reason": finish, "provider_specific_fields": {}}],
           "usage": usage if usage is not None else {"prompt_tokens": 10, "completion_tokens": 5,
                                                     "total_tokens": 15, "cost": 0.1}}
    return rebuild_completion(raw, model, "chatcmpl-diabc123", 1)


def test_render_text():
    ctx = ctx_for()
    ctx.response_id = "chatcmpl-di0123456789abcdef"
    out = SURFACE.render(completion({"role": "assistant", "content": "Hello!"}), ctx)
    assert out == {"candidates": [{"content": {"parts": [{"text": "Hello!"}], "role": "model"},
                                   "finishReason": "STOP", "index": 0}],
                   "usageMetadata": {"promptTokenCount": 10, "candidatesTokenCount": 5, "totalTokenCount": 15},
                   "modelVersion": MODEL, "responseId": "di0123456789abcdef"}


def test_render_echoes_the_path_id_and_leaks_nothing():
    ctx = ctx_for("gemini-9-ultra:fast")
    out = SURFACE.render(completion({"role": "assistant", "content": "x", "reasoning_content": "hmm"}), ctx)
    assert out["modelVersion"] == "gemini-9-ultra:fast"
    dumped = orjson.dumps(out)
    for secret in (b"backend", b"secret", b"fp_", b"cost", b"provider", b"hmm"):
        assert secret not in dumped


@pytest.mark.parametrize("finish,reason", [("stop", "STOP"), ("length", "MAX_TOKENS"), ("tool_calls", "STOP"),
                                           ("content_filter", "SAFETY"), ("weird", "STOP"), (None, "STOP")])
def test_render_finish_reasons(finish, reason):
    out = SURFACE.render(completion({"role": "assistant", "content": "x"}, finish), ctx_for())
    assert out["candidates"][0]["finishReason"] == reason


def test_render_function_calls():
    msg = {"role": "assistant", "content": None, "tool_calls": [
        {"id": "toolu_backend", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Paris"}'}},
        {"id": "call_2", "type": "function", "function": {"name": "noop", "arguments": ""}},
        {"id": "call_3", "type": "function", "function": {"name": "bad", "arguments": "{not json"}},
        {"id": "call_4", "type": "function", "function": {"name": "arr", "arguments": "[1,2]"}}]}
    out = SURFACE.render(completion(msg, "tool_calls"), ctx_for())
    assert out["candidates"][0]["content"]["parts"] == [
        {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}},
        {"functionCall": {"name": "noop", "args": {}}},
        {"functionCall": {"name": "bad", "args": {}}},
        {"functionCall": {"name": "arr", "args": {}}}]
    assert out["candidates"][0]["finishReason"] == "STOP"
    assert b"toolu_backend" not in orjson.dumps(out)


def test_render_text_and_function_call_then_round_trip_back():
    msg = {"role": "assistant", "content": "Let me check.", "tool_calls": [
        {"id": "x", "type": "function", "function": {"name": "get_weather", "arguments": '{"city":"Oslo"}'}}]}
    rendered = SURFACE.render(completion(msg, "tool_calls"), ctx_for())
    model_turn = rendered["candidates"][0]["content"]
    body = {"contents": [user("Weather in Oslo?"), model_turn,
                         {"role": "user", "parts": [{"functionResponse": {"name": "get_weather",
                                                                          "response": {"temp": -3}}}]}],
            "tools": [{"functionDeclarations": [WEATHER]}]}
    msgs = validate_chat_request(chat(body))["messages"]
    assert msgs[1]["content"] == "Let me check."
    assert msgs[1]["tool_calls"][0]["function"] == {"name": "get_weather", "arguments": '{"city":"Oslo"}'}
    assert msgs[2]["tool_call_id"] == msgs[1]["tool_calls"][0]["id"]


def test_render_usage_details():
    usage = {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150,
             "prompt_tokens_details": {"cached_tokens": 80, "cache_write_tokens": 20},
             "completion_tokens_details": {"reasoning_tokens": 30}}
    out = SURFACE.render(completion({"role": "assistant", "content": "x"}, usage=usage), ctx_for())
    assert out["usageMetadata"] == {"promptTokenCount": 100, "candidatesTokenCount": 20, "totalTokenCount": 150,
                                    "cachedContentTokenCount": 80, "thoughtsTokenCount": 30}
    no_usage = rebuild_completion({"choices": [{"message": {"content": "x"}, "finish_reason": "stop"}]}, MODEL, "i", 1)
    assert "usageMetadata" not in SURFACE.render(no_usage, ctx_for())


def test_render_thoughts_only_when_asked():
    msg = {"role": "assistant", "content": "42", "reasoning": "Let me think."}
    plain = SURFACE.render(completion(msg), ctx_for())
    assert plain["candidates"][0]["content"]["parts"] == [{"text": "42"}]
    ctx = ctx_for()
    ctx.extra[INCLUDE_THOUGHTS] = True
    shown = SURFACE.render(completion(msg), ctx)
    assert shown["candidates"][0]["content"]["parts"] == [{"text": "Let me think.", "thought": True}, {"text": "42"}]


def test_render_refusal_and_empty():
    out = SURFACE.render(completion({"role": "assistant", "content": None, "refusal": "I can't."}), ctx_for())
    assert out["candidates"][0]["content"]["parts"] == [{"text": "I can't."}]
    out = SURFACE.render(completion({"role": "assistant", "content": ""}, "length"), ctx_for())
    assert out["candidates"][0] == {"content": {"parts": [], "role": "model"}, "finishReason": "MAX_TOKENS",
                                    "index": 0}


def test_render_several_candidates():
    raw = {"choices": [{"index": 0, "message": {"content": "a"}, "finish_reason": "stop"},
                       {"index": 1, "message": {"content": "b"}, "finish_reason": "length"}]}
    out = SURFACE.render(rebuild_completion(raw, MODEL, "i", 1), ctx_for())
    assert [(c["index"], c["content"]["parts"][0]["text"], c["finishReason"]) for c in out["candidates"]] == [
        (0, "a", "STOP"), (1, "b", "MAX_TOKENS")]


# --------------------------------------------------------------------------------------------------
# streams


def raw_chunks(*deltas, finish="stop", usage=None):
    out = [{"id": "backend", "model": "secret-model", "choices": [{"index": 0, "delta": d, "finish_reason": None}]}
           for d in deltas]
    out.append({"id": "backend", "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]})
    out.append({"id": "backend", "choices": [], "usage": usage or {"prompt_tokens": 7, "completion_tokens": 3,
                                                                   "total_tokens": 10, "cost": 1}})
    return [rebuild_chunk(c, MODEL, "chatcmpl-dix", 1) for c in out]


def encode(chunks, *, sse=True, ctx=None, error: GatewayError | None = None) -> bytes:
    ctx = ctx or ctx_for(query={"alt": "sse"} if sse else {})
    enc = SURFACE.encoder(ctx)
    out = enc.start()
    for c in chunks:
        out += enc.chunk(c)
    return out + (enc.error(error) if error else enc.end())


def sse_events(data: bytes) -> list[dict]:
    assert data.endswith(b"\r\n\r\n")
    frames = data.split(b"\r\n\r\n")[:-1]
    assert all(f.startswith(b"data: ") for f in frames)
    return [orjson.loads(f[len(b"data: "):]) for f in frames]


def test_sse_stream_text():
    ctx = ctx_for(query={"alt": "sse"})
    ctx.response_id = "chatcmpl-di00ff"
    enc = SURFACE.encoder(ctx)
    assert enc.media_type == b"text/event-stream"
    data = encode(raw_chunks({"role": "assistant", "content": ""}, {"content": "Hel"}, {"content": "lo"}), ctx=ctx)
    events = sse_events(data)
    assert [e["candidates"][0]["content"]["parts"] for e in events[:2]] == [[{"text": "Hel"}], [{"text": "lo"}]]
    assert all(e["modelVersion"] == MODEL and e["responseId"] == "di00ff" for e in events)
    last = events[-1]
    assert len(events) == 3
    assert last["candidates"] == [{"content": {"parts": [], "role": "model"}, "finishReason": "STOP", "index": 0}]
    assert last["usageMetadata"] == {"promptTokenCount": 7, "candidatesTokenCount": 3, "totalTokenCount": 10}
    assert b"secret" not in data and b"backend" not in data and b"cost" not in data


def test_json_array_stream():
    ctx = ctx_for()
    enc = SURFACE.encoder(ctx)
    assert enc.media_type.startswith(b"application/json")
    data = encode(raw_chunks({"content": "a"}, {"content": "b"}), sse=False)
    assert data.startswith(b"[{") and data.endswith(b"}]") and b",\r\n{" in data
    items = orjson.loads(data)
    assert [i["candidates"][0]["content"]["parts"] for i in items[:2]] == [[{"text": "a"}], [{"text": "b"}]]
    assert items[-1]["candidates"][0]["finishReason"] == "STOP" and "usageMetadata" in items[-1]


def test_empty_json_array_stream_is_still_valid_json():
    items = orjson.loads(encode([], sse=False))
    assert items == [{"candidates": [{"content": {"parts": [], "role": "model"}, "finishReason": "STOP", "index": 0}],
                      "modelVersion": MODEL, "responseId": items[0]["responseId"]}]


def test_stream_accumulates_function_calls():
    deltas = [{"role": "assistant", "content": "Checking."},
              {"tool_calls": [{"index": 0, "id": "call_backend", "type": "function",
                               "function": {"name": "get_weather", "arguments": ""}}]},
              {"tool_calls": [{"index": 0, "function": {"arguments": '{"ci'}}]},
              {"tool_calls": [{"index": 1, "id": "c2", "type": "function", "function": {"name": "noop", "arguments": "{}"}}]},
              {"tool_calls": [{"index": 0, "function": {"arguments": 'ty":"Paris"}'}}]}]
    for sse in (True, False):
        data = encode(raw_chunks(*deltas, finish="tool_calls"), sse=sse)
        events = sse_events(data) if sse else orjson.loads(data)
        assert len(events) == 2
        assert events[0]["candidates"][0]["content"]["parts"] == [{"text": "Checking."}]
        assert events[1]["candidates"] == [{"content": {"parts": [
            {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}},
            {"functionCall": {"name": "noop", "args": {}}}], "role": "model"}, "finishReason": "STOP", "index": 0}]
        assert b"call_backend" not in data


def test_stream_of_a_buffered_completion():
    """The HTTP layer may feed a checked completion as chunks (``completion_chunks``)."""
    msg = {"role": "assistant", "content": '{"n": 1}', "tool_calls": [
        {"id": "x", "type": "function", "function": {"name": "f", "arguments": '{"a":1}'}}]}
    usage = {"prompt_tokens": 4, "completion_tokens": 6, "total_tokens": 10,
             "prompt_tokens_details": {"cached_tokens": 2}}
    chunks = completion_chunks(completion(msg, "tool_calls", usage), include_usage=True)
    events = sse_events(encode(chunks))
    assert events[0]["candidates"][0]["content"]["parts"] == [{"text": '{"n": 1}'}]
    assert events[-1]["candidates"][0]["content"]["parts"] == [{"functionCall": {"name": "f", "args": {"a": 1}}}]
    assert events[-1]["usageMetadata"]["cachedContentTokenCount"] == 2


def test_stream_thoughts_and_multiple_candidates():
    ctx = ctx_for(query={"alt": "sse"})
    ctx.extra[INCLUDE_THOUGHTS] = True
    raw = [{"choices": [{"index": 0, "delta": {"reasoning_content": "hmm"}, "finish_reason": None},
                        {"index": 1, "delta": {"content": "B"}, "finish_reason": None}]},
           {"choices": [{"index": 0, "delta": {"content": "A"}, "finish_reason": "stop"},
                        {"index": 1, "delta": {}, "finish_reason": "length"}]}]
    events = sse_events(encode([rebuild_chunk(c, MODEL, "i", 1) for c in raw], ctx=ctx))
    assert events[0]["candidates"] == [{"content": {"parts": [{"text": "hmm", "thought": True}], "role": "model"},
                                        "index": 0},
                                       {"content": {"parts": [{"text": "B"}], "role": "model"}, "index": 1}]
    assert events[1]["candidates"] == [{"content": {"parts": [{"text": "A"}], "role": "model"}, "index": 0}]
    assert [(c["index"], c["finishReason"]) for c in events[-1]["candidates"]] == [(0, "STOP"), (1, "MAX_TOKENS")]
    assert "usageMetadata" not in events[-1]
    # without includeThoughts the reasoning is not sent
    plain = encode([rebuild_chunk(c, MODEL, "i", 1) for c in raw])
    assert b"hmm" not in plain


def test_stream_usage_in_the_finish_chunk():
    raw = {"choices": [{"index": 0, "delta": {"content": "x"}, "finish_reason": "length"}],
           "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
    events = sse_events(encode([rebuild_chunk(raw, MODEL, "i", 1)]))
    assert events[-1]["candidates"][0]["finishReason"] == "MAX_TOKENS"
    assert events[-1]["usageMetadata"]["totalTokenCount"] == 2


def test_stream_errors_in_google_envelope():
    err = GatewayError(status=503, message="The backend is unavailable.", type="server_error")
    events = sse_events(encode(raw_chunks({"content": "par"})[:1], error=err))
    assert events[-1] == {"error": {"code": 503, "message": "The backend is unavailable.", "status": "UNAVAILABLE"}}
    data = encode(raw_chunks({"content": "par"})[:1], sse=False, error=err)
    items = orjson.loads(data)
    assert items[-1]["error"]["status"] == "UNAVAILABLE"
    data = encode([], sse=False, error=err)
    assert orjson.loads(data) == [{"error": {"code": 503, "message": "The backend is unavailable.",
                                             "status": "UNAVAILABLE"}}]


def test_stream_chunk_cost_is_small():
    ctx = ctx_for(query={"alt": "sse"})
    enc = SURFACE.encoder(ctx)
    enc.start()
    chunk = rebuild_chunk({"choices": [{"index": 0, "delta": {"content": "hello world"}, "finish_reason": None}]},
                          MODEL, "chatcmpl-dix", 1)
    n = 20000
    per_chunk = min(timeit.repeat(lambda: enc.chunk(chunk), number=n, repeat=3)) / n
    assert per_chunk < 50e-6  # typically 1-3 µs; generous for a shared CI machine


# --------------------------------------------------------------------------------------------------
# other bodies and errors


def test_count_and_models_bodies():
    assert SURFACE.count_body(42, ctx_for()) == {"totalTokens": 42}
    body = SURFACE.models_body(["di-fusion", "di-max"], 1700000000)
    assert [m["name"] for m in body["models"]] == ["models/di-fusion", "models/di-max"]
    assert body["models"][0]["supportedGenerationMethods"] == ["generateContent", "streamGenerateContent",
                                                                "countTokens"]
    assert body["models"][0]["displayName"] == "di-fusion"


@pytest.mark.parametrize("status,google", [
    (400, "INVALID_ARGUMENT"), (401, "UNAUTHENTICATED"), (402, "FAILED_PRECONDITION"), (403, "PERMISSION_DENIED"),
    (404, "NOT_FOUND"), (413, "INVALID_ARGUMENT"), (429, "RESOURCE_EXHAUSTED"), (500, "INTERNAL"),
    (501, "UNIMPLEMENTED"), (502, "UNAVAILABLE"), (503, "UNAVAILABLE"), (504, "DEADLINE_EXCEEDED"),
    (418, "FAILED_PRECONDITION"), (599, "INTERNAL")])
def test_error_envelope(status, google):
    assert google_status(status) == google
    err = GatewayError(status=status, message="Missing or invalid API key.", param="x", code="invalid_api_key")
    assert orjson.loads(SURFACE.error_body(err)) == {
        "error": {"code": status, "message": "Missing or invalid API key.", "status": google}}


def test_request_error_becomes_google_envelope():
    err = rejected({"contents": [user("x")], "tools": [{"googleSearch": {}}]})
    body = orjson.loads(SURFACE.error_body(err.error))
    assert body["error"]["code"] == 400 and body["error"]["status"] == "INVALID_ARGUMENT"
    assert 'server-side tool "googleSearch"' in body["error"]["message"]


def test_surface_is_a_stateless_singleton():
    assert isinstance(SURFACE, GeminiSurface) and SURFACE.name == "gemini"


# --------------------------------------------------------------------------------------------------
# the real google-genai SDK reads what the surface writes (in process, through an httpx mock transport)


def sdk_client(reply: dict, error: GatewayError | None = None, seen: list | None = None):
    """A ``genai.Client`` whose HTTP calls are answered by the surface: the request is translated (and
    kept in ``seen``), ``reply`` (a raw OpenAI message) is rendered or streamed, or ``error`` is sent."""
    httpx = pytest.importorskip("httpx")
    genai = pytest.importorskip("google.genai")
    from google.genai import types

    def handle(request):
        path = request.url.path
        model, _, action = path.rsplit("/", 1)[-1].partition(":")
        query = dict(request.url.params)
        ctx = ctx_for(model, query)
        if error is not None:
            return httpx.Response(error.status, content=SURFACE.error_body(error),
                                  headers={"content-type": "application/json"})
        kind = COUNT if action == "countTokens" else GENERATE
        translated = SURFACE.to_chat(orjson.loads(request.content), Route("gemini", kind, model,
                                                                          action == "streamGenerateContent", query), ctx)
        if seen is not None:
            seen.append((path, dict(request.headers), validate_chat_request(translated)))
        if kind == COUNT:
            return httpx.Response(200, json=SURFACE.count_body(11, ctx))
        done = completion(reply, "tool_calls" if reply.get("tool_calls") else "stop", model=model)
        if action != "streamGenerateContent":
            return httpx.Response(200, json=SURFACE.render(done, ctx))
        enc = SURFACE.encoder(ctx)
        data = enc.start() + b"".join(enc.chunk(c) for c in completion_chunks(done, True)) + enc.end()
        return httpx.Response(200, content=data, headers={"content-type": enc.media_type.decode()})

    client = httpx.Client(transport=httpx.MockTransport(handle))
    return genai.Client(api_key="k", http_options=types.HttpOptions(base_url="http://gw.test/di", httpx_client=client))


def test_sdk_reads_text_stream_tools_count_and_errors():
    from google.genai import errors, types

    seen: list = []
    client = sdk_client({"role": "assistant", "content": "PONG"}, seen=seen)
    reply = client.models.generate_content(model=MODEL, contents="Reply with exactly PONG.")
    assert reply.text == "PONG" and reply.model_version == MODEL
    assert reply.usage_metadata.prompt_token_count == 10 and reply.usage_metadata.total_token_count == 15
    assert reply.candidates[0].finish_reason == types.FinishReason.STOP
    assert seen[0][1]["x-goog-api-key"] == "k"
    streamed = list(client.models.generate_content_stream(model=MODEL, contents="Reply with exactly PONG."))
    assert "".join(c.text or "" for c in streamed) == "PONG"
    assert streamed[-1].usage_metadata.total_token_count == 15
    assert client.models.count_tokens(model=MODEL, contents="hello").total_tokens == 11

    call = {"role": "assistant", "content": None, "tool_calls": [
        {"id": "c", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}]}
    client = sdk_client(call, seen=seen)
    config = types.GenerateContentConfig(tools=[types.Tool(function_declarations=[types.FunctionDeclaration(
        name="get_weather", description="Weather", parameters=types.Schema(
            type="OBJECT", properties={"city": types.Schema(type="STRING")}, required=["city"]))])],
        automatic_function_calling=types.AutomaticFunctionCallingConfig(disable=True))
    reply = client.models.generate_content(model=MODEL, contents="Weather in Paris?", config=config)
    (fc,) = reply.function_calls
    assert fc.name == "get_weather" and fc.args == {"city": "Paris"}
    history = [types.Content(role="user", parts=[types.Part.from_text(text="Weather in Paris?")]),
               reply.candidates[0].content,
               types.Content(role="user", parts=[types.Part.from_function_response(name="get_weather",
                                                                                   response={"temp": 21})])]
    client.models.generate_content(model=MODEL, contents=history, config=config)
    msgs = seen[-1][2]["messages"]
    assert msgs[-1] == {"role": "tool", "tool_call_id": msgs[-2]["tool_calls"][0]["id"], "content": '{"temp":21}'}
    stream = list(client.models.generate_content_stream(model=MODEL, contents="Weather in Paris?", config=config))
    assert [fc.args for c in stream for fc in (c.function_calls or [])] == [{"city": "Paris"}]

    bad = GatewayError(status=401, message="Missing or invalid API key.", type="authentication_error")
    client = sdk_client({}, error=bad)
    with pytest.raises(errors.ClientError) as info:
        client.models.generate_content(model=MODEL, contents="x")
    assert info.value.code == 401 and info.value.status == "UNAUTHENTICATED"
    assert info.value.message == "Missing or invalid API key."
