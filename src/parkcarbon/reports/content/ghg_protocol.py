"""GHG inventory report in the structure of the GHG Protocol Corporate Standard and ISO 14064-1 (English):
organisation and boundaries, scope 1, scope 2 location- and market-based, gases, biogenic CO2 memo, base year,
methodology and factors, exclusions, uncertainty, statement."""

from __future__ import annotations

from parkcarbon.reports.content import common as c
from parkcarbon.reports.content.facts import Facts
from parkcarbon.reports.content.labels import CATEGORIES, GRID_BASIS, SECTIONS, pick
from parkcarbon.reports.documents.model import Col, Cover, Heading, KeyValues, Para, ReportData, Table

ALL_SECTIONS = ("energy", "ippu", "waste", "afolu")


def build(f: Facts) -> ReportData:
    e, p = f.entity, f.provenance
    zh = False
    name = f"{e.name_en} ({e.name})" if e.name_en and e.name_en != e.name else e.name
    s1, s2 = f.by_scope.get("1", 0.0), f.by_scope.get("2", 0.0)
    s2m = f.by_scope_market.get("2", 0.0)
    park = e.kind == "park"
    blocks: list = [
        Heading("Organisation description"),
        KeyValues([("Reporting organisation", name),
                   *([("Unified social credit code", e.credit_code)] if e.credit_code else []),
                   ("Industry (GB/T 4754-2017)", e.industry_en or e.industry or "—"),
                   ("Location", ", ".join(x for x in (e.park_name_en or e.park_name, e.region_en, "China") if x)),
                   ("Reporting period", f"1 January – 31 December {p.year}"),
                   ("Standards", "GHG Protocol Corporate Standard (revised edition); ISO 14064-1:2018"),
                   ("Contact", " / ".join(x for x in (e.contact_name, e.contact_phone) if x) or "—")],
                  "Organisation"),
        Heading("Organisational and operational boundaries"),
        Para(("The inventory covers the industrial park under the operational control approach: all enterprises "
              "located in the park that reported for the year and the park's own facilities. Energy supplied between "
              "enterprises inside the park is counted once, at the producer." if park else
              f"The inventory consolidates emissions under the operational control approach: all facilities of {name} "
              "over which the organisation has operational control are included."), "lead"),
        Para("Operational boundary: scope 1 (direct emissions from sources owned or controlled) and scope 2 (indirect "
             "emissions from purchased electricity, heat and cooling). Scope 3 is not reported.", "lead"),
        Heading("Emissions summary"),
        Para(f"Total scope 1 and 2 emissions for {p.year} were {c.fmt_t(s1 + s2)} tCO2e (scope 2 location-based), or "
             f"{c.fmt_t(s1 + s2m)} tCO2e with scope 2 market-based.", "lead"),
        Table("summary", "Table: GHG emissions summary (tCO2e)", [Col("Category", width=3.2), Col("tCO2e", "num")], [
            ["Scope 1 – direct emissions", s1],
            ["Scope 2 – location-based", s2],
            ["Scope 2 – market-based", s2m],
            ["Total scope 1 + 2 (location-based)", s1 + s2],
            ["Total scope 1 + 2 (market-based)", s1 + s2m],
            ["Memo: biogenic CO₂ (outside the scopes), t", f.biogenic],
            *([["Memo: energy supplied inside the park (counted at the producer)", f.in_park_memo]] if park else []),
        ]),
        c.gas_table(f, zh), c.gas_chart(f, zh), c.section_table(f, zh), c.section_chart(f, zh),
    ]
    if f.by_category:
        blocks += [Heading("Scope 1 emissions by source category"), _scope_table(f, "1")]
        blocks += [Heading("Scope 2 emissions"),
                   Para(f"Location-based scope 2 uses the {pick(GRID_BASIS, p.grid_basis, zh)} published by China's "
                        "Ministry of Ecology and Environment. Market-based scope 2 deducts electricity covered by green "
                        "electricity certificates or green power trading; where no contractual instrument applies the "
                        "location-based factor is used (residual mix not available).", "lead"),
                   _scope_table(f, "2")]
    else:
        blocks += [Heading("Emissions by enterprise"), _enterprise_table(f)]
    blocks += [Heading("Biogenic CO₂"),
               Para(f"CO₂ from the combustion or decay of biomass ({c.fmt_t(f.biogenic)} t) is reported separately "
                    "and is not included in scope 1.", "lead"),
               Heading("Base year and trend")]
    base = f.base_year or p.year
    blocks.append(Para(f"The base year is {base}, the first year with a complete inventory. It will be recalculated when "
                       "structural changes, changes of methodology or discovered errors change base-year emissions by "
                       "5 % or more.", "lead"))
    if f.trend:
        blocks += [c.trend_table(f, zh)]
        if len(f.trend) > 1:
            blocks.append(c.trend_chart(f, zh))
    blocks += [Heading("Energy consumption and intensity"),
               Para(f"Energy consumption was {f.energy_tce:,.1f} tonnes of standard coal equivalent (tce), converted with "
                    "the coefficients of GB/T 2589-2020 (electricity at its calorific value).", "lead")]
    if f.energy:
        blocks.append(c.energy_table(f, zh))
    blocks.append(c.intensity_table(f, zh))
    blocks += [Heading("Methodology, emission factors and GWP"),
               Para(f"Emissions are calculated as activity data × emission factor (IPCC Tier 1/2 and the Chinese national "
                    f"accounting guidelines). Gases are weighted by the 100-year GWP values of IPCC {c.gwp_name(p.gwp_set, False)}.", "lead")]
    if f.factors:
        blocks.append(c.factor_table(f, zh))
    if f.sources:
        blocks.append(c.sources_table(f, zh))
    missing = [pick(SECTIONS, s, zh) for s in ALL_SECTIONS if s not in f.by_section]
    blocks += [Heading("Exclusions"),
               Para("Scope 3 (other indirect emissions) is excluded. "
                    + (f"No activity data were reported for: {', '.join(missing)}; these sources are considered not "
                       "applicable or immaterial. " if missing else "")
                    + (f"{f.enterprises_without_data} enterprise(s) had not reported data and are excluded. "
                       if park and f.enterprises_without_data else "")
                    + (f"{f.excluded_drafts} draft inventory(ies) not yet submitted are excluded. "
                       if park and f.excluded_drafts else "")
                    + (f"Only inventories with a positive third-party verification conclusion are counted "
                       f"({f.n_verified}), at their verified figures"
                       + (f" ({f.n_adjusted} with amounts adjusted by the verifier)" if f.n_adjusted else "")
                       + "; unverified inventories are excluded. " if park and f.verified_only else ""), "lead"),
               Heading("Uncertainty"),
               Para(f"Uncertainty was combined with IPCC 2006 Approach 1 (error propagation). The combined uncertainty of "
                    f"total emissions is ±{f.uncertainty_pct:.1f} % (95 % confidence interval).", "lead"),
               Heading("Statement"),
               Para(f"Inventory status: {p.status}. This report has been prepared in accordance with the GHG Protocol "
                    "Corporate Standard and ISO 14064-1. It has not been verified by a third party unless a verification "
                    "statement is attached.", "lead"),
               *([Para(p.verification, "lead")] if p.verification else []),
               *([Para(p.restatement, "lead")] if p.restatement else []),  # restated on another factor release
               KeyValues([("Prepared by", ""), ("Approved by", ""), ("Date", "")])]
    cover = Cover(title="Greenhouse Gas Inventory Report", subtitle=f"Reporting year {p.year}", entity=name,
                  rows=[("Scope 1", f"{c.fmt_t(s1)} tCO2e"), ("Scope 2 (location)", f"{c.fmt_t(s2)} tCO2e"),
                        ("Scope 2 (market)", f"{c.fmt_t(s2m)} tCO2e"), ("Issued", p.generated_at[:10])],
                  footer="GHG Protocol Corporate Standard · ISO 14064-1:2018")
    number = 0
    for block in blocks:  # chapters numbered in order, whichever optional ones are present
        if isinstance(block, Heading) and block.level == 1:
            number += 1
            block.text = f"{number}. {block.text}"
    return ReportData(template="ghg_protocol", language="en", title=f"{e.name_en or e.name} – GHG inventory {p.year}",
                      file_stem=f"GHG-inventory-{p.year}-{p.inventory_id}", cover=cover, blocks=blocks,
                      figures=c.figures(f), provenance=c.provenance_rows(f, zh), labels=c.chrome_labels(zh),
                      draft=c.draft_mark(f, zh))


def _scope_table(f: Facts, scope: str) -> Table:
    rows = [[pick(SECTIONS, s, False), pick(CATEGORIES, cat, False), v, c.share(v, f.total)]
            for (s, cat, sc), v in f.by_category.items() if sc == scope]
    total = sum(r[2] for r in rows)
    return Table(f"scope{scope}", f"Table: scope {scope} by source category",
                 [Col("Sector", width=1.6), Col("Source category", width=2), Col("tCO2e", "num"), Col("Share of total", "pct", 1, width=0.8)],
                 rows, ["Total", "", total, c.share(total, f.total)])


def _enterprise_table(f: Facts) -> Table:
    rows = sorted(f.enterprises, key=lambda r: -r.co2e)
    return Table("enterprises", "Table: emissions by enterprise",
                 [Col("Enterprise", width=2.6), Col("Industry", width=1.6), Col("tCO2e", "num"), Col("Share", "pct", 1, width=0.7)],
                 [[r.name, r.industry, r.co2e, c.share(r.co2e - r.in_park_supply, f.total)] for r in rows])
