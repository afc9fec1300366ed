"""`parkcarbon serve` runs gunicorn with N workers; `parkcarbon worker` runs the configured backend's worker. The RQ
case needs the Redis at 127.0.0.1:6379 (database 7) and is skipped without it."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from parkcarbon.ops.serve import gunicorn_argv

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
REDIS = "redis://127.0.0.1:6379/7"


def env_for(tmp_path, **extra) -> dict:
    return {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media"), **extra}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_command_line():
    argv = gunicorn_argv(["--workers", "3", "--bind", "0.0.0.0:9000"], env={})
    assert argv[1:4] == ["-m", "gunicorn", "parkcarbon.config.wsgi:application"]
    assert argv[argv.index("--workers") + 1] == "3" and argv[argv.index("--bind") + 1] == "0.0.0.0:9000"
    defaults = gunicorn_argv([], env={"WEB_CONCURRENCY": "8", "PARKCARBON_BIND": "unix:/run/parkcarbon.sock"})
    assert defaults[defaults.index("--workers") + 1] == "8"
    assert defaults[defaults.index("--bind") + 1] == "unix:/run/parkcarbon.sock"


def test_serve_starts_workers_and_is_not_ready_before_migrations(tmp_path):
    port = free_port()
    proc = subprocess.Popen([PARKCARBON, "serve", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
                            env=env_for(tmp_path), cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    try:
        deadline, live = time.monotonic() + 60, None
        while time.monotonic() < deadline:
            try:
                live = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.3)
        assert live is not None and live.json() == {"status": "ok"}
        ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=10)
        # the database answers but the task table does not exist yet: not ready for traffic
        assert ready.status_code == 503 and ready.json()["checks"]["database"] == "ok"
        assert ready.json()["checks"]["queue"] == "unavailable"
        workers = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
        assert len(workers) == 2
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


SETUP = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from parkcarbon.parks.models import Park
from parkcarbon.reports.models import Report, State
from parkcarbon.common.jobs import housekeeping
park = Park.objects.create(name="园区", name_en="Park", code="p1", province="江苏省", city="南通市")
Report.objects.create(park=park, year=2024, template="park_inventory", language="zh-hans", status=State.RUNNING,
                      lease_until=timezone.now() - timedelta(minutes=5))
print("enqueued", housekeeping.enqueue().id)
"""
RESULT = """
import django; django.setup()
from parkcarbon.reports.models import Report
import django_rq
from rq.registry import FinishedJobRegistry
from parkcarbon.common.jobs import housekeeping
q = django_rq.get_queue("default")
done = FinishedJobRegistry(queue=q).get_job_ids()
print("result", housekeeping.get_backend().get_result(done[0]).return_value)
print("report", Report.objects.get().status, Report.objects.get().failure)
from django_tasks.signals import task_started  # django-tasks-rq sends the backport's signal
print("reaper before rq tasks", any(r[0][0] == "parkcarbon-reap-before-rq-task" for r in task_started.receivers))
"""


@pytest.mark.skipif(not redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_rq_worker_runs_tasks_and_the_reaper(tmp_path):
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    env = env_for(tmp_path, REDIS_URL=REDIS, TASKS_BACKEND="rq", DJANGO_SETTINGS_MODULE="parkcarbon.config.settings")
    for args in ([PARKCARBON, "migrate", "-v0"], [sys.executable, "-c", SETUP],
                 [PARKCARBON, "worker", "--burst"], [sys.executable, "-c", RESULT]):
        done = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
    # the worker start reaped the report whose worker died; the housekeeping task ran on RQ
    assert "result reaped 0, pruned 0" in done.stdout
    assert "report failed worker_died" in done.stdout
    assert "reaper before rq tasks True" in done.stdout
    redis.Redis.from_url(REDIS).flushdb()
