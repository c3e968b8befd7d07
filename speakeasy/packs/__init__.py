"""Rule packs (``rules/*.yaml``) and wordlists (``wordlists/*.yaml``).

Loading is strict and safe: every problem is reported with the file, line and
column, in plain English, with what to do; YAML is only ever safe-loaded.

The modules: ``schemas`` (what a pack and a wordlist may hold), ``finding``
(the shipped folders, a wordlist found by name), ``reading`` (a file read
safely), ``wordlists`` (a wordlist checked), ``wordlist_cache`` (wordlists
loaded and cached) and ``rulepacks`` (packs loaded).  The names the rest of
speakeasy imports are here, so ``from speakeasy.packs import load_pack`` works.
"""

from __future__ import annotations

# Loaded data: in speakeasy/packdata.py, imported here so that ``speakeasy.packs.Entry`` and the rest still work.
from ..packdata import Entry, Pack, Rule, Source, Topic, Wordlist
from .finding import (
    builtin_pack_paths,
    builtin_rules_dir,
    builtin_wordlists_dir,
    no_wordlist_hint,
    profile_paths,
    resolve_wordlist,
    wordlist_folders,
)
from .reading import MAX_YAML_MB, check_yaml_size, max_yaml_bytes, not_read, read_yaml_text
from .rulepacks import load_pack, message_problem
from .schemas import (
    DEFAULTS,
    ENTRY,
    EXAMPLE,
    FIX_CHOICES,
    PACK,
    PART_SYNONYMS,
    PARTS_OF_SPEECH,
    PROVENANCE_FIELDS,
    RULE,
    RULE_FIELDS,
    SOURCE,
    STATUS_CHOICES,
    STATUS_SYNONYMS,
    TOPIC,
    WITHIN_CHOICES,
    WORDLIST,
)
from .wordlist_cache import load_wordlist, parse_wordlist_text
from .wordlists import entry_problem

__all__ = [
    "DEFAULTS", "ENTRY", "EXAMPLE", "FIX_CHOICES", "MAX_YAML_MB", "PACK", "PART_SYNONYMS", "PARTS_OF_SPEECH",
    "PROVENANCE_FIELDS", "RULE", "RULE_FIELDS", "SOURCE", "STATUS_CHOICES", "STATUS_SYNONYMS", "TOPIC",
    "WITHIN_CHOICES", "WORDLIST", "Entry", "Pack", "Rule", "Source", "Topic", "Wordlist", "builtin_pack_paths",
    "builtin_rules_dir", "builtin_wordlists_dir", "check_yaml_size", "entry_problem", "load_pack", "load_wordlist",
    "max_yaml_bytes", "message_problem", "no_wordlist_hint", "not_read", "parse_wordlist_text", "profile_paths",
    "read_yaml_text", "resolve_wordlist", "wordlist_folders",
]
