"""Waste: solid waste disposal (IPCC 2006 first-order decay), incineration, biological treatment and wastewater.

CH4 recovered (flared or used) is its own activity row with a positive amount, computed as a negative emission, so
that a landfill's deposit rows and its recovery row add up to (generated - R) x (1 - OX) (IPCC 2006 Vol.5 Eq 3.1).
"""

from __future__ import annotations

import numpy as np

from parkcarbon.engine.methods.base import (
    C_TO_CO2,
    CH4C_TO_CH4,
    N2ON_TO_N2O,
    GasOutput,
    Method,
    MethodInput,
    Param,
)
from parkcarbon.engine.methods.ippu import ID_FIELDS, row_numbers

MASS = {"mass": "t"}
FOD_START_MONTHS = 6.0  # deposits are made on average in mid-year (IPCC Waste Model; Vol.5 Ch.3 s.3.2.2)


def landfill_fod(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.5 Ch.3 Eq 3.2-3.6 and Annex 3A1, closed form per deposit row.

    DDOCm = W x DOC x DOCf x MCF decays from t0 = deposit_year + (6 months + delay) with rate k, so the mass left at
    time t is DDOCm x exp(-k x max(0, t - t0)); the mass decomposed in inventory year T is the difference between
    the start and the end of year T. CH4 generated = decomposed x F x 16/12, emitted = generated x (1 - OX).
    With the default 6-month delay a deposit starts decaying on 1 January of the next year, and each later year
    emits e^-k times the year before. A deposit after the inventory year emits nothing in it, so one deposit history
    serves every inventory year.
    """
    p = m.params
    deposit = row_numbers(m, "deposit_year", required=True)
    ddocm = m.amount * p["doc"] * p["docf"] * p["mcf"]
    t0 = deposit + (FOD_START_MONTHS / 12 + p["delay"])
    k = p["k"]
    left_start = np.exp(-k * np.maximum(0.0, m.year - t0))
    left_end = np.exp(-k * np.maximum(0.0, m.year + 1 - t0))
    generated = ddocm * (left_start - left_end) * p["f"] * CH4C_TO_CH4
    return {"CH4": GasOutput(generated * (1 - p["ox"]), ("doc", "docf", "mcf", "k", "f"))}


def landfill_recovery(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 recovered at a landfill (t CH4): -R x (1 - OX), the R term of IPCC 2006 Vol.5 Eq 3.1."""
    return {"CH4": GasOutput(-m.amount * (1 - m.params["ox"]), ())}


def ch4_recovery(m: MethodInput) -> dict[str, GasOutput]:
    """CH4 recovered from wastewater treatment or anaerobic digestion (t CH4), deducted: IPCC 2006 Vol.5 Eq 4.1, 6.1."""
    return {"CH4": GasOutput(-m.amount, ())}


def incineration(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.5 Ch.5 Eq 5.1/5.2: CO2 = SW x dm x CF x FCF x OF x 44/12 (fossil), the non-fossil share
    SW x dm x CF x (1 - FCF) x OF x 44/12 is biogenic (memo); N2O = SW x EF (Eq 5.5), CH4 = SW x EF (Eq 5.4)."""
    p = m.params
    carbon_burnt = m.amount * p["dm"] * p["cf"] * p["of"] * C_TO_CO2
    return {
        "CO2": GasOutput(carbon_burnt * p["fcf"], ("dm", "cf", "fcf", "of")),
        "CO2_biogenic": GasOutput(carbon_burnt * (1 - p["fcf"]), ("dm", "cf", "fcf", "of")),
        "N2O": GasOutput(m.amount * np.nan_to_num(p["ef_n2o"]), ("ef_n2o",)),
        "CH4": GasOutput(m.amount * np.nan_to_num(p["ef_ch4"]), ("ef_ch4",)),
    }


def biological(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.5 Ch.4 Eq 4.1/4.2: CH4 = M x EF_CH4, N2O = M x EF_N2O (recovery is a separate row)."""
    p = m.params
    return {"CH4": GasOutput(m.amount * p["ef_ch4"], ("ef_ch4",)),
            "N2O": GasOutput(m.amount * np.nan_to_num(p["ef_n2o"]), ("ef_n2o",))}


def wastewater_bod(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.5 Ch.6 Eq 6.1-6.3 for one treatment pathway: TOW = P x BOD x I; CH4 = TOW x Bo x MCF
    (sludge removal S = 0; recovery is a separate row)."""
    p = m.params
    tow = m.amount * p["bod"] * p["i_factor"]
    return {"CH4": GasOutput(tow * p["bo"] * p["mcf"], ("bod", "i_factor", "bo", "mcf"))}


def wastewater_cod(m: MethodInput) -> dict[str, GasOutput]:
    """Industrial (or plant-level) wastewater: CH4 = COD removed x Bo x MCF (IPCC 2006 Vol.5 Ch.6 Eq 6.4-6.6 with
    S = 0; the China food / paper enterprise guidelines 2015 use the same form with COD in - out)."""
    p = m.params
    return {"CH4": GasOutput(m.amount * p["bo"] * p["mcf"], ("bo", "mcf"))}


def wastewater_n2o(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.5 Ch.6 Eq 6.7/6.8: N_effluent = P x Protein x F_NPR x F_NON-CON x F_IND-COM (N_sludge = 0);
    N2O = N_effluent x EF_effluent x 44/28."""
    p = m.params
    n_eff = m.amount * p["protein"] * p["f_npr"] * p["f_noncon"] * p["f_indcom"]
    return {"N2O": GasOutput(n_eff * p["ef_effluent"] * N2ON_TO_N2O, ("protein", "f_npr", "ef_effluent"))}


def _p(name, unit, zh, en, subject="activity", **kw):
    return Param(name, unit, subject=subject, label_zh=zh, label_en=en, **kw)


OX = _p("ox", "fraction", "氧化因子", "Oxidation factor", subject="=landfill")

METHODS = (
    Method("landfill_fod", "Solid waste disposal: first-order decay", "固体废物填埋（一阶衰减法）",
           "IPCC 2006 Vol.5 Ch.3 Eq 3.1-3.6, Annex 3A1", MASS,
           (_p("doc", "fraction", "可降解有机碳", "Degradable organic carbon (wet)"),
            _p("docf", "fraction", "可分解DOC比例", "Fraction of DOC decomposing", subject="=landfill"),
            _p("mcf", "fraction", "甲烷修正因子", "Methane correction factor", subject="=landfill"),
            _p("f", "fraction", "填埋气甲烷体积比", "CH4 fraction in landfill gas", subject="=landfill"),
            OX,
            _p("k", "1/yr", "甲烷产生速率常数", "Methane generation rate constant"),
            _p("delay", "yr", "延迟时间", "Delay time", subject="=landfill")),
           landfill_fod, row_fields=(*ID_FIELDS, "deposit_year")),
    Method("landfill_recovery", "Landfill CH4 recovered (deducted)", "填埋气甲烷回收（扣减）", "IPCC 2006 Vol.5 Ch.3 Eq 3.1",
           MASS, (OX,), landfill_recovery),
    Method("ch4_recovery", "CH4 recovered (deducted)", "甲烷回收（扣减）", "IPCC 2006 Vol.5 Eq 4.1, 6.1", MASS, (), ch4_recovery),
    Method("incineration", "Incineration (fossil CO2, biogenic memo, N2O, CH4)", "焚烧（化石CO2、生物质CO2、N2O、CH4）",
           "IPCC 2006 Vol.5 Ch.5 Eq 5.2, 5.4, 5.5; 省级温室气体清单编制指南 (2011) 第五章", MASS,
           (_p("dm", "fraction", "干物质比例", "Dry matter content"),
            _p("cf", "fraction", "干物质含碳量", "Carbon fraction of dry matter"),
            _p("fcf", "fraction", "矿物碳比例", "Fossil carbon fraction"),
            _p("of", "fraction", "燃烧效率", "Oxidation factor"),
            _p("ef_n2o", "tN2O/t", "N2O排放因子", "N2O emission factor", gas="N2O", required=False),
            _p("ef_ch4", "tCH4/t", "CH4排放因子", "CH4 emission factor", gas="CH4", required=False)),
           incineration),
    Method("biological", "Biological treatment (composting, anaerobic digestion)", "生物处理（堆肥、厌氧消化）",
           "IPCC 2006 Vol.5 Ch.4 Eq 4.1/4.2, Table 4.1", MASS,
           (_p("ef_ch4", "tCH4/t", "CH4排放因子", "CH4 emission factor", gas="CH4"),
            _p("ef_n2o", "tN2O/t", "N2O排放因子", "N2O emission factor", gas="N2O", required=False)),
           biological),
    Method("wastewater_bod", "Domestic wastewater CH4 (population x BOD)", "生活污水CH4（人口×BOD）",
           "IPCC 2006 Vol.5 Ch.6 Eq 6.1-6.3", {"population": "person"},
           (_p("bod", "tBOD/{amount}", "人均BOD（每年）", "BOD per person per year", subject="=domestic_wastewater"),
            _p("i_factor", "fraction", "工业BOD修正因子", "Correction for industrial BOD discharged to sewers", subject="=domestic_wastewater"),
            _p("bo", "tCH4/tBOD", "最大甲烷产生能力", "Maximum CH4 producing capacity", subject="=domestic_wastewater"),
            _p("mcf", "fraction", "甲烷修正因子", "Methane correction factor")),
           wastewater_bod),
    Method("wastewater_cod", "Wastewater CH4 (COD removed)", "废水CH4（去除COD）", "IPCC 2006 Vol.5 Ch.6 Eq 6.4-6.6", MASS,
           (_p("bo", "tCH4/tCOD", "最大甲烷产生能力", "Maximum CH4 producing capacity", subject="=wastewater_cod"),
            _p("mcf", "fraction", "甲烷修正因子", "Methane correction factor")),
           wastewater_cod),
    Method("wastewater_n2o", "N2O from wastewater effluent", "污水排放N2O", "IPCC 2006 Vol.5 Ch.6 Eq 6.7/6.8",
           {"population": "person"},
           (_p("protein", "t/{amount}", "人均蛋白质消费量（每年）", "Protein consumed per person per year", subject="=domestic_wastewater"),
            _p("f_npr", "fraction", "蛋白质含氮比例", "Fraction of nitrogen in protein", subject="=domestic_wastewater"),
            _p("f_noncon", "fraction", "非消费蛋白质因子", "Factor for non-consumed protein", subject="=domestic_wastewater"),
            _p("f_indcom", "fraction", "工业和商业共排蛋白质因子", "Factor for industrial and commercial co-discharged protein", subject="=domestic_wastewater"),
            _p("ef_effluent", "tN2O-N/tN", "出水N2O排放因子", "Effluent N2O emission factor", subject="=domestic_wastewater")),
           wastewater_n2o),
)
