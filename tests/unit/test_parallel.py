"""Forked workers (campaignsite.parallel): results, and a quiet end under the preview's signal handlers."""
from __future__ import annotations

import subprocess
import sys

from tests.helpers import REPO

# The preview turns SIGTERM into KeyboardInterrupt; workers forked from it are stopped with SIGTERM when the work is
# done. They must end quietly, not print a traceback each.
UNDER_THE_PREVIEWS_HANDLERS = """
import signal, sys, time
from campaignsite import parallel

def stop(signum, frame):
    raise KeyboardInterrupt

signal.signal(signal.SIGTERM, stop)
results = sorted(parallel.Workers(lambda number: number * number, 2, 6).results())
time.sleep(0.5)  # the stopped workers would print their tracebacks by now
print(results)
"""


def test_workers_give_every_result_and_end_quietly_under_the_previews_signal_handlers():
    finished = subprocess.run([sys.executable, "-c", UNDER_THE_PREVIEWS_HANDLERS], capture_output=True, text=True,
                              timeout=60, cwd=REPO)
    assert finished.returncode == 0
    assert finished.stdout == "[0, 1, 4, 9, 16, 25]\n"
    assert finished.stderr == ""
