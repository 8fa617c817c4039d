import datetime as dt

import pytest

from sitrep.actors import ActorDictionary, default_dictionary, interaction, state_period
from sitrep.errors import DataError

BEFORE = dt.date(2021, 7, 7)
AFTER = dt.date(2021, 9, 1)


@pytest.fixture(scope="module")
def actors():
    return default_dictionary()


def named(actors, phrase, country="AF", on=BEFORE):
    match = actors.find(phrase)
    assert match is not None, phrase
    return actors.name(match, event_country=country, on=on)


def test_state_forces_carry_acled_regime_periods(actors):
    assert named(actors, "Afghan forces").name == "Military Forces of Afghanistan (2004-2021)"
    assert named(actors, "Afghan forces", on=AFTER).name == "Military Forces of Afghanistan (2021-)"
    assert named(actors, "pro-government forces").inter == 1
    assert named(actors, "the provincial police headquarters").name == "Police Forces of Afghanistan (2004-2021)"


def test_foreign_forces_are_external_and_unperiodized(actors):
    us = named(actors, "U.S. troops")
    assert us.name == "Military Forces of the United States" and us.inter == 8


def test_named_groups_win_over_generic_nouns(actors):
    assert named(actors, "Taliban insurgents").name == "Taliban"
    assert named(actors, "the Taliban’s front").name == "Taliban"
    assert named(actors, "pro-Houthi forces", country="YE").name == "Military Forces of Yemen (2016-) Supreme Political Council"


@pytest.mark.parametrize(
    ("phrase", "name", "inter"),
    [("locals", "Rioters (Afghanistan)", 5), ("medical interns", "Protesters (Afghanistan)", 6), ("villagers", "Civilians (Afghanistan)", 7), ("unidentified gunmen", "Unidentified Armed Group (Afghanistan)", 3)],
)
def test_generic_roles_take_the_event_country(actors, phrase, name, inter):
    actor = named(actors, phrase)
    assert (actor.name, actor.inter) == (name, inter)


def test_a_country_inside_an_organisation_name_is_not_an_actor(actors):
    assert actors.find("the Voice of America") is None
    assert actors.find("Iran") is not None


def test_interaction_codes():
    assert interaction(2, 1) == 12
    assert interaction(6, 0) == 60
    assert interaction(8, 1) == 18


def test_state_period_unknown_country():
    assert state_period("ZZ", BEFORE) is None


def test_users_extend_the_dictionary_with_their_own_file(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("kind,actor,inter,country,aliases\nnamed,Red Shirts Militia,3,TH,red shirts|uddf\n", encoding="utf-8")
    actors = ActorDictionary.load([extra])
    assert actors.find("hundreds of Red Shirts").entry.actor == "Red Shirts Militia"
    assert actors.find("Taliban fighters").entry.actor == "Taliban"  # built-ins still there


def test_a_malformed_dictionary_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,actor,inter,country,aliases\nnamed,Foo,notanumber,,foo\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 2"):
        ActorDictionary.load([bad])
