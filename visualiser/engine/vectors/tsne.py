"""Exact t-SNE in numpy, one iteration at a time: gradient descent with momentum on a KL divergence.

t-SNE (van der Maaten and Hinton, 2008) places points in the plane so that their neighbourhoods
match those of the original space. The high-dimensional similarities P come once, from a binary
search that gives every point's Gaussian the asked perplexity (its effective number of
neighbours); the low-dimensional ones Q follow a Student t with one degree of freedom. Each
iteration then takes one step down the gradient of KL(P || Q) with momentum, and with the
per-coordinate gains of Jacobs (1988) that van der Maaten's and scikit-learn's implementations use.
For the first iterations P is multiplied by the early exaggeration, which pulls clusters apart.

Float32 throughout the iterations (scikit-learn's exact method is float64). On the 1,797 digits this
ran 28 iterations a second on a shared 2-core machine (benchmarks/bench_tsne.py), and reaches a KL
divergence a little below scikit-learn's Barnes-Hut TSNE with the same settings (0.89 against 0.92
after 400 iterations). The second phase restarts momentum and gains, as scikit-learn's does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generator

import numpy as np

MACHINE_EPSILON = np.finfo(np.float64).eps
PERPLEXITY_TOLERANCE = 1e-5
BINARY_SEARCH_STEPS = 100
EARLY_MOMENTUM = 0.5   # the momentum while the exaggeration lasts (as in van der Maaten's code and scikit-learn)
MIN_GAIN = 0.01
AUTO_LEARNING_RATE_FLOOR = 50.0
INITIAL_SCALE = 1e-4   # the starting layout's standard deviation: tiny, so that early steps decide the layout
MAX_POINTS = 5000      # exact t-SNE holds n x n matrices: 5,000 points need about 100 MB each


class TsneError(ValueError):
    """Settings or data exact t-SNE cannot run on, in one sentence."""


@dataclass(frozen=True)
class TsneSettings:
    perplexity: float = 30.0
    learning_rate: float | None = None  # None: scikit-learn's "auto", max(n / early_exaggeration / 4, 50)
    early_exaggeration: float = 12.0
    exaggeration_iterations: int = 250
    momentum: float = 0.8
    seed: int = 0


@dataclass(frozen=True)
class TsneStep:
    """The layout after ``iteration`` steps, the KL divergence there (with P unexaggerated), and the step from it.

    ``gradient`` (of the objective, at this layout) and ``update`` (the step taken from it to the
    next, momentum included) are those of the rows ``tracked`` only, a few points whose arrows a
    figure may draw. ``exaggerated``: that step descends the exaggerated objective. ``embedding``
    is this step's own array (later steps make new ones).
    """

    iteration: int
    embedding: np.ndarray      # (n, 2) float32
    kl_divergence: float
    gradient_norm: float
    exaggerated: bool
    gradient: np.ndarray       # (len(tracked), 2): d KL / d y at the layout before the step
    update: np.ndarray         # (len(tracked), 2): the step taken, momentum included


def squared_distances(points: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between all rows, never below 0 (rounding), as float64."""
    points = np.asarray(points, dtype=np.float64)
    norms = np.einsum("ij,ij->i", points, points)
    distances = norms[:, None] + norms[None, :] - 2.0 * (points @ points.T)
    np.maximum(distances, 0.0, out=distances)
    np.fill_diagonal(distances, 0.0)
    return distances


def conditional_probabilities(distances: np.ndarray, perplexity: float) -> np.ndarray:
    """Each row's Gaussian over the other points, its precision found for ``perplexity`` (to 1e-5 in entropy).

    What scikit-learn's ``_binary_search_perplexity`` finds by bisection row by row, here for all
    rows at once by Newton's method on the precision beta, kept inside a bisection bracket: the
    entropy H(beta) = log Z + beta E[d] falls with beta at the rate beta Var[d], so about eight
    steps suffice where bisection takes twenty-five. Distances are measured from each row's nearest
    neighbour, which changes no probability and keeps exp from underflowing.
    """
    d = np.array(distances, dtype=np.float64)
    np.fill_diagonal(d, np.inf)
    d -= d.min(axis=1, keepdims=True)
    n = len(d)
    np.fill_diagonal(d, 0.0)
    mean = d.sum(axis=1) / max(n - 1, 1)
    np.fill_diagonal(d, np.inf)  # exp(-inf) = 0: no point is its own neighbour
    beta = 1.0 / np.where(mean > 0, mean, 1.0)
    low, high = np.zeros(n), np.full(n, np.inf)
    target = np.log(perplexity)
    rows = np.empty_like(d)
    active = np.arange(n)
    for _ in range(BINARY_SEARCH_STEPS):
        block = d if len(active) == n else d[active]
        b = beta[active]
        p = np.exp(-block * b[:, None])
        total = np.maximum(p.sum(axis=1), MACHINE_EPSILON)
        p /= total[:, None]
        finite = np.where(np.isinf(block), 0.0, block)
        mean_d = np.einsum("ij,ij->i", finite, p)
        variance = np.maximum(np.einsum("ij,ij->i", finite * finite, p) - mean_d**2, 0.0)
        rows[active] = p
        error = np.log(total) + b * mean_d - target
        wide = error > 0  # entropy too high: the Gaussian is too wide, so raise the precision
        low[active] = np.where(wide, b, low[active])
        high[active] = np.where(wide, high[active], b)
        with np.errstate(divide="ignore", invalid="ignore"):
            newton = b + error / (b * variance)
        lo, hi = low[active], high[active]
        bisection = np.where(np.isinf(hi), 2 * b, (lo + hi) / 2)
        beta[active] = np.where(np.isfinite(newton) & (newton > lo) & (newton < hi), newton, bisection)
        active = active[np.abs(error) > PERPLEXITY_TOLERANCE]
        if not len(active):
            break
    return rows


def joint_probabilities(data: np.ndarray, perplexity: float) -> np.ndarray:
    """The symmetric P of t-SNE (summing to 1) for the rows of ``data``, as float64."""
    conditional = conditional_probabilities(squared_distances(data), perplexity)
    joint = conditional + conditional.T
    joint /= joint.sum()
    np.maximum(joint, MACHINE_EPSILON, out=joint)  # as scikit-learn: no pair has P = 0 ...
    np.fill_diagonal(joint, 0.0)                   # ... and no point is its own neighbour
    return joint


def check_tsne(points: int, settings: TsneSettings) -> None:
    """Raise :class:`TsneError` for data or settings t-SNE cannot use."""
    if points > MAX_POINTS:
        raise TsneError(f"exact t-SNE here runs on at most {MAX_POINTS:,} points, and these are {points:,} "
                        f"(PCA shows them all)")
    if not 1 <= settings.perplexity <= (points - 1) / 3:
        raise TsneError(f"the perplexity must be from 1 to a third of the other points, "
                        f"{(points - 1) / 3:.4g} here, not {settings.perplexity:g}")
    check_tsne_settings(settings)


def check_tsne_settings(settings: TsneSettings) -> None:
    """Raise :class:`TsneError` for settings no data could use."""
    if not settings.perplexity >= 1:
        raise TsneError(f"the perplexity must be at least 1, not {settings.perplexity:g}")
    if settings.learning_rate is not None and not settings.learning_rate > 0:
        raise TsneError(f"the learning rate must be positive, not {settings.learning_rate:g}")
    if not settings.early_exaggeration >= 1:
        raise TsneError(f"the early exaggeration must be at least 1, not {settings.early_exaggeration:g}")
    if settings.exaggeration_iterations < 0:
        raise TsneError(f"the exaggeration's length must be 0 or more iterations, "
                        f"not {settings.exaggeration_iterations}")
    if not 0 <= settings.momentum < 1:
        raise TsneError(f"the momentum must be from 0 up to (not including) 1, not {settings.momentum:g}")


def learning_rate(points: int, settings: TsneSettings) -> float:
    """The settings' learning rate, or scikit-learn's "auto" (Belkina et al. 2019): small sets need small steps."""
    if settings.learning_rate is not None:
        return settings.learning_rate
    return max(points / settings.early_exaggeration / 4, AUTO_LEARNING_RATE_FLOOR)


def initial_embedding(points: int, seed: int) -> np.ndarray:
    return (INITIAL_SCALE * np.random.default_rng(seed).standard_normal((points, 2))).astype(np.float32)


def iterate_tsne(data: np.ndarray, settings: TsneSettings = TsneSettings(), *,
                 tracked: np.ndarray | None = None) -> Generator[TsneStep, None, None]:
    """Yield the layout at iteration 0, 1, 2, ... (each with the step taken from it), without end.

    The caller decides when to stop (``itertools.islice``, or a worker that is paused, stepped and
    restarted). Data and settings are checked now, and P computed, before the first ``next()``.
    """
    data = np.asarray(data, dtype=np.float64)
    check_tsne(len(data), settings)
    joint = joint_probabilities(data, settings.perplexity)
    tracked = np.arange(0) if tracked is None else np.asarray(tracked, dtype=np.intp)
    return _iterate(joint, settings, tracked)


def kl_constant(joint: np.ndarray) -> float:
    """Sum of P log P (over the pairs, not the zero diagonal): the part of KL(P || Q) the layout does not change."""
    off_diagonal = ~np.eye(len(joint), dtype=bool)
    return float(np.sum(joint[off_diagonal] * np.log(joint[off_diagonal])))


def _iterate(joint64: np.ndarray, settings: TsneSettings, tracked: np.ndarray):
    entropy_part = kl_constant(joint64)
    joint = joint64.astype(np.float32)
    del joint64
    # Kept only while it is used (at 5,000 points an n x n float32 matrix is 100 MB).
    exaggerated_joint = joint * np.float32(settings.early_exaggeration) if settings.exaggeration_iterations > 0 else None
    gradient_of = KlGradient(joint, entropy_part)
    embedding = initial_embedding(len(joint), settings.seed)
    velocity = np.zeros_like(embedding)
    gains = np.ones_like(embedding)
    rate = np.float32(learning_rate(len(joint), settings))
    iteration = 0
    while True:
        exaggerated = iteration < settings.exaggeration_iterations
        if iteration == settings.exaggeration_iterations:
            # The second phase starts afresh, as scikit-learn's does (its optimiser is called once per
            # phase): gains grown under the exaggeration overshoot once it ends. On 60 points in three
            # clusters that left KL at 1.5 instead of 0.45.
            velocity = np.zeros_like(embedding)
            gains = np.ones_like(embedding)
            exaggerated_joint = None
        gradient, kl = gradient_of(embedding, exaggerated_joint if exaggerated else joint)
        # Jacobs' gains: a coordinate still stepping the way its gradient points steps further each time.
        onward = (velocity * gradient) < 0
        gains = np.where(onward, gains + np.float32(0.2), gains * np.float32(0.8))
        np.maximum(gains, np.float32(MIN_GAIN), out=gains)
        momentum = np.float32(EARLY_MOMENTUM if exaggerated else settings.momentum)
        velocity = momentum * velocity - rate * gains * gradient
        yield TsneStep(iteration, embedding, kl, float(np.linalg.norm(gradient)), exaggerated,
                       gradient[tracked], velocity[tracked])
        embedding = embedding + velocity
        iteration += 1


class KlGradient:
    """The gradient of KL(target || Q) at a layout, and KL(P || Q) there: one pass over the pairs.

    With the Student-t kernel w = 1 / (1 + |y_i - y_j|^2) and Q = w / sum(w), the gradient is
    4 sum_j (p_ij - q_ij) w_ij (y_i - y_j), and KL(P || Q) = sum P log P + sum P log(1 + d) + log sum(w),
    as P sums to 1. ``target`` is P, or P exaggerated. Two n x n buffers are reused every
    iteration: allocating them afresh costs more than the arithmetic (page faults).
    """

    def __init__(self, joint: np.ndarray, entropy_part: float):
        self.joint = joint
        self.entropy_part = entropy_part
        n = len(joint)
        self._pairs = np.empty((n, n), dtype=np.float32)
        self._scratch = np.empty((n, n), dtype=np.float32)
        self._with_ones = np.ones((n, 3), dtype=np.float32)  # [y, 1]: one product gives sum_j a_ij y_j and sum_j a_ij

    def __call__(self, embedding: np.ndarray, target: np.ndarray) -> tuple[np.ndarray, float]:
        kernel, scratch = self._pairs, self._scratch
        x, y = embedding[:, 0], embedding[:, 1]
        np.subtract.outer(x, x, out=kernel)
        kernel *= kernel
        np.subtract.outer(y, y, out=scratch)
        scratch *= scratch
        kernel += scratch                              # squared distances d
        kernel += np.float32(1)
        np.log(kernel, out=scratch)                    # (log, not log1p of d: numpy's float32 log is vectorised)
        kl_layout = float(np.vdot(self.joint, scratch))  # sum P log(1 + d)
        np.reciprocal(kernel, out=kernel)
        np.fill_diagonal(kernel, 0)                    # w
        total = float(kernel.sum())                    # (numpy sums float32 pairwise: error ~1e-7 of the sum)
        kl = self.entropy_part + kl_layout + float(np.log(total))
        np.multiply(target, kernel, out=scratch)       # p w
        kernel *= kernel
        kernel *= np.float32(1 / total)                # q w
        scratch -= kernel                              # (p - q) w
        self._with_ones[:, :2] = embedding
        sums = scratch @ self._with_ones
        gradient = np.float32(4) * (sums[:, 2:] * embedding - sums[:, :2])
        return gradient, kl
