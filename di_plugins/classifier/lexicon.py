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

* ``json``         – rule 6: extraction requests and demands for JSON / structured output;
* ``reason``       – rule 7: explicit multi-step reasoning, proofs and derivations, weighing options to
  decide, plans, puzzles, math to solve;
* ``word_problem`` – rule 7: the *question* of a word problem ("how many", "combien", "сколько",
  "多少"). It counts only with its quantities: at least ``word_problem_numbers`` (2) ``quantity``
  matches in the 400 characters before it, or in the rest of its sentence when a ``given`` marker
  ("if", "per", "each") sits there too;
* ``quantity``     – what counts as a quantity: digits and number words (not "one": it is mostly a
  pronoun), and CJK numerals before a counter (``两个``, ``三人``). Known limit: the test cannot tell
  whether the question is *about* those quantities ("I have 2 cats and 3 dogs. How many days off can
  I take?" counts as a word problem);
* ``given``        – markers that introduce the data of a problem after its question;
* ``simple``       – rule 8: summarize, classify / label / detect sentiment, translate, rewrite,
  proofread / correct, shorten, "reply with exactly X".

Languages: English, Spanish, Portuguese, French, German, Russian, Chinese, Japanese and Hindi, plus
Italian, Dutch and Korean entries kept from earlier versions. Cues name the *task*, not the topic:
"proof of address", "vanilla extract", "I plan to visit", "translation studies" are not tasks.
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


_NOT_JSON_TOOLING = r"(?! (?:file|files|parser|parsers|library|libraries|module|package|schema validation)\b)"

# --------------------------------------------------------------------------------------------------
# Rule 6: extraction / JSON output
# --------------------------------------------------------------------------------------------------
JSON: dict[str, tuple[str, ...]] = {
    "en": (
        r"(?:return|respond|reply|output|answer|format|provide|produce|emit|give|generate|structure|print|"
        r"send back|list|write)\b[^.!?\n]{0,50}?\bjson\b" + _NOT_JSON_TOOLING,
        r"(?:as|into) (?:a |an |the |valid |strict |proper |well-formed |pure |raw |minified |compact |"
        r"single )?json\b" + _NOT_JSON_TOOLING,
        r"(?:convert|turn|transform|change|export|serialize) (?:[\w-]+ ){0,4}?(?:to|into) json\b|"
        r"valid json|json only|only json|in json (?:format|form|only)|json[- ]formatted|json output|json mode|"
        r"json (?:object|array|list) (?:with|of|containing)",
        r"(?:following|this|given|provided|below) (?:json )?schema|match(?:es|ing)? (?:this|the) schema|"
        r"conform(?:s|ing)? to (?:the|this) schema",
        r"with (?:the )?(?:following )?(?:keys|fields|properties)\b",
        # "extract" takes data as its object, or a text as its source ("extract the juice" is cooking)
        r"extract(?:ing)? (?:out )?(?:all |the |every |each |any |only |a list of |these |those |key |relevant |"
        r"important |structured |named )*(?:[\w'-]+ ){0,2}?(?:information|data|metadata|entit(?:y|ies)|names?|"
        r"dates?|e-?mails?|phones?|address(?:es)?|fields?|values|keywords?|amounts?|prices?|costs?|skills?|"
        r"numbers?|totals?|details?|items?|points|figures?|facts?|mentions?|people|persons?|compan(?:y|ies)|"
        r"places?|locations?|cit(?:y|ies)|countr(?:y|ies)|quotes?|references?|ids?|urls?|links?|titles?|"
        r"salar(?:y|ies)|products?|times)\b|"
        r"extract(?:ing)?\b[^.?!\n]{0,80}?\b(?:from|out of) (?:this|these|it|them|below|the following|"
        r"(?:the|my|this|that|these|each) (?:text|emails?|messages?|documents?|article|paragraph|page|pdf|files?|"
        r"invoices?|receipts?|transcript|logs?|table|list|report|passage|conversation|thread|reviews?|résumé|"
        r"resume|cv|form|contract|below|above|data|snippet|excerpt|post|tweets?|notes))\b|"
        r"extract the following\b",
        # data items: "find all the dates", "get every email address and phone number"
        r"(?:pull|grab|get|find|list|identify|capture|pick|collect) (?:out )?(?:all |the |every |each |any )"
        r"(?:(?!(?:by|of|for|in|with|from|to) )[\w-]+(?:,| and| or)? ){0,4}?(?:dates?|times?|names?|emails?|"
        r"e-mail addresses|phone numbers?|addresses|amounts?|prices?|entities|locations?|urls?|links|ids?|skills|"
        r"totals?|numbers)\b(?! (?:of|for|that|to)\b)",
        # things named in a given text: "identify all the people named in this article"
        r"(?:pull|grab|get|find|list|identify|capture|pick|collect) (?:out )?(?:all |the |every |each |any )+"
        r"(?:[\w-]+(?:,| and| or)? ){0,4}?(?:named|mentioned|listed|appearing|that appear|referenced) "
        r"(?:in|from|on) (?:this|the|these|that|my)\b",
        r"(?:as|into) (?:a )?(?:list|array) of (?:objects|dicts|dictionaries|records|key-value)",
        r"(?:what|which) (?:are )?(?:the |all the )?(?:[\w-]+ ){0,2}?(?:names|dates|amounts|prices|emails|"
        r"addresses|numbers|people|companies|places|entities) (?:are )?(?:mentioned|listed|named|appearing|"
        r"that appear|appear) in (?:this|the|these)\b",
        r"(?:data|information|entity|field|keyword|relation) extraction|pull out (?:all|the|every|each|any)|"
        r"parse (?:this|the following|these|the) (?:\w+ ){0,2}?(?:into|as)\b|"
        r"(?:identify|list|find|tag|label|extract|mark) (?:the |all )?(?:the )?named entit|"
        r"(?:as|into) key[- ]value pairs?|(?:as|into|in) (?:a )?structured (?:data|output|format|form)|"
        r"fill (?:in )?(?:the|this) (?:template|form|schema)|(?:as|into) (?:a )?csv\b",
    ),
    "es": (
        r"extra(?:e|er|iga|igan|ígame|eme|ed)\b|extracción de (?:datos|información|entidades)",
        r"(?:en|a|como) (?:formato )?json\b|formato json|(?:devuelv|respond|entreg|genera|da)\w*\b[^.!?\n]{0,40}?json\b",
        r"(?:saca|identifica|enumera|lista|busca|encuentra) (?:todos |todas )?(?:los|las) (?:[\wáéíóúñ]+ ){0,2}?"
        r"(?:nombres|fechas|correos|teléfonos|números de teléfono|importes|montos|precios|lugares|personas|"
        r"empresas|entidades|direcciones|cantidades)\b",
    ),
    "pt": (
        r"extra(?:ia|iam|ir|ia-me|ção de dados)\b",
        r"(?:em|no|como) (?:formato )?json\b|formato json|(?:retorne|devolva|responda|gere|entregue)\b[^.!?\n]{0,40}?json\b",
        r"(?:liste|identifique|encontre|separe) (?:todos |todas )?(?:os|as) (?:[\wáéíóúãõç]+ ){0,2}?(?:nomes|datas|"
        r"e-mails|emails|telefones|valores|preços|empresas|pessoas|locais|endereços|quantias)\b",
    ),
    "fr": (
        r"extra(?:is|ire|yez|it)\b|extraction (?:de|des) (?:données|informations|entités)",
        r"au format json|en json\b|format json|(?:renvoie|retourne|donne|réponds|répondez|fournis|génère)\w*\b"
        r"[^.!?\n]{0,40}?json\b",
        r"(?:relève|repère|liste|identifie|identifiez|listez|trouve) (?:tous |toutes )?(?:les) (?:[\wéèêàç]+ ){0,2}?"
        r"(?:noms|dates|e-mails|emails|adresses|numéros|montants|prix|entreprises|personnes|lieux)\b",
    ),
    "de": (
        r"extrahier(?:e|en|t)\b|heraus(?:ziehen|filtern|schreiben)|zieh(?:e)? [^.!?\n]{0,40}?heraus",
        r"als json\b|im json-format|json-format|(?:gib|gebe|antworte|liefere|erzeuge)\w*\b[^.!?\n]{0,40}?json\b",
        r"(?:liste|nenne|finde|identifiziere) (?:mir )?alle (?:[\wäöüß-]+ ){0,2}?(?:namen|daten|datumsangaben|"
        r"e-mail-adressen|adressen|preise|beträge|firmen|unternehmen|personen|orte|telefonnummern)\b"
        r"[^.!?\n]{0,40}?(?:aus|im|in dem|in diesem|genannt|erwähnt|vorkommen)",
    ),
    "ru": (
        # not the idioms извлечь пользу / урок / корень (benefit, lesson, square root)
        r"извле(?:ки|ките|чь|кать)\b(?! (?:пользу|урок|уроки|выгоду|корень|корни)\b)",
        r"в формате json|в виде json|в json\b|(?:верни|выведи|ответь|дай|предоставь)\w*\b[^.!?\n]{0,40}?json\b",
        r"(?:выпиши|выдели|найди|перечисли) (?:все )?(?:имена|даты|адреса|суммы|цены|номера|названия|"
        r"email|e-mail|телефоны|города|компании)\b[^.!?\n]{0,40}?(?:из|в) (?:текст|этого|этом|сообщени|письм)",
        r"выпиши из",
    ),
    "zh": (
        # 提取 is also "withdraw" (提取公积金): extraction has a text as its source or data as its object
        r"从[^。？]{0,30}?提取|提取(?:出|所有|全部|以下|下面|其中|文中|关键|信息|数据|人名|地名|日期|时间|金额|名字|姓名|"
        r"电话|邮箱|地址|实体|要点|字段|产品|商品|价格|公司)|抽取|json格式|以json|(?:输出|返回|给出|生成)json|json的形式|"
        r"找出(?:文中|其中|下面|以下|这段)|"
        r"列出(?:文中|其中|文本中|这段)",
    ),
    "ja": (
        r"を抽出|抽出して|抽出し|抽出せよ|json形式|jsonで|json として|取り出して|抜き出して|書き出して",
    ),
    "hi": (
        # निकालना is also "take out" (समय निकालें = make time): a text as the source, or data as the object
        r"(?:पाठ|टेक्स्ट|संदेश|मैसेज|ईमेल|लेख|दस्तावेज़|दस्तावेज|बिल|पैराग्राफ|वाक्य|सूची|रसीद|चालान|पत्र) से "
        r"(?:[^ ]+ ){0,8}?निकाल(?:ें|ो|िए|िये|कर|ना)|"
        r"(?:नाम|तारीख|तिथि|संख्या|नंबर|ईमेल|पते|राशि|कीमत|जानकारी|डेटा|विवरण|शब्द)[^ ]* (?:[^ ]+ ){0,4}?"
        r"निकाल(?:ें|ो|िए|िये|कर)|निकालें\b[^।.!?\n]{0,30}?(?:json|सूची)|"
        r"json (?:में|फ़ॉर्मेट|फॉर्मेट|प्रारूप)|extract (?:करो|करें|कीजिए|कर दो)",
    ),
    "it": (
        r"estrai\b|estrarre|(?:in|nel) formato json",
    ),
    "ko": (
        r"추출|json 형식",
    ),
}

# --------------------------------------------------------------------------------------------------
# Rule 7: multi-step reasoning
# --------------------------------------------------------------------------------------------------
REASON: dict[str, tuple[str, ...]] = {
    "en": (
        # explicit multi-step reasoning
        r"step[ -]by[ -]step|think (?:it |this |things |that )?through|think (?:carefully|hard|deeply|logically|"
        r"critically)|reason (?:through|about it|carefully|it out|step)|reasoning (?:step|process|chain)|"
        r"chain[- ]of[- ]thought|show (?:your|all|the|me the) (?:work|working|steps|reasoning|derivation|"
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
        r"trade-?offs?\b|pros and cons|advantages and disadvantages|benefits and drawbacks|"
        r"strengths and weaknesses|(?:balanced|critical|cost-benefit|comparative|swot) analysis|"
        r"compare and contrast|weigh (?:the|up|these|those|our|my|both|your|two|them|it|each|different|all)\b|"
        r"weighing (?:the|up|these|both)|root cause|critically (?:evaluate|assess|analy[sz]e)",
        r"(?:which|what) (?:option|approach|strategy|choice|design|architecture|plan|one|solution|"
        r"alternative|path) (?:is|would be) (?:the )?(?:better|best|more|preferable|wiser|safer)|"
        r"(?:which|what) (?:option|approach|strategy|choice|design|architecture|plan|one|solution|"
        r"alternative|path) (?:should (?:i|we) (?:choose|pick|take|go with|use)|do you recommend|"
        r"makes more sense)|decide (?:between|whether)|choose between|pick between|deciding between|"
        r"torn between|(?:help|helps) (?:me|us) (?:decide|choose|pick)\b",
        r"(?:compare|comparing|evaluate|evaluating|assess|assessing) [^.?]{1,100}? (?:and|or|vs\.?|versus|against|"
        r"with|to) [^.?]{1,100}?\b(?:which|decide|recommend|choose|pick|select|should|better|best|go with)\b|"
        r"(?:vs\.?|versus) [^.]{1,100}?\b(?:which (?:one|is|should|would)|when (?:would|should|to)|"
        r"should (?:i|we)|(?:is|be) better|pick|choose|recommend)\b",
        # plans
        r"(?:make|create|draft|develop|build|outline|write|design|devise|prepare|put together|come up with|"
        r"give me|suggest|propose) (?:me )?(?:a|an|the|my|our) (?:[\w-]+ ){0,3}?(?:plan|strategy|roadmap|"
        r"itinerary|curriculum|schedule|timeline|budget)\b(?!-)|plan (?:a|an|my|our|out)\b|"
        r"(?:help me|help us|can you|could you|please) plan\b|migration plan",
        # puzzles
        # a puzzle to solve, not one to buy ("jigsaw puzzle", "puzzle book") or to be told ("tell me a riddle")
        r"(?:" + "|".join(_task_noun(w) for w in ("riddle", "puzzle", "brain ?teaser")) + r")s?\b"
        r"(?! (?:game|games|box|piece|pieces|book|books|app|apps|shop|store|collection|mat|table)\b)|"
        r"logic (?:problem|question|grid)|lateral thinking|knights and knaves|sudoku|"
        r"monty hall|prisoner'?s dilemma|birthday (?:paradox|problem)|tower of hanoi|river crossing",
        # math to solve
        r"solve\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"solve (?:for [a-z]\b|the (?:equation|problem|puzzle|riddle|system|inequality|following)|"
        r"this (?:equation|problem|puzzle|riddle|system)|these (?:equations|problems)|[a-z] ?[=+]|\d)|"
        r"(?:calculate|compute|work out)\b[^.?\n]{0,80}?\d|probability (?:of|that)|"
        r"(?:what are|what's|what is) the (?:odds|chances|probability)\b|expected value|"
        r"how many (?:ways|combinations|permutations|arrangements)|estimate (?:how many|the number)|"
        r"fermi (?:problem|estimate)|optimal strategy|derivative of|integral of|"
        r"(?:integrate|differentiate) (?:f\b|g\b|x|y|the (?:function|expression)|\d|sin|cos|tan|e\^|ln|log)|"
        r"(?:find|compute|calculate|evaluate) the limit|eigenvalues?|determinant of|"
        r"inverse of (?:the |this )?matrix|simplify (?:the |this )?(?:expression|equation|fraction)",
    ),
    "es": (
        r"paso a paso|razona\b|razonando|razonamiento|piensa (?:bien|con cuidado|detenidamente)|"
        r"demuestr(?:a|e|en|ar)\b|demostración|deriva (?:la|el)\b|ventajas (?:y desventajas|e inconvenientes)|"
        r"pros y contras|"
        r"comp[aá]r(?:a|ar|e|en)(?:l[oa]s?|me|nos)?\b[^.?]{1,100}?(?:cuál|decid|recomi[eé]nd|elige|elegir|mejor)|"
        r"(?:ayúdame|ayudame|ayúdanos) a (?:decidir|elegir)|decidir entre|elegir entre|"
        r"(?:haz|hazme|crea|créame|elabora|diseña|prepara|prepárame|arma) (?:un|una) (?:[\wáéíóúñ]+ ){0,2}?"
        r"(?:plan|itinerario|presupuesto|cronograma|horario|estrategia)\b|planifica|planea (?:un|una|mi)",
        r"adivinanza|acertijo|rompecabezas|problema de lógica|"
        r"resuelv[ea]\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"resuelve (?:la ecuación|el problema|este problema|paso|para|el sistema|\d)|resolver (?:la ecuación|"
        r"este problema)|calcul(?:a|e|ar)\b[^.?\n]{0,80}?\d|probabilidad de",
    ),
    "pt": (
        r"passo a passo|raciocin|pense (?:bem|com cuidado)|demonstr(?:e|a)\b|prove que|demonstração|"
        r"vantagens e desvantagens|prós e contras|"
        r"compar(?:e|a|ar)(?:-os|-as|-me)?\b[^.?]{1,100}?(?:qual|decid|recomend|escolh|melhor)|"
        r"(?:me )?ajud[ea](?:-me)? a (?:decidir|escolher)|decidir entre|escolher entre|"
        r"(?:faça|crie|elabore|monte|prepare|faz)(?:-me)? (?:um|uma) (?:[\wáéíóúãõç]+ ){0,2}?(?:plano|roteiro|"
        r"orçamento|cronograma|estratégia)\b|planeje",
        r"resolv[ae]\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"charada|enigma|quebra-cabeça|problema de lógica|resolva (?:a equação|o problema|este problema|"
        r"passo|o sistema|\d)|calcul(?:e|a|ar)\b[^.?\n]{0,80}?\d|probabilidade de",
    ),
    "fr": (
        r"étape par étape|pas à pas|raisonne|raisonnement|réfléchis (?:bien|étape|soigneusement)|"
        r"démontre[rz]?\b|prouve[rz]? que|démonstration|avantages et (?:les )?inconvénients|"
        r"pour et (?:le )?contre|"
        r"compare(?:[rz]|-les|-moi|-nous)?\b[^.?]{1,100}?(?:lequel|laquelle|décide|recommand|choisi|meilleur)|"
        r"aide-(?:moi|nous) à (?:choisir|décider)|choisir entre|hésite entre|"
        r"(?:crée|fais|établis|prépare|élabore|propose)(?:-moi)? un (?:[\wéèêàç]+ ){0,2}?(?:plan|itinéraire|"
        r"budget|planning|programme)\b|planifie",
        r"devinette|énigme|casse-tête|résous|résolvez|résoudre (?:l'équation|ce problème|le problème|le système)|"
        r"calcule[rz]?\b[^.?\n]{0,80}?\d|probabilité (?:de|que|qu')",
    ),
    "de": (
        r"schritt für schritt|schrittweise|denk (?:gründlich|sorgfältig|genau) nach|begründe|"
        r"beweise|beweis (?:dass|für)|herleit|leite [^.?!\n]{0,40}?her\b|vor- und nachteile|"
        r"vorteile und nachteile|für und wider|abwägen|wäge [^.?!\n]{0,40}?ab\b|"
        r"vergleiche [^.?]{1,100}?(?:welche|entscheide|empfiehl|besser)|"
        r"hilf (?:mir|uns)[^.?!\n]{0,20}?(?:entscheiden|wählen|auszuwählen)|"
        r"(?:schreibe|schreib|erstelle|mache|mach|entwirf|plane)(?: mir| uns)? (?:einen|eine)\b[^.?!\n]{0,30}?"
        r"(?:plan|reiseroute|budget|zeitplan|strategie)|plane (?:mir |uns )?(?:einen|eine|ein|meine|meinen|unsere|"
        r"unseren)\b",
        r"löse\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"rätsel|denksport|knobelaufgabe|logikaufgabe|löse (?:die gleichung|das problem|diese aufgabe|nach|"
        r"das gleichungssystem)|berechne\b[^.?\n]{0,80}?\d|wahrscheinlichkeit (?:dass|für|von)",
    ),
    "ru": (
        r"шаг за шагом|пошагов|поэтапно|по шагам|рассужда|подумай (?:хорошенько|внимательно|логически)|"
        r"докаж|доказательство (?:того|теоремы|что)|выведи (?:формулу|уравнение)|плюсы и минусы|"
        r"за и против|(?:преимущества|достоинства) и недостатки|сравни [^.?]{1,100}?(?:какой|какая|какое|какую|что лучше|"
        r"реши|посоветуй|выбери|выбрать|лучше)|помоги (?:мне |нам )?(?:выбрать|решить|определиться)|"
        r"(?:составь|сделай|разработай|спланируй|придумай)(?: мне| нам)? (?:[а-яё]+ ){0,2}?(?:план|маршрут|"
        r"бюджет|расписание|стратегию)|спланируй",
        r"реши(?:те)?\b[^.?\n]{0,40}?[a-z0-9)] ?= ?[a-z0-9(-]|"
        r"загадк|головоломк|логическ(?:ая|ую) задач|реши (?:уравнение|задачу|систему|пример)|"
        r"(?:вычисли|рассчитай|посчитай)\w*\b[^.?\n]{0,80}?\d|вероятность того",
    ),
    "zh": (
        # 证明 is also a certificate (在职证明): as a request it starts a clause or follows a request word
        r"一步一步|一步步|逐步|分步| 证明|。证明|(?:请|试|来|并|如何|怎么|怎样|帮我)证明|证明(?:一下|：| )|推导|"
        r"推理(?!小说|片|剧)|利弊|优缺点|优点和缺点|优势和劣势|优劣|权衡|比较[^ 。？]{0,30}?(?:哪个|哪一个|哪种|更好|更适合|选择|推荐)|"
        r"(?:帮我|请|给我|帮忙)(?:制定|做|写|规划|安排|设计)[^ 。？]{0,10}?(?:计划|方案|行程|预算|日程|路线)|"
        r"制定[^ 。？]{0,10}?计划|谜题|谜语|脑筋急转弯|逻辑题|解方程|求解|(?:计算|算一下|算算)[^。？]{0,40}?\d|概率",
    ),
    "ja": (
        r"ステップバイステップ|段階的に|順を追って|一歩ずつ|証明(?!書)|導出|長所と短所|メリットとデメリット|"
        r"利点と欠点|良い点と悪い点|比較して[^ 。？]{0,30}?(?:どちら|どれ|おすすめ|選)|どちらを選ぶべき|"
        r"(?:計画|プラン|旅程|予算|スケジュール)を(?:立て|作|考え)|なぞなぞ|パズル|謎解き|"
        r"方程式を解|を解いて|を解け|確率を求め|論理的に考え|計算して[^。？]{0,40}?\d",
    ),
    "hi": (
        r"चरण दर चरण|चरणबद्ध|कदम दर कदम|क़दम दर क़दम|स्टेप बाय स्टेप|step by step|"
        r"सिद्ध (?:करें|कीजिए|करो|करिए|कीजिये)|साबित (?:करें|कीजिए|करो|करिए|कीजिये)|प्रमाणित कीजिए|"
        r"फायदे और नुकसान|फ़ायदे और नुक़सान|फायदे और नुक़सान|लाभ और हानि|पक्ष और विपक्ष|"
        r"(?:खूबियाँ|खूबियां|गुण) और (?:कमियाँ|कमियां|दोष)|व्युत्पन्न (?:करें|कीजिए|करो)|"
        r"(?:अपना )?तर्क (?:बताइए|बताएं|बताओ|समझाइए|के साथ|सहित)|"
        r"तुलना [^।?]{0,60}?(?:कौन सा|कौनसा|कौन-सा|बेहतर|चुन)|(?:चुनने|तय करने) में मदद|"
        r"(?:योजना|प्लान) (?:बनाएं|बनाओ|बनाइए|बनाइये|तैयार)",
        r"पहेली|समीकरण (?:हल|को हल)|प्रश्न हल|सवाल हल|प्रायिकता|संभावना ज्ञात|"
        r"(?:गणना|हिसाब) (?:करें|करो|कीजिए)[^।?]{0,60}?\d",
    ),
    "it": (
        r"passo dopo passo|passo passo|dimostra(?:re)? che|pro e contro|vantaggi e svantaggi|indovinello",
    ),
    "ko": (
        r"단계별로|차근차근|증명|장단점",
    ),
}

# Rule 7: the question of a word problem (counts only with its quantities, see the module docstring).
WORD_PROBLEM: dict[str, tuple[str, ...]] = {
    "en": (
        r"how (?:many|much|long|far|fast|old|often|tall|high|heavy|big|wide|deep)\b|"
        r"what(?:'s| is| was| will be| would be) (?:the |her |his |their |its |my )?(?:[\w-]+ )?(?:total|average|final|"
        r"remaining|new|sum|difference|cost|price|speed|distance|area|perimeter|volume|ratio|profit|percentage|"
        r"length|width|height)\b|when (?:will|does|do|would|did) (?:[\w-]+ ){0,4}?(?:catch up|meet|overtake|"
        r"arrive|reach|finish)\b|(?:at )?what time (?:will|does|do|would|did)\b|"
        r"(?:find|calculate|compute|determine|work out|figure out) (?:the |his |her |their )?(?:total|average|"
        r"sum|difference|cost|price|speed|distance|area|perimeter|volume|number|value|probability|percentage|"
        r"ratio|time|length|width|height|amount|answer|remainder|result)\b|"
        r"(?:calculate|compute|work out|figure out) (?:how|what)\b",
    ),
    "es": (
        r"cu[aá]nt[oa]s?\b|qu[eé] (?:distancia|velocidad|edad|precio)\b|calcul(?:a|e|ar)\b|halla\b|"
        r"(?:encuentra|determina) (?:el|la|los|las|su)\b|"
        r"cu[aá]l (?:es|será|fue|era) (?:el|la|su|sus) (?:total|precio|velocidad|distancia|área|promedio|media|edad)\b|"
        r"a qu[eé] hora",
    ),
    "pt": (
        r"quant[oa]s?\b|qual (?:é |será |foi |e )?(?:o|a|sua|seu) (?:sua |seu )?(?:total|preço|velocidade|distância|"
        r"área|média|idade)\b|calcul(?:e|a|ar)\b|(?:determine|encontre) (?:o|a|os|as|sua|seu)\b|"
        r"a que horas",
    ),
    "fr": (
        r"combien\b|quel(?:le)? (?:est|sera|était) (?:le |la |l'|sa |son |leur |ses )(?:total|prix|vitesse|distance|"
        r"aire|moyenne|âge|longueur|durée|bénéfice)\b|à quelle heure|calcule[rz]?\b|"
        r"(?:détermine|trouve)[rz]? (?:le|la|les|l'|sa|son)",
    ),
    "de": (
        r"wie (?:viele?|lange|weit|alt|schnell|hoch|groß|oft|schwer)\b|wann (?:treffen|erreichen|überholen|"
        r"kommt|kommen)\b|um wie viel uhr|berechne\b|(?:bestimme|ermittle) (?:den|die|das)\b",
    ),
    "ru": (
        r"сколько\b|какое расстояние|какую сумму|какова (?:скорость|длина|площадь|цена|сумма)|"
        r"через (?:сколько|какое время)|во сколько|(?:найди|найдите|вычисли|вычислите|определи|определите) "
        r"(?:[а-яё]+ )?(?:скорость|расстояние|время|длину|площадь|периметр|сумму|цену|число|количество|возраст|"
        r"массу|объём|объем)",
    ),
    "zh": (
        # 几个 is also "a few" (有几个人 = some people): as a question it ends its sentence with a question mark
        r"多少|几(?=[个只本天年人次岁辆条张块元米分钟小时周倍箱盒件位名种支台斤克公里千米页])[^。！？!?]{0,20}[？?]|"
        r"多久|多长时间|多远|多重|求(?:出|得)|计算(?:出|一下)",
    ),
    "ja": (
        r"何(?:個|人|本|枚|円|分|時間|歳|キロ|メートル|回|日|通り|台|匹|冊|杯|ページ)|いくつ|幾つ|いくら|どれくらい|"
        r"どのくらい|求めなさい|求めよ|求めてください|計算して|計算しなさい",
    ),
    "hi": (
        r"कितन(?:ा|े|ी|ों)|ज्ञात (?:कीजिए|करें|करो|कीजिये)|गणना (?:कीजिए|करें|करो)|कब (?:मिलेंगे|मिलेगी|मिलेगा|पहुँचेगा|पहुंचेगा|पहुँचेगी)",
    ),
    "it": (
        r"quant[oiea]\b",
    ),
    "ko": (
        r"몇",
    ),
}

QUANTITY: dict[str, tuple[str, ...]] = {
    "any": (r"\d+(?:[.,:/]\d+)*",),
    "en": (
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
        r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|"
        r"million|dozen|half|twice|thrice|triple|quarter)\b",
    ),
    "es": (
        r"\b(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cuarenta|"
        r"cincuenta|cien|ciento|mil|docena|mitad|doble|triple)\b",
    ),
    "pt": (
        r"\b(?:dois|duas|três|quatro|cinco|seis|sete|oito|nove|dez|onze|doze|quinze|vinte|trinta|cem|cento|"
        r"mil|dúzia|metade|dobro|triplo)\b",
    ),
    "fr": (
        r"\b(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|cent|mille|"
        r"douzaine|moitié|double|triple)\b",
    ),
    "de": (
        r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig|hundert|"
        r"tausend|dutzend|hälfte|doppelt|halb|halbe)\b",
    ),
    "ru": (
        r"\b(?:два|две|двух|двум|трое|три|трёх|трех|четыре|четырёх|пять|пяти|шесть|шести|семь|семи|восемь|"
        r"восьми|девять|девяти|десять|десяти|двадцать|сто|ста|тысяча|тысячи|половина|половину|вдвое|втрое|"
        r"дюжина)\b",
    ),
    "zh": (
        r"(?:[二两三四五六七八九十百千万]|一[十百千万])[零〇一二两三四五六七八九十百千万]*"
        r"(?=[个只本天年人次岁辆条张块元米分钟小时周倍箱盒件位名种支台斤克公里千米页])|半(?=[小天年个])",
    ),
    "ja": (
        r"(?:[二三四五六七八九十百千万]|一[十百千万])[一二三四五六七八九十百千万]*"
        r"(?=[個人本枚円分時間歳台匹冊杯回日つ])",
    ),
    "hi": (
        r"\b(?:दो|तीन|चार|पाँच|पांच|छह|छः|सात|आठ|नौ|दस|बारह|बीस|तीस|पचास|सौ|हज़ार|हजार|आधा|आधे|आधी|दुगुना|दोगुना)\b",
    ),
}

GIVEN: dict[str, tuple[str, ...]] = {
    "en": (r"\b(?:if|given|assuming|per|each|every)\b|at a rate",),
    "es": (r"\b(?:si|cada|por)\b",),
    "pt": (r"\b(?:se|cada|por)\b",),
    "fr": (r"\b(?:si|chaque|par)\b",),
    "de": (r"\b(?:wenn|falls|pro|je|jede[nrs]?)\b",),
    "ru": (r"\b(?:если|каждый|каждая|каждое|каждые|каждую|в час|в день)\b",),
    "zh": (r"如果|假如|每",),
    "ja": (r"もし|毎|につき|ずつ",),
    "hi": (r"\b(?:अगर|यदि|प्रति|हर)\b",),
}

# --------------------------------------------------------------------------------------------------
# Rule 8: simple summarize / classify / translate / rewrite (and trivial "reply with X") tasks
# --------------------------------------------------------------------------------------------------
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
        r"(?:classify|categori[sz]e|label|tag) (?:this|the|these|each|every|following|it|them|whether|as|"
        r"into|the sentiment|all)\b|sentiment (?:of|analysis|classification)|(?:tone|sentiment|mood|emotion) "
        r"of (?:this|the following|these|that|the message|the text|the email|the review)\b|"
        r"is (?:this|it|the following) (?:\w+ )?(?:spam|positive|negative|toxic|neutral|sarcastic|offensive)\b|"
        r"what language is (?:this|that|the following)\b|(?:detect|identify|determine|guess) the language\b|"
        r"(?:sort|group|split|bucket) (?:these|the following|this list|each of these|them)\b[^.?]{0,60}?\binto\b|"
        r"(?:which|what) category (?:does|do|is|are|would|should)\b",
        "|".join(_task_verb(v) for v in ("rewrite", "rephrase", "paraphrase", "reword", "proofread", "copyedit",
                                         "copy-edit")) + r"\b|"
        r"(?:fix|correct|check) (?:the |my |any |this |all )?(?:grammar|spelling|typos|punctuation)|"
        r"make (?:this|it|that|the|my)(?: [\w-]+)? (?:sound )?(?:more |less |a bit |slightly )?(?:formal|"
        r"informal|casual|professional|polite|friendly|friendlier|concise|shorter|clearer|simpler|persuasive|"
        r"engaging)|(?:turn|change|convert|put) (?:this|it|that|the following|my [\w-]+) (?:[\w-]+ ){0,2}?(?:into|to|in) "
        r"(?:a |an )?(?:more |less )?(?:formal|informal|casual|polite|professional|friendlier|concise|plain|simpler)\b|"
        r"(?:shorten|simplify|polish|tighten) (?:this|the|my|it)\b|"
        r"in (?:simpler|plain|fewer) (?:words|english|language)",
        r"reply with (?:exactly|only|just)|respond with (?:exactly|only|just)|answer (?:only )?with "
        r"(?:yes or no|a single word|one word|only)|one[- ]word answer|say (?:only|exactly|just)\b|"
        r"(?:answer|reply|respond) (?:only )?(?:yes or no|with yes or no)",
    ),
    "es": (
        r"resume (?:el|la|los|las|este|esta|esto|lo|en|brevemente)\b|resumir|resúme(?:me|lo|la)|"
        r"haz(?:me)? un resumen|un resumen de",
        r"tradu(?:ce|cir|zca|ceme|céme)\b|tradúce(?:me|lo|la)|traducción (?:al|del)\b|"
        r"c[oó]mo se dice\b[^?¿\n]{0,60}?\ben [a-záéíóúñ]+",
        r"reescrib(?:e|ir|elo|ela)\b|reformula\b|parafrasea|corrige (?:el|la|los|las|este|esta|mi|mis|"
        r"errores|la ortografía|la gramática)\b|revisa (?:la ortografía|la gramática|este texto|mi texto)|"
        r"acorta (?:este|esta|el|la)\b|simplifica (?:este|esta|el|la)\b",
        r"clasifica\b|categoriza|etiqueta (?:cada|estos|estas|los|las)\b|(?:es|son) (?:este|esta|estos|estas) "
        r"(?:[\wáéíóúñ]+ )?(?:positiv|negativ|neutral|spam)|sentimiento de",
        r"responde (?:solo|sólo|únicamente) con",
    ),
    "pt": (
        r"resuma\b|resumir\b|faça um resumo|um resumo d|traduza\b|traduzir\b|tradução (?:para|do|da)\b|"
        r"como (?:se diz|dizer)\b[^?\n]{0,60}?\bem [a-zãõáéíóúç]+",
        r"reescreva\b|reformule\b|parafraseie\b|corrija\b|revise (?:o texto|a ortografia|a gramática)|"
        r"encurte\b|simplifique (?:este|esta|o|a)\b",
        r"classifique\b|categorize\b|rotule\b|sentimento d",
        r"responda (?:apenas|somente|só) com",
    ),
    "fr": (
        r"résume[rz]?\b|fais(?:-moi)? un résumé|un résumé (?:de|du|des)|tradui[st]\b|traduire|traduisez|"
        r"traduction (?:en|de ce|du texte)|comment (?:dit-on|on dit|dire)\b[^?\n]{0,60}?\ben [a-zéèêàç]+",
        r"reformule[rz]?\b|réécri[st]\b|réécrire|réécrivez|corrige[rz]? (?:les? |l'|ce |cette |mon |ma |mes )?"
        r"(?:fautes|orthographe|texte|grammaire|phrase|erreurs|coquilles)|relis (?:ce|cette|mon|ma)\b|"
        r"raccourcis|simplifie (?:ce|cette)\b",
        r"classe[rz]? (?:ce|cette|ces|les|chaque)\b|classifie|catégorise|sentiment (?:de|du)\b",
        r"réponds (?:uniquement|seulement) (?:par|avec)",
    ),
    "de": (
        r"fasse?\b[^.?!\n]{0,60}?\bzusammen|zusammenfassung|zusammenfassen|übersetze?n?\b|"
        r"übersetzung (?:ins|in die|in das)\b|wie sagt man\b[^?\n]{0,60}?\bauf [a-zäöü]+",
        # separable verbs: the particle ends the clause ("schreib den Text um.", "ordne ... zu")
        r"(?:formuliere?|schreibe?) [^.?!\n]{0,60}?\bum\b(?= ?[.!?:;]| *$)|umformulieren|korrigiere|"
        r"korrekturles|überarbeite|kürze (?:den|diesen|diese|das|dies)\b|vereinfache",
        r"klassifiziere|kategorisiere|ordne [^.?!\n]{0,60}?\bzu\b(?= ?[.!?:;]| *$)|"
        r"stimmung (?:des|der|dieses|dieser)\b",
        r"antworte (?:nur|ausschließlich) mit",
    ),
    "ru": (
        r"переска[зж]|кратко (?:изложи|опиши|перескажи)|резюмир|суммир|подведи итог|сократи(?:ть)? (?:текст|этот|это)|"
        r"(?:сделай|напиши|дай) (?:краткое (?:содержание|изложение)|выжимку|резюме)",
        # "переведи" is also "transfer (money)": as "translate" it names a language or a text
        r"(?:переведи|переведите|перевести|перевод)\b[^.?!\n]{0,40}?\b(?:на|с) (?:английск|русск|немецк|"
        r"французск|испанск|китайск|японск|итальянск|португальск|хинди|арабск|украинск)|"
        r"(?:переведи|переведите|перевести)(?::| (?:это|этот|эту|текст|фразу|предложение|письмо|следующ|слово))|"
        r"как (?:сказать|будет)\b[^?\n]{0,60}?\bпо-[а-яё]+",
        r"перепиши|переписать|перефразир|исправ(?:ь|ьте|ить) (?:ошибки|грамматику|текст|орфографию|опечатки)|"
        r"проверь (?:текст|орфографию|грамматику|на ошибки)",
        r"классифицир|определи(?:ть)? (?:тональность|категорию|тон|настроение)|отнеси (?:к|каждое|каждый)|"
        r"распредели по категориям|категоризируй",
        r"ответь (?:только|одним словом)",
    ),
    "zh": (
        r"总结(?:一下|下面|以下|这|全文|要点|成|为|出)|(?:请|帮我|帮忙|把|将|简要|简单)[^ 。？]{0,30}?总结|概括|"
        r"归纳(?:一下|要点|出)|(?:写|生成|给出|做|提供)(?:一[个份段])?摘要|摘要一下",
        r"翻译(?:成|为|一下|下面|以下|这|如下)|(?:请|帮我|帮忙|把|将)[^ 。？]{0,40}?翻译|译成|译为|翻成|"
        r"用[^ 。？]{1,6}(?:语|文)怎么说|(?:语|文)怎么说",
        r"改写|重写|润色|校对|纠正[^ 。？]{0,6}?(?:错误|语法|错别字)|修改[^ 。？]{0,6}?(?:错别字|语病|语法)|"
        r"检查[^ 。？]{0,6}?(?:错别字|语法|拼写)|精简",
        r"(?:请|帮我|把|将|对)[^ 。？]{0,30}?分类|分类(?:一下|为|成)|进行分类|归类|情感分析|"
        r"判断[^ 。？]{0,10}?(?:情感|情绪|正面|负面|积极|消极)",
        r"只回答|只回复|仅回答",
    ),
    "ja": (
        r"要約|まとめて|翻訳して|翻訳し|翻訳を(?:お願い|して)|に翻訳|へ翻訳|訳して|英訳|和訳|書き直|言い換え|"
        r"校正|添削|誤字|分類して|分類し|に分類|を分類|仕分け|感情分析|短くして|簡潔にして|だけ答え|のみで答え|"
        r"語で(?:何と|なんと)(?:言|い)",
    ),
    "hi": (
        r"(?:का|की) सारांश|सारांश (?:लिखें|लिखो|दें|दो|बताएं|बताओ|बनाएं|बनाओ|दीजिए)|"
        r"संक्षेप (?:करें|करो|कीजिए)|संक्षिप्त (?:करें|करो|कीजिए)",
        r"अनुवाद|ट्रांसलेट|(?:अंग्रेज़ी|अंग्रेजी|हिंदी|हिन्दी|जापानी|चीनी|फ्रेंच|स्पेनिश|जर्मन|रूसी) में (?:क्या|कैसे) "
        r"(?:कहते|कहेंगे|बोलते|बोलेंगे)|(?:अंग्रेज़ी|अंग्रेजी|हिंदी|हिन्दी|फ्रेंच|स्पेनिश|जर्मन|जापानी|चीनी|रूसी|उर्दू|मराठी|तमिल|"
        r"बंगाली) में (?:बदलें|बदलो|बदलिए|बदल दो|लिखें|लिखो|लिखिए)",
        r"दोबारा लिख|फिर से लिख|पुनर्लेखन|(?:इसे|इस (?:वाक्य|पैराग्राफ|लेख|संदेश|ईमेल) को) छोटा (?:करें|करो|कीजिए)|(?:व्याकरण|वर्तनी) (?:ठीक|सुधार|जाँच|जांच)|"
        r"(?:गलतियाँ|ग़लतियाँ|गलतियां|त्रुटियाँ|त्रुटियां) (?:ठीक|सुधार|सुधारें|सुधारो)|प्रूफ़रीड|प्रूफरीड",
        r"वर्गीकृत|वर्गीकरण|श्रेणी में (?:डालें|रखें|बांटें)|श्रेणियों में|भावना (?:पहचान|बताएं|बताओ)|"
        r"सकारात्मक या नकारात्मक",
    ),
    "it": (
        r"riassumi|riassunto di|traduci|tradurre|riscrivi|riformula|correggi|classifica\b",
    ),
    "nl": (
        r"vertaal|samenvatting|vat\b[^.?!\n]{0,40}?\bsamen",
    ),
    "ko": (
        r"요약|번역|다시 써|바꿔 써|교정|분류",
    ),
}


def flatten(lexicon: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """One list of a lexicon's entries, languages in :data:`LANGUAGES` order (``any`` first)."""
    order = ["any", *LANGUAGES]
    return tuple(p for lang in sorted(lexicon, key=lambda k: order.index(k) if k in order else len(order))
                 for p in lexicon[lang])


DEFAULT_LEXICON_PATTERNS: dict[str, tuple[str, ...]] = {
    "json": flatten(JSON),
    "reason": flatten(REASON),
    "word_problem": flatten(WORD_PROBLEM),
    "quantity": flatten(QUANTITY),
    "given": flatten(GIVEN),
    "simple": flatten(SIMPLE),
}
"""The default phrase lists of rules 6–8, each the concatenation of its per-language lexicons."""
