# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A seventh dev set on the FA-KES articles (dev7.jsonl): 21 questions aimed at false disagreement flags, on
thirteen events no other set asks about (none a test event): each one article's report of a shelling or air
strike among many articles on the same kind of event in the same city on other days (rocket attacks on Aleppo's
neighbourhoods, regime strikes on Homs), whose own text also gives partial tolls, earlier counts of the same day,
the previous day's toll or an old massacre's; two lists of places; two unanswerable.
Written (2026-12-06, evening) before any change it was used to measure, so that a change is measured on
questions its rules were not written for. Usage: python eval/fakes/build_dev7.py eval/fakes/dev7.jsonl
Checks each quote is verbatim (whitespace-insensitive), at most 25 words; gold docs: evidence docs plus every
file holding one of a multi/disputed quote; a single item's quote is in no other file."""

import sys

from dataset import write

SE = "fakes_1926479027_sana.txt"  # rockets on Salah Eddin, Aleppo, Wed 17 Aug 2016 (and Tuesday's toll)
SC = "fakes_1926479313_sana.txt"  # shells on Aleppo, a school hit, Sun 20 Nov 2016
SA = "fakes_1926478981_sana.txt"  # rockets on al-Sayyed Ali and al-Hamidiyeh, Aleppo, Sun 16 Oct 2016
FU = "fakes_1926478986_sana.txt"  # rocket on al-Furqan, Aleppo, Sun 27 Nov 2016
MI = "fakes_1962495684_alalam.txt"  # shells on al-Midan and al-Ashrafiyeh, Aleppo, Thu 28 Apr 2016
HA = "fakes_1965511185_manar.txt"  # rockets on al-Midan, al-Faid, al-Hamadaniyeh, Aleppo, Sat 4 Jun 2016
SU = "fakes_1965511198_manar.txt"  # shells on al-Sulaimaniyeh, Aleppo, Mon 4 Apr 2016
EA = "fakes_1962495714_alalam.txt"  # mortar fire on people leaving eastern Aleppo, end of Nov 2016
WA = "fakes_1923102863_alaraby.txt"  # regime strikes on al-Waer, Homs, Sun 28 Aug 2016
RA = "fakes_1923102952_alaraby.txt"  # regime strike on Rastan, Homs province, Sat 18 Jun 2016
HO = "fakes_1924058151_dailysabah.txt"  # regime strikes on the Houla region, Homs, April 2017
GH = "fakes_1926479081_etilaf.txt"  # regime strike on Al-Ghanto, rural Homs, Thu 28 Jan 2016
AW = "fakes_1926479120_etilaf.txt"  # regime shelling of Alwaer, Homs, Sun 6 Nov 2016

items = [
    ("d7-01", "How many civilians were killed by the rocket attacks on the Salah Eddin neighbourhood of Aleppo on Wednesday 17 August 2016?", "single",
     [(SE, "Ten civilians were killed and 16 others were injured as terrorist groups targeted Salah Eddin neighborhood in Aleppo city with rocket attacks on Wednesday")]),
    ("d7-02", "How many people were injured by the rocket attacks on the Salah Eddin neighbourhood of Aleppo on Wednesday 17 August 2016?", "single",
     [(SE, "Ten civilians were killed and 16 others were injured as terrorist groups targeted Salah Eddin neighborhood in Aleppo city with rocket attacks on Wednesday")]),
    ("d7-03", "What was the death toll of the shelling of residential neighbourhoods of Aleppo on Sunday 20 November 2016?", "single",
     [(SC, "The death toll from terroris attacks with shells on residential neighborhoods in Aleppo city rose to 10 killed and 59 others injured.")]),
    ("d7-04", "Which school in Aleppo was hit by a mortar shell on Sunday 20 November 2016?", "single",
     [(SC, "fired a mortar shell on al-Furqan School for Basic Education")]),
    ("d7-05", "How many people were killed by the rocket attacks on residential areas of Aleppo on Sunday 16 October 2016?", "single",
     [(SA, "Fresh terrorist rocket attacks on residential areas in Aleppo city on Sunday killed 3 people including two women and left 29 other people injured.")]),
    ("d7-06", "Which neighbourhoods of Aleppo were hit by rocket shells on Sunday 16 October 2016?", "single",
     [(SA, "the terrorist organizations fired rocket shells on al-Sayyed Ali neighborhood in the city"),
      (SA, "More rocket shells later hit al-Hamidiyeh neighborhood leaving one person dead and 13 others injured.")]),
    ("d7-07", "Who was killed by the rocket attack on the al-Furqan neighbourhood of Aleppo on Sunday 27 November 2016?", "single",
     [(FU, "A girl child was killed and two others were injured on Sunday by rocket shells fired by terrorists on al-Furqan neighborhood in Aleppo city.")]),
    ("d7-08", "How many people were killed by the shells that hit the al-Midan and al-Ashrafiyeh neighbourhoods of Aleppo on 28 April 2016?", "single",
     [(MI, "Some 14 people including two children were killed by dozens of shells that hit in al-Midan and al-Ashrafiyeh neighborhoods")]),
    ("d7-09", "Which hospital in Aleppo was targeted with rocket shells at the end of April 2016?", "single",
     [(MI, "Terrorists targeted al-Razi Hospital with rocket shells")]),
    ("d7-10", "How many people were injured by the rocket shell that fell in the al-Hamadaniyeh neighbourhood of Aleppo on Saturday 4 June 2016?", "single",
     [(HA, "Another rocket shell that fell in al-Hamadaniyeh neighborhood left 5 civilians dead and 47 others injured.")]),
    ("d7-11", "How many children were killed when shells fell on the al-Sulaimaniyeh neighbourhood of Aleppo on Monday 4 April 2016?", "single",
     [(SU, "three of the shells fell in al-Sulaimaniyeh neighborhood claiming the lives of 3 children and injuring 17 people")]),
    ("d7-12", "Which group fired the rocket shells at residential neighbourhoods of Aleppo on Monday 4 April 2016, according to Al-Manar?", "single",
     [(SU, "al-Nusra (Qaeda branch in the Levant) and other armed groups affiliated to it targeted with rocket shells several residential neighborhoods in Aleppo city on Monday")]),
    ("d7-13", "How many civilians fleeing eastern Aleppo were killed by mortar fire, according to al-Hadas News, at the end of November 2016?", "single",
     [(EA, "At least 45 civilians were killed and 30 others were wounded in Fatah al-Sham (formerly Al-Nusra Front) terrorists mortar fire")]),
    ("d7-14", "How many civilians had left the terrorist-controlled areas of Aleppo, according to General Sergey Rudskoy at the end of November 2016?", "single",
     [(EA, "over 18000 civilians left terrorist-controlled areas of Aleppo")]),
    ("d7-15", "How many people were killed by the air strikes on the besieged al-Waer neighbourhood of Homs on Sunday 28 August 2016?", "single",
     [(WA, "over a dozen airstrikes on the residential area killed at least seven people and injured dozens more civilians")]),
    ("d7-16", "How many children were killed by the regime air strike on Rastan in Homs province on Saturday 18 June 2016?", "single",
     [(RA, "Three children from one family were killed and five others were wounded on Saturday in an Syrian regime airstrike on the city of Rastan")]),
    ("d7-17", "How many civilians were killed by the regime air strikes on the Houla region of Homs province in April 2017?", "single",
     [(HO, "leading to the death of five civilians including two women and injuring 15 other civilians")]),
    ("d7-18", "Which town in northern rural Homs did a regime air strike hit early on Thursday 28 January 2016, killing nine civilians?", "single",
     [(GH, "one of the airstrikes targeted the town of Al-Ghanto in the early hours of Thursday killing nine civilians")]),
    ("d7-19", "How many civilians were killed in the regime shelling of the Alwaer district of Homs on Sunday 6 November 2016?", "single",
     [(AW, "at least 6 civilians were killed and dozens more injured in shelling by regime forces on the neighborhood on Sunday")]),
    ("d7-20", "What was the name of the girl killed by the rocket attack on the al-Furqan neighbourhood of Aleppo on 27 November 2016?", "unanswerable", []),
    ("d7-21", "How many rocket shells hit the Salah Eddin neighbourhood of Aleppo on Wednesday 17 August 2016?", "unanswerable", []),
]

if __name__ == "__main__":
    write(items, sys.argv[1])
