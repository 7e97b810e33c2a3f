"""Where a name ends and which captions are no names (issue 13, noise and naming): a
complement that belongs to the verb or to a noun before the name is cut off, a place adjunct
repeated for a second place is no part of the name, and a caption's common noun is not an
actor while the place it names is.

Every document here is written for the test from public facts, in our own words.
"""

from __future__ import annotations

import pytest

from docfactory import Extract

CASES = {
    "the_de_complement_of_doter_is_the_verbs": (
        "Le Parlement européen siège à Strasbourg. Il faut doter la Commission européenne "
        "des moyens nécessaires et de la confiance indispensable pour qu'elle contrôle les "
        "budgets.\n",
        {"Commission européenne"},
        {"Commission européenne des moyens nécessaires et de la confiance indispensable"},
    ),
    "a_complement_of_the_noun_before_a_bare_head": (
        "L'Union européenne compte vingt-sept membres. La Commission présentera une "
        "stratégie de l'Union pour la prévention et la lutte contre la fraude fiscale.\n",
        {"Union européenne"},
        {"Union pour la prévention et la lutte contre la fraude fiscale"},
    ),
    "a_name_keeps_its_own_complement": (
        "La Commission a proposé la création du Fonds européen pour les réfugiés en 2000.\n",
        {"Fonds européen pour les réfugiés"},
        {"Fonds européen"},
    ),
    "a_place_adjunct_repeated_for_a_second_place": (
        "L'État islamique (EI) a proclamé un califat en 2014. Les combattants kurdes ont "
        "combattu l'État islamique en Irak et en Syrie entre 2014 et 2018.\n",
        {"État islamique", "Syrie"},
        {"État islamique en Irak"},
    ),
    "a_caption_names_its_place_not_its_subject": (
        "Les enfants jouent dans la rue.\n\nFillettes de Lima.\n\nJeunes garçons du Pérou.\n",
        {"Lima", "Pérou"},
        {"Fillettes de Lima", "Jeunes garçons du Pérou", "Fillettes"},
    ),
    "a_captions_plural_common_noun_is_no_place": (
        "La convention protège le droit à l'éducation.\n\nÉcolières en Bolivie.\n",
        {"Bolivie"},
        {"Écolières"},
    ),
    "a_partnerships_form_and_its_partners_are_one_firm": (
        "Sur le rapport de Mme Durand, conseiller, les observations de la SCP Martin, Dubois, "
        "Leroy, avocat de la société Acme Industries, et de la SCP Garnier et Roussel, avocat "
        "du syndicat, la Cour de cassation a rendu l'arrêt suivant.\n",
        {"SCP Martin, Dubois, Leroy", "SCP Garnier et Roussel", "Durand", "Acme Industries"},
        {"Dubois", "Leroy", "Roussel", "SCP Martin"},
    ),
    "an_organisation_named_after_a_person_keeps_the_name": (
        "Louise Michel est née en 1830 en Haute-Marne.\n\n"
        "Histoire de la Commune, Association Française Louise Michel, 2011.\n\n"
        "La Fondation Jean Jaurès a publié une note sur la Commune.\n",
        {"Association Française Louise Michel", "Fondation Jean Jaurès", "Louise Michel"},
        {"Association Française", "Fondation Jean"},
    ),
    "a_caption_of_a_monument_or_a_state_is_kept": (
        "La ville compte de nombreux monuments.\n\nMosquée Bleue.\n\nTurquie\n",
        {"Mosquée Bleue", "Turquie"},
        set(),
    ),
}


DISPLAYS = {
    "a_dotted_acronym_keeps_its_capitals": (
        "Le rapport annuel de la F.I.D.H. a été présenté hier à Genève par ses juristes.\n",
        "F.I.D.H",
    ),
    "a_dotted_acronym_defined_in_the_text_is_an_alias_of_its_long_form": (
        "La Convention relative aux droits des migrants (C.I.D.M.) a été signée à Genève.\n",
        "Convention relative aux droits des migrants",
    ),
}


@pytest.mark.parametrize(("text", "display"), DISPLAYS.values(), ids=DISPLAYS.keys())
def test_display_names(extract: Extract, text: str, display: str) -> None:
    entities = extract(text).entities
    shown = {e.name for e in entities if display in e.aliases or f"{display}." in e.aliases}
    assert shown == {display}, [(e.name, e.aliases) for e in entities]


@pytest.mark.parametrize(("text", "kept", "absent"), CASES.values(), ids=CASES.keys())
def test_where_a_name_ends(extract: Extract, text: str, kept: set[str], absent: set[str]) -> None:
    names = {e.name for e in extract(text).entities}
    assert kept <= names, kept - names
    assert not absent & names, absent & names


def test_a_long_form_an_acronym_stands_for_is_not_completed(extract: Extract) -> None:
    """ "X (ACR) de Y": the generic-looking long form keeps its acronym, which joins X de Y."""
    text = (
        "L'École nationale de police judiciaire de Lyon a ouvert ses portes en 1990.\n\n"
        "Les enquêteurs ont rencontré les formateurs de l'École nationale de police "
        "judiciaire (ENPJ) de Lyon en 2019.\n\n"
        "Depuis lors, l'ENPJ accueille chaque année des officiers étrangers.\n\n"
        "La police judiciaire nationale forme ses cadres dans une école spécialisée.\n"
    )
    holders = [e for e in extract(text).entities if "ENPJ" in e.aliases]
    school = "École nationale de police judiciaire"
    assert [e.name for e in holders] in ([school], [f"{school} de Lyon"]), [
        (e.name, e.aliases) for e in extract(text).entities
    ]
