//! Typos: misspelled words, names spelled two ways, and typos the summary
//! copied from the body.
//!
//! Dictionary spell checkers flag every name and every word their list
//! lacks, which on news is hundreds of false flags per 10,000 words; list
//! checkers miss most real misspellings. This check sits between the two:
//!
//! * a word is a typo candidate only if it is not English (embedded SCOWL
//!   lexicon, its frequency list, simple compounds and plurals), not a
//!   project word, not a name and not something that is never a typo (URLs,
//!   e-mail addresses, handles, hashtags, acronyms, initials, numbers with
//!   units, hyphenated prefixes, contractions, quoted foreign phrases);
//! * and it is flagged only when it is *recognisably* a misspelling: within
//!   one or two typing edits of an English word. An unknown word far from
//!   every English word is a term or a foreign word, not a typo.
//! * Capitalised words are names unless the evidence says otherwise: a word
//!   written once that the document itself writes, one slip away, as an
//!   English word ("Lcub" in an article about a club), or a word at a sentence
//!   start that reads as a misspelled common word. Names are checked against
//!   each other instead (`typo/inconsistent-spelling`): the same name spelled
//!   two ways in one document is almost always a typo, whatever the
//!   dictionary says. A name written in lower case ("nasa" in a lower-cased
//!   summary of an article about NASA) is still that name.
//!
//! Suggestions are ranked by a typing-error cost (transpositions, doubled
//! and dropped letters, keyboard neighbours and vowel or sound-alike swaps
//! are cheap), the word's corpus frequency and, strongest of all, whether the
//! document itself uses the candidate. Lexicon lookups are cached per
//! distinct word, and the costly fuzzy search runs only for unknown words.

use crate::align::Alignment;
use crate::document::{Document, UnitKind};
use crate::finding::{Evidence, Finding, Rule, Severity};
use crate::options::CheckOptions;
use crate::span::Span;
use crate::text::lexicon::{self, Locale};
use crate::text::stopwords::is_stopword;
use crate::text::synonyms;
#[cfg(test)]
use crate::text::words::word_indices;
use crate::text::words::{for_each_word, for_each_word_dotted};
use crate::text::{Token as TextToken, TokenKind};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

pub static SPELLING: Rule = Rule {
    id: "typo/spelling",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "a misspelled word, with suggestions best first",
    explanation: "A word is reported when it is not in the embedded English lexicon \
(SCOWL, American and British spellings unless --locale restricts them), not a name, not \
a project word, and within one or two typing edits of an English word. Capitalised words \
are names unless written once and one slip from an English word the document uses, or a \
misspelled common word at a sentence start; URLs, e-mail \
addresses, @handles, #hashtags, acronyms, initials, numbers with units, hyphenated \
prefixes, contractions and quoted foreign phrases are never typos. Suggestions are ranked \
by how likely the slip is (swapped, doubled or dropped letters, neighbouring keys, \
sound-alike vowels), how common the word is, and whether the document itself uses it. \
When a summary typo also occurs in the body, the finding says the summary copied it. \
To accept a word, add it to sumlint.toml [words] or a --words FILE.",
    example: "\"combat neo-Nazism, and militatism\" (suggestion: militarism).",
};

pub static INCONSISTENT_SPELLING: Rule = Rule {
    id: "typo/inconsistent-spelling",
    default_severity: Severity::Error,
    default_enabled: true,
    summary: "the same name or word spelled two ways in one document",
    explanation: "Two forms one typing edit apart (two for long words), at least one of \
them unknown to the lexicon, are the same word spelled two ways. The form that is rarer \
in the document, or only in the summary, or unknown while the other is English, is \
reported with the other as the suggestion. Plurals and possessives are not \
inconsistencies. To accept both spellings, add the word to sumlint.toml [words] or a \
--words FILE.",
    example: "\"Zelensky\" in the body, \"Zelenksy\" in a bullet.",
};

pub static RULES: &[&Rule] = &[&SPELLING, &INCONSISTENT_SPELLING];

/// How a finding tells the user to accept a word.
const ACCEPT_HINT: &str = "if it is right, add it to sumlint.toml [words] or a --words FILE";

/// Prefixes written with a hyphen ("neo-Nazis", "anti-war", "multi-polar");
/// the lexicon lists few of them as words, and they are never typos there.
/// Sorted (a test says so): every word before a hyphen is searched for in
/// it, by halves, not one prefix after another.
const HYPHEN_PREFIXES: &[&str] = &[
    "afro", "anglo", "anti", "bi", "co", "counter", "cross", "cyber", "de", "eco", "euro", "ex", "franco", "geo",
    "hyper", "indo", "inter", "intra", "macro", "mega", "micro", "mid", "mini", "multi", "neo", "non", "over", "pan",
    "para", "post", "pre", "pro", "pseudo", "quasi", "re", "russo", "self", "semi", "sino", "socio", "sub", "super",
    "trans", "tri", "ultra", "un", "uni", "vice",
];

/// Function words of the languages news quotes most (French, Spanish,
/// Italian, Portuguese, German): one of them in a mostly non-English quote
/// makes it a foreign phrase.
const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    "al", "alla", "alles", "als", "auf", "avec", "c'est", "con", "dans", "das", "del", "della", "der", "des", "die",
    "du", "ein", "eine", "el", "en", "est", "et", "für", "ist", "je", "la", "las", "le", "les", "los", "mais", "mes",
    "mit", "nicht", "ne", "nous", "o", "para", "pas", "per", "pour", "que", "qui", "sie", "sont", "tu", "um", "un",
    "una", "und", "une", "vous", "y",
];

/// A word-shaped piece of the checked text.
///
/// 16 bytes (it was 40, with `usize` offsets): `collect` writes one per
/// word of every document, and `spelling` and `inconsistent` read them
/// back, so smaller tokens are fewer cache lines written and read. (A
/// document is at most 64 MiB and a checked word at most
/// [`MAX_WORD_BYTES`] bytes, so the offsets fit a `u32` and the length a
/// byte.)
#[derive(Clone, Copy, Debug)]
struct Token {
    /// Byte offset in the document's text ([`Token::start`]).
    at: u32,
    /// Index into the regions ([`Token::region`]).
    in_region: u32,
    /// The index in [`Checker::forms`] of its key, lower-cased with the
    /// possessive stripped: the form compared across the document
    /// ([`Checker::key`], [`Token::form`]).
    form_at: u32,
    /// Its length in bytes ([`Token::end`]).
    len: u8,
    /// First word of a sentence or of a title-case line: capitalisation
    /// says nothing there.
    capital_is_positional: bool,
    /// What the lexicon says, in context (filled by `collect`).
    verdict: Lexical,
}

// (The size the comment above gives, kept.)
const _: () = assert!(std::mem::size_of::<Token>() == 16);

impl Token {
    #[inline]
    fn start(&self) -> usize {
        self.at as usize
    }

    #[inline]
    fn end(&self) -> usize {
        self.at as usize + usize::from(self.len)
    }

    /// Index into the regions.
    #[inline]
    fn region(&self) -> usize {
        self.in_region as usize
    }

    /// The index in [`Checker::forms`] of its key.
    #[inline]
    fn form(&self) -> usize {
        self.form_at as usize
    }
}

/// What the document does with one lower-cased form: counted once per
/// token in `collect`, read by form index or by the form itself.
#[derive(Clone, Copy, Debug, Default)]
struct FormUse {
    /// Occurrences as an English word or a name (the document's vocabulary).
    uses: u32,
    /// Occurrences in the body.
    body: u32,
    /// Written as a name somewhere: capitalised where capitals are not
    /// positional, or with inner capitals ("NASA", "EastEnders"). The same
    /// form in lower case ("nasa" in a lower-cased summary) is that name,
    /// not a typo.
    name: bool,
    /// For `typo/inconsistent-spelling`, if it compares the form (4+
    /// letters, not a function word): its tokens that are not skipped.
    compared: u32,
    /// The verdict `typo/inconsistent-spelling` goes by: the first token's,
    /// unless an English word or a known name comes later.
    compared_verdict: Lexical,
    /// Its letters (never over 255: words over [`MAX_WORD_BYTES`] bytes are
    /// not checked, and lower-casing at most doubles a word's letters),
    /// kept here for `document_word_near`, which reads every form's count,
    /// and `inconsistent`.
    letters: u8,
    /// The key's first byte if it is an ASCII letter or digit (read from
    /// the written form, which lower-casing does not otherwise change
    /// there), else 0: `inconsistent` tells by it which forms start like
    /// an unknown form without reading every form's key.
    first: u8,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    /// A summary unit (by index into `Document::units`), headline and dek included.
    Summary(usize),
    /// A body paragraph (by index) sentence.
    Body(usize),
    /// A section heading.
    Heading,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Region {
    start: usize,
    end: usize,
    side: Side,
    title_case: bool,
}

/// What the lexicon says about one written form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
enum Lexical {
    /// Never a typo (number, acronym, URL part, foreign, ...).
    #[default]
    Skip,
    /// An English word or a project word.
    Word,
    /// A capitalised form the names list knows.
    KnownName,
    /// Capitalised and unknown: a name, or a misspelling at a sentence start.
    CapitalUnknown,
    /// Lower-case and unknown: a typo candidate.
    Unknown,
    /// Not listed, but reads as a derived form of a listed word
    /// ("influencers", "helmed"): a typo only if it is one very cheap slip
    /// from a common word.
    Derived,
    /// Not listed, but reads as two listed words run together ("snowpack"):
    /// a typo if one slip makes a common word. Any string splits into two
    /// of the lexicon's half-million words now and then ("operaion" is
    /// "opera" + "ion"), so the split is weak evidence beside one letter
    /// dropped from "operation"; and "aprking" is really "parking".
    Compound,
}

/// How sure a lower-case unknown word must be to be called a typo.
enum Context {
    Skip,
    Strict,
    Plain,
}

/// A ranked correction.
#[derive(Clone, Debug)]
struct Candidate {
    word: String,
    cost: f64,
    score: f64,
    in_document: bool,
}

/// A typo found in a document, before it becomes a [`Finding`].
#[derive(Clone, Debug)]
pub struct Typo {
    pub rule: &'static Rule,
    pub start: usize,
    pub end: usize,
    /// The correction, in the case of the written word.
    pub suggestion: Option<String>,
    /// True when the suggestion is clearly the intended word, so `--fix`
    /// may apply it.
    pub unambiguous: bool,
    finding: Finding,
}

/// Runs both typo rules on `doc`, reading the words of its summary units
/// and body sentences from `alignment`'s tokens (see [`analyse_aligned`]).
pub fn check(doc: &Document, alignment: &Alignment, options: &CheckOptions, findings: &mut Vec<Finding>) {
    findings.extend(
        analyse_with(doc, Some(alignment), options)
            .into_iter()
            .map(|t| t.finding),
    );
}

/// The typos in `doc` whose rules are enabled, with what `--fix` may apply.
/// Words longer than this (in bytes) are not checked.
const MAX_WORD_BYTES: usize = 64;

/// What differs about a form between two documents of one body
/// ([`Checker::changed_forms`]): whether it is used, its uses, its name
/// flag, whether it is among the names.
const CHANGED_USED: u8 = 1;
const CHANGED_USES: u8 = 2;
const CHANGED_NAME: u8 = 4;
const CHANGED_NAMES: u8 = 8;

pub fn analyse(doc: &Document, options: &CheckOptions) -> Vec<Typo> {
    analyse_with(doc, None, options)
}

/// [`analyse`], with the words of the summary units and body sentences
/// taken from `alignment`'s tokens, which the tokenizer found by the same
/// word scan over the same spans: the document's text is not scanned for
/// words a second time (headings, which the alignment does not tokenize,
/// still are). The typos are the same.
pub fn analyse_aligned(doc: &Document, alignment: &Alignment, options: &CheckOptions) -> Vec<Typo> {
    analyse_with(doc, Some(alignment), options)
}

fn analyse_with(doc: &Document, alignment: Option<&Alignment>, options: &CheckOptions) -> Vec<Typo> {
    let mut checker = Checker::new(doc, options);
    checker.collect(alignment);
    let mut typos = Vec::new();
    if options.level(&SPELLING).is_some() || options.level(&INCONSISTENT_SPELLING).is_some() {
        checker.spelling(&mut typos);
        if options.level(&INCONSISTENT_SPELLING).is_some() {
            checker.inconsistent(&mut typos);
        }
        if options.level(&SPELLING).is_none() {
            typos.retain(|t| t.rule.id != SPELLING.id);
        }
    }
    checker.keep_body();
    typos.sort_by_key(|t| t.start);
    typos
}

/// The unambiguous fixes among `typos`: (byte range in `Document::source`, replacement).
pub fn fixes(typos: &[Typo]) -> Vec<(usize, usize, String)> {
    typos
        .iter()
        .filter(|t| t.unambiguous)
        .filter_map(|t| Some((t.start, t.end, t.suggestion.clone()?)))
        .collect()
}

struct Checker<'d> {
    doc: &'d Document,
    locale: Locale,
    words: HashSet<String>,
    regions: Vec<Region>,
    tokens: Vec<Token>,
    /// Ranked corrections per lower-cased form.
    candidates: HashMap<String, Vec<Candidate>>,
    /// What the document does with each distinct lower-cased form it
    /// writes, by index: counted by index, so a token costs one hash
    /// lookup (its written text) however many counts it feeds. (16 bytes
    /// each, without the key: a new form of the document touches no key's
    /// reference count, and four entries share a cache line.)
    forms: Vec<FormUse>,
    /// The id of each form's key in `verdicts` (the key: [`Checker::form_key`]).
    form_keys: Vec<u32>,
    /// This worker thread's verdicts and keys, lent for the document: the
    /// index of each form in `forms` is kept by its key's id there.
    verdicts: VerdictsLoan,
    /// The document's capitalised forms the lexicon does not list as words
    /// (their indices in `forms`: no string per name).
    names: Vec<u32>,
    /// The forms `typo/inconsistent-spelling` compares ([`FormUse::compared`]),
    /// in the order the document first writes them.
    compared: Vec<usize>,
    /// The indices in `tokens` of the tokens `spelling` judges (verdict not
    /// `Skip`, `Word` or `KnownName`), in text order: kept by `count_form`,
    /// so `spelling` does not read every token of the document.
    unsure: Vec<usize>,
    /// What reading the body gave, to keep for the thread's next document
    /// once the vectors are done ([`Checker::keep_body`]), if it is kept.
    body: Option<Box<BodySnapshot>>,
    /// The body snapshot this document started from, if its judgements of
    /// the body's words are there to reuse ([`Checker::spelling`]); given
    /// back to the thread by [`Checker::keep_body`].
    reused: Option<BodySnapshot>,
    /// The body snapshot this document started from otherwise (no
    /// judgements to reuse): like `reused`, it waits for
    /// [`Checker::keep_body`], as it lent the document its body's vectors.
    lent: Option<BodySnapshot>,
    /// While `spelling` judges the body's words of a document whose body
    /// is kept: what each judgement read that the summary may change
    /// ([`Dep`]), and per judged token, whether it is a typo and where its
    /// deps end.
    logging: bool,
    deps: Vec<Dep>,
    judged: Vec<(bool, u32)>,
    /// The body forms whose ranked corrections a summary word's judgement
    /// made or changed (then the kept ones are not the body's).
    summary_touched: Vec<u32>,
    /// Set when a judgement makes or changes an entry of `candidates`.
    touched: bool,
}

/// What one judgement of `spelling` read of what a summary may change
/// (everything else it reads is the body's: its tokens, text, regions and
/// per-form body counts, or the lexicon), so that a record with the same
/// body and another summary can tell whether the judgement still stands.
#[derive(Clone, Copy, Debug)]
enum Dep {
    /// [`FormUse::uses`] of a body form, up to 2, and what it was. (The
    /// judged token's own form's name flag and uses, which most
    /// judgements read, are not noted: [`Checker::reusable`] compares
    /// them for every judgement.)
    Uses(u32, u8),
    /// [`Checker::rank`] of the token's key: whether the document uses
    /// each lexicon candidate, and the document's names near the key.
    Rank,
    /// The uses and name flags of the forms one edit from the token's key
    /// ([`Checker::document_word_near`], [`Checker::swapped_capital`]).
    OneEdit,
    /// The tokens of a body form: none of them may be a summary's.
    Written(u32),
    /// Something else: the judgement is made again.
    Opaque,
}

impl Candidate {
    /// The slip cost, made cheaper for common intended words (each decade of
    /// corpus frequency above 100,000 takes off 0.25) and for words the
    /// document itself uses: a slip for a common word is far likelier than an
    /// unknown word that happens to be near a rare one ("sensei" / "sansei").
    fn confidence_cost(&self) -> f64 {
        let freq = lexicon::frequency(&self.word).max(10_000) as f64;
        let mut cost = self.cost - 0.25 * (freq.log10() - 5.0);
        if self.in_document {
            cost -= 0.5;
        }
        cost
    }
}

impl<'d> Checker<'d> {
    fn new(doc: &'d Document, options: &CheckOptions) -> Checker<'d> {
        let locale = options.locale;
        let words: HashSet<String> = options.words.iter().map(|w| fold(w)).collect();
        // (The entries the last document left set are taken or cleared by
        // `collect` before it reads any.)
        let verdicts = VerdictsLoan::take_leaving(locale, &words);
        Checker {
            doc,
            locale,
            words,
            regions: Vec::new(),
            tokens: Vec::new(),
            candidates: HashMap::new(),
            forms: Vec::new(),
            form_keys: Vec::new(),
            verdicts,
            names: Vec::new(),
            compared: Vec::new(),
            unsure: Vec::new(),
            body: None,
            reused: None,
            lent: None,
            logging: false,
            deps: Vec::new(),
            judged: Vec::new(),
            summary_touched: Vec::new(),
            touched: false,
        }
    }

    /// Notes that the judgement being made read `dep` (when it is logged).
    #[inline]
    fn note(&mut self, dep: Dep) {
        if self.logging {
            self.deps.push(dep);
        }
    }

    /// [`Checker::rank`], noted.
    fn rank_noted(&mut self, key: &str) -> Vec<Candidate> {
        self.note(Dep::Rank);
        self.touched = true;
        self.rank(key)
    }

    /// Starts keeping `snapshot` for what reading the first `body_regions`
    /// of `order` into `tokens` gave, if they were read `in_order`
    /// ([`BodySnapshot::start`]); else leaves it to the thread's next
    /// document as it is. (Out of `collect`'s region loop, which it is
    /// called from once.)
    #[inline(never)]
    fn start_body(
        &mut self,
        mut snapshot: BodySnapshot,
        order: &[usize],
        body_regions: usize,
        aligned: bool,
        tokens: &[Token],
        in_order: bool,
    ) {
        let whole = body_regions == order.len();
        if in_order && snapshot.start(self, &order[..body_regions], aligned, tokens, whole) {
            // (The judgements' vectors of the snapshot before, emptied: no
            // allocation per document.)
            self.deps = std::mem::take(&mut snapshot.deps);
            self.deps.clear();
            self.judged = std::mem::take(&mut snapshot.judged);
            self.judged.clear();
            self.summary_touched = std::mem::take(&mut snapshot.summary_touched);
            self.summary_touched.clear();
            self.candidates = std::mem::take(&mut snapshot.candidates);
            self.candidates.clear();
            snapshot.judgements = false;
            // (Finished by `keep_body`, when the document's vectors are done.)
            self.body = Some(Box::new(snapshot));
        } else {
            BODY_SNAPSHOT.with(|slot| slot.set(snapshot));
        }
    }

    /// Gives the body snapshot that `collect` started, if any, the
    /// document's tokens and forms (whose first ones are the body's), and
    /// leaves it to the thread's next document. (Moved, not copied: most
    /// snapshots are never used.)
    fn keep_body(&mut self) {
        if let Some(mut restored) = self.reused.take().or_else(|| self.lent.take()) {
            restored.take_back(self);
            self.verdicts.keep = restored.forms.len();
            self.verdicts.keep_for = restored.stamp;
            BODY_SNAPSHOT.with(|slot| slot.set(restored));
        }
        if let Some(mut snapshot) = self.body.take() {
            if snapshot.forms_at_end {
                snapshot.forms = std::mem::take(&mut self.forms);
            } else {
                snapshot.final_forms = std::mem::take(&mut self.forms);
            }
            snapshot.candidates = std::mem::take(&mut self.candidates);
            snapshot.deps = std::mem::take(&mut self.deps);
            snapshot.judged = std::mem::take(&mut self.judged);
            snapshot.summary_touched = std::mem::take(&mut self.summary_touched);
            snapshot.tokens = std::mem::take(&mut self.tokens);
            snapshot.form_keys = std::mem::take(&mut self.form_keys);
            snapshot.names = std::mem::take(&mut self.names);
            snapshot.compared = std::mem::take(&mut self.compared);
            snapshot.unsure = std::mem::take(&mut self.unsure);
            snapshot.split = false;
            // (Its body's forms are the first; left set for the next document.)
            self.verdicts.keep = snapshot.body_forms();
            self.verdicts.keep_for = snapshot.stamp;
            BODY_SNAPSHOT.with(|slot| slot.set(*snapshot));
        }
    }

    /// The index in `forms` of the lower-cased `form`, if the document writes it.
    fn form_index(&self, form: &str) -> Option<usize> {
        let id = *self.verdicts.cache.key_ids.get(form)?;
        self.verdicts.form(id)
    }

    /// What the document does with the lower-cased `form` (nothing if it never writes it).
    fn form_use(&self, form: &str) -> FormUse {
        self.form_index(form).map(|f| self.forms[f]).unwrap_or_default()
    }

    /// The lower-cased form at index `f` of `forms`, possessive stripped.
    #[inline]
    fn form_key(&self, f: usize) -> &str {
        &self.verdicts.cache.keys[self.form_keys[f] as usize]
    }

    /// The first letter of the form at index `f`'s key, from
    /// `FormUse::first` where it is ASCII (the key is then not read).
    #[inline]
    fn first_letter(&self, f: usize) -> Option<char> {
        match self.forms[f].first {
            0 => self.form_key(f).chars().next(),
            b => Some(char::from(b)),
        }
    }

    /// The lower-cased form of `token`, possessive stripped.
    fn key(&self, token: &Token) -> &str {
        self.form_key(token.form())
    }

    fn text(&self, token: &Token) -> &'d str {
        &self.doc.text[token.start()..token.end()]
    }

    /// Every region of prose and its word tokens, minus what is never a typo.
    /// With `alignment`, the words of the summary units and body sentences
    /// come from its tokens ([`for_each_token_word`]), not a scan of the text.
    fn collect(&mut self, alignment: Option<&Alignment>) {
        let doc = self.doc;
        // (Counted first: pushed one at a time, the regions were copied at every doubling.)
        let sentences: usize = doc.paragraphs.iter().map(|p| p.sentences.len()).sum();
        self.regions.reserve(doc.units.len() + doc.headings.len() + sentences);
        for (i, unit) in doc.units.iter().enumerate() {
            let title_case =
                matches!(unit.kind, UnitKind::Headline | UnitKind::Dek) && is_title_case(doc.slice(&unit.span));
            self.regions.push(Region {
                start: unit.span.start,
                end: unit.span.end,
                side: Side::Summary(i),
                title_case,
            });
        }
        for heading in &doc.headings {
            self.regions.push(Region {
                start: heading.start,
                end: heading.end,
                side: Side::Heading,
                title_case: is_title_case(doc.slice(heading)),
            });
        }
        for (p, paragraph) in doc.paragraphs.iter().enumerate() {
            for sentence in &paragraph.sentences {
                self.regions.push(Region {
                    start: sentence.start,
                    end: sentence.end,
                    side: Side::Body(p),
                    title_case: false,
                });
            }
        }
        // Sized for the forms of a typical article (about half its tokens) up
        // front: growing one doubling at a time cost more. (The vectors a
        // kept body lends the document are sized after it lent them, below.)
        let forms_guess = doc.text.len() / 10 + 16;
        self.forms.reserve(forms_guess);
        self.verdicts.used.reserve(forms_guess);
        let mut tokens = std::mem::take(&mut self.tokens);
        // The regions read in text order (the summary may follow the body in
        // the text), so the tokens usually come out in text order and need
        // no sort below.
        let mut order: Vec<usize> = (0..self.regions.len()).collect();
        order.sort_by_key(|&r| self.regions[r].start);
        // The tokenizer's tokens of each unit and body sentence, if
        // `alignment` is of this document: the regions list the units, the
        // headings, then the body sentences, in the alignment's order.
        let aligned = alignment.filter(|a| {
            a.units.len() == doc.units.len()
                && a.units.iter().enumerate().all(|(i, u)| u.unit == i)
                && a.sentences.len() == sentences
        });
        // While the tokens come out in text order (the usual case), each is
        // given its verdict and form as it is found: no second pass over the
        // tokens. `in_order` turns false at the first token that does not
        // start after the one before; then the forms are counted again below,
        // after sorting.
        let mut in_order = true;
        let mut last_start: Option<usize> = None;
        // The regions up to the last one that is not a summary unit: in a
        // JSONL record the headline, dek and body, which the next records of
        // the same article (its other summaries) repeat word for word. Read
        // once per body on a thread ([`BodySnapshot`]); only the summary
        // after them is read per record.
        let body_regions = order
            .iter()
            .rposition(|&r| !matches!(self.regions[r].side, Side::Summary(_)))
            .map_or(0, |at| at + 1);
        let mut snapshot = BODY_SNAPSHOT.with(std::cell::Cell::take);
        let restored = snapshot.restore(self, &order[..body_regions], aligned.is_some(), &mut tokens);
        if restored {
            last_start = tokens.last().map(Token::start);
        } else {
            self.verdicts.clear_left();
        }
        // Sized for the tokens of typical news text (about one word per six
        // bytes) up front: growing the vector one doubling at a time copied
        // every token several times. (For the text left to read: a restored
        // document's vectors, lent by the kept body, usually have the room
        // from the records before, and growing them copies the body's.)
        let unread = doc.text.len() - if restored { snapshot.text.len() } else { 0 };
        let (tokens_guess, forms_guess) = (unread / 5 + 16, unread / 10 + 16);
        tokens.reserve(tokens_guess);
        self.form_keys.reserve(forms_guess);
        self.compared.reserve(forms_guess);
        self.names.reserve(forms_guess / 4);
        // (And the unsure tokens: names and unknown words, grown from
        // nothing a doubling at a time in every document.)
        self.unsure.reserve(forms_guess / 4);
        let first_sentence = doc.units.len() + doc.headings.len();
        for k in if restored { body_regions } else { 0 }..=order.len() {
            if k == body_regions && !restored {
                self.start_body(
                    std::mem::take(&mut snapshot),
                    &order,
                    body_regions,
                    aligned.is_some(),
                    &tokens,
                    in_order,
                );
            }
            let Some(&r) = order.get(k) else {
                break;
            };
            let region = self.regions[r];
            let in_body = matches!(region.side, Side::Body(_));
            let text = &doc.text[region.start..region.end];
            let skipped = never_typo_ranges(text);
            let mut sentence_start = true;
            let mut last_end = 0;
            let region_tokens: Option<&[TextToken]> = aligned.and_then(|a| match region.side {
                Side::Summary(u) => Some(&a.units[u].tokens[..]),
                Side::Body(_) => Some(&a.sentences[r - first_sentence].tokens[..]),
                Side::Heading => None,
            });
            // (A callback per word, not an iterator: no iterator state kept
            // and matched between words, for every word of the document.
            // Inlined into the scan's loop: as a call, its entry and exit
            // cost about a tenth of the per-word work.)
            let visit = word_visitor(
                #[inline(always)]
                |offset: usize, word: &'d str| {
                    // (A gap with no mark that can end a sentence (. ! ? : ; or
                    // the first byte of •), such as spaces or a comma, the common
                    // cases, changes nothing: `sentence_start` is already false
                    // after a word. Tested on the bytes: no character-boundary
                    // checks for the common case.)
                    debug_assert!(last_end == 0 || !sentence_start);
                    if last_end > 0
                        && text.as_bytes()[last_end..offset]
                            .iter()
                            .any(|&b| matches!(b, b'.' | b'!' | b'?' | b':' | b';' | 0xE2))
                    {
                        // Only punctuation and spaces since the last word: a sentence ends there?
                        if let Some(ends) = gap_ends_sentence(&text[last_end..offset]) {
                            sentence_start = ends;
                        }
                    }
                    last_end = offset + word.len();
                    let start = region.start + offset;
                    let positional = sentence_start || region.title_case;
                    sentence_start = false;
                    // Longer than any English word (45 letters): a code, a hash
                    // or garbage, never a typo anyone could fix; also keeps the
                    // per-word lookups linear on pathological input.
                    if word.len() > MAX_WORD_BYTES || skipped.iter().any(|&(s, e)| s <= offset && offset < e) {
                        return;
                    }
                    let mut token = Token {
                        at: start as u32,
                        in_region: r as u32,
                        form_at: 0,
                        len: word.len() as u8,
                        capital_is_positional: positional,
                        verdict: Lexical::Skip,
                    };
                    if in_order && last_start.is_some_and(|last| last >= start) {
                        in_order = false;
                    }
                    last_start = Some(start);
                    if in_order {
                        self.count_form(&mut token, tokens.len(), word, in_body);
                    }
                    tokens.push(token);
                },
            );
            match region_tokens {
                Some(found) => for_each_token_word(&doc.text, region.start, found, visit),
                None => for_each_word_of(text, visit),
            }
        }
        if restored {
            // (Given back by `keep_body`, with the vectors it lent.)
            if snapshot.judgements {
                // (For `spelling`.)
                self.reused = Some(snapshot);
            } else {
                self.lent = Some(snapshot);
            }
        }
        // In text order; a word in two regions (a heading that is also a
        // unit) is checked once, as the region listed first reads it.
        // (Usually in text order already, each start once: then sorting and
        // deduplicating change nothing, and the forms counted above stand.)
        if !in_order {
            // (Then the body's tokens and forms may not come first: not kept,
            // and no judgement of the body's is reused.)
            self.body = None;
            if let Some(mut restored) = self.reused.take().or_else(|| self.lent.take()) {
                // (Its body's tokens and lists, copied back before they are
                // sorted and counted again.)
                restored.copy_back(self, &tokens);
                BODY_SNAPSHOT.with(|slot| slot.set(restored));
            }
            tokens.sort_by_key(|t| (t.start(), t.region()));
            tokens.dedup_by_key(|t| t.start());
            // Counted again from none, in text order.
            for &id in &self.verdicts.used {
                self.verdicts.cache.forms[id as usize].form = 0;
            }
            self.verdicts.used.clear();
            self.forms.clear();
            self.form_keys.clear();
            self.names.clear();
            self.compared.clear();
            self.unsure.clear();
            for (index, token) in tokens.iter_mut().enumerate() {
                let in_body = matches!(self.regions[token.region()].side, Side::Body(_));
                self.count_form(token, index, &doc.text[token.start()..token.end()], in_body);
            }
        }
        self.tokens = tokens;
    }

    /// Gives `token` its verdict and form, and counts it for its form: one
    /// lexicon verdict, one folded key and one count of capitals (which
    /// says whether it is written as a name) per distinct written form,
    /// from the thread's verdicts: most tokens repeat, and the lookups are
    /// the per-token cost. The form of a key is found by the key's id, with
    /// no second hash. Called for the tokens in text order, with `text` the
    /// token's text (already sliced by the caller) and `in_body` whether its
    /// region is in the body.
    #[inline(always)]
    fn count_form(&mut self, token: &mut Token, index: usize, text: &str, in_body: bool) {
        let doc = self.doc;
        let Seen {
            verdict,
            key: id,
            capitals,
            compared,
        } = self.verdicts.seen(
            text,
            ShortForm::in_text(&doc.text, token.start(), text.len()),
            self.locale,
            &self.words,
        );
        let form = match self.verdicts.form(id) {
            Some(form) => form,
            None => {
                self.forms.push(FormUse {
                    letters: self.verdicts.cache.forms[id as usize].letters.min(255) as u8,
                    first: ascii_first(text),
                    ..FormUse::default()
                });
                self.form_keys.push(id);
                self.verdicts.set_form(id, self.forms.len() - 1);
                self.forms.len() - 1
            }
        };
        // (Each hyphen is '-' or starts with byte 0xE2: most words are followed
        // by neither, which the byte says before the text is sliced.)
        let prefix = matches!(doc.text.as_bytes().get(token.end()), Some(b'-' | 0xE2))
            && doc.text[token.end()..]
                .strip_prefix(['-', '\u{2010}', '\u{2011}'])
                .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
            && HYPHEN_PREFIXES.binary_search(&self.form_key(form)).is_ok();
        token.verdict = if prefix { Lexical::Skip } else { verdict };
        token.form_at = form as u32;
        if !matches!(token.verdict, Lexical::Skip | Lexical::Word | Lexical::KnownName) {
            self.unsure.push(index);
        }
        let form_use = &mut self.forms[form];
        if capitals >= 2 || (capitals == 1 && !token.capital_is_positional) {
            form_use.name = true;
        }
        if token.verdict == Lexical::Skip {
            return;
        }
        // (Counted here for `inconsistent`, which would otherwise walk the tokens again.)
        if compared {
            if form_use.compared == 0 {
                self.compared.push(form);
                form_use.compared_verdict = token.verdict;
            } else if matches!(token.verdict, Lexical::Word | Lexical::KnownName) {
                form_use.compared_verdict = token.verdict;
            }
            form_use.compared += 1;
        }
        if in_body {
            form_use.body += 1;
        }
        if matches!(
            token.verdict,
            Lexical::Word | Lexical::KnownName | Lexical::CapitalUnknown
        ) {
            form_use.uses += 1;
            if form_use.uses == 1 && token.verdict != Lexical::Word {
                self.names.push(form as u32);
            }
        }
    }

    fn side_of(&self, token: &Token) -> Side {
        self.regions[token.region()].side
    }

    /// `typo/spelling`, with "the summary copied it" when a summary typo is
    /// also in the body.
    fn spelling(&mut self, typos: &mut Vec<Typo>) {
        // Occurrences per lower-cased misspelling, in document order.
        let mut flagged: Vec<(Token, String)> = Vec::new();
        // Taken for the loop (the checks below borrow `self` mutably), put back after.
        let tokens = std::mem::take(&mut self.tokens);
        let unsure = std::mem::take(&mut self.unsure);
        // The body's unsure tokens come first: their judgements are logged
        // if the body is kept, or taken from the body's snapshot where what
        // they read is unchanged ([`Checker::reusable`]).
        let logged = self
            .body
            .as_ref()
            .map(|snapshot| (snapshot.body_unsure, snapshot.forms.len()));
        let reuse = self
            .reused
            .as_ref()
            .map(|snapshot| (snapshot.forms.len(), self.reusable(&tokens, &unsure)));
        // (Only the tokens `count_form` listed: the others are skipped here anyway.)
        for (n, &i) in unsure.iter().enumerate() {
            let token = &tokens[i];
            let f = token.form();
            if let Some((body_forms, reusable)) = &reuse {
                let judged = &self.reused.as_ref().expect("reused").judged;
                if f < *body_forms && reusable[f] {
                    if let Some(&(is_typo, _)) = judged.get(n) {
                        #[cfg(test)]
                        REUSED.with(|count| count.set((count.get().0 + 1, count.get().1)));
                        if is_typo {
                            flagged.push((*token, self.key(token).to_string()));
                        }
                        continue;
                    }
                    // A summary word of a body form: its ranked corrections
                    // are where the body's left them.
                    self.fetch_candidates(f);
                }
            }
            #[cfg(test)]
            if reuse.is_some() && self.reused.as_ref().is_some_and(|snapshot| n < snapshot.judged.len()) {
                REUSED.with(|count| count.set((count.get().0, count.get().1 + 1)));
            }
            // (One call of `judge`, inlined as the loop was before it.)
            self.logging = logged.is_some_and(|(body_unsure, _)| n < body_unsure);
            self.touched = false;
            let is_typo = self.judge(&tokens, i);
            if let Some((body_unsure, body_forms)) = logged {
                if n < body_unsure {
                    self.judged.push((is_typo, self.deps.len() as u32));
                } else if self.touched && f < body_forms {
                    self.summary_touched.push(f as u32);
                }
            }
            if is_typo {
                flagged.push((*token, self.key(token).to_string()));
            }
        }
        if let Some(snapshot) = &mut self.body {
            self.logging = false;
            snapshot.judgements = true;
        }
        if let Some((body_forms, reusable)) = &reuse {
            for (token, _) in &flagged {
                let f = token.form();
                if f < *body_forms && reusable[f] {
                    self.fetch_candidates(f);
                }
            }
        }
        self.tokens = tokens;
        self.unsure = unsure;
        let mut by_word: HashMap<&str, Vec<&Token>> = HashMap::new();
        for (token, key) in &flagged {
            by_word.entry(key.as_str()).or_default().push(token);
        }
        for (token, key) in &flagged {
            let text = self.text(token);
            let candidates = self.candidates.get(key).cloned().unwrap_or_default();
            let Some(best) = candidates.first() else { continue };
            let suggestion = match_case(text, &best.word);
            let unambiguous = best.cost <= 1.0
                && (best.in_document && !candidates.get(1).is_some_and(|c| c.in_document)
                    || candidates.get(1).is_none_or(|second| second.score - best.score >= 0.3));
            let what = match self.locale {
                Locale::Us if lexicon::is_word(key, Locale::Any) => "is British spelling (--locale en-US)",
                Locale::Gb if lexicon::is_word(key, Locale::Any) => "is American spelling (--locale en-GB)",
                _ => "is not an English word",
            };
            let mut message = format!("`{}` {what}; did you mean `{}`", bare(text), best.word);
            let others: Vec<&str> = candidates.iter().skip(1).take(3).map(|c| c.word.as_str()).collect();
            if !others.is_empty() {
                message.push_str(&format!(" (or {})", others.join(", ")));
            }
            message.push('?');
            let side = self.side_of(token);
            // The possessive ending is not part of the misspelling.
            let end = token.start() + bare(text).len();
            let span = self.doc.span(token.start(), end);
            let mut finding =
                Finding::new(&SPELLING, span, bare(text), String::new()).with_suggestion(suggestion.clone());
            if let Side::Summary(u) = side {
                finding = finding.with_unit(&self.doc.units[u].id);
            }
            let occurrences = &by_word[key.as_str()];
            match side {
                Side::Summary(_) => {
                    if let Some(body) = occurrences.iter().find(|t| matches!(self.side_of(t), Side::Body(_))) {
                        let line = self.doc.span(body.start(), body.end()).line;
                        message.push_str(&format!(" The summary copied it from the body (line {line})."));
                        finding = finding.with_evidence(self.evidence(body, "the body has the same misspelling"));
                    }
                }
                Side::Body(_) | Side::Heading => {
                    if let Some(copy) = occurrences.iter().find(|t| matches!(self.side_of(t), Side::Summary(_))) {
                        let line = self.doc.span(copy.start(), copy.end()).line;
                        message.push_str(&format!(" The summary copies it (line {line})."));
                        finding = finding.with_evidence(self.evidence(copy, "copied into the summary"));
                    }
                }
            }
            if best.in_document {
                if let Some(other) = self.first_occurrence(&best.word, token) {
                    finding = finding.with_evidence(self.evidence(&other, &format!("spelled `{}` here", best.word)));
                }
            }
            message.push_str(&format!(" ({ACCEPT_HINT})"));
            finding.message = message;
            typos.push(Typo {
                rule: &SPELLING,
                start: token.start(),
                end,
                suggestion: Some(suggestion),
                unambiguous,
                finding,
            });
        }
    }

    /// Whether `tokens[i]`, an unsure token, is a typo (ranking its
    /// corrections into `candidates` as it goes).
    ///
    /// A record of a kept body reuses this judgement of a body word when
    /// nothing it read changed, so anything added here that reads the
    /// document's counts or names (what a summary can change) must note
    /// that read as a [`Dep`] (see `note`), or the reuse goes wrong; the
    /// test `judgements_of_the_body_stand_only_where_the_summary_changes_nothing_they_read`
    /// and the proptest of records of one body catch a read left out.
    #[inline(always)]
    fn judge(&mut self, tokens: &[Token], i: usize) -> bool {
        let token = &tokens[i];
        let verdict = token.verdict;
        if matches!(verdict, Lexical::Skip | Lexical::Word | Lexical::KnownName) {
            return false;
        }
        if matches!(verdict, Lexical::Unknown | Lexical::Derived | Lexical::Compound) {
            // (Its own form's name flag and uses are not noted: compared for
            // every judgement reused, [`Checker::reusable`].)
            let name = self.forms[token.form()].name;
            if name && (self.locale == Locale::Any || !lexicon::is_word(self.key(token), Locale::Any)) {
                // A name the document writes capitalised, here in lower case
                // (but "defence" is British spelling under --locale en-US even
                // if the document names the "Ministry of Defence").
                return false;
            }
        }
        let key = self.key(token).to_string();
        match verdict {
            // A spelling of the other locale ("colour" with --locale en-US) is always wrong.
            Lexical::Unknown if self.locale != Locale::Any && lexicon::is_word(&key, Locale::Any) => {
                self.recognisable(&key, false);
                true
            }
            Lexical::Derived => self.recognisable(&key, true),
            Lexical::Compound => self.recognisable(&key, true) || self.one_slip_from_common_word(&key),
            Lexical::Unknown => match self.context(token, &key) {
                Context::Skip => false,
                Context::Strict => self.recognisable(&key, true),
                Context::Plain => self.recognisable(&key, false),
            },
            Lexical::CapitalUnknown => self.capital_typo(tokens, i, &key),
            _ => false,
        }
    }

    /// Puts in `candidates` the ranked corrections that the body's words
    /// of form `f` left in the reused snapshot, if `candidates` has none
    /// for it yet.
    fn fetch_candidates(&mut self, f: usize) {
        let Some(snapshot) = &self.reused else { return };
        let key = &self.verdicts.cache.keys[self.form_keys[f] as usize];
        if self.candidates.contains_key(&**key) {
            return;
        }
        if let Some(ranked) = snapshot.candidates.get(&**key) {
            self.candidates.insert(key.to_string(), ranked.clone());
        }
    }

    /// What the summary changed, against the document the reused snapshot
    /// kept: per body form, whether the judgements of its unsure tokens
    /// there still stand (each judgement's [`Dep`]s read the same, and no
    /// summary word's judgement changed its ranked corrections).
    /// Judgements of one form are reused together or made again together:
    /// they share the form's entry of `candidates`.
    fn reusable(&self, tokens: &[Token], unsure: &[usize]) -> Vec<bool> {
        let snapshot = self.reused.as_ref().expect("reused");
        let body_forms = snapshot.forms.len();
        let mut reusable = vec![true; body_forms];
        for &f in &snapshot.summary_touched {
            reusable[f as usize] = false;
        }
        let (changed, written) = self.changed_forms(snapshot, tokens);
        let kept_forms = if snapshot.forms_at_end {
            &snapshot.forms
        } else {
            &snapshot.final_forms
        };
        // (The letters of a judged key, for `Dep::OneEdit`: one buffer, not
        // a vector per judgement.)
        let mut chars: Vec<char> = Vec::new();
        let mut from = 0;
        for (n, &(_, to)) in snapshot.judged.iter().enumerate() {
            let deps = &snapshot.deps[from..to as usize];
            from = to as usize;
            let f = tokens[unsure[n]].form();
            if !reusable[f] {
                continue;
            }
            // (What the judgement read of its own form: its name flag, its uses up to 2.)
            let (now, then) = (self.forms[f], kept_forms[f]);
            if now.name != then.name || now.uses.min(2) != then.uses.min(2) {
                reusable[f] = false;
                continue;
            }
            let key = self.form_key(f);
            let stands = deps.iter().all(|&dep| match dep {
                Dep::Uses(g, uses) => self.forms[g as usize].uses.min(2) as u8 == uses,
                // (A name of both documents is used in both; a name of one
                // counts only near the key. A lexicon candidate counts
                // by whether it is used.)
                Dep::Rank => {
                    let mut lexical: Option<Rc<LexiconCandidates>> = None;
                    changed.iter().all(|&(id, what)| {
                        let other = &*self.verdicts.cache.keys[id as usize];
                        (what & CHANGED_NAMES == 0 || !within_two_osa_edits(other, key))
                            && (what & CHANGED_USED == 0
                                || !lexical
                                    .get_or_insert_with(|| lexicon_candidates(key, self.locale))
                                    .candidates
                                    .iter()
                                    .any(|near| near.word == other))
                    })
                }
                Dep::Written(g) => !written[g as usize],
                Dep::OneEdit => {
                    chars.clear();
                    chars.extend(key.chars());
                    changed.iter().all(|&(id, what)| {
                        what & (CHANGED_USES | CHANGED_NAME) == 0
                            || one_edit_order(&chars, &self.verdicts.cache.keys[id as usize]).is_none()
                    })
                }
                Dep::Opaque => false,
            });
            if !stands {
                reusable[f] = false;
            }
        }
        reusable
    }

    /// The key ids of the forms whose counts differ between this document
    /// and the one the reused snapshot kept (only the forms their summaries
    /// write can), with what differs (`CHANGED_*`), in no particular order;
    /// and by this document's form index, whether either summary writes
    /// the form.
    fn changed_forms(&self, snapshot: &BodySnapshot, tokens: &[Token]) -> (Vec<(u32, u8)>, Vec<bool>) {
        let body_forms = snapshot.forms.len();
        let kept_forms = if snapshot.forms_at_end {
            &snapshot.forms
        } else {
            &snapshot.final_forms
        };
        let kept_names = &snapshot.summary_names[..];
        let names = &self.names[snapshot.body_names.min(self.names.len())..];
        // Each key id either summary writes, once: marked by this
        // document's index of its form where this document writes the key
        // (every key of this summary, and those of the kept one that this
        // document also writes), else listed once. (Marks, not a sort of
        // every summary token's id: the order does not matter to the
        // callers, and the sort was most of this.)
        let mut written = vec![false; self.forms.len()];
        let summary_tokens = tokens.len().saturating_sub(snapshot.body_tokens) + snapshot.summary_tokens.len();
        let mut ids: Vec<u32> = Vec::with_capacity(summary_tokens);
        for t in &tokens[snapshot.body_tokens.min(tokens.len())..] {
            let f = t.form();
            if !written[f] {
                written[f] = true;
                ids.push(self.form_keys[f]);
            }
        }
        let mut kept_only: Vec<u32> = Vec::new();
        // (The body's form keys are this document's first ones: lent.)
        for t in &snapshot.summary_tokens {
            let id = match t.form().checked_sub(body_forms) {
                Some(at) => snapshot.summary_form_keys[at],
                None => self.form_keys[t.form()],
            };
            match self.verdicts.form(id) {
                Some(f) => {
                    if !written[f] {
                        written[f] = true;
                        ids.push(id);
                    }
                }
                None => {
                    if !kept_only.contains(&id) {
                        kept_only.push(id);
                        ids.push(id);
                    }
                }
            }
        }
        let mut changed = Vec::with_capacity(ids.len());
        for &id in &ids {
            let here = self.verdicts.form(id);
            let there = match here {
                Some(f) if f < body_forms => Some(f),
                _ => snapshot.summary_form_keys[..kept_forms.len() - body_forms]
                    .iter()
                    .position(|&k| k == id)
                    .map(|at| body_forms + at),
            };
            let now = here.map(|f| self.forms[f]).unwrap_or_default();
            let then = there.map(|f| kept_forms[f]).unwrap_or_default();
            let named_now = here.is_some_and(|f| names.contains(&(f as u32)));
            let named_then = there.is_some_and(|f| kept_names.contains(&(f as u32)));
            let mut what = 0;
            if (now.uses > 0) != (then.uses > 0) {
                what |= CHANGED_USED;
            }
            if now.uses != then.uses {
                what |= CHANGED_USES;
            }
            if now.name != then.name {
                what |= CHANGED_NAME;
            }
            if named_now != named_then {
                what |= CHANGED_NAMES;
            }
            if what != 0 {
                changed.push((id, what));
            }
        }
        (changed, written)
    }

    /// What the words around a lower-case unknown word say about it.
    fn context(&mut self, token: &Token, key: &str) -> Context {
        let text = &self.doc.text;
        // The whitespace-delimited chunk the word is in, for hyphenated compounds.
        let chunk_start = text[..token.start()]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let chunk_end = text[token.end()..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| token.end() + i);
        // (A kept body's text is compared up to where reading it read: a
        // judgement that read past that, up to the whitespace after the
        // word, is made again.)
        if self.logging
            && self
                .body
                .as_ref()
                .is_some_and(|snapshot| !snapshot.text_ends && chunk_end + 4 > snapshot.text.len())
        {
            self.note(Dep::Opaque);
        }
        let raw = &text[chunk_start..chunk_end];
        if raw.len() > 2 && raw.starts_with('-') && raw.ends_with('-') {
            // A code between hyphens: tokenised brackets ("-lrb-", "-lsb-").
            return Context::Skip;
        }
        let chunk = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if chunk.contains(['-', '\u{2010}', '\u{2011}']) {
            let parts: Vec<&str> = chunk.split(['-', '\u{2010}', '\u{2011}']).collect();
            let joined: String = parts.concat().to_lowercase();
            // "co-ordinated", "post-mortem": the compound is a word; "Poulton-le-Fylde",
            // "Chan-ocha": a name.
            if lexicon::is_word(&joined, self.locale)
                || lexicon::has_frequency(&joined)
                || parts.iter().any(|p| p.starts_with(char::is_uppercase))
            {
                return Context::Skip;
            }
            return Context::Strict;
        }
        // Censored or coded words ("f***ing", "Chri$tma$"): not spelling.
        let glued = |c: Option<char>| c.is_some_and(|c| "*$_/\\=+~^|&%@#".contains(c));
        if glued(text[..token.start()].chars().next_back()) || glued(text[token.end()..].chars().next()) {
            return Context::Skip;
        }
        // After a capitalised unknown word or an initial: a species name
        // ("Haemophilus influenzae", "M. leucogenys") or a foreign name.
        let before = text[..token.start()].trim_end_matches(' ');
        if before.len() < token.start() {
            let previous = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
                .trim_start_matches(|c: char| !c.is_alphanumeric());
            let initial = previous.len() == 2 && previous.ends_with('.') && previous.starts_with(char::is_uppercase);
            let unknown_name = previous.starts_with(char::is_uppercase)
                && previous.chars().all(char::is_alphabetic)
                && lexical(previous, self.locale, &self.words) == Lexical::CapitalUnknown;
            if initial || unknown_name {
                return Context::Strict;
            }
        }
        // Used again and again in the body: more likely a term than a slip.
        let body_uses = self.form_use(key).body;
        if body_uses >= 3 && key.chars().count() <= 4 {
            // A short word written the same way three times is the writer's term
            // ("dek"); short words are near many words, so a slip is the weaker reading.
            return Context::Skip;
        }
        if body_uses >= 2 {
            return Context::Strict;
        }
        Context::Plain
    }

    /// A capitalised word the lexicon lacks is a name far more often than a
    /// typo, so it is called a typo only on evidence that it is a common word
    /// mistyped. It must be written once (names are repeated), have 4+
    /// letters, and not stand next to an unknown capitalised word (a run of
    /// unknown names is a person or a foreign name: "Edin Dzeko", "Instituto
    /// Cumbres"). Then either
    /// * the document itself writes an English word one cheap slip away
    ///   ("Lcub" where the article says "club"): the same word spelled two
    ///   ways, the strongest evidence there is, and cheap to find (a few
    ///   hash lookups, no fuzzy search), so it applies mid-sentence too; or
    /// * capitalisation is positional (sentence start, title-case line), so
    ///   the word would be lower-case if it were not a name, no name stands
    ///   next to it ("Ander Herrera"), and it is one cheap slip from a common
    ///   word, by a wider margin than a lower-case word needs, and wider still
    ///   when a known name is one edit away.
    fn capital_typo(&mut self, tokens: &[Token], i: usize, key: &str) -> bool {
        let len = key.chars().count();
        // (`key` is the token's form: its counts by index, not by a hash of `key`.)
        let uses = self.forms[tokens[i].form()].uses;
        if uses <= 1 {
            let mut deps = std::mem::take(&mut self.deps);
            let same_name = self.same_name_elsewhere(tokens, i, key, self.logging.then_some(&mut deps));
            self.deps = deps;
            if let Some(word) = same_name {
                // The document's own spelling of the name leads.
                let mut ranked = self.rank_noted(key);
                ranked.retain(|c| c.word != word);
                ranked.insert(
                    0,
                    Candidate {
                        cost: typing_cost(key, &word),
                        score: f64::MIN,
                        in_document: true,
                        word,
                    },
                );
                self.candidates.insert(key.to_string(), ranked);
                return true;
            }
        }
        if len == 3 {
            return self.short_capital_typo(tokens, i, key);
        }
        if len < 4 || key.chars().all(|c| key.starts_with(c)) || uses > 1 || self.beside_name(tokens, i, false) {
            return false;
        }
        self.note(Dep::OneEdit);
        if let Some(word) = self.document_word_near(key) {
            // The document's own word is the reason for the finding: it leads.
            self.rank_led_by(key, word, true);
            return true;
        }
        if self.beside_name(tokens, i, true) {
            return false;
        }
        if !self.capital_may_be_positional(&tokens[i]) {
            return self.swapped_capital(key);
        }
        let margin = if near_known_name(key) { 0.6 } else { 0.3 };
        self.recognisable_within(key, plain_limit(len) - margin)
    }

    /// A capitalised word mid-sentence, with no name beside it and no word
    /// of the document near it, is a typo only if it is two neighbouring
    /// letters swapped in a common word of 5+ letters ("the Gulf Strema"):
    /// a swap is the commonest slip, and a name that is a common word with
    /// two letters swapped is rare, unlike names one changed, added or
    /// dropped letter from a word ("Jett", "Rees", "Loftus", "Doig"). Not
    /// near a name the document writes: that is the name misspelled.
    fn swapped_capital(&mut self, key: &str) -> bool {
        self.note(Dep::OneEdit);
        if key.chars().count() < 5 {
            return false;
        }
        let Some(word) = swapped_common_word(key, self.locale) else {
            return false;
        };
        let chars: Vec<char> = key.chars().collect();
        // One edit from a name the document writes ("Folwer" in an article
        // about Rickie Fowler): that name misspelled, for
        // typo/inconsistent-spelling, not "flower".
        let mut near_name = false;
        for_each_one_edit_variant(&chars, |variant| near_name |= self.form_use(variant).name);
        if near_name {
            return false;
        }
        // The swapped word is the reason for the finding: it leads.
        let in_document = self.form_use(&word).uses > 0;
        self.rank_led_by(key, word, in_document);
        true
    }

    /// Ranks the corrections of `key` with `word` first, the reason for a
    /// finding that ranking alone would not put there; `in_document` says
    /// whether the document writes `word`, for a `word` the ranking lacks.
    fn rank_led_by(&mut self, key: &str, word: String, in_document: bool) {
        let mut ranked = self.rank_noted(key);
        match ranked.iter().position(|c| c.word == word) {
            Some(at) => {
                let own = ranked.remove(at);
                ranked.insert(0, own);
            }
            None => ranked.insert(
                0,
                Candidate {
                    cost: typing_cost(key, &word),
                    score: f64::MIN,
                    in_document,
                    word,
                },
            ),
        }
        self.candidates.insert(key.to_string(), ranked);
    }

    /// The word the document writes, elsewhere, in the same multi-word name
    /// as `tokens[i]`, when it is one slip from `key`: "Ew York" where the
    /// article says "New York" eleven times, "Lbi Dems" beside "Lib Dems",
    /// "Baby Be Mie" beside "Baby Be Mine". The shared capitalised
    /// neighbour (part of the name, not a sentence start) is the evidence,
    /// so this holds for short words and beside other names too. A slip
    /// here is a dropped, added or swapped letter, or a neighbouring key
    /// other than at the first letter; not a changed vowel or an added
    /// ending, which is how different people's names differ ("Tom Daley" /
    /// "Tim Daley", "Dean Holden" / "Sean Holden", "Carl Smith" / "Carla Smith").
    /// With `deps`, notes there what it read of the counts.
    fn same_name_elsewhere(
        &self,
        tokens: &[Token],
        i: usize,
        key: &str,
        mut deps: Option<&mut Vec<Dep>>,
    ) -> Option<String> {
        let text = &self.doc.text;
        let joined = |a: &Token, b: &Token| {
            a.region() == b.region() && a.end() <= b.start() && text[a.end()..b.start()].chars().all(|c| c == ' ')
        };
        let part_of_name = |t: &Token| {
            !t.capital_is_positional && self.text(t).starts_with(char::is_uppercase) && t.verdict != Lexical::Skip
        };
        let token = &tokens[i];
        // (neighbour index, whether the neighbour comes after the word)
        let neighbours = [i.checked_sub(1).map(|j| (j, false)), Some((i + 1, true))];
        for (n, after) in neighbours.into_iter().flatten() {
            let Some(neighbour) = tokens.get(n) else { continue };
            let linked = if after {
                joined(token, neighbour)
            } else {
                joined(neighbour, token)
            };
            // (Written once, the neighbour has no other occurrence to compare.)
            if !linked || !part_of_name(neighbour) {
                continue;
            }
            let uses = self.forms[neighbour.form()].uses;
            if let Some(deps) = deps.as_deref_mut() {
                deps.push(Dep::Uses(neighbour.form() as u32, uses.min(2) as u8));
            }
            if uses < 2 {
                continue;
            }
            // (The other tokens of the name: the summary's too.)
            if let Some(deps) = deps.as_deref_mut() {
                deps.push(Dep::Written(neighbour.form() as u32));
            }
            let name = self.text(neighbour);
            // (Tokens of the same text have the same form: most tokens are
            // ruled out by comparing form indices, before any text.)
            let name_form = neighbour.form();
            for (j, other) in tokens.iter().enumerate() {
                if other.form() != name_form || j == n || self.text(other) != name {
                    continue;
                }
                let counterpart = if after { j.checked_sub(1) } else { Some(j + 1) };
                let Some(word) = counterpart.and_then(|k| tokens.get(k)) else {
                    continue;
                };
                let linked = if after {
                    joined(word, other)
                } else {
                    joined(other, word)
                };
                if !linked {
                    continue;
                }
                // The other spelling must be the likelier one: an English word
                // or a known name, or written more often than this one.
                let likelier = matches!(word.verdict, Lexical::Word | Lexical::KnownName) || {
                    let uses = self.forms[word.form()].uses;
                    if let Some(deps) = deps.as_deref_mut() {
                        deps.push(Dep::Uses(word.form() as u32, uses.min(2) as u8));
                    }
                    uses > 1
                };
                if likelier
                    && word.start() != token.start()
                    && self.text(word).starts_with(char::is_uppercase)
                    && name_phrase_slip(key, self.key(word))
                {
                    return Some(self.key(word).to_string());
                }
            }
        }
        None
    }

    /// A capitalised three-letter word: names of three letters are many
    /// ("Jak", "Lai", "Rao"), so only where the capital is positional, no
    /// name stands beside it, it is written once, and it is one cheap slip
    /// (a swap, a neighbouring key, a vowel for a vowel) from a very common
    /// word of three letters or more ("Ome are fighting" for "One", not the
    /// abbreviation in "Det Con Smith").
    fn short_capital_typo(&mut self, tokens: &[Token], i: usize, key: &str) -> bool {
        if !self.capital_may_be_positional(&tokens[i])
            || key.chars().all(|c| key.starts_with(c))
            || self.forms[tokens[i].form()].uses > 1
            || self.beside_name(tokens, i, true)
        {
            return false;
        }
        if !self.candidates.contains_key(key) {
            let ranked = self.rank_noted(key);
            self.candidates.insert(key.to_string(), ranked);
        }
        let Some(ranked) = self.candidates.get_mut(key) else {
            return false;
        };
        let was = ranked.len();
        ranked.retain(|c| c.word.chars().count() >= 3);
        self.touched |= ranked.len() != was;
        let margin = if near_known_name(key) { 0.6 } else { 0.3 };
        ranked.first().is_some_and(|best| {
            best.cost <= 0.7
                && lexicon::frequency(&best.word) >= 50_000_000
                && best.confidence_cost() <= plain_limit(3) - margin
        })
    }

    /// True if the capital of `token` may be there for its position: a
    /// sentence start, a title-case line, or the first word of a quotation
    /// or quoted title ("his latest 'How Did We Get Here?' video"), which
    /// starts with a capital too. (Only for judging the word itself: a name
    /// written at the start of a quotation is still evidence of the name.)
    fn capital_may_be_positional(&self, token: &Token) -> bool {
        if token.capital_is_positional {
            return true;
        }
        let region_start = self.regions[token.region()].start;
        let before = &self.doc.text[region_start..token.start()];
        before
            .strip_suffix(['"', '\'', '“', '‘'])
            .is_some_and(|rest| rest.is_empty() || rest.ends_with(char::is_whitespace))
    }

    /// True if the token next to `tokens[i]` (same region, only a space, a
    /// hyphen or a comma between) is a capitalised word that is neither
    /// English nor a known name, or with `any_name`, a known name too: then
    /// `tokens[i]` is likely part of a name.
    fn beside_name(&self, tokens: &[Token], i: usize, any_name: bool) -> bool {
        let token = &tokens[i];
        let neighbours = [i.checked_sub(1).map(|j| (j, true)), Some((i + 1, false))];
        neighbours.into_iter().flatten().any(|(j, before)| {
            let Some(other) = tokens.get(j) else { return false };
            if other.region() != token.region() {
                return false;
            }
            let gap = if before {
                &self.doc.text[other.end()..token.start()]
            } else {
                &self.doc.text[token.end()..other.start()]
            };
            // A comma too: a list of capitalised unknown words ("Replacements:
            // Rees, Domachowski, Assiratti") is a list of names.
            if !gap
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}' | ','))
            {
                return false;
            }
            let text = self.text(other);
            let capitalised = text.starts_with(char::is_uppercase);
            match other.verdict {
                Lexical::CapitalUnknown => true,
                // Letters outside English spelling ("Åsberg", "Féin"): a foreign name.
                Lexical::Skip => {
                    capitalised
                        && !text.is_ascii()
                        && text.chars().filter(|c| c.is_uppercase()).count() == 1
                        && text
                            .chars()
                            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}'))
                }
                // A known name, or a capitalised word only the frequency list
                // knows ("Herrera"), counts when there is no document evidence:
                // a sentence-initial unknown word before a surname is a first name.
                Lexical::KnownName => any_name && capitalised,
                Lexical::Word => {
                    any_name
                        && capitalised
                        && !other.capital_is_positional
                        && !lexicon::is_word(self.key(other), self.locale)
                }
                _ => false,
            }
        })
    }

    /// An English word the document writes, one cheap slip (a typing cost
    /// of at most 0.8: a swapped, doubled, dropped or neighbouring letter;
    /// any one edit from 7 letters on) from the lower-cased `key`, and
    /// neither an inflection of it nor a sound-alike spelling (names spell
    /// sounds their own way: "Klass" is a surname, not "class" mistyped).
    /// Found among the document's forms of about the same length, so it
    /// costs no fuzzy search. A 4-letter word is near many words, so its
    /// correction must be written at least twice.
    fn document_word_near(&self, key: &str) -> Option<String> {
        self.document_word_near_among(key, true)
    }

    /// [`Checker::document_word_near`], with `by_letters` the forms more than
    /// one letter longer or shorter than `key` skipped by their count
    /// ([`FormUse::letters`]) before their key is read: none of them is
    /// one edit away ([`one_edit_order`]), and a form's key is a read
    /// elsewhere in memory (two, with its id) for each form of the document.
    fn document_word_near_among(&self, key: &str, by_letters: bool) -> Option<String> {
        let chars: Vec<char> = key.chars().collect();
        let needed = if chars.len() <= 4 { 2 } else { 1 };
        // (cost, uses, where the edit is, word): the cheapest, then the most
        // used, then the edit [`for_each_one_edit_variant`] makes first.
        let mut best: Option<(f64, usize, EditOrder, &str)> = None;
        // (The forms to read are picked a block at a time, with no branch
        // per form: whether a form passes its count tests is as good as
        // random, and a branch on it was mispredicted about one time in four.)
        const BLOCK: usize = 64;
        let mut picked = [0u32; BLOCK];
        for (block, forms) in self.forms.chunks(BLOCK).enumerate() {
            let mut count = 0;
            for (k, form_use) in forms.iter().enumerate() {
                picked[count] = (block * BLOCK + k) as u32;
                // (Letters within one of the key's: `letters + 1 - n` is 0, 1 or 2.)
                let near = !by_letters | ((usize::from(form_use.letters) + 1).wrapping_sub(chars.len()) <= 2);
                count += usize::from((form_use.uses as usize >= needed) & near);
            }
            for &f in &picked[..count] {
                self.consider_near(key, &chars, f as usize, &mut best);
            }
        }
        best.map(|(_, _, _, word)| word.to_string())
    }

    /// [`Checker::document_word_near_among`] for the form at index `f`,
    /// used often enough and of about the key's length: kept in `best` if
    /// it is an English word one cheap slip from `key` and better than
    /// what `best` holds.
    #[inline(always)]
    fn consider_near<'s>(
        &'s self,
        key: &str,
        chars: &[char],
        f: usize,
        best: &mut Option<(f64, usize, EditOrder, &'s str)>,
    ) {
        let uses = self.forms[f].uses as usize;
        let form = self.form_key(f);
        if form.len().abs_diff(key.len()) > 8 {
            return;
        }
        let Some(order) = one_edit_order(chars, form) else {
            return;
        };
        if form.chars().count() < 4 || !lexicon::is_word(form, self.locale) {
            return;
        }
        if is_inflection(key, form) || sound_alike_spelling(key, form) {
            return;
        }
        // One cheap slip; any one edit in a long word, where a chance
        // match with a word of the document is rare ("Presient").
        let cost = typing_cost(key, form);
        if cost > if chars.len() >= 7 { 1.0 } else { 0.8 } {
            return;
        }
        if best
            .as_ref()
            .is_none_or(|(c, u, o, _)| cost < *c || (cost == *c && (uses > *u || (uses == *u && order < *o))))
        {
            *best = Some((cost, uses, order, form));
        }
    }

    /// True if `key` is within typing distance of an English word; fills
    /// the candidate cache. `strict` asks for a single very cheap slip, for
    /// words whose context says they are more likely terms than slips.
    fn recognisable(&mut self, key: &str, strict: bool) -> bool {
        if key.chars().all(|c| key.starts_with(c)) {
            // "xxxxx", "zzz": not a slip for any word.
            return false;
        }
        if !self.candidates.contains_key(key) {
            let ranked = self.rank_noted(key);
            self.candidates.insert(key.to_string(), ranked);
        }
        let len = key.chars().count();
        if len == 2 {
            // Two-letter strings are abbreviations, initials and particles as
            // often as slips ("ie", "mr", "ny", "th" are in the lexicon's list
            // of names and abbreviations): only a letter dropped from a very
            // common three-letter word, or one the document uses, counts ("tw"
            // for "two", "wn" for "won").
            if strict || lexicon::is_known_name(key) {
                return false;
            }
            if let Some(ranked) = self.candidates.get_mut(key) {
                let was = ranked.len();
                ranked.retain(|c| c.word.chars().count() == 3 && drops_one_letter(key, &c.word));
                self.touched |= ranked.len() != was;
            }
        }
        if len == 3 {
            // "plc" is not "pc" mistyped: three-letter slips come from longer
            // words, so two-letter words are neither evidence nor suggestions.
            if let Some(ranked) = self.candidates.get_mut(key) {
                let was = ranked.len();
                ranked.retain(|c| c.word.chars().count() >= 3);
                self.touched |= ranked.len() != was;
            }
        }
        let Some(best) = self.candidates[key].first() else {
            return false;
        };
        if strict && key.strip_suffix('s') == Some(best.word.as_str()) {
            // A plural the lexicon lacks ("get-togethers", "year-olds") is not a slip.
            return false;
        }
        // Two letters swapped, the commonest slip, are strong evidence in a
        // short word ("fna" for "fan"), whose other one-edit neighbours are many.
        let floor = if len == 3 && best.cost <= 0.6 {
            10_000_000
        } else {
            50_000_000
        };
        if len < 2
            || (len == 2 && lexicon::frequency(&best.word) < 50_000_000 && !best.in_document)
            || (len == 3 && lexicon::frequency(&best.word) < floor && !best.in_document)
        {
            // Short strings are near hundreds of words and are often
            // abbreviations ("ie", "plc"): only a slip in a very common word,
            // or in a word the document uses, counts.
            return false;
        }
        let limit = if strict { 0.2 } else { plain_limit(len) };
        best.confidence_cost() <= limit
    }

    /// True if `key` is no known name and its best correction is one slip away, not at the
    /// first letter (writers rarely slip there, Pollock and Zamora 1984:
    /// "paceman" is no "spaceman"), and as likely as a lower-case unknown
    /// word's must be ([`plain_limit`]).
    fn one_slip_from_common_word(&mut self, key: &str) -> bool {
        // A known name ("bateman" in a lower-cased summary) is that name.
        !lexicon::is_known_name(key)
            && self.recognisable_within(key, plain_limit(key.chars().count()))
            && self.candidates[key].first().is_some_and(|best| {
                best.cost <= 1.0
                        && best.word.chars().next() == key.chars().next()
                        // The plural of a compound noun ("get-togethers").
                        && key.strip_suffix('s') != Some(best.word.as_str())
            })
    }

    /// True if the best correction of `key` (ranked and cached) has a
    /// confidence cost of at most `limit`.
    fn recognisable_within(&mut self, key: &str, limit: f64) -> bool {
        if !self.candidates.contains_key(key) {
            let ranked = self.rank_noted(key);
            self.candidates.insert(key.to_string(), ranked);
        }
        self.candidates[key]
            .first()
            .is_some_and(|best| best.confidence_cost() <= limit)
    }

    /// Ranked corrections for the lower-cased `key`, best first.
    ///
    /// The lexicon's part (its near words with their typing cost, frequency
    /// and sound) depends only on `key` and the locale and is remembered per
    /// worker thread ([`lexicon_candidates`]); the document's part (its
    /// names near `key`, and whether it uses each candidate) is added here.
    fn rank(&self, key: &str) -> Vec<Candidate> {
        let lexical = lexicon_candidates(key, self.locale);
        let in_document = |word: &str| self.form_use(word).uses > 0;
        let mut ranked: Vec<Candidate> = Vec::with_capacity(lexical.candidates.len() + 4);
        for near in lexical.candidates.iter() {
            ranked.push(near.candidate(in_document(&near.word)));
        }
        // A near-miss of the document's own vocabulary is the strongest evidence.
        // Lexicon words of the document are found by the search above; names are not.
        let chars = key.chars().count();
        let mut typed_phonetic: Option<String> = None;
        for &name in &self.names {
            let word = self.form_key(name as usize);
            let len = word.chars().count();
            if len.abs_diff(chars) <= 2
                && len >= 3
                && within_two_osa_edits(word, key)
                && word != key
                && !word.contains('\'')
            {
                // (A name the lexicon also offers is ranked once; one it offered
                // and the filters dropped is dropped again below.)
                if lexical.candidates.iter().any(|near| near.word == word) {
                    continue;
                }
                let typed_phonetic = typed_phonetic.get_or_insert_with(|| phonetic(key));
                let near = NearWord::new(key, word.to_string(), typed_phonetic);
                if near.cost <= 2.0 {
                    ranked.push(near.candidate(in_document(word)));
                }
            }
        }
        // (Words are distinct: the order does not depend on the order found.)
        ranked.sort_by(|a, b| a.score.total_cmp(&b.score).then_with(|| a.word.cmp(&b.word)));
        if lexical.other_locale {
            // The other locale's spelling: its counterpart ("centres" → "centers")
            // is the closest spelling, whatever a shorter word's frequency.
            ranked.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.score.total_cmp(&b.score)));
        }
        ranked
    }

    /// The first occurrence of the lower-cased `word` other than `not`.
    fn first_occurrence(&self, word: &str, not: &Token) -> Option<Token> {
        self.tokens
            .iter()
            .filter(|t| t.start() != not.start())
            .find(|t| self.key(t) == word)
            .cloned()
    }

    /// Evidence pointing at `token`, with the sentence it is in.
    fn evidence(&self, token: &Token, note: &str) -> Evidence {
        let region = self.regions[token.region()];
        let paragraph = match region.side {
            Side::Body(p) => Some(self.doc.paragraphs[p].number),
            _ => None,
        };
        let text = self.doc.text[region.start..region.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        Evidence {
            paragraph,
            span: self.doc.span(token.start(), token.end()),
            text,
            note: note.to_string(),
        }
    }

    /// The pairs of the reused snapshot's body forms ([`BodyPairs`]), from
    /// the body's forms as reading the body left them.
    fn body_pairs(&self) -> BodyPairs {
        let snapshot = self.reused.as_ref().expect("reused");
        let body_keys = &self.compared[..snapshot.body_compared];
        let body_forms = &snapshot.forms;
        let letters = |f: usize| usize::from(body_forms[f].letters);
        let unknown = |f: usize| {
            matches!(
                body_forms[f].compared_verdict,
                Lexical::Unknown | Lexical::CapitalUnknown
            )
        };
        // By (first letter, letters, first use), as `inconsistent` buckets
        // them, and only those near an unknown form's first letter and
        // letters (most forms are not: a smaller sort).
        let near = NearUnknown::new(
            body_keys
                .iter()
                .filter(|&&f| unknown(f))
                .filter_map(|&f| Some((self.form_key(f).chars().next()?, letters(f))))
                .collect(),
        );
        let mut buckets: Vec<(char, usize, usize)> = body_keys
            .iter()
            .enumerate()
            .filter_map(|(at, &f)| {
                let first = match body_forms[f].first {
                    0 => self.form_key(f).chars().next()?,
                    b => char::from(b),
                };
                Some((first, letters(f), at))
            })
            .filter(|&(first, len, _)| near.near(first, len))
            .collect();
        buckets.sort_unstable();
        let mut pairs = BodyPairs {
            unknown: Vec::new(),
            partners: Vec::new(),
        };
        for &a in body_keys {
            if !unknown(a) {
                continue;
            }
            let a_key = self.form_key(a);
            let a_len = letters(a);
            let first = a_key.chars().next().unwrap_or(' ');
            for len in a_len.saturating_sub(1)..=a_len + 1 {
                let from = buckets.partition_point(|&(c, l, _)| (c, l) < (first, len));
                let to = buckets.partition_point(|&(c, l, _)| (c, l) <= (first, len));
                for &(_, _, at) in &buckets[from..to] {
                    let b = body_keys[at];
                    let b_key = self.form_key(b);
                    if a != b && could_be_one_slip(a_key, a_len, b_key, len, false) {
                        pairs.partners.push((b as u32, names_one_slip_apart(a_key, b_key)));
                    }
                }
            }
            let swapped = swap_first_two(a_key)
                .and_then(|w| self.form_index(&w))
                .filter(|&f| f < body_forms.len());
            pairs.unknown.push((
                a as u32,
                pairs.partners.len() as u32,
                swapped.map_or(u32::MAX, |f| f as u32),
                first,
            ));
        }
        pairs
    }

    /// `typo/inconsistent-spelling`: forms one slip apart, one of them unknown.
    ///
    /// Works on form indices ([`Token::form`]) with the tokens of each form
    /// grouped in one flat list: no token is cloned and no map is keyed by
    /// the forms' text (this runs over every token of every document).
    fn inconsistent(&mut self, typos: &mut Vec<Typo>) {
        // A record of a kept body pairs the body's forms with each other as
        // the records before it did: found once, at the body's first
        // repeat (a body read once pays nothing), and kept with the body.
        if self.reused.as_ref().is_some_and(|snapshot| snapshot.pairs.is_none()) {
            let pairs = self.body_pairs();
            if let Some(snapshot) = &mut self.reused {
                snapshot.pairs = Some(pairs);
            }
        }
        let tokens = &self.tokens;
        let form_count = self.forms.len();
        // Per form, counted by `collect` ([`Checker::count_form`]): its letters
        // (remembered per key by the thread's verdicts), its compared tokens
        // (0 if not compared) and its verdict; the compared forms in the
        // order the document first writes them (a stable order without
        // sorting every form of the document).
        // (From the document's own counts: a key's letters fit the byte, as
        // words over `MAX_WORD_BYTES` bytes are not checked.)
        let letters = |f: usize| usize::from(self.forms[f].letters);
        let count = |f: usize| self.forms[f].compared;
        let verdicts = |f: usize| self.forms[f].compared_verdict;
        let keys: &[usize] = &self.compared;
        let unknown = |v: Lexical| matches!(v, Lexical::Unknown | Lexical::CapitalUnknown);
        let kept = self
            .reused
            .as_ref()
            .and_then(|snapshot| Some((snapshot, snapshot.pairs.as_ref()?)));
        // The first two letters swapped ("Olndon") are the one slip at the
        // first letter that does not make another common name: the form
        // the document writes so, if it is compared.
        let swapped_of = |a_key: &str| -> Option<usize> {
            let w = swap_first_two(a_key)?;
            self.form_index(&w).filter(|&f| count(f) > 0)
        };
        // The candidates of each unknown form: (form, whether it is the
        // swapped form, and if the tests of the two keys alone are known to
        // pass, whether the name-slip test does).
        let mut nearby: Vec<(usize, bool, Option<bool>)> = Vec::new();
        // The unknown forms with their candidates, in the order of `keys`.
        let mut unknowns: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        if let Some((snapshot, pairs)) = kept {
            #[cfg(test)]
            PAIRED.with(|count| count.set(count.get() + 1));
            // The body's unknown forms (a summary can only make one known)
            // with their body partners, kept; the forms the summary adds to
            // `keys` (few) compared here, as below.
            let body_compared = snapshot.body_compared;
            let body_forms = snapshot.forms.len();
            let new_keys = &keys[body_compared..];
            // (A body form's swapped form the body does not write: found
            // from the summary's new forms, which are few.)
            let mut swapped_new: Vec<(usize, usize)> = Vec::new();
            for &n in new_keys {
                if n >= body_forms {
                    if let Some(a) = swap_first_two(self.form_key(n)).and_then(|w| self.form_index(&w)) {
                        if a < body_forms {
                            swapped_new.push((a, n));
                        }
                    }
                }
            }
            // The new keys by (first letter, letters, first use), as below,
            // and which ASCII first letters they have: most body forms'
            // first letters are none of them.
            let mut new_buckets: Vec<(char, usize, usize)> = new_keys
                .iter()
                .enumerate()
                .filter_map(|(at, &f)| Some((self.first_letter(f)?, letters(f), at)))
                .collect();
            new_buckets.sort_unstable();
            let new_firsts: u128 = new_buckets
                .iter()
                .filter(|&&(c, _, _)| c.is_ascii())
                .fold(0, |mask, &(c, _, _)| mask | 1 << (c as u32));
            let new_bucket = |first: char, len: usize| {
                let (from, to) = if first.is_ascii() && new_firsts & (1 << (first as u32)) == 0 {
                    (0, 0)
                } else {
                    (
                        new_buckets.partition_point(|&(c, l, _)| (c, l) < (first, len)),
                        new_buckets.partition_point(|&(c, l, _)| (c, l) <= (first, len)),
                    )
                };
                new_buckets[from..to].iter().map(|&(_, _, at)| new_keys[at])
            };
            let mut from = 0;
            for &(a, to, swapped, first) in &pairs.unknown {
                let (a, to) = (a as usize, to as usize);
                let kept_partners = &pairs.partners[from..to];
                from = to;
                if !unknown(verdicts(a)) {
                    continue;
                }
                let start = nearby.len();
                let a_len = letters(a);
                let mut next = 0;
                for len in a_len.saturating_sub(1)..=a_len + 1 {
                    while let Some(&(b, name_ok)) = kept_partners.get(next) {
                        if letters(b as usize) != len {
                            break;
                        }
                        nearby.push((b as usize, false, Some(name_ok)));
                        next += 1;
                    }
                    nearby.extend(new_bucket(first, len).map(|b| (b, false, None)));
                }
                debug_assert_eq!(next, kept_partners.len());
                let swapped = if swapped == u32::MAX {
                    swapped_new.iter().find(|&&(of, _)| of == a).map(|&(_, n)| n)
                } else {
                    Some(swapped as usize).filter(|&f| count(f) > 0)
                };
                nearby.extend(swapped.map(|b| (b, true, None)));
                if nearby.len() > start {
                    unknowns.push((a, start..nearby.len()));
                }
            }
            for &a in new_keys {
                if !unknown(verdicts(a)) {
                    continue;
                }
                let start = nearby.len();
                let a_key = self.form_key(a);
                let a_len = letters(a);
                let first = a_key.chars().next().unwrap_or(' ');
                for len in a_len.saturating_sub(1)..=a_len + 1 {
                    // (The body's keys come first in `keys`.)
                    for &b in &keys[..body_compared] {
                        if letters(b) == len && self.first_letter(b) == Some(first) {
                            nearby.push((b, false, None));
                        }
                    }
                    nearby.extend(new_bucket(first, len).map(|b| (b, false, None)));
                }
                nearby.extend(swapped_of(a_key).map(|b| (b, true, None)));
                if nearby.len() > start {
                    unknowns.push((a, start..nearby.len()));
                }
            }
        } else {
            // Forms by first letter and length: a pair differs by one slip, so
            // only forms of about the same length and the same first letter are
            // compared (names rarely go wrong at the first letter), which keeps
            // this linear in practice instead of forms × forms. Sorted by (first
            // letter, length, order of first use): each bucket is a run, in the
            // order the document first writes its forms.
            // Only forms that could pair with an unknown form are bucketed: the
            // (first letter, length) of each unknown form, sorted, says which.
            let near = NearUnknown::new(
                keys.iter()
                    .filter(|&&f| unknown(verdicts(f)))
                    .filter_map(|&f| Some((self.form_key(f).chars().next()?, letters(f))))
                    .collect(),
            );
            if near.is_empty() {
                return;
            }
            // (The first letter from `FormUse::first` where it is ASCII: most
            // forms' keys are then not read at all.)
            let mut buckets: Vec<(char, usize, usize)> = keys
                .iter()
                .enumerate()
                .filter_map(|(at, &f)| Some((self.first_letter(f)?, letters(f), at)))
                .filter(|&(first, len, _)| near.near(first, len))
                .collect();
            buckets.sort_unstable();
            let bucket = |first: char, len: usize| {
                let from = buckets.partition_point(|&(c, l, _)| (c, l) < (first, len));
                let to = buckets.partition_point(|&(c, l, _)| (c, l) <= (first, len));
                buckets[from..to].iter().map(|&(_, _, at)| keys[at])
            };
            for &a in keys {
                if !unknown(verdicts(a)) {
                    continue;
                }
                let start = nearby.len();
                let a_key: &str = self.form_key(a);
                let a_len = letters(a);
                let first = a_key.chars().next().unwrap_or(' ');
                for len in a_len.saturating_sub(1)..=a_len + 1 {
                    nearby.extend(bucket(first, len).map(|b| (b, false, None)));
                }
                nearby.extend(swapped_of(a_key).map(|b| (b, true, None)));
                unknowns.push((a, start..nearby.len()));
            }
        }
        if unknowns.is_empty() {
            return;
        }
        let already: HashSet<usize> = typos.iter().map(|t| t.start).collect();
        // The tokens of each form, in text order, in one list: form `f` has
        // `grouped[offsets[f]..offsets[f] + count(f)]`. (Grouped when first
        // asked for: only a pair one slip apart asks, and most documents
        // have none.)
        let grouping: std::cell::OnceCell<(Vec<u32>, Vec<u32>)> = std::cell::OnceCell::new();
        let group = || {
            let mut offsets = vec![0u32; form_count];
            let mut total = 0u32;
            for &f in keys {
                offsets[f] = total;
                total += count(f);
            }
            let mut grouped = vec![0u32; total as usize];
            let mut filled = vec![0u32; form_count];
            for (t, token) in tokens.iter().enumerate() {
                let f = token.form();
                if token.verdict == Lexical::Skip || count(f) == 0 {
                    continue;
                }
                grouped[(offsets[f] + filled[f]) as usize] = t as u32;
                filled[f] += 1;
            }
            (offsets, grouped)
        };
        let of_form = |f: usize| {
            let (offsets, grouped) = grouping.get_or_init(group);
            let at = offsets[f] as usize;
            grouped[at..at + count(f) as usize].iter().map(|&t| &tokens[t as usize])
        };
        for (a, candidates) in unknowns {
            let va = verdicts(a);
            let a_key: &str = self.form_key(a);
            let a_capital = va == Lexical::CapitalUnknown;
            let a_len = letters(a);
            let mut best: Option<usize> = None;
            for &(b, is_swapped, name_ok) in &nearby[candidates] {
                if a == b {
                    continue;
                }
                let b_key: &str = self.form_key(b);
                let b_len = letters(b);
                // (What the two keys alone say, unless known: the rest of it,
                // [`variants`], below.)
                if name_ok.is_none() && !one_slip_apart(a_key, a_len, b_key, b_len, is_swapped) {
                    continue;
                }
                let vb = verdicts(b);
                // Names pair with names, lower-case words with unknown lower-case words
                // (an unknown word near an English word is a spelling finding).
                let b_capital = of_form(b)
                    .any(|t| !t.capital_is_positional && self.text(t).starts_with(char::is_uppercase))
                    || vb == Lexical::CapitalUnknown;
                if a_capital != b_capital || (!a_capital && !unknown(vb)) {
                    continue;
                }
                if name_ok.is_none() && variants(a_key, b_key) {
                    continue;
                }
                // Different people's names often differ by one letter (Daniel /
                // Daniil, Harrison / Harmison, Riko / Rika, Tikrit / Tikriti): only
                // a cheap slip (a swap, a doubled, dropped or neighbouring letter)
                // that is not a vowel change or an added ending counts.
                if a_capital && !name_ok.unwrap_or_else(|| names_one_slip_apart(a_key, b_key)) {
                    continue;
                }
                // The flagged form: the unknown one when the other is known,
                // else the rarer one, else the one only in the summary, else the later one.
                let a_count = count(a);
                let b_count = count(b);
                let a_is_wrong = if !unknown(vb) {
                    a_count <= b_count
                } else if a_count != b_count {
                    a_count < b_count
                } else {
                    let a_summary_only = of_form(a).all(|t| !matches!(self.side_of(t), Side::Body(_)));
                    let b_summary_only = of_form(b).all(|t| !matches!(self.side_of(t), Side::Body(_)));
                    if a_summary_only != b_summary_only {
                        a_summary_only
                    } else {
                        of_form(a).next().map(|t| t.start()) > of_form(b).next().map(|t| t.start())
                    }
                };
                if a_is_wrong && best.is_none_or(|c| count(b) > count(c)) {
                    best = Some(b);
                }
            }
            let Some(right) = best else { continue };
            let times = count(right) as usize;
            let first_right = of_form(right)
                .find(|t| matches!(self.side_of(t), Side::Body(_)))
                .or_else(|| of_form(right).next())
                .expect("a compared form has a token");
            let right_written = bare(self.text(first_right)).to_string();
            for token in of_form(a) {
                if already.contains(&token.start()) {
                    continue;
                }
                let text = self.text(token);
                let suggestion = match_case(text, &right_written);
                let message = format!(
                    "`{}` is spelled `{}` elsewhere in this document ({} time{}); use one spelling ({ACCEPT_HINT})",
                    bare(text),
                    right_written,
                    times,
                    if times == 1 { "" } else { "s" }
                );
                let end = token.start() + bare(text).len();
                let span: Span = self.doc.span(token.start(), end);
                let mut finding = Finding::new(&INCONSISTENT_SPELLING, span, bare(text), message)
                    .with_suggestion(suggestion.clone())
                    .with_evidence(self.evidence(first_right, &format!("spelled `{right_written}` here")));
                if let Side::Summary(u) = self.side_of(token) {
                    finding = finding.with_unit(&self.doc.units[u].id);
                }
                typos.push(Typo {
                    rule: &INCONSISTENT_SPELLING,
                    start: token.start(),
                    end,
                    suggestion: Some(suggestion),
                    unambiguous: count(right) > count(a),
                    finding,
                });
            }
        }
    }
}

/// `key` with its first two letters swapped, if they differ.
fn swap_first_two(key: &str) -> Option<String> {
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(x), Some(y)) if x != y => Some([y, x].into_iter().chain(chars).collect()),
        _ => None,
    }
}

/// What the keys alone say of a pair `typo/inconsistent-spelling` may
/// flag: about the same length, the same first letter (unless `b` is `a`
/// with its first two letters swapped), one slip apart (two for long
/// words), and not [`variants`].
fn could_be_one_slip(a_key: &str, a_len: usize, b_key: &str, b_len: usize, swapped: bool) -> bool {
    one_slip_apart(a_key, a_len, b_key, b_len, swapped) && !variants(a_key, b_key)
}

/// [`could_be_one_slip`] but for [`variants`] (tested last, after the
/// cheaper tests of the forms' tokens).
#[inline(always)]
fn one_slip_apart(a_key: &str, a_len: usize, b_key: &str, b_len: usize, swapped: bool) -> bool {
    if b_len.abs_diff(a_len) > 1 || (a_key.chars().next() != b_key.chars().next() && !swapped) {
        return false;
    }
    if a_len.min(b_len) >= 8 {
        within_two_osa_edits(a_key, b_key)
    } else {
        within_one_osa_edit(a_key, b_key)
    }
}

/// An inflection of the other key, or the same letters with other accents.
fn variants(a_key: &str, b_key: &str) -> bool {
    is_inflection(a_key, b_key) || strip_diacritics(a_key) == strip_diacritics(b_key)
}

/// Whether two names may be one written two ways: different people's
/// names often differ by one letter (Daniel / Daniil, Harrison / Harmison,
/// Riko / Rika, Tikrit / Tikriti), so only a cheap slip (a swap, a doubled,
/// dropped or neighbouring letter) that is not a vowel change or an added
/// ending counts.
fn names_one_slip_apart(a_key: &str, b_key: &str) -> bool {
    let slip = name_slip_cost(a_key, b_key);
    let only_doubling = undouble(a_key) == undouble(b_key);
    !((slip > 0.8 && !only_doubling) || a_key.starts_with(b_key) || b_key.starts_with(a_key))
}

/// The pairs of a kept body's compared forms that `inconsistent` looks at,
/// by what their keys alone say ([`could_be_one_slip`]), so that the
/// records of the same body need not sort and compare the body's forms
/// again: they depend only on the body's forms, which a record of the same
/// body has at the same indices.
struct BodyPairs {
    /// Per compared form of the body whose verdict in the body is unknown
    /// (a summary can make it known, never the reverse), in the order of
    /// `compared`: the form, the end of its partners in `partners`, the
    /// body form that is its key with the first two letters swapped
    /// (`u32::MAX` if the body writes none), and its key's first letter.
    unknown: Vec<(u32, u32, u32, char)>,
    /// The body's compared forms that pass [`could_be_one_slip`] with the
    /// unknown form, in the order `inconsistent` takes them (by letters,
    /// then first use), with whether [`names_one_slip_apart`] holds.
    partners: Vec<(u32, bool)>,
}

/// True if the optimal-string-alignment distance of `a` and `b` (in
/// letters) is at most 2: `strsim::osa_distance(a, b) <= 2`, with the
/// table's rows on the stack instead of allocated (words of up to
/// [`OSA_STACK_CHARS`] letters; longer ones go to strsim). This runs for
/// every pair of similar long forms of every document.
fn within_two_osa_edits(a: &str, b: &str) -> bool {
    let mut a_chars = ['\0'; OSA_STACK_CHARS];
    let mut b_chars = ['\0'; OSA_STACK_CHARS];
    let (mut n, mut m) = (0, 0);
    for c in a.chars() {
        if n == OSA_STACK_CHARS {
            return strsim::osa_distance(a, b) <= 2;
        }
        a_chars[n] = c;
        n += 1;
    }
    for c in b.chars() {
        if m == OSA_STACK_CHARS {
            return strsim::osa_distance(a, b) <= 2;
        }
        b_chars[m] = c;
        m += 1;
    }
    if n.abs_diff(m) > 2 {
        return false;
    }
    let (a, b) = (&a_chars[..n], &b_chars[..m]);
    // The table with every entry capped at 3 ("more than two"), which gives
    // the same answer: only the band of entries within two columns of the
    // diagonal can be 2 or less, so only the band is computed, the rest
    // reads as 3. Rows i - 2, i - 1 and i in turn in three buffers.
    const FAR: u8 = 3;
    let mut rows = [[FAR; OSA_STACK_CHARS + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(m.min(2) + 1) {
        *cell = j as u8;
    }
    // The least entry of the row before, for the early exit below.
    let mut least_back = 0;
    for i in 1..=n {
        let (cur, back, two) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        let lo = i.saturating_sub(2).max(1);
        let hi = (i + 2).min(m);
        rows[cur][0] = if i <= 2 { i as u8 } else { FAR };
        // (The buffer held row i - 3, whose band reaches this column.)
        rows[cur][lo - 1] = if lo == 1 { rows[cur][0] } else { FAR };
        let mut least = rows[cur][0];
        for j in lo..=hi {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[back][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[back][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[two][j - 2] + 1);
            }
            rows[cur][j] = best.min(FAR);
            least = least.min(rows[cur][j]);
        }
        // An entry is at least the least of the row above (a diagonal step
        // costs 0 at best) and one more than the least of the row two up (a
        // swap): when this row is all 3 and the one before has nothing
        // under 2, every later row is all 3, and so is the answer. Most
        // pairs of different words part within a few letters.
        if least >= FAR && least_back >= 2 {
            return false;
        }
        least_back = least;
    }
    rows[n % 3][m] <= 2
}

/// Letters [`within_two_osa_edits`] handles on the stack.
const OSA_STACK_CHARS: usize = 64;

/// True if the optimal-string-alignment distance of `a` and `b` (in
/// letters) is at most 1: equal, or one letter substituted, inserted,
/// deleted, or two neighbours swapped. The same answer as
/// `strsim::osa_distance(a, b) <= 1` without its table.
fn within_one_osa_edit(a: &str, b: &str) -> bool {
    let (n, m) = (a.chars().count(), b.chars().count());
    if n.abs_diff(m) > 1 {
        return false;
    }
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count();
    let shorter = n.min(m);
    if n != m {
        // One deletion from the longer: the shorter is a prefix of it plus a suffix of it.
        return prefix + suffix >= shorter;
    }
    if prefix + suffix + 1 >= n {
        return true;
    }
    // Two neighbours swapped: they are the only letters that differ.
    prefix + suffix + 2 == n && {
        let mut x = a.chars().skip(prefix);
        let mut y = b.chars().skip(prefix);
        let (x0, x1, y0, y1) = (x.next(), x.next(), y.next(), y.next());
        x0 == y1 && x1 == y0
    }
}

/// A correction the lexicon offers for a typed word, before the document
/// is known: [`Candidate`] without the document's evidence.
struct NearWord {
    word: String,
    /// [`typing_cost`] from the typed word.
    cost: f64,
    /// The score before the document's evidence: the cost less the
    /// frequency bonus.
    score: f64,
    /// Same [`phonetic`] key as the typed word.
    sounds_alike: bool,
}

impl NearWord {
    fn new(key: &str, word: String, typed_phonetic: &str) -> NearWord {
        let cost = typing_cost(key, &word);
        let freq = lexicon::frequency(&word).max(10_000) as f64;
        NearWord {
            cost,
            score: cost - 0.25 * (freq.log10() - 5.0),
            sounds_alike: phonetic_is(&word, typed_phonetic),
            word,
        }
    }

    /// The ranked candidate, given whether the document uses the word (the
    /// adjustments in this order, so the scores are the same to the bit).
    fn candidate(&self, in_document: bool) -> Candidate {
        let mut score = self.score;
        if in_document {
            score -= 0.5;
        }
        if self.sounds_alike {
            score -= 0.15;
        }
        Candidate {
            word: self.word.clone(),
            cost: self.cost,
            score,
            in_document,
        }
    }
}

/// The common word (corpus frequency of 10 million or more, a word of
/// `locale`) that two neighbouring letters of the lower-cased `key` swapped
/// make, the most frequent if several: a handful of exact lookups,
/// remembered per worker thread (up to a bound), since they depend only on
/// `key` and the locale and names recur across a publication's articles.
fn swapped_common_word(key: &str, locale: Locale) -> Option<String> {
    thread_local! {
        static MEMO: std::cell::RefCell<ThreadMemo<Option<String>>> = std::cell::RefCell::default();
    }
    ThreadMemo::get_or_compute(&MEMO, key, locale, 20_000, || search_swapped_common_word(key, locale))
}

/// The least frequency of a common word in [`swapped_common_word`].
const COMMON_FREQUENCY: u64 = 10_000_000;

fn search_swapped_common_word(key: &str, locale: Locale) -> Option<String> {
    let chars: Vec<char> = key.chars().collect();
    let mut swapped: Option<(u64, String)> = None;
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] == chars[i + 1] {
            continue;
        }
        let mut variant = chars.clone();
        variant.swap(i, i + 1);
        let variant: String = variant.into_iter().collect();
        // (A form the table of frequent forms lacks is no common word: one
        // probe instead of a walk down the frequency map.)
        const _: () = assert!(COMMON_FREQUENCY >= lexicon::FREQUENT_FLOOR);
        if lexicon::surely_below_frequent_floor(&variant) {
            continue;
        }
        let freq = lexicon::frequency(&variant);
        if freq >= COMMON_FREQUENCY
            && lexicon::is_word(&variant, locale)
            && swapped.as_ref().is_none_or(|(f, _)| freq > *f)
        {
            swapped = Some((freq, variant));
        }
    }
    swapped.map(|(_, word)| word)
}

/// [`lexicon::is_near_known_name`], remembered per worker thread (up to a
/// bound): a fuzzy walk of the names list per capitalised word that may be
/// a typo, the same answer for the same word in every article.
fn near_known_name(key: &str) -> bool {
    thread_local! {
        static MEMO: std::cell::RefCell<ThreadMemo<bool>> = std::cell::RefCell::default();
    }
    // (Names have no locale.)
    ThreadMemo::get_or_compute(&MEMO, key, Locale::Any, 20_000, || lexicon::is_near_known_name(key))
}

/// The lexicon's corrections for one typed word in one locale.
struct LexiconCandidates {
    /// Those worth ranking: not the word itself, no apostrophe, a typing cost of at most 2.
    candidates: Vec<NearWord>,
    /// The typed word is the other locale's spelling.
    other_locale: bool,
}

/// The lexicon's corrections for the lower-cased `key`, remembered per
/// worker thread (up to a bound): the same unknown words recur across a
/// publication's articles, and the ranking's lexicon work (near-word
/// searches, a typing cost, a frequency and a sound key per candidate)
/// does not depend on the document.
fn lexicon_candidates(key: &str, locale: Locale) -> Rc<LexiconCandidates> {
    thread_local! {
        static MEMO: std::cell::RefCell<ThreadMemo<Rc<LexiconCandidates>>> = std::cell::RefCell::default();
    }
    ThreadMemo::get_or_compute(&MEMO, key, locale, 20_000, || {
        Rc::new(search_lexicon_candidates(key, locale))
    })
}

/// Answers that depend only on a word and the locale, remembered per
/// worker thread up to a bound (then forgotten all at once: the bounds are
/// far above an article's vocabulary).
struct ThreadMemo<V> {
    locale: Locale,
    seen: HashMap<String, V, FxBuild>,
}

impl<V> Default for ThreadMemo<V> {
    fn default() -> Self {
        ThreadMemo {
            locale: Locale::default(),
            seen: HashMap::default(),
        }
    }
}

impl<V: Clone> ThreadMemo<V> {
    /// The remembered answer for `key` in `locale`, or `compute`'s, then
    /// remembered (the memo is emptied first if it holds `max_entries`).
    /// `compute` runs with the memo unborrowed.
    fn get_or_compute(
        memo: &'static std::thread::LocalKey<std::cell::RefCell<Self>>,
        key: &str,
        locale: Locale,
        max_entries: usize,
        compute: impl FnOnce() -> V,
    ) -> V {
        let hit = memo.with(|memo| {
            let memo = memo.borrow();
            (memo.locale == locale).then(|| memo.seen.get(key).cloned()).flatten()
        });
        if let Some(hit) = hit {
            return hit;
        }
        let found = compute();
        memo.with(|memo| {
            let mut memo = memo.borrow_mut();
            if memo.locale != locale || memo.seen.len() >= max_entries {
                memo.locale = locale;
                memo.seen.clear();
            }
            memo.seen.insert(key.to_string(), found.clone());
        });
        found
    }
}

fn search_lexicon_candidates(key: &str, locale: Locale) -> LexiconCandidates {
    search_lexicon_candidates_with(key, locale, false)
}

/// [`search_lexicon_candidates`], looking up every swap of two letters
/// even where the search found them (`every_swap`, for the tests).
fn search_lexicon_candidates_with(key: &str, locale: Locale, every_swap: bool) -> LexiconCandidates {
    // One edit first: the two-edit search walks several times as much of the
    // lexicon, and is only worth it when no single edit gives a likely word.
    let long = key.chars().count() >= lexicon::MIN_CHARS_FOR_TWO_EDITS;
    let mut widened = false;
    let near = lexicon::near_words_widening(key, locale, |within_one| {
        // (A word the table of frequent forms lacks is below the frequency
        // asked for: one probe instead of the typing cost, a table of
        // cells, for most of the words one edit away, which are rare.)
        const GOOD_SINGLE_FREQUENCY: u64 = 1_000_000;
        const _: () = assert!(GOOD_SINGLE_FREQUENCY >= lexicon::FREQUENT_FLOOR);
        let good_single = within_one.iter().any(|(w, d)| {
            *d > 0
                && !lexicon::surely_below_frequent_floor(w)
                && typing_cost(key, w) <= 0.8
                && lexicon::frequency(w) >= GOOD_SINGLE_FREQUENCY
        });
        widened = !good_single && long;
        widened
    });
    let mut words: HashSet<String, FxBuild> = near.into_iter().filter(|(_, d)| *d > 0).map(|(w, _)| w).collect();
    // Swapped letters cost two Levenshtein edits, out of reach for short words
    // and for a search that did not widen. (A widened search found every word
    // two edits away, so every swap that is a word: a lookup per letter for
    // nothing. Only for ASCII keys, which the search reads unchanged; a word
    // with an apostrophe, which the search does not find as a possessive,
    // is no candidate anyway.)
    if every_swap || !(widened && key.is_ascii()) {
        insert_swapped_words(key, locale, &mut words);
    }
    let typed_phonetic = phonetic(key);
    let candidates = words
        .into_iter()
        .filter(|w| w != key && !w.contains('\''))
        .map(|word| NearWord::new(key, word, &typed_phonetic))
        .filter(|c| c.cost <= 2.0)
        .collect();
    LexiconCandidates {
        candidates,
        other_locale: locale != Locale::Any && lexicon::is_word(key, Locale::Any),
    }
}

/// Adds to `words` each word of `locale` that two neighbouring letters of
/// `key` swapped make (other than `key`).
fn insert_swapped_words(key: &str, locale: Locale, words: &mut HashSet<String, FxBuild>) {
    let chars: Vec<char> = key.chars().collect();
    for i in 0..chars.len().saturating_sub(1) {
        let mut swapped = chars.clone();
        swapped.swap(i, i + 1);
        let swapped: String = swapped.into_iter().collect();
        if swapped != key && lexicon::is_word(&swapped, locale) {
            words.insert(swapped);
        }
    }
}

/// [`lexical`], the lower-cased key and the count of capitals of written
/// forms, remembered per worker thread across documents: a publication's
/// articles share most of their vocabulary, and the lexicon lookups behind
/// a verdict are most of the per-word cost. For one locale and one set of
/// project words.
///
/// Keys are interned: each has an id, and `forms` holds, by id, where the
/// document being read keeps the key ([`Checker::forms`]), so a token costs
/// one hash lookup (its written text) and no per-document map is built.
#[derive(Default)]
struct Verdicts {
    /// Which verdicts these are: a new number whenever they are emptied,
    /// so that a key id kept elsewhere ([`BodySnapshot`]) is known to be
    /// this key's id here.
    generation: u64,
    locale: Locale,
    words: HashSet<String>,
    /// Written forms of over 8 bytes (sharing the key's string when the
    /// form is its own key).
    seen: HashMap<Rc<str>, Seen, FxBuild>,
    /// Written forms of 1 to 8 bytes evicted from [`Verdicts::short`]
    /// (and some still there), by their [`ShortForm`]: no string allocated
    /// or hashed per new form, and an 8-byte key compared when an evicted
    /// form comes back. Every short form seen is in `short` or here: a new
    /// form goes into its table slot only, and into this map when another
    /// form takes the slot. Why: on a fresh thread most slots are empty,
    /// and an insert per new form into a growing map was a tenth of what a
    /// new form cost outside its lexicon lookups.
    seen_short: HashMap<ShortForm, Seen, FxBuild>,
    /// How many distinct short forms were seen (what `seen_short.len()`
    /// was when every one went into it), for the bound on the entries.
    short_forms: usize,
    /// The keys by id.
    keys: Vec<Rc<str>>,
    /// The id of each key.
    key_ids: HashMap<Rc<str>, u32, FxBuild>,
    /// By key id: where the lending document keeps the key, and its letters.
    forms: Vec<KeyForm>,
    /// By key id: whether `typo/inconsistent-spelling` compares the key
    /// with others (4+ letters, not a function word).
    key_compared: Vec<bool>,
    /// Entries of `seen_short`, in a table indexed
    /// by their bytes ([`ShortForm`]): most words have 8 bytes or fewer,
    /// and a table slot is cheaper to find than a hash map entry.
    short: Vec<ShortSlot>,
    /// The key ids whose `forms` entries a document left set when it
    /// ended: the body's forms of the [`BodySnapshot`] stamped `left_for`,
    /// at their indices there, for the next document on the thread to
    /// take as they are if it restores that body, or to clear
    /// ([`VerdictsLoan::clear_left`]). Why: setting every body form's
    /// entry again for each record of a body (random writes by key id)
    /// was most of what restoring it cost after the copies.
    left: Vec<u32>,
    left_for: u64,
}

/// What [`Verdicts::forms`] holds for one key id: the two are read
/// together when a document first writes the key, so they share a cache
/// line (two arrays by key id were two misses).
#[derive(Clone, Copy, Default)]
struct KeyForm {
    /// 1 + the key's index in the lending document's forms, or 0.
    form: u32,
    /// The key's letters.
    letters: u32,
}

/// A slot of [`Verdicts::short`]: a [`ShortForm`] and its [`Seen`] in 16
/// bytes (a `(ShortForm, Seen)` pair took 32), so the table's 16,384 slots
/// take 256 KB and twice as many fit in each cache level.
#[derive(Clone, Copy, Default)]
struct ShortSlot {
    bytes: u64,
    key: u32,
    /// 0 for an empty slot (no form is empty).
    len: u8,
    verdict: Lexical,
    capitals: u8,
    /// [`ShortSlot::COMPARED`] and [`ShortSlot::IN_MAP`].
    flags: u8,
}

impl ShortSlot {
    /// A table of [`ShortForm::SLOTS`] empty slots, every page of it
    /// written now. A zeroed allocation comes back as fresh pages, and the
    /// kernel maps each to its shared zero page on the first read (a probe
    /// of an empty slot); the first write after that copies the page and,
    /// with two worker threads, interrupts the other core to flush its TLB
    /// (in a virtual machine a costly exit each time). Writing first gives
    /// each page its own frame in one fault: on distinct documents those
    /// copies were about 3 ms of the 12–20 ms more CPU two threads took
    /// than one (`perf record -g`, 16,384 slots in 64 pages per worker).
    fn empty_table() -> Vec<ShortSlot> {
        const PAGE: usize = 4096;
        let mut table = vec![ShortSlot::default(); ShortForm::SLOTS];
        // A slot a page apart, and the last (the table need not start on a
        // page).
        let touched = (0..table.len()).step_by(PAGE / std::mem::size_of::<ShortSlot>());
        for at in touched.chain([table.len() - 1]) {
            // (Through `black_box`: a store of the zero already there is
            // otherwise dropped, and the allocation stays untouched.)
            std::hint::black_box(&mut table[at]).len = 0;
        }
        table
    }

    /// `flags`: the form's [`Seen::compared`].
    const COMPARED: u8 = 1;
    /// `flags`: the form is in [`Verdicts::seen_short`] too, so evicting
    /// it needs no insert (a form that takes turns with another in one
    /// slot is inserted once, not at every turn).
    const IN_MAP: u8 = 2;

    #[inline]
    fn new(form: ShortForm, seen: Seen, in_map: bool) -> ShortSlot {
        ShortSlot {
            bytes: form.bytes,
            key: seen.key,
            len: form.len,
            verdict: seen.verdict,
            capitals: seen.capitals,
            flags: u8::from(seen.compared) * Self::COMPARED + u8::from(in_map) * Self::IN_MAP,
        }
    }

    /// The form it holds and what it remembers of it, if it holds one.
    /// (And whether it is in [`Verdicts::seen_short`] too.)
    fn entry(self) -> Option<(ShortForm, Seen, bool)> {
        (self.len != 0).then_some((
            ShortForm {
                bytes: self.bytes,
                len: self.len,
            },
            Seen {
                verdict: self.verdict,
                key: self.key,
                capitals: self.capitals,
                compared: self.flags & Self::COMPARED != 0,
            },
            self.flags & Self::IN_MAP != 0,
        ))
    }

    /// What it remembers of `form`, if it holds `form`.
    #[inline]
    fn seen(self, form: ShortForm) -> Option<Seen> {
        (self.bytes == form.bytes && self.len == form.len).then_some(Seen {
            verdict: self.verdict,
            key: self.key,
            capitals: self.capitals,
            compared: self.flags & Self::COMPARED != 0,
        })
    }
}

/// A written form of 1 to 8 bytes, as its bytes (little-endian, zero
/// padded) and its length: two forms are equal if these are.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
struct ShortForm {
    bytes: u64,
    len: u8,
}

impl ShortForm {
    /// Slots in [`Verdicts::short`] (a power of two).
    ///
    /// 16,384: a worker thread soon knows more than the 4,096 slots there
    /// were (the 153 test articles write about 12,000 distinct forms), and
    /// a form evicted from its slot costs a hash map lookup.
    const SLOTS: usize = 16_384;

    #[inline]
    fn of(text: &str) -> Option<ShortForm> {
        let bytes = text.as_bytes();
        if bytes.is_empty() || bytes.len() > 8 {
            return None;
        }
        Some(ShortForm {
            bytes: crate::text::le_words::<1>(bytes)[0],
            len: bytes.len() as u8,
        })
    }

    /// [`ShortForm::of`] for the `len` bytes of `all` from `start` (on
    /// character boundaries): one 8-byte load, masked to `len`, where `all`
    /// has 8 bytes from `start`. Why: the padded copy of [`ShortForm::of`]
    /// is a `memcpy` call of a varying length per token, whose size
    /// dispatch the branch predictor misses.
    #[inline]
    fn in_text(all: &str, start: usize, len: usize) -> Option<ShortForm> {
        if len == 0 || len > 8 {
            return None;
        }
        let Some(window) = all.as_bytes().get(start..start + 8) else {
            return ShortForm::of(&all[start..start + len]);
        };
        let word = u64::from_le_bytes(window.try_into().expect("8 bytes"));
        let mask = if len == 8 { u64::MAX } else { (1u64 << (8 * len)) - 1 };
        Some(ShortForm {
            bytes: word & mask,
            len: len as u8,
        })
    }

    /// [`plain_and_capitals`] of the form, whose text is `text`, from its
    /// bytes, eight at a time (as by characters if it is not ASCII). Why:
    /// the loop over a new form's bytes missed its exit as the length
    /// changed from form to form.
    #[inline]
    fn plain_and_capitals(self, text: &str) -> (bool, usize, bool) {
        if self.bytes & 0x8080_8080_8080_8080 != 0 {
            return (false, capitals(text), false);
        }
        let uppers = ascii_in_range(self.bytes, b'A', b'Z').count_ones() as usize;
        let backtick = ascii_in_range(self.bytes, b'`', b'`') != 0;
        (uppers == 0 && !backtick, uppers, true)
    }

    /// The bytes of the [`fold`] of an ASCII form (the same length): its
    /// capitals lowered and its backticks made apostrophes.
    #[inline]
    fn folded_bytes(self) -> u64 {
        let capitals = ascii_in_range(self.bytes, b'A', b'Z');
        let backticks = ascii_in_range(self.bytes, b'`', b'`');
        // A capital gains 0x20 (its high bit shifted down by two); a
        // backtick (0x60) loses 0x39 to become an apostrophe (0x27).
        (self.bytes + (capitals >> 2)) - (backticks >> 7) * 0x39
    }

    /// Its slot: the top bits of a multiplicative hash.
    #[inline]
    fn slot(self) -> usize {
        (self
            .bytes
            .wrapping_add(u64::from(self.len))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (64 - Self::SLOTS.trailing_zeros())) as usize
    }
}

/// What [`Verdicts`] remember of a written form.
#[derive(Clone, Copy)]
struct Seen {
    verdict: Lexical,
    /// The id of its lower-cased key, possessive stripped.
    key: u32,
    /// How many capitals it has (up to 255; only 0, 1 and more are told apart).
    capitals: u8,
    /// Whether `typo/inconsistent-spelling` compares its key
    /// ([`Verdicts::key_compared`]), kept here so a token needs no lookup by key id.
    compared: bool,
}

thread_local! {
    static VERDICTS: std::cell::Cell<Verdicts> = std::cell::Cell::default();
}

/// The thread's verdicts while a document is read, with the ids whose
/// `forms` entries the document set (cleared when the loan ends, however
/// it ends, so the next document starts from none).
struct VerdictsLoan {
    cache: Verdicts,
    used: Vec<u32>,
    /// How many of the first `used` to leave set when the loan ends (the
    /// body's forms of the snapshot stamped `keep_for`, which the thread
    /// keeps), as [`Verdicts::left`].
    keep: usize,
    keep_for: u64,
    /// The fold of a new form that does not fold to itself
    /// ([`fold_in`]): one buffer for all, not a string per form.
    folded: String,
}

impl VerdictsLoan {
    /// Most written forms remembered; more are forgotten between documents.
    const MAX_ENTRIES: usize = 100_000;

    /// Written forms (and keys) the maps have room for from the start.
    const INITIAL_FORMS: usize = 8192;

    /// This worker thread's [`Verdicts`], emptied first if they were made
    /// for another locale or other project words, or grew past their bound.
    /// Taken out of the thread for one document (one access, not one per
    /// form) and put back when dropped.
    /// (The checker takes them with [`VerdictsLoan::take_leaving`].)
    #[cfg(test)]
    fn take(locale: Locale, words: &HashSet<String>) -> VerdictsLoan {
        let mut loan = Self::take_leaving(locale, words);
        loan.clear_left();
        loan
    }

    /// [`VerdictsLoan::take`], with the `forms` entries the last document
    /// left set ([`Verdicts::left`]) still set: for `collect`, which takes
    /// or clears them ([`BodySnapshot::restore`]) before it reads any.
    fn take_leaving(locale: Locale, words: &HashSet<String>) -> VerdictsLoan {
        let mut cache = VERDICTS.with(|cache| cache.take());
        if cache.locale != locale || cache.words != *words || cache.seen.len() + cache.short_forms >= Self::MAX_ENTRIES
        {
            cache = Verdicts {
                locale,
                words: words.clone(),
                ..Verdicts::default()
            };
        }
        if cache.generation == 0 {
            cache.generation = NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        if cache.seen.capacity() == 0 {
            // Room for a few hundred articles' vocabulary up front: growing
            // the maps from nothing rehashed every form seen so far, a few
            // percent of a first pass.
            cache.seen.reserve(Self::INITIAL_FORMS / 4);
            cache.seen_short.reserve(Self::INITIAL_FORMS);
            cache.key_ids.reserve(Self::INITIAL_FORMS);
            // (The vectors by key id too, for as many keys as the map has
            // room for: grown from nothing, they were copied at every
            // doubling, and grown at `INITIAL_FORMS` keys, they were copied
            // once more on a thread's first 150 articles.)
            let keys = cache.key_ids.capacity();
            cache.keys.reserve(keys);
            cache.forms.reserve(keys);
            cache.key_compared.reserve(keys);
        }
        VerdictsLoan {
            cache,
            used: Vec::new(),
            keep: 0,
            keep_for: 0,
            folded: String::new(),
        }
    }

    /// Clears the `forms` entries the last document left set.
    fn clear_left(&mut self) {
        for &id in &self.cache.left {
            self.cache.forms[id as usize].form = 0;
        }
        self.cache.left.clear();
    }

    /// Takes the `forms` entries the last document left set as this
    /// document's, if they are the body's forms of the snapshot stamped
    /// `stamp` (`body_forms` of them), and says so; else clears them.
    fn take_left(&mut self, stamp: u64, body_forms: usize) -> bool {
        debug_assert!(self.used.is_empty());
        if stamp != 0 && self.cache.left_for == stamp && self.cache.left.len() == body_forms {
            self.used = std::mem::take(&mut self.cache.left);
            #[cfg(test)]
            LEFT_TAKEN.with(|count| count.set(count.get() + 1));
            true
        } else {
            self.clear_left();
            false
        }
    }

    /// The verdict, key id and capitals of the written form `text`;
    /// `short` is its [`ShortForm`] ([`ShortForm::in_text`]).
    /// (The table slot inline, in the word loop; the rest, which most
    /// tokens of a warm thread never reach, out of line.)
    #[inline(always)]
    fn seen(&mut self, text: &str, short: Option<ShortForm>, locale: Locale, words: &HashSet<String>) -> Seen {
        if let Some(form) = short {
            if let Some(seen) = self.cache.short.get(form.slot()).and_then(|slot| slot.seen(form)) {
                return seen;
            }
        }
        self.seen_beyond_table(text, short, locale, words)
    }

    /// [`VerdictsLoan::seen`] for a form not in its table slot.
    #[inline(never)]
    fn seen_beyond_table(
        &mut self,
        text: &str,
        short: Option<ShortForm>,
        locale: Locale,
        words: &HashSet<String>,
    ) -> Seen {
        let Some(form) = short else {
            return match self.cache.seen.get(text) {
                Some(&seen) => seen,
                None => {
                    let seen = self.add(text, None, locale, words);
                    // (Most long forms are their own key: one string for both.)
                    let key = &self.cache.keys[seen.key as usize];
                    let form = if **key == *text { Rc::clone(key) } else { Rc::from(text) };
                    self.cache.seen.insert(form, seen);
                    seen
                }
            };
        };
        if self.cache.short.is_empty() {
            self.cache.short = ShortSlot::empty_table();
        }
        let at = form.slot();
        // A form whose slot is empty was never seen: a form leaves its slot
        // only for another, which fills it, so `seen_short` holds no form of
        // an empty slot. (On a fresh thread most new forms find their slot
        // empty: no probe of the map for them.)
        let known = match self.cache.short[at].len {
            0 => None,
            _ => self.cache.seen_short.get(&form).copied(),
        };
        let (seen, in_map) = match known {
            Some(seen) => (seen, true),
            None => {
                self.cache.short_forms += 1;
                (self.add(text, Some(form), locale, words), false)
            }
        };
        let slot = &mut self.cache.short[at];
        // (The slot's earlier form, if any, is kept in `seen_short`: it is
        // not `form`, or `seen` would have found it there.)
        if let Some((earlier, earlier_seen, false)) = slot.entry() {
            self.cache.seen_short.insert(earlier, earlier_seen);
        }
        *slot = ShortSlot::new(form, seen, in_map);
        seen
    }

    /// What to remember of the written form `text`, seen for the first
    /// time (the caller remembers it), with its key interned; `short` is
    /// its [`ShortForm`], if it has one (then its shape is read from those
    /// bytes, eight at a time).
    fn add(&mut self, text: &str, short: Option<ShortForm>, locale: Locale, words: &HashSet<String>) -> Seen {
        let VerdictsLoan { cache, folded, .. } = self;
        // A form that folds to itself is ASCII without capitals: nothing to count.
        let (plain, uppers, ascii) = match short {
            Some(form) => form.plain_and_capitals(text),
            None => plain_and_capitals(text),
        };
        let folded: &str = if plain { text } else { fold_in(text, folded) };
        let key = bare(folded);
        // (A short ASCII form's key as bytes: the form's, lowered.)
        let short_key = short
            .filter(|_| ascii)
            .map(|form| form.folded_bytes() & low_bytes(key.len()));
        let id = match cache.key_ids.get(key) {
            Some(&id) => id,
            None => {
                let id = cache.keys.len() as u32;
                let key: Rc<str> = Rc::from(key);
                // (An ASCII form's key is ASCII: a letter a byte, no count.)
                let letters = if ascii { key.len() } else { key.chars().count() };
                cache
                    .key_compared
                    .push(!(key.len() < 4 || letters < 4 || is_stopword(&key)));
                cache.keys.push(Rc::clone(&key));
                cache.key_ids.insert(key, id);
                cache.forms.push(KeyForm {
                    form: 0,
                    letters: letters as u32,
                });
                id
            }
        };
        Seen {
            verdict: lexical_folded(text, folded, plain, uppers, short_key, locale, words),
            key: id,
            capitals: uppers.min(255) as u8,
            compared: cache.key_compared[id as usize],
        }
    }

    /// The lending document's index of the key `id`, if it writes the key.
    #[inline]
    fn form(&self, id: u32) -> Option<usize> {
        self.cache.forms[id as usize].form.checked_sub(1).map(|f| f as usize)
    }

    fn set_form(&mut self, id: u32, form: usize) {
        self.cache.forms[id as usize].form = form as u32 + 1;
        self.used.push(id);
    }
}

impl Drop for VerdictsLoan {
    fn drop(&mut self) {
        // (Entries left by the document before and never taken or cleared:
        // a checker that did not collect.)
        self.clear_left();
        let mut cache = std::mem::take(&mut self.cache);
        let keep = self.keep.min(self.used.len());
        for &id in &self.used[keep..] {
            cache.forms[id as usize].form = 0;
        }
        if keep > 0 {
            self.used.truncate(keep);
            cache.left = std::mem::take(&mut self.used);
            cache.left_for = self.keep_for;
        }
        // (During thread exit the slot may be gone: the verdicts are dropped then.)
        let _ = VERDICTS.try_with(|slot| slot.set(cache));
    }
}

/// Numbers [`Verdicts::generation`]s (0 is none).
static NEXT_GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// The last body read on this thread.
    static BODY_SNAPSHOT: std::cell::Cell<BodySnapshot> = std::cell::Cell::default();
}

#[cfg(test)]
thread_local! {
    /// How many documents on this thread started from a body snapshot (so
    /// the tests know the snapshots they compare with a fresh thread were used).
    static RESTORED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many judgements of `spelling` on this thread were taken from a
    /// body snapshot, and how many unsure body tokens were judged again.
    static REUSED: std::cell::Cell<(usize, usize)> = const { std::cell::Cell::new((0, 0)) };
    /// How many documents on this thread paired their forms in
    /// `inconsistent` from a body snapshot's kept pairs.
    static PAIRED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// How many documents on this thread took the `forms` entries of their
    /// body's forms as the document before left them ([`Verdicts::left`]).
    static LEFT_TAKEN: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// What `collect` had after reading a document's body regions (the
/// regions up to the last one that is not a summary unit), kept with
/// everything that reading depended on, so that the next document on the
/// thread with the same body starts from there and reads only its
/// summary. Why: in JSONL input the records of one article (several
/// summaries of one body) come one after another to one worker thread,
/// and the body is most of each record's words.
///
/// Reading the body regions depends on the bytes of the text it read (the
/// regions, and after each word the bytes the hyphen-prefix test of
/// `count_form` reads: [`hyphen_test_end`]), on the regions (offsets,
/// sides, title case, and their indices, which the tokens keep), on
/// whether the words came from the alignment, and on the thread's
/// verdicts: their key ids (the same [`Verdicts::generation`] gives a key
/// the same id), locale and project words (the document's: verdicts made
/// for others are emptied, which starts a new generation).
#[derive(Default)]
struct BodySnapshot {
    generation: u64,
    aligned: bool,
    /// The document's text up to the end of what reading the body read.
    text: Vec<u8>,
    /// Whether the text ended there (then the hyphen test may have found
    /// no byte after a word, which a longer text would have).
    text_ends: bool,
    /// The body regions in text order, with their indices in the regions.
    regions: Vec<(usize, Region)>,
    /// The forms after the body was read (copied then: reading the summary
    /// counts them further).
    forms: Vec<FormUse>,
    /// Whether `forms` are moved in with the tokens instead (the document
    /// had no region after the body).
    forms_at_end: bool,
    /// The document's tokens, form keys, names, compared forms and unsure
    /// tokens, when it was done (moved here by [`Checker::keep_body`]):
    /// only ever appended to after the body was read, so the body's are
    /// the first `body_tokens`, `forms.len()`, `body_names`,
    /// `body_compared` and `body_unsure`. Once `split`, only the body's:
    /// lent (moved) to each document restored from here, which appends
    /// its summary's, and taken back cut to the body's
    /// ([`BodySnapshot::take_back`]); not copied per document.
    tokens: Vec<Token>,
    form_keys: Vec<u32>,
    names: Vec<u32>,
    compared: Vec<usize>,
    unsure: Vec<usize>,
    body_tokens: usize,
    body_names: usize,
    body_compared: usize,
    body_unsure: usize,
    /// Whether the kept document's summary tokens, form keys and names
    /// were moved out of the vectors above into these (at the first
    /// restore), for [`Checker::changed_forms`].
    split: bool,
    summary_tokens: Vec<Token>,
    summary_form_keys: Vec<u32>,
    summary_names: Vec<u32>,
    /// The document's forms when it was done, if `forms` are the body's only.
    final_forms: Vec<FormUse>,
    /// Whether `spelling` judged the document's words, logging what the
    /// judgements of the body's unsure tokens read ([`Checker::judged`],
    /// [`Checker::deps`]); then its ranked corrections are kept too
    /// (those of the forms in `summary_touched` are not the body's).
    judgements: bool,
    judged: Vec<(bool, u32)>,
    deps: Vec<Dep>,
    summary_touched: Vec<u32>,
    candidates: HashMap<String, Vec<Candidate>>,
    /// The body's pairs for `inconsistent`, once a record of the same body
    /// found them (the first of a body does not: most bodies are read once).
    pairs: Option<BodyPairs>,
    /// Which snapshot this is: a new number each time one is started
    /// ([`Verdicts::left`] names the one whose forms were left set).
    stamp: u64,
}

impl BodySnapshot {
    /// Documents of more bytes are not kept (one per worker thread).
    const MAX_TEXT: usize = 1 << 18;

    /// If `checker`'s document has the body it holds (`body`, the indices
    /// of its body regions in text order; `aligned`, whether its words come
    /// from the alignment): puts in `checker` and `tokens` (both empty)
    /// what reading those regions gives, and says so.
    /// The body's vectors are lent to `checker` (and `tokens`), not copied:
    /// [`BodySnapshot::take_back`] (or [`BodySnapshot::copy_back`]) gives
    /// them back.
    fn restore(&mut self, checker: &mut Checker, body: &[usize], aligned: bool, tokens: &mut Vec<Token>) -> bool {
        let text = checker.doc.text.as_bytes();
        let same = !body.is_empty()
            && self.generation == checker.verdicts.cache.generation
            && self.aligned == aligned
            && self.regions.len() == body.len()
            && if self.text_ends {
                text.len() == self.text.len()
            } else {
                text.len() > self.text.len()
            }
            && self
                .regions
                .iter()
                .zip(body)
                .all(|(&(_, region), &r)| region == checker.regions[r])
            && text[..self.text.len()] == self.text[..];
        if !same {
            return false;
        }
        #[cfg(test)]
        RESTORED.with(|count| count.set(count.get() + 1));
        debug_assert!(tokens.is_empty() && checker.forms.is_empty() && checker.names.is_empty());
        debug_assert!(checker.form_keys.is_empty() && checker.compared.is_empty() && checker.unsure.is_empty());
        if !self.split {
            let body_forms = self.forms.len();
            self.summary_tokens.clear();
            self.summary_tokens.extend_from_slice(&self.tokens[self.body_tokens..]);
            self.summary_form_keys.clear();
            self.summary_form_keys.extend_from_slice(&self.form_keys[body_forms..]);
            self.summary_names.clear();
            self.summary_names.extend_from_slice(&self.names[self.body_names..]);
            self.tokens.truncate(self.body_tokens);
            self.form_keys.truncate(body_forms);
            self.names.truncate(self.body_names);
            self.compared.truncate(self.body_compared);
            self.unsure.truncate(self.body_unsure);
            self.split = true;
        }
        *tokens = std::mem::take(&mut self.tokens);
        if !self.regions.iter().zip(body).all(|(&(was, _), &r)| was == r) {
            // The same regions at other indices: another number of summary
            // units before the body's sentences in the regions. (Renumbered
            // where they are: the body's tokens come back so, and the
            // regions say so.)
            let mut index = vec![0u32; self.regions.iter().map(|&(was, _)| was + 1).max().unwrap_or(0)];
            for (&(was, _), &r) in self.regions.iter().zip(body) {
                index[was] = r as u32;
            }
            for token in tokens.iter_mut() {
                token.in_region = index[token.region()];
            }
            for (region, &r) in self.regions.iter_mut().zip(body) {
                region.0 = r;
            }
        }
        checker.forms.extend_from_slice(&self.forms);
        checker.form_keys = std::mem::take(&mut self.form_keys);
        if checker.verdicts.take_left(self.stamp, checker.form_keys.len()) {
            debug_assert!(checker
                .form_keys
                .iter()
                .enumerate()
                .all(|(form, &id)| checker.verdicts.form(id) == Some(form)));
        } else {
            for (form, &id) in checker.form_keys.iter().enumerate() {
                checker.verdicts.set_form(id, form);
            }
        }
        checker.names = std::mem::take(&mut self.names);
        checker.compared = std::mem::take(&mut self.compared);
        checker.unsure = std::mem::take(&mut self.unsure);
        true
    }

    /// How many forms reading the body gave (the first of `final_forms` too).
    fn body_forms(&self) -> usize {
        self.forms.len()
    }

    /// Takes back from `checker`, at the end of a document [`restore`]d
    /// from here, the vectors it lent, cut back to the body's (the
    /// document only appended to them).
    ///
    /// [`restore`]: BodySnapshot::restore
    fn take_back(&mut self, checker: &mut Checker) {
        debug_assert!(self.split && self.tokens.is_empty());
        self.tokens = std::mem::take(&mut checker.tokens);
        self.tokens.truncate(self.body_tokens);
        self.form_keys = std::mem::take(&mut checker.form_keys);
        self.form_keys.truncate(self.forms.len());
        self.names = std::mem::take(&mut checker.names);
        self.names.truncate(self.body_names);
        self.compared = std::mem::take(&mut checker.compared);
        self.compared.truncate(self.body_compared);
        self.unsure = std::mem::take(&mut checker.unsure);
        self.unsure.truncate(self.body_unsure);
    }

    /// [`BodySnapshot::take_back`], by copies, for a document whose
    /// tokens (`tokens`, not yet in `checker`) are about to be sorted and
    /// counted again.
    fn copy_back(&mut self, checker: &Checker, tokens: &[Token]) {
        debug_assert!(self.split && self.tokens.is_empty());
        self.tokens = tokens[..self.body_tokens].to_vec();
        self.form_keys = checker.form_keys[..self.forms.len()].to_vec();
        self.names = checker.names[..self.body_names].to_vec();
        self.compared = checker.compared[..self.body_compared].to_vec();
        self.unsure = checker.unsure[..self.body_unsure].to_vec();
    }

    /// Starts keeping what `checker` has after reading the regions `body`
    /// (indices, in text order) in text order into `tokens`, and says so;
    /// [`Checker::keep_body`] finishes. `whole`: the body is all the
    /// document's regions (its forms are then final, and moved at the end,
    /// not copied). Not for a long document (then it changes nothing).
    fn start(&mut self, checker: &Checker, body: &[usize], aligned: bool, tokens: &[Token], whole: bool) -> bool {
        let text = &checker.doc.text;
        let Some(mut end) = body.iter().map(|&r| checker.regions[r].end).max() else {
            return false;
        };
        if text.len() > Self::MAX_TEXT {
            return false;
        }
        // (The hyphen test reads at most a hyphen and a character, 7 bytes,
        // after a word, which is at most `MAX_WORD_BYTES` long: only the
        // last few tokens, which start in order, can read past the regions.)
        let regions_end = end;
        for token in tokens.iter().rev() {
            if token.start() + MAX_WORD_BYTES + 7 <= regions_end {
                break;
            }
            end = end.max(hyphen_test_end(text, token.end()));
        }
        self.generation = checker.verdicts.cache.generation;
        self.aligned = aligned;
        self.text.clear();
        self.text.extend_from_slice(&text.as_bytes()[..end]);
        self.text_ends = end == text.len();
        self.regions.clear();
        self.regions.extend(body.iter().map(|&r| (r, checker.regions[r])));
        self.forms_at_end = whole;
        if !whole {
            self.forms.clear();
            self.forms.extend_from_slice(&checker.forms);
        }
        self.body_tokens = tokens.len();
        self.body_names = checker.names.len();
        self.body_compared = checker.compared.len();
        self.body_unsure = checker.unsure.len();
        self.pairs = None;
        self.stamp = NEXT_GENERATION.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        true
    }
}

/// The end of the bytes of `text` that the hyphen-prefix test of
/// `count_form` reads for a word ending at `end`: the byte after it, and
/// if that starts a hyphen, the hyphen and the character after it.
fn hyphen_test_end(text: &str, end: usize) -> usize {
    let Some(&byte) = text.as_bytes().get(end) else {
        return end;
    };
    if !matches!(byte, b'-' | 0xE2) {
        return end + 1;
    }
    let rest = &text[end..];
    let first = rest.chars().next().map_or(0, char::len_utf8);
    match rest.strip_prefix(['-', '\u{2010}', '\u{2011}']) {
        Some(after) => end + first + after.chars().next().map_or(0, char::len_utf8),
        None => end + first,
    }
}

/// FxHash (as in rustc): a fast hash for the per-document maps of short
/// words, where SipHash's protection against crafted keys buys nothing.
type FxBuild = rustc_hash::FxBuildHasher;

/// True if the folded `word` has a digit or a full stop, or fewer than two
/// letters: a number or unit (5km, 10GB, 9am), an abbreviation (U.S,
/// F.B.I) or an initial. (By bytes if it is ASCII, the common case: no
/// character decoding.)
fn number_abbreviation_or_initial(word: &str) -> bool {
    // (ASCII by one pass over the bytes with no early exit, which tells
    // whether the word is ASCII too: three passes with their own exits
    // cost a mispredicted branch a form.)
    let (mut letters, mut digit_or_dot, mut high) = (0usize, false, 0u8);
    for &b in word.as_bytes() {
        high |= b;
        letters += usize::from(b.is_ascii_alphabetic());
        digit_or_dot |= b.is_ascii_digit() | (b == b'.');
    }
    if high >= 0x80 {
        letters = word.chars().filter(|c| c.is_alphabetic()).count();
    }
    digit_or_dot || letters <= 1
}

/// [`number_abbreviation_or_initial`] of an ASCII word of at most 8 bytes
/// given as its bytes (little-endian, zero padded), eight at a time: no
/// loop whose exit the branch predictor misses as the length changes.
#[inline]
fn number_abbreviation_or_initial_in(bytes: u64) -> bool {
    let letters = (ascii_in_range(bytes, b'a', b'z') | ascii_in_range(bytes, b'A', b'Z')).count_ones();
    let digit_or_dot = ascii_in_range(bytes, b'0', b'9') | ascii_in_range(bytes, b'.', b'.');
    digit_or_dot != 0 || letters <= 1
}

/// The high bit of each byte of `bytes` (each below 0x80) in `lo..=hi`
/// (`lo` at least 1): no sum carries into the next byte, and a zero byte
/// of padding is in no range.
#[inline(always)]
fn ascii_in_range(bytes: u64, lo: u8, hi: u8) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let splat = |b: u8| 0x0101_0101_0101_0101 * u64::from(b);
    (bytes + splat(0x80 - lo)) & !(bytes + splat(0x7f - hi)) & HIGH
}

/// The low `len` bytes of a `u64` set (`len` from 1 to 8).
#[inline]
fn low_bytes(len: usize) -> u64 {
    u64::MAX >> (8 * (8 - len))
}

/// How many capitals `text` has (by bytes if it is ASCII: no character decoding).
fn capitals(text: &str) -> usize {
    if text.is_ascii() {
        text.bytes().filter(u8::is_ascii_uppercase).count()
    } else {
        text.chars().filter(|c| c.is_uppercase()).count()
    }
}

/// The lexical verdict for one written form (context-free, so cacheable).
fn lexical(text: &str, locale: Locale, words: &HashSet<String>) -> Lexical {
    lexical_folded(text, &fold(text), false, capitals(text), None, locale, words)
}

/// [`lexical`], given the [`fold`] of `text`, whether that is plain
/// (lower-case ASCII, as [`plain_and_capitals`] finds it: then the lexicon needs
/// not normalise it) and its [`capitals`], and if `text` is ASCII of at
/// most 8 bytes, the bytes of its key ([`bare`] of the fold; little-endian,
/// zero padded), whose shape is then read eight bytes at a time.
fn lexical_folded(
    text: &str,
    folded: &str,
    plain: bool,
    uppers: usize,
    short_key: Option<u64>,
    locale: Locale,
    words: &HashSet<String>,
) -> Lexical {
    let word = bare(folded);
    let number_like = match short_key {
        Some(bytes) => number_abbreviation_or_initial_in(bytes),
        None => number_abbreviation_or_initial(word),
    };
    if number_like {
        // Numbers and units (5km, 10GB, 9am), abbreviations (U.S, F.B.I), initials.
        return Lexical::Skip;
    }
    if words.contains(word) || words.contains(folded) {
        return Lexical::Word;
    }
    let first_upper = text.chars().next().is_some_and(char::is_uppercase);
    if uppers >= 2 {
        // Acronyms (NATO, UNICEF) and camel-case brands (RunFar, iPhone) are names.
        return if lexicon::is_word(word, locale) {
            Lexical::Word
        } else {
            Lexical::Skip
        };
    }
    if !first_upper && uppers > 0 {
        return Lexical::Skip;
    }
    // (An ASCII fold is lower-case with ASCII apostrophes: what the lexicon
    // would look up unchanged.)
    let is_word = if plain || short_key.is_some() || folded.is_ascii() {
        lexicon::is_normalised_word(folded, locale)
    } else {
        lexicon::is_word(folded, locale)
    };
    if is_word {
        return Lexical::Word;
    }
    // (A short key's apostrophes and letters by its bytes: a contraction
    // has an apostrophe, which most words lack.)
    let apostrophe = short_key.map(|bytes| ascii_in_range(bytes, b'\'', b'\''));
    if apostrophe != Some(0) {
        if let Some(verdict) = contraction(word, locale) {
            return verdict;
        }
    }
    let english_letters = match (short_key, apostrophe) {
        (Some(bytes), Some(apostrophes)) => {
            (ascii_in_range(bytes, b'a', b'z') | apostrophes) == low_bytes(word.len()) & 0x8080_8080_8080_8080
        }
        _ => word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''),
    };
    if !english_letters {
        // Letters outside English spelling (Gdańsk, gardaí): a foreign word or name.
        return Lexical::Skip;
    }
    // (From here `word` is lower-case ASCII: what the lexicon looks up
    // unchanged, so it is not normalised again.)
    let other_locale = locale != Locale::Any && lexicon::is_normalised_word(word, Locale::Any);
    if !other_locale && lexicon::has_normalised_frequency(word) {
        return Lexical::Word;
    }
    if !other_locale {
        if let Some(form) = derived_form(word, locale) {
            return if first_upper { Lexical::Word } else { form };
        }
    }
    if first_upper {
        if lexicon::is_known_name(word) {
            return Lexical::KnownName;
        }
        return Lexical::CapitalUnknown;
    }
    Lexical::Unknown
}

/// Contractions ("they'll", "don't") and French elisions ("c'est", "l'orange").
fn contraction(word: &str, locale: Locale) -> Option<Lexical> {
    let (head, tail) = word.split_once('\'')?;
    if tail.is_empty() || head.is_empty() {
        return None;
    }
    if ["s", "ll", "re", "ve", "d", "m"].contains(&tail) && lexicon::is_word(head, locale) {
        return Some(Lexical::Word);
    }
    if tail == "t" && head.ends_with('n') {
        return Some(Lexical::Word);
    }
    if ["l", "d", "c", "j", "m", "n", "s", "t", "qu", "dell", "all", "nell"].contains(&head) {
        return Some(Lexical::Skip);
    }
    None
}

/// Words the lexicon lacks that read as English: a plural, `-ly`, agent
/// or verb form of a word ([`Lexical::Derived`]), or two words run
/// together ("snowpack", "storylines": [`Lexical::Compound`]).
///
/// `word` is lower-case ASCII (apostrophes allowed), and so is each part
/// of it: the lexicon looks them up without normalising them again.
fn derived_form(word: &str, locale: Locale) -> Option<Lexical> {
    debug_assert!(word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''), "{word}");
    let known = |w: &str| lexicon::is_normalised_word(w, locale) || lexicon::has_normalised_frequency(w);
    // Every stem tried below, and the first half of a compound, is a prefix
    // of `word` (a stem plus "e" too: it is tried only before an "e"
    // suffix): whether each prefix is known comes from one walk down the
    // lexicon instead of a lookup per stem.
    let known_prefix = lexicon::known_prefixes(word, locale);
    if let Some(base) = word.strip_suffix('s') {
        // Only a noun or a verb takes an -s: "boths" and "justs" are slips.
        if base.len() >= 4
            && !base.ends_with('s')
            && known_prefix[base.len()]
            && synonyms::is_noun_or_verb(base) != Some(false)
        {
            return Some(Lexical::Derived);
        }
    }
    if let Some(base) = word
        .strip_suffix("ally")
        .or_else(|| word.strip_suffix("ly"))
        .or_else(|| word.strip_suffix("al"))
    {
        if base.len() >= 5 && known_prefix[base.len()] {
            return Some(Lexical::Derived);
        }
    }
    // Agent nouns and verb forms the lexicon lacks ("influencers", "baseballer",
    // "helmed"), but not a missed doubling ("occured" for "occurred").
    let base = ["ers", "er", "ed", "ing"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).map(|b| (b, *suffix)));
    if let Some((base, suffix)) = base {
        // (By bytes: `word` is ASCII.)
        let needs_doubling = match *base.as_bytes() {
            [.., c3, c2, c1] => {
                let (c3, c2, c1) = (char::from(c3), char::from(c2), char::from(c1));
                !is_vowel(c1) && !matches!(c1, 'w' | 'x' | 'y') && is_vowel(c2) && !is_vowel(c3)
            }
            _ => false,
        };
        if base.len() >= 4 && !needs_doubling && !base.ends_with('e') && known_prefix[base.len()] {
            return Some(Lexical::Derived);
        }
        // The stem with its "e" back ("baked" from "bake"): the prefix one
        // longer, since the suffix starts with the "e".
        if suffix.starts_with('e') && base.len() >= 4 && known_prefix[base.len() + 1] {
            return Some(Lexical::Derived);
        }
    }
    let n = word.len();
    if n < 7 {
        return None;
    }
    // Both parts at least 3 letters and content words: "linkthe" is a slip.
    (3..=n - 3)
        .any(|i| {
            let (a, b) = word.split_at(i);
            let function_word = |w: &str| w.len() <= 3 && is_stopword(w);
            // (The known first half first: one look at a table, where the
            // function-word tests hash.)
            known_prefix[i]
                && !function_word(a)
                && !function_word(b)
                && (known(b) || b.strip_suffix('s').is_some_and(known))
        })
        .then_some(Lexical::Compound)
}

/// How low the confidence cost of a lower-case word's best correction must
/// be for the word to be called a typo: short words are near many words,
/// long words can take two slips.
fn plain_limit(len: usize) -> f64 {
    match len {
        0..=3 => 0.3,
        4..=5 => 0.8,
        6..=7 => 1.0,
        // Two slips, one of them not cheap (a neighbouring key and a dropped
        // letter: "jourbalit"), in a word used a few million times.
        _ => 1.4,
    }
}

/// True if `a` and `b` differ only by one letter swapped for a letter of
/// the same sound that is not on a neighbouring key ("klass" / "class").
fn sound_alike_spelling(a: &str, b: &str) -> bool {
    if a.chars().count() != b.chars().count() {
        return false;
    }
    let mut differences = a.chars().zip(b.chars()).filter(|(x, y)| x != y);
    match (differences.next(), differences.next()) {
        (Some((x, y)), None) => sound_alike(x, y) && !adjacent_keys(x, y),
        _ => false,
    }
}

/// Calls `visit` with every string one edit (deletion, swap of neighbours,
/// substitution or insertion of a letter a–z) from `chars`, built in one
/// reused buffer: this runs for every capitalised word written once.
fn for_each_one_edit_variant(chars: &[char], mut visit: impl FnMut(&str)) {
    let mut buffer = String::with_capacity(chars.len() * 4 + 4);
    let mut emit = |parts: [&[char]; 3]| {
        buffer.clear();
        buffer.extend(parts.iter().flat_map(|p| p.iter()));
        visit(&buffer);
    };
    for i in 0..chars.len() {
        emit([&chars[..i], &[], &chars[i + 1..]]);
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            emit([&chars[..i], &[chars[i + 1], chars[i]], &chars[i + 2..]]);
        }
    }
    for i in 0..=chars.len() {
        for c in 'a'..='z' {
            emit([&chars[..i], &[c], &chars[i..]]);
            if i < chars.len() && chars[i] != c {
                emit([&chars[..i], &[c], &chars[i + 1..]]);
            }
        }
    }
}

/// Where [`for_each_one_edit_variant`] makes a variant: (0, position, 0)
/// for a deletion, (0, position, 1) for a swap, (1, position, 2 × letter)
/// for an insertion and (1, position, 2 × letter + 1) for a substitution;
/// ordered as that function produces them.
type EditOrder = (u8, usize, u8);

/// The first place [`for_each_one_edit_variant`] of `typed` produces
/// `form`, or `None` if it never does: one letter deleted, two neighbours
/// swapped, or one letter a–z inserted or substituted. Lets a caller test
/// a few candidate words instead of generating every variant.
#[inline]
fn one_edit_order(typed: &[char], form: &str) -> Option<EditOrder> {
    let n = typed.len();
    // Most forms differ in length by more than one letter: rejected first
    // (this runs for every form of the document). A form has at most as
    // many letters as bytes, and at least a quarter as many.
    if form.len() + 1 < n || form.len() > 4 * (n + 1) {
        return None;
    }
    // One edit of a word of 3+ letters leaves its first or its last letter
    // in place (an edit at one end keeps the other end; a swap of the
    // first two keeps the last), and most forms of about the same length
    // differ at both ends: two letters read, no call, for them.
    // (The letters read, not `starts_with`/`ends_with`, which encode the
    // key's letter to compare bytes: more instructions for every form.)
    let (first, last) = (form.chars().next(), form.chars().next_back());
    if n >= 3 && first != Some(typed[0]) && last != Some(typed[n - 1]) {
        return None;
    }
    one_edit_order_near(typed, form)
}

/// [`one_edit_order`] past its quick rejections.
#[inline(never)]
fn one_edit_order_near(typed: &[char], form: &str) -> Option<EditOrder> {
    let n = typed.len();
    // (Most forms are ASCII: one letter a byte, no decoding to count them.)
    let m = if form.is_ascii() {
        form.len()
    } else {
        form.chars().count()
    };
    if m.abs_diff(n) > 1 {
        return None;
    }
    // Read letter by letter, never collected: most forms share no edit with `typed`.
    let prefix = typed.iter().zip(form.chars()).take_while(|(a, b)| **a == *b).count();
    let suffix = typed
        .iter()
        .rev()
        .zip(form.chars().rev())
        .take_while(|(a, b)| **a == *b)
        .count();
    let letter = |c: char| c.is_ascii_lowercase().then(|| c as u8 - b'a');
    if m + 1 == n {
        // Deleting typed[i] works for every i with the rest matching around it.
        let first = (n - 1).saturating_sub(suffix);
        return (first <= prefix).then_some((0, first, 0));
    }
    if m == n + 1 {
        // Inserting form[i] before typed[i].
        let first = n.saturating_sub(suffix);
        return if first <= prefix {
            form.chars().nth(first).and_then(letter).map(|c| (1, first, 2 * c))
        } else {
            None
        };
    }
    if prefix == n {
        return None;
    }
    let i = prefix;
    if prefix + suffix + 1 == n {
        return form.chars().nth(i).and_then(letter).map(|c| (1, i, 2 * c + 1));
    }
    let mut at = form.chars().skip(i);
    let (f0, f1) = (at.next(), at.next());
    let swapped = prefix + suffix + 2 == n && f1 == Some(typed[i]) && f0 == typed.get(i + 1).copied();
    swapped.then_some((0, i, 1))
}

/// Lower-case with typographic apostrophes folded.
fn fold(word: &str) -> String {
    crate::text::fold(word)
}

/// The first byte of `written`'s key ([`fold`], then [`bare`]) if it is an
/// ASCII letter or digit, else 0: `written`'s first byte lower-cased, if
/// that is an ASCII letter or digit (folding lower-cases it and changes
/// only apostrophes and other characters; no word starts with a possessive).
#[inline]
fn ascii_first(written: &str) -> u8 {
    match written.as_bytes().first() {
        Some(&b) if b.is_ascii_alphanumeric() => b.to_ascii_lowercase(),
        _ => 0,
    }
}

/// [`folds_to_itself`] and [`capitals`] of `word`, and whether it is ASCII,
/// in one pass over its bytes with no early exit (then by characters for a
/// non-ASCII word's capitals). Why: two passes, the first ending at a
/// form's first capital, cost a mispredicted branch or two a new form.
fn plain_and_capitals(word: &str) -> (bool, usize, bool) {
    let (mut high, mut uppers, mut backtick) = (0u8, 0usize, false);
    for &b in word.as_bytes() {
        high |= b;
        uppers += usize::from(b.is_ascii_uppercase());
        backtick |= b == b'`';
    }
    if high >= 0x80 {
        return (false, capitals(word), false);
    }
    (uppers == 0 && !backtick, uppers, true)
}

/// True if [`fold`] gives `word` back: ASCII with no capital and no
/// backtick. Most new forms are lower-case ASCII words, which then cost no
/// copy. (The plain test [`plain_and_capitals`] is compared with.)
#[cfg(test)]
fn folds_to_itself(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`')
}

/// [`fold`] of `word` written into `buf`, returned. Why: a new form with
/// a capital (a name, a sentence's first word) allocated its fold and freed
/// it straight after the lookups.
fn fold_in<'b>(word: &str, buf: &'b mut String) -> &'b str {
    buf.clear();
    if word.is_ascii() {
        // As `fold`: lowered in place, a backtick an apostrophe.
        buf.push_str(word);
        buf.make_ascii_lowercase();
        if buf.contains('`') {
            *buf = buf.replace('`', "'");
        }
    } else {
        buf.push_str(&fold(word));
    }
    buf
}

fn bare(word: &str) -> &str {
    // (Most words end in none of the endings' last bytes: `s`, `S`, `'`
    // and the last byte of `’`. One test, not five suffix comparisons.)
    if !matches!(word.as_bytes().last(), Some(b's' | b'S' | b'\'' | 0x99)) {
        return word;
    }
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .or_else(|| word.strip_suffix("'S"))
        .or_else(|| word.strip_suffix('\''))
        .or_else(|| word.strip_suffix('’'))
        .filter(|w| !w.is_empty())
        .unwrap_or(word)
}

/// True if `a` is `b` with two neighbouring letters swapped ("strema" / "stream").
fn is_swap(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let differ: Vec<usize> = (0..a.len()).filter(|&i| b.get(i) != Some(&a[i])).collect();
    a.len() == b.len()
        && differ.len() == 2
        && differ[1] == differ[0] + 1
        && a[differ[0]] == b[differ[1]]
        && a[differ[1]] == b[differ[0]]
}

/// True if `typed` is one slip from `meant` as names go wrong: a dropped,
/// added or swapped letter, or a neighbouring key other than the first
/// letter; not a changed vowel or an added ending (see
/// [`Checker::same_name_elsewhere`]).
fn name_phrase_slip(typed: &str, meant: &str) -> bool {
    if typed == meant || typed.starts_with(meant) || meant.starts_with(typed) {
        return false;
    }
    if drops_one_letter(typed, meant) || drops_one_letter(meant, typed) || is_swap(typed, meant) {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (typed.chars().collect(), meant.chars().collect());
    let differ: Vec<usize> = (0..a.len()).filter(|&i| b.get(i) != Some(&a[i])).collect();
    a.len() == b.len()
        && differ.len() == 1
        && differ[0] > 0
        && adjacent_keys(a[differ[0]], b[differ[0]])
        && !(is_vowel(a[differ[0]]) && is_vowel(b[differ[0]]))
}

/// True if `short` is `long` with one letter left out ("tw" / "two").
fn drops_one_letter(short: &str, long: &str) -> bool {
    let (s, l): (Vec<char>, Vec<char>) = (short.chars().collect(), long.chars().collect());
    l.len() == s.len() + 1 && (0..l.len()).any(|i| l[..i] == s[..i] && l[i + 1..] == s[i..])
}

/// True if one form is the other plus a plural or verb ending.
fn is_inflection(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    long.strip_prefix(short)
        .is_some_and(|rest| ["s", "es", "d", "ed", "r", "er", "n"].contains(&rest))
}

fn strip_diacritics(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ę' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ś' | 'š' => 's',
            'ź' | 'ż' | 'ž' => 'z',
            'ł' => 'l',
            c => c,
        })
        .collect()
}

/// `correction` written in the case of `typed` ("Goverment" → "Government").
fn match_case(typed: &str, correction: &str) -> String {
    let typed = bare(typed);
    let letters: Vec<char> = typed.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return correction.to_uppercase();
    }
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = correction.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    correction.to_string()
}

/// For the text between two words: `None` if it holds a letter or digit,
/// else whether, stripped of spaces, quotes, brackets and dashes, it ends a
/// sentence. (ASCII gaps, most of them, by bytes: no character decoding.)
#[inline]
fn gap_ends_sentence(gap: &str) -> Option<bool> {
    if !gap.is_ascii() {
        return gap_ends_sentence_by_chars(gap);
    }
    let bytes = gap.as_bytes();
    if bytes.iter().any(u8::is_ascii_alphanumeric) {
        return None;
    }
    // (The ASCII characters `char::is_whitespace` and the marks below take.)
    let last = bytes.iter().rev().find(|&&b| {
        !matches!(
            b,
            b'\t'..=b'\r' | b' ' | b'"' | b'\'' | b'(' | b'[' | b'{' | b'-' | b'*' | b'_'
        )
    });
    Some(last.is_some_and(|&b| matches!(b, b'.' | b'!' | b'?' | b':' | b';')))
}

/// [`gap_ends_sentence`] by characters, for any gap.
fn gap_ends_sentence_by_chars(gap: &str) -> Option<bool> {
    if !gap.trim_end_matches(|c: char| !c.is_alphanumeric()).is_empty() {
        return None;
    }
    // (The marks by `matches!`: a string search per character cost more.)
    let stripped = gap.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '\'' | '“' | '”' | '‘' | '’' | '(' | '[' | '{' | '«' | '»' | '—' | '–' | '-' | '*' | '_'
            )
    });
    Some(stripped.ends_with(['.', '!', '?', ':', ';', '•']))
}

/// A headline or heading in title case: most longer words capitalised.
/// (Counted in the scan's callback, with no word list: the iterator of
/// [`words`](crate::text::words::words) kept state between words, several
/// times the scan's cost per word.)
fn is_title_case(text: &str) -> bool {
    let (mut long, mut capitals) = (0usize, 0usize);
    for_each_word(text, |_, w| {
        // (More than 3 characters: more than 3 bytes first, which most short words settle.)
        if w.len() > 3 && w.chars().nth(3).is_some() {
            long += 1;
            capitals += usize::from(w.starts_with(char::is_uppercase));
        }
    });
    long > 0 && capitals * 3 >= long * 2
}

/// Byte ranges of `text` where no word is a typo: URLs, e-mail addresses,
/// file names and domains (`seed.txt`, `example.com`), @handles, #hashtags
/// and quoted foreign phrases.
fn never_typo_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    // Every case below needs one of these characters in the word (the run
    // of non-space characters); most words have none, so the scan looks
    // for their bytes (0xEF leads U+FFFD, among others) and reads only the
    // words around them.
    let mut done = 0;
    // The positions of those bytes in text order, from two vectorised
    // searches (memchr takes at most three bytes) merged.
    let bytes = text.as_bytes();
    let mut common = memchr::memchr3_iter(b'.', b':', b'@', bytes).peekable();
    let mut rare = memchr::memchr2_iter(b'#', 0xEF, bytes).peekable();
    loop {
        let at = match (common.peek(), rare.peek()) {
            (Some(&a), Some(&b)) if b < a => rare.next(),
            (Some(_), _) => common.next(),
            (None, _) => rare.next(),
        };
        let Some(at) = at else { break };
        if at < done {
            continue;
        }
        // A full stop that ends its run of non-space characters (a
        // sentence's last, in most regions) is the run's only mark: one
        // before it would have been read first and covered the run. Such a
        // run is a web word only as "www.", so the run is not sought out
        // and read (and a full stop before any other character is).
        if bytes[at] == b'.'
            && bytes
                .get(at + 1)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
            && (at < 3 || &bytes[at - 3..at] != b"www")
        {
            done = at + 1;
            continue;
        }
        let offset = text[..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[at..]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(text.len(), |(i, _)| at + i);
        done = end;
        if is_web_word(&text[offset..end]) {
            ranges.push((offset, end));
        }
    }
    ranges.extend(foreign_quotes(text));
    ranges
}

/// True if `word` (a run of non-space characters) is a URL, an e-mail
/// address, a file name or domain, an @handle or #hashtag, or holds a byte
/// `--lossy` could not decode (its spelling is unknown).
fn is_web_word(word: &str) -> bool {
    // (The ASCII marks by byte: cheaper than decoding every character.)
    if !word.bytes().any(|b| matches!(b, b'.' | b':' | b'@' | b'#')) && !has_replacement_character(word) {
        return false;
    }
    let core = word.trim_start_matches(|c: char| "\"'“‘([<«".contains(c));
    // (A byte search for ':' first: a substring search costs more, and most words have no colon.)
    (core.contains(':') && core.contains("://"))
        || core.starts_with("www.")
        || core.starts_with('@')
        || core.starts_with('#')
        || core
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
        || is_file_name(core)
        || has_replacement_character(core)
}

/// Whether `text` holds U+FFFD (what `--lossy` puts for bytes it could not
/// decode): its first byte by a byte search first, which most words lack
/// (a substring search per word cost more).
#[inline]
fn has_replacement_character(text: &str) -> bool {
    text.as_bytes().contains(&0xEF) && text.contains('\u{FFFD}')
}

/// Calls `f` with each word of [`words_of`] and its byte offset, in order
/// (the same words, from [`for_each_word_dotted`]'s loop, with no iterator state
/// kept between words: this runs for every word of every document).
/// Only a word the scan says may hold a full stop is searched for one, and
/// `f` has one call site in the word loop (the glued case calls it through
/// [`glued_words`]), so the per-word work can be inlined into the scan.
#[inline]
fn for_each_word_of<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    for_each_word_dotted(
        text,
        #[inline(always)]
        |offset, word, may_have_dot| {
            if may_have_dot {
                if let Some(dot) = glued_at(word) {
                    glued_words(offset, word, dot, &mut f);
                    return;
                }
            }
            f(offset, word);
        },
    );
}

/// `f`, typed as a per-word callback (so that the closure's attribute
/// sits on a call's argument, where it is stable).
#[inline(always)]
fn word_visitor<'t, F: FnMut(usize, &'t str)>(f: F) -> F {
    f
}

/// The words [`for_each_word_of`] gives on the region of `all` from
/// `region_start` that the tokenizer cut into `tokens`, with their offsets
/// in the region: each token's word, except that a number token is read
/// again (the tokenizer folds a multiplier into the number before it:
/// "1.2 million" is one token, two words) and a word with two sentences
/// glued by a full stop is two (as [`for_each_word_of`] has it).
#[inline]
fn for_each_token_word<'t>(all: &'t str, region_start: usize, tokens: &[TextToken], mut f: impl FnMut(usize, &'t str)) {
    for token in tokens {
        let word = &all[token.start..token.end];
        let offset = token.start - region_start;
        if let TokenKind::Number(_) = token.kind {
            number_words(offset, word, &mut f);
            continue;
        }
        // (Most words hold no full stop, which eight bytes at a time tell
        // with no branch per byte.)
        if holds_dot(all.as_bytes(), token.start, word.len()) {
            if let Some(dot) = glued_at(word) {
                glued_words(offset, word, dot, &mut f);
                continue;
            }
        }
        f(offset, word);
    }
}

/// The words of the number token `word` at `offset`, to `f`: the number
/// and any multiplier words the tokenizer folded into it (out of the word
/// loop: a number in fifty words).
#[inline(never)]
fn number_words<'t>(offset: usize, word: &'t str, f: &mut dyn FnMut(usize, &'t str)) {
    for_each_word_of(word, |o, w| f(offset + o, w));
}

/// Whether `bytes[start..start + len]` holds a full stop: eight bytes at a
/// time (a byte where `x ^ '.'` is zero, found by the borrow of `x - 1`,
/// which a zero byte sets only at or above itself, so the test of any byte
/// is exact), masked to the word.
#[inline(always)]
fn holds_dot(bytes: &[u8], start: usize, len: usize) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let end = start + len;
    let mut i = start;
    let mut found = 0u64;
    while i < end {
        let Some(window) = bytes.get(i..i + 8) else {
            // (Near the text's end, the last few bytes one by one.)
            return found != 0 || bytes[i..end].contains(&b'.');
        };
        let x = u64::from_le_bytes(window.try_into().expect("8 bytes")) ^ (ONES * u64::from(b'.'));
        let keep = end - i;
        let mask = if keep >= 8 { u64::MAX } else { (1u64 << (8 * keep)) - 1 };
        found |= x.wrapping_sub(ONES) & !x & HIGH & mask;
        i += 8;
    }
    found != 0
}

/// The two words of `word` glued at the full stop at byte `dot`, to `f`
/// (out of the word loop: rare).
#[cold]
#[inline(never)]
fn glued_words<'t>(offset: usize, word: &'t str, dot: usize, f: &mut dyn FnMut(usize, &'t str)) {
    f(offset, &word[..dot]);
    f(offset + dot + 1, &word[dot + 1..]);
}

/// The words of `text` (UAX #29), except that two sentences glued by a
/// full stop with no space ("into the break.Shingler extended", common in
/// text scraped from the web) are two words: as one, neither side was
/// checked, and a typo on either went unseen. (The reference for
/// [`for_each_word_of`], which the check uses.)
#[cfg(test)]
fn words_of(text: &str) -> WordsOf<'_> {
    WordsOf {
        words: word_indices(text),
        second: None,
    }
}

/// The iterator of [`words_of`]: the words, and the second of two glued
/// sentences' words held back for the next call (a plain iterator, not a
/// `flat_map` of chained iterators per word).
#[cfg(test)]
struct WordsOf<'t> {
    words: crate::text::words::WordIndices<'t>,
    second: Option<(usize, &'t str)>,
}

#[cfg(test)]
impl<'t> Iterator for WordsOf<'t> {
    type Item = (usize, &'t str);

    #[inline]
    fn next(&mut self) -> Option<(usize, &'t str)> {
        if let Some(second) = self.second.take() {
            return Some(second);
        }
        let (offset, word) = self.words.next()?;
        Some(match glued_at(word) {
            Some(dot) => {
                self.second = Some((offset + dot + 1, &word[dot + 1..]));
                (offset, &word[..dot])
            }
            None => (offset, word),
        })
    }
}

/// Where the full stop is in `left.Right`: a word of two or more letters
/// ending in lower case, then a capitalised word ("U.S" and "e.g" are not).
#[inline]
fn glued_at(word: &str) -> Option<usize> {
    // A byte search, inlined in the word loop: most words are short and have no full stop.
    let dot = word.bytes().position(|b| b == b'.')?;
    glued_at_dot(word, dot)
}

/// [`glued_at`] for the first full stop of `word`, at byte `dot`.
fn glued_at_dot(word: &str, dot: usize) -> Option<usize> {
    let (left, right) = (&word[..dot], &word[dot + 1..]);
    let mut right_chars = right.chars();
    let left_ok = left.chars().nth(1).is_some()
        && left.chars().all(char::is_alphabetic)
        && left.chars().last().is_some_and(char::is_lowercase);
    let right_ok = right_chars.next().is_some_and(char::is_uppercase)
        && right_chars.next().is_some_and(char::is_lowercase)
        && right.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '\u{2019}');
    (left_ok && right_ok).then_some(dot)
}

/// `name.ext` with a short lower-case extension: a file name or a domain.
/// "U.S." and "e.g." are not (upper case, or one-letter parts).
fn is_file_name(word: &str) -> bool {
    let word = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '/');
    let Some((stem, ext)) = word.rsplit_once('.') else {
        return false;
    };
    (2..=5).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_lowercase())
        && stem.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !stem.contains(char::is_whitespace)
}

/// Quoted runs where most words are not English: foreign phrases, not typos.
fn foreign_quotes(text: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    // Only an opening mark (" “ „ «) starts a quote: most sentences have
    // none, and a byte scan is cheaper than decoding. (Byte 0xE2 alone also
    // leads ’ and dashes, common in news text: the marks are matched whole.)
    let bytes = text.as_bytes();
    let opens = memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes).any(|i| match bytes[i] {
        b'"' => true,
        0xE2 => bytes.get(i + 1) == Some(&0x80) && matches!(bytes.get(i + 2), Some(0x9C | 0x9E)),
        0xC2 => bytes.get(i + 1) == Some(&0xAB),
        _ => false,
    });
    if !opens {
        return ranges;
    }
    let mut open: Option<(usize, char)> = None;
    // Every mark (" “ ” „ « ») is '"' or starts with byte 0xE2 or 0xC2,
    // which only ever start a character: the marks are decoded where those
    // bytes are, and the letters between them are not.
    for i in memchr::memchr3_iter(b'"', 0xE2, 0xC2, bytes) {
        let Some(c) = text[i..].chars().next() else { continue };
        quote_mark(text, i, c, &mut open, &mut ranges);
    }
    ranges
}

/// One character of the quote scan at byte `i`: an opening mark opens a
/// quote, its closing mark closes it, kept in `ranges` if it is foreign.
fn quote_mark(text: &str, i: usize, c: char, open: &mut Option<(usize, char)>, ranges: &mut Vec<(usize, usize)>) {
    match (*open, c) {
        (None, '"' | '“' | '«' | '„') => *open = Some((i + c.len_utf8(), c)),
        (Some((start, o)), '"' | '”' | '»' | '“')
            if matches!((o, c), ('"', '"') | ('“' | '„', '”' | '“') | ('«', '»')) =>
        {
            if is_foreign(&text[start..i]) {
                ranges.push((start, i));
            }
            *open = None;
        }
        _ => {}
    }
}

fn is_foreign(quote: &str) -> bool {
    // (By the scan's callback: the iterator of
    // [`words`](crate::text::words::words) kept state between words,
    // several times the scan's cost per word.)
    let mut written: Vec<&str> = Vec::new();
    for_each_word(quote, |_, w| written.push(w));
    if written.is_empty() {
        return false;
    }
    // Most quotes are English: stop looking words up once more than half are.
    let mut english = 0;
    for w in &written {
        if is_english_or_name(w) {
            english += 1;
            if english * 2 > written.len() {
                return false;
            }
        }
    }
    let words: Vec<String> = written.iter().map(|w| fold(w)).collect();
    let not_english = words.len() - english;
    let marker = quote.contains(['¡', '¿'])
        || words
            .iter()
            .any(|w| FOREIGN_FUNCTION_WORDS.contains(&w.as_str()) && !lexicon::is_word(w, Locale::Any))
        || words
            .iter()
            .any(|w| w.contains('\'') && contraction(w, Locale::Any) == Some(Lexical::Skip));
    not_english * 2 > words.len() || (marker && not_english * 2 >= words.len())
}

/// True if `written`, folded, is an English word (any locale) or a
/// known name, remembered per worker thread: quotes are mostly English, and
/// their common words recur across a publication's articles, while each
/// lexicon look-up walks two or three fsts.
fn is_english_or_name(written: &str) -> bool {
    thread_local! {
        static MEMO: std::cell::RefCell<ThreadMemo<bool>> = std::cell::RefCell::default();
    }
    // (Any locale: the answer does not depend on the document's.)
    ThreadMemo::get_or_compute(&MEMO, written, Locale::Any, 100_000, || {
        let folded = fold(written);
        lexicon::is_word(&folded, Locale::Any) || lexicon::is_known_name(&folded)
    })
}

const KEYBOARD_ROWS: [&str; 3] = ["qwertyuiop", "asdfghjkl", "zxcvbnm"];

/// Row and column of each lower-case letter, by `c - 'a'`: the rows of
/// [`KEYBOARD_ROWS`], each shifted half a key per row below the first.
const KEY_POSITIONS: [(i32, i32); 26] = {
    let mut positions = [(0, 0); 26];
    let mut row = 0;
    while row < KEYBOARD_ROWS.len() {
        let keys = KEYBOARD_ROWS[row].as_bytes();
        let mut col = 0;
        while col < keys.len() {
            positions[(keys[col] - b'a') as usize] = (row as i32, col as i32 + row as i32 / 2);
            col += 1;
        }
        row += 1;
    }
    positions
};

fn key_position(c: char) -> Option<(i32, i32)> {
    c.is_ascii_lowercase().then(|| KEY_POSITIONS[(c as u8 - b'a') as usize])
}

/// The substitution cost of [`typing_cost`] for each pair of lower-case
/// letters (by `c - 'a'`), worked out at compile time: the table fills
/// every cell of every candidate's table, and the rules behind a cost
/// (neighbouring keys, vowels, sound-alikes) take a few dozen instructions.
const LETTER_SUBSTITUTION_COSTS: [[f64; 26]; 26] = {
    const fn vowel(c: u8) -> bool {
        matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
    }
    const fn sound_alike(a: u8, b: u8) -> bool {
        const PAIRS: [(u8, u8); 6] = [
            (b'c', b's'),
            (b'c', b'k'),
            (b's', b'z'),
            (b'g', b'j'),
            (b'f', b'v'),
            (b'm', b'n'),
        ];
        let mut i = 0;
        while i < PAIRS.len() {
            let (x, y) = PAIRS[i];
            if (a == x && b == y) || (a == y && b == x) {
                return true;
            }
            i += 1;
        }
        false
    }
    let mut costs = [[1.0; 26]; 26];
    let mut i = 0;
    while i < 26 {
        let mut j = 0;
        while j < 26 {
            let (a, b) = (b'a' + i as u8, b'a' + j as u8);
            let ((ra, ca), (rb, cb)) = (KEY_POSITIONS[i], KEY_POSITIONS[j]);
            let adjacent = a != b && (ra - rb).abs() <= 1 && (ca - cb).abs() <= 1;
            costs[i][j] = if a == b {
                0.0
            } else if adjacent || (vowel(a) && vowel(b)) || sound_alike(a, b) {
                0.7
            } else {
                1.0
            };
            j += 1;
        }
        i += 1;
    }
    costs
};

fn adjacent_keys(a: char, b: char) -> bool {
    match (key_position(a), key_position(b)) {
        (Some((ra, ca)), Some((rb, cb))) => a != b && (ra - rb).abs() <= 1 && (ca - cb).abs() <= 1,
        _ => false,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Letters people swap for their sound.
fn sound_alike(a: char, b: char) -> bool {
    let pair = |x, y| (a == x && b == y) || (a == y && b == x);
    pair('c', 's') || pair('c', 'k') || pair('s', 'z') || pair('g', 'j') || pair('f', 'v') || pair('m', 'n')
}

/// Cost of the slips that turn `intended` into `typed`: a weighted
/// Damerau (optimal string alignment) distance where the common slips
/// (swapped, doubled or dropped letters, neighbouring keys, vowel and
/// sound-alike swaps) cost less than an arbitrary edit.
pub fn typing_cost(typed: &str, intended: &str) -> f64 {
    let mut typed_buf = ['\0'; TYPING_STACK_CHARS];
    let mut intended_buf = ['\0'; TYPING_STACK_CHARS];
    match (on_stack(typed, &mut typed_buf), on_stack(intended, &mut intended_buf)) {
        (Some(t), Some(w)) => typing_cost_band(t, w).unwrap_or_else(|| typing_cost_rows(t, w)),
        _ => {
            let t: Vec<char> = typed.chars().collect();
            let w: Vec<char> = intended.chars().collect();
            typing_cost_table(&t, &w)
        }
    }
}

/// Letters [`typing_cost`] handles on the stack (words of news text are
/// far shorter; longer ones take the heap).
const TYPING_STACK_CHARS: usize = 32;

/// The characters of `word` in `buf`, or `None` if they do not fit.
fn on_stack<'b>(word: &str, buf: &'b mut [char; TYPING_STACK_CHARS]) -> Option<&'b [char]> {
    let mut n = 0;
    for c in word.chars() {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(&buf[..n])
}

/// [`typing_cost_table`] for words of up to [`TYPING_STACK_CHARS`]
/// letters, with no allocation: the table's rows i - 2, i - 1 and i in
/// three buffers on the stack (the transposition reads row i - 2). Each
/// cell is computed by the same operations in the same order, so the cost
/// is the same to the bit. Why: this runs for every candidate of every
/// unknown word, and the five vectors of the table were a sixth of it.
fn typing_cost_rows(t: &[char], w: &[char]) -> f64 {
    // The widest band: every offset `i - j` of the table.
    typing_cost_between(t, w, -(w.len() as isize), t.len() as isize)
}

/// The most a cost worked out on [`typing_cost_band`]'s band is taken as.
const BAND_COST: f64 = 2.0;

/// [`typing_cost_rows`] on the cells of the table near its diagonal only,
/// if the cost comes out at most [`BAND_COST`] (else `None`).
///
/// Why: the candidates of an unknown word are within two edits of it, and
/// their typing cost is most of a new word's ranking; a table of `n × m`
/// cells needs only about `5 × n` of them. An alignment (a path through the
/// table) that passes a cell `d = i - j` off the diagonal types or drops at
/// least `|d| + |d - (n - m)|` letters, each costing 0.5 or more: 2.5 or
/// more for the cells where that is 5 or more, which are left out (read as
/// infinite). The cells kept are worked out by the same operations in the
/// same order as [`typing_cost_rows`]' (so on the full table's path the
/// same sums, to the bit), and leaving alignments out can only raise a
/// cell. So when the corner comes out at most 2.0, the full table's
/// cheapest alignment (at most 2.0 too) never left the band, every cell
/// along it has its full-table value, and so has the corner.
fn typing_cost_band(t: &[char], w: &[char]) -> Option<f64> {
    let (n, m) = (t.len(), w.len());
    let delta = n as isize - m as isize;
    if delta.abs() > 4 || m > TYPING_STACK_CHARS {
        return None;
    }
    // The offsets `d = i - j` with |d| + |d - delta| <= 4.
    let cost = typing_cost_between(t, w, -((4 - delta) / 2), (4 + delta) / 2);
    (cost <= BAND_COST).then_some(cost)
}

/// The table of [`typing_cost_rows`] worked out on the cells `(i, j)` with
/// `d_lo <= i - j <= d_hi` only (the others read as infinite), for words
/// of up to [`TYPING_STACK_CHARS`] letters.
fn typing_cost_between(t: &[char], w: &[char], d_lo: isize, d_hi: isize) -> f64 {
    const FAR: f64 = f64::INFINITY;
    let (n, m) = (t.len(), w.len());
    // intended[j] was meant but not typed.
    let mut missing = [0.0f64; TYPING_STACK_CHARS];
    for j in 0..m {
        let c = w[j];
        missing[j] = if (j > 0 && w[j - 1] == c) || w.get(j + 1) == Some(&c) {
            0.5
        } else if is_vowel(c) {
            0.8
        } else {
            1.0
        };
    }
    // The last three rows: `cur` (row i), `back` (row i - 1), `two` (row
    // i - 2), passed round by reference rather than indexed by `i % 3`.
    let (mut a, mut b, mut z) = (
        [0.0f64; TYPING_STACK_CHARS + 1],
        [0.0f64; TYPING_STACK_CHARS + 1],
        [0.0f64; TYPING_STACK_CHARS + 1],
    );
    let (mut two, mut back, mut cur) = (&mut z, &mut b, &mut a);
    // Row 0 holds columns 0 to -d_lo; the column after the band is read by
    // the next row, as infinite.
    let top = m.min(d_lo.unsigned_abs());
    for j in 1..=top {
        back[j] = back[j - 1] + missing[j - 1];
    }
    if top < m {
        back[top + 1] = FAR;
    }
    for i in 1..=n {
        // typed[i - 1] was typed but not meant.
        let c = t[i - 1];
        let extra = if (i > 1 && t[i - 2] == c) || t.get(i) == Some(&c) {
            0.5
        } else if (i > 1 && adjacent_keys(t[i - 2], c)) || t.get(i).is_some_and(|&n| adjacent_keys(n, c)) {
            0.8
        } else {
            1.0
        };
        // The letter typed before `c`, when a swap with it can be the slip.
        let swapped_with = (i > 1 && c != t[i - 2]).then(|| t[i - 2]);
        // (`substitution_cost(c, _)` for a lower-case ASCII `c`, by its row of the table.)
        let letter_costs = c
            .is_ascii_lowercase()
            .then(|| &LETTER_SUBSTITUTION_COSTS[usize::from(c as u8 - b'a')]);
        // Row i's band: columns `lo..=hi`. The cells the loop reads outside
        // it are the one before `lo` in this row and the one after the last
        // row's band (set infinite); the rows before read within theirs.
        let lo = (i as isize - d_hi).max(0) as usize;
        let hi = ((i as isize - d_lo) as usize).min(m);
        let first = if lo == 0 {
            cur[0] = back[0] + extra;
            1
        } else {
            cur[lo - 1] = FAR;
            lo
        };
        for j in first..=hi {
            let meant = w[j - 1];
            let substitution = match letter_costs {
                Some(costs) if meant.is_ascii_lowercase() => costs[usize::from(meant as u8 - b'a')],
                _ => substitution_cost(c, meant),
            };
            let mut best = (back[j] + extra)
                .min(cur[j - 1] + missing[j - 1])
                .min(back[j - 1] + substitution);
            if j > 1 && swapped_with == Some(meant) && c == w[j - 2] {
                best = best.min(two[j - 2] + 0.6);
            }
            cur[j] = best;
        }
        if hi < m {
            cur[hi + 1] = FAR;
        }
        // Row i becomes row i - 1, row i - 1 row i - 2; the oldest is reused.
        std::mem::swap(&mut two, &mut back);
        std::mem::swap(&mut back, &mut cur);
    }
    back[m]
}

/// The cost of typing `a` for `b` in [`typing_cost`].
#[inline]
fn substitution_cost(a: char, b: char) -> f64 {
    if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
        LETTER_SUBSTITUTION_COSTS[usize::from(a as u8 - b'a')][usize::from(b as u8 - b'a')]
    } else if a == b {
        0.0
    } else if adjacent_keys(a, b) || (is_vowel(a) && is_vowel(b)) || sound_alike(a, b) {
        0.7
    } else {
        1.0
    }
}

/// [`typing_cost`] on a full table (words too long for the stack).
fn typing_cost_table(t: &[char], w: &[char]) -> f64 {
    let (n, m) = (t.len(), w.len());
    // typed[i] was typed but not meant.
    let extra: Vec<f64> = (0..n)
        .map(|i| {
            let c = t[i];
            if (i > 0 && t[i - 1] == c) || t.get(i + 1) == Some(&c) {
                0.5
            } else if (i > 0 && adjacent_keys(t[i - 1], c)) || t.get(i + 1).is_some_and(|&n| adjacent_keys(n, c)) {
                0.8
            } else {
                1.0
            }
        })
        .collect();
    // intended[j] was meant but not typed.
    let missing: Vec<f64> = (0..m)
        .map(|j| {
            let c = w[j];
            if (j > 0 && w[j - 1] == c) || w.get(j + 1) == Some(&c) {
                0.5
            } else if is_vowel(c) {
                0.8
            } else {
                1.0
            }
        })
        .collect();
    // One flat table, row i at i * (m + 1); the per-letter costs above are
    // computed once, not once per cell (this runs for every candidate).
    let width = m + 1;
    let mut d = vec![0.0f64; (n + 1) * width];
    for i in 1..=n {
        d[i * width] = d[(i - 1) * width] + extra[i - 1];
    }
    for j in 1..=m {
        d[j] = d[j - 1] + missing[j - 1];
    }
    for i in 1..=n {
        for j in 1..=m {
            let mut best = (d[(i - 1) * width + j] + extra[i - 1])
                .min(d[i * width + j - 1] + missing[j - 1])
                .min(d[(i - 1) * width + j - 1] + substitution_cost(t[i - 1], w[j - 1]));
            if i > 1 && j > 1 && t[i - 1] == w[j - 2] && t[i - 2] == w[j - 1] && t[i - 1] != t[i - 2] {
                best = best.min(d[(i - 2) * width + j - 2] + 0.6);
            }
            d[i * width + j] = best;
        }
    }
    d[n * width + m]
}

/// The word with doubled letters written once.
fn undouble(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// [`typing_cost`] for names, where a changed vowel is a different name.
fn name_slip_cost(a: &str, b: &str) -> f64 {
    let strip = |w: &str| -> String { w.chars().filter(|c| !is_vowel(*c)).collect() };
    if strip(a) == strip(b) && a.len() == b.len() && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1 {
        return 1.0;
    }
    typing_cost(a, b).min(typing_cost(b, a))
}

/// A rough sound key: consonant skeleton with sound-alike letters merged
/// and doubled letters collapsed ("definately" and "definitely" agree).
fn phonetic(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for_each_phonetic(word, |c| {
        out.push(c);
        true
    });
    out
}

/// `phonetic(word) == key`, without building `word`'s key. Why: every
/// candidate of every unknown word is compared, and most differ early.
fn phonetic_is(word: &str, key: &str) -> bool {
    let mut expected = key.chars();
    for_each_phonetic(word, |c| expected.next() == Some(c)) && expected.next().is_none()
}

/// Gives [`phonetic`]'s characters of `word` in order to `take` while it
/// returns true; true if it took them all.
fn for_each_phonetic(word: &str, mut take: impl FnMut(char) -> bool) -> bool {
    let mut last = None;
    let mut chars = word.chars().peekable();
    let mut first = true;
    while let Some(c) = chars.next() {
        let mapped = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' if !first => continue,
            'c' if matches!(chars.peek(), Some('e' | 'i' | 'y')) => 's',
            'c' | 'q' => 'k',
            'z' => 's',
            'j' => 'g',
            'v' => 'f',
            c => c,
        };
        first = false;
        if last != Some(mapped) {
            if !take(mapped) {
                return false;
            }
            last = Some(mapped);
        }
    }
    true
}

/// The (first letter, letters) of a document's unknown forms, which say
/// which forms the consistency pass needs to bucket: a form one slip from
/// an unknown one has its first letter and a letter count at most one
/// apart.
struct NearUnknown {
    /// Sorted, without repeats.
    wanted: Vec<(char, usize)>,
    /// The ASCII first letters among them: most forms start with none of
    /// them, which a bit test says before a binary search.
    firsts: u128,
}

impl NearUnknown {
    fn new(mut wanted: Vec<(char, usize)>) -> NearUnknown {
        wanted.sort_unstable();
        wanted.dedup();
        let firsts = wanted
            .iter()
            .filter(|&&(c, _)| c.is_ascii())
            .fold(0, |mask, &(c, _)| mask | 1 << (c as u32));
        NearUnknown { wanted, firsts }
    }

    fn is_empty(&self) -> bool {
        self.wanted.is_empty()
    }

    /// Whether a form of this first letter and letter count could be one
    /// slip from an unknown form.
    fn near(&self, first: char, len: usize) -> bool {
        if first.is_ascii() && self.firsts & (1 << (first as u32)) == 0 {
            return false;
        }
        let at = self.wanted.partition_point(|&w| w < (first, len.saturating_sub(1)));
        self.wanted.get(at).is_some_and(|&(c, l)| c == first && l <= len + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `never_typo_ranges` as it was written before the byte scan: every
    /// whitespace-separated word tested in turn.
    fn never_typo_ranges_by_words(text: &str) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        let mut offset = 0;
        for chunk in text.split_inclusive(char::is_whitespace) {
            let word = chunk.trim_end();
            if is_web_word(word) {
                ranges.push((offset, offset + word.len()));
            }
            offset += chunk.len();
        }
        ranges.extend(foreign_quotes(text));
        ranges
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 500, ..Default::default() })]

        /// The byte scan finds the same ranges as testing every word, on
        /// text made of the characters that matter (the markers, spaces of
        /// several kinds, quotes, letters, a replacement character, and
        /// other characters whose UTF-8 starts with the same byte as it).
        #[test]
        fn the_byte_scan_finds_what_the_word_scan_found(
            text in "[a-zA-Z0-9.:@#/ \t\n\u{a0}\u{2003}\"'“”«»(\u{FFFD}\u{FEFF}\u{FF0E}é-]{0,60}"
        ) {
            proptest::prop_assert_eq!(never_typo_ranges(&text), never_typo_ranges_by_words(&text));
        }

        /// The same on text of words that end in a full stop: the web words
        /// among them ("www.", "example.com.", "@x.") and the rest.
        #[test]
        fn the_byte_scan_finds_what_the_word_scan_found_around_full_stops(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "www.", "(www.", "\"www.", "wwww.", "ww.", "www", "example.com.", "seed.txt.", "@x.", "#tag.", "a.",
                "U.S.", "e.g.", "end.", ".", "..", "x:y.", "\u{FFFD}.", "said.", "“www.", "w.", "ww", " ", "\t", "\n",
                "\u{a0}", "\u{b}", "\r", "\u{c}",
            ]), 0..16),
        ) {
            let text = words.concat();
            proptest::prop_assert_eq!(never_typo_ranges(&text), never_typo_ranges_by_words(&text));
            let text = words.join(" ");
            proptest::prop_assert_eq!(never_typo_ranges(&text), never_typo_ranges_by_words(&text));
        }

        /// Decoding only the marks finds the quotes decoding every character
        /// found, on text of quote marks, bytes that lead other characters
        /// (’ — ¡ é), and English and foreign words.
        #[test]
        fn the_mark_scan_finds_the_quotes_the_character_scan_found(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "\"", "“", "”", "„", "«", "»", "’", "—", "¡", " ", "é", "la", "casa", "est", "und", "the", "house",
                ]),
                0..30,
            )
        ) {
            let text = parts.concat();
            proptest::prop_assert_eq!(foreign_quotes(&text), foreign_quotes_by_characters(&text));
        }

        /// The stack table gives strsim's answer, on words of letters that
        /// make swaps, repeats and substitutions likely (and longer than the
        /// stack rows now and then).
        #[test]
        fn within_two_osa_edits_agrees_with_strsim(a in "[abcé]{0,70}", b in "[abcé]{0,70}") {
            proptest::prop_assert_eq!(within_two_osa_edits(&a, &b), strsim::osa_distance(&a, &b) <= 2);
        }

        /// Near pairs: the second word one to three edits from the first.
        #[test]
        fn within_two_osa_edits_agrees_with_strsim_on_near_pairs(
            a in "[abcdé]{0,12}",
            edits in proptest::collection::vec((0usize..14, 0u8..4, "[abé]"), 1..4)
        ) {
            let mut b: Vec<char> = a.chars().collect();
            for (at, op, c) in edits {
                let c = c.chars().next().unwrap_or('a');
                let at = at.min(b.len());
                match op {
                    0 => b.insert(at, c),
                    1 if at < b.len() => { b.remove(at); }
                    2 if at < b.len() => b[at] = c,
                    _ if at + 1 < b.len() => b.swap(at, at + 1),
                    _ => {}
                }
            }
            let b: String = b.into_iter().collect();
            proptest::prop_assert_eq!(within_two_osa_edits(&a, &b), strsim::osa_distance(&a, &b) <= 2);
        }

        /// The callback gives the words the iterator gives, glued sentences
        /// split the same way.
        #[test]
        fn the_word_callback_gives_the_iterator_words(text in "[a-zA-Z0-9.,:' \n’é-]{0,60}") {
            let mut called = Vec::new();
            for_each_word_of(&text, |offset, word| called.push((offset, word)));
            proptest::prop_assert_eq!(called, words_of(&text).collect::<Vec<_>>());
        }

        /// The byte test of a gap between words says what the character test says.
        #[test]
        fn the_gap_byte_test_is_the_character_test(
            gap in "[ .,!?:;\"'()\\[\\]{}*_\t\n\r\x0b\x0c\x1c/a1-]{0,6}"
        ) {
            proptest::prop_assert_eq!(gap_ends_sentence(&gap), gap_ends_sentence_by_chars(&gap));
        }

        /// Title case counted in the scan's callback is title case counted
        /// over the words' list, as it was.
        #[test]
        fn title_case_by_callback_is_title_case_by_list(text in "[A-Za-z0-9.,:' \n’éÉ-]{0,60}") {
            let words: Vec<&str> = crate::text::words::words(&text).filter(|w| w.chars().count() > 3).collect();
            let capitals = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
            proptest::prop_assert_eq!(is_title_case(&text), !words.is_empty() && capitals * 3 >= words.len() * 2);
        }

        /// The replacement character found by its first byte first is found.
        #[test]
        fn the_replacement_character_by_bytes(text in "[a.\u{FFFD}\u{FEFF}é]{0,8}") {
            proptest::prop_assert_eq!(has_replacement_character(&text), text.contains('\u{FFFD}'));
        }
    }

    /// [`foreign_quotes`] decoding every character: the reference for its mark scan.
    fn foreign_quotes_by_characters(text: &str) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        let mut open: Option<(usize, char)> = None;
        for (i, c) in text.char_indices() {
            quote_mark(text, i, c, &mut open, &mut ranges);
        }
        ranges
    }
    use crate::document::{parse_article, InputFormat, ParseOptions};

    fn typos(text: &str) -> Vec<(String, String, Option<String>)> {
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        analyse(&doc, &CheckOptions::default())
            .into_iter()
            .map(|t| (t.finding.rule.to_string(), t.finding.text.clone(), t.suggestion))
            .collect()
    }

    /// Everything a typo says, to compare two runs.
    fn described(typos: Vec<Typo>) -> Vec<(String, usize, usize, Option<String>, bool, String)> {
        typos
            .into_iter()
            .map(|t| {
                (
                    t.rule.id.to_string(),
                    t.start,
                    t.end,
                    t.suggestion,
                    t.unambiguous,
                    t.finding.text,
                )
            })
            .collect()
    }

    /// How many typos `text` has, found with the words of the alignment's
    /// tokens and with the check's own scan of the text, which must agree.
    fn aligned_and_scanned(text: &str) -> usize {
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let options = CheckOptions::default();
        let alignment = crate::align::align(&doc);
        let aligned = described(analyse_aligned(&doc, &alignment, &options));
        let scanned = described(analyse(&doc, &options));
        assert_eq!(aligned, scanned, "{text:?}");
        aligned.len()
    }

    /// The words of the tokenizer's tokens of `text[start..]` are those the
    /// check's scan finds there, at the same offsets.
    fn token_words_are_scanned_words(text: &str, start: usize) {
        let tokens = crate::text::tokenize(text, start, text.len());
        let mut from_tokens = Vec::new();
        for_each_token_word(text, start, &tokens, |offset, word| from_tokens.push((offset, word)));
        let mut scanned = Vec::new();
        for_each_word_of(&text[start..], |offset, word| scanned.push((offset, word)));
        assert_eq!(from_tokens, scanned, "{text:?} from {start}");
    }

    #[test]
    fn the_words_of_tokens_are_the_scanned_words() {
        for text in [
            "It cost $1.2 million, 3 billion and 40 per cent; three million people, 2nd million.",
            "into the break.Shingler extended it. U.S. e.g. 3.5 Putin’s neo-Nazis 1.5\u{a0}million",
            "“Quoted” words — a café in Москва 北京 👍 and 12 million\u{2003}billion dollars",
            "",
        ] {
            for start in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                token_words_are_scanned_words(text, start);
            }
        }
    }

    #[test]
    fn typos_from_the_alignment_are_the_typos_from_the_scan() {
        let mut found = 0;
        for text in [
            "Title Here\n\nMinister Tomasz Kowalczyk spoke. Kowalczyk said it would work. Later Kowalcyzk added more.\n",
            "Title Here\n\nThey share a mission to combat neo-Nazism, and militatism, the leaders said.\n",
            "Title Here\n\nEvery school will serve vegetables. The review by the Shcool Food Trust advises each school.\n\n- The Shcool Food Trust advises.\n",
            "Budget Rises\n\nIt cost $1.2 million.Tehn the goverment paid 3 million dollars to http://example.com/x.\n\n- The goverment paid 1.2 million.\n",
        ] {
            found += aligned_and_scanned(text);
        }
        assert!(found >= 4, "{found}");
    }

    proptest::proptest! {
        /// The same on text of words, numbers, multipliers, glued sentences
        /// and marks, from any start.
        #[test]
        fn token_words_are_scanned_words_on_any_text(
            words in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "goverment", "1.2", "3", "million", "Million", "billion", "per", "cent", "%",
                "break.Shingler", "U.S.", "e.g.", "-", "\u{2010}", "café", "’s", "'s", ".", ",", " ", "  ",
                "\u{a0}", "\u{2003}", "\n", "three", "2nd", "Kowalcyzk", "x.Y", "ab.Cd", "@handle", "北京",
            ]), 0..30),
            start in 0usize..8,
        ) {
            let text = words.concat();
            let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            token_words_are_scanned_words(&text, start);
            token_words_are_scanned_words(&words.join(" "), 0);
        }

        #[test]
        fn typos_from_the_alignment_on_any_article(
            body in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "goverment", "Goverment", "school", "Shcool", "1.2", "3", "million", "billion",
                "break.Shingler", "U.S.", "Kowalczyk", "Kowalcyzk", "militatism", "neo-Nazism", "said", ".", ",",
                "per", "cent", "café",
            ]), 1..25),
            bullet in proptest::collection::vec(proptest::sample::select(vec![
                "the", "goverment", "school", "Shcool", "1.2", "million", "Kowalcyzk", "said", ".",
            ]), 1..8),
        ) {
            aligned_and_scanned(&format!("Title Here\n\n{}.\n\n- {}.\n", body.join(" "), bullet.join(" ")));
        }

        /// The full stop test by words of eight bytes is the byte search.
        #[test]
        fn holds_dot_is_the_byte_search(text in "[a.é\\-]{0,30}", start in 0usize..31, len in 0usize..31) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            let len = len.min(bytes.len() - start);
            proptest::prop_assert_eq!(holds_dot(bytes, start, len), bytes[start..start + len].contains(&b'.'));
        }
    }

    /// The hyphen prefixes are searched by halves: they must stay sorted
    /// and unique.
    #[test]
    fn hyphen_prefixes_are_sorted() {
        assert!(HYPHEN_PREFIXES.windows(2).all(|w| w[0] < w[1]));
    }

    /// The thread's verdicts remember forms across documents, with where
    /// each document keeps them: a document read after others on the same
    /// thread (sharing some words, not others) gets what it gets on a fresh
    /// thread.
    #[test]
    fn documents_read_one_after_another_on_a_thread_get_what_they_get_alone() {
        let texts = [
            "Title Here\n\nMinister Tomasz Kowalczyk spoke. Kowalczyk said it would work. Later Kowalcyzk added more.\n",
            "Title Here\n\nThey share a mission to combat neo-Nazism, and militatism, the leaders said.\n",
            "Title Here\n\nEvery school will serve vegetables. The review by the Shcool Food Trust advises each school.\n",
            "Title Here\n\nKowalczyk and the school said militarism would work. Kowalczyk spoke.\n",
        ];
        let alone: Vec<_> = texts
            .iter()
            .map(|&t| std::thread::spawn(move || typos(t)).join().unwrap())
            .collect();
        let in_turn: Vec<_> = std::thread::spawn(move || texts.iter().map(|t| typos(t)).collect::<Vec<_>>())
            .join()
            .unwrap();
        assert_eq!(in_turn, alone);
        // (Each of the first three has a finding to get right.)
        assert!(alone[..3].iter().all(|found| !found.is_empty()), "{alone:?}");
    }

    /// A document to check, made on the thread that checks it (a
    /// [`Document`] is not shared between threads).
    #[derive(Debug)]
    enum Input {
        /// A JSONL record: body, headline, summary (bullets if several items).
        Record(String, Option<&'static str>, Vec<&'static str>),
        Parsed(&'static str, InputFormat),
    }

    impl Input {
        fn document(&self) -> Document {
            use crate::document::json::{Record, Summary};
            match self {
                Input::Record(body, headline, summary) => Record {
                    id: "r".to_string(),
                    document: body.clone(),
                    summary: match &summary[..] {
                        [] => None,
                        [prose] => Some(Summary::Prose(prose.to_string())),
                        items => Some(Summary::Bullets(items.iter().map(|s| s.to_string()).collect())),
                    },
                    headline: headline.map(str::to_string),
                    dek: None,
                    label: None,
                }
                .into_document("t.jsonl", None),
                Input::Parsed(text, format) => {
                    parse_article("t.md", text.to_string(), *format, &ParseOptions::default()).unwrap()
                }
            }
        }
    }

    fn record(body: &str, headline: Option<&'static str>, summary: &[&'static str]) -> Input {
        Input::Record(body.to_string(), headline, summary.to_vec())
    }

    type Described = Vec<(String, usize, usize, Option<String>, bool, String)>;

    /// The typos of `doc`, read from its alignment's tokens (as `check`
    /// does) or by the check's own scan.
    fn typos_of(input: &Input, options: &CheckOptions, aligned: bool) -> Described {
        let doc = &input.document();
        if aligned {
            described(analyse_aligned(doc, &crate::align::align(doc), options))
        } else {
            described(analyse(doc, options))
        }
    }

    /// Checks `docs` one after another on one thread and each alone on a
    /// fresh thread, which must give the same typos; returns how many
    /// documents started from the body of the one before.
    fn in_turn_as_alone(docs: &[(Input, CheckOptions, bool)]) -> usize {
        in_turn_as_alone_reused(docs).0
    }

    /// [`in_turn_as_alone`], returning how many documents paired their
    /// forms from a body's kept pairs, and the typos of each.
    fn in_turn_as_alone_paired(docs: &[(Input, CheckOptions, bool)]) -> (usize, Vec<Described>) {
        let (alone, paired) = in_turn_as_alone_counting(docs, || PAIRED.with(std::cell::Cell::get));
        (paired, alone)
    }

    /// [`in_turn_as_alone`], also returning how many judgements of body
    /// words were reused and how many made again.
    fn in_turn_as_alone_reused(docs: &[(Input, CheckOptions, bool)]) -> (usize, (usize, usize)) {
        in_turn_as_alone_counting(docs, || {
            (RESTORED.with(std::cell::Cell::get), REUSED.with(std::cell::Cell::get))
        })
        .1
    }

    /// A record of `body` for each of `summaries`, checked with the
    /// default options and aligned.
    fn records_of_one_body(body: &str, summaries: &[&[&'static str]]) -> Vec<(Input, CheckOptions, bool)> {
        summaries
            .iter()
            .map(|summary| (record(body, None, summary), CheckOptions::default(), true))
            .collect()
    }

    /// Checks `docs` in turn on one fresh thread and each alone on a fresh
    /// thread, asserts that both give the same typos, and returns the typos
    /// with what `counts` read (on the thread that checked in turn) after.
    fn in_turn_as_alone_counting<T: Send>(
        docs: &[(Input, CheckOptions, bool)],
        counts: impl Fn() -> T + Sync,
    ) -> (Vec<Described>, T) {
        let alone: Vec<Described> = docs
            .iter()
            .map(|(doc, options, aligned)| {
                std::thread::scope(|scope| scope.spawn(|| typos_of(doc, options, *aligned)).join().unwrap())
            })
            .collect();
        let (in_turn, counted) = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let found: Vec<Described> = docs
                        .iter()
                        .map(|(doc, options, aligned)| typos_of(doc, options, *aligned))
                        .collect();
                    (found, counts())
                })
                .join()
                .unwrap()
        });
        for (i, (turn, alone)) in in_turn.iter().zip(&alone).enumerate() {
            assert_eq!(turn, alone, "document {i}: {:?}", docs[i].0);
        }
        (alone, counted)
    }

    /// Records of one body whose summaries change what judging the body's
    /// unsure words reads (a lexicon candidate of a body typo written, a
    /// lower-case unknown word written capitalised, a name written once
    /// written again, a name one slip from a body word, the typo copied, a
    /// common word two letters from a capitalised body word) or change
    /// nothing it reads: each gets what it gets alone, and some judgements
    /// are reused, some made again.
    #[test]
    fn judgements_of_the_body_stand_only_where_the_summary_changes_nothing_they_read() {
        let body = "Minister Tomasz Kowalczyk spoke at the Shcool Food Trust. Kowalczyk said the goverment would \
            work. Later Kowalcyzk added more.\n\nLcub members met at the club. The Gulf Strema rose. The \
            militatism grew, and the club grew. Ome are fighting. Tw of them won.";
        let summaries: [&[&'static str]; 12] = [
            &["Kowalczyk spoke."],
            &["The government spoke."],
            &["Kowalcyzk and Kowalcyzk spoke."],
            &["The Goverment paid."],
            &["Militatism rose.", "The goverment paid."],
            &["Members of the Lcub met."],
            &["The Gulf Stream rose."],
            &["Strema and Sterma met Kowalczk."],
            &[],
            &["One two club clubs."],
            &["The Ome and the Tw."],
            &["Kowalczyk spoke."],
        ];
        let docs = records_of_one_body(body, &summaries);
        let (restored, (reused, judged_again)) = in_turn_as_alone_reused(&docs);
        assert_eq!(restored, summaries.len() - 1);
        assert!(
            reused > 0 && judged_again > 0,
            "{reused} reused, {judged_again} judged again"
        );
        // And in the other order.
        let reversed: Vec<_> = docs.into_iter().rev().collect();
        in_turn_as_alone(&reversed);
    }

    /// Records of one body whose body pairs forms one slip apart (names,
    /// lower-case unknown words, a swapped first letter), with summaries
    /// that write a form of a pair again (and change which is flagged), a
    /// new form one slip from a body form, the swapped form, a body form
    /// capitalised (or as a known name: then it is no longer unknown), or
    /// nothing relevant: each gets from the body's kept
    /// pairs what it gets alone, in order and reversed.
    #[test]
    fn pairs_kept_with_the_body_give_what_pairing_alone_gives() {
        let body = "Minister Tomasz Kowalczyk spoke at the Shcool Food Trust. Kowalczyk said the plan would work. \
            Later Kowalcyzk added more.\n\nThe Olndon office shut. Officials in Brambleton and Bramblton met. \
            The zarquon and the zarqon ran, and the zarquon won. Ms Greystone met Ms Graystone. The nasa \
            and the nsaa, the nsaa and the nsaa met.";
        let summaries: [&[&'static str]; 17] = [
            &["Kowalczyk spoke."],
            &["Then Kowlaczyk and Kowlaczyk spoke."],
            &["The Nasa met."],
            &["Officials in Brambltno and Brambltno met."],
            &["Kowalcyzk and Kowalcyzk and Kowalcyzk spoke."],
            &["Then Kowalczky spoke."],
            &["Officials in Bramblton and Bramblton met."],
            &["Officials in Brambletn met."],
            &["The London office shut."],
            &["The Lodnon office shut."],
            &["The Zarqon ran."],
            &["the zarqon, the zarqon and the zarqon ran."],
            &[],
            &["Ms Greystone paid Ms Graystone and Ms Graystone."],
            &["Kowalcyzk spoke at the Shcool.", "The zarqonn ran."],
            &["kowalczyk spoke."],
            &["Kowalczyk spoke."],
        ];
        let docs = records_of_one_body(body, &summaries);
        let (paired, found) = in_turn_as_alone_paired(&docs);
        // (All but the first pair from the kept pairs, and there are pairs
        // to flag.)
        assert_eq!(paired, summaries.len() - 1);
        assert!(
            found
                .iter()
                .all(|typos| typos.iter().any(|t| t.0 == INCONSISTENT_SPELLING.id)),
            "{found:?}"
        );
        let reversed: Vec<_> = docs.into_iter().rev().collect();
        in_turn_as_alone_paired(&reversed);
    }

    /// An article's records (one body, several summaries) are read one
    /// after another on a worker thread; all but the first start from the
    /// body the first read, and get what they get alone: with bullets or
    /// prose, another number of summary units, a headline, the words from
    /// the alignment or the scan, and after another body, a longer body
    /// that starts with the same text, or other project words.
    #[test]
    fn records_of_one_body_get_what_they_get_alone() {
        let body = "Minister Tomasz Kowalczyk spoke at the Shcool Food Trust. Kowalczyk said it would work.\n\n\
            They share a mission to combat neo-Nazism, and militatism, the leaders said. Kowalcyzk added more.";
        let longer = format!("{body} The goverment paid.");
        let plain = CheckOptions::default();
        let with_words = CheckOptions {
            words: vec!["militatism".to_string()],
            ..CheckOptions::default()
        };
        let docs = vec![
            (
                record(body, None, &["Kowalczyk spoke at the school."]),
                plain.clone(),
                true,
            ),
            (
                record(body, None, &["Kowalcyzk spoke.", "The Shcool Food Trust paid."]),
                plain.clone(),
                true,
            ),
            (
                record(body, None, &["The goverment spoke of militarism."]),
                plain.clone(),
                false,
            ),
            (
                record(body, None, &["One.", "Two.", "Three Kowalcyzk."]),
                plain.clone(),
                true,
            ),
            (record(body, None, &[]), plain.clone(), true),
            (record(&longer, None, &["Kowalcyzk spoke."]), plain.clone(), true),
            (record(body, None, &["Kowalcyzk spoke."]), plain.clone(), true),
            (record(body, None, &["Kowalcyzk spoke."]), with_words.clone(), true),
            (record(body, None, &["Militatism again."]), with_words, true),
            (record(body, None, &["Kowalcyzk spoke."]), plain.clone(), true),
            (
                record(body, Some("Kowalczyk Speaks"), &["Kowalcyzk spoke."]),
                plain.clone(),
                true,
            ),
            (
                record(body, Some("Kowalczyk Speaks"), &["A bullet.", "Another."]),
                plain.clone(),
                true,
            ),
            (
                record(body, Some("Kowalczyk Speaks Twice"), &["Kowalcyzk spoke."]),
                plain,
                true,
            ),
        ];
        // (The 2nd, the 5th (after the 4th: the 3rd's words came from the
        // scan), the 9th and the 12th.)
        assert_eq!(in_turn_as_alone(&docs), 4);
    }

    /// Records of one body with 1, 3, 1, 2, 2 and 1 summary units in turn
    /// (the body's regions renumbered back and forth, and the same twice),
    /// checked each as alone; and the vectors a restored document gives
    /// back to the snapshot, moved ([`BodySnapshot::take_back`]) or copied
    /// ([`BodySnapshot::copy_back`]), are the body's that it was lent.
    #[test]
    fn a_kept_body_lends_its_vectors_and_gets_back_the_bodys() {
        let body = "Minister Tomasz Kowalczyk spoke at the Shcool Food Trust. Kowalczyk said it would work.\n\n\
            They share a mission to combat neo-Nazism, and militatism, the leaders said. Kowalcyzk added more.";
        let summaries: [&[&'static str]; 6] = [
            &["Kowalczyk spoke at the school."],
            &["One Kowalcyzk.", "Two militatism.", "Three."],
            &["The goverment spoke of militarism."],
            &["Kowalcyzk spoke.", "The Shcool Food Trust paid."],
            &["A bullet.", "Another Kowalczyk."],
            &["Militatism again."],
        ];
        // (Each restored record found its body's forms' entries as the one
        // before left them.)
        let counts = || {
            (
                RESTORED.with(std::cell::Cell::get),
                LEFT_TAKEN.with(std::cell::Cell::get),
            )
        };
        let (_, counted) = in_turn_as_alone_counting(&records_of_one_body(body, &summaries), counts);
        assert_eq!(counted, (5, 5));
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    type Body = (Vec<(u32, u32, u32)>, Vec<u32>, Vec<u32>, Vec<usize>, Vec<usize>);
                    fn body_of(s: &BodySnapshot) -> Body {
                        (
                            s.tokens[..s.body_tokens]
                                .iter()
                                .map(|t| (t.at, t.in_region, t.form_at))
                                .collect(),
                            s.form_keys[..s.forms.len()].to_vec(),
                            s.names[..s.body_names].to_vec(),
                            s.compared[..s.body_compared].to_vec(),
                            s.unsure[..s.body_unsure].to_vec(),
                        )
                    }
                    let options = CheckOptions::default();
                    let first = record(body, None, summaries[0]).document();
                    analyse_aligned(&first, &crate::align::align(&first), &options);
                    let kept = BODY_SNAPSHOT.with(std::cell::Cell::take);
                    let before = body_of(&kept);
                    assert!(!kept.split && kept.tokens.len() > kept.body_tokens);
                    BODY_SNAPSHOT.with(|slot| slot.set(kept));
                    // (The same number of units: the regions keep their indices.)
                    let next = record(body, None, summaries[5]).document();
                    let alignment = crate::align::align(&next);
                    for copied in [false, true] {
                        let mut checker = Checker::new(&next, &options);
                        checker.collect(Some(&alignment));
                        let mut lent = checker.reused.take().or_else(|| checker.lent.take()).expect("restored");
                        assert!(lent.split && lent.tokens.is_empty());
                        assert!(checker.tokens.len() > lent.body_tokens);
                        if copied {
                            let tokens = std::mem::take(&mut checker.tokens);
                            lent.copy_back(&checker, &tokens);
                        } else {
                            lent.take_back(&mut checker);
                        }
                        assert_eq!(body_of(&lent), before);
                        assert_eq!(lent.tokens.len(), lent.body_tokens);
                        assert_eq!(lent.unsure.len(), lent.body_unsure);
                        BODY_SNAPSHOT.with(|slot| slot.set(lent));
                    }
                })
                .join()
                .unwrap();
        });
    }

    /// A summary before the body (plain text: headline, bullets, then the
    /// body; Markdown with the summary first) is read with the body, so
    /// only the same document again could start from it: all as alone.
    #[test]
    fn summaries_before_the_body_get_what_they_get_alone() {
        let parse = Input::Parsed;
        let plain = CheckOptions::default();
        let docs = vec![
            (
                parse(
                    "Title Here\n\n- The Shcool paid.\n\nThe Shcool Food Trust paid the goverment.\n",
                    InputFormat::Text,
                ),
                plain.clone(),
                true,
            ),
            (
                parse(
                    "Title Here\n\n- The school paid.\n\nThe Shcool Food Trust paid the goverment.\n",
                    InputFormat::Text,
                ),
                plain.clone(),
                true,
            ),
            (
                parse(
                    "# Budget Rises\n\n## Summary\n\n- The goverment paid.\n\nThe goverment paid. Kowalcyzk said so.\n",
                    InputFormat::Markdown,
                ),
                plain.clone(),
                true,
            ),
            (
                parse(
                    "# Budget Rises\n\nThe goverment paid. Kowalcyzk said so.\n\n## Summary\n\n- The goverment paid.\n",
                    InputFormat::Markdown,
                ),
                plain.clone(),
                true,
            ),
            (
                parse(
                    "# Budget Rises\n\nThe goverment paid. Kowalcyzk said so.\n\n## Summary\n\n- Kowalczyk paid.\n",
                    InputFormat::Markdown,
                ),
                plain.clone(),
                false,
            ),
            (
                record(
                    "The goverment paid. Kowalcyzk said so.",
                    Some("Budget Rises"),
                    &["Kowalczyk paid."],
                ),
                plain,
                true,
            ),
        ];
        in_turn_as_alone(&docs);
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(48))]
        /// Records of a few bodies and summaries, in any order: as alone.
        #[test]
        fn records_in_any_order_get_what_they_get_alone(
            picks in proptest::collection::vec((0usize..3, 0usize..12, proptest::bool::ANY, proptest::bool::ANY), 1..8),
            words in proptest::collection::vec(proptest::sample::select(vec![
                "the", "The", "goverment", "Goverment", "school", "Shcool", "1.2", "million", "U.S.",
                "Kowalczyk", "Kowalcyzk", "militatism", "neo", "-", "Nazism", "neo-Nazism", "said", ".", ",",
                "café", "\n\n", "break.Shingler", "anti\u{2011}war", "Olndon", "zarquon", "zarqon",
            ]), 1..30),
        ) {
            let base = words.join(" ");
            let bodies = [base.clone(), format!("{base} The Shcool paid."), format!("Kowalcyzk said. {base}")];
            let summaries: [&[&str]; 12] = [
                &["Kowalcyzk said so."],
                &["The goverment paid.", "neo-Nazism rose."],
                &[],
                &["-Nazism", "Nazism."],
                &["The government and the school paid."],
                &["Goverment Shcool militarism Kowalcyzk Kowalcyzk."],
                &["Militatism, said Kowalczk."],
                &["The Goverment paid the Shcool."],
                &["Then Kowalczky, Kowalcyzk and Kowalcyzk said London."],
                &["The Zarqon and the zarqon and the zarqonn ran."],
                &["the kowalczyk and the olndon and Lodnon."],
                &["Then Kowlaczyk, Kowlaczyk and Shcool said."],
            ];
            let docs: Vec<_> = picks
                .iter()
                .map(|&(b, s, headline, aligned)| {
                    let headline = headline.then_some("Kowalczyk Speaks");
                    (record(&bodies[b], headline, summaries[s]), CheckOptions::default(), aligned)
                })
                .collect();
            in_turn_as_alone(&docs);
        }
    }

    /// The bytes the hyphen-prefix test reads after a word are those it
    /// reads: the byte after it, and a hyphen and the character after that.
    #[test]
    fn the_hyphen_test_reads_to_where_it_says() {
        let text = "neo-Nazis anti\u{2011}war pro-\u{e9}t co\u{2014}op un-";
        assert_eq!(hyphen_test_end(text, 3), 5);
        assert_eq!(hyphen_test_end(text, 9), 10);
        assert_eq!(hyphen_test_end(text, 14), 18);
        assert_eq!(hyphen_test_end(text, 24), 27);
        assert_eq!(hyphen_test_end(text, 31), 34);
        assert_eq!(hyphen_test_end(text, 39), 40);
        assert_eq!(hyphen_test_end(text, 40), 40);
    }

    #[test]
    fn a_short_form_slot_takes_16_bytes_and_gives_back_what_it_holds() {
        assert_eq!(std::mem::size_of::<ShortSlot>(), 16);
        let form = ShortForm::of("Kyiv's").unwrap();
        let seen = Seen {
            verdict: Lexical::KnownName,
            key: 77,
            capitals: 1,
            compared: true,
        };
        let back = ShortSlot::new(form, seen, false).seen(form).unwrap();
        assert_eq!(
            (back.verdict, back.key, back.capitals, back.compared),
            (seen.verdict, seen.key, seen.capitals, seen.compared)
        );
        assert!(ShortSlot::new(form, seen, true)
            .seen(ShortForm::of("Kyiv").unwrap())
            .is_none());
        assert!(ShortSlot::default().seen(form).is_none());
    }

    /// The table written page by page is the plain table of empty slots.
    #[test]
    fn the_short_table_starts_with_every_slot_empty() {
        let table = ShortSlot::empty_table();
        assert_eq!(table.len(), ShortForm::SLOTS);
        let form = ShortForm::of("Kyiv").unwrap();
        assert!(table.iter().all(|slot| slot.len == 0 && slot.seen(form).is_none()));
    }

    /// A form evicted from its table slot comes back from the map of
    /// short forms with what it had, and every form's answer is the one
    /// `lexical` gives (forms enough for most slots to be shared).
    #[test]
    fn short_forms_evicted_from_the_table_come_back_unchanged() {
        std::thread::spawn(|| {
            let words = HashSet::new();
            let mut loan = VerdictsLoan::take(Locale::Any, &words);
            let forms: Vec<String> = (0..3 * ShortForm::SLOTS)
                .map(|i| {
                    let mut form = String::new();
                    let mut n = i;
                    loop {
                        form.push(char::from(b'a' + (n % 26) as u8));
                        n /= 26;
                        if n == 0 {
                            break;
                        }
                    }
                    if i % 5 == 0 {
                        form[..1].to_ascii_uppercase() + &form[1..]
                    } else {
                        form
                    }
                })
                .collect();
            let look = |loan: &mut VerdictsLoan, form: &str| {
                let seen = loan.seen(form, ShortForm::of(form), Locale::Any, &words);
                (seen.verdict, seen.key, seen.capitals, seen.compared)
            };
            let first: Vec<_> = forms.iter().map(|form| look(&mut loan, form)).collect();
            assert_eq!(loan.cache.short_forms, forms.len());
            for (form, &(verdict, key, capitals, _)) in forms.iter().zip(&first) {
                assert_eq!(verdict, lexical(form, Locale::Any, &words), "{form}");
                assert_eq!(&*loan.cache.keys[key as usize], bare(&fold(form)), "{form}");
                assert_eq!(usize::from(capitals), super::capitals(form), "{form}");
            }
            for (form, first) in forms.iter().zip(&first).rev() {
                assert_eq!(look(&mut loan, form), *first, "{form}");
            }
            assert_eq!(loan.cache.short_forms, forms.len());
        })
        .join()
        .unwrap();
    }

    /// A long form (over 8 bytes) comes back from the map with what it
    /// had, whether it shares its key's string (its own key) or not
    /// (capitals, a possessive), and its key is the key of its fold.
    #[test]
    fn long_forms_come_back_unchanged_with_or_without_their_key_string() {
        std::thread::spawn(|| {
            let words = HashSet::new();
            let mut loan = VerdictsLoan::take(Locale::Any, &words);
            let forms = [
                "newspapers",
                "Newspapers",
                "newspaper's",
                "Newspaper's",
                "NEWSPAPERS",
                "gobbledygookish",
                "Gobbledygookish",
                "gobbledygookish's",
                "storylines",
                "storylines'",
                "Zelenskyy’s",
                "Zelenskyy",
            ];
            let look = |loan: &mut VerdictsLoan, form: &str| {
                let seen = loan.seen(form, ShortForm::of(form), Locale::Any, &words);
                (seen.verdict, seen.key, seen.capitals, seen.compared)
            };
            let first: Vec<_> = forms.iter().map(|form| look(&mut loan, form)).collect();
            for (form, &(verdict, key, capitals, _)) in forms.iter().zip(&first) {
                assert_eq!(verdict, lexical(form, Locale::Any, &words), "{form}");
                assert_eq!(&*loan.cache.keys[key as usize], bare(&fold(form)), "{form}");
                assert_eq!(usize::from(capitals), super::capitals(form), "{form}");
                assert_eq!(loan.cache.seen.get(*form).map(|seen| seen.key), Some(key), "{form}");
            }
            for (form, first) in forms.iter().zip(&first).rev() {
                assert_eq!(look(&mut loan, form), *first, "{form}");
            }
            assert_eq!(loan.cache.seen.len(), forms.len());
        })
        .join()
        .unwrap();
    }

    /// [`derived_form`] as it was before it read `word` by bytes and asked
    /// the lexicon without normalising: the plain path the test below
    /// compares it with.
    fn derived_form_by_chars(word: &str, locale: Locale) -> Option<Lexical> {
        let known = |w: &str| lexicon::is_word(w, locale) || lexicon::has_frequency(w);
        // Every stem tried below, and the first half of a compound, is a prefix
        // of `word` (a stem plus "e" too: it is tried only before an "e"
        // suffix): whether each prefix is known comes from one walk down the
        // lexicon instead of a lookup per stem.
        let known_prefix = lexicon::known_prefixes(word, locale);
        if let Some(base) = word.strip_suffix('s') {
            // Only a noun or a verb takes an -s: "boths" and "justs" are slips.
            if base.len() >= 4
                && !base.ends_with('s')
                && known_prefix[base.len()]
                && synonyms::is_noun_or_verb(base) != Some(false)
            {
                return Some(Lexical::Derived);
            }
        }
        if let Some(base) = word
            .strip_suffix("ally")
            .or_else(|| word.strip_suffix("ly"))
            .or_else(|| word.strip_suffix("al"))
        {
            if base.len() >= 5 && known_prefix[base.len()] {
                return Some(Lexical::Derived);
            }
        }
        // Agent nouns and verb forms the lexicon lacks ("influencers", "baseballer",
        // "helmed"), but not a missed doubling ("occured" for "occurred").
        let base = ["ers", "er", "ed", "ing"]
            .iter()
            .find_map(|suffix| word.strip_suffix(suffix).map(|b| (b, *suffix)));
        if let Some((base, suffix)) = base {
            let needs_doubling = {
                let c: Vec<char> = base.chars().collect();
                c.len() >= 3
                    && !is_vowel(c[c.len() - 1])
                    && !matches!(c[c.len() - 1], 'w' | 'x' | 'y')
                    && is_vowel(c[c.len() - 2])
                    && !is_vowel(c[c.len() - 3])
            };
            if base.len() >= 4 && !needs_doubling && !base.ends_with('e') && known_prefix[base.len()] {
                return Some(Lexical::Derived);
            }
            // The stem with its "e" back ("baked" from "bake"): the prefix one
            // longer, since the suffix starts with the "e".
            if suffix.starts_with('e') && base.len() >= 4 && known_prefix[base.len() + 1] {
                return Some(Lexical::Derived);
            }
        }
        let n = word.len();
        if n < 7 {
            return None;
        }
        // Both parts at least 3 letters and content words: "linkthe" is a slip.
        (3..=n - 3)
            .any(|i| {
                let (a, b) = word.split_at(i);
                let function_word = |w: &str| w.len() <= 3 && is_stopword(w);
                !function_word(a)
                    && !function_word(b)
                    && known_prefix[i]
                    && (known(b) || b.strip_suffix('s').is_some_and(known))
            })
            .then_some(Lexical::Compound)
    }

    proptest::proptest! {
        /// `derived_form` by bytes answers as by characters, with each
        /// part normalised again (suffixes and compounds built in).
        #[test]
        fn derived_forms_by_bytes_agree_with_the_plain_path(
            stem in "[a-z]{2,9}",
            end in "(|s|ly|ally|al|ers|er|ed|ing|'s|[a-z]{3,7}|[a-z]{3,6}s)",
        ) {
            let word = stem + &end;
            for locale in [Locale::Any, Locale::Us] {
                proptest::prop_assert_eq!(derived_form(&word, locale), derived_form_by_chars(&word, locale), "{}", word);
            }
        }
    }

    proptest::proptest! {
        /// A short form's table key is the form: equal keys, equal forms
        /// (any bytes, NUL and non-ASCII included).
        #[test]
        fn short_forms_are_equal_only_if_their_texts_are(a in "[a\\x00é’Z]{0,9}", b in "[a\\x00é’Z]{0,9}") {
            let (ka, kb) = (ShortForm::of(&a), ShortForm::of(&b));
            proptest::prop_assert_eq!(ka.is_some(), !a.is_empty() && a.len() <= 8);
            if let (Some(ka), Some(kb)) = (ka, kb) {
                proptest::prop_assert_eq!(ka == kb, a == b);
                proptest::prop_assert!(ka.slot() < ShortForm::SLOTS);
            }
        }

        /// A short form's shape read from its bytes eight at a time is what
        /// the per-character path finds, and so is what `add` remembers of it.
        #[test]
        fn short_form_shapes_by_bytes_agree_with_the_plain_path(word in "[a-zA-Z0-9.'`’é_ -]{1,8}") {
            let Some(form) = ShortForm::of(&word) else {
                return Ok(());
            };
            proptest::prop_assert_eq!(form.plain_and_capitals(&word), plain_and_capitals(&word));
            if word.is_ascii() {
                let folded = fold(&word);
                proptest::prop_assert_eq!(form.folded_bytes(), ShortForm::of(&folded).unwrap().bytes);
                let key = ShortForm::of(bare(&folded)).unwrap().bytes;
                proptest::prop_assert_eq!(form.folded_bytes() & low_bytes(bare(&folded).len()), key);
                proptest::prop_assert_eq!(
                    number_abbreviation_or_initial_in(key),
                    number_abbreviation_or_initial(bare(&folded))
                );
            }
            let words = HashSet::new();
            let mut by_bytes = VerdictsLoan::take(Locale::Gb, &words);
            let seen = by_bytes.add(&word, Some(form), Locale::Gb, &words);
            let key = by_bytes.cache.keys[seen.key as usize].to_string();
            drop(by_bytes);
            let mut plain = VerdictsLoan::take(Locale::Gb, &words);
            let again = plain.add(&word, None, Locale::Gb, &words);
            proptest::prop_assert_eq!(
                (seen.verdict, seen.capitals, seen.compared, key.as_str()),
                (again.verdict, again.capitals, again.compared, &*plain.cache.keys[again.key as usize])
            );
            proptest::prop_assert_eq!(seen.verdict, lexical(&word, Locale::Gb, &words));
        }

        /// The byte paths for ASCII words decide as the character paths do.
        #[test]
        fn ascii_shortcuts_agree_with_the_character_tests(word in "[a-zA-Z0-9.'éÉ’ ]{0,12}") {
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            let by_chars = word.chars().any(|c| c.is_ascii_digit()) || letters == 0 || word.contains('.') || letters == 1;
            proptest::prop_assert_eq!(number_abbreviation_or_initial(&word), by_chars);
            proptest::prop_assert_eq!(capitals(&word), word.chars().filter(|c| c.is_uppercase()).count());
        }

        /// `bare`'s test of the last byte strips what the suffix
        /// comparisons alone strip; an ASCII form's fold is looked up
        /// unchanged, as `lexicon::is_word` would look it up.
        #[test]
        fn bare_forms_and_ascii_folds(word in "[a-zA-Z'`’sS]{0,6}") {
            let by_suffixes = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .or_else(|| word.strip_suffix("'S"))
                .or_else(|| word.strip_suffix('\''))
                .or_else(|| word.strip_suffix('’'))
                .filter(|w| !w.is_empty())
                .unwrap_or(&word);
            proptest::prop_assert_eq!(bare(&word), by_suffixes);
            let folded = fold(&word);
            if folded.is_ascii() {
                for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                    proptest::prop_assert_eq!(
                        lexicon::is_normalised_word(&folded, locale),
                        lexicon::is_word(&folded, locale)
                    );
                }
            }
        }

        /// A form folded without a copy is the form folded.
        #[test]
        fn folding_without_a_copy_folds(word in "[a-zA-Z'`’éÉ.-]{0,10}", before in "[a-zA-Z`é]{0,12}") {
            let folded = fold(&word);
            // In a buffer that held an earlier fold.
            let mut buf = fold(&before);
            proptest::prop_assert_eq!(fold_in(&word, &mut buf), folded.as_str());
            proptest::prop_assert_eq!(
                plain_and_capitals(&word),
                (folds_to_itself(&word), capitals(&word), word.is_ascii())
            );
            // (An ASCII form's key has as many letters as bytes.)
            if word.is_ascii() {
                let key = bare(&folded);
                proptest::prop_assert_eq!(key.chars().count(), key.len());
            }
            if folds_to_itself(&word) {
                proptest::prop_assert_eq!(&folded, &word);
                // (`VerdictsLoan::add` counts no capitals in such a form.)
                proptest::prop_assert_eq!(capitals(&word), 0);
                // (Nor normalises it again: it is plain.)
                proptest::prop_assert!(word.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
            }
        }

        /// A phonetic key compared as it is made is the key compared whole.
        #[test]
        fn phonetic_keys_compare_as_they_are_made(a in "[a-z'é]{0,9}", b in "[a-zé]{0,9}") {
            let plain = |word: &str| {
                // (`phonetic` as it was: a vector of the characters and a string.)
                let mut out = String::new();
                let chars: Vec<char> = word.chars().collect();
                for (i, &c) in chars.iter().enumerate() {
                    let mapped = match c {
                        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' if i > 0 => continue,
                        'c' if matches!(chars.get(i + 1), Some('e' | 'i' | 'y')) => 's',
                        'c' | 'q' => 'k',
                        'z' => 's',
                        'j' => 'g',
                        'v' => 'f',
                        c => c,
                    };
                    if !out.ends_with(mapped) {
                        out.push(mapped);
                    }
                }
                out
            };
            proptest::prop_assert_eq!(phonetic(&a), plain(&a));
            proptest::prop_assert_eq!(phonetic_is(&a, &plain(&b)), plain(&a) == plain(&b));
            proptest::prop_assert!(phonetic_is(&a, &plain(&a)));
        }

        /// The typing cost on three rows on the stack is the full table's, to the bit.
        #[test]
        fn the_typing_cost_on_three_rows_is_the_full_table_cost(a in "[a-zé'’Q]{0,14}", b in "[a-zé'’Q]{0,14}") {
            let (t, w): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            proptest::prop_assert_eq!(typing_cost(&a, &b).to_bits(), typing_cost_table(&t, &w).to_bits());
            proptest::prop_assert_eq!(typing_cost_rows(&t, &w).to_bits(), typing_cost_table(&t, &w).to_bits());
        }

        /// `one_edit_order`'s quick rejection of forms whose first and last
        /// letters both differ rejects only what the full test rejects, and
        /// what it finds is one of the variants of `for_each_one_edit_variant`.
        #[test]
        fn one_edit_order_rejects_by_the_ends_only_what_the_full_test_rejects(
            typed in "[abcé]{0,7}",
            form in "[abcé]{0,8}",
        ) {
            let chars: Vec<char> = typed.chars().collect();
            let order = one_edit_order(&chars, &form);
            proptest::prop_assert_eq!(order, one_edit_order_near(&chars, &form));
            let mut made = false;
            for_each_one_edit_variant(&chars, |v| made |= v == form);
            proptest::prop_assert_eq!(order.is_some(), made);
        }

        /// The typing cost on the band near the diagonal is the full table's,
        /// to the bit, whenever that is at most 2.0, and says nothing otherwise:
        /// on words a few edits apart (most pairs the checks cost) and on any two.
        #[test]
        fn the_typing_cost_on_a_band_is_the_full_table_cost_up_to_two(
            a in "[a-fé'’Q]{0,14}",
            b in "[a-fé'’Q]{0,14}",
            edits in proptest::collection::vec((0usize..16, 0u8..4, "[a-fé'Q]"), 0..4),
        ) {
            let mut near: Vec<char> = a.chars().collect();
            for (at, op, letter) in &edits {
                let letter = letter.chars().next().expect("a letter");
                let at = (*at).min(near.len());
                match op {
                    0 if at < near.len() => { near.remove(at); }
                    1 if at + 1 < near.len() => near.swap(at, at + 1),
                    2 if at < near.len() => near[at] = letter,
                    _ => near.insert(at, letter),
                }
            }
            let t: Vec<char> = a.chars().collect();
            for w in [near, b.chars().collect()] {
                let full = typing_cost_table(&t, &w);
                match typing_cost_band(&t, &w) {
                    Some(cost) => proptest::prop_assert_eq!(cost.to_bits(), full.to_bits()),
                    None => proptest::prop_assert!(full > BAND_COST, "{a} / {w:?}: {full}"),
                }
                let (typed, intended): (String, String) = (a.clone(), w.iter().collect());
                proptest::prop_assert_eq!(typing_cost(&typed, &intended).to_bits(), full.to_bits());
            }
        }

        /// A form's key read in place from the text is its key read alone,
        /// near the text's end (no 8-byte window) as elsewhere.
        #[test]
        fn a_short_form_read_in_the_text_is_the_form_read_alone(
            before in "[a\x00é’Z ]{0,4}",
            form in "[a\x00é’Z]{0,10}",
            after in "[a\x00é’Z ]{0,10}",
        ) {
            let all = format!("{before}{form}{after}");
            proptest::prop_assert!(
                ShortForm::in_text(&all, before.len(), form.len()) == ShortForm::of(&form)
            );
        }
    }

    /// What `collect` counts per form as it goes, recounted from its tokens
    /// afterwards: the same, on the fixtures (Markdown with headings and
    /// front matter, plain text with a summary first), and on one of them
    /// with a body sentence that is also a heading, whose words two regions
    /// read: the tokens come out of text order, and `collect` counts again
    /// after sorting.
    /// `document_word_near` picks the forms it reads a block at a time,
    /// with no branch per form; a plain scan testing each form in turn
    /// finds the same word, for every form of the fixtures and for a few
    /// one-edit variants of each (letters dropped, the first two swapped).
    #[test]
    fn forms_picked_by_block_give_the_word_a_plain_scan_gives() {
        let cases = [
            (include_str!("../../fixtures/earnings-keypoints.md"), InputFormat::Markdown),
            (include_str!("../../fixtures/seed.txt"), InputFormat::Text),
            (
                "# Budget\n\n## Key points\n\n- The president spoke.\n\n## Story\n\nThe president spoke first. Then the Presdent said the budget was late.\n",
                InputFormat::Markdown,
            ),
        ];
        let plain = |checker: &Checker, key: &str| {
            let chars: Vec<char> = key.chars().collect();
            let needed = if chars.len() <= 4 { 2 } else { 1 };
            let mut best = None;
            for (f, form_use) in checker.forms.iter().enumerate() {
                if (form_use.uses as usize) < needed || usize::from(form_use.letters).abs_diff(chars.len()) > 1 {
                    continue;
                }
                checker.consider_near(key, &chars, f, &mut best);
            }
            best.map(|(_, _, _, word)| word.to_string())
        };
        let (mut found, mut most_forms) = (0, 0);
        for (text, format) in cases {
            let doc = parse_article("t", text.to_string(), format, &ParseOptions::default()).unwrap();
            let mut checker = Checker::new(&doc, &CheckOptions::default());
            checker.collect(None);
            most_forms = most_forms.max(checker.forms.len());
            let keys: Vec<String> = (0..checker.forms.len())
                .map(|f| checker.form_key(f).to_string())
                .collect();
            for key in &keys {
                let chars: Vec<char> = key.chars().collect();
                let mut variants = vec![key.clone()];
                for i in 0..chars.len() {
                    variants.push(chars[..i].iter().chain(&chars[i + 1..]).collect());
                }
                if chars.len() >= 2 {
                    variants.push(chars[1..2].iter().chain(&chars[..1]).chain(&chars[2..]).collect());
                }
                for variant in &variants {
                    let near = checker.document_word_near(variant);
                    assert_eq!(near, plain(&checker, variant), "{variant}");
                    found += usize::from(near.is_some());
                }
            }
        }
        assert!(found > 10, "{found}");
        assert!(most_forms > 2 * 64, "several blocks: {most_forms}");
    }

    #[test]
    fn collect_counts_each_form_as_a_recount_of_its_tokens_does() {
        let cases = [
            (include_str!("../../fixtures/earnings-keypoints.md"), InputFormat::Markdown),
            (include_str!("../../fixtures/storm-frontmatter.md"), InputFormat::Markdown),
            (include_str!("../../fixtures/budget-summary-first.txt"), InputFormat::Text),
            (include_str!("../../fixtures/seed.txt"), InputFormat::Text),
            (
                "# Recieved Budget Plan\n\n## Key points\n\n- The plan was recieved.\n\n## Recieved Budget Plan\n\nThe council recieved the plan, Zelensky said. Zelenksy agreed.\n",
                InputFormat::Markdown,
            ),
            (
                "# Budget\n\n## Key points\n\n- The president spoke.\n\n## Story\n\nThe president spoke first. Then the Presdent said the budget was late.\n",
                InputFormat::Markdown,
            ),
        ];
        let mut out_of_order = 0;
        let mut near_found = 0;
        for (i, (text, format)) in cases.into_iter().enumerate() {
            let mut doc = parse_article("t", text.to_string(), format, &ParseOptions::default()).unwrap();
            if i == 0 {
                // A body sentence that is also a heading: two regions read its words.
                let sentence = doc.paragraphs[1].sentences[0];
                let heading = doc.span(sentence.start, sentence.end);
                doc.headings.push(heading);
            }
            // (Both ways: the words of the alignment's tokens, and the check's own scan.)
            let alignment = crate::align::align(&doc);
            for aligned in [None, Some(&alignment)] {
                let mut checker = Checker::new(&doc, &CheckOptions::default());
                checker.collect(aligned);
                let mut starts: Vec<(usize, usize)> = checker.regions.iter().map(|r| (r.start, r.end)).collect();
                starts.sort_unstable();
                if starts.windows(2).any(|w| w[1].0 < w[0].1) {
                    out_of_order += 1;
                }
                assert!(checker.tokens.windows(2).all(|w| w[0].start() < w[1].start()));
                // (What `spelling` relies on: `unsure` lists exactly the tokens it judges.)
                let unsure: Vec<usize> = (0..checker.tokens.len())
                    .filter(|&t| {
                        !matches!(
                            checker.tokens[t].verdict,
                            Lexical::Skip | Lexical::Word | Lexical::KnownName
                        )
                    })
                    .collect();
                assert_eq!(checker.unsure, unsure);
                let mut recount = vec![(0u32, 0u32, 0u32, Lexical::Skip); checker.forms.len()];
                let mut order = Vec::new();
                for token in &checker.tokens {
                    let f = token.form();
                    assert_eq!(checker.form_key(f), bare(&fold(checker.text(token))));
                    // (What `capital_typo` and `same_name_elsewhere` rely on: a
                    // token's form index is the one its key looks up, so tokens of
                    // the same text share it.)
                    assert_eq!(checker.form_index(checker.key(token)), Some(f));
                    // (What `inconsistent` relies on: a form's `first` is its key's first byte, or 0.)
                    let first = checker.forms[f].first;
                    assert!(first == 0 || checker.key(token).as_bytes()[0] == first);
                    assert_eq!(first != 0, checker.key(token).as_bytes()[0].is_ascii_alphanumeric());
                    if token.verdict == Lexical::Skip {
                        continue;
                    }
                    let (uses, body, compared, verdict) = &mut recount[f];
                    if matches!(checker.side_of(token), Side::Body(_)) {
                        *body += 1;
                    }
                    if matches!(
                        token.verdict,
                        Lexical::Word | Lexical::KnownName | Lexical::CapitalUnknown
                    ) {
                        *uses += 1;
                    }
                    if checker.verdicts.cache.key_compared[checker.form_keys[f] as usize] {
                        if *compared == 0 {
                            order.push(f);
                            *verdict = token.verdict;
                        } else if matches!(token.verdict, Lexical::Word | Lexical::KnownName) {
                            *verdict = token.verdict;
                        }
                        *compared += 1;
                    }
                }
                // Skipping forms by their letter count gives the word a scan of
                // all forms gives.
                let mut found = 0;
                for f in 0..checker.forms.len() {
                    let key = checker.form_key(f).to_string();
                    let near = checker.document_word_near(&key);
                    assert_eq!(near, checker.document_word_near_among(&key, false), "{key}");
                    found += usize::from(near.is_some());
                }
                near_found += found;
                for (f, &(uses, body, compared, verdict)) in recount.iter().enumerate() {
                    let counted = checker.forms[f];
                    assert_eq!(
                        (counted.uses, counted.body, counted.compared),
                        (uses, body, compared),
                        "{}",
                        checker.form_key(f)
                    );
                    if compared > 0 {
                        assert_eq!(counted.compared_verdict, verdict, "{}", checker.form_key(f));
                    }
                }
                assert_eq!(checker.compared, order);
            }
        }
        assert!(out_of_order > 0, "no case had regions read twice");
        assert!(near_found > 0, "no case had a word near a word of the document");
    }

    #[test]
    fn glued_sentences_are_two_words_at_their_offsets() {
        let text = "into the break.Shingler extended U.S. e.g. it.Then ok";
        let found: Vec<(usize, &str)> = words_of(text).collect();
        let expected: Vec<(usize, &str)> = [
            "into", "the", "break", "Shingler", "extended", "U.S", "e.g", "it", "Then", "ok",
        ]
        .iter()
        .scan(0, |from, w| {
            let at = *from + text[*from..].find(w).unwrap();
            *from = at + w.len();
            Some((at, *w))
        })
        .collect();
        assert_eq!(found, expected);
        // Every word of the plain segmentation, split only at a glued full stop.
        let plain: String = word_indices(text).map(|(_, w)| w.replace('.', "")).collect();
        let split: String = found.iter().map(|(_, w)| w.replace('.', "")).collect();
        assert_eq!(plain, split);
    }

    /// The lexicon's candidates without the swaps' lookups after a widened
    /// search are those with them: the same words with the same costs.
    #[test]
    fn a_widened_search_finds_every_swapped_word() {
        let words = |c: LexiconCandidates| {
            let mut words: Vec<(String, u64, u64, bool)> = c
                .candidates
                .into_iter()
                .map(|n| (n.word, n.cost.to_bits(), n.score.to_bits(), n.sounds_alike))
                .collect();
            words.sort();
            (words, c.other_locale)
        };
        let mut keys: Vec<String> = [
            "recieve",
            "teh",
            "fro",
            "wierd",
            "form",
            "untill",
            "thier",
            "goverment",
            "hte",
            "porblem",
            "frist",
            "becuase",
            "colour",
            "clour",
            "calss",
            "aslo",
            "nad",
            "pulbic",
            "stae",
            "militatism",
            "iwll",
            "caf\u{e9}",
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        // Common words with two letters swapped, and words of every length.
        for word in [
            "people",
            "between",
            "government",
            "information",
            "national",
            "because",
            "would",
            "their",
        ] {
            let chars: Vec<char> = word.chars().collect();
            for i in 0..chars.len() - 1 {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                keys.push(swapped.into_iter().collect());
            }
        }
        for key in &keys {
            for locale in [Locale::Any, Locale::Us, Locale::Gb] {
                assert_eq!(
                    words(search_lexicon_candidates(key, locale)),
                    words(search_lexicon_candidates_with(key, locale, true)),
                    "{key} {locale:?}"
                );
            }
        }
    }

    #[test]
    fn seed_typo_suggests_militarism() {
        let found =
            typos("Title Here\n\nThey share a mission to combat neo-Nazism, and militatism, the leaders said.\n");
        assert_eq!(
            found,
            [("typo/spelling".into(), "militatism".into(), Some("militarism".into()))]
        );
    }

    #[test]
    fn common_misspellings_rank_the_intended_word_first() {
        // Real misspellings (not made by the benchmark's injector).
        let cases = [
            ("recieved", "received"),
            ("goverment", "government"),
            ("definately", "definitely"),
            ("seperate", "separate"),
            ("occured", "occurred"),
            ("untill", "until"),
            ("wich", "which"),
            ("becuase", "because"),
            ("enviroment", "environment"),
            ("accomodate", "accommodate"),
            ("tommorow", "tomorrow"),
            ("begining", "beginning"),
            ("beleive", "believe"),
            ("publically", "publicly"),
            ("independant", "independent"),
            ("wierd", "weird"),
            ("noticable", "noticeable"),
            ("existance", "existence"),
            ("acheive", "achieve"),
            ("neccessary", "necessary"),
        ];
        let checker_doc = parse_article("t.txt", "x\n".into(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let options = CheckOptions::default();
        let checker = Checker::new(&checker_doc, &options);
        let mut wrong = Vec::new();
        for (typed, intended) in cases {
            let ranked = checker.rank(typed);
            if ranked.first().map(|c| c.word.as_str()) != Some(intended) {
                wrong.push((typed, ranked.iter().take(3).map(|c| c.word.clone()).collect::<Vec<_>>()));
            }
        }
        assert!(wrong.len() <= 1, "{wrong:?}");
    }

    #[test]
    fn summary_copy_is_reported_at_both_places() {
        let text = "Title Here\n\nThe households have recieved no money yet, officials said.\n\n- Households have recieved no money.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let found = analyse(&doc, &CheckOptions::default());
        assert_eq!(found.len(), 2);
        assert!(
            found[0].finding.message.contains("The summary copies it (line 5)"),
            "{}",
            found[0].finding.message
        );
        assert!(found[1]
            .finding
            .message
            .contains("The summary copied it from the body (line 3)"));
        assert_eq!(found[1].finding.evidence[0].span.line, 3);
        assert_eq!(found[1].finding.unit.as_deref(), Some("b1"));
    }

    #[test]
    fn a_term_written_three_times_is_not_a_slip() {
        // Regression: newsroom jargon ("dek") was flagged as a slip for "dec".
        let text = "Title Here\n\nThe dek sits under the headline. A dek is short. Write the dek last.\n";
        assert_eq!(typos(text), []);
        let once = "Title Here\n\nThe goverment said so. The goverment sits. Ask the goverment.\n";
        assert_eq!(
            typos(once).len(),
            3,
            "a cheap slip of a common word still fires, however often"
        );
    }

    #[test]
    fn names_spelled_two_ways() {
        let text = "Title Here\n\nMinister Tomasz Kowalczyk spoke. Kowalczyk said it would work. Later Kowalcyzk added more.\n";
        let found = typos(text);
        assert_eq!(
            found,
            [(
                "typo/inconsistent-spelling".into(),
                "Kowalcyzk".into(),
                Some("Kowalczyk".into())
            )]
        );
    }

    #[test]
    fn a_capitalised_word_one_slip_from_a_word_the_document_uses_is_a_typo() {
        let text = "Title Here\n\nEvery school will serve vegetables. The review by the Shcool Food Trust \
            advises each school on menus.\n";
        assert_eq!(
            typos(text),
            [("typo/spelling".into(), "Shcool".into(), Some("School".into()))]
        );
        // Near misses: a name the document repeats, a sound-alike spelling
        // (names spell sounds their own way), a word next to an unknown name.
        let names = "Title Here\n\nThe class met the Klass family. The Instituto Cumbres choir came from an \
            institute. The sale was run by Salle, and Salle said so.\n";
        assert_eq!(typos(names), []);
    }

    #[test]
    fn a_misspelled_common_word_at_a_sentence_start_is_a_typo() {
        let text = "Title Here\n\nThe rain came at noon. Wehn it stopped, the roads were closed.\n";
        assert_eq!(
            typos(text),
            [("typo/spelling".into(), "Wehn".into(), Some("When".into()))]
        );
        // Near misses: a first name before a surname, a list of names, and a
        // short word (a sentence-initial name of 3 letters is far likelier).
        let names = "Title Here\n\nThe match ended. Ander Herrera scored twice. Replacements: Rees, \
            Domachowski, Cook. Det Con Smith said so.\n";
        assert_eq!(typos(names), []);
    }

    #[test]
    fn a_three_letter_slip_where_the_capital_is_positional_is_a_typo() {
        // A sentence start, and the first word of a quoted title.
        let text = "Title Here\n\nThe season ends in one week. Ome are fighting for promotion. \
            He posted his latest 'Ohw Did We Get Here?' video.\n";
        let found = typos(text);
        let words: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.1.as_str(), f.2.as_deref())).collect();
        assert_eq!(words, [("Ome", Some("One")), ("Ohw", Some("How"))], "{found:?}");
        // Near misses: mid-sentence ("Lai"), beside a name ("Zaw Lin"), an
        // abbreviation a costly slip from a word ("Det Con"), written twice
        // ("Jak"), and a quote mark that closes rather than opens.
        let near = "Title Here\n\nLisa Lai told the paper. Zaw Lin was there. Det Con Smith said so. \
            Jak smiled. Jak waved. He said 'yes'Ome.\n";
        assert_eq!(typos(near), []);
    }

    #[test]
    fn a_capitalised_word_mid_sentence_that_is_a_common_word_with_two_letters_swapped_is_a_typo() {
        let text = "Title Here\n\nHe took his boat out to the Gulf Strema to find better fishing.\n";
        assert_eq!(
            typos(text),
            [("typo/spelling".into(), "Strema".into(), Some("Stream".into()))]
        );
        // Near misses: four letters ("Raed" / "read"), a changed or doubled
        // letter rather than a swap ("Loftus" / "lotus", "Bassett"), a name
        // beside it ("Chuck Fowler"), and one edit from a name the document
        // writes ("Folwer" where the article names Mr Fowler, not "flower").
        let near = "Title Here\n\nGovernor Raed said soldiers left Loftus Road and Bassett. \
            Rickie Fowler won. It was not long before Folwer came to the party.\n";
        let found = typos(near);
        assert!(found.iter().all(|f| f.0 != "typo/spelling"), "{found:?}");
    }

    #[test]
    fn a_word_of_a_name_the_document_writes_elsewhere_in_the_same_name_is_a_typo() {
        let text = "Title Here\n\nThe march is in New York on Sunday. Her family in Ew York said so. \
            The Lib Dems lost seats, and the Lbi Dems lost votes.\n";
        let found = typos(text);
        let words: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.1.as_str(), f.2.as_deref())).collect();
        assert_eq!(words, [("Ew", Some("New")), ("Lbi", Some("Lib"))], "{found:?}");
        // Near misses: different people of one family (a changed vowel, a
        // changed first letter, an added ending).
        let near = "Title Here\n\nBrannoc Vell dived and Brennoc Vell watched. Dazric Vell and Sazric \
            Vell coached. Orlan Vell met Orlana Vell.\n";
        assert_eq!(typos(near), []);
        // ... while a dropped letter in the same family name is a slip when
        // the other spelling is the usual one (written once each, either may
        // be the slip).
        let slip = "Title Here\n\nBrannoc Vell dived and Branoc Vell watched, then Brannoc Vell left.\n";
        let found = typos(slip);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "Branoc");
    }

    #[test]
    fn a_three_letter_swap_of_a_common_word_is_a_typo() {
        // "fan" is below the frequency a three-letter slip otherwise needs,
        // but two letters swapped are the commonest slip.
        let text = "Title Here\n\nHe is a big fna of his former opening partner.\n";
        assert_eq!(
            typos(text),
            [("typo/spelling".into(), "fna".into(), Some("fan".into()))]
        );
        // Near miss: a code between hyphens (tokenised brackets), not "lbs".
        assert_eq!(typos("Title Here\n\nShe said : -lsb- baby girl -rsb- too late.\n"), []);
    }

    #[test]
    fn three_letter_slips_are_judged_against_words_of_three_letters_or_more() {
        // "aas" is one doubling from "as", but a slip of three letters comes
        // from a longer word: "was" (or "has"), not "as".
        let text = "Title Here\n\nThe deadline aas extended three times.\n";
        let found = typos(text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2.as_deref(), Some("was"));
        assert_eq!(typos("Title Here\n\nThe Wedgwood plc's pension fund grew.\n"), []);
    }

    #[test]
    fn two_letter_slips_are_letters_dropped_from_common_three_letter_words() {
        let text = "Title Here\n\nThe club has tw world champions and have wn only once this year.\n";
        let found = typos(text);
        let words: Vec<(&str, Option<&str>)> = found.iter().map(|f| (f.1.as_str(), f.2.as_deref())).collect();
        // "wn" could be "won", "own" or "win": any is a three-letter word.
        assert_eq!(words[0], ("tw", Some("two")), "{found:?}");
        assert_eq!(words[1].0, "wn", "{found:?}");
        assert!(words[1].1.is_some_and(|s| drops_one_letter("wn", s)), "{found:?}");
        assert_eq!(words.len(), 2, "{found:?}");
        // Near misses: abbreviations the lexicon lists ("ie", "mr", "ny"), a
        // particle beside a name, and a slip only a rare word explains ("fb").
        let near = "Title Here\n\nTwo-step checks - ie passwords - failed, mr smith said in ny. \
            A letter to Achmad da Costa was shared on fb by the club.\n";
        assert_eq!(typos(near), []);
    }

    #[test]
    fn a_name_in_lower_case_is_still_the_name() {
        // Lower-cased summaries (as some generators write them) name what the body names.
        let text = "NASA Plans Moon Trip\n\nNASA said Manny Pacquiao and Ander Herrera would fly to the Moon \
            with the EastEnders cast.\n\n- nasa says manny pacquiao, ander herrera and the eastenders cast will fly.\n";
        assert_eq!(typos(text), []);
        // But under --locale en-US a British spelling is wrong even when the
        // document names the "Ministry of Defence".
        let british = "Title Here\n\nThe Ministry of Defence said the defence budget grew.\n";
        let doc = parse_article(
            "t.txt",
            british.to_string(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .unwrap();
        let options = CheckOptions {
            locale: Locale::Us,
            ..CheckOptions::default()
        };
        let found: Vec<String> = analyse(&doc, &options).into_iter().map(|t| t.finding.text).collect();
        assert_eq!(found, ["defence"]);
    }

    #[test]
    fn two_slips_in_a_long_word_are_still_a_typo() {
        // "jourbalit": a neighbouring key (n/b) and a dropped letter in "journalist".
        let text = "Title Here\n\nThe jourbalit filed her story at noon.\n";
        assert_eq!(
            typos(text),
            [("typo/spelling".into(), "jourbalit".into(), Some("journalist".into()))]
        );
        // A long term two arbitrary edits from a word is not: "syncytial" / "syncytium".
        assert_eq!(typos("Title Here\n\nThe respiratory syncytial virus spread.\n"), []);
    }

    #[test]
    fn within_one_osa_edit_agrees_with_strsim() {
        // Every one-edit variant of a few words (and the variants of those, for
        // two edits), against the table-based distance it replaces.
        for word in ["zelensky", "lcub", "naïve", "abba", "ab", "olndon"] {
            let chars: Vec<char> = word.chars().collect();
            let mut variants = vec![word.to_string(), "é".to_string(), String::new()];
            for_each_one_edit_variant(&chars, |v| variants.push(v.to_string()));
            let mut second = Vec::new();
            for v in variants.iter().step_by(7) {
                let chars: Vec<char> = v.chars().collect();
                for_each_one_edit_variant(&chars, |w| second.push(w.to_string()));
            }
            variants.extend(second);
            for v in &variants {
                assert_eq!(
                    within_one_osa_edit(word, v),
                    strsim::osa_distance(word, v) <= 1,
                    "{word} / {v}"
                );
                assert_eq!(
                    within_one_osa_edit(v, word),
                    strsim::osa_distance(v, word) <= 1,
                    "{v} / {word}"
                );
            }
        }
    }

    #[test]
    fn one_edit_variants_and_sound_alike_spellings() {
        let chars: Vec<char> = "lcub".chars().collect();
        let mut variants = Vec::new();
        for_each_one_edit_variant(&chars, |v| variants.push(v.to_string()));
        for v in ["club", "lcu", "lcubs", "lcab"] {
            assert!(variants.iter().any(|x| x == v), "{v}");
        }
        assert!(
            !variants.iter().any(|x| x == "lcub"),
            "the word itself is not an edit of it"
        );
        assert!(sound_alike_spelling("klass", "class"));
        assert!(!sound_alike_spelling("lcub", "club"));
        assert!(!sound_alike_spelling("shcool", "school"));
        assert!(!sound_alike_spelling("vilpa", "villa"), "p is a neighbour of l: a slip");
    }

    #[test]
    fn one_edit_order_finds_the_variants_in_the_order_they_are_made() {
        for typed in ["lcub", "aab", "presient", "abba", "ab"] {
            let chars: Vec<char> = typed.chars().collect();
            let mut made: Vec<String> = Vec::new();
            for_each_one_edit_variant(&chars, |v| {
                if !made.iter().any(|m| m == v) {
                    made.push(v.to_string());
                }
            });
            let orders: Vec<EditOrder> = made
                .iter()
                .map(|v| one_edit_order(&chars, v).unwrap_or_else(|| panic!("{typed} -> {v}")))
                .collect();
            assert!(orders.windows(2).all(|w| w[0] < w[1]), "{typed}: {made:?} {orders:?}");
        }
        let chars: Vec<char> = "lcub".chars().collect();
        for far in ["lcub", "bulc", "club2", "lc", "lcubxy", "lcüb", "xcua"] {
            assert_eq!(one_edit_order(&chars, far), None, "{far}");
        }
    }

    #[test]
    fn names_spelled_two_ways_by_a_dropped_letter_or_swapped_first_letters() {
        let text = "Title Here\n\nMinister Tomasz Kowalczyk spoke. Kowalczyk said it would work. Later Kowalczk \
            added more. London lost. In London it rained, and Olndon wept.\n";
        let found = typos(text);
        assert_eq!(
            found,
            [
                (
                    "typo/inconsistent-spelling".into(),
                    "Kowalczk".into(),
                    Some("Kowalczyk".into())
                ),
                (
                    "typo/inconsistent-spelling".into(),
                    "Olndon".into(),
                    Some("London".into())
                ),
            ]
        );
        // Near misses: different names one letter apart (a changed vowel, a
        // changed first letter, an added ending).
        let names = "Title Here\n\nDaniel met Daniil. Daniel spoke. Dean met Sean. Dean spoke. Tikrit is home to \
            the Tikriti clan. Tikrit grew.\n";
        assert_eq!(typos(names), []);
    }

    #[test]
    fn sentences_glued_by_a_full_stop_are_checked_word_by_word() {
        let found = typos("The team took a lead into the breal.Shingler extended it after the break.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1, "breal");
        assert_eq!(found[0].2.as_deref(), Some("break"));
        let words: Vec<&str> = words_of("U.S officials, e.g. these, at example.com said.Then")
            .map(|(_, w)| w)
            .collect();
        assert_eq!(
            words,
            ["U.S", "officials", "e.g", "these", "at", "example.com", "said", "Then"]
        );
    }

    #[test]
    fn a_compound_reading_does_not_hide_one_slip_in_a_common_word() {
        // "opera" + "ion", "ala" + "ready": splits any string allows now and then.
        let found = typos("The operaion was alaready over when the crew arrived.");
        let words: Vec<&str> = found.iter().map(|(_, w, _)| w.as_str()).collect();
        assert_eq!(words, ["operaion", "alaready"]);
        assert_eq!(found[0].2.as_deref(), Some("operation"));
        // Real compounds, and one that a slip at the first letter would explain.
        assert!(typos("The snowpack melted, and the paceman bowled on the hardcourt.").is_empty());
    }

    #[test]
    fn only_nouns_and_verbs_take_an_s() {
        let found = typos("The two sides justs agreed on a framework for talks.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2.as_deref(), Some("just"));
        // Plurals and verb forms the lexicon may lack, and a compound noun's plural.
        assert!(typos("The livestreams drew crowds at family get-togethers.").is_empty());
    }

    #[test]
    fn file_names_and_domains_are_not_words() {
        assert!(is_file_name("seed.txt"));
        assert!(is_file_name("example.com,"));
        assert!(!is_file_name("U.S."));
        assert!(!is_file_name("e.g."));
        assert!(!is_file_name("end."));
    }

    #[test]
    fn never_typos() {
        let text = "Title Here\n\nThe F.B.I. and NATO met 5km away at 9am; see https://ex.ample.org/x or a@b.org, @handle and #tag. \
            Anti-war neo-Nazis don't agree, it's a multi-polar world. Putin’s men said \"c'est la vie, mes amis\" to Ouédraogo.\n";
        assert_eq!(typos(text), []);
        // Typographic hyphens (U+2010, U+2011) are three bytes long; a word
        // right before one must not be sliced inside it (found by proptest).
        assert_eq!(
            typos("Title Here\n\nThe anti\u{2010}war and non\u{2011}stop protests, and a stop\u{2010}.\n"),
            []
        );
    }

    #[test]
    fn project_words_and_locale() {
        let text = "Title Here\n\nThe colour of the goverment car was grey.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let mut options = CheckOptions::default();
        let found = |options: &CheckOptions| -> Vec<String> {
            analyse(&doc, options).into_iter().map(|t| t.finding.text).collect()
        };
        assert_eq!(found(&options), ["goverment"]);
        options.words = vec!["Goverment".into()];
        assert!(found(&options).is_empty(), "a project word is never a typo");
        options.locale = Locale::Us;
        assert_eq!(found(&options), ["colour"]);
        options.locale = Locale::Gb;
        assert!(found(&options).is_empty());
    }

    #[test]
    fn the_letter_substitution_table_follows_the_rules() {
        for a in 'a'..='z' {
            for b in 'a'..='z' {
                let expected = if a == b {
                    0.0
                } else if adjacent_keys(a, b) || (is_vowel(a) && is_vowel(b)) || sound_alike(a, b) {
                    0.7
                } else {
                    1.0
                };
                let cost = LETTER_SUBSTITUTION_COSTS[usize::from(a as u8 - b'a')][usize::from(b as u8 - b'a')];
                assert_eq!(cost, expected, "{a} {b}");
            }
        }
    }

    #[test]
    fn typing_cost_prefers_common_slips() {
        assert!(typing_cost("teh", "the") < 1.0);
        assert!(typing_cost("goverment", "government") <= 1.0);
        assert!(typing_cost("recieved", "received") < 1.0);
        assert!(typing_cost("militatism", "militarism") < 1.0, "t is next to r");
        assert!(typing_cost("cat", "dog") > 2.0);
    }

    #[test]
    fn case_is_kept_in_suggestions() {
        assert_eq!(match_case("Goverment", "government"), "Government");
        assert_eq!(match_case("GOVERMENT", "government"), "GOVERNMENT");
        assert_eq!(match_case("goverment's", "government"), "government");
    }
}
