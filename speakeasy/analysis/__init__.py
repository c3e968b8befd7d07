"""Sentences, words and readability for a document, the way a reader sees them.

spaCy tokenises each block with a blank English pipeline (nothing is
downloaded).  If the configuration names a trained pipeline that is
installed (``language_model: en_core_web_sm``), it is used as well, for
part-of-speech tags; speakeasy never downloads one.

Sentences are split by rules a reader would agree with:

* a sentence ends at ``.``, ``!``, ``?`` or an ellipsis when the next word
  starts with a capital letter, a digit or an opening quote;
* never after abbreviations that come before something (e.g., i.e., Dr,
  Mr, No., para.), and after ones that can end a sentence (etc., Ltd)
  only when a capital follows;
* decimals (2.5) and numbered clauses (3.2.1) are single words;
* every heading, list item and table cell is at least one sentence of its
  own, with or without a full stop.

Words are counted as a reader counts them: runs of letters and digits with
the punctuation inside them ("co-production", "don't", "3.2.1", "£5.50"
are one word each); punctuation alone is not a word.

The modules:

* ``core``: :class:`Analysis`, what the rules ask about one document,
  worked out when first asked for and kept;
* ``sentences``: words, sentences and the spaCy pipeline;
* ``tags``: parts of speech;
* ``quotes``: quotations;
* ``counting``: what the readability formulas and the plain score count;
* ``locations``: where a block is, in words.
"""

from __future__ import annotations

from .core import Analysis, text_tally
from .counting import BlockStats
from .quotes import quotation_spans
from .sentences import MAY_END, NON_FINAL, WORD, Sentence, load_pipeline, split_block, words_in
from .tags import Tagged

__all__ = [
    "MAY_END", "NON_FINAL", "WORD", "Analysis", "BlockStats", "Sentence", "Tagged", "load_pipeline",
    "quotation_spans", "split_block", "text_tally", "words_in",
]
