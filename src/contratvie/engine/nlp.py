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


# The morphologizer reads a token through tok2vec's window encoder: depth 4 x window 1, so a
# token's features depend on the 4 tokens on each side and on nothing further.
RECEPTIVE_FIELD = 4


def analyse(texts: list[str], select=None, batch_size: int = 128) -> list[list[Morph]]:
    """Per text, its tokens with part of speech and morphological features.

    `select(words)` may return the token indices that matter; only windows of RECEPTIVE_FIELD
    tokens around them are analysed (their features are exactly those of the whole text), and
    only their tokens are returned."""
    if not texts:
        return []
    from spacy.tokens import Doc

    nlp = morphologizer()
    pieces: list[tuple[int, list[tuple[int, int]]]] = []  # (text number, token spans)
    for n, text in enumerate(texts):
        spans = [m.span() for m in _TOKEN.finditer(text)]
        if select is None:
            pieces.append((n, spans))
            continue
        for a, b in _windows(select([text[x:y] for x, y in spans]), len(spans)):
            pieces.append((n, spans[a:b]))
    docs = (Doc(nlp.vocab, words=[texts[n][a:b] for a, b in sp] or [" "]) for n, sp in pieces)
    result: list[list[Morph]] = [[] for _ in texts]
    for doc, (n, sp) in zip(nlp.pipe(docs, batch_size=batch_size), pieces):
        for token, (a, b) in zip(doc, sp):
            result[n].append(Morph(a, b, token.text, token.pos_, token.morph.to_dict()))
    return result


def _windows(targets, count: int) -> list[tuple[int, int]]:
    """Merged token ranges covering RECEPTIVE_FIELD tokens around each (first, last) target."""
    ranges = sorted((max(0, a - RECEPTIVE_FIELD), min(count, b + RECEPTIVE_FIELD)) for a, b in targets)
    merged: list[list[int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return [(a, b) for a, b in merged]
