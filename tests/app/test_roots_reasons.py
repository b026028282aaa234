"""The root lab's window says what each run found: poles are not roots, failures say why (issue 12, items 4, 5, 11, 17)."""

from __future__ import annotations

import html
import math

import pytest
from PySide6.QtCore import Qt
from scipy.optimize import brentq

from visualiser.labs.roots.examples import EXAMPLES

TIMEOUT_MS = 15_000


@pytest.fixture
def lab(qtbot, main_window):
    qtbot.waitUntil(lambda: main_window.lab("roots").run is not None, timeout=TIMEOUT_MS)
    return main_window.lab("roots")


def type_expression(qtbot, lab, text: str) -> None:
    line_edit = lab.editor.line_edit
    line_edit.setFocus()
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    qtbot.keyClick(line_edit, Qt.Key.Key_Return)


def set_bracket(lab, a: float, b: float) -> None:
    lab.method_panel.b.setValue(b)
    lab.method_panel.a.setValue(a)


def solved(qtbot, lab, expression: str, bracket: tuple[float, float], methods: int = 1) -> None:
    qtbot.waitUntil(lambda: lab.run.scene.expression == expression and lab.run.bracket == bracket
                    and len(lab.run.results) == methods, timeout=TIMEOUT_MS)


def test_the_pole_of_tan_is_called_a_pole_in_the_summary_and_the_table(qtbot, lab):
    lab.load_example(next(e for e in EXAMPLES if e.expression == "tan(x)"))
    solved(qtbot, lab, "tan(x)", (1.0, 2.0))
    result = lab.run.primary_result
    summary = lab.race_summary.text()
    assert "root ≈" not in summary and "nan" not in summary
    assert f"pole at x ≈ {result.root:.12g}, not a root" in summary
    assert result.root == pytest.approx(math.pi / 2, abs=1e-11)
    assert html.escape(result.message) in lab.race_summary.toolTip()

    table = lab.table
    assert [table.horizontalHeaderItem(c).text() for c in range(3)] == ["n", "a_n", "b_n"]
    last = table.rowCount() - 1
    assert last == result.iterations
    assert table.item(last, 3).text() == f"{result.root:.12g} (pole, not a root)"
    assert table.item(last, 0).toolTip() == result.message
    assert table.item(last, 0).background() != table.item(last - 1, 0).background()
    assert "not a root" not in table.item(last - 1, 3).text()  # only the row the run ended on


def test_a_race_on_a_bracket_without_a_root_says_why_each_method_failed(qtbot, lab):
    type_expression(qtbot, lab, "x^3 - 2x + 2")
    set_bracket(lab, 0.3, 2.0)
    lab.method_panel.race.setChecked(True)
    solved(qtbot, lab, "x^3 - 2x + 2", (0.3, 2.0), methods=5)
    summary = lab.race_summary.text()
    assert summary.count("✗ no sign change") == 3 and summary.count("✗ left the bracket") == 2
    assert "sign error" not in summary and "convergence error" not in summary  # flags, not reasons
    newton = lab.run.results["newton"]
    assert "have the same sign" in newton.message and "root you bracketed" not in newton.message
    assert html.escape(newton.message) in lab.race_summary.toolTip()


def test_a_root_at_the_left_end_offers_the_sign_change_inside(qtbot, lab):
    type_expression(qtbot, lab, "sin(3x) - x/2")
    solved(qtbot, lab, "sin(3x) - x/2", (0.0, 2.0))  # the default bracket
    notice = lab.notice.text()
    assert "f(a) = 0: a = 0 is already a root" in notice
    assert "Other sign changes inside [0, 2]; click one to use it" in notice
    assert "a = 0 is already a root" in lab.race_summary.text()
    (a, b), = lab.run.primary_result.suggested_brackets
    assert f"href='bracket:{a!r}:{b!r}'" in notice
    lab.notice.linkActivated.emit(f"bracket:{a!r}:{b!r}")  # what clicking the link sends
    solved(qtbot, lab, "sin(3x) - x/2", (a, b))
    reference = brentq(lambda x: math.sin(3 * x) - x / 2, 0.5, 1.5)
    assert lab.run.primary_result.converged and lab.run.primary_result.root == pytest.approx(reference, abs=1e-11)
