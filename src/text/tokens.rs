//! Word tokens with byte offsets, folded forms, stems and numbers.
//!
//! Word boundaries follow Unicode (UAX #29), which keeps "U.S", "Russia's",
//! "2,000" and "3.5" whole and works for any script. A hyphen splits words
//! ("neo-Nazis" is "neo" and "Nazis"); [`Token::after_hyphen`] records it for
//! checks that care.

use super::numbers::{self, Number};
use super::stopwords::is_stopword;
use super::CachedWord;

#[derive(Clone, Debug, PartialEq)]
pub enum TokenKind {
    Word,
    Number(Number),
}

/// A token's folded form or stem: a string shared with the per-thread
/// word cache (every token of a word holds the same one), read as a `str`.
///
/// `Rc`, not `Arc`: tokens never leave the thread that made them (the
/// compiler holds to it), and every token clones and drops two of these,
/// which with atomic counts was two locked instructions each. Compared
/// inline: the checks compare stems pairwise (unit words against source
/// words), and `str`'s equality called `memcmp` for every pair of equal
/// length.
#[derive(Clone, Debug, Eq)]
pub struct Shared(std::rc::Rc<str>);

impl Shared {
    /// The string's address: the same for the tokens of one word the word
    /// cache gave (and for no two different strings alive together).
    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr()
    }
}

impl std::ops::Deref for Shared {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Shared {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// (So that a map keyed by these is looked up by `&str`.)
impl std::borrow::Borrow<str> for Shared {
    fn borrow(&self) -> &str {
        &self.0
    }
}

/// Hashed as the `str` is, as `Borrow` requires.
impl std::hash::Hash for Shared {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl PartialEq for Shared {
    #[inline]
    fn eq(&self, other: &Shared) -> bool {
        let (a, b) = (self.0.as_bytes(), other.0.as_bytes());
        // Most pairs differ in length or in the first bytes.
        a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a.iter().zip(b).all(|(x, y)| x == y))
    }
}

impl From<String> for Shared {
    fn from(s: String) -> Shared {
        Shared(s.into())
    }
}

impl From<&str> for Shared {
    fn from(s: &str) -> Shared {
        Shared(s.into())
    }
}

#[derive(Clone, Debug)]
pub struct Token {
    /// Byte offsets into the text given to [`tokenize`].
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// Lower-cased, apostrophes folded (shared with the per-thread word cache).
    pub folded: Shared,
    /// Stem for words; the canonical number key ("#2000", "#3.5%") for
    /// numbers, so both match across spellings in the alignment index.
    pub stem: Shared,
    /// A function word that carries no content.
    pub stop: bool,
    /// Written right after a hyphen with no space: the "Nazis" of "neo-Nazis".
    pub after_hyphen: bool,
    /// [`stem_hash`] of `stem`, kept with the word in the word cache: the
    /// alignment index and the duplication check's sentence hashes read it
    /// instead of hashing the stem's bytes for every body token (whose
    /// length-dependent branches mispredicted). In the token's padding: a
    /// `Token` stays 72 bytes.
    pub(crate) stem_hash: u32,
}

impl Token {
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    pub fn number(&self) -> Option<&Number> {
        match &self.kind {
            TokenKind::Number(n) => Some(n),
            TokenKind::Word => None,
        }
    }

    /// Carries content: not a function word and not a lone multiplier.
    pub fn is_content(&self) -> bool {
        !self.stop
    }

    pub fn is_capitalized(&self, text: &str) -> bool {
        let word = self.text(text);
        match word.as_bytes().first() {
            // ASCII (most words): no character decoding.
            Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
            _ => word.chars().next().is_some_and(char::is_uppercase),
        }
    }
}

/// The hash of a stem that tokens carry ([`Token::stem_hash`]): equal
/// stems have equal hashes.
#[inline]
pub(crate) fn stem_hash(stem: &str) -> u32 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(stem.as_bytes());
    let hash = hasher.finish();
    (hash >> 32) as u32 ^ hash as u32
}

/// True for an English clitic that tokenized text (Penn Treebank style, as
/// machine summaries are written) sets apart from its word: "mclean 's",
/// "you 're", "do n't". Joined ("McLean's") it is part of one word; apart
/// it is a function word like "is" or "not", not content the body lacks.
fn split_clitic(text: &str, word_start: usize, folded: &str) -> bool {
    let before = &text[..word_start];
    match folded {
        "s" | "re" | "ve" | "ll" | "m" | "d" => before
            .strip_suffix(['\'', '’'])
            .is_some_and(|b| b.ends_with(char::is_whitespace)),
        "n't" | "n’t" => before.ends_with(char::is_whitespace),
        _ => false,
    }
}

/// True for the words [`split_clitic`] can hold for (it is false for any
/// other): what the word cache keeps, so that most tokens skip the test.
pub(super) fn is_clitic(folded: &str) -> bool {
    matches!(folded, "s" | "re" | "ve" | "ll" | "m" | "d" | "n't" | "n’t")
}

/// Tokenizes `text[start..end]`; offsets in the tokens are into `text`.
pub fn tokenize(text: &str, start: usize, end: usize) -> Vec<Token> {
    let slice = &text[start..end];
    let mut tokens: Vec<Token> = Vec::with_capacity(slice.len() / 5);
    super::with_word_cache(|cache| tokenize_into(text, start, slice, cache, &mut tokens));
    tokens
}

/// [`tokenize`] with the thread's word cache borrowed once for the text.
fn tokenize_into(text: &str, start: usize, slice: &str, cache: &mut super::WordCache, tokens: &mut Vec<Token>) {
    // (Inlined into the word scan's loop: a call per word, with its saved
    // registers, cost more than the closure's fast path itself.)
    super::words::for_each_word(
        slice,
        #[inline(always)]
        |offset, word| {
            let word_start = start + offset;
            // '-', U+2010 (E2 80 90) or U+2011 (E2 80 91) right before the
            // word, matched on its bytes: no character is decoded.
            let before = &text.as_bytes()[..word_start];
            let after_hyphen = matches!(before, [.., b'-'] | [.., 0xE2, 0x80, 0x90 | 0x91]);
            // A word the cache knows that is no number (almost every token):
            // its token straight from the cache's slot. Why this shape: the
            // token is written field by field into the vector, where building
            // it in a local that the other paths share (and copying that) made
            // the CPU wait for stores it could not forward; the rest is out of
            // line.
            let digits = word.as_bytes().first().is_some_and(u8::is_ascii_digit);
            if !digits {
                let found = cache.get_keyed(word, super::ShortWord::at(text.as_bytes(), word_start, word.len()));
                if let Some(cached) = found {
                    let flags = cached.flags;
                    if flags & super::NUMERIC == 0 {
                        // Stop word or not is data: `|`, not a branch that
                        // mispredicts; the clitic test only for the cache's
                        // few clitics.
                        let stop = (flags & super::STOP != 0)
                            | (flags & super::CLITIC != 0 && split_clitic(text, word_start, &cached.folded));
                        tokens.push(Token {
                            start: word_start,
                            end: word_start + word.len(),
                            kind: TokenKind::Word,
                            folded: cached.folded.clone(),
                            stem: cached.stem.clone(),
                            stop,
                            after_hyphen,
                            stem_hash: cached.stem_hash,
                        });
                        return;
                    }
                }
                // (Whether the probe found the word goes along: a new word
                // is not looked up again before it is worked out.)
                let new = found.is_none();
                push_other(text, word_start, word, new, after_hyphen, cache, tokens);
            } else {
                push_number_word(text, word_start, word, after_hyphen, cache, tokens, || {
                    NumberWord::of_digits(word)
                });
            }
        },
    );
}

/// The shared string of `n`'s [`Number::key`], written into a buffer the
/// thread reuses: one allocation (the string's), where the key's own
/// `String` was made, copied and dropped for every number token.
fn key_of(n: &Number) -> Shared {
    thread_local! {
        static KEY: std::cell::RefCell<String> = std::cell::RefCell::new(String::with_capacity(32));
    }
    KEY.with_borrow_mut(|key| {
        key.clear();
        n.push_key(key);
        Shared::from(key.as_str())
    })
}

/// What the word cache keeps of a word that is a number or a multiplier:
/// one written in digits ("2019", "1.5", "3rd") or a numeric word
/// ("three", "third", "million"). Its fold, its parse and its number key
/// or stem, so that a figure met again is not parsed, keyed and (digits)
/// folded again: two allocations and about 450 instructions a number
/// token, where years, counts and amounts repeat.
pub(crate) struct NumberWord {
    folded: Shared,
    /// [`numbers::parse`] of `folded`, not a percentage.
    number: Option<Number>,
    /// [`numbers::multiplier`] of `folded` (none is written in digits).
    multiplier: Option<f64>,
    /// [`Number::key`] of `number`, or the stem of a word that is no number.
    stem: Shared,
    /// [`stem_hash`] of `stem`.
    stem_hash: u32,
    /// [`Number::key`] of `number` as a percentage, made when first asked,
    /// with its [`stem_hash`].
    percent_stem: Option<(Shared, u32)>,
    /// False for a number; a word's stop flag otherwise.
    stop: bool,
    /// [`is_clitic`] of `folded`: [`split_clitic`] is asked only then
    /// (it is false for any other word), not for every number token.
    clitic: bool,
}

impl NumberWord {
    /// Of a word written in digits, worked out from the written word.
    fn of_digits(word: &str) -> NumberWord {
        // ("2019", "1.5", "3rd": most are their own fold; made as one
        // shared string, not a folded `String` copied into one.)
        let own_fold = word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`');
        let folded: Shared = if own_fold {
            word.into()
        } else {
            super::fold(word).into()
        };
        let number = numbers::parse(&folded);
        let multiplier = numbers::multiplier(&folded);
        let (stem, stop) = match &number {
            Some(n) => (key_of(n), false),
            None => (super::stem(&folded).into(), is_stopword(&folded)),
        };
        NumberWord {
            clitic: is_clitic(&folded),
            folded,
            number,
            multiplier,
            stem_hash: stem_hash(&stem),
            stem,
            percent_stem: None,
            stop,
        }
    }

    /// Of a numeric word, from its entry in the word cache.
    fn of_cached(cached: &CachedWord) -> NumberWord {
        let info = cached.clone().info();
        let (stem, stop) = match &info.number {
            Some(n) => (key_of(n), false),
            None => (info.stem, info.stop),
        };
        NumberWord {
            clitic: is_clitic(&info.folded),
            folded: info.folded,
            number: info.number,
            multiplier: info.multiplier,
            stem_hash: stem_hash(&stem),
            stem,
            percent_stem: None,
            stop,
        }
    }
}

/// True when "%", "percent" or "per cent" (any ASCII case) follows the
/// number that ends at `word_end`, after spaces.
fn percent_follows(text: &str, word_end: usize) -> bool {
    let rest = text[word_end..].trim_start_matches([' ', '\u{a0}']);
    // Only the next 8 bytes matter ("per cent"), compared in place
    // ignoring ASCII case: never a copy of the rest of the text (that made
    // a number before non-ASCII text cost the length of the text).
    let starts = |word: &str| {
        rest.as_bytes()
            .get(..word.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(word.as_bytes()))
    };
    rest.starts_with('%') || starts("percent") || starts("per cent")
}

/// The token of a word [`tokenize_into`] does not take at once: a word
/// new to the cache (`new`), or a numeric word ([`push_number_word`]).
#[inline(never)]
fn push_other(
    text: &str,
    word_start: usize,
    word: &str,
    new: bool,
    after_hyphen: bool,
    cache: &mut super::WordCache,
    tokens: &mut Vec<Token>,
) {
    let key = super::ShortWord::at(text.as_bytes(), word_start, word.len());
    let cached = if new {
        cache.insert(word, key)
    } else {
        cache.cached(word, key)
    };
    if cached.flags & super::NUMERIC != 0 {
        push_number_word(text, word_start, word, after_hyphen, cache, tokens, || {
            NumberWord::of_cached(&cached)
        });
        return;
    }
    // New to the cache and no number.
    let stop = cached.flags & super::STOP != 0
        || (cached.flags & super::CLITIC != 0 && split_clitic(text, word_start, &cached.folded));
    tokens.push(Token {
        start: word_start,
        end: word_start + word.len(),
        kind: TokenKind::Word,
        folded: cached.folded,
        stem: cached.stem,
        stop,
        after_hyphen,
        stem_hash: cached.stem_hash,
    });
}

/// The token of a number or multiplier word (see [`NumberWord`]), from
/// the word cache's [`NumberWord`], which `make` works out the first time
/// the thread meets the word (and every time for a word too long for the
/// cache's short keys). A multiplier right after a number folds into it
/// ("1.2 million") instead of making a token.
#[inline(never)]
fn push_number_word(
    text: &str,
    word_start: usize,
    word: &str,
    after_hyphen: bool,
    cache: &mut super::WordCache,
    tokens: &mut Vec<Token>,
    make: impl Fn() -> NumberWord,
) {
    let word_end = word_start + word.len();
    let mut made = None;
    let known = match cache.numbers_at(word, text, word_start, &make) {
        Some(known) => known,
        None => made.insert(make()),
    };
    if let Some(mult) = known.multiplier {
        // "1.2 million": fold the multiplier into the number before it.
        if let Some(prev) = tokens.last_mut() {
            let gap = &text[prev.end..word_start];
            if let TokenKind::Number(n) = &mut prev.kind {
                if gap.trim().is_empty() && !n.ordinal && (mult > 100.0 || n.value < 100.0) {
                    n.value *= mult;
                    prev.stem = key_of(n);
                    prev.stem_hash = stem_hash(&prev.stem);
                    prev.end = word_end;
                    return;
                }
            }
        }
    }
    let (kind, (stem, stem_hash), stop) = match known.number {
        Some(mut n) => {
            n.percent = percent_follows(text, word_end);
            let stem = if n.percent {
                known
                    .percent_stem
                    .get_or_insert_with(|| {
                        let key = key_of(&n);
                        let hash = stem_hash(&key);
                        (key, hash)
                    })
                    .clone()
            } else {
                (known.stem.clone(), known.stem_hash)
            };
            (TokenKind::Number(n), stem, false)
        }
        None => (TokenKind::Word, (known.stem.clone(), known.stem_hash), known.stop),
    };
    let stop = stop || (known.clitic && split_clitic(text, word_start, &known.folded));
    tokens.push(Token {
        start: word_start,
        end: word_end,
        kind,
        folded: known.folded.clone(),
        stem,
        stop,
        after_hyphen,
        stem_hash,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text, 0, text.len())
            .iter()
            .map(|t| t.text(text).to_string())
            .collect()
    }

    #[test]
    fn shared_strings_compare_and_hash_as_their_text() {
        use std::hash::BuildHasher;
        let words = [
            "", "a", "b", "ab", "ba", "abc", "abd", "militari", "militarx", "café", "cafe",
        ];
        let state = rustc_hash::FxBuildHasher;
        for a in words {
            let shared = Shared::from(a);
            assert_eq!(shared, shared.clone());
            assert_eq!(state.hash_one(&shared), state.hash_one(a));
            for b in words {
                assert_eq!(Shared::from(a) == Shared::from(b), a == b, "{a:?} {b:?}");
            }
        }
        let mut map = rustc_hash::FxHashMap::default();
        map.insert(Shared::from("stem"), 1);
        assert_eq!(map.get("stem"), Some(&1));
    }

    /// Everything a token says, to compare tokenizings. Its stem hash,
    /// from the word cache (or a number word's table), must be the hash of
    /// its stem.
    fn described(text: &str) -> Vec<(usize, usize, TokenKind, String, String, bool, bool)> {
        tokenize(text, 0, text.len())
            .into_iter()
            .map(|t| {
                assert_eq!(t.stem_hash, stem_hash(&t.stem), "{:?} in {text:?}", t.text(text));
                (
                    t.start,
                    t.end,
                    t.kind,
                    t.folded.to_string(),
                    t.stem.to_string(),
                    t.stop,
                    t.after_hyphen,
                )
            })
            .collect()
    }

    /// The first time a thread meets a word its token comes from
    /// `push_other` (the cache fills); after that from the fast path of
    /// `tokenize_into`. Both must make the same token.
    fn cold_and_warm_agree(text: &str) {
        let text = text.to_string();
        std::thread::spawn(move || {
            let cold = described(&text);
            let warm = described(&text);
            assert_eq!(cold, warm, "{text:?}");
        })
        .join()
        .expect("the tokenizing thread");
    }

    #[test]
    fn a_word_new_to_the_cache_gets_the_token_of_a_known_one() {
        cold_and_warm_agree(
            "The the THE mclean 's song , you 're sure , they do n't know ; Three three million \
             1.2 million 40 percent , neo-Nazis non\u{2011}stop Putin’s militaries third 3rd \
             a_b e.g. U.S. 2,000 Москва café D and Group s 40 40% 40 per cent 40 3RD 3rd 1`2 \
             123456789012345678901234567 123456789012345678901234567 percent 2019 2019",
        );
    }

    proptest::proptest! {
        #[test]
        fn cold_and_warm_tokens_agree(words in proptest::collection::vec(proptest::sample::select(vec![
            "The", "the", "s", "'s", "n't", "re", "million", "Million", "three", "third", "first", "3", "40",
            "1.5", "percent", "%", "per", "cent", "-", "\u{2010}", "neo", "Nazis", "café", "’", "'", ",", ".",
            " ", "  ", "\u{a0}", "dollars", "militaries", "a", "D", "bn", "and",
        ]), 0..30)) {
            cold_and_warm_agree(&words.concat());
            cold_and_warm_agree(&words.join(" "));
        }
    }

    /// The stem hash sits in what was padding: a token is no larger (the
    /// alignment keeps every body token; their stores are cache misses).
    #[test]
    fn a_token_is_72_bytes() {
        assert!(std::mem::size_of::<Token>() <= 72);
    }

    #[test]
    fn keeps_abbreviations_possessives_and_numbers_whole() {
        assert_eq!(
            words("U.S. President's 2,000 troops, 3.5% rise"),
            ["U.S", "President's", "2,000", "troops", "3.5", "rise"]
        );
    }

    #[test]
    fn clitics_written_apart_are_function_words() {
        let text = "mclean 's song , you 're sure , they do n't know , vitamin D and Group s";
        let stops: Vec<(&str, bool)> = tokenize(text, 0, text.len())
            .iter()
            .map(|t| (t.text(text), t.stop))
            .filter(|(w, _)| matches!(*w, "s" | "re" | "n't" | "D"))
            .collect();
        assert_eq!(
            stops,
            [("s", true), ("re", true), ("n't", true), ("D", false), ("s", false)]
        );
    }

    #[test]
    fn hyphenated_parts_are_marked() {
        let text = "neo-Nazis";
        let tokens = tokenize(text, 0, text.len());
        assert_eq!(tokens.len(), 2);
        assert!(!tokens[0].after_hyphen);
        assert!(tokens[1].after_hyphen);
    }

    #[test]
    fn typographic_hyphens_mark_the_part_after_them() {
        let text = "neo\u{2010}Nazis non\u{2011}stop e\u{2013}mail";
        let marked: Vec<(&str, bool)> = tokenize(text, 0, text.len())
            .iter()
            .map(|t| (t.text(text), t.after_hyphen))
            .collect();
        assert_eq!(
            marked,
            [
                ("neo", false),
                ("Nazis", true),
                ("non", false),
                ("stop", true),
                ("e", false),
                ("mail", false)
            ]
        );
    }

    #[test]
    fn number_tokens_are_keyed_and_folded_as_before() {
        // (Twice, and with and without "percent": the second time from the
        // word cache's digit words.)
        let text = "In 2019, 3RD place, 1.5 million, 40 percent, 7th and 1`2 and 2,000th; \
                    in 2019, 3RD place, 1.5 million, 40 and 40 %, 7th and 1`2 and 2,000th, \
                    1234567890123456789012345 and 1234567890123456789012345 percent";
        for t in tokenize(text, 0, text.len()) {
            if let Some(n) = t.number() {
                assert_eq!(&*t.stem, n.key(), "{:?}", t.text(text));
            }
            // (A number with its multiplier, "1.5 million", keeps the number's fold.)
            let written = t.text(text).split(' ').next().unwrap_or_default();
            if written.starts_with(|c: char| c.is_ascii_digit()) {
                assert_eq!(&*t.folded, crate::text::fold(written), "{written:?}");
            }
        }
    }

    #[test]
    fn numbers_normalise_across_spellings() {
        let a = "more than three years";
        let b = "more than 3 years";
        let key = |t: &str| {
            tokenize(t, 0, t.len())
                .into_iter()
                .find_map(|t| t.number().map(|n| n.key()))
        };
        assert_eq!(key(a), key(b));
        assert_eq!(key("$1.2 million"), key("1,200,000 dollars"));
        assert_eq!(key("40 percent"), key("40%"));
        assert_eq!(key("40 per cent"), Some("#40%".to_string()));
    }

    /// Regression: the look-ahead for "percent" after a number copied the
    /// whole rest of the text when byte 8 fell inside a character, so an
    /// article with numbers before dashes or curly quotes cost quadratic
    /// time. It must still see "percent" right before such a character.
    #[test]
    fn percent_lookahead_before_multibyte_characters() {
        let key = |t: &str| {
            tokenize(t, 0, t.len())
                .into_iter()
                .find_map(|t| t.number().map(|n| n.key()))
        };
        assert_eq!(key("40 percent\u{2014}a rise"), Some("#40%".to_string()));
        assert_eq!(key("40 per\u{2014}cent"), Some("#40".to_string()));
        assert_eq!(key("40 \u{201c}units\u{201d}"), Some("#40".to_string()));
        assert_eq!(key("40 perc\u{e9}nt"), Some("#40".to_string()));
    }

    #[test]
    fn offsets_are_into_the_whole_text() {
        let text = "skip this: Moscow";
        let start = text.find("Moscow").unwrap();
        let tokens = tokenize(text, start, text.len());
        assert_eq!(tokens[0].start, start);
        assert_eq!(tokens[0].text(text), "Moscow");
    }

    #[test]
    fn other_scripts_and_emoji_do_not_break_tokenizing() {
        assert_eq!(words("Москва 北京 👍 café"), ["Москва", "北", "京", "café"]);
    }
}
