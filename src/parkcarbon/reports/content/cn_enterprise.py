"""企业温室气体排放报告 — the layout of the national enterprise accounting and reporting guidelines (GB/T 32150
and the sector guidelines of the NDRC/MEE): reporting entity, boundary, emissions by source category, activity
data and emission factors with their sources, data quality and uncertainty, declaration."""

from __future__ import annotations

from parkcarbon.reports.content import common as c
from parkcarbon.reports.content.facts import DETAIL_LINES, Facts
from parkcarbon.reports.content.labels import CATEGORIES, GRID_BASIS, SCOPE_SHORT, SECTIONS, amount_unit, pick
from parkcarbon.reports.documents.model import (
    Col,
    Cover,
    Heading,
    KeyValues,
    PageBreak,
    Para,
    ReportData,
    Table,
)


def build(f: Facts) -> ReportData:
    e, p = f.entity, f.provenance
    zh = True
    t = f.total
    blocks: list = []

    blocks += [Heading("一、报告主体基本信息"), KeyValues([
        ("单位名称", e.name), ("统一社会信用代码", e.credit_code or "—"), ("所属行业", e.industry or "—"),
        ("所在园区", f"{e.park_name}{'（' + e.zone + '）' if e.zone else ''}" or "—"),
        ("所在地区", f"{e.province}{e.city}" or e.region_zh or "—"), ("重点排放单位", "是" if e.key_emitter else "否"),
        ("报告年度", f"{p.year} 年"), ("核算依据", "、".join(f"《{z}》" for z, _ in f.methodologies) or p.standard),
        ("联系人", e.contact_name or "—"), ("联系电话", e.contact_phone or "—"),
    ], "表 报告主体基本信息")]

    sections = "、".join(pick(SECTIONS, s, zh) for s in f.by_section) or "—"
    categories = "、".join(dict.fromkeys(pick(CATEGORIES, cat, zh) for (_, cat, _) in f.by_category)) or "—"
    blocks += [
        Heading("二、核算边界"),
        Para(f"本报告以{e.name}为核算和报告主体，核算边界为该法人单位在{p.year}年度内所有生产设施和生产系统产生的温室气体排放，"
             f"包括直接生产系统、辅助生产系统以及直接为生产服务的附属生产系统。", "lead"),
        Para(f"纳入核算的排放源类别：{sections}；涉及的排放类型：{categories}。核算的温室气体种类包括"
             f"{'、'.join(g['gas'] for g in f.by_gas) or 'CO2'}。净购入电力和热力产生的排放作为能源间接排放单独报告。", "lead"),
    ]

    scope1, scope2 = f.by_scope.get("1", 0.0), f.by_scope.get("2", 0.0)
    blocks += [
        Heading("三、温室气体排放量"),
        Para(f"{p.year}年度，{e.name}温室气体排放总量为 {c.fmt_t(t)} 吨二氧化碳当量（tCO2e），其中直接排放 {c.fmt_t(scope1)} tCO2e，"
             f"净购入电力和热力产生的能源间接排放 {c.fmt_t(scope2)} tCO2e。生物质燃烧产生的 CO₂ {c.fmt_t(f.biogenic)} t 单独报告，不计入排放总量。", "lead"),
        Table("summary", "表 温室气体排放量汇总", [Col("项目", width=3), Col("排放量（tCO2e）", "num")], [
            ["直接排放（化石燃料燃烧、工业生产过程等）", scope1],
            ["能源间接排放（净购入电力、热力）", scope2],
            ["温室气体排放总量", t],
            ["备忘项：生物质燃烧 CO₂（t）", f.biogenic],
            ["备忘项：市场法能源间接排放（考虑绿电）", f.by_scope_market.get("2", 0.0)],
        ]),
        c.section_table(f, zh, with_uncertainty=False),
        c.category_table(f, zh),
        c.section_chart(f, zh),
        c.gas_table(f, zh),
        c.gas_chart(f, zh),
    ]
    if f.guideline_tables:
        recon = c.reconciliation_table(f, zh)
        blocks += [Heading("按核算指南报告表", 2), *c.guideline_tables(f, zh), *([recon] if recon else [])]
    if len(f.trend) > 1:
        blocks += [Heading("历年排放情况", 2), c.trend_table(f, zh), c.trend_chart(f, zh)]
    blocks += [Heading("能源消费与排放强度", 2),
               Para(f"{p.year}年度综合能源消费量 {f.energy_tce:,.3f} 吨标准煤（tce），按 GB/T 2589-2020 折算。", "lead"),
               c.energy_table(f, zh), c.intensity_table(f, zh)]

    blocks += [Heading("四、活动数据及来源"), Para("下表列出核算采用的活动数据。活动数据来源于企业能源计量、生产统计台账、购销结算凭证等，"
                                          "备注栏注明了证据材料。", "lead"), *_activity_table(f)]

    blocks += [Heading("五、排放因子及来源"),
               Para(f"排放因子优先采用国家温室气体核算指南的缺省值，缺省值未覆盖时采用 IPCC 国家温室气体清单指南的缺省值；"
                    f"电力排放因子采用{pick(GRID_BASIS, p.grid_basis, zh)}。每个因子均注明来源文献及表号。", "lead"),
               c.factor_table(f, zh), c.sources_table(f, zh)]

    blocks += [Heading("六、数据质量管理与不确定性"),
               Para(f"排放量的不确定性按 IPCC 2006 指南第1卷第3章的误差传递方法（方法1）合并活动数据与排放因子的不确定性计算。"
                    f"排放总量的不确定性约为 ±{f.uncertainty_pct:.1f}%。", "lead"),
               c.section_table(f, zh, key="uncertainty", title="表 各排放源类别的排放量及不确定性"),
               Para("数据质量管理：企业应建立温室气体排放数据质量管理制度，明确数据责任人，定期校准计量器具，保存原始凭证；"
                    "数据的计算过程可由本平台按报告生成记录（清单编号、数据版本、因子库版本）复现。", "lead")]

    blocks += [PageBreak(), Heading("七、声明"),
               Para(f"本单位承诺：本报告所填报的{p.year}年度温室气体排放数据及相关信息真实、准确、完整，"
                    "数据来源可追溯，如有不实，愿承担相应责任。", "lead"),
               *([Para(p.verification, "lead")] if p.verification else []),
               *([Para(p.restatement, "lead")] if p.restatement else []),  # restated on another factor release
               KeyValues([("法定代表人（签字）", ""), ("填报负责人（签字）", ""), ("单位（盖章）", ""), ("日期", "")])]

    cover = Cover(title="温室气体排放报告", subtitle=f"{p.year} 年度", entity=e.name,
                  rows=[("统一社会信用代码", e.credit_code or "—"), ("所属行业", e.industry or "—"),
                        ("排放总量", f"{c.fmt_t(t)} tCO2e"), ("编制日期", p.generated_at[:10])],
                  footer=f"{e.park_name}" if e.park_name else "")
    return ReportData(template="cn_enterprise", language="zh-hans", title=f"{e.name} {p.year}年度温室气体排放报告",
                      file_stem=f"GHG-report-{p.year}-{p.inventory_id}", cover=cover, blocks=blocks,
                      figures=c.figures(f), provenance=c.provenance_rows(f, zh), labels=c.chrome_labels(zh),
                      draft=c.draft_mark(f, zh))


def _activity_table(f: Facts) -> list:
    """The activity data: every line, or (a large inventory) lines summed by activity and month (see
    ``facts._activity_table``), said in a sentence above the table."""
    by_month = f.activity_detail == "month"
    cols = [Col("序号", "int", width=0.5), Col("排放源类别", width=1.2), Col("活动/排放源", width=2.2),
            Col("范围", width=0.6), *([Col("月份", width=0.6)] if by_month else []),
            Col("活动数据", "num", 3, width=1.1), Col("单位", width=0.8),
            Col("排放量（tCO2e）", "num", width=1.1), Col("备注/数据来源" if f.activity_detail == "line" else "汇总条数", width=1.6)]
    rows = [[i, pick(SECTIONS, a.section, True), a.name_zh, pick(SCOPE_SHORT, a.scope, True),
             *([("全年" if not a.month else f"{a.month}月")] if by_month else []),
             a.amount, amount_unit(a.unit, True), a.co2e, a.note if f.activity_detail == "line" else f"{a.lines:,} 条"]
            for i, a in enumerate(f.activities, start=1)]
    total = ["", "合计", "", "", *([""] if by_month else []), None, "", f.total, ""]
    table = Table("activities", "表 活动数据", cols, rows, total)
    if f.activity_detail == "line":
        return [table]
    how = "活动、单位和月份" if by_month else "活动和单位（全年）"
    return [Para(f"本清单共有 {f.activity_lines:,} 条活动数据，超过逐条列示的上限（{DETAIL_LINES:,} 条），"
                 f"下表按{how}汇总列示；逐条数据见平台中的清单。", "note"), table]
