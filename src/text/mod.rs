//! Text analysis: words, numbers, sentences, stems and stopwords.
//!
//! Everything here works on byte ranges of one text so that the tokens it
//! returns carry offsets into the original file. Nothing here knows about
//! documents or summaries; `document` and `align` build on it.

pub mod distance;
pub mod lexicon;
pub mod numbers;
pub mod porter2;
pub mod sentences;
pub mod stopwords;
pub mod synonyms;
pub mod tokens;
pub mod word_index;
pub mod words;

pub use numbers::Number;
pub use sentences::split_sentences;
pub use tokens::{tokenize, Shared, Token, TokenKind};
pub use word_index::WordIndex;

/// Lowercases and folds typographic apostrophes and quotes so that
/// "Putin’s" and "Putin's" compare equal.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        // Most words: a copy lowered in place, no char decoding.
        let mut out = word.to_ascii_lowercase();
        if out.contains('`') {
            out = out.replace('`', "'");
        }
        return out;
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// [`fold`] written into `out` (cleared first): the word cache folds each
/// new word into one buffer, where a `String` per word was allocated,
/// copied into the shared string and freed.
fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // Lowered in place, a word at a time, as `fold` does.
        out.push_str(word);
        out.make_ascii_lowercase();
        if out.contains('`') {
            *out = out.replace('`', "'");
        }
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
}

/// The English stem of an already folded word ("militaries" → "militari").
pub fn stem(folded: &str) -> String {
    let mut out = Vec::new();
    stem_into(folded, &mut out);
    String::from_utf8(out).expect("a stem of UTF-8 is UTF-8")
}

/// [`stem`] written into `out` (cleared first; a buffer the caller reuses).
fn stem_into(folded: &str, out: &mut Vec<u8>) {
    use std::sync::OnceLock;
    static STEMMER: OnceLock<rust_stemmers::Stemmer> = OnceLock::new();
    let base = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\''))
        .unwrap_or(folded);
    // ASCII words (almost all) by the same algorithm without the crate's
    // machinery, a tenth of the cost; others by the crate.
    if !porter2::stem_into(base, out) {
        let stemmer = STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English));
        out.clear();
        out.extend_from_slice(stemmer.stem(base).as_bytes());
    }
}

/// What the tokenizer needs to know about a folded word that does not
/// depend on its context.
#[derive(Clone, Debug)]
pub struct WordInfo {
    /// The word [`fold`]ed.
    pub folded: tokens::Shared,
    pub stem: tokens::Shared,
    pub stop: bool,
    pub number: Option<Number>,
    /// [`numbers::multiplier`] of the folded word ("million").
    pub multiplier: Option<f64>,
    /// A clitic the tokenizer makes a function word when written apart ("'s", "n't").
    pub clitic: bool,
}

/// Distinct words remembered per thread before the cache starts over:
/// far more than the vocabulary of any article, a few MB at most.
const WORD_CACHE_LIMIT: usize = 50_000;

/// Short words the per-thread cache has room for from its first word (a
/// 1 MB table of 64-byte slots).
const WORD_CACHE_INITIAL: usize = 8192;

/// The [`fold`] of a written word and the [`stem`], [`stopwords::is_stopword`]
/// and [`numbers::parse`] of that, remembered per thread. Why: words repeat (Zipf), and stemming
/// each occurrence was a quarter of the whole run; a lookup is a hash of a
/// short string. The cache is bounded, so memory stays flat on any batch.
pub fn word_info(word: &str) -> WordInfo {
    with_word_cache(|cache| cache.info(word))
}

/// The per-thread cache behind [`word_info`].
#[derive(Default)]
pub struct WordCache {
    /// Words of up to [`ShortWord::MAX`] bytes (almost all), by their bytes
    /// packed into three integers: hashed and compared in three steps,
    /// where a string key took a byte hash and a `memcmp` call.
    short: rustc_hash::FxHashMap<ShortWord, CachedWord>,
    /// Longer words.
    long: rustc_hash::FxHashMap<Box<str>, CachedWord>,
    /// Where a new word is folded and stemmed ([`WordCache::insert`]).
    scratch: WordScratch,
    /// Words that are numbers or multipliers ("2019", "1.5", "three",
    /// "million"), as written, by their short key, with their parse and
    /// number key ([`WordCache::numbers_at`]).
    numbers: rustc_hash::FxHashMap<ShortWord, tokens::NumberWord>,
}

/// Distinct number words remembered per thread before that table starts
/// over (years, counts and amounts repeat across a batch; one-off figures
/// are what fills it).
const NUMBER_WORDS_LIMIT: usize = 16_384;

/// Buffers for working out a new word's [`CachedWord`]: its strings are
/// made once, in their shared form, from these.
#[derive(Default)]
struct WordScratch {
    folded: String,
    stem: Vec<u8>,
}

/// A [`WordInfo`] as the cache keeps it: the strings and one byte of
/// flags, 40 bytes, so that a table slot with its 24-byte key is one
/// 64-byte cache line (a `WordInfo`, whose number and multiplier take 32
/// bytes, made slots of 96). The tokenizer probes the table for every word
/// and most probes of a large vocabulary miss the cache: the smaller the
/// slots, the more of them stay in it. The few words that are numbers or
/// multipliers ("three", "million") have their number parsed again.
#[derive(Clone)]
pub(crate) struct CachedWord {
    pub(crate) folded: tokens::Shared,
    pub(crate) stem: tokens::Shared,
    /// [`tokens::stem_hash`] of `stem` (in what was padding: still 40 bytes).
    pub(crate) stem_hash: u32,
    pub(crate) flags: u8,
}

/// [`WordInfo::stop`] in [`CachedWord::flags`].
pub(crate) const STOP: u8 = 1;
/// [`WordInfo::clitic`].
pub(crate) const CLITIC: u8 = 2;
/// A number or a multiplier: [`CachedWord::info`] parses the folded form again.
pub(crate) const NUMERIC: u8 = 4;

impl CachedWord {
    fn new(info: &WordInfo) -> CachedWord {
        let flag = |on: bool, flag: u8| if on { flag } else { 0 };
        CachedWord {
            folded: info.folded.clone(),
            stem: info.stem.clone(),
            stem_hash: tokens::stem_hash(&info.stem),
            flags: flag(info.stop, STOP)
                | flag(info.clitic, CLITIC)
                | flag(info.number.is_some() || info.multiplier.is_some(), NUMERIC),
        }
    }

    pub(crate) fn info(self) -> WordInfo {
        let numeric = self.flags & NUMERIC != 0;
        WordInfo {
            stop: self.flags & STOP != 0,
            number: if numeric { numbers::parse(&self.folded) } else { None },
            multiplier: if numeric {
                numbers::multiplier(&self.folded)
            } else {
                None
            },
            clitic: self.flags & CLITIC != 0,
            folded: self.folded,
            stem: self.stem,
        }
    }
}

/// A word of at most [`ShortWord::MAX`] bytes: its bytes, zero-padded, and
/// its length in the last byte, so that two keys are equal exactly when
/// the words are.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct ShortWord([u64; 3]);

impl ShortWord {
    const MAX: usize = 23;

    fn new(word: &str) -> Option<ShortWord> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::MAX {
            return None;
        }
        Some(Self::of_bytes(bytes))
    }

    /// [`ShortWord::new`] of a word's bytes, at most [`ShortWord::MAX`] of
    /// them (the near-end case of [`ShortWord::at`], whose bytes are a
    /// word's and need no UTF-8 check again).
    fn of_bytes(bytes: &[u8]) -> ShortWord {
        debug_assert!(bytes.len() <= Self::MAX);
        let mut packed = [0u8; 24];
        packed[..bytes.len()].copy_from_slice(bytes);
        packed[23] = bytes.len() as u8;
        let part = |i: usize| u64::from_le_bytes(packed[i * 8..i * 8 + 8].try_into().expect("eight bytes"));
        ShortWord([part(0), part(1), part(2)])
    }

    /// [`ShortWord::new`] of `text[start..start + len]` (a word of `text`),
    /// read as three 8-byte loads from the text, masked to the word. Why:
    /// the tokenizer asks this for every word, and the byte copy into a
    /// zeroed buffer was a call to `memcpy` whose byte stores the 8-byte
    /// reads right after could not take from the store buffer: a stall per
    /// word that instruction counts do not show. Near the end of the text,
    /// where 24 bytes are not there to read, it copies as `new` does.
    pub(super) fn at(text: &[u8], start: usize, len: usize) -> Option<ShortWord> {
        /// Per length, the masks that keep a word's bytes of each part.
        static MASKS: [[u64; 3]; ShortWord::MAX + 1] = {
            let mut masks = [[0u64; 3]; ShortWord::MAX + 1];
            let mut len = 0;
            while len <= ShortWord::MAX {
                let mut byte = 0;
                while byte < len {
                    masks[len][byte / 8] |= 0xff << (8 * (byte % 8));
                    byte += 1;
                }
                len += 1;
            }
            masks
        };
        let masks = MASKS.get(len)?;
        let Some(window) = text.get(start..start + 24) else {
            return Some(Self::of_bytes(text.get(start..start + len)?));
        };
        let window: &[u8; 24] = window.try_into().expect("24 bytes");
        let part = |i: usize| {
            let bytes: &[u8; 8] = window[i * 8..i * 8 + 8].try_into().expect("eight bytes");
            u64::from_le_bytes(*bytes) & masks[i]
        };
        // (len <= 23: the last part keeps at most 7 bytes; the 8th is the length.)
        Some(ShortWord([part(0), part(1), part(2) | (len as u64) << 56]))
    }
}

impl ShortWord {
    /// True if the word is all ASCII (the length byte is below 0x80 too).
    #[inline(always)]
    fn is_ascii(&self) -> bool {
        (self.0[0] | self.0[1] | self.0[2]) & ASCII_HIGH == 0
    }

    /// The key of the [`fold`] of an all-ASCII word: its capitals lowered
    /// and its backticks made apostrophes, eight bytes at a time (the same
    /// length, so the length byte stays; it and the zero padding are no
    /// capital and no backtick).
    #[inline(always)]
    fn ascii_folded(self) -> ShortWord {
        let fold = |w: u64| {
            let capitals = ascii_in_range(w, b'A', b'Z');
            let backticks = ascii_in_range(w, b'`', b'`');
            // A capital gains 0x20 (its high bit, 0x80, shifted down by
            // two); a backtick (0x60) loses 0x39 to become 0x27.
            (w + (capitals >> 2)) - (backticks >> 7) * 0x39
        };
        ShortWord([fold(self.0[0]), fold(self.0[1]), fold(self.0[2])])
    }
}

/// Eight high bits: one per byte of a `u64`.
const ASCII_HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` (all ASCII) that is in `lo..=hi`
/// (as in `words::in_range`: no sum carries into the next byte).
#[inline(always)]
fn ascii_in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let splat = |b: u8| 0x0101_0101_0101_0101 * u64::from(b);
    (w + splat(0x80 - lo)) & !(w + splat(0x7f - hi)) & ASCII_HIGH
}

impl std::hash::Hash for ShortWord {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Three integer steps; the derived hash writes the array as bytes.
        for part in self.0 {
            state.write_u64(part);
        }
    }
}

impl WordCache {
    /// [`word_info`] of `word`, without the thread-local access.
    pub fn info(&mut self, word: &str) -> WordInfo {
        self.cached(word, ShortWord::new(word)).info()
    }

    /// The cached entry of `word`, whose short key (if it has one) is
    /// `short`, if the cache holds it: one probe, and a borrow of the slot
    /// (the tokenizer clones the strings from it straight into the token).
    /// Always inlined: the tokenizer's loop asks it for every word, and
    /// once that loop took in the per-word closure this was left a call.
    #[inline(always)]
    pub(super) fn get_keyed(&self, word: &str, short: Option<ShortWord>) -> Option<&CachedWord> {
        match short {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// What the tokenizer keeps of `word`, a number or multiplier word that
    /// is `text[start..start + word.len()]`: worked out by `make` the first
    /// time; `None` for a word too long for a short key.
    pub(super) fn numbers_at(
        &mut self,
        word: &str,
        text: &str,
        start: usize,
        make: impl FnOnce() -> tokens::NumberWord,
    ) -> Option<&mut tokens::NumberWord> {
        let key = ShortWord::at(text.as_bytes(), start, word.len())?;
        if self.numbers.len() >= NUMBER_WORDS_LIMIT && !self.numbers.contains_key(&key) {
            self.numbers.clear();
        }
        Some(self.numbers.entry(key).or_insert_with(make))
    }

    /// [`WordCache::info`] of `word`, whose short key (if it has one) is
    /// `short`, as the cache keeps it (the tokenizer reads the flags itself
    /// and asks [`CachedWord::info`] only for the few numeric words).
    #[inline]
    pub(super) fn cached(&mut self, word: &str, short: Option<ShortWord>) -> CachedWord {
        let cached = match short {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        };
        match cached {
            Some(cached) => cached.clone(),
            None => self.insert(word, short),
        }
    }

    /// [`WordCache::cached`] of a word not in the cache: worked out and kept.
    #[inline(never)]
    pub(super) fn insert(&mut self, word: &str, short: Option<ShortWord>) -> CachedWord {
        if self.short.capacity() == 0 {
            // Room for a few hundred articles' words from the start: grown
            // from nothing, the table was rehashed a dozen times on 156
            // distinct documents (about 1.5 M instructions), each time
            // moving every word seen so far.
            self.short.reserve(WORD_CACHE_INITIAL);
        }
        // "The" after "the": an ASCII word's info is that of its folded
        // form (folding ASCII twice changes nothing), so a word seen before
        // in other case is not folded, stemmed and parsed again.
        //
        // A short ASCII word (almost every new word) is folded on its key,
        // eight bytes at a time: one written in lower case (most) is its
        // own fold and is not copied, lowered and searched for a backtick,
        // and the key of a capitalised one's fold needs no packing. (Those
        // byte loops and their `memcpy` and `memchr` calls, whose exits and
        // size dispatch varied with every word, were a fifth of a new
        // word's cost.)
        let scratch = &mut self.scratch;
        let cached = match short.filter(|key| key.is_ascii()) {
            Some(key) => {
                let lower = key.ascii_folded();
                if lower == key {
                    cached_of_folded(word, &mut scratch.stem)
                } else if let Some(seen) = self.short.get(&lower) {
                    // A capitalised word whose fold the cache holds ("The"
                    // after "the"), asked by the folded key before the fold
                    // is made a `str`: the UTF-8 check of its bytes (a loop
                    // by length, whose exit mispredicted) is only for a
                    // fold to work out.
                    seen.clone()
                } else {
                    // (A capitalised word's fold is its folded key's bytes.)
                    let mut lowered = [0u8; 24];
                    for (bytes, part) in lowered.chunks_exact_mut(8).zip(lower.0) {
                        bytes.copy_from_slice(&part.to_le_bytes());
                    }
                    // (Checked as UTF-8 whole, then cut: a check of a
                    // fixed length, whose loop exits alike for every word,
                    // where one of the word's length mispredicted.)
                    let folded = std::str::from_utf8(&lowered).expect("an ASCII fold is ASCII");
                    let folded = folded.get(..word.len()).expect("an ASCII fold is ASCII");
                    cached_of_folded(folded, &mut scratch.stem)
                }
            }
            None => {
                fold_into(word, &mut scratch.folded);
                let folded = scratch.folded.as_str();
                let seen = ShortWord::new(folded)
                    .filter(|_| word.is_ascii() && folded != word)
                    .and_then(|key| self.short.get(&key));
                match seen {
                    Some(seen) => seen.clone(),
                    None => cached_of_folded(folded, &mut scratch.stem),
                }
            }
        };
        // (The fold of a capitalised word is not kept as well, as it once
        // was for the "the" after a "The": most capitalised words are names
        // and sentence starts whose folded form is never written, and those
        // entries, a fifth of the cache on distinct documents (2,900 of
        // 15,600 on the 153 of the speed runs), pushed it past its first
        // table's room: the table grew to 2 MB and every word was rehashed
        // into fresh pages, which on one thread cost 32,000 second-level
        // misses and 500 page faults. A folded form met later is worked
        // out then, from the table of frequent forms for most.)
        // A very long "word" (a URL, a run of letters) is not worth keeping.
        if word.len() <= 64 {
            if self.short.len() + self.long.len() >= WORD_CACHE_LIMIT {
                self.short.clear();
                self.long.clear();
            }
            match short {
                Some(key) => self.short.insert(key, cached.clone()),
                None => self.long.insert(word.into(), cached.clone()),
            };
        }
        cached
    }
}

/// The [`CachedWord`] of a word whose [`fold`] is `folded`: from the table
/// of frequent forms, or worked out (a word that is its own stem shares one
/// string).
///
/// (Each thread works out the words it meets itself. A process-wide
/// second level behind the per-thread caches (a sharded `RwLock` map,
/// asked on a thread-local miss on two threads) was taken out: with each
/// article's records checked on one worker, what one worker could take
/// from the other is the common vocabulary, and most of that is in the
/// table of frequent forms; the rest did not pay for the locks, lookups
/// and copies. Two threads, medians of alternated runs: CPU 2.5-4% lower
/// without it on distinct documents and on the 17 MB repeated corpus,
/// instructions 1.3 M lower on both test files; see docs/performance.md.)
///
/// `stem_buffer` is a buffer to stem in, reused from word to word.
fn cached_of_folded(folded: &str, stem_buffer: &mut Vec<u8>) -> CachedWord {
    if let Some(cached) = frequent_word(folded) {
        return cached;
    }
    CachedWord::new(&word_info_of_folded(folded, stem_buffer))
}

/// What the word cache keeps of each form of the lexicon's table of
/// frequent forms ([`lexicon::frequent_slot`]), by slot: a little-endian
/// `u32` each ([`frequent_words`]), built ahead of time by
/// [`build_frequent_words_bytes`] (`cargo run --example gen_lexicon_fst`)
/// and read in place.
///
/// Why: about three quarters of the distinct words of news text are among
/// the 40,000 most frequent forms, and a word new to a thread cost its stem,
/// function-word, number and clitic tests (about 1,300 est. cycles, a
/// dozen mispredicted branches in the stemmer alone) where one probe of
/// the table finds the answers.
static FREQUENT_WORDS: &[u8] = include_bytes!("../../data/lexicon/frequent-words.bin");

/// The encoding of [`FREQUENT_WORDS`]'s entries. An entry holds a form's
/// [`CachedWord::flags`] and its stem as a prefix of the form followed by
/// up to three letters `a`–`z` (Porter2 keeps a prefix and rewrites at
/// most the last few letters: "happy" → "happi", "relational" →
/// "relat" + "e"). A form whose stem does not fit, and an empty slot, have
/// an entry of 0: the word cache works those out.
mod frequent_words {
    /// Set in every entry that holds a form's answers.
    pub(super) const HELD: u32 = 1 << 31;
    const FLAG_BITS: u32 = 3;
    const PREFIX_SHIFT: u32 = FLAG_BITS;
    const TAIL_LEN_SHIFT: u32 = PREFIX_SHIFT + 4;
    const TAIL_SHIFT: u32 = TAIL_LEN_SHIFT + 2;
    const _: () = assert!(TAIL_SHIFT + 15 < 31, "an entry fits below HELD");
    const _: () = assert!(
        (super::STOP | super::CLITIC | super::NUMERIC) >> FLAG_BITS == 0,
        "the flags fit"
    );
    const _: () = assert!(crate::text::lexicon::FREQUENT_SLOTS < 1 << 20);

    /// The entry of a form `folded` whose stem is `stem` and flags `flags`,
    /// or 0 if the stem does not fit.
    pub(super) fn encode(folded: &str, stem: &str, flags: u8) -> u32 {
        let prefix = folded
            .bytes()
            .zip(stem.bytes())
            .take_while(|(a, b)| a == b)
            .count()
            .min(15);
        let tail = &stem.as_bytes()[prefix..];
        if tail.len() > 3 || !tail.iter().all(u8::is_ascii_lowercase) || folded.len() > 15 {
            return 0;
        }
        let letters = tail
            .iter()
            .enumerate()
            .fold(0u32, |bits, (i, &b)| bits | u32::from(b - b'a') << (5 * i));
        HELD | u32::from(flags)
            | (prefix as u32) << PREFIX_SHIFT
            | (tail.len() as u32) << TAIL_LEN_SHIFT
            | letters << TAIL_SHIFT
    }

    /// The flags, the length of the stem's prefix of the form, and the
    /// stem's tail (its letters, of which the first `n` count) of a held entry.
    #[inline]
    pub(super) fn decode(entry: u32) -> (u8, usize, [u8; 3], usize) {
        let flags = (entry & ((1 << FLAG_BITS) - 1)) as u8;
        let prefix = (entry >> PREFIX_SHIFT & 15) as usize;
        let n = (entry >> TAIL_LEN_SHIFT & 3) as usize;
        let letter = |i: u32| b'a' + (entry >> (TAIL_SHIFT + 5 * i) & 31) as u8;
        (flags, prefix, [letter(0), letter(1), letter(2)], n)
    }
}

/// The bytes of [`FREQUENT_WORDS`] for the table of frequent forms `table`
/// (the bytes of [`lexicon::FREQUENT_FORMS_FILE`]): each form's entry,
/// worked out as the word cache works out a new word, at its slot.
pub fn build_frequent_words_bytes(table: &[u8]) -> Vec<u8> {
    let mut entries = vec![0u32; lexicon::FREQUENT_SLOTS];
    let mut stem_buffer = Vec::new();
    for (slot, form) in lexicon::frequent_forms_in(table) {
        let cached = CachedWord::new(&word_info_of_folded(&form, &mut stem_buffer));
        entries[slot] = frequent_words::encode(&form, &cached.stem, cached.flags);
    }
    entries.into_iter().flat_map(u32::to_le_bytes).collect()
}

/// The [`CachedWord`] of the folded word `folded` from [`FREQUENT_WORDS`],
/// if the table holds it: the same strings and flags [`word_info_of_folded`]
/// gives (a word that is its own stem shares one string).
#[inline]
fn frequent_word(folded: &str) -> Option<CachedWord> {
    let slot = lexicon::frequent_slot(folded)?;
    let entry = u32::from_le_bytes(FREQUENT_WORDS.get(slot * 4..slot * 4 + 4)?.try_into().ok()?);
    if entry & frequent_words::HELD == 0 {
        return None;
    }
    let (flags, prefix, tail, n) = frequent_words::decode(entry);
    let shared: tokens::Shared = folded.into();
    let stem = if prefix == folded.len() && n == 0 {
        shared.clone()
    } else if n == 0 {
        // A stem that is a prefix of the form ("runs" → "run") is a slice
        // of it: no bytes put together and checked as UTF-8 again.
        folded.get(..prefix)?.into()
    } else {
        let mut stem = [0u8; 18];
        stem[..prefix].copy_from_slice(&folded.as_bytes()[..prefix]);
        stem[prefix..prefix + n].copy_from_slice(&tail[..n]);
        // (All 18 bytes checked, then cut, as `WordCache::insert` does a
        // fold: the zeros after the stem are ASCII.)
        std::str::from_utf8(&stem).ok()?.get(..prefix + n)?.into()
    };
    Some(CachedWord {
        folded: shared,
        stem_hash: tokens::stem_hash(&stem),
        stem,
        flags,
    })
}

/// The first `8 * N` bytes of `bytes`, zero-padded, as `N` little-endian
/// words: the fixed-size keys of short words and stems (the drift rules'
/// stem keys, the typo check's short forms, the lexicon's table of frequent
/// forms) are built by this one packing. ([`ShortWord::new`] keeps its own
/// copy into a 24-byte buffer: calling this there changed how the
/// tokenizer's loop was inlined and cost 3 M more instructions on 150
/// records.)
#[inline]
pub(crate) fn le_words<const N: usize>(bytes: &[u8]) -> [u64; N] {
    let mut words = [0u64; N];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks(8)) {
        let mut padded = [0u8; 8];
        padded[..chunk.len()].copy_from_slice(chunk);
        *word = u64::from_le_bytes(padded);
    }
    words
}

/// Runs `f` with this thread's word cache: one thread-local access and
/// borrow for all the words of a text, not one per word.
pub fn with_word_cache<R>(f: impl FnOnce(&mut WordCache) -> R) -> R {
    use std::cell::RefCell;
    thread_local! {
        static CACHE: RefCell<WordCache> = RefCell::default();
    }
    CACHE.with_borrow_mut(f)
}

/// [`word_info`] computed afresh.
#[cfg(test)]
fn word_info_uncached(word: &str) -> WordInfo {
    word_info_of_folded(&fold(word), &mut Vec::new())
}

/// [`word_info`] of a word whose [`fold`] is `folded`, stemmed in
/// `stem_buffer` (a buffer reused from word to word).
fn word_info_of_folded(folded: &str, stem_buffer: &mut Vec<u8>) -> WordInfo {
    stem_into(folded, stem_buffer);
    let stop = stopwords::is_stopword(folded);
    let number = numbers::parse(folded);
    let multiplier = numbers::multiplier(folded);
    let clitic = tokens::is_clitic(folded);
    let own_stem = stem_buffer.as_slice() == folded.as_bytes();
    let folded: tokens::Shared = folded.into();
    // A word that is its own stem ("the", "said") shares one string: one
    // allocation, and a token's two counts in one cache line.
    let stem = if own_stem {
        folded.clone()
    } else {
        std::str::from_utf8(stem_buffer)
            .expect("a stem of UTF-8 is UTF-8")
            .into()
    };
    WordInfo {
        folded,
        stem,
        stop,
        number,
        multiplier,
        clitic,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed table is what the code builds now (a change to the
    /// stemmer, the function words or the numbers shows here), and each of
    /// its words reads back as the word cache works the word out.
    #[test]
    fn the_frequent_words_table_gives_what_the_word_cache_works_out() {
        let table = lexicon::embedded_frequent_forms();
        assert!(
            build_frequent_words_bytes(table) == FREQUENT_WORDS,
            "{} is stale: run `cargo run --example gen_lexicon_fst`",
            lexicon::FREQUENT_WORDS_FILE
        );
        let (mut held, mut stems) = (0, 0);
        for (_, form) in lexicon::frequent_forms_in(table) {
            let plain = CachedWord::new(&word_info_of_folded(&form, &mut Vec::new()));
            let Some(fast) = frequent_word(&form) else {
                continue;
            };
            held += 1;
            stems += usize::from(plain.stem.as_ptr() != plain.folded.as_ptr());
            assert_eq!(
                (&*fast.folded, &*fast.stem, fast.flags),
                (&*plain.folded, &*plain.stem, plain.flags)
            );
            assert_eq!(
                fast.stem.as_ptr() == fast.folded.as_ptr(),
                plain.stem.as_ptr() == plain.folded.as_ptr(),
                "{form}"
            );
        }
        // (Almost every form's stem fits an entry.)
        assert!(held > 19_500, "{held}");
        assert!(stems > 1000, "{stems}");
        assert!(frequent_word("the").is_some_and(|w| w.flags & STOP != 0));
        assert!(frequent_word("xqzv").is_none());
    }

    proptest::proptest! {
        /// The word cache folds and stems new words in buffers it reuses:
        /// what is left in them from the word before must not show.
        #[test]
        fn folds_and_stems_in_reused_buffers_are_the_fresh_ones(
            words in proptest::collection::vec("[a-zA-Z`'’É]{0,14}(s|'s|ed|ing|ies|ly|ational)?", 1..8),
        ) {
            let (mut folded, mut stemmed) = (String::from("leftover"), b"leftover text".to_vec());
            for word in &words {
                fold_into(word, &mut folded);
                proptest::prop_assert_eq!(&folded, &fold(word));
                stem_into(&folded, &mut stemmed);
                let expected = stem(&folded);
                proptest::prop_assert_eq!(std::str::from_utf8(&stemmed).unwrap(), expected.as_str());
                let mut fresh = Vec::new();
                stem_into(&folded, &mut fresh);
                proptest::prop_assert_eq!(&stemmed, &fresh);
            }
        }
    }

    proptest::proptest! {
        /// A short key's ASCII fold (the word cache's fast path for new
        /// words) is the key of the word's [`fold`], and a key is ASCII
        /// exactly when its word is.
        #[test]
        fn short_keys_fold_as_their_words(word in "([ -~]|[é’É])(([ -~]){0,22}|[ -~’É]{0,6})") {
            let Some(key) = ShortWord::new(&word) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(key.is_ascii(), word.is_ascii());
            if word.is_ascii() {
                let folded = fold(&word);
                proptest::prop_assert!(key.ascii_folded() == ShortWord::new(&folded).unwrap(), "{word:?}");
                proptest::prop_assert_eq!(key.ascii_folded() == key, folded == word);
            }
        }

        /// Words new to a cache, in any case, with or without backticks,
        /// short or long, read as worked out afresh, the first time and
        /// after (a capitalised word before or after its folded form).
        #[test]
        fn new_words_read_as_worked_out_afresh(
            words in proptest::collection::vec("[a-zA-Z`'’É]{1,3}(s|'s|ed|ing|ies|ly|ational|[a-zA-Z`]{0,20})", 1..12),
        ) {
            let mut cache = WordCache::default();
            let fields = |info: WordInfo| {
                (info.folded, info.stem, info.stop, info.number, info.multiplier, info.clitic)
            };
            for _ in 0..2 {
                for word in &words {
                    let (folded, lower) = (fold(word), word.to_lowercase());
                    for word in [word.as_str(), folded.as_str(), lower.as_str()] {
                        proptest::prop_assert_eq!(fields(cache.info(word)), fields(word_info_uncached(word)), "{:?}", word);
                    }
                }
            }
        }
    }

    #[test]
    fn fold_unifies_apostrophes_and_case() {
        assert_eq!(fold("Putin’s"), "putin's");
        assert_eq!(fold("ÉCOLE"), "école");
    }

    #[test]
    fn cached_word_info_is_the_uncached_one() {
        let long = "a".repeat(70);
        for word in [
            "The",
            "the",
            "Putin’s",
            "militaries",
            "million",
            "Million",
            "Three",
            "three",
            "third",
            "second",
            "bn",
            "n't",
            "3rd",
            long.as_str(),
            "The",
        ] {
            let (cached, fresh) = (word_info(word), word_info_uncached(word));
            assert_eq!(
                (
                    &cached.folded,
                    &cached.stem,
                    cached.stop,
                    &cached.number,
                    cached.multiplier,
                    cached.clitic
                ),
                (
                    &fresh.folded,
                    &fresh.stem,
                    fresh.stop,
                    &fresh.number,
                    fresh.multiplier,
                    fresh.clitic
                ),
                "{word}"
            );
        }
    }

    /// A capitalised word is kept under its written form only, and the
    /// folded form met after it (or before it) reads as worked out afresh.
    #[test]
    fn a_capitalised_word_is_kept_as_written_only() {
        let mut cache = WordCache::default();
        let fields = |info: WordInfo| {
            (
                info.folded,
                info.stem,
                info.stop,
                info.number,
                info.multiplier,
                info.clitic,
            )
        };
        let plain = |word: &str| fields(word_info_uncached(word));
        let read = |cache: &mut WordCache, word: &str| fields(cache.info(word));
        for word in ["Putin", "The", "Militaries", "Three"] {
            assert_eq!(read(&mut cache, word), plain(word), "{word}");
        }
        assert_eq!(cache.short.len(), 4);
        for word in ["putin", "the", "THE", "militaries", "three", "MILITARIES"] {
            assert_eq!(read(&mut cache, word), plain(word), "{word}");
        }
        // ("THE" and "MILITARIES" found their folded forms, met as written.)
        assert_eq!(cache.short.len(), 10);
    }

    #[test]
    fn a_cached_word_is_the_word_worked_out() {
        let words = [
            "the",
            "militaries",
            "three",
            "million",
            "n't",
            "putin's",
            "école",
            "said",
            "3rd",
        ];
        for word in words {
            let fresh = CachedWord::new(&word_info_of_folded(word, &mut Vec::new()));
            // (A stem buffer left with another word's bytes in it.)
            let cached = cached_of_folded(word, &mut vec![b'x'; 40]);
            assert_eq!(
                (&*cached.folded, &*cached.stem, cached.flags),
                (&*fresh.folded, &*fresh.stem, fresh.flags),
                "{word}"
            );
            // A word that is its own stem holds one string for both.
            assert_eq!(
                cached.stem.as_ptr() == cached.folded.as_ptr(),
                fresh.stem.as_ptr() == fresh.folded.as_ptr(),
                "{word}"
            );
        }
    }

    #[test]
    fn le_words_pack_the_first_bytes_zero_padded() {
        assert_eq!(le_words::<1>(b""), [0]);
        assert_eq!(le_words::<1>(b"ab"), [0x6261]);
        assert_eq!(le_words::<1>(b"abcdefghij"), [u64::from_le_bytes(*b"abcdefgh")]);
        assert_eq!(le_words::<2>(b"abcdefghij"), [u64::from_le_bytes(*b"abcdefgh"), 0x6a69]);
        assert_eq!(le_words::<3>(b"abcdefgh"), [u64::from_le_bytes(*b"abcdefgh"), 0, 0]);
    }

    #[test]
    fn a_cached_word_and_its_key_fill_one_cache_line() {
        assert!(std::mem::size_of::<(ShortWord, CachedWord)>() <= 64);
    }

    #[test]
    fn short_word_keys_are_equal_exactly_when_the_words_are() {
        let words = [
            "",
            "a",
            "a\0",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnopqrstuvw",
            "é",
            "e\u{301}",
        ];
        for a in words {
            for b in words {
                assert_eq!(ShortWord::new(a) == ShortWord::new(b), a == b, "{a:?} {b:?}");
            }
        }
        assert!(ShortWord::new("abcdefghijklmnopqrstuvwx").is_none());
    }

    #[test]
    fn short_words_read_in_place_are_the_copied_ones() {
        // Every word of every length at every place of a text, near its end
        // (no 24 bytes left to read) and far from it.
        let text = "Putin’s militaries, abcdefghijklmnopqrstuvwxyz: the end";
        let bytes = text.as_bytes();
        for start in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            for end in (start..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let (word, len) = (&text[start..end], end - start);
                assert!(ShortWord::at(bytes, start, len) == ShortWord::new(word), "{word:?}");
                if len <= ShortWord::MAX {
                    assert!(ShortWord::at(bytes, start, len).is_some(), "{word:?}");
                }
            }
        }
    }

    #[test]
    fn stems_ignore_possessives_and_inflections() {
        assert_eq!(stem("russia's"), stem("russia"));
        assert_eq!(stem("declared"), stem("declares"));
        assert_eq!(stem("militaries"), stem("military"));
    }
}
