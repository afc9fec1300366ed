"""园区温室气体清单报告: park overview, methods, totals and structure by sector, gas, industry, enterprise and
zone, trend over the years, key sources, and a placeholder for the park's reduction recommendations."""

from __future__ import annotations

from parkcarbon.reports.content import common as c
from parkcarbon.reports.content.facts import Facts
from parkcarbon.reports.content.labels import GRID_BASIS, SCOPES, pick
from parkcarbon.reports.documents.model import Chart, Col, Cover, Heading, KeyValues, Para, ReportData, Table

KEY_SHARE = 80.0  # key sources: the largest emitters that together make up this share of the total


def build(f: Facts) -> ReportData:
    e, p = f.entity, f.provenance
    zh = True
    t = f.total
    n = len(f.enterprises)
    blocks: list = [Heading("一、园区概况"), KeyValues([
        ("园区名称", e.name), ("园区级别", e.park_level or "—"), ("所在地区", f"{e.province}{e.city}" or "—"),
        ("规划面积", f"{e.area_km2:g} km²" if e.area_km2 else "—"), ("主导产业", e.leading_industries or "—"),
        ("清单年度", f"{p.year} 年"), ("纳入核算的企业", f"{n} 家"),
        ("尚未提交数据的企业", f"{f.enterprises_without_data} 家"),
        *([("未纳入总量的草稿清单", f"{f.excluded_drafts} 份（草稿清单提交后计入）")] if f.excluded_drafts else []),
        *([("统计口径", f"仅计入核查通过的企业清单（{f.n_verified} 份），按核查数据计"
                       + (f"，其中 {f.n_adjusted} 份按核查机构调整后的数据" if f.n_adjusted else "")
                       + "；未核查通过的清单不计入")] if f.verified_only else []),
    ], "表 园区基本情况")]

    blocks += [Heading("二、核算方法"),
               Para(f"本清单以园区管理边界为核算边界，汇总园区内各企业的温室气体排放清单以及园区自身的公共排放源"
                    f"（公共建筑、园区交通、污水处理厂、垃圾填埋场、绿地等）。核算方法依据{p.standard}，"
                    f"企业排放量按国家企业温室气体核算指南计算。", "lead"),
               Para(f"全球增温潜势采用 IPCC {c.gwp_name(p.gwp_set, True)}（100 年）；电力排放因子采用{pick(GRID_BASIS, p.grid_basis, zh)}。"
                    "避免重复计算：园区内企业之间供应的电力和热力，只在生产企业计为直接排放，购买企业的相应间接排放"
                    f"（{c.fmt_t(f.in_park_memo)} tCO2e）作为备忘项列出，不计入园区总量。", "lead")]
    if f.sources:
        blocks.append(c.sources_table(f, zh))

    blocks += [Heading("三、排放总量与结构"),
               Para(f"{p.year}年园区温室气体排放总量为 {c.fmt_t(t)} tCO2e（市场法 {c.fmt_t(f.total_market)} tCO2e），"
                    f"其中直接排放 {c.fmt_t(f.by_scope.get('1', 0.0))} tCO2e，能源间接排放 {c.fmt_t(f.by_scope.get('2', 0.0))} tCO2e。", "lead"),
               Table("summary", "表 园区排放总量", [Col("项目", width=3), Col("排放量（tCO2e）", "num")], [
                   [pick(SCOPES, "1", zh), f.by_scope.get("1", 0.0)],
                   [pick(SCOPES, "2", zh), f.by_scope.get("2", 0.0)],
                   ["园区排放总量", t],
                   ["市场法排放总量", f.total_market],
                   ["备忘项：园区内企业间供能（已在生产企业计入）", f.in_park_memo],
               ]),
               Heading("能源消费与排放强度", 2),
               Para(f"{p.year}年园区综合能源消费量 {f.energy_tce:,.1f} 吨标准煤（tce，按 GB/T 2589-2020 折算，"
                    "为各清单之和）。", "lead"), c.intensity_table(f, zh),
               Heading("按排放源类别", 2), c.section_table(f, zh, with_uncertainty=False), c.section_chart(f, zh),
               Heading("按温室气体种类", 2), c.gas_table(f, zh), c.gas_chart(f, zh)]

    blocks += [Heading("四、分行业排放"), _share_table("by_industry", "表 分行业排放", "行业", f.by_industry, t),
               _bar("chart_industry", "图 分行业排放（前十）", f.by_industry)]
    blocks += [Heading("五、分区域排放"), _share_table("by_zone", "表 分区域排放", "区域", {k or "未分区": v for k, v in f.by_zone.items()}, t)]
    blocks += [Heading("六、分企业排放"), Para(f"下表按排放量从高到低列出纳入核算的 {n} 家企业。", "lead"), _enterprise_table(f)]
    blocks += [Heading("七、历年排放趋势")]
    if f.trend:
        blocks += [c.trend_table(f, zh), c.trend_chart(f, zh)]
    else:
        blocks.append(Para("暂无往年数据。", "note"))

    key = _key_sources(f)
    blocks += [Heading("八、重点排放源"),
               Para(f"排放量最大的 {len(key.rows)} 家企业合计排放 {c.fmt_t(sum(r[3] for r in key.rows))} tCO2e，"
                    f"占园区总量的 {key.rows[-1][5] if key.rows else 0:.1f}%，是园区减排的重点对象。", "lead"), key]
    blocks += [Heading("九、减排建议"),
               Para("【待补充】请园区管理机构结合重点排放源、行业结构和历年趋势，在此填写节能降碳、能源结构优化、"
                    "产业结构调整、循环化改造和碳汇建设等方面的减排措施与目标。", "placeholder")]

    cover = Cover(title="园区温室气体清单报告", subtitle=f"{p.year} 年度", entity=e.name,
                  rows=[("所在地区", f"{e.province}{e.city}" or "—"), ("纳入企业", f"{n} 家"),
                        ("排放总量", f"{c.fmt_t(t)} tCO2e"), ("编制日期", p.generated_at[:10])])
    return ReportData(template="park_inventory", language="zh-hans", title=f"{e.name} {p.year}年度温室气体清单报告",
                      file_stem=f"park-GHG-inventory-{p.year}-{p.inventory_id}", cover=cover, blocks=blocks,
                      figures={**c.figures(f), "enterprises": float(n), "in_park_memo": f.in_park_memo},
                      provenance=c.provenance_rows(f, zh), labels=c.chrome_labels(zh),
                      draft=c.draft_mark(f, zh))


def _share_table(key: str, title: str, label: str, values: dict[str, float], total: float) -> Table:
    rows = [[k, v, c.share(v, total)] for k, v in sorted(values.items(), key=lambda kv: -kv[1])]
    return Table(key, title, [Col(label, width=3), Col("排放量（tCO2e）", "num"), Col("占比", "pct", 1, width=0.8)], rows,
                 ["合计", sum(values.values()), c.share(sum(values.values()), total)])


def _bar(key: str, title: str, values: dict[str, float]) -> Chart:
    items = sorted(values.items(), key=lambda kv: -kv[1])[:10]
    return Chart(key, title, "bar", [k or "—" for k, _ in items], {c.T: [v for _, v in items]})


def _enterprise_table(f: Facts) -> Table:
    rows = sorted(f.enterprises, key=lambda r: -r.co2e)
    cols = [Col("排名", "int", width=0.5), Col("企业名称", width=2.6), Col("行业", width=1.6), Col("区域", width=0.9),
            Col("排放量（tCO2e）", "num", width=1.2), Col("其中园区内供能（备忘）", "num", width=1.1), Col("占比", "pct", 1, width=0.7)]
    return Table("enterprises", "表 分企业排放", cols,
                 [[i, r.name, r.industry, r.zone, r.co2e, r.in_park_supply, c.share(r.co2e - r.in_park_supply, f.total)]
                  for i, r in enumerate(rows, start=1)],
                 ["", "合计", "", "", sum(r.co2e for r in rows), sum(r.in_park_supply for r in rows), None],
                 note="企业排放量为其清单总量；园区总量扣除了企业间供能的备忘项。")


def _key_sources(f: Facts) -> Table:
    rows, running = [], 0.0
    for i, r in enumerate(sorted(f.enterprises, key=lambda r: -r.co2e), start=1):
        running += r.co2e - r.in_park_supply
        cum = c.share(running, f.total) or 0.0
        rows.append([i, r.name, "是" if r.key_emitter else "否", r.co2e, c.share(r.co2e, f.total), cum])
        if cum >= KEY_SHARE or i >= 20:
            break
    cols = [Col("排名", "int", width=0.5), Col("企业名称", width=2.8), Col("重点排放单位", width=0.9),
            Col("排放量（tCO2e）", "num", width=1.2), Col("占比", "pct", 1, width=0.7), Col("累计占比", "pct", 1, width=0.8)]
    return Table("key_sources", "表 重点排放源", cols, rows)
