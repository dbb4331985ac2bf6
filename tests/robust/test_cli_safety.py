"""Issue 9, through the real command line: tdkt never replaces what it did not write, never
corrupts a file it fixes, refuses what it must not read, and never exits 3 on user input.

Each test is one case of the issue (or a variant of its class); behaviour is asserted (codes,
exit status, files on disk), never time.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def tdkt(cwd: Path, *args: str, timeout: int = 120, stdin=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONUTF8": "1", "TDKT_LANG": "", "TDKT_DEBUG": ""}
    r = subprocess.run([sys.executable, "-m", "tdkt_dsl.cli", *args], cwd=cwd, capture_output=True,
                       timeout=timeout, env=env, stdin=stdin if stdin is not None else subprocess.DEVNULL)
    r.out = r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")
    assert "Traceback" not in r.out and "lỗi nội bộ" not in r.out, r.out
    assert r.returncode in (0, 1, 2), r.out
    return r


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    p = tmp_path / "plan.tdkt"
    p.write_text(MINIMAL, encoding="utf-8")
    return p


# -- 1. never replace what tdkt did not write ---------------------------------------------------

def test_text_and_json_go_to_stdout_and_leave_a_published_txt_alone(tmp_path, plan):
    (tmp_path / "plan.txt").write_text("bản đã ban hành", encoding="utf-8")
    (tmp_path / "plan.json").write_text('{"mine": 1}', encoding="utf-8")
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", "text")
    assert r.returncode == 0 and "TRƯỜNG THCS GIA THỤY" in r.stdout.decode()
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", "json")
    assert r.returncode == 0 and r.stdout.decode().lstrip().startswith("{")
    assert (tmp_path / "plan.txt").read_text(encoding="utf-8") == "bản đã ban hành"
    assert (tmp_path / "plan.json").read_text(encoding="utf-8") == '{"mine": 1}'


def test_dash_is_stdout_not_a_file_named_dash(tmp_path, plan):
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", "-")  # even a DOCX
    assert r.returncode == 0 and r.stdout[:2] == b"PK"
    assert not (tmp_path / "-").exists()


def test_empty_output_name_is_a_message_not_an_os_error(tmp_path, plan):
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", "text", "-o", "")
    assert r.returncode == 2 and "[O911]" in r.out and "busy" not in r.out.lower()


@pytest.mark.parametrize("to", ["docx", "json", "text"])
def test_existing_output_not_written_by_tdkt_needs_force(tmp_path, plan, to):
    out = tmp_path / f"out.{to}"
    if to == "docx":
        with zipfile.ZipFile(out, "w") as z:  # a DOCX written by Word: no tdkt marker
            z.writestr("docProps/core.xml", "<cp:coreProperties><cp:lastModifiedBy>Word</cp:lastModifiedBy>"
                                            "</cp:coreProperties>")
    else:
        out.write_text("của người soạn", encoding="utf-8")
    before = out.read_bytes()
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", to, "-o", out.name)
    assert r.returncode == 2 and "[O914]" in r.out and out.read_bytes() == before
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", to, "-o", out.name, "--force")
    assert r.returncode == 0 and out.read_bytes() != before


@pytest.mark.parametrize("to", ["docx", "json"])
def test_tdkt_replaces_its_own_output(tmp_path, plan, to):
    out = tmp_path / f"out.{to}"
    assert tdkt(tmp_path, "build", "plan.tdkt", "--to", to, "-o", out.name).returncode == 0
    first = out.read_bytes()
    plan.write_text(MINIMAL.replace("Thi đua dạy tốt", "Thi đua dạy giỏi"), encoding="utf-8")
    assert tdkt(tmp_path, "build", "plan.tdkt", "--to", to, "-o", out.name).returncode == 0
    assert out.read_bytes() != first


def test_device_node_is_refused_and_left_a_device(tmp_path, plan):
    for dev in ("/dev/null", "/dev/full"):
        if not os.path.exists(dev):
            continue
        r = tdkt(tmp_path, "build", "plan.tdkt", "-o", dev)
        assert r.returncode == 2 and "[O913]" in r.out
        assert stat.S_ISCHR(os.stat(dev).st_mode)


def test_fifo_and_directory_outputs_are_refused_without_blocking(tmp_path, plan):
    os.mkfifo(tmp_path / "pipe")
    r = tdkt(tmp_path, "build", "plan.tdkt", "--to", "text", "-o", "pipe", timeout=60)
    assert r.returncode == 2 and "[O913]" in r.out and stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)
    (tmp_path / "out").mkdir()
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", "out")
    assert r.returncode == 2 and "[O912]" in r.out


def test_output_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path, plan):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "plan.docx"
    assert tdkt(tmp_path, "build", "plan.tdkt", "-o", str(target)).returncode == 0
    target.write_bytes(target.read_bytes())  # still tdkt's
    os.symlink(target, tmp_path / "link.docx")
    before = target.stat().st_mtime_ns
    time.sleep(0.01)
    assert tdkt(tmp_path, "build", "plan.tdkt", "-o", "link.docx").returncode == 0
    assert (tmp_path / "link.docx").is_symlink()
    assert target.stat().st_mtime_ns != before


def test_hard_links_and_mode_are_kept(tmp_path, plan):
    assert tdkt(tmp_path, "build", "plan.tdkt", "-o", "a.docx").returncode == 0
    os.link(tmp_path / "a.docx", tmp_path / "b.docx")
    os.chmod(tmp_path / "a.docx", 0o640)
    plan.write_text(MINIMAL.replace("Thi đua dạy tốt", "Thi đua dạy giỏi"), encoding="utf-8")
    assert tdkt(tmp_path, "build", "plan.tdkt", "-o", "a.docx").returncode == 0
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    assert a.stat().st_nlink == 2 and a.read_bytes() == b.read_bytes()
    assert stat.S_IMODE(a.stat().st_mode) == 0o640
    assert b"gi\xe1\xbb\x8fi" in zipfile.ZipFile(b).read("word/document.xml")


def test_new_validates_every_output_before_writing_any(tmp_path, plan):
    r = tdkt(tmp_path, "new", "--from", "plan.tdkt", "--year", "2027", "-o", "new.tdkt", "--report", "plan.tdkt")
    assert r.returncode == 2 and "[O901]" in r.out
    assert not (tmp_path / "new.tdkt").exists()
    (tmp_path / "r.md").mkdir()
    r = tdkt(tmp_path, "new", "--from", "plan.tdkt", "--year", "2027", "-o", "new.tdkt", "--report", "r.md")
    assert r.returncode == 2 and "[O912]" in r.out and not (tmp_path / "new.tdkt").exists()


def test_import_validates_every_output_before_writing_any(tmp_path):
    (tmp_path / "old.txt").write_text("KẾ HOẠCH\nCông tác thi đua năm 2024\n", encoding="utf-8")
    r = tdkt(tmp_path, "import", "old.txt", "-o", "new.tdkt", "--report", "old.txt")
    assert r.returncode == 2 and "[O901]" in r.out and not (tmp_path / "new.tdkt").exists()


def test_write_failure_is_a_located_message_exit_2(tmp_path, plan):
    if IS_ROOT:
        where = "/proc/tdkt-cannot-write.docx"  # even root cannot create a file there
    else:
        (tmp_path / "ro").mkdir()
        os.chmod(tmp_path / "ro", 0o555)
        where = "ro/plan.docx"
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", where)
    assert r.returncode == 2 and "[O903]" in r.out and where in r.out


def test_fix_in_a_directory_it_cannot_write_is_exit_2(tmp_path, monkeypatch):
    # a read-only folder, simulated for every user (root writes into read-only folders): creating
    # the temporary file fails as it would there
    from typer.testing import CliRunner

    from tdkt_dsl import output
    from tdkt_dsl.cli import app

    p = tmp_path / "plan.tdkt"
    p.write_text(MINIMAL.replace("Thi đua dạy tốt, học tốt.", "Thi đua dạy tốt , học tốt."), encoding="utf-8")
    real_open = os.open

    def refuse(path, flags, *args):
        if os.path.basename(str(path)).startswith(output.TEMP_PREFIX):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(output.os, "open", refuse)
    r = CliRunner().invoke(app, ["check", "--fix", str(p)])
    assert r.exit_code == 2 and "[O903]" in r.output, r.output
    assert "Thi đua dạy tốt , học tốt." in p.read_text(encoding="utf-8")


def test_a_250_character_output_name_works(tmp_path, plan):
    name = "k" * 245 + ".docx"
    r = tdkt(tmp_path, "build", "plan.tdkt", "-o", name)
    assert r.returncode == 0 and (tmp_path / name).is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tdkt-")]


def test_stale_temporary_files_are_swept_fresh_ones_kept(tmp_path, plan):
    old, fresh = tmp_path / ".tdkt-0123456789ab.tmp", tmp_path / ".tdkt-ba9876543210.tmp"
    old.write_bytes(b"half a docx")
    fresh.write_bytes(b"another build writing now")
    for f in (old, fresh):
        os.chmod(f, 0o600)  # as tdkt creates them
    past = time.time() - 3600
    os.utime(old, (past, past))
    assert tdkt(tmp_path, "build", "plan.tdkt").returncode == 0
    assert not old.exists() and fresh.exists()


def test_sigterm_during_the_write_removes_the_temporary_file(tmp_path):
    # the child is killed by SIGTERM while its temporary file exists (after it was written, before
    # the rename): the handler removes it and the target is never created
    script = (
        "import os, signal, sys\n"
        "from tdkt_dsl import output\n"
        "real_fsync = os.fsync\n"
        "def fsync(fd):\n"
        "    real_fsync(fd)\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "os.fsync = fsync\n"
        "output.write(output.prepare(sys.argv[1], 'docx'), b'x' * 1000000)\n"
    )
    r = subprocess.run([sys.executable, "-c", script, str(tmp_path / "out.docx")], cwd=ROOT,
                       capture_output=True, timeout=60)
    assert r.returncode == 128 + 15, r.stderr
    assert list(tmp_path.iterdir()) == []


# -- 2. fix that cannot corrupt ----------------------------------------------------------------

def test_soft_hyphen_is_not_tcvn3_and_fix_does_not_mangle_it(tmp_path):
    p = tmp_path / "plan.tdkt"
    p.write_text(MINIMAL.replace("Thi đua dạy tốt, học tốt.", "Công tác khen\u00adthưởng kịp thời."),
                 encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt")
    assert "[T802]" not in r.out and "[T806]" in r.out and r.returncode == 0
    tdkt(tmp_path, "check", "--fix", "plan.tdkt")
    text = p.read_text(encoding="utf-8")
    assert "Công tác khenthưởng kịp thời." in text and "vỔ" not in text and "\u00ad" not in text


def test_fix_keeps_crlf_bom_mode_and_hard_links_and_writes_through_symlinks(tmp_path):
    (tmp_path / "real").mkdir()
    p = tmp_path / "real" / "plan.tdkt"
    body = MINIMAL.replace("Thi đua dạy tốt, học tốt.", "Thi đua dạy tốt , học tốt.")
    p.write_bytes(b"\xef\xbb\xbf" + body.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(p, 0o604)
    os.link(p, tmp_path / "hard.tdkt")
    os.symlink(p, tmp_path / "link.tdkt")
    r = tdkt(tmp_path, "check", "--fix", "link.tdkt")
    assert r.returncode == 0, r.out
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == body.count("\n")
    assert "Thi đua dạy tốt, học tốt." in data.decode("utf-8-sig")
    assert (tmp_path / "link.tdkt").is_symlink() and p.stat().st_nlink == 2
    assert (tmp_path / "hard.tdkt").read_bytes() == data
    assert stat.S_IMODE(p.stat().st_mode) == 0o604


def test_fix_that_would_change_the_plan_is_not_applied():
    from tdkt_dsl.compiler import compile_text
    from tdkt_dsl.diagnostics import Diagnostic, Edit, Fix, Span
    from tdkt_dsl.fix import _acceptable, skeleton
    from tdkt_dsl.source import Source

    before = compile_text(MINIMAL, "<p>")
    # a "fix" that turns a bullet into a heading changes the structure: refused
    broken = MINIMAL.replace("- Thi đua dạy tốt", "# Thi đua dạy tốt")
    after = compile_text(broken, "<p>")
    assert not _acceptable(before, after, structural=False)
    # a wording change is accepted
    worded = compile_text(MINIMAL.replace("dạy tốt", "dạy giỏi"), "<p>")
    assert _acceptable(before, worded, structural=False)
    assert skeleton(before.plan.model_dump(mode="json")) == skeleton(worded.plan.model_dump(mode="json"))
    _ = (Diagnostic, Edit, Fix, Span, Source)


def test_fix_refusal_is_reported_and_the_file_untouched(tmp_path, monkeypatch):
    from tdkt_dsl import fix as fix_mod
    from tdkt_dsl.compiler import compile_path
    from tdkt_dsl.diagnostics import Diagnostic, Edit, Fix, Span

    p = tmp_path / "plan.tdkt"
    p.write_text(MINIMAL, encoding="utf-8")
    comp = compile_path(str(p))
    at = MINIMAL.index("- Thi đua dạy tốt")
    # a bad safe fix (as a buggy check could emit): it deletes the bullet mark
    bad = Diagnostic(code="T804", span=Span.of(comp.sources[str(p)], at, at + 2), params=dict(mark=",", where="", where_en=""),
                     fix=Fix(edits=[Edit(start=at, end=at + 2, text="")]))
    comp.diagnostics.append(bad)
    out = fix_mod.apply_fixes(p, comp, "vi")
    assert p.read_text(encoding="utf-8") == MINIMAL
    assert any(d.code == "O916" for d in out.diagnostics)


# -- 3. limits before work ---------------------------------------------------------------------

def test_fifo_and_dev_zero_as_source_do_not_block(tmp_path):
    os.mkfifo(tmp_path / "p.tdkt")
    r = tdkt(tmp_path, "check", "p.tdkt", timeout=60)
    assert r.returncode == 2 and "[F919]" in r.out
    r = tdkt(tmp_path, "build", "/dev/zero", timeout=60)
    assert r.returncode == 2 and "[F919]" in r.out
    r = tdkt(tmp_path, "new", "--from", "/dev/zero", "--year", "2025", "-o", "x.tdkt", timeout=60)
    assert r.returncode == 2 and "[F919]" in r.out and not (tmp_path / "x.tdkt").exists()


def test_size_is_counted_while_reading(tmp_path, monkeypatch):
    from tdkt_dsl import source as source_mod

    p = tmp_path / "big.tdkt"
    p.write_text(MINIMAL, encoding="utf-8")
    monkeypatch.setattr(source_mod, "MAX_SOURCE_BYTES", 100)
    with pytest.raises(source_mod.SourceError) as e:
        source_mod.Source.from_path(p)
    assert e.value.code == "F905"


def test_a_5mb_line_is_refused_early_with_the_limit_and_a_bounded_message(tmp_path):
    from tdkt_dsl.source import MAX_LINE_CHARS

    line = "công tác thi đua khen thưởng năm học " * 140_000  # ~5 MB, full of repeats
    (tmp_path / "plan.tdkt").write_text(MINIMAL.replace("Thi đua dạy tốt, học tốt.", line), encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", timeout=300)
    assert r.returncode == 1 and "[F926]" in r.out and f"{MAX_LINE_CHARS}" in r.out
    assert len(r.stdout) + len(r.stderr) < 20_000


def test_a_long_line_with_many_repeats_prints_a_window_and_a_capped_list(tmp_path):
    line = "công tác công tác thi đua " * 1500  # under the line limit, thousands of T801
    (tmp_path / "plan.tdkt").write_text(MINIMAL.replace("Thi đua dạy tốt, học tốt.", line), encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", timeout=300)
    assert r.returncode == 0 and "[T801]" in r.out
    assert "… và" in r.out and "[T801] nữa" in r.out
    assert max(len(x) for x in r.out.splitlines()) < 400
    assert len(r.out) < 40_000


def test_too_many_lines_is_refused(tmp_path):
    from tdkt_dsl.source import MAX_LINES

    (tmp_path / "plan.tdkt").write_text(MINIMAL + "- a\n" * MAX_LINES, encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", timeout=300)
    assert r.returncode == 2 and "[F927]" in r.out


# -- 4. characters that cannot go into a DOCX ---------------------------------------------------

@pytest.mark.parametrize("ch", ["\v", "\f", "\x1b", "\x01", "\x7f", "\ufffe", "\uffff"])
def test_control_characters_are_reported_and_never_reach_the_writer(tmp_path, ch):
    (tmp_path / "plan.tdkt").write_text(MINIMAL.replace("dạy tốt, học tốt", f"dạy tốt,{ch}học tốt"),
                                        encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt")
    assert r.returncode == 1 and "[T807]" in r.out
    r = tdkt(tmp_path, "build", "plan.tdkt")
    assert r.returncode == 1 and not (tmp_path / "plan.docx").exists()
    tdkt(tmp_path, "check", "--fix", "plan.tdkt")
    assert tdkt(tmp_path, "build", "plan.tdkt").returncode == 0
    fixed = (tmp_path / "plan.tdkt").read_text(encoding="utf-8")
    assert ch not in fixed
    assert ("dạy tốt,\nhọc tốt" if ch == "\v" else "dạy tốt,học tốt") in fixed


def test_long_title_and_agency_are_cut_in_the_properties_only(tmp_path):
    long_title = "Công tác thi đua, khen thưởng " * 12  # > 255 characters
    (tmp_path / "plan.tdkt").write_text(
        MINIMAL.replace("trích yếu: Công tác thi đua, khen thưởng năm {năm}", f"trích yếu: {long_title}")
        .replace("cơ quan: TRƯỜNG THCS GIA THỤY", "cơ quan: TRƯỜNG THCS GIA THỤY " + "VÀ TRƯỜNG KHÁC " * 20),
        encoding="utf-8")
    r = tdkt(tmp_path, "build", "plan.tdkt")
    assert r.returncode == 0, r.out
    core = zipfile.ZipFile(tmp_path / "plan.docx").read("docProps/core.xml").decode("utf-8")
    title = core.split("<dc:title>")[1].split("</dc:title>")[0]
    assert len(title) == 255


# -- 6. profiles confined to the project -------------------------------------------------------

@pytest.mark.parametrize("target", ["/etc/passwd", "../../../../../../../../etc/passwd", "/dev/zero"])
def test_profile_outside_the_project_is_refused_without_echo(tmp_path, target):
    (tmp_path / "plan.tdkt").write_text(f"dùng: {target}\n" + MINIMAL, encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", timeout=60)
    assert r.returncode == 1 and "[M209]" in r.out
    assert "root:" not in r.out and "/bin/" not in r.out


def test_profile_fifo_inside_the_project_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "p.tdkt")
    (tmp_path / "plan.tdkt").write_text("dùng: p.tdkt\n" + MINIMAL, encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", timeout=60)
    assert r.returncode == 1 and "[M209]" in r.out


def test_profile_in_a_declared_folder_is_allowed(tmp_path):
    (tmp_path / "chung").mkdir()
    (tmp_path / "chung" / "p.tdkt").write_text("địa danh: Long Biên\n", encoding="utf-8")
    (tmp_path / "nam").mkdir()
    (tmp_path / "nam" / "plan.tdkt").write_text("dùng: ../chung/p.tdkt\n" + MINIMAL.replace("địa danh: Long Biên\n", ""),
                                                encoding="utf-8")
    r = tdkt(tmp_path, "check", "nam/plan.tdkt")
    assert "[M209]" in r.out  # outside the plan's folder, no tdkt.toml
    (tmp_path / "nam" / "tdkt.toml").write_text('profiles = ["../chung"]\n', encoding="utf-8")
    r = tdkt(tmp_path, "check", "nam/plan.tdkt")
    assert "[M209]" not in r.out and r.returncode == 0, r.out


def test_second_identical_use_is_a_duplicate_not_a_cycle(tmp_path):
    (tmp_path / "p.tdkt").write_text("địa danh: Long Biên\n", encoding="utf-8")
    (tmp_path / "plan.tdkt").write_text("dùng: p.tdkt\ndùng: p.tdkt\n" + MINIMAL.replace("địa danh: Long Biên\n", ""),
                                        encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", "--lang", "en")
    assert "[M209]" in r.out and "already used" in r.out and "circular" not in r.out
    (tmp_path / "p.tdkt").write_text("dùng: plan.tdkt\n", encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt", "--lang", "en")
    assert "circular" in r.out


def test_missing_profile_cause_before_consequences(tmp_path):
    body = MINIMAL.replace("địa danh: Long Biên\n", "").replace("viết tắt: THCSGT\n", "")
    (tmp_path / "plan.tdkt").write_text("// kế hoạch\ndùng: khong-co.tdkt\n" + body, encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt")
    out = r.stdout.decode()
    assert "[M209]" in out and "[M205]" in out and out.index("[M209]") < out.index("[M205]")


# -- 7. messages and exit codes ----------------------------------------------------------------

def test_f902_points_at_the_line_it_names(tmp_path):
    (tmp_path / "plan.tdkt").write_bytes("năm: 2024\ntrích yếu: Café\n".encode("utf-8").replace("é".encode(), b"\xe9"))
    r = tdkt(tmp_path, "check", "plan.tdkt")
    assert "plan.tdkt:2:1" in r.out and "[F902]" in r.out


@pytest.mark.parametrize("toml", [
    "[tool]\ntdkt = 5\n",
    "tool = 3\n",
    "ignore = " + "[" * 5000 + "]" * 5000 + "\n",
    "profiles = 7\n",
])
def test_odd_tdkt_toml_is_x902_not_an_internal_error(tmp_path, plan, toml):
    (tmp_path / "tdkt.toml").write_text(toml, encoding="utf-8")
    r = tdkt(tmp_path, "check", "plan.tdkt")
    assert "[X902]" in r.out and r.returncode in (0, 1)


def test_rat_years_are_accepted(tmp_path):
    for year, good, bad in ((2020, "Canh Tý", "Tân Sửu"), (2032, "Nhâm Tý", "Nhâm Tỵ"), (2025, "Ất Tỵ", "Ất Tý")):
        text = (MINIMAL.replace("năm: 2026", f"năm: {year}").replace("ngày: 05/01/2026", f"ngày: 05/01/{year}")
                .replace("Thi đua dạy tốt, học tốt.", f"Vui Tết {good} {year} an toàn."))
        (tmp_path / "plan.tdkt").write_text(text, encoding="utf-8")
        r = tdkt(tmp_path, "check", "plan.tdkt")
        assert "[A504]" not in r.out, (year, r.out)
        (tmp_path / "plan.tdkt").write_text(text.replace(good, bad), encoding="utf-8")
        r = tdkt(tmp_path, "check", "plan.tdkt")
        assert "[A504]" in r.out and good in r.out, (year, r.out)


def test_new_year_2020_rolls_over(tmp_path, plan):
    plan.write_text(MINIMAL.replace("Thi đua dạy tốt, học tốt.", "Vui Tết Bính Ngọ 2026."), encoding="utf-8")
    r = tdkt(tmp_path, "new", "--from", "plan.tdkt", "--year", "2020", "-o", "new.tdkt")
    assert r.returncode == 0, r.out
    assert "Canh Tý 2020" in (tmp_path / "new.tdkt").read_text(encoding="utf-8")
    assert tdkt(tmp_path, "check", "new.tdkt").returncode in (0, 1)
    assert "[A504]" not in tdkt(tmp_path, "check", "new.tdkt").out


def test_sweep_removes_only_what_tdkt_leaves(tmp_path):
    """A killed run leaves `.tdkt-<12 hex>.tmp` (0600); a user's file that merely looks like it —
    another name, another mode, a fresh one — is never removed."""
    from tdkt_dsl import output

    old = 10_000.0
    leftover = tmp_path / ".tdkt-0123456789ab.tmp"
    users = {".tdkt-notes.tmp": 0o600, ".tdkt-0123456789AB.tmp": 0o600, ".tdkt-0123456789ab.tmp.bak": 0o600,
             ".tdkt-fedcba987654.tmp": 0o644}
    for name, mode in {leftover.name: 0o600, **users}.items():
        (tmp_path / name).write_text("giữ lại", encoding="utf-8")
        os.chmod(tmp_path / name, mode)
        os.utime(tmp_path / name, (old, old))
    fresh = tmp_path / ".tdkt-aaaaaaaaaaaa.tmp"
    fresh.write_text("đang ghi", encoding="utf-8")
    os.chmod(fresh, 0o600)
    assert output.sweep(tmp_path) == 1
    assert not leftover.exists()
    assert fresh.exists() and all((tmp_path / name).read_text(encoding="utf-8") == "giữ lại" for name in users)
