"""Assessment table: each special case of the evidence base, per jurisdiction.
Sentences are written for these tests; expectations follow docs/design.md."""

from __future__ import annotations

import pytest

from claimcheck.api import Checker


@pytest.fixture(scope="module")
def checkers():
    cache = {}

    def get(jurisdiction):
        if jurisdiction not in cache:
            cache[jurisdiction] = Checker(jurisdiction)
        return cache[jurisdiction]

    return get


def claim_findings(checkers, jurisdiction, text, condition):
    findings = checkers(jurisdiction).check_text(text).findings
    return [f for f in findings if f.category == "claim" and f.condition and f.condition.id == condition]


@pytest.mark.parametrize("jurisdiction, text, condition, rule, severity", [
    # Ryoncil: approved in the US only for children with steroid-refractory acute GVHD
    ("US", "Ryoncil treats steroid-refractory acute graft-versus-host disease in children.", "sr-agvhd", "CC107", "info"),
    ("US", "Ryoncil treats steroid-refractory acute graft-versus-host disease in adults.", "sr-agvhd", "CC103", "warning"),
    ("US", "Mesenchymal stem cells treat graft-versus-host disease.", "gvhd", "CC103", "warning"),
    ("US", "Our umbilical cord stem cells treat graft-versus-host disease.", "gvhd", "CC103", "warning"),
    ("JP", "Temcell treats acute graft-versus-host disease after a transplant.", "acute-gvhd", "CC107", "info"),
    # conditional approvals, and the same product elsewhere
    ("JP", "Stemirac restores function after spinal cord injury.", "spinal-cord-injury", "CC104", "warning"),
    ("US", "Stemirac restores function after spinal cord injury.", "spinal-cord-injury", "CC101", "error"),
    ("JP", "Stemirac may help spinal cord injury.", "spinal-cord-injury", "CC107", "info"),
    # the country named as the one that approved, and the approval said to be conditional
    ("US", "Japan granted Stemirac a conditional, time-limited approval in 2018 for spinal cord injury.",
     "spinal-cord-injury", "CC107", "info"),
    ("US", "South Korea conditionally approved Neuronata-R for ALS in 2014.", "als", "CC107", "info"),
    # (the approval's year between it and the product; the use named after a long apposition)
    ("US", "In Japan, regulators granted a conditional, time-limited approval in 2026 to Amchepry, a product made "
     "from induced pluripotent stem cells, for Parkinson's disease; it is given by neurosurgeons, not by private "
     "clinics.", "parkinsons-disease", "CC107", "info"),
    ("US", "Japan approved Stemirac for spinal cord injury.", "spinal-cord-injury", "CC104", "warning"),
    # Alofisel: withdrawn in the EU after its confirmatory trial failed
    ("EU", "Alofisel heals perianal fistulas in Crohn's disease.", "crohns-perianal-fistula", "CC105", "error"),
    ("KR", "Cupistem heals Crohn's fistula.", "crohns-perianal-fistula", "CC107", "info"),
    # licensed cord blood: blood disorders only
    ("US", "Licensed HPC cord blood is used for transplants in leukemia.", "leukemia", "CC107", "info"),
    ("US", "Cord blood stem cells treat autism.", "autism", "CC101", "error"),
    # not approved anywhere; hedged; a whole group of diseases
    ("US", "Stem cells reverse ALS.", "als", "CC101", "error"),
    ("US", "Exosomes may help COPD.", "copd", "CC102", "warning"),
    ("US", "Stem cell therapy treats autoimmune diseases.", "autoimmune-disease", "CC109", "warning"),
    # level B without approval (a positive randomised trial): a warning, not an error
    ("US", "Autologous hematopoietic stem cell transplantation halts multiple sclerosis.", "multiple-sclerosis", "CC101", "warning"),
    # India: Stempeucel for critical limb ischaemia
    ("IN", "Stempeucel improves critical limb ischemia from Buerger's disease.", "critical-limb-ischemia", "CC107", "info"),
    ("US", "Stempeucel improves critical limb ischemia.", "critical-limb-ischemia", "CC101", "error"),
    # a statement about approval in a named place is checked in that place
    ("US", "In South Korea, Cartistem has been approved since 2012 for knee cartilage defects.", "cartilage-defect", "CC107", "info"),
    ("US", "In Japan, stem cells are approved for autism.", "autism", "CC101", "error"),
    ("US", "In South Korea, Cartistem rebuilds knee cartilage defects.", "cartilage-defect", "CC101", "error"),
    # "authorisation" and "conditionally authorised" state an approval
    ("US", "In the European Union, Holoclar holds a conditional authorisation for adults with limbal stem cell "
     "deficiency caused by eye burns.", "limbal-stem-cell-deficiency", "CC107", "info"),
    ("US", "Outside the US, the European Union conditionally authorised Holoclar in 2015 for adults with limbal stem "
     "cell deficiency caused by eye burns.", "limbal-stem-cell-deficiency", "CC107", "info"),
    # two places in one sentence: each approval goes with the place named before it
    ("US", "In Europe, Holoclar has a conditional approval for limbal stem cell deficiency, and in Japan the "
     "government gave a conditional approval to Stemirac for spinal cord injury.", "limbal-stem-cell-deficiency",
     "CC107", "info"),
    # an approval stated without a place, true only where the product is approved
    ("US", "Stemirac holds a conditional, time-limited approval for spinal cord injury.", "spinal-cord-injury",
     "CC107", "info"),
    # (an effect claim is checked here: unapproved in the US, on an uncontrolled trial)
    ("US", "Stemirac repairs spinal cord injury.", "spinal-cord-injury", "CC101", "error"),
    ("US", "Mesenchymal stem cells are approved for spinal cord injury.", "spinal-cord-injury", "CC101", "error"),
    # CAR T-cell products: approved for some blood cancers, nothing else
    ("US", "Our transplant unit treats adults whose lymphoma has come back with CAR T-cell therapy.", "lymphoma", "CC107", "info"),
    ("US", "CAR-T cell therapy cures lupus.", "lupus", "CC101", "error"),
    # other approved cell and gene-modified cell products (rules/evidence/products.yaml):
    # the approved use, the same product for another group or disease, and ordinary stem
    # cells for the same disease, which never lean on the gene-modified product
    ("US", "Casgevy is approved for sickle cell disease in patients with repeated pain crises.", "sickle-cell-disease",
     "CC107", "info"),
    ("US", "Casgevy treats leukemia.", "leukemia", "CC103", "warning"),
    ("US", "Our umbilical cord stem cells treat sickle cell disease.", "sickle-cell-disease", "CC101", "error"),
    ("US", "Skysona slows cerebral adrenoleukodystrophy in boys.", "cerebral-adrenoleukodystrophy", "CC107", "info"),
    ("US", "Skysona slows cerebral adrenoleukodystrophy in adults.", "cerebral-adrenoleukodystrophy", "CC103", "warning"),
    ("US", "A bone marrow transplant can halt early cerebral adrenoleukodystrophy.", "cerebral-adrenoleukodystrophy",
     "CC107", "info"),
    ("US", "Lenmeldy treats metachromatic leukodystrophy in children.", "metachromatic-leukodystrophy", "CC107", "info"),
    ("EU", "Libmeldy treats metachromatic leukodystrophy in children.", "metachromatic-leukodystrophy", "CC107", "info"),
    ("EU", "Casgevy treats sickle cell disease.", "sickle-cell-disease", "CC104", "warning"),
    ("US", "Amtagvi treats metastatic melanoma in adults.", "melanoma", "CC107", "info"),
    ("US", "Amtagvi treats melanoma in children.", "melanoma", "CC103", "warning"),
    ("US", "Aucatzyl treats acute lymphoblastic leukemia in children.", "acute-lymphoblastic-leukemia", "CC103", "warning"),
    ("US", "Laviv improves moderate nasolabial fold wrinkles in adults.", "nasolabial-folds", "CC107", "info"),
    ("US", "Laviv treats nasolabial fold wrinkles in teenagers.", "nasolabial-folds", "CC103", "warning"),
    ("US", "Regenerative medicine reverses skin aging.", "skin-ageing", "CC101", "error"),
    ("US", "StrataGraft heals deep partial-thickness burns in adults.", "deep-partial-thickness-burns", "CC107", "info"),
    ("US", "A cord blood transplant treats severe combined immunodeficiency.", "severe-combined-immunodeficiency",
     "CC107", "info"),
    ("US", "Strimvelis treats ADA-SCID.", "ada-scid", "CC103", "warning"),
    ("EU", "Strimvelis treats ADA-SCID.", "ada-scid", "CC107", "info"),
])
def test_outcome(checkers, jurisdiction, text, condition, rule, severity):
    found = claim_findings(checkers, jurisdiction, text, condition)
    assert [(f.rule, f.severity) for f in found] == [(rule, severity)]


def test_a_foreign_approval_names_the_place(checkers):
    found = claim_findings(checkers, "US", "In South Korea, Cartistem has been approved since 2012 for knee "
                                           "cartilage defects.", "cartilage-defect")
    assert found and "Korea" in found[0].message and "FDA" not in found[0].message


def test_an_approval_without_a_place_names_where_it_holds(checkers):
    found = claim_findings(checkers, "US", "Temcell HS Inj. is approved for acute graft-versus-host disease.",
                           "acute-gvhd")
    assert [(f.rule, f.therapy.id) for f in found] == [("CC107", "temcell")]
    assert "Japan" in found[0].message or "MHLW" in found[0].message


def test_a_product_approved_elsewhere_is_not_called_unapproved_everywhere(checkers):
    # Stemirac is conditionally approved in Japan for spinal cord injury: a US claim that
    # it repairs the injury is unproven here, and the short line must not say "anywhere"
    from claimcheck.formats import claim_line

    found = claim_findings(checkers, "US", "Stemirac repairs spinal cord injury.", "spinal-cord-injury")
    assert [f.rule for f in found] == ["CC101"]
    line = claim_line(found[0], "US")
    assert "anywhere" not in line and "in US" in line
    assert "any jurisdiction" not in found[0].message
    # stem cells in general for the same injury are approved nowhere
    found = claim_findings(checkers, "US", "Our stem cells repair spinal cord injury.", "spinal-cord-injury")
    assert "anywhere" in claim_line(found[0], "US")


def test_nothing_on_file_is_never_silently_fine(tmp_path):
    # every shipped condition has evidence, so add one that has none
    (tmp_path / "c.yaml").write_text(
        "kind: conditions\nconditions:\n  - id: chronic-hiccups\n    name: chronic hiccups\n"
        "    category: general\n    synonyms: [chronic hiccups]\n", encoding="utf-8")
    findings = Checker("US", [tmp_path]).check_text("Stem cells cure chronic hiccups.").findings
    found = [f for f in findings if f.condition and f.condition.id == "chronic-hiccups"]
    assert len(found) == 1 and found[0].rule == "CC101" and found[0].evidence is None
    assert "no evidence on file" in found[0].message


def test_messages_name_the_concrete_fact_and_source(checkers):
    (finding,) = claim_findings(checkers, "US", "Stem cells cure autism.", "autism")
    assert "180 children" in finding.message
    assert finding.evidence.sources and finding.evidence.level == "F"
    assert finding.suggestion and "autism" in finding.suggestion


def test_stretch_names_the_approval(checkers):
    (finding,) = claim_findings(checkers, "US", "MSCs treat graft-versus-host disease in adults.", "gvhd")
    assert "Ryoncil" in finding.message and "2 months" in finding.message
    assert finding.evidence.product.startswith("Ryoncil")


def test_negated_and_cautionary_claims_give_nothing(checkers):
    for text in ("No stem cell product is approved for autism.",
                 "Stem cells have not been shown to help ALS.",
                 "Beware of clinics selling unproven stem cell treatments for Parkinson's disease."):
        findings = checkers("US").check_text(text).findings
        assert [f for f in findings if f.severity in ("error", "warning")] == [], text


def test_stem_cell_claims_do_not_cite_gene_modified_products(checkers):
    """Ordinary stem cells and transplants are answered by transplant practice, never by
    the approval of a gene-modified blood stem-cell product for the same disease."""
    gene_modified = {"us-casgevy-sickle-cell", "us-lyfgenia-sickle-cell", "us-casgevy-tdt", "us-zynteglo-tdt",
                     "us-skysona-cerebral-ald-boys", "us-lenmeldy-mld-children"}
    for text, condition in [
        ("Stem cells treat sickle cell disease.", "sickle-cell-disease"),
        ("Our umbilical cord stem cells treat sickle cell disease.", "sickle-cell-disease"),
        ("Hematopoietic stem cell transplant treats transfusion-dependent beta-thalassemia.",
         "transfusion-dependent-beta-thalassemia"),
        ("Stem cells treat adrenoleukodystrophy.", "adrenoleukodystrophy"),
        ("Stem cells treat metachromatic leukodystrophy.", "metachromatic-leukodystrophy"),
    ]:
        found = claim_findings(checkers, "US", text, condition)
        assert found, text
        assert all(f.evidence is None or f.evidence.id not in gene_modified for f in found), text


@pytest.mark.parametrize("jurisdiction, text, condition", [
    ("CA", "Zolgensma is a gene therapy, and Health Canada authorised it in 2020 for babies with spinal muscular "
           "atrophy.", "spinal-muscular-atrophy"),
    ("AU", "CAR T-cell therapy is available in Australia for some people with lymphomas that have come back.",
     "lymphoma"),
])
def test_a_stated_approval_missing_from_the_rules_is_unknown_not_false(checkers, jurisdiction, text, condition):
    # the named product is approved for that use elsewhere: the local approval is not on file
    found = claim_findings(checkers, jurisdiction, text, condition)
    assert [f.rule for f in found] == ["CC111"] and found[0].severity == "info"
    assert "no record" in found[0].message


@pytest.mark.parametrize("text, condition", [
    ("Our umbilical cord stem cells are approved in Mexico for autism.", "autism"),  # cells in general
    ("Ryoncil is approved in Canada for Crohn's disease.", "crohns-disease"),  # a use approved nowhere
])
def test_an_approval_of_cells_in_general_or_of_an_unapproved_use_is_still_checked(checkers, text, condition):
    assert [f.rule for f in claim_findings(checkers, "US", text, condition)] == ["CC101"]


def test_an_approval_the_text_calls_conditional_is_stated_correctly_in_any_wording(checkers):
    found = claim_findings(checkers, "JP", "In 2026 the ministry gave Amchepry a conditional, time-limited "
                                           "authorisation for Parkinson's disease.", "parkinsons-disease")
    assert [f.rule for f in found] == ["CC107"]
