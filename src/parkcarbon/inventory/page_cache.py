"""Cached parts of the inventory data page, which reporters request more than any other.

Both caches are keyed by everything their output is made of, read in the same request, so an entry never has to
be invalidated and is never stale: a changed line, guideline, year, region, GWP set, factor release or language
is a different key. They live in Django's cache (per process by default, Redis when ``REDIS_URL`` is set).
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from parkcarbon.engine import load_library
from parkcarbon.inventory import guide, services
from parkcarbon.inventory.forms import LineForm, entry_hints, unit_options
from parkcarbon.inventory.preview import line_rows

SECONDS = 24 * 3600


def _key(kind: str, *parts) -> str:
    return f"inventory-page:{kind}:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _libraries(inventory) -> tuple:
    """The libraries a page reads: the inventory's release (calculation) and the installed one (factor sources)."""
    calc, latest = services.library_of(inventory), load_library()
    return calc.version, calc.release, latest.version, latest.release


def entry_fields(inventory, section: str) -> str:
    """The empty manual-input form with its entry hints and unit list (the same for every inventory with the same
    guidelines and boundary; ~30 fields that took a third of the page's rendering)."""
    key = _key("entry", section, tuple(inventory.methodologies), inventory.is_park_own, get_language(),
               _libraries(inventory))
    html = cache.get(key)
    if html is None:
        form = LineForm(section=section, methodologies=inventory.methodologies, park_level=inventory.is_park_own)
        html = render_to_string("inventory/_entry_fields.html", {
            "form": form, "entry_hints": entry_hints(section, inventory.methodologies),
            "unit_options": unit_options()})
        cache.set(key, html, SECONDS)
    return mark_safe(html)  # rendered by our own template, escaped there  # noqa: S308


def _rows_parts(inventory, lines: list) -> tuple:
    """What the computed rows of a page of lines are made of: the lines' content, the inventory's settings, the
    libraries and the language."""
    return (inventory.pk, tuple(inventory.methodologies), inventory.year, inventory.region, inventory.gwp_set,
            inventory.grid_basis, inventory.is_park_own, get_language(), _libraries(inventory),
            [line.engine_row() for line in lines])


def display_rows(inventory, lines: list, parts: tuple | None = None) -> list[dict]:
    """``guide.plain_rows(line_rows(inventory, lines))`` for a page of lines, computed once per content of those
    lines and settings of the inventory. Raises InputError like the calculation (errors are not cached)."""
    if not lines:
        return []
    key = _key("rows", *(parts or _rows_parts(inventory, lines)))
    rows = cache.get(key)
    if rows is None:
        factors_cell = get_template("inventory/_factors_cell.html")  # the table's costliest cell, kept rendered
        rows = [{**r, "line": None, "factors_html": factors_cell.render({"factors": r["factors"]})}
                for r in guide.plain_rows(line_rows(inventory, lines))]
        cache.set(key, rows, SECONDS)
    return [{**r, "line": line} for r, line in zip(rows, lines, strict=True)]


CSRF_PLACEHOLDER = "csrfTokenOfTheRequest0"  # alphanumeric like a real token: escaping leaves both unchanged


def rows_html(inventory, lines: list, editable: bool, csrf_token: str = "") -> str:
    """The table rows of a page of lines (``inventory/_line_rows.html``), rendered once per content: the rows'
    key (:func:`display_rows`) plus what the row markup shows of each line itself (id, revision, note, evidence)
    and whether it has edit and delete controls. The delete forms' CSRF token is the request's, put in after the
    cache. ``""`` for no lines (the template shows its empty row). Raises InputError like :func:`display_rows`."""
    if not lines:
        return ""
    parts = _rows_parts(inventory, lines)
    key = _key("rows-html", parts, editable,
               [(line.pk, line.revision, line.note, line.evidence.name or "") for line in lines])
    html = cache.get(key)
    if html is None:
        html = render_to_string("inventory/_line_rows.html", {
            "rows": display_rows(inventory, lines, parts), "inventory": inventory, "editable": editable,
            "csrf_token": CSRF_PLACEHOLDER})
        cache.set(key, html, SECONDS)
    if editable:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token)
    return mark_safe(html)  # rendered by our own template, escaped there  # noqa: S308
