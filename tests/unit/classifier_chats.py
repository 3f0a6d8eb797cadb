"""Request builders shared by the classifier's unit tables: chats of several turns, and the built-in
classifier with its default settings."""

from __future__ import annotations

from typing import Any

from di_plugins.classifier import Classifier

CLASSIFIER = Classifier()


def classify(body: dict[str, Any], effort: str = "auto") -> Any:
    return CLASSIFIER.classify(body, effort=effort)


def chat(*turns: tuple[str, str], system: str | None = None, model: str = "gpt-4o", **extra: Any) -> dict[str, Any]:
    """A chat body from ``(role, text)`` turns, with an optional system prompt."""
    msgs = [{"role": "system", "content": system}] if system else []
    msgs += [{"role": role, "content": text} for role, text in turns]
    return {"model": model, "messages": msgs, **extra}


def after_exchange(exchange: tuple[str, str], text: str) -> dict[str, Any]:
    """``text`` as the latest user turn after a user/assistant ``exchange``."""
    user, assistant = exchange
    return chat(("user", user), ("assistant", assistant), ("user", text))
