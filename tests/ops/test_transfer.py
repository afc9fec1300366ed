"""Moving a park between installations (export_park / import_park): the registry covers every model, the demo park
survives SQLite -> PostgreSQL (or SQLite when no PostgreSQL answers) record for record, bad archives are refused and
a failed import leaves nothing behind."""

import io
import json
import os
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from parkcarbon.ops import transfer
from parkcarbon.parks.models import Enterprise, Park

PARKCARBON = str(Path(sys.executable).with_name("parkcarbon"))


def test_every_project_model_is_exported_or_excluded_with_a_reason():
    chosen, excluded = transfer.declared()
    chosen_labels = {m._meta.label for m in chosen}
    missing = [m._meta.label for m in apps.get_models()
               if m.__module__.startswith("parkcarbon.") and not m._meta.abstract
               and m._meta.label not in chosen_labels and m._meta.label not in excluded]
    assert not missing, f"declare these in their app's park_data or park_data_excluded: {missing}"
    assert all(reason.strip() for reason in excluded.values())
    assert not chosen_labels & set(excluded)
    for model in chosen:  # each has a way to its park (or is the history of one that does)
        assert transfer.park_path(model) or transfer.base_of(model) or model._meta.label == transfer.USER


# ------------------------------------------------------------------------------------------- comparing archives

def archive_rows(data: bytes) -> tuple[dict, dict, dict]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = json.loads(z.read("manifest.json"))
        rows = {label: sorted(json.loads(z.read(f"data/{label}.json")), key=lambda r: r["pk"])
                for label in manifest["models"]}
        files = {name: z.read(f"files/{name}") for name in manifest["files"]}
    return manifest, rows, files


def canonical(rows: dict, files: dict) -> dict:
    """Every record with its primary key and references replaced by ranks (pk order), so two installations'
    archives compare equal exactly when they hold the same records; files compared by content."""
    rank = {label: {r["pk"]: i for i, r in enumerate(rs)} for label, rs in rows.items()}
    out = {}
    for label, rs in rows.items():
        model = apps.get_model(label)
        base = transfer.base_of(model)
        refs = {f.attname: f.related_model._meta.label for f in model._meta.concrete_fields
                if f.is_relation and not f.primary_key}
        m2m = {f.name: f.related_model._meta.label for f in model._meta.many_to_many}
        records = []
        for r in rs:
            fields = dict(r["fields"])
            for name, target in refs.items():
                if target in rank:
                    fields[name] = rank[target].get(fields[name])
            for name, target in m2m.items():
                if target in rank:
                    fields[name] = sorted(rank[target][pk] for pk in fields[name])
            if base is not None:
                fields["id"] = rank.get(base._meta.label, {}).get(fields["id"], "deleted")
            for f in transfer.file_fields(model):
                if fields[f.attname]:
                    fields[f.attname] = files[fields[f.attname]]
            records.append(fields)
        out[label] = records
    return out


def assert_same_park(first: bytes, second: bytes):
    m1, rows1, files1 = archive_rows(first)
    m2, rows2, files2 = archive_rows(second)
    assert m1["models"] == m2["models"] and m1["park"] == m2["park"]
    c1, c2 = canonical(rows1, files1), canonical(rows2, files2)
    for label in c1:
        assert c1[label] == c2[label], label


# ------------------------------------------------------------------------------------------- round trip

def postgres_url() -> str | None:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            pass
    except OSError:
        return None
    name = f"transfer_rt_{os.getpid()}"
    done = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c", f"CREATE DATABASE {name}"],
                          capture_output=True, text=True)
    return f"postgres://postgres@127.0.0.1:5432/{name}" if done.returncode == 0 else None


EVIDENCE = """
import django; django.setup()
from django.core.files.base import ContentFile
from parkcarbon.inventory.models import ActivityLine
line = ActivityLine.objects.filter(version__inventory__park__code="demo-etdz").order_by("pk").first()
line.evidence.save("meter-2024.pdf", ContentFile(b"%PDF-1.4 evidence"), save=True)
"""


def test_demo_park_round_trip_sqlite_to_postgresql(tmp_path):
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "DEBUG": "1", "LOG_LEVEL": "ERROR",
            "DJANGO_SETTINGS_MODULE": "parkcarbon.config.settings"}
    source = base | {"DATABASE_URL": f"sqlite:///{tmp_path / 'source.sqlite3'}", "MEDIA_ROOT": str(tmp_path / "m1")}
    pg = postgres_url()
    target = base | {"DATABASE_URL": pg or f"sqlite:///{tmp_path / 'target.sqlite3'}",
                     "MEDIA_ROOT": str(tmp_path / "m2")}

    def run(env, *args):
        done = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    try:
        run(source, PARKCARBON, "migrate", "-v0")
        run(source, PARKCARBON, "load_demo")
        run(source, sys.executable, "-c", EVIDENCE)
        run(source, PARKCARBON, "export_park", "demo-etdz", str(tmp_path / "a.zip"))
        run(target, PARKCARBON, "migrate", "-v0")
        out = run(target, PARKCARBON, "import_park", str(tmp_path / "a.zip"))
        assert "Park demo-etdz imported" in out
        run(target, PARKCARBON, "export_park", "demo-etdz", str(tmp_path / "b.zip"))
        first, second = (tmp_path / "a.zip").read_bytes(), (tmp_path / "b.zip").read_bytes()
        manifest = archive_rows(first)[0]
        assert manifest["models"]["inventory.ActivityLine"] > 1000 and manifest["files"]
        assert manifest["models"]["parks.Enterprise"] == 31  # 29, then the hydrogen and the gas distribution companies
        assert_same_park(first, second)
        # passwords never leave the source; imported users cannot sign in until they set one
        assert all(u["fields"]["password"] == "" and not u["fields"]["is_staff"] and not u["fields"]["is_superuser"]
                   for u in archive_rows(first)[1]["accounts.User"])
        check = run(target, sys.executable, "-c", "import django; django.setup(); "
                    "from parkcarbon.accounts.models import User; "
                    "print(sum(u.has_usable_password() for u in User.objects.all()))")
        assert check.strip().splitlines()[-1] == "0"
    finally:
        if pg:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-c",
                            f"DROP DATABASE IF EXISTS {pg.rsplit('/', 1)[1]} WITH (FORCE)"], capture_output=True)


# ------------------------------------------------------------------------------------------- refusals

def rewrite(data: bytes, **manifest_changes) -> io.BytesIO:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.namelist():
            content = src.read(item)
            if item == "manifest.json":
                content = json.dumps(json.loads(content) | manifest_changes).encode()
            dst.writestr(item, content)
    out.seek(0)
    return out


@pytest.mark.django_db
def test_refusals(world):
    data = transfer.archive_bytes("park-a")
    with pytest.raises(transfer.TransferError, match="version 2 is not supported"):
        transfer.import_park(rewrite(data, version=2))
    with pytest.raises(transfer.TransferError, match="unknown format"):
        transfer.import_park(rewrite(data, format="something-else"))
    with pytest.raises(transfer.TransferError, match="'park-a' already exists here; importing would overwrite"):
        transfer.import_park(io.BytesIO(data))
    Park.objects.filter(code="park-a").update(code="park-a-old")
    with pytest.raises(transfer.TransferError, match="these users already exist here: .*park_admin"):
        transfer.import_park(io.BytesIO(data))
    with pytest.raises(transfer.TransferError, match="holds inventory.Nonexistent"):
        transfer.import_park(rewrite(data, models={"inventory.Nonexistent": 1}))
    with pytest.raises(transfer.TransferError, match="no park with code"):
        transfer.export_park("nope", io.BytesIO())


@pytest.mark.django_db
def test_failed_import_leaves_nothing_behind(world):
    line_file = default_storage.save("evidence/transfer-test.pdf", ContentFile(b"%PDF evidence"))
    from parkcarbon.inventory.models import ActivityLine, Inventory, SectionVersion

    inventory = Inventory.objects.create(park=world.park, enterprise=world.enterprise, year=2024)
    version = SectionVersion.objects.create(inventory=inventory, section="energy", number=1)
    ActivityLine.objects.create(version=version, activity="diesel", amount=10, unit="t", evidence=line_file)
    data = transfer.archive_bytes("park-a")
    Park.objects.filter(code="park-a").update(code="park-a-old")
    parks, enterprises = Park.objects.count(), Enterprise.objects.count()
    files_before = set(default_storage.listdir("evidence")[1])
    # the users are reused, but the enterprises' credit codes are taken in this installation: refused whole
    with pytest.raises(transfer.TransferError, match="conflicts with data already here"):
        transfer.import_park(io.BytesIO(data), reuse_users=True)
    assert Park.objects.count() == parks and Enterprise.objects.count() == enterprises
    assert set(default_storage.listdir("evidence")[1]) == files_before  # the copied file was removed again
