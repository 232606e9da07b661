//! The drift rules, one function each, over a [`UnitCtx`].

use super::body::normalise;
use super::cues::{self, Comparator};
use super::{UnitCtx, ENTITY, LOW_SUPPORT, MODALITY, NEGATION, NUMBER, UNSUPPORTED_PHRASE, UNSUPPORTED_QUOTE};
use crate::document::UnitKind;
use crate::finding::Finding;
use crate::text::lexicon::{self, Locale};
use crate::text::tokens::stem_hash;
use crate::text::{split_sentences, synonyms, tokenize, Number, Token};
use std::cell::{Cell, OnceCell};

/// How far back (in tokens) a name may stand from the word it goes with.
const NAME_WINDOW: usize = 3;
/// How far back a negation cue near a word keeps the other side from firing.
const CUE_WINDOW: usize = 4;
/// Share of a unit sentence's content that must come from an attributed
/// source sentence before a dropped attribution counts.
const ATTRIBUTED_SHARE: f64 = 0.6;

/// True when the text between two tokens breaks a clause.
fn breaks(text: &str, a: &Token, b: &Token) -> bool {
    text[a.end..b.start].contains([',', ';', ':', '(', ')', '—', '–', '!', '?', '"', '“', '”'])
        || text[a.end..b.start].contains(". ")
}

/// [`split_clitic_str`] of the characters `rest`, as the plain scan
/// ([`scanned_quotes_plain`]) read them.
#[cfg(test)]
fn split_clitic(rest: &[(usize, char)]) -> bool {
    let word: String = rest
        .iter()
        .map(|&(_, c)| c)
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let after = rest.get(word.chars().count()).map(|&(_, c)| c);
    matches!(word.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m" | "t") && !after.is_some_and(|c| c == '\'' || c == '’')
}

/// True when `rest` (what follows an apostrophe) starts with an English
/// clitic that tokenized text writes apart from its word ("mclean 's",
/// "you 're", "i 'm", as machine summaries and Penn Treebank text do): the
/// apostrophe belongs to the clitic and opens no quotation.
fn split_clitic_str(rest: &str) -> bool {
    // The word lower-cased, without a string: a clitic has at most two
    // characters, so a longer word is none.
    let mut word = ['\0'; 2];
    let mut n = 0;
    for c in rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
    {
        if n == word.len() {
            return false;
        }
        word[n] = c;
        n += 1;
    }
    matches!(
        word[..n],
        ['s'] | ['r', 'e'] | ['v', 'e'] | ['l', 'l'] | ['d'] | ['m'] | ['t']
    ) && !rest.chars().nth(n).is_some_and(|c| c == '\'' || c == '’')
}

/// Quoted passages in `text[start..end]` as byte ranges of their inside.
pub fn quoted_ranges(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    if no_quote_marks(&text.as_bytes()[start..end]) {
        return Vec::new();
    }
    scanned_quotes(text, start, end)
}

/// True when `bytes` hold no mark that could open or close a quotation
/// for [`scanned_quotes`]: no '`', '"', '“', '”' or '‘', and every '\'' or
/// '’' inside a word (a letter or digit on both sides: "Xi's", "don’t"),
/// where it neither opens nor closes one. Most units hold no quote mark at
/// all, many only such apostrophes, and other marks starting with 0xE2
/// (dashes, the ellipsis) are no quotes: then there is nothing to find.
fn no_quote_marks(bytes: &[u8]) -> bool {
    let inside_word = |at: usize, after: usize| {
        at > 0 && after < bytes.len() && bytes[at - 1].is_ascii_alphanumeric() && bytes[after].is_ascii_alphanumeric()
    };
    memchr::memchr(b'`', bytes).is_none()
        && memchr::memchr3_iter(b'\'', b'"', 0xE2, bytes).all(|i| match bytes[i] {
            b'\'' => inside_word(i, i + 1),
            b'"' => false,
            // '‘' E2 80 98, '’' 99, '“' 9C, '”' 9D.
            _ => match bytes.get(i + 1..i + 3) {
                Some([0x80, 0x99]) => inside_word(i, i + 3),
                Some([0x80, 0x98 | 0x9C | 0x9D]) => false,
                _ => true,
            },
        })
}

/// [`quoted_ranges`] by reading every quote mark of `text[start..end]`:
/// the marks found by their bytes ('`', '\'', '"', and the lead byte 0xE2
/// of '‘', '’', '“' and '”', which no other byte of UTF-8 text is), each
/// read with the characters around it. Every other character leaves the
/// quotes as they are, and collecting them all into a vector first was
/// most of the cost (most units reach this scan: tokenized text writes
/// clitics apart, "Xi 's").
fn scanned_quotes(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let slice = &text[start..end];
    let bytes = slice.as_bytes();
    let mut marks = QuoteMarks::default();
    // The second mark of a `` or '' pair, already read with the first:
    // marks before this byte are passed over.
    let mut paired_until = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if !matches!(byte, b'`' | b'\'' | b'"' | 0xE2) || i < paired_until {
            continue;
        }
        let Some(c) = slice[i..].chars().next() else { continue };
        if !matches!(c, '`' | '\'' | '"' | '“' | '”' | '‘' | '’') {
            continue;
        }
        let prev = slice[..i].chars().next_back();
        let after = i + c.len_utf8();
        let next = slice[after..].chars().next();
        if marks.read(i, c, prev, next, || split_clitic_str(&slice[after..])) {
            paired_until = after + 1;
        }
    }
    marks.ranges(start)
}

/// The quotations opened and closed so far by the marks of one text, read
/// in order by [`QuoteMarks::read`].
#[derive(Default)]
struct QuoteMarks {
    ranges: Vec<(usize, usize)>,
    double: Option<usize>,
    single: Option<usize>,
}

impl QuoteMarks {
    /// Reads the mark `c` at byte `i`, between the characters `prev` and
    /// `next`; `clitic` tells whether a clitic ("s", "ll") follows it.
    /// True when the mark and `next` are one pair (`` or ''), so the
    /// caller passes over `next`.
    fn read(
        &mut self,
        i: usize,
        c: char,
        prev: Option<char>,
        next: Option<char>,
        clitic: impl FnOnce() -> bool,
    ) -> bool {
        let after = i + c.len_utf8();
        match c {
            // ``…'' : the double quotes of TeX and Penn Treebank text.
            '`' if next == Some('`') => {
                self.double = Some(after + 1);
                return true;
            }
            '\'' if next == Some('\'') && self.double.is_some() => {
                self.ranges.extend(self.double.take().map(|open| (open, i)));
                return true;
            }
            '"' => match self.double.take() {
                Some(open) => self.ranges.push((open, i)),
                None => self.double = Some(after),
            },
            '“' => self.double = Some(after),
            '”' => {
                if let Some(open) = self.double.take() {
                    self.ranges.push((open, i));
                }
            }
            '\'' | '‘' | '’' => {
                let opens =
                    !prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric) && !clitic();
                let closes = prev.is_some_and(|p| !p.is_whitespace()) && !next.is_some_and(char::is_alphanumeric);
                if self.single.is_some() && closes && c != '‘' {
                    self.ranges.push((self.single.take().unwrap_or(after), i));
                } else if opens && c != '’' {
                    self.single = Some(after);
                }
            }
            _ => {}
        }
        false
    }

    /// The non-empty quotations, in order, as spans of the whole text
    /// (the marks were read in a slice of it starting at byte `start`).
    fn ranges(mut self, start: usize) -> Vec<(usize, usize)> {
        self.ranges.sort_unstable();
        self.ranges
            .into_iter()
            .filter(|(s, e)| e > s)
            .map(|(s, e)| (start + s, start + e))
            .collect()
    }
}

/// [`scanned_quotes`] as it was, reading every character of
/// `text[start..end]` into a vector first: the reference its tests compare with.
#[cfg(test)]
fn scanned_quotes_plain(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let slice = &text[start..end];
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut marks = QuoteMarks::default();
    // The second mark of a `` or '' pair, already read with the first.
    let mut paired = false;
    for (k, &(i, c)) in chars.iter().enumerate() {
        if std::mem::take(&mut paired) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        paired = marks.read(i, c, prev, next, || split_clitic(&chars[k + 1..]));
    }
    marks.ranges(start)
}

/// Per token: part of a person's, place's or organisation's name.
pub fn entity_tokens(text: &str, kind: UnitKind, tokens: &[Token], quotes: &[(usize, usize)]) -> Vec<bool> {
    let words: Vec<&Token> = tokens.iter().filter(|t| !t.stop && t.number().is_none()).collect();
    let capitals = words.iter().filter(|t| t.is_capitalized(text)).count();
    // Headlines are often in title case, where a capital marks nothing.
    let title =
        matches!(kind, UnitKind::Headline | UnitKind::Dek) && words.len() >= 3 && capitals * 10 >= words.len() * 7;
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            // "U.S." is a name even though "us" is a stopword.
            let dotted = || {
                let word = t.text(text);
                word.contains('.')
                    && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !word.chars().any(char::is_lowercase)
            };
            if !t.is_capitalized(text)
                || t.number().is_some()
                || (t.stop && !dotted())
                || cues::date_name(&t.folded).is_some()
                || quotes.iter().any(|&(s, e)| t.start >= s && t.end <= e)
            {
                return false;
            }
            let initial = i == 0 || {
                let gap = &text[tokens[i - 1].end..t.start];
                gap.contains(['.', '!', '?', ':', '"', '“', '—', '\n']) && !gap.contains("U.")
            };
            // A common word at the start of a sentence or in a title-case
            // headline is not a name, even if it can be one ("Solidarity").
            // Elsewhere a capital makes a name, and the lexicon is not asked.
            if !(title || initial) {
                return true;
            }
            let common = lexicon::is_word(&t.folded, Locale::Any);
            let word = t.text(text);
            let acronym = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && word.chars().all(|c| !c.is_lowercase())
                && !common;
            !common || acronym
        })
        .collect()
}

/// Runs of name tokens: (first, last) token indexes, inclusive.
fn name_runs(text: &str, tokens: &[Token], entity: &[bool]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for i in 0..tokens.len() {
        if !entity[i] {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.1 + 1 == i && text[tokens[run.1].end..tokens[i].start].trim().is_empty() => run.1 = i,
            _ => runs.push((i, i)),
        }
    }
    runs
}

/// The name run ending at most [`NAME_WINDOW`] tokens before `k`, in the
/// same clause.
fn name_before(text: &str, tokens: &[Token], runs: &[(usize, usize)], k: usize) -> Option<(usize, usize)> {
    let run = runs.iter().rev().find(|r| r.1 < k)?;
    if k - run.1 > NAME_WINDOW {
        return None;
    }
    (run.1..k)
        .all(|j| !breaks(text, &tokens[j], &tokens[j + 1]))
        .then_some(*run)
}

/// Lowercase initials of the capitalised words of a name.
fn initials(text: &str, run: &[Token]) -> String {
    run.iter()
        .filter(|t| t.is_capitalized(text))
        .filter_map(|t| t.text(text).chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text[start..end]` as the body index compares them, with a
/// clitic that tokenized text writes apart ("i 'm", "do n't") joined back
/// to its word ("im", "dont", as "I'm", "don't" normalise).
fn quote_words(text: &str, start: usize, end: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for t in tokenize(text, start, end) {
        let word = normalise(&t.folded);
        if word.is_empty() {
            continue;
        }
        let before = &text[start..t.start];
        let apart = before.ends_with(" '") || before.ends_with(" ’");
        let clitic = (apart && matches!(word.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m"))
            || (&*t.folded == "n't" || &*t.folded == "n’t") && before.ends_with(' ');
        match words.last_mut() {
            Some(last) if clitic => last.push_str(&word),
            _ => words.push(word),
        }
    }
    words
}

pub fn unsupported_quote(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    for &(start, end) in ctx.quotes {
        let inside = &text[start..end];
        // An ellipsis marks a cut: each piece must be in the body.
        let mut pieces: Vec<Vec<String>> = Vec::new();
        let mut offset = start;
        for piece in inside.split(['…']).flat_map(|p| p.split("...")) {
            let piece_start = offset + (text[offset..end].find(piece).unwrap_or(0));
            let words = quote_words(text, piece_start, piece_start + piece.len());
            offset = piece_start + piece.len();
            if !words.is_empty() {
                pieces.push(words);
            }
        }
        if pieces.is_empty() || pieces.iter().all(|p| ctx.body.find_run(p).is_some()) {
            continue;
        }
        let all: Vec<String> = pieces.concat();
        let quoted = ctx.unit_text(start, end);
        let open = if text[..start].ends_with("``") {
            2
        } else {
            text[..start].chars().next_back().map_or(0, char::len_utf8)
        };
        let close = if text[end..].starts_with("''") {
            2
        } else {
            text[end..].chars().next().map_or(0, char::len_utf8)
        };
        let mut finding = ctx.finding(
            &UNSUPPORTED_QUOTE,
            start - open,
            end + close,
            format!("the unit quotes \"{quoted}\" but the body never says these words"),
        );
        if let Some(s) = ctx.body.closest_sentence(&all).or(ctx.best_source()) {
            let evidence = ctx.evidence(s, "closest body sentence; it does not contain the quote");
            // Offer the body's own quotation from that sentence.
            let body_quotes = quoted_ranges(text, evidence.span.start, evidence.span.end);
            let shared = |&(qs, qe): &(usize, usize)| {
                let words: Vec<String> = tokenize(text, qs, qe).iter().map(|t| normalise(&t.folded)).collect();
                all.iter().filter(|w| words.contains(w)).count()
            };
            let best = body_quotes.iter().max_by_key(|q| shared(q)).filter(|q| shared(q) > 0);
            if let Some(&(qs, qe)) = best {
                finding = finding.with_suggestion(format!("\"{}\"", ctx.body_text(qs, qe)));
            }
            finding = finding.with_evidence(evidence);
        }
        findings.push(finding);
    }
}

/// Body tokens of sentence `s`.
fn sentence_tokens<'a>(ctx: &'a UnitCtx, s: usize) -> &'a [Token] {
    &ctx.alignment.sentences[s].tokens
}

pub fn number(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    for (k, t) in tokens.iter().enumerate() {
        if ctx.in_quote(t) {
            continue;
        }
        if let Some(date) = cues::date_name(&t.folded) {
            if t.is_capitalized(text) && !ctx.body.dates().contains(date) {
                let mut finding = ctx.finding(
                    &NUMBER,
                    t.start,
                    t.end,
                    format!(
                        "the unit says \"{}\" but the body never names this day or month",
                        t.text(text)
                    ),
                );
                if let Some(s) = ctx.best_source() {
                    let other = sentence_tokens(ctx, s)
                        .iter()
                        .find(|b| cues::date_name(&b.folded).is_some() && b.is_capitalized(text));
                    if let Some(b) = other {
                        finding = finding.with_suggestion(b.text(text).to_string());
                    }
                    finding = finding.with_evidence(ctx.evidence(s, "the body says"));
                }
                findings.push(finding);
            }
            continue;
        }
        let Some(number) = cues::number_of(t).or_else(|| cues::ordinal_second(tokens, k)) else {
            continue;
        };
        let n = &number;
        if time_of_day(ctx, k, findings) {
            continue;
        }
        // "one" is far more often a pronoun ("one of them") than a count.
        if &*t.folded == "one" {
            continue;
        }
        // "second" is matched by value only: the body's word "second" may
        // be the unit of time.
        let ordinal_word = t.number().is_none() && cues::suffixed_number(&t.folded).is_none();
        let sources: Vec<usize> = if !ordinal_word && ctx.alignment.body_has(&t.stem) {
            let chosen: Vec<usize> = ctx
                .sources()
                .filter(|&s| source(ctx, s).first_of(&t.stem).is_some())
                .collect();
            if chosen.is_empty() {
                ctx.alignment.sentences_with(&t.stem).take(4).collect()
            } else {
                chosen
            }
        } else {
            Vec::new()
        };
        if !sources.is_empty() {
            // In the body, but not in the unit's main source sentence nor
            // ever in this slot, and a source sentence gives another number
            // in its place ("died 20 years ago" where
            // it says "35 years ago"; the body's 20 is about something else).
            let gives = |s: usize| source(ctx, s).first_of(&t.stem).is_some();
            let slot = slot_number(ctx, k).filter(|&(s, _)| {
                !gives(s) && !ctx.best_source().is_some_and(gives) && !number_in_slot_anywhere(ctx, k)
            });
            if let Some((s, j)) = slot {
                let body = sentence_tokens(ctx, s);
                let (said, body_said) = (t.text(text), body[j].text(text));
                findings.push(
                    ctx.against_body(
                        &NUMBER,
                        t.start,
                        t.end,
                        format!(
                            "the unit says \"{said}\" where its source sentence says \"{body_said}\"; the body gives {said} only about something else"
                        ),
                        body_said,
                        s,
                    ),
                );
                continue;
            }
        }
        if !sources.is_empty() {
            // The number is there; its comparator must agree.
            let Some((unit_cmp, cmp_start)) = cues::comparator(tokens, k) else {
                continue;
            };
            let unit_cmp = cues::negated_comparator(tokens, cmp_start, unit_cmp);
            let mut contrary: Option<(usize, usize, Comparator)> = None;
            let mut agrees = false;
            for &s in &sources {
                let body = sentence_tokens(ctx, s);
                for (j, _) in body.iter().enumerate().filter(|(_, b)| b.stem == t.stem) {
                    match cues::comparator(body, j).map(|(c, at)| (cues::negated_comparator(body, at, c), at)) {
                        Some((c, _)) if c == unit_cmp => agrees = true,
                        Some((c, start)) => {
                            if contrary.is_none() {
                                contrary = Some((s, start, c));
                            }
                        }
                        None => agrees = true,
                    }
                }
            }
            if agrees {
                continue;
            }
            if let Some((s, start, c)) = contrary {
                let body = sentence_tokens(ctx, s);
                let number_end = body[start..]
                    .iter()
                    .find(|b| b.stem == t.stem)
                    .map_or(body[start].end, |b| b.end);
                let said = ctx.unit_text(tokens[cmp_start].start, t.end);
                let body_said = ctx.body_text(body[start].start, number_end);
                findings.push(ctx.against_body(
                    &NUMBER,
                    tokens[cmp_start].start,
                    t.end,
                    format!(
                        "the unit says \"{said}\" ({}) but the body says \"{body_said}\" ({})",
                        unit_cmp.as_str(),
                        c.as_str()
                    ),
                    body_said,
                    s,
                ));
            }
            continue;
        }
        // Same value written as a percentage on one side only, or rounded
        // ("61%" for "61.4%").
        let decimals = t
            .text(text)
            .split('.')
            .nth(1)
            .map_or(0, |d| d.chars().take_while(char::is_ascii_digit).count());
        let scale = t
            .text(text)
            .split_whitespace()
            .next()
            // The digits only: "4.9bn" scales 4.9.
            .map(|w| {
                w.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                    .collect::<String>()
            })
            .and_then(|w| w.replace(',', "").parse::<f64>().ok())
            .filter(|&v| v > 0.0)
            .map_or(1.0, |v| n.value / v);
        let step = scale * 10f64.powi(-(decimals as i32));
        if ctx.body.numbers().iter().any(|b| {
            b.same_value(n)
                || b.ordinal == n.ordinal
                    && ((b.value / step).round() * step - n.value).abs() < 1e-9 * step.max(1.0)
                    && b.value.fract() != 0.0
        }) {
            continue;
        }
        // A small count in words ("two branches") is often the summary
        // counting what the body lists; it only contradicts a source
        // sentence that gives a number of its own.
        // An ordinal ("second anniversary") is no count of a list.
        let spelled = !t.folded.starts_with(|c: char| c.is_ascii_digit()) && !n.ordinal;
        if spelled
            && !ctx
                .best_source()
                .is_some_and(|s| sentence_tokens(ctx, s).iter().any(|b| b.number().is_some()))
        {
            continue;
        }
        let said = t.text(text).to_string();
        let mut finding = ctx.finding(
            &NUMBER,
            t.start,
            t.end,
            format!("the unit says \"{said}\" but the body never gives this number"),
        );
        if let Some(s) = ctx.best_source() {
            let unit_keys: Vec<&str> = tokens.iter().map(|u| u.stem.as_ref()).collect();
            let candidate = sentence_tokens(ctx, s).iter().find(|b| {
                cues::number_of(b).is_some_and(|bn| bn.percent == n.percent && bn.ordinal == n.ordinal)
                    && !unit_keys.contains(&b.stem.as_ref())
            });
            if let Some(b) = candidate {
                finding = finding.with_suggestion(b.text(text).to_string());
            }
            finding = finding.with_evidence(ctx.evidence(s, "the body says"));
        }
        findings.push(finding);
    }
}

/// `drift/number` on a time of day whose half of the day flips: the unit
/// says "10pm" (or "10 pm", "10 p.m.") where the body gives 10 only as
/// "10am", never as 10pm. True when unit token `k` is a time of day the
/// body gives in the other half (reported) or in the same half (nothing to
/// report); false when the body has no such hour with "am"/"pm", and the
/// number is read as any other.
fn time_of_day(ctx: &UnitCtx, k: usize, findings: &mut Vec<Finding>) -> bool {
    let tokens = ctx.tokens();
    let Some(time) = cues::time_of_day(tokens, k) else {
        return false;
    };
    let times = ctx.body.times();
    if times.iter().any(|&(b, _, _)| b == time) {
        return true;
    }
    let Some(&(_, s, j)) = times.iter().find(|&&(b, _, _)| (b - time).abs() == 12.0) else {
        return false;
    };
    // "10 pm" is two tokens: the span and the body's words take both.
    let end = |toks: &[Token], i: usize| {
        if toks[i].number().is_some() {
            toks[i + 1].end
        } else {
            toks[i].end
        }
    };
    let body = sentence_tokens(ctx, s);
    let said = ctx.unit_text(tokens[k].start, end(tokens, k));
    let body_said = ctx.body_text(body[j].start, end(body, j));
    findings.push(ctx.against_body(
        &NUMBER,
        tokens[k].start,
        end(tokens, k),
        format!("the unit says \"{said}\" where the body says \"{body_said}\": the other half of the day"),
        body_said.clone(),
        s,
    ));
    true
}

/// Stem of the nearest content word before (`step` = -1) or after (+1)
/// token `at`, at most three tokens away; empty at a sentence edge or when
/// only function words follow.
fn neighbour(tokens: &[Token], at: usize, step: isize) -> &str {
    let mut i = at as isize;
    for _ in 0..3 {
        i += step;
        let Some(t) = usize::try_from(i).ok().and_then(|i| tokens.get(i)) else {
            return "";
        };
        if !t.stop {
            return &t.stem;
        }
    }
    ""
}

/// True when some body sentence gives unit number `k` with the same
/// content word right before or after it as the unit does.
fn number_in_slot_anywhere(ctx: &UnitCtx, k: usize) -> bool {
    let tokens = ctx.tokens();
    let (before, after) = (neighbour(tokens, k, -1), neighbour(tokens, k, 1));
    ctx.alignment.sentences_with(&tokens[k].stem).any(|s| {
        let body = sentence_tokens(ctx, s);
        (0..body.len()).any(|j| {
            body[j].stem == tokens[k].stem
                && ((!before.is_empty() && neighbour(body, j, -1) == before)
                    || (!after.is_empty() && neighbour(body, j, 1) == after))
        })
    })
}

/// A number of the unit's source sentences standing where unit number `k`
/// stands (the same content word right before or after it, the same kind:
/// count, percentage or ordinal), that the unit does not give itself.
fn slot_number(ctx: &UnitCtx, k: usize) -> Option<(usize, usize)> {
    // (Each sentence's numbers found once per article.)
    slot_number_among(ctx, k, |s| source(ctx, s).numbers().iter().copied())
}

/// [`slot_number`] reading every source token for a number: the tests'
/// reference for the numbers kept per article.
#[cfg(test)]
fn slot_number_plain(ctx: &UnitCtx, k: usize) -> Option<(usize, usize)> {
    slot_number_among(ctx, k, |s| {
        let body = sentence_tokens(ctx, s);
        (0..body.len()).filter_map(move |j| Some((j, cues::number_of(&body[j])?)))
    })
}

/// [`slot_number`] with source sentence `s`'s numbers (token index and
/// value, in order) from `numbers_of(s)`.
fn slot_number_among<I>(ctx: &UnitCtx, k: usize, numbers_of: impl Fn(usize) -> I) -> Option<(usize, usize)>
where
    I: Iterator<Item = (usize, Number)>,
{
    let tokens = ctx.tokens();
    let n = cues::number_of(&tokens[k])?;
    let (before, after) = (neighbour(tokens, k, -1), neighbour(tokens, k, 1));
    let year = |v: f64| v.fract() == 0.0 && (1800.0..=2100.0).contains(&v);
    let same_slot = |&(s, j): &(usize, usize)| {
        let body = sentence_tokens(ctx, s);
        (!before.is_empty() && neighbour(body, j, -1) == before)
            || (!after.is_empty() && neighbour(body, j, 1) == after)
    };
    // The first of the source's numbers of the same kind, in the slot,
    // that the unit leaves out. (The tests are pure, so their order
    // changes no answer: the slot, a few neighbours, before the unit's
    // every token; they were all asked of every number, in a vector.)
    ctx.sources()
        .flat_map(|s| {
            numbers_of(s)
                .filter(move |(_, b)| {
                    b.percent == n.percent && b.ordinal == n.ordinal && year(b.value) == year(n.value)
                })
                .map(move |(j, _)| (s, j))
        })
        .filter(same_slot)
        .find(|&(s, j)| !tokens.iter().any(|u| u.stem == sentence_tokens(ctx, s)[j].stem))
}

/// [`slot_number_among`] as it was, every test asked of every number:
/// the tests' reference.
#[cfg(test)]
fn slot_number_collected(ctx: &UnitCtx, k: usize) -> Option<(usize, usize)> {
    let numbers_of = |s: usize| {
        let body = sentence_tokens(ctx, s);
        (0..body.len()).filter_map(move |j| Some((j, cues::number_of(&body[j])?)))
    };
    let tokens = ctx.tokens();
    let n = cues::number_of(&tokens[k])?;
    let (before, after) = (neighbour(tokens, k, -1), neighbour(tokens, k, 1));
    let year = |v: f64| v.fract() == 0.0 && (1800.0..=2100.0).contains(&v);
    // The source's numbers of the same kind that the unit leaves out.
    let dropped: Vec<(usize, usize)> = ctx
        .sources()
        .flat_map(|s| {
            numbers_of(s)
                .filter(move |(_, b)| {
                    b.percent == n.percent && b.ordinal == n.ordinal && year(b.value) == year(n.value)
                })
                .map(move |(j, _)| (s, j))
        })
        .filter(|&(s, j)| !tokens.iter().any(|u| u.stem == sentence_tokens(ctx, s)[j].stem))
        .collect();
    let same_slot = |&(s, j): &(usize, usize)| {
        let body = sentence_tokens(ctx, s);
        (!before.is_empty() && neighbour(body, j, -1) == before)
            || (!after.is_empty() && neighbour(body, j, 1) == after)
    };
    dropped.iter().copied().find(same_slot)
}

pub fn entity(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    // A placeholder (`UNK`, `-LRB-`) is part of no name: runs are cut at
    // their ends ("Stan UNK" is the name "Stan") and a run made only of
    // placeholders is no name at all.
    let placeholder = |i: usize| cues::placeholder(tokens[i].text(text));
    let runs: Vec<(usize, usize)> = name_runs(text, tokens, ctx.entity)
        .into_iter()
        .filter_map(|(mut first, mut last)| {
            while first <= last && placeholder(first) {
                first += 1;
            }
            while last > first && placeholder(last) {
                last -= 1;
            }
            (first <= last).then_some((first, last))
        })
        .collect();
    let mut reported: Vec<(usize, usize)> = Vec::new();
    for &(first, last) in &runs {
        let missing: Vec<usize> = (first..=last)
            .filter(|&i| !placeholder(i) && !ctx.body.has_name(ctx.alignment, &tokens[i], text))
            .collect();
        if missing.is_empty() {
            continue;
        }
        // A first name or title before a surname the body uses; not
        // before a common word ("Moscow Russian embassy", "UFO Media"
        // where the body says "Ozy Media"): that word is no surname, and
        // the unknown word before it is a name of its own.
        // Nor before an adjective of a place or people ("Moscow Russian
        // embassy" where the body says "Russian embassy").
        let surname =
            !lexicon::is_word(&tokens[last].folded, Locale::Any) && !synonyms::is_demonym(&tokens[last].folded);
        if !missing.contains(&last) && first < last && surname {
            continue;
        }
        let name = ctx.unit_text(tokens[first].start, tokens[last].end);
        let finding = ctx.finding(
            &ENTITY,
            tokens[first].start,
            tokens[last].end,
            format!("the unit names \"{name}\" but the body never mentions it"),
        );
        findings.push(ctx.with_best_source(finding, "closest body sentence"));
        reported.push((first, last));
    }
    // A name standing where the source sentence has another one.
    // Each source sentence's names, found once, when a unit name is first
    // read against that sentence (most units never get that far).
    type Runs = std::cell::OnceCell<Vec<(usize, usize)>>;
    let sources: Vec<(Source, Runs)> = ctx.sources().map(|s| (source(ctx, s), Runs::new())).collect();
    for (k, t) in tokens.iter().enumerate() {
        if t.stop || t.number().is_some() || ctx.entity[k] || ctx.in_quote(t) || t.folded.len() < 3 {
            continue;
        }
        let Some((first, last)) = name_before(text, tokens, &runs, k) else {
            continue;
        };
        if reported.contains(&(first, last)) {
            continue;
        }
        let head = &tokens[last];
        let mut other: Option<(usize, usize, usize)> = None;
        let mut agrees = false;
        for (src, body_runs) in &sources {
            let (s, body) = (src.s, src.tokens);
            // Looked up in the sentence's stem table rather than compared
            // with every token: most unit words before a name are in no
            // source sentence.
            let Some(at) = src.first_of(&t.stem) else {
                continue;
            };
            if src.first_of(&head.stem).is_some() {
                agrees = true;
                break;
            }
            let body_runs =
                body_runs.get_or_init(|| name_runs(text, body, &entity_tokens(text, UnitKind::Sentence, body, &[])));
            for (j, _) in body.iter().enumerate().skip(at).filter(|(_, b)| b.stem == t.stem) {
                match name_before(text, body, body_runs, j) {
                    Some((bf, bl))
                        if !tokens.iter().any(|u| u.stem == body[bl].stem)
                            && initials(text, &body[bf..=bl]) != super::body::plain(&head.folded)
                            && !synonyms::lies_in(
                                &super::body::plain(&body[bl].folded),
                                &super::body::plain(&head.folded),
                            ) =>
                    {
                        other = other.or(Some((s, bf, bl)));
                    }
                    _ => agrees = true,
                }
            }
        }
        if agrees {
            continue;
        }
        let Some((s, bf, bl)) = other else { continue };
        let body = sentence_tokens(ctx, s);
        let name = ctx.unit_text(tokens[first].start, tokens[last].end);
        let body_name = ctx.body_text(body[bf].start, body[bl].end);
        findings.push(ctx.against_body(
            &ENTITY,
            tokens[first].start,
            tokens[last].end,
            format!(
                "the unit says \"{name} … {}\" but the body says \"{body_name} … {}\"",
                t.text(text),
                body.iter().find(|b| b.stem == t.stem).map_or("", |b| b.text(text))
            ),
            body_name,
            s,
        ));
        reported.push((first, last));
    }
}

/// Per token: the index of the negation cue that governs it.
fn negated(text: &str, tokens: &[Token]) -> Vec<Option<usize>> {
    let mut out = vec![None; tokens.len()];
    for i in 0..tokens.len() {
        let Some(len) = cues::negation(tokens, i) else { continue };
        let mut j = i + len;
        while j < tokens.len() && cues::passes_over(&tokens[j]) && cues::negation(tokens, j).is_none() {
            j += 1;
        }
        if j < tokens.len() && (i + 1..=j).all(|m| !breaks(text, &tokens[m - 1], &tokens[m])) {
            out[j] = Some(i);
        }
    }
    out
}

/// [`negated`]`(text, tokens)[j]`, found from token `j` backwards: a
/// cue's walk (over words a negation passes over, [`cues::passes_over`],
/// that are no cue themselves) stops at `j` only when `j` is no such word
/// and the cue's end reaches the run of such words right before `j`. So
/// the cue is the token right before that run, or, for a two-token cue
/// ("fails to"), the one before it; the later cue wins, as it does in
/// [`negated`], when no clause break stands between it and `j`. The unit
/// asks about a few source tokens, and [`negated`] reads every token of
/// every source sentence.
fn negated_at(text: &str, tokens: &[Token], j: usize) -> Option<usize> {
    let walks_over = |m: usize| cues::passes_over(&tokens[m]) && cues::negation(tokens, m).is_none();
    if walks_over(j) {
        return None;
    }
    // Tokens q..j are passed over; q - 1 is not.
    let mut q = j;
    while q > 0 && walks_over(q - 1) {
        q -= 1;
    }
    let governs = |i: usize| (i + 1..=j).all(|m| !breaks(text, &tokens[m - 1], &tokens[m]));
    if let Some(i) = q.checked_sub(1) {
        if let Some(len) = cues::negation(tokens, i) {
            if i + len <= j && governs(i) {
                return Some(i);
            }
        }
    }
    let i = q.checked_sub(2)?;
    (cues::negation(tokens, i) == Some(2) && governs(i)).then_some(i)
}

/// How far either side of a word its context reaches for [`shares_context`].
const CONTEXT_WINDOW: usize = 4;

/// True when a content word within [`CONTEXT_WINDOW`] tokens of unit token
/// `k` also stands within that window of body token `j`: the two
/// occurrences say something about the same thing ("the commission …
/// approved … request" / "Commission … did not approve … request"), not a
/// word that the body uses in another clause about something else.
fn shares_context(unit: &[Token], k: usize, body: &[Token], j: usize) -> bool {
    fn near(toks: &[Token], at: usize) -> impl Iterator<Item = &str> {
        (at.saturating_sub(CONTEXT_WINDOW)..(at + CONTEXT_WINDOW + 1).min(toks.len()))
            // Negation cues and auxiliaries are what is compared, not context.
            .filter(move |&m| {
                m != at
                    && !cues::passes_over(&toks[m])
                    && cues::negation(toks, m).is_none()
                    && toks[m].stem != toks[at].stem
            })
            .map(move |m| toks[m].stem.as_ref())
    }
    // At most the window on both sides: an array, not a vector per call.
    let mut body_near = [""; 2 * CONTEXT_WINDOW];
    let mut n = 0;
    for w in near(body, j) {
        body_near[n] = w;
        n += 1;
    }
    let body_near = &body_near[..n];
    near(unit, k).any(|w| body_near.contains(&w))
}

/// A stem's first eight bytes (zero-padded) and its length: two stems of
/// at most eight bytes are equal exactly when their keys are; longer ones
/// with equal keys are compared whole. (The tests' reference for
/// [`occurrences_in`], which compares [`stem_print`]s.)
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct StemKey(u64, usize);

#[cfg(test)]
impl StemKey {
    fn of(stem: &str) -> StemKey {
        let [head] = crate::text::le_words(stem.as_bytes());
        StemKey(head, stem.len())
    }
}

/// A 16-bit fingerprint of a stem: equal stems have equal prints, and
/// two different stems rarely do (they are then told apart whole). The
/// top half of the stem's [`stem_hash`], which tokens carry:
/// a token's print is read, not worked out from its stem's bytes.
fn stem_print(stem: &str) -> u16 {
    print_of(stem_hash(stem))
}

/// [`stem_print`] of `t`'s stem.
fn token_print(t: &Token) -> u16 {
    print_of(t.stem_hash)
}

fn print_of(stem_hash: u32) -> u16 {
    (stem_hash >> 16) as u16
}

/// What the rules read of one body sentence, each part found when a rule
/// first asks and kept in the article's view ([`super::BodyView::facts`]):
/// a sentence is the source of several units, in several records of one
/// article, and each unit read it again. Most of the negation rule's cost
/// was making its source sentences' stem keys and finding their negations,
/// most of the modality rule's reading units whose sources hedge nothing,
/// and the number rule read every source token for a number. Each part is
/// made from the sentence's tokens and text alone, as the view requires.
#[derive(Debug, Default)]
pub(super) struct SentenceFacts {
    /// The tokens by their [`stem_print`]s ([`Source::stem_table`]).
    stem_table: OnceCell<Box<[u32]>>,
    /// Per token, the negation cue that governs it ([`negated_at`]), once
    /// asked: 0 when not yet asked, 1 for none, 2 + i for cue i. (Asked of
    /// a few tokens of a sentence, for the occurrences of unit words: the
    /// whole sentence's [`negated`] cost more on distinct documents.)
    governed: OnceCell<Box<[Cell<u32>]>>,
    /// The hedged words (token, cue), in order ([`hedged`]).
    hedges: OnceCell<Vec<(usize, usize)>>,
    /// The first "according to" ([`cues::sentence_attribution`]).
    attribution: OnceCell<Option<usize>>,
    /// True when some token is a hedge ([`cues::hedge`]).
    any_hedge: OnceCell<bool>,
    /// The tokens that give a number ([`cues::number_of`]), with it.
    numbers: OnceCell<Box<[(usize, Number)]>>,
}

/// Body sentence `s` of a unit's alignment with what is kept of it.
#[derive(Clone, Copy)]
struct Source<'a> {
    s: usize,
    tokens: &'a [Token],
    text: &'a str,
    facts: &'a SentenceFacts,
}

fn source<'a>(ctx: &'a UnitCtx, s: usize) -> Source<'a> {
    Source {
        s,
        tokens: sentence_tokens(ctx, s),
        text: &ctx.doc.text,
        facts: ctx.body.facts(s),
    }
}

impl<'a> Source<'a> {
    /// The tokens in an open-addressed table by their [`stem_print`]s:
    /// slot `print << 16 | j + 1` for token `j`, 0 empty, at most half of
    /// the slots used (four bytes a slot: the table of a unit's source
    /// sentence stays in the cache while the unit's words are looked up),
    /// each token at the first free slot from its print's low bits on, so
    /// the tokens of one print lie in token order along its probe
    /// sequence. Empty (no slots) for a sentence of more tokens than 16
    /// bits count, which is then scanned.
    fn stem_table(self) -> &'a [u32] {
        self.facts.stem_table.get_or_init(|| {
            if self.tokens.len() >= usize::from(u16::MAX) {
                return Box::default();
            }
            let size = (2 * self.tokens.len()).next_power_of_two().max(8);
            let mut slots = vec![0u32; size];
            for (j, t) in self.tokens.iter().enumerate() {
                let print = token_print(t);
                let mut h = usize::from(print) & (size - 1);
                while slots[h] != 0 {
                    h = (h + 1) & (size - 1);
                }
                slots[h] = u32::from(print) << 16 | (j as u32 + 1);
            }
            slots.into()
        })
    }

    /// The first token whose stem is `stem`, found by the stem table as
    /// [`occurrences_in`] finds them (a token of `stem`'s print comes
    /// before the later ones along the probe sequence).
    fn first_of(self, stem: &str) -> Option<usize> {
        let slots = self.stem_table();
        if slots.is_empty() {
            return self.tokens.iter().position(|b| *b.stem == *stem);
        }
        let print = stem_print(stem);
        let mask = slots.len() - 1;
        let mut h = usize::from(print) & mask;
        loop {
            let slot = slots[h];
            if slot == 0 {
                return None;
            }
            let j = (slot & 0xffff) as usize - 1;
            if (slot >> 16) as u16 == print && *self.tokens[j].stem == *stem {
                return Some(j);
            }
            h = (h + 1) & mask;
        }
    }

    /// [`negated_at`] token `j`, remembered.
    fn negated_at(self, j: usize) -> Option<usize> {
        let memo = self
            .facts
            .governed
            .get_or_init(|| vec![Cell::new(0); self.tokens.len()].into_boxed_slice());
        match memo[j].get() {
            0 => {
                let cue = negated_at(self.text, self.tokens, j);
                memo[j].set(cue.map_or(1, |i| i as u32 + 2));
                cue
            }
            1 => None,
            v => Some(v as usize - 2),
        }
    }

    fn hedges(self) -> &'a [(usize, usize)] {
        self.facts.hedges.get_or_init(|| hedged_words(self.text, self.tokens))
    }

    fn attribution(self) -> Option<usize> {
        *self
            .facts
            .attribution
            .get_or_init(|| (0..self.tokens.len()).find(|&j| cues::sentence_attribution(self.tokens, j).is_some()))
    }

    fn any_hedge(self) -> bool {
        *self
            .facts
            .any_hedge
            .get_or_init(|| (0..self.tokens.len()).any(|j| cues::hedge(self.tokens, j)))
    }

    /// True when the sentence hedges a word or attributes a hedged claim:
    /// only then can a unit drop its hedge or attribution ([`modality`]).
    fn modal(self) -> bool {
        !self.hedges().is_empty() || self.attribution().is_some() && self.any_hedge()
    }

    fn numbers(self) -> &'a [(usize, Number)] {
        self.facts.numbers.get_or_init(|| {
            (0..self.tokens.len())
                .filter_map(|j| Some((j, cues::number_of(&self.tokens[j])?)))
                .collect()
        })
    }
}

/// True when a negation cue stands within [`CUE_WINDOW`] tokens before `k`.
fn cue_near(tokens: &[Token], k: usize) -> bool {
    (k.saturating_sub(CUE_WINDOW)..k).any(|i| cues::negation(tokens, i).is_some())
}

/// Pushes onto `out` every occurrence `(i, j)` of the stem of `t` (token
/// `j` of `sources[i]`), in source and token order. Each unit word was
/// compared with every source token (about a hundred), a load and a
/// branch each, most of the negation rule's cost: each sentence's tokens
/// are now looked up by the stem's print in the sentence's table, and
/// only a token of an equal print has its stem compared.
/// (Not inlined: inside the rules, all inlined into one function, its
/// loop's values were spilled to the stack.)
#[inline(never)]
fn occurrences_in(sources: &[Source], t: &Token, out: &mut Vec<(usize, usize)>) {
    let print = token_print(t);
    for (i, b) in sources.iter().enumerate() {
        let slots = b.stem_table();
        if slots.is_empty() {
            out.extend(
                (0..b.tokens.len())
                    .filter(|&j| b.tokens[j].stem == t.stem)
                    .map(|j| (i, j)),
            );
            continue;
        }
        let mask = slots.len() - 1;
        let mut h = usize::from(print) & mask;
        loop {
            let slot = slots[h];
            if slot == 0 {
                break;
            }
            let j = (slot & 0xffff) as usize - 1;
            if (slot >> 16) as u16 == print && b.tokens[j].stem == t.stem {
                out.push((i, j));
            }
            h = (h + 1) & mask;
        }
    }
}

pub fn negation(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let unit_neg = negated(text, tokens);
    let mut added_reported = false;
    // The sources' tokens' stems (their heads made once per article).
    let sources: Vec<Source> = ctx.sources().map(|s| source(ctx, s)).collect();
    // One buffer for every word's occurrences: (source, token), the
    // source an index into `sources`.
    let mut occurrences: Vec<(usize, usize)> = Vec::new();
    // An occurrence's polarity: the cue that governs it, asked only while
    // the answer can still matter (most occurrences agree with the unit
    // at the first one asked).
    let cue_of = |&(i, j): &(usize, usize)| sources[i].negated_at(j);
    for (k, t) in tokens.iter().enumerate() {
        if t.stop || t.number().is_some() || ctx.in_quote(t) || cues::negation(tokens, k).is_some() {
            continue;
        }
        // Every occurrence in the source sentences.
        occurrences.clear();
        occurrences_in(&sources, t, &mut occurrences);
        if occurrences.is_empty() {
            opposite(ctx, k, findings);
            if !added_reported {
                added_reported = added_negation(ctx, &unit_neg, k, findings);
            }
            continue;
        }
        if !polarities_differ(tokens, k, unit_neg[k], &occurrences, cue_of, |o| sources[o.0].tokens) {
            continue;
        }
        // The occurrence read against is one about the same thing: a word
        // the body negates in another clause says nothing about this one
        // (`shares_context` is most of this rule's cost).
        let in_context = |o: &(usize, usize)| shares_context(tokens, k, sources[o.0].tokens, o.1);
        let Some((i, j)) = occurrences.iter().copied().find(in_context) else {
            continue;
        };
        let (s, body) = (sources[i].s, sources[i].tokens);
        let cue = unit_neg[k].map_or_else(|| Err(cue_of(&(i, j))), Ok);
        findings.push(negation_finding(ctx, k, cue, body, j, s));
    }
}

/// Whether unit word `k` (negated by the cue at `unit_cue`, if any) and
/// all its `occurrences` in the source sentences (`(sentence, token)`,
/// their cues by `cue_of`, their tokens by `tokens_of`) differ in polarity.
/// Cheap to tell and usually they agree; only when they differ is the
/// occurrence about the same thing sought.
fn polarities_differ<'t>(
    tokens: &[Token],
    k: usize,
    unit_cue: Option<usize>,
    occurrences: &[(usize, usize)],
    cue_of: impl Fn(&(usize, usize)) -> Option<usize>,
    tokens_of: impl Fn(&(usize, usize)) -> &'t [Token],
) -> bool {
    match unit_cue {
        None => occurrences.iter().all(|o| cue_of(o).is_some()) && !cue_near(tokens, k),
        Some(unit_cue) => {
            cues::verbal_negation(&tokens[unit_cue].folded)
                && occurrences
                    .iter()
                    .all(|o| cue_of(o).is_none() && !cue_near(tokens_of(o), o.1))
        }
    }
}

/// The negation finding on unit word `k` against occurrence `j` of source
/// sentence `s` (tokens `body`): `Ok(unit_cue)` when the unit negates it and
/// the body does not, `Err(body_cue)` when the body does and the unit not.
fn negation_finding(
    ctx: &UnitCtx,
    k: usize,
    cue: Result<usize, Option<usize>>,
    body: &[Token],
    j: usize,
    s: usize,
) -> Finding {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let t = &tokens[k];
    match cue {
        Err(body_cue) => {
            let cue = with_auxiliaries(text, body, body_cue.unwrap_or(j));
            let body_said = ctx.body_text(body[cue].start, body[j].end);
            ctx.against_body(
                &NEGATION,
                t.start,
                t.end,
                format!(
                    "the unit says \"{}\" but the body says \"{body_said}\": the negation is dropped",
                    t.text(text)
                ),
                body_said,
                s,
            )
        }
        Ok(unit_cue) => {
            let said = ctx.unit_text(tokens[unit_cue].start, t.end);
            let from = (0..j)
                .rev()
                .take_while(|&m| body[m].stop && !breaks(text, &body[m], &body[m + 1]))
                .last()
                .unwrap_or(j);
            let body_said = ctx.body_text(body[from].start, body[j].end);
            ctx.against_body(
                &NEGATION,
                tokens[unit_cue].start,
                t.end,
                format!("the unit says \"{said}\" but the body says \"{body_said}\": a negation is added"),
                body_said,
                s,
            )
        }
    }
}

/// [`negation`] as it was before the source sentences' stem keys and
/// negations were kept per article: the tests' reference.
#[cfg(test)]
fn negation_plain(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let unit_neg = negated(text, tokens);
    let sources: Vec<usize> = ctx.sources().collect();
    let mut added_reported = false;
    // The sources' tokens as their stems' keys, in order: each unit word
    // is compared with all of them, and the tokens themselves (a cache
    // line each) and their stems' bytes (elsewhere on the heap) were what
    // the comparisons waited on.
    let source_stems: Vec<(StemKey, usize, usize)> = sources
        .iter()
        .enumerate()
        .flat_map(|(i, &s)| {
            sentence_tokens(ctx, s)
                .iter()
                .enumerate()
                .map(move |(j, b)| (StemKey::of(&b.stem), i, j))
        })
        .collect();
    // One buffer for every word's occurrences.
    let mut occurrences: Vec<(usize, usize)> = Vec::new();
    // An occurrence's polarity: the cue that governs it, asked only while
    // the answer can still matter (most occurrences agree with the unit
    // at the first one asked).
    let cue_of = |&(s, j): &(usize, usize)| negated_at(text, sentence_tokens(ctx, s), j);
    for (k, t) in tokens.iter().enumerate() {
        if t.stop || t.number().is_some() || ctx.in_quote(t) || cues::negation(tokens, k).is_some() {
            continue;
        }
        // Every occurrence in the source sentences.
        occurrences.clear();
        let key = StemKey::of(&t.stem);
        for &(b_key, i, j) in &source_stems {
            if b_key == key && (key.1 <= 8 || sentence_tokens(ctx, sources[i])[j].stem == t.stem) {
                occurrences.push((sources[i], j));
            }
        }
        if occurrences.is_empty() {
            opposite(ctx, k, findings);
            if !added_reported {
                added_reported = added_negation(ctx, &unit_neg, k, findings);
            }
            continue;
        }
        if !polarities_differ(tokens, k, unit_neg[k], &occurrences, cue_of, |o| {
            sentence_tokens(ctx, o.0)
        }) {
            continue;
        }
        // The occurrence read against is one about the same thing: a word
        // the body negates in another clause says nothing about this one
        // (`shares_context` is most of this rule's cost).
        let in_context = |o: &(usize, usize)| shares_context(tokens, k, sentence_tokens(ctx, o.0), o.1);
        let Some((s, j)) = occurrences.iter().copied().find(in_context) else {
            continue;
        };
        let body = sentence_tokens(ctx, s);
        let cue = unit_neg[k].map_or_else(|| Err(cue_of(&(s, j))), Ok);
        findings.push(negation_finding(ctx, k, cue, body, j, s));
    }
}

/// A verbal negation ("not", "n't", "never") in the unit governing word
/// `k` that its source sentences do not contain, when no source sentence
/// negates anything: the unit denies what the body, in other words,
/// asserts ("it is not looking to file" where the body says it "plans
/// filings"). Bullets and summary sentences only. Reports once per unit;
/// returns whether it did.
fn added_negation(ctx: &UnitCtx, unit_neg: &[Option<usize>], k: usize, findings: &mut Vec<Finding>) -> bool {
    let tokens = ctx.tokens();
    let Some(cue) = unit_neg[k] else { return false };
    let Some(s) = ctx.best_source() else { return false };
    // Headlines and deks reword and compress; only bullets and summary
    // sentences are read this strictly.
    if !ctx.unit.kind.is_summary()
        || !cues::verbal_negation(&tokens[cue].folded)
        || ctx.entity[k]
        || ctx.in_quote(&tokens[cue])
    {
        return false;
    }
    // A source negation counts when it governs a word said about the same
    // thing (in the unit, or sharing its context): "Keytruda is not yet
    // approved" in another clause says nothing about this unit's claim.
    let negates = |s: usize| {
        let body = sentence_tokens(ctx, s);
        negated(&ctx.doc.text, body).iter().enumerate().any(|(j, cue)| {
            cue.is_some()
                && (shares_context(tokens, k, body, j)
                    || tokens
                        .iter()
                        .enumerate()
                        .any(|(u, t)| t.stem == body[j].stem && shares_context(tokens, u, body, j)))
        })
    };
    // "did not reject" for "approved" is the same claim.
    let opposites = cues::opposites(&tokens[k].stem);
    let opposite_in_source = ctx.sources().any(|s| {
        sentence_tokens(ctx, s)
            .iter()
            .any(|b| opposites.iter().any(|o| **o == *b.stem))
    });
    if opposite_in_source || ctx.sources().any(negates) {
        return false;
    }
    let said = ctx.unit_text(tokens[cue].start, tokens[k].end);
    findings.push(
        ctx.finding(
            &NEGATION,
            tokens[cue].start,
            tokens[k].end,
            format!("the unit says \"{said}\" but its source sentences negate nothing: a negation is added"),
        )
        .with_evidence(ctx.evidence(s, "the body says")),
    );
    true
}

/// The unit says a word whose opposite its source sentence says, and
/// neither side says the other word ("fell" for "rose").
fn opposite(ctx: &UnitCtx, k: usize, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let t = &tokens[k];
    let opposites = cues::opposites(&t.stem);
    // "did not reject" says what "approved" says.
    if opposites.is_empty() || ctx.entity[k] || cue_near(tokens, k) {
        return;
    }
    for s in ctx.sources() {
        let body = sentence_tokens(ctx, s);
        // (The first token of any of them: the earliest first of each.)
        let b = source(ctx, s);
        let Some(j) = opposites.iter().filter_map(|o| b.first_of(o)).min() else {
            continue;
        };
        let b = &body[j];
        // "did not approve" says what "rejected" says.
        if tokens.iter().any(|u| u.stem == b.stem) || cue_near(body, j) || source(ctx, s).negated_at(j).is_some() {
            continue;
        }
        // Same slot: a content word next to one is next to the other
        // ("sales fell" / "sales rose"), not "lowered its forecast" against
        // "higher costs" elsewhere in the sentence.
        let near = |toks: &[Token], at: usize| -> Vec<String> {
            (at.saturating_sub(3)..(at + 4).min(toks.len()))
                .filter(|&m| m != at && !toks[m].stop)
                .map(|m| toks[m].stem.to_string())
                .collect()
        };
        let body_near = near(body, j);
        if !near(tokens, k).iter().any(|w| body_near.contains(w)) {
            continue;
        }
        findings.push(ctx.against_body(
            &NEGATION,
            t.start,
            t.end,
            format!(
                "the unit says \"{}\" where the body says \"{}\": the opposite",
                t.text(text),
                b.text(text)
            ),
            b.text(text),
            s,
        ));
        return;
    }
}

/// The hedged words (token, the hedge that governs it) in token order:
/// [`hedged`]'s tokens that have a hedge, without a slot for every token.
/// A hedge governs the first token after it that is not passed over, so
/// the governed tokens of later hedges never come earlier; of two hedges
/// of one token the later governs it, as in [`hedged`].
fn hedged_words(text: &str, tokens: &[Token]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (j, i) in hedge_reaches(text, tokens) {
        match out.last_mut() {
            Some(last) if last.0 == j => last.1 = i,
            _ => out.push((j, i)),
        }
    }
    out
}

/// Per token: the index of the hedge that governs it.
#[cfg(test)]
fn hedged(text: &str, tokens: &[Token]) -> Vec<Option<usize>> {
    let mut out = vec![None; tokens.len()];
    for (j, i) in hedge_reaches(text, tokens) {
        out[j] = Some(i);
    }
    out
}

/// Each hedge `i` of `tokens` that reaches a token `j` (the first after
/// it that is not passed over, with no break between), as `(j, i)` in
/// hedge order.
fn hedge_reaches<'a>(text: &'a str, tokens: &'a [Token]) -> impl Iterator<Item = (usize, usize)> + 'a {
    (0..tokens.len()).filter_map(move |i| {
        if !cues::hedge(tokens, i) {
            return None;
        }
        let mut j = i + 1;
        while j < tokens.len() && cues::passes_over(&tokens[j]) {
            j += 1;
        }
        (j < tokens.len() && (i + 1..=j).all(|m| !breaks(text, &tokens[m - 1], &tokens[m]))).then_some((j, i))
    })
}

/// Extends `k` back over the auxiliaries right before it ("will announce").
fn with_auxiliaries(text: &str, tokens: &[Token], k: usize) -> usize {
    let mut from = k;
    while from > 0
        && matches!(
            tokens[from - 1].folded.as_ref(),
            "will" | "is" | "are" | "was" | "were" | "has" | "have" | "had" | "did" | "does" | "do" | "be" | "to"
        )
        && !breaks(text, &tokens[from - 1], &tokens[from])
        && k - from < 3
    {
        from -= 1;
    }
    from
}

pub fn modality(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let tokens = ctx.tokens();
    // Per source sentence, its hedged words (token, cue) in order and its
    // attribution, found once per article. Most sentences hedge nothing
    // and attribute no hedged claim: a unit whose sources are all such
    // drops no hedge, and its sentences need not be read.
    let sources: Vec<Source> = ctx.sources().map(|s| source(ctx, s)).collect();
    if !sources.iter().any(|b| b.modal()) {
        return;
    }
    for range in plain_sentences(ctx) {
        // A hedge on a word the unit states plainly.
        let mut found = None;
        'words: for &k in &range {
            let t = &tokens[k];
            if !stated_plainly(ctx, k) {
                continue;
            }
            for b in &sources {
                for &(j, cue) in b.hedges() {
                    if b.tokens[j].stem == t.stem {
                        found = Some((k, b.s, cue, j));
                        break 'words;
                    }
                }
            }
        }
        if let Some((k, s, cue, j)) = found {
            findings.push(dropped_hedge(ctx, k, s, cue, j));
            continue;
        }
        // An attribution ("according to analysts") dropped from the source.
        let total: f64 = range.iter().map(|&k| ctx.a.weights[k]).sum();
        for b in &sources {
            let (s, body) = (b.s, b.tokens);
            let Some(at) = b.attribution() else {
                continue;
            };
            // Only an attributed opinion or forecast ("may …, according to
            // analysts"); a reported figure restated is not a new claim.
            if !b.any_hedge() {
                continue;
            }
            let Some(k) = attributed_word(ctx, &range, total, body) else {
                continue;
            };
            findings.push(dropped_attribution(ctx, &range, k, body, at, s));
            break;
        }
    }
}

/// The unit's sentences that neither attribute nor hedge what they say,
/// each as the range of its tokens.
fn plain_sentences<'c>(ctx: &'c UnitCtx) -> impl Iterator<Item = Vec<usize>> + 'c {
    let tokens = ctx.tokens();
    split_sentences(&ctx.doc.text, ctx.unit.span.start, ctx.unit.span.end)
        .into_iter()
        .map(move |(start, end)| {
            (0..tokens.len())
                .filter(|&k| tokens[k].start >= start && tokens[k].end <= end)
                .collect::<Vec<usize>>()
        })
        .filter(move |range| !range.iter().any(|&k| cues::attribution_or_hedge(tokens, k)))
}

/// Whether unit word `k` is one whose hedge can be dropped: a content word,
/// not a number, a name or quoted.
fn stated_plainly(ctx: &UnitCtx, k: usize) -> bool {
    let t = &ctx.tokens()[k];
    !(t.stop || t.number().is_some() || ctx.entity[k] || ctx.in_quote(t))
}

/// The modality finding for unit word `k` stated plainly where source
/// sentence `s` hedges its occurrence `j` with the cue at `cue`.
fn dropped_hedge(ctx: &UnitCtx, k: usize, s: usize, cue: usize, j: usize) -> Finding {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let body = sentence_tokens(ctx, s);
    let from = with_auxiliaries(text, tokens, k);
    let said = ctx.unit_text(tokens[from].start, tokens[k].end);
    let cue_from = with_auxiliaries(text, body, cue);
    let body_said = ctx.body_text(body[cue_from].start, body[j].end);
    ctx.against_body(
        &MODALITY,
        tokens[from].start,
        tokens[k].end,
        format!("the unit says \"{said}\" as a fact but the body says \"{body_said}\": the hedge is dropped"),
        body_said,
        s,
    )
}

/// The word of the unit sentence of tokens `range` (weighing `total`) a
/// source sentence (tokens `body`) attributes, when the sentence shares
/// enough of the unit's weight to be its source: the first content word
/// they share that is not a name.
fn attributed_word(ctx: &UnitCtx, range: &[usize], total: f64, body: &[Token]) -> Option<usize> {
    let tokens = ctx.tokens();
    let shared: f64 = range
        .iter()
        .filter(|&&k| body.iter().any(|b| b.stem == tokens[k].stem))
        .map(|&k| ctx.a.weights[k])
        .sum();
    if total <= 0.0 || shared / total < ATTRIBUTED_SHARE {
        return None;
    }
    range
        .iter()
        .copied()
        .find(|&k| !tokens[k].stop && !ctx.entity[k] && body.iter().any(|b| b.stem == tokens[k].stem))
}

/// The modality finding for the unit sentence of tokens `range` (its
/// word `k` shared with the source) stated as a fact where source sentence
/// `s` (tokens `body`) attributes it from token `at` on.
fn dropped_attribution(ctx: &UnitCtx, range: &[usize], k: usize, body: &[Token], at: usize, s: usize) -> Finding {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let clause_end = (at + 2..body.len())
        .take_while(|&m| !breaks(text, &body[m - 1], &body[m]))
        .last()
        .unwrap_or(at + 1)
        .min(body.len() - 1);
    let attribution = ctx.body_text(body[at].start, body[clause_end].end);
    let last = *range.last().unwrap_or(&k);
    let said = ctx.unit_text(tokens[range[0]].start, tokens[last].end);
    ctx.against_body(
        &MODALITY,
        tokens[range[0]].start,
        tokens[last].end,
        format!("the unit states \"{said}\" as a fact but the body attributes it: \"{attribution}\""),
        format!("add \"{attribution}\""),
        s,
    )
}

/// [`modality`] as it was before what the source sentences hedge and
/// attribute was kept per article: the tests' reference.
#[cfg(test)]
fn modality_plain(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let text = &ctx.doc.text;
    let tokens = ctx.tokens();
    let sources: Vec<usize> = ctx.sources().collect();
    // Per source sentence, its hedged words (token, cue) in order: most
    // sentences hedge nothing, and then no unit word is compared with them.
    // Found when a unit word is first compared (a unit that attributes or
    // hedges each of its sentences itself never is), once per article.
    let source_hedges = |s: usize| -> Vec<(usize, usize)> {
        hedged(text, sentence_tokens(ctx, s))
            .iter()
            .enumerate()
            .filter_map(|(j, cue)| cue.map(|c| (j, c)))
            .collect()
    };
    for range in plain_sentences(ctx) {
        // A hedge on a word the unit states plainly.
        let mut found = None;
        'words: for &k in &range {
            let t = &tokens[k];
            if !stated_plainly(ctx, k) {
                continue;
            }
            for &s in &sources {
                let body = sentence_tokens(ctx, s);
                for &(j, cue) in &source_hedges(s) {
                    if body[j].stem == t.stem {
                        found = Some((k, s, cue, j));
                        break 'words;
                    }
                }
            }
        }
        if let Some((k, s, cue, j)) = found {
            findings.push(dropped_hedge(ctx, k, s, cue, j));
            continue;
        }
        // An attribution ("according to analysts") dropped from the source.
        let total: f64 = range.iter().map(|&k| ctx.a.weights[k]).sum();
        for &s in &sources {
            let body = sentence_tokens(ctx, s);
            let Some(at) = (0..body.len()).find(|&j| cues::sentence_attribution(body, j).is_some()) else {
                continue;
            };
            // Only an attributed opinion or forecast ("may …, according to
            // analysts"); a reported figure restated is not a new claim.
            if !(0..body.len()).any(|j| cues::hedge(body, j)) {
                continue;
            }
            let Some(k) = attributed_word(ctx, &range, total, body) else {
                continue;
            };
            findings.push(dropped_attribution(ctx, &range, k, body, at, s));
            break;
        }
    }
}

pub fn unsupported_phrase(ctx: &UnitCtx, findings: &mut Vec<Finding>) {
    let tokens = ctx.tokens();
    // Every test but the body's stem prefixes, the cheap ones first (all
    // are pure, so their order changes no answer): most unit words are in
    // the body, and then the others are not asked.
    let candidate = |k: usize| -> bool {
        let t = &tokens[k];
        !ctx.a.in_body[k]
            && super::lexical::judged(ctx, tokens, k, 2)
            && !cues::currency(&t.folded)
            // A synonym or broader term of a source word is paraphrase.
            && ctx.readings[k] != super::lexical::Reading::Licensed
            // The particle of a phrasal verb counts with its verb.
            && !(k > 0 && cues::particle(&t.folded) && !tokens[k - 1].stop)
    };
    let candidates: Vec<bool> = (0..tokens.len()).map(candidate).collect();
    // The stem-prefix test only takes words out of the candidates (content
    // words: `judged` passes no function word), so a run it leaves lies
    // inside a run of candidates, with no more words and no more adjacent
    // pairs: when no run of candidates would be
    // reported, no run is, and the body's stem prefixes (a set of every
    // body stem, built on first use) need not be asked for.
    let text = &ctx.doc.text;
    let stop = |k: usize| tokens[k].stop;
    let broken = |last: usize, k: usize| breaks(text, &tokens[last], &tokens[k]);
    if !phrase_runs(tokens.len(), stop, broken, |k| candidates[k], |_, _| ()) {
        return;
    }
    phrase_runs(
        tokens.len(),
        stop,
        broken,
        |k| candidates[k] && !ctx.body.has_stem_prefix(&tokens[k].stem),
        |first, last| {
            let phrase = ctx.unit_text(tokens[first].start, tokens[last].end);
            let finding = ctx.finding(
                &UNSUPPORTED_PHRASE,
                tokens[first].start,
                tokens[last].end,
                format!("the unit says \"{phrase}\" but the body uses none of these words"),
            );
            findings.push(ctx.with_best_source(finding, "closest body sentence; it does not say this"));
        },
    );
}

/// The runs of a unit's `n` tokens that `unsupported` holds for and that
/// `drift/unsupported-phrase` reports, passed to `report` as (first, last)
/// token in text order; returns whether there was one. `stop(k)`: token
/// `k` is a function word (a run goes on over it); `breaks(last, k)`: the
/// text from token `last` to token `k` breaks the clause.
fn phrase_runs(
    n: usize,
    stop: impl Fn(usize) -> bool,
    breaks: impl Fn(usize, usize) -> bool,
    mut unsupported: impl FnMut(usize) -> bool,
    mut report: impl FnMut(usize, usize),
) -> bool {
    let mut reported = false;
    // first, last, count, adjacent pair seen
    let mut run: Option<(usize, usize, usize, bool)> = None;
    let mut flush = |run: &mut Option<(usize, usize, usize, bool)>| {
        let Some((first, last, count, adjacent)) = run.take() else {
            return;
        };
        // Two unknown words in a row ("breaking news"), or three with
        // function words between; two split by "to" is usually a reworded
        // verb ("plans to extend" for "would expand").
        if count >= 3 || count == 2 && adjacent {
            reported = true;
            report(first, last);
        }
    };
    for k in 0..n {
        if let Some((_, last, _, _)) = run {
            if breaks(last, k) {
                flush(&mut run);
            }
        }
        if unsupported(k) {
            run = Some(match run {
                Some((first, last, count, adjacent)) => (first, k, count + 1, adjacent || last + 1 == k),
                None => (k, k, 1, false),
            });
        } else if !stop(k) {
            flush(&mut run);
        }
    }
    flush(&mut run);
    reported
}

pub fn low_support(ctx: &UnitCtx, threshold: f64, findings: &mut Vec<Finding>) {
    let span = ctx.unit.span;
    let finding = ctx.finding(
        &LOW_SUPPORT,
        span.start,
        span.end,
        format!(
            "only {:.0}% of this unit's content is supported by the body (threshold {:.0}%): most of what it says is not in the article",
            ctx.a.support * 100.0,
            threshold * 100.0
        ),
    );
    findings.push(ctx.with_best_source(finding, "closest body sentence"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{parse_article, InputFormat, ParseOptions};
    use crate::options::CheckOptions;

    /// Sentences `bodies` as rule sources, with their (empty) facts.
    fn sources_of<'a>(bodies: &'a [Vec<Token>], facts: &'a [SentenceFacts]) -> Vec<Source<'a>> {
        bodies
            .iter()
            .zip(facts)
            .enumerate()
            .map(|(s, (tokens, facts))| Source {
                s,
                tokens,
                text: "",
                facts,
            })
            .collect()
    }

    proptest::proptest! {
        /// A token's governing negation cue found backwards from it is the
        /// one the forward pass over the whole sentence finds.
        #[test]
        fn negated_at_is_negated(words in proptest::collection::vec((0usize..24, 0usize..6), 0..16)) {
            const WORDS: [&str; 24] = [
                "not", "no", "never", "yet", "to", "fail", "fails", "refused", "denies", "didn't", "dont", "be",
                "been", "even", "still", "the", "a", "approve", "plan", "said", "Council", "cannot", "nothing", "always",
            ];
            const GAPS: [&str; 6] = [" ", " ", " ", ", ", "; ", ". "];
            let text: String = words.iter().map(|&(w, g)| format!("{}{}", WORDS[w], GAPS[g])).collect();
            let tokens = tokenize(&text, 0, text.len());
            let all = negated(&text, &tokens);
            for (j, cue) in all.iter().enumerate() {
                proptest::prop_assert_eq!(negated_at(&text, &tokens, j), *cue, "{:?} at {}", text, j);
            }
        }
    }

    proptest::proptest! {
        /// The hedged words listed as found are [`hedged`]'s tokens that
        /// have a hedge: hedges in a row, passed-over words between a
        /// hedge and its word, and clause breaks.
        #[test]
        fn hedged_words_are_the_hedged_tokens(words in proptest::collection::vec((0usize..16, 0usize..6), 0..16)) {
            const WORDS: [&str; 16] = [
                "may", "could", "possibly", "likely", "expected", "to", "be", "been", "still", "the", "approve",
                "plan", "said", "Council", "always", "seems",
            ];
            const GAPS: [&str; 6] = [" ", " ", " ", ", ", "; ", ". "];
            let text: String = words.iter().map(|&(w, g)| format!("{}{}", WORDS[w], GAPS[g])).collect();
            let tokens = tokenize(&text, 0, text.len());
            let every: Vec<(usize, usize)> =
                hedged(&text, &tokens).iter().enumerate().filter_map(|(j, c)| c.map(|c| (j, c))).collect();
            proptest::prop_assert_eq!(hedged_words(&text, &tokens), every, "{:?}", text);
        }
    }

    #[test]
    fn negated_at_finds_the_governing_cue() {
        let text = "the council did not even approve it, and has yet to fail to plan; it denies nothing";
        let tokens = tokenize(text, 0, text.len());
        let all = negated(text, &tokens);
        assert!(all.iter().filter(|c| c.is_some()).count() >= 3, "{all:?}");
        for (j, cue) in all.iter().enumerate() {
            assert_eq!(negated_at(text, &tokens, j), *cue, "{j}");
        }
    }

    /// The runs `phrase_runs` reports for `unsupported` as a list.
    fn reported_runs(stop: &[bool], broken: &[Vec<bool>], unsupported: &[bool]) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        phrase_runs(
            stop.len(),
            |k| stop[k],
            |last, k| broken[last][k],
            |k| unsupported[k],
            |first, last| runs.push((first, last)),
        );
        runs
    }

    proptest::proptest! {
        /// What `unsupported_phrase` relies on to skip the stem-prefix test:
        /// when no run of candidates (content words) is reported, no run
        /// of any subset of them is; and each reported run of a subset lies
        /// inside a reported run of the candidates.
        #[test]
        fn runs_of_fewer_words_lie_in_runs_of_the_candidates(
            words in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY), 0..14),
            cuts in proptest::collection::vec(proptest::bool::weighted(0.2), 14 * 14),
        ) {
            let n = words.len();
            let stop: Vec<bool> = words.iter().map(|w| w.0).collect();
            let candidates: Vec<bool> = words.iter().map(|w| !w.0 && w.1).collect();
            let fewer: Vec<bool> = words.iter().map(|w| !w.0 && w.1 && w.2).collect();
            let broken: Vec<Vec<bool>> = (0..n).map(|i| (0..n).map(|k| cuts[i * 14 + k]).collect()).collect();
            let all = reported_runs(&stop, &broken, &candidates);
            let some = reported_runs(&stop, &broken, &fewer);
            proptest::prop_assert!(!all.is_empty() || some.is_empty());
            for (first, last) in some {
                proptest::prop_assert!(all.iter().any(|&(f, l)| f <= first && last <= l));
            }
        }
    }

    proptest::proptest! {
        /// The byte tests that find no quotation find none that the
        /// character scan would, in any stretch of the text.
        #[test]
        fn quotes_skipped_by_bytes_are_none(text in "[ab1 '\"`’‘“”é.—…]{0,24}", cut in 0usize..24) {
            let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            for (start, end) in [(0, text.len()), (cut, text.len()), (0, cut)] {
                proptest::prop_assert_eq!(quoted_ranges(&text, start, end), scanned_quotes(&text, start, end), "{:?}", &text[start..end]);
            }
        }
    }

    proptest::proptest! {
        /// The scan that reads only the quote marks finds the quotations
        /// that reading every character finds, in any stretch of the text
        /// (marks, pairs, clitics, letters with longer lower cases).
        #[test]
        fn quotes_read_at_their_marks_are_those_of_every_character(
            text in "([ab1 '\"`’‘“”é.—…İ]|'s|’re| 'm|``|''){0,16}",
            cut in 0usize..40,
        ) {
            let cut = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            for (start, end) in [(0, text.len()), (cut, text.len()), (0, cut)] {
                proptest::prop_assert_eq!(
                    scanned_quotes(&text, start, end),
                    scanned_quotes_plain(&text, start, end),
                    "{:?}",
                    &text[start..end]
                );
            }
        }
    }

    #[test]
    fn apostrophes_inside_words_quote_nothing() {
        for text in [
            "Xi's plan",
            "don't go",
            "it's 'the' end",
            "'tis",
            "the dogs' bone",
            "rock 'n' roll",
            "9'2",
            "Xi’s plan — and more…",
            "the dogs’ bone",
            "’tis",
            "a ‘b’ c",
            "“quoted”",
        ] {
            assert_eq!(
                quoted_ranges(text, 0, text.len()),
                scanned_quotes(text, 0, text.len()),
                "{text:?}"
            );
        }
        assert!(quoted_ranges("Xi's plan won't work", 0, 20).is_empty());
        assert!(no_quote_marks("Xi’s plan — won't work…".as_bytes()));
        assert!(!no_quote_marks("a ‘b’ c".as_bytes()) && !no_quote_marks("the dogs’ bone".as_bytes()));
        assert_eq!(quoted_ranges("he said 'no way' today", 0, 22), [(9, 15)]);
    }

    #[test]
    fn stem_keys_are_equal_when_the_stems_are_or_both_are_long() {
        let stems = [
            "",
            "a",
            "a\0",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefghi",
            "abcdefghj",
            "abcdefgh\0",
            "é",
            "e",
        ];
        for a in stems {
            for b in stems {
                let keys_equal = StemKey::of(a) == StemKey::of(b);
                if a.len() <= 8 || b.len() <= 8 {
                    assert_eq!(keys_equal, a == b, "{a:?} {b:?}");
                } else {
                    // Long stems: equal keys only say "compare them whole".
                    assert!(keys_equal || a != b, "{a:?} {b:?}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The occurrences found by the sentences' print tables are those
        /// found comparing each unit word's stem with every source token's,
        /// in the same order; long stems that begin alike, repeated words
        /// and sentences of every length included.
        #[test]
        fn occurrences_by_print_are_those_of_every_pair(
            unit in proptest::collection::vec(0usize..12, 0..40),
            bodies in proptest::collection::vec(proptest::collection::vec(0usize..12, 0..30), 0..5),
        ) {
            const WORDS: [&str; 12] = [
                "internationally", "internationalism", "international", "intern", "a", "approve", "approved",
                "council", "é", "counci", "councils", "x",
            ];
            let toks = |words: &[usize]| {
                let text = words.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
                tokenize(&text, 0, text.len())
            };
            let tokens = toks(&unit);
            let bodies: Vec<Vec<Token>> = bodies.iter().map(|b| toks(b)).collect();
            let facts: Vec<SentenceFacts> = bodies.iter().map(|_| SentenceFacts::default()).collect();
            let sources = sources_of(&bodies, &facts);
            for t in &tokens {
                let mut found = Vec::new();
                occurrences_in(&sources, t, &mut found);
                let every = every_occurrence(&bodies, t);
                for (i, b) in sources.iter().enumerate() {
                    let first = every.iter().find(|o| o.0 == i).map(|o| o.1);
                    proptest::prop_assert_eq!(b.first_of(&t.stem), first);
                }
                proptest::prop_assert_eq!(found, every);
            }
        }
    }

    /// A sentence of more tokens than a slot counts has no table and is
    /// scanned, with the same occurrences.
    #[test]
    fn occurrences_in_a_sentence_too_long_for_a_table_are_those_of_every_pair() {
        let text = "council approved a ".repeat(usize::from(u16::MAX) / 3 + 1);
        let bodies = vec![tokenize(&text, 0, text.len()), tokenize("the council", 0, 11)];
        assert!(bodies[0].len() >= usize::from(u16::MAX));
        let facts: Vec<SentenceFacts> = bodies.iter().map(|_| SentenceFacts::default()).collect();
        let sources = sources_of(&bodies, &facts);
        assert!(sources[0].stem_table().is_empty() && !sources[1].stem_table().is_empty());
        for t in &bodies[0][..3] {
            assert_eq!(
                sources[0].first_of(&t.stem),
                bodies[0].iter().position(|x| x.stem == t.stem)
            );
            let mut found = Vec::new();
            occurrences_in(&sources, t, &mut found);
            assert_eq!(found, every_occurrence(&bodies, t));
        }
    }

    /// The occurrences of `t`'s stem in `bodies`, comparing every pair.
    fn every_occurrence(bodies: &[Vec<Token>], t: &Token) -> Vec<(usize, usize)> {
        let mut every = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            for (j, b) in body.iter().enumerate() {
                if b.stem == t.stem {
                    every.push((i, j));
                }
            }
        }
        every
    }

    /// Stems whose prints are equal are still told apart: two such words
    /// (found among generated ones), repeated in sentences of every length.
    #[test]
    fn occurrences_of_stems_with_equal_prints_are_those_of_every_pair() {
        let mut seen = std::collections::HashMap::new();
        // Words of 3 to 10 random letters (a multiplicative hash spreads
        // words in sequence evenly; random ones meet within a few thousand).
        let mut state: u64 = 1;
        let mut random = |n: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let words: Vec<String> = (0..100_000)
            .map(|_| {
                let len = 3 + random(8);
                (0..len).map(|_| char::from(b'a' + random(26) as u8)).collect()
            })
            .collect();
        let (a, b) = words
            .iter()
            .find_map(|w| {
                let t = &tokenize(w, 0, w.len())[0];
                let other = seen.insert(stem_print(&t.stem), w.clone())?;
                let o = &tokenize(&other, 0, other.len())[0];
                (o.stem != t.stem).then(|| (other.clone(), w.clone()))
            })
            .expect("some two random stems share a 16-bit print");
        for n in 0..20 {
            let body_words: Vec<&str> = (0..n)
                .map(|j| {
                    if j % 3 == 1 {
                        &a[..]
                    } else if j % 3 == 2 {
                        &b[..]
                    } else {
                        "x"
                    }
                })
                .collect();
            let text = body_words.join(" ");
            let bodies = vec![tokenize(&text, 0, text.len()), tokenize(&text, 0, text.len())];
            let facts: Vec<SentenceFacts> = bodies.iter().map(|_| SentenceFacts::default()).collect();
            let sources = sources_of(&bodies, &facts);
            for w in [&a, &b] {
                let t = &tokenize(w, 0, w.len())[0];
                let first = bodies[0].iter().position(|x| x.stem == t.stem);
                assert_eq!(sources[1].first_of(&t.stem), first, "{w} {n}");
                let mut found = Vec::new();
                occurrences_in(&sources, t, &mut found);
                assert_eq!(found, every_occurrence(&bodies, t), "{w} {n}");
                assert_eq!(found.len(), 2 * bodies[0].iter().filter(|x| x.stem == t.stem).count());
            }
        }
    }

    /// Runs `each` on every unit of `text` (a plain-text article), with the
    /// body view shared with the records before it, as the check does.
    fn each_unit(text: &str, each: &mut dyn FnMut(&UnitCtx)) {
        let doc =
            parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).expect("parses");
        let alignment = crate::align::align(&doc);
        let readings = super::super::Readings::of(&doc, &alignment);
        let body = super::super::BodyView::of_article(&doc, &alignment);
        for ((a, r), marks) in alignment.units.iter().zip(&readings.readings).zip(&readings.marks) {
            each(&UnitCtx::new(&doc, a, &alignment, &body, r, marks));
        }
    }

    /// The negation, modality and number rules reading what the view keeps
    /// of their source sentences find what they find reading the tokens
    /// each time, and what is kept of every body sentence is what reading
    /// its tokens gives (asked in any order, and again).
    fn kept_facts_read_as_the_tokens(text: &str) -> usize {
        let mut found = 0;
        each_unit(text, &mut |ctx| {
            let (mut kept, mut plain) = (Vec::new(), Vec::new());
            negation(ctx, &mut kept);
            negation_plain(ctx, &mut plain);
            modality(ctx, &mut kept);
            modality_plain(ctx, &mut plain);
            assert_eq!(kept, plain, "{text}");
            found += kept.len();
            let tokens = ctx.tokens();
            for k in (0..tokens.len()).filter(|&k| cues::number_of(&tokens[k]).is_some()) {
                assert_eq!(slot_number(ctx, k), slot_number_plain(ctx, k), "{text} {k}");
                assert_eq!(slot_number(ctx, k), slot_number_collected(ctx, k), "{text} {k}");
            }
            let text = &ctx.doc.text;
            for s in 0..ctx.alignment.sentences.len() {
                let b = source(ctx, s);
                let body = b.tokens;
                let table = b.stem_table();
                assert!(table.len().is_power_of_two() && table.len() >= 2 * body.len());
                let mut kept: Vec<u32> = table.iter().copied().filter(|&slot| slot != 0).collect();
                kept.sort_by_key(|&slot| slot & 0xffff);
                let prints: Vec<u32> = (0..body.len())
                    .map(|j| u32::from(stem_print(&body[j].stem)) << 16 | (j as u32 + 1))
                    .collect();
                assert_eq!(kept, prints);
                let all = negated(text, body);
                for j in (0..body.len()).rev().chain(0..body.len()) {
                    assert_eq!(b.negated_at(j), all[j], "{text} {s} {j}");
                }
                let hedges: Vec<(usize, usize)> = hedged(text, body)
                    .iter()
                    .enumerate()
                    .filter_map(|(j, c)| c.map(|c| (j, c)))
                    .collect();
                assert_eq!(b.hedges(), hedges.as_slice());
                let attribution = (0..body.len()).find(|&j| cues::sentence_attribution(body, j).is_some());
                assert_eq!(b.attribution(), attribution);
                assert_eq!(b.any_hedge(), (0..body.len()).any(|j| cues::hedge(body, j)));
                let numbers: Vec<(usize, Number)> = (0..body.len())
                    .filter_map(|j| cues::number_of(&body[j]).map(|n| (j, n)))
                    .collect();
                assert_eq!(b.numbers(), numbers.as_slice());
            }
        });
        found
    }

    #[test]
    fn kept_facts_on_the_rules_fixtures() {
        let mut found = 0;
        for bullets in [
            "- The council approved a toll; the bridge cost less than $40 million.\n",
            "- Traffic on the ferry route will fall by half.\n- Ruiz opened the bridge after four years of work.\n",
            "- The council did not approve the bridge, and traffic is not expected to fall.\n",
            "- Officials said the ferry route may close after 3 years.\n",
        ] {
            found += kept_facts_read_as_the_tokens(&format!("{BODY}{bullets}"));
        }
        assert!(found >= 3, "{found}");
    }

    proptest::proptest! {
        /// Articles of words the rules read (negations, hedges, "according
        /// to", numbers, comparators), two records per body so that the
        /// second reads what the first kept.
        #[test]
        fn kept_facts_on_generated_articles(
            body in proptest::collection::vec(proptest::collection::vec(0usize..40, 3..14), 1..5),
            bullets in proptest::collection::vec(proptest::collection::vec(0usize..40, 3..12), 2..6),
        ) {
            const WORDS: [&str; 40] = [
                "not", "never", "no", "didn't", "fails to", "may", "could", "likely", "expected to", "according to",
                "analysts", "said", "the", "council", "approved", "approve", "budget", "prices", "rose", "fell",
                "3", "20", "35", "1,000", "10%", "two", "second", "years", "ago", "died", "more than", "fewer than",
                "nurses", "hire", "Smith", "in", "will", "be", "still", "plan",
            ];
            let sentence = |words: &Vec<usize>| {
                let text: Vec<&str> = words.iter().map(|&w| WORDS[w]).collect();
                format!("{}.", text.join(" "))
            };
            let body: Vec<String> = body.iter().map(sentence).collect();
            let body = format!("Council Budget News\n\n{}\n\n", body.join(" "));
            for record in bullets.chunks(2) {
                let bullets: String = record.iter().map(|b| format!("- {}\n", sentence(b))).collect();
                kept_facts_read_as_the_tokens(&format!("{body}{bullets}"));
            }
        }
    }

    const BODY: &str = "Harbor Bridge Opens\n\
        \n\
        Mayor Ana Ruiz opened the Harbor Bridge on Monday after three years of work. \
        \"This bridge joins our two towns,\" Ruiz said.\n\
        \n\
        The bridge cost more than $40 million. The council did not approve a toll.\n\
        \n\
        Traffic on the ferry route is expected to fall by half, officials said.\n\
        \n";

    /// The drift findings (rule, flagged text) for `bullets` under `body`.
    fn drift_under(body: &str, bullets: &str) -> Vec<(String, String)> {
        article(&format!("{body}{bullets}"))
    }

    /// The drift findings (rule, flagged text) for `bullets` under [`BODY`].
    fn drift(bullets: &str) -> Vec<(String, String)> {
        drift_under(BODY, bullets)
    }

    #[test]
    fn faithful_paraphrase_is_not_drift() {
        let found = drift(
            "- Ruiz opened the bridge on Monday after 3 years of work, saying it \"joins our two towns.\"\n\
             - It cost more than 40 million dollars, and the council rejected a toll.\n\
             - Officials said ferry traffic may fall by half.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_quote_the_body_never_has() {
        let found = drift("- Ruiz called it \"a bridge to the future\".\n");
        assert!(
            found.contains(&("drift/unsupported-quote".into(), "\"a bridge to the future\"".into())),
            "{found:?}"
        );
    }

    #[test]
    fn tokenized_text_quotes_and_clitics() {
        // A clitic written apart opens no quote; `` and '' do.
        let text = "mclean 's song `` american pie '' is 44 , and you 're right";
        let ranges = quoted_ranges(text, 0, text.len());
        let quoted: Vec<&str> = ranges.iter().map(|&(s, e)| text[s..e].trim()).collect();
        assert_eq!(quoted, ["american pie"]);
        // Clitics join their word, as the body's "I'm", "don't" normalise.
        let text = "i 'm sure we do n't know mclean 's plan";
        assert_eq!(
            quote_words(text, 0, text.len()),
            ["im", "sure", "we", "dont", "know", "mcleans", "plan"]
        );
        // A real quotation in single marks still is one.
        let text = "he called it 'a bridge to the future' on monday";
        let ranges = quoted_ranges(text, 0, text.len());
        assert_eq!(
            ranges.iter().map(|&(s, e)| &text[s..e]).collect::<Vec<_>>(),
            ["a bridge to the future"]
        );
    }

    #[test]
    fn a_tokenized_quote_of_the_body_is_supported() {
        let body = "Bridge opens\n\nRuiz said: \"I'm proud of what we've built, and I don't regret the cost.\"\n\n";
        let found = article(&format!("{body}- ruiz said `` i 'm proud of what we 've built '' .\n"));
        assert!(
            found.iter().all(|(rule, _)| rule != "drift/unsupported-quote"),
            "{found:?}"
        );
        let found = article(&format!(
            "{body}- ruiz said `` i 'm proud of what we 've paid for '' .\n"
        ));
        assert!(
            found.iter().any(|(rule, _)| rule == "drift/unsupported-quote"),
            "{found:?}"
        );
    }

    #[test]
    fn a_number_and_a_flipped_comparator() {
        let found = drift("- The bridge cost less than $40 million after four years of work.\n");
        assert!(
            found.contains(&("drift/number".into(), "less than $40 million".into())),
            "{found:?}"
        );
        assert!(found.contains(&("drift/number".into(), "four".into())), "{found:?}");
    }

    #[test]
    fn a_name_the_body_never_mentions_and_a_weekday() {
        let found = drift("- Governor Tom Hale opened the Harbor Bridge on Friday.\n");
        assert!(found.contains(&("drift/entity".into(), "Tom Hale".into())), "{found:?}");
        assert!(found.contains(&("drift/number".into(), "Friday".into())), "{found:?}");
    }

    #[test]
    fn a_dropped_negation_and_a_dropped_hedge() {
        let found = drift("- The council approved a toll.\n- Traffic on the ferry route will fall by half.\n");
        assert!(
            found.contains(&("drift/negation".into(), "approved".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("drift/modality".into(), "will fall".into())),
            "{found:?}"
        );
    }

    #[test]
    fn an_opposite_of_the_source_word() {
        let found = drift("- Traffic on the ferry route is expected to rise by half.\n");
        assert!(found.contains(&("drift/negation".into(), "rise".into())), "{found:?}");
    }

    #[test]
    fn a_phrase_the_body_never_uses() {
        let found = drift("- In a historic triumph, Ruiz opened the Harbor Bridge on Monday.\n");
        assert!(
            found.contains(&("drift/unsupported-phrase".into(), "historic triumph".into())),
            "{found:?}"
        );
    }

    const FARM: &str = "Wind farm approved\n\
        \n\
        The county board approved the wind farm on Tuesday after a two-hour hearing. \
        The developer expects the first turbines to turn in 2026.\n\
        \n\
        The farm will have 40 turbines, the developer said. \
        Its sister project, built 12 years ago, is not yet connected to the grid.\n\
        \n";

    /// The drift findings (rule, flagged text) for `bullets` under [`FARM`].
    fn farm(bullets: &str) -> Vec<(String, String)> {
        drift_under(FARM, bullets)
    }

    #[test]
    fn a_negation_the_source_sentence_does_not_have() {
        let found = farm("- The developer is not planning to turn the first turbines in 2026.\n");
        assert!(
            found.contains(&("drift/negation".into(), "not planning".into())),
            "{found:?}"
        );
        let found = farm("- The county board did not hold a hearing before it approved the wind farm.\n");
        assert!(
            found.contains(&("drift/negation".into(), "not hold".into())),
            "{found:?}"
        );
        // A negated opposite says what the body says.
        let found = farm("- The county board did not reject the wind farm on Tuesday.\n");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_negation_about_something_else_is_not_dropped() {
        // "connected" is negated in the body, but about the sister project.
        let found = farm("- The developer expects the wind farm to be connected in 2026.\n");
        assert!(found.iter().all(|(rule, _)| rule != "drift/negation"), "{found:?}");
        let found = farm("- Its sister project, built 12 years ago, is connected to the grid.\n");
        assert!(
            found.contains(&("drift/negation".into(), "connected".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_phrasal_verb_is_one_new_word() {
        let found = farm("- The developer is pushing ahead with the first turbines, which should turn in 2026.\n");
        assert!(found.is_empty(), "{found:?}");
        let found =
            farm("- The developer is pushing hurriedly toward the first turbines, which should turn in 2026.\n");
        assert!(
            found.contains(&("drift/unsupported-phrase".into(), "pushing hurriedly toward".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_number_from_elsewhere_in_the_slot_of_the_source_number() {
        // The body gives 12 turbines, but for the sister project.
        let found = farm(
            "- The county board approved the wind farm after a two-hour hearing; it will have 12 turbines, the developer said.\n",
        );
        assert_eq!(found, [("drift/number".to_string(), "12".to_string())]);
        let found = farm(
            "- The county board approved the wind farm after a two-hour hearing; it will have 40 turbines, the developer said.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn amounts_with_the_multiplier_on_the_digits() {
        let text = "Sales guidance\n\nThe company expects vaccine sales of $5bn in 2023, down from $18.4bn.\n\n\
            - The company expects vaccine sales of $4bn in 2023.\n\
            - It expects vaccine sales of $5 billion in 2023.\n";
        let doc = parse_article("t.txt", text.to_string(), InputFormat::Text, &ParseOptions::default()).unwrap();
        let found: Vec<(String, String)> = crate::check_document(&doc, &CheckOptions::default())
            .findings
            .into_iter()
            .filter(|f| f.family() == "drift")
            .map(|f| (f.rule.to_string(), f.text))
            .collect();
        assert_eq!(found, [("drift/number".to_string(), "4bn".to_string())]);
    }

    #[test]
    fn a_time_of_day_in_the_other_half_of_the_day() {
        let body = "Vigil\n\nNeighbours held a vigil at 10am on Friday outside the library.\n\n";
        assert_eq!(
            drift_under(
                body,
                "- Neighbours held a vigil at 10pm on Friday outside the library.\n"
            ),
            [("drift/number".to_string(), "10pm".to_string())]
        );
        assert_eq!(
            drift_under(
                body,
                "- Neighbours held a vigil at 10 p.m. on Friday outside the library.\n"
            ),
            [("drift/number".to_string(), "10 p.m".to_string())]
        );
        // The same time written apart, or with no half of the day.
        assert!(drift_under(
            body,
            "- Neighbours held a vigil at 10 am on Friday outside the library.\n"
        )
        .is_empty());
        assert!(drift_under(body, "- Neighbours held a vigil on Friday outside the library at 10.\n").is_empty());
    }

    #[test]
    fn second_before_a_noun_is_an_ordinal() {
        let body = "Anniversary\n\nThe protest came on the eve of the one-year anniversary of the flood.\n\n";
        assert_eq!(
            drift_under(
                body,
                "- The protest came on the eve of the second anniversary of the flood.\n"
            ),
            [("drift/number".to_string(), "second".to_string())]
        );
        // The same ordinal in digits.
        let two = "Anniversary\n\nThe protest came on the eve of the 2nd anniversary of the flood.\n\n";
        assert!(drift_under(
            two,
            "- The protest came on the eve of the second anniversary of the flood.\n"
        )
        .is_empty());
        // The unit of time is no ordinal.
        assert!(drift_under(
            body,
            "- For a second, the protest on the eve of the one-year anniversary paused.\n"
        )
        .is_empty());
    }

    #[test]
    fn an_unknown_word_before_a_common_word_of_a_name_is_another_name() {
        let found = farm("- Northwind Energy said the farm will have 40 turbines.\n");
        assert!(
            found.contains(&("drift/entity".into(), "Northwind Energy".into())),
            "{found:?}"
        );
        // Nor is one before an adjective of a place or people.
        let found = article(
            "Consulate rally\n\nSailors rallied outside the Portuguese consulate on Friday.\n\n\
             - Sailors rallied outside the Lisbon Portuguese consulate on Friday.\n",
        );
        assert!(
            found
                .iter()
                .any(|(rule, text)| rule == "drift/entity" && text.starts_with("Lisbon")),
            "{found:?}"
        );
        // A first name before a surname the body uses is still fine.
        let found = drift("- Mayor Maria Ruiz opened the Harbor Bridge on Monday.\n");
        assert!(found.iter().all(|(rule, _)| rule != "drift/entity"), "{found:?}");
    }

    use super::super::article_findings as article;

    #[test]
    fn a_time_of_day_written_onto_the_digits() {
        let body = "Late opening\n\nThe branch will stay open until 9pm on weekdays, the board said.\n\n";
        // "9 pm" is the body's "9pm".
        let found = article(&format!("{body}- The branch will stay open until 9 pm on weekdays.\n"));
        assert!(found.iter().all(|(rule, _)| rule != "drift/number"), "{found:?}");
        // "11pm" is a number the body never gives.
        let found = article(&format!("{body}- The branch will stay open until 11pm on weekdays.\n"));
        assert!(found.contains(&("drift/number".into(), "11pm".into())), "{found:?}");
    }

    #[test]
    fn pipeline_placeholders_are_no_names() {
        let body = "Cup final\n\nCoach Elena Varga praised the youth squad after the final on Sunday.\n\n";
        // A machine summary's `UNK` and bracket escapes name nothing.
        let found = article(&format!(
            "{body}- Coach Elena UNK praised the UNK squad -LRB- youth team -RRB- after the final.\n"
        ));
        assert!(found.iter().all(|(rule, _)| rule != "drift/entity"), "{found:?}");
        // A new name beside a placeholder is still new, and reported alone.
        let found = article(&format!(
            "{body}- Coach Dario UNK praised the youth squad after the final.\n"
        ));
        assert!(found.contains(&("drift/entity".into(), "Dario".into())), "{found:?}");
        // An acronym is not a placeholder.
        let found = article(&format!(
            "{body}- Coach Elena Varga praised the UNICEF squad after the final.\n"
        ));
        assert!(found.contains(&("drift/entity".into(), "UNICEF".into())), "{found:?}");
    }

    #[test]
    fn a_place_that_contains_one_the_body_names_is_not_new() {
        let body = "Paint protest\n\nActivists in London poured paint outside the embassy on Thursday.\n\n";
        // London is in England, which is in the United Kingdom.
        let found = article(&format!(
            "{body}- Protesters from the U.K. poured paint outside the embassy.\n"
        ));
        assert!(found.iter().all(|(rule, _)| rule != "drift/entity"), "{found:?}");
        let found = article(&format!(
            "{body}- Protesters in England poured paint outside the embassy.\n"
        ));
        assert!(found.iter().all(|(rule, _)| rule != "drift/entity"), "{found:?}");
        // A place that does not contain London is still new.
        let found = article(&format!(
            "{body}- Protesters in Paris poured paint outside the embassy.\n"
        ));
        assert!(found.contains(&("drift/entity".into(), "Paris".into())), "{found:?}");
        // A place inside the one the body names says more than the body.
        let body = "Paint protest\n\nActivists in the U.K. poured paint outside the embassy on Thursday.\n\n";
        let found = article(&format!(
            "{body}- Protesters in London poured paint outside the embassy.\n"
        ));
        assert!(found.contains(&("drift/entity".into(), "London".into())), "{found:?}");
        // An acronym is not the lower-case word it spells.
        let body = "Paint protest\n\nActivists in London told us they poured paint outside the embassy.\n\n\
            The Ukraine Solidarity Campaign organised it, a show of support from the West.\n\n";
        let found = article(&format!("{body}- U.S. activists poured paint outside the embassy.\n"));
        assert!(found.contains(&("drift/entity".into(), "U.S".into())), "{found:?}");
        // An adjective for the country of a city the body names.
        let body = "Trade talks\n\nOfficials in Paris met the delegation on Monday.\n\n";
        let found = article(&format!("{body}- The delegation met French officials on Monday.\n"));
        assert!(found.iter().all(|(rule, _)| rule != "drift/entity"), "{found:?}");
    }

    #[test]
    fn quotes_skip_apostrophes() {
        let text = "Russia's 'no limits' pact, the Nations' view and \u{201c}a quote\u{201d}";
        let ranges: Vec<&str> = quoted_ranges(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(ranges, ["no limits", "a quote"]);
    }

    #[test]
    fn capitals_at_the_start_of_a_sentence_are_names_only_when_not_words() {
        let text = "Council President Dana Whitfield spoke to the press on the steps. Alvarez agreed with her.";
        let tokens = tokenize(text, 0, text.len());
        let entity = entity_tokens(text, UnitKind::Bullet, &tokens, &[]);
        let names: Vec<&str> = tokens
            .iter()
            .zip(&entity)
            .filter(|(_, e)| **e)
            .map(|(t, _)| t.text(text))
            .collect();
        assert_eq!(names, ["President", "Dana", "Whitfield", "Alvarez"]);
    }
}
