"""Accuracy of the built-in classifier on the labelled corpus (tests/data/classification_corpus.jsonl).

Prints per-type precision / recall and every miss (run ``pytest -s`` to see them); fails below 97 %
overall agreement. How the corpus was built: ``tests/data/make_corpus.py``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from di_plugins import REQUEST_TYPES
from di_plugins.builtin.classification import ClassificationPlugin
from di_plugins.context import RequestContext

DATA = Path(__file__).resolve().parents[1] / "data"
sys.path.insert(0, str(DATA))
from make_corpus import expand_fill  # noqa: E402

MIN_AGREEMENT = 0.97


def load_corpus() -> list[dict]:
    with (DATA / "classification_corpus.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def classify_item(plugin: ClassificationPlugin, item: dict):
    request = expand_fill(item["request"])
    model = item.get("model", request.get("model", ""))
    ctx = RequestContext(caller_model=model, headers=item.get("headers") or {}, query=item.get("query") or {})
    ctx.effort = plugin.di_effort(request, ctx)
    ctx.classification = plugin.di_classify(request, ctx)
    return ctx.classification


def _preview(item: dict) -> str:
    req = item["request"]
    msgs = req.get("messages") or req.get("contents") or req.get("input") or []
    last = msgs[-1] if isinstance(msgs, list) and msgs else {}
    content = last.get("content", last.get("parts")) if isinstance(last, dict) else last
    if isinstance(content, list):
        content = " ".join(str(p.get("text", "[" + str(p.get("type", "part")) + "]")) if isinstance(p, dict) else str(p)
                           for p in content)
    return str(content).replace("\n", " ")[:90]


def test_corpus_is_big_and_varied():
    items = load_corpus()
    assert len(items) >= 300
    labels = {i["label"] for i in items}
    assert labels == set(REQUEST_TYPES)
    assert len({i["id"] for i in items}) == len(items)


def test_corpus_agreement():
    items = load_corpus()
    plugin = ClassificationPlugin()
    tp = dict.fromkeys(REQUEST_TYPES, 0)
    fp = dict.fromkeys(REQUEST_TYPES, 0)
    fn = dict.fromkeys(REQUEST_TYPES, 0)
    misses = []
    batches: dict[str, list[int]] = {}
    for item in items:
        c = classify_item(plugin, item)
        want, got = item["label"], c.request_type
        batch = item.get("note", "").split(":")[0]
        batch = batch if batch.startswith("holdout") else "main"
        counts = batches.setdefault(batch, [0, 0])
        counts[0] += want == got
        counts[1] += 1
        if want == got:
            tp[want] += 1
        else:
            fp[got] += 1
            fn[want] += 1
            misses.append((item["id"], want, got, c.rule_name, c.evidence.get("match", ""), _preview(item)))
    agreement = sum(tp.values()) / len(items)
    lines = [f"corpus: {len(items)} requests, agreement {agreement:.1%}",
             f"{'type':<10}{'n':>5}{'precision':>11}{'recall':>9}"]
    for t in REQUEST_TYPES:
        n = tp[t] + fn[t]
        precision = tp[t] / (tp[t] + fp[t]) if tp[t] + fp[t] else 1.0
        recall = tp[t] / n if n else 1.0
        lines.append(f"{t:<10}{n:>5}{precision:>11.1%}{recall:>9.1%}")
    lines.append("by batch: " + ", ".join(f"{b} {ok}/{n}" for b, (ok, n) in sorted(batches.items())))
    lines.append(f"misses ({len(misses)}):")
    lines += [f"  {i} want={w} got={g} ({rule}: {m!r}) {p!r}" for i, w, g, rule, m, p in misses]
    print("\n" + "\n".join(lines))
    assert agreement >= MIN_AGREEMENT, "\n".join(lines)


@pytest.mark.parametrize("label", REQUEST_TYPES)
def test_every_type_is_represented(label):
    assert sum(1 for i in load_corpus() if i["label"] == label) >= 6
