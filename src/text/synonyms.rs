//! How two English words relate in WordNet 3.0: the same lemma, synonyms,
//! one a broader or narrower term for the other, antonyms, co-hyponyms
//! (two kinds of the same thing), or nothing.
//!
//! Why: a faithful summary rewords ("poured" for "dumped", "vehicle" for
//! "car"); an inconsistent one swaps a word for one that says something
//! else ("fell" for "rose"). Stems cannot tell the two apart; WordNet's
//! synsets, hypernyms, similar-to links and antonyms can, for the words it
//! knows.
//!
//! Data (in `data/wordnet/`, licence alongside), embedded with
//! `include_bytes!` so start-up costs nothing:
//! * `lemmas.fst` lemma → `(start << 8) | count` into `senses.bin`;
//! * `senses.bin` little-endian `u32` synset ids, most frequent sense first;
//! * `links.bin` per synset a header word `(pos << 30) | offset` (one more
//!   word marks the end), then the links as `(kind << 30) | synset`, kind 0
//!   hypernym, 1 antonym, 2 similar-to, 3 belongs-to (a noun's part
//!   holonyms, "London" → England; an adjective's pertainyms, "British" →
//!   Britain).
//! * `frequent-senses.bin` the [`Senses`] of each form of the lexicon's
//!   table of frequent forms, by its slot (see `frequent_lists`), built
//!   from the files above and that table.
//!
//! Regenerating: `python3 scripts/gen_wordnet.py` writes the text lists
//! (`lemmas.txt`, `synsets.txt`), then `cargo run --example gen_lexicon_fst`
//! rebuilds the binary files with [`build_files`] and then
//! `frequent-senses.bin` with [`build_frequent_senses_bytes`] (from the
//! WordNet data the generator embeds: run it twice after new lists);
//! `tests/lexicon_data.rs` checks that the committed binaries match the
//! committed text lists.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

#[cfg(test)]
use fst::Map;

use super::lexicon;

static LEMMAS: &[u8] = include_bytes!("../../data/wordnet/lemmas.fst");
static SENSES: &[u8] = include_bytes!("../../data/wordnet/senses.bin");
static LINKS: &[u8] = include_bytes!("../../data/wordnet/links.bin");
static FREQUENT_SENSES: &[u8] = include_bytes!("../../data/wordnet/frequent-senses.bin");

/// The file [`build_frequent_senses_bytes`] writes (in `data/wordnet`):
/// the [`Senses`] of each form of the lexicon's table of frequent forms.
pub const FREQUENT_SENSES_FILE: &str = "frequent-senses.bin";

/// The text lists and what is built from them (relative to `data/wordnet`).
pub const TEXT_FILES: [&str; 2] = ["lemmas.txt", "synsets.txt"];
pub const BINARY_FILES: [&str; 3] = ["lemmas.fst", "senses.bin", "links.bin"];

/// Hypernym levels searched for a broader or narrower term: two levels
/// reach "vehicle" from "car" (car → motor vehicle → self-propelled
/// vehicle is three, so not "vehicle" itself through every path) without
/// reaching the near-root terms ("entity", "object") that relate anything.
pub const MAX_LEVELS: u8 = 2;

/// How word `a` relates to word `b`, strongest relation first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// The same lemma ("geese" and "goose", "fell" and "fall").
    Same,
    /// A shared synset ("said", "told"; "geese", "goose"), or adjectives WordNet calls similar.
    Synonym,
    /// `b` is a broader term for `a`, this many hypernym levels up ("car", "vehicle").
    Broader(u8),
    /// `b` is a narrower term for `a`, this many levels down ("vehicle", "car").
    Narrower(u8),
    /// WordNet antonyms ("rise", "fall"; "increase", "decrease").
    Antonym,
    /// Nouns with a common direct hypernym ("car", "truck"; "month", "year").
    CoHyponym,
    /// Nothing WordNet knows, or a word it does not have.
    None,
}

impl Relation {
    /// True when saying `a` where the source says `b` keeps the claim: the
    /// same word, a synonym, or `a` a broader term for `b` (saying less,
    /// not more: "vehicle" for "car" is [`Relation::Narrower`]).
    pub fn licenses(self) -> bool {
        matches!(self, Relation::Same | Relation::Synonym | Relation::Narrower(_))
    }
}

const POS_BITS: u32 = 30;
const ID_MASK: u32 = (1 << POS_BITS) - 1;
const HYPERNYM: u32 = 0;
const ANTONYM: u32 = 1;
const SIMILAR: u32 = 2;
const BELONGS: u32 = 3;

/// Part-holonym steps followed from a place the body names: a district,
/// its city, the city's region and the region's country
/// ("Kensington" → London → England → United Kingdom).
pub const PART_LEVELS: u8 = 3;

/// Part of speech of a synset, as the header of `links.bin` stores it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pos {
    Noun,
    Verb,
    Adjective,
    Adverb,
}

fn pos_code(pos: &str) -> Option<u32> {
    Some(match pos {
        "n" => 0,
        "v" => 1,
        "a" => 2,
        "r" => 3,
        _ => return None,
    })
}

fn pos_of(code: u32) -> Pos {
    match code {
        0 => Pos::Noun,
        1 => Pos::Verb,
        2 => Pos::Adjective,
        _ => Pos::Adverb,
    }
}

fn word_at(bytes: &[u8], i: usize) -> u32 {
    bytes
        .get(i * 4..i * 4 + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The words `start..end` of `bytes` ([`word_at`] of each), for a range
/// the caller has checked ([`frequent_lists`]): one slice and its 4-byte
/// chunks, not a bounds test and a fallback per word (copying a frequent
/// word's lists out word by word was ~400 est. cycles a word on the
/// corpus).
fn words_in(bytes: &[u8], start: usize, end: usize) -> impl Iterator<Item = u32> + '_ {
    bytes[start * 4..end * 4]
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The lemma map, read by the lexicon's lean reader: a lemma lookup with
/// the fst crate's `Map::get` cost about 1,700 instructions, most of them
/// decoding node fields a lookup does not need.
fn lemmas() -> &'static lexicon::MapReader {
    static MAP: OnceLock<lexicon::MapReader> = OnceLock::new();
    // The bytes are our own build output, checked by tests/lexicon_data.rs.
    MAP.get_or_init(|| lexicon::MapReader::new(LEMMAS).expect("embedded WordNet data is valid"))
}

/// Synsets of the exact lemma `word`, most frequent sense first.
fn lemma_synsets(word: &str) -> impl Iterator<Item = u32> {
    packed_synsets(lemmas().get(word.as_bytes()).unwrap_or(0))
}

/// The synsets of a lemma entry as the FST stores it: start << 8 | count.
fn packed_synsets(packed: u64) -> impl Iterator<Item = u32> {
    let (start, count) = ((packed >> 8) as usize, (packed & 0xff) as usize);
    (start..start + count).map(|i| word_at(SENSES, i))
}

/// True when `word[..a] + ra` and `word[..b] + rb` are the same string.
fn same_base(word: &str, a: usize, ra: &str, b: usize, rb: &str) -> bool {
    a + ra.len() == b + rb.len() && {
        let word = word.as_bytes();
        let left = word[..a].iter().chain(ra.as_bytes());
        left.eq(word[..b].iter().chain(rb.as_bytes()))
    }
}

fn synset_pos(id: u32) -> Pos {
    pos_of(word_at(LINKS, id as usize) >> POS_BITS)
}

/// Whether the lemma `word` can be a noun or a verb (and so take a plural
/// or third-person `-s`): `None` when WordNet does not list it.
pub fn is_noun_or_verb(word: &str) -> Option<bool> {
    let mut senses = lemma_synsets(word).peekable();
    senses.peek()?;
    Some(senses.any(|id| matches!(synset_pos(id), Pos::Noun | Pos::Verb)))
}

/// Every link from synset `id`, kind in the top bits.
fn all_links(id: u32) -> impl Iterator<Item = u32> {
    let header = (ID_MASK as usize) & word_at(LINKS, id as usize) as usize;
    let end = (ID_MASK as usize) & word_at(LINKS, id as usize + 1) as usize;
    (header..end).map(|i| word_at(LINKS, i))
}

/// Links of one kind from synset `id`.
fn links(id: u32, kind: u32) -> impl Iterator<Item = u32> {
    let header = (ID_MASK as usize) & word_at(LINKS, id as usize) as usize;
    let end = (ID_MASK as usize) & word_at(LINKS, id as usize + 1) as usize;
    (header..end)
        .map(|i| word_at(LINKS, i))
        .filter(move |w| w >> POS_BITS == kind)
        .map(|w| w & ID_MASK)
}

/// Detachment rules of WordNet's morphy: (suffix, replacement, part of speech).
const SUFFIXES: [(&str, &str, Pos); 18] = [
    ("s", "", Pos::Noun),
    ("ses", "s", Pos::Noun),
    ("xes", "x", Pos::Noun),
    ("zes", "z", Pos::Noun),
    ("ches", "ch", Pos::Noun),
    ("shes", "sh", Pos::Noun),
    ("men", "man", Pos::Noun),
    ("ies", "y", Pos::Noun),
    ("s", "", Pos::Verb),
    ("ies", "y", Pos::Verb),
    ("es", "e", Pos::Verb),
    ("es", "", Pos::Verb),
    ("ed", "e", Pos::Verb),
    ("ed", "", Pos::Verb),
    ("ing", "e", Pos::Verb),
    ("ing", "", Pos::Verb),
    ("er", "", Pos::Adjective),
    ("est", "", Pos::Adjective),
];

/// The synsets of a folded word: its own lemma (inflected forms in
/// WordNet's exception lists are stored as lemmas), or else the lemmas
/// morphy's suffix rules give, each only in its part of speech
/// ("walked" → verb "walk", not noun "walk").
pub fn synsets(folded: &str) -> Vec<u32> {
    let mut out = Vec::new();
    synsets_into(folded, &mut out);
    out
}

/// `word` without `suffix` if it ends in it. Why not `str::strip_suffix`:
/// with a suffix from a table that was a `memcmp` call per rule, 18 per
/// word new to the senses cache; suffixes are 1–4 bytes, and most differ
/// in the last one.
#[inline]
fn without_suffix<'w>(word: &'w str, suffix: &str) -> Option<&'w str> {
    let (w, s) = (word.as_bytes(), suffix.as_bytes());
    let cut = w.len().checked_sub(s.len())?;
    if w[cut..].iter().rev().zip(s.iter().rev()).all(|(a, b)| a == b) {
        // (A suffix of ASCII letters ends at a character boundary.)
        word.get(..cut)
    } else {
        None
    }
}

/// [`synsets`] appended to `out` (a buffer the caller reuses): from the
/// table of frequent forms' senses ([`FREQUENT_SENSES`]) if it holds
/// `folded`, worked out otherwise.
fn synsets_into(folded: &str, out: &mut Vec<u32>) {
    match frequent_lists(folded) {
        Some((start, ends)) => out.extend(words_in(
            FREQUENT_SENSES,
            start + ends[IDS - 1] as usize,
            start + ends[IDS] as usize,
        )),
        None => synsets_worked_out_into(folded, out),
    }
}

/// `u32`s per slot of the table of frequent forms in [`FREQUENT_SENSES`].
const SENSES_SLOT_WORDS: usize = 3;
/// A slot's first word when the table does not hold its form's senses.
const SENSES_NOT_HELD: u32 = u32::MAX;

/// Where [`FREQUENT_SENSES`] keeps the [`Senses`] of `folded`, if it is a
/// form of the lexicon's table of frequent forms: the index of the first
/// `u32` of its lists, and where each list ends ([`Senses::ends`]).
///
/// Why: a word new to the drift readings' cache cost its lemma lookup,
/// one per morphy rule that applies, and then the links, two levels of
/// hypernyms and six sorts of its lists (about 5,000 est. cycles on
/// distinct documents); most content words of news text are among the
/// 40,000 most frequent forms, whose lists one probe of the table and a
/// copy of one run of ids give.
///
/// Layout (little-endian `u32`s, built by [`build_frequent_senses_bytes`]):
/// per slot of the table of frequent forms ([`lexicon::FREQUENT_SLOTS`]),
/// [`SENSES_SLOT_WORDS`] words: the start of the form's lists among the
/// words that follow the slots ([`SENSES_NOT_HELD`] if a list has 256
/// ids or more), then the length of each of its [`LISTS`] lists, a byte
/// each, the first list in the lowest byte. Then the lists.
#[inline]
fn frequent_lists(folded: &str) -> Option<(usize, [u32; LISTS])> {
    let at = lexicon::frequent_slot(folded)? * SENSES_SLOT_WORDS;
    let start = word_at(FREQUENT_SENSES, at);
    if start == SENSES_NOT_HELD {
        return None;
    }
    let lengths = u64::from(word_at(FREQUENT_SENSES, at + 1)) | u64::from(word_at(FREQUENT_SENSES, at + 2)) << 32;
    let mut ends = [0u32; LISTS];
    let mut end = 0;
    for (i, list_end) in ends.iter_mut().enumerate() {
        end += (lengths >> (8 * i)) as u32 & 0xff;
        *list_end = end;
    }
    let start = lexicon::FREQUENT_SLOTS * SENSES_SLOT_WORDS + start as usize;
    // (An empty or short file, as on a fresh checkout before the generator
    // ran, holds nothing: every word is worked out.)
    (FREQUENT_SENSES.len() >= (start + end as usize) * 4).then_some((start, ends))
}

/// The bytes of [`FREQUENT_SENSES`] for the table of frequent forms
/// `table` (the bytes of [`lexicon::FREQUENT_FORMS_FILE`]), from the
/// embedded WordNet data: after rebuilding that from new lists, run the
/// generator again (`tests/lexicon_data.rs` tells when the file is stale).
pub fn build_frequent_senses_bytes(table: &[u8]) -> Vec<u8> {
    const _: () = assert!(LISTS <= 8, "a length a byte in two words");
    let mut slots = vec![0u32; lexicon::FREQUENT_SLOTS * SENSES_SLOT_WORDS];
    let mut lists = Vec::new();
    let mut ids = Vec::new();
    for (slot, form) in lexicon::frequent_forms_in(table) {
        ids.clear();
        synsets_worked_out_into(&form, &mut ids);
        let senses = with_senses_scratch(|scratch| Senses::build(&ids, scratch));
        let mut lengths = 0u64;
        let mut held = true;
        for i in 0..LISTS {
            let n = senses.list(i).len();
            held &= n < 256;
            lengths |= (n as u64 & 0xff) << (8 * i);
        }
        let at = slot * SENSES_SLOT_WORDS;
        if !held {
            slots[at] = SENSES_NOT_HELD;
            continue;
        }
        slots[at] = u32::try_from(lists.len()).expect("the lists fit");
        slots[at + 1] = lengths as u32;
        slots[at + 2] = (lengths >> 32) as u32;
        lists.extend_from_slice(&senses.data);
    }
    slots.into_iter().chain(lists).flat_map(u32::to_le_bytes).collect()
}

/// [`synsets_into`] worked out from the lemma map and morphy's rules.
fn synsets_worked_out_into(folded: &str, out: &mut Vec<u32>) {
    let word = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(folded);
    let own = out.len();
    out.extend(lemma_synsets(word));
    // One buffer for every base form tried (`format!` per suffix cost more
    // than the lookups), on the stack: a heap buffer made for every new
    // word was an allocation even when no rule applied. Longer forms go
    // through `long_form`.
    let mut base_form = [0u8; 48];
    let mut long_form = Vec::new();
    // Several rules give the same base form ("s" for nouns and verbs;
    // "ses" → "s" and "es" → ""): each is looked up once.
    let mut looked: [(usize, &str, u64); SUFFIXES.len()] = [(0, "", 0); SUFFIXES.len()];
    let mut n_looked = 0;
    for (suffix, replacement, pos) in SUFFIXES {
        let Some(base) = without_suffix(word, suffix).filter(|b| b.len() >= 2) else {
            continue;
        };
        let len = base.len();
        let packed = match looked[..n_looked]
            .iter()
            .find(|&&(l, r, _)| same_base(word, l, r, len, replacement))
        {
            Some(&(_, _, packed)) => packed,
            None => {
                let (head, tail) = (base.as_bytes(), replacement.as_bytes());
                let form: &[u8] = match base_form.get_mut(..head.len() + tail.len()) {
                    Some(form) => {
                        form[..head.len()].copy_from_slice(head);
                        form[head.len()..].copy_from_slice(tail);
                        form
                    }
                    None => {
                        long_form.clear();
                        long_form.extend_from_slice(head);
                        long_form.extend_from_slice(tail);
                        &long_form
                    }
                };
                let packed = lemmas().get(form).unwrap_or(0);
                looked[n_looked] = (len, replacement, packed);
                n_looked += 1;
                packed
            }
        };
        for id in packed_synsets(packed) {
            if synset_pos(id) == pos && !out[own..].contains(&id) {
                out.push(id);
            }
        }
    }
}

/// How the folded words `a` and `b` relate in WordNet (see [`Relation`]).
pub fn relation(a: &str, b: &str) -> Relation {
    if a == b {
        return Relation::Same;
    }
    relation_of(&synsets(a), &synsets(b))
}

/// [`relation`] on synset lists from [`synsets`] (callers that compare one
/// word with many should build [`Senses`] once instead).
pub fn relation_of(a: &[u32], b: &[u32]) -> Relation {
    Senses::new(a.to_vec()).relation(&Senses::new(b.to_vec()))
}

/// A word's synsets with everything [`Senses::relation`] follows from them
/// (similar-to links, antonyms, hypernyms up to [`MAX_LEVELS`], the noun
/// senses' hypernyms), looked up once: comparing one unit word with every
/// source word would otherwise walk the same links again for each pair.
#[derive(Clone, Debug, Default)]
pub struct Senses {
    /// The lists (named by the constants below) one after another, in one
    /// allocation: comparing a unit word with a source word reads the
    /// source word's lists, and apart (a vector each) they were a cache
    /// miss each.
    data: Box<[u32]>,
    /// Where each list ends in `data` (indexed by the list constants).
    ends: [u32; LISTS],
}

// The lists of [`Senses`], in their order in `data`.

/// The synsets, sorted, for the set tests.
const SORTED: usize = 0;
/// Hypernyms of the noun senses.
const NOUN_PARENTS: usize = 1;
/// The synsets as [`synsets`] gives them (most frequent sense first).
const IDS: usize = 2;
/// Similar-to links of the synsets (adjectives), sorted.
const SIMILARS: usize = 3;
/// Antonyms of the synsets, sorted.
const ANTONYMS: usize = 4;
/// Hypernyms one level up, two levels up, ... ([`MAX_LEVELS`] lists): each sorted.
const UP: usize = 5;
const LISTS: usize = UP + MAX_LEVELS as usize;

/// True if the sorted lists share an element.
///
/// Asked several times for every pair of a unit word and a source word,
/// and most pairs share nothing: lists whose ranges do not overlap are
/// turned away at once, and the merge steps both sides by comparisons
/// added as integers, not by a three-way branch the predictor cannot learn
/// (which list is ahead is data, not pattern).
fn meet(a: &[u32], b: &[u32]) -> bool {
    let (Some((&a_first, _)), Some((&b_first, _))) = (a.split_first(), b.split_first()) else {
        return false;
    };
    if a[a.len() - 1] < b_first || b[b.len() - 1] < a_first {
        return false;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x == y {
            return true;
        }
        i += usize::from(x < y);
        j += usize::from(y < x);
    }
    false
}

/// The buffers [`Senses::new`] builds a word's lists in, kept per thread:
/// a word new to the drift readings' cache took eight vectors, each
/// allocated, grown and freed (`senses_of` about 5,000 instructions a new
/// word on 156 distinct documents, allocation a fifth of it).
#[derive(Default)]
struct SensesScratch {
    ids: Vec<u32>,
    sorted_ids: Vec<u32>,
    noun_parents: Vec<u32>,
    similar: Vec<u32>,
    antonyms: Vec<u32>,
    /// Hypernyms one level up, two levels up, ...
    up: [Vec<u32>; MAX_LEVELS as usize],
}

/// Sorts `ids` and drops repeats, in place.
fn sort_dedup(ids: &mut Vec<u32>) {
    ids.sort_unstable();
    ids.dedup();
}

fn with_senses_scratch<R>(f: impl FnOnce(&mut SensesScratch) -> R) -> R {
    use std::cell::RefCell;
    thread_local! {
        static SCRATCH: RefCell<SensesScratch> = RefCell::default();
    }
    SCRATCH.with_borrow_mut(f)
}

impl Senses {
    /// The senses of the folded word.
    pub fn of(folded: &str) -> Senses {
        if let Some((start, ends)) = frequent_lists(folded) {
            let data = words_in(FREQUENT_SENSES, start, start + ends[LISTS - 1] as usize).collect();
            return Senses { data, ends };
        }
        Senses::worked_out(folded)
    }

    /// [`Senses::of`] worked out from the WordNet data.
    fn worked_out(folded: &str) -> Senses {
        with_senses_scratch(|scratch| {
            let mut ids = std::mem::take(&mut scratch.ids);
            ids.clear();
            synsets_into(folded, &mut ids);
            let senses = Senses::build(&ids, scratch);
            scratch.ids = ids;
            senses
        })
    }

    pub fn new(ids: Vec<u32>) -> Senses {
        with_senses_scratch(|scratch| Senses::build(&ids, scratch))
    }

    /// The senses of the synsets `ids`, their lists built in `scratch`.
    fn build(ids: &[u32], scratch: &mut SensesScratch) -> Senses {
        if ids.is_empty() {
            return Senses::default();
        }
        let SensesScratch {
            sorted_ids,
            noun_parents,
            similar,
            antonyms,
            up,
            ..
        } = scratch;
        for list in [&mut *sorted_ids, &mut *noun_parents, &mut *similar, &mut *antonyms]
            .into_iter()
            .chain(up.iter_mut())
        {
            list.clear();
        }
        // The senses' own links, read in one pass over each synset's list
        // rather than once per kind.
        let parents = &mut up[0];
        for &id in ids {
            let noun = synset_pos(id) == Pos::Noun;
            for w in all_links(id) {
                let target = w & ID_MASK;
                match w >> POS_BITS {
                    HYPERNYM => {
                        parents.push(target);
                        if noun {
                            noun_parents.push(target);
                        }
                    }
                    SIMILAR => similar.push(target),
                    ANTONYM => antonyms.push(target),
                    _ => {}
                }
            }
        }
        sort_dedup(parents);
        for level in 1..up.len() {
            let (below, above) = up.split_at_mut(level);
            let next = &mut above[0];
            next.extend(below[level - 1].iter().flat_map(|&s| links(s, HYPERNYM)));
            sort_dedup(next);
        }
        sorted_ids.extend_from_slice(ids);
        for list in [&mut *sorted_ids, &mut *similar, &mut *antonyms, &mut *noun_parents] {
            sort_dedup(list);
        }
        let mut lists: [&[u32]; LISTS] = [&[]; LISTS];
        (lists[SORTED], lists[NOUN_PARENTS], lists[IDS]) = (sorted_ids, noun_parents, ids);
        (lists[SIMILARS], lists[ANTONYMS]) = (similar, antonyms);
        for (level, list) in up.iter().enumerate() {
            lists[UP + level] = list;
        }
        let mut data = Vec::with_capacity(lists.iter().map(|l| l.len()).sum());
        let mut ends = [0u32; LISTS];
        for (end, list) in ends.iter_mut().zip(&lists) {
            data.extend_from_slice(list);
            *end = u32::try_from(data.len()).expect("a word's synsets number far fewer than 2^32");
        }
        Senses {
            data: data.into_boxed_slice(),
            ends,
        }
    }

    /// List `i` (one of the list constants).
    #[inline]
    fn list(&self, i: usize) -> &[u32] {
        self.lists(i, i)
    }

    /// Lists `first` to `last` (list constants), one after another as
    /// they are kept.
    #[inline]
    fn lists(&self, first: usize, last: usize) -> &[u32] {
        let start = if first == 0 { 0 } else { self.ends[first - 1] as usize };
        &self.data[start..self.ends[last] as usize]
    }

    /// The synsets as [`synsets`] gives them (most frequent sense first).
    pub fn synsets(&self) -> &[u32] {
        self.list(IDS)
    }

    pub fn is_empty(&self) -> bool {
        // (No synsets, no list: `new` makes nothing else.)
        self.data.is_empty()
    }

    /// How a word with these senses relates to one with `other`'s.
    pub fn relation(&self, other: &Senses) -> Relation {
        let (a, b) = (self, other);
        if a.is_empty() || b.is_empty() {
            return Relation::None;
        }
        if a.list(IDS) == b.list(IDS) {
            return Relation::Same;
        }
        if meet(a.list(SORTED), b.list(SORTED)) {
            return Relation::Synonym;
        }
        // Adjectives have no hypernyms; a satellite is similar to its head
        // ("huge", "large"). Two satellites of one head are not: "chromatic"
        // heads every colour.
        if meet(a.list(SIMILARS), b.list(SORTED)) || meet(b.list(SIMILARS), a.list(SORTED)) {
            return Relation::Synonym;
        }
        if meet(a.list(ANTONYMS), b.list(SORTED)) {
            return Relation::Antonym;
        }
        if let Some(level) = (0..MAX_LEVELS).find(|&l| meet(a.list(UP + l as usize), b.list(SORTED))) {
            return Relation::Broader(level + 1);
        }
        if let Some(level) = (0..MAX_LEVELS).find(|&l| meet(b.list(UP + l as usize), a.list(SORTED))) {
            return Relation::Narrower(level + 1);
        }
        // Only nouns: two verbs under one verb are usually manners of doing the
        // same thing ("sustain", "uphold"), two nouns under one noun different
        // things of a kind ("month", "year"; "green", "yellow").
        if meet(a.list(NOUN_PARENTS), b.list(NOUN_PARENTS)) {
            return Relation::CoHyponym;
        }
        Relation::None
    }
}

/// Where a synset stands among a word's lists, in [`Relating`]'s table.
const IN_SORTED: u8 = 1;
const IN_SIMILARS: u8 = 2;
const IN_ANTONYMS: u8 = 4;
const IN_NOUN_PARENTS: u8 = 8;
/// `IN_UP << level` for the hypernyms `level + 1` levels up.
const IN_UP: u8 = 16;
const _: () = assert!(MAX_LEVELS <= 3, "the hypernym levels' flags fit in a byte");
const _: () = assert!(
    MAX_LEVELS >= 1,
    "Senses::build starts the hypernym levels at the parents"
);

/// One word's senses set against many words' ([`Senses::relating`]): each
/// synset of the word's lists is marked in a table by synset id, so that
/// a set test against another word's list is one table read per element
/// of that list, independent reads, where the merges of [`Senses::relation`]
/// waited on each step's loads (the drift readings compare each new unit
/// word with every source word it could reword; almost no pair relates, so
/// every test runs).
pub struct Relating<'a> {
    senses: &'a Senses,
    /// Per synset id, the `IN_*` flags of the lists it is in.
    table: &'a [u8],
}

/// The table behind [`Relating`] and the ids marked in it.
#[derive(Default)]
struct SynsetTable {
    flags: Vec<u8>,
    marked: Vec<u32>,
}

impl SynsetTable {
    fn clear(&mut self) {
        for &id in &self.marked {
            self.flags[id as usize] = 0;
        }
        self.marked.clear();
    }

    fn mark(&mut self, ids: &[u32], flag: u8) {
        for &id in ids {
            let i = id as usize;
            if i >= self.flags.len() {
                self.flags.resize(i + 1, 0);
            }
            self.flags[i] |= flag;
            self.marked.push(id);
        }
    }
}

impl Relating<'_> {
    /// The flags of every synset of `ids`, or-ed.
    fn flags(&self, ids: &[u32]) -> u8 {
        ids.iter().fold(0, |flags, &id| {
            flags | self.table.get(id as usize).copied().unwrap_or(0)
        })
    }

    /// [`Senses::relation`] of the word with `other`: the same answer, the
    /// same tests in the same order.
    pub fn relation(&self, other: &Senses) -> Relation {
        let (a, b) = (self.senses, other);
        if a.is_empty() || b.is_empty() {
            return Relation::None;
        }
        if a.list(IDS) == b.list(IDS) {
            return Relation::Same;
        }
        // Which of `a`'s lists `b`'s synsets meet, all in one pass.
        let on_b = self.flags(b.list(SORTED));
        // Most pairs relate in no way. Whether one might is asked first of
        // the noun parents and of the similar-to links and hypernyms
        // together (kept one after another; the antonyms between them
        // only add reads): three loops, where the tests below run six,
        // each ending after a count that varies from word to word (the
        // loops' exits mispredicted). Each test below reads a subset of
        // these, so none of them holds when this says no.
        const _: () = assert!(SIMILARS + 1 == ANTONYMS && ANTONYMS + 1 == UP);
        if on_b == 0
            && self.flags(b.list(NOUN_PARENTS)) & IN_NOUN_PARENTS == 0
            && self.flags(b.lists(SIMILARS, UP + MAX_LEVELS as usize - 1)) & IN_SORTED == 0
        {
            return Relation::None;
        }
        if on_b & IN_SORTED != 0 {
            return Relation::Synonym;
        }
        if on_b & IN_SIMILARS != 0 || self.flags(b.list(SIMILARS)) & IN_SORTED != 0 {
            return Relation::Synonym;
        }
        if on_b & IN_ANTONYMS != 0 {
            return Relation::Antonym;
        }
        if let Some(level) = (0..MAX_LEVELS).find(|&l| on_b & (IN_UP << l) != 0) {
            return Relation::Broader(level + 1);
        }
        if let Some(level) = (0..MAX_LEVELS).find(|&l| self.flags(b.list(UP + l as usize)) & IN_SORTED != 0) {
            return Relation::Narrower(level + 1);
        }
        if self.flags(b.list(NOUN_PARENTS)) & IN_NOUN_PARENTS != 0 {
            return Relation::CoHyponym;
        }
        Relation::None
    }
}

impl Senses {
    /// Runs `f` with this word's [`Relating`], to compare it with many
    /// words. The table is the thread's (synset ids number about 120,000:
    /// 120 KB), marked for this word and cleared after (or, if `f` did
    /// not return, before the next use).
    pub fn relating<R>(&self, f: impl FnOnce(&Relating) -> R) -> R {
        use std::cell::RefCell;
        thread_local! {
            static TABLE: RefCell<SynsetTable> = RefCell::default();
        }
        TABLE.with_borrow_mut(|table| {
            table.clear();
            table.mark(self.list(SORTED), IN_SORTED);
            table.mark(self.list(SIMILARS), IN_SIMILARS);
            table.mark(self.list(ANTONYMS), IN_ANTONYMS);
            table.mark(self.list(NOUN_PARENTS), IN_NOUN_PARENTS);
            for level in 0..MAX_LEVELS {
                table.mark(self.list(UP + level as usize), IN_UP << level);
            }
            let out = f(&Relating {
                senses: self,
                table: &table.flags,
            });
            table.clear();
            out
        })
    }
}

/// The noun synsets a name can stand for: its own, and for an adjective
/// the nouns it pertains to ("french" → France).
pub fn name_synsets(folded: &str) -> Vec<u32> {
    name_synsets_of(&synsets(folded))
}

/// [`name_synsets`] of a word whose synsets ([`synsets`], or a cached
/// [`Senses::synsets`]) are `ids`.
pub fn name_synsets_of(ids: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    for &id in ids {
        match synset_pos(id) {
            Pos::Noun => out.push(id),
            Pos::Adjective => out.extend(links(id, BELONGS)),
            _ => {}
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The noun synsets of the name `folded` ([`name_synsets`]) and the wholes
/// they are part of, up to [`PART_LEVELS`] steps: "london" gives London,
/// England, the United Kingdom, Europe… A summary that names one of these
/// where the body names `folded` says less, not something else.
pub fn containing_places(folded: &str) -> HashSet<u32> {
    containing_places_of(&synsets(folded))
}

/// [`containing_places`] of a word whose synsets are `ids`.
pub fn containing_places_of(ids: &[u32]) -> HashSet<u32> {
    let mut out: HashSet<u32> = name_synsets_of(ids).into_iter().collect();
    let mut frontier: Vec<u32> = out.iter().copied().collect();
    for _ in 0..PART_LEVELS {
        frontier = frontier
            .iter()
            .flat_map(|&s| links(s, BELONGS))
            .filter(|s| out.insert(*s))
            .collect();
    }
    out
}

/// True when `folded` is an adjective of a place or people ("russian",
/// "french"): WordNet gives it a pertainym to a noun.
pub fn is_demonym(folded: &str) -> bool {
    synsets(folded)
        .into_iter()
        .any(|id| synset_pos(id) == Pos::Adjective && links(id, BELONGS).next().is_some())
}

/// True when the name `whole` names a place that `part` lies in, or
/// `part` itself ([`containing_places`]): "uk" for "london".
pub fn lies_in(part: &str, whole: &str) -> bool {
    let whole = name_synsets(whole);
    !whole.is_empty() && {
        let places = containing_places(part);
        whole.iter().any(|s| places.contains(s))
    }
}

fn invalid(path: &Path, line: usize, msg: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}:{}: {msg}", path.display(), line + 1),
    )
}

fn ids(path: &Path, line: usize, field: &str) -> io::Result<Vec<u32>> {
    field
        .split_whitespace()
        .map(|x| {
            x.parse::<u32>()
                .ok()
                .filter(|&id| id <= ID_MASK)
                .ok_or_else(|| invalid(path, line, format!("bad synset id {x:?}")))
        })
        .collect()
}

fn to_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// The bytes of [`BINARY_FILES`] (in that order) built from the text lists
/// in `dir`. Fails on unsorted lemmas or malformed lines.
pub fn build_bytes(dir: &Path) -> io::Result<[Vec<u8>; 3]> {
    let lemma_path = dir.join(TEXT_FILES[0]);
    let lemma_text = fs::read_to_string(&lemma_path)?;
    let mut senses: Vec<u32> = Vec::new();
    let mut entries = Vec::new();
    for (n, line) in lemma_text.lines().enumerate() {
        let (lemma, list) = line
            .split_once('\t')
            .ok_or_else(|| invalid(&lemma_path, n, "expected lemma<TAB>synset ids"))?;
        let list = ids(&lemma_path, n, list)?;
        // At most 255 senses fit the count byte; WordNet's most polysemous lemma has 75.
        let count = list.len().min(255);
        entries.push(Ok((lemma, ((senses.len() as u64) << 8) | count as u64)));
        senses.extend_from_slice(&list[..count]);
    }
    let fst = lexicon::build_map_bytes(&lemma_path, entries)?;

    let synset_path = dir.join(TEXT_FILES[1]);
    let synset_text = fs::read_to_string(&synset_path)?;
    let count = synset_text.lines().count();
    let mut header: Vec<u32> = Vec::with_capacity(count + 1);
    let mut body: Vec<u32> = Vec::new();
    for (n, line) in synset_text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [pos, hyper, anto, similar, belongs] = fields[..] else {
            return Err(invalid(
                &synset_path,
                n,
                "expected pos<TAB>hypernyms<TAB>antonyms<TAB>similar<TAB>belongs-to",
            ));
        };
        let pos = pos_code(pos).ok_or_else(|| invalid(&synset_path, n, format!("bad part of speech {pos:?}")))?;
        let offset = (count + 1 + body.len()) as u32;
        header.push((pos << POS_BITS) | offset);
        for (kind, field) in [
            (HYPERNYM, hyper),
            (ANTONYM, anto),
            (SIMILAR, similar),
            (BELONGS, belongs),
        ] {
            for id in ids(&synset_path, n, field)? {
                if id as usize >= count {
                    return Err(invalid(&synset_path, n, format!("synset {id} does not exist")));
                }
                body.push((kind << POS_BITS) | id);
            }
        }
    }
    header.push((count + 1 + body.len()) as u32);
    header.extend(body);
    Ok([fst, to_bytes(&senses), to_bytes(&header)])
}

/// Rebuild the binary files in `dir` (normally `data/wordnet`) from its text lists.
pub fn build_files(dir: &Path) -> io::Result<()> {
    for (name, bytes) in BINARY_FILES.iter().zip(build_bytes(dir)?) {
        fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed table is what the code builds now, and each of its
    /// forms' synsets and senses are those worked out.
    #[test]
    fn the_frequent_senses_table_gives_the_senses_worked_out() {
        let table = lexicon::embedded_frequent_forms();
        assert!(
            build_frequent_senses_bytes(table) == FREQUENT_SENSES,
            "{FREQUENT_SENSES_FILE} is stale: run `cargo run --example gen_lexicon_fst`"
        );
        let mut held = 0;
        for (_, form) in lexicon::frequent_forms_in(table) {
            let mut worked_out = vec![7];
            synsets_worked_out_into(&form, &mut worked_out);
            let mut fast = vec![7];
            synsets_into(&form, &mut fast);
            assert_eq!(fast, worked_out, "{form}");
            let (fast, slow) = (Senses::of(&form), Senses::worked_out(&form));
            assert_eq!((&fast.data, fast.ends), (&slow.data, slow.ends), "{form}");
            held += usize::from(frequent_lists(&form).is_some_and(|(_, ends)| ends[LISTS - 1] > 0));
        }
        assert!(held > 15_000, "{held}");
        assert!(frequent_lists("walked").is_some());
        assert!(frequent_lists("xqzv").is_none());
    }

    /// [`words_in`] reads the words [`word_at`] reads, one by one.
    #[test]
    fn words_in_are_the_words_at_each_index() {
        let bytes: Vec<u8> = (0..=255u8).chain(0..=41).collect();
        let words = bytes.len() / 4;
        for start in 0..=words {
            for end in start..=words {
                let each: Vec<u32> = (start..end).map(|i| word_at(&bytes, i)).collect();
                assert_eq!(words_in(&bytes, start, end).collect::<Vec<_>>(), each, "{start}..{end}");
            }
        }
    }

    /// Sorted and without repeats.
    fn sorted(mut ids: Vec<u32>) -> Vec<u32> {
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// [`synsets`] as it was written before [`without_suffix`]: with
    /// `str::strip_suffix`, and a vector of its own.
    fn synsets_by_strip_suffix(folded: &str) -> Vec<u32> {
        let word = folded
            .strip_suffix("'s")
            .or_else(|| folded.strip_suffix('\''))
            .unwrap_or(folded);
        let mut out: Vec<u32> = lemma_synsets(word).collect();
        for (suffix, replacement, pos) in SUFFIXES {
            let Some(base) = word.strip_suffix(suffix).filter(|b| b.len() >= 2) else {
                continue;
            };
            for id in packed_synsets(lemmas().get(format!("{base}{replacement}").as_bytes()).unwrap_or(0)) {
                if synset_pos(id) == pos && !out.contains(&id) {
                    out.push(id);
                }
            }
        }
        out
    }

    /// [`Senses::new`] as it was written before the thread's buffers: a
    /// vector per list.
    fn senses_by_vectors(ids: Vec<u32>) -> Senses {
        if ids.is_empty() {
            return Senses::default();
        }
        let follow = |from: &[u32], kind: u32| sorted(from.iter().flat_map(|&s| links(s, kind)).collect());
        let parents: Vec<u32> = ids.iter().flat_map(|&id| links(id, HYPERNYM)).collect();
        let noun_parents: Vec<u32> = ids
            .iter()
            .filter(|&&id| synset_pos(id) == Pos::Noun)
            .flat_map(|&id| links(id, HYPERNYM))
            .collect();
        let mut up = vec![sorted(parents)];
        while up.len() < MAX_LEVELS as usize {
            let next = follow(&up[up.len() - 1], HYPERNYM);
            up.push(next);
        }
        let mut lists: Vec<Vec<u32>> = vec![
            sorted(ids.clone()),
            sorted(noun_parents),
            ids.clone(),
            follow(&ids, SIMILAR),
            follow(&ids, ANTONYM),
        ];
        lists.extend(up);
        let mut ends = [0u32; LISTS];
        let mut data = Vec::new();
        for (end, list) in ends.iter_mut().zip(&lists) {
            data.extend_from_slice(list);
            *end = data.len() as u32;
        }
        Senses {
            data: data.into_boxed_slice(),
            ends,
        }
    }

    #[test]
    fn senses_built_in_the_threads_buffers_are_the_ones_built_in_vectors() {
        use fst::Streamer;
        let map = Map::new(LEMMAS).unwrap();
        let mut stream = map.stream();
        let mut checked = 0;
        let mut n = 0;
        while let Some((key, _)) = stream.next() {
            n += 1;
            if n % 5 != 0 {
                continue;
            }
            let lemma = String::from_utf8_lossy(key).into_owned();
            // The lemma and forms morphy's rules undo ("walked", "boxes", "larger").
            for word in [
                lemma.clone(),
                format!("{lemma}s"),
                format!("{lemma}es"),
                format!("{lemma}ed"),
                format!("{lemma}ing"),
                format!("{lemma}er"),
                format!("{lemma}'s"),
                lemma[..lemma.len() - 1].to_string(),
            ] {
                let ids = synsets(&word);
                assert_eq!(ids, synsets_by_strip_suffix(&word), "{word}");
                let (fast, slow) = (Senses::of(&word), senses_by_vectors(ids.clone()));
                assert_eq!((&fast.data, fast.ends), (&slow.data, slow.ends), "{word}");
                assert_eq!(fast.synsets(), &ids[..], "{word}");
                assert_eq!(containing_places_of(fast.synsets()), containing_places(&word), "{word}");
                let again = Senses::new(ids);
                assert_eq!((&again.data, again.ends), (&slow.data, slow.ends), "{word}");
                checked += 1;
            }
        }
        assert!(checked > 100_000, "{checked}");
        // Base forms at and past the stack buffer's 48 bytes (no lemma is
        // that long: the longest has 31).
        let (at, past) = ("a".repeat(47), "a".repeat(60));
        for word in [
            format!("{at}ches"),
            format!("{at}s"),
            format!("{past}s"),
            format!("{past}ing"),
        ] {
            assert_eq!(synsets(&word), synsets_by_strip_suffix(&word), "{word}");
        }
    }

    #[test]
    fn the_lean_lemma_reader_answers_as_the_fst_crate() {
        use fst::Streamer;
        let map = Map::new(LEMMAS).unwrap();
        let mut stream = map.stream();
        let mut keys = 0;
        while let Some((key, value)) = stream.next() {
            keys += 1;
            assert_eq!(lemmas().get(key), Some(value), "{:?}", String::from_utf8_lossy(key));
            // Near misses: a prefix, the key with a letter more, and with its last byte changed.
            for probe in [
                &key[..key.len() - 1],
                &[key, b"s"].concat(),
                &[&key[..key.len() - 1], b"q"].concat(),
            ] {
                assert_eq!(
                    lemmas().get(probe),
                    map.get(probe),
                    "{:?}",
                    String::from_utf8_lossy(probe)
                );
            }
        }
        assert!(keys > 80_000, "{keys}");
    }

    proptest::proptest! {
        #[test]
        fn random_lemmas_read_as_the_fst_crate_reads_them(word in "[a-z' _.-]{0,12}") {
            let map = Map::new(LEMMAS).unwrap();
            proptest::prop_assert_eq!(lemmas().get(word.as_bytes()), map.get(&word));
        }
    }

    #[test]
    fn relating_one_word_to_many_is_relation() {
        // Words from all over the lexicon's (alphabetical) list, pairwise.
        let freq = include_str!("../../data/lexicon/freq.txt");
        let mut words: Vec<Senses> = freq
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .filter(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            .step_by(40)
            .take(1000)
            .map(Senses::of)
            .collect();
        words.extend(["car", "vehicle", "rise", "fall", "huge", "large", "month", "year"].map(Senses::of));
        assert!(words.iter().filter(|w| !w.is_empty()).count() > 500);
        let mut related = 0;
        for a in &words {
            a.relating(|relating| {
                for b in &words {
                    assert_eq!(
                        relating.relation(b),
                        a.relation(b),
                        "{:?} {:?}",
                        a.list(IDS),
                        b.list(IDS)
                    );
                    related += usize::from(a.relation(b) != Relation::None);
                }
            });
        }
        // Related pairs other than a word with itself.
        assert!(related > words.len() + 500, "{related} {}", words.len());
    }

    #[test]
    fn meet_is_a_shared_element_of_sorted_lists() {
        // Every pair of sorted, repeat-free subsets of 0..6 (and so every
        // overlap, disjoint range and empty list), against a plain search.
        let mut subsets: Vec<Vec<u32>> = (0u32..64)
            .map(|m| (0..6).filter(|i| m & (1 << i) != 0).collect())
            .collect();
        // Long lists take the merge.
        subsets.extend([
            (0..200).map(|i| i * 3).collect(),
            (1..100).map(|i| i * 2).collect(),
            (1..90).collect(),
        ]);
        for a in &subsets {
            for b in &subsets {
                assert_eq!(meet(a, b), a.iter().any(|x| b.contains(x)), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn same_lemma_through_inflections_and_exceptions() {
        assert_eq!(relation("geese", "goose"), Relation::Synonym, "nouns of goose only");
        assert_eq!(relation("road", "road"), Relation::Same);
        assert!(relation("roads", "road").licenses());
        assert!(!synsets("walked").is_empty());
        assert!(synsets("walked").iter().all(|&s| synset_pos(s) == Pos::Verb));
    }

    #[test]
    fn synonyms_and_similar_adjectives() {
        assert_eq!(relation("said", "told"), Relation::Synonym);
        assert_eq!(relation("big", "large"), Relation::Synonym);
        assert_eq!(relation("huge", "large"), Relation::Synonym, "a satellite and its head");
        assert_eq!(
            relation("green", "yellow"),
            Relation::CoHyponym,
            "two colours are not synonyms"
        );
        assert!(relation("purchase", "buy").licenses());
    }

    #[test]
    fn broader_and_narrower_terms() {
        assert_eq!(relation("cars", "vehicles"), Relation::Broader(2));
        assert_eq!(relation("vehicle", "car"), Relation::Narrower(2));
        assert!(relation("vehicles", "cars").licenses(), "a broader term says less");
        assert!(!relation("car", "vehicle").licenses(), "a narrower term says more");
    }

    #[test]
    fn antonyms_and_co_hyponyms() {
        assert_eq!(relation("increase", "decrease"), Relation::Antonym);
        assert_eq!(relation("rose", "fell"), Relation::Antonym);
        assert_eq!(relation("car", "truck"), Relation::CoHyponym);
        assert_eq!(relation("month", "year"), Relation::CoHyponym);
        assert!(!Relation::Antonym.licenses());
        assert!(!Relation::CoHyponym.licenses());
    }

    #[test]
    fn places_and_what_they_are_part_of() {
        let london = containing_places("london");
        let uk = name_synsets("uk");
        assert!(!uk.is_empty());
        assert!(uk.iter().any(|s| london.contains(s)), "London is in the UK");
        assert!(name_synsets("england").iter().any(|s| london.contains(s)));
        assert!(
            !name_synsets("london")
                .iter()
                .any(|s| containing_places("uk").contains(s)),
            "the UK is not in London"
        );
        assert!(!name_synsets("france").iter().any(|s| london.contains(s)));
        let paris = containing_places("paris");
        assert!(name_synsets("french").iter().any(|s| paris.contains(s)), "a pertainym");
        let china = containing_places("china");
        assert!(name_synsets("chinese").iter().any(|s| china.contains(s)));
        assert!(name_synsets("zzqx").is_empty());
        assert!(lies_in("london", "uk") && !lies_in("uk", "london"));
        assert!(is_demonym("russian") && is_demonym("french") && !is_demonym("smith") && !is_demonym("moscow"));
    }

    #[test]
    fn unknown_words_relate_to_nothing() {
        assert_eq!(relation("zzqx", "road"), Relation::None);
        assert_eq!(relation("road", "anniversary"), Relation::None);
        assert!(synsets("").is_empty());
    }
}
