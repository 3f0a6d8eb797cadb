"""The OpenAI Responses API surface (``POST /di/v1/responses``, also ``/v1/responses``), served statelessly.

Responses bodies are translated into a Chat Completions body for the one pipeline
(:meth:`ResponsesSurface.to_chat`); the gateway's rebuilt chat completion, its chunks and its errors are
turned into Responses objects and stream events by :mod:`.responses_out`.

In (``to_chat``):

* ``input``: a string (one user message) or a list of items: ``message`` items and "easy" messages
  ``{role, content}`` (roles ``user``/``assistant``/``system``/``developer``; content a string or parts:
  ``input_text``/``output_text``, ``input_image`` (a URL or a data URL; ``file_id`` → 400),
  ``input_file`` (base64 PDF ``file_data`` → an OpenAI ``file`` part, so it classifies as ``document``;
  ``file_url``, ``file_id`` or a non-PDF → 400), ``input_audio``, and on assistant turns ``refusal``, read
  as text); ``function_call`` items become the assistant's ``tool_calls`` (consecutive calls, and calls right
  after an assistant message, join that one assistant message); ``function_call_output`` items become
  ``tool`` messages (string output, or text/image/file parts); ``reasoning`` items are dropped (the chat
  backends take no reasoning input). ``item_reference`` and the items of server-side tools → 400
  ``unsupported_parameter``; unknown item types → 400 ``invalid_value``.
* ``instructions`` → a system message first. ``tools`` of type ``function`` (the flat Responses shape) →
  chat tools; any other tool type (``web_search``, ``file_search``, ``code_interpreter``, ``computer*``,
  ``image_generation``, ``mcp``, ``local_shell``, ``shell``, ``custom``, ...) → 400 ``unsupported_parameter``
  naming the tool. ``tool_choice``: ``auto``/``none``/``required``, ``{type: function, name}``, and
  ``{type: allowed_tools, mode, tools}`` (the tool list is narrowed to the allowed functions).
* ``text.format`` (``json_schema`` in its flat shape, ``json_object``, ``text``) → ``response_format``;
  ``text.verbosity`` → ``verbosity``; ``max_output_tokens`` → ``max_tokens``; ``temperature``, ``top_p``,
  ``parallel_tool_calls`` (only with tools), ``user``, ``safety_identifier``, ``prompt_cache_key`` as they
  are; ``reasoning.effort`` becomes ``reasoning_effort`` (the chat parameter: the effort hook reads it and
  the journey makes it acceptable upstream; a ``reasoning`` object would reach chat backends as an unknown
  parameter); an invalid value is a 400 naming ``reasoning.effort``; ``summary`` is not forwarded. ``stream`` adds ``stream_options: {include_usage: true}`` for the backend. ``model`` is
  passed verbatim (and echoed).
* ``prompt_cache_breakpoint`` on an input part → ``cache_control: {type: ephemeral}`` (``ttl`` ``30m`` or
  ``12h`` → ``"1h"``, the longest the prefix cache knows).
* ``POST …/v1/responses/input_tokens`` (:data:`~.base.COUNT`) takes the same body; ``model`` may be left
  out there (counted as :data:`COUNT_MODEL`), and so may ``input`` when there are ``instructions``.
* Stateful features → 400 ``unsupported_parameter`` naming the parameter: ``previous_response_id``,
  ``conversation``, ``prompt`` (stored templates), ``background: true``. ``store: true`` is served as
  ``store: false`` (nothing is ever stored; the response says ``"store": false``).
* Accepted and ignored: ``metadata`` (echoed), ``include`` (every value: they ask for hosted-tool outputs,
  ``reasoning.encrypted_content`` or logprobs, none of which this gateway produces; ignoring them keeps
  clients such as Codex, which always ask for encrypted reasoning, working), ``truncation`` (echoed),
  ``service_tier``, ``max_tool_calls``, ``top_logprobs``, ``prompt_cache_retention``,
  ``prompt_cache_options``, ``context_management``, ``stream_options`` and any unknown key.

What the response echoes of the request (instructions, tools, tool_choice, text, temperature, ...) is
taken from the caller's own body, type-checked, and kept on ``ctx.extra["responses"]``; never from the
backend.
"""

from __future__ import annotations

from typing import Any

from ..classifier.effort import _invalid as _invalid_effort
from ..classifier.intent import normalize_effort
from ..context import GatewayError, RequestContext
from ..errors import RequestError, openai_error_body
from ..keys import bearer_token
from ..validation import (
    SERVER_SIDE_TOOL_HINT,
    _array,
    _boolean,
    _decimal,
    _function_name,
    _integer,
    _invalid,
    _jtype,
    _missing,
    _not_supported,
    _object,
    _shown,
    _string,
    _type_error,
)
from .base import COUNT, Route
from .responses_out import EXTRA_KEY, ResponsesEncoder, render_response

__all__ = ["SURFACE", "ResponsesSurface"]

_STATELESS_NOTE = "this gateway serves the Responses API statelessly (nothing is stored)"
_STATELESS = _STATELESS_NOTE + ": send the whole conversation in 'input' on every turn."
_UNSUPPORTED_PARAMS = {
    "previous_response_id": _STATELESS,
    "conversation": _STATELESS,
    "prompt": "stored prompt templates are not served: send the instructions and input themselves.",
    "background": f"background responses need stored state, and {_STATELESS_NOTE}.",
}
_ROLES = ("user", "assistant", "system", "developer")
_TEXT_PARTS = frozenset({"input_text", "output_text", "text"})
_USER_PARTS = ("input_text", "input_image", "input_file", "input_audio")
_ASSISTANT_PARTS = ("output_text", "refusal")
_ITEM_TYPES = ("message", "function_call", "function_call_output", "reasoning")
# Items that only exist with server-side tools or stored state: named in the 400.
_STATEFUL_ITEMS = frozenset({
    "item_reference", "compaction", "compaction_trigger", "file_search_call", "web_search_call",
    "computer_call", "computer_call_output", "code_interpreter_call", "image_generation_call",
    "local_shell_call", "local_shell_call_output", "shell_call", "shell_call_output", "apply_patch_call",
    "apply_patch_call_output", "mcp_list_tools", "mcp_approval_request", "mcp_approval_response", "mcp_call",
    "custom_tool_call", "custom_tool_call_output", "tool_search_call", "tool_search_output",
    "additional_tools", "program", "program_output"})
_PDF_MIME = "application/pdf"
_PDF_MAGIC_B64 = "JVBER"  # "%PDF" base64-encoded
_TTL = {"30m": "1h", "12h": "1h"}
COUNT_MODEL = "di"
"""The model id a token count without ``model`` is classified with (the product's own id)."""


def _unsupported(param: str, why: str) -> RequestError:
    return RequestError(f"Unsupported parameter: '{param}': {why}", param=param, code="unsupported_parameter")


def _server_tool(param: str, name: str) -> RequestError:
    return RequestError(f'server-side tool "{_shown(name)}" {SERVER_SIDE_TOOL_HINT} (\'{param}\').',
                        param=param, code="unsupported_parameter")


def _type_of(obj: dict, where: str) -> str:
    ptype = obj.get("type")
    if ptype is None:
        raise _missing(f"{where}.type")
    if not isinstance(ptype, str):
        raise _type_error(f"{where}.type", "a string", ptype)
    return ptype


def _opt_string(obj: dict, key: str, where: str) -> str | None:
    value = obj.get(key)
    return None if value is None else _string(value, f"{where}.{key}")


def _required_string(obj: dict, key: str, where: str) -> str:
    value = obj.get(key)
    if value is None:
        raise _missing(f"{where}.{key}")
    return _string(value, f"{where}.{key}")


# --------------------------------------------------------------------------------------------------
# content parts


def _cache_mark(part: dict, where: str) -> dict | None:
    """``prompt_cache_breakpoint`` → a chat ``cache_control`` (None when absent)."""
    mark = part.get("prompt_cache_breakpoint")
    if mark is None:
        return None
    mark = _object(mark, f"{where}.prompt_cache_breakpoint")
    ttl = mark.get("ttl")
    out = {"type": "ephemeral"}
    if ttl is not None:
        ttl = _string(ttl, f"{where}.prompt_cache_breakpoint.ttl")
        if ttl not in _TTL:
            raise _not_supported(f"{where}.prompt_cache_breakpoint.ttl", ttl, tuple(_TTL))
        out["ttl"] = _TTL[ttl]
    return out


def _image(part: dict, where: str) -> dict:
    if part.get("file_id") is not None:
        raise _unsupported(f"{where}.file_id", "file ids need the Files API, which is not served; send the "
                                               "image as a URL or a base64 data URL in 'image_url'.")
    url = _required_string(part, "image_url", where)
    if not url:
        raise _invalid(f"{where}.image_url", "expected a non-empty string.")
    image: dict[str, Any] = {"url": url}
    detail = _opt_string(part, "detail", where)
    if detail is not None and detail != "auto":
        image["detail"] = detail
    return {"type": "image_url", "image_url": image}


def _file(part: dict, where: str) -> dict:
    if part.get("file_id") is not None:
        raise _unsupported(f"{where}.file_id", "file ids need the Files API, which is not served; send the "
                                               "PDF base64-encoded in 'file_data'.")
    if part.get("file_url") is not None:
        raise _unsupported(f"{where}.file_url", "documents by URL are not supported; send the PDF "
                                                "base64-encoded in 'file_data'.")
    data = _required_string(part, "file_data", where)
    filename = _opt_string(part, "filename", where)
    if data[:5].lower() == "data:":
        mime = data[5:data.find(";", 5, 100)].strip().lower() if data.find(";", 5, 100) != -1 else ""
        if mime != _PDF_MIME:
            raise _invalid(f"{where}.file_data", f"only PDF documents are supported (got "
                                                 f"'{_shown(mime or 'no media type')}').")
    elif data.lstrip()[:5] == _PDF_MAGIC_B64:
        data = f"data:{_PDF_MIME};base64,{data.strip()}"
    else:
        raise _invalid(f"{where}.file_data", "only PDF documents are supported: send a base64 PDF "
                                             "('data:application/pdf;base64,...').")
    file: dict[str, Any] = {"file_data": data}
    if filename is not None:
        file["filename"] = filename
    return {"type": "file", "file": file}


def _audio(part: dict, where: str) -> dict:
    audio = part.get("input_audio")
    if audio is None:
        raise _missing(f"{where}.input_audio")
    audio = _object(audio, f"{where}.input_audio")
    return {"type": "input_audio",
            "input_audio": {"data": _required_string(audio, "data", f"{where}.input_audio"),
                            "format": _required_string(audio, "format", f"{where}.input_audio")}}


def _part(part: object, where: str, allowed: tuple[str, ...]) -> dict:
    """One input content part as a chat content part."""
    if not isinstance(part, dict):
        raise _type_error(where, "an object", part)
    ptype = _type_of(part, where)
    if ptype in _TEXT_PARTS:
        out: dict[str, Any] = {"type": "text", "text": _required_string(part, "text", where)}
    elif ptype == "refusal" and "refusal" in allowed:
        out = {"type": "text", "text": _required_string(part, "refusal", where)}
    elif ptype not in allowed:
        if ptype in _USER_PARTS or ptype == "refusal":
            raise _invalid(f"{where}.type", f"content part type '{ptype}' is not allowed here. Supported values "
                                            "are: " + ", ".join(f"'{a}'" for a in allowed) + ".")
        raise _not_supported(f"{where}.type", ptype, allowed)
    elif ptype == "input_image":
        out = _image(part, where)
    elif ptype == "input_file":
        out = _file(part, where)
    else:  # input_audio
        out = _audio(part, where)
    mark = _cache_mark(part, where)
    if mark is not None:
        out["cache_control"] = mark
    return out


def _content(content: object, where: str, role: str) -> str | list:
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        raise _type_error(where, "one of a string or array of objects", content)
    if role == "assistant":
        allowed: tuple[str, ...] = _ASSISTANT_PARTS
    elif role == "user":
        allowed = _USER_PARTS
    else:
        allowed = ("input_text",)
    parts = [_part(p, f"{where}[{j}]", allowed) for j, p in enumerate(content)]
    if not parts and role != "assistant":
        raise RequestError(f"Invalid '{where}': empty array. Expected an array with minimum length 1, but got "
                           f"an empty array instead.", param=where, code="empty_array")
    if all(p["type"] == "text" and "cache_control" not in p for p in parts) and (role == "assistant" or len(parts) == 1):
        return "".join(p["text"] for p in parts)
    return parts


# --------------------------------------------------------------------------------------------------
# input items


def _tool_output(output: object, where: str) -> str | list:
    if isinstance(output, str):
        return output
    if not isinstance(output, list):
        raise _type_error(where, "one of a string or array of objects", output)
    parts = [_part(p, f"{where}[{j}]", ("input_text", "input_image", "input_file")) for j, p in enumerate(output)]
    if not parts:
        return ""
    if all(p["type"] == "text" and "cache_control" not in p for p in parts):
        return "".join(p["text"] for p in parts)
    return parts


def _messages(value: object, instructions: str | None) -> list[dict]:
    messages: list[dict] = []
    if instructions:
        messages.append({"role": "system", "content": instructions})
    if value is None:
        return messages
    if isinstance(value, str):
        messages.append({"role": "user", "content": value})
        return messages
    items = _array(value, "input")
    if not items:
        raise RequestError("Invalid 'input': empty array. Expected an array with minimum length 1, but got an "
                           "empty array instead.", param="input", code="empty_array")
    # the assistant message that function_call items join (the last message, while it can take them)
    open_assistant: dict | None = None
    for i, item in enumerate(items):
        where = f"input[{i}]"
        if not isinstance(item, dict):
            raise _type_error(where, "an object", item)
        itype = item.get("type")
        if itype is None:
            if "role" not in item:
                raise _missing(f"{where}.type")
            itype = "message"
        elif not isinstance(itype, str):
            raise _type_error(f"{where}.type", "a string", itype)
        if itype == "message":
            role = item.get("role")
            if role is None:
                raise _missing(f"{where}.role")
            if not isinstance(role, str):
                raise _type_error(f"{where}.role", "a string", role)
            if role not in _ROLES:
                raise _not_supported(f"{where}.role", role, _ROLES)
            if "content" not in item or item["content"] is None:
                raise _missing(f"{where}.content")
            content = _content(item["content"], f"{where}.content", role)
            message: dict[str, Any] = {"role": role, "content": content}
            messages.append(message)
            open_assistant = message if role == "assistant" else None
        elif itype == "function_call":
            call = {"id": _required_string(item, "call_id", where), "type": "function",
                    "function": {"name": _required_string(item, "name", where),
                                 "arguments": _required_string(item, "arguments", where)}}
            if open_assistant is None:
                open_assistant = {"role": "assistant", "content": None, "tool_calls": []}
                messages.append(open_assistant)
            open_assistant.setdefault("tool_calls", []).append(call)
        elif itype == "function_call_output":
            if item.get("output") is None:
                raise _missing(f"{where}.output")
            messages.append({"role": "tool", "tool_call_id": _required_string(item, "call_id", where),
                             "content": _tool_output(item["output"], f"{where}.output")})
            open_assistant = None
        elif itype == "reasoning":
            continue  # the chat backends take no reasoning input; dropping it does not close the turn
        elif itype in _STATEFUL_ITEMS:
            if itype == "item_reference":
                raise _unsupported(f"{where}.type", "item references need stored items; " + _STATELESS)
            raise _unsupported(f"{where}.type", f"'{itype}' items belong to server-side tools or stored state, "
                                                "which this gateway does not serve.")
        else:
            raise _not_supported(f"{where}.type", itype, _ITEM_TYPES)
    for message in messages:  # an assistant turn that only held reasoning, or empty parts
        if message["role"] == "assistant" and not message.get("tool_calls") and message["content"] is None:
            message["content"] = ""
    return messages


# --------------------------------------------------------------------------------------------------
# tools, tool_choice, text


def _tools(value: object) -> tuple[list[dict], list[dict]]:
    """``(chat tools, echo tools)``."""
    tools = _array(value, "tools")
    chat: list[dict] = []
    echo: list[dict] = []
    names: set[str] = set()
    for i, tool in enumerate(tools):
        where = f"tools[{i}]"
        if not isinstance(tool, dict):
            raise _type_error(where, "an object", tool)
        ttype = _type_of(tool, where)
        if ttype != "function":
            raise _server_tool(f"{where}.type", ttype)
        name = _function_name(tool.get("name"), f"{where}.name")
        if name in names:
            raise _invalid(f"{where}.name", f"duplicate tool name '{name}'; tool names must be unique.")
        names.add(name)
        fn: dict[str, Any] = {"name": name}
        shown: dict[str, Any] = {"type": "function", "name": name, "description": None, "parameters": None,
                                 "strict": None}
        desc = tool.get("description")
        if desc is not None:
            fn["description"] = shown["description"] = _string(desc, f"{where}.description")
        params = tool.get("parameters")
        if params is not None:
            fn["parameters"] = shown["parameters"] = _object(params, f"{where}.parameters")
        strict = tool.get("strict")
        if strict is not None:
            fn["strict"] = shown["strict"] = _boolean(strict, f"{where}.strict")
        chat.append({"type": "function", "function": fn})
        echo.append(shown)
    return chat, echo


def _tool_choice(value: object, chat_tools: list[dict]) -> tuple[Any, Any, list[dict]]:
    """``(chat tool_choice or None, echo, chat tools)`` for a ``tool_choice``."""
    names = {t["function"]["name"] for t in chat_tools}
    if isinstance(value, str):
        if value not in ("none", "auto", "required"):
            raise _not_supported("tool_choice", value, ("none", "auto", "required"))
        if value == "required" and not chat_tools:
            raise _invalid("tool_choice", "'required' is only allowed when 'tools' are specified.")
        return (value if chat_tools else None), value, chat_tools
    if not isinstance(value, dict):
        raise _type_error("tool_choice", "one of a string or an object", value)
    ctype = _type_of(value, "tool_choice")
    if ctype == "function":
        name = _required_string(value, "name", "tool_choice")
        if name not in names:
            raise _invalid("tool_choice", f"no function tool named '{_shown(name)}' is defined in 'tools'.")
        return {"type": "function", "function": {"name": name}}, {"type": "function", "name": name}, chat_tools
    if ctype == "allowed_tools":
        mode = _required_string(value, "mode", "tool_choice")
        if mode not in ("auto", "required"):
            raise _not_supported("tool_choice.mode", mode, ("auto", "required"))
        allowed = value.get("tools")
        if allowed is None:
            raise _missing("tool_choice.tools")
        allowed = _array(allowed, "tool_choice.tools")
        keep: list[str] = []
        for k, ref in enumerate(allowed):
            where = f"tool_choice.tools[{k}]"
            ref = _object(ref, where)
            rtype = _type_of(ref, where)
            if rtype != "function":
                raise _server_tool(f"{where}.type", rtype)
            name = _required_string(ref, "name", where)
            if name not in names:
                raise _invalid(where, f"no function tool named '{_shown(name)}' is defined in 'tools'.")
            keep.append(name)
        narrowed = [t for t in chat_tools if t["function"]["name"] in keep]
        echo = {"type": "allowed_tools", "mode": mode, "tools": [{"type": "function", "name": n} for n in keep]}
        return (mode if narrowed else None), echo, narrowed
    if ctype in ("none", "auto", "required"):
        raise _type_error("tool_choice", "one of a string or an object", value)
    raise _server_tool("tool_choice.type", ctype)


def _text(value: object) -> tuple[dict | None, str | None, dict]:
    """``(response_format or None, verbosity or None, echo)`` for ``text``."""
    text = _object(value, "text")
    echo: dict[str, Any] = {"format": {"type": "text"}}
    response_format = None
    fmt = text.get("format")
    if fmt is not None:
        fmt = _object(fmt, "text.format")
        ftype = _type_of(fmt, "text.format")
        if ftype == "json_schema":
            name = _function_name(fmt.get("name"), "text.format.name")
            if fmt.get("schema") is None:
                raise _missing("text.format.schema")
            schema = _object(fmt["schema"], "text.format.schema")
            inner: dict[str, Any] = {"name": name}
            shown: dict[str, Any] = {"type": "json_schema", "name": name}
            desc = fmt.get("description")
            if desc is not None:
                inner["description"] = shown["description"] = _string(desc, "text.format.description")
            inner["schema"] = shown["schema"] = schema
            strict = fmt.get("strict")
            if strict is not None:
                inner["strict"] = shown["strict"] = _boolean(strict, "text.format.strict")
            response_format = {"type": "json_schema", "json_schema": inner}
            echo["format"] = shown
        elif ftype == "json_object":
            response_format = {"type": "json_object"}
            echo["format"] = {"type": "json_object"}
        elif ftype != "text":
            raise _not_supported("text.format.type", ftype, ("text", "json_schema", "json_object"))
    verbosity = text.get("verbosity")
    if verbosity is not None:
        verbosity = _string(verbosity, "text.verbosity")
        if verbosity not in ("low", "medium", "high"):
            raise _not_supported("text.verbosity", verbosity, ("low", "medium", "high"))
        echo["verbosity"] = verbosity
    return response_format, verbosity, echo


def _metadata(value: object) -> dict[str, str]:
    meta = _object(value, "metadata")
    for key, val in meta.items():
        if not isinstance(val, str):
            raise _type_error(f"metadata.{_shown(key)}", "a string", val)
    return dict(meta)


# --------------------------------------------------------------------------------------------------
# the surface


def translate(body: object, route: Route | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(chat body, echo)`` for a Responses body; raises :class:`RequestError` (400) for bad input.

    ``echo`` holds the request fields a Response repeats (see :mod:`.responses_out`)."""
    if not isinstance(body, dict):
        raise RequestError(f"Invalid request body: expected a JSON object, but got {_jtype(body)} instead.",
                           code="invalid_type")
    for param, why in _UNSUPPORTED_PARAMS.items():
        value = body.get(param)
        if value is not None and not (param == "background" and value is False):
            raise _unsupported(param, why)
    counting = route is not None and route.action == COUNT
    model = body.get("model")
    if model is None:
        if not counting:
            raise _missing("model")
        model = COUNT_MODEL  # optional when counting (as on OpenAI's /responses/input_tokens)
    model = _string(model, "model")
    instructions = body.get("instructions")
    if instructions is not None:
        instructions = _string(instructions, "instructions")
    if body.get("input") is None and not (counting and instructions):
        raise _missing("input")
    chat: dict[str, Any] = {"model": model, "messages": _messages(body.get("input"), instructions)}
    echo: dict[str, Any] = {"model": model, "instructions": instructions, "max_output_tokens": None,
                            "parallel_tool_calls": True, "temperature": None, "top_p": None,
                            "tool_choice": "auto", "tools": [], "text": {"format": {"type": "text"}},
                            "reasoning": {"effort": None, "summary": None}, "truncation": "disabled",
                            "metadata": {}}

    tools: list[dict] = []
    if body.get("tools") is not None:
        tools, echo["tools"] = _tools(body["tools"])
    choice = body.get("tool_choice")
    if choice is not None:
        chat_choice, echo["tool_choice"], tools = _tool_choice(choice, tools)
        if chat_choice is not None:
            chat["tool_choice"] = chat_choice
    if tools:
        chat["tools"] = tools
    parallel = body.get("parallel_tool_calls")
    if parallel is not None:
        echo["parallel_tool_calls"] = _boolean(parallel, "parallel_tool_calls")
        if tools:
            chat["parallel_tool_calls"] = parallel

    if body.get("text") is not None:
        response_format, verbosity, echo["text"] = _text(body["text"])
        if response_format is not None:
            chat["response_format"] = response_format
        if verbosity is not None:
            chat["verbosity"] = verbosity
    limit = body.get("max_output_tokens")
    if limit is not None:
        chat["max_tokens"] = echo["max_output_tokens"] = _integer(limit, "max_output_tokens", 1)
    for param, hi in (("temperature", 2), ("top_p", 1)):
        value = body.get(param)
        if value is not None:
            chat[param] = echo[param] = _decimal(value, param, 0, hi)
    for param in ("user", "safety_identifier", "prompt_cache_key"):
        value = body.get(param)
        if value is not None:
            chat[param] = echo[param] = _string(value, param)
    reasoning = body.get("reasoning")
    if reasoning is not None:
        reasoning = _object(reasoning, "reasoning")
        effort, summary = reasoning.get("effort"), reasoning.get("summary")
        if effort is not None and not (isinstance(effort, str) and not effort.strip()):
            if normalize_effort(effort) is None:
                raise _invalid_effort(effort, "reasoning.effort", "reasoning.effort")
            # as the chat parameter: a chat backend takes no `reasoning` object (OpenAI's refuses it)
            chat["reasoning_effort"] = echo["reasoning"]["effort"] = effort
        if summary is not None:
            echo["reasoning"]["summary"] = _string(summary, "reasoning.summary")
    truncation = body.get("truncation")
    if truncation is not None:
        truncation = _string(truncation, "truncation")
        if truncation not in ("auto", "disabled"):
            raise _not_supported("truncation", truncation, ("auto", "disabled"))
        echo["truncation"] = truncation
    if body.get("metadata") is not None:
        echo["metadata"] = _metadata(body["metadata"])
    include = body.get("include")
    if include is not None:
        for k, value in enumerate(_array(include, "include")):
            _string(value, f"include[{k}]")
    store = body.get("store")
    if store is not None:
        _boolean(store, "store")
    stream = body.get("stream")
    if stream is not None and not counting:
        if _boolean(stream, "stream"):
            chat["stream"] = True
            chat["stream_options"] = {"include_usage": True}
    return chat, echo


class ResponsesSurface:
    """The stateless OpenAI Responses API (see the module docstring)."""

    name = "responses"
    key_hint = "send it as 'Authorization: Bearer <key>'"

    def credential(self, headers: dict[str, str], authorization: list[str], query: dict[str, str]) -> str | None:
        """``Authorization: Bearer <key>`` only, as on the OpenAI chat surface."""
        return bearer_token(authorization[0]) if authorization else None

    def to_chat(self, body: Any, route: Route, ctx: RequestContext) -> dict[str, Any]:
        chat, echo = translate(body, route)
        ctx.extra[EXTRA_KEY] = echo
        return chat

    def render(self, completion: dict[str, Any], ctx: RequestContext) -> dict[str, Any]:
        return render_response(completion, ctx)

    def encoder(self, ctx: RequestContext) -> ResponsesEncoder:
        return ResponsesEncoder(ctx)

    def count_body(self, tokens: int, ctx: RequestContext) -> dict[str, Any]:
        """OpenAI's ``POST /v1/responses/input_tokens`` shape."""
        return {"object": "response.input_tokens", "input_tokens": tokens}

    def models_body(self, models: list[str], created: int) -> dict[str, Any]:
        return {"object": "list",
                "data": [{"id": m, "object": "model", "created": created, "owned_by": "di-gateway"} for m in models]}

    def error_body(self, error: GatewayError) -> bytes:
        return openai_error_body(error)


SURFACE = ResponsesSurface()
