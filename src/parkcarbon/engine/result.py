"""A calculation's result: one line per input row, totals by any grouping with IPCC Approach 1 uncertainty."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

GAS_GROUPS = {
    "CO2": "CO2", "CH4": "CH4", "N2O": "N2O", "SF6": "SF6", "NF3": "NF3", "CF4": "PFCs", "C2F6": "PFCs",
    "C3F8": "PFCs", "c-C4F8": "PFCs",
    **{g: "HFCs" for g in ("HFC-23", "HFC-32", "HFC-125", "HFC-134a", "HFC-143a", "HFC-152a", "HFC-227ea", "HFC-245fa")},
}
GAS_ORDER = tuple(GAS_GROUPS)
BIOGENIC_KEY = "CO2_biogenic"  # method output key for biogenic CO2 (memo item, never in totals)
MEMO_PREFIX = "memo:"  # a method output "memo:<name>" becomes the line column <name> (0 on other methods' lines)
FOSSIL_CH4_SECTIONS = ("energy", "ippu")  # CH4 of a non-biogenic activity here is fossil (combustion, fugitive,
# process): weighed with the set's CH4_fossil where it has one (AR6 WG1 Table 7.15; data/gwp.csv)


def ch4_gwp(lines: pd.DataFrame, gwp: dict[str, float]) -> np.ndarray | float:
    """Per line: the GWP of the line's CH4 (fossil or not, column ``ch4_fossil``)."""
    if "CH4_fossil" not in gwp or "ch4_fossil" not in lines:
        return gwp.get("CH4", 0.0)
    return np.where(np.asarray(lines["ch4_fossil"], dtype=bool), gwp["CH4_fossil"], gwp["CH4"])


def combine_sum(values: np.ndarray, uncertainty_pct: np.ndarray) -> float:
    """Uncertainty (%) of a sum: sqrt(sum((U_i x_i)^2)) / |sum x_i| (IPCC 2006 Vol.1 Ch.3 Eq 3.2)."""
    total = float(np.sum(values))
    return float(np.sqrt(np.sum((uncertainty_pct * values) ** 2)) / abs(total)) if total else 0.0


def _isin(column, values: tuple[str, ...]) -> np.ndarray:
    """Per line: is the text in ``values``; a categorical's categories are tested once, then gathered by code."""
    if isinstance(column, pd.Categorical):  # a few categories: tested in Python, cheaper than through pandas
        return np.array([c in values for c in column.categories.tolist()] + [False])[column.codes]  # code -1: False
    return pd.Series(column, copy=False).isin(values).to_numpy()


_FACTOR_TABLES: dict[tuple, pd.DataFrame] = {}


def _factor_table(lib, used: tuple[str, ...], year: int) -> pd.DataFrame:
    """The factors used, one row each, with whether ``year`` is outside the years their source covers (kept per
    library version, set of ids and year: inventories repeat them; the caller gets a copy)."""
    key = (lib.version, used, year)
    if key not in _FACTOR_TABLES:
        if len(_FACTOR_TABLES) > 256:
            _FACTOR_TABLES.pop(next(iter(_FACTOR_TABLES)))
        records = [vars(lib.factors[f]) for f in used]
        table = pd.DataFrame({k: [r[k] for r in records] for k in records[0]}) if used else pd.DataFrame()
        if used:
            table["out_of_validity"] = [not lib.is_valid(lib.factors[f], year) for f in used]
        _FACTOR_TABLES[key] = table
    return _FACTOR_TABLES[key].copy()


@dataclass
class Result:
    """``lines`` has one row per input row: identity columns, tonnes per gas, ``CO2_biogenic`` (memo), ``co2e``,
    ``co2e_market`` (scope 2 market-based), ``uncertainty_pct`` (of co2e), ``factor:<param>`` ids and
    ``out_of_validity`` (ids of factors used outside the years their source covers, "" if none) and ``ch4_fossil``
    (the line's CH4 is fossil: weighed with ``gwp["CH4_fossil"]`` when the set has one). ``gwp`` maps each gas to
    its value, plus ``CH4_fossil`` for a set that distinguishes it (AR6)."""

    lines: pd.DataFrame
    gases: tuple[str, ...]
    gwp_set: str
    gwp: dict[str, float]
    year: int
    region: str
    grid_basis: str
    library_version: str
    engine_version: str
    factors_used: pd.DataFrame
    methodologies: tuple[str, ...] = ()  # methodology ids the options came from (Options.methodologies)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per calculation stage (benchmarks)

    @classmethod
    def build(cls, columns, gas_t, gas_unc, market, biogenic, factor_cols, lib, options) -> Result:
        """The result of a calculation: ``columns`` are the lines' identity columns (arrays, Series or
        categoricals of one length, ``amount`` among them), ``gas_t`` and ``gas_unc`` tonnes and uncertainty (%)
        per gas, ``market`` (rows, CO2) where the market-based result differs (or None), ``biogenic`` a per-line
        flag (or None: no biogenic line). The lines table is assembled once, without copying the columns."""
        from parkcarbon.engine.calculate import ENGINE_VERSION

        n = len(columns["amount"])
        gas_t = dict(gas_t)
        bio_memo = gas_t.pop(BIOGENIC_KEY, None)  # a method that splits a row into fossil and biogenic
        memos = {k.split(":", 1)[1]: gas_t.pop(k) for k in [k for k in gas_t if k.startswith(MEMO_PREFIX)]}
        unknown = set(gas_t) - set(GAS_GROUPS)
        if unknown:
            raise ValueError(f"methods produced unknown gases {unknown}")
        gases = tuple(g for g in GAS_ORDER if g in gas_t)
        missing = [g for g in gases if g not in lib.gwp[options.gwp] and np.any(gas_t[g])]
        if missing:
            from parkcarbon.engine.errors import InputError, Problem

            raise InputError([Problem("-", "gwp", f"GWP set {options.gwp} has no value for {', '.join(missing)}: "
                                      "choose another GWP set (e.g. AR5)", message_zh=f"GWP版本 {options.gwp} 没有 "
                                      f"{'、'.join(missing)} 的数值：请选择其他GWP版本（如 AR5）")])
        gwp = {g: lib.gwp[options.gwp].get(g, (0.0,))[0] for g in gases}
        if "CH4" in gwp and "CH4_fossil" in lib.gwp[options.gwp]:
            gwp["CH4_fossil"] = lib.gwp[options.gwp]["CH4_fossil"][0]
        out = dict(columns)
        fossil = _isin(columns["section"], FOSSIL_CH4_SECTIONS)
        out["ch4_fossil"] = fossil if biogenic is None else fossil & ~np.asarray(biogenic, dtype=bool)
        out["CO2_biogenic"] = np.zeros(n) if bio_memo is None else bio_memo
        for name, values in memos.items():  # e.g. heat_TJ of fuel lines, avoided_CO2: not emissions, not in co2e
            out[name] = values
        for g in gases:
            out[g] = gas_t[g]
        if biogenic is not None:  # biogenic CO2 is a memo item, outside the totals
            out["CO2_biogenic"] = np.where(biogenic, gas_t.get("CO2", 0.0), 0.0)
            if bio_memo is not None:
                out["CO2_biogenic"] += bio_memo
            if "CO2" in gas_t:
                out["CO2"] = np.where(biogenic, 0.0, gas_t["CO2"])
        co2e, unc_abs_sq, weighted = np.zeros(n), np.zeros(n), np.empty(n)  # one scratch array for every gas
        for g in gases:  # IPCC 2006 Vol.1 Ch.3 Eq 3.2 over the gases of a line
            np.multiply(out[g], ch4_gwp(out, gwp) if g == "CH4" else gwp[g], out=weighted)
            co2e += weighted
            weighted *= gas_unc[g]
            np.square(weighted, out=weighted)
            unc_abs_sq += weighted
        out["co2e"] = co2e
        out["co2e_market"] = co2e.copy()
        if market is not None:  # scope 2 market-based differs on these lines only
            rows, market_co2 = market
            location_co2 = out["CO2"][rows] if "CO2" in out else 0.0
            out["co2e_market"][rows] = co2e[rows] - location_co2 + market_co2
        unc = np.sqrt(unc_abs_sq, out=unc_abs_sq)  # of CO2e, in %; 0 for a line without emissions
        nonzero = co2e != 0
        np.divide(unc, np.abs(co2e), out=unc, where=nonzero)
        unc[~nonzero] = 0.0
        out["uncertainty_pct"] = unc
        for name, col in factor_cols.items():
            out[f"factor:{name}"] = col
        out["out_of_validity"] = lib.out_of_validity(factor_cols, options.year, n)  # factors outside their years
        # the input's columns (Series) carry its index: given, pandas need not align them
        index = next((c.index for c in columns.values() if isinstance(c, pd.Series)), None)
        lines = pd.DataFrame(out, index=index, copy=False)
        # the factors some line used: a default every line replaced by its measured value is not listed (a column's
        # categories keep the default looked up for the key even where no row took it)
        used = tuple(sorted({fid for col in factor_cols.values()
                             for fid in col.categories[np.bincount(col.codes[col.codes >= 0],
                                                                   minlength=len(col.categories)) > 0].tolist()
                             if fid in lib.factors}))
        factors_used = _factor_table(lib, used, options.year)
        return cls(lines, gases, options.gwp, gwp, options.year, options.region, options.grid_basis,
                   lib.version, ENGINE_VERSION, factors_used, tuple(options.methodologies))

    def totals(self, by: str | list[str] | None = None) -> pd.DataFrame:
        """Totals of every gas (t), biogenic memo, CO2e and market-based CO2e, with the CO2e uncertainty (%)
        combined by IPCC Approach 1. ``by`` is any line column(s): section, category, scope, enterprise, month."""
        cols = [*self.gases, "CO2_biogenic", "co2e", "co2e_market"]
        df = self.lines[cols].copy()
        df["_u2"] = (self.lines["uncertainty_pct"] * self.lines["co2e"]) ** 2
        if by is None:
            summed = df.sum().to_frame().T
        else:
            summed = df.groupby([self.lines[b] for b in ([by] if isinstance(by, str) else by)], sort=True).sum()
        with np.errstate(invalid="ignore", divide="ignore"):
            summed["uncertainty_pct"] = np.where(summed["co2e"] != 0, np.sqrt(summed["_u2"]) / summed["co2e"].abs(), 0.0)
        return summed.drop(columns="_u2")

    def by_gas(self) -> pd.DataFrame:
        """Tonnes and CO2e per gas and per reporting group (HFCs, PFCs), biogenic CO2 excluded."""
        rows = []
        for g in self.gases:
            tonnes = float(self.lines[g].sum())
            co2e = float(np.sum(self.lines[g].to_numpy() * (ch4_gwp(self.lines, self.gwp) if g == "CH4" else self.gwp[g])))
            gwp = co2e / tonnes if g == "CH4" and tonnes and "CH4_fossil" in self.gwp else self.gwp[g]  # effective
            rows.append({"gas": g, "group": GAS_GROUPS[g], "tonnes": tonnes, "gwp": gwp, "co2e": co2e})
        return pd.DataFrame(rows, columns=["gas", "group", "tonnes", "gwp", "co2e"])

    @property
    def total_co2e(self) -> float:
        return float(self.lines["co2e"].sum())

    def to_dict(self) -> dict:
        """JSON-ready: metadata, per-line results with factor ids, totals by gas, section, scope and category."""
        factor_cols = [c for c in self.lines.columns if c.startswith("factor:")]
        lines = self.lines.astype({c: object for c in factor_cols}).replace({np.nan: None})
        records = []
        for rec in lines.to_dict("records"):
            rec["factors"] = {c.split(":", 1)[1]: rec.pop(c) for c in factor_cols if rec.get(c) is not None}
            for c in factor_cols:
                rec.pop(c, None)
            records.append(rec)

        def table(by):
            t = self.totals(by).reset_index()
            return t.to_dict("records")

        return {
            "year": self.year, "region": self.region, "gwp_set": self.gwp_set, "gwp": self.gwp,
            "grid_basis": self.grid_basis, "methodologies": list(self.methodologies), "engine_version": self.engine_version,
            "library_version": self.library_version,
            "total": self.totals().iloc[0].to_dict(),
            "by_gas": self.by_gas().to_dict("records"),
            "by_section": table("section"), "by_scope": table("scope"), "by_category": table("category"),
            "lines": records,
            "factors": self.factors_used.to_dict("records") if len(self.factors_used) else [],
        }
