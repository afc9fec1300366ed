"""Production settings from the environment (issue #22): connection pooling, Redis, object storage, the task
queue, a read replica, structured logs, metrics. Pure functions of ``os.environ`` so each is testable on its own;
settings.py applies them. Nothing here changes the embedded default (SQLite, local files, database task worker)."""

from __future__ import annotations

import dj_database_url

RQ_BACKEND = "django_tasks_rq.RQBackend"
DB_BACKEND = "django_tasks_db.DatabaseBackend"


def env_bool(env, name: str, default: bool = False) -> bool:
    return env.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def pooled(database: dict, env) -> dict:
    """PostgreSQL through psycopg 3's pool (Django's ``pool`` option): each process keeps a few open connections
    instead of one per request. Pooling replaces persistent connections (CONN_MAX_AGE must be 0).
    DATABASE_POOL=0 switches it off (e.g. behind PgBouncer in transaction mode)."""
    if database["ENGINE"] != "django.db.backends.postgresql" or not env_bool(env, "DATABASE_POOL", True):
        return database
    database["CONN_MAX_AGE"] = 0
    database.setdefault("OPTIONS", {})["pool"] = {
        "min_size": int(env.get("DATABASE_POOL_MIN_SIZE", 1)),
        "max_size": int(env.get("DATABASE_POOL_MAX_SIZE", 4)),
        "timeout": int(env.get("DATABASE_POOL_TIMEOUT", 10)),
    }
    return database


def replica(env) -> dict | None:
    """The read replica (DATABASE_REPLICA_URL) that dashboards and reports read from; None when unset."""
    url = env.get("DATABASE_REPLICA_URL", "").strip()
    if not url:
        return None
    database = pooled(dj_database_url.parse(url), env)
    database["TEST"] = {"MIRROR": "default"}  # tests see the primary's data through it
    return database


def redis_cache(env) -> dict | None:
    """CACHES and SESSION_ENGINE when REDIS_URL is set: one cache for every process (API rate limits, login
    throttling counts and sessions are then shared). Sessions are cached_db: read from Redis, kept in the database,
    so flushing Redis logs nobody out."""
    url = env.get("REDIS_URL", "").strip()
    if not url:
        return None
    return {
        "CACHES": {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
                               "KEY_PREFIX": env.get("CACHE_KEY_PREFIX", "parkcarbon")}},
        "SESSION_ENGINE": "django.contrib.sessions.backends.cached_db",
    }


def storages(env) -> dict:
    """STORAGES: uploaded and generated files in a local folder (MEDIA_ROOT) by default, in S3-compatible object
    storage (django-storages) when AWS_STORAGE_BUCKET_NAME is set. Files are never public: the app streams them
    after its permission check, so the bucket stays private (no querystring URLs are handed out)."""
    default = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = env.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if bucket:
        options = {"bucket_name": bucket, "default_acl": "private", "file_overwrite": False,
                   "location": env.get("AWS_LOCATION", "")}
        for option, name in (("endpoint_url", "AWS_S3_ENDPOINT_URL"), ("region_name", "AWS_S3_REGION_NAME"),
                             ("access_key", "AWS_ACCESS_KEY_ID"), ("secret_key", "AWS_SECRET_ACCESS_KEY")):
            if env.get(name):
                options[option] = env[name]
        default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {"default": default,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def tasks(env) -> tuple[dict, dict | None]:
    """(TASKS, RQ_QUEUES). TASKS_BACKEND=rq (or the dotted path) runs tasks on RQ workers through Redis
    (RQ_REDIS_URL, else REDIS_URL), so workers can run on other machines; the default is the database backend."""
    backend = env.get("TASKS_BACKEND", DB_BACKEND).strip()
    if backend.lower() == "rq":
        backend = RQ_BACKEND
    queues = None
    if backend == RQ_BACKEND:
        url = env.get("RQ_REDIS_URL", env.get("REDIS_URL", "")).strip()
        if not url:
            raise ValueError("TASKS_BACKEND=rq needs RQ_REDIS_URL or REDIS_URL")
        queues = {"default": {"URL": url, "DEFAULT_TIMEOUT": int(env.get("PARKCARBON_TASK_TIMEOUT_SECONDS", 900)) + 60}}
    return {"default": {"BACKEND": backend, "QUEUES": ["default"]}}, queues


def logging_config(env) -> dict:
    """One JSON object per line on stderr (LOG_FORMAT=json, the default outside DEBUG) carrying the request id,
    or Django's plain text (LOG_FORMAT=text)."""
    fmt = env.get("LOG_FORMAT", "text" if env_bool(env, "DEBUG") else "json")
    handler = {"class": "logging.StreamHandler", "filters": ["request_id"]}
    if fmt == "json":
        handler["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "parkcarbon.ops.logs.RequestIdFilter"}},
        "formatters": {"json": {"()": "parkcarbon.ops.logs.JsonFormatter"}},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": env.get("LOG_LEVEL", "WARNING")},
        # one line per request in production; with DEBUG the development server prints its own
        "loggers": {"parkcarbon.requests": {"level": env.get("REQUEST_LOG_LEVEL", "WARNING" if env_bool(env, "DEBUG")
                                                              else "INFO"), "propagate": True}},
    }
