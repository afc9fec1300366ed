"""Compile gettext catalogs (.po -> .mo) with Babel, so a fresh machine needs no GNU gettext tools."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils.translation import get_language

PACKAGE_DIR = Path(__file__).resolve().parent.parent
LOCALE_DIR = PACKAGE_DIR / "locale"


def catalogs() -> list[Path]:
    """The project catalog and each app's own (``<app>/locale``), which Django also searches."""
    return sorted([*LOCALE_DIR.glob("*/LC_MESSAGES/*.po"), *PACKAGE_DIR.glob("*/locale/*/LC_MESSAGES/*.po")])


def compile_catalogs(locale_dir: Path | None = None) -> int:
    paths = sorted(locale_dir.glob("*/LC_MESSAGES/*.po")) if locale_dir else catalogs()
    for po_path in paths:
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=po_path.parts[-3].replace("-", "_").replace("zh_hans", "zh_Hans"))
        with po_path.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, catalog, use_fuzzy=False)
    _forget_loaded_catalogs()
    return 0


def _forget_loaded_catalogs() -> None:
    """Django caches a catalog once loaded (pytest-django sets Django up before the test conftest compiles): drop
    the cache so the next gettext reads the .mo just written, not a stale or missing one."""
    from django.conf import settings

    if not settings.configured:
        return
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()
    for cached in ("translation_catalog_exists", "check_for_language"):  # as Django does when LOCALE_PATHS change
        getattr(getattr(trans_real, cached, None), "cache_clear", lambda: None)()


def local_name(record, field: str = "name") -> str:
    """The label of a bilingual data record (``name_zh``/``name_en``, dict or object) in the active language only:
    never "江苏 Jiangsu". Falls back to the other language when one is missing."""
    get = record.get if isinstance(record, dict) else lambda key, default="": getattr(record, key, default)
    zh, en = get(f"{field}_zh", "") or "", get(f"{field}_en", "") or ""
    return (en or zh) if (get_language() or "").startswith("en") else (zh or en)


def unit_words(unit: str) -> str:
    """A money-based unit as the reader writes it: 10^4 yuan is 万元 on zh pages (tce/万元, t CO2e/万元); the stored
    unit (API, evaluation, frozen disclosures) stays the code."""
    if unit and (get_language() or "").startswith("zh"):
        return unit.replace("10^4 yuan", "万元")
    return unit
