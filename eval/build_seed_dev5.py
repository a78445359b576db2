# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""Write eval/seed_dev5.jsonl: yes/no questions on the seed articles, written before any change to how a
yes/no answer is read (2026-12-07). seed_dev4 held three yes/no questions, too few to see whether a "No" is
read as one: here six of the ten single answers are "No" by the article's words (declined to say, released no
pictures, did not disclose, no country has provided, prevented people from fleeing), one question is disputed
(one article says the coalition helps ISIS, another that it blocked ISIS's convoy), two are not answered by any
article. Each item carries the reply its articles give ("reply": yes, no or both), an extra field the scorer
ignores, for reading the answers' polarity. Questions that nearly repeat a seed test question (word Jaccard
>= 0.5) are left out, checked by seed_dataset.write without printing it: four first written were (a dispute over the secret
deal, one over whether the FSA and ISIS are enemies, the al-Omar oil field, the siege) and were replaced."""

from seed_dataset import DOCS, nearest_test, write

A, B, C, D, E = DOCS
items = [
 ("sd5-01", "Does the US-led coalition help ISIS in Deir El-Zour?", "disputed", [
   (E, "The US-led “anti-ISIS” coalition for the first time actively assisted ISIS in this area on 7th December 2015"),
   (B, "The Global Coalition blocked the convoy of mercenaries in the desert and prevented them from entering Deir ez-Zor")]),
 ("sd5-02", "Did the coalition publish photos of ISIS prisoners taken in the raid?", "single", [
   (E, "The US-led “anti-ISIS” coalition has released no pictures of ISIS captives or of ISIS dead caused by this raid")]),
 ("sd5-03", "Have some foreign fighters left ISIS?", "single", [
   (A, "a small percentage of them discovered the reality of the terrorist organization and defected from it")]),
 ("sd5-13", "Did the SDF respond when the regime shelled its positions?", "single", [
   (B, "SDF, in turn, responded to the shelling")]),
 ("sd5-04", "Did IS manage to take back al-Bokmal after regime forces entered it?", "single", [
   (B, "mercenaries launched a counter-attack on the city with suicide bombers and booby-trapped vehicles and managed to retake the city")]),
 ("sd5-05", "Did the SDF capture the Conico gas plant?", "single", [
   (B, "Syrian Democratic Forces having liberated Conico Company for Gas and al-Azba Company in September 23")]),
 ("sd5-06", "Did the coalition say whether ISIS commanders were captured in the January 2017 helicopter raid?", "single", [
   (E, "has declined to provide details or say whether any ISIS commanders were in fact captured")]),
 ("sd5-07", "Did Nasrallah make public every term of his deal with the mercenaries?", "single", [
   (B, "But Hassan Nasrallah did not disclose the most important terms of his agreement with mercenaries")]),
 ("sd5-08", "Has any country given the Syrian armed opposition the support it needs against ISIS?", "single", [
   (A, "no country has provided the necessary support to the Syrian armed opposition to fight this terrorist organization")]),
 ("sd5-09", "Were civilians allowed to leave the shelled neighbourhoods of Deir ez-Zor?", "single", [
   (C, "the regime’s siege of the inhabited under-shelling areas and prevention of people to flee"),
   (C, "Regime and ISIL keep blocking the Political Security Bridge, preventing people from crossing to the relatively more secure countryside")]),
 ("sd5-10", "Did American aircraft strike Syrian army positions in September 2016?", "single", [
   (E, "In September 2016 Israeli and US air strikes took place against Syrian army positions")]),
 ("sd5-11", "Did Turkey send troops into Deir ez-Zor?", "unanswerable", []),
 ("sd5-12", "Did the SDF capture the city of al-Mayadeen?", "unanswerable", []),
]


REPLY = {"sd5-01": "both", "sd5-02": "no", "sd5-03": "yes", "sd5-13": "yes", "sd5-04": "yes", "sd5-05": "yes",
         "sd5-06": "no", "sd5-07": "no", "sd5-08": "no", "sd5-09": "no", "sd5-10": "yes"}
REPLIES = {"sd5-01": {E: "yes", B: "no"}}  # a disputed item: each article's reply
write(items, "seed_dev5.jsonl", {i: {"reply": r} | ({"replies": REPLIES[i]} if i in REPLIES else {}) for i, r in REPLY.items()})
print(len(items), "items; nearest test question by word Jaccard:", max(nearest_test(q) for _, q, _, _ in items))
