"""Administrative divisions of China (GB/T 2260, MCA list; see the header of data/divisions_gbt2260.csv).

A division's parent is its prefecture when that code exists, else its province: the districts of a municipality and
the county-level units administered directly by a province (仙桃市) hang under the province.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "divisions_gbt2260.csv"


@dataclass(frozen=True)
class Division:
    code: str
    name_zh: str
    name_en: str
    parent: str  # "" for a province

    @property
    def level(self) -> str:
        return "province" if self.code.endswith("0000") else "city" if self.code.endswith("00") else "county"

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def __str__(self) -> str:
        return self.name


def load(path: Path = DATA_FILE) -> dict[str, Division]:
    """Parse and check the file; a bad row fails loudly with its line number."""
    rows: dict[str, Division] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for line_no, row in enumerate(csv.DictReader(line for line in fh if not line.startswith("#")), start=2):
            code = row["code"].strip()
            if len(code) != 6 or not code.isdigit() or code in rows or not row["name_zh"] or not row["name_en"]:
                raise ValueError(f"{path.name}: bad or duplicate row {line_no}: {row}")
            if code.endswith("0000"):
                parent = ""
            else:
                parent = code[:4] + "00" if not code.endswith("00") and code[:4] + "00" in rows else code[:2] + "0000"
                if parent not in rows:
                    raise ValueError(f"{path.name}: row {line_no}: parent of {code} not listed before it")
            rows[code] = Division(code, row["name_zh"].strip(), row["name_en"].strip(), parent)
    return rows


@cache
def divisions() -> dict[str, Division]:
    return load()


@cache
def _children() -> dict[str, tuple[Division, ...]]:
    index: dict[str, list[Division]] = {}
    for d in divisions().values():
        index.setdefault(d.parent, []).append(d)
    return {parent: tuple(items) for parent, items in index.items()}


def lookup(code: str) -> Division | None:
    return divisions().get(code or "")


def children(code: str = "") -> tuple[Division, ...]:
    """The divisions directly under ``code`` ("" = the provinces), in code order."""
    return _children().get(code or "", ())


def chain(code: str) -> list[Division]:
    """Province first, down to the division itself ([] for an unknown code)."""
    path: list[Division] = []
    item = lookup(code)
    while item:
        path.insert(0, item)
        item = lookup(item.parent)
    return path


def label(code: str, zh: bool | None = None) -> str:
    """"江苏省 苏州市 昆山市" / "Jiangsu, Suzhou City, Kunshan City" in the active language (or as asked)."""
    if zh is None:
        zh = not (get_language() or "").startswith("en")
    names = [d.name_zh if zh else d.name_en for d in chain(code)]
    return ("" if zh else ", ").join(names)


def province_code(code: str) -> str:
    """Two-digit province prefix of a known code ('' when unknown)."""
    return code[:2] if lookup(code) else ""


def find(province: str, city: str = "") -> str:
    """Best code for free-text province / city names ('江苏省' / '苏州' / 'Jiangsu'); '' when nothing matches.

    Used to migrate the free-text values parks had before divisions existed: the most specific match wins."""
    def matches(d: Division, text: str) -> bool:
        text = text.strip().lower()
        if not text:
            return False
        short = text.removesuffix("省").removesuffix("市").removesuffix("自治区")
        return d.name_zh.startswith(short) or d.name_en.lower().startswith(short) or d.code == text

    province_hit = next((d for d in children() if matches(d, province)), None)
    if not province_hit:
        return ""
    candidates = [*children(province_hit.code)]
    candidates += [grand for c in children(province_hit.code) for grand in children(c.code)]
    city_hit = next((d for d in candidates if matches(d, city)), None)
    return (city_hit or province_hit).code
