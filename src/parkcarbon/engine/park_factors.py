"""A park's own factors laid over a shipped release (#23): a supplier-specific electricity factor from a contract, a
measured NCV or carbon content of a coal, a measured CH4 fraction.

Pure: the caller (the Django app) passes the factor rows as data; this module validates them with the library
loader's rules and returns the shipped library with the overlay. A park release is named ``<shipped id>+<park>.<n>``
(``2026.2+demo-etdz.1``). A park factor replaces the shipped factor of its key (subject, parameter, gas, qualifier)
for the years it is valid in, whatever dataset the guideline would choose: it states what the park measured or
contracted. Outside its years it never applies (a 2025 contract says nothing about 2024): the shipped factor does.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, replace

from parkcarbon.engine import units
from parkcarbon.engine.errors import DataFileError, UnitError
from parkcarbon.engine.library import OPEN_END, Factor, Library

# The columns of a park factor set (web form, CSV/xlsx upload, the engine's rows): the library's factor columns
# with the source written out (a park's document is not in sources.csv).
COLUMNS = ("subject", "param", "gas", "qualifier", "region", "valid_from", "valid_to", "value", "unit",
           "uncertainty_pct", "source_document", "source_table", "source_year", "note")
PROVENANCE = "park"


@dataclass(frozen=True)
class RowProblem:
    """A refused row: 1-based position in the set, and the reason in English and Chinese."""

    row: int
    en: str
    zh: str

    def message(self, zh: bool = False) -> str:
        return f"第{self.row}行：{self.zh}" if zh else f"row {self.row}: {self.en}"


def _number(value, default=None) -> float | None:
    if value is None or str(value).strip() == "":
        return default
    return float(value)


def problems(base: Library, rows: list[dict]) -> list[RowProblem]:
    """Every reason a row cannot be used, in row order: no source, an unknown subject/parameter/unit/region, a unit
    that does not convert to the shipped factor's, bad years, and two rows of one key with overlapping years."""
    out: list[RowProblem] = []
    keys: dict[tuple[str, str, str], Factor] = {}
    for f in base.factors.values():  # the first file's factor of a key names the unit (energy_cn before ipcc)
        keys.setdefault((f.subject, f.param, f.gas), f)
    subjects = {f.subject for f in base.factors.values()}
    seen: dict[tuple, list[tuple[int, int, int]]] = {}
    for n, row in enumerate(rows, start=1):
        def bad(en: str, zh: str, n=n) -> None:
            out.append(RowProblem(n, en, zh))
        r = {k: str(row.get(k) if row.get(k) is not None else "").strip() for k in COLUMNS}
        if not r["source_document"]:
            bad("the source document is required", "须填写来源文件")
        if not r["source_table"]:
            bad("the table or page of the source is required", "须填写来源中的表或页")
        try:
            value = _number(r["value"])
            first, last = int(_number(r["valid_from"], 0)), int(_number(r["valid_to"], OPEN_END))
            uncertainty = _number(r["uncertainty_pct"], 0.0)
            year = int(_number(r["source_year"], 0))
        except ValueError:
            bad("value, years and uncertainty must be numbers", "数值、年份和不确定性须为数字")
            continue
        if value is None or not math.isfinite(value):
            bad("a value is required", "须填写数值")
        if not first:
            bad("the first year of validity is required", "须填写有效期起始年")
        elif first > last:
            bad(f"valid from {first} is after valid to {last}", f"有效期起始年{first}晚于截止年{last}")
        elif first < base.first_year or (last != OPEN_END and last > base.last_year):
            bad(f"validity must lie within {base.first_year}-{base.last_year}",
                f"有效期须在{base.first_year}至{base.last_year}年之内")
        if not base.first_year <= year <= base.last_year:
            bad("the year of the source document is required", "须填写来源文件年份")
        if uncertainty is None or uncertainty < 0:
            bad("uncertainty must not be negative", "不确定性不能为负")
        if r["subject"] not in subjects:
            bad(f"unknown activity or fuel {r['subject']!r}", f"未知的活动或燃料 {r['subject']!r}")
            continue
        shipped = keys.get((r["subject"], r["param"], r["gas"]))
        if shipped is None:
            bad(f"the library has no parameter {r['param']!r}{f' ({r['gas']})' if r['gas'] else ''} for "
                f"{r['subject']!r}", f"因子库中{r['subject']!r}没有参数{r['param']!r}{r['gas']}")
            continue
        try:
            units.factor(r["unit"], shipped.unit)
        except (UnitError, ValueError, KeyError):
            bad(f"unit {r['unit']!r} does not convert to the library's {shipped.unit}",
                f"单位 {r['unit']!r} 无法换算为因子库的 {shipped.unit}")
        if r["region"] not in base.regions:
            bad(f"unknown region {r['region']!r}", f"未知地区 {r['region']!r}")
        key = (r["subject"], r["param"], r["gas"], r["qualifier"], r["region"])
        for other, a, b in seen.get(key, []):
            if first <= b and a <= last:
                bad(f"its years overlap those of row {other} for the same factor",
                    f"与第{other}行同一因子的有效期重叠")
        seen.setdefault(key, []).append((n, first, last))
    return out


def factor_id(release_id: str, row: int) -> str:
    """The id of a park factor: its release's park part and its position (``demo-etdz.1-001``)."""
    return f"{release_id.split('+', 1)[-1]}-{row:03d}"


def overlay(base: Library, release_id: str, rows: list[dict], park_name: str = "") -> Library:
    """The shipped library ``base`` with the park's factors ``rows`` (COLUMNS) laid over it. Refuses the whole set
    (DataFileError naming each bad row) when any row is bad: nothing of a bad set is used."""
    found = problems(base, rows)
    if found:
        raise DataFileError("; ".join(p.message() for p in found))
    factors, sources = dict(base.factors), dict(base.sources)
    digest = hashlib.sha256(f"{base.version}\n{release_id}".encode())
    own = []
    for n, row in enumerate(rows, start=1):
        r = {k: str(row.get(k) if row.get(k) is not None else "").strip() for k in COLUMNS}
        fid, source = factor_id(release_id, n), f"{release_id}#{n}"
        sources[source] = {"id": source, "title": r["source_document"], "publisher": park_name,
                           "document": r["source_document"], "year": r["source_year"], "url": ""}
        factors[fid] = Factor(
            id=fid, subject=r["subject"], param=r["param"], gas=r["gas"], qualifier=r["qualifier"], region=r["region"],
            valid_from=int(float(r["valid_from"])), valid_to=int(_number(r["valid_to"], OPEN_END)),
            value=float(r["value"]), unit=r["unit"], uncertainty_pct=_number(r["uncertainty_pct"], 0.0),
            dataset=release_id, source=source, table=r["source_table"], provenance=PROVENANCE, note=r["note"],
            file=release_id)
        own.append(fid)
        digest.update(repr(sorted(r.items())).encode())
    return replace(base, factors=factors, sources=sources, overlay=frozenset(own), release=release_id,
                   version=digest.hexdigest()[:12], _index={})
