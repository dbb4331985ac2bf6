"""grammar/ and templates/ must ship inside the wheel, and be found there (not only in a checkout)."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    builders = pytest.importorskip("hatchling.builders.wheel")
    out = tmp_path_factory.mktemp("wheel")
    [path] = list(builders.WheelBuilder(str(ROOT)).build(directory=str(out), versions=["standard"]))
    return Path(path)


def test_wheel_carries_grammar_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tdkt_dsl/grammar/tdkt.lark" in names
    assert "tdkt_dsl/templates/phrases.j2" in names


def test_installed_wheel_finds_its_resources(wheel, tmp_path):
    """Install the wheel (no deps: reuse this interpreter's site-packages) away from the checkout."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target",
                    str(tmp_path / "site"), str(wheel)], check=True)
    code = ("import sys; sys.path.insert(0, %r); import tdkt_dsl.resources as r; "
            "print(r.grammar_path()); print(r.templates_dir())") % str(tmp_path / "site")
    r = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    grammar, templates = r.stdout.split()
    assert grammar.startswith(str(tmp_path / "site")) and templates.startswith(str(tmp_path / "site"))
