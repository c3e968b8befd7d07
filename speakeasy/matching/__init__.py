"""Fast matching of many words and phrases, with their inflections and spellings.

A wordlist term such as "utilise" or "co-production" is expanded into every
form a writer might use:

* inflections, from lemminflect: utilise, utilises, utilised, utilising;
  stakeholder, stakeholders; take into account, took into account...
* US spellings of UK -ise words: utilize, utilized...
* hyphen, space and closed forms: co-production, co production, coproduction.

All forms of all terms become one regular expression built from a trie, so
the text is scanned once (one pass, whatever the number of terms), and
each match is looked up in a dictionary by its normalised form.

Expanding inflections needs lemminflect, whose data takes a few tenths of a
second to load, so expansions are cached on disk (see :mod:`speakeasy.io.diskcache`).

The modules, each with one job:

* :mod:`.basics`: the tags, the marks between the parts of a form, :func:`normalise`;
* :mod:`.inflection`: lemminflect, remembered, and its model of the words it does not know;
* :mod:`.alternatives`: a plain alternative in the form and case of the words it replaces;
* :mod:`.forms`: a term's forms and a list's inflected alternatives, kept in the disk cache;
* :mod:`.trie`: the one pattern for all forms, and for only the forms a text may hold.

Every name the rest of speakeasy uses is here.  (A setting such as
:data:`~.forms.EAGER_INFLECTIONS` is read where it is defined: change it there.)
"""

from __future__ import annotations

from .alternatives import inflect_alternative, match_case, plural_alternative
from .basics import APOSTROPHE, NOUN_TAGS, SEP_OPTIONAL, SEP_REQUIRED, VERB_TAGS, normalise
from .forms import EAGER_INFLECTIONS, LazyList, expand_entries, expand_terms, inflect_all
from .inflection import prime_oov
from .trie import FormSet, compile_forms, flat_form, flatten, lower_same_length, may_match, squash, trie_pattern

__all__ = [
    "APOSTROPHE", "EAGER_INFLECTIONS", "NOUN_TAGS", "SEP_OPTIONAL", "SEP_REQUIRED", "VERB_TAGS",
    "FormSet", "LazyList", "compile_forms", "expand_entries", "expand_terms", "inflect_all", "inflect_alternative",
    "flat_form", "flatten", "lower_same_length", "match_case", "may_match", "normalise", "plural_alternative",
    "prime_oov", "squash", "trie_pattern",
]
