"""Colours: Okabe-Ito, safe for the common kinds of colour blindness and readable on a projector."""

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

POSITIVE = BLUE        # f > 0
NEGATIVE = VERMILLION  # f < 0
ZERO = "#000000"
ERROR_TEXT = "#B2450B"  # vermillion darkened for text on a light background
SUCCESS_TEXT = "#1B6E3A"  # a converged run or method
FAILURE_TEXT = "#C00000"  # a diverged run, or a learning rate above the stability bound


def sign_colour(value: float) -> str:
    if value > 0:
        return POSITIVE
    if value < 0:
        return NEGATIVE
    return ZERO


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
