"""Park factor sets for tests (#23): rows in the engine's columns, and sets in each state, written by park A's
administrator."""

from parkcarbon.releases import park_releases

# A supplier-specific electricity factor from a (test) supply contract, valid for 2023 only.
SUPPLIER_ELECTRICITY = {
    "subject": "electricity_grid", "param": "ef_grid", "gas": "CO2", "qualifier": "", "region": "CN",
    "valid_from": 2023, "valid_to": 2023, "value": 0.215, "unit": "tCO2/MWh", "uncertainty_pct": 3,
    "source_document": "Supply contract PPA-2023-017, supplier emission statement", "source_table": "Annex 2",
    "source_year": 2023, "note": ""}
# A measured net calorific value of the park's bituminous coal (laboratory report), from 2023 on.
MEASURED_NCV = {
    "subject": "bituminous_coal", "param": "ncv", "gas": "", "qualifier": "", "region": "CN",
    "valid_from": 2023, "valid_to": "", "value": 21.85, "unit": "GJ/t", "uncertainty_pct": 2,
    "source_document": "Laboratory report LAB-2023-114 (GB/T 213)", "source_table": "Table 1", "source_year": 2023,
    "note": ""}


def park_set(world, state="draft", rows=(SUPPLIER_ELECTRICITY,), base="2026.2"):
    """A park A factor set on ``base`` in ``state`` (draft, submitted, approved, rejected)."""
    author, reviewer = world.users["park_admin"], world.users["platform_admin"]
    release = park_releases.create(world.park, author, base, "Supplier electricity")
    if rows:
        park_releases.add_factors(release, author, [dict(r) for r in rows])
    if state in ("submitted", "approved", "rejected"):
        park_releases.submit(release, author)
    if state == "approved":
        park_releases.approve(release, reviewer)
    if state == "rejected":
        park_releases.reject(release, reviewer, "check the annex")
    release.refresh_from_db()
    return release
