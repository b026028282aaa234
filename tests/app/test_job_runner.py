"""The runner behind every lab: one job in flight, only the newest waiting, only its result shown."""

import threading
import time

from visualiser.app.job_runner import LatestJobRunner


def test_a_burst_of_submissions_runs_the_first_and_the_last_only(qtbot):
    runner = LatestJobRunner()
    ran, shown = [], []
    lock = threading.Lock()

    def job(n):
        time.sleep(0.05)
        with lock:
            ran.append(n)
        return n

    runner.succeeded.connect(shown.append)
    for n in range(40):  # a slider dragged for a moment
        runner.submit(job, n)
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert ran == [0, 39]  # the one in flight, then the newest; none of the 38 in between
    assert shown == [39]  # the superseded first result is not shown


def test_a_failure_is_one_sentence_and_the_runner_goes_on(qtbot):
    runner = LatestJobRunner()
    failures, shown = [], []
    runner.failed.connect(failures.append)
    runner.succeeded.connect(shown.append)
    runner.submit(lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert failures == ["internal error (ZeroDivisionError: division by zero); please report it"]
    runner.submit(lambda: 42)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown == [42]
