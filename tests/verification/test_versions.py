"""Frozen versions keep everything that made the number: each line's measured parameters, method fields and result
(CO2e, tonnes per gas) and the basis of the calculation; differences between versions see a changed measured value
or combustion equipment, with the CO2e before and after; a version frozen before these were kept still reads.

Expected numbers are worked by hand from the factors the engine uses for these lines (factor ids in the comments):
bituminous coal, 1000 t, no guideline chosen (the library's defaults, NDRC 2015 "other industries" guideline,
Appendix 2 Table 2.1: NCV 23.204 GJ/t CN-FUEL-004, carbon content 26.18 tC/TJ CN-FUEL-005, oxidation 93 %
CN-FUEL-006; IPCC 2006 Vol. 2 Ch. 2 Table 2.3: CH4 10 kg/TJ IPCC-COMB-003, N2O 1.5 kg/TJ IPCC-COMB-004; AR5 GWP
CH4 28, N2O 265). CO2 = amount x NCV x CC x OF x 44/12 (ibid., Eq. 1 of the fuel combustion section).
"""

import pytest
from django.urls import reverse

from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory
from parkcarbon.verification import services
from parkcarbon.verification.models import FrozenVersion
from tests.api.conftest import call, token_for  # noqa: F401 - fixtures

LANGS = pytest.mark.parametrize(("lang", "i"), [("zh-hans", 0), ("en", 1)])
SHAPE = {
    "section",
    "activity",
    "amount",
    "unit",
    "month",
    "sector",
    "note",
    "ad_uncertainty_pct",
    "measured",
    "extra",
    "co2e",
    "gases",
    "biogenic_co2",
}


def coal_with_ncv(ncv):
    """1000 t of bituminous coal at a measured NCV (GJ/t), no guideline: CO2, CH4, N2O (t) and CO2e (t, AR5)."""
    heat_tj = 1000 * ncv / 1000
    co2 = heat_tj * 26.18 * 0.93 * 44 / 12  # CN-FUEL-005 26.18 tC/TJ, CN-FUEL-006 93 %
    ch4, n2o = heat_tj * 10 / 1000, heat_tj * 1.5 / 1000  # IPCC-COMB-003 10 kg/TJ, IPCC-COMB-004 1.5 kg/TJ
    return co2, ch4, n2o, co2 + 28 * ch4 + 265 * n2o


def set_status(inventory, status):
    Inventory.objects.filter(pk=inventory.pk).update(status=status)
    inventory.refresh_from_db()


def coal(inventory):
    return inventory_services.current_lines(inventory).get(activity="bituminous_coal")


def edit_coal(inventory, **fields):
    line = coal(inventory)
    for name, value in fields.items():
        setattr(line, name, value)
    line.save()
    inventory_services.refresh_snapshot(inventory)
    inventory.refresh_from_db()  # the snapshot as refreshed


def conclude_and_correct(inventory, world, **coal_fields):
    """Conclude version 1 as it is, open version 2 and edit its coal line with ``coal_fields``."""
    set_status(inventory, "under_verification")
    services.conclude(inventory, world.users["verifier"], "verified", "Complete.")
    services.new_version(inventory, world.users["enterprise_manager"], "NCV re-measured")
    inventory.refresh_from_db()
    edit_coal(inventory, **coal_fields)


def speaking(client, lang):
    client.post(reverse("set_language"), {"language": lang, "next": "/"})
    return client


def test_the_hand_worked_coal_numbers_are_the_engines():
    # 20.9 GJ/t: 20.9 TJ; CO2 20.9 x 26.18 x 0.93 x 44/12 = 1865.82242 t; CH4 0.209 t; N2O 0.03135 t;
    # CO2e 1865.82242 + 0.209 x 28 + 0.03135 x 265 = 1879.98217 t
    assert coal_with_ncv(20.9) == pytest.approx((1865.82242, 0.209, 0.03135, 1879.98217), abs=1e-5)
    # 21.3 GJ/t: CO2 1901.53194 t, CO2e 1901.53194 + 5.964 + 8.46675 = 1915.96269 t
    assert coal_with_ncv(21.3)[3] == pytest.approx(1915.96269, abs=1e-5)


def test_freeze_keeps_measured_extra_results_and_the_basis(inventory, world):
    edit_coal(
        inventory,
        measured={"ncv": {"value": 20.9, "unit": "GJ/t"}},
        extra={"equipment": "kiln"},
        ad_uncertainty_pct=5.0,
    )
    set_status(inventory, "under_verification")
    services.conclude(inventory, world.users["verifier"], "verified", "Complete.")
    frozen = FrozenVersion.objects.get(inventory=inventory, number=1)
    stored = {line["activity"]: line for line in frozen.lines}
    kept = stored["bituminous_coal"]
    assert kept["measured"] == {"ncv": {"value": 20.9, "unit": "GJ/t"}}
    assert kept["extra"] == {"equipment": "kiln"}  # no guideline with per-equipment values: kept, not used
    assert kept["ad_uncertainty_pct"] == 5.0
    co2, ch4, n2o, co2e = coal_with_ncv(20.9)
    assert kept["co2e"] == pytest.approx(co2e, rel=1e-9)
    assert kept["gases"] == pytest.approx({"CO2": co2, "CH4": ch4, "N2O": n2o}, rel=1e-9)
    # compact: a line without measured values, method fields or a note stores none of them
    assert not {"measured", "extra", "note", "ad_uncertainty_pct"} & set(stored["electricity_grid"])
    assert stored["electricity_grid"]["gases"] == {"CO2": pytest.approx(10000 * 0.5703)}  # MEE 2023 No. 43
    # the lines' results add up to the snapshot's total, and the basis names what computed them
    assert sum(line["co2e"] for line in frozen.lines) == pytest.approx(frozen.totals["total"], rel=1e-9)
    assert frozen.totals["basis"] == {
        "factor_release": inventory.factor_release,
        "gwp_set": "AR5",
        "methodologies": [],
        "grid_basis": "reporting",
        "library_version": inventory.snapshot.library_version,
        "engine_version": inventory.snapshot.engine_version,
    }
    # read back in the same shape as the current version's lines
    lines, totals = services.version_lines(inventory, 1)
    assert {line["activity"]: line for line in lines}["bituminous_coal"]["measured"] == kept["measured"]
    assert all(set(line) == SHAPE for line in lines)
    assert {line["activity"]: line for line in lines}["electricity_grid"]["measured"] == {}
    assert totals["basis"] == frozen.totals["basis"]


def test_the_current_version_has_the_frozen_shape(inventory, world):
    edit_coal(inventory, measured={"ncv": {"value": 20.9, "unit": "GJ/t"}})
    now, now_totals = services.version_lines(inventory, 1)  # current, not frozen yet
    set_status(inventory, "under_verification")
    services.conclude(inventory, world.users["verifier"], "verified", "Complete.")
    kept, kept_totals = services.version_lines(inventory, 1)  # frozen
    assert now == kept
    assert now_totals == kept_totals
    assert services.differences(kept, now) == []


def test_a_version_that_changes_only_a_measured_ncv_shows_a_changed_line(inventory, world):
    edit_coal(inventory, measured={"ncv": {"value": 20.9, "unit": "GJ/t"}})
    conclude_and_correct(inventory, world, measured={"ncv": {"value": 21.3, "unit": "GJ/t"}})
    old, old_totals = services.version_lines(inventory, 1)
    new, new_totals = services.version_lines(inventory, 2)
    diff = services.differences(old, new)
    assert len(diff) == 1
    row = diff[0]
    assert (row["activity"], row["kind"], row["old"], row["new"]) == (
        "bituminous_coal",
        "changed",
        1000,
        1000,
    )
    assert row["changes"] == [
        {
            "field": "measured",
            "name": "ncv",
            "old": {"value": 20.9, "unit": "GJ/t"},
            "new": {"value": 21.3, "unit": "GJ/t"},
        }
    ]
    assert row["old_co2e"] == pytest.approx(1879.98217, abs=1e-5)  # worked above
    assert row["new_co2e"] == pytest.approx(1915.96269, abs=1e-5)
    total = {t["section"]: t for t in services.total_differences(old_totals, new_totals)}["total"]
    assert total["new"] - total["old"] == pytest.approx(1915.96269 - 1879.98217, abs=1e-5)  # 35.98052 t
    assert services.basis_differences(old_totals["basis"], new_totals["basis"]) == []


def test_a_changed_combustion_equipment_is_a_changed_line_with_its_co2e(inventory, world):
    # The cement guideline (NDRC 2013) gives coal's oxidation rate by equipment, Appendix 2 Table 2.3: kiln 98 %
    # (CN-CEM-060), industrial boiler 95 % (CN-CEM-061); carbon content of bituminous coal Table 2.2 26.18 tC/TJ
    # (CN-CEM-006); NCV 23.204 GJ/t (CN-FUEL-004, NDRC 2015 Table 2.1: the cement guideline's datasets fall back to
    # it); no CH4 or N2O from combustion in that guideline.
    # kiln: 23.204 TJ x 26.18 x 0.98 x 44/12 = 2182.88072 t; boiler: x 0.95 = 2116.05784 t
    Inventory.objects.filter(pk=inventory.pk).update(methodologies=["cn_cement"])
    inventory.refresh_from_db()
    edit_coal(inventory, extra={"equipment": "kiln"})
    conclude_and_correct(inventory, world, extra={"equipment": "industrial_boiler"})
    old, _ = services.version_lines(inventory, 1)
    new, _ = services.version_lines(inventory, 2)
    (row,) = services.differences(old, new)
    assert row["changes"] == [
        {"field": "extra", "name": "equipment", "old": "kiln", "new": "industrial_boiler"}
    ]
    assert row["old_co2e"] == pytest.approx(23.204 * 26.18 * 0.98 * 44 / 12, rel=1e-9)
    assert row["new_co2e"] == pytest.approx(23.204 * 26.18 * 0.95 * 44 / 12, rel=1e-9)
    assert {line["activity"]: line for line in old}["bituminous_coal"]["gases"] == {
        "CO2": pytest.approx(2182.88072, abs=1e-5)
    }
    assert services.change_text(row["changes"][0], "bituminous_coal") in (
        "Combustion equipment Kiln → Industrial boiler",
        "燃烧设备 窑炉 → 工业锅炉",
    )


def test_matching_rule_and_what_counts_as_changed():
    def line(amount, **kw):
        return {
            "section": "energy",
            "activity": "diesel",
            "amount": amount,
            "unit": "t",
            "month": 0,
            "sector": "",
            "note": "",
            "ad_uncertainty_pct": None,
            "measured": {},
            "extra": {},
            "co2e": amount * 3.1,
            "gases": {},
            "biogenic_co2": 0.0,
            **kw,
        }

    ncv = {"value": 43.0, "unit": "GJ/t"}
    old = [line(1.0), line(2.0, measured={"ncv": ncv}), line(3.0)]
    # the 2nd diesel line gains a measured NCV's change, the 3rd only a note and an uncertainty, a 4th is added
    new = [
        line(1.0, note="meter"),
        line(2.0, measured={"ncv": {**ncv, "value": 42.5}}),
        line(3.0, ad_uncertainty_pct=2.0),
        line(4.0),
    ]
    diff = services.differences(old, new)
    assert [(d["old"], d["new"], d["kind"]) for d in diff] == [
        (2.0, 2.0, "changed"),
        (3.0, 3.0, "changed"),
        (None, 4.0, "added"),
    ]  # the note alone is no change
    assert diff[0]["changes"][0]["old"] == ncv and diff[0]["changes"][0]["new"]["value"] == 42.5
    assert diff[1]["changes"] == [
        {"field": "ad_uncertainty_pct", "name": "ad_uncertainty_pct", "old": None, "new": 2.0}
    ]
    assert (diff[2]["old_co2e"], diff[2]["new_co2e"]) == (None, pytest.approx(12.4))
    # the same inputs with another CO2e (another factor release) are changed; a rounding difference is not
    assert [d["kind"] for d in services.differences([line(1.0)], [line(1.0, co2e=3.2)])] == ["changed"]
    assert services.differences([line(1.0)], [line(1.0, co2e=3.1 * (1 + 1e-12))]) == []
    # a side that did not record measured values (frozen before they were kept) is compared on the amount only
    unrecorded = {
        **line(2.0),
        "measured": None,
        "extra": None,
        "ad_uncertainty_pct": None,
        "co2e": None,
        "gases": None,
        "biogenic_co2": None,
    }
    assert services.differences([unrecorded], [line(2.0, measured={"ncv": ncv})]) == []
    (row,) = services.differences([unrecorded], [line(2.5)])
    assert (row["kind"], row["changes"], row["old_co2e"]) == ("changed", [], None)


def old_shape_version(inventory):
    """Version 1 frozen as the platform kept it before: lines without measured values or results, no basis."""
    FrozenVersion.objects.create(
        inventory=inventory,
        number=1,
        status="verified",
        lines=[
            {
                "section": "energy",
                "activity": "bituminous_coal",
                "amount": 1200,
                "unit": "t",
                "month": 1,
                "sector": "",
                "note": "weighbridge",
            },
            {
                "section": "energy",
                "activity": "natural_gas",
                "amount": 100,
                "unit": "10^4 Nm3",
                "month": 2,
                "sector": "",
                "note": "",
            },
            {
                "section": "energy",
                "activity": "electricity_grid",
                "amount": 10000,
                "unit": "MWh",
                "month": 0,
                "sector": "",
                "note": "",
            },
        ],
        totals={"total": 12345.6, "by_section": {"energy": 12345.6}},
    )
    Inventory.objects.filter(pk=inventory.pk).update(version_number=2, status="draft")
    inventory.refresh_from_db()
    edit_coal(inventory, measured={"ncv": {"value": 20.9, "unit": "GJ/t"}})  # v2 has a measured NCV


def test_an_old_shape_frozen_version_still_reads(inventory):
    old_shape_version(inventory)
    lines, totals = services.version_lines(inventory, 1)
    assert all(set(line) == SHAPE for line in lines)
    assert lines[0]["note"] == "weighbridge" and lines[0]["measured"] is None and lines[0]["co2e"] is None
    assert totals == {"total": 12345.6, "by_section": {"energy": 12345.6}, "basis": None}
    (row,) = services.differences(
        lines, services.version_lines(inventory, 2)[0]
    )  # the measured NCV: not compared
    assert (row["activity"], row["old"], row["new"], row["changes"], row["old_co2e"]) == (
        "bituminous_coal",
        1200,
        1000,
        [],
        None,
    )
    assert row["new_co2e"] == pytest.approx(1879.98217, abs=1e-5)


@LANGS
def test_the_version_page_shows_what_changed_in_both_languages(inventory, world, client_for, lang, i):
    edit_coal(inventory, measured={"ncv": {"value": 20.9, "unit": "GJ/t"}})
    conclude_and_correct(inventory, world, measured={"ncv": {"value": 21.3, "unit": "GJ/t"}})
    html = (
        speaking(client_for("authority_viewer"), lang)
        .get(reverse("verification:version", args=[inventory.pk, 1]))
        .content.decode()
    )
    change = ("实测低位发热量 20.9 GJ/t → 21.3 GJ/t", "Measured net calorific value 20.9 GJ/t → 21.3 GJ/t")
    assert change[i] in html and change[1 - i] not in html
    assert "1,879.98" in html and "1,915.96" in html and "35.98" in html  # CO2e before, after, change (t)
    assert ("计算依据", "Computed with")[i] in html and inventory.factor_release in html
    assert ("实测低位发热量 20.9 GJ/t", "Measured net calorific value 20.9 GJ/t")[
        i
    ] in html  # the line as concluded
    assert html.count('data-testid="line-diff"') == 1


@LANGS
def test_an_old_shape_version_page_renders_in_both_languages(inventory, client_for, lang, i):
    old_shape_version(inventory)
    response = speaking(client_for("park_admin"), lang).get(
        reverse("verification:version", args=[inventory.pk, 1])
    )
    assert response.status_code == 200
    html = response.content.decode()
    note = ("该版本结论形成时尚未保存实测参数", "This version was concluded before measured parameters")
    assert note[i] in html and note[1 - i] not in html
    assert "weighbridge" in html and html.count('data-testid="line-diff"') == 1


def test_the_api_returns_the_kept_version_and_what_changed(inventory, world, call, token_for):  # noqa: F811
    edit_coal(inventory, measured={"ncv": {"value": 20.9, "unit": "GJ/t"}})
    conclude_and_correct(inventory, world, measured={"ncv": {"value": 21.3, "unit": "GJ/t"}})
    path = f"/api/v1/inventories/{inventory.pk}/versions/1"
    body = call("get", path, token_for("authority_viewer"), HTTP_ACCEPT_LANGUAGE="en").json()
    kept = {line["activity"]: line for line in body["lines"]}["bituminous_coal"]
    assert kept["measured"] == {"ncv": {"value": 20.9, "unit": "GJ/t"}}
    assert kept["co2e"] == pytest.approx(1879.98217, abs=1e-5)
    assert body["totals"]["basis"]["factor_release"] == inventory.factor_release
    (row,) = body["differences"]
    assert row["changes"][0]["new"] == {"value": 21.3, "unit": "GJ/t"}
    assert (row["old_co2e"], row["new_co2e"]) == (
        pytest.approx(1879.98217, abs=1e-5),
        pytest.approx(1915.96269, abs=1e-5),
    )
    assert row["summary"] == ["Measured net calorific value 20.9 GJ/t → 21.3 GJ/t"]
    assert body["basis_differences"] == []
    zh = call("get", path, token_for("authority_viewer"), HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert zh["differences"][0]["summary"] == ["实测低位发热量 20.9 GJ/t → 21.3 GJ/t"]
    # tenancy: a user who cannot see the inventory cannot see its versions
    assert call("get", path, token_for("other_park_admin")).status_code == 404
    assert call("get", path, token_for("other_enterprise_user")).status_code == 404


def test_a_restated_version_shows_the_release_change_and_the_recomputed_line(world):
    # East China grid, 2023 reporting at the regional average: data year 2022 = 0.5617 tCO2/MWh in release 2025.1,
    # data year 2023 = 0.5500 tCO2/MWh in the newest release (MEE/NBS announcements; see tests/releases): the same
    # 10,000 MWh line is 5,617 t in version 1 and 5,500 t in version 2, and nothing the reporter typed changed.
    from parkcarbon.engine import releases
    from parkcarbon.releases import services as release_services
    from tests.releases.conftest import electricity_inventory

    newest = releases()[-1].id
    inventory = electricity_inventory(world, status="verified")
    release_services.restate(inventory, world.users["enterprise_manager"], newest, "2023 grid factors")
    inventory.refresh_from_db()
    old, old_totals = services.version_lines(inventory, 1)
    new, new_totals = services.version_lines(inventory, 2)
    assert services.basis_differences(old_totals["basis"], new_totals["basis"])[0] == {
        "name": "factor_release",
        "old": "2025.1",
        "new": newest,
    }
    grid = [d for d in services.differences(old, new) if d["activity"] == "electricity_grid"]
    assert [(d["kind"], d["old"], d["new"], d["changes"]) for d in grid] == [("changed", 10000, 10000, [])]
    assert (grid[0]["old_co2e"], grid[0]["new_co2e"]) == (pytest.approx(5617.0), pytest.approx(5500.0))
