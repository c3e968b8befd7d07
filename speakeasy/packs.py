"""Rule packs (``rules/*.yaml``) and wordlists (``wordlists/*.yaml``).

Loading is strict and safe: every problem is reported with the file, line and
column, in plain English, with what to do; YAML is only ever safe-loaded.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, UserDataError
from .hints import closest, did_you_mean
from .matching import normalise as _normalise
from .model import Level
from .packdata import Entry, Pack, Rule, Source, Topic, Wordlist
from .schema import DataErrors, Field, Schema, Validator
from .schema.reading import node_kind

# ---------------------------------------------------------------------------
# Where the shipped data lives


def _data_dir(name: str) -> Path:
    """The folder of shipped packs or wordlists, installed or in a checkout.

    Installed, they are inside the package (``speakeasy/rules``); in a
    checkout (and an editable install) they are at the top of the repository,
    where forum members find them.
    """
    here = Path(__file__).resolve().parent
    for folder in (here / name, here.parent / name):
        if folder.is_dir():
            return folder
    from .errors import ConfigError

    raise ConfigError(
        f"speakeasy could not find its {name} folder (looked in {here / name} and {here.parent / name}). "
        "Reinstall speakeasy."
    )


def builtin_rules_dir() -> Path:
    return _data_dir("rules")


def builtin_wordlists_dir() -> Path:
    return _data_dir("wordlists")


# ---------------------------------------------------------------------------
# Schemas

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
    + PROVENANCE_FIELDS,
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


# ---------------------------------------------------------------------------
# Loaded data: in speakeasy/packdata.py (Source, Entry, Wordlist, Topic, Rule, Pack), imported here
# so that ``speakeasy.packs.Entry`` and the rest still work.


# ---------------------------------------------------------------------------
# Loading


#: The biggest YAML file speakeasy reads (a wordlist, a rule pack or settings), in MB, unless
#: ``SPEAKEASY_MAX_YAML_MB`` says.  12 MB is a wordlist of about 100,000 words: its first use takes
#: about 1 GB of memory, so a bigger file, or one made to harm, could take more than the machine has.
MAX_YAML_MB = 12
_MB = 1024 * 1024


def max_yaml_bytes(path: Path) -> int:
    """The size limit for YAML files, from ``SPEAKEASY_MAX_YAML_MB`` (a positive number) or :data:`MAX_YAML_MB`."""
    raw = (os.environ.get("SPEAKEASY_MAX_YAML_MB") or "").strip()
    if not raw:
        return MAX_YAML_MB * _MB
    try:
        number = float(raw.replace(",", "").replace("_", ""))
    except ValueError:
        number = float("nan")
    if not number > 0 or number == float("inf"):
        raise UserDataError(str(path), f"The environment variable SPEAKEASY_MAX_YAML_MB is '{raw[:40]}', but it "
                            "must be a number of megabytes, like 24.")
    return int(number * _MB)


def check_yaml_size(path: Path, size: int) -> None:
    """A :class:`UserDataError` for a YAML file over the size limit (see :data:`MAX_YAML_MB`)."""
    limit = max_yaml_bytes(path)
    if size > limit:
        raise UserDataError(
            str(path),
            f"This file is {size / _MB:,.1f} MB, over the limit of {limit / _MB:,.0f} MB for a wordlist, "
            "rule pack or settings file, so speakeasy did not read it.",
            hint="Split it into smaller files, or set the environment variable SPEAKEASY_MAX_YAML_MB "
                 "to raise the limit.",
        )


def not_read(exc: InputError) -> UserDataError:
    """The :class:`UserDataError` for a wordlist, pack or settings file that could not be read.

    ``exc`` is what :mod:`speakeasy.paths` says about it, in the same words as for a document.
    """
    reason = exc.reason[0].upper() + exc.reason[1:] if exc.reason.startswith("this") else exc.reason
    hint = "Check the name and the folder." if exc.code == "not-found" else None
    return UserDataError(exc.path, reason, hint=hint)


def read_yaml_text(path: Path, what: str | None = None) -> str:
    """The text of a wordlist, rule pack, profile or settings file; :class:`UserDataError` if it cannot be read.

    ``what`` names the kind of file in the messages ("wordlist": "This wordlist is not a regular file ...").
    Only a regular file is read (see :func:`speakeasy.paths.open_regular`): a named pipe would make
    speakeasy wait for ever, and a device like /dev/zero never ends.
    """
    from .paths import open_regular

    try:
        with open_regular(path, str(path), what) as fh:
            check_yaml_size(path, os.fstat(fh.fileno()).st_size)
            data = fh.read(max_yaml_bytes(path) + 1)
        check_yaml_size(path, len(data))  # (a file that grew, or one stat cannot size)
    except InputError as exc:
        raise not_read(exc) from None
    except OSError as exc:
        raise UserDataError(str(path), f"speakeasy could not read this {what or 'file'} ({exc.strerror}).") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UserDataError(
            str(path),
            "This file is not saved as UTF-8 text.",
            line,
            hint="Save it again as UTF-8 (in most editors: Save As, then choose UTF-8).",
        ) from None


def _display(path: Path) -> str:
    """A path as people see it: relative to the current folder when inside it."""
    from .paths import display_path

    return display_path(path)


#: Bump when Entry or Wordlist change shape, so old disk caches are not used.
_WORDLIST_CACHE_VERSION = "4"


@lru_cache(maxsize=256)
def _load_wordlist_cached(path: str, mtime: int, size: int, cwd: str) -> Wordlist:
    """Parse a wordlist, or take it from the disk cache when the file is unchanged.

    ``cwd`` is part of the key because messages and findings show the path
    relative to the current folder.  Checking a list of a few hundred words
    takes about a tenth of a second; a writer checking one small file should
    not pay that every time.  The disk cache key is the file's content, so an
    edited list is always checked again.
    """
    from .cache import decode_wordlist
    from .io.diskcache import load as _cache_load
    from .io.diskcache import paused_gc
    from .paths import read_file

    p = Path(path)
    with paused_gc():  # a long list is a million objects that live on (see speakeasy.io.diskcache.paused_gc)
        if size > max_yaml_bytes(Path(_display(p))):
            return _parse_wordlist(p)  # the error that says so
        try:
            data = read_file(p, str(p), "wordlist")  # a regular file only: a named pipe would wait for ever
        except InputError:
            return _parse_wordlist(p)  # the error that says why
        key = _wordlist_key(data, p)
        cached = _cache_load(key, decode_wordlist)  # plain data, never a pickle (see speakeasy.cachefile)
        if isinstance(cached, Wordlist):
            return _placed(cached, p)
        wordlist = _parse_wordlist(p)
        _store_wordlist(key, wordlist)
    return wordlist


def _wordlist_key(data: bytes, path: Path) -> str:
    """The disk cache key of a wordlist: its content and speakeasy's version.

    Not its name: a copy of a list, or the same list seen from another folder, is the same list; its
    name and id are put in when it is read (:func:`_placed`).
    """
    import hashlib

    from .version import __version__

    digest = hashlib.sha256(data + f"|{__version__}|{_WORDLIST_CACHE_VERSION}".encode("utf-8")).hexdigest()[:32]
    return f"wordlist-{digest}"


def _store_wordlist(key: str, wordlist: Wordlist) -> None:
    """Keep a wordlist that loaded in the disk cache.

    Storing reads the entry back to check it; that copy's entries point back at it, so once dropped it
    would be 300,000 objects in cycles for a list of 50,000 words, left for the cycle collector (which
    :func:`speakeasy.io.diskcache.paused_gc` then freezes).  Its links are undone, so it is freed at once.
    """
    from .cache import decode_wordlist, encode_wordlist
    from .io.diskcache import store as _cache_store

    copies: list[Wordlist] = []

    def decode(value: Any) -> Wordlist:
        copies.append(decode_wordlist(value))
        return copies[-1]

    _cache_store(key, wordlist, encode_wordlist, decode)
    for copy in copies:
        for entry in copy.entries:
            entry.wordlist = None
    copies.clear()


def _placed(wordlist: Wordlist, path: Path) -> Wordlist:
    """A wordlist from the disk cache, with the id and name of the file it was read for."""
    wordlist.id = path.stem
    wordlist.path = _display(path)
    return wordlist


def load_wordlist(path: str | os.PathLike[str]) -> Wordlist:
    """Load and validate one wordlist.  Raises :class:`DataErrors`."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataErrors(
            [UserDataError(_display(p), "This wordlist does not exist.", hint="Check the name and the folder.")]
        ) from None
    return _load_wordlist_cached(str(p.resolve()), st.st_mtime_ns, st.st_size, os.getcwd())


def parse_wordlist_text(path: str | os.PathLike[str], text: str, cache: bool = True) -> Wordlist:
    """Load and validate a wordlist from ``text`` as if it were the file ``path``.  Raises :class:`DataErrors`.

    Used to check an edited list before it is written.  A text already checked (by this, or by
    :func:`load_wordlist` as a file) comes from the disk cache: only a list that loads is kept there.
    ``cache``: False for a text that is checked once and thrown away.
    """
    from .cache import decode_wordlist
    from .io.diskcache import load as _cache_load
    from .io.diskcache import paused_gc

    p = Path(path)
    with paused_gc():
        if not cache:
            return _parse_wordlist(p, text)
        key = _wordlist_key(text.encode("utf-8", "surrogatepass"), p)
        cached = _cache_load(key, decode_wordlist)
        if isinstance(cached, Wordlist):
            return _placed(cached, p)
        wordlist = _parse_wordlist(p, text)
        _store_wordlist(key, wordlist)
    return wordlist


def _read_node(path: Path, text: str | None = None, expect: tuple[str, ...] = (),
               what: str = "") -> tuple[str, str, yaml.Node | None]:
    """(shown path, text, YAML node tree) of a pack or wordlist; DataErrors if unreadable.

    ``expect``: the keys of what the file should be (``what``, like "a wordlist").  A file that is not
    one, or is not YAML, gets one error that quotes none of it (see :mod:`speakeasy.confine`).
    """
    from .confine import compose as compose_file
    from .confine import refuse_foreign

    shown = _display(path)
    try:
        if text is None:
            text = read_yaml_text(path, what.removeprefix("a ") or None)
        node = compose_file(text, shown, path)
    except UserDataError as exc:
        raise DataErrors([exc]) from None
    if expect:
        copy = "wordlist. It begins with `title:`." if what == "a wordlist" else "rule pack. It begins with `id:`."
        refuse_foreign(shown, node, expect, what, f"Start from a copy of a shipped {copy}")
    return shown, text, node


def _parse_wordlist(path: Path, text: str | None = None) -> Wordlist:
    shown, text, node = _read_node(path, text, tuple(WORDLIST.names()), "a wordlist")
    v = Validator(shown, text)
    if node is None:
        v.errors.append(UserDataError(shown, "This wordlist is empty.", 1, 1, "Start from a copy of a shipped wordlist."))
        raise DataErrors(v.errors)
    if not isinstance(node, yaml.MappingNode):
        v.errors.append(UserDataError(
            shown, f"A wordlist should be a set of `key: value` lines, but this is {node_kind(node)}.",
            node.start_mark.line + 1, node.start_mark.column + 1,
            "Start from a copy of a shipped wordlist. It begins with `title:`.", source=text,
        ))
        raise DataErrors(v.errors)
    data = v.mapping(node, WORDLIST)
    del node  # what follows needs only the data (the node tree of a long list is about 170 MB)
    defaults = {k: val for k, val in data.get("defaults", {}).items() if not k.startswith("__")}
    wordlist = Wordlist(
        id=path.stem,
        path=shown,
        title=data.get("title", path.stem),
        licence=data.get("licence", ""),
        entries=[],
        description=data.get("description"),
        sources=[Source.from_data(s) for s in data.get("sources", [])],
        maintained_by=data.get("maintained_by"),
        co_produced_by=list(data.get("co_produced_by", [])),
        level=data.get("level"),
    )
    topic = data.get("topic")
    if topic and topic.get("about") and topic.get("words"):
        wordlist.topic = Topic(topic["about"], tuple(topic["words"]))
    terms: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
    for item in data.get("words", []):
        if "term" not in item or "use" not in item or "why" not in item:
            continue  # already reported
        values = dict(defaults)
        values.update({k: val for k, val in item.items() if not k.startswith("__")})
        use = values["use"]
        use_as: dict[str, list[str]] = {}
        if isinstance(use, dict):
            use_as = {part: list(alts) for part, alts in use.items()}
            use = list(dict.fromkeys(alt for alts in use_as.values() for alt in alts))
        parts = tuple(dict.fromkeys(values.get("as") or use_as))
        entry = Entry(
            term=values["term"],
            use=list(use),
            why=values["why"],
            unless=list(values.get("unless", [])),
            parts=parts,
            use_as=use_as,
            when=list(values.get("when", [])),
            within=values.get("within", "sentence"),
            everywhere=bool(values.get("everywhere", False)),
            explained_ok=bool(values.get("explained_ok", False)),
            fix=values.get("fix") or "ask",
            examples=list(values.get("examples", [])),
            fine_examples=list(values.get("fine_examples", [])),
            notes=values.get("notes"),
            source=values.get("source"),
            licence=values.get("licence"),
            added_by=values.get("added_by"),
            agreed=values.get("agreed"),
            agreed_by=values.get("agreed_by"),
            status=values.get("status", "agreed"),
            review_by=values.get("review_by"),
            line=item["__line__"],
            column=item["__column__"],
            wordlist=wordlist,
        )
        problem = _entry_problem(entry)
        if problem:
            message, hint, index, key_name = problem
            pos = item["__pos__"].get(key_name)
            line, column = pos.item(index) if pos else (entry.line, entry.column)
            v.errors.append(UserDataError(shown, message, line, column, hint, source=text))
            continue
        # The same term twice: the second would never be used.  A retired
        # entry may stay next to the one that replaced it, and one term may
        # have an entry for each part of speech ("impact" as a noun and as a verb).
        key = (_same(entry.term), entry.status)
        term_pos = item["__pos__"].get("term")
        line, column = (term_pos.line, term_pos.column) if term_pos else (entry.line, entry.column)
        if "as" in item.get("__bad__", ()) or item.get("as") == []:
            continue  # already reported; which entry it clashes with depends on what `as` was meant to say
        clash = _same_term_clash(terms.get(key, []), entry.parts) if entry.status != "retired" else None
        if clash is not None:
            first, shared = clash
            if shared:
                message = (f"'{entry.term}' as a {' and '.join(shared)} is in this wordlist twice. "
                           f"The first is on line {first}.")
                hint = "Keep one entry for each part of speech. Change `as:` in one of them, or delete one."
            else:
                message = f"'{entry.term}' is in this wordlist twice. The first is on line {first}."
                hint = ("Keep one entry. Move anything you need from this one into the first, then delete this one. "
                        "If the two are for different parts of speech, say which in `as:` in both.")
            v.errors.append(UserDataError(shown, message, line, column, hint, source=text))
            continue
        terms.setdefault(key, []).append((line, entry.parts))
        wordlist.entries.append(entry)
    if v.errors:
        raise DataErrors(v.errors)
    return wordlist


def _same(text: str) -> str:
    """What the matcher sees: "Care-package" and "care package" are the same."""
    return _normalise(text)


def _same_term_clash(earlier: list[tuple[int, tuple[str, ...]]],
                     parts: tuple[str, ...]) -> tuple[int, list[str]] | None:
    """Does an entry clash with earlier entries for the same term?  (line of the first, the shared parts).

    Two entries for one term are fine when each says its part of speech and they share none.
    """
    for line, other in earlier:
        if not parts or not other:
            return line, []
        shared = [p for p in parts if p in other]
        if shared:
            return line, shared
    return None


def _entry_problem(entry: Entry) -> tuple[str, str, int, str] | None:
    """A problem with an entry as a whole: (message, hint, index of the bad item, its key)."""
    term = _same(entry.term)
    for index, alt in enumerate(entry.use):
        if _same(alt) == term:
            return (
                f"'{alt}' is the same as the term, so it is not a plain alternative.",
                "Give a different, plainer word.",
                index,
                "use",
            )
    if entry.use_as and entry.parts != tuple(entry.use_as):
        missing = [p for p in entry.use_as if p not in entry.parts]
        if missing:
            return (
                f"`use` gives words for the term as a {missing[0]}, but `as` does not list {missing[0]}.",
                f"Add {missing[0]} to `as`, or take the {missing[0]} words out of `use`.",
                0,
                "as",
            )
    if entry.fix == "safe":
        many = [part for part, alts in entry.use_as.items() if len(alts) > 1] if entry.use_as else (
            ["all"] if len(entry.use) > 1 else [])
        if many:
            return (
                "`fix: safe` needs exactly one plain alternative"
                + (f" for each part of speech, but the {many[0]} has more than one." if entry.use_as
                   else f", but this entry has {len(entry.use)}."),
                "Keep one alternative, or change `fix` to ask, so that a person chooses in speakeasy review.",
                0,
                "fix",
            )
    for index, word in enumerate(entry.when):
        if _same(word) == term:
            return (
                f"'{word}' in `when` is the term itself, so it would always be near.",
                "List other words that show the term is used in the sense you mean.",
                index,
                "when",
            )
    for index, word in enumerate(entry.unless):
        if _same(word) == term:
            return (
                f"'{word}' in `unless` is the term itself, so the term would never be flagged.",
                "List other words that show the term is fine, or delete the entry.",
                index,
                "unless",
            )
    return None


def _inside(path: Path, roots: tuple[Path, ...]) -> bool:
    from .confine import inside

    return inside(path, roots)


def resolve_wordlist(name: str, base: Path, search: list[Path]) -> Path | None:
    """Find a wordlist by name (``plain-english``) or path (``../our-words.yaml``)."""
    candidates = []
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or os.sep in name or "/" in name:
        candidates.append(p if p.is_absolute() else base / p)
    else:
        for folder in search:
            candidates.append(folder / f"{name}.yaml")
            candidates.append(folder / f"{name}.yml")
    for c in candidates:
        if c.exists():  # a named pipe or a folder is found, then refused when read: it is not passed over
            return c
    return None


@lru_cache(maxsize=64)
def _load_pack_cached(path: str, mtime: int, size: int, search: tuple[str, ...], cwd: str,
                      plugin_kinds: tuple[str, ...] = (), confine: tuple[str, ...] = ()) -> Pack:
    return _parse_pack(Path(path), [Path(s) for s in search], tuple(Path(c) for c in confine))


def wordlist_folders(pack: Path | None = None, plugin_dirs: list[Path] | None = None) -> list[Path]:
    """Where a wordlist given by its name (``plain-english``) is looked for, in this order.

    1. the ``wordlists`` folder next to the pack's ``rules`` folder (for a plugin's pack: its own lists),
    2. speakeasy's own wordlists,
    3. the wordlists of the enabled plugins (``plugin_dirs``, else those of
       :func:`speakeasy.plugins.active`), so a user's own pack can use them.

    speakeasy's own lists come before the plugins', so enabling a plugin never
    changes what a shipped list's name means.
    """
    from .plugins import active

    out = [pack.resolve().parent.parent / "wordlists"] if pack is not None else []
    out.append(builtin_wordlists_dir())
    out.extend(active().wordlist_dirs if plugin_dirs is None else plugin_dirs)
    return list(dict.fromkeys(out))


def no_wordlist_hint(name: str) -> str:
    """What to do about a wordlist name that was not found: enable the plugin that has it, or check the name."""
    from .plugins import wordlist_owners

    owners = wordlist_owners(name)
    if owners:
        return (f"The plugin '{owners[0]}' has a wordlist called '{name}', but your settings do not use "
                f"that plugin. Add '{owners[0]}' to `plugins:` in your settings.")
    return "Check the name. It is the file name in the wordlists folder, without '.yaml'."


def load_pack(path: str | os.PathLike[str], wordlist_dirs: list[Path] | None = None,
              confine: tuple[Path, ...] = ()) -> Pack:
    """Load and validate one rule pack and the wordlists it names.

    ``wordlist_dirs``: the enabled plugins' wordlist folders (default: those of
    the plugins in use, :func:`speakeasy.plugins.active`); see :func:`wordlist_folders`.
    ``confine``: for a pack a repository's settings name, the repository's folders
    (see :mod:`speakeasy.confine`): the pack may use wordlists only there, or shipped
    or plugin ones.
    """
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise DataErrors(
            [UserDataError(_display(p), "This rule pack does not exist.", hint="Check the name and the folder.")]
        ) from None
    dirs = wordlist_folders(p, wordlist_dirs)
    from .plugins import active

    # the kinds of the enabled plugins are part of the key: a pack may use them
    plugin_kinds = tuple(sorted(active().kinds))
    allowed = (*confine, *dirs[1:]) if confine else ()  # dirs[0] is the folder next to the pack's: not trusted
    return _load_pack_cached(str(p.resolve()), st.st_mtime_ns, st.st_size, tuple(str(d) for d in dirs), os.getcwd(),
                             plugin_kinds, tuple(str(d) for d in allowed))


def _parse_pack(path: Path, wordlist_dirs: list[Path], confine: tuple[Path, ...] = ()) -> Pack:
    from .registry import registry

    kinds = registry()
    shown, text, node = _read_node(path, None, (*PACK.names(), "rules"), "a rule pack")
    v = Validator(shown, text)
    if node is None:
        raise DataErrors([UserDataError(shown, "This rule pack is empty.", 1, 1,
                                        "Start from a copy of a shipped rule pack.")])
    # The rules are validated one by one below, because each kind has its own keys.
    rules_node = None
    if isinstance(node, yaml.MappingNode):
        for k, val in node.value:
            if getattr(k, "value", None) == "rules":
                rules_node = val
    top = Schema(PACK.what, tuple(f for f in PACK.fields if f.name != "rules"), PACK.doc, open=True)
    data = v.mapping(node, top, extra_check=lambda key, value: key == "rules")
    if isinstance(node, yaml.MappingNode) and rules_node is None:
        v.error(node, "This rule pack has no `rules`.", "Add `rules:` with a list of rules under it.")
    data.pop("rules", None)
    pack_id = data.get("id", path.stem)
    pack = Pack(
        id=pack_id,
        title=data.get("title", ""),
        version=str(data.get("version", "")),
        description=data.get("description", ""),
        licence=data.get("licence", ""),
        rules=[],
        path=shown,
        sources=[Source.from_data(s) for s in data.get("sources", [])],
        co_produced_by=list(data.get("co_produced_by", [])),
        default=bool(data.get("default", True)),
    )
    if rules_node is not None and not isinstance(rules_node, yaml.SequenceNode):
        v.error(rules_node, f"`rules` should be a list of rules, but it is {node_kind(rules_node)}.",
                "Start each rule on its own line with '- '.")
    elif rules_node is not None:
        seen: dict[str, int] = {}
        for number, rule_node in enumerate(rules_node.value, start=1):
            rule = _parse_rule(v, rule_node, number, pack, kinds, path, wordlist_dirs, confine)
            if rule is None:
                continue
            if rule.id in seen:
                v.error(rule_node, f"Two rules in this pack have the id '{rule.id.split('.', 1)[1]}'. "
                                   f"The first is on line {seen[rule.id]}.",
                        "Give each rule its own id.")
                continue
            seen[rule.id] = rule.line
            pack.rules.append(rule)
    if v.errors:
        raise DataErrors(v.errors)
    return pack


def _parse_rule(
    v: Validator,
    node: yaml.Node,
    number: int,
    pack: Pack,
    kinds: dict[str, Any],
    path: Path,
    wordlist_dirs: list[Path],
    confine: tuple[Path, ...] = (),
) -> Rule | None:
    where = f"number {number} in `rules`"
    if not isinstance(node, yaml.MappingNode):
        v.mapping(node, RULE, where)  # reports the problem
        return None
    kind_name = None
    kind_node = None
    for k, val in node.value:
        if getattr(k, "value", None) == "kind" and isinstance(val, yaml.ScalarNode):
            kind_name, kind_node = str(val.value), val
    kind_cls = kinds.get(kind_name) if kind_name else None
    if kind_cls is None:
        # Without a known kind the rule's own keys cannot be checked, but the
        # keys every rule has can: report those problems too.
        if kind_name:
            hint = did_you_mean(closest(kind_name, kinds, cutoff=0.5), f"The kinds are: {', '.join(sorted(kinds))}.")
            v.error(kind_node, f"There is no rule kind called '{kind_name}'.", hint)
        else:
            # `kynd: existence`: the missing `kind` is probably a misspelt key.
            known = {f.name for f in RULE.fields}
            for k, _ in node.value:
                name = str(getattr(k, "value", ""))
                if name not in known and closest(name, ["kind"]):
                    v.error(k, f"`{name}` is not a key speakeasy knows in a rule.", did_you_mean("kind", quote="`"))
        v.mapping(node, RULE, where, extra_check=lambda key, value: True)
        return None
    options = kind_cls.options
    schema = Schema(RULE.what, RULE_FIELDS + tuple(options), RULE.doc)
    before = len(v.errors)
    data = v.mapping(node, schema, where)
    if len(v.errors) > before:
        return None
    level_text = data.get("level")
    if level_text is None:
        if not kind_cls.uses_thresholds:
            v.error(node, f"The rule '{data['id']}' has no `level`.",
                    "Add a line `level: warning` (or suggestion, or error).")
            return None
        thresholds = data.get("thresholds") or {}
        levels = [Level.parse(k) for k in thresholds if k in ("suggestion", "warning", "error")]
        level = max(levels) if levels else Level.WARNING
    else:
        level = Level.parse(level_text)
    opts = {o.name: data[o.name] for o in options if o.name in data}
    rule = Rule(
        id=f"{pack.id}.{data['id']}",
        pack=pack.id,
        kind=kind_cls.name,
        level=level,
        summary=data["summary"],
        why=data["why"],
        example_bad=data["example"]["bad"],
        example_good=data["example"]["good"],
        message=data.get("message"),
        fix_safety=data.get("fix_safety"),
        link=data.get("link"),
        options=opts,
        enabled=data.get("enabled", True),
        path=pack.path,
        line=data["__line__"],
    )
    # The message may use only the placeholders the kind fills in, each a plain {name}.
    if rule.message:
        problem = message_problem(rule.message, kind_cls, opts)
        if problem is not None:
            pos = data["__pos__"].get("message")
            v.errors.append(UserDataError(v.path, problem[0], pos.line if pos else rule.line,
                                          pos.column if pos else data["__column__"], problem[1], source=v.source))
    # Resolve wordlists named by the rule.
    names = opts.get("wordlists") or []
    if names:
        pos = data["__pos__"].get("wordlists")
        for index, name in enumerate(names):
            found = resolve_wordlist(name, path.parent, wordlist_dirs)
            if found is not None and confine and not _inside(found, confine):
                line, column = pos.item(index) if pos else (rule.line, data["__column__"])
                v.errors.append(UserDataError(
                    v.path, f"The wordlist '{name}' is outside this repository ({confine[0]}).", line, column,
                    "A rule pack your settings name may use shipped wordlists and wordlists in the repository. "
                    "To use another, name it on the command line with --wordlist.", source=v.source))
                continue
            if found is None:
                line, column = pos.item(index) if pos else (rule.line, data["__column__"])
                v.errors.append(
                    UserDataError(
                        v.path,
                        f"There is no wordlist called '{name}'.",
                        line,
                        column,
                        no_wordlist_hint(name),
                        source=v.source,
                    )
                )
                continue
            try:
                rule.wordlists.append(load_wordlist(found))
            except DataErrors as exc:
                v.errors.extend(exc.errors)
    # Let the kind check its own options (e.g. threshold names).
    check = getattr(kind_cls, "validate_options", None)
    if check is not None:
        for message, key, hint in check(opts):
            pos = data["__pos__"].get(key)
            v.errors.append(
                UserDataError(v.path, message, pos.line if pos else rule.line,
                              pos.column if pos else data["__column__"], hint, source=v.source)
            )
    return rule


def message_problem(message: str, kind_cls: Any, options: dict[str, Any]) -> tuple[str, str] | None:
    """(what is wrong, what to do) with a rule's ``message``, or None if it is fine.

    A message may use only the placeholders the rule's kind fills in, each
    written as a plain ``{name}`` (see :mod:`speakeasy.templates`).
    """
    from .templates import template_problem

    return template_problem(message, kind_cls.message_placeholders(options))


def builtin_pack_paths() -> list[Path]:
    return sorted(builtin_rules_dir().glob("*.yaml"))


def profile_paths() -> dict[str, Path]:
    folder = builtin_rules_dir() / "profiles"
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}
