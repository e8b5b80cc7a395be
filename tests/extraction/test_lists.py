"""Figures in lists: infobox rows, shared nouns, subsets written with 'including'."""

import pytest


def test_a_nationality_list_shares_its_noun(claims):
    found = claims("  • 3 Azerbaijani, 2 Armenian and 4 Russian medics injured\n")
    assert [(c.quantity, c.predicate, c.subject_side, c.subject_kind) for c in found] == [
        (3, "wounded", "azerbaijan", "medic"), (2, "wounded", "armenia", "medic"), (4, "wounded", "other", "medic")]
    assert found[0].subject_text == "3 Azerbaijani medics"


def test_two_nationalities_and_one_noun(claims):
    found = claims("Officials in Yerevan said 15 Azerbaijani and 9 Armenian villagers were killed.")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [
        (15, "killed", "azerbaijan"), (9, "killed", "armenia")]


def test_a_list_item_under_a_heading_reads_like_a_sentence(claims):
    [claim] = claims("Territory\n  • Baku states they now hold 31 villages[4]\n")
    assert (claim.claimant.side, claim.predicate, claim.quantity, claim.subject_side) == (
        "azerbaijan", "captured_territory", 31, "armenia")


def test_a_subset_written_with_including_shares_the_predicate(claims):
    found = claims("The Armenian defence ministry said it destroyed 22 Azerbaijani armoured vehicles, "
                   "including a T-72 tank, and 9 air defence systems, including 3 Osa.")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [
        (22, "destroyed_equipment", "azerbaijan"), (1, "destroyed_equipment", "azerbaijan"),
        (9, "destroyed_equipment", "azerbaijan"), (3, "destroyed_equipment", "azerbaijan")]


def test_a_number_read_as_the_nationalitys_counts_the_noun(claims):
    [claim] = claims("The ministry in Baku said its forces destroyed 27 Armenian military trucks on Monday.")
    assert (claim.quantity, claim.predicate, claim.subject_side, claim.subject_kind) == (
        27, "destroyed_equipment", "armenia", "vehicles")
    assert claim.subject_text.startswith("27 Armenian")


def test_anti_aircraft_weapons_are_equipment_not_aircraft(claims):
    found = claims("Armenia's defence ministry said 5 anti-aircraft guns and 2 drones were destroyed.")
    assert [(c.quantity, c.predicate) for c in found] == [(5, "destroyed_equipment"), (2, "downed_aircraft")]


def test_a_speaker_is_not_the_list_the_parse_hangs_on_it(claims):
    found = claims("By 3 May, Armenia reported to have destroyed 40 tanks; 12 radars; 6 launchers.")
    assert {c.claimant.text for c in found} == {"Armenia"}


def test_a_model_number_between_figure_and_noun(claims):
    found = claims("Baku said its forces destroyed 4 BM-21 Grad MLRS and 2 S-300 launchers.")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [
        (4, "destroyed_equipment", "armenia"), (2, "destroyed_equipment", "armenia")]


@pytest.mark.parametrize("bullet", ["•", "·", "▪", "-"])
def test_every_bullet_the_sentence_splitter_knows_marks_a_list_item(claims, bullet):
    [claim] = claims(f"Per Armenia:\n  {bullet} 12 servicemen killed\n")
    assert (claim.claimant.side, claim.claimant.kind, claim.quantity) == ("armenia", "list_heading", 12)
