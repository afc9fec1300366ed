"""The park page: its tables and chart data, both from one ParkSummary / park_trend (the charts never compute),
and the park's GWP choice."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _

from parkcarbon.inventory.models import Section
from parkcarbon.inventory.park import ParkSummary, YearTotal, gwp_source
from parkcarbon.parks.models import Park

CHART_CATEGORIES = 12  # bars per chart; the rest is one "Others" bar


def _top(items: list[tuple[str, float]], n: int = CHART_CATEGORIES) -> list[tuple[str, float]]:
    if len(items) <= n:
        return items
    return [*items[: n - 1], (_("Others"), sum(v for _k, v in items[n - 1 :]))]


def _series(items: list[tuple[str, float]]) -> dict:
    return {"labels": [str(k) for k, _v in items], "values": [round(v, 1) for _k, v in items]}


def park_page_context(summary: ParkSummary, trend: list[YearTotal]) -> dict:
    """Context of the park page: labelled tables and the JSON the page's charts draw (``park-charts-data``)."""
    labels = dict(Section.choices)
    by_section = [(str(labels.get(k, k)), v) for k, v in summary.by_section.items()]
    by_scope = [(_("Scope %(n)s") % {"n": k}, v) for k, v in sorted(summary.by_scope.items())]
    by_zone = [(k, v) for k, v in summary.by_zone.items()]
    top = [(r.name, r.counted_co2e) for r in sorted(summary.rows, key=lambda r: -r.counted_co2e)[:10]]
    charts = {
        "unit": "t CO2e",
        "incomplete": _("incomplete"),
        "sections": [{"name": k, "value": round(v, 1)} for k, v in by_section],
        "industries": _series(_top(list(summary.by_industry.items()))),
        "zones": _series(_top(by_zone)),
        "top": _series(top[::-1]),  # horizontal bars draw bottom-up: largest on top
        "trend": {"labels": [str(t.year) for t in trend], "values": [round(t.co2e, 1) for t in trend],
                  "complete": [t.is_complete for t in trend]},
    }
    return {"by_section": by_section, "by_scope": by_scope, "by_zone": by_zone, "top_emitters": top,
            "trend": trend, "charts": charts, "gwp_source": gwp_source(summary.gwp_set)}


class ParkGwpForm(forms.ModelForm):
    class Meta:
        model = Park
        fields = ["gwp_set"]

    def __init__(self, *args, **kwargs):
        from parkcarbon.inventory.forms import GWP_CHOICES

        super().__init__(*args, **kwargs)
        self.fields["gwp_set"].choices = GWP_CHOICES  # AR5_ccf named in words
