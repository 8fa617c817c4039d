"""ACLED's event typology: 6 event types, 25 sub-event types, and how sub-types outrank each other."""

from __future__ import annotations

SUB_EVENT_TYPES: dict[str, str] = {
    # Battles
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    # Explosions/Remote violence
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    # Violence against civilians
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    # Protests
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    # Riots
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    # Strategic developments
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(SUB_EVENT_TYPES.values()))

# Within one event type, when one event is told with several sub-types, the higher one stands.
PRIORITY: dict[str, int] = {
    "Armed clash": 1,
    "Government regains territory": 3,
    "Non-state actor overtakes territory": 3,
    "Suicide bomb": 5,
    "Chemical weapon": 5,
    "Air/drone strike": 4,
    "Shelling/artillery/missile attack": 3,
    "Grenade": 2,
    "Remote explosive/landmine/IED": 2,
    "Sexual violence": 3,
    "Abduction/forced disappearance": 2,
    "Attack": 1,
    "Excessive force against protesters": 3,
    "Protest with intervention": 2,
    "Peaceful protest": 1,
    "Violent demonstration": 2,
    "Mob violence": 1,
}
# Strategic developments are distinct kinds of thing: they never merge across sub-types.
DISTINCT_SUBTYPES_TYPES = frozenset({"Strategic developments"})

# CASE 2021 task 2 label -> ACLED sub-event type (the five non-ACLED labels map to None).
CASE2021_LABELS: dict[str, str | None] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}


def event_type_of(sub_event_type: str) -> str:
    return SUB_EVENT_TYPES[sub_event_type]
