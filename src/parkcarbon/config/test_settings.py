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
