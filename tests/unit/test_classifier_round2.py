"""Issue 13, second round: the four miss classes of held-out batch 1, in the nine languages, with near-misses.

The classes were reported by description only (the held-out items stay unseen):

1. extraction asked in other words ("pull out / list the ... from this ...", "lies ... heraus"), often as the
   latest turn of a chat whose earlier turns were unrelated (rule 6);
2. word problems (timetables, mixtures, probabilities) missed, mostly as the latest turn (rule 7);
3. simple tasks missed: proofreading, a polite register, translation asked in other words, a system prompt
   that makes the assistant a translator and a user turn that is only the sentence (rule 8, ``pro`` at
   effort high and above);
4. a general question read as reasoning because of ordinary words (rule 7 false positive).

Written by the round-2 engineer, labelled from the README rule table. Two sources, both tuned on (these are
regression tables, not a measurement): near-miss probes written while fixing the classes on corpus batch 5,
and a fresh probe of 76 requests (other phrasings) written after batch 5 passed, whose first run was 67/76
(misses: a yes/no arrival question, accented Spanish imperatives with a clitic, "几点", "note-moi",
"dis-le plus poliment", "in formal language" in Hindi, and two questions *about* translating). Every
request goes to a ``pro`` model (``gpt-4o-mini`` for the roles), so ``pro`` means "rule 9, nothing special".
"""

from __future__ import annotations

import re

import pytest

from di_plugins.classifier import Classifier, ClassifierSettings
from di_plugins.classifier.extraction import Sources
from di_plugins.classifier.lexicon import EXTRACTION, JSON, REASON, SIMPLE, SOURCE, WORD_PROBLEM
from di_plugins.classifier.patterns import _alternatives
from di_plugins.classifier.tokens import is_cjk_pattern, normalize
from di_plugins.errors import ConfigError

from .classifier_chats import after_exchange, chat, classify

UNRELATED = {  # an earlier exchange with no signal, in the language of the latest turn
    "en": ("Any good podcast for a long drive?", "Try 'Radiolab'."),
    "es": ("¿Qué tiempo hace en Bilbao en marzo?", "Fresco y lluvioso."),
    "pt": ("Qual a melhor praia de Florianópolis?", "Joaquina é ótima."),
    "fr": ("Tu connais un bon roman policier ?", "Essaie Fred Vargas."),
    "de": ("Was koche ich heute Abend?", "Wie wäre es mit Spätzle?"),
    "ru": ("Посоветуй сериал на вечер.", "Попробуй «Оттепель»."),
    "zh": ("周末去哪儿玩好？", "可以去颐和园。"),
    "ja": ("今日の夕飯は何がいいかな？", "カレーはいかがですか。"),
    "hi": ("आज क्या पकाऊँ?", "दाल मखनी बनाइए।"),
}


def latest_turn(lang, text):
    """``text`` as the latest user turn after an unrelated exchange in the same language."""
    return after_exchange(UNRELATED[lang], text)


# --- class 1: extraction asked in other words (rule 6) -------------------------------------------------
EXTRACT = [
    ("en", "Could you grab the order number, the delivery date and the total from this receipt? 'Order #88213, "
           "delivered 2 May, total $54.20'"),
    ("en", "Pick out every email address in the thread below.\n\nFrom: ana@x.org To: bo@y.org"),
    ("en", "Jot down the names and phone numbers from this voicemail transcript: 'Hi, it's Dana, 555-0134.'"),
    ("en", "Here's an email from my landlord: 'Rent of $950 is due on 3 June.' List the dates and amounts."),
    ("es", "Apúntame los nombres y las fechas de nacimiento que aparecen en este formulario: Ana 3/4/1990."),
    ("es", "¿Cuáles son los importes que figuran en esta factura? Luz 45 €, agua 30 €."),
    ("pt", "Anote os nomes e os telefones deste recado: 'Ligar para Bia 98888-1111 e Caio 97777-2222.'"),
    ("pt", "Quais valores constam neste boleto? 'Valor R$ 120,00, multa R$ 2,40.'"),
    ("fr", "Note-moi les noms et les numéros de téléphone de ce message : « Appelle Léa au 06 11 22 33 44. »"),
    ("fr", "Quelles dates sont mentionnées dans ce courriel ? « Réunion le 3 mars, rendu le 17 mars. »"),
    ("de", "Zieh mir aus der E-Mail bitte alle Termine und Uhrzeiten heraus: „Meeting am 4. Mai um 10 Uhr.“"),
    ("de", "Welche Beträge stehen auf dieser Rechnung? „Miete 800 €, Nebenkosten 150 €.“"),
    ("ru", "Выпиши все номера телефонов из этого сообщения: «Звони Ане 8-900-123-45-67.»"),
    ("ru", "Какие суммы указаны в этом чеке? «Хлеб 50 руб., молоко 90 руб.»"),
    ("zh", "请把这段文字中的电话号码都列出来：张三 13900001111，李四 13800002222。"),
    ("zh", "这张发票上有哪些金额？'餐费320元，服务费32元。'"),
    ("ja", "このメールから日付と時間を書き出してください：「会議は5月3日10時から」"),
    ("ja", "このレシートに書かれている金額を教えてください：「パン200円、牛乳180円」"),
    ("hi", "इस मैसेज में से सभी फ़ोन नंबर निकालकर लिखो: 'रवि 98100 11111, अनु 98100 22222'"),
    ("hi", "इस बिल में कौन-कौन सी रकम लिखी है? 'बिजली 1200 रुपये, पानी 300 रुपये'"),
]

NOT_EXTRACT = [  # data nouns or request verbs without a text to take them from, or a question about a text
    ("en", "Should we pull out of the deal if the supplier raises prices again?"),
    ("en", "Give me the names of some good cat food brands."),
    ("en", "Are the prices in this ad fair for a 2016 Civic?"),
    ("en", "List the dates of the major battles of World War II."),
    ("en", "Write a SQL query to find the top 5 customers by total revenue."),
    ("es", "Dime los mejores precios para vuelos a Roma."),
    ("es", "¿Son razonables los precios de este anuncio?"),
    ("pt", "Quais são os melhores lugares para visitar em Lisboa?"),
    ("fr", "Dis-moi les horaires d'ouverture du Louvre."),
    ("de", "Welche Preise sind in dieser Anzeige realistisch?"),
    ("ru", "Назови самые большие города России."),
    ("zh", "北京有哪些好玩的地点？"),
    ("ja", "東京のおすすめの場所を教えてください。"),
    ("hi", "दिल्ली में घूमने की जगहें बताओ।"),
]


@pytest.mark.parametrize("lang,text", EXTRACT)
def test_extraction_in_other_words_is_json(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("json", 6), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", EXTRACT)
def test_extraction_as_the_latest_turn_of_an_unrelated_chat(lang, text):
    c = classify(latest_turn(lang, text))
    assert (c.request_type, c.evidence.get("role")) == ("json", "user"), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", NOT_EXTRACT)
def test_data_words_without_a_source_text_are_not_extraction(lang, text):
    assert classify(chat(("user", text))).request_type == "pro"


def test_extraction_evidence_names_the_list():
    c = classify(chat(("user", "Pull the names and emails out of this: Ana (ana@x.io), Bo (bo@y.com)")))
    assert c.rule_name == "json_output" and c.evidence["list"].startswith("patterns.extraction[")


# --- class 2: word problems (rule 7) --------------------------------------------------------------------
WORD_PROBLEMS = [
    ("en", "A 10-litre bucket holds a mix that is 30% bleach. How much water must I add to bring it down to 20%?"),
    ("en", "A train departs at 14:35 and the trip takes 2 h 50 min. Will it arrive before 17:30?"),
    ("en", "I roll a die 3 times. What is the chance of getting at least one six?"),
    ("es", "Un tren sale de Madrid a las 9:20 y llega a Barcelona a las 12:05. ¿Cuánto dura el viaje?"),
    ("es", "Se lanzan dos monedas. ¿Qué probabilidad hay de obtener dos caras?"),
    ("pt", "Um ônibus sai às 7h15 e a viagem dura 3 horas e 40 minutos. A que horas ele chega?"),
    ("pt", "Numa urna há 3 bolas pretas e 2 brancas. Qual a probabilidade de tirar uma branca?"),
    ("fr", "Une voiture roule à 90 km/h pendant 2 h puis à 110 km/h pendant 1 h 30. Quelle distance a-t-elle parcourue ?"),
    ("fr", "On lance deux dés. Quelle est la probabilité que la somme fasse 9 ?"),
    ("de", "Ein Bus fährt um 8:10 ab und braucht 55 Minuten. Um wie viel Uhr kommt er an?"),
    ("de", "Man wirft zwei Würfel. Wie groß ist die Wahrscheinlichkeit, eine Doppelsechs zu werfen?"),
    ("ru", "Автобус выехал в 8:40 и ехал 2 часа 35 минут. Во сколько он приехал?"),
    ("ru", "Бросают две монеты. Какова вероятность, что выпадут два орла?"),
    ("zh", "火车9:15出发，行驶了3小时40分钟，几点到达？"),
    ("zh", "掷两枚骰子，点数之和为7的概率是多少？"),
    ("ja", "バスは8時10分に出発して、1時間25分かかります。何時に着きますか？"),
    ("ja", "サイコロを2つ投げたとき、目の和が7になる確率を求めてください。"),
    ("hi", "बस सुबह 7:30 पर चलती है और सफ़र में 4 घंटे 20 मिनट लगते हैं। बस कितने बजे पहुँचेगी?"),
    ("hi", "दो सिक्के उछाले जाते हैं। दोनों पर चित आने की प्रायिकता क्या है?"),
]

NOT_WORD_PROBLEMS = [  # quantities without a question about them, questions without quantities, advice
    ("en", "I have 3 kids and we're flying in 2 weeks. Any tips for long flights?"),
    ("en", "What's the probability of a recession next year?"),
    ("en", "I'm 34 and my wife is 32. How long should we wait before having kids?"),
    ("en", "What are the odds of being struck by lightning?"),
    ("es", "Ayer corrí 10 km en 55 minutos, ¡estoy muy contenta!"),
    ("pt", "Tenho 2 filhos e 1 cachorro. Que carro vocês recomendam?"),
    ("fr", "J'ai couru 12 km ce matin en 1 h 05, je suis ravie."),
    ("de", "Wir sind 4 Leute und haben 3 Tage in Wien – was sollten wir unbedingt sehen?"),
    ("ru", "Сегодня прошёл 12 км за 2 часа, очень доволен!"),
    ("zh", "我今天跑了10公里，用了50分钟，好开心！"),
    ("ja", "今日は10キロ走って、1時間かかりました。気持ちよかった！"),
    ("hi", "मेरे दो बच्चे हैं, 6 और 10 साल के। गर्मियों में कहाँ घूमने जाएँ?"),
]


@pytest.mark.parametrize("lang,text", WORD_PROBLEMS)
def test_word_problems_are_reason(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("reason", 7), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", WORD_PROBLEMS)
def test_word_problem_as_the_latest_turn_of_an_unrelated_chat(lang, text):
    assert classify(latest_turn(lang, text)).request_type == "reason"


@pytest.mark.parametrize("lang,text", NOT_WORD_PROBLEMS)
def test_numbers_in_chat_are_not_word_problems(lang, text):
    assert classify(chat(("user", text))).request_type == "pro"


@pytest.mark.parametrize("lang", list(UNRELATED))
def test_an_earlier_word_problem_or_extraction_does_not_count(lang):
    problem = next(t for lg, t in WORD_PROBLEMS if lg == lang)
    extraction = next(t for lg, t in EXTRACT if lg == lang)
    thanks, _ = UNRELATED[lang]
    for earlier in (problem, extraction):
        c = classify(chat(("user", earlier), ("assistant", "…"), ("user", thanks)))
        assert c.request_type == "pro", (lang, earlier, c.rule_name, c.evidence)


# --- class 3: simple tasks (rule 8) --------------------------------------------------------------------
SIMPLE_TASKS = [
    ("en", "Please look over my cover letter for grammar mistakes: 'I am writting to apply...'"),
    ("en", "Can you make my email less formal? 'Dear Sir, I hereby inform you that I will be late.'"),
    ("en", "Say this in Italian: 'Where is the bathroom?'"),
    ("en", "Could you put this into Spanish for me? 'Please leave the keys at the front desk.'"),
    ("en", "Say it more politely: 'Move.'"),
    ("es", "Corrígeme las faltas de este mensaje: 'Haber si nos vemos mañana.'"),
    ("es", "Dilo de forma más educada: 'Dame eso.'"),
    ("es", "¿Cómo se escribe 'cumpleaños' en inglés?"),
    ("pt", "Corrija os erros de português desta frase: 'Nós vai no cinema amanhã.'"),
    ("pt", "Passa isso para o francês: 'Bom apetite!'"),
    ("pt", "Como fica isso em inglês? 'Obrigado pela paciência de todos.'"),
    ("fr", "Peux-tu corriger l'orthographe de ce paragraphe ? « Je suis aller au marché. »"),
    ("fr", "Dis-le plus poliment : « Passe-moi le sel. »"),
    ("fr", "Comment dit-on « bon courage » en allemand ?"),
    ("de", "Lies bitte diesen Text Korrektur: „Ich freue mich auf ihre Antwort.“"),
    ("de", "Formuliere das höflicher: „Gib mir das Geld zurück.“"),
    ("de", "Was heißt „Feierabend“ auf Englisch?"),
    ("ru", "Исправь опечатки в этом предложении: «Я приду завтро утром.»"),
    ("ru", "Перепиши это более официально: «Скинь отчёт.»"),
    ("ru", "Как будет по-немецки «спокойной ночи»?"),
    ("zh", "帮我改一下这段话的错别字：'我门明天见。'"),
    ("zh", "把这句话改成正式一点的说法：'你赶紧把文件发我。'"),
    ("zh", "'晚安'用日语怎么说？"),
    ("ja", "次の文の誤字を直してください：「明日わ雨です」"),
    ("ja", "この文を丁寧な表現に書き換えてください：「早く来て」"),
    ("ja", "「おやすみ」は英語で何と言いますか？"),
    ("hi", "इस वाक्य की वर्तनी की गलतियाँ ठीक करो: 'मैं कल स्कूल जाऊगां।'"),
    ("hi", "इसे औपचारिक भाषा में लिखो: 'जल्दी आओ।'"),
    ("hi", "'शुभ रात्रि' को अंग्रेज़ी में क्या कहते हैं?"),
]

NOT_SIMPLE = [  # questions *about* translating or proofreading, and the trade
    ("en", "How do I get better at proofreading my own writing?"),
    ("en", "What's the best app for learning to translate Japanese?"),
    ("en", "I'm a translator. What rates should I charge per word?"),
    ("es", "¿Qué idiomas son más difíciles de traducir al español?"),
    ("es", "¿Es difícil trabajar como traductor autónomo?"),
    ("pt", "Vale a pena fazer faculdade de tradução?"),
    ("pt", "Quais são as maiores dificuldades de traduzir poesia?"),
    ("fr", "Quels sont les meilleurs outils de traduction en ligne ?"),
    ("fr", "Comment bien relire un mémoire avant de le rendre ?"),
    ("de", "Warum sind Gedichte so schwer zu übersetzen?"),
    ("de", "Wie lernt man, die eigenen Texte gründlich Korrektur zu lesen?"),
    ("ru", "Сложно ли работать переводчиком?"),
    ("ru", "Почему стихи так трудно переводить?"),
    ("zh", "学翻译有前途吗？"),
    ("zh", "怎样才能提高自己的校对能力？"),
    ("ja", "翻訳者になるには資格が必要ですか？"),
    ("ja", "文章を上手に校正するコツは何ですか？"),
    ("hi", "अनुवाद की नौकरी कैसे ढूँढें?"),
    ("hi", "अनुवादक बनने के लिए कौन-सी पढ़ाई करनी चाहिए?"),
]


@pytest.mark.parametrize("lang,text", SIMPLE_TASKS)
def test_simple_tasks_in_other_words(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("flash", 8), (c.rule_name, c.evidence)
    assert classify(chat(("user", text)), effort="high").request_type == "pro"


@pytest.mark.parametrize("lang,text", NOT_SIMPLE)
def test_questions_about_the_task_are_not_the_task(lang, text):
    assert classify(chat(("user", text))).request_type == "pro"


TRANSLATOR_ROLES = [
    ("en", "You are a professional English-German translator.", "The meeting has been moved to Thursday."),
    ("en", "Your only job is to translate the user's text into French. No commentary.", "See you at noon."),
    ("es", "Eres un traductor profesional de español a inglés.", "Mañana no habrá clases por la huelga."),
    ("pt", "Você é um tradutor do português para o inglês.", "O voo foi cancelado por causa da chuva."),
    ("fr", "Tu es un traducteur professionnel français-anglais.", "La réunion est reportée à jeudi."),
    ("de", "Du bist ein Übersetzer für Deutsch und Englisch.", "Der Zug hat heute Verspätung."),
    ("ru", "Ты — профессиональный переводчик с русского на английский.", "Завтра я работаю из дома."),
    ("zh", "你是一名专业的中英翻译。", "会议改到下周三下午三点。"),
    ("ja", "あなたは日英翻訳者です。", "来週の会議は中止になりました。"),
    ("hi", "आप एक पेशेवर अनुवादक हैं।", "कल बैंक बंद रहेगा।"),
    ("en", "You are a proofreader. Return the corrected text only.", "Their going to the park tomorow."),
]


@pytest.mark.parametrize("lang,system,user", TRANSLATOR_ROLES)
def test_a_translator_system_prompt_makes_a_bare_sentence_a_simple_task(lang, system, user):
    body = chat(("user", user), system=system, model="gpt-4o-mini")
    c = classify(body)
    assert (c.request_type, c.rule, c.evidence["role"]) == ("flash", 8, "system"), (c.rule_name, c.evidence)
    for effort in ("high", "xhigh", "max"):
        assert classify(body, effort=effort).request_type == "pro"


def test_a_generic_system_prompt_is_not_a_role():
    body = chat(("user", "The meeting has been moved to Thursday."), system="You are a helpful assistant.",
                model="gpt-4o-mini")
    assert classify(body, effort="max").rule == 9


# --- class 4: ordinary words are not reasoning (rule 7 false positives) ------------------------------------
GENERAL = [
    "What's the best way to weigh flour without a kitchen scale?",
    "We plan a trip to Kyoto in April. Is cherry blossom season very crowded?",
    "I work out 3 times a week for 45 minutes. Is that enough to stay healthy?",
    "Who invented the crossword puzzle?",
    "Why do some people think through problems out loud?",
    "What's the root cause of most back pain in office workers?",
    "How do banks calculate interest on a 30-year mortgage?",
    "Is sudoku good for keeping the brain sharp?",
    "What is expected value in statistics, in simple terms?",
    "What are eigenvalues used for in real life?",
    "What is the Monty Hall problem?",
    "Is chain of thought prompting useful for small models?",
    "How do chess players decide between two good moves?",
    "What's the probability of rain tomorrow in Seattle?",
    "How do I plan a surprise party without my wife noticing?",
    "Je planifie mon mariage pour juin : quelles fleurs sont de saison ?",
    "Ich plane eine Reise nach Rom. Was muss ich unbedingt sehen?",
]

STILL_REASON = [
    "Plan a 5-day itinerary for Rome with two kids under ten.",
    "Help me plan my week: two deadlines and a dentist appointment.",
    "Think it through: is a four-day work week a good idea for a small restaurant?",
    "Why is the sky blue? Think about it carefully.",
    "What's the root cause here? Sales dropped 20% after we changed the checkout page.",
    "Here's a puzzle for you: three boxes are all mislabeled. Which box do you open first?",
    "Riddle: what has keys but can't open locks?",
    "Explain the Monty Hall problem and why switching is better.",
    "Find the derivative of x^3 sin(x).",
    "What is the probability of getting at least one six in four rolls of a fair die?",
    "Calculate the monthly payment on a $300,000 mortgage at 6% over 30 years.",
    "Let's decide between Postgres and MySQL for our CRM.",
]


@pytest.mark.parametrize("text", GENERAL)
def test_general_questions_with_reasoning_looking_words(text):
    body = chat(("user", text), response_format={"type": "text"})
    c = classify(body)
    assert c.request_type == "pro", (c.rule_name, c.evidence)


@pytest.mark.parametrize("text", STILL_REASON)
def test_the_same_words_as_requests_are_still_reasoning(text):
    assert classify(chat(("user", text))).request_type == "reason"


# --- the machinery --------------------------------------------------------------------------------------
def _sources_accept(text: str, cue: str, **kw) -> bool:
    start = text.lower().index(cue)
    return Sources(ClassifierSettings().patterns["source"], **kw).checker(text, normalize(text))(start, start + len(cue))


@pytest.mark.parametrize("text,cue,expected", [
    ("List the dates in this email: we meet on 3 May.", "list the dates", True),
    ("Here's a note from Bo. List the dates and amounts.", "list the dates", True),  # the text before the cue
    ("List the dates of the French Revolution.", "list the dates", False),
    ("List the dates. This email is long.", "list the dates", False),  # not in the cue's sentence
    ("Give me the times from 10:00 to 14:00 tomorrow for the train to Leeds please", "give me the times", False),
    ("Pull out all the dates: the launch is on 3 May and the review on 9 May.", "pull out all the dates", True),
])
def test_sources_need_a_text_in_reach(text, cue, expected):
    assert _sources_accept(text, cue) is expected


def test_sources_window_is_a_setting():
    text = "Here's a note from Bo. " + "x " * 200 + "List the dates and amounts."
    assert not _sources_accept(text, "list the dates")
    assert _sources_accept(text, "list the dates", before=1000)


def test_extraction_lists_are_data_under_di_classifier():
    s = ClassifierSettings.from_mapping({"patterns": {"source": [r"\bthis memo\b"]}})
    c = Classifier(s).classify(chat(("user", "List the names in this memo: Ana, Bo.")))
    assert c.request_type == "json"
    c = Classifier(s).classify(chat(("user", "List the names in this email: Ana, Bo.")))
    assert c.request_type == "pro"  # the colon before pasted text is gone with the replaced list, "email" too
    s = ClassifierSettings.from_mapping({"extra_patterns": {"extraction": ["harvest the (?:names|dates)"]}})
    assert Classifier(s).classify(chat(("user", "Harvest the names from this email: Ana, Bo."))).request_type == "json"
    s = ClassifierSettings.from_mapping({"scan": {"extraction_before_chars": 5}})
    assert s.sources.before == 5
    with pytest.raises(ConfigError, match=r"patterns.source\[0\]: phrases are matched"):
        ClassifierSettings.from_mapping({"patterns": {"source": ["This Email"]}})


def test_chance_experiments_count_as_quantities():
    problems = ClassifierSettings().word_problems
    text = "Jogo dois dados ao mesmo tempo. Qual é a probabilidade de a soma dar 7?"
    start = text.lower().index("qual é a probabilidade")
    assert problems.accept(text, normalize(text), start, start + 22)
    text = "Qual é a probabilidade de chover amanhã?"
    assert not problems.accept(text, normalize(text), 0, 22)


_LATIN_ETC = ("en", "es", "pt", "fr", "de", "ru", "hi", "it", "nl")


@pytest.mark.parametrize("name,lexicon", [("json", JSON), ("extraction", EXTRACTION), ("source", SOURCE),
                                          ("reason", REASON), ("word_problem", WORD_PROBLEM), ("simple", SIMPLE)])
def test_phrases_of_spaced_scripts_are_not_taken_for_cjk_phrases(name, lexicon):
    """A CJK character anywhere in a phrase makes it a CJK phrase, matched only in CJK text: a full-width
    mark in a Latin phrase must be written as an escape (\\uff1f)."""
    for lang in _LATIN_ETC:
        for alt in _alternatives(list(lexicon.get(lang, ()))):
            assert not is_cjk_pattern(alt), (name, lang, alt[:60])


def test_cjk_phrases_start_with_a_literal():
    """CJK phrases are tried at every character; one without a literal first character is tried at every
    position of a separate, slower pass (see :mod:`.lexicon`)."""
    pm = ClassifierSettings().phrase_matcher
    for name in pm.order:
        for _, alt, _ in pm.cjk_patterns[name]:
            assert re.match(r"[^\\(\[.]", alt), (name, alt[:40])
