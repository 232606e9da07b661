#!/usr/bin/env python3
"""Generate the plain-text English lexicon lists in data/lexicon/.

What: reads SCOWL word lists and the symspellpy word-frequency list,
normalises them and writes sorted, de-duplicated, one-entry-per-line lists:

    words-common.txt  words valid in both US and GB spelling
    words-us.txt      words valid only in US spelling   (e.g. color, center)
    words-gb.txt      words valid only in GB spelling   (e.g. colour, centre)
    names.txt         proper names / acronyms, lower-cased (e.g. london, nasa)
    freq.txt          word<TAB>count from the symspellpy frequency dictionary

The .fst files next to them are built from these lists by the Rust builder in
src/text/lexicon.rs (`cargo run --example gen_lexicon_fst`), and
tests/lexicon_data.rs checks that both stay in sync.

Why a committed script: the lists are derived data; anyone must be able to
rebuild them from the same sources and see every filtering choice.

Sources (the versions the committed lists were built from):
  * Debian package `scowl` 2020.12.07-2 (SCOWL 2020.12.07 by Kevin Atkinson),
    raw lists in /usr/share/dict/scowl/  (apt-get install scowl).
    Licence: /usr/share/doc/scowl/copyright -> data/lexicon/LICENSE-SCOWL.txt.
    (wamerican-huge / wbritish-huge 2020.12.07-2 are the same SCOWL release;
    they are NOT read, because "huge" = SCOWL size 80, see below.)
  * PyPI package symspellpy 6.10.1 (MIT), file
    symspellpy/frequency_dictionary_en_82_765.txt inside the wheel
    (pip download --no-deps symspellpy==6.10.1; unzip the .whl).
    Licence -> data/lexicon/LICENSE-symspellpy.txt.

Choices (and why):
  * SCOWL size 70 ("large") for words. Size 60 is upstream's recommendation
    but misses many current words (webpage, scalable, genomic, benchmarking);
    size 80 ("huge", what wamerican-huge ships) doubles the list with rare
    Scrabble words that hide real typos ("wich", "publically"); in the
    symspellpy top-40k words, 80 adds only 16 non-name words over 70.
  * Names: SCOWL "upper" and "proper-names" categories (plus upper-case
    abbreviations) up to size 80, lower-cased, in a separate set: names are only
    accepted by callers for capitalised tokens, so a larger list is cheap.
  * US = english + american + variant_1 + variant_2;
    GB = english + british + british_z + british_variant_1 + british_variant_2.
    british_z ("Oxford" -ize spelling) counts as GB because much British
    publishing uses it, so GB accepts both "organise" and "organize".
    variant_2 is needed for e.g. "militaries" but only up to size 60
    (--variant2-size): its size-70 file holds near-misspellings ("canteloupe",
    "rarifies", "lovaebility") that would hide typos. variant_3 ("seldom used, may not
    be considered correct") is left out. Canadian/Australian lists are not read.
  * Lower-case abbreviations (etc, approx, vs) go to the word lists;
    capitalised ones (NASA, UK) go to names. Contractions (don't, o'clock,
    it's) go to the word lists. "I" and "I'm"... are words, not names.
  * Apostrophes: kept inside entries (o'clock, don't), always ASCII "'"; the
    Rust side maps typographic ’ to '. Entries starting or ending with an
    apostrophe are dropped.
  * Possessives "X's" are dropped when X itself is in the lexicon (halves the
    list); the Rust lookup strips a trailing "'s" / "'" instead.
  * Every entry is NFC-normalised and lower-cased; entries with digits,
    dots, hyphens, spaces or non-Latin letters are skipped. Accented Latin
    letters are kept (café, fiancée).
  * freq.txt keeps every symspellpy entry that passes the same character
    filter, whether or not SCOWL has it (frequency is a separate signal).

Usage:
  python3 scripts/gen_lexicon.py --symspell PATH/frequency_dictionary_en_82_765.txt
          [--scowl-dir /usr/share/dict/scowl] [--out data/lexicon]
          [--size 70] [--names-size 80] [--variant2-size 60]
"""

import argparse
import os
import re
import sys
import unicodedata

SIZES = (10, 20, 35, 40, 50, 55, 60, 70, 80, 95)
US_CATEGORIES = ("english", "american", "variant_1", "variant_2")
GB_CATEGORIES = ("english", "british", "british_z", "british_variant_1", "british_variant_2")
WORD_SUBCATEGORIES = ("words", "contractions", "abbreviations")
NAME_SUBCATEGORIES = ("upper", "proper-names", "abbreviations")
# Typographic apostrophes that mean the same as ASCII "'".
APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'"}


def normalise(raw):
    """Return the lower-case NFC form of `raw`, or None if it is not a clean entry."""
    word = unicodedata.normalize("NFC", raw.strip())
    for typographic, ascii_ in APOSTROPHES.items():
        word = word.replace(typographic, ascii_)
    word = word.lower()
    if not word or word[0] == "'" or word[-1] == "'":
        return None
    for ch in word:
        if ch == "'":
            continue
        # Latin letters only: digits, punctuation and other scripts are noise here.
        if not ch.isalpha() or not unicodedata.name(ch, "").startswith("LATIN"):
            return None
    if "''" in word:
        return None
    return word


def read_list(path):
    # SCOWL 2020 lists are UTF-8 (older releases were ISO-8859-1); fall back just in case.
    with open(path, "rb") as f:
        data = f.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return [line.strip() for line in text.splitlines() if line.strip()]


def collect(scowl_dir, categories, subcategories, max_size):
    """Raw entries (original case) of the given SCOWL categories up to `max_size`."""
    out = []
    for cat in categories:
        for sub in subcategories:
            for size in SIZES:
                if size > max_size:
                    break
                path = os.path.join(scowl_dir, f"{cat}-{sub}.{size}")
                if os.path.exists(path):
                    out.extend((sub, e) for e in read_list(path))
    return out


def is_name_entry(sub, raw):
    """Upper/proper-names entries are names; abbreviations only when capitalised."""
    if raw == "I" or raw.startswith("I'"):
        return False  # the pronoun and its contractions (I'm, I've) are words
    if sub in ("upper", "proper-names"):
        return True
    if sub == "abbreviations":
        return raw[:1].isupper()
    return False


def locale_words(scowl_dir, categories, size, variant2_size):
    words = set()
    entries = []
    for cat in categories:
        max_size = min(size, variant2_size) if cat.endswith("variant_2") else size
        entries.extend(collect(scowl_dir, (cat,), WORD_SUBCATEGORIES + ("upper",), max_size))
    for sub, raw in entries:
        if is_name_entry(sub, raw):
            continue
        w = normalise(raw)
        if w:
            words.add(w)
    return words


def drop_possessives(entries, known):
    """Drop "x's" when "x" is known: the lookup code strips possessives itself."""
    return {w for w in entries if not (w.endswith("'s") and w[:-2] in known)}


def read_freq(path):
    freq = {}
    for line in read_list(path):
        parts = line.split()
        if len(parts) != 2 or not parts[1].isdigit():
            continue
        w = normalise(parts[0])
        if w:
            # Several raw spellings can normalise to one word: add their counts.
            freq[w] = freq.get(w, 0) + int(parts[1])
    return freq


def write_lines(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in lines:
            f.write(line + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scowl-dir", default="/usr/share/dict/scowl")
    ap.add_argument("--symspell", required=True, help="frequency_dictionary_en_82_765.txt")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "data", "lexicon"))
    ap.add_argument("--size", type=int, default=70, choices=SIZES, help="SCOWL size for words")
    ap.add_argument("--names-size", type=int, default=80, choices=SIZES, help="SCOWL size for names")
    ap.add_argument("--variant2-size", type=int, default=60, choices=SIZES,
                    help="SCOWL size cap for the variant_2 categories")
    args = ap.parse_args()

    us = locale_words(args.scowl_dir, US_CATEGORIES, args.size, args.variant2_size)
    gb = locale_words(args.scowl_dir, GB_CATEGORIES, args.size, args.variant2_size)
    names = set()
    for sub, raw in collect(args.scowl_dir, tuple(dict.fromkeys(US_CATEGORIES + GB_CATEGORIES)),
                            NAME_SUBCATEGORIES, args.names_size):
        if is_name_entry(sub, raw):
            w = normalise(raw)
            if w:
                names.add(w)

    known = us | gb | names
    us = drop_possessives(us, known)
    gb = drop_possessives(gb, known)
    names = drop_possessives(names, known)

    # Python sorts str by code point, which is UTF-8 byte order: what fst needs.
    os.makedirs(args.out, exist_ok=True)
    write_lines(os.path.join(args.out, "words-common.txt"), sorted(us & gb))
    write_lines(os.path.join(args.out, "words-us.txt"), sorted(us - gb))
    write_lines(os.path.join(args.out, "words-gb.txt"), sorted(gb - us))
    write_lines(os.path.join(args.out, "names.txt"), sorted(names))
    freq = read_freq(args.symspell)
    write_lines(os.path.join(args.out, "freq.txt"), (f"{w}\t{c}" for w, c in sorted(freq.items())))
    print(f"common={len(us & gb)} us={len(us - gb)} gb={len(gb - us)} "
          f"names={len(names)} freq={len(freq)}", file=sys.stderr)


if __name__ == "__main__":
    main()
