"""Generate the large dev corpus: a few hundred short news articles about many similar events.

Many outlets report fires, floods, crashes, collapses and attacks in many towns on many dates; some events
are reported by several outlets with different death tolls or different blame, some tolls are updated by a
later report, and every article carries background sentences with figures of other, older events. The
questions (Contract 2) ask about one named event: its toll, who was blamed; unanswerable ones name an event
that is not in the corpus (a kind of event that did not happen in that town). Fixed seed, so the corpus
and questions are reproducible:

    python eval/make_archive.py            # writes eval/archive/ and eval/archive_{dev,test}.jsonl

Events are split in two halves: questions about the first half form the dev split (calibration), about the
second half the test split (report). Nothing in the answering code knows these templates.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOWNS = ("Aldenport Brisca Calloway Dunmere Eastwick Farrowby Glenhollow Harwick Ivel Jorvik Kestrel Lanford "
         "Mirefield Norrington Oakhurst Pellham Quarry Ravensmoor Saltcombe Thornbury Ulverstone Varna Westmarch "
         "Yarrow Zennor Ashbourne Belmont Corwen Delford Elsworth Fenwick Garston Holloway Inchmore Kelso "
         "Lowestead Marlow Newhaven Orford Penrith Redcliff Stanmore Tolworth Upton Wexley").split()
OUTLETS = ("Daily Ledger", "City Wire", "Evening Standard-Post", "Northern Echo Times", "Valley Observer",
           "Coastal Herald", "National Bulletin", "Morning Star Review", "Frontier Press", "Capital Courier",
           "Independent Monitor", "Regional Dispatch", "Harbour Gazette", "People's Voice", "Metro Chronicle",
           "Field Reporter")
ACTORS = ("the army", "the Northern Front militia", "the Free Hills rebels", "the Red Banner group",
          "the border police", "the Crescent Brigade")
KINDS = {  # kind: (noun phrases, what a toll counts, attackable)
    "fire": (("a fire at a textile factory", "a fire in an apartment block", "a fire at a warehouse"), "people", False),
    "flood": (("flash floods", "floods after a river burst its banks"), "people", False),
    "bus crash": (("a bus crash on the main highway", "a bus crash on a mountain road"), "passengers", False),
    "building collapse": (("the collapse of a five-storey building", "the collapse of a shopping arcade"),
                          "people", False),
    "bombing": (("a car bomb at a checkpoint", "a bombing at a busy market"), "people", True),
    "shelling": (("shelling of a residential district", "artillery fire on a village"), "civilians", True),
    "mine explosion": (("an explosion in a coal mine",), "miners", False),
}
WORDS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " \
        "seventeen eighteen nineteen twenty".split()
OFFICIALS = ("a police spokesman", "the regional governor", "hospital officials", "the civil defence agency",
             "the interior ministry", "local medics", "the town's mayor", "rescue workers")


def num(rng: random.Random, n: int) -> str:
    return WORDS[n] if n <= 20 and rng.random() < 0.5 else str(n)


def lead(rng: random.Random, kind: str, what: str, town: str, day: dt.date, n: int, counted: str) -> str:
    when = f"on {day:%A}" if rng.random() < 0.5 else f"on {day.day} {day:%B}"
    src = rng.choice(OFFICIALS)
    return rng.choice((
        f"{what.capitalize()} in {town} killed {num(rng, n)} {counted} {when}, {src} said.",
        f"At least {num(rng, n)} {counted} died in {what} in {town} {when}, according to {src}.",
        f"{num(rng, n).capitalize()} {counted} were killed {when} in {town} by {what}, {src} said.",
        f"{what.capitalize()} left {num(rng, n)} {counted} dead in {town} {when}, {src} told reporters.",
    ))


def filler(rng: random.Random, kind: str, town: str, day: dt.date) -> list[str]:
    other = rng.choice([t for t in TOWNS if t != town])
    old = rng.randint(3, 60)
    pool = [
        f"Rescue teams worked through the night in {town} and the search was called off on {day + dt.timedelta(2):%A}.",
        f"Dozens of injured people were taken to hospitals in {town} and {other}.",
        "Residents said they had warned the authorities about the danger for years.",
        f"In {day.year - rng.randint(2, 9)}, a similar {kind} in {other} killed {old} people.",
        f"The government declared {rng.randint(1, 3)} days of mourning.",
        f"An investigation has been opened, the prosecutor's office in {town} said.",
        "Roads around the site were closed until the next morning.",
        f"The {kind} was the deadliest in the region since {day.year - rng.randint(3, 15)}.",
    ]
    return rng.sample(pool, 3)


def _slug(outlet: str) -> str:
    return outlet.lower().replace(" ", "_").replace("'", "")


def article(title: str, outlet: str, day: dt.date, sents: list[str]) -> str:
    return f"{title}\n\n{outlet}\n\n{day:%d %B %Y}\n\n" + "\n\n".join(sents) + "\n"


def main() -> None:
    rng = random.Random(20261125)
    out = HERE / "archive"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    places = [(k, t) for k in KINDS for t in TOWNS]
    rng.shuffle(places)
    events = places[:130]
    questions: list[tuple[int, dict]] = []
    n_file = 0
    for e, (kind, town) in enumerate(events):
        phrases, counted, attack = KINDS[kind]
        what = rng.choice(phrases)
        day = dt.date(2025, 1, 1) + dt.timedelta(rng.randint(0, 600))
        toll = rng.randint(2, 60)
        n_out = rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0]
        outlets = rng.sample(OUTLETS, n_out + 1)
        disputed = n_out > 1 and rng.random() < 0.4
        blame = rng.sample(ACTORS, 2) if attack else []
        blame_disputed = attack and n_out > 1 and rng.random() < 0.5
        docs: list[tuple[str, str, int, str]] = []  # file, toll sentence, toll, blame sentence
        for k in range(n_out):
            n = toll if not (disputed and k == 1) else toll * 2 + rng.randint(3, 9)
            first = lead(rng, kind, what, town, day, n, counted)
            sents = [first] + filler(rng, kind, town, day)
            bl = ""
            if attack:
                actor = blame[1] if blame_disputed and k == 1 else blame[0]
                bl = rng.choice((f"Officials blamed {actor} for the attack.",
                                 f"Witnesses said {actor} carried out the attack.",
                                 f"The attack was carried out by {actor}, the authorities said."))
                sents.insert(2, bl)
            name = f"{n_file:03d}_{_slug(outlets[k])}.txt"
            n_file += 1
            title = f"{n} {'dead' if rng.random() < 0.5 else 'killed'} in {town} {kind}"
            (out / name).write_text(article(title, outlets[k], day, sents), encoding="utf-8")
            docs.append((name, first, n, bl))
        update = n_out >= 1 and not disputed and rng.random() < 0.15
        if update:
            later = toll + rng.randint(2, 12)
            first = (f"The death toll from {what} in {town} has risen to {num(rng, later)}, "
                     f"{rng.choice(OFFICIALS)} said on {day + dt.timedelta(2):%A}.")
            name = f"{n_file:03d}_{_slug(outlets[-1])}.txt"
            n_file += 1
            (out / name).write_text(article(f"{town} {kind} toll rises to {later}", outlets[-1],
                                            day + dt.timedelta(2), [first] + filler(rng, kind, town, day)),
                                    encoding="utf-8")
            docs.append((name, first, later, ""))
        when = rng.choice(("", f" on {day.day} {day:%B} {day.year}", f" in {day:%B} {day.year}"))
        q = f"How many {counted} were killed in the {kind} in {town}{when}?"
        tolls = {d[2] for d in docs}
        qkind = "disputed" if len(tolls) > 1 else ("multi" if len(docs) > 1 else "single")
        ev = [{"doc": d[0], "quote": d[1]} for d in docs]
        questions.append((e, {"question": q, "kind": qkind, "evidence": ev, "gold_docs": [d[0] for d in docs]}))
        if attack:
            bdocs = [d for d in docs if d[3]]
            qb = f"Who was blamed for the {kind} in {town}?"
            bkind = "disputed" if blame_disputed else ("multi" if len(bdocs) > 1 else "single")
            bev = [{"doc": d[0], "quote": d[3]} for d in bdocs]
            questions.append((e, {"question": qb, "kind": bkind, "evidence": bev, "gold_docs": [d[0] for d in bdocs]}))
    # unanswerable: a kind of event in a town where no such event is reported (another kind may be)
    reported = set(events)
    towns_used = sorted({t for _, t in events})
    for e in range(len(events)):
        if e % 4:
            continue
        kind, town = rng.choice([(k, t) for k in KINDS for t in towns_used if (k, t) not in reported])
        counted = KINDS[kind][1]
        questions.append((e, {"question": f"How many {counted} were killed in the {kind} in {town}?",
                              "kind": "unanswerable", "evidence": [], "gold_docs": []}))
    half = len(events) // 2
    splits = {"dev": [q for e, q in questions if e < half], "test": [q for e, q in questions if e >= half]}
    for name, qs in splits.items():
        picked = _pick(rng, qs, 24 if name == "dev" else 40)
        with open(HERE / f"archive_{name}.jsonl", "w", encoding="utf-8") as fh:
            for i, q in enumerate(picked, 1):
                fh.write(json.dumps({"id": f"a{name}{i:02d}", **q}, ensure_ascii=False) + "\n")
    print(f"wrote {n_file} articles about {len(events)} events to {out}")


def _pick(rng: random.Random, qs: list[dict], n: int) -> list[dict]:
    """About a quarter of each kind where available, then shuffled."""
    by: dict[str, list[dict]] = {}
    for q in qs:
        by.setdefault(q["kind"], []).append(q)
    want = {"single": 0.3, "multi": 0.2, "disputed": 0.25, "unanswerable": 0.25}
    picked = []
    for kind, share in want.items():
        pool = by.get(kind, [])
        picked += rng.sample(pool, min(len(pool), round(n * share)))
    rng.shuffle(picked)
    return picked


if __name__ == "__main__":
    main()
