"""The t-SNE runner without a window: a paused run holds no thread, and every way on (resume, step, carry on)
continues with the engine's own next step (issue 13)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from visualiser.app.vectors_lab.tsne_runner import TsneRunner
from visualiser.engine.vectors import VectorSet, iterate_tsne
from visualiser.labs.vectors.compute import tracked_rows
from visualiser.labs.vectors.scene import VectorScene

SCENE = VectorScene(method="tsne", iterations=5000)  # a run that does not end during a test


def clusters() -> VectorSet:
    rng = np.random.default_rng(3)
    vectors = np.concatenate([rng.standard_normal((40, 6)) + 6 * k for k in range(3)]).astype(np.float32)
    return VectorSet("clusters", vectors, tuple(f"p{i}" for i in range(120)), ("",) * 120)


def working_threads() -> int:
    """The pool's threads running a job now (a worker waiting in a loop counts: it has not returned)."""
    return QThreadPool.globalInstance().activeThreadCount()


@pytest.fixture
def runner(qtbot):
    qtbot.waitUntil(lambda: working_threads() == 0)  # nobody else's job in the pool
    runner = TsneRunner()
    runner.received = []
    runner.stepped.connect(runner.received.append)
    yield runner
    runner.stop()
    qtbot.waitUntil(lambda: working_threads() == 0)


def assert_the_engines_own_steps(received, data: VectorSet) -> None:
    assert [step.iteration for step in received] == list(range(len(received)))
    expected = itertools.islice(iterate_tsne(data.vectors, SCENE.tsne_settings, tracked=tracked_rows(data)),
                                len(received))
    for got, want in zip(received, expected, strict=True):
        np.testing.assert_array_equal(got.embedding, want.embedding)
        assert got.kl_divergence == want.kl_divergence


def test_a_paused_run_holds_no_thread_and_resume_and_step_go_on_where_it_stopped(qtbot, runner):
    data = clusters()
    runner.start(SCENE, data)
    qtbot.waitUntil(lambda: len(runner.received) >= 5, timeout=10_000)
    runner.pause()
    # The worker ends after the step it was computing: no thread is left waking up to ask whether to go on.
    qtbot.waitUntil(lambda: working_threads() == 0, timeout=3000)
    QApplication.processEvents()  # a step the worker posted just before it ended
    paused_at = len(runner.received)
    qtbot.wait(200)
    assert len(runner.received) == paused_at and working_threads() == 0 and not runner.running
    with qtbot.waitSignal(runner.stepped, timeout=5000):
        runner.step()
    qtbot.waitUntil(lambda: working_threads() == 0, timeout=3000)
    assert len(runner.received) == paused_at + 1  # one step, and the worker ended again
    runner.resume()
    assert runner.running
    qtbot.waitUntil(lambda: len(runner.received) >= paused_at + 20, timeout=10_000)
    runner.pause()
    qtbot.waitUntil(lambda: working_threads() == 0, timeout=3000)
    assert_the_engines_own_steps(runner.received, data)


def test_a_suspended_run_carries_on_as_it_was(qtbot, runner):
    data = clusters()
    runner.start(SCENE, data)
    qtbot.waitUntil(lambda: len(runner.received) >= 3, timeout=10_000)
    runner.suspend()
    assert runner.suspended and not runner.active
    qtbot.waitUntil(lambda: working_threads() == 0, timeout=3000)
    suspended_at = len(runner.received)
    runner.carry_on()
    assert runner.running and runner.active  # it ran, so it runs again
    qtbot.waitUntil(lambda: len(runner.received) >= suspended_at + 10, timeout=10_000)
    runner.pause()
    runner.suspend()
    runner.carry_on()
    assert not runner.running  # it was paused, so it stays paused
    qtbot.waitUntil(lambda: working_threads() == 0, timeout=3000)
    assert_the_engines_own_steps(runner.received, data)
