"""Name matching: the labelled evaluation set holds its floor, and bulk screening finds what pairwise
comparison finds."""

from kedja.watchlists.matching import THRESHOLD, EntryIndex, Party, compare, name_tokens, screen

from .evaluation import pairs


def evaluate(threshold: int = THRESHOLD) -> tuple[float, float, int]:
    tp = fp = fn = 0
    labelled = pairs()
    for subject, subject_country, listed, listed_country, same, _kind in labelled:
        score, _ = compare(
            Party(1, [subject], country=subject_country), Party(2, [listed], country=listed_country)
        )
        hit = score >= threshold
        tp += hit and same
        fp += hit and not same
        fn += same and not hit
    return tp / (tp + fp), tp / (tp + fn), len(labelled)


def test_evaluation_set_precision_and_recall_floor():
    precision, recall, size = evaluate()
    assert size >= 200
    assert precision >= 0.95 and recall >= 0.9, (precision, recall)


def test_normalisation_drops_legal_forms_and_transliterates():
    assert name_tokens("Hoshine Silicon Industry Co., Ltd.") == ["hoshine", "silicon", "industry"]
    assert name_tokens("ООО Ромашка") == ["romashka"]
    assert name_tokens("Acme S.A.") == ["acme"]
    assert name_tokens("新疆华孚有限公司") == ["xin", "jiang", "hua", "fu"]
    assert name_tokens("AB") == ["ab"]


def test_every_candidate_says_why():
    score, reasons = compare(
        Party(1, ["Hoshine Silicon Industry Company Limited"], country="CHN"),
        Party(2, ["Hoshine Silicon Industry Co., Ltd."], countries=frozenset({"CHN"})),
    )
    assert score == 100
    assert [r["code"] for r in reasons] == ["name", "country"]


def test_an_identifier_on_both_sides_matches_whatever_the_name():
    score, reasons = compare(
        Party(1, ["Nordic Textiles"], country="SWE", identifiers=frozenset({"556677-8899"})),
        Party(2, ["NTT Trading"], countries=frozenset({"SWE"}), identifiers=frozenset({"5566778899"})),
    )
    assert score == 100 and {"code": "identifier", "value": "5566778899"} in reasons


def test_the_same_name_in_another_country_is_not_an_alert():
    score, reasons = compare(
        Party(1, ["Top Glove Corporation Bhd"], country="SWE"),
        Party(2, ["Top Glove Corporation Bhd"], countries=frozenset({"MYS"})),
    )
    assert score < THRESHOLD and reasons[-1]["code"] == "other_country"


def test_bulk_screening_finds_what_pairwise_comparison_finds():
    labelled = pairs()
    entries = [Party(("e", i), [p[2]], countries=frozenset({p[3]})) for i, p in enumerate(labelled)]
    subjects = [Party(("s", i), [p[0]], country=p[1]) for i, p in enumerate(labelled)]
    subjects.append(Party(("s", "no country"), ["Hoshine Silicon Industry"]))
    index = EntryIndex(entries)
    found = {(c.subject, c.entry) for c in screen(subjects, index, chunk=7)}
    expected = {(s.key, e.key) for s in subjects for e in entries if compare(s, e)[0] >= THRESHOLD}
    assert found == expected
    assert (("s", "no country"), ("e", 0)) in found  # a site without a country meets every list
