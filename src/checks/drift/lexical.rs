//! Word-for-word rewording against the source sentences, judged with
//! WordNet ([`crate::text::synonyms`]): which unit words a source word
//! licenses (a synonym or a broader term: "automobile" or "vehicle" for
//! "car"), and which stand where the source has a word WordNet calls a
//! different thing of the same kind ("truck" for "car") or an opposite
//! ("fell" for "rose").
//!
//! Why here and not in the alignment: support stays a plain lexical
//! measure that the other families read; drift uses the licensed words to
//! stay quiet on paraphrase (`drift/unsupported-phrase`), to report
//! substitutions (`drift/substitution`, antonyms as `drift/negation`) and
//! to give the document score a support that counts synonyms.

use super::body::normalise;
use super::cues;
use super::{UnitCtx, NEGATION, SUBSTITUTION};
use crate::finding::Finding;
use crate::text::synonyms::{self, Relation};
use crate::text::{Shared, Token};
use std::rc::Rc;

/// Distinct words whose WordNet senses a thread remembers before it starts
/// over: a few MB at most.
const SENSES_CACHE_LIMIT: usize = 10_000;

/// Slots of [`SensesCache::recent`]: about the distinct content words of
/// an article's summaries and source sentences (24 bytes a slot).
const RECENT_SLOTS: usize = 1024;

/// A word asked for lately, as its string, with its senses.
type RecentWord = Option<(Shared, Rc<synonyms::Senses>)>;

/// A thread's [`senses_of`] answers.
struct SensesCache {
    /// By the word's text.
    words: rustc_hash::FxHashMap<Shared, Rc<synonyms::Senses>>,
    /// The last words asked for as a token's [`Shared`] string, each in
    /// the slot of its address (one slot a word: a newer word takes the
    /// slot). A unit word or source word is asked for with every unit and
    /// record of its article, and tokens of one word share one string
    /// (the word cache's, or the kept body's): its address finds it
    /// without hashing and comparing the text. The slot holds the string,
    /// so no other string can have its address while it is there.
    recent: Box<[RecentWord]>,
}

impl SensesCache {
    fn new() -> SensesCache {
        SensesCache {
            words: Default::default(),
            recent: vec![None; RECENT_SLOTS].into_boxed_slice(),
        }
    }

    /// The senses of `folded` from the map, looked up and kept on a miss;
    /// `shared` is `folded` as a string to keep, if the caller has one.
    fn by_text(&mut self, folded: &str, shared: Option<&Shared>) -> Rc<synonyms::Senses> {
        if let Some(senses) = self.words.get(folded) {
            return Rc::clone(senses);
        }
        let senses = Rc::new(synonyms::Senses::of(folded));
        if self.words.len() >= SENSES_CACHE_LIMIT {
            self.words.clear();
        }
        if self.words.capacity() == 0 {
            // Room for the words of a few hundred articles from the start:
            // grown from nothing, the map was rehashed twelve times on 156
            // distinct documents (0.5 M instructions).
            self.words.reserve(SENSES_CACHE_LIMIT / 2);
        }
        let key = shared.map_or_else(|| Shared::from(folded), Shared::clone);
        self.words.insert(key, Rc::clone(&senses));
        senses
    }
}

thread_local! {
    static SENSES: std::cell::RefCell<SensesCache> = std::cell::RefCell::new(SensesCache::new());
}

/// [`synonyms::Senses::of`] the folded word, remembered per thread: the
/// same source and unit words come back from document to document, and
/// looking their senses and hypernyms up was most of the readings' cost.
pub(super) fn senses_of(folded: &str) -> Rc<synonyms::Senses> {
    SENSES.with_borrow_mut(|cache| cache.by_text(folded, None))
}

/// [`senses_of`] a token's folded string, found by its address when it
/// was asked for lately.
pub(super) fn senses_of_shared(folded: &Shared) -> Rc<synonyms::Senses> {
    SENSES.with_borrow_mut(|cache| {
        let address = folded.as_ptr() as usize;
        // Two slots an address (its bits above the allocator's alignment,
        // mixed), the newer word first: one slot each, two words of an
        // article often took each other's slot in turn.
        let pair = (address.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) % (RECENT_SLOTS / 2) * 2;
        for slot in [pair, pair + 1] {
            if let Some((word, senses)) = &cache.recent[slot] {
                if word.as_ptr() == folded.as_ptr() && word.len() == folded.len() {
                    return Rc::clone(senses);
                }
            }
        }
        let senses = cache.by_text(folded, Some(folded));
        cache.recent[pair + 1] = cache.recent[pair].replace((folded.clone(), Rc::clone(&senses)));
        senses
    })
}

/// How a unit word that its source sentences do not contain relates to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// In the sources, or not a word this module judges (stopword, number,
    /// name, quote, cue word).
    Plain,
    /// Not in the sources, but a synonym or broader term of a source word.
    Licensed,
    /// Stands where source sentence `s` has token `j` and does not mean it.
    Swapped { s: usize, j: usize, antonym: bool },
    /// Not in the sources and nothing there licenses it.
    Unlicensed,
    /// Unlicensed, and standing between the same content words as a source
    /// word the unit drops ("a Sydney beach that" for "a Sydney clifftop
    /// that"): a substitution, which says more against the body than an
    /// added word does, but WordNet cannot tell it from a paraphrase.
    Replaced,
}

/// How much more a replaced word ([`Reading::Replaced`]) weighs against
/// the licensed support than its rarity weight: it takes the place of
/// something the body says. Chosen on the labelled data (docs/drift.md).
const REPLACED_EXTRA: f64 = 0.5;

/// True when token `k` is a word worth judging: a content word of letters
/// (at least `min_chars`), not a name, number, quote, negation or hedge cue,
/// light verb or date name (those have their own rules). Shared by the
/// paraphrase reading here and `drift/unsupported-phrase`.
pub(super) fn judged(ctx: &UnitCtx, tokens: &[Token], k: usize, min_chars: usize) -> bool {
    let t = &tokens[k];
    !t.stop
        && t.number().is_none()
        && !ctx.entity[k]
        && !ctx.in_quote(t)
        && t.folded.chars().count() >= min_chars
        && t.folded.chars().all(|c| c.is_alphabetic() || c == '\'')
        && cues::negation(tokens, k).is_none()
        && !cues::hedge(tokens, k)
        && !cues::light_verb(&t.folded)
        && cues::date_name(&t.folded).is_none()
}

/// Stem of the nearest content word before (`step` = -1) or after (+1)
/// position `at`, at most three tokens away; `None` at a sentence edge.
fn neighbour(tokens: &[Token], at: usize, step: isize) -> Option<&str> {
    let mut i = at as isize;
    for _ in 0..3 {
        i += step;
        let t = tokens.get(usize::try_from(i).ok()?)?;
        if !t.stop {
            return Some(&t.stem);
        }
    }
    Some("")
}

/// [`neighbour`] of source token `at`, passing over a day or month name or
/// a number that the unit does not give: a summary drops such detail
/// ("pleaded guilty on Thursday to manslaughter" / "pleaded guilty to
/// murder"), and the word beyond it is the real neighbour.
fn detail_neighbour<'t>(unit: &[Token], tokens: &'t [Token], at: usize, step: isize) -> Option<&'t str> {
    let mut i = at as isize;
    for _ in 0..5 {
        i += step;
        let t = tokens.get(usize::try_from(i).ok()?)?;
        if t.stop {
            continue;
        }
        let detail = cues::date_name(&t.folded).is_some() || t.number().is_some();
        if detail && !unit.iter().any(|u| u.stem == t.stem) {
            continue;
        }
        return Some(&t.stem);
    }
    Some("")
}

/// Same slot: the content words around the unit word are the ones around
/// the source word, on both sides ("on Bayswater Road, near" / "on
/// Bayswater pavement, near"): a one-word swap in a copied context. With
/// `past_details`, the source side passes over dates and numbers the unit
/// drops ([`detail_neighbour`]); only for swaps WordNet calls different
/// things, since for the score's replaced words the wider slot also takes
/// in faithful rewording (docs/drift.md, branch drift4).
fn same_slot(unit: &[Token], k: usize, body: &[Token], j: usize, past_details: bool) -> bool {
    let body_side = |step| {
        if past_details {
            detail_neighbour(unit, body, j, step)
        } else {
            neighbour(body, j, step)
        }
    };
    let left = neighbour(unit, k, -1) == body_side(-1);
    let right = neighbour(unit, k, 1) == body_side(1);
    let anchored = |n: Option<&str>| n.is_some_and(|s| !s.is_empty());
    left && right && (anchored(neighbour(unit, k, -1)) || anchored(neighbour(unit, k, 1)))
}

/// How each unit token reads against the unit's source sentences.
pub fn readings(ctx: &UnitCtx) -> Vec<Reading> {
    let tokens = ctx.tokens();
    let mut out = vec![Reading::Plain; tokens.len()];
    // The unit words to read: new to the sources and worth judging.
    let judge: Vec<usize> = (0..tokens.len())
        .filter(|&k| !ctx.a.in_sources[k] && judged(ctx, tokens, k, 3))
        .collect();
    if judge.is_empty() {
        return out;
    }
    let sources: Vec<usize> = ctx.sources().collect();
    // Source content words the unit does not use: what a new unit word may
    // reword. Their senses are looked up when first compared: a unit word
    // WordNet does not know relates to none of them.
    let mut candidates: Vec<(usize, usize, Option<Rc<synonyms::Senses>>)> = Vec::new();
    for &s in &sources {
        let body = &ctx.alignment.sentences[s].tokens;
        for (j, b) in body.iter().enumerate() {
            if b.stop || b.number().is_some() || tokens.iter().any(|t| t.stem == b.stem) {
                continue;
            }
            candidates.push((s, j, None));
        }
    }
    if candidates.is_empty() {
        // Nothing in the sources for a judged word to reword or to stand
        // in the place of: no senses to look up, no table to mark.
        for k in judge {
            out[k] = Reading::Unlicensed;
        }
        return out;
    }
    for k in judge {
        let senses = senses_of_shared(&tokens[k].folded);
        let mut reading = Reading::Unlicensed;
        if !senses.is_empty() {
            senses.relating(|relating| {
                for (s, j, b_senses) in candidates.iter_mut() {
                    let body = &ctx.alignment.sentences[*s].tokens;
                    let b_senses = b_senses.get_or_insert_with(|| senses_of_shared(&body[*j].folded));
                    if b_senses.is_empty() {
                        continue;
                    }
                    let relation = relating.relation(b_senses);
                    if relation.licenses() {
                        reading = Reading::Licensed;
                        break;
                    }
                    // Only what WordNet positively calls different: an opposite, or
                    // another thing of the same kind. A word it cannot relate may
                    // be a paraphrase it does not know ("incursion", "invasion").
                    let different = matches!(relation, Relation::Antonym | Relation::CoHyponym);
                    if reading == Reading::Unlicensed && different && same_slot(tokens, k, body, *j, true) {
                        reading = Reading::Swapped {
                            s: *s,
                            j: *j,
                            antonym: relation == Relation::Antonym,
                        };
                    }
                }
            });
        }
        if reading == Reading::Unlicensed && replaces(ctx, k, &candidates) {
            reading = Reading::Replaced;
        }
        out[k] = reading;
    }
    out
}

/// True when unit token `k` stands in the slot of a content word of a
/// source sentence that the unit does not use: of one of the `candidates`
/// of [`readings`], which are those words (found once per unit; this
/// looked for them again, comparing every source word with every unit
/// word, for each word it was asked about).
fn replaces<T>(ctx: &UnitCtx, k: usize, candidates: &[(usize, usize, T)]) -> bool {
    let tokens = ctx.tokens();
    // [`same_slot`] without details passed over, with the unit word's
    // neighbours found once rather than for every candidate.
    let (left, right) = (neighbour(tokens, k, -1), neighbour(tokens, k, 1));
    let anchored = |n: Option<&str>| n.is_some_and(|s| !s.is_empty());
    if !anchored(left) && !anchored(right) {
        return false;
    }
    candidates.iter().any(|(s, j, _)| {
        let body = &ctx.alignment.sentences[*s].tokens;
        neighbour(body, *j, -1) == left && neighbour(body, *j, 1) == right
    })
}

/// `drift/substitution` (and `drift/negation` for antonyms) on the unit's
/// swapped words.
pub fn substitution(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    for (k, reading) in ctx.readings.iter().enumerate() {
        let Reading::Swapped { s, j, antonym } = *reading else {
            continue;
        };
        let t = &tokens[k];
        let b = &ctx.alignment.sentences[s].tokens[j];
        let (said, body_said) = (t.text(text), b.text(text));
        // The opposite-word list of the negation rule may have reported it already.
        let reported = findings
            .iter()
            .any(|f| f.rule == NEGATION.id && f.unit.as_deref() == Some(ctx.unit.id.as_str()) && f.text == said);
        if reported {
            continue;
        }
        let (rule, message) = if antonym {
            (
                &NEGATION,
                format!("the unit says \"{said}\" where the body says \"{body_said}\": the opposite"),
            )
        } else {
            (
                &SUBSTITUTION,
                format!(
                    "the unit says \"{said}\" where the body says \"{body_said}\": a different thing of the same kind (WordNet co-hyponyms), not a synonym"
                ),
            )
        };
        findings.push(ctx.against_body(rule, t.start, t.end, message, body_said, s));
    }
}

/// `drift/substitution` on a colour the body never names where a source
/// sentence names another one that the unit drops ("yellow and white
/// paint" for "yellow and blue paint"): colours are a closed set of
/// attributes ([`cues::colour`]), and WordNet relates only some pairs as
/// co-hyponyms (the swapped reading above catches those first).
pub fn colour(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let mut suggested: Vec<&str> = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        // A capitalised colour is a name's ("White House", "Green Party").
        if !cues::colour(&t.folded) || ctx.entity[k] || ctx.in_quote(t) || t.is_capitalized(text) {
            continue;
        }
        if ctx.body.has_plain(ctx.alignment, &t.folded, &t.stem) {
            continue;
        }
        let said = t.text(text);
        let reported = findings
            .iter()
            .any(|f| f.rule == SUBSTITUTION.id && f.unit.as_deref() == Some(ctx.unit.id.as_str()) && f.text == said);
        if reported {
            continue;
        }
        // The source's dropped colours, in order: the second new colour
        // ("green and purple" for "yellow and blue") stands for the second.
        let dropped: Vec<(usize, &Token)> = ctx
            .sources()
            .flat_map(|s| {
                ctx.alignment.sentences[s]
                    .tokens
                    .iter()
                    .filter(|b| cues::colour(&b.folded) && !tokens.iter().any(|u| u.folded == b.folded))
                    .map(move |b| (s, b))
            })
            .collect();
        let Some(&(s, b)) = dropped
            .iter()
            .find(|(_, b)| !suggested.contains(&b.folded.as_ref()))
            .or(dropped.first())
        else {
            continue;
        };
        suggested.push(&b.folded);
        let body_said = b.text(text);
        findings.push(
            ctx.against_body(
                &SUBSTITUTION,
                t.start,
                t.end,
                format!(
                    "the unit says \"{said}\" where the body says \"{body_said}\": a different colour, which the body never names"
                ),
                body_said,
                s,
            ),
        );
    }
}

/// `drift/substitution` on a body word that the unit gives a prefix the
/// body never puts on it ("co-founder" where the body says "founder",
/// "ex-wife" for "wife"): the prefix makes it another role or thing
/// ([`cues::hyphen_prefix`]). Both halves are words the alignment matches
/// on their own, so support does not see the change.
pub fn prefixed(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    for pair in tokens.windows(2) {
        let (p, w) = (&pair[0], &pair[1]);
        // Written as one word: "co-founder", the hyphen right between them.
        let joined = w.after_hyphen && text[p.end..w.start].chars().count() == 1;
        if !joined || !cues::hyphen_prefix(&p.folded) || w.number().is_some() || w.stop || ctx.in_quote(p) {
            continue;
        }
        // The body's own word, not only its stem: "counter-demonstrators"
        // where the body says "demonstration" is no prefixed body word.
        let plural = |a: &str, b: &str| a.strip_suffix('s') == Some(b);
        let body_word = |b: &Token| {
            b.stem == w.stem && (b.folded == w.folded || plural(&b.folded, &w.folded) || plural(&w.folded, &b.folded))
        };
        let has_word = |s: &usize| ctx.alignment.sentences[*s].tokens.iter().any(body_word);
        let run = [normalise(&p.folded), normalise(&w.folded)];
        if ctx.body.find_run(&run).is_some() || ctx.body.plain().contains(run.concat().as_str()) {
            continue;
        }
        let Some(s) = ctx
            .sources()
            .find(has_word)
            .or_else(|| ctx.alignment.sentences_with(&w.stem).find(has_word))
        else {
            continue;
        };
        let (said, body_said) = (ctx.unit_text(p.start, w.end), w.text(text));
        findings.push(
            ctx.against_body(
                &SUBSTITUTION,
                p.start,
                w.end,
                format!(
                    "the unit says \"{said}\" where the body says \"{body_said}\": the prefix makes it another role or thing, and the body never says it"
                ),
                body_said,
                s,
            ),
        );
    }
}

/// Support that also counts licensed words as found: the unit's rarity-
/// weighted share of content found in its sources or licensed by them,
/// less [`REPLACED_EXTRA`] times the share of replaced words.
pub fn licensed_support(a: &crate::align::UnitAlignment, readings: &[Reading]) -> f64 {
    let weights = &a.weights;
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return a.support;
    }
    let share = |kind: Reading| -> f64 {
        readings
            .iter()
            .zip(weights)
            .filter(|(r, _)| **r == kind)
            .map(|(_, w)| w)
            .sum::<f64>()
            / total
    };
    ((a.support + share(Reading::Licensed)).min(1.0) - REPLACED_EXTRA * share(Reading::Replaced)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::{licensed_support, Reading};

    /// [`super::senses_of_shared`] answers what [`synonyms::Senses::of`]
    /// does, for a word asked again by the same string, by another string
    /// of the same text, by text alone, and after many other words have
    /// taken the slots (strings freed and allocated again in between).
    #[test]
    fn senses_by_address_are_the_senses_of_the_text() {
        use super::{senses_of, senses_of_shared};
        use crate::text::synonyms::Senses;
        use crate::text::Shared;
        let plain = |senses: &Senses| format!("{senses:?}");
        let mut words: Vec<String> = [
            "car", "vehicle", "rose", "fell", "bakery", "window", "xqzv", "", "walked",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        words.extend((0..3_000).map(|i| format!("{}{}", ["run", "stone", "house", "zq"][i % 4], "s".repeat(i % 3))));
        for round in 0..3 {
            let strings: Vec<Shared> = words.iter().map(|w| Shared::from(w.as_str())).collect();
            for (i, w) in words.iter().enumerate().filter(|(i, _)| (i + round) % 2 == 0 || *i < 9) {
                let want = plain(&Senses::of(w));
                assert_eq!(plain(&senses_of_shared(&strings[i])), want, "{w}");
                assert_eq!(plain(&senses_of_shared(&strings[i])), want, "{w} again");
                assert_eq!(
                    plain(&senses_of_shared(&Shared::from(w.as_str()))),
                    want,
                    "{w} new string"
                );
                assert_eq!(plain(&senses_of(w)), want, "{w} by text");
            }
        }
    }
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::options::CheckOptions;

    const BODY: &str = "Car hits bakery\n\
        \n\
        A car crashed into the window of a bakery on Main Street on Wednesday. \
        The driver of the car was taken to the hospital with minor injuries.\n\
        \n\
        Sales at the bakery rose sharply last year, the owner said.\n\
        \n";

    /// The drift findings (rule, flagged text) and the score for `bullets` under [`BODY`].
    fn drift(bullets: &str) -> (Vec<(String, String)>, f64) {
        let doc = parse_article(
            "t.txt",
            format!("{BODY}{bullets}"),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .expect("parses");
        let outcome = crate::check_document(&doc, &CheckOptions::default());
        let findings = outcome
            .findings
            .into_iter()
            .filter(|f| f.family() == "drift")
            .map(|f| (f.rule.to_string(), f.text))
            .collect();
        (findings, outcome.score)
    }

    /// Each content word of the last bullet under [`BODY`] with its reading,
    /// and the bullet's licensed support against its alignment support.
    fn read(bullet: &str) -> (Vec<(String, Reading)>, f64, f64) {
        let doc = parse_article(
            "t.txt",
            format!("{BODY}{bullet}"),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .expect("parses");
        let alignment = crate::align::align(&doc);
        let readings = super::super::Readings::of(&doc, &alignment);
        let (a, r) = alignment
            .units
            .iter()
            .zip(&readings.readings)
            .next_back()
            .expect("a unit");
        let words = a
            .tokens
            .iter()
            .zip(r)
            .filter(|(t, _)| !t.stop)
            .map(|(t, r)| (t.folded.to_string(), *r))
            .collect();
        (words, licensed_support(a, r), a.support)
    }

    #[test]
    fn a_new_word_beside_a_source_the_unit_copies_whole_is_unlicensed() {
        // Every content word of the source sentence is in the bullet: no
        // source word that "loudly" could reword or stand in the place of.
        let (words, licensed, support) =
            read("- A car crashed loudly into the window of a bakery on Main Street on Wednesday.\n");
        assert!(
            words.contains(&("loudly".to_string(), Reading::Unlicensed)),
            "{words:?}"
        );
        assert!(licensed <= support, "{licensed} vs {support}");
    }

    #[test]
    fn a_new_word_in_the_slot_of_a_dropped_source_word_is_replaced() {
        // "stadium" stands where the body says "hospital": between "taken" and "minor".
        let (words, licensed, support) =
            read("- The driver of the car was taken to the stadium with minor injuries.\n");
        assert!(words.contains(&("stadium".to_string(), Reading::Replaced)), "{words:?}");
        assert!(licensed < support, "{licensed} vs {support}");
        // Added next to the source word, it only adds: no slot is taken.
        let (words, _, _) =
            read("- The driver of the car was taken to the hospital by the stadium with minor injuries.\n");
        assert!(
            words.contains(&("stadium".to_string(), Reading::Unlicensed)),
            "{words:?}"
        );
        // A word the source licenses is not replaced, whatever its slot.
        let (words, _, _) = read("- The driver of the automobile was taken to the hospital with minor injuries.\n");
        assert!(
            words.contains(&("automobile".to_string(), Reading::Licensed)),
            "{words:?}"
        );
    }

    #[test]
    fn a_swap_slot_passes_over_dates_and_numbers_the_unit_drops() {
        use super::same_slot;
        use crate::text::tokenize;
        let toks = |s: &str| tokenize(s, 0, s.len());
        let at = |t: &[crate::text::Token], w: &str| t.iter().position(|x| &*x.folded == w).expect("word");
        let unit = toks("pleaded guilty to murder in the death");
        let body = toks("pleaded guilty on Thursday to manslaughter in the death");
        let (k, j) = (at(&unit, "murder"), at(&body, "manslaughter"));
        // "Thursday" stands between "guilty" and "manslaughter" only in the body.
        assert!(same_slot(&unit, k, &body, j, true));
        assert!(!same_slot(&unit, k, &body, j, false));
        // A number is detail too; a content word the unit drops is not.
        let body = toks("pleaded guilty in 2019 to manslaughter in the death");
        assert!(same_slot(&unit, k, &body, at(&body, "manslaughter"), true));
        let body = toks("pleaded guilty tearfully to manslaughter in the death");
        assert!(!same_slot(&unit, k, &body, at(&body, "manslaughter"), true));
        // A date the unit gives itself is a neighbour, not detail.
        let unit = toks("pleaded guilty on Thursday to murder in the death");
        let body = toks("pleaded guilty on Friday to manslaughter in the death");
        assert!(!same_slot(
            &unit,
            at(&unit, "murder"),
            &body,
            at(&body, "manslaughter"),
            true
        ));
    }

    use super::super::article_findings as drift_findings;

    #[test]
    fn a_colour_the_body_never_names_for_one_it_does() {
        let found = |bullet: &str| {
            drift_findings(&format!(
                "Paint protest\n\nActivists poured yellow and blue paint on the road outside the embassy.\n\n{bullet}"
            ))
        };
        assert_eq!(
            found("- Activists poured yellow and white paint on the road outside the embassy.\n"),
            [("drift/substitution".to_string(), "white".to_string())]
        );
        // The body's colours in another order, one dropped, or a name.
        // Two new colours stand for the source's two, in order.
        let doc = parse_article(
            "t.txt",
            "Paint protest\n\nActivists poured yellow and blue paint on the road outside the embassy.\n\n\
             - Activists poured green and purple paint on the road outside the embassy.\n"
                .to_string(),
            InputFormat::Text,
            &ParseOptions::default(),
        )
        .expect("parses");
        let suggestions: Vec<Option<String>> = crate::check_document(&doc, &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.rule == "drift/substitution")
            .map(|f| f.suggestion)
            .collect();
        assert_eq!(suggestions, [Some("yellow".to_string()), Some("blue".to_string())]);
        assert!(found("- Activists poured blue and yellow paint on the road outside the embassy.\n").is_empty());
        assert!(found("- Activists poured blue paint on the road outside the embassy.\n").is_empty());
        // A colour where the source names none is not a swap.
        let none = "Embassy\n\nActivists poured paint on the road outside the embassy.\n\n\
                    - Activists poured green paint on the road outside the embassy.\n";
        let doc =
            parse_article("t.txt", none.to_string(), InputFormat::Text, &ParseOptions::default()).expect("parses");
        let outcome = crate::check_document(&doc, &CheckOptions::default());
        assert!(!outcome.findings.iter().any(|f| f.rule == "drift/substitution"));
    }

    #[test]
    fn a_prefix_the_body_never_puts_on_its_word() {
        let found = |bullet: &str| {
            drift_findings(&format!(
                "Founder steps down\n\nMaria Ruiz, the founder of the bakery chain and its co-owner, will step down in June.\n\n{bullet}"
            ))
        };
        assert_eq!(
            found("- Maria Ruiz, the co-founder of the bakery chain, will step down in June.\n"),
            [("drift/substitution".to_string(), "co-founder".to_string())]
        );
        assert_eq!(
            found("- Maria Ruiz, the ex-founder of the bakery chain, will step down in June.\n"),
            [("drift/substitution".to_string(), "ex-founder".to_string())]
        );
        // A prefixed word the body has, or a prefix written apart.
        assert!(found("- Maria Ruiz, co-owner and founder of the bakery chain, will step down in June.\n").is_empty());
        assert!(
            found("- Maria Ruiz, the founder of the bakery chain (co - owner too), will step down in June.\n")
                .is_empty()
        );
    }

    #[test]
    fn a_co_hyponym_in_the_source_words_slot_is_a_substitution() {
        let (findings, _) = drift("- The driver of the truck was taken to the hospital with minor injuries.\n");
        assert_eq!(findings, [("drift/substitution".to_string(), "truck".to_string())]);
    }

    #[test]
    fn synonyms_and_broader_terms_are_paraphrase() {
        let (swapped, swapped_score) =
            drift("- The driver of the truck was taken to the hospital with minor injuries.\n");
        for word in ["vehicle", "automobile"] {
            let (findings, score) = drift(&format!(
                "- The driver of the {word} was taken to the hospital with minor injuries.\n"
            ));
            assert!(findings.is_empty(), "{word}: {findings:?}");
            assert!(
                score > swapped_score,
                "{word}: {score} vs {swapped_score} ({swapped:?})"
            );
        }
    }

    #[test]
    fn a_wordnet_antonym_is_a_negation_finding() {
        // Neither pair is on the negation rule's list of opposites; "fell"
        // reaches "fall" through WordNet's exception list.
        let (findings, _) = drift("- Sales at the bakery fell sharply last year, the owner said.\n");
        assert_eq!(findings, [("drift/negation".to_string(), "fell".to_string())]);
        let (findings, _) = drift("- The driver of the car was taken to the hospital with major injuries.\n");
        assert_eq!(findings, [("drift/negation".to_string(), "major".to_string())]);
    }

    #[test]
    fn a_narrower_term_in_another_slot_is_not_a_substitution() {
        // "sedan" says more than "car", but it does not stand in the car's slot.
        let (findings, _) = drift("- A sedan crashed into a bakery window on Wednesday.\n");
        assert!(
            findings.iter().all(|(rule, _)| rule != "drift/substitution"),
            "{findings:?}"
        );
    }
}
