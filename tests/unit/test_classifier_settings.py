"""``di.classifier`` validation, overrides of the pattern data, model intent patterns, pattern compilation."""

from __future__ import annotations

import re

import pytest

from di_plugins.classifier import Classifier, ClassifierSettings
from di_plugins.classifier.defaults import DEFAULT_PATTERNS
from di_plugins.classifier.patterns import expand_leading_group, group_alternatives, split_top_level
from di_plugins.errors import ConfigError


def chat(text, model="gpt-4o"):
    return {"model": model, "messages": [{"role": "user", "content": text}]}


def test_defaults():
    s = ClassifierSettings.from_mapping(None)
    assert s == ClassifierSettings.from_mapping({}) == ClassifierSettings()
    assert (s.long_context_tokens, s.chars_per_token, s.image_tokens, s.document_tokens) == (128_000, 4.0, 1000, 3000)
    assert s.default_base_type == "pro" and s.simple_pro_efforts == ("high", "xhigh", "max")


BAD = [
    ({"long_context_tokens": "128k"}, "di.classifier.long_context_tokens: expected integer, got string"),
    ({"long_context_tokens": True}, "di.classifier.long_context_tokens: expected integer, got boolean"),
    ({"long_context_tokens": 0}, "di.classifier.long_context_tokens: must be at least 1"),
    ({"chars_per_token": "4"}, "di.classifier.chars_per_token: expected number, got string"),
    ({"chars_per_token": 0}, "di.classifier.chars_per_token: must be greater than 0"),
    ({"image_tokens": -1}, "di.classifier.image_tokens: must be at least 0"),
    ({"document_tokens": 1.5}, "di.classifier.document_tokens: expected integer, got number"),
    ({"default_base_type": "vision"}, "di.classifier.default_base_type: expected one of flash, pro"),
    ({"default_base_type": 1}, "di.classifier.default_base_type: expected string, got integer"),
    ({"simple_pro_efforts": "high"}, "di.classifier.simple_pro_efforts: expected list of effort levels, got string"),
    ({"simple_pro_efforts": ["high", "huge"]}, "di.classifier.simple_pro_efforts[1]: expected one of auto"),
    ({"colour": "blue"}, "di.classifier.colour: unknown key"),
    ({"patterns": {"poetry": []}}, "di.classifier.patterns.poetry: unknown key"),
    ({"patterns": []}, "di.classifier.patterns: expected mapping, got list"),
    ({"patterns": {"reason": "step by step"}}, "di.classifier.patterns.reason: expected list of regular expressions"),
    ({"patterns": {"reason": ["ok", 3]}}, "di.classifier.patterns.reason[1]: expected string, got integer"),
    ({"patterns": {"reason": ["(unclosed"]}}, "di.classifier.patterns.reason[0]: invalid regular expression"),
    ({"patterns": {"reason": [""]}}, "di.classifier.patterns.reason[0]: empty pattern"),
    ({"extra_patterns": {"simple": ["Summarize"]}}, "di.classifier.extra_patterns.simple[0]: phrases are matched"),
    ({"model_patterns": {"vision": []}}, "di.classifier.model_patterns.vision: unknown key"),
    ({"extra_model_patterns": {"flash": ["[a-"]}}, "di.classifier.extra_model_patterns.flash[0]: invalid regular"),
    ({"scan": {"user_head_chars": "lots"}}, "di.classifier.scan.user_head_chars: expected integer, got string"),
    ({"scan": {"page_size": 3}}, "di.classifier.scan.page_size: unknown key"),
    ({"thinking_budget_levels": []}, "di.classifier.thinking_budget_levels: expected non-empty list"),
    ({"thinking_budget_levels": [[10, "low"], [5, "high"]]}, "di.classifier.thinking_budget_levels[1]: bounds must increase"),
    ({"thinking_budget_levels": [[None, "low"], [5, "high"]]}, "thinking_budget_levels[0]: only the last pair"),
    ({"thinking_budget_levels": [[10, "wild"]]}, "di.classifier.thinking_budget_levels[0]: expected an effort level"),
    ({"thinking_budget_levels": [10]}, "di.classifier.thinking_budget_levels[0]: expected [max_budget, level] pair"),
    ("yes", "di.classifier: expected mapping, got string"),
]


@pytest.mark.parametrize("mapping,message", BAD)
def test_invalid_settings_name_the_field(mapping, message):
    with pytest.raises(ConfigError) as info:
        ClassifierSettings.from_mapping(mapping)
    assert message in str(info.value)


def test_path_prefix_is_used():
    with pytest.raises(ConfigError, match=r"^x\.y\.image_tokens: "):
        ClassifierSettings.from_mapping({"image_tokens": "a"}, path="x.y")


def test_patterns_can_be_replaced_and_extended():
    s = ClassifierSettings.from_mapping({
        "patterns": {"reason": ["ponder deeply"]},
        "extra_patterns": {"simple": ["résume ce texte"], "code_line": [r"BEGIN TRANSACTION"]},
        "long_context_tokens": 1000,
    })
    c = Classifier(s)
    assert c.classify(chat("Please ponder deeply about life.")).request_type == "reason"
    assert c.classify(chat("Think step by step about life.")).request_type == "pro"  # default list replaced
    assert c.classify(chat("Résume ce texte stp")).request_type == "flash"
    assert c.classify(chat("x\nBEGIN TRANSACTION;")).request_type == "code"
    assert c.classify(chat("x" * 4004)).request_type == "long"
    assert s.patterns["simple"][: len(DEFAULT_PATTERNS["simple"])] == DEFAULT_PATTERNS["simple"]


def test_model_patterns_can_be_replaced_and_extended():
    s = ClassifierSettings.from_mapping({"extra_model_patterns": {"flash": ["^acme-cheap"], "pro": ["^acme-mini-pro"]},
                                         "default_base_type": "flash"})
    c = Classifier(s)
    assert c.base_type("acme-cheap-2") == ("flash", "^acme-cheap")
    assert c.base_type("acme-mini-pro") == ("pro", "^acme-mini-pro")  # pro patterns are tried first
    assert c.base_type("unknown-model") == ("flash", None)
    only = Classifier(ClassifierSettings.from_mapping({"model_patterns": {"flash": ["cheap"]}}))
    assert only.base_type("gpt-4o-mini")[0] == "pro" and only.base_type("cheap-1")[0] == "flash"


def test_simple_pro_efforts_and_word_problem_numbers_are_settings():
    c = Classifier(ClassifierSettings.from_mapping({"simple_pro_efforts": ["medium"], "word_problem_numbers": 1}))
    assert c.classify(chat("Summarize: rain."), effort="medium").request_type == "pro"
    assert c.classify(chat("Summarize: rain."), effort="high").request_type == "flash"
    assert c.classify(chat("I have 2 kids. How much is Disneyland?")).request_type == "reason"


def test_scan_windows_are_settings():
    text = "word " * 200 + "Summarize this."
    assert Classifier().classify(chat(text)).request_type == "flash"
    narrow = Classifier(ClassifierSettings.from_mapping({"scan": {"simple_tail_chars": 5}}))
    assert narrow.classify(chat(text)).request_type == "pro"
    problem = "Tom has 12 apples and eats 5." + " He likes apples." * 10 + " How many are left?"
    assert Classifier().classify(chat(problem)).request_type == "reason"
    short = Classifier(ClassifierSettings.from_mapping({"scan": {"word_problem_before_chars": 100}}))
    assert short.classify(chat(problem)).request_type == "pro"


def test_earlier_turns_cannot_be_configured_back_in():
    """The documented scope (latest user turn + system prompt) is not a setting; the old keys are errors."""
    for key in ("history_turns", "history_chars", "history_phrase_chars"):
        with pytest.raises(ConfigError, match=rf"di\.classifier\.scan\.{key}: unknown key"):
            ClassifierSettings.from_mapping({"scan": {key: 1}})


def test_lexicon_lists_are_settings():
    s = ClassifierSettings.from_mapping({"patterns": {"quantity": [r"\d+"], "given": []},
                                         "extra_patterns": {"word_problem": ["combien de temps"]}})
    c = Classifier(s)
    # number words no longer count, and nothing after the question counts without "given" markers
    assert c.classify(chat("Three cats and four dogs. How many pets?")).request_type == "pro"
    assert c.classify(chat("3 cats and 4 dogs. How many pets?")).request_type == "reason"
    assert c.classify(chat("How much does Ann pay if she buys 3 pens at 2 dollars each?")).request_type == "pro"
    assert Classifier().classify(chat("How much does Ann pay if she buys 3 pens at 2 dollars each?")).request_type \
        == "reason"
    with pytest.raises(ConfigError, match=r"patterns\.given\[0\]: phrases are matched"):
        ClassifierSettings.from_mapping({"patterns": {"given": ["IF"]}})


def test_site_code_phrases_are_possible_but_off_by_default():
    assert DEFAULT_PATTERNS["code"] == ()
    c = Classifier(ClassifierSettings.from_mapping({"extra_patterns": {"code": [r"kubernetes operator"]}}))
    assert c.classify(chat("Help me write a Kubernetes operator")).request_type == "code"
    system = {"model": "m", "messages": [{"role": "system", "content": "You write Kubernetes operators."},
                                         {"role": "user", "content": "hello"}]}
    assert c.classify(system).request_type == "pro"  # site coding phrases count in the user turn only


MODEL_INTENT = [
    ("gpt-4o-mini", "flash"), ("gpt-5-nano", "flash"), ("o4-mini", "flash"), ("claude-3-5-haiku-20241022", "flash"),
    ("claude-haiku-4-5", "flash"), ("gemini-2.5-flash", "flash"), ("gemini-2.0-flash-lite", "flash"),
    ("gpt-3.5-turbo", "flash"), ("gpt-35-turbo", "flash"), ("mistral-small-latest", "flash"), ("llama3:8b", "flash"),
    ("qwen2.5-7b-instruct", "flash"), ("qwen2.5:0.5b", "flash"), ("llama-3.1-8b-instant", "flash"), ("di-saver", "flash"),
    ("di-fast", "flash"), ("qwen-turbo", "flash"), ("ministral-8b-latest", "flash"), ("grok-3-mini", "flash"),
    ("GPT-4O-MINI", "flash"), ("anthropic.claude-3-haiku-20240307-v1:0", "flash"), ("glm-4.5-air", "flash"),
    ("gpt-4o", "pro"), ("gpt-4-turbo", "pro"), ("gpt-5", "pro"), ("o3", "pro"), ("claude-sonnet-4-6", "pro"),
    ("gemini-2.5-pro", "pro"), ("gemini-3-pro-preview", "pro"), ("di", "pro"), ("di-max", "pro"), ("di-fusion", "pro"),
    ("llama-3.3-70b-instruct", "pro"), ("mixtral-8x7b", "pro"), ("qwen-max", "pro"), ("deepseek-reasoner", "pro"),
    ("minimax-m1", "pro"), ("elite-model", "pro"), ("ft:gpt-4o:acme:x", "pro"), ("", "pro"), ("totally-new-2030", "pro"),
    # "gemini" contains "mini": only whole tokens of the id count
    ("gemini-1.5-pro", "pro"), ("gemini-1.5-pro-002", "pro"), ("gemini-2.5-pro-preview-06-05", "pro"),
    ("gemini-pro", "pro"), ("models/gemini-2.5-pro", "pro"), ("vertex_ai/gemini-2.5-pro", "pro"),
    ("gemini/gemini-3-pro-preview", "pro"), ("gemini-exp-1206", "pro"), ("gemini-ultra", "pro"),
    ("gemini-1.5-flash", "flash"), ("gemini-1.5-flash-8b", "flash"), ("gemini-2.5-flash-lite", "flash"),
    ("gemini-flash-latest", "flash"), ("models/gemini-2.0-flash-001", "flash"), ("gemini/gemini-2.5-flash", "flash"),
    ("gemini-2.0-flash-thinking-exp", "flash"), ("gemini-nano", "flash"), ("GEMINI-2.5-FLASH", "flash"),
]


@pytest.mark.parametrize("model,base", MODEL_INTENT)
def test_model_intent(model, base):
    assert Classifier().base_type(model)[0] == base


def test_base_pattern_is_reported():
    c = Classifier()
    assert c.base_type("di-max") == ("pro", "^di-max$")
    assert c.base_type("gpt-4o") == ("pro", None)
    assert c.base_type("gpt-4o-mini")[1] is not None


# ---------------------------------------------------------------------------------------------------
# Pattern compilation helpers
# ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("pattern,parts", [
    ("a|b", ["a", "b"]), ("(?:a|b)c|d", ["(?:a|b)c", "d"]), (r"a\|b|c", [r"a\|b", "c"]), ("[|]|x", ["[|]", "x"]),
    ("[]|]|y", ["[]|]", "y"]), ("abc", ["abc"]),
])
def test_split_top_level(pattern, parts):
    assert split_top_level(pattern) == parts


@pytest.mark.parametrize("alt,expanded", [
    ("(?:a|b)c", ["ac", "bc"]), ("(?:a|(?:b|c)d)e", ["ae", "bde", "cde"]), ("(?:a|b)*c", ["(?:a|b)*c"]),
    ("(a|b)c", ["(a|b)c"]), ("abc", ["abc"]),
])
def test_expand_leading_group(alt, expanded):
    assert expand_leading_group(alt) == expanded


def test_grouped_alternation_matches_like_the_plain_one():
    alts = ["step by step", "summari[sz]e", "solve (?:for|the)", "prove that", r"\d+ apples", "sum up", "s"]
    grouped = re.compile(group_alternatives(alts))
    plain = re.compile("|".join(f"(?:{a})" for a in alts))
    for text in ["step by step", "summarise", "solve for x", "prove that", "12 apples", "sum up", "sx", "zzz"]:
        assert bool(grouped.match(text)) == bool(plain.match(text)), text


def test_all_default_patterns_compile_and_phrases_are_lower_case():
    for kind, patterns in DEFAULT_PATTERNS.items():
        for p in patterns:
            re.compile(p)
            if kind not in ("code_line", "code_inline"):
                assert not any(ch.isupper() for ch in re.sub(r"\\.", "", p)), (kind, p)
