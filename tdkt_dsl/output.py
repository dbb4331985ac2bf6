"""Atomic output: write to a temporary file beside the target, then rename over it.

A failed build therefore leaves nothing half-written, and a build never writes over its source.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .diagnostics import Problem


class OutputError(Problem):
    """An output tdkt will not or cannot write (codes O9xx of the catalogue)."""

    def __init__(self, code: str, path: Path | str, **params: object) -> None:
        super().__init__(code, str(path), path=str(path), **params)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777  # keep an existing file's permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, data: bytes, protect: list[Path] | None = None, *, keep_plans: bool = False) -> None:
    """``keep_plans``: a build's output never replaces an existing `.tdkt` file, whether or not it is
    this plan's source (`build a.tdkt -o b.tdkt` would otherwise destroy another plan)."""
    target = Path(path)
    if keep_plans and target.suffix.lower() == ".tdkt" and target.exists():
        raise OutputError("O901", target)
    for p in protect or []:
        try:
            if target.resolve() == p.resolve():
                raise OutputError("O901", target)
        except OSError:
            continue
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError("O902", directory)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=str(directory))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))  # mkstemp makes 0600; a document is shared like any file
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise OutputError("O903", target, reason=exc.strerror or str(exc)) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
