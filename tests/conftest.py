"""Test-wide setup: Qt runs offscreen (no screen on CI); numpy warnings are errors (see pyproject)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_report_header(config):
    """Which copy of visualiser is under test: the checkout's, or an installed wheel's (packaging/check_wheel.py
    runs the smoke tests against one and checks this line)."""
    import visualiser

    return f"visualiser imported from: {os.path.dirname(visualiser.__file__)}"
