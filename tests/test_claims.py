"""Claim extraction on sentences written for these tests: therapy, condition,
predicate, certainty, polarity, appeals, inference."""

from __future__ import annotations

import pytest


def only(claims, condition):
    found = [c for c in claims if c.condition.id == condition]
    assert found, f"no claim about {condition}; got {[c.condition.id for c in claims]}"
    return found[0]


def affirmed(claims, condition):
    """The claims about the condition that are not denied (a truthy list, or an empty one)."""
    return [c for c in claims if c.condition.id == condition and not c.negated]


@pytest.mark.parametrize("text, condition, certainty", [
    ("Our stem cell injections treat knee osteoarthritis.", "knee-osteoarthritis", "assertive"),
    ("Umbilical cord stem cells cure autism.", "autism", "absolute"),
    ("Exosome therapy reverses Parkinson's disease.", "parkinsons-disease", "absolute"),
    ("MSCs can help patients with multiple sclerosis.", "multiple-sclerosis", "assertive"),
    ("Stem cells may help with COPD.", "copd", "hedged"),
    ("Stem cell therapy could potentially improve heart failure.", "heart-failure", "hedged"),
    ("Stem cells are being studied for ALS in clinical trials.", "als", "hedged"),
    ("Our clinically proven stem cell protocol restores cartilage in osteoarthritis.", "osteoarthritis", "absolute"),
    ("Clinical trials have shown promising results using MSCs to relieve lupus.", "lupus", "assertive"),
    ("MSCs show promise in treating sepsis.", "sepsis", "hedged"),
    ("Stem Cell Therapy for Autism", "autism", "assertive"),
])
def test_certainty(claims_of, text, condition, certainty):
    claim = only(claims_of(text), condition)
    assert claim.certainty == certainty
    assert not claim.negated


@pytest.mark.parametrize("text, condition", [
    ("Stem cells cannot cure autism.", "autism"),
    ("There is no evidence that stem cells help multiple sclerosis.", "multiple-sclerosis"),
    ("Stem cell injections are not approved for knee osteoarthritis.", "knee-osteoarthritis"),
    ("Stem cell treatments for ALS have not been shown to work.", "als"),
    ("Be wary of unproven stem cell treatments for cerebral palsy.", "cerebral-palsy"),
])
def test_negated_and_cautionary(claims_of, text, condition):
    claims = [c for c in claims_of(text) if c.condition.id == condition]
    assert all(c.negated for c in claims)


def test_pseudo_negation_does_not_deny(claims_of):
    claim = only(claims_of("Stem cells treat arthritis with no side effects and no downtime."), "arthritis")
    assert not claim.negated


def test_negation_after_the_claim_does_not_deny_it(claims_of):
    claim = only(claims_of("Stem cells treat arthritis and do not require surgery."), "arthritis")
    assert not claim.negated


def test_clause_split_at_but(claims_of):
    claims = claims_of("Stem cell therapy is not a cure for lupus, but it relieves arthritis pain.")
    assert only(claims, "lupus").negated
    assert not only(claims, "arthritis").negated


def test_attribution(claims_of):
    claim = only(claims_of("Some clinics claim that stem cells cure autism."), "autism")
    assert claim.attributed


def test_appeals(claims_of):
    evidence = only(claims_of("Studies show that stem cells repair knee cartilage in osteoarthritis."), "osteoarthritis")
    assert "evidence" in evidence.appeals
    testimony = only(claims_of("Patients report that stem cells eased their fibromyalgia."), "fibromyalgia")
    assert "testimony" in testimony.appeals


def test_population(claims_of):
    claim = only(claims_of("MSCs treat graft-versus-host disease in adults."), "gvhd")
    assert claim.population == "adults"


def test_therapy_inferred_from_previous_sentence(claims_of):
    claims = claims_of("We offer umbilical cord stem cells. In osteoarthritis, they can be injected to reduce pain.")
    claim = only(claims, "osteoarthritis")
    assert claim.therapy.id == "umbilical-cord-cells"
    assert claim.therapy.inferred


def test_research_context_carries_to_inferred_claim(claims_of):
    text = ("MSCs are a focus of research for treating osteoarthritis. "
            "Studies have shown promising outcomes in reducing pain in osteoarthritis.")
    claims = [c for c in claims_of(text) if c.condition.id == "osteoarthritis"]
    assert len(claims) == 2
    assert all(c.certainty == "hedged" for c in claims)


def test_list_under_lead_in_gives_one_claim_per_item(claims_of):
    text = "Stem cell therapy at our clinic\n\nConditions we treat:\n- Autism\n- Multiple sclerosis\n- COPD\n"
    claims = claims_of(text)
    by_condition = {c.condition.id: c for c in claims}
    assert {"autism", "multiple-sclerosis", "copd"} <= set(by_condition)
    spans = {(c.start, c.end) for c in by_condition.values()}
    assert len(spans) == 3  # each list item has its own span
    assert all(c.therapy.inferred for c in by_condition.values())


def test_html_heading_frame_with_list(claims_of):
    html = ("<html><body><h1>Regenerative stem cell therapy</h1><h2>Conditions We Treat</h2>"
            "<ul><li>Autism</li><li>ALS</li><li>Erectile dysfunction</li></ul></body></html>")
    ids = {c.condition.id for c in claims_of(html, "html")}
    assert {"autism", "als", "erectile-dysfunction"} <= ids


def test_these_conditions_refers_back(claims_of):
    text = ("Autoimmune diseases such as lupus and rheumatoid arthritis are common. "
            "Stem cells can relieve these conditions.")
    claims = [c for c in claims_of(text) if c.source == "anaphora"]
    assert {"lupus", "rheumatoid-arthritis"} <= {c.condition.id for c in claims}


def test_no_therapy_means_no_claim(claims_of):
    assert claims_of("Physical therapy can help knee osteoarthritis.") == []


def test_condition_without_predicate_is_not_a_claim(claims_of):
    assert claims_of("Stem cells were discovered decades before anyone studied autism genetics.") == []


@pytest.mark.parametrize("text, expect", [
    ("Stem cells for MS and ALS at our clinic.", {"multiple-sclerosis", "als"}),
    ("Our stem cell nurse holds an MS in Nursing and can help you.", set()),
    ("After the stem cell injection he had an ED visit for chest pain.", set()),
    ("Exosome therapy for ED restores erectile function.", {"erectile-dysfunction"}),
])
def test_abbreviations_need_context(claims_of, text, expect):
    ids = {c.condition.id for c in claims_of(text)}
    assert ids == expect


def test_modal_hedge_reaches_only_what_follows(claims_of):
    claims = claims_of("Our MSC infusions cure autism and may help COPD.")
    assert only(claims, "autism").certainty == "absolute"
    assert only(claims, "copd").certainty == "hedged"


def test_research_status_qualifies_the_whole_clause(claims_of):
    claim = only(claims_of("Stem cell therapy for ALS is being studied in clinical trials."), "als")
    assert claim.certainty == "hedged"


def test_a_title_frame_does_not_turn_prose_into_claims(claims_of):
    # "Back on the trail" frames the page, but a descriptive sentence with no verb of
    # its own about the therapy is not a claim
    text = ("# Get Back on the Trail With Stem Cell Therapy\n\n"
            "Knee osteoarthritis is the most common reason people end up with a joint replacement.\n")
    assert [c for c in claims_of(text, "markdown") if c.condition.id == "knee-osteoarthritis"] == []


def test_condition_heading_under_a_title_waits_for_its_section(claims_of):
    text = ("# Restoring Function With Stem Cell Therapy\n\n## Autism\n\n"
            "Our published data show improvement in 91% of children.\n")
    autism = [c for c in claims_of(text, "markdown") if c.condition.id == "autism"]
    assert len(autism) == 1 and autism[0].predicate_text.startswith("improvement")


def test_a_no_answer_withdraws_the_question(claims_of):
    text = ("# Stem cell FAQ\n\n## Do you treat blood cancers with stem cells?\n\n"
            "No. Leukemia needs a transplant in a hospital unit.\n")
    assert not [c for c in claims_of(text, "markdown") if c.condition.id == "blood-cancer"]
    kept = ("# Stem cell FAQ\n\n## Do you treat knee arthritis with stem cells?\n\n"
            "Yes, most of our patients come for their knees.\n")
    assert [c for c in claims_of(kept, "markdown") if c.condition.id == "knee-osteoarthritis"]


@pytest.mark.parametrize("answer", [
    "Not so far. A trial of 144 people found no fewer new lesions.",
    "Unfortunately, no. The cells did not reduce relapses in trials.",
    "There is no good evidence that they do.",
])
def test_other_ways_of_answering_no_withdraw_the_question(claims_of, answer):
    text = f"# MS and cell therapy\n\n## Can mesenchymal stem cells repair myelin in MS?\n\n{answer}\n"
    assert not affirmed(claims_of(text, "markdown"), "multiple-sclerosis")


def test_a_question_about_approval_is_not_a_claim(claims_of):
    assert claims_of("Is the stem cell treatment approved for MS by the FDA?") == []


def test_a_claim_spans_the_clause_that_makes_it(claims_of):
    text = "We cannot promise that stem cells stop Alzheimer's disease, but they can slow it."
    claims = [c for c in claims_of(text) if c.condition.id == "alzheimers-disease"]
    asserted = [c for c in claims if not c.negated]
    assert asserted and all(text[c.start:c.end].startswith("but they can slow") for c in asserted)


def test_outcome_after_treatment_links_to_the_condition_just_named(claims_of):
    text = "My son was diagnosed with autism at three. After two sessions with stem cells he answers to his name."
    assert affirmed(claims_of(text), "autism")


def test_the_place_named_in_an_approval_statement_is_kept(claims_of):
    claim = only(claims_of("In South Korea, Cartistem has been approved since 2012 for knee cartilage defects."),
                 "cartilage-defect")
    assert claim.place == "KR" and claim.predicate == "approved-for"


@pytest.mark.parametrize("text, expect", [
    ("Our stem cells treat knee and hip osteoarthritis.", {"knee-osteoarthritis", "hip-osteoarthritis"}),
    ("Stem cell therapy for neurological, orthopedic & autoimmune conditions.",
     {"neurological-disorder", "musculoskeletal-condition", "autoimmune-disease"}),
    ("Exosomes for chronic lung and heart disease.", {"lung-disease", "cardiovascular-disease"}),
    # "autism disease" is not a name: a coordinated condition needs a known name
    ("Stem cells for autism and heart disease.", {"autism", "cardiovascular-disease"}),
    # coordinated heads share the modifier before them
    ("Our stem cells help worn-out knees and hips.", {"knee-osteoarthritis", "hip-osteoarthritis"}),
    ("Stem cell injections for arthritic knees, hips or shoulders.",
     {"knee-osteoarthritis", "hip-osteoarthritis", "shoulder-osteoarthritis"}),
    ("Umbilical cord stem cell packages for type 1 and type 2 diabetes.", {"type-1-diabetes", "type-2-diabetes"}),
])
def test_coordinated_modifiers_share_the_head_noun(claims_of, text, expect):
    assert {c.condition.id for c in claims_of(text)} == expect


def test_for_reaches_every_condition_of_a_list(claims_of):
    text = "Some clinics advertise stem cell infusions for autism, Parkinson's disease, lupus or knee arthritis."
    ids = {c.condition.id for c in claims_of(text)}
    assert {"autism", "parkinsons-disease", "lupus", "knee-osteoarthritis"} <= ids


def test_a_stronger_sentence_in_a_condition_section_is_its_own_claim(claims_of):
    text = ("Umbilical cord stem cells\n\nMultiple sclerosis\n\n"
            "Our cells may calm the immune response. Our own case series show fewer relapses after treatment.\n")
    ms = [c for c in claims_of(text) if c.condition.id == "multiple-sclerosis"]
    assert {c.certainty for c in ms} == {"hedged", "assertive"}


def test_these_cells_link_to_the_condition_of_the_previous_sentence(claims_of):
    text = ("Our clinic gives umbilical cord stem cells. Many visitors arrive with Parkinson's after years "
            "on levodopa. These cells quiet their tremor.")
    claim = only(claims_of(text), "parkinsons-disease")
    assert claim.source == "previous" and claim.predicate == "relieve"


def test_not_right_before_a_condition_denies_it(claims_of):
    claims = claims_of("Cord blood is FDA-approved only for transplants in blood cancers, not for autism.")
    assert only(claims, "autism").negated
    assert not only(claims, "blood-cancer").negated


# ---- a therapy given and a condition named, without a verb of effect -------------------
@pytest.mark.parametrize("text, condition", [
    ("I have MS and had two rounds of IV stem cells in Panama in 2021.", "multiple-sclerosis"),
    # "the cells" stands for the therapy the page has named
    ("We use umbilical cord stem cells. For a bad back we inject the cells directly into the disc.", "back-pain"),
    ("We use umbilical cord stem cells. Patients with arthritis in the hip do remarkably well with our cells.",
     "hip-osteoarthritis"),
])
def test_therapy_given_with_a_condition_is_a_claim(claims_of, text, condition):
    claim = only(claims_of(text), condition)
    assert not claim.negated
    assert claim.predicate == "used-for"


@pytest.mark.parametrize("text, fmt", [
    ("Stem cells were discovered decades before anyone studied autism genetics.", "text"),
    ("Knee osteoarthritis is the most common reason people walk into a stem cell clinic.", "text"),
    ("There is an open review of the stem cell trials in COPD from 2023.", "text"),
    ("# Stem Cells and MS: Separating Fact from Hype\n\nRead on.\n", "markdown"),
])
def test_co_occurrence_without_use_is_not_a_claim(claims_of, text, fmt):
    assert [c for c in claims_of(text, fmt) if not c.negated] == []


def test_denial_anywhere_in_the_clause_takes_back_a_co_occurrence(claims_of):
    claims = claims_of("In cancer patients we are not giving the stem cell therapy.")
    assert all(c.negated for c in claims)


def test_therapy_named_between_predicate_and_condition_is_its_subject(claims_of):
    claims = claims_of("MACI is approved for adults with cartilage defects in the knee, "
                       "and Lantidra for adults with type 1 diabetes.")
    assert only(claims, "type-1-diabetes").therapy.id == "lantidra"
    assert only(claims, "cartilage-defect").therapy.id == "maci"


def test_other_forms_of_predicate_verbs_are_found(claims_of):
    # the cue list has "seal" and "calm"; "sealing" and "calming" come from them
    claim = only(claims_of("Umbilical cord stem cells go to work calming sciatica."), "sciatica")
    assert claim.predicate == "relieve"


def test_prescribed_medicine_is_not_a_use_of_the_therapy(claims_of):
    text = "We offer exosome infusions. Members with heart failure keep taking every prescribed medicine."
    assert [c for c in claims_of(text) if c.condition.id == "heart-failure"] == []


def test_a_sentence_that_goes_on_about_the_previous_claim_makes_it_again(claims_of):
    text = ("Stem cells stop MS in its tracks. The cells calm the immune system so it stops "
            "attacking the nerves.")
    claims = [c for c in claims_of(text) if c.condition.id == "multiple-sclerosis"]
    assert len(claims) == 2 and claims[1].source == "previous"


def test_outcome_told_as_something_no_longer_suffered(claims_of):
    text = ("A neurologist said stem cells \"don't work for MS.\" My patient Jess hasn't had a "
            "single relapse in two years.")
    claims = [c for c in claims_of(text) if c.condition.id == "multiple-sclerosis"]
    assert claims[0].negated  # the neurologist's denial
    assert any(not c.negated and c.source == "previous" for c in claims)


def test_an_unrelated_sentence_ends_the_thread(claims_of):
    text = ("Our stem cells treat MS. Parking is free for all visitors. "
            "The cells calm the immune system.")
    claims = [c for c in claims_of(text) if c.condition.id == "multiple-sclerosis"]
    assert len(claims) == 1


def test_a_table_column_of_conditions_lists_claims(claims_of):
    html = ("<h1>Regenerative injections</h1><p>We use bone marrow stem cells.</p>"
            "<table><tr><th>Condition</th><th>Patients</th><th>Pain before</th><th>Pain after</th></tr>"
            "<tr><td>Knee osteoarthritis</td><td>1,540</td><td>7.1</td><td>2.4</td></tr>"
            "<tr><td>Rotator cuff tears</td><td>460</td><td>6.9</td><td>2.2</td></tr></table>")
    ids = {c.condition.id for c in claims_of(html, "html") if not c.negated}
    assert {"knee-osteoarthritis", "rotator-cuff-injury"} <= ids


def test_every_item_of_a_list_is_a_claim_even_when_it_repeats_one(claims_of):
    text = ("We offer amniotic injections for joint pain.\n\nOur providers treat:\n"
            "- Bad knees and worn-out hips\n- Shoulder pain and frozen shoulder\n")
    listed = [c for c in claims_of(text) if c.condition.id == "joint-pain" and c.source == "frame"]
    assert len(listed) == 2


def test_research_on_the_cells_named_by_a_pronoun(claims_of):
    text = "Cord tissue is rich in mesenchymal stem cells. Researchers are testing them in lupus."
    claim = only(claims_of(text), "lupus")
    assert claim.certainty == "hedged"


@pytest.mark.parametrize("text", [
    "For children aged 2 months and older with acute GVHD that does not respond to steroids, we offer Ryoncil.",
    "For children whose acute GVHD does not settle with steroids, our team can prescribe Ryoncil.",
])
def test_disease_that_does_not_respond_to_other_treatment_is_not_a_denial(claims_of, text):
    assert not only(claims_of(text), "acute-gvhd" if "acute GVHD" in text else "gvhd").negated


def test_what_a_patient_read_online_is_reported(claims_of):
    text = "She has read online that stem cells \"reset\" an immune system attacking her thyroid in Hashimoto's."
    assert only(claims_of(text), "hashimotos-thyroiditis").attributed


@pytest.mark.parametrize("text, condition", [
    ("So if a clinic tells you MSCs cure lupus, walk away.", "lupus"),
    ("Glad you're well, but MS can go quiet for years on its own.", "multiple-sclerosis"),
])
def test_warnings_and_natural_course_are_not_claims(check, text, condition):
    flagged = [f for f in check("We sell mesenchymal stem cells. " + text)
               if f.condition is not None and f.condition.id == condition and f.severity == "error"]
    assert flagged == []


def test_choosing_a_treatment_plan_is_not_a_claim(check):
    text = "We offer umbilical cord stem cells. Few decisions weigh on a parent like choosing a treatment plan for a child with autism."
    assert [f for f in check(text) if f.condition is not None and f.condition.id == "autism"] == []


@pytest.mark.parametrize("text", [
    "Northgate does not sell or provide:\n\n- stem cell IV infusions for fatigue or brain fog;\n- exosome injections for COPD;\n",
    "# What we do not offer\n\n- Stem cell IV infusions for fatigue or brain fog\n- Exosome injections for COPD\n",
])
def test_a_denying_lead_in_or_heading_reaches_every_item(claims_of, text):
    claims = claims_of(text, "markdown")
    assert {c.condition.id for c in claims} >= {"chronic-fatigue", "copd"}
    assert all(c.negated for c in claims)


@pytest.mark.parametrize("text, denied", [
    ("Answers about bone marrow transplants for leukemia, and why we do not offer stem cells for autism or cerebral palsy.",
     {"autism", "cerebral-palsy"}),
    ("We do not inject stem cells, bone marrow concentrate or exosomes for knee osteoarthritis.",
     {"knee-osteoarthritis"}),
])
def test_not_offering_the_therapy_for_a_condition_denies_it(claims_of, text, denied):
    claims = claims_of(text)
    assert {c.condition.id for c in claims if c.negated} == denied
    assert all(not c.negated for c in claims if c.condition.id not in denied)


def test_a_condition_that_describes_the_one_before_is_not_a_claim_of_its_own(claims_of):
    claims = claims_of("We offer blood stem cell transplants for sickle cell disease with stroke or repeated pain crises.")
    assert {c.condition.id for c in claims} == {"sickle-cell-disease"}


def test_anti_prefix_presents_the_therapy_against_the_condition(claims_of):
    claim = only(claims_of("Our exosome drip is the ultimate anti-aging treatment."), "ageing")
    assert not claim.negated


@pytest.mark.parametrize("text, condition", [
    ("Stem cells treat alzhiemers disease.", "alzheimers-disease"),
    ("Our stem cells treat Multipl sclerosis.", "multiple-sclerosis"),
    ("Stem cells reverse fibromyalgai.", "fibromyalgia"),
])
def test_misspelt_condition_names_are_found(claims_of, text, condition):
    only(claims_of(text), condition)


@pytest.mark.parametrize("word", ["feature", "importance", "diameter", "conclusion", "migrate", "artistic",
                                  "automatic", "insertion", "arteritis", "ataraxia", "canceler", "blading"])
def test_ordinary_words_are_never_corrected_into_condition_names(checker, word):
    # the last four are in no hand-made list: only the English word list keeps them apart
    # from arthritis, ataxia, cancer and balding
    from claimcheck.fuzzy import english_words

    assert word in english_words()
    fuzzy = checker.component.analyzer.matcher.fuzzy
    assert fuzzy.find(f"we treat {word} here") == []
    assert fuzzy.find("we treat arthritus here")  # while a real misspelling is still found


def test_negated_evidence_appeal_denies(claims_of):
    text = "We use umbilical cord stem cells for knee osteoarthritis. Trials have not shown that these injections rebuild cartilage."
    later = [c for c in claims_of(text) if c.source == "previous"]
    assert later and all(c.negated for c in later)


def test_nothing_on_the_market_denies(claims_of):
    claims = claims_of("Nothing on the market today, stem cells included, rebuilds an arthritic knee.")
    assert claims and all(c.negated for c in claims)


def test_background_lists_are_not_claims(check):
    text = ("We offer bone marrow stem cell injections.\n\nCommon causes of knee pain include:\n\n"
            "- meniscus tears from twisting injuries\n- old ligament injuries, such as a torn ACL\n")
    assert [f for f in check(text, "markdown") if f.category == "claim" and f.severity == "error"] == []


def test_a_table_heading_frame_that_has_said_its_piece_does_not_claim_later_headings(claims_of):
    text = ("# Cellular therapy services\n\n## Approved treatments we provide\n\n"
            "| Treatment | Approved for |\n| --- | --- |\n| Bone marrow transplant | Leukemia |\n\n"
            "We follow FDA rules for each product.\n\n## Multiple sclerosis\n\n"
            "Our team is enrolling adults with MS in a randomized trial of bone marrow transplant.\n")
    ms = [c for c in claims_of(text, "markdown") if c.condition.id == "multiple-sclerosis"]
    assert ms and all(c.source != "frame" for c in ms)


def test_a_table_cell_condition_takes_the_therapy_of_its_row(claims_of):
    text = ("# Cellular therapy services\n\n## Approved treatments we provide\n\n"
            "| Treatment | Approved for |\n| --- | --- |\n| Bone marrow transplant | Leukemia |\n"
            "| CAR T-cell therapy | Lymphoma |\n")
    by_condition = {c.condition.id: c.therapy.id for c in claims_of(text, "markdown")}
    assert by_condition["leukemia"] == "hsc"
    assert by_condition["lymphoma"] == "car-t"


@pytest.mark.parametrize("text, therapy", [
    ("Japan gave a conditional approval to Stemirac, a bone marrow stem cell product, for spinal cord injury in 2018.",
     "stemirac"),
    ("South Korea has approved Cartistem, a cord blood cell product, for knee cartilage defects since 2012.", "cartistem"),
    ("Ryoncil, the only FDA-approved mesenchymal stromal cell product, is approved for children with "
     "steroid-refractory acute GVHD.", "ryoncil"),
])
def test_a_product_described_in_apposition_is_the_subject(claims_of, text, therapy):
    claims = [c for c in claims_of(text) if not c.negated]
    assert claims and all(c.therapy.id == therapy for c in claims)


def test_a_product_named_as_a_comparison_is_not_the_subject(claims_of):
    claim = only(claims_of("For spinal cord injury, we offer adipose stem cell infusions that work like Stemirac."),
                 "spinal-cord-injury")
    assert claim.therapy.id != "stemirac"


@pytest.mark.parametrize("text, conditions", [
    ("Stem cells treat artritis of knee and hip.", {"knee-osteoarthritis", "hip-osteoarthritis"}),
    ("We treat osteoarthritis in the knees, hips or shoulders with stem cells.",
     {"knee-osteoarthritis", "hip-osteoarthritis", "shoulder-osteoarthritis"}),
    ("Stem cells treat diabetis type 1 and type 2.", {"type-1-diabetes", "type-2-diabetes"}),
])
def test_body_parts_and_types_after_a_name_each_name_a_condition(claims_of, text, conditions):
    assert {c.condition.id for c in claims_of(text)} >= conditions


@pytest.mark.parametrize("text, condition", [
    ("We gave him umbilical cord stem cells for MS. He has had no new relapses since.",
     "multiple-sclerosis"),
    ("My knee osteoarthritis was treated with stem cells in Cancun. My OA hasn't bothered me since.",
     "osteoarthritis"),
])
def test_outcomes_told_as_troubles_gone(claims_of, text, condition):
    later = [c for c in claims_of(text) if c.start > text.index(".")]
    assert any(c.condition.id == condition and not c.negated for c in later)


def test_a_denial_belongs_to_the_therapy_named_after_the_claim(claims_of):
    text = ("The only mesenchymal cell product approved by the FDA is Ryoncil, for children with steroid-refractory "
            "acute graft-versus-host disease, and adipose stem cells are not approved for any lung condition.")
    claims = claims_of(text)
    assert not only(claims, "sr-agvhd").negated
    assert only(claims, "lung-disease").negated


def test_an_approval_with_a_comma_before_for(claims_of):
    claim = only(claims_of("MACI is the one cell-based knee product the FDA has approved, and only for adults with "
                           "a full-thickness cartilage defect."), "cartilage-defect")
    assert claim.predicate == "approved-for" and not claim.negated


def test_good_results_with_is_a_claim(claims_of):
    text = "We offer umbilical cord stem cells. The coordinator said they've had good results with MS and ALS."
    assert {c.condition.id for c in claims_of(text)} >= {"multiple-sclerosis", "als"}


def test_a_personal_story_of_better_function_continues_the_claim(claims_of):
    text = ("My uncle with ALS had three infusions of umbilical cord stem cells. "
            "For about six weeks he swore his hands were stronger.")
    assert any(c.condition.id == "als" and c.source == "previous" for c in claims_of(text))


def test_advice_about_other_medicine_is_not_a_claim(check):
    text = ("We sell exosome drips. Talk with your own doctor before you stop any prescribed medicine "
            "for arthritis, lupus or diabetes.")
    assert [f for f in check(text) if f.category == "claim" and f.severity == "error"] == []


def test_a_predicate_before_the_condition_wins_over_one_after(claims_of):
    text = ("Blood stem cell transplants are a standard treatment for leukemia, lymphoma and myeloma, and Ryoncil "
            "is approved for children with steroid-refractory acute graft-versus-host disease.")
    assert only(claims_of(text), "multiple-myeloma").therapy.id == "hsc"


@pytest.mark.parametrize("text", [
    "We sell exosome drips. Her joint damage from rheumatoid arthritis continued, and her rheumatologist had to restart the medicine she had stopped.",
    "We inject stem cells. Then the pain from my arthritis came back worse, and my surgeon said nothing had grown.",
    "We offer stem cells. Ask your own doctor whether your knee pain has a cause that can be treated.",
])
def test_bad_outcomes_and_advice_are_not_claims(check, text):
    assert [f for f in check(text) if f.category == "claim" and f.severity == "error"
            and f.start > text.index(".")] == []


def test_hashtags_after_a_story_are_a_sentence_of_their_own(checker):
    from claimcheck.matching import split_sentences

    text = 'After his 2nd round for COPD: "I walked to the mailbox." \U0001fac1 #copdwarrior #breathebetter'
    sentences = split_sentences(text, [(0, len(text), "paragraph", 0, False)])
    assert len(sentences) == 2 and text[sentences[1].start:].startswith("\U0001fac1")


NEWS = """Clinics sell cord cells for autism, reporters find

By Dana Ruiz, staff reporter

Reporters called nine clinics. A coordinator at one clinic said its umbilical cord cells stop MS in its tracks.
Another clinic advertised stem cell infusions for autism and COPD, according to the complaint.
Regulators said no such product is approved. The lawsuit alleges the clinic promised results it could not deliver.
"""

FORUM = """Re: worth going to Cancun for MS?

The clinic told me the cells would repair my myelin. I have MS and had two rounds of IV stem cells in 2021.
My energy came back and I haven't had a relapse since. I'd go again. My neurologist said to be careful.
"""

RELEASE = """FOR IMMEDIATE RELEASE

Coral Institute reports results in MS. Its umbilical cord stem cells stop MS progression, the company said.
"We see patients walk again," said the founder.

Media contact: press@example.com
"""


def test_a_news_report_makes_no_claims_of_its_own(claims_of):
    claims = [c for c in claims_of(NEWS) if not c.negated]
    assert {c.condition.id for c in claims} >= {"multiple-sclerosis", "autism", "copd"}
    assert all(c.attributed for c in claims)


def test_a_forum_story_is_a_claim_while_what_the_clinic_told_is_reported(claims_of):
    claims = affirmed(claims_of(FORUM), "multiple-sclerosis")
    assert any(c.attributed for c in claims)      # "The clinic told me ..."
    assert any(not c.attributed for c in claims)  # "I have MS and had two rounds ..."


def test_a_press_release_speaks_for_the_company(claims_of):
    claims = [c for c in claims_of(RELEASE) if c.condition.id == "multiple-sclerosis"]
    assert claims and not any(c.attributed for c in claims)


def test_a_lead_in_that_denies_a_noun_does_not_deny_its_list(claims_of):
    text = ("Proven stem cell treatments are given in hospitals, not spas:\n\n"
            "- bone marrow transplants for leukemia and lymphoma\n- Ryoncil, for children with steroid-refractory acute GVHD\n")
    claims = claims_of(text, "markdown")
    assert {c.condition.id for c in claims} >= {"leukemia", "lymphoma", "sr-agvhd"}
    assert not any(c.negated for c in claims)


def test_a_lower_case_sentence_after_a_full_stop_is_its_own_sentence(checker):
    from claimcheck.matching import split_sentences

    text = "I went from 5 flares a year to 1. not saying it's a cure. e.g. this stays one."
    sentences = split_sentences(text, [(0, len(text), "paragraph", 0, False)])
    assert [text[s.start:s.end] for s in sentences] == [
        "I went from 5 flares a year to 1.", "not saying it's a cure.", "e.g. this stays one."]


def test_questions_to_ask_a_clinic_are_not_claims(check):
    text = ("# Questions to ask a clinic\n\n- Is this stem cell treatment FDA-approved for MS?\n"
            "- What studies show that this product helps people with MS?\n")
    assert [f for f in check(text, "markdown") if f.severity in ("error", "warning")] == []


def test_stopping_a_medicine_is_not_stopping_the_disease(check):
    text = "We offer stem cells for MS. Stopping a disease-modifying therapy can lead to a rebound of relapses."
    assert [f for f in check(text) if f.category == "claim" and f.start > 28] == []


@pytest.mark.parametrize("text, condition", [
    ("Hair Restoration with Exosomes", "hair-loss"),
    ("Autism programmes using umbilical cord cells", "autism"),
])
def test_a_condition_treated_with_a_therapy_is_a_claim(claims_of, text, condition):
    assert only(claims_of(text), condition).certainty == "assertive"


def test_a_condition_and_with_across_a_comma_is_not_a_claim(claims_of):
    assert claims_of("People living with MS, with or without stem cell banking, should see a neurologist.") == []


def test_what_patients_tell_a_selling_page_is_its_own_claim(claims_of):
    text = ("Book your consultation at our clinic today. "
            "Many patients have told us that our stem cell injections cured their back pain.")
    claim = only(claims_of(text), "back-pain")
    assert not claim.attributed


def test_what_a_clinic_told_a_reporter_stays_reported(claims_of):
    text = ("A clinic spokesperson said its stem cell injections were safe, according to court records. "
            "Several former patients said staff told them the cells would cure their back pain.")
    assert only(claims_of(text), "back-pain").attributed


@pytest.mark.parametrize("text, condition", [
    ("Stem cell transplants for blood cancers are approved treatments, and they don't apply to ALS.", "als"),
    ("Our exosome drips are popular, but they have never helped with COPD.", "copd"),
])
def test_a_denial_that_a_therapy_reaches_a_condition(claims_of, text, condition):
    assert only(claims_of(text), condition).negated


def test_the_english_word_list_is_cached_as_text_and_survives_a_bad_cache(tmp_path, monkeypatch):
    from claimcheck import fuzzy

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fuzzy.english_words.cache_clear()
    try:
        parsed = fuzzy.english_words()
        cached = list((tmp_path / "claimcheck").glob("english-words-*.txt"))
        assert len(cached) == 1 and "feature" in parsed and "fracture" in parsed
        fuzzy.english_words.cache_clear()
        assert fuzzy.english_words() == parsed  # read back from the text file
        cached[0].write_bytes(b"\xff\xfe not text")  # a damaged cache is parsed again
        fuzzy.english_words.cache_clear()
        assert fuzzy.english_words() == parsed
        blocked = tmp_path / "a-file"
        blocked.write_text("", encoding="utf-8")
        monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))  # no cache folder can be made there
        fuzzy.english_words.cache_clear()
        assert fuzzy.english_words() == parsed
    finally:
        fuzzy.english_words.cache_clear()


@pytest.mark.parametrize("text", [
    "We use umbilical cells for patients over 75 or with diabetes, who are not good candidates for a marrow draw.",
    "Cord tissue is our choice for anyone aged 70 or with poorly controlled diabetes.",
])
def test_a_condition_beside_an_age_describes_who_suits_a_procedure(claims_of, text):
    assert [c for c in claims_of(text) if c.condition.id == "diabetes"] == []


def test_a_condition_without_an_age_is_still_treated(claims_of):
    assert only(claims_of("Umbilical stem cells for patients with diabetes, over 75 or not."), "diabetes")


def _checked(checker, text):
    """The whole result (claims and findings) for a plain-text page."""
    from claimcheck.inputs import SourceText

    return checker.check_source(SourceText("t", text, "str", "text"))


_CLINIC = "Our clinic offers umbilical cord stem cell therapy. Book your consultation with our doctors today.\n\n"


@pytest.mark.parametrize("text, condition", [
    ("After two rounds I was walking without a cane. My arthritis had kept me housebound for years.", "arthritis"),
    ("My son was nonverbal. After his third infusion he said mama for the first time. He has autism.", "autism"),
])
def test_an_outcome_told_before_whose_condition_it_was(claims_of, text, condition):
    claim = only(claims_of(_CLINIC + text), condition)
    assert not claim.negated and claim.certainty == "assertive"


@pytest.mark.parametrize("text", [
    "My mother went to a clinic in Mexico. After the infusions she felt worse. Her ALS kept progressing.",
    "After the seminar I felt better about my options. My arthritis doctor still recommends physical therapy.",
    "After two rounds I was walking without a cane. My neighbour has arthritis.",
    "After two rounds I was walking without a cane. I do not have arthritis.",
])
def test_no_outcome_is_carried_to_a_condition_that_went_on_or_is_not_the_persons(claims_of, text):
    assert claims_of(_CLINIC + text) == []


@pytest.mark.parametrize("text", [
    "Today we are going to talk about stem cells and autism.",
    "After her transplant she felt better. Her leukemia had been treated with chemotherapy first.",
    "These days I walk with a cane because of my MS.",
    "Feel free to call us again if you have questions about arthritis.",
])
def test_topics_other_agents_and_bad_days_are_not_claims(claims_of, text):
    assert [c for c in claims_of(_CLINIC + text) if not c.negated] == []


@pytest.mark.parametrize("text, condition", [
    ("Our stem cell infusions help patients with T1D.", "type-1-diabetes"),  # "T1D." is one token to spaCy
    ("Our stem cell infusions help patients with CHF.", "heart-failure"),  # the full stop is not an amount
])
def test_an_abbreviation_at_the_end_of_a_sentence(claims_of, text, condition):
    assert only(claims_of(text), condition)


def test_an_abbreviation_that_is_a_currency_beside_an_amount_is_not_a_condition(claims_of):
    assert claims_of("Stem cell packages cost CHF 12,000 per session for patients.") == []


def test_donor_screening_is_not_a_treatment_claim(claims_of):
    assert claims_of(_CLINIC + "Our cells are screened for HIV and hepatitis C before release.") == []


def test_a_heading_that_only_names_the_condition_still_waits_for_its_section(claims_of):
    claims = claims_of("# Parkinson's support\n\nOur exosome drips steady tremors.", "markdown")
    assert len([c for c in claims if c.condition.id == "parkinsons-disease"]) == 1


def test_a_question_answered_with_a_refusal_is_no_claim(claims_of):
    assert [c for c in claims_of(_CLINIC + "Autism? We do not offer our cells for it.") if not c.negated] == []


@pytest.mark.parametrize("text", [
    "MS develops when the immune system attacks the myelin that protects nerves.",
    "Autism is a developmental condition that can affect speech and sleep.",
])
def test_a_sentence_that_defines_the_condition_is_no_claim(claims_of, text):
    assert claims_of(_CLINIC + text) == []


def test_other_treatments_that_failed_do_not_deny_the_claim(claims_of):
    text = "Our stem cell injections are for tennis elbow that hasn't responded to physical therapy."
    assert not only(claims_of(text), "tennis-elbow").negated


def test_a_plain_lead_in_ends_the_denial_of_an_earlier_one(claims_of):
    text = ("Forum rules: no clinic links.\nA few facts for newcomers:\n"
            "- Lantidra is FDA-approved for some adults with type 1 diabetes.\n")
    assert not only(claims_of(text), "type-1-diabetes").negated


def test_a_quoted_line_with_its_speaker_is_not_a_heading():
    from claimcheck.layout import build_layout

    text = ("What members say\n\"Two drips in and my arthritis pain is gone.\" - Ann, 52\n"
            "\"I am 67 and I feel twenty years younger. Better than any hormone therapy I have tried.\" - Raj, 67\n")
    layout = build_layout(text, "text")
    kinds = {layout.text[b.start:b.end].split(" - ")[0]: b.kind for b in layout.blocks}
    assert kinds["What members say"] == "heading"
    assert kinds['"Two drips in and my arthritis pain is gone."'] != "heading"


@pytest.mark.parametrize("text, condition", [
    ("Our PRP and exosome scalp protocol gives you thicker hair in three months.", "hair-loss"),
    ("Our exosome facials make clients look ten years younger.", "skin-ageing"),  # looks, as the corpus labels read it
    ("The P-Shot boosts libido in one visit.", "sexual-dysfunction"),
    ("Ask about our stem cell injections for knee arthritis.", "knee-osteoarthritis"),
])
def test_outcome_nouns_and_calls_to_action_are_claims(claims_of, text, condition):
    claim = only(claims_of(_CLINIC + text), condition)
    assert not claim.negated and not claim.attributed


def test_patients_asking_about_a_use_is_still_reported(claims_of):
    text = "Patients often ask about stem cells for autism, and we tell them the evidence is thin."
    assert all(c.negated or c.attributed for c in claims_of(text) if c.condition.id == "autism")


def test_an_emoji_ends_a_sentence_and_not_so_fast_denies_nothing(claims_of):
    text = "POV: your surgeon said knee replacement, we said not so fast 😎 Our cord cell shot is an alternative to surgery for bone-on-bone knees."
    assert not only(claims_of(text), "knee-osteoarthritis").negated


def test_every_sentence_that_names_the_therapy_under_a_condition_heading_claims(claims_of):
    text = ("# Knee osteoarthritis\n\nOur BMAC injections rebuild the cushioning in the joint.\n\n"
            "Unlike cortisone, our cells go after the underlying cause.\n")
    assert len([c for c in claims_of(text, "markdown") if c.condition.id == "knee-osteoarthritis"]) == 2


@pytest.mark.parametrize("text", [
    "Our study tests cord cells.\n\nWho can take part\n\n- Adults 18 to 70 who have had Parkinson's disease for three years\n- No other brain surgery\n",
    "Our study tests cord cells. You may be able to join if you are:\n- an adult aged 40 to 75 with COPD\n",
])
def test_an_eligibility_list_describes_volunteers(claims_of, text):
    assert claims_of(text) == []


def test_a_list_of_conditions_with_ages_on_a_selling_page_still_claims(claims_of):
    text = "Our cord cells treat:\n- Children aged 2 to 12 with autism\n- Adults with MS\n"
    assert only(claims_of(text), "autism") and only(claims_of(text), "multiple-sclerosis")


def test_a_cane_used_for_years_is_no_treatment(claims_of):
    text = _CLINIC + "My father was diagnosed with MS in 2009 and used a cane for six years."
    assert claims_of(text) == []


def test_a_use_named_in_its_own_clause_is_not_denied_by_the_next(claims_of):
    text = "Blood stem cell transplants for leukemia are done at hospital cancer centers; we refer those patients and do not treat them here."
    assert not only(claims_of(_CLINIC + text), "leukemia").negated


def test_an_abbreviation_spelled_out_as_something_else_is_not_the_condition(claims_of):
    text = "There is an open access (OA) review of the stem cell trials in COPD from 2023."
    assert "osteoarthritis" not in {c.condition.id for c in claims_of(text)}


def test_disappointing_trials_deny_the_use(claims_of):
    assert only(claims_of("Large trials of stem cells for severe COVID-19 have been disappointing."), "covid-19").negated


@pytest.mark.parametrize("text, conditions", [
    # (the blood disorders of the second phrase fold into the blood cancers named first)
    ("Hematopoietic stem cell transplants treat blood cancers and some inherited immune disorders.", {"blood-cancer"}),
    ("Autologous transplants are a standard part of treatment for relapsed Hodgkin lymphoma.", {"lymphoma"}),
])
def test_approved_transplant_uses_are_read_as_such(claims_of, text, conditions):
    claims = claims_of(_CLINIC + text)
    assert {c.condition.id for c in claims} == conditions
    assert all(c.therapy.id in ("hsc", "ahsct") for c in claims)


@pytest.mark.parametrize("text, condition, outcome", [
    ("Knee osteoarthritis affects 30 million Americans.\n\nOur stem cell injections relieve pain and restore mobility.",
     "knee-osteoarthritis", "relieve pain"),
    ("Our cord cell infusions for autism take four days.\n\nParents report better sleep and more eye contact.",
     "autism", "Parents report"),
])
def test_the_paragraph_after_the_condition_tells_the_outcome(claims_of, text, condition, outcome):
    full = _CLINIC + text
    spans = [full[c.start:c.end] for c in claims_of(full) if c.condition.id == condition and not c.negated]
    assert any(outcome in span for span in spans), spans


def test_other_treatments_in_the_next_paragraph_claim_nothing_for_the_cells(claims_of):
    text = ("Knee osteoarthritis affects 30 million Americans.\n\nCortisone shots relieve pain for a few weeks, "
            "and physical therapy restores mobility.")
    assert claims_of(text) == []


@pytest.mark.parametrize("text, condition", [
    ("Our stem cell injections help knee-pain.", "joint-pain"),
    ("Exosomes for hair-loss and multiple-sclerosis.", "multiple-sclerosis"),
    ("Our stem-cell protocol treats brain-fog.", "cognitive-decline"),
])
def test_names_written_with_hyphens(claims_of, text, condition):
    assert only(claims_of(_CLINIC + text), condition)


@pytest.mark.parametrize("text, condition", [
    ("Cord blood transplants are used to treat Hurler syndrome.", "inherited-marrow-disorder"),
    ("Cord blood transplants are used to treat primary immunodeficiency.", "blood-disorder"),
])
def test_inherited_marrow_and_immune_disorders_are_approved_uses(checker, text, condition):
    result = _checked(checker, text)
    assert {c.condition.id for c in result.claims} == {condition}
    assert {f.severity for f in result.findings} == {"info"}


@pytest.mark.parametrize("text, condition", [
    ("Our cord cells help kids on the spectrum and bad kidneys.", "chronic-kidney-disease"),
    ("Exosome drips for long haulers and brainfog.", "long-covid"),
    ("The P-Shot helps with trouble getting it up.", "erectile-dysfunction"),
])
def test_lay_names_patients_use(claims_of, text, condition):
    assert only(claims_of(_CLINIC + text), condition)


def test_a_sentence_that_says_approved_products_exist_is_no_false_approval(checker):
    text = _CLINIC + "The letter notes that FDA-approved cellular products exist for narrow uses."
    assert not [f for f in _checked(checker, text).findings if f.rule == "CC601"]


def test_a_product_described_by_what_it_is_made_from_keeps_its_own_approval(claims_of):
    text = "In South Korea, Cartistem, made from cord blood cells, is approved for cartilage defects in the knee."
    assert only(claims_of(text), "cartilage-defect").therapy.id == "cartistem"


@pytest.mark.parametrize("text, condition", [
    ("Cord blood transplants treat sickle cell disease; CP just isn't one of those uses yet.", "cerebral-palsy"),
    ("For MS, a 2021 trial of patients' own bone marrow MSCs also missed its main goal.", "multiple-sclerosis"),
])
def test_denials_said_of_the_use_or_the_study(claims_of, text, condition):
    assert only(claims_of(text), condition).negated


def test_a_misspelling_listed_as_a_name_does_not_block_correcting_others(claims_of):
    assert only(claims_of("Stem cell infusions for Multipl sclerosis."), "multiple-sclerosis")


def test_what_a_product_approved_elsewhere_does_is_read_against_that_approval(checker):
    text = "Holoclar is approved in the EU and restores vision in 3 out of 4 patients with limbal stem cell deficiency."
    result = _checked(checker, text)
    assert result.claims and not [f for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("text", [
    "In the European Union, Alofisel was authorised for complex perianal fistulas in Crohn's disease, but the authorisation was later withdrawn.",
    "Panama's health ministry allows stem cell treatments for MS in licensed clinics; the FDA does not.",
])
def test_regulatory_history_and_permissions_are_not_flagged(checker, text):
    findings = _checked(checker, text).findings
    assert not [f for f in findings if f.severity == "error"]


def test_a_use_that_has_been_studied_is_hedged(claims_of):
    text = "Cord blood is used in transplants for leukemia. It has also been studied in autism, with mixed results."
    assert only(claims_of(text), "autism").certainty == "hedged"


def test_products_linked_to_infections_claim_no_treatment(claims_of):
    text = "Exosome products are not approved for any use. They have been linked to infections in patients treated for back pain."
    assert [c for c in claims_of(text) if not c.negated] == []


def test_a_paragraph_about_the_trip_keeps_the_condition_for_the_outcome_after_it(claims_of):
    text = ("Eli is 5 and has spastic cerebral palsy.\n\nIn March we flew to Nassau for umbilical cord stem cells.\n\n"
            "Within three weeks his hamstrings were looser.")
    claims = [c for c in claims_of(text) if c.condition.id == "cerebral-palsy"]
    assert any("looser" in text[c.start:c.end] for c in claims)


def test_putting_the_cane_away_is_an_outcome(claims_of):
    text = _CLINIC + '"I put my cane in the garage for good," says Frank, who had bone-on-bone OA in both knees.'
    assert not only(claims_of(text), "knee-osteoarthritis").negated


@pytest.mark.parametrize("text, condition", [
    ("Bank your baby's cord blood with us, so it is there if your son ever needs it for cerebral palsy.", "cerebral-palsy"),
    ("Our cord blood bank keeps the cells on hand in case a sibling develops autism.", "autism"),
])
def test_banked_cells_held_for_a_future_illness_are_offered_for_it(claims_of, text, condition):
    assert not only(claims_of(text), condition).negated


def test_a_sub_heading_between_the_condition_and_the_outcome_keeps_the_thread(claims_of):
    text = ("# Renova cord cell center\n\nWe offer umbilical cord stem cell therapy.\n\n## Recovery after a stroke\n\n"
            "Stroke survivors travel to us from around the world.\n\n### What to expect\n\n"
            "Most patients see improvements in mobility and speech.\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "stroke"]
    assert any("improvements" in text[c.start:c.end] for c in claims)


@pytest.mark.parametrize("text", [
    "The same type of cells has been used safely in transplants for blood cancers since the 1960s.",
    "Like the transplants used for lymphoma, our procedure uses your own cells.",
])
def test_a_transplant_for_a_blood_disease_is_a_blood_stem_cell_transplant(checker, text):
    result = _checked(checker, _CLINIC + text)
    assert {c.therapy.id for c in result.claims} == {"hsc"}
    assert not [f for f in result.findings if f.severity == "error"]


@pytest.mark.parametrize("text", [
    # how common a disease is, not a success rate
    "About 10% of people over 65 have Alzheimer's disease.",
    "Up to 80% of people will have back pain at some point in their lives.",
    # another treatment that helps, not the page's claim
    "Rehabilitation remains the proven treatment after a stroke.",
    "For many of these conditions there are approved medicines that have been shown to help. Parkinson's is one.",
    "For adults whose acute GVHD does not respond to steroids, we offer ruxolitinib.",
    "For GVHD that does not settle with steroids we use ruxolitinib; no MSC product is licensed here for GVHD.",
    "In tennis elbow studies, patients who got cortisone did better at six weeks.",
    "Between 30% and 50% of people who have a donor transplant develop chronic GVHD.",
    "Members who are offered a stem cell injection for knee arthritis can ask their doctor about physical therapy.",
])
def test_facts_about_a_disease_and_other_treatments_are_no_error(checker, text):
    result = _checked(checker, _CLINIC + text)
    assert not [f for f in result.findings if f.severity == "error"]


def test_another_treatment_named_as_the_means_is_not_the_pages_product(claims_of):
    text = _CLINIC + "Dr. Lee has treated patients with OA for 20 years using physical therapy and weight loss."
    assert claims_of(text) == []


def test_a_question_heading_answered_yes_makes_its_claim(claims_of):
    text = ("# Renova cord cell center\n\nOur umbilical cord stem cells are given by IV.\n\n"
            "## Can you help my dad's COPD?\n\nYes. Many of our patients breathe easier within weeks.\n")
    full_claims = [c for c in claims_of(text, "markdown") if c.condition.id == "copd"]
    assert any("Can you help" in text[c.start:c.end] for c in full_claims)


def test_a_question_heading_is_a_claim_of_its_own_beside_its_answers(claims_of):
    # the heading asks it (hedged); the answer under it asserts it
    text = ("# Canal cell clinic FAQ\n\nOur umbilical cord stem cells are given by IV.\n\n"
            "## Can the cells help a worn-out knee?\n\n"
            "One injection into the joint is usually enough for two years of walking without pain.\n")
    knee = [c for c in claims_of(text, "markdown") if c.condition.id == "knee-osteoarthritis"]
    asked = [c for c in knee if text[c.start:c.end].startswith("Can the cells")]
    answered = [c for c in knee if "One injection" in text[c.start:c.end]]
    assert asked and asked[0].certainty == "hedged" and answered and answered[0].certainty != "hedged"


def test_a_commenters_question_answered_no_after_a_greeting_makes_none(claims_of):
    text = ("Glow Lounge · Our exosome drips are here for spring!\n\nJeff T. · Does it work for autism?\n\n"
            "Glow Lounge · Hi Jeff! We don't treat autism here.\n")
    assert affirmed(claims_of(text), "autism") == []


@pytest.mark.parametrize("question, answer, condition", [
    ("What about a bad back?", "Absolutely. Degenerated discs respond very well.", "back-pain"),
    ("Can it fix a torn rotator cuff?", "Partial tears, yes. Full-thickness tears need a surgeon.", "rotator-cuff-injury"),
    ("Does it work for neuropathy?", "It does, very often. Most patients need three sessions.", "neuropathy"),
])
def test_short_yes_answers_under_a_question_heading_claim(claims_of, question, answer, condition):
    text = f"# Saguaro stem cell FAQ\n\nWe inject stem cells.\n\n## {question}\n\n{answer}\n"
    answered = [c for c in affirmed(claims_of(text, "markdown"), condition) if c.end > text.index(answer)]
    assert answered and answered[0].certainty != "hedged"
    # a byline under a question names no answer
    byline = "# Bad knees?\n\n*Summit Ridge Regenerative Orthopedics blog, by Dr. Alan Reyes*\n"
    assert affirmed(claims_of(byline, "markdown"), "joint-pain") == []


def test_a_question_answered_no_in_its_own_paragraph_makes_none(claims_of):
    text = ("Public cord blood donation FAQ\n\nWill my donated cord blood be used to treat diabetes or autism? No. "
            "Licensed units go only to transplant centres.\n")
    assert affirmed(claims_of(text), "autism") == []
    unknown = "Our exosome clinic\n\nCan exosomes help eczema? Honestly, I don't know yet, and the research is thin.\n"
    assert affirmed(claims_of(unknown), "eczema") == []
    kept = "Our cord stem cell clinic\n\nCan cord cells help autism? Yes. Most of our families see calmer days.\n"
    assert affirmed(claims_of(kept), "autism")


def test_a_question_heading_answered_no_still_makes_none(claims_of):
    text = ("# Renova cord cell center\n\nOur umbilical cord stem cells are given by IV.\n\n"
            "## Do you treat cancer?\n\nNo. We refer patients with cancer to oncologists.\n")
    assert affirmed(claims_of(text, "markdown"), "cancer") == []


def test_a_fronted_for_without_a_therapy_given_is_no_claim(claims_of):
    assert claims_of("For arthritis, doctors recommend exercise and weight loss.") == []


# Claims a clinic page makes, each found and not denied, grouped by the form they take.
@pytest.mark.parametrize("text, condition", [
    # outcomes told in everyday words
    ("COPD steals your breath. Our exosome nebulizer gives it back.", "copd"),
    ("Neuropathy in both feet for six years. Two exosome IVs later, I can feel the floor again.", "neuropathy"),
    ("Back pain? Our BMAC injections get you moving again without surgery.", "back-pain"),
    ('"My knees were bone on bone. Now I hike every weekend," says Gary, 68.', "osteoarthritis"),
    ("PRP is twice as effective as hyaluronic acid for knee osteoarthritis.", "knee-osteoarthritis"),
    ('According to Dr. Ruiz, the cells "switch off" the inflammation behind rheumatoid arthritis.', "rheumatoid-arthritis"),
    # more ways of telling an outcome
    ("Reverse your knee osteoarthritis\n\nOur cord cells are injected in one visit.", "knee-osteoarthritis"),
    ("Among the 20 patients with lupus we treated, flare scores fell by an average of 40%.", "lupus"),
    ("After the drips the psoriasis on her elbows cleared up.", "psoriasis"),
    ("Most of our patients with COPD stop using their inhalers within a year.", "copd"),
    ("Clients with asthma report fewer attacks after the exosome nebulizer.", "asthma"),
    ("Her Crohn's is so much milder now, she says.", "crohns-disease"),
    ("With knee arthrosis we see new cartilage after six months in 7 of 10 cases.", "knee-osteoarthritis"),
    ("Our cells helped his ALS. We expect them to do the same for Huntington's.", "huntingtons-disease"),
    ("Can our stem cells slow progressive ALS? Our doctors think so.", "als"),
    # a short question about a condition and the therapy offered after it
    ("Achy knees? Our cord cell injection floods the joint with growth signals.", "joint-pain"),
    ("Receding hairline? One session of our exosome serum ($900) wakes up sleepy follicles.", "hair-loss"),
    # claims told through references rates and stories
    ("Hair loss, acne scars and wrinkles? Our exosome protocols treat all three.", "scars"),
    ("In our clinic, 92% of our hair loss patients see visible regrowth within 90 days.", "hair-loss"),
    ("He came to us with MS. His latest MRI showed no new lesions, and he now swims three times a week.", "multiple-sclerosis"),
    ("My dad had a major stroke last year. We took him to Cancun for cord cells.\n\nIt's been five months. His arm is definitely stronger.", "stroke"),
    ("In a randomized trial, aHSCT delayed disability progression in relapsing MS.", "multiple-sclerosis"),
    ("Some small cord blood studies in young children with CP are ongoing.", "cerebral-palsy"),
    # claims that wait a sentence or two for their outcome
    ("Sarah had rheumatoid arthritis for ten years. Nothing worked. Then she tried our stem cell IV. Today she is pain-free.",
     "rheumatoid-arthritis"),
    ("Lupus? We have seen remarkable results.", "lupus"),
    ("Many people with fibromyalgia have tried everything. Stem cell therapy offers new hope.", "fibromyalgia"),
    ("Sciatica from a bad disc? We inject stem cells directly into the damaged disc.", "degenerative-disc-disease"),
    # claims implied by surgery sales and scans
    ("I tell my patients: skip the knee replacement, try our cord cell injection first.", "knee-osteoarthritis"),
    ("Our BMAC injections are an alternative to spinal fusion.", "back-pain"),
    ('"Nine out of ten of my knee arthritis patients are back to golf within a month," he says.', "knee-osteoarthritis"),
    ("The firm promotes its exosome vials for lung disease.", "lung-disease"),
    ("No relapses since my infusion, and my last two MRIs were clean. I have MS.", "multiple-sclerosis"),
    ("We also use MACI for cartilage holes in the ankle.", "cartilage-defect"),
    # claims beside talk of other things
    ("For early knee osteoarthritis, I usually offer PRP injections before we talk about surgery.", "knee-osteoarthritis"),
    ("Tina came to us with MS. She has not had an MS flare since March.", "multiple-sclerosis"),
    ("Thinning hair responds to our exosome serum. In 4 out of 5 cases, new growth is visible by month three.", "hair-loss"),
    ("Our cord cells for tendinopathy: athletes who have not improved with rehab get back to jumping after the shots.",
     "tendon-injury"),
    # testimonials in patients words
    ('"Honestly I was skeptical, but my back pain went from a 9 to a 2."', "back-pain"),
    ('"I haven\'t needed my inhaler since the treatment," says Rosa, who has asthma.', "asthma"),
    ('"My psoriasis cleared in six weeks!" - Jen', "psoriasis"),
    # fronted uses and small victories
    ("For stubborn tennis elbow, I do offer PRP after physical therapy and a brace have not helped.", "tennis-elbow"),
    ("My daughter has cerebral palsy. After the cord cells she took four steps on her own.", "cerebral-palsy"),
    ("Long covid left her bedridden. Now she's back at spin class after three exosome drips.", "long-covid"),
    # outcomes that go on after the claim, told by the body part or a pain score
    ("Walter was diagnosed with Parkinson's in 2019. After his second infusion he could tie his shoes. "
     "His daughter says the tremor is nearly gone.", "parkinsons-disease"),
    ("I did cord cells in Cancun for my fibromyalgia. The pain is a 2 out of 10 most days now.", "fibromyalgia"),
])
def test_claims_on_a_clinic_page(claims_of, text, condition):
    assert not only(claims_of(_CLINIC + text), condition).negated


def test_outcomes_listed_under_a_lead_in_that_names_the_condition_are_claims(claims_of):
    text = ("# Sunrise cell clinic\n\nWe treat children with umbilical cord stem cells.\n\n## Results\n\n"
            "In our 2025 review of 90 children with cerebral palsy:\n\n- 70% sat up without help within weeks\n"
            "- 61% had fewer spasms\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "cerebral-palsy"]
    told = {text[c.start:c.end] for c in claims}
    assert any("sat up" in t for t in told) and any("fewer spasms" in t for t in told)


@pytest.mark.parametrize("text", [
    "A marrow transplant can cure some lymphomas, but it carries real risks, including graft-versus-host disease.",
    "My neighbour got a knee infection from a stem cell shot and needed surgery.",
    "Report infections or other problems after a cell treatment to your doctor.",
])
def test_harms_and_risks_are_not_conditions_the_therapy_treats(claims_of, text):
    claims = claims_of(_CLINIC + text)
    assert not [c for c in claims if c.condition.id in ("gvhd", "infectious-disease") and not c.negated]


def test_a_denial_inside_a_conditions_name_does_not_deny_the_claim(claims_of):
    text = "Our stem cell injections treat leg ulcers that do not heal."
    assert not only(claims_of(text), "chronic-wound").negated


@pytest.mark.parametrize("text, condition", [
    ("We grow your own fat-derived stem cells in Osaka. Knee OA is our most common treatment.", "knee-osteoarthritis"),
    ("Our clinic gives cord stem cells by IV. Parkinson's is one of our main programs.", "parkinsons-disease"),
    ("We offer exosome therapy. Hair loss is among our specialties.", "hair-loss"),
])
def test_a_condition_named_as_one_of_our_programs_is_a_use(claims_of, text, condition):
    claim = only(claims_of(text), condition)
    assert claim.predicate == "used-for" and not claim.negated


def test_a_condition_defined_with_is_stays_no_claim(claims_of):
    claims = claims_of("We offer cord stem cells. Parkinson's is a slow loss of the nerve cells that make dopamine.")
    assert not [c for c in claims if c.condition.id == "parkinsons-disease"]


def test_the_treatment_told_in_a_story_is_for_the_persons_condition(claims_of):
    text = ("## Rosa, 62\n\nRosa was diagnosed with lupus at 40.\n\nBy spring her joints ached every morning.\n\n"
            "In May she flew to us for three IV rounds of our cord cells.\n\nWithin a month the swelling went down.\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "lupus"]
    assert [c.predicate for c in claims] == ["used-for", "improve"]
    assert all(c.therapy.id == "umbilical-cord-cells" and not c.negated for c in claims)


def test_a_story_ends_with_its_section(claims_of):
    text = ("## Rosa, 62\n\nRosa was diagnosed with lupus at 40.\n\n## Our lab\n\n"
            "Our lab grows cord cells in three rounds of culture.\n")
    assert not [c for c in claims_of(text, "markdown") if c.condition.id == "lupus"]


def test_a_warning_in_a_story_is_not_the_treatment_given(claims_of):
    text = ("Grace was diagnosed with autism at three. Her doctor warned that stem cells are unproven for autism. "
            "Her parents brought her to us anyway, for three rounds of our cord cells.")
    claims = [c for c in claims_of(text) if c.condition.id == "autism"]
    assert [c.negated for c in claims] == [True, False]


@pytest.mark.parametrize("outcome", [
    "But there has not been a new lesion on her MRI since, and she walks the dog.",
    "No new lesions in three years, she says.",
])
def test_no_new_lesions_is_an_outcome_not_a_denial(claims_of, outcome):
    claims = claims_of("Sandra has relapsing MS. In 2023 she received our cord stem cells. " + outcome)
    ms = [c for c in claims if c.condition.id == "multiple-sclerosis"]
    assert len(ms) == 2 and not any(c.negated for c in ms)


def test_a_lab_value_that_fell_is_an_outcome(claims_of):
    claims = claims_of("Joe has type 2 diabetes and had our MSC infusions. His A1C went from 9.1 to 6.8 in four months.")
    assert [c.predicate for c in claims if c.condition.id == "type-2-diabetes"] == ["used-for", "improve"]


def test_a_study_clause_keeps_its_condition_out_of_a_denial_after_but(claims_of):
    claims = claims_of("Cord tissue holds mesenchymal stem cells, which are being studied for lupus but are not part "
                       "of any approved treatment.")
    claim = only(claims, "lupus")
    assert claim.predicate == "researched-for" and not claim.negated and claim.certainty == "hedged"


def test_may_or_may_not_is_a_hedge_not_a_denial(claims_of):
    claim = only(claims_of("Our center tests donor cord blood cells for knee osteoarthritis, which may or may not "
                           "show a benefit."), "knee-osteoarthritis")
    assert not claim.negated and claim.certainty == "hedged"


@pytest.mark.parametrize("text, therapy", [
    ("Amchepry, nerve cells made from iPS cells, was conditionally approved in 2026 for Parkinson's disease.",
     "amchepry"),
    ("Ryoncil is the only FDA-approved mesenchymal stem cell product, and only for children with steroid-refractory "
     "acute GVHD.", "ryoncil"),
])
def test_the_product_not_its_description_is_the_subject(claims_of, text, therapy):
    claims = claims_of(text)
    assert claims and {c.therapy.id for c in claims} == {therapy}


def test_other_medicines_named_by_a_condition_are_not_a_claim(claims_of):
    assert not claims_of("Stem cell treatment does not replace riluzole or other ALS medicines prescribed by "
                         "your neurologist.")
    # but stopping one's own medicines is an outcome
    assert only(claims_of("After the stem cell drips I stopped my migraine pills."), "migraine")


def test_a_question_whether_this_would_help_asks_about_the_therapy(claims_of):
    claims = claims_of("We give cord stem cells by IV. Her husband has early Alzheimer's. Would this help him?")
    claim = only(claims, "alzheimers-disease")
    assert claim.certainty == "hedged" and claim.therapy.id == "umbilical-cord-cells"


@pytest.mark.parametrize("after", [
    "Results in as little as 4 weeks!",
    "In our 2024 outcomes survey, 88% rated their pain relief as good or excellent.",
])
def test_results_told_right_after_a_claim_go_on_with_it(claims_of, after):
    claims = claims_of("Our cord stem cell injection is a natural alternative to surgery for bone-on-bone knees. " + after)
    assert len([c for c in claims if c.condition.id == "knee-osteoarthritis"]) == 2


def test_a_therapy_name_in_scare_quotes_is_the_sellers_word(claims_of):
    doubted = only(claims_of('I paid $5,800 for a "stem cell" shot in my knee for OA at a place in Scottsdale.'),
                   "osteoarthritis")
    assert doubted.attributed
    own = only(claims_of('Our amniotic "stem cell" shots rebuild worn knee cartilage.'), "cartilage-defect")
    assert not own.attributed


def test_a_heading_over_prose_after_a_condition_list_opens_its_own_section(claims_of):
    text = ("# Cell therapy center\n\nWe treat with stem cells:\n\n- ALS\n- Muscular dystrophy\n\n## About ALS\n\n"
            "ALS is a heavy illness.\n\nIn our center the patient receives mesenchymal stem cells from his own "
            "bone marrow.\n")
    als = [c for c in claims_of(text, "markdown") if c.condition.id == "als"]
    assert any(c.therapy.id == "msc" for c in als)


@pytest.mark.parametrize("text, condition", [
    ("Stem cell therapy for lupus and rheumatoid artritis.", "rheumatoid-arthritis"),
    ("Our cord cells treat wear and tear in my knee.", "knee-osteoarthritis"),
    ("Exosome drips for people who can't keep it up.", "erectile-dysfunction"),
])
def test_lay_and_misspelt_names_are_found(claims_of, text, condition):
    assert only(claims_of(text), condition)


def test_a_denial_after_the_therapys_own_noun_reaches_the_condition(claims_of):
    claim = only(claims_of("Exosome treatments are not offered during pregnancy or to anyone with active skin cancer."),
                 "cancer")
    assert claim.negated
    assert not only(claims_of("Exosome treatments restore thinning hair."), "hair-loss").negated


@pytest.mark.parametrize("text, condition, predicate", [
    ("We inject stem cells. In arthrosis, the cells settle in the joint and start its regeneration.",
     "osteoarthritis", "regenerate"),
    ("We infuse stem cells. In lupus, the cells bring the overheated immune system back into balance.",
     "lupus", "restore"),
])
def test_nouns_and_phrases_of_repair_are_predicates(claims_of, text, condition, predicate):
    assert only(claims_of(text), condition).predicate == predicate


@pytest.mark.parametrize("text, condition", [
    ("Cord stem cells for heart patients. For patients with congestive heart failure, we deliver cells by IV.",
     "heart-failure"),
    ("Our BMAC injections relieve back pain. Neck pain from whiplash responds the same way.", "neck-pain"),
])
def test_cells_given_and_the_same_response_are_claims(claims_of, text, condition):
    assert only(claims_of(text), condition)


def test_the_bodys_own_cells_declining_is_biology_not_a_claim(claims_of):
    assert not claims_of("As we get older, our own stem cells decline in number, and the body slips into "
                         "low-grade inflammation.")
    assert only(claims_of("We inject your own stem cells to calm low-grade inflammation."), "inflammatory-disease")


def test_an_injured_tissue_is_no_harm_and_animal_studies_are_research(claims_of):
    claim = only(claims_of("We inject bone marrow stem cells. For patients who are paraplegic after a fall, the cells "
                           "help bridge the injured segment "
                           "of the cord."), "spinal-cord-injury")
    assert not claim.negated
    research = only(claims_of("In animal studies, these stem cells reduced damage after a stroke."), "stroke")
    assert research.certainty == "hedged"


def test_an_outcome_told_in_a_claimed_section_is_its_own_claim(claims_of):
    text = ("We give bone marrow stem cells.\n\n## Cerebral palsy\n\nOur stem cells help these children walk.\n\n"
            "The injected cells release growth factors.\n\n"
            "Parents usually notice reduced stiffness first, then better sitting balance.\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "cerebral-palsy"]
    assert len(claims) == 2


def test_a_dose_of_cells_stands_for_the_treatment(claims_of):
    text = ("# Adipose stem cell clinic\n\n## Knee osteoarthritis\n\nKnee OA is our most common treatment. "
            "One injection of 50 million cultured cells into the joint reduces pain and stiffness.\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "knee-osteoarthritis"]
    assert len(claims) == 2
    # (a count of cells with no treatment around it is no claim)
    assert not claims_of("The body makes about 200 billion new red blood cells every day.")


def test_a_sentence_saying_what_the_treatment_does_claims_again_in_its_section(claims_of):
    text = ("# Bishkek cell center\n\nWe give mesenchymal stem cells.\n\n## About muscular dystrophy\n\n"
            "For boys with muscular dystrophy we use cord cells.\n\n"
            "The muscles grow stronger.\n")
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "muscular-dystrophy"]
    assert len(claims) == 2
    # a sentence that only describes the disease says nothing of the treatment
    text = text.replace("The muscles grow stronger.", "The muscles become weak over the years.")
    assert len([c for c in claims_of(text, "markdown") if c.condition.id == "muscular-dystrophy"]) == 1


def test_a_heading_naming_therapy_and_condition_carries_the_condition_to_its_answer(claims_of):
    text = ("# Neuro program\n\nWe use umbilical cord stem cells.\n\n## Can stem cells help MS?\n\n"
            "The cells settle the immune attack on the nerves and help repair damaged myelin.\n")
    ms = [c for c in claims_of(text, "markdown") if c.condition.id == "multiple-sclerosis"]
    assert len(ms) == 2 and {c.certainty for c in ms} == {"hedged", "assertive"}
    # the page's own title is what the whole page is about, not a section's subject
    title = "# Stem cells for MS: the facts\n\nHere are straight answers to the questions we hear most.\n"
    assert len([c for c in claims_of(title, "markdown") if c.condition.id == "multiple-sclerosis"]) == 1


def test_a_page_title_naming_therapy_and_conditions_advertises_them(claims_of):
    page = ("<html><head><title>Stem Cells in Tijuana | Clinica Renacer | Artritis, Parkinsons, Austism</title>"
            "</head><body><p>Call us today.</p></body></html>")
    found = {c.condition.id for c in claims_of(page, "html") if c.start < 80}
    assert {"arthritis", "parkinsons-disease", "autism"} <= found
    # a title that pairs the two as a topic, or names a charity, claims nothing
    for title in ("Stem Cells and MS: Separating Fact from Hype | Northern MS Alliance",
                  "Stem Cell Clinics and ALS: A Guide for Families | Prairie ALS Family Alliance"):
        page = f"<html><head><title>{title}</title></head><body><p>Read our guide.</p></body></html>"
        assert not [c for c in claims_of(page, "html") if not c.negated], title


def test_golf_strokes_are_not_a_stroke(claims_of):
    claims = claims_of("Since my stem cell IV my brain fog lifted and my golf handicap dropped four strokes.")
    assert "stroke" not in {c.condition.id for c in claims}
    assert only(claims_of("He had two strokes in 2019, and our stem cells helped him walk again."), "stroke")


def test_a_yes_answer_makes_the_questions_claim_assertive_and_reaches_it(claims_of):
    text = "# FAQ\n\nWe offer exosome therapy.\n\n## Can exosomes reverse aging?\n\nYes, at the cellular level.\n"
    claims = [c for c in claims_of(text, "markdown") if c.condition.id == "ageing"]
    assert [c.certainty for c in claims] in (["assertive"], ["absolute"])
    assert text[claims[0].start:claims[0].end].endswith("Yes, at the cellular level.")
    text = text.replace("Yes, at the cellular level.", "No. Nothing reverses ageing.")
    assert not affirmed(claims_of(text, "markdown"), "ageing")


def test_one_list_item_naming_two_conditions_under_a_therapy_heading_is_a_use(claims_of):
    text = ("# Programs\n\n## Men's Vitality (exosome IV)\n\n- Low libido and erectile dysfunction\n"
            "- Slow recovery after training\n")
    assert only(claims_of(text, "markdown"), "erectile-dysfunction")


def test_patients_cutting_their_medicine_tells_an_outcome(claims_of):
    text = ("Our umbilical cord stem cells help Parkinson's. 85% of our Parkinson patients have less tremor.\n\n"
            "Many patients reduce the levodopa by half.\n")
    claims = [c for c in claims_of(text) if c.condition.id == "parkinsons-disease"]
    assert any(text[c.start:c.end].startswith("Many patients") for c in claims)


@pytest.mark.parametrize("text", [
    # instructions and precautions for patients
    "Patients with MS must continue their disease-modifying medicine during the stem cell program.",
    "Children with CP who have uncontrolled epilepsy are evaluated by our pediatric neurologist before any "
    "intrathecal stem cell application.",
    "Please don't stop your immunosuppressants for a stem cell trip; lupus flares after stopping medication "
    "can damage the kidneys.",
    # a condition's causes, who may donate, the therapy set aside, other treatments preferred
    "Hair loss has many causes, including thyroid disease, so we check your labs before exosome treatment.",
    "Mothers with gestational diabetes can usually still donate cord blood.",
    "In end-stage hip arthrosis a new joint remains the best option, and we refer these patients to surgery "
    "instead of offering cell therapy.",
    "For knee osteoarthritis, exercise and weight loss have stronger evidence than any stem cell injection.",
    "In the MILES trial, bone marrow and fat cell injections were no more effective for knee osteoarthritis "
    "than a steroid shot.",
])
def test_precautions_and_comparisons_against_the_therapy_are_no_claims(claims_of, text):
    assert not [c for c in claims_of(text) if not c.negated and c.certainty != "hedged"], text


def test_a_therapy_named_after_its_condition_is_the_one_offered_for_it(checker):
    text = ("Our physicians offer platelet-rich plasma (PRP), bone marrow aspirate concentrate (BMAC) and, "
            "for selected cartilage defects of the knee, MACI.")
    found = [f for f in checker.check_text(text).findings if f.condition and f.condition.id == "cartilage-defect"]
    assert [(f.therapy.id, f.rule) for f in found] == [("maci", "CC107")]


def test_an_infection_after_treatment_is_a_harm_not_a_use(claims_of):
    for text in ("A stem cell transplant is a serious treatment, and infection, bleeding and organ damage are "
                 "the main dangers.",
                 "She came home from the stem cell clinic with a fever and an infection at the IV site."):
        assert "infectious-disease" not in {c.condition.id for c in claims_of(text)}, text


def test_a_heading_about_the_treatment_is_no_list_of_uses(claims_of):
    text = ("# Clinic\n\nWe offer umbilical cord stem cells.\n\n## About the treatment\n\n"
            "Karen was diagnosed with relapsing MS in 2015.\n")
    assert "multiple-sclerosis" not in {c.condition.id for c in claims_of(text, "markdown")}


@pytest.mark.parametrize("text", [
    "Almost every week a patient asks me about stem cell injections for a painful knee.",
    "Many amniotic products sold as stem cells for joint pain contain no living cells at all.",
    "Infections and serious inflammatory reactions have been reported after stem cell injections for knee arthritis.",
    "If you have diabetes or arthritis, keep taking the treatments your own doctor prescribed while you look "
    "into any stem cell option.",
    "Donor stem cell infusion misses main goal in stroke trial",
    "People who have had a stroke should not stop any of their treatment to seek out cell therapy.",
    "Ray's neurologist says stem cells for Parkinson's might be a real option someday.",
    "My husband has had Parkinsons since 2019 and we're looking at stem cells because his meds wear off.",
    "Donor cords are screened for HIV, hepatitis B and C.",
    "A member who pays for a stem cell injection for a torn meniscus cannot submit the cost for reimbursement.",
])
def test_reports_questions_and_warnings_about_the_therapy_are_not_its_claims(claims_of, text):
    assert not [c for c in claims_of(text) if not c.negated and not c.attributed and c.certainty != "hedged"], text


def test_a_reason_given_by_a_doctor_does_not_make_the_patients_own_claim_reported(claims_of):
    page = ("Our clinic in Nassau offers umbilical cord stem cell infusions. We welcome patients from the US and "
            "Canada, and our team answers every question. Book your free consultation with us today.\n\n"
            "I came to Nassau for cord cells for my Parkinson's because my neurologist said there was nothing more "
            "to offer.\n")
    claim = only(claims_of(page), "parkinsons-disease")
    assert not claim.attributed and not claim.negated


@pytest.mark.parametrize("line, condition", [
    ("Hip or shoulder arthritis: 3.900 EUR per joint", "hip-osteoarthritis"),
    ("Parkinson package 5 days = $18,500 USD.", "parkinsons-disease"),
    ("Autism program, 4 infusions over 8 days: US $16,800", "autism"),
])
def test_a_price_quoted_for_a_condition_offers_the_treatment(claims_of, line, condition):
    text = "Vita Cell clinic: umbilical cord stem cell treatment.\n\nPRICE LIST\n\n" + line + "\n"
    assert only(claims_of(text), condition)
    # (a price with no condition is just a price)
    assert not claims_of("Vita Cell clinic: umbilical cord stem cell treatment.\n\nConsultation: 1.200 EUR\n")


def test_patients_coming_for_a_condition_and_what_the_seller_gives_for_it_are_claims(claims_of):
    page = "We offer umbilical cord stem cells.\n\n"
    assert only(claims_of(page + "Patients also come to us for multiple sclerosis and myasthenia gravis.\n"),
                "myasthenia-gravis")
    assert only(claims_of(page + "For relapsing and progressive MS we combine IV and intrathecal doses.\n"),
                "multiple-sclerosis")
    # (a referral is not a treatment given)
    assert not claims_of(page + "For blood cancers we refer patients to the university transplant team.\n")


@pytest.mark.parametrize("text, condition", [
    ("Cord blood stem cells in Tampa. They also did her bad back and her neuropothy at the same visit.", "neuropathy"),
    ("Stem cells for fibromialgia. Chronic tiredness syndrome also respond very good to this program.",
     "chronic-fatigue"),
    ("Fat stem cells for artrosis and male potency.", "erectile-dysfunction"),
    ("Our fat stem cells: artrosis of knee and hip of 2-3 stage is our main direction.", "knee-osteoarthritis"),
])
def test_plain_and_non_native_wording_of_a_treatment_given(claims_of, text, condition):
    assert only(claims_of(text), condition)


def test_the_shakes_are_parkinsons_but_other_remedies_for_them_are_no_claim(claims_of):
    assert only(claims_of("After her stem cell shots the shakes were gone."), "parkinsons-disease")
    text = ("We went for stem cells. A change in levodopa timing, a new exercise class, even a big trip can "
            "make the shakes noticeably better for a while.")
    assert "parkinsons-disease" not in {c.condition.id for c in claims_of(text) if text.index("A change") <= c.start}


def test_a_thread_under_a_heading_of_two_conditions_speaks_of_both(claims_of):
    text = ("# Regenerative department\n\nWe give intrathecal stem cells.\n\n"
            "## Children with autism and cerebral palsy\n\n"
            "Aarav, 7, has cerebral palsy.\n\n"
            "These children often make steady gains after intrathecal cell therapy.\n")
    later = {c.condition.id for c in claims_of(text, "markdown") if text.index("These children") <= c.start}
    assert later == {"autism", "cerebral-palsy"}


def test_how_cells_are_given_under_a_condition_heading_is_a_claim(claims_of):
    text = ("CELL CENTER BISHKEK\n\nWe use mesenchymal stem cells.\n\nABOUT ALS\n\n"
            "ALS is a heavy illness.\n\nCells are introducing by lumbar puncture in spinal canal, 3 times.\n")
    als = [c for c in claims_of(text) if c.condition.id == "als"]
    assert any(text[c.start:c.end].startswith("Cells are introducing") for c in als)
    # (a plain sentence about the disease under the same heading makes no claim)
    assert not any(text[c.start:c.end].startswith("ALS is a heavy") for c in als)


def test_childrens_paralysis_and_dcp_are_cerebral_palsy(claims_of):
    text = ("We give cord blood stem cells.\n\nPRICES\n\n- Course for ALS - 14 500 USD\n"
            "- Course for DCP - 6 800 USD (children from 1 year)\n")
    assert only(claims_of(text), "cerebral-palsy")


def test_putting_off_surgery_is_a_claim_and_what_patients_were_once_told_is_their_history(claims_of):
    text = ("# Clinic\n\nWe inject your own fat stem cells.\n\n## Knee osteoarthritis\n\nKnee OA is our most common "
            "treatment.\n\nMany patients who were told they needed a knee replacement have been able to postpone it "
            "for years.\n")
    later = [c for c in claims_of(text, "markdown") if c.condition.id == "knee-osteoarthritis"
             and text.index("Many patients") <= c.start]
    assert later and not later[0].attributed
    assert only(claims_of("Our stem cells ease arthritis, and most patients put off their joint replacement for "
                          "years."), "arthritis")


def test_the_month_may_is_no_hedge_but_the_verb_is(claims_of):
    assert only(claims_of("On 12 May our stem cells cured her lupus."), "lupus").certainty != "hedged"
    assert only(claims_of("May help with lupus: our stem cells."), "lupus").certainty == "hedged"


@pytest.mark.parametrize("text, condition", [
    ("My dad has pulmonary fibrosis and went to Tijuana for stem cells. It's not a cure, but the cells bought us time.",
     "pulmonary-fibrosis"),
    ("Our clinic gives cord stem cells.\n\nAutism\n\nThis is not a cure, but it helps: after four infusions, most of "
     "our families see calmer evenings.\n", "autism"),
    ("We avoid that word: our cord cell therapy is not a cure for cerebral palsy, but parents see real change in "
     "how their children move.", "cerebral-palsy"),
])
def test_what_follows_not_a_cure_but_is_a_claim(claims_of, text, condition):
    later = [c for c in claims_of(text) if c.condition.id == condition and text.index("not a cure") > c.start - 40
             and c.start >= text.rfind("\n", 0, text.index("not a cure"))]
    assert later and not any(c.negated for c in later)
    # (a denial with nothing after it stays a denial)
    assert all(c.negated for c in claims_of("Stem cells are not a cure for pulmonary fibrosis."))


@pytest.mark.parametrize("text", [
    "Alofisel, a donor fat-cell product for Crohn's fistulas, lost its EU approval in December 2024.",
    "In 2015 three women went blind after a clinic injected fat-derived stem cells into their eyes for macular "
    "degeneration.",
    "The only cell-based eye implant the FDA has approved is for macular telangiectasia type 2, which is a "
    "different disease from macular degeneration.",
])
def test_lost_approvals_harms_and_other_diseases_are_no_claims(claims_of, text):
    assert not [c for c in claims_of(text) if not c.negated and c.condition.id in
                ("crohns-perianal-fistula", "macular-degeneration")], text


@pytest.mark.parametrize("text, condition", [
    # how the treatment is given, with the condition in the sentence and no verb of effect
    ("Our clinic offers stem cell therapy.\n\nFor autism, the cells are injected by lumbar puncture.", "autism"),
    ("Stem cell therapy in Kyiv.\n\nChildren with CP receive three intrathecal applications together with "
     "daily physiotherapy.", "cerebral-palsy"),
    ("For knee osteoarthritis, our physician places the amniotic allograft beside the damaged cartilage.",
     "knee-osteoarthritis"),
    # a recommendation
    ("## Tennis elbow\n\nFor this one I lean toward PRP first.", "tennis-elbow"),
    # working like another treatment
    ("## Cartilage defects\n\nOur BMAC injections work on the same principle, with no operation at all.",
     "cartilage-defect"),
    ("For rotator cuff tears, our exosome shots do the same job as surgery.", "rotator-cuff-injury"),
    # a response, an outcome seen, a foot saved, patients who come for a condition
    ("Thinning hair after pregnancy responds beautifully to our exosome scalp sessions.", "hair-loss"),
    ("Men with erectile dysfunction often see the biggest change after two PRP shots.", "erectile-dysfunction"),
    ("## Diabetic foot ulcers\n\nWhere an amputation has been planned, our stem cell team often saves the foot.",
     "chronic-wound"),
    ("Our stem cell clinic in Bogota: most visitors come for knee osteoarthritis.", "knee-osteoarthritis"),
    ("For type 1 diabetes, the MSCs go to the pancreas and make the insulin cells wake up again.",
     "type-1-diabetes"),
])
def test_ways_of_claiming_without_a_plain_verb_of_effect(claims_of, text, condition):
    claim = only(claims_of(text), condition)
    assert not claim.negated


def test_a_route_of_giving_is_not_another_treatment(claims_of):
    # "injected by lumbar puncture" names how, not who else treated it ...
    assert only(claims_of("Stem cell care.\n\nFor ALS, cells are injected by lumbar puncture."), "als")
    # ... while "treated with chemotherapy" still names another treatment
    assert not claims_of("Regenerative care.\n\nFor leukemia, he was treated with chemotherapy.")


def test_the_claim_sits_in_the_clause_of_the_named_therapy(claims_of):
    text = ("## Sciatica\n\nA steroid shot works faster, but it wears off; PRP around the nerve root heals "
            "the irritation.")
    claim = only(claims_of(text), "sciatica")
    assert text[claim.start:claim.end].startswith("PRP around the nerve root")


def test_a_denial_before_but_does_not_reach_the_outcome_after_it(claims_of):
    text = ("We use stem cells for stroke and Parkinson's disease. They are not approved for these conditions, "
            "but many of our patients walk better within weeks.")
    later = [c for c in claims_of(text) if c.start > text.index("They are")]
    assert later and not any(c.negated for c in later)
    # the denial alone still denies
    denied = [c for c in claims_of("Stem cells are not approved for stroke.") if c.condition.id == "stroke"]
    assert denied and all(c.negated for c in denied)


@pytest.mark.parametrize("text, condition", [
    ("Foot ulcers that do not heal for months close within weeks after our stem cell injections.", "chronic-wound"),
    ("Sports injuries that just won't heal respond well to our PRP shots.", "sports-injury"),
    ("We give cord cells to adults whose chronic GVHD has not settled after a transplant.", "gvhd"),
    ("My son has epilepsy. He hasn't had one since his stem cell treatment in March.", "epilepsy"),
])
def test_a_negation_that_describes_the_condition_is_no_denial(claims_of, text, condition):
    assert not only(claims_of(text), condition).negated


def test_a_cause_named_before_a_condition_is_not_claimed_itself(claims_of):
    found = {c.condition.id for c in claims_of("Men with diabetes-related erectile dysfunction see the biggest "
                                               "change after our PRP shots.")}
    assert "erectile-dysfunction" in found and "diabetes" not in found


@pytest.mark.parametrize("text", [
    "I have had multiple sclerosis for ten years. Two infusions of cord cells and I ran a half marathon.",
    "My dad has COPD. He flew to Cancun for the stem cell drips. Now he only uses the oxygen at night.",
    "My mother has Parkinson's disease. She had stem cell infusions in May. Three months later she walked "
    "the whole beach with us.",
])
def test_an_outcome_a_story_tells_afterwards_is_a_claim(claims_of, text):
    last = text.rindex(". ") + 2
    assert [c for c in claims_of(text) if c.start >= last and not c.negated]


@pytest.mark.parametrize("text, condition", [
    # a course of treatment under a condition heading
    ("## Lupus\n\nOur patients with lupus usually need two rounds of stem cell infusions, eight weeks apart.", "lupus"),
    ("## Plantar fasciitis\n\nMost of my heel patients need two or three PRP sessions.", "plantar-fasciitis"),
    # a recommendation of the cell treatment
    ("For adults with knee osteoarthritis, our team may recommend an SVF injection.", "knee-osteoarthritis"),
    # outcomes a story or a comparison tells
    ("My husband has Parkinson's. After his cord cell infusions he drinks his coffee without spilling.",
     "parkinsons-disease"),
    ("My dad has COPD. After the stem cell IVs in Tijuana his oxygen sats went from 85 to 94.", "copd"),
    ("I have rheumatoid arthritis. Honestly, the exosome drips have done more for me than five years of pills.",
     "rheumatoid-arthritis"),
])
def test_courses_recommendations_and_told_outcomes_are_claims(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_recommendation_of_something_else_is_no_cell_claim(claims_of):
    # "recommend" only claims when a cell treatment follows it
    assert not claims_of("Stem cell care.\n\nFor knee osteoarthritis, we recommend weight loss and walking.")


def test_outcomes_after_the_treatment_a_story_tells_belong_to_its_condition(claims_of):
    text = ("## Dana, 61\n\nDana's relapsing multiple sclerosis took her balance first. In 2024 she received "
            "our cord stem cell protocol. Her neurologist was doubtful. Now she walks the dog without her cane.\n\n"
            "## Luis, 70\n\nLuis has knee osteoarthritis and came to us for stem cell shots. He hikes again.")
    outcome = text.index("Now she walks")
    assert {c.condition.id for c in claims_of(text) if outcome <= c.start < text.index("## Luis")} == \
        {"multiple-sclerosis"}


def test_a_new_paragraph_naming_its_own_condition_starts_another_story(claims_of):
    text = ("My husband has COPD and had cord stem cells in Cancun.\n\n"
            "I have lupus and had two rounds of stem cell IVs in Panama. It gave me my life back.")
    last = text.index("It gave")
    assert {c.condition.id for c in claims_of(text) if c.start >= last} <= {"lupus"}


def test_a_persons_abbreviated_illness_is_a_condition(claims_of):
    text = ("We went to the Cancun clinic for umbilical cord cells in May, and I came home feeling great.\n\n"
            "Next spring I'm bringing my dad along for his COPD.")
    assert only(claims_of(text), "copd")


@pytest.mark.parametrize("text", [
    # a later clause that is a new statement, not one about the conditions before it
    "Stem cell IV drips are not approved as treatments for ageing or fatigue; under the new law, approved "
    "regenerative treatments for serious diseases are given only in designated hospitals.",
    # offered expressly not as a treatment
    "No exosome product is approved for hair loss or scarring; we offer these services as cosmetic and "
    "wellness treatments.",
    # who must wait
    "Patients with uncontrolled epilepsy or a recent stroke must wait six months before any stem cell treatment.",
    # a therapy set aside
    "Abnormal results for diabetes or liver disease are referred to a hospital rather than treated with stem cells.",
    # an insurer's verdict
    "Platelet-rich plasma injections for knee osteoarthritis are also considered investigational.",
    # a controlled trial's design
    "Participants with degenerative disc disease will be randomly assigned, two to one, to receive either the "
    "mesenchymal cells or a saline injection into the painful disc.",
    # a trial's arms
    "In a phase 3 trial, 189 adults with ALS received bone marrow cells engineered to release growth factors or "
    "a placebo.",
    # harms
    "Several children with cerebral palsy needed emergency care for fits after stem cell injections abroad.",
    "Blood clots and allergic reactions have followed intravenous drips of donor stem cells for long COVID.",
    # somebody else's letter, and patients who bought elsewhere
    "One request included a letter from a regenerative clinic stating that its amniotic stem cell infusions "
    "reverse heart failure.",
    "Members who pay a clinic directly for stem cell infusions for ALS are not reimbursed.",
])
def test_disclaimers_and_set_aside_therapies_are_no_claims(claims_of, text):
    assert all(c.negated or c.attributed for c in claims_of(text))


def test_a_later_clause_that_points_back_still_claims(claims_of):
    text = "We cannot promise to reverse Alzheimer's disease, but our stem cells can slow it."
    assert affirmed(claims_of(text), "alzheimers-disease")
    # a comparison with the other treatment the clause before names
    text = "Our clinic gives stem cells.\n\nNeurologists prescribe riluzole, which slows ALS only a little; our cells work " \
           "many times stronger."
    assert affirmed(claims_of(text), "als")


@pytest.mark.parametrize("text, condition", [
    # one sentence per paragraph, as story pages are written: the person's condition, how
    # the treatment was given, and the outcome, each in its own paragraph
    ("Our clinic offers umbilical cord stem cells.\n\n## Walt\n\nMy dad has COPD.\n\n"
     "The team gave him stem cells through an IV over four days.\n\nSix weeks later he is off the oxygen.",
     "copd"),
    ("Our clinic offers bone marrow concentrate.\n\n## Gary\n\nGary's hips had been bad for a decade.\n\n"
     "Dr. Lund injected the concentrate into both hips the same morning.\n\n"
     "Three months later he was back on the golf course.", "joint-pain"),
    ("Our clinic offers amniotic injections.\n\n## Marcus\n\nMarcus tore part of his Achilles tendon in a race.\n\n"
     "He chose amniotic tissue injections with us instead of surgery.\n\n"
     "Eleven weeks later he finished a 25K.", "tendon-injury"),
])
def test_a_story_told_one_sentence_per_paragraph_claims_treatment_and_outcome(claims_of, text, condition):
    found = affirmed(claims_of(text), condition)
    treated = text.index("\n\n", text.index("## ") + 3)  # after the heading
    told = [c for c in found if c.start > text.rindex("\n\n")]
    assert told, "the outcome in the last paragraph claims the story's condition"
    assert any(c.start > treated for c in found)


@pytest.mark.parametrize("text, condition", [
    ("## MS\n\nWith our stem cells, many patients with MS put the cane away within six months.", "multiple-sclerosis"),
    ("Our exosome drips lift the heavy tiredness of long COVID.", "long-covid"),
    ("With our cord cells, most patients told they need a knee replacement for knee osteoarthritis never go through "
     "with the surgery.", "knee-osteoarthritis"),
    # "by the end of the stay" is a time, not another treatment that did it
    ("Our exosome stay for brain fog: the brain fog had lifted by the end of the week.", "cognitive-decline"),
])
def test_more_outcomes_told_in_everyday_words(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    ("Our exosome facials fade pigmentation.", "hyperpigmentation"),
    ("After our PRP scalp sessions, most clients notice less hair fall in the shower.", "hair-loss"),
    ("## Multiple sclerosis\n\nAfter two courses of our stem cells her EDSS went from 4.5 to 3.0.", "multiple-sclerosis"),
    ("## COPD\n\nAfter our stem cell infusions her oxygen saturation goes up and she will need the oxygen much less.",
     "copd"),
    ("Our protocol for MS is 150 million Wharton's jelly MSCs, half by IV and half by lumbar puncture.",
     "multiple-sclerosis"),
    ("Our exosome serum works on alopecia areata, whose bald patches fill back in.", "hair-loss"),
])
def test_outcomes_and_doses_from_a_fresh_batch(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_score_that_went_up_is_no_outcome(claims_of):
    text = "## Multiple sclerosis\n\nAfter the stem cells her EDSS went from 6.0 to 6.5."
    assert not [c for c in claims_of(text) if c.start >= text.index("After") and not c.negated]


@pytest.mark.parametrize("text", [
    "Results vary, and some patients with advanced arthritis notice little change after stem cell injections.",
    "Please postpone your exosome facial if you have an active cold sore or a skin infection.",
    "After the stem cell transplant for sickle cell disease, most patients spend four to six weeks in the hospital.",
    "Research on cord-tissue injections for knee osteoarthritis is still limited.",
])
def test_cautions_from_a_fresh_batch_are_no_claims(claims_of, text):
    assert all(c.negated for c in claims_of(text))


def test_a_diagnosis_told_after_other_facts_is_the_persons_condition(claims_of):
    text = ("Our clinic offers bone marrow stem cells.\n\n"
            "Aarav was born at 29 weeks and was diagnosed with cerebral palsy at 14 months.\n\n"
            "He received his own bone marrow stem cells by lumbar puncture in two sittings.")
    assert [c for c in claims_of(text) if c.condition.id == "cerebral-palsy" and c.start >= text.index("He received")]


def test_an_injured_spinal_cord_is_a_spinal_cord_injury(claims_of):
    text = ("Our clinic offers stem cells.\n\nMr. Farouk injured his spinal cord in a fall.\n\n"
            "After four doses of cells into the spinal fluid, he has feeling back in both legs.")
    assert [c for c in claims_of(text) if c.condition.id == "spinal-cord-injury" and c.start >= text.index("After")]


@pytest.mark.parametrize("text, condition", [
    ("Our stem cell IVs help my dad's old-timer's disease.", "alzheimers-disease"),
    ("Exosome drips strengthen a weak ticker.", "cardiovascular-disease"),
    ("Our stem cells sharpen a bad memory.", "cognitive-decline"),
    ("Our exosome eye serum erases dark circles and puffy eyes.", "skin-ageing"),
    ("Our stem cell drips calm hot flashes.", "menopause"),
])
def test_everyday_names_of_conditions(claims_of, text, condition):
    assert only(claims_of(text), condition)


def test_an_old_timer_is_a_person_not_a_disease(claims_of):
    assert not claims_of("The old-timers at the clinic said our stem cells help everyone.")


@pytest.mark.parametrize("text", [
    # harms told
    "A man with COPD was taken to an emergency room with a severe allergic reaction during his second exosome drip.",
    "Another patient of mine with MS spent her savings on three rounds of cord cell infusions and had a severe "
    "relapse on the flight home.",
    "My husband had cord cells for his Parkinson's, and two days later he was in intensive care.",
    "I got hives during the stem cell drip, and my lupus flared a month later.",
    "Federal investigators have linked contaminated cord blood products to serious infections in patients who had "
    "them injected for joint pain.",
    "Blood clots and a stroke after an intravenous stem cell infusion",
    "A young man treated overseas with stem cells for a spinal cord injury later needed surgery to remove a mass of "
    "abnormal tissue.",
    # advice and sceptics' questions
    "Before you pay thousands for stem cells for MS, ask your own neurologist.",
    "Should I go abroad for stem cells for MS?",
    "If this post stops one person with back pain from paying for cord cells, it was worth writing.",
    # what other clinics sell, told by a hospital
    "Many private clinics in Japan offer fat-derived stem cells for knee osteoarthritis and hair loss.",
    "A clinic in Gangnam has advertised that its cord stem cells cure hair loss.",
])
def test_harms_advice_and_other_clinics_offers_are_no_claims_of_the_page(claims_of, text):
    assert all(c.negated or c.attributed for c in claims_of(text))


def test_a_harm_word_does_not_deny_a_condition_described_after_its_cause(claims_of):
    text = "For one-side paralysis after a stroke, our stem cells are injected into the spinal fluid."
    assert affirmed(claims_of(text), "stroke")


@pytest.mark.parametrize("text, condition", [
    ("Our Parkinson's patients tell us their tremors settle within a few weeks of the stem cell IVs.",
     "parkinsons-disease"),
    ("After my cord cell infusions for relapsing MS, it's been 3 years without a relapse.", "multiple-sclerosis"),
])
def test_outcomes_from_the_warnings_batch(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_regulators_press_release_reports_the_claims_it_acts_on(claims_of):
    text = ("FOR IMMEDIATE RELEASE\n\nMedia contact: press office\n\n"
            "The Attorney General announced a settlement and a consent judgment with a stem cell clinic chain. "
            "The clinics marketed umbilical cord stem cells for COPD. The consent judgment bars the owners from "
            "such claims and requires restitution and a civil penalty.")
    found = [c for c in claims_of(text) if c.condition.id == "copd"]
    assert found and all(c.attributed or c.negated for c in found)


def test_a_not_stays_in_its_own_coordinate_clause(claims_of):
    text = ("The shakes of her Parkinson's were so bad she couldn't hold a fork, and after her stem cell shots her "
            "hands are steady again.")
    assert affirmed(claims_of(text), "parkinsons-disease")
    # a denial of the outcome itself still denies it
    denied = "My mother has Parkinson's disease, and the stem cell shots did not steady her hands."
    assert all(c.negated for c in claims_of(denied) if c.condition.id == "parkinsons-disease")


@pytest.mark.parametrize("text, condition", [
    ("My husband has pulmonary fibrosis. After the stem cells his sats at rest went from 88 to 94.",
     "pulmonary-fibrosis"),
    ("I have Hashimoto's thyroiditis. After the exosome drips my thyroid antibodies dropped 40%.",
     "hashimotos-thyroiditis"),
    ("My dad has Parkinson's disease. After the stem cells he is back out on the pickleball court.",
     "parkinsons-disease"),
    ("My mother has dementia. After the cord cell infusions she recognises the grandkids.", "dementia"),
    ("My dad has Parkinson's disease. Since the stem cells he is not shaking at the table.", "parkinsons-disease"),
])
def test_outcomes_told_in_a_story_sentence(claims_of, text, condition):
    last = text.index(". ") + 2
    assert [c for c in claims_of(text) if c.condition.id == condition and c.start >= last and not c.negated]


@pytest.mark.parametrize("text", [
    "Regenerative care.\n\nThe treatments with the strongest evidence for pattern hair loss remain minoxidil and "
    "finasteride.",
    "Regenerative care.\n\nCortisone shots can calm a flare of knee arthritis for a few weeks.",
    "Regenerative care.\n\nWeight loss and strengthening exercise with a physical therapist help knee arthritis most.",
    "Some companies say that stored cord blood can treat autism or cerebral palsy.",
    "If you have diabetes, check with Dana before booking, since high blood sugar can slow healing.",
])
def test_other_treatments_other_sellers_and_readers_questions_are_no_claims(claims_of, text):
    assert all(c.negated or c.attributed for c in claims_of(text))


def test_offering_it_for_is_denied_by_the_not_before_it(claims_of):
    text = "We offer PRP for knee osteoarthritis, but we do not offer it for memory loss or multiple sclerosis."
    found = {c.condition.id: c.negated for c in claims_of(text)}
    assert found.get("knee-osteoarthritis") is False
    assert found.get("cognitive-decline") is True and found.get("multiple-sclerosis") is True


def test_a_treatment_the_cells_are_compared_with_is_not_the_subject(claims_of):
    assert [c for c in claims_of("Our clinic offers stem cell injections.\n\nFor arthritic knees, our injections work "
                                 "better than cortisone shots.")
            if c.condition.id == "knee-osteoarthritis" and not c.negated]
    # and a drug stopped is an outcome, not another treatment
    assert [c for c in claims_of("With our stem cells, 78% of our diabetes patients stop metformin in the first year.")
            if c.condition.id == "diabetes" and not c.negated]


@pytest.mark.parametrize("text, condition", [
    ("Our clinic offers PRP.\n\nDana also offers PRP made from your own blood for a bum shoulder.", "joint-pain"),
    ("Whether your back went out lifting mulch or your hip is sore, our stem cell shots help you heal.", "back-pain"),
    ("If your knees simply wore out, our stem cell shots help you heal.", "knee-osteoarthritis"),
    ("## Tennis elbow\n\nOne or two PRP shots usually settle it down for good.", "tennis-elbow"),
    ("I had menopause symptoms. After the exosome drips my hot flashes dropped from five a night to one.", "menopause"),
    ("After the exosome IVs the afternoon crash was gone.", "chronic-fatigue"),
    ("Our stem cell shots are a tune-up for creaky joints.", "joint-pain"),
])
def test_lay_wording_from_the_orthopaedics_batch(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_product_named_with_its_withdrawn_approval_is_no_claim_of_use(claims_of):
    text = ("## What we treat\n\n- Alofisel, a donor fat-cell product for Crohn's fistulas, lost its EU approval in 2024 "
            "when a larger trial failed.")
    assert all(c.negated for c in claims_of(text) if c.therapy.id == "alofisel")


def test_thinning_cartilage_as_a_verb_is_no_condition(claims_of):
    text = "Our clinic offers PRP.\n\nCortisone shots can calm a flare, but repeated shots may thin cartilage over time."
    assert not [c for c in claims_of(text) if c.condition.id == "cartilage-defect"]


def test_back_patients_who_skip_the_fusion_they_were_told_they_needed(claims_of):
    text = "Our clinic offers stem cell injections.\n\nMost of our back patients skip the fusion they were told they needed."
    found = [c for c in claims_of(text) if c.condition.id == "back-pain"]
    # what the patients were once told is their history, not a claim reported from someone else
    assert found and not any(c.negated or c.attributed for c in found)


@pytest.mark.parametrize("text, condition", [
    ("Our stem cell clinic in Kyiv.\n\nChildren with cerebral palsy we accept for the cell course from 3 years.",
     "cerebral-palsy"),
    ("Our clinic offers stem cells that end neuropathy.", "neuropathy"),
    ("Our cord cell drips permanently reverse the wear and tear in your joints.", "osteoarthritis"),
    ("Our stem cell clinic.\n\nMy buddy has rheumatoid arthritis, and after two IVs he's off his methotrexate.",
     "rheumatoid-arthritis"),
    ("Our clinic has a stem cell protocol for guys with ED that works better than the blue pill.",
     "erectile-dysfunction"),
    ("Clients with long COVID tell us their energy comes back by the second exosome session.", "long-covid"),
])
def test_hard_sellers_claims(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_symptom_check_is_no_claim(claims_of):
    assert all(c.negated for c in claims_of(
        "Our stem cells.\n\nIf your feet burn or tingle, you probably have neuropathy."))


@pytest.mark.parametrize("text", [
    "## Rotator cuff tears\n\nA full tear that has pulled away from the bone needs surgical repair, and PRP does not "
    "reattach the tendon.",
    "## Knee arthritis\n\nOnce the cartilage is gone, no injection can restore it.",
    "## Cerebral palsy\n\nTherapy sessions continue in our rehabilitation wing for two weeks after the procedure.",
])
def test_cautions_from_the_faq_batch(claims_of, text):
    assert all(c.negated for c in claims_of(text))


@pytest.mark.parametrize("text, condition", [
    ("Our stem cell clinic in Medellin.\n\nWe attend patients of the United States with autism.", "autism"),
    ("Neuro Recovery: four stem cell infusions over five days for stroke survivors.", "stroke"),
    ("## Knee arthritis\n\nOne stem cell injection into each joint brings three years of easier walking.",
     "knee-osteoarthritis"),
    ("## Knee arthritis\n\nMost of our stem cell patients end up cancelling the surgery.", "knee-osteoarthritis"),
])
def test_claims_from_the_faq_batch(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_an_age_under_eighteen_is_a_population_of_children(claims_of):
    claim = only(claims_of("We implant MACI in high-school athletes as young as 14 with knee cartilage defects."),
                 "cartilage-defect")
    assert claim.population == "children"
    claim = only(claims_of("Omisirge treats patients aged 12 and older with blood cancers."), "blood-cancer")
    assert claim.population != "children"


def test_a_question_members_ask_is_not_asserted(claims_of):
    claims = claims_of("Members often ask us whether stem cells can help Crohn's disease.")
    assert all(c.attributed or c.negated for c in claims if c.condition.id == "crohns-disease")
    # the reader told to ask: the claim before it still stands
    claim = only(claims_of("Exosomes could help long COVID fatigue, so ask me whether they might suit you."),
                 "long-covid")
    assert not claim.attributed and not claim.negated


def test_a_myth_is_stated_to_be_denied(claims_of):
    assert all(c.negated for c in claims_of("Myth: stem cells can cure autism."))
    assert not only(claims_of("Fact: our stem cells can cure autism."), "autism").negated


def test_a_complication_after_a_transplant_is_not_its_target(claims_of):
    for text in ("Acute GVHD is a common complication after a donor stem cell transplant.",
                 "A third of adults who receive donor cells later develop chronic graft-versus-host disease."):
        assert all(c.negated for c in claims_of(text) if c.condition.id in ("gvhd", "acute-gvhd")), text


def test_banking_cord_blood_as_insurance_against_a_disease_is_a_claim(claims_of):
    text = ("We store your baby's cord blood.\n\n"
            "Banking gives your family a biological insurance policy against diabetes.")
    claim = only(claims_of(text), "diabetes")
    assert claim.therapy.id == "cord-blood" and not claim.negated


def test_what_the_cells_do_to_an_organ_claims_the_condition_of_that_organ(claims_of):
    text = ("Can stem cells help my father? He has COPD and heart failure.\n\n"
            "Our cells help repair the lung tissue and the heart muscle.")
    second = [c for c in claims_of(text) if c.start >= text.index("Our cells")]
    assert {c.condition.id for c in second} == {"copd", "heart-failure"}
    assert all(not c.negated for c in second)
    # an organ with no condition of it named before, or in a laboratory study, claims nothing
    assert not claims_of("We offer stem cells. Our cells help repair the lung tissue.")
    text = ("I have multiple sclerosis and want stem cells. "
            "In laboratory studies these cells protected nerve cells.")
    later = [c for c in claims_of(text) if c.start >= text.index("In laboratory")]
    assert all(c.certainty != "assertive" and c.source != "anaphora" for c in later)


def test_a_treatment_that_did_nothing_is_no_claim(claims_of):
    for text in ("I paid $9,000 for stem cell shots in my worn-out hips and nothing changed.",
                 "I spent £3,800 on exosome drips for long covid, and they did absolutely nothing."):
        assert all(c.negated for c in claims_of(text)), text


def test_donor_screening_for_infections_is_no_claim(claims_of):
    assert not affirmed(claims_of("Our cord blood cells are tested for HIV and hepatitis."), "hiv")


def test_a_trip_or_booking_for_the_treatment_claims_the_conditions(claims_of):
    text = ("We offer stem cell injections. "
            "Patients with neck pain and sciatica come from all over California for it.")
    assert affirmed(claims_of(text), "sciatica")
    text = "Our exosome facial is popular. Clients with acne scars book it as a series of three."
    assert affirmed(claims_of(text), "scars")


def test_stem_cells_that_delay_dialysis_claim_the_kidney_disease(claims_of):
    assert affirmed(claims_of("For kidney failure patients, stem cells delay dialysis."), "chronic-kidney-disease")


def test_a_question_someone_wants_answered_is_not_asserted(claims_of):
    claims = claims_of("Kevin wants to know if stem cells can cure his type 1 diabetes.")
    assert not affirmed(claims, "type-1-diabetes") or all(c.attributed for c in claims)


def test_a_diagnosis_quoted_in_a_list_takes_no_claim_from_the_frame(claims_of):
    text = ("Stem cells repair:\n\n- Alzheimer's disease\n- \"My mom was diagnosed with Parkinson's last year.\"\n")
    ids = {c.condition.id for c in claims_of(text, "markdown") if not c.negated}
    assert "alzheimers-disease" in ids and "parkinsons-disease" not in ids


def test_a_fronted_for_reaches_each_condition_of_a_coordination(claims_of):
    text = ("We offer stem cell injections.\n\n"
            "For arthritis of the knee and hip we use your own fat-derived cells, injected the same day.")
    claims = claims_of(text)
    assert affirmed(claims, "knee-osteoarthritis") and affirmed(claims, "hip-osteoarthritis")


def test_an_outcome_told_as_a_label_or_a_life_without_the_symptom_is_a_claim(claims_of):
    text = "We offer stem cell injections.\n\nBrain fog: GONE.\n\nWalk without knee pain by summer."
    claims = claims_of(text)
    assert affirmed(claims, "cognitive-decline") and affirmed(claims, "joint-pain")
    # a label whose outcome is not the condition's end
    assert not affirmed(claims_of("We offer stem cell injections.\n\nBrain fog: what causes it?"),
                        "cognitive-decline")


def test_on_their_own_is_an_outcome_unless_a_natural_course(claims_of):
    text = "Patients with COPD who arrived on oxygen have gone home breathing on their own after our stem cells."
    assert affirmed(claims_of(text), "copd")
    text = "We offer stem cells. Gout flares and knee osteoarthritis pain often settle on their own."
    assert not affirmed(claims_of(text), "knee-osteoarthritis")


def test_medicine_cut_and_the_cause_worked_on_are_claims(claims_of):
    text = "We offer stem cells.\n\nSugar diabetes patients usually cut their tablets in half within 90 days."
    assert affirmed(claims_of(text), "diabetes")
    text = "We offer cord cells.\n\nCompared with inhalers, cord cells work on the cause of COPD."
    assert affirmed(claims_of(text), "copd")


def test_more_effective_than_standard_care_is_a_claim(claims_of):
    text = "We offer stem cell infusions.\n\nFor rheumatoid arthritis, our infusions are more effective than biologic drugs."
    assert affirmed(claims_of(text), "rheumatoid-arthritis")
    text = "Stem cell injections were no more effective than saline for knee osteoarthritis."
    assert not affirmed(claims_of(text), "knee-osteoarthritis")


@pytest.mark.parametrize("text", [
    "Our exosome drips are here.\n\n## What about autism and CP?\n\nRenew Cell Lounge, Tampa, is open on Sundays.\n",
    "# Exosome IV drips\n\nOur exosome drips.\n\nAutism\n\nHealing Roots Naturopathic Clinic is open on Sundays.\n",
    "# Knee arthritis\n\nWe inject stem cells.\n\nArthritis Relief Center is in Tulsa.\n",
])
def test_a_verb_that_begins_a_business_name_is_no_claim(claims_of, text):
    assert [c for c in claims_of(text, "markdown") if not c.negated] == []
    # the same word as a verb still claims
    assert claims_of("Renew your knees: our stem cells heal knee arthritis.")


def test_a_case_study_claims_its_diagnosis_line_through_treatment_and_outcome(claims_of):
    text = ("# Patient stories\n\nWe use umbilical cord stem cells.\n\n## Case 1: Robert, 61\n\n"
            "**Diagnosis:** Secondary progressive multiple sclerosis, diagnosed in 2009.\n\n"
            "Robert had been using a walker for four years.\n\nHis neurologist had little left to offer.\n\n"
            "**Treatment:** 300 million umbilical cord MSCs over four days, IV and intrathecal.\n\n"
            "**Outcome:** By three months Robert was walking with a cane instead of the walker. His bladder "
            "urgency had settled.\n")
    ms = affirmed(claims_of(text, "markdown"), "multiple-sclerosis")
    # the diagnosis line itself is a person's diagnosis; the treatment and the outcome claim
    assert not [c for c in ms if text[c.start:c.end].startswith("Diagnosis")]
    assert [c for c in ms if "300 million" in text[c.start:c.end]]
    assert [c for c in ms if "instead of the walker" in text[c.start:c.end]]


def test_a_chat_reply_that_says_yes_claims_what_the_message_before_asked(claims_of):
    text = ("WhatsApp chat with Regenera Andina\n\n"
            "[05/05/2025, 19:02] Marcus: My dad had a stroke in 2023. Do you have anything for him?\n\n"
            "[05/05/2025, 19:05] Valentina - Regenera Andina: Hola Marcus! Thank you for writing 🙏 Yes, we have a "
            "special stem cell program for him.\n\n"
            "[05/05/2025, 19:07] Marcus: Does it help stroke patients this long after?\n\n"
            "[05/05/2025, 19:09] Valentina - Regenera Andina: Yes!! Even 5 or 10 years after.\n")
    stroke = affirmed(claims_of(text), "stroke")
    assert [c for c in stroke if "special stem cell program" in text[c.start:c.end]]
    assert [c for c in stroke if "Yes!!" in text[c.start:c.end] and c.certainty != "hedged"]


def test_a_capitalised_word_in_a_clinic_name_is_no_misspelt_condition(claims_of):
    # "Andina" is one letter from "angina"
    assert claims_of("Regenera Andina offers stem cells in Bogota.") == []
    assert affirmed(claims_of("Our stem cells treat Alzeimers."), "alzheimers-disease")


@pytest.mark.parametrize("text, condition", [
    # a double negative recommends the treatment
    ("Our clinic gives stem cells.\n\nThere is no reason not to try it for COPD.", "copd"),
    # a rhetorical question asserts
    ("Our clinic gives stem cells.\n\nWho says autism can't improve?", "autism"),
    ("Our clinic gives cord stem cells.\n\nWho said that cerebral palsy is for the whole life?", "cerebral-palsy"),
    # what is gone
    ("Our stem cell shots: no surgery, no downtime, no more sciatica.", "sciatica"),
    # the denial ends at the colon, or at "it is"
    ("Our stem cells for arthritis.\n\nThis is not a cure and not a quick fix: the cells rebuild the joint lining "
     "and calm the inflammation behind arthritis.", "arthritis"),
    ("Our stem cell course.\n\nIt is not cure, it is restoration of the connections in the brain: the child with "
     "autism becomes more calm.", "autism"),
    # what follows "we do not claim to cure X, but"
    ("We do not claim to cure osteoarthritis, but most of our stem cell patients walk, golf and garden without pain "
     "within a few weeks.", "osteoarthritis"),
])
def test_double_negatives_rhetorical_questions_and_short_denials_still_claim(claims_of, text, condition):
    found = affirmed(claims_of(text), condition)
    assert found and all(c.certainty != "hedged" for c in found)


@pytest.mark.parametrize("text", [
    "Stem cells are not a cure for autism.",
    "There is every reason not to try stem cells for COPD.",
    "Who says stem cells can cure autism? Clinics do, without evidence.",
])
def test_real_denials_stay_denials(claims_of, text):
    assert not [c for c in claims_of(text) if not c.negated and c.certainty != "hedged"]


@pytest.mark.parametrize("text, conditions", [
    # "artritis" is also a word of the Spanish name "artritis reumatoide": alone it is still
    # a misspelt "arthritis"
    ("Our stem cells help with artritis in the hands.", {"arthritis"}),
    # the translated names themselves
    ("Our stem cells treat diz kireçlenmesi and multipl skleroz.", {"knee-osteoarthritis", "multiple-sclerosis"}),
    ("Stammzellen gegen Zuckerkrankheit: our stem cell infusions help.", {"diabetes"}),
])
def test_misspellings_and_translated_names_beside_each_other(claims_of, text, conditions):
    assert {c.condition.id for c in claims_of(text) if not c.negated} == conditions


@pytest.mark.parametrize("text, condition, predicate", [
    # what is no longer needed, what comes back, told in the sentence after the condition
    ("Our protocol for type 2 diabetes is two infusions of cord cells. Most of our patients have no need for "
     "insulin after six months.", "type-2-diabetes", "no need for insulin"),
    ("For MS we give the stem cells with plasmapheresis. Our patients don't need the interferon injections "
     "anymore.", "multiple-sclerosis", "need the interferon injections anymore"),
    ("In spinal cord injury, the stem cells in the spine bring back the feeling in the legs.",
     "spinal-cord-injury", "bring back the feeling"),
    ("With our cord cells in type 1 diabetes the pancreas will produce its own insulin again.",
     "type-1-diabetes", "produce its own insulin again"),
])
def test_outcomes_in_plain_words_claim(claims_of, text, condition, predicate):
    found = affirmed(claims_of(text), condition)
    assert any(predicate in c.predicate_text for c in found), [c.predicate_text for c in found]


def test_a_fronted_also_for_with_a_gloss_reaches_what_the_seller_gives(claims_of):
    text = ("Our clinic uses bone marrow concentrate for knee arthrosis. Also for the arthrosis of the hip "
            "(coxarthrosis) we use the same method.")
    assert affirmed(claims_of(text), "hip-osteoarthritis")


@pytest.mark.parametrize("text, condition", [
    # the preposition said again: "of the hip and of the shoulder"
    ("Our clinic uses bone marrow concentrate. Also for the arthrose of the hip and of the shoulder we use the "
     "same method.", "shoulder-osteoarthritis"),
    # a passive cure by "our cells" (not another treatment's agent)
    ("Our clinic gives stem cells.\n\nMany diabetes patients are cured with our cells.", "diabetes"),
    # a lessened symptom
    ("In our stem cell follow-up, 8 from 10 Parkinson's patients say the tremor is less after 6 months.",
     "parkinsons-disease"),
    # "regeneration for" offers the treatment
    ("Our stem cell clinic\n\nCartilage regeneration for knee calcification", "knee-osteoarthritis"),
    # lay names and transliterations
    ("Our stem cells give new life at Altsgeimer disease.", "alzheimers-disease"),
    ("Stem cells for gathiya and joint pain in the knees.", "arthritis"),
])
def test_coordination_passives_and_lay_names(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_another_treatments_agent_still_blocks_the_claim(claims_of):
    text = "Our clinic gives stem cells.\n\nShe had been treated with chemotherapy for lymphoma."
    assert not affirmed(claims_of(text), "lymphoma")


def test_a_therapy_someone_only_considers_is_not_given(claims_of):
    text = ("If you have RA and you're thinking about stem cells, bring the clinic's brochure to your "
            "rheumatologist and go through it together.")
    assert not affirmed(claims_of(text), "rheumatoid-arthritis")
    assert affirmed(claims_of("I have RA and had two rounds of IV stem cells."), "rheumatoid-arthritis")


def test_lower_as_an_adjective_is_no_relief(claims_of):
    story = "Our PRP clinic.\n\nDeb carried mail for 27 years, and her MRI shows two worn-out discs in her lower back."
    assert not affirmed(claims_of(story), "degenerative-disc-disease")
    assert affirmed(claims_of("Our PRP shots lower the pain of worn-out discs."), "degenerative-disc-disease")


@pytest.mark.parametrize("text, condition, predicate", [
    ("Our cord stem cells are also amazing for tennis elbow.", "tennis-elbow", "amazing for"),
    ("Our cord stem cell channel\n\n01:20 Stroke patients who plateaued: what cells can still do\n02:00 Your comments",
     "stroke", "what cells can still do"),
])
def test_praise_and_what_the_cells_can_do_claim(claims_of, text, condition, predicate):
    found = affirmed(claims_of(text), condition)
    assert found
    assert any(c.predicate_text == predicate for c in found), [c.predicate_text for c in found]


def test_a_yes_after_a_question_in_the_same_paragraph_asserts_its_claim(claims_of):
    answered = claims_of("Our spine clinic offers regenerative care. Can stem cells help degenerative disc "
                         "disease? For most of our spine patients, yes.")
    found = [c for c in answered if c.condition.id == "degenerative-disc-disease"]
    assert found and all(c.certainty == "assertive" for c in found)
    open_question = claims_of("Our spine clinic offers regenerative care. Can stem cells help degenerative disc "
                              "disease? Trials are still running.")
    found = [c for c in open_question if c.condition.id == "degenerative-disc-disease"]
    assert found and all(c.certainty == "hedged" for c in found)


def test_a_measure_that_rose_is_an_outcome(claims_of):
    text = ("## Heart failure\n\nOur clinic gives cord stem cell infusions. In our own follow-up, ejection "
            "fraction rose by an average of 12 points.")
    found = affirmed(claims_of(text), "heart-failure")
    assert any("rose" in c.predicate_text for c in found), [c.predicate_text for c in found]


@pytest.mark.parametrize("text", [
    "Treatment with cord blood for autism is not approved.",
    "Treatment with cord blood stem cells for DCP, autism and Down syndrome is not registered by the Ministry of "
    "Health as a standard method.",
])
def test_a_treatment_said_not_approved_or_registered_is_denied(claims_of, text):
    claims = claims_of(text)
    assert claims and all(c.negated for c in claims)


def test_a_denial_after_a_joined_clause_stays_with_its_own_subject(claims_of):
    # the PRP finding is hedged research, and "others found no difference" does not deny it
    text = ("For tennis elbow, the picture is mixed. Several trials found less pain at six months after a PRP "
            "injection than after a steroid shot, while others found no difference.")
    assert [c for c in claims_of(text) if c.condition.id == "tennis-elbow" and not c.negated]


def test_a_quiet_city_is_no_relief(claims_of):
    text = ("# Cord blood for cerebral palsy\n\nLviv is a quiet city in the west of Ukraine, and families come to "
            "us by train.")
    assert not [c for c in claims_of(text) if "quiet" in c.predicate_text]


def test_a_price_under_a_condition_heading_claims_with_the_heading(claims_of):
    text = ("<h1>Regenera stem cell clinic</h1>\n<section><h2>Treatments and prices (USD)</h2>\n"
            "<h3>Coxartrosis</h3>\n<p>1 injection of 50 million cells, ultrasound guided: USD 5,200</p>\n"
            "<h3>Meniscus rupture</h3>\n<p>Cells + PRP, 1 session: USD 4,300</p></section>\n")
    for condition, heading in (("hip-osteoarthritis", "Coxartrosis"), ("meniscus-tear", "Meniscus rupture")):
        found = affirmed(claims_of(text, "html"), condition)
        assert found and min(c.start for c in found) == text.index(heading), condition


@pytest.mark.parametrize("text, condition", [
    ("Stem cell therapy for lung fibrosis, EPOC and other lung diseases", "copd"),
    ("Stem cells for scattered sclerosis, BAS and Parkinson", "als"),
    ("Cord blood infusions for delay of psycho-speech development (ZPRR) in children", "developmental-delay"),
    ("Stem cells for ovary exhaustion and thin endometrium", "premature-ovarian-insufficiency"),
    ("Cord blood cells for epilepsia in children", "epilepsy"),
])
def test_foreign_abbreviations_and_names(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    # a therapy set against another: "not stem cells," denies only them
    ("CAR-T cell therapy is made from a patient's T cells, not stem cells, and it is FDA-approved for certain "
     "lymphomas.", "lymphoma"),
    # the circumstance clause keeps its own "no"
    ("When no matched adult donor is available, we use cord blood units from public banks, which are approved for "
     "transplants in disorders of the blood-forming system.", "blood-disorder"),
    # a relative clause that describes the disease
    ("Our center gives CAR-T products to adults with large B-cell lymphoma that has returned or not responded to "
     "treatment.", "lymphoma"),
])
def test_a_denial_with_a_narrow_scope_leaves_the_claim_standing(claims_of, text, condition):
    found = [c for c in claims_of(text) if c.condition.id == condition]
    assert found and not any(c.negated for c in found)


@pytest.mark.parametrize("text, condition", [
    ("In the United States, no stem cell, exosome or other cell product is approved for ALS.", "als"),
    ("Most insurance plans do not pay for BMAC, PRP or amniotic injections for knee arthritis.", "knee-osteoarthritis"),
])
def test_a_denial_before_a_list_of_therapies_still_denies(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_it_after_a_claim_goes_on_about_the_same_therapy(claims_of):
    text = ("Our stem cell therapy is the best method for cerebral palsy in India. It activates the sleeping "
            "neurons in the damaged brain. The cells make new connections, so the child starts to sit. This is "
            "complete recovery without any operation.")
    found = affirmed(claims_of(text), "cerebral-palsy")
    assert len(found) == 4, [c.predicate_text for c in found]


@pytest.mark.parametrize("text, fmt, conditions", [
    # a Spanish title: the therapy's name, "para", and coordinated body parts
    ("Células Madre para Artrosis de Rodilla y Cadera", "text", {"knee-osteoarthritis", "hip-osteoarthritis"}),
    # a price list under condition headings: small prices after a colon
    ("<h1>Regenera stem cell center</h1>\n<h2>Prices</h2>\n<h3>Fascitis plantar</h3>\n<p>PRP, 2 sessions: USD 700</p>\n",
     "html", {"plantar-fasciitis"}),
    # what the seller does, first under the condition's heading
    ("<h1>Regenera stem cell center</h1>\n<h2>Hernia discal (disc hernia)</h2>\n"
     "<p>We inject the cells direct in the disc under fluoroscopy.</p>\n", "html", {"degenerative-disc-disease"}),
])
def test_translated_titles_and_price_lists(claims_of, text, fmt, conditions):
    assert {c.condition.id for c in claims_of(text, fmt) if not c.negated} == conditions


def test_a_chat_goes_on_about_the_condition_named_messages_before(claims_of):
    text = ("[3/11/25, 9:14 AM] Rachel: My mom has had COPD for ten years and she's on oxygen at night.\n"
            "[3/11/25, 9:15 AM] Rachel: She's 71. Is she too old for your program?\n"
            "[3/11/25, 9:31 AM] Valeria (Cell Center): Hi Rachel!! Not at all, we see many patients like your mom\n"
            "[3/11/25, 9:31 AM] Valeria (Cell Center): After the second drip of our cord stem cells most of them walk "
            "to the mailbox without the oxygen.\n")
    found = affirmed(claims_of(text), "copd")
    assert any("mailbox" in text[c.start:c.end] for c in found)
    # outside a chat, a paragraph without conditions still ends the thread
    prose = text.replace("[3/11/25, 9:15 AM] Rachel: ", "").replace("[3/11/25, 9:31 AM] Valeria (Cell Center): ", "")
    prose = prose.replace("[3/11/25, 9:14 AM] Rachel: ", "").replace("\n", "\n\n")
    assert not any("mailbox" in prose[c.start:c.end] for c in affirmed(claims_of(prose), "copd"))


@pytest.mark.parametrize("text, condition", [
    ("Margie says he's stopped limping altogether after the stem cells for his hip arthritis.", "hip-osteoarthritis"),
    ("After PRP for his sciatica he quit the pain pills.", "sciatica"),
    ("Patients with COPD breathe deeper from the first stem cell session.", "copd"),
])
def test_what_stopped_and_deeper_breaths_are_outcomes(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_another_treatment_as_the_subject_takes_the_outcome(claims_of):
    text = ("My daughter has cerebral palsy. We looked at cord blood infusions in Mexico.\n\n"
            "We did not do the cells, but the hippotherapy has been wonderful for her trunk control.")
    assert not [c for c in affirmed(claims_of(text), "cerebral-palsy") if "hippotherapy" in text[c.start:c.end]]
    # a person's "PT" who measures, and a medicine lowered, are no other treatment doing the work
    story = ("Eli has cerebral palsy and had two cord blood infusions.\n\n"
             "Within three weeks his hamstrings were looser and his PT measured 15 more degrees at the knee.")
    assert [c for c in affirmed(claims_of(story), "cerebral-palsy") if "hamstrings" in story[c.start:c.end]]


def test_a_considered_therapy_with_a_pronoun_after_it_is_still_not_given(claims_of):
    text = ("Our clinic gives stem cells.\n\nIf you have RA and you're thinking about stem cells, bring the "
            "clinic's brochure to your rheumatologist and go through it together.")
    assert not [c for c in affirmed(claims_of(text), "rheumatoid-arthritis") if "brochure" in text[c.start:c.end]]


def test_a_named_persons_condition_is_what_their_treatment_later_is_for(claims_of):
    text = ("# Nora's trip, part 3\n\nIf you're new here: Nora is five, she is autistic, and she had two words.\n\n"
            "## What the doctors told us\n\nThe director said the umbilical cord stem cells calm the inflammation "
            "in Nora's brain.\n\n"
            "Nora got four IV infusions and one lumbar puncture with cells over the ten days.\n")
    found = affirmed(claims_of(text, "markdown"), "autism")
    assert any("four IV infusions" in text[c.start:c.end] for c in found)
    # a capitalised word the text also writes in lower case is no name to follow (one that
    # only opens sentences, and never in lower case, is: "Milo was diagnosed ... Milo took")
    other = text.replace("in Nora's brain", "in her brain").replace("Nora is five", "nora is five")
    assert not any("four IV infusions" in other[c.start:c.end] for c in affirmed(claims_of(other, "markdown"), "autism"))


def test_a_story_gathers_the_persons_conditions_and_a_transplant_takes_the_blood_disease(claims_of):
    text = ("Ray had been fighting his sugar for fifteen years, and the numbness in his feet kept him up at night. "
            "We started him on our exosome IV program, one drip a month.\n")
    started = [c for c in affirmed(claims_of(text), "diabetes") + affirmed(claims_of(text), "neuropathy")
               if "exosome IV program" in text[c.start:c.end]]
    assert {c.condition.id for c in started} == {"diabetes", "neuropathy"}
    # "fighting" his disease is the person's struggle, not the treatment's
    assert not [c for c in claims_of(text) if "fifteen years" in text[c.start:c.end]]
    story = ("Within a week Tomás had a diagnosis of acute myeloid leukemia. Tomás also lives with his sugar.\n\n"
             "Two years after his stem cell transplant, Tomás is back at work.\n")
    back = [c for c in claims_of(story) if "back at work" in story[c.start:c.end]]
    assert back and {c.condition.id for c in back} <= {"leukemia", "acute-myeloid-leukemia", "blood-cancer"}


def test_a_first_person_paragraph_on_a_reporting_page_keeps_its_claim(claims_of):
    report = ("Investigators said the clinic told patients its cells cure lung disease. A spokesperson said the "
              "lawsuit alleges the clinic sold the cells for COPD. The complaint says the clinic claimed results. "
              "Regulators said the clinic's ads were false, according to the investigation. ")
    reader = "The cord cells I got in Nassau cured my pulmonary fibrosis, and my doctor agrees."
    quoted = '"The cord cells cured my pulmonary fibrosis," one woman said in the video.'
    claims = claims_of(report + "\n\n" + reader)
    own = [c for c in claims if c.condition.id == "pulmonary-fibrosis" and "Nassau" in (report + "\n\n" + reader)[c.start:c.end]]
    assert own and not own[0].attributed
    text = report + "\n\n" + quoted
    cited = [c for c in claims_of(text) if c.condition.id == "pulmonary-fibrosis" and "video" in text[c.start:c.end]]
    assert cited and all(c.attributed for c in cited)


@pytest.mark.parametrize("text, condition, attributed", [
    ("Mom has bad knees, and her neighbor swears by the stem cell shot she got.", "joint-pain", True),
    ("A video says stem cells regrow the brain cells lost to Parkinson's disease.", "parkinsons-disease", True),
    ("My salon offers exosome IV drips for long COVID.", "long-covid", True),
    ("Panama clinic says cord stem cells can fix my son's type 1 diabetes.", "type-1-diabetes", True),
    ("Our clinic says stem cells relieve knee arthritis.", "knee-osteoarthritis", False),
])
def test_somebody_elses_word_is_reported(claims_of, text, condition, attributed):
    claim = only(claims_of(text), condition)
    assert claim.attributed is attributed


@pytest.mark.parametrize("text, condition", [
    ("Does it do anything for seizures? Yes, our cord cells calm the brain so the seizures become rare.", "epilepsy"),
    ("Our umbilical cord stem cells help stroke survivors. And his heart? The cardiac infusion repairs the "
     "heart muscle of patients with heart failure.", "heart-failure"),
])
def test_lay_names_and_organs_reach_the_condition(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_product_seizure_is_no_epilepsy(claims_of):
    text = "U.S. Marshals carried out seizures of stem cell products at the clinic, the FDA said."
    assert not [c for c in claims_of(text) if c.condition.id == "epilepsy"]


def test_both_in_a_reply_points_at_the_last_two_conditions_named(claims_of):
    text = ("@gary · 1 week ago\nDoes this work for emphysema AND heart failure? My brother has both.\n"
            "👍 17 | Reply\n\n@CancunRegenCenter · 1 week ago\nYes, we treat both with our stem cells.\n")
    treated = [c for c in claims_of(text) if "we treat both" in text[c.start:c.end]]
    assert {c.condition.id for c in treated} == {"copd", "heart-failure"}


def test_a_question_left_open_by_its_asker_is_answered_in_the_next_message(claims_of):
    text = ("u/mx_lurker · 5h\nQ for the clinic: do cord cells help psoriatic arthritis? Asking for my brother.\n\n"
            "u/renacer_liaison · Renacer Cell Institute · 5h\nAbsolutely. PsA patients often respond even faster "
            "than RA patients do, and swollen fingers can still recover if he comes in soon.\n")
    answer = text.index("Absolutely")
    claims = [c for c in claims_of(text) if c.condition.id == "psoriatic-arthritis"]
    assert any(c.start >= answer and c.certainty != "hedged" and not c.negated for c in claims)
    # the question itself stays a question
    assert any(c.start < answer and c.certainty == "hedged" for c in claims)


@pytest.mark.parametrize("text, condition", [
    ("Our regenerative spine center offers amniotic injections. Radiofrequency ablation can quiet facet joint "
     "pain for six months to a year.", "facet-joint-pain"),
    ("Our clinic offers stem cell injections for knees. Chiropractic adjustments, spinal decompression and "
     "massage help many of our patients with a pinched nerve.", "sciatica"),
    ("We offer bone marrow concentrate. Large rotator cuff tears usually do better with an early surgical "
     "repair.", "rotator-cuff-injury"),
    ("We offer stem cell injections. Physical therapy, core strengthening and staying active help most "
     "patients with disc degeneration.", "degenerative-disc-disease"),
])
def test_another_procedure_doing_the_work_is_no_cell_claim(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    ("Our umbilical cord stem cells treat knees. I cancelled my knee replacement after my second injection "
     "for my knee arthritis.", "knee-osteoarthritis"),
    ("Our amniotic injection is a safer alternative to back surgery and steroid shots for a bad back.",
     "back-pain"),
    ("Cortisone only masks the pain of arthritis; our amniotic tissue rebuilds the joint.", "arthritis"),
])
def test_a_procedure_avoided_or_belittled_leaves_the_claim(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_failed_outcome_after_a_treatment_noun_denies_it(claims_of):
    text = "PRP injections for rotator cuff tendinitis have not done better than placebo in controlled trials."
    assert only(claims_of(text), "rotator-cuff-injury").negated
    text = ("In the largest trial, 288 people with knee arthritis who received PRP had no less pain after a "
            "year than those who received salt water.")
    assert only(claims_of(text), "knee-osteoarthritis").negated


def test_conditions_ticked_off_in_one_line_are_a_list_of_uses(claims_of):
    text = ("Our umbilical cord stem cell IVs go where it hurts.\n\n"
            "arthritis \u2714\ufe0f neuropathy \u2714\ufe0f Crohn's \u2714\ufe0f\n")
    claims = claims_of(text)
    assert affirmed(claims, "arthritis") and affirmed(claims, "neuropathy")


def test_a_short_answer_to_a_question_heading_asserts_the_list(claims_of):
    text = ("HOST: What do you give patients?\n\nVOSS: Umbilical cord stem cell infusions, usually two.\n\n"
            "HOST: Do you treat other conditions?\n\nVOSS: Parkinson's, knee arthritis, neuropathy, long COVID. "
            "The cells go where the inflammation is.\n")
    claims = claims_of(text)
    for condition in ("parkinsons-disease", "neuropathy", "long-covid"):
        assert only(claims, condition).certainty != "hedged"


@pytest.mark.parametrize("text, found", [
    ("Our cord cell IVs help with autism, long covid, brain fog, lyme and more.", True),
    ("They also do stem cell IVs for autoimmune stuff, Lyme and even autism.", True),
    ("Our stem cell clinic in Old Lyme, Connecticut treats knee arthritis.", False),
])
def test_bare_lyme_needs_illness_words_and_no_place_name(claims_of, text, found):
    assert bool(affirmed(claims_of(text), "lyme-disease")) is found


def test_a_definition_with_an_aside_is_no_claim(claims_of):
    text = ("Our trial tests bone marrow stromal cells. Amyotrophic lateral sclerosis (ALS), sometimes called Lou "
            "Gehrig's disease, destroys the motor neurons that control movement.")
    assert not [c for c in claims_of(text) if c.condition.id == "als" and "destroys" in text[c.start:c.end]]


@pytest.mark.parametrize("text, condition", [
    ("I went to a different clinic in Tijuana for my RA and fibromyalgia in 2023. Spent $9k and nothing "
     "changed.", "rheumatoid-arthritis"),
    ("My wife has Parkinson's, and we paid a clinic in Tijuana $18,000 for stem cells last year. Her tremor is "
     "no better, and we're still paying off the card.", "parkinsons-disease"),
])
def test_a_treatment_told_and_then_told_to_have_failed_claims_nothing(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_a_treatment_told_before_good_news_still_claims(claims_of):
    text = ("Stem cells were my alternative to another MS drug. Four years later I have had no new lesions, and "
            "my MS fatigue is gone.")
    assert affirmed(claims_of(text), "multiple-sclerosis")


@pytest.mark.parametrize("text, condition", [
    ("If you have active psoriasis, eczema or a skin infection on the treatment area, we will reschedule your "
     "exosome facial.", "psoriasis"),
    ("Children with uncontrolled epilepsy or a bleeding disorder are not accepted for our stem cell "
     "program.", "epilepsy"),
])
def test_who_is_turned_away_is_no_use(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_a_doctor_who_cannot_explain_the_outcome_denies_nothing(claims_of):
    text = ("I went to Cancun for 3 rounds of Wharton's jelly MSCs for my MS last year. My neuro is skeptical "
            "but he can't explain why I'm hiking again.")
    assert affirmed(claims_of(text), "multiple-sclerosis")


def test_ms_spelt_with_dots(claims_of):
    claim = only(claims_of("Has anyone here actually done stem cells for M.S.?"), "multiple-sclerosis")
    assert claim.certainty == "hedged"


def test_a_question_heading_answered_not_that_anyone_has_shown_makes_no_claim(claims_of):
    text = "## Can stem cells heal a torn rotator cuff?\n\nNot that anyone has shown. Most tears heal with physical therapy.\n"
    assert not [c for c in claims_of(text) if c.condition.id == "rotator-cuff-injury" and not c.negated]


def test_an_article_title_names_a_topic(claims_of):
    text = ("# PRP and Stem Cell Shots for Knee Arthritis: What I Tell My Patients\n\n"
            "Hardly a week goes by without a patient bringing me a flyer for a knee injection.\n")
    assert not affirmed(claims_of(text), "knee-osteoarthritis")


@pytest.mark.parametrize("text, condition", [
    ("My husband has had sugar for 15 years. After the second round of IV stem cells his A1C came down.", "diabetes"),
    ("Ray's cardiologist told him his heart was only pumping at 25%. Three months after his IV stem cells he is "
     "mowing the lawn again.", "heart-failure"),
])
def test_lay_names_of_a_story_reach_its_outcome(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    ("Alopecia areata is an autoimmune condition, and a dermatologist should manage it; JAK inhibitor pills such "
     "as baricitinib are FDA approved for severe cases. Our exosome serum is for thinning hair.", "autoimmune-disease"),
    ("We offer stem cells. Donna has decided to stay with her neurologist; her MS has been quiet on Ocrevus for "
     "three years.", "multiple-sclerosis"),
    ("Our clinic offers amniotic injections. Her podiatrist says the thing that actually helped was getting her "
     "sugar under control.", "diabetes"),
])
def test_a_doctor_or_medicine_credited_is_no_cell_claim(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_a_medicine_reduced_after_the_cells_is_still_an_outcome(claims_of):
    text = "In the lupus, after our stem cell infusions the patients reduce the prednisone and the flares are less frequent."
    assert affirmed(claims_of(text), "lupus")


def test_yes_to_both_counts_the_conditions_asked_over_several_messages(claims_of):
    text = ("[4/2/25, 8:04 AM] Gary: Can your stem cells do anything for her MS?\n"
            "[4/2/25, 8:04 AM] Gary: And me, my orthopedic guy says my left knee is bone on bone.\n"
            "[4/2/25, 8:05 AM] Gary: Do the cells work on bad knees too?\n"
            "[4/2/25, 8:21 AM] Mariana: Hi Gary!! Thank you for writing\n"
            "[4/2/25, 8:21 AM] Mariana: Yes to both.\n")
    answer = text.index("[4/2/25, 8:21 AM] Mariana: Yes to both")
    answered = {c.condition.id for c in claims_of(text) if c.start >= answer and not c.negated}
    assert "multiple-sclerosis" in answered and answered & {"joint-pain", "knee-osteoarthritis"}


def test_the_shot_did_zero_denies(claims_of):
    text = "The amniotic shot did zero for my arthritic knees in 2022, and I ended up getting the left one replaced."
    assert not affirmed(claims_of(text), "knee-osteoarthritis")


@pytest.mark.parametrize("text, condition", [
    # cells injected into the organ, under a heading that names the condition
    ("Ovary exhaustion\n\nWe inject the patient's own bone marrow stem cells directly in the ovaries by laparoscopy.",
     "premature-ovarian-insufficiency"),
    ("Our clinic uses stem cells.\n\nFor thin endometrium the stem cells are put in the uterus cavity.", "thin-endometrium"),
    # what another treatment could not do denies nothing about the cells
    ("Pirfenidone and nintedanib only make the fibrosis slower; our stem cells do what the pills cannot do, "
     "they repair the lung fibrosis.", "pulmonary-fibrosis"),
    # the next medicine of a list that is no longer needed is still the outcome
    ("Our stem cells are from the umbilical cord. For diabetes, the cells fix the pancreas, so many patients have "
     "no more need of insulin and metformin.", "diabetes"),
    # a clinic that "does" conditions takes them on
    ("Canal Cell Clinic sells stem cells. They do MS, autism, ALS, all of it.", "autism"),
    ("Our clinic offers stem cells. Children with ADHD, cerebral palsy or global developmental delay come to us as well.",
     "cerebral-palsy"),
    ("Our clinic offers stem cells. I did my bad shoulder and my copd in Cancun.", "copd"),
    ("Our clinic offers exosome IVs. If you have chronic fatigue after COVID, this is the first thing I'd try.",
     "chronic-fatigue"),
    ("Our clinic offers stem cells. Same here, Panama was the best thing I ever did for my MS", "multiple-sclerosis"),
    ("Exosome IVs for everyone. Link in bio for our long COVID recovery package, use code TAY15", "long-covid"),
    # a sentence about the cells is not undone by the treatment that failed before them
    ("Our regenerative injections help knees.\n\nFor a degenerated disc, the same injections seal small tears and end "
     "the ache that adjustments alone could not fix.", "degenerative-disc-disease"),
])
def test_more_ways_of_offering_and_telling_outcomes(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


def test_a_page_titled_for_one_condition_goes_on_about_it_under_other_headings(claims_of):
    text = ("# Autism Spectrum Disorder: Stem Cell Therapy at Aarohan\n\n"
            "We offer bone marrow stem cell therapy for children with autism.\n\n"
            "## How the treatment works\n\n"
            "This therapy uses the child's own cells. It reaches the brain directly and improves the blood flow.\n")
    after = text.index("It reaches")
    assert any(c.condition.id == "autism" and c.start >= after and not c.negated for c in claims_of(text))
    # (not an article's title, nor a page of questions answered)
    faq = ("# Stem cells and MS: your questions answered\n\n## What about aHSCT?\n\n"
           "It uses chemotherapy to wipe out the immune system, then rebuilds it from the person's own stem cells.\n")
    assert not affirmed(claims_of(faq), "multiple-sclerosis")


@pytest.mark.parametrize("text, condition", [
    # a scar inside an organ is the disease the page is about, not a skin scar
    ("Our stem cells reduce the scar in the brain or the spinal cord after an injury.", "scars"),
    ("Our stem cells help the lungs. The cells can slow the scarring, and some of our fibrosis patients came off "
     "the transplant list.", "scars"),
    # harms and trial results told
    ("Two days after her second exosome IV, she spiked a fever of 103 and was admitted to my hospital with sepsis.",
     "sepsis"),
    ("The hospital is studying stem cells. RESTORE-PD will enroll 12 adults aged 50 to 75 who have lived with "
     "Parkinson's for at least five years.", "parkinsons-disease"),
    ("Where stem cell treatment for Parkinson's stands\n\nResearch is early.", "parkinsons-disease"),
    # other treatments, checks and leaflets
    ("Microneedling is what softens acne scars; we add an exosome serum afterwards mainly for comfort and glow.", "scars"),
    ("Because hair shedding after childbirth can thin the hair, our nurse orders blood work before any PRP or stem "
     "cell session.", "hair-loss"),
    ("My grandmother had leukemia, so when the cord blood brochures started showing up in my mailbox, I read every word.",
     "leukemia"),
])
def test_no_claim_in_organ_scars_harms_trial_names_and_other_treatments(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_a_keywords_line_is_an_index_not_a_claim(claims_of):
    text = ("A phase 2 trial of intrathecal mesenchymal stromal cells in ALS is recruiting.\n\n"
            "Keywords: ALS, motor neuron disease, mesenchymal stromal cells, intrathecal, cell therapy\n")
    keywords = text.index("Keywords")
    assert not [c for c in claims_of(text) if c.start >= keywords]
    assert [c for c in claims_of(text.replace("Keywords:", "We treat")) if c.start >= keywords]


def test_a_reply_quoted_under_its_byline_goes_on_about_the_thread(claims_of):
    text = ("My husband's Nassau stem cell trip, 4 months out\n\n"
            "**u/bulbar_bob_wife** · 20h\n"
            "Thank you for this. My dad did Nassau too for his ALS and he swears his legs are stronger.\n\n"
            "> **u/nana_of_5** · 18h\n"
            "> Same here, my husband's arms got stronger after Nassau too\n")
    reply = text.index("> **u/nana_of_5**")
    assert any(c.condition.id == "als" and c.end > reply and not c.negated for c in claims_of(text))


@pytest.mark.parametrize("text, condition", [
    # a wait is no refusal ("won't" is two tokens, so its pattern needs the anchor "wo")
    ("Our cord cells help many children. We won't take a child with autism until they're 4.", "autism"),
    ("Take parkinsons. Our cord MSCs go to the substantia nigra and protect what's left.", "parkinsons-disease"),
])
def test_a_wait_and_an_organ_of_the_disease_make_claims(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    ("Our clinic sells stem cells. It helped his energy for a few weeks, then nothing, and his Parkinson's kept "
     "progressing.", "parkinsons-disease"),
    ("Please talk to your MS team before spending money on any stem cell treatment.", "multiple-sclerosis"),
])
def test_a_treatment_that_faded_and_advice_to_ask_the_team_claim_nothing(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_what_the_conditions_lack_does_not_deny_the_list_under_it(claims_of):
    text = ("Cord blood and cord tissue are also being studied for conditions that have no approved cell treatment, "
            "including:\n\n- autism spectrum disorder\n- cerebral palsy (CP)\n")
    claims = [c for c in claims_of(text) if c.condition.id == "autism"]
    assert claims and not any(c.negated for c in claims)


def test_what_patients_could_not_do_before_is_no_denial(claims_of):
    text = ("Stroke recovery\n\nOur intravenous umbilical cord MSCs travel to the injured part of the brain. "
            "Patients who could not lift a cup begin to use the weak arm again within weeks.")
    after = text.index("Patients who")
    assert any(c.condition.id == "stroke" and c.end > after and not c.negated for c in claims_of(text))


def test_a_yes_answer_names_the_condition_the_question_asked_the_effect_for(claims_of):
    text = ("We inject umbilical cord stem cells.\n\n### Is it better than knee surgery?\n\n"
            "For arthritic knees, in many cases yes.\n")
    assert affirmed(claims_of(text), "knee-osteoarthritis")
    covered = text.replace("better than knee surgery", "covered by insurance")
    assert not affirmed(claims_of(covered), "knee-osteoarthritis")


@pytest.mark.parametrize("text, condition", [
    ("Bogota NeuroCel uses stem cells. If someone you love has Lou Gehrig's, this is the clinic we would choose.", "als"),
    ("What I will tell you is that amniotic injections flood the injured disc with growth factors, and in most of my "
     "patients the pain fades for good.", "degenerative-disc-disease"),
])
def test_a_recommendation_and_the_writers_own_words_claim(claims_of, text, condition):
    assert affirmed(claims_of(text), condition)


@pytest.mark.parametrize("text, condition", [
    ("I spent a week at the resort and I loved the pool. The nurse was lovely. She said guests with arthritis often "
     "stop needing painkillers after the second stem cell infusion. I slept nine hours a night and my back felt fine.",
     "arthritis"),
    ("I bought the serum for my own face and I tried it for a month. The box says the exosomes heal acne scars. "
     "I did not see much change on my skin, and I used sunscreen every day.", "scars"),
])
def test_on_a_personal_blog_what_staff_and_packaging_said_is_reported(claims_of, text, condition):
    claims = affirmed(claims_of(text), condition)
    assert claims and all(c.attributed for c in claims)


@pytest.mark.parametrize("text, condition", [
    # a physiotherapist's own list of what helps
    ("Strengthening the thigh and hip muscles is the best-supported treatment for knee osteoarthritis that we have.",
     "knee-osteoarthritis"),
    ("Our clinic offers stem cells. Keep your money unless a proper trial shows that stem cells help arthritic knees.",
     "knee-osteoarthritis"),
    ("PRP is often sold beside stem cells. For knee osteoarthritis the PRP trials disagree with each other, so I don't "
     "recommend paying for it yet.", "knee-osteoarthritis"),
    ("MACI is approved for cartilage defects, but it is surgery for a defect rather than a fix for arthritis.", "arthritis"),
    # a treatment that failed: the ache crept back
    ("Our clinic sells stem cells. He paid for a stem cell injection into his arthritic knee. The knee felt great for "
     "a month, and then the ache crept back to exactly where it had been.", "knee-osteoarthritis"),
])
def test_reported_words_other_treatments_and_faded_results_on_blogs(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)



def test_a_person_named_in_a_post_keeps_both_diagnoses_across_post_headings(claims_of):
    text = ("Part 1\nMilo was diagnosed with CP at 14 months and autism at 3. We banked his cord blood when he "
            "was born.\n\nPart 3\nWeek 10 update: Milo took 4 steps holding the couch!!!\n")
    claims = claims_of(text)
    told = {c.condition.id for c in claims if not c.negated and "Milo took" in text[c.start:c.end]}
    assert told == {"cerebral-palsy", "autism"}


def test_a_hashtag_names_no_one_s_diagnosis(claims_of):
    text = ("Milo was diagnosed with CP at 14 months. Spoiler: they were wrong\n#cordblood #autismmom\n\n"
            "Week 10 update: Milo took 4 steps holding the couch!!! Our cord blood story.\n")
    told = {c.condition.id for c in claims_of(text) if "Milo took" in text[c.start:c.end]}
    assert "autism" not in told


def test_not_saying_but_insinuates(claims_of):
    claim = only(claims_of("I'm not saying cord blood cured his cerebral palsy... but I'm not NOT saying it."),
                 "cerebral-palsy")
    assert not claim.negated and claim.certainty == "hedged"
    # a disclaimer on its own still denies
    claim = only(claims_of("Now, I'm not saying cord blood cures cerebral palsy."), "cerebral-palsy")
    assert claim.negated


@pytest.mark.parametrize("text, condition", [
    ("Sure, and next year the same stem cell shots will fix diabetes too.", "diabetes"),
    ("lol sure, and I bet the exosomes fix my eczema and my credit score too", "eczema"),
    ("Ah yes, the neurologists hiding the stem cell cure for MS so they can sell more MRI scans.", "multiple-sclerosis"),
    ('"If these stem cells work for PTSD, where is the published trial?"', "ptsd"),
    ("The idea that stem cells heal Parkinson's is a myth.", "parkinsons-disease"),
    ("Stem cell injections for back pain aren't backed by good evidence.", "back-pain"),
    ("I wish stem cells had helped my MS, but they did not.", "multiple-sclerosis"),
    ("Stem cells did absolutely nothing for my knee arthritis.", "knee-osteoarthritis"),
    ("Wharton's jelly drips for my MS felt amazing for about six weeks, and then I had my worst relapse ever.",
     "multiple-sclerosis"),
])
def test_sarcasm_myths_and_failed_results_deny(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)


def test_a_product_code_name_tied_to_a_therapy_stands_for_it(claims_of):
    text = ("NeuroVance Doses First Patient in Trial of NV-12 Stem Cell Therapy\n\n"
            "A partner clinic in Nassau began offering NV-12 to patients with ALS outside the trial.\n")
    claims = [c for c in claims_of(text) if c.condition.id == "als" and "Nassau" in text[c.start:c.end]]
    assert claims and claims[0].therapy.text == "NV-12"
    # a condition's own name is no product: "COVID-19 stem cell therapy"
    assert not any(c.therapy.text == "COVID-19" for c in claims_of("Our COVID-19 stem cell therapy. COVID-19 is gone."))


def test_a_symptom_named_as_another_condition_s_is_that_condition(claims_of):
    claims = claims_of("I did 3 rounds of UC-MSCs in Panama and my MS fatigue is gone.")
    assert {c.condition.id for c in claims} == {"multiple-sclerosis"}


def test_a_readers_question_about_their_own_case_is_at_most_hedged(claims_of):
    claims = affirmed(claims_of("Will the exosome hair treatment work for my alopecia areata?"), "hair-loss")
    assert claims and all(c.certainty == "hedged" for c in claims)


def test_an_answer_that_turns_the_reader_away_withdraws_the_question(claims_of):
    text = ("# Hair FAQ\n\n## Will the exosome hair treatment work for my alopecia areata?\n\n"
            "Alopecia areata is an autoimmune condition, so please see a dermatologist. We don't treat it here.\n")
    assert not affirmed(claims_of(text, "markdown"), "hair-loss")
    # the same in a chat's paragraphs, and the question stays a hedged claim without the refusal
    chat = ("Our exosome hair treatment is popular.\n\nQ: will the hair treatment work for my alopecia areata?\n\n"
            "A: Alopecia areata is autoimmune, so please see a dermatologist. We don't treat it here.\n")
    assert not affirmed(claims_of(chat), "hair-loss")
    assert affirmed(claims_of(chat.replace(" We don't treat it here.", "")), "hair-loss")


def test_a_reply_under_its_byline_answers_the_question_of_the_post_before_it(claims_of):
    text = ("Our umbilical cord stem cells help bad knees.\n\n@danny_d_62 · 3 months ago\n"
            "Does it help back pain from a herniated disc? Asking for my dad.\n\n@deb.in.dayton · 3 months ago\n"
            "Danny, it worked wonders for my sister's disc.\n")
    claims = [c for c in claims_of(text) if "worked wonders" in text[c.start:c.end]]
    assert {c.condition.id for c in claims} & {"degenerative-disc-disease", "back-pain"}


def test_a_service_named_by_therapy_and_use_is_a_claim(claims_of):
    claim = only(claims_of("# Menu\n\n## PRP Hair Restoration · $750 per session\n\nBook online.\n", "markdown"),
                 "hair-loss")
    assert claim.therapy.id == "prp" and not claim.negated


@pytest.mark.parametrize("text, condition", [
    ("HAL-301 Stem Cell Therapy has received Orphan Drug Designation from the FDA for the treatment of ALS.", "als"),
    ("Our trial will test whether cord blood infusions are safe in children with cerebral palsy.", "cerebral-palsy"),
])
def test_designations_and_safety_trials_assert_nothing(claims_of, text, condition):
    assert not [c for c in affirmed(claims_of(text), condition) if c.certainty != "hedged"]


def test_a_cause_of_a_defect_is_not_a_use(claims_of):
    claims = claims_of("MACI is FDA-approved for adults with a cartilage defect in the knee, often from a sports injury.")
    assert {c.condition.id for c in claims} == {"cartilage-defect"}


def test_a_person_s_job_is_not_a_treatment_working(claims_of):
    text = "Exosome drips are sold for RA here. Hospital pharmacist here, I work in the rheum infusion center."
    assert not [c for c in claims_of(text) if "pharmacist" in text[c.start:c.end]]


@pytest.mark.parametrize("text, condition", [
    ("My aunt went to Tijuana for stem cells for her COPD. She still needs oxygen around the clock.", "copd"),
    ("We tried the cord blood infusion for our son's autism in 2022. Honestly, we saw nothing.", "autism"),
    ("He had the stem cell shots for his knee arthritis. Six months later he had the knee replaced anyway.",
     "knee-osteoarthritis"),
    ("I paid $12,000 for exosomes for my long COVID. Total waste.", "long-covid"),
])
def test_a_treatment_told_and_then_told_to_have_failed_claims_nothing(claims_of, text, condition):
    assert not affirmed(claims_of(text), condition)
    # the same treatment told without the failure is still the writer's claim
    assert affirmed(claims_of(text.split(". ")[0] + "."), condition)
