"""Fluorinated gases from plasma etching and CVD chamber cleaning in electronics manufacturing.

IPCC 2006 Vol.3 Ch.6 Tier 2a (Eq 6.2 and 6.3), the method the China electronics guideline (2015) follows: a gas fed
into the processes is partly left in the returned cylinder (heel h), partly consumed (utilisation U), partly destroyed
by abatement tools (fraction a of the gas going through tools with destruction efficiency d); the rest is emitted, and
the plasma turns part of it into CF4, C2F6 and (flat-panel display makers) CHF3 by-products (factors B), which abatement
also reduces. One method per input gas because a method returns fixed gases; the defaults are keyed by activity code
(factors/ippu.csv), one activity per gas and product (semiconductors, TFT-FPD displays, photovoltaic cells), so the
activity a user picks carries the product's Tier 2a column of IPCC Table 6.3.
"""

from __future__ import annotations

import numpy as np

from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.methods.base import GasOutput, Method, MethodInput, Param

MASS = {"mass": "t"}
BY_PRODUCTS = {"CF4": "cf4", "C2F6": "c2f6", "HFC-23": "chf3"}  # by-product gas -> parameter suffix


def _zero_if_blank(values: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(values), 0.0, values)


def _etch_cvd(gas: str):
    def compute(m: MethodInput) -> dict[str, GasOutput]:
        """E_i = (1 - h) x FC_i x (1 - U_i) x (1 - a_i x d_i); BPE_k = (1 - h) x FC_i x B_k,i x (1 - a_i x d_k) for the
        by-products k = CF4, C2F6, CHF3 (IPCC 2006 Vol.3 Eq 6.2, 6.3). a blank counts 0 (no abatement tools)."""
        p = m.params
        fed = m.amount * (1 - p["heel"])
        abated = _zero_if_blank(p["abated_fraction"])
        unknown = (abated > 0) & np.isnan(p["destruction"])
        if unknown.any():
            raise InputError([Problem(str(r), "destruction", "give the destruction efficiency of the abatement tools "
                                      "(IPCC Table 6.6 has no default for this gas)",
                                      message_zh="请填写尾气处理装置对该气体的去除效率（IPCC 表6.6 无此气体的缺省值）")
                              for r in m.rows["row_id"].to_numpy()[unknown]])
        out = {gas: GasOutput(fed * p["one_minus_u"] * (1 - abated * _zero_if_blank(p["destruction"])),
                              ("heel", "one_minus_u", "destruction"))}
        for by_product, key in BY_PRODUCTS.items():
            b = _zero_if_blank(p[f"b_{key}"])
            tonnes = fed * b * (1 - abated * p[f"destruction_{key}"])
            if by_product in out:  # CF4 fed in also makes no CF4 by-product (B = 0), kept general
                out[by_product] = GasOutput(out[by_product].tonnes + tonnes, out[by_product].params)
            else:
                out[by_product] = GasOutput(tonnes, ("heel", f"b_{key}"))
        return out

    return compute


def _fraction(name: str, zh: str, en: str, subject: str = "activity", required: bool = True) -> Param:
    return Param(name, "fraction", subject=subject, required=required, label_zh=zh, label_en=en, upper=1)


PARAMS = (
    _fraction("heel", "钢瓶残留比例（h）", "Heel fraction left in the cylinder (h)", subject="=etch_cvd"),
    _fraction("one_minus_u", "气体排放比例（1-Ui）", "Fraction of the gas emitted (1 - Ui)"),
    _fraction("b_cf4", "CF4副产比例（B_CF4）", "CF4 by-product factor (B_CF4)", required=False),
    _fraction("b_c2f6", "C2F6副产比例（B_C2F6）", "C2F6 by-product factor (B_C2F6)", required=False),
    _fraction("b_chf3", "CHF3副产比例（B_CHF3）", "CHF3 by-product factor (B_CHF3)", required=False),
    _fraction("abated_fraction", "经尾气处理装置的比例（ai）", "Fraction of the gas fed to abatement tools (ai)",
              required=False),
    _fraction("destruction", "尾气处理装置去除效率（di）", "Destruction efficiency of abatement tools (di)",
              required=False),
    _fraction("destruction_cf4", "CF4去除效率", "Destruction efficiency for by-product CF4", subject="=etch_cvd_cf4"),
    _fraction("destruction_c2f6", "C2F6去除效率", "Destruction efficiency for by-product C2F6",
              subject="=etch_cvd_c2f6"),
    _fraction("destruction_chf3", "CHF3去除效率", "Destruction efficiency for by-product CHF3",
              subject="=etch_cvd_chf3"),
)

# gas fed in -> the method's gas name in gwp.csv (CHF3 is HFC-23, CH2F2 is HFC-32, c-C4F8 is PFC-318)
GASES = {"cf4": "CF4", "c2f6": "C2F6", "chf3": "HFC-23", "ch2f2": "HFC-32", "nf3": "NF3", "sf6": "SF6", "c3f8": "C3F8",
         "c4f8": "c-C4F8"}

METHODS = tuple(
    Method(f"etch_cvd_{key}", f"{gas} in etching / CVD chamber cleaning (IPCC Tier 2a)",
           f"刻蚀/CVD腔室清洗{gas}排放（IPCC方法2a）",
           "IPCC 2006 Vol.3 Ch.6 Eq 6.2, 6.3, Tables 6.3, 6.6; 电子设备制造企业温室气体排放核算方法与报告指南（试行）(2015)",
           MASS, PARAMS, _etch_cvd(gas), row_fields=("row_id",))
    for key, gas in GASES.items()
)
