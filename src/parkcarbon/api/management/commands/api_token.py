"""``parkcarbon api_token create USERNAME --scope read|write [--days N] [--name NAME]``: prints the token once.
``parkcarbon api_token list [USERNAME]`` and ``parkcarbon api_token revoke PREFIX``."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from parkcarbon.api.models import ApiToken, TokenScope
from parkcarbon.api.tokens import create_token, revoke


class Command(BaseCommand):
    help = "Create, list or revoke REST API tokens."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a token for a user and print it once")
        create.add_argument("username")
        create.add_argument("--scope", choices=TokenScope.values, default=TokenScope.READ)
        create.add_argument("--days", type=int, default=None, help="expire after N days (default: never)")
        create.add_argument("--name", default="command line")
        listing = sub.add_parser("list", help="list tokens (prefix, user, scope, expiry, last use)")
        listing.add_argument("username", nargs="?")
        rev = sub.add_parser("revoke", help="revoke the token with this prefix")
        rev.add_argument("prefix")

    def handle(self, *args, action, **options):
        getattr(self, f"_{action}")(**options)

    def _create(self, username, scope, days, name, **_options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {username!r}")
        if days is not None and not 1 <= days <= 3650:
            raise CommandError("--days must be from 1 to 3650")
        _row, token = create_token(user, name, scope, days=days)
        self.stdout.write(token)

    def _list(self, username=None, **_options):
        rows = ApiToken.objects.select_related("user").order_by("user__username", "-created_at")
        if username:
            rows = rows.filter(user__username=username)
        for t in rows:
            state = "active" if t.is_active else ("revoked" if t.revoked_at else "expired")
            self.stdout.write(f"{t.prefix}\t{t.user.username}\t{t.scope}\t{state}\t"
                              f"expires={t.expires_at:%Y-%m-%d}\t" if t.expires_at else
                              f"{t.prefix}\t{t.user.username}\t{t.scope}\t{state}\texpires=never\t", ending="")
            self.stdout.write(f"last_used={t.last_used_at:%Y-%m-%d %H:%M}" if t.last_used_at else "last_used=never")

    def _revoke(self, prefix, **_options):
        row = ApiToken.objects.filter(prefix=prefix.removeprefix("pc_").split("_")[0]).first()
        if row is None:
            raise CommandError(f"no token with prefix {prefix!r}")
        revoke(row)
        self.stdout.write(f"revoked {row.prefix}")
