"""PDF with fpdf2: the CJK TrueType font embedded as a subset (text stays searchable and extractable), running
header and page numbers, outline (bookmarks) from the headings, tables that repeat their header row."""

from __future__ import annotations

import io

from fpdf import FPDF
from fpdf.enums import Align, TextMode, XPos, YPos
from fpdf.fonts import FontFace

from parkcarbon.reports.documents.fonts import cjk_font_path, fallback_font_path
from parkcarbon.reports.documents.model import Chart, Heading, KeyValues, PageBreak, Para, ReportData, Table

ACCENT = (31, 111, 92)
HEADER_FILL = (220, 239, 231)
GREY = (110, 110, 110)
DRAFT = (192, 0, 0)
FONT = "cjk"
FALLBACK = "latin-fallback"


class _Doc(FPDF):
    def __init__(self, data: ReportData):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.data = data
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=18)
        self.add_font(FONT, fname=str(cjk_font_path()), collection_font_number=0)
        if (fallback := fallback_font_path()) is not None:  # glyphs the CJK font lacks (the 6 of SF₆)
            self.add_font(FALLBACK, fname=str(fallback))
            self.set_fallback_fonts([FALLBACK], exact_match=False)
        # One weight only (bold is synthetic, see ``bold``): loading the font is a good part of a short report's time.
        self.set_title(data.title)
        self.set_author("ParkCarbon")
        self.set_subject(data.cover.entity)
        self.set_lang("zh-CN" if data.zh else "en")
        self.set_creator("ParkCarbon")
        self.c_margin = 1.2

    def header(self):
        if self.data.draft:
            self._draft_mark()
        if self.page_no() == 1:
            return
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        self.cell(0, 6, self.data.title, align=Align.R, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)
        self.set_text_color(0, 0, 0)

    def _draft_mark(self):
        """A draft says so at the top of every page, and in a light diagonal watermark drawn under the content."""
        with self.local_context(text_color=(235, 205, 205)):
            self.set_font(FONT, size=90)
            word = self.data.draft_word
            with self.rotation(35, self.w / 2, self.h / 2):
                self.text(self.w / 2 - self.get_string_width(word) / 2, self.h / 2 + 12, word)
        y = self.get_y()
        self.set_xy(self.l_margin, 14 if self.page_no() == 1 else 7)  # below the cover's band
        self.set_font(FONT, size=9)
        with self.bold(0.12, DRAFT):
            self.cell(0, 5, self.data.draft, align=Align.C)
        self.set_xy(self.l_margin, y)

    def footer(self):
        if self.page_no() == 1:
            return
        self.set_y(-13)
        self.set_font(FONT, size=8)
        self.set_text_color(*GREY)
        text = (f"第 {self.page_no()} 页，共 {{nb}} 页" if self.data.zh else f"Page {self.page_no()} of {{nb}}")
        self.cell(0, 6, text, align=Align.C)
        self.set_text_color(0, 0, 0)

    def bold(self, width: float = 0.18, color=(0, 0, 0)):
        """Bold: the font has one weight, so text is drawn filled and stroked (a standard synthetic bold), inside
        a saved graphics state so the text mode never leaks into later text."""
        return self.local_context(text_mode=TextMode.FILL_STROKE, line_width=width, draw_color=color, text_color=color)


def _cover(pdf: _Doc, data: ReportData) -> None:
    c = data.cover
    pdf.add_page()
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, pdf.w, 12, style="F")
    pdf.set_y(70)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_font(FONT, size=26)
    with pdf.bold(0.35, ACCENT):
        pdf.multi_cell(0, 14, c.title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(60, 60, 60)
    pdf.set_font(FONT, size=14)
    pdf.ln(4)
    pdf.multi_cell(0, 8, c.subtitle, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_y(140)
    pdf.set_font(FONT, size=12)
    rows = [(data.label("entity", "Entity"), c.entity), *c.rows]
    x0 = 45
    for label, value in rows:
        pdf.set_x(x0)
        with pdf.bold():
            pdf.cell(40, 10, label)
        pdf.multi_cell(pdf.w - x0 - 40 - 30, 10, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if c.footer:
        pdf.set_y(-40)
        pdf.set_font(FONT, size=11)
        pdf.cell(0, 8, c.footer, align=Align.C)


def _heading(pdf: _Doc, block: Heading) -> None:
    size = {1: 15, 2: 12.5}.get(block.level, 11)
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(4 if block.level == 1 else 2)
    pdf.start_section(block.text, level=block.level - 1)
    pdf.set_font(FONT, size=size)
    with pdf.bold(0.22, ACCENT if block.level == 1 else (34, 34, 34)):
        pdf.multi_cell(0, size * 0.55, block.text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if block.level == 1:
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.4)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.5, pdf.w - pdf.r_margin, pdf.get_y() + 0.5)
        pdf.set_line_width(0.2)
    pdf.ln(3)


def _para(pdf: _Doc, block: Para) -> None:
    if block.style == "note":
        pdf.set_font(FONT, size=8.5)
        pdf.set_text_color(*GREY)
    elif block.style == "placeholder":
        pdf.set_font(FONT, size=10)
        pdf.set_text_color(130, 130, 130)
    else:
        pdf.set_font(FONT, size=10)
    pdf.multi_cell(0, 5.6, block.text, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1.5)


def _caption(pdf: _Doc, text: str) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    pdf.set_font(FONT, size=9.5)
    with pdf.bold(0.12):
        pdf.multi_cell(0, 6, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


TABLE_FONT, LINE_H, PAD_X, PAD_Y = 8, 3.6, 1.2, 0.8  # pt, mm, mm, mm


def _table(pdf: _Doc, table: Table) -> None:
    """A table drawn directly (text, fills and rules), not through fpdf2's table layout: a 2,000-row enterprise
    table costs a few tenths of a second instead of seconds. Long text wraps; the header row repeats on each page;
    column rules are drawn once per page."""
    if table.title:
        _caption(pdf, table.title)
    _table_style(pdf)
    total_w = sum(c.width for c in table.columns) or 1
    widths = [pdf.epw * c.width / total_w for c in table.columns]
    xs = [pdf.l_margin + sum(widths[:i]) for i in range(len(widths) + 1)]
    right = [c.numeric for c in table.columns]
    head = [c.label for c in table.columns]
    top: list[float] = []  # where the table starts on the current page

    def rules():
        for x in xs:
            pdf.line(x, top[0], x, pdf.get_y())
        top.clear()

    def draw(texts, fill=None, is_head=False):
        lines = [_wrap(pdf, t, w - 2 * PAD_X) for t, w in zip(texts, widths, strict=False)]
        height = max(len(ls) for ls in lines) * LINE_H + 2 * PAD_Y
        if pdf.get_y() + height > pdf.page_break_trigger:
            if top:
                rules()
            pdf.add_page()
            _table_style(pdf)
            if not is_head:
                draw(head, HEADER_FILL, True)
        y = pdf.get_y()
        if not top:
            top.append(y)
            pdf.line(xs[0], y, xs[-1], y)
        if fill:
            pdf.set_fill_color(*fill)
            pdf.rect(xs[0], y, xs[-1] - xs[0], height, style="F")
        for cell_lines, x, w, r in zip(lines, xs, widths, right, strict=False):
            for j, line in enumerate(cell_lines):
                if line:
                    pdf.text(x + w - PAD_X - _width(pdf, line) if r else x + PAD_X, y + PAD_Y + LINE_H * j + 2.75, line)
        pdf.line(xs[0], y + height, xs[-1], y + height)
        pdf.set_y(y + height)

    draw(head, HEADER_FILL, True)
    for values in table.rows:
        draw(table.cells(values))
    if table.total:
        draw(table.cells(table.total), (242, 242, 242))
    rules()
    if table.note:
        pdf.ln(1)
        _para(pdf, Para(table.note, "note"))
    pdf.ln(3)


def _table_style(pdf: _Doc) -> None:
    pdf.set_font(FONT, size=TABLE_FONT)
    pdf.set_draw_color(166, 166, 166)
    pdf.set_line_width(0.15)


def _width(pdf: _Doc, text: str) -> float:
    """``get_string_width`` without its text shaping pass (none is set: no kerning, stretching or spacing), which
    costs more than drawing the text."""
    cw = pdf.current_font.cw
    return sum(cw[ord(ch)] for ch in text) * pdf.font_size_pt / 1000 / pdf.k


def _wrap(pdf: _Doc, text: str, width: float) -> list[str]:
    """The lines of a cell: the text itself when it fits (nearly always); else broken greedily, between any two
    Chinese characters and at spaces in Latin text (a word longer than the cell is cut)."""
    if not text:
        return [""]
    if "\n" not in text and _width(pdf, text) <= width:
        return [text]
    cw, scale = pdf.current_font.cw, pdf.font_size_pt / 1000 / pdf.k
    lines = []
    for para in text.split("\n"):
        line, w, space = "", 0.0, 0  # space: length of ``line`` up to its last space
        for ch in para:
            step = cw[ord(ch)] * scale
            if line and w + step > width:
                cut = space if space and ch.isascii() and ch != " " else len(line)
                lines.append(line[:cut].rstrip())
                line, space = line[cut:], 0
                w = _width(pdf, line)
                if ch == " " and not line:
                    continue
            line += ch
            w += step
            if ch == " ":
                space = len(line)
        lines.append(line)
    return lines


def _keyvalues(pdf: _Doc, block: KeyValues) -> None:
    if block.title:
        _caption(pdf, block.title)
    pdf.set_font(FONT, size=9)
    pdf.set_draw_color(166, 166, 166)
    pdf.set_line_width(0.15)
    with pdf.table(col_widths=(1, 2.2), first_row_as_headings=False, line_height=5, padding=(1, 1.5)) as t:
        for k, v in block.rows:
            row = t.row()
            row.cell(k, style=FontFace(family=FONT, emphasis="", fill_color=(242, 242, 242)))
            row.cell(v)
    pdf.ln(3)


def _chart(pdf: _Doc, block: Chart, png: bytes | None) -> None:
    if not png:
        return
    width = 150
    height = width / 2  # the PNGs are 7.2 x 3.6 in
    if pdf.get_y() + height + 10 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.image(io.BytesIO(png), x=(pdf.w - width) / 2, w=width, h=height)
    pdf.set_font(FONT, size=9)
    pdf.cell(0, 6, block.title, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


TOC_LINES = 36  # what one contents page holds


def _toc(pdf: _Doc, outline) -> None:
    pdf.set_font(FONT, size=15)
    pdf.set_x(pdf.l_margin)
    with pdf.bold(0.22, ACCENT):
        pdf.cell(pdf.w - pdf.l_margin - pdf.r_margin, 12, pdf.data.label("contents", "Contents"), align=Align.C,
                 new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    entries = [s for s in outline if s.level <= 1]
    if len(entries) > TOC_LINES:
        entries = [s for s in entries if s.level == 0][:TOC_LINES]
    width = pdf.w - pdf.l_margin - pdf.r_margin
    for section in entries:
        indent = 8 * section.level
        pdf.set_font(FONT, size=10.5 if section.level == 0 else 9.5)
        pdf.set_x(pdf.l_margin + indent)
        link = pdf.add_link(page=section.page_number)
        number = str(section.page_number)
        name_w = pdf.get_string_width(section.name)
        dots = "." * max(2, int((width - indent - name_w - pdf.get_string_width(number) - 6) / pdf.get_string_width(".")))
        pdf.cell(width - indent - 12, 7, f"{section.name} {dots}", link=link)
        pdf.cell(12, 7, number, align=Align.R, link=link, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(data: ReportData, charts: dict[str, bytes]) -> bytes:
    pdf = _Doc(data)
    _cover(pdf, data)
    pdf.add_page()
    pdf.insert_toc_placeholder(_toc, pages=1, reset_page_indices=False)
    for block in data.blocks:
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Para):
            _para(pdf, block)
        elif isinstance(block, KeyValues):
            _keyvalues(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Chart):
            _chart(pdf, block, charts.get(block.key))
        elif isinstance(block, PageBreak):
            pdf.add_page()
    if data.provenance:
        _heading(pdf, Heading(data.label("provenance", "Report generation record"), 2))
        _keyvalues(pdf, KeyValues(data.provenance))
    return bytes(pdf.output())
