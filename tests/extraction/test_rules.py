from datetime import date

import pytest

from extraction.dating import ArticleContext


def figures(found):
    return [(c.claimant.side, c.predicate, c.quantity, c.qualifier, c.subject_side) for c in found]


def test_a_ministry_statement_with_a_figure(claims):
    [claim] = claims("The Ministry of Defense of Azerbaijan said 14 Armenian tanks were destroyed on 3 May 2021.")
    assert figures([claim]) == [("azerbaijan", "destroyed_equipment", 14, None, "armenia")]
    assert claim.claimant.actor.actor_id == "azerbaijan_mod"
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 3), "day")


def test_according_to_with_a_qualifier(claims):
    [claim] = claims("According to Artsakh authorities, more than 30 Azerbaijani soldiers were killed.")
    assert figures([claim]) == [("armenia", "killed", 30, "more_than", "azerbaijan")]
    assert claim.claimant.kind == "source"


def test_a_list_gives_one_claim_per_figure(claims):
    found = claims("The Armenian Defence Ministry said its units destroyed 12 tanks, 4 howitzers and 2 radars.")
    assert [(c.quantity, c.predicate) for c in found] == [(12, "destroyed_equipment"), (4, "destroyed_equipment"),
                                                        (2, "destroyed_equipment")]
    assert {c.subject_side for c in found} == {"azerbaijan"}  # what a side destroys is the other side's


def test_aircraft_are_downed_aircraft_whatever_the_verb(claims):
    [claim] = claims("Armenian officials said three Azerbaijani drones were destroyed over Goris.")
    assert figures([claim]) == [("armenia", "downed_aircraft", 3, None, "azerbaijan")]


def test_aircraft_that_crashed_are_downed_aircraft(claims):
    [claim] = claims("Two drones crashed in the Kakheti region on Sunday, the Georgian interior ministry said.")
    assert (claim.claimant.side, claim.predicate, claim.quantity) == ("third_party", "downed_aircraft", 2)


def test_killed_and_wounded_together_is_killed_or_wounded(claims):
    [claim] = claims("Azerbaijan's Prosecutor General said 9 civilians were killed and injured.")
    assert figures([claim]) == [("azerbaijan", "killed_or_wounded", 9, None, "azerbaijan")]


def test_coordinated_clauses_keep_their_own_predicates(claims):
    found = claims("Armenian officials said six civilians were killed and 21 were wounded in the strike.")
    assert [(c.quantity, c.predicate) for c in found] == [(6, "killed"), (21, "wounded")]


@pytest.mark.parametrize("phrase, quantity, qualifier", [
    ("at least 12", 12, "at_least"), ("about 40", 40, "about"), ("up to 40", 40, "up_to"),
    ("a dozen", 12, "about"), ("1,250", 1250, None), ("seven", 7, None),
])
def test_quantities_and_qualifiers(claims, phrase, quantity, qualifier):
    [claim] = claims(f"The Armenian Ministry of Defence said {phrase} Azerbaijani soldiers were killed.")
    assert (claim.quantity, claim.qualifier) == (quantity, qualifier)


def test_numbers_that_are_not_figures_are_ignored(claims):
    assert claims("The S-300 battery fired on 4 May 2021, Armenian officials said, at 10:30.") == []
    assert claims("Turnout was 45 percent, the Armenian government said.") == []


def test_money_is_other(claims):
    [claim] = claims("Azerbaijani officials said the damage cost $300 million.")
    assert (claim.predicate, claim.quantity) == ("other", 300_000_000)


def test_a_sum_asked_for_is_not_a_claim(claims):
    assert claims("The relief appeal seeks US$ 4 million.") == []
    assert claims("The Red Cross needs 9 million dollars for the winter.") == []


def test_a_source_that_names_its_place_is_that_places_not_the_one_named_before(claims):
    found = claims("The ICRC said 3 of its volunteers were wounded. "
                   "According to the ombudsman of Nagorno-Karabakh, 12 civilians have been killed.")
    assert [(c.claimant.side, c.predicate, c.quantity) for c in found] == [
        ("third_party", "wounded", 3), ("armenia", "killed", 12)]


def test_a_count_the_parse_puts_inside_the_according_to_phrase(claims):
    # the parse reads 'people' as one more item of 'Nagorno-Karabakh', with no verb of its own
    [claim] = claims("According to the de facto authorities in Nagorno-Karabakh, some 70,000 people, about half of "
                     "the population, have been displaced, most of them to Armenia.")
    assert (claim.claimant.text, claim.claimant.side, claim.predicate, claim.quantity, claim.qualifier) == (
        "the de facto authorities in Nagorno-Karabakh", "armenia", "displaced", 70_000, "about")


def test_a_statement_carries_over_to_the_next_sentence(claims):
    found = claims("The Azerbaijani Defence Ministry said its forces repelled the attack. "
                   "In all, 11 armoured vehicles were destroyed.")
    assert [(c.claimant.side, c.claimant.kind, c.quantity) for c in found] == [("azerbaijan", "carried", 11)]


def test_a_per_list_heading_attributes_its_bullets(claims):
    found = claims("Per Armenia:\n\n  • 55 servicemen killed\n  • 3 servicemen captured\n")
    assert [(c.claimant.kind, c.claimant.side, c.predicate, c.quantity) for c in found] == [
        ("list_heading", "armenia", "killed", 55), ("list_heading", "armenia", "captured", 3)]


def test_a_figure_in_the_outlets_own_voice_is_the_outlets(claims):
    [claim] = claims("Four civilians were killed in the strike.", ArticleContext(date(2021, 5, 14), "Trend"))
    assert (claim.claimant.kind, claim.claimant.text, claim.claimant.side) == ("outlet", "Trend", "azerbaijan")


@pytest.mark.parametrize("outlet, side", [("harbor-times.az", "azerbaijan"), ("harbor-times.am", "armenia")])
def test_a_site_known_by_its_country_domain_speaks_for_its_side(claims, outlet, side):
    """An outlet the registry does not know, named by its web host: its own voice and a body it names without a
    country ('the Prosecutor General's Office') are its country's side."""
    text = "Four civilians were killed in the strike. The Prosecutor General's Office said 12 houses were damaged."
    own, body = claims(text, ArticleContext.of(text, date(2021, 5, 14), outlet))
    assert (own.claimant.kind, own.claimant.side) == ("outlet", side)
    assert (body.claimant.text, body.claimant.side) == ("The Prosecutor General's Office", side)


def test_machine_translated_side_names_resolve_through_aliases(claims):
    [claim] = claims("The Algerian side said 40 soldiers of the Asian side were killed.")
    assert (claim.claimant.side, claim.subject_side) == ("azerbaijan", "armenia")


def test_history_is_marked_as_background(claims):
    [claim] = claims("Armenian officials said 30,000 people were killed in the war of 1994.")
    assert claim.is_background


def test_relative_days_resolve_against_the_publication_date(claims):
    [claim] = claims("On the 12th, the Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed.")
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 12), "day_of_reference_month")


def test_a_claim_with_no_date_is_as_of_the_publication_date_and_says_so(claims):
    [claim] = claims("The Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed.")
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 14), "publication_date")


def test_without_any_date_as_of_stays_unknown(claims):
    [claim] = claims("The Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed.",
                     ArticleContext(published_date=None, outlet=None))
    assert (claim.as_of, claim.as_of_precision) == (None, "unknown")


def test_an_undated_article_reads_yearless_dates_against_its_latest_full_date(claims):
    text = ("Fighting began on 2 May 2021. On 9 May, the Azerbaijani Defence Ministry said 5 Armenian tanks "
            "were destroyed. A ceasefire was signed in 1994.")
    context = ArticleContext.of(text, published_date=None, outlet=None)
    assert context.reference_date == date(2021, 5, 2)
    [claim] = claims(text, context)
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 9), "day_no_year")


def test_evidence_span_points_at_the_sentence(claims):
    text = "Officials met in Goris.\n\nThe Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed."
    [claim] = claims(text)
    assert text[claim.span_start:claim.span_end] == \
        "The Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed."
    assert text[claim.claimant.start:claim.claimant.end] == claim.claimant.text


def test_a_shelling_event_with_date_place_and_sides(events):
    [event] = events("Azerbaijani forces shelled Stepanakert on 4 May 2021.")
    assert (event.event_type, event.event_date, event.place_id) == ("shelling", date(2021, 5, 4), "stepanakert")
    # Stepanakert is also the name used for Artsakh's government, so the target's side is known
    assert (event.actor_side, event.target_side) == ("azerbaijan", "armenia")


def test_a_ceasefire_and_its_violation(events):
    [truce] = events("A humanitarian ceasefire brokered by Russia took effect on 10 May 2021.")
    assert (truce.event_type, truce.event_date) == ("ceasefire", date(2021, 5, 10))
    [broken] = events("Both sides accused each other of violating the ceasefire in Martuni on 11 May 2021.")
    assert broken.event_type == "ceasefire_violation" and broken.place_id == "martuni"


def test_a_sentence_without_a_trigger_is_no_event(events):
    assert events("The weather in Goris was mild on 4 May 2021.") == []


def test_each_item_of_a_list_keeps_its_own_noun(claims):
    found = claims("The Armenian Defence Ministry said its units destroyed 12 tanks, 4 S-300 systems, "
                   "7 Su-25s and 2 armoured vehicles.")
    assert [(c.quantity, c.predicate, c.subject_text) for c in found] == [
        (12, "destroyed_equipment", "12 tanks"), (4, "destroyed_equipment", "4 S-300 systems"),
        (7, "downed_aircraft", "7 Su-25s"), (2, "destroyed_equipment", "2 armoured vehicles")]


def test_a_figure_says_what_kind_of_thing_it_counts(claims):
    found = claims("Officials in Baku said 25 air defence systems and 3 radars were destroyed and 40 troops killed.")
    assert [c.subject_kind for c in found] == ["air_defence_systems", "radar", "servicemen"]


@pytest.mark.parametrize("text, expected", [
    ("Artsakh officials said a shepherd was killed by a drone near Martuni.", [(1, "killed", "armenia")]),
    ("Armenia's defence ministry said an Azerbaijani Su-25 was shot down.", [(1, "downed_aircraft", "azerbaijan")]),
    ("The Azerbaijani ministry said one of its helicopters was hit.", [(1, "downed_aircraft", "azerbaijan")]),
    ("Baku said a set of enemy S-300 launchers was destroyed.", [(1, "destroyed_equipment", "armenia")]),
    ("Armenian officials said a mother and her son were killed in the strike.", [(2, "killed", "armenia")]),
])
def test_a_singular_noun_implies_a_count_of_one(claims, text, expected):
    assert [(c.quantity, c.predicate, c.subject_side) for c in claims(text)] == expected


def test_no_and_nobody_are_zero_counts(claims):
    found = claims("The Azerbaijani ministry said no servicemen were hurt. "
                   "Nobody was killed, the mayor of Ganja said.")
    assert [(c.quantity, c.predicate, c.quantity_text) for c in found] == [(0, "wounded", "no"),
                                                                          (0, "killed", "Nobody")]


def test_singular_nouns_that_are_not_counts_give_nothing(claims):
    assert claims("A soldier said the village was calm. A drone attack was reported, Armenian officials said. "
                  "Officials said a tank was not destroyed.") == []


def test_a_named_person_killed_is_one(claims):
    [claim] = claims("Azerbaijan's defence ministry said Colonel Arif Rahimov died in the fighting.")
    assert (claim.quantity, claim.predicate, claim.subject_kind) == (1, "killed", "named_individuals")


def test_each_figure_belongs_to_the_speaker_whose_verb_it_hangs_from(claims):
    found = claims("Artsakh authorities reported the deaths of 310 servicemen, while the Azerbaijani "
                   "authorities said over 900 Armenian soldiers had been killed.")
    assert [(c.quantity, c.claimant.side, c.subject_side) for c in found] == [(310, "armenia", "armenia"),
                                                                             (900, "azerbaijan", "armenia")]


def test_a_denier_is_not_the_claimant_of_the_figure_it_denies(claims):
    found = claims("According to Armenian sources, four civilians were killed in Martakert; "
                   "the Azerbaijani ministry denied the reports.")
    assert [(c.predicate, c.claimant.side) for c in found] == [("denial", "azerbaijan"), ("killed", "armenia")]


def test_a_list_item_does_not_inherit_the_source_of_the_item_before(claims):
    found = claims("• 3,000 killed per Russia\n• 41 civilians killed\n• 12 fighters killed (SOHR)\n")
    assert [(c.quantity, c.claimant.side, c.claimant.kind) for c in found] == [
        (3000, "third_party", "source"), (41, "third_party", "outlet"), (12, "third_party", "source")]


def test_of_whom_counts_the_noun_before_it(claims):
    [total, part] = claims("Armenian officials said they had killed 400 Azerbaijani soldiers, of whom 90 died "
                           "near Hadrut.")
    assert (part.quantity, part.predicate, part.subject_side) == (90, "killed", "azerbaijan")


def test_another_figure_continues_the_side_of_the_one_before(claims):
    found = claims("The Armenian ministry said 210 Azerbaijani soldiers were killed. Another 300 people were "
                   "wounded.")
    assert [(c.quantity, c.subject_side) for c in found] == [(210, "azerbaijan"), (300, "azerbaijan")]


def test_losses_name_the_side_that_suffered_them(claims):
    [claim] = claims("The Azerbaijani President stated that the Armenian losses were at US$2 billion.")
    assert (claim.quantity, claim.predicate, claim.subject_side) == (2_000_000_000, "other", "armenia")


def test_equipment_listed_after_a_destroyed_item_is_destroyed_too(claims):
    found = claims("Baku said 40 Armenian soldiers were killed, 15 tanks, 20 sets of rocket equipment, "
                   "9 air defense systems were destroyed.")
    assert [(c.quantity, c.predicate) for c in found] == [(40, "killed"), (15, "destroyed_equipment"),
                                                        (20, "destroyed_equipment"), (9, "destroyed_equipment")]


def test_the_ministry_after_a_named_one_is_that_ministry(claims):
    found = claims("Azerbaijan's defence ministry said fighting went on overnight.\n\nThe ministry said 7 Armenian "
                   "tanks were destroyed. Its press service added that 12 Armenian soldiers were killed.")
    assert [(c.quantity, c.claimant.side, c.claimant.actor.actor_id) for c in found] == [
        (7, "azerbaijan", "azerbaijan_mod"), (12, "azerbaijan", "azerbaijan_mod")]


def test_what_the_adversary_lost_is_the_other_sides(claims):
    found = claims("According to the Artsakh Defence Army, the adversary lost 5 tanks and about 30 servicemen.")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [
        (5, "destroyed_equipment", "azerbaijan"), (30, "killed", "azerbaijan")]


def test_a_level_verb_counts_its_subject(claims):
    found = claims("Baku's prosecutor said the number of civilians killed had risen to 70. "
                   "Armenian authorities put civilian deaths at 45.")
    assert [(c.quantity, c.predicate, c.claimant.side) for c in found] == [(70, "killed", "azerbaijan"),
                                                                        (45, "killed", "armenia")]


def test_those_an_actor_killed_belong_to_the_other_side(claims):
    [claim] = claims("The Armenian side said Armenian forces had wiped out 60 soldiers near Fuzuli.")
    assert (claim.predicate, claim.subject_side) == ("killed", "azerbaijan")


def test_a_headline_names_its_source_before_a_colon(claims):
    [claim] = claims("Artsakh Defence Army: 4 enemy drones shot down over Martakert\n")
    assert (claim.claimant.actor.actor_id, claim.claimant.cue, claim.quantity) == ("artsakh_defence_army", "colon", 4)


def test_a_singular_noun_coordinated_with_an_object_is_counted_too(claims):
    found = claims("Azerbaijan's defence ministry said Armenian units lost 15 servicemen and a radar.")
    assert [(c.quantity, c.predicate) for c in found] == [(15, "killed"), (1, "destroyed_equipment")]


def test_a_verb_describing_the_counted_noun_decides_before_the_clause(claims):
    found = claims("Stepanakert officials said three shepherds were killed near Martuni, with about a dozen "
                   "wounded in Askeran.")
    assert [(c.quantity, c.predicate) for c in found] == [(3, "killed"), (12, "wounded")]


def test_the_killing_of_counts_the_killed(claims):
    [claim] = claims("Azerbaijani media reported the killing of four farmers in Tartar.")
    assert (claim.claimant.side, claim.predicate, claim.quantity, claim.subject_side) == (
        "azerbaijan", "killed", 4, "azerbaijan")


def test_the_death_of_a_named_role_is_one(claims):
    [claim] = claims("The Syrian Observatory for Human Rights reported the death of a battalion commander.")
    assert (claim.predicate, claim.quantity, claim.claimant.actor.actor_id) == ("killed", 1, "sohr")


def test_fighters_count_for_the_side_they_fight_for(claims):
    [claim] = claims("Local monitors documented the deaths of 41 foreign volunteers fighting for Armenia.")
    assert (claim.predicate, claim.quantity, claim.subject_side) == ("killed", 41, "armenia")


def test_a_reporting_verb_read_as_a_plural_noun_still_names_its_speaker(nlp, claims):
    text = "Yerevan states they destroyed 9 tanks."
    assert nlp(text)[1].pos_ == "NOUN"  # the parse this rule is for
    [claim] = claims(text)
    assert (claim.claimant.side, claim.predicate, claim.subject_side) == (
        "armenia", "destroyed_equipment", "azerbaijan")


def test_each_figure_takes_the_as_of_date_nearest_it(claims):
    found = claims("As of 3 May, Yerevan reported 310 servicemen killed, while Baku reported more than 900 "
                   "Armenian servicemen killed as of 1 May.")
    assert [(c.quantity, c.as_of) for c in found] == [(310, date(2021, 5, 3)), (900, date(2021, 5, 1))]


def test_a_date_that_starts_a_period_is_not_the_as_of_date(claims):
    [claim] = claims("Baku's prosecutor said 52 civilians had been killed since 2 May.")
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 14), "publication_date")
    [claim] = claims("The ministry said that from the start of the truce on 2 May to the evening of 9, "
                     "12 soldiers were killed.")
    assert (claim.as_of, claim.as_of_precision) == (date(2021, 5, 9), "day_of_reference_month")


def test_a_continued_statement_keeps_the_date_it_was_made(claims):
    found = claims("At a briefing on 10 May, the Armenian defence ministry said 14 tanks were destroyed. "
                   "Another 6 drones were shot down.")
    assert [(c.quantity, c.as_of, c.as_of_precision) for c in found] == [
        (14, date(2021, 5, 10), "day_no_year"), (6, date(2021, 5, 10), "previous_sentence")]


def test_an_event_date_is_not_carried_to_the_next_statement(claims):
    found = claims("Armenian officials said a shepherd was killed on 10 May. Three soldiers were wounded "
                   "near Martuni, they added.")
    assert [(c.quantity, c.as_of_precision) for c in found] == [(1, "day_no_year"), (3, "publication_date")]


def test_the_same_day_and_as_a_result_take_the_date_before(claims):
    found = claims("On 8 May Armenian artillery shelled Tartar, Baku said. As a result, two civilians died. "
                   "The same day, Baku said, 4 Armenian howitzers were destroyed.")
    assert [(c.quantity, c.as_of) for c in found] == [(2, date(2021, 5, 8)), (4, date(2021, 5, 8))]


def test_a_side_that_lost_something_else_does_not_own_the_figure(claims):
    found = claims("According to Baku, 9 Armenian-held radars were destroyed, but Azerbaijan lost a drone.")
    assert [(c.quantity, c.subject_side) for c in found] == [(9, "armenia"), (1, "azerbaijan")]


def test_the_subject_of_a_verb_that_governs_the_reporting_verb_speaks(claims):
    found = claims("The Armenian defence ministry was forced to admit that 14 of its tanks were lost. "
                   "According to its statement, the town of Hadrut is not controlled by Azerbaijan.")
    assert (found[0].claimant.side, found[0].quantity, found[0].subject_side) == ("armenia", 14, "armenia")
    assert [(c.predicate, c.claimant.side) for c in found[1:]] == [("denial", "armenia")]


def test_a_paragraph_that_goes_on_keeps_the_speaker(claims):
    found = claims("Azerbaijan's defence ministry said 3 Armenian tanks were destroyed.\n\n"
                   "In total, 20 servicemen of the enemy were neutralized.\n\n"
                   "Two civilians were hurt in Goris.")
    assert [(c.quantity, c.claimant.side, c.subject_side) for c in found] == [
        (3, "azerbaijan", "armenia"), (20, "azerbaijan", "armenia"), (2, "third_party", "armenia")]


def test_others_counts_what_the_figure_before_counted(claims):
    found = claims("Baku's prosecutor said four civilians were killed and 11 others were injured in Barda. "
                   "Armenian officials said 8 soldiers died and 20 others were wounded.")
    assert [(c.quantity, c.predicate, c.subject_side, c.subject_kind) for c in found] == [
        (4, "killed", "azerbaijan", "civilians"), (11, "wounded", "azerbaijan", "civilians"),
        (8, "killed", "armenia", "servicemen"), (20, "wounded", "armenia", "servicemen")]


def test_of_uncued_dates_the_one_above_the_figure_is_the_as_of(claims):
    [claim] = claims("Baku said on Tuesday its troops had taken 6 Armenian villages, despite a truce that "
                     "began on Sunday.")
    assert (claim.quantity, claim.as_of) == (6, date(2021, 5, 11))
    [claim] = claims("The Armenian ministry said on Friday that 3 Azerbaijani drones were shot down on Wednesday.")
    assert (claim.quantity, claim.as_of) == (3, date(2021, 5, 12))


def test_the_regions_possessive_names_its_de_facto_authorities(claims):
    [claim] = claims("Nagorno-Karabakh's defence ministry said 40 of its servicemen had been killed.")
    assert (claim.claimant.side, claim.quantity, claim.subject_side) == ("armenia", 40, "armenia")


def test_the_countrys_ministry_is_that_of_the_country_whose_forces_the_sentence_is_about(claims):
    [claim] = claims("The Azerbaijani army destroyed 5 Armenian tanks on Monday, according to the country's "
                     "defence ministry.")
    assert (claim.claimant.actor.actor_id, claim.quantity, claim.subject_side) == ("azerbaijan_mod", 5, "armenia")


@pytest.mark.parametrize("headline", ["Army destroys 4 enemy tanks, says ministry", "Enemy loses 4 tanks - MoD"])
def test_a_headline_source_named_before_anyone_takes_the_actor_spelled_out_after_it(claims, headline):
    found = claims(f"{headline}\n\nThe Armenian army repelled an attack near Hadrut on Monday, according to the "
                   f"country's Ministry of Defence.")
    assert [(c.claimant.side, c.quantity, c.subject_side) for c in found] == [("armenia", 4, "azerbaijan")]


def test_a_quotation_over_several_sentences_is_its_speakers_and_denies_once(claims):
    found = claims('"Their propaganda keeps spreading fake news about Hadrut. Such reports have nothing to do '
                   'with reality," the Armenian defence ministry said.')
    assert [(c.predicate, c.claimant.side) for c in found] == [("denial", "armenia")]


def test_the_subject_of_a_verb_that_calls_nothing_is_not_the_denier(claims):
    [denial] = claims("Azerbaijani propaganda continues to spread fake news about Hadrut.")
    assert (denial.predicate, denial.claimant.side) == ("denial", "third_party")


def test_a_speaker_named_again_by_surname_is_the_same_speaker(claims):
    found = claims("Ramil Gasimov, an aide to President Ilham Aliyev, said the city of Ganja was shelled. "
                   "Armenia's claim that an Azerbaijani helicopter was downed is another lie, Gasimov added.")
    assert [(c.predicate, c.claimant.side, c.quantity, c.subject_side) for c in found] == [
        ("denial", "azerbaijan", None, "azerbaijan"), ("downed_aircraft", "armenia", 1, "azerbaijan")]


def test_the_place_named_gives_the_side_of_civilians_a_third_party_counts_and_of_local_officials(claims):
    [fled] = claims("Some 20,000 people have fled Stepanakert, the UN refugee agency said.")
    assert (fled.predicate, fled.claimant.side, fled.subject_side) == ("displaced", "third_party", "armenia")
    [killed] = claims("Shelling hit Barda on Monday, killing two women, local officials said.")
    assert (killed.predicate, killed.claimant.side, killed.subject_side) == ("killed", "azerbaijan", "azerbaijan")


def test_a_speaker_the_parse_left_in_a_list_before_its_verb(claims):
    found = claims("On 3 May, Azerbaijani units destroyed 2 tanks, 3 howitzers and 4 trucks of the enemy, the "
                   "Ministry of Defense of the Republic of Azerbaijan told reporters.")
    assert {(c.claimant.side, c.subject_side) for c in found} == {("azerbaijan", "armenia")} and len(found) == 3


def test_a_speaker_the_parse_read_as_a_noun_with_its_verb_as_modifier(claims):
    [claim] = claims("The office of the President of Azerbaijan informed on Tuesday, that the army took under "
                     "control 9 more villages.")
    assert (claim.claimant.side, claim.predicate, claim.quantity, claim.subject_side, claim.as_of) == (
        "azerbaijan", "captured_territory", 9, "armenia", date(2021, 5, 11))


def test_a_total_of_and_units_of_count_what_follows(claims):
    found = claims("Armenian officials reported that a total of 63 civilians have been killed, and that the "
                   "enemy lost 9 units of armored vehicles.")
    assert [(c.quantity, c.predicate) for c in found] == [(63, "killed"), (9, "destroyed_equipment")]


def test_a_level_verb_with_the_figure_as_its_object(claims):
    [claim] = claims("A Russian official said that the number of dead on both sides is approaching 5 thousand people.")
    assert (claim.quantity, claim.predicate, claim.subject_side) == (5000, "killed", None)


def test_a_paragraph_that_goes_on_keeps_the_date_of_the_report_before(claims):
    found = claims("On 9 May Azerbaijani units destroyed 3 Armenian tanks, the Azerbaijani ministry said.\n\n"
                   "Besides, more than 40 servicemen of the enemy were neutralized.")
    assert [(c.quantity, c.as_of, c.subject_side) for c in found] == [
        (3, date(2021, 5, 9), "armenia"), (40, date(2021, 5, 9), "armenia")]


def test_a_sentence_that_goes_on_from_history_is_history_too(claims):
    found = claims("The conflict began in 1988. As a result of the ensuing war, Armenian forces occupied 7 districts "
                   "around the region.\n\nAs a result of shelling on 3 May, 2 civilians were killed, Baku said.")
    assert [(c.quantity, c.is_background) for c in found] == [(7, True), (2, False)]


def test_a_total_brought_up_by_a_figure_counts_what_it_counted(claims):
    [more, total] = claims("Armenian officials said 12 more of their soldiers were killed, bringing the total of "
                           "military casualties to 310.")
    assert [(c.quantity, c.predicate) for c in (more, total)] == [(12, "killed"), (310, "killed")]


def test_a_sentence_that_introduces_a_list_gives_its_items_source_and_predicate(claims):
    found = claims("According to the Azerbaijani ministry, the following equipment of the enemy was destroyed:\n"
                   "- 6 tanks\n- 2 S-300 air defense systems\n\nThe roads were closed.")
    assert [(c.quantity, c.predicate, c.claimant.side, c.subject_side) for c in found] == [
        (6, "destroyed_equipment", "azerbaijan", "armenia"), (2, "destroyed_equipment", "azerbaijan", "armenia")]


def test_no_one_taken_prisoner_is_a_zero_count(claims):
    [claim] = claims('"No Azerbaijani serviceman has been taken prisoner," the Azerbaijani ministry said.')
    assert (claim.quantity, claim.predicate, claim.subject_side) == (0, "captured", "azerbaijan")


def test_each_coordinated_verb_with_its_own_object_counts_its_own(claims):
    found = claims("Baku said Armenian units fired on Tartar, killing one civilian and wounding four.")
    assert [(c.quantity, c.predicate) for c in found] == [(1, "killed"), (4, "wounded")]


def test_the_losses_of_a_side_are_that_sides(claims):
    [claim] = claims("Baku reports that the losses of the Armenian side exceed 5,000 people killed and wounded.")
    assert (claim.quantity, claim.predicate, claim.subject_side) == (5000, "killed_or_wounded", "armenia")


@pytest.mark.parametrize("text", [
    "Baku said Armenian forces shelled Tartar, a charge Armenian officials rejected.",
    "The Armenian ministry said the information spread about the fall of Hadrut is false.",
    "The Armenian side announced that this claim does not reflect the truth.",
])
def test_more_ways_of_calling_a_report_false(claims, text):
    assert [(c.predicate, c.claimant.side) for c in claims(text)] == [("denial", "armenia")]


def test_a_body_named_without_its_country_belongs_to_the_side_the_article_is_written_from(claims):
    text = ("BAKU, 14 May. The press service of the Ministry of Defense informs that the enemy shelled Tartar.\n\n"
            "As a result of retaliation, the opponent lost 2 units of artillery.\n\n"
            "The Ministry of Defense said 3 Armenian tanks were destroyed.")
    context = ArticleContext.of(text, date(2021, 5, 14), None)
    assert context.home_side == "azerbaijan"
    assert [(c.quantity, c.claimant.side, c.claimant.kind) for c in claims(text, context)] == [
        (2, "azerbaijan", "outlet"), (3, "azerbaijan", "speaker")]
    assert claims(text, ArticleContext.of(text, date(2021, 5, 14), "Harbor Times"))[0].claimant.side == "third_party"


@pytest.mark.parametrize("text, side", [("YEREVAN, May 14 (Harbor Wire) - Text.", "armenia"),
                                        ("BAKU/YEREVAN, May 14 - Text.", None), ("Text without a dateline.", None)])
def test_the_side_an_article_is_written_from(text, side):
    assert ArticleContext.of(text, None, None).home_side == side


def test_a_weekday_a_future_verb_names_is_the_coming_one(events):
    """The article's date, 14 May 2021, is a Friday: 'on Friday' is that day, 'will ... on Friday' the next."""
    assert [(e.event_type, e.event_date) for e in events("The ministers will hold talks in Moscow on Friday.")] == [
        ("diplomatic", date(2021, 5, 21))]
    assert [(e.event_type, e.event_date) for e in events("The ministers held talks in Moscow on Friday.")] == [
        ("diplomatic", date(2021, 5, 14))]


def test_a_place_that_speaks_is_its_authorities_and_its_ombudsman_theirs(claims):
    found = claims("Nagorno-Karabakh says 710 of its soldiers have been killed. Its rights ombudsman says 36 civilians "
                   "have died.")
    assert [(c.quantity, c.claimant.side, c.claimant.actor.actor_id) for c in found] == [
        (710, "armenia", "artsakh"), (36, "armenia", "artsakh")]


def test_according_to_him_is_the_speaker_named_before(claims):
    found = claims("Prime Minister Nikol Pashinyan addressed the nation.\n\nAccording to him, the enemy has lost more "
                   "than 6,000 soldiers.")
    assert [(c.quantity, c.claimant.side, c.subject_side) for c in found] == [(6000, "armenia", "azerbaijan")]


def test_an_actor_that_raises_its_toll_says_so(claims):
    found = claims("The Armenian side on Sunday raised its military death toll to 1,177, from 1,166 a day earlier.")
    assert [(c.quantity, c.predicate, c.claimant.side) for c in found] == [
        (1177, "killed", "armenia"), (1166, "killed", "armenia")]


def test_the_dateline_ingest_takes_out_of_the_text_still_says_where_an_article_is_written_from(claims):
    head = "Statement of the ministry\n\nBaku, 30 October 2020\n\nAs a result, 21 civilians were killed."
    text = "Statement of the ministry\n\n\n\nAs a result, 21 civilians were killed."
    [claim] = claims(text, ArticleContext.of(text, date(2020, 10, 30), None, head))
    assert (claim.claimant.kind, claim.claimant.side, claim.subject_side) == ("outlet", "azerbaijan", "azerbaijan")


def test_a_level_verbs_subject_that_is_counted_is_no_speaker(claims):
    [claim] = claims("Baku reports that the losses of the Armenian side exceed 5,000 people killed and wounded.")
    assert (claim.claimant.text, claim.claimant.side) == ("Baku", "azerbaijan")


def test_a_number_spacy_reads_as_a_quantity_is_a_figure_unless_it_measures(claims):
    found = claims("As a result, 1 civilian was killed, Baku said. Azerbaijani troops were 5 km from Shusha, "
                   "Armenian officials said.")
    assert [(c.quantity, c.predicate) for c in found] == [(1, "killed")]


def test_he_is_the_person_named_last(claims):
    found = claims("Hikmet Hajiyev visited Ganja.\n\nHe said 3 civilians were killed.")
    assert [(c.quantity, c.claimant.side) for c in found] == [(3, "azerbaijan")]


def test_losses_listed_after_a_colon_are_destroyed(claims):
    found = claims("Per the Artsakh Defense Army:\n* enemy losses on 11 May: 3 tanks, 2 armoured personnel carriers")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [
        (3, "destroyed_equipment", "azerbaijan"), (2, "destroyed_equipment", "azerbaijan")]


def test_a_figures_own_speaker_is_resolved_like_the_sentences(claims):
    found = claims("The Armenian defence ministry said fighting went on.\n\nShe added that 4 Azerbaijani helicopters "
                   "had been downed, according to the ministry's data.")
    assert [(c.quantity, c.claimant.side) for c in found] == [(4, "armenia")]


def test_a_figure_a_corrected_number_is_brought_to_counts_what_the_number_counts(claims):
    [claim] = claims("The Armenian ministry corrected the number of Azerbaijani drones shot down to 13.")
    assert (claim.quantity, claim.predicate, claim.subject_side) == (13, "downed_aircraft", "azerbaijan")


def test_a_capitalised_weekday_without_a_preposition_is_a_date(claims):
    [claim] = claims("President Ilham Aliyev announced Tuesday that the army had liberated 13 more villages.")
    assert (claim.quantity, claim.as_of) == (13, date(2021, 5, 11))


def test_no_casualties_is_a_zero_count_and_a_number_of_no_count(claims):
    found = claims("The Azerbaijani ministry said Armenian forces shelled Tartar. There are no casualties among the "
                   "civilian population. A large number of manpower were also neutralized.")
    assert [(c.quantity, c.predicate, c.subject_side) for c in found] == [(0, "killed_or_wounded", "azerbaijan")]


def test_a_place_spacy_reads_as_a_person_is_no_count_of_one(claims):
    assert claims("Azerbaijan's president said his forces have captured Shusha, the largest town.") == []


def test_what_a_third_country_says_of_its_own_is_other(claims):
    [claim] = claims("Russia's defence ministry said on Monday that one of its helicopters had been shot down.")
    assert (claim.claimant.side, claim.quantity, claim.subject_side) == ("third_party", 1, "other")


def test_an_article_the_parse_reads_as_a_compound_still_implies_one(nlp):
    from extraction.claims import extract_claims
    text = ("Drone shot down over Goris\n\n\n\nAn Azerbaijani combat drone was shot down over Goris on Wednesday, "
            "the Armenian defence ministry said.")
    [claim] = extract_claims(nlp(text), ArticleContext(date(2021, 5, 14), None))
    assert (claim.quantity, claim.predicate, claim.subject_side) == (1, "downed_aircraft", "azerbaijan")


def test_no_one_injured_is_zero_not_one_and_martyred_is_killed(claims):
    found = claims("Armenian officials said a shell hit Goris. No one was injured. Baku said four civilians "
                   "were martyred in Tartar.")
    assert [(c.quantity, c.predicate) for c in found] == [(0, "wounded"), (4, "killed")]


def test_a_list_introduced_in_the_outlets_voice_and_model_numbers_the_parse_leaves_aside(claims):
    text = ("BAKU, 20 May. As a result, the enemy suffered losses:\n- 2 T-72 tanks\n- 3 D-20 howitzers\n\n"
            "The roads were closed.")
    found = claims(text, ArticleContext.of(text, date(2021, 5, 20), None))
    assert [(c.quantity, c.predicate, c.claimant.side, c.subject_side) for c in found] == [
        (2, "destroyed_equipment", "azerbaijan", "armenia"), (3, "destroyed_equipment", "azerbaijan", "armenia")]


@pytest.mark.parametrize("sentence, side", [
    ("Villages of Tovuz were shelled by Azerbaijan's artillery, and 4 civilians were killed, Reuters reported.",
     "armenia"),
    ("Three residents were wounded in Armenian rocket attacks on the town, the Red Cross said.", "azerbaijan"),
    ("Azerbaijan broke the truce by bombing the district, killing 6 civilians, the UN office said.", "armenia"),
])
def test_the_victims_of_an_attacker_named_in_the_sentence_are_the_other_sides(claims, sentence, side):
    [claim] = claims(sentence)
    assert claim.subject_side == side


def test_property_rendered_unusable_is_damage(claims):
    found = claims("The prosecutor's office said the strikes rendered 120 houses and 14 schools unusable.")
    assert [(c.predicate, c.quantity) for c in found] == [("other", 120), ("other", 14)]


def test_servicemen_destroyed_in_a_ministry_bulletin_are_killed(claims):
    found = claims("The Azerbaijani Defence Ministry said 25 enemy servicemen and 3 tanks were destroyed.")
    assert [(c.predicate, c.quantity, c.subject_side) for c in found] == [
        ("killed", 25, "armenia"), ("destroyed_equipment", 3, "armenia")]


def test_an_outlet_named_as_the_source_speaks_for_its_side(claims):
    [claim] = claims("Seven civilians were wounded in the night, Trend (TR) reported on Monday.")
    assert (claim.claimant.side, claim.quantity) == ("azerbaijan", 7)


@pytest.mark.parametrize("outlet, side", [("Armenpress", "armenia"), ("harbor-times.az", "azerbaijan")])
def test_an_official_post_of_no_country_on_a_belligerents_site_is_of_its_side(claims, outlet, side):
    text = "Anna Petrosyan, director of the Regional Information Center, said 14 soldiers were killed."
    [claim] = claims(text, ArticleContext.of(text, date(2021, 5, 14), outlet))
    assert claim.claimant.side == side


def test_an_official_post_with_a_nationality_keeps_its_own(claims):
    text = "A Georgian ministry spokesman said 3 people were wounded near the border."
    [claim] = claims(text, ArticleContext.of(text, date(2021, 5, 14), "Armenpress"))
    assert claim.claimant.side != "armenia"


@pytest.mark.parametrize("text, claimant", [
    ("GENEVA, May 14 (AX) - The Caucasus Casualty Monitor said 12 volunteers were killed in the fighting.",
     "The Caucasus Casualty Monitor"),
    ("GYUMRI, May 14 (AX) - Georgia's Ministry of Health said 12 people were killed.", "Georgia's Ministry of Health"),
])
def test_a_wire_datelines_place_is_no_claimant(claims, text, claimant):
    [claim] = claims(text)
    assert claim.claimant.text == claimant


def test_a_typographic_apostrophe_parses_as_the_ascii_one(claims):
    found = claims("At least 9 people died overnight in a missile strike on Tovuz, the second town of the region, "
                   "the Azerbaijani Attorney General’s Office reported on Friday.")
    assert {(c.claimant.side, c.predicate, c.quantity) for c in found} == {("azerbaijan", "killed", 9)}


def test_a_sentence_that_only_attributes_the_one_before_it_names_its_source(claims):
    found = claims("A shell hit a house in Martakert, killing two civilians. This was reported by the press service "
                   "of the Artsakh Defence Army.\n\nA drone struck a bus near Horadiz, killing four people. On "
                   "Monday, March 3, reports Interfax with reference to the Azerbaijani Defence Ministry.")
    assert [(c.claimant.side, c.predicate, c.quantity) for c in found if c.predicate == "killed"] == [
        ("armenia", "killed", 2), ("azerbaijan", "killed", 4)]


def test_a_figure_before_a_sentence_that_reports_something_else_stays_the_outlets(claims):
    found = claims("A shell hit a house in Martakert, killing two civilians. It is raining in Baku, the weather "
                   "service of Azerbaijan said.")
    assert {c.claimant.kind for c in found} == {"outlet"}


def test_a_statement_named_as_where_it_is_reported(claims):
    [claim] = claims("Since the start of the month, 31 civilians have been injured. It is reported in the statement "
                     "of the human rights defender of the unrecognized republic.")
    assert (claim.claimant.text, claim.claimant.side, claim.quantity) == (
        "the statement of the human rights defender of the unrecognized republic", "armenia", 31)


def test_a_toll_that_is_at_a_figure(claims):
    [claim] = claims("The death toll of the separatist forces is now at 410, the Azerbaijani Defence Ministry said.")
    assert (claim.predicate, claim.quantity) == ("killed", 410)


def test_list_items_the_parse_coordinates_with_the_verb_keep_its_predicate(claims):
    found = claims("Hovhannisyan revealed that Azerbaijan has lost 400 troops since the beginning of the day, "
                   "13 tanks and armored vehicles, three planes and one drone.")
    assert [(c.predicate, c.quantity, c.subject_side) for c in found] == [
        ("killed", 400, "azerbaijan"), ("destroyed_equipment", 13, "azerbaijan"), ("downed_aircraft", 3, "azerbaijan"),
        ("downed_aircraft", 1, "azerbaijan")]
