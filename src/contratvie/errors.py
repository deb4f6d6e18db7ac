"""Errors a user can act on. Each carries one French message naming the file and the problem;
the CLI prints it on stderr and exits with code 2, never with a traceback."""

from __future__ import annotations

import errno

# French for the OS errors a user can meet: error.strerror is in English (the C library's).
OS_REASONS = {
    errno.ENOENT: "introuvable",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENAMETOOLONG: "nom trop long",
    errno.EDQUOT: "quota disque dépassé",
    errno.EIO: "erreur d'entrée-sortie",
}


def os_reason(error: OSError) -> str:
    """The reason of an OS error, in French (the errno name when it is not a common one)."""
    if error.errno in OS_REASONS:
        return OS_REASONS[error.errno]
    return f"erreur système {errno.errorcode.get(error.errno, error.errno)}" if error.errno else "erreur système"


class ContratvieError(Exception):
    """Base: unusable input or options (exit 2)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(ContratvieError):
    """A file that cannot be read: missing, not a PDF, encrypted, corrupt, empty..."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path} : {problem}")
        self.path = path
        self.problem = problem


class PasswordRequired(InputError):
    def __init__(self, path: str, wrong: bool = False):
        problem = (
            "le mot de passe fourni est incorrect."
            if wrong
            else "le PDF est protégé par un mot de passe ; relancez avec --password."
        )
        super().__init__(path, problem)


class RuleError(ContratvieError):
    """A rule file that does not validate: names the file, the line and the field."""

    def __init__(self, path: str, problem: str, line: int | None = None, field: str | None = None):
        where = f"{path}, ligne {line}" if line else path
        what = f"champ « {field} » : " if field else ""
        super().__init__(f"{where} : {what}{problem}")
        self.path, self.line, self.field = path, line, field
