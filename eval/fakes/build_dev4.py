# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A fourth dev set on the FA-KES articles (dev4.jsonl): 24 questions on eleven events that no other set asks
about, written (2026-12-05) before any change it was used to measure. Usage: python eval/fakes/build_dev4.py eval/fakes/dev4.jsonl
Checks each quote is verbatim (whitespace-insensitive), at most 25 words; gold docs: evidence docs plus every
file holding one of a multi/disputed quote; a single item's quote is in no other file."""

import sys

from dataset import write

A = "fakes_1923848219_ahram.txt"
N = "fakes_1924058076_nna.txt"
DS = "fakes_1924058164_dailysabah.txt"
QA = "fakes_1923102948_alaraby.txt"
QD = "fakes_1924058178_dailysabah.txt"
VA = "fakes_1915433682_alaraby.txt"
VL = "fakes_1962495652_alalam.txt"
RA = "fakes_1923848204_ahram.txt"
RM = "fakes_1965511109_manar.txt"
SL = "fakes_1962495633_alalam.txt"
SM = "fakes_1965511107_manar.txt"
MM = "fakes_1965511203_manar.txt"
ML = "fakes_1962495693_alalam.txt"
DA = "fakes_1923848187_ahram.txt"
DJ = "fakes_1924058050_jordantimes.txt"
GA = "fakes_1923848193_ahram.txt"
GJ = "fakes_1924058055_jordantimes.txt"
WS = "fakes_1926479297_sana.txt"
WL = "fakes_1962495711_alalam.txt"
OS = "fakes_1926478959_sana.txt"
OL = "fakes_1962495710_alalam.txt"
K1 = "fakes_1924058046_jordantimes.txt"
K2 = "fakes_1924058056_jordantimes.txt"
MD = "fakes_1918398791_dailysabah.txt"
MS = "fakes_1965495338_sputnik.txt"
AS = "fakes_1926479180_sana.txt"
PM = "fakes_1965511171_manar.txt"
BA = "fakes_1923848298_ahram.txt"
BD = "fakes_1924058135_dailysabah.txt"
items = [
    (
        "f4-01",
        "How many Islamic State jihadists did US-led coalition air strikes kill in northern and northeastern Syria overnight into Saturday 4 October 2014?",
        "multi",
        [
            (
                A,
                "At least 35 jihadists from the Islamic State group were killed in air strikes by a US-led coalition overnight",
            ),
            (N, "reportedly killed 35 fighters and injured many others"),
            (DS, "At least 35 ISIS militants were killed in air strikes by the US-led coalition overnight"),
        ],
    ),
    (
        "f4-02",
        "Where were most of the jihadists killed by the coalition strikes of 3 to 4 October 2014?",
        "multi",
        [
            (A, "30 jihadists were killed around the town of Shadadi in northeastern Hasakeh"),
            (DS, "30 militants were killed around the town of Shadadi in northeastern Hasakeh"),
        ],
    ),
    (
        "f4-03",
        "What was the death toll of the Russian and Syrian air strikes on al-Quria in Deir ez-Zor province in June 2016?",
        "multi",
        [
            (QA, "This was later updated to 82 on Sunday including 58 civilians."),
            (
                QD,
                "at least 82 people including 58 civilians were killed during airstrikes launched by Russia and Bashar Assads regime",
            ),
        ],
    ),
    (
        "f4-04",
        "How many children did UNICEF say were killed in the air strikes on the town of al-Quria?",
        "multi",
        [
            (
                QA,
                "Russian and Syrian regime airstrikes killed 25 children on Saturday in a densely populated town in eastern Syria",
            ),
            (
                QD,
                "Twenty-five children were reportedly killed in airstrikes that hit heavily crowded areas in a town in eastern Syria",
            ),
        ],
    ),
    (
        "f4-05",
        "What were the names of the two Syrian activists shown being killed in the IS video posted on 6 July 2015?",
        "multi",
        [
            (VA, "They identify themselves as 21-year-old Faysal Hussein Habibi and 20-year-old Bishr Abdul-Azim."),
            (VL, "They identify themselves as 21-year-old Faysal Hussein Habibi and 20-year-old Bishr Abdul-Azim."),
        ],
    ),
    (
        "f4-06",
        "How much money a month did the two activists killed in the IS video of July 2015 say they received?",
        "single",
        [(VL, "They say they received $400 a month.")],
    ),
    (
        "f4-07",
        "Where in Palmyra were the Syrian soldiers shot in the IS video released on 4 July 2015?",
        "single",
        [
            (
                VA,
                "The video showed the soldiers being taken in pickup trucks from the towns notorious Tadmur prison to the amphitheatre.",
            )
        ],
    ),
    (
        "f4-08",
        "Who filmed the IS video showing the killing of the two Syrian activists in Raqqa in July 2015?",
        "unanswerable",
        [],
    ),
    (
        "f4-09",
        "How many people were killed when Al-Qaeda loyalists attacked the Kurdish town of Ras al-Ain in August 2013?",
        "multi",
        [
            (RA, "sparking fighting in which 17 people were killed two of them ambulance crew"),
            (RM, "sparking fighting in which 17 people were killed two of them ambulance crew"),
        ],
    ),
    ("f4-10", "How many people were wounded in the Al-Qaeda attack on Ras al-Ain in August 2013?", "unanswerable", []),
    (
        "f4-11",
        "What was the car bomb that hit Damascus's Sumaria area on 5 September 2013 near?",
        "multi",
        [
            (SL, "near the Research and Tests Center affiliated to the Syrian Ministry of Industry"),
            (
                SM,
                "The blast hit near a research and testing centre affiliated with the ministry of industry in the Sumaria neighborhood",
            ),
        ],
    ),
    (
        "f4-12",
        "Which group claimed the car bomb in the Sumaria area of Damascus on 5 September 2013?",
        "unanswerable",
        [],
    ),
    (
        "f4-13",
        "How many people were killed when rocket shells hit the Manyan market in New Aleppo on 4 April 2016?",
        "multi",
        [
            (MM, "the shells landing in Manyan market in New Aleppo area claiming two lives and injuring three people"),
            (ML, "the shells landing in Manyan market in New Aleppo area claiming two lives and injuring three people"),
        ],
    ),
    (
        "f4-14",
        "How many civilians were killed when regime warplanes struck the village of Daret Izza on 15 July 2015?",
        "multi",
        [
            (
                DA,
                "eight civilians including three children were killed when regime warplanes struck the village of Daret Izza",
            ),
            (
                DJ,
                "eight civilians including three children were killed when regime warplanes struck the village of Daret Izza",
            ),
        ],
    ),
    (
        "f4-15",
        "How many people were killed in the government air strikes on Douma on Monday 9 February 2015?",
        "multi",
        [
            (
                GA,
                "At least 15 people were killed and dozens wounded on Monday in government air strikes on an area outside the capital Damascus",
            ),
            (
                GJ,
                "At least 15 people were killed and dozens wounded on Monday in government air strikes on an area outside the capital Damascus",
            ),
        ],
    ),
    (
        "f4-16",
        "How many people were injured by the mortar attack on al-Wafideen Camp on 7 November 2016?",
        "multi",
        [
            (WS, "The source added that 9 persons were injured due to the attack"),
            (WL, "The source added that 9 persons were injured due to the attack"),
        ],
    ),
    (
        "f4-17",
        "How many people were injured in the terrorist rocket attack on Aleppo city on 31 October 2016?",
        "disputed",
        [
            (OS, "killing three people including a woman and injuring five others"),
            (OL, "At least three people were killed and 40 injured following a shelling attack by terrorist groups"),
        ],
    ),
    (
        "f4-18",
        "How many people were killed by the Daesh bombing in Qamishli on 27 July 2016?",
        "disputed",
        [
            (K1, "Syrian state media gave a toll of 44 dead and 140 injured in the bombing"),
            (K1, "The Britain-based Syrian Observatory for Human Rights monitor gave a toll of 48 dead"),
            (K2, "Syrian state media gave a toll of 44 dead and 140 injured in the bombing"),
            (K2, "The Britain-based Syrian Observatory for Human Rights monitor gave a toll of 48 dead"),
        ],
    ),
    (
        "f4-19",
        "How many people died in the explosion at the Salem mosque in Ariha, Idlib province, on 3 July 2015?",
        "disputed",
        [
            (
                MD,
                "An explosion at a mosque in Syrias Idlib province on Friday killed at least 25 members of the Al Qaeda-linked Nusra Front",
            ),
            (MD, "Turkeys state-run Ananolu Agency reported 15 deaths"),
            (
                MS,
                "A mosque blast in Idlib has reportedly left 25 militants of Al-Nusra Front including one of its leaders dead.",
            ),
        ],
    ),
    (
        "f4-20",
        "Who did supporters of the Nusra Front blame for the blast at the mosque in Ariha in July 2015?",
        "single",
        [
            (
                MD,
                "supporters of Nusra Front blamed rival self-proclaimed Islamic State of Iraq and Sham (ISIS) militants",
            )
        ],
    ),
    (
        "f4-21",
        "What was the death toll of the terrorist attacks on the neighborhoods of Aleppo city on 3 November 2016?",
        "single",
        [(AS, "The death toll from the terrorist attacks on neighborhoods in Aleppo city rose to 12 people")],
    ),
    (
        "f4-22",
        "How many civilians were killed by the rocket shell fired at the public park in Aleppo city in July 2016?",
        "single",
        [
            (
                PM,
                "eight civilians were killed and 34 others injured in a rocket shell fired by terrorist groups on the public park",
            )
        ],
    ),
    (
        "f4-23",
        "How many people were killed when regime helicopters dropped barrel bombs on Aleppo's Sukkari neighbourhood on 16 June 2014?",
        "single",
        [
            (
                BA,
                "said 20 people were killed and others injured including some in serious condition in the attacks on the Sukkari neighbourhood.",
            )
        ],
    ),
    (
        "f4-24",
        "What did a regime helicopter strike twice in the Bab al-Nairab district of Aleppo in August 2016?",
        "single",
        [
            (
                BD,
                "A regime helicopter struck twice a mourning location in the opposition-held Bab al-Nairab district in Aleppo",
            )
        ],
    ),
]
write(items, sys.argv[1])
