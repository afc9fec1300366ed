"""Walk the demo as every login and anonymous, in zh-hans and en, and flag server errors and language gaps.

Run against a demo database (DEBUG=1, DATABASE_URL=sqlite:///.../demo.sqlite3, after load_demo):

    .venv/bin/python scripts/i18n_walk.py --cap 150 --out walk.json

Pages are fetched in-process with Django's test client, breadth first from "/" (and the navigation's links),
following same-site links and skipping logout, POST-only actions and heavy downloads. On zh pages the visible
text (outside <code>, <pre>, inputs, scripts) is searched for English words that are UI text rather than data;
on en pages for Chinese text. Each finding is a (page, text) pair; the report groups them by text.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter, defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

SKIP_PARTS = ("logout", "/admin/", "/i18n/", "/static/", "/media/", "/api/v1/docs", "/healthz", "/readyz", "/metrics")
DOWNLOAD_RE = re.compile(r"\.(docx|xlsx|pdf|csv|zip|json|xml)(\?|$)|/(download|export|file|files)(/|\?|$)")
SKIP_TAGS = {"script", "style", "code", "pre", "textarea", "option", "svg", "kbd", "samp", "noscript"}
CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]+(?:\s+[A-Za-z][A-Za-z'’\-]+)*")


class Text(HTMLParser):
    """Visible text chunks, links, and attribute texts (title, placeholder, aria-label) of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.skip = 0
        self.chunks: list[str] = []
        self.links: list[str] = []
        self.attrs_text: list[str] = []
        self.user_data = 0  # inside an element marked as data (translate="no", class ... data / code)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for k in ("title", "placeholder", "aria-label", "alt"):
            if a.get(k):
                self.attrs_text.append(a[k])
        if tag == "input" and a.get("type") in ("submit", "button") and a.get("value"):
            self.attrs_text.append(a["value"])
        if tag in ("br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base"):
            return
        marked = tag in SKIP_TAGS or a.get("translate") == "no" or "data-user" in a
        self.stack.append((tag, marked))
        if marked:
            self.skip += 1

    def handle_endtag(self, tag):
        while self.stack:
            t, marked = self.stack.pop()
            if marked:
                self.skip -= 1
            if t == tag:
                break

    def handle_data(self, data):
        if not self.skip:
            s = " ".join(data.split())
            if s:
                self.chunks.append(s)


def english_words(chunk: str, allow: set[str]) -> list[str]:
    """English phrases in a chunk of a zh page that look like UI words (not codes, units, names, ids)."""
    out = []
    for m in WORD.finditer(chunk):
        phrase = m.group(0)
        words = [w for w in re.split(r"\s+", phrase) if w]
        # Lowercase prose words, at least one of them a dictionary-like word of 3+ letters, not a code.
        real = [w for w in words if w.lower() not in allow and not re.fullmatch(r"[A-Z0-9_\-]+", w)
                and not re.fullmatch(r"[a-z]+_[a-z_0-9]+", w) and len(w) > 2]
        if not real:
            continue
        out.append(phrase)
    return out


# Codes, units, standards, brand names and abbreviations that are the same in both languages.
ALLOW = set(
    """parkcarbon co2 co2e ch4 n2o hfcs pfcs sf6 nf3 tco2 tco2e kgco2 kgco2e gwp ar4 ar5 ar6 ipcc ghg iso ncv tj gj mj
    kwh mwh gwh kg km t nm3 m3 tce toe mt kt gt api csv xlsx docx pdf html json xml htmx echarts python django ok url
    id email http https www com org cn sha sha256 scope sbti cdp gri tcfd issb ifrs cbam ets ccer ccers eua vcs gs
    lng lpg cng dri bof eaf csd etdz demo example unfccc wri wbcsd ndrc mee sasac gb gbt nbs ipcc2006 ipcc2019 defra
    epa iea ghgp ghgprotocol tonne tonnes pue cop cod bod mwp mw kw hfc pfc ods nmvoc voc hr min s h d yr a ppm ppb
    rmb cny usd eur et al csi ci rq sql sqlite postgresql redis wal markdown utf pdfs xlsxs docxs png svg js css
    """.split()
)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--cap", type=int, default=150)
    parser.add_argument("--out", default="walk.json")
    parser.add_argument("--logins", default="")
    parser.add_argument("--langs", default="zh-hans,en")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parkcarbon.config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from parkcarbon.accounts.models import User

    settings.ALLOWED_HOSTS = ["*"]
    logins = [u for u in args.logins.split(",") if u] or ["", *User.objects.filter(is_active=True)
                                                          .order_by("username").values_list("username", flat=True)]
    results = {"pages": {}, "errors": [], "findings": []}
    for login in logins:
        for lang in args.langs.split(","):
            crawl(Client(raise_request_exception=False), login, lang, args.cap, results)
            key = f"{login or 'anonymous'}/{lang}"
            print(key, results["pages"][key], "pages", file=sys.stderr)
    with open(args.out, "w") as fh:
        json.dump(results, fh, ensure_ascii=False, indent=1)
    summarize(results)


def crawl(client, login, lang, cap, results):
    from django.conf import settings

    from parkcarbon.parks.demo import DEMO_PASSWORD

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    if login:  # django-axes wants a request to authenticate: sign in as a known demo user directly
        from parkcarbon.accounts.models import User

        user = User.objects.get(username=login)
        assert user.check_password(DEMO_PASSWORD), login
        client.force_login(user)
    key = f"{login or 'anonymous'}/{lang}"
    seen, queue, n = {"/"}, deque([("/", None)]), 0
    while queue and n < cap:
        url, parent = queue.popleft()
        resp = client.get(url, follow=False, HTTP_ACCEPT_LANGUAGE=lang)
        n += 1
        status = resp.status_code
        if status >= 400 and not (status == 404 and parent is None) and status not in (403,):
            results["errors"].append({"who": key, "url": url, "status": status, "from": parent})
        if status in (301, 302, 303, 307, 308):
            loc = urljoin(url, resp.headers.get("Location", ""))
            enqueue(loc, url, seen, queue)
            continue
        ctype = resp.headers.get("Content-Type", "")
        if status != 200 or "html" not in ctype:
            continue
        html = resp.content.decode("utf-8", "replace")
        p = Text()
        p.feed(html)
        for href in p.links:
            enqueue(urljoin(url, href), url, seen, queue)
        texts = p.chunks + p.attrs_text
        for t in texts:
            if lang.startswith("zh"):
                for phrase in english_words(t, ALLOW):
                    results["findings"].append({"who": key, "url": url, "lang": lang, "text": phrase, "ctx": t[:200]})
            elif CJK.search(t):
                results["findings"].append({"who": key, "url": url, "lang": lang, "text": t[:120], "ctx": t[:200]})
    results["pages"][key] = n


def enqueue(url, parent, seen, queue):
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    if parts.netloc and parts.netloc not in ("testserver", "127.0.0.1", "localhost"):
        return
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if not path.startswith("/") or any(s in path for s in SKIP_PARTS) or DOWNLOAD_RE.search(path):
        return
    if parts.query and "page=" in parts.query:  # paging through lists adds nothing new
        norm = re.sub(r"page=\d+", "page=N", path)
        if norm in seen:
            return
        seen.add(norm)
    # One of each detail pattern with many numeric ids is enough after a few.
    if path in seen:
        return
    seen.add(path)
    queue.append((path, parent))


def summarize(results):
    print(f"errors: {len(results['errors'])}")
    for e in results["errors"][:200]:
        print(" ", e["status"], e["who"], e["url"], "<-", e["from"])
    by = defaultdict(set)
    cnt = Counter()
    for f in results["findings"]:
        by[(f["lang"][:2], f["text"])].add(f["url"])
        cnt[(f["lang"][:2], f["text"])] += 1
    print(f"distinct findings: {len(by)}")
    for (lang, text), urls in sorted(by.items(), key=lambda kv: (kv[0][0], -cnt[kv[0]])):
        print(f"  [{lang}] {cnt[(lang, text)]:4d} {text!r}  e.g. {sorted(urls)[0]}")


if __name__ == "__main__":
    main()
