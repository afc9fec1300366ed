"""The trial banner: days left of a park's trial, or that it ended and the park is read-only."""

from parkcarbon.common.policy import memberships


def trial_banner(request):
    parks = {m.park.pk: m.park for m in memberships(getattr(request, "user", None)) if m.park_id}
    trials = sorted((p for p in parks.values() if p.trial_ends_on), key=lambda p: p.trial_ends_on)
    return {"trial_parks": trials}
