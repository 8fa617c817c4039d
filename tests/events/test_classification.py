"""Short wire-style reports and the ACLED sub-event types an analyst would give them."""

import pytest

CASES = [
    ("Gunmen killed five villagers in an attack on Kasuwan Magani in Kaduna state on Monday.", "Attack", "Violence against civilians"),
    ("Al Shabaab militants clashed with Somali troops near Afgooye on Tuesday, leaving several dead.", "Armed clash", "Battles"),
    ("Russian warplanes carried out airstrikes on Maarat al-Numan on Sunday.", "Air/drone strike", "Explosions/Remote violence"),
    ("A roadside bomb exploded under a police vehicle in Ghazni city on Monday, killing two policemen.", "Remote explosive/landmine/IED", "Explosions/Remote violence"),
    ("A suicide bomber blew himself up at a checkpoint in Mogadishu on Saturday.", "Suicide bomb", "Explosions/Remote violence"),
    ("Government forces shelled the town of Kafr Nabl on Thursday.", "Shelling/artillery/missile attack", "Explosions/Remote violence"),
    ("Unknown assailants hurled a grenade at a bar in Bujumbura on Friday.", "Grenade", "Explosions/Remote violence"),
    ("Hundreds of teachers protested peacefully in Lahore on Monday demanding higher salaries.", "Peaceful protest", "Protests"),
    ("Police fired tear gas to disperse protesters in Nairobi on Tuesday.", "Protest with intervention", "Protests"),
    ("Protesters threw stones and burned tyres in Beirut on Monday.", "Violent demonstration", "Riots"),
    ("Gunmen kidnapped 12 students from a school in Zamfara on Friday.", "Abduction/forced disappearance", "Violence against civilians"),
    ("Police arrested three suspected militants in Peshawar on Wednesday.", "Arrests", "Strategic developments"),
    ("Security forces defused an improvised explosive device in Kandahar city on Monday.", "Disrupted weapons use", "Strategic developments"),
    ("The army recaptured the town of Damboa from Boko Haram on Sunday.", "Government regains territory", "Battles"),
    ("Taliban fighters seized the district headquarters of Imam Sahib in Kunduz province on Monday.", "Non-state actor overtakes territory", "Battles"),
    ("The government and the rebels signed a ceasefire agreement in Juba on Monday.", "Agreement", "Strategic developments"),
    ("Rioters looted shops in Durban on Tuesday.", "Looting/property destruction", "Strategic developments"),
]


@pytest.mark.parametrize(("text", "sub", "etype"), CASES, ids=[c[1] for c in CASES])
def test_sub_event_type(extract, text, sub, etype):
    result = extract(text, "2021-07-07")
    assert result.events, f"no event in {text!r}"
    subs = [(e.event_type, e.sub_event_type) for e in result.events]
    assert (etype, sub) in subs


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban threatened to attack the city if talks fail.",
        "Officials fear that militants could storm the capital next week.",
        "The ministry denied that soldiers had killed civilians.",
        "The government plans to withdraw troops from Kunduz by September.",
        "Officials urged both sides to stop fighting.",
    ],
)
def test_threats_plans_and_denials_are_not_events(extract, text):
    assert extract(text).events == []


def test_fatalities_follow_acled_counting_rules(extract):
    assert extract("Gunmen killed at least 12 civilians in Maiduguri on Monday.").events[0].fatalities == 12
    assert extract("Militants killed two soldiers and wounded five in Gao on Monday.").events[0].fatalities == 2
    assert extract("Dozens of people were killed when gunmen attacked Kaura on Monday.").events[0].fatalities == 12
    assert extract("Clashes in Kunduz on Monday caused heavy casualties.").events[0].fatalities == 0


def test_a_fatality_count_in_the_next_sentence_belongs_to_the_event(extract):
    result = extract("On 9 May 2020, unidentified gunmen shot dead a trader in Kismayo. 1 fatality.", "2020-05-11")
    assert result.events[0].fatalities == 1
    assert str(result.events[0].event_date) == "2020-05-09"


def test_attackers_pulling_back_after_a_raid_is_not_a_transfer_of_territory(extract):
    text = ("Militants attacked an army base in Kunduz on Monday, killing 2 soldiers, officials said.\n\n"
            "The fighting lasted several hours before the attackers withdrew, a military spokesman said.")
    assert [e.sub_event_type for e in extract(text).events] == ["Armed clash"]
    handover = extract("Afghan troops withdrew from Kunduz on Monday and handed the town to the Taliban.").events
    assert [e.sub_event_type for e in handover] == ["Non-violent transfer of territory"]


def test_tear_gas_at_protesters_is_one_protest_with_intervention(extract):
    text = ("Police fired tear gas at hundreds of protesters in Maiduguri on Monday.\n\n"
            "The demonstrators had gathered outside the governor's office to demand the release of detained students.")
    events = extract(text).events
    assert [(e.sub_event_type, e.inter1, e.inter2) for e in events] == [("Protest with intervention", 6, 1)]
    assert len(events[0].evidence) == 2


def test_the_blast_told_again_is_the_same_event_and_civilians_are_its_victims(extract):
    text = ("A roadside bomb exploded near a market in Gao on Monday, killing 3 civilians, police said.\n\n"
            "No group has claimed responsibility for the blast.")
    events = extract(text).events
    assert len(events) == 1 and len(events[0].evidence) == 2
    assert (events[0].inter1, events[0].inter2, events[0].fatalities) == (3, 7, 3)
    second = extract("A roadside bomb exploded near a market in Gao on Monday.\n\nOn Tuesday, a second blast hit a checkpoint in Menaka.").events
    assert sorted(e.location for e in second) == ["Gao", "Menaka"]
