"""The schemas of rule packs, wordlists and their parts, with the choices their fields allow."""

from __future__ import annotations

from ..schema import Field, Schema


SOURCE = Schema(
    "a source",
    (
        Field("name", "text", "Who or what the words came from.", required=True),
        Field("url", "text", "Where to find the source."),
        Field("licence", "text", "The licence the source is under, as a short code like OGL-3.0."),
        Field("attribution", "text", "The credit line the licence asks for."),
        Field("notes", "text", "Anything else worth knowing."),
    ),
    doc="Where words or rules came from, with their licence.",
)

STATUS_CHOICES = ("agreed", "proposed", "retired")
#: What people may write instead, to suggest the right word ("aproved" -> "agreed").
STATUS_SYNONYMS = (
    ("approved", "agreed"), ("accepted", "agreed"), ("active", "agreed"), ("done", "agreed"), ("yes", "agreed"),
    ("draft", "proposed"), ("suggested", "proposed"), ("pending", "proposed"), ("new", "proposed"),
    ("removed", "retired"), ("deleted", "retired"), ("old", "retired"), ("dropped", "retired"),
)

PROVENANCE_FIELDS = (
    Field("source", "text", "Where this word came from."),
    Field("licence", "text", "The licence of the source, as a short code like CC0-1.0."),
    Field("added_by", "text", "Who added the word."),
    Field("agreed", "date", "The date the word and its alternatives were agreed, like 2026-03-14."),
    Field("agreed_by", "text", "The forum or group that agreed it."),
    Field(
        "status",
        "text",
        "agreed (in use), proposed (waiting for the forum) or retired (kept for the record, never used).",
        choices=STATUS_CHOICES,
        synonyms=STATUS_SYNONYMS,
    ),
    Field("review_by", "date", "When the forum should look at this word again."),
)

#: Fields of an entry only (not of a list's ``defaults``): when it was added, the shipped entry it takes the
#: place of, and when, by whom and why it was retired.
ENTRY_HISTORY_FIELDS = (
    Field("added", "date", "The date the word was added to this list, like 2026-03-14."),
    Field("overrides", "text",
          "The shipped list whose entry for this term this entry takes the place of, like social-care. "
          "Your organisation's words, reason and status are then used instead of the shipped ones."),
    Field("retired", "date", "The date the word was retired, like 2026-03-14."),
    Field("retired_by", "text", "Who retired the word."),
    Field("retired_why", "text", "Why the word was retired: why it is no longer flagged."),
)

#: The parts of speech an entry can be limited to (``as: verb``), in words a forum member knows.
PARTS_OF_SPEECH = ("noun", "verb", "adjective", "adverb")
PART_SYNONYMS = (
    ("nouns", "noun"), ("a noun", "noun"), ("naming word", "noun"), ("thing", "noun"), ("name", "noun"),
    ("verbs", "verb"), ("a verb", "verb"), ("doing word", "verb"), ("action word", "verb"), ("action", "verb"),
    ("adjectives", "adjective"), ("an adjective", "adjective"), ("adj", "adjective"),
    ("describing word", "adjective"), ("adverbs", "adverb"), ("an adverb", "adverb"), ("adv", "adverb"),
)
#: Whether `speakeasy fix` may apply an entry's plain word by itself (safe) or a person decides (ask).
FIX_CHOICES = ("safe", "ask")
#: How near `when` and `unless` words must be to the term.
WITHIN_CHOICES = ("sentence", "paragraph", "section", "document")

ENTRY = Schema(
    "a wordlist entry",
    (
        Field("term", "text", "The word or phrase to avoid.", required=True),
        Field("use", "alternatives",
              "The plain alternative, or a list of them, or a list for each part of speech "
              "(`noun: effect` and `verb: affect`).",
              required=True, choices=PARTS_OF_SPEECH, synonyms=PART_SYNONYMS),
        Field("why", "text", "Why the word is a problem, in plain words.", required=True),
        Field("as", "texts",
              "The part of speech the term is jargon as: noun, verb, adjective or adverb. Other uses are not flagged.",
              choices=PARTS_OF_SPEECH, synonyms=PART_SYNONYMS),
        Field("when", "texts",
              "Words that must be near the term for it to be flagged (in the same sentence, unless `within` says more)."),
        Field("unless", "texts",
              "Words that make the term fine when they are near it (in the same sentence, unless `within` says more)."),
        Field("within", "text",
              "How near the `when` and `unless` words must be: sentence (the default), paragraph, section or document.",
              choices=WITHIN_CHOICES,
              synonyms=(("sentences", "sentence"), ("paragraphs", "paragraph"), ("sections", "section"),
                        ("page", "document"), ("whole document", "document"), ("file", "document"))),
        Field("everywhere", "bool",
              "true if the word is jargon in any text, whatever the list's `topic` is about."),
        Field("explained_ok", "bool", "true if the word is fine once the document explains it."),
        Field("fix", "text",
              "safe if `speakeasy fix` may put the plain word in by itself: the swap can never change the "
              "meaning or break the sentence. ask (the default) if a person must decide, in `speakeasy review`.",
              choices=FIX_CHOICES,
              synonyms=(("automatic", "safe"), ("auto", "safe"), ("always", "safe"), ("by itself", "safe"),
                        ("person", "ask"), ("review", "ask"), ("manual", "ask"), ("never", "ask"),
                        ("no", "ask"), ("yes", "safe"))),
        Field("examples", "texts", "Sentences that use the word; each must be flagged by this entry."),
        Field("fine_examples", "texts",
              "Sentences where the word is fine (another part of speech, another sense, a name); "
              "none may be flagged by this entry."),
        Field("notes", "text", "Anything else the forum wants to record."),
    )
    + PROVENANCE_FIELDS
    + ENTRY_HISTORY_FIELDS,
    doc="One word or phrase to avoid, with plain alternatives.",
)

TOPIC = Schema(
    "the topic",
    (
        Field("about", "text", "What the list is about, in a few words, like `care and support`.", required=True),
        Field("words", "texts",
              "Words that show a part of a document is about the topic, like `carer` or `social worker`.",
              required=True),
    ),
    doc="What a list is about: its words are only flagged in parts of a document about this.",
)

DEFAULTS = Schema(
    "the defaults",
    PROVENANCE_FIELDS,
    doc="Values every entry gets unless it gives its own.",
)

WORDLIST = Schema(
    "a wordlist",
    (
        Field("title", "text", "The name of the list.", required=True),
        Field("description", "text", "What the list is for."),
        Field("licence", "text", "The licence of the list, as a short code like CC-BY-4.0.", required=True),
        Field("sources", "mappings", "Where the words came from.", schema=SOURCE),
        Field("maintained_by", "text", "Who looks after the list."),
        Field("co_produced_by", "texts", "The people and groups who co-produced the list."),
        Field("level", "level", "How serious a finding from this list is, when it is used on its own."),
        Field("topic", "mapping",
              "What the list is about. Its words are then only flagged in parts of a document about that, "
              "except words marked `everywhere: true`.", schema=TOPIC),
        Field("defaults", "mapping", "Values every entry gets unless it gives its own.", schema=DEFAULTS),
        Field("words", "mappings", "The words and their plain alternatives.", required=True, schema=ENTRY),
    ),
    doc="A list of jargon words and their plain alternatives.",
)

EXAMPLE = Schema(
    "the rule's example",
    (
        Field("bad", "text", "Text the rule must flag.", required=True),
        Field("good", "text", "Text the rule must not flag.", required=True),
    ),
)

RULE_FIELDS = (
    Field("id", "text", "The rule's name inside the pack, like `words`.", required=True),
    Field("kind", "text", "What sort of check this is.", required=True),
    Field("level", "level", "How serious a finding is: suggestion, warning or error."),
    Field("message", "text", "The message, with {placeholders} such as {match}."),
    Field("summary", "text", "One line saying what the rule checks.", required=True),
    Field("why", "text", "Why it matters, in plain words.", required=True),
    Field("example", "mapping", "A bad and a good example.", required=True, schema=EXAMPLE),
    Field("fix_safety", "text", "When a fix is safe to apply without asking."),
    Field("link", "text", "Where to read more."),
    Field("enabled", "bool", "false to ship the rule switched off."),
)

RULE = Schema("a rule", RULE_FIELDS, doc="One rule: a kind, its settings and its documentation.", open=True)

PACK = Schema(
    "a rule pack",
    (
        Field("id", "text", "The pack's name, used at the start of its rules' ids.", required=True),
        Field("title", "text", "A short title.", required=True),
        Field("version", "text", "The pack's version, like 1.0.0.", required=True),
        Field("description", "text", "What the pack checks.", required=True),
        Field("licence", "text", "The licence of the pack, as a short code like CC-BY-4.0.", required=True),
        Field("sources", "mappings", "Where the rules came from.", schema=SOURCE),
        Field("co_produced_by", "texts", "The people and groups who co-produced the pack."),
        Field("default", "bool", "false if the pack is only used when a configuration asks for it."),
        Field("rules", "mappings", "The rules.", required=True, schema=RULE),
    ),
    doc="A rule pack: a set of rules with their documentation and sources.",
)
