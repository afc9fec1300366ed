from datetime import timedelta
from decimal import Decimal
from functools import lru_cache

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from parkcarbon.common.i18n import local_name, unit_words

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """A timedelta as whole minutes (rounded up), e.g. for the login lock-out page."""
    if isinstance(value, timedelta):
        return max(1, -(-int(value.total_seconds()) // 60))
    return ""


@register.filter
def num(value, digits=0):
    """A number for people, in the active language's format with thousands separators (zh-hans too):
    ``{{ total|num:1 }}`` -> 6,201,307.7. Only numbers are formatted: text (a credit code of digits, a value
    formatted already, "—") passes through unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return intcomma(floatformat(value, digits))


@register.filter
def unitwords(unit) -> str:
    """``{{ unit|unitwords }}``: 10^4 yuan as 万元 on zh pages."""
    return unit_words(str(unit or ""))


@register.filter
def localname(record, field: str = "name") -> str:
    """``{{ region|localname }}``: a bilingual data record's name in the active language only."""
    return local_name(record, field) if record else ""


def _frozen(items) -> tuple:
    """The navigation entries (common.context_processors) as a hashable value of everything the sidebar shows."""
    return tuple((i["key"], str(i["label"]), str(i["description"]), i["icon"], i["url"], i["built"], i["active"],
                  _frozen(i["children"])) for i in items)


def _thawed(items: tuple) -> list[dict]:
    return [{"key": key, "label": label, "description": description, "icon": icon, "url": url, "built": built,
             "active": active, "children": _thawed(children)}
            for key, label, description, icon, url, built, active, children in items]


@lru_cache(maxsize=512)
def _sidebar_html(language: str, items: tuple, open_alerts) -> str:
    return get_template("common/_sidebar.html").render({"nav_items": _thawed(items), "open_alerts": open_alerts})


@register.simple_tag(takes_context=True)
def sidebar(context) -> str:
    """The left navigation (``common/_sidebar.html``), rendered once per process for each content: the key is
    everything it shows (the entries with their labels, URLs and active flags, the open-alerts badge) and the
    language of its own words, so it is never another user's or stale. Every page draws it; rendering it took
    ~3,000 Python calls of a page's ~40,000."""
    return mark_safe(_sidebar_html(get_language(), _frozen(context.get("nav_items") or ()),  # noqa: S308
                                   context.get("open_alerts")))  # rendered by our own template, escaped there
