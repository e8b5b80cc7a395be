"""Denials as data: who denies what, and the claim a denial answers (sentences of our own)."""

from datetime import date

import pytest

from extraction.dating import ArticleContext


def denials(found):
    return [(c.claimant.side, c.subject_side) for c in found if c.predicate == "denial"]


def test_a_ministry_denies_reports(claims):
    found = claims("The Azerbaijani Defence Ministry denied reports that its helicopters had been shot down.")
    assert denials(found) == [("azerbaijan", "azerbaijan")]
    [denial] = [c for c in found if c.predicate == "denial"]
    assert "helicopters had been shot down" in denial.denied_text


def test_a_denier_named_by_title_is_the_one_named_before(claims):
    found = claims("Ilham Aliyev said the army had advanced near Fuzuli. The head of state rejected Yerevan's claim "
                   "that Azerbaijani troops had retreated.")
    assert denials(found) == [("azerbaijan", "azerbaijan")]


def test_a_third_country_denies_as_a_third_party(claims):
    found = claims("Georgia's Foreign Ministry rejected media reports that weapons for Armenia had crossed its "
                   "territory.")
    assert denials(found) == [("third_party", "armenia")]


def test_each_coordinated_denier_makes_a_denial(claims):
    found = claims("Turkey and Azerbaijan deny the presence of foreign fighters in the region.")
    assert [c.claimant.text for c in found if c.predicate == "denial"] == ["Turkey", "Azerbaijan"]


def test_a_passive_denial_names_its_deniers_as_agents(claims):
    found = claims("The transfer of fighters was denied by Azerbaijan, Turkey and some Russian officials.")
    assert sorted(c.claimant.side for c in found if c.predicate == "denial") == \
        ["azerbaijan", "azerbaijan", "third_party"]


def test_calling_a_claim_unfounded_is_a_denial_by_the_speaker(claims):
    found = claims("Armenian officials said the accusations of shelling Ganja were completely unfounded.")
    assert denials(found) == [("armenia", "armenia")]


def test_does_not_correspond_to_reality(claims):
    found = claims("According to the Armenian Ministry of Defence, this information does not correspond to reality.")
    assert denials(found) == [("armenia", "armenia")]


def test_a_negated_involvement_in_reported_speech_is_a_denial(claims):
    found = claims("Azerbaijan's President insisted that foreign troops do not take part in the fighting.")
    assert denials(found) == [("azerbaijan", "azerbaijan")]


def test_a_figure_known_only_through_its_denial_belongs_to_the_other_side(claims):
    found = claims("The Azerbaijani Defence Ministry called reports that five of its drones were shot down a "
                   "fabrication.")
    [figure] = [c for c in found if c.predicate != "denial"]
    assert (figure.claimant.kind, figure.claimant.side, figure.predicate, figure.quantity, figure.subject_side) == \
        ("denied_report", "armenia", "downed_aircraft", 5, "azerbaijan")
    assert denials(found) == [("azerbaijan", "azerbaijan")]


def test_the_named_owner_of_a_denied_report_is_its_claimant(claims):
    found = claims("The Azerbaijani Defence Ministry denied the Armenian ministry's report of 40 Azerbaijani deaths.")
    [figure] = [c for c in found if c.predicate != "denial"]
    assert (figure.claimant.kind, figure.claimant.actor.actor_id, figure.quantity) == ("denied_report", "armenia", 40)
    assert figure.subject_side == "azerbaijan"


def test_dismissing_an_official_is_not_a_denial(claims):
    assert denials(claims("The Armenian president dismissed the head of the security service on Monday.")) == []


def test_rejecting_an_accusation_is_a_denial(claims):
    found = claims("Iran's foreign ministry rejected accusations that weapons crossed its territory.")
    assert denials(found) == [("third_party", None)]


def test_in_a_copular_denial_the_subject_is_what_is_denied_not_who_denies(claims):
    found = claims("Observers said the Azeris' allegations were unfounded.",
                   ArticleContext(date(2021, 5, 14), "Harbor Times"))
    assert [c.claimant.text for c in found if c.predicate == "denial"] == ["Observers"]


def test_a_denial_without_an_object_does_not_capture_the_figures_of_its_sentence(claims):
    found = claims("According to Armenian officials, three civilians were killed in Martuni; the Azerbaijani "
                   "Defence Ministry denied it.")
    [figure] = [c for c in found if c.predicate != "denial"]
    assert (figure.claimant.side, figure.subject_side) == ("armenia", "armenia")


def test_according_to_its_version_refers_to_the_previous_speaker(claims):
    found = claims("The Armenian Defence Ministry admitted heavy fighting. According to its version, the town "
                   "is still not controlled by Azerbaijan.")
    assert denials(found) == [("armenia", "armenia")]


def test_a_report_called_a_lie_belongs_to_who_spread_it(claims):
    found = claims("The news spread by the Armenian Defense Ministry about the downing of two "
                   "Azerbaijani drones is a lie, Baku's defence ministry said.")
    figure = next(c for c in found if c.predicate != "denial")
    assert (figure.claimant.side, figure.claimant.kind, figure.quantity, figure.subject_side) == (
        "armenia", "denied_report", 2, "azerbaijan")
    assert [c.claimant.side for c in found if c.predicate == "denial"] == ["azerbaijan"]


def test_the_subject_that_calls_a_statement_false_denies_it_not_the_speaker_before(claims):
    found = claims("Aliyev said on Tuesday that Armenia had lost 4,000 servicemen. Armenia's Defence Ministry "
                   'described this statement as "a fantasy".')
    assert [(c.predicate, c.claimant.side) for c in found] == [("killed", "azerbaijan"), ("denial", "armenia")]


def test_the_actor_that_calls_a_figure_false_in_a_clause_of_its_own_denies_it(claims):
    found = claims("Azerbaijan has given no figures, but Armenia says more than 6,000 Azerbaijani servicemen have "
                   "been killed - a figure Baku calls a fabrication.")
    assert [(c.predicate, c.claimant.side) for c in found] == [("denial", "azerbaijan"), ("killed", "armenia")]


@pytest.mark.parametrize("text", [
    "The ministry's spokesman said the ministry neither confirms nor refutes the reports of captured soldiers.",
    "The president said his country would not be taking sides in the conflict.",
    "Baku said it will not take part in the talks next week.",
])
def test_what_answers_no_report_is_no_denial(claims, text):
    assert denials(claims(text)) == []
