"""Settings for the test suite: the same as production but with test-only conveniences."""

import os

os.environ.setdefault("PARKCARBON_TESTING", "1")
os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from parkcarbon.config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405 - speed
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
STATIC_ROOT = None  # tests serve app static files through finders; no collectstatic directory needed
# No persistent connections: the live-server thread of browser tests must not keep the test database open.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Tag this run's sessions so browser tests end only their own live-server sessions, never another run's.
    DATABASES["default"].setdefault("OPTIONS", {})["application_name"] = f"parkcarbon-tests-{os.getpid()}"  # noqa: F405

import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="parkcarbon-test-media-"))  # noqa: F405 - uploads never land in the work tree
