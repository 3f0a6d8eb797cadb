"""Built-in classification plugin: effort (``di_effort``) and request type (``di_classify``).

Its settings come from ``di.classifier`` through ``di_configure``. Both decision hooks are ``trylast`` so
that any site plugin answering them wins. The rules, the effort sources, which text the text rules read
(:mod:`di_plugins.classifier.scope`) and the windows are described in :mod:`di_plugins.classifier`.
"""

from __future__ import annotations

from typing import Any

from ..classifier.engine import Classifier
from ..classifier.intent import split_effort_suffix
from ..classifier.settings import ClassifierSettings
from ..context import Classification, Effort
from ..hookspecs import hookimpl


class ClassificationPlugin:
    """Implements ``di_effort`` and ``di_classify`` with one compiled :class:`ClassifierSettings`."""

    name = "di.classification"

    def __init__(self, settings: ClassifierSettings | None = None) -> None:
        self.settings = settings or ClassifierSettings()
        self._classifier: Classifier | None = None

    @property
    def classifier(self) -> Classifier:
        """The compiled classifier, built once for the current settings (compiling costs seconds of CPU)."""
        if self._classifier is None:
            self._classifier = Classifier(self.settings)
        return self._classifier

    @hookimpl
    def di_configure(self, config: Any) -> None:
        if config.di.classifier != self.settings or self._classifier is None:
            self.settings = config.di.classifier
            self._classifier = Classifier(self.settings)

    @hookimpl(trylast=True)
    def di_effort(self, request: dict, ctx: Any) -> Effort:
        """Resolve the effort (may raise a 400 ``RequestError``) and set ``ctx.intent_model``."""
        effort, intent_model = self.classifier.effort(request, ctx)
        ctx.intent_model = intent_model
        return effort

    @hookimpl(trylast=True)
    def di_classify(self, request: dict, ctx: Any) -> Classification:
        """Classify with ``ctx.effort`` (rule 8) and ``ctx.intent_model`` (rule 9). Never raises."""
        intent_model = getattr(ctx, "intent_model", "") or ""
        caller_model = getattr(ctx, "caller_model", "") or ""
        if not intent_model or intent_model == caller_model:
            # di_effort did not run (a site plugin answered it): derive the intent here
            model = caller_model or (request.get("model") if isinstance(request, dict) else "")
            intent_model = split_effort_suffix(model)[0]
        effort = getattr(getattr(ctx, "effort", None), "level", "auto")
        return self.classifier.classify(request, effort=effort, intent_model=intent_model)
