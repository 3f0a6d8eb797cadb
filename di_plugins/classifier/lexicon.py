"""Rules 6–8 data: cue lexicons, per rule and per language.

Every entry is a lower-case regex matched on the normalized text of a window (see :mod:`.tokens`):

* a phrase written in a spaced script (Latin, Cyrillic, Devanagari...) is tried at each *word start*
  and may run over several words; without a trailing ``\\b`` it also matches longer words, which is
  how one entry covers inflections (``извле[кч]`` = извлеки, извлеките, извлечь...). ``\\b`` and
  ``\\w`` in Devanagari entries are made aware of the combining vowel signs;
* a phrase containing CJK / kana / hangul characters is matched anywhere; a leading space in it means
  "at the start of a clause" (full-width commas, colons and brackets are spaces in the normalized
  text). Give such phrases a literal first character: one without (``(?<= )x``, ``[ab]x``) is scanned
  in a separate, slower pass.

Lists (``di.classifier.patterns.<list>`` replaces one, ``extra_patterns.<list>`` appends to it; the
flattened defaults are :data:`DEFAULT_LEXICON_PATTERNS`):

* ``json``         – rule 6: extraction requests, a given text to turn into JSON or fields ("convert this
  CSV to JSON"; an instruction about the form of the answer, "answer in JSON", is not one), and a strong
  extraction verb with data nouns and a table to fill ("pull out the dates ... put them in a table",
  "вытащи даты и суммы и оформи таблицей", :data:`TABLED`: the text is usually an earlier turn);
* ``extraction``   – rule 6: a request for data items in other words: a request verb ("pull out", "list",
  "sácame", "lies ... heraus", "列出", "拾って") or an occurrence question ("which dates appear") with data
  nouns (names, dates, prices, phone numbers...). It counts only with a ``source`` marker (:mod:`.extraction`);
* ``source``       – the text such a request points at: "this message", "the email below", "este anuncio",
  "dieser Nachricht", "этого объявления", or a colon before pasted content; or points back at ("from it",
  "daraus", "из переписки", "выше", "इसमें से"). In Chinese and Japanese the cue is the verb alone and the
  marker also carries the data noun ("这条短信里的姓名", "このメールの金額", "里面的日期", "そこから日付"). "A table"
  / "una tabla" is what the answer should look like, not a source;
* ``reason``       – rule 7: explicit multi-step reasoning, proofs and derivations, weighing options to
  decide, plans, puzzles posed to solve ("Acertijo: ...", "löse dieses Rätsel", "猜一个谜语"; not "me encantan
  los acertijos"), math to solve;
* ``opinion``      – frames in which ``reason`` phrases do not count: an opinion question ("what do you think
  about the trade-off ...?", "à ton avis", "你怎么看", "आपकी राय में") asks for a view, see :mod:`.frames`;
* ``puzzle``       – rule 7: the question of a posed puzzle: who / which / whose / in what order / what does
  each ... in a question (a question mark ends its sentence), or after "determine who", "finde heraus, wer",
  "判断谁". It counts only with ``puzzle_clues`` (3) ``clue`` markers around it, at least one within
  ``puzzle_near_chars`` and in two clauses or more (:mod:`.puzzles`);
* ``clue``         – the clues of a puzzle: places and neighbours ("next to", "à gauche de", "右隣"), truth
  and lies ("always lies", "говорят правду", "说谎"), quoted statements ("says: '...'"), exclusive
  assignments ("each has a different", "weder ... noch", "只有一人"), comparisons and order ("older than",
  "plus grand que", "was not last"). Topic words ("puzzle", "logic") are not clues;
* ``word_problem`` – rule 7: the *question* of a word problem ("how many", "combien", "сколько",
  "多少"). It counts only with its quantities: at least ``word_problem_numbers`` (2) ``quantity``
  matches in the 400 characters before it, or in the rest of its sentence when a ``given`` marker
  ("if", "per", "each") sits there too;
* ``quantity``     – what counts as a quantity: digits and number words (not "one": it is mostly a
  pronoun), CJK numerals before a counter (``两个``, ``三人``), and the units of a chance experiment (dice,
  coins, cards, an urn: "I roll two dice. What's the probability ...?"). Known limit: the test cannot
  tell whether the question is *about* those quantities ("I have 2 cats and 3 dogs. How many days off
  can I take?" counts as a word problem; so do years and numbers in names, "Apollo 11 in 1969");
* ``given``        – markers that introduce the data of a problem after its question;
* ``simple``       – rule 8: summarize, classify / label / detect sentiment, translate, rewrite (also
  into a polite or formal register), proofread / correct, shorten, "reply with exactly X", and the role a
  system prompt gives ("You are a professional English-German translator", "あなたは日英翻訳者です");
* ``about`` / ``about_after`` – frames in which ``simple`` phrases do not count, before / after the cue in its
  sentence: a question *about* the task ("How should I summarize a book?", "tips for summarizing",
  "¿Cómo debería resumir...?", "本を要約するコツ", "सारांश कैसे लिखें") unless the text comes with it, quoted or
  after a colon (:mod:`.frames`).

Languages: English, Spanish, Portuguese, French, German, Russian, Chinese, Japanese and Hindi, plus
Italian, Dutch and Korean entries kept from earlier versions. Cues name the *task*, not the topic:
"proof of address", "vanilla extract", "I plan to visit", "translation studies" are not tasks. Nor is a
verb led by its subject ("we plan a trip", "why do people think things through?", "how do banks
calculate interest?", see ``_requested``), an infinitive that names the task in general ("schwer zu
übersetzen", "dificultades de traducir poesía", "how to proofread"), a puzzle or a concept as a topic
("who invented the crossword puzzle?", "what is expected value?"), or the trade ("做翻译这个职业",
"अनुवादक बनना").

Cost: phrases of spaced scripts are tried at word starts, CJK phrases at every CJK character, and the
cost of a CJK character grows with the number of distinct first characters of the CJK phrases. Start CJK
phrases with a rare character (a verb, 哪些, 翻译), not a common one (的, 有, 一, の, に); a full-width mark
in a phrase of another script must be an escape (``\\uff1f``), or the phrase becomes a CJK one.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "es", "pt", "fr", "de", "ru", "zh", "ja", "hi", "it", "nl", "ko")

_LANG_NAMES = (
    r"english|french|spanish|german|italian|portuguese|dutch|russian|chinese|mandarin|cantonese|japanese|"
    r"korean|arabic|hindi|turkish|polish|swedish|norwegian|danish|finnish|greek|hebrew|vietnamese|thai|"
    r"indonesian|malay|ukrainian|czech|romanian|hungarian|persian|farsi|urdu|bengali|tagalog|swahili|"
    r"latin|catalan|basque|croatian|serbian|bulgarian|slovak|tamil|telugu|marathi|punjabi|gujarati"
)
_ABOUT_THE_TASK = ("how to ", "learn to ", "want to ", "trying to ", "way to ", "ways to ", "tips to ")


def _not_after(phrase: str, before: tuple[str, ...]) -> str:
    """``phrase`` (a regex starting with plain letters) unless one of ``before`` precedes it.

    The lookbehinds go after the leading letters, so the phrase keeps its literal first characters
    (see :mod:`.patterns`) and only words starting with those letters pay for them."""
    n = len(phrase) - len(phrase.lstrip("abcdefghijklmnopqrstuvwxyz-"))
    head, rest = phrase[:n], phrase[n:]
    return head + "".join(f"(?<!{re.escape(p + head)})" for p in before) + rest


def _task_verb(verb: str) -> str:
    """``verb`` unless it follows "how to", "I want to"...: the request is then *about* the task ("how
    to summarize a book?"), not the task."""
    return _not_after(verb, _ABOUT_THE_TASK)


_NOT_A_TASK = ("jigsaw ", "-piece ", "me a ", "me some ", "us a ", "write a ", "make up a ", "create a ", "funny ",
               "kids' ", "children's ")


def _task_noun(noun: str) -> str:
    """``noun`` unless it is an object to buy or to be told ("a jigsaw puzzle", "tell me a riddle")."""
    return _not_after(noun, _NOT_A_TASK)


_WEIGHED = (r"(?:trade-?offs?|pros and cons|advantages and disadvantages|benefits and drawbacks|strengths and "
            r"weaknesses|costs and benefits)\b")

_SUBJECTS = (" i ", " we ", " they ", " he ", " she ", " people ", " who ")


def _requested(verb: str, infinitive: bool = False) -> str:
    """``verb`` unless a subject leads it: a pronoun, "people" or a plural noun ("we plan a trip", "banks
    calculate interest", "players decide between two moves") reports what someone does. A request's verb
    stands first in its clause ("Plan a trip") or after a request frame ("can you", "let's", "please").
    With ``infinitive``, not after "to" either ("is it a good idea to plan a wedding?" names the task)."""
    n = len(verb) - len(verb.lstrip("abcdefghijklmnopqrstuvwxyz"))
    head, rest = verb[:n], verb[n:]
    subjects = _SUBJECTS + ((" to ",) if infinitive else ())
    return head + f"(?<![a-z]s {head})" + "".join(f"(?<!{re.escape(p + head)})" for p in subjects) + rest

def _posed(nouns: str, lead: str, tail: str) -> str:
    """A puzzle posed to solve, not one talked about ("me encantan los acertijos"): the noun before a colon
    ("Acertijo: ..."), after a verb or a pointer ("resuelve este acertijo", "hier ist ein Rätsel"), or
    offered to the reader ("un acertijo para ti")."""
    return (r"(?:" + nouns + r") ?:|(?:" + lead + r") (?:[\w-]+ ){0,2}?(?:" + nouns + r")\b|(?:" + nouns + r") "
            r"(?:" + tail + r")\b")


# A text given to be turned into JSON: "convert this CSV to JSON", "parse the address below into JSON" (an
# instruction that only says what the answer should look like, "answer in JSON", is not extraction language)
_GIVEN_OBJ = (r"(?:this|these|that|those|it|them|the following|the (?:[\w-]+ )?(?:text|data|list|table|csv|"
              r"rows?|lines?|records?|log|entries|address|message|email|output|string|input|file contents)|"
              r"my (?:[\w-]+ )?(?:data|list|notes|table|csv))")

# --------------------------------------------------------------------------------------------------
# Rule 6: extraction language. The rule table makes rule 6 "a ``response_format`` JSON schema / json_object,
# or extraction language": an instruction about the *form* of the answer ("always answer in JSON", "respond
# with valid JSON matching {...}", "as a JSON list") is neither, so it is not a cue on its own (README rule
# notes); turning a given text into JSON or fields ("convert this CSV to JSON", "fields name, age for this
# person: ...") is extraction, and so are the extraction verbs.
# --------------------------------------------------------------------------------------------------
JSON: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:convert|turn|transform|change|export|serialize|structure|parse|format|map|put) " + _GIVEN_OBJ +
        r"\b[^.?!\n]{0,40}?\b(?:to|into|as|in) (?:a |an |the |valid )?json\b",
        # fields asked for a given thing: "a JSON object with fields name, age and city for this person: ..."
        r"(?:fields|keys|properties|attributes|columns)\b[^.?!\n]{0,60}?\b(?:for|from|of|about)\b(?: (?:this|these|"
        r"the following|each|every)\b| ?:)",
        # "extract" takes data as its object, or a text as its source ("extract the juice" is cooking)
        r"extract(?:ing)? (?:out )?(?:all |the |every |each |any |only |a list of |these |those |key |relevant |"
        r"important |structured |named )*(?:[\w'-]+ ){0,2}?(?:information|data|metadata|entit(?:y|ies)|names?|"
        r"dates?|e-?mails?|phones?|address(?:es)?|fields?|values|keywords?|amounts?|prices?|costs?|skills?|"
        r"numbers?|totals?|details?|items?|points|figures?|facts?|mentions?|people|persons?|compan(?:y|ies)|"
        r"places?|locations?|cit(?:y|ies)|countr(?:y|ies)|quotes?|references?|ids?|urls?|links?|titles?|"
        r"salar(?:y|ies)|products?|times|ingredients?|key-value pairs?)\b|"
        r"extract(?:ing)?\b[^.?!\n]{0,80}?\b(?:from|out of) (?:this|these|it|them|below|the following|"
        r"(?:the|my|this|that|these|each) (?:text|emails?|messages?|documents?|article|paragraph|page|pdf|files?|"
        r"invoices?|receipts?|transcript|logs?|log line|table|list|report|passage|conversation|thread|reviews?|"
        r"résumé|resume|cv|form|contract|below|above|data|snippet|excerpt|post|tweets?|notes|recipe|job ad|"
        r"ad|posting))\b|extract the following\b",
        # things named in a given text: "identify all the people named in this article"
        r"(?:pull|grab|get|find|list|identify|capture|pick|collect|name) (?:out )?(?:all |the |every |each |any )+"
        r"(?:[\w-]+(?:,| and| or)? ){0,4}?(?:named|mentioned|listed|appearing|that appear|referenced|used|"
        r"required|needed|called for) (?:in|from|on|by) (?:this|the|these|that|my)\b",
        r"(?:what|which) (?:are )?(?:the |all the )?(?:[\w-]+ ){0,2}?(?:names|dates|amounts|prices|emails|"
        r"addresses|numbers|people|companies|places|entities|ingredients|skills) (?:are )?(?:mentioned|listed|"
        r"named|appearing|that appear|appear|used|required|needed) in (?:this|the|these)\b",
        r"(?:data|information|entity|field|keyword|relation) extraction|"
        r"parse (?:this|the following|these|the) (?:\w+ ){0,2}?(?:into|as)\b|"
        r"(?:identify|list|find|tag|label|extract|mark) (?:the |all )?(?:the )?named entit|"
        r"fill (?:in )?(?:the|this) (?:template|form|schema)\b",
    ),
    "es": (
        r"extra(?:e|er|iga|igan|ígame|eme|ed)\b|extracción de (?:datos|información|entidades)",
        r"(?:convi[eé]rte(?:me|lo|la)?|pasa(?:me|lo|la)?|transforma(?:lo|la)?|estructura(?:lo|la)?) [^.?!\n]{0,40}?"
        r"\b(?:a|en) (?:formato )?json\b",
        r"(?:saca|identifica|enumera|lista|busca|encuentra) (?:todos |todas )?(?:los|las) (?:[\wáéíóúñ]+ ){0,2}?"
        r"(?:nombres|fechas|correos|teléfonos|números de teléfono|importes|montos|precios|lugares|personas|"
        r"empresas|entidades|direcciones|cantidades)\b",
    ),
    "pt": (
        r"extra(?:ia|iam|ir|ia-me|ção de dados)\b",
        r"(?:convert[ae]|pass[ae]|transform[ae]|estrutur[ae]) [^.?!\n]{0,40}?\b(?:para|em|pra) (?:o )?(?:formato )?"
        r"json\b",
        r"(?:liste|identifique|encontre|separe) (?:todos |todas )?(?:os|as) (?:[\wáéíóúãõç]+ ){0,2}?(?:nomes|datas|"
        r"e-mails|emails|telefones|valores|preços|empresas|pessoas|locais|endereços|quantias)\b",
    ),
    "fr": (
        r"extra(?:is|ire|yez|it)\b|extraction (?:de|des) (?:données|informations|entités)",
        r"(?:convertis|convertissez|transforme[sz]?|passe[sz]?|structure[sz]?) [^.?!\n]{0,40}?\ben (?:format )?json\b",
        r"(?:relève|repère|liste|identifie|identifiez|listez|trouve) (?:tous |toutes )?(?:les) (?:[\wéèêàç]+ ){0,2}?"
        r"(?:noms|dates|e-mails|emails|adresses|numéros|montants|prix|entreprises|personnes|lieux)\b",
    ),
    "de": (
        r"extrahier(?:e|en|t)\b|heraus(?:ziehen|filtern|schreiben)|zieh(?:e)? [^.!?\n]{0,40}?heraus",
        r"(?:wandle|konvertiere|überführe|bring|bringe) [^.?!\n]{0,40}?\b(?:in|ins|zu|nach) (?:das )?json",
        r"(?:liste|nenne|finde|identifiziere) (?:mir )?alle (?:[\wäöüß-]+ ){0,2}?(?:namen|daten|datumsangaben|"
        r"e-mail-adressen|adressen|preise|beträge|firmen|unternehmen|personen|orte|telefonnummern|zutaten|"
        r"fähigkeiten|kenntnisse)\b[^.!?\n]{0,40}?(?:aus|im|in dem|in diesem|in der|in dieser|genannt|erwähnt|"
        r"vorkommen)",
    ),
    "ru": (
        # not the idioms извлечь пользу / урок / корень (benefit, lesson, square root)
        r"извле(?:ки|ките|чь|кать)\b(?! (?:пользу|урок|уроки|выгоду|корень|корни)\b)",
        r"(?:преобразуй|конвертируй|переведи|перегони)(?:те)? [^.?!\n]{0,40}?\bв (?:формат )?json\b",
        r"(?:выпиши|выдели|найди|перечисли) (?:все )?(?:имена|даты|адреса|суммы|цены|номера|названия|"
        r"email|e-mail|телефоны|города|компании|ингредиенты|навыки)\b[^.!?\n]{0,40}?(?:из|в) (?:текст|этого|этом|"
        r"сообщени|письм|рецепт|резюме)",
        r"выпиши из",
    ),
    "zh": (
        # 提取 is also "withdraw" (提取公积金): extraction has a text as its source or data as its object
        r"从[^。？]{0,30}?提取|提取(?:出|所有|全部|以下|下面|其中|文中|关键|信息|数据|人名|地名|日期|时间|金额|名字|姓名|"
        r"电话|邮箱|地址|实体|要点|字段|产品|商品|价格|公司|食材|技能)|抽取|(?:转换|转|转化|整理)(?:成|为)json|"
        r"找出(?:文中|其中|下面|以下|这段)|"
        r"列出(?:文中|其中|文本中|这段)",
    ),
    "ja": (
        r"を抽出|抽出して|抽出し|抽出せよ|jsonに(?:変換|して|直して|整形)|取り出して|抜き出して|書き出して",
    ),
    "hi": (
        # निकालना is also "take out" (समय निकालें = make time): a text as the source, or data as the object
        r"(?:पाठ|टेक्स्ट|संदेश|मैसेज|ईमेल|लेख|दस्तावेज़|दस्तावेज|बिल|पैराग्राफ|वाक्य|सूची|रसीद|चालान|पत्र|रेसिपी|"
        r"बायोडाटा|रिज़्यूमे) से (?:[^ ]+ ){0,8}?निकाल(?:ें|ो|िए|िये|कर|ना)|"
        r"(?:नाम|तारीख|तिथि|संख्या|नंबर|ईमेल|पते|राशि|कीमत|जानकारी|डेटा|विवरण|शब्द)[^ ]* (?:[^ ]+ ){0,4}?"
        r"निकाल(?:ें|ो|िए|िये|कर)|निकालें\b[^।.!?\n]{0,30}?(?:json|सूची)|"
        r"json (?:में|फ़ॉर्मेट में|फॉर्मेट में) (?:बदल|कन्वर्ट)|extract (?:करो|करें|कीजिए|कर दो)",
    ),
    "it": (
        r"estrai\b|estrarre",
    ),
    "ko": (
        r"추출",
    ),
}

# --------------------------------------------------------------------------------------------------
# Rule 6: extraction asked in other words ("pull out / list / which ... appear"), see :mod:`.extraction`.
# ``extraction`` cues pair a request verb (or an occurrence question) with data nouns; they count only
# with a ``source`` marker: the text the data comes from ("this message", "este anuncio", "这条短信").
# --------------------------------------------------------------------------------------------------
_GAP = r"\b[^.?!:;]{0,60}?\b"  # the rest of the clause between a request verb and its data nouns


def _ask(verbs: str, data: str, gap: str = _GAP) -> str:
    """A request verb, then (in its clause) a data noun: "give me the price", "sácame el nombre"."""
    return "(?:" + verbs + ")" + gap + "(?:" + data + ")"


def _asked(data: str, verbs: str, gap: str) -> str:
    """A data noun, then (in its clause) the verb that asks for it: "姓名和电话列出来", "名前を拾って"."""
    return "(?:" + data + ")" + gap + "(?:" + verbs + ")"


_DATA = {
    "en": r"(?:first |last |full |company |product |file |user ?)?names?|surnames|dates?|times|deadlines?|"
          r"(?:phone|mobile|cell|telephone|contact|order|invoice|reference|account|tracking|flight) numbers?|"
          r"phones?|numbers|e-?mails?(?: address(?:es)?)?|(?:street |postal |mailing |pickup |delivery )?"
          r"address(?:es)?|prices?|amounts?|totals?|costs?|fees|sums|figures|values|quantities|products|items|"
          r"companies|organi[sz]ations|people|persons|places|locations?|cities|countries|(?:job )?titles?|roles|"
          r"skills|ids|urls|links|contact (?:details|info|information)|contacts|mileage|salar(?:y|ies)|ages|"
          r"percentages|measurements|specs|attendees|participants|deliverables|ingredients|skills?|tools|"
          r"requirements|qualifications|symptoms|medications|allergens|keywords|action items|authors|brands|"
          r"experience|education|languages|certifications|entities|named entities",
    "es": r"nombres?|apellidos|fechas?|horas|horarios?|días|teléfonos?|números(?: de teléfono)?|número de teléfono|"
          r"móviles|correos?(?: electrónicos?)?|e-?mails?|direcci(?:ón|ones)|importes?|montos?|precios?|cantidades|"
          r"cantidad|totales|total|cifras|valores|productos?|artículos|empresas|compañías|personas|lugares|sitios|"
          r"ciudades|países|cargos|puestos|salarios?|sueldos?|referencias|contactos|datos de contacto|plazos|edades|"
          r"ingredientes|habilidades|herramientas|requisitos|síntomas|medicamentos|idiomas|experiencia|formación",
    "pt": r"nomes?|sobrenomes|datas?|horários?|horas|dias|telefones?|números?(?: de telefone)?|celulares|e-?mails?|"
          r"endereços?|valores?|preços?|quantias?|quantidades?|totais|total|produtos?|itens|empresas|pessoas|"
          r"locais|lugares|cidades|bairros?|países|cargos|salários?|referências|contatos|prazos|idades|"
          r"ingredientes|habilidades|ferramentas|requisitos|sintomas|medicamentos|idiomas|experiência|formação",
    "fr": r"noms?|prénoms?|dates?|heures?|horaires?|jours|numéros?(?: de téléphone)?|téléphones?|"
          r"adresses?(?: e-?mail| mail)?|e-?mails?|courriels?|mails|montants?|prix|sommes?|totaux|total|tarifs?|"
          r"chiffres|valeurs|quantités?|produits?|articles|entreprises|sociétés|personnes|lieux|villes|pays|"
          r"postes?|salaires?|références|coordonnées|contacts|délais|échéances|âges|ingrédients|compétences|"
          r"outils|exigences|symptômes|médicaments|langues|expériences?|formations?",
    # German compounds: Telefonnummern, E-Mail-Adressen, Kilometerstand, Abfahrtszeiten
    "de": r"[a-zäöüß-]*(?:nummer|nummern|adresse|adressen|datum|daten|preis|preise|betrag|beträge|summe|summen|"
          r"zeit|zeiten|termin|termine|namen|stand)|name|orte?|städte|länder|firmen|firma|unternehmen|personen|"
          r"produkte?|artikel|mengen?|baujahr|kontaktdaten|fristen?|werte|angaben|gehalt|gehälter|kosten|zutaten|"
          r"fähigkeiten|kenntnisse|werkzeuge|anforderungen|symptome|medikamente|sprachen|berufserfahrung|"
          r"ausbildung",
    "ru": r"(?:имена|имя|фамили|дат[аыу]?\b|время|срок|телефон|номер|адрес|email|e-mail|почт|сумм|цен[аыу]?\b|"
          r"стоимост|количеств|товар|названи|компани|организаци|город|мест[ао]?\b|стран|должност|зарплат|"
          r"контакт|участник|ингредиент|навык|опыт|образовани|стаж|требовани|инструмент|симптом|лекарств|"
          r"язык)[а-яё]*",
    "zh": r"姓名|名字|人名|电话|手机号|号码|地址|日期|时间|金额|价格|价钱|费用|数字|数量|产品|商品|公司|地点|地名|城市|邮箱|"
          r"职位|薪资|工资|薪水|联系方式|编号|订单号|食材|材料|配料|技能|工具|要求|症状|药物|工作经历|工作经验|学历",
    "ja": r"名前|氏名|人名|日付|日時|時間|時刻|金額|価格|値段|料金|電話番号|番号|住所|場所|メールアドレス|アドレス|会社名|社名|"
          r"職種|給与|給料|勤務地|数字|数量|個数|商品名|品名|地名|連絡先|材料|食材|スキル|資格|経歴|職歴|学歴|症状|薬",
    "hi": r"(?:नाम|तारीख|तारीखें|तारीखों|तिथि|तिथियाँ|तिथियां|समय|रकम|राशि|कीमत|कीमतें|कीमतों|दाम|पता|पते|फ़ोन नंबर|"
          r"फोन नंबर|मोबाइल नंबर|नंबर|ईमेल (?:पता|पते|आईडी)|कंपनी|कंपनियों|कंपनियाँ|शहर|शहरों|जगह|जगहें|जगहों|उत्पाद|संख्या|संख्याएँ|"
          r"संपर्क|सामग्री|सामग्रियों|कौशल|स्किल्स|अनुभव|योग्यता|लक्षण|दवाइयाँ|दवाइयां|दवाओं)\b",
}

EXTRACTION: dict[str, tuple[str, ...]] = {
    "en": (
        # data items: "find all the dates", "get every email address and phone number" (in a text)
        r"(?:pull|grab|get|find|list|identify|capture|pick|collect) (?:out )?(?:all |the |every |each |any )"
        r"(?:(?!(?:by|of|for|in|with|from|to) )[\w-]+(?:,| and| or)? ){0,4}?(?:dates?|times?|names?|emails?|"
        r"e-mail addresses|phone numbers?|addresses|amounts?|prices?|entities|locations?|urls?|links|ids?|skills|"
        r"totals?|numbers)\b(?! (?:of|for|that|to)\b)|pull out (?:all|the|every|each|any)\b",
        _ask(r"(?:pull|pick|fish|dig|copy|single|write|jot|note|read|list) out|pull|get(?: me)?|grab|give me|"
             r"tell me|list|find(?: me)?|identify|(?:note|write|jot) down|collect|gather|capture|show me|spot|"
             r"highlight|isolate|separate|compile|make (?:me )?a list of|put together|read off|what (?:are|were)",
             _DATA["en"]) + r"\b",
        r"(?:which|what) (?:[\w-]+ )?(?:" + _DATA["en"] + r")(?: [\w'-]+){0,3}? (?:appears?|occurs?|show up|"
        r"come up|are (?:mentioned|listed|named|given|included|quoted|in|there)|is (?:mentioned|listed|given|in)|"
        r"do you see|can you (?:see|find)|does (?:it|the \w+) (?:mention|contain|list|give))\b",
    ),
    "es": (
        _ask(r"s[aá]ca(?:me|nos)?|pesca(?:me)?|rescata(?:me)?|agarra(?:me)?|p[ií]lla(?:me)?|d[ií]me|d[aá]me|l[ií]sta(?:me)?|enum[eé]ra(?:me)?|haz(?:me)? (?:una lista|un listado)|"
             r"ap[uú]nta(?:me)?|an[oó]ta(?:me)?|identif[ií]ca(?:me)?|encu[eé]ntra(?:me)?|b[uú]sca(?:me)?|"
             r"local[ií]za(?:me)?|señ[aá]la(?:me)?|rec[oó]ge(?:me)?|c[oó]pia(?:me)?|sep[aá]ra(?:me)?|pon(?:me)?|"
             r"escr[ií]beme|ind[ií]ca(?:me)?|extr[aá]eme|cu[aá]les son", _DATA["es"]) + r"\b",
        r"(?:qu[eé]|cu[aá]les) (?:son )?(?:los |las )?(?:" + _DATA["es"] + r")(?: [\wáéíóúñ]+){0,3}? "
        r"(?:aparecen?|salen?|hay|se mencionan?|figuran?|vienen?|se citan?|contiene|incluye|tiene)\b",
    ),
    "pt": (
        _ask(r"tir[ae](?:-me)?|pux[ea]|peg(?:ue|a)|cat[ae]|pesqu?e|pesca|garimp[ae]|separ[ae](?:-me)?|list[ae](?:-me)?|listar|me (?:diz|diga|passa|"
             r"passe|d[êá]|traga|mostra|mostre)|diga(?:-me)?|informe(?:-me)?|identifique|identifica|encontre|ache|"
             r"anot[ea]|extraia|fa[çz]a (?:uma lista|um levantamento)|monte uma lista|mostr[ea]|aponte|destaque|"
             r"copie|quais s[ãa]o", _DATA["pt"]) + r"\b",
        r"(?:quais|qual) (?:são )?(?:os |as )?(?:" + _DATA["pt"] + r")(?: [\wáéíóúãõç]+){0,3}? "
        r"(?:aparecem|aparece|est[ãa]o|está|constam?|s[ãa]o mencionad|é mencionad|há|tem|têm|saem|vêm|figuram)",
    ),
    "fr": (
        _ask(r"sors(?:-moi)?|sortez(?:-moi)?|chope(?:-moi)?|pêche(?:-moi)?|attrape(?:-moi)?|relève(?:-moi)?|relevez|repère|repérez|liste(?:-moi)?|listez|lister|"
             r"donne(?:-moi)?|donnez(?:-moi)?|dis(?:-moi)?|dites(?:-moi)?|indique(?:-moi)?|indiquez|trouve(?:-moi)?|"
             r"trouvez|identifie|identifiez|récupère|récupérez|note-moi|note-nous|notez|isole|isolez|extrais|extrayez|"
             r"fais(?:-moi)? la liste|dresse(?:-moi)? la liste|recense|énumère|énumérez|quels sont|quelles sont",
             _DATA["fr"]) + r"\b",
        r"(?:quels|quelles|quel|quelle) (?:sont )?(?:les )?(?:" + _DATA["fr"] + r")(?: [\wéèêàç'-]+){0,3}? "
        r"(?:figurent|figure|apparaissent|apparaît|sont (?:mentionnée?s|citée?s|indiquée?s|donnée?s|dans)|"
        r"y a-t-il|contient)\b",
    ),
    "de": (
        _ask(r"lies|lese|les|zieh|ziehe|fisch|fische|schnapp dir|schreib|schreibe|hol|hole|such|suche|filter|filtere|nenn|nenne|liste|gib|"
             r"gebe|sag|sage|zeig|zeige|finde|notiere|sammle|markiere|pick", _DATA["de"]) + r"\b",
        r"(?:welche[nrsm]?|was für) (?:[a-zäöüß-]+ )?(?:" + _DATA["de"] + r")(?: [a-zäöüß-]+){0,4}? "
        r"(?:stehen|steht|kommen|kommt|vorkommen|vorkommt|werden genannt|wird genannt|sind genannt|genannt|"
        r"erwähnt|tauchen|taucht|gibt es|enthält|enthalten|finden sich|findet sich)\b",
    ),
    "ru": (
        _ask(r"вытащи|выдерни|выуди|выцепи|над[её]ргай|оформи|сведи|занеси|выпиши|выдели|найди|перечисли|составь (?:мне )?список|достань|собери|укажи|назови|выбери|"
             r"скопируй|покажи|дай|напиши|извлеки|вынеси|отметь", _DATA["ru"]),
        r"(?:какие|какой|какая|какую|каких) (?:[а-яё]+ )?" + _DATA["ru"] + r"(?: [а-яё]+){0,3}? "
        r"(?:упоминаются|упоминается|есть|указаны|указан|указана|встречаются|содержатся|фигурируют|приведены|"
        r"названы|перечислены)\b",
    ),
    # CJK: the request verb (or 哪些 "which") is the cue; its ``source`` marker names the text *and* the data
    # ("这条短信里的姓名", "このメールに出てくる金額"): CJK phrases are matched at every character, so a cue should
    # start with a rare one
    "zh": (
        r"列出|列一下|整理出|整理一下|找出|摘出|挑出|标出|提炼出|罗列|汇总|抄出|告诉我|哪些|扒出|捞出|抠出|抽出",
    ),
    "ja": (
        r"拾って|拾い出|拾い上げ|引っ張り出|ピックアップ|一覧に|一覧で|リストアップ|リストに|リスト化|書き出|抜き出|取り出|挙げて|教えて|まとめて|列挙|"
        r"整理して|箇条書き|含まれ|書かれ|書いてある|記載され|登場する",
    ),
    "hi": (
        _asked(_DATA["hi"], r"अलग (?:करके|कर|करो|करें)|छाँट ?कर|छांट ?कर|निकाल(?:कर|ो|ें|िए)|निकाल कर|(?:सूची|लिस्ट) (?:बनाओ|बनाएं|बनाएँ|"
                            r"बनाइए|बना दो|बना दें)|बताओ|बताएं|बताएँ|बताइए|बता दो|लिखो|लिखें|लिखिए|लिख दो|गिनाओ|"
                            r"गिनाएं|छाँटो|छांटो|छाँटें|छांटें", r"[^।?!]{0,40}?"),
        r"कौन(?:-कौन| कौन)?(?: ?-?सी| ?-?से| ?-?सा)? " + _DATA["hi"],
    ),
}

# Rule 6 without a source marker: a strong extraction verb ("pull out", "вытащи", "sácame", "抜き出して") with data
# nouns *and* a table to put them in is extraction language on its own ("Pull out the dates and amounts and put
# them in a table", "Вытащи даты и суммы и оформи таблицей"): the text is usually an earlier turn. A weaker verb
# ("grab me the prices of the best phones in a table") still needs its source.
_TABLE_GAP = r"\b[^.?!\n]{0,80}?\b"
_ZH_TABLE = r"[^。？！]{0,12}?(?:做成|整理成|列成|制成|放进|放到|填进|填到|弄成|汇总成|生成)(?:一个|一张)?表"
TABLED: dict[str, tuple[str, ...]] = {
    "en": (_ask(r"(?:pull|fish|dig|pick) out|extract|tabulate", _DATA["en"]) + _TABLE_GAP
           + r"(?:in|into|as|to) (?:a |the |one )?(?:[\w-]+ )?(?:table|spreadsheet|csv)\b",),
    "es": (_ask(r"s[aá]ca(?:me|nos)?|extr[aá]e(?:me)?|pesca(?:me)?|rescata(?:me)?", _DATA["es"]) + _TABLE_GAP
           + r"(?:en|a|como) (?:una |la )?tabla\b",),
    "pt": (_ask(r"tir[ae](?:-me)?|pux[ea]|extraia|extrai|pesqu?e|pesca|cat[ae]", _DATA["pt"]) + _TABLE_GAP
           + r"(?:em|numa|na|para uma|pra uma|como) (?:uma )?tabela\b",),
    "fr": (_ask(r"sors(?:-moi)?|sortez(?:-moi)?|récupère(?:-moi)?|récupérez|extrais|extrayez|pêche|chope|"
                r"relève(?:-moi)?", _DATA["fr"]) + _TABLE_GAP + r"(?:dans|en) (?:un |le )?tableau\b",),
    "de": (_ask(r"zieh|ziehe|hol|hole|fisch|fische|pick|extrahiere?", _DATA["de"]) + _TABLE_GAP
           + r"(?:in|als) (?:eine |einer |die |der )?tabelle\b",),
    "ru": (_ask(r"вытащи|выдерни|выуди|выцепи|достань|извлеки|выпиши|выдели|собери|перенеси", _DATA["ru"])
           + r"[^.?!\n]{0,80}?таблиц",),
    # CJK: anchored on a verb or on 把 (characters that start other phrases already: see the cost note above)
    "zh": (r"(?:挑|找|摘|抠|扒|捞|抽)出来?[^。？！]{0,12}?(?:" + _DATA["zh"] + r")" + _ZH_TABLE,
           r"把[^。？！]{0,12}?(?:" + _DATA["zh"] + r")[^。？！]{0,12}?(?:挑|找|摘|抠|扒|捞|抽)出来?" + _ZH_TABLE),
    "ja": (r"(?:抜き出|取り出|拾っ|拾い出|ピックアップ|抽出|書き出)[^。？！]{0,20}?表(?:に|で|形式)",),
    "hi": (_asked(_DATA["hi"], r"निकाल(?:कर|के|ें|ो|िए)|अलग करके", r"[^।?!]{0,40}?") + r"[^।?!]{0,30}?(?:तालिका|टेबल)",),
}

_TEXTS = {
    "en": r"texts?|messages?|e-?mails?|mail|notes?|ads?|advert(?:isement)?|listings?|posts?|letter|documents?|docs?|"
          r"paragraphs?|passage|excerpt|snippet|invoices?|receipts?|tickets?|forms?|page|articles?|transcript|"
          r"conversation|chat|thread|sms|contract|cv|r[eé]sum[eé]|bio|reviews?|description|report|table|list|"
          r"statement|bill|order|confirmation|announcement|flyer|notice|memo|minutes|log|job posting|posting|"
          r"newsletter|records?|quote|tweets?|comments?|voicemail|agenda|itinerary|schedule|timetable|menu|"
          r"catalog(?:ue)?|brochure|leaflet|sentences?|recipe|job ad|ad copy|profile|biography|story|email thread",
    "es": r"texto|mensajes?|correo|e-?mail|mail|anuncio|nota|carta|documento|párrafo|factura|recibo|ticket|tique|"
          r"formulario|artículo|conversación|chat|contrato|currículum|currículo|cv|reseña|descripción|informe|tabla|"
          r"lista|extracto|pedido|aviso|oferta|whatsapp|sms|publicación|post|albarán|acta|comunicado|folleto|menú|"
          r"horario|receta|oferta de empleo|perfil|biografía",
    "pt": r"texto|mensagem|e-?mail|mail|anúncio|anuncio|nota|carta|documento|parágrafo|fatura|recibo|cupom|formulário|"
          r"artigo|conversa|contrato|currículo|pedido|comprovante|extrato|lista|tabela|descrição|post|vaga|boleto|"
          r"conta|ata|comunicado|folheto|cardápio|whatsapp|sms|receita|perfil|biografia",
    "fr": r"texte|message|mail|e-mail|courriel|annonce|note|lettre|document|paragraphe|passage|facture|reçu|ticket|"
          r"formulaire|article|conversation|contrat|cv|avis|description|rapport|tableau|liste|relevé|commande|"
          r"extrait|sms|offre|publication|compte rendu|procès-verbal|menu|horaire|brochure|recette|profil|biographie",
}

_OUTPUTS = ("table", "list", "tabla", "lista", "tabela", "tableau", "liste")


def _texts_in(lang: str) -> str:
    """The text nouns of ``lang`` that an indefinite article can point at: "a message" is a text to read, "a
    table" / "una lista" is what the answer should look like ("put them in a table")."""
    return "|".join(t for t in _TEXTS[lang].split("|") if t not in _OUTPUTS)


SOURCE: dict[str, tuple[str, ...]] = {
    # a colon that introduces pasted content (not one between digits, as in 10:30)
    "any": (r":(?<!\d:)(?!\d)(?= ?[^ ].{30})",),
    "en": (
        r"\b(?:this|these|that|those|the following|following|the attached|attached|the above|the below|"
        r"the pasted|my|his|her|their|our|your|the) (?:[\w'-]+ ){0,2}?(?:" + _TEXTS["en"] + r")\b|"
        r"\ban? (?:[\w'-]+ ){0,2}?(?:" + _texts_in("en") + r")\b|\bthe user'?s? (?:input|query|request)\b",
        # the text of an earlier turn, pointed back at: "from it", "the one above", "what I sent you"
        r"\b(?:from|in|out of) (?:it|them|there|that one|this one|here)\b|\b(?:from|in|out of) (?:this|these|that)"
        r"(?= ?[?.!,;:]| *$)|\b(?:above|below)\b(?! (?:zero|average|"
        r"freezing|the|\d))|\b(?:what|everything|the stuff|the things|the data) i (?:just )?(?:sent|pasted|gave you|"
        r"shared|posted)\b",
    ),
    "es": (
        r"\b(?:este|esta|estos|estas|ese|esa|esos|esas|aquel|aquella|del|de la|el|la|los|las|mi|tu|su|"
        r"siguiente) (?:[\wáéíóúñ'-]+ ){0,2}?(?:" + _TEXTS["es"] + r")\b|"
        r"\b(?:un|una) (?:[\wáéíóúñ'-]+ ){0,2}?(?:" + _texts_in("es") + r")\b",
        r"\b(?:ah[ií]|all[ií]|en (?:él|ella|ellos|ellas|eso|esto))(?= ?[?.!,;:]| *$)|"
        r"\b(?:de ah[ií]|de all[ií]|de eso|de esto|de ellos|de ellas|arriba|abajo|lo que te (?:pasé|mandé|pegué|"
        r"envié))\b",
    ),
    "pt": (
        r"\b(?:este|esta|estes|estas|esse|essa|desse|dessa|deste|desta|neste|nesta|nesse|nessa|do|da|no|na|o|a|"
        r"meu|minha|seguinte) (?:[\wáéíóúãõç'-]+ ){0,2}?(?:" + _TEXTS["pt"] + r")\b|"
        r"\b(?:um|uma|numa|num) (?:[\wáéíóúãõç'-]+ ){0,2}?(?:" + _texts_in("pt") + r")\b",
        r"\b(?:aí|ali|nele|nela|neles|nelas|nisso|nisto)(?= ?[?.!,;:]| *$)|"
        r"\b(?:daí|dali|disso|disto|deles|delas|dele|dela|acima|abaixo|o que (?:te )?(?:mandei|passei|colei|"
        r"enviei))\b",
    ),
    "fr": (
        r"\b(?:ce|cet|cette|ces|du|de la|le|la|les|mon|ma|mes|ton|ta|son|sa) (?:[\wéèêàç'-]+ ){0,2}?"
        r"(?:" + _TEXTS["fr"] + r")\b|\b(?:un|une) (?:[\wéèêàç'-]+ ){0,2}?(?:" + _texts_in("fr") + r")\b|"
        r"\bl'(?:" + _TEXTS["fr"] + r")\b|\bci-(?:dessous|dessus)\b|\b(?:là-dedans|plus haut|ce que je t'ai "
        r"(?:envoyé|collé|donné))\b",
    ),
    "de": (
        r"\b(?:dies|diese|dieser|diesem|diesen|dieses|der|dem|den|die|das|folgende[nrms]?|obige[nrms]?|"
        r"meine[rmns]?|eine[rmns]?|ein) (?:[a-zäöüß-]+ ){0,2}?[a-zäöüß-]*(?:text|nachricht|mail|anzeige|inserat|"
        r"notiz|brief|dokument|absatz|rechnung|quittung|beleg|bon|formular|artikel|unterhaltung|chat|vertrag|"
        r"lebenslauf|bewertung|beschreibung|bericht|tabelle|liste|auszug|bestellung|sms|post|angebot|protokoll|"
        r"speisekarte|fahrplan|rezept|stellenanzeige|profil)\b",
        r"\b(?:daraus|darin|oben|unten|davon|was ich (?:dir )?(?:geschickt|geschrieben|eingefügt) habe)\b",
    ),
    "ru": (
        r"\b(?:это(?:го|м|й|т|му)?|эту|эти(?:х|ми)?|следующ[а-яё]+|приведённ[а-яё]+|приведенн[а-яё]+|данн(?:ого|ом|ой|ую)|"
        r"моего|моём|моем|моей|мою) (?:[а-яё-]+ ){0,2}?(?:текст|сообщени|письм|объявлени|заметк|записк|документ|"
        r"абзац|сч[её]т|чек|квитанци|анкет|стать|переписк|договор|резюме|отзыв|описани|отч[её]т|таблиц|спис|"
        r"выписк|заказ|смс|пост|ваканси|чат|рецепт|анкет)",
        # "из переписки", "из неё", "оттуда", "выше": the text is in an earlier turn or above
        r"\b(?:из не[её]|из них|из него|оттуда|отсюда|выше|ниже|из того,? что я)\b|\b(?:из|с) (?:[а-яё-]+ )?"
        r"(?:текст|сообщени|письм|объявлени|заметк|документ|сч[её]т|чек|квитанци|стать|переписк|договор|резюме|"
        r"отзыв|отч[её]т|таблиц|спис|выписк|заказ|смс|чат|рецепт|ваканси|анкет)",
    ),
    "zh": (
        r"(?:这|那|下面|以下|上面|下列|该|此)(?:条|封|段|份|篇|张|则|个|些)?[^。？！?! ]{0,6}?(?:短信|消息|信息|邮件|文本|文字|"
        r"广告|启事|通知|话|文章|合同|简历|发票|收据|小票|订单|表格|评论|描述|报告|记录|内容|帖子|信|食谱|菜谱|配方|招聘)[^。？！?!]{0,20}?"
        r"(?:" + _DATA["zh"] + ")",
        # pointed back at: "里面的日期", "其中的金额", "上面的电话"
        r"(?:里面|其中|上面|以上|上述|刚才)(?:的|里的|中的)?[^。？！?!]{0,10}?(?:" + _DATA["zh"] + ")",
    ),
    "ja": (
        r"(?:この|その|次の|以下の|下記の|上記の|下の|上の)[^。？！?! ]{0,8}?(?:メッセージ|メール|文章|文|テキスト|広告|求人|"
        r"記事|手紙|書類|請求書|領収書|レシート|注文|契約書|履歴書|レビュー|説明|報告|表|リスト|チャット|会話|投稿|お知らせ|レシピ|"
        r"案内|sms)[^。？！?!]{0,20}?(?:" + _DATA["ja"] + ")",
        # pointed back at: "そこから日付を", "上記の金額"
        r"(?:そこ|その中|上記|以上|さっき)(?:から|の中から|の)[^。？！?!]{0,20}?(?:" + _DATA["ja"] + ")",
    ),
    "hi": (
        r"(?:इस|इन|उस|नीचे दिए गए|नीचे दिए|नीचे दी गई|निम्नलिखित|निम्न|दिए गए|मेरे|मेरी) (?:[^ ]+ ){0,2}?(?:संदेश|मैसेज|"
        r"ईमेल|मेल|टेक्स्ट|पाठ|विज्ञापन|लेख|पत्र|चिट्ठी|दस्तावेज़|दस्तावेज|बिल|रसीद|चालान|फ़ॉर्म|फॉर्म|अनुबंध|रिज़्यूमे|"
        r"बायोडाटा|समीक्षा|विवरण|रिपोर्ट|तालिका|सूची|बातचीत|पोस्ट|पैराग्राफ़|पैराग्राफ|एसएमएस|नोटिस|रेसिपी|विधि|नुस्खे|"
        r"नुस्खा|सीवी)",
        r"(?:इसमें|इसमे|इनमें|उसमें|इससे|इनसे|उससे) से|(?:इसमें|इनमें|उसमें)\b|ऊपर (?:दिए|लिखे|वाले)",
    ),
}

# --------------------------------------------------------------------------------------------------
# Rule 7: multi-step reasoning
# --------------------------------------------------------------------------------------------------
REASON: dict[str, tuple[str, ...]] = {
    "en": (
        # explicit multi-step reasoning
        # verbs count as requests, not when a subject leads them ("why do people think things through?")
        # "step-by-step guides versus videos" names a kind of guide, a topic
        r"step[ -]by[ -]step(?! (?:guides?|tutorials?|videos?|recipes?|manuals?|courses?|lessons?|books?)\b)|"
        + _requested(r"think (?:it |this |things |that )?through") + "|"
        + _requested(r"think (?:about (?:it|this|that) )?(?:carefully|hard|deeply|logically|critically)") + "|"
        + _requested(r"reason (?:through|about it|carefully|it out|step)") + r"|reasoning (?:step|process|chain)|"
        # the technique as a topic ("is chain of thought prompting useful?") is not a request to use it
        r"chain[- ]of[- ]thought(?! (?:prompting|prompts?|technique|paper|method|models?|research)\b)|show (?:your|all|the|me the) (?:work|working|steps|reasoning|derivation|"
        r"calculations?)|explain your reasoning|let's think|walk (?:me |us )?through (?:the|your|how|it) ?"
        r"(?:reasoning|logic|math|proof|derivation|solution|calculation)",
        # proofs and derivations
        r"prove (?:that|the|this|it|why|for all|there|by|a|an|formally|mathematically|rigorously)\b|"
        r"proof (?:that|by)\b|(?:formal|rigorous|short|simple|direct|complete|inductive) proof|"
        r"(?:give|write|find|sketch|provide|construct) (?:me )?(?:a |the )?proof\b|by induction|"
        r"by contradiction|q\.e\.d|derive (?:the|a|an|that|this|it|from first|\w+'s)\b|"
        r"derivation of (?:the )?(?:formula|equation|expression|identity|bound)|"
        r"show that (?:the|this|it|there|every|for all|no|if|any)\b[^.?]{0,80}?\b(?:is|are|has|runs|"
        r"terminates|converges|holds|exists|equals|cannot)\b|show that\b[^.?]{0,40}?[=≤≥^²√∑∫]",
        # weighing options to decide
        # the weighing nouns ("trade-offs", "pros and cons") as the object of a request to weigh them, not as
        # the topic of a question ("What are the trade-offs between SSR and CSR?" is general chat, rule 9)
        r"(?:" + "|".join(_requested(v) for v in ("weigh", "compare", r"analy[sz]e", "evaluate", "assess", "examine",
                                                  "contrast", "balance", "list", "outline", "lay out", "break down",
                                                  "give me", "spell out", "sum up"))
        + r") (?:up )?(?:all |both )?(?:the |their |its |these |those |your |our |my )?(?:[\w-]+ ){0,3}?" + _WEIGHED + "|"
        r"(?:balanced|critical|cost-benefit|comparative|swot) analysis|"
        r"compare and contrast|"
        + _requested(r"weigh (?:the|up|these|those|our|my|both|your|two|them|it|each|different|all)\b") + "|"
        r"weighing (?:the|up|these|both)|critically (?:evaluate|assess|analy[sz]e)|"
        # a cause to find here, not "the root cause of most back pain" (a topic)
        r"root cause(?: analysis| here| of (?:this|that|these|our|my|the (?:issue|problem|bug|outage|incident|failure|"
        r"drop|error|crash|delay|spike|decline|slowdown|regression)))\b|"
        r"(?:find|identify|determine|figure out|diagnose|get to) the root cause",
        r"(?:which|what) (?:option|approach|strategy|choice|design|architecture|plan|one|solution|"
        r"alternative|path) (?:is|would be) (?:the )?(?:better|best|more|preferable|wiser|safer)|"
        r"(?:which|what) (?:option|approach|strategy|choice|design|architecture|plan|one|solution|"
        r"alternative|path) (?:should (?:i|we) (?:choose|pick|take|go with|use)|do you recommend|"
        r"makes more sense)|" + "|".join(_requested(v) for v in (r"decide (?:between|whether)", "choose between",
                                                                 "pick between")) + r"|deciding between|"
        r"torn between|(?:help|helps) (?:me|us) (?:decide|choose|pick)\b",
        r"(?:compare|comparing|evaluate|evaluating|assess|assessing) [^.?]{1,100}? (?:and|or|vs\.?|versus|against|"
        r"with|to) [^.?]{1,100}?\b(?:which|decide|recommend|choose|pick|select|should|better|best|go with)\b|"
        r"(?:vs\.?|versus) [^.]{1,100}?\b(?:which (?:one|is|should|would)|when (?:would|should|to)|"
        r"should (?:i|we)|(?:is|be) better|pick|choose|recommend)\b",
        # plans
        r"(?:make|create|draft|develop|build|outline|write|design|devise|prepare|put together|come up with|"
        r"give me|suggest|propose) (?:me )?(?:a|an|the|my|our) (?:[\w-]+ ){0,3}?(?:plan|strategy|roadmap|"
        r"itinerary|curriculum|schedule|timeline|budget)\b(?!-)|" + _requested(r"plan (?:a|an|my|our|out)\b", infinitive=True) + "|"
        r"(?:me|us|you) to plan (?:a|an|my|our|out)\b|"
        r"(?:help me|help us|can you|could you|please) plan\b|migration plan",
        # puzzles: one posed to solve ("Riddle: ...", "solve this puzzle", "here's a puzzle"), not one to buy
        # ("a jigsaw puzzle"), to be told ("tell me a riddle") or talked about ("who invented the crossword puzzle?")
        r"(?:riddle|puzzle|brain ?teaser|logic problem|logic question)s?(?: for you)? ?:|"
        r"(?:solve|crack|answer|figure out|here's|here is|this|the following) (?:[\w-]+ )?(?:riddle|puzzle|brain ?teaser|"
        r"logic problem)s?\b(?! (?:game|games|box|piece|pieces|book|books|app|apps|shop|store|collection|mat|table)\b)|"
        r"knights and knaves|(?:solve|this|the following) sudoku|sudoku ?:|"
        r"(?:monty hall|prisoner'?s dilemma|birthday (?:paradox|problem)|tower of hanoi|river crossing)[^.?!\n]{0,80}?"
        r"\b(?:why|how|solve|explain|prove|optimal|strategy|should)\b|(?:explain|solve|work through|walk me through|"
        r"analy[sz]e|prove)\b[^.?!\n]{0,40}?(?:monty hall|prisoner'?s dilemma|birthday (?:paradox|problem)|"
        r"tower of hanoi|river crossing)",
        # math to solve
        r"solve\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"solve (?:for [a-z]\b|the (?:equation|problem|puzzle|riddle|system|inequality|following)|"
        r"this (?:equation|problem|puzzle|riddle|system)|these (?:equations|problems)|[a-z] ?[=+]|\d)|"
        # "work out" also means exercising ("I work out 3 times a week"): as math it takes what to work out
        r"(?:" + _requested("calculate") + "|" + _requested("compute") + r")\b[^.?\n]{0,80}?\d|"
        + _requested(r"work out (?:the|how|what|which|whether|when|if)\b") + r"[^.?\n]{0,80}?\d|"
        # concepts as topics ("what is expected value in statistics?") are not problems to solve
        r"expected value of\b|(?:compute|calculate|find|what(?:'s| is)) the expected value\b|"
        r"how many (?:ways|combinations|permutations|arrangements)|estimate (?:how many|the number)|"
        r"fermi (?:problem|estimate)|optimal strategy|(?:derivative|integral|antiderivative) of (?:f|g|h|y|x|sin|cos|"
        r"tan|e\^|ln|log|sqrt|\d|the (?:function|expression|polynomial)|[a-z] ?[\^*+/(-]|\w+\()|"
        r"(?:integrate|differentiate) (?:f\b|g\b|x|y|the (?:function|expression)|\d|sin|cos|tan|e\^|ln|log)|"
        r"(?:find|compute|calculate|evaluate) the limit|eigen(?:values?|vectors?) of\b|"
        r"(?:find|compute|calculate|what are) the eigen(?:values|vectors)\b|determinant of|"
        r"inverse of (?:the |this )?matrix|simplify (?:the |this )?(?:expression|equation|fraction)",
    ),
    "es": (
        r"paso a paso|razona\b|razonando|razonamiento|piensa (?:bien|con cuidado|detenidamente)|"
        r"demuestr(?:a|e|en|ar)\b|demostración|deriva (?:la|el)\b|"
        r"(?:compar|analiz|evalú|evalu|sopes|valor|pondera|enumer|list)(?:a|e|ar)(?:me)? (?:[\wáéíóúñ]+ ){0,3}?(?:ventajas (?:y desventajas|e "
        r"inconvenientes)|pros y contras)|"
        r"comp[aá]r(?:a|ar|e|en)(?:l[oa]s?|me|nos)?\b[^.?]{1,100}?(?:cuál|decid|recomi[eé]nd|elige|elegir|mejor)|"
        r"(?:ayúdame|ayudame|ayúdanos) a (?:decidir|elegir)|decidir entre|elegir entre|"
        r"(?:haz|hazme|crea|créame|elabora|diseña|prepara|prepárame|arma) (?:un|una) (?:[\wáéíóúñ]+ ){0,2}?"
        r"(?:plan|itinerario|presupuesto|cronograma|horario|estrategia)\b|"
        r"plan(?<!yo plan)(?<!se plan)(?<!que plan)(?<!ella plan)(?<!él plan)ifica\b|"
        r"plan(?<!yo plan)(?<!se plan)(?<!que plan)(?<!ella plan)(?<!él plan)ea (?:un|una|mi)",
        _posed(r"adivinanzas?|acertijos?|rompecabezas|problemas? de lógica",
               r"resuelv[ea]|resolver|resu[eé]lveme|descifra|adivina|te (?:propongo|pongo|planteo|dejo|traigo)|"
               r"aqu[ií] (?:tienes|va)|ah[ií] va", r"para ti") + "|"
        r"resuelv[ea]\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"resuelve (?:la ecuación|el problema|este problema|paso|para|el sistema|\d)|resolver (?:la ecuación|"
        r"este problema)|calcul(?:a|e|ar)\b[^.?\n]{0,80}?\d",
    ),
    "pt": (
        r"passo a passo|raciocin|pense (?:bem|com cuidado)|demonstre\b|prove que|demonstração|"
        r"(?:compar|analis|avali|pes|ponder)(?:e|a|ar) (?:[\wáéíóúãõç]+ ){0,3}?(?:vantagens e desvantagens|"
        r"prós e contras)|"
        r"compar(?:e|a|ar)(?:-os|-as|-me)?\b[^.?]{1,100}?(?:qual|decid|recomend|escolh|melhor)|"
        r"(?:me )?ajud[ea](?:-me)? a (?:decidir|escolher)|decidir entre|escolher entre|"
        r"(?:faça|crie|elabore|monte|prepare|faz)(?:-me)? (?:um|uma) (?:[\wáéíóúãõç]+ ){0,2}?(?:plano|roteiro|"
        r"orçamento|cronograma|estratégia)\b|planeje",
        r"resolv[ae]\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        + _posed(r"charadas?|enigmas?|quebra-cabeças?|problemas? de lógica",
                 r"resolv[ae]|resolver|decifr[ae]|adivinh[ae]|aqui vai|lá vai|te (?:proponho|passo)",
                 r"para (?:você|vc|ti)") + "|"
        r"resolva (?:a equação|o problema|este problema|"
        r"passo|o sistema|\d)|calcul(?:e|a|ar)\b[^.?\n]{0,80}?\d",
    ),
    "fr": (
        r"étape par étape|pas à pas|raisonne|raisonnement|réfléchis (?:bien|étape|soigneusement)|"
        r"démontre[rz]?\b|prouve[rz]? que|démonstration|"
        r"(?:compare|analyse|évalue|pèse|soupèse)[rz]? (?:[\wéèêàç']+ ){0,3}?(?:avantages et (?:les )?inconvénients|"
        r"pour et (?:le )?contre)|"
        r"compare(?:[rz]|-les|-moi|-nous)?\b[^.?]{1,100}?(?:lequel|laquelle|décide|recommand|choisi|meilleur)|"
        r"aide-(?:moi|nous) à (?:choisir|décider)|choisir entre|hésite entre|"
        r"(?:crée|fais|établis|prépare|élabore|propose)(?:-moi)? un (?:[\wéèêàç]+ ){0,2}?(?:plan|itinéraire|"
        r"budget|planning|programme)\b|plan(?<!je plan)(?<!on plan)(?<!il plan)(?<!elle plan)(?<!qui plan)ifie\b",
        _posed(r"devinettes?|énigmes?|casse-têtes?|problèmes? de logique",
                 r"résous|résolvez|résoudre|voici|voilà|je te (?:propose|pose)", r"pour (?:toi|vous)") + "|"
        r"résous|résolvez|résoudre (?:l'équation|ce problème|le problème|le système)|"
        r"calcule[rz]?\b[^.?\n]{0,80}?\d",
    ),
    "de": (
        r"schritt für schritt|schrittweise|denk (?:gründlich|sorgfältig|genau) nach|begründe|"
        r"beweise|beweis (?:dass|für)|herleit|leite [^.?!\n]{0,40}?her\b|"
        r"(?:vergleiche|analysiere|bewerte|beurteile|erörtere)[^.?!\n]{0,40}?(?:vor- und nachteile|vorteile und "
        r"nachteile|für und wider)|(?:vor- und nachteile|vorteile und nachteile|für und wider)[^.?!\n]{0,40}?"
        r"(?:vergleichen|analysieren|bewerten|gegenüberstellen)\b|abwägen|wäge [^.?!\n]{0,40}?ab\b|"
        r"vergleiche [^.?]{1,100}?(?:welche|entscheide|empfiehl|besser)|"
        r"hilf (?:mir|uns)[^.?!\n]{0,20}?(?:entscheiden|wählen|auszuwählen)|"
        r"(?:schreibe|schreib|erstelle|mache|mach|entwirf|plane)(?: mir| uns)? (?:einen|eine)\b[^.?!\n]{0,30}?"
        r"(?:plan|reiseroute|budget|zeitplan|strategie)|plan(?<!ich plan)(?<!wir plan)e (?:mir |uns )?(?:einen|eine|ein|"
        r"meine|meinen|unsere|"
        r"unseren)\b",
        r"löse\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        + _posed(r"(?:logik|denk|zahlen|bilder|kreuzwort|mathe|wort)?rätsel|denksportaufgaben?|knobelaufgaben?|"
                 r"logikaufgaben?",
                 r"löse|lös|knack|knacke|hier ist|hier kommt",
                 r"für dich") + "|"
        r"löse (?:die gleichung|das problem|diese aufgabe|nach|"
        r"das gleichungssystem)|berechne\b[^.?\n]{0,80}?\d",
    ),
    "ru": (
        r"шаг за шагом|пошагов|поэтапно|по шагам|рассужда|подумай (?:хорошенько|внимательно|логически)|"
        r"докаж|доказательство (?:того|теоремы|что)|выведи (?:формулу|уравнение)|"
        r"(?:сравни|взвесь|проанализируй|оцени|сопоставь|перечисли|распиши|назови)(?:те)? [^.?!\n]{0,40}?(?:плюсы и минусы|за и против|"
        r"(?:преимущества|достоинства) и недостатки)|сравни [^.?]{1,100}?(?:какой|какая|какое|какую|что лучше|"
        r"реши|посоветуй|выбери|выбрать|лучше)|помоги (?:мне |нам )?(?:выбрать|решить|определиться)|"
        r"(?:составь|сделай|разработай|спланируй|придумай)(?: мне| нам)? (?:[а-яё]+ ){0,2}?(?:план|маршрут|"
        r"бюджет|расписание|стратегию)|спланируй",
        r"реши(?:те)?\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        + _posed(r"загадк[аиуе]|головоломк[аиуе]|логическ(?:ая|ую) задач[аиуе]",
                 r"реши|решите|разгадай|разгадайте|отгадай|отгадайте",
                 r"для тебя") + "|"
        r"реши (?:уравнение|задачу|систему|пример)|"
        r"(?:вычисли|рассчитай|посчитай)\w*\b[^.?\n]{0,80}?\d",
    ),
    "zh": (
        # 证明 is also a certificate (在职证明): as a request it starts a clause or follows a request word
        r"一步一步|一步步|逐步|分步| 证明|。证明|(?:请|试|来|并|如何|怎么|怎样|帮我)证明|证(?<![职入历籍产件份张开的]证)明(?:一下| )|求证|试证|推导|"
        # 推理 as a request ("请推理", "推理一下"), not a kind of game or skill ("逻辑推理类的谜题")
        r"(?:请|帮我|试着|来|你)推理|推理(?:一下|出|过程|步骤)|(?:分析|比较|对比|评估)[^。？]{0,12}?(?:利弊|优缺点|优点和缺点|优势和劣势|优劣)|权衡|"
        r"比较[^ 。？]{0,30}?(?:哪个|哪一个|哪种|更好|更适合|选择|推荐)|"
        r"(?:帮我|请|给我|帮忙)(?:制定|做|写|规划|安排|设计)[^ 。？]{0,10}?(?:计划|方案|行程|预算|日程|路线)|"
        # a riddle posed to solve ("猜一个谜语", "下面这道逻辑题", "谜语："), not one talked about ("我喜欢谜题")
        r"制定[^ 。？]{0,10}?计划|(?:猜|解|做|答)(?:一?[个道]|这[个道]|下面的|以下的)?(?:谜题|谜语|脑筋急转弯|逻辑题)|"
        r"考考你|考你一[下个道]|(?:谜题|谜语|脑筋急转弯|逻辑题):|解方程|求解|"
        r"(?:计算|算一下|算算)[^。？]{0,40}?\d",
    ),
    "ja": (
        r"ステップバイステップ|段階的に|順を追って|一歩ずつ|証明(?!書)|導出|"
        r"(?:長所と短所|メリットとデメリット|利点と欠点|良い点と悪い点)を(?:比較|分析|検討|評価|比べ)|比較して[^ 。？]{0,30}?(?:どちら|どれ|おすすめ|選)|どちらを選ぶべき|"
        r"(?:計画|プラン|旅程|予算|スケジュール)を(?:立て|作|考え)|次の(?:なぞなぞ|パズル|謎解き|論理パズル)|(?:なぞなぞ|パズル|謎解き)(?:を解|に答え|です|を出|に挑戦)|"
        r"方程式を解|を解いて|を解け|確率を求め|論理的に考え|計算して[^。？]{0,40}?\d",
    ),
    "hi": (
        r"चरण दर चरण|चरणबद्ध|कदम दर कदम|क़दम दर क़दम|स्टेप बाय स्टेप|step by step|"
        r"सिद्ध (?:करें|कीजिए|करो|करिए|कीजिये)|साबित (?:करें|कीजिए|करो|करिए|कीजिये)|प्रमाणित कीजिए|"
        r"(?:फायदे और नुकसान|फ़ायदे और नुक़सान|फायदे और नुक़सान|लाभ और हानि|पक्ष और विपक्ष)[^।?]{0,30}?(?:तुलना|विश्लेषण|"
        r"तौल|आकलन|फैसला|फ़ैसला)|व्युत्पन्न (?:करें|कीजिए|करो)|"
        r"(?:अपना )?तर्क (?:बताइए|बताएं|बताओ|समझाइए|के साथ|सहित)|"
        r"तुलना [^।?]{0,60}?(?:कौन सा|कौनसा|कौन-सा|बेहतर|चुन)|(?:चुनने|तय करने|फैसला करने|फ़ैसला करने) में मदद|"
        r"(?:योजना|प्लान) (?:बनाएं|बनाओ|बनाइए|बनाइये|तैयार)",
        r"पहेली(?: ?:| है ?:| हल| सुलझा| बूझ| का (?:जवाब|उत्तर))|समीकरण (?:हल|को हल)|प्रश्न हल|सवाल हल|प्रायिकता|संभावना ज्ञात|"
        r"(?:गणना|हिसाब) (?:करें|करो|कीजिए)[^।?]{0,60}?\d",
    ),
    "it": (
        r"passo dopo passo|passo passo|dimostra(?:re)? che|pro e contro|vantaggi e svantaggi|indovinello",
    ),
    "ko": (
        r"단계별로|차근차근|증명|장단점",
    ),
}


def _clause_start(phrase: str) -> str:
    """``phrase`` (a regex starting with a plain letter) only at the start of a clause: after the start of the
    text or a punctuation mark, not after a word. An imperative stands there ("Montre que ...", "Muestra que
    ..."); the same form after its subject reports a finding ("l'étude montre que", "el estudio muestra que")."""
    head = phrase[0]
    return head + rf"(?<![\w'] {head})" + phrase[1:]


# Proofs asked with "show that", "demonstrate that", "justify why", in every register (imperative, formal,
# infinitive of a textbook exercise). A predicate must follow in English ("show that you care" is not a proof);
# elsewhere the verb must open its clause (see :func:`_clause_start`) or be an unambiguous imperative.
_PROOF_PREDICATE = (r"(?:(?! (?:you|we|i|they|your|our|my|people|customers|users)\b)[^.?!\n]{0,100}?\b(?:is|are|has|have|"
                    r"runs|terminates|converges|diverges|holds|exists|exist|equals|cannot|can't|must|divides|"
                    r"satisfies|lies|contains|leaves|needs|takes|grows|gives|yields|implies|remains|has no|"
                    r"is not|isn't)\b|[^.?!\n]{0,40}?[=≤≥<>^²³√∑∫])")
_PROOFS: dict[str, tuple[str, ...]] = {
    "en": (_requested(r"show that\b") + _PROOF_PREDICATE + "|" + _requested(r"demonstrate that\b") + _PROOF_PREDICATE
           + "|" + _requested(r"justify (?:why|that|each step|every step|your answer|the (?:claim|result|bound|"
                              r"formula|step|inequality))\b"),),
    "es": ("|".join(_clause_start(v) for v in (r"muestr(?:a|e|en) que\b", r"mostrar que\b", r"prueb(?:a|e|en) que\b",
                                               r"justific(?:a|e|ar) (?:por qué|que)\b", r"demostrar que\b")),),
    "pt": ("|".join(_clause_start(v) for v in (r"mostr(?:e|a|em|ar) que\b", r"demonstr(?:a|ar) que\b",
                                               r"justifi(?:que|ca|car) (?:por que|porque|que)\b",
                                               r"prov(?:a|ar) que\b")),),
    "fr": ("|".join(_clause_start(v) for v in (r"montre[rz]? que\b", r"montre[rz]?-(?:moi|nous) que\b",
                                               r"justifie[rz]? (?:pourquoi|que)\b", r"établi(?:s|ssez|r) que\b")),),
    "de": (r"zeigen sie,? dass\b|weisen sie nach,? dass\b|" + "|".join(
        _clause_start(v) for v in (r"zeige?,? dass\b", r"weise nach,? dass\b", r"begründe[nt]?,? (?:warum|dass)\b")),),
    "ru": (r"покажи(?:те)?,? что\b|обоснуй(?:те)?\b|(?:по|до)кажите\b",),
    "zh": (r"说明并证明|试说明",),
    "ja": (r"ことを示(?:せ|しなさい|してください|して|すこと)|を示せ|ことを説明せよ",),
    "hi": (r"दि(?<!मुझे दि)(?<!हमें दि)खा(?:इए|ओ|एँ|एं|इये) कि\b",),
}
for _lang, _entries in _PROOFS.items():
    REASON[_lang] = REASON[_lang] + _entries

# --------------------------------------------------------------------------------------------------
# Rule 7: a posed puzzle (see :mod:`.puzzles`). ``puzzle`` cues are the question words of a puzzle, in a
# question (a question mark ends the sentence) or after a request to work it out ("determine who", "finde
# heraus, wer", "判断谁"); each counts only with ``puzzle_clues`` (3) ``clue`` markers around it: places and
# neighbours, truth and lies, quoted statements, exclusive assignments ("each has a different ...", "neither
# ... nor"), comparisons.
# --------------------------------------------------------------------------------------------------
_Q = r"(?=[^.!?]{0,200}\?)"  # ... in a question: a question mark ends its sentence
PUZZLE: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:who(?:m|se)?\b|which\b|(?:in )?what order\b|what (?:colou?r|nationality|pet|drink|job|seat|position|"
        r"place|floor)\b|where (?:does|do|did|is|are|should|will) (?:[\w-]+ ){1,3}?(?:sit|sits|live|lives|stand|"
        r"park|work)\b|how many (?:of (?:them|us|the [\w-]+) )?(?:are|is|were) (?:lying|liars?|knights?|knaves?|"
        r"telling the truth)\b|is (?:[\w-]+ ){1,2}?(?:a |the )?(?:knight|knave|liar|truth-?teller)\b|"
        r"what (?:are|is|was|were) [\w-]+(?: and [\w-]+)?(?= ?\?)|each (?:one|of them|person|friend|child)\b)" + _Q,
        r"(?:determine|figure out|work out|find out|deduce|tell me|decide|guess|identify|explain),? (?:who|which|"
        r"whose|where|in what order|the order)\b",
    ),
    "es": (r"(?:qui[eé]n(?:es)?\b|cu[aá]l(?:es)?\b|en qu[eé] orden|qu[eé] (?:color|mascota|bebida|casa|asiento|"
           r"puesto|lugar|piso|profesi[oó]n|trabajo|deporte|instrumento|ciudad|pa[ií]s|coche|fruta)\b|"
           r"d[oó]nde (?:se sienta|vive|viven|est[aá]n?)\b|cada un[oa]\b)" + _Q,
           r"(?:determina|averigua|deduce|descubre|dime|adivina|indica|explica),? (?:qui[eé]n|cu[aá]l|d[oó]nde|"
           r"en qu[eé] orden|el orden)\b",),
    "pt": (r"(?:quem\b|qual\b|quais\b|em que ordem|que (?:cor|animal|bebida|casa|lugar|andar|profiss[ãa]o|"
           r"esporte|instrumento|cidade|carro|fruta)\b|onde (?:senta|sentam|mora|moram|fica|ficam)\b|cada uma?\b)"
           + _Q,
           r"(?:determine|descubra|descobre|deduza|diga|me diga|adivinhe|indique|explique),? (?:quem|qual|onde|"
           r"em que ordem|a ordem)\b",),
    "fr": (r"(?:qui\b|quel(?:le)?s?\b|lequel|laquelle|lesquel(?:le)?s|dans quel ordre|"
           r"o[uù] (?:habite|habitent|est assise?|s'assoit|vit)\b|chacune?\b)" + _Q,
           r"(?:détermine|déterminez|trouve|trouvez|devine|devinez|dis-moi|dites-moi|déduis|déduisez|indique),? "
           r"(?:qui|quel|quelle|où|dans quel ordre|l'ordre)\b",),
    "de": (r"(?:wer\b|wem\b|wen\b|wessen\b|welche[nrsm]?\b|in welcher reihenfolge|wo (?:sitzt|sitzen|wohnt|wohnen|"
           r"steht)\b|jede[rsm]?\b|jeweils\b)" + _Q,
           r"(?:finde|findet|finden sie) heraus,? (?:wer|welche|wo|in welcher)|(?:bestimme|ermittle|sag mir|errate|"
           r"gib an),? (?:wer|welche[nrsm]?|wo|in welcher reihenfolge|die reihenfolge)\b",),
    "ru": (r"(?:кто\b|кого\b|кому\b|кем\b|чей\b|чья\b|чь[её]\b|чьи\b|какого цвета|"
           r"в каком порядке|где (?:сидит|сидят|живёт|живет|живут)\b|(?:у )?кажд(?:ый|ая|ое|ого|ой)\b)" + _Q,
           r"(?:определи|определите|выясни|выясните|узнай|угадай|угадайте|скажи|скажите|назови|назовите),? (?:кто|"
           r"как(?:ой|ая|ое|ие)|где|в каком порядке|чей|чья|порядок)\b",),
    # CJK cues start with a rare character (誰, not だれ; 顺序, not 什么顺序): see the cost note above
    "zh": (r"(?:谁|哪(?:个|位|一|种|只|间|栋|家|天|张)|顺序)(?=[^。！!]{0,60}[？?])",
           r"(?:判断|推断|确定|找出|说出|指出)出?(?:谁|哪)",),
    "ja": (r"(?:誰|どれ|どの|どちら|どっち|何(?:番目|色|曜日|階)|順番|順序)(?=[^。！!？?]{0,60}(?:[？?]|か[。.]|か$))",
           r"(?:誰|どれ|どの|どちら)[^。？?]{0,30}?か(?:を)?(?:答え|当て|推理|判断|特定)",),
    "hi": (r"(?:कौन|किस(?:का|की|के|ने|को|से)?\b|किसने|हर एक|प्रत्येक)(?=[^!.?]{0,150}\?)",
           r"(?:बताओ|बताइए|बताएं|बताएँ|पता लगाओ|पता लगाइए|ज्ञात कीजिए)(?: कि)? (?:कौन|किस)|"
           r"(?:कौन|किस)[^।?]{0,60}?(?:बताओ|बताइए|बताएं|बताएँ|पता लगाओ|पता लगाइए|ज्ञात कीजिए)",),
}

CLUE: dict[str, tuple[str, ...]] = {
    "en": (
        r"\b(?:next to|beside|left of|right of|opposite|across from|adjacent to|neighbou?rs? of)\b",
        r"\b(?:immediately|directly|just) (?:to|left|right|after|before|behind|in front|above|below|next|"
        r"opposite|across)\b",
        r"\b(?:at (?:either|one|the other|each|both) ends?|in the middle|in a (?:row|line|circle|queue)|"
        r"around a (?:round |circular )?table)\b|\bseat (?:\d|one|two|three|four|five)\b",
        r"\b(?:sits|sit in|sitting|seated|stands in|lives (?:in|on|next|above|below|directly))\b",
        r"\b(?:always|never) (?:lies|lie|lied|tells? the truth)\b|\b(?:liars?|truth-?tellers?|knights?|knaves?)\b|"
        r"\b(?:is|are|was|were) (?:lying|telling the truth)\b",
        # a quoted statement: "Kim says: '...'", Lou says "..." (a quotation mark is a space when normalized)
        r"\b(?:says|said|claims|claimed|states|stated|replies|replied|answers|answered|insists|declares)"
        r"(?::|,? {2}|,? ')",
        r"\b(?:each|every) (?:[\w-]+ ){0,4}?(?:a )?different\b|\bdifferent (?:colou?rs?|pets?|drinks?|"
        r"nationalit(?:y|ies)|jobs?|professions?|sports?|hobb(?:y|ies)|houses?|cars?|floors?|instruments?)\b",
        r"\b(?:exactly|only) one (?:of|person|statement|is|was|tells|lies)\b|\bone of (?:them|us|the [\w-]+) "
        r"(?:is|was|always|lies|tells|did|took|stole|broke|ate)\b|\bneither\b|\bnone of (?:them|us|the)\b|"
        r"\bno two\b|\bat least one of (?:us|them|the)\b",
        r"\b(?:taller|shorter|older|younger|faster|slower|heavier|lighter|richer|poorer|bigger|smaller) than\b|"
        r"\bfinish(?:ed|es)? (?:before|after|ahead of|behind|last|first)\b|\barrived? (?:before|after)\b",
        r"\b(?:does not|doesn't|did not|didn't|is not|isn't|was not|wasn't) (?:sit|live|own|drink|order|play|wear|"
        r"drive|keep|stand|finish|at|next|on the|in the)\b",
        r"\b(?:owns?|keeps?|drinks?|plays?|wears?|drives?|ordered) the (?:[\w-]+ )?(?:house|dog|cat|fish|bird|"
        r"horse|zebra|pet|tea|coffee|milk|water|juice)\b|\bthe (?:first|second|third|fourth|fifth|middle|last|"
        r"leftmost|rightmost|red|green|blue|white|yellow|ivory) (?:house|seat|chair|floor|door|box)\b",
        r"\b(?:was|is|wasn't|isn't|came|finished|arrived|ended|placed) (?:not )?(?:first|last|second|third|fourth|"
        r"fifth)\b|\b(?:did not|didn't|does not|doesn't) (?:win|lose|finish|come)\b|\b(?:but|and) (?:before|after|"
        r"behind|ahead of)\b",
    ),
    "es": (
        r"\b(?:al lado de|junto a|a la (?:izquierda|derecha) de|enfrente de|frente a|entre [a-záéíóúñ]+ y)\b",
        r"\b(?:justo|inmediatamente|directamente) (?:a la|al lado|delante|detrás|después|antes|encima|debajo|"
        r"enfrente)\b",
        r"\b(?:en (?:ningún|un|el otro|cada|ambos) extremos?|en (?:el|un) extremo|en medio|en el centro|en fila|"
        r"en (?:una )?fila|en círculo|alrededor de una mesa)\b",
        r"\b(?:se sienta|se sientan|sentad[oa]s?|vive en|viven en)\b",
        r"\b(?:siempre|nunca) (?:miente|mienten|mintió|dicen? la verdad)\b|\b(?:mentiros[oa]s?|caballeros|"
        r"escuderos|bribones)\b|\b(?:está|están) mintiendo\b|\bdicen? la verdad\b",
        r"\b(?:dice|dijo|afirma|afirmó|responde|respondió|asegura|aseguró|declara)(?::|,? {2}|,? ')",
        r"\bcada (?:un[oa] )?(?:[\wáéíóúñ]+ ){0,3}?(?:distint[oa]|diferente)\b|\b(?:distint[oa]s|diferentes) "
        r"(?:colores|mascotas|bebidas|casas|pisos|trabajos|profesiones|deportes|ciudades)\b|\b(?:colores|mascotas|"
        r"bebidas|casas|pisos|trabajos|profesiones|deportes|ciudades|edades) (?:distint[oa]s|diferentes)\b",
        r"\b(?:exactamente|solo|sólo|solamente) un[oa]? (?:de|persona|miente|dice)\b|\bun[oa] de (?:ell[oa]s|los|"
        r"las) (?:siempre|miente|dice|es)\b|\bni (?:[a-záéíóúñ]+ ){1,3}?ni\b|\bninguno de\b|\bal menos uno de\b",
        r"\bmás (?:alt[oa]|baj[oa]|viej[oa]|joven|rápid[oa]|lent[oa]|pesad[oa]) que\b|\b(?:mayor|menor) que\b|"
        r"\bllegó (?:antes|después)\b",
        r"\bno (?:se sienta|vive|tiene|bebe|juega|lleva|está|es)\b|\bno (?:es|tiene|vive|bebe|juega) "
        r"(?:[a-záéíóúñ]+ ){1,2}?ni\b",
        r"\bla casa (?:roja|verde|azul|blanca|amarilla)\b|\b(?:primera|segunda|tercera|última) casa\b|"
        r"\bno (?:es|fue|llegó|quedó) (?:el |la )?(?:primer[oa]?|últim[oa]|segund[oa])\b",
    ),
    "pt": (
        r"\b(?:ao lado d[eoa]|à (?:esquerda|direita) d[eoa]|em frente a|de frente para|entre [a-záéíóúãõç]+ e)\b",
        r"\b(?:logo|imediatamente|diretamente) (?:à|ao|antes|depois|atrás|na frente)\b",
        r"\b(?:em (?:uma|nenhuma|cada) (?:das )?pontas?|numa ponta|no meio|no centro|em fila|em círculo|"
        r"em volta de uma mesa)\b",
        r"\b(?:senta|sentam|sentad[oa]s?|mora em|moram em)\b",
        r"\b(?:sempre|nunca) (?:mente|mentem|diz(?:em)? a verdade|fala(?:m)? a verdade)\b|\b(?:mentiros[oa]s?|"
        r"cavaleiros|patifes|valetes)\b|\b(?:está|estão) mentindo\b|\bdiz(?:em)? a verdade\b",
        r"\b(?:diz|disse|afirma|afirmou|responde|respondeu|declara)(?::|,? {2}|,? ')",
        r"\bcada um (?:[\wáéíóúãõç]+ ){0,3}?(?:diferente|distint[oa])\b|\b(?:diferentes|distint[oa]s) (?:cores|"
        r"animais|bebidas|casas|andares|profissões|esportes|cidades)\b|\b(?:cores|animais|bebidas|casas|andares|"
        r"profissões|esportes|cidades|idades) (?:diferentes|distint[oa]s)\b",
        r"\b(?:exatamente|só|somente|apenas) um[a]? (?:de|pessoa|mente|diz)\b|\bnem (?:[a-záéíóúãõç]+ ){1,3}?nem\b|"
        r"\bnenhum d[eo]s?\b|\bpelo menos um d",
        r"\bmais (?:alt[oa]|baix[oa]|velh[oa]|nov[oa]|rápid[oa]|pesad[oa]) (?:que|do que)\b|\bchegou (?:antes|"
        r"depois)\b",
        r"\bnão (?:tem|mora|senta|bebe|joga|usa|está|é)\b|\bnão (?:é|tem|mora|bebe|joga) "
        r"(?:[a-záéíóúãõç]+ ){1,2}?nem\b",
        r"\ba casa (?:vermelha|verde|azul|branca|amarela)\b|\b(?:primeira|segunda|terceira|última) casa\b|"
        r"\bnão (?:é|foi|chegou|ficou) (?:o |a )?(?:primeir[oa]|últim[oa]|segund[oa])\b",
    ),
    "fr": (
        r"\b(?:à côté d[eu']|à (?:gauche|droite) d[eu']|en face d[eu']|voisine? d[eu']|entre [a-zéèêàç]+ et)",
        r"\b(?:juste|immédiatement|directement) (?:à|après|avant|derrière|devant|en face)\b",
        r"\b(?:à une extrémité|aux extrémités|à (?:chaque|l'autre) extrémité|au milieu|au centre|en ligne|en rang|"
        r"en cercle|autour d'une table)\b",
        r"\b(?:est assise?|sont assis(?:es)?|s'assoit|s'assied|habite|habitent)\b",
        r"\b(?:ment|mentent|dit la vérité|disent la vérité|toujours la vérité)\b|\b(?:menteurs?|menteuses?|"
        r"chevaliers|fripons|valets)\b",
        r"\b(?:dit|déclare|affirme|répond|a dit|affirma|répondit)(?::|,? {2}|,? ')",
        r"\bchacune? (?:[\wéèêàç'-]+ ){0,4}?différente?s?\b|\bd'une couleur différente\b|\b(?:métiers|couleurs|"
        r"animaux|boissons|maisons|sports|villes|professions|âges) différente?s\b",
        r"\b(?:exactement|seulement) (?:un|une) d|\bun seul d'entre|\bune seule d'entre|\bni (?:[a-zéèêàç'-]+ ){1,3}?ni\b|"
        r"\baucun d'(?:eux|entre)|\bau moins un d",
        r"\bplus (?:grand|petit|âgé|jeune|rapide|lent|lourd)e?s? que\b|\barrivée? (?:avant|après)\b",
        r"\bn'(?:habite|a|boit|joue|porte|aime) pas\b",
        r"\bla maison (?:rouge|verte|bleue|blanche|jaune)\b|\bla (?:première|deuxième|troisième|dernière) maison\b|"
        r"\bn'(?:est|était|a) pas (?:arrivée? )?(?:le |la )?(?:premier|première|dernier|dernière)\b",
    ),
    "de": (
        r"\b(?:neben|links von|rechts von|gegenüber|direkt (?:neben|vor|hinter|links|rechts|nach))\b",
        r"\b(?:ist|sitzt|steht|wohnt|kommt|liegt) (?:direkt |gleich |genau )?(?:vor|hinter|nach|neben|links|rechts|"
        r"zwischen|über|unter)\b",
        r"\b(?:am (?:einen |anderen )?ende|an (?:einem|beiden) enden|in der mitte|in einer reihe|im kreis|"
        r"um einen (?:runden )?tisch)\b",
        r"\b(?:sitzt|sitzen|wohnt|wohnen)\b",
        r"\b(?:lügt|lügen|lügner|lügnerin|ritter|schurken?|sagt die wahrheit|sagen die wahrheit|immer die wahrheit)\b",
        r"\b(?:sagt|sagte|behauptet|antwortet|erklärt)(?::|,? {2}|,? ')",
        r"\bje (?:ein(?:e|en)?|einen) (?:anderen?|andere|anderes|unterschiedliche[nrs]?|verschiedene[nrs]?)\b|"
        r"\b(?:jede[rsm]?|alle) [^.?!]{0,30}?(?:andere[nrs]?|unterschiedlich|verschieden)|\b(?:unterschiedliche|"
        r"verschiedene) (?:berufe|farben|haustiere|getränke|häuser|sportarten|städte|autos)\b",
        r"\b(?:genau|nur) (?:einer|eine|ein) (?:von|der|lügt|sagt)\b|\bweder\b|\bkeine[rsn]? von\b|"
        r"\bmindestens einer\b",
        r"\b(?:größer|kleiner|älter|jünger|schneller|langsamer|schwerer) als\b|\b(?:ist|wird|wurde) (?:erste|"
        r"letzte|zweite|dritte)r?\b",
        r"\b(?:hat|trinkt|spielt|fährt|isst|besitzt|trägt|wohnt|mag|liest|studiert|arbeitet|sitzt|steht|fuhr|trank|"
        r"aß)(?: [a-zäöüß]+)? (?:keinen|keine|kein|nicht)\b",
        r"\bdas (?:rote|grüne|blaue|weiße|gelbe) haus\b|\b(?:steht|sitzt|ist) ganz (?:links|rechts|vorne|hinten)\b|"
        r"\b(?:ist|wurde) nicht (?:erste|letzte|zweite)r?\b",
    ),
    "ru": (
        r"\b(?:рядом с|слева от|справа от|напротив|по соседству|между [а-яё]+ и)\b",
        r"\b(?:сразу|прямо|непосредственно) (?:за|перед|после|слева|справа|над|под)\b",
        r"\b(?:с краю|по краям|на краю|посередине|в середине|в центре|в ряд|в один ряд|по кругу|за круглым столом)\b",
        r"\b(?:сидит|сидят|живёт|живет|живут)\b",
        r"\b(?:всегда|никогда не) (?:лж[её]т|лгут|врёт|врет|врут|говорит правду|говорят правду)\b|"
        r"\b(?:лжец|лгун|рыцар|обманщик)[а-яё]*|\bговор(?:ит|ят) правду\b|\bлж[её]т\b",
        r"\b(?:сказал|сказала|говорит|утверждает|ответил|ответила|заявил|заявила)(?::|,? {2}|,? ')",
        r"\b(?:на разных|разные|разных|разного цвета|разной)\b",
        r"\b(?:ровно|только) (?:один|одна|одно) из\b|\bодин из (?:них|тр[её]х|двух|братьев|друзей)\b|"
        r"\bни (?:[а-яё]+,? ){1,3}?ни\b|\bникто из\b|\bхотя бы один из\b",
        r"\b(?:старше|младше|быстрее|медленнее|тяжелее|выше|ниже) [а-яё]+(?:а|ы|и|я|ого|ей|ой)\b",
        r"\bне (?:на|рядом|сидит|живёт|живет|пь[её]т|держит|любит|играет)\b",
        r"\bна (?:первом|втором|третьем|последнем|верхнем) этаже\b|\bне (?:был|была|пришёл|пришел|пришла) "
        r"(?:первым|первой|последним|последней)\b",
    ),
    "zh": (
        r"左边|右边|左侧|右侧|旁边|隔壁|相邻|对面|中间|两端|最左|最右|一端|之间|排成一排|围坐|圆桌",
        # 说： / 说“ become 说 and a space when normalized
        r"说谎|撒谎|真话|假话|实话|骗子|老实人|说 ",
        r"各不相同|不同的|分别|各自|只有一(?:人|个|位)|有且只有|恰好有|至少有一|既不|都不是",
        r"比[^，。？！ ]{1,6}(?:高|矮|大|小|年轻|快|慢|重|轻)",
        r"不在|不是|也不|没有(?:养|喝|坐|住)",
        r"红房子|绿房子|蓝房子|白房子|黄房子|第[一二三四五]个|第[一二三四五]间",
    ),
    "ja": (
        r"右隣|左隣|隣|向かい|右側|左側|真ん中|両端|端に|一列|並んで|円卓|丸いテーブル|間に|座って|座る",
        r"嘘をつ|嘘つき|正直者|本当のこと|と言いました|と言った|と答え",
        r"1人だけ|一人だけ|ひとりだけ|1つだけ|一つだけ|それぞれ|別々|異なる|少なくとも",
        r"より(?:背が高|年上|年下|速|遅|重|軽)|ではない|ではありません|でもない|でもありません",
        r"赤い家|青い家|白い家|緑の家|(?:1|2|3|4|5|一|二|三|四|五)(?:番目|軒目)|犯人",
    ),
    "hi": (
        r"\b(?:के बगल में|के पास|के बाएँ|के बाएं|के दाएँ|के दाएं|के बीच|के सामने|बाईं ओर|दाईं ओर|बीच में|किनारे पर|"
        r"एक पंक्ति में)",
        r"\b(?:झूठ बोल|सच बोल|झूठा|झूठी|सच्चा|ईमानदार)",
        r"\b(?:ने कहा|कहता है|कहती है|कहा)(?::|,? {2}|,? ')",
        r"\b(?:अलग-अलग|अलग अलग|भिन्न|हर एक|प्रत्येक)\b",
        r"\b(?:केवल|सिर्फ़|सिर्फ|ठीक) एक\b|\bन (?:[^ ]+ ){1,4}?न\b",
        r"\bसे (?:लंबा|लंबी|छोटा|छोटी|बड़ा|बड़ी|तेज़|तेज|भारी|ऊँचा)\b",
        r"\b(?:में नहीं|नहीं रहता|नहीं रहती|नहीं बैठता|नहीं बैठती)\b",
        r"\b(?:नहीं बैठा|नहीं बैठी|पहले नहीं|आखिरी नहीं)",
    ),
}


# The structure of a posed puzzle in fewer words: a small group introduced by its number ("three friends",
# "drei Freunde", "三人", "तीन दोस्त"), a clue about "the person who ...", a negated fact in any verb ("Ana não
# gosta de ...", "Aは犬を飼っていません", "Cは犬も猫も飼っていません"). Each is one clue marker; a puzzle still needs
# ``puzzle_clues`` of them in two clauses or more around its question ("my three kids each want a different pet,
# which one ...?" has two and stays general chat).
_PUZZLE_CLUES: dict[str, tuple[str, ...]] = {
    "en": (r"\b(?:two|three|four|five|six|2|3|4|5|6) (?:friends|siblings|sisters|brothers|people|persons|students|"
           r"children|kids|colleagues|neighbou?rs|cousins|players|suspects|houses|boxes|doors|runners|guests|"
           r"roommates|coworkers|classmates)\b|\bthe (?:person|one|man|woman|boy|girl|friend|student|child|guest) "
           r"who\b|\b(?:doesn't|does not|didn't|did not) [a-z]+ (?:on|in|at|the|a|an|with|for|next|by)\b",),
    "es": (r"\b(?:dos|tres|cuatro|cinco|seis|2|3|4|5|6) (?:amig[oa]s|herman[oa]s|personas|estudiantes|alumn[oa]s|"
           r"niñ[oa]s|vecin[oa]s|compañer[oa]s|prim[oa]s|jugador(?:es|as)|sospechosos|casas|cajas|invitad[oa]s)\b|"
           r"\bla persona que\b|\bno (?:le )?(?:gusta|come|conduce|estudia|trabaja|toca|viste|usa|ganó|llegó)\b",),
    "pt": (r"\b(?:dois|duas|três|quatro|cinco|seis|2|3|4|5|6) (?:amig[oa]s|irmãos|irmãs|pessoas|alunos|alunas|"
           r"estudantes|crianças|vizinh[oa]s|colegas|prim[oa]s|jogador(?:es|as)|suspeitos|casas|caixas|"
           r"convidad[oa]s)\b|\ba pessoa que\b|\bnão (?:gosta|come|dirige|estuda|trabalha|toca|veste|usa|ganhou|"
           r"fica|ficou|mora)\b",),
    "fr": (r"\b(?:deux|trois|quatre|cinq|six|2|3|4|5|6) (?:ami(?:e)?s|frères|sœurs|personnes|élèves|étudiant(?:e)?s|"
           r"enfants|voisin(?:e)?s|collègues|cousin(?:e)?s|joueu(?:r|se)s|suspects|maisons|boîtes|invité(?:e)?s)\b|"
           r"\bla personne qui\b|\bn'[a-zéèêàç]+ (?:pas|ni|jamais)\b|\bne [a-zéèêàç]+ (?:pas|ni|jamais)\b",),
    "de": (r"\b(?:zwei|drei|vier|fünf|sechs|2|3|4|5|6) (?:freunde|freundinnen|geschwister|schwestern|brüder|personen|"
           r"schüler|schülerinnen|kinder|nachbarn|kollegen|kolleginnen|cousins|spieler|verdächtige|häuser|kisten|"
           r"gäste)\b|\bdie person,? die\b",),
    "ru": (r"\b(?:двое|трое|четверо|пятеро|два|две|три|четыре|пять|2|3|4|5|6) (?:друг|подруг|брат|сестр|человек|"
           r"студент|ученик|реб[её]н|детей|сосед|коллег|игрок|подозреваем|дом|короб|гост)[а-яё]*|\bтот,? кто\b",),
    "zh": (r"(?:二|两|三|四|五|六)个?人|(?:三|四|五|六)(?:位|个(?:朋友|同学|孩子|兄弟|姐妹))|的人(?:是|不是|住在|坐在)",),
    "ja": (r"の(?:2|3|4|5|6|２|３|４|５|６|二|三|四|五|六)人|てい(?:ません|ない)|でいません|も[^。、]{1,10}も[^。]{0,12}(?:ません|ない)",),
    "hi": (r"\b(?:दो|तीन|चार|पाँच|पांच) (?:दोस्त|मित्र|भाई|बहनें|बहनों|लोग|व्यक्ति|छात्र|बच्चे|पड़ोसी|घर|डिब्बे)",),
}
for _lang, _entries in _PUZZLE_CLUES.items():
    CLUE[_lang] = CLUE[_lang] + _entries

# Questions of a posed puzzle that do not start with who / which: "What did Lena order?", "丙的职业是什么？",
# "श्याम कहाँ रहता है?" (in a question; they count only with the clues around them, like every puzzle cue).
_PUZZLE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "en": (r"what (?:[\w-]+ )?(?:did|does|do) [\w-]+ (?:[\w-]+ )?(?:order|own|have|drink|play|wear|drive|study|eat|"
           r"keep|choose|pick|get|buy|teach|cook|take|bring|do for a living)\b" + _Q,),
    "es": (r"qu[eé] (?:pidi[oó]|tiene|bebe|toca|estudia|come|lleva|conduce) [a-záéíóúñ]+\b" + _Q,),
    "pt": (r"o que (?:cada um|[a-záéíóúãõç]+ (?:pediu|tem|bebe|toca|estuda|come|usa|dirige))\b" + _Q,),
    "fr": (r"qu'(?:a|est-ce que) [a-zéèêàç]+ (?:commandé|choisi|a|boit|joue|étudie|mange|porte)?\b" + _Q,),
    "de": (r"was (?:hat|trinkt|spielt|isst|studiert|trägt|fährt|bestellt|bestellte) [a-zäöüß]+\b" + _Q,),
    "ru": (r"что (?:заказал|заказала|пь[её]т|ест|носит|изучает|держит|выбрал|выбрала)\b" + _Q,),
    "zh": (r"的是(?:什么|谁|哪)(?=[^。！!]{0,20}[？?])|(?:职业|工作|颜色|国籍|宠物|身份|专业|爱好|名字)(?:分别|各)?是什么(?=[^。！!]{0,20}[？?])|(?:分别|各)是什么"
           r"(?=[^。！!]{0,20}[？?])|住在哪(?=[^。！!]{0,20}[？?])",),
    "ja": (r"(?:何を(?:飼って|注文し|飲んで|持って|選ん)|(?:職業|仕事|名前|ペット|国籍|担当|専攻|趣味|飲み物)は何)"
           r"(?=[^。！!]{0,30}(?:[？?]|か[。.]|か$))",),
    "hi": (r"(?:कहाँ|कहां) (?:रहता|रहती|रहते|बैठता|बैठती|बैठते|काम करता|काम करती)(?=[^!.?]{0,60}\?)",),
}
for _lang, _entries in _PUZZLE_QUESTIONS.items():
    PUZZLE[_lang] = PUZZLE[_lang] + _entries

# Rule 7 phrases do not count in an opinion question: "What do you think about the trade-off ...?", "In your
# opinion, which approach is better?" ask for the assistant's view (see :mod:`.frames`).
OPINION: dict[str, tuple[str, ...]] = {
    "en": (r"\b(?:what do you think|what(?:'s| is| are) your (?:opinion|view|views|take|thoughts|stance|position|"
           r"feeling)|(?:in|from) your (?:opinion|view|experience)|how do you feel about|do you think|do you believe|"
           # how a third party goes about it: "how does a spam filter decide whether ...?" describes a process
           r"how (?:does|do|did) (?:a|an|the|this|that|these|those) [\w-]+(?: [\w-]+)?|"
           r"would you say|your (?:honest )?(?:opinion|thoughts|take|views?) (?:on|about|of)|what would you say)\b",),
    "es": (r"\b(?:qu[eé] opinas|qu[eé] piensas|qu[eé] te parece|en tu opini[oó]n|a tu juicio|para ti|tu opini[oó]n|"
           r"crees que|qu[eé] opina usted)\b",),
    "pt": (r"\b(?:o que (?:você|vc|tu) acha|o que acha|na sua opini[ãa]o|na tua opini[ãa]o|pra você|para você|"
           r"(?:você|vc) acha que|sua opini[ãa]o)\b",),
    "fr": (r"\b(?:à ton avis|à votre avis|qu'en penses-tu|qu'en pensez-vous|que penses-tu|que pensez-vous|"
           r"selon toi|selon vous|tu penses que|ton avis|votre avis|tu trouves que)\b",),
    "de": (r"\b(?:was hältst du|was halten sie|was denkst du|was meinst du|deiner meinung nach|ihrer meinung nach|"
           r"wie findest du|glaubst du|findest du|deine meinung)\b",),
    "ru": (r"\b(?:как ты думаешь|как вы думаете|что ты думаешь|что вы думаете|по-твоему|по-вашему|"
           r"по твоему мнению|по вашему мнению|твоё мнение|твое мнение|ваше мнение|как тебе)\b",),
    "zh": (r"你觉得|你认为|你怎么看|您觉得|您认为|你的看法|你的意见|依你看|在你看来",),
    "ja": (r"どう思い|どう思う|どう考え|あなたの意見|ご意見|あなたの考え|あなたはどう",),
    "hi": (r"\b(?:आपकी राय|तुम्हारी राय|आपके विचार से|आपके हिसाब से|आप क्या सोचते|तुम क्या सोचते|आपको क्या लगता|"
           r"तुम्हें क्या लगता)",),
}

# Rule 8 cues do not count in a question about the task: "How should I summarize a book?", "Any tips for
# summarizing papers?" (see :mod:`.frames`), unless the text to work on follows, quoted or after a colon.
# ``about`` frames stand before the cue in its sentence, ``about_after`` frames after it ("本を要約するコツ",
# "把诗翻译成英文有什么技巧", "सारांश कैसे लिखें", "Summarizing papers: any tips?").
ABOUT: dict[str, tuple[str, ...]] = {
    "en": (
        r"\bhow (?:do|does|should|can|could|might|must|did) (?:i|we|you|one|people|someone|students|a person|"
        r"beginners|translators|professionals)\b|\bhow (?:best )?to\b",
        r"\b(?:tips?|advice|tricks?|techniques?|strategies|strategy|guidelines?|best practices?|rules?|"
        r"suggestions?|a guide|methods?|a method|approach(?:es)?|an approach|resources?|tools?|apps?) "
        r"(?:for|on|about|to|when|that help)\b|\b(?:any|some|your) (?:tips|advice|tricks|suggestions|pointers)\b",
        r"\b(?:best|easiest|fastest|quickest|right|proper|correct|good|better|smart|effective|efficient) "
        r"(?:way|ways|method|methods|approach|practice|practices) (?:to|of|for)\b",
        r"\b(?:learn(?:ing)? (?:to|how)|get(?:ting)? (?:better|good|faster|quicker) at|become (?:better|good) at|"
        r"improve (?:my|at|your|our)|good at|bad at|better at)\b",
        r"\b(?:is it|it's|it is) (?:better|hard|harder|difficult|easy|easier|possible|worth it|ok|okay|normal) to\b|"
        r"\bwhy is it (?:so )?(?:hard|difficult)\b|\bwhat makes (?:a )?good\b|\bwhat should (?:i|we|one) (?:keep in "
        r"mind|know|consider|avoid|focus on|pay attention to)\b|\b(?:mistakes|pitfalls|things) to (?:avoid|keep in "
        r"mind|consider)\b|\b(?:when|while) (?=[a-z-]+ing\b)",
    ),
    "es": (
        r"\bc[oó]mo (?:puedo|podr[ií]a|podemos|debo|deber[ií]a|debemos|se (?:puede|debe)|hago|hacer|hay que|"
        r"aprendo|aprender|mejorar|consigo|lograr|empiezo)\b",
        r"\b(?:consejos?|trucos?|tips|técnicas?|estrategias?|recomendaciones|pautas|ideas) (?:para|sobre|de|al)\b|"
        r"\b(?:la |el )?mejor (?:manera|forma|método|modo) de\b|\baprender a\b|\bmejorar (?:mi|en|a la hora de)\b|"
        r"\bqu[eé] (?:debo|hay que|tengo que) tener en cuenta\b|\berrores (?:comunes|t[ií]picos|que evitar)\b|"
        r"\b(?:es|resulta) (?:difícil|fácil|mejor|complicado) ",
    ),
    "pt": (
        r"\bcomo (?:posso|poderia|podemos|devo|deveria|devemos|faço|fazer|se (?:faz|deve|pode)|aprender|aprendo|"
        r"melhorar|consigo|conseguir|começo)\b",
        r"\b(?:dicas?|truques?|técnicas?|conselhos?|estratégias?|sugestões|ideias) (?:para|de|sobre|pra)\b|"
        r"\b(?:a |o )?melhor (?:maneira|forma|jeito|modo|método) de\b|\baprender a\b|\bmelhorar (?:meu|minha|em|a)\b|"
        r"\bo que (?:devo|preciso) (?:levar em conta|considerar|evitar)\b|\berros (?:comuns|que evitar)\b|"
        r"\bé (?:difícil|fácil|melhor|complicado) ",
    ),
    "fr": (
        r"\bcomment (?:puis-je|dois-je|faire|bien|on|je|peut-on|faut-il|apprendre|améliorer|réussir|devenir)\b",
        r"\b(?:conseils?|astuces?|techniques?|méthodes?|stratégies?|trucs?|idées) (?:pour|sur|de|d')|"
        r"\b(?:la )?meilleure (?:façon|manière|méthode) de\b|\bapprendre à\b|\bm'améliorer\b|"
        r"\bà quoi (?:dois-je|faut-il) faire attention\b|\berreurs (?:courantes|à éviter)\b|"
        r"\b(?:est-il|est-ce|c'est) (?:difficile|facile|mieux|plus facile) de\b",
    ),
    "de": (
        r"\bwie (?:(?:kann|könnte|soll|sollte|muss|kannst|sollst|lerne|lernt|mache|macht|fasse|fasst|übersetze|"
        r"übersetzt|schreibe|schreibt|korrigiere|korrigiert|gehe|geht) )?(?:ich|man|wir|du)\b",
        r"\b(?:tipps?|ratschläge?|ratschlag|tricks?|methoden?|strategien?|ideen) (?:für|zum|zur|wie|dazu|,)|"
        r"\b(?:beste|einfachste|schnellste|richtige) (?:art|weise|methode|möglichkeit)\b|\bworauf (?:muss|sollte) "
        r"(?:ich|man) (?:achten|aufpassen)\b|\b(?:typische|häufige) fehler\b|"
        r"\b(?:lernen|lerne) (?:ich|man|wir)?\b|\b(?:ist es|es ist) (?:schwer|leicht|schwierig|besser|einfacher)\b",
    ),
    "ru": (
        r"\bкак (?:лучше|правильно|мне|нам|можно|нужно|надо|стоит|научиться|быстро|быстрее|хорошо|грамотно|"
        r"эффективно)\b",
        r"\b(?:советы?|лайфхаки?|при[её]мы|способы|рекомендации|секреты)\b|\b(?:лучший|самый простой|"
        r"самый быстрый) способ\b|\bнаучиться\b|\bсложно ли\b|\bтрудно ли\b|\bна что обратить внимание\b|"
        r"\b(?:типичные|частые) ошибки\b",
    ),
    "zh": (r"怎么|怎样|如何|有什么(?:技巧|方法|窍门|诀窍|建议)",),
    "ja": (r"どうやって|どのように|どうすれば|どうしたら",),
    "hi": (r"\b(?:कैसे|टिप्स|सुझाव|तरीका|तरीके|सीखना|सीखें|सीखूँ|सीखूं)",),
}
ABOUT_AFTER: dict[str, tuple[str, ...]] = {
    "en": (r"\b(?:any|some) (?:tips|advice|tricks|suggestions|pointers)\b",),
    "es": (r"\b(?:algún|algunos|algunas|alguna) (?:consejos?|trucos?|tips|recomendaci[oó]n(?:es)?)\b",),
    "pt": (r"\b(?:alguma|algumas|algum) (?:dicas?|truques?|conselhos?)\b",),
    "fr": (r"\b(?:des|quelques) (?:conseils|astuces|trucs)\b",),
    "de": (r"\b(?:irgendwelche|ein paar|gute) (?:tipps|tricks|ratschläge)\b",),
    "ru": (r"\b(?:есть )?(?:советы|лайфхаки|секреты)\b",),
    "zh": (r"技巧|窍门|诀窍|秘诀|注意事项|要领|的方法|好方法|有什么方法|有什么建议|怎么|如何|有什么用|有什么作用|的原理|是什么",),
    "ja": (r"コツ|方法|やり方|秘訣|注意点|には(?:どう|何)|ためには|どうすれば|どうしたら|上達|とは|仕組み|どんな(?:仕事|場面|用途|ところ)",),
    "hi": (r"\b(?:कैसे|टिप्स|सुझाव|तरीका|तरीके|सलाह)",),
}

# Rule 7: the question of a word problem (counts only with its quantities, see the module docstring).
WORD_PROBLEM: dict[str, tuple[str, ...]] = {
    # Questions for a quantity: a count, an amount, a time, a share (percentage, fraction, concentration), a
    # probability, or whether there is enough (time, money) — each counts only with its quantities.
    "en": (
        # "how long should we wait?" asks for advice, not for a quantity computed from the ones given
        r"how (?:many|much|long|far|fast|old|often|tall|high|heavy|big|wide|deep)\b"
        r"(?!(?: [\w'-]+){0,3}? should (?:i|we|you|one|my|our|they|he|she)\b)|"
        r"what(?:'s| is| was| will be| would be) (?:the |her |his |their |its |my )?(?:[\w-]+ )?(?:total|average|final|"
        r"remaining|new|sum|difference|cost|price|speed|distance|area|perimeter|volume|ratio|profit|percentage|"
        r"length|width|height|concentration|fraction|proportion|share|probability|likelihood|temperature|weight|"
        r"mass|duration|interest|discount|rate|amount|carat)\b|"
        r"(?:what|which) (?:percentage|percent|fraction|proportion|share|concentration|ratio|carat|karat|temperature|"
        r"weight|mass|volume|amount|quantity|speed|distance|length|area|price|cost|time|day|hour|train|bus|flight|"
        r"probability)\b|"
        r"(?:what are|what's|what is|what were) the (?:odds|chances|probability|likelihood)\b|"
        r"(?:probability|chances?|likelihood) (?:of|that)\b|"
        # two trains, a cyclist and a car: when, where, how far from A do they meet or pass each other
        r"(?:where|at what (?:distance|point|place)) (?:will|does|do|would|did|should|can|must) (?:[\w-]+ ){0,4}?"
        r"(?:catch up|meet|overtake|pass|cross|collide)\b|at what (?:distance|point) from\b|"
        r"how far from (?:[\w-]+ ){1,3}?(?:will|do|does|would) (?:they|the)\b|"
        r"when (?:will|does|do|would|did|should|can|must) (?:[\w-]+ ){0,4}?(?:catch up|meet|overtake|pass|cross|arrive|reach|"
        r"finish|get (?:to|there|home|back|in)|land|be (?:done|back|there|ready|finished)|run out|break even|"
        r"pay off)\b|(?:at )?what time (?:will|does|do|would|did|should|must)\b|"
        r"(?:is|was|will|would) (?:there|that|it) (?:be )?enough (?:time|money|room|space|fuel|paint|food)\b|"
        r"(?:do|does|will|would|can) (?:i|we|he|she|they|you|it|the [\w-]+) (?:have enough|make it|catch|make the|arrive|"
        r"get (?:there|in|home|back)|reach|be (?:on time|there|late|back))\b|in time (?:for|to)\b|"
        r"(?:find|calculate|compute|determine|work out|figure out) (?:the |his |her |their )?(?:total|average|"
        r"sum|difference|cost|price|speed|distance|area|perimeter|volume|number|value|probability|percentage|"
        r"ratio|time|length|width|height|amount|answer|remainder|result|concentration|fraction)\b|"
        r"(?:calculate|compute|work out|figure out) (?:how|what)\b",
    ),
    "es": (
        r"cu[aá]nt[oa]s?\b|qu[eé] (?:distancia|velocidad|edad|precio|porcentaje|proporci[oó]n|fracci[oó]n|parte|"
        r"concentraci[oó]n|cantidad|probabilidad|volumen|peso|masa|temperatura|tanto por ciento)\b|calcul(?:a|e|ar)\b|"
        r"halla\b|(?:encuentra|determina) (?:el|la|los|las|su)\b|"
        r"cu[aá]l (?:es|será|fue|era|sería) (?:el|la|su|sus) (?:total|precio|velocidad|distancia|área|promedio|media|"
        r"edad|probabilidad|porcentaje|concentraci[oó]n|proporci[oó]n|fracci[oó]n|ganancia|beneficio|descuento|"
        r"duraci[oó]n)\b|probabilidad (?:de|hay|tiene|existe)\b|"
        r"(?:d[oó]nde|cu[aá]ndo|en qu[eé] (?:punto|lugar|momento)) (?:se )?(?:cruzan|cruzar[aá]n|encuentran|"
        r"encontrar[aá]n|alcanza|alcanzar[aá]|adelanta|adelantar[aá]|juntan)\b|"
        r"a qu[eé] hora|(?:le|me|nos|les|te) da tiempo|llegar?(?:á|án|é|emos|a|an)? a tiempo|tiempo suficiente",
    ),
    "pt": (
        r"quant[oa]s?\b|qual (?:é |será |foi |e |seria )?(?:o|a|sua|seu) (?:sua |seu )?(?:total|preço|velocidade|"
        r"distância|área|média|idade|probabilidade|porcentagem|percentagem|concentração|proporção|fração|lucro|"
        r"desconto|duração|chance)\b|que (?:porcentagem|percentagem|percentual|fração|fracção|parte|proporção|"
        r"concentração|quantidade|probabilidade|volume|peso|massa|temperatura)\b|probabilidade de\b|"
        r"calcul(?:e|a|ar)\b|(?:determine|encontre) (?:o|a|os|as|sua|seu)\b|"
        r"(?:onde|quando|em que (?:ponto|lugar|momento)|a que distância) (?:[\wáéíóúãõç]+ ){0,3}?(?:se )?(?:cruzam|"
        r"cruzarão|encontram|encontrarão|alcança|alcançará|ultrapassa)\b|"
        r"a que horas|dá tempo|da tempo|chega(?:rá|m|remos)? a tempo|tempo suficiente",
    ),
    "fr": (
        r"combien\b|quel(?:le)? (?:est|sera|était|serait) (?:le |la |l'|sa |son |leur |ses )(?:total|prix|vitesse|"
        r"distance|aire|moyenne|âge|longueur|durée|bénéfice|concentration|pourcentage|proportion|fraction|"
        r"probabilité|teneur|quantité|volume|masse|température|part|chance|taux|intérêt|remise|heure)\b|"
        r"quel(?:le)?s? (?:pourcentage|proportion|fraction|concentration|quantité|probabilité|volume|masse|heure|"
        r"durée|distance|somme|part|teneur|température|train|vitesse)\b|probabilit[ée] (?:de|d'|que|qu'|pour)|"
        r"(?:où|quand|à quel (?:endroit|moment|point)) (?:[\wéèêàç'-]+ ){0,3}?(?:se )?(?:croisent|croiseront|rencontrent|rencontreront|"
        r"rattrape|rattrapera|dépasse|dépassera)|"
        r"à quelle heure|calcule[rz]?\b|(?:détermine|trouve)[rz]? (?:le|la|les|l'|sa|son)|"
        r"(?:aura|a|ont|auront)-t-(?:il|elle|ils|elles) (?:le temps|assez de temps)|(?:arriver|arrivera)[^.?!]{0,20}? "
        r"à temps|assez de temps",
    ),
    "de": (
        r"wie (?:viele?|lange|weit|alt|schnell|hoch|groß|oft|schwer|spät|teuer)\b|wieviele?\b|"
        r"wann (?:treffen|erreichen|überholen|kommt|kommen|ist|sind|fährt|fahren|trifft|erreicht|überholt|landet|"
        r"muss|müssen|begegnen|kreuzen)\b|wo (?:treffen|begegnen|überholen|kreuzen|erreichen|trifft|überholt)\b|"
        r"in welcher entfernung|an welcher stelle|nach wie vielen|um (?:wie ?viel|welche) uhr(?:zeit)?|"
        r"welche[nrsm]? (?:[a-zäöüß-]+ )?[a-zäöüß-]*(?:gehalt|anteil|konzentration|wahrscheinlichkeit|preis|betrag|"
        r"summe|geschwindigkeit|dauer|uhrzeit|menge|temperatur|fläche|länge|höhe|gewicht|masse|volumen|prozentsatz|"
        r"zug|bus|gewinn)\b|wahrscheinlichkeit(?:,)? (?:dass|für|von|zu)\b|"
        r"(?:genug|genügend|ausreichend) zeit|rechtzeitig|berechne\b|(?:bestimme|ermittle) (?:den|die|das)\b",
    ),
    "ru": (
        r"сколько\b|какое расстояние|какую сумму|какова (?:скорость|длина|площадь|цена|сумма|вероятность|"
        r"концентрация|доля|масса|стоимость|температура|продолжительность|ширина|высота|средняя|прибыль|скидка)|"
        r"(?:какой|какая|какое|какую|каков) (?:процент|объ[её]м|вес|путь|доля|долю|часть|концентрация|вероятность|"
        r"масса|массу|прибыль|время)\b|с какой вероятностью|вероятность (?:того|что)|в котором часу|"
        r"успе(?:ет|ют|ем|ю) ли|хватит ли|на каком расстоянии|в каком месте|"
        r"(?:где|когда) (?:[а-яё]+ ){0,3}?(?:встретятся|встречаются|пересекутся|догонит|догонят|"
        r"поравняются)\b|"
        r"через (?:сколько|какое время)|во сколько|(?:найди|найдите|вычисли|вычислите|определи|определите) "
        r"(?:[а-яё]+ )?(?:скорость|расстояние|время|длину|площадь|периметр|сумму|цену|число|количество|возраст|"
        r"массу|объём|объем|вероятность|концентрацию|долю)",
    ),
    "zh": (
        # 几个 is also "a few" (有几个人 = some people): as a question it ends its sentence with a question mark
        r"多少|几(?=[个只本天年人次岁辆条张块元米分钟小时周倍箱盒件位名种支台斤克公里千米页点])[^。！？!?]{0,20}[？?]|"
        r"多久|多长时间|多远|多重|何时|何处|哪里相遇|追上|赶上|求(?:出|得)|计算(?:出|一下)|概率|几率|几分之几|来得及",
    ),
    "ja": (
        r"何(?:個|人|本|枚|円|分|秒|時間|時|歳|キロ|メートル|センチ|グラム|リットル|回|日|週間|か月|ヶ月|カ月|年|通り|台|匹|頭|"
        r"冊|杯|ページ|倍|割|%|％|パーセント|g|kg|km|m|cm|l|ml|番目|点|人分)|いくつ|幾つ|いくら|どれくらい|"
        r"どのくらい|どれだけ|どれほど|確率|間に合|追いつ|どこで|求めなさい|求めよ|求めてください|計算して|計算しなさい",
    ),
    "hi": (
        r"कितन(?:ा|े|ी|ों)|ज्ञात (?:कीजिए|करें|करो|कीजिये)|गणना (?:कीजिए|करें|करो)|"
        r"(?:कब|कहाँ|कहां|कितनी दूरी पर) (?:[^ ]+ )?(?:मिलेंगे|मिलेंगी|मिलेगी|मिलेगा|पहुँचेगा|पहुंचेगा|पहुँचेगी|पहुंचेगी|"
        r"पहुँचेंगे|पहुंचेंगे|पकड़ेगा|पकड़ेगी)|किस समय|कितने बजे|समय पर पहुँच|"
        r"(?:की )?संभावना (?:क्या|कितनी)|"
        r"समय पर पहुंच",
    ),
    "it": (
        r"quant[oiea]\b",
    ),
    "ko": (
        r"몇",
    ),
}

# The units of a chance experiment count as quantities too: "I roll two dice. What's the probability that
# the sum is 7?" has its data in the dice, "the probability of rain tomorrow" has none.
QUANTITY: dict[str, tuple[str, ...]] = {
    "any": (r"\d+(?:[.,:/]\d+)*",),
    "en": (
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
        r"million|dozen|half|twice|thrice|triple|quarter)\b",
        r"\b(?:dice|die|coins?|cards|deck|urns?|marbles|balls|rolls|draws|flips|tosses)\b",
    ),
    "es": (
        r"\b(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cuarenta|"
        r"cincuenta|cien|ciento|mil|docena|mitad|doble|triple)\b",
        r"\b(?:dados|monedas?|cartas|baraja|urna|bolas|canicas|tiradas|lanzamientos)\b",
    ),
    "pt": (
        r"\b(?:dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|quinze|vinte|trinta|cem|cento|"
        r"mil|dúzia|metade|dobro|triplo)\b",
        r"\b(?:dados|moedas?|cartas|baralho|urna|bolas|bolinhas|lançamentos)\b",
    ),
    "fr": (
        r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille|"
        r"douzaine|moitié|double|triple)\b",
        r"\b(?:dés|dé|pièces|cartes|urne|boules|billes|lancers|tirages)\b",
    ),
    "de": (
        r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|hundert|"
        r"tausend|dutzend|hälfte|doppelt|halb|halbe)\b",
        r"\b(?:würfel|münzen?|karten|kartenspiel|urne|kugeln|würfe)\b",
    ),
    "ru": (
        r"\b(?:два|две|двух|двум|трое|три|трёх|трех|четыре|четырёх|пять|пяти|шесть|шести|семь|семи|восемь|"
        r"восьми|девять|девяти|десять|десяти|двадцать|сто|ста|тысяча|тысячи|половина|половину|вдвое|втрое|"
        r"дюжина)\b",
        r"\b(?:кубик[а-яё]*|игральн[а-яё]+|монет[а-яё]*|карт[аыу]?|колод[а-яё]+|урн[а-яё]*|шар(?:ов|а|ы|ик[а-яё]*)?)\b",
    ),
    "zh": (
        r"(?:[二两三四五六七八九十百千万]|一[十百千万])[零〇一二两三四五六七八九十百千万]*"
        r"(?=[个只本天年人次岁辆条张块元米分钟小时周倍箱盒件位名种支台斤克公里千米页])|半(?=[小天年个])",
        r"骰子|硬币|扑克|纸牌|[红白黑蓝黄绿]球",
    ),
    "ja": (
        r"(?:[二三四五六七八九十百千万]|一[十百千万])[一二三四五六七八九十百千万]*"
        r"(?=[個人本枚円分時間歳台匹冊杯回日つ])",
        r"サイコロ|さいころ|コイン|硬貨|トランプ|カード|[赤白黒青]玉",
    ),
    "hi": (
        r"\b(?:दो|तीन|चार|पाँच|पांच|छह|छः|सात|आठ|नौ|दस|बारह|बीस|तीस|पचास|सौ|हज़ार|हजार|आधा|आधे|आधी|दुगुना|दोगुना)\b",
        r"\b(?:पासा|पासे|पासों|सिक्का|सिक्के|सिक्कों|ताश|पत्ते|पत्तों|गेंदें|गेंद)\b",
    ),
}

GIVEN: dict[str, tuple[str, ...]] = {
    # ... and the words of a chance experiment ("at least one six in four rolls", "drawn at random")
    "en": (r"\b(?:if|given|assuming|per|each|every|at least|at most|exactly|at random|randomly|without replacement|"
           r"with replacement|in a row)\b|at a rate",),
    "es": (r"\b(?:si|cada|por|al menos|como mínimo|exactamente|al azar|sin reposición|con reposición)\b",),
    "pt": (r"\b(?:se|cada|por|pelo menos|no mínimo|exatamente|ao acaso|sem reposição|com reposição)\b",),
    "fr": (r"\b(?:si|chaque|par|au moins|exactement|au hasard|sans remise|avec remise)\b",),
    "de": (r"\b(?:wenn|falls|pro|je|jede[nrs]?|mindestens|genau|zufällig|ohne zurücklegen|mit zurücklegen)\b",),
    "ru": (r"\b(?:если|каждый|каждая|каждое|каждые|каждую|в час|в день|хотя бы|ровно|наугад|случайно)\b",),
    "zh": (r"如果|假如|每|至少|恰好|随机",),
    "ja": (r"もし|毎|につき|ずつ|少なくとも|ちょうど|無作為|ランダム",),
    "hi": (r"\b(?:अगर|यदि|प्रति|हर|कम से कम|यादृच्छिक)\b",),
}

# --------------------------------------------------------------------------------------------------
# Rule 8: simple summarize / classify / translate / rewrite (and trivial "reply with X") tasks
# --------------------------------------------------------------------------------------------------
_TR_TARGETS = {
    "es": r"inglés|español|castellano|francés|alemán|italiano|portugués|chino|mandarín|japonés|ruso|árabe|catalán|"
          r"gallego|euskera|coreano|hindi|neerlandés|holandés|polaco|turco|griego|sueco|latín",
    "pt": r"inglês|espanhol|castelhano|francês|alemão|italiano|português|chinês|mandarim|japonês|russo|árabe|"
          r"coreano|hindi|holandês|polonês|turco|grego|latim",
    "fr": r"anglais|espagnol|allemand|italien|portugais|chinois|mandarin|japonais|russe|arabe|français|"
          r"néerlandais|coréen|hindi|polonais|turc|grec|latin",
    "de": r"englisch|deutsch|französisch|spanisch|italienisch|portugiesisch|chinesisch|japanisch|russisch|"
          r"arabisch|türkisch|polnisch|niederländisch|koreanisch|griechisch|latein|schwedisch",
    "ru": r"английск|русск|немецк|французск|испанск|китайск|японск|итальянск|португальск|арабск|украинск|корейск|"
          r"турецк|польск",
}
SIMPLE: dict[str, tuple[str, ...]] = {
    "en": (
        _task_verb(r"summari[sz](?:e|ing)\b") + r"|summary of|a summary\b|(?:short|brief|quick|one-line|one-sentence|"
        r"two-sentence|one-paragraph) summary|tl;? ?dr|sum (?:it |this |that )?up|recap (?:this|the)|"
        r"key (?:points|takeaways) (?:of|from)|condense (?:this|the|it)|boil (?:this|it) down|gist of|"
        r"(?:give me|what's|what is) the gist\b",
        # the verb, or the noun right before its target ("the translation of the Bible into Latin" is a topic)
        r"translate\b[^.?!\n]{0,60}?\b(?:into|to|in) (?:" + _LANG_NAMES + r")\b|"
        r"translation (?:into|to|in) (?:" + _LANG_NAMES + r")\b",
        r"translate (?:this|the following|these|it|that|my|the (?:text|sentence|phrase|word|paragraph|"
        r"email|message|title|following|below))\b|how (?:do you|to|would you|do i|can i) say\b[^?\n]{0,60}?"
        r"\bin (?:" + _LANG_NAMES + r")\b|means? in (?:" + _LANG_NAMES + r")\b",
        # translation without the verb: "put this into Spanish", "what's 'thank you' in Japanese?", "in German, please"
        r"(?:put|turn|render|convert|change|write|say) (?:this|it|that|these|the following|my [\w-]+|the (?:[\w-]+ )?"
        r"(?:text|sentence|phrase|word|paragraph|email|message|note|title|line|caption|sign))\b[^.?!\n]{0,30}?"
        r"\b(?:into|in) (?:" + _LANG_NAMES + r")\b|"
        r"what(?:'s| is| does) [^?\n]{1,60}? (?:mean )?in (?:" + _LANG_NAMES + r")(?= ?[?.!]| *$)|"
        r"(?:in|into) (?:" + _LANG_NAMES + r"),? please\b",
        r"(?:classify|categori[sz]e|label|tag) (?:this|the|these|each|every|following|it|them|whether|as|"
        r"into|the sentiment|all)\b|sentiment (?:of|analysis|classification)|(?:tone|sentiment|mood|emotion) "
        r"of (?:this|the following|these|that|the message|the text|the email|the review)\b|"
        r"is (?:this|it|the following) (?:\w+ )?(?:spam|positive|negative|toxic|neutral|sarcastic|offensive)\b|"
        r"what language is (?:this|that|the following)\b|(?:detect|identify|determine|guess) the language\b|"
        r"(?:sort|group|split|bucket) (?:these|the following|this list|each of these|them)\b[^.?]{0,60}?\binto\b|"
        r"(?:which|what) category (?:does|do|is|are|would|should)\b",
        # the base form (a request); "proofreading my writing" names the task unless it has an object
        r"(?:" + "|".join(_task_verb(v) for v in ("rewrite", "rephrase", "paraphrase", "reword", "proofread",
                                                  "copyedit", "copy-edit")) + r")\b|"
        r"(?:rewriting|rephrasing|paraphrasing|rewording|proofreading) (?:this|the following|these|my [\w-]+ below)\b|"
        r"(?:fix|correct|check) (?:the |my |any |this |all )?(?:grammar|spelling|typos|punctuation)|"
        r"(?:check|look|scan|go|read|comb|give) [^.?!\n]{0,40}?\bfor (?:any )?(?:typos|spelling|grammar|grammatical|"
        r"punctuation)\b|"
        r"make (?:this|it|that|the|my)(?: [\w-]+)? (?:sound )?(?:more |less |a bit |slightly )?(?:formal|"
        r"informal|casual|professional|polite|friendly|friendlier|concise|shorter|clearer|simpler|persuasive|"
        r"engaging|courteous|respectful|diplomatic|tactful|gentler|softer|warmer|nicer|kinder|businesslike|natural|"
        r"fluent|idiomatic|blunt|harsh|rude|aggressive|stiff|robotic|wordy|awkward)|(?:turn|change|convert|put) (?:this|it|that|the following|my [\w-]+) (?:[\w-]+ ){0,2}?"
        r"(?:into|to|in) (?:a |an )?(?:more |less )?(?:formal|informal|casual|polite|professional|friendlier|"
        r"concise|plain|simpler|courteous|respectful|diplomatic)\b|"
        r"(?:shorten|simplify|polish|tighten) (?:this|the|my|it)\b|"
        r"(?:say|write|put|phrase|word|rewrite) (?:it|this|that) (?:a bit |slightly )?(?:more |less )?(?:politely|formally|"
        r"informally|casually|professionally|diplomatically|tactfully|gently|kindly|simply|clearly|concisely|briefly)\b|"
        r"in (?:simpler|plain|fewer) (?:words|english|language)",
        r"reply with (?:exactly|only|just)|respond with (?:exactly|only|just)|answer (?:only )?with "
        r"(?:yes or no|a single word|one word|only)|one[- ]word answer|say (?:only|exactly|just)\b|"
        r"(?:answer|reply|respond) (?:only )?(?:yes or no|with yes or no)",
        # the role a system prompt gives: "You are a professional English-German translator."
        r"(?:you are|you're|act as|acting as|serve as|behave as|you will act as|you work as|your role is) "
        r"(?:a |an |the )?(?:[\w-]+ ){0,3}?(?:translator|proofreader|copy ?editor|copyeditor|summari[sz]er|"
        r"classifier|tagger|(?:translation|summari[sz]ation|proofreading|classification|grammar) (?:assistant|bot|"
        r"engine|model|tool|service|system))\b|"
        r"your (?:only |sole |one |main )?(?:job|task|role|purpose|function) is to (?:translate|summari[sz]e|classify|"
        r"categori[sz]e|proofread|correct|paraphrase|rewrite|label|tag)\b|"
        # "you must always classify the intent before answering" is a step of a support bot, not its task
        r"you (?:only|just|will|must|should|always)(?: only| just| always)? (?:translate|summari[sz]e|proofread|"
        r"paraphrase|rewrite)\b",
    ),
    "es": (
        r"resume (?:el|la|los|las|este|esta|esto|lo|en|brevemente)\b|resumir|resúme(?:me|lo|la)|"
        r"haz(?:me)? un resumen|un resumen de",
        # the infinitive "traducir" names the task in general unless it has an object or a target language
        r"tradu(?:ce|zca|ceme|céme|ces|cirías|ciría)\b|tradúce(?:me|lo|la)|traducción (?:al|del)\b|"
        r"tra(?<!cómo tra)(?<!como tra)(?<! de tra)ducir(?:me|lo|la|los|las)?\b[^.?!\n]{0,40}?\b(?:al|a|en) (?:" + _TR_TARGETS["es"] + r")\b|"
        r"traducir(?:me|lo|la)? (?:esto|este|esta|estos|estas|eso|el texto|la frase|el siguiente|la siguiente|"
        r"mi|el mensaje|el correo)\b|traducir(?:me)?(?:lo|la)\b|"
        r"c[oó]mo se dice\b[^?¿\n]{0,60}?\ben [a-záéíóúñ]+|"
        r"(?:c[oó]mo (?:queda|quedar[ií]a|se dir[ií]a|ser[ií]a|dir[ií]a|digo|dir[ií]as|se escribe)|qu[eé] significa|"
        r"pon(?:lo|la|me)?|p[aá]sa(?:lo|la|me)|pasa|escr[ií]be(?:lo|la|me)?) [^?\n]{0,40}?\b(?:en|al) (?:"
        + _TR_TARGETS["es"] + r")\b",
        r"reescrib(?:e|ir|elo|ela)\b|reformula\b|parafrasea|"
        r"corr[ií]ge(?:me|lo|la)\b[^.?!\n]{0,30}?(?:faltas|errores|erratas|ortograf|gramátic|texto|mensaje|correo|"
        r"frase|párrafo)|corrige (?:el|la|los|las|este|esta|mi|mis|"
        r"errores|la ortografía|la gramática)\b|revisa (?:la ortografía|la gramática|este texto|mi texto)|"
        r"(?:revis(?:a|e|ame|ámelo|arías)|me revisas)\b[^.?!\n]{0,40}?(?:faltas|errores|erratas|ortograf|gramátic|"
        r"puntuación)|acorta (?:este|esta|el|la)\b|simplifica (?:este|esta|el|la)\b|"
        r"(?:tono|registro|estilo|forma|manera) más (?:formal|educad[oa]|cortés|amable|profesional|respetuos[oa]|"
        r"diplomátic[oa]|informal|cercan[oa]|neutr[oa])\b|(?:haz|hazlo|hazla|deja|déjalo|déjala|pon|ponlo|ponla|"
        r"vuelve|vuélvelo|pasa|pásalo|pásame|reescribe) [^.?!\n]{0,40}?más (?:formal|educad|cortés|amable|"
        r"profesional|respetuos|diplomátic|informal|cercan|natural|clar|sencill|cort|breve)",
        r"clasifica\b|categoriza|etiqueta (?:cada|estos|estas|los|las)\b|(?:es|son) (?:este|esta|estos|estas) "
        r"(?:[\wáéíóúñ]+ )?(?:positiv|negativ|neutral|spam)|sentimiento de",
        r"responde (?:solo|sólo|únicamente) con",
        r"(?:eres|act[uú]a como|act[uú]a de|trabajas como|funcionas como|tu (?:tarea|función|trabajo|rol|papel) es"
        r"(?: la de)?) (?:un |una |el |la )?(?:[\wáéíóúñ-]+ ){0,3}?(?:traductor|traductora|corrector|correctora|"
        r"clasificador|clasificadora)\b|tu (?:única )?(?:tarea|función|misión) es (?:traducir|resumir|clasificar|"
        r"corregir|revisar)\b",
    ),
    "pt": (
        r"resuma\b|resumir\b|faça um resumo|um resumo d|traduza\b|traduz\b|"
        r"tra(?<!como tra)(?<! de tra)duzir(?:-me)?\b[^.?!\n]{0,40}?\b(?:para o|para|pro|pra|ao|em) (?:" + _TR_TARGETS["pt"] + r")\b|"
        r"traduzir (?:isto|isso|este|esta|estes|estas|esse|essa|o seguinte|a seguinte|o texto|a frase|a mensagem|"
        r"o e-mail|meu|minha)\b|tradução (?:para|do|da)\b|"
        r"como (?:se diz|dizer)\b[^?\n]{0,60}?\bem [a-zãõáéíóúç]+|"
        r"(?:como (?:fica|ficaria|eu digo|digo|falo|se fala|se escreve)|passa|passe|p[oõ]e|coloca|coloque|"
        r"vert[ae]|escreve|escreva) [^?\n]{0,40}?\b(?:em|para o|pro|pra|ao|para) (?:" + _TR_TARGETS["pt"] + r")\b",
        r"reescreva\b|reformule\b|parafraseie\b|corrija\b|revise (?:o texto|a ortografia|a gramática)|"
        r"(?:revis(?:e|a|ada)|(?:pode|poderia|consegue|dá pra|da pra) revisar)\b[^.?!\n]{0,40}?(?:erros?|ortografia|"
        r"gramática|português|digitação|pontuação|texto)|encurte\b|simplifique (?:este|esta|o|a)\b|"
        r"(?:deix[ea]|torn[ea]|faç[ao]|reescrev[ea]|pass[ea]|coloqu?[ea]) [^.?!\n]{0,30}?mais (?:formal|educad|"
        r"gentil|cordial|profissional|polid|respeitos|diplomátic|informal|natural|clar|simples|curt)|"
        r"(?:tom|registro|forma|maneira|jeito|linguagem) mais (?:formal|educad|gentil|cordial|profissional|polid|"
        r"respeitos|informal)",
        r"classifique\b|categorize\b|rotule\b|sentimento d",
        r"responda (?:apenas|somente|só) com",
        r"(?:você é|vc é|tu és|aja como|atue como|funcione como|sua (?:tarefa|função|missão) é(?: ser)?) "
        r"(?:um |uma |o |a )?(?:[\wáéíóúãõç-]+ ){0,3}?(?:tradutor|tradutora|revisor|revisora|classificador|"
        r"classificadora)\b|sua (?:única )?(?:tarefa|função|missão) é (?:traduzir|resumir|classificar|revisar|corrigir)\b",
    ),
    "fr": (
        r"résume[rz]?\b|fais(?:-moi)? un résumé|un résumé (?:de|du|des)|tradui[st]\b|traduisez|"
        r"tra(?<!comment tra)(?<! de tra)duire\b[^.?!\n]{0,40}?\ben (?:" + _TR_TARGETS["fr"] + r")\b|traduire (?:ce|cette|ces|ceci|le texte|"
        r"la phrase|le message|mon|ma|mes)\b|(?:peux|pourrais|pouvez|pourriez)-(?:tu|vous) (?:me |nous )?(?:le |la |les )?"
        r"traduire|traduction (?:en (?:" + _TR_TARGETS["fr"] + r")\b|de ce|du texte)|comment (?:dit-on|on dit|dire)\b[^?\n]{0,60}?\ben [a-zéèêàç]+|"
        r"(?:mets|mettez|passe|passez|écris|écrivez|comment (?:dirais-tu|je dis|se dit)|que veut dire|ça donne quoi) "
        r"[^?\n]{0,40}?\ben (?:" + _TR_TARGETS["fr"] + r")\b",
        r"reformule[rz]?\b|réécri[st]\b|réécrire|réécrivez|corrige[rz]? (?:les? |l'|ce |cette |mon |ma |mes )?"
        r"(?:fautes|orthographe|texte|grammaire|phrase|erreurs|coquilles)|relis (?:ce|cette|mon|ma)\b|"
        r"relis(?:-moi|-le|-la)\b|relisez\b|(?:peux|pourrais|pouvez|pourriez)-(?:tu|vous) (?:me )?relire|"
        r"tu peux (?:me )?relire|vérifie[rz]? (?:l'orthographe|la grammaire|les fautes|la ponctuation)|"
        r"raccourcis|simplifie (?:ce|cette)\b|"
        r"(?:rends|rendez|mets|mettez|tourne|tournez|reformule|réécris|écris|formule)[^.?!\n]{0,40}?plus "
        r"(?:poli|formel|courtois|aimable|professionnel|diplomate|soutenu|familier|respectueux|clair|simple|"
        r"naturel)|(?:ton|registre|style|manière|façon) plus (?:poli|formel|courtois|aimable|professionnel|"
        r"soutenu|familier)|registre soutenu|"
        r"(?:dis|dites|écris|écrivez|formule|formulez|reformule|réécris)(?:-le|-la|-les|-lui)? [^.?!\n]{0,20}?plus "
        r"(?:poliment|formellement|gentiment|courtoisement|aimablement|simplement|clairement|naturellement)",
        r"classe[rz]? (?:ce|cette|ces|les|chaque)\b|classifiez?\b|classifier (?:ce|cette|ces|les|chaque)\b|catégorise|sentiment (?:de|du)\b",
        r"réponds (?:uniquement|seulement) (?:par|avec)",
        r"(?:tu es|vous êtes|agis en tant que|agissez en tant que|agis comme|joue le rôle d'|ton rôle est d'être|"
        r"tu travailles comme) (?:un |une |le |la )?(?:[\wéèêàç-]+ ){0,3}?(?:traducteur|traductrice|correcteur|"
        r"correctrice|relecteur|relectrice|classificateur)\b|(?:ta|votre) (?:seule )?(?:tâche|mission|rôle) est de "
        r"(?:traduire|résumer|classer|classifier|corriger|relire|reformuler)\b",
    ),
    "de": (
        # "zu übersetzen" (an infinitive: "schwer zu übersetzen") names the task, it does not ask for it
        r"fasse?\b[^.?!\n]{0,60}?\bzusammen|zusammenfassung|zusammenfassen|ü(?<!zu ü)bersetze?n?\b|"
        r"übersetzung (?:ins|in die|in das)\b|wie sagt man\b[^?\n]{0,60}?\bauf [a-zäöü]+|"
        r"(?:was heißt|was bedeutet|wie heißt|wie schreibt man|wie sage ich|sag mir) [^?\n]{0,60}?\bauf (?:"
        + _TR_TARGETS["de"] + r")\b|(?:bring|bringe|setz|setze|schreib|schreibe) [^.?!\n]{0,40}?\bins (?:"
        + _TR_TARGETS["de"] + r")e\b",
        # separable verbs: the particle ends the clause ("schreib den Text um.", "ordne ... zu")
        r"(?:formulier|schreib)(?:e|en sie)? [^.?!\n]{0,60}?\b(?:um|neu)\b(?= ?[.!?:;,]| *$)|umformulier|umschreiben|"
        r"umzuschreiben|umzuformulieren|neu (?:formulieren|schreiben)|korrigiere|"
        r"korrekturles|korrektur lesen|lies [^.?!\n]{0,30}?korrektur\b|gegenlesen|"
        r"(?:prüfe|überprüfe|checke|check|kontrolliere|durchsuche) [^.?!\n]{0,40}?(?:rechtschreib|grammatik|"
        r"zeichensetzung|tippfehler|fehler)|verbessere [^.?!\n]{0,30}?(?:fehler|rechtschreibung|grammatik|text|"
        r"formulierung)|überarbeite|kürze (?:den|diesen|diese|das|dies)\b|vereinfache|"
        r"(?:mach|mache|machen sie|formulier|formuliere|schreib|schreibe|gestalte)[^.?!\n]{0,40}?(?:höflicher|freundlicher|"
        r"formeller|förmlicher|professioneller|sachlicher|diplomatischer|netter|lockerer|verständlicher|einfacher|"
        r"kürzer|prägnanter|respektvoller)\b|in (?:einem |einen )?(?:höflichen|formellen|förmlichen|freundlichen|"
        r"sachlichen|professionellen|lockeren) (?:ton|stil)",
        r"klassifiziere|kategorisiere|ordne [^.?!\n]{0,60}?\bzu\b(?= ?[.!?:;]| *$)|"
        r"stimmung (?:des|der|dieses|dieser)\b",
        r"antworte (?:nur|ausschließlich) mit",
        r"(?:du bist|sie sind|agiere als|agieren sie als|fungiere als|handle als|arbeite als) (?:ein |eine |der |"
        r"die )?(?:[a-zäöüß-]+ ){0,3}?(?:übersetzer|übersetzerin|korrektor|korrektorin|lektor|lektorin|klassifikator)\b|"
        r"deine (?:einzige )?aufgabe ist (?:es,? )?[^.!?\n]{0,40}?zu (?:übersetzen|korrigieren|klassifizieren|"
        r"lektorieren)\b",
    ),
    "ru": (
        r"переска[зж]|кратко (?:изложи|опиши|перескажи)|резюмир|суммир|подведи итог|сократи(?:ть)? (?:текст|этот|это)|"
        r"(?:сделай|напиши|дай) (?:краткое (?:содержание|изложение)|выжимку|резюме)",
        # "переведи" is also "transfer (money)": as "translate" it names a language or a text
        r"(?:переведи|переведите|перевести|перевод)\b[^.?!\n]{0,40}?\b(?:на|с) (?:" + _TR_TARGETS["ru"] + r")|"
        r"(?:переведи|переведите|перевести)(?::| (?:это|этот|эту|текст|фразу|предложение|письмо|следующ|слово))|"
        r"как (?:сказать|будет|написать|звучит|пишется|перевести)\b[^?\n]{0,60}?\bпо-[а-яё]+|"
        r"как по-[а-яё]+ (?:будет|сказать|звучит|пишется|написать)\b|"
        r"(?:напиши|скажи|переведи) [^.?!\n]{0,40}?\bпо-(?:английски|русски|немецки|французски|испански|китайски|"
        r"японски|итальянски|португальски)\b",
        r"перепиши|переписать|перефразир|исправ(?:ь|ьте|ить) (?:ошибки|грамматику|текст|орфографию|опечатки)|"
        r"проверь (?:текст|орфографию|грамматику|на ошибки)|вычитай(?:те)?\b|"
        r"(?:проверь|проверьте|исправь|исправьте) [^.?!\n]{0,40}?(?:опечат|ошибк|орфограф|грамматик|пунктуаци)|"
        r"(?:сделай|сделайте|перепиши|перепишите|перефразируй|переформулируй|сформулируй)[^.?!\n]{0,40}?"
        r"(?:вежливее|вежливым|вежливой|официальнее|официальным|формальнее|мягче|дружелюбнее|короче|проще|"
        r"понятнее|деловым|более (?:вежлив|официальн|формальн|делов|мягк|дружелюбн|нейтральн))",
        r"классифицир|определи(?:ть)? (?:тональность|категорию|тон|настроение)|отнеси (?:к|каждое|каждый)|"
        r"распредели по категориям|категоризируй",
        r"ответь (?:только|одним словом)",
        r"(?:ты|вы) +(?:[а-яё-]+ +){0,3}?(?:переводчик|переводчица|корректор|классификатор)\b|"
        r"в роли (?:[а-яё-]+ ){0,2}?(?:переводчика|корректора|классификатора)|"
        r"(?:твоя|ваша) (?:задача|роль)[ :-]+(?:переводить|перевести|классифицировать|исправлять|резюмировать|"
        r"пересказывать)",
    ),
    "zh": (
        r"总结(?:一下|下面|以下|这|全文|要点|成|为|出)|(?:请|帮我|帮忙|把|将|简要|简单)[^ 。？]{0,30}?总结|概括|"
        r"归纳(?:一下|要点|出)|(?:写|生成|给出|做|提供)(?:一[个份段])?摘要|摘要一下",
        # 翻译 is also the trade ("做翻译这个职业"): as a request it has a target or an object
        r"翻译(?:成|为|一下|下面|以下|如下|这(?:段|句|篇|封|些|条|份|几|个句子|个词))|(?:请|帮我|帮忙|把|将)[^ 。？]{0,40}?翻译|"
        r"译成|译为|翻成|"
        r"用[^ 。？]{1,6}(?:语|文)(?:怎么|如何)(?:说|写|讲|表达)|(?:语|文)(?:怎么说|怎么写|怎么讲|怎么表达|是什么(?!时候|意思))",
        r"改写|重写|润色|校对(?:一下|下面|以下|这|如下)|(?:请|帮我|帮忙|把|将|给我)[^ 。？]{0,20}?校对|"
        r"纠正[^ 。？]{0,6}?(?:错误|语法|错别字)|修改[^ 。？]{0,6}?(?:错别字|语病|语法)|"
        r"检查[^ 。？]{0,6}?(?:错别字|语法|拼写)|精简|"
        r"(?:帮我|请|麻烦)[^。？]{0,20}?(?:错别字|错字|语病|病句|语法错误|拼写错误)|"
        r"(?:找出|挑出|改正)[^。？ ]{0,10}?(?:错别字|错字|语病|语法错误|拼写错误|病句)|"
        r"(?:改|写|润色)(?:得|成|为)(?:更|更加|比较)?(?:客气|礼貌|正式|委婉|专业|口语化|书面|通顺|简洁|友好|得体)|"
        r"改用(?:礼貌|正式|委婉|敬语|书面语)",
        r"(?:请|帮我|把|将|对)[^ 。？]{0,30}?分类|分类(?:一下|为|成)|进行分类|归类|情感分析|"
        r"判断[^ 。？]{0,10}?(?:情感|情绪|正面|负面|积极|消极)",
        r"只回答|只回复|仅回答",
        r"你是(?:一名|一个|一位)?[^。？ ]{0,10}?(?:翻译|译者|校对)",
    ),
    "ja": (
        r"要約|まとめて|翻訳して|翻訳し|翻訳を(?:お願い|して)|に翻訳|へ翻訳|訳して|英訳|和訳|書き直|書き換え|言い換え|"
        r"(?:校正|添削|推敲|校閲)(?:して|しなさい|せよ|を(?:お願い|して|頼)|お願い)|"
        r"(?:誤字|誤り|間違い)(?:が|を|は)?[^。？]{0,10}?(?:チェック|確認|直して|修正|指摘|探して|ないか)|"
        r"(?:敬語|丁寧語|尊敬語|謙譲語|丁寧な[^。？]{0,8}?)(?:に|へ)(?:直して|変えて|書き換え|言い換え|して|変換)|"
        r"分類して|分類し|に分類|を分類|仕分け|感情分析|短くして|簡潔にして|だけ答え|のみで答え|"
        r"語で(?:何と|なんと|どう)(?:言|い|表現|書|訳)|語に(?:して|直して|訳して|変えて|変換)",
        # the role of a system prompt ("あなたは日英翻訳者です")
        r"(?:翻訳者|翻訳家|校正者|添削者|翻訳アシスタント)(?:です|として)",
    ),
    "hi": (
        r"(?:का|की) सारांश|सारांश (?:लिखें|लिखो|दें|दो|बताएं|बताओ|बनाएं|बनाओ|दीजिए)|"
        r"संक्षेप (?:करें|करो|कीजिए)|संक्षिप्त (?:करें|करो|कीजिए)",
        # अनुवाद as a request has a verb or a target (अनुवादक is "translator", अनुवाद का काम "translation work")
        r"अनुवाद (?:करें|करो|कीजिए|कीजिये|करिए|करना है|कर दो|कर दें|कर दीजिए|करके|बताओ|बताएं|बताइए|दो|दें|दीजिए|लिखो|"
        r"लिखें)|(?:में|का|की) अनुवाद\b|ट्रांसलेट|(?:अंग्रेज़ी|अंग्रेजी|हिंदी|हिन्दी|जापानी|चीनी|फ्रेंच|स्पेनिश|जर्मन|रूसी) में (?:क्या|कैसे) "
        r"(?:कहते|कहेंगे|बोलते|बोलेंगे)|(?:अंग्रेज़ी|अंग्रेजी|हिंदी|हिन्दी|फ्रेंच|स्पेनिश|जर्मन|जापानी|चीनी|रूसी|उर्दू|मराठी|तमिल|"
        r"बंगाली) में (?:बदलें|बदलो|बदलिए|बदल दो|लिखें|लिखो|लिखिए)",
        r"दोबारा लिख|फिर से लिख|पुनर्लेखन|(?:इसे|इस (?:वाक्य|पैराग्राफ|लेख|संदेश|ईमेल) को) छोटा (?:करें|करो|कीजिए)|(?:व्याकरण|वर्तनी) (?:ठीक|सुधार|जाँच|जांच)|"
        r"(?:गलतियाँ|ग़लतियाँ|गलतियां|त्रुटियाँ|त्रुटियां) (?:ठीक|सुधार|सुधारें|सुधारो)|प्रूफ़?रीड (?:करें|करो|कीजिए|कर दो|कर दें|करके)|"
        r"(?:वर्तनी|व्याकरण|स्पेलिंग) (?:की )?(?:गलतियाँ|ग़लतियाँ|गलतियां|त्रुटियाँ|त्रुटियां|गलती|गलतियों)[^।?]{0,30}?"
        r"(?:ठीक|सुधार|बताओ|बताएं|देख|जाँच|जांच)|"
        r"(?:इसे|इसको|इस [^ ]+ को|इन [^ ]+ को) (?:थोड़ा |और |ज़्यादा |ज्यादा |अधिक )?(?:विनम्र|औपचारिक|शालीन|सभ्य|पेशेवर|"
        r"अनौपचारिक|सरल|आसान|स्पष्ट)(?: [^ ]+)? (?:बना|कर)|"
        r"(?:औपचारिक|विनम्र|शालीन|सरल|आसान|अनौपचारिक|पेशेवर) (?:भाषा|ढंग|तरीके|शब्दों|लहजे) (?:में|से) (?:लिखो|लिखें|लिखिए|"
        r"लिख दो|बदलो|बदलें|कहो|कहें|दोबारा लिख)",
        r"वर्गीकृत|वर्गीकरण|श्रेणी में (?:डालें|रखें|बांटें)|श्रेणियों में|भावना (?:पहचान|बताएं|बताओ)|"
        r"सकारात्मक या नकारात्मक",
        r"(?:आप|तुम) (?:एक )?(?:[^ ]+ ){0,2}?(?:अनुवादक|प्रूफ़रीडर|प्रूफरीडर) (?:हैं|हो)",
    ),
    "it": (
        r"riassumi\b|riassunto di|traduci\b|tradurre\b|riscrivi\b|riformula\b|correggi\b|classifica\b",
    ),
    "nl": (
        r"vertaal|samenvatting|vat\b[^.?!\n]{0,40}?\bsamen",
    ),
    "ko": (
        r"요약|번역|다시 써|바꿔 써|교정|분류",
    ),
}



# Classification, labelling and sentiment tasks in the words of the question ("is this review positive or
# negative?", "which category does this ticket belong to?", "la classificação de sentimento"), and rewrite
# requests in more of their forms (German separable verbs: "formulier das um, ja?", "umschreiben", "schreib
# es neu"; "soften", "in other words"). Rule 8 still reads them only near the edges of the latest user turn
# and not in a question about the task (``about`` frames).
_MORE_SIMPLE: dict[str, tuple[str, ...]] = {
    "en": (r"(?:positive|negative|neutral)(?:,? (?:or |and )?(?:positive|negative|neutral|mixed)){1,2}\b|"
           r"classification of (?:this|these|the following|each|every|the (?:text|review|message|email|ticket))\b|"
           r"(?:belongs?|fits?|falls?) (?:in|into|under|to) which (?:category|class|bucket|group)\b|"
           r"(?:assign|give|add) (?:each|every|these|them|it|all)\b[^.?!\n]{0,30}?\b(?:a|one|the) (?:[\w-]+ )?(?:label|"
           r"category|tag|sentiment)\b",
           r"tone (?:this|it|that) down\b|soften (?:this|the|my|it)\b|(?:clean up|tidy up|touch up) (?:this|my|the) "
           r"(?:email|text|message|draft|paragraph|sentence|note|letter|wording)\b|in other words,? please\b",),
    "es": (r"positiv[oa]s?,? (?:o )?negativ[oa]s?|negativ[oa]s?,? (?:o )?positiv[oa]s?|(?:a|en|de) qu[eé] categor[ií]a|"
           r"clasificaci[oó]n (?:de|del)\b|(?:clasif[ií]ca|categor[ií]za|etiqu[eé]ta)(?:lo|la|los|las|me)\b",
           r"reformul(?:a|e|ar)(?:lo|la|me)?\b|reformúla(?:lo|la|me)\b|reescr[ií]be(?:lo|la|me)\b|suav[ií]za(?:lo|la|me)?\b|"
           r"dilo de (?:otra|forma|manera)\b|redáctalo de nuevo|red[aá]cta(?:lo|la)? (?:mejor|otra vez)",),
    "pt": (r"positiv[oa]s?,? (?:ou )?negativ[oa]s?|negativ[oa]s?,? (?:ou )?positiv[oa]s?|(?:em |a |de |para )?qu(?:e|al) categoria|"
           r"classificação d|classificar (?:o|a|os|as|este|esta|esse|essa|cada)\b|rotul(?:e|a|ar)\b|"
           r"categoriz(?:e|a|ar)\b|etiquet(?:e|ar)\b",
           r"reformul(?:e|a|ar)\b|reescrev(?:a|e|er)\b|suaviz(?:e|a)\b|melhore (?:o texto|a redação|este texto|"
           r"essa frase|esta frase)|(?:diga|fala|fale) isso de (?:outro|outra|forma)",),
    "fr": (r"positi(?:f|ve)s?,? (?:ou )?négati(?:f|ve)s?|négati(?:f|ve)s?,? (?:ou )?positi(?:f|ve)s?|(?:dans|à|de) quelle catégorie|"
           r"classification (?:de|des|du)\b|étiquette[rz]? (?:ce|cette|ces|chaque)\b|"
           r"range[rz]? (?:ce|cette|ces|chaque)\b[^.?!\n]{0,40}?(?:catégorie|dans)",
           r"adoucis|adoucissez|dis-le (?:autrement|plus)|(?:tourne|tournez)-le (?:autrement|mieux)",),
    "de": (r"positiv,? (?:oder )?negativ|negativ,? (?:oder )?positiv|(?:in |zu )welche[rmn]? kategorie|welche[rmn]? kategorie (?:gehört|passt|fällt|trifft|ist|hat|würde|sollte|zuordnen)\b|(?:ordne|stufe)[^.?!\n]{0,60}?\bein\b"
           r"(?= ?[.!?:;,]| *$)|einordnen|einstufen|klassifizierung|kategorisierung",
           r"entschärfe|(?:sag|sage|drück|drücke) (?:das|es) (?:anders|netter|freundlicher|höflicher)\b",),
    "ru": (r"положительн[а-яё]*,? (?:или )?отрицательн|отрицательн[а-яё]*,? (?:или )?положительн|позитивн[а-яё]* или негативн|"
           r"негативн[а-яё]* или позитивн|к какой категории|классификаци[яюи] (?:текст|отзыв|сообщени|обращени|"
           r"тональност)|(?:определи|оцени)(?:те)? тональност",
           r"переформулир|смягчи|скажи (?:это|то же самое) (?:иначе|по-другому|другими словами)",),
    "zh": (r"正面还是负面|负面还是正面|积极还是消极|消极还是积极|好评还是差评|差评还是好评|属于哪(?:一|个)?(?:类|种类别)|"
           r"哪个类别|哪一类",
           r"换个说法|换种说法|改得更|改成更",),
    "ja": (r"ポジティブ[^。？?]{0,12}ネガティブ|ネガティブ[^。？?]{0,12}ポジティブ|肯定的か否定的か|どのカテゴリ|"
           r"カテゴリ(?:に|を)(?:分類|判定|分け)|(?:感情|極性)を判定",
           r"(?:もっと|より)丁寧に|柔らかく(?:して|書き|言い)|丁寧な表現に",),
    "hi": (r"सकारात्मक (?:है )?या नकारात्मक|नकारात्मक (?:है )?या सकारात्मक|किस श्रेणी|कौन(?:-| )?सी श्रेणी|"
           r"श्रेणी (?:बताओ|बताएं|बताइए)",
           r"दूसरे शब्दों में (?:लिखो|लिखें|लिखिए|कहो|बताओ)|बेहतर (?:बना|लिख)(?:ो|ें|िए|कर)",),
}
for _lang, _entries in _MORE_SIMPLE.items():
    SIMPLE[_lang] = SIMPLE[_lang] + _entries



# --------------------------------------------------------------------------------------------------
# Round 5 (issue 13): argument validity, Hinglish, extractor roles, more verb forms.
#
# Argument validity (rule 7): "is this argument valid?", "does the conclusion follow?", a syllogism to check, in
# every language. Not "is my passport valid?" (the cue needs an argument, an inference or a conclusion).
_VALIDITY: dict[str, tuple[str, ...]] = {
    "en": (r"(?:is|are) (?:this|that|the|these|my|his|her|their) (?:[\w-]+ )?(?:argument|reasoning|syllogism|"
           r"inference|deduction|arguments|syllogisms|logic)s? (?:logically )?(?:valid|sound|invalid|correct|"
           r"fallacious)\b|(?:does|do|would) (?:the|this|that|his|her|their) (?:[\w-]+ ){0,2}?conclusions?\b"
           r"[^.?!\n]{0,60}?\b(?:follow|hold)\b|syllogism|"
           r"(?:valid|invalid|sound|unsound) (?:argument|syllogism|inference|deduction)\b|"
           r"(?:check|test|determine|decide|evaluate|assess) (?:whether|if) (?:this|the) (?:argument|reasoning|"
           r"inference|syllogism)|logical fallacy in (?:this|the|that|his|her)\b",),
    "es": (r"(?:es|son) (?:lógicamente )?v[aá]lid[oa]s? (?:este|ese|el|esta|esa|la) (?:argumento|razonamiento|"
           r"silogismo|inferencia|deducción)|(?:argumento|razonamiento|silogismo|inferencia|deducción) (?:es |son )?"
           r"(?:lógicamente )?(?:v[aá]lid|correct|inv[aá]lid)|silogismo|se sigue la conclusi[oó]n|"
           r"la conclusi[oó]n se sigue",),
    "pt": (r"(?:argumento|raciocínio|silogismo|inferência|dedução) (?:é |está )?(?:logicamente )?(?:válid|corret|"
           r"inválid)|(?:é|está) (?:logicamente )?(?:válid|corret)[oa] (?:esse|este|o|essa|esta|a) (?:argumento|"
           r"raciocínio|silogismo|inferência)|silogismo|a conclusão (?:se segue|decorre|procede)",),
    "fr": (r"(?:raisonnement|argument|syllogisme|inférence|déduction)(?: est-il| est)? (?:logiquement )?(?:valide|"
           r"correct|juste|invalide)|syllogisme|la conclusion (?:découle|suit|s'ensuit|est-elle valide)",),
    "de": (r"(?:argument|schluss|syllogismus|argumentation|schlussfolgerung|folgerung) (?:logisch )?(?:gültig|"
           r"korrekt|schlüssig|valide|ungültig)|ist (?:dieses|das|der|diese|die) (?:argument|schluss|syllogismus|"
           r"argumentation|schlussfolgerung) (?:logisch )?(?:gültig|korrekt|schlüssig|valide)|syllogismus|"
           r"folgt (?:die|diese|daraus die) (?:schlussfolgerung|konklusion)|(?:schlussfolgerung|konklusion) "
           r"(?:folgt|zwingend)",),
    "ru": (r"(?:верно|верн[оа]|корректно|правильно|логично|валидно|обоснованно) ли (?:это |такое |данное )?"
           r"(?:рассуждение|умозаключение|рассуждени|вывод|доказательство)|(?:рассуждение|умозаключение|силлогизм|"
           r"аргумент) (?:логически )?(?:верн|корректн|правильн|валидн|состоятельн)|силлогизм|следует ли (?:этот |данный )?"
           r"вывод|вывод (?:логически )?следует",),
    "zh": (r"(?:这个|该|此|这段)?(?:推理|论证|论断|三段论)(?:是否|是不是)?(?:有效|成立|正确|合理|站得住)|三段论|"
           r"结论(?:是否|能否|是不是)?(?:成立|必然成立|正确|有效)|(?:能否|能不能|是否)推出",),
    "ja": (r"三段論法|(?:この|その)?(?:推論|論証|議論)(?:は|が)(?:論理的に)?(?:妥当|正しい|成り立)|論理的に妥当|"
           r"結論(?:は|が)(?:導ける|導かれ|正しい|妥当)",),
    "hi": (r"(?:क्या )?(?:यह|ये|यह) (?:तर्क|निष्कर्ष) (?:वैध|सही|तर्कसंगत|उचित)|न्यायवाक्य|निष्कर्ष (?:सही|वैध) है|"
           # romanised Hindi (Hinglish)
           r"(?:kya )?(?:yeh|ye|yah|is) (?:tark|argument|logic|nishkarsh) (?:sahi|valid|theek|thik)\b",),
}
for _lang, _entries in _VALIDITY.items():
    REASON[_lang] = REASON[_lang] + _entries

# Romanised Hindi ("Hinglish"), as Indian users type it: the cues of rules 6-8 in Latin script, with the verb
# forms of a request (karo / kijiye / kar do / karein / bata do). Latin words: matched at word starts like
# every Latin phrase (see :mod:`.tokens`).
_HL_DO = r"(?:karo|kro|kar do|kar dijiye|kar dijie|kijiye|kijie|karein|karen|kariye|kar de|kar dena|karna hai)\b"
_HL_TELL = r"(?:batao|bataiye|bataye|bata do|bata dijiye|samjhao|samjhaiye|do|dijiye|de do|likho|likhiye|likh do)\b"
_HL_DATA = (r"(?:naam|naamo|naamon|name|names|date|dates|tareekh|tarikh|tareekhen|tarikhe|time|samay|amount|amounts|"
            r"rakam|raashi|rashi|price|prices|keemat|kimat|daam|phone number|phone|number|numbers|mobile number|email|"
            r"pata|address|city|sheher|shahar|company|companies|skills|details|jaankari|jankari|ingredients|samagri)")
_HINGLISH: dict[str, dict[str, tuple[str, ...]]] = {
    "reason": {"hi": (
        r"(?:sabit|saabit|siddh|sidh|prove) (?:karo|kro|kijiye|kijie|karein|karen|kariye|kar do|kar ke dikhao|"
        r"karke dikhao)\b|step[ -]by[ -]step " + _HL_TELL + r"|"
        r"(?:ek ek|ek-ek) (?:step|kadam) (?:mein|me|karke)|"
        r"(?:puzzle|paheli|riddle|pehli|sawal|sawaal|question|equation|problem) (?:ko )?(?:solve|hal|suljhao|suljha do)\b|"
        r"(?:solve|hal) (?:karo|kro|kijiye|karein|kar do)\b",)},
    "simple": {"hi": (
        r"(?:summary|saar|saransh|sar) (?:do|de do|dijiye|batao|bataiye|bata do|likho|likhiye|likh do|bana do|"
        r"banao|chahiye)\b|(?:ka|ki) (?:summary|saar|saransh)\b|(?:chhota|chota|short) (?:karo|kro|kar do|kijiye|"
        r"karein|bana do)\b",
        r"(?:translate|anuvad|anuvaad|tarjuma) (?:karo|kro|kar do|kijiye|kijie|karein|karen|kariye|kar dijiye|"
        r"karna hai|kar de)\b|(?:english|hindi|angrezi|angreji|french|spanish|german|japanese|chinese|urdu|marathi|"
        r"tamil|bengali|punjabi) (?:mein|me|main) (?:translate|anuvad|badlo|badal do|likho|likh do|bolo|batao)\b",
        r"(?:polite|formal|informal|simple|professional|vinamra|saral|aasan|asaan|better|clear|short|chhota|chota|"
        r"achha|accha|acha|decent|friendly|sweet)(?: sa)? (?:bana do|banao|bana dijiye|bana de|bana dena|kar do|karo|"
        r"kijiye)\b|(?:dobara|dubara|fir se|phir se|firse|phirse|naye tarike se) (?:likho|likh do|likhiye|likh dijiye|"
        r"likhein)\b|rewrite (?:karo|kar do|kijiye)\b|(?:grammar|spelling|galtiyan|galtiyaan|galti|mistakes?) "
        r"(?:theek|thik|sahi|sudhar|correct|check) (?:karo|kar do|kijiye|karein)\b",
        r"(?:classify|categorize|categorise|label) (?:karo|kro|kar do|kijiye|karein)\b|(?:positive|negative) ya "
        r"(?:negative|positive|neutral)\b|(?:kaunsi|kaun si|kis) (?:category|shreni)\b",)},
    "extraction": {"hi": (
        _HL_DATA + r"\b(?: [\w,]+){0,6}? (?:nikalo|nikaalo|nikal do|nikaal do|nikaliye|nikaal dijiye|nikal dijiye|"
        r"nikaal ke do|nikal ke do|alag karo|alag kar do|extract karo|extract kar do|list karo|list kar do)\b|"
        r"(?:nikalo|nikaalo|nikal do|nikaal do|extract karo|extract kar do)\b[^.?!\n]{0,60}?\b" + _HL_DATA + r"\b",)},
    "source": {"hi": (
        r"\b(?:is|iss|us|uss|ye|yeh|upar wale|upar wali|upar ke|niche wale|niche wali|neeche wale|neeche wali|"
        r"pichhle|pichle|mere) (?:[\w-]+ )?(?:message|msg|mail|email|text|paragraph|para|letter|document|doc|"
        r"article|review|invoice|bill|receipt|resume|cv|note|notes|chat|post|ad)\b(?: (?:se|mein|me|main|ka|ki|ke))?|"
        r"\b(?:isse|isme|ismein|usse|usme|upar se|upar wale se)\b",)},
}

# Rule 6 without the text in the latest turn: the extractor's *role* in the system prompt ("You extract ... from
# the user's text", "Eres un extractor de datos", "Du extrahierst ..."), in more verb forms and the agent noun.
_EXTRACTOR: dict[str, tuple[str, ...]] = {
    "en": (r"(?:you|your job is to|your task is to) (?:\w+ )?(?:extract|pull out)s?\b|(?:an? |the )?(?:data |"
           r"information |entity |field )?extractor\b",),
    "es": (r"extractor(?:a|es)? de\b|extra(?:es|igas|ed)\b",),
    "pt": (r"extrator(?:a|es)? de\b|extra(?:i|is|ias|e)\b",),
    "fr": (r"extracteur|extrayez|extrais\b",),
    "de": (r"extrahierst\b|extrahiere\b|extraktor|(?:ziehst|zieh) [^.!?\n]{0,60}?heraus",),
    "ru": (r"извлека(?:ешь|ете|й|йте|ть)\b|экстрактор",),
    "zh": (r"(?:你|您)(?:负责|的任务是|要)?(?:从[^。]{0,20}?)?(?:提取|抽取)",),
    "ja": (r"(?:を)?抽出(?:する|します|してください|すること)",),
    "hi": (r"(?:आप|तुम) [^।]{0,40}?(?:निकालते|निकालें|निकालो|एक्सट्रैक्ट)",),
}
for _lang, _entries in _EXTRACTOR.items():
    JSON[_lang] = JSON[_lang] + _entries

# English extraction in other words, counted with their source like every ``extraction`` cue: "pull the party
# names, the start date and the fee out of it", "give me the names, dates and amounts from this message"
EXTRACTION["en"] = EXTRACTION["en"] + (
    r"(?:pull|get|take) (?:the |all the |every |each )?(?:[\w-]+(?:,| and| or)? ){0,4}?(?:dates?|times?|names?|"
    r"amounts?|prices?|totals?|fees?|numbers?|addresses|emails?|details|fields|figures|parties|party names|"
    r"start dates?) (?:[\w-]+(?:,| and| or)? ){0,6}?out of\b|"
    r"(?:give|show|tell) me (?:all )?(?:the |every )(?:[\w-]+(?:,| and| or)? ){0,4}?(?:names|dates|amounts|prices|"
    r"totals|numbers|addresses|emails|people|companies|places|figures|fields) (?:mentioned |listed |given )?"
    r"(?:in|from) (?:this|these|that|the|it|them|my|his|her)\b",)

# "resume" is also an English word (a CV, "resume the download"): as a Spanish or Portuguese imperative it has its
# object, its text after a colon, or "por favor"
_HAS_OBJECT = (r"(?= ?[:,]| (?:este|esta|estos|estas|ese|esa|esses|essas|esto|eso|isto|isso|el|la|los|las|o|os|"
               r"em|en|para|pra|por favor|brevemente|rapidamente|rápidamente|\d))")

# Rule 8 in more of its verb forms: shorten (сократить, 缩短, encurtar), summarise as a noun or infinitive.
_MORE_FORMS: dict[str, tuple[str, ...]] = {
    "en": (r"(?:shorten|trim|cut down|condense) (?:this|the|that|it|my)\b",),
    "es": (r"acort(?:a|e|ar)(?:lo|la|me)?\b|res[uú]m(?:e|a|ir)(?:lo|la|me)?" + _HAS_OBJECT + r"|haz(?:me)? un resumen|"
           r"(?:un|el) resumen (?:de|del)\b",),
    "pt": (r"encurt(?:e|a|ar)\b|resum(?:e|a|ir)" + _HAS_OBJECT + r"|fa(?:ça|z)(?:-me)? um resumo|(?:um|o) resumo (?:de|do|da|deste|"
           r"desta|desse|dessa)\b",),
    "fr": (r"raccourci(?:s|ssez|r)\b|résume[rz]?\b|fais(?:-moi)? un résumé|(?:un|le) résumé (?:de|du|des)\b",),
    "de": (r"kürze(?:n)?\b|kürz\b|fasse? [^.?!\n]{0,60}?zusammen|zusammenfassen|(?:eine|die) zusammenfassung",),
    "ru": (r"сократи(?:те|ть)?\b|сокращ(?:ай|айте|ать)\b|(?:перескажи|резюмируй)(?:те)?\b|кратко изложи|"
           r"(?:сделай|напиши|дай)(?:те)? (?:краткое )?(?:резюме|саммари|выжимку|пересказ)",),
    "zh": (r"缩短|精简(?:一下|这段|成)|删减(?:一下|成)|压缩(?:一下|成|到)(?:[^。]{0,6}字)?|概括(?:一下|这段|成)|总结(?:一下|这段|成)",),
    "ja": (r"短く(?:して|まとめ|書き直)|要約(?:して|を|せよ)|簡潔に(?:して|まとめ)",),
    "hi": (r"छोटा (?:करें|करो|कीजिए|कर दो|कर दें)|संक्षेप में (?:लिखो|लिखें|बताओ|बताएं)",),
}
for _lang, _entries in _MORE_FORMS.items():
    SIMPLE[_lang] = SIMPLE[_lang] + _entries


# --------------------------------------------------------------------------------------------------
# Round 7 (issue 13): rule 8 categorise / label / tag / triage / sentiment requests in more verb and noun
# forms, Hinglish word problems and puzzles, extraction of action items with their owners.
#
# Rule 8: assigning a category, a label, a tag or a priority to given items ("triage these tickets", "ordne ...
# einer Kategorie zu", "给评论打标签", "category mein daalo", "भावना बताइए"). Questions *about* categories ("Welche
# Kategorie von Hotels empfiehlst du?", "分类器和回归模型有什么区别？") have no such verb and stay general chat.
_ASSIGN: dict[str, tuple[str, ...]] = {
    "en": (r"triage (?:these|this|the|each|every|all|them|the following|incoming)\b|"
           r"(?:assign|attach|apply|put) (?:a |one |the )?(?:[\w-]+ )?(?:label|category|tag|priority|sentiment)s? "
           r"(?:to|on) (?:each|every|these|this|the following|them|it|all)\b|"
           r"(?:prioriti[sz]e|rank) (?:these|the following|each of these) (?:tickets|issues|bugs|requests|messages|"
           r"emails|complaints)\b",),
    "es": (r"asigna(?:r|le|les)? (?:a cada [^.?!\n]{0,30}?)?(?:una|la|un|el) (?:categor[ií]a|etiqueta|prioridad)\b|"
           r"etiquet(?:a|e|ar) (?:cada|estos|estas|este|esta|los|las)\b|clasifi(?:ca|que|car) (?:cada|estos|estas|"
           r"este|esta|los|las)\b",),
    "pt": (r"atribu(?:a|i|ir) (?:a cada [^.?!\n]{0,30}?)?(?:uma|a|um|o) (?:categoria|etiqueta|rótulo|prioridade)\b|"
           r"(?:rotul|etiquet|categoriz)(?:e|a|ar) (?:cada|estes|estas|este|esta|os|as)\b",),
    "fr": (r"attribue[rz]? (?:à chaque [^.?!\n]{0,30}?)?(?:une|la|un|le) (?:catégorie|étiquette|label|tag|priorité)\b|"
           r"(?:étiquette|catégorise|classe)[rz]? (?:chaque|ces|ce|cette|les)\b|trie[rz]? (?:ces|les) (?:tickets|"
           r"messages|demandes|mails|e-mails)\b",),
    "de": (r"(?:ordne|ordnet|ordnen sie|weise|weist|weisen sie)\b[^.?!\n]{0,60}?\b(?:einer|eine|die|der|den|jeweils "
           r"einer?) (?:[a-zäöüß-]+ )?(?:kategorie|klasse|gruppe|rubrik|priorität|stimmung|label|etikett)\w* zu\b|"
           r"(?:versieh|versehe|markiere|tagge|label|labele|etikettiere)\b[^.?!\n]{0,40}?\b(?:label|tag|etikett|"
           r"kategorie)|(?:priorisiere|triagiere)\b",),
    "ru": (r"(?:присвой|присвойте|назначь|назначьте|поставь|поставьте|проставь|проставьте) (?:каждому |каждой )?"
           r"[^.?!\n]{0,30}?(?:категори|метк|тег|ярлык|приоритет)|(?:размет|разметь|протегируй|классифицируй)(?:те)?\b|"
           r"определи(?:те)? (?:категорию|тональность|настроение)\b",),
    "zh": (r"打(?:个|上|一下)?标签|贴(?:个|上)?标签|加(?:个|上)?标签|标注(?:一下|为|成)|归(?:个)?类|归到|归入|"
           r"情感(?:分析|倾向|极性)|判断[^。？?]{0,10}(?:情感|情绪|类别)|分(?:一下|个)类",),
    "ja": (r"ラベル(?:を)?(?:付け|つけ|貼)|タグ(?:を)?(?:付け|つけ)|(?:に|を)分類|仕分け(?:して|てください)|感情分析|"
           r"(?:感情|カテゴリ|優先度)を(?:判定|判断|付け|つけ)",),
    "hi": (r"भावना (?:बताइए|बताइये|बताएँ|पहचानिए|पहचानो|क्या है)|(?:लेबल|टैग) (?:लगाओ|लगाएं|लगाएँ|लगाइए|दो|दीजिए)|"
           r"श्रेणी (?:में )?(?:डालो|डालिए|रखो|रखिए|तय करो|तय कीजिए|बताइए)|"
           # romanised Hindi (Hinglish)
           r"(?:category|categories|shreni|label|labels|tag|tags|bucket|group) (?:mein|me|main) (?:daalo|dalo|daal do|"
           r"dal do|daaliye|daliye|daal dijiye|rakho|rakh do|rakhiye|baanto|banto|baant do|bant do|sort karo)\b|"
           r"(?:label|tag|category) (?:lagao|laga do|lagaiye|laga dijiye|do|dijiye|batao|bataiye|bata do)\b|"
           r"(?:sentiment|bhavna|mood|tone) (?:batao|bataiye|bata do|bataye|kya hai|check karo|detect karo|pehchano)\b|"
           r"(?:triage|sort|prioritize|prioritise) (?:karo|kro|kar do|kijiye|karein)\b",),
}
for _lang, _entries in _ASSIGN.items():
    SIMPLE[_lang] = SIMPLE[_lang] + _entries

# Rule 7: the question of a word problem in romanised Hindi ("kitna profit hua?", "discount ke baad kitne paise
# diye?", "final price kitna hoga?"); like every word-problem cue it counts only with its quantities.
WORD_PROBLEM["hi"] = WORD_PROBLEM["hi"] + (
    r"kitn(?:a|e|i|on)\b|(?:profit|loss|munafa|munafaa|nuksan|nuksaan|labh|discount|chhoot|chhut|interest|byaj|"
    r"byaaj|gst|tax|percent|pratishat|price|keemat|kimat|total|average|ausat|speed|raftaar|doori|dooree) "
    r"(?:kya|kitna|kitni|kitne) (?:hai|hoga|hogi|hua|hui|hue|tha|thi|aayega|aayegi|banega|banegi|padega|padegi)\b",)
# ... and in every language: the rate of a profit, loss, discount or interest asked for ("What is the profit
# percentage?", "¿Cuál es el porcentaje de ganancia?", "Quel est le taux de remise ?")
_RATES: dict[str, tuple[str, ...]] = {
    "en": (r"(?:profit|loss|discount|interest|markup|gain) (?:percent|percentage|rate|margin)\b(?=[^.!\n]{0,40}\?)|"
           r"(?:percent|percentage) (?:of )?(?:profit|loss|discount|gain|markup)\b(?=[^.!\n]{0,40}\?)",),
    "es": (r"(?:porcentaje|tanto por ciento) de (?:ganancia|p[eé]rdida|descuento|beneficio|inter[eé]s)\b",),
    "pt": (r"(?:porcentagem|percentagem|percentual) de (?:lucro|preju[ií]zo|desconto|ganho|juros)\b",),
    "fr": (r"(?:pourcentage|taux) de (?:bénéfice|perte|remise|réduction|profit|gain)\b",),
    "de": (r"(?:gewinn|verlust|rabatt)(?:prozentsatz|satz|quote|marge)\b|prozentuale[rn]? (?:gewinn|verlust|rabatt)\b",),
    "ru": (r"процент (?:прибыли|убытка|скидки)\b",),
    "zh": (r"(?:利润|盈利|亏损|折扣)(?:率|百分比)",),
    "ja": (r"(?:利益|損失|割引)率",),
    "hi": (r"(?:लाभ|हानि|छूट|मुनाफ़े|मुनाफे) (?:प्रतिशत|का प्रतिशत|की दर)|profit (?:percent|percentage)\b",),
}
for _lang, _entries in _RATES.items():
    WORD_PROBLEM[_lang] = WORD_PROBLEM[_lang] + _entries

# Rule 7: a logic puzzle in romanised Hindi: the question ("batao kaun kahan se hai?", "sabse chhota kaun hai?")
# and its clues ("Amit Delhi se nahi hai", "na Delhi se hai na Mumbai se", "Riya Neha se lambi hai", "teen alag
# shehron se"); like every puzzle question it counts only with three clues in two clauses or more.
PUZZLE["hi"] = PUZZLE["hi"] + (
    r"(?:kaun|kon|kisne|kiska|kiski|kiske|kisko|kise|kahan|kahaan|kaunsa|kaunsi|konsa|konsi)\b(?=[^!.?]{0,150}\?)|"
    r"(?:batao|bataiye|bata do|pata karo|pata lagao|pata lagaiye|nikalo)(?: ki)? (?:kaun|kon|kis|kahan|kaunsa|kaunsi)\b",)
CLUE["hi"] = CLUE["hi"] + (
    r"\b(?:alag alag|alag-alag|alag|bhinn)\b",
    r"\b(?:se|mein|me|ke paas) (?:nahi|nahin) (?:hai|hain|rehta|rehti|baitha|baithi|hoon)\b",
    r"\bna (?:[\w-]+ ){1,4}?na\b|\b(?:sirf|keval|kewal) ek\b",
    r"\bse (?:lamba|lambi|lambe|chhota|chhoti|chote|bada|badi|bade|tez|dheema|bhaari|halka|halki|unchi|uncha|"
    r"zyada|kam|pehle|baad)\b",
    r"\b(?:ke bagal mein|ke paas|ke left|ke right|ke baayen|ke daayen|ke beech|ke saamne|ke samne|jhooth|jhuth|sach) ",
)

# Rule 6: the action items, next steps or decisions of a text together with their owners or dates ("Pull out the
# action items and who owns each one", "list the next steps with owners and deadlines"): these nouns point at a
# given text (minutes, a memo, a thread) even when it was pasted in an earlier turn.
_ACTION_ITEMS: dict[str, tuple[str, ...]] = {
    "en": (r"(?:pull out|extract|list|get|grab|give me|capture|collect|compile|what are) (?:all )?(?:the |every )?"
           r"(?:action items|action points|to-?dos|next steps|follow-?ups|open tasks|decisions)\b[^.?!\n]{0,40}?"
           r"\b(?:owners?|owns?|who(?:'s| is)? responsible|assignees?|assigned to|due dates?|deadlines?)\b",),
    "es": (r"(?:tareas pendientes|acciones|próximos pasos|puntos de acción)\b[^.?!\n]{0,40}?\b(?:responsables?|"
           r"qui[eé]n (?:es responsable|se encarga)|fechas? l[ií]mite)",),
    "pt": (r"(?:itens de ação|ações|próximos passos|tarefas pendentes)\b[^.?!\n]{0,40}?\b(?:responsáve(?:l|is)|"
           r"quem (?:é responsável|cuida)|prazos?)",),
    "fr": (r"(?:points d'action|actions à mener|prochaines étapes|tâches)\b[^.?!\n]{0,40}?\b(?:responsables?|"
           r"qui (?:s'en occupe|est responsable)|échéances?)",),
    "de": (r"(?:aufgaben|to-?dos|nächsten schritte|maßnahmen|action items)\b[^.?!\n]{0,40}?\b(?:verantwortliche[nr]?|"
           r"zuständige[nr]?|wer (?:ist )?(?:zuständig|verantwortlich)|fristen)\b",),
    "ru": (r"(?:задачи|поручения|следующие шаги)\b[^.?!\n]{0,40}?(?:ответственн|исполнител|срок)",),
    "zh": (r"(?:待办事项|行动项|后续步骤|任务)[^。？?]{0,20}?(?:负责人|谁负责|截止)",),
    "ja": (r"(?:アクションアイテム|タスク|todo|to-do|次のステップ)[^。？?]{0,20}?(?:担当者|誰が担当|期限)",),
    "hi": (r"(?:कार्य बिंदु|एक्शन आइटम|action items)[^।?]{0,40}?(?:ज़िम्मेदार|जिम्मेदार|owner)",),
}
for _lang, _entries in _ACTION_ITEMS.items():
    JSON[_lang] = JSON[_lang] + _entries


def flatten(lexicon: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """One list of a lexicon's entries, languages in :data:`LANGUAGES` order (``any`` first)."""
    order = ["any", *LANGUAGES]
    return tuple(p for lang in sorted(lexicon, key=lambda k: order.index(k) if k in order else len(order))
                 for p in lexicon[lang])


_HINGLISH_INTO = {"reason": REASON, "simple": SIMPLE, "extraction": EXTRACTION, "source": SOURCE}
for _kind, _by_lang in _HINGLISH.items():
    for _lang, _entries in _by_lang.items():
        _HINGLISH_INTO[_kind][_lang] = _HINGLISH_INTO[_kind].get(_lang, ()) + _entries

DEFAULT_LEXICON_PATTERNS: dict[str, tuple[str, ...]] = {
    "json": flatten(JSON) + flatten(TABLED),
    "extraction": flatten(EXTRACTION),
    "source": flatten(SOURCE),
    "reason": flatten(REASON),
    "opinion": flatten(OPINION),
    "puzzle": flatten(PUZZLE),
    "clue": flatten(CLUE),
    "word_problem": flatten(WORD_PROBLEM),
    "quantity": flatten(QUANTITY),
    "given": flatten(GIVEN),
    "simple": flatten(SIMPLE),
    "about": flatten(ABOUT),
    "about_after": flatten(ABOUT_AFTER),
}
"""The default phrase lists of rules 6–8, each the concatenation of its per-language lexicons."""
