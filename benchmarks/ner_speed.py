"""Speed of the CRF entity tagger: load time and memory, then tokens per second.

Loading (lexicon, gazetteer, model) is timed first, in a fresh process, with the peak
memory it leaves. Then ``CrfTagger.tag_sentences`` runs over the dev news, split on
whitespace and punctuation into tokens and at ``. ! ? ؟`` and line breaks into
sentences, pinned to one core. The first pass over the articles pays for every new
word form; a second pass over the same articles shows the speed once the cache is warm,
and a third runs ``tag_document`` one article at a time.

Targets: 40,000 tokens/s; model + lexicon loaded in under 2 s and 300 MB.

Run: ``.venv/bin/python benchmarks/ner_speed.py [--articles 3000] [--news PATH] [--model PATH]``
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import time
from pathlib import Path

from _news import DEFAULT_NEWS, iter_articles

_TOKEN = re.compile(r"\w+|[^\w\s]")
_ENDS = frozenset(".!?؟")


def split_sentences(text: str, max_tokens: int = 200) -> list[list[str]]:
    """Tokens by a bare regex, cut into sentences at end punctuation and line breaks."""
    sentences: list[list[str]] = []
    for line in text.splitlines():
        current: list[str] = []
        for token in _TOKEN.findall(line):
            current.append(token)
            if token in _ENDS or len(current) >= max_tokens:
                sentences.append(current)
                current = []
        if current:
            sentences.append(current)
    return sentences


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--news", default=str(DEFAULT_NEWS))
    parser.add_argument("--model", default=None, help="model file (default: packaged)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

    baseline = peak_mb()
    started = time.perf_counter()
    from rasid.text.lexicon import default_lexicon

    lexicon = default_lexicon()
    lexicon_seconds = time.perf_counter() - started
    from rasid.ner.tagger import CrfTagger

    tagger = CrfTagger.load(args.model, lexicon=lexicon)
    load_seconds = time.perf_counter() - started
    load_peak = peak_mb()
    print(f"load: {load_seconds:.2f} s (lexicon {lexicon_seconds:.2f} s, gazetteer and "
          f"model {load_seconds - lexicon_seconds:.2f} s); peak memory {load_peak:.0f} MB "
          f"(interpreter before loading: {baseline:.0f} MB)")

    articles = [split_sentences(a["text"]) for a in iter_articles(Path(args.news),
                                                                    args.articles)]
    sentences = [s for article in articles for s in article]
    tokens = sum(len(s) for s in sentences)
    print(f"{args.articles:,} articles: {len(sentences):,} sentences, {tokens:,} tokens")

    for label in ("first pass (cold cache)", "second pass (warm cache)"):
        started = time.perf_counter()
        tagged = tagger.tag_sentences(sentences)
        seconds = time.perf_counter() - started
        entities = sum(1 for tags in tagged for tag in tags if tag[0] == "B")
        print(f"{label}: {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s "
              f"({entities:,} entities; {tagger.extractor.cached_forms:,} cached forms)")
    started = time.perf_counter()
    for article in articles:
        tagger.tag_document(article)
    seconds = time.perf_counter() - started
    print(f"tag_document, one article at a time (warm cache): {seconds:.2f} s = "
          f"{tokens / seconds:,.0f} tokens/s")
    print(f"peak memory after tagging (the benchmark holds all tokens and tags): "
          f"{peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
