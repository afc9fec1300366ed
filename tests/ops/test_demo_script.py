"""scripts/demo.sh serves on the address the README promises, and HOST / PORT move it (several demos on one machine).
The script is run for real in a copy of the tree whose bootstrap and ``parkcarbon`` command only record their
arguments, so the test checks what the script asks for without installing anything."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_tree(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "demo.sh", tmp_path / "scripts" / "demo.sh")
    (tmp_path / "scripts" / "bootstrap.sh").write_text("true\n")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    cmd = bin_dir / "parkcarbon"
    cmd.write_text(f'#!/bin/sh\necho "$@ site=$PARKCARBON_SITE_URL" >> "{tmp_path}/calls.log"\n')
    cmd.chmod(0o755)
    return tmp_path


def run(tree, **env):
    full = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HOST", "PORT", "DATABASE_URL", "DEBUG", "PARKCARBON_SITE_URL")
    }
    full.update(env)
    out = subprocess.run(
        ["bash", "scripts/demo.sh"], cwd=tree, env=full, capture_output=True, text=True, timeout=60
    )
    # (the exit status is the EXIT trap's ``kill`` of the recorded worker, which may already have ended here)
    calls = (tree / "calls.log").read_text().splitlines()
    return out.stdout, calls


def test_default_address_is_the_readme_one(fake_tree):
    stdout, calls = run(fake_tree)
    assert "http://127.0.0.1:8000/" in stdout
    assert calls[0].startswith("migrate --noinput") and calls[1].startswith("load_demo")
    assert "runserver 127.0.0.1:8000 site=http://127.0.0.1:8000" in calls


def test_port_and_host_move_the_server(fake_tree):
    stdout, calls = run(fake_tree, PORT="8040", HOST="0.0.0.0")
    assert "http://0.0.0.0:8040/" in stdout
    assert "runserver 0.0.0.0:8040 site=http://0.0.0.0:8040" in calls
    # load_demo prints the address to open, and e-mailed links (alerts, password resets) point there too
    assert "load_demo site=http://0.0.0.0:8040" in calls
    assert not any("8000" in c for c in calls)
