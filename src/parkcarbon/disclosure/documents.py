"""The downloadable files of a published disclosure (PDF, XLSX, JSON), rendered from its frozen content only.

PDF and XLSX reuse the report renderers (``reports.documents``: CJK font, formula-injection-safe cells); the JSON is
the frozen content itself with its schema id, so a machine reads exactly what the page shows.
"""

from __future__ import annotations

import json

from parkcarbon.reports.documents import Chart, Col, Cover, Heading, KeyValues, Para, ReportData, Table
from parkcarbon.reports.documents.charts import render_charts
from parkcarbon.reports.documents.pdf import render_pdf
from parkcarbon.reports.documents.xlsx import render_xlsx

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
OPINIONS = {"verified": ("核查通过", "Verified"), "qualified": ("有保留意见的核查通过", "Verified with qualifications")}
STATUS = {"covered": ("已覆盖", "covered"), "missing": ("缺失", "missing"), "not_applicable": ("不适用", "not applicable")}


def file_stem(snapshot: dict) -> str:
    return f"disclosure-{snapshot['park']['code']}-{snapshot['year']}-{snapshot['entity']['kind']}-v{snapshot['version']}"


def _t(zh: bool, a: str, b: str) -> str:
    return a if zh else b


def _flag(zh: bool, verified: bool) -> str:
    return _t(zh, "已核查", "verified") if verified else _t(zh, "未经核查", "UNVERIFIED")


def report_data(s: dict, language: str) -> ReportData:
    zh = language.startswith("zh")
    d = s["data"]
    name = s["entity"]["name"] if zh else s["entity"]["name_en"]
    park = s["park"]["name"] if zh else s["park"]["name_en"]
    title = _t(zh, f"{s['year']}年度碳信息披露", f"Carbon information disclosure {s['year']}")
    blocks: list = []
    if s.get("correction_reason"):
        blocks.append(Para(_t(zh, f"本版本（第{s['version']}版）更正了此前发布的版本。更正原因：{s['correction_reason']}",
                              f"This version ({s['version']}) corrects the version published before. Reason: "
                              f"{s['correction_reason']}"), "lead"))
    rows = []
    for key, zh_label, en_label in (("scope1", "范围一（直接）排放", "Scope 1 (direct) emissions"),
                                    ("scope2_location", "范围二排放（基于位置）", "Scope 2, location-based"),
                                    ("scope2_market", "范围二排放（基于市场）", "Scope 2, market-based"),
                                    ("total", "排放总量（范围一+二，基于位置）", "Total (scopes 1 + 2, location-based)"),
                                    ("biogenic", "生物源CO₂（备忘，不计入范围）", "Biogenic CO₂ (memo, outside the scopes)"),
                                    ("energy", "能源消费量", "Energy consumption")):
        if key in d:
            rows.append([_t(zh, zh_label, en_label), d[key]["value"], d[key]["unit"], _flag(zh, d[key]["verified"])])
    if "previous_year" in d:
        p = d["previous_year"]
        rows.append([_t(zh, f"上一年度（{p['year']}）排放总量", f"Total of the previous year ({p['year']})"), p["value"],
                     p["unit"], _flag(zh, p["verified"])])
    if "intensity" in d:
        i = d["intensity"]
        for value, zh_label, en_label in ((i["per_output"], "单位工业总产值排放", "Emissions per 10^4 yuan output value"),
                                          (i["per_value_added"], "单位增加值排放", "Emissions per 10^4 yuan value added")):
            if value is not None:
                unit = i["unit"].replace("10^4 yuan", "万元") if zh else i["unit"]  # t CO2e/万元 in a zh document
                rows.append([_t(zh, zh_label, en_label), value, unit, _flag(zh, i["verified"])])
    cols = [Col(_t(zh, "指标", "Item"), width=3), Col(_t(zh, "数值", "Value"), "num", 2), Col(_t(zh, "单位", "Unit")),
            Col(_t(zh, "核查", "Verification"))]
    if rows:
        blocks += [Heading(_t(zh, "温室气体排放", "Greenhouse gas emissions")),
                   Table("figures", _t(zh, "表 排放数据", "Table: emissions"), cols, rows, sheet=_t(zh, "排放数据", "Emissions"))]
    if "by_gas" in d and d["by_gas"]["rows"]:
        g = d["by_gas"]
        blocks += [Table("by_gas", _t(zh, "表 分气体排放", "Table: emissions by gas"),
                         [Col(_t(zh, "气体", "Gas")), Col(_t(zh, "排放量（t）", "Tonnes"), "num", 3),
                          Col("tCO2e", "num", 2), Col(_t(zh, "核查", "Verification"))],
                         [[r["label"], r["tonnes"], r["co2e"], _flag(zh, g["verified"])] for r in g["rows"]],
                         sheet=_t(zh, "分气体", "By gas")),
                   Chart("chart_gas", _t(zh, "分气体排放", "Emissions by gas"), "pie", [r["label"] for r in g["rows"]],
                         {"tCO2e": [r["co2e"] for r in g["rows"]]})]
    if "sources" in d and d["sources"]["rows"]:
        src = d["sources"]
        label = _t(zh, "排放源类别", "Source category") if src["kind"] == "category" else _t(zh, "领域", "Sector")
        blocks += [Table("sources", _t(zh, "表 主要排放源", "Table: main emission sources"),
                         [Col(label, width=3), Col("tCO2e", "num", 2), Col(_t(zh, "核查", "Verification"))],
                         [[r["zh"] if zh else r["en"], r["co2e"], _flag(zh, src["verified"])] for r in src["rows"]],
                         sheet=_t(zh, "排放源", "Sources")),
                   Chart("chart_sources", _t(zh, "主要排放源", "Main emission sources"), "bar",
                         [r["zh"] if zh else r["en"] for r in src["rows"]], {"tCO2e": [r["co2e"] for r in src["rows"]]})]
    if "method" in d:
        m = d["method"]
        kv = [(_t(zh, "核算标准", "Standard"), m["standard"]["zh" if zh else "en"]),
              (_t(zh, "全球增温潜势", "GWP set"), f"IPCC {m['gwp_set']}"),
              (_t(zh, "边界", "Boundary"), m["boundary"]["zh" if zh else "en"])]
        if m.get("grid_factor"):
            kv.append((_t(zh, "电网排放因子", "Grid emission factor"), m["grid_factor"]["zh" if zh else "en"]))
        if m.get("methodology_names"):  # snapshots frozen before the names were kept show the codes
            kv.append((_t(zh, "核算指南", "Guidelines"), "; ".join(n["zh" if zh else "en"] for n in m["methodology_names"])))
        elif m.get("methodologies"):
            kv.append((_t(zh, "核算指南", "Guidelines"), ", ".join(m["methodologies"])))
        blocks += [Heading(_t(zh, "核算依据", "Accounting basis")), KeyValues(kv, _t(zh, "核算依据", "Accounting basis"))]
    if "verification" in d and d["verification"].get("park"):
        v = d["verification"]
        blocks += [Heading(_t(zh, "核查", "Verification")),
                   Para(_t(zh, f"园区总量计入的{v['counted_inventories']}份清单中，{v['verified_inventories']}份经第三方核查机构核查"
                               f"（园区共{v['enterprises']}家企业）。",
                           f"{v['verified_inventories']} of the {v['counted_inventories']} inventories counted in the park "
                           f"total are verified by a third-party verification body ({v['enterprises']} enterprises in "
                           "the park)."))]
    elif "verification" in d:
        v = d["verification"]
        blocks += [Heading(_t(zh, "核查", "Verification")),
                   KeyValues([(_t(zh, "核查结论", "Conclusion"), OPINIONS.get(v["opinion"], (v["opinion"],) * 2)[0 if zh else 1]),
                              (_t(zh, "核查机构", "Verification body"), (v["agency"] if zh else v["agency_en"]) or "—"),
                              (_t(zh, "日期", "Date"), v["date"]),
                              (_t(zh, "核查声明", "Statement"), v["statement"])], _t(zh, "核查", "Verification"))]
    if "targets" in d:
        t = d["targets"]
        kv = [(_t(zh, "指标", "Metric"), t["metric_label"]["zh" if zh else "en"]),
              (_t(zh, "覆盖范围", "Scopes"), t["scopes"]),
              (_t(zh, "基准年", "Base year"), f"{t['base_year']}" + (f" ({t['base_value']:,.2f})" if t["base_value"] is not None else "")),
              (_t(zh, "目标年", "Target year"), str(t["target_year"])),
              (_t(zh, "较基准年减少", "Reduction from the base year"), f"{t['reduction_pct']:g}%"),
              (_t(zh, "总量或净量", "Gross or net"), _t(zh, "净量（可使用碳信用）", "net (carbon credits may count)") if t["net"] else _t(zh, "总量", "gross"))]
        if t["carbon_credits"]:
            kv.append((_t(zh, "碳信用的使用", "Planned use of carbon credits"), t["carbon_credits"]))
        if t["description"]:
            kv.append((_t(zh, "说明", "Description"), t["description"]))
        blocks += [Heading(_t(zh, "减排目标", "Reduction target")), KeyValues(kv, _t(zh, "减排目标", "Target"))]
    if "measures" in d:
        blocks += [Heading(_t(zh, "减排措施", "Reduction measures")),
                   Table("measures", _t(zh, "表 减排措施", "Table: reduction measures"),
                         [Col(_t(zh, "措施", "Measure"), width=4), Col(_t(zh, "预计年减排量（tCO2e）", "Expected reduction (tCO2e/yr)"), "num", 1)],
                         [[r["text"], r["reduction_t"]] for r in d["measures"]], sheet=_t(zh, "减排措施", "Measures"))]
    if "carbon_assets" in d:
        a = d["carbon_assets"]
        blocks += [Heading(_t(zh, "碳交易", "Carbon trading")),
                   Table("carbon_assets", _t(zh, "表 碳资产", "Table: carbon assets"),
                         [Col(_t(zh, "项目", "Item"), width=3), Col(_t(zh, "数值", "Value"), "num", 2), Col(_t(zh, "单位", "Unit"))],
                         [[r["label_zh"] if zh else r["label_en"], r["value"], r["unit"]] for r in a["rows"]],
                         note=a["source"], sheet=_t(zh, "碳交易", "Carbon trading"))]
    for f in s.get("frameworks", []):
        blocks.append(Table(f"framework_{f['id']}", f["name"]["zh" if zh else "en"],
                            [Col(_t(zh, "条款", "Reference")), Col(_t(zh, "披露项", "Item"), width=3), Col(_t(zh, "状态", "Status"))],
                            [[r["code"], r["title"]["zh" if zh else "en"], STATUS[r["status"]][0 if zh else 1]] for r in f["items"]],
                            note=f"{f['source']['document']} ({f['source']['issuer']}, {f['source']['year']})",
                            sheet=f["id"]))
    if blocks and any(isinstance(b, Table) and b.key.startswith("framework_") for b in blocks):
        first = next(i for i, b in enumerate(blocks) if isinstance(b, Table) and b.key.startswith("framework_"))
        blocks.insert(first, Heading(_t(zh, "框架覆盖情况", "Framework coverage")))
    unverified = s.get("unverified_items")
    return ReportData(
        template="disclosure", language="zh-hans" if zh else "en", title=title, file_stem=file_stem(s),
        cover=Cover(title=title, subtitle=park, entity=name, rows=[
            (_t(zh, "报告年度", "Reporting year"), str(s["year"])), (_t(zh, "版本", "Version"), str(s["version"])),
            (_t(zh, "编制", "Prepared by"), s.get("prepared_by", "")), (_t(zh, "审批", "Approved by"), s.get("approved_by", "")),
            (_t(zh, "发布时间", "Published"), (s.get("published_at") or "")[:10])]),
        blocks=blocks, labels={"entity": _t(zh, "披露主体", "Disclosing entity"), "contents": _t(zh, "目  录", "Contents")},
        draft=_t(zh, "未经核查：本披露包含未经核查的数据", "UNVERIFIED – this disclosure includes figures not verified")
        if unverified else "",
    )


def render(snapshot: dict, fmt: str, language: str) -> bytes:
    if fmt == "json":
        return json.dumps(snapshot, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
    data = report_data(snapshot, language)
    if fmt == "pdf":
        return render_pdf(data, render_charts(data))
    if fmt == "xlsx":
        return render_xlsx(data)
    raise ValueError(fmt)
