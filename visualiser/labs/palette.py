"""Colours: Okabe-Ito, safe for the common kinds of colour blindness and readable on a projector."""

BLUE = "#0072B2"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
YELLOW = "#F0E442"
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
