"""The data tables as stored parsed (tdkt_dsl/data-tables.bin): current with tdkt_dsl/data/*.toml,
equal to what parsing each file gives, and never used for a file whose text changed."""

from __future__ import annotations

from pathlib import Path

from tdkt_dsl import resources
from tests.scripts import load_script

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tdkt_dsl" / "data"
REGENERATE = ("tdkt_dsl/data-tables.bin is stale: a table of tdkt_dsl/data/ changed since it was made. "
              "Regenerate it and commit the result:\n    .venv/bin/python scripts/gen_data_tables.py\n"
              "(tdkt works meanwhile: a changed table is parsed from its file, only slower.)")


def _gen_script():
    return load_script("gen_data_tables")


def test_stored_tables_are_current():
    assert _gen_script().current(), REGENERATE


def test_every_table_is_what_its_file_parses_to():
    names = sorted(p.stem for p in DATA.glob("*.toml"))
    assert "vocabulary" in names and set(names) <= set(resources.parsed_tables()), REGENERATE
    for name in names:
        assert resources.data_table(name) == resources.parse_table((DATA / f"{name}.toml").read_bytes()), name


def test_a_table_whose_file_changed_is_parsed_from_the_file(monkeypatch):
    """The stored copy was made from other text (a table edited since): the file wins."""
    raw = (DATA / "school-calendar.toml").read_bytes()
    stale = {"school-calendar": (raw + b"\n# edited\n", {"stale": True})}
    monkeypatch.setattr(resources, "parsed_tables", lambda: stale)
    resources.data_table.cache_clear()
    try:
        assert resources.data_table("school-calendar") == resources.parse_table(raw) != {"stale": True}
        stale["school-calendar"] = (raw, {"stale": True})  # the same text: the stored copy is used
        resources.data_table.cache_clear()
        assert resources.data_table("school-calendar") == {"stale": True}
    finally:
        resources.data_table.cache_clear()


def test_a_damaged_store_is_not_used(monkeypatch):
    """A stored entry that is not (text, table) — a damaged or hand-made data-tables.bin that still
    unmarshals — is passed over: the file is parsed, no internal error."""
    raw = (DATA / "school-calendar.toml").read_bytes()
    try:
        for entry in (5, None, (raw,), [raw, {}], (raw, [1, 2]), (raw, {}, 1)):
            monkeypatch.setattr(resources, "parsed_tables", lambda entry=entry: {"school-calendar": entry})
            resources.data_table.cache_clear()
            assert resources.data_table("school-calendar") == resources.parse_table(raw), entry
    finally:
        resources.data_table.cache_clear()


def test_windows_line_ends_parse_as_before():
    """A table saved with CRLF line ends reads as a text file does (universal newlines)."""
    raw = b'a = """x\r\ny"""\r\nb = 1\r\n'
    assert resources.parse_table(raw) == {"a": "x\ny", "b": 1}
