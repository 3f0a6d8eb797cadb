"""Rules 5–8 in the nine languages the issue names, with near-misses, one table per language.

Written for issue 13 after the lexicons and the corpus development batch (different requests), and
labelled by reading each request against the README rule table. First run: 107 of 113 as labelled.
The six misses led to general fixes: extraction of things "named / mentioned in this text"; "compare"
with clitics (compáralos, compare-les) before a request to recommend; SQL keywords in an inline code
span; Russian "переведи" only with a language or a text (it also means "transfer money"); a longer
reach between Hindi "से" (from) and "निकालें" (extract).

Every request is sent to a ``pro`` model, so ``pro`` means "rule 9, nothing special".
"""

from __future__ import annotations

import pytest

from di_plugins.classifier import Classifier

CLASSIFIER = Classifier()

EN = [
    ("Our staging deploy died with:\n\nError: Cannot find module 'express'\nRequire stack:\n- /srv/api/server.js", "code"),
    ("why is `for (let i = 0; i < n; i++)` slower than forEach here?", "code"),
    ("kubectl get pods -n payments --watch shows CrashLoopBackOff, where do I start?", "code"),
    ("Is Go or Rust the better fit for a small CLI tool? Weigh them and pick one for me.", "reason"),
    ("Show that the greedy algorithm for interval scheduling is optimal.", "reason"),
    ("A tank holds 500 liters and drains at 20 liters per minute. How long until it is empty?", "reason"),
    ("How long will it take to fill a 500-liter tank at 20 liters per minute?", "reason"),
    ("If 4 workers paint a fence in 6 hours, how long would 3 workers take?", "reason"),
    ("List the pros and cons of remote work for a 10-person startup.", "reason"),
    ("Get me every email address and phone number in the text below as JSON.\n\nCall 555-0101 or write a@b.io", "json"),
    ("Identify all the people and organisations named in this article and return them as a list of objects.", "json"),
    ("Paraphrase this so a 10-year-old gets it: 'Photosynthesis converts light into chemical energy.'", "flash"),
    ("What language is this? 'Dziękuję bardzo za pomoc.'", "flash"),
    ("Please summarise the thread below for my manager.\n\nAnna: launch slips a week\nBen: fine by me", "flash"),
    ("Explain dependency injection like I'm new to programming.", "pro"),
    ("What are your thoughts on Python's new free-threaded build?", "pro"),
    ("I translated my grandmother's letters last year. How should I preserve the originals?", "pro"),
    ("I have 2 cats and a dog. Which vacuum handles pet hair best?", "pro"),
    ("My JSON-loving colleague keeps pasting config files into chat. How do I ask him to stop politely?", "pro"),
    ("What's the best way to learn SQL in a month?", "pro"),
]

ES = [
    ("¿Por qué falla esto?\n\n```js\nconst x = await fetch(url)\n```", "code"),
    ("Al compilar me sale: main.c:7:3: error: expected ';' before 'return'", "code"),
    ("¿Qué es mejor para mi startup, Firebase o Supabase? Compáralos y recomiéndame uno.", "reason"),
    ("Demuestra por inducción que 1 + 3 + ... + (2n-1) = n².", "reason"),
    ("Si 3 kilos de naranjas cuestan 4,50 euros, ¿cuánto cuestan 7 kilos?", "reason"),
    ("Extrae el nombre de la empresa y el importe total de esta factura: Acme SL, total 1.250 €.", "json"),
    ("Devuélveme en formato JSON los tres ríos más largos de España.", "pro"),  # the form of the answer only (round 4)
    ("Reescribe este párrafo con un tono más cercano: 'Le informamos de que su pedido ha sido enviado.'", "flash"),
    ("Traduce al alemán: 'Necesito una mesa para dos.'", "flash"),
    ("¿Qué diferencia hay entre una lista y una tupla en Python?", "pro"),
    ("Tengo 2 perros y 3 gatos, ¿qué aspiradora me recomiendas?", "pro"),
    ("¿Cuántos habitantes tiene Madrid?", "pro"),
    ("Estoy estudiando traducción en la universidad, ¿qué salidas laborales hay?", "pro"),
]

PT = [
    ("Recebo isto ao rodar os testes:\n\nFAIL src/app.test.js\n  ● renders title\n    TypeError: Cannot read properties of undefined", "code"),
    ("O que faz `git cherry-pick -x abc123`?", "code"),
    ("Vale mais a pena React Native ou Flutter para o nosso app? Compare e diga qual escolher.", "reason"),
    ("Prove que a soma dos ângulos internos de um triângulo é 180 graus.", "reason"),
    ("Uma loja vende 3 camisetas por 45 reais. Quanto custam 8 camisetas?", "reason"),
    ("Extraia todas as datas e valores deste e-mail: pagamento de R$ 300 em 5/3 e R$ 150 em 12/3.", "json"),
    ("Traduza para o francês: 'O jantar está pronto.'", "flash"),
    ("Corrija a ortografia: 'Ontem eu fui no mercado e comprei maçans.'", "flash"),
    ("Qual a diferença entre uma API REST e GraphQL?", "pro"),
    ("Quantos anos tem a Torre de Belém?", "pro"),
]

FR = [
    ("Pourquoi ça plante ?\n\n$ python manage.py migrate\ndjango.db.utils.OperationalError: no such table: auth_user", "code"),
    ("Que signifie `SELECT DISTINCT ON (user_id) *` en PostgreSQL ?", "code"),
    ("Kafka ou RabbitMQ pour notre plateforme de paiement ? Compare-les et recommande l'un des deux.", "reason"),
    ("Démontre que tout entier n ≥ 2 admet un diviseur premier.", "reason"),
    ("Un robinet remplit une baignoire de 150 litres en 10 minutes. Combien de temps pour 240 litres ?", "reason"),
    ("Établis-moi un planning de révision sur quatre semaines pour l'oral.", "reason"),
    ("Extrais les montants et les dates de ce relevé : 12 mars 45 €, 19 mars 80 €.", "json"),
    ("Reformule ce message pour qu'il soit plus diplomate : « Votre rapport est inutilisable. »", "flash"),
    ("Résume cet article en trois phrases :\n\nLe conseil municipal a voté le budget après un long débat.", "flash"),
    ("C'est quoi une fermeture (closure) en JavaScript ?", "pro"),
    ("Combien d'habitants compte Marseille ?", "pro"),
    ("J'ai adopté un python royal, combien de fois par mois faut-il le nourrir ?", "pro"),
]

DE = [
    ("Beim Start kommt:\n\nTraceback (most recent call last):\n  File \"bot.py\", line 3, in <module>\nImportError: cannot import name 'Client'", "code"),
    ("Was bedeutet `docker run --rm -it -v $(pwd):/app node:20 bash`?", "code"),
    ("Sollen wir Postgres oder MySQL nehmen? Vergleiche beide für unser CRM und empfiehl eins.", "reason"),
    ("Beweise, dass es keine größte Primzahl gibt.", "reason"),
    ("Ein Zug fährt 240 km in 3 Stunden. Wie lange braucht er für 400 km?", "reason"),
    ("Extrahiere Absender, Datum und Betrag aus dieser Rechnung: Müller GmbH, 03.04.2025, 899 Euro.", "json"),
    ("Übersetze ins Spanische: 'Wo ist der nächste Bahnhof?'", "flash"),
    ("Fasse diese E-Mail in einem Satz zusammen: Das Meeting wird auf Donnerstag verschoben.", "flash"),
    ("Schreib den Text bitte freundlicher um: 'Das ist falsch, machen Sie es nochmal.'", "flash"),
    ("Was ist der Unterschied zwischen einer Klasse und einem Objekt?", "pro"),
    ("Wie viele Einwohner hat Hamburg?", "pro"),
    ("Ich möchte eine Übersetzerin für mein Buch finden. Worauf sollte ich achten?", "pro"),
]

RU = [
    ("Вот что пишет компилятор:\n\nsrc/lib.rs:12:9: error[E0308]: mismatched types", "code"),
    ("Что делает `find . -type f -mtime +30 -delete`?", "code"),
    ("Что выбрать для нашего сервиса: Redis или Memcached? Сравни и посоветуй.", "reason"),
    ("Докажи, что сумма первых n нечётных чисел равна n².", "reason"),
    ("У Маши было 15 яблок, она отдала 4 брату и 3 сестре. Сколько яблок у неё осталось?", "reason"),
    ("Выпиши из письма все имена и телефоны: Иван 8-900-111-22-33, Олег 8-900-444-55-66.", "json"),
    ("Сократи этот текст до двух предложений:\n\nСовет директоров утвердил бюджет на следующий год после долгих споров.", "flash"),
    ("Перефразируй вежливее: «Сделайте отчёт к утру».", "flash"),
    ("Чем отличается процесс от потока?", "pro"),
    ("Сколько лет Московскому метро?", "pro"),
    ("Переведи 500 рублей маме — как это сделать через приложение банка?", "pro"),
]

ZH = [
    ("执行 `npm install --legacy-peer-deps` 后还是报错，怎么办？", "code"),
    ("编译时出现：\n\nerror[E0599]: no method named `foo` found for struct `Bar`\n --> src/main.rs:9:7", "code"),
    ("Redis和Memcached该选哪个？请比较一下然后推荐一个。", "reason"),
    ("请证明根号2是无理数。", "reason"),
    ("小王买了3支笔，每支4元，又买了2本本子，每本6元，一共花了多少钱？", "reason"),
    ("请一步一步分析这个问题：为什么冬天比夏天冷？", "reason"),
    ("从下面的订单信息中提取商品名称和价格：苹果 5元，香蕉 3元。", "json"),
    ("请把这句话翻译成日语：我们下周见。", "flash"),
    ("把下面这段话改写得更礼貌一些：你们的服务太差了。", "flash"),
    ("什么是闭包？能简单解释一下吗？", "pro"),
    ("上海有多少人口？", "pro"),
    ("垃圾分类有哪些规定？", "pro"),
    ("我有几个朋友下周来北京玩，有什么推荐的地方？", "pro"),
]

JA = [
    ("このコマンドの意味を教えてください：`tar -xzvf backup.tar.gz -C /tmp`", "code"),
    ("実行すると以下のエラーが出ます。\n\nTraceback (most recent call last):\n  File \"app.py\", line 2, in <module>\nKeyError: 'user'", "code"),
    ("ReactとVue、どちらを選ぶべきか比較して教えてください。", "reason"),
    ("三角形の内角の和が180度であることを証明してください。", "reason"),
    ("1冊300円のノートを4冊と、1本150円のペンを2本買いました。合計でいくらですか？", "reason"),
    ("次のメールから日付と金額を抽出してください：3月5日に5000円、3月10日に3000円。", "json"),
    ("次の文章を英語に翻訳してください：会議は午後3時からです。", "flash"),
    ("この文章を短くまとめてください：昨日の会議では予算と人員について長時間議論した。", "flash"),
    ("クロージャとは何ですか？", "pro"),
    ("東京タワーの高さは何メートルですか？", "pro"),
    ("翻訳家になるにはどうすればいいですか？", "pro"),
]

HI = [
    ("टेस्ट चलाने पर यह आता है:\n\nAssertionError: expected 200, got 500\n    at Context.<anonymous> (test/api.test.js:14:10)", "code"),
    ("`git log --oneline -n 5` क्या दिखाता है?", "code"),
    ("हमारी वेबसाइट के लिए MySQL और MongoDB की तुलना करके बताइए कि कौन सा बेहतर है।", "reason"),
    ("सिद्ध कीजिए कि दो विषम संख्याओं का योग सम होता है।", "reason"),
    ("एक ट्रेन 60 किमी प्रति घंटे की गति से 3 घंटे चलती है। वह कुल कितनी दूरी तय करती है?", "reason"),
    ("इस बिल से दुकान का नाम और कुल राशि निकालें: शर्मा स्टोर, कुल 1200 रुपये।", "json"),
    ("इस पैराग्राफ का सारांश दो पंक्तियों में दें:\n\nनगर परिषद ने लंबी बहस के बाद बजट पास किया।", "flash"),
    ("इस वाक्य का हिंदी में अनुवाद करें: 'The meeting is at noon.'", "flash"),
    ("क्लोज़र क्या होता है, आसान भाषा में समझाइए।", "pro"),
    ("भारत में कितने राज्य हैं?", "pro"),
    ("मेरे पास 2 बिल्लियाँ हैं। उनके लिए कौन सा खाना अच्छा है?", "pro"),
]

TABLES = {"en": EN, "es": ES, "pt": PT, "fr": FR, "de": DE, "ru": RU, "zh": ZH, "ja": JA, "hi": HI}
CASES = [(lang, text, want) for lang, table in TABLES.items() for text, want in table]


@pytest.mark.parametrize("lang,text,want", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_language_table(lang, text, want):
    c = CLASSIFIER.classify({"model": "gpt-4o", "messages": [{"role": "user", "content": text}]})
    assert c.request_type == want, (c.rule_name, c.evidence)


@pytest.mark.parametrize("lang", list(TABLES))
def test_each_language_table_covers_the_text_rules(lang):
    assert {want for _, want in TABLES[lang]} >= {"code", "reason", "json", "flash", "pro"}


# Written after the first run, while reviewing the lexicons for gaps (regression cases, not a measurement).
LATER = [
    ("Can you tell me about the translation of the Bible into Latin?", "pro"),
    ("Give me a translation into French of: good night", "flash"),
    ("Which dates are mentioned in this email? We meet on 3 May and 9 June.", "json"),
    # round 5: asking what the pros and cons are is rule 9 (README rule notes); analysing them is rule 7
    ("¿Cuáles son las ventajas e inconvenientes de vivir en el centro?", "pro"),
    ("Analiza las ventajas e inconvenientes de vivir en el centro.", "reason"),
    ("Перечисли достоинства и недостатки электромобилей.", "reason"),
    ("Сделай краткое содержание этой статьи: совет утвердил бюджет.", "flash"),
    ("Überarbeite diesen Absatz: Wir haben gestern das Projekt abgeschlossen.", "flash"),
    ("इस वाक्य को छोटा करें: हम कल सुबह जल्दी निकलेंगे क्योंकि रास्ता लंबा है।", "flash"),
    ("Which is better for a beginner photographer, Canon or Nikon?", "pro"),
    ("I want to learn about Monty Python and the Holy Grail.", "pro"),
    ("What's the proof of concept for our new app supposed to show?", "pro"),
    ("The proof of the pudding is in the eating, they say. Where does that come from?", "pro"),
    ("Our team's code of conduct needs an update. What should it cover?", "pro"),
    ("Solve: 2x + 3 = 11", "reason"),
    ("Реши: x + 5 = 12", "reason"),
    ("If a shirt costs $25 after a 20% discount, what was the original price?", "reason"),
    ("What was the average rent in Paris in 2020 vs 2010?", "pro"),
    ("Sort these animals into mammals and birds: eagle, whale, sparrow, bat.", "flash"),
    ("Detect the language of this sentence: 'Ik hou van jou'.", "flash"),
    ("I want to sort my life into better habits. Where do I start?", "pro"),
    ("Should I use Redis or Memcached for session storage?", "pro"),
    ("Можешь перевести это на английский?", "flash"),
    ("Можешь кратко пересказать эту статью?", "flash"),
    ("Мне нужно перевести деньги с карты на карту, как?", "pro"),
    ("Comment dit-on « merci » en japonais ?", "flash"),
    ("Wie sagt man „Danke“ auf Japanisch?", "flash"),
    ("“谢谢”用日语怎么说？", "flash"),
    ("「ありがとう」は中国語で何と言いますか？", "flash"),
    ("\"धन्यवाद\" को अंग्रेज़ी में क्या कहते हैं?", "flash"),
    # "extract" in its other senses (cooking, dentistry, files, pension funds, idioms, "take out time")
    ("How do I extract the juice from a lemon without a juicer?", "pro"),
    ("My dentist wants to extract a tooth next week. Should I worry?", "pro"),
    ("Extract the invoice number, vendor and total from the text below.\n\nNorthwind, INV-7, $90", "json"),
    ("How can I extract the most value from my gym membership?", "pro"),
    ("Extract everything important from my notes below.\n\n- call Bob\n- rent due 1 May", "json"),
    ("怎么提取公积金？", "pro"),
    ("请从下面的文本中提取所有电话号码：138 0000 0000", "json"),
    ("コーヒーの抽出時間はどれくらいがいいですか？", "pro"),
    ("この文から日付を抽出して：5月3日に会いましょう。", "json"),
    ("Как извлечь пользу из неудачи?", "pro"),
    ("काम से थोड़ा समय निकालें और टहलने जाएं, क्या यह अच्छी आदत है?", "pro"),
    # asking *about* a task is not the task
    ("How to summarize a book for a school report?", "pro"),
    ("What's the best way to paraphrase without plagiarizing?", "pro"),
    ("I want you to summarize this: the meeting moved to Friday.", "flash"),
    # word problems whose question is an imperative ("calculate its speed") or has no verb
    ("Un coche recorre 240 km en 3 horas. Calcula su velocidad media.", "reason"),
    ("Pedro tem o dobro da idade de João. Juntos eles têm 36 anos. Qual a idade de cada um?", "reason"),
    ("Ein Rechteck ist 8 cm lang und 5 cm breit. Berechne den Umfang.", "reason"),
    ("Поезд прошёл 360 км за 4 часа. Найдите его скорость.", "reason"),
    ("Calcula cuánto cuesta vivir en Madrid.", "pro"),
    ("Encuentra el restaurante más cercano.", "pro"),
    ("Объясни по шагам, как решить уравнение 2x + 3 = 7.", "reason"),
    ("Plane eine Woche Urlaub in Norwegen für mich.", "reason"),
    # puzzles to solve, not to buy or to be told
    ("My son loves jigsaw puzzles. What's a good 500-piece puzzle for a 9-year-old?", "pro"),
    ("Tell me a riddle!", "pro"),
    ("Here's a puzzle for you: three boxes are all mislabeled. Which box do you open first?", "reason"),
    ("What are the steps to renew a US passport?", "pro"),
    ("How many ounces are in a cup?", "pro"),
    ("What does JSON stand for?", "pro"),
]


@pytest.mark.parametrize("text,want", LATER)
def test_later_cases(text, want):
    c = CLASSIFIER.classify({"model": "gpt-4o", "messages": [{"role": "user", "content": text}]})
    assert c.request_type == want, (c.rule_name, c.evidence)
