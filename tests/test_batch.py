"""`tdkt build|check` over several files and folders: one summary, the worst exit code, each plan's
diagnostics in its own file, an output folder mirroring the input, and -j 1 == -j 2."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

BAD = """\
cơ quan chủ quản: UBND QUẬN LONG BIÊN
dùng: ../profiles/pgd-long-bien.tdkt
số: 07
ngày: 15/02/2023
năm: 2023
trích yếu: Kế hoạch có một lỗi
# Mục đích
Một đoạn văn.
chủ trì: @khong-co-ai
"""


def tdkt(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, timeout=300)


@pytest.fixture()
def ward(tmp_path: Path) -> Path:
    """plans/ with the examples (and their profiles, config, shared references) in two sub-folders
    and one plan that does not compile."""
    plans = tmp_path / "plans"
    for sub, names in (("quan", ["long-bien-2023", "dong-da-2023"]), ("truong", ["thcs-gia-thuy-2026"])):
        (plans / sub).mkdir(parents=True)
        for n in names:
            shutil.copy(EXAMPLES / f"{n}.tdkt", plans / sub / f"{n}.tdkt")
    shutil.copytree(EXAMPLES / "profiles", plans / "profiles")
    for f in ("tdkt.toml", "van-ban-cap-tren.toml"):
        shutil.copy(EXAMPLES / f, tmp_path / f)
    text = (tmp_path / "tdkt.toml").read_text(encoding="utf-8")
    (plans / "tdkt.toml").write_text(text, encoding="utf-8")
    (tmp_path / "tdkt.toml").unlink()
    shutil.move(tmp_path / "van-ban-cap-tren.toml", plans / "van-ban-cap-tren.toml")
    # the examples use ../profiles relative to their folder; keep that true one level down
    for plan in plans.rglob("*.tdkt"):
        if plan.parent.name in ("quan", "truong"):
            plan.write_text(plan.read_text(encoding="utf-8").replace("profiles/", "../profiles/"),
                            encoding="utf-8")
    (plans / "quan" / "sai.tdkt").write_text(BAD, encoding="utf-8")
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_batch_build_mixed_plans(ward: Path):
    r = tdkt("build", "plans", "-o", "out", "-j", "2", "--lang", "en", cwd=ward)
    assert r.returncode == 1, r.stderr
    out = _files(ward / "out")
    # the output folder mirrors plans/; the profiles are not plans; the bad plan writes nothing
    assert sorted(out) == ["quan/dong-da-2023.docx", "quan/long-bien-2023.docx",
                           "truong/thcs-gia-thuy-2026.docx"], r.stderr
    for name in out:
        assert out[name][:2] == b"PK"
    # the bad plan's diagnostic is located in its own file, with its line
    assert f"{Path('plans/quan/sai.tdkt')}:9:" in r.stderr
    assert "No file written" in r.stderr
    assert "plans/truong/thcs-gia-thuy-2026.tdkt:5:1: warning[M210]" in r.stderr.replace("\\", "/")
    # one summary, last
    assert r.stderr.strip().splitlines()[-1] == "4 plans: 3 ok, 1 failed (1 error, 2 warnings)"
    assert r.stderr.count(" plans: ") == 1


def test_batch_build_is_the_same_with_one_or_two_jobs(ward: Path):
    r1 = tdkt("build", "plans", "-o", "out1", "-j", "1", cwd=ward)
    r2 = tdkt("build", "plans", "-o", "out2", "-j", "2", cwd=ward)
    assert r1.returncode == r2.returncode == 1
    assert r1.stderr.replace("out1", "OUT") == r2.stderr.replace("out2", "OUT")
    assert _files(ward / "out1") == _files(ward / "out2")
    # and the same bytes as building each plan alone
    alone = tdkt("build", "plans/quan/long-bien-2023.tdkt", "-o", "alone.docx", cwd=ward)
    assert alone.returncode == 0, alone.stderr
    assert (ward / "alone.docx").read_bytes() == (ward / "out1/quan/long-bien-2023.docx").read_bytes()


def test_batch_build_without_output_writes_beside_each_plan(ward: Path):
    r = tdkt("build", "plans/quan/long-bien-2023.tdkt", "plans/truong", "--to", "json", cwd=ward)
    assert r.returncode == 0, r.stderr
    assert json.loads((ward / "plans/quan/long-bien-2023.json").read_text(encoding="utf-8"))
    assert (ward / "plans/truong/thcs-gia-thuy-2026.json").exists()
    assert not (ward / "plans/profiles/pgd-long-bien.json").exists()


def test_batch_check_text_and_json(ward: Path):
    r = tdkt("check", "plans", "--lang", "en", cwd=ward)
    assert r.returncode == 1
    assert "sai.tdkt:9:" in r.stdout
    assert r.stdout.strip().splitlines()[-1] == "4 plans: 3 ok, 1 failed (1 error, 2 warnings)"
    rj = tdkt("check", "plans", "--format", "json", "-j", "2", cwd=ward)
    assert rj.returncode == 1
    data = json.loads(rj.stdout)
    assert [Path(f["file"]).name for f in data["files"]] == [
        "dong-da-2023.tdkt", "long-bien-2023.tdkt", "sai.tdkt", "thcs-gia-thuy-2026.tdkt"]
    bad = data["files"][2]
    assert [d["code"] for d in bad["diagnostics"]] and all(
        Path(d["file"]).name == "sai.tdkt" for d in bad["diagnostics"])


def test_batch_exit_codes(ward: Path):
    good = tdkt("check", "plans/quan/long-bien-2023.tdkt", "plans/quan/dong-da-2023.tdkt", cwd=ward)
    assert good.returncode == 0, good.stdout
    missing = tdkt("check", "plans/quan/long-bien-2023.tdkt", "khong-co.tdkt", cwd=ward)
    assert missing.returncode == 2  # an input that cannot be opened is a usage error, as for one file
    empty = ward / "empty"
    empty.mkdir()
    none = tdkt("build", "empty", cwd=ward)
    assert none.returncode == 2 and "[O917]" in none.stderr and "Không tìm thấy tệp kế hoạch" in none.stderr


def test_batch_refuses_two_plans_writing_one_file(ward: Path):
    (ward / "other").mkdir()
    shutil.copy(ward / "plans/quan/long-bien-2023.tdkt", ward / "other/long-bien-2023.tdkt")
    r = tdkt("build", "plans/quan/long-bien-2023.tdkt", "other/long-bien-2023.tdkt", "-o", "out",
             "--lang", "en", cwd=ward)
    assert r.returncode == 2
    assert "[O915]" in r.stderr and "the plans `plans/quan/long-bien-2023.tdkt` and `other/long-bien-2023.tdkt` " \
        "would both write this file" in r.stderr
    assert not (ward / "out").exists()


def test_profile_or_plan_decided_by_the_head_only_when_the_head_decides(tmp_path: Path):
    """A plan is told by its first lines; a profile whose statements start after 40 comment lines
    is still a profile; a plan whose first plan-only statement is on line 60 is still a plan."""
    from tdkt_dsl.batch import _is_profile

    profile = (EXAMPLES / "profiles" / "pgd-long-bien.tdkt").read_text(encoding="utf-8")
    cases = {"profile.tdkt": (profile, True), "late-profile.tdkt": ("// chú thích\n" * 50 + profile, True),
             "plan.tdkt": ((EXAMPLES / "long-bien-2023.tdkt").read_text(encoding="utf-8"), False),
             "late-plan.tdkt": (profile + "\n" * 60 + "năm: 2023\n", False)}
    for name, (text, expected) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert _is_profile(str(tmp_path / name)) is expected, name
