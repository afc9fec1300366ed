from datetime import timedelta
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import floatformat

from parkcarbon.common.i18n import local_name

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
def localname(record, field: str = "name") -> str:
    """``{{ region|localname }}``: a bilingual data record's name in the active language only."""
    return local_name(record, field) if record else ""
