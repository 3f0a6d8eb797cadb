from di_plugins.context import Classification, Effort
from di_plugins.hookspecs import hookimpl


class ClassifierSettings:
    @classmethod
    def from_mapping(cls, m, path="di.classifier"):
        return cls()
class ClassificationPlugin:
    name = "di.classification"
    def __init__(self, settings): pass
    @hookimpl
    def di_effort(self, request, ctx):
        return Effort()
    @hookimpl
    def di_classify(self, request, ctx):
        msgs = request.get("messages") or []
        for m in msgs:
            c = m.get("content") if isinstance(m, dict) else None
            if isinstance(c, list) and any(isinstance(p, dict) and p.get("type") == "image_url" for p in c):
                return Classification("vision", 2, "image")
        if request.get("tools"):
            return Classification("code", 4, "tools")
        if request.get("response_format"):
            return Classification("json", 6, "json_output")
        base = "flash" if "mini" in ctx.intent_model else "pro"
        return Classification(base, 9, "model_intent", base_type=base)
