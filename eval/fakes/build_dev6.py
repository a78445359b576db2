# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A sixth dev set on the FA-KES articles (dev6.jsonl): 24 questions on nine events that no other set asks
about (none a test event): four tolls that two articles give differently, a place two articles give
differently, an actor one article names and another disputes, figures written as words beside digits,
two events of the same day and toll in two cities, and questions one article alone answers.
Written (2026-12-06) before any change it was used to measure, so that the changes of that session are
measured on questions their rules were not written for. Usage: python eval/fakes/build_dev6.py eval/fakes/dev6.jsonl
Checks each quote is verbatim (whitespace-insensitive), at most 25 words; gold docs: evidence docs plus every
file holding one of a multi/disputed quote; a single item's quote is in no other file."""

import sys

from dataset import write

RA = "fakes_1962495631_alalam.txt"  # Rankus car bomb, 27 Sep 2013
RM = "fakes_1965511114_manar.txt"
NA = "fakes_1915433683_alaraby.txt"  # Nusra suicide bombing of an army outpost in Aleppo, 6 Jul 2015
NS = "fakes_1965495337_sputnik.txt"
CT = "fakes_1924058228_tass.txt"  # coalition strikes on Tabqa, 30 Apr 2017
CS = "fakes_1965495366_sputnik.txt"
HJ = "fakes_1924058034_jordantimes.txt"  # coalition strike on Heneyda west of Raqqa, 8 Apr 2017
H1 = "fakes_1965495382_sputnik.txt"
H2 = "fakes_1965495381_sputnik.txt"
EA = "fakes_1962495720_alalam.txt"  # toxic gas shells on Aleppo, 2 Aug 2016; chlorine on Saraqib, 1 Aug 2016
EM = "fakes_1965511224_manar.txt"
EC = "fakes_1926479112_etilaf.txt"
JJ = "fakes_1924058067_jordantimes.txt"  # shell on a school in Jisreen, Eastern Ghouta, 31 Oct 2017
JT = "fakes_1924058107_trt.txt"
GA = "fakes_1962495727_alalam.txt"  # Turkish strikes south of Jarablus, 28 Aug 2016
GM = "fakes_1965511221_manar.txt"
AA = "fakes_1923848207_ahram.txt"  # army ambush near Adra, 7 Aug 2013
AM = "fakes_1965511111_manar.txt"
ZH = "fakes_1962495698_alalam.txt"  # twin bombs in al-Zahraa, Homs, 21 Feb 2016 (the same day as blasts near Sayyeda Zeinab)

items = [
    ("d6-01", "How many people were killed by the car bomb in the town of Rankus, north of Damascus, on Friday 27 September 2013?", "disputed",
     [(RA, "At least 60 people have been killed and more than 100 others injured in a car bomb explosion"),
      (RM, "A car bomb killed at least 70 people and left more than hundred other wounded on Friday in the town of Rankus")]),
    ("d6-02", "Near which mosque did the car bomb explode in Rankus on 27 September 2013?", "disputed",
     [(RA, "The explosion occurred near al-Sahil Mosque in Rankus"),
      (RM, "injured in the blast next to Khaled Bin Walid mosque between Asal al-Ward and Rankus")]),
    ("d6-03", "How many people were wounded by the Rankus car bomb of 27 September 2013?", "multi",
     [(RA, "At least 60 people have been killed and more than 100 others injured in a car bomb explosion"),
      (RM, "A car bomb killed at least 70 people and left more than hundred other wounded on Friday in the town of Rankus")]),
    ("d6-04", "Which group's suicide bomber attacked an army outpost in Aleppo on Monday 6 July 2015?", "multi",
     [(NA, "A suicide bomber from al-Qaedas Syrian affiliate al-Nusra Front killed 25 soldiers"),
      (NS, "A suicide bomber from the Nusra Front terrorist group blew himself up at an army outpost")]),
    ("d6-05", "How many soldiers and pro-government fighters were killed by the suicide bombing of the army outpost in Aleppo on 6 July 2015?", "multi",
     [(NA, "in the divided northern city of Aleppo and killed at least 25 soldiers and allied militia"),
      (NS, "killing at least 25 Syrian Army soldiers and fighters loyal to President Bashar Assad")]),
    ("d6-06", "In front of what building did the suicide bomber blow himself up at the army outpost in Aleppo in July 2015?", "single",
     [(NS, "the attacker blew himself up inside a vehicle in front of an orphanage used as a military base")]),
    ("d6-07", "How many civilians were killed by the US-led coalition air strikes on Tabqa, west of Raqqa, reported on Sunday 30 April 2017?", "disputed",
     [(CT, "At least 14 civilians were killed by airstrikes carried out by the US-led international coalition in the outskirts of Raqqa"),
      (CS, "An airstrike of the US-led anti-terror coalition has claimed lives of eight civilians in the Syrian city of Al-Tabqah west of Raqqa")]),
    ("d6-08", "Which television channel reported that at least 14 civilians were killed by coalition air strikes near Raqqa on 30 April 2017?", "single",
     [(CT, "Al Mayadeen TV channel reported on Sunday")]),
    ("d6-09", "How many children were among the civilians killed by the coalition air strike on the village west of Raqqa on Saturday 8 April 2017?", "multi",
     [(HJ, "At least 15 civilians including four children were killed in a suspected US-led coalition air strike"),
      (H2, "At least 20 civilians were killed including four children.")]),
    ("d6-10", "How far is Heneyda from the city of Raqqa?", "single",
     [(HJ, "Heneyda is around 25 kilometres west of the city of Raqqa")]),
    ("d6-11", "How many people were injured in the coalition air strike on Heneyda on 8 April 2017, according to the Syrian Observatory?", "single",
     [(HJ, "at least 17 people were injured in the strike on Heneyda")]),
    ("d6-12", "How many people died after shells filled with toxic gas hit Aleppo on Tuesday 2 August 2016?", "multi",
     [(EA, "terrorists have fired shells filled with a toxic gas in the Syrian city of Aleppo killing five civilians"),
      (EM, "Health director for Aleppo Mohammad Hazouri said five people died and eight others experienced breathing difficulties")]),
    ("d6-13", "Which part of Aleppo did the artillery shells containing toxic gas hit on 2 August 2016?", "single",
     [(EM, "artillery shells containing toxic gasses slammed into the Old City of Aleppo on Tuesday")]),
    ("d6-14", "Who carried out the chlorine attack on the town of Saraqib in Idlib province on 1 August 2016?", "disputed",
     [(EC, "Activists said regime forces bombed the town of Saraqib in rural Idlib with chlorine-filled barrel bombs on Monday"),
      (EM, "Government sources said Takfiri terrorists had also used chemical munitions against civilians in the city of Saraqib")]),
    ("d6-15", "How many schoolchildren were killed when a shell hit a school in Jisreen, Eastern Ghouta, on Tuesday 31 October 2017?", "disputed",
     [(JJ, "hit the entrance of a school in Jisreen just as children were leaving it killing five people including four schoolchildren"),
      (JT, "at least five children were killed when a shell landed at the gate of a school in Jisreen")]),
    ("d6-16", "In which town of Eastern Ghouta did shelling hit near a school and wound people on 31 October 2017?", "multi",
     [(JJ, "In the town of Harasta shelling also hit near a school as pupils were leaving it wounding 10 people"),
      (JT, "Another shell in Harasta also in the eastern Ghouta suburbs landed near a school but only caused injuries.")]),
    ("d6-17", "In which city were peace talks being held when a shell hit the school in Jisreen in October 2017?", "multi",
     [(JJ, "a fresh round of peace talks to end Syrias six-year war entered a second day in the Kazakh capital Astana"),
      (JT, "The rebels and the regime are meanwhile set to conclude the latest round of talks in the Kazakh capital Astana.")]),
    ("d6-18", "How many civilians were killed by Turkish air strikes and shelling south of Jarablus on Sunday 28 August 2016?", "disputed",
     [(GA, "Britain-based Syrian Observatory for Human Rights said at least 40 civilians were killed in strikes on two areas in Jarabulus"),
      (GM, "Turkish shelling and air strikes killed at least 20 civilians in Syria on Sunday the fifth day of an incursion")]),
    ("d6-19", "What was the Turkish military operation in northern Syria launched in August 2016 called?", "multi",
     [(GA, "the first report of significant civilian casualties since the start of operation \"Euphrates Shield."),
      (GM, "Turkey on Saturday suffered its first fatality since launching operation \"Euphrates Shield\" in Syria")]),
    ("d6-20", "How far south of Jarablus is the village of Jeb el-Kussa?", "single",
     [(GM, "Jeb el-Kussa is located 14 kilometers (almost nine miles) south of Jarabulus")]),
    ("d6-21", "How many rebels were killed in the Syrian army ambush near Adra, east of Damascus, on Wednesday 7 August 2013?", "multi",
     [(AA, "sixty-two rebel fighters were killed in a Syrian army ambush at dawn on Wednesday near the town of Adra"),
      (AM, "at least 62 militants were killed in an ambush carried out by the Syrian regular forces west of the industrial city of Adra")]),
    ("d6-22", "How many people were killed by the twin bomb attacks in the al-Zahraa district of Homs on Sunday 21 February 2016?", "single",
     [(ZH, "At least 50 people have lost their lives and 100 others sustained injuries in twin bomb attacks")]),
    ("d6-23", "What was the name of the suicide bomber who attacked the army outpost in Aleppo on 6 July 2015?", "unanswerable", []),
    ("d6-24", "How much compensation did the US-led coalition pay for the civilians killed in its air strike on Heneyda in April 2017?", "unanswerable", []),
]

if __name__ == "__main__":
    write(items, sys.argv[1])
