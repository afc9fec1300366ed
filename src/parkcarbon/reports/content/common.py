"""Pieces shared by the templates: provenance rows, standard tables (totals by section, gas, factors, trend)."""

from __future__ import annotations

from parkcarbon.reports.content.facts import Facts
from parkcarbon.reports.content.labels import (
    CATEGORIES,
    GASES,
    GRID_BASIS,
    GUIDELINE_COLUMNS,
    SCOPES,
    SECTIONS,
    amount_unit,
    param_label,
    pick,
)
from parkcarbon.reports.documents.model import Chart, Col, Table

T = "tCO2e"


def share(part: float, whole: float) -> float | None:
    return part / whole * 100 if whole else None


def zh_en(zh: bool, a: str, b: str) -> str:
    return a if zh else b


def chrome_labels(zh: bool) -> dict[str, str]:
    if zh:
        return {"entity": "报告主体", "contents": "目  录", "toc_hint": "（在 Word/WPS 中右键此处选择“更新域”生成目录）",
                "provenance": "报告生成记录"}
    return {"entity": "Reporting entity", "contents": "Contents",
            "toc_hint": "(Right-click here and choose Update Field to build the table of contents.)",
            "provenance": "Report generation record"}


def draft_mark(f: Facts, zh: bool) -> str:
    """What every page of a report made from unsubmitted data says ("" for a report of submitted inventories)."""
    if not f.provenance.draft:
        return ""
    if f.entity.kind == "park" and f.provenance.inventories > 1:
        return zh_en(zh, "草稿：包含尚未提交的清单，数据可能变化", "DRAFT – includes inventories not yet submitted; figures may change")
    return zh_en(zh, "草稿：清单尚未提交，数据可能变化", "DRAFT – the inventory has not been submitted; figures may change")


def gwp_name(gwp_set: str, zh: bool) -> str:
    """A GWP set's name as a reader knows it: AR5_ccf is AR5 with climate-carbon feedback (WG1 Table 8.A.1)."""
    if gwp_set == "AR5_ccf":
        return zh_en(zh, "AR5（含气候-碳循环反馈）", "AR5 with climate-carbon feedback")
    return gwp_set


def provenance_rows(f: Facts, zh: bool) -> list[tuple[str, str]]:
    p = f.provenance
    versions = "; ".join(f"{pick(SECTIONS, s, zh)} {v}" for s, v in p.versions.items()) or "—"
    rows = [
        (zh_en(zh, "清单", "Inventory"), f"#{p.inventory_id} {p.inventory_label}" if p.inventory_id else p.inventory_label),
        (zh_en(zh, "报告年度", "Reporting year"), str(p.year)),
        (zh_en(zh, "清单状态", "Inventory status"), p.status),
        (zh_en(zh, "数据版本", "Data versions"), versions),
        (zh_en(zh, "全球增温潜势（GWP）", "GWP set"), f"IPCC {gwp_name(p.gwp_set, zh)}"),
        (zh_en(zh, "电网排放因子口径", "Grid emission factor"), pick(GRID_BASIS, p.grid_basis, zh)),
        (zh_en(zh, "核算引擎版本", "Engine version"), p.engine_version),
        (zh_en(zh, "排放因子库版本", "Factor library version"), p.library_version),
        *([(zh_en(zh, "排放因子库发布版本", "Factor library release"), p.factor_release)] if p.factor_release else []),
        *([(zh_en(zh, "重述", "Restatement"), p.restatement)] if p.restatement else []),
        (zh_en(zh, "生成时间", "Generated at"), p.generated_at),
    ]
    if p.verification:
        rows.insert(3, (zh_en(zh, "核查结论", "Verification conclusion"), p.verification))
    if p.inventories > 1:
        rows.insert(4, (zh_en(zh, "汇总清单数", "Inventories aggregated"), str(p.inventories)))
    return rows


def section_table(f: Facts, zh: bool, key: str = "by_section", with_uncertainty: bool = True, title: str = "") -> Table:
    cols = [Col(zh_en(zh, "排放源类别", "Sector"), width=2.2), Col(zh_en(zh, "排放量（tCO2e）", "Emissions (tCO2e)"), "num"),
            Col(zh_en(zh, "占比", "Share"), "pct", 1, width=0.8)]
    if with_uncertainty:
        cols.append(Col(zh_en(zh, "不确定性（±%）", "Uncertainty (±%)"), "num", 1, width=0.9))
    rows = []
    for s, v in f.by_section.items():
        row = [pick(SECTIONS, s, zh), v, share(v, f.total)]
        if with_uncertainty:
            row.append(f.section_uncertainty.get(s))
        rows.append(row)
    total = [zh_en(zh, "合计", "Total"), f.total, 100.0 if f.total else None]
    if with_uncertainty:
        total.append(f.uncertainty_pct or None)
    return Table(key, title or zh_en(zh, "表 按排放源类别的排放量", "Emissions by sector"), cols, rows, total)


def category_table(f: Facts, zh: bool) -> Table:
    cols = [Col(zh_en(zh, "排放源类别", "Sector"), width=1.6), Col(zh_en(zh, "排放类型", "Source category"), width=2),
            Col(zh_en(zh, "范围", "Scope"), width=1.3), Col(zh_en(zh, "排放量（tCO2e）", "Emissions (tCO2e)"), "num"),
            Col(zh_en(zh, "占比", "Share"), "pct", 1, width=0.7)]
    rows = [[pick(SECTIONS, s, zh), pick(CATEGORIES, c, zh), pick(SCOPES, sc, zh), v, share(v, f.total)]
            for (s, c, sc), v in f.by_category.items()]
    return Table("by_category", zh_en(zh, "表 按排放类型的排放量", "Emissions by source category"), cols, rows,
                 [zh_en(zh, "合计", "Total"), "", "", f.total, 100.0 if f.total else None])


def gas_table(f: Facts, zh: bool) -> Table:
    with_tonnes = any(g.get("tonnes") is not None for g in f.by_gas)
    cols = [Col(zh_en(zh, "温室气体", "Gas"), width=1.2)]
    if with_tonnes:
        cols += [Col(zh_en(zh, "排放量（t）", "Mass (t)"), "num", 3), Col("GWP", "num", 1, width=0.6)]
    cols += [Col(zh_en(zh, "二氧化碳当量（tCO2e）", "CO2e (t)"), "num"), Col(zh_en(zh, "占比", "Share"), "pct", 1, width=0.7)]
    rows = []
    for g in f.by_gas:
        row = [GASES.get(g["gas"], g["gas"])]
        if with_tonnes:
            row += [g.get("tonnes"), gwp_cell(g["gas"], g.get("gwp"), f.gwp, zh)]
        rows.append([*row, g["co2e"], share(g["co2e"], f.total)])
    total = [zh_en(zh, "合计", "Total"), *([None, None] if with_tonnes else []), f.total, 100.0 if f.total else None]
    note = zh_en(zh, f"GWP 取 IPCC {gwp_name(f.provenance.gwp_set, True)}（100 年）。生物质燃烧产生的 CO₂ 不计入总量，单列为备忘项。",
                 f"GWP values: IPCC {gwp_name(f.provenance.gwp_set, False)}, 100-year. Biogenic CO₂ is excluded and reported as a memo item.")
    if "CH4_fossil" in f.gwp:  # AR6 WG1 Table 7.15: fossil methane has its own value
        note += zh_en(zh, f"化石源（燃烧、逃逸、化石原料工业过程）CH₄ 的 GWP 取 {f.gwp['CH4_fossil']:g}，其余 CH₄ 取 {f.gwp['CH4']:g}。",
                      f" CH₄ from fossil sources (combustion, fugitive, fossil process) is weighed with {f.gwp['CH4_fossil']:g}, "
                      f"other CH₄ with {f.gwp['CH4']:g}.")
    return Table("by_gas", zh_en(zh, "表 按温室气体种类的排放量", "Emissions by gas"), cols, rows, total, note=note)


def gwp_cell(gas: str, gwp, gwps: dict, zh: bool):
    """The GWP shown for a gas: its value, or for CH4 from fossil and other sources together (AR6) both values,
    never the blend (an effective 27.9x is no published GWP)."""
    if gas == "CH4" and "CH4_fossil" in gwps and gwp is not None and all(
            abs(gwp - gwps[k]) > 1e-9 * gwps[k] for k in ("CH4", "CH4_fossil")):
        return f"{gwps['CH4']:g} / {gwps['CH4_fossil']:g}" + zh_en(zh, "（化石源）", " (fossil)")
    return gwp


def factor_unit(unit: str, zh: bool) -> str:
    """A factor's unit as the report writes it: a ratio (units.csv ``fraction``, e.g. a CaO content or an oxidation
    rate) in words (比例 / ratio), never the key; other units as their symbols (tCO2/t, kgCH4/TJ)."""
    if unit in ("fraction", "1", "-", "ratio"):
        return zh_en(zh, "比例", "ratio")
    return unit


def factor_table(f: Facts, zh: bool) -> Table:
    cols = [Col(zh_en(zh, "因子编号", "Factor ID"), width=1.1), Col(zh_en(zh, "对象", "Applies to"), width=1.1),
            Col(zh_en(zh, "参数", "Parameter"), width=1.1), Col(zh_en(zh, "数值", "Value"), "num", 4, width=0.9),
            Col(zh_en(zh, "单位", "Unit"), width=0.9), Col(zh_en(zh, "来源", "Source"), width=3.2)]
    outside = zh_en(zh, "（超出来源适用年份）", " (outside the years its source covers)")
    rows = [[r.id, (r.subject_zh if zh else r.subject_en) or r.subject, param_label(r.param, zh), r.value,
             factor_unit(r.unit, zh),
             (f"{r.source_id}: {r.table}" if r.table else r.source_id) + (outside if r.out_of_validity else "")]
            for r in f.factors]
    note = zh_en(zh, "来源编号对应下表“引用的数据来源”。", "Source IDs refer to the table of data sources cited.")
    if any(r.out_of_validity for r in f.factors):  # e.g. a 2005 base year computed with the IPCC 2006 defaults
        note += zh_en(zh, "标注“超出来源适用年份”的因子用于其来源未涵盖的年份（如基准年早于来源发布年份），为最接近的可用缺省值。",
                      " Factors marked as outside the years its source covers were applied to a year the source does"
                      " not cover (e.g. a base year before its publication), as the nearest default available.")
    return Table("factors", zh_en(zh, "表 排放因子及其来源", "Emission factors and sources"), cols, rows, note=note)


def sources_table(f: Facts, zh: bool) -> Table:
    cols = [Col(zh_en(zh, "编号", "ID"), width=1.1), Col(zh_en(zh, "文献", "Reference"), width=4),
            Col(zh_en(zh, "发布机构", "Publisher"), width=1.5), Col(zh_en(zh, "年份", "Year"), width=0.6)]
    rows = [[s.get("id", ""), f"{s.get('title', '')} {s.get('document', '')}".strip(), s.get("publisher", ""),
             str(s.get("year", ""))] for s in f.sources]
    return Table("sources", zh_en(zh, "表 引用的数据来源", "Data sources cited"), cols, rows)


def trend_table(f: Facts, zh: bool) -> Table:
    cols = [Col(zh_en(zh, "年度", "Year"), width=0.8), Col(zh_en(zh, "排放总量（tCO2e）", "Total, location-based (tCO2e)"), "num"),
            Col(zh_en(zh, "市场法总量（tCO2e）", "Total, market-based (tCO2e)"), "num"),
            Col(zh_en(zh, "较上年变化", "Change on previous year"), "pct", 1, width=0.9)]
    rows, prev = [], None
    for year, loc, mkt in f.trend:
        rows.append([str(year), loc, mkt, (loc - prev) / prev * 100 if prev else None])
        prev = loc
    return Table("trend", zh_en(zh, "表 历年排放", "Emissions by year"), cols, rows)


def section_chart(f: Facts, zh: bool) -> Chart:
    items = sorted(f.by_section.items(), key=lambda kv: -kv[1])
    return Chart("chart_section", zh_en(zh, "图 按排放源类别的排放量", "Emissions by sector"), "bar",
                 [pick(SECTIONS, k, zh) for k, _ in items], {T: [v for _, v in items]})


def gas_chart(f: Facts, zh: bool) -> Chart:
    return Chart("chart_gas", zh_en(zh, "图 温室气体构成", "Emissions by gas"), "pie",
                 [GASES.get(g["gas"], g["gas"]) for g in f.by_gas], {T: [g["co2e"] for g in f.by_gas]})


def trend_chart(f: Facts, zh: bool) -> Chart:
    return Chart("chart_trend", zh_en(zh, "图 历年排放趋势", "Emissions trend"), "line" if len(f.trend) > 1 else "bar",
                 [str(y) for y, _, _ in f.trend],
                 {zh_en(zh, "排放总量", "Location-based"): [v for _, v, _ in f.trend],
                  **({zh_en(zh, "市场法", "Market-based"): [m for _, _, m in f.trend]} if len(f.trend) > 1 else {})})


def figures(f: Facts) -> dict[str, float]:
    return {"total": f.total, "total_market": f.total_market, "biogenic": f.biogenic,
            "scope1": f.by_scope.get("1", 0.0), "scope2": f.by_scope.get("2", 0.0),
            "scope2_market": f.by_scope_market.get("2", 0.0), "uncertainty_pct": f.uncertainty_pct,
            **({"draft": 1.0} if f.provenance.draft else {})}


def fmt_t(value: float) -> str:
    """A tonnage in running text, formatted like the tables' tCO2e columns."""
    from parkcarbon.reports.documents.model import fmt

    return fmt(value, Col("", "num", 2))


def energy_table(f: Facts, zh: bool) -> Table:
    """Energy consumption in tce by activity (GB/T 2589-2020; electricity at its calorific value)."""
    cols = [Col(zh_en(zh, "能源品种", "Energy"), width=2.4), Col(zh_en(zh, "折标准煤（tce）", "Energy (tce)"), "num", 3)]
    rows = [[name_zh if zh else name_en, tce] for name_zh, name_en, tce in f.energy]
    total = [zh_en(zh, "合计", "Total"), f.energy_tce]
    note = zh_en(zh, "电力按当量值 0.1229 kgce/kWh 折算。", "Electricity at its calorific value, 0.1229 kgce/kWh.")
    if len(f.energy_tj) == len(rows) and any(f.energy_tj):  # fuel lines' heat content, the engine's heat_TJ
        cols.append(Col(zh_en(zh, "燃料热量（TJ，低位发热量）", "Fuel heat content (TJ, NCV)"), "num", 4))
        rows = [[*row, tj if tj else None] for row, tj in zip(rows, f.energy_tj, strict=True)]
        total.append(sum(f.energy_tj))
        note += zh_en(zh, "燃料热量 = 消耗量 × 低位发热量（电力、热力不计）。",
                      " Fuel heat content = quantity x net calorific value (not for electricity or heat).")
    return Table("energy", zh_en(zh, "表 能源消费量（GB/T 2589-2020 折标准煤）", "Table: energy consumption (tce, GB/T 2589-2020)"),
                 cols, rows, total, note=note)


def intensity_table(f: Facts, zh: bool) -> Table:
    i = f.intensity or {}
    rows = [
        [zh_en(zh, "能源消费量（tce）", "Energy consumption (tce)"), f.energy_tce],
        [zh_en(zh, "万元产值碳排放（tCO2e/万元）", "Carbon intensity (tCO2e per 10^4 yuan output)"), i.get("co2e_per_10k_yuan_output")],
        [zh_en(zh, "万元产值能耗（tce/万元）", "Energy intensity (tce per 10^4 yuan output)"), i.get("tce_per_10k_yuan_output")],
        [zh_en(zh, "万元增加值碳排放（tCO2e/万元）", "Carbon intensity (tCO2e per 10^4 yuan value added)"), i.get("co2e_per_10k_yuan_value_added")],
        [zh_en(zh, "万元增加值能耗（tce/万元）", "Energy intensity (tce per 10^4 yuan value added)"), i.get("tce_per_10k_yuan_value_added")],
    ]
    return Table("intensity", zh_en(zh, "表 能耗与排放强度", "Table: energy and carbon intensity"),
                 [Col(zh_en(zh, "指标", "Indicator"), width=3), Col(zh_en(zh, "数值", "Value"), "num", 4)], rows)


def guideline_tables(f: Facts, zh: bool) -> list[Table]:
    """The chosen guidelines' own report tables, in the guideline's order, each titled with its guideline."""
    tables = []
    numbers = {g: i for i, g in enumerate(dict.fromkeys(t["guideline_zh"] for t in f.guideline_tables), start=1)}
    for t in f.guideline_tables:
        cols, units = [Col(zh_en(zh, "项目", "Item"), width=2.6)], t.get("units")
        for c in t["columns"]:
            cols.append(Col(pick(GUIDELINE_COLUMNS, c, zh), "num", 3))
            if c == "amount" and units is not None:
                cols.append(Col(zh_en(zh, "单位", "Unit"), width=0.9))
        rows = []
        for i, (label_zh, label_en, values) in enumerate(t["rows"]):
            row = [label_zh if zh else label_en]
            for c, v in zip(t["columns"], values, strict=True):
                row.append(v)
                if c == "amount" and units is not None:
                    unit = units[i] if i < len(units) else ""
                    row.append(zh_en(zh, "多种单位", "several units") if unit == "*" else amount_unit(unit, zh))
            rows.append(row)
        guideline, table = (t["guideline_zh"], t["title_zh"]) if zh else (t["guideline_en"], t["title_en"])
        n = numbers[t["guideline_zh"]]
        tables.append(Table(f"guideline_{t['key']}", zh_en(zh, f"表 《{guideline}》：{table}", f"Table: {guideline} – {table}"),
                            cols, rows[:-1], rows[-1],  # report_tables ends with the total row
                            sheet=zh_en(zh, f"指南{n} {table}", f"Guideline {n} {table}")))
    return tables


def reconciliation_table(f: Facts, zh: bool) -> Table | None:
    """How the guidelines' tables add up to the headline total (shown when several guidelines apply, or when some
    emissions are in none of their tables)."""
    rest = f.reconciliation_rest
    if not f.reconciliation or (len(f.methodologies) < 2 and abs(rest) < 5e-3):
        return None
    cols = [Col(zh_en(zh, "核算指南", "Guideline"), width=3), Col(zh_en(zh, "报告表", "Table"), width=1.8),
            Col(zh_en(zh, "排放量（tCO2e）", "Emissions (tCO2e)"), "num"), Col(zh_en(zh, "占比", "Share"), "pct", 1, width=0.7)]
    rows = [[g_zh if zh else g_en, t_zh if zh else t_en, v, share(v, f.total)] for g_zh, g_en, t_zh, t_en, v in f.reconciliation]
    if abs(rest) >= 5e-3:
        rows.append([zh_en(zh, "未列入上述指南报告表的排放", "Emissions in none of these tables"), "", rest, share(rest, f.total)])
    return Table("guideline_reconciliation", zh_en(zh, "表 各核算指南报告表与排放总量的核对", "Table: guideline tables reconciled to the total"),
                 cols, rows, [zh_en(zh, "排放总量", "Total emissions"), "", f.total, 100.0 if f.total else None],
                 note=zh_en(zh, "每条活动数据只计入所选核算指南中第一个覆盖该活动的指南，各表之和即为排放总量。",
                            "Each activity line is counted in the first chosen guideline that covers it, so the tables add "
                            "up to the total."))
