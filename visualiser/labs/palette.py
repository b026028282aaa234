"""Colours: Okabe-Ito, safe for the common kinds of colour blindness, and a high-contrast counterpart for projectors.

The constants are Okabe-Ito's, which the widgets and the scenes use (a run keeps its colour in the
scene file). Figures draw with a :class:`Palette` instead, the one their style holds: ``OKABE_ITO``
(these constants) or ``HIGH_CONTRAST`` (presentation mode), which maps each of these colours to its
counterpart (:meth:`Palette.counterpart`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
# Not Okabe-Ito (Paul Tol's): two more hues for runs, told from the others by their darkness (also by
# colour-blind eyes); Okabe-Ito's own last two are black, the overlays', and yellow, the colour map's plateau.
BROWN = "#661100"
WINE = "#882255"
BLACK = "#000000"
WHITE = "#FFFFFF"
GREY = "#555555"

ZERO = "#000000"  # f = 0 (f > 0 and f < 0 are a palette's positive and negative)
ERROR_TEXT = "#B2450B"  # vermillion darkened for text on a light background
SUCCESS_TEXT = "#1B6E3A"  # a converged run or method
FAILURE_TEXT = "#C00000"  # a diverged run, or a learning rate above the stability bound


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of ``#RRGGBB``: 0 for black, 1 for white."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, 1 (the same) to 21 (black on white); 3 is the minimum for lines and shapes."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def outline_colour(colour: str) -> str:
    """Black or white, whichever stands out more from ``colour``: a line in ``colour`` outlined in it reads
    on any background, dark or light (one of the two contrasts with it)."""
    return BLACK if contrast_ratio(colour, BLACK) >= contrast_ratio(colour, WHITE) else WHITE


@dataclass(frozen=True)
class Palette:
    """The colours a figure draws its runs, curves, fills and markers in, each field named after the
    Okabe-Ito hue it stands for (in another palette, that hue's counterpart)."""

    blue: str
    orange: str
    green: str
    vermillion: str
    purple: str
    sky: str
    brown: str
    wine: str
    yellow: str  # a marker's fill, edged in black (the selected word's star)
    grey: str    # curves that are not runs (f(x), φ(t)) and the loss plot's frame line
    more_groups: tuple[str, ...]  # the vector lab's groups after the first six (digits 6 to 9)

    @property
    def runs(self) -> tuple[str, ...]:
        """The hues runs take, in the order they take them."""
        return self.blue, self.orange, self.green, self.vermillion, self.purple, self.sky, self.brown, self.wine

    @property
    def groups(self) -> tuple[str, ...]:
        """The vector lab's groups' colours, in the legend's order."""
        return (*self.runs[:6], *self.more_groups)

    @property
    def positive(self) -> str:  # f > 0
        return self.blue

    @property
    def negative(self) -> str:  # f < 0
        return self.vermillion

    def sign_colour(self, value: float) -> str:
        if value > 0:
            return self.positive
        if value < 0:
            return self.negative
        return ZERO

    def counterpart(self, colour: str) -> str:
        """``colour`` as this palette draws it: an Okabe-Ito colour (a run's or a root method's, as scenes
        keep them) becomes this palette's colour of the same name; any other (a scene file's own) stays."""
        for name in _NAMED_COLOURS:
            if getattr(OKABE_ITO, name).upper() == colour.upper():
                return getattr(self, name)
        return colour


OKABE_ITO = Palette(blue=BLUE, orange=ORANGE, green=GREEN, vermillion=VERMILLION, purple=PURPLE, sky=SKY, brown=BROWN,
                    wine=WINE, yellow=YELLOW, grey=GREY, more_groups=("#8C6D31", "#7F7F7F", "#17BECF", "#BCBD22"))
# For projectors, which wash colours out: Okabe-Ito's hues darker and more saturated, each at least 4.5:1 against
# white (WCAG's contrast for text; 3:1 is its least for lines) and the runs still told apart with deuteranopia
# and protanopia (tests/labs/test_palette.py simulates both). To stay that far apart at that darkness, the sky
# blue is a dark slate and the blue a brighter one; the yellow star, edged in black, stays.
HIGH_CONTRAST = Palette(blue="#0F77C9", orange="#A86502", green="#0D855E", vermillion="#8E2B02", purple="#C80C8E",
                        sky="#3D5B6B", brown="#640108", wine="#91024F", yellow=YELLOW, grey="#333333",
                        more_groups=("#6B5220", "#5A5A5A", "#007A87", "#6F7000"))
_NAMED_COLOURS = [field.name for field in fields(Palette) if isinstance(getattr(OKABE_ITO, field.name), str)]
