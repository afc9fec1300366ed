"""Factor library releases (#23): every shipped release stays loadable with its own numbers, the index and the
release files are validated before anything is installed, and a shipped release's content is frozen by its hash.

Worked examples: 10,000 MWh of grid electricity in 2023. Release 2025.1 (before the MEE/NBS data-year 2023 factors
were announced) applies the data-year 2022 averages: national 0.5366, East China grid 0.5617 tCO2/MWh (MEE/NBS joint
announcement of 20 December 2024). Release 2026.1 applies the data-year 2023 averages: national 0.5306, East China
0.5500 tCO2/MWh (MEE/NBS 2023 electricity CO2 emission factors)."""

import shutil
from pathlib import Path

import pytest

from parkcarbon.engine import DataFileError, Options, calculate, load_library, releases
from parkcarbon.engine import factor_releases as R
from parkcarbon.engine.library import data_root

ELECTRICITY = [{"activity": "electricity_grid", "amount": 10000, "unit": "MWh"}]


def co2e(release, basis, year=2023):
    lib = load_library(release=release)
    return calculate(ELECTRICITY, Options(year=year, region="CN-JS", grid_basis=basis), lib).total_co2e


def test_installed_releases_oldest_first_with_changelogs():
    ids = [r.id for r in releases()]
    assert ids[:2] == ["2025.1", "2026.1"] and ids == sorted(ids, key=R._order)
    assert releases()[-1].newest and all(r.changelog_en and r.changelog_zh for r in releases())
    assert load_library().release == ids[-1]  # the installed data files are the newest release


@pytest.mark.parametrize(("release", "basis", "expected"), [
    ("2025.1", "national", 10000 * 0.5366), ("2026.1", "national", 10000 * 0.5306),
    ("2025.1", "regional", 10000 * 0.5617), ("2026.1", "regional", 10000 * 0.5500),
    ("2025.1", "reporting", 10000 * 0.5703), ("2026.1", "reporting", 10000 * 0.5703),  # 2023 reporting: MEE 2023-43
])
def test_each_release_computes_with_its_own_factors(release, basis, expected):
    assert co2e(release, basis) == pytest.approx(expected)


def test_releases_are_loaded_once_and_kept_apart():
    assert load_library(release="2025.1") is load_library(release="2025.1")
    assert load_library(release="2025.1").version != load_library(release="2026.1").version
    assert "CN-GRID-006" not in load_library(release="2025.1").factors
    assert load_library(release="2025.1").factors["CN-GRID-005"].valid_to == 9999


def test_changes_between_releases_name_each_factor_with_its_source():
    changes = R.factor_changes(load_library(release="2025.1"), load_library(release="2026.1"))
    added = {c.id: c.new for c in changes if c.kind == "added"}
    assert added["CN-GRID-006"].value == 0.5306 and added["CN-GRID-006"].source == "MEE-NBS-EF2023"
    assert {c.id for c in changes if c.kind == "changed"} >= {"CN-GRID-005", "CN-GRID-014"}
    assert next(c for c in changes if c.id == "CN-GRID-005").fields == ("valid_to", "note")


def test_a_citation_only_change_is_not_listed_as_changed():
    # Release 2026.5 re-checked values against the published texts: it changed the table cited, the provenance
    # (transcription -> official) or the note of 264 factors and no value. A verifier reading the changelog sees
    # them apart (kind "citation"), not as 264 "changed" factors.
    changes = R.factor_changes(load_library(release="2026.4"), load_library(release="2026.5"))
    kinds = {c.kind for c in changes}
    assert "changed" not in kinds and {"added", "citation"} <= kinds
    cited = next(c for c in changes if c.id == "IPCC-COMB-001")  # Table 2.2 coal CH4, re-checked: note only
    assert cited.kind == "citation" and cited.old.value == cited.new.value == 1 and cited.fields == ("note",)
    official = next(c for c in changes if c.id == "CN-ALU-001")  # marked official, its table and note re-cited
    assert official.kind == "citation" and set(official.fields) <= {"table", "provenance", "note"}


def test_a_value_change_with_a_note_stays_changed(tree):
    from parkcarbon.engine.library import _load_dir

    path = tree / "factors" / "energy_ipcc.csv"
    text = path.read_text("utf-8")
    old = next(line for line in text.splitlines() if line.startswith("IPCC-COMB-001,"))
    assert ",1,kgCH4/TJ," in old
    note_only = old.replace("uncertainty:", "uncertainty (re-read):")
    value_and_note = note_only.replace(",1,kgCH4/TJ,", ",2,kgCH4/TJ,")
    for line, kind in ((note_only, "citation"), (value_and_note, "changed")):
        path.write_text(text.replace(old, line), "utf-8")
        change = next(c for c in R.factor_changes(load_library(), _load_dir(tree)) if c.id == "IPCC-COMB-001")
        assert change.kind == kind


def test_cli_lists_citation_only_changes_on_one_quiet_line(capsys):
    assert R.main(["--changes", "2026.5"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not [line for line in out if line.startswith("changed")]
    (quiet,) = [line for line in out if line.startswith("citation only")]
    assert "264 factor(s)" in quiet and "IPCC-COMB-001" in quiet


def test_unknown_release_is_refused_by_name():
    with pytest.raises(R.UnknownRelease, match="1999.1"):
        load_library(release="1999.1")


def test_installed_tree_passes_the_check_and_hashes_match():
    checked = R.check()
    assert [r.id for r, _, _ in checked] == [r.id for r in releases()]
    assert all(r.sha256 == digest for r, digest, _ in checked)


@pytest.fixture
def tree(tmp_path):
    """A copy of the installed data tree, to break before "installing" it."""
    root = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_duplicate_release_id_is_refused(tree):
    _edit(tree / "releases.yaml", 'id: "2026.1"', 'id: "2025.1"')
    with pytest.raises(DataFileError, match="duplicate release id 2025.1"):
        R.check(str(tree))
    assert [r.id for r in releases()][:2] == ["2025.1", "2026.1"]  # the installed set is unchanged


def test_factor_without_source_in_a_release_is_refused(tree):
    _edit(tree / "releases/2025.1/factors/energy_scope2.csv", ",MEE-NBS-EF2022,", ",,")
    with pytest.raises(DataFileError, match=r"release 2025.1: .*unknown source ''"):
        R.check(str(tree))
    assert load_library(release="2025.1").factors["CN-GRID-005"].source == "MEE-NBS-EF2022"


def test_overlapping_validity_in_a_release_is_refused(tree):
    # the 2022 national factor made open-ended again in the newest release overlaps the 2023 one
    _edit(tree / "factors/energy_scope2.csv", "CN,2022,2022,0.5366", "CN,2022,,0.5366")
    with pytest.raises(DataFileError, match="CN-GRID-005 and CN-GRID-006 overlap"):
        R.check(str(tree))


def test_a_changed_shipped_release_is_detected(tree):
    _edit(tree / "releases/2025.1/factors/energy_scope2.csv", "CN-GRID-E,2022,,0.5617", "CN-GRID-E,2022,,0.5618")
    with pytest.raises(DataFileError, match="release 2025.1: its data changed since it shipped"):
        R.check(str(tree))


def test_an_overlay_of_an_unlisted_release_is_refused(tree):
    (tree / "releases/2024.9").mkdir()
    with pytest.raises(DataFileError, match="2024.9 is not a release"):
        R.check(str(tree))


def test_releases_out_of_order_or_without_changelog_are_refused(tree):
    _edit(tree / "releases.yaml", 'id: "2026.1"', 'id: "2024.1"')
    with pytest.raises(DataFileError, match="oldest first"):
        R.check(str(tree))


def test_cli_lists_and_checks(capsys):
    assert R.main([]) == 0
    assert "2026.1" in capsys.readouterr().out
    assert R.main(["--check"]) == 0
    assert R.main(["--changes", "2026.1"]) == 0
    assert "CN-GRID-006" in capsys.readouterr().out


def test_cli_check_of_a_bad_tree_exits_2(tree, capsys):
    _edit(tree / "releases.yaml", 'id: "2026.1"', 'id: "2025.1"')
    assert R.main(["--check", "--data-dir", str(tree)]) == 2
    assert "duplicate release id" in capsys.readouterr().err
