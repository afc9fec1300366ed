"""Account pages: user list/create/edit for administrators, password reset links, plus Django's auth views."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from parkcarbon.accounts.access import may_manage
from parkcarbon.accounts.forms import RoleForm, UserCreateForm, UserEditForm
from parkcarbon.accounts.models import Membership, User
from parkcarbon.common.history import history_entries
from parkcarbon.common.policy import can, has_role_for
from parkcarbon.common.views import member_required, object_for
from parkcarbon.parks.models import Park


@member_required
def user_list(request):
    if not has_role_for(request.user, "membership", "view"):
        raise PermissionDenied
    visible = Membership.objects.for_user(request.user).select_related("park", "enterprise", "agency")
    users = (
        User.objects.for_user(request.user)
        .prefetch_related(
            Prefetch("memberships", queryset=visible, to_attr="visible_memberships"),
            Prefetch("memberships", queryset=Membership.objects.all(), to_attr="all_memberships"),
        )
        .order_by("username")
    )
    rows = [(u, may_manage(request.user, u)) for u in users]
    return render(
        request, "accounts/user_list.html", {"rows": rows, "can_add": can(request.user, "add_user", Park)}
    )


def _managed_user(request, pk):
    """404 outside the administrator's parks (no existence leak); 403 for a user they see but may not manage."""
    target = object_for(request, User, "change", pk=pk)
    if not may_manage(request.user, target):
        raise PermissionDenied
    return target


def _user_page(request, target, form, reset_link=None, role_form=None):
    visible = Membership.objects.for_user(request.user).filter(user=target).select_related(
        "park", "enterprise", "agency")
    return render(request, "accounts/user_edit.html", {
        "target": target, "form": form, "memberships": visible, "reset_link": reset_link,
        "role_form": role_form or RoleForm(user=request.user, prefix="role"),
        "can_remove_role": target.memberships.count() > 1,
        "reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600, "history": history_entries(target),
    })


@member_required
def user_edit(request, pk):
    target = _managed_user(request, pk)
    form = UserEditForm(request.POST or None, instance=target)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = form.save()
        messages.success(request, _("User %(name)s saved.") % {"name": user.username})
        return redirect("accounts:user_list")
    return _user_page(request, target, form)


@member_required
@require_POST
def user_reset_link(request, pk):
    """A one-time link that lets the user choose a new password, for the administrator to pass on (the platform
    may run without e-mail). It stops working once used, after the password changes, or when it expires."""
    target = _managed_user(request, pk)
    if not target.is_active:
        messages.error(request, _("This account is inactive: activate it before sending a password reset link."))
        return redirect("accounts:user_edit", pk=target.pk)
    path = reverse("accounts:password_reset_confirm", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(target.pk)), "token": default_token_generator.make_token(target)})
    return _user_page(request, target, UserEditForm(instance=target), reset_link=request.build_absolute_uri(path))


@member_required
def user_create(request):
    if not can(request.user, "add_user", Park):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("User %(name)s created.") % {"name": user.username})
        return redirect("accounts:user_list")
    context = {
        "form": form,
        "title": _("New user"),
        "submit_label": _("Create user"),
        "cancel_url": reverse("accounts:user_list"),
    }
    return render(request, "common/form_page.html", context)


@member_required
@require_POST
def user_role_add(request, pk):
    target = _managed_user(request, pk)
    form = RoleForm(request.POST, user=request.user, prefix="role")
    if form.is_valid():
        m = form.membership
        held = target.memberships.filter(role=m.role, park=m.park, enterprise=m.enterprise, agency=m.agency)
        if held.exists():
            form.add_error("role", _("This user already holds this role."))
        else:
            with transaction.atomic():
                m.user = target
                m.save()
            messages.success(request, _("Role added to %(name)s.") % {"name": target.username})
            return redirect("accounts:user_edit", pk=target.pk)
    return _user_page(request, target, UserEditForm(instance=target), role_form=form)


@member_required
@require_POST
def user_role_remove(request, pk, membership_pk):
    target = _managed_user(request, pk)  # a park admin manages only users all of whose roles are in their reach
    membership = get_object_or_404(target.memberships, pk=membership_pk)
    if target.memberships.count() == 1:
        messages.error(request, _("This is the user's only role: deactivate the account instead."))
    else:
        with transaction.atomic():
            membership.delete()
        messages.success(request, _("Role removed from %(name)s.") % {"name": target.username})
    return redirect("accounts:user_edit", pk=target.pk)
