"""Tokenisation for the phrase lexicons (CJK, Devanagari, Latin-1), pattern compilation helpers, and the
word-problem quantity test."""

from __future__ import annotations

import re

import pytest

from di_plugins.classifier.patterns import expand_leading_group
from di_plugins.classifier.settings import ClassifierSettings
from di_plugins.classifier.tokens import blank_cjk, is_cjk_pattern, normalize, script_aware
from di_plugins.classifier.wordproblem import WordProblems


@pytest.mark.parametrize("text", [
    "Summarize THIS (please)", "¿Cuántas MANZANAS «hay»?", "Ünïcödé “quote” — x", "Привет, «Мир»!",
    "请把这句话翻译成英文：你好。", "इस पाठ का सारांश लिखें। धन्यवाद", "İstanbul", "let’s think", "",
])
def test_normalize_keeps_positions_and_lowers(text):
    norm = normalize(text)
    assert norm[0] == " " and len(norm) == len(text) + 1
    assert all(a == b or b == " " or a.lower() == b or (a, b) in (("’", "'"), ("İ", "İ")) for a, b in zip(text, norm[1:], strict=True))


def test_normalize_makes_every_word_start_follow_a_space():
    assert normalize("¿Cuántas?") == "  cuántas?"
    assert normalize("«Résume» ce texte") == "  résume  ce texte"
    assert normalize("(translate)") == "  translate "
    assert normalize("दो।तीन") == " दो तीन"
    assert normalize("翻译：你好") == " 翻译 你好"
    assert normalize("6:40, 1,200 and let’s") == " 6:40, 1,200 and let's"  # token-inner punctuation stays


def test_blank_cjk_leaves_one_word_start_after_a_run():
    norm = normalize("Pythonでリストを逆順")
    blanked = blank_cjk(norm)
    assert len(blanked) == len(norm) and blanked.startswith(" python")
    assert blanked.count(" ") == 2 and "\x00" in blanked
    assert blank_cjk(normalize("中文python")).endswith(" python")


def test_cjk_patterns_are_recognised():
    assert is_cjk_pattern("翻译成") and is_cjk_pattern("json形式") and is_cjk_pattern("번역")
    assert not is_cjk_pattern("translate") and not is_cjk_pattern("अनुवाद") and not is_cjk_pattern("переведи")


def test_devanagari_word_boundaries():
    # \w does not match vowel signs, so a plain \b finds a "boundary" inside कितने
    assert re.search(r"कितन\b", "कितने") is not None
    assert re.search(script_aware(r"कितन\b"), "कितने") is None
    assert re.search(script_aware(r"कितने\b"), "कितने सेब") is not None
    assert re.fullmatch(script_aware(r"क[\w]+"), "कितने") is not None
    assert script_aware(r"step\b") == r"step\b"  # only Indic phrases are rewritten
    assert script_aware(r"[\b]दो") == r"[\b]दो"  # a class stays a class


@pytest.mark.parametrize("alt,expanded", [
    ("(?:me )?ajuda", ["me ajuda", "ajuda"]),
    ("(?:at )?what time", ["at what time", "what time"]),
    ("(?:a|b)?c", ["ac", "bc", "c"]),
    ("(?:a)??c", ["(?:a)??c"]),
    ("(?:a)?", ["(?:a)?"]),
])
def test_optional_leading_groups_are_expanded(alt, expanded):
    assert expand_leading_group(alt) == expanded


def _accept(problems: WordProblems, text: str, cue: str) -> bool:
    start = text.lower().index(cue)
    return problems.checker(text, normalize(text))(start, start + len(cue))


@pytest.mark.parametrize("text,cue,expected", [
    ("I have 3 shirts and 4 pants. How many outfits?", "how many", True),
    ("I have 2 kids. How much is Disneyland?", "how much", False),
    ("How many people live in Tokyo?", "how many", False),
    ("Three friends and four cousins came. How many guests?", "how many", True),
    ("How much does Ann pay if she buys 3 pens at $2 each?", "how much", True),
    ("How much is a week in Paris for 2 adults and 3 kids?", "how much", False),
    ("How long does it take? It is 3 km. I walk 5 km/h.", "how long", False),  # the data is in the next sentence
    ("小明有5个苹果，给了小红2个，现在有几个？", "几", True),
    ("राम के पास पाँच सेब और तीन आम हैं। कुल कितने फल हैं?", "कितने", True),
    ("My flight lands at 6:40. How long to the city?", "how long", False),
])
def test_word_problem_quantities(text, cue, expected):
    problems = ClassifierSettings().word_problems
    assert _accept(problems, text, cue) is expected


def test_word_problem_threshold_and_window_are_settings():
    text = "Tom has 12 apples. How many are left?"
    assert _accept(WordProblems([r"\d+"], [], numbers=1), text, "how many")
    assert not _accept(WordProblems([r"\d+"], [], numbers=2), text, "how many")
    assert not _accept(WordProblems([r"\d+"], [], numbers=1, before=5), text, "how many")
