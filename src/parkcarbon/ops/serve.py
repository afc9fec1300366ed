"""`parkcarbon serve` (gunicorn) and `parkcarbon worker` (the configured task backend's worker)."""

import argparse
import os
import sys
import tempfile


def gunicorn_argv(args: list[str], env=os.environ) -> list[str]:
    parser = argparse.ArgumentParser(prog="parkcarbon serve", description="Run the app server (gunicorn).")
    parser.add_argument("--bind", default=env.get("PARKCARBON_BIND", "127.0.0.1:8000"),
                        help="address:port or unix:/path (PARKCARBON_BIND; default 127.0.0.1:8000)")
    parser.add_argument("--workers", type=int, default=int(env.get("WEB_CONCURRENCY", 4)),
                        help="worker processes (WEB_CONCURRENCY; default 4)")
    parser.add_argument("--threads", type=int, default=int(env.get("PARKCARBON_THREADS", 1)),
                        help="threads per worker (PARKCARBON_THREADS; default 1)")
    parser.add_argument("--timeout", type=int, default=int(env.get("PARKCARBON_REQUEST_TIMEOUT", 60)),
                        help="seconds before a stuck request's worker is restarted (default 60)")
    opts, extra = parser.parse_known_args(args)
    return [sys.executable, "-m", "gunicorn", "parkcarbon.config.wsgi:application",
            "--bind", opts.bind, "--workers", str(opts.workers), "--threads", str(opts.threads),
            "--timeout", str(opts.timeout), "--graceful-timeout", "30",
            # a worker is replaced after some requests, so a slow leak never grows without bound
            "--max-requests", "2000", "--max-requests-jitter", "200",
            # the proxy's X-Forwarded-* are trusted from these addresses only (gunicorn's own default: 127.0.0.1)
            "--forwarded-allow-ips", env.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
            "--error-logfile", "-", *extra]


def serve(args: list[str]) -> int:
    argv = gunicorn_argv(args)
    if os.environ.get("PARKCARBON_METRICS", "").lower() in {"1", "true", "yes", "on"}:
        # prometheus-client's multiprocess mode: every worker writes its counts here, /metrics adds them up
        os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", tempfile.mkdtemp(prefix="parkcarbon-metrics-"))
    os.execv(sys.executable, argv)  # gunicorn takes this process's place (signals from systemd reach it)
    return 1  # not reached


def worker_argv(argv: list[str]) -> list[str]:
    """`parkcarbon worker [options]` → the backend's own worker command: `db_worker` for the database backend,
    `rqworker default` (django-rq, with the scheduler for deferred tasks) for RQ."""
    import django

    django.setup()
    from parkcarbon.ops.queue import uses_rq

    if uses_rq():
        return [argv[0], "rqworker", "default", "--job-class", "django_tasks_rq.Job", "--with-scheduler",
                *argv[2:]]
    return [argv[0], "db_worker", *argv[2:]]
