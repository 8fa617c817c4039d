"""Where an event happened: the town the sentence names, however NER cut or labelled it."""

from __future__ import annotations

import pytest

from sitrep.events.extract import place_mentions
from sitrep.nlp import load_nlp


@pytest.mark.parametrize(
    "text",
    [
        # NER tags the town as an organization
        "Taliban fighters attacked Qala-i-Naw, Badghis province, on Wednesday, killing 3 policemen.",
        # NER keeps only "Qala"; "Naw" alone is a village in Iran
        "Taliban fighters attacked police checkpoints in Qala-i-Naw in Badghis on Wednesday.",
    ],
)
def test_hyphenated_town_is_the_location_not_a_fragment_or_the_province_seat(extract, text):
    events = extract(text, "2021-07-08").events
    assert events
    assert {(e.location, e.admin1, e.country) for e in events} == {("Qala i Naw", "Badghis", "Afghanistan")}
    assert all(e.field_evidence["location"].text == "Qala-i-Naw" for e in events)


def test_weekdays_and_dates_after_locative_words_are_not_place_names():
    doc = load_nlp()("Police arrested two men on Wednesday and in March near Gao.")
    names = [m.text for _ent, m in place_mentions(doc)]
    assert "Wednesday" not in names and "March" not in names
    assert "Gao" in names


def test_an_organization_is_not_taken_for_a_town_without_a_gazetteer_match(extract):
    events = extract("Gunmen attacked the Halliburton compound in Kabul on Monday, killing two guards.").events
    assert events and {e.location for e in events} == {"Kabul"}
