//! What the drift rules look up in the body, each part built on first use
//! in one pass over the body's tokens, once per article: folded word
//! forms, names by prefix (for demonyms), acronyms of names, the numbers,
//! months and weekdays the body gives. The places the body's names lie in
//! (WordNet part holonyms) are worked out only when a unit names something
//! the body does not. Consecutive records of one article (several
//! summaries of one body) share what was gathered ([`BodyView::of_article`]).

use super::cues;
use super::rules::SentenceFacts;
use crate::align::{Alignment, BodySentence};
use crate::document::Document;
use crate::text::lexicon::{self, Locale};
#[cfg(test)]
use crate::text::WordIndex;
use crate::text::{synonyms, Number, Shared, Token};
// FxHash: these maps hold the body's short words, one entry per token read.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::{Borrow, Cow};
use std::cell::{OnceCell, RefCell};
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// The body's words for matching quotations: what [`BodyView::find_run`]
/// and [`BodyView::closest_sentence`] were answered from before they
/// scanned the body, kept as the tests' reference.
#[cfg(test)]
#[derive(Debug, Default)]
struct QuoteIndex {
    /// Every body word, normalised for quote matching.
    words: WordIndex,
    /// Body sentence (alignment index) of each word.
    word_sentence: Vec<usize>,
}

#[cfg(test)]
impl QuoteIndex {
    fn build(alignment: &Alignment) -> QuoteIndex {
        let mut index = QuoteIndex::default();
        for (s, sentence) in alignment.sentences.iter().enumerate() {
            for t in &sentence.tokens {
                let norm = normalised(&t.folded);
                if !norm.is_empty() {
                    index.words.push(&norm);
                    index.word_sentence.push(s);
                }
            }
        }
        index
    }
}

/// The numbers, times and dates are gathered when a unit first asks, each
/// in its own pass: the number rule reads them only for a unit number or
/// date its source sentences do not give, in most documents no unit has
/// one, and a unit with a date (a month or weekday) need not pay for the
/// body's numbers, nor a number for the body's times of day. The word
/// sets are built on first use too, each in its own pass: most documents never ask whether the body has a stem
/// prefix, and most names a unit uses are plain body words, so the names
/// by prefix and the acronyms are rarely needed.
#[derive(Debug, Default)]
pub struct BodyView<'a> {
    /// The document text the tokens' offsets point into.
    text: &'a str,
    sentences: &'a [BodySentence],
    /// What was gathered from the body so far: shared with the views of
    /// the other records of the article ([`BodyView::of_article`]).
    gathered: Rc<Gathered>,
}

/// What a [`BodyView`] gathers from the body, owning its words (a token's
/// shared string or part of it: no word is copied but those whose dots or
/// apostrophes are dropped), so that it outlives one record's tokens.
#[derive(Debug, Default)]
struct Gathered {
    /// Folded body words with dots and apostrophes removed ("u.s" → "us").
    plain: OnceCell<HashSet<Kept>>,
    names: OnceCell<Names>,
    /// First five letters of every body stem, for reworded inflections.
    stem_prefixes: OnceCell<HashSet<Kept>>,
    /// Numbers the body gives.
    numbers: OnceCell<Vec<Number>>,
    /// Times of day with "am"/"pm" the body gives, on a 24-hour clock
    /// ([`cues::time_of_day`]), with their sentence and token index.
    times: OnceCell<Vec<(f64, usize, usize)>>,
    /// Months and weekdays the body names (canonical lowercase names).
    dates: OnceCell<HashSet<&'static str>>,
    /// WordNet synsets of the body's capitalised words and of the places
    /// they are part of ("London" → England → United Kingdom); built on
    /// first use, so documents whose units name nothing new never pay for it.
    places: OnceCell<HashSet<u32>>,
    /// Per body sentence, what the rules found in it ([`BodyView::facts`]).
    sentences: OnceCell<Box<[SentenceFacts]>>,
}

/// A word a view keeps: the first `len` bytes of a token's shared string
/// (most words, and every prefix), or a string of its own. Hashed and
/// compared as the string it is, so a set of them is asked with a `&str`.
#[derive(Clone, Debug)]
pub(super) enum Kept {
    Part(Shared, usize),
    Own(Box<str>),
}

impl Kept {
    fn as_str(&self) -> &str {
        match self {
            Kept::Part(shared, len) => &shared[..*len],
            Kept::Own(own) => own,
        }
    }

    /// [`plained`] `folded`, sharing its string when nothing is dropped
    /// but a final "'s".
    fn plain(folded: &Shared) -> Kept {
        match plained(folded) {
            Cow::Borrowed(base) => Kept::Part(folded.clone(), base.len()),
            Cow::Owned(own) => Kept::Own(own.into()),
        }
    }

    /// The first `n` characters.
    fn prefix(&self, n: usize) -> Kept {
        let word = self.as_str();
        let end = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
        match self {
            Kept::Part(shared, _) => Kept::Part(shared.clone(), end),
            Kept::Own(own) => Kept::Own(own[..end].into()),
        }
    }
}

impl Borrow<str> for Kept {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Hash for Kept {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq for Kept {
    fn eq(&self, other: &Kept) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Kept {}

/// Strings met, by address, in a direct-mapped table: `first` is false
/// only for a string at an address it was given before. The word cache
/// gives every token of a word the same string, and the tokens are all
/// alive while a view is built, so an address met again is the same word;
/// a clash of two addresses in one slot only makes a word count as new.
struct SeenStrings {
    slots: [usize; 256],
}

impl Default for SeenStrings {
    fn default() -> SeenStrings {
        SeenStrings { slots: [0; 256] }
    }
}

impl SeenStrings {
    fn first(&mut self, word: &str) -> bool {
        let address = word.as_ptr() as usize;
        let slot = &mut self.slots[(address >> 4) % 256];
        let first = *slot != address;
        *slot = address;
        first
    }
}

#[derive(Debug, Default)]
struct Names {
    /// Capitalised body words (plain form) by their first four letters.
    by_prefix: HashMap<Kept, Vec<Kept>>,
    /// Initials of runs of capitalised body words ("nami"), lower-cased,
    /// one run after another; a run's acronyms are looked for in them when
    /// asked ([`Names::has_acronym`]) instead of every stretch of every run
    /// being put in a set up front (a unit asks about one or two words).
    initials: Vec<char>,
    /// Where each run of two or more words ends in `initials` (it starts
    /// where the one before ends).
    run_ends: Vec<usize>,
}

/// A word normalised for quote comparison: lowercase letters and digits only.
pub fn normalise(folded: &str) -> String {
    normalised(folded).into_owned()
}

/// [`normalise`], borrowing the word when it is already normal (most are).
fn normalised(folded: &str) -> Cow<'_, str> {
    if folded.chars().all(char::is_alphanumeric) {
        Cow::Borrowed(folded)
    } else {
        Cow::Owned(folded.chars().filter(|c| c.is_alphanumeric()).collect())
    }
}

/// Folded word without dots or apostrophes.
pub fn plain(folded: &str) -> String {
    plained(folded).into_owned()
}

/// True when [`normalised`]`(folded)` is `word`, without making it.
fn normalises_to(folded: &str, word: &str) -> bool {
    folded.chars().filter(|c| c.is_alphanumeric()).eq(word.chars())
}

/// [`plain`], borrowing the word when it has no dot or apostrophe.
fn plained(folded: &str) -> Cow<'_, str> {
    let base = folded.strip_suffix("'s").unwrap_or(folded);
    if base.contains(['.', '\'']) {
        Cow::Owned(base.chars().filter(|c| *c != '.' && *c != '\'').collect())
    } else {
        Cow::Borrowed(base)
    }
}

/// True when [`plained`]`(folded)` is `word`, without making it. (The
/// marks it drops are ASCII, so dropping their bytes drops the characters.)
fn plains_to(folded: &str, word: &str) -> bool {
    let base = folded.strip_suffix("'s").unwrap_or(folded);
    base.len() >= word.len() && base.bytes().filter(|&b| b != b'.' && b != b'\'').eq(word.bytes())
}

/// True when some token of a body sentence that has `stem` as content
/// (from the alignment index) passes `found`.
fn in_sentences_with(alignment: &Alignment, stem: &Shared, found: impl Fn(&Token) -> bool) -> bool {
    alignment
        .sentences_with(stem)
        .any(|s| alignment.sentences[s].tokens.iter().any(&found))
}

/// The first `n` characters of `word`.
fn char_prefix(word: &str, n: usize) -> &str {
    let end = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// The text of each body sentence, in order: what the tokens, and so
/// everything a view gathers, are made from.
fn sentence_texts<'t>(doc: &'t Document, sentences: &'t [BodySentence]) -> impl Iterator<Item = &'t [u8]> + 't {
    sentences
        .iter()
        .map(|s| doc.slice(&doc.paragraphs[s.paragraph].sentences[s.index]).as_bytes())
}

/// Marks the end of a sentence in [`LastBody::key`]: no byte of UTF-8 text.
const SENTENCE_END: u8 = 0xff;

/// The body this thread's last article view was for, and what was
/// gathered from it.
#[derive(Default)]
struct LastBody {
    /// Each body sentence's text followed by [`SENTENCE_END`].
    key: Vec<u8>,
    gathered: Rc<Gathered>,
}

impl LastBody {
    /// True when `texts` are the sentences of the key, in order.
    fn is<'t>(&self, texts: impl Iterator<Item = &'t [u8]>) -> bool {
        let mut rest = self.key.as_slice();
        for text in texts {
            match rest.strip_prefix(text).and_then(|r| r.split_first()) {
                Some((&SENTENCE_END, after)) => rest = after,
                _ => return false,
            }
        }
        rest.is_empty()
    }
}

thread_local! {
    static LAST_BODY: RefCell<LastBody> = RefCell::default();
}

impl<'a> BodyView<'a> {
    /// A view of the body of `doc` on its own.
    pub fn build(doc: &'a Document, alignment: &'a Alignment) -> BodyView<'a> {
        BodyView {
            text: &doc.text,
            sentences: &alignment.sentences,
            ..BodyView::default()
        }
    }

    /// [`BodyView::build`], sharing what was gathered with the last view
    /// this thread made when that was of the same body: the records of one
    /// article (one body, several summaries) come one after another, and
    /// each gathered the same words, names and numbers again. Everything
    /// gathered is made from the body sentences' text alone (the tokens,
    /// their words and their sentences), so a body with the same sentences
    /// has the same; comparing the text costs far less than one pass.
    pub fn of_article(doc: &'a Document, alignment: &'a Alignment) -> BodyView<'a> {
        let gathered = LAST_BODY.with_borrow_mut(|last| {
            let texts = || sentence_texts(doc, &alignment.sentences);
            if !last.is(texts()) {
                last.key.clear();
                for text in texts() {
                    last.key.extend_from_slice(text);
                    last.key.push(SENTENCE_END);
                }
                last.gathered = Rc::default();
            }
            Rc::clone(&last.gathered)
        });
        BodyView {
            gathered,
            ..BodyView::build(doc, alignment)
        }
    }

    /// Every number the body gives (digits, number words, "second" as an ordinal).
    pub fn numbers(&self) -> &[Number] {
        self.gathered.numbers.get_or_init(|| {
            let mut numbers = Vec::new();
            for sentence in self.sentences {
                for (i, t) in sentence.tokens.iter().enumerate() {
                    if let Some(n) = cues::number_of(t).or_else(|| cues::ordinal_second(&sentence.tokens, i)) {
                        numbers.push(n);
                    }
                    if let Some(value) = cues::number_word(&t.folded) {
                        numbers.push(Number::new(value));
                    }
                }
            }
            numbers
        })
    }

    /// Every time of day the body gives, with its sentence and token.
    pub fn times(&self) -> &[(f64, usize, usize)] {
        self.gathered.times.get_or_init(|| {
            let mut times = Vec::new();
            for (s, sentence) in self.sentences.iter().enumerate() {
                for i in 0..sentence.tokens.len() {
                    if let Some(time) = cues::time_of_day(&sentence.tokens, i) {
                        times.push((time, s, i));
                    }
                }
            }
            times
        })
    }

    /// The months and weekdays the body names.
    pub fn dates(&self) -> &HashSet<&'static str> {
        self.gathered.dates.get_or_init(|| {
            let mut dates = HashSet::default();
            for t in self.tokens() {
                for &day in cues::days_of(&t.folded) {
                    dates.insert(day);
                }
                if t.is_capitalized(self.text) {
                    if let Some(date) = cues::date_name(&t.folded) {
                        dates.insert(date);
                    }
                }
            }
            dates
        })
    }

    /// What the rules keep of body sentence `s`, each part found when
    /// first asked, once per article: a body sentence is the source of
    /// several units, in several records, and each unit read the same
    /// things of its tokens again (its hedges, its tokens' stem keys and
    /// negations, its numbers).
    pub(super) fn facts(&self, s: usize) -> &SentenceFacts {
        let all = self
            .gathered
            .sentences
            .get_or_init(|| self.sentences.iter().map(|_| SentenceFacts::default()).collect());
        &all[s]
    }

    fn tokens(&self) -> impl Iterator<Item = &'a Token> {
        self.sentences.iter().flat_map(|s| &s.tokens)
    }

    /// Folded body words with dots and apostrophes removed ("u.s" → "us").
    pub(super) fn plain(&self) -> &HashSet<Kept> {
        self.gathered.plain.get_or_init(|| {
            // Sized for an article's distinct words up front: growing the
            // set one doubling at a time cost more than filling it.
            let mut plain = HashSet::default();
            plain.reserve(self.tokens().count() / 2);
            // A word met again (the same string from the word cache) is
            // in the set already: passed without reading or hashing it.
            let mut seen = SeenStrings::default();
            for t in self.tokens() {
                if seen.first(&t.folded) {
                    plain.insert(Kept::plain(&t.folded));
                }
            }
            plain
        })
    }

    fn stem_prefixes(&self) -> &HashSet<Kept> {
        self.gathered.stem_prefixes.get_or_init(|| {
            let mut prefixes = HashSet::default();
            prefixes.reserve(self.tokens().count() / 2);
            let mut seen = SeenStrings::default();
            for t in self.tokens() {
                // Fewer than five bytes, fewer than five characters: most
                // function words are passed on their length alone.
                if t.stem.len() < 5 || !seen.first(&t.stem) {
                    continue;
                }
                if let Some((fifth, c)) = t.stem.char_indices().nth(4) {
                    prefixes.insert(Kept::Part(t.stem.clone(), fifth + c.len_utf8()));
                }
            }
            prefixes
        })
    }

    fn names(&self) -> &Names {
        self.gathered.names.get_or_init(|| {
            let text = self.text;
            let mut names = Names::default();
            let mut run: Vec<&Token> = Vec::new();
            // A capitalised word met again (the same string from the word
            // cache) is among the names already.
            let mut seen = SeenStrings::default();
            for sentence in self.sentences {
                run.clear();
                for (i, t) in sentence.tokens.iter().enumerate() {
                    let capital = crate::align::capitalized(t, text) && t.number().is_none();
                    if capital && seen.first(&t.folded) {
                        let p = Kept::plain(&t.folded);
                        let same = names.by_prefix.entry(p.prefix(4)).or_default();
                        if !same.contains(&p) {
                            same.push(p);
                        }
                    }
                    // Runs of capitalised words (function words may sit inside:
                    // "National Alliance on Mental Illness"); punctuation ends one.
                    // (ASCII marks: a byte scan finds them, no character decoding.)
                    if i > 0
                        && text.as_bytes()[sentence.tokens[i - 1].end..t.start]
                            .iter()
                            .any(|b| matches!(b, b',' | b'(' | b')' | b';' | b':' | b'.'))
                    {
                        names.add_acronyms(text, &run);
                        run.clear();
                    }
                    if capital {
                        run.push(t);
                    } else if !t.stop || run.is_empty() {
                        names.add_acronyms(text, &run);
                        run.clear();
                    }
                }
                names.add_acronyms(text, &run);
            }
            names
        })
    }
}

impl Names {
    /// Keeps the initials of a run of two or more capitalised words.
    #[inline]
    fn add_acronyms(&mut self, text: &str, run: &[&Token]) {
        // Asked at nearly every body word, and most runs are shorter.
        if run.len() >= 2 {
            self.add_initials(text, run);
        }
    }

    fn add_initials(&mut self, text: &str, run: &[&Token]) {
        let initials = run
            .iter()
            .filter_map(|t| t.text(text).chars().next())
            .flat_map(char::to_lowercase);
        self.initials.extend(initials);
        self.run_ends.push(self.initials.len());
    }

    /// True when `word` is an acronym of a body name: two to eight
    /// consecutive initials of a run, and two only as the run's last two:
    /// a name ends in its head ("UN" from "Officials at the United
    /// Nations"), and two letters from inside one ("US" from "Ukraine
    /// Solidarity Campaign") are no acronym of it.
    fn has_acronym(&self, word: &str) -> bool {
        let mut letters = [' '; 8];
        let mut len = 0;
        for c in word.chars() {
            if len == letters.len() {
                return false;
            }
            letters[len] = c;
            len += 1;
        }
        let letters = &letters[..len];
        if len < 2 {
            return false;
        }
        let mut start = 0;
        self.run_ends.iter().any(|&end| {
            let run = &self.initials[start..end];
            start = end;
            if len == 2 {
                run.ends_with(letters)
            } else {
                run.windows(len).any(|w| w == letters)
            }
        })
    }
}

impl<'a> BodyView<'a> {
    /// True when the body has the name `folded` in some form: the word
    /// itself, as initials of a name, or as the country of a demonym.
    pub fn has_name(&self, alignment: &Alignment, token: &Token, text: &str) -> bool {
        let p = plained(&token.folded);
        let p: &str = &p;
        // An acronym ("U.S.", "IT") is matched against the body's
        // capitalised words only: lower-case "us" or "it" is another word.
        let word = token.text(text);
        let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase);
        // Most acronyms a unit uses are written the same way in the body:
        // one found among the sentences the index lists for the token's
        // stem is in the names view, which then need not be built (it
        // reads every body token). Not found there, the view answers.
        if acronym
            && self.gathered.names.get().is_none()
            && in_sentences_with(alignment, &token.stem, |b| {
                crate::align::capitalized(b, self.text) && b.number().is_none() && plains_to(&b.folded, p)
            })
        {
            return true;
        }
        let as_word = if acronym {
            self.names()
                .by_prefix
                .get(char_prefix(p, 4))
                .is_some_and(|names| names.iter().any(|n| n.as_str() == p))
        } else {
            // The index first: a name the body uses is usually among its
            // content stems, and then the plain-word set need not be built.
            alignment.body_has(&token.stem) || self.plain().contains(p)
        };
        if as_word || self.names().has_acronym(p) {
            return true;
        }
        // A plural acronym ("MPs").
        if let Some(singular) = p.strip_suffix('s').filter(|s| s.len() >= 2) {
            if self.plain().contains(singular) || self.names().has_acronym(singular) {
                return true;
            }
        }
        self.names().by_prefix.get(char_prefix(p, 4)).is_some_and(|names| {
            names.iter().map(Kept::as_str).any(|b| {
                let common = b.chars().zip(p.chars()).take_while(|(x, y)| x == y).count();
                let shorter = b.chars().count().min(p.chars().count());
                common >= 4 && common + 2 >= shorter
            })
        }) || self.contains_place(p)
    }

    /// [`BodyView::plain`]`.contains(word)`, for the folded unit word
    /// `word` of stem `stem`: first among the body sentences the index
    /// lists for the stem, where a body word spelled the same is (a word
    /// found there is in the set), so that the set of every body word is
    /// built only when the word is not found there.
    pub fn has_plain(&self, alignment: &Alignment, word: &str, stem: &Shared) -> bool {
        if let Some(plain) = self.gathered.plain.get() {
            return plain.contains(word);
        }
        in_sentences_with(alignment, stem, |b| plains_to(&b.folded, word)) || self.plain().contains(word)
    }

    /// True when `plain` names a place (or, as an adjective, pertains to
    /// one: "French") that a body name lies in: "U.K." where the body
    /// says "London". The unit then says less than the body, not something
    /// else. The reverse ("London" where the body says "U.K.") is new.
    fn contains_place(&self, plain: &str) -> bool {
        // The synsets from the readings' per-thread cache of senses: the
        // same names come back from document to document, and looking
        // each name up in WordNet again was most of this.
        let unit = synonyms::name_synsets_of(super::lexical::senses_of(plain).synsets());
        if unit.is_empty() {
            return false;
        }
        let places = self.gathered.places.get_or_init(|| {
            // Only names that are not also common words: "the West" is no
            // region of the United States, "china" no country.
            self.names()
                .by_prefix
                .values()
                .flatten()
                .map(Kept::as_str)
                .filter(|name| !lexicon::is_word(name, Locale::Any))
                .flat_map(|name| synonyms::containing_places_of(super::lexical::senses_of(name).synsets()))
                .collect()
        });
        unit.iter().any(|s| places.contains(s))
    }

    /// True when a body stem starts like `stem` ("driver", "driving"):
    /// enough for a word not to count as unsupported phrasing.
    pub fn has_stem_prefix(&self, stem: &str) -> bool {
        stem.chars().count() >= 5 && self.stem_prefixes().contains(char_prefix(stem, 5))
    }

    /// The body sentence where the word run `words` occurs in order, if it
    /// does: the sentence of the first place where the body's words,
    /// normalised and those that normalise to nothing left out, read
    /// `words`. By a scan of the body's tokens: an index of every body
    /// word (hashing each) cost more than the few runs a document asks
    /// about.
    pub fn find_run(&self, words: &[String]) -> Option<usize> {
        let (first, rest) = words.split_first()?;
        // An empty word matches only a token with no letter or digit, and
        // those are left out.
        if words.iter().any(|w| w.is_empty()) {
            return None;
        }
        let words_only = |(_, t): &(usize, &Token)| t.folded.chars().any(char::is_alphanumeric);
        // A token that normalises to the (non-empty) first word has a
        // letter or digit: the first word is sought among all tokens,
        // and only a match reads on, over the words, for the rest.
        let mut at = self
            .sentences
            .iter()
            .enumerate()
            .flat_map(|(s, sentence)| sentence.tokens.iter().map(move |t| (s, t)));
        while let Some((s, t)) = at.next() {
            if !normalises_to(&t.folded, first) {
                continue;
            }
            let mut ahead = at.clone().filter(words_only);
            let mut matched = true;
            for w in rest {
                match ahead.next() {
                    Some((_, b)) => {
                        if !normalises_to(&b.folded, w) {
                            matched = false;
                            break;
                        }
                    }
                    // The run does not fit here, nor anywhere later.
                    None => return None,
                }
            }
            if matched {
                return Some(s);
            }
        }
        None
    }

    #[cfg(test)]
    fn find_run_indexed(index: &QuoteIndex, words: &[String]) -> Option<usize> {
        // A word the body never has: no run.
        let ids = words.iter().map(|w| index.words.id(w)).collect::<Option<Vec<u32>>>()?;
        // Start from the rarest word's positions to keep it cheap.
        let (offset, &rarest) = ids
            .iter()
            .enumerate()
            .min_by_key(|(_, &id)| index.words.positions(id).len())?;
        index.words.positions(rarest).iter().find_map(|&pos| {
            let start = pos.checked_sub(offset)?;
            index
                .words
                .from(start)
                .starts_with(&ids)
                .then(|| index.word_sentence[start])
        })
    }

    /// The body sentence sharing most of `words` (distinct words the body
    /// has at most 50 times; the first such sentence of the most), by one
    /// scan of the body's tokens: building an index of every body word
    /// for the one quotation a document asks about cost about four times
    /// as much.
    pub fn closest_sentence(&self, words: &[String]) -> Option<usize> {
        let mut distinct: Vec<&str> = Vec::new();
        for w in words {
            if !distinct.contains(&w.as_str()) {
                distinct.push(w);
            }
        }
        // Per distinct word: how often the body has it, and its sentences.
        let mut times = vec![0usize; distinct.len()];
        let mut sentences: Vec<Vec<usize>> = vec![Vec::new(); distinct.len()];
        for (s, sentence) in self.sentences.iter().enumerate() {
            for t in &sentence.tokens {
                let norm = normalised(&t.folded);
                if norm.is_empty() {
                    continue;
                }
                if let Some(j) = distinct.iter().position(|w| *w == norm) {
                    times[j] += 1;
                    if sentences[j].last() != Some(&s) {
                        sentences[j].push(s);
                    }
                }
            }
        }
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for (n, sentences) in times.iter().zip(&sentences) {
            // Common words say little.
            if *n > 50 {
                continue;
            }
            for &s in sentences {
                *counts.entry(s).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(s, _)| s)
    }

    /// [`BodyView::closest_sentence`] as it was answered from the quote index.
    #[cfg(test)]
    fn closest_sentence_indexed(index: &QuoteIndex, words: &[String]) -> Option<usize> {
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for w in words.iter().collect::<HashSet<_>>() {
            let Some(id) = index.words.id(w) else { continue };
            let pos = index.words.positions(id);
            // Common words say little and their lists are long.
            if pos.len() > 50 {
                continue;
            }
            let mut seen = HashSet::default();
            for &p in pos {
                if seen.insert(index.word_sentence[p]) {
                    *counts.entry(index.word_sentence[p]).or_default() += 1;
                }
            }
        }
        counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(s, _)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};

    /// The word sets that pass repeated words by address hold what a set
    /// of every token's word holds.
    #[test]
    fn word_sets_hold_every_tokens_word() {
        let text = "Prices Rise Again\n\
            The U.S. central bank's governors said prices rose again; the governors' \
            statement said prices would keep rising. Prices rose 3% in May, the bank said.\n\
            Governors of the bank meet again in June, and the U.S. markets rose.\n\
            - Prices rose again, the bank said.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let view = BodyView::build(&doc, &alignment);
        let tokens = || alignment.sentences.iter().flat_map(|s| &s.tokens);
        let plain: HashSet<Cow<str>> = tokens().map(|t| plained(&t.folded)).collect();
        let kept: HashSet<Cow<str>> = view.plain().iter().map(|k| Cow::Borrowed(k.as_str())).collect();
        assert_eq!(kept, plain);
        assert_eq!(view.plain().len(), plain.len());
        assert!(plain.contains("us") && plain.contains("bank"));
        let prefixes: HashSet<&str> = tokens()
            .filter_map(|t| t.stem.char_indices().nth(4).map(|(i, c)| &t.stem[..i + c.len_utf8()]))
            .collect();
        let kept_prefixes: HashSet<&str> = view.stem_prefixes().iter().map(Kept::as_str).collect();
        assert_eq!(kept_prefixes, prefixes);
        assert_eq!(view.stem_prefixes().len(), prefixes.len());
        assert!(view.has_stem_prefix("governing"));
    }

    /// The acronyms as they were kept before: every stretch of two to
    /// eight initials of each run, two only at the run's end, in a set.
    fn acronym_set(text: &str, runs: &[Vec<&Token>]) -> HashSet<String> {
        let mut set = HashSet::default();
        for run in runs.iter().filter(|r| r.len() >= 2) {
            let initials: Vec<char> = run
                .iter()
                .filter_map(|t| t.text(text).chars().next())
                .flat_map(char::to_lowercase)
                .collect();
            for start in 0..initials.len() {
                for end in start + 2..=initials.len().min(start + 8) {
                    if end - start == 2 && end != initials.len() {
                        continue;
                    }
                    set.insert(initials[start..end].iter().collect());
                }
            }
        }
        set
    }

    #[test]
    fn acronyms_looked_up_in_the_runs_are_those_of_the_set() {
        let text = "Officials at the United Nations said. National Alliance on Mental Illness Board \
            Members Of Congress Here Today Now, Ukraine Solidarity Campaign; İstanbul Grand Bazaar. \
            A B. Big Apple Inc";
        let tokens = crate::text::tokenize(text, 0, text.len());
        let mut runs: Vec<Vec<&Token>> = vec![Vec::new()];
        for t in &tokens {
            if t.is_capitalized(text) {
                runs.last_mut().unwrap().push(t);
            } else {
                runs.push(Vec::new());
            }
        }
        let mut names = Names::default();
        for run in &runs {
            names.add_acronyms(text, run);
        }
        let set = acronym_set(text, &runs);
        assert!(set.contains("un") && set.contains("mibmocht") && !set.contains("us") && set.contains("usc"));
        // Every stretch of the initials, and of their words, whether in the set or not.
        let all: Vec<char> = names.initials.clone();
        let mut asked = 0;
        for start in 0..all.len() {
            for end in start..=all.len().min(start + 10) {
                let word: String = all[start..end].iter().collect();
                assert_eq!(names.has_acronym(&word), set.contains(&word), "{word:?}");
                asked += 1;
            }
        }
        for word in ["", "u", "un", "nami", "xyz", "abcdefghi", "i̇gb", "ba", "bai", "mochtn"] {
            assert_eq!(names.has_acronym(word), set.contains(word), "{word:?}");
        }
        assert!(asked > 100);
    }

    /// A run found by scanning the body is the one the quote index finds,
    /// for every stretch of the body's words (across sentence ends too),
    /// stretches with a word changed, and words the body lacks.
    #[test]
    fn runs_found_by_scanning_are_those_of_the_index() {
        let text = "Quotes Here\n\
            \"We will not stop,\" the U.S. envoy said — and the talks' end is near. It's 3.5% of \
            the 2,000 cases, he said; we will not stop.\n\
            The envoy said it again: \"we will\" ... not stop. Co-operation, she said, is near.\n\
            - The envoy said \"we will not stop\".\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let view = BodyView::build(&doc, &alignment);
        let index = QuoteIndex::build(&alignment);
        let words: Vec<String> = alignment
            .sentences
            .iter()
            .flat_map(|s| &s.tokens)
            .map(|t| normalise(&t.folded))
            .filter(|w| !w.is_empty())
            .collect();
        assert!(words.len() > 40);
        let mut found = 0;
        let mut runs: Vec<Vec<String>> = vec![Vec::new(), vec!["absent".into()], vec!["".into()]];
        for start in 0..words.len() {
            for len in 1..=5.min(words.len() - start) {
                let run = words[start..start + len].to_vec();
                let mut changed = run.clone();
                changed[len - 1] = "said".into();
                runs.push(run);
                runs.push(changed);
            }
        }
        let (mut closest, mut some) = (0, 0);
        for run in &runs {
            let scanned = view.find_run(run);
            assert_eq!(scanned, BodyView::find_run_indexed(&index, run), "{run:?}");
            found += usize::from(scanned.is_some());
            let sentence = view.closest_sentence(run);
            assert_eq!(sentence, BodyView::closest_sentence_indexed(&index, run), "{run:?}");
            closest += usize::from(sentence.is_some_and(|s| s > 0));
            some += usize::from(sentence.is_some());
        }
        assert!(found > words.len());
        assert!(closest > 10 && some < runs.len(), "{closest} {some}");
        // Words the body has more than 50 times count for nothing, and
        // the same word twice counts once.
        let mut long = text.to_string();
        long.insert_str(long.find("\n- ").unwrap(), &" Envoy said near it.".repeat(30));
        let doc = parse_article("t.txt", long, InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let (view, index) = (BodyView::build(&doc, &alignment), QuoteIndex::build(&alignment));
        for run in [
            &["said", "near", "talks"][..],
            &["envoy", "envoy", "it"],
            &["it", "cases", "near", "we"],
        ] {
            let run: Vec<String> = run.iter().map(|w| w.to_string()).collect();
            let sentence = view.closest_sentence(&run);
            assert_eq!(sentence, BodyView::closest_sentence_indexed(&index, &run), "{run:?}");
            assert!(sentence.is_some());
        }
    }

    /// Each of the facts, gathered in its own pass, holds what the body
    /// gives of its kind, in text order.
    #[test]
    fn numbers_times_and_dates_each_in_their_own_pass() {
        let text = "Facts\n\
            The second round starts at 10pm on Monday, with 2,000 fans and a couple of bands.\n\
            It ended at 7.30 a.m. in September, a decade later, every weekend.\n\
            - The round starts at 10pm.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let view = BodyView::build(&doc, &alignment);
        let values: Vec<f64> = view.numbers().iter().map(|n| n.value).collect();
        assert_eq!(values, [2.0, 10.0, 2000.0, 2.0, 7.3, 10.0]);
        let times: Vec<(f64, usize)> = view.times().iter().map(|&(t, s, _)| (t, s)).collect();
        assert_eq!(times, [(22.0, 0), (7.3, 1)]);
        let mut dates: Vec<&str> = view.dates().iter().copied().collect();
        dates.sort_unstable();
        assert_eq!(dates, ["monday", "saturday", "september", "sunday"]);
    }

    /// `has_plain` and `has_name` answer as the whole-body views do: on
    /// every token of the units and the body, a fresh view (the index's
    /// sentences first) against one whose views were built before asking.
    #[test]
    fn words_found_in_the_stems_sentences_are_those_of_the_views() {
        let text = "The U.S. And NATO Meet\n\
            U.S. officials met NATO envoys at the United Nations in New York; the US envoy's \
            aide, Mr. O'Neill, said the white and red flags were the U.N.'s. MPs from the UK \
            and the E.U. sat in the White House. The MP's whites faded, IT said, and it said so.\n\
            Officials of the Ukraine Solidarity Campaign met at St. Paul's with the Greens.\n\
            - The US and NATO envoys met at the UN with MPs, EU and UK officials and Mr. O'Neill.\n\
            - White and red flags, an MP's whites, the Greens and IT said so at St Paul's.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let built = BodyView::build(&doc, &alignment);
        built.plain();
        built.names();
        let unit_tokens = alignment.units.iter().flat_map(|u| &u.tokens);
        let body_tokens = alignment.sentences.iter().flat_map(|s| &s.tokens);
        let (mut found, mut asked) = (0, 0);
        for t in unit_tokens.chain(body_tokens) {
            let fresh = BodyView::build(&doc, &alignment);
            assert_eq!(
                fresh.has_plain(&alignment, &t.folded, &t.stem),
                built.plain().contains(&*t.folded)
            );
            let fresh = BodyView::build(&doc, &alignment);
            let has = fresh.has_name(&alignment, t, &doc.text);
            assert_eq!(has, built.has_name(&alignment, t, &doc.text), "{:?}", t.text(&doc.text));
            found += usize::from(fresh.gathered.names.get().is_none() && has);
            asked += 1;
        }
        assert!(asked > 100 && found > 10, "{found} of {asked}");
        for (folded, stem) in [
            ("us", "us"),
            ("u.s", "u.s"),
            ("un", "un"),
            ("white", "white"),
            ("x", "x"),
        ] {
            let fresh = BodyView::build(&doc, &alignment);
            let has = fresh.has_plain(&alignment, folded, &Shared::from(stem));
            assert_eq!(has, built.plain().contains(folded), "{folded}");
        }
    }

    /// Views of one body share what they gathered; a view of another body,
    /// or of a body with one sentence more or split elsewhere, does not.
    #[test]
    fn views_of_one_body_share_what_they_gathered() {
        let body = "Paris Talks\nThe U.S. envoy met NATO at 10am on Monday. 2,000 came.\nIt rained.\n";
        let view_of = |text: &str, check: &dyn Fn(&BodyView)| {
            let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let alignment = crate::align::align(&doc);
            let view = BodyView::of_article(&doc, &alignment);
            check(&view);
            let own = BodyView::build(&doc, &alignment);
            assert_eq!(view.numbers(), own.numbers());
            assert_eq!(view.times(), own.times());
            assert_eq!(view.dates(), own.dates());
            assert_eq!(view.plain(), own.plain());
            assert_eq!(view.stem_prefixes(), own.stem_prefixes());
            assert_eq!(view.names().initials, own.names().initials);
            assert_eq!(view.names().by_prefix, own.names().by_prefix);
            Rc::clone(&view.gathered)
        };
        let first = view_of(&format!("{body}- The envoy met NATO.\n"), &|_| {});
        let second = view_of(
            &format!("{body}- NATO met the US envoy on Monday, 2,000 came.\n"),
            &|_| {},
        );
        assert!(Rc::ptr_eq(&first, &second));
        for other in [
            "Paris Talks\nThe U.S. envoy met NATO at 10am on Monday. 2,000 came.\n",
            "Paris Talks\nThe U.S. envoy met NATO at 10am on Monday. 2,000 came. It rained.\n",
            "Paris Talks\nThe U.S. envoy met NATO at 10am on Monday. 2,000 came.\nIt rained!\n",
        ] {
            let third = view_of(&format!("{other}- The envoy met NATO.\n"), &|_| {});
            assert!(!Rc::ptr_eq(&first, &third), "{other:?}");
        }
        let again = view_of(&format!("{body}- The envoy met NATO.\n"), &|view| {
            assert!(view.gathered.numbers.get().is_none());
        });
        assert!(!Rc::ptr_eq(&first, &again));
    }

    #[test]
    fn plains_to_is_plained_equal() {
        for folded in [
            "u.s", "us", "u.s.'s", "o'neill", "mp's", "mps", "a.b.c", "'s", "s", "é.t", "x''",
        ] {
            for word in ["us", "u.s", "oneill", "mp", "mps", "abc", "", "s", "ét", "x"] {
                assert_eq!(plains_to(folded, word), plained(folded) == word, "{folded} {word}");
            }
        }
    }

    #[test]
    fn a_string_is_first_once() {
        let mut seen = SeenStrings::default();
        let words: Vec<String> = (0..600).map(|i| format!("w{i}")).collect();
        for w in &words {
            assert!(seen.first(w));
            assert!(!seen.first(w));
        }
    }
}
