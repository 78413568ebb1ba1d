"""The LaTeX-to-Unicode conversion, one row per construct the bank writes."""

from __future__ import annotations

import pytest

from judge.latex import latex_to_text, readable_math

FORMULAS = [
    # fractions: parentheses only where precedence needs them
    (r"\frac{a}{b}", "a/b"),
    (r"\frac12", "1/2"),
    (r"\frac{x - \mu}{\sigma}", "(x - μ)/σ"),
    (r"\frac{1}{2} \sum_i x_i", "(1/2) Σᵢ xᵢ"),
    (r"\frac{1}{N H W} \sum_{n,h,w} x_{n,c,h,w}", "(1/(N H W)) Σ_(n,h,w) x_(n,c,h,w)"),
    (r"\frac{(x-\mu)^2}{2\sigma^2}", "(x-μ)²/(2σ²)"),
    (r"\frac{f(t/T)}{f(0)}", "f(t/T)/f(0)"),
    (r"\frac{v_j}{\mathrm{RMS}(v)} \cdot \gamma_j", "vⱼ/RMS(v) · γⱼ"),
    (r"\frac{\partial L}{\partial w}", "∂L/∂w"),
    (r"\tfrac{1}{2} + \dfrac{a}{b}", "1/2 + a/b"),
    (r"y=\frac{a+b}{c}。", "y=(a+b)/c。"),
    (r"\left\lfloor \frac{H - k}{s} \right\rfloor + 1", "⌊ (H - k)/s ⌋ + 1"),
    # scripts
    (r"x_{t-1}", "xₜ₋₁"),
    (r"x_i^2", "xᵢ²"),
    (r"10^{-4}", "10⁻⁴"),
    (r"K^{\top}", "Kᵀ"),
    (r"d_{model}", "d_model"),
    (r"W_{out}", "W_out"),
    (r"\beta_1^{\,t}", "β₁ᵗ"),
    (r"\theta_i = 10000^{-2i/d}", "θᵢ = 10000^(-2i/d)"),
    (r"x_{t'}", "x_t'"),
    # escaped underscores stay underscores, never subscripts
    (r"\mathrm{log\_softmax}(s)_i", "log_softmax(s)ᵢ"),
    (r"\text{max\_len}", "max_len"),
    # spacing: a thin space is one space, a quad a wide gap
    (r"(1-\beta_1)\, g_t", "(1-β₁) gₜ"),
    (r"(H + 2p,\ W + 2p)", "(H + 2p, W + 2p)"),
    (r"P_{i s + a,\; j s + b}\; K_{ab}", "P_(i s + a, j s + b) K_ab"),
    (r"a, \qquad b", "a,    b"),
    (r"a \quad b", "a  b"),
    (r"\max\!\left(u,\; 0\right)", "max(u, 0)"),
    # roots
    (r"\sqrt{v}", "√v"),
    (r"\sqrt{\hat v_t} + \varepsilon", "√v̂ₜ + ε"),
    (r"\sqrt{v + \varepsilon}", "√(v + ε)"),
    (r"\sqrt{2\pi\sigma^2}", "√(2πσ²)"),
    (r"\sqrt[3]{x}", "³√x"),
    # sums and products with limits
    (r"\sum_{j=1}^{n} e^{s_j}", "Σⱼ₌₁ⁿ e^(sⱼ)"),
    (r"\prod_{i=1}^{l-1} s_i", "∏ᵢ₌₁ˡ⁻¹ sᵢ"),
    (r"\sum_{a=0}^{k_h-1}", "Σₐ₌₀^(kₕ-1)"),
    # fonts, text, accents, delimiters
    (r"\mathbf{x}", "x"),
    (r"\mathbb{R}^{n}", "ℝⁿ"),
    (r"\mathcal{L}", "L"),
    (r"P = \mathrm{softmax}(S) \text{ along each row}", "P = softmax(S) along each row"),
    (r"\hat y, \bar\alpha_t, \tilde x", "y\u0302, α\u0304ₜ, x\u0303"),  # combining accents
    (r"\left( \frac{a}{b} \right)", "( a/b )"),
    (r"\big( y - b \big)^2", "( y - b )²"),
    (r"\mathrm{KL}(p \,\|\, q)", "KL(p ‖ q)"),
    (r"\log P(y_t = b \mid a)", "log P(yₜ = b | a)"),
    (r"\log\sum_j e^{s_j}", "log Σⱼ e^(sⱼ)"),
    (r"\log \frac{p_i}{q_i} + \ln\frac{a}{b}", "log(pᵢ/qᵢ) + ln(a/b)"),
    (r"\lVert x \rVert_2", "‖ x ‖₂"),
    (r"a \le b \ne c \ge d", "a ≤ b ≠ c ≥ d"),
    (r"\int_0^1 f", "∫₀¹ f"),
    (r"a \\ b", "a\nb"),
    (r"\unknown{x}", "unknownx"),
]


@pytest.mark.parametrize(("latex", "text"), FORMULAS)
def test_formula(latex: str, text: str) -> None:
    """Each construct becomes the Unicode a person would write by hand."""
    assert latex_to_text(latex) == text


MARKDOWN = [
    ("inline $x_i$ here", "inline `xᵢ` here"),
    ("two $a$ and $b$", "two `a` and `b`"),
    ("a display:\n\n$$y = x^2$$\n\nthen text", "a display:\n\n    y = x²\n\nthen text"),
    ("formulas:\n\n$$a = 1$$\n\n$$b = 2$$\n\n$$c = 3$$\n\nend", "formulas:\n\n    a = 1\n    b = 2\n    c = 3\n\nend"),
    ("text\n$$y = 1$$\nmore", "text\n\n    y = 1\n\nmore"),
    ("1. first:\n   $$y = 1$$\n2. second", "1. first:\n\n       y = 1\n\n2. second"),
    ("- item $$y$$\n- next", "- item\n\n      y\n\n- next"),
    ("$$a\n  + b$$", "\n    a + b\n\n"),
    ("code `$x$` and ```\n$$y$$\n``` stay", "code `$x$` and ```\n$$y$$\n``` stay"),
    ("no maths, \\_ and all", "no maths, \\_ and all"),
]


@pytest.mark.parametrize(("markdown", "shown"), MARKDOWN)
def test_markdown(markdown: str, shown: str) -> None:
    """Inline maths becomes code, a run of display formulas one indented block, code is left alone."""
    assert readable_math(markdown) == shown
