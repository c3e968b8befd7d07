"""What speakeasy knows about English words, in one place.

How common a word is (``wordfreq``, offline), the stop words (spaCy's list),
the parts of speech a word can have (``lemminflect``'s lexicon), and which
words can be past participles. The plain score, the rules, the PDF reader
and the ``words`` commands all ask here, so they agree. Every look-up is
cached, and each library is imported only when first asked.

This module is near the bottom of the layers: it imports nothing of
speakeasy's.
"""

from __future__ import annotations

import math
import re
import sys
from functools import lru_cache
from itertools import repeat
from pathlib import Path

__all__ = [
    "IRREGULAR", "NOT_PASSIVE", "OFTEN_ADJECTIVES", "PLAIN_SCORE_NOT_PARTICIPLES",
    "dale_chall_easy_words", "frequencies", "is_participle", "is_participle_by_form", "parts_of_speech", "stop_words",
    "word_zipf", "zipf",
]


# -- lemminflect without its spaCy hook --------------------------------------------------------

class _NoSpacy:
    """A finder that says spaCy is not installed: put in front while lemminflect's ``__init__`` runs."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("speakeasy does not use lemminflect's spaCy extension")
        return None


class _LemminflectWithoutSpacy:
    """Imports lemminflect with spaCy hidden, unless spaCy is already imported.

    On import, lemminflect imports spaCy (about a second) only to add
    ``token._.inflect`` to spaCy's tokens, which speakeasy never uses.
    """

    def find_spec(self, name: str, path: object = None, target: object = None):  # type: ignore[no-untyped-def]
        if name != "lemminflect" or "spacy" in sys.modules:
            return None
        import importlib.machinery

        spec = importlib.machinery.PathFinder.find_spec(name, path)  # type: ignore[arg-type]
        loader = getattr(spec, "loader", None)
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        run = loader.exec_module

        def exec_module(module):  # type: ignore[no-untyped-def]
            blocker = _NoSpacy()
            sys.meta_path.insert(0, blocker)
            try:
                run(module)
            finally:
                sys.meta_path.remove(blocker)

        loader.exec_module = exec_module  # this loader is made for this one import
        return spec


def import_lemminflect_without_spacy() -> None:
    """From now on in this process, lemminflect is imported without its spaCy hook (see above).

    For speakeasy's own commands only (``speakeasy.cli.main``): a program
    that uses speakeasy as a library may want lemminflect's extension.
    """
    if "lemminflect" in sys.modules or any(isinstance(f, _LemminflectWithoutSpacy) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _LemminflectWithoutSpacy())


# -- how common a word is ------------------------------------------------------------------

@lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    """wordfreq's frequency of each English word ("best" list), loaded once.

    Read straight from wordfreq's own data file when it is where wordfreq
    keeps it, in the format it documents: the same dictionary as
    ``wordfreq.get_frequency_dict("en", "best")``, without importing wordfreq,
    which loads ftfy, regex and langcodes first (about 0.2 s, more than
    reading the list).  Anything unexpected falls back to wordfreq itself.
    """
    try:
        return _read_cbpack(_wordfreq_file("large_en.msgpack.gz"))
    except (OSError, ValueError, TypeError, ImportError):
        from wordfreq import get_frequency_dict

        return get_frequency_dict("en", wordlist="best")


def _wordfreq_file(name: str) -> Path:
    """The path of one of wordfreq's data files, found without importing wordfreq."""
    import importlib.util

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.origin:
        raise ImportError("wordfreq is not installed")
    return Path(spec.origin).parent / "data" / name


def _read_cbpack(path: Path) -> dict[str, float]:
    """A wordfreq "cBpack" file as {word: frequency}: gzip, then msgpack, a header, then one list of words a
    centibel (list n holds the words with a frequency of 10 ** (-n / 100))."""
    import gzip

    import msgpack

    with gzip.open(path, "rb") as fh:
        data = msgpack.load(fh, raw=False)
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        raise ValueError(f"{path}: not a wordfreq cBpack file this speakeasy knows")
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        # (one C-level update a list: about 0.06 s for the 321,000 words, not 0.1 s a word at a time)
        freqs.update(zip(bucket, repeat(10 ** (-index / 100))))
    return freqs


#: A word wordfreq reads as itself: one token, no digits to smash, nothing to fold.
_PLAIN_WORD = re.compile(r"[a-z]+")
#: A word with apostrophes ("don't", "o'clock"): wordfreq reads it as itself when its list has it.
_APOSTROPHE_WORD = re.compile(r"[a-z]+(?:'[a-z]+)+")


@lru_cache(maxsize=200_000)
def zipf(text: str) -> float:
    """How common ``text`` (a word or a phrase) is in everyday English: wordfreq's Zipf value, 0 when never seen.

    ``wordfreq.zipf_frequency(text, "en")``, worked out here for a word of
    small letters a to z, or one with apostrophes that wordfreq's list has
    ("don't"), with the same rounding (to 3 significant figures, then to 2
    decimals), so that wordfreq is imported only for anything else.
    """
    straight = text.replace("\u2019", "'")
    freqs = frequencies()
    if _PLAIN_WORD.fullmatch(text) or (_APOSTROPHE_WORD.fullmatch(straight) and straight in freqs):
        tokens = [straight]
    elif "&" in text and all(_PLAIN_WORD.fullmatch(t) for t in text.split("&")):
        tokens = text.split("&")  # wordfreq reads "r&d" as "r" and "d"
    else:
        tokens = []
    if tokens:
        least = 10**0 / 1e9  # wordfreq's minimum: Zipf 0
        if all(t in freqs for t in tokens):
            f = max(1.0 / sum(1.0 / freqs[t] for t in tokens), least)  # as wordfreq combines tokens
        else:
            f = least
        f = round(f, math.floor(-math.log(f, 10)) + 3)
        return round(math.log(f, 10) + 9, 2)
    from wordfreq import zipf_frequency

    return float(zipf_frequency(text, "en"))


@lru_cache(maxsize=65536)
def word_zipf(low: str) -> float:
    """The Zipf value of one lower-case word, as the plain score counts it (0 when never seen).

    "council's" counts as "council"; a hyphenated word ("person-centred")
    is as common as its rarest part.
    """
    freq = frequencies()
    f = freq.get(low)
    if f is None and low.endswith("'s"):
        f = freq.get(low[:-2])
    if f is None and "-" in low:
        parts = [freq.get(p) for p in low.split("-") if p]
        f = min(parts) if parts and all(parts) else None  # type: ignore[type-var]
    return math.log10(f * 1e9) if f else 0.0


@lru_cache(maxsize=1)
def dale_chall_easy_words() -> frozenset[str]:
    """The Dale-Chall list of about 3,000 words most American fourth-graders know, as textstat ships it.

    Read from textstat's own data file at run time (never copied into
    speakeasy), found without importing textstat, which loads pyphen and
    its caches first; anything unexpected falls back to textstat itself.
    """
    import importlib.util

    spec = importlib.util.find_spec("textstat")
    path = Path(spec.origin).parent / "resources" / "en" / "easy_words.txt" if spec and spec.origin else None
    try:
        if path is None:
            raise OSError("textstat is not where it was")
        words = path.read_text(encoding="utf-8").split()
    except OSError:
        from textstat.backend.utils import get_lang_easy_words

        words = list(get_lang_easy_words("en"))
    return frozenset(w.strip().lower() for w in words if w.strip())


#: spaCy's English stop words, copied with its licence (reading them from spaCy imported all of it: about a second).
STOP_WORDS_FILE = Path(__file__).parent / "data" / "stop_words.txt"


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """spaCy's English stop words, with straight and curly apostrophes, and the pieces of contractions."""
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    words = frozenset(line for line in lines if line and not line.startswith("#"))
    return (words | frozenset(w.replace("\u2019", "'") for w in words)
            | {"n't", "'s", "'re", "'ll", "'ve", "'d", "'m"})


@lru_cache(maxsize=100_000)
def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech (UPOS) lemminflect knows ``word`` as; empty when it does not know it."""
    from lemminflect import getAllLemmas

    try:
        return frozenset(getAllLemmas(word))
    except Exception:  # noqa: BLE001 - lemminflect rejects odd strings
        return frozenset()


# -- past participles ----------------------------------------------------------------------

IRREGULAR = frozenset(
    """arisen awoken borne born beaten become begun bent bet bid bitten bled blown broken bred brought
    broadcast built burnt burned bought cast caught chosen clung come cost crept cut dealt dug done drawn
    dreamt drunk driven eaten fallen fed felt fought found fled flung forbidden forecast forgotten forgiven
    frozen given gone ground grown hung had heard hidden hit held hurt kept knelt known laid led leant
    learnt left lent let lain lit lost made meant met mislaid misled mistaken misunderstood mown overcome
    overdone overheard overlooked overrun overseen overtaken overthrown paid proven put quit read rebuilt
    rid ridden rung risen run sawn said seen sought sold sent set sewn shaken shed shone shot shown shrunk
    shut sung sunk sat slain slept slid slung slit smelt sown spoken sped spelt spent spilt spun spat split
    spoilt spread sprung stood stolen stuck stung stunk strewn struck strung sworn swept swollen swum swung
    taken taught torn told thought thrown thrust trodden understood undergone undertaken undone upheld upset
    woken worn woven wed wept won wound withdrawn withheld withstood written""".split()
)

#: Words ending in -ed that are not past participles.
NOT_PASSIVE = frozenset(
    """need bed red shed seed feed speed bleed breed weed deed greed creed heed hundred sacred naked wicked
    wretched rugged ragged crooked dogged jagged kindred shred sled wed sped fled""".split()
)

#: Words ending in -ed that are not past participles.
NOT_PASSIVE = frozenset(
    """need bed red shed seed feed speed bleed breed weed deed greed creed heed hundred sacred naked wicked
    wretched rugged ragged crooked dogged jagged kindred shred sled wed sped fled""".split()
)

#: Participles that are often adjectives after "be" ("we are pleased to", "she is interested in",
#: "the office is closed"): the tagger decides from the sentence.
OFTEN_ADJECTIVES = frozenset(
    """pleased delighted interested concerned worried tired excited bored scared frightened surprised
    disappointed satisfied committed dedicated determined qualified experienced skilled talented supposed
    used based related limited advanced aged beloved learned married engaged prepared entitled
    closed opened involved located situated aware finished gone seated dressed lost stuck
    confused amazed annoyed ashamed convinced embarrassed exhausted frustrated impressed
    inspired obliged relieved shocked stressed upset acquainted accustomed devoted fixed mixed
    connected equipped isolated exposed bound relaxed expired overpriced
    overwhelmed thrilled stunned puzzled dissatisfied unimpressed hooked retarded fed""".split()
)

#: Words the plain score never counts as passive participles: it counts passives by their form alone,
#: without the tagger, so it leaves out every participle that is often an adjective (and the fitted
#: weights in speakeasy/data/plain_score.json were made with exactly this list).
PLAIN_SCORE_NOT_PARTICIPLES = NOT_PASSIVE | frozenset(
    """bred fed led pleased delighted interested concerned worried tired excited bored scared frightened
    surprised disappointed satisfied committed dedicated determined qualified experienced skilled talented
    supposed used based related limited advanced aged beloved learned married engaged prepared entitled
    allowed""".split()
)


def is_participle_by_form(word: str) -> bool:
    """Is this a past participle that is a verb whatever the sentence?  (The plain score's test.)"""
    low = word.lower()
    if low in PLAIN_SCORE_NOT_PARTICIPLES:
        return False
    if low in IRREGULAR:
        return True
    return len(low) > 4 and low.endswith("ed") and low.isalpha()


def is_participle(word: str) -> bool:
    """Can this word be a past participle, by its form ("reviewed", "sent")?"""
    low = word.lower()
    if low in NOT_PASSIVE:
        return False
    if low in IRREGULAR or low in OFTEN_ADJECTIVES:
        return True
    return len(low) > 4 and low.endswith("ed") and low.isalpha()
