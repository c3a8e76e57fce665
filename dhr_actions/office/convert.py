"""Legacy and OpenDocument files converted with LibreOffice headless.

``.doc``, ``.xls``, ``.odt``, ``.ods`` and ``.rtf`` are converted to
``.docx`` or ``.xlsx`` and read as those. LibreOffice runs with a private
profile in a private temporary directory, with macros disabled by its
headless defaults, and is killed (with everything it started) at the time
limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..model.errors import DocumentError
from .formats import Format

CONVERT_TIME_LIMIT_S = 120.0


class ConversionFailed(DocumentError):
    """LibreOffice could not convert the file, or is not installed."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def converted(path: Path, fmt: Format, time_limit: float = CONVERT_TIME_LIMIT_S) -> Iterator[tuple[Path, str]]:
    """``path`` converted to ``.docx`` or ``.xlsx`` in a temporary directory
    (removed on exit), with a note saying how."""
    exe = soffice()
    target = "docx" if fmt.family == "word" else "xlsx"
    if exe is None:
        raise ConversionFailed(f"{fmt.value} file: LibreOffice is needed to read it (make system-deps)")
    with tempfile.TemporaryDirectory(prefix="dhr-convert-") as tmp:
        work = Path(tmp)
        # A plain name: LibreOffice reads options from names starting "-".
        source = work / f"source.{fmt.value}"
        shutil.copyfile(path, source)
        started = time.monotonic()
        command = [
            exe,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        _run(command, time_limit)
        out = work / "out" / f"source.{target}"
        if not out.exists() or out.stat().st_size == 0:
            raise ConversionFailed(f"{fmt.value} file: LibreOffice could not convert it")
        seconds = time.monotonic() - started
        yield out, f"converted from .{fmt.value} to .{target} by LibreOffice ({seconds:.1f} s)"


def _run(command: list[str], time_limit: float) -> None:
    """Run LibreOffice in its own process group; kill the group past the limit."""
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True
    )
    try:
        proc.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise ConversionFailed(f"conversion by LibreOffice gave up after {time_limit:.0f} s") from None
