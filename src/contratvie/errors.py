"""Errors a user can act on. Each carries one French message naming the file and the problem;
the CLI prints it on stderr and exits with code 2, never with a traceback."""

from __future__ import annotations


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
