"""From mentions to claims: one (therapy, condition) pair per sentence or list item,
with its predicate, certainty, polarity and appeals.

Discourse rules (see docs/design.md):
- a sentence that names a condition and a predicate but no therapy takes the therapy
  from the block's previous sentences, the section heading, an open frame or the
  document's main therapy (marked inferred);
- "these conditions" refers back to the last sentence that named conditions;
- a heading or lead-in such as "Conditions we treat:" or "Uses of stem cell therapy"
  opens a frame: conditions named under it, without a predicate of their own, are
  claims of the frame;
- a sentence with a therapy and a predicate but no condition, under a heading that
  names a condition, is a claim about that condition (once per section).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from claimcheck.layout import CHAT_STAMP_RE, VIDEO_STAMP_RE
from claimcheck.matching import Mention, Sentence
from claimcheck.models import Claim, ConditionRef, TherapyRef
from claimcheck.ruleset import RuleSet

ABSOLUTE_PREDICATES = frozenset({"cure", "reverse", "eliminate"})
_WORD = re.compile(r"[A-Za-z0-9]+")
_CLAIM_PREDICATE_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
_CLAIM_PREDICATE_WITH = re.compile(r"\b(?:with|using)\b", re.IGNORECASE)
_DEFAULT_CONTEXT_WINDOW = 400  # characters around an abbreviation searched for context words
# frame predicates that present what follows as a list of uses ("We treat", "Therapy for")
_GAP_WORDS = re.compile(r"(?:\s+(?:for|in|of|with|to|the|a|an|people|patients|children|adults|any))*\s*", re.IGNORECASE)
_CERTAINTY_RANK = {"hedged": 0, "assertive": 1, "absolute": 2}
# an answer in a comment thread may open with its writer's name and a greeting:
# "Renew Cell Lounge · Hi Jeff! We don't treat autism here"
# "Renew Cell Lounge · Hi Jeff! ...", "[05/05/2025, 19:05] Valentina: Hola Marcus! Thank you for writing 🙏 Yes, ..."
# (a commenter's name run into the reply, as saved comment threads print it: "Brisa
# Caribe Cell Clinic Yes! We see ...")
_REPLY_OPENING = (r"\s*(?:\[[^\]\n]{4,30}\]\s*)?(?:[^\n·|:.!?\[\]]{1,40}(?:\s[·|]|:)\s+"
                  r"|(?-i:(?:[A-Z][\w'\u2019.-]*,?\s+){2,5}))?"
                  r"(?:(?:hi|hello|hey|hola|dear|thanks|thank you|great question|good question)\b[^.!?\n]{0,30}?"
                  r"(?:[.!,]+|\s*[\u2600-\u27bf\U0001f300-\U0001faff]+)\s*)*")
_NO_ANSWER = re.compile(
    _REPLY_OPENING + r"\s*(?:(?:unfortunately|sadly|honestly|in short|short answer)[,:]?\s+)?"
    r"(?:(?:no|nope|not (?:at the moment|currently|yet|so far|at this time|at present|really|reliably))\b[.,!:;\u2014-]"
    r"|there is (?:still )?no (?:good |reliable |strong |solid |convincing )?(?:evidence|proof)\b"
    r"|we do(?: not|n't) (?:treat|offer|provide|recommend)\b"
    # "Can exosomes help eczema? Honestly, I don't know yet, and the research is thin."
    r"|(?:i|we) (?:honestly |really |just )?(?:do(?: not|n't)|can(?:not|'t)) (?:know|say|tell|promise)\b"
    r"|(?:nobody|no one) knows\b"
    # "Stem cells for autism, MS, Parkinson's or COPD? Not outside a clinical trial."
    r"|not\s+outside\s+(?:of\s+)?(?:a\s+|an\s+|the\s+)?(?:clinical\s+|registered\s+|proper\s+)?(?:trial|study|research)"
    r"|only\s+(?:in|inside|within)\s+(?:a\s+)?(?:clinical\s+|registered\s+)?(?:trials?|stud(?:y|ies))\b"
    # "Can stem cells cure autism?" "We never promise a cure."; "No product can promise that."
    r"|(?:we|i) (?:never|do(?: not|n't)|would never|will never) (?:promise|claim|guarantee)\b"
    r"|(?:no|nobody|no one|no (?:product|treatment|clinic|doctor)) can (?:promise|guarantee)\b"
    # "Not that anyone has shown.", "Not in any good trial.", "Not on current evidence."
    r"|not (?:that (?:anyone|anybody|we|I) (?:has|have|can|could|know)|in any (?:good |controlled |real )?(?:trial|study)"
    r"|on (?:the )?current evidence|as far as (?:anyone|we|I) know)\b)", re.IGNORECASE)
# an answer that turns the asker away: "We don't treat it here.", "we would not recommend it"
_ANSWER_DENIES = re.compile(r"\b(?:we|I)\s+(?:do\s+not|don't|don\u2019t|cannot|can't|can\u2019t|won't|won\u2019t|would\s+not|wouldn't)\s+"
                            r"(?:treat|offer|recommend|do|provide)\s+(?:it|that|this|them|those)\b", re.IGNORECASE)


def _answered_no(text: str, start: int, end: int) -> bool:
    """Does the answer from `start` say no ("No. ...") or turn the asker away within its
    first lines ("... please see a dermatologist. We don't treat it here.")?"""
    return bool(_NO_ANSWER.match(text, start, end) or _ANSWER_DENIES.search(text, start, min(end, start + 240)))


_YES_ANSWER = re.compile(
    # (after a short qualifier: "In our experience, often yes.", "For arthritic knees, in many cases yes.")
    # "Partial tears, yes.", "It does, very often.", "It can, yes.", "Very much so."
    _REPLY_OPENING + r"\s*(?:(?:in (?:our|my) experience|for (?:[\w'-]+\s+){1,5}?[\w'-]+|honestly|in short|short answer"
    r"|(?!no\b|not\b)(?:[\w'\u2019-]+\s+){0,5}[\w'\u2019-]+(?=,\s+(?:(?:yes|absolutely|definitely)\b|100%)))[,:]?\s+)?"
    r"(?:(?:yes|yep|yeah|yup|absolutely|definitely|certainly|of course|for sure|very much so|without a doubt|100%"
    r"|(?:in (?:many|most) cases|often|usually|mostly|generally),? yes|(?:it's |it is )?(?:never|rarely|seldom|not) too late"
    r"|yes to (?:both|all(?: three| of them)?|each))"
    r"(?:\b|(?<=%))[.,!:;\u2014-]|(?:yes|absolutely)\s+(?:it|they|we|stem|our)\b"
    # "Yes Lorena!! Cerebral palsy, Down syndrome ... are all part of our pediatric program"
    r"|(?:yes|absolutely|definitely)\s+(?-i:[A-Z][a-z]+)[.,!]"
    r"|(?:it|they|we|the\s+cells|these\s+cells|that|this)\s+(?:does|do|can|will|did|could)(?![\w'\u2019])(?!\s+not\b)"
    r"\s*(?:[.,!]|\s+(?:yes|very|often|usually|mostly|in\s+(?:most|many)|for\s+most|help|work)\b))", re.IGNORECASE)
# a therapy name that modifies one of these nouns names a place, trade or study, not a use
# an answer spoken by the seller: "Lupus? We have seen remarkable results."
_SELLER_WE = re.compile(r"[\s\"'(]*(?:we|our\s+(?:patients|clients|team|doctors|physicians|results))\b", re.IGNORECASE)
_PATIENTS_REPORT = re.compile(
    r"\b(?:patients|clients|parents|families|members|people|most|many)\s+(?:\w+\s+)?(?:report|reports|reported|see|saw|notice|noticed|describe|described|feel|felt|tell\s+us|told\s+us)\b",
    re.IGNORECASE)
_PATIENT_NOUN = re.compile(r"\b(?:patients|clients|parents|families|people|children|kids|men|women|"
                           r"(?:most|many|all|some|several|half)\s+of\s+them)\b", re.IGNORECASE)
# "Stem Cells and MS: Separating Fact from Hype": a title that pairs the two names a topic
_TOPIC_PAIR = re.compile(r"\s*(?:and|&|&amp;|vs\.?|versus|or)\s*", re.IGNORECASE)
# "Northern MS Alliance", "the ALS awareness walk", "the Arthritis and Rheumatism Foundation"
_ORGANISATION_AFTER = re.compile(
    r"(?:\s+(?:and|&)\s+[\w'\u2019-]+){0,2}\s+(?:(?:family|families|patient|patients|research|support|care|awareness)\s+)?"
    r"(?:alliance|society|foundation|association|federation|trust|coalition|council|charity|institute|"
    r"awareness\s+(?:walk|5k|run|month|week|day))\b",
    re.IGNORECASE)
_BARE_TREATMENT_NOUNS = frozenset({"treatment", "treatments", "protocol", "protocols"})
# ... and the nouns for a medicine ("- relapsing MS with new lesions while on treatment")
_TREATMENT_NOUNS = _BARE_TREATMENT_NOUNS | {"therapy", "therapies", "medication", "medications", "medicine"}
# "..., for selected cartilage defects of the knee, MACI": the condition, then its therapy
_LEADS_TO = re.compile(r"(?:\s+(?:of|in)\s+(?:the\s+)?[\w-]+)?\s*[,:]\s*")
_FOR_JUST_BEFORE = re.compile(r"(?:\A|[,:;]\s*|\band\s+)[Ff]or\s+(?:[\w'-]+\s+){0,3}\Z")
# after a fronted "For MS": the seller gives something ("we combine IV and intrathecal doses")
_SELLER_GIVES = re.compile(
    r"[\w\s'’()-]{0,60}?,?\s*(?:we|our\s+(?:team|doctors|physicians|specialists|clinic))\s+"
    r"(?!(?:do\s+not|don't|don’t|cannot|can't|can’t|refer|recommend|suggest|advise|send|never|only|work|check|test|screen)\b)"
    r"(?=[^.!?]*\b(?:injections?|inject\w*|infusions?|infuse\w*|IVs?|drips?|doses?|cells|sessions?|applications?|"
    r"protocols?|programs?|programmes?|shots?|methods?|techniques?|procedures?|treatments?)\b)", re.IGNORECASE)
_SURGERY_FOR = re.compile(r"\b(knee|hip|shoulder|joint|spinal|spine|back|neck)\s+(?:replacement|fusion|surgery)s?\b",
                          re.IGNORECASE)
_CAN_WAIT = re.compile(r"\b(?:can|could|will|may)\s+(?:now\s+)?wait\b", re.IGNORECASE)
_SURGERY_CONDITIONS = {"knee": "knee-osteoarthritis", "hip": "hip-osteoarthritis", "shoulder": "shoulder-osteoarthritis",
                       "joint": "osteoarthritis", "spinal": "back-pain", "spine": "back-pain", "back": "back-pain",
                       "neck": "neck-pain"}
_CONTRASTED = re.compile(r"\b(?:rather\s+than|instead\s+of|unlike|not)\s+(?:(?:offering|using|giving|trying|recommending|"
                         r"doing|selling|providing)\s+|(?:being\s+)?(?:treated|treating|treat)\s+(?:them\s+|it\s+)?with\s+)?"
                         r"(?:the\s+|a\s+|an\s+)?\Z", re.IGNORECASE)
_GERUND = re.compile(r"\s+[a-z]+ing\b")
_WITHDRAWN = re.compile(r"\b(?:withdrawn|withdrew|revoked|rescinded|no\s+longer\s+(?:approved|authori[sz]ed|licensed|available)|"
                        r"lost\s+(?:its|their)\s+(?:[A-Z]{2,3}\s+|marketing\s+)?(?:approval|authori[sz]ation|licen[cs]e))\b",
                        re.IGNORECASE)
_PREVALENCE = re.compile(
    r"\b(?:people|Americans|adults|children|women|men|the\s+population)\s+(?:over|under|aged|older\s+than|younger\s+than|"
    r"in\s+the\s+(?:US|U\.S\.|UK|world|country)|worldwide|around\s+the\s+world|nationwide)\b"
    r"|\b(?:at\s+some\s+point|in\s+their\s+lifetimes?|in\s+their\s+lives)\b", re.IGNORECASE)
# a greeting or thanks that opens a reply (after a chat stamp and a name)
_GREETING = re.compile(r"\s*(?:\[[^\]\n]{1,40}\]\s*)?(?:[^:\n]{1,40}:\s*)?(?:hi|hello|hey|hola|dear|good\s+(?:morning|afternoon|evening)|"
                       r"thanks|thank\s+you|many\s+thanks)\b(?![^.!?\n]*\?)", re.IGNORECASE)
# a list item that sends the patient elsewhere ("- Referral to an orthopedic surgeon for large tears")
_REFERRAL = re.compile(r"[\s\"'*-]*(?:an?\s+)?(?:referrals?|we\s+refer|referred)\s+(?:you\s+)?to\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which|who|whose|where)\b", re.IGNORECASE)
# a treatment other than the page's own, named as the means ("using physical therapy",
# "with adjustments and traction", "do better with an early surgical repair")
_OTHER_TREATMENT = re.compile(
    r"\b(?:using|with|through|by\s+means\s+of)\s+(?:[\w-]+\s+){0,2}?(?:physical\s+therapy|physiotherapy|surgery|"
    r"medications?|medicines?|drugs|exercises?|weight\s+loss|diet|rest|cortisone|steroids|chemotherapy|"
    r"radiation|insulin|braces?|orthotics|inhalers?|antibiotics|painkillers|adjustments|traction|massage|"
    r"acupuncture|surgical\s+repair|(?:knee|hip|shoulder|joint)\s+replacement|splints?|straps?)\b", re.IGNORECASE)
# procedures other than cell therapy that a clause can be about ("Radiofrequency ablation
# can quiet facet joint pain"); unlike a medicine, a procedure is often what the cells are
# sold to spare, so one that is avoided, awaited or compared is not the agent
_OTHER_PROCEDURE = (
    r"chiropractic\s+(?:adjustments?|care|treatment)|spinal\s+(?:decompression|manipulation)|massage(?:\s+therapy)?|"
    r"acupuncture|traction|radiofrequency\s+(?:ablation|neurotomy)|(?:nerve|facet)\s+blocks?(?:\s+procedures?)?|"
    r"epidural(?:\s+steroid)?\s+injections?|epidurals|(?:total\s+|partial\s+)?(?:knee|hip|shoulder|joint)\s+replacements?|"
    r"arthroplasty|arthroscopic\s+[\w-]+(?:\s+(?:repair|surgery))?|(?:meniscus|meniscal|rotator\s+cuff|tendon|ACL|surgical)\s+repairs?|"
    r"(?:micro)?discectomy|laminectomy|spinal\s+fusion|anti-inflammatory\s+(?:medicines|medications|drugs)"
)
_PROCEDURE = re.compile(rf"(?i:{_OTHER_PROCEDURE})")
# (a procedure awaited or compared, or the occasion of the treatment: "told he needs a knee
# replacement", "rather than a fusion", "during a rotator cuff repair")
_PROCEDURE_NOT_AGENT = re.compile(
    r"\b(?:need\w*|without|no|instead\s+of|"
    r"alternatives?\s+to|rather\s+than|than|before|after|following|during|since|candidate\s+for|"
    r"scheduled\s+for|booked\s+for|facing|told\s+(?:\w+\s+)?(?:needs?|needed)|list\s+for|off\s+the)"
    r"\s+(?:(?:a|an|the|his|her|my|your|their|another|any|more)\s+)?(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE)
# ... or one the clause tells was avoided or called off: "avoid a total knee replacement",
# "Spinal fusion is a big operation, and many of our back patients skipped the surgery
# altogether", "I cancelled my knee replacement"
_PROCEDURE_CALLED_OFF = re.compile(
    r"\b(?:cancel\w*|call\w*\s+off|skip\w*|avoid\w*|postpon\w*|delay\w*|put\s+off|spar(?:e|es|ed|ing)|dodg\w*|"
    r"no\s+longer\s+need\w*|(?:taken|came|come|went|go|got)\s+off\s+the\s+(?:[\w-]+\s+){0,2}list)\b", re.IGNORECASE)
# another treatment belittled next to the cells is compared with them, not the agent:
# "Cortisone only masks the pain of arthritis; amniotic tissue rebuilds the joint"
_BELITTLED = re.compile(
    r"\s+(?:(?:only|just|merely|simply)\s+(?:masks?|covers?\s+up|hides?|numbs?|dulls?|treats?\s+the\s+symptoms|"
    r"buys?\s+time|postpones?|delays?)|(?:is|are)\s+(?:only|just|merely)\s+a\s+band-?aid)\b", re.IGNORECASE)
# another treatment the clause is about: "Rehabilitation remains the proven treatment
# after stroke", "there are approved medicines that help", "What does help CP is PT"
_OTHER_TREATMENT_NAMED = re.compile(
    r"(?<!no\s)(?<!without\s)(?<!less\s)(?<!of\s)(?<!skip\s)(?<!avoid\s)"
    r"\b(?:PT|ABA|DBS|(?i:rehabilitation|rehab|physiotherapy|physical\s+therapy|occupational\s+therapy|speech\s+therapy|"
    r"botox|hippotherapy|equine\s+therapy|music\s+therapy|"
    r"deep\s+brain\s+stimulation|(?:two|three|several|both)\s+(?:approved\s+)?(?:medicines|medications|drugs)|"
    r"physical\s+therapist|physiotherapist|weight\s+loss|strengthening\s+(?:work|exercises?)|"
    r"strengthening\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){0,4}?muscles|(?:supervised\s+)?exercise\s+(?:therapy|programmes?|programs?)|"
    r"losing\s+(?:even\s+)?(?:a\s+(?:modest|little|small|bit\s+of)\s+)?(?:amount\s+of\s+)?weight|"
    r"cortisone(?:\s+(?:shots?|injections?))?|steroid\s+(?:shots?|injections?)|gel\s+shots?|hyaluronic\s+acid|"
    r"minoxidil|finasteride|levodopa|carbidopa|riluzole|edaravone|metformin|methotrexate|donepezil|memantine|"
    # brand names of the usual medicines ("her MS has been quiet on Ocrevus for three years")
    r"ocrevus|kesimpta|tysabri|copaxone|tecfidera|gilenya|mavenclad|lemtrada|humira|enbrel|xeljanz|olumiant|"
    r"rinvoq|spinraza|radicava|relyvrio|qalsody|leqembi|kisunla|aricept|sinemet|rytary|ozempic|mounjaro|"
    r"jardiance|januvia|entresto|prednisone|keppra|"
    # treatments sold beside the cells that are not cells ("NAD+ is a coenzyme ...",
    # "Microneedling is what softens acne scars", "BPC-157 is a peptide")
    r"nad(?=\+)|nmn|glutathione|myers'?\s+cocktail|bpc-?157|tb-?500|ozone\s+therapy|hyperbaric(?:\s+oxygen)?|"
    r"chelation|microneedling|laser\s+resurfacing|red\s+light\s+therapy|semaglutide|tirzepatide|"
    # blood sugar brought under control, chiropractic adjustments
    r"(?:getting|keeping|got|kept|get|keep)\s+(?:her|his|my|their|your|the)?\s*(?:blood\s+)?sugars?\s+(?:under\s+control|in\s+range|in\s+check|down)|"
    r"adjustments|"
    # "care in a multidisciplinary ALS clinic also helps people live longer"
    r"multidisciplinary\s+(?:care|clinics?|teams?)|care\s+in\s+(?:a|an|the)\s+(?:multidisciplinary|specialist|specialised|specialized)\b|"
    r"palliative\s+care|supportive\s+care|gla:?d\b|hydrotherapy|"
    # "The surgery is what fixed it."
    r"(?:the\s+)?(?:surgery|operation|fusion|decompression|laminectomy|replacement)(?=\s+(?:is|was)\s+what\b)|"
    # "Sunscreen every single day is still the best anti-aging product", "wearing SPF 50"
    r"sunscreens?|spf\s*\d*|retinoids?|retinol|tretinoin|"
    r"bracing|anti-VEGF|(?:approved|proven|standard|existing|conventional|licensed)\s+(?:[\w-]+\s+)?"
    r"(?:medicines|medications|drugs|treatments?|therapies)|"
    # "She's doing well on her medication": the medicine does the work
    r"(?:doing\s+(?:well|fine|great|okay|ok)|stable|well[\s-]+controlled)\s+on\s+(?:her|his|my|their|your)\s+"
    r"(?:[\w-]+\s+)?(?:medications?|medicines?|meds|drugs|pills|treatment|inhalers?|infusions?)|"
    rf"{_OTHER_PROCEDURE})"
    # a medicine by its generic name ("we use ruxolitinib", "ocrelizumab"): the stems
    # of kinase inhibitors and antibodies
    r"|[a-z]{3,}(?:tinib|citinib|parib|ciclib|lisib|umab|zumab|ximab|limab)"
    r"|(?:new|an?|weekly|daily)\s+exercise\s+(?:class|classes|program|programme|routine)"
    # "patients who got cortisone did better": another treatment was given
    r"|(?:got|get|gets|received|receive|receives|given|had)\s+(?:a\s+|an\s+)?(?:cortisone|steroids?|placebo|"
    r"surgery|physical\s+therapy|physiotherapy|chemotherapy|radiation))\b")
# the body's own cells as biology, not as the treatment: "As we get older, our own stem
# cells decline in number"
_NATURAL_DECLINE = re.compile(
    r"\b(?:our|your|their|his|her|the\s+body's|the\s+body’s)\s+(?:own\s+)?(?:stem\s+)?cells\s+(?:naturally\s+|slowly\s+|"
    r"gradually\s+|steadily\s+)?(?:decline|declines|decrease|decreases|dwindle|dwindles|diminish|diminishes|drop|drops|"
    r"fall|falls|age|ages|wear\s+out|wears\s+out|become\s+fewer|lose|loses|slow\s+down|slows\s+down)\b", re.IGNORECASE)
_MEDICINE_AFTER = re.compile(r"\s+(?:medicines?|medications?|meds|drugs?|pills)\b", re.IGNORECASE)
_MEDICINE_OWNER = re.compile(r"\b(?:other|your|their|standard|approved|existing|usual|regular|current|prescribed)\s+\Z",
                             re.IGNORECASE)
_NAMED_DENIAL = re.compile(r"\b(?:not|never)\b|n't\b|n’t\b", re.IGNORECASE)
_COMPARISON = r"compar\w*|versus|vs\.?|against|than|outperform\w*|beats?|superior\s+to"
_COMPARED = re.compile(rf"\b(?:{_COMPARISON})\b", re.IGNORECASE)
# (after "Also" or "And"; a gloss in brackets may stand between: "For children with autismo
# (autism) and paralisis cerebral")
_FRONTED_FOR = re.compile(r"(?:\A|[.!?:]\s+|\n\s*)(?:(?:[Aa]lso|[Aa]nd|[Ee]ven)\s+)?(?P<for>[Ff]or)\s+(?:[\w'()-]+\s+){0,8}\Z")
_TRANSPLANT = re.compile(r"\btransplant(?:s|ed|ation|ations)?\b", re.IGNORECASE)
_REFERENCE = re.compile(r"\b(?:review|reviews|paper|papers|article|articles|link|links|summary|overview|"
                        r"write-up|meta-analysis|editorial|preprint|podcast|video)\s+(?:of|on|about)\b", re.IGNORECASE)
_STUDY_WORD = re.compile(r"(?:trials?|stud(?:y|ies))\Z", re.IGNORECASE)
_POST_BYLINE = re.compile(r"[\s>*_]*(?:u/[\w-]+|@[\w.-]+)[*_]*\s*[·|•]", re.IGNORECASE)
# a question about what the treatment does ("Is it better than knee surgery?", "Does it work?")
_EFFECT_QUESTION = re.compile(r"\b(?:better|help|helps|work|works|fix|fixes|heal|heals|repair|repairs|cure|cures|"
                              r"improve|improves|effective|reverse|reverses|regrow|regrows)\b", re.IGNORECASE)
_KEYWORDS_LINE = re.compile(r"[\s*_]*(?:key\s?words|tags|mesh\s+terms|topics|categories|filed\s+under)[*_]*\s*:",
                            re.IGNORECASE)
# a condition in the name of an organisation or a campaign: "the National Institute of
# Arthritis and Musculoskeletal and Skin Diseases" (case-sensitive: names are capitalised;
# "the Arthritis Foundation", "Autism Awareness Month": _ORGANISATION_AFTER)
_ORGANISATION_BEFORE = re.compile(
    r"\b(?:Institutes?|Foundation|Society|Association|Council|Department|Centre|Center|College|Federation|"
    r"Alliance|Trust|Academy|Journal|Division|School|Network|Coalition|Registry|Consortium|Agency)\s+(?:of|for|on)\s+"
    r"(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+(?:(?:and|&)\s+)?)*\Z")


def _in_organisation_name(text: str, m: "Mention") -> bool:
    """Is the capitalised condition name part of an organisation's or a campaign's name?"""
    if not text[m.start:m.start + 1].isupper():
        return False
    return bool(_ORGANISATION_BEFORE.search(text, max(0, m.start - 80), m.start)
                or _ORGANISATION_AFTER.match(text, m.end))


_INSTITUTION_AFTER = re.compile(
    r"[\s-]+(?:clinics?|centers?|centres?|industry|industries|company|companies|business(?:es)?|firms?|"
    r"providers?|banks?|banking|labs?|laborator(?:y|ies)|trials?|stud(?:y|ies)|research|researchers?|"
    r"scientists?|field|market|tourism|sellers?|societ(?:y|ies)|network|websites?|ads?|advertis\w*|"
    r"brochures?|leaflets?|pamphlets?|flyers?|mailers?|salespeople|salesman|sales\s+reps?|"
    r"marketing|seminars?|hype|claims?|products? (?:are|is) not)\b", re.IGNORECASE)
# words that present a therapy as given to patients
_APPLIED = re.compile(
    r"\b(?:we|our|us|I|my|me|you|your|injections?|injected|injects?|injecting|infusions?|infused|infuses?|infusing|treating|shots?|IVs?|drips?|"
    r"sessions?|rounds?|doses?|procedures?|transplants?|implants?|treatments?|therap(?:y|ies)|protocols?|"
    r"programs?|programmes?|packages?|receiv(?:e|es|ed|ing)|got|gets?|getting|had|has|have|give[sn]?|gave|"
    r"giving|offer(?:s|ed|ing)?|sell(?:s|ing)?|sold|provid(?:e|es|ed|ing)|administer(?:s|ed|ing)?|"
    r"tried|try|trying|went|go|going|do(?:es)? well|did well|lists?|listed|plac(?:e|es|ed|ing)|"
    r"deliver(?:s|ed|ing)?|appl(?:y|ies|ied|ying))\b", re.IGNORECASE)
# a clause that talks about a subject ("we are going to talk about stem cells and autism")
# names the therapy and the condition as topics, not as a treatment given
_TOPIC_TALK = re.compile(
    r"\b(?:talk|talks|talking|talked|learn|learning|read|reading|ask|asking|hear|hearing|know|questions?|"
    r"information|info|facts?|myths?|truth|news|articles?|webinars?|podcasts?|videos?|posts?|guide|"
    r"discussion|discuss|discusses|discussing|write|writing|wrote|research(?:ing)?|curious|wondering)\s+"
    r"(?:more\s+|a\s+lot\s+|a\s+bit\s+)?(?:about|on|regarding)\b|\btopics?\b", re.IGNORECASE)
# what an outcome right after the condition's name says of it ("The burning in his feet is gone")
_OUTCOME_VALUES = frozenset({"cure", "improve", "relieve", "reverse", "eliminate"})
# a sentence that opens by defining or describing the condition ("MS develops when ...",
# "Autism is a developmental condition that ...") says what it is, not what treats it
_DEFINED = re.compile(
    r"(?:\s*\([^)]{1,40}\))?"
    # (an aside naming it otherwise: "ALS, sometimes called Lou Gehrig's disease, destroys ...")
    r"(?:,\s+(?:sometimes\s+|also\s+|often\s+)?(?:called|known\s+as|referred\s+to\s+as)\s+[^,.;:]{1,50},)?"
    r",?\s+(?:(?:is|are)(?!\s+(?:one\s+of\s+|among\s+)?our\b)|was|were|develops|develop|occurs|occur|happens|happen|affects|affect|"
    r"causes|cause|means|results|damages|damage|destroys|destroy|attacks|attack|strikes|strike|starts|start|begins|"
    r"begin|progresses|progress|involves|involve|refers|makes|make|steals|robs|slowly|gradually|usually|often|"
    r"typically|can\s+be|can\s+cause|can\s+affect|can\s+make)\b", re.IGNORECASE)
# a heading or lead-in over the list of who may join a study or get a procedure
_ELIGIBILITY = re.compile(
    r"\b(?:who\s+can\s+(?:take\s+part|join|participate|enrol+|apply|volunteer)|who\s+(?:may|might|could)\s+(?:qualify|be\s+eligible|join|take\s+part)|"
    r"eligib\w*|inclusion\s+criteria|exclusion\s+criteria|you\s+(?:may|might|could)\s+(?:be\s+able\s+to\s+)?(?:join|take\s+part|qualify|participate)|"
    r"(?:can|could|may)\s+take\s+part\s+if|who\s+we\s+are\s+looking\s+for|(?:to|can)\s+enrol+|participants\s+must|volunteers\s+(?:must|should|who)|"
    # "We usually consider a referral only when all of these apply:"
    r"(?:consider|offer|make)\s+(?:a\s+)?referral\s+only\s+(?:when|if)|only\s+(?:when|if)\s+all\s+of\s+(?:these|the\s+following)\s+apply|"
    r"(?:who|patients\s+who)\s+(?:is|are)\s+(?:a\s+)?(?:suitable|good)\s+candidates?\s+for\s+(?:referral|the\s+(?:trial|study)))",
    re.IGNORECASE)
# a clause joined on ("..., and adipose cells are not approved", "..., while others found no
# difference"), not the commas of a list ("for DCP, autism and Down syndrome is not registered")
_CLAUSE_MARK = re.compile(r"[,:\u2014]\s*(?:and|but|while|whereas|although|though|yet|so)\b|;", re.IGNORECASE)
_SENTENCE_END_INSIDE = re.compile(r"[.!?]\s")  # a heading of two sentences ("My son has autism. Can you help?")
# "his PT measured": a person, not another treatment
_POSSESSIVE_BEFORE = re.compile(r"\b(?:his|her|my|their|your|our)\s+\Z", re.IGNORECASE)
# how many conditions a counting word in a reply points back at ("Yes, we treat both")
_COUNTED = {"both": 2, "both of them": 2, "both of these": 2, "both of those": 2, "all three": 3, "all four": 4}
_ARTICLE_TITLE = re.compile(r"[:?]\s*(?:what|how|why|when|should|do|does|can|is|are|the\s+evidence|facts|myths?|"
                            r"a\s+guide|questions|your\s+questions|the\s+truth|separating)\b", re.IGNORECASE)
_BLOOD_DISEASE_THERAPIES = frozenset({"hsc", "cord-blood", "car-t"})
_OWNER_INSIDE = re.compile(r"\b(?:his|her|my|their)\s", re.IGNORECASE)
_OWNER_AFTER = re.compile(r"\s+(?:in|of)\s+(?:his|her|my|their)\s", re.IGNORECASE)
_THERAPIST = re.compile(r"PT|physical\s+therapist|physiotherapist", re.IGNORECASE)
# a therapy someone only considers: "you're thinking about stem cells"
_CONSIDERED = re.compile(
    r"\b(?:thinking\s+(?:about|of)|considering|looking\s+into|curious\s+about|wondering\s+about|"
    r"reading\s+(?:up\s+)?(?:about|on)|heard\s+(?:about|of)|asking\s+about|ask\s+about|questions\s+about|"
    r"tempted\s+by|on\s+the\s+fence\s+about"
    # (a check made first: "our nurse practitioner orders blood work before any PRP or stem cell session")
    r"|(?:blood\s+work|labs|tests?|screening|bloods|a\s+consultation|an\s+exam)\s+before\s+(?:any|your|a|the|each|every))"
    r"\s+(?:[\w'’-]+\s+){0,3}?\Z", re.IGNORECASE)
# the predicate names its own agent: "treated with chemotherapy", "managed by medication"
_OTHER_AGENT = re.compile(
    r"\s+(?:first\s+|successfully\s+|well\s+)?(?:with|by|using|through)\s+(?!(?:it|them|this|these|the\s+cells|cells|"
    r"at\s+least|up\s+to|about|around|nearly|almost|over|more\s+than|as\s+much\s+as|half|a\s+third|a\s+quarter|"
    r"one|two|three|four|five|\d|an?\s+(?:average|median|mean|factor|third|quarter|half|lot|wide\s+margin)|average|"
    r"roughly|approximately|some|as\s+much|far|"
    # a time, not an agent: "had lifted by the end of the stay", "healed by week six"
    r"the\s+(?:end|time|start|middle|next|second|third|fourth|last)|then|now|week|month|day|spring|summer|fall|winter|"
    # the route the cells are given by: "injected by lumbar puncture", "infused through an IV"
    r"(?:an?\s+|the\s+)?(?:lumbar\s+punctures?|spinal\s+taps?|IVs?|drips?|intravenous|intrathecal|ultrasound|"
    r"catheters?|needles?|injections?|infusions?|a\s+thin\s+needle))\b)", re.IGNORECASE)
# after "not": a treatment verb, the therapy (masked as T) and "for" before the condition
_DENIED_USE = re.compile(
    r"\s+(?:\w+\s+)?(?:offer|provide|use|give|recommend|sell|perform|do|prescribe|inject|infuse)s?\s+"
    r"(?:[\w-]+\s+){0,2}?T+(?:(?:\s*,\s*|\s+(?:or|and|nor)\s+)T+)*(?:\s+(?:\w+\s+){0,2}?)?\s*(?:for|to\s+treat|in)\s+(?:[\s,]|or|and|nor|T|people|patients|children|adults|with)*",
    re.IGNORECASE)
# "they don't apply to ALS", "does not work for MS", "have never helped with COPD"
_DENIED_REACH = re.compile(
    r"\s+(?:(?:yet|ever|really|even|always|necessarily)\s+)?(?:apply|applies|applied|work|works|worked|help|helps|helped|"
    r"extend|extends|extended|cover|covers|covered|carry\s+over|carries\s+over)\s+(?:to|for|with|in|on)\s+"
    r"(?:[\s,]|or|and|nor|T|people|patients|children|adults|with|the)*", re.IGNORECASE)
# a condition coordinated with an age describes the patients ("patients over 75 or with
# diabetes, who are not good candidates for a marrow draw")
_AGE_OR_CONDITION = re.compile(
    r"\b(?:over|under|above|below|older\s+than|younger\s+than|aged|age)\s+\d+(?:\s*(?:years?|yrs?)(?:\s+old)?)?"
    r",?\s+(?:or|and)\s+(?:those\s+|people\s+|patients\s+)?(?:with|who\s+have|who\s+has|living\s+with)\s+"
    r"(?:(?:a|an|poorly\s+controlled|uncontrolled|severe|diagnosed)\s+)*\Z", re.IGNORECASE)
_QUALIFIER_GAP = re.compile(
    r"\s+(?:with|complicated\s+by|causing|leading\s+to|with\s+a\s+history\s+of)\s+"
    r"(?:(?:a|an|the|repeated|recurrent|severe|prior|previous|past)\s+)*", re.IGNORECASE)
# a sentence that goes on about the patients (or the clinic) of the sentence before
_CONTINUING_SUBJECT = re.compile(
    r"[\s\"'(\u2600-\u27bf\U0001f300-\U0001faff\ufe0f]*(?:their|they|his|he|her|she|my|we|our|what\s+we|many|most|some|all|both|each|every|nearly|almost|within|"
    r"after|since|now|today|two|three|four|five|six|weeks|months|years|patients|parents|clients|families|people|"
    r"children|kids|mothers|moms|fathers|dads|results?|outcomes?|relief|improvements?|in\s+our|in\s+my)\b", re.IGNORECASE)
# ", a bone marrow stem cell product" / ", the only FDA-approved" / " (remestemcel-L": a
# description of the therapy named just before
_APPOSITION = re.compile(r"\s*(?:,\s*(?:a|an|the|its|our)\s+(?:[\w'’-]+\s+){0,5}?|\(\s*|,\s*(?:[\w'’-]+\s+){0,3}?(?:made|"
                         r"derived|grown|produced|manufactured|prepared|taken)\s+from\s+(?:[\w'’-]+\s+){0,4}?"
                         # "Ryoncil is the only FDA-approved mesenchymal stem cell product"
                         r"|\s+(?:is|was)\s+(?:the|a|an)\s+(?:only\s+|first\s+)?(?:[\w'’-]+\s+){0,3}?)")
# negation words that deny a noun rather than a verb ("in hospitals, not spas")
_BARE_NEGATIONS = frozenset({"not", "no"})
_BARE_PRONOUNS = frozenset({"it", "they", "them"})
# a story about a person: the outcome words in it are about the patient of the story
_PERSONAL = re.compile(r"\b(?:I|my|me|he|his|him|she|her|we|our)\b")
# outcomes told without naming the condition again ("After two rounds she ...")
_OUTCOME_PREDICATES = frozenset({"predicate-outcome-after", "predicate-outcome-free"})
_RECLAIMING_KEYS = _OUTCOME_PREDICATES | {"predicate-given", "predicate-instead-of-surgery"}
# a person's story told outcome first: "After two rounds I was walking without a cane. My
# arthritis had kept me housebound." (the outcome, then whose condition it was)
_STORY_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e|[Hh]e|[Hh]is|[Hh]im|[Ss]he|[Hh]er)\b")
# a post's byline standing alone: "Julian Voss @juliusvoss_hs", "**u/nana_of_5** · 18h"
_HANDLE_BYLINE = re.compile(r"[\s*_]*(?:[A-Z][\w.'\u2019-]*\s+){0,4}[*_]*\s*(?:@[\w.]+|u/[\w-]+)[*_]*(?:\s*[·|•][^\n.!?]{0,40})?\s*")
# an answer that is an outcome alone: "Brain fog?" "Gone."
_OUTCOME_ANSWER = re.compile(r"\s*(?:(?:totally|completely|basically|pretty\s+much|almost)\s+)?(?:gone|vanished|fixed|cured|healed|history"
                             r"|(?:much|way|so\s+much|a\s+lot)\s+better)\s*[.!]*\s*", re.IGNORECASE)
_CONFOUNDED = re.compile(
    r"\b(?:but|although|though)\s+(?:I|we|he|she|they)\s+(?:(?:was|were|had|have|has|'d|\u2019d)\s+)?also\s+(?:been\s+)?"
    r"(?:started\s+|began\s+|begun\s+)?(?:doing|taking|using|wearing|seeing|getting|on)\b"
    # "My jet-lag fatigue was gone by day three, but that's what happens when you sleep nine hours"
    r"|\bbut\s+that(?:'s|\u2019s|\s+is)\s+(?:just\s+|also\s+)?what\s+happens\s+when\b"
    # mixed results told together: "they felt more energetic for a few weeks; others felt no
    # change at all"
    r"|[;,]\s*(?:but\s+)?(?:others|other\s+people|the\s+rest|some)\s+(?:felt|saw|noticed|got|had|experienced)\s+(?:no|nothing|little|zero)\b",
    re.IGNORECASE)
_WHICH_DID = re.compile(r"\bwho\s+knows\s+(?:which|what)\b|\bhard\s+to\s+(?:say|know|tell)\s+(?:which|what)\b", re.IGNORECASE)
# a title of a university, a hospital or a society's page ("Stem cells in neurology: MS,
# Parkinson's disease and ALS | Kenmore University Health"): it names its subjects
_ACADEMIC_TITLE = re.compile(
    r"\b(?:University|Universit\u00e4t|Hospital|Hospitals|Health\s+System|Medical\s+(?:Center|Centre|School)|NHS|"
    r"School\s+of\s+Medicine|Department\s+of|Society|Association|Alliance|Foundation|College\s+of)\b", re.IGNORECASE)
_CREDITED_TO = re.compile(r"\b(?:puts?|putting)\s+(?:it\s+|that\s+|this\s+)?down\s+to\b|\bcredits?\s+(?:it\s+|that\s+)?(?:to|for)\b"
                          r"|\bthanks\s+to\b|\bbecause\s+of\b|\bowes?\s+(?:it|that)\s+to\b", re.IGNORECASE)
# (a trial's page title is a research claim: "CORDIAL-ALS: cord tissue stromal cell infusions in ALS")
_TRIAL_TITLE = re.compile(r"\b[A-Z]{3,}(?:-[A-Z0-9]+)+\b|\b(?:[Tt]rials?|[Ss]tud(?:y|ies)|[Rr]esearch)\b")
_WHAT_ABOUT = re.compile(r"\b(?:what|how)\s+about\s+(?:for\s+)?(?:(?:my|your|his|her|their|our|a|an|the)\s+)?", re.IGNORECASE)
_HASHTAG_LINE = re.compile(r"\s*#[^\s#]+(?:\s+#[^\s#]+)*\s*")
# a heading that marks a stage of the writer's own story ("What they did", "Update, 3
# months", "Week 6"): the story goes on under it
_STORY_HEADING = re.compile(
    r"[\W_]*(?:(?:an?\s+|the\s+|my\s+|our\s+)?(?:update|updates|follow-up|follow\s+up|week|weeks|month|months|day|days|year|"
    r"part|results?|outcome|aftermath|recovery|progress|the\s+procedure|the\s+treatment|the\s+trip)\b"
    r"|what\s+(?:they|we|I)\s+(?:did|got|had)\b|how\s+(?:it|things)\s+(?:went|are\s+going|is\s+going)\b"
    r"|(?:before|after|since|now|today)\b)", re.IGNORECASE)
_ANY_JOINT = frozenset({"osteoarthritis", "arthritis", "joint-pain"})
_BODY_PART = re.compile(r"\b(knee|hip|shoulder|elbow|ankle|wrist|neck|spine|back)s?\b", re.IGNORECASE)
# the writer glad of somebody else's outcome ("I'm happy Gene feels better"): not their story
_GLAD_FOR = re.compile(r"\b(?:glad|happy|pleased|thrilled|delighted|relieved)\s+(?:that\s+|to\s+hear\s+(?:that\s+)?)?"
                       r"(?!I\b)(?:[A-Z][a-z]+|he|she|they|your|his|her)\b")
# a family's trip or visit for the treatment: "Last spring we flew to a clinic in Panama"
_WE_WENT = re.compile(r"\b[Ww]e\s+(?:flew|went|travel+ed|drove|took\s+(?:him|her|them)|brought\s+(?:him|her|them))\b")
# a family's treatment told: "We tried the cord blood infusion for our son's autism"
_WE_TRIED = re.compile(r"\b[Ww]e\s+(?:tried|did|had|paid|got|booked|chose)\b")
_STORY_PREDICATES = _OUTCOME_PREDICATES | {"predicate-outcome-better", "predicate-cure", "predicate-relieve",
                                           "predicate-improve", "predicate-reverse", "predicate-restore"}
# what a reply in a thread tells of the treatment asked about ("it worked wonders for my sister's disc")
_REPLY_PREDICATES = _STORY_PREDICATES | {"predicate-help"}
# what a post about a named person tells of them ("The knee replacement can wait!")
_PERSON_OUTCOMES = _STORY_PREDICATES | {"predicate-instead-of-surgery", "predicate-candidate"}
# how a person's treatment failed, told right after it
_FAILED_AFTER = re.compile(
    r"\b(?:nothing\s+(?:changed|happened|helped|improved|worked)|(?:is|was|are|were)\s+no\s+better|"
    r"the\s+same\s+as\s+before|(?:didn't|didn’t|did\s+not)\s+(?:help|work|do\s+(?:anything|a\s+thing))|"
    r"no\s+(?:change|difference|improvement)\s+(?:at\s+all|whatsoever)|made\s+(?:no|zero)\s+difference|"
    r"(?:it\s+)?all\s+came\s+back|waste\s+of\s+(?:money|time)|down\s+the\s+drain|(?<!no\s)new\s+lesions|"
    r"(?:only|just)\s+(?:got|made)\s+(?:him|her|me|it)\s+worse|"
    # "then the ache crept back to exactly where it had been", "back to square one"
    r"(?:crept|creeping)\s+(?:right\s+)?back|back\s+to\s+square\s+one|"
    r"back\s+to\s+(?:exactly\s+)?where\s+(?:it|they|he|she)\s+(?:had\s+been|was|were|started)|"
    # "No change in his walking", "Came back on more oxygen, not less", "she had the worst
    # relapse of her life", "ended up in the ER with pneumonia", "felt nothing"
    r"no\s+(?:real\s+)?change\s+in\s+(?:his|her|my|their|our)|came\s+back\s+(?:on\s+more|worse|sicker|exactly\s+the\s+same)|"
    r"more\s+oxygen,?\s+not\s+less|(?:the|her|his|my)\s+worst\s+(?:relapse|flare|attack|crash|episode)|"
    r"ended\s+up\s+in\s+(?:the\s+)?(?:ER|hospital|emergency\s+room|ICU)|(?:felt|noticed)\s+(?:absolutely\s+)?nothing|"
    r"zero\s+difference|"
    # "She still needs oxygen around the clock.", "we saw nothing", "Six months later he had
    # the knee replaced anyway.", "Total waste."
    r"still\s+(?:needs?|needed|uses?|used|on)\s+(?:the\s+|his\s+|her\s+|my\s+|their\s+)?(?:oxygen|insulin|inhalers?|walker|cane|"
    r"wheelchair|meds|medications?|painkillers)|(?:we|I|he|she|they)\s+saw\s+(?:nothing|no\s+(?:change|difference|improvement))|"
    r"had\s+(?:the|his|her|my|their)\s+(?:knee|hip|shoulder|joint)s?\s+replaced\s+anyway|"
    r"(?:total|complete|utter)\s+waste|ended\s+up\s+with\s+(?:a\s+|an\s+)?(?:blood\s+|bad\s+|serious\s+|spinal\s+)?(?:infection|sepsis))\b",
    re.IGNORECASE)
# the story went badly, or the condition goes on: no outcome to carry over
_STORY_WORSE = re.compile(
    r"\b(?:worse|worsen\w*|no\s+change|nothing\s+changed|unchanged|the\s+same(?!\s+(?:place|clinic|doctor|hospital|centre|center|city|country|trip|protocol|program|programme|treatment|cells|shots|injections|infusions|way|time|day|week|month|year|one|guy|team))|no\s+difference|progress\w*|"
    r"came\s+back|comes\s+back|come\s+back|returned|still|declin\w+|deteriorat\w+|didn't|did\s+not|not)\b",
    re.IGNORECASE)
# "my arthritis doctor": the condition names somebody's doctor, group or medicine
_CONDITION_AS_MODIFIER = re.compile(
    r"[\s'’s]*(?:doctor|doctors|specialist|specialists|nurse|clinic|clinics|group|groups|foundation|society|"
    r"medication|medications|meds|drugs?|pills?|diagnosis|community|charity|walk|fundraiser|research)\b", re.IGNORECASE)
_POSSESSED = re.compile(
    r"\b(?:my|his|her|their|our)\s+(?:[\w-]+(?:'s|\u2019s)\s+)?(?:(?:severe|chronic|progressive|bad|worsening|"
    r"early|late|advanced|mild|moderate|own)\s+)?\Z"
    r"|\b(?:I|he|she|they|we)\s+(?:also\s+)?(?:has|have|had|has\s+had|have\s+had|was\s+diagnosed\s+with|"
    r"were\s+diagnosed\s+with|lives?\s+with|lived\s+with|suffers?\s+from|suffered\s+from|struggled?\s+with|"
    r"struggles\s+with)\s+(?:[\w-]+\s+){0,2}\Z", re.IGNORECASE)
# a diagnosis told just before the condition ("My mom was diagnosed with Alzheimer's")
_DIAGNOSED_WITH = (r"\b(?:(?:was|were|been|got|being)\s+diagnosed\s+with|(?:had|got|received|was\s+given)\s+(?:a|the|his|her|their)\s+"
                   r"diagnosis\s+of)\s+(?:[\w-]+\s+){0,3}?\Z")
_DIAGNOSED = re.compile(_DIAGNOSED_WITH)
# whose condition a story tells: "Dolores was diagnosed with rheumatoid arthritis",
# "Sandra's relapsing MS", "his emphysema", "Ernesto has had type 2 diabetes"
_PERSON_HAS = re.compile(
    r"(?:\b(?:[Mm]y|[Hh]is|[Hh]er|[Tt]heir)|\b[A-Z][a-z]+(?:'s|\u2019s))\s+(?:[\w-]+\s+){0,2}?\Z"
    r"|\b(?:I|[Hh]e|[Ss]he|[Tt]hey|[A-Z][a-z]+|(?:[Mm]y|[Hh]is|[Hh]er|[Oo]ur|[Tt]heir)\s+(?:[\w-]+\s+)?[\w-]+)\s+(?:also\s+)?(?:has|have|had|has\s+had|"
    r"have\s+had|was\s+diagnosed\s+with|were\s+diagnosed\s+with|lives?\s+with|lived\s+with|suffers?\s+from|"
    r"suffered\s+from|struggled?\s+with|struggles\s+with|developed|was\s+born\s+with|"
    # an injury a person had: "Marcus tore part of his Achilles tendon"
    r"tore|injured|hurt|broke|ruptured|damaged|wrecked|blew\s+out|sprained|strained)\s+(?:[\w-]+\s+){0,3}?\Z"
    # a condition said of a person as an adjective: "she is autistic", "he was paralysed"
    r"|\b(?:I\s+am|I'm|[Hh]e\s+is|[Hh]e's|[Ss]he\s+is|[Ss]he's|[Hh]e\s+was|[Ss]he\s+was|[A-Z][a-z]+\s+(?:is|was))\s+(?:also\s+)?\Z"
    # the contracted forms: "I've also had sugar since 2011", "I've been bone on bone since 2019"
    r"|\b(?:I|[Ww]e|[Tt]hey)(?:'ve|\u2019ve)\s+(?:also\s+)?(?:had|been|got|lived\s+with|struggled\s+with|suffered\s+from)\s+(?:[\w-]+\s+){0,2}?\Z"
    # a diagnosis is a person's: "Aarav was born at 29 weeks and was diagnosed with cerebral palsy"
    r"|" + _DIAGNOSED_WITH)
# "Tom's right hand started shaking, and the Parkinson's diagnosis came a year later"
# a case study's diagnosis line: "**Diagnosis:** Secondary progressive MS, diagnosed in 2009."
_DIAGNOSIS_LABEL = re.compile(r"[\s*_]*(?:(?:primary|main|initial|working)\s+)?(?:diagnosis|diagnoses|condition|"
                              r"presenting\s+(?:complaint|problem)|chief\s+complaint|history)\s*[*_]*\s*[:\u2014-]",
                              re.IGNORECASE)
_DIAGNOSIS_AFTER = re.compile(r"\s+diagnosis\s+(?:came|followed|was\s+made|arrived)\b", re.IGNORECASE)
# a sentence that opens with a person's name ("Nora is five", "Mateo, the boy next door,
# has", "After two rounds, Mateo ...")
_OPENING_NAME = re.compile(r"(?:[A-Z][\w ]{0,24}:\s+)?(?:(?:After|Since|Then|Today|Now|Later|Within)\b[^,]{0,40},\s*)?([A-Z][a-z]{2,})(?:'s|’s)?\b(?=[\s,])")
# the words between two conditions of one person: "CP at 14 months and autism at 3"
_JOINED_CONDITION = re.compile(r"(?:\s+(?:at|since|from|in)\s+(?:age\s+)?[\w-]+(?:\s+(?:months?|years?|weeks?))?)?"
                               r"\s*(?:,\s*(?:and\s+)?|\s+and\s+(?:then\s+|later\s+|also\s+)?|\s+plus\s+)")
_NAME_WORD = re.compile(r"\b[A-Z][a-z]{2,}\b")
# the person a post or paragraph is about, named at its start: "Meet Linda, 68", "Linda
# update, week 1", "Linda, week 6: NO CANE."
_BLOCK_PERSON = re.compile(r"[\W_]*(?:(?:Meet|Introducing|This is|Say hi to|Say hello to)\s+)?([A-Z][a-z]{2,})\b"
                           r"(?=(?:'s|\u2019s)?(?:,|\s+update\b|\s+(?:is|was|has|had)\b|\s*[\u2600-\u27bf\U0001f300-\U0001faff]))")
# the writer or the reader in a sentence: its condition is not the person's of the post
_FIRST_OR_SECOND = re.compile(r"\b(?:I|[Mm]y|[Ww]e|[Oo]ur|[Yy]ou|[Yy]our)\b")
_A_PERSON = re.compile(r"\b(?:[A-Z][a-z]+(?:'s|\u2019s)|[Mm]y|[Hh]is|[Hh]er|[Hh]e|[Ss]he|I)(?=\s)")
# a therapy given to the person of a story: "In January she came to us for two IV rounds
# of our Wharton's jelly cells", "They chose our NeuroRenew package"
_GIVEN = re.compile(
    r"\b(?:rounds?|infusions?|injections?|shots?|drips?|IVs?|sessions?|doses?|courses?|packages?|protocols?|"
    r"programs?|programmes?|received|receives|got|had|underwent|chose|did|tried|flew|came\s+(?:to\s+us\s+)?for|"
    r"brought\s+(?:him|her|them)|infused|injected|given|gave|give|gives|giving)\b", re.IGNORECASE)
# predicates that make a sentence claim again in a section that has claimed already
_RECLAIMING_VALUES = frozenset({"cure", "reverse", "eliminate", "repair", "regenerate", "restore", "improve", "relieve",
                                "success-rate"})
_LISTING_PREDICATES = frozenset({"used-for", "treat", "option-for", "approved-for"})


@dataclass(slots=True)
class Modality:
    """What the modifier cues of a clause say about a claim."""

    negated: bool = False
    attributed: bool = False
    caution: bool = False
    hedged: bool = False
    research: bool = False
    absolute: bool = False
    evidence: bool = False
    testimony: bool = False
    population: str | None = None
    place: str | None = None  # a jurisdiction the clause names ("In South Korea, ...")
    cues: list[str] = field(default_factory=list)

    def certainty(self, predicate: str | None) -> str:
        if self.hedged:
            return "hedged"
        if self.absolute or predicate in ABSOLUTE_PREDICATES:
            return "absolute"
        return "assertive"


@dataclass(slots=True)
class Frame:
    """An open "conditions we treat" context."""

    therapy: TherapyRef
    predicate: str
    predicate_text: str
    modality: Modality
    scope: str  # "section" | "list"
    listing: bool = True  # "Conditions we treat" lists uses; a title such as "Restoring function" does not


@dataclass(slots=True)
class SentenceInfo:
    """Per-sentence facts that red-flag rules need."""

    sentence: Sentence
    therapy_ids: frozenset[str]
    claim_conditions: frozenset[str]
    reported: bool = False  # on a page that reports what others claim (news, notices, warnings)


@dataclass(slots=True)
class Section:
    """A heading and what follows it, up to the next heading of the same or a higher
    level."""

    level: int
    therapy: TherapyRef | None = None  # named in the heading
    conditions: list[Mention] = field(default_factory=list)  # a heading that names conditions
    therapy_heading: bool = False  # ... and the therapy too
    frame: Frame | None = None  # a heading such as "Conditions we treat"
    claimed: dict[str, int] = field(default_factory=dict)  # condition -> strongest certainty claimed so far
    modality: Modality | None = None  # what the heading's own cues say ("Conditions clinics claim to treat")
    pending: list[Claim] = field(default_factory=list)  # the heading's claims, if no sentence makes them
    question: bool = False  # the heading asks ("Do you treat blood cancers?")
    asked: list[Claim] = field(default_factory=list)  # claims the question heading made
    answered: bool = False  # the first block under the heading has been read
    first_block: int = -1  # ... and which it is
    # blocks of its own content before any sub-heading (a table or two paragraphs mean a
    # frame such as "Approved treatments we provide" has said its piece)
    own_content: int = 0
    eligibility: bool = False  # "Who can take part": the list below describes volunteers
    heading_span: tuple[int, int] = (0, 0)  # where the heading stands in the text


class ClaimExtractor:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        # organ cue id -> the conditions it can stand for (with the narrower ones)
        self.organ_conditions: dict[str, frozenset[str]] = {
            cue.id: frozenset(cid for cid in ruleset.conditions
                              if ruleset.condition_family(cid).intersection(cue.conditions))
            for cue in ruleset.cues if cue.category == "organ"}

    def extract(self, text: str, blocks: list[tuple[int, int, str, int, bool]],
                sentences: list[Sentence]) -> tuple[list[Claim], list[SentenceInfo], str | None]:
        """Claims in document order, facts per sentence, and the document's main therapy id."""
        named = {m.key for s in sentences for m in s.terms if m.kind == "condition" and m.abbreviation is None}
        offered = False  # inside a list after "Our cord cells treat:": the lead-in gives context
        for s in sentences:
            kind = blocks[s.block][2]
            if kind not in ("list_item", "table_cell"):
                offered = (text[s.start:s.end].rstrip().endswith(":") and bool(s.predicates)
                           and any(m.kind == "therapy" and m.abbreviation is None for m in s.terms))
            s.terms = [m for m in s.terms
                       if (m.abbreviation is None
                           or self._accept_abbreviation(m, s, text, named, offered and kind == "list_item"))
                       and not (m.kind == "condition" and _in_organisation_name(text, m))]
        for s in sentences:
            named_conditions = [(m.start, m.end) for m in s.terms if m.kind == "condition"
                                and _NAMED_DENIAL.search(text, m.start, m.end)]
            if named_conditions:
                # "wounds which do not heal", "pain that won't go away": the words are the
                # condition's name, not a predicate or a denial
                def inside(m: Mention) -> bool:
                    return any(a <= m.start and m.end <= b for a, b in named_conditions)
                s.predicates = [p for p in s.predicates if not inside(p)]
                s.modifiers = [m for m in s.modifiers if not (m.kind == "negation" and inside(m))]
            if (not any(m.kind == "therapy" for m in s.terms) and any(p.value == "success-rate" for p in s.predicates)
                    and _PREVALENCE.search(text, s.start, s.end)):
                # "About 10% of people over 65 have Alzheimer's": how common a disease is
                s.predicates = [p for p in s.predicates if p.value != "success-rate"]
            if not any(m.kind == "condition" for m in s.terms):
                implied = self._implied_by_surgery(s, text)
                if implied is not None:
                    s.terms.append(implied)
        topic = self._topic_therapy(blocks, sentences)
        first_person = _first_person_density(text)
        reporting, third_person = _reporting_voice(text, sentences, first_person)
        personal = first_person >= _STORY_PERSONAL_MIN
        for s in sentences:
            for m in s.modifiers:
                if m.kind == "speech" and reporting:
                    m.kind = "attribution"  # "a coordinator said the clinic's cells ..."
                elif (m.kind == "speech" and personal
                      and (_THIRD_PARTY_SPEAKER.search(speaker := _QUOTED.sub(" ", text[max(s.start, m.start - 50):m.start]))
                           # ("She said guests with arthritis often stop needing painkillers": a
                           # speaker met on the way speaking of others, not of herself)
                           or (_BARE_SPEAKER.fullmatch(text, s.start, m.start)
                               and not _SELF_SPOKEN.match(text, m.end)))
                      and not _KIN_SPEAKER.search(speaker)):
                    # on a blog or forum the writer's own voice is first person: what a clinic,
                    # an ad or its staff said is reported ("Another, in the Cayman Islands, said
                    # Parkinson's patients get their handwriting back"); family's words are testimony
                    m.kind = "attribution"
                elif (m.kind == "attribution" and not reporting and _TESTIFIED.match(text, m.start, m.end)
                      and _PATIENT_SUBJECT.search(text, max(s.start, m.start - 40), m.start)):
                    # "Many patients have told us the cells cured their back pain", "our
                    # clients tell us it works": on a page that sells, its patients' word is its own
                    m.kind = "testimony"
        by_block: dict[int, list[Sentence]] = {}
        for s in sentences:
            by_block.setdefault(s.block, []).append(s)
        walk = _Walk(self, text, topic, _condition_lists(blocks, by_block) | _ticked_lists(text, by_block))
        walk.personal = personal
        # headings with prose under them open sections even after a list of conditions
        walk.prose_after = {i for i in range(len(blocks) - 1) if blocks[i + 1][2] == "paragraph"}
        claims: list[Claim] = []
        infos: list[SentenceInfo] = []
        for index, block in enumerate(blocks):
            if block[2] == "code":
                continue
            block_sentences = by_block.get(index, [])
            claims.extend(walk.enter_block(index, block, block_sentences))
            for s in block_sentences:
                if not walk.matters(s):
                    walk.pass_over(s)
                    continue  # nothing here can make or inform a claim
                sentence_claims, info = walk.read(s)
                claims.extend(sentence_claims)
                infos.append(info)
        claims.extend(walk.close_sections(0))
        if walk.withdrawn:
            claims = [c for c in claims if id(c) not in walk.withdrawn]
        if third_person:
            # a news report, regulator's notice or warning makes no claims of its own: what
            # it lists and quotes is what clinics claim (research it describes stays hedged)
            # (a paragraph told in the first person is its writer's own story: a forum post
            # among reporting ones, "the cord cells I got in Nassau cured my fibrosis")
            # (words inside quotation marks are somebody else's: "'I threw out my insulin,' he says")
            own = [(start, end) for start, end, *_ in blocks
                   if len(_FIRST_PERSON.findall(_QUOTED.sub(" ", text[start:end]))) >= _OWN_BLOCK_MIN]
            claims = [c if c.negated or c.attributed or c.certainty == "hedged"
                      or any(a <= c.start < b for a, b in own) else replace(c, attributed=True)
                      for c in claims]
            # (and the selling words it names, "testimonials", "100% success", are theirs)
            infos = [replace(i, reported=True) for i in infos]
        return claims, infos, topic

    # ------------------------------------------------------------------------------
    def _claim(self, s: Sentence, therapy: TherapyRef, cond: Mention, text: str, predicate: str,
               predicate_text: str, mod: Modality, source: str, at: tuple[int, ...] = ()) -> Claim:
        """A claim spans the clauses it is made in (`at`: positions in them), or the
        whole sentence: "We cannot promise to stop Alzheimer's, but we can slow the
        decline" makes its claim in the second clause."""
        concept = self.ruleset.conditions[cond.key]
        condition = ConditionRef(
            id=concept.id, name=concept.name, category=concept.category,
            text=text[cond.start:cond.end], start=cond.start, end=cond.end, umbrella=concept.umbrella)
        appeals = tuple(a for a, on in (("evidence", mod.evidence), ("testimony", mod.testimony)) if on)
        clauses = [s.clause_of(pos) for pos in at if s.start <= pos < s.end]
        start = min((c[0] for c in clauses), default=s.start)
        end = max((c[1] for c in clauses), default=s.end)
        while end > start and text[end - 1] in " \t\n,;":
            end -= 1
        while start < end and text[start] in " \t\n,;":
            start += 1
        return Claim(
            start=start, end=end, therapy=therapy, condition=condition, predicate=predicate,
            predicate_text=predicate_text, certainty=mod.certainty(predicate),
            negated=mod.negated or mod.caution, attributed=mod.attributed or _scare_quoted(therapy, text, s),
            appeals=appeals, population=mod.population, place=mod.place, source=source,
            cues=tuple(dict.fromkeys(mod.cues)),
        )

    def _therapy_ref(self, mention: Mention, text: str, inferred: bool = False) -> TherapyRef:
        concept = self.ruleset.therapies[mention.key]
        return TherapyRef(concept.id, concept.name, text[mention.start:mention.end], inferred,
                          mention.start, mention.end)

    def _for_relations(self, text: str, therapies: list[Mention], conditions: list[Mention]) -> dict[int, Mention]:
        """"stem cell therapy for knee pain": a therapy, at most three words, "for", at
        most four words, a condition."""
        found: dict[int, Mention] = {}
        if not therapies or not conditions:
            return found
        for cond in conditions:
            for therapy in therapies:
                if therapy.end > cond.start:
                    continue
                gap = text[therapy.end:cond.start]
                m = _CLAIM_PREDICATE_FOR.search(gap)
                if m is None:
                    continue
                before, after = gap[:m.start()], gap[m.end():]
                # conditions listed between "for" and this one do not count as words:
                # "infusions for autism, Parkinson's disease or knee arthritis"
                offset = therapy.end + m.end()
                for other in conditions:
                    if offset <= other.start and other.end <= cond.start:
                        lo, hi = other.start - offset, other.end - offset
                        after = after[:lo] + " " * (hi - lo) + after[hi:]
                if len(_WORD.findall(before)) <= 3 and len(_WORD.findall(after)) <= 4 and not re.search(r"[.;:!?]", gap):
                    start = therapy.end + m.start()
                    found[id(cond)] = Mention("predicate", "predicate", "for-relation", start, start + 3, "used-for")
        for cond in conditions:
            if id(cond) in found:
                continue
            # "For stubborn tennis elbow, I do offer PRP": a fronted "for" phrase and a
            # therapy given after it in the same sentence
            fronted = _FRONTED_FOR.search(text, max(0, cond.start - 60), cond.start)
            if fronted is not None and any(t.start > cond.end and not re.search(r"[.!?]", text[cond.end:t.start])
                                           and _APPLIED.search(text, cond.end, t.end) for t in therapies):
                start = fronted.start("for")
                found[id(cond)] = Mention("predicate", "predicate", "for-relation", start, start + 3, "used-for")
                continue
            # "Hair restoration with exosomes", "treating knee pain using your own cells":
            # the condition, at most two words, "with"/"using", at most three words, a therapy
            for therapy in therapies:
                if therapy.start < cond.end:
                    continue
                gap = text[cond.end:therapy.start]
                m = _CLAIM_PREDICATE_WITH.search(gap)
                if (m is not None and len(_WORD.findall(gap[:m.start()])) <= 2
                        and len(_WORD.findall(gap[m.end():])) <= 3 and not re.search(r"[.;:!?,()]", gap)):
                    start = cond.end + m.start()
                    found[id(cond)] = Mention("predicate", "predicate", "with-relation", start, start + len(m.group()),
                                              "used-for")
                    break
        return found

    def _frame(self, s: Sentence, therapy: TherapyRef | None, text: str, mod: Modality, kind: str) -> Frame | None:
        """A heading or lead-in that presents what follows as uses of a therapy."""
        triggers = [m for m in s.modifiers if m.kind == "frame"] + list(s.predicates)
        if not triggers or therapy is None:
            return None
        trigger = s.predicates[0] if s.predicates else triggers[0]
        if (kind == "heading" and not any(m.kind == "frame" for m in s.modifiers)
                and text[trigger.start:trigger.end].lower() in _BARE_TREATMENT_NOUNS):
            return None  # "About the treatment", "Your protocol": what follows describes it, not its uses
        predicate = trigger.value if trigger.layer == "predicate" and trigger.value else "used-for"
        listing = any(m.kind == "frame" for m in s.modifiers) or predicate in _LISTING_PREDICATES
        return Frame(therapy=therapy, predicate=predicate, predicate_text=text[trigger.start:trigger.end],
                     modality=mod, scope="section" if kind == "heading" else "list", listing=listing)

    def _topic_therapy(self, blocks, sentences: list[Sentence]) -> str | None:
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        title_therapy = None
        for s in sentences:
            kind = blocks[s.block][2]
            for m in s.terms:
                if m.kind != "therapy":
                    continue
                counts[m.key] += 1
                first_seen.setdefault(m.key, m.start)
                if title_therapy is None and kind in ("title", "heading") and s.block <= 2:
                    title_therapy = m.key
        if title_therapy:
            return title_therapy
        if not counts:
            return None
        return min(counts, key=lambda k: (-counts[k], first_seen[k]))

    def _implied_by_surgery(self, s: Sentence, text: str) -> Mention | None:
        """"Skip the knee replacement, try cells first": the operation the therapy is
        offered instead of names the condition it treats (worn knees for a knee
        replacement, a bad back for a fusion)."""
        for p in s.predicates:
            if p.key != "predicate-instead-of-surgery":
                continue
            if _CAN_WAIT.search(text, p.start, p.end) and not any(m.kind == "therapy" for m in s.terms):
                continue  # "2 months later I'm hiking again, the knee replacement can wait": the story names it
            m = _SURGERY_FOR.search(text, p.start, p.end)
            if m is None:
                continue
            condition = _SURGERY_CONDITIONS[m.group(1).lower()]
            if condition in self.ruleset.conditions:
                return Mention("term", "condition", condition, m.start(), m.end())
        return None

    def _accept_abbreviation(self, m: Mention, s: Sentence, text: str, named: set[str],
                             context_given: bool = False) -> bool:
        abbr = m.abbreviation
        sentence_text = text[s.start:s.end]
        for veto in abbr.veto:
            for hit in re.finditer(veto, sentence_text):
                if s.start + hit.start() < m.end and m.start < s.start + hit.end():
                    return False
        if _defined_as_other(text, m):
            return False  # "an open access (OA) review": the text spells the abbreviation out as something else
        if not abbr.context or context_given:
            return True
        if m.kind == "condition" and m.key in named:
            return True  # the full name appears in the document
        if any(t.kind == "therapy" and t.abbreviation is None for t in s.terms) and s.predicates:
            return True  # "stem cells for MS": a treatment claim is context enough
        if m.kind == "condition" and _PERSON_HAS.search(text, max(s.start, m.start - 60), m.start):
            return True  # "bringing my dad for his COPD", "Sandra has relapsing MS": a person's illness
        window = text[max(0, m.start - _DEFAULT_CONTEXT_WINDOW):m.end + _DEFAULT_CONTEXT_WINDOW].lower()
        words = set(_WORD.findall(window))
        for word in abbr.context:
            if word.endswith("*"):
                stem = word[:-1]
                if any(w.startswith(stem) for w in words):
                    return True
            elif word in words or (" " in word and word in window):
                return True
        return False



class _Walk:
    """Reading one document in order: sections, open frames and what earlier
    sentences said, so that later sentences can lean on them."""

    def __init__(self, extractor: ClaimExtractor, text: str, topic: str | None, listed: set[int]) -> None:
        self.x = extractor
        self.rs = extractor.ruleset
        self.text = text
        self.topic = topic
        self.listed = listed  # blocks that belong to a list (or table) of conditions
        self.sections: list[Section] = []
        self.list_frame: Frame | None = None  # "Conditions we treat:" and the lines after it
        self.short = False
        # claims a "No." answer took back, by id; the dict keeps them alive so that no
        # later claim can be given the same id
        self.withdrawn: dict[int, Claim] = {}  # the block is a short line (a frame applies to it; prose needs its own verb)
        self.lead_in: Modality | None = None  # cues of the last lead-in ("Conditions clinics claim to treat:")
        self.antecedents: dict[str, Mention] = {}  # what "these conditions" refers to, by condition
        self.unclaimed: list[Mention] = []  # conditions the previous sentence named without a claim
        self.carried: list[Mention] = []  # conditions this sentence claimed from earlier ones
        # conditions the previous sentence of the block spoke of (claimed or not): "The
        # cells calm the immune system" continues "Our cells stop MS"
        self.recent: list[Mention] = []
        # the previous sentence of the block told a person's outcome without naming the
        # condition (sentence, predicate); the next one may say whose condition it was
        self.story: tuple[Sentence, Mention] | None = None
        # conditions a story told as a person's, not yet claimed, until its section ends:
        # the sentence that tells of the treatment given claims them
        self.story_conditions: list[Mention] = []
        self.story_told: list[Mention] = []  # ... and those claimed so, for the outcomes told after it
        # conditions the page told as a named person's ("Nora is five, she is autistic"), by
        # name, for the page: "Nora got four IV infusions" later is her treatment for them
        self.people: dict[str, list[Mention]] = {}
        self.names: dict[str, bool] = {}  # capitalised word -> whether the page uses it as a name
        self.block_person: str | None = None  # the named person the block opens with
        # the conditions of the thread's last question ("Did it do anything for your
        # emphysema?"), for the stories told in the replies below it
        self.thread_asked: list[Mention] = []
        # a page in the writer's own voice (a blog, a post): its story runs on under headings
        # such as "What they did" and "Update, 3 months"
        self.personal = False
        self.named_conditions: dict[str, int] = {}  # condition id -> where the page last named it
        self.named_mentions: dict[str, Mention] = {}  # condition id -> the page's last mention of it
        self.asked = []
        self.heading_asked: list[Mention] = []
        self.asked_in_heading = False
        self.eligibility_lead_in = False  # the last lead-in asks who may take part
        # conditions the last lead-in named without a claim ("In our review of 312 children
        # with autism:"), for the outcomes listed under it ("82% made better eye contact")
        self.lead_in_conditions: list[Mention] = []
        self.asked_claims: list[Claim] = []  # the hedged claims the question in self.asked made itself
        self.asked_start = -1  # where the paragraph of that question starts
        self.pending_asked: list[Mention] = []  # ... its conditions, left open for the next message
        self.greeted: list[Mention] = []  # a question's conditions, kept over a greeting before its answer
        self.post_asked: list[Mention] = []  # the conditions of the last question in the post since its byline
        self.post_named = False  # whether that post named conditions outside questions
        # conditions the previous paragraph named ("My dad had a stroke ..."), for a
        # personal outcome told in the next one ("His arm is definitely stronger.")
        self.block_conditions: list[Mention] = []
        self.previous_conditions: list[Mention] = []
        self.block_named_therapy = False
        self.table_therapy: TherapyRef | None = None  # named in an earlier cell of the table (its row)
        self.block_therapy: tuple[TherapyRef, bool] | None = None  # (therapy, named in research context)
        self.block: tuple[int, int, str, int, bool] = (0, 0, "paragraph", 0, False)
        self.index = 0
        self.block_has_conditions = False
        self.applied: dict[tuple[int, int], bool] = {}  # per clause: once, not once per condition
        self.prose_after: set[int] = set()  # blocks followed by a paragraph
        self.headings_seen = 0  # (the first heading is the page's title in plain text and Markdown)
        self.thread_reply = False  # the block is a reply quoted under its byline
        self.page_topic: list[Mention] = []  # the one condition the page's title names

    @property
    def section(self) -> Section | None:
        return self.sections[-1] if self.sections else None

    @property
    def frame(self) -> Frame | None:
        if self.list_frame is not None:
            return self.list_frame
        return next((sec.frame for sec in reversed(self.sections) if sec.frame), None)

    # ------------------------------------------------------------------------------
    def enter_block(self, index: int, block: tuple[int, int, str, int, bool],
                    sentences: list[Sentence]) -> list[Claim]:
        """Section bookkeeping; returns claims of headings whose section made none."""
        start, end, kind, level, _lead_in = block
        # a message that ends with a question, in a thread or chat ("My dad had a stroke ... Do
        # you have anything for him?"), is answered by the next one ("Yes, we have a program")
        after_question = (self.block[2] == "paragraph" and kind == "paragraph"
                          and self.text[self.block[0]:self.block[1]].rstrip(" \t\n\"')*_").endswith("?"))
        asked_before = self.block_conditions if after_question else []
        if not asked_before and kind == "paragraph" and self.block[2] == "paragraph" and self.greeted:
            asked_before = self.greeted  # "Do the cells work on bad knees too?" "Hi Gary!! Thank you for writing" "Yes to both."
        if kind == "heading" and _POST_BYLINE.match(self.text, start, end):
            # a reply's byline ("@deb.in.dayton · 3 months ago") starts an answer to the post
            # before it: to the question that post asked ("Does it help back pain from a
            # herniated disc? Asking for my dad."), or to the thread's question still
            if self.post_asked:
                self.thread_asked = list(self.post_asked)
            elif self.post_named:
                self.thread_asked = []
            self.post_asked, self.post_named = [], False
        elif kind == "heading":
            self.thread_asked = []
        elif after_question:
            self.thread_asked = list(asked_before)  # (a question of no condition, "Did it help your breathing?", too)
        self.greeted = (asked_before if kind == "paragraph" and _GREETING.match(self.text, start, end)
                        and len(_WORD.findall(self.text[start:end])) <= 14 else [])
        previous_start = self.block[0]
        # a reply quoted under its byline in a thread ("> **u/nana_of_5** · 18h / Same here, my
        # husband's arms got stronger"): it goes on about the posts before it, as a paragraph does
        self.thread_reply = kind == "blockquote" and _POST_BYLINE.match(self.text, start, end) is not None
        self.block = block
        self.index = index
        self.block_therapy = None
        self.block_has_conditions = False
        self.unclaimed = []
        self.recent = []
        self.story: tuple[Sentence, Mention] | None = None
        # a question heading's conditions reach the first paragraph under it, its answer
        pending, self.pending_asked = self.pending_asked, []
        if (self.asked_claims and self.asked_start == previous_start and kind == "paragraph"
                and _answered_no(self.text, start, end)):
            # "Q: will the hair treatment work for my alopecia areata?" "A: ... please see a
            # dermatologist before booking. We don't treat it here.": the question made no claim
            self.withdrawn.update((id(c), c) for c in self.asked_claims)
        if not pending and self.asked and self.asked_claims and self.asked_start == previous_start:
            pending = self.asked  # the question's paragraph ends unanswered
        if pending and ((kind == "heading" and len(_WORD.findall(self.text[start:end])) <= 12)
                        or (kind == "paragraph" and _HANDLE_BYLINE.fullmatch(self.text, start, end))):
            self.pending_asked = pending  # a byline between the question and its answer
        carried = pending if kind == "paragraph" else []
        self.asked = (self.heading_asked or list({c.key: c for c in asked_before}.values()) or carried
                      if kind in ("paragraph", "list_item") else [])
        self.asked_in_heading, self.heading_asked = bool(self.asked), []
        sub_heading = (kind == "heading" and bool(self.sections) and level > self.sections[-1].level
                       and not any(m.kind in ("condition", "therapy") for x in sentences for m in x.terms))
        # the conditions a paragraph may tell the outcome of: those of the block before it,
        # through a paragraph that only tells of the treatment ("In March we flew to a
        # clinic for cord cells") or a sub-heading ("### What to expect")
        if sub_heading:
            self.previous_conditions = self.block_conditions or self.previous_conditions
        elif kind != "paragraph" and not self.thread_reply:
            self.previous_conditions = []
        elif not self.block_conditions and (CHAT_STAMP_RE.match(self.text, start) or VIDEO_STAMP_RE.match(self.text, start)):
            pass  # a chat goes on about what was named a few messages before ("My mom has COPD" /
            # "Hi Rachel!! We see many patients like your mom" / "After the second drip most of them ...")
        elif self.block_conditions or not self.block_named_therapy:
            self.previous_conditions = self.block_conditions
        self.block_conditions = list(self.previous_conditions) if sub_heading else []
        self.block_named_therapy = False
        if kind != "table_cell":
            self.table_therapy = None
        conditions = [m for s in sentences for m in s.terms if m.kind == "condition"]
        # (only where it can matter: a block that names conditions, or a page with people in
        # it; _is_name reads the whole page once per new word)
        person = (_BLOCK_PERSON.match(self.text, start, end)
                  if kind == "paragraph" and (conditions or self.people) else None)
        self.block_person = person.group(1) if person and self._is_name(person.group(1)) else None
        short = self.short = _short_block(self.text, start, end)
        flushed: list[Claim] = []
        if ((kind == "title" or (kind == "heading" and self.headings_seen == 0 and level <= 1))
                and len({c.key for c in conditions}) == 1 and not self.page_topic
                and any(m.kind == "therapy" for x in sentences for m in x.terms)
                and not any(m.kind in ("hedge", "research") for x in sentences for m in x.modifiers)
                and not _ARTICLE_TITLE.search(self.text, start, end)):
            # "# Autism Spectrum Disorder: Stem Cell Therapy at Aarohan": the page is about autism
            self.page_topic = conditions[:1]
        if kind == "heading":
            self.headings_seen += 1
            if self.list_frame is not None and short and conditions and index not in self.prose_after:
                # a bare condition line under "Conditions we treat:" continues the list (not
                # "ABOUT ALS" over paragraphs about it)
                return flushed
            if not (self.personal and not conditions and _STORY_HEADING.match(self.text, start, end)):
                self.story_conditions, self.story_told = [], []
            flushed = self._open_section(level, conditions, sentences)
            self.list_frame = None
            self.lead_in, self.eligibility_lead_in = None, False
            self.lead_in_conditions = []
            self.antecedents = {}
        else:
            if kind == "paragraph" and conditions and (
                    any(m.kind == "condition" for m in sentences[0].terms)
                    or not any(p.key in _STORY_PREDICATES for p in sentences[0].predicates)) and not (
                    # (in the writer's own story, what the clinic said of the same conditions
                    # goes on with it: "The doctor told me the cells would heal the rotator cuff tear")
                    self.personal and any(self.rs.conditions_related(c.key, t.key) for c in conditions for t in self.story_told)):
                # a paragraph that opens with a condition of its own starts another story (not
                # "Outcome: he walks with a cane now. His bladder urgency has settled.")
                self.story_told = []
            section = self.section
            if section is not None and section is self.sections[-1] and (kind in ("table_cell", "list_item")
                                                                       or not short):
                section.own_content += 2 if kind == "table_cell" else 1
            if section is not None and not section.answered:
                section.answered, section.first_block = True, index
                if section.question and _answered_no(self.text, start, end):
                    # "Do you treat blood cancers?" "No. ...": the question made no claim
                    self.withdrawn.update((id(c), c) for c in section.asked + section.pending)
                    section.pending = []
                elif section.question and (section.pending or section.asked) and _YES_ANSWER.match(self.text, start, end):
                    # "Can stem cells help my COPD?" "Yes. ...": the answer makes the question's
                    # claim, which runs from the question to the end of the answer's first sentence
                    answer = sentences[0] if sentences else None
                    # (a question that names the therapy made its claim already: the answer
                    # replaces it)
                    made = [c for c in section.asked if c not in section.pending and not c.negated]
                    self.withdrawn.update((id(c), c) for c in made)
                    for c in section.pending + made:
                        if c.certainty == "hedged":
                            c = replace(c, certainty="assertive")
                        if answer is not None:
                            c = replace(c, end=max(c.end, answer.end))
                        flushed.append(c)
                    section.pending = []
                elif (section.question and not section.conditions and sentences
                      and _EFFECT_QUESTION.search(self.text, *section.heading_span)
                      and _YES_ANSWER.match(self.text, start, end)):
                    # "Is it better than knee surgery?" "For arthritic knees, in many cases yes.":
                    # the answer names the condition the question asked the effect for
                    answer = sentences[0]
                    therapy = self.infer_therapy()[0]
                    mod = modality(answer, (answer.start, answer.end))
                    if therapy is not None and not mod.negated:
                        flushed += [self.x._claim(answer, therapy, cond, self.text, "improve", "", mod, "sentence",
                                                  (answer.start,))
                                    for cond in answer.terms if cond.kind == "condition"]
        if kind not in ("heading", "list_item", "table_cell") and not short:
            self.list_frame = None
            if not _lead_in:
                self.lead_in, self.eligibility_lead_in = None, False
                self.lead_in_conditions = []
        return flushed

    def _open_section(self, level: int, conditions: list[Mention], sentences: list[Sentence]) -> list[Claim]:
        # A heading that names conditions but no therapy ("Autism", "Parkinson's support")
        # gives the section its subject; the sentences under it make the claim.
        condition_heading = bool(conditions) and not any(m.kind == "therapy" for s in sentences for m in s.terms)
        framed = [i for i, sec in enumerate(self.sections) if sec.frame]
        flushed: list[Claim] = []
        frame_done = bool(framed) and self.sections[framed[-1]].own_content >= 2 \
            and self.sections[framed[-1]].level >= level
        if condition_heading and framed and not frame_done:
            # "Autism" under "Conditions we treat" stays inside the frame, even when the
            # two headings have the same level (plain text has no real levels)
            frame_level = self.sections[framed[-1]].level
            while self.sections and self.sections[-1].level >= level and not self.sections[-1].frame:
                flushed += self._close(self.sections.pop())
            level = max(level, frame_level + 1)
        else:
            flushed = self.close_sections(level)
        # a heading speaks of what follows it: "What we do not offer" denies the list below
        heading_mod = _merge(modality(s, (s.start, s.end), open_end=True) for s in sentences) if sentences else None
        question = any(s.question for s in sentences)
        # a heading that names the therapy too ("Can stem cells help MS?") makes its own
        # claim, and the sentences under it go on about that condition
        # (not the page's first heading, its title: "Stem cells for autism, CP and SCI" is what
        # the whole page is about)
        therapy_heading = not condition_heading and self.headings_seen > 1
        self.sections.append(Section(level=level, conditions=conditions if condition_heading or therapy_heading else [],
                                     therapy_heading=therapy_heading,
                                     modality=heading_mod, question=question,
                                     eligibility=bool(_ELIGIBILITY.search(self.text, self.block[0], self.block[1])),
                                     heading_span=(self.block[0], self.block[1])))
        return flushed

    def close_sections(self, level: int) -> list[Claim]:
        """Close the sections at `level` or deeper (0: all)."""
        flushed: list[Claim] = []
        while self.sections and self.sections[-1].level >= level:
            flushed += self._close(self.sections.pop())
        return flushed

    @staticmethod
    def _close(section: Section) -> list[Claim]:
        # a question heading ("Can the cells help a worn-out knee?") asked it in its own words,
        # even when the answers under it go on to claim the same condition
        return [c for c in section.pending if c.condition.id not in section.claimed or section.question]

    def therapy_of(self, mention: Mention | None) -> tuple[TherapyRef | None, bool]:
        """The therapy a sentence names (`mention`), or the one it is taken to be about,
        and whether that came from a research context."""
        if mention is not None:
            return self.x._therapy_ref(mention, self.text), False
        return self.infer_therapy()

    def infer_therapy(self) -> tuple[TherapyRef | None, bool]:
        """The therapy a sentence without one is about, and whether it came from a
        research context (whose hedging then carries over)."""
        if self.block_therapy is not None:
            return self.block_therapy
        for sec in reversed(self.sections):
            if sec.therapy is not None:
                return sec.therapy, False
        frame = self.frame
        if frame is not None:
            return frame.therapy, frame.modality.research
        if self.topic is not None:
            concept = self.rs.therapies[self.topic]
            return TherapyRef(concept.id, concept.name, "", inferred=True), False
        return None, False

    # ------------------------------------------------------------------------------
    def matters(self, s: Sentence) -> bool:
        """Can this sentence make a claim, open a frame or inform a later sentence? A
        predicate alone ("helps", "supports") matters only where it could attach to a
        condition named elsewhere: under a condition heading, in a heading or lead-in,
        or with "these conditions"."""
        if s.terms or s.flags:
            return True
        if any(m.kind in ("frame", "anaphora") for m in s.modifiers):
            return True
        _start, _end, kind, _level, lead_in = self.block
        if s.modifiers and (lead_in or self.text[s.start:s.end].rstrip().endswith(":")):
            return True  # "Northgate does not sell or provide:" colours the list below
        section = self.section
        if self.asked and (_YES_ANSWER.match(self.text, s.start, s.end)
                           or _OUTCOME_ANSWER.fullmatch(self.text, s.start, s.end)):
            return True  # "What about a bad back?" "Absolutely."
        if not s.predicates:
            return False
        keys = {p.key for p in s.predicates}
        if (self.unclaimed or self.recent) and (keys & _OUTCOME_PREDICATES
                                                or any(p.value != "used-for" for p in s.predicates)
                                                or any(m.kind == "therapy-anaphora" for m in s.modifiers)):
            return True  # "... diagnosed with autism. After two sessions (These cells, His hands were stronger) ..."
        if self.thread_asked and keys & _REPLY_PREDICATES:
            return True  # "Does it help back pain from a herniated disc?" [a reply] "it worked wonders for my sister's disc"
        if keys & _PERSON_OUTCOMES and (self.block_person in self.people or self._person_conditions(s)):
            return True  # "Linda, week 6: NO CANE.", "Week 10 update: Milo took 4 steps"
        if (self.story_conditions or self._person_conditions(s)) and "predicate-given" in keys:
            return True  # "Gary's hips had been bad ... Dr. Lund injected the concentrate into both hips"
        if self.block_has_conditions and "predicate-success-rate" in keys:
            return True  # "... thinning hair. 8 out of 10 clients see regrowth."
        if self.lead_in_conditions and kind == "list_item":
            return True  # "In our review of 312 children with autism:" "- 82% made better eye contact"
        if self.named_conditions and any(m.kind == "organ" for m in s.modifiers):
            return True  # "... with COPD?" "Our cells help repair the lung tissue"
        if keys & _PERSON_OUTCOMES and (_STORY_PERSON.search(self.text, s.start, s.end) or self.previous_conditions
                                         or self.story_told):
            return True  # "After two rounds I was walking without a cane." (My arthritis ...)
        return (kind == "heading" or lead_in or (section is not None and bool(section.conditions))
                or self.text[s.start:s.end].rstrip().endswith(":"))

    def _about_the_cells(self, s: Sentence) -> bool:
        """"These cells know where to go.": the sentence goes on about the therapy the
        thread is about (a bare "it" is too weak to tell)."""
        return any(m.kind == "therapy-anaphora" and self.text[m.start:m.end].lower() not in ("it", "this", "that")
                   for m in s.modifiers)

    def _goes_on_with_it(self, s: Sentence) -> bool:
        """"Our stem cell therapy is the best method for cerebral palsy. It activates the
        sleeping neurons ...": a sentence that opens with "It" or "They" right after one
        that claimed goes on about the same therapy."""
        # (and says what it does to an organ: not "It's brutal, weeks in hospital")
        return bool(self.recent) and any(m.kind == "organ" for m in s.modifiers) and any(
            m.kind == "therapy-anaphora" and m.start == s.start and self.text[m.start:m.end].lower() in ("it", "they")
            for m in s.modifiers)

    def pass_over(self, s: Sentence) -> None:
        """A sentence about something else ends the thread; a plain lead-in ("A few facts
        for newcomers:") replaces an earlier one for the list after it."""
        if not (self._about_the_cells(s) or self._goes_on_with_it(s)) or any(m.kind == "therapy" for m in s.terms):
            self.recent = []
        self.story = None
        if self.block[4] or self.text[s.start:s.end].rstrip().endswith(":"):
            self.lead_in = None
            self.eligibility_lead_in = bool(_ELIGIBILITY.search(self.text, s.start, s.end))

    def read(self, s: Sentence) -> tuple[list[Claim], SentenceInfo]:
        x, text = self.x, self.text
        therapies = [m for m in s.terms if m.kind == "therapy"]
        conditions = [m for m in s.terms if m.kind == "condition"]
        if conditions:
            if s.question:
                self.post_asked = conditions
            else:
                self.post_named = True
        if s.question and any(p.value == "approved-for" for p in s.predicates):
            claims = []  # "Is the treatment approved for MS?" asks what a reader should check
        else:
            claims = self._explicit_claims(s, therapies, conditions)
        if (not claims and therapies and conditions and not s.question
                and self.block[2] in ("heading", "list_item", "title")):
            # a service named by the therapy and its use: "PRP Hair Restoration · $750 per
            # session", "Stem Cell Knee Arthritis Program"
            for therapy in therapies:
                cond = next((c for c in conditions if c.start == therapy.end + 1 and text[therapy.end] == " "), None)
                if cond is not None:
                    mod = modality(s, s.clause_of(cond.start), cond.start)
                    claims.append(x._claim(s, x._therapy_ref(therapy, text), cond, text, "used-for", "",
                                           mod, "sentence", (cond.start,)))
        if not conditions and s.predicates and not _HASHTAG_LINE.fullmatch(text, s.start, s.end):
            # (not "#stemcells #healing #puravida": a post's tags, not a sentence)
            claims += self._claims_about_earlier_conditions(s, therapies)
        if claims and s.question and s.end < self.block[1] and _answered_no(text, s.end, self.block[1]):
            # "Will my donated cord blood be used to treat autism? No. Licensed units ...": the
            # question answered no in its own paragraph made no claim
            claims = [c for c in claims if c.certainty != "hedged"]
        asked, self.asked = self.asked, []
        asked_claims, self.asked_claims = self.asked_claims, []
        yes = _YES_ANSWER.match(text, s.start, s.end) or _OUTCOME_ANSWER.fullmatch(text, s.start, s.end)
        if asked and asked_claims:
            in_question = not s.question and self.block[0] == self.asked_start
            if in_question and yes:
                # the question's claims, asserted, run to the end of the answer
                for c in asked_claims:
                    self.withdrawn[id(c)] = c
                    claims.append(replace(c, certainty="assertive", end=max(c.end, s.end)))
            elif in_question:
                # "... does it help psoriatic arthritis? Asking for my brother." [a byline]
                # "Absolutely.": the asker's own words after the question leave it open for
                # the next message
                self.pending_asked = asked
            if in_question or s.question or not yes:
                asked = []  # (a question that made its own claims needs a yes; in another
                # message, "Absolutely.", "Yes to both.", the question stays one and the
                # answer below asserts it)
        if asked and not s.question and (yes or (
                # (under a question heading the answer must say something, not be a byline,
                # or name a condition of its own)
                (not self.asked_in_heading or (s.predicates and not conditions))
                and (therapies or any(m.kind == "therapy-anaphora" for m in s.modifiers)
                     or (s.predicates and _SELLER_WE.match(text, s.start))
                     # "Knee pain at 45? Skip the knee replacement": offered in place of surgery
                     or any(p.key == "predicate-instead-of-surgery" for p in s.predicates)))):
            claims += self._answer_claims(s, therapies, asked, {c.condition.id for c in claims})
        elif s.question and conditions and not claims and (
                len(_WORD.findall(text[s.start:s.end])) <= 8
                # ("@kayla.m.r: What about my dad's emphysema?": its answer claims it; the
                # question itself asks, as an FAQ's "What about cerebral palsy?" does)
                or (len(_WORD.findall(text[s.start:s.end])) <= 14 and _WHAT_ABOUT.search(text, s.start, s.end))):
            self.asked = conditions  # "Thinning hair?" and the answer after it: "Our exosome serum ..."
            if self.block[2] == "heading":
                self.heading_asked = conditions  # "### What about a bad back?" / "Absolutely. ..."
        elif (s.question and conditions and claims and all(c.certainty == "hedged" for c in claims)
              and self.block[2] == "paragraph" and len(_WORD.findall(text[s.start:s.end])) <= 16):
            # "Can stem cells help degenerative disc disease? For most of our spine patients,
            # yes.": a yes answer asserts what the question asked
            self.asked, self.asked_claims = conditions, list(claims)
            self.asked_start = self.block[0]
        if (not conditions and not claims and not s.question
                and (self.block[2] == "paragraph" or (self.personal and self.block[2] == "list_item"))
                # "Dr. Lund drew bone marrow and injected the concentrate into both hips": how it was given
                and (therapies or any(p.key == "predicate-given" for p in s.predicates))):
            if self.story_conditions:
                claims = self._treatment_told_claims(s, therapies, self.story_conditions)
                if claims:  # (not "When he was born we banked his cord blood": told, not given)
                    self.story_conditions = []
            elif person := self._person_conditions(s):
                claims = self._treatment_told_claims(s, therapies, person)
        if not conditions and s.predicates and not s.question and (
                not claims or all(c.source == "previous" for c in claims)):
            # (the organ a sentence names tells which condition it goes on about better than
            # the thread does: "And his heart? He gets out of breath ..." "The cardiac infusion
            # repairs the heart muscle")
            organ_claims = self._organ_claims(s, therapies)
            of_organs = {cid for m in s.modifiers if m.kind == "organ" for cid in self.x.organ_conditions.get(m.key, ())}
            if organ_claims and not any(c.condition.id in of_organs for c in claims):
                claims = organ_claims
        story, self.story = self.story, None
        if conditions and not claims and story is not None:
            claims = self._story_claims(story, s, conditions)
        elif (not conditions and not claims and s.predicates
              and _STORY_PERSON.search(text, s.start, s.end)):
            predicate = next((p for p in s.predicates if p.key in _STORY_PREDICATES), None)
            if predicate is not None:
                self.story = (s, predicate)
        section = self.section
        if self.block[2] == "heading" and section is not None and section.question:
            section.asked.extend(claims)  # withdrawn if the answer begins with "No"
        if (self.block[2] == "heading" and claims and section is not None and section.conditions
                and not section.therapy_heading
                and (self.frame is None or not self.frame.listing)):
            # a heading that says what the therapy does ("Reverse your biological age")
            # makes its claim itself; one that only names the condition waits for its section
            opening = text[s.start:s.end].lstrip(" \t\n\"'“#*-").lower()
            said = [c for c in claims if c.source == "sentence" and not section.question
                    and ((c.predicate_text and opening.startswith(c.predicate_text.lower()))
                         or (not c.therapy.inferred and self.sections and section is self.sections[0]))]
            section.pending.extend(c for c in claims if c not in said)
            claims = said
        # the sentence as a whole, for frames and research context; a lead-in ("Northgate
        # does not sell or provide:") speaks of the list after it
        lead_in = self.block[4] or self.text[s.start:s.end].rstrip().endswith(":")
        sentence_mod = modality(s, (s.start, s.end), open_end=lead_in)
        if lead_in and self.block[2] not in ("heading", "list_item", "table_cell"):
            self.lead_in_conditions = conditions if not claims and not sentence_mod.negated else []
        self._maybe_open_frame(s, therapies, conditions, sentence_mod)
        if therapies and self.block[2] == "table_cell":
            self.table_therapy = x._therapy_ref(therapies[0], text, inferred=True)
        if therapies:
            self.block_named_therapy = True
            named = x._therapy_ref(therapies[0], text, inferred=True)
            self.block_therapy = (named, sentence_mod.research)
            if self.block[2] == "heading" and section is not None and section.therapy is None:
                section.therapy = named
        if conditions:
            self.named_conditions.update((c.key, c.start) for c in conditions)
            self.named_mentions.update((c.key, c) for c in conditions)
            self.block_conditions.extend(conditions)
            if not self.block_has_conditions:
                self.antecedents = {}
            self.antecedents.update((c.key, c) for c in conditions)  # one per condition: a long block stays linear
            self.block_has_conditions = True
        diagnosis_line = bool(conditions) and _DIAGNOSIS_LABEL.match(text, s.start, s.end) is not None
        if diagnosis_line:
            claims = [c for c in claims if c.source != "frame"]  # a person's diagnosis, not a list of uses
        if conditions or claims:
            self.unclaimed = conditions if conditions and not claims and not sentence_mod.negated else []
        if conditions and not claims and not sentence_mod.negated and not sentence_mod.research:
            owned = conditions if diagnosis_line else [c for c in conditions
                     if ((_PERSON_HAS.search(text, max(s.start, c.start - 60), c.start)
                          # (or a name that holds its owner: "the numbness in his feet",
                          # "the nerve pain in his feet")
                          or _OWNER_INSIDE.search(text, c.start, c.end) or _OWNER_AFTER.match(text, c.end))
                         and not _CONDITION_AS_MODIFIER.match(text, c.end))
                     or (_DIAGNOSIS_AFTER.match(text, c.end) and _A_PERSON.search(text, s.start, c.start))]
            # (one joined to an owned one is the person's too: "Milo was diagnosed with CP at
            # 14 months and autism at 3")
            for c in conditions:
                if owned and c.start > owned[-1].end and c not in owned and _JOINED_CONDITION.fullmatch(
                        text, owned[-1].end, c.start):
                    owned.append(c)
            # (not a hashtag: "#autismmom" tags the post, it tells no one's diagnosis)
            untagged = [c for c in conditions if text[c.start - 1:c.start] != "#"]
            by_block_person = (not owned and self.block_person is not None and s.start > self.block[0]
                               and not _FIRST_OR_SECOND.search(text, s.start, s.end))
            if by_block_person:
                owned = untagged  # "Meet Linda, 68. Arthritis in both knees, three years on a cane."
            if owned:
                # (a story told over several sentences gathers them: "his sugar ... The nerve
                # pain in his feet ...")
                self.story_conditions = list({c.key: c for c in self.story_conditions + owned}.values())
                self.story_told = []
                # (whose: the last name before the condition, "If you're new here: Nora is
                # five, she is autistic")
                names = [m.group() for m in _NAME_WORD.finditer(text, s.start, owned[0].start)
                         if self._is_name(m.group())]
                if names:
                    self.people[names[-1]] = owned
                elif by_block_person:
                    self.people[self.block_person] = list(
                        {c.key: c for c in self.people.get(self.block_person, []) + owned}.values())
        elif any(not c.negated for c in claims):
            # (a warning about it, "stem cells are unproven for autism", does not end the story)
            # "Theo ... was diagnosed with autism at two. ... Last spring we flew to a clinic in
            # Panama that does infusions of cord blood for autism": the treatment told, whose
            # outcomes the next paragraphs give ("And now he asks for juice ...")
            told = {c.condition.id for c in claims if not c.negated and not c.attributed and c.certainty != "hedged"}
            if self.block[2] == "paragraph" and (_STORY_PERSON.search(text, s.start, s.end)
                                                 or _WE_WENT.search(text, s.start, s.end)):
                self.story_told = [c for c in self.story_conditions if c.key in told] or self.story_told
            self.story_conditions = []
        # (a sentence that names no condition and claims nothing, "Then she tried our stem
        # cell IV.", keeps the condition named before it waiting: "Today she is pain-free.")
        carried, self.carried = self.carried, []
        if conditions:
            self.recent = conditions
        elif claims and carried:
            self.recent = carried
        elif not claims and not therapies and not self._about_the_cells(s):
            self.recent = []  # (a sentence about the treatment itself keeps the thread)
        if any(p.value == "approved-for" for p in s.predicates):
            # "Holoclar is approved in the EU and restores vision in limbal stem cell
            # deficiency": what the sentence says of the product rests on the approval it
            # names, and is read against that place's rules
            claims = [replace(c, predicate="approved-for") if c.place is not None and c.predicate != "approved-for"
                      and not c.negated else c for c in claims]
        if claims and _WITHDRAWN.search(text, s.start, s.end):
            # "Alofisel was authorised for perianal fistulas, but the authorisation was later
            # withdrawn": the sentence itself tells the approval's end
            # ("Alofisel, a donor fat-cell product for Crohn's fistulas, lost its EU approval":
            # the product named for its old use, too)
            claims = [replace(c, negated=True) if c.predicate == "approved-for"
                      or (c.therapy.id in self.rs.therapies
                          and self.rs.therapies[c.therapy.id].type == "product") else c for c in claims]
        if claims and _CONFOUNDED.search(text, s.start, s.end):
            # "the spots faded a little, but I also started wearing SPF 50 every day": the
            # writer credits something else they did, a caution
            claims = [replace(c, negated=True, cues=tuple(c.cues) + ("caution",))
                      if c.predicate not in _LISTING_PREDICATES and not c.attributed else c for c in claims]
        elif claims and _WHICH_DID.search(text, s.start, s.end):
            # "... may help a little, but microneedling on its own already softens scars, so it is
            # hard to tell which part did the work": the benefit is left in doubt
            claims = [replace(c, certainty="hedged", cues=tuple(c.cues) + ("hedge",)) if not c.negated else c
                      for c in claims]
        claims = _dedupe(claims, self.rs)
        if section is not None:
            # (after dedupe: "bad back caused by worn discs" claims the disc disease only, so
            # a "Back Pain Without a Fusion" heading keeps its own claim)
            for c in claims:
                # (a heading listed under "Conditions we treat" claims for the list; the
                # sentences under it may still say more: "Parents tell us ...")
                if not c.negated and not (c.source == "frame" and self.block[2] == "heading"):
                    rank = _CERTAINTY_RANK[c.certainty]
                    section.claimed[c.condition.id] = max(rank, section.claimed.get(c.condition.id, -1))
        info = SentenceInfo(sentence=s, therapy_ids=frozenset(m.key for m in therapies),
                            claim_conditions=frozenset(c.condition.id for c in claims))
        return claims, info

    def _explicit_claims(self, s: Sentence, therapies: list[Mention], conditions: list[Mention]) -> list[Claim]:
        """Claims about the conditions the sentence names."""
        x, text, kind = self.x, self.text, self.block[2]
        if _KEYWORDS_LINE.match(text, s.start):
            # "Keywords: ALS, motor neuron disease, mesenchymal stromal cells": an index, not a
            # sentence (read all the same, for the red flags it may hold)
            return []
        frame, section = self.frame, self.section
        for_relations = x._for_relations(text, therapies, conditions)
        claims = []
        # (or states an approval: "It holds a conditional EU authorisation for ... deficiency caused by burns")
        names_product = (any(self.rs.therapies[t.key].type == "product" for t in therapies)
                         or any(p.value == "approved-for" for p in s.predicates))
        causes: set[str] = set()
        for cond in conditions:
            if _qualifies_previous(cond, conditions, text):
                continue  # "sickle cell disease with stroke": the stroke describes the disease
            if names_product and (_joined_to_previous(cond, conditions, text, _CAUSE_GAP) or cond.key in causes):
                # "Holoclar is approved for limbal stem cell deficiency after chemical burns": a
                # product's indication names the cause of the condition it treats (each of
                # them: "following chemical or thermal burns")
                causes.add(cond.key)
                continue
            if kind == "list_item" and (self.eligibility_lead_in or any(sec.eligibility for sec in self.sections)) \
                    and ((nearest := _nearest(s.predicates, cond, s.clause_of(cond.start))) is None
                         or text[nearest.start:nearest.end].lower() in _TREATMENT_NOUNS):
                # "Who can take part: - Adults 18 to 65 with progressive MS": who may volunteer
                # ("- relapsing MS with new lesions while on treatment": their own medicine)
                continue
            if (_MEDICINE_AFTER.match(text, cond.end) and _MEDICINE_OWNER.search(text, max(s.start, cond.start - 30), cond.start)
                    and not _COMPARED.search(text, s.start, s.end)):
                continue  # "does not replace riluzole or other ALS medicines": the condition names the medicines
            if _ORGANISATION_AFTER.match(text, cond.end):
                continue  # "Northern MS Alliance", "the ALS awareness walk": a name, not the disease
            if _AGE_OR_CONDITION.search(text, max(s.start, cond.start - 60), cond.start):
                continue  # "patients over 75 or with diabetes": who is suited to a procedure, not what it treats
            clause = s.clause_of(cond.start)
            predicate = _nearest(s.predicates, cond, clause)
            if predicate is not None and predicate.value == "used-for" and clause[0] <= predicate.start < clause[1]:
                # "PRP injections for rotator cuff tendinitis have not done better than
                # placebo", "people with knee arthritis who received PRP had no less pain": the
                # outcome the clause goes on to tell says how the treatment did
                # (not one in a relative clause about the condition: "acute leukemia that is
                # unlikely to be cured by chemotherapy alone")
                outcome = next((p for p in s.predicates if p.value in _OUTCOME_VALUES
                                and max(predicate.end, cond.end) <= p.start < clause[1]
                                and not ((rel := _RELATIVE.search(text, cond.end, p.start))
                                         and predicate.end <= rel.start())), None)
                if outcome is not None:
                    predicate = outcome
            if predicate is not None and predicate.value in _LISTING_PREDICATES \
                    and not clause[0] <= predicate.start < clause[1] and any(
                    m.kind == "research" and clause[0] <= m.start < cond.start for m in s.modifiers):
                # "MSCs, which are being studied for lupus but are not part of any approved
                # treatment": the study is what its own clause says of the condition (an
                # outcome in the other clause, "but none did better", still tells how it went)
                predicate = None
            if id(cond) in for_relations and (predicate is None or not clause[0] <= predicate.start < clause[1]):
                # "Transplants for leukemia are done at hospitals; we do not treat them here"
                predicate = for_relations[id(cond)]
            source = "list" if kind == "list_item" else "sentence"
            anchor = predicate.start if predicate is not None else cond.start
            if predicate is not None and predicate.start < cond.start and any(
                    t.start <= predicate.start and predicate.end <= t.end for t in therapies):
                # "Exosome treatments are not offered to anyone with skin cancer": the noun
                # in the therapy's name is no verb; what the clause says of it reaches the condition
                anchor = cond.start
            # (a predicate in a later clause: only what stands before the condition in its own
            # clause reaches it; "The shakes were so bad she couldn't hold a fork, and after her
            # shots her hands are steady again" denies nothing)
            later = predicate is not None and predicate.start >= clause[1]
            mod = modality(s, clause, cond.start if later else anchor)
            if not mod.negated and _denied_just_before(s, cond, text):
                mod.negated = True  # "approved for blood cancers, not for autism"
                mod.cues.append("negation")
            if kind == "list_item":
                # "We do not offer:", "## Conditions we do not treat" reach every item
                for context in (self.lead_in, section.modality if section is not None else None):
                    if context is not None:
                        mod = _merge([mod, _stance(context)])
            if predicate is not None:
                pclause = s.clause_of(predicate.start)
                if pclause != clause:
                    mod = _merge([mod, modality(s, pclause, anchor)])
                pred_kind, pred_text = predicate.value or "used-for", text[predicate.start:predicate.end]
            elif frame is not None and (kind in ("list_item", "heading") or (not s.predicates and (
                    self.short
                    # (a short answer opening the reply to a question heading: "Do you treat
                    # other conditions?" "VOSS: Parkinson's, knee arthritis, long COVID. The cells ...")
                    or (s.start == self.block[0] and "question" in frame.modality.cues
                        and self.section is not None and self.section.first_block == self.index
                        and sum(m.kind == "condition" for m in s.terms) >= 2
                        and _short_block(text, s.start, s.end))))):
                if kind == "heading" and section is not None and cond.key in section.claimed:
                    continue  # a sub-heading naming a condition its section has claimed
                if _DIAGNOSED.search(text, max(s.start, cond.start - 60), cond.start):
                    continue  # a quoted comment in the list: "My mom was diagnosed with Alzheimer's"
                if not therapies and _names_other_treatment(_OTHER_TREATMENT_NAMED, text, clause[0], cond.start):
                    continue  # "- Methotrexate and Humira have decades of trial data behind them for RA"
                # (each item of a list is a claim of its own, even when it repeats one)
                pred_kind, pred_text = frame.predicate, frame.predicate_text
                framed = frame.modality
                if (framed.hedged and "question" in framed.cues and "hedge" not in framed.cues
                        and not s.question):
                    # "Do you treat other conditions?" "Parkinson's, knee arthritis, long COVID.":
                    # the list answers the question, and asserts
                    framed = replace(framed, hedged=False)
                mod = _merge([mod, framed])
                source = "frame"
            elif self.index in self.listed:
                if not therapies and (_REFERRAL.match(text, s.start) or _about_other_treatment(text, clause)):
                    continue  # "- Referral to an orthopedic surgeon for large tears", "- Radiofrequency ablation for facet pain"
                # an item of a list (or table) of conditions on a page that offers a therapy
                pred_kind, pred_text = "used-for", ""
                context = [m for m in (self.lead_in, section.modality if section else None) if m is not None]
                mod = _merge([mod] + context)
                source = "list"
            elif mod.research and self._refers_to_therapy(s, therapies, studied=True) and not (
                    _REFERENCE.search(text, clause[0], cond.start) and not self._refers_to_therapy(s, therapies)):
                # (but "an open review of the stem cell trials in COPD" points to reading matter)
                # "Researchers have tested cord blood in children with autism", "...
                # testing them in lupus"
                pred_kind, pred_text = "researched-for", ""
                source = "sentence"
                # "For MS, a 2021 trial of MSCs missed its main goal": the study's own clause
                # says how it went
                # (from where the therapy is named, since the study is about it)
                studied = [modality(s, s.clause_of(t.start), t.start) for t in therapies]
                if studied:
                    mod = _merge([mod] + studied)
            elif (kind not in ("heading", "title") and self._applied_therapy(s, therapies, clause)
                  and not _talks_about(text, clause, [cond] + therapies)
                  and not _NATURAL_DECLINE.search(text, clause[0], clause[1])
                  and not any(m.key == "pseudo-predicate-noun" and clause[0] <= m.start < cond.start
                              for m in s.modifiers)):  # "our cells are screened for HIV"
                # "I have MS and had two rounds of IV stem cells", "For a bad back we
                # inject the cells": a therapy given and a condition named in one clause
                # make a claim even without a verb of effect; any denial in the clause
                # (wherever it stands) takes it back
                pred_kind, pred_text = "used-for", ""
                mod = modality(s, clause)
                source = "sentence"
            elif (not therapies and (fronted := _FRONTED_FOR.search(text, max(0, cond.start - 60), cond.start))
                  and fronted.start("for") >= s.start and _SELLER_GIVES.match(text, cond.end, s.end)):
                # "For relapsing and progressive MS we combine IV and intrathecal doses over five
                # days": what the seller does for the condition, on a page about the therapy
                pred_kind, pred_text = "used-for", ""
                source = "sentence"
            elif (kind == "title" or (kind == "heading" and self.headings_seen == 1 and self.block[3] <= 1
                                      and not _ARTICLE_TITLE.search(text, s.start, s.end))) \
                    and not (_ACADEMIC_TITLE.search(text, s.start, s.end) and not _TRIAL_TITLE.search(text, s.start, s.end)) \
                    and therapies and not any(_TOPIC_PAIR.fullmatch(text, min(t.end, cond.end), max(t.start, cond.start))
                                              or _INSTITUTION_AFTER.match(text, t.end) for t in therapies):
                # "Stem Cells in Tijuana | Clinica Renacer | Arthritis, Parkinson's, Autism": a
                # page title that names the therapy and conditions advertises one for the others
                # (so does the first top-level heading of a text page: "# Autism Spectrum
                # Disorder: Stem Cell Therapy at Aarohan"; not an article's: "... for Knee
                # Arthritis: What I Tell My Patients")
                pred_kind, pred_text = "used-for", ""
                source = "sentence"
            else:
                continue  # a condition named without a claim about it
            if therapies and all(_contrasted(text, s, t) for t in therapies):
                continue  # "we refer these patients to surgery instead of offering cell therapy"
            therapy_mention = _pick_therapy(therapies, cond, predicate, s, text)
            conjunct = _conjunct(text, clause, cond.start)
            if (therapy_mention is not None and predicate is not None and predicate.value not in ("used-for", "treat")
                    and not conjunct[0] <= therapy_mention.start < conjunct[1]
                    and conjunct[0] <= predicate.start < conjunct[1]
                    and _names_other_treatment(_OTHER_TREATMENT_NAMED, text, conjunct[0], predicate.start)):
                # "two medicines can slow the scarring, and stem cells are not a proven
                # treatment": another treatment is the subject of this part of the list
                continue
            if (therapy_mention is not None and not clause[0] <= therapy_mention.start < clause[1]
                    and _about_other_treatment(text, clause)):
                # "For GVHD that does not settle, we use ruxolitinib; no MSC product is licensed
                # ...", "COPD is best treated with the inhalers ..., and no exosome IV should replace them"
                continue
            if therapy_mention is not None:
                therapy, from_research = x._therapy_ref(therapy_mention, text), False
            elif kind == "table_cell" and self.table_therapy is not None:
                # | Bone marrow transplant | Leukemia |: the therapy of the row
                therapy, from_research = self.table_therapy, False
            elif source == "frame" and frame is not None:
                therapy, from_research = frame.therapy, False
            else:
                if predicate is not None and predicate.value == "approved-for" and not any(
                        m.kind == "therapy-anaphora" and s.clause_of(m.start) == s.clause_of(predicate.start)
                        for m in s.modifiers):
                    continue  # "Zolgensma is a gene therapy approved for SMA": a product not in the lexicon
                subject = next((m for m in s.terms if m.kind == "condition" and m.key == cond.key), cond)
                defined = _DEFINED.match(text, subject.end)
                if subject is not cond and defined and not (
                        text[subject.end:cond.start].lstrip(" (").startswith(text[cond.start:cond.end])
                        or cond.end <= defined.end()):
                    defined = None  # (the name again in brackets or an aside: "ALS, sometimes called Lou Gehrig's disease, destroys")
                if defined and text[s.start:subject.start].strip(" \t\n\"'“").lower() in (
                        "", "the", "a", "an") and not any(
                        m.kind == "therapy-anaphora" for m in s.modifiers) and not (
                        # (an outcome is no definition: "The burning in his feet is gone too")
                        predicate is not None and predicate.value in _OUTCOME_VALUES
                        and 0 <= predicate.start - cond.end <= 16):
                    continue  # "MS develops when the immune system attacks the myelin that protects nerves"
                if _about_other_treatment(text, clause) and not any(
                        m.kind == "therapy-anaphora" and clause[0] <= m.start < clause[1]
                        and text[m.start:m.end].split()[-1].lower() not in _BARE_PRONOUNS | _BARE_TREATMENT_NOUNS
                        for m in s.modifiers):
                    # "has treated patients with OA for 20 years using physical therapy" (not "the
                    # same injections seal small tears and end the ache that adjustments could not fix")
                    continue
                if predicate is not None and text[predicate.end - 2:predicate.end].lower() == "ed" \
                        and _OTHER_AGENT.match(text, predicate.end) and not any(
                        predicate.end <= t.start < predicate.end + 40 for t in therapies) and not any(
                        m.kind == "therapy-anaphora" and predicate.end <= m.start < predicate.end + 40
                        for m in s.modifiers):
                    # "had been treated with chemotherapy": another treatment did it (not "are
                    # cured with our cells")
                    continue
                therapy, from_research = self.infer_therapy()
                if (_TRANSPLANT.search(text, clause[0], clause[1]) and "hsc" in self.rs.therapies
                        and "blood-disorder" in self.rs.condition_family(cond.key)):
                    # "the same cells used in transplants for blood cancers since the 1960s":
                    # a transplant for a blood disease is a blood stem cell transplant
                    concept = self.rs.therapies["hsc"]
                    therapy, from_research = TherapyRef(concept.id, concept.name, "", inferred=True), False
            if therapy is None:
                continue
            if (kind in ("heading", "title") and pred_kind == "used-for"
                    and (title := _ARTICLE_TITLE.search(text, s.start, s.end)) is not None
                    and cond.end <= title.start()):
                continue  # "PRP and Stem Cell Shots for Knee Arthritis: What I Tell My Patients" names a topic
            at = (cond.start,) if predicate is None else (cond.start, predicate.start)
            if (pred_kind == "used-for" and kind == "paragraph" and not mod.negated and not mod.attributed
                    and not any(p.value in _OUTCOME_VALUES for p in s.predicates)
                    and (_STORY_PERSON.search(text, s.start, s.end) or _WE_TRIED.search(text, s.start, s.end))
                    and _FAILED_AFTER.search(text, s.end, min(self.block[1], s.end + 240))):
                # "I went to a clinic in Tijuana for my RA in 2023. Spent $9k and nothing
                # changed.": a treatment told, then told to have failed, claims nothing for it
                mod = replace(mod, negated=True, cues=mod.cues + ["failed"])
            claims.append(x._claim(s, therapy, cond, text, pred_kind, pred_text,
                                   _research_context(mod, from_research), source, at))
        if conditions and len(s.clauses) > 1:
            claims += self._later_clause_claims(s, therapies, conditions)
        return claims

    def _applied_therapy(self, s: Sentence, therapies: list[Mention], clause: tuple[int, int]) -> bool:
        """Does the clause speak of the therapy as something given to patients? It must
        say so ("we", "my", "injections", "had", "received": see _APPLIED; "Stem cells
        were discovered before anyone studied autism" does not), and name the therapy
        other than as the modifier of an institution ("a stem cell clinic", "stem cell
        trials"), or by a phrase that stands for it ("the cells"; "it" and "they" only
        when the block has already named a therapy)."""
        if clause not in self.applied:
            self.applied[clause] = _APPLIED.search(self.text, clause[0], clause[1]) is not None
        if not self.applied[clause]:
            return False
        # (a therapy someone only considers is not given: "If you have RA and you're thinking
        # about stem cells, bring the brochure to your rheumatologist")
        given = [t for t in therapies if not _CONSIDERED.search(self.text, max(clause[0], t.start - 40), t.start)]
        if therapies and not given:
            return False
        return self._refers_to_therapy(s, given)

    def _refers_to_therapy(self, s: Sentence, therapies: list[Mention], studied: bool = False) -> bool:
        """A therapy named other than as the modifier of an institution, or a phrase
        that stands for it ("it" and "they" only once the block has named one)."""
        text = self.text
        for t in therapies:
            after = _INSTITUTION_AFTER.match(text, t.end)
            if (t.abbreviation is None or studied) and (after is None or (studied and _STUDY_WORD.match(after.group().strip(" -")))):
                return True  # (in research context "cord blood studies in CP" is about the therapy)
        for m in s.modifiers:
            if m.kind == "therapy-anaphora":
                word = text[m.start:m.end].lower()
                if word not in _BARE_PRONOUNS or self.block_therapy is not None:
                    return True
        return False

    def _answer_claims(self, s: Sentence, therapies: list[Mention], asked: list[Mention],
                       claimed: set[str]) -> list[Claim]:
        """"Bad knees? One injection of cord cells rebuilds worn cartilage.": the sentence
        after a short question about a condition offers the therapy for it."""
        mod = modality(s, (s.start, s.end))
        if mod.negated:
            return []  # "Autism? We do not treat it."
        therapy = self.therapy_of(therapies[0] if therapies else None)[0]
        if therapy is None:
            return []
        predicate = s.predicates[0] if s.predicates else None
        pred_kind = (predicate.value or "used-for") if predicate is not None else "used-for"
        pred_text = self.text[predicate.start:predicate.end] if predicate is not None else ""
        at = (predicate.start,) if predicate is not None else ()
        counted = next((_COUNTED[self.text[m.start:m.end].lower()] for m in s.modifiers if m.kind == "anaphora"
                        and self.text[m.start:m.end].lower() in _COUNTED), 0)
        if len({c.key for c in asked}) < counted <= len(self.named_conditions):
            # "Can your cells do anything for her MS?" ... "Do the cells work on bad knees too?"
            # "Yes to both.": the answer counts the conditions asked about over several messages
            # (each of another kind than those already counted: "bone on bone" and "bad knees"
            # are one of the two)
            kinds = {self.rs.conditions[c.key].category for c in asked if c.key in self.rs.conditions}
            asked = list({c.key: c for c in asked}.values())
            for key in self._named_last():
                kind = self.rs.conditions[key].category if key in self.rs.conditions else key
                if len(asked) >= counted or key in {c.key for c in asked} or kind in kinds:
                    continue
                kinds.add(kind)
                asked.append(Mention("term", "condition", key, s.start, s.start))
        claims = [self.x._claim(s, therapy, cond, self.text, pred_kind, pred_text, mod, "previous", at)
                  for cond in asked if cond.key not in claimed]
        if len(_WORD.findall(self.text[s.start:s.end])) <= 3 and s.end < self.block[1]:
            # a bare "Yes." answers with the rest of its paragraph: "Bad knees?" "Yes. One vial
            # injected into the joint, and most customers are climbing stairs again"
            claims = [replace(c, end=self.block[1]) for c in claims]
        return claims

    def _named_last(self) -> list[str]:
        """The conditions the page has named, the most recently named first."""
        return sorted(self.named_conditions, key=self.named_conditions.__getitem__, reverse=True)

    def _is_name(self, word: str) -> bool:
        """Is the capitalised word a name: written so inside a sentence somewhere, not only
        at the start of one (which any word can be)? Checked once per word and page."""
        if word not in self.names:
            found = list(re.finditer(rf"\b{re.escape(word)}\b", self.text, re.IGNORECASE))
            capitalised = [m for m in found if m.group() == word]
            # (or one that opens several sentences and is never written in lower case
            # outside a handle: "Milo was diagnosed ... Week 10 update: Milo took 4 steps")
            self.names[word] = any(
                self.text[max(0, m.start() - 2):m.start()].strip() not in ("", ".", "!", "?", ":", "\"", "“")
                for m in capitalised) or (
                len(capitalised) >= 2 and not any(m.group().islower() and self.text[m.start() - 1:m.start()] not in "@#._/"
                                                  for m in found))
        return self.names[word]

    def _by_body_part(self, s: Sentence, targets: list[Mention]) -> list[Mention]:
        """Of a story's conditions, those of the joint the sentence speaks of ("The right knee
        feels better" after a story of a worn knee and a torn rotator cuff)."""
        parts = {m.group(1).lower() for m in _BODY_PART.finditer(self.text, s.start, s.end)}
        if not parts or len(targets) < 2:
            return targets
        def names_part(key: str) -> bool:
            concept = self.rs.conditions.get(key)
            words = " ".join((concept.name,) + tuple(concept.synonyms)).lower() if concept else key
            return any(part in words for part in parts)
        # (the joint's own condition first, then one of any joint: "bone on bone in the right knee")
        return ([c for c in targets if names_part(c.key)] or [c for c in targets if c.key in _ANY_JOINT]
                or targets)

    def _person_conditions(self, s: Sentence) -> list[Mention]:
        """The conditions of the named person the sentence opens with ("Nora got four IV
        infusions ...", "After the cells, Mateo ...")."""
        if not self.people:
            return []
        first = _OPENING_NAME.match(self.text, s.start, s.end)
        return self.people.get(first.group(1), []) if first else []

    def _for_transplant(self, therapy: TherapyRef, targets: list[Mention]) -> list[Mention]:
        """A transplant (or CAR-T) is for the blood disease of the story, not the diabetes it
        also told of ("Tomás ... acute myeloid leukemia. Tomás also lives with his sugar.")."""
        if therapy.id not in _BLOOD_DISEASE_THERAPIES:
            return targets
        blood = [c for c in targets if "blood-disorder" in self.rs.condition_family(c.key)]
        return blood or targets

    def _treatment_told_claims(self, s: Sentence, therapies: list[Mention],
                               targets: list[Mention]) -> list[Claim]:
        """"Dolores was diagnosed with rheumatoid arthritis at 41. ... In January she came
        to us for two IV rounds of our Wharton's jelly cells.": the treatment given to the
        person of a story is given for the condition the story told as theirs."""
        mod = modality(s, (s.start, s.end))
        if mod.negated or mod.research or not _GIVEN.search(self.text, s.start, s.end) \
                or any(m.kind == "caution" for m in s.modifiers):
            return []
        therapy, from_research = self.therapy_of(therapies[0] if therapies else None)
        if therapy is None:
            return []
        targets = self._for_transplant(therapy, targets)
        self.carried = self.story_told = targets
        return [self.x._claim(s, therapy, cond, self.text, "used-for", "", mod, "previous", ())
                for cond in targets]

    def _story_claims(self, story: tuple[Sentence, Mention], s: Sentence,
                      conditions: list[Mention]) -> list[Claim]:
        """The outcome told in the sentence before, about the conditions this one says
        a person has ("My COPD had kept me off the course"); a denial here takes none."""
        told, predicate = story
        if s.predicates or modality(s, (s.start, s.end)).negated or _STORY_WORSE.search(self.text, s.start, s.end) \
                or _STORY_WORSE.search(self.text, told.start, told.end):
            return []
        owned = [c for c in conditions
                 if _POSSESSED.search(self.text, max(s.start, c.start - 40), c.start) is not None
                 and not _CONDITION_AS_MODIFIER.match(self.text, c.end)]
        if not owned:
            return []
        therapy, from_research = self.therapy_of(next((m for m in told.terms if m.kind == "therapy"), None))
        if therapy is None:
            return []
        mod = _research_context(modality(told, told.clause_of(predicate.start), predicate.start), from_research)
        return [self.x._claim(told, therapy, cond, self.text, predicate.value or "improve",
                              self.text[predicate.start:predicate.end], mod, "previous", (predicate.start,))
                for cond in owned]

    def _later_clause_claims(self, s: Sentence, therapies: list[Mention], conditions: list[Mention]) -> list[Claim]:
        """"We cannot reverse Alzheimer's, but we can slow it": a clause with a predicate
        and no condition of its own speaks of the conditions named before it."""
        x, text = self.x, self.text
        claims = []
        for lo, hi in s.clauses:
            if any(lo <= c.start < hi for c in conditions):
                continue
            predicate = next((p for p in s.predicates if lo <= p.start < hi), None)
            earlier = [c for c in conditions if c.start < lo]
            if predicate is None or not earlier:
                continue
            if not _GOES_BACK.search(text, lo, hi):
                # "...not approved for ageing; under the Act, approved regenerative treatments
                # for serious diseases are given only in hospitals": a new statement, not one
                # about the conditions before it (which "but" or "it" would point back to)
                continue
            mention = next((t for t in therapies if lo <= t.start < hi), None) or \
                next((t for t in reversed(therapies) if t.start < lo), None)
            therapy, from_research = self.therapy_of(mention)
            if therapy is None:
                continue
            mod = _research_context(modality(s, (lo, hi), predicate.start), from_research)
            for cond in earlier:
                claims.append(x._claim(s, therapy, cond, text, predicate.value or "used-for",
                                       text[predicate.start:predicate.end], mod, "sentence", (predicate.start,)))
        return claims

    def _claims_about_earlier_conditions(self, s: Sentence, therapies: list[Mention]) -> list[Claim]:
        """A sentence with a predicate but no condition: "these conditions" refers back,
        or the section's heading names the condition (once per section)."""
        x, text, section = self.x, self.text, self.section
        if self.block[2] == "list_item" and (self.eligibility_lead_in or any(sec.eligibility for sec in self.sections)):
            return []  # "We consider a referral only when all of these apply:" "- age 55 or younger"
        anaphora = next((m for m in s.modifiers if m.kind == "anaphora"), None)
        if anaphora is None and therapies and any(p.value == "approved-for" and _GERUND.match(text, p.end)
                                                  for p in s.predicates):
            return []  # an approval names its own use ("Omisirge is approved for rebuilding blood cells after ...")
        # what the sentence says the therapy does, rather than a mention of an approval
        # ("Approval of one product does not make others effective for that disease")
        predicate = s.predicates[0]
        if self.text[predicate.start:predicate.end].lower().startswith("approval"):
            predicate = next((p for p in s.predicates if p.value != "approved-for"), predicate)
        first = predicate
        predicate = _after_denial(s, predicate, s.predicates)
        past_denial = predicate is not first  # "They are not approved for these conditions, but many walk better"
        predicate = _in_therapy_clause(s, predicate, therapies, text)
        refers_back = (therapies or any(m.kind == "therapy-anaphora" for m in s.modifiers)
                       or any(p.key in _OUTCOME_PREDICATES for p in s.predicates)  # "after two sessions he ..."
                       or (any(p.key == "predicate-outcome-better" for p in s.predicates)
                           and _PERSONAL.search(text, s.start, s.end) is not None)  # "his hands were stronger"
                       or (any(p.key in _STORY_PREDICATES for p in s.predicates)
                           and _STORY_PERSON.search(text, s.start, s.end) is not None))  # "Today she is pain-free."
        if anaphora is not None and self.antecedents:
            targets, source = [Mention("term", "condition", c.key, anaphora.start, anaphora.end)
                               for c in self.antecedents.values()], "anaphora"
            mod = (modality(s, s.clause_of(predicate.start), predicate.start) if past_denial else
                   _merge([modality(s, s.clause_of(anaphora.start), predicate.start),
                           modality(s, s.clause_of(predicate.start), predicate.start)]))
        elif (anaphora is not None and not self.block_has_conditions
              and (count := _COUNTED.get(self.text[anaphora.start:anaphora.end].lower())) is not None
              and len(self.named_conditions) >= count):
            # a reply that points back at the conditions a message above asked about: "Does
            # this work for emphysema AND heart failure?" [likes, a byline] "Yes, we treat both"
            last = self._named_last()[:count]
            targets = [Mention("term", "condition", key, anaphora.start, anaphora.end) for key in reversed(last)]
            source = "anaphora"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif predicate.value == "success-rate" and self.antecedents and self.block_has_conditions:
            # "8 out of 10 clients see visible regrowth" after a sentence about hair loss, in
            # the same paragraph; a rate in a paragraph of its own is about all patients
            targets, source = list(self.antecedents.values()), "previous"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif self.unclaimed and refers_back:
            # "Many patients come to us with Parkinson's. Our cells restore their movement."
            targets, source = self.unclaimed, "previous"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif self.recent and any(p.value != "used-for" for p in s.predicates) and (
                refers_back or _CONTINUING_SUBJECT.match(text, s.start)):
            # (a bare "treatment" or "protocol" is too weak to carry a claim over; "We
            # also treat cerebral palsy. Their muscles loosen ..." speaks of the patients;
            # "Neurologists say exercise helps" does not go on about the cells)
            # "Our cells stop MS. They calm the immune system so it stops attacking the
            # nerves.": the sentence goes on about what the one before it claimed or denied
            targets, source = self.recent, "previous"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (self.previous_conditions and not self.block_has_conditions
              and (self.block[2] == "paragraph" or self.thread_reply)
              and any(p.key in _STORY_PREDICATES or p.key == "predicate-candidate" for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)  # (a rate on its own: all patients)
              and (_STORY_PERSON.search(text, s.start, s.end) or _PATIENTS_REPORT.search(text, s.start, s.end)
                   # "My dad ... has COPD" [a reply] "Yes, your dad is a very good candidate for our protocol"
                   or any(p.key == "predicate-candidate" for p in s.predicates)
                   # "Many patients reduce the levodopa by half."
                   or (any(p.key in _OUTCOME_PREDICATES for p in s.predicates)
                       and _PATIENT_NOUN.search(text, s.start, s.end))
                   or (self._refers_to_therapy(s, therapies) and not any(m.kind == "research" for m in s.modifiers)))):
            # "My dad had a major stroke ... [new paragraph] His arm is definitely stronger.";
            # "Knee osteoarthritis affects 30 million Americans. [new paragraph] Our stem
            # cell injections relieve pain"; "Parents report better sleep ..."
            targets = list({c.key: c for c in self.previous_conditions}.values())
            source = "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (self.story_told and self.block[2] == "paragraph"
              and any(p.key in _STORY_PREDICATES for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)):
            # "... she came to us for two rounds of our cells. [a quote] Tom is back on the
            # golf course": the outcomes of the story's treatment
            targets, source = self._by_body_part(s, self.story_told), "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (self.story_conditions and self.block[2] == "paragraph"
              and any(p.key in _STORY_PREDICATES for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)
              and _STORY_PERSON.search(text, s.start, s.end) is not None
              and not _STORY_WORSE.search(text, s.start, s.end)):
            # "Marcus tore part of his Achilles tendon. He chose our amniotic injections.
            # Eleven weeks later he finished the 25K.": the outcome of the person's condition
            targets, source = self._by_body_part(s, list(self.story_conditions)), "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif ((person := self.people.get(self.block_person) or self._person_conditions(s))
              and self.block[2] == "paragraph"
              and any(p.key in _PERSON_OUTCOMES for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)
              and (_STORY_PERSON.search(text, s.start, s.end) or s.start == self.block[0]
                   or self.block_person not in self.people
                   or any(p.key == "predicate-instead-of-surgery" for p in s.predicates))
              and not _STORY_WORSE.search(text, s.start, s.end)
              # (not "Jess is home, back on her methotrexate, and her joints are settling down")
              and (any(p.key == "predicate-instead-of-surgery" for p in s.predicates)
                   or not _names_other_treatment(_OTHER_TREATMENT_NAMED, text, s.start, s.end))):
            # "Meet Linda ... Arthritis in both knees" [later posts] "Linda update, week 1: She
            # walked from the parking lot WITHOUT her cane": the outcome of the person's condition
            targets, source = list(person), "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (self.thread_asked and not self.block_has_conditions and not self.previous_conditions
              and self.block[2] in ("paragraph", "blockquote")
              and any(p.key in _REPLY_PREDICATES for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)
              and _FIRST_PERSON.search(text, s.start, s.end) is not None
              and not _GLAD_FOR.search(text, s.start, s.end)
              and not _STORY_WORSE.search(text, s.start, s.end)
              and not _names_other_treatment(_OTHER_TREATMENT_NAMED, text, s.start, s.end)):
            # "Has anybody here had it? Did it do anything for your emphysema?" ... [a reply]
            # "Two weeks after my last session I was walking to the mailbox without stopping"
            targets, source = list(self.thread_asked), "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (len(self.named_mentions) == 1 and therapies and self.block[2] in ("paragraph", "blockquote")
              and not self.block_has_conditions and not self.previous_conditions
              and any(p.key in _STORY_PREDICATES for p in s.predicates)
              and not any(p.value == "success-rate" for p in s.predicates)
              and _STORY_PERSON.search(text, s.start, s.end) is not None
              and not _STORY_WORSE.search(text, s.start, s.end)
              and not _names_other_treatment(_OTHER_TREATMENT_NAMED, text, s.start, s.end)):
            # a page about one condition ("anyone tried the stem cell shots for parkinsons?"):
            # a story of the cells told without naming it is about that one ("My uncle went to
            # the same place and after the second round of stem cells he was gardening again")
            targets, source = list(self.named_mentions.values()), "previous"
            predicate = _story_predicate(s)
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif (self.block[2] == "list_item" and self.lead_in_conditions
              and any(p.value not in ("used-for", "approved-for") for p in s.predicates)):
            # "In our 2024 review of 312 children with autism:" "- 82% made better eye contact"
            targets, source = self.lead_in_conditions, "previous"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        elif section is not None and section.conditions and self.block[2] != "heading":
            # once per section, unless a later sentence says it more strongly ("may calm
            # MS", then "our case series describe fewer relapses")
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
            rank = _CERTAINTY_RANK[mod.certainty(predicate.value)]
            # (a sentence that names the therapy or points to it, "our cells go after the
            # cause", makes a claim of its own however often the section has claimed)
            named = (bool(therapies) or any(m.kind == "therapy-anaphora" for m in s.modifiers)
                     # (and so does one that tells the outcome: "Parents usually notice reduced
                     # stiffness", "72% showed clear improvement")
                     # (or says what the treatment does: "The muscles grow stronger", or that it
                     # was given: "Cells are introduced by lumbar puncture")
                     or any(p.key in _RECLAIMING_KEYS or p.value in _RECLAIMING_VALUES for p in s.predicates)
                     or _PATIENTS_REPORT.search(text, s.start, s.end) is not None)
            targets = [c for c in section.conditions if named or section.claimed.get(c.key, -1) < rank]
            source = "heading"
        elif (self.page_topic and self.block[2] in ("paragraph", "list_item", "blockquote")
              and not self.block_has_conditions and not any(sec.conditions for sec in self.sections)
              and any(p.value in _RECLAIMING_VALUES for p in s.predicates)
              and (therapies or any(m.kind == "therapy-anaphora" for m in s.modifiers)
                   or _PATIENT_NOUN.search(text, s.start, s.end) is not None)):
            # "# Autism: Stem Cell Therapy" ... "## How the treatment works" "It reaches the
            # brain and improves the blood flow": a page about one condition goes on about it
            # under headings that name none
            targets = [Mention("term", "condition", c.key, predicate.start, predicate.end) for c in self.page_topic]
            source = "previous"
            mod = modality(s, s.clause_of(predicate.start), predicate.start)
        else:
            return []
        if (source == "previous" and section is not None and section.conditions
                and {c.key for c in targets} < {c.key for c in section.conditions}):
            # "## Children with autism and cerebral palsy ... [a caption about a boy with CP]
            # These children often make steady gains": the thread is the section's subject
            targets = list({c.key: c for c in list(targets) + section.conditions}.values())
        pclause = s.clause_of(predicate.start)
        if therapies and _talks_about(text, pclause, therapies):
            return []  # "the respiratory team will answer questions about stem cell offers after the session"
        if any(m.start() <= predicate.start and predicate.end <= m.end()
               for m in _OTHER_TREATMENT_NAMED.finditer(text, pclause[0], pclause[1])):
            return []  # the outcome is the medicine's: "She's doing well on her medication"
        if any(_OTHER_TREATMENT_NAMED.search(text, m.end(), min(s.end, m.end() + 40))
               for m in _CREDITED_TO.finditer(text, predicate.end, s.end)):
            return []  # "no new lesions since 2021, which she puts down to the Ocrevus"
        if (_names_other_treatment(_OTHER_TREATMENT_NAMED, text, pclause[0], predicate.start)
                or (_names_other_treatment(_OTHER_TREATMENT, text, predicate.start,
                                           _conjunct(text, pclause, predicate.start)[1])
                    and not _COMPARED.search(text, pclause[0], pclause[1]))) and not any(
                pclause[0] <= m.start < pclause[1] for m in list(s.terms) + list(s.modifiers)
                if m.kind == "therapy" or (m.kind == "therapy-anaphora"
                                           # (not the object of the outcome: "The surgery is what fixed it")
                                           and not (m.start > predicate.start
                                                    and text[m.start:m.end].lower() in _BARE_PRONOUNS))):
            return []  # "We did not do the cells, but the hippotherapy has been wonderful for her",
            # "most cases settle within a year with rest and a strap",
            # "his DBS surgery gave him his handwriting back": another treatment, the subject
            # before the predicate, did it (not the person "his PT measured")
        therapy, from_research = self.therapy_of(therapies[0] if therapies else None)
        if therapy is None:
            return []
        if source == "previous":
            targets = self._for_transplant(therapy, targets)
        mod = _research_context(mod, from_research)
        if mod.research and all(p.key == "predicate-given" for p in s.predicates) and not any(
                m.kind == "hedge" for m in s.modifiers):
            # a trial's method: "Participants received three infusions of donor cells or a
            # placebo" (not its hope: "... infused into a vein, where researchers hope they will
            # release insulin")
            return []
        pred_kind, pred_text = predicate.value or "used-for", text[predicate.start:predicate.end]
        if source == "previous":
            self.carried = targets  # the thread goes on: "... I can button my shirts. The shuffle is almost gone."
            if ((therapies or any(m.kind == "therapy-anaphora" for m in s.modifiers))
                    and self.block[2] == "paragraph" and not mod.negated and not mod.research):
                # "Sandra's MS took her balance. In 2023 she received our protocol. [...] She
                # walks the dog without her cane.": the outcomes of the treatment told (one of
                # them told of, "These shots beat any cortisone", keeps the others: "The shoulder
                # is better too")
                if not {c.key for c in targets} <= {c.key for c in self.story_told}:
                    self.story_told = targets
        claims = [x._claim(s, therapy, cond, text, pred_kind, pred_text, mod, source, (predicate.start,))
                  for cond in targets]
        if source == "heading" and not section.asked and not text[section.heading_span[1]:s.start].strip():
            # the first sentence under its heading ("### Coxartrosis" / "1 injection of 50
            # million cells: USD 5,200") makes the claim together with it (with the heading's
            # last sentence: "My son has autism. Is there anything you can do?")
            start, end = section.heading_span
            last = [m.end() for m in _SENTENCE_END_INSIDE.finditer(text, start, end)]
            start = last[-1] if last else start
            # (a claim in a later clause of the sentence keeps its own span)
            claims = [replace(c, start=start) if not text[s.start:c.start].strip() else c for c in claims]
        return claims

    def _organ_claims(self, s: Sentence, therapies: list[Mention]) -> list[Claim]:
        """"Our cells help repair the lung tissue" after a question about COPD: what the
        therapy does to an organ is a claim on the condition of that organ the page named
        last (however far back: a comment thread answers questions from far above)."""
        organs = [m for m in s.modifiers if m.kind == "organ"]
        if not organs or not self.named_conditions or not self._refers_to_therapy(s, therapies):
            return []
        therapy, from_research = self.therapy_of(therapies[0] if therapies else None)
        if therapy is None:
            return []
        claims: list[Claim] = []
        for organ in organs:
            clause = s.clause_of(organ.start)
            predicate = next((p for p in s.predicates if clause[0] <= p.start < clause[1]
                              and (p.value not in _NOT_ORGAN_PREDICATES
                                   # (what is given for the organ is given for its disease: "a
                                   # separate cardiac infusion for the heart")
                                   or (p.value == "used-for" and _FOR_THE.fullmatch(self.text, p.end, organ.start)))),
                             None)
            named = [cid for cid in self.x.organ_conditions.get(organ.key, ()) if cid in self.named_conditions]
            if predicate is None or not named:
                continue
            cond = max(named, key=self.named_conditions.__getitem__)
            if any(c.condition.id == cond for c in claims):
                continue
            mod = _research_context(modality(s, clause, predicate.start), from_research)
            if mod.research:
                continue  # what cells did to nerve cells in the laboratory describes biology
            target = Mention("term", "condition", cond, organ.start, organ.end)
            claims.append(self.x._claim(s, therapy, target, self.text, predicate.value or "used-for",
                                        self.text[predicate.start:predicate.end], mod, "anaphora",
                                        (predicate.start,)))
        return claims

    def _maybe_open_frame(self, s: Sentence, therapies: list[Mention], conditions: list[Mention],
                          mod: Modality) -> None:
        """Headings and lead-ins ("Conditions we treat:") open a frame for what follows."""
        _start, _end, kind, _level, lead_in = self.block
        opens = kind == "heading" or lead_in or self.text[s.start:s.end].rstrip().endswith(":")
        if opens and kind != "heading":
            self.lead_in = mod
            self.eligibility_lead_in = bool(_ELIGIBILITY.search(self.text, s.start, s.end))
        if not opens or conditions:
            return
        therapy = self.therapy_of(therapies[0] if therapies else None)[0]
        frame = self.x._frame(s, therapy, self.text, mod, kind)
        if frame is None:
            return
        if kind == "heading" and self.section is not None:
            self.section.frame = frame
        else:
            self.list_frame = frame


# what may stand between "for" and the organ it names ("an infusion for the heart")
_FOR_THE = re.compile(r"\s*(?:the\s+|your\s+|his\s+|her\s+|my\s+)?", re.IGNORECASE)
# what a sentence says of an organ that is no claim on its disease: the therapy given
# into it ("injected into the knee joint"), an approval, a rate
_NOT_ORGAN_PREDICATES = frozenset({"used-for", "approved-for", "given", "success-rate"})


# per 1,000 words: a page reports on clinics when reporting words are this frequent and
# selling words this rare (measured on the development corpus: news, regulators and
# forum threads 15-65 reporting words per 1,000; clinic pages 0-8, with 2-20 selling words)
_REPORTING_MIN = 15.0
_SELLING_MAX = 6.0
_REGULATOR_MIN = 3  # regulator's words that make a press release the regulator's
# first-person singular words per 1,000: forum threads 25-45, news and notices 0-14
_PERSONAL_MIN = 20.0
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|mine|I'm|I've|I'd)\b")
# who said it, on a first-person page: a clinic, an ad, its staff (not the writer or family)
_THIRD_PARTY_SPEAKER = re.compile(
    r"\b(?:clinic|clinics|center|centre|company|ad|ads|advert|website|brochure|flyer|video|coordinator|"
    r"salesman|saleswoman|sales\s+rep|rep|representative|seller|spa|another|one|they|director|staff|nurse\s+there|"
    r"doctor\s+there|the\s+doctor|the\s+surgeon|a\s+doctor|her\s+doctor|his\s+doctor|"
    # the packaging and people met along the way ("The box says", "The speaker, who was a chiropractor, said")
    r"box|label|packaging|bottle|brand|speaker|presenter|host|chiropractor|consultant|manager|receptionist|"
    r"concierge|influencer|leaflet|pamphlet|menu|therapist\s+there|practitioner)\b[^.;:!?]{0,40}\Z",
    re.IGNORECASE)
_BARE_SPEAKER = re.compile(r"[\s\"'“(]*(?:she|he|they)\s*", re.IGNORECASE)
_SELF_SPOKEN = re.compile(r"\s+(?:that\s+)?(?:she|he|they|her|his|their|I|my|me|it|we|our)\b", re.IGNORECASE)
_KIN_SPEAKER = re.compile(r"\b(?:I|my|our|we)\s+(?:[\w'-]+\s+){0,2}\Z", re.IGNORECASE)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
# first-person singular words per 1,000 that make a page someone's own account (blogs of
# patients and families 10-45; clinic pages mostly under 5)
_STORY_PERSONAL_MIN = 10.0
_OWN_BLOCK_MIN = 2  # first-person words that make a paragraph of a reporting page its writer's own


# attribution that a page's patients give it ("patients have told us", "our clients tell us")
_TESTIFIED = re.compile(r"(?:told|tell|tells)\b", re.IGNORECASE)
_PATIENT_SUBJECT = re.compile(r"\b(?:patients|clients|customers|guests|families|parents)\s+(?:[\w']+\s+){0,2}$",
                              re.IGNORECASE)


def _first_person_density(text: str) -> float:
    """First-person singular words per 1,000 words of the page."""
    return 1000 * len(_FIRST_PERSON.findall(text)) / max(1, len(text.split()))


def _reporting_voice(text: str, sentences: list[Sentence], first_person: float) -> tuple[bool, bool]:
    """Does the page report what others claim (news, regulator, warning, forum) rather
    than sell, and does it do so in the third person (not a forum of first-person
    stories, whose own stories are claims)?"""
    words = max(1, len(text.split()))
    reporting = sum(1 for s in sentences for m in s.modifiers if m.kind == "voice-reporting")
    selling = [m for s in sentences for m in s.modifiers if m.kind == "voice-selling"]
    regulator = sum(1 for s in sentences for m in s.modifiers if m.value == "regulator")
    if regulator >= _REGULATOR_MIN:
        # a regulator's press release reports the claims it acts on ("For immediate release")
        selling = [m for m in selling if m.value != "decisive"]
    elif any(m.value == "decisive" for m in selling):
        return False, False  # a company's press release
    reports = 1000 * reporting / words >= _REPORTING_MIN and 1000 * len(selling) / words < _SELLING_MAX
    return reports, reports and first_person < _PERSONAL_MIN


def _talks_about(text: str, clause: tuple[int, int], terms: list[Mention]) -> bool:
    """Does the clause talk about the therapy or condition as a subject ("we are going to
    talk about stem cells and autism", "one of the topics they ask about")? Talk about
    something else ("before we talk about surgery") does not count."""
    for m in _TOPIC_TALK.finditer(text, clause[0], clause[1]):
        if m.group().lower().startswith("topic") or any(m.end() <= t.start <= m.end() + 30 for t in terms):
            return True
    return False


def _defined_as_other(text: str, m: Mention) -> bool:
    """Is the abbreviation in brackets right after words whose initials spell it ("open
    access (OA)")? Those words are what it stands for here."""
    if not (text[m.start - 1:m.start] == "(" and text[m.end:m.end + 1] == ")"):
        return False
    letters = [c.lower() for c in text[m.start:m.end] if c.isalpha()]
    words = re.findall(r"[A-Za-z][\w'-]*", text[max(0, m.start - 80):m.start - 1])
    words = [w for w in words if w.lower() not in ("of", "and", "the", "in", "for", "to", "&")]
    tail = words[-len(letters):] if letters and len(words) >= len(letters) else []
    return bool(tail) and [w[0].lower() for w in tail] == letters


# a later clause that speaks of what came before: a contrast, or a word pointing back
_GOES_BACK = re.compile(r"\b(?:but|yet|though|although|however|instead|it|its|them|they|their|this|these|that|those|"
                        r"so|and\s+(?:can|may|might|could|will|often|usually|also|even)|"
                        # a comparison with what the clause before names: "riluzole only slows ALS a
                        # little; our cells work many times stronger"
                        r"many\s+times|(?:far|much)\s+(?:better|stronger|more)|(?:better|stronger|faster)\s+than)\b",
                        re.IGNORECASE)
# a relative clause before a cue: "lymphoma that has returned or not responded"
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which|who|whose)\s+(?:[\w'’-]+\s+){0,4}?\Z", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:)\u2014]")
# "not stem cells," / "not the cells)": a therapy set against another
_NOT_THIS_ONE = re.compile(r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*[,;)\u2014]")
# a sentence that opens with the circumstance of what follows: "When no donor is available,"
_LEADING_CONDITION = re.compile(r"[\s\"'“(*-]*(?:when|if|where|whenever|because|since|unless|until|once|although|though|even\s+if|as\s+long\s+as)\b",
                                re.IGNORECASE)
# negations that deny a whole statement ("Nothing changed, and she had a fever"), not one verb
_DETERMINER_NEGATIONS = frozenset({"nothing", "no", "none", "nobody", "no one", "neither", "nor"})
# a coordinate clause with a subject of its own: ", and after her shots her hands ...", ", and now he ..."
_COORDINATE = re.compile(r",\s+(?:and|so)\s+(?:then\s+|now\s+|today\s+|after\b[^,.;]{0,60}?,?\s+)?"
                         r"(?:I|he|she|they|we|his|her|my|their|our)\b")
# what keeps another treatment from being the one the clause is about: given alongside the
# cells ("together with daily physiotherapy"), or stopped as their outcome ("off his methotrexate")
_NOT_INSTEAD = re.compile(
    r"(?:\b(?:(?:together|along|combined|in\s+combination)\s+with|alongside|in\s+addition\s+to|plus|followed\s+by)"
    r"\s+(?:[\w-]+\s+){0,2}"
    r"|\b(?:together|along|combined|in\s+combination)\s+"  # (before "with physiotherapy" itself)
    r"|\b(?:stop|stops|stopped|quit|quits|off|reduce|reduces|reduced|reducing|cut|cuts|lower|lowers|lowered|"
    r"taper\w*|wean\w*|halve[sd]?|drop(?:s|ped)?|no\s+longer)\s+"
    r"(?:(?:his|her|my|their|your|the|taking|using|on)\s+)?(?:(?:dose\s+of|daily)\s+(?:the\s+|his\s+|her\s+|their\s+)?)?"
    # (the next medicine of the list: "no more need of insulin and metformin")
    r"|\b(?:need\s+(?:of|for)|off|stop\w*|quit\w*|without)\s+(?:(?:the|his|her|my|their|any)\s+)?"
    r"(?:[\w-]+,?\s+){1,3}?(?:and|or)\s+(?:the\s+|his\s+|her\s+|their\s+)?)\Z",
    re.IGNORECASE)


def _conjunct(text: str, clause: tuple[int, int], offset: int) -> tuple[int, int]:
    """The stretch of the clause around `offset` between commas, colons and semicolons."""
    start = max(text.rfind(mark, clause[0], offset) for mark in ",:;") + 1 or clause[0]
    ends = [i for i in (text.find(mark, offset, clause[1]) for mark in ",:;") if i != -1]
    return max(start, clause[0]), min(ends, default=clause[1])


def _names_other_treatment(pattern: re.Pattern[str], text: str, start: int, end: int) -> bool:
    """Does the span name another treatment the claim is about ("What does help CP is
    physiotherapy", "has treated OA using physical therapy")? Not one given alongside the
    cells or stopped, not one the cells are compared with ("our injections work better
    than cortisone shots"), and not a person ("his PT measured")."""
    return any(not _NOT_INSTEAD.search(text, max(start, m.start() - 40), m.start())
               and not _COMPARED_WITH.search(text, max(start, m.start() - 50), m.start())
               and not (_THERAPIST.fullmatch(m.group())
                        and _POSSESSIVE_BEFORE.search(text, max(0, m.start() - 8), m.start()))
               and not (_PROCEDURE.fullmatch(m.group())
                        and (_PROCEDURE_NOT_AGENT.search(text, max(start, m.start() - 50), m.start())
                             or _PROCEDURE_CALLED_OFF.search(text, start, end)))
               and not _BELITTLED.match(text, m.end())
               for m in pattern.finditer(text, start, end))


def _about_other_treatment(text: str, clause: tuple[int, int]) -> bool:
    """Is the clause about another treatment, named ("physiotherapy", "cortisone shots")
    or given as the means ("using physical therapy", "with the inhalers"), other than one
    the cells are compared with?"""
    return ((_names_other_treatment(_OTHER_TREATMENT, text, clause[0], clause[1])
             and not _COMPARED.search(text, clause[0], clause[1]))
            or _names_other_treatment(_OTHER_TREATMENT_NAMED, text, clause[0], clause[1]))


# the treatment a comparison sets the cells against: "better than cortisone shots"
_COMPARED_WITH = re.compile(rf"\b(?:{_COMPARISON}|unlike|instead\s+of|rather\s+than|alternatives?\s+to)\s+(?:(?:with|to)\s+)?"
                            r"(?:[\w'-]+\s+){0,4}\Z", re.IGNORECASE)


# (past an aside on its severity: "limbal stem cell deficiency, moderate or severe, following
# chemical or thermal burns")
_CAUSE_GAP = re.compile(r"(?:,\s*(?:[\w-]+\s+){0,3}?[\w-]+,)?\s+(?:after|following|caused\s+by|due\s+to|resulting\s+from|from)\s+"
                        r"(?:(?:a|an|the|chemical|thermal|physical|severe|prior|previous|past|or|and)\s+)*", re.IGNORECASE)


def _joined_to_previous(cond: Mention, conditions: list[Mention], text: str, gap: re.Pattern[str]) -> bool:
    """Do only the words of `gap` stand between the condition and the one named before it?"""
    before = [c for c in conditions if c.end <= cond.start]
    return bool(before) and bool(gap.fullmatch(text, before[-1].end, cond.start))


def _qualifies_previous(cond: Mention, conditions: list[Mention], text: str) -> bool:
    """Is the condition a feature of the one just before it ("sickle cell disease with
    stroke or repeated pain crises", "diabetes complicated by kidney disease")?"""
    after = [c for c in conditions if c.start >= cond.end]
    if after and _CAUSE_OF_NEXT.fullmatch(text, cond.end, after[0].start):
        return True  # "diabetes-related ED", "steroid-induced": the cause of the condition after it
    if cond.key == "sports-injury" and _joined_to_previous(cond, conditions, text, _INJURY_CAUSE_GAP):
        return True  # "a cartilage defect in the knee, often from a sports injury": how it came about
    return _joined_to_previous(cond, conditions, text, _QUALIFIER_GAP)


_INJURY_CAUSE_GAP = re.compile(r"(?:\s+in\s+(?:the|a|one|both|his|her|my|your)\s+[\w-]+)?,?\s+(?:often\s+|usually\s+|typically\s+|mostly\s+)?"
                               r"(?:from|caused\s+by|due\s+to|resulting\s+from|after)\s+(?:(?:a|an|the|old|past)\s+)*",
                               re.IGNORECASE)


_CAUSE_OF_NEXT = re.compile(r"[-\s](?:related|induced|associated|linked|driven)\s+(?!by\b|to\b|with\b)(?:[\w-]+\s+)?",
                            re.IGNORECASE)


def _denied_just_before(s: Sentence, cond: Mention, text: str) -> bool:
    """A forward negation right before the condition: "not for autism", "but not ALS",
    or before a treatment verb and the therapy that lead to it: "why we do not offer
    stem cells for autism or cerebral palsy" (conditions listed on the way count as
    spaces)."""
    for cue in s.modifiers:
        if cue.kind == "negation" and cue.value != "both" and cue.end <= cond.start:
            gap = text[cue.end:cond.start]
            if len(_WORD.findall(gap)) <= 2 and _GAP_WORDS.fullmatch(gap):
                return True
            if cond.start - cue.end > 120:
                continue
            for other in s.terms:
                if cue.end <= other.start and other.end <= cond.start:
                    lo, hi = other.start - cue.end, other.end - cue.end
                    gap = gap[:lo] + ("T" if other.kind == "therapy" else " ") * (hi - lo) + gap[hi:]
            if _DENIED_USE.fullmatch(gap) or _DENIED_REACH.fullmatch(gap):
                return True
    return False


def _stance(mod: Modality) -> Modality:
    """What a lead-in says of everything listed under it: denied, warned about,
    reported or hedged (not its population, place or appeals)."""
    return Modality(negated=mod.negated, caution=mod.caution, attributed=mod.attributed,
                    hedged=mod.hedged, research=mod.research,
                    cues=[c for c in mod.cues if c in ("negation", "caution", "attribution", "hedge", "research")])


def _research_context(mod: Modality, from_research: bool) -> Modality:
    """A claim whose therapy was inferred from a research sentence stays hedged."""
    if not from_research or mod.hedged:
        return mod
    return _merge([mod, Modality(hedged=True, research=True, cues=["research context"])])


def modality(s: Sentence, clause: tuple[int, int], anchor: int | None = None, open_end: bool = False) -> Modality:
    """What the cues of a clause say about a claim whose predicate (or, without
    one, condition) starts at `anchor`. Forward cues ("not", "may") only reach
    what follows them: "cures autism and may help COPD" hedges COPD, not autism.
    Without an anchor, a forward cue counts when anything follows it; with `open_end`
    (headings and lead-ins, which speak of what comes after them) it always counts."""
    mod = Modality()
    place_rank = population_rank = (2, 0)
    lo, hi = clause
    therapy_starts = [m.start for m in s.terms if m.kind == "therapy" and lo <= m.start < hi]
    if anchor is None:
        targets = [m.start for m in s.terms if lo <= m.start < hi] + \
                  [m.start for m in s.predicates if lo <= m.start < hi]
    else:
        targets = [anchor]
    for cue in s.modifiers:
        if not (lo <= cue.start < hi):
            continue
        cat = cue.kind
        forward = (cat == "negation" and cue.value != "both") or (cat == "hedge" and cue.value == "modal")
        if forward and not any(t >= cue.end for t in targets) and not (
                open_end and s.text_lower(cue) not in _BARE_NEGATIONS):
            continue  # (a lead-in "We do not offer:" denies its list; "..., not spas:" does not)
        if (forward and anchor is not None and anchor > cue.end
                and s.text_lower(cue) not in _DETERMINER_NEGATIONS
                and (split := _COORDINATE.search(s.text, cue.end, min(s.end, anchor + 90))) is not None
                and split.start() < anchor):
            # "she couldn't hold a fork, and after her shots her hands are steady again": the
            # "not" stays in its own coordinate clause
            continue
        if forward and cat == "negation" and anchor is not None and anchor > cue.end:
            contrast = _NOT_THIS_ONE.match(s.text, cue.end) if (
                s.text_lower(cue) == "not" and s.text[max(s.start, cue.start - 2):cue.start].strip() == ",") else None
            if contrast is not None and contrast.end() <= anchor and any(
                    m.kind == "therapy" and cue.end < m.start < contrast.end() for m in s.terms):
                continue  # "CAR-T is made from T cells, not stem cells, and it is approved for ...":
                # the "not" sets one therapy against another
            if _RELATIVE_BEFORE.search(s.text, max(s.start, cue.start - 40), cue.start) and _CLAUSE_END.search(
                    s.text, cue.end, anchor):
                continue  # "adults with lymphoma that has returned or not responded to treatment, ...":
                # the "not" describes the disease, up to the end of its relative clause
            if _LEADING_CONDITION.match(s.text, s.start) and (
                    comma := s.text.find(",", cue.end, anchor)) != -1 and not _COORDINATE.match(s.text, comma):
                continue  # "When no matched donor is available, we use cord blood units ...": the
                # denial stays in the clause that sets the circumstance
        if cat == "negation" and not forward and anchor is not None and anchor < cue.start and any(
                anchor < t < cue.start for t in therapy_starts) and (
                any(t <= anchor for t in therapy_starts) or _CLAUSE_MARK.search(s.text, anchor, cue.start)):
            continue  # "... is Ryoncil, for children with GVHD, and adipose cells are not approved for ...":
            # the denial belongs to the therapy named after the claim (not "Treatment with cord
            # blood for autism is not approved", whose only therapy it is)
        if cat == "negation":
            mod.negated = True
        elif cat == "attribution":
            mod.attributed = True
        elif cat == "caution":
            mod.caution = True
        elif cat in ("hedge", "research"):
            if cat == "hedge" and cue.value == "weak":
                continue  # decided with the sentence's evidence appeal below
            mod.hedged = True
            mod.research |= cat == "research"
        elif cat == "absolute":
            mod.absolute = True
        elif cat == "population":
            # the population nearest the claim, one before it first: "approved ... in kids
            # whose GVHD does not respond to steroids, and not for RA in grown-ups"
            rank = _nearness(cue, anchor, targets)
            if mod.population is None or rank < population_rank:
                mod.population, population_rank = cue.value, rank
        elif cat == "jurisdiction":
            # the place nearest the claim, one before it first: "In Europe, Holoclar has
            # conditional approval for ..., and in Japan Stemirac for ..."
            rank = _nearness(cue, anchor, targets)
            if mod.place is None or rank < place_rank:
                mod.place, place_rank = cue.value, rank
        elif cat == "conditional":
            pass  # recorded in cues: the text itself says the approval is conditional
        else:
            continue
        mod.cues.append(cat)
    evidence = any(m.kind == "evidence" for m in s.modifiers)
    testimony = any(m.kind == "testimony" for m in s.modifiers)
    mod.evidence, mod.testimony = evidence, testimony
    weak = any(m.kind == "hedge" and m.value == "weak" and lo <= m.start < hi for m in s.modifiers)
    if weak and not evidence:
        mod.hedged = True
        mod.cues.append("hedge")
    if s.question and not any(p.key == "predicate-rhetorical" for p in s.predicates):
        mod.hedged = True  # "Can stem cells help COPD?" suggests, it does not assert ("Who says ... can't?" does)
        mod.cues.append("question")
    return mod


# ----------------------------------------------------------------------------------
def _nearness(cue: Mention, anchor: int | None, targets: list[int]) -> tuple[int, int]:
    """How near a cue stands to the claim, one before it first (the lower the nearer)."""
    point = anchor if anchor is not None else (min(targets) if targets else cue.start)
    return (0 if cue.start <= point else 1, abs(point - cue.start))


def _story_predicate(s: Sentence) -> Mention:
    """The outcome a story sentence tells (the first, unless it stands in a denial)."""
    told = [p for p in s.predicates if p.key in _STORY_PREDICATES] or [
        p for p in s.predicates if p.key in _PERSON_OUTCOMES] or s.predicates
    return _after_denial(s, told[0], told)


def _after_denial(s: Sentence, predicate: Mention, candidates: list[Mention]) -> Mention:
    """"It's not a cure, but the cells bought us time": when the predicate's clause is a
    denial, a later clause that is not says what the treatment did."""
    if len(s.clauses) < 2 or not modality(s, s.clause_of(predicate.start), predicate.start).negated:
        return predicate
    clause = s.clause_of(predicate.start)
    later = [p for p in candidates if p.start > predicate.start and s.clause_of(p.start) != clause
             and not modality(s, s.clause_of(p.start), p.start).negated]
    return later[0] if later else predicate


def _in_therapy_clause(s: Sentence, predicate: Mention, therapies: list[Mention], text: str) -> Mention:
    """"An epidural steroid shot works faster, but it wears off; PRP around the nerve root
    heals the irritation": the claim is what the named therapy does, in its own clause,
    not what another treatment in an earlier clause does."""
    if len(s.clauses) < 2 or not therapies:
        return predicate
    own = [s.clause_of(t.start) for t in therapies if not _contrasted(text, s, t)]
    if s.clause_of(predicate.start) in own:
        return predicate
    in_own = [p for p in s.predicates if s.clause_of(p.start) in own and p.value != "approved-for"]
    return in_own[0] if in_own else predicate


def _merge(mods) -> Modality:
    out = Modality()
    for mod in mods:
        out.negated |= mod.negated
        out.attributed |= mod.attributed
        out.caution |= mod.caution
        out.hedged |= mod.hedged
        out.research |= mod.research
        out.absolute |= mod.absolute
        out.evidence |= mod.evidence
        out.testimony |= mod.testimony
        out.population = out.population or mod.population
        out.place = out.place or mod.place
        out.cues.extend(mod.cues)
    return out


_SELLER_OWN = re.compile(r"\b(?:our|we|us)\b", re.IGNORECASE)


def _scare_quoted(therapy: TherapyRef, text: str, s: Sentence) -> bool:
    """"I paid $5,800 for a "stem cell" shot": the writer doubts the name it was sold
    under, and reports the seller's word (a quote of a whole claim is a quote, not this;
    a seller's own 'Our amniotic "stem cell" shots' is still the seller's)."""
    if therapy.inferred or therapy.start is None or therapy.end is None:
        return False
    if _SELLER_OWN.search(text, s.start, therapy.start) or any(m.kind == "voice-selling" for m in s.modifiers):
        return False
    before = text[therapy.start - 1:therapy.start] if therapy.start > 0 else ""
    after = text[therapy.end:therapy.end + 1]
    return before in ('"', "“", "'", "‘") and after in ('"', "”", "'", "’")


def _nearest(predicates: list[Mention], cond: Mention, clause: tuple[int, int]) -> Mention | None:
    """The predicate closest to the condition, preferring one in the same clause and,
    there, one before it: in "transplants are a standard treatment for leukemia and
    myeloma, and Ryoncil is approved for children with GVHD" myeloma goes with the
    treatment before it, not the approval after it."""
    if not predicates:
        return None
    in_clause = [p for p in predicates if clause[0] <= p.start < clause[1]]
    before = [p for p in in_clause if p.end <= cond.start]
    pool = before or in_clause or predicates
    return min(pool, key=lambda p: abs(p.start - cond.start))


def _contrasted(text: str, s: Sentence, therapy: Mention) -> bool:
    """"rather than stem cells", "instead of offering cell therapy": the therapy set aside."""
    return _CONTRASTED.search(text, max(s.start, therapy.start - 35), therapy.start) is not None


def _pick_therapy(therapies: list[Mention], cond: Mention, predicate: Mention | None,
                  s: Sentence, text: str | None = None) -> Mention | None:
    if not therapies:
        return None
    if text is not None:
        # "Spherox, made from cartilage cells rather than stem cells, is authorised for ...":
        # the therapy set against another is not the subject
        kept = [t for t in therapies if not _contrasted(text, s, t)]
        therapies = kept or therapies
        # "for selected cartilage defects of the knee, MACI": the therapy the condition leads to
        after = [t for t in therapies if 0 <= t.start - cond.end <= 30 and _LEADS_TO.fullmatch(text, cond.end, t.start)
                 and _FOR_JUST_BEFORE.search(text, max(s.start, cond.start - 40), cond.start)]
        if after:
            return after[0]
    picked = _nearest_therapy(therapies, cond, predicate, s)
    if text is not None and picked is not None:
        # "Stemirac, a bone marrow stem cell product, ...": the product, not the kind of
        # cell it is described as in apposition, is the subject
        heads = [t for t in therapies if t.end <= picked.start and t.key != picked.key
                 and _APPOSITION.fullmatch(text, t.end, picked.start)]
        if heads:
            return heads[-1]
    return picked


def _nearest_therapy(therapies: list[Mention], cond: Mention, predicate: Mention | None,
                     s: Sentence) -> Mention | None:
    anchor = predicate.start if predicate is not None else cond.start
    clause = s.clause_of(cond.start)
    # "MACI is approved for cartilage defects, and Lantidra for type 1 diabetes": a
    # therapy named between the predicate and the condition is the one it is about
    between = [t for t in therapies if anchor < t.start and t.end <= cond.start
               and clause[0] <= t.start < clause[1]]
    if between and predicate is not None:
        # the last product named, by its first name ("Ryoncil (remestemcel-L)")
        return next(t for t in between if t.key == between[-1].key)

    def rank(t: Mention) -> tuple[int, int, int]:
        same_clause = 0 if clause[0] <= t.start < clause[1] else 1
        before = 0 if t.start <= anchor else 1
        return (same_clause, before, abs(anchor - t.start))

    return min(therapies, key=rank)


_TICK = re.compile(r"[ \t]*[\u2713\u2714\u2705\u2611](?:\ufe0f)?")


def _ticked_lists(text: str, by_block: dict[int, list[Sentence]]) -> set[int]:
    """Blocks that tick off conditions in one line ("arthritis \u2714\ufe0f neuropathy \u2714\ufe0f
    Crohn's \u2714\ufe0f"): a list of what the page treats, written across."""
    ticked = set()
    for index, sentences in by_block.items():
        conditions = [m for s in sentences for m in s.terms if m.kind == "condition"]
        if len(conditions) >= 2 and sum(1 for m in conditions if _TICK.match(text, m.end)) >= 2:
            ticked.add(index)
    return ticked


def _condition_lists(blocks, by_block: dict[int, list[Sentence]]) -> set[int]:
    """Blocks that are items of a list or table naming conditions: in a run of list
    items (or table cells), at least two name a condition and they are at least a third
    of the run."""
    listed: set[int] = set()
    run: list[int] = []

    def close() -> None:
        named = [i for i in run if any(m.kind == "condition" for s in by_block.get(i, ()) for m in s.terms)]
        # a table has other columns (numbers, prices): one column of conditions is enough
        table = bool(run) and blocks[run[0]][2] == "table_cell"
        # (one item may name two: "Low libido and erectile dysfunction")
        kinds = {m.key for i in named for s in by_block.get(i, ()) for m in s.terms if m.kind == "condition"}
        if (len(named) >= 2 or (named and len(run) >= 2 and len(kinds) >= 2)) and (table or 3 * len(named) >= len(run)):
            listed.update(named)
        run.clear()

    previous_kind = None
    for index, (_start, _end, kind, _level, _lead) in enumerate(blocks):
        if kind in ("list_item", "table_cell") and (not run or kind == previous_kind):
            run.append(index)
        else:
            close()
            if kind in ("list_item", "table_cell"):
                run.append(index)
        previous_kind = kind
    close()
    return listed


def _short_block(text: str, start: int, end: int) -> bool:
    """A line that can continue a list: few words and no sentence inside."""
    chunk = text[start:end]
    return len(chunk.split()) <= 8 and not re.search(r"[.!?]\s", chunk)


def _dedupe(claims: list[Claim], ruleset: RuleSet) -> list[Claim]:
    """One claim per condition per sentence (the first, which is the most direct, unless
    it is denied and a later one is not), and none for a condition when the sentence also
    names a narrower one ("arthritis ... knee osteoarthritis", "autoimmune diseases such
    as lupus")."""
    chosen: dict[str, Claim] = {}
    for c in claims:
        kept = chosen.get(c.condition.id)
        if kept is None or (kept.negated and not c.negated):
            chosen[c.condition.id] = c  # what the sentence asserts beats what it denies
    unique = list(chosen.values())
    broader: set[str] = set()
    for c in unique:
        broader |= ruleset.condition_family(c.condition.id) - {c.condition.id}
    return [c for c in unique if c.condition.id not in broader]
