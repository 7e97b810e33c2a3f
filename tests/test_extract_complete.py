"""Completeness: one entity holds every name the text gives one actor (texts written for these
tests from public facts, in our own words), and names of different actors stay apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docfactory import write_documents
from filature.extract.named import apposition_names, bracket_names
from filature.extract.run import extract_all
from filature.models import Entity


def entities_of(tmp_path: Path, nlp: Any, text: str) -> tuple[Entity, ...]:
    documents = write_documents(tmp_path, {"texte.txt": text})
    return extract_all(documents, nlp=nlp).entities


def holders(entities: tuple[Entity, ...], alias: str) -> list[Entity]:
    return [e for e in entities if alias in e.aliases]


def one_holding(entities: tuple[Entity, ...], *aliases: str) -> Entity:
    found = [e for e in entities if set(aliases) <= set(e.aliases)]
    seen = [(e.name, e.type, e.aliases) for e in entities if set(aliases) & set(e.aliases)]
    assert len(found) == 1, (aliases, seen)
    return found[0]


def names(text: str, before: str, *, apposition: bool = False) -> list[str]:
    after = text.index(before) + len(before)
    found = apposition_names(text, after) if apposition else bracket_names(text, after)
    return [text[n.start : n.end] for n in found]


def test_labels_in_brackets_and_appositions_give_names() -> None:
    text = "La Bretagne (en breton : Breizh ou Bro ; en gallo : Bertaègn) est une région."
    assert names(text, "La Bretagne") == ["Breizh", "Bro", "Bertaègn"]
    text = "le Congrès national africain (en anglais : African National Congress, abrégé ANC)"
    assert names(text, "africain") == ["African National Congress", "ANC"]
    text = "du Comité international de la Croix-Rouge (ICRC, pour son sigle en anglais), qui"
    assert names(text, "Croix-Rouge") == ["ICRC"]
    text = "Le Paris Saint-Germain (en particulier, Kylian Mbappé) a gagné."
    assert names(text, "Saint-Germain") == []
    text = "Charles de Gaulle (1890-1970) a fondé la Ve République."
    assert names(text, "Gaulle") == []
    text = "Ilich Ramírez Sánchez, surnommé « Carlos », a été jugé à Paris en 1997."
    assert names(text, "Sánchez", apposition=True) == ["Carlos"]
    text = "La Compagnie générale d'électricité, rebaptisée Alcatel Alsthom en 1991, a grandi."
    assert names(text, "électricité", apposition=True) == ["Alcatel Alsthom"]
    text = "« Nous partirons demain », dit Jean Dupont à la presse."
    assert names(text, "demain »", apposition=True) == []


def test_language_brackets_and_abbreviations_join_one_actor(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Le Parti national écossais (en anglais : Scottish National Party, abrégé SNP) a été "
        "fondé en 1934 à Glasgow.\n\n"
        "Nicola Sturgeon a dirigé le SNP de 2014 à 2023.\n\n"
        "La ville d'Anvers (en néerlandais : Antwerpen) est un grand port.\n\n"
        "La Flandre occidentale (en néerlandais : West-Vlaanderen) borde la mer du Nord ; la "
        "Flandre a son propre parlement.\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    snp = one_holding(entities, "Parti national écossais", "Scottish National Party", "SNP")
    assert snp.type == "organization" and snp.name == "Parti national écossais"
    antwerp = one_holding(entities, "Anvers", "Antwerpen")
    assert antwerp.type == "place" and antwerp.name == "Anvers"
    assert not [e for e in holders(entities, "Flandre") if "West-Vlaanderen" in e.aliases]


def test_nicknames_and_renames_the_text_states(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Ilich Ramírez Sánchez, surnommé « Carlos », a été condamné à Paris en 1997.\n\n"
        "Le procès de Carlos a duré plusieurs semaines devant la cour d'assises.\n\n"
        "La Compagnie générale d'électricité, rebaptisée Alcatel Alsthom en 1991, a son siège "
        "à Paris. Alcatel Alsthom a ensuite racheté plusieurs entreprises.\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    carlos = one_holding(entities, "Ilich Ramírez Sánchez", "Carlos")
    assert carlos.type == "person" and carlos.name == "Ilich Ramírez Sánchez"
    one_holding(entities, "Compagnie générale d'électricité", "Alcatel Alsthom")


def test_a_shorter_name_joins_its_one_fuller_name(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Mustafa Kemal Atatürk a proclamé la République de Turquie en 1923.\n\n"
        "Mustafa Kemal a ensuite aboli le califat, en 1924.\n\n"
        "Fidel Castro Ruz et Raúl Castro Ruz ont dirigé Cuba l'un après l'autre. Le nom de "
        "Castro Ruz figure sur de nombreux décrets.\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    one_holding(entities, "Mustafa Kemal Atatürk", "Mustafa Kemal")
    assert not [e for e in entities if {"Fidel Castro Ruz", "Raúl Castro Ruz"} <= set(e.aliases)]
    for brother in ("Fidel Castro Ruz", "Raúl Castro Ruz"):
        assert not [e for e in holders(entities, brother) if "Castro Ruz" in e.aliases]


def test_dynasty_plurals_and_diacritic_variants_join(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Les Ottomans ont assiégé Vienne en 1683 sans la prendre.\n\n"
        "L'Empire ottoman a été dissous en 1922, après la guerre.\n\n"
        "L'Empire allemand a été proclamé à Versailles en 1871 ; les Allemands ont voté en "
        "1912.\n\n"
        "La ville de Diyarbakır compte un million d'habitants. Le maire de Diyarbakir a été "
        "remplacé en 2016.\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    ottoman = one_holding(entities, "Empire ottoman", "Ottomans")
    assert ottoman.type == "place"
    assert not [e for e in entities if {"Empire allemand", "Allemands"} <= set(e.aliases)]
    one_holding(entities, "Diyarbakır", "Diyarbakir")


def test_a_name_is_found_again_in_another_case(tmp_path: Path, nlp: Any) -> None:
    text = (
        "JUGEMENT DU TRIBUNAL DE COMMERCE DE NANTERRE\n\n"
        "Le Tribunal de commerce de Nanterre, saisi par la société, a rendu sa décision le "
        "4 mars 2021.\n\n"
        "La décision du tribunal de commerce de Nanterre a été confirmée en appel.\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    court = one_holding(
        entities, "Tribunal de commerce de Nanterre", "TRIBUNAL DE COMMERCE DE NANTERRE"
    )
    assert court.type == "organization"
    assert "tribunal de commerce de Nanterre" in court.aliases


def test_an_acronym_long_form_starts_with_its_first_letter() -> None:
    from filature.extract.acronyms import find_definitions
    from filature.extract.lexicon import load_lexicon

    text = "Le rapport de la Ligue Française des Droits de l'Homme (LFDH) a été publié."
    found = [(d.acronym, d.long_form) for d in find_definitions(text, load_lexicon())]
    assert found == [("LFDH", "Ligue Française des Droits de l'Homme")]


def test_a_signature_with_initials_joins_its_one_full_name(tmp_path: Path, nlp: Any) -> None:
    text = (
        "Le ministre de l'Intérieur, Jean-Pierre Duval, a présenté le projet au Sénat le 3 mai "
        "2011.\n\n"
        "Marie Duval, sa sœur, n'a pas commenté.\n\n"
        "Fait à Paris, le 4 mai 2011.\n\n"
        "Pour le ministre et par délégation : J.-P. Duval\n"
    )
    entities = entities_of(tmp_path, nlp, text)
    one_holding(entities, "Jean-Pierre Duval", "J.-P. Duval")
    assert not [e for e in holders(entities, "Marie Duval") if "J.-P. Duval" in e.aliases]
