"""Offline input-size estimate (no tokenizer, no downloads).

``tokens = chars / chars_per_token + extra_utf8_bytes * k + images * image_tokens
+ documents * document_tokens + json_chars / chars_per_token`` where

* ``chars`` counts every text string of the request (all messages and roles, system prompt, tool
  results, reasoning text); ``json_chars`` the JSON length of tool definitions and tool-call arguments;
* ASCII text costs ``1 / chars_per_token`` (default 4 characters per token);
* non-ASCII text adds ``k`` tokens per UTF-8 byte beyond the first of each character, with ``k`` chosen
  so a 3-byte CJK/kana/hangul character costs ``cjk_tokens_per_char`` (default 1) token. Two-byte
  scripts (Cyrillic, Greek, Arabic, Hebrew, accented Latin) land at ~0.6 token per character. This needs
  one ``str.encode`` per non-ASCII string and no per-character Python loop;
* image parts (image/video) and document parts (PDF and other files) cost a fixed amount each, whatever
  their encoded size (base64 payloads are never counted as text).
"""

from __future__ import annotations

from collections.abc import Iterable


def text_units(texts: Iterable[str]) -> tuple[int, int]:
    """``(characters, extra UTF-8 bytes)`` of some strings."""
    chars = 0
    extra = 0
    for s in texts:
        n = len(s)
        chars += n
        if not s.isascii():
            extra += len(s.encode("utf-8", "surrogatepass")) - n
    return chars, extra


def estimate_tokens(chars: int, extra_bytes: int, *, chars_per_token: float = 4.0,
                    cjk_tokens_per_char: float = 1.0, images: int = 0, documents: int = 0,
                    image_tokens: int = 1000, document_tokens: int = 3000, json_chars: int = 0) -> int:
    """The estimate described in the module docstring, rounded up."""
    per_extra = max(0.0, (cjk_tokens_per_char - 1.0 / chars_per_token) / 2.0)
    value = (chars + json_chars) / chars_per_token + extra_bytes * per_extra
    value += images * image_tokens + documents * document_tokens
    whole = int(value)
    return whole + (1 if value > whole else 0)


def estimate_text_tokens(text: str, *, chars_per_token: float = 4.0, cjk_tokens_per_char: float = 1.0) -> int:
    """Estimate of one string alone."""
    chars, extra = text_units((text,))
    return estimate_tokens(chars, extra, chars_per_token=chars_per_token,
                           cjk_tokens_per_char=cjk_tokens_per_char)
