"""Small contract-like documents for the end-to-end batch and compare tests."""

from __future__ import annotations

from pathlib import Path

import pdf_helpers

INTRO = [
    "Le présent contrat de ville engage l'État, l'agglomération et les communes pour la période "
    "2024-2030 en faveur des quartiers prioritaires de la politique de la ville.",
    "Le diagnostic partagé a mis en évidence un tissu associatif dense mais fragile.",
]
WEAK_VA05 = "Les conseils citoyens seront associés à la démarche."
STRONG_VA05 = (
    "Chaque conseil citoyen sera accompagné par le centre social de Valmont, structure d'éducation "
    "populaire, avec un budget annuel de 5 000 € pour la formation de ses membres et son "
    "fonctionnement ; un bilan est présenté chaque année au comité de pilotage."
)
STRONG_VA04 = (
    "La Ville s'engage à accompagner les associations dans le montage de leurs dossiers de demande "
    "de subvention : une session d'information sur l'appel à projets est organisée chaque année "
    "et des conventions pluriannuelles d'objectifs sont signées avec 10 associations d'ici 2026."
)


def markdown(title: str, paragraphs: list[str]) -> str:
    body = "\n\n".join(paragraphs)
    return f"# {title}\n\n## Pilier cohésion sociale\n\n{body}\n"


def write_md(path: Path, title: str, paragraphs: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(title, paragraphs), encoding="utf-8")
    return path


def write_pdf(path: Path, title: str, paragraphs: list[str]) -> Path:
    """A PDF with a real Unicode text layer: the title, then the paragraphs."""
    return pdf_helpers.write_pdf(path, [(title, paragraphs)])
