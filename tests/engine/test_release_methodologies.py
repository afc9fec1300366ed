"""Methodologies belong to a release (#23): a release reads the methodology files of its time, so a guideline edit
never moves an older release's numbers; the content hash covers them from release 2026.3 on, and the hashes recorded
for 2025.1, 2026.1 and 2026.2 stay as recorded (they were taken over the factor files only)."""

import shutil
from pathlib import Path

import pytest

from parkcarbon.engine import DataFileError, load_library
from parkcarbon.engine import factor_releases as R
from parkcarbon.engine import methodology as M
from parkcarbon.engine.library import data_root


def test_older_releases_read_the_methodology_files_they_shipped():
    # Release 2026.2 completed the flat glass guideline with the carbon powder of the batch (issue 15); 2025.1 and
    # 2026.1, shipped before, read their flat glass file without it.
    assert "glass_carbon_powder" in M.get("cn_flat_glass").activities
    for release in ("2025.1", "2026.1"):
        assert "glass_carbon_powder" not in M.get("cn_flat_glass", release).activities
    # Release 2026.3 completed the food guideline (issue 15); 2026.2 reads the file it shipped, still "listed".
    assert M.get("cn_food").status == "transcribed" and M.get("cn_food", "2026.2").status == "listed"
    # Release 2026.4 made the civil aviation guideline 'transcribed' (issue 15), 2026.5 'complete' (its table checked
    # against the published text); 2026.4 and 2026.3 read the files they shipped.
    assert M.get("cn_civil_aviation").status == "complete"
    assert M.get("cn_civil_aviation", "2026.4").status == "transcribed"
    assert M.get("cn_civil_aviation", "2026.3").status == "listed"
    # Release 2026.4 made the oil and gas guideline "transcribed" (issue 15); 2026.3 reads the file it shipped.
    assert M.get("cn_oil_gas").status == "transcribed" and M.get("cn_oil_gas", "2026.3").status == "listed"
    assert "og_flare_gas" not in M.get("cn_oil_gas", "2026.3").activities
    # Release 2026.4 made the petrochemicals guideline "transcribed" (issue 15); 2026.3 reads it still "listed".
    assert M.get("cn_petrochemicals").status == "transcribed"
    assert M.get("cn_petrochemicals", "2026.3").status == "listed"
    # Release 2026.4 (helper alum) set the aluminium guideline's own limestone default, a transcription: 2026.3 reads
    # the file it shipped, still "complete" with the stoichiometric factor.
    assert M.get("cn_aluminium", "2026.4").status == "transcribed" and M.get("cn_aluminium", "2026.3").status == "complete"
    # Release 2026.5 (helper alucheck) checked its Tables 2.2 / 2.3 against the published text: "complete" again.
    assert M.get("cn_aluminium").status == "complete"
    # Release 2026.4 (helper fuels13) gave the ceramics guideline its own 2013 fuel table (dataset cn_ceramics_2013, a
    # transcription): 2026.3 reads the file it shipped, "complete" on the NDRC 2015 table; 2026.5 checked the table
    # against the published text ("complete" again, 2026.4 reads "transcribed").
    assert M.get("cn_ceramics").status == "complete" and M.get("cn_ceramics").datasets[0] == "cn_ceramics_2013"
    assert M.get("cn_ceramics", "2026.4").status == "transcribed"
    assert M.get("cn_ceramics", "2026.3").status == "complete"
    assert "cn_ceramics_2013" not in M.get("cn_ceramics", "2026.3").datasets
    # Release 2026.4 made the 2019 Refinement "transcribed" (issue 15); 2026.3 reads the file it shipped, "listed".
    assert M.get("ipcc2019").status == "transcribed" and M.get("ipcc2019", "2026.3").status == "listed"
    # Release 2026.4 made the electronics guideline "transcribed" (issue 15); 2026.3 reads the file it shipped.
    assert M.get("cn_electronics").status == "transcribed" and M.get("cn_electronics", "2026.3").status == "listed"
    assert "etch_pv_cf4" not in M.get("cn_electronics", "2026.3").activities
    # Release 2026.5 (helper cnsearch) gave the magnesium guideline its own 2013 fuel table (dataset cn_magnesium_2013, a
    # transcription): 2026.4 reads the file it shipped, on the NDRC 2015 table.
    assert M.get("cn_magnesium").datasets[0] == "cn_magnesium_2013"
    assert "cn_magnesium_2013" not in M.get("cn_magnesium", "2026.4").datasets
    # Release 2026.5 (helper mgocr) checked every magnesium default against the published text: "complete", and the
    # dolomite purity DX gets the guideline's default 98 %; 2026.4 reads "transcribed" with DX measured only.
    assert M.get("cn_magnesium").status == "complete" and M.get("cn_magnesium", "2026.4").status == "transcribed"
    # Release 2026.5 gave the chemicals guideline its own 2013 fuel table (cn_chemicals_2013, read from the PDF).
    assert M.get("cn_chemicals").datasets[0] == "cn_chemicals_2013"
    assert "cn_chemicals_2013" not in M.get("cn_chemicals", "2026.4").datasets
    assert M.get("cn_iron_steel").datasets[0] == "cn_iron_steel_2013"
    assert "cn_iron_steel_2013" not in M.get("cn_iron_steel", "2026.4").datasets
    newest = R.releases()[-1].id
    assert M.methodologies(newest) is M.methodologies()  # the files under data/ are the newest release's
    assert M.methodologies(f"{newest}+park-a.1") is M.methodologies(newest)  # a park release follows its base


def test_a_calculation_on_an_older_release_uses_that_releases_methodologies():
    old = load_library(release="2026.1")
    assert M._resolve(["cn_flat_glass"], old)[0] is M.methodologies("2026.1")["cn_flat_glass"]
    assert M._resolve(["cn_flat_glass"], load_library())[0] is M.methodologies()["cn_flat_glass"]


def test_the_shipped_hashes_stay_as_recorded():
    assert not any(R.hashes_methodologies(r) for r in ("2025.1", "2026.1", "2026.2"))
    assert R.hashes_methodologies("2026.3") and R.hashes_methodologies("2027.1")
    for release, digest, _lib in R.check():
        assert release.sha256 == digest


def test_from_2026_3_a_changed_methodology_changes_the_release(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), root)
    assert "2026.3" in [r.id for r, *_ in R.check(str(root))]
    assert R.content_hash(root, "2026.3") != R.content_hash(root, "2026.2")
    # a file with no copy in releases/2026.3 or later (cn_flat_glass.yaml has one in 2026.4 since issue 15)
    path = root / "methodologies/cn_power_grid.yaml"
    path.write_text(path.read_text("utf-8") + "\n# edited after shipping\n", "utf-8")
    with pytest.raises(DataFileError, match="release 2026.3: its data changed since it shipped"):
        R.check(str(root))


def test_a_methodology_file_that_does_not_fit_its_release_is_refused(tmp_path):
    root = tmp_path / "data"
    shutil.copytree(Path(str(data_root())), root)
    # 2026.1 has no glass_carbon_powder activity: the newest flat glass file put in its layer cannot load there
    shutil.copy(root / "methodologies/cn_flat_glass.yaml", root / "releases/2026.1/methodologies/cn_flat_glass.yaml")
    with pytest.raises(DataFileError, match="release 2025.1: methodologies/cn_flat_glass.yaml"):
        R.check(str(root))
