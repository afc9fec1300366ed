"""Factor library releases (``parkcarbon.engine.releases()`` lists them): every release the platform has shipped stays loadable, so a number computed with one is
reproduced with it years later.

``data/releases.yaml`` lists the releases, oldest first, each with its date, changelog (Chinese and English) and the
SHA-256 content hash of its complete data. The files under ``data/`` are the newest release. An older release is
stored as reverse differences: ``data/releases/<id>/`` holds that release's version of every file that differs from
the next newer release (same relative path). Release *i* is read through the layers
``releases/<i>/``, ``releases/<i+1>/`` ... ``data/``: the first layer that has a file wins.

A shipped release never changes: a change of data is a new release (copy the files about to change into
``releases/<previous id>/``, edit ``data/``, add the entry with ``parkcarbon releases --hash``). ``check()`` (and
``parkcarbon releases --check``) validates a data tree before it is installed: the index, every release's factors
(source, validity overlap, duplicates: the library loader's checks) and every recorded hash.

Methodologies (``data/methodologies/*.yaml``) are part of a release too: a release reads the methodology files of its
time through the same layers (``releases/<id>/methodologies/``), so a guideline edit never moves an older release's
numbers. The content hash covers them from release ``METHODOLOGIES_FROM`` (2026.3) on; the hashes recorded for
2025.1, 2026.1 and 2026.2 were taken before, over the factor files only, and stay as recorded. The methodology files
of 2025.1 and 2026.1 (both shipped by the same commit) are under ``releases/2026.1/methodologies/``, taken from git
history; the files under ``data/methodologies/`` are what 2026.2 shipped. Before editing one, copy it unchanged to
``releases/<newest id>/methodologies/`` like any data file.

A park release (``2026.2+demo-etdz.1``) is a park's own factors over a shipped release; it lives in the database,
never here: see engine/park_factors.py.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from functools import cache

import yaml

from parkcarbon.engine.errors import DataFileError
from parkcarbon.engine.library import Factor, Library, _load_dir, data_root, library_files

INDEX = "releases.yaml"
OVERLAYS = "releases"
RELEASE_ID = re.compile(r"^(\d{4})\.(\d{1,2})$")
KEYS = ("id", "date", "changelog_en", "changelog_zh", "sha256")
HASHED = ("sources.csv", "regions.csv")  # read by every library besides library_files()
METHODOLOGIES = "methodologies"
METHODOLOGIES_FROM = "2026.3"  # the first release whose content hash covers its methodology files


@dataclass(frozen=True)
class Release:
    id: str
    date: datetime.date
    changelog_en: str
    changelog_zh: str
    sha256: str
    newest: bool = False

    def changelog(self, language: str = "en") -> str:
        return self.changelog_zh if language.startswith("zh") else self.changelog_en


class UnknownRelease(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


class _Layered:
    """A read-only directory seen through layers (first wins), with the small part of the Traversable interface
    the library loader uses: ``/``, ``iterdir()`` and ``name``."""

    def __init__(self, dirs: list, name: str = "") -> None:
        self.dirs, self.name = dirs, name

    def __truediv__(self, name: str):
        subs = [d / name for d in self.dirs]
        for s in subs:
            if s.is_file():
                return s
        dirs = [s for s in subs if s.is_dir()]
        return _Layered(dirs, name) if dirs else subs[-1]

    def iterdir(self):
        names = dict.fromkeys(p.name for d in self.dirs for p in d.iterdir())
        return [self / n for n in names]

    def is_dir(self) -> bool:
        return True

    def is_file(self) -> bool:
        return False


def _parse_index(root) -> tuple[Release, ...]:
    path = root / INDEX
    if not path.is_file():
        return ()
    where = INDEX
    try:
        raw = yaml.safe_load(path.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        raise DataFileError(f"{where}: not valid YAML ({exc})") from None
    entries = raw.get("releases") if isinstance(raw, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"{where}: expected 'releases:' with a list of releases")
    out: list[Release] = []
    for n, entry in enumerate(entries, start=1):
        at = f"{where} release {n}"
        if not isinstance(entry, dict) or set(entry) != set(KEYS):
            raise DataFileError(f"{at}: fields must be {', '.join(KEYS)}")
        rid = str(entry["id"])
        if not RELEASE_ID.match(rid):
            raise DataFileError(f"{at}: id {rid!r} must look like 2026.1 (year.number)")
        if any(r.id == rid for r in out):
            raise DataFileError(f"{at}: duplicate release id {rid}")
        date = entry["date"]
        if not isinstance(date, datetime.date):
            raise DataFileError(f"{at} ({rid}): date must be a date (YYYY-MM-DD)")
        if not str(entry["changelog_en"]).strip() or not str(entry["changelog_zh"]).strip():
            raise DataFileError(f"{at} ({rid}): a changelog in English and Chinese is required")
        if out and (_order(rid) <= _order(out[-1].id) or date < out[-1].date):
            raise DataFileError(f"{at} ({rid}): releases must be listed oldest first (after {out[-1].id})")
        out.append(Release(rid, date, str(entry["changelog_en"]).strip(), str(entry["changelog_zh"]).strip(),
                           str(entry["sha256"] or "")))
    out[-1] = Release(**{**vars(out[-1]), "newest": True})
    overlay_root = root / OVERLAYS
    present = {p.name for p in overlay_root.iterdir() if p.is_dir()} if overlay_root.is_dir() else set()
    listed = {r.id for r in out}
    if present - listed:
        raise DataFileError(f"{OVERLAYS}/: {', '.join(sorted(present - listed))} is not a release in {INDEX}")
    if out[-1].id in present:
        raise DataFileError(f"{OVERLAYS}/{out[-1].id}: the newest release is the files under data/, not an overlay")
    return tuple(out)


def _order(rid: str) -> tuple[int, int]:
    year, n = RELEASE_ID.match(rid).groups()
    return int(year), int(n)


@cache
def _index(data_dir: str | None) -> tuple[Release, ...]:
    return _parse_index(data_root(data_dir))


def releases(data_dir: str | None = None) -> tuple[Release, ...]:
    """The installed releases, oldest first (the last is the newest: the data files as installed)."""
    return _index(data_dir)


def latest(data_dir: str | None = None) -> str:
    """The newest release id ("" when the data carries no release index)."""
    index = _index(data_dir)
    return index[-1].id if index else ""


def get(release_id: str, data_dir: str | None = None) -> Release:
    for r in _index(data_dir):
        if r.id == release_id:
            return r
    raise UnknownRelease(f"unknown factor library release {release_id!r}; installed: "
                         f"{', '.join(r.id for r in _index(data_dir)) or 'none'}")


def resolve_id(release: str | None, data_dir: str | None = None) -> str:
    """The id to load: ``release`` if installed, the newest when None."""
    if release is None or release == "":
        return latest(data_dir)
    return get(release, data_dir).id


def release_root(release_id: str, data_dir: str | None = None, index: tuple[Release, ...] | None = None):
    """The data of a release, as layers over ``data/`` (the newest release is ``data/`` itself)."""
    root = data_root(data_dir)
    index = _index(data_dir) if index is None else index
    ids = [r.id for r in index]
    if release_id not in ids:
        raise UnknownRelease(f"unknown factor library release {release_id!r}")
    position = ids.index(release_id)
    if position == len(ids) - 1:
        return root
    overlays = root / OVERLAYS
    layers = [overlays / rid for rid in ids[position:-1] if (overlays / rid).is_dir()]
    return _Layered([*layers, root])


def hashes_methodologies(release_id: str) -> bool:
    """Whether the content hash of ``release_id`` covers its methodology files (from METHODOLOGIES_FROM on)."""
    return bool(release_id) and RELEASE_ID.match(release_id) is not None and \
        _order(release_id) >= _order(METHODOLOGIES_FROM)


def methodology_files(root) -> list:
    folder = root / METHODOLOGIES
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name)


def content_hash(root, release_id: str = "") -> str:
    """SHA-256 of every file a library reads, each with its name (a renamed file changes the hash); for a release
    from METHODOLOGIES_FROM on, its methodology files too."""
    factor_files, activity_files, others = library_files(root)
    methodology = methodology_files(root) if hashes_methodologies(release_id) else []
    digest = hashlib.sha256()
    for p in [*factor_files, *activity_files, *others, *(root / n for n in HASHED), *methodology]:
        digest.update(f"{p.name}\n".encode())
        digest.update(p.read_bytes())
    return digest.hexdigest()


def check(data_dir: str | None = None) -> list[tuple[Release, str, Library]]:
    """Validate a data tree with its releases before installing it: raises DataFileError with a clear message for
    a bad index (duplicate id, order, missing changelog), a bad factor in any release (no source, overlapping
    validity, duplicate id ...) or a release whose content no longer matches its recorded hash. Nothing is cached:
    the installed releases stay as they are. Returns (release, content hash, library) per release."""
    root = data_root(data_dir)
    index = _parse_index(root)
    out = []
    for r in index:
        layered = release_root(r.id, data_dir, index)
        try:
            lib = _load_dir(layered, r.id)
        except DataFileError as exc:
            raise DataFileError(f"release {r.id}: {exc}") from None
        _check_methodologies(layered, r.id, lib)
        actual = content_hash(layered, r.id)
        if r.sha256 != actual:
            raise DataFileError(
                f"release {r.id}: its data changed since it shipped (recorded sha256 {r.sha256[:12] or 'none'}, "
                f"found {actual[:12]}). A shipped release must not change: put the change in a new release"
                + (" (or record the hash of a release not yet shipped)" if r.newest else ""))
        out.append((r, actual, lib))
    return out


def _check_methodologies(root, release_id: str, lib: Library) -> None:
    """Every methodology file of a release validates against that release's library (what it will compute with)."""
    from parkcarbon.engine.methodology import load_file

    for path in methodology_files(root):
        try:
            load_file(path.name, path.read_text("utf-8"), lib)
        except (DataFileError, ValueError) as exc:
            raise DataFileError(f"release {release_id}: {METHODOLOGIES}/{path.name}: {exc}") from None


@dataclass(frozen=True)
class FactorChange:
    """One factor that differs between two releases: ``kind`` is added, removed, changed (what the engine computes
    with: value, unit, validity, region, uncertainty, dataset, subject ..., or the source document) or ``citation``
    (only the table cited, the provenance or the note differ, e.g. a value re-checked against the published text and
    marked official: the number is the same, so a changelog lists it apart, quietly)."""

    kind: str
    id: str
    old: Factor | None
    new: Factor | None

    @property
    def fields(self) -> tuple[str, ...]:
        if self.old is None or self.new is None:
            return ()
        return tuple(k for k in vars(self.old) if k != "file" and getattr(self.old, k) != getattr(self.new, k))


QUIET_FIELDS = ("table", "provenance", "note")  # a change of these alone is kind "citation", never "changed"
CHANGE_KINDS = ("added", "removed", "changed", "citation")


def factor_changes(old: Library, new: Library) -> list[FactorChange]:
    """Factors added, removed, changed (value, validity, source ...) or with a changed citation only (kind
    ``citation``: table, provenance or note) from ``old`` to ``new``, by id."""
    out = []
    for fid in sorted(set(old.factors) | set(new.factors)):
        a, b = old.factors.get(fid), new.factors.get(fid)
        if a is None:
            out.append(FactorChange("added", fid, None, b))
        elif b is None:
            out.append(FactorChange("removed", fid, a, None))
        elif {k: v for k, v in vars(a).items() if k != "file"} != {k: v for k, v in vars(b).items() if k != "file"}:
            fields = {k for k in vars(a) if k != "file" and getattr(a, k) != getattr(b, k)}
            out.append(FactorChange("citation" if fields <= set(QUIET_FIELDS) else "changed", fid, a, b))
    return out


def previous(release_id: str, data_dir: str | None = None) -> str | None:
    ids = [r.id for r in _index(data_dir)]
    position = ids.index(get(release_id, data_dir).id)
    return ids[position - 1] if position else None


def main(argv: list[str]) -> int:
    """``parkcarbon releases [--check] [--hash] [--changes ID] [--data-dir DIR] [--language zh]``: list the installed
    releases; --check validates a data tree (every release loads, hashes match) before it is installed; --hash
    prints each release's content hash; --changes lists the factors a release changed against the one before."""
    import argparse

    p = argparse.ArgumentParser(prog="parkcarbon releases", description="Factor library releases.")
    p.add_argument("--check", action="store_true", help="validate every release of the data tree and its hash")
    p.add_argument("--hash", action="store_true", help="print the content hash of every release")
    p.add_argument("--changes", metavar="ID", help="factors changed by release ID against the previous release")
    p.add_argument("--data-dir", help="a data tree to read instead of the installed one")
    p.add_argument("--language", choices=("en", "zh"), default="en")
    args = p.parse_args(argv)
    try:
        if args.check:
            for r, digest, lib in check(args.data_dir):
                print(f"{r.id}  ok  {len(lib.factors)} factors  sha256 {digest[:12]}")
            return 0
        index = releases(args.data_dir)
        if args.hash:
            for r in index:
                print(f"{r.id}  {content_hash(release_root(r.id, args.data_dir), r.id)}")
            return 0
        if args.changes:
            before = previous(args.changes, args.data_dir)
            if before is None:
                print(f"{args.changes} is the first release: nothing to compare with")
                return 0
            old = _load_dir(release_root(before, args.data_dir), before)
            new = _load_dir(release_root(args.changes, args.data_dir), args.changes)
            changes = factor_changes(old, new)
            for c in changes:
                if c.kind == "citation":
                    continue
                a = f"{c.old.value} {c.old.unit} {c.old.valid_from}-{c.old.valid_to} [{c.old.source}]" if c.old else "-"
                b = f"{c.new.value} {c.new.unit} {c.new.valid_from}-{c.new.valid_to} [{c.new.source}]" if c.new else "-"
                print(f"{c.kind:8} {c.id:14} {a}  ->  {b}")
            cited = [c.id for c in changes if c.kind == "citation"]
            if cited:  # value, unit, validity and source unchanged: one quiet line, not a "changed" row each
                print(f"citation only (table, provenance or note; value unchanged): {len(cited)} factor(s): "
                      f"{', '.join(cited)}")
            return 0
    except (DataFileError, UnknownRelease) as exc:
        print(f"error: {exc}", file=__import__("sys").stderr)
        return 2
    if not index:
        print("no releases: the data carries no releases.yaml")
    for r in index:
        print(f"{r.id}  {r.date.isoformat()}{'  (newest)' if r.newest else ''}\n  {r.changelog(args.language)}")
    return 0
