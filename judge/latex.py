"""The LaTeX of statements, hints and diagnoses as Unicode text a terminal draws.

`readable_math` turns a Markdown text's `$…$` into inline code and its `$$…$$` into indented blocks;
`latex_to_text` converts one formula. The subset is what the bank writes; an unknown command is
shown by its name, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# LaTeX command -> what a terminal shows
_SYMBOLS = dict(
    pair.split("=", 1)
    for pair in """
    alpha=α beta=β gamma=γ delta=δ epsilon=ε varepsilon=ε eta=η theta=θ lambda=λ mu=μ pi=π rho=ρ
    sigma=σ tau=τ phi=φ varphi=φ psi=ψ omega=ω xi=ξ zeta=ζ kappa=κ chi=χ nu=ν iota=ι Sigma=Σ
    Delta=Δ Phi=Φ Psi=Ψ Lambda=Λ Pi=Π Omega=Ω Theta=Θ Gamma=Γ sum=Σ prod=∏ int=∫ cdot=· cdotp=·
    times=× le=≤ leq=≤ ge=≥ geq=≥ neq=≠ ne=≠ approx=≈ equiv=≡ propto=∝ pm=± infty=∞ in=∈
    notin=∉ subset=⊂ subseteq=⊆ cup=∪ cap=∩ to=→ leftarrow=← rightarrow=→ Rightarrow=⇒ mapsto=↦
    odot=⊙ otimes=⊗ circ=∘ partial=∂ nabla=∇ forall=∀ exists=∃ lfloor=⌊ rfloor=⌋ lceil=⌈ rceil=⌉
    Vert=‖ lVert=‖ rVert=‖ |=‖ lvert=| rvert=| vert=| mid=| langle=⟨ rangle=⟩ ldots=… dots=…
    cdots=⋯ sim=~ top=ᵀ prime=′ ell=ℓ hbar=ħ emptyset=∅ lbrace={ rbrace=}
    """.split()
)
# Sizing and style commands: the delimiter or text after them is shown, the command is not.
_SILENT = set(
    """left right big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr
    displaystyle textstyle limits nolimits""".split()
)
_SPACES = {",": " ", ":": " ", ";": " ", " ": " ", "!": "", "quad": "\u2003", "qquad": "\u2003\u2003"}
_ESCAPED = {"_": "_", "%": "%", "#": "#", "&": "&", "$": "$", "{": "{", "}": "}"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "overline": "\u0304", "tilde": "\u0303",
            "widetilde": "\u0303", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7"}  # fmt: skip
_FONTS = {
    "mathbf",
    "mathrm",
    "mathit",
    "boldsymbol",
    "bm",
    "mathsf",
    "mathtt",
    "mathcal",
    "mathbb",
    "operatorname",
}
_TEXTS = {"text", "textrm", "textbf", "textit", "mbox"}
_DOUBLE_STRUCK = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}
_FRACTIONS = {"frac", "dfrac", "tfrac"}
_FUNCTIONS = set("log ln exp sin cos tan tanh sinh cosh arg det".split())
_SUPERSCRIPT = dict(
    zip(
        "0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWαβγδεθφχ′ᵀ'*",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵅᵝᵞᵟᵋᶿᵠᵡ′ᵀ′*",
        strict=True,
    )
)
_SUBSCRIPT = dict(
    zip("0123456789+-=()aehijklmnoprstuvxβγρφχ", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ", strict=True)
)
_WORD = re.compile(r"[A-Za-z]{3,}")  # a script with a word in it stays a word: d_model, not dₘₒdₑₗ
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|(\s+)|(.)", re.DOTALL)
# After these a fraction is not multiplied by what follows, so it needs no parentheses.
_ENDS_TERM = set("=+-−±,;:.)]|‖⟩⌋⌉<>≤≥≠≈→←∈×·/\u2003，。；：、）") | {""}


@dataclass
class _Parser:
    """A recursive-descent reader of one formula: a list of tokens and a position in it."""

    tokens: list[tuple[str, str]]  # (kind, text): kind is "command", "space" or "char"
    at: int = 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self) -> tuple[str, str]:
        token = self.peek()
        self.at += 1
        return token

    def skip_spaces(self) -> None:
        while self.peek()[0] == "space":
            self.at += 1

    def sequence(self, closing: str = "") -> str:
        """Render tokens up to `closing` (a `}`), or to the end."""
        parts: list[str] = []
        while True:
            kind, text = self.peek()
            if kind == "end" or (kind == "char" and text == closing):
                self.at += 1
                break
            if kind == "space":
                self.at += 1
                parts.append(" ")
            elif kind == "char" and text in "^_":
                self.at += 1
                parts.append(_script(self.argument(), _SUPERSCRIPT if text == "^" else _SUBSCRIPT, text))
            elif kind == "command" and text in _FRACTIONS:
                self.at += 1
                numerator, denominator = self.argument(), self.argument()
                fraction = f"{_operand(numerator)}/{_factor(denominator)}"
                applied = "".join(parts).rstrip().endswith(tuple(_FUNCTIONS))
                if applied:  # log of a fraction: log(a/b), not log a/b
                    parts = ["".join(parts).rstrip()]
                parts.append(f"({fraction})" if applied or not self.term_ends() else fraction)
            else:
                parts.append(self.atom())
        return "".join(parts)

    def term_ends(self) -> bool:
        """Whether the next thing shown ends the current product (an operator, a bracket, the end)."""
        at = self.at
        while self.peek()[0] == "space" or (self.peek()[0] == "command" and self.peek()[1] in _SILENT):
            self.at += 1
        kind, text = self.peek()
        self.at = at
        if kind == "command":
            text = _SYMBOLS.get(text, _SPACES.get(text, text))
        return kind == "end" or text[:1] in _ENDS_TERM or text == "}"

    def argument(self) -> str:
        """One argument of a command or a script: a `{group}` or a single token."""
        self.skip_spaces()
        kind, text = self.peek()
        if kind == "char" and text == "{":
            self.at += 1
            return self.sequence("}")
        return self.atom()

    def atom(self) -> str:
        kind, text = self.take()
        if kind == "char":
            return "" if text in "{}" else text
        if kind == "space" or kind == "end":
            return ""
        if text in _SPACES:
            return _SPACES[text]
        if text in _ESCAPED:
            return _ESCAPED[text]
        if text in _SILENT:
            following = self.peek()
            if following == ("char", "."):  # \left. is an invisible delimiter
                self.at += 1
            return ""
        if text == "sqrt":
            return self.root()
        if text in ("partial", "nabla"):  # an operator on what follows: ∂L, not ∂ L
            self.skip_spaces()
            return _SYMBOLS[text]
        if text in _ACCENTS:
            inner = self.argument()
            return inner + _ACCENTS[text] if len(inner) == 1 else f"{inner}{_ACCENTS[text]}"
        if text in _FONTS:
            inner = self.argument()
            return _DOUBLE_STRUCK.get(inner, inner) if text == "mathbb" else inner
        if text in _TEXTS:
            return self.text_argument()
        if text == "\\":
            return "\n"
        if text in _FUNCTIONS and self.peek()[0] in ("command", "char") and self.peek()[1] not in "(^_[{}":
            return text + " "  # \log\sum reads log Σ, as LaTeX sets it
        return _SYMBOLS.get(text, text)

    def root(self) -> str:
        degree = ""
        if self.peek() == ("char", "["):
            self.at += 1
            while self.peek()[0] != "end" and self.peek() != ("char", "]"):
                degree += self.atom()
            self.at += 1
        inner = self.argument()
        index = _script(degree, _SUPERSCRIPT, "^") if degree else ""
        return f"{index}√{_factor(inner)}"

    def text_argument(self) -> str:
        """The argument of `\\text`: words as written, spaces kept, `\\_` an underscore."""
        self.skip_spaces()
        if self.peek() != ("char", "{"):
            return self.atom()
        self.at += 1
        words, depth = "", 1
        while self.peek()[0] != "end":
            kind, text = self.take()
            if kind == "char" and text in "{}":
                depth += 1 if text == "{" else -1
                if depth == 0:
                    break
                continue
            words += _ESCAPED.get(text, _SPACES.get(text, text)) if kind == "command" else text
        return words


def latex_to_text(math: str) -> str:
    """One formula as Unicode: Greek letters, scripts, fractions with the parentheses precedence
    needs, roots, accents; `\\quad` keeps a wide gap, the thin spaces a single one."""
    tokens = [
        ("command", m.group(1))
        if m.group(1) is not None
        else ("space", " ")
        if m.group(2)
        else ("char", m.group(3))
        for m in _TOKEN.finditer(math.strip())
    ]
    text = _Parser(tokens).sequence()
    # a thin space beside a written one is one space; a quad is two, whatever surrounds it
    text = re.sub(r" *(\u2003[ \u2003]*)", lambda m: "\u2003" * m.group().count("\u2003"), text)
    text = re.sub(r" +", " ", text).replace("\u2003", "  ")
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def _operand(text: str) -> str:
    """`text` as an operand of `/` or `√`: parenthesised unless it is one term."""
    text = text.strip()
    bare = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", "", text)  # f(0) and x[i] are single terms
    if text and not re.search(r"[\s+\-−±=<>≤≥,;/·×]", bare):
        return text
    return f"({text})"


def _factor(text: str) -> str:
    """`text` as a denominator or under a root: parenthesised unless it is a single factor (a number,
    a letter with its scripts and accents, a call such as f(0)); 2σ² is two factors."""
    text = text.strip()
    bare = re.sub(r"[\u0300-\u036f\u20d7]|[_^](\([^()]*\)|[\w′']+)", "", text)
    bare = re.sub(r"[⁰-⁹⁺⁻⁼⁽⁾ᵃ-ᶻᴬ-ᵂ′ᵀ₀-ₜᵢ-ᵪ]", "", bare)
    while re.search(r"\([^()]*\)|\[[^\[\]]*\]|\|[^|]*\|", bare):
        bare = re.sub(r"[A-Za-z]*\([^()]*\)|\[[^\[\]]*\]|\|[^|]*\|", "x", bare)
    if re.fullmatch(r"[√∂∇]?(\d+(\.\d+)?|[^\W\d_])", bare):
        return text
    return f"({text})"


def _script(text: str, table: dict[str, str], mark: str) -> str:
    text = text.strip()
    compact = re.sub(r"\s+", "", text)
    if compact and not _WORD.search(compact) and all(c in table for c in compact):
        return "".join(table[c] for c in compact)
    if re.fullmatch(r"[A-Za-z0-9′'.]+", compact):
        return mark + compact
    return f"{mark}({text})"


_CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
_INLINE = re.compile(r"\$(.+?)\$")
_RUN = re.compile(r"([ \t]*)\$\$.+?\$\$(?:\s*\$\$.+?\$\$)*[ \t]*\n?", re.DOTALL)
_LIST_ITEM = re.compile(r" *(?:[-*+]|\d+[.)]) +")


def readable_math(markdown: str) -> str:
    """Markdown with its LaTeX turned into text: `$…$` becomes inline code, a run of `$$…$$` blocks
    one indented block with a formula per line; code in the Markdown is left alone."""
    pieces = _CODE.split(markdown)
    for i in range(0, len(pieces), 2):  # the even pieces are prose, the odd ones code
        pieces[i] = _INLINE.sub(lambda m: f"`{latex_to_text(m.group(1))}`", _displays(pieces[i]))
    return "".join(pieces)


def _displays(prose: str) -> str:
    """Each run of display formulas (only white space between them) as one indented code block, at
    the indentation of the list item it is in, with a blank line before and after."""

    def block(match: re.Match[str]) -> str:
        line_start = prose.rfind("\n", 0, match.start()) + 1
        before = prose[line_start : match.start()] + match.group(1)
        item = _LIST_ITEM.match(before)
        indent = len(item.group()) if item else len(before) - len(before.lstrip(" "))
        lines = [
            line for m in _DISPLAY.finditer(match.group()) for line in latex_to_text(m.group(1)).split("\n")
        ]
        code = "\n".join(" " * (indent + 4) + line for line in lines)
        return ("\n" if before.strip() else "") + f"\n{code}\n\n"

    text = _RUN.sub(block, prose)
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text)
