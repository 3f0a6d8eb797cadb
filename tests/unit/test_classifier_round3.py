"""Issue 13, third round: the five miss classes of held-out batch 2, in the nine languages, with near-misses.

The classes were reported by description only (the held-out items stay unseen):

1. logic puzzles posed without a cue word (seating, zebra, knights and knaves, liars, a puzzle after small
   talk) and meeting questions (two trains) — rule 7 by the *structure* of a posed puzzle: a question that
   asks who / which / in what order, and clues around it (:mod:`di_plugins.classifier.puzzles`);
2. questions *about* a simple task ("how should I summarize a book?") read as the task — rule 9, unless the
   text to work on is given (:mod:`di_plugins.classifier.frames`);
3. code shape missed: a fenced block whatever its tag or content, a Windows path — rule 5;
4. colloquial extraction ("вытащи даты и суммы ... оформи таблицей") as the latest turn — rule 6;
5. an opinion question read as reasoning — rule 7 phrases do not count in an opinion question.

Written by the round-3 engineer, labelled from the README rule table. Two sources, both tuned on (regression
tables, not a measurement): near-misses written with corpus batch 6, and a fresh probe of 70 requests written
after batch 6 passed, whose first run was 61/70 (misses: six puzzles — "in what order did they finish",
"what are Ann and Bob?", "¿qué profesión tiene cada uno?", "ni le chien ni le chat", "来自哪个城市", "何色" —
a "quand la voiture rattrape-t-elle" meeting question, 抽出, and a Spanish office chit-chat with three
puzzle-like facts in one clause). Every request goes to ``gpt-4o`` unless said otherwise, so ``pro`` means
"rule 9, nothing special".
"""

from __future__ import annotations

import re

import pytest

from di_plugins.classifier import Classifier, ClassifierSettings
from di_plugins.classifier.frames import Frames
from di_plugins.classifier.lexicon import ABOUT, ABOUT_AFTER, CLUE, OPINION, PUZZLE, TABLED
from di_plugins.classifier.markers import Found, Markers, script_of
from di_plugins.classifier.patterns import _alternatives, _literal_head
from di_plugins.classifier.tokens import is_cjk_pattern, normalize
from di_plugins.classifier.wordproblem import SENTENCE_END, sentence_of
from di_plugins.errors import ConfigError

from .classifier_chats import after_exchange, chat, classify

SMALL_TALK = {  # an earlier exchange with no signal, in the language of the latest turn
    "en": ("Morning! Slept well?", "Like a log, thanks. What's up?"),
    "es": ("¡Buenas! ¿Qué tal el finde?", "¡Genial! ¿En qué te ayudo?"),
    "pt": ("E aí, tudo certo?", "Tudo ótimo! Manda."),
    "fr": ("Coucou, ça va ?", "Très bien ! Je t'écoute."),
    "de": ("Hallo, alles gut bei dir?", "Bestens, danke! Was gibt's?"),
    "ru": ("Привет, как выходные?", "Отлично! Чем помочь?"),
    "zh": ("早上好，吃了吗？", "吃过了！有什么事吗？"),
    "ja": ("おはようございます！", "おはようございます。どうしましたか？"),
    "hi": ("सुप्रभात! कैसे हैं?", "बढ़िया! बताइए, क्या करना है?"),
}


def after_small_talk(lang, text):
    return after_exchange(SMALL_TALK[lang], text)


# --- class 1: posed puzzles and meeting questions (rule 7) ----------------------------------------------
PUZZLES = [
    ("en", "Four students - Liam, Maya, Noor and Omar - finished a race. Maya finished before Liam but after Omar. "
           "Noor was not last. Omar did not win. In what order did they finish?"),
    ("en", "Determine who owns the fish: the Brit lives in the red house, the Swede keeps dogs, the Dane drinks tea, "
           "and the green house is immediately to the left of the white house."),
    ("en", "Each person on this island is either a knight, who always tells the truth, or a knave, who always lies. "
           "Ann says 'Bob is a knave.' Bob says 'Ann and I are the same kind.' What are Ann and Bob?"),
    ("es", "Tres amigos, Ana, Beto y Caro, tienen profesiones distintas: médico, abogado y profesor. Ana no es "
           "médica. Beto no es abogado ni médico. ¿Qué profesión tiene cada uno?"),
    ("pt", "Quatro amigas sentam em fila. Bia está à esquerda de Carla. Dani não está em nenhuma das pontas. Eva "
           "está ao lado de Bia. Quem está na ponta direita?"),
    ("fr", "Trois amis, Léo, Max et Noé, ont chacun un animal différent : un chat, un chien et un lapin. Léo n'a pas "
           "le chien. Noé n'a ni le chien ni le chat. Qui a le chat ?"),
    ("de", "Vier Kinder stehen in einer Reihe. Paul steht direkt neben Lisa. Tom steht nicht am Ende. Lisa steht "
           "ganz links. Wer steht ganz rechts?"),
    ("de", "Finde heraus, wer lügt: Anna sagt: „Ben lügt.“ Ben sagt: „Clara lügt.“ Clara sagt: „Anna und Ben "
           "lügen.“"),
    ("ru", "Четыре девочки — Аня, Вера, Галя и Даша — стоят в ряд. Аня стоит рядом с Верой. Галя не стоит с краю. "
           "Даша стоит справа от Гали. Кто стоит первым слева?"),
    ("zh", "小明、小红、小刚三人分别来自北京、上海和广州。小明不是北京人，小刚既不是北京人也不是上海人。小红来自哪个城市？"),
    ("ja", "A、B、Cの3人は、それぞれ赤、青、黄の帽子をかぶっています。Aは赤ではありません。Bは青でも赤でもありません。"
           "Cの帽子は何色ですか？"),
    ("hi", "चार दोस्त एक पंक्ति में बैठे हैं। अमन, बबलू के बाएँ बैठा है। चेतन किनारे पर नहीं है। दीपक, चेतन के दाएँ बैठा है। "
           "बीच में कौन-कौन बैठे हैं?"),
]

MEETINGS = [
    ("en", "A train leaves Boston at 60 mph; an hour later a second train leaves on the same track at 80 mph. How "
           "long before the second train catches the first?"),
    ("en", "Two trains leave stations 300 km apart at the same time towards each other, at 80 and 70 km/h. Where "
           "do they meet?"),
    ("es", "Un coche sale de Lima a 80 km/h y otro sale de Ica, a 300 km, a 70 km/h, en sentido contrario. "
           "¿Cuándo se encuentran?"),
    ("pt", "Dois trens partem de cidades a 450 km de distância, a 100 km/h e a 80 km/h, um em direção ao outro. Em "
           "que ponto eles se cruzam?"),
    ("fr", "Un cycliste part de Nantes à 20 km/h ; une heure plus tard une voiture part du même endroit à 60 km/h. "
           "Quand la voiture rattrape-t-elle le cycliste ?"),
    ("de", "Zwei Züge fahren in zwei 600 km entfernten Städten ab, mit 180 und 120 km/h aufeinander zu. Wo "
           "begegnen sie sich?"),
    ("ru", "Из двух городов, расстояние между которыми 360 км, навстречу вышли два поезда со скоростями 70 и 50 "
           "км/ч. На каком расстоянии от первого города они встретятся?"),
    ("zh", "甲乙两地相距360千米，两列火车同时相对开出，一列每小时80千米，另一列每小时70千米。两车何时相遇？"),
    ("ja", "A駅とB駅は120km離れています。時速70kmと時速50kmの電車が同時に向かい合って出発します。2つの電車はどこで"
           "すれ違いますか？"),
    ("hi", "दो शहरों के बीच की दूरी 300 किलोमीटर है। दो ट्रेनें 60 और 40 किमी/घंटा की रफ्तार से एक-दूसरे की ओर चलती हैं। "
           "वे कहाँ मिलेंगी?"),
]

NOT_PUZZLES = [  # puzzles as a topic, question words in statements, a few puzzle-like facts in one clause
    ("en", "I love logic puzzles! Which books would you recommend for a ten-year-old?"),
    ("en", "My neighbour sits next to me on the bus every day and always says hello. Who does that nowadays?"),
    ("en", "I'm reading a book about famous liars. Who was the most successful impostor in history?"),
    ("en", "The man who sits next to me at work, who always tells the truth, is retiring. Any gift ideas?"),
    ("es", "Me encantan los acertijos de lógica. ¿Qué libro me recomiendas para empezar?"),
    ("es", "En mi oficina, Luis se sienta al lado de Marta y siempre dice la verdad. ¿Quién crees que debería ser "
           "el jefe?"),
    ("pt", "Meu chefe diz que nunca mente. Quem é mais confiável, ele ou o meu colega?"),
    ("fr", "J'adore les énigmes policières ! Tu connais de bons romans d'Agatha Christie ?"),
    ("de", "Meine Oma liebt Logikrätsel. Welches Rätselheft soll ich ihr schenken?"),
    ("ru", "Обожаю головоломки! Посоветуй какую-нибудь настольную игру."),
    ("ru", "Мой друг говорит, что никогда не врёт. Кто из знаменитостей тоже так говорил?"),
    ("zh", "我特别喜欢逻辑推理类的谜题，有什么好玩的手机游戏推荐吗？"),
    ("ja", "パズルが大好きです。おすすめの数独アプリはありますか？"),
    ("hi", "मुझे पहेलियाँ बहुत पसंद हैं! कोई अच्छी किताब बताओ।"),
]


@pytest.mark.parametrize("lang,text", PUZZLES + MEETINGS)
def test_posed_puzzles_and_meeting_questions_are_reason(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("reason", 7), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", PUZZLES)
def test_a_puzzle_as_the_latest_turn_after_small_talk(lang, text):
    c = classify(after_small_talk(lang, text))
    assert (c.request_type, c.evidence.get("role")) == ("reason", "user"), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", NOT_PUZZLES)
def test_puzzles_as_a_topic_are_not_puzzles(lang, text):
    c = classify(chat(("user", text)))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang", list(SMALL_TALK))
def test_an_earlier_puzzle_does_not_count(lang):
    text = dict(PUZZLES)[lang] if lang in dict(PUZZLES) else PUZZLES[0][1]
    body = chat(("user", text), ("assistant", "..."), ("user", SMALL_TALK[lang][0]))
    assert classify(body).request_type == "pro"


def test_puzzle_evidence_names_the_list():
    c = classify(chat(("user", PUZZLES[4][1])))
    assert c.rule_name == "reasoning_language" and c.evidence["list"].startswith("patterns.puzzle[")


# --- class 2: questions about a simple task (rule 9) next to the task (rule 8) --------------------------
ABOUT_THE_TASK = [
    ("en", "How should I summarize a book for a school report?"),
    ("en", "What's the best way to translate a résumé into German?"),
    ("en", "How can I get better at rewriting my own drafts?"),
    ("en", "Any tips for summarizing research papers quickly?"),
    ("en", "How do you translate idioms without losing their meaning?"),
    ("en", "What should I keep in mind when summarizing a research paper?"),
    ("en", "When summarizing a paper, what matters most?"),
    ("es", "¿Qué debo tener en cuenta al resumir un libro largo?"),
    ("de", "Worauf muss ich achten, wenn ich einen Text zusammenfasse?"),
    ("es", "¿Algún consejo para resumir un libro largo?"),
    ("es", "¿Cómo debería resumir un libro para un trabajo de clase?"),
    ("pt", "Qual a melhor forma de traduzir expressões idiomáticas para o inglês?"),
    ("pt", "Tem alguma dica para resumir artigos científicos mais rápido?"),
    ("fr", "Comment bien résumer un article scientifique ?"),
    ("fr", "Quelle est la meilleure façon de résumer un roman pour un exposé ?"),
    ("de", "Wie kann ich einen Roman gut zusammenfassen?"),
    ("de", "Wie fasse ich ein Fachbuch am besten zusammen?"),
    ("ru", "Как правильно перевести резюме на английский?"),
    ("ru", "Есть советы, как лучше резюмировать научные статьи?"),
    ("zh", "怎样把英文邮件翻译得更地道？"),
    ("zh", "把诗翻译成英文有什么技巧？"),
    ("ja", "論文を英語に翻訳するときのコツは？"),
    ("ja", "英語の論文を効率よく要約するにはどうすればいいですか？"),
    ("hi", "हिंदी कविता का अंग्रेज़ी में अनुवाद करने का सबसे अच्छा तरीका क्या है?"),
    ("hi", "किसी किताब का सारांश कैसे लिखें?"),
]

THE_TASK = [  # the task itself, also when asked with "how" and the text given
    ("en", "Rewrite this so it sounds friendlier: 'Send the file by noon.'"),
    ("en", "How do you translate 'saudade' into English?"),
    ("en", "How would you summarize the following in one line? The council voted to close the old library."),
    ("en", "When you have time, please summarize the article below: The council voted to close the library."),
    ("es", "Corrige las faltas de este mensaje: 'Mañana boy a la ofisina.'"),
    ("pt", "Traduza para o espanhol: 'O pedido chega amanhã.'"),
    ("fr", "Résume ce paragraphe en une phrase : « La mairie fermera la piscine en août pour travaux. »"),
    ("de", "Übersetze ins Französische: „Der Laden öffnet um neun.“"),
    ("ru", "Переведи на немецкий: «Магазин открывается в девять»."),
    ("zh", "帮我总结一下这段话：今天下午停电，明天恢复。"),
    ("ja", "この文を英語に翻訳してください：「会議は明日です。」"),
    ("hi", "इसे छोटा करें: 'हम कल सुबह दस बजे मिलेंगे और फिर बाज़ार जाएँगे।'"),
]


@pytest.mark.parametrize("lang,text", ABOUT_THE_TASK)
def test_questions_about_a_task_are_general_chat(lang, text):
    c = classify(chat(("user", text), model="gpt-4o-mini"), effort="max")
    assert (c.request_type, c.rule) == ("flash", 9), (c.rule_name, c.evidence)  # the base type, effort aside


@pytest.mark.parametrize("lang,text", ABOUT_THE_TASK)
def test_a_question_about_a_task_as_the_latest_turn(lang, text):
    assert classify(after_small_talk(lang, text)).request_type == "pro"


@pytest.mark.parametrize("lang,text", THE_TASK)
def test_the_task_itself_stays_a_simple_task(lang, text):
    assert classify(chat(("user", text))).request_type == "flash"
    assert classify(chat(("user", text)), effort="high").request_type == "pro"


# --- class 3: code shape (rule 5) ------------------------------------------------------------------------
CODE_SHAPES = [
    "Translate the values of this JSON into French:\n```json\n{\"title\": \"Welcome\"}\n```",
    "Convert this to YAML:\n```\nname: test\nversion: 2\n```",
    "Proofread the email in this block:\n```text\nDear team, the office will be close on Friday.\n```",
    "```markdown\n# Título\nTexto\n```\nCorrija a ortografia do texto acima.",
    "Traduis ceci : ```yaml\ntitle: Bienvenue\n```",
    "My game crashes: C:\\Program Files\\Steam\\steamapps\\common\\Hollow Knight\\UnityPlayer.dll. What now?",
    "Al abrir el juego me sale que falta C:\\Windows\\System32\\msvcp140.dll. ¿Qué hago?",
    "Die Datei D:\\Daten\\Steuer\\2024\\belege.xlsx lässt sich nicht öffnen. Warum?",
    "Игра пишет, что не найден файл D:\\Games\\Witcher\\bin\\x64\\witcher3.exe. Что делать?",
    "打开软件时提示找不到 C:\\Program Files\\Tencent\\WeChat\\WeChat.exe，怎么办？",
    "C:\\Program Files\\Microsoft Office\\root\\Office16\\EXCEL.EXE が起動しません。",
    "कंप्यूटर कहता है C:\\Windows\\System32\\xinput1_3.dll नहीं मिली, क्या करूँ?",
    "It says D:\\setup.exe is missing.",
    "Open \\\\fileserver\\share\\reports\\q3.xlsx for me",
    "Windows can't find C:/Users/ana/Documents/setup.log - why?",
    "My settings are in %APPDATA%\\Code\\User - is that normal?",
]

NOT_CODE = [
    "I saved my CV as resume_final.docx - is that a professional file name?",
    "Guardé el informe como informe_final.pdf, ¿es un buen nombre?",
    "My C drive is almost full. What can I safely delete?",
    "My C: drive is full and C:\\ is slow. Help!",
    "I keep my photos in a folder called Pictures on the desktop. Is that enough?",
    "Use ```backticks``` around code in Slack, right?",
    "See https://example.com/a/b/c - is that site safe?",
]


@pytest.mark.parametrize("text", CODE_SHAPES)
def test_fenced_blocks_and_windows_paths_are_code(text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("code", 5), (c.rule_name, c.evidence)


@pytest.mark.parametrize("text", NOT_CODE)
def test_file_names_and_drive_letters_are_not_code(text):
    assert classify(chat(("user", text))).request_type == "pro"


def test_a_fence_in_an_earlier_turn_does_not_count():
    body = chat(("user", CODE_SHAPES[0]), ("assistant", "Done."), ("user", "Thanks! What's a nice name for a cat?"))
    assert classify(body).request_type == "pro"


# --- class 4: colloquial extraction (rule 6) -------------------------------------------------------------
EXTRACT = [  # (language, the text turn, the request turn)
    ("en", "Here's my statement: 03/02 Grocery £54.20; 03/09 Rent £950.00",
     "Pull out the dates and the amounts and put them in a table."),
    ("en", "Contract: deposit due 1 May ($500), balance due 30 May ($1,500).",
     "Dig out every deadline and amount from the contract text above and lay them out in a table."),
    ("es", "Gastos: lunes 12,50 €; miércoles 45 €; sábado 80 €.", "Sácame los días y los importes y pásalos a una tabla."),
    ("pt", "Conta: luz 05/03 R$ 180; água 10/03 R$ 90.", "Puxa as datas e os valores daí e coloca numa tabela."),
    ("fr", "Relevé : 02/05 loyer 750 € ; 05/05 courses 86 €.", "Récupère-moi les dates et les montants et mets-les dans un tableau."),
    ("de", "Am 3. Juni 40 € Anzahlung, am 17. Juni 160 € Rest.", "Zieh die Termine und Beträge daraus und pack sie in eine Tabelle."),
    ("ru", "Вот выписка: 02.03 — 1 200 руб., 09.03 — 450 руб.", "Вытащи даты и суммы и оформи таблицей."),
    ("ru", "Вот чек: хлеб 45 руб., молоко 89 руб.", "Выдерни названия и цены и сведи в таблицу."),
    ("zh", "订单：3月2日 鼠标 99元；3月5日 键盘 299元。", "把上面的日期和金额抽出来做成表格。"),
    ("zh", "开销：周一午饭35元，周三打车48元。", "把里面的日期和金额挑出来，做成表格。"),
    ("ja", "出費：3日 ランチ1200円、10日 本2500円。", "そこから日付と金額を拾って表にしてください。"),
    ("hi", "खर्चे: सोमवार 250 रुपये, बुधवार 400 रुपये।", "इसमें से दिन और रकम निकालकर तालिका बना दो।"),
]

NOT_EXTRACT = [  # a table of facts is not extraction: no text to take the data from
    ("en", "Grab me the prices of the three most popular phones this year and put them in a table."),
    ("en", "Make a table of the ten tallest buildings and their heights."),
    ("es", "Sácame los mejores precios de vuelos a Roma para mayo."),
    ("ru", "Составь таблицу с ценами на айфоны за последние пять лет."),
    ("zh", "帮我挑出几部好看的电影，做成表格。"),
]


@pytest.mark.parametrize("lang,data,ask", EXTRACT)
def test_colloquial_extraction_as_the_latest_turn(lang, data, ask):
    c = classify(chat(("user", data), ("assistant", "OK."), ("user", ask)))
    assert (c.request_type, c.rule, c.evidence.get("role")) == ("json", 6, "user"), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", NOT_EXTRACT)
def test_a_table_of_facts_is_not_extraction(lang, text):
    assert classify(chat(("user", text))).request_type == "pro"


def test_an_indefinite_table_is_output_not_a_source():
    sources = ClassifierSettings().sources
    for text, expected in [("List the names in a table.", False), ("List the names in this table.", True),
                           ("List the names in a message I got: Ana, Bo and Cy.", True)]:
        assert sources.accept(text, normalize(text), 0, 14) is expected, text


# --- class 5: opinion questions (rule 7 phrases do not count) -------------------------------------------
OPINIONS = [
    ("en", "What's your take on the pros and cons of homeschooling?"),
    ("en", "What do you think, is it a good idea to plan a wedding in six months?"),
    ("en", "What do you think about step-by-step guides versus videos for learning to cook?"),
    ("en", "In your opinion, which approach is better for a small team, scrum or kanban?"),
    ("es", "¿Tú qué piensas de los pros y contras del teletrabajo?"),
    ("pt", "Na sua opinião, quais são as vantagens e desvantagens de morar sozinho?"),
    ("fr", "Qu'en penses-tu : les avantages et les inconvénients de la semaine de quatre jours ?"),
    ("de", "Deiner Meinung nach: Was spricht für und wider ein Tempolimit?"),
    ("ru", "Как ты думаешь, каковы плюсы и минусы удалёнки?"),
    ("zh", "你怎么看远程办公的利弊？"),
    ("ja", "リモートワークの長所と短所について、あなたはどう思いますか？"),
    ("hi", "आपके हिसाब से, घर से काम करने के फायदे और नुकसान क्या हैं?"),
]

STILL_REASON = [  # the same words as a request
    "Weigh the pros and cons of homeschooling for my 8-year-old and tell me what you'd pick.",
    "What do you think? Explain step by step how you would prove that the square root of 2 is irrational.",
    "Compare Postgres and MySQL for our analytics workload and recommend one.",
]


@pytest.mark.parametrize("lang,text", OPINIONS)
def test_opinion_questions_are_general_chat(lang, text):
    c = classify(after_small_talk(lang, text))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


@pytest.mark.parametrize("text", STILL_REASON)
def test_reasoning_requests_next_to_an_opinion_are_reason(text):
    assert classify(chat(("user", text))).request_type == "reason"


# --- the machinery ---------------------------------------------------------------------------------------
def test_markers_are_chosen_by_the_script_of_the_text():
    m = Markers([r"\bnext to\b|\bрядом с\b", r"左边|右边"])
    assert script_of(normalize("He sits next to me")) == ("ascii", False)
    assert len(m.regexes(normalize("He sits next to me"))) == 1  # the CJK markers are left out
    assert Found(m, normalize("He sits next to me")).starts == [9]
    assert len(Found(m, normalize("Он сидит рядом с ней")).starts) == 1
    assert len(Found(m, normalize("小王在小李的左边")).starts) == 1
    norm = normalize("a b next to c")
    assert m.any_in(norm, 4, 6) and not m.any_in(norm, 6, 12) and not m.any_in(norm, 0, 4)


def test_markers_spanning_words_count_once():
    m = Markers([r"\balways tells the truth\b|\btells the truth\b"])
    assert len(Found(m, normalize("Kim always tells the truth.")).starts) == 1


def test_sentences_end_at_marks_not_at_decimals():
    text = "It costs 3.5 euros. Who pays? Ok"
    assert [m.start() for m in SENTENCE_END.finditer(text)] == [18, 28]
    start = text.index("Who")
    assert sentence_of(text, start, start + 3, 300) == (19, 28)


@pytest.mark.parametrize("text,cue,expected", [
    ("How should I summarize a book?", "summarize", False),  # a frame before the cue
    ("Summarize this book. How should I start reading?", "summarize", True),  # not in the cue's sentence
    ("本の内容を要約するコツを教えて", "要約", False),  # a frame after the cue
    ("How do you translate 'saudade' into English?", "translate", True),  # the text is given
    ("Any tips for summarizing this: the council voted to close the library.", "summarizing", True),
])
def test_about_frames(text, cue, expected):
    s = ClassifierSettings()
    start = text.lower().index(cue)
    assert s.about_frames.accept(text, normalize(text), start, start + len(cue)) is expected


def test_a_frame_marker_inside_the_cue_is_part_of_the_cue():
    frames = Frames([r"\bhow do i\b"])
    text = "How do I say thank you in Spanish?"
    assert frames.accept(text, normalize(text), 0, 33)


def test_puzzles_need_their_clues_around_the_question():
    puzzles = ClassifierSettings().puzzles
    text = "Ana sits next to Ben. Carl is not at either end. Dev is taller than Eli. Who sits in the middle?"
    start = text.index("Who")
    assert puzzles.accept(text, normalize(text), start, start + 3)
    far = text[:text.index(" Who")] + " " + "Meanwhile the weather was fine. " * 12 + "Who is the youngest?"
    start = far.index("Who")
    assert not puzzles.accept(far, normalize(far), start, start + 3)  # no clue near the question


def test_puzzle_settings_are_data_under_di_classifier():
    text = "Carl always lies. Who is lying?"
    assert classify(chat(("user", text))).request_type == "pro"  # two clues ("is lying" in the question counts)
    s = ClassifierSettings.from_mapping({"puzzle_clues": 2})
    assert Classifier(s).classify(chat(("user", text))).request_type == "reason"
    s = ClassifierSettings.from_mapping({"puzzle_clues": 2, "patterns": {"clue": [r"\balways lies\b"]}})
    assert Classifier(s).classify(chat(("user", text))).request_type == "pro"  # one clue left
    s = ClassifierSettings.from_mapping({"scan": {"puzzle_near_chars": 5, "frame_chars": 50}})
    assert (s.puzzles.near, s.about_frames.reach) == (5, 50)
    with pytest.raises(ConfigError, match=r"patterns.clue\[0\]: phrases are matched"):
        ClassifierSettings.from_mapping({"patterns": {"clue": ["Next To"]}})
    with pytest.raises(ConfigError, match=r"puzzle_clues"):
        ClassifierSettings.from_mapping({"puzzle_clues": -1})


def test_frames_are_data_under_di_classifier():
    text = "How should I summarize a book?"
    s = ClassifierSettings.from_mapping({"patterns": {"about": []}})
    assert Classifier(s).classify(chat(("user", text))).request_type == "flash"
    s = ClassifierSettings.from_mapping({"patterns": {"opinion": []}})
    # round 5: the weighing nouns count as the object of a request ("compare the pros and cons")
    text = "What's your take: compare the pros and cons of homeschooling and pick one?"
    assert Classifier().classify(chat(("user", text))).request_type == "pro"
    assert Classifier(s).classify(chat(("user", text))).request_type == "reason"


_LATIN_ETC = ("en", "es", "pt", "fr", "de", "ru", "hi")


@pytest.mark.parametrize("name,lexicon", [("puzzle", PUZZLE), ("clue", CLUE), ("opinion", OPINION),
                                          ("about", ABOUT), ("about_after", ABOUT_AFTER), ("json", TABLED)])
def test_new_lists_keep_spaced_and_cjk_phrases_apart(name, lexicon):
    for lang in _LATIN_ETC:
        for alt in _alternatives(list(lexicon.get(lang, ()))):
            assert not is_cjk_pattern(alt), (name, lang, alt[:60])


def test_every_phrase_has_a_literal_first_character():
    """A phrase alternative without a literal first character is tried at every word start (or every CJK
    character) of every text: the combined regexes stay fast only if there are none."""
    pm = ClassifierSettings().phrase_matcher
    for name in pm.order:
        for _, alt, _ in pm.word_patterns[name] + pm.cjk_patterns[name]:
            assert _literal_head(alt) is not None, (name, alt[:60])
    for markers in (ClassifierSettings().puzzles.clue,):
        for alt in markers.words + markers.others:
            assert re.match(r"[^\\(\[.]", alt) or alt.startswith("\\"), alt[:60]
