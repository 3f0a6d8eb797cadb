"""Table-driven tests of the nine classification rules, their order, the text scope, the windows and odd input.

Timing is not tested here: ``bench/classify.py`` measures the cost (including pathological inputs).
"""

from __future__ import annotations

import pytest

from di_plugins.builtin.classification import ClassificationPlugin
from di_plugins.classifier import Classifier, ClassifierSettings, explain, explain_request
from di_plugins.classifier.engine import RULE_NAMES
from di_plugins.context import Effort, RequestContext

PNG = "data:image/png;base64,iVBORw0KGgo="
PDF = "data:application/pdf;base64,JVBERi0xLjQK"
TOOL = {"type": "function", "function": {"name": "f", "parameters": {"type": "object", "properties": {}}}}
SCHEMA = {"type": "json_schema", "json_schema": {"name": "r", "schema": {"type": "object"}}}

CLASSIFIER = Classifier()


def chat(text, model="gpt-4o", **extra):
    return {"model": model, "messages": [{"role": "user", "content": text}], **extra}


def parts(*items, model="gpt-4o", **extra):
    return {"model": model, "messages": [{"role": "user", "content": list(items)}], **extra}


def text(t):
    return {"type": "text", "text": t}


def image_url(url=PNG):
    return {"type": "image_url", "image_url": {"url": url}}


def classify(body, effort="auto"):
    return CLASSIFIER.classify(body, effort=effort)


def kind(body, effort="auto"):
    c = classify(body, effort)
    return c.request_type, c.rule


# ---------------------------------------------------------------------------------------------------
# One table per rule: (body, expected type, expected rule)
# ---------------------------------------------------------------------------------------------------
RULE1_DOCUMENT = [
    parts(text("Summarize"), {"type": "file", "file": {"file_data": PDF, "filename": "a.pdf"}}),
    parts(text("Summarize"), {"type": "file", "file": {"file_id": "file-1"}}),
    parts(image_url(PDF), text("what is this")),
    parts(image_url("https://x.example/report.PDF?dl=1"), text("summarize")),
    parts(image_url("data:text/plain;base64,aGVsbG8="), text("read")),
    {"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": [
        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": "JVBE"}},
        text("Summarize")]}]},
    {"contents": [{"role": "user", "parts": [{"text": "Summarize"},
                                             {"inlineData": {"mimeType": "application/pdf", "data": "JVBE"}}]}]},
    {"contents": [{"parts": [{"fileData": {"mimeType": "application/pdf", "fileUri": "gs://b/r.pdf"}}]}]},
    {"contents": [{"parts": [{"file_data": {"file_uri": "gs://b/r.bin"}}]}]},
    {"model": "gpt-4.1", "input": [{"role": "user", "content": [
        {"type": "input_file", "file_data": PDF}, {"type": "input_text", "text": "What is in it?"}]}]},
]

RULE2_IMAGE = [
    parts(text("What's this?"), image_url()),
    parts(text("What's this?"), image_url("https://img.example/a.jpg")),
    parts(text("What's this?"), {"type": "image_url", "image_url": "https://img.example/a.jpg"}),
    parts(image_url()),  # no text at all
    {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBO"}}]}]},
    {"contents": [{"parts": [{"text": "?"}, {"inlineData": {"mimeType": "image/jpeg", "data": "/9j"}}]}]},
    {"contents": [{"parts": [{"inline_data": {"mime_type": "video/mp4", "data": "AAAA"}}]}]},
    {"model": "gpt-4.1", "input": [{"role": "user", "content": [{"type": "input_image", "image_url": "https://i/x.png"}]}]},
    # in an earlier message and in an assistant/tool message
    {"model": "m", "messages": [{"role": "user", "content": [image_url()]}, {"role": "assistant", "content": "ok"},
                                {"role": "user", "content": "and the colour?"}]},
    {"model": "m", "tools": [TOOL], "messages": [
        {"role": "user", "content": "look"},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "x"}}]}]}]},
]


def long_body(chars, **extra):
    return chat("x" * chars, **extra)


RULE3_LONG = [
    long_body(128_000 * 4 + 4),
    {"model": "m", "messages": [{"role": "user", "content": "a" * 300_000}, {"role": "assistant", "content": "b" * 300_000},
                                {"role": "user", "content": "so?"}]},
    chat("中" * 130_000),  # CJK: ~1 token per character
    {"system": "s" * 600_000, "messages": [{"role": "user", "content": "hi"}], "model": "claude-sonnet-4-6"},
]

RULE4_TOOLS = [
    chat("hi", tools=[TOOL]),
    chat("hi", tools=[TOOL], tool_choice="none"),
    chat("hi", tool_choice="required"),
    chat("hi", tool_choice={"type": "function", "function": {"name": "f"}}),
    chat("hi", functions=[{"name": "f", "parameters": {}}]),
    chat("hi", function_call={"name": "f"}),
    {"model": "claude-sonnet-4-6", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}],
     "tools": [{"name": "t", "input_schema": {"type": "object"}}]},
    {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "hi"}], "tool_choice": {"type": "any"}},
    {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "hi"}],
     "tool_choice": {"type": "tool", "name": "t"}},
    {"contents": [{"parts": [{"text": "hi"}]}], "tools": [{"functionDeclarations": [{"name": "f"}]}]},
    {"contents": [{"parts": [{"text": "hi"}]}], "toolConfig": {"functionCallingConfig": {"mode": "ANY"}}},
    {"contents": [{"parts": [{"text": "hi"}]}], "tool_config": {"function_calling_config": {"mode": "any"}}},
]

RULE5_CODE = [
    "Why is this slow?\n```python\nfor x in xs:\n    pass\n```",
    "fix:\n~~~js\nlet a = 1\n~~~",
    "Fix this:\n```\nint main() {\n  return 0;\n}\n```",
    "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,2 +1,2 @@\n-a\n+b",
    "@@ -10,7 +10,8 @@ def f():\n-    return 1\n+    return 2",
    'Traceback (most recent call last):\n  File "a.py", line 3, in <module>\nValueError: bad',
    "summarize this please\nException in thread \"main\" java.lang.IllegalStateException: x\n\tat a.B.c(B.java:10)",
    "    at Object.<anonymous> (/srv/app/index.js:10:15)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)",
    "panic: runtime error: invalid memory address\n\ngoroutine 1 [running]:",
    "error[E0502]: cannot borrow `x` as mutable",
    "Unhandled exception. System.Exception: boom\n   at Program.Main() in C:\\src\\Program.cs:line 7",
    "undefined method `x' for nil\n  from app/models/user.rb:14:in `name'",
    "src/parser.c:118:9: error: 'token' undeclared",
    "The bug is in src/components/Header.tsx:42, can you look?",
    "What does main.py do when run twice?",
    "$ git push origin main\nerror: failed to push some refs",
    "user@host:~/repo$ make\ncc -c x.c",
    ">>> 1/0\nZeroDivisionError: division by zero",
    "def add(a, b):\n    return a + b\n\nis this right?",
    "import numpy as np\nprint(np.zeros(3))",
    "SELECT id, name FROM users WHERE active = 1",
    "I get TypeError: Cannot read properties of undefined (reading 'map')",
    "Main.java:5: error: ';' expected",
    "make: *** [Makefile:12: all] Error 1",
    "fatal: not a git repository (or any of the parent directories): .git",
    "Run this and tell me why it hangs: curl -X POST https://api.example.com/v1/items -d '{}'",
    "git push --force-with-lease origin main\nis this safe?",
    "Explain `items.filter(x => x.ok)` to me",
    "why does `a == b` behave differently from `a === b`",
    "What does ^\\d{3}-\\d{4}$ match?",
    "fetch(url).then(r => r.json()).then(render)\nhow do I rewrite this with await?",
    "I edited ~/.bashrc and now my prompt is gone",
    "Look at /etc/nginx/nginx.conf, the upstream block is wrong",
    "Our tests/ folder has tests/unit/test_api.py failing",
    "let total = items.reduce((a, b) => a + b, 0);",
    "int main() {\n  return 0;\n}",
    "My program prints Segmentation fault (core dumped) right after reading the file",
]

# Technical prose is not code-shaped: rules 6-9 decide it (here: nothing special -> rule 9)
RULE5_NOT_CODE = [
    "Write a Python function that reverses a string.",
    "How do I reverse a linked list in Java?",
    "What's the difference between let and const in JavaScript?",
    "git rebase or git merge?",
    "My pet python won't eat its mice this week, should I worry?",
    "What does git stash pop do exactly?",
    "How do I install Node.js on Ubuntu?",
    "Is a hash map lookup really constant time?",
    "What's the best way to store passwords in a database?",
    "Write a regex to validate an email address.",
    "Напиши функцию на Python для сортировки.",
    "Pythonでリストを逆順にする方法は？",
    "Escribe una función en JavaScript que elimine duplicados.",
    "Wie funktionieren Closures in JavaScript?",
    "Comment fonctionne le ramasse-miettes de Java ?",
    "Como funciona o async/await em Python?",
    "用Java写一个单例模式",
    "पायथन में लिस्ट को उल्टा कैसे करें?",
    "The 2 + 2 = 4 example in chapter one confused me, why is it there?",
    "let me know = that's all",
]

RULE6_JSON = [
    chat("Who are you?", response_format=SCHEMA),
    chat("Who are you?", response_format={"type": "json_object"}),
    {"contents": [{"parts": [{"text": "List colours"}]}], "generationConfig": {"responseMimeType": "application/json"}},
    {"contents": [{"parts": [{"text": "List colours"}]}], "generation_config": {"response_schema": {"type": "ARRAY"}}},
    {"model": "claude-sonnet-4-6", "messages": [{"role": "user", "content": "capital of Peru?"}],
     "output_format": {"type": "json_schema", "schema": {}}},
    {"model": "gpt-4.1", "input": "capital of Peru?", "text": {"format": {"type": "json_schema", "schema": {}}}},
    chat("Extract all the dates from this email: see you March 3 and April 5."),
    chat("Return a JSON object with fields name and age for: Ann, 31."),
    chat("Convert this CSV to JSON: a,b\n1,2"),
    chat("Extrae los nombres y devuélvelos en formato JSON: Ana y Luis."),
    chat("请从文本中提取所有人名，以JSON格式返回：张伟和李娜。"),
    {"model": "m", "messages": [{"role": "system", "content": "Extract the product and the quantity from the user's "
                                                               "message."},
                                {"role": "user", "content": "I'd like 3 boxes of blue tiles."}]},
]

# Round 4: rule 6 is "a response_format JSON schema / json_object, or extraction language" (README, reference
# §3). An instruction about the form of the answer is neither: these fall to rules 7-9 (README rule notes).
RULE6_FORM_ONLY = [
    chat("Respond only with valid JSON."),
    chat("Please respond in JSON: what are the three primary colours?"),
    chat("Give me three European capitals as a JSON array."),
    {"model": "m", "messages": [{"role": "system", "content": "Always respond with valid JSON matching {\"a\": 1}."},
                                {"role": "user", "content": "hello"}]},
    {"model": "m", "messages": [{"role": "system", "content": "You are a product assistant. Answer in JSON."},
                                {"role": "user", "content": "What's the capital of Australia?"}]},
    {"model": "m", "messages": [{"role": "system", "content": "Réponds toujours au format JSON."},
                                {"role": "user", "content": "Quelle est la capitale du Canada ?"}]},
    {"model": "m", "messages": [{"role": "system", "content": "始终用JSON格式回答。"},
                                {"role": "user", "content": "法国的首都是哪里？"}]},
]

RULE7_REASON = [
    "Think step by step: is 91 prime?",
    "Prove that the square root of 2 is irrational.",
    "Derive the formula for the area of a circle.",
    # round 5: a request to weigh them (a question that only asks what they are is rule 9, README rule notes)
    "Weigh the trade-offs of a four-day work week for a small team.",
    "Compare the pros and cons of renting vs buying.",
    "Plan a 3-day trip to Rome.",
    "Riddle: what has keys but no locks?",
    "I have 3 shirts and 4 pants. How many outfits can I make?",
    "A bat and a ball cost $1.10. The bat costs $1.00 more than the ball. How much is the ball?",
    "Explique pas à pas comment résoudre 2x = 8.",
    "请一步一步推理这个问题。",
    "小明有5个苹果，给了小红2个，现在有多少个？",
]

RULE8_SIMPLE = [
    "Summarize this article: the council met and approved the budget.",
    "TL;DR: long text here",
    "Translate to Spanish: where is the station?",
    "Classify the sentiment of this review: great product!",
    "Rewrite this to sound more formal: gonna be late",
    "Fix the grammar: me and him goes",
    "Reply with exactly PONG.",
    "Résume ce texte : il pleut.",
    "Переведи на английский: привет.",
    "把这句话翻译成英文：你好。",
]

RULE9_BASE = [
    ("What's the capital of Australia?", "gpt-4o", "pro"),
    ("What's the capital of Australia?", "gpt-4o-mini", "flash"),
    ("Write a haiku about rain.", "claude-haiku-4-5", "flash"),
    ("Write a haiku about rain.", "gemini-2.5-pro", "pro"),
    ("Hello!", "di-saver", "flash"),
    ("Hello!", "di-max", "pro"),
    ("Hello!", "", "pro"),
    ("Hello!", "some-future-model-9000", "pro"),
]


@pytest.mark.parametrize("body", RULE1_DOCUMENT)
def test_rule1_document(body):
    assert kind(body) == ("document", 1)


@pytest.mark.parametrize("body", RULE2_IMAGE)
def test_rule2_image(body):
    assert kind(body) == ("vision", 2)


@pytest.mark.parametrize("body", RULE3_LONG)
def test_rule3_long(body):
    c = classify(body)
    assert (c.request_type, c.rule) == ("long", 3)
    assert c.estimated_tokens > 128_000
    assert c.evidence == {"estimated_tokens": c.estimated_tokens, "window": 128_000}


def test_rule3_threshold_is_strict_and_configurable():
    assert kind(long_body(128_000 * 4))[0] != "long"
    assert kind(long_body(128_000 * 4 + 1)) == ("long", 3)
    small = Classifier(ClassifierSettings(long_context_tokens=1000))
    assert small.classify(long_body(4004)).request_type == "long"


@pytest.mark.parametrize("body", RULE4_TOOLS)
def test_rule4_tools(body):
    assert kind(body) == ("code", 4)


def test_rule4_non_forcing_tool_choice_alone_is_not_code():
    for choice in ("auto", "none", {"type": "auto"}, {"type": "none"}):
        assert kind(chat("hi", tool_choice=choice))[1] == 9
    gemini = {"contents": [{"parts": [{"text": "hi"}]}], "toolConfig": {"functionCallingConfig": {"mode": "AUTO"}}}
    assert kind(gemini)[1] == 9


@pytest.mark.parametrize("prompt", RULE5_CODE)
def test_rule5_code_text(prompt):
    assert kind(chat(prompt)) == ("code", 5)


@pytest.mark.parametrize("prompt", RULE5_NOT_CODE)
def test_rule5_reads_shape_not_vocabulary(prompt):
    assert kind(chat(prompt)) == ("pro", 9)


@pytest.mark.parametrize("body", RULE6_JSON)
def test_rule6_json(body):
    assert kind(body) == ("json", 6)


@pytest.mark.parametrize("body", RULE6_FORM_ONLY)
def test_rule6_an_output_format_instruction_alone_is_not_json(body):
    assert kind(body) == ("pro", 9)
    # ... while the same instruction next to extraction language, or a response_format, is
    with_extraction = {**body, "messages": body["messages"] + [
        {"role": "user", "content": "Extract the dates from this email: see you March 3."}]}
    assert kind(with_extraction) == ("json", 6)
    assert kind({**body, "response_format": {"type": "json_object"}}) == ("json", 6)


@pytest.mark.parametrize("prompt", RULE7_REASON)
def test_rule7_reason(prompt):
    assert kind(chat(prompt)) == ("reason", 7)


@pytest.mark.parametrize("prompt", RULE8_SIMPLE)
def test_rule8_simple_is_flash_at_low_effort(prompt):
    for effort in ("auto", "fast", "minimal", "low", "medium"):
        assert kind(chat(prompt), effort) == ("flash", 8)


@pytest.mark.parametrize("prompt", RULE8_SIMPLE)
def test_rule8_simple_is_pro_at_high_effort(prompt):
    for effort in ("high", "xhigh", "max"):
        c = classify(chat(prompt), effort)
        assert (c.request_type, c.rule, c.evidence["effort"]) == ("pro", 8, effort)


@pytest.mark.parametrize("prompt,model,base", RULE9_BASE)
def test_rule9_model_intent(prompt, model, base):
    c = CLASSIFIER.classify(chat(prompt, model=model), intent_model=model)
    assert (c.request_type, c.rule, c.base_type) == (base, 9, base)


def test_rule_names_are_stable():
    assert RULE_NAMES == {1: "document", 2: "image", 3: "long_input", 4: "tools", 5: "code_text",
                          6: "json_output", 7: "reasoning_language", 8: "simple_task", 9: "model_intent"}


# ---------------------------------------------------------------------------------------------------
# Rule order: first match wins, capability beats the name, effort only moves rule 8
# ---------------------------------------------------------------------------------------------------
ORDER = [
    ("pdf + tools -> document", parts(text("check"), {"type": "file", "file": {"file_id": "f"}}, tools=[TOOL]), "document"),
    ("pdf + image -> document", parts(image_url(), image_url(PDF)), "document"),
    ("pdf + mini id -> document", parts(image_url(PDF), model="gpt-4o-mini"), "document"),
    ("image + json schema -> vision", parts(text("fill"), image_url(), response_format=SCHEMA), "vision"),
    ("image + tools -> vision", parts(text("where?"), image_url(), tools=[TOOL]), "vision"),
    ("image + mini id -> vision", parts(text("?"), image_url(), model="gpt-4o-mini"), "vision"),
    ("image + code text -> vision", parts(text("```python\nx = 1\n```"), image_url()), "vision"),
    ("long + tools -> long", chat("y " * 300_000, tools=[TOOL]), "long"),
    ("long + code -> long", chat("x" * 600_000 + "\n```python\nx=1\n```"), "long"),
    ("many images are vision, not long", parts(*[image_url()] * 130), "vision"),
    ("tools + summarize -> code", chat("Summarize my inbox", tools=[TOOL]), "code"),
    ("tools + schema -> code", chat("hi", tools=[TOOL], response_format=SCHEMA), "code"),
    ("code text + schema -> code", chat("```python\nx=1\n```\nreview", response_format=SCHEMA), "code"),
    ("code text + summarize -> code", chat("summarize this:\nTraceback (most recent call last):\n  File \"a.py\", line 1"), "code"),
    ("schema + step by step -> json", chat("Think step by step", response_format=SCHEMA), "json"),
    ("schema + summarize -> json", chat("Summarize: it rained", response_format={"type": "json_object"}), "json"),
    ("extraction + reasoning -> json", chat("Think step by step and extract the dates from this email: see you "
                                            "March 3."), "json"),
    ("json format + reasoning -> reason", chat("Think step by step and return the answer as JSON."), "reason"),
    ("reasoning + translate -> reason", chat("Translate this into French and explain step by step."), "reason"),
    ("json text before code text loses", chat("Return JSON for this:\n```python\nprint(1)\n```"), "code"),
    ("response_format text is not json", chat("Who are you?", response_format={"type": "text"}), "pro"),
]


@pytest.mark.parametrize("name,body,expected", ORDER, ids=[o[0] for o in ORDER])
def test_rule_order(name, body, expected):
    assert classify(body).request_type == expected


@pytest.mark.parametrize("effort", ["auto", "fast", "low", "high", "xhigh", "max"])
def test_effort_changes_nothing_but_rule8(effort):
    assert classify(chat("```python\nx=1\n```"), effort).request_type == "code"
    assert classify(chat("Prove that 2+2=4."), effort).request_type == "reason"
    assert classify(chat("Hello!", model="gpt-4o-mini"), effort).request_type == "flash"
    assert classify(chat("Hello!", model="gpt-5"), effort).request_type == "pro"
    assert classify(chat("hi", response_format=SCHEMA), effort).request_type == "json"


# ---------------------------------------------------------------------------------------------------
# Which text counts
# ---------------------------------------------------------------------------------------------------
# One trigger per text rule. Each must count in the latest user turn and in the system prompt, and must
# not count in an earlier user turn or in an assistant turn, whatever the latest turn says.
TRIGGERS = [
    ("code", 5, "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\nKeyError: 'id'"),
    ("code", 5, "```python\ndef f(x):\n    return x\n```"),
    ("json", 6, "Extract all the dates from this email and return them as JSON: see you March 3."),
    ("reason", 7, "Prove that there are infinitely many primes."),
    ("reason", 7, "I have 3 shirts and 4 pants. How many outfits can I make?"),
    ("flash", 8, "Summarize this: the council met and approved the budget."),
    ("flash", 8, "Переведи на английский: привет."),
]
HARMLESS = ["Thanks, that fixed it!", "What should I cook tonight?", "谢谢！", "धन्यवाद, अब सब ठीक है।"]


def convo(*turns, system=None, model="gpt-4o"):
    msgs = [{"role": "system", "content": system}] if system else []
    for role, content in turns:
        msgs.append({"role": role, "content": content})
    return {"model": model, "messages": msgs}


@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_text_rules_read_the_latest_user_turn(rtype, rule, trigger):
    body = convo(("user", "Hello"), ("assistant", "Hi, how can I help?"), ("user", trigger))
    c = classify(body)
    assert (c.request_type, c.rule, c.evidence["role"], c.evidence["message"]) == (rtype, rule, "user", 2)


@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_text_rules_read_the_system_prompt(rtype, rule, trigger):
    c = classify(convo(("user", "Hello"), system=trigger))
    assert (c.request_type, c.rule, c.evidence["role"]) == (rtype, rule, "system")


@pytest.mark.parametrize("harmless", HARMLESS)
@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_an_earlier_user_turn_never_counts(rtype, rule, trigger, harmless):
    body = convo(("user", trigger), ("assistant", "Done."), ("user", harmless))
    assert kind(body) == ("pro", 9)
    longer = convo(("user", trigger), ("assistant", "Done."), ("user", "ok"), ("assistant", "Anything else?"),
                   ("user", harmless))
    assert kind(longer) == ("pro", 9)


@pytest.mark.parametrize("harmless", HARMLESS)
@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_an_assistant_turn_never_counts(rtype, rule, trigger, harmless):
    body = convo(("user", "Can you help me?"), ("assistant", trigger), ("user", harmless))
    assert kind(body) == ("pro", 9)
    parts_answer = convo(("user", "Can you help me?"), ("assistant", [text(trigger)]), ("user", harmless))
    assert kind(parts_answer) == ("pro", 9)


@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_assistant_prefill_after_the_latest_user_turn_never_counts(rtype, rule, trigger):
    body = convo(("user", "What should I cook tonight?"), ("assistant", trigger))
    assert kind(body) == ("pro", 9)


@pytest.mark.parametrize("rtype,rule,trigger", TRIGGERS)
def test_tool_results_and_reasoning_text_never_count(rtype, rule, trigger):
    anthropic = {"model": "claude-sonnet-4-6", "messages": [
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": trigger},
                                     {"type": "text", "text": "What should I cook tonight?"}]},
        {"role": "assistant", "content": [{"type": "thinking", "thinking": trigger}, text("Pasta.")]},
        {"role": "user", "content": "And for dessert?"}]}
    assert kind(anthropic) == ("pro", 9)
    gemini = {"contents": [{"role": "user", "parts": [{"text": "Hello"}]},
                           {"role": "model", "parts": [{"text": trigger, "thought": True}, {"text": "Hi"}]},
                           {"role": "user", "parts": [{"text": "What should I cook tonight?"}]}]}
    assert CLASSIFIER.classify(gemini, intent_model="gemini-2.5-pro").request_type == "pro"


def test_the_scope_module_is_the_only_reader_of_turns():
    from di_plugins.classifier.scope import task_of
    from di_plugins.classifier.view import RequestView

    body = convo(("user", "first"), ("assistant", "answer"), ("user", [text("latest"), text("part two")]),
                 ("assistant", "prefill"), system="be brief")
    body["messages"].insert(1, {"role": "developer", "content": "and kind"})
    task = task_of(RequestView.of(body))
    assert (task.user, task.user_where, task.system, task.system_where) == ("latest\npart two", 4,
                                                                            "be brief\nand kind", 0)
    assert not hasattr(RequestView.of(body), "users")  # earlier user turns are not even kept


@pytest.mark.parametrize("system,expected", [
    ("Extract the names and the dates from the user's message.", "json"),
    ("Always respond with valid JSON.", "pro"),  # the form of the answer only (round 4)
    ("Think step by step before answering.", "reason"),
    ("Translate the user's text into German.", "flash"),
    ("```python\nprint('example')\n```", "code"),
    ("You are a helpful assistant who can write Python code and SQL.", "pro"),  # coding words: user turns only
])
def test_system_prompt_counts(system, expected):
    body = {"model": "gpt-4o", "messages": [{"role": "system", "content": system}, {"role": "user", "content": "Hello there"}]}
    assert classify(body).request_type == expected


def test_anthropic_and_gemini_system_prompts_count():
    anthropic = {"model": "claude-sonnet-4-6", "system": [{"type": "text", "text": "Extract the order number from the user's message."}],
                 "messages": [{"role": "user", "content": "hi"}]}
    gemini = {"systemInstruction": {"parts": [{"text": "Think step by step."}]}, "contents": [{"parts": [{"text": "hi"}]}]}
    developer = {"model": "o3", "messages": [{"role": "developer", "content": "Summarize the user's text."},
                                             {"role": "user", "content": "It rained."}]}
    assert classify(anthropic).request_type == "json"
    assert classify(gemini).request_type == "reason"
    assert classify(developer).request_type == "flash"


def test_latest_user_turn_skips_tool_result_only_turns():
    body = {"model": "claude-sonnet-4-6", "messages": [
        {"role": "user", "content": "Summarize the weather report."},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t", "name": "w", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t", "content": "sunny"}]}]}
    c = classify(body)
    assert (c.request_type, c.rule, c.evidence["message"]) == ("flash", 8, 0)


def test_simple_task_must_be_near_the_edges_of_a_long_message():
    middle = "filler words here. " * 100 + "I might summarize this later. " + "more filler text. " * 100
    assert classify(chat(middle)).request_type == "pro"
    assert classify(chat("Summarize:\n" + middle)).request_type == "flash"
    assert classify(chat(middle + "\nSummarize the above.")).request_type == "flash"


def test_code_deep_inside_a_long_paste_is_found():
    body = chat("log line\n" * 3000 + 'Traceback (most recent call last):\n  File "x.py", line 1\n' + "more\n" * 3000)
    assert kind(body) == ("code", 5)


NEAR_MISSES = [
    "What are the first steps after a minor car accident?",
    "I stepped on a nail, do I need a tetanus shot?",
    "My phone plan is too expensive, what are alternatives?",
    "I plan to visit Lisbon in May. What's the weather like?",
    "We'll plan the wedding next year; what flowers bloom in June?",
    "The new policy proved unpopular. Why do people resist change?",
    "I need proof of address for my bank, what counts?",
    "Tell me about Jason and the Argonauts.",
    "How many people live in Tokyo?",
    "I have 2 kids. How much does Disneyland cost?",
    "How does this translate into sales for a small shop?",
    "What's the summary judgment procedure in US courts?",
    "How much vanilla extract goes in cookies?",
    "I had a tooth extraction yesterday, what can I eat?",
    "Tell me about the history of Monty Python.",
    "My code word with the kids is 'pineapple'. Good idea?",
    "What's the dress code for a black-tie wedding?",
    "Can you improve my morning routine?",
]


@pytest.mark.parametrize("prompt", NEAR_MISSES)
def test_near_misses_stay_general_chat(prompt):
    assert kind(chat(prompt)) == ("pro", 9)


# ---------------------------------------------------------------------------------------------------
# Estimate, evidence, explain
# ---------------------------------------------------------------------------------------------------
def test_estimate_counts_text_images_documents_and_tools():
    assert classify(chat("abcd" * 100)).estimated_tokens == 100
    assert classify(chat("中文" * 50)).estimated_tokens == 100
    assert classify(parts(text("abcd"), image_url())).estimated_tokens == 1001
    assert classify(parts(text("abcd"), image_url(PDF))).estimated_tokens == 3001
    base64_is_not_text = parts(image_url("data:image/png;base64," + "A" * 400_000))
    assert classify(base64_is_not_text).estimated_tokens == 1000
    with_tools = classify(chat("abcd", tools=[TOOL])).estimated_tokens
    assert with_tools > 1 + 10
    custom = Classifier(ClassifierSettings(image_tokens=10, document_tokens=20, chars_per_token=2))
    assert custom.classify(parts(text("abcd"), image_url(), image_url(PDF))).estimated_tokens == 32


def test_evidence_names_message_pattern_and_match():
    c = classify({"model": "m", "messages": [{"role": "system", "content": "Be nice."},
                                             {"role": "user", "content": "Prove that 1 > 0."}]})
    assert c.evidence["message"] == 1 and c.evidence["role"] == "user"
    assert c.evidence["match"] == "prove that"
    assert c.evidence["list"].startswith("patterns.reason[")
    doc = classify(parts(text("x"), image_url(PDF)))
    assert doc.evidence == {"message": 0, "part": 1, "kind": "image_url", "count": 1}


def test_explain_shape():
    out = explain_request(chat("Translate to French: hi", model="gpt-5@high"))
    assert out == {
        "request_type": "pro",
        "rule": {"number": 8, "name": "simple_task"},
        "evidence": out["evidence"],
        "base_type": "pro",
        "base_pattern": None,
        "effort": {"level": "high", "source": "model_suffix"},
        "estimated_input_tokens": out["estimated_input_tokens"],
        "model": "gpt-5@high",
    }
    assert out["evidence"]["match"].startswith("translate")
    mini = explain_request(chat("hello", model="gpt-4o-mini"), headers={"X-DI-Effort": "low"})
    assert mini["base_type"] == "flash" and mini["base_pattern"] and mini["effort"] == {"level": "low", "source": "header"}
    empty = explain(RequestContext())
    assert empty["request_type"] is None and empty["effort"] == {"level": "auto", "source": "default"}


def test_plugin_hooks_set_intent_and_use_ctx_effort():
    plugin = ClassificationPlugin()
    ctx = RequestContext(caller_model="gpt-4o-mini:high")
    ctx.effort = plugin.di_effort(chat("Summarize: x"), ctx)
    assert ctx.intent_model == "gpt-4o-mini" and ctx.effort == Effort("high", "model_suffix")
    c = plugin.di_classify(chat("Summarize: x"), ctx)
    assert (c.request_type, c.base_type) == ("pro", "flash")
    # a site plugin answered di_effort: intent is still derived without the suffix
    ctx2 = RequestContext(caller_model="gpt-5:fast", intent_model="gpt-5:fast")
    assert plugin.di_classify(chat("hello"), ctx2).base_type == "pro"


def test_cached_system_prompt_results_are_consistent():
    plugin = ClassificationPlugin()
    system = {"role": "system", "content": "Extract the order number and the date from each message."}
    for _ in range(3):
        ctx = RequestContext(caller_model="gpt-4o")
        body = {"model": "gpt-4o", "messages": [system, {"role": "user", "content": "hi"}]}
        ctx.effort = plugin.di_effort(body, ctx)
        assert plugin.di_classify(body, ctx).request_type == "json"
        body2 = {"model": "gpt-4o", "messages": [system, {"role": "user", "content": "```python\nx=1\n```"}]}
        assert plugin.di_classify(body2, ctx).request_type == "code"


# ---------------------------------------------------------------------------------------------------
# Odd input never raises
# ---------------------------------------------------------------------------------------------------
ODD = [
    None, [], "hello", 42, {}, {"messages": None}, {"messages": []}, {"messages": "hi"}, {"messages": [None, 1, "x"]},
    {"messages": [{"role": "user", "content": None}]}, {"messages": [{"role": "user"}]},
    {"messages": [{"role": "user", "content": []}]}, {"messages": [{"role": "user", "content": [None, 3, []]}]},
    {"messages": [{"role": "user", "content": [{"type": "mystery", "data": 1}]}]},
    {"messages": [{"role": "user", "content": [{"type": "text", "text": None}]}]},
    {"messages": [{"role": "user", "content": [{"type": "image_url"}]}]},
    {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": None}]}]},
    {"messages": [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": 5}}]}]},
    {"messages": [{"role": "user", "content": {"weird": True}}]},
    {"messages": [{"role": 5, "content": "x"}], "model": 7},
    {"messages": [{"role": "user", "content": "\ud800\udfff broken surrogates \ud800"}]},
    {"messages": [{"role": "assistant", "tool_calls": [None, {"function": None}, {"function": {"arguments": {"a": {1, 2}}}}]}]},
    {"tools": "not a list", "tool_choice": 5, "response_format": "json", "functions": {}},
    {"tools": [None, 1, {"functionDeclarations": None}]},
    {"contents": None}, {"contents": "hi"}, {"contents": [{"parts": None}]}, {"contents": [{"parts": [{"inlineData": 1}]}]},
    {"system": 5, "messages": [{"role": "user", "content": "x"}]}, {"system": [None, {"type": "text"}]},
    {"input": None}, {"input": [1, None, {"type": "function_call", "arguments": object()}]},
    {"generationConfig": "x", "toolConfig": [], "output_format": 1, "text": "x"},
    {"messages": [{"role": "user", "content": "x" * 2_000_000}]},
    {"messages": [{"role": "user", "content": "```\n" * 50_000}]},
    {"messages": [{"role": "user", "content": [{"type": "text", "text": "a"}] * 5000}]},
    {"messages": [{"role": "user", "content": [{"type": "tool_result", "content": [{"type": "tool_result", "content": [
        {"type": "tool_result", "content": [{"type": "image_url", "image_url": {"url": PNG}}]}]}]}]}]},
]


@pytest.mark.parametrize("body", ODD, ids=range(len(ODD)))
def test_odd_input_never_raises(body):
    plugin = ClassificationPlugin()
    ctx = RequestContext(caller_model="gpt-4o")
    ctx.effort = plugin.di_effort(body, ctx)
    c = plugin.di_classify(body, ctx)
    assert c.request_type in {"document", "vision", "long", "code", "json", "reason", "flash", "pro"}
    assert 1 <= c.rule <= 9


def test_nothing_to_go_on_is_rule9_with_the_base_type():
    assert kind({}) == ("pro", 9)
    assert CLASSIFIER.classify({"messages": []}, intent_model="gpt-4o-mini").request_type == "flash"


def test_internal_failure_falls_back_to_rule9(monkeypatch):
    c = Classifier()
    monkeypatch.setattr(c, "_classify", lambda *a: 1 / 0)
    out = c.classify(chat("hi", model="claude-haiku-4-5"))
    assert (out.request_type, out.rule, out.evidence) == ("flash", 9, {"fallback": "ZeroDivisionError"})


PATHOLOGICAL = [
    chat(" ".join(str(i) for i in range(20000)) + " how many?"),
    chat("12 34 how many " * 4000),
    chat("```\n" * 16000),
    chat("a." * 60000),
    chat("\n    at " + ("x" * 300 + "\n    at ") * 200),
    chat(":1:2:" * 20000),
    chat("/abc" * 30000),
    chat("\n$ " * 30000),
    chat("provide " + ("x" * 45 + " provide ") * 3000),
    chat("中a" * 60000),
    chat("`" + "a(" * 30000),
    chat("compare " + "x and " * 20000),
    chat("कितने " * 20000),
]


@pytest.mark.parametrize("body", PATHOLOGICAL, ids=range(len(PATHOLOGICAL)))
def test_pathological_text_is_classified_by_the_rules(body):
    """Decided by a rule, not by the fallback (their cost is measured by ``bench/classify.py``)."""
    c = classify(body)
    assert "fallback" not in c.evidence and 3 <= c.rule <= 9


def test_system_prompt_tail_counts_and_is_part_of_the_cache_key():
    head = "You are the support assistant of Acme. Be kind and precise. " * 60  # ~3.6 KB
    c = Classifier()
    json_tail = {"model": "m", "messages": [{"role": "system", "content": head + "\nExtract the order number from the customer's message."},
                                            {"role": "user", "content": "My order is late."}]}
    plain_tail = {"model": "m", "messages": [{"role": "system", "content": head + "\nSign off with 'Cheers'."},
                                             {"role": "user", "content": "My order is late."}]}
    for _ in range(2):  # second round served from the cache
        assert c.classify(json_tail).request_type == "json"
        assert c.classify(plain_tail).request_type == "pro"


def test_a_conversation_goes_back_to_general_chat_after_code():
    c = Classifier()
    system = {"role": "system", "content": "You are a friendly assistant."}
    paste = "word " * 1000 + "\n```python\nx = 1\n```"
    turns = [system, {"role": "user", "content": paste}]
    assert c.classify({"model": "m", "messages": turns}).request_type == "code"
    for follow_up in ("thanks! what's for dinner?", "and tomorrow?", "Summarize our chat in one line."):
        turns += [{"role": "assistant", "content": "```python\nprint('ok')\n```"},
                  {"role": "user", "content": follow_up}]
        expected = "flash" if follow_up.startswith("Summarize") else "pro"
        assert c.classify({"model": "m", "messages": turns}).request_type == expected
