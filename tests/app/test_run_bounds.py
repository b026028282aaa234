"""Each run row shows its own method's stability bound (issue 12, item 3), in the real window."""

from __future__ import annotations

from visualiser.engine.optim import OPTIMIZERS, stability_bound
from visualiser.labs.descent.scene import DescentScene, RunSetup

TIMEOUT_MS = 20_000
BOWL = "x^2 + 10y^2"  # λ_max = 20: gd 0.1, heavy ball 0.19, Nesterov 0.0679 (μ = 0.9)


def show(qtbot, descent_lab, *runs: RunSetup):
    descent_lab.set_scene(DescentScene(expression=BOWL, view=((-3.0, 3.0), (-3.0, 3.0)), starts=((2.0, -1.0),),
                                       runs=runs))
    qtbot.waitUntil(lambda: [trace.run for trace in descent_lab.traces] == list(descent_lab.scene().runs),
                    timeout=TIMEOUT_MS)
    descent_lab.runs_panel.show_frame_info(descent_lab.traces, 0)
    return [row.bound.text() for row in descent_lab.runs_panel.rows]


def test_the_opening_race_shows_each_methods_own_bound_and_none_for_the_adaptive_ones(descent_lab):
    descent_lab.runs_panel.show_frame_info(descent_lab.traces, 0)
    for name, row, trace in zip(OPTIMIZERS, descent_lab.runs_panel.rows, descent_lab.traces):
        own = float(stability_bound(trace.eigenvalues[0], name, trace.run.hyperparameters))
        if name in ("gd", "momentum", "nesterov"):
            formula = {"gd": "2/λ_max", "momentum": "2(1+μ)/λ_max", "nesterov": "2(1+μ)/((1+2μ)λ_max)"}[name]
            assert f"{formula} = {own:.3g}" in row.bound.text() and "< lr" not in row.bound.text()
        else:
            assert row.bound.text() == ""


def test_momentum_between_plain_descents_bound_and_its_own_is_not_flagged(qtbot, descent_lab):
    texts = show(qtbot, descent_lab, RunSetup(optimizer="gd", hyperparameters={"lr": 0.15}),
                 RunSetup(optimizer="momentum", hyperparameters={"lr": 0.15}),
                 RunSetup(optimizer="nesterov", hyperparameters={"lr": 0.15}))
    assert "2/λ_max = 0.1 < lr" in texts[0]  # above plain descent's 0.1...
    assert "2(1+μ)/λ_max = 0.19" in texts[1] and "< lr" not in texts[1]  # ...but within the heavy ball's 0.19
    assert "2(1+μ)/((1+2μ)λ_max) = 0.0679 < lr" in texts[2]  # and above Nesterov's
    gd, momentum, nesterov = descent_lab.traces
    assert gd.diverged and not momentum.diverged and nesterov.diverged
    assert "above 2(1+μ)/((1+2μ)λ_max) = 0.0679" in nesterov.message


def test_the_bound_follows_the_runs_momentum(qtbot, descent_lab):
    (text,) = show(qtbot, descent_lab, RunSetup(optimizer="momentum", hyperparameters={"lr": 0.05, "momentum": 0.5}))
    assert "2(1+μ)/λ_max = 0.15" in text
    (text,) = show(qtbot, descent_lab, RunSetup(optimizer="momentum", hyperparameters={"lr": 0.001, "momentum": 1.0}))
    assert "μ ≥ 1: never settles" in text  # a heavy ball with μ = 1 is stable at no rate
