# ruff: noqa: E501  (the questions and the articles' quotes are kept whole, verbatim)
"""A tenth dev set on the FA-KES articles (dev10.jsonl): 18 questions on four events no other set asks about
(none a test event: no article here is a gold or evidence document of any other set, test included), found as
the pairs of articles by different outlets, dated within two days, most alike in words among the articles no
set uses. Aimed at false disagreement flags where two outlets report one event with many figures: a
neighbourhood's part of the day's toll, a toll over a period beside the day's, another province's or city's
toll in the same article, the same count written "more than 1500" and "about 1500", a two-day toll beside a
day's; and two tolls that do differ (a monitor's 16 against activists' 32; a toll that rose from 21 to 38 a
day later). Two unanswerable.
Written (2026-12-07) before any change it was used to measure. Usage: python eval/fakes/build_dev10.py eval/fakes/dev10.jsonl
Checks each quote is verbatim (whitespace-insensitive); a single item's quote is in no other file; no question
nearly repeats a test question (word Jaccard < 0.5, checked without printing them)."""

import pathlib
import sys

from dataset import check_apart, write

AJ = "fakes_1923102958_alaraby.txt"  # regime air raids on rebel-held Aleppo, Sun 5 Jun 2016 (16; activists: around 32)
AH = "fakes_1923848269_ahram.txt"  # the same day (AFP via Ahram: 16; 9 in Qaterji, 2 in Mayssar)
IA = "fakes_1923848151_ahram.txt"  # warplanes pound Idlib, Sun 14 Aug 2016 (AP: 26 air strikes; 122 civilians since 31 Jul)
ID = "fakes_1924058126_dailysabah.txt"  # the same day (at least 22 dead; Aleppo: 40 civilians on Saturday by the Observatory)
MA = "fakes_1923848276_ahram.txt"  # air strikes on a market in Idlib city, Sat 10 Sep 2016 (24 killed, at least 90 wounded)
MT = "fakes_1924058092_trt.txt"  # the same day (45 around Aleppo; the Observatory: 39 in Idlib province; earlier 24)
OJ = "fakes_1923102885_alaraby.txt"  # rebel offensive on western Aleppo, Sat 29 Oct 2016 (21 civilians by rebel fire)
OH = "fakes_1923848279_ahram.txt"  # the same offensive a day later, Sun 30 Oct 2016 (38 civilians in two days)

items = [
    ("d10-01", "How many civilians were killed in the Qaterji neighbourhood of Aleppo by the regime raids of 5 June 2016?", "multi",
     [(AH, "nine civilians were killed in Qaterji"), (AJ, "nine civilians were killed in Qaterji")]),
    ("d10-02", "What kind of weapon hit the Qaterji neighbourhood of Aleppo on Sunday 5 June 2016?", "multi",
     [(AH, "The crude unguided explosive device hit the Qaterji neighbourhood"), (AJ, "The crude unguided explosive devices hit the Qaterji neighbourhood")]),
    ("d10-03", "How many civilians did the Syrian regime raids on Aleppo kill on Sunday 5 June 2016?", "disputed",
     [(AH, "Dozens of Syrian regime strikes on Aleppo killed at least 16 civilians on Sunday"),
      (AJ, "Local activists put the death toll higher saying that around 32 have been killed")]),
    ("d10-04", "In which Aleppo neighbourhood besides Qaterji were civilians killed by the regime raids of 5 June 2016?", "multi",
     [(AH, "two others including a child were killed in the Mayssar neighbourhood"), (AJ, "died in the Mayssar neighbourhood of the northern city")]),
    ("d10-05", "How many air strikes across Idlib province did the Syrian Observatory report on Sunday 14 August 2016?", "multi",
     [(IA, "The Britain-based Syrian Observatory for Human Rights reported 26 airstrikes on Sunday across Idlib"),
      (ID, "The Britain-based Syrian Observatory for Human Rights reported 26 airstrikes across the province")]),
    ("d10-06", "How many people were killed by the warplanes that pounded Idlib province on Sunday 14 August 2016?", "single",
     [(ID, "Syrian warplanes bombed opposition-held Idlib province killing at least 22 people")]),
    ("d10-07", "Which towns in Idlib did Russian jets strike on 14 August 2016, according to the Local Coordination Committees?", "multi",
     [(IA, "Russian jets struck the towns of Jisr al-Shaghour and Binnish"), (ID, "Russian jets struck the towns of Jisr al-Shaghour and Binnish")]),
    ("d10-08", "How many civilians did government air strikes and shelling kill in Aleppo on Saturday 13 August 2016, according to the Observatory?", "single",
     [(ID, "The Observatory said government airstrikes and shelling on opposition areas in Aleppo city and the surrounding countryside killed 40 civilians Saturday")]),
    ("d10-09", "How many people were killed by the air strikes on the market in Idlib city on Saturday 10 September 2016?", "multi",
     [(MA, "Air strikes on a market in the rebel-held northwestern city of Idlib Saturday killed 24 people"),
      (MT, "Earlier it was reported that airstrikes on Idlib have killed at least 24 people")]),
    ("d10-10", "How many people were wounded by the air strikes on Idlib city on 10 September 2016?", "multi",
     [(MA, "wounded at least 90 people"), (MT, "more than 90 people might have been wounded in the air strikes")]),
    ("d10-11", "Was it clear who carried out the air strikes on the Idlib market on 10 September 2016?", "multi",
     [(MA, "It was not immediately clear who carried out the raids"), (MT, "it was not immediately clear who carried out the strikes")]),
    ("d10-12", "On which day was the ceasefire agreed by the US and Russia in September 2016 to begin?", "multi",
     [(MA, "a ceasefire would begin Monday the first day of the Muslim feast of Eid al-Adha"), (MT, "a nationwide cease-fire starting on Monday")]),
    ("d10-13", "How many civilians had the rebel offensive on western Aleppo that began on Friday 28 October 2016 killed?", "disputed",
     [(OJ, "The rebel fire has killed at least 21 civilians including two children"),
      (OH, "Two days of such heavy rebel bombardment have killed 38 civilians including 14 children")]),
    ("d10-14", "How many rebel fighters massed on the front along the western edges of Aleppo in late October 2016?", "multi",
     [(OJ, "More than 1500 fighters from the provinces of Aleppo and Idlib to the west were attacking government-controlled districts"),
      (OH, "About 1500 rebels have massed on a 15-kilometre front along the western edges of Aleppo")]),
    ("d10-15", "Which district of Aleppo did the rebels seize at the start of their offensive in October 2016?", "multi",
     [(OJ, "Dahiyet al-Assad where rebels seized ground on Friday"), (OH, "scoring quick gains in the Dahiyet al-Assad district")]),
    ("d10-16", "How many regime and allied fighters were killed in Aleppo on Friday 28 October 2016?", "single",
     [(OJ, "Fierce fighting shelling and car bombs killed at least 18 regime forces and allied fighters on Friday")]),
    ("d10-17", "How many rebels were captured by regime forces in western Aleppo in October 2016?", "unanswerable", []),
    ("d10-18", "What was the name of the AFP photographer in Qaterji on 5 June 2016?", "unanswerable", []),
]

ROOT = pathlib.Path(__file__).resolve().parents[2]


if __name__ == "__main__":
    check_apart(items, {AJ, AH, IA, ID, MA, MT, OJ, OH}, "dev10.jsonl")
    write(items, sys.argv[1])
