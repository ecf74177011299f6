"""Watch-list screening benchmark: matching quality on the labelled set, and national-scale speed.

1. Precision and recall of the matcher on the evaluation set in the tests (kedja/watchlists/tests/
   evaluation.py) at the screening threshold and around it.
2. Screening SUPPLIERS suppliers and SITES sites against an ENTRIES-entry list edition in memory
   (the same `matching.screen` the background task runs per chunk of 20,000 subjects), with
   planted true matches to count what it finds; time and peak memory (ru_maxrss).

    python -m bench.watchlists [--suppliers N] [--sites N] [--entries N]

The database part of the task (reading subjects in chunks, writing the few alerts) is measured by
the tests; the comparison of names is what grows with the national data.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Countries weighted as supply chains of Swedish regions are (bench/national_data.MADE_IN).
SITE_COUNTRIES = ["CHN"] * 30 + ["MYS"] * 10 + ["VNM"] * 10 + ["IND"] * 10 + ["PAK"] * 5 + ["THA"] * 8
SITE_COUNTRIES += ["TUR"] * 5 + ["BGD"] * 5 + ["POL"] * 5 + ["DEU"] * 5 + ["SWE"] * 5 + [""] * 2
LIST_COUNTRIES = ["CHN"] * 55 + ["RUS"] * 15 + ["IRN"] * 8 + ["MYS"] * 3 + ["PRK"] * 4 + ["SYR"] * 3
LIST_COUNTRIES += ["VNM", "IND", "TUR", "THA", "ARE", "BLR"] * 2 + [""] * 5
SYLLABLES = [
    "an",
    "bao",
    "chang",
    "cheng",
    "da",
    "de",
    "dong",
    "fang",
    "feng",
    "fu",
    "gang",
    "guo",
    "hai",
    "hang",
    "hong",
    "hua",
    "jia",
    "jian",
    "jin",
    "jing",
    "kang",
]
SYLLABLES += [
    "li",
    "lian",
    "long",
    "mei",
    "ming",
    "nan",
    "ning",
    "peng",
    "qiang",
    "rong",
    "sheng",
    "shun",
    "tai",
    "tian",
    "tong",
    "wei",
    "xin",
    "xing",
    "yang",
]
SYLLABLES += [
    "yi",
    "yong",
    "yuan",
    "yue",
    "zhong",
    "zhi",
    "kel",
    "mar",
    "sun",
    "tor",
    "vik",
    "bal",
    "dor",
    "fen",
    "gal",
    "hor",
    "lum",
    "nor",
    "pra",
    "sel",
    "tam",
]
TRADES = [
    "Textile",
    "Garment",
    "Gloves",
    "Rubber",
    "Silicon",
    "Chemical",
    "Steel",
    "Electronics",
    "Plastics",
    "Fishing",
    "Cotton",
]
TRADES += [
    "Trading",
    "Technology",
    "Metal",
    "Paper",
    "Apparel",
    "Mining",
    "Solar",
    "Battery",
    "Furniture",
    "Packaging",
    "Medical",
]
SUFFIXES = ["Co., Ltd.", "Ltd", "Sdn Bhd", "JSC", "Pvt Ltd", "LLC", "GmbH", "AB", "Inc.", "Group Co., Ltd."]


def brand(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def company(rng: random.Random) -> str:
    words = [brand(rng), brand(rng), rng.choice(TRADES)]
    return " ".join(words) + " " + rng.choice(SUFFIXES)


def variant(rng: random.Random, name: str) -> str:
    """How a supply-chain disclosure writes a listed name: another legal form, order, case."""
    words = name.split()
    core = [
        w
        for w in words
        if w not in {"Co.,", "Ltd.", "Ltd", "Sdn", "Bhd", "JSC", "Pvt", "LLC", "GmbH", "AB", "Inc.", "Group"}
    ]
    choice = rng.randrange(3)
    if choice == 0:
        return " ".join(core).upper() + " LIMITED"
    if choice == 1:
        return " ".join(core[1:] + core[:1]) + " Co"
    return " ".join(core) + " Company Limited"


def evaluation() -> None:
    from kedja.watchlists.matching import THRESHOLD, Party, compare
    from kedja.watchlists.tests.evaluation import pairs

    labelled = pairs()
    scored = [
        (compare(Party(1, [a], country=ca), Party(2, [b], country=cb))[0], same)
        for a, ca, b, cb, same, _kind in labelled
    ]
    print(f"evaluation set: {len(labelled)} labelled pairs ({sum(s for _, s in scored)} same organisation)")
    for threshold in (THRESHOLD - 8, THRESHOLD - 4, THRESHOLD, THRESHOLD + 4):
        tp = sum(1 for score, same in scored if score >= threshold and same)
        fp = sum(1 for score, same in scored if score >= threshold and not same)
        fn = sum(1 for score, same in scored if score < threshold and same)
        mark = "  <- screening threshold" if threshold == THRESHOLD else ""
        print(f"  threshold {threshold}: precision {tp / (tp + fp):.3f}  recall {tp / (tp + fn):.3f}{mark}")


def national(suppliers: int, sites: int, entries: int, chunk: int) -> None:
    from kedja.watchlists.matching import EntryIndex, Party, screen

    rng = random.Random(17)
    started = time.perf_counter()
    listed = [(company(rng), rng.choice(LIST_COUNTRIES)) for _ in range(entries)]
    entry_parties = [
        Party(
            ("e", n),
            [name, *([brand(rng) + " " + rng.choice(TRADES)] if rng.random() < 0.3 else [])],
            countries=frozenset({country}) if country else frozenset(),
        )
        for n, (name, country) in enumerate(listed)
    ]
    index = EntryIndex(entry_parties)
    built = time.perf_counter() - started
    print(f"list edition: {entries:,} entries indexed in {built:.1f} s")
    planted = {}
    subjects_done = found_planted = candidates = 0
    t0 = time.perf_counter()
    total = suppliers + sites
    for start in range(0, total, chunk):
        batch = []
        for n in range(start, min(start + chunk, total)):
            if n < suppliers:
                batch.append(Party(("supplier", n), [f"{brand(rng)} {rng.choice(TRADES)} AB"], country="SWE"))
                continue
            if rng.random() < 0.0005:  # one site in 2,000 is a listed organisation, written its own way
                name, country = rng.choice(listed)
                planted[("site", n)] = True
                batch.append(
                    Party(("site", n), [variant(rng, name)], country=country or rng.choice(SITE_COUNTRIES))
                )
            else:
                batch.append(Party(("site", n), [company(rng)], country=rng.choice(SITE_COUNTRIES)))
        result = screen(batch, index)
        candidates += len(result)
        found_planted += len({c.subject for c in result if c.subject in planted})
        subjects_done += len(batch)
        elapsed = time.perf_counter() - t0
        print(
            f"  {subjects_done:>9,} subjects  {elapsed:7.1f} s  ({subjects_done / elapsed:,.0f}/s)  "
            f"candidates {candidates:,}",
            flush=True,
        )
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"screened {suppliers:,} suppliers + {sites:,} sites against {entries:,} entries in {elapsed:.1f} s "
        f"({total / elapsed:,.0f} subjects/s), peak memory {peak:,.0f} MB"
    )
    print(f"planted listed sites found: {found_planted} of {len(planted)}; candidates in all: {candidates:,}")


def blocking_recall(entries: int, sample: int) -> None:
    """What the word-key blocking loses: `sample` sites screened with it and against every entry of
    their country (all pairs, the plain-ratio bound, then scored in full)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from kedja.watchlists.matching import THRESHOLD, EntryIndex, Party, compare, screen

    rng = random.Random(18)
    entry_parties = [
        Party(
            ("e", n),
            [company(rng)],
            countries=frozenset({c}) if (c := rng.choice(LIST_COUNTRIES)) else frozenset(),
        )
        for n in range(entries)
    ]
    subjects = [Party(("s", n), [company(rng)], country=rng.choice(SITE_COUNTRIES)) for n in range(sample)]
    blocked = {(c.subject, c.entry) for c in screen(subjects, EntryIndex(entry_parties))}
    exhaustive = set()
    options = {"scorer": fuzz.ratio, "score_cutoff": THRESHOLD, "dtype": np.uint8, "workers": -1}
    for country in {s.country for s in subjects}:
        mine = [s for s in subjects if s.country == country]
        theirs = [e for e in entry_parties if not country or not e.countries or country in e.countries]
        scores = np.maximum(
            process.cdist([s.forms[0].sorted for s in mine], [e.forms[0].sorted for e in theirs], **options),
            process.cdist([s.forms[0].joined for s in mine], [e.forms[0].joined for e in theirs], **options),
        )
        for row, column in zip(*np.nonzero(scores), strict=True):
            if compare(mine[row], theirs[column])[0] >= THRESHOLD:
                exhaustive.add((mine[row].key, theirs[column].key))
    print(
        f"blocking on {sample:,} sites: finds {len(blocked & exhaustive)} of the {len(exhaustive)} pairs that "
        f"comparing every pair finds ({len(blocked - exhaustive)} others)"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--suppliers", type=int, default=50_000)
    parser.add_argument("--sites", type=int, default=1_000_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--chunk", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=20_000, help="sites for the blocking check")
    args = parser.parse_args()
    evaluation()
    blocking_recall(args.entries, args.sample)
    national(args.suppliers, args.sites, args.entries, args.chunk)
    return 0


if __name__ == "__main__":
    sys.exit(main())
