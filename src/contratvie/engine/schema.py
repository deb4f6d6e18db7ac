"""The schema of a rule file (rules/VA01.yaml ...), validated with pydantic.

A rule says what names the subject of a criterion (level 1), what describes an action or an
orientation on it (level 2), where evidence counts, and what to propose when it is missing.
Commitment markers (level 3) and qualifier cues (negation, hypothesis...) are shared by every
rule and live in rules/_markers.yaml and rules/_qualifiers.yaml.
"""

from __future__ import annotations

from typing import Union

from pydantic import BaseModel, ConfigDict, Field, field_validator

# A term is a phrase: each word matches its inflections (lemma) and its damaged forms
# (accents, case, ligatures). A term written in capitals (FPH, CPO, PIVA) is an acronym and
# matches case-sensitively as a whole token.
Term = str


class CoOccurrence(BaseModel):
    """Matches a sentence holding at least one term of every group: e.g. an association word
    and a funding word. Weaker than a term alone: `off_topic` can veto it."""

    model_config = ConfigDict(extra="forbid")
    all: list[list[Term]] = Field(min_length=2)


SubjectEntry = Union[Term, CoOccurrence]


class Changes(BaseModel):
    """Terms a user rule adds to, or removes from, the rule it extends."""

    model_config = ConfigDict(extra="forbid")
    subject: list[SubjectEntry] = Field(default_factory=list)
    actions: list[Term] = Field(default_factory=list)
    exclude: list[Term] = Field(default_factory=list)
    off_topic: list[Term] = Field(default_factory=list)


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[A-Z]{2,4}\d{2,3}$")
    key: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    weight: int = Field(ge=0, le=10)
    description: str  # what the criterion checks (French)
    why: str  # why it matters, from the checklist and the seed (French)
    anti_pattern: str  # what contracts too often write instead (French)
    best_practice: str  # what a good contract writes (French)
    levels: dict[int, str]  # 1, 2, 3: what raises each level, for `explain` (French)
    subject: list[SubjectEntry] = Field(min_length=1)  # level 1: the subject is named
    actions: list[Term] = Field(min_length=1)  # level 2: with the subject, an action/orientation
    exclude: list[Term] = Field(default_factory=list)  # phrases that are not the subject
    off_topic: list[Term] = Field(default_factory=list)  # sector words that veto co-occurrences
    kinds: list[str] = Field(default_factory=lambda: ["body", "list_item", "table", "heading"])
    recommendation: str  # shown for a gap (French)
    model_clause: str  # "proposition de rédaction" with [placeholders] (French)
    examples: list[str] = Field(default_factory=list)  # inline markup, see rules/README.md
    # A user rule may extend a shipped one: `extends: VA04`, then `add:` / `remove:`.
    extends: str | None = None
    add: Changes | None = None
    remove: Changes | None = None

    @field_validator("levels")
    @classmethod
    def _three_levels(cls, value: dict[int, str]) -> dict[int, str]:
        if sorted(value) != [1, 2, 3]:
            raise ValueError("il faut décrire les niveaux 1, 2 et 3")
        return value
