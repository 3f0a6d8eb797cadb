"""Generate ``classification_corpus.jsonl``: labelled requests for the classifier accuracy test.

Run ``python tests/data/make_corpus.py`` (deterministic; the JSONL is committed).

How the corpus is built
-----------------------
* Every prompt below was written by hand to look like real gateway traffic (chat UIs, coding assistants,
  agent frameworks, batch pipelines, the three wire shapes) in many languages, and labelled by reading it
  against the product's rule table — not by running the classifier. Labels follow these judgements:

  - ``code``: the latest user turn or the system prompt carries code-*shaped* text (fenced code, a
    diff, a stack trace or compiler output, a repository path or source file name, a shell session or
    command line, inline code with code syntax, unfenced source). A programming *question* without
    such text is prose like any other (since issue 13; batches 1-3 said "asks a programming question"
    and were relabelled, see :data:`RELABELLED`). Earlier user turns and assistant turns never count;
  - ``json``: a response schema, or extraction language (pulling items or fields out of a given text, or
    turning a given text into JSON); since round 4 an instruction about the form of the answer alone
    ("respond in JSON") is not ``json`` (README rule notes; see :data:`RELABELLED_R4`);
  - ``reason``: the user asks for explicit multi-step reasoning, a proof or derivation, a plan, a
    trade-off analysis or to weigh options and pick one, a puzzle or a math word problem ("which is
    better, X or Y?" alone is general chat);
  - ``flash`` (rule 8): a simple summarize / classify / translate / rewrite / "reply with X" task
    (``pro`` at effort high and above);
  - otherwise the model-intent base type: ``flash`` for cheap-intent ids (mini, nano, flash, haiku,
    lite, gpt-3.5, small open models, di-saver), else ``pro``.

* Near-misses are deliberate: prose that mentions JSON, "step", "plan", "prove", "translate" or
  programming words casually, numbers followed by everyday "how much" questions, code only in an earlier
  *assistant* turn, "summarize this" around a stack trace, etc. Some of them are hard on purpose and are
  expected to stay misses; the test prints every miss.
* Envelopes vary deterministically: model ids, surfaces (OpenAI / Anthropic / Gemini shapes), system
  prompts that carry no signal, earlier turns, content as a string or as parts.
* Very long inputs are stored compactly: a string ``<<FILL:kind:N>>`` is expanded by the test to ``N``
  characters of realistic filler (``prose``, ``log`` or ``cjk``), see :func:`expand_fill`.

Each line: ``{"id", "label", "batch", "request", "headers"?, "query"?, "model"?, "note"?, "lang"?,
"label_v1"?, "relabel"?}``. ``batch`` says who wrote the item and when (:data:`BATCHES`); ``label_v1``
and ``relabel`` keep the label before the issue 13 relabelling and the reason for it.

Measurement history (be honest about what was tuned on what)
------------------------------------------------------------
1. Main batch (338 requests), first run: 94.4 %. Four of the 19 misses were a bug in this file's
   filler expansion (markers inside a longer string were not expanded), so 95.6 % for the classifier.
   The other misses led to general fixes: "plan" only as a request ("plan a/my", "help me plan"),
   "proof of" no longer reasoning (proof of address/concept), "game theory" dropped, a word problem needs
   two numbers before its question, "make this <noun> more polite", ASCII words inside CJK text
   (``Pythonで``), "convert ... to JSON", ``div``/``vim``/``fetch``. After: 99.4 % on the main batch.
2. Held-out batch 1 (86 requests, note ``holdout``), written after round 1 and run once: 82.6 %
   (15 misses: coding questions without code words, tone classification, "gist", pandas/jest/commit,
   "advantages and disadvantages", derivatives, a German "Plan", Monty Python / "code word" / Java the
   island). General fixes for most of them; still missed: Java the island.
3. Held-out batch 2 (45 requests, note ``holdout2``), written after round 2 and never tuned on:
   95.6 % (misses: a CORS error question, "how to store passwords in a database").

   Remaining misses then: 6 of 469 (98.7 %).
4. Issue 13 (rule 5 by shape only, text scope enforced, nine-language lexicons). Fresh sets written
   from the rule table had scored 89-94 %. 47 items of batches 1-3 were relabelled (45 code -> base
   type, 2 code -> reason; each keeps ``label_v1`` and a reason): they were ``code`` for programming
   vocabulary or for code in an earlier user turn, which the rule table does not support. On the 469
   items of batches 1-3 the new classifier scores 99.4 % against the new labels and 89.3 % against the
   old ones (the gap is exactly the 47 relabelled items); the previous classifier scored 98.7 % against
   the old labels and 89.6 % against the new ones. Batch 4 (166 requests, nine languages, note
   ``dev-i13``) was written by the issue 13 engineer while drafting the lexicons; first run 163/166
   (98.2 %; misses: "turn this into a more formal sentence", a French "quelle est sa vitesse moyenne",
   a Japanese いくら question), then tuned on; the previous classifier scores 70.5 % on it (Hindi 7/18,
   Chinese 11/18). It is a development set, not a held-out one: the held-out
   batch of issue 13 lives elsewhere and is scored once by someone who did not tune on it.
5. Issue 13, round 2. Held-out batch 1 (scored by the lead, never seen here) agreed on 94.3 %; its misses
   were reported by class only: extraction asked in other words, word problems (timetable, mixture,
   probability), simple tasks (proofreading, a polite register, a translator system prompt, translation in
   other words) and one general question read as reasoning. Batch 5 (148 requests, note ``dev-i13r2``,
   nine languages, multi-turn latest turns, near-misses) was written from those class descriptions and the
   rule table *before* changing the classifier; first run 70/148 (47.3 %: json 5/28, reason 16/29, flash
   18/32, pro 31/59), then tuned on (general fixes, no sentence patterns) to 148/148. Batches 1-4 were
   unchanged by the round (632/635 before and after, the same three misses).
6. Issue 13, round 3. Held-out batch 2 (243 requests, scored by the lead, never seen here) agreed on 94.2 %
   (reason recall 79 %); its misses were reported by class only: logic puzzles posed without a cue word
   (seating, zebra, knights and knaves, a liar puzzle, a puzzle after small talk, two trains meeting),
   questions *about* a simple task read as the task ("how should I summarize a book?"), code shape missed (a
   JSON document in a fenced block, a Windows path), colloquial extraction in a Russian chat ("вытащи ... оформи
   таблицей"), and an opinion question read as reasoning. Batch 6 (137 requests, note ``dev-i13r3``, nine
   languages, multi-turn latest turns, near-misses: puzzles as a topic, "how do I summarize", file names that
   are not paths, "put them in a table" without a source text) was written from those class descriptions and
   the rule table *before* changing the classifier; first run 62/137 (45.3 %: code 1/19, json 6/10, reason
   3/31, flash 30/34, pro 22/43); batches 1-5 scored 780/783 at the same time. Then tuned on (general
   rules, no sentence patterns) to 137/137, and checked against a fresh 70-item probe written afterwards
   (first run 61/70; now in ``tests/unit/test_classifier_round3.py``). Batches 1-5 were unchanged by the
   round (780/783 before and after, the same three misses).

7. Issue 13, round 4. Held-out batch 3 (scored by the lead, never seen here) agreed on 96.5 %; its misses were
   reported by class only: a Portuguese sentiment classification, list extraction from a pasted recipe and
   fields from a Russian résumé, a French "montre que" proof, a Portuguese puzzle with few cue words, a German
   rewrite after an earlier proof turn, and two items the writer flagged as ambiguous (a system prompt asking
   for JSON output; a ``di-saver`` id). Batch 7 (118 requests, note ``dev-i13r4``, nine languages, multi-turn,
   near-misses) was written from those descriptions and the rule table *before* changing the classifier; first
   run 60/118 (50.8 %: json 5/15, reason 12/29, flash 23/48, pro 20/26), then tuned on (general rules and
   lexicon data, no sentence patterns) to 118/118. The two ambiguous classes were decided by the README table
   and the DirectInference reference (README rule notes): a JSON output instruction alone is rule 9, so 13
   items of batches 1-4 labelled ``json`` for that alone were relabelled (:data:`RELABELLED_R4`, each keeps
   ``label_v1``, ``relabel`` and ``relabel_round``); ``di-saver`` keeps leaning ``flash``. Batches 1-6: 917/920
   before the round, 917/920 after (the same three misses; 13 of the 920 labels changed as described).

8. Issue 13, round 5. Held-out batch 4 (297 requests, scored by the lead, never seen here) agreed on 94.9 %; its
   misses were reported by class only: logic puzzles as the latest turn of a chat and romanised Hindi cues,
   extraction whose source is an earlier user turn or whose extractor role is the system prompt, argument
   validity, a technical comparison in prose read as reasoning, rule 8 verb forms in chats at low effort, a Node
   stack trace, and two flagged ambiguities (a translation whose text is a proof; ``gpt-3.5-turbo``). Batch 8 (84
   requests, note ``dev-i13r5``, nine languages, multi-turn, near-misses) was written from those descriptions and
   the rule table *before* changing the classifier; first run 56/84 (66.7 %: reason 8/21, flash 15/22, json
   13/17, pro 11/15, code 9/9), then tuned on (general rules and lexicon data) to 84/84. Four items of batches
   1-4 that only ask what the trade-offs / pros and cons are were relabelled ``reason`` -> base type
   (:data:`RELABELLED_R5`, README rule notes). Batches 1-7: 1035/1038 before the round (old labels), 1035/1038
   after (new labels; the same three misses).

9. Issue 13, round 7. Held-out batch 5 (scored by the lead, never seen here); its misses were reported by class
   only. Batch 9 (38 requests, note ``dev-i13r6``) was written by the round-6 engineer from those descriptions
   and the rule table *before* changing the classifier; first run 26/38 (68.4 %: rule 8 category / label / tag /
   triage / sentiment requests in Hindi, Hinglish, German, Chinese and English, a near-miss "Welche Kategorie von
   Hotels empfiehlst du?", Hinglish profit / discount word problems, Hinglish puzzles, "pull out the action
   items and who owns each one"); wired in and tuned on in round 7 (general lexicon data in nine languages and
   Hinglish) to 38/38. Batches 1-8: 1119/1122 before the round, 1119/1122 after (the same three misses; no
   label changed).

Remaining misses are listed by the test; they are kept, not relabelled.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "classification_corpus.jsonl"

FILL_TEXT = {
    "prose": (
        "The harbour town woke slowly that spring. Fishing boats came back later than usual, and the "
        "market stalls opened only when the fog lifted from the water. Most families had lived there for "
        "generations, and the older residents still remembered the storm that flooded the lower streets. "
        "Tourists arrived in small groups, asking about the lighthouse and the old chapel on the hill. "
    ),
    "log": (
        "2024-05-02 10:14:07 INFO request served path=/api/orders status=200 duration_ms=41 user=anon\n"
        "2024-05-02 10:14:08 INFO cache refresh completed entries=1832 took_ms=12\n"
        "2024-05-02 10:14:09 WARN slow upstream host=pricing latency_ms=930 retry=1\n"
    ),
    "cjk": "春天的港口小镇醒得很慢。渔船比往常回来得晚，市场摊位直到海面上的雾散去才开门。大多数家庭在这里生活了好几代。",
}


_FILL_RE = re.compile(r"<<FILL:(\w+):(\d+)>>")


def expand_fill(value):
    """Replace ``<<FILL:kind:N>>`` markers (anywhere in a JSON value) with N characters of filler."""
    if isinstance(value, str):
        if "<<FILL:" not in value:
            return value

        def fill(m: re.Match) -> str:
            base = FILL_TEXT[m.group(1)]
            n = int(m.group(2))
            return (base * (n // len(base) + 1))[:n]

        return _FILL_RE.sub(fill, value)
    if isinstance(value, list):
        return [expand_fill(v) for v in value]
    if isinstance(value, dict):
        return {k: expand_fill(v) for k, v in value.items()}
    return value


# ------------------------------------------------------------------------------------------------------
# Model ids and their intended base type (human judgement, see the docstring)
# ------------------------------------------------------------------------------------------------------
PRO_MODELS = ["gpt-4o", "gpt-5", "claude-sonnet-4-6", "claude-opus-4-1", "gemini-2.5-pro", "di",
              "di-fusion", "di-max", "o3", "gpt-4.1", "deepseek-chat", "llama-3.3-70b-instruct",
              "mistral-large-latest", "gpt-4-turbo", "acme-internal-v7", "claude-3-opus-20240229",
              "anthropic.claude-3-5-sonnet-20241022-v2:0", "ft:gpt-4o:acme:support:abc123"]
FLASH_MODELS = ["gpt-4o-mini", "gpt-5-mini", "gpt-5-nano", "claude-3-5-haiku-20241022", "claude-haiku-4-5",
                "gemini-2.5-flash", "gemini-2.0-flash-lite", "di-saver", "di-fast", "gpt-3.5-turbo",
                "o4-mini", "mistral-small-latest", "llama3:8b", "qwen2.5-7b-instruct", "gpt-4.1-nano",
                "llama-3.1-8b-instant"]

NEUTRAL_SYSTEMS = [
    "You are a helpful assistant.",
    "You are a friendly assistant for Acme Travel. Keep answers short and warm. Never make up prices.",
    "You are ChatBot, a large language model. Answer as concisely as possible. Current date: 2025-03-14.",
    "Tu es un assistant serviable. Réponds en français.",
    "You are a patient tutor for high-school students. Encourage them and avoid jargon.",
    "Respond in a friendly tone. If you do not know something, say so honestly.",
]

HISTORY_SNIPPETS = [
    ("Hi! Quick question for you.", "Of course — what would you like to know?"),
    ("Thanks for the help earlier with my trip.", "You're welcome! Happy to help again."),
    ("Can you keep your answers short today?", "Sure, I'll keep it brief."),
    ("I'm back with another question.", "Great, go ahead!"),
]

# ------------------------------------------------------------------------------------------------------
# Prompts. Each entry: (prompt, label) where label "BASE" means the model-intent base type.
# ------------------------------------------------------------------------------------------------------
GENERAL = [
    "What's the best way to keep basil alive on a windowsill?",
    "Who won the 2018 World Cup and who was the top scorer?",
    "I'm feeling nervous about my job interview tomorrow. Any tips?",
    "Can you recommend some sci-fi novels similar to The Expanse?",
    "What is the capital of Australia?",
    "Explain how vaccines train the immune system.",
    "Write a short poem about autumn rain in Kyoto.",
    "Give me ideas for a 7-year-old's birthday party theme.",
    "What does the word 'sonder' mean?",
    "Tell me a joke about penguins.",
    "How do I get red wine out of a carpet?",
    "Is it safe to eat raw cookie dough?",
    "What are the main causes of inflation?",
    "Why is the sky blue?",
    "What's the difference between a crocodile and an alligator?",
    "Write a haiku about coffee.",
    "Draft a friendly email to my landlord asking him to fix the heating this week.",
    "Quelle est la meilleure saison pour visiter la Provence ?",
    "¿Qué me recomiendas ver en Madrid en un fin de semana?",
    "Was ist der Unterschied zwischen Grippe und Erkältung?",
    "東京でおすすめのラーメン屋はどこですか？",
    "北京有哪些适合带孩子去的地方？",
    "Какие книги ты посоветуешь для изучения истории России?",
    "Qual é a melhor forma de aprender a tocar violão sozinho?",
    "Mi consigli un buon vino da abbinare alla carbonara?",
    "제주도 여행할 때 꼭 가봐야 할 곳 추천해 줘",
    "ما هي أفضل طريقة لتعلم اللغة الإنجليزية بسرعة؟",
    "मुझे वजन कम करने के लिए कुछ आसान टिप्स बताओ",
    "Hi!",
    "hello, are you there?",
    "Can you help me come up with a name for my bakery? It's small, cozy and mostly sells sourdough.",
    "What's a good stretching routine for lower back pain?",
    "How does compound interest work?",
    "Who painted the Girl with a Pearl Earring?",
    "Write a limerick about a cat who loves lasagna.",
    "What should I pack for a week in Iceland in October?",
    "How many people live in Tokyo?",
    "How much does it cost to replace a car battery, roughly?",
    "I stepped on a rusty nail yesterday, do I need a tetanus shot?",
    "What are the first steps after a minor car accident?",
    "My phone plan is too expensive, what are cheaper alternatives in the UK?",
    "I plan to visit Lisbon in May. What's the weather usually like?",
    "The new policy proved unpopular. Why do people resist change at work?",
    "Tell me about Jason and the Argonauts.",
    "What's the summary judgment procedure in US civil courts?",
    "Write a story about a dragon who is afraid of fire.",
    "What's a good name for a golden retriever puppy?",
    "Can you think of a fun caption for a photo of my dog at the beach?",
    "Which step of a US visa application usually takes the longest?",
    "Step one of my bread recipe says to bloom the yeast. What does that mean?",
    "We'll plan the wedding next year; for now, what flowers are in season in June?",
    "My teacher says I need to show my work more. How do I explain that to my parents?",
    "How many calories are in 2 boiled eggs?",
    "What were the main achievements of the Meiji Restoration?",
    "Give me three fun facts about octopuses.",
    "What is the difference between weather and climate?",
    "Tell me something interesting about the history of chess.",
    "What's a polite way to decline a wedding invitation?",
    "Recommend a podcast about economics for beginners.",
    "What do you think about pineapple on pizza?",
    "Write a toast for my sister's wedding. She loves hiking and bad puns.",
    "Explain the offside rule in football.",
    "Como faço para tirar manchas de café de uma camisa branca?",
    "Wie lange sollte ich ein Ei kochen, damit es wachsweich ist?",
    "Quels sont les symptômes d'une carence en vitamine D ?",
    "Почему кошки мурлычут?",
    "为什么猫喜欢把东西从桌子上推下去？",
    "日本の夏祭りについて教えてください。",
    "I exported my Spotify history and got a bunch of JSON files. Is there a website that shows my top artists without coding?",
    "My cousin works with Python snakes at the zoo. What do pythons eat?",
    "What's the story behind the Rosetta Stone and how was it deciphered?",
    "Describe a typical day for a medieval blacksmith.",
    "What are good houseplants for a dark apartment?",
    "How did the printing press change Europe?",
    "Suggest a weekend itinerary-free trip vibe: just tell me three relaxing things to do in Kyoto.",
]

SIMPLE = [
    "Summarize the following article in three bullet points:\n\n<<FILL:prose:1600>>",
    "TL;DR this please:\n\n<<FILL:prose:900>>",
    "Translate to Spanish: 'Where is the nearest pharmacy?'",
    "Translate this into English: Je voudrais réserver une table pour deux personnes ce soir.",
    "Classify the sentiment of this review as positive, negative or neutral: 'The battery died after two days.'",
    "Is this email spam? 'Congratulations! You've won a $1000 gift card, click here to claim it now.'",
    "Rewrite this paragraph to sound more professional: hey guys, the meeting is moved to 3, dont be late pls",
    "Fix the grammar: me and him goes to the store yesterday and buyed apples",
    "Proofread my cover letter:\n\nDear Hiring Manager, I am writting to apply for the position of marketing assistent at your company. I have three years of experiance in social media.",
    "Paraphrase: 'The early bird catches the worm.'",
    "Make this email more polite: Send me the files today. I've asked three times already.",
    "Shorten this to under 30 words: Our quarterly results exceeded expectations thanks to strong demand in Europe and a successful product launch, although supply chain costs remain a concern for the coming months.",
    "Résume ce texte en deux phrases :\n\n<<FILL:prose:700>>",
    "Traduce al inglés: 'Mañana tengo una reunión muy importante con mi jefe.'",
    "Fasse diesen Artikel in drei Sätzen zusammen:\n\n<<FILL:prose:800>>",
    "请把下面这段话翻译成英文：我们明天早上九点在会议室开会。",
    "次の文章を要約してください：\n\n<<FILL:cjk:400>>",
    "Переведи на английский: Я опоздаю на десять минут, начинайте без меня.",
    "Resuma este texto em uma frase:\n\n<<FILL:prose:600>>",
    "Riassumi questo paragrafo in poche parole:\n\n<<FILL:prose:500>>",
    "다음 문장을 영어로 번역해 주세요: 오늘 날씨가 정말 좋네요.",
    "Categorize these expenses into food, transport or housing: Uber $23, groceries $80, rent $1200, pizza $18.",
    "Label each of these tweets as positive or negative:\n1. Loving the new update!\n2. App keeps crashing, so annoying.\n3. Best customer service ever.",
    "Reply with exactly PONG.",
    "Answer with yes or no: is Paris the capital of France?",
    "Give me a one-sentence summary of this meeting transcript:\n\n<<FILL:prose:1200>>",
    "What does 'carpe diem' mean in English?",
    "How do you say 'thank you very much' in Japanese?",
    "Simplify this sentence for a child: 'Photosynthesis is the process by which plants convert light energy into chemical energy.'",
    "Reword this title so it's catchier: '10 Tips for Better Sleep'",
    "Correct the spelling in this text: I recieved you're mesage yesturday and will reply tommorow.",
    "<<FILL:prose:2400>>\n\nCan you summarize the above in 3 bullets?",
    "Please translate the following into French:\n\nThe museum is closed on Mondays. Tickets can be bought online.",
    "Can you rephrase this so it doesn't sound rude? 'Your proposal is confusing and too long.'",
    "Summarise this customer complaint in one line: I ordered a blue jacket, received a red one, and nobody answers my emails.",
    "Is this review positive or negative? 'Honestly the food was cold and the waiter ignored us.'",
    "Traduis en anglais : « Il pleut des cordes depuis ce matin. »",
    "Übersetze ins Deutsche: 'The package will arrive on Thursday.'",
    "把这句话改写得更正式一些：老板，明天我不来了，家里有事。",
    "Перефразируй, пожалуйста: «Мы не успеваем к сроку из-за болезни коллеги».",
    "Reescribe este mensaje para que suene más amable: 'Necesito el informe ya.'",
    "Classifique o sentimento desta frase: 'Adorei o atendimento, voltarei com certeza!'",
]

CODE_TEXT = [
    "What does this error mean?\n\nTraceback (most recent call last):\n  File \"app.py\", line 12, in <module>\n    main()\n  File \"app.py\", line 8, in main\n    total = sum(prices) / len(prices)\nZeroDivisionError: division by zero",
    "summarize this please\n\nException in thread \"main\" java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"name\" is null\n\tat com.acme.users.UserService.validate(UserService.java:42)\n\tat com.acme.users.UserController.create(UserController.java:27)",
    "I keep getting TypeError: Cannot read properties of undefined (reading 'map') when the page loads. The data comes from an API call in useEffect.",
    "panic: runtime error: index out of range [3] with length 3\n\ngoroutine 1 [running]:\nmain.main()\n\t/home/dev/app/main.go:14 +0x1d\nexit status 2\n\nwhy?",
    "error[E0382]: borrow of moved value: `v`\n --> src/main.rs:5:20\n  |\n3 |     let v = vec![1, 2, 3];\n4 |     let w = v;\n5 |     println!(\"{:?}\", v);\n\nHow do I fix this?",
    "Unhandled exception. System.InvalidOperationException: Sequence contains no elements\n   at System.Linq.ThrowHelper.ThrowNoElementsException()\n   at Shop.Orders.GetLatest() in C:\\src\\Shop\\Orders.cs:line 57",
    "Can you review this diff?\n\ndiff --git a/server/auth.py b/server/auth.py\nindex 3f2a1c9..8b7d0e4 100644\n--- a/server/auth.py\n+++ b/server/auth.py\n@@ -10,7 +10,7 @@ def login(user, password):\n-    if user.password == password:\n+    if check_password(password, user.password_hash):\n         return issue_token(user)",
    "Why is this so slow?\n\n```python\nresult = []\nfor row in rows:\n    if row not in result:\n        result.append(row)\n```",
    "Optimize this query:\n\n```sql\nSELECT * FROM orders o WHERE o.customer_id IN (SELECT id FROM customers WHERE country = 'DE') ORDER BY created_at DESC;\n```",
    "def average(xs):\n    return sum(xs) / len(xs)\n\nwhat happens if xs is empty?",
    "Write a Python function that checks whether a string is a palindrome.",
    "How do I reverse a linked list in Java?",
    "Explain what this regex does: ^\\d{3}-\\d{4}$",
    "In src/components/Header.tsx:42 the logo overlaps the menu on mobile. Any idea what CSS to change?",
    "$ npm install\nnpm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\n\nhow do I get past this?",
    "Translate this Python code to JavaScript:\n\n```python\ndef greet(name):\n    return f\"Hello, {name}!\"\n```",
    "Write a SQL query to find the top 5 customers by total revenue.",
    "What's the difference between let and const in JavaScript?",
    "My Dockerfile build fails at the RUN pip install step with a timeout. What can I do?",
    "git rebase vs git merge — which should I use on a shared branch?",
    "Is this deployment config right?\n\n```yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n```",
    "My C++ program prints 'Segmentation fault (core dumped)' right after reading the file. Where should I start looking?",
    "¿Cómo puedo ordenar una lista de diccionarios en Python por una clave?",
    "Comment corriger l'erreur « ModuleNotFoundError: No module named 'requests' » ?",
    "这段代码为什么报错？\n```js\nconst items = [1, 2, 3];\nitems.map(i => i.foo.bar);\n```",
    "Pythonでリストを逆順にする方法を教えてください。",
    "Напиши функцию на Python, которая считает факториал числа.",
    "Here's my code:\n```\nfor i in range(10):\n    print(i)\n```\nHow do I make it print only even numbers?",
    "What is the time complexity of quicksort in the worst case?",
    "Explain recursion like I'm five.",
    "What's a closure in JavaScript?",
    "How do I center a div horizontally and vertically?",
    "Convert this curl command to Python requests: curl -X POST https://api.example.com/v1/items -H 'Authorization: Bearer abc' -d '{\"name\": \"lamp\"}'",
    "Why does my React component re-render twice in development?",
    "What does git stash pop do exactly?",
    "Write unit tests for this function:\n\n```ts\nexport function clamp(x: number, lo: number, hi: number) {\n  return Math.min(hi, Math.max(lo, x));\n}\n```",
    "Can you explain what this error means: Uncaught ReferenceError: process is not defined",
    "Help me debug: my Flask app returns 500 on /login but works locally.",
    "Write a bash script that renames all .txt files in a folder to .md",
    "What are Rust lifetimes, in simple terms?",
    "How do I exit vim?",
    "Can you summarize what this function does?\n\nfunction debounce(fn, ms) {\n  let t;\n  return (...args) => {\n    clearTimeout(t);\n    t = setTimeout(() => fn(...args), ms);\n  };\n}",
    "Our nightly job log ends with this, any clue?\n\n<<FILL:log:3000>>\nTraceback (most recent call last):\n  File \"/opt/jobs/export.py\", line 88, in run\n    conn.commit()\npsycopg2.OperationalError: server closed the connection unexpectedly",
    "Is Python a good first programming language for a 12-year-old?",
    "main.go keeps failing to build after I upgraded to Go 1.22. Where do I look first?",
    "How do I make a GET request with fetch and handle errors properly?",
    "PS C:\\Users\\dev\\app> npm run build\n'vite' is not recognized as an internal or external command\n\nwhat's wrong?",
    ">>> import pandas as pd\n>>> df = pd.read_csv('sales.csv')\n>>> df.groupby('region').sum()\nKeyError: 'region'\n\nbut the column is there!",
    "Refactor this to use async/await:\n\nfetch(url).then(r => r.json()).then(data => render(data)).catch(console.error)",
    "Warum bekomme ich bei meinem Java-Programm eine NullPointerException?",
    "Escribe una función en JavaScript que elimine los duplicados de un array.",
    "user@build-01:~/repo$ make test\ncc -c src/parser.c\nsrc/parser.c:118:9: error: 'token' undeclared (first use in this function)\n\nhelp",
]

JSON_TASKS = [
    "Extract all the dates mentioned in this email and return them as a JSON array.\n\nHi team, the kickoff is on March 3rd, the design review on March 17 and the launch is planned for April 30.",
    "Return a JSON object with fields name, age and city for this person: Maria Lopez, 34, lives in Valencia.",
    "From the job posting below, extract the company name, salary range and location.\n\nAcme Robotics is hiring a Senior Mechanical Engineer in Austin, TX. Salary: $130k–$160k. Hybrid, 3 days on site.",
    "Parse this address into street, city and zip as JSON: 221B Baker Street, London NW1 6XE",
    "Give me the output in JSON format: list three European capitals with their population.",
    "Extract the product names and prices from this receipt:\n\nMilk 1.29\nBread 2.49\nCoffee beans 8.99\nTOTAL 12.77",
    "Pull out all the email addresses from the text below.\n\nContact sales@acme.com or, for press, media@acme.com. Support is at help@acme.io.",
    "Extrae los nombres de las personas mencionadas y devuélvelos en formato JSON: Ayer Juan habló con Lucía y con el doctor Pérez.",
    "Extrais les dates de ce texte au format JSON : La réunion est le 5 mai, la livraison le 12 juin.",
    "Extrahiere alle Preise aus dem folgenden Text als JSON: Das Menü kostet 24 Euro, das Getränk 4,50 Euro.",
    "请从下面的文本中提取所有人名，以JSON格式返回：张伟和李娜昨天见了王老师。",
    "以下の文章から会社名を抽出してJSON形式で出力してください：トヨタとソニーが新しい提携を発表した。",
    "Извлеки все email-адреса из текста и верни в формате JSON: пишите на info@shop.ru или support@shop.ru.",
    "Identify the named entities (people, organisations, places) in this sentence: Tim Cook visited the Apple office in Munich.",
    "Respond only with valid JSON: {\"answer\": string, \"confidence\": number}. Question: what is the boiling point of water at sea level?",
    "Convert this CSV to JSON:\nname,qty\napple,3\npear,5",
    "Read this invoice text and fill in the template with the vendor, invoice number, total and due date.\n\nINVOICE #4471 from Northwind Traders. Amount due: $2,340.00 by 2025-07-01.",
    "Extract key-value pairs from this log line: user=alice action=login ip=10.0.0.7 status=ok",
    "List the ingredients from this recipe as a JSON array of {name, quantity}: 2 eggs, 200 g flour, a pinch of salt.",
    "Get me the title, author and year of every book mentioned here, as structured data: I loved Dune (Frank Herbert, 1965) and Neuromancer by William Gibson from 1984.",
]

REASON = [
    "A bat and a ball cost $1.10 in total. The bat costs $1.00 more than the ball. How much does the ball cost?",
    "Prove that the square root of 2 is irrational.",
    "Derive the formula for the sum of a finite geometric series.",
    "Think step by step: if all bloops are razzies and all razzies are lazzies, are all bloops lazzies?",
    "What are the trade-offs between microservices and a monolith for a five-person startup?",
    "Compare the pros and cons of leasing versus buying a car.",
    "Plan a 5-day itinerary for Rome with two kids under ten.",
    "Create a 12-week marathon training plan for a beginner who runs 10 km a week now.",
    "Solve for x: 3x + 7 = 22",
    "If a train leaves Chicago at 3pm going 60 mph and another leaves the same station at 4pm going 80 mph, when does the second train catch up?",
    "There are three boxes: one has apples, one has oranges, one has both. All labels are wrong. You can pick one fruit from one box. How do you relabel them correctly?",
    "Riddle: what has keys but can't open locks?",
    "Estimate how many piano tuners there are in Chicago.",
    "What is the probability of getting at least one six in four rolls of a fair die?",
    "Walk me through the reasoning: should we raise prices 10% if our demand elasticity is -1.5?",
    "Let's think carefully. Is it better to pay off a 4% mortgage early or invest in index funds?",
    "Design a migration plan to move our on-prem Oracle database to the cloud with minimal downtime.",
    "Explique pas à pas comment résoudre l'équation 2x² - 8 = 0.",
    "Resuelve paso a paso: un tren recorre 300 km en 2 horas, ¿cuál es su velocidad media?",
    "Beweise, dass es unendlich viele Primzahlen gibt.",
    "请一步一步推理：小明有5个苹果，给了小红2个，又买了3个，现在有几个？",
    "この問題をステップバイステップで解いてください：3人で6個のりんごを同じ数ずつ分けると、1人何個ですか？",
    "Докажи, что сумма углов треугольника равна 180 градусам.",
    "Quais são os prós e contras de morar em Lisboa ou no Porto?",
    "Weigh the options for me: a higher salary with a 90-minute commute, or less money but remote work?",
    "What's the root cause here? Sales dropped 20% after we changed the checkout page, but traffic is flat.",
    "Knights and knaves: A says 'B is a knave'. B says 'we are both knights'. Who is what?",
    "Calculate the monthly payment on a $300,000 mortgage at 6% over 30 years.",
    "I have 3 shirts and 4 pairs of pants. How many different outfits can I make?",
    "Should I learn Spanish or Mandarin for business? Think through the trade-offs.",
    "Think it through: is a four-day work week a good idea for a small restaurant?",
    "Show your work: a shop discounts a $80 jacket by 25% and then adds 8% tax. What is the final price?",
    "Sally has 3 brothers. Each of her brothers has 2 sisters. How many sisters does Sally have?",
    "Help me plan my week: I have two deadlines, a dentist appointment and my mom is visiting on Thursday.",
    "Compare and contrast the French and American revolutions.",
    "Is it possible to cover a chessboard with two opposite corners removed using dominoes? Explain why.",
    "Puzzle: you have 8 balls, one heavier, and a balance scale. What's the minimum number of weighings?",
    "Make a budget for me: I earn $3,200 a month after tax, rent is $1,100, and I want to save for a car.",
]

# (prompt, intended label) — near misses and hard cases that do not fit the lists above
HARD = [
    ("My manager wants the weekly report 'in JSON'. I have no idea what that means — can you explain it in plain terms?", "BASE"),
    ("I have 2 kids and a dog. How much does a week at Disneyland Paris cost, roughly?", "BASE"),
    ("My flight lands at 6:40. How long does it take to get from CDG airport to the city center?", "BASE"),
    ("How does this translate to real life? I'm reading about game theory but struggle to apply it.", "BASE"),
    ("I want to summarize my thoughts before the meeting, but I keep rambling. Any tips for speaking concisely?", "BASE"),
    ("Can you recommend a good translation of the Odyssey?", "BASE"),
    ("What's the plot of the movie The Prestige? No spoilers for the ending please.", "BASE"),
    ("My grandma used to say 'the proof of the pudding is in the eating'. Where does that saying come from?", "BASE"),
    ("What should I consider before adopting a second cat?", "BASE"),
    ("Which is better for a beginner photographer, Canon or Nikon?", "BASE"),
]

VISION_PROMPTS = [
    "What's in this picture?",
    "Describe this image in detail.",
    "Can you read the text on this sign?",
    "Is this mushroom safe to eat?",
    "Extract the table in this screenshot as JSON.",
    "What breed is this dog?",
    "Translate the menu in this photo into English.",
    "Why does this chart look wrong?",
    "¿Qué ves en esta imagen?",
    "这张图片里有什么？",
    "Summarize the slide.",
    "Here is a screenshot of my error, what's wrong?",
]

DOC_PROMPTS = [
    "Summarize this contract and list any unusual clauses.",
    "What is the total amount due on this invoice?",
    "Extract the key dates from the attached PDF as JSON.",
    "Translate the attached document into German.",
    "Does this lease allow pets?",
    "Résume ce document en cinq points.",
    "Review this paper's methodology section.",
    "What are the main findings?",
]

# ------------------------------------------------------------------------------------------------------
# Held-out batch: written after the first tuning round and measured once before any further change
# (see the note in the test output). Same labelling rules.
# ------------------------------------------------------------------------------------------------------
HOLDOUT = [
    ("What's the etiquette for tipping in Japan?", "BASE"),
    ("Can you explain the difference between a Roth IRA and a traditional IRA?", "BASE"),
    ("Write a bedtime story about a sleepy owl.", "BASE"),
    ("Why do onions make you cry?", "BASE"),
    ("Give me a motivational quote for Monday morning.", "BASE"),
    ("I'm bored. Suggest something creative to do indoors.", "BASE"),
    ("Come si prepara un vero tiramisù?", "BASE"),
    ("¿Cuál es la diferencia entre 'ser' y 'estar'?", "BASE"),
    ("Wie funktioniert eine Wärmepumpe?", "BASE"),
    ("Почему небо ночью тёмное?", "BASE"),
    ("如何提高睡眠质量？", "BASE"),
    ("What happened at the Battle of Hastings?", "BASE"),
    ("Explain quantum entanglement to a curious teenager.", "BASE"),
    ("List some cheap high-protein vegetarian foods.", "BASE"),
    ("We're flying to Java next month — is Borobudur worth the early wake-up?", "BASE"),
    ("I need a plan B in case it rains at our picnic. Any indoor ideas near Boston?", "BASE"),
    ("My code word with my kids is 'pineapple'. Is it a good idea to have a family password?", "BASE"),
    ("Tell me about the history of the comedy troupe Monty Python.", "BASE"),
    ("How long does it take for a tattoo to heal?", "BASE"),
    ("Can you check my reasoning? I think the Moon landing photos look fake because there are no stars.", "BASE"),
    ("Summarize this news article for me:\n\n<<FILL:prose:2000>>", "flash"),
    ("Translate 'good luck on your exam' into Italian.", "flash"),
    ("Can you make this sentence shorter: 'Due to the fact that we were running late, we decided that it would be best to take a taxi.'", "flash"),
    ("Is the tone of this message angry or neutral? 'Fine. Do whatever you want.'", "flash"),
    ("Give me the gist of this paragraph:\n\n<<FILL:prose:600>>", "flash"),
    ("Kannst du diesen Text zusammenfassen?\n\n<<FILL:prose:700>>", "flash"),
    ("Corrige les fautes dans ce texte : Je suis aller au marché hier et j'ai acheter des pommes.", "flash"),
    ("翻译成日语：谢谢你的帮助。", "flash"),
    ("이 문장을 더 자연스럽게 다듬어 줘: 저는 내일 회의에 참석을 할 예정입니다.", "flash"),
    ("Rephrase in a more casual tone: 'We regret to inform you that your application was unsuccessful.'", "flash"),
    ("Tag each of these support tickets with a priority (high, medium, low):\n- Site down for all users\n- Typo on pricing page\n- Can't export CSV", "flash"),
    ("Turn these notes into a short summary: budget approved; launch moved to May; hire 2 devs.", "flash"),
    ("Translate the following sentences into Portuguese:\n1. Good morning.\n2. Where is the station?", "flash"),
    ("Why does npm test hang forever on CI but not locally?", "code"),
    ("How can I read a large CSV in chunks with pandas?", "code"),
    ("Write a regex to validate an email address.", "code"),
    ("Explain the difference between processes and threads.", "code"),
    ("What's wrong here?\n\nSELECT name, COUNT(*) FROM users GROUP BY name HAVING COUNT(*) > 1 ORDER BY 2 DESC", "code"),
    ("My Jest tests fail with 'Cannot use import statement outside a module'.", "code"),
    ("Implement binary search in Go.", "code"),
    ("How do I set up a Python virtual environment on Windows?", "code"),
    ("NoMethodError: undefined method `name' for nil:NilClass\n  from app/models/user.rb:14:in `display_name'\n\nwhat does this mean", "code"),
    ("Kotlin coroutines vs RxJava — when would you pick which?", "code"),
    ("Can you explain this line: `const [state, setState] = useState(0);`", "code"),
    ("Fix this:\n\n```\nint main() {\n  printf(\"hi\")\n  return 0;\n}\n```", "code"),
    ("¿Por qué mi script de Python tarda tanto en leer un archivo grande?", "code"),
    ("Comment installer Node.js sur Ubuntu ?", "code"),
    ("用Java写一个单例模式", "code"),
    ("How do I undo the last commit but keep the changes?", "code"),
    ("What does HTTP 502 Bad Gateway mean and how do I debug it in nginx?", "code"),
    ("Generate a TypeScript interface for this object: {\"id\": 1, \"name\": \"Ada\", \"tags\": [\"x\"]}", "code"),
    ("Return the answer as JSON with keys 'city' and 'country': where is the Colosseum?", "json"),
    ("Extract every phone number from this text: Call 555-0100 or 555-0199 after 5pm.", "json"),
    ("Output a JSON list of 5 random first names.", "json"),
    ("Structure this as JSON: John, 42, engineer, Berlin", "json"),
    ("What are the entities in this sentence? Return them as JSON: Marie Curie won the Nobel Prize in Paris.", "json"),
    ("From this email, pull the meeting date, time and location.\n\nHi all, let's meet Thursday 14:00 in room 4B.", "json"),
    ("Extrae la fecha y el importe de esta factura: Fecha 03/04/2025, Importe 120,50 €", "json"),
    ("请以JSON格式列出三种水果及其颜色。", "json"),
    ("Let's reason about this: if I invest $200 a month at 7% for 30 years, how much will I have?", "reason"),
    ("Create a study plan for the AWS Solutions Architect exam in 6 weeks.", "reason"),
    ("What are the advantages and disadvantages of nuclear power? Give a balanced analysis.", "reason"),
    ("A farmer has 17 sheep. All but 9 run away. How many are left?", "reason"),
    ("Prove by induction that 1 + 2 + ... + n = n(n+1)/2.", "reason"),
    ("Which approach is better for our mobile app, native or cross-platform, and why?", "reason"),
    ("Outline a strategy to grow our newsletter from 1k to 10k subscribers in a year.", "reason"),
    ("If it takes 5 machines 5 minutes to make 5 widgets, how long would it take 100 machines to make 100 widgets?", "reason"),
    ("Analyze step-by-step whether we should expand to Germany or France first.", "reason"),
    ("Schreibe einen Plan für die Renovierung meiner Küche in 4 Wochen.", "reason"),
    ("一个水池有两个进水管，甲管单独注满需要6小时，乙管需要4小时，两管同时开需要多少小时？", "reason"),
    ("Explain the Monty Hall problem and why switching is better.", "reason"),
    ("Find the derivative of x^3 sin(x).", "reason"),
]

# Second held-out batch: written after the second tuning round, measured once, not tuned on.
HOLDOUT2 = [
    ("What time zone is Arizona in, and does it use daylight saving?", "BASE"),
    ("Suggest five names for a fantasy tavern.", "BASE"),
    ("How do I politely ask my neighbour to turn the music down?", "BASE"),
    ("What's the difference between baking soda and baking powder?", "BASE"),
    ("Tell me a fun fact about Saturn.", "BASE"),
    ("Wat zijn leuke dingen om te doen in Utrecht?", "BASE"),
    ("Quali sono i sintomi dell'influenza?", "BASE"),
    ("Comment s'appelle la capitale du Canada ?", "BASE"),
    ("¿Por qué los gatos duermen tanto?", "BASE"),
    ("ニューヨークでおすすめの美術館は？", "BASE"),
    ("I'm writing a fantasy novel. Can you describe a bustling market in a desert city?", "BASE"),
    ("What should I know before getting a bearded dragon as a pet?", "BASE"),
    ("My boss keeps scheduling meetings at lunch. How do I bring it up without sounding rude?", "BASE"),
    ("Is there a cheaper alternative to Netflix with good documentaries?", "BASE"),
    ("Summarize the key arguments in this op-ed:\n\n<<FILL:prose:1800>>", "flash"),
    ("Translate into Korean: 'See you next week!'", "flash"),
    ("Please correct any grammar mistakes: 'Their going to the park tomorow, weather or not it rains.'", "flash"),
    ("Is this comment toxic? 'You clearly have no idea what you're talking about, idiot.'", "flash"),
    ("Condense this into two sentences:\n\n<<FILL:prose:900>>", "flash"),
    ("Rewrite the following for a LinkedIn post: we shipped v2 today, huge thanks to the team!", "flash"),
    ("Перескажи кратко этот текст:\n\n<<FILL:prose:600>>", "flash"),
    ("Traduza para o inglês: 'Vou chegar atrasado hoje.'", "flash"),
    ("要約して：昨日の会議では来期の予算と採用計画について話し合った。", "flash"),
    ("Categorize these support messages as bug, feature request or question:\n1. App crashes on login\n2. Please add dark mode\n3. How do I reset my password?", "flash"),
    ("Why am I getting 'CORS policy: No Access-Control-Allow-Origin header' when calling my API from the browser?", "code"),
    ("How do I convert a string to a datetime in Python?", "code"),
    ("```go\nfunc main() {\n    ch := make(chan int)\n    ch <- 1\n}\n```\nWhy does this deadlock?", "code"),
    ("What's the best way to store passwords in a database?", "code"),
    ("TypeError: 'NoneType' object is not subscriptable — what usually causes this?", "code"),
    ("Write a function in C that reverses a string in place.", "code"),
    ("How do I use environment variables in a Next.js app?", "code"),
    ("Explica qué hace este código:\n\nconst sum = arr.reduce((a, b) => a + b, 0);", "code"),
    ("Wie kann ich in Excel mit VBA alle leeren Zeilen löschen?", "code"),
    ("Extract the order number and the delivery address from this message as JSON: 'Hi, order #88231 should go to 12 Elm St, Springfield.'", "json"),
    ("List all the company names mentioned in this paragraph: Apple and Microsoft reported earnings, while Nvidia fell.", "json"),
    ("Please respond in JSON: what are the three primary colours?", "json"),
    ("Извлеки даты и суммы из этого текста: 5 марта оплачено 1200 рублей, 9 марта — 800 рублей.", "json"),
    ("Think step by step about whether I should refinance my mortgage at 5.5% if I currently pay 6.8%.", "reason"),
    ("Draft a 30-60-90 day plan for a new engineering manager.", "reason"),
    ("A store sells pens at 3 for $2. How much do 18 pens cost?", "reason"),
    ("Prove that there is no largest prime number.", "reason"),
    ("What are the pros and cons of electric cars for someone living in a rural area?", "reason"),
    ("Résous ce problème étape par étape : un rectangle a un périmètre de 30 cm et une largeur de 5 cm. Quelle est sa longueur ?", "reason"),
    ("Two trains are 300 miles apart and travel toward each other at 70 and 80 mph. When will they meet?", "reason"),
    ("Help me decide between two job offers: one pays more, the other has better growth. Walk me through the trade-offs.", "reason"),
]

# ------------------------------------------------------------------------------------------------------
# Batch 4 (issue 13 development set): written by the engineer who rewrote the classifier for issue 13,
# after the shape-only rule 5 and the language lexicons were drafted, in the nine languages the issue
# names. It is a *development* set: it was measured once (see the history above) and then tuned on.
# Each entry: (language, prompt or list of (role, text) turns, intended label; "BASE" = model intent).
# ------------------------------------------------------------------------------------------------------
TRACE_PY = ('Traceback (most recent call last):\n  File "app.py", line 5, in <module>\n    total = price * qty\n'
            "NameError: name 'qty' is not defined")

DEV_I13 = [
    # --- English -------------------------------------------------------------------------------------
    ("en", "My ball python hasn't eaten in three weeks. Is that normal during shedding?", "BASE"),
    ("en", "What's the difference between Kafka and RabbitMQ at a high level?", "BASE"),
    ("en", "Why do people say Rust has a steep learning curve?", "BASE"),
    ("en", "Explain how garbage collection works in the JVM.", "BASE"),
    ("en", "I'm giving a talk on microservices next week — any tips for calming my nerves?", "BASE"),
    ("en", "What does the 'O' in Big-O notation stand for?", "BASE"),
    ("en", "Who created the Python programming language, and why is it named that?", "BASE"),
    ("en", "We had a brutal debugging week. What are good habits to avoid burnout?", "BASE"),
    ("en", "I need a translation agency for legal documents in Berlin. How do I pick a good one?", "BASE"),
    ("en", "This crashes on startup:\n\n  File \"/srv/app/main.py\", line 41, in load_config\n    cfg = yaml.safe_load(fh)\n"
           "yaml.scanner.ScannerError: mapping values are not allowed here", "code"),
    ("en", "After `npm run build` I get:\nsrc/App.tsx:12:7 - error TS2322: Type 'string' is not assignable to type 'number'.",
     "code"),
    ("en", "Can you tidy this up?\n\nconst total = cart.items.map(i => i.price * i.qty).reduce((a, b) => a + b, 0);", "code"),
    ("en", "$ docker compose up\nError response from daemon: port is already allocated\n\nwhat now?", "code"),
    ("en", "Pull out every product name and price from this order confirmation and give them to me as a JSON list:\n\n"
           "Blue mug – $12\nTea sampler – $24\nGift wrap – $3", "json"),
    ("en", "From the message below, extract the sender's name, their company and the meeting date.\n\n"
           "'Hi, this is Priya from Northwind. Can we meet on 14 May?'", "json"),
    ("en", "We're choosing between PostgreSQL and MongoDB for an event-sourcing backend. Weigh the two for our case and "
           "recommend one.", "reason"),
    ("en", "Prove that binary search runs in O(log n) time.", "reason"),
    ("en", "A recipe needs 250 g of flour for 12 cookies. How much flour do I need for 30 cookies?", "reason"),
    ("en", "Lena is twice as old as her brother. In 6 years their ages will add up to 36. How old is Lena now?", "reason"),
    ("en", "Draft a 4-week onboarding plan for a junior data analyst.", "reason"),
    ("en", "Three friends split a taxi fare. The first pays half, the second pays a third of the rest, and the third "
           "pays $10. What was the total fare?", "reason"),
    ("en", "Summarize the following in two sentences:\n\n<<FILL:prose:1200>>", "flash"),
    ("en", "Classify each of these reviews as positive, negative or mixed:\n1) Great value.\n2) Broke after a week.\n"
           "3) Nice design but slow.", "flash"),
    ("en", "Proofread this: 'Its been a long week and their are still to many meetings.'", "flash"),
    ("en", "Turn this into a more formal sentence: 'can't make it tmrw, sorry'", "flash"),
    ("en", [("user", "What does this mean?\n\n" + TRACE_PY), ("assistant", "`qty` is used before it is assigned."),
            ("user", "Thanks a lot, that was it!")], "BASE"),
    ("en", [("user", "Can you summarize this email? The offsite moves to June and the budget is frozen."),
            ("assistant", "Offsite in June; budget frozen."),
            ("user", "Great. Unrelated: what's a good name for a sourdough starter?")], "BASE"),
    ("en", [("user", "hi"), ("assistant", "Hello! Here's a tiny example:\n```python\nprint('hello')\n```"),
            ("user", "Prove that there are infinitely many primes of the form 4k+3.")], "reason"),
    ("en", [("system", "You are a support bot for Acme."),
            ("user", "Extract the order number from this: 'my order #5531 never arrived'")], "json"),
    # --- Spanish -------------------------------------------------------------------------------------
    ("es", "¿Qué diferencia hay entre una base de datos relacional y una NoSQL?", "BASE"),
    ("es", "Mi pitón bola no quiere comer, ¿qué puedo hacer?", "BASE"),
    ("es", "¿Por qué Python es tan popular entre los científicos de datos?", "BASE"),
    ("es", "Recomiéndame un libro de ciencia ficción para el verano.", "BASE"),
    ("es", "Me sale este error al ejecutar el script:\n\nTraceback (most recent call last):\n  File \"etl.py\", line 7, in "
           "<module>\n    import pandas as pd\nModuleNotFoundError: No module named 'pandas'", "code"),
    ("es", "¿Qué hace esta línea? `const [a, b] = useState(null);`", "code"),
    ("es", "Extrae los nombres, los correos y los teléfonos de este mensaje y devuélvelos en JSON:\n\n"
           "Hola, soy Marta Ruiz (marta@ejemplo.es, 600 123 456).", "json"),
    ("es", "Saca todas las fechas que aparecen en este texto: la entrega es el 3 de junio y la revisión el 10 de junio.",
     "json"),
    ("es", "Resuelve paso a paso: si un grifo llena un depósito en 6 horas y otro en 3, ¿cuánto tardan juntos?", "reason"),
    ("es", "Un tren sale a las 8:00 a 90 km/h y otro a las 9:00 a 120 km/h por la misma vía. ¿A qué hora alcanza el "
           "segundo al primero?", "reason"),
    ("es", "Compara PostgreSQL y MySQL para una tienda online pequeña y dime cuál elegirías.", "reason"),
    ("es", "Demuestra que la suma de dos números pares es par.", "reason"),
    ("es", "Hazme un plan de estudio de 8 semanas para aprobar el examen de inglés B2.", "reason"),
    ("es", "María tiene 24 caramelos y reparte la tercera parte entre sus 4 amigos a partes iguales. ¿Cuántos recibe "
           "cada amigo?", "reason"),
    ("es", "Resume este artículo en tres puntos:\n\n<<FILL:prose:900>>", "flash"),
    ("es", "Traduce al francés: 'El museo abre a las diez.'", "flash"),
    ("es", "Corrige la ortografía de este párrafo: 'Ayer fuímos al sine y no avía nadie.'", "flash"),
    ("es", "Clasifica estos comentarios como positivos o negativos: 'me encantó', 'muy lento', 'volveré'.", "flash"),
    ("es", [("user", "Traduce al inglés: buenos días"), ("assistant", "Good morning"),
            ("user", "¿Y qué lugares me recomiendas en Sevilla?")], "BASE"),
    # --- Portuguese ----------------------------------------------------------------------------------
    ("pt", "Qual é a diferença entre Java e Kotlin para quem está começando?", "BASE"),
    ("pt", "Como cuidar de uma cobra píton em casa?", "BASE"),
    ("pt", "Por que o céu fica laranja no pôr do sol?", "BASE"),
    ("pt", "O build quebra com isto:\n\nerror[E0425]: cannot find value `total` in this scope\n --> src/main.rs:14:5",
     "code"),
    ("pt", "Por que `lista.sort(key=len)` não ordena como eu esperava?", "code"),
    ("pt", "Extraia o nome do cliente, o valor e a data de vencimento desta fatura: Cliente: João Lima, Valor: R$ 450,00, "
           "Vencimento: 10/08.", "json"),
    ("pt", "Liste todos os nomes de empresas mencionados neste parágrafo em formato JSON: A Vale e a Petrobras "
           "anunciaram resultados.", "json"),
    ("pt", "Explique passo a passo como resolver 3x - 5 = 16.", "reason"),
    ("pt", "Um carro consome 8 litros a cada 100 km. Quantos litros gasta numa viagem de 350 km?", "reason"),
    ("pt", "Quais são os prós e contras de trabalhar em casa?", "reason"),
    ("pt", "Me ajude a decidir entre um notebook com mais memória ou um com tela melhor para programar.", "reason"),
    ("pt", "Resuma este texto em uma frase:\n\n<<FILL:prose:700>>", "flash"),
    ("pt", "Traduza para o espanhol: 'Onde fica a estação de trem?'", "flash"),
    ("pt", "Reescreva este e-mail de forma mais educada: 'Mande o relatório agora.'", "flash"),
    ("pt", "Classifique o sentimento destas avaliações: 'ótimo produto', 'chegou quebrado'.", "flash"),
    ("pt", [("user", "```js\nconsole.log(1)\n```\nisso funciona?"), ("assistant", "Sim."),
            ("user", "Obrigado! Agora uma pergunta de viagem: vale a pena ir a Lisboa em agosto?")], "BASE"),
    # --- French --------------------------------------------------------------------------------------
    ("fr", "Quelle est la différence entre un processus et un thread, en termes simples ?", "BASE"),
    ("fr", "Pourquoi le python royal est-il un serpent si calme ?", "BASE"),
    ("fr", "Peux-tu m'expliquer ce qu'est une API REST ?", "BASE"),
    ("fr", "J'obtiens ça en lançant les tests :\n\nE   AssertionError: assert 3 == 4\ntests/test_calc.py:12: AssertionError",
     "code"),
    ("fr", "Que fait cette commande : `find . -name \"*.log\" -delete` ?", "code"),
    ("fr", "Extrais les noms des villes et les dates de ce texte : Le concert a lieu à Lyon le 4 juillet puis à Nantes "
           "le 9 juillet.", "json"),
    ("fr", "Donne-moi la réponse au format JSON avec les clés nom et âge : Paul a 41 ans.", "json"),
    ("fr", "Démontre que la racine carrée de 3 est irrationnelle.", "reason"),
    ("fr", "Un cycliste roule à 18 km/h pendant 2 heures puis à 24 km/h pendant 1 heure. Quelle est sa vitesse "
           "moyenne ?", "reason"),
    ("fr", "Aide-moi à choisir entre une offre à Paris mieux payée et une offre à Bordeaux avec plus de télétravail.",
     "reason"),
    ("fr", "Fais-moi un plan de révision pour le bac sur trois semaines.", "reason"),
    ("fr", "Résume ce rapport en cinq lignes :\n\n<<FILL:prose:800>>", "flash"),
    ("fr", "Traduis en allemand : « Le train a du retard. »", "flash"),
    ("fr", "Corrige les fautes : « Je sui allé a la plage hier et il faisai beau. »", "flash"),
    ("fr", "Classe ces messages par catégorie (facturation, technique, autre) : 1. Ma facture est fausse. "
           "2. L'appli plante.", "flash"),
    ("fr", [("user", "Résume ce texte : il a plu toute la journée."), ("assistant", "Il a plu."),
            ("user", "Merci ! Et qu'est-ce que je peux faire à Lille ce week-end ?")], "BASE"),
    # --- German --------------------------------------------------------------------------------------
    ("de", "Was ist der Unterschied zwischen TCP und UDP?", "BASE"),
    ("de", "Wie alt können Königspythons in Gefangenschaft werden?", "BASE"),
    ("de", "Warum ist Rust bei Systemprogrammierern so beliebt?", "BASE"),
    ("de", "Mein Build bricht ab:\n\n[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0"
           ":compile\n[ERROR] /home/ci/app/src/main/java/de/shop/Cart.java:[27,15] cannot find symbol", "code"),
    ("de", "Was macht `git rebase -i HEAD~3` genau?", "code"),
    ("de", "Extrahiere alle Namen und Telefonnummern aus dieser Nachricht: Ruf Anna unter 0170 1234567 oder Ben unter "
           "0151 7654321 an.", "json"),
    ("de", "Gib mir die drei größten Städte Deutschlands als JSON-Array mit Name und Einwohnerzahl zurück.", "json"),
    ("de", "Beweise, dass die Summe der Innenwinkel eines Vierecks 360 Grad beträgt.", "reason"),
    ("de", "Ein Händler kauft 40 Stühle für je 25 Euro und verkauft sie für je 32 Euro. Wie hoch ist sein Gewinn?",
     "reason"),
    ("de", "Vergleiche Wärmepumpe und Gasheizung für ein Altbauhaus und empfiehl mir eine.", "reason"),
    ("de", "Erstelle mir einen Trainingsplan für einen Halbmarathon in 10 Wochen.", "reason"),
    ("de", "Fass den folgenden Text in zwei Sätzen zusammen:\n\n<<FILL:prose:700>>", "flash"),
    ("de", "Übersetze ins Englische: 'Wir sehen uns morgen im Büro.'", "flash"),
    ("de", "Korrigiere die Rechtschreibung: 'Ich habe gestern einen Brif geschriben.'", "flash"),
    ("de", "Formuliere diese Nachricht höflicher um: 'Schick mir endlich die Unterlagen.'", "flash"),
    ("de", [("user", "Kannst du diesen Stacktrace erklären?\n\nException in thread \"main\" java.lang.NullPointerException"
                     "\n\tat Shop.main(Shop.java:5)"), ("assistant", "Ein Objekt ist null."),
            ("user", "Danke! Was ist ein gutes Geschenk für meinen Vater?")], "BASE"),
    # --- Russian -------------------------------------------------------------------------------------
    ("ru", "Чем отличается SQL от NoSQL простыми словами?", "BASE"),
    ("ru", "Мой питомец — королевский питон. Как часто его кормить?", "BASE"),
    ("ru", "Почему программисты любят Linux?", "BASE"),
    ("ru", "Что не так?\n\n```python\nfor i in range(10)\n    print(i)\n```", "code"),
    ("ru", "Получаю ошибку:\nTypeError: unsupported operand type(s) for +: 'int' and 'str'", "code"),
    ("ru", "Извлеки из текста все даты и суммы: 3 апреля оплачено 1500 рублей, 10 апреля — 700 рублей.", "json"),
    ("ru", "Верни ответ в формате JSON с полями город и страна: где находится Эрмитаж?", "json"),
    ("ru", "Реши задачу: в классе 28 учеников, девочек на 4 больше, чем мальчиков. Сколько в классе девочек?", "reason"),
    ("ru", "Докажи, что произведение двух нечётных чисел нечётно.", "reason"),
    ("ru", "Помоги выбрать между ипотекой сейчас и арендой ещё на два года.", "reason"),
    ("ru", "Загадка: что можно увидеть с закрытыми глазами?", "reason"),
    ("ru", "Составь план подготовки к марафону на 16 недель.", "reason"),
    ("ru", "Перескажи кратко этот текст:\n\n<<FILL:prose:800>>", "flash"),
    ("ru", "Классифицируй отзывы как положительные или отрицательные: «отлично», «ужасно», «нормально».", "flash"),
    ("ru", "Исправь ошибки в тексте: «Вчера я ходил в магазин и купил хлеп.»", "flash"),
    ("ru", "Переведи на немецкий: «Где находится вокзал?»", "flash"),
    ("ru", [("user", "Переведи на английский: спасибо"), ("assistant", "Thank you"),
            ("user", "А какой фильм посмотреть вечером?")], "BASE"),
    # --- Chinese -------------------------------------------------------------------------------------
    ("zh", "关系型数据库和非关系型数据库有什么区别？", "BASE"),
    ("zh", "我家的球蟒最近不吃东西，怎么办？", "BASE"),
    ("zh", "为什么很多人说Python适合初学者？", "BASE"),
    ("zh", "在职证明一般需要包含哪些内容？", "BASE"),
    ("zh", "运行时报错：\n\nTraceback (most recent call last):\n  File \"main.py\", line 3, in <module>\n    print(1/0)\n"
           "ZeroDivisionError: division by zero", "code"),
    ("zh", "这行代码是什么意思？`arr.filter(x => x > 2)`", "code"),
    ("zh", "请从下面这段话中提取所有人名和地名：李雷和韩梅梅上周去了杭州和苏州。", "json"),
    ("zh", "以JSON格式返回三个中国城市及其人口。", "json"),
    ("zh", "鸡兔同笼，共有35个头，94只脚，鸡和兔各有几只？", "reason"),
    ("zh", "请证明：任意两个奇数之和是偶数。", "reason"),
    ("zh", "MySQL和PostgreSQL哪个更适合我们的电商项目？请比较后给出推荐。", "reason"),
    ("zh", "帮我制定一个三个月的减肥计划。", "reason"),
    ("zh", "一辆车每小时行驶60公里，行驶了3.5小时，一共行驶了多少公里？", "reason"),
    ("zh", "请把下面这段话翻译成英文：明天的会议推迟到下午两点。", "flash"),
    ("zh", "帮我总结一下这篇文章的要点：\n\n<<FILL:cjk:600>>", "flash"),
    ("zh", "请校对这段文字，改正错别字：今天天汽很好，我们去公圆散步。", "flash"),
    ("zh", "判断下面这些评论的情感是正面还是负面：'太好用了'、'质量很差'。", "flash"),
    ("zh", [("user", "这段代码为什么报错？\n```js\nlet a = b.c;\n```"), ("assistant", "因为b未定义。"),
            ("user", "谢谢！顺便问一下，周末北京有什么好玩的？")], "BASE"),
    # --- Japanese ------------------------------------------------------------------------------------
    ("ja", "SQLとNoSQLの違いを簡単に教えてください。", "BASE"),
    ("ja", "ボールパイソンを飼うときの注意点は？", "BASE"),
    ("ja", "なぜRustは安全だと言われるのですか？", "BASE"),
    ("ja", "住民票の証明書はどこで取れますか？", "BASE"),
    ("ja", "このエラーの意味は？\n\nTypeError: Cannot read properties of null (reading 'length')\n    at render "
           "(/app/src/view.js:22:15)", "code"),
    ("ja", "`git reset --hard HEAD~1` を実行したら変更が消えました。戻せますか？", "code"),
    ("ja", "次の文章から人名と会社名を抽出してください：田中さんはソニーで、佐藤さんはトヨタで働いています。", "json"),
    ("ja", "東京の観光地を3つ、JSON形式で名前と説明を付けて出力してください。", "json"),
    ("ja", "ステップバイステップで考えてください：5人で作業すると8日かかる仕事を、4人では何日かかりますか？", "reason"),
    ("ja", "√2が無理数であることを証明してください。", "reason"),
    ("ja", "りんごが1個120円、みかんが1個50円です。りんごを3個とみかんを5個買うといくらですか？", "reason"),
    ("ja", "東京と大阪、どちらに引っ越すべきか長所と短所を比較してください。", "reason"),
    ("ja", "次の文章を要約してください：\n\n<<FILL:cjk:500>>", "flash"),
    ("ja", "この文を英語に翻訳してください：明日は雨が降るでしょう。", "flash"),
    ("ja", "この文章を校正してください：私わ昨日、学校え行きました。", "flash"),
    ("ja", "次のレビューをポジティブかネガティブに分類してください：「最高でした」「二度と買わない」", "flash"),
    ("ja", [("user", "次の文章を要約して：会議は延期された。"), ("assistant", "会議は延期。"),
            ("user", "ありがとう。ところで、京都のおすすめの寺は？")], "BASE"),
    # --- Hindi ---------------------------------------------------------------------------------------
    ("hi", "SQL और NoSQL डेटाबेस में क्या अंतर है?", "BASE"),
    ("hi", "मेरा पालतू अजगर खाना नहीं खा रहा है, क्या करूँ?", "BASE"),
    ("hi", "पायथन भाषा इतनी लोकप्रिय क्यों है?", "BASE"),
    ("hi", "दिल्ली में घूमने के लिए सबसे अच्छी जगहें कौन सी हैं?", "BASE"),
    ("hi", "यह एरर क्यों आ रहा है?\n\n" + TRACE_PY, "code"),
    ("hi", "`pip install -r requirements.txt` चलाने पर कुछ नहीं होता, क्या करूँ?", "code"),
    ("hi", "इस संदेश से सभी नाम और फ़ोन नंबर निकालें: राहुल 98765 43210, सीमा 91234 56789", "json"),
    ("hi", "भारत के तीन बड़े शहरों के नाम और जनसंख्या JSON में दो।", "json"),
    ("hi", "एक दुकानदार 20 किलो चावल 45 रुपये प्रति किलो खरीदता है और 52 रुपये प्रति किलो बेचता है। उसे कुल कितना लाभ "
           "होगा?", "reason"),
    ("hi", "सिद्ध कीजिए कि 2 का वर्गमूल अपरिमेय है।", "reason"),
    ("hi", "चरण दर चरण समझाइए कि 2x + 5 = 17 को कैसे हल करें।", "reason"),
    ("hi", "नौकरी बदलूँ या यहीं रहूँ? फायदे और नुकसान बताकर फैसला करने में मदद करो।", "reason"),
    ("hi", "एक पहेली: वह क्या है जो जितना बढ़ता है उतना छोटा होता जाता है?", "reason"),
    ("hi", "इस लेख का सारांश तीन वाक्यों में लिखें:\n\n<<FILL:prose:700>>", "flash"),
    ("hi", "इसका अंग्रेज़ी में अनुवाद करें: मैं कल दिल्ली जा रहा हूँ।", "flash"),
    ("hi", "इस वाक्य की व्याकरण ठीक करें: मैं कल बाजार गया था और सब्जी लाया हूँ।", "flash"),
    ("hi", "इन समीक्षाओं को सकारात्मक या नकारात्मक में वर्गीकृत करें: 'बहुत बढ़िया', 'बेकार'।", "flash"),
    ("hi", [("user", "इस कोड में क्या गलत है?\n```python\nprint(x)\n```"), ("assistant", "x परिभाषित नहीं है।"),
            ("user", "धन्यवाद! आज रात के खाने में क्या बनाऊँ?")], "BASE"),
]

# ------------------------------------------------------------------------------------------------------
# Batch 5 (issue 13, second round, development set): written by the round-2 engineer *before* changing the
# classifier, from the README rule table and the four miss classes reported for held-out batch 1 (described
# by class only; the held-out items were never seen). Every class in all nine languages, with near-misses
# that must not flip. Each entry: (language, prompt or list of (role, text) turns, intended label, options);
# label "BASE" = model intent; options: ``effort`` (X-DI-Effort header, with a cheap-intent model so that a
# rule 8 miss shows), ``system`` (a system prompt), ``text_format`` (response_format {"type": "text"}).
# Classes: X = extraction in other words (rule 6), W = word problems (rule 7), S = simple tasks (rule 8),
# G = general questions with reasoning-looking ordinary words; N = a near-miss of the class before it.
# ------------------------------------------------------------------------------------------------------
_TR_EN = "You are a professional English-German translator."
DEV_I13R2 = [
    # --- English -------------------------------------------------------------------------------------
    ("en", [("user", "What time does the farmers market usually open on Saturdays?"),
            ("assistant", "Usually around 8 am, but check the local listing."),
            ("user", "Ok thanks. Can you pull out the pickup address, the date and the contact number from this "
                     "message from my landlord?\n\n'Hi Sam, the keys can be collected at 14 Elm Road on Friday 12 July. "
                     "Call me on 07700 900123 if you're late. - Mark'")], "json", {}),
    ("en", "List the names, job titles and start dates mentioned in this email:\n\nHi all, please welcome Dana Ortiz "
           "(Product Designer, starting 3 March) and Lee Chen (Data Engineer, starting 17 March).", "json", {}),
    ("en", "Go through this classified ad and give me the price, the mileage and the seller's phone number.\n\n"
           "2016 Honda Civic, 84,000 miles, $9,800 OBO. Call Rick 555-0192.", "json", {}),
    ("en", "Which phone numbers appear in the note below?\n\nPlumber: 555-0143. Electrician (Joe): 555-0178.", "json", {}),
    ("en", "Should we pull out of the deal if the supplier raises prices again?", "BASE", {}),
    ("en", "List the best beaches near Lisbon for a family with small kids.", "BASE", {}),
    ("en", [("user", "Extract the dates from this: team lunch on 4 May, review on 9 May."), ("assistant", "4 May, 9 May"),
            ("user", "Thanks. What's a good goodbye gift for a coworker who's leaving?")], "BASE", {}),
    ("en", [("user", "Can you recommend a podcast about history?"), ("assistant", "Try 'The Rest Is History'."),
            ("user", "Different topic. My train leaves Leeds at 9:12 and reaches London at 11:27; the connecting train "
                     "to Dover departs at 11:45 and takes 1 h 10 min. When do I get to Dover?")], "reason", {}),
    ("en", "A jeweller melts 30 g of 18-carat gold with 20 g of 9-carat gold. What carat is the resulting alloy?",
     "reason", {}),
    ("en", "A bag holds 5 red and 7 blue marbles. I draw 2 without looking. What are the chances both are red?",
     "reason", {}),
    ("en", [("user", "hey"), ("assistant", "Hi! What can I do for you?"),
            ("user", "Tom can paint a room in 4 hours and Ann can paint it in 6. If they start together at 1 pm, "
                     "at what time will they be done?")], "reason", {}),
    ("en", "We drove 300 miles yesterday and another 250 today. Loving this road trip so far!", "BASE", {}),
    ("en", "My kids are 4 and 7 - what's a good board game for them?", "BASE", {}),
    ("en", "Give this a once-over for typos and grammar before I send it: 'Their going to announce the winner's "
           "tomorow.'", "flash", {}),
    ("en", "Can you make this text sound more courteous? 'Send me the report now.'", "flash", {}),
    ("en", "The meeting has been moved to Thursday afternoon.", "pro", {"system": _TR_EN, "effort": "max"}),
    ("en", "Could you put this into Spanish for me? 'Please leave the keys at the front desk.'", "pro",
     {"effort": "high"}),
    ("en", "How do I get better at proofreading my own writing?", "BASE", {}),
    ("en", "Why is poetry so hard to translate?", "BASE", {}),
    ("en", "What's the best way to weigh flour without a kitchen scale?", "BASE", {"text_format": True}),
    ("en", "We plan a trip to Kyoto in April. Is cherry blossom season very crowded?", "BASE", {"text_format": True}),
    ("en", "I work out 3 times a week for 45 minutes. Is that enough to stay healthy?", "BASE", {"text_format": True}),
    ("en", "Who invented the crossword puzzle?", "BASE", {"text_format": True}),
    ("en", "Why do some people think through problems out loud?", "BASE", {"text_format": True}),
    # --- Spanish -------------------------------------------------------------------------------------
    ("es", [("user", "¿Qué tal el tiempo en Valencia en octubre?"), ("assistant", "Suave, unos 22 grados."),
            ("user", "Genial. Otra cosa: sácame el nombre, el teléfono y la dirección de este anuncio:\n\n'Vendo "
                     "bicicleta de montaña, 180 €. Llamar a Jorge al 612 345 678, calle Mayor 5, Alcalá.'")], "json", {}),
    ("es", "Dime qué fechas y horas aparecen en este correo: 'La reunión es el martes 4 a las 10:00 y la cena el "
           "viernes 7 a las 21:30.'", "json", {}),
    ("es", "Haz una lista con los productos y precios que salen en este ticket: pan 1,20; leche 0,95; café 4,50.",
     "json", {}),
    ("es", "¿Debería sacar todo mi dinero del banco antes de mudarme?", "BASE", {}),
    ("es", [("user", "Gracias por la receta de ayer."), ("assistant", "¡De nada!"),
            ("user", "Ahora un problema: un autobús sale de Sevilla a las 7:45 y tarda 2 horas y 50 minutos en llegar "
                     "a Málaga. ¿A qué hora llega?")], "reason", {}),
    ("es", "Mezclo 3 litros de zumo con un 40 % de azúcar y 2 litros con un 15 %. ¿Qué porcentaje de azúcar tiene "
           "la mezcla?", "reason", {}),
    ("es", "En una urna hay 4 bolas rojas y 6 verdes. Si saco dos bolas sin reposición, ¿qué probabilidad hay de "
           "que ambas sean verdes?", "reason", {}),
    ("es", "Ayer corrí 10 km en 55 minutos, ¡estoy muy contenta!", "BASE", {}),
    ("es", "Tengo 3 hijos de 5, 8 y 12 años, ¿qué película nos recomiendas para el sábado?", "BASE", {}),
    ("es", "¿Me revisas este texto por si hay faltas? 'Ayer fuimos a la playa y hací mucho calor.'", "flash", {}),
    ("es", "Pásame esto a un tono más formal: 'Oye, mándame el informe ya.'", "flash", {}),
    ("es", "Mañana no habrá clases por la huelga.", "pro",
     {"system": "Eres un traductor profesional de español a inglés.", "effort": "max"}),
    ("es", "¿Cómo quedaría esto en inglés? 'Nos vemos en la estación a las ocho.'", "pro", {"effort": "high"}),
    ("es", "¿Cómo puedo mejorar mi ortografía al escribir?", "BASE", {}),
    ("es", "¿Es difícil trabajar como traductor autónomo?", "BASE", {}),
    ("es", "¿Cuánto pesa de media un gato adulto?", "BASE", {"text_format": True}),
    # --- Portuguese ----------------------------------------------------------------------------------
    ("pt", [("user", "Qual é a melhor época para visitar o Nordeste?"), ("assistant", "De setembro a março."),
            ("user", "Valeu! Agora tira desse anúncio o preço, o bairro e o telefone do dono:\n\n'Alugo apartamento de "
                     "2 quartos no Bairro Alto, R$ 2.300 por mês. Falar com Carla: (21) 98765-4321.'")], "json", {}),
    ("pt", "Quais nomes e datas aparecem nesta mensagem? 'Oi, aqui é a Júlia. A festa da Ana é dia 12 e o churrasco "
           "do Pedro dia 20.'", "json", {}),
    ("pt", "Separe o nome do produto, a quantidade e o valor de cada linha deste pedido: 2x camiseta R$ 59,90; "
           "1x boné R$ 39,90.", "json", {}),
    ("pt", "Devo tirar o dinheiro da poupança para quitar o carro?", "BASE", {}),
    ("pt", [("user", "Me indica uma série leve?"), ("assistant", "Ted Lasso é ótima."),
            ("user", "Beleza. Outra coisa: um trem sai de Campinas às 6h40 e chega a São Paulo às 8h05. Quanto tempo "
                     "dura a viagem?")], "reason", {}),
    ("pt", "Misturei 5 litros de tinta branca com 2 litros de tinta azul. Que fração da mistura é azul?", "reason", {}),
    ("pt", "Jogo dois dados ao mesmo tempo. Qual é a probabilidade de a soma dar 7?", "reason", {}),
    ("pt", "Corri 5 km hoje em 28 minutos, que orgulho!", "BASE", {}),
    ("pt", "Tenho 2 filhos e 1 cachorro. Que carro vocês recomendam?", "BASE", {}),
    ("pt", "Dá uma revisada nesse texto pra ver se tem erro de português: 'A gente se ve amanha as 10 horas.'",
     "flash", {}),
    ("pt", "Deixe esta mensagem mais formal: 'E aí, manda o relatório hoje.'", "flash", {}),
    ("pt", "O voo foi cancelado por causa da chuva.", "pro",
     {"system": "Você é um tradutor do português para o inglês.", "effort": "max"}),
    ("pt", "Como fica isso em inglês? 'Obrigado pela paciência de todos.'", "pro", {"effort": "high"}),
    ("pt", "Quais são as maiores dificuldades de traduzir poesia?", "BASE", {}),
    ("pt", "Como revisar bem um texto antes de entregar?", "BASE", {}),
    # --- French --------------------------------------------------------------------------------------
    ("fr", [("user", "Tu connais un bon film pour ce soir ?"), ("assistant", "Essaie « Le Fabuleux Destin d'Amélie "
            "Poulain »."), ("user", "Merci ! Autre chose : sors-moi le nom, le prix et la ville de cette annonce : "
                                    "« Vends canapé 3 places, 250 €, à récupérer à Rennes, contacter Luc au 06 12 34 56 "
                                    "78. »")], "json", {}),
    ("fr", "Relève toutes les adresses e-mail présentes dans ce message : « Écrivez à marie@exemple.fr ou à "
           "support@exemple.fr. »", "json", {}),
    ("fr", "Peux-tu me lister les dates et les montants qui figurent dans ce courriel ? « Acompte de 300 € le 2 mai, "
           "solde de 700 € le 30 mai. »", "json", {}),
    ("fr", "Dois-je me retirer du projet si mon associé ne paie pas ?", "BASE", {}),
    ("fr", [("user", "Bonjour !"), ("assistant", "Bonjour, que puis-je faire pour vous ?"),
            ("user", "On mélange 2 litres de sirop à 30 % de sucre avec 3 litres d'eau. Quelle est la concentration en "
                     "sucre du mélange ?")], "reason", {}),
    ("fr", "Un TGV part de Paris à 14 h 10 et arrive à Marseille à 17 h 25. Quelle est la durée du trajet ?",
     "reason", {}),
    ("fr", "On tire une carte dans un jeu de 52 cartes. Quelle est la probabilité d'obtenir un as ou un cœur ?",
     "reason", {}),
    ("fr", "J'ai couru 12 km ce matin en 1 h 05, je suis ravie.", "BASE", {}),
    ("fr", "J'ai 3 enfants de 4, 6 et 9 ans : quelles activités faire à Paris ce week-end ?", "BASE", {}),
    ("fr", "Tu peux relire ce texte et corriger les fautes ? « Je vous envoie les document demandé hier. »",
     "flash", {}),
    ("fr", "Rends ce message plus poli : « Envoyez-moi le dossier tout de suite. »", "flash", {}),
    ("fr", "La réunion est reportée à jeudi.", "pro",
     {"system": "Tu es un traducteur professionnel français-anglais.", "effort": "max"}),
    ("fr", "Mets ça en anglais s'il te plaît : « Le magasin ferme à 19 h. »", "pro", {"effort": "high"}),
    ("fr", "Comment bien relire un mémoire avant de le rendre ?", "BASE", {}),
    ("fr", "Le métier de traducteur a-t-il encore de l'avenir avec l'IA ?", "BASE", {}),
    ("fr", "Je planifie mon mariage pour juin : quelles fleurs sont de saison ?", "BASE", {"text_format": True}),
    # --- German --------------------------------------------------------------------------------------
    ("de", [("user", "Was kann man am Wochenende in Leipzig unternehmen?"), ("assistant", "Zum Beispiel den Zoo besuchen."),
            ("user", "Danke! Lies bitte aus dieser Nachricht Namen, Datum und Uhrzeit heraus: „Hallo, hier ist Jonas, "
                     "wir treffen uns am 14. Juni um 18:30 im Café Central.“")], "json", {}),
    ("de", "Welche Telefonnummern und E-Mail-Adressen stehen in dieser Mail? „Erreichbar unter 030 1234567 oder "
           "info@firma.de.“", "json", {}),
    ("de", "Schreib mir aus der Anzeige den Preis, den Kilometerstand und das Baujahr raus: „VW Golf, Bj. 2017, "
           "92.000 km, 11.500 € VB.“", "json", {}),
    ("de", "Sollten wir uns aus dem Projekt zurückziehen, wenn der Kunde nicht zahlt?", "BASE", {}),
    ("de", [("user", "Kennst du ein gutes Rezept für Apfelkuchen?"), ("assistant", "Ja, einen gedeckten Apfelkuchen."),
            ("user", "Super. Andere Frage: Mein Zug fährt um 9:47 in Hannover ab und braucht 1 Stunde 38 Minuten bis "
                     "Hamburg. Der Anschlusszug fährt um 11:30. Bleibt mir genug Zeit zum Umsteigen?")], "reason", {}),
    ("de", "Man mischt 4 Liter 20-prozentige Salzlösung mit 6 Litern 5-prozentiger. Welchen Salzgehalt hat die "
           "Mischung?", "reason", {}),
    ("de", "In einer Urne liegen 3 rote und 5 blaue Kugeln. Wie groß ist die Wahrscheinlichkeit, zwei rote zu ziehen?",
     "reason", {}),
    ("de", "Ich bin heute 15 km gelaufen und habe 2 Stunden gebraucht. War ein schöner Tag!", "BASE", {}),
    ("de", "Wir sind 4 Leute und haben 3 Tage in Wien – was sollten wir unbedingt sehen?", "BASE", {}),
    ("de", "Kannst du diesen Absatz Korrektur lesen? „Wir freuen uns, ihnen mitzuteilen das die Bestellung versand "
           "wurde.“", "flash", {}),
    ("de", "Mach diese Nachricht höflicher: „Schick mir das sofort.“", "flash", {}),
    ("de", "Der Zug hat heute zwanzig Minuten Verspätung.", "pro",
     {"system": "Du bist ein Übersetzer für Deutsch und Englisch.", "effort": "max"}),
    ("de", "Was heißt „Ich habe mich verlaufen“ auf Englisch?", "pro", {"effort": "high"}),
    ("de", "Wie lernt man, die eigenen Texte gründlich Korrektur zu lesen?", "BASE", {}),
    ("de", "Warum sind Gedichte so schwer zu übersetzen?", "BASE", {}),
    # --- Russian -------------------------------------------------------------------------------------
    ("ru", [("user", "Посоветуй книгу на выходные."), ("assistant", "«Мастер и Маргарита»."),
            ("user", "Спасибо. А теперь вытащи из этого объявления цену, адрес и телефон: «Сдаю однокомнатную квартиру "
                     "на ул. Ленина, 12, 25 000 руб./мес., тел. 8-912-345-67-89.»")], "json", {}),
    ("ru", "Какие имена и даты упоминаются в этом письме? «Анна приедет 5 мая, а Сергей — 12 мая.»", "json", {}),
    ("ru", "Составь список всех сумм и дат из этой выписки: 3 марта — 1200 руб., 9 марта — 450 руб.", "json", {}),
    ("ru", "Стоит ли выходить из проекта, если партнёр не платит?", "BASE", {}),
    ("ru", [("user", "Какая погода обычно в Сочи в мае?"), ("assistant", "Тепло, около 20 градусов."),
            ("user", "Спасибо. Теперь задачка: в коробке 4 белых и 6 чёрных шаров, наугад берут 2. Какова вероятность, "
                     "что оба белые?")], "reason", {}),
    ("ru", "Поезд отправляется из Москвы в 23:50 и прибывает в Казань в 11:35. Сколько времени он в пути?",
     "reason", {}),
    ("ru", "Смешали 2 литра 10-процентного раствора соли и 3 литра 25-процентного. Какова концентрация полученного "
           "раствора?", "reason", {}),
    ("ru", "Сегодня прошёл 12 км за 2 часа, очень доволен!", "BASE", {}),
    ("ru", "У меня двое детей, 6 и 9 лет. Куда сходить с ними в Москве?", "BASE", {}),
    ("ru", "Вычитай этот абзац: «Мы рады сообщить, что ваш заказ был отправлен вчера и прибудет завтро.»", "flash", {}),
    ("ru", "Сделай это сообщение вежливее: «Пришлите отчёт сейчас же.»", "flash", {}),
    ("ru", "Завтра я буду работать из дома.", "pro",
     {"system": "Ты — профессиональный переводчик с русского на английский.", "effort": "max"}),
    ("ru", "Как по-английски будет «у меня закончились деньги»?", "pro", {"effort": "high"}),
    ("ru", "Как научиться хорошо вычитывать свои тексты?", "BASE", {}),
    ("ru", "Почему стихи так трудно переводить?", "BASE", {}),
    # --- Chinese -------------------------------------------------------------------------------------
    ("zh", [("user", "周末去哪里爬山比较好？"), ("assistant", "可以去香山。"),
            ("user", "好的。另外，帮我把这条短信里的姓名、电话和地址列出来：'我是王强，电话13812345678，地址是北京市朝阳区建国路88号。'")],
     "json", {}),
    ("zh", "这封邮件里提到了哪些日期和金额？'定金3000元于5月2日支付，尾款7000元于6月1日支付。'", "json", {}),
    ("zh", "把这条招聘广告里的职位、薪资和工作地点整理出来：'招聘前端工程师，月薪2万-3万，工作地点上海。'", "json", {}),
    ("zh", "我应该从这个项目中退出吗？", "BASE", {}),
    ("zh", [("user", "推荐一部电影吧。"), ("assistant", "《霸王别姬》。"),
            ("user", "谢谢。再问一道题：袋子里有3个红球和5个白球，随机摸出2个，两个都是红球的概率是多少？")], "reason", {}),
    ("zh", "高铁上午8:25从南京出发，11:40到达北京，路上用了多长时间？", "reason", {}),
    ("zh", "把200克浓度为15%的盐水和300克浓度为5%的盐水混合，混合后浓度是多少？", "reason", {}),
    ("zh", "我今天跑了10公里，用了50分钟，好开心！", "BASE", {}),
    ("zh", "我有两个孩子，一个5岁一个8岁，周末带他们去哪儿玩？", "BASE", {}),
    ("zh", "帮我看看这段话有没有错别字和语病：'我们非常高兴的通知您，您的订单已发货。'", "flash", {}),
    ("zh", "把这句话改得更客气一点：'马上把报告发给我。'", "flash", {}),
    ("zh", "会议改到下周三下午三点。", "pro", {"system": "你是一名专业的中英翻译。", "effort": "max"}),
    ("zh", "'我迷路了'的英文是什么？", "pro", {"effort": "high"}),
    ("zh", "怎样才能提高自己的校对能力？", "BASE", {}),
    ("zh", "做翻译这个职业前景怎么样？", "BASE", {}),
    # --- Japanese ------------------------------------------------------------------------------------
    ("ja", [("user", "おすすめのラーメン屋はありますか？"), ("assistant", "一蘭が人気です。"),
            ("user", "ありがとう。では、このメッセージから名前と日時と場所を拾ってください：「田中です。6月3日の19時に渋谷駅で会いましょう。」")],
     "json", {}),
    ("ja", "このメールに出てくる金額と日付を一覧にしてください：「前金5万円を4月1日、残金10万円を4月30日にお支払いください。」", "json", {}),
    ("ja", "この求人広告の職種・給与・勤務地を箇条書きで書き出して：「営業職、月給28万円、勤務地は大阪」", "json", {}),
    ("ja", "このプロジェクトから手を引くべきでしょうか？", "BASE", {}),
    ("ja", [("user", "最近寒いですね。"), ("assistant", "そうですね、暖かくしてください。"),
            ("user", "ところで質問です。兄は弟より5歳年上で、2人の年齢の合計は29歳です。弟は何歳ですか？")], "reason", {}),
    ("ja", "電車は7時52分に新宿を出て、9時18分に高尾に着きます。乗っている時間は何分ですか？", "reason", {}),
    ("ja", "濃度8%の食塩水200gに水を50g加えると、濃度は何%になりますか？", "reason", {}),
    ("ja", "サイコロを2回投げるとき、目の合計が8になる確率はどれだけですか？", "reason", {}),
    ("ja", "今日は10キロ走って、1時間かかりました。気持ちよかった！", "BASE", {}),
    ("ja", "子どもが2人いて、5歳と8歳です。おすすめの旅行先は？", "BASE", {}),
    ("ja", "この文を敬語に直してください：「明日来れる？」", "flash", {}),
    ("ja", "次のメールをもっと丁寧な言い方に書き換えてください：「資料、早く送って。」", "flash", {}),
    ("ja", "この文章に誤りがないかチェックしてください：「私は昨日、友達と映画を見に行きまた。」", "flash", {}),
    ("ja", "来週の会議は中止になりました。", "pro", {"system": "あなたは日英翻訳者です。", "effort": "max"}),
    ("ja", "「お疲れさまです」は英語でどう表現すればいいですか？", "pro", {"effort": "high"}),
    ("ja", "文章を上手に校正するコツは何ですか？", "BASE", {}),
    ("ja", "翻訳の仕事は将来なくなりますか？", "BASE", {}),
    # --- Hindi ---------------------------------------------------------------------------------------
    ("hi", [("user", "आज शाम को क्या पकाऊँ?"), ("assistant", "पनीर बटर मसाला बना सकते हैं।"),
            ("user", "बढ़िया। अब इस विज्ञापन में से कीमत, पता और फ़ोन नंबर अलग करके बताओ: 'दो कमरों का फ्लैट किराए पर, "
                     "15,000 रुपये महीना, सेक्टर 21 नोएडा, संपर्क: 98100 12345'")], "json", {}),
    ("hi", "इस ईमेल में कौन-कौन सी तारीखें और रकम लिखी हैं? 'अग्रिम 5000 रुपये 2 मई को और बाकी 10000 रुपये 30 मई को।'",
     "json", {}),
    ("hi", "इस संदेश में जितने भी नाम आए हैं उनकी सूची बनाओ: 'कल रमेश, सुरेश और गीता मीटिंग में आएंगे।'", "json", {}),
    ("hi", "क्या मुझे इस सौदे से पीछे हट जाना चाहिए?", "BASE", {}),
    ("hi", [("user", "कोई अच्छी किताब बताओ।"), ("assistant", "'गोदान' पढ़िए।"),
            ("user", "धन्यवाद। एक सवाल: एक थैले में 4 लाल और 6 नीली गेंदें हैं। बिना देखे 2 गेंदें निकाली जाती हैं। दोनों के लाल "
                     "होने की प्रायिकता क्या है?")], "reason", {}),
    ("hi", "ट्रेन सुबह 6:15 पर दिल्ली से चलती है और दोपहर 12:45 पर जयपुर पहुँचती है। यात्रा में कुल कितना समय लगता है?",
     "reason", {}),
    ("hi", "20 लीटर दूध में 25% पानी है। कितना पानी और मिलाएँ कि पानी 40% हो जाए?", "reason", {}),
    ("hi", "आज मैंने 8 किलोमीटर दौड़ लगाई, 50 मिनट में। बहुत मज़ा आया!", "BASE", {}),
    ("hi", "मेरे दो बच्चे हैं, 6 और 10 साल के। गर्मियों में कहाँ घूमने जाएँ?", "BASE", {}),
    ("hi", "इस पैराग्राफ़ में वर्तनी की गलतियाँ देखकर ठीक कर दो: 'हम कल बाज़ार गऐ थे और बहोत सामान लाए।'", "flash", {}),
    ("hi", "इस संदेश को और विनम्र बना दो: 'रिपोर्ट अभी भेजो।'", "flash", {}),
    ("hi", "कल बैंक बंद रहेगा।", "pro", {"system": "आप एक पेशेवर अनुवादक हैं।", "effort": "max"}),
    ("hi", "इसे अंग्रेज़ी में कैसे कहेंगे: 'मुझे देर हो जाएगी'?", "pro", {"effort": "high"}),
    ("hi", "अनुवादक बनने के लिए कौन-सी पढ़ाई करनी चाहिए?", "BASE", {}),
    ("hi", "अपना लिखा हुआ अच्छे से प्रूफ़रीड करना कैसे सीखें?", "BASE", {}),
]

# ------------------------------------------------------------------------------------------------------
# Batch 6 (issue 13, third round, development set): written by the round-3 engineer *before* changing the
# classifier, from the README rule table and the five miss classes reported for held-out batch 2 (described
# by class only; the held-out items were never seen). Same entry format as batch 5. Classes: P = a posed
# puzzle without a cue word (entities + clues + a who/which/when question; two trains meeting), A = a question
# *about* a simple task (rule 9) next to the task itself (rule 8), C = code shape (a fenced block whatever its
# tag or content, a Windows path), X = colloquial extraction ("pull out ... put in a table"), O = an opinion
# question; N = a near-miss of the class before it, which must not flip.
# ------------------------------------------------------------------------------------------------------
_HELLO = {
    "en": ("Good morning! How's your day going?", "Good morning! All good here - what can I do for you?"),
    "es": ("¡Hola! ¿Qué tal el día?", "¡Muy bien! ¿En qué te puedo ayudar?"),
    "pt": ("Oi! Tudo bem?", "Tudo ótimo! Em que posso ajudar?"),
    "fr": ("Salut ! Tu vas bien ?", "Très bien, merci ! Que puis-je faire pour toi ?"),
    "de": ("Na, wie war dein Wochenende?", "Ich habe kein Wochenende, aber danke! Wie kann ich helfen?"),
    "ru": ("Привет! Как дела?", "Отлично! Чем могу помочь?"),
    "zh": ("你好！今天过得怎么样？", "很好！有什么可以帮你的吗？"),
    "ja": ("こんにちは！元気ですか？", "元気です！何かお手伝いできますか？"),
    "hi": ("नमस्ते! कैसे हो?", "मैं ठीक हूँ! बताइए, क्या मदद करूँ?"),
}


def _after_hello(lang: str, text: str) -> list[tuple[str, str]]:
    u, a = _HELLO[lang]
    return [("user", u), ("assistant", a), ("user", text)]


DEV_I13R3 = [
    # --- English -------------------------------------------------------------------------------------
    ("en", "Five friends - Ana, Ben, Chloe, Dev and Eli - sit in a row at the cinema. Ben sits immediately to the "
           "right of Ana. Chloe is not at either end. Dev sits next to Eli but not next to Ben. Eli is in seat 5. "
           "Who sits in the middle seat?", "reason", {}),
    ("en", "There are four houses in a row, each painted a different colour: red, blue, green and white. The doctor "
           "lives in the red house. The teacher's house is directly to the left of the blue one. The green house "
           "is at one end. The baker owns a cat and lives next to the doctor. The pilot doesn't live in the white "
           "house. Who lives in the green house?", "reason", {}),
    ("en", "On an island every inhabitant either always tells the truth or always lies. You meet Kim and Lou. Kim "
           "says: 'At least one of us is a liar.' Lou says: 'Kim is lying.' Who is telling the truth?", "reason", {}),
    ("en", _after_hello("en", "Ok, a fun one for you. Mia, Noah and Omar each ordered a different drink: tea, "
                              "coffee or juice. Mia didn't order coffee. Omar ordered neither tea nor coffee. Who "
                              "ordered what?"), "reason", {}),
    ("en", "Raj is older than Tina but younger than Uma. Vic is older than Uma. Who is the youngest of the four?",
     "reason", {}),
    ("en", "Two trains leave stations 300 km apart at the same time and head towards each other, one at 80 km/h "
           "and the other at 70 km/h. Where do they meet?", "reason", {}),
    ("en", [("user", "Can you help me with my son's homework later?"), ("assistant", "Of course, send it over!"),
            ("user", "A cyclist leaves town A at 9:00 riding at 18 km/h. A car leaves the same place at 10:30 "
                     "driving at 54 km/h along the same road. How long until the car catches up with him?")],
     "reason", {}),
    ("en", "I love logic puzzles! Which books would you recommend for a ten-year-old?", "BASE", {}),
    ("en", "I'm reading a book about famous liars and con artists. Who was the most successful impostor in history?",
     "BASE", {}),
    ("en", "We sat next to each other at the wedding and she told me she loves sudoku. Which gift would she like?",
     "BASE", {}),
    ("en", "My colleague always tells the truth, even when it hurts. Is that a good quality in a manager?", "BASE",
     {}),
    ("en", "My sister and I are meeting halfway between Lyon and Geneva on Sunday. Any nice lakeside cafés there?",
     "BASE", {}),
    ("en", "How should I summarize a book for a school report?", "BASE", {}),
    ("en", [("user", "I have to read twelve papers this week for my thesis."),
            ("assistant", "That's a lot! How can I help?"),
            ("user", "Any tips for summarizing research papers quickly?")], "BASE", {}),
    ("en", "What's the best way to write a summary of a long novel without spoiling the ending?", "BASE", {}),
    ("en", "How do you translate idioms without losing their meaning?", "BASE", {}),
    ("en", "Is it better to proofread on paper or on screen?", "BASE", {}),
    ("en", "Summarize this book review in two sentences:\n\n<<FILL:prose:600>>", "flash", {}),
    ("en", "How would you summarize the following in one line? The council voted to close the old library and to "
           "open a new one by 2027.", "flash", {}),
    ("en", "Translate the values of this JSON into French:\n```json\n{\"title\": \"Welcome\", \"cta\": \"Sign up "
           "now\"}\n```", "code", {}),
    ("en", "My game crashes on start and the error mentions C:\\Program Files\\Steam\\steamapps\\common\\Hollow "
           "Knight\\UnityPlayer.dll. What should I do?", "code", {}),
    ("en", "Please proofread the email in this block:\n```\nDear team, the office will be close on Friday.\n```",
     "code", {}),
    ("en", "I saved my CV as resume_final.docx - is that a professional file name?", "BASE", {}),
    ("en", "My C drive is almost full. What can I safely delete?", "BASE", {}),
    ("en", [("user", "Here's my bank statement for March: 03/02 Grocery £54.20; 03/09 Rent £950.00; 03/15 Gym "
                     "£29.99"), ("assistant", "Got it. What would you like me to do with it?"),
            ("user", "Pull out the dates and the amounts and put them in a table.")], "json", {}),
    ("en", "Fish out every phone number and email address in the message below and put them into a table:\n\nCall Jo "
           "on 555-0101 or write to jo@example.com; Max is on 555-0199.", "json", {}),
    ("en", "Grab me the prices of the three most popular phones this year and put them in a table.", "BASE", {}),
    ("en", [("user", "I just finished the first Dune book."), ("assistant", "Great choice! Did you enjoy it?"),
            ("user", "I did. What do you think about the trade-off the author makes between world-building and "
                     "pace? Is the first book better than the sequels?")], "BASE", {}),
    ("en", "What do you think, is it a good idea to plan a wedding in six months?", "BASE", {}),
    ("en", "What do you think about step-by-step guides versus videos for learning to cook?", "BASE", {}),
    # --- Spanish -------------------------------------------------------------------------------------
    ("es", "Cuatro amigas —Ana, Bea, Carla y Dora— se sientan en fila. Ana está justo a la izquierda de Bea. Carla "
           "no se sienta en ningún extremo. Dora está al lado de Carla. ¿Quién se sienta en el extremo derecho?",
     "reason", {}),
    ("es", _after_hello("es", "Te propongo uno: de tres hermanos, uno siempre miente y los otros dos siempre dicen "
                              "la verdad. Luis dice: «Pablo miente». Pablo dice: «Yo digo la verdad». Raúl dice: "
                              "«Luis dice la verdad». ¿Quién es el mentiroso?"), "reason", {}),
    ("es", "Dos trenes salen a la vez de dos ciudades separadas por 620 km, uno a 160 km/h y el otro a 150 km/h, "
           "el uno hacia el otro. ¿Dónde se cruzan?", "reason", {}),
    ("es", "Me encantan los acertijos de lógica. ¿Qué libro me recomiendas para empezar?", "BASE", {}),
    ("es", "Mi jefe dice que nunca miente. ¿Cómo sé si puedo confiar en él?", "BASE", {}),
    ("es", "¿Cómo debería resumir un libro para un trabajo de clase?", "BASE", {}),
    ("es", "¿Qué consejos me das para traducir canciones sin perder la rima?", "BASE", {}),
    ("es", "Resume este correo en una frase: «Hola equipo, la reunión del lunes pasa al martes a las 10 por la "
           "visita del cliente.»", "flash", {}),
    ("es", "Traduce al inglés los textos de este JSON:\n```json\n{\"saludo\": \"Hola\", \"despedida\": \"Hasta "
           "luego\"}\n```", "code", {}),
    ("es", "Al abrir el juego me sale que falta C:\\Windows\\System32\\msvcp140.dll. ¿Qué hago?", "code", {}),
    ("es", "Guardé el informe como informe_final.pdf, ¿es un buen nombre?", "BASE", {}),
    ("es", [("user", "Te pego mis gastos de la semana: lunes 12,50 € café y pan; miércoles 45 € gasolina; sábado "
                     "80 € cena."), ("assistant", "¡Vale! ¿Qué quieres hacer con ellos?"),
            ("user", "Sácame los días y los importes y pásalos a una tabla.")], "json", {}),
    ("es", "Sácame los mejores precios de vuelos a Roma para mayo.", "BASE", {}),
    ("es", [("user", "Acabo de ver Oppenheimer."), ("assistant", "¡Qué interesante! ¿Te gustó?"),
            ("user", "Sí. ¿Y tú qué opinas de las ventajas y desventajas de contarla sin orden cronológico?")],
     "BASE", {}),
    # --- Portuguese ----------------------------------------------------------------------------------
    ("pt", "Três amigos — Caio, Davi e Enzo — têm cada um um animal diferente: um cão, um gato e um peixe. Caio não "
           "tem o cão. Enzo não tem nem o cão nem o gato. Quem tem o gato?", "reason", {}),
    ("pt", "Numa ilha, os cavaleiros sempre dizem a verdade e os patifes sempre mentem. A diz: 'B é um patife'. B "
           "diz: 'Nós dois somos cavaleiros'. Quem é o quê?", "reason", {}),
    ("pt", _after_hello("pt", "Dois trens partem ao mesmo tempo de cidades a 450 km de distância, um a 100 km/h e "
                              "outro a 80 km/h, um em direção ao outro. Em que ponto eles se cruzam?"), "reason", {}),
    ("pt", "Adoro quebra-cabeças de lógica! Qual aplicativo você recomenda?", "BASE", {}),
    ("pt", "Meu vizinho diz que sempre fala a verdade. Devo acreditar nele?", "BASE", {}),
    ("pt", "Qual é a melhor forma de fazer um resumo de um livro para a escola?", "BASE", {}),
    ("pt", [("user", "Estou fazendo mestrado e leio muitos artigos."), ("assistant", "Que legal! Como posso ajudar?"),
            ("user", "Tem alguma dica para resumir artigos científicos mais rápido?")], "BASE", {}),
    ("pt", "Resuma este parágrafo em uma frase: 'A prefeitura vai fechar a rua principal no domingo para a "
           "maratona, das 6h às 14h.'", "flash", {}),
    ("pt", "Traduza para o inglês as mensagens deste arquivo:\n```\n{\"ola\": \"Olá\", \"sair\": \"Sair\"}\n```",
     "code", {}),
    ("pt", "O Windows diz que não encontra C:\\Users\\Ana\\AppData\\Local\\Temp\\setup.log, o que eu faço?", "code",
     {}),
    ("pt", "Mandei o arquivo relatorio.pdf por e-mail. Devo avisar o chefe?", "BASE", {}),
    ("pt", "Puxa as datas e os valores dessa conversa e coloca numa tabela: 'Paguei 120 reais dia 3, 80 dia 10 e "
           "45 dia 22.'", "json", {}),
    ("pt", "O que você acha: vale a pena morar em Portugal?", "BASE", {}),
    # --- French --------------------------------------------------------------------------------------
    ("fr", "Quatre maisons sont alignées, chacune d'une couleur différente. La maison rouge est juste à gauche de la "
           "verte. Le médecin habite la maison bleue, qui est à une extrémité. Le boulanger n'habite pas à côté du "
           "médecin. Qui habite la maison blanche ?", "reason", {}),
    ("fr", _after_hello("fr", "Petit défi : Paul est plus grand que Marc, Marc est plus grand que Luc, et Luc est "
                              "plus grand que Jean. Qui est le plus petit ?"), "reason", {}),
    ("fr", "Deux trains partent en même temps de deux villes distantes de 460 km, l'un à 200 km/h et l'autre à "
           "160 km/h, l'un vers l'autre. À quelle distance de la première ville se croisent-ils ?", "reason", {}),
    ("fr", "J'adore les énigmes policières ! Tu connais de bons romans d'Agatha Christie ?", "BASE", {}),
    ("fr", "Mon frère dit toujours la vérité, même quand ça blesse. C'est une qualité ?", "BASE", {}),
    ("fr", "Quelle est la meilleure façon de résumer un roman pour un exposé ?", "BASE", {}),
    ("fr", "Tu as des conseils pour bien traduire des jeux de mots ?", "BASE", {}),
    ("fr", "Traduis en anglais : « La réunion de demain est annulée. »", "flash", {}),
    ("fr", "Traduis en anglais les valeurs de ce fichier :\n```yaml\ntitle: Bienvenue\nbutton: Commencer\n```", "code",
     {}),
    ("fr", "Le jeu plante et parle de C:\\Program Files (x86)\\Ubisoft\\game.exe, une idée ?", "code", {}),
    ("fr", "J'ai renommé mon fichier en cv_2025.pdf, c'est bien ?", "BASE", {}),
    ("fr", [("user", "Voici mon relevé : 02/05 loyer 750 € ; 05/05 courses 86 € ; 12/05 essence 60 €."),
            ("assistant", "D'accord, je l'ai."),
            ("user", "Récupère-moi les dates et les montants et mets-les dans un tableau.")], "json", {}),
    ("fr", "À ton avis, le télétravail rend-il les gens plus heureux ?", "BASE", {}),
    # --- German --------------------------------------------------------------------------------------
    ("de", _after_hello("de", "Drei Freunde – Anna, Ben und Clara – haben je ein anderes Haustier: einen Hund, eine "
                              "Katze und einen Fisch. Anna hat keinen Hund. Ben hat weder einen Hund noch eine "
                              "Katze. Wer hat welches Tier?"), "reason", {}),
    ("de", "Fünf Läufer kommen ins Ziel. Tim ist vor Ole, aber hinter Jan. Max kommt direkt nach Ole. Lea ist "
           "Letzte. In welcher Reihenfolge kommen sie an?", "reason", {}),
    ("de", "Zwei Züge fahren gleichzeitig in zwei Städten ab, die 600 km voneinander entfernt sind, einer mit "
           "180 km/h, der andere mit 120 km/h, aufeinander zu. Wo begegnen sie sich?", "reason", {}),
    ("de", "Meine Oma liebt Logikrätsel. Welches Rätselheft soll ich ihr schenken?", "BASE", {}),
    ("de", "Mein Chef sagt, er lügt nie. Wie finde ich heraus, ob das stimmt?", "BASE", {}),
    ("de", "Wie fasse ich ein Fachbuch am besten zusammen?", "BASE", {}),
    ("de", "Hast du Tipps, wie man Gedichte gut übersetzen kann?", "BASE", {}),
    ("de", "Fass diesen Text in zwei Sätzen zusammen: Der Stadtrat hat beschlossen, die alte Bibliothek zu schließen "
           "und bis 2027 eine neue zu bauen.", "flash", {}),
    ("de", "Übersetze die Texte in diesem Block ins Englische:\n```\nbutton.save = Speichern\nbutton.cancel = "
           "Abbrechen\n```", "code", {}),
    ("de", "Beim Start kommt die Meldung, dass C:\\Programme\\Microsoft Office\\root\\Office16\\WINWORD.EXE "
           "beschädigt ist. Was tun?", "code", {}),
    ("de", "Ich habe die Rechnung als Rechnung_Mai.pdf gespeichert. Muss ich sie ausdrucken?", "BASE", {}),
    ("de", "Zieh mir aus dieser Nachricht alle Termine und Beträge raus und pack sie in eine Tabelle: „Am 3. Juni "
           "40 € Anzahlung, am 17. Juni 160 € Rest.“", "json", {}),
    ("de", [("user", "Ich habe gerade 'Der Schwarm' gelesen."), ("assistant", "Spannendes Buch!"),
            ("user", "Was hältst du von den Vor- und Nachteilen, die das Buch der Tiefsee-Forschung zuschreibt?")],
     "BASE", {}),
    # --- Russian -------------------------------------------------------------------------------------
    ("ru", "Трое друзей — Антон, Борис и Влад — живут на разных этажах трёхэтажного дома. Антон живёт выше Бориса. "
           "Влад живёт не на первом этаже и ниже Антона. Кто живёт на втором этаже?", "reason", {}),
    ("ru", "Один из трёх братьев всегда лжёт, а двое других всегда говорят правду. Петя сказал: «Ваня лжёт». Ваня "
           "сказал: «Я говорю правду». Коля сказал: «Петя прав». Кто лжец?", "reason", {}),
    ("ru", "Из двух городов, расстояние между которыми 360 км, одновременно навстречу друг другу вышли два поезда: "
           "один со скоростью 70 км/ч, другой — 50 км/ч. На каком расстоянии от первого города они встретятся?",
     "reason", {}),
    ("ru", "Обожаю головоломки! Посоветуй какую-нибудь настольную игру.", "BASE", {}),
    ("ru", "Мой сосед говорит, что никогда не лжёт. Стоит ли ему верить?", "BASE", {}),
    ("ru", "Как правильно пересказать книгу для школьного сочинения?", "BASE", {}),
    ("ru", "Есть советы, как лучше резюмировать научные статьи?", "BASE", {}),
    ("ru", "Перескажи кратко: «Завтра в школе отменены занятия из-за морозов, уроки перенесут на субботу.»", "flash",
     {}),
    ("ru", "Переведи на английский строки из этого файла:\n```json\n{\"hello\": \"Привет\", \"bye\": \"Пока\"}\n```",
     "code", {}),
    ("ru", "Игра пишет, что не найден файл D:\\Games\\Witcher\\bin\\x64\\witcher3.exe. Что делать?", "code", {}),
    ("ru", "Я сохранил отчёт как otchet_final.docx, нормальное название?", "BASE", {}),
    ("ru", [("user", "Вот выписка по карте: 02.03 — 1 200 руб., 09.03 — 450 руб., 15.03 — 3 000 руб."),
            ("assistant", "Вижу выписку. Что с ней сделать?"),
            ("user", "Вытащи даты и суммы и оформи таблицей.")], "json", {}),
    ("ru", "Составь таблицу с ценами на айфоны за последние пять лет.", "BASE", {}),
    ("ru", "Как ты думаешь, стоит ли переезжать в Петербург?", "BASE", {}),
    # --- Chinese -------------------------------------------------------------------------------------
    ("zh", "甲、乙、丙三人中只有一人说了真话。甲说：“乙在说谎。”乙说：“丙在说谎。”丙说：“甲和乙都在说谎。”谁说了真话？", "reason", {}),
    ("zh", _after_hello("zh", "考你一下：五个人排成一排，小王在小李的左边，小张在最右边，小赵和小王相邻，小陈不在两端。谁站在中间？"),
     "reason", {}),
    ("zh", "甲乙两地相距360千米，两列火车同时从两地相对开出，一列每小时行80千米，另一列每小时行70千米。两车何时相遇？", "reason", {}),
    ("zh", "我特别喜欢逻辑推理类的谜题，有什么好玩的手机游戏推荐吗？", "BASE", {}),
    ("zh", "我同事说他从来不说谎，我该相信他吗？", "BASE", {}),
    ("zh", "怎么把一本书总结成一页纸？", "BASE", {}),
    ("zh", "把诗翻译成英文有什么技巧？", "BASE", {}),
    ("zh", "把这段话翻译成英文：明天的会议取消了。", "flash", {}),
    ("zh", "把这个JSON里的文字翻译成英文：\n```json\n{\"title\": \"欢迎\", \"ok\": \"确定\"}\n```", "code", {}),
    ("zh", "打开软件时提示找不到 C:\\Program Files\\Tencent\\WeChat\\WeChat.exe，怎么办？", "code", {}),
    ("zh", "我把简历保存成了简历_最终版.pdf，这个文件名合适吗？", "BASE", {}),
    ("zh", [("user", "这是我这周的开销：周一午饭35元，周三打车48元，周六电影票90元。"), ("assistant", "收到，需要我做什么？"),
            ("user", "把里面的日期和金额挑出来，做成表格。")], "json", {}),
    ("zh", "帮我挑出几部好看的电影，做成表格。", "BASE", {}),
    ("zh", "你觉得人工智能会让人变懒吗？", "BASE", {}),
    # --- Japanese ------------------------------------------------------------------------------------
    ("ja", "A、B、Cの3人のうち、1人だけが嘘をついています。Aは「Bが犯人だ」と言いました。Bは「私は犯人ではない」と言いました。"
           "Cは「Aは嘘つきだ」と言いました。嘘をついているのは誰ですか？", "reason", {}),
    ("ja", _after_hello("ja", "4人が丸いテーブルに座っています。田中さんは佐藤さんの右隣です。鈴木さんは田中さんの向かいに座っています。"
                              "高橋さんの左隣は誰ですか？"), "reason", {}),
    ("ja", "A駅とB駅は120km離れています。電車PはA駅から時速70kmで、電車QはB駅から時速50kmで同時に出発し、向かい合って走ります。"
           "2つの電車はA駅から何kmの地点ですれ違いますか？", "reason", {}),
    ("ja", "パズルが大好きです。おすすめの数独アプリはありますか？", "BASE", {}),
    ("ja", "友達は絶対に嘘をつかないと言っています。信じてもいいと思いますか？", "BASE", {}),
    ("ja", "本の内容をうまく要約するコツを教えてください。", "BASE", {}),
    ("ja", [("user", "最近、論文をたくさん読んでいます。"), ("assistant", "大変ですね。何かお手伝いできますか？"),
            ("user", "英語の論文を効率よく要約するにはどうすればいいですか？")], "BASE", {}),
    ("ja", "次の文章を一文で要約してください：「明日の会議は午後三時に変更になりました。資料は前日までに共有してください。」", "flash", {}),
    ("ja", "このJSONの文字列を英語に翻訳して：\n```json\n{\"greeting\": \"こんにちは\"}\n```", "code", {}),
    ("ja", "起動すると C:\\Program Files\\Adobe\\Acrobat DC\\Acrobat\\acrobat.dll が見つかりませんと出ます。どうすればいいですか？",
     "code", {}),
    ("ja", "見積書を mitsumori.pdf という名前で保存しました。これで大丈夫ですか？", "BASE", {}),
    ("ja", [("user", "今月の出費です：3日 ランチ1200円、10日 本2500円、18日 映画1800円。"), ("assistant", "了解しました。どうしますか？"),
            ("user", "そこから日付と金額を拾って表にしてください。")], "json", {}),
    ("ja", "正直なところ、リモートワークのメリットとデメリットについてどう思いますか？", "BASE", {}),
    # --- Hindi ---------------------------------------------------------------------------------------
    ("hi", "तीन दोस्त — राम, श्याम और मोहन — अलग-अलग शहरों में रहते हैं: दिल्ली, मुंबई और पुणे। राम दिल्ली में नहीं रहता। मोहन न "
           "दिल्ली में रहता है न मुंबई में। कौन किस शहर में रहता है?", "reason", {}),
    ("hi", _after_hello("hi", "तीन लोगों में से एक हमेशा झूठ बोलता है। अमित ने कहा: 'रवि झूठ बोल रहा है।' रवि ने कहा: 'मैं सच बोल "
                              "रहा हूँ।' सुनील ने कहा: 'अमित सही है।' झूठा कौन है?"), "reason", {}),
    ("hi", "दो शहरों के बीच की दूरी 300 किलोमीटर है। दो ट्रेनें एक साथ एक-दूसरे की ओर चलती हैं, एक 60 किमी/घंटा और दूसरी "
           "40 किमी/घंटा की रफ्तार से। वे कहाँ मिलेंगी?", "reason", {}),
    ("hi", "मुझे पहेलियाँ और पहेली वाले खेल बहुत पसंद हैं! कोई अच्छी किताब बताओ।", "BASE", {}),
    ("hi", "मेरा दोस्त कहता है कि वह कभी झूठ नहीं बोलता। क्या मुझे उस पर भरोसा करना चाहिए?", "BASE", {}),
    ("hi", "किसी किताब का सारांश कैसे लिखें?", "BASE", {}),
    ("hi", "अंग्रेज़ी से हिंदी में अनुवाद करने के लिए कुछ टिप्स दीजिए।", "BASE", {}),
    ("hi", "इस वाक्य का अंग्रेज़ी में अनुवाद करें: 'कल स्कूल बंद रहेगा।'", "flash", {}),
    ("hi", "इस JSON की स्ट्रिंग्स का हिंदी में अनुवाद करो:\n```json\n{\"hello\": \"Hello\"}\n```", "code", {}),
    ("hi", "गेम खोलने पर C:\\Program Files\\EA Games\\FIFA 23\\FIFA23.exe नहीं मिल रहा, क्या करूँ?", "code", {}),
    ("hi", "मैंने अपना बायोडाटा resume_final.pdf नाम से सेव किया है, ठीक है?", "BASE", {}),
    ("hi", [("user", "इस हफ्ते के खर्चे: सोमवार 250 रुपये, बुधवार 400 रुपये, शनिवार 1200 रुपये।"),
            ("assistant", "ठीक है, क्या करना है?"),
            ("user", "इसमें से दिन और रकम निकालकर तालिका बना दो।")], "json", {}),
    ("hi", "आपकी राय में, ऑनलाइन पढ़ाई के फायदे और नुकसान क्या हैं?", "BASE", {}),
]

# ------------------------------------------------------------------------------------------------------
# Batch 7 (issue 13, fourth round, development set): written by the round-4 engineer *before* changing the
# classifier, from the README rule table and the miss classes reported for held-out batch 3 (described by
# class only; the held-out items were never seen). Same entry format as batch 5; ``opts`` may carry a
# ``system`` prompt and a ``model``. Rule 8 items go to a strong model id, so that a missed task shows as
# ``pro``. Classes: K = a classification / labelling / sentiment task (verb or noun form, "is this positive or
# negative?", "which category ..."), E = extraction that lists items or fields out of a given text (a recipe,
# a résumé, "in this"), S = a proof asked with "show that" / "demonstrate" / "justify why" (every register),
# Z = a logic puzzle with few cue words, W = a rewrite / rephrase / make-it-friendlier request as the latest
# turn of a chat whose earlier turn asked for a proof, J = a JSON output instruction without a
# ``response_format`` or extraction wording (rule 9: see the README rule notes) next to JSON with extraction;
# N = a near-miss of the class before it, which must not flip.
# ------------------------------------------------------------------------------------------------------
_PROOF_TURN = {
    "en": ("Prove that there are infinitely many primes.", "Suppose there were finitely many primes p1, ..., pn. "
           "Then N = p1·...·pn + 1 is divisible by none of them, a contradiction. ∎"),
    "es": ("Demuestra que la raíz cuadrada de 2 es irracional.", "Supongamos que √2 = p/q con p y q coprimos. "
           "Entonces p² = 2q², luego p es par... contradicción. ∎"),
    "pt": ("Prove que existem infinitos números primos.", "Suponha que há finitos primos p1, ..., pn. O número "
           "p1·...·pn + 1 não é divisível por nenhum deles, contradição. ∎"),
    "fr": ("Démontre que √2 est irrationnel.", "Supposons √2 = p/q, fraction irréductible. Alors p² = 2q², donc p "
           "est pair... contradiction. ∎"),
    "de": ("Beweise, dass es unendlich viele Primzahlen gibt.", "Angenommen, es gäbe nur endlich viele Primzahlen "
           "p1, ..., pn. Dann ist p1·...·pn + 1 durch keine davon teilbar – Widerspruch. ∎"),
    "ru": ("Докажи, что простых чисел бесконечно много.", "Предположим, простых чисел конечно: p1, ..., pn. "
           "Тогда p1·...·pn + 1 не делится ни на одно из них — противоречие. ∎"),
    "zh": ("证明素数有无穷多个。", "假设素数只有有限个 p1,...,pn，则 p1·...·pn+1 不能被其中任何一个整除，矛盾。∎"),
    "ja": ("素数が無限に存在することを証明してください。", "素数が有限個 p1, ..., pn しかないと仮定すると、p1·...·pn + 1 は"
           "どれでも割り切れず矛盾します。∎"),
    "hi": ("सिद्ध कीजिए कि अभाज्य संख्याएँ अनंत हैं।", "मान लीजिए अभाज्य संख्याएँ सीमित हैं: p1, ..., pn. तब p1·...·pn + 1 "
           "किसी से विभाज्य नहीं है — विरोधाभास। ∎"),
}


def _after_proof(lang: str, text: str) -> list[tuple[str, str]]:
    u, a = _PROOF_TURN[lang]
    return [("user", u), ("assistant", a), ("user", text)]


DEV_I13R4 = [
    # --- English -------------------------------------------------------------------------------------
    ("en", "Label this review as positive or negative: 'The battery died after two days and support never "
           "answered.'", "flash", {}),
    ("en", "Is this customer comment positive, negative or neutral? \"Delivery was late, but the jacket itself is "
           "lovely.\"", "flash", {}),
    ("en", "Which category does this ticket belong to - billing, technical or account? 'I was charged twice for "
           "my March subscription.'", "flash", {}),
    ("en", "Tag each of these headlines with a topic (sports, politics, tech):\n1. City wins the derby 3-1\n2. "
           "Parliament passes budget\n3. New phone folds in three", "flash", {}),
    ("en", "What's the difference between classification and regression in machine learning?", "BASE", {}),
    ("en", "List all the ingredients mentioned in this recipe: whisk 3 eggs with 200 ml of milk, add a pinch of "
           "salt and 150 g of flour, then fry in butter.", "json", {}),
    ("en", [("user", "Notes from today's call: Priya confirmed the venue for 14 June, Tom will send the contract "
                     "by Friday, and the budget is capped at $12,000."),
            ("assistant", "Thanks, got it. What would you like me to do with these notes?"),
            ("user", "What are the names, dates and amounts in this?")], "json", {}),
    ("en", "From the job ad below, list every skill and tool they ask for.\n\nWe're hiring a data analyst with SQL, "
           "Tableau and Python, strong communication skills and experience with A/B testing.", "json", {}),
    ("en", "List the ingredients I need for a classic carbonara.", "BASE", {}),
    ("en", "Summarize this recipe in one sentence: whisk the eggs, fold in the flour and bake for 20 minutes.",
     "flash", {}),
    ("en", "Show that the sum of two odd integers is always even.", "reason", {}),
    ("en", "Demonstrate that every prime greater than 3 leaves a remainder of 1 or 5 when divided by 6.",
     "reason", {}),
    ("en", "Justify why a binary search on a sorted array of n elements needs at most log2(n) + 1 comparisons.",
     "reason", {}),
    ("en", "Show me how to fold a fitted sheet.", "BASE", {}),
    ("en", "Studies show that people sleep less in summer. Is that true for teenagers too?", "BASE", {}),
    ("en", "Three siblings - Ava, Ben and Cal - each play a different instrument: piano, violin or drums. Ava "
           "doesn't play the drums. Cal plays neither the piano nor the drums. Who plays the violin?", "reason",
     {}),
    ("en", "Lena, Omar and Priya ordered pizza, sushi and tacos. Omar didn't order sushi. The person who ordered "
           "tacos sat next to Lena. Priya ordered pizza. What did Lena order?", "reason", {}),
    ("en", "My three kids each want a different pet for Christmas. Which pet is easiest for a small flat?", "BASE",
     {}),
    ("en", _after_proof("en", "Thanks! Now rephrase this so it sounds friendlier: 'Your request was denied because "
                              "documents were missing.'"), "flash", {}),
    ("en", _after_proof("en", "Great. Unrelated: what's a good name for a golden retriever puppy?"), "BASE", {}),
    ("en", "What's the capital of Australia?", "BASE", {"system": "You are a product assistant. Always answer in "
                                                                  "JSON."}),
    ("en", "Extract the sender and the date from this email: 'From: Tom Hale, sent 3 May 2025 - see you at the "
           "kickoff.'", "json", {"system": "Answer in JSON."}),
    ("en", "Give me three fun facts about octopuses.", "BASE", {"model": "di-saver"}),
    ("en", "Give me three fun facts about octopuses.", "BASE", {"model": "di-max"}),
    # --- Spanish -------------------------------------------------------------------------------------
    ("es", "¿Esta reseña es positiva o negativa? «El hotel estaba sucio y el personal fue grosero.»", "flash", {}),
    ("es", "Haz la clasificación de sentimiento de estos comentarios: 1) «Me encantó» 2) «Nunca más»", "flash", {}),
    ("es", "¿A qué categoría pertenece este mensaje: ventas, soporte o facturación? «No puedo entrar en mi "
           "cuenta.»", "flash", {}),
    ("es", "¿Qué es el análisis de sentimiento y para qué lo usan las empresas?", "BASE", {}),
    ("es", "Haz una lista de todos los ingredientes que aparecen en esta receta: 2 huevos, 100 g de harina, un "
           "vaso de leche y una pizca de sal.", "json", {}),
    ("es", "Enumera las personas y las empresas mencionadas en este artículo: «Ana Ruiz, directora de Telcom, se "
           "reunió ayer con Luis Gil, de Banco Norte.»", "json", {}),
    ("es", "Dame una lista de ingredientes para hacer paella.", "BASE", {}),
    ("es", "Muestra que si n es par, entonces n² también es par.", "reason", {}),
    ("es", "Demuestre que la suma de los ángulos interiores de un triángulo es 180 grados.", "reason", {}),
    ("es", "Muéstrame cómo se hace una tortilla de patatas.", "BASE", {}),
    ("es", "Tres vecinos —Luis, Marta y Pedro— viven en casas de distinto color: roja, azul y verde. Luis no vive en "
           "la casa roja. Pedro vive al lado de la casa azul, pero no en la verde. Marta no vive en la azul. "
           "¿Quién vive en la casa verde?", "reason", {}),
    ("es", _after_proof("es", "Gracias. Ahora reescribe este mensaje para que suene más formal: «oye, mándame el "
                              "informe ya»"), "flash", {}),
    ("es", "¿Cuál es la montaña más alta de España?", "BASE", {"system": "Responde siempre en formato JSON."}),
    # --- Portuguese ----------------------------------------------------------------------------------
    ("pt", "Faça a classificação de sentimento deste comentário: 'Adorei o atendimento, voltarei com certeza!'",
     "flash", {}),
    ("pt", "Esse comentário é positivo ou negativo? 'O produto chegou quebrado e ninguém respondeu.'", "flash", {}),
    ("pt", "Em qual categoria este e-mail se encaixa: vendas, suporte ou financeiro? 'Gostaria de saber o prazo "
           "de entrega.'", "flash", {}),
    ("pt", "Rotule cada frase como positiva ou negativa: 1) Amei o filme. 2) Que perda de tempo.", "flash", {}),
    ("pt", "O que é análise de sentimento e como ela funciona?", "BASE", {}),
    ("pt", "Liste todos os ingredientes citados nesta receita: 3 ovos, 2 xícaras de farinha, 1 colher de fermento e "
           "leite.", "json", {}),
    ("pt", "Liste ingredientes para um bolo de cenoura.", "BASE", {}),
    ("pt", "Mostre que a soma de dois números pares é sempre par.", "reason", {}),
    ("pt", "Demonstre que existem infinitos números primos.", "reason", {}),
    ("pt", "Me mostra um exemplo de carta de apresentação para estágio.", "BASE", {}),
    ("pt", "Ana, Bruno e Carla moram em casas vizinhas e cada um tem uma profissão: médico, professor e advogado. "
           "Ana não é médica. Bruno mora ao lado de Carla. Carla não é a advogada e não mora na primeira casa. "
           "Quem é o professor?", "reason", {}),
    ("pt", "Três amigos, Davi, Lia e Rui, têm idades diferentes. Lia não é a mais velha. Rui é mais novo que Davi "
           "e que Lia. Quem é o mais velho?", "reason", {}),
    ("pt", "Meus três filhos moram em cidades diferentes. Qual presente de Natal posso mandar pelo correio?", "BASE",
     {}),
    ("pt", _after_proof("pt", "Valeu! Reescreva de forma mais educada: 'Manda logo esse relatório.'"), "flash", {}),
    ("pt", "Qual é a capital do Canadá?", "BASE", {"system": "Responda sempre em JSON."}),
    # --- French --------------------------------------------------------------------------------------
    ("fr", "Cet avis est-il positif ou négatif ? « Service lent, plats froids, je ne reviendrai pas. »", "flash",
     {}),
    ("fr", "Dans quelle catégorie ranger ce ticket : facturation, technique ou compte ? « Je n'arrive plus à me "
           "connecter. »", "flash", {}),
    ("fr", "Fais la classification de ces avis en positif ou négatif : 1) « Top ! » 2) « Décevant. »", "flash", {}),
    ("fr", "Fais la liste des ingrédients mentionnés dans cette recette : 3 œufs, 250 g de farine, 50 cl de lait "
           "et une pincée de sel.", "json", {}),
    ("fr", "Donne-moi une liste d'idées de cadeaux pour ma mère.", "BASE", {}),
    ("fr", "Montre que la somme de deux nombres impairs est paire.", "reason", {}),
    ("fr", "Montrez que la suite u(n) = 1/n converge vers 0.", "reason", {}),
    ("fr", "Montre-moi comment faire une pâte à crêpes.", "BASE", {}),
    ("fr", "Trois amies, Alice, Chloé et Inès, ont chacune une voiture de couleur différente : rouge, bleue et verte. "
           "Alice n'a pas la voiture rouge. Inès n'a ni la rouge ni la bleue. Qui a la voiture bleue ?", "reason",
     {}),
    ("fr", _after_proof("fr", "Merci ! Reformule ce message pour qu'il soit plus poli : « Envoie-moi le dossier "
                              "tout de suite. »"), "flash", {}),
    ("fr", "Quelle est la capitale du Canada ?", "BASE", {"system": "Réponds toujours au format JSON."}),
    # --- German --------------------------------------------------------------------------------------
    ("de", "Ist diese Bewertung positiv oder negativ? „Lieferung kam zu spät und die Ware war beschädigt.“",
     "flash", {}),
    ("de", "Welcher Kategorie gehört dieses Ticket an: Abrechnung, Technik oder Konto? „Ich wurde doppelt "
           "belastet.“", "flash", {}),
    ("de", "Liste alle Zutaten auf, die in diesem Rezept vorkommen: 3 Eier, 200 g Mehl, ein Glas Milch und eine "
           "Prise Salz.", "json", {}),
    ("de", "Liste mir Zutaten für einen Apfelkuchen auf.", "BASE", {}),
    ("de", "Zeige, dass die Summe zweier ungerader Zahlen gerade ist.", "reason", {}),
    ("de", "Zeigen Sie, dass √2 irrational ist.", "reason", {}),
    ("de", "Zeig mir, wie man einen Fahrradreifen wechselt.", "BASE", {}),
    ("de", "Drei Freunde – Jan, Kai und Lea – trinken Kaffee, Tee und Saft. Jan trinkt keinen Kaffee. Lea trinkt "
           "weder Tee noch Kaffee. Wer trinkt den Tee?", "reason", {}),
    ("de", _after_proof("de", "Danke! Formulier diese Mail bitte freundlicher um, ja? „Schicken Sie mir endlich die "
                              "Rechnung.“"), "flash", {}),
    ("de", _after_proof("de", "Kannst du diesen Satz umschreiben, damit er professioneller klingt? „Das war echt "
                              "ein Chaos gestern.“"), "flash", {}),
    ("de", _after_proof("de", "Super. Schreib das mal netter: „Du hast schon wieder den Termin vergessen.“"),
     "flash", {}),
    ("de", _after_proof("de", "Danke. Was ist eigentlich eine gute Sorte Äpfel für Kuchen?"), "BASE", {}),
    ("de", "Wie hoch ist die Zugspitze?", "BASE", {"system": "Antworte immer im JSON-Format."}),
    # --- Russian -------------------------------------------------------------------------------------
    ("ru", "Определи, положительный или отрицательный этот отзыв: «Ужасное обслуживание, больше не приду».",
     "flash", {}),
    ("ru", "К какой категории относится это обращение: оплата, доставка или возврат? «Мне так и не вернули деньги»",
     "flash", {}),
    ("ru", "Этот комментарий положительный или отрицательный? «Всё супер, спасибо!»", "flash", {}),
    ("ru", "Извлеки из резюме имя, телефон и опыт работы: Иванов Пётр, +7 912 000-11-22, 5 лет в продажах.",
     "json", {}),
    ("ru", "Укажи все навыки из этого резюме: «Python, SQL, английский B2, управление командой».", "json", {}),
    ("ru", "Выпиши все ингредиенты из рецепта: 3 яйца, 200 г муки, стакан молока, щепотка соли.", "json", {}),
    ("ru", "Перечисли ингредиенты для борща.", "BASE", {}),
    ("ru", "Покажите, что сумма двух нечётных чисел чётна.", "reason", {}),
    ("ru", "Покажи, как завязать галстук.", "BASE", {}),
    ("ru", "Три друга — Антон, Борис и Вадим — живут на разных этажах: первом, втором и третьем. Антон живёт не на "
           "первом. Вадим живёт выше Антона. Кто живёт на втором этаже?", "reason", {}),
    ("ru", _after_proof("ru", "Спасибо! Перепиши это письмо вежливее: «Пришлите отчёт немедленно»."), "flash", {}),
    ("ru", "Какая самая длинная река в России?", "BASE", {"system": "Всегда отвечай в формате JSON."}),
    # --- Chinese -------------------------------------------------------------------------------------
    ("zh", "这条评论是正面还是负面？“快递太慢了，包装也破了。”", "flash", {}),
    ("zh", "这条投诉属于哪一类：物流、质量还是服务？“衣服洗一次就掉色了。”", "flash", {}),
    ("zh", "列出这份食谱里提到的所有食材：鸡蛋三个，面粉200克，牛奶一杯，盐少许。", "json", {}),
    ("zh", "列出做红烧肉需要的食材。", "BASE", {}),
    ("zh", "证明两个奇数的和是偶数。", "reason", {}),
    ("zh", "请说明并证明：对任意正整数n，n³-n能被6整除。", "reason", {}),
    ("zh", "我需要一份在职证明，应该找谁开？", "BASE", {}),
    ("zh", "甲、乙、丙三人分别是老师、医生和律师。甲不是医生，乙不是老师也不是医生。丙的职业是什么？", "reason", {}),
    ("zh", _after_proof("zh", "谢谢。把这段话改写得更礼貌一点：“快点把报告发给我。”"), "flash", {}),
    ("zh", "法国的首都是哪里？", "BASE", {"system": "始终用JSON格式回答。"}),
    # --- Japanese ------------------------------------------------------------------------------------
    ("ja", "このレビューはポジティブですか、ネガティブですか？「二度と買いません。」", "flash", {}),
    ("ja", "次の問い合わせがどのカテゴリに当たるか判定してください：請求、技術、アカウント。「ログインできません」",
     "flash", {}),
    ("ja", "このレシピに出てくる材料をすべて書き出してください：卵3個、小麦粉200g、牛乳1杯、塩少々。", "json", {}),
    ("ja", "肉じゃがの材料を教えて。", "BASE", {}),
    ("ja", "2つの奇数の和が偶数であることを示せ。", "reason", {}),
    ("ja", "√2が無理数であることを示してください。", "reason", {}),
    ("ja", "駅までの道順を教えてください。", "BASE", {}),
    ("ja", "A、B、Cの3人は犬、猫、鳥をそれぞれ1匹ずつ飼っています。Aは犬を飼っていません。Cは犬も猫も飼っていません。"
           "猫を飼っているのは誰ですか？", "reason", {}),
    ("ja", _after_proof("ja", "ありがとう。このメールをもっと丁寧な表現に書き換えてください：「明日までに送って。」"),
     "flash", {}),
    ("ja", "富士山の高さは？", "BASE", {"system": "常にJSON形式で回答してください。"}),
    # --- Hindi ---------------------------------------------------------------------------------------
    ("hi", "यह टिप्पणी सकारात्मक है या नकारात्मक? 'सेवा बहुत अच्छी थी।'", "flash", {}),
    ("hi", "यह शिकायत किस श्रेणी में आती है: बिलिंग, डिलीवरी या तकनीकी? 'मेरा पार्सल अभी तक नहीं आया।'", "flash",
     {}),
    ("hi", "इस रेसिपी में बताई गई सभी सामग्री की सूची बनाओ: 2 अंडे, 200 ग्राम आटा, एक कप दूध और एक चुटकी नमक।",
     "json", {}),
    ("hi", "पनीर बटर मसाला के लिए सामग्री की सूची बनाओ।", "BASE", {}),
    ("hi", "दिखाइए कि √2 अपरिमेय है।", "reason", {}),
    ("hi", "सिद्ध करो कि दो विषम संख्याओं का योग सम होता है।", "reason", {}),
    ("hi", "मुझे ताजमहल की कुछ पुरानी कहानियाँ सुनाइए।", "BASE", {}),
    ("hi", "राम, श्याम और मोहन अलग-अलग शहरों में रहते हैं: दिल्ली, मुंबई और पुणे। राम दिल्ली में नहीं रहता। मोहन न दिल्ली में "
           "रहता है न मुंबई में। श्याम कहाँ रहता है?", "reason", {}),
    ("hi", _after_proof("hi", "धन्यवाद! इस संदेश को और विनम्र बना दो: 'रिपोर्ट तुरंत भेजो।'"), "flash", {}),
    ("hi", "भारत की सबसे लंबी नदी कौन-सी है?", "BASE", {"system": "हमेशा JSON फ़ॉर्मेट में जवाब दो।"}),
]

# ------------------------------------------------------------------------------------------------------
# Relabelled for issue 13 (read against the documented rule table, not by running the classifier).
# Batches 1-3 were labelled with "a programming question is code" and "earlier user turns count for
# code". The rule table says rule 5 is code-*shaped* text (fenced code, diffs, stack traces, repo paths,
# shell sessions) and that the text rules read the latest user turn and the system prompt only, so these
# requests are not ``code``: technical prose goes to rules 6-9 like any prose. Keyed by the latest user
# text; each relabelled item keeps its old label in ``label_v1`` and the reason in ``relabel``.
# ------------------------------------------------------------------------------------------------------
_PROSE = "technical prose, no code shape"
_DECIDE = "weighs two options to pick one (rule 7), no code shape"
_SCOPE = "code only in an earlier user turn, which the text rules do not read"
RELABELLED: dict[str, tuple[str, str]] = {
    "Write a Python function that checks whether a string is a palindrome.": ("BASE", _PROSE),
    "How do I reverse a linked list in Java?": ("BASE", _PROSE),
    "Write a SQL query to find the top 5 customers by total revenue.": ("BASE", _PROSE),
    "What's the difference between let and const in JavaScript?": ("BASE", _PROSE),
    "My Dockerfile build fails at the RUN pip install step with a timeout. What can I do?": ("BASE", _PROSE),
    "git rebase vs git merge — which should I use on a shared branch?": ("reason", _DECIDE),
    "¿Cómo puedo ordenar una lista de diccionarios en Python por una clave?": ("BASE", _PROSE),
    "Pythonでリストを逆順にする方法を教えてください。": ("BASE", _PROSE),
    "Напиши функцию на Python, которая считает факториал числа.": ("BASE", _PROSE),
    "What is the time complexity of quicksort in the worst case?": ("BASE", _PROSE),
    "Explain recursion like I'm five.": ("BASE", _PROSE),
    "What's a closure in JavaScript?": ("BASE", _PROSE),
    "How do I center a div horizontally and vertically?": ("BASE", _PROSE),
    "Why does my React component re-render twice in development?": ("BASE", _PROSE),
    "What does git stash pop do exactly?": ("BASE", _PROSE),
    "Help me debug: my Flask app returns 500 on /login but works locally.": ("BASE", _PROSE),
    "Write a bash script that renames all .txt files in a folder to .md": ("BASE", _PROSE + " (.txt/.md are extensions, not files)"),
    "What are Rust lifetimes, in simple terms?": ("BASE", _PROSE),
    "How do I exit vim?": ("BASE", _PROSE),
    "Is Python a good first programming language for a 12-year-old?": ("BASE", _PROSE),
    "How do I make a GET request with fetch and handle errors properly?": ("BASE", _PROSE),
    "Warum bekomme ich bei meinem Java-Programm eine NullPointerException?": ("BASE", _PROSE + " (an exception name, no trace)"),
    "Escribe una función en JavaScript que elimine los duplicados de un array.": ("BASE", _PROSE),
    "Can you also add type hints?": ("BASE", _SCOPE),
    "now make it handle None too": ("BASE", _SCOPE),
    "And how would I test that?": ("BASE", _SCOPE),
    "Why does npm test hang forever on CI but not locally?": ("BASE", _PROSE),
    "How can I read a large CSV in chunks with pandas?": ("BASE", _PROSE),
    "Write a regex to validate an email address.": ("BASE", _PROSE),
    "Explain the difference between processes and threads.": ("BASE", _PROSE),
    "My Jest tests fail with 'Cannot use import statement outside a module'.": ("BASE", _PROSE + " (a quoted message, no trace)"),
    "Implement binary search in Go.": ("BASE", _PROSE),
    "How do I set up a Python virtual environment on Windows?": ("BASE", _PROSE),
    "Kotlin coroutines vs RxJava — when would you pick which?": ("reason", _DECIDE),
    "¿Por qué mi script de Python tarda tanto en leer un archivo grande?": ("BASE", _PROSE),
    "Comment installer Node.js sur Ubuntu ?": ("BASE", _PROSE + " (Node.js is a product, not a file)"),
    "用Java写一个单例模式": ("BASE", _PROSE),
    "How do I undo the last commit but keep the changes?": ("BASE", _PROSE),
    "What does HTTP 502 Bad Gateway mean and how do I debug it in nginx?": ("BASE", _PROSE),
    'Generate a TypeScript interface for this object: {"id": 1, "name": "Ada", "tags": ["x"]}':
        ("BASE", _PROSE + " (JSON data is not code)"),
    "Why am I getting 'CORS policy: No Access-Control-Allow-Origin header' when calling my API from the browser?":
        ("BASE", _PROSE + " (a quoted message, no trace)"),
    "How do I convert a string to a datetime in Python?": ("BASE", _PROSE),
    "What's the best way to store passwords in a database?": ("BASE", _PROSE),
    "Write a function in C that reverses a string in place.": ("BASE", _PROSE),
    "How do I use environment variables in a Next.js app?": ("BASE", _PROSE + " (Next.js is a product, not a file)"),
    "Wie kann ich in Excel mit VBA alle leeren Zeilen löschen?": ("BASE", _PROSE),
}

# ------------------------------------------------------------------------------------------------------
# Batch 8 (issue 13, fifth round, development set): written by the round-5 engineer *before* changing the
# classifier, from the README rule table and the miss classes reported for held-out batch 4 (described by
# class only; the held-out items were never seen). Same entry format as batch 7; ``opts`` may carry a
# ``system`` prompt, a ``model`` and an ``effort`` (sent as ``X-DI-Effort``). Rule 8 items go to a strong
# model id, so that a missed task shows as ``pro``. Classes: P = a logic puzzle as the latest turn of a chat,
# and romanised Hindi (Hinglish) cues for rules 6-8; X = extraction whose source text is in an earlier user
# turn or whose extractor role is in the system prompt, and English extraction in other words; V = argument
# validity / syllogisms; C = a technical comparison in prose (rule 9, not reasoning); T = rule 8 tasks in
# multi-turn chats at effort low / medium (verb forms: imperative, infinitive, noun); K = stack traces of
# Node, Python, Java, Go, Rust, .NET, Ruby, PHP; A = the writer-flagged ambiguities (a translation whose
# text is a proof: rule 8, the proof is the payload; ``gpt-3.5-turbo`` leans flash); N = near-misses.
# ------------------------------------------------------------------------------------------------------
_SMALL_TALK = {
    "en": ("Hi! Long day at work.", "Sorry to hear that! How can I help?"),
    "es": ("¡Hola! Qué día más largo.", "¡Vaya! ¿En qué te puedo ayudar?"),
    "pt": ("Oi! Tudo bem?", "Tudo ótimo! Em que posso ajudar?"),
    "fr": ("Salut ! Journée chargée.", "Courage ! Que puis-je faire pour toi ?"),
    "de": ("Hallo! Ich brauche kurz Hilfe.", "Gern! Worum geht es?"),
    "ru": ("Привет! Есть минутка?", "Конечно! Чем помочь?"),
    "zh": ("你好！在吗？", "在的，有什么可以帮你？"),
    "ja": ("こんにちは！ちょっといいですか？", "はい、どうぞ。何をお手伝いしましょう？"),
    "hi": ("Namaste! Ek madad chahiye thi.", "Zaroor! Bataiye kya karna hai?"),
}


def _after_talk(lang: str, text: str) -> list[tuple[str, str]]:
    u, a = _SMALL_TALK[lang]
    return [("user", u), ("assistant", a), ("user", text)]


def _after_paste(pasted: str, ack: str, text: str) -> list[tuple[str, str]]:
    return [("user", pasted), ("assistant", ack), ("user", text)]


_NODE_TRACE = ("TypeError: Cannot read properties of undefined (reading 'id')\n"
               "    at Object.<anonymous> (/app/server.js:12:5)\n"
               "    at Module._compile (node:internal/modules/cjs/loader:1105:14)\n"
               "    at node:internal/main/run_main_module:22:47")

DEV_I13R5 = [
    # --- P: puzzles in a chat, Hinglish ------------------------------------------------------------------
    ("en", _after_talk("en", "Okay, a brain teaser for you. Four friends sit in a row. Mia is not at either end. "
                             "Noah sits right of Mia. Ola is left of Pete. Who sits at the far left?"), "reason", {}),
    ("de", _after_talk("de", "Hier ein Rätsel: Drei Freunde – Jan, Lea und Tim – haben je ein anderes Haustier. "
                             "Jan hat keine Katze. Lea hat weder einen Hund noch eine Katze. Wer hat den Hund?"),
     "reason", {}),
    ("de", _after_talk("de", "Ich mag Logikrätsel sehr. Welches Buch mit Rätseln kannst du empfehlen?"), "BASE", {}),
    ("es", _after_talk("es", "Te propongo un acertijo lógico: Ana, Beto y Carla tienen profesiones distintas: "
                             "médico, pintor y chef. Ana no es chef. Beto no es médico ni chef. ¿Quién es el "
                             "médico?"), "reason", {}),
    ("es", _after_talk("es", "Resuelve este acertijo lógico paso a paso: hay tres cajas mal etiquetadas..."),
     "reason", {}),
    ("hi", "Ye puzzle solve karo: Ram, Shyam aur Mohan teeno ki alag alag gaadi hai. Ram ke paas car nahi hai. "
           "Mohan ke paas na car hai na cycle. Kiske paas car hai?", "reason", {}),
    ("hi", "Sabit karo ki do visham sankhyaon ka yog hamesha sam hota hai.", "reason", {}),
    ("hi", "Siddh karo ki root 2 irrational hai.", "reason", {}),
    ("hi", "Is sawaal ko step by step batao: ek train 60 km/h se 3 ghante chalti hai, kitni doori tay karegi?",
     "reason", {}),
    ("hi", "Is email ka summary do: 'Kal ki meeting 3 baje se shift hokar 5 baje hogi, sabko aana hai.'",
     "flash", {}),
    ("hi", "Isko English mein translate karo: 'Mujhe kal office nahi jaana hai.'", "flash", {}),
    ("hi", "Is message ko polite bana do: 'Abhi tak report kyon nahi bheji?'", "flash", {}),
    ("hi", "Is paragraph ko dobara likho, thoda formal: 'hum log kal aa rahe hai, ready rehna.'", "flash", {}),
    ("hi", "Is review ko positive ya negative mein classify karo: 'Khana thanda tha aur service bekaar.'",
     "flash", {}),
    ("hi", "Is message se naam aur phone number nikalo: 'Main Rohit Sharma, mera number 98100 12345 hai.'",
     "json", {}),
    ("hi", "Mujhe ek acchi summary likhne ke tips do, kaise karte hai?", "BASE", {}),
    ("hi", "Kal Delhi ka mausam kaisa rahega?", "BASE", {}),
    # --- X: extraction from an earlier turn / a system extractor / English in other words ----------------
    ("es", _after_paste("Te paso el correo: «Hola, la reunión será el 12 de marzo y la entrega el 3 de abril. "
                        "Saludos, Marta»", "Recibido. ¿Qué quieres que haga con él?",
                        "Extrae las fechas del correo que te pasé."), "json", {}),
    ("en", _after_paste("Here's the contract text: 'This agreement between Acme Ltd and Bolt Inc starts on 1 July "
                        "2025; fee $4,000 per month.'", "Got it.",
                        "Pull the party names, the start date and the fee out of it."), "json", {}),
    ("pt", _after_paste("Segue o e-mail do cliente: 'Pedido 4471, entrega dia 20/05, valor R$ 350,00.'",
                        "Certo, recebi.", "Extraia o número do pedido, a data e o valor do e-mail acima."),
     "json", {}),
    ("fr", _after_paste("Voici la facture : « Facture n° 2291, émise le 4 mars, total 812 € TTC ».", "Reçu.",
                        "Extrais le numéro, la date et le montant de cette facture."), "json", {}),
    ("de", _after_paste("Hier die Nachricht: „Treffen am 5. Mai in Köln, Ansprechpartner Herr Braun.“", "Danke.",
                        "Zieh mir Datum, Ort und Namen aus der Nachricht von eben heraus."), "json", {}),
    ("ru", _after_paste("Вот письмо: «Встреча 14 мая в 10:00, офис на Тверской, контакт — Ольга.»", "Принято.",
                        "Извлеки из письма, которое я прислал, дату, время и имя."), "json", {}),
    ("zh", _after_paste("邮件内容：“会议定在6月3日下午两点，地点在三楼会议室，联系人王磊。”", "收到。",
                        "把我刚才发的邮件里的日期、地点和联系人提取出来。"), "json", {}),
    ("ja", _after_paste("メール本文：「打ち合わせは7月8日15時、場所は本社会議室、担当は佐藤です。」", "受け取りました。",
                        "さっきのメールから日付と場所と担当者を抽出して。"), "json", {}),
    ("hi", _after_paste("Ye mail dekho: 'Interview 10 June ko 11 baje hai, contact Priya.'", "Dekh liya.",
                        "Upar wale mail se date, time aur naam nikaal do."), "json", {}),
    ("en", "Invoice 5512 from Delta Supplies, issued 2 Feb 2025, total due $1,240 by 2 March.", "json",
     {"system": "You extract invoice fields (number, supplier, dates, amount) from the user's text."}),
    ("pt", "Oi, sou a Júlia Costa, meu telefone é (11) 98888-1234 e moro em Campinas.", "json",
     {"system": "Extraia nome, telefone e cidade do texto do usuário."}),
    ("es", "Me llamo Pedro Ruiz, nací el 3 de mayo de 1990 y vivo en Sevilla.", "json",
     {"system": "Eres un extractor de datos: devuelve el nombre, la fecha de nacimiento y la ciudad del texto que "
                "te den."}),
    ("de", "Bestellung 8812, geliefert am 12.03. an Frau Keller, Betrag 99,90 €.", "json",
     {"system": "Du extrahierst Bestellnummer, Datum, Name und Betrag aus dem Text des Nutzers."}),
    ("en", "Pull the dates and amounts out of this note: 'Paid $120 on 3 May, $80 on 9 May.'", "json", {}),
    ("en", "What people and companies are mentioned in this paragraph? 'Sara Lin left Orbit to join Nexa in "
           "2021.'", "json", {}),
    ("en", "Give me the names, dates and amounts from this message: 'Tom paid Ana $50 on 2 June.'", "json", {}),
    ("en", "Summarize this message: 'Tom paid Ana $50 on 2 June.'", "flash", {}),
    ("en", "List five famous scientists and the dates they were born.", "BASE", {}),
    ("es", "Dame una lista de fechas importantes de la historia de España.", "BASE", {}),
    # --- V: argument validity -----------------------------------------------------------------------------
    ("en", "All cats are mammals. Some mammals are black. So some cats are black. Is this argument valid? Reason "
           "it through.", "reason", {}),
    ("en", "If it rains the street is wet. The street is wet. Does the conclusion that it rained follow?",
     "reason", {}),
    ("es", "Todos los peces nadan. Nemo nada. Por tanto, Nemo es un pez. ¿Es válido este argumento?", "reason", {}),
    ("pt", "Todo homem é mortal. Sócrates é homem. Logo, Sócrates é mortal. Esse silogismo é válido?", "reason",
     {}),
    ("fr", "Tous les oiseaux volent. Le pingouin est un oiseau. Donc le pingouin vole. Ce raisonnement est-il "
           "valide ?", "reason", {}),
    ("de", "Alle Hunde bellen. Rex bellt. Also ist Rex ein Hund. Ist dieses Argument gültig? Folgt die "
           "Schlussfolgerung?", "reason", {}),
    ("ru", "Все студенты сдали экзамен. Иван сдал экзамен. Значит, Иван студент. Верно ли это рассуждение? "
           "Следует ли вывод из посылок?", "reason", {}),
    ("zh", "所有的鸟都会飞。企鹅是鸟。所以企鹅会飞。这个推理有效吗？结论是否成立？", "reason", {}),
    ("ja", "すべての猫は動物だ。タマは動物だ。ゆえにタマは猫だ。この三段論法は妥当ですか？", "reason", {}),
    ("hi", "Sabhi pakshi udte hain. Penguin pakshi hai. Isliye penguin udta hai. Kya yeh tark sahi hai?",
     "reason", {}),
    ("hi", "सभी छात्र मेहनती हैं। राम छात्र है। इसलिए राम मेहनती है। क्या यह तर्क वैध है?", "reason", {}),
    ("en", "Is it valid to park on the street overnight in Boston?", "BASE", {}),
    ("es", "¿Es válido mi pasaporte si caduca en dos meses?", "BASE", {}),
    # --- C: technical comparison in prose: rule 9 -------------------------------------------------------------
    ("en", "What are the trade-offs between server-side rendering and client-side rendering for a news site?",
     "pro", {"model": "claude-sonnet-4-6"}),
    ("en", "SSR vs CSR: pros and cons?", "pro", {"model": "gpt-4o"}),
    ("en", "Which is better for a small team, PostgreSQL or MySQL?", "pro", {"model": "gpt-5"}),
    ("en", "Compare REST and GraphQL for a mobile backend.", "pro", {"model": "gpt-4o"}),
    ("es", "¿Cuáles son las ventajas y desventajas de usar microservicios frente a un monolito?", "pro",
     {"model": "gpt-4o"}),
    ("de", "Was sind die Vor- und Nachteile von Kafka gegenüber RabbitMQ?", "pro", {"model": "claude-sonnet-4-6"}),
    ("en", "Weigh the trade-offs of SSR and CSR for our shop step by step and recommend one.", "reason", {}),
    # --- T: rule 8 in multi-turn chats, effort low / medium ---------------------------------------------------
    ("pt", _after_talk("pt", "Resume este texto em duas linhas: 'A reunião foi adiada para sexta porque o diretor "
                             "está viajando.'"), "flash", {"effort": "low"}),
    ("pt", _after_talk("pt", "Resuma, por favor: 'O produto chegou com atraso, mas funciona bem.'"), "flash",
     {"effort": "medium"}),
    ("pt", _after_talk("pt", "Faça um resumo deste parágrafo: 'As vendas cresceram 10% no trimestre.'"), "flash",
     {"effort": "low"}),
    ("ru", _after_talk("ru", "Сократи этот текст вдвое: «Мы рады сообщить, что наш магазин открылся в новом "
                             "месте.»"), "flash", {"effort": "medium"}),
    ("ru", _after_talk("ru", "Нужно сократить этот абзац: «Доставка занимает от трёх до пяти рабочих дней.»"),
     "flash", {"effort": "low"}),
    ("hi", _after_talk("hi", "Is line ko polite bana do: 'Jaldi reply karo.'"), "flash", {"effort": "low"}),
    ("es", _after_talk("es", "Acorta este mensaje: «Te escribo para decirte que mañana no podré ir.»"), "flash",
     {"effort": "medium"}),
    ("fr", _after_talk("fr", "Raccourcis ce paragraphe : « Nous vous remercions de votre patience. »"), "flash",
     {"effort": "low"}),
    ("de", _after_talk("de", "Kürze diesen Text: „Wir bedanken uns herzlich für Ihre Geduld.“"), "flash",
     {"effort": "medium"}),
    ("zh", _after_talk("zh", "帮我把这段话缩短一点：“我们非常感谢您一直以来的支持与耐心。”"), "flash", {"effort": "low"}),
    ("ja", _after_talk("ja", "この文を短くして：「本日はお忙しいところお集まりいただき誠にありがとうございます。」"), "flash",
     {"effort": "medium"}),
    ("pt", _after_talk("pt", "Resume este texto: 'O evento foi cancelado.'"), "pro", {"effort": "high"}),
    ("pt", _after_talk("pt", "O que você acha do resumo do livro que li?"), "BASE", {}),
    # --- K: stack traces ------------------------------------------------------------------------------------
    ("fr", _after_talk("fr", "Mon serveur plante au démarrage :\n" + _NODE_TRACE + "\nTu vois pourquoi ?"), "code",
     {}),
    ("en", "Why does this happen?\nTraceback (most recent call last):\n  File \"app.py\", line 8, in <module>\n    "
           "main()\nKeyError: 'user'", "code", {}),
    ("es", "Me sale esto en Java:\nException in thread \"main\" java.lang.NullPointerException\n\tat "
           "com.shop.Cart.total(Cart.java:42)\n\tat com.shop.Main.main(Main.java:10)", "code", {}),
    ("de", "Mein Go-Programm stürzt ab:\npanic: runtime error: index out of range [3] with length 3\n\n"
           "goroutine 1 [running]:\nmain.main()\n\t/home/u/app/main.go:14 +0x1d", "code", {}),
    ("ru", "Rust падает:\nthread 'main' panicked at 'called `Option::unwrap()` on a `None` value', "
           "src/main.rs:5:37\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace",
     "code", {}),
    ("pt", "Erro no .NET:\nSystem.NullReferenceException: Object reference not set to an instance of an object.\n"
           "   at Loja.Pedido.Total() in C:\\src\\Loja\\Pedido.cs:line 27", "code", {}),
    ("ja", "Rubyでエラー：\napp.rb:3:in `block in <main>': undefined method `name' for nil:NilClass "
           "(NoMethodError)", "code", {}),
    ("zh", "PHP报错：\nPHP Fatal error:  Uncaught Error: Call to undefined function foo() in /var/www/index.php:7",
     "code", {}),
    ("en", "Node says TypeError: Cannot read properties of undefined\n    at handler (/srv/api/routes.js:33:18)",
     "code", {}),
    ("en", "At my job we write mostly Node and Java. Any tips for reading stack traces faster?", "BASE", {}),
    # --- A: ambiguous, decided by the table -------------------------------------------------------------------
    ("en", "Translate into Spanish: 'Theorem. There are infinitely many primes. Proof: suppose there were finitely "
           "many; multiply them and add one; that number has a prime factor not in the list, a contradiction.'",
     "flash", {}),
    ("fr", "Traduis en anglais : « Montrons que √2 est irrationnel. Supposons que √2 = p/q ... contradiction. »",
     "flash", {}),
    ("en", "Prove that √2 is irrational, then translate your proof into German.", "reason", {}),
    ("en", "Tell me a fun fact about otters.", "BASE", {"model": "gpt-3.5-turbo"}),
    ("en", "Tell me a fun fact about otters.", "BASE", {"model": "gpt-4-turbo"}),
]

_MEMO = ("Memo to the project team, 3 March. The vendor contract must be signed by 14 March. Maria will send the "
         "revised budget to finance by Friday 7 March. The launch review is moved to 21 March; slides are due to "
         "Tom two days before. Ken owns the test plan and should circulate it by the end of next week.")

# Batch 9 (issue 13, round 6 development set): the miss classes of held-out batch 5 (known by class
# only), written by the round-6 engineer before changing the classifier. Scored once as written, wired in as a
# batch for that run: 26/38 (68.4 %; misses: Hindi / Hinglish sentiment and category requests, a German "ordne
# ... einer Kategorie zu", "triage", 打标签, Hinglish profit / discount word problems, two Hinglish puzzles,
# "pull out the action items", and the near-miss "Welche Kategorie von Hotels empfiehlst du" read as rule 8).
# Wired in by round 7 (note ``dev-i13r6``, batch key ``b9-dev-i13r6``) and tuned on: 38/38.
DEV_I13R6 = [
    # --- 1: rule 8 tasks (categorise / label / tag / triage / sentiment / summarise, roles in a system prompt) ----
    ("hi", "इस समीक्षा की भावना बताइए – सकारात्मक, नकारात्मक या तटस्थ: 'खाना ठंडा था और सर्विस बहुत धीमी थी।'", "pro",
     {"model": "gpt-4.1-nano", "effort": "high"}),
    ("hi", "Is review ka sentiment batao, positive, negative ya neutral: 'delivery time pe aayi par packing "
           "kharab thi'", "pro", {"model": "gpt-5-nano", "effort": "high"}),
    ("hi", "In customer messages ko category mein daalo (billing, delivery, refund): 1) paise do baar kat gaye "
           "2) order abhi tak nahi aaya", "flash", {"model": "gpt-4o", "effort": "low"}),
    ("de", "Ordne dieses Support-Ticket einer Kategorie zu (Rechnung, Technik, Versand): 'Mein Paket ist seit "
           "zwei Wochen unterwegs.'", "flash", {"model": "gpt-4o", "effort": "low"}),
    ("de", "Kategorisiere die folgenden Kundenanfragen nach Dringlichkeit: 1. Server down seit heute früh. "
           "2. Bitte Rechnung als PDF schicken.", "flash", {"model": "gpt-5", "effort": "low"}),
    ("de", "In welche Kategorie gehört diese E-Mail – Spam, Werbung oder persönlich? 'Sie haben gewonnen! "
           "Klicken Sie hier.'", "flash", {"model": "claude-sonnet-4-6", "effort": "low"}),
    ("pt", "Resuma este relatório em três frases: as vendas do trimestre cresceram 8%, a equipe de suporte "
           "ganhou dois novos membros e o lançamento do aplicativo foi adiado para maio.", "pro",
     {"model": "gpt-4o-mini", "effort": "xhigh"}),
    ("pt", "Classifique cada comentário como positivo, negativo ou neutro: 'Adorei o atendimento.' 'Demorou "
           "demais.'", "flash", {"model": "gpt-4o", "effort": "low"}),
    ("zh", "你们的快递太慢了，我等了十天还没收到。", "flash",
     {"model": "gpt-4o", "system": "你是一个分类器。请把用户的输入归类为：投诉、咨询、表扬。只输出类别。"}),
    ("zh", "请给下面的评论打标签（正面/负面/中性）：'价格合理，但是质量一般。'", "flash", {"model": "gpt-5", "effort": "low"}),
    ("ja", "明日の会議は午後三時からです。資料を忘れずに持ってきてください。", "flash",
     {"model": "gpt-4o", "system": "あなたは翻訳者です。ユーザーの文章を英語に翻訳してください。"}),
    ("ja", "次の問い合わせをカテゴリに分類してください（請求・配送・返品）：「商品が壊れて届きました」", "flash",
     {"model": "gpt-4o", "effort": "low"}),
    ("ru", "Определи категорию обращения – оплата, доставка или возврат: «Деньги списали дважды».", "flash",
     {"model": "gpt-4o", "effort": "low"}),
    ("fr", "Attribue une étiquette à chaque commentaire (positif, négatif ou neutre) : « Livraison rapide. » "
           "« Produit cassé. »", "flash", {"model": "gpt-4o", "effort": "low"}),
    ("es", "No puedo iniciar sesión desde ayer y tengo una reunión importante.", "flash",
     {"model": "gpt-5", "system": "Eres un clasificador de tickets. Asigna a cada mensaje una categoría: "
                                  "facturación, soporte técnico o ventas. Responde solo con la categoría."}),
    ("en", "Triage these support tickets into P1, P2 or P3: 'Checkout is down for all users.' 'Typo on the "
           "About page.'", "flash", {"model": "gpt-4o", "effort": "low"}),
    ("en", "Tag each of these tweets with a topic label (sports, politics, tech): 'What a goal!' 'New phone "
           "drops Friday.'", "flash", {"model": "gpt-4o"}),
    ("en", "The quarterly numbers came in below forecast and the board wants answers by Monday.", "flash",
     {"model": "claude-sonnet-4-6", "system": "You are a summarizer. Condense whatever the user sends into one "
                                              "short sentence."}),
    ("en", "What category of vehicle needs a special licence in the UK?", "BASE", {"model": "gpt-4o"}),
    ("de", "Welche Kategorie von Hotels empfiehlst du für Familien in Wien?", "BASE", {"model": "gpt-4o"}),
    ("zh", "分类器和回归模型有什么区别？", "BASE", {"model": "gpt-4o", "system": "你是一个友好的助手。"}),
    # --- 2: Hinglish word problems -----------------------------------------------------------------------------
    ("hi", "Ek dukaandaar ne 500 rupaye mein shirt khareedi aur 650 mein bech di. Kitna profit hua aur profit "
           "percent kya hai?", "reason", {}),
    ("hi", "Ek phone ki MRP 12000 hai. 15% discount ke baad aur 18% GST lagakar final price kitna hoga?",
     "reason", {}),
    ("hi", "Rahul ne 2000 ka saman 20% discount pe liya, discount ke baad usne kitne paise diye?", "reason", {}),
    ("hi", "एक दुकानदार ने 400 रुपये में घड़ी खरीदी और 480 में बेची। लाभ प्रतिशत कितना हुआ?", "reason", {}),
    ("hi", "Aaj Flipkart pe 50% discount chal raha hai kya? Kaunse phones pe?", "BASE", {}),
    # --- 3: logic puzzles without a cue word -------------------------------------------------------------------
    ("en", "Alice, Bob, Carol and Dan each own a different pet: a cat, a dog, a fish and a parrot. Alice is "
           "allergic to fur. Bob's pet can't fly. Carol's pet lives in water. Dan doesn't have the dog. Who owns "
           "the parrot?", "reason", {}),
    ("en", "Three coworkers, Priya, Tom and Lena, ordered coffee, tea and juice. Tom didn't order coffee. Lena "
           "ordered neither tea nor coffee. Which drink did Priya order?", "reason", {}),
    ("hi", "Amit, Sunil aur Ravi teen alag shehron se hain: Delhi, Mumbai aur Pune. Amit Delhi se nahi hai. Ravi "
           "na Delhi se hai na Mumbai se. Batao kaun kahan se hai?", "reason", {}),
    ("hi", "Riya, Neha aur Karan ki height alag alag hai. Riya Neha se lambi hai. Karan Riya se lamba hai. Sabse "
           "chhota kaun hai?", "reason", {}),
    ("fr", "Léa, Marc et Hugo habitent dans trois maisons : rouge, bleue et verte. Léa n'habite pas dans la "
           "rouge. Hugo habite dans la verte. Qui habite dans la maison rouge ?", "reason", {}),
    ("en", "Alice and Bob are presenting tomorrow with Carol. Who should open the session, in your view?",
     "BASE", {}),
    ("en", "Who won the 2018 World Cup and which team did they beat in the final?", "BASE", {}),
    ("hi", "Kal party mein kaun kaun aa raha hai, pata hai?", "BASE", {}),
    # --- 4: extraction from a memo pasted earlier --------------------------------------------------------------
    ("en", _after_paste(_MEMO, "Got it, I have the memo.", "List the deadlines from that memo."), "json",
     {"model": "gpt-4o"}),
    ("en", _after_paste(_MEMO, "Thanks, noted.", "What are the due dates in it?"), "json", {"model": "gpt-4o"}),
    ("en", _after_paste(_MEMO, "Okay.", "Pull out the action items and who owns each one."), "json",
     {"model": "gpt-4o"}),
    ("en", _after_paste(_MEMO, "Got it.", "Can you summarise that memo in two lines?"), "flash",
     {"model": "gpt-4o"}),
]


TOOL_WEATHER = {"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
TOOL_SEARCH = {"type": "function", "function": {"name": "search_orders", "description": "Search the order database",
               "parameters": {"type": "object", "properties": {"query": {"type": "string"},
                                                               "limit": {"type": "integer"}}}}}
TOOL_EMAIL = {"type": "function", "function": {"name": "send_email", "description": "Send an email",
              "parameters": {"type": "object", "properties": {"to": {"type": "string"}, "body": {"type": "string"}}}}}
ANTHROPIC_TOOL = {"name": "get_stock_price", "description": "Latest price for a ticker",
                  "input_schema": {"type": "object", "properties": {"ticker": {"type": "string"}}, "required": ["ticker"]}}
GEMINI_TOOLS = [{"functionDeclarations": [{"name": "find_flights", "description": "Search flights",
                                           "parameters": {"type": "OBJECT", "properties": {"from": {"type": "STRING"},
                                                                                            "to": {"type": "STRING"}}}}]}]
SCHEMA = {"type": "json_schema", "json_schema": {"name": "result", "strict": True, "schema": {
    "type": "object", "properties": {"label": {"type": "string"}, "score": {"type": "number"}},
    "required": ["label", "score"], "additionalProperties": False}}}

PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
PDF_B64 = "JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBvYmoKPDwvTGVuZ3RoIDMgMCBSL0ZpbHRlci9GbGF0ZURlY29kZT4+CnN0cmVhbQp4nCvkMlAwUDC1"


class Builder:
    def __init__(self) -> None:
        self.rng = random.Random(20250314)
        self.items: list[dict] = []
        self.counter = 0

    def add(self, label: str, request: dict, *, note: str = "", headers=None, query=None, model=None, lang=None):
        self.counter += 1
        item = {"id": f"c{self.counter:04d}", "label": label, "request": request}
        if lang:
            item["lang"] = lang
        if headers:
            item["headers"] = headers
        if query:
            item["query"] = query
        if model is not None:
            item["model"] = model
        if note:
            item["note"] = note
        self.items.append(item)

    # envelopes ----------------------------------------------------------------------------------------
    def model(self, kind: str | None = None) -> tuple[str, str]:
        if kind is None:
            kind = self.rng.choice(["pro", "pro", "flash"])
        ids = PRO_MODELS if kind == "pro" else FLASH_MODELS
        return self.rng.choice(ids), kind

    def openai(self, prompt: str, model: str, *, system: bool | None = None, history: bool | None = None,
               parts: bool | None = None) -> dict:
        r = self.rng
        msgs = []
        if system if system is not None else r.random() < 0.4:
            msgs.append({"role": r.choice(["system", "system", "developer"]), "content": r.choice(NEUTRAL_SYSTEMS)})
        if history if history is not None else r.random() < 0.3:
            u, a = r.choice(HISTORY_SNIPPETS)
            msgs += [{"role": "user", "content": u}, {"role": "assistant", "content": a}]
        content: object = prompt
        if parts if parts is not None else r.random() < 0.2:
            content = [{"type": "text", "text": prompt}]
        msgs.append({"role": "user", "content": content})
        body = {"model": model, "messages": msgs}
        if r.random() < 0.3:
            body["temperature"] = r.choice([0, 0.2, 0.7, 1])
        if r.random() < 0.2:
            body["stream"] = True
        return body

    def anthropic(self, prompt: str, model: str, *, system: bool | None = None) -> dict:
        r = self.rng
        body = {"model": model, "max_tokens": 1024,
                "messages": [{"role": "user", "content": r.choice([prompt, [{"type": "text", "text": prompt}]])}]}
        if system if system is not None else r.random() < 0.4:
            body["system"] = r.choice([r.choice(NEUTRAL_SYSTEMS),
                                       [{"type": "text", "text": r.choice(NEUTRAL_SYSTEMS),
                                         "cache_control": {"type": "ephemeral"}}]])
        return body

    def gemini(self, prompt: str) -> dict:
        r = self.rng
        body = {"contents": [{"role": "user", "parts": [{"text": prompt}]}]}
        if r.random() < 0.3:
            body["systemInstruction"] = {"parts": [{"text": r.choice(NEUTRAL_SYSTEMS)}]}
        if r.random() < 0.3:
            body["generationConfig"] = {"temperature": 0.4, "maxOutputTokens": 512}
        return body

    def text_request(self, prompt: str, kind: str | None = None) -> tuple[dict, str, str | None]:
        """A text-only request in a random shape; returns (body, base type, explicit model or None)."""
        r = self.rng
        shape = r.choices(["openai", "anthropic", "gemini"], weights=[6, 2, 2])[0]
        if shape == "anthropic":
            if kind is None:
                kind = r.choice(["pro", "pro", "flash"])
            model = r.choice(["claude-sonnet-4-6", "claude-opus-4-1"] if kind == "pro" else
                             ["claude-haiku-4-5", "claude-3-5-haiku-20241022"])
            return self.anthropic(prompt, model), kind, None
        if shape == "gemini":
            if kind is None:
                kind = r.choice(["pro", "flash"])
            model = "gemini-2.5-pro" if kind == "pro" else r.choice(["gemini-2.5-flash", "gemini-2.0-flash-lite"])
            return self.gemini(prompt), kind, model  # Gemini: the model is in the URL path
        model, kind = self.model(kind)
        return self.openai(prompt, model), kind, None


def build() -> list[dict]:
    b = Builder()
    r = b.rng

    # --- rule 9: general chat -----------------------------------------------------------------------
    for prompt in GENERAL:
        body, kind, model = b.text_request(prompt)
        b.add(kind, body, model=model, note="general")
    for prompt, label in HARD:
        body, kind, model = b.text_request(prompt)
        b.add(kind if label == "BASE" else label, body, model=model, note="hard")
    # code only in an earlier assistant turn: not code
    for follow_up in ["Thanks! Unrelated: what's a good gift for my dad's 60th birthday?",
                      "Great, that worked. Now, can you recommend a sci-fi movie for tonight?",
                      "Perfect. By the way, how long should I rest between gym sets?"]:
        model, kind = b.model()
        b.add(kind, {"model": model, "messages": [
            {"role": "user", "content": "How do I remove duplicates from a list while keeping order?"},
            {"role": "assistant", "content": "You can do:\n\n```python\ndef dedupe(xs):\n    seen = set()\n    return [x for x in xs if not (x in seen or seen.add(x))]\n```"},
            {"role": "user", "content": follow_up}]}, note="code in an assistant turn only")
    # multi-turn chat with a neutral history
    for prompt in ["And what about in winter?", "ok, and how long would that take?", "Which of those is cheapest?",
                   "Can you say more about the second one?"]:
        model, kind = b.model()
        b.add(kind, {"model": model, "messages": [
            {"role": "system", "content": NEUTRAL_SYSTEMS[1]},
            {"role": "user", "content": "What are fun things to do in Copenhagen?"},
            {"role": "assistant", "content": "Tivoli Gardens, a canal tour, Nyhavn, the Design Museum and a bike ride along the harbour."},
            {"role": "user", "content": prompt}]}, note="follow-up")

    # --- rule 8: simple tasks -------------------------------------------------------------------------
    for prompt in SIMPLE:
        body, _, model = b.text_request(prompt)
        b.add("flash", body, model=model, note="simple")
    # system prompt carries the task
    for system, user in [
        ("You are a translation engine. Translate the user's text into German. Output only the translation.",
         "The train was late again this morning, so I missed the first meeting."),
        ("Classify the customer message into one of: billing, technical, account, other. Reply with the category only.",
         "I can't log into my account since yesterday, the reset email never arrives."),
        ("Summarize the user's text in one sentence.", "<<FILL:prose:1500>>"),
        ("Rewrite the user's message in a more formal register. Keep the meaning.", "gonna be late, traffic is insane"),
        ("你是一个翻译助手，请把用户的话翻译成英文。", "今天的会议改到下午三点。"),
    ]:
        model, _ = b.model()
        b.add("flash", {"model": model, "messages": [{"role": "system", "content": system},
                                                     {"role": "user", "content": user}]}, note="simple via system")
    # higher effort flips rule 8 to pro (and low effort does not)
    effort_cases = [
        ({"headers": {"x-di-effort": "high"}}, "pro"),
        ({"headers": {"x-di-effort": "max"}}, "pro"),
        ({"query": {"effort": "xhigh"}}, "pro"),
        ({"reasoning_effort": "high"}, "pro"),
        ({"suffix": "@xhigh"}, "pro"),
        ({"suffix": ":high"}, "pro"),
        ({"headers": {"x-di-effort": "low"}}, "flash"),
        ({"reasoning_effort": "minimal"}, "flash"),
        ({"suffix": ":fast"}, "flash"),
        ({"query": {"effort": "medium"}}, "flash"),
    ]
    for i, (how, label) in enumerate(effort_cases):
        prompt = SIMPLE[(i * 5) % len(SIMPLE)]
        model = r.choice(["gpt-5", "gpt-4o", "claude-sonnet-4-6"]) + how.get("suffix", "")
        body = b.openai(prompt, model, system=False, history=False)
        if "reasoning_effort" in how:
            body["reasoning_effort"] = how["reasoning_effort"]
        b.add(label, body, headers=how.get("headers"), query=how.get("query"), note="simple + effort")
    # effort never changes the other rules
    b.add("code", b.openai(CODE_TEXT[10], "gpt-5-mini", system=False), headers={"x-di-effort": "fast"},
          note="effort fast, code stays code")
    b.add("reason", b.openai(REASON[1], "gpt-5", system=False), headers={"x-di-effort": "low"}, note="effort")
    b.add("flash", b.openai(GENERAL[4], "gpt-4o-mini@max", system=False), note="max effort, base flash stays")
    b.add("pro", b.openai(GENERAL[5], "gpt-5:minimal", system=False), note="minimal effort, base pro stays")

    # --- rule 5: code text ----------------------------------------------------------------------------
    for prompt in CODE_TEXT:
        body, _, model = b.text_request(prompt)
        b.add("code", body, model=model, note="code text")
    # a follow-up after code pasted by the user in an earlier turn
    for follow in ["Can you also add type hints?", "now make it handle None too", "And how would I test that?"]:
        model, _ = b.model()
        b.add("code", {"model": model, "messages": [
            {"role": "user", "content": "```python\ndef parse(s):\n    return [int(x) for x in s.split(',')]\n```\nthis crashes on empty strings"},
            {"role": "assistant", "content": "Filter empty parts: `[int(x) for x in s.split(',') if x]`."},
            {"role": "user", "content": follow}]}, note="code in an earlier user turn")
    # coding system prompt + code question
    model, _ = b.model()
    b.add("code", {"model": model, "messages": [
        {"role": "system", "content": "You are an expert TypeScript reviewer. Point out bugs and suggest fixes."},
        {"role": "user", "content": "```ts\nconst total = items.reduce((a, b) => a + b.price)\n```"}]}, note="code")

    # --- rule 6: json ---------------------------------------------------------------------------------
    for prompt in JSON_TASKS:
        body, _, model = b.text_request(prompt)
        b.add("json", body, model=model, note="extraction language")
    structured_prompts = ["Classify the sentiment of: 'I love this phone'", "Summarize this review: great hotel, noisy street.",
                          "Tell me about the Eiffel Tower.", "Who are you?", "Analyse this tweet: 'New phone who dis'",
                          "Resume esta noticia: el ayuntamiento abrirá un nuevo parque en mayo."]
    for i, prompt in enumerate(structured_prompts):
        model, _ = b.model()
        body = b.openai(prompt, model)
        body["response_format"] = SCHEMA if i % 2 == 0 else {"type": "json_object"}
        b.add("json", body, note="response_format")
    body = b.openai("Tell me a fun fact about otters.", "gpt-4o", system=False)
    body["response_format"] = {"type": "text"}
    b.add("pro", body, note="response_format text is not json")
    for prompt in ["List three colours of the rainbow.", "Summarize: the meeting moved to Friday."]:
        body = b.gemini(prompt)
        body["generationConfig"] = {"responseMimeType": "application/json",
                                    "responseSchema": {"type": "ARRAY", "items": {"type": "STRING"}}}
        b.add("json", body, model="gemini-2.5-flash", note="gemini json mode")
    body = b.anthropic("Give me the capital of Peru.", "claude-sonnet-4-6")
    body["output_format"] = {"type": "json_schema", "schema": {"type": "object", "properties": {"capital": {"type": "string"}}}}
    b.add("json", body, note="anthropic output_format")
    for system in ["You are an API. Always respond with valid JSON matching {\"answer\": string, \"sources\": [string]}.",
                   "Extract structured data from the user's message. Output a JSON object with the keys: product, quantity, delivery_date."]:
        model, _ = b.model()
        b.add("json", {"model": model, "messages": [{"role": "system", "content": system},
                                                    {"role": "user", "content": "I'd like 3 boxes of the blue tiles delivered next Tuesday."}]},
              note="json via system")
    # code beats a response schema (rule 5 before rule 6)
    body = b.openai("Review this and list issues:\n```python\nimport os\nos.system(input())\n```", "gpt-4o", system=False)
    body["response_format"] = SCHEMA
    b.add("code", body, note="code text + schema")

    # --- rule 7: reasoning ----------------------------------------------------------------------------
    for prompt in REASON:
        body, _, model = b.text_request(prompt)
        b.add("reason", body, model=model, note="reasoning")
    model, _ = b.model()
    b.add("reason", {"model": model, "messages": [
        {"role": "system", "content": "You are a math tutor. Always think step by step and show your reasoning before the final answer."},
        {"role": "user", "content": "What is 15% of 240?"}]}, note="reason via system")

    # --- rule 4: tools --------------------------------------------------------------------------------
    tool_prompts = ["What's the weather in Oslo?", "Find my last three orders.", "Summarize my unread emails.",
                    "Hi", "Translate 'hello' to French.", "Send Bob a note saying I'm late.",
                    "¿Qué tiempo hace en Sevilla?", "上海明天天气怎么样？"]
    for i, prompt in enumerate(tool_prompts):
        model, _ = b.model()
        body = b.openai(prompt, model)
        body["tools"] = [TOOL_WEATHER, TOOL_SEARCH, TOOL_EMAIL][: 1 + i % 3]
        if i % 3 == 1:
            body["tool_choice"] = "auto"
        b.add("code", body, note="tools")
    for choice in ["required", {"type": "function", "function": {"name": "get_weather"}}]:
        model, _ = b.model()
        body = b.openai("Oslo please", model)
        body["tools"] = [TOOL_WEATHER]
        body["tool_choice"] = choice
        b.add("code", body, note="forced tool")
    body = b.openai("Oslo please", "gpt-4o-mini", system=False)
    body["tool_choice"] = "required"
    b.add("code", body, note="forced tool choice without definitions")
    # agent turn with tool results
    model, _ = b.model()
    b.add("code", {"model": model, "tools": [TOOL_SEARCH], "messages": [
        {"role": "system", "content": "You are Acme's order assistant."},
        {"role": "user", "content": "Where is my order 1182?"},
        {"role": "assistant", "content": None, "tool_calls": [{"id": "call_1", "type": "function",
                                                                "function": {"name": "search_orders", "arguments": "{\"query\": \"1182\"}"}}]},
        {"role": "tool", "tool_call_id": "call_1", "content": "{\"status\": \"shipped\", \"eta\": \"2025-03-18\"}"}]},
        note="agent loop")
    # anthropic tools
    for choice in [None, {"type": "any"}, {"type": "tool", "name": "get_stock_price"}, {"type": "auto"}]:
        body = b.anthropic("How is NVDA doing today?", r.choice(["claude-sonnet-4-6", "claude-haiku-4-5"]))
        body["tools"] = [ANTHROPIC_TOOL]
        if choice:
            body["tool_choice"] = choice
        b.add("code", body, note="anthropic tools")
    body = b.anthropic("Thanks, and what about AMD?", "claude-sonnet-4-6", system=False)
    body["tools"] = [ANTHROPIC_TOOL]
    body["messages"] = [
        {"role": "user", "content": "How is NVDA doing today?"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "tu_1", "name": "get_stock_price", "input": {"ticker": "NVDA"}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "tu_1", "content": "NVDA 131.20 (+2.1%)"}]},
        {"role": "assistant", "content": "NVIDIA is at $131.20, up 2.1% today."},
        {"role": "user", "content": "Thanks, and what about AMD?"}]
    b.add("code", body, note="anthropic agent loop")
    # gemini tools
    for mode in [None, "ANY", "AUTO"]:
        body = b.gemini("Find me a flight from Lisbon to Berlin on Friday.")
        body["tools"] = GEMINI_TOOLS
        if mode:
            body["toolConfig"] = {"functionCallingConfig": {"mode": mode}}
        b.add("code", body, model=r.choice(["gemini-2.5-flash", "gemini-2.5-pro"]), note="gemini tools")

    # --- rule 2: vision -------------------------------------------------------------------------------
    for i, prompt in enumerate(VISION_PROMPTS):
        shape = ["openai", "openai", "anthropic", "gemini"][i % 4]
        if shape == "openai":
            url = PNG if i % 3 else "https://images.example.com/uploads/photo_8812.jpg?w=1024"
            body = b.openai("", r.choice(PRO_MODELS + FLASH_MODELS), history=False)
            body["messages"][-1]["content"] = [{"type": "text", "text": prompt},
                                               {"type": "image_url", "image_url": {"url": url, "detail": "auto"}}]
        elif shape == "anthropic":
            body = b.anthropic("", r.choice(["claude-sonnet-4-6", "claude-haiku-4-5"]))
            body["messages"][-1]["content"] = [
                {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQSkZJRgABAQ"}},
                {"type": "text", "text": prompt}]
        else:
            body = b.gemini(prompt)
            body["contents"][-1]["parts"].insert(0, {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo"}})
        b.add("vision", body, model="gemini-2.5-flash" if shape == "gemini" else None, note="image")
    body = b.openai("", "gpt-4o", system=False)
    body["messages"][-1]["content"] = [{"type": "text", "text": "Fill in the schema from this receipt."},
                                       {"type": "image_url", "image_url": {"url": PNG}}]
    body["response_format"] = SCHEMA
    b.add("vision", body, note="image + schema -> vision")
    body = b.openai("", "gpt-4o-mini", system=False)
    body["messages"] = [{"role": "user", "content": [{"type": "text", "text": "Remember this diagram."},
                                                      {"type": "image_url", "image_url": {"url": PNG}}]},
                        {"role": "assistant", "content": "Got it."},
                        {"role": "user", "content": "Now, what was the third box labelled?"}]
    b.add("vision", body, note="image in an earlier turn")
    body = b.openai("", "gpt-4o", system=False)
    body["tools"] = [TOOL_WEATHER]
    body["messages"][-1]["content"] = [{"type": "text", "text": "Where was this taken? Check the weather there."},
                                       {"type": "image_url", "image_url": {"url": PNG}}]
    b.add("vision", body, note="image + tools -> vision")
    body = b.openai("", "gpt-4o", system=False)
    body["messages"][-1]["content"] = [{"type": "text", "text": "What's wrong with this code?\n```js\nlet x = 1\n```"},
                                       {"type": "image_url", "image_url": {"url": "https://cdn.example.com/s.png"}}]
    b.add("vision", body, note="image + code text -> vision")
    body = b.gemini("Describe what happens in this clip.")
    body["contents"][-1]["parts"].append({"fileData": {"mimeType": "video/mp4", "fileUri": "gs://bucket/clip.mp4"}})
    b.add("vision", body, model="gemini-2.5-pro", note="gemini video")

    # --- rule 1: documents ----------------------------------------------------------------------------
    for i, prompt in enumerate(DOC_PROMPTS):
        shape = ["openai-file", "anthropic", "gemini", "openai-dataurl"][i % 4]
        if shape == "openai-file":
            body = b.openai("", r.choice(PRO_MODELS + FLASH_MODELS), history=False)
            body["messages"][-1]["content"] = [{"type": "text", "text": prompt},
                                               {"type": "file", "file": {"filename": "contract.pdf",
                                                                         "file_data": "data:application/pdf;base64," + PDF_B64}}]
        elif shape == "anthropic":
            body = b.anthropic("", r.choice(["claude-sonnet-4-6", "claude-haiku-4-5"]))
            body["messages"][-1]["content"] = [
                {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": PDF_B64}},
                {"type": "text", "text": prompt}]
        elif shape == "gemini":
            body = b.gemini(prompt)
            body["contents"][-1]["parts"].append({"inlineData": {"mimeType": "application/pdf", "data": PDF_B64}})
        else:
            body = b.openai("", "gpt-4o-mini", history=False)
            body["messages"][-1]["content"] = [{"type": "image_url", "image_url": {"url": "data:application/pdf;base64," + PDF_B64}},
                                               {"type": "text", "text": prompt}]
        b.add("document", body, model="gemini-2.5-flash" if shape == "gemini" else None, note="document")
    body = b.openai("", "gpt-4o", system=False)
    body["tools"] = [TOOL_SEARCH]
    body["messages"][-1]["content"] = [{"type": "text", "text": "Check these orders against our system."},
                                       {"type": "file", "file": {"file_id": "file-abc123"}}]
    b.add("document", body, note="pdf + tools -> document")
    body = b.anthropic("", "claude-haiku-4-5", system=False)
    body["messages"][-1]["content"] = [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo"}},
        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": PDF_B64}},
        {"type": "text", "text": "Does the photo match the spec sheet?"}]
    b.add("document", body, note="document + image -> document")
    body = b.openai("", "gpt-4o", system=False)
    body["messages"][-1]["content"] = [{"type": "text", "text": "Summarize this"},
                                       {"type": "image_url", "image_url": {"url": "https://files.example.com/q3-report.pdf"}}]
    b.add("document", body, note="pdf link")
    body = {"model": "gpt-4.1", "input": [{"role": "user", "content": [
        {"type": "input_text", "text": "What does section 4 say?"},
        {"type": "input_file", "filename": "policy.pdf", "file_data": "data:application/pdf;base64," + PDF_B64}]}]}
    b.add("document", body, note="responses api input_file")

    # --- rule 3: long inputs --------------------------------------------------------------------------
    b.add("long", b.openai("Here are the server logs:\n<<FILL:log:560000>>\nWhat went wrong overnight?", "gpt-4o", system=False),
          note="long log (would be code-free text)")
    b.add("long", b.openai("<<FILL:prose:540000>>\n\nSummarize the book above.", "gemini-2.5-flash", system=False),
          note="long beats simple")
    msgs = [{"role": "system", "content": "You are a careful analyst."}]
    for _ in range(12):
        msgs += [{"role": "user", "content": "<<FILL:prose:24000>>"}, {"role": "assistant", "content": "<<FILL:prose:20000>>"}]
    msgs.append({"role": "user", "content": "Which themes recur across everything above?"})
    b.add("long", {"model": "claude-sonnet-4-6", "messages": msgs}, note="long conversation")
    b.add("long", b.gemini("<<FILL:cjk:150000>>\n\n请总结以上内容。"), model="gemini-2.5-pro", note="long CJK")
    body = b.openai("<<FILL:prose:530000>>", "gpt-4o", system=False)
    body["tools"] = [TOOL_SEARCH]
    b.add("long", body, note="long beats tools")
    body = b.openai("<<FILL:prose:520000>>\n```python\nprint('hi')\n```", "gpt-4o", system=False)
    b.add("long", body, note="long beats code")
    b.add("pro", b.openai("<<FILL:prose:300000>>\n\nWhat is the overall tone of this text?", "gpt-4o", system=False),
          note="~75k tokens: not long")
    b.add("flash", b.openai("<<FILL:cjk:100000>>\n\n这段文字的主题是什么？", "gpt-4o-mini", system=False),
          note="100k CJK chars ~100k tokens: not long")

    # --- held-out batch -----------------------------------------------------------------------------
    for prompt, label in HOLDOUT:
        body, kind, model = b.text_request(prompt)
        b.add(kind if label == "BASE" else label, body, model=model, note="holdout")
    body = b.openai("What's the weather in Rome right now?", "gpt-4o-mini", system=False)
    body["tools"] = [TOOL_WEATHER]
    body["messages"] += [
        {"role": "assistant", "content": None, "tool_calls": [{"id": "c1", "type": "function",
                                                                "function": {"name": "get_weather", "arguments": "{\"city\": \"Rome\"}"}}]},
        {"role": "tool", "tool_call_id": "c1", "content": "22°C, sunny"}]
    b.add("code", body, note="holdout: tool result last")
    body = b.anthropic("", "claude-sonnet-4-6", system=False)
    body["tools"] = [{"name": "screenshot", "description": "Take a screenshot", "input_schema": {"type": "object"}}]
    body["messages"] = [
        {"role": "user", "content": "Open the settings page and tell me what you see."},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "t1", "name": "screenshot", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "t1", "content": [
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo"}}]}]}]
    b.add("vision", body, note="holdout: image inside a tool result")
    body = b.gemini("What's the status of my refund?")
    body["tools"] = [{"functionDeclarations": [{"name": "get_refund", "parameters": {"type": "OBJECT"}}]}]
    body["contents"] += [{"role": "model", "parts": [{"functionCall": {"name": "get_refund", "args": {}}}]},
                         {"role": "user", "parts": [{"functionResponse": {"name": "get_refund", "response": {"status": "sent"}}}]}]
    b.add("code", body, model="gemini-2.5-flash", note="holdout: gemini function response")
    b.add("vision", {"model": "gpt-4.1-mini", "input": [{"role": "user", "content": [
        {"type": "input_text", "text": "What colour is the car?"},
        {"type": "input_image", "image_url": "https://img.example.com/car.webp"}]}]}, note="holdout: responses input_image")
    body = b.openai("", "gpt-4o-mini", system=False)
    body["messages"][-1]["content"] = [{"type": "image_url", "image_url": {"url": PNG, "detail": "low"}},
                                       {"type": "text", "text": "Summarize what this whiteboard says."}]
    b.add("vision", body, note="holdout: image + summarize")
    body = b.gemini("Summarize the attached report.")
    body["contents"][-1]["parts"].append({"fileData": {"mimeType": "application/pdf", "fileUri": "gs://bucket/report.pdf"}})
    b.add("document", body, model="gemini-2.5-flash", note="holdout: gemini fileData pdf")
    body = b.openai("", "gpt-4o", system=False)
    body["messages"][-1]["content"] = [{"type": "text", "text": "Translate this into French."},
                                       {"type": "file", "file": {"file_id": "file-9x8y7z"}}]
    b.add("document", body, note="holdout: file id")
    body = b.anthropic("", "claude-haiku-4-5", system=False)
    body["messages"][-1]["content"] = [{"type": "document", "source": {"type": "text", "media_type": "text/plain",
                                                                        "data": "Meeting notes: launch moved to May."}},
                                       {"type": "text", "text": "When is the launch?"}]
    b.add("document", body, note="holdout: text document block")
    b.add("long", b.openai("Translate this chapter into Spanish:\n\n<<FILL:prose:600000>>", "gpt-4o", system=False),
          note="holdout: long")
    body = b.openai("", "gpt-4o", system=False)
    body["messages"][-1]["content"] = [{"type": "text", "text": "Which of these photos is the sharpest?"}] + [
        {"type": "image_url", "image_url": {"url": f"https://img.example.com/p{i}.jpg"}} for i in range(130)]
    b.add("vision", body, note="holdout: 130 images (~130k tokens) is vision, not long")
    body = b.anthropic("Summarize this: the council approved the new bike lanes after a long debate.", "claude-sonnet-4-6", system=False)
    body["thinking"] = {"type": "enabled", "budget_tokens": 16000}
    b.add("pro", body, note="holdout: anthropic thinking budget -> high effort")
    body = b.gemini("Translate to German: the shop opens at nine.")
    body["generationConfig"] = {"thinkingConfig": {"thinkingLevel": "high"}}
    b.add("pro", body, model="gemini-2.5-flash", note="holdout: gemini thinkingLevel high")
    body = b.gemini("Summarize: rain expected all weekend, clearing on Monday.")
    body["generationConfig"] = {"thinkingConfig": {"thinkingBudget": 0}}
    b.add("flash", body, model="gemini-2.5-pro", note="holdout: gemini thinking off")
    body = b.openai("Think step by step: which is heavier, a kilo of feathers or a kilo of steel?", "gpt-5", system=False)
    body["response_format"] = SCHEMA
    b.add("json", body, note="holdout: schema beats reasoning language")

    for prompt, label in HOLDOUT2:
        body, kind, model = b.text_request(prompt)
        b.add(kind if label == "BASE" else label, body, model=model, note="holdout2")

    # --- batch 4: issue 13 development set ------------------------------------------------------------
    for lang, prompt, label in DEV_I13:
        if isinstance(prompt, str):
            body, kind, model = b.text_request(prompt)
        else:
            model_id, kind = b.model()
            body, model = {"model": model_id, "messages": [{"role": r, "content": t} for r, t in prompt]}, None
        b.add(kind if label == "BASE" else label, body, model=model, note="dev-i13", lang=lang)

    # --- batch 5: issue 13 round 2 development set ----------------------------------------------------
    for lang, prompt, label, opts in DEV_I13R2:
        turns = [("user", prompt)] if isinstance(prompt, str) else list(prompt)
        if "system" in opts:
            turns.insert(0, ("system", opts["system"]))
        effort = opts.get("effort")
        if effort:  # a cheap-intent model, so that a missed rule 8 shows as flash
            model_id, kind = r.choice(["gpt-4o-mini", "claude-haiku-4-5", "gemini-2.5-flash"]), "flash"
        else:
            model_id, kind = b.model()
        if len(turns) == 1 and not opts:
            body, kind, model = b.text_request(prompt)
        else:
            body, model = {"model": model_id, "messages": [{"role": ro, "content": t} for ro, t in turns]}, None
        if opts.get("text_format"):
            body["response_format"] = {"type": "text"}
        b.add(kind if label == "BASE" else label, body, model=model, note="dev-i13r2", lang=lang,
              headers={"x-di-effort": effort} if effort else None)

    # --- batch 6: issue 13 round 3 development set ----------------------------------------------------
    for lang, prompt, label, opts in DEV_I13R3:
        model_id, kind = b.model()
        if isinstance(prompt, str) and not opts:
            body, kind, model = b.text_request(prompt)
        else:
            turns = [("user", prompt)] if isinstance(prompt, str) else list(prompt)
            body, model = {"model": model_id, "messages": [{"role": ro, "content": t} for ro, t in turns]}, None
        b.add(kind if label == "BASE" else label, body, model=model, note="dev-i13r3", lang=lang)

    # --- batch 7: issue 13 round 4 development set ----------------------------------------------------
    for lang, prompt, label, opts in DEV_I13R4:
        turns = [("user", prompt)] if isinstance(prompt, str) else list(prompt)
        if "system" in opts:
            turns.insert(0, ("system", opts["system"]))
        if "model" in opts:
            model_id = opts["model"]
        elif label == "flash":  # a strong id, so that a missed rule 8 task shows as pro
            model_id = r.choice(["gpt-4o", "claude-sonnet-4-6", "gpt-5"])
        else:
            model_id = b.model()[0]
        kind = base_of({"request": {"model": model_id}})
        body = {"model": model_id, "messages": [{"role": ro, "content": t} for ro, t in turns]}
        b.add(kind if label == "BASE" else label, body, note="dev-i13r4", lang=lang)
    # --- batch 8: issue 13 round 5 development set ----------------------------------------------------
    for lang, prompt, label, opts in DEV_I13R5:
        turns = [("user", prompt)] if isinstance(prompt, str) else list(prompt)
        if "system" in opts:
            turns.insert(0, ("system", opts["system"]))
        if "model" in opts:
            model_id = opts["model"]
        elif label == "flash":  # a strong id, so that a missed rule 8 task shows as pro
            model_id = r.choice(["gpt-4o", "claude-sonnet-4-6", "gpt-5"])
        else:
            model_id = b.model()[0]
        kind = base_of({"request": {"model": model_id}})
        body = {"model": model_id, "messages": [{"role": ro, "content": t} for ro, t in turns]}
        effort = opts.get("effort")
        b.add(kind if label == "BASE" else label, body, note="dev-i13r5", lang=lang,
              headers={"x-di-effort": effort} if effort else None)
    # --- batch 9: issue 13 round 6 development set ----------------------------------------------------
    for lang, prompt, label, opts in DEV_I13R6:
        turns = [("user", prompt)] if isinstance(prompt, str) else list(prompt)
        if "system" in opts:
            turns.insert(0, ("system", opts["system"]))
        if "model" in opts:
            model_id = opts["model"]
        elif label == "flash":  # a strong id, so that a missed rule 8 task shows as pro
            model_id = r.choice(["gpt-4o", "claude-sonnet-4-6", "gpt-5"])
        else:
            model_id = b.model()[0]
        kind = base_of({"request": {"model": model_id}})
        body = {"model": model_id, "messages": [{"role": ro, "content": t} for ro, t in turns]}
        effort = opts.get("effort")
        b.add(kind if label == "BASE" else label, body, note="dev-i13r6", lang=lang,
              headers={"x-di-effort": effort} if effort else None)
    return finish(b.items)


BATCHES: dict[str, str] = {
    "b1-main": "batch 1, the main corpus: written by the classifier's first author with the first version; "
               "tuned on in rounds 1 and 2",
    "b2-holdout1": "batch 2, 'holdout': written after round 1, measured once (82.6 %), then tuned on",
    "b3-holdout2": "batch 3, 'holdout2': written after round 2, measured once (95.6 %), never tuned on until "
                   "issue 13 relabelled it",
    "b4-dev-i13": "batch 4, issue 13 development set: nine languages, multi-turn and near-misses, written by the "
                  "issue 13 engineer while drafting the lexicons; measured once (98.2 %), then tuned on",
    "b5-dev-i13r2": "batch 5, issue 13 round 2 development set: the four miss classes of held-out batch 1 (known "
                    "by class only) in nine languages, with near-misses, written by the round-2 engineer before "
                    "changing the classifier; measured once, then tuned on",
    "b6-dev-i13r3": "batch 6, issue 13 round 3 development set: the five miss classes of held-out batch 2 (known "
                    "by class only) in nine languages, with near-misses, written by the round-3 engineer before "
                    "changing the classifier; measured once, then tuned on",
    "b7-dev-i13r4": "batch 7, issue 13 round 4 development set: the miss classes of held-out batch 3 (known "
                    "by class only) in nine languages, with near-misses and multi-turn chats, written by the "
                    "round-4 engineer before changing the classifier; measured once, then tuned on",
    "b8-dev-i13r5": "batch 8, issue 13 round 5 development set: the miss classes of held-out batch 4 (known "
                    "by class only: puzzles in chats and Hinglish cues, extraction from an earlier turn or by a "
                    "system extractor, argument validity, comparisons in prose, rule 8 at low effort, stack "
                    "traces, two flagged ambiguities) in nine languages, written by the round-5 engineer before "
                    "changing the classifier; measured once, then tuned on",
    "b9-dev-i13r6": "batch 9, issue 13 round 6 development set: the miss classes of held-out batch 5 (known "
                    "by class only: rule 8 categorise / label / tag / triage / sentiment tasks in more verb forms "
                    "and Hinglish, Hinglish profit / discount word problems, puzzles without a cue word, "
                    "extraction of action items from a memo pasted earlier) in nine languages, written by the "
                    "round-6 engineer before changing the classifier; measured once (26/38), then tuned on in "
                    "round 7",
}
"""Who wrote each batch and when; ``batch`` of every item is one of these keys."""

_FLASH_IDS = frozenset(FLASH_MODELS) | {"claude-haiku-4-5", "claude-3-5-haiku-20241022", "gemini-2.5-flash",
                                        "gemini-2.0-flash-lite"}
_PRO_IDS = frozenset(PRO_MODELS) | {"claude-sonnet-4-6", "claude-opus-4-1", "gemini-2.5-pro"}
_EFFORT_SUFFIX = re.compile(r"[@:](?:auto|fast|none|minimal|low|medium|high|xhigh|max)$")


# ------------------------------------------------------------------------------------------------------
# Relabelled in issue 13 round 4 (read against the rule table and the reference, not by running the
# classifier). Rule 6 is "a ``response_format`` JSON schema / ``json_object``, or extraction language"; the
# reference's type glossary says the same (``json``: "``response_format`` / output JSON schema set"; Gemini JSON
# mode via ``responseMimeType``/``responseSchema``). An instruction about the *form* of the answer ("respond in
# JSON", "as a JSON array", a schema written into the prompt) is neither, so these requests, labelled ``json``
# by batches 1-4 for that instruction alone, fall to rules 7-9. Requests that turn a given text into JSON
# ("Convert this CSV to JSON: ...", "Structure this as JSON: John, 42, ...") or name fields for a given record
# are extraction and keep ``json``. Keyed by (system prompt or None, latest user text).
# ------------------------------------------------------------------------------------------------------
_FORMAT_ONLY = "an instruction about the form of the answer (JSON) without response_format or extraction language"
RELABELLED_R4: dict[tuple[str | None, str], tuple[str, str]] = {
    (None, "Give me the output in JSON format: list three European capitals with their population."):
        ("BASE", _FORMAT_ONLY),
    (None, 'Respond only with valid JSON: {"answer": string, "confidence": number}. Question: what is the boiling '
           'point of water at sea level?'): ("BASE", _FORMAT_ONLY),
    ('You are an API. Always respond with valid JSON matching {"answer": string, "sources": [string]}.',
     "I'd like 3 boxes of the blue tiles delivered next Tuesday."): ("BASE", _FORMAT_ONLY),
    (None, "Return the answer as JSON with keys 'city' and 'country': where is the Colosseum?"): ("BASE", _FORMAT_ONLY),
    (None, "Output a JSON list of 5 random first names."): ("BASE", _FORMAT_ONLY),
    (None, "请以JSON格式列出三种水果及其颜色。"): ("BASE", _FORMAT_ONLY),
    (None, "Please respond in JSON: what are the three primary colours?"): ("BASE", _FORMAT_ONLY),
    (None, "Donne-moi la réponse au format JSON avec les clés nom et âge : Paul a 41 ans."): ("BASE", _FORMAT_ONLY),
    (None, "Gib mir die drei größten Städte Deutschlands als JSON-Array mit Name und Einwohnerzahl zurück."):
        ("BASE", _FORMAT_ONLY),
    (None, "Верни ответ в формате JSON с полями город и страна: где находится Эрмитаж?"): ("BASE", _FORMAT_ONLY),
    (None, "以JSON格式返回三个中国城市及其人口。"): ("BASE", _FORMAT_ONLY),
    (None, "東京の観光地を3つ、JSON形式で名前と説明を付けて出力してください。"): ("BASE", _FORMAT_ONLY),
    (None, "भारत के तीन बड़े शहरों के नाम और जनसंख्या JSON में दो।"): ("BASE", _FORMAT_ONLY),
}
R4_UNTOUCHED = frozenset({"b7-dev-i13r4", "b8-dev-i13r5", "b9-dev-i13r6"})
"""Batch 7 was labelled with the round-4 reading from the start."""

# ------------------------------------------------------------------------------------------------------
# Relabelled in issue 13 round 5 (read against the rule table, not by running the classifier). Rule 7 is
# "multi-step reasoning language (prove, derive, step by step, word problems...)"; held-out batch 4 (written
# from the table alone) read a question about the trade-offs of two technologies as general chat (rule 9). A
# question that only names the weighing nouns ("What are the pros and cons of ...?") asks for information, not
# for reasoning steps; a request to weigh, compare or analyse them, or to decide between options, stays
# ``reason`` ("Compare the pros and cons of leasing versus buying", "... give a balanced analysis").
# ------------------------------------------------------------------------------------------------------
_TOPIC_ONLY = "a question about trade-offs / pros and cons, no request to weigh them or to decide (rule 9)"
RELABELLED_R5: dict[tuple[str | None, str], tuple[str, str]] = {
    (None, "What are the trade-offs between microservices and a monolith for a five-person startup?"):
        ("BASE", _TOPIC_ONLY),
    (None, "Quais são os prós e contras de morar em Lisboa ou no Porto?"): ("BASE", _TOPIC_ONLY),
    (None, "What are the pros and cons of electric cars for someone living in a rural area?"): ("BASE", _TOPIC_ONLY),
    (None, "Quais são os prós e contras de trabalhar em casa?"): ("BASE", _TOPIC_ONLY),
}
R5_UNTOUCHED = frozenset({"b8-dev-i13r5", "b9-dev-i13r6"})
"""Batch 8 was labelled with the round-5 reading from the start."""

def _batch(note: str) -> str:
    if note.startswith("holdout2"):
        return "b3-holdout2"
    if note.startswith("holdout"):
        return "b2-holdout1"
    if note.startswith("dev-i13r6"):
        return "b9-dev-i13r6"
    if note.startswith("dev-i13r5"):
        return "b8-dev-i13r5"
    if note.startswith("dev-i13r4"):
        return "b7-dev-i13r4"
    if note.startswith("dev-i13r3"):
        return "b6-dev-i13r3"
    if note.startswith("dev-i13r2"):
        return "b5-dev-i13r2"
    if note.startswith("dev-i13"):
        return "b4-dev-i13"
    return "b1-main"


def _latest_user_text(request: dict) -> str:
    """The text of the last user message (OpenAI / Anthropic messages, Gemini contents)."""
    for msg in reversed(request.get("messages") or request.get("contents") or []):
        if msg.get("role", "user") != "user":
            continue
        content = msg.get("content", msg.get("parts"))
        if isinstance(content, str):
            return content
        texts = [p.get("text") for p in content or [] if isinstance(p, dict) and isinstance(p.get("text"), str)]
        if texts:
            return "\n".join(texts)
    return ""


def base_of(item: dict) -> str:
    """The base type of an item's model id, from the lists above (human judgement, not the classifier)."""
    model = _EFFORT_SUFFIX.sub("", item.get("model") or item["request"].get("model", ""))
    if model in _FLASH_IDS:
        return "flash"
    if model in _PRO_IDS:
        return "pro"
    raise ValueError(f"no base type known for model {model!r}")


def _system_text(request: dict) -> str:
    return "\n".join(m["content"] for m in request.get("messages") or []
                     if m.get("role") == "system" and isinstance(m.get("content"), str))


def finish(items: list[dict]) -> list[dict]:
    """Tag each item with its batch and apply :data:`RELABELLED` and :data:`RELABELLED_R4` (keeping the old
    label in ``label_v1``, the reason in ``relabel`` and, for round 4, ``relabel_round``)."""
    used, used_r4, used_r5 = set(), set(), set()
    for item in items:
        item["batch"] = _batch(item.get("note", ""))
        text = _latest_user_text(item["request"])
        if text in RELABELLED:
            used.add(text)
            new, reason = RELABELLED[text]
            item["label_v1"] = item["label"]
            item["label"] = base_of(item) if new == "BASE" else new
            item["relabel"] = reason
        key = (_system_text(item["request"]) or None, text)
        if key not in RELABELLED_R4:
            key = (None, text)
        if key in RELABELLED_R4 and item["batch"] not in R4_UNTOUCHED:
            used_r4.add(key)
            new, reason = RELABELLED_R4[key]
            item["label_v1"] = item["label"]
            item["label"] = base_of(item) if new == "BASE" else new
            item["relabel"] = reason
            item["relabel_round"] = 4
        key = (_system_text(item["request"]) or None, text)
        if key not in RELABELLED_R5:
            key = (None, text)
        if key in RELABELLED_R5 and item["batch"] not in R5_UNTOUCHED:
            used_r5.add(key)
            new, reason = RELABELLED_R5[key]
            item.setdefault("label_v1", item["label"])
            item["label"] = base_of(item) if new == "BASE" else new
            item["relabel"] = reason
            item["relabel_round"] = 5
    unused = set(RELABELLED) - used
    unused_r4 = set(RELABELLED_R4) - used_r4
    unused_r5 = set(RELABELLED_R5) - used_r5
    if unused or unused_r4 or unused_r5:
        raise ValueError(f"relabel entries match no item: {sorted(unused) + sorted(map(str, unused_r4 | unused_r5))}")
    return items


def main() -> None:
    items = build()
    with OUT.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n")
    counts: dict[str, int] = {}
    for item in items:
        counts[item["label"]] = counts.get(item["label"], 0) + 1
    print(f"wrote {len(items)} items to {OUT.name}: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
