"""The format-neutral report: a cover and a list of blocks. Serialisable to JSON so a generated report keeps
the exact content it was rendered from (the HTML preview is rendered from that stored copy)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

Number = int | float


@dataclass
class Col:
    """A table column. ``kind``: text | num (``decimals`` places, thousands separators) | int | pct."""

    label: str
    kind: str = "text"
    decimals: int = 2
    width: float = 1.0  # relative width in DOCX/PDF

    @property
    def numeric(self) -> bool:
        return self.kind in ("num", "int", "pct")


def rounded(value: Any, col: Col) -> Any:
    """The value as shown: numbers rounded to the column's places (XLSX stores exactly this)."""
    if value is None or not col.numeric or isinstance(value, str):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if col.kind == "int":
        return int(round(value))
    return round(float(value), col.decimals) + 0.0  # + 0.0 turns -0.0 into 0.0 (never print "-0.00")


def fmt(value: Any, col: Col | None = None) -> str:
    """The one text form of a cell, shared by DOCX, PDF and HTML."""
    col = col or Col("", "text")
    if value == "":
        return ""
    if value is None:
        return "—" if col.numeric else ""
    if not col.numeric or isinstance(value, str):
        return str(value)
    v = rounded(value, col)
    if v is None:
        return "—"
    if col.kind == "int":
        return f"{v:,d}"
    if col.kind == "pct":
        return f"{v:,.{col.decimals}f}%"
    return f"{v:,.{col.decimals}f}"


@dataclass
class Heading:
    text: str
    level: int = 1
    type: str = "heading"


@dataclass
class Para:
    text: str
    style: str = "body"  # body | note | placeholder | lead
    type: str = "para"


@dataclass
class KeyValues:
    rows: list[tuple[str, str]]
    title: str = ""
    type: str = "keyvalues"


@dataclass
class Table:
    key: str  # stable id: XLSX sheet order, tests
    title: str
    columns: list[Col]
    rows: list[list[Any]]
    total: list[Any] | None = None
    note: str = ""
    sheet: str = ""  # XLSX sheet name when the title does not make a short unique one
    type: str = "table"

    def cells(self, row: list[Any]) -> list[str]:
        return [fmt(v, c) for v, c in zip(row, self.columns, strict=False)]


@dataclass
class Chart:
    """``kind``: bar (horizontal) | pie | line. ``series``: name -> values aligned with ``labels``."""

    key: str
    title: str
    kind: str
    labels: list[str]
    series: dict[str, list[float]]
    unit: str = "tCO2e"
    type: str = "chart"

    def rows(self) -> list[tuple[str, list[float]]]:
        names = list(self.series)
        return [(label, [self.series[n][i] for n in names]) for i, label in enumerate(self.labels)]


@dataclass
class PageBreak:
    type: str = "pagebreak"


@dataclass
class Cover:
    title: str
    subtitle: str
    entity: str
    rows: list[tuple[str, str]]
    footer: str = ""


Block = Heading | Para | KeyValues | Table | Chart | PageBreak
BLOCK_TYPES = {"heading": Heading, "para": Para, "keyvalues": KeyValues, "table": Table, "chart": Chart,
               "pagebreak": PageBreak}


@dataclass
class ReportData:
    """Everything a renderer needs. ``language`` is "zh-hans" or "en"; ``figures`` holds the key numbers
    (total, scope totals ...) as floats, for the page that lists reports and for tests."""

    template: str
    language: str
    title: str
    file_stem: str
    cover: Cover
    blocks: list[Block] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)
    provenance: list[tuple[str, str]] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # renderer chrome: "page", "of", "contents" ...
    draft: str = ""  # when set, every page says so (the inventory is not submitted): "草稿 ……" / "DRAFT ……"

    @property
    def zh(self) -> bool:
        return self.language.startswith("zh")

    @property
    def draft_word(self) -> str:
        """The watermark: the draft mark's first word ("草稿", "DRAFT")."""
        return self.draft.split("：")[0].split(" – ")[0]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def charts(self) -> list[Chart]:
        return [b for b in self.blocks if isinstance(b, Chart)]

    def label(self, key: str, default: str) -> str:
        return self.labels.get(key, default)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> ReportData:
        blocks = []
        for b in data.get("blocks", []):
            kind = BLOCK_TYPES[b["type"]]
            b = dict(b)
            if kind is Table:
                b["columns"] = [Col(**c) for c in b["columns"]]
            if kind is KeyValues:
                b["rows"] = [tuple(r) for r in b["rows"]]
            blocks.append(kind(**b))
        cover = dict(data["cover"])
        cover["rows"] = [tuple(r) for r in cover["rows"]]
        return cls(
            template=data["template"], language=data["language"], title=data["title"], file_stem=data["file_stem"],
            cover=Cover(**cover), blocks=blocks, figures=dict(data.get("figures", {})),
            provenance=[tuple(r) for r in data.get("provenance", [])], labels=dict(data.get("labels", {})),
            draft=data.get("draft", ""),
        )
