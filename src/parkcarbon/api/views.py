"""Interface management: park administrators create API tokens (the token is shown once), see every token of
their park's users with its last use, and revoke them; and the metering systems' meters with their gaps."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from parkcarbon.api.metering import monthly
from parkcarbon.api.models import ApiToken, Meter, TokenScope
from parkcarbon.api.tokens import create_token
from parkcarbon.api.tokens import revoke as revoke_token
from parkcarbon.common.i18n import local_name
from parkcarbon.common.policy import has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.engine import load_library


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100,
                           help_text=gettext_lazy("What the token is for, e.g. the energy monitoring system."))
    scope = forms.ChoiceField(label=gettext_lazy("Scope"), choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=3650, initial=365,
                              help_text=gettext_lazy("The token stops working after this many days."))


@member_required
def tokens(request):
    user = request.user
    if not has_role_for(user, "api_token", "create"):
        raise PermissionDenied
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        _row, created = create_token(user, form.cleaned_data["name"], form.cleaned_data["scope"],
                                     days=form.cleaned_data["days"], created_by=user)
        form = TokenForm()
    rows = ApiToken.objects.for_user(user).select_related("user").order_by("-created_at")[:500]
    response = render(request, "api/tokens.html", {"form": form, "created": created, "tokens": rows,
                                                   **meter_table(user)})
    if created:
        response["Cache-Control"] = "no-store"  # the page shows a secret once
    return response


def meter_table(user) -> dict:
    """The meters the user reaches with their readings and the months without any in the newest year read."""
    meters = list(Meter.objects.for_user(user).select_related("enterprise").annotate(
        n_readings=Count("readings"), last_reading=Max("readings__timestamp")).order_by("enterprise__name", "code")[:500])
    newest = max((m.last_reading for m in meters if m.last_reading), default=None)
    year = timezone.localtime(newest).year if newest else None
    gaps: dict[int, list[int]] = {}
    if year:
        by_code = {}
        for enterprise_meters in _by_enterprise(meters):
            _sums, found = monthly(enterprise_meters, year)
            by_code = {m.code: m.pk for m in enterprise_meters}
            gaps.update({by_code[g["meter"]]: g["missing_months"] for g in found})
    library = load_library().activities
    rows = [{"meter": m, "activity": local_name(library[m.activity]) if m.activity in library else m.activity,
             "missing": gaps.get(m.pk, [])} for m in meters]
    return {"meters": rows, "meter_year": year}


def _by_enterprise(meters):
    groups: dict[int, list] = {}
    for m in meters:
        groups.setdefault(m.enterprise_id, []).append(m)
    return groups.values()


@member_required
@require_POST
def revoke(request, pk):
    row = object_for(request, ApiToken, "change", pk=pk)
    revoke_token(row)
    messages.success(request, _("The token %(prefix)s… was revoked.") % {"prefix": row.prefix})
    return redirect("api_admin:tokens")
