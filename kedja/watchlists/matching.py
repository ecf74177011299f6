"""Name matching for watch-list screening: normalisation, scoring with reasons, and blocked bulk screening.

Pure functions over plain data (no database), so the evaluation set and the national benchmark run
the very code the screening task runs.

A name is folded to ASCII (transliteration by `text_unidecode`: 有限公司 → "you xian gong si",
ООО → "OOO"), lower-cased, stripped of punctuation and of legal forms (AB, Ltd, Co., GmbH, LLC,
有限公司 …). Two forms are compared with rapidfuzz's ratio and the better one counts:
- the tokens sorted, so word order does not matter ("Huafu Xinjiang" = "Xinjiang Huafu");
- the tokens joined without spaces, so transliterated syllables match the written-together
  romanisation ("xin jiang hua fu" = "xinjianghuafu").
An identifier (organisation or registration number) present on both sides and equal is a match by
itself. A country on both sides that differs lowers the score by COUNTRY_MISMATCH, so the same name
in another country is not an alert; bulk screening therefore compares a subject only with entries
of its own country and entries without a country (blocking), which is what makes a national
screening feasible.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process
from text_unidecode import unidecode

type Reason = dict[str, Any]  # why a pair matched, shown to the reader: {"code": …, …}

THRESHOLD = 88
COUNTRY_MISMATCH = 20
# Legal forms written in the original script, removed before transliteration.
SCRIPT_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "株式会社")
LEGAL_FORMS = frozenset(
    [
        "ab",
        "hb",
        "kb",
        "publ",
        "aktiebolag",
        "as",
        "asa",
        "aps",
        "oy",
        "oyj",
        "ab",
        "ehf",
        "ltd",
        "limited",
        "co",
        "company",
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "llc",
        "llp",
        "lp",
        "plc",
        "gmbh",
        "mbh",
        "ag",
        "kg",
        "ohg",
        "ug",
        "sa",
        "sas",
        "sarl",
        "srl",
        "spa",
        "sl",
        "bv",
        "nv",
        "cv",
        "pte",
        "pvt",
        "private",
        "sdn",
        "bhd",
        "tbk",
        "pt",
        "jsc",
        "ojsc",
        "pjsc",
        "cjsc",
        "ooo",
        "oao",
        "zao",
        "pao",
        "ao",
        "tov",
        "too",
        "kft",
        "zrt",
        "sro",
        "doo",
        "dd",
        "ad",
        "eood",
        "ltda",
        "cia",
        "sac",
        "tnhh",
        "berhad",
        "liability",
        "joint",
        "stock",
        "anonim",
        "sirketi",
        "group",
        "holding",
        "holdings",
        "the",
        "and",
        "of",
    ]
)
# Transliterated Chinese and Vietnamese legal forms ("you xian gong si", "cong ty") taken out as a
# run of syllables.
SYLLABLE_FORMS = (
    "gu fen you xian gong si",
    "you xian ze ren gong si",
    "you xian gong si",
    "ji tuan",
    "gong si",
    "cong ty co phan",
    "cong ty",
)
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    for form in SCRIPT_FORMS:
        text = text.replace(form, " ")
    for word, english in CHINESE_WORDS.items():
        text = text.replace(word, english)
    text = unidecode(text).lower().replace("&", " and ").replace("'", "")
    text = " " + _NOT_WORD.sub(" ", text) + " "
    for form in SYLLABLE_FORMS:
        text = text.replace(f" {form} ", " ")
    return text.strip()


def _join_initials(words: list[str]) -> list[str]:
    """Dotted abbreviations come apart into letters ("S.A." → s a): put each run back together."""
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return joined


def name_tokens(name: str) -> list[str]:
    """The words of a name that tell it apart: folded, without legal forms. A name made only of
    legal forms keeps them, so it still has something to compare."""
    words = _join_initials(fold(name).split())
    kept = [word for word in words if word not in LEGAL_FORMS]
    return kept or words


def normalise_identifier(value: str) -> str:
    return _NOT_WORD.sub("", unidecode(value).lower())


# Common words of Chinese company names, put in English before transliteration, so 纺织 meets
# "Textile" rather than "fang zhi". Only trade words: place names are transliterated.
CHINESE_WORDS = {
    "纺织": " textile ",
    "化学": " chemical ",
    "化工": " chemical ",
    "科技": " technology ",
    "信息技术": " information technology ",
    "服装": " apparel ",
    "服饰": " apparel ",
    "矿业": " mining ",
    "实业": " industrial ",
    "工业": " industry ",
    "渔业": " fishing ",
    "远洋": " ocean ",
    "国际": " international ",
    "手套": " gloves ",
    "时尚": " fashion ",
    "棉花": " cotton ",
    "硅业": " silicon industry ",
    "贸易": " trading ",
    "厂": " factory ",
}
# Words only one name has, and unlike any word only the other has, mark two organisations
# ("Nordic Metal Trading" is not "Nordic Textile Trading"): the score is lowered by this.
DISTINCT_WORD = 15


@dataclass(frozen=True)
class NameForms:
    sorted: str
    joined: str
    tokens: frozenset[str]

    @classmethod
    def of(cls, name: str) -> NameForms:
        tokens = name_tokens(name)
        return cls(" ".join(sorted(tokens)), "".join(tokens), frozenset(tokens))


def name_score(a: NameForms, b: NameForms) -> float:
    joined = fuzz.ratio(a.joined, b.joined)
    score = max(fuzz.ratio(a.sorted, b.sorted), joined)
    if joined < 95 and distinct_words(a.tokens, b.tokens):
        score -= DISTINCT_WORD
    return score


def distinct_words(a: frozenset[str], b: frozenset[str]) -> bool:
    only_a, only_b = a - b, b - a
    return any(all(fuzz.ratio(x, y) < 60 for y in only_b) for x in only_a) and bool(only_b)


@dataclass
class Party:
    """One side of a comparison: a subject (supplier or site) or a list entry."""

    key: Any  # what the caller finds the party by again
    names: list[str]
    country: str = ""  # ISO 3166-1 alpha-3; empty when unknown
    countries: frozenset[str] = frozenset()  # entries may name several
    identifiers: frozenset[str] = frozenset()
    forms: list[NameForms] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.names = [n for n in dict.fromkeys(n.strip() for n in self.names) if n]
        self.forms = [NameForms.of(n) for n in self.names]
        self.identifiers = frozenset(filter(None, (normalise_identifier(i) for i in self.identifiers)))
        if self.country and not self.countries:
            self.countries = frozenset({self.country})


@dataclass
class Candidate:
    subject: Any
    entry: Any
    score: int
    reasons: list[Reason]


def adjust(subject: Party, entry: Party, best: float, matched_name: str) -> tuple[int, list[Reason]]:
    """The final score of a name score, with the reasons a reader is shown."""
    reasons: list[Reason] = [{"code": "name", "score": round(best), "name": matched_name}]
    shared = subject.identifiers & entry.identifiers
    if shared:
        reasons.append({"code": "identifier", "value": sorted(shared)[0]})
        best = 100
    if subject.countries and entry.countries:
        if subject.countries & entry.countries:
            reasons.append({"code": "country", "value": sorted(subject.countries & entry.countries)[0]})
        elif not shared:
            reasons.append({"code": "other_country", "value": sorted(entry.countries)[0]})
            best -= COUNTRY_MISMATCH
    return max(0, round(best)), reasons


def compare(subject: Party, entry: Party) -> tuple[int, list[Reason]]:
    """Score one pair (the evaluation set and the detail page use this)."""
    best, matched = 0.0, ""
    for form in subject.forms:
        for name, other in zip(entry.names, entry.forms, strict=True):
            score = name_score(form, other)
            if score > best:
                best, matched = score, name
    return adjust(subject, entry, best, matched)


# Bulk screening compares a subject only with entries that share a word key with it: the first
# KEY_LENGTH letters of a word ("textiles" and "textile" share "tex"; "xin jiang" and "xinjiang"
# share "xin"). A name is looked up by its RAREST rarest keys and by any other key that at most
# COMMON_KEY entries of the country have; a commoner key ("tex" in China) is skipped, as two names
# scoring the threshold share nearly all their letters, and so their distinctive words too.
KEY_LENGTH = 3
COMMON_KEY = 64
RAREST = 2
BIG_CDIST = 1_000_000  # pairs from which rapidfuzz's threads pay off


def word_keys(form: NameForms) -> set[str]:
    return {token[:KEY_LENGTH] for token in form.tokens}


class EntryIndex:
    """The entries of the loaded editions, blocked by country and word key, for bulk screening."""

    def __init__(self, entries: Iterable[Party]):
        self.entries = list(entries)
        self.by_identifier: dict[str, list[int]] = defaultdict(list)
        variants: dict[str, list[tuple[int, NameForms]]] = defaultdict(list)
        for position, entry in enumerate(self.entries):
            for identifier in entry.identifiers:
                self.by_identifier[identifier].append(position)
            for country in entry.countries or {""}:
                variants[country].extend((position, form) for form in entry.forms)
        self.blocks = {country: _Block.of(rows) for country, rows in variants.items()}

    def blocks_for(self, country: str) -> list[_Block]:
        keys = [country, ""] if country else list(self.blocks)
        return [self.blocks[key] for key in keys if key in self.blocks]


@dataclass
class _Block:
    """The name variants of one country's entries (or of entries without a country)."""

    entries: np.ndarray  # the entry of each variant
    sorted: list[str]
    joined: list[str]
    postings: dict[str, np.ndarray]  # word key → variants with it

    @classmethod
    def of(cls, rows: list[tuple[int, NameForms]]) -> _Block:
        postings: dict[str, list[int]] = defaultdict(list)
        for variant, (_entry, form) in enumerate(rows):
            for key in word_keys(form):
                postings[key].append(variant)
        return cls(
            np.array([entry for entry, _ in rows], dtype=np.int64),
            [form.sorted for _, form in rows],
            [form.joined for _, form in rows],
            {key: np.array(variants, dtype=np.int64) for key, variants in postings.items()},
        )

    def keys_to_search(self, form: NameForms) -> list[str]:
        """The name's rare keys, and its two rarest whatever their count."""
        keys = sorted(
            (key for key in word_keys(form) if key in self.postings), key=lambda k: len(self.postings[k])
        )
        return keys[:RAREST] + [key for key in keys[RAREST:] if len(self.postings[key]) <= COMMON_KEY]


def screen(
    subjects: list[Party], index: EntryIndex, *, threshold: int = THRESHOLD, chunk: int = 20_000
) -> list[Candidate]:
    """Every (subject, entry) pair scoring at least `threshold`, once, with its best-scoring name."""
    by_country: dict[str, list[int]] = defaultdict(list)
    for position, subject in enumerate(subjects):
        by_country[subject.country].append(position)
    found: dict[tuple[Any, Any], Candidate] = {}

    def keep(candidate: Candidate) -> None:
        key = (candidate.subject, candidate.entry)
        if key not in found or candidate.score > found[key].score:
            found[key] = candidate

    for country, positions in by_country.items():
        for block in index.blocks_for(country):
            for start in range(0, len(positions), chunk):
                for candidate in _screen_block(
                    subjects, positions[start : start + chunk], block, index, threshold
                ):
                    keep(candidate)
    for candidate in _identifier_matches(subjects, index, threshold):
        keep(candidate)
    return list(found.values())


def _screen_block(
    subjects: list[Party], positions: list[int], block: _Block, index: EntryIndex, threshold: int
) -> Iterator[Candidate]:
    rows_by_key: dict[str, list[tuple[int, NameForms]]] = defaultdict(list)
    for position in positions:
        for form in subjects[position].forms:
            for key in block.keys_to_search(form):
                rows_by_key[key].append((position, form))
    pairs: set[tuple[int, int]] = set()
    for key, rows in rows_by_key.items():
        variants = block.postings[key]
        for row, column in _close(rows, variants, block, threshold):
            pairs.add((rows[row][0], int(block.entries[variants[column]])))
    for subject_pos, entry_pos in pairs:
        subject, entry = subjects[subject_pos], index.entries[entry_pos]
        final, reasons = compare(subject, entry)
        if final >= threshold:
            yield Candidate(subject.key, entry.key, final, reasons)


def _close(
    rows: list[tuple[int, NameForms]], variants: np.ndarray, block: _Block, threshold: int
) -> Iterator[tuple[int, int]]:
    """(row, column) of the pairs whose plain ratio reaches the threshold.

    The plain ratios are an upper bound of name_score (which can only lower them), and adjust()
    raises nothing but an identifier match (found separately): a pair below the threshold here
    cannot become an alert, and the few above it are scored in full by compare()."""
    workers = -1 if len(rows) * len(variants) >= BIG_CDIST else 1
    scores = np.maximum(
        _cdist([f.sorted for _, f in rows], [block.sorted[v] for v in variants], threshold, workers),
        _cdist([f.joined for _, f in rows], [block.joined[v] for v in variants], threshold, workers),
    )
    return zip(*np.nonzero(scores), strict=True)


def _cdist(queries: list[str], choices: list[str], threshold: int, workers: int) -> np.ndarray:
    return process.cdist(
        queries, choices, scorer=fuzz.ratio, score_cutoff=threshold, dtype=np.uint8, workers=workers
    )


def _identifier_matches(subjects: list[Party], index: EntryIndex, threshold: int) -> Iterator[Candidate]:
    """Pairs that share an identifier but whose names differ too much to be found by name."""
    for subject in subjects:
        for identifier in subject.identifiers:
            for entry_pos in index.by_identifier.get(identifier, ()):
                entry = index.entries[entry_pos]
                final, reasons = compare(subject, entry)
                if final >= threshold:
                    yield Candidate(subject.key, entry.key, final, reasons)
