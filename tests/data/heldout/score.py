"""Score the classifier on a held-out batch: agreement with the labels, per type and per language.

    .venv/bin/python tests/data/heldout/score.py [tests/data/heldout/heldout_batch1.jsonl] [--misses]

A held-out batch is written by someone who has not seen the classifier (see README.md here) and is
scored, never tuned on. Items with ``long_text_chars`` get that many characters of plain prose
appended to their last user message before classifying, as the batch's README says. The request goes
through the gateway's own decision path (``Journey.prepare``: validation, effort, classification), with
the item's headers; no backend and no LiteLLM are involved.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from di_plugins.config import load_config  # noqa: E402
from di_plugins.context import RequestContext  # noqa: E402
from di_plugins.errors import RequestError  # noqa: E402
from di_plugins.gateway import Gateway  # noqa: E402

PROSE = ("The harbour was quiet in the early morning, and the fishermen mended their nets while the gulls "
         "circled above the grey water. ")


def expand(item: dict) -> dict:
    request = copy.deepcopy(item["request"])
    chars = item.get("long_text_chars")
    if chars:
        last = next(m for m in reversed(request["messages"]) if m.get("role") == "user")
        filler = (PROSE * (chars // len(PROSE) + 1))[:chars]
        if isinstance(last["content"], str):
            last["content"] += "\n\n" + filler
        else:
            last["content"].append({"type": "text", "text": filler})
    return request


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", nargs="?", default=str(HERE / "heldout_batch1.jsonl"))
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    gateway = Gateway(load_config(ROOT / "config.yaml"))
    items = [json.loads(line) for line in Path(args.batch).read_text(encoding="utf-8").splitlines() if line.strip()]
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_lang: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    misses = []
    for item in items:
        ctx = RequestContext(headers={k.lower(): v for k, v in (item.get("headers") or {}).items()})
        try:
            gateway.journey(ctx).prepare(expand(item))
        except RequestError as exc:
            misses.append((item, f"error {exc.status}: {exc.error.message}"))
        got = ctx.request_type
        ok = got == item["label"]
        by_type[item["label"]]["ok" if ok else "miss"] += 1
        by_lang[item["lang"]]["ok" if ok else "miss"] += 1
        confusion[(item["label"], got)] += 1
        if not ok:
            rule = ctx.classification.rule_name if ctx.classification else None
            misses.append((item, f"got {got} ({rule})"))
    total_ok = sum(c["ok"] for c in by_type.values())
    print(f"{args.batch}: {total_ok}/{len(items)} = {100 * total_ok / len(items):.1f}% agreement")
    for title, table in (("type", by_type), ("language", by_lang)):
        print(f"by {title}: " + ", ".join(f"{k} {c['ok']}/{c['ok'] + c['miss']}" for k, c in sorted(table.items())))
    non_english = [i for i in items if i["lang"] != "en"]
    print(f"non-English: {len(non_english)}/{len(items)} items")
    if args.misses:
        for item, why in misses:
            print(f"  {item['id']} [{item['lang']}] label {item['label']}, {why}: {item['note'][:100]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
