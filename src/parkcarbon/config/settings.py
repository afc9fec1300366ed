"""Django settings. Everything that differs between machines comes from the environment:
DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS (comma separated), MEDIA_ROOT, TASKS_BACKEND."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "insecure-dev-key-change-me"  # noqa: S105 - refused below outside DEBUG


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
TESTING = env_bool("PARKCARBON_TESTING")
if not DEBUG and not TESTING and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production (DEBUG is off).")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
if DEBUG or TESTING:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_htmx",
    "django_tasks_db",
    "parkcarbon.common",
    "parkcarbon.parks",
    "parkcarbon.accounts",
    "parkcarbon.inventory",
    "parkcarbon.reports",
    "parkcarbon.verification",
    "parkcarbon.alerts",
    "parkcarbon.releases",  # factor library releases, restatement (#23)
    "parkcarbon.assets",  # carbon asset management (issue 18)
    "parkcarbon.benchmarking",  # benchmarks: benchmark library, product output, recommendations (#17)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "parkcarbon.common.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "parkcarbon.common.middleware.RequestSizeLimitMiddleware",  # before anything reads the body (CSRF reads POST)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "parkcarbon.config.urls"
WSGI_APPLICATION = "parkcarbon.config.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "parkcarbon.common.context_processors.navigation",
                "parkcarbon.alerts.context_processors.open_alerts",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{Path.cwd() / 'parkcarbon.sqlite3'}"), conn_max_age=60
    )
}
# SQLite as a real default: WAL lets readers work beside the one writer; IMMEDIATE takes the write lock when a
# transaction starts (a deferred one that later writes cannot wait for it: "database is locked" at once); the busy
# timeout (seconds) is how long a writer queues for the lock.
SQLITE_OPTIONS = {
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# zh-hans numbers with thousands separators (see the module). USE_THOUSAND_SEPARATOR stays off: it would also group
# years and ids ("2,023"); templates group quantities explicitly with intcomma or the shared |num filter.
FORMAT_MODULE_PATH = ["parkcarbon.config.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # project-wide CSS/JS and vendored libraries (htmx, ECharts)
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", Path.cwd() / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", Path.cwd() / "media"))
MEDIA_URL = "/media/"

# Uploads: hostile until proven otherwise. Bodies are bounded before they are read: a declared length over
# PARKCARBON_REQUEST_MAX_BYTES is refused unread (413); form fields by DATA_UPLOAD_MAX_MEMORY_SIZE; files by
# SizeLimitUploadHandler while they stream in. The proxy in front should refuse earlier (README: client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PARKCARBON_UPLOAD_MAX_BYTES = int(os.environ.get("PARKCARBON_UPLOAD_MAX_BYTES", 20 * 1024 * 1024))
PARKCARBON_REQUEST_MAX_BYTES = PARKCARBON_UPLOAD_MAX_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
FILE_UPLOAD_HANDLERS = [
    "parkcarbon.common.uploads.SizeLimitUploadHandler",  # refuses oversized files while they stream in
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail (alert notices): Django's mail settings from the environment. Without EMAIL_HOST mail is printed to the
# console (the demo); PARKCARBON_SITE_URL makes the links in a message absolute.
_EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
MAILERS = {"default": {
    "BACKEND": os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if _EMAIL_HOST
                              else "django.core.mail.backends.console.EmailBackend"),
    "OPTIONS": {"host": _EMAIL_HOST, "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""), "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS")} if _EMAIL_HOST else {},
}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ParkCarbon <noreply@localhost>")
PARKCARBON_SITE_URL = os.environ.get("PARKCARBON_SITE_URL", "http://127.0.0.1:8000")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-less meta tag; keep Django's default
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    # Production serves HTTPS (set SECURE_COOKIES=0 and SECURE_SSL_REDIRECT=0 only on a closed plain-HTTP network).
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    # Only the operator knows whether every subdomain serves HTTPS; both stay off unless set (check --deploy notes it).
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    if env_bool("BEHIND_HTTPS_PROXY"):  # the proxy terminates TLS and sets X-Forwarded-Proto
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (Django's CSP middleware): scripts only from our own static files (htmx, ECharts and
# ours; no inline script or on* handler anywhere), <style> elements only with the per-request nonce. Inline style
# *attributes* stay allowed: computed widths (progress bars) and ECharts tooltips use them; they cannot run code.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the platform never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Background tasks, quotas and housekeeping (common/jobs.py, common/quota.py). Each task runs under a time and memory
# limit and holds a lease renewed every quarter of PARKCARBON_TASK_LEASE_SECONDS; a task whose lease expired is
# failed by the reaper (its worker died). Housekeeping (reaper + prune of abandoned uploads) re-schedules itself in
# the task queue every PARKCARBON_HOUSEKEEPING_SECONDS while a worker runs: no cron needed.
PARKCARBON_TASK_TIMEOUT_SECONDS = int(os.environ.get("PARKCARBON_TASK_TIMEOUT_SECONDS", 900))
PARKCARBON_TASK_MEMORY_MB = int(os.environ.get("PARKCARBON_TASK_MEMORY_MB", 2048))
PARKCARBON_TASK_LEASE_SECONDS = int(os.environ.get("PARKCARBON_TASK_LEASE_SECONDS", 120))
PARKCARBON_MAX_ACTIVE_UPLOADS_PER_USER = int(os.environ.get("PARKCARBON_MAX_ACTIVE_UPLOADS_PER_USER", 3))
PARKCARBON_PARK_STORAGE_QUOTA_MB = int(os.environ.get("PARKCARBON_PARK_STORAGE_QUOTA_MB", 2048))
PARKCARBON_PRUNE_UPLOADS_DAYS = int(os.environ.get("PARKCARBON_PRUNE_UPLOADS_DAYS", 7))
PARKCARBON_HOUSEKEEPING_SECONDS = int(os.environ.get("PARKCARBON_HOUSEKEEPING_SECONDS", 600))

# REST API (parkcarbon.api, /api/v1/): django-ninja serves its docs page's assets from its own static files (no CDN).
# Requests per token and minute (429 beyond; the count lives in the cache: per process with the default
# local-memory cache, shared by every process when REDIS_URL is set).
INSTALLED_APPS += ["ninja", "parkcarbon.api"]
PARKCARBON_API_RATE_PER_MINUTE = int(os.environ.get("PARKCARBON_API_RATE_PER_MINUTE", 600))

# Carbon information disclosure (parkcarbon.disclosure): prepared, approved by a second person, published on a
# public page per park (/disclosure/<park code>/).
INSTALLED_APPS += ["parkcarbon.disclosure"]
# ---- Production deployment (issue #22, deploy): all from the environment, see config/production.py and
# deploy/README.md. Nothing here changes the embedded default (SQLite, local files, database task worker).
from parkcarbon.config import production  # noqa: E402

INSTALLED_APPS += ["parkcarbon.ops"]
MIDDLEWARE.insert(0, "parkcarbon.ops.middleware.OpsMiddleware")  # probes, request id, request log, metrics
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "parkcarbon.ops.middleware.ReplicaMiddleware")
if not TESTING or "DATABASE_POOL" in os.environ:  # the test runner's live-server threads keep no pool
    DATABASES["default"] = production.pooled(DATABASES["default"], os.environ)
_replica = production.replica(os.environ)
if _replica:
    DATABASES["replica"] = _replica
DATABASE_ROUTERS = ["parkcarbon.ops.router.ReplicaRouter"]
# Views whose GETs read from the replica when DATABASE_REPLICA_URL is set: dashboards and report previews.
PARKCARBON_REPLICA_VIEWS = {"home", "trials:front", "inventory:park", "inventory:preview", "reports:list", "reports:preview"}
_redis = production.redis_cache(os.environ)
if _redis:
    CACHES, SESSION_ENGINE = _redis["CACHES"], _redis["SESSION_ENGINE"]
STORAGES = production.storages(os.environ)
TASKS, _rq_queues = production.tasks(os.environ)
if _rq_queues:
    INSTALLED_APPS += ["django_rq"]
    RQ_QUEUES = _rq_queues
LOGGING = production.logging_config(os.environ)
# Behind N reverse proxies, the client address (login throttling, request log) is the N-th from the right of
# X-Forwarded-For (ops/client.py); 0 (default): the socket's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "parkcarbon.ops.client.client_ip"
PARKCARBON_METRICS = env_bool("PARKCARBON_METRICS")
PARKCARBON_METRICS_TOKEN = os.environ.get("PARKCARBON_METRICS_TOKEN", "")
# ---- end of production deployment
# Trial applications, review and trial periods (parkcarbon.trials, issue 21).
INSTALLED_APPS += ["parkcarbon.trials"]
TEMPLATES[0]["OPTIONS"]["context_processors"] += ["parkcarbon.trials.context_processors.trial_banner"]
PARKCARBON_TRIAL_DAYS = int(os.environ.get("PARKCARBON_TRIAL_DAYS", 90))
PARKCARBON_TRIAL_APPLY_LIMIT = int(os.environ.get("PARKCARBON_TRIAL_APPLY_LIMIT", 5))  # per address ...
PARKCARBON_TRIAL_APPLY_WINDOW_SECONDS = int(os.environ.get("PARKCARBON_TRIAL_APPLY_WINDOW_SECONDS", 3600))  # ... per hour
# Analysis (issue 17): the dashboard, forecasts and scenarios (parkcarbon.analysis, /analysis/).
INSTALLED_APPS += ["parkcarbon.analysis"]
