"""Event identity: frames read from the parse, reports of one event merged and of different events kept apart,
and the ECB+ scorer (bench/ecbplus.py) checked on clusterings small enough to score by hand."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from spacy.language import Language

from generator.assemble.identity import cluster_events, document_terms, group_documents, same_event
from generator.core.syntax import Parse
from generator.extract.frames import EventFrame, frame_of
from generator.nlp.pipeline import sentence_words, trained_pipeline

BENCH = Path(__file__).resolve().parent.parent / "bench" / "ecbplus.py"


@pytest.fixture(scope="module")
def ecbplus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ecbplus_bench", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["ecbplus_bench"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def nlp() -> Language:
    return trained_pipeline()


class Parsed:
    def __init__(self, nlp: Language, text: str) -> None:
        doc = nlp(text)
        self.text = doc.text
        self.words = sentence_words(doc[:], 0)
        self.entities = [_Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]


class _Entity:
    def __init__(self, start: int, end: int, label: str) -> None:
        self.start, self.end, self.label = start, end, label


def frame(nlp: Language, text: str, trigger: str, source: str = "a") -> EventFrame:
    sentence = Parsed(nlp, text)
    index = next(i for i in range(len(sentence.words)) if Parse(sentence).text(i) == trigger)
    return frame_of(sentence, index, source=source, sentence_id=f"{source}:1", entities=sentence.entities)


# ---------------------------------------------------------------- frames


def test_lemmatizer_is_on_and_stored_in_the_parse(nlp: Language) -> None:
    sentence = Parsed(nlp, "Police arrested two men.")
    assert [w.lemma for w in sentence.words] == ["police", "arrest", "two", "man", "."]


def test_frame_reads_who_did_what_to_whom_and_where(nlp: Language) -> None:
    found = frame(nlp, "Police arrested John Smith in Leeds on Monday.", "arrested")
    assert (found.trigger, found.lemma, found.nominal) == ("arrested", "arrest", False)
    assert found.who == {"police"}
    assert found.what == {"john", "smith"}
    assert found.place == {"leeds"}
    assert "monday" in found.words and "arrest" not in found.words


def test_passive_subject_is_what_the_event_happened_to_and_agent_who_did_it(nlp: Language) -> None:
    found = frame(nlp, "John Smith was detained by police in Leeds.", "detained")
    assert found.what == {"john", "smith"}
    assert found.who == {"police"}


def test_nominal_trigger_reads_its_of_and_by_phrases(nlp: Language) -> None:
    found = frame(nlp, "The arrest of John Smith by police in Leeds shocked the town.", "arrest")
    assert found.nominal
    assert found.what == {"john", "smith"}
    assert found.who == {"police"}


def test_pronouns_name_no_participant(nlp: Language) -> None:
    assert frame(nlp, "He arrested them yesterday.", "arrested").who == frozenset()


def test_caller_adds_the_date(nlp: Language) -> None:
    assert frame(nlp, "Police arrested John Smith.", "arrested").with_date("2026-03-02").date == "2026-03-02"


# ---------------------------------------------------------------- identity


def test_one_arrest_in_other_words_is_one_event(nlp: Language) -> None:
    first = frame(nlp, "Police arrested John Smith in Leeds on Monday.", "arrested", "a")
    second = frame(nlp, "John Smith was detained by police in Leeds.", "detained", "b")
    assert same_event(first, second)
    assert len(set(cluster_events([first, second]))) == 1


def test_arrests_of_different_people_on_one_day_are_two_events(nlp: Language) -> None:
    first = frame(nlp, "Police arrested John Smith in Leeds on Monday.", "arrested", "a")
    second = frame(nlp, "Police arrested Mary Jones in Bristol on Monday.", "arrested", "b")
    assert not same_event(first, second)


def test_different_dates_keep_one_kind_of_event_apart(nlp: Language) -> None:
    first = frame(nlp, "An earthquake struck the coast.", "earthquake", "a").with_date("2026-03-02")
    second = frame(nlp, "A quake hit the coast.", "quake", "b")
    assert same_event(first, second)
    assert not same_event(first, second.with_date("2026-05-09"))


def test_statements_in_two_articles_are_one_only_with_one_speaker(nlp: Language) -> None:
    first = frame(nlp, "The mayor said the road would reopen.", "said", "a")
    second = frame(nlp, "Officials said the storm had passed.", "said", "b")
    third = frame(nlp, "The mayor said on Monday that the road would reopen.", "said", "b")
    assert not same_event(first, second)
    assert same_event(first, third)


def test_clusters_stay_inside_their_groups(nlp: Language) -> None:
    first = frame(nlp, "An earthquake struck the coast.", "earthquake", "a")
    second = frame(nlp, "A quake hit the coast.", "quake", "b")
    assert len(set(cluster_events([first, second], groups=["x", "y"]))) == 2


def test_articles_about_different_happenings_form_different_groups(nlp: Language) -> None:
    texts = {
        "a": "A strong earthquake struck Chile near Valparaiso, killing three people.",
        "b": "Three people died when an earthquake hit Valparaiso in Chile.",
        "c": "An earthquake struck Japan near Osaka on Tuesday; no one was hurt in Osaka.",
        "d": "No injuries were reported after a quake shook Osaka, Japan.",
    }
    terms = {name: document_terms([Parsed(nlp, text)]) for name, text in texts.items()}
    groups = group_documents(terms)
    assert groups["a"] == groups["b"] != groups["c"] == groups["d"]


# ---------------------------------------------------------------- the scorer


GOLD = {"a": 1, "b": 1, "c": 1, "d": 2, "e": 2}
RESPONSE = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}


def test_muc_counts_links(ecbplus: ModuleType) -> None:
    recall, precision, f1 = ecbplus.score(GOLD, RESPONSE)["MUC"]
    assert (recall, precision, f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_b_cubed_averages_over_mentions(ecbplus: ModuleType) -> None:
    assert ecbplus.score(GOLD, RESPONSE)["B3"] == pytest.approx((11 / 15, 11 / 15, 11 / 15))


def test_ceaf_e_pairs_chains_with_clusters_one_to_one(ecbplus: ModuleType) -> None:
    assert ecbplus.score(GOLD, RESPONSE)["CEAF-e"] == pytest.approx((0.8, 0.8, 0.8))


def test_conll_is_the_mean_and_gold_scores_one(ecbplus: ModuleType) -> None:
    assert ecbplus.score(GOLD, RESPONSE)["CoNLL"][2] == pytest.approx((2 / 3 + 11 / 15 + 0.8) / 3)
    assert all(f == pytest.approx(1.0) for _r, _p, f in ecbplus.score(GOLD, GOLD).values())


def test_missing_mentions_are_singletons_and_all_singletons_score_no_muc(ecbplus: ModuleType) -> None:
    scores = ecbplus.score(GOLD, {})
    assert scores["MUC"] == (0.0, 0.0, 0.0)
    assert scores["B3"][1] == pytest.approx(1.0)  # every response cluster is pure
    assert scores["CEAF-e"][0] == pytest.approx((2 / 4 + 2 / 3) / 2)  # each chain paired with one of its mentions


def test_hungarian_finds_the_best_pairing_where_greedy_does_not(ecbplus: ModuleType) -> None:
    assert ecbplus.best_assignment([[4, 3, 0], [3, 0, 0], [0, 0, 1]]) == pytest.approx(7)
    assert ecbplus.best_assignment([[1, 2]]) == pytest.approx(2)


def test_bench_writes_one_prediction_per_mention(ecbplus: ModuleType, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    records = [
        {
            "topic": "1",
            "doc": "d1",
            "sentences": [["Police", "arrested", "John", "Smith", "in", "Leeds", "."]],
            "validated": [0],
            "mentions": [{"id": "d1:1", "sentence": 0, "tokens": [1], "chain": "A"}],
        },
        {
            "topic": "1",
            "doc": "d2",
            "sentences": [["John", "Smith", "was", "detained", "in", "Leeds", "by", "police", "."]],
            "validated": [0],
            "mentions": [{"id": "d2:1", "sentence": 0, "tokens": [2, 3], "chain": "A"}],
        },
    ]
    corpus = tmp_path / "tiny.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "predicted.jsonl"
    assert ecbplus.main([str(corpus), "--predict", str(out)]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert Counter(line["mention"] for line in lines) == {"d1:1": 1, "d2:1": 1}
    assert lines[0]["cluster"] == lines[1]["cluster"]
    assert "CoNLL" in capsys.readouterr().out


def test_lemmas_by_table_look_up_are_the_trained_rulers_lemmas() -> None:
    import spacy

    from generator.nlp.pipeline import MODEL, trained_pipeline

    text = (
        "The ministers were arrested on Monday; talks are resuming and she has left. Having signed, they "
        "had been praised by the mediators, who were flying home. I am told the ships aren't sailing."
    )
    full = spacy.load(MODEL)
    ours = trained_pipeline()
    assert "attribute_ruler" not in ours.pipe_names and "explainer_tag_attributes" in ours.pipe_names
    expected = [(t.text, t.lemma_) for t in full(text)]
    found = [(t.text, t.lemma_) for t in ours(text)]
    assert [(a, b) for a, b in zip(found, expected, strict=True) if a != b and a[0] != "Having"] == []
    assert ("arrested", "arrest") in found and ("were", "be") in found and ("are", "be") in found


def test_a_plans_words_are_lemmatised_in_one_batch_as_the_whole_pipeline_reads_them() -> None:
    """`Pipeline.lemmas` leaves out the parser and the recognisers and reads every text in one batch: each lemma is
    the one the whole pipeline gives the text alone (a provision's words match the articles' words)."""
    from generator.config import Story
    from generator.nlp.pipeline import build_pipeline

    story = Story.model_validate({"title": "T", "actors": [{"name": "Kaja Kallas", "kind": "person"}]})
    pipeline = build_pipeline(story)
    assert "entity_ruler" in pipeline.nlp.pipe_names
    texts = [
        "Kaja Kallas said the ministers were arrested on Monday; talks are resuming.",
        "Ukraine's armed forces will be limited to 600,000 personnel",
        "Sanctions would be lifted in stages and frozen assets invested in rebuilding",
        "Having signed, they had been praised by the mediators, who were flying home.",
    ]
    whole = [[(t.lower_, t.lemma_.lower() or t.lower_) for t in pipeline.nlp(text)] for text in texts]
    assert pipeline.lemmas(texts) == whole
    assert ("arrested", "arrest") in whole[0] and ("lifted", "lift") in whole[2]


def test_sentences_are_placed_in_their_block_in_one_pass_and_a_repeated_one_at_its_own_place() -> None:
    from types import SimpleNamespace

    from generator.core.refs import block_offsets

    block = "Talks resumed. Nothing was agreed. Talks resumed. Late, a deal."
    said = [SimpleNamespace(text=t, block=0, index=i) for i, t in enumerate(
        ["Talks resumed.", "Nothing was agreed.", "Talks resumed.", "Late, a deal."])]  # fmt: skip
    elsewhere = SimpleNamespace(text="In another block.", block=1, index=4)
    lost = SimpleNamespace(text="Not in the text.", block=0, index=5)
    offsets = block_offsets([*said, elsewhere, lost], [block, "In another block."])
    assert offsets == {0: 0, 1: 15, 2: 35, 3: 50, 4: 0, 5: 63}  # the second 'Talks resumed.' at 35, not 0
    assert block_offsets([SimpleNamespace(text="Past the blocks.", block=7, index=0)], [block]) == {}
