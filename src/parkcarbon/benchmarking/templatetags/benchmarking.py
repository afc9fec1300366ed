from django import template
from django.utils.translation import get_language

from parkcarbon.benchmarking import texts
from parkcarbon.benchmarking.library import load
from parkcarbon.common.templatetags.parkcarbon import num

register = template.Library()


@register.filter
def product_name(code: str) -> str:
    return load().products[code].name(get_language() or "zh-hans")


@register.filter
def product_unit(code: str) -> str:
    return texts.unit_label(load().products[code].unit)


@register.filter
def unit(value: str) -> str:
    return texts.unit_label(value)


@register.filter
def level_label(level: str) -> str:
    return texts.LEVELS[level]


@register.filter
def metric_label(metric: str) -> str:
    return texts.METRICS[metric]


@register.filter
def light_label(light: str) -> str:
    return texts.LIGHTS[light]


@register.filter
def rank_of(row, comparison):
    place = row.ranks.get((comparison.product, comparison.metric))
    return f"{place[0]} / {place[1]}" if place else "—"


@register.filter
def source_of(benchmark) -> str:
    source = load().sources[benchmark.source_id]
    return f"{source.document}, {benchmark.table_ref}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def figure(value):
    """An intensity or benchmark with the decimals its size deserves: 13,000 · 107.2 · 0.877."""
    if value is None:
        return "—"
    digits = 0 if abs(value) >= 1000 else 1 if abs(value) >= 10 else 3
    return num(value, digits)
