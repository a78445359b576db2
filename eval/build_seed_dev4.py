# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""Write eval/seed_dev4.jsonl: disputes of the seed articles asked in other forms than seed_dev2/3 (yes/no,
a role, whom someone supports), and near-disputes that are not (different events, several actors).
Questions that nearly repeat a seed test question are left out (checked by seed_dataset.write, without printing it): five
first written (ids 03, 05, 08, 09, 10) were, and were replaced by 13-16."""

from seed_dataset import DOCS, write

A, B, C, D, E = DOCS
items = [
 ("sd4-01", "Is the Syrian government helping ISIS?", "disputed", [
   (A, "receives financial, military and logistical support from both Syria and Iran"),
   (C, "the regime forces in cooperation with al-Qaeda splinter group of the Islamic State"),
   (D, "meetings were held between ISIS organizing a terrorist  and the Baathist regime to coordinate and work against the Syrian Democratic Forces"),
   (E, "The Syrian Arab Army, supported by the Russian air force, will however make sure that the task is not easy for them")]),
 ("sd4-02", "What role is Russia playing in the fighting in Deir ez-Zor?", "disputed", [
   (B, "the Russian aircrafts renewed bombarding SDF’s positions, “in an attempt to handicap fighters’ progress and granting a free service to IS”"),
   (E, "The Syrian Arab Army, supported by the Russian air force, will however make sure that the task is not easy for them")]),
 ("sd4-04", "Is ISIS fighting the Syrian regime?", "disputed", [
   (A, "Omair said that ISIS is not fighting the Syrian regime"),
   (E, "The air strike was immediately followed by an ISIS attack which overran the position")]),
 ("sd4-06", "Whom does the US-led coalition support in Deir ez-Zor?", "disputed", [
   (B, "The Global Coalition to Counter IS announced its support for al-Jazeera Tempest"),
   (E, "the way for it was paved by the US-led “anti-ISIS” coalition")]),
 ("sd4-07", "Who has killed civilians in Deir ez-Zor?", "multi", [
   (C, "The Syrian regime’s warplanes has recently intensified raids to 8-11 drives a day on the besieged neighbourhoods of the city of Deir ez-Zor and its environs, causing tens of casualties among civilians"),
   (B, "IS committed a massacre amongst a crowd of civilians escaping the regime-held areas")]),
 ("sd4-13", "Who fights alongside the regime in Deir ez-Zor?", "multi", [
   (C, "the 760-day siege on the city by the regime as well as Lebanese and Iraqi “militias”"),
   (B, "With the participation of Revolutionary Guards, the Lebanese Hezbollah and the Iraqi Popular Crowd, regime forces entered al-Bokmal city"),
   (E, "The Syrian Arab Army, supported by the Russian air force")]),
 ("sd4-14", "How many SDF fighters were wounded when the regime shelled their positions with missiles in October?", "single", [
   (B, "the Syrian regime shelled the Syrian Democratic Forces’ positions with missiles wounding 4 fighters")]),
 ("sd4-15", "Does the Syrian army let ISIS fighters pass through the areas it holds?", "single", [
   (D, "the Ba’athist army facilitated the transfer of mercenaries from the areas bordering Deir al-Zour to the areas where the Syrian Democratic Forces are present"),
   (B, "The Syrian regime opened the door for IS to move their arms and ammunition through regime-held areas to target SDF")]),
 ("sd4-16", "Who benefits from the US strikes on Syrian army positions in Deir El-Zour?", "single", [
   (E, "The air strike was immediately followed by an ISIS attack which overran the position, enabling ISIS to break through")]),
 ("sd4-11", "How many SDF fighters did the Russian air strikes in Deir ez-Zor kill?", "unanswerable", []),
 ("sd4-12", "What did Turkey say about the al-Jazeera Tempest campaign?", "unanswerable", []),
]


write(items, "seed_dev4.jsonl")
print(len(items))
