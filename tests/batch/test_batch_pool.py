"""The isolated pool: a hung, crashing or failing task never stops the others."""

from batch_toys import misbehave, pid, square

from contratvie.batch.pool import IsolatedPool


def run(func, tasks, jobs=2, timeout=30.0):
    with IsolatedPool(func, jobs, timeout) as pool:
        return list(pool.run(tasks))


def test_every_task_gets_its_value():
    outcomes = run(square, list(range(7)))
    assert sorted(o.value for o in outcomes) == [n * n for n in range(7)]
    assert all(o.ok for o in outcomes)


def test_workers_are_reused_across_tasks():
    outcomes = run(pid, list(range(6)), jobs=2)
    assert len({o.value for o in outcomes}) <= 2


def test_hung_task_is_killed_and_the_rest_goes_on():
    outcomes = run(misbehave, ["a", "sleep", "b", "c"], jobs=1, timeout=2.0)
    by_task = {o.task: o for o in outcomes}
    assert set(by_task) == {"a", "sleep", "b", "c"}
    assert by_task["sleep"].kind == "timeout"
    assert by_task["sleep"].reason == "délai dépassé (2 s)"
    assert [by_task[t].value for t in "abc"] == ["a", "b", "c"]


def test_crashing_worker_fails_only_its_task():
    outcomes = run(misbehave, ["exit", "a", "b"], jobs=1)
    by_task = {o.task: o for o in outcomes}
    assert by_task["exit"].kind == "crash"
    assert "arrêté brutalement" in by_task["exit"].reason
    assert by_task["a"].value == "a" and by_task["b"].value == "b"


def test_exception_is_reported_without_its_text():
    (outcome,) = run(misbehave, ["raise"], jobs=1)
    assert not outcome.ok
    assert outcome.reason == "erreur inattendue (ValueError)"
    assert "contrat" not in outcome.reason
