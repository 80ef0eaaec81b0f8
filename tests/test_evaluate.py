"""The corpus evaluation (claimcheck eval) on a tiny corpus whose answers are known."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from claimcheck.cli import cli
from claimcheck.evaluate import CorpusError, compare_to_baseline, evaluate

DOC = textwrap.dedent("""\
    Our stem cells cure autism.

    Stem cells may help COPD.

    Ryoncil is approved for children with steroid-refractory acute graft-versus-host disease.

    Our cells also fix glue ear for good.

    Stem cells treat lupus, guaranteed.
    """)
LABELS = textwrap.dedent("""\
    voice: us-orthopedic
    jurisdiction: US
    claims:
      - {quote: "Our stem cells cure autism.", condition: autism, therapy: stem-cells, certainty: absolute,
         negated: false, reported: false, verdict: error, tags: [absolute]}
      - {quote: "Stem cells may help COPD.", condition: copd, therapy: stem-cells, certainty: hedged,
         negated: false, reported: false, verdict: warning, tags: [hedged]}
      - {quote: "fix glue ear", condition: hearing-loss, therapy: stem-cells, certainty: absolute,
         negated: false, reported: false, verdict: error, tags: [lay-name]}
    must_not_flag:
      - {quote: "Ryoncil is approved for children", tags: [approved-use]}
    red_flags:
      - {quote: "cure autism", rule: CC201}
    """)


@pytest.fixture()
def corpus(tmp_path):
    for half in ("dev", "test"):
        (tmp_path / half).mkdir()
        (tmp_path / half / "page.txt").write_text(DOC, encoding="utf-8")
        (tmp_path / half / "page.labels.yaml").write_text(LABELS, encoding="utf-8")
    return tmp_path


def test_figures(corpus):
    result = evaluate(corpus)
    figures = result.halves["dev"].figures()
    # 3 unproven claims labelled; "glue ear" is not a known name, so 2 are found
    assert figures["claim_recall"] == pytest.approx(66.7)
    assert figures["condition_recall"] == pytest.approx(66.7)
    assert figures["verdict_agreement"] == 100.0
    # the lupus claim is real but unlabelled: it counts against precision
    assert figures["precision"] == pytest.approx(66.7)
    assert figures["error_false_alarms"] == 0.0
    assert figures["red_flag_recall"] == 100.0
    assert result.documents == {"dev": 1, "test": 1}
    assert {m["condition"] for m in result.misses if "condition" in m} == {"hearing-loss"}
    assert [fp["condition"] for fp in result.false_positives] == ["lupus", "lupus"]
    assert result.tags["dev"]["hedged"].figures()["claim_recall"] == 100.0


def test_figures_by_voice(corpus):
    # a second page in another voice: a forum post whose one claim is found
    (corpus / "dev" / "post.txt").write_text("My knee pain is gone since the stem cell shot.\n", encoding="utf-8")
    (corpus / "dev" / "post.labels.yaml").write_text(textwrap.dedent("""\
        voice: patient-forum
        claims:
          - {quote: "My knee pain is gone", condition: joint-pain, therapy: stem-cells, certainty: absolute,
             negated: false, reported: false, verdict: error, tags: [testimonial]}
        """), encoding="utf-8")
    result = evaluate(corpus, halves=("dev",))
    voices = result.voices["dev"]
    assert set(voices) == {"us-orthopedic", "patient-forum"}
    assert voices["us-orthopedic"].figures()["claim_recall"] == pytest.approx(66.7)
    assert voices["patient-forum"].unproven == 1
    assert voices["patient-forum"].figures()["claim_recall"] == 100.0
    assert result.to_dict()["by_voice"]["dev"]["patient-forum"]["claims"] == 1


def test_baseline_comparison(corpus):
    result = evaluate(corpus)
    assert compare_to_baseline(result, {"figures": {"dev": {"claim_recall": 67.0, "error_false_alarms": 0.0}}}) == []
    problems = compare_to_baseline(result, {"figures": {"dev": {"claim_recall": 80.0, "error_false_alarms": -5.0}}})
    assert len(problems) == 2


def test_bad_labels_name_the_file(corpus):
    (corpus / "dev" / "page.labels.yaml").write_text(LABELS.replace("fix glue ear", "fix deafness"), encoding="utf-8")
    with pytest.raises(CorpusError, match="page.labels.yaml: quote not found"):
        evaluate(corpus)


def test_eval_command(corpus, tmp_path):
    runner = CliRunner()
    out = runner.invoke(cli, ["eval", str(corpus)])
    assert out.exit_code == 0 and "recall of unproven claims" in out.stdout and "targets on the test half" in out.stdout
    data = json.loads(runner.invoke(cli, ["eval", str(corpus), "--json"]).stdout)
    assert data["figures"]["test"]["claim_recall"] == pytest.approx(66.7)
    baseline = tmp_path / "baseline.json"
    assert runner.invoke(cli, ["eval", str(corpus), "--write-baseline", str(baseline)]).exit_code == 0
    assert runner.invoke(cli, ["eval", str(corpus), "--baseline", str(baseline)]).exit_code == 0
    better = json.loads(baseline.read_text())
    better["figures"]["test"]["claim_recall"] = 90.0
    baseline.write_text(json.dumps(better))
    result = runner.invoke(cli, ["eval", str(corpus), "--baseline", str(baseline)])
    assert result.exit_code == 1 and "claim_recall" in result.stderr
