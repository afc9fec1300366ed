"""The factor library: every value cited, files validated at load."""

import shutil
from importlib import resources
from pathlib import Path

import pytest

from parkcarbon.engine import GWP_SETS, DataFileError, load_library, units


def test_every_factor_and_gwp_names_its_source():
    lib = load_library()
    assert len(lib.factors) > 100
    for f in lib.factors.values():
        assert f.source in lib.sources and f.table.strip(), f.id
        assert lib.sources[f.source]["title"] and lib.sources[f.source]["publisher"], f.source
        units.parse(f.unit)
    for gwp_set in GWP_SETS:
        for gas, (_, source, table) in lib.gwp[gwp_set].items():
            assert source in lib.sources and table, (gwp_set, gas)


def test_every_activity_has_a_method_and_bilingual_name():
    lib = load_library()
    for act in lib.activities.values():
        assert act.name_zh and act.name_en and act.method


def test_gwp_values_of_the_main_gases():
    lib = load_library()
    # SAR WG1 Table 2.9; AR4 WG1 Table 2.14; AR5 WG1 Table 8.A.1; AR6 WG1 Table 7.SM.7.
    expected = {"SAR": (21, 310, 23900), "AR4": (25, 298, 22800), "AR5": (28, 265, 23500), "AR6": (27.9, 273, 25200)}
    for gwp_set, (ch4, n2o, sf6) in expected.items():
        assert [lib.gwp_value(gwp_set, g) for g in ("CH4", "N2O", "SF6")] == [ch4, n2o, sf6]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    src = Path(str(resources.files("parkcarbon.engine").joinpath("data")))
    dst = tmp_path / "data"
    shutil.copytree(src, dst)
    return dst


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text("utf-8") + line + "\n", "utf-8")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("CN-FUEL-001,x,ncv,,,CN,2015,,1,GJ/t,3,cn_enterprise,NDRC-2015-OTHER,T,transcription,", "duplicate id"),
        ("ZZ-1,x,ncv,,,CN,2015,,1,furlongs,3,cn_enterprise,NDRC-2015-OTHER,T,transcription,", "unknown unit"),
        ("ZZ-1,x,ncv,,,CN,2015,,1,GJ/t,3,cn_enterprise,NOWHERE,T,transcription,", "unknown source"),
        ("ZZ-1,x,ncv,,,CN,2015,,1,GJ/t,3,cn_enterprise,NDRC-2015-OTHER,,transcription,", "table"),
        ("ZZ-1,diesel,ncv,,,CN,2020,2021,1,GJ/t,3,cn_enterprise,NDRC-2015-OTHER,T,transcription,", "overlap"),
        ("ZZ-1,x,ncv,,,CN-ATLANTIS,2015,,1,GJ/t,3,cn_enterprise,NDRC-2015-OTHER,T,transcription,", "unknown region"),
    ],
)
def test_invalid_factor_files_are_refused_naming_file_and_line(data_copy, line, message):
    _append(data_copy / "factors" / "energy_cn.csv", line)
    with pytest.raises(DataFileError, match=message) as exc:
        load_library(str(data_copy))
    assert "energy_cn.csv" in str(exc.value)


def test_unit_layer():
    assert units.factor("10^4 Nm3", "m3") == 10000
    assert units.factor("万千瓦时", "MWh") == pytest.approx(10)
    assert units.factor("tce", "GJ") == pytest.approx(29.307)  # GB/T 2589-2020: 29 307 kJ per kgce
    assert units.factor("kgCH4/TJ", "tCH4/GJ") == pytest.approx(1e-6)
    with pytest.raises(units.UnitError, match="C is not CO2"):
        units.factor("tC/GJ", "tCO2/GJ")
    with pytest.raises(units.UnitError, match="different quantities"):
        units.factor("t", "m3")
