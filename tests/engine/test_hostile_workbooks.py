"""Hostile workbooks are measured before they are read: every file of the corpus is refused with a clear message
(English and Chinese) by the guard, and `parkcarbon calc` exits 2 naming the problem instead of aborting."""

import io
import json
import resource
import subprocess
import sys
import zipfile

import pytest

from parkcarbon.engine import InputError
from parkcarbon.engine.template import check_upload, read_workbook, section_columns, write_template
from parkcarbon.engine.xlsx_guard import MAX_CELLS, measure
from tests.hostile_workbooks import CORPUS, hostile, rezip
from tests.workbooks import filled_template

MEMORY_LIMIT = 3 * 1024**3  # the CLI runs under it: a file that reached the reader would abort, not swap


@pytest.mark.parametrize("name", list(CORPUS))
def test_the_guard_refuses_every_hostile_file_with_a_clear_message(name):
    with pytest.raises(InputError) as exc:
        check_upload(hostile(name))
    (problem,) = exc.value.problems
    assert CORPUS[name][1] in problem.message and problem.message_zh, problem


def _limit_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_calc(path, *extra):
    return subprocess.run([sys.executable, "-m", "parkcarbon", "calc", str(path), "--year", "2023", "--region", "CN-JS",
                           *extra], capture_output=True, text=True, check=False, preexec_fn=_limit_memory, timeout=300)


def test_cli_exits_2_naming_the_far_cell(tmp_path):
    path = tmp_path / "far.xlsx"
    path.write_bytes(hostile("far_cell"))
    done = run_calc(path)
    assert done.returncode == 2, done.stderr
    assert "XFD1048576" in done.stderr and "delete the rows and columns beyond your data" in done.stderr
    zh = subprocess.run([sys.executable, "-m", "parkcarbon", "calc", str(path), "--year", "2023", "--region", "CN-JS",
                         "--language", "zh"], capture_output=True, text=True, check=False, preexec_fn=_limit_memory)
    assert zh.returncode == 2 and "请删除数据以外的行和列" in zh.stderr


def test_cli_survives_the_whole_corpus_under_a_memory_limit(tmp_path):
    """One process runs `calc` on every file in turn: each must return 2 with its message, none may abort."""
    files = {}
    for name in CORPUS:
        files[name] = tmp_path / f"{name}.xlsx"
        files[name].write_bytes(hostile(name))
    script = (
        "import json, sys\n"
        "from parkcarbon.cli import main\n"
        "out = {}\n"
        "for name, path in json.loads(sys.argv[1]).items():\n"
        "    out[name] = main(['parkcarbon', 'calc', path, '--year', '2023', '--region', 'CN-JS'])\n"
        "print(json.dumps(out))\n"
    )
    done = subprocess.run([sys.executable, "-c", script, json.dumps({k: str(v) for k, v in files.items()})],
                          capture_output=True, text=True, check=False, preexec_fn=_limit_memory, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout.splitlines()[-1]) == dict.fromkeys(CORPUS, 2)
    for name, (_build, text) in CORPUS.items():
        assert text in done.stderr, name


def test_cli_refuses_values_no_calculation_should_see(tmp_path):
    path = tmp_path / "rows.json"
    path.write_text(json.dumps([{"activity": "diesel", "amount": 1e308, "unit": "t"},
                                {"activity": "diesel", "amount": 1, "unit": "t", "ad_uncertainty_pct": -50,
                                 "note": "a\u0000b"}]), "utf-8")
    done = run_calc(path)
    assert done.returncode == 2 and "inf" not in done.stdout
    assert "row 1, column amount: must be a number not larger than 1,000,000,000,000" in done.stderr
    assert "row 2, column ad_uncertainty_pct: must be a number from 0 to 1,000" in done.stderr
    assert "row 2, column note: remove the control characters" in done.stderr


def test_the_template_and_a_large_valid_file_pass_the_guard():
    buf = io.BytesIO()
    write_template(buf)
    extents = measure(buf.getvalue())
    energy = extents["xl/worksheets/sheet3.xml"]
    width = len(section_columns("energy"))  # two header rows of the Energy sheet's columns
    assert (energy.max_col, energy.cells) == (width, 2 * width)
    rows = [{"activity": "diesel", "amount": i, "unit": "t"} for i in range(1, 3001)]
    assert len(read_workbook(filled_template(rows))) == 3000


def test_cells_are_bounded_across_sheets():
    data = filled_template([{"activity": "diesel", "amount": 1, "unit": "t"}])
    with pytest.raises(InputError, match="cells"):
        measure(data, max_cells=200)  # the six sheets of the template span ~1,000 cells
    assert MAX_CELLS >= 100_000 * 60  # a 100,000-row upload of the widest sheet is within the bound


def test_a_damaged_part_is_a_clear_error_not_a_crash():
    data = filled_template([{"activity": "diesel", "amount": 1, "unit": "t"}])
    bad = rezip(data, {"xl/workbook.xml": b"<workbook><sheets><sheet name='x' r:id='nope'/></sheets></workbook>"})
    with pytest.raises(InputError, match="could not be read|not an Excel|unknown sheet"):
        read_workbook(bad)
    assert zipfile.is_zipfile(io.BytesIO(bad))


def test_cli_refuses_a_huge_file_by_its_size_before_reading_it(tmp_path):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as fh:  # sparse: 30 GB on paper, nothing on disk
        fh.truncate(30 * 1024**3)
    done = run_calc(path)
    assert done.returncode == 2 and "larger than 20 MB" in done.stderr
