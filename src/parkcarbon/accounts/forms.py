"""Users and their roles: creating a user with a role in one transaction, adding roles, editing accounts."""

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from parkcarbon.accounts.models import Membership, User
from parkcarbon.common.policy import ROLE_REACH, grantable_roles
from parkcarbon.parks.models import Agency, Enterprise, Park


class RoleForm(forms.Form):
    """A role for a user, limited to the roles, parks, enterprises and agencies the acting user may grant.
    ``clean`` builds ``self.membership`` (unsaved, without its user)."""

    role = forms.ChoiceField(
        label=_("role"),
        error_messages={"required": _("Choose a role: an account without a role cannot see anything.")},
    )
    park = forms.ModelChoiceField(Park.objects.none(), required=False, label=_("park"))
    enterprise = forms.ModelChoiceField(
        Enterprise.objects.none(),
        required=False,
        label=_("enterprise"),
        help_text=_("For enterprise reporters and managers."),
    )
    agency = forms.ModelChoiceField(
        Agency.objects.none(),
        required=False,
        label=_("agency"),
        help_text=_("For verifiers and authority viewers."),
    )

    def __init__(self, *args, user, **kwargs):
        self.acting_user = user
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------"), *grantable_roles(user)]
        parks = Park.objects.for_user(user, "add_user")
        self.fields["park"].queryset = parks
        for name in ("park", "enterprise", "agency"):
            self.fields[name].empty_label = _("None")
        if parks.count() == 1:
            self.fields["park"].initial = parks.first()
        self.fields["enterprise"].queryset = (
            Enterprise.objects.for_user(user, "change").filter(park__in=parks).select_related("park")
        )
        self.fields["agency"].queryset = Agency.objects.for_user(user, "change")

    def clean(self):
        cleaned = super().clean()
        role, park, enterprise = cleaned.get("role"), cleaned.get("park"), cleaned.get("enterprise")
        if not role:
            return cleaned
        if enterprise and not park:
            cleaned["park"] = park = enterprise.park
        if ROLE_REACH[role] != "all" and park is None:
            self.add_error("park", _("Choose the park this account belongs to."))
            return cleaned
        if ROLE_REACH[role] == "all" and park is not None:
            self.add_error("park", _("A platform administrator is not tied to a park."))
            return cleaned
        membership = Membership(
            role=role,
            park=park,
            enterprise=enterprise if ROLE_REACH[role] == "enterprise" else None,
            agency=cleaned.get("agency") if ROLE_REACH[role] == "agency" else None,
        )
        try:
            membership.clean()
        except ValidationError as e:
            for field, errors in e.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        self.membership = membership
        return cleaned


class UserCreateForm(RoleForm, UserCreationForm):
    """A new user together with their first role."""

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["email"].required = True
        # Who and what role first; the password (with its long rules) last.
        order = ["username", "email", "first_name", "last_name", "role", "park", "enterprise", "agency"]
        self.order_fields(order + ["password1", "password2"])

    def save(self, commit=True):
        # User and role are created together or not at all: a user without a role is useless.
        with transaction.atomic():
            user = super().save(commit=True)
            self.membership.user = user
            self.membership.save()
        return user


class UserEditForm(forms.ModelForm):
    """An administrator edits another user's name and e-mail, or deactivates the account (it keeps its history)."""

    class Meta:
        model = User
        fields = ("first_name", "last_name", "email", "is_active")
        labels = {"is_active": _("account active")}
        help_texts = {"is_active": _("An inactive account cannot sign in; its data and history are kept.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
