"""claimcheck as a spaCy component."""

from __future__ import annotations

import pickle

import spacy

import claimcheck.pipeline  # noqa: F401


def make_nlp(**config):
    nlp = spacy.blank("en")
    nlp.add_pipe("claimcheck", config=config)
    return nlp


def test_add_pipe_gives_claims_and_findings():
    nlp = make_nlp()
    doc = nlp("Our umbilical cord stem cells cure autism.")
    assert [c.condition.id for c in doc._.claims] == ["autism"]
    rules = {f.rule for f in doc._.findings}
    assert "CC101" in rules and "CC201" in rules
    finding = next(f for f in doc._.findings if f.rule == "CC101")
    assert doc.text[finding.start:finding.end] == finding.text
    assert (finding.line, finding.column) == (1, 1)


def test_raw_text_is_normalised_and_mapped_back():
    nlp = make_nlp()
    text = "Intro line.\n\nStem  cells\u00a0can  re\u00adverse multiple\nsclerosis."
    doc = nlp(text)
    finding = next(f for f in doc._.findings if f.rule == "CC101")
    assert finding.condition.id == "multiple-sclerosis"
    assert doc.text[finding.start:finding.end] == finding.text
    assert finding.text.startswith("Stem  cells") and finding.text.endswith("sclerosis.")
    cond = finding.condition
    assert doc.text[cond.start:cond.end] == "multiple\nsclerosis"
    assert (finding.line, finding.column) == (3, 1)


def test_jurisdiction_is_config():
    nlp = make_nlp(jurisdiction="JP")
    doc = nlp("Temcell treats acute graft-versus-host disease after transplant.")
    assert all(f.severity == "info" for f in doc._.findings if f.category == "claim")


def test_doc_serialises_and_pickles():
    nlp = make_nlp()
    doc = nlp("Exosomes reverse ageing and cure hair loss.")
    restored = spacy.tokens.Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [f.rule for f in restored._.findings] == [f.rule for f in doc._.findings]
    assert pickle.loads(pickle.dumps(doc._.findings)) == doc._.findings


def test_multiprocess_pipe():
    nlp = make_nlp()
    texts = ["Stem cells cure autism.", "Stem cells may help COPD.", "Nothing here."] * 2
    single = [[f.rule for f in d._.findings] for d in nlp.pipe(texts)]
    multi = [[f.rule for f in d._.findings] for d in nlp.pipe(texts, n_process=2, batch_size=2)]
    assert single == multi
    assert single[0] and single[2] == []


def test_patterns_built_without_the_tokenizer_tokenize_as_the_tokenizer_would():
    """The matcher builds Docs of plain-word phrases directly (start-up time); each must
    hold the tokens the tokenizer would give the phrase, or the phrase would never match."""
    from claimcheck.matching import MentionMatcher, predicate_forms, term_variants
    from claimcheck.ruleset import load_ruleset

    nlp = spacy.blank("en")
    ruleset = load_ruleset()
    matcher = MentionMatcher(nlp, ruleset)
    phrases = {"cannot walk", "gonna heal", "10mg dose", "crow's feet", "stem-cell"}
    for concepts, kind in ((ruleset.therapies, "therapy"), (ruleset.conditions, "condition")):
        for concept in concepts.values():
            for synonym in concept.synonyms:
                phrases |= term_variants(synonym, kind, concept.no_plural)
    for cue in ruleset.cues:
        phrases |= set(predicate_forms(cue.phrases) if cue.category == "predicate" else cue.phrases)
    phrases = {" ".join(p.split()) for p in phrases}
    assert len(phrases) > 10000
    for text in phrases:
        assert [t.text for t in matcher.pattern_doc(text)] == [t.text for t in nlp.make_doc(text)], text
