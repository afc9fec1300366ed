"""Moving a park between installations: ``parkcarbon export_park CODE FILE`` / ``parkcarbon import_park FILE``.

The archive is a zip: ``manifest.json`` (format, version, park, counts), one ``data/<app>.<Model>.json`` per model
(rows as ``{"pk": ..., "fields": {attname: value}}``, many-to-many links as lists of pks) and ``files/<name>`` for
every uploaded or generated file. Which models belong to a park is declared by each app in one line of its
AppConfig: ``park_data = [...]`` (model names; their change history comes along) and ``park_data_excluded =
{name: reason}``. tests/ops/test_transfer.py checks that every concrete model of the project is one or the other.

How a row belongs to a park is found from the model's relations (the shortest chain of foreign keys, or a
many-to-many, to parks.Park); users come along when the park's rows name them (members, authors, history), without
their passwords, staff or superuser flags. On import every row gets a new primary key in the target database and every reference is
rewritten; the history of objects deleted before the export keeps its rows under negative ids (they can never
collide with a live object's id). Nothing is written unless everything is: one transaction, files last and removed
again if it fails."""

from __future__ import annotations

import contextlib
import datetime
import decimal
import io
import json
import uuid
import zipfile
from collections import defaultdict, deque

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, models, transaction
from django.utils import timezone

FORMAT = "parkcarbon-park"
VERSION = 1
SUPPORTED_VERSIONS = {1}
USER = "accounts.User"
PARK = "parks.Park"


class TransferError(Exception):
    """The archive cannot be written or restored; the message says why (nothing was changed)."""


# ------------------------------------------------------------------------------------------------- registry

def declared() -> tuple[list[type[models.Model]], dict[str, str]]:
    """(models exported with their history, {label: reason} of models left out), from every app's AppConfig."""
    chosen, excluded = [], {}
    for config in apps.get_app_configs():
        for name in getattr(config, "park_data", ()):
            model = config.get_model(name)
            chosen.append(model)
            chosen.extend(history_models(model))
        for name, reason in getattr(config, "park_data_excluded", {}).items():
            excluded[f"{config.label}.{name}"] = reason
    return chosen, excluded


def history_models(model) -> list[type[models.Model]]:
    """django-simple-history's Historical<Model> and its historical many-to-many tables."""
    manager = getattr(model, "_meta", None) and getattr(model._meta, "simple_history_manager_attribute", None)
    if not manager:
        return []
    historical = getattr(model, manager).model
    through = [m for m in apps.get_models() if m._meta.app_label == historical._meta.app_label
               and m.__name__.startswith(historical.__name__ + "_")]
    return [historical, *through]


def base_of(model):
    """The live model a Historical<Model> records (None for anything else)."""
    return getattr(model, "instance_type", None)


# ------------------------------------------------------------------------------------------------- scoping

def _relations(model):
    for field in model._meta.get_fields():  # forward relations only (reverse ones are auto-created objects)
        if isinstance(field, models.ForeignKey | models.ManyToManyField):
            yield field


def park_path(model) -> str | None:
    """The lookup from ``model`` to its park (``"park"``, ``"version__inventory__park"``...), shortest first;
    users are never a way to a park (a user may belong to several)."""
    park = apps.get_model(PARK)
    if model is park:
        return "pk"
    queue, seen = deque([(model, "")]), {model}
    while queue:
        current, prefix = queue.popleft()
        for field in _relations(current):
            target = field.related_model
            if target._meta.label == USER or target in seen:
                continue
            path = f"{prefix}{field.name}"
            if target is park:
                return path
            seen.add(target)
            queue.append((target, path + "__"))
    return None


def rows_of(model, park, chosen_pks: dict) -> models.QuerySet:
    base = base_of(model)
    path = park_path(model)
    manager = model._base_manager
    if path is not None:
        return manager.filter(**{path: park.pk}).distinct().order_by("pk")
    if base is not None:  # history of an object that has no way to the park but itself (users, agencies)
        return manager.filter(id__in=chosen_pks.get(base._meta.label, ())).order_by("pk")
    raise TransferError(f"{model._meta.label} has no relation to a park; declare it in park_data_excluded")


# ------------------------------------------------------------------------------------------------- values

def encode(value):
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()  # full precision (DjangoJSONEncoder drops microseconds)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def _fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def file_fields(model):
    return [f for f in _fields(model) if isinstance(f, models.FileField)]


def serialize_row(obj) -> dict:
    fields = {}
    for field in _fields(obj):
        value = field.value_from_object(obj)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        fields[field.attname] = encode(value)
    if obj._meta.label == USER:
        # the password never leaves the installation; nor do site-wide powers (an archive must not make anyone
        # staff or superuser elsewhere): park roles travel as memberships
        fields.update(password="", is_staff=False, is_superuser=False)
    for field in obj._meta.many_to_many:
        fields[field.name] = sorted(obj.__dict__.get("_m2m_pks", {}).get(field.name, []))
    return {"pk": encode(obj.pk), "fields": fields}


# ------------------------------------------------------------------------------------------------- export

def export_park(code: str, out) -> dict:
    """Write the archive of park ``code`` to ``out`` (a path or binary file); returns the manifest."""
    park_model = apps.get_model(PARK)
    try:
        park = park_model.objects.get(code=code)
    except park_model.DoesNotExist as exc:
        raise TransferError(f"no park with code {code!r}") from exc
    chosen, _excluded = declared()
    rows: dict[str, list] = {}
    pks: dict[str, set] = {}
    user_pks: set = set()
    user_model = apps.get_model(USER)
    # users first need the rest (who is named); history of users and agencies needs their rows
    later = [m for m in chosen if base_of(m) is not None and park_path(m) is None]
    labels = [m._meta.label for m in chosen if m._meta.label != USER and m not in later]
    ordered = [apps.get_model(label) for label in insertion_order(labels)]
    for model in ordered:
        objs = list(rows_of(model, park, pks))
        for field in model._meta.many_to_many:  # links inside the park only
            inside = pks.get(field.related_model._meta.label, set())
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            links = defaultdict(list)
            for a, b in through.objects.filter(**{f"{source}__in": [o.pk for o in objs]}).values_list(
                    f"{source}_id", f"{target}_id"):
                if b in inside:
                    links[a].append(b)
            for obj in objs:
                obj.__dict__.setdefault("_m2m_pks", {})[field.name] = links.get(obj.pk, [])
        rows[model._meta.label] = [serialize_row(o) for o in objs]
        pks[model._meta.label] = {o.pk for o in objs}
        for field in _fields(model):
            if field.is_relation and field.related_model is user_model:
                user_pks.update(getattr(o, field.attname) for o in objs if getattr(o, field.attname) is not None)
    pks[USER] = user_pks
    for model in later:  # history of users and agencies; it may name more users (who edited them)
        objs = list(rows_of(model, park, pks))
        rows[model._meta.label] = [serialize_row(o) for o in objs]
        for field in _fields(model):
            if field.is_relation and field.related_model is user_model:
                user_pks = user_pks | {getattr(o, field.attname) for o in objs if getattr(o, field.attname)}
    rows[USER] = [serialize_row(u) for u in user_model._base_manager.filter(pk__in=user_pks).order_by("pk")]
    manifest = {
        "format": FORMAT, "version": VERSION, "park": {"code": park.code, "name": park.name},
        "exported_at": timezone.now().isoformat(), "models": {label: len(r) for label, r in rows.items()},
        "files": [],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, data in rows.items():
            archive.writestr(f"data/{label}.json", json.dumps(data, ensure_ascii=False))
            for field in file_fields(apps.get_model(label)):
                for row in data:
                    name = row["fields"][field.attname]
                    if name and name not in manifest["files"] and default_storage.exists(name):
                        with default_storage.open(name, "rb") as fh:
                            archive.writestr(f"files/{name}", fh.read())
                        manifest["files"].append(name)
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


# ------------------------------------------------------------------------------------------------- import

def read_manifest(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise TransferError("not a ParkCarbon park archive (no readable manifest.json)") from exc
    if manifest.get("format") != FORMAT:
        raise TransferError("not a ParkCarbon park archive (unknown format)")
    if manifest.get("version") not in SUPPORTED_VERSIONS:
        raise TransferError(f"archive version {manifest.get('version')!r} is not supported by this installation "
                            f"(it reads version {', '.join(map(str, sorted(SUPPORTED_VERSIONS)))}); "
                            "upgrade ParkCarbon first")
    return manifest


def insertion_order(labels: list[str]) -> list[str]:
    """Models ordered so that every row's references are inserted before it."""
    present = set(labels)
    deps = {label: {f.related_model._meta.label for f in _fields(apps.get_model(label))
                    if f.is_relation and f.related_model._meta.label in present
                    and f.related_model._meta.label != label} for label in labels}
    order, done = [], set()
    while len(order) < len(labels):
        ready = [label for label in labels if label not in done and deps[label] <= done]
        if not ready:
            raise TransferError(f"circular references between {sorted(set(labels) - done)}")
        order.extend(ready)
        done.update(ready)
    return order


@contextlib.contextmanager
def keeping_timestamps(model_list):
    """Rows keep their created/updated times: auto_now(_add) is off while they are inserted."""
    saved = []
    for model in model_list:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, now, now_add in saved:
            field.auto_now, field.auto_now_add = now, now_add


def import_park(source, reuse_users: bool = False) -> dict:
    """Restore an archive into this installation. Refuses an unknown version, a park code already here, usernames
    already here (unless ``reuse_users``) and models this installation does not have. Returns the manifest."""
    with zipfile.ZipFile(source) as archive:
        manifest = read_manifest(archive)
        code = manifest["park"]["code"]
        if apps.get_model(PARK).objects.filter(code=code).exists():
            raise TransferError(f"a park with code {code!r} already exists here; importing would overwrite it")
        data = {}
        for label in manifest["models"]:
            try:
                apps.get_model(label)
            except (LookupError, ValueError) as exc:
                raise TransferError(f"the archive holds {label}, which this installation does not have") from exc
            data[label] = json.loads(archive.read(f"data/{label}.json"))
        files = {name: archive.read(f"files/{name}") for name in manifest["files"]}
    user_model = apps.get_model(USER)
    existing = {}
    if USER in data:
        names = [row["fields"]["username"] for row in data[USER]]
        existing = dict(user_model._base_manager.filter(username__in=names).values_list("username", "pk"))
        if existing and not reuse_users:
            raise TransferError(f"these users already exist here: {', '.join(sorted(existing))} "
                                "(--reuse-users links the park to them instead of creating them)")
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            renamed = {name: _store(name, content, saved_files) for name, content in files.items()}
            _insert_all(data, existing, renamed)
    except BaseException as exc:
        for name in saved_files:
            default_storage.delete(name)
        if isinstance(exc, IntegrityError):
            raise TransferError(f"the archive conflicts with data already here ({exc}); nothing was imported") from exc
        raise
    return manifest


def _store(name: str, content: bytes, saved: list) -> str:
    stored = default_storage.save(name, ContentFile(content))  # another name when taken: never overwrite
    saved.append(stored)
    return stored


def _insert_all(data: dict, existing_users: dict, renamed: dict) -> None:
    pk_map: dict[str, dict] = defaultdict(dict)
    order = insertion_order(list(data))
    model_list = [apps.get_model(label) for label in order]
    m2m_later = []
    with keeping_timestamps(model_list):
        for model in model_list:
            label = model._meta.label
            objs, olds = [], []
            for row in data[label]:
                fields = dict(row["fields"])
                if label == USER and fields["username"] in existing_users:
                    pk_map[label][row["pk"]] = existing_users[fields["username"]]
                    continue
                m2m = {f.name: fields.pop(f.name, []) for f in model._meta.many_to_many}
                obj = model()
                for field in _fields(model):
                    if field.attname not in fields:
                        continue
                    value = fields[field.attname]
                    if field.is_relation and value is not None:
                        target = field.related_model._meta.label
                        if target in data:
                            mapped = pk_map[target].get(value)
                            if mapped is None and not field.null:
                                raise TransferError(f"{label} {row['pk']} refers to {target} {value}, which is "
                                                    "not in the archive")
                            value = mapped  # history may name a row deleted before the export: then None
                    elif isinstance(field, models.FileField) and value:
                        value = renamed.get(value, value)
                    elif isinstance(field, models.BinaryField) and value is not None:
                        value = bytes.fromhex(value)
                    elif value is not None:
                        value = field.to_python(value)
                    setattr(obj, field.attname, value)
                base = base_of(model)
                if base is not None:  # history row: the id of the object it records
                    obj.id = pk_map[base._meta.label].get(row["fields"]["id"], -abs(int(row["fields"]["id"])))
                if label == USER:
                    obj.password = make_password(None)  # unusable: the user sets one through a reset link
                objs.append(obj)
                olds.append((row["pk"], m2m))
            created = model._base_manager.bulk_create(objs, batch_size=500)
            for obj, (old, m2m) in zip(created, olds, strict=True):
                pk_map[label][old] = obj.pk
                if m2m:
                    m2m_later.append((model, obj.pk, m2m))
    for model, pk, links in m2m_later:
        for name, old_pks in links.items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            target = pk_map[field.related_model._meta.label]
            through.objects.bulk_create([through(**{f"{field.m2m_field_name()}_id": pk,
                                                    f"{field.m2m_reverse_field_name()}_id": target[o]})
                                         for o in old_pks if o in target])


def archive_bytes(code: str) -> bytes:
    buffer = io.BytesIO()
    export_park(code, buffer)
    return buffer.getvalue()
