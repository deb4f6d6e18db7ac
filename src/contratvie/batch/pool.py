"""A pool of long-lived worker processes in which every task has a deadline.

concurrent.futures cannot stop one running task, and multiprocessing.Pool hangs when a worker
dies. Here each worker has its own pipe; the parent waits on the pipes and the process sentinels
with a timeout, kills a worker that passes its task's deadline and starts a fresh one. A worker
that dies (crash, out of memory) fails only its own task. Workers run the initializer once
(loading the rules), then serve tasks one at a time until the parent closes their pipe.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import wait
from typing import Any, Callable, Iterable, Iterator

from contratvie.errors import ContratvieError

# Spawned workers start from a fresh interpreter: no lock inherited from the parent's threads
# (the progress bar refreshes from a thread), the same behaviour on every platform.
_CONTEXT = multiprocessing.get_context("spawn")
# Time a worker may take to start and run its initializer before it counts as broken.
START_TIMEOUT = 120.0


@dataclass
class Outcome:
    """What became of one task: its value, or why it failed (French)."""

    task: Any
    ok: bool
    value: Any = None
    reason: str = ""
    kind: str = ""  # "" when ok; "timeout", "crash" or "error" otherwise
    seconds: float = 0.0


def _worker_main(conn, initializer, initargs, func) -> None:
    # Ctrl-C is the parent's business: it stops the workers itself and writes what is finished.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        if initializer is not None:
            initializer(*initargs)
    except ContratvieError as error:
        conn.send(("init-error", error.message))
        return
    except Exception as error:  # noqa: BLE001 - reported by type only, never with its text
        conn.send(("init-error", f"erreur inattendue ({type(error).__name__})"))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):  # the parent is gone
            return
        if task is None:
            return
        try:
            message = ("ok", func(task))
        except Exception as error:  # noqa: BLE001 - its text may quote the contract
            message = ("error", f"erreur inattendue ({type(error).__name__})")
        try:
            conn.send(message)
        except Exception as error:  # noqa: BLE001 - e.g. a value that does not pickle
            conn.send(("error", f"erreur inattendue ({type(error).__name__})"))


class _Worker:
    def __init__(self, initializer, initargs, func):
        self.conn, child = _CONTEXT.Pipe()
        self.process = _CONTEXT.Process(
            target=_worker_main, args=(child, initializer, initargs, func), daemon=True
        )
        self.process.start()
        child.close()
        self.ready = False
        self.started = time.monotonic()
        self.task: Any = None
        self.deadline = 0.0
        self.began = 0.0

    @property
    def busy(self) -> bool:
        return self.task is not None

    def submit(self, task: Any, timeout: float) -> None:
        self.task = task
        self.began = time.monotonic()
        self.deadline = self.began + timeout
        self.conn.send(task)

    def receive(self) -> tuple[str, Any] | None:
        """The worker's message, or None when it died without one."""
        try:
            if self.conn.poll():
                return self.conn.recv()
        except (EOFError, OSError):
            pass
        return None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        self.kill()


class IsolatedPool:
    """Run func(task) in `jobs` worker processes, each task within `timeout` seconds.

    Use as a context manager; `run` yields an Outcome per task as tasks finish. Leaving the
    context (normally, on error or on Ctrl-C) stops every worker.
    """

    def __init__(self, func: Callable[[Any], Any], jobs: int, timeout: float,
                 initializer: Callable | None = None, initargs: tuple = ()):
        self.func, self.jobs, self.timeout = func, max(1, jobs), timeout
        self.initializer, self.initargs = initializer, initargs
        self.workers: list[_Worker] = []

    def __enter__(self) -> "IsolatedPool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for worker in self.workers:
            if worker.busy or not worker.ready:
                worker.kill()
            else:
                worker.stop()
        self.workers = []

    def _spawn(self) -> _Worker:
        worker = _Worker(self.initializer, self.initargs, self.func)
        self.workers.append(worker)
        return worker

    def _replace(self, worker: _Worker, needed: bool) -> None:
        worker.kill()
        self.workers.remove(worker)
        if needed:
            self._spawn()

    def run(self, tasks: Iterable[Any]) -> Iterator[Outcome]:
        pending = deque(tasks)
        for _ in range(min(self.jobs, len(pending))):
            self._spawn()
        while pending or any(w.busy for w in self.workers):
            for worker in self.workers:
                if worker.ready and not worker.busy and pending:
                    worker.submit(pending.popleft(), self.timeout)
            self._wait()
            now = time.monotonic()
            for worker in list(self.workers):
                outcome = self._check(worker, now, bool(pending))
                if outcome is not None:
                    yield outcome

    def drain(self) -> Iterator[Outcome]:
        """Outcomes already sent by the workers but not read yet (after Ctrl-C): not lost."""
        for worker in list(self.workers):
            if worker.busy and worker.ready:
                message = worker.receive()
                if message is not None and message[0] == "ok":
                    task, worker.task = worker.task, None
                    yield Outcome(task, True, value=message[1], seconds=time.monotonic() - worker.began)

    def _wait(self) -> None:
        deadlines = [w.deadline if w.busy else w.started + START_TIMEOUT
                     for w in self.workers if w.busy or not w.ready]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        wait(handles, timeout)

    def _check(self, worker: _Worker, now: float, needed: bool) -> Outcome | None:
        """Collect what one worker has to say; kill and replace it when late or dead."""
        alive = worker.process.is_alive()
        message = worker.receive()
        if not worker.ready:
            if message is not None and message[0] == "ready":
                worker.ready = True
            elif message is not None or not alive or now > worker.started + START_TIMEOUT:
                reason = message[1] if message else "le processus d'audit n'a pas pu démarrer"
                worker.kill()
                raise ContratvieError(f"impossible de démarrer les processus d'audit : {reason}.")
            return None
        if not worker.busy:
            if not alive:  # an idle worker that died: replace it quietly
                self._replace(worker, needed)
            return None
        task, seconds = worker.task, now - worker.began
        if message is not None:
            worker.task = None
            status, value = message
            if status == "ok":
                return Outcome(task, True, value=value, seconds=seconds)
            return Outcome(task, False, reason=value, kind="error", seconds=seconds)
        if not alive:
            code = worker.process.exitcode
            self._replace(worker, needed)
            return Outcome(task, False, kind="crash", seconds=seconds,
                           reason=f"le processus d'audit s'est arrêté brutalement (code {code})")
        if now > worker.deadline:
            self._replace(worker, needed)
            return Outcome(task, False, kind="timeout", seconds=seconds,
                           reason=f"délai dépassé ({self.timeout:g} s)")
        return None

