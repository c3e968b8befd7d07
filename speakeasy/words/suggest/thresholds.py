"""The numbers and word lists that decide what ``words suggest`` shortlists, and the reasons it gives.

See :mod:`speakeasy.words.suggest` for how each is used.
"""

#: Zipf below this is "rare in everyday English": fewer than one use in a
#: million words.  Zipf 3 is where van Heuven et al. (2014), who proposed the
#: Zipf scale, end the low-frequency words (1-3): "domiciliary" 1.9,
#: "signposting" 1.7.  A few everyday words fall below it too ("stairlift"
#: 1.4, "carer" 2.9); a forum throws those out in seconds, while a higher line
#: would bring in many words everyone knows ("kettle" 3.5, "grumpy" 3.5).
RARE_ZIPF = 3.0
#: Zipf below this, for a long Latinate word, is "long formal word": ten uses
#: in a million words, the line van Heuven et al. draw for high-frequency
#: words.  "organisation" (4.4) and "information" (5.4) stay out;
#: "accountability" (3.9) and "confidentiality" (3.5) come in.  Single words
#: at or above this line are never suggested.
FORMAL_ZIPF = 4.0
#: A phrase (or hyphenated compound) whose estimated Zipf is below this is
#: "rare as a whole".  The estimate is an upper bound (see the module
#: docstring), so the line is looser than for single words: "asset owner"
#: (4.1) and "transition planning" (4.3) come in; "young people" (5.4),
#: "mental health" (4.7) and "line manager" (4.9) stay out.
PHRASE_ZIPF = 4.5
#: An adjective this common ("different" 5.6, "new" 6.2, "important" 5.3)
#: describes; it is not part of a name for something, so a phrase with it is
#: not suggested.
#: Adjectives in terms of art are less common ("mental" 4.8, "sensitive" 4.3).
GENERIC_ADJECTIVE_ZIPF = 5.0
#: At least this many syllables for a "long formal word" ("eligibility" has 5).
MIN_SYLLABLES = 4
#: Latinate endings of long formal words (with their plural and verb forms).
LATINATE_ENDINGS = (
    "ation", "ations", "ition", "itions", "ion", "ions",
    "ment", "ments", "ance", "ances", "ence", "ences", "ancy", "ency",
    "ity", "ities", "ise", "ised", "ises", "ising", "ize", "ized", "izes", "izing",
    "isation", "isations", "ization", "izations",
    "ive", "ives", "ative", "atives", "ory", "ary", "ial", "ual",
)
#: Phrases are 2 to this many words long (joining words included).
MAX_PHRASE_WORDS = 4
#: Words that may join the words of a phrase (at most one per phrase).
CONNECTORS = frozenset({"and", "of"})
#: Uses a repeated phrase or compound word needs.
MIN_REPEATS = 2
#: Acronyms everyone in the UK knows, which never need a forum's attention.
#: Kept short on purpose: everyday ones from the acronym rule's own
#: allow-list (NHS, GP, UK, TV, OK, ID, PDF...) and IT, used everywhere in
#: public services.  Organisations add their own with ``keep``, and the
#: ``allow`` list of any acronym rule in use is added to this one.
EVERYDAY_ACRONYMS = frozenset(
    """A&E AM BBC CCTV CD COVID DIY DVD EU FAQ GP HIV ID IT MP NHS OK PC PDF PIN PM QR SMS TV UK UN US USA
    USB""".split()
)
#: Example sentences longer than this are trimmed around the word.
EXAMPLE_WIDTH = 160
#: How much of the sentence to keep before the word when trimming.
EXAMPLE_BEFORE = 50
#: Common verbs lemminflect also lists as nouns, which make false phrases
#: ("staff need support") when they stand between two nouns.
VERBS_NOT_NOUNS = frozenset("need needs want wants like likes let lets".split())

#: Endings of adjectives, for words lemminflect does not know.
ADJECTIVE_ENDINGS = ("able", "ible", "ous", "ful", "less", "ic", "ical", "ive")

REASON_RARE = "rare in everyday English"
REASON_FORMAL = "long formal word"
REASON_COMPOUND = "repeated compound word"
REASON_PHRASE = "repeated phrase"
