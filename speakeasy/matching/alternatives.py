"""Plain alternatives put in the form and case of the words they replace: "use" for "utilised" is "used"."""

from __future__ import annotations

from functools import lru_cache

from .basics import MODALS, VERB_TAGS
from .inflection import all_inflections, all_lemmas, inflection_for


@lru_cache(maxsize=200_000)
def inflect_alternative(alternative: str, tag: str) -> str:
    """Put a plain alternative in the same form as the word it replaces.

    "use" for "utilised" (VBD) -> "used"; "work with" for "collaborating"
    (VBG) -> "working with".  Plurals are only made for one-word
    alternatives ("people with an interest" stays as it is).
    """
    if not tag:
        return alternative
    words = alternative.split(" ")
    try:
        import lemminflect  # noqa: F401
    except ImportError:  # pragma: no cover
        return alternative
    if tag in VERB_TAGS:
        head = words[0]
        if not head.isalpha() or head.lower() in MODALS:
            return alternative
        if not all_inflections(head.lower(), upos="VERB"):
            return alternative  # "the point at which..." is not a verb phrase
        forms = inflection_for(head.lower(), tag=tag)
        if forms:
            words[0] = _same_case(head, _UK_PARTICIPLES.get(forms[0], forms[0]))
        return " ".join(words)
    if tag == "NNS":
        return plural_alternative(alternative)
    return alternative


#: Words after which a noun phrase's head has come: "a place to live", "money you owe", "people involved".
_AFTER_HEAD = frozenset(
    "of for to that who which with in on at from about by where when than like so you your we our they "
    "their it its he she his her them us".split()
)
#: Words that start a clause or a description, not a noun phrase: such alternatives stay as they are.
_NOT_NOUN_PHRASE = frozenset(
    "what how when where why who whom whose which whether if someone something somebody anyone anything "
    "everyone everything nobody nothing you we they it he she i this that these those to not".split()
)
#: Words that end a phrasal verb: "carry out", "set up", "work on", "look after".
_PARTICLES = frozenset("out up off on in down over back away through after about along around into with".split())
#: Past participles in US English that UK readers do not use.
_UK_PARTICIPLES = {"gotten": "got"}
#: Nouns that are already plural, or have no plural a reader would use.
_NO_PLURAL = frozenset(
    "people staff children police cattle money equipment information advice help support care news "
    "furniture research evidence feedback".split()
)


def plural_alternative(alternative: str) -> str:
    """An alternative in the plural, for a plural term: "care agency" -> "care agencies".

    The head of the noun phrase is the last word before the words that
    describe it ("a place to live" -> "places to live", "money you owe" and
    "people involved" stay as they are).  Alternatives that are not noun
    phrases ("what you want to achieve", "someone to speak up for you"), and
    heads that are already plural or have no plural, stay as they are.
    """
    words = alternative.split(" ")
    if not words or not all(words):
        return alternative
    low = [w.lower() for w in words]
    if low[0] in _NOT_NOUN_PHRASE:
        return alternative
    if len(words) > 1 and low[-1] in _PARTICLES:
        return alternative  # a verb with its particle ("carry out", "work on"): not a noun phrase
    drop_article = low[0] in ("a", "an", "one")
    start = 1 if drop_article else 0
    if start >= len(words):
        return alternative
    head = len(words) - 1
    for i in range(start + 1, len(words)):
        w = low[i]
        if w in _AFTER_HEAD or (w.endswith(("ed", "ing")) and len(w) > 4 and i > start):
            head = i - 1
            break
    word = words[head]
    if not word.isalpha() or low[head] in _NO_PLURAL or _is_plural(low[head]):
        return alternative if not drop_article else alternative
    try:
        import lemminflect  # noqa: F401
    except ImportError:  # pragma: no cover
        return alternative
    known = all_inflections(low[head])
    if known and "NN" not in known and "NNS" not in known:
        return alternative  # not a noun: "help to get back on your feet"
    forms = inflection_for(low[head], tag="NNS")
    plural = _PLURALS.get(low[head]) or (forms[0] if forms else "")
    if not plural or plural == low[head]:
        return alternative
    out = words[start:]
    out[head - start] = _same_case(word, plural)
    # "a young person who has left care" -> "young people who have left care"
    rel = head - start + 1
    if rel + 1 < len(out) and out[rel].lower() in ("who", "that", "which"):
        out[rel + 1] = _plural_verb(out[rel + 1])
    if drop_article and words[0][:1].isupper():
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


#: Plurals a reader uses where the dictionary gives another ("persons").
_PLURALS = {"person": "people", "child": "children", "staff member": "staff"}
_PLURAL_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't", "wasn't": "weren't",
                 "hasn't": "haven't", "doesn't": "don't"}


def _plural_verb(verb: str) -> str:
    """The verb after "who" or "that", for a plural: "has" -> "have", "pays" -> "pay"."""
    low = verb.lower()
    if low in _PLURAL_VERBS:
        return _same_case(verb, _PLURAL_VERBS[low])
    if not low.endswith("s") or not low.isalpha():
        return verb
    from lemminflect import getLemma

    base = getLemma(low, upos="VERB")
    if base and base[0] != low and all_inflections(base[0], upos="VERB").get("VBZ", ("",))[0] == low:
        return _same_case(verb, base[0])
    return verb


def _is_plural(word: str) -> bool:
    """Is a noun already plural ("results", "people")?"""
    lemmas = all_lemmas(word, upos="NOUN")
    return bool(lemmas) and word not in lemmas.get("NOUN", (word,))


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def match_case(matched: str, suggestion: str) -> str:
    """A suggestion in the case of the text it replaces: Commence -> Start, COMMENCE -> START."""
    letters = [c for c in matched if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return suggestion.upper()
    if matched[:1].isupper() and suggestion[:1].islower():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion
