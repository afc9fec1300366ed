"""The benchmark library: every value cited, a bad row fails naming its file and row, the pure modules need no
Django."""

import subprocess
import sys

import pytest

from parkcarbon.benchmarking import library


def test_every_benchmark_names_its_source_table_and_validity():
    lib = library.load()
    assert lib.benchmarks
    for b in lib.benchmarks:
        assert b.source_id in lib.sources and b.table_ref and b.unit and b.valid_from >= 2017, b.id
        assert b.product in lib.products


def test_published_values_as_transcribed():
    """Spot checks against the standards' tables (GB 16780-2021 Table 2, GB 21346-2022 Table 1) and the 2019-2020
    power allocation plan."""
    values = {b.id: b.value for b in library.load().benchmarks}
    assert (values["clinker_energy_1"], values["clinker_energy_2"], values["clinker_energy_3"]) == (100, 107, 117)
    assert (values["al_elec_1"], values["al_elec_2"], values["al_elec_3"]) == (12950, 13000, 13350)
    assert (values["power_gt300"], values["power_le300"], values["power_gas"]) == (0.877, 0.979, 0.392)


def test_cited_assumptions_have_sources_and_planning_ones_are_marked():
    for a in library.load().assumptions.values():
        assert a.status in ("cited", "planning")
        assert a.status == "planning" or a.source


def test_every_assumption_reads_in_both_languages():
    """Each parameter has words in both languages and a unit for zh pages; a note in English has its Chinese one."""
    for a in library.load().assumptions.values():
        assert a.label_en and a.label_zh and a.unit_zh, a
        assert bool(a.note_zh) == bool(a.source), a


def test_a_row_without_source_fails_naming_the_row(tmp_path, monkeypatch):
    for name in ("sources.csv", "products.csv", "assumptions.csv"):
        (tmp_path / name).write_text((library.DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (library.DATA / "benchmarks.csv").read_text(encoding="utf-8")
    (tmp_path / "benchmarks.csv").write_text(text.replace("GB16780-2021,Table 2", "NOWHERE,Table 2", 1), encoding="utf-8")
    monkeypatch.setattr(library, "DATA", tmp_path)
    library.load.cache_clear()
    try:
        with pytest.raises(library.LibraryError, match=r"benchmarks.csv, data row 2: source 'NOWHERE'"):
            library.load()
    finally:
        monkeypatch.undo()
        library.load.cache_clear()


def test_rules_import_without_django():
    code = ("import sys; import parkcarbon.benchmarking.rating, parkcarbon.benchmarking.recommend; "
            "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
