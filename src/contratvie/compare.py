"""Before/after comparison of two audits: the signed contract and its draft revision.

Per criterion: the level before and after, the evidence that appeared and disappeared, and the
evidence found on both sides. Evidence is matched by meaning, not by page: a passage that moved to
another page or was slightly reworded is the same passage. Two quotes are the same when their
sets of content words (folded, lightly stemmed, function words dropped) overlap enough (Jaccard).

Either side may be any input `contratvie audit` reads, or an audit JSON it wrote earlier.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from contratvie.audit import LEVEL_LABELS, Audit, DocumentInfo, Evidence, ToolInfo, gaps_of, score_of
from contratvie.errors import ContratvieError, InputError, os_reason
from contratvie.text import fold

COMPARISON_SCHEMA_VERSION = "1"
# Share of content words two quotes must have in common to be the same evidence.
SAME_EVIDENCE = 0.5

# Function words that carry no meaning of their own. Negation words (ne, pas, aucun, sans) are
# kept on purpose: "sera accompagné" and "ne sera pas accompagné" must not look alike for free.
STOPWORDS = frozenset("""
a au aux avec ce ces cet cette d dans de des du elle en est et etre il ils l la le les leur leurs
lui ou par pour qu que qui s sa se ses son sont sur un une y c j m n t ete sera seront ont a
ainsi afin dont mais ou donc or ni car tout tous toute toutes meme aussi entre
""".split())
_WORD = re.compile(r"[a-z0-9]+")


class EvidencePair(BaseModel):
    before: Evidence
    after: Evidence
    similarity: float
    moved: bool = False  # printed on another page
    reworded: bool = False  # not the same words
    counts_changed: bool = False  # counted on one side only (e.g. became negated)


class CriterionChange(BaseModel):
    id: str
    key: str = ""
    title: str = ""
    weight: int = 0
    level_before: int | None = None  # None: not evaluated on that side
    level_after: int | None = None
    label_before: str | None = None
    label_after: str | None = None
    change: str = "same"  # up, down, same, only_before, only_after
    appeared: list[Evidence] = Field(default_factory=list)
    disappeared: list[Evidence] = Field(default_factory=list)
    kept: list[EvidencePair] = Field(default_factory=list)
    missing_after: list[str] = Field(default_factory=list)
    recommendation: str = ""
    model_clause: str = ""


class Side(BaseModel):
    document: DocumentInfo
    score: float
    tool: ToolInfo


class Comparison(BaseModel):
    schema_version: str = COMPARISON_SCHEMA_VERSION
    before: Side
    after: Side
    score_delta: float
    criteria: list[CriterionChange]
    notes: list[str] = Field(default_factory=list)  # French warnings for the reader


# ------------------------------------------------------------ similarity of quotes

def content_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(fold(text)):
        if word in STOPWORDS:
            continue
        if len(word) > 3 and word[-1] in "sx":  # plural, lightly
            word = word[:-1]
        words.add(word)
    return words


def similarity(a: str, b: str) -> float:
    """Jaccard index of the content words of two quotes (1.0 for the same folded text)."""
    if fold(a) == fold(b):
        return 1.0
    wa, wb = content_words(a), content_words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def match_evidence(before: list[Evidence], after: list[Evidence], threshold: float = SAME_EVIDENCE):
    """Pair each quote with at most one on the other side, most similar pairs first.

    Returns (pairs, disappeared, appeared)."""
    candidates = []
    for i, old in enumerate(before):
        for j, new in enumerate(after):
            score = similarity(old.text, new.text)
            if score >= threshold:
                distance = abs((old.page or 0) - (new.page or 0))
                candidates.append((-score, distance, i, j, score))
    candidates.sort()
    used_before, used_after, pairs = set(), set(), []
    for _, _, i, j, score in candidates:
        if i in used_before or j in used_after:
            continue
        used_before.add(i)
        used_after.add(j)
        old, new = before[i], after[j]
        pairs.append(EvidencePair(
            before=old, after=new, similarity=round(score, 3),
            moved=old.page != new.page, reworded=fold(old.text) != fold(new.text),
            counts_changed=old.counts != new.counts,
        ))
    disappeared = [e for i, e in enumerate(before) if i not in used_before]
    appeared = [e for j, e in enumerate(after) if j not in used_after]
    return pairs, disappeared, appeared


# ------------------------------------------------------------ comparison

def _change(before: int | None, after: int | None) -> str:
    if before is None:
        return "only_after"
    if after is None:
        return "only_before"
    return "up" if after > before else "down" if after < before else "same"


def compare(old: Audit, new: Audit, threshold: float = SAME_EVIDENCE) -> Comparison:
    olds = {c.id: c for c in old.criteria}
    news = {c.id: c for c in new.criteria}
    changes = []
    for cid in sorted(set(olds) | set(news)):
        a, b = olds.get(cid), news.get(cid)
        ref = b or a
        pairs, disappeared, appeared = match_evidence(a.evidence if a else [], b.evidence if b else [], threshold)
        changes.append(CriterionChange(
            id=cid, key=ref.key, title=ref.title, weight=ref.weight,
            level_before=a.level if a else None, level_after=b.level if b else None,
            label_before=a.level_label if a else None, label_after=b.level_label if b else None,
            change=_change(a.level if a else None, b.level if b else None),
            appeared=appeared, disappeared=disappeared, kept=pairs,
            missing_after=list(b.missing) if b else [],
            recommendation=b.recommendation if b else "", model_clause=b.model_clause if b else "",
        ))
    return Comparison(
        before=Side(document=old.document, score=old.score, tool=old.tool),
        after=Side(document=new.document, score=new.score, tool=new.tool),
        score_delta=round(new.score - old.score, 1),
        criteria=changes,
        notes=_notes(old, new),
    )


def _notes(old: Audit, new: Audit) -> list[str]:
    notes = []
    if old.tool.rules_version != new.tool.rules_version:
        notes.append(
            f"Les deux audits n'ont pas été faits avec la même version des règles "
            f"({old.tool.rules_version or 'inconnue'} et {new.tool.rules_version or 'inconnue'}) : "
            f"une partie des écarts peut venir des règles, pas du texte."
        )
    only = sorted({c.id for c in old.criteria} ^ {c.id for c in new.criteria})
    if only:
        notes.append(f"Critères évalués d'un seul côté : {', '.join(only)}.")
    for label, audit in (("ancienne", old), ("nouvelle", new)):
        if audit.document.unreadable_pages:
            pages = ", ".join(map(str, audit.document.unreadable_pages))
            notes.append(f"Pages illisibles dans la version {label} : {pages}.")
    return notes


# ------------------------------------------------------------ inputs

def is_audit_json(path: Path) -> bool:
    return Path(path).suffix.lower() == ".json"


def read_audit_json(path: Path) -> Audit:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(str(path), "fichier introuvable.") from None
    except OSError as error:
        raise InputError(str(path), f"fichier illisible ({os_reason(error)}).") from None
    try:
        return Audit.model_validate_json(data)
    except (ValidationError, ValueError):
        raise InputError(
            str(path),
            "ce fichier JSON n'est pas un audit contratvie (attendu : la sortie de "
            "« contratvie audit --format json »).",
        ) from None


def restrict(audit: Audit, select: list[str] | None, ignore: list[str] | None) -> Audit:
    """Keep the selected criteria of a stored audit, and recompute its score and gaps."""
    if not select and not ignore:
        return audit

    def named(criterion, names):
        wanted = {n.lower() for n in names}
        return criterion.id.lower() in wanted or criterion.key.lower() in wanted

    for name in [*(select or []), *(ignore or [])]:
        if not any(named(c, [name]) for c in audit.criteria):
            raise ContratvieError(f"critère « {name} » absent de l'audit {audit.document.path}.")
    criteria = [c for c in audit.criteria
                if (not select or named(c, select)) and not (ignore and named(c, ignore))]
    return audit.model_copy(update={"criteria": criteria, "score": score_of(criteria),
                                    "gaps": gaps_of(criteria)})


def audit_side(path: Path, *, ruleset_loader, password: str | None = None, ocr: bool = False,
               select: list[str] | None = None, ignore: list[str] | None = None) -> Audit:
    """An audit for one side: read back from an audit JSON, or made now from the document."""
    if is_audit_json(path):
        return restrict(read_audit_json(path), select, ignore)
    from contratvie import engine, ingest

    document = ingest.load(path, password=password, ocr=ocr)
    return engine.evaluate(document, ruleset_loader())


def compare_paths(old: Path, new: Path, *, rules_dir: Path | None = None, select=None, ignore=None,
                  password: str | None = None, ocr: bool = False) -> Comparison:
    cache = {}

    def ruleset():  # loaded once, and only when a side is a document
        if "rules" not in cache:
            from contratvie import engine

            cache["rules"] = engine.load_rules(rules_dir, select=select, ignore=ignore)
        return cache["rules"]

    options = dict(ruleset_loader=ruleset, password=password, ocr=ocr, select=select, ignore=ignore)
    return compare(audit_side(Path(old), **options), audit_side(Path(new), **options))
