"""Writing outputs: atomically, so that a crash or Ctrl-C never leaves a half-written report."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from contratvie.errors import ContratvieError, os_reason


def check_output(path: Path | None, *inputs: Path) -> None:
    """Refuse an `-o` file that cannot be written, before any work: its folder must exist (a
    mistyped folder is an error, not a new tree), it must not be a folder itself, and it must not
    be one of the documents read (a report written over the contract would destroy it)."""
    if path is None:
        return
    path = Path(path)
    folder = path.parent
    if any(Path(source).exists() and path.exists() and path.samefile(source) for source in inputs):
        raise ContratvieError(f"-o {path} : c'est le document à lire ; choisissez un autre fichier de sortie.")
    if path.is_dir():
        raise ContratvieError(f"-o {path} : c'est un dossier ; indiquez un chemin de fichier.")
    if not folder.exists():
        raise ContratvieError(f"-o {path} : le dossier {folder} n'existe pas.")
    if not folder.is_dir():
        raise ContratvieError(f"-o {path} : {folder} n'est pas un dossier.")
    if not os.access(folder, os.W_OK):
        raise ContratvieError(f"-o {path} : impossible d'écrire dans le dossier {folder} (permission refusée).")


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write to a temporary file in the same folder, then rename it over the target."""
    path = Path(path)
    if path.is_dir():
        raise ContratvieError(f"{path} : c'est un dossier, impossible d'y écrire un fichier.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ContratvieError(f"{path} : impossible d'écrire le fichier ({os_reason(error)}).") from None
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise ContratvieError(f"{path} : impossible d'écrire le fichier ({os_reason(error)}).") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def announce(message: str) -> None:
    """One line on stderr after a file was written with -o: where, and the gist of it. The path
    came from the command line and may hold terminal escape sequences: they are blanked."""
    from contratvie.text import strip_controls

    sys.stderr.write(strip_controls(message) + "\n")


def _mode_for(path: Path) -> int:
    """The permissions a plain `open` would give: those of the file replaced, else 0666 less the
    umask (mkstemp's 0600 would hide a shared report from colleagues)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_output(data: str | bytes, path: Path | None) -> None:
    """To a file when a path is given, otherwise to stdout (text only)."""
    if path is not None:
        write_atomic(path, data)
        return
    if isinstance(data, bytes):
        raise ContratvieError("ce format est binaire : indiquez un fichier de sortie avec -o.")
    sys.stdout.write(data if data.endswith("\n") else data + "\n")
