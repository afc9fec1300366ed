"""Disclosure frameworks loaded from ``data/frameworks.yaml`` (grammar in its header), and the coverage of a
disclosure: which framework items its included items satisfy and which are missing."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import get_language

from parkcarbon.disclosure.items import ITEMS

DATA = Path(__file__).parent / "data" / "frameworks.yaml"
ENTITY_KINDS = {"enterprise", "park"}


class FrameworkError(ValueError):
    pass


@dataclass(frozen=True)
class FrameworkItem:
    code: str
    title: dict
    satisfied_by: tuple[str, ...]
    note: dict


@dataclass(frozen=True)
class Framework:
    id: str
    name: dict
    source: dict
    applies_to: frozenset
    provenance: str
    check: str
    items: tuple[FrameworkItem, ...]


def _bilingual(value, where: str) -> dict:
    if not isinstance(value, dict) or not value.get("zh") or not value.get("en"):
        raise FrameworkError(f"{where}: needs zh and en text")
    return {"zh": str(value["zh"]), "en": str(value["en"])}


def parse(data: dict) -> dict[str, Framework]:
    frameworks = {}
    for fid, spec in data.items():
        where = f"frameworks.yaml: {fid}"
        source = spec.get("source") or {}
        if not source.get("document") or not source.get("issuer") or not source.get("year"):
            raise FrameworkError(f"{where}: source needs document, issuer and year")
        applies = frozenset(spec.get("applies_to") or ())
        if not applies or applies - ENTITY_KINDS:
            raise FrameworkError(f"{where}: applies_to must list enterprise and/or park")
        if spec.get("provenance") not in ("official", "secondary"):
            raise FrameworkError(f"{where}: provenance must be official or secondary")
        if spec["provenance"] == "secondary" and not spec.get("check"):
            raise FrameworkError(f"{where}: a secondary source says what remains to be checked (check)")
        items = []
        for n, item in enumerate(spec.get("items") or (), start=1):
            keys = tuple(item.get("satisfied_by") or ())
            unknown = [k for k in keys if k not in ITEMS]
            if unknown:
                raise FrameworkError(f"{where}, item {n}: unknown platform items {unknown}")
            if not keys and not item.get("note"):
                raise FrameworkError(f"{where}, item {n}: an item nothing satisfies needs a note saying why")
            items.append(FrameworkItem(str(item["code"]), _bilingual(item.get("title"), f"{where}, item {n}"), keys,
                                       _bilingual(item["note"], f"{where}, item {n} note") if item.get("note") else {}))
        if not items:
            raise FrameworkError(f"{where}: no items")
        frameworks[fid] = Framework(fid, _bilingual(spec.get("name"), where), dict(source), applies,
                                    spec["provenance"], str(spec.get("check") or ""), tuple(items))
    return frameworks


@cache
def load() -> dict[str, Framework]:
    return parse(yaml.safe_load(DATA.read_text(encoding="utf-8")))


def choices() -> list[tuple[str, str]]:
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    return [(fid, f.name[lang]) for fid, f in load().items()]


def coverage(framework_ids, included: set[str], entity_kind: str) -> list[dict]:
    """Per chosen framework: each of its items with ``status`` covered / missing / not_applicable (the framework
    does not ask it of this kind of entity), and the platform items still missing. Bilingual, ready to freeze."""
    result = []
    for fid in framework_ids:
        framework = load().get(fid)
        if framework is None:
            continue
        applicable = entity_kind in framework.applies_to
        rows = []
        for item in framework.items:
            missing = [k for k in item.satisfied_by if k not in included]
            status = ("not_applicable" if not applicable else
                      "missing" if missing or not item.satisfied_by else "covered")
            rows.append({"code": item.code, "title": item.title, "status": status, "missing_items": missing,
                         "note": item.note})
        result.append({"id": fid, "name": framework.name, "source": framework.source, "applicable": applicable,
                       "provenance": framework.provenance, "items": rows,
                       "covered": sum(r["status"] == "covered" for r in rows),
                       "missing": sum(r["status"] == "missing" for r in rows)})
    return result
