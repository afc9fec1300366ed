"""The trial workflow: submit -> approve (park + first administrator + set-password link) or reject; extend / convert.

Every decision saves the application (simple-history records who and when); e-mails go out after the transaction
commits, in the applicant's language."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.cache import cache
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import override

from parkcarbon.accounts.models import Membership
from parkcarbon.common.policy import Role
from parkcarbon.parks import industry
from parkcarbon.parks.models import Park
from parkcarbon.trials.models import Status, TrialApplication, name_key

logger = logging.getLogger(__name__)


class TrialError(Exception):
    """A refused step; the message is for the user."""


def pending_duplicate(park_name: str, division: str) -> TrialApplication | None:
    return TrialApplication.objects.filter(
        park_name_key=name_key(park_name), division=division, status=Status.PENDING).first()


def rate_limited(*addresses: str) -> bool:
    """Count one submission for each address (client IP, e-mail); True when any is over the limit for the window.
    Cache-based: with several server processes configure a shared cache (CACHES) so they count together."""
    limited = False
    window = settings.PARKCARBON_TRIAL_APPLY_WINDOW_SECONDS
    for address in filter(None, addresses):
        key = f"trials:apply:{address.lower()}"
        cache.add(key, 0, window)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)
            count = 1
        limited |= count > settings.PARKCARBON_TRIAL_APPLY_LIMIT
    return limited


def submit(application: TrialApplication) -> TrialApplication:
    """Save a new application and confirm it to the applicant; a pending one for the same park is refused."""
    if pending_duplicate(application.park_name, application.division):
        raise TrialError(_("An application for this park is already waiting for review."))
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError as exc:  # the same park submitted twice at once: the constraint keeps one
        raise TrialError(_("An application for this park is already waiting for review.")) from exc
    transaction.on_commit(lambda: _mail(application, "submitted"))
    return application


def _unique_park_code(application: TrialApplication) -> str:
    code = f"trial-{application.pk}"
    suffix = 1
    while Park.objects.filter(code=code).exists():
        suffix += 1
        code = f"trial-{application.pk}-{suffix}"
    return code


def industries_text(codes: str) -> str:
    """'C, 26' -> 'C 制造业; 26 化学原料和化学制品制造业' (Chinese: the park profile's legal language)."""
    items = [industry.lookup(code.strip()) for code in codes.split(",") if code.strip()]
    return "; ".join(f"{i.code} {i.name_zh}" for i in items if i)[:300]


def approve(application_id: int, by, trial_days: int | None = None, request=None) -> TrialApplication:
    """Create the park (on trial) and its first administrator, and send the set-password link.
    Refused unless the application is still pending (approving twice, or after a rejection)."""
    trial_days = trial_days or settings.PARKCARBON_TRIAL_DAYS
    User = get_user_model()
    with transaction.atomic():
        application = TrialApplication.objects.select_for_update().get(pk=application_id)
        if application.status != Status.PENDING:
            raise TrialError(_("This application was already decided (%(status)s).")
                             % {"status": application.get_status_display()})
        if User.objects.filter(username__iexact=application.email).exists() or \
                User.objects.filter(email__iexact=application.email).exists():
            raise TrialError(_("A user with the e-mail %(email)s already exists: reject the application or ask "
                               "the applicant for another address.") % {"email": application.email})
        park = Park(name=application.park_name, code=_unique_park_code(application), level=application.level,
                    division=application.division, area_km2=application.area_km2,
                    leading_industries=industries_text(application.industries),
                    trial_ends_on=timezone.localdate() + timedelta(days=trial_days - 1))
        park.save()
        user = User(username=application.email.lower(), email=application.email, first_name=application.contact_name)
        user.set_unusable_password()  # the applicant sets it through the one-time link
        user.save()
        Membership.objects.create(user=user, role=Role.PARK_ADMIN, park=park)
        application.status, application.park = Status.APPROVED, park
        application.decided_at, application.decided_by = timezone.now(), by
        application._change_reason, application._history_user = "approved", by
        application.save()
        transaction.on_commit(lambda: _mail(application, "approved", link=set_password_link(user, request)))
    return application


def reject(application_id: int, by, reason: str) -> TrialApplication:
    reason = (reason or "").strip()
    if not reason:
        raise TrialError(_("Give the reason: the applicant receives it."))
    with transaction.atomic():
        application = TrialApplication.objects.select_for_update().get(pk=application_id)
        if application.status != Status.PENDING:
            raise TrialError(_("This application was already decided (%(status)s).")
                             % {"status": application.get_status_display()})
        application.status, application.reason = Status.REJECTED, reason
        application.decided_at, application.decided_by = timezone.now(), by
        application._change_reason, application._history_user = "rejected", by
        application.save()
        transaction.on_commit(lambda: _mail(application, "rejected"))
    return application


def extend_trial(park: Park, until: date) -> Park:
    if until < timezone.localdate():
        raise TrialError(_("The new end date must be today or later."))
    park.trial_ends_on = until
    park._change_reason = "trial extended"
    park.save()
    return park


def convert_to_full(park: Park) -> Park:
    park.trial_ends_on = None
    park._change_reason = "converted to a full account"
    park.save()
    return park


def set_password_link(user, request=None) -> str:
    """Django's password-reset token: valid for PASSWORD_RESET_TIMEOUT, void once the password is set."""
    path = reverse("accounts:password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)})
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.PARKCARBON_SITE_URL.rstrip("/") + path


def _mail(application: TrialApplication, event: str, link: str = "") -> int:
    """Send one of the applicant's e-mails. Runs after the decision committed: a mail server failure is logged, not
    raised (the decision stands; a platform administrator can send a new password link from the user's page)."""
    try:
        return _send(application, event, link)
    except Exception:  # noqa: BLE001 - any transport error; the page must not fail after the commit
        logger.exception("trial e-mail %r to application %s failed", event, application.pk)
        return 0


def _send(application: TrialApplication, event: str, link: str) -> int:
    context = {"application": application, "link": link, "trial_days": settings.PARKCARBON_TRIAL_DAYS,
               "reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
               "login_url": settings.PARKCARBON_SITE_URL.rstrip("/") + reverse("accounts:login")}
    with override(application.language):
        subject = render_to_string(f"trials/mail/{event}_subject.txt", context).strip()
        body = render_to_string(f"trials/mail/{event}_body.txt", context)
    return send_mail(subject, body, None, [application.email])
