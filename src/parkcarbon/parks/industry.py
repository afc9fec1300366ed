"""GB/T 4754-2017 industry codes, read from the shipped data file (see data/gbt4754_2017.meta)."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA_FILE = Path(__file__).resolve().parent / "data" / "gbt4754_2017.csv"
LEVELS = ("section", "division", "group", "class")
CODE_LENGTH = {"section": 1, "division": 2, "group": 3, "class": 4}


@dataclass(frozen=True)
class IndustryCode:
    code: str
    name_zh: str
    name_en: str
    level: str
    section: str  # the 门类 letter this code belongs to

    @property
    def name(self) -> str:
        return self.name_en if (get_language() or "").startswith("en") else self.name_zh

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


def load(path: Path = DATA_FILE) -> dict[str, IndustryCode]:
    """Parse and check the file; a bad row fails loudly with its line number."""
    codes: dict[str, IndustryCode] = {}
    section = ""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        for line_no, row in enumerate(rows, start=2):
            code, level = row["code"].strip(), row["level"].strip()
            if level not in LEVELS or len(code) != CODE_LENGTH[level] or code in codes:
                raise ValueError(f"{path.name}: bad or duplicate row {line_no}: {row}")
            if not (row["name_zh"].strip() and row["name_en"].strip()):
                raise ValueError(f"{path.name}: row {line_no} lacks a name: {row}")
            if level == "section":
                section = code
            elif level != "division" and code[:-1] not in codes:
                raise ValueError(f"{path.name}: row {line_no}: parent of {code} not listed before it")
            codes[code] = IndustryCode(code, row["name_zh"].strip(), row["name_en"].strip(), level, section)
    return codes


@cache
def industry_codes() -> dict[str, IndustryCode]:
    return load()


def lookup(code: str) -> IndustryCode | None:
    return industry_codes().get(code)


@cache
def _class_options(english: bool) -> tuple[tuple[str, str], ...]:
    return tuple(
        (c.code, f"{c.code} {c.name_en if english else c.name_zh}")
        for c in industry_codes().values()
        if c.level == "class"
    )


def class_options() -> tuple[tuple[str, str], ...]:
    """(code, "code name") of every 4-digit class, in the active language: the enterprise form's search list."""
    return _class_options((get_language() or "").startswith("en"))


def choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a <select>: one optgroup per section, divisions and below inside."""
    groups: dict[str, list[tuple[str, str]]] = {}
    titles: dict[str, str] = {}
    for item in industry_codes().values():
        if item.level == "section":
            titles[item.code] = str(item)
            groups[item.code] = []
        else:
            indent = "\u2003" * (CODE_LENGTH[item.level] - 2)
            groups[item.section].append((item.code, f"{indent}{item}"))
    return [(titles[s], options) for s, options in groups.items()]
