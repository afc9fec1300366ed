"""Account pages: user list/create for park administrators, plus Django's auth views (templated)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from parkcarbon.accounts.forms import UserCreateForm
from parkcarbon.accounts.models import Membership, User
from parkcarbon.common.policy import can, has_role_for
from parkcarbon.common.views import member_required
from parkcarbon.parks.models import Park


@member_required
def user_list(request):
    if not has_role_for(request.user, "membership", "view"):
        raise PermissionDenied
    visible = Membership.objects.for_user(request.user).select_related("park", "enterprise", "agency")
    users = (
        User.objects.for_user(request.user)
        .prefetch_related(Prefetch("memberships", queryset=visible, to_attr="visible_memberships"))
        .order_by("username")
    )
    return render(
        request, "accounts/user_list.html", {"users": users, "can_add": can(request.user, "add_user", Park)}
    )


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
