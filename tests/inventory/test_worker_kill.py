"""A real task worker (``parkcarbon db_worker``, database task backend, a file database) is killed with SIGKILL while
saving an upload and again while generating a report. The next worker start fails both with a reason the user sees,
nothing of the upload was saved, and the user retries both to success."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ROWS = 8000
LEASE = 2  # seconds: a killed worker's tasks are reaped this long after its last heartbeat

SETTINGS = f"""
import os
from pathlib import Path
from parkcarbon.config.test_settings import *  # noqa
TASKS = {{"default": {{"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}}}
MEDIA_ROOT = Path(os.environ["KILL_TEST_MEDIA"])
PARKCARBON_TASK_LEASE_SECONDS = {LEASE}
"""


@pytest.fixture
def env(tmp_path):
    (tmp_path / "kill_settings.py").write_text(SETTINGS)
    (tmp_path / "media").mkdir()
    db = tmp_path / "kill.sqlite3"
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "kill_settings", "DATABASE_URL": f"sqlite:///{db}",
               "KILL_TEST_MEDIA": str(tmp_path / "media"), "PYTHONPATH": f"{tmp_path}:{ROOT}"}
    return environ, db


def harness(environ, *args) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.inventory.worker_harness", *map(str, args)], env=environ,
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def worker(environ, *extra) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "parkcarbon", "db_worker", "--interval", "0.1",
                             "--no-startup-delay", *extra], env=environ, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for(db: Path, sql: str, params=(), timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with sqlite3.connect(db, timeout=5) as conn:
                if conn.execute(sql, params).fetchone():
                    return
        except sqlite3.OperationalError:
            pass  # locked by the worker for a moment
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for: {sql}")


def kill_when(db: Path, proc: subprocess.Popen, sql: str, params) -> None:
    try:
        wait_for(db, sql, params)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(10)


def test_a_worker_killed_mid_import_and_mid_report(env):
    environ, db = env
    ids = harness(environ, "setup", ROWS)
    # 1. Killed while saving the upload (its limited child process goes with it).
    kill_when(db, worker(environ), "SELECT 1 FROM inventory_pendingimport WHERE id=? AND status='applying' "
                                   "AND lease_until IS NOT NULL", [ids["import"]])
    time.sleep(LEASE + 0.5)
    # 2. The next worker start fails the upload; killed while generating the report.
    kill_when(db, worker(environ), "SELECT 1 FROM reports_report WHERE id=? AND status='running'", [ids["report"]])
    time.sleep(LEASE + 0.5)
    subprocess.run([sys.executable, "-m", "parkcarbon", "reap_tasks"], env=environ, cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    state = harness(environ, "state")
    assert [(i["status"], i["failure"]) for i in state["imports"]] == [("failed", "worker_died")]
    assert [(r["status"], r["failure"]) for r in state["reports"]] == [("failed", "worker_died")]
    assert state["lines"] == {"1": 1}  # no partial rows: only the manual version
    # 3. The user sees why and retries both; a worker finishes them.
    answer = harness(environ, "retry", ids["import"], ids["report"])
    assert answer["import_page_reason"] and answer["report_page_reason"]
    assert answer["import_retry"] == 302 and answer["report_retry"] == 302 and answer["new_report"]
    worker(environ, "--batch").wait(300)
    assert harness(environ, "state")["imports"][0]["status"] == "valid"  # checked again; saving needs a new yes
    assert harness(environ, "confirm", ids["import"])["status"] == 302
    worker(environ, "--batch").wait(300)
    state = harness(environ, "state")
    assert [(i["status"], i["attempts"]) for i in state["imports"]] == [("applied", 3)]
    assert [r["status"] for r in state["reports"]] == ["failed", "done"]
    assert state["lines"] == {"1": 1, "2": ROWS}
