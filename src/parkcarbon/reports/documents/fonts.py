"""The CJK font every format uses, found in an installed PyPI package (no system fonts needed).

WenQuanYi Micro Hei (文泉驿微米黑, Apache-2.0) ships as a TrueType collection in ``paperang-p2-fonts-cjk``. A
TrueType-outline font is required: fpdf2 subsets it with correct glyph widths and a ToUnicode map, so the
Chinese text of a PDF is extracted as written (CFF-based OpenType fonts such as the Noto CJK .otf files get
wrong widths from fpdf2's subsetter, and text extractors then split every character).
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

FONT_FAMILY = "WenQuanYi Micro Hei"
FONT_PACKAGE = "paperang_p2_fonts_cjk"
FONT_FILE = "fonts/wqy-microhei.ttc"
# Fonts named in DOCX files (the reader's Word/WPS supplies them): the usual Chinese official-document pair,
# and a Latin face for English reports.
DOCX_FONTS = {
    "zh-hans": {"body_east_asia": "宋体", "heading_east_asia": "黑体", "latin": "Times New Roman"},
    "en": {"body_east_asia": "宋体", "heading_east_asia": "黑体", "latin": "Calibri"},
}


class FontMissing(RuntimeError):
    pass


@cache
def cjk_font_path() -> Path:
    """The font file: ``PARKCARBON_REPORT_FONT`` (a TrueType .ttf/.ttc with CJK glyphs, e.g. a licensed SimSun)
    when set, else the packaged WenQuanYi Micro Hei."""
    override = os.environ.get("PARKCARBON_REPORT_FONT")
    if override:
        path = Path(override)
        if not path.is_file():
            raise FontMissing(f"PARKCARBON_REPORT_FONT={override} is not a file")
        return path
    try:
        path = Path(str(resources.files(FONT_PACKAGE) / FONT_FILE))
    except ModuleNotFoundError as exc:
        raise FontMissing(f"install the {FONT_PACKAGE.replace('_', '-')} package (CJK font for reports)") from exc
    if not path.exists():
        raise FontMissing(f"{path} is missing")
    return path


@cache
def fallback_font_path() -> Path | None:
    """A Latin font for the few glyphs the CJK font lacks (WenQuanYi Micro Hei has no subscript six, so SF₆ printed
    as "SF" and a missing-glyph box): DejaVu Sans, shipped inside matplotlib (which draws the charts)."""
    try:
        import matplotlib
    except ModuleNotFoundError:
        return None
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    return path if path.is_file() else None
