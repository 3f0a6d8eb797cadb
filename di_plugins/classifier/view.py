"""One cheap pass over a request body, in any of the three wire shapes, collecting what the rules need.

Shapes recognised (a body may mix them; nothing is assumed from ``ctx.surface``):

* OpenAI Chat Completions: ``messages[].content`` as a string or parts (``text``, ``image_url``,
  ``file``, ``input_audio``), ``tool_calls``, ``tools``/``functions``, ``tool_choice``/``function_call``,
  ``response_format``.
* OpenAI Responses: ``input`` (string or items), ``instructions``, ``input_text``/``input_image``/
  ``input_file`` parts, ``text.format``.
* Anthropic Messages: top-level ``system``, content blocks ``text``/``image``/``document``/
  ``tool_use``/``tool_result`` (whose nested content is walked too)/``thinking``, ``tools`` with
  ``input_schema``, ``tool_choice`` ``{"type": "tool"|"any"}``, ``output_format``/``output_config.format``.
* Gemini: ``contents[].parts[]`` with ``text``/``inlineData``/``fileData``/``functionCall``/
  ``functionResponse``, ``systemInstruction``, ``tools[].functionDeclarations``,
  ``toolConfig.functionCallingConfig.mode``, ``generationConfig.responseMimeType``/``responseSchema``
  (snake_case spellings too).

Anything else (non-dict messages, null content, unknown part types) is skipped, never an error.
"""

from __future__ import annotations

from typing import Any

import orjson

_TEXT_TYPES = frozenset({"text", "input_text", "output_text"})
_DOC_EXTENSIONS = (".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".csv", ".tsv", ".xls", ".xlsx",
                   ".ppt", ".pptx", ".epub", ".md")
_FORCING_CHOICES = frozenset({"required", "any"})
_FORCING_TYPES = frozenset({"function", "tool", "any", "required", "custom"})
_JSON_FORMATS = frozenset({"json_schema", "json_object", "json"})


def media_kind(mime: str | None, default: str | None = "document") -> str | None:
    """``image`` for image/* and video/* (vision input), None for audio/*, else ``document``."""
    if not mime or not isinstance(mime, str):
        return default
    mime = mime.strip().lower()
    if mime.startswith(("image/", "video/")):
        return "image"
    if mime.startswith("audio/"):
        return None
    return "document"


def url_kind(url: Any) -> str | None:
    """Kind of an ``image_url`` URL: data URLs by media type, remote URLs by file extension."""
    if not isinstance(url, str) or not url:
        return "image"
    if url[:5].lower() == "data:":
        end = len(url)
        for sep in (";", ","):
            i = url.find(sep, 5, 200)
            if i != -1 and i < end:
                end = i
        return media_kind(url[5:end] if end != len(url) else None, default="image")
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    if path.endswith(_DOC_EXTENSIONS):
        return "document"
    return "image"


def json_len(value: Any) -> int:
    """Length of ``value`` serialized as JSON (0 when it cannot be)."""
    if isinstance(value, str):
        return len(value)
    try:
        return len(orjson.dumps(value))
    except Exception:
        return 0


class RequestView:
    """What one pass over the body found. ``texts`` are all text strings (for the token estimate)."""

    __slots__ = ("texts", "json_chars", "images", "documents", "first_image", "first_document",
                 "system", "latest_user", "tools", "forced_tool", "json_format")

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.json_chars = 0  # characters of JSON-ish input (tool definitions, call arguments)
        self.images = 0
        self.documents = 0
        self.first_image: dict[str, Any] | None = None
        self.first_document: dict[str, Any] | None = None
        self.system: list[tuple[Any, Any]] = []  # (where, content) of system prompts
        # (message index, content) of the latest user turn with human text: the only user turn the text
        # rules may read (see .scope); earlier ones are not kept
        self.latest_user: tuple[Any, Any] | None = None
        self.tools = 0
        self.forced_tool: str | None = None
        self.json_format: dict[str, Any] | None = None

    # ----------------------------------------------------------------------------------------------
    def _media(self, kind: str | None, where: dict[str, Any]) -> None:
        if kind == "image":
            self.images += 1
            if self.first_image is None:
                self.first_image = where
        elif kind == "document":
            self.documents += 1
            if self.first_document is None:
                self.first_document = where

    def _parts(self, parts: list, index: Any, depth: int = 0) -> bool:
        """Walk content parts; True when one of them is human text (not a tool result)."""
        human = False
        texts = self.texts
        for j, p in enumerate(parts):
            if isinstance(p, str):
                texts.append(p)
                human = human or bool(p)
                continue
            if not isinstance(p, dict):
                continue
            t = p.get("type")
            if t is None:  # Gemini part (or a typeless text part)
                human = self._gemini_part(p, index, j) or human
            elif t in _TEXT_TYPES:
                s = p.get("text")
                if isinstance(s, str):
                    texts.append(s)
                    human = human or bool(s)
            elif t == "image_url":
                u = p.get("image_url")
                url = u.get("url") if isinstance(u, dict) else u
                self._media(url_kind(url), {"message": index, "part": j, "kind": "image_url"})
            elif t in ("image", "input_image"):
                src = p.get("source")
                mime = src.get("media_type") if isinstance(src, dict) else None
                self._media(media_kind(mime, "image") or "image", {"message": index, "part": j, "kind": t})
            elif t in ("file", "input_file", "document"):
                self._media("document", {"message": index, "part": j, "kind": t})
                src = p.get("source")
                if isinstance(src, dict) and isinstance(src.get("data"), str) and src.get("type") == "text":
                    texts.append(src["data"])
            elif t == "tool_result" or t == "function_call_output":
                c = p.get("content", p.get("output"))
                if isinstance(c, str):
                    texts.append(c)
                elif isinstance(c, list) and depth < 2:
                    self._parts(c, index, depth + 1)
            elif t in ("tool_use", "server_tool_use"):
                self.json_chars += json_len(p.get("input"))
            elif t == "thinking":
                s = p.get("thinking")
                if isinstance(s, str):
                    texts.append(s)
            elif t == "refusal":
                s = p.get("refusal")
                if isinstance(s, str):
                    texts.append(s)
            else:
                s = p.get("text")
                if isinstance(s, str):
                    texts.append(s)
        return human

    def _gemini_part(self, p: dict, index: Any, j: int) -> bool:
        s = p.get("text")
        if isinstance(s, str):
            self.texts.append(s)
            return bool(s) and not p.get("thought")
        blob = p.get("inlineData") or p.get("inline_data")
        if isinstance(blob, dict):
            mime = blob.get("mimeType") or blob.get("mime_type")
            self._media(media_kind(mime), {"message": index, "part": j, "kind": "inlineData", "mime": mime})
            return False
        ref = p.get("fileData") or p.get("file_data")
        if isinstance(ref, dict):
            mime = ref.get("mimeType") or ref.get("mime_type")
            self._media(media_kind(mime), {"message": index, "part": j, "kind": "fileData", "mime": mime})
            return False
        call = p.get("functionCall") or p.get("function_call")
        if call is not None:
            self.json_chars += json_len(call)
            return False
        resp = p.get("functionResponse") or p.get("function_response")
        if resp is not None:
            self.json_chars += json_len(resp)
        return False

    def _content(self, c: Any, index: Any) -> bool:
        if isinstance(c, str):
            self.texts.append(c)
            return bool(c)
        if isinstance(c, list):
            return self._parts(c, index)
        return False

    def _messages(self, msgs: list) -> None:
        texts = self.texts
        for i, m in enumerate(msgs):
            if type(m) is not dict:
                if isinstance(m, dict):
                    m = dict(m)
                elif isinstance(m, str):  # a bare string message: treat as user text
                    texts.append(m)
                    if m:
                        self.latest_user = (i, m)
                    continue
                else:
                    continue
            get = m.get
            role = get("role")
            c = get("content")
            if c is None:
                mtype = get("type")
                if mtype in ("function_call", "custom_tool_call"):  # Responses API items
                    self.json_chars += json_len(get("arguments", get("input")))
                    continue
                if mtype == "function_call_output":
                    self.json_chars += json_len(get("output"))
                    continue
                c = get("parts")  # Gemini
            if type(c) is str:
                texts.append(c)
                human = bool(c)
            elif isinstance(c, list):
                human = self._parts(c, i)
            else:
                human = isinstance(c, str) and self._content(c, i)
            if role == "user" or role is None:
                if human:
                    self.latest_user = (i, c)
            elif role == "assistant" or role == "model":
                tcs = get("tool_calls")
                if isinstance(tcs, list):
                    for tc in tcs:
                        if isinstance(tc, dict):
                            f = tc.get("function")
                            if isinstance(f, dict):
                                self.json_chars += json_len(f.get("arguments"))
                fc = get("function_call")
                if isinstance(fc, dict):
                    self.json_chars += json_len(fc.get("arguments"))
            elif role == "system" or role == "developer":
                self.system.append((i, c))

    def _system_field(self, value: Any, where: str) -> None:
        if isinstance(value, str):
            self.texts.append(value)
            self.system.append((where, value))
        elif isinstance(value, list):
            self._parts(value, where)
            self.system.append((where, value))
        elif isinstance(value, dict):  # Gemini systemInstruction {parts: [...]}
            parts = value.get("parts")
            if isinstance(parts, list):
                self._parts(parts, where)
                self.system.append((where, parts))

    # ----------------------------------------------------------------------------------------------
    @classmethod
    def of(cls, request: Any) -> RequestView:
        v = cls()
        if not isinstance(request, dict):
            return v
        get = request.get
        msgs = get("messages")
        if isinstance(msgs, list):
            v._messages(msgs)
        contents = get("contents")
        if isinstance(contents, list):
            v._messages(contents)
        elif isinstance(contents, (str, dict)):
            v._messages([contents] if isinstance(contents, str) else [contents])
        if msgs is None and contents is None:
            inp = get("input")
            if isinstance(inp, str):
                v.texts.append(inp)
                if inp:
                    v.latest_user = ("input", inp)
            elif isinstance(inp, list):
                v._messages(inp)
            prompt = get("prompt")
            if isinstance(prompt, str):
                v.texts.append(prompt)
                if prompt:
                    v.latest_user = ("prompt", prompt)
        for key in ("system", "instructions", "systemInstruction", "system_instruction"):
            value = get(key)
            if value is not None:
                v._system_field(value, key)
        v._tools(request)
        v._json_format(request)
        return v

    def _tools(self, request: dict) -> None:
        get = request.get
        tools = get("tools")
        if isinstance(tools, list) and tools:
            n = 0
            for t in tools:
                if isinstance(t, dict):
                    decls = t.get("functionDeclarations", t.get("function_declarations"))
                    if decls is not None:
                        n += len(decls) if isinstance(decls, list) else 0
                        continue
                n += 1
            self.tools += n
            self.json_chars += json_len(tools)
        functions = get("functions")
        if isinstance(functions, list) and functions:
            self.tools += len(functions)
            self.json_chars += json_len(functions)
        tc = get("tool_choice")
        if isinstance(tc, str):
            if tc.lower() in _FORCING_CHOICES:
                self.forced_tool = "tool_choice=" + tc
        elif isinstance(tc, dict):
            t = tc.get("type")
            if t in _FORCING_TYPES or (t is None and ("function" in tc or "name" in tc)):
                self.forced_tool = "tool_choice.type=" + str(t)
            elif t == "allowed_tools" and isinstance(tc.get("allowed_tools"), dict) \
                    and tc["allowed_tools"].get("mode") == "required":
                self.forced_tool = "tool_choice.allowed_tools.mode=required"
        fc = get("function_call")
        if isinstance(fc, dict) and fc.get("name"):
            self.forced_tool = "function_call.name"
        cfg = get("toolConfig", get("tool_config"))
        if isinstance(cfg, dict):
            fcc = cfg.get("functionCallingConfig", cfg.get("function_calling_config"))
            if isinstance(fcc, dict) and str(fcc.get("mode", "")).upper() == "ANY":
                self.forced_tool = "toolConfig.functionCallingConfig.mode=ANY"

    def _json_format(self, request: dict) -> None:
        get = request.get
        rf = get("response_format")
        if isinstance(rf, dict) and rf.get("type") in _JSON_FORMATS:
            self.json_format = {"field": "response_format", "type": rf.get("type")}
            return
        if isinstance(rf, str) and rf in _JSON_FORMATS:
            self.json_format = {"field": "response_format", "type": rf}
            return
        gc = get("generationConfig", get("generation_config"))
        if isinstance(gc, dict):
            mime = gc.get("responseMimeType", gc.get("response_mime_type"))
            if isinstance(mime, str) and "json" in mime.lower():
                self.json_format = {"field": "generationConfig.responseMimeType", "type": mime}
                return
            for key in ("responseSchema", "response_schema", "responseJsonSchema", "response_json_schema"):
                if gc.get(key):
                    self.json_format = {"field": "generationConfig." + key}
                    return
        for key in ("output_format", "output_config"):
            of = get(key)
            if isinstance(of, dict):
                fmt = of.get("format", of) if key == "output_config" else of
                if isinstance(fmt, dict) and fmt.get("type") in _JSON_FORMATS:
                    self.json_format = {"field": key, "type": fmt.get("type")}
                    return
        text = get("text")
        if isinstance(text, dict):
            fmt = text.get("format")
            if isinstance(fmt, dict) and fmt.get("type") in _JSON_FORMATS:
                self.json_format = {"field": "text.format", "type": fmt.get("type")}


def text_of(content: Any) -> str:
    """The human text of one message's content (text parts joined by newlines)."""
    if isinstance(content, str):
        return content
    if not isinstance(content, list):
        return ""
    out = []
    for p in content:
        if isinstance(p, str):
            out.append(p)
        elif isinstance(p, dict):
            t = p.get("type")
            if t in _TEXT_TYPES or (t is None and not p.get("thought")):
                s = p.get("text")
                if isinstance(s, str):
                    out.append(s)
    return "\n".join(out)
