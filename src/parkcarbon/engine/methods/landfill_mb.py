"""Solid waste disposal by the mass-balance method (China provincial inventory guideline 2011, ch.5, the default
when no time series of deposits exists; IPCC 1996 default method): all CH4 the year's waste can generate is counted
in the year it is landfilled. First-order decay is ``landfill_fod``."""

from __future__ import annotations

from parkcarbon.engine.methods.base import CH4C_TO_CH4, GasOutput, Method, MethodInput, Param

MASS = {"mass": "t"}


def landfill_mass_balance(m: MethodInput) -> dict[str, GasOutput]:
    """E_CH4 = MSW_T x MSW_F x L0 x (1 - OX), L0 = MCF x DOC x DOCf x F x 16/12 (amount = MSW_T x MSW_F, the waste
    landfilled in the year; CH4 recovered is the separate row ``landfill_ch4_recovered``)."""
    p = m.params
    l0 = p["mcf"] * p["doc"] * p["docf"] * p["f"] * CH4C_TO_CH4
    return {"CH4": GasOutput(m.amount * l0 * (1 - p["ox"]), ("mcf", "doc", "docf", "f", "ox"))}


def _p(name, zh, en, subject="=landfill"):
    return Param(name, "fraction", subject=subject, label_zh=zh, label_en=en)


METHODS = (
    Method("landfill_mass_balance", "Solid waste disposal: mass balance (CH4 in the year of deposit)",
           "固体废物填埋（质量平衡法）", "省级温室气体清单编制指南（试行）(2011) 第五章; IPCC 2006 Vol.5 Ch.3 (parameters)", MASS,
           (_p("doc", "可降解有机碳", "Degradable organic carbon (wet)", subject="activity"),
            _p("docf", "可分解DOC比例", "Fraction of DOC decomposing"),
            _p("mcf", "甲烷修正因子", "Methane correction factor"),
            _p("f", "填埋气甲烷体积比", "CH4 fraction in landfill gas"),
            _p("ox", "氧化因子", "Oxidation factor")),
           landfill_mass_balance),
)
