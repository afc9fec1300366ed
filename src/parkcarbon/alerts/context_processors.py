"""The number of open alerts a signed-in user may see, for the badge in the navigation."""


def open_alerts(request):
    from parkcarbon.alerts.dashboard import open_alert_count
    from parkcarbon.common.policy import memberships

    user = getattr(request, "user", None)
    if user is None or not memberships(user):
        return {}
    return {"open_alerts": open_alert_count(user)}
