"""Agriculture, forestry and other land use: livestock, managed soils, rice, liming / urea, forest and green-space
carbon stock change, land-use conversion.

Removals are negative CO2 computed from positive activity data (an area or a volume increment); only the China
volume method accepts a negative amount, because a stock difference can be a loss.
"""

from __future__ import annotations

from parkcarbon.engine.methods.base import C_TO_CO2, N2ON_TO_N2O, GasOutput, Method, MethodInput, Param
from parkcarbon.engine.methods.ippu import ID_FIELDS, row_numbers


def livestock_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.10 Eq 10.19 (enteric) and 10.22 (manure management), Tier 1: CH4 = N x EF."""
    return {"CH4": GasOutput(m.amount * m.params["ef_ch4"], ("ef_ch4",))}


def soil_n2o(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.11 Eq 11.1, 11.9, 11.10 (Tier 1, non-flooded soils): N2O = N x [EF1 + Frac_GAS x EF4 +
    Frac_LEACH x EF5] x 44/28 - direct, volatilisation / deposition and leaching / runoff."""
    p = m.params
    n2o_n = m.amount * (p["ef1"] + p["frac_gas"] * p["ef4"] + p["frac_leach"] * p["ef5"])
    return {"N2O": GasOutput(n2o_n * N2ON_TO_N2O, ("ef1", "frac_gas", "ef4", "frac_leach", "ef5"))}


def carbon_co2(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.11 Eq 11.12 (liming) and 11.13 (urea): CO2 = M x EF (t C/t) x 44/12."""
    return {"CO2": GasOutput(m.amount * m.params["ef_c"] * C_TO_CO2, ("ef_c",))}


def rice_ch4(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.5 Eq 5.1/5.2: CH4 = A x t x EFc x SFw x SFp x SFo (t = cultivation period, row field
    ``days``)."""
    p = m.params
    days = row_numbers(m, "days", required=True)
    ef = p["efc"] * p["sfw"] * p["sfp"] * p["sfo"]
    return {"CH4": GasOutput(m.amount * days * ef, ("efc", "sfw", "sfp", "sfo"))}


def forest_gain(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.2 Eq 2.9/2.10 (gain): dC = A x G_W x (1 + R) x CF; a removal, so CO2 = -dC x 44/12."""
    p = m.params
    carbon = m.amount * p["growth"] * (1 + p["root_ratio"]) * p["cf"]
    return {"CO2": GasOutput(-carbon * C_TO_CO2, ("growth", "root_ratio", "cf"))}


def forest_volume(m: MethodInput) -> dict[str, GasOutput]:
    """China provincial inventory guideline (2011) ch.4, stock-difference by volume: dC = dV x SVD x BEF x (1 + R) x
    CF; CO2 = -dC x 44/12 (a volume increase is a removal, a decrease an emission)."""
    p = m.params
    carbon = m.amount * p["svd"] * p["bef"] * (1 + p["root_ratio"]) * p["cf"]
    return {"CO2": GasOutput(-carbon * C_TO_CO2, ("svd", "bef", "root_ratio", "cf"))}


def land_conversion(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.4 Ch.2 Eq 2.16 (Tier 1 initial change on conversion): CO2 = A x (C_before - C_after) x 44/12;
    a loss of carbon stock is an emission."""
    p = m.params
    return {"CO2": GasOutput(m.amount * (p["c_before"] - p["c_after"]) * C_TO_CO2, ("c_before", "c_after"))}


def _p(name, unit, zh, en, subject="activity", **kw):
    return Param(name, unit, subject=subject, label_zh=zh, label_en=en, **kw)


AREA = {"area": "ha"}
CF = _p("cf", "tC/t", "生物量含碳率", "Carbon fraction of dry biomass", subject="=biomass")
ROOT = _p("root_ratio", "fraction", "地下/地上生物量比", "Root-to-shoot ratio")
SOIL = "=managed_soils"

METHODS = (
    Method("livestock_ch4", "Livestock CH4 per head (enteric, manure)", "畜禽CH4（肠道发酵、粪便管理）",
           "IPCC 2006 Vol.4 Ch.10 Eq 10.19, 10.22, Tables 10.10-10.15", {"count": "head"},
           (_p("ef_ch4", "tCH4/{amount}", "CH4排放因子", "CH4 emission factor per head", gas="CH4"),), livestock_ch4),
    Method("soil_n2o", "N2O from managed soils (direct and indirect)", "农用地N2O（直接和间接）",
           "IPCC 2006 Vol.4 Ch.11 Eq 11.1, 11.9, 11.10, Tables 11.1, 11.3", {"mass": "t"},
           (_p("ef1", "tN2O-N/tN", "直接排放因子EF1", "EF1 direct N2O", subject=SOIL, qualifier="activity"),
            _p("frac_gas", "fraction", "挥发比例", "Fraction volatilised (Frac_GAS)"),
            _p("ef4", "tN2O-N/tN", "大气沉降排放因子EF4", "EF4 deposition N2O", subject=SOIL),
            _p("frac_leach", "fraction", "淋溶径流比例", "Fraction leached (Frac_LEACH)", subject=SOIL),
            _p("ef5", "tN2O-N/tN", "淋溶径流排放因子EF5", "EF5 leaching N2O", subject=SOIL)),
           soil_n2o),
    Method("carbon_co2", "CO2 from liming and urea application", "石灰和尿素施用CO2", "IPCC 2006 Vol.4 Ch.11 Eq 11.12, 11.13",
           {"mass": "t"}, (_p("ef_c", "tC/t", "碳排放因子", "Carbon emission factor"),), carbon_co2),
    Method("rice_ch4", "Rice cultivation CH4", "稻田CH4", "IPCC 2006 Vol.4 Ch.5 Eq 5.1-5.3, Tables 5.11-5.14", AREA,
           (_p("efc", "tCH4/{amount}", "基准排放因子（每天）", "Baseline EF per day", subject="=rice", gas="CH4"),
            _p("sfw", "fraction", "水分管理调节因子", "Scaling factor for water regime"),
            _p("sfp", "fraction", "前季水分调节因子", "Scaling factor for pre-season water regime", subject="=rice"),
            _p("sfo", "fraction", "有机肥调节因子", "Scaling factor for organic amendment", subject="=rice")),
           rice_ch4, row_fields=(*ID_FIELDS, "days")),
    Method("forest_gain", "Forest / green space biomass gain (sink)", "林地/绿地生物量增长（碳汇）",
           "IPCC 2006 Vol.4 Ch.2 Eq 2.9, 2.10; Ch.4 Table 4.3", AREA,
           (_p("growth", "t/{amount}", "地上生物量年增长量", "Above-ground biomass growth per year"), ROOT, CF), forest_gain),
    Method("forest_volume", "Forest stock change by volume (China method)", "林木蓄积量变化（蓄积量法）",
           "省级温室气体清单编制指南（试行）(2011) 第四章", {"volume": "m3"},
           (_p("svd", "t/{amount}", "基本木材密度", "Basic wood density"),
            _p("bef", "fraction", "生物量扩展因子", "Biomass expansion factor"), ROOT, CF),
           forest_volume, allow_negative=True),
    Method("land_conversion", "Land-use conversion: carbon stock loss", "土地利用转化碳储量损失",
           "IPCC 2006 Vol.4 Ch.2 Eq 2.16; Ch.5 Table 5.9; Ch.8 s.8.3", AREA,
           (_p("c_before", "tC/{amount}", "转化前生物量碳储量", "Biomass carbon stock before conversion"),
            _p("c_after", "tC/{amount}", "转化后生物量碳储量", "Biomass carbon stock after conversion")),
           land_conversion),
)
