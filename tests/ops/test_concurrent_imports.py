"""Two task workers (RQ on Redis, real `parkcarbon worker` processes) save two uploads at the same time into
different inventories: both finish complete, every line of each file saved once. Needs Redis at 127.0.0.1:6379."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.ops.test_serve_and_worker import REDIS, redis_up

ROOT = Path(__file__).resolve().parents[2]
PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))
ROWS = 3000

SETUP = f"""
import django, json; django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from bench.accounting import workbook
from parkcarbon.accounts.models import Membership, User
from parkcarbon.inventory import imports
from parkcarbon.inventory.models import ImportStatus, Inventory, PendingImport
from parkcarbon.parks.demo import credit_code
from parkcarbon.parks.models import Enterprise, Park
park = Park.objects.create(name="园区", code="two", province="江苏", city="南通", level="industrial_park")
user = User.objects.create_user("reporter", password=None)
Membership.objects.create(user=user, role="park_admin", park=park)
ids = []
for n in (1, 2):
    ent = Enterprise.objects.create(park=park, name=f"企业{{n}}", credit_code=credit_code(f"t{{n}}", "320600"),
                                    industry_code="3120")
    inventory = Inventory.objects.create(park=park, enterprise=ent, year=2023, region="CN-JS")
    pending = PendingImport.objects.create(inventory=inventory, file=ContentFile(workbook({ROWS}), name=f"f{{n}}.xlsx"),
                                           file_name=f"f{{n}}.xlsx", status=ImportStatus.APPLYING, created_by=user,
                                           preview={{"energy": {{"lines": {ROWS}, "co2e": 1.0}}}})
    ids.append(pending.pk)
for pk in ids:  # both queued before any worker starts: the two workers take one each
    imports.apply_import.enqueue(pk)
print(json.dumps(ids))
"""
STATE = """
import django, json; django.setup()
from parkcarbon.inventory.models import ActivityLine, PendingImport
print(json.dumps([{"status": p.status, "failure": p.failure,
                   "lines": ActivityLine.objects.filter(version__inventory=p.inventory).count(),
                   "snapshot": p.inventory.snapshot.total_co2e > 0}
                  for p in PendingImport.objects.order_by("pk")]))
"""


@pytest.mark.skipif(not redis_up(), reason="no Redis at 127.0.0.1:6379")
def test_two_workers_save_two_uploads_at_once(tmp_path):
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "1", "LOG_LEVEL": "ERROR",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "media"),
           "REDIS_URL": REDIS, "TASKS_BACKEND": "rq", "DJANGO_SETTINGS_MODULE": "parkcarbon.config.settings",
           "PYTHONPATH": str(ROOT)}

    def run(*args):
        done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    run(PARKCARBON, "migrate", "-v0")
    run(sys.executable, "-c", SETUP)
    workers = [subprocess.Popen([PARKCARBON, "worker", "--burst", "--max-jobs", "1"], env=env, cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    logs = [w.communicate(timeout=600)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers), logs
    assert all("Job OK" in log for log in logs), logs  # each worker saved one upload
    state = json.loads(run(sys.executable, "-c", STATE))
    assert state == [{"status": "applied", "failure": "", "lines": ROWS, "snapshot": True}] * 2
    redis.Redis.from_url(REDIS).flushdb()
