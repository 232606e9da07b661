#!/usr/bin/env python3
"""Generate the plain-text WordNet lists in data/wordnet/.

What: reads the WordNet 3.0 database files (index.*, data.*, *.exc) and
writes two sorted text lists the drift rules use to tell a synonym from a
swapped word:

    lemmas.txt   lemma<TAB>synset ids, most frequent sense first, nouns,
                 then verbs, adjectives, adverbs; inflected forms from the
                 exception lists (*.exc: "fell" -> fall, "geese" -> goose)
                 are entries too, carrying the synsets of their base forms
    synsets.txt  one line per synset id (line n = id n):
                 pos<TAB>hypernyms<TAB>antonyms<TAB>similar-to<TAB>belongs-to
                 (space-separated ids; pos is n, v, a or r; adjective
                 satellites are "a"; instance hypernyms count as hypernyms;
                 word-level antonym pointers are lifted to their synsets;
                 belongs-to is a noun's part holonyms, "London" -> England,
                 and an adjective's pertainyms to nouns, "British" ->
                 Britain, both lifted to synsets: what lets a summary name
                 the country of a city the body names)

The binary files next to them (lemmas.fst, senses.bin, links.bin) are built
from these lists by the Rust builder in src/text/synonyms.rs
(`cargo run --example gen_lexicon_fst`), and tests/lexicon_data.rs checks
that they stay in sync.

Why a committed script: the lists are derived data; anyone must be able to
rebuild them from the same source and see every filtering choice.

Source: Debian package `wordnet-base` 1:3.0-37 (WordNet 3.0, Princeton
University), files in /usr/share/wordnet/ (apt-get install wordnet-base).
Licence: data/wordnet/LICENSE (from /usr/share/doc/wordnet-base/copyright).

Choices:
  * Only single-word lemmas of Latin letters and inner apostrophes are kept
    (sumlint's tokenizer splits at hyphens and spaces, so "in_front_of" or
    "one-year" can never be looked up); synsets are all kept, because a
    hypernym chain may pass through a synset with only multi-word lemmas.
  * Lemmas are lower-cased; "US" and "us" share an entry (callers look up
    folded words).
  * Synset ids are dense, in file order: nouns, verbs, adjectives, adverbs.

Usage:
  python3 scripts/gen_wordnet.py [--wordnet-dir /usr/share/wordnet] [--out data/wordnet]
"""

import argparse
import os
import re
import sys

POS_FILES = (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))
LEMMA = re.compile(r"^[a-z](?:[a-z']*[a-z])?$")


def read_data(path):
    """Yield (offset, ss_type, words, pointers) for each synset line of data.<pos>."""
    with open(path, encoding="latin-1") as f:
        for line in f:
            if line.startswith("  "):
                continue  # licence header
            fields = line.split(" | ")[0].split()
            offset, _lex, ss_type, w_cnt = fields[0], fields[1], fields[2], int(fields[3], 16)
            words = []
            i = 4
            for _ in range(w_cnt):
                # Adjective markers "(a)", "(p)", "(ip)" are not part of the word.
                words.append(re.sub(r"\(.*\)$", "", fields[i]).lower())
                i += 2
            p_cnt = int(fields[i])
            i += 1
            pointers = []
            for _ in range(p_cnt):
                symbol, target, pos, source_target = fields[i : i + 4]
                pointers.append((symbol, target, pos, source_target))
                i += 4
            yield offset, ss_type, words, pointers


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wordnet-dir", default="/usr/share/wordnet")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "wordnet"))
    args = ap.parse_args()

    # Pass 1: dense ids for every synset.
    ids = {}
    synsets = []
    for pos, name in POS_FILES:
        for offset, ss_type, words, pointers in read_data(os.path.join(args.wordnet_dir, f"data.{name}")):
            # Pointer targets use "s" for satellites only in ss_type; pointers say "a".
            ids[(pos, offset)] = len(synsets)
            synsets.append((pos, words, pointers))

    def target_id(pos, offset):
        return ids[("a" if pos == "s" else pos, offset)]

    # Pass 2: relations per synset.
    lines = []
    for sid, (pos, words, pointers) in enumerate(synsets):
        hyper, anto, similar, belongs = [], [], [], []
        for symbol, target, tpos, _ in pointers:
            tid = target_id(tpos, target)
            if symbol in ("@", "@i"):
                hyper.append(tid)
            elif symbol == "!":
                anto.append(tid)
            elif symbol == "&":
                similar.append(tid)
            elif symbol == "#p" and pos == "n":
                belongs.append(tid)
            elif symbol == "\\" and pos == "a" and tpos == "n":
                # Adverbs' pertainyms point at adjectives; only adjective -> noun is kept.
                belongs.append(tid)
        fmt = lambda xs: " ".join(str(x) for x in sorted(set(xs)))
        lines.append(f"{pos}\t{fmt(hyper)}\t{fmt(anto)}\t{fmt(similar)}\t{fmt(belongs)}")

    # Lemma -> synsets in sense order (index.<pos> lists senses by frequency).
    lemmas = {}
    for pos, name in POS_FILES:
        with open(os.path.join(args.wordnet_dir, f"index.{name}"), encoding="latin-1") as f:
            for line in f:
                if line.startswith("  "):
                    continue
                fields = line.split()
                lemma = fields[0].lower()
                synset_cnt = int(fields[2])
                offsets = fields[-synset_cnt:]
                ids_ = lemmas.setdefault(lemma, [])
                for off in offsets:
                    sid = ids[(pos, off)]
                    if sid not in ids_:
                        ids_.append(sid)

    # Inflected forms from the exception lists carry their bases' synsets.
    for pos, name in POS_FILES:
        extra = {}
        with open(os.path.join(args.wordnet_dir, f"{name}.exc"), encoding="latin-1") as f:
            for line in f:
                form, *bases = line.split()
                for base in bases:
                    for sid in lemmas.get(base, []):
                        if synsets[sid][0] == pos:
                            extra.setdefault(form, []).append(sid)
        for form, sids in extra.items():
            ids_ = lemmas.setdefault(form, [])
            for sid in sids:
                if sid not in ids_:
                    ids_.append(sid)

    kept = {w: s for w, s in lemmas.items() if LEMMA.match(w)}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "lemmas.txt"), "w", encoding="utf-8", newline="\n") as f:
        # Python sorts str by code point, which is UTF-8 byte order: what fst needs.
        for w in sorted(kept):
            f.write(w + "\t" + " ".join(str(s) for s in kept[w]) + "\n")
    with open(os.path.join(args.out, "synsets.txt"), "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")
    print(f"lemmas={len(kept)} synsets={len(lines)}", file=sys.stderr)


if __name__ == "__main__":
    main()
