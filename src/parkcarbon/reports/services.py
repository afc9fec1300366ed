"""Report operations: request a report (a row + a background task), gather the facts from the ORM once, build
the ``ReportData`` and render every format from it."""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone, translation

from parkcarbon.common.policy import has_role_for, scope_for
from parkcarbon.engine import combine_sum, load_library
from parkcarbon.inventory import services as inv_services
from parkcarbon.inventory.models import Inventory, ResultSnapshot, SectionVersion
from parkcarbon.inventory.park import park_summary
from parkcarbon.parks import divisions
from parkcarbon.releases.services import park_restatement_sentence, restatement_sentence
from parkcarbon.reports.content import LANGUAGE, TEMPLATES
from parkcarbon.reports.content.facts import (
    DETAIL_LINES,
    EnterpriseRow,
    Entity,
    Facts,
    Provenance,
    energy_from_result,
    from_result,
    guideline_tables_from_result,
)
from parkcarbon.reports.content.labels import STANDARDS, STATUSES, pick
from parkcarbon.reports.models import Report, State, Template
from parkcarbon.verification.services import conclusion_sentence

log = logging.getLogger(__name__)
NOT_SUBMITTED = ("draft", "returned")  # a report made from an inventory in these states says "draft" on every page


def templates_for(inventory: Inventory) -> list[tuple[str, str]]:
    """Templates that make sense for an inventory: the enterprise report for an enterprise, the park inventory
    report for a park; the English GHG Protocol report for both."""
    keys = [Template.PARK_INVENTORY if inventory.is_park_own else Template.CN_ENTERPRISE, Template.GHG_PROTOCOL]
    return [(k.value, k.label) for k in keys]


@transaction.atomic
def request_report(user, inventory: Inventory, template: str, verified_only: bool = False) -> Report:
    """Create the report row and queue its generation (after the transaction commits). ``verified_only`` applies
    to park reports (the park's own inventory) and is ignored for an enterprise's."""
    verified_only = verified_only and inventory.is_park_own
    if not has_role_for(user, "report", "create"):
        raise PermissionDenied
    if template not in dict(templates_for(inventory)):
        raise ValueError(f"template {template!r} does not apply to this inventory")
    # Enqueue once: a report of this inventory and template that has not started yet will read the current data
    # when it runs, so a second request (a double click) joins it instead of queueing the same work again.
    pending = Report.objects.select_for_update().filter(inventory=inventory, template=template, status=State.QUEUED,
                                                       created_by=user, verified_only=verified_only).first()
    if pending is not None:
        return pending
    report = Report.objects.create(
        park=inventory.park, enterprise=inventory.enterprise, inventory=inventory, year=inventory.year,
        template=template, language=LANGUAGE[template], created_by=user, verified_only=verified_only,
        title=f"{inventory.entity_name} · {inventory.year}",
    )
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def park_level_inventory(park, year: int) -> Inventory:
    """The park's own inventory of the year, or an unsaved stand-in when the park has no own sources: a park
    report then aggregates its enterprises' inventories only."""
    own = Inventory.objects.filter(park=park, year=year, enterprise__isnull=True).first()
    return own or Inventory(park=park, enterprise=None, year=year, region="", standard="cn_provincial")


def may_report_on_park(user, park) -> bool:
    """Park reports contain every enterprise: only users whose report scope reaches the whole park."""
    scope = scope_for(user, "report", "create")
    return scope.everything or park.pk in scope.all_parks


@transaction.atomic
def request_park_report(user, park, year: int, template: str, verified_only: bool = False) -> Report:
    """A park report for a year, made from the park's own inventory when it exists, else from the enterprises'.
    ``verified_only``: the park total counts verified inventories only, at their verified figures."""
    if not may_report_on_park(user, park):
        raise PermissionDenied
    own = park_level_inventory(park, year)
    if own.pk:
        return request_report(user, own, template, verified_only=verified_only)
    if template not in (Template.PARK_INVENTORY, Template.GHG_PROTOCOL):
        raise ValueError(f"template {template!r} does not apply to a park")
    pending = Report.objects.select_for_update().filter(park=park, enterprise=None, inventory=None, year=year,
                                                       template=template, status=State.QUEUED, created_by=user,
                                                       verified_only=verified_only).first()
    if pending is not None:
        return pending
    report = Report.objects.create(park=park, year=year, template=template, language=LANGUAGE[template],
                                   created_by=user, title=f"{park} · {year}", verified_only=verified_only)
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


def _enqueue(report_id: int) -> None:
    from parkcarbon.reports.tasks import generate_report

    result = generate_report.enqueue(report_id)
    Report.objects.filter(pk=report_id).update(task_id=str(result.id)[:100])


# ---------------------------------------------------------------------------------------------------- facts

def _versions(inventory: Inventory) -> dict[str, str]:
    out = {}
    for section, v in sorted(inv_services.current_versions(inventory).items()):
        detail = v.file_name or v.get_source_display()
        out[section] = f"v{v.number} ({detail}, {timezone.localtime(v.created_at):%Y-%m-%d})"
    return out


def _provenance(inventory: Inventory, gwp: str, engine: str, library: str, versions: dict, count: int = 1) -> Provenance:
    zh = translation.get_language().startswith("zh")
    return Provenance(
        inventory_id=inventory.pk or 0, inventory_label=str(inventory), year=inventory.year,
        status=pick(STATUSES, inventory.status, zh) if inventory.pk else "—", versions=versions, gwp_set=gwp, engine_version=engine,
        library_version=library, grid_basis=inventory.grid_basis, standard=pick(STANDARDS, inventory.standard, zh),
        generated_at=timezone.localtime().strftime("%Y-%m-%d %H:%M %Z"), inventories=count,
        draft=bool(inventory.pk) and inventory.status in NOT_SUBMITTED,
        verification=conclusion_sentence(inventory, english=not zh) if inventory.pk else "",
        factor_release=inventory.factor_release if count == 1 else "",
        restatement=restatement_sentence(inventory, english=not zh) if inventory.pk else "",
    )


def _region_names(code: str, province: str = "", division: str = "") -> dict[str, str]:
    """The region's names in both languages: the inventory's division (province to county), else its region, else
    the province the park is in."""
    if divisions.lookup(division):
        return {"region_zh": divisions.label(division, zh=True), "region_en": divisions.label(division, zh=False)}
    regions = load_library().regions
    region = regions.get(code) or next((r for r in regions.values() if r.get("level") == "province" and province
                                        and province.startswith(r.get("name_zh", "-"))), {})
    return {"region_zh": region.get("name_zh", ""), "region_en": region.get("name_en", "")}


def _enterprise_entity(inventory: Inventory) -> Entity:
    ent, park = inventory.enterprise, inventory.park
    industry = ent.industry
    return Entity(
        kind="enterprise", name=ent.name, name_en=ent.name_en, credit_code=ent.credit_code,
        industry=f"{ent.industry_code} {industry.name_zh}" if industry else ent.industry_code,
        industry_en=f"{ent.industry_code} {industry.name_en}" if industry else ent.industry_code,
        park_name=park.name, park_name_en=park.name_en, zone=ent.zone.name if ent.zone_id else "",
        province=park.province, city=park.city, region=inventory.region, key_emitter=ent.is_key_emitter,
        contact_name=inventory.contact_name or ent.contact_person, contact_phone=inventory.contact_phone or ent.contact_phone,
        **_region_names(inventory.region, division=inventory.division),
    )


def _park_entity(inventory: Inventory) -> Entity:
    park = inventory.park
    return Entity(
        kind="park", name=park.name, name_en=park.name_en, park_name=park.name, park_name_en=park.name_en,
        province=park.province, city=park.city, region=inventory.region, park_level=str(park.get_level_display()),
        area_km2=float(park.area_km2) if park.area_km2 is not None else None,
        leading_industries=park.leading_industries, contact_name=inventory.contact_name,
        contact_phone=inventory.contact_phone, **_region_names(inventory.region, park.province, inventory.division),
    )


def _inventory_facts(facts: Facts, inventory: Inventory) -> Facts:
    lines = inv_services.current_lines(inventory)
    rows = inv_services.engine_frame(lines)  # plain values: no model object per line (100,000 lines and more)
    if len(rows):
        result = inv_services.calculate_rows(inventory, rows)
        lib = inv_services.library_of(inventory)  # the inventory's pinned factor release
        notes = ({str(pk): note for pk, note in lines.exclude(note="").values_list("pk", "note")}
                 if len(rows) <= DETAIL_LINES else {})  # a summed table has no per-line note
        from_result(facts, result, lib, notes=notes)
        energy_from_result(facts, result, lib, inventory.output_value_10k_yuan, inventory.value_added_10k_yuan)
        guideline_tables_from_result(facts, result, inventory.methodologies)
        facts.provenance.engine_version = result.engine_version
        facts.provenance.library_version = result.library_version
    return facts


def _trend(snapshots) -> list[tuple[int, float, float]]:
    rows = (snapshots.values("inventory__year").order_by("inventory__year")
            .annotate(loc=Sum("total_co2e"), mkt=Sum("total_co2e_market"), memo=Sum("in_park_supply_co2e")))
    return [(r["inventory__year"], float(r["loc"] or 0), float(r["mkt"] or 0)) for r in rows]


def enterprise_facts(inventory: Inventory, user=None) -> Facts:
    lib = load_library()
    facts = Facts(_enterprise_entity(inventory) if inventory.enterprise_id else _park_entity(inventory),
                  _provenance(inventory, inventory.gwp_set, "", lib.version, _versions(inventory)))
    _inventory_facts(facts, inventory)
    facts.provenance.versions_by_inventory = {
        str(inventory.pk): {s: v.number for s, v in inv_services.current_versions(inventory).items()}}
    same = Inventory.objects.filter(park=inventory.park, enterprise=inventory.enterprise, year__lte=inventory.year)
    if user is not None:
        same = same.for_user(user, "view")
    facts.trend = _trend(ResultSnapshot.objects.filter(inventory__in=same))
    facts.base_year = facts.trend[0][0] if facts.trend else inventory.year
    if facts.trend and facts.trend[-1][0] == inventory.year:  # this year's figures from this very calculation
        facts.trend[-1] = (inventory.year, facts.total, facts.total_market)
    return facts


def park_facts(inventory: Inventory, user=None, verified_only: bool = False) -> Facts:
    """The park's inventory: every enterprise inventory of the year the user may see, plus the park's own
    (``verified_only``: the verified ones only, at their verified figures)."""
    park, year = inventory.park, inventory.year
    lib = load_library()
    summary = park_summary(park, year, user=user, verified_only=verified_only)
    included = {r.inventory_id for r in summary.all_rows}  # the inventories the park total counts
    visible = Inventory.objects.filter(park=park, year=year)
    if user is not None:
        visible = visible.for_user(user, "view")
    snaps = [s for s in ResultSnapshot.objects.filter(inventory__in=visible).values_list(
        "inventory_id", "total_co2e", "uncertainty_pct", "biogenic_co2", "by_section", "engine_version",
        "library_version", "gwp_set") if s[0] in included]
    versions = defaultdict(dict)
    for inv_id, section, number in (SectionVersion.objects.filter(inventory__in=visible).values("inventory_id", "section")
                                    .annotate(n=Max("number")).values_list("inventory_id", "section", "n")):
        if inv_id in included:
            versions[inv_id][section] = number
    engines = sorted({s[5] for s in snaps}) or [""]
    libraries = sorted({s[6] for s in snaps}) or [lib.version]
    # One GWP set for the park (the park summary reweighs every inventory with it, when it does so).
    gwp = getattr(summary, "gwp_set", "") or "、".join(sorted({s[7] for s in snaps}) or [inventory.gwp_set])
    own_versions = _versions(inventory) if inventory.is_park_own and inventory.pk else {}
    facts = Facts(_park_entity(inventory), _provenance(inventory, gwp, "/".join(engines), "/".join(libraries),
                                                      own_versions, count=len(snaps)))
    facts.provenance.draft = any(r.status in NOT_SUBMITTED for r in summary.all_rows)
    facts.provenance.factor_release = "/".join(sorted(set(  # the basis of the park's figures (releases, #23)
        Inventory.objects.filter(pk__in=included).values_list("factor_release", flat=True))))
    facts.provenance.restatement = park_restatement_sentence(
        included, english=not translation.get_language().startswith("zh"))
    statuses = Counter(r.status for r in summary.all_rows)
    zh = translation.get_language().startswith("zh")
    facts.provenance.status = ("、" if zh else ", ").join(f"{pick(STATUSES, k, zh)} {n}" for k, n in sorted(statuses.items())) or "—"
    facts.provenance.versions_by_inventory = {str(k): v for k, v in versions.items()}
    if inventory.is_park_own and inventory.pk:  # the park's own sources: their factors and sources are cited
        own = Facts(facts.entity, facts.provenance)
        _inventory_facts(own, inventory)
        facts.factors, facts.sources = own.factors, own.sources
    facts.total, facts.total_market = summary.total_co2e, summary.total_co2e_market
    facts.energy_tce, facts.intensity = summary.total_tce, summary.intensity
    facts.in_park_memo = summary.in_park_supply_memo
    facts.by_section = {k: v for k, v in sorted(summary.by_section.items(), key=lambda kv: -kv[1])}
    facts.by_scope = dict(summary.by_scope)
    s1 = facts.by_scope.get("1", 0.0)
    facts.by_scope_market = {"1": s1, "2": facts.total_market - s1}
    facts.by_gas = [{"gas": g, "tonnes": None, "gwp": None, "co2e": v} for g, v in summary.by_gas.items()]
    facts.biogenic = float(sum(s[3] for s in snaps))
    totals = [s[1] for s in snaps]
    facts.uncertainty_pct = (summary.uncertainty_pct if hasattr(summary, "uncertainty_pct")  # the park's own figure
                             else combine_sum(_arr(totals), _arr([s[2] for s in snaps])))
    per_section: dict[str, tuple[list, list]] = defaultdict(lambda: ([], []))
    for s in snaps:
        for section, v in (s[4] or {}).items():
            per_section[section][0].append(v["co2e"])
            per_section[section][1].append(v.get("uncertainty_pct", 0.0))
    facts.section_uncertainty = {k: combine_sum(_arr(a), _arr(b)) for k, (a, b) in per_section.items()}
    key_emitters = set(park.enterprises.filter(is_key_emitter=True).values_list("pk", flat=True))
    facts.enterprises = [EnterpriseRow(r.name, r.industry_name or r.industry_code, r.zone, r.co2e, r.co2e_market,
                                       r.in_park_supply_co2e, r.status, r.enterprise_id in key_emitters)
                         for r in summary.rows]
    if summary.own:
        facts.enterprises.append(EnterpriseRow(f"{summary.own.name}（园区公共排放源）", "", "", summary.own.co2e,
                                               summary.own.co2e_market, summary.own.in_park_supply_co2e, summary.own.status))
    facts.by_industry, facts.by_zone = dict(summary.by_industry), dict(summary.by_zone)
    facts.enterprises_without_data = summary.enterprises_without_data
    facts.excluded_drafts = getattr(summary, "n_excluded_drafts", 0)  # park totals count submitted inventories
    facts.verified_only, facts.n_verified, facts.n_adjusted = verified_only, summary.n_verified, summary.n_adjusted
    all_years = Inventory.objects.filter(park=park, year__lte=year, snapshot__isnull=False)
    if user is not None:
        all_years = all_years.for_user(user, "view")
    facts.trend = []  # each year by the same rules as this year's total (inventories counted, GWP, double counting)
    for y in sorted(set(all_years.values_list("year", flat=True))):
        s = summary if y == year else park_summary(park, y, user=user, verified_only=verified_only)
        if s.all_rows:
            facts.trend.append((y, s.total_co2e, s.total_co2e_market))
    facts.base_year = facts.trend[0][0] if facts.trend else year
    return facts


def _arr(values):
    import numpy as np

    return np.asarray(values, dtype=float)


def collect_facts(inventory: Inventory, template: str, user=None, verified_only: bool = False) -> Facts:
    with translation.override(LANGUAGE[template]):
        if template == Template.PARK_INVENTORY or (inventory.is_park_own and template == Template.GHG_PROTOCOL):
            return park_facts(inventory, user, verified_only)
        return enterprise_facts(inventory, user)


# --------------------------------------------------------------------------------------------------- build

def _progress(report: Report, percent: int, stage: str) -> None:
    Report.objects.filter(pk=report.pk).update(progress=percent, stage=stage)


def file_name(report: Report, data_stem: str, fmt: str) -> str:
    stem = re.sub(r"[^\w.-]+", "-", data_stem).strip("-") or f"report-{report.pk}"
    return f"{stem}.{fmt}"


def build_report(report_id: int) -> Report | None:
    """Generate a queued report. Claimed with a conditional update, so two workers never build the same one.
    Failures are recorded on the report (shown to the user), never lost."""
    from parkcarbon.reports.documents.charts import render_charts
    from parkcarbon.reports.documents.docx import render_docx
    from parkcarbon.reports.documents.pdf import render_pdf
    from parkcarbon.reports.documents.xlsx import render_xlsx

    if not Report.objects.filter(pk=report_id, status=State.QUEUED).update(status=State.RUNNING, progress=2):
        return None
    report = Report.objects.select_related("inventory", "inventory__park", "inventory__enterprise", "created_by").get(pk=report_id)
    try:
        inventory = report.inventory
        if inventory is None and report.enterprise_id is None and report.template != Template.CN_ENTERPRISE:
            inventory = park_level_inventory(report.park, report.year)  # a park without its own inventory
        if inventory is None:
            raise ValueError("the inventory of this report was deleted")
        _progress(report, 5, "collect")
        facts = collect_facts(inventory, report.template, report.created_by, report.verified_only)
        _progress(report, 25, "compose")
        data = TEMPLATES[report.template](facts)
        _progress(report, 30, "charts")
        charts = render_charts(data)
        _progress(report, 40, "docx")
        docx = render_docx(data, charts)
        _progress(report, 60, "pdf")
        pdf = render_pdf(data, charts)
        _progress(report, 85, "xlsx")
        xlsx = render_xlsx(data)
        _progress(report, 95, "save")
        report.docx.save(file_name(report, data.file_stem, "docx"), ContentFile(docx), save=False)
        report.pdf.save(file_name(report, data.file_stem, "pdf"), ContentFile(pdf), save=False)
        report.xlsx.save(file_name(report, data.file_stem, "xlsx"), ContentFile(xlsx), save=False)
        report.title = data.title[:300]
        report.content = data.to_dict()
        report.figures = data.figures
        report.data_versions = facts.provenance.versions_by_inventory
        report.gwp_set, report.engine_version = facts.provenance.gwp_set[:8], facts.provenance.engine_version[:20]
        report.library_version, report.factor_release = (facts.provenance.library_version[:20],
                                                          facts.provenance.factor_release[:100])
        report.status, report.progress, report.stage, report.generated_at = State.DONE, 100, "done", timezone.now()
        report.save()
    except Exception as exc:  # recorded for the user; the log keeps the traceback
        log.exception("report %s failed", report_id)
        Report.objects.filter(pk=report_id).update(status=State.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000],
                                                   stage="failed")
        return None
    return report
