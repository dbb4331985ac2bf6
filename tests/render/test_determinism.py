"""Same plan, same bytes on every machine: nothing optional that happens to be installed (a font
library, a font) may change what the DOCX writer writes. Each example is built in a fresh
interpreter with Pillow and fontTools blocked, and again with stand-ins for them that measure
text differently from Times New Roman; the bytes must not change."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.tdkt"))

BUILD = """
import hashlib, sys
{prelude}
from tdkt_dsl.compiler import compile_path
from tdkt_dsl.render.docx import render_docx
for path in sys.argv[1:]:
    comp = compile_path(path)
    print(path, hashlib.sha256(render_docx(comp.plan)).hexdigest())
"""

BLOCKED = "sys.modules['PIL'] = None; sys.modules['PIL.ImageFont'] = None; sys.modules['fontTools'] = None"

# importable stand-ins: every text measured with them would come out 3x wider than in Times
FAKE_PIL = '''
class _Font:
    def getlength(self, text):
        return 1500.0 * len(text)
    def getbbox(self, text):
        return (0, 0, 1500 * len(text), 1000)
def truetype(*args, **kwargs):
    return _Font()
def load_default(*args, **kwargs):
    return _Font()
'''


def _hashes(prelude: str, env_path: str | None = None) -> dict[str, str]:
    import os

    env = dict(os.environ)
    if env_path:
        env["PYTHONPATH"] = env_path + os.pathsep + env.get("PYTHONPATH", "")
    r = subprocess.run([sys.executable, "-c", BUILD.format(prelude=prelude), *map(str, EXAMPLES)],
                       capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr
    return dict(line.rsplit(" ", 1) for line in r.stdout.splitlines())


def test_docx_bytes_do_not_depend_on_optional_libraries(tmp_path):
    fake = tmp_path / "fake"
    (fake / "PIL").mkdir(parents=True)
    (fake / "PIL" / "__init__.py").write_text("")
    (fake / "PIL" / "ImageFont.py").write_text(FAKE_PIL)
    (fake / "fontTools").mkdir()
    (fake / "fontTools" / "__init__.py").write_text("version = '0'\n")
    blocked = _hashes(BLOCKED)
    present = _hashes("import PIL.ImageFont", str(fake))
    assert len(blocked) == len(EXAMPLES) >= 4
    assert blocked == present

