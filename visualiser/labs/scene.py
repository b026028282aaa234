"""What every lab's scene shares: a frozen msgspec struct, checked when built, around a typed expression.

A scene is a value. Widgets never change one; they build the next (``msgspec.structs.replace``), and
``__post_init__`` checks it then, whether it comes from a widget, a file or the command line, so a
scene that exists is one a lab can show. Its fields are frozen structs, tuples and numbers, and two
dicts (parameters, and a run's hyperparameters) that nothing mutates: every edit builds new ones.
That is what lets a worker thread compute from a scene while the person goes on editing.

A problem is a :class:`SceneError` naming the field (``bracket: needs a < b, ...``); the scene file
reader prefixes the path to the struct that msgspec reports, giving ``scene.runs[2].hyperparameters:
lr must be positive, not -1``.
"""

from __future__ import annotations

import functools
import math
from typing import Callable, ClassVar

import msgspec

from ..engine import ExpressionError, ParsedExpression, parse_expression
from ..engine.expression import DEFAULT_PARAMETER_VALUE
from .scene_error import SceneError

DEFAULT_PARAMETER_RANGE = (-5.0, 5.0)


def check_finite(field: str, value: float) -> None:
    if not math.isfinite(value):
        raise SceneError(field, f"not a finite number: {value}")


def check_interval(field: str, interval: tuple[float, float]) -> None:
    low, high = interval
    check_finite(field, low)
    check_finite(field, high)
    if not low < high:
        raise SceneError(field, f"needs low < high, got [{low:.17g}, {high:.17g}]")


def check_frame(frame: int | None) -> None:
    if frame is not None and frame < 0:
        raise SceneError("frame", f"not a frame number (0 or more): {frame}")


@functools.lru_cache(maxsize=256)
def parsed_expression(text: str, variables: tuple[str, ...]) -> ParsedExpression:
    """The safe parser's reading of ``text`` (cached: scenes are rebuilt on every edit and frame)."""
    return parse_expression(text, variables)


class Parameter(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One parameter's value and the range of its slider."""

    value: float = DEFAULT_PARAMETER_VALUE
    minimum: float = DEFAULT_PARAMETER_RANGE[0]
    maximum: float = DEFAULT_PARAMETER_RANGE[1]

    def check(self, name: str) -> None:
        """Checked by the scene, which knows the parameter's name (msgspec's paths do not show dict keys)."""
        check_finite(f"parameters.{name}.value", self.value)
        check_interval(f"parameters.{name}", (self.minimum, self.maximum))
        if not self.minimum <= self.value <= self.maximum:
            raise SceneError(f"parameters.{name}.value", f"{self.value:g} is outside the slider's range "
                                                         f"[{self.minimum:g}, {self.maximum:g}]")

    @classmethod
    def around(cls, value: float) -> "Parameter":
        """``value`` on the default slider range, widened to include it."""
        low, high = DEFAULT_PARAMETER_RANGE
        return cls(value=value, minimum=min(low, value), maximum=max(high, value))


DEFAULT_PARAMETER = Parameter()


class BaseScene(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="lab"):
    """What every lab's scene is: checked when built, and ``frame: int | None``, the shown frame.

    The JSON's ``"lab"`` field (msgspec's tag) names the lab. None as the frame: the last, the
    run's outcome. Subclasses declare ``frame`` with their other fields.
    """

    # What only changes the picture, not what is computed for it: see computed_inputs.
    DISPLAY_FIELDS: ClassVar[tuple[str, ...]] = ("frame",)

    def __post_init__(self) -> None:
        check_frame(self.frame)
        self.check()

    def computed_inputs(self):
        """This scene with its ``DISPLAY_FIELDS`` at their defaults: two scenes with equal inputs compute alike."""
        return with_defaults(self, self.DISPLAY_FIELDS)

    def check(self) -> None:
        """The lab's own checks (raise :class:`SceneError`)."""

    def shown_frame(self, frame_count: int) -> int:
        """The frame to show of a history of ``frame_count`` frames."""
        last = max(frame_count - 1, 0)
        return last if self.frame is None else min(self.frame, last)

    def with_files(self, convert: Callable[[str], str]) -> "BaseScene":
        """The scene with ``convert`` applied to the path of each file it reads (a lesson file keeps them
        relative to itself, see :mod:`.lesson_paths`); most scenes read none."""
        return self


class Scene(BaseScene):
    """The scene of a lab around a typed expression in ``VARIABLES`` and its parameters.

    Subclasses declare ``expression: str`` and ``parameters: dict[str, Parameter]`` (with their
    lab's defaults), and ``frame: int | None``. ``parameters`` may leave a parameter out; it then
    has :data:`DEFAULT_PARAMETER`.
    """

    VARIABLES: ClassVar[tuple[str, ...]]

    def __post_init__(self) -> None:
        try:
            parsed = self.parsed
        except ExpressionError as error:
            raise SceneError("expression", error.message, error.column) from None
        unknown = sorted(set(self.parameters) - set(parsed.parameters))
        if unknown:
            raise SceneError("parameters", f"the expression has no parameter '{unknown[0]}'")
        for name, parameter in self.parameters.items():
            parameter.check(name)
        super().__post_init__()

    # --- the expression ---
    @property
    def parsed(self) -> ParsedExpression:
        return parsed_expression(self.expression, self.VARIABLES)

    def parameter(self, name: str) -> Parameter:
        return self.parameters.get(name, DEFAULT_PARAMETER)

    def parameter_values(self) -> dict[str, float]:
        """Every parameter of the expression with its value (defaults included), in the parser's order."""
        return {name: self.parameter(name).value for name in self.parsed.parameters}

    def with_expression(self, text: str):
        """This scene on ``text``: parameters it keeps keep their settings, the others are dropped."""
        if text == self.expression:
            return self
        try:
            names = parsed_expression(text, self.VARIABLES).parameters
        except ExpressionError as error:
            raise SceneError("expression", error.message, error.column) from None
        kept = {name: setting for name, setting in self.parameters.items() if name in names}
        return msgspec.structs.replace(self, expression=text, parameters=kept)

    def with_parameter(self, name: str, parameter: Parameter):
        return msgspec.structs.replace(self, parameters={**self.parameters, name: parameter})


def with_defaults(scene: msgspec.Struct, fields: tuple[str, ...]) -> msgspec.Struct:
    """``scene`` with ``fields`` at their defaults: what two scenes that differ only there compute alike to."""
    defaults = {name: value for name, value in _defaults(type(scene)).items() if name in fields}
    return msgspec.structs.replace(scene, **defaults)


@functools.cache
def _defaults(struct_type: type) -> dict[str, object]:
    """The fields' defaults, read once per type: msgspec evaluates the annotations each time (1.5 ms a frame)."""
    return {field.name: field.default for field in msgspec.structs.fields(struct_type)}


def check_choice(field: str, value: str, choices: tuple[str, ...], kind: str) -> None:
    if value not in choices:
        raise SceneError(field, f"unknown {kind} '{value}' (choose from {', '.join(choices)})")


def changed_fields(old: msgspec.Struct, new: msgspec.Struct) -> frozenset[str]:
    """The names of the fields whose values differ between two scenes of one lab."""
    return frozenset(name for name in old.__struct_fields__ if getattr(old, name) != getattr(new, name))
