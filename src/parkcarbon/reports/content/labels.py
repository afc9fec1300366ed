"""Names of sections, source categories, scopes and gases in the report languages (the report language follows
the template, not the user's interface language, so these are plain tables rather than gettext strings)."""

import csv
import re
from functools import cache
from importlib import resources

from parkcarbon.engine.methods import METHODS

SECTIONS = {
    "energy": ("能源活动", "Energy"),
    "ippu": ("工业生产过程", "Industrial processes and product use"),
    "waste": ("废弃物处理", "Waste"),
    "afolu": ("农业、林业和其他土地利用", "Agriculture, forestry and other land use"),
}
CATEGORIES = {
    "stationary_combustion": ("化石燃料燃烧（固定源）", "Stationary combustion"),
    "mobile_combustion": ("移动源燃烧", "Mobile combustion"),
    "purchased_electricity": ("净购入电力", "Purchased electricity"),
    "purchased_heat": ("净购入热力", "Purchased heat"),
    "purchased_cooling": ("净购入冷量", "Purchased cooling"),
    "cement": ("水泥生产", "Cement production"),
    "lime": ("石灰生产", "Lime production"),
    "glass": ("玻璃生产", "Glass production"),
    "other_carbonate_use": ("其他碳酸盐使用", "Other carbonate use"),
    "soda_ash_use": ("纯碱使用", "Soda ash use"),
    "ammonia": ("合成氨生产", "Ammonia production"),
    "nitric_acid": ("硝酸生产", "Nitric acid production"),
    "adipic_acid": ("己二酸生产", "Adipic acid production"),
    "iron_steel": ("钢铁生产", "Iron and steel production"),
    "ferroalloys": ("铁合金生产", "Ferroalloy production"),
    "aluminium": ("铝生产", "Aluminium production"),
    "fluorochemical": ("氟化工生产", "Fluorochemical production"),
    "electronics": ("电子工业", "Electronics industry"),
    "hfc_use": ("含氟气体使用", "Fluorinated gas use"),
    "sf6_electrical": ("电气设备SF6", "SF6 in electrical equipment"),
    "sf6_use": ("SF6其他使用", "Other SF6 use"),
    "solid_waste_disposal": ("固体废弃物填埋", "Solid waste disposal"),
    "incineration": ("废弃物焚烧", "Incineration"),
    "biological_treatment": ("生物处理（堆肥等）", "Biological treatment"),
    "wastewater": ("废水处理", "Wastewater treatment"),
    "enteric_fermentation": ("动物肠道发酵", "Enteric fermentation"),
    "manure_management": ("粪便管理", "Manure management"),
    "rice_cultivation": ("水稻种植", "Rice cultivation"),
    "managed_soils": ("农用地N2O", "Managed soils"),
    "liming": ("石灰施用", "Liming"),
    "urea_application": ("尿素施用", "Urea application"),
    "forest_land": ("林地碳汇", "Forest land"),
    "land_conversion": ("土地利用变化", "Land-use change"),
    "blended_fuel": ("生物质混合燃料燃烧", "Biofuel-blended fuel combustion"),
    "co2_use": ("外购CO2作生产原料", "Purchased CO2 used in production"),
    "magnesium": ("镁冶炼生产过程", "Magnesium smelting"),
    "nonferrous_reductant": ("有色金属冶炼还原剂", "Reductants in non-ferrous metal smelting"),
    "nonferrous_oxalate": ("草酸分解", "Oxalic acid decomposition"),
    "coal_mining_fugitive": ("煤炭开采和矿后活动逃逸", "Coal mining and post-mining fugitive emissions"),
    "coal_mine_flaring": ("煤矿瓦斯火炬燃烧", "Flaring of coal-mine gas"),
    "oil_gas_venting": ("油气系统工艺放空", "Oil and gas process venting"),
    "oil_gas_fugitive": ("油气系统CH4逃逸", "Oil and gas fugitive CH4"),
    "petrochem_flaring": ("石油化工火炬燃烧", "Petrochemical flaring"),
    "coking": ("炼焦及焦化产品延伸加工（碳平衡）", "Coking and coke by-product processing (carbon balance)"),
    "oil_gas_flaring": ("油气生产火炬燃烧", "Oil and gas flaring"),
    "oil_gas_exploration": ("油气勘探工艺放空", "Oil and gas exploration venting"),
    "oil_gas_processing": ("天然气处理工艺放空和CH4逃逸", "Gas processing venting and fugitive CH4"),
    "oil_gas_ch4_recovery": ("油气生产CH4回收利用（扣减）", "Oil and gas CH4 recovered (deducted)"),
    "petrochem_process": ("石油化工生产装置工业生产过程", "Petrochemical process units"),
    "avoided_electricity": ("自发可再生电力（避免排放，备忘项）", "Renewable electricity generated on site (memo)"),
    "refrigeration_ac": ("制冷和空调设备制冷剂", "Refrigeration and air conditioning"),
    "welding": ("CO2气体保护焊", "CO2 shielding gas in welding"),
    "carbonation": ("碳化工艺CO2吸收（扣减）", "CO2 absorbed by carbonation (deducted)"),
    "chemical_carbon_balance": ("化工生产过程（碳平衡）", "Chemical processes (carbon balance)"),
    "co2_recovery": ("CO2回收外供（扣减）", "CO2 recovered and supplied (deducted)"),
    "exhaust_treatment": ("车用尿素尾气净化", "Vehicle exhaust after-treatment (urea)"),
    "hydrogen_production": ("制氢", "Hydrogen production"),
    "abandoned_coal_mines": ("废弃井工煤矿CH4逃逸", "Abandoned underground coal mines"),
    "wastewater_n2o": ("污水处理厂和出水N2O", "Wastewater treatment plant and effluent N2O"),
    "oil_gas_tier1": ("油气系统逃逸、放空和火炬（IPCC方法1）", "Oil and natural gas systems (IPCC Tier 1)"),
}
SCOPES = {"1": ("直接排放（范围一）", "Scope 1 (direct)"), "2": ("能源间接排放（范围二）", "Scope 2 (energy indirect)")}
GASES = {"CO2": "CO₂", "CH4": "CH₄", "N2O": "N₂O", "SF6": "SF₆", "NF3": "NF₃", "HFCs": "HFCs", "PFCs": "PFCs"}
GRID_BASIS = {
    "reporting": ("主管部门规定的报告用排放因子（2021年起为全国，此前为区域电网）", "factor prescribed for reporting (national from 2021, regional grid before)"),
    "national": ("全国电网平均排放因子", "national average grid factor"),
    "regional": ("区域电网平均排放因子", "regional grid average factor"),
    "provincial": ("省级电网平均排放因子", "provincial grid average factor"),
}
PARAMS = {
    "ncv": ("低位发热量", "net calorific value"),
    "cc": ("单位热值含碳量", "carbon content"),
    "of": ("碳氧化率", "oxidation factor"),
    "ef_ch4": ("CH₄排放因子", "CH₄ emission factor"),
    "ef_n2o": ("N₂O排放因子", "N₂O emission factor"),
    "ef_grid": ("电网排放因子", "grid emission factor"),
    "ef_co2": ("CO₂排放因子", "CO₂ emission factor"),
    "ef_heat": ("热力排放因子", "heat emission factor"),
    "density": ("气体密度", "gas density"),
    "flare_carbon": ("火炬气含碳量", "carbon content of the flared gas"),
    "heel": ("钢瓶残留比例", "heel fraction left in the cylinder"),
    "one_minus_u": ("气体排放比例（1-利用率）", "fraction of the gas emitted (1 - utilisation)"),
    "b_cf4": ("CF₄副产比例", "CF₄ by-product factor"),
    "b_c2f6": ("C₂F₆副产比例", "C₂F₆ by-product factor"),
    "b_chf3": ("CHF₃副产比例", "CHF₃ by-product factor"),
    "abated_fraction": ("经尾气处理装置的比例", "fraction fed to abatement tools"),
    "destruction": ("尾气处理装置去除效率", "destruction efficiency of abatement tools"),
    "destruction_cf4": ("CF₄去除效率", "destruction efficiency for CF₄"),
    "destruction_c2f6": ("C₂F₆去除效率", "destruction efficiency for C₂F₆"),
    "destruction_chf3": ("CHF₃去除效率", "destruction efficiency for CHF₃"),
    "ef_hfc23": ("HFC-23排放因子", "HFC-23 emission factor"),
    "ef_fugitive": ("生产过程逃逸排放因子", "fugitive emission factor of production"),
    "carbon": ("含碳量", "carbon content (mass fraction)"),
    "carbon_volume": ("单位体积含碳量", "carbon content per volume"),
    "cbq": ("再生前催化剂含碳量", "carbon content of the catalyst before regeneration"),
    "caq": ("再生后催化剂含碳量", "carbon content of the catalyst after regeneration"),
}


def param_label(name: str, zh: bool) -> str:
    """A parameter's name in the report language: the table above, else the label its calculation method gives it
    (every engine parameter has one in both languages), never the raw key."""
    if name in PARAMS:
        return pick(PARAMS, name, zh)
    for method in METHODS.values():
        for p in method.params:
            if p.name == name and p.label_zh and p.label_en:
                return p.label_zh if zh else p.label_en
    return name


def pick(table: dict, key: str, zh: bool) -> str:
    names = table.get(key)
    if not names:
        return key
    return names if isinstance(names, str) else names[0 if zh else 1]
SCOPE_SHORT = {"1": ("范围一", "Scope 1"), "2": ("范围二", "Scope 2")}
STANDARDS = {
    "cn_enterprise": ("《工业企业温室气体排放核算和报告通则》（GB/T 32150-2015）及行业核算指南",
                      "China enterprise GHG accounting guidelines (GB/T 32150-2015 and sector guidelines)"),
    "cn_provincial": ("《省级温室气体清单编制指南（试行）》", "China provincial GHG inventory guidelines"),
    "ghg_protocol": ("温室气体核算体系企业标准 / ISO 14064-1", "GHG Protocol Corporate Standard / ISO 14064-1"),
    "ipcc2006": ("《2006年IPCC国家温室气体清单指南》", "2006 IPCC Guidelines"),
    "ipcc2019": ("《2006年IPCC国家温室气体清单指南（2019修订版）》", "2006 IPCC Guidelines with the 2019 Refinement"),
}
STATUSES = {
    "draft": ("草稿", "draft"), "submitted": ("已提交", "submitted"), "under_review": ("核查中", "under review"),
    "returned": ("已退回", "returned"), "verified": ("已核查", "verified"),
    "under_verification": ("核查中", "under verification"), "not_verified": ("核查未通过", "not verified"),
}
# Columns of the guidelines' report tables (engine/data/methodologies/*.yaml ``report_tables.columns``): gases in
# tonnes of gas, ``co2e`` in tonnes of CO2 equivalent, ``amount`` in the unit of the row.
GUIDELINE_COLUMNS = {
    "amount": ("活动数据", "Activity data"),
    "co2e": ("二氧化碳当量（tCO2e）", "CO2e (t)"),
    **{gas: (f"{name}（t）", f"{name} (t)") for gas, name in GASES.items()},
}


# Units that are words, not symbols (head, well, person ...), and powers of ten (10^4 Nm3): a Chinese report writes
# them in Chinese (头, 口, 万Nm3), an English one their code; symbols (t, MWh, GJ, ha) stay symbols in both, as the
# factor units do. A unit typed in Chinese on the form (吨, 头) reads as its code in an English report.
_WORD_UNITS = frozenset({"head", "well", "person", "facility", "yr", "month", "day", "mu"})
_CJK = re.compile(r"[\u4e00-\u9fff]")


@cache
def _unit_aliases() -> dict[str, tuple[str, ...]]:
    text = resources.files("parkcarbon.engine").joinpath("data/units.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return {row["code"]: tuple(filter(None, row["aliases"].split("|"))) for row in rows}


def amount_unit(unit: str, zh: bool) -> str:
    """An activity amount's unit in the report language (see above); anything unknown as it was typed."""
    aliases = _unit_aliases()
    if zh:
        if unit in _WORD_UNITS or unit.startswith("10^"):
            return next((a for a in aliases.get(unit, ()) if _CJK.search(a)), unit)
        return unit
    if _CJK.search(unit):
        return next((code for code, names in aliases.items() if unit in names), unit)
    return unit
