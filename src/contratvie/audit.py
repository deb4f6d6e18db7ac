"""The Audit: what the engine produces and every report, batch and compare reads.

Field names are the report contract of shared/design/REPORT.md: downstream tools rely on them.
Add fields freely; rename or remove one only with a new SCHEMA_VERSION.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from contratvie import __version__

SCHEMA_VERSION = "1"

LEVEL_LABELS = {0: "absent", 1: "mentionné", 2: "décrit", 3: "engagé"}
MARKERS = ("pilote", "montant", "calendrier", "indicateur")
QUALIFIERS = (
    "negation", "hypothesis", "exception", "past", "legal_frame",
    "toc", "header", "footer", "glossary", "signature", "heading_only",
)
# French wording of markers and qualifiers, for the human-readable reports.
MARKER_LABELS = {
    "pilote": "pilote identifié",
    "montant": "moyens chiffrés",
    "calendrier": "calendrier",
    "indicateur": "indicateur",
}
MISSING_LABELS = {
    "pilote": "pas de pilote identifié",
    "montant": "aucun montant ni moyen chiffré",
    "calendrier": "aucun calendrier",
    "indicateur": "aucun indicateur",
}
QUALIFIER_LABELS = {
    "negation": "négation",
    "hypothesis": "hypothèse ou condition",
    "exception": "exception",
    "past": "constat passé",
    "legal_frame": "rappel du cadre légal",
    "toc": "sommaire",
    "header": "en-tête",
    "footer": "pied de page",
    "glossary": "glossaire",
    "signature": "page de signatures",
    "heading_only": "titre seul",
}


class ToolInfo(BaseModel):
    name: str = "contratvie"
    version: str = __version__
    rules_version: str = ""


class DocumentInfo(BaseModel):
    path: str
    sha256: str
    format: str
    title: str | None = None
    pages: int
    unreadable_pages: list[int] = Field(default_factory=list)


class Evidence(BaseModel):
    page: int | None = None
    page_label: str | None = None
    section: str = ""
    kind: str = "body"
    text: str
    markers: list[str] = Field(default_factory=list)
    qualifiers: list[str] = Field(default_factory=list)
    counts: bool = True
    # Additions to the contract: the level this piece supports on its own, the words that
    # matched, and the cues behind each qualifier (e.g. {"negation": "aucun"}).
    level: int = 1
    terms: list[str] = Field(default_factory=list)
    cues: dict[str, str] = Field(default_factory=dict)


class CriterionResult(BaseModel):
    id: str
    key: str
    title: str
    weight: int
    level: int
    level_label: str
    evidence: list[Evidence] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    recommendation: str = ""
    model_clause: str = ""


class Gap(BaseModel):
    id: str
    key: str
    level: int
    severity: int
    recommendation: str = ""
    model_clause: str = ""


class Audit(BaseModel):
    schema_version: str = SCHEMA_VERSION
    tool: ToolInfo = Field(default_factory=ToolInfo)
    document: DocumentInfo
    score: float
    criteria: list[CriterionResult]
    gaps: list[Gap]


def score_of(criteria: list[CriterionResult]) -> float:
    """100 × Σ(weight × level / 3) / Σ weight, one decimal (REPORT.md)."""
    total = sum(c.weight for c in criteria)
    if not total:
        return 0.0
    return round(100 * sum(c.weight * c.level / 3 for c in criteria) / total, 1)


def gaps_of(criteria: list[CriterionResult]) -> list[Gap]:
    """Criteria below level 3, by severity = weight × (3 − level), highest first, then by id."""
    gaps = [
        Gap(id=c.id, key=c.key, level=c.level, severity=c.weight * (3 - c.level),
            recommendation=c.recommendation, model_clause=c.model_clause)
        for c in criteria if c.level < 3
    ]
    return sorted(gaps, key=lambda g: (-g.severity, g.id))
