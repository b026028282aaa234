"""Runs of one optimizer advancing in lock-step: the single loop under a run and a batch sweep.

A single run is a batch of one, so the stopping rules (converged, diverged, max_steps), the
learning-rate schedule, gradient noise and clipping exist once. Points are ``(runs, dimensions)``
arrays; runs that have stopped keep their last finite point while the others go on.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np

from ..compiled import CompiledExpression
from ..errors import ExpressionError
from .gradients import (SMALLEST_PLAIN_NORM, GradientNoise, checked_clip, checked_noise, clip_by_norm, plain_norms,
                        vector_norms)
from .line_search_rules import LineSearchRule, Objective, refused_option
from .rules import UpdateRule
from .schedules import ConstantRate, Schedule, checked_schedule

MAX_STEPS_LIMIT = 1_000_000

# Why a run is (not yet) stopped, one code per run.
RUNNING = 0
CONVERGED = 1
POINT_OVERFLOW = 2       # the update produced an infinite coordinate
LOSS_UNDEFINED = 3       # the new point is outside the function's domain (NaN loss)
LOSS_INFINITE = 4        # the loss overflowed
LOSS_ABOVE_BOUND = 5     # the loss passed +divergence_bound (times max(1, |starting loss|))
LOSS_BELOW_BOUND = 6     # the loss passed -divergence_bound: the function is unbounded below
GRADIENT_UNDEFINED = 7   # finite point and loss, but the gradient is NaN/inf there (a kink or pole)
UPDATE_UNDEFINED = 8     # the update produced a NaN coordinate: 0/0 or inf - inf inside the optimizer
LINE_SEARCH_FAILED = 9   # a line search found no step: no minimum along −∇f, or no trial decreased the loss enough


def checked_starts(compiled: CompiledExpression, starts) -> np.ndarray:
    """``starts`` as a float ``(runs, dimensions)`` array, or one sentence on what is wrong."""
    try:
        array = np.array(starts, dtype=np.float64, ndmin=2)
    except (TypeError, ValueError):
        raise ExpressionError("the start point must be numbers") from None
    dimensions = len(compiled.variables)
    if array.ndim != 2 or array.shape[1] != dimensions or array.shape[0] == 0:
        got = f"{np.size(starts)}" if np.ndim(starts) == 1 else f"an array of shape {np.shape(starts)}"
        raise ExpressionError(
            f"the start point needs {dimensions} coordinate(s) ({', '.join(compiled.variables)}), got {got}")
    if not np.all(np.isfinite(array)):
        raise ExpressionError("the start point must be finite")
    return array


def check_limits(max_steps: int, tol: float, divergence_bound: float) -> None:
    if isinstance(max_steps, bool) or not isinstance(max_steps, (int, np.integer)) \
            or not 0 <= max_steps <= MAX_STEPS_LIMIT:
        raise ExpressionError(f"the number of steps must be a whole number from 0 to {MAX_STEPS_LIMIT}")
    if not (np.isfinite(tol) and tol >= 0):
        raise ExpressionError("tol must be zero (never stop early) or a positive number")
    if not (divergence_bound > 0):
        raise ExpressionError("the divergence bound must be positive")


def checked_options(optimizer: str, schedule, noise, seed, clip, runs: int | None, dimensions: int) -> dict:
    """A run's or a batch's schedule, noise and clipping as :class:`Descent` takes them (``runs`` None: one run).

    A line search takes none of them (:func:`~.line_search_rules.refused_option` says why).
    """
    options = {"schedule": checked_schedule(schedule), "noise": checked_noise(noise, seed, runs, dimensions),
               "clip": checked_clip(clip, runs)}
    refused = refused_option(optimizer, options["schedule"], options["noise"] is not None, options["clip"])
    if refused is not None:
        raise ExpressionError(refused[1])
    return options


class Descent:
    """The current point, loss, gradient and optimizer state of ``runs`` runs.

    ``reason`` holds one of the codes above per run; ``steps`` counts the updates each run made.
    Each update takes its learning rate ``lr`` from ``schedule`` (of the base ``hyperparameters["lr"]``)
    and its gradient from the loss's, plus ``noise`` and then clipped to ``clip`` (checked values:
    see :mod:`.gradients`). ``gradients`` stay the loss's own, which the convergence test uses.
    A line-search rule instead steps ``lr`` = the step length its search found for each run (NaN
    before the first update), and its state counts the search's trials or bisections.
    """

    def __init__(self, compiled: CompiledExpression, rule: UpdateRule | LineSearchRule, starts: np.ndarray,
                 hyperparameters: Mapping, params: Mapping | None, tol: float, divergence_bound: float, *,
                 schedule: Schedule = ConstantRate(), noise: GradientNoise | None = None, clip=None):
        self.functions = compiled.bind(params)  # unknown parameter names fail here, once
        self.rule = rule
        self.hyperparameters = hyperparameters
        self.schedule = schedule
        self.noise = noise
        self.clip = clip
        self.lr = hyperparameters.get("lr", np.nan)  # of the latest update
        self.tol = tol
        self.iteration = 0
        self.state: dict = {}
        self.points = starts
        self.losses, self.gradients = self.functions.value_and_gradient(starts)
        # Per run, relative to where it starts: a loss of 1e13 is not divergence on x^2 + 1e13.
        with np.errstate(all="ignore"):  # a loss of 1e300 gives an infinite bound: only inf then diverges
            scale = np.where(np.isfinite(self.losses), np.abs(self.losses), 0.0)
            self.bound = divergence_bound * np.maximum(1.0, scale)
        self.steps = np.zeros(len(starts), dtype=np.int64)
        failure = _divergence(starts, self.losses, self.bound)
        self.reason = np.full(len(starts), RUNNING, dtype=np.int8) if failure is None else failure
        self._all_running = failure is None
        self._check_gradients(self.running)

    @property
    def running(self) -> np.ndarray:
        return self.reason == RUNNING

    @property
    def finished(self) -> bool:
        """Every run has stopped."""
        return not self._all_running and not self.running.any()

    def advance(self) -> None:
        """One update of every run; runs that stop here keep their previous point."""
        self.iteration += 1
        searches = isinstance(self.rule, LineSearchRule)
        points = self._search_line() if searches else self._update()
        losses, gradients = self.functions.value_and_gradient(points)
        moved = None if self._all_running else self.running  # the runs this update moves (None: all)
        if moved is not None:  # the stopped runs stay where they stopped (and do not fail the check below)
            points, losses, gradients = _where(moved, (points, losses, gradients), self)
        failure = _divergence(points, losses, self.bound)
        if searches and np.isnan(self.lr).any():  # (only a run that searched can have found no step)
            failure = np.full(len(points), RUNNING, dtype=np.int8) if failure is None else failure
            failure[np.isnan(self.lr)] = LINE_SEARCH_FAILED
        if failure is not None:  # a run diverged here: it stops at its previous point
            running = self.running if moved is None else moved
            self.reason = np.where(running, failure, self.reason)
            moved = running & (failure == RUNNING)
            self._all_running = bool(moved.all())
            points, losses, gradients = _where(moved, (points, losses, gradients), self)
        self.points, self.losses, self.gradients = points, losses, gradients
        self.steps += 1 if moved is None else moved
        self._check_gradients(moved)

    def _update(self) -> np.ndarray:
        """The update rule's new points, at this update's scheduled rate and from the noisy, clipped gradient."""
        hyperparameters = self.hyperparameters
        if not isinstance(self.schedule, ConstantRate):
            self.lr = self.schedule.learning_rates(hyperparameters["lr"], self.iteration)
            hyperparameters = {**hyperparameters, "lr": self.lr}
        gradients = self.gradients
        if self.noise is not None:
            gradients = gradients + self.noise.draw()
        if self.clip is not None:
            gradients = clip_by_norm(gradients, self.clip)
        with np.errstate(all="ignore"):  # overflow is detected by the caller, per run, not warned about
            points, self.state = self.rule.update(self.points, gradients, self.state, self.iteration, hyperparameters)
        return points

    def _search_line(self) -> np.ndarray:
        """x − t ∇f(x) with each running run's searched step length t (NaN where its search found none)."""
        objective = Objective(self.functions.value, self.functions.gradient, self.losses, self.running)
        with np.errstate(all="ignore"):
            self.lr, counts = self.rule.search(objective, self.points, self.gradients, self.hyperparameters)
            self.state = {self.rule.counted: counts}
            return self.points - np.nan_to_num(self.lr)[:, None] * self.gradients

    def gradient_norms(self) -> np.ndarray:
        return vector_norms(self.gradients)

    def _check_gradients(self, where: np.ndarray | None) -> None:
        """Stop the runs of ``where`` (None: all) whose gradient is undefined or below ``tol``."""
        with np.errstate(all="ignore"):
            norms = plain_norms(self.gradients)  # the true lengths wherever they are at least tol > SMALLEST_PLAIN_NORM
        going_on = (norms >= self.tol) & (norms < np.inf)
        if self.tol > SMALLEST_PLAIN_NORM and (going_on if where is None else going_on | ~where).all():
            return  # the usual step: no run stops
        norms = self.gradient_norms()
        where = np.ones(len(norms), dtype=bool) if where is None else where
        undefined = where & ~np.isfinite(norms)
        self.reason[undefined] = GRADIENT_UNDEFINED
        self.reason[where & (norms < self.tol)] = CONVERGED
        self._all_running = bool(self.running.all())


def _where(moved: np.ndarray, new: tuple[np.ndarray, np.ndarray, np.ndarray], descent: Descent):
    """The new points, losses and gradients where ``moved``, the descent's current ones elsewhere."""
    points, losses, gradients = new
    column = moved[:, None]
    return (np.where(column, points, descent.points), np.where(moved, losses, descent.losses),
            np.where(column, gradients, descent.gradients))


def _divergence(points: np.ndarray, losses: np.ndarray, bound: np.ndarray) -> np.ndarray | None:
    """The reason code of each run at these points, or None where nothing is wrong with any run."""
    if np.isfinite(points).all() and np.isfinite(losses).all() and (np.abs(losses) <= bound).all():
        return None  # the usual step, at a fifth of np.select's cost
    return divergence_codes(points, losses, bound)


def divergence_codes(points: np.ndarray, losses: np.ndarray, bound: float) -> np.ndarray:
    """Each run's reason code, worked out in full (``benchmarks/bench_descent_fps.py`` times the shortcut)."""
    return np.select(
        [np.any(np.isnan(points), axis=1), ~np.all(np.isfinite(points), axis=1), np.isnan(losses),
         np.isinf(losses), losses > bound, losses < -bound],
        [UPDATE_UNDEFINED, POINT_OVERFLOW, LOSS_UNDEFINED, LOSS_INFINITE, LOSS_ABOVE_BOUND, LOSS_BELOW_BOUND],
        RUNNING).astype(np.int8)
