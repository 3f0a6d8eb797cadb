"""Issue 13, fourth round: the miss classes of held-out batch 3, in the nine languages, with near-misses.

The classes were reported by description only (the held-out items stay unseen):

1. classification / labelling / sentiment tasks (verb and noun forms, "is this positive or negative?", "which
   category ...?") — rule 8;
2. extraction that lists items or fields out of a given text (the ingredients of a pasted recipe, the fields of
   a résumé, "what are the names in this?") — rule 6, while a list with no source text is not extraction and
   summarising stays rule 8;
3. proofs asked with "show that" / "demonstrate that" / "justify why" in every register — rule 7;
4. logic puzzles with few cue words (a small group, negated facts, a who-is-what question) — rule 7;
5. a rewrite request as the latest turn of a chat whose earlier user turn asked for a proof — rule 8 (earlier
   turns never count);
6. decisions documented in the README rule notes: an instruction about the form of the answer ("answer in JSON")
   is not rule 6; the ``di-saver`` catalog id leans ``flash`` (rule 9), ``di``/``di-fusion``/``di-max`` ``pro``.

Written by the round-4 engineer after corpus batch 7 passed, as a fresh probe: first run 116/129 tests (13 misses:
"assign each of these emails a label", "positif, négatif ou neutre", a Hindi "इस ईमेल की श्रेणी बताओ" read as
extraction, "how does a spam classifier decide whether ...?" read as reasoning and then as the French verb
"classifier", "情感分析……有什么用", "感情分析はどんな仕事に", "¿Qué ingredientes aparecen ahí?", "Liste as habilidades
mais pedidas" read as extraction without a source, four puzzles ("what night does Yara cook?", "n'arrive pas",
"养的是什么", "職業は何"), "Reformúlame"); then tuned on with general rules (regression cases now, not a
measurement). Every request goes to ``gpt-4o`` unless said otherwise, so ``pro`` means "rule 9, nothing special".
"""

from __future__ import annotations

import pytest

from .classifier_chats import after_exchange, chat, classify

PROOF_TURN = {
    "en": ("Prove that √3 is irrational.", "Assume √3 = p/q in lowest terms; then p² = 3q² ... contradiction. ∎"),
    "es": ("Demuestra que hay infinitos primos.", "Supón que hay un número finito ... contradicción. ∎"),
    "pt": ("Demonstre que √3 é irracional.", "Suponha √3 = p/q irredutível ... contradição. ∎"),
    "fr": ("Prouve que la suite est croissante.", "u(n+1) - u(n) = 1/(n+1) > 0, donc elle croît. ∎"),
    "de": ("Beweise, dass √3 irrational ist.", "Angenommen √3 = p/q gekürzt ... Widerspruch. ∎"),
    "ru": ("Докажи, что √3 иррационально.", "Пусть √3 = p/q — несократимая дробь ... противоречие. ∎"),
    "zh": ("证明√3是无理数。", "假设√3=p/q为既约分数……矛盾。∎"),
    "ja": ("√3が無理数であることを証明して。", "√3=p/q(既約)と仮定すると……矛盾。∎"),
    "hi": ("सिद्ध कीजिए कि √3 अपरिमेय है।", "मान लीजिए √3 = p/q ... विरोधाभास। ∎"),
}


def after_proof(lang: str, text: str) -> dict:
    return after_exchange(PROOF_TURN[lang], text)


# --- class 1: classification, labelling, sentiment (rule 8) --------------------------------------------------
CLASSIFY = [
    ("en", "Positive or negative? 'Waited an hour and the soup was cold.'"),
    ("en", "Assign each of these emails a label - urgent, normal or spam:\n1. Server down!\n2. Lunch on Friday?"),
    ("es", "¿Es positivo o negativo este comentario? «La app se cierra sola cada dos minutos.»"),
    ("es", "Clasifícame estas reseñas por sentimiento: 1) «Genial» 2) «Un desastre»"),
    ("pt", "Qual a classificação de sentimento desta frase: 'O atendimento foi péssimo'?"),
    ("pt", "Categorize estes chamados em hardware, software ou rede: 1) impressora travada 2) wi-fi caiu"),
    ("fr", "Étiquette le sentiment de ce commentaire : « Livraison rapide, produit conforme. »"),
    ("fr", "Ce message est-il positif, négatif ou neutre ? « Bon, ça ira pour cette fois. »"),
    ("de", "Ordne diese Anfrage einer Kategorie zu: Rechnung, Technik oder Vertrag. „Mein Router blinkt rot.“"),
    ("de", "Ist dieser Kommentar positiv oder negativ? „Nie wieder, total enttäuscht.“"),
    ("ru", "Отзыв положительный или отрицательный? «Доставили вовремя, всё целое»."),
    ("ru", "Классифицируй эти сообщения по темам: оплата, доставка, возврат."),
    ("zh", "判断下面这句话是积极还是消极：“今天又加班到十点。”"),
    ("zh", "这条用户反馈属于哪一类：功能建议、程序错误还是咨询？“能不能加个夜间模式？”"),
    ("ja", "この口コミはポジティブかネガティブか教えて：「店員さんがとても親切でした。」"),
    ("ja", "次のメールをカテゴリに分類して：営業、サポート、その他。「請求書を再発行してください」"),
    ("hi", "यह समीक्षा सकारात्मक या नकारात्मक है? 'खाना बहुत स्वादिष्ट था।'"),
    ("hi", "इस ईमेल की श्रेणी बताओ: बिक्री, सहायता या बिलिंग? 'मेरा बिल दो बार कट गया।'"),
]
CLASSIFY_NEAR = [  # about classification, not a task to do
    ("en", "How does a spam classifier decide whether an email is spam?"),
    ("es", "¿Qué categoría de carnet necesito para conducir una furgoneta?"),
    ("pt", "Quais categorias de CNH existem no Brasil?"),
    ("fr", "Comment fonctionne l'analyse de sentiment dans les réseaux sociaux ?"),
    ("de", "Wie funktioniert eigentlich eine Stimmungsanalyse bei Tweets?"),
    ("ru", "Как работает классификация изображений в нейросетях?"),
    ("zh", "情感分析在电商里有什么用？"),
    ("ja", "感情分析はどんな仕事に使われていますか？"),
    ("hi", "भावना विश्लेषण किस काम आता है?"),
]


@pytest.mark.parametrize("lang,text", CLASSIFY, ids=[f"{c[0]}-{i}" for i, c in enumerate(CLASSIFY)])
def test_classification_tasks_are_rule_8(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("flash", 8), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", CLASSIFY_NEAR, ids=[f"{c[0]}-{i}" for i, c in enumerate(CLASSIFY_NEAR)])
def test_questions_about_classification_stay_general(lang, text):
    c = classify(chat(("user", text)))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


# --- class 2: extraction that lists items or fields out of a given text (rule 6) ---------------------------
EXTRACT = [
    ("en", "Can you list all the tools mentioned in this job ad? 'Experience with Figma, Jira and Notion "
           "required.'"),
    ("en", "Here's my CV:\nAnna Berg - 6 years in logistics, SAP, forklift licence, Swedish and English.\n\n"
           "Pull out her skills and languages."),
    ("es", "Sácame los ingredientes de esta receta: 300 g de arroz, un pimiento rojo, dos dientes de ajo."),
    ("pt", "Quais ingredientes aparecem nesta receita? 'Misture 2 ovos, 1 xícara de açúcar e 200 g de farinha.'"),
    ("fr", "Relève les compétences citées dans ce CV : « Excel, gestion de projet, anglais courant »."),
    ("de", "Zieh mir aus diesem Lebenslauf Namen, Telefonnummer und Berufserfahrung raus: Max Roth, 0171 2233, "
           "8 Jahre Vertrieb."),
    ("ru", "Выпиши из этого резюме навыки и опыт работы: «Java, Spring, 4 года в банке»."),
    ("ru", "Укажи имя и телефон из резюме ниже.\n\nСмирнова Ольга, +7 903 111-22-33, бухгалтер."),
    ("zh", "把这份简历里的技能和工作经历列出来：张磊，Python、SQL，三年数据分析经验。"),
    ("ja", "この履歴書からスキルと資格を抜き出して：山田花子、簿記2級、TOEIC 850点。"),
    ("hi", "इस बायोडाटा से नाम और फ़ोन नंबर निकालो: रीना शर्मा, 98765 43210, 5 साल अनुभव।"),
]
EXTRACT_CHATS = [  # the text is in an earlier turn; the latest turn points back at it
    ("en", ("Recipe: 2 cups flour, 1 tsp baking soda, 3 ripe bananas, 100 g butter.", "Nice, banana bread!"),
     "List the ingredients in it, please."),
    ("es", ("Te pego la receta: 2 tazas de harina, 3 plátanos maduros, 100 g de mantequilla.", "¡Qué rico!"),
     "¿Qué ingredientes aparecen ahí?"),
    ("ru", ("Вот резюме кандидата: Петров Иван, Go, Kubernetes, 7 лет опыта.", "Понял, что нужно сделать?"),
     "Выпиши из него навыки и стаж."),
]
EXTRACT_NEAR = [
    ("en", "List the ingredients for a vegan lasagna."),
    ("en", "What skills should a junior data analyst have?"),
    ("es", "Dime los ingredientes de un buen gazpacho."),
    ("pt", "Liste as habilidades mais pedidas em vagas de TI."),
    ("fr", "Quels sont les ingrédients d'une quiche lorraine ?"),
    ("de", "Welche Zutaten brauche ich für Pfannkuchen?"),
    ("ru", "Какие навыки писать в резюме программиста?"),
    ("zh", "做番茄炒蛋需要哪些食材？"),
    ("ja", "履歴書に書くべきスキルは何ですか？"),
    ("hi", "गाजर का हलवा बनाने की सामग्री क्या है?"),
]


@pytest.mark.parametrize("lang,text", EXTRACT, ids=[f"{c[0]}-{i}" for i, c in enumerate(EXTRACT)])
def test_list_extraction_from_a_given_text_is_rule_6(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("json", 6), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,exchange,text", EXTRACT_CHATS, ids=[c[0] for c in EXTRACT_CHATS])
def test_list_extraction_pointing_back_at_an_earlier_turn_is_rule_6(lang, exchange, text):
    c = classify(after_exchange(exchange, text))
    assert (c.request_type, c.rule) == ("json", 6), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", EXTRACT_NEAR, ids=[f"{c[0]}-{i}" for i, c in enumerate(EXTRACT_NEAR)])
def test_a_list_without_a_source_text_is_not_extraction(lang, text):
    c = classify(chat(("user", text)))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


def test_summarising_a_given_text_stays_rule_8():
    c = classify(chat(("user", "Summarize this recipe in one line: boil pasta, fry garlic, toss with oil and chili.")))
    assert (c.request_type, c.rule) == ("flash", 8)


# --- class 3: proofs with "show that" / "demonstrate" / "justify why" (rule 7) ------------------------------
PROOFS = [
    ("en", "Show that n² - n is even for every integer n."),
    ("en", "Can you demonstrate that the harmonic series diverges?"),
    ("en", "Please justify why the greedy algorithm is optimal here."),
    ("es", "Muestre que la función f(x) = x³ es creciente."),
    ("es", "Demostrar que todo número primo mayor que 2 es impar."),
    ("pt", "Mostre que a sequência 1/n converge para zero."),
    ("pt", "Prove que a soma dos ângulos de um quadrilátero é 360 graus."),
    ("fr", "Montrer que la fonction exponentielle est strictement croissante."),
    ("fr", "Montre-moi que 0,999... = 1."),
    ("de", "Zeig, dass jede Primzahl größer als 2 ungerade ist."),
    ("de", "Weisen Sie nach, dass die Folge beschränkt ist."),
    ("ru", "Покажи, что произведение двух нечётных чисел нечётно."),
    ("ru", "Обоснуйте, почему алгоритм всегда завершается."),
    ("zh", "求证：三角形两边之和大于第三边。"),
    ("ja", "nが奇数ならn²も奇数であることを示しなさい。"),
    ("hi", "दिखाओ कि दो सम संख्याओं का गुणनफल सम होता है।"),
]
PROOFS_NEAR = [
    ("en", "Show me how to set up a sourdough starter."),
    ("en", "The survey results show that most people prefer tea. Any idea why?"),
    ("en", "How can I show that I'm a team player at work?"),
    ("es", "Los datos muestran que los jóvenes leen menos. ¿Qué libros les recomendarías?"),
    ("pt", "A pesquisa mostra que as pessoas dormem pouco. Como dormir melhor?"),
    ("fr", "L'étude montre que les enfants dorment moins. Des conseils ?"),
    ("de", "Studien zeigen, dass Kaffee gesund ist. Stimmt das?"),
    ("ru", "Покажи мне, где в Москве лучшие кофейни."),
    ("zh", "办签证需要开收入证明吗？"),
    ("ja", "地図で駅の場所を示してもらえますか？"),
    ("hi", "मुझे दिखाइए कि यह ऐप कैसे इस्तेमाल करें।"),
]


@pytest.mark.parametrize("lang,text", PROOFS, ids=[f"{c[0]}-{i}" for i, c in enumerate(PROOFS)])
def test_show_that_proofs_are_rule_7(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("reason", 7), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", PROOFS_NEAR, ids=[f"{c[0]}-{i}" for i, c in enumerate(PROOFS_NEAR)])
def test_show_and_findings_are_not_proofs(lang, text):
    c = classify(chat(("user", text)))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


# --- class 4: puzzles with few cue words (rule 7) -------------------------------------------------------------
PUZZLES = [
    ("en", "Three roommates - Zoe, Yara and Xavi - each cook on a different night: Monday, Tuesday or Wednesday. "
           "Zoe doesn't cook on Monday. Xavi cooks the night after Zoe. What night does Yara cook?"),
    ("es", "Tres primas, Lucía, Sara y Nerea, estudian medicina, derecho y arte. Lucía no estudia arte. Nerea no "
           "estudia medicina ni arte. ¿Qué estudia cada una?"),
    ("pt", "Quatro amigos moram num prédio de quatro andares, um por andar. Léo não mora no térreo. Bia mora logo "
           "acima de Léo. Caio não mora no último andar. Quem mora no último andar?"),
    ("pt", "Rita, Júlia e Sônia usam blusas de cores diferentes: azul, verde e branca. Rita não usa azul. Júlia não "
           "usa nem azul nem verde. Qual é a cor da blusa de cada uma?"),
    ("fr", "Trois collègues, Hugo, Léa et Zoé, arrivent au bureau l'un après l'autre. Hugo n'arrive pas le premier. "
           "Zoé arrive juste après Léa. Qui arrive en dernier ?"),
    ("de", "Vier Kinder – Mia, Ben, Leo und Ida – sitzen nebeneinander. Mia sitzt nicht neben Ben. Leo sitzt ganz "
           "links. Ida sitzt zwischen Leo und Ben. Wer sitzt ganz rechts?"),
    ("ru", "Трое друзей — Олег, Ира и Саша — пьют чай, кофе и сок. Олег не пьёт кофе. Саша не пьёт ни чай, ни кофе. "
           "Кто пьёт кофе?"),
    ("zh", "小王、小李、小张分别养了猫、狗和鱼。小王不养狗，小李既不养狗也不养鱼。小张养的是什么？"),
    ("ja", "田中さん、鈴木さん、佐藤さんの3人はそれぞれ医者、教師、弁護士です。田中さんは医者ではありません。鈴木さんは教師でも"
           "医者でもありません。佐藤さんの職業は何ですか？"),
    ("hi", "तीन दोस्त — अनु, बीना और चारु — के पास अलग-अलग पालतू जानवर हैं: कुत्ता, बिल्ली और तोता। अनु के पास कुत्ता नहीं "
           "है। चारु के पास न कुत्ता है न बिल्ली। बीना के पास कौन-सा जानवर है?"),
]
PUZZLES_NEAR = [
    ("en", "My two sisters and I each want a different dessert tonight. Which bakery in Leeds is best?"),
    ("es", "Tres amigos y yo vamos a Sevilla. ¿Quién conoce un buen hotel?"),
    ("pt", "Meus três irmãos não moram em São Paulo. Qual cidade é melhor para visitar?"),
    ("de", "Drei Freunde von mir trinken keinen Kaffee. Welcher Tee ist ein guter Ersatz?"),
    ("ru", "Трое моих друзей не пьют кофе. Какой чай посоветуешь?"),
    ("zh", "我们三个人周末去杭州，哪家酒店好？"),
    ("ja", "3人で京都に行きます。どのホテルがいいですか？"),
    ("hi", "हम तीन दोस्त गोवा जा रहे हैं। कौन-सा होटल अच्छा है?"),
]


@pytest.mark.parametrize("lang,text", PUZZLES, ids=[f"{c[0]}-{i}" for i, c in enumerate(PUZZLES)])
def test_puzzles_with_few_cue_words_are_rule_7(lang, text):
    c = classify(chat(("user", text)))
    assert (c.request_type, c.rule) == ("reason", 7), (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang,text", PUZZLES_NEAR, ids=[f"{c[0]}-{i}" for i, c in enumerate(PUZZLES_NEAR)])
def test_ordinary_questions_about_a_group_stay_general(lang, text):
    c = classify(chat(("user", text)))
    assert c.request_type == "pro", (c.rule_name, c.evidence)


# --- class 5: a rewrite after a proof turn (rule 8; earlier turns never count) ---------------------------------
REWRITES = [
    ("en", "Thanks. Could you reword this so it's less blunt? 'Your code is wrong.'"),
    ("es", "Gracias. Reformúlame esto más amable: «No me escribas más a esta hora.»"),
    ("pt", "Valeu. Deixa essa mensagem mais formal: 'e aí, manda o relatório'"),
    ("fr", "Merci. Réécris ce mail de façon plus professionnelle : « Salut, t'as vu mon devis ? »"),
    ("de", "Danke! Formuliere den Satz bitte um, er klingt zu hart: „Das ist falsch.“"),
    ("de", "Schreib diese Nachricht neu, aber höflicher: „Ich warte seit Tagen!“"),
    ("ru", "Спасибо. Перефразируй помягче: «Вы опять опоздали»."),
    ("zh", "谢谢。帮我把这句话换个说法，更委婉一点：“你这个方案不行。”"),
    ("ja", "ありがとう。この文を言い換えてください：「早く返事して」"),
    ("hi", "धन्यवाद। इस वाक्य को दूसरे शब्दों में लिखो: 'काम जल्दी खत्म करो।'"),
]


@pytest.mark.parametrize("lang,text", REWRITES, ids=[f"{c[0]}-{i}" for i, c in enumerate(REWRITES)])
def test_a_rewrite_after_a_proof_turn_is_rule_8(lang, text):
    c = classify(after_proof(lang, text))
    assert (c.request_type, c.rule) == ("flash", 8), (c.rule_name, c.evidence)
    assert c.evidence["message"] == 2  # the latest user turn decided it


@pytest.mark.parametrize("lang", list(PROOF_TURN))
def test_a_proof_in_an_earlier_turn_does_not_count(lang):
    c = classify(after_proof(lang, {"en": "Thanks!", "es": "¡Gracias!", "pt": "Valeu!", "fr": "Merci !",
                                    "de": "Danke!", "ru": "Спасибо!", "zh": "谢谢！", "ja": "ありがとう！",
                                    "hi": "धन्यवाद!"}[lang]))
    assert (c.request_type, c.rule) == ("pro", 9)


def test_a_rewrite_in_an_earlier_turn_does_not_count():
    body = chat(("user", "Rewrite this more politely: 'send it now'"), ("assistant", "Could you send it soon?"),
                ("user", "Great. What's a good name for a cat?"))
    assert classify(body).request_type == "pro"


# --- class 6: the documented decisions -------------------------------------------------------------------------
@pytest.mark.parametrize("system", [
    "Always answer in JSON.", "Respond with a JSON object with the keys answer and confidence.",
    "Responde siempre en formato JSON.", "Antworte immer im JSON-Format.", "Всегда отвечай в формате JSON.",
    "常にJSON形式で回答してください。", "हमेशा JSON फ़ॉर्मेट में जवाब दो।",
])
def test_a_json_output_instruction_alone_is_not_rule_6(system):
    c = classify(chat(("user", "What is the tallest mountain in Africa?"), system=system))
    assert (c.request_type, c.rule) == ("pro", 9)


@pytest.mark.parametrize("model,base", [("di-saver", "flash"), ("di-fast", "flash"), ("di", "pro"),
                                        ("di-fusion", "pro"), ("di-max", "pro")])
def test_catalog_ids_lean_by_their_grade(model, base):
    c = classify(chat(("user", "Tell me a fun fact about octopuses."), model=model))
    assert (c.request_type, c.rule, c.base_type) == (base, 9, base)
    # capability still beats the name: a proof on di-saver is reason, a rewrite on di-max is flash
    assert classify(chat(("user", "Show that 7 divides 8^n - 1 for every n."), model=model)).request_type == "reason"
    assert classify(chat(("user", "Rephrase this politely: 'move'"), model=model)).request_type == "flash"
