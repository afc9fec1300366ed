"""The pages bench.load measures, saved as HTML with per-request values masked, so that a change meant to make a
page cheaper can be shown to leave it byte for byte the same: run before and after, then ``diff -r`` the folders.

    .venv/bin/python -m bench.same_pages OUT_DIR [--database-url postgres://postgres@127.0.0.1:5432/parkcarbon_load]

Users: an enterprise reporter with a draft (editable) inventory, the same reporter on a submitted inventory, and
the park administrator (park inventory, an enterprise's inventory). Pages: dashboard, inventory list, inventory
page (each section, page 2, an htmx page of lines), line form, report preview, login page; in both languages.
Masked: CSRF tokens and CSP nonces (new on every request).
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
from pathlib import Path

from bench.load import build

MASKS = [
    (re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+'), rb"\1CSRF"),
    (re.compile(rb'("X-CSRFToken": ")[^"]+'), rb"\1CSRF"),
    (re.compile(rb'(csrf[-_]?token["\']?\s*[:=]\s*["\'])[^"\']+', re.I), rb"\1CSRF"),
    (re.compile(rb'(nonce=")[^"]+'), rb"\1NONCE"),
]


def masked(content: bytes) -> bytes:
    for pattern, replacement in MASKS:
        content = pattern.sub(replacement, content)
    return content


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--database-url", default=os.environ.get(
        "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/parkcarbon_load"))
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("PARKCARBON_TESTING", "1")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("REQUEST_LOG_LEVEL", "WARNING")
    data, _how = build(args.database_url, 2000, 2)
    from django.test import Client

    from parkcarbon.accounts.models import User
    from parkcarbon.inventory.models import Inventory

    plan = data["plans"][0]
    reporter = User.objects.get(username="load_reporter_0")
    admin = User.objects.get(username="bench_report_admin")
    submitted = Inventory.objects.filter(park_id=data["park"], enterprise__isnull=False, status="submitted").order_by(
        "pk").last()
    own = Inventory.objects.get(park_id=data["park"], enterprise__isnull=True)
    inv = plan["inventory"]
    common = ["/", "/accounting/", "/alerts/"]
    pages = {
        "reporter": (reporter, common + [
            f"/accounting/{inv}/", f"/accounting/{inv}/?section=ippu", f"/accounting/{inv}/?page=1",
            f"/accounting/{inv}/lines/{plan['line']}/", f"/accounting/{inv}/preview/", f"/accounting/{inv}/?page=x"]),
        "admin": (admin, common + [f"/accounting/{own.pk}/", f"/accounting/{inv}/", f"/accounting/{submitted.pk}/",
                                   f"/accounting/{submitted.pk}/?section=ippu", f"/accounting/{own.pk}/preview/"]),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    n = 0
    for lang in ("zh-hans", "en"):
        anonymous = Client(HTTP_ACCEPT_LANGUAGE=lang)
        (args.out / f"{lang}-anonymous-login.html").write_bytes(masked(anonymous.get("/accounts/login/").content))
        for who, (user, urls) in pages.items():
            client = Client(HTTP_ACCEPT_LANGUAGE=lang)
            client.force_login(user)
            client.cookies["django_language"] = lang
            for i, url in enumerate(urls):
                for htmx in (False, True) if "/accounting/" in url and url.count("/") == 3 else (False,):
                    headers = {"HX-Request": "true"} if htmx else {}
                    response = client.get(url, headers=headers)
                    name = f"{lang}-{who}-{i:02d}{'-htmx' if htmx else ''}-{response.status_code}.html"
                    (args.out / name).write_bytes(masked(response.content))
                    n += 1
    print(f"{n} pages written to {args.out}")


if __name__ == "__main__":
    main()
