"""What happens to a gradient between the loss and the update rule: noise and clipping, and its length.

The order is a PyTorch training loop's: ``loss.backward()`` gives the gradient, a minibatch would
have made it noisy (here: ``noise`` σ times a standard normal per coordinate, from the run's own
``numpy.random.Generator`` seeded with ``seed``, so a run is reproducible), then
``torch.nn.utils.clip_grad_norm_(params, max_norm)`` rescales it, then ``optimizer.step()`` adds
any weight decay and updates.

Lengths are ``sqrt(g·g)`` where the squares neither overflow nor underflow, and ``hypot`` (scaled,
as LAPACK's ``dnrm2`` does) elsewhere: a gradient of 4e300 squared overflows to inf, and a run on
``1e300 x^2`` was told that its perfectly finite gradient is undefined. (``hypot`` for every row is
safe too, but 2.5 times slower on a 10,000-run batch.)
"""

from __future__ import annotations

import numpy as np

from ..errors import ExpressionError

SMALLEST_PLAIN_NORM = 1e-150  # below it squares may underflow (1e-160 squared is 0)
CLIP_EPS = 1e-6  # clip_grad_norm_'s max_norm / (total_norm + 1e-6)
NOISE_BLOCK = 64  # updates' worth of noise drawn at once per run (the stream is the same as one draw per update)
MAX_SEED = 2**31 - 1  # what a seed box holds; numpy's default_rng takes any of them


def vector_norms(vectors) -> np.ndarray:
    """The Euclidean length of each row of ``vectors`` (the last axis), without overflow on the way.

    Finite vectors have finite lengths up to about 1.8e308 (where the length itself overflows);
    a NaN component gives NaN and an infinite one inf (even beside a NaN, as C99's ``hypot``).
    """
    vectors = np.asarray(vectors, dtype=np.float64)
    rows = vectors if vectors.ndim == 2 else vectors.reshape(-1, vectors.shape[-1])
    with np.errstate(all="ignore"):  # a length beyond float64 is inf, which the callers check for
        norms = plain_norms(rows)
        redo = ~((norms > SMALLEST_PLAIN_NORM) & (norms < np.inf))  # over- or underflowed squares, NaN, inf, 0
        if redo.any():
            norms[redo] = np.hypot.reduce(np.abs(rows[redo]), axis=-1)
    return norms if vectors.ndim == 2 else norms.reshape(vectors.shape[:-1])


def plain_norms(rows: np.ndarray) -> np.ndarray:
    """``sqrt(g·g)`` of each row: :func:`vector_norms` wherever it lies above SMALLEST_PLAIN_NORM and below inf.

    Squares that overflow warn: call it under ``np.errstate(over="ignore")``.
    """
    return np.sqrt((rows * rows).sum(axis=-1))


def clip_by_norm(gradients: np.ndarray, max_norm) -> np.ndarray:
    """``clip_grad_norm_``: each row times min(1, max_norm / (‖row‖ + 1e-6)).

    ``max_norm`` is a number or a ``(runs, 1)`` array, one per row.
    As in PyTorch the factor is clamped rather than applied only above max_norm, so a gradient
    within 1e-6 of max_norm shrinks by a hair too.
    """
    with np.errstate(all="ignore"):  # an undefined gradient stays undefined; the loop stops that run
        factor = np.minimum(1.0, max_norm / (vector_norms(gradients)[:, None] + CLIP_EPS))
        return gradients * factor


class GradientNoise:
    """σ · N(0, 1) per coordinate and update, each run from its own generator ``numpy.random.default_rng(seed)``.

    Update ``k`` of a run gets row ``k - 1`` of ``default_rng(seed).standard_normal((steps, dimensions))``
    times σ, whether it runs alone or in a batch.
    """

    def __init__(self, sigma, seeds: tuple[int, ...], dimensions: int):
        self.sigma = sigma
        self.generators = [np.random.default_rng(seed) for seed in seeds]
        self.dimensions = dimensions
        self.block = np.empty((0, len(seeds), dimensions))
        self.used = 0

    def draw(self) -> np.ndarray:
        """The next update's noise, shape ``(runs, dimensions)``."""
        if self.used == len(self.block):
            self.block = np.stack([generator.standard_normal((NOISE_BLOCK, self.dimensions))
                                   for generator in self.generators], axis=1)
            self.used = 0
        self.used += 1
        return self.sigma * self.block[self.used - 1]


def checked_noise(noise, seed, runs: int | None, dimensions: int) -> GradientNoise | None:
    """The noise source of σ = ``noise`` (0: none) and ``seed``, or one sentence on what is wrong.

    With ``runs`` (a batch) σ may be one number per run and ``seed`` one whole number per run;
    one seed for all gives every run the same noise (common random numbers for a sweep).
    """
    sigma, seeds = checked_sigma(noise, runs), checked_seeds(seed, runs)
    return GradientNoise(sigma, seeds, dimensions) if np.any(sigma) else None


def checked_sigma(noise, runs: int | None):
    """σ as a number or ``(runs, 1)`` array, or one sentence on what is wrong."""
    return _per_run("the gradient noise σ", noise, runs, lambda v: v >= 0, "zero (no noise) or positive")


def checked_seeds(seed, runs: int | None) -> tuple[int, ...]:
    """One seed per run (``runs`` None: one), or one sentence on what is wrong."""
    count = 1 if runs is None else runs
    seeds = list(np.ravel(seed)) if runs is not None and np.ndim(seed) == 1 else [seed] * count
    if len(seeds) != count:
        raise ExpressionError(f"the noise seed must be a whole number or one per run ({runs} runs), not {len(seeds)}")
    for value in seeds:
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) \
                or not 0 <= value <= MAX_SEED:
            raise ExpressionError(f"the noise seed must be a whole number from 0 to {MAX_SEED}, not {value!r}")
    return tuple(int(value) for value in seeds)


def checked_clip(clip, runs: int | None):
    """``clip``'s max norm (None: no clipping) as a number or ``(runs, 1)`` array, or one sentence on what is wrong."""
    if clip is None:
        return None
    return _per_run("the clipping max norm", clip, runs, lambda v: v > 0,
                    "positive (a max norm of 0 would zero every gradient)")


def _per_run(name: str, value, runs: int | None, allowed, description: str):
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ExpressionError(f"{name} must be a number, not {value!r}") from None
    per_run = array.ndim == 1 and runs is not None and len(array) == runs
    if isinstance(value, (bool, np.bool_)) or not (array.ndim == 0 or per_run):
        expected = "a number" if runs is None else f"a number or one number per run ({runs} runs)"
        raise ExpressionError(f"{name} must be {expected}, not {value!r}")
    bad = ~np.isfinite(array) | ~allowed(array)
    if np.any(bad):
        raise ExpressionError(f"{name} must be {description}, not {float(array[bad][0] if array.ndim else array):g}")
    return float(array) if array.ndim == 0 else array[:, None]
