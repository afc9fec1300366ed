"""Energy activities: fuel combustion (stationary and mobile) and purchased electricity, heat and cooling."""

from __future__ import annotations

import numpy as np

from parkcarbon.engine.equipment import COLUMN as EQUIPMENT_COLUMN
from parkcarbon.engine.methods.base import C_TO_CO2, GasOutput, Method, MethodInput, Param

STEAM_FEEDWATER_ENTHALPY_KJ_PER_KG = 83.74  # enthalpy of 20 degC feed water, China enterprise guidelines (heat)


def fuel_combustion(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = AD x NCV x CC x OF x 44/12; CH4, N2O = AD x NCV x EF (IPCC 2006 Vol.2 Ch.2 Eq 2.1, Ch.3 Eq 3.2.1;
    GB/T 32150-2015 Eq (2)-(4)). An amount given as heat (GJ, TJ, tce) skips the NCV."""
    p = m.params
    heat_gj = _heat_gj(m)
    co2 = heat_gj * p["cc"]
    co2 *= p["of"]
    co2 *= C_TO_CO2
    # "ncv" carries no uncertainty on a line given as heat (it has no NCV value there), whatever its neighbours
    return {
        "CO2": GasOutput(co2, ("ncv", "cc", "of")),
        "CH4": GasOutput(_times_factor(heat_gj, p["ef_ch4"]), ("ncv", "ef_ch4")),
        "N2O": GasOutput(_times_factor(heat_gj, p["ef_n2o"]), ("ncv", "ef_n2o")),
        "memo:heat_TJ": GasOutput(heat_gj / 1000, ("ncv",)),  # the fuel's heat content (NCV basis), a line column
    }


def _heat_gj(m: MethodInput) -> np.ndarray:
    """Heat of each line in GJ: amount x NCV, or the amount itself when it is given as heat (GJ, TJ, tce)."""
    heat_gj = m.amount * m.params["ncv"]
    by_heat = np.asarray(m.dimension == "energy")
    heat_gj[by_heat] = m.amount[by_heat]
    return heat_gj


def fuel_combustion_blend(m: MethodInput) -> dict[str, GasOutput]:
    """A fossil fuel blended with a biofuel (e.g. sustainable aviation fuel in jet kerosene): CO2 = AD x NCV x CC x OF
    x 44/12 as for the fossil fuel, split by the biomass share of the blend: the fossil part is counted, the biomass
    part is a memo (China civil aviation guideline 2013: only the fossil fuel in a blended fuel is counted)."""
    p = m.params
    heat_gj = _heat_gj(m)
    co2 = heat_gj * p["cc"] * p["of"] * C_TO_CO2
    share = p["bio_share"]
    keys = ("ncv", "cc", "of", "bio_share")
    return {
        "CO2": GasOutput(co2 * (1 - share), keys),
        "CO2_biogenic": GasOutput(co2 * share, keys),
        "memo:heat_TJ": GasOutput(heat_gj / 1000, ("ncv",)),
    }


def _times_factor(heat_gj: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """Heat x a factor that is not required: a line without one (no CH4 / N2O factor for a fuel) counts zero."""
    out = heat_gj * factor
    out[np.isnan(factor)] = 0.0
    return out


def grid_electricity(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = AD (MWh) x EF_grid (tCO2/MWh), location-based and market-based alike."""
    return {"CO2": GasOutput(m.amount * m.params["ef_grid"], ("ef_grid",))}


def green_electricity(m: MethodInput) -> dict[str, GasOutput]:
    """Green electricity bought with certificates (GEC) or direct green-power contracts: already inside the
    purchased total, so zero location-based and a deduction of AD x EF_grid market-based (GHG Protocol Scope 2
    Guidance 2015, ch.6-7; China counts GEC-backed power as zero-emission)."""
    deduction = -m.amount * m.params["ef_grid"]
    return {"CO2": GasOutput(np.zeros_like(m.amount), ()), "market:CO2": GasOutput(deduction, ("ef_grid",))}


def purchased_heat(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = AD (GJ) x EF_heat (tCO2/GJ)."""
    return {"CO2": GasOutput(m.amount * m.params["ef_heat"], ("ef_heat",))}


def purchased_steam(m: MethodInput) -> dict[str, GasOutput]:
    """Steam by mass: AD (GJ) = Ma (t) x (En - 83.74) x 10^-3 with En in kJ/kg, then x EF_heat."""
    heat_gj = m.amount * (m.params["enthalpy"] - STEAM_FEEDWATER_ENTHALPY_KJ_PER_KG) * 1e-3
    return {"CO2": GasOutput(heat_gj * m.params["ef_heat"], ("enthalpy", "ef_heat"))}


def purchased_cooling(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = AD (GJ of cooling) x the supplier's EF; China publishes no default, so the factor is required."""
    return {"CO2": GasOutput(m.amount * m.params["ef_cooling"], ("ef_cooling",))}


GRID = Param("ef_grid", "tCO2/MWh", "CO2", subject="=electricity_grid", grid=True, overridable=False, label_zh="电网排放因子", label_en="Grid emission factor")
EF_HEAT = Param("ef_heat", "tCO2/GJ", "CO2", subject="=heat_purchased", label_zh="热力排放因子", label_en="Heat emission factor")

METHODS = (
    Method(
        "fuel_combustion", "Fuel combustion (fuel-based)", "化石燃料燃烧",
        "GB/T 32150-2015 s.6.2; NDRC 2015 guidelines; IPCC 2006 Vol.2 Ch.2 Eq 2.1 and Ch.3 Eq 3.2.1",
        {"mass": "t", "volume": "10^4 Nm3", "energy": "GJ"},
        (
            Param("ncv", "GJ/{amount}", subject="fuel", needed_for=("mass", "volume"), label_zh="低位发热量", label_en="Net calorific value"),
            Param("cc", "tC/GJ", subject="fuel", label_zh="单位热值含碳量", label_en="Carbon content per unit heat"),
            Param("of", "fraction", subject="fuel", qualifier=EQUIPMENT_COLUMN, label_zh="碳氧化率",
                  label_en="Oxidation rate"),
            Param("ef_ch4", "tCH4/GJ", "CH4", subject="nonco2", qualifier="sector", required=False,
                  label_zh="CH4排放因子", label_en="CH4 emission factor"),
            Param("ef_n2o", "tN2O/GJ", "N2O", subject="nonco2", qualifier="sector", required=False,
                  label_zh="N2O排放因子", label_en="N2O emission factor"),
        ),
        fuel_combustion, linear=True,
    ),
    Method(
        "fuel_combustion_blend", "Biofuel-blended fuel (fossil share counted)", "生物质混合燃料燃烧（计化石部分）",
        "中国民用航空企业温室气体排放核算方法与报告指南（试行）(NDRC 2013), biomass-blended fuel; IPCC 2006 Vol.2 Ch.2 Eq 2.1",
        {"mass": "t", "energy": "GJ"},
        (
            Param("ncv", "GJ/{amount}", subject="fuel", needed_for=("mass",), label_zh="低位发热量", label_en="Net calorific value"),
            Param("cc", "tC/GJ", subject="fuel", label_zh="单位热值含碳量", label_en="Carbon content per unit heat"),
            Param("of", "fraction", subject="fuel", label_zh="碳氧化率", label_en="Oxidation rate"),
            Param("bio_share", "fraction", label_zh="生物质燃料掺混比例", label_en="Biofuel share of the blend", upper=1),
        ),
        fuel_combustion_blend, linear=True,
    ),
    Method("grid_electricity", "Purchased grid electricity", "外购电力", "GB/T 32150-2015 s.6.5; MEE grid factors",
           {"energy": "MWh"}, (GRID,), grid_electricity, linear=True),
    Method("green_electricity", "Green electricity (market-based)", "绿色电力（市场法）", "GHG Protocol Scope 2 Guidance (2015)",
           {"energy": "MWh"}, (GRID,), green_electricity, linear=True),
    Method("purchased_heat", "Purchased heat", "外购热力", "GB/T 32150-2015 s.6.5; NDRC 2015 guidelines",
           {"energy": "GJ"}, (EF_HEAT,), purchased_heat, linear=True),
    Method("purchased_steam", "Purchased steam by mass", "外购蒸汽（质量法）", "NDRC 2015 guidelines, steam heat equation",
           {"mass": "t"}, (Param("enthalpy", "kJ/kg", label_zh="蒸汽热焓", label_en="Steam enthalpy",
                                    lower=STEAM_FEEDWATER_ENTHALPY_KJ_PER_KG), EF_HEAT), purchased_steam,
           linear=True),
    Method("purchased_cooling", "Purchased cooling", "外购冷量", "GHG Protocol Scope 2 Guidance (2015)",
           {"energy": "GJ"}, (Param("ef_cooling", "tCO2/GJ", "CO2", label_zh="冷量排放因子", label_en="Cooling emission factor"),),
           purchased_cooling, linear=True),
)
