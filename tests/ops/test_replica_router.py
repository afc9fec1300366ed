"""The read replica (DATABASE_REPLICA_URL): off unless set; dashboards and report previews read from it on GET, every
other read and every write uses the primary."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory, override_settings

from parkcarbon.ops import router
from parkcarbon.ops.middleware import ReplicaMiddleware

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
WITH_REPLICA = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
                "replica": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}


pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


def test_router_reads_the_primary_unless_asked_and_configured():
    r = router.ReplicaRouter()
    with router.replica_reads():
        assert r.db_for_read(None) == "default"  # no replica configured (the default)
    with override_settings(DATABASES=WITH_REPLICA):
        assert r.db_for_read(None) == "default"
        with router.replica_reads():
            assert r.db_for_read(None) == "replica"
            assert r.db_for_write(None) == "default"
        assert r.db_for_read(None) == "default"
        assert r.allow_migrate("default", "parks") and not r.allow_migrate("replica", "parks")


def seen_by(method: str, view_name: str) -> tuple[bool, bool]:
    """(replica flag inside the view, flag after the response) for a request to ``view_name``."""
    inside = []

    def view_chain(request):
        middleware.process_view(request, None, (), {})
        inside.append(router.reading_replica.get())
        return "response"

    middleware = ReplicaMiddleware(view_chain)
    request = getattr(RequestFactory(), method.lower())("/")
    request.user = AnonymousUser()
    request.resolver_match = type("Match", (), {"view_name": view_name})()
    middleware(request)
    return inside[0], router.reading_replica.get()


@override_settings(DATABASES=WITH_REPLICA, PARKCARBON_REPLICA_VIEWS={"home", "reports:preview"})
def test_middleware_routes_only_listed_views_on_get():
    assert seen_by("GET", "home") == (True, False)
    assert seen_by("GET", "reports:preview") == (True, False)
    assert seen_by("POST", "home") == (False, False)  # a write's view reads its own writes from the primary
    assert seen_by("GET", "inventory:edit") == (False, False)


def test_middleware_is_inert_without_a_replica():
    with override_settings(PARKCARBON_REPLICA_VIEWS={"home"}):
        assert seen_by("GET", "home") == (False, False)


SCRIPT = """
import django; django.setup()
from django.db import connections
from django.test import Client
from parkcarbon.accounts.models import User
seen = {"default": 0, "replica": 0}
def counter(alias):
    def wrapper(execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("SELECT"):
            seen[alias] += 1
        return execute(sql, params, many, context)
    return wrapper
client = Client()
client.force_login(User.objects.get(username="admin"))
for url in ("/", "/accounting/"):
    seen.update(default=0, replica=0)
    with connections["default"].execute_wrapper(counter("default")), \\
            connections["replica"].execute_wrapper(counter("replica")):
        status = client.get(url, HTTP_HOST="127.0.0.1").status_code
    print(url, status, seen["default"] > 0, seen["replica"] > 0)
"""


def test_dashboard_reads_from_the_replica_end_to_end(tmp_path):
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "1",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'primary.sqlite3'}", "LOG_LEVEL": "ERROR",
           "DJANGO_SETTINGS_MODULE": "parkcarbon.config.settings"}

    def run(*args, **extra):
        done = subprocess.run(args, env=env | extra, cwd=tmp_path, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    run(PARKCARBON, "migrate", "-v0")
    run(sys.executable, "-c", "import django; django.setup(); from parkcarbon.accounts.models import User; "
        "from parkcarbon.accounts.models import Membership; "
        "Membership.objects.create(user=User.objects.create_user('admin', 'a@example.com', 'Pw-123456789', "
        "is_staff=True), role='platform_admin')")
    shutil.copy(tmp_path / "primary.sqlite3", tmp_path / "replica.sqlite3")  # a replica: the same data
    out = run(sys.executable, "-c", SCRIPT, DATABASE_REPLICA_URL=f"sqlite:///{tmp_path / 'replica.sqlite3'}")
    lines = out.strip().splitlines()[-2:]
    # the dashboard (home): session and user from the primary, the page's own reads from the replica
    assert lines[0] == "/ 200 True True"
    # the inventory list is not a replica view
    assert lines[1].split()[2:] == ["True", "False"]
