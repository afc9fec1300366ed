import secrets
import threading
from collections import OrderedDict
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from django import template
from django.apps import apps
from django.contrib.humanize.templatetags.humanize import intcomma
from django.middleware.csrf import get_token
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf
from django.utils.encoding import force_str
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.hashable import make_hashable
from django.utils.safestring import mark_safe
from django.utils.timezone import get_current_timezone_name
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
def amount(value):
    """An amount as a person typed it: up to 4 decimals (the database keeps 4), without padding zeros, with the
    active language's thousands separators: ``{{ line.amount|amount }}`` -> 665.7, 1,234.5678, 12 (never 665.7000).
    Text ("—") passes through unchanged."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    text = str(floatformat(value, "-4g"))
    decimal_sep = str(get_format("DECIMAL_SEPARATOR"))
    if decimal_sep in text:
        text = text.rstrip("0").rstrip(decimal_sep)
    return text


@register.filter
def unitwords(unit) -> str:
    """``{{ unit|unitwords }}``: 10^4 yuan as 万元 on zh pages."""
    return unit_words(str(unit or ""))


@register.filter
def localname(record, field: str = "name") -> str:
    """``{{ region|localname }}``: a bilingual data record's name in the active language only."""
    return local_name(record, field) if record else ""


@register.filter
def as_key(value):
    """A list (of lists ...) as tuples and lazy text as text: a value ``{% memo %}`` takes as a key."""
    if isinstance(value, list | tuple):
        return tuple(as_key(v) for v in value)
    return str(value) if isinstance(value, Promise) else value


@register.filter
def first_roles(memberships) -> tuple:
    """The header's role badges: the roles of the user's first two memberships (a ``{% memo %}`` key; the labels
    come from ``choice_label`` inside)."""
    return tuple(m.role for m in memberships[:2])


@lru_cache(maxsize=64)
def _choices(field_path: str) -> dict:
    app_label, model, field = field_path.split(".")
    return dict(apps.get_model(app_label, model)._meta.get_field(field).flatchoices)


@register.filter
def choice_label(value, field_path: str):
    """``{{ status|choice_label:"inventory.Inventory.status" }}``: what ``get_status_display`` says of the value (the
    label of its choice in the active language, or the value itself), from the value alone -- for ``{% memo %}``,
    whose fragment sees values, not rows."""
    return force_str(_choices(field_path).get(make_hashable(value), value), strings_only=True)


@register.filter
def versions_key(versions) -> tuple:
    """The inventory page's list of a section's versions as a ``{% memo %}`` key: of each version what the list
    shows (pk, number, source, file name, time, who made it: their ``str``, or None when nobody is recorded)."""
    return tuple((v.pk, v.number, v.source, v.file_name, v.created_at,
                  None if v.created_by is None else str(v.created_by)) for v in versions)


def _frozen(items) -> tuple:
    """The navigation entries (common.context_processors) as a hashable value of everything the sidebar shows."""
    return tuple((i["key"], str(i["label"]), str(i["description"]), i["icon"], i["url"], i["built"], i["active"],
                  _frozen(i["children"])) for i in items)


@register.filter
def nav_key(items) -> tuple:
    """The navigation entries as a ``{% memo %}`` key (and its values): per entry (key, label, description, icon,
    url, built, active, children), labels as text."""
    return _frozen(items or ())


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


# A random mark that stands for the request's CSRF token in a memoised fragment (``{% memo %}``): fixed for the
# process, unknown to users (so no page content can contain it), replaced by the request's own token on every use.
_CSRF_MARK = "csrfmark" + secrets.token_hex(16)
_MEMO_VALUE_TYPES = (str, int, float, type(None), date)  # bool is an int, datetime a date


def _memo_value(value):
    """A key value of ``{% memo %}``: text, a number, None, or a tuple of them; lazy text as text. Anything else
    (a model instance, whose hash is its pk whatever its fields) is refused: the key must be the content."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, tuple):
        return tuple(_memo_value(v) for v in value)
    if not isinstance(value, _MEMO_VALUE_TYPES):
        raise TypeError(f"{{% memo %}} takes text, numbers, dates and tuples of them, not {type(value).__name__}")
    return value


def _memo_key(value):
    """What tells a memo value from every other: its type (True is not 1, a SafeString not a str) and, for numbers
    and dates, its repr (0.0 and -0.0, or one instant in two time zones, are equal but print differently)."""
    if isinstance(value, tuple):
        return tuple, tuple(_memo_key(v) for v in value)
    if isinstance(value, float | date):
        return type(value), repr(value)
    return type(value), value


class MemoNode(template.Node):
    """``{% memo name=value ... %}...{% endmemo %}``: the enclosed template rendered once per process for each key,
    like ``{% sidebar %}``. It is rendered with ONLY the named values (plus ``LANGUAGE_CODE`` and the CSRF token), so
    the key -- those values, the language, time zone, script prefix, URLconf and current app -- decides every byte of
    it: nothing else of the page (another user's data) can enter it, and a change of any value is a new entry, never
    a stale one. ``{% csrf_token %}`` / ``{{ csrf_token }}`` inside come out as this request's token (the stored
    HTML holds a mark in its place). The cache belongs to the node: a reloaded template starts empty."""

    SIZE = 1024

    def __init__(self, nodelist, values: dict):
        self.nodelist, self.values = nodelist, values
        self.cache: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def render(self, context):
        values = {name: _memo_value(value.resolve(context)) for name, value in self.values.items()}
        request = getattr(context, "request", None)
        match = getattr(request, "resolver_match", None)
        key = (get_language(), get_script_prefix(), get_urlconf(), get_current_timezone_name(),
               getattr(request, "current_app", None), getattr(match, "namespace", None), context.autoescape,
               context.use_l10n, context.use_tz,
               tuple((name, _memo_key(value)) for name, value in values.items()))
        html = self.cache.get(key)
        if html is None:
            html = self.nodelist.render(context.new({**values, "LANGUAGE_CODE": key[0], "csrf_token": _CSRF_MARK}))
            with self.lock:  # the oldest entries leave first
                self.cache[key] = html
                while len(self.cache) > self.SIZE:
                    self.cache.popitem(last=False)
        if _CSRF_MARK not in html:  # the token is read only when the fragment shows it (reading it sets the cookie)
            return mark_safe(html)  # noqa: S308 - our template's output, escaped there
        token = str(context.get("csrf_token") or "")
        if not token.isalnum() or token == "NOTPROVIDED":  # no usable token: render as the page would, uncached
            return self.nodelist.render(context.new({**values, "LANGUAGE_CODE": key[0]}))
        return mark_safe(html.replace(_CSRF_MARK, token))  # noqa: S308 - as above; a token is letters and digits


@register.tag
def memo(parser, token):
    bits = token.split_contents()[1:]
    values = template.base.token_kwargs(bits, parser, support_legacy=False)
    if bits:
        raise template.TemplateSyntaxError("{% memo %} takes only name=value arguments")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    return MemoNode(nodelist, values)


@register.simple_tag(takes_context=True)
def with_csrf(context, html):
    """``{% with_csrf rows_html %}``: HTML rendered with ``page_cache.CSRF_PLACEHOLDER`` for the CSRF token (the
    inventory page's cached rows), with the token of this page put in -- the same masked token as the page's other
    forms, read once."""
    from parkcarbon.inventory.page_cache import CSRF_PLACEHOLDER

    if CSRF_PLACEHOLDER not in html:
        return html
    token = str(context.get("csrf_token") or "")
    if not token.isalnum() or token == "NOTPROVIDED":
        token = get_token(context.request)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, token))  # noqa: S308 - safe HTML with a token of letters and digits
