"""A form field for an administrative division: province / city / county as three cascading selects.

The server renders each select's options for the current value, so the form works without the script; the script
(static/js/parkcarbon.js) reloads the lower selects when a higher one changes. The value is the most specific code
chosen, and it must go down to the county where the chosen division has counties."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from parkcarbon.parks import divisions

LEVEL_LABELS = (_("Province"), _("City"), _("County / district"))


class DivisionWidget(forms.Widget):
    template_name = "parks/widgets/division.html"

    def value_from_datadict(self, data, files, name):
        if not any(f"{name}_{i}" in data for i in range(3)):  # one code under the field's own name (API, imports)
            return (data.get(name) or "").strip()
        chosen = [data.get(f"{name}_{i}", "") for i in range(3)]
        # The deepest choice that belongs to the one above it; an unknown code is returned for the field to report,
        # a known one under another parent (a stale lower select) is dropped, so "choose the county" follows.
        code = ""
        for value in chosen:
            item = divisions.lookup(value) if value else None
            if not value or (item and item.parent != code):
                break
            if item is None:
                return value
            code = value
        return code

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        path = [d.code for d in divisions.chain(value or "")]
        base_id = (attrs or {}).get("id") or f"id_{name}"
        levels, parent = [], ""
        for i, label in enumerate(LEVEL_LABELS):
            options = [(d.code, d.name) for d in divisions.children(parent)] if i == 0 or parent else []
            levels.append({
                "name": f"{name}_{i}", "id": f"{base_id}_{i}", "label": label, "options": options,
                "value": path[i] if i < len(path) else "", "hidden": i > 0 and not options,
                "next_id": f"{base_id}_{i + 1}" if i < 2 else "",
            })
            parent = path[i] if i < len(path) else ""
        context["widget"].update(levels=levels, url=reverse("parks:divisions"))
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else id_


class DivisionField(forms.CharField):
    widget = DivisionWidget
    default_error_messages = {
        "unknown": _("Choose a province, city and county from the lists (unknown region code “%(code)s”)."),
        "incomplete": _("Choose the city and county as well."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Region"))
        super().__init__(max_length=20, **kwargs)
        self.partial_ok: set[str] = set()  # codes kept although above county level (records made before divisions)

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        if divisions.lookup(value) is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"code": value})
        if divisions.children(value) and value not in self.partial_ok:
            raise ValidationError(self.error_messages["incomplete"], code="incomplete")
