"""Validation and sanitizing of ``POST /v1/chat/completions`` bodies.

:func:`validate_chat_request` takes the already-parsed JSON body (any JSON value) and either returns a
NEW dict that is safe to forward, or raises :class:`~di_plugins.errors.RequestError` (status 400) whose
message, ``param`` and ``code`` are modelled on the OpenAI API's own errors, e.g.::

    Invalid type for 'temperature': expected a decimal, but got a string instead.   (invalid_type)
    Invalid 'temperature': decimal above maximum value. Expected a value <= 2, ...   (decimal_above_max_value)
    Missing required parameter: 'messages'.                                         (missing_required_parameter)

What gets forwarded is an allowlist of OpenAI chat parameters. Everything else at the top level is
dropped silently: unknown keys, and in particular the LiteLLM-only / gateway-internal ones
(``api_base``, ``api_key``, ``mock_response``, ``fallbacks``, ``metadata``, ``litellm_*``, ``caching``,
``extra_body``, ...), which a caller must never be able to smuggle through the proxy. ``null`` for an
optional parameter is accepted and dropped. Inside messages, content parts, tools and response formats
only the known keys are kept.

Server-side (provider-executed) tools such as ``web_search`` or ``code_interpreter`` and
``web_search_options`` are rejected: only ``function`` (and ``custom``) tools are served.

The check is a single pass on the hot path: output dicts and lists are built shallowly, strings and
opaque nested objects (JSON schemas, ``logit_bias`` is copied) are shared with the input, nothing
recurses into caller-controlled depth. Any JSON input yields either a dict or a ``RequestError``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from .errors import RequestError

__all__ = ["ALLOWED_PARAMS", "MESSAGE_ROLES", "SERVER_SIDE_TOOL_HINT", "validate_chat_request"]

MESSAGE_ROLES: tuple[str, ...] = ("system", "developer", "user", "assistant", "tool", "function")
"""Accepted ``messages[i].role`` values."""

SERVER_SIDE_TOOL_HINT = "is not supported; define a function tool instead"
"""Tail of the message for rejected server-side tools (``server-side tool "x" <hint>``)."""

_NAME_RE = re.compile(r"[a-zA-Z0-9_-]{1,64}")
_NAME_PATTERN = "^[a-zA-Z0-9_-]{1,64}$"
_INT64_MAX = 2**63 - 1
_INT64_MIN = -(2**63)
_MAX_SHOWN = 40  # characters of a caller's value quoted back in a message

# Content part types each role may use (system/developer/assistant follow OpenAI; tool results may also
# carry images/files, which LiteLLM forwards to providers that support them).
_USER_PARTS = ("text", "image_url", "input_audio", "file", "input_file")
_PARTS_BY_ROLE: dict[str, tuple[str, ...]] = {
    "system": ("text",),
    "developer": ("text",),
    "user": _USER_PARTS,
    "assistant": ("text", "refusal"),
    "tool": ("text", "image_url", "file", "input_file"),
}
_ALL_PART_TYPES = ("text", "image_url", "input_audio", "file", "input_file", "refusal")


# --------------------------------------------------------------------------------------------------
# error helpers (only called on the error path)


def _jtype(value: object) -> str:
    """The JSON type word (with article) of a value, for messages; never a Python type name."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a decimal"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "an unsupported value"


def _shown(value: str) -> str:
    """A caller's string quoted back, truncated so a huge value cannot bloat the error."""
    return value if len(value) <= _MAX_SHOWN else value[:_MAX_SHOWN] + "..."


def _num(value: int | float) -> str:
    """A number for a message; safe for integers too large for ``str()``."""
    if isinstance(value, int) and not -(10**20) < value < 10**20:
        return "a very large integer" if value > 0 else "a very small integer"
    return repr(value)


def _type_error(param: str, expected: str, value: object) -> RequestError:
    return RequestError(f"Invalid type for '{param}': expected {expected}, but got {_jtype(value)} instead.",
                        param=param, code="invalid_type")


def _missing(param: str) -> RequestError:
    return RequestError(f"Missing required parameter: '{param}'.", param=param,
                        code="missing_required_parameter")


def _invalid(param: str, detail: str, code: str = "invalid_value") -> RequestError:
    return RequestError(f"Invalid value for '{param}': {detail}", param=param, code=code)


def _not_supported(param: str, value: str, allowed: tuple[str, ...]) -> RequestError:
    quoted = [f"'{a}'" for a in allowed]
    listing = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + ", and " + quoted[-1]
    return _invalid(param, f"'{_shown(value)}'. Supported values are: {listing}.")


def _server_side_tool(param: str, name: str) -> RequestError:
    return RequestError(f'server-side tool "{_shown(name)}" {SERVER_SIDE_TOOL_HINT} (\'{param}\').',
                        param=param, code="unsupported_tool")


# --------------------------------------------------------------------------------------------------
# scalar checks


def _string(value: object, param: str) -> str:
    if not isinstance(value, str):
        raise _type_error(param, "a string", value)
    return value


def _boolean(value: object, param: str) -> bool:
    if not isinstance(value, bool):
        raise _type_error(param, "a boolean", value)
    return value


def _object(value: object, param: str) -> dict:
    if not isinstance(value, dict):
        raise _type_error(param, "an object", value)
    return value


def _array(value: object, param: str) -> list:
    if not isinstance(value, list):
        raise _type_error(param, "an array", value)
    return value


def _decimal(value: object, param: str, lo: int, hi: int) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _type_error(param, "a decimal", value)
    if isinstance(value, float) and not math.isfinite(value):
        raise _invalid(param, "expected a finite number.")
    if value < lo:
        raise RequestError(f"Invalid '{param}': decimal below minimum value. Expected a value >= {lo}, "
                           f"but got {_num(value)} instead.", param=param, code="decimal_below_min_value")
    if value > hi:
        raise RequestError(f"Invalid '{param}': decimal above maximum value. Expected a value <= {hi}, "
                           f"but got {_num(value)} instead.", param=param, code="decimal_above_max_value")
    return value


def _integer(value: object, param: str, lo: int = _INT64_MIN, hi: int = _INT64_MAX) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(param, "an integer", value)
    if value < lo:
        raise RequestError(f"Invalid '{param}': integer below minimum value. Expected a value >= {lo}, "
                           f"but got {_num(value)} instead.", param=param, code="integer_below_min_value")
    if value > hi:
        raise RequestError(f"Invalid '{param}': integer above maximum value. Expected a value <= {hi}, "
                           f"but got {_num(value)} instead.", param=param, code="integer_above_max_value")
    return value


def _function_name(value: object, param: str) -> str:
    if value is None:
        raise _missing(param)
    name = _string(value, param)
    if not _NAME_RE.fullmatch(name):
        raise RequestError(f"Invalid '{param}': string does not match pattern. Expected a string that "
                           f"matches the pattern '{_NAME_PATTERN}'.", param=param, code="invalid_value")
    return name


def _cache_control(value: object, param: str) -> dict:
    return dict(_object(value, param))


# --------------------------------------------------------------------------------------------------
# messages


def _part(part: object, where: str, role: str, allowed: tuple[str, ...]) -> dict:
    """Validate one content part and return a new dict with its known keys."""
    if not isinstance(part, dict):
        raise _type_error(where, "an object", part)
    ptype = part.get("type")
    if ptype is None:
        raise _missing(f"{where}.type")
    if not isinstance(ptype, str):
        raise _type_error(f"{where}.type", "a string", ptype)
    if ptype not in allowed:
        if ptype in _ALL_PART_TYPES:
            raise _invalid(f"{where}.type", f"content part type '{ptype}' is not allowed in '{role}' "
                                            f"messages. Supported values are: "
                                            + ", ".join(f"'{a}'" for a in allowed) + ".")
        raise _not_supported(f"{where}.type", ptype, allowed)

    if ptype == "text":
        out: dict[str, Any] = {"type": "text", "text": _string(_required(part, "text", where), f"{where}.text")}
    elif ptype == "image_url":
        image = _required(part, "image_url", where)
        if isinstance(image, str):
            url, src = image, None
        elif isinstance(image, dict):
            url, src = _string(_required(image, "url", f"{where}.image_url"), f"{where}.image_url.url"), image
        else:
            raise _type_error(f"{where}.image_url", "an object or a string", image)
        if not url:
            raise _invalid(f"{where}.image_url.url", "expected a non-empty string.")
        img: dict[str, Any] = {"url": url}
        if src is not None:
            for key in ("detail", "format"):
                val = src.get(key)
                if val is not None:
                    img[key] = _string(val, f"{where}.image_url.{key}")
        out = {"type": "image_url", "image_url": img}
    elif ptype == "input_audio":
        audio = _object(_required(part, "input_audio", where), f"{where}.input_audio")
        data = _string(_required(audio, "data", f"{where}.input_audio"), f"{where}.input_audio.data")
        fmt = _string(_required(audio, "format", f"{where}.input_audio"), f"{where}.input_audio.format")
        out = {"type": "input_audio", "input_audio": {"data": data, "format": fmt}}
    elif ptype == "file":
        src = _object(_required(part, "file", where), f"{where}.file")
        file: dict[str, Any] = {}
        for key in ("file_data", "file_id", "filename", "format"):
            val = src.get(key)
            if val is not None:
                file[key] = _string(val, f"{where}.file.{key}")
        if "file_data" not in file and "file_id" not in file:
            raise _invalid(f"{where}.file", "one of 'file_id' or 'file_data' is required.",
                           code="missing_required_parameter")
        out = {"type": "file", "file": file}
    elif ptype == "refusal":
        out = {"type": "refusal", "refusal": _string(_required(part, "refusal", where), f"{where}.refusal")}
    else:  # input_file: tolerated as sent (a Responses-API shape some SDKs emit)
        return dict(part)

    cache = part.get("cache_control")
    if cache is not None:
        out["cache_control"] = _cache_control(cache, f"{where}.cache_control")
    return out


def _required(obj: dict, key: str, where: str) -> Any:
    value = obj.get(key)
    if value is None:
        raise _missing(f"{where}.{key}")
    return value


def _content(content: object, where: str, role: str, may_be_empty: bool) -> str | list:
    """A message's content: a string or a non-empty array of parts allowed for the role."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        if not content and not may_be_empty:
            raise RequestError(f"Invalid '{where}': empty array. Expected an array with minimum length 1, "
                               f"but got an empty array instead.", param=where, code="empty_array")
        allowed = _PARTS_BY_ROLE[role]
        return [_part(p, f"{where}[{j}]", role, allowed) for j, p in enumerate(content)]
    raise _type_error(where, "one of a string or array of objects", content)


def _tool_call(call: object, where: str) -> dict:
    if not isinstance(call, dict):
        raise _type_error(where, "an object", call)
    call_id = _string(_required(call, "id", where), f"{where}.id")
    ctype = _string(_required(call, "type", where), f"{where}.type")
    if ctype == "function":
        fn = _object(_required(call, "function", where), f"{where}.function")
        name = _string(_required(fn, "name", f"{where}.function"), f"{where}.function.name")
        args = _string(_required(fn, "arguments", f"{where}.function"), f"{where}.function.arguments")
        return {"id": call_id, "type": "function", "function": {"name": name, "arguments": args}}
    if ctype == "custom":
        custom = _object(_required(call, "custom", where), f"{where}.custom")
        name = _string(_required(custom, "name", f"{where}.custom"), f"{where}.custom.name")
        inp = _string(_required(custom, "input", f"{where}.custom"), f"{where}.custom.input")
        return {"id": call_id, "type": "custom", "custom": {"name": name, "input": inp}}
    raise _not_supported(f"{where}.type", ctype, ("function", "custom"))


def _function_call(value: object, where: str) -> dict:
    fn = _object(value, where)
    name = _string(_required(fn, "name", where), f"{where}.name")
    args = _string(_required(fn, "arguments", where), f"{where}.arguments")
    return {"name": name, "arguments": args}


def _message(msg: object, i: int) -> dict:
    """Validate ``messages[i]`` and return a new dict with the keys that matter for its role."""
    where = f"messages[{i}]"
    if not isinstance(msg, dict):
        raise _type_error(where, "an object", msg)
    role = msg.get("role")
    if role is None:
        raise _missing(f"{where}.role")
    if not isinstance(role, str):
        raise _type_error(f"{where}.role", "a string", role)
    if role not in MESSAGE_ROLES:
        raise _not_supported(f"{where}.role", role, MESSAGE_ROLES)

    out: dict[str, Any] = {"role": role}
    content = msg.get("content")
    has_content = "content" in msg

    if role == "assistant":
        calls = msg.get("tool_calls")
        if calls is not None:
            calls = _array(calls, f"{where}.tool_calls")
            calls = [_tool_call(c, f"{where}.tool_calls[{k}]") for k, c in enumerate(calls)]
        fcall = msg.get("function_call")
        if fcall is not None:
            fcall = _function_call(fcall, f"{where}.function_call")
        refusal = msg.get("refusal")
        if refusal is not None:
            _string(refusal, f"{where}.refusal")
        audio = msg.get("audio")
        if audio is not None:
            audio = _object(audio, f"{where}.audio")
            audio = {"id": _string(_required(audio, "id", f"{where}.audio"), f"{where}.audio.id")}
        acting = bool(calls) or fcall is not None
        if content is None:
            if not (acting or refusal is not None or audio is not None):
                if not has_content:
                    raise _missing(f"{where}.content")
                raise _type_error(f"{where}.content", "one of a string or array of objects", None)
            if has_content:
                out["content"] = None
        else:
            out["content"] = _content(content, f"{where}.content", role, acting)
        if calls:
            out["tool_calls"] = calls
        if fcall is not None:
            out["function_call"] = fcall
        if refusal is not None:
            out["refusal"] = refusal
        if audio is not None:
            out["audio"] = audio
    elif role == "function":
        name = msg.get("name")
        if name is None:
            raise _missing(f"{where}.name")
        if content is not None:
            out["content"] = _string(content, f"{where}.content")
        elif has_content:
            out["content"] = None
    else:
        if content is None:
            if not has_content:
                raise _missing(f"{where}.content")
            raise _type_error(f"{where}.content", "one of a string or array of objects", None)
        if role == "tool":
            call_id = msg.get("tool_call_id")
            if call_id is None:
                raise _missing(f"{where}.tool_call_id")
            out["tool_call_id"] = _string(call_id, f"{where}.tool_call_id")
        out["content"] = _content(content, f"{where}.content", role, False)

    name = msg.get("name")
    if name is not None:
        out["name"] = _string(name, f"{where}.name")
    cache = msg.get("cache_control")
    if cache is not None:
        out["cache_control"] = _cache_control(cache, f"{where}.cache_control")
    return out


def _messages(value: object) -> list:
    messages = _array(value, "messages")
    if not messages:
        raise RequestError("Invalid 'messages': empty array. Expected an array with minimum length 1, but "
                           "got an empty array instead.", param="messages", code="empty_array")
    return [_message(m, i) for i, m in enumerate(messages)]


# --------------------------------------------------------------------------------------------------
# tools, functions, response_format


def _function_def(fn: object, where: str) -> dict:
    """A function definition (``tools[i].function`` or legacy ``functions[i]``)."""
    fn = _object(fn, where)
    out: dict[str, Any] = {"name": _function_name(fn.get("name"), f"{where}.name")}
    desc = fn.get("description")
    if desc is not None:
        out["description"] = _string(desc, f"{where}.description")
    params = fn.get("parameters")
    if params is not None:
        out["parameters"] = _object(params, f"{where}.parameters")  # shared, not copied
    strict = fn.get("strict")
    if strict is not None:
        out["strict"] = _boolean(strict, f"{where}.strict")
    return out


def _tool(tool: object, where: str) -> dict:
    if not isinstance(tool, dict):
        raise _type_error(where, "an object", tool)
    ttype = tool.get("type")
    if ttype is None:
        # {"function": {...}} without a type is read as a function tool; Gemini-style
        # {"googleSearch": {}} names the server-side tool it asks for.
        if "function" in tool:
            ttype = "function"
        else:
            others = [k for k in tool if k != "cache_control" and isinstance(k, str)]
            if others:
                raise _server_side_tool(f"{where}.type", others[0])
            raise _missing(f"{where}.type")
    if not isinstance(ttype, str):
        raise _type_error(f"{where}.type", "a string", ttype)
    if ttype == "function":
        out: dict[str, Any] = {"type": "function",
                               "function": _function_def(_required(tool, "function", where), f"{where}.function")}
    elif ttype == "custom":
        src = _object(_required(tool, "custom", where), f"{where}.custom")
        custom: dict[str, Any] = {"name": _function_name(src.get("name"), f"{where}.custom.name")}
        desc = src.get("description")
        if desc is not None:
            custom["description"] = _string(desc, f"{where}.custom.description")
        fmt = src.get("format")
        if fmt is not None:
            custom["format"] = _object(fmt, f"{where}.custom.format")
        out = {"type": "custom", "custom": custom}
    else:
        raise _server_side_tool(f"{where}.type", ttype)
    cache = tool.get("cache_control")
    if cache is not None:
        out["cache_control"] = _cache_control(cache, f"{where}.cache_control")
    return out


def _tools(value: object) -> tuple[list, dict[str, str]]:
    """The tools, and a map of each tool name to its type (for ``tool_choice``)."""
    tools = _array(value, "tools")
    out = []
    names: dict[str, str] = {}
    for i, tool in enumerate(tools):
        checked = _tool(tool, f"tools[{i}]")
        ttype = checked["type"]
        name = checked[ttype]["name"]
        if name in names:
            param = f"tools[{i}].{ttype}.name"
            raise _invalid(param, f"duplicate tool name '{name}'; tool names must be unique.")
        names[name] = ttype
        out.append(checked)
    return out, names


def _tool_choice(value: object, names: dict[str, str] | None) -> object:
    """``tool_choice`` given the defined tool names (None when there are no tools)."""
    if isinstance(value, str):
        if value not in ("none", "auto", "required"):
            raise _not_supported("tool_choice", value, ("none", "auto", "required"))
        if names is None and value == "required":
            raise _invalid("tool_choice", "'required' is only allowed when 'tools' are specified.")
        return value
    if not isinstance(value, dict):
        raise _type_error("tool_choice", "one of a string or an object", value)
    ctype = value.get("type")
    if ctype is None:
        raise _missing("tool_choice.type")
    if not isinstance(ctype, str):
        raise _type_error("tool_choice.type", "a string", ctype)
    if ctype not in ("function", "custom"):
        raise _not_supported("tool_choice.type", ctype, ("function", "custom"))
    target = _object(_required(value, ctype, "tool_choice"), f"tool_choice.{ctype}")
    name = _string(_required(target, "name", f"tool_choice.{ctype}"), f"tool_choice.{ctype}.name")
    if names is None:
        raise _invalid("tool_choice", "a specific tool can only be chosen when 'tools' are specified.")
    if names.get(name) != ctype:
        raise _invalid("tool_choice", f"no {ctype} tool named '{_shown(name)}' is defined in 'tools'.")
    return {"type": ctype, ctype: {"name": name}}


def _functions(value: object) -> tuple[list, set[str]]:
    functions = _array(value, "functions")
    out = []
    names: set[str] = set()
    for i, fn in enumerate(functions):
        checked = _function_def(fn, f"functions[{i}]")
        if checked["name"] in names:
            raise _invalid(f"functions[{i}].name", f"duplicate function name '{checked['name']}'; "
                                                   f"function names must be unique.")
        names.add(checked["name"])
        out.append(checked)
    return out, names


def _legacy_function_call(value: object, names: set[str] | None) -> object:
    if isinstance(value, str):
        if value not in ("none", "auto"):
            raise _not_supported("function_call", value, ("none", "auto"))
        return value
    fn = _object(value, "function_call")
    name = _string(_required(fn, "name", "function_call"), "function_call.name")
    if names is None:
        raise _invalid("function_call", "a specific function can only be chosen when 'functions' are "
                                        "specified.")
    if name not in names:
        raise _invalid("function_call", f"no function named '{_shown(name)}' is defined in 'functions'.")
    return {"name": name}


def _response_format(value: object) -> dict:
    fmt = _object(value, "response_format")
    ftype = fmt.get("type")
    if ftype is None:
        raise _missing("response_format.type")
    if not isinstance(ftype, str):
        raise _type_error("response_format.type", "a string", ftype)
    if ftype in ("text", "json_object"):
        return {"type": ftype}
    if ftype != "json_schema":
        raise _not_supported("response_format.type", ftype, ("text", "json_object", "json_schema"))
    src = _object(_required(fmt, "json_schema", "response_format"), "response_format.json_schema")
    schema: dict[str, Any] = {"name": _function_name(src.get("name"), "response_format.json_schema.name")}
    desc = src.get("description")
    if desc is not None:
        schema["description"] = _string(desc, "response_format.json_schema.description")
    body = src.get("schema")
    if body is not None:
        schema["schema"] = _object(body, "response_format.json_schema.schema")  # shared, not copied
    strict = src.get("strict")
    if strict is not None:
        schema["strict"] = _boolean(strict, "response_format.json_schema.strict")
    return {"type": "json_schema", "json_schema": schema}


# --------------------------------------------------------------------------------------------------
# other top-level parameters


def _stop(value: object) -> str | list:
    if isinstance(value, str):
        return value
    stops = _array(value, "stop")
    if len(stops) > 4:
        raise RequestError(f"Invalid 'stop': array too long. Expected an array with maximum length 4, but got "
                           f"an array with length {len(stops)} instead.", param="stop",
                           code="array_above_max_length")
    for k, s in enumerate(stops):
        _string(s, f"stop[{k}]")
    return list(stops)


def _logit_bias(value: object) -> dict:
    bias = _object(value, "logit_bias")
    for token, weight in bias.items():
        if not (isinstance(token, str) and token.isascii() and token.isdigit()):
            shown = _shown(token) if isinstance(token, str) else "?"
            raise _invalid("logit_bias", f"key '{shown}' is not a token id; expected an integer string.")
        _decimal(weight, f"logit_bias.{_shown(token)}", -100, 100)
    return dict(bias)


def _stream_options(value: object) -> dict:
    opts = _object(value, "stream_options")
    out = {}
    for key in ("include_usage", "include_obfuscation"):
        val = opts.get(key)
        if val is not None:
            out[key] = _boolean(val, f"stream_options.{key}")
    return out


def _modalities(value: object) -> list:
    mods = _array(value, "modalities")
    for k, m in enumerate(mods):
        m = _string(m, f"modalities[{k}]")
        if m not in ("text", "audio"):
            raise _not_supported(f"modalities[{k}]", m, ("text", "audio"))
    return list(mods)


def _verbosity(value: object) -> str:
    v = _string(value, "verbosity")
    if v not in ("low", "medium", "high"):
        raise _not_supported("verbosity", v, ("low", "medium", "high"))
    return v


def _web_search_options(value: object) -> object:
    raise _server_side_tool("web_search_options", "web_search")


def _model(value: object) -> str:
    model = _string(value, "model")
    if not model.strip():
        raise _invalid("model", "expected a non-empty string.")
    return model


def _str(param: str) -> Callable[[object], str]:
    return lambda v: _string(v, param)


def _bool(param: str) -> Callable[[object], bool]:
    return lambda v: _boolean(v, param)


def _obj_copy(param: str) -> Callable[[object], dict]:
    return lambda v: dict(_object(v, param))


def _dec(param: str, lo: int, hi: int) -> Callable[[object], int | float]:
    return lambda v: _decimal(v, param, lo, hi)


def _int(param: str, lo: int = _INT64_MIN, hi: int = _INT64_MAX) -> Callable[[object], int]:
    return lambda v: _integer(v, param, lo, hi)


# The allowlist: every forwarded top-level parameter and its check (returns the value to forward).
# ``tools``/``tool_choice``/``functions``/``function_call``/``stream_options`` are cross-checked after
# the pass. Keys not listed here (``metadata``, ``cache_salt``, ``api_base``, ``litellm_*``, ...) are
# dropped.
_CHECKS: dict[str, Callable[[object], Any]] = {
    "model": _model,
    "messages": _messages,
    "temperature": _dec("temperature", 0, 2),
    "top_p": _dec("top_p", 0, 1),
    "frequency_penalty": _dec("frequency_penalty", -2, 2),
    "presence_penalty": _dec("presence_penalty", -2, 2),
    "n": _int("n", 1, 128),
    "max_tokens": _int("max_tokens", 1),
    "max_completion_tokens": _int("max_completion_tokens", 1),
    "seed": _int("seed"),
    "logprobs": _bool("logprobs"),
    "top_logprobs": _int("top_logprobs", 0, 20),
    "logit_bias": _logit_bias,
    "stop": _stop,
    "stream": _bool("stream"),
    "stream_options": _stream_options,
    "user": _str("user"),
    "parallel_tool_calls": _bool("parallel_tool_calls"),
    "store": _bool("store"),
    "modalities": _modalities,
    "audio": _obj_copy("audio"),
    "prediction": _obj_copy("prediction"),
    "service_tier": _str("service_tier"),
    "reasoning_effort": _str("reasoning_effort"),  # value checked later by the effort plugin
    "reasoning": _obj_copy("reasoning"),
    "verbosity": _verbosity,
    "web_search_options": _web_search_options,
    "prompt_cache_key": _str("prompt_cache_key"),
    "safety_identifier": _str("safety_identifier"),
    "response_format": _response_format,
    "tools": lambda v: v,  # checked below, with tool_choice
    "tool_choice": lambda v: v,
    "functions": lambda v: v,
    "function_call": lambda v: v,
}

ALLOWED_PARAMS: frozenset[str] = frozenset(_CHECKS) - {"web_search_options"}
"""Top-level parameters that may be forwarded (everything else is dropped silently)."""


def validate_chat_request(body: object) -> dict:
    """Validate a parsed chat-completions body and return a new, sanitized dict to forward.

    Raises :class:`~di_plugins.errors.RequestError` (400) naming the offending field for anything
    invalid; never raises anything else, whatever JSON value ``body`` is.
    """
    if not isinstance(body, dict):
        raise RequestError(f"Invalid request body: expected a JSON object, but got {_jtype(body)} instead.",
                           code="invalid_type")
    for required in ("model", "messages"):
        if body.get(required) is None:
            raise _missing(required)

    out: dict[str, Any] = {}
    checks = _CHECKS
    for key, value in body.items():
        check = checks.get(key)
        if check is None or value is None:
            continue
        out[key] = check(value)

    tool_names: dict[str, str] | None = None
    if "tools" in out:
        tools, tool_names = _tools(out["tools"])
        if tools:
            out["tools"] = tools
        else:  # an empty list means "no tools"
            del out["tools"]
            tool_names = None
    if "tool_choice" in out:
        choice = _tool_choice(out["tool_choice"], tool_names)
        if tool_names is None:
            del out["tool_choice"]  # "none"/"auto" without tools: meaningless, some providers reject it
        else:
            out["tool_choice"] = choice

    fn_names: set[str] | None = None
    if "functions" in out:
        functions, fn_names = _functions(out["functions"])
        if functions:
            out["functions"] = functions
        else:
            del out["functions"]
            fn_names = None
    if "function_call" in out:
        call = _legacy_function_call(out["function_call"], fn_names)
        if fn_names is None:
            del out["function_call"]
        else:
            out["function_call"] = call

    if "stream_options" in out and out.get("stream") is not True:
        raise RequestError("The 'stream_options' parameter is only allowed when 'stream' is enabled.",
                           param="stream_options", code="invalid_value")
    return out


_OPENAI_REASONING_EFFORTS = frozenset({"none", "minimal", "low", "medium", "high", "xhigh"})
_DI_ONLY_EFFORTS = {"fast": "minimal", "max": "high"}


def _forwardable_effort(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    level = value.strip().lower()
    if level in _OPENAI_REASONING_EFFORTS:
        return level
    return _DI_ONLY_EFFORTS.get(level)  # `auto` (and anything else) is not forwarded


def forwardable_reasoning_effort(request: dict) -> None:
    """Make ``reasoning_effort`` / ``reasoning.effort`` acceptable to an OpenAI-style backend, in place.

    DI's own effort levels are valid on the way in but not upstream: ``auto`` is dropped, ``fast``
    becomes ``minimal`` and ``max`` becomes ``high``; OpenAI's levels pass as sent (lower-cased).
    """
    if "reasoning_effort" in request:
        effort = _forwardable_effort(request["reasoning_effort"])
        if effort is None:
            del request["reasoning_effort"]
        else:
            request["reasoning_effort"] = effort
    reasoning = request.get("reasoning")
    if isinstance(reasoning, dict) and "effort" in reasoning:
        effort = _forwardable_effort(reasoning["effort"])
        request["reasoning"] = {k: v for k, v in reasoning.items() if k != "effort"}
        if effort is not None:
            request["reasoning"]["effort"] = effort
