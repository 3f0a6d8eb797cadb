"""Default data of the classifier: model-intent patterns, the rule 5–8 phrase and code patterns, budgets.

Everything here is *data*: ``di.classifier`` in ``config.yaml`` can replace any list (``patterns.<rule>``,
``model_patterns.<type>``) or append to it (``extra_patterns.<rule>``, ``extra_model_patterns.<type>``).
See :mod:`di_plugins.classifier` for how each kind of pattern is matched:

* ``code_line``   – case-sensitive regexes matched at the start of a line, after optional indentation.
* ``code_inline`` – case-sensitive regexes matched anywhere. Start them with a literal, fairly rare
  character (the defaults use ``.`` and ``:`` only): the text is scanned once per distinct first
  character, skipping in C between candidates.
* ``code`` / ``json`` / ``reason`` / ``word_problem`` / ``simple`` – *phrases*: lower-case regexes matched at the start of a
  word of the lower-cased text. A phrase containing a CJK / kana / hangul character is matched anywhere
  (those scripts do not put spaces between words).
"""

from __future__ import annotations

# --------------------------------------------------------------------------------------------------
# Model intent (base type). Regexes searched in the lower-cased model id (effort suffix removed).
# ``pro`` patterns are tried first, then ``flash``; no match -> ``default_base_type`` (pro).
# ``(?<![a-z0-9])`` / ``(?![a-z0-9])`` make a word a whole token of the id, so ``mini`` does not
# match ``gemini`` and ``lite`` does not match ``elite``.
# --------------------------------------------------------------------------------------------------
_T0 = r"(?<![a-z0-9])"
_T1 = r"(?![a-z0-9])"

DEFAULT_MODEL_PATTERNS: dict[str, tuple[str, ...]] = {
    "pro": (
        r"^di-max$",  # catalog: maximum capability
        r"^di-fusion$",  # catalog: the default grade
        r"^di$",  # legacy catalog default
    ),
    "flash": (
        r"^di-(?:saver|fast)$",  # catalog: cheapest grade (di-fast is its alias)
        _T0 + r"(?:mini|nano|micro|tiny|small|lite|light|flash|haiku|instant|fast|air|saver)" + _T1,
        r"gpt-3\.5|gpt-35",  # gpt-3.5-turbo (Azure spells it gpt-35-turbo); gpt-4-turbo stays pro
        r"^qwen[\w.-]*-turbo",  # qwen-turbo is Alibaba's cheap tier (qwen-plus / qwen-max stay pro)
        _T0 + r"ministral",  # Mistral's edge models
        # an explicit parameter count of at most 14B: llama3:8b, qwen2.5-7b, gemma-2-9b, qwen2.5:0.5b
        r"(?<![a-z0-9.])(?:0\.\d+|[1-9](?:\.\d+)?|1[0-4](?:\.\d+)?)b" + _T1,
    ),
}

# --------------------------------------------------------------------------------------------------
# Rule 5: code-shaped text
# --------------------------------------------------------------------------------------------------
_CODE_EXT = (
    r"py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|go|rs|java|kt|kts|scala|rb|php|c|h|cc|cpp|cxx|hpp|hh|cs|fs|"
    r"swift|m|mm|sh|bash|zsh|ps1|sql|vue|svelte|dart|lua|pl|ex|exs|erl|hs|clj|jl|r|tf|proto|gradle|"
    r"yaml|yml|toml|json|lock|ini|cfg|mk|cmake|dockerfile"
)
# single file names (no directory): a narrower list, no one-letter extensions
_FILE_EXT = (
    r"py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|go|rs|java|kt|scala|rb|php|cpp|cxx|hpp|cs|swift|sh|ps1|sql|"
    r"vue|svelte|dart|lua|tf|proto|gradle|yaml|yml|toml|json|lock"
)
_SHELL_CMDS = (
    r"sudo|git|npm|npx|pnpm|yarn|pip3?|python3?|node|deno|bun|docker|docker-compose|podman|kubectl|helm|"
    r"cargo|rustc|go|make|cmake|gcc|g\+\+|clang|javac|java|mvn|gradle|dotnet|curl|wget|ssh|scp|rsync|cd|"
    r"ls|cat|grep|rg|find|export|chmod|chown|systemctl|journalctl|brew|apt|apt-get|yum|dnf|pacman|"
    r"terraform|aws|gcloud|az|conda|uv|poetry|php|composer|bundle|rails|ruby|psql|mysql|redis-cli|mkdir|"
    r"rm|mv|cp|tar|unzip|ps|kill|sed|awk|echo|source|ssh-keygen|openssl|nc|telnet|ping|dig|nslookup|"
    r"pytest|tox|nox|ruff|flake8|mypy|black|eslint|tsc|jest|vitest|\./[\w.-]+"
)

DEFAULT_CODE_LINE: tuple[str, ...] = (
    # fenced code blocks: a language tag that is not a data/prose format ...
    r"(?:```|~~~)[ \t]*(?!(?:json5?|jsonc|jsonl|ndjson|text|txt|plain|plaintext|markdown|md|csv|tsv|none|"
    r"email|prose|quote|output)\b)[A-Za-z][\w+#.-]*[ \t]*\r?\n",
    # ... or no tag and code-looking content (not JSON data, not prose)
    r"(?:```|~~~)[ \t]*\r?\n(?![ \t]*[\[{])(?=[^`]{0,400}?(?:[;{}][ \t]*\r?\n|=>|\(\)|!=|==|::|->|"
    r"\bdef |\breturn\b|\bimport |#include|</?[a-z]+[ >]|\$ \w))",
    # unified diffs
    r"diff --git ",
    r"@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@",
    r"--- a/",
    r"\+\+\+ b/",
    r"index [0-9a-f]{7,}\.\.[0-9a-f]{7,}",
    # stack traces and compiler output
    r"Traceback \(most recent call last\)",
    r'File "[^"\n]+", line \d+',
    r"at [^\n]{1,300}?\((?:[^\n()]*\.(?:java|kt|scala|groovy|js|mjs|cjs|ts|tsx|jsx|cs|vb|fs):\d+|"
    r"Native Method|Unknown Source|native|<anonymous>)",
    r"at (?:async )?(?:file://)?/[^\n]*:\d+:\d+",
    r"Caused by: ",
    r"goroutine \d+ \[",
    r"panic: ",
    r"error\[E\d{4}\]",
    r"(?:Segmentation fault|Bus error|Aborted) \(core dumped\)",
    r"Unhandled exception\. ",
    r"from [^\n]*\.rb:\d+:in ",
    r"PHP (?:Fatal error|Warning|Parse error|Notice)",
    r"#\d+ [^\n]*\.php\(\d+\)",
    r"npm ERR! ",
    # shell sessions and REPLs
    r"[$%] (?:" + _SHELL_CMDS + r")(?=[ \t\r\n])",
    r"[\w.-]+@[\w.-]+:[~/][^\n]{0,80}?[$#] \S",
    r">>> \S",
    r"PS [A-Z]:\\[^>\n]*> ",
    r"[A-Z]:\\[^>\n]{0,80}>[a-z]",
    # unfenced source code
    r"(?:async )?def \w+\(",
    r"class \w+(?:\(|:|\s*\{| extends | implements )",
    r"import [\w.]+(?:,[ \t]*[\w.]+)*(?: as \w+)?[ \t]*;?[ \t]*(?=\r?\n|\Z)",
    r"import [\w.{}*, ]+ from ['\"]",
    r"from [\w.]+ import \S",
    r"#include ?[<\"]",
    r"#!/",
    r"(?:export )?(?:async )?function\*? ?[\w$]*\s*\(",
    r"(?:export )?(?:const|var) [\w${}\[\], ]+ ?= ",
    r"(?:public|private|protected) (?:static |final |abstract |async |override )*[\w<>\[\]]+ [\w<>]+ ?[({]",
    r"(?:public|private) (?:static )?(?:class|interface|enum|void) ",
    r"package [\w.]+;",
    r"using System",
    r"namespace [\w.]+",
    r"func (?:\([\w *]+\) )?\w+\(",
    r"fn \w+(?:<[^>\n]*>)?\(",
    r"pub (?:fn|struct|enum|mod|trait|use) ",
    r"impl(?:<[^>\n]*>)? \w",
    r"use \w+::[\w:{}, *]+;",
    r"SELECT [^\n]{1,200}? FROM ",
    r"(?:INSERT INTO|UPDATE [\w.]+ SET|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW|OR REPLACE)|ALTER TABLE) ",
    r"<\?php",
    r"<!DOCTYPE html",
    r"<(?:div|span|template|script|html|body|svg|button|form|input|ul|table|head)\b[^>\n]*>",
    r"@(?:app|router|bp|api)\.(?:get|post|put|delete|route|patch)\(",
    r"@Override",
    r"if __name__ == ",
    r"console\.log\(",
    r"print\(",
    r"(?:apiVersion|kind): [A-Za-z]",
    r"FROM [\w./-]+(?::[\w.-]+)?(?: AS \w+)?[ \t]*(?=\r?\n|\Z)",
    r"RUN (?:apt|apk|pip|npm|yarn|go|cargo|mkdir|cd) ",
)

DEFAULT_CODE_INLINE: tuple[str, ...] = (
    # source file names, alone or at the end of a repository path or URL: main.py, src/foo/bar.py:42,
    # app.tsx, package.json (one-letter extensions only with a line number: foo.c:12, x.h:3)
    r"\.(?=[a-z])(?<=[\w-]\.)(?:" + _FILE_EXT + r")(?::\d+)?\b(?![\w(-])",
    r"\.(?=[a-z])(?<=[\w-]\.)(?:c|h|cc|hh|m|mm|r|pl|ex|exs|hs|jl|erl|clj|fs)(?=:\d)",
    # Windows paths to source files
    r":\\(?:[^\\\n:*?\"<>|]+\\)*[^\\\n:*?\"<>|]+\.(?:" + _CODE_EXT + r")\b",
    # error names with a message: TypeError: ..., java.io.IOException: ... (anchored on the colon, so
    # that all inline patterns share one literal and the text is scanned once for them)
    r":(?<=[A-Za-z]Error:)(?= )",
    r":(?<=[A-Za-z]Exception:)(?= )",
    # compiler diagnostics: file.c:12:5: error: ..., .NET ":line 42", TypeScript "error TS2322"
    r":\d+:\d+: (?:fatal )?(?:error|warning|note): ",
    r":line \d+",
    r": error TS\d+",
)

# Coding-request language (lower case). Counted in user turns only, not in the system prompt
# (generic assistants' system prompts often list programming among their skills).
DEFAULT_CODE_PHRASES: tuple[str, ...] = (
    r"(?:python|javascript|typescript|golang|kotlin|php|powershell|java|scala|haskell|elixir|clojure|"
    r"fortran|cobol|matlab|vba|perl|solidity|verilog|vhdl|objective-c|webassembly|wasm)\b"
    r"(?! (?:island|coffee|sea|snakes?|beans?)\b)(?<!monty python)",
    r"c\+\+(?![\w+])",
    r"c#(?!\w)",
    r"rust (?:code|program|crate|compiler|function|struct|trait|enum|macro|lifetime|async)",
    r"borrow checker",
    r"swift(?:ui| code| function| struct| class| enum| protocol)\b",
    r"ruby on rails|rails (?:app|controller|model|migration)",
    r"(?:sql|mysql|postgres|postgresql|sqlite|mongodb|redis|graphql|regex|regexp|html|css|scss|"
    r"yaml|bash (?:script|command|shell|alias|function|loop)|in bash|shell script|zsh|node\.?js|deno|"
    r"django|fastapi|laravel|symfony|express\.js|next\.js|nuxt|vue\.js|vuex|sveltekit|angularjs|"
    r"angular (?:component|service|module|app)|jquery|numpy|pytorch|tensorflow|keras|scikit-learn|"
    r"sklearn|matplotlib|dataframe|jupyter|docker|dockerfile|kubernetes|kubectl|k8s|terraform|ansible|"
    r"nginx|webpack|npm|pip install|virtualenv|venv|conda env|gradle|cmake|makefile|linter|eslint|"
    r"pytest|jest (?:tests?|mocks?|config)|junit|github actions|gitlab ci|ci/cd|jenkinsfile|tailwindcss|tailwind css)\b",
    r"react (?:component|hook|app|native|router|state|props|query)|in react\b|usestate|useeffect",
    r"flask (?:app|route|server|api|endpoint)|spring boot|\.net (?:core|framework|app)|asp\.net",
    r"pandas (?:dataframe|df|series|groupby)|(?:in|with|using) pandas\b",
    r"multithread(?:ing|ed)|thread pool|threads? (?:and|vs\.?|versus) process(?:es)?|process(?:es)? (?:and|vs\.?|"
    r"versus) threads?|binary search|quick ?sort|merge ?sort|bubble sort|dijkstra|breadth-first|depth-first|"
    r"dynamic programming|leetcode",
    r"(?:undo|revert|amend|squash|push|last|previous|latest) (?:the |my |a |last |latest )?commits?\b",
    r"(?:write|implement|code|build) (?:a |an |the )?(?:[\w-]+ ){0,3}?(?:in|using) (?:go|rust|ruby|swift|c|r|"
    r"dart|lua|elixir|zig)\b",
    r"git (?:rebase|merge|commit|push|pull|branch|stash|cherry-pick|reset|checkout|clone|bisect|log|"
    r"diff|submodule|tag)\b|merge conflict|pull request|code review",
    r"(?:my|this|following|your|some|source|sample|example|python|js|broken|legacy|same) code\b"
    r"(?! (?:of conduct|word|name|phrase|red|blue)\b)",
    r"codebase|code snippet|write code|refactor|debug(?:ging)? (?:this|my|the)|unit tests?\b|"
    r"div\b|vim\b|neovim|emacs|fetch (?:api|request|call)|with fetch\b|axios|"
    r"test cases? for|integration tests?\b",
    r"(?:write|implement|create|generate|give me|show me|code) (?:me )?(?:a |an |the |some )?"
    r"(?:[\w+#-]+ ){0,2}?(?:function|method|regex|regular expression|algorithm|api endpoint|"
    r"one-liner|class (?:that|which|for|to)|program (?:that|which|to)|cli tool|sql query)\b",
    r"(?:syntax|runtime|type|compile|compilation|linker|segmentation) (?:error|fault)|compiler\b|"
    r"won't compile|doesn't compile|null pointer|stack trace|stacktrace|stack overflow|big-?o\b|"
    r"time complexity|space complexity",
    r"linked list|binary (?:search )?tree|hash ?map|hash table|for loop|while loop|async/await|"
    r"recursion|recursive function|race condition|memory leak|mutex|garbage collect|integer overflow|"
    r"off-by-one|dependency injection|design pattern|api (?:endpoint|call|request|response)s?\b|"
    r"rest api|webhook|sdk\b|http request|environment variable|cron job|crontab|bash one-liner",
    # other languages
    r"(?:escribe|écris|ecris|schreibe|scrivi|escreva|напиши) (?:une |una |un |eine |einen |uma |um )?"
    r"(?:fonction|función|funcion|funktion|funzione|função|функцию|script|programme|programa|programm)",
    r"(?:fonction|función|funktion|funzione|função) (?:en|in|em|qui|que|die|che) ",
    r"код (?:на|для)|функци[юяи] на",
    r"代码|函数|编程|程序报错|コード|関数|プログラミング|코드|함수",
)

# --------------------------------------------------------------------------------------------------
# Rule 6: extraction language / JSON output demands (a response_format / schema is structural)
# --------------------------------------------------------------------------------------------------
DEFAULT_JSON_PHRASES: tuple[str, ...] = (
    r"(?:return|respond|reply|output|answer|format|provide|produce|emit|give|generate|structure|"
    r"print|send back)\b[^.!?\n]{0,50}?\bjson\b(?! (?:file|files|parser|library|module|package)\b)",
    r"(?:as|in|into) (?:a |an |the |valid |strict |proper |well-formed |pure |raw |minified |compact )?"
    r"json\b(?! (?:file|files|parser|library|module|package)\b)",
    r"(?:convert|turn|transform|change|export|serialize) (?:[\w-]+ ){0,4}?(?:to|into) json\b|"
    r"valid json|json only|only json|json format|json output|json mode|json object with|json array of|"
    r"json (?:list|array|object) (?:of|containing|with)",
    r"(?:following|this|given|provided|below) (?:json )?schema|match(?:es|ing)? (?:this|the) "
    r"schema|conform(?:s|ing)? to (?:the|this) schema",
    r"with (?:the )?(?:following )?(?:keys|fields|properties)\b",
    r"extract (?:all|the|every|each|any|key|named|structured|relevant|important|information|data|"
    r"entities|names|dates|emails|email|phone|addresses|fields|values|keywords|amounts|prices|skills|"
    r"the following|from|them|it|these|those|a list|only)\b",
    r"(?:pull|grab|get|find|list|identify|capture) (?:out )?(?:all |the |every |each |any )(?:[\w-]+(?:,| and| or)? ){0,4}?"
    r"(?:dates?|times?|names?|emails?|e-mail addresses|phone numbers?|addresses|amounts?|prices?|entities|"
    r"locations?|urls?|links|ids?|skills|totals?)\b(?! (?:of|for)\b)",
    r"(?:data|information|entity|field|keyword|relation) extraction|pull out (?:all|the|every|each|any)|parse (?:this|the following|these|the) "
    r"(?:\w+ ){0,2}?(?:into|as)\b|named entit(?:y|ies)|key[- ]value pairs?|structured (?:data|output)|"
    r"fill (?:in )?(?:the|this) (?:template|form|schema)|(?:as|into) (?:a )?csv\b",
    # other languages
    r"extra(?:is|ire|yez|e|er|ia|ir|hiere|hieren)\b|estrai\b|estrarre",
    r"(?:au|en|em|im|no|nel) (?:formato?|format) json\b|(?:en|em) json\b|json-format|formato json",
    r"извлеки|извлечь|в формате json|в json\b",
    r"提取|抽取|json格式|以json|抽出|json形式|jsonで|추출|json 형식",
)

# --------------------------------------------------------------------------------------------------
# Rule 7: multi-step reasoning language
# --------------------------------------------------------------------------------------------------
DEFAULT_REASON_PHRASES: tuple[str, ...] = (
    r"step[ -]by[ -]step|think (?:it |this |things )?through|think (?:carefully|hard|deeply|logically)|"
    r"reason (?:through|about it|carefully|it out|step)|reasoning (?:step|process|chain)|"
    r"chain[- ]of[- ]thought|show (?:your|all|the) (?:work|working|steps|reasoning|derivation)|"
    r"explain your reasoning|let's think|walk (?:me )?through (?:the|your|how) "
    r"(?:reasoning|logic|math|proof|derivation|solution|calculation)",
    r"prove (?:that|the|this|it|why|for all|there|by|a|an|formally)\b|proof that\b|"
    r"proof (?:of|for)\b(?! (?:concept|address|purchase|income|identity|residence|delivery|employment|age|"
    r"insurance|ownership|payment|the pudding)\b)|proof by\b|formal proof|derive (?:the|a|an|that|this|it|from first|an? (?:expression|formula|equation))\b|"
    r"derivation|theorem|lemma|corollary|by induction|by contradiction|q\.e\.d",
    r"trade-?offs?\b|pros and cons|advantages and disadvantages|(?:balanced|critical) analysis|"
    r"compare and contrast|weigh (?:the|up|these|our|my) |"
    r"(?:which|what) (?:option|approach|strategy|choice|design|architecture|plan|one) (?:is|would be) "
    r"(?:better|best|more)|root cause|critically (?:evaluate|assess|analy[sz]e)",
    r"(?:make|create|draft|develop|build|outline|write|design|devise|prepare|put together|come up with) "
    r"(?:me )?(?:a|an|the|my|our) (?:[\w-]+ ){0,3}?(?:plan|strategy|roadmap|itinerary|curriculum|"
    r"schedule|timeline|budget)\b|plan (?:a|an|my|out)\b|(?:help me|help us|can you|could you|please) "
    r"plan\b|migration plan",
    r"riddle|puzzle|brain ?teaser|logic (?:problem|question|grid)|knights and knaves|sudoku|"
    r"probability (?:of|that)|expected value|how many (?:ways|combinations|permutations)|"
    r"solve (?:for|the|this|these|it)\b|estimate (?:how many|the number)|fermi (?:problem|estimate)|"
    r"calculate\b[^.?!\n]{0,80}?\d|optimal strategy|monty hall|prisoner'?s dilemma|birthday paradox",
    r"derivative of|integral of|integrate\b|differentiate\b|limit of|solve (?:the )?equation|eigenvalues?|"
    r"determinant of|inverse of (?:the |this )?matrix",
    # other languages
    r"étape par étape|pas à pas|raisonne|démontre[rz]?\b|prouve[rz]? que|avantages et (?:les )?"
    r"inconvénients|paso a paso|demuestra(?:r)? que|razona|ventajas y desventajas|pros y contras|"
    r"passo a passo|demonstre que|vantagens e desvantagens|prós e contras|passo dopo passo|"
    r"dimostra(?:re)? che|pro e contro|vantaggi e svantaggi|schritt für schritt|schrittweise|beweise|"
    r"herleiten|vor- und nachteile|abwägen|(?:schreibe|erstelle|mache|entwirf) (?:mir )?einen\b[^.?!\n]{0,30}?plan|"
    r"(?:crée|fais|établis)(?:-moi)? un plan|(?:haz|crea|elabora)(?:me)? un plan|(?:faça|crie|elabore) um plano|"
    r"составь план|шаг за шагом|пошагово|докажи|выведи (?:формулу|уравнение)|"
    r"плюсы и минусы|за и против|рассуждай",
    r"一步一步|逐步|分步|证明|推导|利弊|优缺点|权衡|ステップバイステップ|段階的に|順を追って|証明|導出|"
    r"長所と短所|メリットとデメリット|단계별로|차근차근|증명|장단점",
)

# Rule 7 too: a math word problem. These are the *questions*; one counts only when at least
# ``word_problem_numbers`` (2) separate numbers appear in the 400 characters before it ("I have 3 shirts and
# 4 pants. How many outfits...?"), so "I have 2 kids. How much is Disneyland?" does not.
DEFAULT_WORD_PROBLEM_PHRASES: tuple[str, ...] = (
    r"how (?:many|much|long|far|fast|old|often)\b|what (?:is|was|will be) the (?:total|average|final|"
    r"remaining|new)\b|when (?:will|does|do|would) (?:[\w-]+ ){0,4}?(?:catch up|meet|overtake|arrive)\b|"
    r"combien|cuánt[oa]s?\b|quant[oa]s?\b|quanti\b|wie (?:viele?|lange|weit|alt)\b|сколько",
    r"多少|几个|幾つ|いくつ|何個|何人|何本|何枚|몇",
)

# --------------------------------------------------------------------------------------------------
# Rule 8: simple summarize / classify / translate / rewrite (and trivial "reply with X") tasks
# --------------------------------------------------------------------------------------------------
_LANGS = (
    r"english|french|spanish|german|italian|portuguese|dutch|russian|chinese|mandarin|cantonese|japanese|"
    r"korean|arabic|hindi|turkish|polish|swedish|norwegian|danish|finnish|greek|hebrew|vietnamese|thai|"
    r"indonesian|malay|ukrainian|czech|romanian|hungarian|persian|farsi|urdu|bengali|tagalog|swahili|"
    r"latin|catalan|basque|croatian|serbian|bulgarian|slovak"
)
DEFAULT_SIMPLE_PHRASES: tuple[str, ...] = (
    r"summari[sz](?:e|ing)\b|summary of|a summary\b|(?:short|brief|quick|one-line|one-sentence) summary|"
    r"tl;? ?dr|sum (?:it |this |that )?up|recap (?:this|the)|key (?:points|takeaways) (?:of|from)|"
    r"condense (?:this|the|it)|boil (?:this|it) down|gist of|gist:",
    r"translat(?:e|ion)\b[^.?!\n]{0,60}?\b(?:into|to|in) (?:" + _LANGS + r")\b",
    r"translate (?:this|the following|these|it|that|my|the (?:text|sentence|phrase|word|paragraph|"
    r"email|message|title|following))\b|translate:|translation of|(?:in|into) (?:" + _LANGS + r")[:,]|"
    r"how (?:do you|to|would you|do i) say\b[^?\n]{0,60}?\bin (?:" + _LANGS + r")\b|"
    r"means? in (?:" + _LANGS + r")\b",
    r"(?:classify|categori[sz]e|label|tag) (?:this|the|these|each|every|following|it|them|whether|as|"
    r"into|the sentiment)\b|sentiment (?:of|analysis|classification)|(?:tone|sentiment|mood|emotion) of "
    r"(?:this|the following|these|that|the message|the text|the email)\b|"
    r"is (?:this|it|the following) (?:\w+ )?(?:spam|positive|negative|toxic|neutral|sarcastic)\b",
    r"(?:rewrite|rephrase|paraphrase|reword|proofread|copyedit|copy-edit)\b|"
    r"(?:fix|correct|check) (?:the |my |any |this |all )?(?:grammar|spelling|typos|punctuation)|"
    r"make (?:this|it|that|the|my)(?: [\w-]+)? (?:sound )?(?:more |less |a bit |slightly )?(?:formal|informal|casual|professional|polite|friendly|friendlier|concise|shorter|"
    r"clearer|simpler|persuasive|engaging)|(?:shorten|simplify|polish|tighten) (?:this|the|my|it)\b|"
    r"in (?:simpler|plain|fewer) (?:words|english|language)",
    r"reply with (?:exactly|only|just)|respond with (?:exactly|only|just)|answer (?:only )?with "
    r"(?:yes or no|a single word|one word|only)|one[- ]word answer|say (?:only|exactly|just)\b",
    # other languages
    r"résume[rz]?\b|fais(?:-moi)? un résumé|résumé (?:de|du|des)|tradui[st]?\b|traduire|traduction (?:de|"
    r"en)|reformule[rz]?\b|réécri[st]\b|réécrire|corrige[rz]? (?:les? |l'|ce |cette |mon |ma |mes )?"
    r"(?:fautes|orthographe|texte|grammaire|phrase)|classe (?:ce|cette|ces|les)\b|catégorise",
    r"resume (?:el|la|los|las|este|esta|esto|lo|en|brevemente)\b|resumir|resúme(?:me|lo|la)|"
    r"haz un resumen|un resumen de|tradu(?:ce|cir|céme|ceme|zca|cción)\b|tradúce(?:me|lo|la)|reescribe|"
    r"reformula\b|parafrasea|corrige (?:el|la|los|las|este|esta|mi|mis)\b|clasifica\b",
    r"resuma|faça um resumo|traduza|traduzir|tradução|reescreva|reformule\b|corrija|classifique|"
    r"riassumi|riassunto di|traduci|tradurre|riscrivi|riformula|correggi|classifica\b",
    r"fasse?\b[^.?!\n]{0,60}?\bzusammen|zusammenfassung|zusammenfassen|übersetze?n?\b|übersetzung|"
    r"formuliere?\b[^.?!\n]{0,60}?\bum\b|umformulieren|korrigiere|klassifiziere|kategorisiere|"
    r"vertaal|samenvatting|vat\b[^.?!\n]{0,40}?\bsamen",
    r"перескажи|кратко (?:изложи|опиши)|резюмируй|суммируй|подведи итог|переведи|перевод (?:на|с)\b|"
    r"перепиши|перефразируй|исправь (?:ошибки|грамматику|текст)|классифицируй|определи тональность",
    r"总结|概括|摘要|归纳|翻译|译成|改写|重写|润色|分类|归类|情感分析|要約|まとめて|翻訳|訳して|英訳|和訳|"
    r"書き直|言い換え|校正|分類|요약|번역|다시 써|바꿔 써|교정|분류",
)

DEFAULT_PATTERNS: dict[str, tuple[str, ...]] = {
    "code_line": DEFAULT_CODE_LINE,
    "code_inline": DEFAULT_CODE_INLINE,
    "code": DEFAULT_CODE_PHRASES,
    "json": DEFAULT_JSON_PHRASES,
    "reason": DEFAULT_REASON_PHRASES,
    "word_problem": DEFAULT_WORD_PROBLEM_PHRASES,
    "simple": DEFAULT_SIMPLE_PHRASES,
}

# --------------------------------------------------------------------------------------------------
# How much text the text rules read (characters). See the package docstring.
# --------------------------------------------------------------------------------------------------
DEFAULT_SCAN: dict[str, int] = {
    "user_head_chars": 1000,  # phrases (rules 5-8): head of the latest user turn ...
    "user_tail_chars": 500,  # ... and its tail
    "system_chars": 1500,  # phrases (rules 6-8): head of the system prompt ...
    "system_tail_chars": 500,  # ... and its tail (output-format instructions often come last)
    "simple_head_chars": 500,  # rule 8 only counts in the first ...
    "simple_tail_chars": 300,  # ... or last characters of the latest user turn,
    "simple_system_chars": 1000,  # or the first characters of the system prompt
    "code_head_chars": 48000,  # code shapes (rule 5): head of the latest user turn ...
    "code_tail_chars": 16000,  # ... and its tail
    "code_system_chars": 8000,  # code shapes: head of the system prompt
    "history_turns": 2,  # earlier user turns also read for rule 5 (code) only
    "history_chars": 4000,  # code shapes in their head ...
    "history_phrase_chars": 300,  # ... coding language in their first characters
}

# Anthropic ``thinking.budget_tokens`` / Gemini ``thinkingBudget`` -> effort level:
# (inclusive upper bound, level); the last bound is None (anything larger).
# 0 = thinking off; LiteLLM's low/medium/high budgets (1024/2048/4096) land on low/low/medium,
# Claude Code's think/megathink/ultrathink (4000/10000/31999) on low/medium/xhigh.
DEFAULT_THINKING_BUDGET_LEVELS: tuple[tuple[int | None, str], ...] = (
    (0, "fast"),
    (1023, "minimal"),
    (4095, "low"),
    (12287, "medium"),
    (24575, "high"),
    (49151, "xhigh"),
    (None, "max"),
)
