"""Task functions for the pool tests. They run in spawned worker processes, so they live in a
module of their own that the workers can import."""

import os
import time


def square(n):
    return n * n


def misbehave(task):
    """'sleep' hangs past any deadline, 'exit' kills the process, 'raise' raises; else echoes."""
    if task == "sleep":
        time.sleep(3600)
    if task == "exit":
        os._exit(3)
    if task == "raise":
        raise ValueError("texte du contrat : ne doit pas fuiter")
    return task


def pid(_task):
    return os.getpid()
