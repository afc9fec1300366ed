"""The benchmark library: products, reference values and the assumptions of the recommendation rules, read from the
cited CSV files in ``data/`` (pure Python, no Django). A row without a source or with an unknown product fails loudly,
naming the file and row."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
LEVELS = ("advanced", "entry", "limit", "allowance", "reference")
METRICS = ("energy", "electricity", "co2")


class LibraryError(ValueError):
    pass


@dataclass(frozen=True)
class Source:
    source_id: str
    document: str
    publisher: str
    year: int
    transcription: str


@dataclass(frozen=True)
class Product:
    product: str
    name_en: str
    name_zh: str
    unit: str
    industries: tuple[str, ...]
    ets_sector: str

    def name(self, language: str) -> str:
        return self.name_zh if language.startswith("zh") else self.name_en


@dataclass(frozen=True)
class Benchmark:
    id: str
    product: str
    metric: str
    level: str
    value: float
    unit: str
    source_id: str
    table_ref: str
    year: int
    valid_from: int
    valid_to: int | None
    boundary: str
    note: str

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year and (self.valid_to is None or year <= self.valid_to)


@dataclass(frozen=True)
class Assumption:
    id: str
    value: float
    unit: str
    status: str
    source: str
    note_zh: str = ""  # the source/note in Chinese, for zh pages
    label_en: str = ""  # the parameter in words
    label_zh: str = ""
    unit_zh: str = ""  # the unit as zh pages write it

    def label(self, language: str) -> str:
        """The parameter in words in ``language`` (its id when the file names none)."""
        return (self.label_zh if language.startswith("zh") else self.label_en) or self.id

    def note(self, language: str) -> str:
        return (self.note_zh or self.source) if language.startswith("zh") else self.source

    def unit_in(self, language: str) -> str:
        return (self.unit_zh or self.unit) if language.startswith("zh") else self.unit


@dataclass(frozen=True)
class Library:
    sources: dict[str, Source]
    products: dict[str, Product]
    benchmarks: tuple[Benchmark, ...]
    assumptions: dict[str, Assumption]

    def value(self, assumption_id: str) -> float:
        return self.assumptions[assumption_id].value

    def for_product(self, product: str) -> list[Benchmark]:
        return [b for b in self.benchmarks if b.product == product]

    def products_for_industry(self, industry_code: str) -> list[Product]:
        return [p for p in self.products.values() if industry_code in p.industries]


def _rows(name: str) -> list[tuple[int, dict]]:
    with (DATA / name).open(encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(enumerate(csv.DictReader(lines), start=2))


def _fail(name: str, row: int, message: str):
    raise LibraryError(f"{name}, data row {row}: {message}")


@cache
def load() -> Library:
    sources = {r["source_id"]: Source(r["source_id"], r["document"], r["publisher"], int(r["year"]), r["transcription"])
               for _, r in _rows("sources.csv")}
    products = {}
    for n, r in _rows("products.csv"):
        if not r["unit"]:
            _fail("products.csv", n, "no unit")
        products[r["product"]] = Product(r["product"], r["name_en"], r["name_zh"], r["unit"],
                                         tuple(r["industries"].split(";")), r["ets_sector"])
    benchmarks = []
    for n, r in _rows("benchmarks.csv"):
        if r["source_id"] not in sources or not r["table_ref"]:
            _fail("benchmarks.csv", n, f"source {r['source_id']!r} / table {r['table_ref']!r} missing")
        if r["product"] not in products:
            _fail("benchmarks.csv", n, f"unknown product {r['product']!r}")
        if r["level"] not in LEVELS or r["metric"] not in METRICS:
            _fail("benchmarks.csv", n, f"level {r['level']!r} or metric {r['metric']!r} unknown")
        try:
            value = float(r["value"])
        except ValueError:
            _fail("benchmarks.csv", n, f"value {r['value']!r} is not a number")
        benchmarks.append(Benchmark(r["id"], r["product"], r["metric"], r["level"], value, r["unit"], r["source_id"],
                                    r["table_ref"], int(r["year"]), int(r["valid_from"]),
                                    int(r["valid_to"]) if r["valid_to"] else None, r["boundary"], r["note"]))
    assumptions = {}
    for n, r in _rows("assumptions.csv"):
        if r["status"] not in ("cited", "planning") or (r["status"] == "cited" and not r["source"]):
            _fail("assumptions.csv", n, "status must be cited (with a source) or planning")
        assumptions[r["id"]] = Assumption(r["id"], float(r["value"]), r["unit"], r["status"], r["source"],
                                          r.get("note_zh") or "", r.get("label_en") or "", r.get("label_zh") or "",
                                          r.get("unit_zh") or "")
    return Library(sources, products, tuple(benchmarks), assumptions)
