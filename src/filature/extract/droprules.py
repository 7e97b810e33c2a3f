"""Every rule by which a filter removes a candidate name, by name and reason: the noise rules
of a name alone (``noise.NOISE_RULES``), the passage filters that read the name in its context,
the document's kinds, and the corpus filters. Every drop names one of them (``drops.Dropped``,
``filature build --explain-drops``)."""

from __future__ import annotations

from filature.extract.drops import DropRule
from filature.extract.noise import NOISE_RULES

TRIM = DropRule("trim", "nothing name-like left after removing determiners, titles, punctuation")
OVERLAP = DropRule("overlap", "overlaps a mention already taken (institution, rule or NER)")
WORD_IN_CAPITALS = DropRule("word in capitals", "a word the document also writes in lowercase")
REFERENCE_LABEL = DropRule("reference label", "an acronym labelling a file number (RG 15/01183)")
CAPS_RUN = DropRule("caps run", "an all-caps word joined to other all-caps words (heading)")
UNTYPED = DropRule("untyped", "the label and the head noun give no entity type")
ENGLISH_TITLE = DropRule("english title", "running English words: a cited title")
GLOSS = DropRule("gloss", "a term glossed in brackets after a lowercase word")
PUBLISHER_SLOT = DropRule("publisher slot", "a name before ', <year>' in a citation")
COMMON_WORDS = DropRule("common words", "words the document uses as common words")
PEOPLE_NOUN = DropRule("people noun", "a nationality or people noun after an article")
CAPTION = DropRule("caption", "the common noun opening a short verbless line (a caption)")
ROLE_ON_NON_PERSON = DropRule("role on non-person", "a title before a name that is not a person's")
PASSAGE_RULES = (
    TRIM,
    OVERLAP,
    WORD_IN_CAPITALS,
    REFERENCE_LABEL,
    CAPS_RUN,
    UNTYPED,
    ENGLISH_TITLE,
    GLOSS,
    PUBLISHER_SLOT,
    COMMON_WORDS,
    PEOPLE_NOUN,
    ROLE_ON_NON_PERSON,
    CAPTION,
)
"""The filters of a candidate in its passage, after the noise rules (``passage_mentions``)."""

KIND = DropRule("kind", "an acronym or long form the document defines as a kind of thing")
BARE_HEAD = DropRule(
    "bare generic head", 'a generic head alone ("le Gouvernement") with no fuller name before'
)

FOOTNOTES = DropRule(
    "footnote noise", "in a footnote only, not its author, no actor head, or quoted"
)
INSTITUTIONS = DropRule("unconfirmed institution", "named only inside a job title in its document")
SHORT_NAMES = DropRule("bare surname", "one word, no full name in the document, no title, not PER")
SHOUTING = DropRule("shouting", "a long all-caps word never written otherwise nor defined")
PEOPLE = DropRule("place in person", "a word of the name is used alone as a place in the document")
PAIRS = DropRule("pair", "two known names joined by a hyphen")
CORPUS_RULES = (FOOTNOTES, INSTITUTIONS, SHORT_NAMES, SHOUTING, PEOPLE, PAIRS)
"""The corpus filters, in the order the entity pipeline runs them (``pipeline.build_drafts``)."""

DROP_RULES: tuple[DropRule, ...] = (*NOISE_RULES, *PASSAGE_RULES, KIND, BARE_HEAD, *CORPUS_RULES)
"""Every rule, each name once."""
