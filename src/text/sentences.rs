//! Sentence splitting that survives "U.S.", "Mr.", initials, decimals,
//! ellipses and quotations.
//!
//! A sentence ends at `.`, `!`, `?` or `…`, with any closing quotes or
//! brackets, when whitespace and then the start of a new sentence follow.
//! A full stop after a title ("Mr."), an initial ("J.") or a month
//! abbreviation does not end a sentence; after a dotted acronym ("U.S.") it
//! does only when a function word such as "The" starts the next sentence.

use super::fold;
use super::stopwords::is_stopword;

/// Abbreviations after which a full stop rarely ends a sentence. Sorted.
const ABBREVIATIONS: &[&str] = &[
    "adm", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "e.g", "etc", "feb", "fig",
    "fr", "gen", "gov", "hon", "i.e", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr",
    "mrs", "ms", "mt", "no", "nov", "oct", "ph.d", "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr",
    "st", "supt", "vs",
];

const CLOSERS: &[char] = &['"', '\'', '\u{201d}', '\u{2019}', ')', ']', '\u{bb}'];
const OPENERS: &[char] = &['"', '\'', '\u{201c}', '\u{2018}', '(', '[', '\u{ab}'];

/// Splits `text[start..end]` into sentence byte ranges (into `text`), each
/// trimmed of surrounding whitespace. Never returns an empty range.
pub fn split_sentences(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let slice = &text[start..end];
    let mut sentences = Vec::new();
    let mut sentence_start = 0;
    let chars: Vec<(usize, char)> = slice.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '\u{2026}') {
            i += 1;
            continue;
        }
        // Take the whole run of terminators and closers: "?!", "...", '."'
        let mut j = i + 1;
        while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '\u{2026}') || CLOSERS.contains(&chars[j].1)) {
            j += 1;
        }
        let after = chars.get(j).map(|&(o, _)| o).unwrap_or(slice.len());
        if j < chars.len() && !chars[j].1.is_whitespace() {
            i = j;
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        let next_word = next_word(&slice[chars.get(k).map(|&(o, _)| o).unwrap_or(slice.len())..]);
        if k == chars.len() || ends_sentence(&slice[sentence_start..offset], c, &chars[i..j], next_word) {
            push_trimmed(&mut sentences, slice, start, sentence_start, after);
            sentence_start = after;
        }
        i = k.max(i + 1);
    }
    push_trimmed(&mut sentences, slice, start, sentence_start, slice.len());
    sentences
}

/// The first word after the break, with any opening quote or bracket.
fn next_word(rest: &str) -> &str {
    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    &rest[..end]
}

fn ends_sentence(before: &str, terminator: char, run: &[(usize, char)], next: &str) -> bool {
    let next_bare = next.trim_start_matches(OPENERS);
    let Some(first) = next_bare.chars().next() else {
        return false;
    };
    let starts_sentence =
        first.is_uppercase() || first.is_ascii_digit() || (next_bare.len() < next.len() && !first.is_lowercase());
    if !starts_sentence {
        return false;
    }
    // An ellipsis, "?" or "!" before a capitalised word ends a sentence.
    if terminator != '.' || run.len() > 1 && run.iter().all(|&(_, c)| c == '.') {
        return true;
    }
    if run.len() > 1 {
        // '."' and '.)' end sentences whatever the word before was.
        return true;
    }
    let last_word = before
        .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
        .next()
        .unwrap_or("");
    let last_folded = fold(last_word);
    if ABBREVIATIONS.binary_search(&last_folded.as_str()).is_ok() {
        return false;
    }
    let letters = last_word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && last_word.chars().next().is_some_and(char::is_uppercase) {
        // An initial: "J. R. Tolkien", "George W. Bush".
        return false;
    }
    if last_word.contains('.') && last_word.chars().all(|c| c.is_alphabetic() || c == '.') {
        // A dotted acronym: "U.S." ends the sentence only before a word
        // that usually starts one.
        return is_stopword(&fold(next_bare.trim_end_matches(|c: char| !c.is_alphanumeric())));
    }
    true
}

fn push_trimmed(out: &mut Vec<(usize, usize)>, slice: &str, base: usize, from: usize, to: usize) {
    let piece = &slice[from..to];
    let trimmed_start = from + (piece.len() - piece.trim_start().len());
    let trimmed_end = to - (piece.len() - piece.trim_end().len());
    if trimmed_start < trimmed_end {
        out.push((base + trimmed_start, base + trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_split() {
        assert_eq!(
            split("Mr. Smith met J. R. Tolkien in St. Louis. They talked."),
            ["Mr. Smith met J. R. Tolkien in St. Louis.", "They talked."]
        );
    }

    #[test]
    fn dotted_acronyms_split_only_before_a_sentence_start() {
        assert_eq!(
            split("U.S. President Donald Trump spoke. He left the U.S. The end."),
            ["U.S. President Donald Trump spoke.", "He left the U.S.", "The end."]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(
            split("It rose 3.5 percent... and then fell. Next."),
            ["It rose 3.5 percent... and then fell.", "Next."]
        );
        assert_eq!(split("Wait... What now?"), ["Wait...", "What now?"]);
    }

    #[test]
    fn quotations_close_with_the_sentence() {
        assert_eq!(
            split("He said: \"We will win.\" She disagreed. \u{201c}No!\u{201d} Then quiet."),
            [
                "He said: \"We will win.\"",
                "She disagreed.",
                "\u{201c}No!\u{201d}",
                "Then quiet."
            ]
        );
    }

    #[test]
    fn offsets_are_trimmed_and_absolute() {
        let text = "xx  One. Two.  ";
        let ranges = split_sentences(text, 2, text.len());
        assert_eq!(ranges, vec![(4, 8), (9, 13)]);
    }

    #[test]
    fn text_without_terminator_is_one_sentence() {
        assert_eq!(
            split("Reinforcing Histories and Rhetoric"),
            ["Reinforcing Histories and Rhetoric"]
        );
    }
}
