//! Alignment: for each summary unit, the body sentences and paragraphs it
//! came from, and how well they support it.
//!
//! The body's sentences are indexed once (an inverted index from content
//! stems to sentences, with BM25 weights), so aligning a unit costs the
//! length of the posting lists of its own words, not units × sentences ×
//! length. For each unit the best BM25 candidates are re-scored by
//! rarity-weighted recall of the unit's content, phrase (bigram) overlap
//! and string closeness; then sources are chosen greedily so that a unit
//! drawing from several sentences gets all of them.
//!
//! `support` is the share of the unit's content, weighted by rarity (IDF),
//! found in its chosen sources, blended with the share of its two-word
//! phrases found there: a unit that reuses the body's words in the body's
//! combinations scores high, one that adds words the body never uses or
//! recombines them scores lower.

use crate::checks::duplication::BodyPass;
use crate::document::Document;
use crate::text::distance::Pattern;
use crate::text::tokens::stem_hash;
use crate::text::{tokenize, Shared, Token};
use std::rc::Rc;
// Fx hashing: keys are short stems and small integers, and SipHash was a
// measurable share of the run; no key comes from an attacker who could
// gain by collisions more than the input's size already gives.
use rustc_hash::FxHashMap as HashMap;

/// BM25 parameters (the usual ones).
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;
/// Candidates re-scored per unit.
const CANDIDATES: usize = 8;
/// Most sentences one unit is said to draw from.
const MAX_SOURCES: usize = 4;
/// A further sentence is a source only if it adds this share of the unit's
/// content weight.
const MIN_GAIN: f64 = 0.12;
/// A paragraph is listed as a source when it supplies this share of a unit.
pub const MIN_PARAGRAPH_SHARE: f64 = 0.15;

/// Weights of the sentence score; chosen by measuring alignment accuracy on
/// the fixtures with known sources and support ROC-AUC on the labelled data
/// (see README, "How alignment is scored").
const W_RECALL: f64 = 0.7;
const W_PHRASE: f64 = 0.2;
const W_CLOSE: f64 = 0.1;
/// Support blends content recall and phrase recall over all sources.
const SUPPORT_RECALL: f64 = 0.8;

/// A body sentence with its tokens.
#[derive(Debug)]
pub struct BodySentence {
    /// Index into `Document::paragraphs`.
    pub paragraph: usize,
    /// Index into that paragraph's sentences.
    pub index: usize,
    pub tokens: Vec<Token>,
}

/// The body's sentences, shared (not copied) between the alignments of
/// documents with one body on a thread ([`LastBody`]).
pub type BodySentences = crate::document::SharedVec<BodySentence>;

/// Which source sentences' scores [`align_with`] measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Scores {
    /// Every one: for reports that print them.
    #[default]
    Every,
    /// Those that share a paragraph with another source of their unit: for
    /// reports that list a paragraph's source sentences best first.
    Order,
    /// None: for reports that show findings only.
    Skip,
}

/// A sentence a unit draws from.
#[derive(Clone, Debug)]
pub struct SentenceSource {
    /// Index into [`Alignment::sentences`].
    pub sentence: usize,
    /// How well the sentence matches the unit (content, phrases and string
    /// closeness); `None` when the run did not measure it because its
    /// report does not need it ([`align_with`]). The choice of sources and
    /// their order are the same either way.
    pub score: Option<f64>,
}

/// A paragraph a unit draws from, with the sentences used.
#[derive(Clone, Debug)]
pub struct ParagraphSource {
    /// Index into `Document::paragraphs`.
    pub paragraph: usize,
    /// Share of the unit's content weight found in this paragraph's sources.
    pub score: f64,
    pub sentences: Vec<SentenceSource>,
}

#[derive(Debug)]
pub struct UnitAlignment {
    /// Index into `Document::units`.
    pub unit: usize,
    pub tokens: Vec<Token>,
    /// Per token: found in the chosen sources (same stem or number).
    pub in_sources: Vec<bool>,
    /// Per token: found anywhere in the body.
    pub in_body: Vec<bool>,
    /// Per token: rarity weight (IDF over the body's sentences).
    pub weights: Vec<f64>,
    /// Per token: its stem's term in the body's index (`None` when the
    /// body lacks the stem), for the duplication checks to ask the index
    /// by number rather than hash the stem again.
    pub(crate) terms: Vec<Option<u32>>,
    pub support: f64,
    /// Best first.
    pub sources: Vec<ParagraphSource>,
    /// All chosen sentences, best first.
    pub sentences: Vec<SentenceSource>,
}

impl UnitAlignment {
    /// Sentence indexes of the chosen sources in body order.
    pub fn source_sentences_in_order(&self) -> Vec<usize> {
        let mut ids: Vec<usize> = self.sentences.iter().map(|s| s.sentence).collect();
        ids.sort_unstable();
        ids
    }
}

/// The body index and every unit's alignment.
#[derive(Debug)]
pub struct Alignment {
    /// The body's sentences with their tokens; shared with the thread's
    /// [`LastBody`] (and so with the next document of the same body).
    pub sentences: BodySentences,
    pub units: Vec<UnitAlignment>,
    index: Rc<Index>,
    /// The body as word ids for the duplication measures, built by the first
    /// of the verbatim check and the outcome to need it and kept for the other.
    pub(crate) body_words: std::sync::OnceLock<crate::checks::duplication::BodyWords>,
    /// What the duplication checks read of every body token, gathered as
    /// the body is tokenized.
    pub(crate) body_pass: Rc<BodyPass>,
    /// The builder's buffers (and the units' ones), given back to the
    /// [`Pool`]; the index too unless [`LastBody`] keeps it.
    scratch: Scratch,
}

impl Drop for Alignment {
    fn drop(&mut self) {
        if let Some(index) = Rc::get_mut(&mut self.index) {
            Pool::give_back_index(std::mem::take(index));
        }
        Pool::give_back_scratch(std::mem::take(&mut self.scratch));
    }
}

/// Content stems to term ids, looked up by a stem and its
/// [`stem_hash`]: a body token's hash comes with it from the word cache
/// ([`Token::stem_hash`]), where a map keyed by the stem hashed its bytes
/// for every content token (a loop whose length-dependent branches
/// mispredicted). Open addressing with linear probing; the stems are the
/// tokens' shared strings.
#[derive(Debug, Default)]
struct Terms {
    /// Per slot, (hash, 1 + term), or (0, 0) when empty; a power of two
    /// long (or empty), at most half full.
    slots: Vec<(u32, u32)>,
    /// Per term, its stem.
    stems: Vec<Shared>,
    /// Per term, its hash ([`Terms::clear`] finds its slot by it).
    hashes: Vec<u32>,
}

/// True when `a` and `b` are the same text: inline (most pairs of equal
/// hash are the same string, and then the same pointer), where `str`'s
/// equality called `memcmp`.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && (std::ptr::eq(a.as_ptr(), b.as_ptr()) || a.iter().zip(b).all(|(x, y)| x == y))
}

/// The slot of a table of `slots` slots (a power of two) to probe first
/// for `hash`: the top bits of a multiple (the low bits of stem hashes are
/// not trusted to spread).
#[inline]
fn home(hash: u32, slots: usize) -> usize {
    let bits = slots.trailing_zeros();
    (u64::from(hash.wrapping_mul(0x9E37_79B9)) << 32 >> (64 - bits)) as usize
}

impl Terms {
    fn len(&self) -> usize {
        self.stems.len()
    }

    fn capacity(&self) -> usize {
        self.slots.capacity().max(self.stems.capacity())
    }

    /// Empty, keeping the room: each term's slot emptied, found from its
    /// hash. (Not a fill of the whole table: the pooled table keeps the
    /// size of the largest body the thread met, and filling it cost every
    /// later body that size.)
    fn clear(&mut self) {
        let mask = self.slots.len().wrapping_sub(1);
        for (term, &hash) in self.hashes.iter().enumerate() {
            let mut at = home(hash, self.slots.len());
            while self.slots[at].1 != term as u32 + 1 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (0, 0);
        }
        self.stems.clear();
        self.hashes.clear();
    }

    /// Room for `terms` terms without growing.
    fn reserve(&mut self, terms: usize) {
        self.stems.reserve(terms);
        self.hashes.reserve(terms);
        if self.slots.len() < 2 * terms {
            self.grow_to((2 * terms).next_power_of_two());
        }
    }

    #[inline]
    fn home(&self, hash: u32) -> usize {
        home(hash, self.slots.len())
    }

    /// The term of `stem`, whose [`stem_hash`] is `hash`.
    #[inline]
    fn get(&self, hash: u32, stem: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        loop {
            let (h, term) = self.slots[at];
            if term == 0 {
                return None;
            }
            if h == hash && same_text(&self.stems[term as usize - 1], stem) {
                return Some(term - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// The term of `stem`, whose [`stem_hash`] is `hash`, numbered next
    /// (and kept) if it has none yet; and whether it is new.
    #[inline]
    fn get_or_insert(&mut self, hash: u32, stem: &Shared) -> (u32, bool) {
        if 2 * (self.stems.len() + 1) > self.slots.len() {
            self.grow_to((2 * (self.stems.len() + 1)).next_power_of_two().max(16));
        }
        let mask = self.slots.len() - 1;
        let mut at = self.home(hash);
        loop {
            let (h, term) = self.slots[at];
            if term == 0 {
                let new = self.len() as u32;
                self.stems.push(stem.clone());
                self.hashes.push(hash);
                self.slots[at] = (hash, new + 1);
                return (new, true);
            }
            if h == hash && same_text(&self.stems[term as usize - 1], stem) {
                return (term - 1, false);
            }
            at = (at + 1) & mask;
        }
    }

    /// Moves every term into a table of `slots` slots.
    #[cold]
    fn grow_to(&mut self, slots: usize) {
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); slots]);
        let mask = slots - 1;
        for (hash, term) in old.into_iter().filter(|&(_, term)| term != 0) {
            let mut at = self.home(hash);
            while self.slots[at].1 != 0 {
                at = (at + 1) & mask;
            }
            self.slots[at] = (hash, term);
        }
    }
}

#[derive(Debug, Default)]
struct Index {
    /// Content stems to term ids; the stems are the tokens'.
    terms: Terms,
    /// Per term `t`: `postings[posting_starts[t]..posting_starts[t + 1]]`
    /// are its (sentence, term frequency), by sentence. One flat array
    /// instead of a growing vector per term.
    postings: Vec<(u32, u32)>,
    posting_starts: Vec<u32>,
    idf: Vec<f64>,
    sentence_len: Vec<u32>,
    /// Per sentence, BM25's length term `K1 * (1 - B + B * len / average_len)`,
    /// worked out once per body rather than once per posting of every unit.
    length_norm: Vec<f64>,
    /// Per sentence `s`: `sentence_terms[term_starts[s]..term_starts[s + 1]]`
    /// are its content terms, sorted and unique.
    sentence_terms: Vec<u32>,
    term_starts: Vec<u32>,
    /// Per sentence, the same way: its content bigrams (two adjacent content
    /// terms, see [`bigram`]), sorted and unique.
    sentence_bigrams: Vec<u64>,
    bigram_starts: Vec<u32>,
    average_len: f64,
    unknown_idf: f64,
    /// Per term: some body sentence with the term as content writes a
    /// token of its stem capitalised after its first word.
    capitalised: Vec<bool>,
    /// Per sentence, found on first use: the length in characters of its
    /// folded text, for [`closeness_bound`]. Kept with the index, so that
    /// the documents of one body (`LastBody`) measure each sentence once,
    /// not once per unit that has it as a candidate.
    folded_lens: Vec<std::cell::OnceCell<usize>>,
    /// Per sentence, found on first use: its [`folded_text`], which the
    /// string closeness compares (again kept for the body's documents).
    folded: Vec<std::cell::OnceCell<Box<str>>>,
}

/// [`Token::is_capitalized`], with an ASCII first byte (most words) read
/// without slicing the text.
#[inline]
pub(crate) fn capitalized(token: &Token, text: &str) -> bool {
    match text.as_bytes().get(token.start) {
        Some(b) if b.is_ascii() && token.start < token.end => b.is_ascii_uppercase(),
        _ => token.is_capitalized(text),
    }
}

/// Two adjacent content terms as one number, for phrase matching.
fn bigram(a: u32, b: u32) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// Sorted and unique bigrams of `terms` (in text order).
fn bigrams(terms: &[u32]) -> Vec<u64> {
    let mut pairs: Vec<u64> = Vec::with_capacity(terms.len().saturating_sub(1));
    push_bigrams(terms, &mut pairs);
    pairs
}

/// Appends the sorted and unique bigrams of `terms` (in text order) to `out`.
fn push_bigrams(terms: &[u32], out: &mut Vec<u64>) {
    let start = out.len();
    out.extend(terms.windows(2).map(|w| bigram(w[0], w[1])));
    out[start..].sort_unstable();
    let mut kept = start;
    for i in start..out.len() {
        if kept == start || out[kept - 1] != out[i] {
            out[kept] = out[i];
            kept += 1;
        }
    }
    out.truncate(kept);
}

/// Builds the [`Index`] one sentence at a time, each right after it is
/// tokenized: its tokens are then still in the CPU's caches (a second pass
/// over the body's tokens missed them).
struct IndexBuilder {
    index: Index,
    scratch: Scratch,
}

/// The buffers an [`IndexBuilder`] needs only while it builds.
#[derive(Debug, Default)]
struct Scratch {
    /// Per term: how many sentences have it (its posting list's length).
    df: Vec<u32>,
    /// The terms of one sentence, sorted: runs of one term are its
    /// frequency (a sort beats a hash map for a sentence's few words).
    terms: Vec<u32>,
    /// Every sentence's (term, frequency), in sentence order.
    counts: Vec<(u32, u32)>,
    /// The content tokens of one sentence ([`IndexBuilder::add`]).
    content: Vec<u32>,
    /// The positions of one sentence's function words written capitalised
    /// after its first word ([`IndexBuilder::add`]).
    capital_stops: Vec<u32>,
    /// Per term, the next free place in its posting list
    /// ([`IndexBuilder::finish`]).
    fill: Vec<u32>,
    /// IDF by document frequency ([`idf_of`]).
    by_df: Vec<f64>,
    /// Per term, for the unit being aligned: 1 + its position in the unit's
    /// terms, 0 for the terms it lacks (all 0 between units).
    position_of: Vec<u32>,
    /// Per sentence, for the unit being aligned: its BM25 score
    /// ([`Index::candidates`]).
    bm25: Vec<f64>,
}

/// BM25's IDF of a term in `df` of `sentences` sentences.
fn idf(df: u32, sentences: usize) -> f64 {
    let (n, df) = (sentences as f64, df as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Appends the [`idf`] of every document frequency in `dfs` (each at most
/// `sentences`) to `out`, computing it once per distinct one (`by_df` holds
/// them): most terms of a body share a few frequencies (most are in one
/// sentence), and the logarithm was a measurable share of aligning.
fn idf_of(dfs: &[u32], sentences: usize, out: &mut Vec<f64>, by_df: &mut Vec<f64>) {
    // (NaN: not computed yet; no IDF is NaN, as df <= sentences.)
    by_df.clear();
    by_df.resize(sentences + 1, f64::NAN);
    out.extend(dfs.iter().map(|&df| {
        let known = &mut by_df[df as usize];
        if known.is_nan() {
            *known = idf(df, sentences);
        }
        *known
    }));
}

/// Most elements a pooled buffer keeps room for: a larger one (of an
/// unusually long body) is freed, not kept for every later document.
const POOLED_MAX: usize = 1 << 16;

/// True when no buffer of a pooled set holds room for more than
/// [`POOLED_MAX`] elements: a larger one is freed, not kept.
fn within_pool_limit(capacities: &[usize]) -> bool {
    capacities.iter().all(|&capacity| capacity <= POOLED_MAX)
}

/// The buffers of the last document's index and builder, emptied, for the
/// next document on the thread: a body's index is a dozen vectors and a
/// map, and allocating them (and growing the map) for every document was a
/// measurable share of aligning. The two are kept apart: a document whose
/// body the thread's [`LastBody`] has takes new scratch buffers only.
struct Pool;

thread_local! {
    static POOLED_INDEX: std::cell::Cell<Option<Index>> = const { std::cell::Cell::new(None) };
    static POOLED_SCRATCH: std::cell::Cell<Option<Scratch>> = const { std::cell::Cell::new(None) };
}

impl Pool {
    /// The thread's index buffers, empty (or new ones).
    fn take_index() -> Index {
        POOLED_INDEX.take().unwrap_or_default()
    }

    /// The thread's scratch buffers, empty (or new ones).
    fn take_scratch() -> Scratch {
        POOLED_SCRATCH.take().unwrap_or_default()
    }

    /// Empties `index` and keeps it for the next document, unless it holds
    /// room for more than [`POOLED_MAX`] elements.
    fn give_back_index(mut index: Index) {
        let Index {
            terms,
            postings,
            posting_starts,
            idf,
            sentence_len,
            length_norm,
            sentence_terms,
            term_starts,
            sentence_bigrams,
            bigram_starts,
            average_len,
            unknown_idf,
            capitalised,
            folded_lens,
            folded,
        } = &mut index;
        if !within_pool_limit(&[
            terms.capacity(),
            postings.capacity(),
            posting_starts.capacity(),
            idf.capacity(),
            sentence_len.capacity(),
            length_norm.capacity(),
            sentence_terms.capacity(),
            term_starts.capacity(),
            sentence_bigrams.capacity(),
            bigram_starts.capacity(),
            capitalised.capacity(),
            folded_lens.capacity(),
            folded.capacity(),
        ]) {
            return;
        }
        terms.clear();
        postings.clear();
        posting_starts.clear();
        idf.clear();
        sentence_len.clear();
        length_norm.clear();
        sentence_terms.clear();
        term_starts.clear();
        sentence_bigrams.clear();
        bigram_starts.clear();
        *average_len = 0.0;
        *unknown_idf = 0.0;
        capitalised.clear();
        folded_lens.clear();
        folded.clear();
        POOLED_INDEX.set(Some(index));
    }

    /// Empties `scratch` and keeps it for the next document, unless it
    /// holds room for more than [`POOLED_MAX`] elements.
    fn give_back_scratch(mut scratch: Scratch) {
        let Scratch {
            df,
            terms: sentence,
            counts,
            content,
            capital_stops,
            fill,
            by_df,
            position_of,
            bm25,
        } = &mut scratch;
        if !within_pool_limit(&[
            df.capacity(),
            sentence.capacity(),
            counts.capacity(),
            content.capacity(),
            capital_stops.capacity(),
            fill.capacity(),
            by_df.capacity(),
            position_of.capacity(),
            bm25.capacity(),
        ]) {
            return;
        }
        df.clear();
        sentence.clear();
        counts.clear();
        // (`content` is grown, never cleared, by `add`: emptied here, it
        // grows again from its kept room.)
        content.clear();
        capital_stops.clear();
        fill.clear();
        by_df.clear();
        position_of.clear();
        bm25.clear();
        POOLED_SCRATCH.set(Some(scratch));
    }
}

/// Largest body text (up to the end of what analysing it reads, see
/// [`crate::document::read_through`]) whose analysis [`LastBody`] keeps:
/// news articles are a few KB; a longer body is analysed afresh each
/// time rather than kept alive (with its tokens, about ten times its size)
/// for the rest of the run.
pub const MAX_KEPT_BODY: usize = 256 * 1024;

/// The analysis of the last body aligned on this thread, for the next
/// document with the same body: labelled data, evaluation sets and A/B
/// tests give several summaries of one article on consecutive records,
/// which the run hands to one worker, and each re-tokenized and
/// re-indexed the body (about a fifth of the run's instructions).
///
/// What the body's tokens, index and duplication pass depend on is the
/// text of its sentences and what the tokenizer reads around them: the
/// text before them and a few bytes after the last one
/// ([`crate::document::read_through`]); and where the sentences are. Both
/// are compared in full, byte for byte, so a document is given the kept
/// analysis only when computing it afresh would give the same.
struct LastBody {
    /// `doc.text[..read_through(text, end of the last sentence)]`.
    text: Vec<u8>,
    /// (paragraph, start, end) of every body sentence, in order.
    spans: Vec<(usize, usize, usize)>,
    sentences: BodySentences,
    index: Rc<Index>,
    body_pass: Rc<BodyPass>,
}

/// A [`LastBody`]'s text and sentence spans.
type BodyKey = (Vec<u8>, Vec<(usize, usize, usize)>);

thread_local! {
    static LAST_BODY: std::cell::RefCell<Option<LastBody>> = const { std::cell::RefCell::new(None) };
    /// The buffers of the last forgotten [`LastBody`]'s key, for the next.
    static LAST_KEY: std::cell::Cell<BodyKey> = const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

impl LastBody {
    /// True when `doc`'s body is this one's: the same sentence spans and
    /// the same text through what the analysis reads.
    fn matches(&self, doc: &Document, through: usize) -> bool {
        let mut kept = self.spans.iter();
        let same_spans = doc.paragraphs.iter().enumerate().all(|(p, paragraph)| {
            paragraph
                .sentences
                .iter()
                .all(|span| kept.next() == Some(&(p, span.start, span.end)))
        }) && kept.next().is_none();
        same_spans && self.text == doc.text.as_bytes()[..through]
    }

    /// Forgets the kept body, giving its index's buffers back to the pool
    /// when no alignment holds it any more.
    fn forget() {
        if let Some(last) = LAST_BODY.take() {
            LAST_KEY.set((last.text, last.spans));
            drop(last.sentences);
            drop(last.body_pass);
            if let Ok(index) = Rc::try_unwrap(last.index) {
                Pool::give_back_index(index);
            }
        }
    }
}

/// Ends a body sentence whose term numbers are in `terms` (the content
/// words, in order): its bigrams, its (term, frequency) counts and document
/// frequencies, its length, and which function words written capitalised
/// it also has as content.
fn end_sentence<'t>(
    index: &mut Index,
    df: &mut [u32],
    terms: &mut [u32],
    counts: &mut Vec<(u32, u32)>,
    capital_stops: impl Iterator<Item = &'t Token>,
) {
    let len = terms.len() as u32;
    push_bigrams(terms, &mut index.sentence_bigrams);
    index.bigram_starts.push(index.sentence_bigrams.len() as u32);
    terms.sort_unstable();
    let first = counts.len();
    for &term in terms.iter() {
        match counts[first..].last_mut() {
            Some((last, tf)) if *last == term => *tf += 1,
            _ => counts.push((term, 1)),
        }
    }
    let first_term = index.sentence_terms.len();
    for &(term, _) in &counts[first..] {
        df[term as usize] += 1;
        index.sentence_terms.push(term);
    }
    index.term_starts.push(index.sentence_terms.len() as u32);
    index.sentence_len.push(len);
    for token in capital_stops {
        if let Some(term) = index.terms.get(token.stem_hash, &token.stem) {
            if index.sentence_terms[first_term..].binary_search(&term).is_ok() {
                index.capitalised[term as usize] = true;
            }
        }
    }
}

impl IndexBuilder {
    /// A builder for a body of about `bytes` bytes of sentences (for
    /// sizing; about one token in six bytes, and a term in three tokens).
    fn new(bytes: usize, sentences: usize) -> IndexBuilder {
        let tokens = bytes / 6;
        let (mut index, mut scratch) = (Pool::take_index(), Pool::take_scratch());
        index.terms.reserve(tokens / 3);
        index.sentence_len.reserve(sentences);
        index.term_starts.reserve(sentences + 1);
        index.bigram_starts.reserve(sentences + 1);
        index.sentence_terms.reserve(tokens / 2);
        index.sentence_bigrams.reserve(tokens / 2);
        index.capitalised.reserve(tokens / 3);
        index.term_starts.push(0);
        index.bigram_starts.push(0);
        scratch.df.reserve(tokens / 3);
        // (The buffers of one sentence, reused: sized for most sentences
        // so that they do not grow from empty in every document.)
        scratch.terms.reserve(64);
        scratch.counts.reserve(tokens / 2);
        scratch.content.reserve(128);
        scratch.capital_stops.reserve(16);
        IndexBuilder { index, scratch }
    }

    /// Adds the next body sentence, whose tokens point into `text`.
    fn add(&mut self, tokens: &[Token], text: &str) {
        let IndexBuilder {
            index,
            scratch:
                Scratch {
                    df,
                    terms,
                    counts,
                    content,
                    capital_stops,
                    ..
                },
        } = self;
        terms.clear();
        // Function words written capitalised after the first word: their
        // stem counts as capitalised if the sentence has it as content.
        capital_stops.clear();
        // The content tokens first, as (position << 1 | capitalised), gathered
        // without a branch on whether a token is a function word: that
        // follows no pattern (about every other token), and the branch
        // mispredicted 215 K times on the corpus.
        // (Grown, never cleared: every slot up to the one written is set.)
        if content.len() < tokens.len() {
            content.resize(tokens.len(), 0);
        }
        let mut found = 0;
        for (i, token) in tokens.iter().enumerate() {
            // A stem written capitalised after a sentence's first word (see
            // [`Alignment::capitalised`]).
            let capital = i > 0 && capitalized(token, text);
            if let Some(slot) = content.get_mut(found) {
                *slot = (i as u32) << 1 | u32::from(capital);
            }
            found += usize::from(token.is_content());
            if capital & !token.is_content() {
                capital_stops.push(i as u32);
            }
        }
        for &packed in &content[..found] {
            let token = &tokens[(packed >> 1) as usize];
            let (term, new) = index.terms.get_or_insert(token.stem_hash, &token.stem);
            if new {
                df.push(0);
                index.capitalised.push(false);
            }
            // (Or-ed in, not a branch: capitalised content words are names,
            // which come and go without a pattern either.)
            index.capitalised[term as usize] |= packed & 1 != 0;
            terms.push(term);
        }
        let stops = capital_stops.iter().map(|&i| &tokens[i as usize]);
        end_sentence(index, df, terms, counts, stops);
    }

    /// The index, and the buffers to give back to the [`Pool`] when the
    /// alignment is dropped.
    fn finish(self) -> (Index, Scratch) {
        let IndexBuilder { mut index, mut scratch } = self;
        let Scratch {
            df,
            counts,
            fill,
            by_df,
            ..
        } = &mut scratch;
        let sentences = index.sentence_len.len();
        // Postings laid out by term (a counting sort), each list in
        // sentence order as the sentences were read.
        index.posting_starts.reserve(df.len() + 1);
        let mut next = 0u32;
        index.posting_starts.push(0);
        for &d in df.iter() {
            next += d;
            index.posting_starts.push(next);
        }
        fill.extend_from_slice(&index.posting_starts[..df.len()]);
        index.postings.resize(counts.len(), (0, 0));
        let mut sentence = 0u32;
        for (i, &(term, tf)) in counts.iter().enumerate() {
            while index.term_starts[sentence as usize + 1] as usize <= i {
                sentence += 1;
            }
            let at = &mut fill[term as usize];
            index.postings[*at as usize] = (sentence, tf);
            *at += 1;
        }
        idf_of(df, sentences, &mut index.idf, by_df);
        index.folded_lens.resize_with(sentences, std::cell::OnceCell::new);
        index.folded.resize_with(sentences, std::cell::OnceCell::new);
        let n = sentences as f64;
        index.unknown_idf = (1.0 + (n + 0.5) / 0.5).ln();
        let total: u64 = index.sentence_len.iter().map(|&l| l as u64).sum();
        index.average_len = if sentences == 0 {
            1.0
        } else {
            (total as f64 / n).max(1.0)
        };
        let average_len = index.average_len;
        index.length_norm.extend(
            index
                .sentence_len
                .iter()
                .map(|&len| BM25_K1 * (1.0 - BM25_B + BM25_B * len as f64 / average_len)),
        );
        (index, scratch)
    }
}

impl Index {
    /// Number of distinct content terms in the body.
    fn term_count(&self) -> usize {
        self.idf.len()
    }

    /// (sentence, term frequency) of every sentence with `term`, by sentence.
    fn postings(&self, term: u32) -> &[(u32, u32)] {
        let t = term as usize;
        &self.postings[self.posting_starts[t] as usize..self.posting_starts[t + 1] as usize]
    }

    /// Content terms of sentence `s`, sorted and unique.
    fn sentence_terms(&self, s: usize) -> &[u32] {
        &self.sentence_terms[self.term_starts[s] as usize..self.term_starts[s + 1] as usize]
    }

    /// Content bigrams of sentence `s`, sorted and unique.
    fn sentence_bigrams(&self, s: usize) -> &[u64] {
        &self.sentence_bigrams[self.bigram_starts[s] as usize..self.bigram_starts[s + 1] as usize]
    }

    /// [`folded_len`] of body sentence `s`, whose tokens are `tokens` (read
    /// only the first time).
    fn folded_len(&self, s: usize, tokens: &[Token]) -> usize {
        *self.folded_lens[s].get_or_init(|| folded_len(tokens))
    }

    /// [`folded_text`] of body sentence `s`, whose tokens are `tokens`
    /// (read only the first time).
    fn folded(&self, s: usize, tokens: &[Token]) -> &str {
        self.folded[s].get_or_init(|| folded_text(tokens).into_boxed_str())
    }

    /// The term of a stem: a token's [`Shared`] stem or a `str`.
    fn term<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> Option<u32> {
        let stem = stem.as_ref();
        self.terms.get(stem_hash(stem), stem)
    }

    /// The term of `token`'s stem, by the hash it carries.
    #[inline]
    fn term_of(&self, token: &Token) -> Option<u32> {
        self.terms.get(token.stem_hash, &token.stem)
    }

    fn weight<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> f64 {
        self.term(stem).map_or(self.unknown_idf, |t| self.idf[t as usize])
    }

    /// BM25 scores of the sentences sharing a term with `terms`, best first;
    /// `scores` is a buffer for them (its contents are replaced).
    fn candidates(&self, terms: impl Iterator<Item = u32>, limit: usize, scores: &mut Vec<f64>) -> Vec<(usize, f64)> {
        // By sentence in a vector: a body has few sentences, and a map
        // took a hash and a probe per posting (and grew from empty per unit).
        // A posting's score is positive (a positive IDF, a positive term
        // frequency), so 0 marks a sentence no term reached.
        scores.clear();
        scores.resize(self.sentence_len.len(), 0.0);
        for term in terms {
            let idf = self.idf[term as usize];
            for &(sentence, tf) in self.postings(term) {
                let tf = tf as f64;
                // (The same operations as with the length term inline.)
                let score = idf * tf * (BM25_K1 + 1.0) / (tf + self.length_norm[sentence as usize]);
                scores[sentence as usize] += score;
            }
        }
        // (Sized for every sentence: collected through the filter, it grew
        // from four a few times per unit.)
        let mut ranked: Vec<(usize, f64)> = Vec::with_capacity(scores.len());
        ranked.extend(scores.iter().copied().enumerate().filter(|&(_, v)| v > 0.0));
        // The order is total (no two sentences tie), so the best `limit`
        // picked first and then sorted are the first `limit` of a full sort.
        let order = |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > limit {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked
    }
}

/// The folded words of `tokens`, one space apart: what string closeness
/// compares.
fn folded_text(tokens: &[Token]) -> String {
    let mut text = String::new();
    folded_text_into(tokens, &mut text);
    text
}

/// [`folded_text`] into `text` (cleared first): one buffer serves every
/// candidate sentence of a document.
fn folded_text_into(tokens: &[Token], text: &mut String) {
    text.clear();
    text.reserve(tokens.iter().map(|t| t.folded.len() + 1).sum());
    for (i, token) in tokens.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&token.folded);
    }
}

/// The length in characters of [`folded_text`]`(tokens)`, without building it.
fn folded_len(tokens: &[Token]) -> usize {
    let words: usize = tokens
        .iter()
        .map(|t| {
            if t.folded.is_ascii() {
                t.folded.len()
            } else {
                t.folded.chars().count()
            }
        })
        .sum();
    words + tokens.len().saturating_sub(1)
}

/// An upper bound on the string closeness ([`Pattern::normalized_similarity`])
/// of two texts of `a` and `b` characters: their edit distance is at least
/// the difference of their lengths. The same operations as the closeness on
/// a distance of that difference, so never below it after rounding either.
fn closeness_bound(a: usize, b: usize) -> f64 {
    let longer = a.max(b);
    if longer == 0 {
        return 1.0;
    }
    1.0 - (longer - a.min(b)) as f64 / longer as f64
}

/// Aligns every unit of `doc` to its body.
pub fn align(doc: &Document) -> Alignment {
    align_with(doc, Scores::Every)
}

/// [`align`], measuring the source sentences' scores only where `scores`
/// asks (every other [`SentenceSource::score`] is `None`). Only reports
/// that list source sentences show them (or order by them), and most of
/// the string closeness a run computes is for those scores alone: the
/// choice of sources needs it only where candidates are too close to tell
/// apart without it (about one computation in six on the corpus).
pub fn align_with(doc: &Document, scores: Scores) -> Alignment {
    let (sentences, index, body_pass, mut scratch) = body_analysis(doc);
    // (Zeroed once for the document, not once per unit: each unit sets its
    // own terms' entries and clears them again.)
    scratch.position_of.resize(index.term_count(), 0);
    let units = doc
        .units
        .iter()
        .enumerate()
        .map(|(u, unit)| {
            align_unit(
                u,
                tokenize(&doc.text, unit.span.start, unit.span.end),
                &sentences,
                &index,
                scores,
                &mut scratch,
            )
        })
        .collect();
    Alignment {
        sentences,
        units,
        index,
        body_words: std::sync::OnceLock::new(),
        body_pass,
        scratch,
    }
}

/// The body's sentences with their tokens, its index and duplication pass
/// (from the thread's [`LastBody`] when it is this body, kept there
/// otherwise when it is not too long), and scratch buffers.
fn body_analysis(doc: &Document) -> (BodySentences, Rc<Index>, Rc<BodyPass>, Scratch) {
    let end = doc.paragraphs.iter().flat_map(|p| &p.sentences).map(|s| s.end).max();
    let through = end.map(|end| crate::document::read_through(doc.text.as_bytes(), end));
    let kept = through.filter(|&t| t <= MAX_KEPT_BODY).and_then(|through| {
        LAST_BODY.with_borrow(|last| {
            last.as_ref().filter(|last| last.matches(doc, through)).map(|last| {
                (
                    last.sentences.clone(),
                    Rc::clone(&last.index),
                    Rc::clone(&last.body_pass),
                )
            })
        })
    });
    if let Some((sentences, index, body_pass)) = kept {
        return (sentences, index, body_pass, Pool::take_scratch());
    }
    // Another body: the kept one is not needed any more (its index's
    // buffers serve this one).
    LastBody::forget();
    let (sentences, index, body_pass, scratch) = analyse_body(doc);
    let (sentences, index, body_pass) = (BodySentences::from(sentences), Rc::new(index), Rc::new(body_pass));
    if let Some(through) = through.filter(|&t| t <= MAX_KEPT_BODY) {
        // (Into the last entry's buffers, as `LastBody::forget` left them.)
        let (mut text, mut spans) = LAST_KEY.take();
        text.clear();
        text.extend_from_slice(&doc.text.as_bytes()[..through]);
        spans.clear();
        for (p, paragraph) in doc.paragraphs.iter().enumerate() {
            spans.extend(paragraph.sentences.iter().map(|s| (p, s.start, s.end)));
        }
        LAST_BODY.set(Some(LastBody {
            text,
            spans,
            sentences: sentences.clone(),
            index: Rc::clone(&index),
            body_pass: Rc::clone(&body_pass),
        }));
    }
    (sentences, index, body_pass, scratch)
}

/// The body's sentences with their tokens, its index, its duplication
/// pass and the builder's buffers, worked out afresh.
fn analyse_body(doc: &Document) -> (Vec<BodySentence>, Index, BodyPass, Scratch) {
    let spans = || doc.paragraphs.iter().flat_map(|p| &p.sentences);
    let count = spans().count();
    let mut sentences = Vec::with_capacity(count);
    let mut builder = IndexBuilder::new(spans().map(|s| s.end - s.start).sum(), count);
    let mut body_pass = BodyPass::with_capacity(count);
    for (p, paragraph) in doc.paragraphs.iter().enumerate() {
        for (i, span) in paragraph.sentences.iter().enumerate() {
            let tokens = tokenize(&doc.text, span.start, span.end);
            builder.add(&tokens, &doc.text);
            body_pass.add(&sentences, &tokens, i == 0);
            sentences.push(BodySentence {
                paragraph: p,
                index: i,
                tokens,
            });
        }
    }
    let (index, scratch) = builder.finish();
    (sentences, index, body_pass, scratch)
}

impl Alignment {
    /// Rarity weight of a stem in this body.
    pub fn weight<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> f64 {
        self.index.weight(stem)
    }

    /// Sentences (indexes) whose content contains `stem`.
    pub fn sentences_with<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> impl Iterator<Item = usize> + '_ {
        self.index
            .term(stem)
            .into_iter()
            .flat_map(move |t| self.index.postings(t).iter().map(|&(s, _)| s as usize))
    }

    /// True when body sentence `s` (an index into `sentences`) has a
    /// content word of stem `stem`.
    pub fn sentence_has<Q: AsRef<str> + ?Sized>(&self, s: usize, stem: &Q) -> bool {
        self.index
            .term(stem)
            .is_some_and(|t| self.index.sentence_terms(s).binary_search(&t).is_ok())
    }

    /// True when some body sentence with `stem` as content writes a token
    /// of that stem capitalised after its first word: the same answer as
    /// scanning the tokens (after the first) of [`Alignment::sentences_with`]`(stem)`
    /// for one of stem `stem` that [`Token::is_capitalized`], without the
    /// scan.
    pub fn capitalised<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> bool {
        self.index
            .term(stem)
            .is_some_and(|t| self.index.capitalised[t as usize])
    }

    /// [`Alignment::sentences_with`] of a term ([`UnitAlignment::terms`]).
    pub(crate) fn sentences_with_term(&self, term: u32) -> impl Iterator<Item = usize> + '_ {
        self.index.postings(term).iter().map(|&(s, _)| s as usize)
    }

    /// [`Alignment::sentence_has`] of a term ([`UnitAlignment::terms`]).
    pub(crate) fn sentence_has_term(&self, s: usize, term: u32) -> bool {
        self.index.sentence_terms(s).binary_search(&term).is_ok()
    }

    /// [`Alignment::capitalised`] of a term ([`UnitAlignment::terms`]).
    pub(crate) fn capitalised_term(&self, term: u32) -> bool {
        self.index.capitalised[term as usize]
    }

    /// Number of distinct content terms in the body: every term of
    /// [`UnitAlignment::terms`] is below it.
    pub(crate) fn term_count(&self) -> usize {
        self.index.term_count()
    }

    /// True when some body sentence contains `stem`.
    pub fn body_has<Q: AsRef<str> + ?Sized>(&self, stem: &Q) -> bool {
        self.index.term(stem).is_some()
    }

    pub fn unit(&self, unit: usize) -> &UnitAlignment {
        &self.units[unit]
    }
}

fn align_unit(
    unit: usize,
    tokens: Vec<Token>,
    sentences: &[BodySentence],
    index: &Index,
    scores: Scores,
    scratch: &mut Scratch,
) -> UnitAlignment {
    // Each token's term looked up once: its weight, whether the body has
    // it and the content terms all come from that.
    let terms: Vec<Option<u32>> = tokens.iter().map(|t| index.term_of(t)).collect();
    let weights: Vec<f64> = tokens
        .iter()
        .zip(&terms)
        .map(|(t, term)| {
            if t.is_content() {
                term.map_or(index.unknown_idf, |t| index.idf[t as usize])
            } else {
                0.0
            }
        })
        .collect();
    let in_body: Vec<bool> = terms.iter().map(Option::is_some).collect();
    // The unit's content as terms: the body's term ids, and ids past the
    // body's for stems the body lacks (which match nothing, but count).
    let mut unknown = UnknownTerms::after(index.term_count());
    // (Sized for every token: collected through the filter, it grew from
    // four a few times per unit.)
    let mut content: Vec<u32> = Vec::with_capacity(tokens.len());
    content.extend(
        tokens
            .iter()
            .zip(&terms)
            .filter(|(t, _)| t.is_content())
            .map(|(t, term)| term.unwrap_or_else(|| unknown.term(t.stem.as_ref()))),
    );
    // Unique content terms with their weight, sorted by term.
    let mut unit_terms: Vec<(u32, f64)> = content
        .iter()
        .map(|&term| (term, index.idf.get(term as usize).copied().unwrap_or(index.unknown_idf)))
        .collect();
    unit_terms.sort_unstable_by_key(|&(term, _)| term);
    unit_terms.dedup_by_key(|&mut (term, _)| term);
    let weights_by_term: Vec<f64> = unit_terms.iter().map(|&(_, w)| w).collect();
    let total_weight: f64 = weight_sum(&weights_by_term, 0..unit_terms.len());
    let unit_bigrams = bigrams(&content);

    // The body's terms of the unit, sorted by term: BM25 scores are summed
    // in a fixed order, or identical sentences (a pasted paragraph) tie by
    // a rounding error and swap between runs.
    let known_terms = unit_terms
        .iter()
        .map(|&(term, _)| term)
        .filter(|&term| (term as usize) < index.term_count());
    let candidates = index.candidates(known_terms, CANDIDATES, &mut scratch.bm25);

    // Per candidate: which of `unit_terms` (by position) the sentence has,
    // and the part of its score that is not string closeness.
    // Per body term, 1 + its position in `unit_terms` (0: not the unit's):
    // a candidate's shared terms are then its own few terms looked up, in
    // term order, which is the order of their positions (both are sorted
    // by term), instead of a binary search per unit term.
    let position_of = &mut scratch.position_of;
    debug_assert!(position_of.len() == index.term_count());
    for (i, &(term, _)) in unit_terms.iter().enumerate() {
        if let Some(p) = position_of.get_mut(term as usize) {
            *p = i as u32 + 1;
        }
    }
    let scored: Vec<Candidate> = candidates
        .iter()
        .map(|&(s, _)| {
            let terms = index.sentence_terms(s);
            // (Sized for the most it can hold: collected through the filter,
            // it grew from four for most candidates.)
            let mut shared: Vec<usize> = Vec::with_capacity(terms.len().min(unit_terms.len()));
            shared.extend(
                terms
                    .iter()
                    .filter_map(|&term| (position_of[term as usize] as usize).checked_sub(1)),
            );
            let recall = if total_weight > 0.0 {
                weight_sum(&weights_by_term, shared.iter().copied()) / total_weight
            } else {
                0.0
            };
            let phrase = phrase_share_of_one(&unit_bigrams, index.sentence_bigrams(s));
            Candidate::new(s, W_RECALL * recall + W_PHRASE * phrase, shared)
        })
        .collect();
    // String closeness is a character-level edit distance, the dearest part
    // of a score: it is computed only for the candidates whose rank it can
    // change (see [`cover`]), with the unit's pattern built on first use.
    let mut unit_text: Option<Pattern> = None;
    let mut close = |s: usize| {
        unit_text
            .get_or_insert_with(|| Pattern::new(&folded_text(&tokens)))
            .normalized_similarity(index.folded(s, &sentences[s].tokens))
    };
    // The unit's length in characters, found on first use.
    let mut unit_len: Option<usize> = None;
    let mut bound = |s: usize| {
        let unit_len = *unit_len.get_or_insert_with(|| folded_len(&tokens));
        closeness_bound(unit_len, index.folded_len(s, &sentences[s].tokens))
    };
    let (mut chosen, bases, covered) = cover(scored, &weights_by_term, total_weight, &mut close, &mut bound);
    let paragraph_of = |i: usize| sentences[chosen[i].sentence].paragraph;
    let wanted: Vec<bool> = (0..chosen.len())
        .map(|i| match scores {
            Scores::Every => true,
            Scores::Order => (0..chosen.len()).any(|j| j != i && paragraph_of(j) == paragraph_of(i)),
            Scores::Skip => false,
        })
        .collect();
    fill_scores(&mut chosen, &bases, &wanted, &mut close);

    // (A term past the body's is in no sentence, so never covered.)
    let is_covered = |term: u32| {
        position_of
            .get(term as usize)
            .is_some_and(|&p| p > 0 && covered[p as usize - 1])
    };
    let mut content_terms = content.iter();
    let in_sources: Vec<bool> = tokens
        .iter()
        .map(|t| !t.is_content() || content_terms.next().is_some_and(|&term| is_covered(term)))
        .collect();
    let support = if total_weight <= 0.0 {
        1.0
    } else {
        let recall = weight_sum(&weights_by_term, (0..unit_terms.len()).filter(|&i| covered[i])) / total_weight;
        let phrase = if unit_bigrams.is_empty() {
            recall
        } else {
            let sources: Vec<&[u64]> = chosen.iter().map(|c| index.sentence_bigrams(c.sentence)).collect();
            phrase_share_of_few(&unit_bigrams, &sources)
        };
        SUPPORT_RECALL * recall + (1.0 - SUPPORT_RECALL) * phrase
    };

    // Group sentences by paragraph; a paragraph's score is the share of the
    // unit's weight its chosen sentences supply.
    let mut by_paragraph: Vec<ParagraphSource> = Vec::new();
    for source in &chosen {
        let p = sentences[source.sentence].paragraph;
        match by_paragraph.iter_mut().find(|ps| ps.paragraph == p) {
            Some(ps) => ps.sentences.push(source.clone()),
            None => by_paragraph.push(ParagraphSource {
                paragraph: p,
                score: 0.0,
                sentences: vec![source.clone()],
            }),
        }
    }
    // Per unit term (by position): some chosen sentence of the paragraph
    // has it; marked from the sentences' own few terms.
    let mut in_paragraph = vec![false; unit_terms.len()];
    for ps in &mut by_paragraph {
        ps.score = if total_weight > 0.0 {
            in_paragraph.fill(false);
            for source in &ps.sentences {
                for &term in index.sentence_terms(source.sentence) {
                    if let Some(i) = (position_of[term as usize] as usize).checked_sub(1) {
                        in_paragraph[i] = true;
                    }
                }
            }
            weight_sum(&weights_by_term, (0..unit_terms.len()).filter(|&i| in_paragraph[i])) / total_weight
        } else {
            0.0
        };
    }
    for &(term, _) in &unit_terms {
        if let Some(p) = position_of.get_mut(term as usize) {
            *p = 0;
        }
    }
    by_paragraph.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.paragraph.cmp(&b.paragraph)));
    let first = by_paragraph.first().map(|p| p.paragraph);
    by_paragraph.retain(|p| Some(p.paragraph) == first || p.score >= MIN_PARAGRAPH_SHARE);

    UnitAlignment {
        unit,
        tokens,
        in_sources,
        in_body,
        weights,
        terms,
        support: support.clamp(0.0, 1.0),
        sources: by_paragraph,
        sentences: chosen,
    }
}

/// Most stems the body lacks that [`UnknownTerms`] finds by a scan.
const UNKNOWN_SCANNED: usize = 16;

/// Term numbers for a unit's stems the body lacks: past the body's, in
/// the order the stems first appear. A unit has a few such stems: they are
/// found by a scan of the first [`UNKNOWN_SCANNED`] (a map cost an
/// allocation and a hash per stem for every unit), by a map past them.
struct UnknownTerms<'t> {
    /// The first number past the body's terms.
    first: u32,
    scanned: [&'t str; UNKNOWN_SCANNED],
    len: usize,
    /// Every stem, once there are more than the scan holds.
    map: HashMap<&'t str, u32>,
}

impl<'t> UnknownTerms<'t> {
    /// Numbers from `first` on.
    fn after(first: usize) -> UnknownTerms<'t> {
        UnknownTerms {
            first: first as u32,
            scanned: [""; UNKNOWN_SCANNED],
            len: 0,
            map: HashMap::default(),
        }
    }

    /// The number of `stem`: its own if it was seen, the next otherwise.
    fn term(&mut self, stem: &'t str) -> u32 {
        if self.len > UNKNOWN_SCANNED {
            let next = self.first + self.len as u32;
            let term = *self.map.entry(stem).or_insert(next);
            self.len = self.map.len();
            return term;
        }
        if let Some(i) = self.scanned[..self.len].iter().position(|&seen| seen == stem) {
            return self.first + i as u32;
        }
        let next = self.first + self.len as u32;
        if self.len < UNKNOWN_SCANNED {
            self.scanned[self.len] = stem;
        } else {
            // The scan is full: every stem into the map from now on.
            self.map.reserve(2 * UNKNOWN_SCANNED);
            self.map.extend(
                self.scanned
                    .iter()
                    .enumerate()
                    .map(|(i, &seen)| (seen, self.first + i as u32)),
            );
            self.map.insert(stem, next);
        }
        self.len += 1;
        next
    }
}

/// The sum of `weights` at `positions`, in their order. Generic, not a
/// closure over a `dyn Iterator` as it was: that was a call per term of
/// every candidate of every cover round.
#[inline]
fn weight_sum(weights: &[f64], positions: impl Iterator<Item = usize>) -> f64 {
    positions.map(|i| weights[i]).sum()
}

/// A candidate source sentence of a unit, as [`cover`] chooses among them.
#[derive(Clone, Debug)]
struct Candidate {
    sentence: usize,
    /// `W_RECALL * recall + W_PHRASE * phrase`: the score but for closeness.
    base: f64,
    /// Positions in the unit's terms of the terms the sentence has.
    shared: Vec<usize>,
    /// The whole score, once closeness is known.
    score: Option<f64>,
    /// The highest closeness the sentence can have: 1 until [`cover`] asks
    /// its `bound` for one.
    close_max: f64,
    /// `close_max` is the bound asked for.
    bounded: bool,
}

impl Candidate {
    fn new(sentence: usize, base: f64, shared: Vec<usize>) -> Candidate {
        Candidate {
            sentence,
            base,
            shared,
            score: None,
            close_max: 1.0,
            bounded: false,
        }
    }

    /// The score with string closeness `close` in [0, 1] ([`score_with`]).
    fn score_with(&self, close: f64) -> f64 {
        score_with(self.base, close)
    }

    /// Lowest and highest score the closeness still unknown allows.
    fn bounds(&self) -> (f64, f64) {
        match self.score {
            Some(score) => (score, score),
            None => (self.score_with(0.0), self.score_with(self.close_max)),
        }
    }
}

/// A candidate's score from its `base` and its string closeness `close` in
/// [0, 1]; the same operations in the same order for a bound as for the
/// exact value. Clamped: the weights sum to 1 only up to rounding
/// (0.7 + 0.2 + 0.1 = 1.0000000000000002), and scores are in [0, 1].
fn score_with(base: f64, close: f64) -> f64 {
    (base + W_CLOSE * close).clamp(0.0, 1.0)
}

/// Scores the chosen sources that `wanted` asks for (by position) from
/// their `bases` ([`Candidate::base`]) and closeness, keeping a score
/// [`cover`] already has; the others get none.
fn fill_scores(chosen: &mut [SentenceSource], bases: &[f64], wanted: &[bool], close: &mut dyn FnMut(usize) -> f64) {
    for ((source, &base), &wanted) in chosen.iter_mut().zip(bases).zip(wanted) {
        source.score = if wanted {
            Some(source.score.unwrap_or_else(|| score_with(base, close(source.sentence))))
        } else {
            None
        };
    }
}

/// The key a greedy round ranks candidates by: the share of the unit's
/// weight a sentence adds, with a little of its score to break near-ties.
/// Rounded so that gains equal but for rounding still tie, and the tie
/// goes to the earlier sentence. Non-decreasing in `score`, so a bound on
/// the score bounds the key.
fn cover_key(gain: f64, score: f64) -> f64 {
    round((gain + 0.01 * score) * 1e9)
}

/// [`f64::round`] (half away from zero) by a conversion to an integer
/// where the value fits one exactly: `f64::round` is a call into libm on
/// the baseline x86-64 target, and every candidate of every cover round
/// takes two. Below 2^52 the fraction `x - trunc(x)` and `trunc(x) ± 1`
/// are exact, so the result is `round`'s, its sign too (`copysign`: -0.4
/// rounds to -0.0).
#[inline]
fn round(x: f64) -> f64 {
    if x.abs() < 4_503_599_627_370_496.0 {
        let whole = x as i64 as f64;
        let fraction = x - whole;
        let rounded = if fraction >= 0.5 {
            whole + 1.0
        } else if fraction <= -0.5 {
            whole - 1.0
        } else {
            whole
        };
        rounded.copysign(x)
    } else {
        // (Whole already, infinite or NaN.)
        x.round()
    }
}

/// Greedy cover: the best sentence, then those that add content, at most
/// [`MAX_SOURCES`]. Returns the chosen sources (best first; scored only
/// where the choice needed it), their [`Candidate::base`]s for
/// [`fill_scores`], and, per unit term, whether they cover it. `close`
/// gives a candidate sentence's string closeness; a round calls it only
/// when two or more candidates could win it (one whose key with the
/// highest possible closeness is below another's key with the lowest
/// cannot), or when the one that can straddles [`MIN_GAIN`] with its
/// bounds. Before it calls `close` for those, it asks `bound` (an upper
/// bound on a sentence's closeness, much cheaper) for each of them once,
/// and decides the round again with the lower keys: most contests are
/// then settled without `close`. So the choice, the order and every
/// printed score are those of scoring every candidate in full.
fn cover(
    mut remaining: Vec<Candidate>,
    weights: &[f64],
    total_weight: f64,
    close: &mut dyn FnMut(usize) -> f64,
    bound: &mut dyn FnMut(usize) -> f64,
) -> (Vec<SentenceSource>, Vec<f64>, Vec<bool>) {
    let mut chosen: Vec<SentenceSource> = Vec::with_capacity(MAX_SOURCES);
    let mut bases: Vec<f64> = Vec::with_capacity(MAX_SOURCES);
    let mut covered = vec![false; weights.len()];
    // Per remaining candidate: the gain, and the key's bounds.
    let mut keys: Vec<(f64, f64, f64)> = Vec::with_capacity(remaining.len());
    while chosen.len() < MAX_SOURCES && !remaining.is_empty() {
        keys.clear();
        for candidate in &remaining {
            let gain = weight_sum(weights, candidate.shared.iter().copied().filter(|&t| !covered[t]))
                / total_weight.max(f64::MIN_POSITIVE);
            let (low, high) = candidate.bounds();
            keys.push((gain, cover_key(gain, low), cover_key(gain, high)));
        }
        let floor = keys.iter().map(|k| k.1).fold(f64::NEG_INFINITY, f64::max);
        let ceiling = keys.iter().map(|k| k.2).fold(f64::NEG_INFINITY, f64::max);
        // No candidate can add enough: stop without scoring any.
        if !chosen.is_empty() && ceiling / 1e9 < MIN_GAIN {
            break;
        }
        let mut contenders = keys.iter().enumerate().filter(|(_, k)| k.2 >= floor).map(|(i, _)| i);
        let first = contenders.next().expect("the candidate with the highest floor can win");
        let sole = contenders.next().is_none();
        // The candidates whose closeness the round would compute: every
        // contender, or a sole one whose bounds straddle MIN_GAIN. Those
        // not bounded yet are bounded, and the round is decided again.
        let straddles = |k: &(f64, f64, f64)| !chosen.is_empty() && k.1 / 1e9 < MIN_GAIN;
        let mut bounded_more = false;
        for (i, candidate) in remaining.iter_mut().enumerate() {
            let needed = if sole {
                i == first && straddles(&keys[i])
            } else {
                keys[i].2 >= floor
            };
            if needed && candidate.score.is_none() && !candidate.bounded {
                candidate.bounded = true;
                candidate.close_max = bound(candidate.sentence);
                bounded_more = true;
            }
        }
        if bounded_more {
            continue;
        }
        let best = if sole {
            // One candidate can win (most rounds: gains differ by more than
            // closeness can make up): it wins without its closeness.
            let (gain, low, high) = keys[first];
            if !chosen.is_empty() && low / 1e9 < MIN_GAIN {
                let candidate = &mut remaining[first];
                let score = match candidate.score {
                    Some(score) => score,
                    None => *candidate.score.insert(candidate.score_with(close(candidate.sentence))),
                };
                // (`high`, the ceiling, is at least MIN_GAIN here.)
                debug_assert!(high / 1e9 >= MIN_GAIN);
                if cover_key(gain, score) / 1e9 < MIN_GAIN {
                    break;
                }
            }
            first
        } else {
            // Best (position, key, sentence): the highest key, and of equal
            // keys the earlier sentence.
            let mut best: Option<(usize, f64, usize)> = None;
            for (i, candidate) in remaining.iter_mut().enumerate() {
                let (gain, _, high) = keys[i];
                if high < floor {
                    continue;
                }
                let score = match candidate.score {
                    Some(score) => score,
                    None => *candidate.score.insert(candidate.score_with(close(candidate.sentence))),
                };
                let key = cover_key(gain, score);
                if best.is_none_or(|(_, best_key, sentence)| {
                    key.total_cmp(&best_key).then(sentence.cmp(&candidate.sentence)).is_gt()
                }) {
                    best = Some((i, key, candidate.sentence));
                }
            }
            let (best, key, _) = best.expect("the candidates that can win are scored");
            if !chosen.is_empty() && key / 1e9 < MIN_GAIN {
                break;
            }
            best
        };
        let candidate = remaining.swap_remove(best);
        if chosen.is_empty() && candidate.shared.is_empty() {
            break;
        }
        for t in candidate.shared {
            covered[t] = true;
        }
        chosen.push(SentenceSource {
            sentence: candidate.sentence,
            score: candidate.score,
        });
        bases.push(candidate.base);
    }
    (chosen, bases, covered)
}

/// [`phrase_share`] of one source, by a merge of the two sorted lists: a
/// binary search per unit bigram mispredicted most of its steps, and every
/// candidate of every unit is measured so (about a tenth of aligning the
/// summary side).
fn phrase_share_of_one(unit: &[u64], source: &[u64]) -> f64 {
    if unit.is_empty() {
        return 0.0;
    }
    shared_count(unit, source) as f64 / unit.len() as f64
}

/// How many values two sorted lists without repeats have in common.
fn shared_count(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut found) = (0, 0, 0);
    // (Branch-free steps: which list advances is data, not a jump.)
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        found += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    found
}

/// [`phrase_share`] of at most [`MAX_SOURCES`] sources (each sorted), by
/// one pass over the unit's bigrams that moves a place in each source up
/// to the bigram: a binary search of every source per unit bigram
/// mispredicted most of its steps (about a thirtieth of aligning a repeated
/// body's summary). The same count, so the same share.
fn phrase_share_of_few(unit: &[u64], sources: &[&[u64]]) -> f64 {
    assert!(sources.len() <= MAX_SOURCES, "at most {MAX_SOURCES} sources");
    if unit.is_empty() {
        return 0.0;
    }
    let mut at = [0usize; MAX_SOURCES];
    let mut found = 0;
    for &bigram in unit {
        let mut hit = false;
        for (source, at) in sources.iter().zip(&mut at) {
            while *at < source.len() && source[*at] < bigram {
                *at += 1;
            }
            hit |= source.get(*at) == Some(&bigram);
        }
        found += usize::from(hit);
    }
    found as f64 / unit.len() as f64
}

/// The share of the unit's bigrams (sorted, unique) found in any of `sources` (each sorted).
#[cfg(test)]
fn phrase_share(unit: &[u64], sources: &[&[u64]]) -> f64 {
    if unit.is_empty() {
        return 0.0;
    }
    let found = unit
        .iter()
        .filter(|b| sources.iter().any(|s| s.binary_search(b).is_ok()))
        .count();
    found as f64 / unit.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};

    const ARTICLE: &str = "Bridge Opens\n\
        The mayor opened the new river bridge on Monday after three years of work.\n\
        The bridge cost $40 million, paid for by a state grant and a local levy.\n\
        Traffic on the old ferry route is expected to fall by half, officials said.\n\
        - The mayor opened the river bridge on Monday, after 3 years of work.\n\
        - It cost $40 million and traffic on the ferry route may halve.\n\
        - Aliens landed in the harbour.\n";

    fn aligned() -> (Document, Alignment) {
        let doc = parse_article(
            "t.txt",
            ARTICLE.to_string(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .unwrap();
        let alignment = align(&doc);
        (doc, alignment)
    }

    /// [`IndexBuilder::add`] as it was before the content tokens were
    /// gathered without a branch: one loop, a branch per function word.
    fn add_plain(builder: &mut IndexBuilder, tokens: &[Token], text: &str) {
        let IndexBuilder {
            index,
            scratch: Scratch { df, terms, counts, .. },
        } = builder;
        terms.clear();
        let mut capital_stops: Vec<&Token> = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            let capital = i > 0 && capitalized(token, text);
            if !token.is_content() {
                if capital {
                    capital_stops.push(token);
                }
                continue;
            }
            // (The term by a scan of the stems; the table, which
            // `end_sentence` reads, must agree.)
            let term = match index.terms.stems.iter().position(|stem| **stem == *token.stem) {
                Some(term) => term as u32,
                None => {
                    let term = index.terms.len() as u32;
                    assert_eq!(index.terms.get_or_insert(token.stem_hash, &token.stem), (term, true));
                    df.push(0);
                    index.capitalised.push(false);
                    term
                }
            };
            if capital {
                index.capitalised[term as usize] = true;
            }
            terms.push(term);
        }
        end_sentence(index, df, terms, counts, capital_stops.iter().copied());
    }

    /// What an index holds, comparable (its term map as a sorted list).
    fn index_parts(index: &Index) -> String {
        let mut terms: Vec<(&str, u32)> = (index.terms.stems.iter())
            .enumerate()
            .map(|(term, stem)| (&**stem, term as u32))
            .collect();
        terms.sort_unstable();
        format!(
            "{terms:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            index.postings,
            index.posting_starts,
            index.idf,
            index.sentence_len,
            index.sentence_terms,
            index.term_starts,
            index.sentence_bigrams,
            index.bigram_starts,
            index.average_len,
            index.unknown_idf,
            index.capitalised
        )
    }

    proptest::proptest! {
        /// The index built with the content tokens gathered first is the
        /// one the plain loop built, on sentences of function words, names
        /// and words capitalised or not, at the start and after it.
        #[test]
        fn index_is_the_plain_loops(sentences in proptest::collection::vec(
            proptest::collection::vec(proptest::sample::select(vec![
                "The", "the", "Bank", "bank", "of", "Of", "America", "rose", "Will", "will", "3", "US", "us",
                "Paris", "paris", "É", "été", "and", "AND", ",", "it's", "'s",
            ]), 0..12),
            0..6,
        )) {
            let mut text = String::new();
            let mut spans = Vec::new();
            for words in &sentences {
                let start = text.len();
                text.push_str(&words.join(" "));
                spans.push((start, text.len()));
                text.push_str(". ");
            }
            let mut fast = IndexBuilder::new(text.len(), spans.len());
            let mut plain = IndexBuilder::new(text.len(), spans.len());
            for &(start, end) in &spans {
                let tokens = tokenize(&text, start, end);
                fast.add(&tokens, &text);
                add_plain(&mut plain, &tokens, &text);
            }
            let (fast, scratch) = fast.finish();
            proptest::prop_assert_eq!(index_parts(&fast), index_parts(&plain.finish().0));
            // (The next case's `fast` builds in these buffers, `plain` in new ones.)
            Pool::give_back_index(fast);
            Pool::give_back_scratch(scratch);
        }
    }

    proptest::proptest! {
        /// The term table numbers stems as a map does, in order of first
        /// insertion, also when hashes collide (`collide` keeps 0–2 bits
        /// of them) and after it is emptied for another body and grown.
        #[test]
        fn terms_are_numbered_as_by_a_map(
            rounds in proptest::collection::vec(proptest::collection::vec((0u8..60, proptest::bool::ANY), 0..120), 1..3),
            collide in 0u32..4,
        ) {
            let mut terms = Terms::default();
            let mask = if collide == 3 { u32::MAX } else { (1 << collide) - 1 };
            for (r, round) in rounds.iter().enumerate() {
                if r % 2 == 1 {
                    terms.reserve(10);
                }
                let mut map: HashMap<String, u32> = HashMap::default();
                for &(pick, insert) in round {
                    // (Stems of one or more letters, some sharing a prefix.)
                    let stem = format!("{}{}", "ab".repeat(usize::from(pick % 3)), pick);
                    let hash = stem_hash(&stem) & mask;
                    let want = map.get(&stem).copied();
                    proptest::prop_assert_eq!(terms.get(hash, &stem), want);
                    if insert {
                        let next = map.len() as u32;
                        let want = match want {
                            Some(term) => (term, false),
                            None => (*map.entry(stem.clone()).or_insert(next), true),
                        };
                        proptest::prop_assert_eq!(terms.get_or_insert(hash, &Shared::from(stem.as_str())), want);
                    }
                    proptest::prop_assert_eq!(terms.len(), map.len());
                    proptest::prop_assert!(2 * terms.len() <= terms.slots.len() || terms.len() == 0);
                }
                terms.clear();
                proptest::prop_assert!(terms.slots.iter().all(|&slot| slot == (0, 0)));
            }
        }
    }

    proptest::proptest! {
        /// IDFs computed once per document frequency are those computed
        /// for every term, in a buffer reused from a larger body.
        #[test]
        fn idf_by_frequency_is_per_term(sentences in 1usize..40, picks in proptest::collection::vec(0u32..1000, 0..60)) {
            let dfs: Vec<u32> = picks.iter().map(|&p| 1 + p % sentences as u32).collect();
            let mut by_df = vec![0.5; 77];
            let mut got = vec![9.0];
            idf_of(&dfs, sentences, &mut got, &mut by_df);
            let want: Vec<f64> = std::iter::once(9.0)
                .chain(dfs.iter().map(|&df| {
                    let (n, df) = (sentences as f64, df as f64);
                    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
                }))
                .collect();
            proptest::prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
        }
    }

    /// Each unit aligns as it does alone (units share buffers in
    /// [`align_with`], which each must leave as it found them), in either
    /// order.
    #[test]
    fn units_align_as_they_do_alone() {
        let bullets: Vec<&str> = ARTICLE.lines().filter(|l| l.starts_with("- ")).collect();
        let body: String = ARTICLE
            .lines()
            .filter(|l| !l.starts_with("- "))
            .map(|l| format!("{l}\n"))
            .collect();
        let article = |bullets: &[&str]| {
            let text = format!("{body}{}\n", bullets.join("\n"));
            parse_article("t.txt", text, InputFormat::Text, &ParseOptions::default()).unwrap()
        };
        // (All but the tokens, whose offsets depend on the bullets before.)
        let unit = |a: &Alignment, u: usize| {
            let u = &a.units[u];
            format!(
                "{:?} {:?} {:?} {:?} {:?} {:?}",
                u.in_sources, u.in_body, u.weights, u.support, u.sources, u.sentences
            )
        };
        let together = align(&article(&bullets));
        let mut reversed = bullets.clone();
        reversed.reverse();
        let backwards = align(&article(&reversed));
        for (i, bullet) in bullets.iter().enumerate() {
            let alone = align(&article(&[bullet]));
            let want = unit(&alone, alone.units.len() - 1);
            assert_eq!(
                unit(&together, together.units.len() - bullets.len() + i),
                want,
                "bullet {i}"
            );
            assert_eq!(
                unit(&backwards, backwards.units.len() - 1 - i),
                want,
                "bullet {i}, reversed"
            );
        }
    }

    /// An alignment built in the buffers of an earlier, larger one is the
    /// one built in new buffers.
    #[test]
    fn an_alignment_in_pooled_buffers_is_one_in_new_ones() {
        let article =
            |text: &str| parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let larger = article(&format!("{ARTICLE}\n{ARTICLE}").replace("- ", "Said: "));
        let doc = article(ARTICLE);
        let parts = |a: &Alignment| format!("{} {:?} {:?}", index_parts(&a.index), a.units, a.sentences);
        LastBody::forget();
        POOLED_INDEX.take();
        POOLED_SCRATCH.take();
        let fresh = parts(&align(&doc));
        drop(align(&larger));
        // (The larger body's index is kept with it; forgotten, it is pooled.)
        LastBody::forget();
        assert!(POOLED_INDEX.take().is_some_and(|index| {
            let kept = index.terms.capacity() > 0;
            POOLED_INDEX.set(Some(index));
            kept
        }));
        assert_eq!(parts(&align(&doc)), fresh);
        // And once more, in the buffers of an equal one.
        LastBody::forget();
        assert_eq!(parts(&align(&doc)), fresh);
        // And from the kept body.
        assert_eq!(parts(&align(&doc)), fresh);
    }

    /// The kept per-sentence values are those worked out where they were
    /// used: BM25's length term, each sentence's folded text and length.
    #[test]
    fn per_sentence_values_are_the_inline_ones() {
        let (_, alignment) = aligned();
        let index = &alignment.index;
        assert!(!alignment.sentences.is_empty());
        for (s, sentence) in alignment.sentences.iter().enumerate() {
            let len = index.sentence_len[s] as f64;
            let inline = BM25_K1 * (1.0 - BM25_B + BM25_B * len / index.average_len);
            assert_eq!(index.length_norm[s].to_bits(), inline.to_bits(), "sentence {s}");
            assert_eq!(index.folded(s, &sentence.tokens), folded_text(&sentence.tokens));
            assert_eq!(index.folded_len(s, &sentence.tokens), folded_len(&sentence.tokens));
        }
    }

    /// The greedy cover as it was before closeness was computed lazily:
    /// every candidate scored in full, sorted, then chosen.
    fn cover_scoring_all(
        candidates: &[Candidate],
        weights: &[f64],
        total_weight: f64,
        close: &dyn Fn(usize) -> f64,
    ) -> (Vec<SentenceSource>, Vec<bool>) {
        let weight_of = |terms: &mut dyn Iterator<Item = usize>| terms.map(|i| weights[i]).sum::<f64>();
        let mut scored: Vec<(usize, f64, Vec<usize>)> = candidates
            .iter()
            .map(|c| (c.sentence, c.score_with(close(c.sentence)), c.shared.clone()))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut chosen: Vec<SentenceSource> = Vec::new();
        let mut covered = vec![false; weights.len()];
        let mut remaining = scored;
        while chosen.len() < MAX_SOURCES && !remaining.is_empty() {
            let (best, gain) = remaining
                .iter()
                .enumerate()
                .map(|(i, (sentence, score, shared))| {
                    let gain = weight_of(&mut shared.iter().copied().filter(|&t| !covered[t]))
                        / total_weight.max(f64::MIN_POSITIVE);
                    (i, ((gain + 0.01 * score) * 1e9).round(), *sentence)
                })
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.cmp(&a.2)))
                .map(|(i, gain, _)| (i, gain / 1e9))
                .unwrap();
            if !chosen.is_empty() && gain < MIN_GAIN {
                break;
            }
            let (sentence, score, shared) = remaining.swap_remove(best);
            if chosen.is_empty() && shared.is_empty() {
                break;
            }
            for t in shared {
                covered[t] = true;
            }
            chosen.push(SentenceSource {
                sentence,
                score: Some(score),
            });
        }
        (chosen, covered)
    }

    proptest::proptest! {
        /// The merge counts what the binary searches found.
        #[test]
        fn phrase_share_of_one_is_phrase_share(
            unit in proptest::collection::btree_set(0u64..40, 0..20),
            source in proptest::collection::btree_set(0u64..40, 0..20),
        ) {
            let (unit, source): (Vec<u64>, Vec<u64>) = (unit.into_iter().collect(), source.into_iter().collect());
            proptest::prop_assert_eq!(
                phrase_share_of_one(&unit, &source).to_bits(),
                phrase_share(&unit, &[&source]).to_bits()
            );
        }

        /// The merged share of a few sources is the searched one.
        #[test]
        fn phrase_share_of_few_is_phrase_share(
            unit in proptest::collection::btree_set(0u64..40, 0..20),
            sources in proptest::collection::vec(proptest::collection::btree_set(0u64..40, 0..20), 0..=MAX_SOURCES),
        ) {
            let unit: Vec<u64> = unit.into_iter().collect();
            let sources: Vec<Vec<u64>> = sources.into_iter().map(|s| s.into_iter().collect()).collect();
            let sources: Vec<&[u64]> = sources.iter().map(Vec::as_slice).collect();
            proptest::prop_assert_eq!(
                phrase_share_of_few(&unit, &sources).to_bits(),
                phrase_share(&unit, &sources).to_bits()
            );
        }

        /// The closeness bound is never below the closeness, and the folded
        /// length is that of the folded text; words of a few letters (some
        /// not ASCII) so that equal and near lengths happen.
        #[test]
        fn closeness_bound_is_an_upper_bound(
            a in proptest::collection::vec("[abé ]{0,6}", 0..6),
            b in proptest::collection::vec("[abé ]{0,6}", 0..6),
        ) {
            let text = |words: &[String]| words.join(" ");
            let (a, b) = (text(&a), text(&b));
            let (ta, tb) = (tokenize(&a, 0, a.len()), tokenize(&b, 0, b.len()));
            let (fa, fb) = (folded_text(&ta), folded_text(&tb));
            proptest::prop_assert_eq!(folded_len(&ta), fa.chars().count());
            proptest::prop_assert_eq!(folded_len(&tb), fb.chars().count());
            let close = Pattern::new(&fa).normalized_similarity(&fb);
            proptest::prop_assert!(closeness_bound(folded_len(&ta), folded_len(&tb)) >= close);
        }

        /// The rounding by an integer conversion is `f64::round`, bit for
        /// bit: on any value, and on halves and near-halves.
        #[test]
        fn round_is_f64_round(x in proptest::num::f64::ANY, whole in -1_000_000_000i64..1_000_000_000, step in -3i32..4) {
            proptest::prop_assert_eq!(round(x).to_bits(), x.round().to_bits());
            let half = whole as f64 + 0.5;
            proptest::prop_assert_eq!(round(half).to_bits(), half.round().to_bits());
            // The floats next to the half, a few steps either way.
            let near = f64::from_bits(half.to_bits().wrapping_add_signed(i64::from(step)));
            proptest::prop_assert_eq!(round(near).to_bits(), near.round().to_bits());
            let tiny = f64::from(step) * 0.25;
            proptest::prop_assert_eq!(round(tiny).to_bits(), tiny.round().to_bits());
        }

        /// The scan-then-map numbers of the stems a body lacks are those of
        /// one map, in the order of first appearance, past the scan's room.
        #[test]
        fn unknown_terms_are_numbered_as_by_a_map(stems in proptest::collection::vec(0u8..40, 0..80), first in 0usize..50) {
            let stems: Vec<String> = stems.iter().map(|s| format!("w{s}")).collect();
            let mut map: HashMap<&str, u32> = HashMap::default();
            let mut unknown = UnknownTerms::after(first);
            for stem in &stems {
                let next = (first + map.len()) as u32;
                let want = *map.entry(stem.as_str()).or_insert(next);
                proptest::prop_assert_eq!(unknown.term(stem), want);
            }
        }

        /// Lazy closeness chooses the same sources with the same scores as
        /// scoring every candidate; closeness values are drawn from a few
        /// so that ties and near-ties happen.
        #[test]
        fn lazy_closeness_chooses_as_scoring_all(
            weights in proptest::collection::vec(0u8..6, 0..8),
            candidates in proptest::collection::vec(
                (proptest::collection::vec(proptest::bool::ANY, 8), 0u8..5, 0u8..5, 0u8..5, 0u8..6),
                0..9,
            ),
        ) {
            let weights: Vec<f64> = weights.iter().map(|&w| f64::from(w) * 0.37).collect();
            let total: f64 = weights.iter().sum();
            let closes: Vec<f64> = candidates.iter().map(|c| f64::from(c.3) / 4.0).collect();
            // Upper bounds on closeness, from exact to none (1).
            let slacks: Vec<f64> = candidates.iter().map(|c| f64::from(c.4) / 4.0).collect();
            let candidates: Vec<Candidate> = candidates
                .iter()
                .enumerate()
                .map(|(s, (has, recall, phrase, _, _))| {
                    let shared: Vec<usize> = (0..weights.len()).filter(|&i| has[i]).collect();
                    let base = W_RECALL * f64::from(*recall) / 4.0 + W_PHRASE * f64::from(*phrase) / 4.0;
                    Candidate::new(s * 3 % 11, base, shared)
                })
                .collect();
            let close_of = |s: usize| closes[(0..closes.len()).find(|&i| i * 3 % 11 == s).unwrap()];
            let mut bound_of = |s: usize| {
                let i = (0..closes.len()).find(|&i| i * 3 % 11 == s).unwrap();
                (closes[i] + slacks[i]).min(1.0)
            };
            let (want, want_covered) = cover_scoring_all(&candidates, &weights, total, &close_of);
            let mut calls = 0;
            let mut counted = |s: usize| {
                calls += 1;
                close_of(s)
            };
            let (mut got, bases, got_covered) = cover(candidates.clone(), &weights, total, &mut counted, &mut bound_of);
            let all = vec![true; got.len()];
            fill_scores(&mut got, &bases, &all, &mut counted);
            proptest::prop_assert_eq!(format!("{want:?}"), format!("{got:?}"));
            proptest::prop_assert_eq!(&want_covered, &got_covered);
            proptest::prop_assert!(calls <= candidates.len());
            // Unscored: the same sources in the same order, no score, and
            // closeness asked only where the choice needs it.
            let mut unscored_calls = 0;
            let mut counted = |s: usize| {
                unscored_calls += 1;
                close_of(s)
            };
            let (mut bare, bases, bare_covered) = cover(candidates.clone(), &weights, total, &mut counted, &mut bound_of);
            let none = vec![false; bare.len()];
            fill_scores(&mut bare, &bases, &none, &mut counted);
            let sentences = |sources: &[SentenceSource]| sources.iter().map(|s| s.sentence).collect::<Vec<_>>();
            proptest::prop_assert_eq!(sentences(&want), sentences(&bare));
            proptest::prop_assert!(bare.iter().all(|s| s.score.is_none()));
            proptest::prop_assert_eq!(want_covered, bare_covered);
            proptest::prop_assert!(unscored_calls <= calls);
        }
    }

    /// `capitalised` answers as the scan it replaced: the tokens after the
    /// first of every sentence with the stem, for one of that stem written
    /// capitalised; asked for every stem of the text (body and units).
    #[test]
    fn capitalised_agrees_with_scanning_the_sentences() {
        let article = "Bank Of America Moves\n\
            Shares of Bank of America rose on Monday, and The Who played in Paris.\n\
            In Paris the bank said it would move. The bank Will say more; will it? US officials met us.\n\
            Officials from the US and the EU met. Paris is in France, said Monday's paper.\n\
            - The Bank moved to Paris on monday.\n\
            - Will The Who play?\n";
        for text in [ARTICLE, article] {
            let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let alignment = align(&doc);
            let scan = |stem: &Shared| {
                alignment.sentences_with(stem).any(|s| {
                    alignment.sentences[s]
                        .tokens
                        .iter()
                        .skip(1)
                        .any(|t| t.stem == *stem && t.is_capitalized(&doc.text))
                })
            };
            let stems = alignment
                .sentences
                .iter()
                .flat_map(|s| &s.tokens)
                .chain(alignment.units.iter().flat_map(|u| &u.tokens))
                .map(|t| &t.stem);
            let mut capitalised = 0;
            for stem in stems {
                assert_eq!(alignment.capitalised(stem), scan(stem), "{stem:?}");
                capitalised += usize::from(scan(stem));
            }
            assert!(capitalised > 0);
        }
    }

    #[test]
    fn a_faithful_bullet_finds_its_sentence_with_high_support() {
        let (doc, alignment) = aligned();
        let b1 = doc.units.iter().position(|u| u.id == "b1").unwrap();
        let a = alignment.unit(b1);
        assert_eq!(a.sources[0].paragraph, 0);
        assert!(a.support > 0.9, "support {}", a.support);
    }

    #[test]
    fn a_merged_bullet_draws_from_two_paragraphs() {
        let (doc, alignment) = aligned();
        let b2 = doc.units.iter().position(|u| u.id == "b2").unwrap();
        let paragraphs: Vec<usize> = alignment.unit(b2).sources.iter().map(|s| s.paragraph).collect();
        assert!(paragraphs.contains(&1) && paragraphs.contains(&2), "{paragraphs:?}");
    }

    #[test]
    fn an_unrelated_bullet_has_no_support() {
        let (doc, alignment) = aligned();
        let b3 = doc.units.iter().position(|u| u.id == "b3").unwrap();
        assert!(alignment.unit(b3).support < 0.2);
        assert!(alignment.unit(b3).sources.is_empty());
    }
}
