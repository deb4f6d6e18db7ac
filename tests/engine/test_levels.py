"""Grading: markers, their scope (sentence, paragraph, table row), places that do not count."""

from types import SimpleNamespace

import pytest
from engine_helpers import criterion

from contratvie.document import Block
from contratvie.engine.compiled import compile_ruleset
from contratvie.engine.evaluate import missing_for
from contratvie.engine.qualify import text_markers
from contratvie.engine.patterns import tokenize


def markers_of(ruleset, text):
    compiled = compile_ruleset(ruleset)
    return text_markers(tokenize(text, compiled.lemma_map).folded, compiled)


def test_markers_detected(ruleset):
    assert markers_of(ruleset, "La Ville s'engage à verser 12 000 € par an.") == {"pilote", "montant", "calendrier"}
    assert markers_of(ruleset, "Action pilotée par le centre social, 1,5 ETP.") == {"pilote", "montant"}
    assert markers_of(ruleset, "Indicateur : nombre d'associations accompagnées d'ici 2026.") == {"indicateur", "calendrier"}
    assert markers_of(ruleset, "Une réunion deux fois par an.") == {"calendrier"}


def test_more_markers(ruleset):
    # a passive agent with words between the participle and "par"
    assert "pilote" in markers_of(ruleset, "Un état des lieux sera réalisé en 2016 par la Communauté urbaine.")
    # a named actor as the subject of a commitment verb
    assert "pilote" in markers_of(ruleset, "L'État et la Communauté urbaine réservent trois sièges au comité.")
    assert "pilote" in markers_of(ruleset, "La Ville, l'EPCI et la CAF financeront le poste.")
    assert "pilote" in markers_of(ruleset, "Les signataires mettent en place une instance commune.")
    # frequencies
    for text in ("Une permanence hebdomadaire.", "Une réunion mensuelle.", "Renouvelé tous les deux ans.",
                 "Le comité se réunit trois fois par an."):
        assert markers_of(ruleset, text) == {"calendrier"}, text


def test_passive_agent_is_any_organisation_or_role(ruleset):
    for text in ("Un état des lieux sera conduit en 2025 et 2026 par l'Agence d'urbanisme.",
                 "Les porteurs seront reçus individuellement par le chef de projet.",
                 "Le répertoire sera tenu à jour par la mission vie associative.",
                 "Un diagnostic établi avec les têtes de réseau par le délégué du préfet."):
        assert "pilote" in markers_of(ruleset, text), text
    # no agent: "par la suite", "par le biais de", residents
    for text in ("Un diagnostic sera partagé par la suite.", "Une aide apportée par le biais du contrat.",
                 "Des projets choisis par les habitants."):
        assert "pilote" not in markers_of(ruleset, text), text


def test_targets_and_deadlines(ruleset):
    for text in ("Au moins douze conventions.", "Une cinquantaine d'associations accompagnées.",
                 "Toucher 100 % des conseils citoyens.", "24 associations soutenues."):
        assert markers_of(ruleset, text) == {"indicateur"}, text
    for text in ("Dès la programmation 2020.", "Versée avant le 30 avril.", "Versée au premier trimestre.",
                 "À partir de l'appel à projets 2025.", "Au titre de l'exercice 2026."):
        assert markers_of(ruleset, text) == {"calendrier"}, text
    # a count in a description is no target
    assert markers_of(ruleset, "Le quartier compte une cinquantaine d'associations.") == set()


def test_marker_overlapping_the_subject_counts(ruleset):
    # "appel à projets" is a subject word of TS01; the year after it still dates the support
    result = criterion(ruleset, Block("Les associations seront accompagnées pour l'appel à projets "
                                      "dès l'appel à projets 2025 par le centre social."))
    assert result.level == 3
    assert set(result.evidence[0].markers) == {"pilote", "calendrier"}


def test_not_markers(ruleset):
    assert markers_of(ruleset, "Conformément à la loi du 21 février 2014, le contrat de ville 2024-2030.") == set()
    assert markers_of(ruleset, "Un grand nombre de structures ont vocation à favoriser la participation.") == set()
    # residents or the public are no responsible actor
    assert markers_of(ruleset, "Les micro-projets portés par les habitants du quartier.") == set()
    assert markers_of(ruleset, "Des actions animées par des jeunes bénévoles.") == set()
    # the date of a law is no calendar
    assert markers_of(ruleset, "En application du décret n° 2014-1750 du 30 décembre 2014.") == set()
    assert markers_of(ruleset, "La loi Lamy du 21 février 2014 pour les quartiers.") == set()


def test_levels_in_one_sentence(ruleset):
    assert criterion(ruleset, Block("Le conseil citoyen se réunit.")).level == 1
    assert criterion(ruleset, Block("Le conseil citoyen sera accompagné.")).level == 2
    three = criterion(ruleset, Block("Le conseil citoyen sera accompagné par la MJC avec 5 000 € par an."))
    assert three.level == 3 and three.missing == []
    assert three.evidence[0].markers == ["pilote", "montant", "calendrier"]


def test_markers_in_the_same_paragraph_count(ruleset):
    first = Block("Le conseil citoyen sera accompagné. La MJC en a la charge avec 8 000 € chaque année.", paragraph=4)
    assert criterion(ruleset, first).level == 3
    split = [Block("Le conseil citoyen sera accompagné.", paragraph=4),
             Block("Une enveloppe de 8 000 € est prévue chaque année.", paragraph=4)]
    assert criterion(ruleset, *split).level == 3


def test_negated_or_hypothetical_markers_do_not_count(ruleset):
    # "le cas échéant, 5 000 €" is no means, "aucun calendrier n'est fixé" no calendar
    blocks = [Block("Le conseil citoyen sera accompagné par la MJC.", paragraph=4),
              Block("Le cas échéant, une aide de 5 000 € pourra compléter ce soutien.", paragraph=4)]
    result = criterion(ruleset, *blocks)
    assert result.level == 2 and result.evidence[0].markers == ["pilote"]
    own = Block("Le conseil citoyen sera accompagné par la MJC ; aucun budget n'est prévu en 2025.")
    assert criterion(ruleset, own).evidence[0].markers == ["pilote"]


def test_actions_inside_the_subject_do_not_count(ruleset):
    # "information" is an action of TS02, but here it is a word of the subject itself
    named = criterion(ruleset, Block("Le territoire compte deux points d'information à la vie associative."), rule="TS02")
    assert named.level == 1
    described = criterion(ruleset, Block("Le point d'information à la vie associative assure l'information des bénévoles."),
                          rule="TS02")
    assert described.level == 2


def test_cooccurrence_meets_in_one_clause(ruleset):
    # TS01: an association word and a funding word, in the same cell or clause
    cells = ["Nombre d'associations présentes", "Subvention de la Ville"]
    apart = Block(" | ".join(cells), kind="table", cells=cells)
    assert criterion(ruleset, apart).evidence == []
    cells = ["Subvention aux associations", "Ville"]
    together = Block(" | ".join(cells), kind="table", cells=cells)
    assert criterion(ruleset, together).level == 1
    clauses = Block("Les associations sont nombreuses ; la subvention de la Ville est stable.")
    assert criterion(ruleset, clauses).evidence == []


def test_markers_of_another_paragraph_do_not_count(ruleset):
    blocks = [Block("Le conseil citoyen sera accompagné.", paragraph=4),
              Block("Une enveloppe de 8 000 € est prévue chaque année.", paragraph=5)]
    result = criterion(ruleset, *blocks)
    assert result.level == 2
    assert "aucun montant ni moyen chiffré" in result.missing
    assert "pas de pilote identifié" in result.missing


def test_table_row_with_column_headers(ruleset):
    header = Block("Action | Pilote | Budget | Calendrier", kind="table",
                   cells=["Action", "Pilote", "Budget", "Calendrier"], paragraph=9)
    row = Block("Former les conseillers citoyens | Centre social | 6 000 € | 2025-2026", kind="table",
                cells=["Former les conseillers citoyens", "Centre social", "6 000 €", "2025-2026"], paragraph=9)
    empty = Block("Accompagner le conseil citoyen | – | à définir | –", kind="table",
                  cells=["Accompagner le conseil citoyen", "–", "à définir", "–"], paragraph=9)
    result = criterion(ruleset, header, row)
    assert result.level == 3
    assert set(result.evidence[0].markers) >= {"pilote", "montant", "calendrier"}
    assert criterion(ruleset, header, empty).level == 2


def test_places_do_not_count(ruleset):
    blocks = [
        Block("3. Accompagner les conseils citoyens ........ 12", kind="toc"),
        Block("Contrat de ville — conseil citoyen et accompagnement", kind="header"),
        Block("CC : conseil citoyen, accompagné par la MJC", kind="glossary"),
        Block("Pour le conseil citoyen, la présidente, accompagnée de", kind="signature"),
    ]
    result = criterion(ruleset, *blocks)
    assert result.level == 0
    assert [e.qualifiers for e in result.evidence] == [["toc"], ["header"], ["glossary"], ["signature"]]
    assert all(not e.counts for e in result.evidence)


def test_heading_alone_does_not_count(ruleset):
    heading = Block("Accompagner les conseils citoyens", kind="heading", level=1,
                    section=("Accompagner les conseils citoyens",))
    alone = criterion(ruleset, heading)
    assert alone.level == 0 and alone.evidence[0].qualifiers == ["heading_only"]


def test_heading_never_raises_a_level_by_itself(ruleset):
    # A heading only names its section: text under it that says nothing of the subject leaves
    # the criterion absent, whatever action word the heading holds.
    section = ("3.3 Conseils citoyens et accompagnement",)
    heading = Block("3.3 Conseils citoyens et accompagnement", kind="heading", level=2, section=section)
    unrelated = Block("Le quartier compte 4 000 habitants.", section=section)
    result = criterion(ruleset, heading, unrelated)
    assert result.level == 0 and result.evidence[0].qualifiers == ["heading_only"]
    # text under it that names the subject decides; the heading counts at level 1 beside it
    named = Block("Les conseils citoyens restent des partenaires du contrat.", section=section + ("a",))
    result = criterion(ruleset, heading, named)
    assert result.level == 1
    assert {(e.kind, e.level, e.counts) for e in result.evidence} == {("heading", 1, True), ("body", 1, True)}


def test_exclusions_and_off_topic(ruleset):
    assert criterion(ruleset, Block("Le conseil municipal accompagne le projet.")).evidence == []
    # a co-occurrence (association + subvention) is vetoed by a sector word
    vetoed = Block("Le renouvellement urbain mobilise des subventions pour les associations.")
    assert criterion(ruleset, vetoed).evidence == []
    kept = Block("Les associations seront accompagnées pour leurs demandes de subvention.")
    assert criterion(ruleset, kept).level == 2
    # "en association avec" names no association
    partner = Block("L'État finance, en association avec la CAF, un appel à projets.")
    assert criterion(ruleset, partner).evidence == []


def test_acronyms_are_case_sensitive(ruleset):
    assert criterion(ruleset, Block("Le CCQ sera accompagné.")).level == 2
    assert criterion(ruleset, Block("Le ccq sera accompagné.")).evidence == []


def test_extraction_damage(ruleset):
    damaged = Block("Les con\u00adseils ci- toyens seront accompagn\u00e9s par la MJC ; ﬁnancement 5\u00a0000 € par an.")
    assert criterion(ruleset, damaged).level == 3


def test_more_extraction_damage(ruleset):
    for text in ("Les conseilscitoyens seront accompagnés.",  # glued words
                 "Les  C O N S E I L S   C I T O Y E N S  seront accompagnés.",  # letter-spaced
                 "Les C.C.Q. seront accompagnés.",  # dotted acronym
                 "Les associations seront accompagnées pour leur demande de Þnancement."):  # ligature debris
        assert criterion(ruleset, Block(text)).level == 2, text
    # a dotted acronym does not end the sentence
    result = criterion(ruleset, Block("Le C.C.Q. Nord sera accompagné par la MJC avec 5 000 € par an."))
    assert result.level == 3


def test_evidence_is_capped_and_best_first(ruleset):
    blocks = [Block(f"Le conseil citoyen numéro {i} se réunit.", paragraph=i) for i in range(30)]
    blocks.append(Block("Le conseil citoyen sera accompagné par la MJC avec 5 000 € par an.", paragraph=99))
    result = criterion(ruleset, *blocks)
    assert len(result.evidence) == 20
    assert result.evidence[0].level == 3


def test_missing_wording_at_low_levels(ruleset):
    mentioned = criterion(ruleset, Block("Le conseil citoyen se réunit."))
    assert mentioned.missing and "aucune action" in mentioned.missing[0]
    # What "décrit" takes is said in the rule's own words, so a consultant knows what to write.
    assert ruleset.get(mentioned.id).levels[2].rstrip(".") in mentioned.missing[0]
    absent = criterion(ruleset, Block("Rien à signaler."))
    assert absent.level == 0 and "pas nommé" in absent.missing[0]


def test_subject_under_marker_column_is_no_subject(ruleset):
    header = Block("Action | Pilote | Moyens | Indicateurs", kind="table",
                   cells=["Action", "Pilote", "Moyens", "Indicateurs"], paragraph=4)
    cells = ["Former les bénévoles", "Ville", "Appui du conseil citoyen", "Nombre de bénévoles formés"]
    means_only = Block(" | ".join(cells), kind="table", cells=cells, paragraph=4)
    assert criterion(ruleset, header, means_only).level == 0
    cells = ["Former le conseil citoyen", "Ville", "2 000 €", "Nombre de quartiers sans conseil citoyen actif"]
    negated_indicator = Block(" | ".join(cells), kind="table", cells=cells, paragraph=4)
    assert criterion(ruleset, header, negated_indicator).level == 3


@pytest.mark.parametrize("wording, shown", [
    ("Une démarche est décrite.", "une démarche est décrite"),
    ("CPO signées avec les associations.", "CPO signées avec les associations"),
    ("L'EPCI réalise un état des lieux.", "l'EPCI réalise un état des lieux"),
])
def test_level_two_wording_continues_the_sentence(wording, shown):
    # "pour « décrit » : Une démarche…" put a capital mid-sentence; an acronym keeps its own.
    rule = SimpleNamespace(levels={2: wording}, subject=[])
    assert missing_for(1, [], rule) == [f"aucune action ni orientation décrite ; pour « décrit » : {shown}"]


def test_fiche_labels_with_undecided_values_are_no_markers(ruleset):
    # "Pilote : à désigner", "Calendrier : à préciser": the fiche names the slots, not a commitment.
    def fiche(pilot: str, calendar: str):
        return criterion(ruleset, Block("• Objectif : accompagner le conseil citoyen dans ses projets.", "list_item",
                                        paragraph=1),
                         Block(f"• Pilote : {pilot}.", "list_item", paragraph=1),
                         Block(f"• Calendrier : {calendar}.", "list_item", paragraph=1))
    assert fiche("à désigner", "à préciser").level == 2
    assert fiche("à définir avec les partenaires", "non déterminé").level == 2
    assert fiche("la Ville", "chaque année").level == 3


def test_table_cells_with_undecided_values_are_no_markers(ruleset):
    header = Block("Action | Pilote | Calendrier", "table", cells=["Action", "Pilote", "Calendrier"])
    row = Block("", "table", cells=["Accompagner le conseil citoyen", "à désigner", "à définir avec les partenaires"])
    assert criterion(ruleset, header, row).level == 2


def test_list_items_do_not_borrow_from_sibling_items(ruleset):
    # each item of a numbered list is a commitment of its own: item 1 gets no calendar from item 2
    items = [Block("1. Le conseil citoyen sera accompagné par la MJC.", kind="list_item", paragraph=6),
             Block("2. Une instance de suivi se réunit deux fois par an.", kind="list_item", paragraph=6)]
    result = criterion(ruleset, *items)
    assert result.level == 2 and result.evidence[0].markers == ["pilote"]


def test_list_items_borrow_from_fiche_lines_and_lead_in(ruleset):
    fiche = [Block("- Le conseil citoyen sera accompagné par la MJC.", kind="list_item", paragraph=6),
             Block("- Calendrier : chaque année à partir de 2025", kind="list_item", paragraph=6)]
    assert criterion(ruleset, *fiche).level == 3
    lead_in = [Block("Dès 2025, les partenaires s'engagent à :", paragraph=7),
               Block("• accompagner le conseil citoyen ;", kind="list_item", paragraph=7)]
    assert criterion(ruleset, *lead_in).level == 3


def test_actors_with_their_name_or_an_aside(ruleset):
    for text in ("L'État (délégué du préfet) et Ysserre Agglomération organisent deux réunions.",
                 "La Communauté urbaine de Verlanne finance le poste.",
                 "Val-d'Orbe Métropole organise une réunion."):
        assert "pilote" in markers_of(ruleset, text), text


def test_signatories_speaking_as_nous(ruleset):
    # "nous" in a contract is its signatories: a named actor when they commit or will do
    for text in ("Nous, signataires, nous engageons à soutenir les associations.",
                 "Nous conduirons une évaluation participative.", "Nous créons un fonds d'initiatives."):
        assert "pilote" in markers_of(ruleset, text), text
    for text in ("Nous serons attentifs aux petites associations.", "Nous souhaitons que chacun participe.",
                 "Nous savons peu de choses des quartiers.", "Elles nous ont dit leurs difficultés."):
        assert "pilote" not in markers_of(ruleset, text), text


def test_unticked_options_are_not_retained(ruleset):
    # "☐" / "[ ]": an option the signatories did not retain; "☑" / "[x]": retained, it counts
    for box in ("☐", "[ ]"):
        item = Block(f"• {box} Le conseil citoyen sera accompagné par la MJC, 3 000 € par an.", "list_item")
        assert criterion(ruleset, item).level == 0, box
    for box in ("☑", "[x]"):
        item = Block(f"• {box} Le conseil citoyen sera accompagné par la MJC, 3 000 € par an.", "list_item")
        assert criterion(ruleset, item).level == 3, box


def test_a_condition_on_a_whole_fiche_qualifies_its_items(ruleset):
    fiche = ("Fiche n°4 — Conseils citoyens",)
    items = [Block("Fiche n°4 — Conseils citoyens", "heading", section=fiche, level=1),
             Block("Cette fiche est conditionnelle : elle dépend d'un financement national à venir.",
                   section=fiche, paragraph=1),
             Block("• Le conseil citoyen sera accompagné par la MJC, 3 000 € par an.", "list_item",
                   section=fiche, paragraph=2)]
    assert criterion(ruleset, *items).level == 0
    # the same item under an unconditional fiche counts
    assert criterion(ruleset, items[0], items[2]).level == 3


def test_a_condition_in_a_heading_or_a_lead_in_qualifies_what_it_governs(ruleset):
    title = ("Actions nouvelles (sous réserve de l'appel à projets)",)
    item = Block("• Le conseil citoyen sera accompagné par la MJC, 3 000 € par an.", "list_item", section=title,
                 paragraph=2)
    assert criterion(ruleset, Block(title[0], "heading", section=title, level=1), item).level == 0
    lead_in = Block("Sous réserve du vote du budget, la Ville s'engage à :", paragraph=3)
    listed = Block("• accompagner le conseil citoyen avec la MJC, 3 000 € par an ;", "list_item", paragraph=3)
    assert criterion(ruleset, lead_in, listed).level == 0
    # a condition stated in another list leaves this one alone
    other = Block("• accompagner le conseil citoyen avec la MJC, 3 000 € par an ;", "list_item", paragraph=4)
    assert criterion(ruleset, lead_in, other).level == 3


def test_status_cell_qualifies_the_whole_row(ruleset):
    header = Block("N° | Action | État | Pilote", kind="table", cells=["N°", "Action", "État", "Pilote"], paragraph=3)

    def row(*cells):
        return Block(" | ".join(cells), kind="table", cells=list(cells), paragraph=3)

    studied = criterion(ruleset, header, row("5", "Accompagner le conseil citoyen", "à l'étude", "—"))
    assert studied.level == 0
    assert studied.evidence[0].qualifiers == ["hypothesis"]
    assert criterion(ruleset, header, row("6", "Accompagner le conseil citoyen", "non retenu", "Ville")).level == 0
    assert criterion(ruleset, header, row("7", "Accompagner le conseil citoyen", "engagé", "Ville")).level == 2
    # Under a marker column an undecided value is no marker, not a doubt on the action
    budget = Block("Action | Pilote | Budget", kind="table", cells=["Action", "Pilote", "Budget"], paragraph=4)
    undecided = Block("Accompagner le conseil citoyen | Ville | à définir", kind="table",
                      cells=["Accompagner le conseil citoyen", "Ville", "à définir"], paragraph=4)
    assert criterion(ruleset, budget, undecided).level == 2
    postponed = Block("Accompagner le conseil citoyen | Ville | sous réserve du vote du budget", kind="table",
                      cells=["Accompagner le conseil citoyen", "Ville", "sous réserve du vote du budget"], paragraph=4)
    assert criterion(ruleset, budget, postponed).level == 0


def test_adjectival_participle_of_a_commitment_verb_is_no_action(ruleset):
    # "créé" describes the conseil citoyen; "sera créé" and "crée" commit
    assert criterion(ruleset, Block("Le conseil citoyen, créé en 2015, se réunit chaque mois.")).level == 1
    assert criterion(ruleset, Block("Les conseillers citoyens désignés par la table de quartier siègent.")).level == 1
    assert criterion(ruleset, Block("Un conseil citoyen sera créé dans chaque quartier.")).level == 2
    assert criterion(ruleset, Block("La Ville crée un conseil citoyen dans chaque quartier.")).level == 2
    assert criterion(ruleset, Block("La Ville désignera les conseillers citoyens.")).level == 2
    # a list item may commit without a verb
    item = Block("Un fonds pour les conseils citoyens, doté de 5 000 € par an.", kind="list_item")
    assert criterion(ruleset, item).level >= 2
