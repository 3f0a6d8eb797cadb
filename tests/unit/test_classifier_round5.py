"""Issue 13, fifth round: the miss classes of held-out batch 4, in the nine languages, with near-misses.

The classes were reported by description only (the held-out items stay unseen):

1. logic puzzles as the latest turn of a multi-turn chat, and romanised Hindi ("Hinglish") cues for rules 6-8;
2. extraction whose source text is not in the latest message (pasted in an earlier user turn, or the extractor
   role in the system prompt), and English extraction in other words ("pull the ... out of", "give me the names
   ... from");
3. argument validity / syllogisms — rule 7;
4. a technical comparison in prose ("what are the trade-offs between SSR and CSR?") — rule 9, not reasoning;
5. rule 8 tasks in multi-turn chats at effort low / medium, in more verb forms (resume/resuma/faça um resumo,
   сократи/сократить, "polite bana do");
6. stack traces of Node, Python, Java, Go, Rust, .NET, Ruby, PHP — rule 5;
7. the flagged ambiguities (README rule notes): a translation whose text is a proof is rule 8 (the proof is the
   payload); ``gpt-3.5-turbo`` leans ``flash`` (rule 9), ``gpt-4-turbo`` ``pro``.

Every request goes to ``gpt-4o`` unless said otherwise, so ``pro`` means "rule 9, nothing special".
"""

from __future__ import annotations

import pytest

from .classifier_chats import after_exchange, chat, classify

TALK = ("Hi! Can I ask you something?", "Of course - what do you need?")


def in_chat(text: str) -> dict:
    return after_exchange(TALK, text)


# --- 1: puzzles in a chat, Hinglish ----------------------------------------------------------------------------
PUZZLES_AND_HINGLISH = [
    ("Ein Rätsel für dich: Anna, Ben und Clara wohnen in drei verschiedenen Häusern. Anna wohnt nicht im roten Haus. "
     "Ben wohnt weder im roten noch im blauen Haus. Wer wohnt im roten Haus?", "reason"),
    ("Un acertijo lógico: Luis, Marta y Pablo tienen mascotas distintas. Luis no tiene perro. Marta no tiene ni "
     "perro ni gato. ¿Quién tiene el perro?", "reason"),
    ("Sabit karo ki har prime number 2 se bada odd hota hai.", "reason"),
    ("Siddh karo ki 3 ka square 9 hai.", "reason"),
    ("Ye sawaal step by step samjhao: 5 pen 20 rupaye ke, 8 pen kitne ke?", "reason"),
    ("Is article ka summary do: 'Sarkar ne naye niyam lagu kiye hain.'", "flash"),
    ("Ise Hindi mein translate karo: 'See you tomorrow.'", "flash"),
    ("Is mail ko polite bana do: 'Paise kab doge?'", "flash"),
    ("Is line ko dobara likho: 'kal milte hai'", "flash"),
    ("Is comment ko positive ya negative mein classify karo: 'Bahut badiya phone!'", "flash"),
    ("Is message se naam aur date nikalo: 'Anita ki shaadi 12 March ko hai.'", "json"),
    ("Kal ka mausam kaisa rahega?", "pro"),
    ("Mujhe puzzles pasand hain, koi acchi book batao?", "pro"),
]


@pytest.mark.parametrize(("text", "want"), PUZZLES_AND_HINGLISH)
def test_puzzles_in_a_chat_and_hinglish_cues(text, want):
    assert classify(in_chat(text)).request_type == want


# --- 2: extraction whose source is elsewhere -------------------------------------------------------------------
PASTED = ("Here is the email: 'Hi, the review is on 4 May and the launch on 1 June. Cheers, Dana'", "Got it.")


@pytest.mark.parametrize(("text", "want"), [
    ("Extract the dates from the email I sent you.", "json"),
    ("Extrae las fechas del correo que te pasé.", "json"),
    ("Pull the dates and the sender's name out of it.", "json"),
    ("Upar wale mail se dates nikaal do.", "json"),
    ("Thanks, that's all for today.", "pro"),
    ("List five famous scientists.", "pro"),
])
def test_extraction_from_an_earlier_turn(text, want):
    assert classify(after_exchange(PASTED, text)).request_type == want


@pytest.mark.parametrize(("system", "user"), [
    ("You extract the invoice number, the dates and the total from the user's text.",
     "Invoice 88 from Kappa GmbH, 2 Feb 2025, total €410."),
    ("Extraia nome, telefone e cidade do texto do usuário.", "Sou o Rui, 91 234 5678, Porto."),
    ("Eres un extractor de datos: devuelve nombre y ciudad.", "Soy Ana y vivo en Bilbao."),
    ("Du extrahierst Name und Datum aus dem Text.", "Herr Vogel, Termin am 3. Juni."),
    ("Ты извлекаешь имена и даты из текста пользователя.", "Ольга приедет 5 мая."),
])
def test_an_extractor_role_in_the_system_prompt(system, user):
    assert classify(chat(("user", user), system=system)).request_type == "json"


@pytest.mark.parametrize(("text", "want"), [
    ("Pull the names and amounts out of this note: 'Ana owes Raj $30.'", "json"),
    ("What people and places are mentioned in this paragraph? 'Ada met Tom in Oslo.'", "json"),
    ("Give me the names, dates and amounts from this message: 'Tom paid Ana $50 on 2 June.'", "json"),
    ("Summarize this message: 'Tom paid Ana $50 on 2 June.'", "flash"),
    ("Give me the names of three good sci-fi novels.", "pro"),
])
def test_english_extraction_in_other_words(text, want):
    assert classify(chat(("user", text))).request_type == want


# --- 3: argument validity --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("All dogs bark. Rex barks. So Rex is a dog. Is this argument valid? Reason it through.", "reason"),
    ("If it snows, school closes. School closed. Does the conclusion that it snowed follow?", "reason"),
    ("Todos los gatos maúllan. Tom maúlla. Luego Tom es un gato. ¿Es válido este razonamiento?", "reason"),
    ("Esse silogismo é válido? Todo peixe nada; o pato nada; logo o pato é peixe.", "reason"),
    ("Ce raisonnement est-il valide ? Tous les chats sont gris ; Félix est gris ; donc Félix est un chat.", "reason"),
    ("Ist dieses Argument gültig? Alle Vögel fliegen, Tux ist ein Vogel, also fliegt Tux.", "reason"),
    ("Все кошки — животные. Мурка — животное. Значит, Мурка — кошка. Верно ли это рассуждение?", "reason"),
    ("所有人都会死。苏格拉底是人。所以苏格拉底会死。这个推理有效吗？", "reason"),
    ("この三段論法は妥当ですか？すべての鳥は飛ぶ。ペンギンは鳥だ。ゆえにペンギンは飛ぶ。", "reason"),
    ("सभी पक्षी उड़ते हैं। तोता पक्षी है। इसलिए तोता उड़ता है। क्या यह तर्क वैध है?", "reason"),
    ("Kya yeh tark sahi hai? Sab kutte bhaunkte hain, Moti bhaunkta hai, isliye Moti kutta hai.", "reason"),
    ("Is my driving licence valid in Canada?", "pro"),
    ("¿Es válido este cupón todavía?", "pro"),
])
def test_argument_validity(text, want):
    assert classify(chat(("user", text))).request_type == want


# --- 4: comparisons in prose -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("What are the trade-offs between server-side rendering and client-side rendering?", "pro"),
    ("Redis vs Memcached: pros and cons?", "pro"),
    ("¿Cuáles son los pros y contras de Kubernetes?", "pro"),
    ("Quais são as vantagens e desvantagens do GraphQL?", "pro"),
    ("Quels sont les avantages et inconvénients de Rust ?", "pro"),
    ("Was sind die Vor- und Nachteile von Kafka?", "pro"),
    ("Какие плюсы и минусы у микросервисов?", "pro"),
    ("微服务有哪些优缺点？", "pro"),
    ("Weigh the trade-offs of SSR and CSR for our shop and recommend one.", "reason"),
    ("Compare the pros and cons of leasing versus buying a car.", "reason"),
    ("Analiza los pros y contras de mudarme a Madrid.", "reason"),
    ("Vergleiche die Vor- und Nachteile beider Angebote.", "reason"),
    ("Проанализируй плюсы и минусы этих двух вариантов.", "reason"),
    ("请分析一下这两个方案的优缺点。", "reason"),
])
def test_a_comparison_in_prose_is_not_reasoning(text, want):
    assert classify(chat(("user", text))).request_type == want


# --- 5: rule 8 in a chat at effort low / medium ----------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Resume este texto: 'A loja fecha às 18h aos sábados.'",
    "Resuma, por favor: 'O voo foi remarcado para amanhã.'",
    "Faça um resumo deste e-mail: 'Precisamos do relatório até sexta.'",
    "Сократи этот текст: «Мы будем рады видеть вас на нашем мероприятии.»",
    "Нужно сократить абзац: «Доставка бесплатная при заказе от 3000 рублей.»",
    "Is message ko polite bana do: 'Kaam jaldi karo.'",
    "Resume este texto en una línea: «Mañana cerramos a las cinco.»",
    "Kürze diesen Satz: „Wir danken Ihnen vielmals für Ihr Verständnis.“",
    "把这段话缩短：“感谢您一直以来对我们工作的大力支持。”",
])
@pytest.mark.parametrize("effort", ["low", "medium", "auto"])
def test_rule8_in_a_chat_keeps_flash_at_low_effort(text, effort):
    assert classify(in_chat(text), effort=effort).request_type == "flash"
    assert classify(in_chat(text), effort="high").request_type == "pro"


@pytest.mark.parametrize("text", [
    "I saved my CV as resume_final.docx - is that a good file name?",
    "Can I resume a paused download in Chrome?",
])
def test_resume_as_an_english_word_is_not_a_task(text):
    assert classify(chat(("user", text))).request_type == "pro"


# --- 6: stack traces -------------------------------------------------------------------------------------------
TRACES = [
    "TypeError: Cannot read properties of undefined (reading 'id')\n    at Object.<anonymous> (/app/server.js:12:5)\n"
    "    at Module._compile (node:internal/modules/cjs/loader:1105:14)",
    "Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1494:16)",
    "Traceback (most recent call last):\n  File \"/srv/app.py\", line 3, in <module>\n    x = d['k']\nKeyError: 'k'",
    "Exception in thread \"main\" java.lang.IllegalStateException: boom\n\tat com.acme.App.run(App.java:17)\n"
    "Caused by: java.io.IOException: closed",
    "panic: runtime error: invalid memory address or nil pointer dereference\n\ngoroutine 1 [running]:\n"
    "main.main()\n\t/home/u/main.go:9 +0x18",
    "thread 'main' panicked at src/main.rs:4:5:\nattempt to divide by zero",
    "Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n"
    "   at System.Linq.Enumerable.First[TSource](IEnumerable`1 source)\n   at Shop.Program.Main() in /src/Program.cs:line 8",
    "app/models/user.rb:12:in `full_name': undefined method `upcase' for nil:NilClass (NoMethodError)\n"
    "\tfrom app/main.rb:3:in `<main>'",
    "PHP Fatal error:  Uncaught TypeError: count(): Argument #1 must be of type Countable in /var/www/a.php:5\n"
    "Stack trace:\n#0 {main}",
]


@pytest.mark.parametrize("trace", TRACES)
@pytest.mark.parametrize("lead", ["Mon serveur plante :\n", "Any idea?\n\n", "これは何のエラー？\n"])
def test_stack_traces_are_code_in_a_chat(trace, lead):
    assert classify(in_chat(lead + trace)).request_type == "code"


def test_a_trace_in_an_earlier_turn_does_not_count():
    body = after_exchange(("Help!\n" + TRACES[0], "Your object is undefined at line 12."), "Thanks, fixed it!")
    assert classify(body).request_type == "pro"


# --- 7: the flagged ambiguities --------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("Translate into Spanish: 'Theorem. There are infinitely many primes. Proof: suppose there are finitely many; "
     "their product plus one has a new prime factor, a contradiction.'", "flash"),
    ("Translate this into German: \"Prove that √2 is irrational. Proof: assume √2 = p/q in lowest terms...\"",
     "flash"),
    ("Prove that √2 is irrational, then translate the proof into German.", "reason"),
])
def test_a_translation_whose_text_is_a_proof(text, want):
    assert classify(chat(("user", text))).request_type == want


@pytest.mark.parametrize(("model", "want"), [("gpt-3.5-turbo", "flash"), ("gpt-35-turbo", "flash"),
                                             ("gpt-4-turbo", "pro")])
def test_turbo_ids(model, want):
    assert classify(chat(("user", "Tell me about otters."), model=model)).request_type == want
