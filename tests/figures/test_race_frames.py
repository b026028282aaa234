"""A frame's values of every run, looked up in the race's joined arrays, are each run's own at that frame."""

from __future__ import annotations

import msgspec
import numpy as np
import pytest

from visualiser.figures.race_frames import RaceFrames
from visualiser.labs.descent.presets import start_scene
from visualiser.labs.descent.runs import compute_runs
from visualiser.labs.descent.scene import RunSetup

# The seven optimizers for 80 steps, and GD at a rate that diverges after a few unstable steps (a shorter run).
RACE = msgspec.structs.replace(start_scene(), max_steps=80,
                               runs=(*start_scene().runs, RunSetup(optimizer="gd", hyperparameters={"lr": 0.01})))


@pytest.fixture(scope="module")
def traces():
    traces = compute_runs(RACE).traces
    assert len({len(trace.path) for trace in traces}) > 1, "runs of one length would not test the clamping"
    assert any(trace.diverged for trace in traces) and any(trace.unstable.any() for trace in traces)
    return traces


@pytest.mark.parametrize("frame", [0, 1, 2, 17, 40, 79, 80, 81, 500])
def test_each_runs_values_at_a_frame_are_its_own_at_its_shown_point(traces, frame):
    race = RaceFrames(traces)
    rows = race.rows(frame)
    ended, counts = race.ended(frame), race.unstable_counts(frame)
    for index, trace in enumerate(traces):
        last = min(frame, len(trace.path) - 1)
        assert race.lasts(frame)[index] == last
        np.testing.assert_array_equal(race.points[rows[index]], trace.path[last])
        assert race.defined[rows[index]] == np.isfinite(trace.loss[last])
        lr = trace.learning_rates[last]
        np.testing.assert_array_equal(race.vectors["gradient"][rows[index]], -lr * trace.gradient[last])
        np.testing.assert_array_equal(race.vectors["momentum"][rows[index]], -lr * trace.momentum[last])
        np.testing.assert_array_equal(race.vectors["step"][rows[index]], trace.step[last])
        assert counts[index] == np.count_nonzero(trace.unstable[:last])
        assert ended[index] == (trace.diverged and frame >= len(trace.path) - 1)
    expected = [np.stack([trace.path[steps], trace.path[steps + 1]], axis=1).reshape(-1, 2)
                for trace in traces for steps in [np.flatnonzero(trace.unstable[:min(frame, len(trace.path) - 1)])]]
    np.testing.assert_array_equal(race.unstable_pairs(counts), np.concatenate(expected))


def test_a_race_of_no_runs_shows_nothing():
    race = RaceFrames(())
    rows = race.rows(3)
    assert race.points[rows].shape == (0, 2) and not race.defined[rows].size and not race.ended(3).size
    assert race.unstable_counts(3) == () and race.unstable_pairs(()).shape == (0, 2)
