"""Industrial processes and product use (IPPU): mineral, chemical and metal industries, fluorinated gases.

Every method is vectorised over its rows. Technology-specific defaults (nitric acid plant type, aluminium cell
technology, lime type ...) are keyed by activity code in ``data/factors/ippu.csv``, so a park user picks the
technology from the activity list. Deductions (carbon leaving in products, CO2 recovered for urea) are their own
activity rows with a positive amount, computed as a negative emission.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from parkcarbon.engine import units
from parkcarbon.engine.errors import InputError, Problem
from parkcarbon.engine.methods.base import C_TO_CO2, GasOutput, Method, MethodInput, Param

MGO_TO_CO2 = 44.0 / 40.0  # CO2 / MgO (China cement guideline 2013 Eq (3))
MASS = {"mass": "t"}
VOLUME = {"volume": "10^4 Nm3"}
ID_FIELDS = ("row_id", "unit")  # read by row_numbers / same_unit_as_amount to name rows and convert fields


def row_numbers(m: MethodInput, name: str, *, required: bool, default: float = np.nan) -> np.ndarray:
    """A numeric extra input column (``row_fields``); a missing or non-numeric required value is an InputError
    naming every row and the column."""
    if name in m.rows:
        raw = m.rows[name]
        values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
        given = raw.notna().to_numpy() & (raw.astype(str).str.strip() != "").to_numpy()
        bad = given & np.isnan(values)
    else:
        values = np.full(len(m.rows), np.nan)
        given = bad = np.zeros(len(m.rows), dtype=bool)
    missing = ~given if required else np.zeros(len(m.rows), dtype=bool)
    problems = [Problem(str(r), name, "a number is required") for r in m.rows["row_id"].to_numpy()[bad | missing]]
    if problems:
        raise InputError(problems)
    return np.where(np.isnan(values), default, values)


def same_unit_as_amount(m: MethodInput, values: np.ndarray, to_unit: str) -> np.ndarray:
    """Row fields given in the unit of the row's amount (e.g. recovered SF6 in kg like the capacity)."""
    scale, _ = units.convert(np.ones(len(m.rows)), m.rows["unit"].to_numpy(dtype=object), to_unit)
    return values * scale


def check_not_negative(m: MethodInput, values: np.ndarray, column: str, message: str) -> None:
    bad = values < -1e-9
    if bad.any():
        raise InputError([Problem(str(r), column, message) for r in m.rows["row_id"].to_numpy()[bad]])


def _opt(p: dict, name: str, fill: float) -> np.ndarray:
    return np.where(np.isnan(p[name]), fill, p[name])


# --- generic product x factor methods -------------------------------------------------------------------------

def process_co2(m: MethodInput) -> dict[str, GasOutput]:
    """CO2 = AD x EF x F (F = fraction calcined / converted, 1 unless measured): IPCC 2006 Vol.3 Eq 2.1, 2.5, 2.14,
    4.1, 4.15; China steel guideline 2013 Eq (5)-(6) for fluxes, electrodes and purchased carbon-bearing iron."""
    return {"CO2": GasOutput(m.amount * m.params["ef_co2"] * _opt(m.params, "fraction", 1.0), ("ef_co2",))}


def process_co2_deduction(m: MethodInput) -> dict[str, GasOutput]:
    """A positive amount that takes carbon out of the inventory: CO2 = -AD x EF (carbon fixed in crude steel or
    pig iron sold, China steel guideline 2013 Eq (7); CO2 recovered for urea, IPCC 2006 Vol.3 Eq 3.1 R_CO2)."""
    return {"CO2": GasOutput(-m.amount * m.params["ef_co2"], ("ef_co2",))}


def carbon_content_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Carbon balance term: CO2 = AD x C x 44/12, C the carbon mass fraction of a material entering the process
    (China chemicals guideline 2013 carbon input; cement guideline 2013 raw-meal non-fuel carbon; IPCC 2006 Vol.2
    Ch.3 Eq 3.2.2 urea-based catalysts, where C = 12/60 x purity)."""
    return {"CO2": GasOutput(m.amount * m.params["carbon"] * C_TO_CO2, ("carbon",))}


def carbon_content_deduction(m: MethodInput) -> dict[str, GasOutput]:
    """Carbon leaving in products or wastes (China chemicals guideline 2013 carbon output): CO2 = -AD x C x 44/12."""
    return {"CO2": GasOutput(-m.amount * m.params["carbon"] * C_TO_CO2, ("carbon",))}


def carbon_volume_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Carbon balance term for a gas measured by volume (coke oven gas entering downstream processing, China coking
    guideline 2014; a gaseous feedstock of hydrogen production, China petrochemical guideline 2014):
    CO2 = V x C_V x 44/12, C_V the carbon per 10^4 Nm3 at standard conditions."""
    return {"CO2": GasOutput(m.amount * m.params["carbon_volume"] * C_TO_CO2, ("carbon_volume",))}


def carbon_volume_deduction(m: MethodInput) -> dict[str, GasOutput]:
    """Carbon leaving the process in a gas measured by volume (coke oven gas produced, China coking guideline 2014;
    the synthesis gas of hydrogen production, China petrochemical guideline 2014): CO2 = -V x C_V x 44/12."""
    return {"CO2": GasOutput(-m.amount * m.params["carbon_volume"] * C_TO_CO2, ("carbon_volume",))}


def oxide_calcination(m: MethodInput) -> dict[str, GasOutput]:
    """China cement guideline 2013 Eq (3)-(4): EF = (CaO - CaO_nc) x 44/56 + (MgO - MgO_nc) x 44/40 on the
    product's oxide content; CO2 = (clinker, or kiln/bypass dust) x EF. The same equation serves lime from its
    oxide content (IPCC 2006 Vol.3 Eq 2.9 with measured CaO/MgO). The CaO->CO2 ratio is the methodology's own
    (data: 44/56 in the China cement guideline, 0.785 = 44.01/56.08 in IPCC 2006 Eq 2.4)."""
    p = m.params
    ef = (p["cao"] - _opt(p, "cao_nc", 0.0)) * p["cao_co2"] + (_opt(p, "mgo", 0.0) - _opt(p, "mgo_nc", 0.0)) * MGO_TO_CO2
    return {"CO2": GasOutput(m.amount * ef, ("cao", "mgo"))}


def glass(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.3 Ch.2 Eq 2.10 (Tier 1): CO2 = M_g x EF x (1 - CR), CR the cullet ratio."""
    return {"CO2": GasOutput(m.amount * m.params["ef_co2"] * (1 - m.params["cullet_ratio"]), ("ef_co2", "cullet_ratio"))}


def ammonia(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.3 Ch.3 Eq 3.1 (without R): CO2 = AP x FR x CCF x COF x 44/12; CO2 recovered for urea is the
    separate ``urea_co2_recovered`` row."""
    p = m.params
    return {"CO2": GasOutput(m.amount * p["fuel_req"] * p["ccf"] * p["cof"] * C_TO_CO2, ("fuel_req", "ccf", "cof"))}


def process_n2o(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.3 Ch.3 Eq 3.6 (nitric acid) and 3.8 (adipic acid): N2O = P x EF x (1 - DF x ASUF), where DF is
    the abatement destruction factor and ASUF its utilisation (1 unless given)."""
    p = m.params
    abated = _opt(p, "destruction", 0.0) * _opt(p, "utilisation", 1.0)
    return {"N2O": GasOutput(m.amount * p["ef_n2o"] * (1 - abated), ("ef_n2o", "destruction"))}


def aluminium(m: MethodInput) -> dict[str, GasOutput]:
    """Primary aluminium Tier 1: anode CO2 = P x EF (IPCC 2006 Vol.3 Table 4.10); CF4 and C2F6 = P x EF by cell
    technology (Table 4.15), or the China aluminium guideline 2013 defaults."""
    p = m.params
    return {
        "CO2": GasOutput(m.amount * np.nan_to_num(p["ef_co2"]), ("ef_co2",)),
        "CF4": GasOutput(m.amount * p["ef_cf4"], ("ef_cf4",)),
        "C2F6": GasOutput(m.amount * p["ef_c2f6"], ("ef_c2f6",)),
    }


def anode_carbon(m: MethodInput) -> dict[str, GasOutput]:
    """China aluminium guideline 2013 Eq (4): CO2 = net anode consumption x (1 - S - Ash) x 44/12."""
    p = m.params
    return {"CO2": GasOutput(m.amount * (1 - p["anode_s"] - p["anode_ash"]) * C_TO_CO2, ("anode_s", "anode_ash"))}


def anode_carbon_per_aluminium(m: MethodInput) -> dict[str, GasOutput]:
    """China aluminium guideline 2013 Eq (4) from aluminium output: CO2 = P x NC x (1 - S - Ash) x 44/12, with NC the
    net carbon anode consumption per t of aluminium (the guideline's default when the smelter has no measured NC)."""
    p = m.params
    co2 = m.amount * p["anode_nc"] * (1 - p["anode_s"] - p["anode_ash"]) * C_TO_CO2
    return {"CO2": GasOutput(co2, ("anode_nc", "anode_s", "anode_ash"))}


def hcfc22(m: MethodInput) -> dict[str, GasOutput]:
    """IPCC 2006 Vol.3 Ch.3 Eq 3.30/3.31: HFC-23 = P_HCFC-22 x EF - destroyed (row field ``hfc23_destroyed`` in the
    unit of the amount)."""
    destroyed = same_unit_as_amount(m, row_numbers(m, "hfc23_destroyed", required=False, default=0.0), "t")
    out = m.amount * m.params["ef_hfc23"] - destroyed
    check_not_negative(m, out, "hfc23_destroyed", "more HFC-23 destroyed than generated")
    return {"HFC-23": GasOutput(out, ("ef_hfc23",))}


def sf6_recovery(m: MethodInput) -> dict[str, GasOutput]:
    """China power-grid guideline 2013 Eq (3): SF6 = nameplate capacity of retired or repaired equipment - SF6
    recovered from it (row field ``recovered``, in the unit of the amount)."""
    recovered = same_unit_as_amount(m, row_numbers(m, "recovered", required=True), "t")
    out = m.amount - recovered
    check_not_negative(m, out, "recovered", "more SF6 recovered than the equipment's nameplate capacity")
    return {"SF6": GasOutput(out, ())}


def coke_burn_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Coke burnt off catalysts by continuous regeneration (catalytic cracking, continuous catalytic reforming, other
    units) or in a fluid coker's burner (China petrochemical guideline 2014): CO2 = MC x CF x OF x 44/12, MC the coke
    burnt, CF its carbon content, OF the oxidation rate of the burning."""
    p = m.params
    return {"CO2": GasOutput(m.amount * p["carbon"] * p["of"] * C_TO_CO2, ("carbon", "of"))}


def catalyst_regen_co2(m: MethodInput) -> dict[str, GasOutput]:
    """Catalyst regenerated intermittently (catalytic reforming, other units; China petrochemical guideline 2014):
    CO2 = MC x (1 - CBQ) x (CBQ / (1 - CBQ) - CAQ / (1 - CAQ)) x 44/12, MC the catalyst to be regenerated (with its
    coke), CBQ and CAQ the carbon mass fractions of the catalyst before and after regeneration."""
    p = m.params
    cbq, caq = p["cbq"], p["caq"]
    # (1 - CBQ) x (CBQ/(1 - CBQ) - CAQ/(1 - CAQ)) = (CBQ - CAQ) / (1 - CAQ): the same carbon, without the singularity
    # at CBQ = 100 %; no carbon removed (CBQ = CAQ) is no emission.
    with np.errstate(divide="ignore", invalid="ignore"):
        removed = np.where(cbq == caq, 0.0, (cbq - caq) / (1 - caq))
    check_not_negative(m, removed, "caq", "the catalyst holds more carbon after regeneration than before")
    return {"CO2": GasOutput(m.amount * removed * C_TO_CO2, ("cbq", "caq"))}


FGAS_SPECIES = ("HFC-23", "HFC-32", "HFC-125", "HFC-134a", "HFC-143a", "HFC-152a", "HFC-227ea", "HFC-245fa",
                "CF4", "C2F6", "SF6", "NF3")


def _fgas_balance(gas: str):
    def compute(m: MethodInput) -> dict[str, GasOutput]:
        """Mass balance (IPCC 2006 Vol.3 Ch.7 Eq 7.9 / Ch.6 Eq 6.1 simplified; GB/T 32150-2015 s.6.4): emission =
        purchases (amount) + inventory at start - inventory at end - quantity disposed / returned / recovered."""
        start = row_numbers(m, "inventory_start", required=False, default=0.0)
        end = row_numbers(m, "inventory_end", required=False, default=0.0)
        disposed = row_numbers(m, "disposed", required=False, default=0.0)
        out = m.amount + same_unit_as_amount(m, start - end - disposed, "t")
        check_not_negative(m, out, "inventory_end", f"the {gas} balance is negative: check the inventories and disposals")
        return {gas: GasOutput(out, ())}

    return compute


def _cid(gas: str) -> str:
    return "fgas_balance_" + gas.lower().replace("-", "")


EF_CO2 = Param("ef_co2", "tCO2/t", "CO2", label_zh="CO2排放因子", label_en="CO2 emission factor")
CARBON = Param("carbon", "fraction", label_zh="含碳量", label_en="Carbon content (mass fraction)")
FRACTION = Param("fraction", "fraction", required=False, label_zh="煅烧比例", label_en="Fraction calcined", upper=1)
CARBON_VOLUME = Param("carbon_volume", "tC/10^4 Nm3", label_zh="单位体积含碳量", label_en="Carbon content per volume")

METHODS = (
    Method("process_co2", "Process CO2: amount x emission factor", "工业过程CO2（活动水平×排放因子）",
           "IPCC 2006 Vol.3 Ch.2 Eq 2.1/2.14, Ch.4 Eq 4.1/4.15; 中国钢铁生产企业温室气体排放核算指南 (2013) Eq (5)-(6)",
           MASS, (EF_CO2, FRACTION), process_co2),
    Method("process_co2_deduction", "Carbon leaving in products (deducted)", "固碳产品隐含排放（扣减）",
           "中国钢铁生产企业温室气体排放核算指南 (2013) Eq (7); IPCC 2006 Vol.3 Ch.3 Eq 3.1 (R_CO2)",
           MASS, (EF_CO2,), process_co2_deduction),
    Method("carbon_content_co2", "Carbon in a material: amount x carbon content x 44/12", "含碳物料（活动水平×含碳量×44/12）",
           "中国化工生产企业温室气体排放核算指南 (2013) carbon balance; 中国水泥生产企业温室气体排放核算指南 (2013) raw meal; "
           "IPCC 2006 Vol.2 Ch.3 Eq 3.2.2", MASS, (CARBON,), carbon_content_co2),
    Method("carbon_content_deduction", "Carbon leaving in products or wastes (deducted)", "产品/废物含碳（扣减）",
           "中国化工生产企业温室气体排放核算指南 (2013) carbon balance", MASS, (CARBON,), carbon_content_deduction),
    Method("carbon_volume_co2", "Carbon in a gas by volume: volume x carbon per volume x 44/12",
           "含碳气体（体积×单位体积含碳量×44/12）", "中国独立焦化企业温室气体排放核算方法与报告指南（试行）(2014) carbon balance; "
           "中国石油化工企业温室气体排放核算方法与报告指南（试行）(2014) hydrogen production",
           VOLUME, (CARBON_VOLUME,), carbon_volume_co2),
    Method("carbon_volume_deduction", "Carbon leaving in a gas by volume (deducted)", "含碳气体输出（扣减）",
           "中国独立焦化企业温室气体排放核算方法与报告指南（试行）(2014) carbon balance; "
           "中国石油化工企业温室气体排放核算方法与报告指南（试行）(2014) hydrogen production", VOLUME, (CARBON_VOLUME,),
           carbon_volume_deduction),
    Method("oxide_calcination", "Calcination from oxide content (CaO/MgO)", "熟料/石灰氧化物含量法",
           "中国水泥生产企业温室气体排放核算指南 (2013) Eq (3)-(4); IPCC 2006 Vol.3 Ch.2 Eq 2.4/2.9",
           MASS,
           (Param("cao", "fraction", label_zh="CaO含量", label_en="CaO content"),
            Param("cao_nc", "fraction", required=False, label_zh="非碳酸盐CaO含量", label_en="Non-carbonate CaO content"),
            Param("mgo", "fraction", required=False, label_zh="MgO含量", label_en="MgO content"),
            Param("mgo_nc", "fraction", required=False, label_zh="非碳酸盐MgO含量", label_en="Non-carbonate MgO content"),
            Param("cao_co2", "tCO2/t", subject="=cao", overridable=False, label_zh="CaO折算CO2系数",
                  label_en="CO2 per tonne of CaO")),
           oxide_calcination),
    Method("glass", "Glass production (Tier 1 with cullet ratio)", "玻璃生产（碎玻璃比例）", "IPCC 2006 Vol.3 Ch.2 Eq 2.10",
           MASS, (EF_CO2, Param("cullet_ratio", "fraction", label_zh="碎玻璃比例", label_en="Cullet ratio")), glass),
    Method("ammonia", "Ammonia production (fuel requirement)", "合成氨生产（原料需求法）", "IPCC 2006 Vol.3 Ch.3 Eq 3.1, Table 3.1",
           MASS,
           (Param("fuel_req", "GJ/t", label_zh="单位产品原料燃料需求", label_en="Fuel requirement per tonne"),
            Param("ccf", "tC/GJ", label_zh="燃料含碳量", label_en="Carbon content of the fuel"),
            Param("cof", "fraction", label_zh="碳氧化因子", label_en="Carbon oxidation factor")),
           ammonia),
    Method("process_n2o", "Process N2O with abatement (nitric / adipic acid)", "硝酸/己二酸N2O（含减排）",
           "IPCC 2006 Vol.3 Ch.3 Eq 3.6, 3.8, Tables 3.3-3.4", MASS,
           (Param("ef_n2o", "tN2O/t", "N2O", subject="fuel", label_zh="N2O排放因子", label_en="N2O emission factor"),
            Param("destruction", "fraction", required=False, label_zh="N2O分解率", label_en="Destruction factor"),
            Param("utilisation", "fraction", required=False, label_zh="减排装置使用率", label_en="Abatement utilisation factor")),
           process_n2o),
    Method("aluminium", "Primary aluminium Tier 1 (anode CO2, CF4, C2F6)", "电解铝（阳极CO2、CF4、C2F6）",
           "IPCC 2006 Vol.3 Ch.4 Tables 4.10, 4.15; 中国电解铝生产企业温室气体排放核算指南 (2013)", MASS,
           (Param("ef_co2", "tCO2/t", "CO2", required=False, label_zh="阳极CO2排放因子", label_en="Anode CO2 factor"),
            Param("ef_cf4", "tCF4/t", "CF4", label_zh="CF4排放因子", label_en="CF4 emission factor"),
            Param("ef_c2f6", "tC2F6/t", "C2F6", label_zh="C2F6排放因子", label_en="C2F6 emission factor")),
           aluminium),
    Method("anode_carbon", "Net anode consumption (carbon balance)", "阳极消耗（碳平衡）",
           "中国电解铝生产企业温室气体排放核算指南 (2013) Eq (4)", MASS,
           (Param("anode_s", "fraction", label_zh="阳极含硫量", label_en="Sulphur content of anodes"),
            Param("anode_ash", "fraction", label_zh="阳极灰分", label_en="Ash content of anodes")),
           anode_carbon),
    Method("anode_carbon_al", "Carbon anode consumption from aluminium output", "炭阳极消耗（按原铝产量）",
           "中国电解铝生产企业温室气体排放核算指南 (2013) Eq (4)", MASS,
           (Param("anode_nc", "tC/t", label_zh="吨铝炭阳极净耗", label_en="Net carbon anode consumption per t of aluminium"),
            Param("anode_s", "fraction", label_zh="阳极含硫量", label_en="Sulphur content of anodes"),
            Param("anode_ash", "fraction", label_zh="阳极灰分", label_en="Ash content of anodes")),
           anode_carbon_per_aluminium),
    Method("hcfc22", "HCFC-22 production: HFC-23 by-product", "HCFC-22生产HFC-23副产排放", "IPCC 2006 Vol.3 Ch.3 Eq 3.30",
           MASS, (Param("ef_hfc23", "tHFC-23/t", "HFC-23", label_zh="HFC-23排放因子", label_en="HFC-23 emission factor"),),
           hcfc22, row_fields=(*ID_FIELDS, "hfc23_destroyed")),
    Method("sf6_recovery", "SF6 from electrical equipment (capacity - recovered)", "电气设备SF6（铭牌容量-回收量）",
           "中国电网企业温室气体排放核算方法与报告指南 (2013) Eq (3)", MASS, (), sf6_recovery, row_fields=(*ID_FIELDS, "recovered")),
    *(Method(_cid(g), f"{g} use: mass balance", f"{g}使用（物料平衡法）",
             "IPCC 2006 Vol.3 Ch.6 Eq 6.1 / Ch.7 Eq 7.9; GB/T 32150-2015 s.6.4", MASS, (), _fgas_balance(g),
             row_fields=(*ID_FIELDS, "inventory_start", "inventory_end", "disposed"))
      for g in FGAS_SPECIES),
    Method("coke_burn_co2", "Coke burnt off catalysts: coke x carbon content x oxidation x 44/12",
           "催化剂烧焦（烧焦量×含碳量×碳氧化率×44/12）",
           "中国石油化工企业温室气体排放核算方法与报告指南（试行）(2014) catalytic cracking, continuous regeneration",
           MASS,
           (Param("carbon", "fraction", label_zh="焦炭含碳量", label_en="Carbon content of the coke", upper=1),
            Param("of", "fraction", label_zh="烧焦碳氧化率", label_en="Carbon oxidation rate of the coke burning",
                  upper=1)),
           coke_burn_co2),
    Method("catalyst_regen_co2", "Catalyst regenerated intermittently: carbon before - after regeneration",
           "催化剂间歇烧焦（再生前后含碳量差）",
           "中国石油化工企业温室气体排放核算方法与报告指南（试行）(2014) catalytic reforming, intermittent regeneration",
           MASS,
           (Param("cbq", "fraction", label_zh="再生前催化剂含碳量",
                  label_en="Carbon content of the catalyst before regeneration", upper=1),
            Param("caq", "fraction", label_zh="再生后催化剂含碳量",
                  label_en="Carbon content of the catalyst after regeneration", upper=1)),
           catalyst_regen_co2, row_fields=ID_FIELDS),
)
