# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A ninth dev set on the FA-KES articles (dev9.jsonl): 17 questions, most of them yes/no, on ten events no
other set asks about (none a test event: no article here is a gold document of a test item, and the word
overlap with the test items' articles is as low as dev8's). Real news says "no" in its own ways: "has
denied", "did not mention", "was not confirmed", "could not confirm", "no one has so far claimed", "it was
not immediately clear who", "were not operating in the area"; nine of the yes/no questions are answered
No, six Yes. One toll two outlets give differently (a camp for displaced people bombed in Idlib: 10 and at
least 75), one unanswerable. d9-17 was written as a second unanswerable and relabelled after the first run:
an article the writer had not read (IS executions in Al-Qaryatayn) says the army retook the town. The reply
each article gives ("reply": yes, no), an extra field the scorer ignores, is there for reading the answers'
polarity.
Written (2026-12-07) before any change it was used to measure. Usage: python eval/fakes/build_dev9.py eval/fakes/dev9.jsonl
Checks each quote is verbatim (whitespace-insensitive); a single item's quote is in no other file."""

import json
import sys

from dataset import write

QB = "fakes_1923848183_ahram.txt"  # regime barrel bombs on Qasr el-Breij, Aleppo province, Wed 22 Jul 2015 (12 civilians)
HB = "fakes_1923848213_ahram.txt"  # barrel bombs on a camp for displaced people near Habeet, Idlib, Wed 29 Oct 2014 (10); car bomb in Al-Zahraa, Homs
HS = "fakes_1924058155_dailysabah.txt"  # the same camp (at least 75), the US "horrified"
DZ = "fakes_1923848275_ahram.txt"  # US-led strikes on the Deir Ezzor air base, Sat 17 Sep 2016 (Russia: 62 soldiers)
HA = "fakes_1923848283_ahram.txt"  # air strikes on a school in Haas, Idlib, Wed 26 Oct 2016 (22)
SK = "fakes_1924058111_trt.txt"  # drone strike on Hezbollah near Sukhna, Homs, Mon 2 Oct 2017 (8)
QN = "fakes_1962495696_alalam.txt"  # car bomb at a rebel office in Asheh, Quneitra, Wed 2 Mar 2016 (18; an activist: 20)
QM = "fakes_1965511196_manar.txt"  # suicide bomber at a Kurdish police checkpoint, Qamishli, Sat 30 Apr 2016 (5)
QY = "fakes_1965495348_sputnik.txt"  # IS executions in Al-Qaryatayn, Oct 2017, the army's return
UM = "fakes_1965495374_sputnik.txt"  # shells on the Umayyad square, Damascus, Apr 2017 (a woman and a child)

items = [
    ("d9-01", "Were children among the civilians killed by the barrel bombs on Qasr el-Breij in July 2015?", "single",
     [(QB, "At least 12 civilians including four children and a pregnant woman were killed Wednesday")]),
    ("d9-02", "Has Assad admitted that his forces drop barrel bombs?", "single",
     [(QB, "President Bashar al-Assad has denied government forces use the weapons")]),
    ("d9-03", "Did the Homs governor link the reassignment of two security officials to the protests?", "single",
     [(HB, "Two officials were reassigned though Homss governor denied the move was related to the demonstrations")]),
    ("d9-04", "How many people were killed when barrel bombs hit the camp for displaced people near Habeet in Idlib in October 2014?", "disputed",
     [(HB, "Two barrels bombs were dropped on the camp near the Habeet area killing 10 people"),
      (HS, "at least 75 people died from barrel bomb attacks carried out by the Syrian air force")]),
    ("d9-05", "Could the United States confirm the details of the bombing of the displaced people's camp in Idlib?", "single",
     [(HS, "adding that it could not confirm details")]),
    ("d9-06", "Did the Syrian Observatory confirm that the regime carried out the attack on the camp near al-Habeet?", "single",
     [(HS, "The British-based Syrian Observatory for Human Rights also confirmed that the Assad regime carried out the air attack on the camp")]),
    ("d9-07", "Were Russian jets operating over the Deir Ezzor air base when the coalition struck it in September 2016?", "single",
     [(DZ, "Russian jets deployed in Syria were not operating in the area at the time of the coalition strikes")]),
    ("d9-08", "Did Islamic State fighters attack right after the coalition strikes on the Deir Ezzor air base?", "single",
     [(DZ, "Straight after the coalitions strikes IS militants launched an offensive")]),
    ("d9-09", "Did Syrian state TV say a school was hit in Haas?", "single",
     [(HA, "a number of militants had been killed when their positions were targeted in Haas but did not mention a school")]),
    ("d9-10", "Was the drone that struck Hezbollah near Sukhna identified?", "single",
     [(SK, "The identity of the drone was not confirmed")]),
    ("d9-11", "Did the US-led coalition say Sukhna was inside its area of operations?", "single",
     [(SK, "the spokesman for the US-led coalition said the location was outside its area of operations")]),
    ("d9-12", "Has any group claimed the car bomb that killed rebel commanders in Asheh, Quneitra?", "single",
     [(QN, "No one has so far claimed responsibility for the blast")]),
    ("d9-13", "Was it known who carried out the suicide bombing of the Kurdish police checkpoint in Qamishli?", "single",
     [(QM, "It was not immediately clear who carried out the attack")]),
    ("d9-14", "Was a child killed when shells hit the Umayyad square in Damascus in April 2017?", "single",
     [(UM, "A woman and child were killed after terrorists shelled the center of the Syrian capital of Damascus")]),
    ("d9-15", "How many Kurdish policemen were wounded by the suicide bomber in Qamishli?", "single",
     [(QM, "Four others were wounded in the attack on the citys demarcation line")]),
    ("d9-16", "Did Russia apologise for the drone strike on Hezbollah near Sukhna?", "unanswerable", []),
    ("d9-17", "Did the Syrian army take Al Qaryatain back from Daesh in October 2017?", "single",
     [(QY, "the Syrian army regrouped and returned three weeks later recapturing the city once more with support from Russian airstrikes")]),
]
REPLY = {"d9-01": "yes", "d9-02": "no", "d9-03": "no", "d9-05": "no", "d9-06": "yes", "d9-07": "no", "d9-08": "yes",
         "d9-09": "no", "d9-10": "no", "d9-11": "no", "d9-12": "no", "d9-13": "no", "d9-14": "yes", "d9-17": "yes"}

if __name__ == "__main__":
    write(items, sys.argv[1])
    rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        out.writelines(json.dumps(r | ({"reply": REPLY[r["id"]]} if r["id"] in REPLY else {}), ensure_ascii=False) + "\n" for r in rows)
