"""DOCX (Word / WPS): real heading styles, a contents field, tables in a table style, charts as pictures.

Large tables (thousands of enterprises) are written as one XML fragment instead of cell by cell through
python-docx's object model, which is quadratic in the number of rows."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from parkcarbon.reports.documents.fonts import DOCX_FONTS
from parkcarbon.reports.documents.model import Chart, Heading, KeyValues, PageBreak, Para, ReportData, Table

ACCENT = RGBColor(0x1F, 0x6F, 0x5C)
HEADER_FILL = "DCEFE7"
DRAFT_COLOUR = RGBColor(0xC0, 0x00, 0x00)
TEXT_WIDTH_CM = 16.0


def _set_fonts(style, latin: str, east_asia: str, size: float | None = None, bold: bool | None = None, color=None):
    style.font.name = latin
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if color is not None:
        style.font.color.rgb = color


def _styles(doc, data: ReportData) -> None:
    f = DOCX_FONTS["zh-hans" if data.zh else "en"]
    styles = doc.styles
    _set_fonts(styles["Normal"], f["latin"], f["body_east_asia"], 10.5)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    styles["Normal"].paragraph_format.line_spacing = 1.25
    for level, size in ((1, 16), (2, 13), (3, 11.5)):
        st = styles[f"Heading {level}"]
        _set_fonts(st, f["latin"], f["heading_east_asia"], size, True, ACCENT if level == 1 else RGBColor(0x22, 0x22, 0x22))
        st.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        st.paragraph_format.space_after = Pt(6)
        st.paragraph_format.keep_with_next = True
    _set_fonts(styles["Title"], f["latin"], f["heading_east_asia"], 26, True, ACCENT)
    _set_fonts(styles["Caption"], f["latin"], f["heading_east_asia"], 9.5, True, RGBColor(0x33, 0x33, 0x33))
    styles["Caption"].paragraph_format.keep_with_next = True  # a table's title stays on the table's first page
    for name in ("Table Grid",):
        styles[name].font.size = Pt(9)


def _field(paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...), updated by Word when the document is opened or printed."""
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin" w:dirty="true"/>'))
    run = paragraph.add_run()
    instr = parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instruction} </w:instrText>')
    run._r.append(instr)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


def _cover(doc, data: ReportData) -> None:
    c = data.cover
    for _ in range(5):
        doc.add_paragraph()
    p = doc.add_paragraph(c.title, style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(c.subtitle)
    r.font.size = Pt(14)
    for _ in range(4):
        doc.add_paragraph()
    table = doc.add_table(rows=0, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for label, value in [(data.label("entity", "Entity"), c.entity), *c.rows]:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(4.5), Cm(9)
        lab = cells[0].paragraphs[0].add_run(f"{label}")
        lab.bold = True
        lab.font.size = Pt(12)
        val = cells[1].paragraphs[0].add_run(value)
        val.font.size = Pt(12)
    if c.footer:
        for _ in range(6):
            doc.add_paragraph()
        p = doc.add_paragraph(c.footer)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(data.label("contents", "Contents"), style="Heading 1")
    p = doc.add_paragraph()
    _field(p, 'TOC \\o "1-2" \\h \\z \\u', data.label("toc_hint", "Right-click and choose Update Field to build the contents."))
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _cell_xml(text: str, *, right: bool, bold: bool = False, fill: str | None = None, width_twips: int) -> str:
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    jc = '<w:jc w:val="right"/>' if right else ""
    b = "<w:b/>" if bold else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width_twips}" w:type="dxa"/>{shade}</w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>{jc}</w:pPr>'
            f'<w:r><w:rPr>{b}<w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>')


def _table(doc, table: Table) -> None:
    if table.title:
        doc.add_paragraph(table.title, style="Caption")
    total_w = sum(c.width for c in table.columns) or 1
    widths = [int(TEXT_WIDTH_CM * 567 * c.width / total_w) for c in table.columns]
    head = "".join(_cell_xml(c.label, right=c.numeric, bold=True, fill=HEADER_FILL, width_twips=w)
                   for c, w in zip(table.columns, widths, strict=True))
    parts = [f'<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>{head}</w:tr>']
    numeric = [c.numeric for c in table.columns]
    for row in table.rows:
        cells = table.cells(row)
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + "".join(
            _cell_xml(t, right=n, width_twips=w) for t, n, w in zip(cells, numeric, widths, strict=True)) + "</w:tr>")
    if table.total:
        cells = table.cells(table.total)
        parts.append("<w:tr>" + "".join(_cell_xml(t, right=n, bold=True, fill="F2F2F2", width_twips=w)
                                        for t, n, w in zip(cells, numeric, widths, strict=True)) + "</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="70" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
           f'<w:right w:w="70" w:type="dxa"/></w:tblCellMar>'
           f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
           f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(parts)}</w:tbl>')
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(xml))  # before the final sectPr
    if table.note:
        p = doc.add_paragraph(table.note)
        p.runs[0].font.size = Pt(8.5)
        p.runs[0].font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    else:
        doc.add_paragraph()


def _keyvalues(doc, block: KeyValues) -> None:
    if block.title:
        doc.add_paragraph(block.title, style="Caption")
    rows = "".join(
        "<w:tr>" + _cell_xml(k, right=False, bold=True, fill="F2F2F2", width_twips=int(5 * 567))
        + _cell_xml(v, right=False, width_twips=int((TEXT_WIDTH_CM - 5) * 567)) + "</w:tr>"
        for k, v in block.rows
    )
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{int(TEXT_WIDTH_CM * 567)}" w:type="dxa"/>'
           f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="70" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/>'
           f'<w:right w:w="70" w:type="dxa"/></w:tblCellMar></w:tblPr>'
           f'<w:tblGrid><w:gridCol w:w="{int(5 * 567)}"/><w:gridCol w:w="{int((TEXT_WIDTH_CM - 5) * 567)}"/></w:tblGrid>'
           f'{rows}</w:tbl>')
    body = doc.element.body
    body.insert(len(body) - 1, parse_xml(xml))
    doc.add_paragraph()


def _draft_run(paragraph, draft: str, after: str = "") -> None:
    if draft:
        run = paragraph.add_run(draft + after)
        run.bold, run.font.size, run.font.color.rgb = True, Pt(10), DRAFT_COLOUR


def _header_footer(doc, data: ReportData) -> None:
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    hp = section.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _draft_run(hp, data.draft, "  ")
    run = hp.add_run(data.title)
    run.font.size = Pt(8.5)
    run.font.color.rgb = RGBColor(0x7F, 0x7F, 0x7F)
    if data.draft:  # the cover page has its own (otherwise empty) header
        first = section.first_page_header.paragraphs[0]
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _draft_run(first, data.draft)
    fp = section.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if data.zh:
        fp.add_run("第 ")
        _field(fp, "PAGE", "1")
        fp.add_run(" 页，共 ")
        _field(fp, "NUMPAGES", "1")
        fp.add_run(" 页")
    else:
        fp.add_run("Page ")
        _field(fp, "PAGE", "1")
        fp.add_run(" of ")
        _field(fp, "NUMPAGES", "1")


def render_docx(data: ReportData, charts: dict[str, bytes]) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    props = doc.core_properties
    props.title, props.subject, props.author = data.title, data.cover.entity, "ParkCarbon"
    props.language = "zh-CN" if data.zh else "en-GB"
    _styles(doc, data)
    _header_footer(doc, data)
    _cover(doc, data)
    for block in data.blocks:
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=min(block.level, 3))
        elif isinstance(block, Para):
            p = doc.add_paragraph(block.text)
            if block.style == "note":
                for r in p.runs:
                    r.font.size = Pt(9)
                    r.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
            elif block.style == "placeholder":
                for r in p.runs:
                    r.italic = True
                    r.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
            elif block.style == "lead":
                p.paragraph_format.first_line_indent = Pt(21) if data.zh else None
        elif isinstance(block, KeyValues):
            _keyvalues(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Chart):
            png = charts.get(block.key)
            if png:
                doc.add_picture(io.BytesIO(png), width=Cm(15))
                doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                cap = doc.add_paragraph(block.title, style="Caption")
                cap.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if data.provenance:
        doc.add_heading(data.label("provenance", "Report generation record"), level=2)
        _keyvalues(doc, KeyValues(data.provenance))
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
