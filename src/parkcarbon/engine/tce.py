"""Energy consumption in tonnes of standard coal (tce) beside the carbon inventory, by GB/T 2589-2020.

Each energy row is converted with, in this order:

1. a measured net calorific value given in the row (columns ``ncv`` and ``ncv_unit``, as for the carbon
   calculation): amount x NCV / 29.307 GJ per tce (GB/T 2589-2020: 1 kgce = 29 307 kJ; measured calorific values
   come before the reference coefficients);
2. the tabulated reference coefficient of GB/T 2589-2020 Appendix A Table A.1 (``data/tce_gbt2589.csv``), stored
   as printed and never re-derived from the NCV (flag F2 of notes/worked-examples.md: raw coal 0.7143, not 0.7134);
3. an amount already in energy units (GJ, TJ, tce ...): converted by the definition of tce;
4. for a fuel the table does not list: the default NCV of the factor library / 29.307, labelled ``ncv_default``
   with the factor id (derived, not a GB/T 2589 value).

Electricity is given twice: at its calorific value (当量值, 0.1229 kgce/kWh, GB/T 2589-2020 Table A.1) in ``tce``,
and at the equivalent value (等价值: the year's coal consumption per kWh supplied) in ``tce_equivalent``. No
published equivalent value is stored, because none could be cited from a source available to the project: the
caller passes the year's value (``electricity_equivalent_kgce_per_kwh``, e.g. from the China Energy Statistical
Yearbook); without it ``tce_equivalent`` is NaN for electricity rows. Heat is 0.03412 kgce/MJ (当量值). Green
electricity rows (already inside the purchased total) and non-energy activities (process, waste, land) are not
energy consumption and count zero; purchased cooling is not converted (no GB/T 2589 coefficient).

Python API
----------
``energy_tce(data, *, year=None, region="CN", electricity_equivalent_kgce_per_kwh=None, library=None) -> TceResult``
    ``data`` is the activity rows (DataFrame or list of dicts, as for ``calculate``) or a ``Result`` (its lines; a
    line computed with a measured NCV is converted with the heat content the CO2 path used). ``TceResult.lines`` has one row per input row (``row_id``,
    ``enterprise``, ``activity``, ``amount``, ``unit``, ``tce``, ``tce_equivalent``, ``coefficient``,
    ``coefficient_unit``, ``basis``, ``source``); ``by_activity()`` and ``by("enterprise")`` total them with a
    ``total`` row; ``total_tce`` / ``total_tce_equivalent`` are the sums. Problems (unknown activity or unit, steam
    without enthalpy, a fuel with no coefficient and no NCV) raise InputError naming row and column.
    The table the web shows is ``energy_tce(rows, year=...).by_activity()`` (one row per activity and a total).
``intensities(total_co2e, total_tce, output_value_10k_yuan=None, value_added_10k_yuan=None) -> dict``
    carbon intensity (tCO2e per 10^4 yuan) and energy intensity (tce per 10^4 yuan) of gross output value and of
    value added; a missing economic figure gives None, a zero or negative one is an InputError.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from parkcarbon.engine import units
from parkcarbon.engine.calculate import DEFAULT_DATASETS, normalise_rows
from parkcarbon.engine.errors import DataFileError, InputError, Problem
from parkcarbon.engine.library import PROVENANCE, Library, load_library
from parkcarbon.engine.methods.energy import STEAM_FEEDWATER_ENTHALPY_KJ_PER_KG
from parkcarbon.engine.result import Result

GJ_PER_TCE = 29.307  # GB/T 2589-2020 s.3: fuel of net calorific value 29 307 kJ is 1 kgce (as units.csv)
ELECTRICITY = "electricity"
HEAT = "heat"
_TCE_COLUMNS = ("subject", "basis", "value", "unit", "ncv_kj", "source", "table", "provenance", "note")
_ELECTRICITY_METHODS = ("grid_electricity", "supplier_electricity", "residual_electricity", "green_separate")  # consumed
_HEAT_METHODS = ("purchased_heat", "purchased_steam")
_NOT_ENERGY_METHODS = ("green_electricity", "avoided_electricity")  # inside the purchased total / generated, a memo


@dataclass(frozen=True)
class Coefficient:
    subject: str
    basis: str
    value: float
    unit: str
    source: str
    table: str
    provenance: str

    def tce_per(self, amount_unit: str) -> float:
        """tce per one ``amount_unit`` (UnitError if the coefficient is per another quantity)."""
        return self.value * units.factor(self.unit, f"tce/{amount_unit}")


@cache
def coefficients() -> dict[str, Coefficient]:
    """GB/T 2589-2020 reference coefficients by subject (validated: source, table, provenance, unit)."""
    text = resources.files("parkcarbon.engine").joinpath("data/tce_gbt2589.csv").read_text("utf-8")
    sources = load_library().sources
    numbered = [(i, line) for i, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    if tuple(reader.fieldnames or ()) != _TCE_COLUMNS:
        raise DataFileError(f"tce_gbt2589.csv: columns must be {','.join(_TCE_COLUMNS)}")
    out = {}
    for (lineno, _), row in zip(numbered[1:], reader, strict=True):
        where = f"tce_gbt2589.csv line {lineno}"
        try:
            c = Coefficient(row["subject"], row["basis"], float(row["value"]), row["unit"], row["source"], row["table"],
                            row["provenance"])
            dims = units.parse(c.unit).dimension
        except (ValueError, units.UnitError) as exc:
            raise DataFileError(f"{where}: {exc}") from None
        if not (("energy", 1) in dims or dims == ()):
            raise DataFileError(f"{where}: unit must be energy (kgce, tce) per unit of amount")
        if c.source not in sources or not c.table or c.provenance not in PROVENANCE:
            raise DataFileError(f"{where}: source (sources.csv), table and provenance are required")
        if c.subject in out:
            raise DataFileError(f"{where}: duplicate subject {c.subject}")
        out[c.subject] = c
    return out


@dataclass
class TceResult:
    lines: pd.DataFrame
    electricity_equivalent_kgce_per_kwh: float | None

    @property
    def total_tce(self) -> float:
        return float(self.lines["tce"].sum())

    @property
    def total_tce_equivalent(self) -> float:
        """NaN if electricity was consumed and no equivalent value was given."""
        return float(self.lines["tce_equivalent"].sum(skipna=False))

    def by(self, column: str | list[str]) -> pd.DataFrame:
        """tce (calorific) and tce_equivalent totals by a line column, with a ``total`` row."""
        cols = [column] if isinstance(column, str) else list(column)
        g = self.lines.groupby(cols, sort=True)[["tce"]].sum()
        # strict sum: a group with electricity but no equivalent value stays NaN
        g["tce_equivalent"] = self.lines.groupby(cols, sort=True)["tce_equivalent"].apply(lambda s: s.sum(skipna=False))
        total = pd.DataFrame({"tce": [self.total_tce], "tce_equivalent": [self.total_tce_equivalent]},
                             index=pd.MultiIndex.from_tuples([("total",) * len(cols)], names=cols)
                             if len(cols) > 1 else pd.Index(["total"], name=cols[0]))
        if cols == ["activity"]:  # the catalogue's order (coal, oil, gas, electricity, heat), not the codes' alphabet
            position = {code: i for i, code in enumerate(load_library().activities)}
            g = g.iloc[sorted(range(len(g)), key=lambda i: (position.get(g.index[i], len(position)), g.index[i]))]
        return pd.concat([g, total]).reset_index()

    def by_activity(self) -> pd.DataFrame:
        """Per activity: amount in its default unit, tce, tce_equivalent, and the coefficient basis and source."""
        lib = load_library()
        df = self.lines
        out = self.by("activity")
        meta = df.drop_duplicates("activity").set_index("activity")[["coefficient", "coefficient_unit", "basis", "source"]]
        out = out.join(meta, on="activity")
        names = {a: (lib.activities[a].name_zh, lib.activities[a].name_en) for a in df["activity"].unique()
                 if a in lib.activities}
        out.insert(1, "name_zh", out["activity"].map(lambda a: names.get(a, ("合计", "Total"))[0]))
        out.insert(2, "name_en", out["activity"].map(lambda a: names.get(a, ("合计", "Total"))[1]))
        return out


def _subject(activity) -> str:
    if activity.method in _ELECTRICITY_METHODS:
        return ELECTRICITY
    if activity.method in _HEAT_METHODS:
        return HEAT
    return activity.fuel


def energy_tce(data, *, year: int | None = None, region: str = "CN",
               electricity_equivalent_kgce_per_kwh: float | None = None, library: Library | None = None,
               lenient: bool = False) -> TceResult:
    """Energy consumption in tce per row (see the module docstring for the order of conversion routes). Rows with no
    conversion route are refused, unless ``lenient`` (or ``data`` is a computed Result): an accepted inventory is
    never refused for its energy statistic, those lines then count 0 tce with the basis saying why."""
    lib = library or load_library()
    if isinstance(data, Result):
        year = year or data.year
        region = data.region
        df = _with_measured_heat(data.lines, lib, year, region)
    else:
        df = normalise_rows(data)
    if electricity_equivalent_kgce_per_kwh is not None and not 0.2 <= electricity_equivalent_kgce_per_kwh <= 0.5:
        raise InputError([Problem("-", "electricity_equivalent_kgce_per_kwh", "the equivalent value of electricity "
                                  "(coal per kWh supplied) is about 0.30 kgce/kWh: give it in kgce/kWh")])
    year = year or 2100
    n = len(df)
    tce, coef, coef_unit = np.zeros(n), np.full(n, np.nan), np.full(n, "", dtype=object)
    basis, source = np.full(n, "", dtype=object), np.full(n, "", dtype=object)
    is_elec = np.zeros(n, dtype=bool)
    problems: list[Problem] = []
    ids = df["row_id"].astype(str).to_numpy()
    amount = pd.to_numeric(df["amount"], errors="coerce").to_numpy(dtype=float)
    measured_ncv = _measured(df, "ncv", problems, ids)
    enthalpy = _measured(df, "enthalpy", problems, ids)
    table = coefficients()
    chain = lib.region_chain(region) if region in lib.regions else ("CN",)

    act_codes, act_names = pd.factorize(df["activity"])
    unit_codes, unit_names = pd.factorize(df["unit"])
    width = len(unit_names) + 1
    inverse, distinct = pd.factorize((act_codes.astype(np.int64) + 1) * width + unit_codes + 1)
    for k, pair in enumerate(distinct):
        a_code, u_code = pair // width - 1, pair % width - 1
        code = str(act_names[a_code]) if a_code >= 0 else ""
        unit = str(unit_names[u_code]) if u_code >= 0 else ""
        sel = np.flatnonzero(inverse == k)
        act = lib.activities.get(code)
        if act is None:
            problems += [Problem(ids[i], "activity", "unknown activity") for i in sel[:500]]
            continue
        if act.section != "energy" or act.method in _NOT_ENERGY_METHODS or act.method == "purchased_cooling":
            basis[sel] = "not energy consumption" if act.method != "purchased_cooling" else "no GB/T 2589 coefficient"
            continue
        try:
            dim = units.dimension_of(unit)
        except units.UnitError:
            problems += [Problem(ids[i], "unit", f"unknown unit {unit!r}" if unit else "a unit is required")
                         for i in sel[:500]]
            continue
        subject = _subject(act)
        c = table.get(subject)
        if act.method == "purchased_steam":  # steam by mass: heat = t x (En - 83.74) kJ/kg, then the heat coefficient
            h = enthalpy[sel]
            missing = np.isnan(h)
            problems += [Problem(ids[i], "enthalpy", "steam by mass needs its enthalpy (kJ/kg) to be converted to tce")
                         for i in sel[missing][:500]]
            gj = amount[sel] * units.factor(unit, "t") * (h - STEAM_FEEDWATER_ENTHALPY_KJ_PER_KG) * 1e-3
            tce[sel] = gj * c.tce_per("GJ")
            coef[sel], coef_unit[sel], basis[sel], source[sel] = c.value, c.unit, "table (steam enthalpy)", c.source
            continue
        per_base = {"mass": "t", "volume": "m3", "energy": "GJ"}.get(dim)
        if per_base is None:
            problems += [Problem(ids[i], "unit", f"{unit} is not an amount of energy or fuel") for i in sel[:500]]
            continue
        # 1. measured NCV (fuels by mass or volume)
        ncv = measured_ncv[sel]
        has_ncv = ~np.isnan(ncv) & (dim != "energy") & (subject not in (ELECTRICITY, HEAT))
        if has_ncv.any():
            rows = sel[has_ncv]
            ncv_units = df["ncv_unit"].fillna("").astype(str).to_numpy()[rows] if "ncv_unit" in df else np.full(len(rows), "")
            for nu in pd.unique(ncv_units):
                part = rows[ncv_units == nu]
                try:
                    scale = units.factor(nu, f"GJ/{per_base}")
                except units.UnitError as exc:
                    problems += [Problem(ids[i], "ncv_unit", str(exc)) for i in part[:500]]
                    continue
                tce[part] = amount[part] * units.factor(unit, per_base) * measured_ncv[part] * scale / GJ_PER_TCE
                coef[part] = measured_ncv[part] * scale / GJ_PER_TCE
                coef_unit[part], basis[part], source[part] = f"tce/{per_base}", "measured ncv", "GBT2589-2020"
                if "ncv_from" in df:  # the methodology's own default NCV, for a fuel with no national one (below)
                    from_ids = df["ncv_from"].to_numpy()[part]
                    named = from_ids != ""
                    basis[part[named]] = [f"ncv_default ({fid}) / 29.307" for fid in from_ids[named]]
                    source[part[named]] = [lib.factors[fid].source if fid in lib.factors else "" for fid in from_ids[named]]
        rest = sel[~has_ncv]
        if not len(rest):
            continue
        scale = units.factor(unit, per_base)
        if c is not None:  # 2. the GB/T 2589 table
            try:
                per = c.tce_per(per_base)
            except units.UnitError:
                per = None
            if per is not None:
                tce[rest] = amount[rest] * scale * per
                coef[rest], coef_unit[rest], basis[rest], source[rest] = c.value, c.unit, "GB/T 2589 table", c.source
                if subject == ELECTRICITY:
                    is_elec[rest] = True
                continue
        if dim == "energy":  # 3. already energy
            tce[rest] = amount[rest] * scale / GJ_PER_TCE
            coef[rest], coef_unit[rest], basis[rest], source[rest] = 1 / GJ_PER_TCE, "tce/GJ", "energy unit", "GBT2589-2020"
            continue
        # 4. the library's default NCV of the fuel (derived; not a GB/T 2589 coefficient)
        f = lib.resolve(act.fuel, "ncv", "", "", year, chain, DEFAULT_DATASETS)
        try:
            ncv_default = f.value_in(f"GJ/{per_base}") if f is not None else None
        except units.UnitError:
            ncv_default = None
        if ncv_default is None:
            problems += [Problem(ids[i], "ncv", f"no GB/T 2589 coefficient or default NCV for {act.name_en}: enter the "
                                 "measured NCV (columns ncv, ncv_unit)") for i in rest[:500]]
            continue
        tce[rest] = amount[rest] * scale * ncv_default / GJ_PER_TCE
        coef[rest], coef_unit[rest] = ncv_default / GJ_PER_TCE, f"tce/{per_base}"
        basis[rest], source[rest] = f"ncv_default ({f.id}) / 29.307", f.source
    bad_amount = ~np.isfinite(amount)
    problems += [Problem(ids[i], "amount", "a number is required") for i in np.flatnonzero(bad_amount)[:500]]
    if problems and (lenient or isinstance(data, Result)):  # never refuse a computed inventory for its energy:
        unconverted = np.isin(ids, [p.row for p in problems])  # lines without a route count 0 tce, said so
        tce[unconverted], basis[unconverted] = 0.0, "not converted: measured NCV or enthalpy needed"
    elif problems:
        raise InputError(problems)
    equivalent = tce.copy()
    if is_elec.any():
        if electricity_equivalent_kgce_per_kwh is None:
            equivalent[is_elec] = np.nan
        else:
            kwh = tce[is_elec] / table[ELECTRICITY].tce_per("kWh")
            equivalent[is_elec] = kwh * electricity_equivalent_kgce_per_kwh / 1000
    lines = pd.DataFrame({
        "row_id": df["row_id"].to_numpy(), "enterprise": df["enterprise"].to_numpy(),
        "activity": df["activity"].to_numpy(), "amount": amount, "unit": df["unit"].to_numpy(),
        "tce": tce, "tce_equivalent": equivalent, "coefficient": coef, "coefficient_unit": coef_unit,
        "basis": basis, "source": source,
    })
    return TceResult(lines, electricity_equivalent_kgce_per_kwh)


def _with_measured_heat(lines: pd.DataFrame, lib: Library, year: int, region: str) -> pd.DataFrame:
    """The rows of a computed Result. A line whose NCV was measured carries it back as ``ncv`` (its heat content
    per unit of amount), so its tce uses the same heat as its CO2, as it does when the input rows are given. So does
    a line whose fuel has neither a GB/T 2589 coefficient nor a national default NCV but took its methodology's own
    default (semi-coke or semi-coke gas under cn_magnesium, carbide furnace gas under cn_chemicals): its tce is that
    heat / 29.307 (column ``ncv_from`` names the factor), never 0."""
    df = lines[["row_id", "enterprise", "activity", "amount", "unit"]].copy()
    if "heat_TJ" in lines and "factor:ncv" in lines:
        ncv_ids = lines["factor:ncv"].astype(object).fillna("").astype(str).to_numpy()
        measured = ncv_ids == "measured"
        guideline_only = np.zeros(len(lines), dtype=bool)
        table, chain = coefficients(), lib.region_chain(region) if region in lib.regions else ("CN",)
        for code in pd.unique(lines["activity"].astype(str)):
            act = lib.activities.get(code)
            if act is None or not act.fuel or act.fuel in table:
                continue
            if lib.resolve(act.fuel, "ncv", "", "", year, chain, DEFAULT_DATASETS) is None:
                guideline_only |= (lines["activity"].astype(str).to_numpy() == code) & np.isin(ncv_ids, list(lib.factors))
        carried = measured | guideline_only
        if carried.any():
            amount = pd.to_numeric(lines["amount"], errors="coerce").to_numpy(dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                ncv = lines["heat_TJ"].to_numpy(dtype=float) * 1000 / amount
            df["ncv"] = np.where(carried & np.isfinite(ncv), ncv, np.nan)
            df["ncv_unit"] = np.where(carried, "GJ/" + lines["unit"].astype(str), "")
            df["ncv_from"] = np.where(guideline_only, ncv_ids, "")
    return df


def _measured(df: pd.DataFrame, column: str, problems: list[Problem], ids: np.ndarray) -> np.ndarray:
    if column not in df:
        return np.full(len(df), np.nan)
    raw = df[column]
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    given = raw.notna().to_numpy() & (raw.astype(str).str.strip() != "").to_numpy()
    problems += [Problem(ids[i], column, "a number is required") for i in np.flatnonzero(given & np.isnan(values))[:500]]
    return values


def intensities(total_co2e: float, total_tce: float, output_value_10k_yuan: float | None = None,
                value_added_10k_yuan: float | None = None) -> dict[str, float | None]:
    """Carbon and energy intensity per 10^4 yuan of gross output value and of value added."""
    problems = [Problem("-", name, "must be a positive amount in 10^4 yuan (万元)")
                for name, v in (("output_value_10k_yuan", output_value_10k_yuan),
                                ("value_added_10k_yuan", value_added_10k_yuan))
                if v is not None and not (np.isfinite(v) and v > 0)]
    if problems:
        raise InputError(problems)

    def per(x, d):
        return None if d is None or x is None or not np.isfinite(x) else float(x) / float(d)

    return {
        "co2e_per_10k_yuan_output": per(total_co2e, output_value_10k_yuan),
        "tce_per_10k_yuan_output": per(total_tce, output_value_10k_yuan),
        "co2e_per_10k_yuan_value_added": per(total_co2e, value_added_10k_yuan),
        "tce_per_10k_yuan_value_added": per(total_tce, value_added_10k_yuan),
        "co2e_per_tce": per(total_co2e, total_tce) if total_tce else None,
    }


__all__ = ["GJ_PER_TCE", "Coefficient", "TceResult", "coefficients", "energy_tce", "intensities"]
