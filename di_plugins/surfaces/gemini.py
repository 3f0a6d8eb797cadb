"""The Gemini ``generateContent`` surface: Google's REST shapes onto the one pipeline, and back.

Paths (matched by the HTTP layer): ``POST …/v1beta/models/{model}:generateContent``,
``:streamGenerateContent`` (``?alt=sse`` for SSE, else a streamed JSON array), ``:countTokens`` and
``GET …/v1beta/models``. Field names are accepted in the camelCase of the REST reference and in the
snake_case the Python SDK leaves in nested objects (``inlineData.mime_type``,
``thinkingConfig.include_thoughts``, ``parameters_json_schema``), at every level.

**In** (:meth:`GeminiSurface.to_chat`): ``systemInstruction`` → a system message; ``contents`` →
messages (``model`` turns are ``assistant``); parts: ``text``; ``inlineData`` images and videos →
``image_url`` data URLs (``vision``), audio in wav/mp3 → ``input_audio``, any other media type (PDF,
text, HTML, CSV, …) → a ``file`` part with a ``file_data`` data URL (``document``); ``fileData``: a
public http(s) image URL → ``image_url``, anything else (documents by URL, Files API URIs) → 400; ``functionCall`` parts → ``tool_calls`` with ids that only depend on the call's place in
the conversation (``call_{turn}_{part}``, or the caller's own ``id``), so a growing conversation keeps
its prefix; ``functionResponse`` parts → ``tool`` messages matched to those ids (by ``id``, else by
name, in order); ``thought`` parts are dropped. ``tools[].functionDeclarations`` → function tools (a
Gemini ``Schema`` is converted to JSON Schema, ``parametersJsonSchema`` passes as is); any other tool key
(``googleSearch``, ``codeExecution``, …) → 400 naming it. ``toolConfig.functionCallingConfig`` →
``tool_choice``. ``generationConfig`` → sampling parameters and ``response_format``; the native dict
also rides along in the chat body so that the effort hook reads ``thinkingConfig`` (chat validation
drops it). ``cachedContent`` → 400 (no context-cache API: prefixes are cached automatically);
``safetySettings`` and ``labels`` are ignored.

**Out**: a ``GenerateContentResponse`` made from the rebuilt OpenAI completion only: text and
``functionCall`` parts (arguments parsed into an object), ``finishReason``, ``usageMetadata`` (with
``cachedContentTokenCount`` and ``thoughtsTokenCount`` when known), ``modelVersion`` = the id from the
path, ``responseId`` made by the gateway. Reasoning becomes a ``thought: true`` part only when the
request asked for it (``thinkingConfig.includeThoughts``). Streams: one event per text delta; function
calls, ``finishReason`` and ``usageMetadata`` in the last event. Errors:
``{"error": {"code", "message", "status"}}``.
"""

from __future__ import annotations

import math
import re
from typing import Any

import orjson

from ..context import GatewayError, RequestContext
from ..errors import RequestError
from ..keys import bearer_token
from ..limits import MAX_DEPTH
from ..validation import SERVER_SIDE_TOOL_HINT
from .base import COUNT, Route, native_id

__all__ = ["SURFACE", "GeminiStream", "GeminiSurface", "google_status"]

INCLUDE_THOUGHTS = "gemini.include_thoughts"
"""``ctx.extra`` key: the request asked for thought parts (``thinkingConfig.includeThoughts``)."""

_GOOGLE_STATUS = {
    400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 402: "FAILED_PRECONDITION", 403: "PERMISSION_DENIED",
    404: "NOT_FOUND", 405: "UNIMPLEMENTED", 408: "DEADLINE_EXCEEDED", 409: "ABORTED",
    413: "INVALID_ARGUMENT", 422: "INVALID_ARGUMENT", 429: "RESOURCE_EXHAUSTED", 499: "CANCELLED",
    500: "INTERNAL", 501: "UNIMPLEMENTED", 502: "UNAVAILABLE", 503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED",
}
_FINISH = {"stop": "STOP", "length": "MAX_TOKENS", "tool_calls": "STOP", "function_call": "STOP",
           "content_filter": "SAFETY"}
_SCHEMA_TYPES = {"STRING": "string", "NUMBER": "number", "INTEGER": "integer", "BOOLEAN": "boolean",
                 "ARRAY": "array", "OBJECT": "object", "NULL": "null"}
_NON_JSON_FORMATS = frozenset({"enum", "int32", "int64", "float", "double"})
_SCHEMA_INTS = ("minItems", "maxItems", "minLength", "maxLength", "minProperties", "maxProperties")
_SCHEMA_TEXTS = ("title", "description", "pattern")
_AUDIO_FORMATS = {"audio/wav": "wav", "audio/x-wav": "wav", "audio/wave": "wav", "audio/vnd.wave": "wav",
                  "audio/mpeg": "mp3", "audio/mp3": "mp3", "audio/mpeg3": "mp3", "audio/x-mp3": "mp3"}
_DOC_EXTENSIONS = {"application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html", "text/css": ".css",
                   "text/csv": ".csv", "text/markdown": ".md", "text/md": ".md", "text/xml": ".xml",
                   "application/xml": ".xml", "text/rtf": ".rtf", "application/rtf": ".rtf",
                   "application/json": ".json", "text/javascript": ".js", "application/x-javascript": ".js",
                   "text/x-python": ".py", "application/x-python": ".py", "text/tab-separated-values": ".tsv"}
_MIME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}")
_NAME_RE = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_CALL_ID_RE = re.compile(r"[a-zA-Z0-9_-]{1,40}")
_FILES_API = "generativelanguage.googleapis.com"
_FUNCTION_KEYS = ("functionDeclarations", "function_declarations")
_MAX_STOPS = 4  # what the chat body (and most backends) accept; Gemini's own limit is 5
_MAX_SHOWN = 40

# camelCase → snake_case of every field name looked up here (filled lazily, so the table is exact)
_SNAKE: dict[str, str] = {}


def _snake(name: str) -> str:
    s = _SNAKE.get(name)
    if s is None:
        s = _SNAKE[name] = re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), name)
    return s


def _g(obj: dict, name: str) -> Any:
    """``obj[name]`` in camelCase, else in snake_case; ``None`` when absent (a JSON null counts as absent)."""
    value = obj.get(name)
    if value is None:
        value = obj.get(_snake(name))
    return value


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


# --------------------------------------------------------------------------------------------------
# errors (messages name the Gemini field, camelCase, with its JSON path)


def _shown(value: str) -> str:
    return value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "..."


def _jtype(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "an unsupported value"


def _bad(path: str, detail: str, code: str = "invalid_value") -> RequestError:
    return RequestError(f"Invalid value at '{path}': {detail}", param=path, code=code)


def _expected(path: str, what: str, value: object) -> RequestError:
    return _bad(path, f"expected {what}, but got {_jtype(value)}.", "invalid_type")


def _missing(path: str) -> RequestError:
    return RequestError(f"Missing required field '{path}'.", param=path, code="missing_required_parameter")


def _unsupported(path: str, detail: str) -> RequestError:
    return RequestError(f"'{path}' is not supported: {detail}", param=path, code="unsupported_parameter")


def _string(value: object, path: str) -> str:
    if value.__class__ is not str:
        raise _expected(path, "a string", value)
    return value  # type: ignore[return-value]


def _object(value: object, path: str) -> dict:
    if not isinstance(value, dict):
        raise _expected(path, "an object", value)
    return value


def _array(value: object, path: str) -> list:
    if not isinstance(value, list):
        raise _expected(path, "an array", value)
    return value


def _number(value: object, path: str, lo: float | None = None, hi: float | None = None) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _expected(path, "a number", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _bad(path, "expected a finite number.")
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        raise _bad(path, f"expected a number between {lo} and {hi}, but got {value!r}.")
    return value


def _integer(value: object, path: str, lo: int | None = None, hi: int | None = None) -> int:
    """An integer; proto3 JSON also spells integers as integral floats and (int64) as decimal strings."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and value.isascii() and value.strip().lstrip("-").isdigit() and len(value) < 20:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected(path, "an integer", value)
    if lo is not None and value < lo:
        raise _bad(path, f"expected an integer >= {lo}, but got {value}.")
    if hi is not None and value > hi:
        raise _bad(path, f"expected an integer <= {hi}, but got {value}.")
    return value


# --------------------------------------------------------------------------------------------------
# schemas


def _schema(value: object, path: str, depth: int = 0) -> dict:
    """A Gemini ``Schema`` (OpenAPI 3.0 subset, upper-case types, ``nullable``) as JSON Schema."""
    if depth > MAX_DEPTH:
        raise _bad(path, f"schema nested deeper than {MAX_DEPTH} levels.", "nesting_too_deep")
    src = _object(value, path)
    out: dict[str, Any] = {}
    stype = src.get("type")
    if stype is not None:
        name = _string(stype, f"{path}.type").upper()
        if name in _SCHEMA_TYPES:
            out["type"] = _SCHEMA_TYPES[name]
        elif name != "TYPE_UNSPECIFIED":
            raise _bad(f"{path}.type", f"unknown type '{_shown(stype)}'; expected one of STRING, NUMBER, "
                                       f"INTEGER, BOOLEAN, ARRAY, OBJECT, NULL.")
    fmt = src.get("format")
    if fmt is not None and _string(fmt, f"{path}.format").lower() not in _NON_JSON_FORMATS:
        out["format"] = fmt
    for key in _SCHEMA_TEXTS:
        text = src.get(key)
        if text is not None:
            out[key] = _string(text, f"{path}.{key}")
    enum = src.get("enum")
    if enum is not None:
        out["enum"] = list(_array(enum, f"{path}.enum"))
    props = src.get("properties")
    if props is not None:
        props = _object(props, f"{path}.properties")
        out["properties"] = {k: _schema(v, f"{path}.properties.{_shown(k)}", depth + 1) for k, v in props.items()}
    required = src.get("required")
    if required is not None:
        required = _array(required, f"{path}.required")
        for k, name in enumerate(required):
            _string(name, f"{path}.required[{k}]")
        out["required"] = list(required)
    items = src.get("items")
    if items is not None:
        out["items"] = _schema(items, f"{path}.items", depth + 1)
    any_of = _g(src, "anyOf")
    if any_of is not None:
        any_of = _array(any_of, f"{path}.anyOf")
        out["anyOf"] = [_schema(s, f"{path}.anyOf[{k}]", depth + 1) for k, s in enumerate(any_of)]
    for key in _SCHEMA_INTS:
        n = _g(src, key)
        if n is not None:
            out[key] = _integer(n, f"{path}.{key}", 0)
    for key in ("minimum", "maximum"):
        n = src.get(key)
        if n is not None:
            out[key] = _number(n, f"{path}.{key}")
    if "default" in src:
        out["default"] = src["default"]
    extra = _g(src, "additionalProperties")  # not in Gemini's Schema, but JSON-Schema habits are common
    if isinstance(extra, bool):
        out["additionalProperties"] = extra
    elif extra is not None:
        out["additionalProperties"] = _schema(extra, f"{path}.additionalProperties", depth + 1)
    if src.get("nullable") is True:
        t = out.get("type")
        if isinstance(t, str) and t != "null":
            out["type"] = [t, "null"]
        elif "anyOf" in out:
            out["anyOf"].append({"type": "null"})
        if "enum" in out and None not in out["enum"]:
            out["enum"].append(None)
    return out


def _json_schema(value: object, path: str) -> dict:
    """A ``*JsonSchema`` field: JSON Schema as sent (shared, not copied)."""
    return _object(value, path)


# --------------------------------------------------------------------------------------------------
# contents


def _data_url(mime: str, data: str) -> str:
    return f"data:{mime};base64,{data}"


def _inline(blob: object, path: str) -> dict[str, Any]:
    """An ``inlineData`` blob as an OpenAI content part."""
    blob = _object(blob, path)
    mime = _g(blob, "mimeType")
    if mime is None:
        raise _missing(f"{path}.mimeType")
    mime = _string(mime, f"{path}.mimeType").strip()
    if not _MIME_RE.fullmatch(mime):
        raise _bad(f"{path}.mimeType", f"'{_shown(mime)}' is not a media type (e.g. image/png, application/pdf).")
    data = blob.get("data")
    if data is None:
        raise _missing(f"{path}.data")
    data = _string(data, f"{path}.data")
    if not data:
        raise _bad(f"{path}.data", "expected base64-encoded bytes, but got an empty string.")
    kind = mime.lower()
    if kind.startswith(("image/", "video/")):
        return {"type": "image_url", "image_url": {"url": _data_url(mime, data)}}
    if kind.startswith("audio/"):
        fmt = _AUDIO_FORMATS.get(kind)
        if fmt is None:
            raise _unsupported(f"{path}.mimeType", f"audio as '{_shown(mime)}'; send audio/wav or audio/mpeg.")
        return {"type": "input_audio", "input_audio": {"data": data, "format": fmt}}
    file: dict[str, Any] = {"file_data": _data_url(mime, data)}
    ext = _DOC_EXTENSIONS.get(kind)
    if ext is not None:
        file["filename"] = "document" + ext
    return {"type": "file", "file": file}


def _file_data(ref: object, path: str) -> dict[str, Any]:
    """A ``fileData`` reference: a public http(s) image URL is served like OpenAI's and Anthropic's URL
    images; a document URL (as on the other surfaces) or a Files API URI (the Files API is not served)
    is a 400."""
    ref = _object(ref, path)
    uri = _g(ref, "fileUri")
    if uri is None:
        raise _missing(f"{path}.fileUri")
    uri = _string(uri, f"{path}.fileUri")
    mime = _g(ref, "mimeType")
    mime = "" if mime is None else _string(mime, f"{path}.mimeType").strip().lower()
    if mime.startswith("image/") and uri.startswith(("https://", "http://")) and _FILES_API not in uri:
        return {"type": "image_url", "image_url": {"url": uri}}
    raise _unsupported(path, "file URIs are served for public http(s) images only (with an image/* mimeType); "
                             "send documents and other files as inlineData.")


def _text_of(part: dict, path: str) -> str | None:
    text = part.get("text")
    if text is None:
        return None
    return _string(text, f"{path}.text")


class _Conversation:
    """Builds the chat messages of ``contents``, keeping track of the calls awaiting a response."""

    __slots__ = ("messages", "pending")

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []
        self.pending: list[tuple[str, str]] = []  # (call id, function name) of the last model turn, unanswered

    def model_turn(self, parts: list, path: str, i: int) -> None:
        texts: list[str] = []
        calls: list[dict[str, Any]] = []
        for j, part in enumerate(parts):
            where = f"{path}[{j}]"
            part = _object(part, where)
            if part.get("thought") is True:
                continue
            text = _text_of(part, where)
            if text is not None:
                texts.append(text)
                continue
            call = _g(part, "functionCall")
            if call is not None:
                calls.append(self._call(call, f"{where}.functionCall", i, j))
                continue
            self._other(part, where, "model")
        message: dict[str, Any] = {"role": "assistant", "content": "".join(texts) if texts else None}
        self.pending = [(c["id"], c["function"]["name"]) for c in calls]
        if calls:
            message["tool_calls"] = calls
        elif message["content"] is None:
            message["content"] = ""  # a model turn of thoughts only
        self.messages.append(message)

    def _call(self, call: object, where: str, i: int, j: int) -> dict[str, Any]:
        call = _object(call, where)
        name = call.get("name")
        if name is None:
            raise _missing(f"{where}.name")
        name = _string(name, f"{where}.name")
        args = call.get("args")
        if args is None:
            args = {}
        cid = call.get("id")
        call_id = cid if cid.__class__ is str and _CALL_ID_RE.fullmatch(cid) else f"call_{i}_{j}"
        return {"id": call_id, "type": "function",
                "function": {"name": name, "arguments": orjson.dumps(_object(args, f"{where}.args")).decode()}}

    def user_turn(self, parts: list, path: str) -> None:
        content: list[dict[str, Any]] = []
        for j, part in enumerate(parts):
            where = f"{path}[{j}]"
            part = _object(part, where)
            if part.get("thought") is True:
                continue
            text = _text_of(part, where)
            if text is not None:
                content.append({"type": "text", "text": text})
                continue
            blob = _g(part, "inlineData")
            if blob is not None:
                content.append(_inline(blob, f"{where}.inlineData"))
                continue
            ref = _g(part, "fileData")
            if ref is not None:
                content.append(_file_data(ref, f"{where}.fileData"))
                continue
            response = _g(part, "functionResponse")
            if response is not None:
                self._response(response, f"{where}.functionResponse")
                continue
            if _g(part, "functionCall") is not None:
                raise _bad(f"{where}.functionCall", "function calls belong to turns with role 'model'.")
            self._other(part, where, "user")
        if not content:
            return
        if len(content) == 1 and content[0]["type"] == "text":
            self.messages.append({"role": "user", "content": content[0]["text"]})
        else:
            self.messages.append({"role": "user", "content": content})

    def _response(self, response: object, where: str) -> None:
        response = _object(response, where)
        name = response.get("name")
        if name is not None:
            name = _string(name, f"{where}.name")
        rid = response.get("id")
        pending = self.pending
        match = -1
        if rid.__class__ is str:
            match = next((k for k, (cid, _) in enumerate(pending) if cid == rid), -1)
        if match < 0 and name is not None:
            match = next((k for k, (_, fname) in enumerate(pending) if fname == name), -1)
        if match < 0:
            if name is None:
                raise _missing(f"{where}.name")
            raise _bad(where, f"no functionCall named '{_shown(name)}' awaits a response in the preceding "
                              f"'model' turn.", "unmatched_function_response")
        call_id = pending.pop(match)[0]
        result = response.get("response")
        result = {} if result is None else _object(result, f"{where}.response")
        text = orjson.dumps(result).decode()
        extra = _g(response, "parts")  # multimodal function responses: [{inlineData: ...}]
        content: str | list[dict[str, Any]] = text
        if extra is not None:
            media = []
            for k, p in enumerate(_array(extra, f"{where}.parts")):
                p = _object(p, f"{where}.parts[{k}]")
                blob = _g(p, "inlineData")
                if blob is None:
                    raise _unsupported(f"{where}.parts[{k}]", "function response parts must be inlineData.")
                media.append(_inline(blob, f"{where}.parts[{k}].inlineData"))
            if media:
                content = [{"type": "text", "text": text}, *media]
        self.messages.append({"role": "tool", "tool_call_id": call_id, "content": content})

    @staticmethod
    def _other(part: dict, where: str, role: str) -> None:
        """A part without text/functionCall/… : name why it cannot be served."""
        for key in ("executableCode", "codeExecutionResult", "toolCall", "toolResponse"):
            if _g(part, key) is not None:
                raise _unsupported(f"{where}.{key}", "it belongs to server-side tools, which are not served.")
        if role == "model":
            for key in ("inlineData", "fileData", "functionResponse"):
                if _g(part, key) is not None:
                    raise _unsupported(f"{where}.{key}", "only text and functionCall parts are served in "
                                                         "'model' turns.")
        if _g(part, "thoughtSignature") is not None:
            return  # a signature-only part: nothing to forward
        raise _bad(where, "a part needs one of text, inlineData, functionCall or functionResponse.",
                   "missing_required_parameter")


def _system(value: object) -> str:
    if isinstance(value, str):
        return value
    content = _object(value, "systemInstruction")
    parts = _array(_g(content, "parts") if _g(content, "parts") is not None else [], "systemInstruction.parts")
    texts = []
    for j, part in enumerate(parts):
        where = f"systemInstruction.parts[{j}]"
        text = _text_of(_object(part, where), where)
        if text is None:
            raise _unsupported(where, "a system instruction holds text parts only.")
        texts.append(text)
    return "\n".join(texts)


def _messages(body: dict) -> list[dict[str, Any]]:
    conversation = _Conversation()
    system = _g(body, "systemInstruction")
    if system is not None:
        text = _system(system)
        if text:
            conversation.messages.append({"role": "system", "content": text})
    contents = body.get("contents")
    if contents is None:
        raise _missing("contents")
    contents = _array(contents, "contents")
    if not contents:
        raise _bad("contents", "expected at least one content.", "empty_array")
    for i, content in enumerate(contents):
        where = f"contents[{i}]"
        content = _object(content, where)
        role = content.get("role")
        if role is None or role == "":
            role = "user"
        role = _string(role, f"{where}.role")
        parts = content.get("parts")
        if parts is None:
            raise _missing(f"{where}.parts")
        parts = _array(parts, f"{where}.parts")
        if not parts:
            raise _bad(f"{where}.parts", "expected at least one part.", "empty_array")
        if role == "model":
            conversation.model_turn(parts, f"{where}.parts", i)
        elif role in ("user", "function", "tool"):
            conversation.user_turn(parts, f"{where}.parts")
        else:
            raise _bad(f"{where}.role", f"'{_shown(role)}'; expected 'user' or 'model'.")
    return conversation.messages


# --------------------------------------------------------------------------------------------------
# tools


def _declaration(decl: object, path: str) -> dict[str, Any]:
    decl = _object(decl, path)
    name = decl.get("name")
    if name is None:
        raise _missing(f"{path}.name")
    name = _string(name, f"{path}.name")
    if not _NAME_RE.fullmatch(name):
        raise _bad(f"{path}.name", f"'{_shown(name)}'; a function name is 1 to 64 letters, digits, "
                                   f"underscores or dashes.")
    fn: dict[str, Any] = {"name": name}
    desc = decl.get("description")
    if desc is not None:
        fn["description"] = _string(desc, f"{path}.description")
    params, json_params = decl.get("parameters"), _g(decl, "parametersJsonSchema")
    if params is not None and json_params is not None:
        raise _bad(path, "set either parameters or parametersJsonSchema, not both.")
    if params is not None:
        fn["parameters"] = _schema(params, f"{path}.parameters")
    elif json_params is not None:
        fn["parameters"] = _json_schema(json_params, f"{path}.parametersJsonSchema")
    else:
        fn["parameters"] = {"type": "object", "properties": {}}
    return {"type": "function", "function": fn}


def _tools(value: object) -> list[dict[str, Any]]:
    tools = []
    names: set[str] = set()
    for i, tool in enumerate(_array(value, "tools")):
        where = f"tools[{i}]"
        tool = _object(tool, where)
        for key, spec in tool.items():
            if key in _FUNCTION_KEYS:
                continue
            if spec is not None:
                shown = _camel(key) if isinstance(key, str) else "?"
                raise RequestError(f'server-side tool "{_shown(shown)}" {SERVER_SIDE_TOOL_HINT} '
                                   f"('{where}.{_shown(shown)}').", param=f"{where}.{shown}",
                                   code="unsupported_tool")
        decls = _g(tool, "functionDeclarations")
        if decls is None:
            continue
        for k, decl in enumerate(_array(decls, f"{where}.functionDeclarations")):
            path = f"{where}.functionDeclarations[{k}]"
            checked = _declaration(decl, path)
            name = checked["function"]["name"]
            if name in names:
                raise _bad(f"{path}.name", f"duplicate function name '{name}'.")
            names.add(name)
            tools.append(checked)
    return tools


def _tool_choice(config: object, tools: list[dict[str, Any]]) -> tuple[Any, list[dict[str, Any]]]:
    """``tool_choice`` for ``toolConfig`` (None: the default), and the tools (narrowed to the allowed
    names when ``ANY`` lists several)."""
    config = _object(config, "toolConfig")
    fcc = _g(config, "functionCallingConfig")
    if fcc is None:
        return None, tools
    fcc = _object(fcc, "toolConfig.functionCallingConfig")
    mode = fcc.get("mode")
    mode = "AUTO" if mode is None else _string(mode, "toolConfig.functionCallingConfig.mode").upper()
    allowed = _g(fcc, "allowedFunctionNames")
    if allowed is not None:
        path = "toolConfig.functionCallingConfig.allowedFunctionNames"
        allowed = _array(allowed, path)
        defined = {t["function"]["name"] for t in tools}
        for k, name in enumerate(allowed):
            if _string(name, f"{path}[{k}]") not in defined:
                raise _bad(f"{path}[{k}]", f"no function named '{_shown(name)}' is declared in 'tools'.")
    if mode in ("AUTO", "MODE_UNSPECIFIED", "VALIDATED"):
        return None, tools
    if mode == "NONE":
        return "none", tools
    if mode != "ANY":
        raise _bad("toolConfig.functionCallingConfig.mode", f"'{_shown(mode)}'; expected AUTO, ANY, NONE or "
                                                            f"VALIDATED.")
    if not tools:
        raise _bad("toolConfig.functionCallingConfig.mode", "ANY needs function declarations in 'tools'.")
    if allowed:
        if len(set(allowed)) == 1:
            return {"type": "function", "function": {"name": allowed[0]}}, tools
        keep = set(allowed)
        return "required", [t for t in tools if t["function"]["name"] in keep]
    return "required", tools


# --------------------------------------------------------------------------------------------------
# generation config


def _generation(config: object, chat: dict[str, Any], ctx: RequestContext) -> None:
    gc = _object(config, "generationConfig")
    p = "generationConfig."
    value = gc.get("temperature")
    if value is not None:
        chat["temperature"] = _number(value, p + "temperature", 0, 2)
    value = _g(gc, "topP")
    if value is not None:
        chat["top_p"] = _number(value, p + "topP", 0, 1)
    value = _g(gc, "maxOutputTokens")
    if value is not None:
        chat["max_tokens"] = _integer(value, p + "maxOutputTokens", 1)
    value = _g(gc, "candidateCount")
    if value is not None:
        chat["n"] = _integer(value, p + "candidateCount", 1, 8)
    value = _g(gc, "presencePenalty")
    if value is not None:
        chat["presence_penalty"] = _number(value, p + "presencePenalty", -2, 2)
    value = _g(gc, "frequencyPenalty")
    if value is not None:
        chat["frequency_penalty"] = _number(value, p + "frequencyPenalty", -2, 2)
    value = gc.get("seed")
    if value is not None:
        chat["seed"] = _integer(value, p + "seed", -(2**31), 2**31 - 1)
    value = _g(gc, "stopSequences")
    if value is not None:
        stops = _array(value, p + "stopSequences")
        if len(stops) > _MAX_STOPS:
            raise _bad(p + "stopSequences", f"at most {_MAX_STOPS} stop sequences are supported, but got "
                                            f"{len(stops)}.")
        for k, s in enumerate(stops):
            _string(s, f"{p}stopSequences[{k}]")
        if stops:
            chat["stop"] = list(stops)
    value = _g(gc, "responseModalities")
    if value is not None:
        for k, m in enumerate(_array(value, p + "responseModalities")):
            if _string(m, f"{p}responseModalities[{k}]").upper() != "TEXT":
                raise _unsupported(f"{p}responseModalities[{k}]", f"'{_shown(m)}' output; only TEXT is served.")
    _response_format(gc, chat)
    thinking = _g(gc, "thinkingConfig")
    if isinstance(thinking, dict) and _g(thinking, "includeThoughts") is True:
        ctx.extra[INCLUDE_THOUGHTS] = True


def _response_format(gc: dict, chat: dict[str, Any]) -> None:
    p = "generationConfig."
    mime = _g(gc, "responseMimeType")
    schema, json_schema = _g(gc, "responseSchema"), _g(gc, "responseJsonSchema")
    if schema is not None and json_schema is not None:
        raise _bad(p + "responseSchema", "set either responseSchema or responseJsonSchema, not both.")
    if mime is not None:
        mime = _string(mime, p + "responseMimeType").strip().lower()
        if mime == "text/plain" or mime == "":
            if schema is not None or json_schema is not None:
                raise _bad(p + "responseMimeType", "a response schema needs responseMimeType 'application/json'.")
            return
        if mime != "application/json":
            raise _unsupported(p + "responseMimeType", f"'{_shown(mime)}'; supported values are 'text/plain' "
                                                       f"and 'application/json'.")
    elif schema is None and json_schema is None:
        return
    if schema is not None:
        converted = _schema(schema, p + "responseSchema")
    elif json_schema is not None:
        converted = _json_schema(json_schema, p + "responseJsonSchema")
    else:
        chat["response_format"] = {"type": "json_object"}
        return
    chat["response_format"] = {"type": "json_schema", "json_schema": {"name": "response", "schema": converted}}


# --------------------------------------------------------------------------------------------------
# responses


def _finish(reason: Any) -> str:
    return _FINISH.get(reason, "STOP") if reason is not None else "STOP"


def _args(arguments: Any) -> dict[str, Any]:
    """A call's arguments as the object Gemini sends: the JSON object the backend wrote; anything else
    (empty, not JSON, not an object) is ``{}``."""
    if arguments.__class__ is not str or not arguments:
        return {}
    try:
        value = orjson.loads(arguments)
    except orjson.JSONDecodeError:
        return {}
    return value if value.__class__ is dict else {}


def _usage(usage: Any) -> dict[str, int] | None:
    """``usageMetadata`` of a rebuilt OpenAI usage: ``candidatesTokenCount`` excludes thinking
    (``thoughtsTokenCount``), as Gemini counts it; the total is the backend's."""
    if usage.__class__ is not dict:
        return None
    prompt = usage.get("prompt_tokens")
    completion = usage.get("completion_tokens")
    prompt = prompt if prompt.__class__ is int else 0
    completion = completion if completion.__class__ is int else 0
    details = usage.get("completion_tokens_details")
    thoughts = details.get("reasoning_tokens") if details.__class__ is dict else None
    out: dict[str, int] = {"promptTokenCount": prompt}
    if thoughts.__class__ is int and thoughts > 0:
        out["candidatesTokenCount"] = max(completion - thoughts, 0)
    else:
        out["candidatesTokenCount"] = completion
        thoughts = None
    total = usage.get("total_tokens")
    out["totalTokenCount"] = total if total.__class__ is int else prompt + completion
    prompt_details = usage.get("prompt_tokens_details")
    cached = prompt_details.get("cached_tokens") if prompt_details.__class__ is dict else None
    if cached.__class__ is int and cached > 0:
        out["cachedContentTokenCount"] = cached
    if thoughts is not None:
        out["thoughtsTokenCount"] = thoughts
    return out


def _call_part(call: dict[str, Any]) -> dict[str, Any] | None:
    fn = call.get("function")
    if call.get("type") == "custom" or fn.__class__ is not dict:
        return None
    name = fn.get("name")
    return {"functionCall": {"name": name if name.__class__ is str else "", "args": _args(fn.get("arguments"))}}


def google_status(status: int) -> str:
    """The ``google.rpc.Code`` name Google's APIs send with an HTTP status."""
    name = _GOOGLE_STATUS.get(status)
    if name is not None:
        return name
    if status >= 500:
        return "INTERNAL"
    return "FAILED_PRECONDITION" if status >= 400 else "UNKNOWN"


def _error(error: GatewayError) -> dict[str, Any]:
    return {"error": {"code": error.status, "message": error.message, "status": google_status(error.status)}}


class GeminiStream:
    """One stream in Gemini's shape: SSE (``?alt=sse``: ``data: {…}\\r\\n\\r\\n`` per response) or a
    JSON array of responses (``[{…},\\r\\n{…}]``, ``application/json``). Text (and, when asked for,
    thought) deltas are sent as they come; function calls are put together from their argument
    fragments and sent, with every candidate's ``finishReason`` and the ``usageMetadata``, in the last
    response."""

    __slots__ = ("_calls", "_finish", "_sent", "_sse", "_tail", "_thoughts", "_usage", "media_type")

    def __init__(self, ctx: RequestContext) -> None:
        self._sse = ctx.query.get("alt") == "sse"
        self.media_type = b"text/event-stream" if self._sse else b"application/json; charset=UTF-8"
        self._thoughts = ctx.extra.get(INCLUDE_THOUGHTS) is True
        self._tail = (b',"modelVersion":' + orjson.dumps(ctx.caller_model) + b',"responseId":'
                      + orjson.dumps(native_id(ctx, "")) + b"}")
        self._finish: dict[int, Any] = {}  # candidate index → OpenAI finish_reason (insertion order: first seen)
        self._calls: dict[int, dict[int, list]] = {}  # candidate → call index → [name, [argument fragments]]
        self._usage: dict[str, Any] | None = None
        self._sent = 0

    def _frame(self, payload: bytes) -> bytes:
        self._sent += 1
        if self._sse:
            return b"data: " + payload + b"\r\n\r\n"
        return payload if self._sent == 1 else b",\r\n" + payload

    def start(self) -> bytes:
        return b"" if self._sse else b"["

    def chunk(self, chunk: dict[str, Any]) -> bytes:
        usage = chunk.get("usage")
        if usage is not None:
            self._usage = usage
        choices = chunk.get("choices")
        if not choices:
            return b""
        if len(choices) == 1:  # the usual chunk: one choice, one text delta
            choice = choices[0]
            delta = choice.get("delta")
            if (delta and len(delta) == 1 and choice.get("finish_reason") is None
                    and delta.get("content").__class__ is str):
                index = choice.get("index", 0)
                if index not in self._finish:
                    self._finish[index] = None
                if not delta["content"]:
                    return b""
                return self._frame(b'{"candidates":[{"content":{"parts":[{"text":' + orjson.dumps(delta["content"])
                                   + b'}],"role":"model"},"index":' + str(index).encode() + b"}]" + self._tail)
        candidates = None
        for choice in choices:
            index = choice.get("index", 0)
            if index not in self._finish:
                self._finish[index] = None
            delta = choice.get("delta")
            parts = None
            if delta:
                if self._thoughts:
                    reasoning = delta.get("reasoning")
                    if reasoning:
                        parts = [{"text": reasoning, "thought": True}]
                text = delta.get("content") or delta.get("refusal")
                if text:
                    if parts is None:
                        parts = [{"text": text}]
                    else:
                        parts.append({"text": text})
                calls = delta.get("tool_calls")
                if calls:
                    self._gather(index, calls)
            reason = choice.get("finish_reason")
            if reason is not None:
                self._finish[index] = reason
            if parts is not None:
                candidate = {"content": {"parts": parts, "role": "model"}, "index": index}
                if candidates is None:
                    candidates = [candidate]
                else:
                    candidates.append(candidate)
        if candidates is None:
            return b""
        return self._frame(b'{"candidates":' + orjson.dumps(candidates) + self._tail)

    def _gather(self, index: int, calls: list[dict[str, Any]]) -> None:
        pending = self._calls.get(index)
        if pending is None:
            pending = self._calls[index] = {}
        for call in calls:
            fn = call.get("function")
            if fn.__class__ is not dict:
                continue
            slot = pending.get(call.get("index", 0))
            if slot is None:
                slot = pending[call.get("index", 0)] = ["", []]
            name = fn.get("name")
            if name and not slot[0]:
                slot[0] = name
            args = fn.get("arguments")
            if args:
                slot[1].append(args)

    def end(self) -> bytes:
        candidates = []
        for index, reason in (self._finish or {0: None}).items():
            calls = self._calls.get(index)
            parts = ([{"functionCall": {"name": name, "args": _args("".join(args))}}
                      for _, (name, args) in sorted(calls.items())] if calls else [])
            candidates.append({"content": {"parts": parts, "role": "model"}, "finishReason": _finish(reason),
                               "index": index})
        last: dict[str, Any] = {"candidates": candidates}
        usage = _usage(self._usage)
        if usage is not None:
            last["usageMetadata"] = usage
        frame = self._frame(orjson.dumps(last)[:-1] + self._tail)
        return frame if self._sse else frame + b"]"

    def error(self, error: GatewayError) -> bytes:
        frame = self._frame(orjson.dumps(_error(error)))
        return frame if self._sse else frame + b"]"


class GeminiSurface:
    """Gemini ``generateContent`` (see the module docstring)."""

    name = "gemini"
    key_hint = "send it as 'x-goog-api-key: <key>', as '?key=<key>' or as 'Authorization: Bearer <key>'"

    def credential(self, headers: dict[str, str], authorization: list[str], query: dict[str, str]) -> str | None:
        """``x-goog-api-key``, then ``?key=``, then ``Authorization: Bearer`` (an empty value counts as absent)."""
        key = headers.get("x-goog-api-key")
        if key and key.strip():
            return key.strip()
        key = query.get("key")
        if key and key.strip():
            return key.strip()
        return bearer_token(authorization[0]) if authorization else None

    def to_chat(self, body: Any, route: Route, ctx: RequestContext) -> dict[str, Any]:
        if not isinstance(body, dict):
            raise RequestError(f"Invalid JSON payload: expected an object, but got {_jtype(body)}.",
                               code="invalid_type")
        model = route.model
        if not model or not model.strip():
            raise RequestError("Missing model: call …/models/{model}:generateContent.", param="model",
                               code="missing_required_parameter")
        if route.action == COUNT:
            inner = _g(body, "generateContentRequest")
            if inner is not None:
                if body.get("contents") is not None:
                    raise _bad("contents", "set either contents or generateContentRequest, not both.")
                body = _object(inner, "generateContentRequest")
        if _g(body, "cachedContent") is not None:
            raise _unsupported("cachedContent", "there is no context-cache API; send the full contents "
                                                "(repeated prefixes are cached automatically).")
        chat: dict[str, Any] = {"model": model, "messages": _messages(body)}
        tools_value = body.get("tools")
        tools = _tools(tools_value) if tools_value is not None else []
        config = _g(body, "toolConfig")
        choice = None
        if config is not None:
            choice, tools = _tool_choice(config, tools)
        if tools:
            chat["tools"] = tools
            if choice is not None:
                chat["tool_choice"] = choice
        gc = _g(body, "generationConfig")
        if gc is not None:
            _generation(gc, chat, ctx)
            chat["generationConfig"] = gc  # for the effort hook (thinkingConfig); chat validation drops it
        if route.stream and route.action != COUNT:
            chat["stream"] = True
            chat["stream_options"] = {"include_usage": True}
        return chat

    def render(self, completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        thoughts = ctx.extra.get(INCLUDE_THOUGHTS) is True
        candidates = []
        for position, choice in enumerate(completion.get("choices") or ()):
            msg = choice.get("message") or {}
            parts: list[dict[str, Any]] = []
            if thoughts:
                reasoning = msg.get("reasoning")
                if reasoning.__class__ is str and reasoning:
                    parts.append({"text": reasoning, "thought": True})
            text = msg.get("content")
            if text.__class__ is not str or not text:
                text = msg.get("refusal")
            if text.__class__ is str and text:
                parts.append({"text": text})
            for call in msg.get("tool_calls") or ():
                part = _call_part(call)
                if part is not None:
                    parts.append(part)
            index = choice.get("index")
            candidates.append({"content": {"parts": parts, "role": "model"},
                               "finishReason": _finish(choice.get("finish_reason")),
                               "index": index if index.__class__ is int else position})
        out: dict[str, Any] = {"candidates": candidates}
        usage = _usage(completion.get("usage"))
        if usage is not None:
            out["usageMetadata"] = usage
        out["modelVersion"] = ctx.caller_model
        out["responseId"] = native_id(ctx, "")
        return out

    def encoder(self, ctx: RequestContext) -> GeminiStream:
        return GeminiStream(ctx)

    def count_body(self, tokens: int, ctx: RequestContext) -> dict[str, Any]:
        return {"totalTokens": tokens}

    def models_body(self, models: list[str], created: int) -> dict[str, Any]:
        methods = ["generateContent", "streamGenerateContent", "countTokens"]
        return {"models": [{"name": f"models/{m}", "baseModelId": m, "version": "1", "displayName": m,
                            "supportedGenerationMethods": list(methods)} for m in models]}

    def error_body(self, error: GatewayError) -> bytes:
        return orjson.dumps(_error(error))


SURFACE = GeminiSurface()
