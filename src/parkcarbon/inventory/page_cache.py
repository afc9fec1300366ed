"""Cached parts of the inventory data page, which reporters request more than any other.

Both caches (the empty entry form, and each rendered row of the line table) are keyed by everything their output is
made of, read in the same request, so an entry never has to be invalidated and is never stale: a changed line,
guideline, year, region, GWP set, factor release or language is a different key. They live in Django's cache (per
process by default, Redis when ``REDIS_URL`` is set).
"""

from __future__ import annotations

import hashlib
from functools import cache as once

from django.core.cache import cache
from django.template.loader import get_template, render_to_string
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from parkcarbon.engine import InputError, load_library
from parkcarbon.inventory import guide, services
from parkcarbon.inventory.forms import LineForm, UploadForm, entry_hints, unit_options
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


@once
def upload_field() -> str:
    """The data page's file input of the (always empty) upload form: the same markup for every user, inventory and
    language (no text of its own), rendered once per process instead of through the form renderer's templates on
    every page (~0.4 ms)."""
    return mark_safe(str(UploadForm()["file"]))  # Django's own widget rendering, escaped there  # noqa: S308


def _settings(inventory) -> tuple:
    """What the computed rows of an inventory's lines are made of besides the lines themselves: the inventory's
    settings, the libraries and the language."""
    return (inventory.pk, tuple(inventory.methodologies), inventory.year, inventory.region, inventory.gwp_set,
            inventory.grid_basis, inventory.is_park_own, get_language(), _libraries(inventory))


def _computed_rows(inventory, lines: list) -> list[dict]:
    """The display rows of these lines without their line objects, with the factors cell rendered (the table's
    costliest cell). Raises InputError like the calculation."""
    factors_cell = get_template("inventory/_factors_cell.html")
    return [{**r, "line": None, "factors_html": factors_cell.render({"factors": r["factors"]})}
            for r in guide.plain_rows(line_rows(inventory, lines))]


# Stands for the request's CSRF token in cached HTML. Alphanumeric like a real token (escaping leaves both
# unchanged); derived from SECRET_KEY, so it is the same in every process of a deployment (rows are shared through
# the cache) and a user cannot type it into a line's note to have it replaced.
CSRF_PLACEHOLDER = "csrf" + salted_hmac("parkcarbon.inventory.page_cache", "csrf placeholder").hexdigest()[:28]


def rows_html(inventory, lines: list, editable: bool, csrf_token: str = "") -> str:
    """The table rows of a page of lines (``inventory/_line_rows.html``), each rendered once per content: its key is
    the line's engine row with the inventory's settings (:func:`_settings`), what the row shows of the line itself
    (id, revision, note, evidence) and whether it has edit and delete controls. A line saved since is the only row
    computed again, alone (a line's figures are its own). The delete forms' CSRF token is the request's, put in
    after the cache. ``""`` for no lines (the template shows its empty row). Raises InputError like the
    calculation, for the lines not in the cache (errors are never cached)."""
    if not lines:
        return ""
    settings = _settings(inventory)
    keys = [_key("row-html", settings, editable, line.engine_row(), line.pk, line.revision, line.note,
                 line.evidence.name or "") for line in lines]
    found = cache.get_many(keys)
    missing = [(key, line) for key, line in zip(keys, lines, strict=True) if key not in found]
    if missing:
        template = get_template("inventory/_line_rows.html")
        rows = _computed_rows(inventory, [line for _key_, line in missing])
        fresh = {key: template.render({"rows": [{**row, "line": line}], "inventory": inventory, "editable": editable,
                                       "csrf_token": CSRF_PLACEHOLDER})
                 for (key, line), row in zip(missing, rows, strict=True)}
        cache.set_many(fresh, SECONDS)
        found.update(fresh)
    html = "".join(found[key] for key in keys)
    if editable:
        html = html.replace(CSRF_PLACEHOLDER, csrf_token)
    return mark_safe(html)  # rendered by our own template, escaped there  # noqa: S308


def warm_row(inventory, line_pk: int) -> None:
    """After a line is saved by someone who may change the inventory: its row of the data page, rendered now into
    the cache, so the page the save redirects to (or the next view, in any process when the cache is Redis) finds
    every row cached instead of computing one. The line is read back from the database so that its key is the one
    the page will make (a JSON field read back may order its keys differently from the posted form's)."""
    from parkcarbon.inventory.models import ActivityLine

    line = ActivityLine.objects.filter(pk=line_pk).first()
    if line is None:
        return
    try:
        rows_html(inventory, [line], True)
    except InputError:
        pass  # the page will show the problem; errors are never cached
