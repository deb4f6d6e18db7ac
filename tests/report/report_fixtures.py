"""Audits built by hand, shaped like what the engine produces, for the report tests.

A uniquely named module (not conftest) so that tests can import it next to other test folders."""

from __future__ import annotations

from contratvie.audit import (
    LEVEL_LABELS, Audit, CriterionResult, DocumentInfo, Evidence, ToolInfo, gaps_of, score_of,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

CRITERIA = [
    # id, key, title, weight, level
    ("VA01", "strategie", "Une stratégie vie associative dans le contrat", 2, 2),
    ("VA02", "operateurs", "Opérateurs associatifs identifiés dans chaque quartier prioritaire", 3, 0),
    ("VA03", "initiatives", "Capitaliser sur les initiatives citoyennes", 2, 3),
    ("VA04", "financements", "Accès des associations aux financements de la politique de la ville", 3, 2),
    ("VA05", "conseils-citoyens", "Accompagnement des conseils citoyens par l'éducation populaire", 3, 1),
    ("VA06", "gouvernance-citoyenne", "Place des habitants dans la gouvernance du contrat", 2, 3),
    ("VA07", "coordination", "Coordination des interventions des acteurs", 3, 0),
    ("VA08", "ressources-appui", "Mobilisation des ressources d'appui à la vie associative", 2, 1),
]

EVIDENCE = {
    "VA01": [
        Evidence(page=14, page_label="12", section="Pilier cohésion sociale > Axe 4 : vie associative",
                 kind="heading", text="Axe 4 : soutenir la vie associative dans les quartiers", level=2,
                 terms=["vie associative"]),
        Evidence(page=15, page_label="13", section="Pilier cohésion sociale > Axe 4 : vie associative",
                 kind="body", level=2, terms=["vie associative", "stratégie"],
                 text="Les signataires élaborent une stratégie partagée de soutien à la vie associative "
                      "dans les quartiers prioritaires, articulée avec la charte des engagements réciproques."),
        Evidence(page=2, page_label=None, section="Sommaire", kind="toc", counts=False, level=0,
                 text="Axe 4 : vie associative ........ 12", qualifiers=["toc"], terms=["vie associative"]),
    ],
    "VA02": [
        Evidence(page=31, page_label="29", section="Diagnostic > Quartier des Fontaines", kind="body",
                 counts=False, level=0, qualifiers=["past"], cues={"past": "avait été réalisé"},
                 terms=["recensement", "associations"],
                 text="Un recensement des associations présentes dans le quartier avait été réalisé en 2016."),
        Evidence(page=44, page_label="42", section="Pilier cohésion sociale > Axe 2", kind="body",
                 counts=False, level=0, qualifiers=["hypothesis"], cues={"hypothesis": "pourrait"},
                 terms=["cartographie", "opérateurs"],
                 text=f"Une cartographie des opérateurs pourrait être envisagée {SCRIPT} à terme."),
    ],
    "VA03": [
        Evidence(page=52, page_label="50", section="Pilier cohésion sociale > Axe 3 > Fiche action 3.2",
                 kind="table", level=3, markers=["pilote", "montant", "calendrier"],
                 terms=["fonds de participation des habitants", "FPH"],
                 text="Fonds de participation des habitants (FPH) | Pilote : Ville | 15 000 € par an | 2024-2030"),
        Evidence(page=53, page_label="51", section="Pilier cohésion sociale > Axe 3", kind="body", level=2,
                 terms=["initiatives habitants"],
                 text="Les initiatives habitants seront valorisées lors d'une rencontre annuelle."),
    ],
    "VA04": [
        Evidence(page=23, page_label="21", section="Pilier cohésion sociale > Axe 3", kind="body",
                 level=2, markers=["montant"], terms=["associations", "appel à projets"],
                 text=f"Les associations sont accompagnées dans le montage de leurs dossiers {IMG} "
                      "lors de sessions d'information sur l'appel à projets."),
        Evidence(page=24, page_label="22", section="Pilier cohésion sociale > Axe 3", kind="body",
                 counts=False, level=0, qualifiers=["negation"], cues={"negation": "aucun"},
                 terms=["financement", "associations"],
                 text="Aucun financement spécifique n'est prévu pour les petites associations."),
        Evidence(page=25, page_label="23", section="Pilier cohésion sociale > Axe 3", kind="body", level=2,
                 terms=["CPO"], markers=["pilote"],
                 text="=HYPERLINK(\"http://x\";\"CPO\") Des conventions pluriannuelles d'objectifs (CPO) sont "
                      "proposées | aux associations structurantes."),
    ],
    "VA05": [
        Evidence(page=40, page_label="38", section="Gouvernance > Conseils citoyens", kind="body", level=1,
                 terms=["conseil citoyen"],
                 text="Chaque quartier prioritaire dispose d'un conseil citoyen."),
        Evidence(page=41, page_label="39", section="Gouvernance > Conseils citoyens", kind="body",
                 counts=False, level=0, qualifiers=["hypothesis", "exception"],
                 cues={"hypothesis": "le cas échéant", "exception": "sauf"},
                 terms=["conseil citoyen", "accompagnement"],
                 text="Le cas échéant, un accompagnement des conseils citoyens sera proposé, sauf pour le "
                      "quartier Nord."),
    ],
    "VA06": [
        Evidence(page=60, page_label="58", section="Gouvernance > Comité de pilotage", kind="body", level=3,
                 markers=["pilote", "calendrier"], terms=["conseil citoyen", "comité de pilotage"],
                 text="Deux représentants de chaque conseil citoyen siègent au comité de pilotage, réuni "
                      "deux fois par an sous la présidence du préfet et du président de l'EPCI."),
    ],
    "VA07": [],
    "VA08": [
        Evidence(page=70, page_label="68", section="Annexes > Glossaire", kind="glossary", counts=False,
                 level=0, qualifiers=["glossary"], terms=["PIVA"],
                 text="PIVA : point d'information à la vie associative"),
        Evidence(page=62, page_label="60", section="Pilier cohésion sociale > Axe 4", kind="body", level=1,
                 terms=["Guid'Asso"],
                 text="Le réseau Guid'Asso est présent sur le territoire | @SUM(1+1) -2 +3."),
    ],
}

MISSING = {
    1: ["action", "pilote", "montant", "calendrier", "indicateur"],
    2: ["calendrier", "indicateur"],
}


def make_criteria(levels: dict[str, int] | None = None) -> list[CriterionResult]:
    criteria = []
    for cid, key, title, weight, level in CRITERIA:
        level = (levels or {}).get(cid, level)
        criteria.append(CriterionResult(
            id=cid, key=key, title=title, weight=weight, level=level, level_label=LEVEL_LABELS[level],
            evidence=[e.model_copy(deep=True) for e in EVIDENCE[cid]],
            missing=MISSING.get(level, ["sujet"] if level == 0 else []),
            recommendation=f"Recommandation pour {cid} : écrire un engagement précis avec pilote et moyens.",
            model_clause=f"« Pour {cid}, [porteur] s'engage à [action], doté de [montant] € par an, "
                         "évalué chaque année par [indicateur]. »",
        ))
    return criteria


def make_audit(levels: dict[str, int] | None = None, **document) -> Audit:
    criteria = make_criteria(levels)
    info = dict(
        path="samples/contrat <b>ville</b> & co.pdf", sha256="ab" * 32, format="pdf",
        title="Contrat de ville 2024-2030 de l'agglomération du Val-Fleuri", pages=84,
        unreadable_pages=[12, 13, 14, 80],
    )
    info.update(document)
    return Audit(
        tool=ToolInfo(rules_version="test-rules-1"),
        document=DocumentInfo(**info),
        score=score_of(criteria),
        criteria=criteria,
        gaps=gaps_of(criteria),
    )
