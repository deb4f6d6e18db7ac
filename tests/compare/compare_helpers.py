"""Audits built by hand, shaped like the engine's, for the comparison tests."""

from __future__ import annotations

from contratvie.audit import LEVEL_LABELS, Audit, CriterionResult, DocumentInfo, Evidence, ToolInfo, gaps_of, score_of

TITLES = {"VA01": ("strategie", "Stratégie vie associative", 2),
          "VA05": ("conseils-citoyens", "Accompagnement des conseils citoyens", 3)}


def ev(text: str, page: int = 1, counts: bool = True, level: int = 1, **extra) -> Evidence:
    return Evidence(text=text, page=page, page_label=str(page), counts=counts, level=level, **extra)


def make_audit(path: str, levels: dict[str, int], evidence: dict[str, list[Evidence]] | None = None,
               rules_version: str = "1") -> Audit:
    evidence = evidence or {}
    criteria = []
    for cid, level in sorted(levels.items()):
        key, title, weight = TITLES[cid]
        criteria.append(CriterionResult(
            id=cid, key=key, title=title, weight=weight, level=level, level_label=LEVEL_LABELS[level],
            evidence=evidence.get(cid, []), missing=["montant"] if level < 3 else [],
            recommendation="Nommer qui accompagne chaque conseil citoyen.",
            model_clause="Chaque conseil citoyen est accompagné par [structure].",
        ))
    return Audit(
        tool=ToolInfo(rules_version=rules_version),
        document=DocumentInfo(path=path, sha256="0" * 64, format="pdf", title="Contrat de ville", pages=40),
        score=score_of(criteria), criteria=criteria, gaps=gaps_of(criteria),
    )
