"""Test-wide setup: Qt runs offscreen (no screen on CI); numpy warnings are errors (see pyproject)."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
