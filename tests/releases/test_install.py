"""Installing a newer release, as the data files document it (copy the files about to change into
releases/<current newest>/, edit data/, add the release with its hash), leaves a submitted inventory's numbers as they
were, while a new draft is computed with the new release. The 2027.1 value below is a test fixture, not a published
factor: it only has to differ from the installed release's."""

import shutil
from pathlib import Path

import pytest

from parkcarbon.engine import factor_releases as R
from parkcarbon.engine import library
from parkcarbon.inventory import services as inventory_services
from parkcarbon.inventory.models import Inventory, Status
from parkcarbon.releases import services
from tests.releases.conftest import electricity_inventory


@pytest.fixture
def installed_2027(tmp_path, monkeypatch):
    root = tmp_path / "data"
    shutil.copytree(Path(str(library.data_root())), root)
    newest = R.latest()
    (root / f"releases/{newest}/factors").mkdir(parents=True, exist_ok=True)
    shutil.copy(root / "factors/energy_scope2.csv", root / f"releases/{newest}/factors/energy_scope2.csv")
    scope2 = root / "factors/energy_scope2.csv"
    scope2.write_text(scope2.read_text("utf-8").replace("CN-GRID-E,2023,,0.55,", "CN-GRID-E,2023,,0.60,"), "utf-8")
    digest = R.content_hash(root, "2027.1")  # from 2026.3 on the hash covers the methodologies too
    with (root / "releases.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f'  - id: "2027.1"\n    date: 2027-01-15\n    changelog_en: test release\n'
                 f'    changelog_zh: 测试版本\n    sha256: {digest}\n')
    assert [r.id for r, _, _ in R.check(str(root))][-1] == "2027.1"  # validated before it is installed

    def installed(data_dir=None):
        return Path(data_dir) if data_dir else root

    for module in (library, R):
        monkeypatch.setattr(module, "data_root", installed)
    R._index.cache_clear()
    library._load_release.cache_clear()
    yield
    R._index.cache_clear()
    library._load_release.cache_clear()


def test_installing_a_release_does_not_change_a_submitted_inventory(world, monkeypatch, request):
    shipped = R.latest()
    submitted = electricity_inventory(world, release=shipped, status=Status.SUBMITTED)
    before = submitted.snapshot.total_co2e
    request.getfixturevalue("installed_2027")
    assert R.latest() == "2027.1"
    inventory_services.refresh_snapshot(submitted)
    submitted.refresh_from_db()
    assert submitted.snapshot.total_co2e == pytest.approx(before)
    assert services.newer_release(submitted) == "2027.1"
    comparison = services.compare(submitted, "2027.1")
    assert comparison.change == pytest.approx(10000 * (0.60 - 0.55))
    draft = Inventory.objects.create(park=world.park, enterprise=world.enterprise2, year=2023, region="CN-JS",
                                     grid_basis="regional")  # pinned to the newest at creation
    assert draft.factor_release == "2027.1"
    assert shipped_grid(shipped) == 0.55  # the shipped release still loads as it shipped


def shipped_grid(release):
    return library.load_library(release=release).factors["CN-GRID-015"].value
