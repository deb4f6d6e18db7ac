"""Which files a batch audits, and the unique name of each one's reports."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from contratvie.errors import InputError
from contratvie.ingest import SUPPORTED
from contratvie.text import fold


def collect_inputs(paths: list[Path], skip: Path | None = None) -> list[Path]:
    """Files given by name, plus every supported file under the folders given (recursively).

    A file named explicitly is kept whatever its extension: if it cannot be read, the batch
    records why. In folders, hidden files and folders and `skip` (the output folder) are left out.
    """
    skip_resolved = skip.resolve() if skip is not None else None
    found: list[Path] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if path.is_dir():
            for child in _walk(path, skip_resolved):
                add(child)
        elif path.exists():
            add(path)
        else:
            raise InputError(str(path), "fichier ou dossier introuvable.")
    return found


def _walk(folder: Path, skip: Path | None) -> list[Path]:
    files = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") or (skip is not None and child.resolve() == skip):
            continue
        if child.is_dir():
            files.extend(_walk(child, skip))
        elif child.suffix.lower() in SUPPORTED:
            files.append(child)
    return files


def slug(text: str) -> str:
    """A safe file-name fragment: accent-free, lowercase, letters, digits and dashes."""
    text = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return text[:80] or "document"


def report_names(files: list[Path]) -> list[str]:
    """One name per file, from its name; files sharing a name get their folders in theirs."""
    names = [slug(f.stem) for f in files]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, name in enumerate(names):
        groups[name].append(index)
    for indexes in groups.values():
        if len(indexes) > 1:
            for index in indexes:
                names[index] = _qualified(files[index], [files[i] for i in indexes])
    # Whatever remains equal (same folder name, or contrat.pdf beside contrat.docx) gets a number.
    used: dict[str, int] = {}
    unique = []
    for name in names:
        count = used.get(name, 0) + 1
        used[name] = count
        unique.append(name if count == 1 else f"{name}-{count}")
    # A numbered name may collide with a real one ("a-2"): number again until all differ.
    while len(set(unique)) < len(unique):
        unique = [n if unique.index(n) == i else f"{n}-{i + 1}" for i, n in enumerate(unique)]
    return unique


def _qualified(path: Path, group: list[Path]) -> str:
    """The file's stem prefixed with the folders that tell it apart from the rest of its group."""
    parts = path.resolve().parent.parts
    others = [p.resolve().parent.parts for p in group if p is not path]
    common = 0
    while all(len(o) > common and len(parts) > common and o[common] == parts[common] for o in others):
        common += 1
    distinct = parts[common:]
    if not distinct:  # same folder: contrat.pdf beside contrat.docx
        return slug(f"{path.stem}-{path.suffix}")
    return slug("-".join([*distinct[-2:], path.stem]))
