"""Report documents: a format-neutral ``ReportData`` (blocks of headings, paragraphs, tables and charts) and one
renderer per format. Renderers are pure: they take a ``ReportData`` and return bytes, and never touch the ORM, so
every format shows the same numbers, formatted by the same functions in ``model``."""

from parkcarbon.reports.documents.model import (
    Chart,
    Col,
    Cover,
    Heading,
    KeyValues,
    PageBreak,
    Para,
    ReportData,
    Table,
    fmt,
)

__all__ = ["Chart", "Col", "Cover", "Heading", "KeyValues", "PageBreak", "Para", "ReportData", "Table", "fmt"]
