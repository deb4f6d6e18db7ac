"""The part of spaCy the engine needs: tok2vec + morphologizer of fr_core_news_sm, for the
tense and mood of verbs in candidate sentences (conditional -> hypothesis; imparfait, passé
composé -> past finding).

Loaded lazily, once per process. Two start-up costs are avoided on purpose:
- the lemmatizer (~3 s to build its lookup table): lemmas come from lemmas.py instead;
- the French language class (~2 s compiling the tokenizer exceptions' regexes at import): the
  pipes are loaded into a neutral "xx" shell and fed Docs built from our own tokens. The
  morphologizer only reads the tokens' text features (NORM, PREFIX, SUFFIX, SHAPE), which do not
  depend on the language class.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from contratvie.engine.lemmas import model_dir

_LOCK = threading.Lock()
_NLP = None
_PIPES = ("tok2vec", "morphologizer")
# spaCy-like French tokens: elided article with its apostrophe, words with inner hyphens,
# single punctuation marks.
_TOKEN = re.compile(r"[^\W_]+'|[^\W_]+(?:-[^\W_]+)*|[^\w\s]")


@dataclass(frozen=True)
class Morph:
    start: int  # char offset in the analysed text
    end: int
    text: str
    pos: str
    feats: dict[str, str]


def morphologizer():
    """The shared pipeline (tok2vec + morphologizer), built on first use."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            _NLP = _load()
    return _NLP


def _load():
    import spacy

    path = model_dir()
    config = spacy.util.load_config(path / "config.cfg")
    config["nlp"]["lang"] = "xx"
    config["nlp"]["pipeline"] = list(_PIPES)
    config["nlp"]["disabled"] = []
    for name in list(config["components"]):
        if name not in _PIPES:
            del config["components"][name]
    nlp = spacy.util.load_model_from_config(config, auto_fill=False, validate=False)
    # The tokenizer (a file, ~4 s compiling its regexes) and the unused pipes stay on disk.
    others = [p.name for p in path.iterdir() if p.is_dir() and p.name not in _PIPES + ("vocab",)]
    nlp.from_disk(path, exclude=["tokenizer"] + others)
    return nlp


def analyse(texts: list[str], batch_size: int = 128) -> list[list[Morph]]:
    """Per text, its tokens with part of speech and morphological features."""
    if not texts:
        return []
    from spacy.tokens import Doc

    nlp = morphologizer()
    spans = [[m.span() for m in _TOKEN.finditer(text)] for text in texts]
    docs = (Doc(nlp.vocab, words=[t[a:b] for a, b in sp] or [" "]) for t, sp in zip(texts, spans))
    result = []
    for doc, sp in zip(nlp.pipe(docs, batch_size=batch_size), spans):
        tokens = []
        for token, (a, b) in zip(doc, sp):
            tokens.append(Morph(a, b, token.text, token.pos_, token.morph.to_dict()))
        result.append(tokens)
    return result
