"""Rule 5 data: what code-*shaped* text looks like (never what code is *about*).

Rule 5 fires on the shape of text — a fenced block (whatever its tag or content: a JSON document to
translate, an email to proofread), a diff, a stack trace, compiler output, a repository path or source file
name, a Windows path (``C:\\Program Files\\...``, ``\\\\server\\share\\``, ``%APPDATA%\\...``), a shell
session or command line, unfenced source lines — and
never on technical vocabulary: a question *about* a language feature, two databases to compare, a
proof about an algorithm's running time or a pet python are prose, and rules 6–9 decide them.

Two lists, both matched case-sensitively on the raw text (``di.classifier.patterns.code_line`` and
``.code_inline`` replace them, ``extra_patterns`` appends):

* ``code_line``   – regexes matched at the start of a line, after optional indentation.
* ``code_inline`` – regexes matched anywhere. Each must start with a literal, fairly rare character
  (the defaults use ``.`` ``:`` ``\\`` ``/`` ``~`` `````` ``(`` ``%``): the text is scanned once per
  distinct first character, skipping in C between candidates.
"""

from __future__ import annotations

_CODE_EXT = (
    r"py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|go|rs|java|kt|kts|scala|rb|php|c|h|cc|cpp|cxx|hpp|hh|cs|fs|"
    r"swift|m|mm|sh|bash|zsh|ps1|sql|vue|svelte|dart|lua|pl|ex|exs|erl|hs|clj|jl|r|tf|proto|gradle|"
    r"yaml|yml|toml|json|lock|ini|cfg|mk|cmake|dockerfile|html|css|scss"
)
# single file names (no directory): a narrower list, no one-letter extensions
_FILE_EXT = (
    r"py|pyi|ipynb|js|jsx|mjs|cjs|ts|tsx|go|rs|java|kt|scala|rb|php|cpp|cxx|hpp|cs|swift|sh|ps1|sql|"
    r"vue|svelte|dart|lua|tf|proto|gradle|yaml|yml|toml|json|lock|html|css|scss"
)
_SHELL_CMDS = (
    r"sudo|git|npm|npx|pnpm|yarn|pip3?|python3?|node|deno|bun|docker|docker-compose|podman|kubectl|helm|"
    r"cargo|rustc|go|make|cmake|gcc|g\+\+|clang|javac|java|mvn|gradle|dotnet|curl|wget|ssh|scp|rsync|cd|"
    r"ls|cat|grep|rg|find|export|chmod|chown|systemctl|journalctl|brew|apt|apt-get|yum|dnf|pacman|"
    r"terraform|aws|gcloud|az|conda|uv|poetry|php|composer|bundle|rails|ruby|psql|mysql|redis-cli|mkdir|"
    r"rm|mv|cp|tar|unzip|ps|kill|sed|awk|echo|source|ssh-keygen|openssl|nc|telnet|ping|dig|nslookup|"
    r"pytest|tox|nox|ruff|flake8|mypy|black|eslint|tsc|jest|vitest|\./[\w.-]+"
)
# commands that are pasted mid-sentence with their options ("run this: curl -X POST ...")
_PASTED_CMDS = r"sudo|git|npm|npx|pip3?|python3?|docker|kubectl|helm|cargo|curl|wget|ssh|scp|rsync|tar|find|grep|ls|chmod"
_JS_PRODUCTS = ("Node", "node", "Next", "Nuxt", "Vue", "React", "Express", "Three", "D3", "Chart", "Ember",
                "Backbone", "Angular", "Nest", "Alpine", "Socket", "Anime", "Moment", "Solid", "Ext")
_REPO_DIRS = ("src", "lib", "app", "tests", "test", "pkg", "cmd", "internal", "scripts", "packages", "components",
              "include")
_WORD_BEFORE = "[\\s(\"'`]"

DEFAULT_CODE_LINE: tuple[str, ...] = (
    # fenced blocks, whatever their tag (```json, ```text, none) or content: a fence is code shape
    r"(?:```|~~~)[^`\n]*\n",
    # unified diffs
    r"diff --git ",
    r"@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@",
    r"--- a/",
    r"\+\+\+ b/",
    r"index [0-9a-f]{7,}\.\.[0-9a-f]{7,}",
    # stack traces, runtime and compiler output
    r"Traceback \(most recent call last\)",
    r'File "[^"\n]+", line \d+',
    r"at [^\n]{1,300}?\((?:[^\n()]*\.(?:java|kt|scala|groovy|js|mjs|cjs|ts|tsx|jsx|cs|vb|fs):\d+|"
    r"Native Method|Unknown Source|native|<anonymous>|node:[\w/.-]+:\d+|internal/[\w/.-]+:\d+|"
    r"file:///[^\n()]*:\d+|[^\n()]*\.(?:py|rb|php|go|rs):\d+)",
    r"at (?:async )?(?:file://)?/[^\n]*:\d+:\d+",
    # Node's own frames, without parentheses: "at node:internal/main/run_main_module:22:47"
    r"at (?:async )?node:[\w/.-]+:\d+",
    r"Caused by: ",
    r"goroutine \d+ \[",
    r"panic: ",
    r"error\[E\d{4}\]",
    r"(?:error|fatal)(?:\[[\w-]+\])?: \S",
    r"Error: [A-Z][a-z]+ [a-z]",
    r"(?:Segmentation fault|Bus error|Aborted)(?: \(core dumped\))?[ \t]*(?=\r?\n|\Z)",
    r"Unhandled exception\. ",
    r"from [^\n]*\.rb:\d+:in ",
    r"PHP (?:Fatal error|Warning|Parse error|Notice)",
    r"#\d+ [^\n]*\.php\(\d+\)",
    r"npm ERR! ",
    r"make(?:\[\d+\])?: \*\*\* ",
    # shell sessions, REPLs and command lines with options
    r"[$%] (?:" + _SHELL_CMDS + r")(?=[ \t\r\n])",
    r"[\w.-]+@[\w.-]+:[~/][^\n]{0,80}?[$#] \S",
    r">>> \S",
    r"PS [A-Z]:\\[^>\n]*> ",
    r"[A-Z]:\\[^>\n]{0,80}>[a-z]",
    r"(?:sudo )?(?:" + _SHELL_CMDS + r") [^\n]{0,120}?(?<= )--?[A-Za-z][\w-]*(?=[ \t=\r\n]|\Z)",
    # unfenced source code
    r"(?:async )?def \w+\(",
    r"class \w+(?:\(|:|\s*\{| extends | implements )",
    r"import [\w.]+(?:,[ \t]*[\w.]+)*(?: as \w+)?[ \t]*;?[ \t]*(?=\r?\n|\Z)",
    r"import [\w.{}*, ]+ from ['\"]",
    r"from [\w.]+ import \S",
    r"#(?:include ?[<\"]|define \w|ifn?def \w|pragma \w)",
    r"#!/",
    r"(?:export )?(?:async )?function\*? ?[\w$]*\s*\(",
    r"(?:export )?(?:const|var) [\w${}\[\], ]+ ?= ",
    r"let (?:mut )?(?:[\w$]+|\{[^}\n]*\}|\[[^\]\n]*\])(?:: ?[\w<>\[\]&]+)? ?= [^\n]*[;)\]}'\"][ \t]*(?=\r?\n|\Z)",
    r"(?:unsigned |static |const )*(?:int|float|double|char|bool|void|long|short|size_t|u?int\d+_t|auto|String) "
    r"\**[A-Za-z_]\w*(?:\[\w*\])? ?(?:=|;|\()",
    r"(?:if|for|while|switch|catch) ?\([^\n]*\) ?\{",
    r"\} ?(?:else|catch|finally)\b",
    r"return [^\n]{0,200};[ \t]*(?=\r?\n|\Z)",
    r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\([^\n]{0,200}\)[ \t;]*(?=\r?\n|\Z)",
    r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\([^\n()]{0,80}\)(?:\.[A-Za-z_$][\w$]*\([^\n]{0,200}?\))+",
    r"(?:public|private|protected) (?:static |final |abstract |async |override )*[\w<>\[\]]+ [\w<>]+ ?[({]",
    r"(?:public|private) (?:static )?(?:class|interface|enum|void) ",
    r"package [\w.]+;",
    r"using (?:static )?[\w.]+;",
    r"namespace [\w.:]+ ?(?:\{|;)",
    r"func (?:\([\w *]+\) )?\w+\(",
    r"fn \w+(?:<[^>\n]*>)?\(",
    r"pub (?:fn|struct|enum|mod|trait|use) ",
    r"impl(?:<[^>\n]*>)? \w",
    r"use \w+::[\w:{}, *]+;",
    r"SELECT [^\n]{1,200}? FROM ",
    r"select (?:\*|[\w.]+(?:, ?[\w.]+)*) from [\w.]+",
    r"(?:INSERT INTO|UPDATE [\w.]+ SET|DELETE FROM|CREATE (?:TABLE|INDEX|VIEW|OR REPLACE)|ALTER TABLE) ",
    r"<\?php",
    r"<!DOCTYPE html",
    r"<(?:div|span|template|script|html|body|svg|button|form|input|ul|table|head)\b[^>\n]*>",
    r"@[a-z_][\w.]*\(",
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
    # app.tsx, package.json (one-letter extensions only with a line number: foo.c:12, x.h:3); product
    # names spelled like files (Node.js, Next.js) are not files
    r"\.(?=[a-z])(?<=[\w-]\.)" + "".join(f"(?<!{p}\\.)" for p in _JS_PRODUCTS) + "(?:" + _FILE_EXT
    + r")(?::\d+)?\b(?![\w(-])",
    r"\.(?=[a-z])(?<=[\w-]\.)(?:c|h|cc|hh|m|mm|r|pl|ex|exs|hs|jl|erl|clj|fs)(?=:\d)",
    r"\.(?:(?<=requirements\.)|(?<=CMakeLists\.))txt\b",
    # dotfiles of a repository or a home directory: .env, .gitignore, .github/workflows
    r"\.(?<![\w.]\.)(?:env|gitignore|dockerignore|bashrc|zshrc|npmrc|nvmrc|editorconfig|eslintrc|prettierrc|"
    r"github/|vscode/)(?![\w])",
    # a fence opened mid-line ("Translate this: ```json" + newline)
    r"```[^`\n]*\n",
    # Windows paths: a drive letter, a backslash and a folder (C:\Program Files\...\x.dll) or a file
    # (D:\setup.exe); not "my C: drive" nor "C:\ is full"
    r":(?<=(?<![\w\\])[A-Za-z]:)\\(?:[^\\\n:*?\"<>|]{1,255}\\|[^\\\s:*?\"<>|]{1,255}\.[A-Za-z0-9]{1,6}\b)",
    # ... also written with forward slashes (C:/Users/ana/setup.log), not a URL scheme ("https://")
    r":(?<=(?<![\w\\/])[A-Za-z]:)/(?:[^/\s:*?\"<>|]{1,255}/)+[^/\s:*?\"<>|]*",
    # UNC paths (\\server\share\...) and paths under an environment variable (%APPDATA%\...)
    r"\\\\[\w.$-]+\\[\w.$ -]+\\",
    r"%[A-Za-z_][A-Za-z0-9_]*%\\[^\\\s]",
    # Unix paths: absolute system paths, home paths, repository directories (not inside URLs)
    r"/(?<![\w.:~/-]/)(?:etc|usr|var|opt|home|tmp|srv|proc|mnt|Users|bin|sbin)/[\w.@-]+",
    r"~/\.?[\w-]+",
    r"/(?:" + "|".join(f"(?<={_WORD_BEFORE}{d}/)" for d in _REPO_DIRS) + r")[\w.-]+",
    # error names with a message: TypeError: ..., java.io.IOException: ... (anchored on the colon, so
    # that all colon patterns share one literal and the text is scanned once for them)
    r":(?<=[A-Za-z]Error:)(?= )",
    r":(?<=[A-Za-z]Exception:)(?= )",
    # compiler diagnostics: file.c:12:5: error: ..., Main.java:5: error: ..., .NET ":line 42", "error TS2322"
    r":\d+(?::\d+)?: (?:fatal )?(?:error|warning|note): ",
    r":line \d+",
    r": error TS\d+",
    # a command line with options pasted after a colon: "run this: curl -X POST ..."
    r": (?=(?:" + _PASTED_CMDS + r") [^\n]{0,120}?(?<= )--?[A-Za-z])",
    # inline code spans with code syntax: `x.map(f)`, `a == b`, `tar -xzvf f` (not a `word` in backticks)
    r"`[^`\n]{0,200}?(?:[A-Za-z_]\(|[;{}]|=>|->|::|[!=<>]=|&&|\|\||[A-Za-z_]\[|(?<= )--?[A-Za-z]| = |"
    r"\b(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP) )[^`\n]{0,200}?`",
    # arrow functions with a code body: r => r.json(), (a, b) => { ... }
    r"=(?<=[\w)] =)> ?(?:[\w.$]+\(|\{|\w+\.\w)",
    r"=(?<=[\w)]=)>(?:[\w.$]+\(|\{|\w+\.\w)",
    # regular-expression syntax: \d{3}, \s+, \w*
    r"\\[dwsDWS][+*?{]",
    # runtime output quoted in a sentence
    r"\(core dumped\)",
)
