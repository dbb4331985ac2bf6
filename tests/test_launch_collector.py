"""The cyclic collector is off for a command on one document (it ends in a moment, its memory is
bounded by the input limits) and stays on for servers, `--watch` and folders or lists of plans,
whose processes live on while plans come and go."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tdkt_dsl.launch import collector_off


@pytest.mark.parametrize("argv", [
    ["check", "ke-hoach.tdkt"], ["build", "ke-hoach.tdkt", "-o", "out.docx", "--to", "docx"],
    ["verify", "ke-hoach.docx"], ["import", "cu.docx", "-o", "moi.tdkt"], ["fmt", "a.tdkt"],
    ["new", "a.tdkt", "--year", "2027", "-o", "b.tdkt"], ["diff", "a.tdkt", "b.tdkt"],
])
def test_off_for_one_document(argv):
    assert collector_off(argv)


@pytest.mark.parametrize("argv", [
    [], ["serve"], ["lsp"], ["rules"], ["check", "a.tdkt", "--watch"],
    ["build", "a.tdkt", "b.tdkt", "c.tdkt", "-o", "out"],
])
def test_on_for_what_lives_on(argv):
    assert not collector_off(argv)


def test_on_for_a_folder(tmp_path):
    (tmp_path / "plans").mkdir()
    assert not collector_off(["build", str(tmp_path / "plans"), "-o", str(tmp_path / "out")])


def test_a_real_check_runs_with_it_off(tmp_path):
    """Through the real entry point: the process that checks one plan has the collector off."""
    probe = ("import gc, sys; from tdkt_dsl import launch, commands\n"
             "real = launch.run\n"
             "def run(argv):\n"
             "    sys.stderr.write('collector on: %s\\n' % gc.isenabled())\n"
             "    return real(argv)\n"
             "launch.run = run\n"
             "sys.argv = ['tdkt', 'check', sys.argv[1]]\n"
             "launch.main()\n")
    plan = tmp_path / "a.tdkt"
    plan.write_text("# Nội dung\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-c", probe, str(plan)], capture_output=True, text=True)
    assert "collector on: False" in r.stderr, r.stderr
