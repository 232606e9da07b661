//! Duplication: a summary that repeats itself, and text pasted or typed twice.
//!
//! - `duplication/units`: a summary unit that says what an earlier unit (or
//!   the headline or dek) already said, in the same or other words.
//! - `duplication/same-source`: two summary units drawn mainly from the
//!   same body sentence (informational: often fine, sometimes a sign that a
//!   bullet is wasted).
//! - `duplication/repeated-word`: "the the".
//! - `duplication/repeated-sentence`, `duplication/repeated-paragraph`: a
//!   sentence or paragraph that occurs twice in the body or the summary.
//! - `duplication/verbatim` (off by default): a unit that lifts a long run
//!   of the body word for word.
//!
//! It also computes each unit's extractiveness (Grusky et al., 2018,
//! "Newsroom"): the fragments a unit shares with the body, and from them
//! coverage, density and compression, so users can see how abstractive
//! each bullet is.
//!
//! Cost stays linear in the body: repeated sentences and paragraphs are
//! found by hashing their normalised text; fragments by an index from each
//! body word to its positions. Only summary units are compared pairwise,
//! and a summary has a handful of them.

use crate::align::{Alignment, UnitAlignment};
use crate::document::{Document, UnitKind};
use crate::finding::{Evidence, Finding, Rule, Severity};
use crate::options::CheckOptions;
use crate::text::{fold, split_sentences, tokenize, Token, TokenKind};
use std::borrow::Cow;
// FxHash: these maps hold short words and normalised sentences of one document.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub static UNITS: Rule = Rule {
    id: "duplication/units",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a summary unit that repeats an earlier unit, the headline or the dek",
    explanation: "Each bullet or summary sentence is compared with every earlier unit, the \
headline and the dek. Content words are weighted by rarity in the body. A unit is a duplicate \
when nearly all of its content is already in the earlier unit (near-identical wording), or when \
most of it is and the two draw on the same body sentences, with next to no supported content \
of its own (a paraphrase of the same fact). Words the body never uses do not count as new \
content: they are rewording, or drift that the drift rules report. The finding names both \
units, the share of the second that the first already says, and what the second adds.",
    example: "\"Council approved an 8% rise in water rates from March 1.\" then \"Water bills will go up 8% in March after a council vote.\"",
};

pub static SAME_SOURCE: Rule = Rule {
    id: "duplication/same-source",
    default_severity: Severity::Info,
    default_enabled: true,
    summary: "two summary units drawn mainly from the same body sentence",
    explanation: "For each bullet or summary sentence, the alignment chooses the body sentences \
it came from. When two units take at least half of their content from the same body sentence, \
and at least half of the words they take from it are the same (the smaller unit's share, \
weighted by rarity), they may be spending two bullets on one fact. Two bullets that split a \
long sentence between them are not reported. It is informational because the second often \
adds a detail; when it adds nothing, `duplication/units` reports it instead.",
    example: "Two bullets both built from the lede sentence.",
};

pub static REPEATED_WORD: Rule = Rule {
    id: "duplication/repeated-word",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "the same word twice in a row (\"the the\")",
    explanation: "A word followed, after nothing but white space, by the same word is almost \
always a slip, inside quotations too. Not reported: the grammatical doubles \"had had\" and \
\"that that\"; reduplicated capitalised names (\"Sirhan Sirhan\", \"Bora Bora\", \"Walla \
Walla\"); emphatic doubles that writers and transcripts use on purpose (\"very very\", \
\"really really\", \"no no\", \"ha ha\"...); numbers; and doubles separated by punctuation \
(\"no, no\"). The suggestion deletes the second word.",
    example: "\"flames coming through the the roof\"",
};

pub static REPEATED_SENTENCE: Rule = Rule {
    id: "duplication/repeated-sentence",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a sentence that occurs twice in the body or in the summary",
    explanation: "Sentences are compared after folding case and dropping punctuation and extra \
white space; a sentence of five words or more that occurs again later in the body (or again in \
the summary) is reported at its second occurrence, with the first as evidence. Usually a \
copy-paste slip or a caption pasted into the text.",
    example: "The same quote pasted into two paragraphs.",
};

pub static REPEATED_PARAGRAPH: Rule = Rule {
    id: "duplication/repeated-paragraph",
    default_severity: Severity::Warning,
    default_enabled: true,
    summary: "a body paragraph that occurs twice",
    explanation: "Paragraphs are compared after folding case and dropping punctuation and extra \
white space; a paragraph of five words or more that occurs again later is reported at its \
second occurrence, with the first as evidence (its sentences are not reported again one by \
one).",
    example: "A paragraph pasted twice while editing.",
};

pub static VERBATIM: Rule = Rule {
    id: "duplication/verbatim",
    default_severity: Severity::Info,
    default_enabled: false,
    summary: "a summary unit that lifts a long run of the body word for word",
    explanation: "Off unless enabled, for newsrooms whose style forbids lifting. A unit that \
shares a run of at least `verbatim_words` words (25 by default; `--verbatim-words N` sets it \
and turns the rule on) with the body, outside quotation marks, is reported with the lifted \
run and the body text it comes from.",
    example: "A bullet that copies the lede sentence whole.",
};

pub static RULES: &[&Rule] = &[
    &UNITS,
    &SAME_SOURCE,
    &REPEATED_WORD,
    &REPEATED_SENTENCE,
    &REPEATED_PARAGRAPH,
    &VERBATIM,
];

/// Grammatical doubles: "He had had enough", "He said that that plan failed".
const GRAMMATICAL_DOUBLES: &[&str] = &["had", "that"];
/// Words doubled on purpose for emphasis or sound ("very very", "ha ha").
/// Sorted.
const EMPHATIC_DOUBLES: &[&str] = &[
    "blah", "boo", "bye", "chop", "far", "ha", "hush", "knock", "no", "now", "really", "so", "there", "tut", "very",
    "well", "yeah", "yes",
];

/// Sentences and paragraphs shorter than this (in words) may repeat
/// legitimately ("He said no.").
const MIN_REPEATED_WORDS: usize = 5;

/// `duplication/units`: a unit whose content is this much in an earlier
/// unit is a near-identical restatement whatever its sources.
const UNITS_NEAR_IDENTICAL: f64 = 0.8;
/// ... or, when the two share body sources, this much of it with at most
/// [`UNITS_MAX_ADDED`] of supported content of its own.
const UNITS_SAME_SOURCE_CONTAINED: f64 = 0.5;
const UNITS_MAX_ADDED: f64 = 0.25;
/// `duplication/same-source`: share of a unit's content that must come
/// from the shared sentence.
const SAME_SOURCE_SHARE: f64 = 0.5;
/// ... and the two must take the same part of it (see [`same_part`]).
const SAME_SOURCE_SAME_PART: f64 = 0.5;

pub fn check(doc: &Document, alignment: &Alignment, options: &CheckOptions, findings: &mut Vec<Finding>) {
    repeated_words(doc, alignment, findings);
    repeated_body_text(doc, alignment, findings);
    let mut reported = repeated_summary_sentences(doc, alignment, findings);
    // Both unit comparisons read every unit's content words: found once.
    let contents: Vec<Content> = (0..doc.units.len()).map(|u| Content::of(doc, alignment, u)).collect();
    duplicate_units(doc, alignment, &contents, &mut reported, findings);
    same_source(doc, alignment, &contents, &reported, findings);
    if options.level(&VERBATIM).is_some() {
        verbatim(doc, alignment, options.verbatim_words, findings);
    }
}

// ---------------------------------------------------------------- words

fn is_legitimate_double(first: &Token, second: &Token, text: &str) -> bool {
    let word = first.folded.as_ref();
    if matches!(first.kind, TokenKind::Number(_)) {
        return true;
    }
    if GRAMMATICAL_DOUBLES.contains(&word) || EMPHATIC_DOUBLES.binary_search(&word).is_ok() {
        return true;
    }
    // "Sirhan Sirhan", "Bora Bora": a capitalised content word written twice
    // is a name; "The The" is not.
    first.is_capitalized(text) && second.is_capitalized(text) && first.is_content()
}

/// Repeated words ("the the") in the headings, the body's paragraphs and
/// the units, reported in that order. The body's candidates (a word right
/// after the same folded word, within a paragraph) were found as the body
/// was tokenized ([`BodyPass`]).
fn repeated_words(doc: &Document, alignment: &Alignment, findings: &mut Vec<Finding>) {
    for heading in &doc.headings {
        let tokens = tokenize(&doc.text, heading.start, heading.end);
        repeated_in(doc, alignment, &tokens, None, findings);
    }
    let token = |s: u32, i: u32| &alignment.sentences[s as usize].tokens[i as usize];
    for &[s1, i1, s2, i2] in &alignment.body_pass.doubles {
        let (first, second) = (token(s1, i1), token(s2, i2));
        if is_repeated(doc, first, second) {
            findings.push(repeated_word(doc, first, second));
        }
    }
    for unit in &alignment.units {
        repeated_in(doc, alignment, &unit.tokens, Some(unit.unit), findings);
    }
}

/// What the duplication checks read of every body token, gathered as the
/// body is tokenized (`align::align` calls [`BodyPass::add`] with each
/// sentence right after it is tokenized): a later pass over the body's
/// 72-byte tokens met most of them as cache misses.
#[derive(Debug, Default)]
pub(crate) struct BodyPass {
    /// Each body sentence's [`KeyHash`] (for [`repeated_body_text`]).
    hashes: Vec<KeyHash>,
    /// (sentence, token) of each body token whose folded word is that of
    /// the token before it in the same paragraph (across sentence ends),
    /// then (sentence, token) of that one, in text order: the candidates
    /// for `duplication/repeated-word`.
    doubles: Vec<[u32; 4]>,
    /// (sentence, token) of the last token of the paragraph so far.
    previous: Option<(u32, u32)>,
    /// The body's repeated paragraphs and sentences, found by the first
    /// document to check them: the pass is shared by the documents of one
    /// body (`align::LastBody`), and what repeats depends on the body alone.
    repeats: std::cell::OnceCell<BodyRepeats>,
}

/// (first, later) pairs of body paragraphs (indexes into
/// `Document::paragraphs`) and of sentences (indexes into
/// `Alignment::sentences`) that repeat word for word, in the order they
/// are reported; a sentence of a repeated paragraph is not listed.
#[derive(Debug, Default, PartialEq)]
struct BodyRepeats {
    paragraphs: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
}

impl BodyPass {
    /// A pass for a body of `sentences` sentences.
    pub(crate) fn with_capacity(sentences: usize) -> BodyPass {
        BodyPass {
            hashes: Vec::with_capacity(sentences),
            ..BodyPass::default()
        }
    }

    /// Adds the next body sentence's `tokens`; `sentences` are the ones
    /// before it, `new_paragraph` whether it starts a paragraph.
    #[inline]
    pub(crate) fn add(&mut self, sentences: &[crate::align::BodySentence], tokens: &[Token], new_paragraph: bool) {
        let s = sentences.len() as u32;
        if new_paragraph {
            self.previous = None;
        }
        // (Three plain loops over the sentence's few tokens, which are in the
        // first-level cache: one fused loop with the previous token as an
        // `Option` cost more instructions than the misses it saved.)
        if let (Some(first), Some(second)) = (self.previous, tokens.first()) {
            if sentences[first.0 as usize].tokens[first.1 as usize].folded == second.folded {
                self.doubles.push([first.0, first.1, s, 0]);
            }
        }
        for (i, pair) in tokens.windows(2).enumerate() {
            // (Most pairs differ: tested here, not in a call.)
            if pair[0].folded == pair[1].folded {
                self.doubles.push([s, i as u32, s, i as u32 + 1]);
            }
        }
        let mut hash = KeyHash::default();
        for t in tokens {
            hash.push(t);
        }
        self.hashes.push(hash);
        if let Some(last) = tokens.len().checked_sub(1) {
            self.previous = Some((s, last as u32));
        }
    }
}

/// The repeated words of one region's `tokens`, of unit `unit` if any.
fn repeated_in(
    doc: &Document,
    alignment: &Alignment,
    tokens: &[Token],
    unit: Option<usize>,
    findings: &mut Vec<Finding>,
) {
    for (k, pair) in tokens.windows(2).enumerate() {
        let (first, second) = (&pair[0], &pair[1]);
        // (Most pairs differ: tested here, not in a call.)
        if first.folded != second.folded || !is_repeated(doc, first, second) {
            continue;
        }
        let mut finding = repeated_word(doc, first, second);
        if let Some(u) = unit {
            finding = finding.with_unit(&doc.units[u].id);
            let before = k.checked_sub(1).map(|i| &tokens[i]);
            let after = tokens.get(k + 2);
            if let Some(evidence) = body_phrase(doc, alignment, before, first, after) {
                finding = finding.with_evidence(evidence);
            }
        }
        findings.push(finding);
    }
}

/// True when `second`, right after `first`, repeats it by slip.
fn is_repeated(doc: &Document, first: &Token, second: &Token) -> bool {
    if first.folded != second.folded || is_legitimate_double(first, second, &doc.text) {
        return false;
    }
    let gap = &doc.text[first.end..second.start];
    if gap.is_empty() || !gap.chars().all(char::is_whitespace) {
        return false;
    }
    // "an eight-goal goal-difference": the words belong to two compounds.
    !(first.after_hyphen || doc.text[second.end..].starts_with(['-', '\u{2010}', '\u{2011}']))
}

/// The finding for `second` repeating `first`.
fn repeated_word(doc: &Document, first: &Token, second: &Token) -> Finding {
    let span = doc.span(second.start, second.end);
    let word = doc.original(&span).to_string();
    Finding::new(
        &REPEATED_WORD,
        span,
        word.clone(),
        format!(
            "repeated word: \"{} {}\"; the second \"{}\" should be deleted",
            doc.original(&doc.span(first.start, first.end)),
            word,
            word
        ),
    )
    // The replacement for the span: delete the repeated word.
    .with_suggestion("")
}

/// The body sentence that writes `before word after` once, if any: the
/// evidence that a summary's double is a slip, not a quotation.
fn body_phrase(
    doc: &Document,
    alignment: &Alignment,
    before: Option<&Token>,
    word: &Token,
    after: Option<&Token>,
) -> Option<Evidence> {
    let phrase: Vec<&str> = before
        .into_iter()
        .chain(std::iter::once(word))
        .chain(after)
        .map(|t| t.folded.as_ref())
        .collect();
    // Only sentences that contain the word are looked at (the index's
    // posting list), not the whole body.
    let anchor = [before, after]
        .into_iter()
        .flatten()
        .find(|t| t.is_content())
        .unwrap_or(word);
    for s in alignment.sentences_with(&anchor.stem) {
        let sentence = &alignment.sentences[s];
        let folded: Vec<&str> = sentence.tokens.iter().map(|t| t.folded.as_ref()).collect();
        if let Some(at) = folded.windows(phrase.len()).position(|w| w == phrase.as_slice()) {
            let paragraph = &doc.paragraphs[sentence.paragraph];
            let span = paragraph.sentences[sentence.index];
            let written = &doc.source[sentence.tokens[at].start..sentence.tokens[at + phrase.len() - 1].end];
            return Some(Evidence {
                paragraph: Some(paragraph.number),
                span,
                text: doc.slice(&span).to_string(),
                note: format!("the body writes \"{written}\" once"),
            });
        }
    }
    None
}

// ------------------------------------------------- sentences, paragraphs

/// Folded words joined by single spaces: what two copies of a sentence
/// share whatever their case, punctuation and line wrapping.
fn normalised<'t, I>(tokens: I) -> String
where
    I: IntoIterator<Item = &'t Token>,
    I::IntoIter: Clone,
{
    let tokens = tokens.into_iter();
    // Sized up front: the key of a paragraph grew one doubling at a time.
    let mut key = String::with_capacity(tokens.clone().map(|t| t.folded.len() + 1).sum());
    for t in tokens {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&t.folded);
    }
    key
}

/// The findings of the body's repeated paragraphs and sentences.
fn repeated_body_text(doc: &Document, alignment: &Alignment, findings: &mut Vec<Finding>) {
    let pass = &alignment.body_pass;
    let repeats = pass
        .repeats
        .get_or_init(|| body_repeats(doc.paragraphs.len(), alignment, &pass.hashes));
    for &(first, p) in &repeats.paragraphs {
        let (earlier, later) = (&doc.paragraphs[first], &doc.paragraphs[p]);
        findings.push(
            Finding::new(
                &REPEATED_PARAGRAPH,
                later.span,
                doc.original(&later.span),
                format!(
                    "paragraph {} repeats paragraph {} (line {}) word for word; delete one copy",
                    later.number, earlier.number, earlier.span.line
                ),
            )
            .with_evidence(Evidence {
                paragraph: Some(earlier.number),
                span: earlier.span,
                text: doc.slice(&earlier.span).to_string(),
                note: "first occurrence".into(),
            }),
        );
    }
    for &(first, s) in &repeats.sentences {
        let (earlier, sentence) = (&alignment.sentences[first], &alignment.sentences[s]);
        let earlier_paragraph = &doc.paragraphs[earlier.paragraph];
        let earlier_span = earlier_paragraph.sentences[earlier.index];
        let span = doc.paragraphs[sentence.paragraph].sentences[sentence.index];
        findings.push(
            Finding::new(
                &REPEATED_SENTENCE,
                span,
                doc.original(&span),
                format!(
                    "this sentence already occurs in paragraph {} (line {}); delete one copy",
                    earlier_paragraph.number, earlier_span.line
                ),
            )
            .with_evidence(Evidence {
                paragraph: Some(earlier_paragraph.number),
                span: earlier_span,
                text: doc.slice(&earlier_span).to_string(),
                note: "first occurrence".into(),
            }),
        );
    }
}

/// The repeated paragraphs and sentences of a body of `paragraphs`
/// paragraphs whose sentences are `alignment.sentences`;
/// `sentence_hashes`: each sentence's [`KeyHash`].
fn body_repeats(paragraphs: usize, alignment: &Alignment, sentence_hashes: &[KeyHash]) -> BodyRepeats {
    let mut repeats = BodyRepeats::default();
    // Each paragraph's key hash from its sentences' (a paragraph's tokens
    // are its sentences' in order): every token is hashed once.
    let mut paragraph_hashes = vec![KeyHash::default(); paragraphs];
    // Per paragraph, its sentences (they are in paragraph order).
    let mut paragraph_sentences = vec![0..0; paragraphs];
    for (s, sentence) in alignment.sentences.iter().enumerate() {
        paragraph_hashes[sentence.paragraph].extend(sentence_hashes[s]);
        let range = &mut paragraph_sentences[sentence.paragraph];
        if range.end == 0 {
            *range = s..s + 1;
        } else {
            range.end = s + 1;
        }
    }
    let paragraph_tokens = |p: usize| {
        alignment.sentences[paragraph_sentences[p].clone()]
            .iter()
            .flat_map(|s| &s.tokens)
    };
    let mut seen_paragraphs = SeenTexts::with_capacity(paragraphs);
    let mut repeated_paragraph = vec![false; paragraphs];
    for (p, hash) in paragraph_hashes.iter().enumerate() {
        if hash.len < MIN_REPEATED_WORDS {
            continue;
        }
        if let Some(first) = seen_paragraphs.first_or_insert(p, hash.hash, paragraph_tokens) {
            repeated_paragraph[p] = true;
            repeats.paragraphs.push((first, p));
        }
    }
    let mut seen_sentences = SeenTexts::with_capacity(alignment.sentences.len());
    for (s, sentence) in alignment.sentences.iter().enumerate() {
        if sentence.tokens.len() < MIN_REPEATED_WORDS {
            continue;
        }
        let hash = sentence_hashes[s].hash;
        let first = seen_sentences.first_or_insert(s, hash, |t| &alignment.sentences[t].tokens);
        if let Some(first) = first {
            if !repeated_paragraph[sentence.paragraph] {
                repeats.sentences.push((first, s));
            }
        }
    }
    repeats
}

/// Texts seen so far, each the first of its [`normalised`] key, found by
/// a hash of the tokens' folded words: the same texts a map from the
/// normalised strings finds, without building a string per sentence and
/// paragraph of the body (which was most of the cost of this check). Texts
/// of equal hash are compared by their normalised strings.
#[derive(Default)]
struct SeenTexts {
    /// Hash of the normalised key to the first text (caller's index) with
    /// it: one entry per text, no list (a vector per text was an
    /// allocation per body sentence).
    by_hash: HashMap<u64, usize>,
    /// Further texts of a hash already taken, whose keys differ from the
    /// earlier ones' (a hash collision: almost never), in order.
    more: HashMap<u64, Vec<usize>>,
}

impl SeenTexts {
    /// Room for `texts` texts.
    fn with_capacity(texts: usize) -> SeenTexts {
        let mut seen = SeenTexts::default();
        seen.by_hash.reserve(texts);
        seen
    }

    /// The first text seen with the same normalised key as text `index`, or
    /// `None` after remembering `index` as the first of its key. `tokens`
    /// gives a text's tokens by index.
    /// `hash` is the text's [`KeyHash`].
    fn first_or_insert<'t, F, I>(&mut self, index: usize, hash: u64, tokens: F) -> Option<usize>
    where
        F: Fn(usize) -> I,
        I: IntoIterator<Item = &'t Token>,
        I::IntoIter: Clone,
    {
        let key = |i: usize| normalised(tokens(i));
        let first = match self.by_hash.entry(hash) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(index);
                return None;
            }
            std::collections::hash_map::Entry::Occupied(slot) => *slot.get(),
        };
        // Earlier texts of this hash, in the order seen.
        let this = key(index);
        let more = self.more.entry(hash).or_default();
        if let Some(same) = std::iter::once(first)
            .chain(more.iter().copied())
            .find(|&t| key(t) == this)
        {
            return Some(same);
        }
        more.push(index);
        None
    }
}

/// A hash of [`normalised`]`(tokens)` that joins: the hash of two texts
/// one after the other follows from theirs (a polynomial in the words'
/// hashes, Horner's rule, wrapping), so a paragraph's comes from its
/// sentences'. Equal keys give equal hashes: equal keys are equal word
/// sequences, as no folded word holds a space, and equal words have equal
/// stems, whose hashes the tokens carry ([`Token::stem_hash`]: no word's
/// bytes are hashed here). Words of one stem in other forms ("governs",
/// "governing") hash alike too: [`SeenTexts`] compares the keys of texts of
/// equal hash, so such a text is never taken for a repeat.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct KeyHash {
    hash: u64,
    /// Words.
    len: usize,
}

impl KeyHash {
    /// An odd multiplier with well-mixed bits.
    const BASE: u64 = 0x9E37_79B9_7F4A_7C15;

    fn of<'t>(tokens: impl IntoIterator<Item = &'t Token>) -> KeyHash {
        let mut key = KeyHash::default();
        for t in tokens {
            key.push(t);
        }
        key
    }

    /// Appends the word of `token`.
    #[inline]
    fn push(&mut self, token: &Token) {
        self.hash = self
            .hash
            .wrapping_mul(Self::BASE)
            .wrapping_add(u64::from(token.stem_hash));
        self.len += 1;
    }

    /// Appends the text of hash `next`.
    fn extend(&mut self, next: KeyHash) {
        self.hash = self
            .hash
            .wrapping_mul(Self::BASE.wrapping_pow(next.len as u32))
            .wrapping_add(next.hash);
        self.len += next.len;
    }
}

/// Pairs of units (earlier, later) by index into `Document::units`.
type UnitPairs = HashSet<(usize, usize)>;

/// Sentences repeated within the summary; returns the unit pairs reported.
fn repeated_summary_sentences(doc: &Document, alignment: &Alignment, findings: &mut Vec<Finding>) -> UnitPairs {
    let mut reported = UnitPairs::default();
    // The sentences long enough to report, as (unit, start, end, first
    // token, end token): their spans, with their lines, are placed only
    // when they are reported. Found by their tokens' hash ([`SeenTexts`]),
    // not by a map from their normalised strings: the keys were a string
    // built per summary sentence of every record.
    let mut texts: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut seen = SeenTexts::default();
    for (u, start, end, first, tokens) in summary_sentences(doc, alignment) {
        let at = texts.len();
        texts.push((u, start, end, first, first + tokens.len()));
        let tokens_of = |i: usize| {
            let (u, _, _, from, to) = texts[i];
            &alignment.unit(u).tokens[from..to]
        };
        if let Some(earlier) = seen.first_or_insert(at, KeyHash::of(tokens).hash, tokens_of) {
            let (first, first_start, first_end, _, _) = texts[earlier];
            reported.insert((first, u));
            findings.push(repeated_sentence(doc, u, (start, end), first, (first_start, first_end)));
        }
    }
    reported
}

/// The summary units' sentences of at least [`MIN_REPEATED_WORDS`] tokens,
/// as (unit, start, end, index of the first token in the unit's tokens,
/// tokens). The tokens come from the alignment (not tokenized again): a
/// sentence ends at a terminator and whitespace, which no token spans, so
/// its tokens are those that start inside it.
fn summary_sentences<'a>(
    doc: &'a Document,
    alignment: &'a Alignment,
) -> impl Iterator<Item = (usize, usize, usize, usize, &'a [Token])> + 'a {
    doc.units
        .iter()
        .enumerate()
        .filter(|(_, unit)| unit.kind.is_summary())
        .flat_map(move |(u, unit)| {
            let unit_tokens = &alignment.unit(u).tokens[..];
            split_sentences(&doc.text, unit.span.start, unit.span.end)
                .into_iter()
                .filter_map(move |(start, end)| {
                    let first = unit_tokens.partition_point(|t| t.start < start);
                    let tokens = &unit_tokens[first..first + unit_tokens[first..].partition_point(|t| t.start < end)];
                    (tokens.len() >= MIN_REPEATED_WORDS).then_some((u, start, end, first, tokens))
                })
        })
}

/// The finding for summary unit `unit`'s sentence at `at` (byte range),
/// which repeats word for word unit `first`'s sentence at `first_at`.
fn repeated_sentence(
    doc: &Document,
    unit: usize,
    at: (usize, usize),
    first: usize,
    first_at: (usize, usize),
) -> Finding {
    let (span, first_span) = (doc.span(at.0, at.1), doc.span(first_at.0, first_at.1));
    let (unit, earlier) = (&doc.units[unit], &doc.units[first]);
    Finding::new(
        &REPEATED_SENTENCE,
        span,
        doc.original(&span),
        format!(
            "{} repeats a sentence of {} (line {}) word for word; delete one copy",
            unit.id, earlier.id, first_span.line
        ),
    )
    .with_unit(&unit.id)
    .with_evidence(Evidence {
        paragraph: None,
        span: first_span,
        text: doc.slice(&first_span).to_string(),
        note: format!("first occurrence, in {}", earlier.id),
    })
}

// ------------------------------------------------------------ units

/// A unit's content word.
struct Word<'a> {
    stem: &'a str,
    /// The stem's term in the body's index ([`crate::align::UnitAlignment::terms`]):
    /// two words of known stems are compared, and the index asked, by it.
    term: Option<u32>,
    /// Rarity in the body (IDF).
    weight: f64,
    /// As written.
    surface: &'a str,
    in_body: bool,
    /// A number or a capitalised word inside the unit: a name, a figure, a
    /// date. A unit that adds one adds a fact, however short.
    fact: bool,
}

/// A unit's content words, each stem once.
struct Content<'a> {
    words: Vec<Word<'a>>,
    total: f64,
}

impl<'a> Content<'a> {
    fn of(doc: &'a Document, alignment: &'a Alignment, unit: usize) -> Content<'a> {
        let a = &alignment.units[unit];
        let rarest = rarest_weight(alignment);
        let mut words: Vec<Word> = Vec::with_capacity(a.tokens.len());
        // The body's terms already taken, one bit each: a word of a known
        // stem is a repeat when its term's bit is set (a scan of the words
        // per token was about a tenth of this check on repeated bodies);
        // a stem the body lacks is compared with the other such stems only
        // (it is never one the body has, see [`Word::same_stem`]).
        let mut taken = vec![0u64; alignment.term_count().div_ceil(64)];
        for (k, t) in a.tokens.iter().enumerate() {
            let term = a.terms[k];
            if !t.is_content() {
                continue;
            }
            let repeat = match term {
                Some(term) => {
                    let (word, bit) = (term as usize / 64, 1u64 << (term % 64));
                    let repeat = taken[word] & bit != 0;
                    taken[word] |= bit;
                    repeat
                }
                None => words.iter().any(|w| w.same_stem(t.stem.as_ref(), None)),
            };
            if repeat {
                continue;
            }
            words.push(Word {
                stem: t.stem.as_ref(),
                term,
                weight: word_weight(a, k, rarest),
                surface: t.text(&doc.source),
                in_body: a.in_body[k],
                fact: t.number().is_some()
                    || k > 0 && t.is_capitalized(&doc.text)
                    // The body writes it capitalised inside a sentence: a
                    // name, even when the summary is all lower case (as
                    // some model outputs are).
                    || term.is_some_and(|term| alignment.capitalised_term(term)),
            });
        }
        let total = words.iter().map(|w| w.weight).sum();
        Content { words, total }
    }

    /// True when one of the words has `word`'s stem.
    fn has(&self, word: &Word) -> bool {
        self.words.iter().any(|w| w.same_stem(word.stem, word.term))
    }
}

impl Word<'_> {
    /// True when this word's stem is `stem`, whose term is `term`: the
    /// terms compared when the body has both stems (one term per stem), the
    /// stems when it has neither; a stem the body has is never one it lacks.
    fn same_stem(&self, stem: &str, term: Option<u32>) -> bool {
        match (self.term, term) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.stem == stem,
            _ => false,
        }
    }
}

/// How much of `later` an `earlier` unit already says.
struct Overlap<'a> {
    /// Share of `later`'s content weight found in `earlier`.
    contained: f64,
    /// Share of `later`'s content weight that is new and found in the body.
    added_share: f64,
    /// New words, as written, that the body has.
    added: Vec<&'a str>,
    /// New words the body does not have (rewording).
    reworded: Vec<&'a str>,
    /// Some added word is a name or a number the body supports.
    adds_fact: bool,
}

fn overlap<'a>(earlier: &Content<'_>, later: &Content<'a>) -> Overlap<'a> {
    let mut shared = 0.0;
    let mut added_weight = 0.0;
    let mut added = Vec::new();
    let mut reworded = Vec::new();
    let mut adds_fact = false;
    for word in &later.words {
        if earlier.has(word) {
            shared += word.weight;
        } else if word.in_body {
            added_weight += word.weight;
            added.push(word.surface);
            adds_fact |= word.fact;
        } else {
            reworded.push(word.surface);
        }
    }
    let total = later.total.max(f64::MIN_POSITIVE);
    Overlap {
        contained: shared / total,
        added_share: added_weight / total,
        added,
        reworded,
        adds_fact,
    }
}

/// Body sentences (indexes into `Alignment::sentences`) a unit draws on.
/// (At most a few, each once: a vector, not a set.)
fn sources(alignment: &Alignment, unit: usize) -> Vec<usize> {
    alignment.units[unit].sentences.iter().map(|s| s.sentence).collect()
}

fn duplicate_units(
    doc: &Document,
    alignment: &Alignment,
    contents: &[Content],
    reported: &mut UnitPairs,
    findings: &mut Vec<Finding>,
) {
    let unit_sources: Vec<Vec<usize>> = (0..doc.units.len()).map(|u| sources(alignment, u)).collect();
    for later in 0..doc.units.len() {
        if !doc.units[later].kind.is_summary() || contents[later].total <= 0.0 {
            continue;
        }
        // The earlier unit this one repeats most.
        let mut best: Option<(usize, Overlap)> = None;
        if reported.iter().any(|&(_, l)| l == later) {
            // Already reported as a sentence repeated word for word.
            continue;
        }
        for earlier in 0..later {
            if contents[earlier].total <= 0.0 {
                continue;
            }
            let o = overlap(&contents[earlier], &contents[later]);
            let same_sources = !unit_sources[later].is_empty()
                && unit_sources[later].iter().all(|s| unit_sources[earlier].contains(s));
            let duplicate = !o.adds_fact
                && (o.contained >= UNITS_NEAR_IDENTICAL || same_sources)
                && o.contained >= UNITS_SAME_SOURCE_CONTAINED
                && o.added_share <= UNITS_MAX_ADDED;
            if duplicate && best.as_ref().is_none_or(|(_, b)| o.contained > b.contained) {
                best = Some((earlier, o));
            }
        }
        let Some((earlier, o)) = best else { continue };
        reported.insert((earlier, later));
        let (first, second) = (&doc.units[earlier], &doc.units[later]);
        let what = match first.kind {
            UnitKind::Headline => "the headline".to_string(),
            UnitKind::Dek => "the dek".to_string(),
            _ => first.id.clone(),
        };
        let adds = if o.added.is_empty() {
            "nothing the body supports".to_string()
        } else {
            format!("only {}", quoted_list(&o.added))
        };
        let reworded = if o.reworded.is_empty() {
            String::new()
        } else {
            format!(" (reworded with {})", quoted_list(&o.reworded))
        };
        findings.push(
            Finding::new(
                &UNITS,
                second.span,
                doc.original(&second.span),
                format!(
                    "{} repeats {} (line {}): {:.0}% of its content is already there; it adds {}{}",
                    second.id,
                    what,
                    first.span.line,
                    100.0 * o.contained,
                    adds,
                    reworded
                ),
            )
            .with_unit(&second.id)
            .with_suggestion(format!(
                "delete {} or make it say something {} does not",
                second.id, what
            ))
            .with_evidence(Evidence {
                paragraph: None,
                span: first.span,
                text: doc.slice(&first.span).to_string(),
                note: format!("already said by {}", first.id),
            }),
        );
    }
}

fn quoted_list(words: &[&str]) -> String {
    words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(", ")
}

/// How much two units take the same words from one body sentence: the
/// weight of the sentence's words both use over the smaller of the weights
/// each uses. Two bullets that split a long sentence between them share
/// little; two that retell its main clause share most.
/// `sentence`: an index into `Alignment::sentences`; its content stems are
/// the index's terms of it.
fn same_part(alignment: &Alignment, a: &Content, b: &Content, sentence: usize) -> f64 {
    let in_sentence = |w: &Word| w.term.is_some_and(|term| alignment.sentence_has_term(sentence, term));
    let taken = |c: &Content| -> f64 { c.words.iter().filter(|w| in_sentence(w)).map(|w| w.weight).sum() };
    let both: f64 = a
        .words
        .iter()
        .filter(|w| in_sentence(w) && b.has(w))
        .map(|w| w.weight)
        .sum();
    both / taken(a).min(taken(b)).max(f64::MIN_POSITIVE)
}

/// The body sentence a unit draws on most, with the share of its content
/// weight found there.
fn main_source(alignment: &Alignment, content: &Content, unit: usize) -> Option<(usize, f64)> {
    let chosen = &alignment.units[unit].sentences;
    // Each word's sentences read once from the index (a term lookup and
    // its postings), rather than a term lookup and a search of each chosen
    // sentence's terms per word and sentence. The weights are added per
    // sentence in word order, from the sum's own start: the same sums.
    let zero: f64 = std::iter::empty::<f64>().sum();
    let mut weights = vec![zero; chosen.len()];
    for w in &content.words {
        for s in w.term.into_iter().flat_map(|term| alignment.sentences_with_term(term)) {
            for (weight, c) in weights.iter_mut().zip(chosen) {
                if c.sentence == s {
                    *weight += w.weight;
                }
            }
        }
    }
    chosen
        .iter()
        .zip(weights)
        .map(|(s, weight)| (s.sentence, weight / content.total.max(f64::MIN_POSITIVE)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

/// [`main_source`] as it was, each word looked up for each sentence: the
/// reference its test compares with.
#[cfg(test)]
fn main_source_plain(alignment: &Alignment, content: &Content, unit: usize) -> Option<(usize, f64)> {
    alignment.units[unit]
        .sentences
        .iter()
        .map(|s| {
            // The index's sorted terms of the sentence: its content stems.
            let weight: f64 = content
                .words
                .iter()
                .filter(|w| alignment.sentence_has(s.sentence, w.stem))
                .map(|w| w.weight)
                .sum();
            (s.sentence, weight / content.total.max(f64::MIN_POSITIVE))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
}

fn same_source(
    doc: &Document,
    alignment: &Alignment,
    contents: &[Content],
    reported: &UnitPairs,
    findings: &mut Vec<Finding>,
) {
    let mains: Vec<Option<(usize, f64)>> = (0..doc.units.len())
        .map(|u| {
            if !doc.units[u].kind.is_summary() {
                return None;
            }
            main_source(alignment, &contents[u], u).filter(|&(_, share)| share >= SAME_SOURCE_SHARE)
        })
        .collect();
    for later in 0..doc.units.len() {
        let Some((sentence, later_share)) = mains[later] else {
            continue;
        };
        if reported.iter().any(|&(_, l)| l == later) {
            continue;
        }
        let earlier = (0..later).find(|&e| {
            mains[e].is_some_and(|(s, _)| s == sentence)
                && same_part(alignment, &contents[e], &contents[later], sentence) >= SAME_SOURCE_SAME_PART
        });
        let Some(earlier) = earlier else { continue };
        let earlier_share = mains[earlier].map_or(0.0, |m| m.1);
        let body = &alignment.sentences[sentence];
        let paragraph = &doc.paragraphs[body.paragraph];
        let span = paragraph.sentences[body.index];
        let (first, second) = (&doc.units[earlier], &doc.units[later]);
        findings.push(
            Finding::new(
                &SAME_SOURCE,
                second.span,
                doc.original(&second.span),
                format!(
                    "{} and {} (line {}) both retell the same body sentence (¶{} line {}), which supplies {:.0}% and {:.0}% of their content",
                    second.id,
                    first.id,
                    first.span.line,
                    paragraph.number,
                    span.line,
                    100.0 * later_share,
                    100.0 * earlier_share
                ),
            )
            .with_unit(&second.id)
            .with_evidence(Evidence {
                paragraph: Some(paragraph.number),
                span,
                text: doc.slice(&span).to_string(),
                note: format!("the sentence both {} and {} come from", first.id, second.id),
            }),
        );
    }
}

// ------------------------------------------------ extractiveness, verbatim

/// Grusky et al. (2018) extractive fragment measures of one unit against
/// the body: `coverage` is the share of the unit's words that lie in
/// fragments copied from the body, `density` the mean length of the
/// fragment each word lies in (Σ|f|²/|S|), `compression` body words per
/// unit word.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Extractiveness {
    pub coverage: f64,
    pub density: f64,
    pub compression: f64,
}

/// A run of words a unit shares with the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Fragment {
    /// Index of the first word in the unit's words.
    unit_start: usize,
    /// Index of the first word in the body's words.
    body_start: usize,
    len: usize,
}

/// The body as one run of words, each the id of the same word in a unit,
/// with the index from word to positions that makes fragment search cost
/// the occurrences of the unit's words, not the body's length.
///
/// Only the units' words get ids: a fragment is a run of unit words, so a
/// body word no unit uses can only end one. Interning the few unit words
/// and looking each body word up, instead of interning the whole body, was
/// most of the cost of the extractiveness measures.
///
/// Built once per document and kept with the alignment (see
/// [`body_words`]): the verbatim check and the outcome's extractiveness
/// both read it, and building it twice was a tenth of the whole check.
#[derive(Debug, Default)]
pub struct BodyWords {
    /// Per unit, in the order of `Alignment::units`: its words as ids.
    units: Vec<Vec<u32>>,
    /// Every body word in order: its id, or [`NOT_IN_UNITS`].
    words: Vec<u32>,
    /// Per id: where it occurs in `words`.
    positions: Vec<Vec<usize>>,
    /// Per body sentence: the position of its first word in `words`.
    sentence_starts: Vec<usize>,
}

/// A one-hash Bloom filter over words, keyed by a sketch of the word (its
/// length and first, second and last bytes): `may_hold` is false only for
/// a word not inserted, and is a few instructions, not a string hash.
struct WordFilter {
    bits: [u64; 64],
}

impl Default for WordFilter {
    fn default() -> WordFilter {
        WordFilter { bits: [0; 64] }
    }
}

impl WordFilter {
    /// The word's bit, one of 4096.
    fn bit(word: &str) -> usize {
        let b = word.as_bytes();
        let (first, second, last) = match b {
            [] => (0, 0, 0),
            [only] => (*only, 0, *only),
            [first, second, ..] => (*first, *second, b[b.len() - 1]),
        };
        let sketch = (b.len() as u32) ^ (u32::from(first) << 8) ^ (u32::from(second) << 16) ^ (u32::from(last) << 24);
        (sketch.wrapping_mul(0x9E37_79B1) >> 20) as usize
    }

    fn insert(&mut self, word: &str) {
        let bit = Self::bit(word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    fn may_hold(&self, word: &str) -> bool {
        let bit = Self::bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

/// The id of a body word no unit has; it equals no unit word's id.
const NOT_IN_UNITS: u32 = u32::MAX;

/// A token as compared word for word: folded, and for numbers the whole
/// written form ("1.2 million", which the tokenizer keeps as one token).
fn word_form<'t>(token: &'t Token, text: &str) -> Cow<'t, str> {
    match token.kind {
        TokenKind::Word => Cow::Borrowed(&token.folded),
        TokenKind::Number(_) => {
            let folded = fold(token.text(text));
            // Most numbers ("2,000") are one run of ASCII without spaces:
            // already what the join below would give.
            // (`char::is_whitespace`, as `split_whitespace` uses: it also
            // counts the vertical tab, which `u8::is_ascii_whitespace` does not.)
            if folded.is_ascii() && !folded.bytes().any(|b| matches!(b, b' ' | b'\t'..=b'\r')) {
                Cow::Owned(folded)
            } else {
                Cow::Owned(folded.split_whitespace().collect::<Vec<_>>().join(" "))
            }
        }
    }
}

/// The [`BodyWords`] of `doc`, built on first use and kept with its
/// `alignment`.
fn body_words<'a>(doc: &Document, alignment: &'a Alignment) -> &'a BodyWords {
    alignment.body_words.get_or_init(|| BodyWords::new(doc, alignment))
}

impl BodyWords {
    fn new(doc: &Document, alignment: &Alignment) -> BodyWords {
        let mut body = BodyWords::default();
        // The units' words and their ids; sized for the units' words up
        // front: it grew from empty per document.
        let mut vocabulary: HashMap<Cow<'_, str>, u32> = HashMap::default();
        vocabulary.reserve(alignment.units.iter().map(|a| a.tokens.len()).sum());
        for a in &alignment.units {
            let ids = a
                .tokens
                .iter()
                .map(|t| body.intern(&mut vocabulary, word_form(t, &doc.text)))
                .collect();
            body.units.push(ids);
        }
        body.words
            .reserve(alignment.sentences.iter().map(|s| s.tokens.len()).sum());
        body.sentence_starts.reserve(alignment.sentences.len());
        // The id of a word token by the address of its folded form: the word
        // cache hands the same `Rc` to every occurrence of a word, and equal
        // addresses (all tokens are alive) mean equal words, so a repeated
        // word is not hashed again. Direct-mapped: a clash only costs a lookup.
        let mut by_address = [(0usize, 0u32); 1024];
        // Most body words are in no unit: a bit per unit word's sketch says
        // so for most of them without hashing and comparing the string.
        let mut filter = WordFilter::default();
        for word in vocabulary.keys() {
            filter.insert(word);
        }
        for sentence in &alignment.sentences {
            body.sentence_starts.push(body.words.len());
            for t in &sentence.tokens {
                if let TokenKind::Word = t.kind {
                    let address = t.folded.as_ptr() as usize;
                    let slot = &mut by_address[(address >> 4) % 1024];
                    let id = if slot.0 == address {
                        slot.1
                    } else if !filter.may_hold(&t.folded) {
                        // Remembered too: most repeated body words are in no unit.
                        *slot = (address, NOT_IN_UNITS);
                        NOT_IN_UNITS
                    } else {
                        let id = vocabulary.get(&*t.folded).copied().unwrap_or(NOT_IN_UNITS);
                        *slot = (address, id);
                        id
                    };
                    body.words.push(id);
                } else {
                    let id = vocabulary.get(&*word_form(t, &doc.text)).copied();
                    body.words.push(id.unwrap_or(NOT_IN_UNITS));
                }
            }
        }
        body.index_positions();
        body
    }

    /// Each unit word's positions in the body, in order, in a vector of its
    /// exact length: counted first instead of grown one push at a time.
    fn index_positions(&mut self) {
        let mut counts = vec![0usize; self.positions.len()];
        for &id in self.words.iter().filter(|&&id| id != NOT_IN_UNITS) {
            counts[id as usize] += 1;
        }
        for (positions, &count) in self.positions.iter_mut().zip(&counts) {
            positions.clear();
            positions.reserve_exact(count);
        }
        for (i, &id) in self.words.iter().enumerate() {
            if id != NOT_IN_UNITS {
                self.positions[id as usize].push(i);
            }
        }
    }

    /// The id of unit word `word`, given on first sight.
    fn intern<'t>(&mut self, vocabulary: &mut HashMap<Cow<'t, str>, u32>, word: Cow<'t, str>) -> u32 {
        // One hash: the entry either holds the word's id or takes the next.
        let next = self.positions.len() as u32;
        let id = *vocabulary.entry(word).or_insert(next);
        if id == next {
            self.positions.push(Vec::new());
        }
        id
    }

    /// The body token at `position` in `words`, with its sentence.
    fn token<'a>(&self, alignment: &'a Alignment, position: usize) -> (&'a Token, usize) {
        // The last sentence starting at or before it (an empty sentence
        // starts where the next one does, and comes first).
        let sentence = self.sentence_starts.partition_point(|&start| start <= position) - 1;
        let tokens = &alignment.sentences[sentence].tokens;
        (&tokens[position - self.sentence_starts[sentence]], sentence)
    }

    /// Greedy fragments (Grusky et al., 2018): from each unit position,
    /// the longest run shared with the body anywhere, then continue after it.
    fn fragments(&self, unit: &[u32]) -> Vec<Fragment> {
        let mut fragments = Vec::new();
        let mut i = 0;
        while i < unit.len() {
            let mut best: Option<Fragment> = None;
            let positions = self.positions.get(unit[i] as usize).map_or(&[][..], Vec::as_slice);
            for &p in positions {
                let len = unit[i..]
                    .iter()
                    .zip(&self.words[p..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if best.is_none_or(|b| len > b.len) {
                    best = Some(Fragment {
                        unit_start: i,
                        body_start: p,
                        len,
                    });
                }
            }
            match best {
                Some(f) => {
                    i += f.len;
                    fragments.push(f);
                }
                None => i += 1,
            }
        }
        fragments
    }
}

fn measures(fragments: &[Fragment], unit_len: usize, body_len: usize) -> Extractiveness {
    if unit_len == 0 {
        return Extractiveness::default();
    }
    let n = unit_len as f64;
    Extractiveness {
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0.0".
        coverage: fragments.iter().map(|f| f.len as f64).sum::<f64>() / n + 0.0,
        density: fragments.iter().map(|f| (f.len * f.len) as f64).sum::<f64>() / n + 0.0,
        compression: body_len as f64 / n,
    }
}

/// Extractiveness of every unit, in the order of `Alignment::units`.
pub fn extractiveness(doc: &Document, alignment: &Alignment) -> Vec<Extractiveness> {
    let body = body_words(doc, alignment);
    body.units
        .iter()
        .map(|words| measures(&body.fragments(words), words.len(), body.words.len()))
        .collect()
}

/// True when the end of `unit_text` (a unit up to a fragment's start) lies
/// inside quotation marks it opened: an odd number of straight double
/// quotes, or more opening than closing curly ones.
fn inside_quotes(unit_text: &str) -> bool {
    let straight = unit_text.matches('"').count();
    let open = unit_text.matches('\u{201c}').count();
    let close = unit_text.matches('\u{201d}').count();
    straight % 2 == 1 || open > close
}

fn verbatim(doc: &Document, alignment: &Alignment, min_words: usize, findings: &mut Vec<Finding>) {
    let body = body_words(doc, alignment);
    for (a, words) in alignment.units.iter().zip(&body.units) {
        let unit = &doc.units[a.unit];
        if !unit.kind.is_summary() {
            continue;
        }
        let lifted = body
            .fragments(words)
            .into_iter()
            .filter(|f| f.len >= min_words.max(1))
            .filter(|f| !inside_quotes(&doc.text[unit.span.start..a.tokens[f.unit_start].start]))
            .max_by_key(|f| f.len);
        let Some(f) = lifted else { continue };
        let first = &a.tokens[f.unit_start];
        let last = &a.tokens[f.unit_start + f.len - 1];
        let span = doc.span(first.start, last.end);
        let (body_first, sentence) = body.token(alignment, f.body_start);
        let (body_last, _) = body.token(alignment, f.body_start + f.len - 1);
        let paragraph = &doc.paragraphs[alignment.sentences[sentence].paragraph];
        let body_span = doc.span(body_first.start, body_last.end);
        findings.push(
            Finding::new(
                &VERBATIM,
                span,
                doc.original(&span),
                format!(
                    "{} copies {} words of the body word for word (the limit is {})",
                    unit.id, f.len, min_words
                ),
            )
            .with_unit(&unit.id)
            .with_suggestion("say it in the summary's own words, or quote and attribute it")
            .with_evidence(Evidence {
                paragraph: Some(paragraph.number),
                span: body_span,
                text: doc.slice(&body_span).to_string(),
                note: "the body says, word for word".into(),
            }),
        );
    }
}

/// The most a word the body never uses weighs: as much as the rarest body
/// word (a word in one sentence, BM25 IDF as in align.rs), not more: it is
/// rewording or drift, and must not swamp what the unit shares.
fn rarest_weight(alignment: &Alignment) -> f64 {
    let sentences = alignment.sentences.len() as f64;
    (1.0 + (sentences - 0.5).max(0.0) / 1.5).ln()
}

/// Unit token `k`'s weight in its content, at most [`rarest_weight`] when
/// the body lacks it.
fn word_weight(a: &UnitAlignment, k: usize, rarest: f64) -> f64 {
    if a.in_body[k] {
        a.weights[k]
    } else {
        a.weights[k].min(rarest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};

    fn run(text: &str, options: &CheckOptions) -> (Document, Vec<Finding>) {
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let mut findings = Vec::new();
        check(&doc, &alignment, options, &mut findings);
        (doc, findings)
    }

    fn rules(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.rule).collect()
    }

    #[test]
    fn number_word_forms_have_single_spaces() {
        for (text, form) in [
            ("2,000", "2,000"),
            ("1.2 million", "1.2 million"),
            ("1.2\u{b}million", "1.2 million"),
            ("1.2\u{a0}million", "1.2 million"),
            ("3  Billion", "3 billion"),
        ] {
            let tokens = tokenize(text, 0, text.len());
            assert_eq!(tokens.len(), 1, "{text:?}");
            assert_eq!(word_form(&tokens[0], text), form, "{text:?}");
        }
    }

    #[test]
    fn emphatic_list_is_sorted() {
        assert!(EMPHATIC_DOUBLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn repeated_word_points_at_the_second_copy_and_deletes_it() {
        let text = "Roof Fire\nFlames came through the the roof of the mill on Sunday night.\n- Flames came through the roof.\n";
        let (doc, findings) = run(text, &CheckOptions::default());
        let f = findings.iter().find(|f| f.rule == REPEATED_WORD.id).unwrap();
        assert_eq!(f.span.start, text.find("the the").unwrap() + 4);
        assert_eq!(doc.original(&f.span), "the");
        assert_eq!(f.suggestion.as_deref(), Some(""));
    }

    #[test]
    fn legitimate_doubles_are_not_repeated_words() {
        let text = "Cellmate Denied\nHe had had two hearings and said that that day was very very hard for Sirhan Sirhan.\n- He had had two hearings.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(!rules(&findings).contains(&REPEATED_WORD.id), "{findings:?}");
    }

    #[test]
    fn a_capitalised_function_word_twice_is_still_a_slip() {
        let text = "Vote Held\nThe The council voted on Monday to raise the rates.\n- The council voted.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(rules(&findings).contains(&REPEATED_WORD.id));
    }

    #[test]
    fn a_summary_double_cites_the_body_phrase() {
        let text = "Mill Fire\n\nThe mayor said \"we lost a piece of history tonight\" after the fire.\n\n- The mayor said \"we lost a piece of of history tonight.\"\n";
        let (_, findings) = run(text, &CheckOptions::default());
        let f = findings.iter().find(|f| f.rule == REPEATED_WORD.id).unwrap();
        assert_eq!(f.unit.as_deref(), Some("b1"));
        assert!(f.evidence[0].note.contains("piece of history"), "{:?}", f.evidence);
    }

    #[test]
    fn a_pasted_sentence_is_reported_once_at_its_second_copy() {
        let text = "Budget Vote\n\nThe council passed the budget on Monday night. Critics objected.\n\nMore talks follow. The council passed the budget on Monday night.\n\n- The council passed the budget.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        let repeated: Vec<&Finding> = findings.iter().filter(|f| f.rule == REPEATED_SENTENCE.id).collect();
        assert_eq!(repeated.len(), 1);
        assert_eq!(repeated[0].span.line, 5);
        assert_eq!(repeated[0].evidence[0].span.line, 3);
    }

    #[test]
    fn a_pasted_paragraph_is_one_finding_not_one_per_sentence() {
        let text = "Budget Vote\n\nThe council passed the budget on Monday night. Critics objected to the tax.\n\nMore talks follow next week.\n\nThe council passed the budget on Monday night. Critics objected to the tax.\n\n- The council passed the budget.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert_eq!(
            rules(&findings)
                .iter()
                .filter(|r| r.starts_with("duplication/repeated"))
                .collect::<Vec<_>>(),
            [&REPEATED_PARAGRAPH.id]
        );
    }

    /// The second document of a body gets the repeats the first found
    /// (one pass, shared), with findings as if checked alone.
    #[test]
    fn a_kept_body_repeats_as_it_does_alone() {
        let body = "Budget Vote\n\nThe council passed the budget on Monday night. Critics objected to the tax.\n\nMore talks follow next week. Critics objected to the tax.\n\nThe council passed the budget on Monday night. Critics objected to the tax.\n\n";
        let first = format!("{body}- The council passed the budget.\n");
        let second =
            format!("{body}- Critics objected to the tax, and talks follow next week.\n- The budget passed.\n");
        let alone = {
            let second = second.clone();
            std::thread::spawn(move || format!("{:?}", run(&second, &CheckOptions::default()).1))
                .join()
                .unwrap()
        };
        std::thread::spawn(move || {
            let parse = |text: &str| {
                parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap()
            };
            let (doc1, doc2) = (parse(&first), parse(&second));
            let (a1, a2) = (crate::align::align(&doc1), crate::align::align(&doc2));
            assert!(std::rc::Rc::ptr_eq(&a1.body_pass, &a2.body_pass));
            let mut findings = Vec::new();
            check(&doc1, &a1, &CheckOptions::default(), &mut findings);
            findings.clear();
            check(&doc2, &a2, &CheckOptions::default(), &mut findings);
            assert_eq!(format!("{findings:?}"), alone);
            let fresh = body_repeats(doc2.paragraphs.len(), &a2, &a2.body_pass.hashes);
            assert_eq!(a2.body_pass.repeats.get(), Some(&fresh));
            assert_eq!((fresh.paragraphs.len(), fresh.sentences.len()), (1, 1));
        })
        .join()
        .unwrap();
    }

    #[test]
    fn a_bullet_restating_the_headline_is_a_duplicate() {
        let text = "Voters approve $92 million bond for new high school\nVoters approved a $92 million bond on Tuesday to build a new high school.\nThe measure got 61% of the vote.\n- Voters approved a $92 million bond for a new high school.\n- The measure got 61% of the vote.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        let f = findings.iter().find(|f| f.rule == UNITS.id).unwrap();
        assert_eq!(f.unit.as_deref(), Some("b1"));
        assert!(f.message.contains("the headline"), "{}", f.message);
        assert_eq!(f.evidence[0].note, "already said by headline");
    }

    #[test]
    fn identical_bullets_are_one_repeated_sentence_not_also_a_unit_duplicate() {
        let text = "Rates Rise\n\nThe council raised water rates by 8% on Wednesday.\n\n- The council raised water rates by 8%.\n- The council raised water rates by 8%.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(rules(&findings).contains(&REPEATED_SENTENCE.id));
        assert!(!rules(&findings).contains(&UNITS.id));
    }

    #[test]
    fn hyphen_compounds_are_not_repeated_words() {
        let text = "Final Day\n\nThey must overturn an eight-goal goal-difference deficit on Saturday.\n\n- They must overturn the deficit.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(!rules(&findings).contains(&REPEATED_WORD.id), "{findings:?}");
    }

    #[test]
    fn a_paraphrase_of_the_same_sentence_is_a_duplicate_unit() {
        let text = "Rates Rise\n\nThe Westfield council voted on Wednesday to raise water and sewer rates by 8% starting March 1.\n\nThe money will replace old lead pipes.\n\n- The Westfield council approved an 8% increase in water and sewer rates from March 1.\n- Water and sewer bills in Westfield will go up 8% in March after a council vote.\n- The money will replace old lead pipes.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        let units: Vec<&Finding> = findings.iter().filter(|f| f.rule == UNITS.id).collect();
        assert_eq!(units.len(), 1, "{findings:?}");
        assert_eq!(units[0].unit.as_deref(), Some("b2"));
        assert!(units[0].message.contains("repeats b1"), "{}", units[0].message);
    }

    #[test]
    fn a_unit_that_adds_a_name_or_number_is_not_a_duplicate() {
        let text = "Parole Denied\n\nA parole board denied release on Thursday to Walter Greaves, 79, a former cellmate of a notorious killer.\n\n- A parole board denied release to a former cellmate.\n- The board denied release to Walter Greaves, 79.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(!rules(&findings).contains(&UNITS.id), "{findings:?}");
    }

    #[test]
    fn the_seed_bullets_sharing_quotes_are_not_duplicates() {
        let text = include_str!("../../fixtures/seed.txt");
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(
            !rules(&findings).iter().any(|r| r.starts_with("duplication/")),
            "{findings:?}"
        );
    }

    /// The main source found from each word's postings is the one found by
    /// asking each sentence about each word, to the bit, for every unit of
    /// texts with repeated words, shared sentences, names and numbers.
    #[test]
    fn main_sources_from_postings_are_those_asked_per_sentence() {
        let texts = [
            "Travolta Film\n\nThe actor, one of the church's most prominent members, is premiering his new film in Clearwater, Florida.\n\nHe spoke to reporters.\n\n- The actor is one of the church's most prominent members.\n- He is premiering his new film in Clearwater, Florida.\n",
            "Rates Rise\n\nThe town council voted on Wednesday to raise water and sewer rates by eight percent from March. The council said rates had not risen since 2019, and water use fell.\n\nResidents said the rates were too high; the council said water costs rose 12 percent.\n\n- The council voted to raise water rates by eight percent.\n- Water and sewer rates rise in March, the council said.\n- Residents said nothing about bakeries.\n",
            include_str!("../../fixtures/seed.txt"),
        ];
        for text in texts {
            let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let alignment = crate::align::align(&doc);
            for u in 0..doc.units.len() {
                let content = Content::of(&doc, &alignment, u);
                let bits = |m: Option<(usize, f64)>| m.map(|(s, share)| (s, share.to_bits()));
                assert_eq!(
                    bits(main_source(&alignment, &content, u)),
                    bits(main_source_plain(&alignment, &content, u)),
                    "{u}"
                );
            }
        }
    }

    /// [`Content::of`] as it was, stems compared and looked up by string.
    fn content_plain<'a>(doc: &'a Document, alignment: &'a Alignment, unit: usize) -> Content<'a> {
        let a = &alignment.units[unit];
        let rarest = rarest_weight(alignment);
        let mut words: Vec<Word> = Vec::new();
        for (k, t) in a.tokens.iter().enumerate() {
            if !t.is_content() || words.iter().any(|w| w.stem == &*t.stem) {
                continue;
            }
            words.push(Word {
                stem: t.stem.as_ref(),
                term: None,
                weight: word_weight(a, k, rarest),
                surface: t.text(&doc.source),
                in_body: a.in_body[k],
                fact: t.number().is_some()
                    || k > 0 && t.is_capitalized(&doc.text)
                    || a.in_body[k] && alignment.capitalised(&t.stem),
            });
        }
        let total = words.iter().map(|w| w.weight).sum();
        Content { words, total }
    }

    /// Content, overlaps and same parts by terms are those by stems, on
    /// articles whose units share words the body has and words it lacks.
    #[test]
    fn content_by_terms_is_content_by_stems() {
        let texts = [
            "Rates Rise\n\nThe town council voted on Wednesday to raise water and sewer rates by eight percent from March. The council said rates had not risen since 2019, and water use fell.\n\nResidents said the rates were too high; the council said water costs rose 12 percent.\n\n- The council voted to raise water rates by eight percent.\n- Water and sewer rates rise in March, the council said.\n- Residents said nothing about bakeries and bakeries.\n- the council said bakeries rise, says Council.\n",
            include_str!("../../fixtures/seed.txt"),
        ];
        for text in texts {
            let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
            let alignment = crate::align::align(&doc);
            let words = |c: &Content| {
                c.words
                    .iter()
                    .map(|w| {
                        format!(
                            "{} {} {} {} {}",
                            w.stem,
                            w.weight.to_bits(),
                            w.surface,
                            w.in_body,
                            w.fact
                        )
                    })
                    .collect::<Vec<_>>()
            };
            let contents: Vec<Content> = (0..doc.units.len()).map(|u| Content::of(&doc, &alignment, u)).collect();
            let plain: Vec<Content> = (0..doc.units.len())
                .map(|u| content_plain(&doc, &alignment, u))
                .collect();
            for (c, p) in contents.iter().zip(&plain) {
                assert_eq!(words(c), words(p));
                assert_eq!(c.total.to_bits(), p.total.to_bits());
            }
            for (e, l) in (0..contents.len()).flat_map(|l| (0..l).map(move |e| (e, l))) {
                let (o, (earlier, later)) = (overlap(&contents[e], &contents[l]), (&plain[e], &plain[l]));
                let has = |c: &Content, stem: &str| c.words.iter().any(|w| w.stem == stem);
                // (Added from 0.0 as `overlap` does: an empty `sum` is -0.0.)
                let shared = (later.words.iter().filter(|w| has(earlier, w.stem))).fold(0.0, |sum, w| sum + w.weight);
                assert_eq!(
                    o.contained.to_bits(),
                    (shared / later.total.max(f64::MIN_POSITIVE)).to_bits()
                );
                let added: Vec<&str> = later
                    .words
                    .iter()
                    .filter(|w| !has(earlier, w.stem) && w.in_body)
                    .map(|w| w.surface)
                    .collect();
                assert_eq!(o.added, added);
                for s in 0..alignment.sentences.len() {
                    let in_sentence = |w: &&Word| alignment.sentence_has(s, w.stem);
                    let taken = |c: &Content| -> f64 { c.words.iter().filter(in_sentence).map(|w| w.weight).sum() };
                    let both: f64 = earlier
                        .words
                        .iter()
                        .filter(|w| in_sentence(w) && has(later, w.stem))
                        .map(|w| w.weight)
                        .sum();
                    let want = both / taken(earlier).min(taken(later)).max(f64::MIN_POSITIVE);
                    assert_eq!(
                        same_part(&alignment, &contents[e], &contents[l], s).to_bits(),
                        want.to_bits()
                    );
                }
            }
        }
    }

    #[test]
    fn bullets_splitting_one_sentence_are_not_same_source() {
        let text = "Travolta Film\n\nThe actor, one of the church's most prominent members, is premiering his new film in Clearwater, Florida.\n\nHe spoke to reporters.\n\n- The actor is one of the church's most prominent members.\n- He is premiering his new film in Clearwater, Florida.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(!rules(&findings).contains(&SAME_SOURCE.id), "{findings:?}");
    }

    #[test]
    fn verbatim_is_off_by_default_and_fires_when_enabled() {
        let text = "Rates Rise\n\nThe town council voted on Wednesday to raise water and sewer rates by eight percent from March.\n\n- The town council voted on Wednesday to raise water and sewer rates by eight percent from March.\n";
        let (_, findings) = run(text, &CheckOptions::default());
        assert!(!rules(&findings).contains(&VERBATIM.id));
        let mut options = CheckOptions {
            verbatim_words: 10,
            ..CheckOptions::default()
        };
        options
            .rules
            .insert(VERBATIM.id.to_string(), crate::options::RuleLevel::On(Severity::Info));
        let (_, findings) = run(text, &options);
        let f = findings.iter().find(|f| f.rule == VERBATIM.id).unwrap();
        assert!(f.message.contains("17 words"), "{}", f.message);
    }

    #[test]
    fn quoted_lifting_is_not_verbatim() {
        assert!(inside_quotes("He said \"we will"));
        assert!(inside_quotes("He said \u{201c}we will"));
        assert!(!inside_quotes("He said \"no\" and"));
    }

    /// Hand computation for the fixture `fixtures/duplication/extractiveness.txt`:
    ///
    /// Body words (A), 12: the cat sat on the mat / the dog sat on the cat.
    /// Bullet (S), 6: the dog sat on the mat.
    /// Greedy fragments: at S[0] "the", the body's "the" at A[0], A[4], A[6],
    /// A[10] give runs of 1, 1, 5 ("the dog sat on the"), 1: take 5; then
    /// S[5] "mat" matches A[5]: 1. Fragments |f| = 5, 1.
    /// coverage = (5 + 1) / 6 = 1.000; density = (25 + 1) / 6 = 4.333;
    /// compression = 12 / 6 = 2.000.
    /// Headline "Pets" (1 word, not in the body): 0, 0, 12 / 1 = 12.
    #[test]
    fn extractiveness_matches_the_hand_computation() {
        let text = include_str!("../../fixtures/duplication/extractiveness.txt");
        let doc = parse_article("x.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let measures = extractiveness(&doc, &alignment);
        let by_id = |id: &str| measures[doc.units.iter().position(|u| u.id == id).unwrap()];
        let b1 = by_id("b1");
        assert_eq!(crate::report::round3(b1.coverage), 1.0);
        assert_eq!(crate::report::round3(b1.density), 4.333);
        assert_eq!(crate::report::round3(b1.compression), 2.0);
        assert_eq!(
            by_id("headline"),
            Extractiveness {
                coverage: 0.0,
                density: 0.0,
                compression: 12.0
            }
        );
    }

    /// [`SeenTexts`] finds the same first texts as a map from the
    /// normalised strings, which it stands for.
    #[test]
    fn seen_texts_agree_with_a_map_of_normalised_strings() {
        let text = "The bridge opened. the BRIDGE opened! A bridge opened. The bridge, opened. \
                    Bridge opened the. The bridge opened. A bridge opened?";
        let sentences: Vec<Vec<Token>> = split_sentences(text, 0, text.len())
            .into_iter()
            .map(|(start, end)| tokenize(text, start, end))
            .collect();
        let mut seen = SeenTexts::default();
        // Every text's hash made to collide with others' (two hashes for
        // all): texts of one hash and different keys are told apart.
        let mut colliding = SeenTexts::with_capacity(2);
        let mut map: HashMap<String, usize> = HashMap::default();
        let mut found = Vec::new();
        for i in 0..sentences.len() {
            let want = match map.get(&normalised(&sentences[i])) {
                Some(&first) => Some(first),
                None => {
                    map.insert(normalised(&sentences[i]), i);
                    None
                }
            };
            let got = seen.first_or_insert(i, KeyHash::of(&sentences[i]).hash, |j| &sentences[j]);
            assert_eq!(got, want, "sentence {i}");
            let hash = KeyHash::of(&sentences[i]).len as u64 % 2;
            assert_eq!(
                colliding.first_or_insert(i, hash, |j| &sentences[j]),
                want,
                "sentence {i}"
            );
            found.push(got);
        }
        // Repeats were there to find (case and punctuation aside).
        assert!(found.iter().filter(|f| f.is_some()).count() >= 2, "{found:?}");
    }

    /// [`repeated_summary_sentences`] as it was, a map from each summary
    /// sentence's normalised string: the reference its test compares with.
    fn repeated_summary_sentences_plain(
        doc: &Document,
        alignment: &Alignment,
        findings: &mut Vec<Finding>,
    ) -> UnitPairs {
        let mut reported = UnitPairs::default();
        let mut seen: HashMap<String, (usize, usize, usize)> = HashMap::default();
        for (u, start, end, _, tokens) in summary_sentences(doc, alignment) {
            let key = normalised(tokens);
            match seen.get(&key) {
                Some(&(first, first_start, first_end)) => {
                    reported.insert((first, u));
                    findings.push(repeated_sentence(doc, u, (start, end), first, (first_start, first_end)));
                }
                None => {
                    seen.insert(key, (u, start, end));
                }
            }
        }
        reported
    }

    proptest::proptest! {
        /// Summary sentences found repeated by their tokens' hash are those
        /// a map of their normalised strings finds, with the same findings
        /// and pairs: bullets of one to three sentences drawn from a few,
        /// written in other case and punctuation, so that repeats within a
        /// bullet, across bullets and thrice happen.
        #[test]
        fn summary_repeats_by_hash_are_those_by_strings(
            bullets in proptest::collection::vec(proptest::collection::vec((0usize..5, proptest::bool::ANY), 1..4), 1..7),
        ) {
            let sentences = [
                "The council raised water rates by 8% on Wednesday.",
                "THE COUNCIL RAISED WATER RATES BY 8% ON WEDNESDAY!",
                "The money will replace old lead pipes.",
                "Pipes.",
                "The mayor said the money will replace old lead pipes.",
            ];
            let mut text = String::from("Rates Rise\n\nThe council raised water rates by 8% on Wednesday. The money will replace old lead pipes.\n\n");
            for bullet in &bullets {
                text.push_str("- ");
                for &(s, lower) in bullet {
                    let sentence = if lower { sentences[s].to_lowercase() } else { sentences[s].to_string() };
                    text.push_str(&sentence);
                    text.push(' ');
                }
                text.push('\n');
            }
            let doc = parse_article("t.txt", text, InputFormat::Text, &ParseOptions::default()).unwrap();
            let alignment = crate::align::align(&doc);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            let got_pairs = repeated_summary_sentences(&doc, &alignment, &mut got);
            let want_pairs = repeated_summary_sentences_plain(&doc, &alignment, &mut want);
            proptest::prop_assert_eq!(format!("{got:?}"), format!("{want:?}"));
            proptest::prop_assert_eq!(got_pairs, want_pairs);
        }
    }

    /// A paragraph's hash from its sentences' is the hash of all its words.
    #[test]
    fn key_hashes_join() {
        let text = "One two three. Four five. Six.";
        let tokens = tokenize(text, 0, text.len());
        for cut in 0..=tokens.len() {
            let mut joined = KeyHash::of(&tokens[..cut]);
            joined.extend(KeyHash::of(&tokens[cut..]));
            assert_eq!(joined, KeyHash::of(&tokens), "cut at {cut}");
        }
        let mut from_empty = KeyHash::default();
        from_empty.extend(KeyHash::of(&tokens));
        assert_eq!(from_empty, KeyHash::of(&tokens));
    }

    proptest::proptest! {
        /// What makes a hash of the folded words stand for the normalised
        /// string (their join with spaces): no folded word holds a space.
        #[test]
        fn folded_words_hold_no_space(text in "[a-zA-Z0-9 .,'’\u{a0}\u{2003}\u{301}é-]{0,40}") {
            for t in tokenize(&text, 0, text.len()) {
                proptest::prop_assert!(!t.folded.is_empty() && !t.folded.contains(' '), "{:?}", t.folded);
            }
        }
    }

    #[test]
    fn the_word_filter_holds_every_word_inserted() {
        let words = ["", "a", "ab", "the", "Putin’s", "2,000", "militaries", "é"];
        let mut filter = WordFilter::default();
        for w in &words[..5] {
            filter.insert(w);
        }
        assert!(words[..5].iter().all(|w| filter.may_hold(w)));
        // Not a proof of anything but that it is not always true.
        let missing = ["river", "bridge", "mayor", "opened", "levy", "ferry"];
        assert!(missing.iter().any(|w| !filter.may_hold(w)));
    }

    /// The body pass made while tokenizing holds each sentence's key hash
    /// and, in text order, every pair of equal folded words in a row within
    /// a paragraph (across its sentences, and past an empty one), as a scan
    /// of each paragraph's tokens finds them.
    #[test]
    fn the_body_pass_has_every_sentences_hash_and_every_double() {
        let text = "Doubles\n\
            The the river rose. Rose again, and and then fell. Fell.\n\
            Fell he said said. Said it twice twice over over.\n\
            Bora Bora is is far. The end.\n\
            - The river rose.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let alignment = crate::align::align(&doc);
        let pass = &alignment.body_pass;
        let hashes: Vec<KeyHash> = alignment.sentences.iter().map(|s| KeyHash::of(&s.tokens)).collect();
        assert_eq!(pass.hashes, hashes);
        let mut doubles = Vec::new();
        for paragraph in alignment.sentences.chunk_by(|a, b| a.paragraph == b.paragraph) {
            let first = alignment
                .sentences
                .iter()
                .position(|s| std::ptr::eq(s, &paragraph[0]))
                .unwrap();
            let tokens: Vec<(u32, u32, &Token)> = paragraph
                .iter()
                .enumerate()
                .flat_map(|(k, s)| {
                    s.tokens
                        .iter()
                        .enumerate()
                        .map(move |(i, t)| ((first + k) as u32, i as u32, t))
                })
                .collect();
            for pair in tokens.windows(2) {
                if pair[0].2.folded == pair[1].2.folded {
                    doubles.push([pair[0].0, pair[0].1, pair[1].0, pair[1].1]);
                }
            }
        }
        assert_eq!(pass.doubles, doubles);
        // "The the", "rose. Rose", "and and", "fell. Fell", "said said. Said", "twice twice",
        // "over over", "Bora Bora", "is is"; not "Fell. Fell" across the paragraph's end.
        assert_eq!(doubles.len(), 10, "{doubles:?}");
    }

    #[test]
    fn fragments_take_the_longest_run_and_move_past_it() {
        // Body: a b c a b d; unit: a b d x a → fragments "a b d" (at 3), "a" (at 0).
        let mut body = BodyWords::default();
        let mut vocabulary = HashMap::default();
        let unit: Vec<u32> = ["a", "b", "d", "x", "a"]
            .map(|w| body.intern(&mut vocabulary, w.into()))
            .to_vec();
        for word in ["a", "b", "c", "a", "b", "d"] {
            body.words.push(vocabulary.get(word).copied().unwrap_or(NOT_IN_UNITS));
        }
        body.index_positions();
        let fragments = body.fragments(&unit);
        let lens: Vec<(usize, usize, usize)> = fragments.iter().map(|f| (f.unit_start, f.body_start, f.len)).collect();
        assert_eq!(lens, [(0, 3, 3), (4, 0, 1)]);
        let m = measures(&fragments, 5, 6);
        assert_eq!((m.coverage, m.density, m.compression), (0.8, 2.0, 1.2));
    }
}
