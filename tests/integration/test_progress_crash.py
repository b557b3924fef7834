"""Kill a writer process at moments spread across one measured write: no acknowledged answer is ever lost."""

import os
import random
import signal
import time

import pytest

from widgets.store.progress import ProgressStore

pytestmark = pytest.mark.slow  # kills a writer process 60 times (not in `make check`)

KILLS = 60


def _writer(directory, k: int, ack: int) -> None:
    """In the forked child: answer forever, writing the number of each answer to `ack` once record() returned."""
    try:
        store = ProgressStore(directory)
        i = 0
        while True:
            store.record("C", f"C/k{k}-{i}", ["a"], True)
            os.write(ack, f"{i}\n".encode())
            i += 1
    finally:
        os._exit(1)


def _read_all(fd: int) -> bytes:
    out = b""
    while chunk := os.read(fd, 4096):
        out += chunk
    return out


def test_killed_writer_loses_no_acknowledged_answer_and_leaves_no_files(tmp_path, capsys):
    store = ProgressStore(tmp_path)
    t = time.perf_counter()
    for i in range(20):
        store.record("M", f"M/m{i}", ["a"], True)
    write = (time.perf_counter() - t) / 20  # the measured time of one answer
    rng = random.Random(12)
    inside = 0
    for k in range(KILLS):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(r)
            _writer(str(tmp_path), k, w)
        os.close(w)
        first = b""
        while b"\n" not in first:  # the child is in its write loop
            first += os.read(r, 64)
        time.sleep(write * (k + rng.random()) / KILLS)  # kill moments spread over one write
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        acked = len((first + _read_all(r)).splitlines())
        os.close(r)
        inside += (tmp_path / "progress.db-journal").exists()  # killed between BEGIN and COMMIT
        saved = [
            a["question"] for a in ProgressStore(tmp_path).load()["attempts"] if a["question"].startswith(f"C/k{k}-")
        ]
        assert saved[:acked] == [f"C/k{k}-{i}" for i in range(acked)]  # every acknowledged answer, in order
        assert len(saved) - acked in (0, 1)  # plus at most the one in flight
        assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.db"]
    with capsys.disabled():
        print(f"\ncrash test: {KILLS} kills over a {write * 1000:.1f} ms write, {inside} inside a transaction")
    assert inside >= KILLS // 10
