"""Trigger words and the cue words that decide between ACLED sub-event types.

Lemmas, not surface forms: spaCy's lemmatizer maps "stormed"/"storming" to "storm".
A *family* groups triggers that are classified by the same rule (see ``classify``).
"""

from __future__ import annotations

VERB_FAMILIES: dict[str, frozenset[str]] = {
    "clash": frozenset({"clash", "fight", "battle", "skirmish", "engage", "repel", "repulse", "confront", "exchange"}),
    "attack": frozenset({"attack", "assault", "raid", "ambush", "target", "besiege"}),
    "storm": frozenset({"storm", "invade"}),
    "territory": frozenset({"seize", "capture", "overrun", "regain", "recapture", "retake", "reclaim", "liberate", "expel", "overtake", "conquer", "occupy"}),
    "kill": frozenset({"kill", "shoot", "murder", "behead", "execute", "stab", "massacre", "slay", "assassinate", "torture", "injure", "wound", "hack", "lynch", "beat"}),
    "shell": frozenset({"shell", "bombard", "pound"}),
    "fire": frozenset({"fire", "hurl", "launch", "lob"}),
    "bomb": frozenset({"bomb"}),
    "explode": frozenset({"explode", "detonate"}),
    "abduct": frozenset({"kidnap", "abduct"}),
    "rape": frozenset({"rape"}),
    "protest": frozenset({"protest", "demonstrate", "rally", "march", "picket", "disperse", "block", "barricade"}),
    "riot": frozenset({"riot", "vandalize", "vandalise"}),
    "loot": frozenset({"loot", "plunder", "ransack", "pillage"}),
    "destroy": frozenset({"burn", "torch", "destroy", "demolish", "raze", "set"}),
    "arrest": frozenset({"arrest", "detain", "apprehend", "nab"}),
    "disrupt": frozenset({"defuse", "dismantle", "intercept", "foil", "thwart"}),
    "agree": frozenset({"sign", "agree", "reach", "conclude", "negotiate", "broker"}),
    "nvt": frozenset({"withdraw", "retreat", "surrender", "abandon", "evacuate", "flee", "cede", "vacate", "leave"}),
    "release": frozenset({"release", "free"}),
    "escape": frozenset({"escape"}),
    "talks": frozenset({"host", "hold", "convene"}),
    "hq": frozenset({"establish"}),
    "change": frozenset({"deploy", "defect", "impose", "disband", "mobilize", "mobilise"}),
}
# Verbs that trigger only with a particle: "pushed the Taliban out", "handed over Bagram".
PARTICLE_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    "push": ("territory", frozenset({"out", "back"})),
    "drive": ("territory", frozenset({"out", "away", "back"})),
    "force": ("territory", frozenset({"out"})),
    "take": ("territory", frozenset({"over", "control"})),
    "hand": ("nvt", frozenset({"over"})),
    "pull": ("nvt", frozenset({"out", "back"})),
    "blow": ("explode", frozenset({"up"})),
    "set": ("hq", frozenset({"up"})),
    "break": ("escape", frozenset({"out"})),
    "gun": ("kill", frozenset({"down"})),
    "shoot": ("disrupt", frozenset({"down"})),
    "open": ("kill", frozenset({"fire"})),
}
NOUN_FAMILIES: dict[str, frozenset[str]] = {
    "clash": frozenset({"clash", "fighting", "fight", "battle", "gunfight", "firefight", "skirmish", "crossfire", "gunbattle", "hostility", "offensive", "shootout", "shoot-out", "exchange", "projectile", "shot", "burst"}),
    "attack": frozenset({"attack", "assault", "raid", "ambush", "incursion"}),
    "air": frozenset({"airstrike", "airstrikes", "air-strike", "warplane", "bombing", "airraid", "drone"}),
    "shell": frozenset({"shelling", "mortar", "artillery", "rocket", "missile", "bombardment", "shell", "barrage"}),
    "ied": frozenset({"ied", "ieds", "landmine", "mine", "bomb", "explosion", "blast", "explosive", "vbied", "device"}),
    "grenade": frozenset({"grenade"}),
    "suicide": frozenset({"suicide"}),
    "chemical": frozenset({"chlorine", "sarin"}),
    "abduct": frozenset({"kidnapping", "abduction"}),
    "rape": frozenset({"rape"}),
    "protest": frozenset({"protest", "demonstration", "rally", "march", "sit-in", "vigil", "picket", "protester", "demonstrator", "protestor"}),
    "riot": frozenset({"riot", "rioting"}),
    "loot": frozenset({"looting", "arson", "vandalism"}),
    "arrest": frozenset({"arrest"}),
    "escape": frozenset({"jailbreak"}),
    "agree": frozenset({"ceasefire", "truce"}),
    "change": frozenset({"patrol", "deployment", "curfew", "reinforcement", "reinforcements"}),
}
# The noun "strike" is a trigger only in these compounds (a labour strike is a protest).
STRIKE_COMPOUNDS: dict[str, str] = {"air": "air", "drone": "air", "missile": "shell", "rocket": "shell", "artillery": "shell"}

AIR_CUES = frozenset({"airstrike", "airstrikes", "air", "drone", "warplane", "jet", "aircraft", "helicopter", "aerial", "plane", "gunship", "uav", "bomber"})
SHELL_CUES = frozenset({"shell", "shelling", "mortar", "artillery", "rocket", "missile", "bombardment", "howitzer", "barrage", "katyusha", "grad"})
IED_CUES = frozenset({"ied", "landmine", "mine", "bomb", "explosive", "blast", "explosion", "vbied", "device", "roadside", "detonate", "explode"})
GRENADE_CUES = frozenset({"grenade"})
SUICIDE_CUES = frozenset({"suicide"})
CHEMICAL_CUES = frozenset({"chlorine", "sarin", "chemical", "mustard"})
NVT_CUES = frozenset({"retreat", "surrender", "withdraw", "withdrawal", "departure", "abandon", "evacuate", "handover", "hand", "flee", "vacate", "leave"})
PROTEST_VIOLENCE = frozenset({"throw", "hurl", "pelt", "burn", "torch", "vandalize", "vandalise", "smash", "loot", "clash", "attack", "destroy", "storm", "damage", "assault", "injure"})
PROTEST_INTERVENTION = frozenset({"disperse", "tear", "teargas", "cannon", "arrest", "detain", "baton", "rubber", "pellet", "break", "charge", "beat", "crackdown"})
PROTEST_LETHAL = frozenset({"kill", "die", "dead", "death", "shoot"})
WEAPON_NOUNS = frozenset({"weapon", "arm", "ammunition", "explosive", "bomb", "ied", "rifle", "gun", "grenade", "mine", "rocket", "missile", "mortar", "cache", "drone", "device", "munition", "firearm", "pistol"})
PRISONER_NOUNS = frozenset({"prisoner", "inmate", "detainee", "hostage", "captive", "convict"})
PROPERTY_NOUNS = frozenset({"house", "home", "shop", "building", "school", "market", "vehicle", "car", "property", "crop", "church", "mosque", "office", "store", "hut", "village", "truck", "bus", "tower", "facility", "station", "clinic", "hospital", "field", "farm", "warehouse", "base", "headquarters"})
PLACE_NOUNS = frozenset({"city", "town", "village", "district", "area", "base", "headquarters", "building", "post", "checkpoint", "province", "territory", "region", "capital", "compound", "facility", "control", "airport", "position", "outpost", "camp", "neighbourhood", "neighborhood", "hill", "bridge", "road", "highway", "border", "crossing", "prison", "office", "center", "centre", "part", "parts", "hq", "station", "garrison", "stronghold", "county", "municipality"})
TALKS_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "dialogue", "summit"})
AGREEMENT_NOUNS = frozenset({"agreement", "deal", "accord", "ceasefire", "truce", "treaty", "pact", "armistice"})
HQ_NOUNS = frozenset({"base", "headquarters", "camp", "outpost", "office", "hq"})
ARMED_NOUNS = frozenset({"soldier", "troop", "policeman", "police", "fighter", "militant", "insurgent", "rebel", "officer", "guard", "gendarme", "serviceman", "commander", "jihadist", "combatant", "position", "checkpoint", "post", "base", "convoy", "patrol", "army", "force", "militia", "militiaman", "member", "agent", "personnel", "unit", "element"})
# Nouns naming events after these prepositions are what people protest about or history, not news.
BACKGROUND_PREPS = frozenset({"against", "over", "about", "during", "after", "following", "amid", "despite", "since", "before", "denouncing", "condemning", "regarding"})
CHANGE_OBJECTS = frozenset({"troop", "soldier", "force", "curfew", "reinforcement", "unit", "battalion", "police"})

# Words that make a clause hypothetical, planned, denied or wished, not reported as done.
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "should", "must", "shall", "can", "'ll", "wo"})
IRREALIS_HEADS = frozenset({
    "threaten", "plan", "vow", "urge", "call", "want", "fear", "warn", "expect", "suppose", "intend", "seek", "aim",
    "prepare", "hope", "demand", "refuse", "fail", "deny", "avoid", "prevent", "plot", "pledge",
    "promise", "propose", "consider", "decide", "ask", "order", "need", "help", "resume", "negotiate",
})
REPORTED_ANAPHORS = frozenset({"city", "town", "village", "base", "facility", "district", "area", "capital", "there", "region", "province", "camp", "prison", "compound"})

# Every lemma or lowercase form that can make a token a trigger: a cheap test that lets the
# trigger rules skip the tokens that can never fire.
TRIGGER_WORDS: frozenset[str] = frozenset().union(
    *VERB_FAMILIES.values(), *NOUN_FAMILIES.values(), PARTICLE_VERBS, {"find", "discover", "recover", "strike", "strikes", "raid"}
)
