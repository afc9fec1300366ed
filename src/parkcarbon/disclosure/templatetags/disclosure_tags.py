"""Reading frozen bilingual content in templates: ``{{ value|lang }}`` picks the active language's text of a
``{"zh": ..., "en": ...}`` dict; ``{{ entity|lang_name }}`` the name of a frozen party."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def _zh() -> bool:
    return (get_language() or "zh-hans").startswith("zh")


@register.filter
def lang(value):
    if isinstance(value, dict):
        return value.get("zh" if _zh() else "en", "")
    return value


@register.filter
def lang_name(party):
    if not isinstance(party, dict):
        return ""
    return party.get("name") if _zh() else party.get("name_en") or party.get("name")


@register.filter
def lang_label(row):
    """A row frozen with zh/en labels (sources)."""
    return row.get("zh") if _zh() else row.get("en")
