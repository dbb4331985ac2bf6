"""Issue 9, 'hangs and blow-ups' and 'verify maps its own internal errors to exit 2'.

Work is counted, not timed: the Python lines executed (sys.settrace) for inputs of size N, 2N and
4N. Linear work grows by the same step each time the input doubles twice (w(4N) − w(2N) ≈
2 × (w(2N) − w(N))); quadratic work's step grows fourfold. The constant cost of a run (the plan's
header, the reader's set-up) cancels out in the differences. The slow cases of the issue: the
repeated-word rule and the parser on a long line, page-break joining in `import` (a PDF paste of
unpunctuated lines), `import` of a DOCX of many paragraphs and of one huge paragraph.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

from tdkt_dsl.compiler import compile_text
from tdkt_dsl.importer import import_bytes

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = (ROOT / "tests" / "fixtures" / "minimal.tdkt").read_text(encoding="utf-8")
WORDS = "các đơn vị thực hiện công tác thi đua khen thưởng năm học giáo dục đào tạo phòng trường".split()
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def lines_executed(work) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def assert_linear(make, n: int) -> None:
    make(n // 2)()  # warm-up: what is loaded or cached once is not work per input
    w1, w2, w4 = (lines_executed(make(k * n)) for k in (1, 2, 4))
    step1, step2 = w2 - w1, w4 - w2
    assert step1 > 0 and step2 < 2.6 * step1, (w1, w2, w4)


def _repeats(n_words: int) -> str:
    return " ".join(WORDS[(i * 3) % 5] for i in range(n_words))  # "các đơn vị thực hiện các …": T801 everywhere


def _doubled(n_words: int) -> str:
    """Words with a function word written twice every fifth word ("các các"): T801 all along the line,
    so that the rule's work for each finding is counted (the checks read the words in C)."""
    return " ".join(f"{w} {w}" if i % 5 == 0 else w for i, w in enumerate(_repeats(n_words).split()))


def test_repeated_word_rule_and_parser_are_linear_on_a_long_line():
    """A 50 KB line took 4 s, 200 KB 70 s: every repeat re-read (and re-printed) the whole line."""
    def make(n):
        text = MINIMAL.replace("Thi đua dạy tốt, học tốt.", "Thi đua " + _doubled(n) + ".")
        return lambda: compile_text(text, "plan.tdkt")

    assert_linear(make, 600)


def test_page_break_joining_in_import_is_linear():
    """A 5 MB paste of unpunctuated lines took 9.5 min and 7.3 GB (joining was quadratic)."""
    head = "KẾ HOẠCH\nCông tác thi đua năm 2024\nI. NỘI DUNG\nMột dòng mở đầu dài hơn sáu mươi ký tự để các dòng sau nối vào\n"

    def make(n):
        body = "\n".join(" ".join(WORDS[(i * 7 + k) % len(WORDS)] for k in range(12)) for i in range(n))
        data = (head + body + "\n").encode("utf-8")
        return lambda: import_bytes(data, "paste.txt")

    assert_linear(make, 150)


def _docx(body: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


@pytest.mark.parametrize("shape", ["paragraphs", "one paragraph"])
def test_import_of_a_docx_is_linear(shape):
    """A 7 MB DOCX ran past 300 s; a 2–9 MB paragraph took minutes or GBs."""
    def make(n):
        if shape == "paragraphs":
            body = "".join(f"<w:p><w:r><w:t>{_repeats(30)} {i}.</w:t></w:r></w:p>" for i in range(n))
        else:
            body = f"<w:p><w:r><w:t>{' '.join(_repeats(30) + '.' for _ in range(n))}</w:t></w:r></w:p>"
        data = _docx("<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>" + body)
        return lambda: import_bytes(data, "plan.docx")

    assert_linear(make, 60)


# -- internal errors are 3, whichever command ---------------------------------------------------

@pytest.mark.parametrize("command", ["verify", "import", "check"])
def test_an_internal_error_exits_3_never_2(tmp_path, monkeypatch, capsys, command):
    """verify once mapped its own internal errors (w:sz=1e400) to 2, 'not a DOCX': a bug of tdkt
    must say so (exit 3, no traceback), whichever stage it is in."""
    from tdkt_dsl import cli

    def bug(*args, **kwargs):
        raise ValueError("a bug of tdkt")

    monkeypatch.delenv("TDKT_DEBUG", raising=False)
    if command == "verify":
        from tdkt_dsl.verify import rules

        monkeypatch.setattr(rules, "run_checks", bug)
        import tdkt_dsl.verify as verify_pkg

        monkeypatch.setattr(verify_pkg, "run_checks", bug)
        path = tmp_path / "plan.docx"
        from tests.verify.verify_fixtures import build_plan

        build_plan().save(path)
        argv = ["verify", str(path)]
    elif command == "import":
        from tdkt_dsl import importer

        monkeypatch.setattr(importer, "emit", bug)
        (tmp_path / "old.txt").write_text("KẾ HOẠCH\nThi đua năm 2024\n", encoding="utf-8")
        argv = ["import", str(tmp_path / "old.txt"), "-o", str(tmp_path / "out.tdkt")]
    else:
        from tdkt_dsl import compiler

        monkeypatch.setattr(compiler, "run_checks", bug)
        (tmp_path / "plan.tdkt").write_text(MINIMAL, encoding="utf-8")
        argv = ["check", str(tmp_path / "plan.tdkt")]
    code = cli.run(argv)
    out = capsys.readouterr()
    assert code == 3, out
    assert "lỗi nội bộ" in out.err and "Traceback" not in out.err + out.out
    assert not (tmp_path / "out.tdkt").exists()
