"""The public disclosure pages of a park (no login): its published disclosures and its enterprises', each version
with its files. Everything shown is read from the frozen content of published versions (``Disclosure.snapshot``);
drafts, versions awaiting approval and live inventory data are never read here. A park that has published nothing
answers 404, like an unknown code.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import get_language

from parkcarbon.disclosure import documents
from parkcarbon.disclosure.models import Disclosure, PublishedFile
from parkcarbon.parks.models import Park


def _published(code: str):
    park = Park.objects.filter(code=code).first()
    published = Disclosure.objects.published().filter(park=park).order_by("-year", "version") if park else None
    if park is None or not published.exists():
        raise Http404
    return park, published.only("pk", "series", "version", "year", "enterprise_id", "snapshot", "published_at")


def _zh() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


def _series(published) -> list[dict]:
    """One entry per series (entity and year): its current published version and the ones it superseded."""
    groups: dict = {}
    for d in published:
        groups.setdefault(d.series, []).append(d)
    rows = []
    for versions in groups.values():
        versions.sort(key=lambda d: d.version)
        current = versions[-1]
        rows.append({"current": current, "s": current.snapshot, "older": list(reversed(versions[:-1]))})
    rows.sort(key=lambda r: (-r["s"]["year"], r["s"]["entity"]["kind"] != "park", r["s"]["entity"]["name"]))
    return rows


def _charts(series: list[dict], zh: bool) -> dict:
    """Chart data from published totals only: the park's totals by year, and the enterprises' of the latest year."""
    name = "name" if zh else "name_en"
    park_years = sorted((r["s"]["year"], r["s"]["data"]["total"]["value"]) for r in series
                        if r["s"]["entity"]["kind"] == "park" and "total" in r["s"]["data"])
    enterprise = [r for r in series if r["s"]["entity"]["kind"] == "enterprise" and "total" in r["s"]["data"]]
    latest = max((r["s"]["year"] for r in enterprise), default=None)
    top = sorted(((r["s"]["entity"][name], r["s"]["data"]["total"]["value"]) for r in enterprise
                  if r["s"]["year"] == latest), key=lambda kv: -kv[1])[:15]
    return {"unit": "t CO2e", "trend": {"labels": [str(y) for y, _ in park_years], "values": [v for _, v in park_years]},
            "enterprises": {"year": latest, "labels": [n for n, _ in top], "values": [v for _, v in top]}}


def content_charts(s: dict, zh: bool) -> dict:
    """Chart data of one disclosure's frozen content: emissions by gas and by source."""
    data = s.get("data", {})
    gas, sources = data.get("by_gas", {}).get("rows", []), data.get("sources", {}).get("rows", [])
    return {"unit": "t CO2e", "gas": [{"name": r["label"], "value": r["co2e"]} for r in gas],
            "sources": {"labels": [r["zh" if zh else "en"] for r in sources], "values": [r["co2e"] for r in sources]}}


def park_page(request, code):
    park, published = _published(code)
    zh = _zh()
    series = _series(published)
    return render(request, "disclosure/public_park.html", {
        "park": park, "series": series, "charts": _charts(series, zh), "zh": zh})


def disclosure_page(request, code, pk):
    park, published = _published(code)
    disclosure = published.filter(pk=pk).first()
    if disclosure is None:
        raise Http404
    versions = list(published.filter(series=disclosure.series).order_by("version"))
    s, zh = disclosure.snapshot, _zh()
    data = s["data"]
    charts = content_charts(s, zh)
    return render(request, "disclosure/public_detail.html", {
        "park": park, "d": disclosure, "s": s, "data": data, "zh": zh, "versions": versions,
        "current": versions[-1], "charts": charts, "formats": list(documents.FORMATS)})


def stored_file(disclosure: Disclosure, fmt: str, language: str) -> bytes:
    """The file, rendered from the frozen content once and kept (JSON is the content itself)."""
    if fmt == "json":
        return documents.render(disclosure.snapshot, fmt, language)
    stored = PublishedFile.objects.filter(disclosure=disclosure, fmt=fmt, language=language).first()
    if stored is not None:
        return bytes(stored.content)
    body = documents.render(disclosure.snapshot, fmt, language)
    try:
        with transaction.atomic():
            PublishedFile.objects.create(disclosure=disclosure, fmt=fmt, language=language, content=body)
    except IntegrityError:
        pass  # a parallel request stored it first: the same frozen content, the same file
    return body


def download(request, code, pk, fmt):
    if fmt not in documents.FORMATS:
        raise Http404
    _park, published = _published(code)
    disclosure = published.filter(pk=pk).first()
    if disclosure is None:
        raise Http404
    language = "zh-hans" if _zh() else "en"
    body = stored_file(disclosure, fmt, language)
    response = HttpResponse(body, content_type=documents.FORMATS[fmt])
    stem = documents.file_stem(disclosure.snapshot)
    suffix = "" if fmt == "json" else f"-{'zh' if language.startswith('zh') else 'en'}"
    response["Content-Disposition"] = content_disposition_header(True, f"{stem}{suffix}.{fmt}")
    return response
