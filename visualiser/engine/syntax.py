"""Typed text -> syntax tree, with calculator conventions and hard limits.

This is a small recursive-descent parser written for this grammar alone, rather than Python's
``ast`` with a whitelist: Python's grammar has no implicit multiplication and reads ``^`` as xor,
so ``ast`` would need the text rewritten first and columns mapped back. Here the only tokens that
exist are numbers, names, ``+ - * / ^ ** ( ) , |`` and spaces; anything else (quotes, dots,
brackets, ``=``, ``:``, ``@``, non-ASCII look-alikes, NUL) stops the tokenizer at its column.
Text pasted from a web page or a textbook is read by the tokenizer itself, one character at a
time, so every column still points into the text as typed: the minus sign and dashes are ``-``,
``× · ⋅ ∗`` are ``*``, ``÷ ∕`` are ``/``, superscripts (``x²``, ``x⁻¹``) are powers, and no-break
and thin spaces are spaces.
Nothing in this module can execute anything: its output is a tree of frozen dataclasses.

Grammar (``^`` is right-associative and binds tighter than unary minus, as in maths):

    sum      := product (('+' | '-') product)*
    product  := signed (('*' | '/') signed | <implicit> power)*
    signed   := ('+' | '-') signed | power
    power    := atom ('^' signed)?
    atom     := NUMBER | NAME | FUNCTION ('^' (NUMBER | NAME))? ('(' args ')' | implicit-product)
              | '(' sum ')' | '|' sum '|'
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Union

from .errors import ExpressionError
from .vocabulary import CONSTANTS, FUNCTIONS, GREEK_LETTERS, KNOWN_WORDS, PYTHON_KEYWORDS

MAX_LENGTH = 1000
MAX_NODES = 400
MAX_DEPTH = 60
MAX_NUMBER_LENGTH = 40
MAX_NUMBER = 1e300


# --- the syntax tree ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Number:
    text: str
    column: int


@dataclass(frozen=True)
class Name:
    name: str
    column: int


@dataclass(frozen=True)
class Call:
    function: str
    args: tuple["Node", ...]
    column: int


@dataclass(frozen=True)
class Unary:
    op: str  # '-' only; a unary '+' is dropped
    operand: "Node"
    column: int


@dataclass(frozen=True)
class Binary:
    op: str  # one of + - * / ^
    left: "Node"
    right: "Node"
    column: int


Node = Union[Number, Name, Call, Unary, Binary]


# --- tokens -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Token:
    kind: str  # 'number', 'name', 'op', 'end'
    text: str  # what it means: '*' for a typed '×', '^' for the start of a superscript
    column: int  # 1-based
    typed: str = ""  # the characters as typed, for messages, when they differ from ``text``

    @property
    def shown(self) -> str:
        return self.typed or self.text


# The operators as pasted text writes them, and what they mean.
_OPERATOR_SPELLINGS = {
    "**": "^",
    "\u2212": "-",  # − minus sign
    "\u2010": "-", "\u2011": "-",  # hyphen, non-breaking hyphen (word processors)
    "\u2012": "-", "\u2013": "-", "\u2014": "-",  # figure dash, en dash, em dash
    "\u00d7": "*", "\u00b7": "*", "\u22c5": "*", "\u2217": "*",  # × · ⋅ ∗
    "\u00f7": "/", "\u2215": "/",  # ÷ ∕ (division slash)
}
_SUPERSCRIPT_MINUS = "\u207b"
_SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"  # ⁰¹²³⁴⁵⁶⁷⁸⁹
_FROM_SUPERSCRIPT = str.maketrans(_SUPERSCRIPT_DIGITS, "0123456789")
_OPERATOR_CHARACTERS = re.escape("".join(c for c in _OPERATOR_SPELLINGS if len(c) == 1))

_TOKEN = re.compile(
    # tab, no-break space, the typographic spaces U+2000..U+200A (not U+200B, zero width), and
    # the narrow no-break space
    r"(?P<space>[ \t\u00a0\u2000-\u200a\u202f]+)"
    r"|(?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    rf"|(?P<op>\*\*|[-+*/^(),|{_OPERATOR_CHARACTERS}])"
    rf"|(?P<superscript>{_SUPERSCRIPT_MINUS}?[{_SUPERSCRIPT_DIGITS}]+)"
)
# A letter with a subscript (a1, x_0, k_max) is one name; other multi-letter names are split.
_SUBSCRIPTED = re.compile(r"[A-Za-z](?:\d+|_[A-Za-z0-9]+)\Z")


def _describe(char: str) -> str:
    if char == "\0":
        return "a NUL character"
    if not char.isprintable() or char.isspace():
        return f"the character U+{ord(char):04X}"
    if ord(char) > 127:
        return f"the non-ASCII character '{char}' (U+{ord(char):04X})"
    return f"'{char}'"


# ``x mod 2`` and ``x % 2``, as number theory and programming languages write the remainder.
_MOD_HINT = "use mod(x, 2) for the remainder of x divided by 2"
_CHARACTER_HINTS = {"%": _MOD_HINT}
_PIECEWISE_HINT = "build a piecewise function from min, max, abs or sign"
_KEYWORD_HINTS = {"if": _PIECEWISE_HINT, "else": _PIECEWISE_HINT, "elif": _PIECEWISE_HINT,
                  "True": "write 1", "False": "write 0"}


def _keyword_refusal(word: str) -> str:
    hint = _KEYWORD_HINTS.get(word)
    return f"'{word}' is a Python keyword, not part of a formula" + (f" ({hint})" if hint else "")


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; multi-letter names are split into known words and letters."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"expression too long ({len(text)} characters; the limit is {MAX_LENGTH})")
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            hint = f" ({_CHARACTER_HINTS[char]})" if char in _CHARACTER_HINTS else ""
            raise ExpressionError(f"{_describe(char)} is not allowed{hint}", position + 1)
        kind, value = match.lastgroup, match.group()
        column = position + 1
        position = match.end()
        if kind == "space":
            continue
        if kind == "name":
            if value.startswith("_") or "__" in value or value.endswith("_"):
                raise ExpressionError(f"'{value}' is not allowed", column)
            if value in PYTHON_KEYWORDS:
                raise ExpressionError(_keyword_refusal(value), column)
            tokens.extend(_split_name(value, column, text[position:].lstrip().startswith("(")))
        elif kind == "op":
            meaning = _OPERATOR_SPELLINGS.get(value, value)
            tokens.append(Token("op", meaning, column, value if meaning != value else ""))
        elif kind == "superscript":
            tokens.extend(_superscript_power(value, column))
        else:
            tokens.append(_number(value, column))
    tokens.append(Token("end", "", len(text) + 1))
    return tokens


def _number(digits: str, column: int, typed: str = "") -> Token:
    if len(digits) > MAX_NUMBER_LENGTH:
        raise ExpressionError(f"number too long ({len(digits)} digits)", column)
    return Token("number", digits, column, typed)


def _superscript_power(superscript: str, column: int) -> list[Token]:
    """``x²`` is ``x^2`` and ``x⁻¹`` is ``x^-1``: the tokens of the power, at the typed columns."""
    tokens = [Token("op", "^", column, superscript)]
    digits = superscript
    if superscript.startswith(_SUPERSCRIPT_MINUS):
        tokens.append(Token("op", "-", column, _SUPERSCRIPT_MINUS))
        digits, column = superscript[1:], column + 1
    tokens.append(_number(digits.translate(_FROM_SUPERSCRIPT), column, digits))
    return tokens


def _split_name(name: str, column: int, called: bool) -> list[Token]:
    """``xy`` -> x, y; ``xsin`` -> x, sin; ``alpha`` and ``k_max`` stay whole (Desmos conventions)."""
    if name in FUNCTIONS or name in CONSTANTS or name in GREEK_LETTERS or len(name) == 1:
        return [Token("name", name, column)]
    if _SUBSCRIPTED.match(name):
        return [Token("name", name, column)]
    if not name.isalpha():
        raise ExpressionError(f"'{name}' is not a valid name (use a letter with a subscript, like a_1)", column)
    pieces: list[Token] = []
    offset = 0
    while offset < len(name):
        word = next((w for w in KNOWN_WORDS if name.startswith(w, offset)), name[offset])
        pieces.append(Token("name", word, column + offset))
        offset += len(word)
    if called and pieces[-1].text not in FUNCTIONS:
        raise ExpressionError(f"unknown function '{name}'", column)
    return pieces


# --- the parser ---------------------------------------------------------------------------------

class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0
        self.nodes = 0
        self.depth = 0

    # token helpers
    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def _is(self, *ops: str) -> bool:
        return self.current.kind == "op" and self.current.text in ops

    def _advance(self) -> Token:
        token = self.current
        self.index += 1
        return token

    def _expect(self, op: str) -> Token:
        if self._is(op):
            return self._advance()
        if self.current.kind == "end":
            raise ExpressionError(f"missing '{op}'", self.current.column)
        raise ExpressionError(f"expected '{op}' but found '{self.current.shown}'", self.current.column)

    def _unexpected(self) -> None:
        token = self.current
        if token.kind == "end":
            raise ExpressionError("the expression ends too early", token.column)
        raise ExpressionError(f"unexpected '{token.shown}'", token.column)

    def _node(self, node: Node) -> Node:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise ExpressionError("expression too large")
        return node

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ExpressionError("expression too deeply nested")

    # grammar
    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ExpressionError("the expression is empty")
        tree = self.sum()
        if self.current.kind != "end":
            self._unexpected()
        return tree

    def sum(self) -> Node:
        left = self.product()
        while self._is("+", "-"):
            op = self._advance()
            left = self._node(Binary(op.text, left, self.product(), op.column))
        return left

    def product(self) -> Node:
        left = self.signed()
        while True:
            if self._is("*", "/"):
                op = self._advance()
                left = self._node(Binary(op.text, left, self.signed(), op.column))
            elif self._starts_implicit_factor():
                left = self._implicit_times(left)
            else:
                return left

    def _starts_implicit_factor(self) -> bool:
        return self.current.kind in ("number", "name") or self._is("(")

    def _implicit_times(self, left: Node) -> Node:
        token = self.current
        if token.kind == "number" and isinstance(_rightmost(left), Number):
            raise ExpressionError("missing operator between two numbers", token.column)
        return self._node(Binary("*", left, self.power(), token.column))

    def signed(self) -> Node:
        self._enter()
        try:
            if self._is("+"):
                self._advance()
                return self.signed()
            if self._is("-"):
                op = self._advance()
                return self._node(Unary("-", self.signed(), op.column))
            return self.power()
        finally:
            self.depth -= 1

    def power(self) -> Node:
        base = self.atom()
        if self._is("^"):
            op = self._advance()
            return self._node(Binary("^", base, self.signed(), op.column))
        return base

    def atom(self) -> Node:
        token = self.current
        if token.kind == "number":
            self._advance()
            return self._node(Number(token.text, token.column))
        if token.kind == "name":
            self._advance()
            if token.text in FUNCTIONS:
                return self._call(token)
            return self._node(Name(token.text, token.column))
        if self._is("(", "|"):
            self._enter()
            opener = self._advance()
            inner = self.sum()
            if opener.text == "|":
                self._expect("|")
                inner = self._node(Call("abs", (inner,), opener.column))
            else:
                self._expect(")")
            self.depth -= 1
            return inner
        self._unexpected()
        raise AssertionError("unreachable")

    def _call(self, name: Token) -> Node:
        power = self._function_power(name) if self._is("^") else None
        if name.text == "mod" and not self._is("("):
            raise ExpressionError(f"'mod' needs brackets ({_MOD_HINT})", name.column)
        if self._is("("):
            self._advance()
            args = [self.sum()]
            while self._is(","):
                self._advance()
                args.append(self.sum())
            self._expect(")")
        elif self._starts_implicit_factor():
            # `sin x`, `sin 2x`: the argument is the implicit product that follows.
            argument = self.power()
            while self._starts_implicit_factor():
                argument = self._implicit_times(argument)
            args = [argument]
        else:
            raise ExpressionError(f"'{name.text}' needs an argument, like {name.text}(x)", name.column)
        spec = FUNCTIONS[name.text]
        if not spec.min_args <= len(args) <= spec.max_args:
            expected = (str(spec.min_args) if spec.min_args == spec.max_args
                        else f"{spec.min_args} to {spec.max_args}")
            raise ExpressionError(
                f"'{name.text}' takes {expected} argument{'s' if spec.max_args > 1 else ''}, "
                f"not {len(args)}", name.column)
        call = self._node(Call(name.text, tuple(args), name.column))
        if power is None:
            return call
        exponent, caret = power
        return self._node(Binary("^", call, exponent, caret.column))

    def _function_power(self, name: Token) -> tuple[Node, Token]:
        """The exponent of ``sin^2(x)``, ``cos^2 x`` or ``sin²x``: sin(x)^2, as textbooks write it.

        The exponent is one number or one name. ``sin^-1(x)`` is refused: textbooks mean the
        inverse function by it, but read as the power that ``sin^2`` and ``x^-1`` are, it is
        1/sin(x); either guess plots the wrong curve for half of the people who type it.
        """
        caret = self._advance()
        token = self.current
        if self._is("-"):
            after_minus = self.tokens[self.index + 1]  # there is one: the 'end' token comes last
            if after_minus.kind == "number":
                raise ExpressionError(_negative_function_power(name.text, after_minus.text), name.column)
        elif token.kind == "number" or (token.kind == "name" and token.text not in FUNCTIONS):
            return self.atom(), caret
        elif token.kind == "end":
            self._unexpected()
        raise ExpressionError(
            f"write the power of '{name.text}' after its argument, like {name.text}(x)^2", caret.column)


def _negative_function_power(function: str, exponent: str) -> str:
    written = f"'{function}^-{exponent}' is ambiguous"
    reciprocal = f"{function}(x)^-{exponent}"
    inverse = "a" + function
    if exponent == "1" and inverse in FUNCTIONS:
        return f"{written} (write {inverse}(x) for the inverse function, or {reciprocal} for a power)"
    return f"{written} (write {reciprocal} for a power)"


def _rightmost(node: Node) -> Node:
    while isinstance(node, Binary):
        node = node.right
    return node


def parse_syntax(text: str) -> Node:
    """Parse ``text`` into a syntax tree, or raise :class:`ExpressionError` with a column."""
    tree = _Parser(tokenize(text)).parse()
    for number in (n for n in walk(tree) if isinstance(n, Number)):
        value = float(number.text)
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise ExpressionError(f"number '{number.text}' is too large", number.column)
    return tree


def walk(node: Node):
    """Every node of the tree (depth first), for checks that look at all numbers or names."""
    stack = [node]
    while stack:
        item = stack.pop()
        yield item
        if isinstance(item, Unary):
            stack.append(item.operand)
        elif isinstance(item, Binary):
            stack.extend((item.left, item.right))
        elif isinstance(item, Call):
            stack.extend(item.args)
