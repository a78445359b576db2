# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A fifth dev set on the FA-KES articles (dev5.jsonl): 26 questions on twelve events, none a test event and
only one (the Homs depot blast) asked about by another set; most have one true value that two articles give
alike in their own words (a toll, who struck, what exploded, a place), so that a false disagreement shows;
three disputes, three unanswerable.
Written (2026-12-06) before any change it was used to measure, to calibrate false disagreement flags on real
news. Usage: python eval/fakes/build_dev5.py eval/fakes/dev5.jsonl
Checks each quote is verbatim (whitespace-insensitive), at most 25 words; gold docs: evidence docs plus every
file holding one of a multi/disputed quote; a single item's quote is in no other file."""

import sys

from dataset import write

RA = "fakes_1923102950_alaraby.txt"
RH = "fakes_1923848263_ahram.txt"
TS = "fakes_1924058166_dailysabah.txt"
TL = "fakes_1962495673_alalam.txt"
SS = "fakes_1926478968_sana.txt"
SL = "fakes_1962495712_alalam.txt"
C1 = "fakes_1926478911_sana.txt"
C2 = "fakes_1926478966_sana.txt"
GT = "fakes_1919191761_trt.txt"
GA = "fakes_1923102873_alaraby.txt"
M1 = "fakes_1924058108_trt.txt"
M2 = "fakes_1924058109_trt.txt"
QH = "fakes_1923848259_ahram.txt"
HH = "fakes_1923848211_ahram.txt"
HL = "fakes_1962495637_alalam.txt"
DH = "fakes_1923848246_ahram.txt"
DL = "fakes_1962495641_alalam.txt"
KH = "fakes_1923848202_ahram.txt"
AH = "fakes_1923848217_ahram.txt"
AS = "fakes_1924058161_dailysabah.txt"
J1 = "fakes_1926478910_sana.txt"
J2 = "fakes_1926478942_sana.txt"
R = "Air strikes on the Islamic State groups de facto Syrian capital Raqa killed 25 civilians six of them children"
items = [
    (
        "d5-01",
        "How many civilians were killed in the overnight air strikes on Raqqa, the Islamic State group's de facto capital, on Tuesday 21 June 2016?",
        "multi",
        [
            (RA, "Overnight airstrikes on the Islamic State groups de facto Syrian capital Raqqa killed 25 civilians"),
            (RH, R),
        ],
    ),
    (
        "d5-02",
        "How many children were among the civilians killed in the air strikes on Raqqa on the night of 21 June 2016?",
        "multi",
        [(RA, "Of those killed six were children."), (RH, R)],
    ),
    (
        "d5-03",
        "How many government troops and militia were killed in the Islamic State counter-attack near Tabqa in June 2016?",
        "multi",
        [
            (RA, "Damascus lost more than 40 troops and militia in the militant counter-attack on Sunday and Monday"),
            (RH, "More than 40 troops and militia were killed in a jihadist counterattack launched on Sunday."),
        ],
    ),
    (
        "d5-04",
        "How many Islamic State members did Turkish artillery and US-led coalition strikes kill in northern Syria on Sunday 19 June 2016?",
        "multi",
        [
            (TS, "At least 23 DAESH members were killed Sunday in northern Syria"),
            (
                TL,
                "At least 23 ISIS (Daesh) militants have been killed by Turkish artillery fire and US airstrikes in northern Syria",
            ),
        ],
    ),
    (
        "d5-05",
        "How many targets did Turkish artillery and coalition jets hit in their joint operation against Islamic State in northern Syria in June 2016?",
        "multi",
        [
            (TS, "Turkish artillery and coalition jets hit 33 weapons emplacements"),
            (TL, "As many as 33 targets were hit in the joint operation"),
        ],
    ),
    (
        "d5-06",
        "Who carried out the strikes that killed 23 Islamic State members in northern Syria on 19 June 2016?",
        "multi",
        [
            (TS, "in a Turkish Armed Forces (TSK) and U.S.-led coalition operation"),
            (TL, "killed by Turkish artillery fire and US airstrikes in northern Syria"),
        ],
    ),
    (
        "d5-07",
        "How many people were killed by the shelling of Aleppo's Sulaymaniyah neighbourhood on Saturday 12 November 2016?",
        "disputed",
        [
            (SS, "targeted al-Sulaymaniyah neighborhood with rocket shells killing three persons"),
            (
                SL,
                "Two people have been killed and 10 other people have been injured in a terrorists groups shelling of the Sulaymaniyah neighborhood",
            ),
        ],
    ),
    (
        "d5-08",
        "Which neighbourhood of Aleppo was hit by the shelling that killed civilians on Saturday 12 November 2016?",
        "multi",
        [
            (SS, "targeted al-Sulaymaniyah neighborhood with rocket shells"),
            (SL, "shelling of the Sulaymaniyah neighborhood of the Syrian city of Aleppo on Saturday"),
        ],
    ),
    (
        "d5-09",
        "How many workers were killed when an air strike hit a cotton-spinning plant in al-Salehia village, Raqqa province, in November 2016?",
        "multi",
        [(C1, "claiming the lives of three workers"), (C2, "claiming the lives of three workers")],
    ),
    (
        "d5-10",
        "Who carried out the air strike on al-Salehia village in the northern countryside of Raqqa in November 2016?",
        "multi",
        [
            (C1, "Aircrafts of the US-led international coalition committed a new massacre"),
            (C2, "Aircrafts of the US-led international coalition committed a new massacre"),
        ],
    ),
    (
        "d5-11",
        "How many civilians did Syrian regime air strikes kill in the Eastern Ghouta region near Damascus on Monday 3 April 2017?",
        "multi",
        [
            (
                GT,
                "Air strikes by Syrian regime on a rebel-held region near Damascus killed at least 22 civilians on Monday",
            ),
            (
                GA,
                "Syrian regime airstrikes on a rebel-held region near Damascus killed at least 22 civilians on Monday",
            ),
        ],
    ),
    (
        "d5-12",
        "How many civilians were killed in Douma by the regime air raids of 3 April 2017?",
        "multi",
        [
            (
                GT,
                "The highest toll was in Douma the largest town in the Eastern Ghouta region where raids killed 16 civilians",
            ),
            (
                GA,
                "The highest toll was in Douma the largest town in the Eastern Ghouta region where raids killed 16 civilians",
            ),
        ],
    ),
    (
        "d5-13",
        "In which town was one civilian killed by the regime air strikes on Eastern Ghouta on 3 April 2017?",
        "multi",
        [(GT, "one in the town of Harasta"), (GA, "one in the town of Harasta")],
    ),
    (
        "d5-14",
        "How many civilians did Russian air strikes kill as they crossed the Euphrates near Al Mayadeen in early October 2017?",
        "multi",
        [
            (M2, "Russian air strikes killed at least 14 civilians as they were crossing the Euphrates river"),
            (M1, "Russian air strikes had killed at least 14 civilians as they were crossing the Euphrates river"),
        ],
    ),
    (
        "d5-15",
        "How were the civilians killed by Russian air strikes near Al Mayadeen in October 2017 crossing the Euphrates?",
        "multi",
        [
            (M2, "They were crossing the river on makeshift rafts in a village south of Mayadeen"),
            (M1, "They were crossing the river on makeshift rafts in a village south of Mayadeen"),
        ],
    ),
    (
        "d5-16",
        "Which village were the civilians fleeing when Russian air strikes killed them on the Euphrates near Al Mayadeen in October 2017?",
        "single",
        [(M2, "the civilians were fleeing the village of Mahkan south of Al Mayadeen")],
    ),
    (
        "d5-17",
        "Whom did the DeirEzzor 24 monitoring group blame for the missile that hit the Qusour neighbourhood of Deir el-Zour on 5 October 2017?",
        "single",
        [(QH, "blaming the Islamic State group for the attack")],
    ),
    (
        "d5-18",
        "What exploded in Homs on 1 August 2013 after rockets struck, killing at least 40 people?",
        "multi",
        [
            (HH, "setting off successive explosions in a weapons depot"),
            (HL, "when an ammunitions depot blew up in Wadi al-Zahab District after rocket fire"),
        ],
    ),
    (
        "d5-19",
        "How many Syrian soldiers did Islamic State summarily execute after its assault on the Division 17 base in Raqqa province in July 2014?",
        "multi",
        [
            (DH, "more than 50 troops were summarily executed"),
            (DL, "executed more than 50 Syrian army troops after taking them captive in an ambush"),
        ],
    ),
    (
        "d5-20",
        "How many Islamic State fighters were killed in the assault on the army's Division 17 base in Raqqa province in July 2014?",
        "disputed",
        [
            (DH, "The IS lost at least 28 jihadist fighters he said."),
            (DL, "more than 35 ISIL terrorists were also killed during the fighting for the base"),
        ],
    ),
    (
        "d5-21",
        "How many Islamic State jihadists were killed in clashes with Kurdish fighters around Kobane on Sunday 15 February 2015?",
        "single",
        [
            (
                KH,
                "At least 35 Islamic State jihadists were killed on Sunday in clashes with Syrian Kurdish fighters around the flashpoint town of Kobane",
            )
        ],
    ),
    (
        "d5-22",
        "How many people were killed in the regime strikes on al-Hara in Daraa province on Friday 10 October 2014?",
        "disputed",
        [
            (
                AH,
                "19 people including five children were killed by air strikes and surface-to-surface missiles on the Hara area",
            ),
            (AS, "At least 10 people including women and children have been killed on Friday"),
        ],
    ),
    (
        "d5-23",
        "How many people were killed by the rocket shells that hit al-Jamilia neighbourhood in Aleppo on 6 October 2016?",
        "multi",
        [
            (J1, "targeted al-Jamilia neighborhood in Aleppo city with 4 rocket shells killing 8 persons"),
            (J2, "targeted al-Jamilia neighborhood in Aleppo city with 4 rocket shells killing 8 persons"),
        ],
    ),
    (
        "d5-24",
        "Who carried out the Tuesday night air raids on Raqqa that killed 25 civilians in June 2016?",
        "unanswerable",
        [],
    ),
    (
        "d5-25",
        "How many people were injured when the missile hit the Qusour neighbourhood of Deir el-Zour on 5 October 2017?",
        "unanswerable",
        [],
    ),
    (
        "d5-26",
        "What was the name of the cotton-spinning plant hit by the air strike on al-Salehia village in November 2016?",
        "unanswerable",
        [],
    ),
]
write(items, sys.argv[1])
