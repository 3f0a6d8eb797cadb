"""Issue 13, seventh round: the miss classes of held-out batch 5, in the nine languages and Hinglish, with
near-misses.

The classes were reported by description only (the held-out items stay unseen); ``DEV_I13R6`` of
``tests/data/make_corpus.py`` (batch ``b9-dev-i13r6``) was written from them. Here each class is pinned with
sentences that are not in that batch:

1. rule 8 tasks that assign a category, a label, a tag, a priority or a sentiment to given items ("triage these
   tickets", "ordne ... einer Kategorie zu", "给评论打标签", "category mein daalo", "भावना बताइए"), also as the
   latest turn of a chat and at effort high (then ``pro``); questions *about* categories stay general chat;
2. word problems in romanised Hindi (profit, discount, GST, interest with their numbers) and the rate of a profit
   or discount asked for in every language; a shopping question with one number stays general chat;
3. logic puzzles in romanised Hindi (names, "alag alag", "se nahi hai", "na ... na", "se lambi", "batao kaun");
4. extraction of action items / next steps with their owners or deadlines, from a text pasted in an earlier turn.

Every request goes to ``gpt-4o`` unless said otherwise, so ``pro`` means "rule 9, nothing special".
"""

from __future__ import annotations

import pytest

from .classifier_chats import after_exchange, chat, classify

TALK = ("Hi! Can I ask you something?", "Of course - what do you need?")


def in_chat(text: str) -> dict:
    return after_exchange(TALK, text)


# --- 1: assign a category / label / tag / priority / sentiment ------------------------------------------------
ASSIGN = [
    ("Triage the following bug reports by severity: 'App crashes on login.' 'Button colour is off.'", "flash"),
    ("Assign a priority to each of these requests: 'Reset my password.' 'The whole site is down.'", "flash"),
    ("Asigna a cada correo una categoría (ventas, soporte, spam): 'Oferta exclusiva' 'No funciona mi cuenta'",
     "flash"),
    ("Atribua uma categoria a cada mensagem: 'Meu pedido atrasou.' 'Quero cancelar.'", "flash"),
    ("Attribuez une catégorie à chaque demande : « Facture erronée. » « Colis perdu. »", "flash"),
    ("Ordne jede dieser Bewertungen einer Stimmung zu: 'Super Service!' 'Nie wieder.'", "flash"),
    ("Weise den folgenden Tickets jeweils eine Priorität zu: 'Login geht nicht.' 'Tippfehler im Footer.'", "flash"),
    ("Проставь метки для этих отзывов: «Отличный товар», «Сломался через день».", "flash"),
    ("给这些工单打上标签：'无法登录'、'要求退款'。", "flash"),
    ("次のレビューにラベルを付けてください：「最高でした」「二度と買いません」", "flash"),
    ("इन टिप्पणियों पर लेबल लगाओ – सकारात्मक या नकारात्मक: 'बहुत अच्छा', 'बेकार'", "flash"),
    ("Is feedback ka sentiment batao: 'service bahut slow thi'", "flash"),
    ("In complaints ko category mein daal do (refund, delivery): 'paisa wapas chahiye', 'order late hai'", "flash"),
    ("Har message pe label lagao - urgent ya normal: 'server down hai', 'kal call karo'", "flash"),
]
ABOUT_CATEGORIES = [  # questions about categories, labels or classifiers: rule 9
    "Welche Kategorie von Fahrrad passt am besten zu langen Touren?",
    "Which category of visa do I need to work in Canada?",
    "分类器和聚类算法有什么区别？",
    "Triage nurses: what exactly do they do in an emergency room?",
    "Mujhe kaunsa phone lena chahiye, budget 20000 hai?",
]


@pytest.mark.parametrize(("text", "want"), ASSIGN)
def test_assigning_a_category_label_or_priority_is_rule_8(text, want):
    assert classify(chat(("user", text))).request_type == want
    assert classify(in_chat(text)).request_type == want  # the latest turn of a chat


@pytest.mark.parametrize("text", ABOUT_CATEGORIES)
def test_questions_about_categories_stay_general_chat(text):
    assert classify(chat(("user", text))).request_type == "pro"


def test_rule_8_at_effort_high_goes_to_pro():
    text = "इस टिप्पणी की भावना बताइए: 'डिलीवरी समय पर हुई, पर पैकिंग खराब थी।'"
    assert classify(chat(("user", text), model="gpt-4.1-nano")).request_type == "flash"
    hit = classify(chat(("user", text), model="gpt-4.1-nano"), effort="high")
    assert hit.request_type == "pro" and hit.rule == 8


# --- 2: word problems: Hinglish, profit / discount rates ------------------------------------------------------
WORD_PROBLEMS = [
    ("Maine 800 rupaye mein cycle kharidi aur 1000 mein bechi. Mujhe kitna munafa hua?", "reason"),
    ("Ek TV 30000 ka hai, 10% discount aur phir 5% cashback, aakhir mein kitne paise lagenge?", "reason"),
    ("5000 rupaye par 8% saalana byaj se 3 saal ka simple interest kitna hoga?", "reason"),
    ("A trader buys a lamp for $40 and sells it for $50. What is the profit percentage?", "reason"),
    ("Un comerciante compra una silla por 60 euros y la vende por 75. ¿Cuál es el porcentaje de ganancia?",
     "reason"),
    ("Un vendeur achète un vélo 200 € et le revend 250 €. Quel est le pourcentage de bénéfice ?", "reason"),
]
NOT_WORD_PROBLEMS = [
    "Amazon pe 40% discount wala sale kab shuru hoga?",
    "Kitna time lagta hai Delhi se Agra jaane mein?",
    "What is a good profit margin for a small bakery?",
]


@pytest.mark.parametrize(("text", "want"), WORD_PROBLEMS)
def test_word_problems_with_their_numbers(text, want):
    assert classify(chat(("user", text))).request_type == want
    assert classify(in_chat(text)).request_type == want


@pytest.mark.parametrize("text", NOT_WORD_PROBLEMS)
def test_shopping_and_advice_questions_stay_general_chat(text):
    assert classify(chat(("user", text))).request_type == "pro"


# --- 3: Hinglish logic puzzles --------------------------------------------------------------------------------
PUZZLES = [
    "Pooja, Meena aur Sita ke paas alag alag pets hain: kutta, billi aur tota. Pooja ke paas kutta nahi hai. "
    "Sita ke paas na kutta hai na billi. Batao kiske paas kya hai?",
    "Arjun, Vikram aur Dev ki umar alag alag hai. Arjun Dev se bada hai. Vikram Arjun se bada hai. Sabse chhota "
    "kaun hai?",
]
NOT_PUZZLES = [
    "Kal meeting mein kaun kaun aayega, kisi ko pata hai?",
    "Rohit aur Aman dono cricket khelte hain. Kaun better batsman hai tumhare hisaab se?",
]


@pytest.mark.parametrize("text", PUZZLES)
def test_hinglish_puzzles_are_reasoning(text):
    assert classify(chat(("user", text))).request_type == "reason"
    assert classify(in_chat(text)).request_type == "reason"


@pytest.mark.parametrize("text", NOT_PUZZLES)
def test_hinglish_who_questions_stay_general_chat(text):
    assert classify(chat(("user", text))).request_type == "pro"


# --- 4: action items with their owners, from a text pasted earlier --------------------------------------------
MINUTES = ("Minutes, weekly sync: Priya will update the pricing page by Thursday. Omar to fix the login bug before "
           "the release. Lena will book the venue for the offsite by the 20th.")
ACTION_ITEMS = [
    "Pull out the action items and who owns each one.",
    "List the next steps with their owners and deadlines.",
    "Extrae las tareas pendientes y el responsable de cada una.",
    "Liste die Aufgaben und die jeweils Verantwortlichen auf.",
]


@pytest.mark.parametrize("text", ACTION_ITEMS)
def test_action_items_with_owners_after_a_pasted_text(text):
    body = chat(("user", MINUTES), ("assistant", "Got it, I have the minutes."), ("user", text))
    assert classify(body).request_type == "json"


def test_a_question_about_action_items_is_not_extraction():
    assert classify(chat(("user", "How do I write good action items for a retro?"))).request_type == "pro"
