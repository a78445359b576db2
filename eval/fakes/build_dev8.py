# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""An eighth dev set on the FA-KES articles (dev8.jsonl): 22 questions on eleven events no other set asks
about (none a test event), mostly AFP reports of 2013-2016 (through Ahram Online) that each give several
figures: car bombs in Homs in spring 2014 (five of them, three in the same district, one on the same day as
a blast in Hama), a toll that an outlet updated (Douma), tolls two sources in one article give differently
(the governor and the Observatory, SANA and the Observatory), a toll of which a part were civilians, a
strike's toll beside the number of "terrorists" state media claimed, a second car bomb of the same day,
a list of two people, three unanswerable. Aimed at what the earlier dev sets no longer show: false
disagreement flags, answers refused or missed on real news.
Written (2026-12-07) before any change it was used to measure. Usage: python eval/fakes/build_dev8.py eval/fakes/dev8.jsonl
Checks each quote is verbatim (whitespace-insensitive), at most 25 words; gold docs: evidence docs plus every
file holding one of a multi/disputed quote; a single item's quote is in no other file."""

import sys

from dataset import write

TX = "fakes_1923848300_ahram.txt"  # car bomb at a taxi stand, Zahraa, Homs, Sun 25 May 2014 (governor 10, earlier 8; SOHR 12)
AB = "fakes_1923848307_ahram.txt"  # car bomb and rockets, Abbasid area of Zahra, Homs, Tue 29 Apr 2014 (45 in all, 36 by the bomb)
KL = "fakes_1923848313_ahram.txt"  # twin car bombs, Karam al-Luz, Homs, Wed 9 Apr 2014 (SANA 25, SOHR 21); Rankus taken
AR = "fakes_1923848319_ahram.txt"  # car bomb, Armenian district, Homs, Thu 6 Mar 2014
HQ = "fakes_1923848320_ahram.txt"  # truck bomb by a security HQ, Hama city, Thu 6 Mar 2014 (SOHR 5, state TV 4)
ZM = "fakes_1923848318_ahram.txt"  # car bomb, Zahraa, Homs, Mon 17 Mar 2014; an activist detained in Aleppo
TB = "fakes_1923848245_ahram.txt"  # air strike on an IS camp, Tibni, Deir Ezzor, Sat 13 Sep 2014
DM = "fakes_1923848235_ahram.txt"  # regime air raids on Douma, Thu 11 Sep 2014 (17, then 42)
HR = "fakes_1923848296_ahram.txt"  # car bomb, Al-Horra, Hama province, Fri 20 Jun 2014
LT = "fakes_1923102934_alaraby.txt"  # regime strikes near Latamina, Hama, 1 Sep 2016 (25 civilians; state media: 50 "terrorists")
SL = "fakes_1923848206_ahram.txt"  # air strikes on Salma, Latakia, Aug 2013 (20, 10 of them civilians)

items = [
    ("d8-01", "How many people were killed in the car bomb attack on a taxi stand in the Zahraa district of Homs on Sunday 25 May 2014?", "single",
     [(TX, "Ten people were killed and 22 wounded in a car bomb attack on a collective taxi stand in Zahraa"),
      (TX, "the Syrian Observatory for Human Rights gave a death toll of 12")]),
    ("d8-02", "How many people did the second car bomb that exploded in Homs on 25 May 2014 wound?", "single",
     [(TX, "A second car bomb exploded in another district of the city wounding three people")]),
    ("d8-03", "How many people did the car bomb in the Abbasid area of Homs kill on 29 April 2014?", "single",
     [(AB, "the car bomb detonated in the Abbasid area of the Zahra neighbourhood in the central city killing 36 people")]),
    ("d8-04", "How many people were wounded in the car bomb and rocket attack on the Zahra neighbourhood of Homs on 29 April 2014?", "single",
     [(AB, "killed at least 45 people and wounded 85 on Tuesday the provincial governor said")]),
    ("d8-05", "How many people were killed by the two car bombs in the Karam al-Luz neighbourhood of Homs on 9 April 2014?", "single",
     [(KL, "Two car bombs killed at least 25 people including women and children in a government-held neighbourhood of Syrias central city of Homs"),
      (KL, "The Syrian Observatory for Human Rights said the bombings killed 21 people in a mostly Alawite neighbourhood")]),
    ("d8-06", "Whom did SANA blame for the car bombs in Karam al-Luz in Homs on 9 April 2014?", "single",
     [(KL, "Another 100 people were wounded in Karam al-Luz in attacks SANA blamed on \"terrorists\"")]),
    ("d8-07", "Which town in the Qalamun region did Syrian troops seize on 9 April 2014?", "single",
     [(KL, "Earlier Wednesday troops fighting in the Qalamun region seized the town of Rankus")]),
    ("d8-08", "In which district of Homs did a car bomb kill at least 15 people on Thursday 6 March 2014?", "single",
     [(AR, "injured in the Armenian district which is home to mostly Christians and Alawites")]),
    ("d8-09", "How many people were killed by the bomb blast near a security headquarters in Hama city on Thursday 6 March 2014?", "single",
     [(HQ, "At least five people were killed and more than 20 wounded on Thursday in a bomb blast near a security headquarters"),
      (HQ, "saying four people had been killed and 22 wounded in a \"terrorist explosion\" at the southern entrance of the city")]),
    ("d8-10", "How many people were wounded by the car bomb in the Zahraa district of Homs on Monday 17 March 2014?", "single",
     [(ZM, "Six people were killed and 20 wounded Monday by a car bomb in a Homs district")]),
    ("d8-11", "Whom did the rebel Army of Mujahideen detain in Aleppo in March 2014?", "multi",
     [(ZM, "detained prominent female activist Marcel Shehwaro and her friend Mohammad Khalili in Aleppo")]),
    ("d8-12", "How many people were killed by the Syrian air strike on the Islamic State training camp in Tibni in September 2014?", "single",
     [(TB, "A Syrian air strike on an Islamic State (IS) training camp in the jihadist-held east killed 17 militants and a child")]),
    ("d8-13", "Why was a child at the Islamic State camp in Tibni when the Syrian air strike hit it in September 2014?", "single",
     [(TB, "The child who was killed had been visiting his elder brother who was training with IS")]),
    ("d8-14", "How many people were killed by the regime air raids on Douma on Thursday 11 September 2014?", "multi",
     [(DM, "\"The toll from regime air raids on Douma has risen to 42 dead including seven children and two women\""),
      (DM, "which on Thursday had given a death toll of 17")]),
    ("d8-15", "What death toll did SANA give for the car bomb that hit the village of Al-Horra, Hama province, on 20 June 2014?", "single",
     [(HR, "A car bomb killed at least 34 people on Friday in a government-controlled village in the central Syrian province of Hama")]),
    ("d8-16", "How many civilians were killed by the regime air strikes near Latamina in Hama province at the start of September 2016?", "single",
     [(LT, "At least 25 civilians have been killed by government airstrikes in Syrias central province of Hama")]),
    ("d8-17", "How many villages had the rebels seized in Hama province in four days by 1 September 2016?", "single",
     [(LT, "the rebels have seized control of 14 villages in four days")]),
    ("d8-18", "How many of those killed by the air strikes on Salma in Latakia province in August 2013 were civilians?", "single",
     [(SL, "Abdel Rahman said 10 of those killed were believed to be civilians")]),
    ("d8-19", "How many people were killed by the air strikes on the town of Salma in Latakia province in August 2013?", "single",
     [(SL, "The toll in several air strikes on the town of Salma in Jabal Akrad rose to at least 20 people")]),
    ("d8-20", "How many people were killed by the car bomb in the Armenian district of Homs on 6 March 2014, according to SANA?", "unanswerable", []),
    ("d8-21", "Who claimed responsibility for the car bomb at the taxi stand in Zahraa, Homs, on 25 May 2014?", "unanswerable", []),
    ("d8-22", "What was the name of the child killed by the Syrian air strike on the Islamic State camp in Tibni?", "unanswerable", []),
]

if __name__ == "__main__":
    write(items, sys.argv[1])
