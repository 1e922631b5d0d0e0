"""Several desks on one PostgreSQL server, on loopback, and the server killed mid-run.

Load: 8 desk processes, each making 500 check-ins and 20 walk-ins, while an import of
all 4,000 people runs again and again (each one transaction that changes 200 of them).
Counted: errors, check-ins lost (a desk was told "checked
in" but the server has no arrival), walk-in ids handed out twice; timed: each check-in
from the call to its commit (median and 99th percentile).

Faults: the same desks work with their offline copy and journal; the server is killed
(``pg_ctl stop -m immediate``, as a crash) in the middle and started again two seconds
later. Counted afterwards: check-ins and walk-ins lost, ids twice, changes still waiting.
The server runs with fsync on, as a real one does.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import tempfile
import time
from pathlib import Path

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.services.sample import load_sample
from hildprint.core.store import ServerEventStore, open_store
from hildprint.core.store.offline import OfflineReadyStore

DESKS = 8
CHECK_INS = 500
WALK_INS = 20
PEOPLE = 4000


def _people(count: int, round_: int = -1) -> list[Attendee]:
    """Everyone registered; in import round ``round_``, one in twenty has a corrected
    affiliation (a different twentieth each round), as a registration export brings."""
    sample = load_sample().attendees
    return [Attendee(f"P{i:05d}", p.first_name, p.last_name, p.display_name,
                     p.affiliation + (f" ({round_})" if i % 20 == round_ % 20 else ""), p.role,
                     email=f"p{i}@example.org") for i, p in zip(range(count), sample * (count // len(sample) + 1))]


def _desk_run(url: str, number: int, folder: str | None, results) -> None:
    """One desk (a process of its own); what it did goes into ``results``."""
    try:
        results.put(_desk_work(url, number, folder))
    except Exception as error:
        results.put(([], [], [], [f"desk {number} did not start: {type(error).__name__}: {error}"], 0))


def _desk_work(url: str, number: int, folder: str | None) -> tuple:
    """Check in 500 people (random, so desks meet), a walk-in every 25th."""
    rng = random.Random(number)
    ids = [f"P{rng.randrange(PEOPLE):05d}" for _ in range(CHECK_INS)]
    store = OfflineReadyStore(url, Path(folder) / f"desk{number}") if folder else open_store(url)
    desk = Desk(store, f"desk {number}")
    latencies, walk_ins, checked, errors = [], [], [], []
    for n, attendee_id in enumerate(ids):
        started = time.perf_counter()
        try:
            desk.check_in_id(attendee_id)
            latencies.append((time.perf_counter() - started) * 1000)
            checked.append(attendee_id)
            if n % (CHECK_INS // WALK_INS) == 0:
                walk_ins.append(desk.walk_in(f"Walk In {number}-{n}").id)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
        if folder and n % 50 == 0:
            store.changed_elsewhere()  # what the window's watch does each half second
    if folder:
        deadline = time.monotonic() + 60
        while (store.offline or store.pending) and time.monotonic() < deadline:
            store.catch_up()
            time.sleep(0.5)
    outcome = (latencies, walk_ins, checked, errors, store.pending if folder else 0)
    store.close()
    return outcome


def _importer(url: str, stop) -> None:
    """Import everyone again and again (each import one transaction, 200 people changed)."""
    rounds = 0
    with open_store(url) as store:
        while not stop.is_set():
            try:
                store.upsert_attendees(_people(PEOPLE, rounds))
            except Exception:
                time.sleep(0.5)
            rounds += 1


def _run(server, url: str, folder: str | None, kill_after_s: float | None) -> dict[str, object]:
    context = multiprocessing.get_context("fork")
    results, stop = context.Queue(), context.Event()
    importer = context.Process(target=_importer, args=(url, stop), daemon=True)
    desks = [context.Process(target=_desk_run, args=(url, n, folder, results)) for n in range(DESKS)]
    started = time.perf_counter()
    importer.start()
    for process in desks:
        process.start()
    try:
        if kill_after_s is not None:
            time.sleep(kill_after_s)
            server.kill()
            print(f"  server killed after {kill_after_s:g} s; started again 2 s later", flush=True)
            time.sleep(2)
            server.start(fsync=True)
        gathered = [results.get(timeout=600) for _ in desks]
        for process in desks:
            process.join()
    finally:
        stop.set()
        importer.join(timeout=60)
    took = time.perf_counter() - started
    latencies = sorted(x for r in gathered for x in r[0])
    walk_ins = [i for r in gathered for i in r[1]]
    checked = {i for r in gathered for i in r[2]}
    errors = [e for r in gathered for e in r[3]]
    with open_store(url) as store:
        arrived = {p.id for p in store.attendees() if p.checked_in_at}
        stored_walk_ins = [p.id for p in store.attendees() if p.id.startswith("W")]
    return {
        "errors": len(errors), "first errors": errors[:3], "check-ins lost": len(checked - arrived),
        "walk-ins": len(walk_ins), "walk-ins lost": len(set(walk_ins) - set(stored_walk_ins)),
        "ids twice": len(walk_ins) - len(set(walk_ins)), "waiting": sum(r[4] for r in gathered),
        "median ms": statistics.median(latencies) if latencies else 0,
        "p99 ms": latencies[int(len(latencies) * 0.99)] if latencies else 0, "seconds": took,
    }


def main() -> dict[str, str]:
    """Run the load test and the fault test; print and return their figures."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.helpers.postgres import NoServer, start_server

    try:
        server = start_server(fsync=True)
    except NoServer as error:
        print(f"skipped: {error}")
        return {}
    figures: dict[str, str] = {}
    try:
        for name, offline, kill in (("load", False, None), ("server killed", True, 4.0)):
            url = server.new_database()
            with ServerEventStore.create(url, Event("Load test", "LOAD26", timezone="Asia/Seoul")) as store:
                store.upsert_attendees(_people(PEOPLE))
            with tempfile.TemporaryDirectory() as folder:
                result = _run(server, url, folder if offline else None, kill)
            line = (f"{DESKS} desks x {CHECK_INS} check-ins + {WALK_INS} walk-ins, import running: "
                    f"{result['errors']} errors, {result['check-ins lost']} check-ins lost, "
                    f"{result['walk-ins lost']} walk-ins lost, {result['ids twice']} ids twice, "
                    f"{result['waiting']} changes still waiting; check-in median {result['median ms']:.1f} ms, "
                    f"99th percentile {result['p99 ms']:.1f} ms; {result['seconds']:.1f} s")
            print(f"{name}: {line}")
            if result["first errors"]:
                print(f"  first errors: {result['first errors']}")
            figures[name] = line
    finally:
        server.stop()
    return figures


if __name__ == "__main__":
    main()
