#!/usr/bin/env python3
"""Fuzz tdkt for a bounded time: the front end, then the whole pipeline.

Inputs are random and mutated plans: the examples, the reference transcriptions and the rule
cases, truncated, spliced, with bytes flipped, made huge or deeply nested, with invalid UTF-8,
legacy-encoded text, CRLF, decomposed Unicode, control characters, soft hyphens and other
invisible characters, very long lines and fields, huge numbers and years.

Two stages share the time:
1. front end (40 %): source → syntax → model → checks in this process, thousands of inputs
   (tests/fuzz/harness.py: no exception, every span inside its source, every fix applies);
2. whole pipeline (60 %): in a child process whose address space is capped (``--mem-mb``, by
   resource.setrlimit), every input goes through check, check --fix, build to DOCX/JSON/text,
   new, import (.txt/.md, and tdkt's own DOCX with mutated XML attributes and structure) and
   verify (tests/fuzz/pipeline.py: exit 0/1/2 only, nothing written on error, spans inside the
   source). The child reports its input count and peak memory.

A crashing input is saved under tests/fuzz/crashes/ (with its traceback) and the run exits 1;
commit it with the fix — tests/fuzz/test_properties.py replays every saved input.

    python scripts/fuzz.py --seconds 60            # what CI runs (scripts/test)
    python scripts/fuzz.py --seconds 5 --seed 7
    python scripts/fuzz.py --seconds 1800 --stage pipeline --keep-going   # the long run
    python scripts/fuzz.py --atheris --seconds 60  # coverage-guided front end, when atheris is installed
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
import traceback
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import run_one  # noqa: E402

CRASHES = ROOT / "tests" / "fuzz" / "crashes"
MAX_LEN = 300_000

TOKENS = [
    "năm: ", "năm học: ", "ngày: ", "số: ", "trích yếu: ", "dùng: ", "cơ quan: ", "viết tắt: ",
    "căn cứ:", "thực hiện:", "mục đích:", "yêu cầu:", "tổ chức thực hiện:", "kết thúc: ", "nơi nhận:",
    "phụ lục: ", "cột: ", "kiểu: theo tháng", "khổ: ngang", "tháng: ", "nhiệm vụ: ", "  chủ trì: ",
    "  phối hợp: ", "  phụ trách: ", "  hạn: ", "  phong trào: ", "  ghi chú: ", "đơn vị x: ",
    "lãnh đạo y: ", "phong trào z: ", "# ", "## ", "### ", "#### ", "##### ", "#. ", "- ", "+ ",
    "**", "*", "{", "}", "{năm}", "{năm_trước}", "{năm_học}", "{x}", "@", "@pgd", "@x", "\\", "//",
    " // tdkt: bỏ qua ", "D301", "T804", "X999", "“", "”", "\"", "(", ")", "[", "]", ":", ";", ",",
    ".", "./.", " ,", "( ", "30/02/2024", "29/02/2023", "15/02/2024", "01/13/2024", "99/99/9999",
    "02/{năm}", "từ 01/03/2024 đến 01/02/2024", "trước ngày ", "hàng tháng", "không", "\"tự do\"",
    "Kế hoạch số 322/KH-UBND ngày 09/12/2022 của UBND Thành phố về công tác",
    "Kế hoạch số 05 /KH ngày 31/02/2024", "kỷ niệm 70 năm Ngày X (10/10/1954 - 10/10/2024)",
    "kỷ niệm 999 năm (1/1/1 - 99/99/9999)", "Tết Nguyên đán Quý Mão 2024", "Tết Tí Tị 2024",
    "kết quả đạt được năm 2024", "năm học 2020-2029", "KÕ ho¹ch", "Keá hoaïch", "ñ", "\u00ad",
    "kỷ niệm kỷ niệm", "e\u0301", "\t", "\r\n", "\r", "\ufeff", "\u200b", "\x00", "\x0b", "\u2028",
    "- Lưu: VT", "Phòng GDĐT", "0" * 40, "9" * 12, "/" * 5,
    # issue 9: characters that cannot go into a DOCX, invisible ones, huge numbers and fields
    "\x0c", "\x1b", "\x01", "\x7f", "\ufffe", "\uffff", "\u200e", "\u202e", "\u2060", "khen\u00adthưởng",
    "năm: 99999999999999999999", "năm: 0", "năm: 2020", "Tết Canh Tý 2020", "Tết Canh Tí 2020",
    "ngày: 31/12/99999", "số: " + "9" * 300, "trích yếu: " + "Công tác " * 60, "cơ quan: " + "PHÒNG " * 80,
    "dùng: /etc/passwd", "dùng: ../../../../etc/passwd", "dùng: /dev/zero", "dùng: profiles/pgd-long-bien.tdkt",
    "dùng: plan.tdkt", "####### bảy dấu", "kỷ niệm 99999999999 năm (1/1/1 - 1/1/99999)",
]
INVALID_UTF8 = [b"\xff", b"\xc3", b"\xe1\xba", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\x80"]


def corpus() -> list[bytes]:
    out: list[bytes] = []
    for pattern in ("examples/*.tdkt", "examples/profiles/*.tdkt", "tests/check/reference/*.tdkt",
                    "tests/fixtures/*.tdkt", "tests/fuzz/corpus/*"):
        out.extend(p.read_bytes() for p in sorted(ROOT.glob(pattern)) if p.is_file())
    try:
        import yaml

        for p in sorted((ROOT / "tests/check/cases").glob("*.yaml")):
            for case in yaml.safe_load(p.read_text(encoding="utf-8")).get("cases", []):
                if isinstance(case.get("plan"), str):
                    out.append(case["plan"].encode("utf-8"))
    except Exception:  # noqa: BLE001 - the corpus is best effort
        pass
    return out or [b"n\xc4\x83m: 2024\n"]


def mutate(rng: random.Random, seeds: list[bytes]) -> bytes:
    data = bytearray(rng.choice(seeds))
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(14)
        n = len(data)
        if op == 0 and n:  # truncate
            del data[rng.randrange(n):]
        elif op == 1:  # splice with another input
            other = rng.choice(seeds)
            a = rng.randrange(n + 1)
            b = rng.randrange(len(other) + 1)
            data = data[:a] + other[b:]
        elif op == 2 and n:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(data))
                data[i] ^= 1 << rng.randrange(8)
        elif op == 3:  # insert a token
            i = rng.randrange(n + 1)
            data[i:i] = rng.choice(TOKENS).encode("utf-8")
        elif op == 4:  # insert a token at a line start
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines) + 1)
            lines.insert(i, rng.choice(TOKENS).encode("utf-8") + rng.choice(TOKENS).encode("utf-8"))
            data = bytearray(b"\n".join(lines))
        elif op == 5:  # delete or duplicate or shuffle lines
            lines = bytes(data).split(b"\n")
            if lines:
                k = rng.randrange(3)
                i = rng.randrange(len(lines))
                if k == 0:
                    del lines[i]
                elif k == 1:
                    lines.insert(i, lines[i])
                else:
                    rng.shuffle(lines)
            data = bytearray(b"\n".join(lines))
        elif op == 6:  # invalid UTF-8
            i = rng.randrange(n + 1)
            data[i:i] = rng.choice(INVALID_UTF8)
        elif op == 7:  # huge
            times = rng.randint(2, 40)
            data = (data * times)[:MAX_LEN]
        elif op == 8:  # deeply nested
            depth = rng.randint(10, 3000)
            kind = rng.randrange(5)
            nest = {0: "(" * depth + ")" * rng.randint(0, depth), 1: "**" * depth + "*" * depth,
                    2: "“" * depth, 3: "{" * depth + "}" * depth, 4: "#" * rng.randint(1, 50) + " x"}[kind]
            i = rng.randrange(n + 1)
            data[i:i] = ("- " + nest + "\n").encode("utf-8")
        elif op == 9:  # random bytes
            i = rng.randrange(n + 1)
            data[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif op == 10:  # decomposed Unicode
            try:
                data = bytearray(unicodedata.normalize("NFD", data.decode("utf-8")).encode("utf-8"))
            except UnicodeDecodeError:
                pass
        elif op == 11:  # CRLF / CR line ends
            data = bytearray(bytes(data).replace(b"\n", rng.choice([b"\r\n", b"\r"])))
        elif op == 12:  # a very long line
            data += ("- " + " ".join(rng.choice(TOKENS) for _ in range(rng.randint(50, 2000)))).encode("utf-8")
        else:  # a random mix of tokens
            data = bytearray("\n".join(rng.choice(TOKENS) + rng.choice(TOKENS) + rng.choice(TOKENS)
                                       for _ in range(rng.randint(1, 60))).encode("utf-8"))
    return bytes(data[:MAX_LEN])


def save_crash(data: bytes, tb: str, prefix: str = "crash", ext: str = ".tdkt") -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    name = f"{prefix}-" + hashlib.sha1(data).hexdigest()[:16]
    (CRASHES / f"{name}{ext}").write_bytes(data)
    (CRASHES / f"{name}.txt").write_text(tb, encoding="utf-8")
    return CRASHES / f"{name}.tdkt"


def run_mutation(seconds: float, seed: int) -> int:
    rng = random.Random(seed)
    seeds = corpus()
    start = time.monotonic()
    count = crashes = 0
    for s in seeds:  # the corpus itself first
        count += 1
        crashes += _try(s)
    while time.monotonic() - start < seconds:
        data = mutate(rng, seeds)
        count += 1
        crashes += _try(data)
        if crashes:
            break
    elapsed = time.monotonic() - start
    print(f"fuzz: {count} inputs, {crashes} crashes ({elapsed:.0f} s, seed {seed})")
    return 1 if crashes else 0


def _try(data: bytes) -> int:
    try:
        run_one(data)
    except Exception:  # noqa: BLE001 - any exception is a finding
        tb = traceback.format_exc()
        path = save_crash(data, tb)
        print(tb, file=sys.stderr)
        print(f"fuzz: crash saved to {path}", file=sys.stderr)
        return 1
    return 0


def run_atheris(seconds: float) -> int:  # pragma: no cover - optional engine
    import atheris

    count = [0]

    def one(data: bytes) -> None:
        count[0] += 1
        if _try(data):
            raise SystemExit(1)

    import tempfile

    atheris.instrument_all()  # coverage feedback from tdkt_dsl (already imported)
    seeds_dir = Path(tempfile.mkdtemp(prefix="tdkt-fuzz-"))
    for i, s in enumerate(corpus()):
        (seeds_dir / f"seed-{i}").write_bytes(s)
    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", "-rss_limit_mb=4096",
                   f"-max_len={MAX_LEN}", str(seeds_dir)], one)
    atheris.Fuzz()  # libFuzzer prints its own totals and exits
    return 0


# -- the whole pipeline, in a child process under a memory cap ---------------------------------

def _signature(exc: BaseException) -> str:
    """Where a crash happened (exception type and innermost tdkt frame): one saved input each."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "tdkt_dsl" in f.filename]
    cause = exc.__cause__ or exc.__context__
    if cause is not None and cause.__traceback__ is not None:
        frames += [f for f in traceback.extract_tb(cause.__traceback__) if "tdkt_dsl" in f.filename]
        exc = cause
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else str(exc)[:80]
    return f"{type(exc).__name__} {where}"


def run_pipeline_worker(seconds: float, seed: int, mem_mb: int, keep_going: bool = False) -> int:
    """In the child: cap the address space, then feed mutated plans through every command.
    ``keep_going`` (the long run): record every distinct crash and go on."""
    import resource
    import tempfile

    cap = mem_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    from tests.fuzz.pipeline import PipelineError, prepare_workdir, run_pipeline

    rng = random.Random(seed)
    seeds = corpus()
    start = time.monotonic()
    count = commands = crashes = 0
    seen: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="tdkt-fuzz-") as tmp:
        work = Path(tmp)
        prepare_workdir(work)
        while time.monotonic() - start < seconds:
            data = mutate(rng, seeds) if count >= 3 else seeds[count % len(seeds)]
            count += 1
            try:
                commands += run_pipeline(data, work, rng)
            except (PipelineError, MemoryError, RecursionError, Exception) as exc:  # noqa: BLE001 - a finding
                sig = _signature(exc)
                crashes += 1
                if sig in seen:
                    continue
                seen.add(sig)
                tb = f"{type(exc).__name__}: {exc}\n\n" + traceback.format_exc()
                docx = getattr(exc, "docx", None)  # the mutated DOCX that broke verify or import
                path = save_crash(docx, tb, prefix="pipeline", ext=".docx") if docx else \
                    save_crash(data, tb, prefix="pipeline")
                print(tb, file=sys.stderr)
                print(f"fuzz: pipeline crash [{sig}] saved to {path}", file=sys.stderr, flush=True)
                if not keep_going:
                    break
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    elapsed = time.monotonic() - start
    print(f"fuzz pipeline: {count} inputs, {commands} commands, {crashes} crashes "
          f"({len(seen)} distinct), peak memory "
          f"{peak_mb:.0f} MB (cap {mem_mb} MB), {elapsed:.0f} s, seed {seed}", flush=True)
    return 1 if crashes else 0


def run_pipeline(seconds: float, seed: int, mem_mb: int, keep_going: bool = False) -> int:
    import subprocess

    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", "--seconds", str(seconds),
           "--seed", str(seed), "--mem-mb", str(mem_mb)] + (["--keep-going"] if keep_going else [])
    r = subprocess.run(cmd, cwd=ROOT)
    if r.returncode not in (0, 1):  # killed (a signal) or died outside the loop: a finding too
        print(f"fuzz pipeline: the worker died with status {r.returncode} (memory cap {mem_mb} MB?)",
              file=sys.stderr)
        return 1
    return r.returncode


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--stage", choices=("all", "front", "pipeline"), default="all")
    ap.add_argument("--mem-mb", type=int, default=3072, help="address-space cap of the pipeline child")
    ap.add_argument("--keep-going", action="store_true",
                    help="pipeline: save every distinct crash and go on (the long run); CI stops at the first")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--atheris", action="store_true", help="use atheris (coverage-guided) if installed")
    a = ap.parse_args()
    if a.atheris:
        return run_atheris(a.seconds)
    seed = a.seed if a.seed is not None else int(time.time()) % 100000
    if a.worker:
        return run_pipeline_worker(a.seconds, seed, a.mem_mb, a.keep_going)
    if a.stage == "front":
        return run_mutation(a.seconds, seed)
    if a.stage == "pipeline":
        return run_pipeline(a.seconds, seed, a.mem_mb, a.keep_going)
    rc = run_mutation(a.seconds * 0.4, seed)
    if rc:
        return rc
    return run_pipeline(a.seconds * 0.6, seed, a.mem_mb)


if __name__ == "__main__":
    sys.exit(main())
