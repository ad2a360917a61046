"""Named points where a test may stop the tool dead, to prove that every step can be interrupted.

Takes: the name of a point the code has reached, and the environment variable CAMPAIGNSITE_FAULT.
Gives: nothing, unless CAMPAIGNSITE_FAULT names this point: then the process kills itself at once
(SIGKILL: no clean-up, no `finally`), exactly as a power cut or `kill -9` would stop it there.
Only tests set the variable; a point that is not named costs one lookup in the environment.
"""
from __future__ import annotations

import os
import signal

VARIABLE = "CAMPAIGNSITE_FAULT"


def reached(point: str) -> None:
    if os.environ.get(VARIABLE) == point:
        os.kill(os.getpid(), signal.SIGKILL)
