"""Which accounts an administrator may edit, deactivate or send a password reset link to."""

from parkcarbon.common.policy import GRANTABLE, Role, memberships, user_roles


def may_manage(actor, target) -> bool:
    """Platform admins manage everyone but themselves. A park admin manages an account only when every role it holds
    is one park admins grant, in a park they administer: a user who also works for another park, or a peer park
    admin, is out of reach (editing them would change what another park relies on)."""
    if actor.pk == target.pk or not actor.is_active:
        return False  # one's own account: the password change page
    roles = user_roles(actor)
    if Role.PLATFORM_ADMIN in roles:
        return True
    admin_parks = {m.park_id for m in memberships(actor) if m.role == Role.PARK_ADMIN and m.park_id}
    if not admin_parks:
        return False
    held = getattr(target, "all_memberships", None)
    held = list(target.memberships.all()) if held is None else held
    grantable = GRANTABLE[Role.PARK_ADMIN]
    return bool(held) and all(m.park_id in admin_parks and m.role in grantable for m in held)
