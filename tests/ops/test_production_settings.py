"""Production settings come from the environment (issue #22): each case runs in a fresh interpreter with exactly
the given environment, as a process manager would start one."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
PRODUCTION = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "parkcarbon.example",
    "CSRF_TRUSTED_ORIGINS": "https://parkcarbon.example",
    "DATABASE_URL": "postgres://app@db.internal:5432/parkcarbon",
    "DATABASE_REPLICA_URL": "postgres://app@replica.internal:5432/parkcarbon",
    "REDIS_URL": "redis://cache.internal:6379/0",
    "RQ_REDIS_URL": "redis://cache.internal:6379/1",
    "TASKS_BACKEND": "rq",
    "AWS_STORAGE_BUCKET_NAME": "parkcarbon-files",
    "AWS_S3_ENDPOINT_URL": "https://s3.internal:9000",
    "BEHIND_HTTPS_PROXY": "1",
    "TRUSTED_PROXY_COUNT": "1",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
    "EMAIL_HOST": "smtp.internal",
}

DUMP = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "db": settings.DATABASES["default"], "replica": settings.DATABASES.get("replica"),
    "cache": settings.CACHES["default"]["BACKEND"], "session": settings.SESSION_ENGINE,
    "storage": settings.STORAGES["default"], "tasks": settings.TASKS["default"]["BACKEND"],
    "rq": getattr(settings, "RQ_QUEUES", None), "apps": settings.INSTALLED_APPS,
    "axes_ip": settings.AXES_CLIENT_IP_CALLABLE, "proxies": settings.TRUSTED_PROXY_COUNT,
    "log_formatter": settings.LOGGING["handlers"]["console"].get("formatter"),
}, default=str))
"""


def run(env: dict, *args, cwd=None) -> subprocess.CompletedProcess:
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"),
            "DJANGO_SETTINGS_MODULE": "parkcarbon.config.settings"}
    return subprocess.run(args, env=base | env, cwd=cwd, capture_output=True, text=True, timeout=120)


def settings_for(env: dict, tmp_path) -> dict:
    done = run(env, sys.executable, "-c", DUMP, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_embedded_default_is_unchanged(tmp_path):
    found = settings_for({"DEBUG": "1"}, tmp_path)
    assert found["db"]["ENGINE"] == "django.db.backends.sqlite3" and "pool" not in found["db"]["OPTIONS"]
    assert found["db"]["NAME"] == str(tmp_path / "parkcarbon.sqlite3")
    assert found["replica"] is None
    assert found["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert found["session"] == "django.contrib.sessions.backends.db"
    assert found["storage"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert found["tasks"] == "django_tasks_db.DatabaseBackend" and found["rq"] is None
    assert "django_rq" not in found["apps"]
    assert found["proxies"] == 0 and found["log_formatter"] is None  # DEBUG: plain text logs


def test_production_environment(tmp_path):
    found = settings_for(PRODUCTION, tmp_path)
    db = found["db"]
    assert db["ENGINE"] == "django.db.backends.postgresql" and db["HOST"] == "db.internal"
    assert db["CONN_MAX_AGE"] == 0  # pooling replaces persistent connections
    assert db["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 4, "timeout": 10}
    assert found["replica"]["HOST"] == "replica.internal" and "pool" in found["replica"]["OPTIONS"]
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    assert found["storage"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert found["storage"]["OPTIONS"]["bucket_name"] == "parkcarbon-files"
    assert found["storage"]["OPTIONS"]["default_acl"] == "private"
    assert found["storage"]["OPTIONS"]["endpoint_url"] == "https://s3.internal:9000"
    assert found["tasks"] == "django_tasks_rq.RQBackend" and "django_rq" in found["apps"]
    assert found["rq"]["default"]["URL"] == "redis://cache.internal:6379/1"
    assert found["axes_ip"] == "parkcarbon.ops.client.client_ip" and found["proxies"] == 1
    assert found["log_formatter"] == "json"


def test_pool_can_be_switched_off_for_pgbouncer(tmp_path):
    found = settings_for(PRODUCTION | {"DATABASE_POOL": "0"}, tmp_path)
    assert "pool" not in found["db"].get("OPTIONS", {})


def test_rq_without_redis_is_refused(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k not in ("REDIS_URL", "RQ_REDIS_URL")}
    done = run(env, sys.executable, "-c", DUMP, cwd=tmp_path)
    assert done.returncode != 0 and "TASKS_BACKEND=rq needs RQ_REDIS_URL or REDIS_URL" in done.stderr


def test_check_deploy_passes_with_production_settings(tmp_path):
    done = run(PRODUCTION, PARKCARBON, "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_check_deploy_fails_on_a_half_configured_production(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_HOST"} | {"SECURE_COOKIES": "0"}
    done = run(env, PARKCARBON, "check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path)
    assert done.returncode != 0
    assert "security.W012" in done.stderr and "mail.E001" in done.stderr


@pytest.mark.parametrize("value", ["rq", "django_tasks_rq.RQBackend"])
def test_tasks_backend_shortcut(tmp_path, value):
    assert settings_for(PRODUCTION | {"TASKS_BACKEND": value}, tmp_path)["tasks"] == "django_tasks_rq.RQBackend"
