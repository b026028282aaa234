"""The construction toggle in the window: the method panel's box and the View menu's entry follow the scene."""

from __future__ import annotations

import msgspec

from root_markers import markers_of

TIMEOUT_MS = 15_000


def view_action(window, text: str):
    return next(action for action in window.menus["&View"].actions() if action.text() == text)


def test_the_box_and_the_menu_entry_follow_the_scene_and_the_figure_follows_them(qtbot, main_window):
    lab = main_window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None, timeout=TIMEOUT_MS)
    lab.show_frame(2)
    box, entry = lab.method_panel.construction, view_action(main_window, "Draw the step's &construction")
    assert lab.scene().construction and box.isChecked() and entry.isCheckable() and entry.isChecked()
    assert markers_of(lab.figure, "zero")

    box.setChecked(False)
    assert not lab.scene().construction and not entry.isChecked()
    assert not any(item.isVisible() for item in lab.figure.construction_items)

    entry.trigger()
    assert lab.scene().construction and box.isChecked() and entry.isChecked()
    assert markers_of(lab.figure, "zero")

    lab.set_scene(msgspec.structs.replace(lab.scene(), construction=False))  # a restored or loaded scene
    assert not box.isChecked() and not entry.isChecked()
    assert not markers_of(lab.figure, "zero")


def test_turning_the_construction_off_does_not_solve_again(qtbot, main_window):
    lab = main_window.lab("roots")
    qtbot.waitUntil(lambda: lab.run is not None and not lab.runner.busy, timeout=TIMEOUT_MS)
    run = lab.run
    lab.method_panel.construction.setChecked(False)
    qtbot.wait(200)
    assert lab.run is run and not lab.runner.busy
