"""Output that cannot lose a file: where tdkt writes, what it refuses, and how it writes.

Two steps, so that a command validates *every* output path before writing *any* (``tdkt new …
-o new.tdkt --report SOURCE`` writes nothing):

1. `prepare` looks at a path the user named and refuses (a `Problem` with an O9xx code):
   an empty name; a directory, device node, FIFO or socket; the command's own input; an existing
   file that tdkt did not produce (no tdkt marker, see `produced_by_tdkt`) unless ``force``; a
   folder that is missing or not writable. ``-`` (or no path, for text and JSON) means standard
   output. A symlink is followed: the file it points to is written, the link stays a link.
2. `write` writes atomically: a short temporary name in the target's folder (``.tdkt-<hex>.tmp``,
   whatever the length of the target's name), fsync, then rename over the target, keeping the
   existing file's permissions. A file with several hard links is rewritten in place instead
   (after the full content was written to a temporary file, so a full disk is found before the
   original is touched) to keep the links. Temporary files are removed on SIGTERM/SIGHUP/SIGINT
   and swept on the next write into that folder when older than a minute (SIGKILL leftovers).
"""


import json
import os
import re
import secrets
import signal
import stat
import sys
import threading
import time
import zipfile
from typing import NamedTuple
from pathlib import Path

from .diagnostics import Problem

TEMP_PREFIX = ".tdkt-"
TEMP_SUFFIX = ".tmp"
TEMP_HEX = 12  # characters of the random part (secrets.token_hex(6))
SWEEP_AGE_SECONDS = 60

# The marker tdkt leaves in each kind of output, so that it never replaces a file it did not write:
#   docx   docProps/core.xml <cp:lastModifiedBy>tdkt</cp:lastModifiedBy> (written by render/docx.py)
#   json   a JSON object whose top-level keys are those of tdkt's plan model
#   html   <meta name="generator" content="tdkt"> (render/html.py)
#   tdkt   `tdkt import` output starts with its "// Nhập từ … bằng `tdkt import`" comment
# Plain text, PDF, markdown reports and `tdkt new` output have no place for a marker that would not
# change what the user reads: an existing file of these kinds is replaced only with --force
# (or when it already holds exactly the bytes tdkt would write).
KINDS = ("docx", "json", "text", "html", "pdf", "tdkt", "report")


class OutputError(Problem):
    """An output tdkt will not or cannot write (codes O9xx of the catalogue)."""

    def __init__(self, code: str, path: Path | str, **params: object) -> None:
        super().__init__(code, str(path), path=str(path), **params)


class Target(NamedTuple):
    """A validated output: ``path`` None means standard output."""

    shown: str  # as the user wrote it (messages)
    path: Path | None  # the file actually written (symlinks followed)
    kind: str
    force: bool = False

    @property
    def stdout(self) -> bool:
        return self.path is None


_SUFFIXES = {"report": ".md", "text": ".txt"}  # kinds whose file suffix is not the kind's name


def _suffix(kind: str) -> str:
    """The suffix of a file of this kind, for the example name in a message."""
    return _SUFFIXES.get(kind, "." + kind)


def stdout_target(kind: str) -> Target:
    return Target("-", None, kind)


def prepare(raw: str | Path | None, kind: str, *, protect: list[Path | str] = (),
            force: bool = False, others: list[Target] = (), data: bytes | None = None,
            keep_plans: bool = False) -> Target:
    """Validate one output path (nothing is written). ``protect``: the command's inputs;
    ``others``: outputs of the same command already validated (two outputs must differ);
    ``keep_plans``: a build's output never replaces an existing `.tdkt` file, whether or not it is
    this plan's source (`build a.tdkt -o b.tdkt` would otherwise destroy another plan)."""
    if raw is None or str(raw) == "-":
        return stdout_target(kind)
    shown = str(raw)
    if shown == "" or shown.strip() == "":
        raise OutputError("O911", "-o")
    if shown.endswith(("/", os.sep, "/.", "/..")) or shown in (".", ".."):
        # `-o out/` names a folder (realpath would drop the slash and write a file `out`)
        if os.path.isdir(shown):
            raise OutputError("O912", shown.rstrip("/" + os.sep) or shown, suffix=_suffix(kind))
        raise OutputError("O902", shown.rstrip("/" + os.sep) or shown)
    real = Path(os.path.realpath(shown))  # through every symlink (a dangling one: its target)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError("O903", shown, reason=exc.strerror or str(exc)) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OutputError("O912", shown, suffix=_suffix(kind))
        if not stat.S_ISREG(st.st_mode):
            raise OutputError("O913", shown)
    for p in protect:
        if _same(real, st, p):
            raise OutputError("O901", shown)
    if keep_plans and st is not None and real.suffix.lower() == ".tdkt":
        raise OutputError("O901", shown)
    for o in others:
        if o.path is not None and o.path == real:
            raise OutputError("O915", shown)
    directory = real.parent
    if not directory.is_dir():
        raise OutputError("O902", str(Path(shown).parent) or ".")
    if not os.access(directory, os.W_OK | os.X_OK):
        raise OutputError("O903", shown, reason=os.strerror(13))
    if (st is not None and not force and not produced_by_tdkt(real, kind)
            and not (data is not None and _holds(real, data))):
        raise OutputError("O914", shown)
    return Target(shown, real, kind, force)


def _same(real: Path, st: os.stat_result | None, other: Path | str) -> bool:
    try:
        if st is not None:
            o = os.stat(other)
            return (o.st_dev, o.st_ino) == (st.st_dev, st.st_ino)
        return Path(os.path.realpath(other)) == real
    except OSError:
        return False


def produced_by_tdkt(path: Path, kind: str) -> bool:
    """Does the existing file carry tdkt's marker for ``kind``? (Read at most a few MB.)"""
    try:
        if os.path.getsize(path) == 0:
            return True  # an empty file holds nothing to lose
        if kind == "docx":
            with zipfile.ZipFile(path) as z:
                info = z.getinfo("docProps/core.xml")
                if info.file_size > 1_000_000:
                    return False
                core = z.read(info)
            return b"<cp:lastModifiedBy>tdkt</cp:lastModifiedBy>" in core
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024 * 1024 if kind == "json" else 4096)
        if kind == "json":
            from .model.nodes import Plan

            data = json.loads(head.decode("utf-8"))
            return isinstance(data, dict) and bool(data) and set(data) <= set(Plan.model_fields)
        if kind == "html":
            return b'<meta name="generator" content="tdkt">' in head
        if kind == "tdkt":
            first = head.decode("utf-8", "replace").lstrip("\ufeff").split("\n", 1)[0]
            return first.startswith("// ") and "`tdkt import`" in first
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, RecursionError):
        return False
    return False


# -- writing ----------------------------------------------------------------------------------

_live: set[str] = set()  # temporary files of this process, removed on a signal
_handlers_installed = False


def _cleanup_and_exit(signum, frame) -> None:  # noqa: ARG001 - signal handler signature
    for tmp in list(_live):
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _live.clear()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    os._exit(128 + signum)


def _install_handlers() -> None:
    global _handlers_installed
    if _handlers_installed or threading.current_thread() is not threading.main_thread():
        return
    for name in ("SIGTERM", "SIGHUP", "SIGINT"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            if name == "SIGINT" or signal.getsignal(sig) in (signal.SIG_DFL, None):
                signal.signal(sig, _cleanup_and_exit)
        except (ValueError, OSError):
            pass
    _handlers_installed = True


_TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + "[0-9a-f]{%d}" % TEMP_HEX + re.escape(TEMP_SUFFIX))


def sweep(directory: Path, now: float | None = None) -> int:
    """Remove tdkt temporary files older than a minute left in ``directory`` by a killed run."""
    now = time.time() if now is None else now
    removed = 0
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return 0
    for e in entries:
        if not _TEMP_NAME.fullmatch(e.name):
            continue
        try:
            st = e.stat(follow_symlinks=False)
            # only what tdkt leaves: its exact name, a regular file still 0600 (a finished write
            # sets the final mode), the user's own, a minute old — never a user's `.tdkt-notes.tmp`
            if (stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) == 0o600 and st.st_uid == os.getuid()
                    and now - st.st_mtime > SWEEP_AGE_SECONDS):
                os.unlink(e.path)
                removed += 1
        except OSError:
            continue
    return removed


def _mode_for(st: os.stat_result | None) -> int:
    if st is not None:
        return stat.S_IMODE(st.st_mode)  # keep an existing file's permissions
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class Changed(Exception):
    """The file is not what the caller last read (`write(..., expect=...)`): someone else wrote it."""


ANY = object()  # `expect`: whatever the file holds


def write(target: Target, data: bytes, *, expect: bytes | None | object = ANY) -> None:
    """Write ``data`` to a target validated by `prepare` (standard output when it has no path).

    ``expect`` makes the write conditional, for an editor saving what it loaded: ``None`` — the
    file must not exist (created in one step that never replaces a file made meanwhile); bytes —
    the file must still hold them, checked again just before the new file is put in place.
    Otherwise `Changed` is raised and nothing is written."""
    if target.path is None:
        out = getattr(sys.stdout, "buffer", None)
        try:
            if out is None:
                sys.stdout.write(data.decode("utf-8"))
            else:
                out.write(data)
            sys.stdout.flush()
        except OSError as exc:
            raise OutputError("O903", "-", reason=exc.strerror or str(exc)) from None
        return
    path = target.path
    directory = path.parent
    _install_handlers()
    sweep(directory)
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if st is not None and not stat.S_ISREG(st.st_mode):  # it changed since prepare()
        raise OutputError("O913", target.shown)
    tmp = str(directory / f"{TEMP_PREFIX}{secrets.token_hex(TEMP_HEX // 2)}{TEMP_SUFFIX}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        _live.add(tmp)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if expect is None:
            os.chmod(tmp, _mode_for(None))
            try:
                move_no_replace(Path(tmp), path)
            except FileExistsError:
                raise Changed(str(path)) from None
        else:
            if expect is not ANY and not _holds(path, expect):
                raise Changed(str(path))
            if st is not None and st.st_nlink > 1:
                _rewrite_in_place(path, tmp, data)  # keeps every hard link; tmp was the space check
                os.unlink(tmp)
            else:
                os.chmod(tmp, _mode_for(st))  # a document is shared like any file, not 0600
                os.replace(tmp, path)
        _live.discard(tmp)
    except OSError as exc:
        _discard(tmp)
        raise OutputError("O903", target.shown, reason=exc.strerror or str(exc)) from None
    except BaseException:
        _discard(tmp)
        raise


def _rewrite_in_place(path: Path, tmp: str, data: bytes) -> None:
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass
    _live.discard(tmp)


def write_atomic(path: Path | str, data: bytes, protect: list[Path] | None = None,
                 kind: str = "text", force: bool = True, keep_plans: bool = False,
                 expect: bytes | None | object = ANY) -> None:
    """Validate and write one file (callers with several outputs use `prepare` + `write`)."""
    write(prepare(path, kind, protect=protect or [], force=force, keep_plans=keep_plans), data, expect=expect)


def _holds(path: Path, data: bytes) -> bool:
    """The existing file already holds exactly ``data`` (re-running a command is harmless)."""
    try:
        if os.path.getsize(path) != len(data):
            return False
        with open(path, "rb") as fh:
            return fh.read(len(data) + 1) == data
    except OSError:
        return False


__all__ = ["ANY", "Changed", "KINDS", "OutputError", "Target", "prepare", "produced_by_tdkt", "stdout_target",
           "sweep", "write", "write_atomic"]


_RENAME_NOREPLACE = 1  # linux/fs.h


def move_no_replace(src: Path, dst: Path) -> None:
    """Rename ``src`` to ``dst`` unless ``dst`` exists, in one step: checking first and moving
    after would replace a file another user saved in between. FileExistsError if ``dst`` exists.
    renameat2(RENAME_NOREPLACE) where the kernel and file system have it; else a hard link (which
    fails if the name exists) and the old name removed. A symlink is moved, not its target."""
    import ctypes
    import errno

    libc = ctypes.CDLL(None, use_errno=True)
    call = getattr(libc, "renameat2", None)
    if call is not None:
        at_fdcwd = -100
        if call(at_fdcwd, os.fsencode(src), at_fdcwd, os.fsencode(dst), _RENAME_NOREPLACE) == 0:
            return
        err = ctypes.get_errno()
        if err not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # unsupported: fall back below
            raise OSError(err, os.strerror(err), str(dst)) if err != errno.EEXIST else FileExistsError(
                err, os.strerror(err), str(dst))
    _move_by_link(src, dst)


def _move_by_link(src: Path, dst: Path) -> None:
    os.link(src, dst, follow_symlinks=False)  # FileExistsError: nothing changed
    try:
        os.unlink(src)
    except OSError:
        os.unlink(dst)  # leave things as they were
        raise
