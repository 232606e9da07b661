//! Embedded English lexicon: word lists (US / GB spelling), proper names and
//! word frequencies, for the spelling checks.
//!
//! Why this shape: the data is compiled into the binary with `include_bytes!`
//! as finite-state transducers (`fst` sets and one map), so start-up costs
//! nothing (no file I/O, no parsing, no hashing: the first lookup only checks
//! an fst header) and fuzzy search for suggestions is a cheap automaton
//! intersection instead of a scan.
//!
//! Data (all in `data/lexicon/`, licences alongside):
//! * `words-common.fst` words valid in both US and GB spelling, `words-us.fst`
//!   US-only spellings (color), `words-gb.fst` GB-only spellings (colour) —
//!   SCOWL size 70 ("large"): larger sizes hold rare words that hide typos.
//! * `words-common-reversed.fst`, `words-us-reversed.fst`,
//!   `words-gb-reversed.fst` the words of those sets written backwards, for
//!   the backward half of the two-edit search.
//! * `words-any.fst`, `words-any-reversed.fst` the three sets in one
//!   ([`ANY_LISTS`]), forwards and backwards: the words of [`Locale::Any`],
//!   looked up and searched once instead of in each set.
//! * `names.fst` lower-cased proper names and acronyms (london, nasa): callers
//!   should accept them only for capitalised tokens.
//! * `freq.fst` word → corpus count (symspellpy's English frequency list).
//! * `frequent-forms.bin` the [`is_word`] answers of the 40,000 most
//!   frequent forms of `freq.txt`, as a hash table read in place (see
//!   [`frequent`]), built from the text lists. Tables kept by its slots:
//!   `frequent-words.bin` (the word cache's stem and flags of each form,
//!   [`crate::text::build_frequent_words_bytes`]) and, in `data/wordnet/`,
//!   `frequent-senses.bin` ([`crate::text::synonyms::build_frequent_senses_bytes`]).
//!
//! Entries are lower-case, NFC, Latin letters plus inner ASCII apostrophes
//! ("o'clock", "don't"). Possessives are not stored: lookups strip a trailing
//! `'s` or `'`. Inputs are expected to be NFC (what text usually is); only the
//! case and typographic apostrophes (’ ‘ ʼ) are normalised here.
//!
//! Regenerating: `python3 scripts/gen_lexicon.py --symspell …` writes the
//! text lists, then `cargo run --example gen_lexicon_fst` rebuilds the `.fst`
//! files and the table of frequent forms with [`build_fst_files`];
//! `tests/lexicon_data.rs` checks that the committed `.fst` files and the
//! table match the committed text lists.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::fs;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

use fst::{Map, MapBuilder, Set, SetBuilder};

/// Which spelling convention counts as correct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// Accept both American and British spellings (an article may quote either).
    #[default]
    Any,
    /// American spelling only ("color", not "colour").
    Us,
    /// British spelling only ("colour"; Oxford "-ize" forms are accepted too).
    Gb,
}

/// Words shorter than this get at most one edit in [`near_words`]: at two
/// edits a short word is "near" hundreds of unrelated words, which is noise.
pub const MIN_CHARS_FOR_TWO_EDITS: usize = 5;

/// Largest edit distance [`near_words`] searches: the Levenshtein automaton
/// grows quickly with the distance, and three edits is rarely a typo anyway.
pub const MAX_EDITS: u32 = 2;

static WORDS_COMMON: &[u8] = include_bytes!("../../data/lexicon/words-common.fst");
static WORDS_COMMON_REVERSED: &[u8] = include_bytes!("../../data/lexicon/words-common-reversed.fst");
static WORDS_US: &[u8] = include_bytes!("../../data/lexicon/words-us.fst");
static WORDS_US_REVERSED: &[u8] = include_bytes!("../../data/lexicon/words-us-reversed.fst");
static WORDS_GB: &[u8] = include_bytes!("../../data/lexicon/words-gb.fst");
static WORDS_GB_REVERSED: &[u8] = include_bytes!("../../data/lexicon/words-gb-reversed.fst");
static WORDS_ANY: &[u8] = include_bytes!("../../data/lexicon/words-any.fst");
static WORDS_ANY_REVERSED: &[u8] = include_bytes!("../../data/lexicon/words-any-reversed.fst");
static NAMES: &[u8] = include_bytes!("../../data/lexicon/names.fst");
static FREQ: &[u8] = include_bytes!("../../data/lexicon/freq.fst");
static FREQUENT: &[u8] = include_bytes!("../../data/lexicon/frequent-forms.bin");

/// The text lists the `.fst` files are built from: (text file, fst file, is map).
/// A map list has `word<TAB>count` lines; a set list has one word per line.
pub const DATA_FILES: [(&str, &str, bool); 5] = [
    ("words-common.txt", "words-common.fst", false),
    ("words-us.txt", "words-us.fst", false),
    ("words-gb.txt", "words-gb.fst", false),
    ("names.txt", "names.fst", false),
    ("freq.txt", "freq.fst", true),
];

/// Sets of reversed words built from a text list, for the backward half of
/// the two-edit search (see [`search_near_words`]): (text file, fst file).
pub const REVERSED_FILES: [(&str, &str); 3] = [
    ("words-common.txt", "words-common-reversed.fst"),
    ("words-us.txt", "words-us-reversed.fst"),
    ("words-gb.txt", "words-gb-reversed.fst"),
];

/// The text lists whose union is [`Locale::Any`]'s set, and the files of
/// that set forwards and backwards (built by [`build_union_fst_bytes`]).
///
/// Why one set: with `Locale::Any` every lookup and every near-word search
/// went to the common, US and GB sets in turn. A miss (a name, a typo) cost
/// three lookups, and each search walked the tops of three fsts, where
/// the US and GB sets' tops are as dense within two edits as the common
/// set's: a third of the walk's steps for 4% of the words.
pub const ANY_LISTS: [&str; 3] = ["words-common.txt", "words-us.txt", "words-gb.txt"];
/// See [`ANY_LISTS`].
pub const ANY_FILE: &str = "words-any.fst";
/// See [`ANY_LISTS`].
pub const ANY_REVERSED_FILE: &str = "words-any-reversed.fst";

/// The file [`build_frequent_forms_bytes`] writes: the answers of
/// [`is_word`] for the most frequent forms (see [`frequent`]).
pub const FREQUENT_FORMS_FILE: &str = "frequent-forms.bin";

/// The file [`crate::text::build_frequent_words_bytes`] writes: what the
/// word cache keeps of each form of the table of frequent forms, by slot.
pub const FREQUENT_WORDS_FILE: &str = "frequent-words.bin";

/// The slots of the table of frequent forms: [`frequent_slot`] is below this.
pub const FREQUENT_SLOTS: usize = frequent::SLOTS;

/// The slot of the embedded table of frequent forms that holds `word`, if
/// it holds `word` (one probe): an index for tables kept alongside it by
/// slot ([`crate::text::build_frequent_words_bytes`]).
#[inline]
pub fn frequent_slot(word: &str) -> Option<usize> {
    frequent::find(FREQUENT, word.as_bytes()).map(|(at, _)| at)
}

/// Every form a table of frequent forms (the bytes of
/// [`FREQUENT_FORMS_FILE`]) holds, with its slot, in slot order.
pub fn frequent_forms_in(table: &[u8]) -> Vec<(usize, String)> {
    frequent::forms(table)
        .into_iter()
        .map(|(at, bytes)| (at, String::from_utf8(bytes).expect("the table's forms are ASCII")))
        .collect()
}

/// The embedded table of frequent forms (the bytes of [`FREQUENT_FORMS_FILE`]).
pub fn embedded_frequent_forms() -> &'static [u8] {
    FREQUENT
}

struct Lexicon {
    common: Set<&'static [u8]>,
    /// `common`, `us` and `gb` with every word written backwards.
    common_reversed: Set<&'static [u8]>,
    us_reversed: Set<&'static [u8]>,
    gb_reversed: Set<&'static [u8]>,
    us: Set<&'static [u8]>,
    gb: Set<&'static [u8]>,
    names: Set<&'static [u8]>,
    /// The union of `common`, `us` and `gb` ([`ANY_LISTS`]): the words of
    /// [`Locale::Any`] in one set, and written backwards.
    any: Set<&'static [u8]>,
    any_reversed: Set<&'static [u8]>,
    any_lean: lean::Fst<'static>,
    /// Lean readers ([`lean`]) of `common`, `us`, `gb` and `names`, for lookups.
    common_lean: lean::Fst<'static>,
    us_lean: lean::Fst<'static>,
    gb_lean: lean::Fst<'static>,
    names_lean: lean::Fst<'static>,
    /// A lean reader of `freq`, for lookups.
    freq_lean: lean::Fst<'static>,
}

/// The parts of `locale`'s word set, given as the union set (`any`) and
/// the common, US and GB sets, in one form or another (sets or their lean
/// readers): the union alone for [`Locale::Any`], else the common set and
/// the locale's own.
fn by_locale<'a, T>(locale: Locale, any: &'a T, common: &'a T, us: &'a T, gb: &'a T) -> impl Iterator<Item = &'a T> {
    match locale {
        Locale::Any => [Some(any), None],
        Locale::Us => [Some(common), Some(us)],
        Locale::Gb => [Some(common), Some(gb)],
    }
    .into_iter()
    .flatten()
}

impl Lexicon {
    /// The word sets that make up `locale` (they are disjoint): the union
    /// set alone for [`Locale::Any`]. An iterator, not a Vec, because this
    /// is on the per-token hot path.
    fn word_sets(&self, locale: Locale) -> impl Iterator<Item = &Set<&'static [u8]>> {
        by_locale(locale, &self.any, &self.common, &self.us, &self.gb)
    }

    /// [`Lexicon::word_sets`] by their lean readers.
    fn lean_sets(&self, locale: Locale) -> impl Iterator<Item = &lean::Fst<'static>> {
        by_locale(locale, &self.any_lean, &self.common_lean, &self.us_lean, &self.gb_lean)
    }

    #[inline(always)]
    fn has_word(&self, word: &str, locale: Locale) -> bool {
        // (Not `lean_sets(..).any(..)`: the chained iterator cost a tenth of a lookup.)
        let word = word.as_bytes();
        match locale {
            Locale::Any => self.any_lean.contains(word),
            Locale::Us => self.common_lean.contains(word) || self.us_lean.contains(word),
            Locale::Gb => self.common_lean.contains(word) || self.gb_lean.contains(word),
        }
    }

    /// The words of `set` (one of [`Lexicon::word_sets`]) within two edits
    /// of `query`: [`within_edits`] with `max` = 2, by the forward-backward
    /// search with the set's reversed copy.
    fn within_two_edits(&self, set: &Set<&'static [u8]>, query: &str) -> Option<Vec<(String, u32)>> {
        within_two_edits(set, self.reversed(set), query)
    }

    /// The reversed copy of `set` (one of [`Lexicon::word_sets`]).
    fn reversed(&self, set: &Set<&'static [u8]>) -> &Set<&'static [u8]> {
        if std::ptr::eq(set, &self.any) {
            &self.any_reversed
        } else if std::ptr::eq(set, &self.common) {
            &self.common_reversed
        } else if std::ptr::eq(set, &self.us) {
            &self.us_reversed
        } else {
            &self.gb_reversed
        }
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        // The bytes are our own build output, checked by tests/lexicon_data.rs.
        let set = |bytes: &'static [u8]| Set::new(bytes).expect("embedded lexicon is valid");
        // (The readers read the embedded bytes, which the sets hold whole.)
        let lean = |bytes: &'static [u8]| lean::Fst::new(bytes, set(bytes).as_fst().root().addr()).with_pairs();
        Lexicon {
            common_lean: lean(WORDS_COMMON),
            us_lean: lean(WORDS_US),
            gb_lean: lean(WORDS_GB),
            names_lean: lean(NAMES),
            any_lean: lean(WORDS_ANY),
            any: set(WORDS_ANY),
            any_reversed: set(WORDS_ANY_REVERSED),
            freq_lean: lean::Fst::new(
                FREQ,
                Map::new(FREQ)
                    .expect("embedded lexicon is valid")
                    .as_fst()
                    .root()
                    .addr(),
            )
            .with_output_pairs(),
            common: set(WORDS_COMMON),
            common_reversed: set(WORDS_COMMON_REVERSED),
            us_reversed: set(WORDS_US_REVERSED),
            gb_reversed: set(WORDS_GB_REVERSED),
            us: set(WORDS_US),
            gb: set(WORDS_GB),
            names: set(NAMES),
        }
    })
}

/// Lower-case `word` and map typographic apostrophes to `'`, the form the
/// lexicon stores. Borrows when nothing changes: most tokens are already
/// lower-case, and skipping the allocation halves the lookup time.
fn normalise(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        // (The common case, without decoding characters.)
        return Cow::Borrowed(word);
    }
    let needs_change = word
        .chars()
        .any(|c| c.is_uppercase() || matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}'));
    if !needs_change {
        return Cow::Borrowed(word);
    }
    Cow::Owned(
        word.chars()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// Whether [`normalise`] leaves `word` as it is (the `*_normalised`
/// lookups' precondition). Compared, not asked whether it borrows: a
/// capital that is its own lower case ("ϒ", U+03D2) makes it copy the word
/// unchanged.
fn is_normalised(word: &str) -> bool {
    normalise(word) == word
}

/// The word without its possessive ending ("dog's" → "dog", "dogs'" →
/// "dogs"), since the lexicon does not store possessives.
fn possessive_stem(word: &str) -> Option<&str> {
    let stem = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\'').filter(|s| s.ends_with('s')))?;
    (!stem.is_empty()).then_some(stem)
}

/// True if `word` (any case; ’ and ' alike; possessive `'s` allowed) is an
/// English word in `locale`. Proper names are not words: see [`is_known_name`].
pub fn is_word(word: &str, locale: Locale) -> bool {
    // (Not through `is_normalised_word`'s check: `normalise` lower-cases a
    // capital without a lower-case form to itself, so it may not borrow
    // its own output.)
    lookup_normalised(&normalise(word), locale)
}

/// [`is_word`] for a `word` already lower-case with ASCII apostrophes
/// (what [`is_word`] would look up unchanged). Why: most forms the
/// spelling check looks up are lower-case ASCII, which its caller has
/// already found, and testing it again cost a sixth of a lookup.
pub fn is_normalised_word(word: &str, locale: Locale) -> bool {
    debug_assert!(is_normalised(word), "{word} is not normalised");
    lookup_normalised(word, locale)
}

/// [`is_word`] of a normalised `word`.
#[inline(always)]
fn lookup_normalised(word: &str, locale: Locale) -> bool {
    // Most forms a text writes are among the most frequent: their answers
    // come from one probe of an embedded table instead of walks down the
    // word sets.
    match frequent::answers(FREQUENT, word.as_bytes()) {
        Some(answers) => answers & frequent::locale_bit(locale) != 0,
        None => is_normalised_word_in_sets(word, locale),
    }
}

/// [`is_normalised_word`] by the word sets alone (what the table of
/// frequent forms holds for its forms).
fn is_normalised_word_in_sets(word: &str, locale: Locale) -> bool {
    let lex = lexicon();
    lex.has_word(word, locale) || possessive_stem(word).is_some_and(|s| lex.has_word(s, locale))
}

/// True if the lower-cased `word` is a proper name or acronym in the lexicon
/// ("London", "Obama", "NASA"; possessive `'s` allowed).
pub fn is_known_name(word: &str) -> bool {
    let names = &lexicon().names_lean;
    let word = normalise(word);
    names.contains(word.as_bytes()) || possessive_stem(&word).is_some_and(|s| names.contains(s.as_bytes()))
}

/// Corpus count of `word` (any case) in the frequency list, 0 if unknown.
pub fn frequency(word: &str) -> u64 {
    lexicon().freq_lean.get(normalise(word).as_bytes()).unwrap_or(0)
}

/// True if `word` (any case) has a frequency: [`frequency`] > 0, and
/// for the most frequent forms without a walk down the frequency map
/// (every form of the table of frequent forms has one).
pub fn has_frequency(word: &str) -> bool {
    has_normalised_frequency(&normalise(word))
}

/// [`has_frequency`] for a `word` already lower-case with ASCII apostrophes
/// (what [`has_frequency`] would look up unchanged). Why: the spelling
/// check asks about forms it has already found lower-case ASCII, and
/// normalising them again cost a fifth of the answer.
pub fn has_normalised_frequency(word: &str) -> bool {
    debug_assert!(is_normalised(word), "{word} is not normalised");
    frequent::answers(FREQUENT, word.as_bytes()).is_some()
        || lexicon().freq_lean.get(word.as_bytes()).is_some_and(|count| count > 0)
}

/// Every form the table of frequent forms can hold (1 to 15 bytes of
/// `a`–`z` and `'`) with a [`frequency`] of at least this is in the table
/// (its 40,000th form has about 250,000; a test checks the frequency
/// list).
pub const FREQUENT_FLOOR: u64 = 300_000;

/// True if the [`frequency`] of `word` is below [`FREQUENT_FLOOR`] for
/// certain, by one probe of the table of frequent forms: a form the table
/// could hold and lacks. (False says nothing.) Why: a caller that wants
/// only common words can skip the others' walk down the frequency map.
pub fn surely_below_frequent_floor(word: &str) -> bool {
    let bytes = word.as_bytes();
    frequent::key(bytes).is_some()
        && bytes.iter().all(|&b| b.is_ascii_lowercase() || b == b'\'')
        && frequent::answers(FREQUENT, bytes).is_none()
}

/// A reader of an embedded fst map (made by [`build_map_bytes`]) for exact
/// lookups, as [`fst::Map::get`] answers them, for other modules' data.
///
/// Why: the fst crate's `get` decodes every field of each node on the way
/// (its `Node::new`), about 1,700 instructions a lookup of a WordNet lemma;
/// the lean reader the lexicon's own lookups use reads only what a lookup
/// needs, and starts two bytes down from a table of the nodes there.
#[derive(Clone, Copy)]
pub struct MapReader(lean::Fst<'static>);

impl MapReader {
    /// The reader of the embedded map `bytes` (checked once, as [`fst::Map::new`]
    /// does). Builds the table of the nodes two bytes below the root (27 × 27
    /// entries), kept for the process's life: make one per map, once.
    pub fn new(bytes: &'static [u8]) -> Result<MapReader, fst::Error> {
        let root = Map::new(bytes)?.as_fst().root().addr();
        Ok(MapReader(lean::Fst::new(bytes, root).with_output_pairs()))
    }

    /// The value of `key`, if the map has it.
    #[inline]
    pub fn get(&self, key: &[u8]) -> Option<u64> {
        self.0.get(key)
    }
}

/// For each length `k` in `0..=word.len()`, whether `word[..k]` is a word
/// of `locale` ([`is_word`], possessives too) or has a frequency
/// ([`frequency`] > 0). `word` must be lower-case with ASCII apostrophes
/// (what [`is_word`] would look up unchanged).
///
/// Why: the spelling check tries a word's stems and the first halves of
/// compounds, which are all prefixes of the word; one walk down each fst
/// along the word finds every one of them, where a lookup per prefix walks
/// the same bytes again and again.
pub fn known_prefixes(word: &str, locale: Locale) -> Vec<bool> {
    debug_assert!(is_normalised(word), "{word} is not normalised");
    let lex = lexicon();
    let bytes = word.as_bytes();
    let mut in_sets = vec![false; bytes.len() + 1];
    for fst in lex.lean_sets(locale) {
        let mut addr = fst.root_addr();
        for (k, in_set) in in_sets.iter_mut().enumerate() {
            *in_set |= fst.is_final_at(addr);
            let Some(target) = bytes.get(k).and_then(|&b| fst.next(addr, b)) else {
                break;
            };
            addr = target;
        }
    }
    // (In place, longest prefix first: each length reads only shorter
    // ones, not yet changed. One vector, not a second one collected.)
    let mut known = in_sets;
    for k in (0..=bytes.len()).rev() {
        // As `possessive_stem`: "dog's" and "dogs'" are words if "dog" and "dogs" are.
        let prefix = &bytes[..k];
        known[k] =
            known[k] || (prefix.ends_with(b"'s") && k > 2 && known[k - 2]) || (prefix.ends_with(b"s'") && known[k - 1]);
    }
    lex.freq_lean.prefix_values(bytes, |k, value| {
        if value > 0 {
            known[k] = true;
        }
    });
    known
}

/// Words of `locale` within `max_edits` Levenshtein edits (insert, delete,
/// substitute; a transposition counts 2) of `word`, with their distance,
/// closest first, then most frequent first.
///
/// `word` itself is included at distance 0 if it is a word. `max_edits` is
/// capped at [`MAX_EDITS`], and at 1 for words shorter than
/// [`MIN_CHARS_FOR_TWO_EDITS`] characters. Possessives are not stripped: pass
/// the bare word. Returns nothing for words over 64 characters.
pub fn near_words(word: &str, max_edits: u32, locale: Locale) -> Vec<(String, u32)> {
    // Building a Levenshtein automaton costs up to milliseconds, and the same
    // unknown words (names, jargon) recur across a publication's articles:
    // each worker thread remembers its answers, up to a bound.
    type Cache = std::collections::HashMap<(String, u32, Locale), Vec<(String, u32)>>;
    thread_local! {
        static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::new());
    }
    const CACHE_ENTRIES: usize = 20_000;
    let key = (word.to_string(), max_edits, locale);
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return hit;
    }
    let found = search_near_words(word, max_edits, locale);
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, found.clone());
    });
    found
}

fn search_near_words(word: &str, max_edits: u32, locale: Locale) -> Vec<(String, u32)> {
    let word = normalise(word);
    let len = word.chars().count();
    let mut max_edits = max_edits.min(MAX_EDITS);
    if len < MIN_CHARS_FOR_TWO_EDITS {
        max_edits = max_edits.min(1);
    }
    let lex = lexicon();
    let mut found = Vec::new();
    for set in lex.word_sets(locale) {
        let near = if max_edits == 2 {
            lex.within_two_edits(set, &word)
        } else {
            within_edits(set, &word, max_edits)
        };
        // Too long for any word: no suggestions rather than a stall.
        found.extend(near.unwrap_or_default());
    }
    found.sort_by_cached_key(|(w, d)| (*d, Reverse(lex.freq_lean.get(w.as_bytes()).unwrap_or(0)), w.clone()));
    found
}

/// The words of `locale` within one edit of `word` and, if `widen` asks for
/// it on seeing them, within two: the words of [`near_words`] with one
/// edit, or with two when `widen` returns true, with their distances, from
/// one search, in no particular order, and not remembered (callers remember
/// what they make of them).
///
/// Why: the forward walks of the two-edit search ([`within_two_edits`]) find
/// every word within one edit, at its distance, so they give `widen` the
/// one-edit answer and widening only adds the backward walks, where asking
/// [`near_words`] for one edit and then for two walks the top of every set
/// once more. `widen` sees every word within one edit (`word` itself at
/// distance 0 if it is a word). It is not asked for words shorter than
/// [`MIN_CHARS_FOR_TWO_EDITS`] characters, which get one edit, nor for words
/// over 64 characters, for which nothing is found.
pub fn near_words_widening(
    word: &str,
    locale: Locale,
    widen: impl FnOnce(&[(String, u32)]) -> bool,
) -> Vec<(String, u32)> {
    let word = normalise(word);
    let chars: Vec<char> = word.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return Vec::new();
    }
    let lex = lexicon();
    if chars.len() < MIN_CHARS_FOR_TWO_EDITS {
        return lex
            .word_sets(locale)
            .flat_map(|set| walk(set.as_fst(), &chars, 1, 0, 0))
            .collect();
    }
    let split = split(chars.len());
    let mut found = Vec::new();
    for set in lex.word_sets(locale) {
        found.extend(walk(set.as_fst(), &chars, 2, split, 1));
    }
    // The words within one edit first, for `widen` (a stable sort: cheap on a
    // short list and deterministic).
    found.sort_by_key(|&(_, distance)| distance > 1);
    let within_one = found.partition_point(|&(_, distance)| distance <= 1);
    if !widen(&found[..within_one]) {
        found.truncate(within_one);
        return found;
    }
    for set in lex.word_sets(locale) {
        backward_walk(lex.reversed(set), &chars, split, &mut found);
    }
    closest_reading(found)
}

/// [`within_edits`] for `max` = 2 on a large set, given the same set
/// written backwards: the same answer for a fraction of the walk.
///
/// Why: with two edits allowed, any first two letters can be reached, so a
/// plain walk visits most of the top of the fst. Split the columns of the
/// edit-distance table (one per query prefix length) at `split` ([`split`]).
/// One walk caps at 1 the cells of the columns before it, and finds every
/// word along an alignment that keeps to that. An alignment of cost at most
/// 2 that does not has spent both edits at a cell of some column
/// `j < split`; the cells after it are no higher, so the rest of the
/// alignment matches letter for letter: the word ends with `query[j..]`.
/// Read backwards, the alignment's cells in the first `query.len() - j`
/// columns are all 0, so a walk of the reversed set with the reversed query
/// that caps at 0 the cells of its first `query.len() + 1 - split` columns
/// finds it: that walk follows the one path spelling the query's tail
/// backwards before it spends any edit. Together the walks find every word
/// within two edits, and each at its true distance (the smaller of the two
/// walks' answers; neither is below it). Schulz and Mihov (2002) call this
/// the forward-backward method.
fn within_two_edits<D: AsRef<[u8]>>(forward: &Set<D>, backward: &Set<D>, query: &str) -> Option<Vec<(String, u32)>> {
    let chars: Vec<char> = query.chars().collect();
    if chars.len() > MAX_QUERY_CHARS {
        return None;
    }
    let split = split(chars.len());
    let mut found = walk(forward.as_fst(), &chars, 2, split, 1);
    backward_walk(backward, &chars, split, &mut found);
    Some(closest_reading(found))
}

/// Where [`within_two_edits`] splits the columns of a query of `len`
/// characters: the forward walk is cheaper the later the split, the backward
/// one the earlier, and any split gives the same answer. Just after the
/// middle was cheapest on the unknown words of the shared news data (the
/// two walks cost about the same there).
fn split(len: usize) -> usize {
    (len / 2 + 1).min(len)
}

/// The backward half of [`within_two_edits`]: the words of `backward` (a
/// set written backwards) within two edits of `query` along an alignment
/// that matches `query[split - 1..]` letter for letter, appended to `found`
/// the right way round.
fn backward_walk<D: AsRef<[u8]>>(backward: &Set<D>, query: &[char], split: usize, found: &mut Vec<(String, u32)>) {
    let reversed: Vec<char> = query.iter().rev().copied().collect();
    let exact = query.len() + 1 - split.min(query.len());
    for (word, distance) in walk(backward.as_fst(), &reversed, 2, exact, 0) {
        found.push((word.chars().rev().collect(), distance));
    }
}

/// The closest reading of each word in `found`, in fst (byte) order as
/// [`within_edits`] gives.
fn closest_reading(mut found: Vec<(String, u32)>) -> Vec<(String, u32)> {
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    found.dedup_by(|later, first| later.0 == first.0);
    found
}

/// True if a proper name in the lexicon is exactly one edit (insert, delete,
/// substitute) from the lower-cased `word`.
pub fn is_near_known_name(word: &str) -> bool {
    within_edits(&lexicon().names, &normalise(word), 1).is_some_and(|near| near.iter().any(|&(_, d)| d == 1))
}

/// Longest query, in characters, [`within_edits`] handles.
const MAX_QUERY_CHARS: usize = 64;

/// The keys of `set` within `max` Levenshtein edits of `query`, counted in
/// characters, with their distance, appended to `found`. `None` if `query`
/// is longer than [`MAX_QUERY_CHARS`].
///
/// Why not `fst::automaton::Levenshtein`: it builds the whole DFA up front,
/// which for two edits costs milliseconds and megabytes per query and was
/// half of a `sumlint check` run. This walks the fst depth first with one
/// row of the edit distance table per key character (only the diagonal band
/// that can stay within `max`), and does not descend below a row that is
/// already over the limit, so the cost is the part of the fst within reach.
fn within_edits<D: AsRef<[u8]>>(set: &Set<D>, query: &str, max: u32) -> Option<Vec<(String, u32)>> {
    let query: Vec<char> = query.chars().collect();
    if query.len() > MAX_QUERY_CHARS {
        return None;
    }
    Some(walk(set.as_fst(), &query, max, 0, 0))
}

/// The keys of `fst` within `max` edits of `query` along an alignment that
/// spends at most `strict_max` edits while it has read fewer than `strict`
/// characters of `query` (the first `strict` columns of the edit-distance
/// table).
fn walk<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    query: &[char],
    max: u32,
    strict: usize,
    strict_max: u8,
) -> Vec<(String, u32)> {
    walk_with(fst, query, max, strict, strict_max, true)
}

/// [`walk`], looking up only the letters in reach where it can (`guided`,
/// see [`Walk::letters_in_reach`]) or trying every transition (the plain
/// walk, which tests compare it with).
fn walk_with<D: AsRef<[u8]>>(
    fst: &fst::raw::Fst<D>,
    query: &[char],
    max: u32,
    strict: usize,
    strict_max: u8,
    guided: bool,
) -> Vec<(String, u32)> {
    let fst = lean::Fst::of(fst);
    // (The searches use one or two edits: rows of two or three masks, a
    // constant count, so the loops over them unroll; any other `max` takes
    // rows of the most masks, the ones past `max` copies of mask `max`.)
    match max {
        0 | 1 => run(Walk::<2>::new(fst, query, max, strict, strict_max), guided),
        2 => run(Walk::<3>::new(fst, query, max, strict, strict_max), guided),
        _ => run(Walk::<LEVELS>::new(fst, query, max, strict, strict_max), guided),
    }
}

/// The keys `walk` finds, in fst (byte) order.
fn run<const L: usize>(mut walk: Walk<'_, L>, guided: bool) -> Vec<(String, u32)> {
    walk.guided = guided && walk.ascii;
    let root = walk.fst.root_addr();
    if walk.fst.is_final_at(root) && walk.cell(0, walk.query.len()) <= walk.max {
        walk.found.push((String::new(), walk.query.len() as u32));
    }
    walk.descend(root, 0, Utf8::default());
    // In fst (byte) order, as a plain walk finds them.
    walk.found.sort_unstable();
    walk.found
}

/// A character being decoded from the key bytes: bits so far, bytes to come.
#[derive(Clone, Copy, Default)]
struct Utf8 {
    bits: u32,
    pending: u8,
}

impl Utf8 {
    /// Takes one byte: the finished character, or the decoder waiting for more.
    fn push(self, byte: u8) -> Result<char, Utf8> {
        let (bits, pending) = if self.pending > 0 {
            ((self.bits << 6) | u32::from(byte & 0x3F), self.pending - 1)
        } else {
            match byte {
                0x00..=0x7F => (u32::from(byte), 0),
                0xC0..=0xDF => (u32::from(byte & 0x1F), 1),
                0xE0..=0xEF => (u32::from(byte & 0x0F), 2),
                _ => (u32::from(byte & 0x07), 3),
            }
        };
        if pending > 0 {
            return Err(Utf8 { bits, pending });
        }
        Ok(char::from_u32(bits).unwrap_or(char::REPLACEMENT_CHARACTER))
    }
}

/// The most distinct values a cell within reach can hold (0 to the largest `max`).
const LEVELS: usize = MAX_EDITS as usize * 4 + 1;

/// The longest key a walk reads, in bytes: a character is at most four,
/// the walk's rows end `max + 1` characters past the query's length, and
/// the exact tails then add at most the query.
const KEY_BYTES: usize = 4 * (2 * MAX_QUERY_CHARS + LEVELS + 1);

/// A depth-first walk of an fst with the rows of the edit-distance table
/// between the key read so far and the query: row `i` (key characters
/// read) has a cell per column `j` (query characters), the fewest edits
/// turning the key into `query[..j]` along an alignment that keeps every
/// cell within its column's limit, or "out of reach" (`max + 1`).
///
/// A row is kept bit-parallel: for each value `v` up to `max`, one bit per
/// column `j >= 1` (bit `j - 1`, so a 64-character query fits a `u64`),
/// set when the cell holds at most `v`; column 0 holds the depth while that
/// is within its limit (see [`Walk::first_within`]). Why: the next row's
/// cells at most `v` follow from the previous row's at most `v` and
/// `v - 1` and this row's at most `v - 1` (a match costs nothing, every
/// other move one) in a few word operations for all columns at once,
/// where a cell-by-cell update of the band cost a third of a walk step.
///
/// `L` is the count of masks a row keeps, at least `max + 1`; masks past
/// `max` hold the same columns as mask `max` (no cell may hold more).
struct Walk<'a, const L: usize> {
    fst: lean::Fst<'a>,
    query: &'a [char],
    max: u8,
    /// The most column 0 may hold: it holds the depth up to this.
    first_limit: u8,
    /// For each value `v` up to `max`: the columns `j >= 1` (bit `j - 1`)
    /// whose limit is at least `v`, where a cell may hold `v`.
    within: [u64; L],
    /// For each ASCII character: the columns `j >= 1` (bit `j - 1`) where
    /// the query has it (`query[j - 1]`).
    ascii_columns: [u64; 128],
    /// The rows by depth: mask `v` of a row has the columns (bit `j - 1`
    /// for column `j`) whose cell holds at most `v`.
    rows: Vec<[u64; L]>,
    /// Look up only the letters in reach ([`Walk::letters_in_reach`]);
    /// only for an ASCII query, where a letter is one key byte.
    guided: bool,
    /// The query is ASCII: a character is a key byte.
    ascii: bool,
    /// The key bytes read so far: the first `key_len` bytes.
    ///
    /// (A fixed buffer, not a `Vec`: a push or pop per step with a capacity
    /// check was a twentieth of a walk.)
    key: [u8; KEY_BYTES],
    key_len: usize,
    found: Vec<(String, u32)>,
}

impl<'a, const L: usize> Walk<'a, L> {
    /// A walk of `fst` for the keys within `max` edits of `query` along an
    /// alignment that spends at most `strict_max` edits in the first
    /// `strict` columns, with row 0 (nothing read) filled in.
    fn new(fst: lean::Fst<'a>, query: &'a [char], max: u32, strict: usize, strict_max: u8) -> Walk<'a, L> {
        debug_assert!(query.len() <= MAX_QUERY_CHARS);
        let max = max.min(MAX_EDITS * 4) as u8;
        assert!(usize::from(max) < L, "a row keeps a mask per value up to `max`");
        let limit = |j: usize| if j < strict { max.min(strict_max) } else { max };
        let mut within = [0u64; L];
        let mut ascii_columns = [0u64; 128];
        // A row for each depth a walk can reach (past `query.len() + max`
        // characters every cell is out of reach).
        let mut rows = vec![[0u64; L]; query.len() + usize::from(max) + 2];
        for (k, &c) in query.iter().enumerate() {
            let (j, bit) = (k + 1, 1u64 << k);
            for (v, mask) in within.iter_mut().enumerate() {
                if v <= usize::from(limit(j)) {
                    *mask |= bit;
                }
            }
            if c.is_ascii() {
                ascii_columns[c as usize] |= bit;
            }
            // Row 0: column `j` holds `j` (j insertions) within its limit.
            if j <= usize::from(limit(j)) {
                for mask in rows[0].iter_mut().skip(j) {
                    *mask |= bit;
                }
            }
        }
        Walk {
            fst,
            query,
            max,
            first_limit: limit(0),
            within,
            ascii_columns,
            rows,
            guided: false,
            ascii: query.iter().all(char::is_ascii),
            key: [0; KEY_BYTES],
            key_len: 0,
            found: Vec::new(),
        }
    }

    /// True if column 0 of row `depth` holds at most `v`: it holds `depth`
    /// (that many deletions) while that is within its limit.
    #[inline(always)]
    fn first_within(&self, depth: usize, v: usize) -> bool {
        depth <= v && depth <= usize::from(self.first_limit)
    }

    /// The cell of row `depth`, column `j`: its value, or `max + 1` if it
    /// is out of reach.
    fn cell(&self, depth: usize, j: usize) -> u8 {
        let found = if j == 0 {
            (0..=usize::from(self.max)).find(|&v| self.first_within(depth, v))
        } else {
            self.rows[depth].iter().position(|mask| mask >> (j - 1) & 1 == 1)
        };
        found.map_or(self.max + 1, |v| v as u8)
    }

    /// [`Walk::cell`] of the last column, the distance of the key read.
    /// (The masks only grow with `v`, so the cell is the count of masks
    /// without the column.)
    #[inline(always)]
    fn last_cell(&self, depth: usize) -> u8 {
        let Some(j) = self.query.len().checked_sub(1) else {
            return self.cell(depth, 0);
        };
        let lacking = self.rows[depth]
            .iter()
            .map(|mask| u8::from(mask >> j & 1 == 0))
            .sum::<u8>();
        lacking.min(self.max + 1)
    }

    /// The columns `j >= 1` (bit `j - 1`) where the query has `c`.
    #[inline(always)]
    fn columns_of(&self, c: char) -> u64 {
        if c.is_ascii() {
            return self.ascii_columns[c as usize];
        }
        self.query
            .iter()
            .enumerate()
            .filter(|&(_, &q)| q == c)
            .fold(0u64, |mask, (k, _)| mask | 1u64 << k)
    }

    /// Fills in row `depth + 1` from row `depth` after the key character
    /// `c`, and returns its least cell (`max + 1` if every cell is out of
    /// reach).
    ///
    /// A cell holds at most `v` when the cell above-left does and the key
    /// character matches the column's query character, or when the cell
    /// above-left, above or left holds at most `v - 1`; and then only if
    /// `v` is within the column's limit (a cell over its limit is out of
    /// reach, and so no path through it counts). A cell outside the band of
    /// `max` around the diagonal is never within reach, so no band is kept.
    #[inline(always)]
    #[allow(clippy::needless_range_loop)] // (three arrays indexed by `v`: zipped, the loop did not unroll)
    fn advance(&mut self, depth: usize, c: char) -> u8 {
        let columns = self.columns_of(c);
        let i = depth + 1;
        let previous = self.rows[depth];
        let mut next = [0u64; L];
        // The masks at `v - 1`: above-left, above and left (0 below `v` = 0).
        let (mut diagonal_below, mut above_below, mut left_below) = (0u64, 0u64, 0u64);
        let mut reached = 0u64;
        // (The masks only grow with `v`, so the least cell past column 0 is
        // the count of empty masks: counted, not searched, in the loop.)
        let mut empty = 0u8;
        let first_limit = usize::from(self.first_limit);
        for v in 0..L {
            let above = previous[v];
            let diagonal = (above << 1) | u64::from(depth <= v && depth <= first_limit);
            reached |= ((diagonal & columns) | diagonal_below | above_below | left_below) & self.within[v];
            next[v] = reached;
            empty += u8::from(reached == 0);
            diagonal_below = diagonal;
            above_below = above;
            left_below = (reached << 1) | u64::from(i <= v && i <= first_limit);
        }
        self.rows[i] = next;
        // Column 0 holds `i` while that is within its limit (at most `max`);
        // with masks past `max`, every mask empty counts more than `max + 1`.
        if i <= first_limit {
            empty.min(i as u8)
        } else {
            empty.min(self.max + 1)
        }
    }

    /// Visits the children of the node at `addr`, reached with `depth` key
    /// characters read (the last row in `rows`) and `utf8` mid-character.
    ///
    /// (By address, decoding only what the walk needs: a child's target is
    /// read only once its letter keeps the row within reach, and a
    /// many-transition node's header once for all its transitions.)
    fn descend(&mut self, addr: usize, depth: usize, utf8: Utf8) {
        if addr == 0 {
            // The empty final node: no transitions.
            return;
        }
        let fst = self.fst;
        let state = fst.state(addr);
        if lean::is_one(state) {
            let (input, input_len) = fst.one_input(addr, state);
            if let Some(next) = self.enter(input, depth, utf8) {
                self.visit(input, fst.one_target(addr, state, input_len), next);
            }
            return;
        }
        let node = fst.many_node(addr, state);
        // (A node of two transitions is cheaper to try whole: a letter out
        // of reach costs one row update, less than finding the letters in
        // reach and looking each up. Both ways find the same keys.)
        if utf8.pending == 0 && self.guided && node.ntrans > 2 {
            if let Some((letters, count)) = self.letters_in_reach(depth) {
                // Deep in the walk most letters end it: look up only the few
                // that can keep it going instead of trying every transition.
                for &byte in &letters[..count] {
                    if let Some(i) = fst.transition_of(&node, byte) {
                        if let Some(next) = self.enter(byte, depth, utf8) {
                            self.visit(byte, fst.target_of(&node, i), next);
                        }
                    }
                }
                return;
            }
        }
        // Every letter found nowhere in the query gives the same next row:
        // made once (with its least cell) and copied for the others.
        let mut nowhere: Option<([u64; L], u8)> = None;
        for i in 0..node.ntrans {
            let byte = fst.input_of(&node, i);
            let next = if utf8.pending == 0 && byte < 0x80 && self.ascii_columns[usize::from(byte)] == 0 {
                let (row, least) = match nowhere {
                    Some(made) => made,
                    None => {
                        let least = self.advance(depth, char::from(byte));
                        *nowhere.insert((self.rows[depth + 1], least))
                    }
                };
                self.rows[depth + 1] = row;
                self.entered(depth, least)
            } else {
                self.enter(byte, depth, utf8)
            };
            if let Some(next) = next {
                self.visit(byte, fst.target_of(&node, i), next);
            }
        }
    }

    /// The only key letters after which the row below the last one can
    /// stay within reach, or `None` when a letter found nowhere in the query
    /// keeps it within reach (then any letter may).
    ///
    /// Why this is exact: the row for a letter differs from the row for a
    /// letter found nowhere in the query only through the cells where the
    /// letter matches the query, and a match at column `j` lowers a cell
    /// only if the previous row's cell `j - 1` is within column `j`'s limit.
    /// So when the row for a letter found nowhere is out of reach, so is the
    /// row for any letter without such a match.
    fn letters_in_reach(&self, depth: usize) -> Option<([u8; 2 * LEVELS - 1], usize)> {
        if self.first_within(depth + 1, usize::from(self.max)) {
            return None;
        }
        let previous = &self.rows[depth];
        // The first cell of the next row is out of reach, so the cell left
        // of any other is too (it is either the first or out of reach for
        // the same reason): a cell of the row for a letter found nowhere is
        // within reach if the cell above-left or above holds less than its
        // column's limit; a matching letter also if the cell above-left
        // holds at most the limit.
        let (mut keeps, mut matching) = (0u64, 0u64);
        for (v, &above) in previous.iter().enumerate() {
            let diagonal = (above << 1) | u64::from(self.first_within(depth, v));
            matching |= diagonal & self.within[v];
            if v + 1 < L {
                keeps |= (diagonal | above) & self.within[v + 1];
            }
        }
        if keeps != 0 {
            return None;
        }
        // (Only the band of `max` around the diagonal can be within reach.)
        let mut letters = [0u8; 2 * LEVELS - 1];
        let mut count = 0;
        while matching != 0 {
            let byte = self.query[matching.trailing_zeros() as usize] as u8;
            matching &= matching - 1;
            if !letters[..count].contains(&byte) {
                letters[count] = byte;
                count += 1;
            }
        }
        Some((letters, count))
    }

    /// Reads the key byte `byte` from a node reached with `depth` key
    /// characters read and `utf8` mid-character: where the walk stands
    /// after it, or `None` if every continuation is out of reach.
    #[inline(always)]
    fn enter(&mut self, byte: u8, depth: usize, utf8: Utf8) -> Option<Entered> {
        // (An ASCII byte between characters is a character: no decoding.)
        let read = if byte < 0x80 && utf8.pending == 0 {
            Ok(char::from(byte))
        } else {
            utf8.push(byte)
        };
        match read {
            Err(waiting) => Some(Entered {
                depth,
                utf8: waiting,
                spent: false,
            }),
            Ok(c) => {
                let least = self.advance(depth, c);
                self.entered(depth, least)
            }
        }
    }

    /// Where the walk stands after a character read at `depth` that left
    /// `least` as the least cell of the next row.
    #[inline(always)]
    fn entered(&self, depth: usize, least: u8) -> Option<Entered> {
        // Over `max`: every continuation is out of reach. At `max`: every
        // cell in reach holds it, no edit is left.
        (least <= self.max).then_some(Entered {
            depth: depth + 1,
            utf8: Utf8::default(),
            spent: least == self.max,
        })
    }

    /// Follows the transition on `byte` to the node at `addr`, with the
    /// walk standing at `next` after it ([`Walk::enter`]).
    #[inline(always)] // (the recursion is `descend`'s alone: one call a level)
    fn visit(&mut self, byte: u8, addr: usize, next: Entered) {
        let read = self.key_len;
        self.key[read] = byte;
        self.key_len = read + 1;
        if next.utf8.pending == 0 && self.fst.is_final_at(addr) {
            let distance = self.last_cell(next.depth);
            if distance <= self.max {
                if let Ok(word) = std::str::from_utf8(&self.key[..=read]) {
                    self.found.push((word.to_owned(), u32::from(distance)));
                }
            }
        }
        if next.spent {
            self.exact_tails(addr, next.depth);
        } else {
            self.descend(addr, next.depth, next.utf8);
        }
        self.key_len = read;
    }

    /// The node reached from the one at `at` by `bytes`, each pushed on the
    /// key read so far, or `None` at the first byte with no transition (the
    /// bytes pushed until then are the caller's to pop).
    #[inline(always)]
    fn follow(&mut self, mut at: usize, bytes: impl Iterator<Item = u8>) -> Option<usize> {
        for byte in bytes {
            at = self.fst.next(at, byte)?;
            self.key[self.key_len] = byte;
            self.key_len += 1;
        }
        Some(at)
    }

    /// The words below the node at `addr` when the last row has no edit
    /// left: only the rest of the query after a cell holding `max` can
    /// follow, letter for letter, so the walk follows those few paths
    /// instead of every transition (most of a walk happens after its edits
    /// are spent).
    fn exact_tails(&mut self, addr: usize, depth: usize) {
        let query = self.query;
        let read = self.key_len;
        let row = &self.rows[depth];
        let max = usize::from(self.max);
        // The columns `j` in `1..query.len()` holding `max`, as bit `j`.
        let below = if max == 0 { 0 } else { row[max - 1] };
        let tails = (row[max] & !below) << 1;
        let before_last = if query.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << query.len()) - 1
        };
        // (Column 0 holds the depth while that is within its limit.)
        let first = !query.is_empty() && depth == usize::from(self.max) && depth <= usize::from(self.first_limit);
        let mut columns = (tails & before_last) | u64::from(first);
        let fst = self.fst;
        while columns != 0 {
            let j = columns.trailing_zeros() as usize;
            columns &= columns - 1;
            let reached = if self.ascii {
                // A character is a key byte.
                self.follow(addr, query[j..].iter().map(|&c| c as u8))
            } else {
                self.follow(
                    addr,
                    query[j..].iter().flat_map(|c| {
                        let mut buf = [0u8; 4];
                        let len = c.encode_utf8(&mut buf).len();
                        buf.into_iter().take(len)
                    }),
                )
            };
            if reached.is_some_and(|at| fst.is_final_at(at)) {
                if let Ok(word) = std::str::from_utf8(&self.key[..self.key_len]) {
                    self.found.push((word.to_owned(), u32::from(self.max)));
                }
            }
            self.key_len = read;
        }
    }
}

/// Where a walk stands after a key byte ([`Walk::enter`]): key characters
/// read, the character being decoded, and whether no edit is left.
#[derive(Clone, Copy)]
struct Entered {
    depth: usize,
    utf8: Utf8,
    spent: bool,
}

/// A lean reader of the `fst` crate's nodes, for lookups and walks.
///
/// Why: `fst::raw::Node::new` decodes every field of a node up front (its
/// end, its final output, sizes kept in a large struct) and each accessor
/// matches on the node's kind again; node decoding was the largest part of
/// a lexicon lookup and of a near-word walk. This reads the same bytes
/// (format of fst 0.4, `raw/node.rs`) as far as a set lookup needs:
/// whether the node is final, where each transition leads, and for a map
/// the outputs. Tests compare it with the crate's reader on every node of
/// the embedded sets and map and on a set and a map with every byte as
/// input.
mod lean {
    /// The first 63 inputs of the fst crate's common-input table
    /// (`COMMON_INPUTS_INV` in its `raw/common_inputs.rs`): a one-transition
    /// state byte whose low six bits `i` are not 0 has input `COMMON[i - 1]`.
    const COMMON: &[u8; 63] = b"te/oasripcnw.hlm-du012g=:bf3y5&_4v9678k%?xCDASFIBEjPTzRNM+LOqHG";

    /// Transitions from which a node has a 256-byte index (fst format 2+).
    const INDEX_THRESHOLD: usize = 32;

    /// An fst's bytes, for [`Node`]s.
    #[derive(Clone, Copy)]
    pub(super) struct Fst<'f> {
        data: &'f [u8],
        /// Nodes with many transitions have an index (format version 2 and later).
        indexed: bool,
        root: usize,
        /// Empty, or by the first two bytes of a key (see [`pair_slot`]):
        /// 1 + the address of the node they lead to, or 0 if none does.
        pairs: &'f [u32],
        /// For a map with a pair table: the sum of the outputs on the way
        /// to each of its nodes.
        pair_outputs: &'f [u64],
    }

    /// Bytes with a slot in a pair table: the letters a to z and the apostrophe.
    const PAIR_BYTES: usize = 27;

    /// The slot of `byte` in a pair table, if it has one.
    #[inline(always)]
    fn pair_slot(byte: u8) -> Option<usize> {
        match byte {
            b'a'..=b'z' => Some(usize::from(byte - b'a')),
            b'\'' => Some(26),
            _ => None,
        }
    }

    /// A node: final or not, and its transitions.
    #[derive(Clone, Copy)]
    pub(super) enum Node {
        /// The final node without transitions (address 0).
        Empty,
        /// One transition, on `input` to `target`; never final.
        #[cfg_attr(not(test), allow(dead_code))] // (read by the tests' comparison with the crate)
        One { input: u8, target: usize },
        /// Any number of transitions, laid out as `header` says.
        Any { is_final: bool, header: Many },
    }

    /// True if the state byte `state` is a one-transition node's (the top bit set).
    #[inline(always)]
    pub(super) fn is_one(state: u8) -> bool {
        state >> 7 == 1
    }

    /// A many-transition node's header: `ntrans` inputs stored last first
    /// from byte `inputs` (with a 256-byte index at `index` for large
    /// nodes), their target deltas (`tsize` bytes each, last first) from
    /// byte `deltas`, relative to `end`; in a map their outputs before
    /// `deltas`, and the final output at `end`.
    #[derive(Clone, Copy)]
    pub(super) struct Many {
        pub(super) ntrans: usize,
        inputs: usize,
        index: Option<usize>,
        deltas: usize,
        tsize: usize,
        end: usize,
    }

    impl<'f> Fst<'f> {
        /// The reader of `fst`.
        pub(super) fn of<D: AsRef<[u8]>>(fst: &'f fst::raw::Fst<D>) -> Fst<'f> {
            Fst::new(fst.as_bytes(), fst.root().addr())
        }

        /// The reader of the fst whose bytes are `data` and root node is at `root`.
        pub(super) fn new(data: &'f [u8], root: usize) -> Fst<'f> {
            let version = data.get(..8).map_or(0, |v| {
                u64::from_le_bytes([v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]])
            });
            Fst {
                data,
                indexed: version >= 2,
                root,
                pairs: &[],
                pair_outputs: &[],
            }
        }

        /// This reader with a table of the nodes two bytes below the root,
        /// for [`Fst::contains`].
        ///
        /// Why: the nodes nearest the root have the most transitions (about
        /// 20 in the common words, against 14 on average on a lookup's
        /// path), so they cost the most to pass, and every lookup passes
        /// them. The table (27 × 27 entries) is made once per process, and
        /// kept for its life, as the embedded lexicon is.
        pub(super) fn with_pairs(self) -> Fst<'f> {
            let slots = (b'a'..=b'z').chain([b'\'']);
            let mut pairs = vec![0u32; PAIR_BYTES * PAIR_BYTES];
            for first in slots.clone() {
                let Some(below) = self.next(self.root, first) else {
                    continue;
                };
                for second in slots.clone() {
                    if let (Some(i), Some(j), Some(addr)) =
                        (pair_slot(first), pair_slot(second), self.next(below, second))
                    {
                        pairs[i * PAIR_BYTES + j] = u32::try_from(addr + 1).expect("an fst under 4 GB");
                    }
                }
            }
            Fst {
                pairs: Box::leak(pairs.into_boxed_slice()),
                ..self
            }
        }

        /// [`Fst::with_pairs`] for a map, for [`Fst::get`]: with the outputs
        /// on the way to each node of the table.
        pub(super) fn with_output_pairs(self) -> Fst<'f> {
            let slots = (b'a'..=b'z').chain([b'\'']);
            let mut pairs = vec![0u32; PAIR_BYTES * PAIR_BYTES];
            let mut outputs = vec![0u64; PAIR_BYTES * PAIR_BYTES];
            for first in slots.clone() {
                let Some((below, first_output)) = self.step_with_output(self.root, first) else {
                    continue;
                };
                for second in slots.clone() {
                    let reached = (below != 0).then(|| self.step_with_output(below, second)).flatten();
                    if let (Some(i), Some(j), Some((addr, output))) = (pair_slot(first), pair_slot(second), reached) {
                        pairs[i * PAIR_BYTES + j] = u32::try_from(addr + 1).expect("an fst under 4 GB");
                        outputs[i * PAIR_BYTES + j] = first_output.wrapping_add(output);
                    }
                }
            }
            Fst {
                pairs: Box::leak(pairs.into_boxed_slice()),
                pair_outputs: Box::leak(outputs.into_boxed_slice()),
                ..self
            }
        }

        /// The address of the root node.
        pub(super) fn root_addr(&self) -> usize {
            self.root
        }

        /// The little-endian number in the `n` bytes from `at` (at most 8).
        #[inline]
        fn output(&self, at: usize, n: usize) -> u64 {
            // One 8-byte load, masked to its `n` bytes, where the data has
            // 8 bytes from `at` (every node but those in the last 8 bytes
            // before the footer): a loop over the bytes cost a tenth of a
            // lookup.
            if let (Some(bytes), 1..=8) = (self.data.get(at..at + 8), n) {
                let word = u64::from_le_bytes(bytes.try_into().expect("8 bytes"));
                return word & (u64::MAX >> (64 - 8 * n));
            }
            self.data[at..at + n]
                .iter()
                .rev()
                .fold(0, |value, &b| (value << 8) | u64::from(b))
        }

        /// [`Fst::output`] as an address or a count.
        #[inline]
        fn uint(&self, at: usize, n: usize) -> usize {
            self.output(at, n) as usize
        }

        /// The target of a transition whose delta is the `tsize` bytes at `at`.
        #[inline]
        fn target(&self, at: usize, tsize: usize, end: usize) -> usize {
            match self.uint(at, tsize) {
                0 => 0,
                delta => end - delta,
            }
        }

        #[inline]
        pub(super) fn node(&self, addr: usize) -> Node {
            if addr == 0 {
                return Node::Empty;
            }
            let data = self.data;
            let state = data[addr];
            match state >> 6 {
                0b11 | 0b10 => {
                    let (input, input_len) = self.one_input(addr, state);
                    let target = self.one_target(addr, state, input_len);
                    Node::One { input, target }
                }
                _ => self.many(addr, state),
            }
        }

        /// The state byte of the node at `addr` (not the empty node).
        #[inline(always)]
        pub(super) fn state(&self, addr: usize) -> u8 {
            self.data[addr]
        }

        /// The header of the many-transition node at `addr`, whose state
        /// byte is `state`.
        #[inline(always)]
        pub(super) fn many_node(&self, addr: usize, state: u8) -> Many {
            self.many_header(addr, state).1
        }

        /// The input of transition `i` of `node`, counted in input order.
        #[inline(always)]
        pub(super) fn input_of(&self, node: &Many, i: usize) -> u8 {
            self.data[node.inputs + node.ntrans - 1 - i]
        }

        /// The target of transition `i` of `node`, counted in input order.
        #[inline(always)]
        pub(super) fn target_of(&self, node: &Many, i: usize) -> usize {
            self.target(node.deltas + (node.ntrans - 1 - i) * node.tsize, node.tsize, node.end)
        }

        /// The transition of `node` on `byte`, counted in input order, if any.
        #[inline(always)]
        pub(super) fn transition_of(&self, node: &Many, byte: u8) -> Option<usize> {
            // (`transition` counts in input order too.)
            self.transition(node.ntrans, node.inputs, node.index, byte)
        }

        /// The many-transition node at `addr`, whose state byte is `state`:
        /// where its inputs, index, targets and outputs lie.
        #[inline(always)]
        fn many(&self, addr: usize, state: u8) -> Node {
            let (is_final, header) = self.many_header(addr, state);
            Node::Any { is_final, header }
        }

        /// Whether the many-transition node at `addr` (state byte `state`)
        /// is final, and its header: what [`Fst::many`] and
        /// [`Fst::many_node`] read.
        #[inline(always)]
        fn many_header(&self, addr: usize, state: u8) -> (bool, Many) {
            let data = self.data;
            let is_final = state & 0b0100_0000 != 0;
            let (ntrans, ntrans_len) = match state & 0b11_1111 {
                0 => match data[addr - 1] {
                    // (1 is never stored: one transition is in the state byte.)
                    1 => (256, 1),
                    n => (usize::from(n), 1),
                },
                n => (usize::from(n), 0),
            };
            let sizes = data[addr - ntrans_len - 1];
            let (tsize, osize) = (usize::from(sizes >> 4), usize::from(sizes & 0x0F));
            let indexed = self.indexed && ntrans > INDEX_THRESHOLD;
            let index_size = if indexed { 256 } else { 0 };
            let top = addr - ntrans_len - 1 - index_size;
            let inputs = top - ntrans;
            let deltas = inputs - ntrans * tsize;
            let end = deltas - ntrans * osize - if is_final { osize } else { 0 };
            let many = Many {
                ntrans,
                inputs,
                index: indexed.then_some(top),
                deltas,
                tsize,
                end,
            };
            (is_final, many)
        }

        #[inline]
        #[cfg(test)] // (the walks read nodes by address; the tests compare readers)
        pub(super) fn is_final(&self, node: &Node) -> bool {
            match *node {
                Node::Empty => true,
                Node::One { .. } => false,
                Node::Any { is_final, .. } => is_final,
            }
        }

        /// The number of the transition on `byte` of a many-transition node
        /// (its `ntrans`, `inputs` and `index` fields), counted as the fst
        /// format stores them, if it has one.
        #[inline]
        fn transition(&self, ntrans: usize, inputs: usize, index: Option<usize>, byte: u8) -> Option<usize> {
            match index {
                Some(at) => Some(usize::from(self.data[at + usize::from(byte)])).filter(|&i| i < ntrans),
                None => position(&self.data[inputs..inputs + ntrans], byte).map(|p| ntrans - p - 1),
            }
        }

        /// The node `node` goes to on `byte`, if any.
        #[inline]
        #[cfg(test)] // (the walks read nodes by address; the tests compare readers)
        pub(super) fn find(&self, node: &Node, byte: u8) -> Option<usize> {
            match *node {
                Node::Empty => None,
                Node::One { input, target, .. } => (input == byte).then_some(target),
                Node::Any { header: h, .. } => {
                    let i = self.transition(h.ntrans, h.inputs, h.index, byte)?;
                    Some(self.target(h.deltas + (h.ntrans - 1 - i) * h.tsize, h.tsize, h.end))
                }
            }
        }

        /// Calls `visit` with each transition of `node` (input, target), in input order.
        #[inline]
        #[cfg(test)] // (the walks read nodes by address; the tests compare readers)
        pub(super) fn for_each(&self, node: &Node, mut visit: impl FnMut(u8, usize)) {
            match *node {
                Node::Empty => {}
                Node::One { input, target, .. } => visit(input, target),
                Node::Any { header: h, .. } => {
                    for i in 0..h.ntrans {
                        let input = self.data[h.inputs + h.ntrans - 1 - i];
                        visit(
                            input,
                            self.target(h.deltas + (h.ntrans - 1 - i) * h.tsize, h.tsize, h.end),
                        );
                    }
                }
            }
        }

        /// The value of the key `key` in a map: the sum of the outputs on
        /// its path and the final output, as the fst crate's `Map::get`.
        /// (Its own decoding, so the nodes of the set walks carry no outputs.)
        pub(super) fn get(&self, key: &[u8]) -> Option<u64> {
            let mut addr = self.root;
            let mut value = 0u64;
            let mut rest = key;
            if let [first, second, ..] = *key {
                if let (Some(i), Some(j), false) = (pair_slot(first), pair_slot(second), self.pair_outputs.is_empty()) {
                    let at = i * PAIR_BYTES + j;
                    match self.pairs[at] {
                        0 => return None,
                        below => {
                            addr = below as usize - 1;
                            value = self.pair_outputs[at];
                            rest = &key[2..];
                        }
                    }
                }
            }
            for &byte in rest {
                if addr == 0 {
                    return None;
                }
                let (target, output) = self.step_with_output(addr, byte)?;
                value = value.wrapping_add(output);
                addr = target;
            }
            match self.node(addr) {
                Node::Empty => Some(value),
                Node::One { .. } => None,
                Node::Any { is_final, header } => is_final.then(|| {
                    let osize = self.osize(addr);
                    value.wrapping_add(if osize == 0 { 0 } else { self.output(header.end, osize) })
                }),
            }
        }

        /// The transition on `byte` of the node at `addr` (not the empty
        /// node) in a map: its target and its output.
        #[inline(always)]
        fn step_with_output(&self, addr: usize, byte: u8) -> Option<(usize, u64)> {
            let data = self.data;
            let state = data[addr];
            // (A one-transition node has the top bit set.)
            Some(if state >> 7 == 1 {
                let (input, input_len) = match state & 0b11_1111 {
                    0 => (data[addr - 1], 1),
                    i => (COMMON[usize::from(i) - 1], 0),
                };
                if input != byte {
                    return None;
                }
                if state >> 6 == 0b11 {
                    (addr - input_len - 1, 0)
                } else {
                    let sizes = data[addr - input_len - 1];
                    let (tsize, osize) = (usize::from(sizes >> 4), usize::from(sizes & 0x0F));
                    let at = addr - input_len - 1 - tsize;
                    let output = if osize == 0 { 0 } else { self.output(at - osize, osize) };
                    (self.target(at, tsize, at - osize), output)
                }
            } else {
                let (i, deltas, target) = self.many_step(addr, state, byte)?;
                let osize = self.osize(addr);
                let output = if osize == 0 {
                    0
                } else {
                    self.output(deltas - (i + 1) * osize, osize)
                };
                (target, output)
            })
        }

        /// The output size of the many-transition node at `addr`.
        fn osize(&self, addr: usize) -> usize {
            let ntrans_len = usize::from(self.data[addr] & 0b11_1111 == 0);
            usize::from(self.data[addr - ntrans_len - 1] & 0x0F)
        }

        /// True if the fst has the key `key`.
        ///
        /// (Straight from the bytes, like [`Fst::get`], not through
        /// [`Node`]s: decoding every field of each node on the way and
        /// matching on its kind twice was most of a lookup.)
        #[inline]
        pub(super) fn contains(&self, key: &[u8]) -> bool {
            let mut addr = self.root;
            let mut rest = key;
            if let [first, second, ..] = *key {
                if let (Some(i), Some(j), false) = (pair_slot(first), pair_slot(second), self.pairs.is_empty()) {
                    match self.pairs[i * PAIR_BYTES + j] {
                        0 => return false,
                        below => {
                            addr = below as usize - 1;
                            rest = &key[2..];
                        }
                    }
                }
            }
            for &byte in rest {
                match self.next(addr, byte) {
                    Some(target) => addr = target,
                    None => return false,
                }
            }
            self.is_final_at(addr)
        }

        /// True if the node at `addr` is final: the empty final node, or a
        /// many-transition node marked final (one-transition nodes never are).
        #[inline(always)]
        pub(super) fn is_final_at(&self, addr: usize) -> bool {
            addr == 0 || self.data[addr] >> 6 == 0b01
        }

        /// The address of the node the node at `addr` goes to on `byte`, if
        /// any ([`Fst::node`] and [`Fst::find`] in one, decoding only what
        /// the transition needs).
        #[inline(always)]
        pub(super) fn next(&self, addr: usize, byte: u8) -> Option<usize> {
            if addr == 0 {
                return None;
            }
            let data = self.data;
            let state = data[addr];
            if state >> 7 == 0 {
                return self.find_many(addr, state, byte);
            }
            // One transition: its target decoded only when the input matches.
            let (input, input_len) = self.one_input(addr, state);
            (input == byte).then(|| self.one_target(addr, state, input_len))
        }

        /// A one-transition node's input byte, and how many bytes of the
        /// node store it (0 when `state` packs a common byte's index).
        #[inline(always)]
        pub(super) fn one_input(&self, addr: usize, state: u8) -> (u8, usize) {
            match state & 0b11_1111 {
                0 => (self.data[addr - 1], 1),
                i => (COMMON[usize::from(i) - 1], 0),
            }
        }

        /// A one-transition node's target: the next node in the bytes, or
        /// an address packed after its input.
        #[inline(always)]
        pub(super) fn one_target(&self, addr: usize, state: u8, input_len: usize) -> usize {
            if state >> 6 == 0b11 {
                addr - input_len - 1
            } else {
                let sizes = self.data[addr - input_len - 1];
                let (tsize, osize) = (usize::from(sizes >> 4), usize::from(sizes & 0x0F));
                let at = addr - input_len - 1 - tsize;
                self.target(at, tsize, at - osize)
            }
        }

        /// Calls `visit(k, value)` for each prefix `key[..k]` that is a key
        /// of the map, with its value ([`Fst::get`] of every prefix in one
        /// walk down the key).
        pub(super) fn prefix_values(&self, key: &[u8], mut visit: impl FnMut(usize, u64)) {
            let data = self.data;
            let mut addr = self.root;
            let mut value = 0u64;
            for k in 0..=key.len() {
                if addr == 0 {
                    // The empty final node: no output, no transitions.
                    visit(k, value);
                    return;
                }
                let state = data[addr];
                if state >> 6 == 0b01 {
                    if let Node::Any { header, .. } = self.node(addr) {
                        let osize = self.osize(addr);
                        visit(
                            k,
                            value.wrapping_add(if osize == 0 { 0 } else { self.output(header.end, osize) }),
                        );
                    }
                }
                let Some(&byte) = key.get(k) else {
                    return;
                };
                let Some((target, output)) = self.step_with_output(addr, byte) else {
                    return;
                };
                value = value.wrapping_add(output);
                addr = target;
            }
        }

        /// The target of the transition on `byte` of the many-transition
        /// node at `addr`, whose state byte is `state`, if it has one
        /// ([`Fst::node`] and [`Fst::find`] in one, decoding only what the
        /// transition needs).
        #[inline(always)]
        fn find_many(&self, addr: usize, state: u8, byte: u8) -> Option<usize> {
            self.many_step(addr, state, byte).map(|(_, _, target)| target)
        }

        /// The transition on `byte` of the many-transition node at `addr`,
        /// whose state byte is `state`, if it has one: its number, where the
        /// node's targets start (its outputs lie below) and its target.
        /// (As `find` does, but returning before the targets are read when
        /// there is no transition: `find` on `many`'s node cost a million
        /// more instructions a check.)
        #[inline(always)]
        fn many_step(&self, addr: usize, state: u8, byte: u8) -> Option<(usize, usize, usize)> {
            let node = self.many_node(addr, state);
            let i = self.transition(node.ntrans, node.inputs, node.index, byte)?;
            let at = node.deltas + (node.ntrans - 1 - i) * node.tsize;
            Some((i, node.deltas, self.target(at, node.tsize, node.end)))
        }
    }

    /// The first place of `byte` in `bytes`, eight bytes at a time.
    ///
    /// Why: finding a transition of a node with up to 32 transitions (an
    /// unindexed one) was a byte-by-byte scan, a third of a word lookup.
    /// A word of eight input bytes XOR the byte repeated has a zero byte
    /// where they match; `(x - 0x01..01) & !x & 0x80..80` flags the zero
    /// bytes, exactly up to the first one (a borrow only flags bytes above a
    /// zero byte), which is the one wanted.
    #[inline(always)]
    fn position(bytes: &[u8], byte: u8) -> Option<usize> {
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
        let repeated = ONES * u64::from(byte);
        let mut chunks = bytes.chunks_exact(8);
        let mut offset = 0;
        for chunk in &mut chunks {
            let word = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]) ^ repeated;
            let zeros = word.wrapping_sub(ONES) & !word & HIGHS;
            if zeros != 0 {
                return Some(offset + zeros.trailing_zeros() as usize / 8);
            }
            offset += 8;
        }
        chunks.remainder().iter().position(|&b| b == byte).map(|p| offset + p)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn position_finds_the_first_place_of_a_byte() {
            let bytes: Vec<u8> = (0..40u8)
                .map(|i| i.wrapping_mul(37) % 11)
                .chain([0, 255, 1, 128])
                .collect();
            for len in 0..=bytes.len() {
                for byte in [0u8, 1, 2, 5, 10, 11, 127, 128, 255] {
                    let hay = &bytes[..len];
                    assert_eq!(position(hay, byte), hay.iter().position(|&b| b == byte), "{len} {byte}");
                }
            }
        }

        /// Every node reachable in `fst`, read by both readers: the same
        /// finality, transitions and lookups.
        fn same_as_the_crate<D: AsRef<[u8]>>(fst: &fst::raw::Fst<D>) -> usize {
            let lean = Fst::of(fst);
            let mut seen = std::collections::HashSet::new();
            let mut stack = vec![fst.root().addr()];
            while let Some(addr) = stack.pop() {
                if !seen.insert(addr) {
                    continue;
                }
                let theirs = fst.node(addr);
                let ours = lean.node(addr);
                assert_eq!(lean.is_final(&ours), theirs.is_final(), "node {addr}");
                let mut transitions = Vec::new();
                lean.for_each(&ours, |input, target| transitions.push((input, target)));
                let expected: Vec<(u8, usize)> = theirs.transitions().map(|t| (t.inp, t.addr)).collect();
                assert_eq!(transitions, expected, "node {addr}");
                for byte in
                    (0..=255u8).filter(|b| b.is_ascii_lowercase() || b % 37 == 0 || expected.iter().any(|t| t.0 == *b))
                {
                    let theirs = theirs.find_input(byte).map(|i| theirs.transition_addr(i));
                    assert_eq!(lean.find(&ours, byte), theirs, "node {addr} byte {byte}");
                }
                stack.extend(expected.iter().map(|t| t.1));
            }
            seen.len()
        }

        #[test]
        fn every_node_of_the_embedded_sets_reads_as_the_crate_reads_it() {
            let lex = super::super::lexicon();
            let sets = [
                &lex.common,
                &lex.common_reversed,
                &lex.us,
                &lex.us_reversed,
                &lex.gb,
                &lex.gb_reversed,
                &lex.any,
                &lex.any_reversed,
                &lex.names,
            ];
            for set in sets {
                assert!(same_as_the_crate(set.as_fst()) > 1000);
            }
            let freq = fst::Map::new(super::super::FREQ).unwrap();
            assert!(same_as_the_crate(freq.as_fst()) > 1000);
            // Every key of two slot bytes, alone and longer (the pair table's part).
            for a in (b'a'..=b'z').chain([b'\'']) {
                for b in (b'a'..=b'z').chain([b'\'']) {
                    for key in [vec![a, b], vec![a, b, b'e'], vec![a, b, b'o', b'u', b't']] {
                        assert_eq!(lex.freq_lean.get(&key), freq.get(&key), "{key:?}");
                    }
                }
            }
            for (word, count) in freq.stream().into_str_vec().unwrap().iter().step_by(3) {
                assert_eq!(lex.freq_lean.get(word.as_bytes()), Some(*count), "{word}");
                let longer = format!("{word}q");
                assert_eq!(lex.freq_lean.get(longer.as_bytes()), freq.get(&longer), "{longer}");
                let shorter = &word.as_bytes()[..word.len() - 1];
                assert_eq!(lex.freq_lean.get(shorter), freq.get(shorter), "{word}");
            }
            // The lexicon's own readers are of the same bytes.
            let pairs = [
                (&lex.common_lean, &lex.common),
                (&lex.us_lean, &lex.us),
                (&lex.gb_lean, &lex.gb),
                (&lex.any_lean, &lex.any),
                (&lex.names_lean, &lex.names),
            ];
            for (lean, set) in pairs {
                // Every key of two slot bytes, alone and with a third byte (the pair table's part).
                let slots: Vec<u8> = (b'a'..=b'z').chain([b'\'']).collect();
                for &a in &slots {
                    for &b in &slots {
                        for key in [vec![a, b], vec![a, b, b'e'], vec![a, b, b's', b'h']] {
                            assert_eq!(lean.contains(&key), set.contains(&key), "{key:?}");
                        }
                    }
                    assert_eq!(lean.contains(&[a]), set.contains([a]), "{a}");
                }
                for word in set.stream().into_strs().unwrap().iter().step_by(7) {
                    assert!(lean.contains(word.as_bytes()), "{word}");
                    let longer = format!("{word}q");
                    assert_eq!(lean.contains(longer.as_bytes()), set.contains(&longer), "{longer}");
                }
            }
        }

        #[test]
        fn every_byte_as_an_input_reads_as_the_crate_reads_it() {
            // Every byte as a first input (one node with 256 transitions, an
            // indexed one) and as the input of one-transition nodes (common
            // inputs and others), with keys that end and go on.
            let mut keys: Vec<Vec<u8>> = Vec::new();
            for b in 0..=255u8 {
                keys.push(vec![b]);
                keys.push(vec![b, b, b'x']);
                keys.push(vec![b'q', b, 7]);
                if b % 3 == 0 {
                    keys.push(vec![b'z', b]);
                }
            }
            keys.sort();
            keys.dedup();
            let set = fst::Set::from_iter(keys.iter()).unwrap();
            same_as_the_crate(set.as_fst());
            // The same keys as a map, with values of every width.
            let value = |i: usize| (i as u64).pow(5) % (1 << 60);
            let map = fst::Map::from_iter(keys.iter().enumerate().map(|(i, k)| (k, value(i)))).unwrap();
            same_as_the_crate(map.as_fst());
            let lean_map = Fst::of(map.as_fst());
            for (i, key) in keys.iter().enumerate() {
                assert_eq!(lean_map.get(key), Some(value(i)));
                assert_eq!(lean_map.get(&key[..key.len() - 1]), map.get(&key[..key.len() - 1]));
            }
            let lean = Fst::of(set.as_fst());
            for key in &keys {
                assert!(lean.contains(key));
                let mut other = key.clone();
                other.push(b'!');
                assert_eq!(lean.contains(&other), set.contains(&other));
            }
        }
    }
}

/// The table of frequent forms ([`frequent`]) for the lists in `dir`:
/// the [`frequent::FORMS`] most frequent forms of `freq.txt` (by count,
/// then in byte order) of at most [`frequent::MAX_BYTES`] bytes spelled
/// with `a`–`z` and `'`, each with its [`is_word`] answer per locale as
/// the word lists in `dir` give it. (Forms with a count of 0 are left out.)
///
/// Why from the text lists, not the embedded sets: run by
/// `gen_lexicon_fst` after it rebuilds the sets from the same lists, when
/// the binary still embeds the old ones.
pub fn build_frequent_forms_bytes(dir: &Path) -> io::Result<Vec<u8>> {
    let read_set = |name: &str| -> io::Result<std::collections::HashSet<String>> {
        Ok(fs::read_to_string(dir.join(name))?.lines().map(str::to_owned).collect())
    };
    let (common, us, gb) = (
        read_set("words-common.txt")?,
        read_set("words-us.txt")?,
        read_set("words-gb.txt")?,
    );
    let has_word = |word: &str, locale: Locale| {
        common.contains(word)
            || match locale {
                Locale::Any => us.contains(word) || gb.contains(word),
                Locale::Us => us.contains(word),
                Locale::Gb => gb.contains(word),
            }
    };
    let freq_path = dir.join("freq.txt");
    let text = fs::read_to_string(&freq_path)?;
    let mut forms = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let (word, count) = line
            .split_once('\t')
            .ok_or_else(|| invalid_data(&freq_path, n, "expected word<TAB>count"))?;
        let count: u64 = count.parse().map_err(|e| invalid_data(&freq_path, n, e))?;
        // (Only forms with a frequency: see `has_frequency`.)
        if count > 0
            && frequent::key(word.as_bytes()).is_some()
            && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
        {
            forms.push((Reverse(count), word));
        }
    }
    forms.sort_unstable();
    forms.truncate(frequent::FORMS);
    let answers = forms.iter().map(|&(_, word)| {
        let answers = [Locale::Any, Locale::Us, Locale::Gb]
            .into_iter()
            .filter(|&locale| has_word(word, locale) || possessive_stem(word).is_some_and(|s| has_word(s, locale)))
            .fold(0, |bits, locale| bits | frequent::locale_bit(locale));
        (word.as_bytes(), answers)
    });
    Ok(frequent::build(answers))
}

/// An embedded table of the most frequent forms and their [`is_word`]
/// answers, built ahead of time by [`build_frequent_forms_bytes`]
/// (`cargo run --example gen_lexicon_fst`) and read in place: nothing is
/// parsed at start-up.
///
/// Why: a lookup in the word sets walks a node per byte, scattered over
/// hundreds of kilobytes, and a form the sets lack is looked up in each
/// set and again without a possessive ending; a thread's first pass over
/// a text looks up every form it has not seen. About three quarters of
/// the distinct forms of news text are among the 40,000 most frequent
/// (77% of the 10,778 lower-cased forms of 153 distinct news documents;
/// 66% among the 20,000 most frequent, the table's size until cold17
/// found the forms it lacked costing documents the caches have not seen
/// their stems, set walks and WordNet lookups).
///
/// Layout: `1 << SLOT_BITS` slots of 16 bytes, open addressing with
/// linear probing from the slot [`slot`] hashes a form to. A slot holds
/// the form's bytes (at most 15, zero-padded) and in its last byte the
/// answers ([`locale_bit`] per locale) with the top bit set; an empty
/// slot is all zeros. Forms hold no zero byte, so equal slots mean equal
/// forms. 1 MB for 40,000 forms (the table is 61% full).
mod frequent {
    use super::Locale;

    /// How many forms the table holds.
    pub(super) const FORMS: usize = 40_000;
    /// The longest form the table holds, in bytes.
    pub(super) const MAX_BYTES: usize = 15;
    /// The table has `1 << SLOT_BITS` slots.
    const SLOT_BITS: u32 = 16;
    const SLOT_BYTES: usize = 16;
    /// Set in a slot's last byte when it holds a form.
    const TAKEN: u8 = 0x80;

    /// The bit of a slot's answers for `locale`.
    pub(super) fn locale_bit(locale: Locale) -> u8 {
        match locale {
            Locale::Any => 1,
            Locale::Us => 2,
            Locale::Gb => 4,
        }
    }

    /// `word` as a slot's two little-endian words (zero-padded), if the
    /// table can hold it (1 to [`MAX_BYTES`] bytes).
    ///
    /// (By overlapping loads, not a zero-padded copy: the copy of a varying
    /// length was a `memcpy` call per lookup, whose size dispatch the
    /// branch predictor misses.)
    #[inline(always)]
    pub(super) fn key(word: &[u8]) -> Option<(u64, u64)> {
        if word.is_empty() || word.len() > MAX_BYTES {
            return None;
        }
        Some(match word.split_at_checked(8) {
            Some((low, high)) => (le_u64(low), le_u64(high)),
            None => (le_u64(word), 0),
        })
    }

    /// The up to 8 `bytes` as a little-endian word, zero-padded: two loads
    /// that may overlap (the overlapping bytes are the same bytes at the
    /// same places, so or-ing them is exact).
    #[inline(always)]
    pub(super) fn le_u64(bytes: &[u8]) -> u64 {
        let n = bytes.len();
        debug_assert!(n <= 8);
        let u32_at = |i: usize| u64::from(u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"))) << (8 * i);
        let u16_at = |i: usize| u64::from(u16::from_le_bytes(bytes[i..i + 2].try_into().expect("2 bytes"))) << (8 * i);
        match n {
            8 => u64::from_le_bytes(bytes.try_into().expect("8 bytes")),
            4..=7 => u32_at(0) | u32_at(n - 4),
            2..=3 => u16_at(0) | u16_at(n - 2),
            1 => u64::from(bytes[0]),
            _ => 0,
        }
    }

    /// The slot a form's probe starts at.
    #[inline(always)]
    fn slot((low, high): (u64, u64)) -> usize {
        ((low ^ high.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOT_BITS)) as usize
    }

    /// The two words of the slot `at` of `table`.
    #[inline(always)]
    fn read(table: &[u8], at: usize) -> (u64, u64) {
        let bytes = &table[at * SLOT_BYTES..(at + 1) * SLOT_BYTES];
        let word = |b: &[u8]| u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
        (word(&bytes[..8]), word(&bytes[8..]))
    }

    /// The answers the table holds for `word`, if it holds `word`.
    #[inline]
    pub(super) fn answers(table: &[u8], word: &[u8]) -> Option<u8> {
        find(table, word).map(|(_, answers)| answers)
    }

    /// The slot of `table` that holds `word`, and its answers, if it holds `word`.
    #[inline(always)]
    pub(super) fn find(table: &[u8], word: &[u8]) -> Option<(usize, u8)> {
        let key = key(word)?;
        let mask = (1usize << SLOT_BITS) - 1;
        let mut at = slot(key);
        loop {
            let (low, high) = read(table, at);
            // (The answers sit in the top byte; a probe ends at an empty slot.)
            let answers = (high >> 56) as u8;
            if answers & TAKEN == 0 {
                return None;
            }
            if low == key.0 && high & (u64::MAX >> 8) == key.1 {
                return Some((at, answers & !TAKEN));
            }
            at = (at + 1) & mask;
        }
    }

    /// How many slots a table has.
    pub(super) const SLOTS: usize = 1 << SLOT_BITS;

    /// Every form `table` holds, with its slot, in slot order.
    pub(super) fn forms(table: &[u8]) -> Vec<(usize, Vec<u8>)> {
        (0..table.len() / SLOT_BYTES)
            .filter_map(|at| {
                let (low, high) = read(table, at);
                if (high >> 56) as u8 & TAKEN == 0 {
                    return None;
                }
                let mut bytes: Vec<u8> = low.to_le_bytes().into_iter().chain(high.to_le_bytes()).collect();
                bytes.truncate(MAX_BYTES);
                while bytes.last() == Some(&0) {
                    bytes.pop();
                }
                Some((at, bytes))
            })
            .collect()
    }

    /// The table of `forms` (distinct, each 1 to [`MAX_BYTES`] bytes,
    /// fewer than [`FORMS`] + 1) with their answers, inserted in order.
    pub(super) fn build<'w>(forms: impl Iterator<Item = (&'w [u8], u8)>) -> Vec<u8> {
        let mask = (1usize << SLOT_BITS) - 1;
        let mut table = vec![0u8; SLOT_BYTES << SLOT_BITS];
        for (word, answers) in forms {
            let key = key(word).expect("a form the table can hold");
            let mut at = slot(key);
            while read(&table, at).1 >> 56 != 0 {
                at = (at + 1) & mask;
            }
            let high = key.1 | (u64::from(answers | TAKEN) << 56);
            table[at * SLOT_BYTES..at * SLOT_BYTES + 8].copy_from_slice(&key.0.to_le_bytes());
            table[at * SLOT_BYTES + 8..(at + 1) * SLOT_BYTES].copy_from_slice(&high.to_le_bytes());
        }
        table
    }
}

fn invalid_data(path: &Path, line: usize, msg: impl std::fmt::Display) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!("{}:{}: {msg}", path.display(), line + 1),
    )
}

/// Build the bytes of one `.fst` from the text list at `path` (see
/// [`DATA_FILES`] for the formats). Fails on unsorted or duplicate lines.
pub fn build_fst_bytes(path: &Path, is_map: bool) -> io::Result<Vec<u8>> {
    let text = fs::read_to_string(path)?;
    let fst_err = |line: usize, e: fst::Error| invalid_data(path, line, e);
    if is_map {
        let entries = text.lines().enumerate().map(|(n, line)| {
            let (word, count) = line
                .split_once('\t')
                .ok_or_else(|| invalid_data(path, n, "expected word<TAB>count"))?;
            let count: u64 = count.parse().map_err(|e| invalid_data(path, n, e))?;
            Ok((word, count))
        });
        build_map_bytes(path, entries)
    } else {
        let mut builder = SetBuilder::memory();
        for (n, line) in text.lines().enumerate() {
            builder.insert(line).map_err(|e| fst_err(n, e))?;
        }
        builder.into_inner().map_err(|e| fst_err(0, e))
    }
}

/// Build an fst map from `(key, value)` entries read from `path` (named in
/// errors with the entry's line): keys must come sorted and unique. Shared
/// with the WordNet data builder (`crate::text::synonyms`).
pub fn build_map_bytes<'a>(
    path: &Path,
    entries: impl IntoIterator<Item = io::Result<(&'a str, u64)>>,
) -> io::Result<Vec<u8>> {
    let mut builder = MapBuilder::memory();
    for (n, entry) in entries.into_iter().enumerate() {
        let (key, value) = entry?;
        builder.insert(key, value).map_err(|e| invalid_data(path, n, e))?;
    }
    builder.into_inner().map_err(|e| invalid_data(path, 0, e))
}

/// Rebuild every `.fst` in `dir` (normally `data/lexicon`) from its text
/// list, and the table of frequent forms ([`build_frequent_forms_bytes`]).
pub fn build_fst_files(dir: &Path) -> io::Result<()> {
    for (text, fst_name, is_map) in DATA_FILES {
        let bytes = build_fst_bytes(&dir.join(text), is_map)?;
        fs::write(dir.join(fst_name), bytes)?;
    }
    for (text, fst_name) in REVERSED_FILES {
        fs::write(dir.join(fst_name), build_reversed_fst_bytes(&dir.join(text))?)?;
    }
    let lists: Vec<std::path::PathBuf> = ANY_LISTS.iter().map(|text| dir.join(text)).collect();
    let lists: Vec<&Path> = lists.iter().map(std::path::PathBuf::as_path).collect();
    fs::write(dir.join(ANY_FILE), build_union_fst_bytes(&lists, false)?)?;
    fs::write(dir.join(ANY_REVERSED_FILE), build_union_fst_bytes(&lists, true)?)?;
    let frequent = build_frequent_forms_bytes(dir)?;
    fs::write(
        dir.join(FREQUENT_WORDS_FILE),
        crate::text::build_frequent_words_bytes(&frequent),
    )?;
    fs::write(dir.join(FREQUENT_FORMS_FILE), frequent)?;
    Ok(())
}

/// Build the bytes of an fst set holding every word of the list at `path`
/// written backwards (by character).
pub fn build_reversed_fst_bytes(path: &Path) -> io::Result<Vec<u8>> {
    let text = fs::read_to_string(path)?;
    set_bytes(path, text.lines().map(|line| line.chars().rev().collect()).collect())
}

/// Build the bytes of the fst set of every word of the set lists at
/// `paths` (see [`ANY_LISTS`]), written backwards (by character) if
/// `reversed`.
pub fn build_union_fst_bytes(paths: &[&Path], reversed: bool) -> io::Result<Vec<u8>> {
    let mut words = Vec::new();
    for path in paths {
        let text = fs::read_to_string(path)?;
        words.extend(text.lines().map(|line| {
            if reversed {
                line.chars().rev().collect()
            } else {
                line.to_owned()
            }
        }));
    }
    set_bytes(paths.first().copied().unwrap_or(Path::new("")), words)
}

/// The bytes of the fst set of `words` (in any order; `path` names the
/// source in errors).
fn set_bytes(path: &Path, mut words: Vec<String>) -> io::Result<Vec<u8>> {
    words.sort_unstable();
    words.dedup();
    let mut builder = SetBuilder::memory();
    for word in &words {
        builder.insert(word).map_err(|e| invalid_data(path, 0, e))?;
    }
    builder.into_inner().map_err(|e| invalid_data(path, 0, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_words_are_words_and_typos_are_not() {
        for w in ["militarism", "militaries", "programme", "the", "o'clock", "café"] {
            assert!(is_word(w, Locale::Any), "{w}");
        }
        for w in ["militatism", "recieve", "definately", "seperate", "wich", ""] {
            assert!(!is_word(w, Locale::Any), "{w}");
        }
    }

    #[test]
    fn locales_split_spellings() {
        assert!(is_word("colour", Locale::Any));
        assert!(is_word("color", Locale::Any));
        assert!(is_word("color", Locale::Us));
        assert!(!is_word("colour", Locale::Us));
        assert!(is_word("colour", Locale::Gb));
        assert!(!is_word("color", Locale::Gb));
        assert!(is_word("organise", Locale::Gb));
        assert!(is_word("organize", Locale::Gb), "Oxford spelling is British too");
        assert!(!is_word("organise", Locale::Us));
        assert_eq!(Locale::default(), Locale::Any);
    }

    #[test]
    fn case_apostrophes_and_possessives() {
        assert!(is_word("Militarism", Locale::Any));
        assert!(is_word("O’Clock", Locale::Any));
        assert!(is_word("don’t", Locale::Us));
        assert!(is_word("I'm", Locale::Any));
        assert!(is_word("dog's", Locale::Any));
        assert!(is_word("dogs'", Locale::Any));
        assert!(is_word("it's", Locale::Any));
        assert!(!is_word("militatism's", Locale::Any));
        assert!(!is_word("'s", Locale::Any));
    }

    #[test]
    fn names() {
        for w in ["London", "obama", "NASA", "London's"] {
            assert!(is_known_name(w), "{w}");
        }
        assert!(!is_known_name("militatism"));
        assert!(!is_word("obama", Locale::Any), "names are kept apart from words");
    }

    #[test]
    fn known_prefixes_agree_with_a_lookup_per_prefix() {
        for word in [
            "snowpackers",
            "storylines",
            "dog'sbody",
            "dogs'home",
            "'s",
            "s'",
            "militatism",
            "",
            "colourful",
            "colorful",
            "theboat's",
            "xyzzy",
        ] {
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                let expected: Vec<bool> = (0..=word.len())
                    .map(|k| is_word(&word[..k], locale) || frequency(&word[..k]) > 0)
                    .collect();
                assert_eq!(known_prefixes(word, locale), expected, "{word} {locale:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn known_prefixes_agree_with_a_lookup_per_prefix_on_random_words(word in "[a-z']{0,14}") {
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                let expected: Vec<bool> = (0..=word.len())
                    .map(|k| is_word(&word[..k], locale) || frequency(&word[..k]) > 0)
                    .collect();
                proptest::prop_assert_eq!(known_prefixes(&word, locale), expected);
            }
        }
    }

    #[test]
    fn frequencies() {
        assert!(frequency("the") > frequency("militarism"));
        assert!(frequency("Militarism") > 0);
        assert_eq!(frequency("militatism"), 0);
    }

    #[test]
    fn near_words_finds_the_intended_word() {
        let near = near_words("militatism", 1, Locale::Any);
        assert_eq!(near.first(), Some(&("militarism".to_owned(), 1)), "{near:?}");
        assert!(near.iter().all(|(_, d)| *d == 1));

        let near2 = near_words("militatism", 2, Locale::Any);
        assert!(near2.len() >= near.len());
        assert!(near2.iter().all(|(_, d)| (1..=2).contains(d)));

        let exact = near_words("colour", 1, Locale::Us);
        assert!(exact.contains(&("color".to_owned(), 1)));
        assert!(!exact.iter().any(|(w, _)| w == "colour"));
        assert_eq!(near_words("colour", 1, Locale::Gb)[0], ("colour".to_owned(), 0));
    }

    #[test]
    fn widening_finds_what_near_words_finds() {
        let sorted = |mut words: Vec<(String, u32)>| {
            words.sort();
            words
        };
        for query in [
            "militatism",
            "colour",
            "colur",
            "organisaton",
            "cta",
            "teh",
            "abcd",
            "recieve",
            "jewelery",
            "Xylophnoe",
            "café",
            "",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        ] {
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                let one = sorted(near_words(query, 1, locale));
                let two = sorted(near_words(query, 2, locale));
                let mut seen = None;
                let narrow = near_words_widening(query, locale, |within_one| {
                    seen = Some(sorted(within_one.to_vec()));
                    false
                });
                assert_eq!(sorted(narrow), one, "{query} {locale:?}");
                let long = query.chars().count() >= MIN_CHARS_FOR_TWO_EDITS && query.len() <= 64;
                assert_eq!(seen, long.then(|| one.clone()), "{query} {locale:?}");
                let wide = near_words_widening(query, locale, |_| true);
                assert_eq!(sorted(wide), two, "{query} {locale:?}");
            }
        }
    }

    #[test]
    fn short_words_get_one_edit() {
        assert!(near_words("cta", 2, Locale::Any).iter().all(|(_, d)| *d <= 1));
        assert!(near_words("", 2, Locale::Any)
            .iter()
            .all(|(w, _)| w.chars().count() <= 1));
    }

    #[test]
    fn the_walk_agrees_with_the_plain_distance() {
        // The reference: the bit-parallel Levenshtein distance of text::distance, in characters.
        let distance = |a: &str, b: &str| crate::text::distance::Pattern::new(a).distance(b) as u32;
        assert_eq!(distance("café", "cafe"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
        let mut words = vec![
            "militarism",
            "militatism",
            "café",
            "cafe",
            "naïve",
            "naive",
            "über",
            "colour",
            "color",
            "",
            "a",
            "ab",
            "kitten",
            "sitting",
            "Ωmega",
            "omega",
            "日本語",
            "日本",
            "mile",
            "miles",
            "smile",
        ];
        words.sort();
        words.dedup();
        let (set, reversed) = forward_and_backward(&words);
        for query in words
            .iter()
            .copied()
            .chain(["militrism", "milltarysm", "xkitten", "kitetn", "smiel"])
        {
            for max in 0..=3u32 {
                let found = within_edits(&set, query, max).unwrap();
                let expected: Vec<(String, u32)> = words
                    .iter()
                    .map(|w| (w.to_string(), distance(query, w)))
                    .filter(|&(_, d)| d <= max)
                    .collect();
                assert_eq!(found, expected, "{query} within {max}");
                if max == 2 {
                    let two = within_two_edits(&set, &reversed, query).unwrap();
                    assert_eq!(two, expected, "{query} within two edits, forward and backward");
                }
            }
        }
        assert!(within_edits(&set, &"x".repeat(65), 1).is_none());
    }

    #[test]
    fn the_two_edit_search_agrees_with_the_plain_walk_on_the_lexicon() {
        let lex = lexicon();
        for query in [
            "militatism",
            "recieve",
            "definately",
            "goverment",
            "xylophnoe",
            "abcde",
            "aaaaaa",
            "emmbarassed",
            "teh",
            "scool",
            "strenght",
            "colur",
            "favorit",
            "organisaton",
            "theatr",
            "programe",
            "jewelery",
            "catalogu",
            "defensce",
            "aaaaaaaaaaa",
        ] {
            assert_eq!(
                within_two_edits(&lex.common, &lex.common_reversed, query),
                within_edits(&lex.common, query, 2),
                "{query}"
            );
            for set in [&lex.us, &lex.gb] {
                assert_eq!(lex.within_two_edits(set, query), within_edits(set, query, 2), "{query}");
            }
        }
    }

    /// The union set ([`ANY_LISTS`]) and its reversed copy hold exactly the
    /// words of the common, US and GB sets (forwards and backwards).
    #[test]
    fn the_union_set_is_the_three_sets() {
        let lex = lexicon();
        let words = |set: &Set<&'static [u8]>| set.stream().into_strs().unwrap();
        let union = |sets: [&Set<&'static [u8]>; 3]| {
            let mut all: Vec<String> = sets.into_iter().flat_map(words).collect();
            all.sort_unstable();
            all
        };
        assert_eq!(words(&lex.any), union([&lex.common, &lex.us, &lex.gb]));
        assert_eq!(
            words(&lex.any_reversed),
            union([&lex.common_reversed, &lex.us_reversed, &lex.gb_reversed])
        );
    }

    /// `Locale::Any`'s lookups in the union set answer as the three sets
    /// do: every word of the US and GB sets, every hundredth common word,
    /// and those with a letter changed or added (mostly not words).
    #[test]
    fn the_union_set_answers_as_the_three_sets_do() {
        let lex = lexicon();
        let in_three = |w: &str| {
            let w = w.as_bytes();
            lex.common_lean.contains(w) || lex.us_lean.contains(w) || lex.gb_lean.contains(w)
        };
        let mut words: Vec<String> = lex.us.stream().into_strs().unwrap();
        words.extend(lex.gb.stream().into_strs().unwrap());
        words.extend(lex.common.stream().into_strs().unwrap().into_iter().step_by(100));
        for word in &words {
            for variant in [
                word.clone(),
                format!("{word}x"),
                format!("q{word}"),
                word.replacen('e', "a", 1),
            ] {
                assert_eq!(lex.has_word(&variant, Locale::Any), in_three(&variant), "{variant}");
            }
        }
    }

    /// A walk of the union set finds what walks of the three sets find,
    /// forwards and backwards, for one and two edits (a key is found or
    /// not by its own path, whatever else the set holds).
    #[test]
    fn walks_of_the_union_set_find_what_walks_of_the_three_sets_find() {
        let lex = lexicon();
        let sorted = |mut found: Vec<(String, u32)>| {
            found.sort();
            found
        };
        let mut queries: Vec<String> = [
            "militatism",
            "recieve",
            "colur",
            "favorit",
            "organisaton",
            "catalogu",
            "defensce",
            "teh",
            "cta",
            "honour",
            "honor",
            "jewelery",
            "centre",
            "aluminum",
            "café",
            "ab",
        ]
        .iter()
        .map(|q| q.to_string())
        .collect();
        queries.extend(
            lex.us
                .stream()
                .into_strs()
                .unwrap()
                .into_iter()
                .step_by(97)
                .map(|w| w.replacen('o', "", 1)),
        );
        queries.extend(
            lex.gb
                .stream()
                .into_strs()
                .unwrap()
                .into_iter()
                .step_by(211)
                .map(|w| format!("{w}e")),
        );
        for query in &queries {
            let chars: Vec<char> = query.chars().collect();
            let split = split(chars.len());
            for (max, strict, strict_max) in [(1, 0, 0), (2, split, 1), (2, 0, 0)] {
                let three: Vec<(String, u32)> = [&lex.common, &lex.us, &lex.gb]
                    .into_iter()
                    .flat_map(|set| walk(set.as_fst(), &chars, max, strict, strict_max))
                    .collect();
                assert_eq!(
                    sorted(walk(lex.any.as_fst(), &chars, max, strict, strict_max)),
                    sorted(three),
                    "{query} {max} {strict}"
                );
            }
            let mut three = Vec::new();
            for set in [&lex.common_reversed, &lex.us_reversed, &lex.gb_reversed] {
                backward_walk(set, &chars, split, &mut three);
            }
            let mut any = Vec::new();
            backward_walk(&lex.any_reversed, &chars, split, &mut any);
            assert_eq!(sorted(any), sorted(three), "{query} backwards");
        }
    }

    /// A set of the sorted, distinct `words` and the set of them written backwards.
    fn forward_and_backward<W: AsRef<str>>(words: &[W]) -> (Set<Vec<u8>>, Set<Vec<u8>>) {
        let mut reversed: Vec<String> = words.iter().map(|w| w.as_ref().chars().rev().collect()).collect();
        reversed.sort();
        let forward = Set::from_iter(words.iter().map(AsRef::as_ref)).unwrap();
        (forward, Set::from_iter(&reversed).unwrap())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// Both walks against the plain distance, on random word lists over
        /// a small alphabet (so that near words are common), with a
        /// multi-byte letter to exercise the UTF-8 decoding.
        #[test]
        fn walks_agree_with_the_plain_distance(
            mut words in proptest::collection::vec("[abcé]{0,7}", 1..40),
            query in "[abcé]{0,8}",
        ) {
            let distance = |a: &str, b: &str| crate::text::distance::Pattern::new(a).distance(b) as u32;
            words.sort();
            words.dedup();
            let (set, reversed) = forward_and_backward(&words);
            for max in 0..=2u32 {
                let expected: Vec<(String, u32)> = words
                    .iter()
                    .map(|w| (w.clone(), distance(&query, w)))
                    .filter(|&(_, d)| d <= max)
                    .collect();
                proptest::prop_assert_eq!(&within_edits(&set, &query, max).unwrap(), &expected);
                if max == 2 {
                    proptest::prop_assert_eq!(&within_two_edits(&set, &reversed, &query).unwrap(), &expected);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// The guided walk against the plain one on the lexicon's own words,
        /// for queries one to three slips from a word and for any split of
        /// the strict columns (as the two halves of the two-edit search use).
        #[test]
        fn the_guided_walk_agrees_with_the_plain_walk(
            seed in 0usize..120_000,
            slips in proptest::collection::vec((0usize..3, 0usize..16, "[a-z']"), 0..3),
            max in 0u32..=3,
            strict in 0usize..10,
            strict_max in 0u8..=1,
        ) {
            let lex = lexicon();
            static WORDS: OnceLock<Vec<String>> = OnceLock::new();
            let words = WORDS.get_or_init(|| lexicon().common.stream().into_strs().unwrap());
            let word = &words[seed % words.len()];
            let mut query: Vec<char> = word.chars().collect();
            for (kind, at, letter) in slips {
                let at = at.min(query.len());
                let letter = letter.chars().next().unwrap();
                match kind {
                    0 => query.insert(at, letter),
                    1 if at < query.len() => { query.remove(at); }
                    _ if at < query.len() => query[at] = letter,
                    _ => query.push(letter),
                }
            }
            for set in [&lex.common, &lex.common_reversed, &lex.gb] {
                proptest::prop_assert_eq!(
                    walk_with(set.as_fst(), &query, max, strict, strict_max, true),
                    walk_with(set.as_fst(), &query, max, strict, strict_max, false),
                    "{:?}", query
                );
            }
        }
    }

    /// The row update the walk had before its rows were bit-parallel, for
    /// the tests: row `depth + 1` (all columns, `max + 1` out of reach)
    /// from row `depth` after the key character `c`, computing only the
    /// band of `max` around the diagonal, and its least cell.
    fn scalar_row(previous: &[u8], depth: usize, c: char, query: &[char], limits: &[u8], max: u8) -> (Vec<u8>, u8) {
        let cap = max + 1;
        let mut next = vec![cap; query.len() + 1];
        let i = depth + 1;
        let lo = i.saturating_sub(usize::from(max)).max(1);
        let hi = (i + usize::from(max)).min(query.len());
        next[0] = if i > usize::from(limits[0]) { cap } else { i as u8 };
        let mut least = next[0];
        for j in lo..=hi {
            let value = (previous[j - 1] + u8::from(query[j - 1] != c))
                .min(previous[j] + 1)
                .min(next[j - 1] + 1);
            next[j] = if value > limits[j] { cap } else { value };
            least = least.min(next[j]);
        }
        (next, least)
    }

    /// The letters the walk had found in reach before its rows were
    /// bit-parallel, for the tests (`None`: any letter may keep it going).
    fn scalar_letters(previous: &[u8], depth: usize, query: &[char], limits: &[u8], max: u8) -> Option<Vec<u8>> {
        let i = depth + 1;
        let first = if i > usize::from(limits[0]) { max + 1 } else { i as u8 };
        if first <= max {
            return None;
        }
        let lo = i.saturating_sub(usize::from(max)).max(1);
        let hi = (i + usize::from(max)).min(query.len());
        let mut letters = Vec::new();
        for j in lo..=hi {
            if previous[j - 1].min(previous[j]) < limits[j] {
                return None;
            }
            if previous[j - 1] <= limits[j] && !letters.contains(&(query[j - 1] as u8)) {
                letters.push(query[j - 1] as u8);
            }
        }
        Some(letters)
    }

    /// Row 0 and the column limits of a walk, as the scalar rows had them.
    fn scalar_start(query: &[char], max: u8, strict: usize, strict_max: u8) -> (Vec<u8>, Vec<u8>) {
        let limits: Vec<u8> = (0..=query.len())
            .map(|j| if j < strict { max.min(strict_max) } else { max })
            .collect();
        let row = (0..=query.len())
            .map(|j| if j as u8 <= limits[j] { j as u8 } else { max + 1 })
            .collect();
        (row, limits)
    }

    /// [`bit_parallel_rows_agree_with_the_scalar_rows`] for one walk: its
    /// rows along `key` against the scalar rows.
    fn rows_agree<const L: usize>(
        mut walk: Walk<'_, L>,
        key: &[char],
        strict: usize,
        strict_max: u8,
    ) -> Result<(), proptest::test_runner::TestCaseError> {
        let (query, max) = (walk.query, walk.max);
        let (mut row, limits) = scalar_start(query, max, strict, strict_max);
        let depths = walk.rows.len();
        for (depth, &c) in key.iter().enumerate() {
            for (j, &cell) in row.iter().enumerate() {
                proptest::prop_assert_eq!(walk.cell(depth, j), cell, "depth {} column {}", depth, j);
            }
            proptest::prop_assert_eq!(walk.last_cell(depth), row[query.len()], "depth {}", depth);
            let letters = walk
                .letters_in_reach(depth)
                .map(|(letters, count)| letters[..count].to_vec());
            if query.iter().all(char::is_ascii) {
                proptest::prop_assert_eq!(letters, scalar_letters(&row, depth, query, &limits, max));
            }
            if depth + 2 > depths {
                break;
            }
            let (next, least) = scalar_row(&row, depth, c, query, &limits, max);
            proptest::prop_assert_eq!(walk.advance(depth, c), least);
            if least > max {
                break;
            }
            row = next;
        }
        Ok(())
    }

    /// Random queries of up to 64 characters (the longest a walk takes)
    /// over a small alphabet with a multi-byte letter, often long.
    fn random_query() -> impl proptest::strategy::Strategy<Value = Vec<char>> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'é']), 0..12),
            proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'é']), 56..=64),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]

        /// The bit-parallel rows hold the cells the scalar row update
        /// computes, row after row along a key, with the same least cell,
        /// and find the same letters in reach.
        #[test]
        fn bit_parallel_rows_agree_with_the_scalar_rows(
            query in random_query(),
            key in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', 'd', 'é']), 0..20),
            max in 0u32..=4,
            strict in 0usize..14,
            strict_max in 0u8..=2,
        ) {
            // The rows a search keeps (two or three masks for one or two
            // edits) and the widest, with masks past `max`.
            match max {
                0 | 1 => rows_agree(Walk::<2>::new(lexicon().common_lean, &query, max, strict, strict_max), &key, strict, strict_max)?,
                2 => rows_agree(Walk::<3>::new(lexicon().common_lean, &query, max, strict, strict_max), &key, strict, strict_max)?,
                _ => {}
            }
            rows_agree(Walk::<LEVELS>::new(lexicon().common_lean, &query, max, strict, strict_max), &key, strict, strict_max)?;
        }

        /// A walk finds exactly the keys whose last cell, by the scalar
        /// rows over the whole key, is within reach (the pruning of rows
        /// out of reach and the exact tails after the last edit lose none),
        /// guided or not, for any split of the strict columns.
        #[test]
        fn walks_find_the_keys_the_scalar_rows_reach(
            mut words in proptest::collection::vec("[abcé]{0,9}", 1..40),
            query in "[abcé]{0,9}",
            max in 0u32..=3,
            strict in 0usize..10,
            strict_max in 0u8..=1,
        ) {
            words.sort();
            words.dedup();
            let set = Set::from_iter(&words).unwrap();
            let query: Vec<char> = query.chars().collect();
            let cap = max as u8;
            let expected: Vec<(String, u32)> = words
                .iter()
                .filter_map(|word| {
                    let (mut row, limits) = scalar_start(&query, cap, strict, strict_max);
                    for (depth, c) in word.chars().enumerate() {
                        row = scalar_row(&row, depth, c, &query, &limits, cap).0;
                    }
                    let last = row[query.len()];
                    (last <= cap).then(|| (word.clone(), u32::from(last)))
                })
                .collect();
            for guided in [true, false] {
                proptest::prop_assert_eq!(&walk_with(set.as_fst(), &query, max, strict, strict_max, guided), &expected);
            }
        }
    }

    #[test]
    fn the_frequent_forms_answer_as_the_word_sets_do() {
        // Every form of the frequency list (the table's 40,000 and the
        // rest), in each locale; and the table holds exactly its 40,000.
        let text =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon/freq.txt")).unwrap();
        let mut held = 0;
        for word in text.lines().filter_map(|line| line.split('\t').next()) {
            let word = normalise(word);
            held += usize::from(frequent::answers(FREQUENT, word.as_bytes()).is_some());
            assert_eq!(has_frequency(&word), frequency(&word) > 0, "{word}");
            assert_eq!(has_normalised_frequency(&word), frequency(&word) > 0, "{word}");
            if surely_below_frequent_floor(&word) {
                assert!(frequency(&word) < FREQUENT_FLOOR, "{word}");
            }
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                assert_eq!(
                    is_normalised_word(&word, locale),
                    is_normalised_word_in_sets(&word, locale),
                    "{word} in {locale:?}"
                );
            }
        }
        assert_eq!(held, frequent::FORMS);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        /// Any form (frequent or not, possessive or not) gets the answers
        /// of the word sets.
        #[test]
        fn words_answer_as_the_word_sets_do(word in "[a-z]{1,5}('s|s'|[a-z]{0,12})") {
            proptest::prop_assert_eq!(has_frequency(&word), frequency(&word) > 0);
            proptest::prop_assert_eq!(has_normalised_frequency(&word), frequency(&word) > 0);
            proptest::prop_assert!(!surely_below_frequent_floor(&word) || frequency(&word) < FREQUENT_FLOOR);
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                proptest::prop_assert_eq!(is_normalised_word(&word, locale), is_normalised_word_in_sets(&word, locale));
            }
        }

        /// A table key is the form's zero-padded little-endian words.
        #[test]
        fn table_keys_are_the_padded_words(word in proptest::collection::vec(1u8.., 0..=20)) {
            let expected = (1..=frequent::MAX_BYTES)
                .contains(&word.len())
                .then(|| crate::text::le_words::<2>(&word))
                .map(|[low, high]| (low, high));
            proptest::prop_assert_eq!(frequent::key(&word), expected);
            for n in 0..=word.len().min(8) {
                proptest::prop_assert_eq!(frequent::le_u64(&word[..n]), crate::text::le_words::<1>(&word[..n])[0]);
            }
        }

        /// A table finds each form built into it with its answers, and no
        /// other form.
        #[test]
        fn the_table_of_frequent_forms_finds_what_it_holds(
            forms in proptest::collection::btree_map("[a-z']{1,15}", 0u8..8, 0..400),
            others in proptest::collection::vec("[a-z']{0,18}", 0..50),
        ) {
            let table = frequent::build(forms.iter().map(|(word, &answers)| (word.as_bytes(), answers)));
            for (word, &answers) in &forms {
                proptest::prop_assert_eq!(frequent::answers(&table, word.as_bytes()), Some(answers));
            }
            for word in others.iter().filter(|w| !forms.contains_key(*w)) {
                proptest::prop_assert_eq!(frequent::answers(&table, word.as_bytes()), None);
            }
        }
    }

    #[test]
    fn names_one_edit_away() {
        assert!(is_near_known_name("Londen"));
        assert!(is_near_known_name("obamma"));
        assert!(!is_near_known_name("militatism"));
    }
}
