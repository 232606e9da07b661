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
    let bytes = slice.as_bytes();
    // Room for sentences of about 100 bytes (news prose averages more):
    // grown from nothing, the vector was reallocated twice per paragraph.
    let mut sentences = Vec::with_capacity(slice.len() / 100 + 1);
    let mut sentence_start = 0;
    // Byte offsets, not a vector of characters: terminators are ASCII or
    // '…' (whose first byte, 0xE2, never occurs inside another character's
    // encoding), so a byte search finds them without decoding the text.
    let mut pos = 0;
    // The next ASCII terminator and the next 0xE2 byte at or after `pos`,
    // each found by a vectorised search and searched again only once `pos`
    // has passed it (two needles' searches beat one loop over four bytes).
    let find_ascii = |from: usize| memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(usize::MAX, |i| from + i);
    let find_e2 = |from: usize| memchr::memchr(0xE2, &bytes[from..]).map_or(usize::MAX, |i| from + i);
    let (mut next_ascii, mut next_e2) = (find_ascii(0), find_e2(0));
    loop {
        if next_ascii < pos {
            next_ascii = find_ascii(pos);
        }
        if next_e2 < pos {
            next_e2 = find_e2(pos);
        }
        let offset = next_ascii.min(next_e2);
        if offset == usize::MAX {
            break;
        }
        // The terminator at `offset`, told by its bytes: an ASCII one, or
        // an 0xE2 byte that starts '…' (most start a curly quote or a dash).
        let c = match bytes[offset] {
            b'.' => '.',
            b'!' => '!',
            b'?' => '?',
            _ if bytes[offset..].starts_with(ELLIPSIS) => '\u{2026}',
            _ => {
                pos = offset + 1;
                continue;
            }
        };
        // Take the whole run of terminators and closers: "?!", "...", '."'
        let (mut after, mut run_len, mut all_dots) = (offset, 0, true);
        for r in slice[offset..].chars() {
            if !is_terminator(r) && !CLOSERS.contains(&r) {
                break;
            }
            after += r.len_utf8();
            run_len += 1;
            all_dots &= r == '.';
        }
        if first_is(slice, after, |next| !next.is_whitespace()) {
            pos = after;
            continue;
        }
        let next_start = after + whitespace_len(&slice[after..]);
        let next_word = next_word(&slice[next_start..]);
        if next_start == slice.len() || ends_sentence(&slice[sentence_start..offset], c, run_len, all_dots, next_word) {
            push_trimmed(&mut sentences, slice, start, sentence_start, after);
            sentence_start = after;
        }
        pos = next_start;
    }
    push_trimmed(&mut sentences, slice, start, sentence_start, slice.len());
    sentences
}

/// '…' in UTF-8.
const ELLIPSIS: &[u8] = "\u{2026}".as_bytes();

/// [`char::is_whitespace`] of an ASCII character, by its byte (U+0009 to
/// U+000D and the space: the vertical tab too, which
/// [`u8::is_ascii_whitespace`] leaves out).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Whether `text` has a character at byte `at` and `test` holds for it;
/// an ASCII one is read as its byte, without decoding.
#[inline]
fn first_is(text: &str, at: usize, test: impl Fn(char) -> bool) -> bool {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => test(char::from(b)),
        Some(_) => text[at..].chars().next().is_some_and(test),
        None => false,
    }
}

/// The bytes of whitespace `text` starts with (`text.len() -
/// text.trim_start().len()`): ASCII whitespace by bytes, the rest of the
/// text decoded only from its first other character that is not ASCII.
fn whitespace_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() && is_ascii_space(bytes[i]) {
        i += 1;
    }
    if bytes.get(i).is_some_and(|b| !b.is_ascii()) {
        let rest = &text[i..];
        i += rest.len() - rest.trim_start().len();
    }
    i
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '\u{2026}')
}

/// The first word after the break, with any opening quote or bracket.
fn next_word(rest: &str) -> &str {
    // ASCII by bytes; from the first other byte on, as `str::find` does.
    let bytes = rest.as_bytes();
    let mut end = 0;
    while end < bytes.len() && bytes[end].is_ascii() && !is_ascii_space(bytes[end]) {
        end += 1;
    }
    if end < bytes.len() && !bytes[end].is_ascii() {
        end += rest[end..].find(char::is_whitespace).unwrap_or(rest.len() - end);
    }
    &rest[..end]
}

/// The longest of [`ABBREVIATIONS`], in bytes.
const ABBREVIATION_MAX: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// The word `before` ends with: after its last whitespace or opening
/// quote or bracket (`before.rsplit(..).next()`), read back by bytes while
/// they are ASCII.
fn last_word(before: &str) -> &str {
    let bytes = before.as_bytes();
    let mut start = bytes.len();
    while start > 0 {
        let b = bytes[start - 1];
        if !b.is_ascii() {
            // From here on as the split does, over the rest.
            return before[..start]
                .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
                .next()
                .map_or(&before[start..], |w| &before[start - w.len()..]);
        }
        if is_ascii_space(b) || OPENERS.contains(&char::from(b)) {
            break;
        }
        start -= 1;
    }
    &before[start..]
}

/// Whether the break after `before` ends a sentence: `terminator` starts a
/// run of `run_len` terminators and closers (`all_dots` when all are '.').
fn ends_sentence(before: &str, terminator: char, run_len: usize, all_dots: bool, next: &str) -> bool {
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
    if terminator != '.' || run_len > 1 && all_dots {
        return true;
    }
    if run_len > 1 {
        // '."' and '.)' end sentences whatever the word before was.
        return true;
    }
    let last_word = last_word(before);
    let abbreviation = if last_word.is_ascii() {
        // Folded byte by byte as it is compared (ASCII lower case, '`' as
        // '\''), not into a new string for every full stop; a word longer
        // than every abbreviation is none (folding ASCII keeps the length).
        let folded = |b: u8| if b == b'`' { b'\'' } else { b.to_ascii_lowercase() };
        last_word.len() <= ABBREVIATION_MAX
            && ABBREVIATIONS
                .binary_search_by(|a| a.bytes().cmp(last_word.bytes().map(folded)))
                .is_ok()
    } else {
        ABBREVIATIONS.binary_search(&fold(last_word).as_str()).is_ok()
    };
    if abbreviation {
        return false;
    }
    // (The letters are counted only after a capital.)
    if last_word.chars().next().is_some_and(char::is_uppercase)
        && last_word.chars().filter(|c| c.is_alphabetic()).count() == 1
    {
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
    let trimmed_start = from + whitespace_len(piece);
    // The end by the same rule, read back from the end (what is left is
    // empty or starts with other than whitespace).
    let bytes = slice.as_bytes();
    let mut trimmed_end = to;
    while trimmed_end > trimmed_start && is_ascii_space(bytes[trimmed_end - 1]) {
        trimmed_end -= 1;
    }
    if trimmed_end > trimmed_start && !bytes[trimmed_end - 1].is_ascii() {
        trimmed_end = trimmed_start + slice[trimmed_start..trimmed_end].trim_end().len();
    }
    if trimmed_start < trimmed_end {
        out.push((base + trimmed_start, base + trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The splitter as it was before its byte-level fast paths (terminators,
    // whitespace, the word before a full stop and the next word read as
    // bytes while ASCII): the reference the property test holds it to.
    fn split_sentences_plain(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
        let slice = &text[start..end];
        let bytes = slice.as_bytes();
        let mut sentences = Vec::new();
        let mut sentence_start = 0;
        // Byte offsets, not a vector of characters: terminators are ASCII or
        // '…' (whose first byte, 0xE2, never occurs inside another character's
        // encoding), so a byte search finds them without decoding the text.
        let mut pos = 0;
        // The next ASCII terminator and the next 0xE2 byte at or after `pos`,
        // each found by a vectorised search and searched again only once `pos`
        // has passed it (two needles' searches beat one loop over four bytes).
        let find_ascii =
            |from: usize| memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map_or(usize::MAX, |i| from + i);
        let find_e2 = |from: usize| memchr::memchr(0xE2, &bytes[from..]).map_or(usize::MAX, |i| from + i);
        let (mut next_ascii, mut next_e2) = (find_ascii(0), find_e2(0));
        loop {
            if next_ascii < pos {
                next_ascii = find_ascii(pos);
            }
            if next_e2 < pos {
                next_e2 = find_e2(pos);
            }
            let offset = next_ascii.min(next_e2);
            if offset == usize::MAX {
                break;
            }
            let Some(c) = slice[offset..].chars().next().filter(|&c| is_terminator_plain(c)) else {
                pos = offset + 1;
                continue;
            };
            // Take the whole run of terminators and closers: "?!", "...", '."'
            let (mut after, mut run_len, mut all_dots) = (offset, 0, true);
            for r in slice[offset..].chars() {
                if !is_terminator_plain(r) && !CLOSERS.contains(&r) {
                    break;
                }
                after += r.len_utf8();
                run_len += 1;
                all_dots &= r == '.';
            }
            if slice[after..].chars().next().is_some_and(|next| !next.is_whitespace()) {
                pos = after;
                continue;
            }
            let rest = &slice[after..];
            let next_start = after + (rest.len() - rest.trim_start().len());
            let next_word = next_word_plain(&slice[next_start..]);
            if next_start == slice.len()
                || ends_sentence_plain(&slice[sentence_start..offset], c, run_len, all_dots, next_word)
            {
                push_trimmed_plain(&mut sentences, slice, start, sentence_start, after);
                sentence_start = after;
            }
            pos = next_start;
        }
        push_trimmed_plain(&mut sentences, slice, start, sentence_start, slice.len());
        sentences
    }

    fn is_terminator_plain(c: char) -> bool {
        matches!(c, '.' | '!' | '?' | '\u{2026}')
    }

    /// The first word after the break, with any opening quote or bracket.
    fn next_word_plain(rest: &str) -> &str {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        &rest[..end]
    }

    /// Whether the break after `before` ends a sentence: `terminator` starts a
    /// run of `run_len` terminators and closers (`all_dots` when all are '.').
    fn ends_sentence_plain(before: &str, terminator: char, run_len: usize, all_dots: bool, next: &str) -> bool {
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
        if terminator != '.' || run_len > 1 && all_dots {
            return true;
        }
        if run_len > 1 {
            // '."' and '.)' end sentences whatever the word before was.
            return true;
        }
        let last_word = before
            .rsplit(|c: char| c.is_whitespace() || OPENERS.contains(&c))
            .next()
            .unwrap_or("");
        let abbreviation = if last_word.is_ascii() {
            // Folded byte by byte as it is compared (ASCII lower case, '`' as
            // '\''), not into a new string for every full stop.
            let folded = |b: u8| if b == b'`' { b'\'' } else { b.to_ascii_lowercase() };
            ABBREVIATIONS
                .binary_search_by(|a| a.bytes().cmp(last_word.bytes().map(folded)))
                .is_ok()
        } else {
            ABBREVIATIONS.binary_search(&fold(last_word).as_str()).is_ok()
        };
        if abbreviation {
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

    fn push_trimmed_plain(out: &mut Vec<(usize, usize)>, slice: &str, base: usize, from: usize, to: usize) {
        let piece = &slice[from..to];
        let trimmed_start = from + (piece.len() - piece.trim_start().len());
        let trimmed_end = to - (piece.len() - piece.trim_end().len());
        if trimmed_start < trimmed_end {
            out.push((base + trimmed_start, base + trimmed_end));
        }
    }

    proptest::proptest! {
        /// The same sentences as the plain splitter, on text of
        /// abbreviations, initials, acronyms, numbers, quotes, brackets,
        /// ellipses and every kind of whitespace, ASCII or not.
        #[test]
        fn the_same_sentences_as_the_plain_splitter(parts in proptest::collection::vec(proptest::sample::select(vec![
            "Mr", "mr", "Ph.D", "U.S", "J", "W", "e.g", "Sept", "St", "messrs", "Messrs", "MESSRS", "a`b", "the", "The",
            "said", "Café", "été", "Élan", "x", "3", "3.5", "2,000", ".", "..", "...", "!", "?", "?!", "\u{2026}",
            "\u{2014}", "\u{2019}", "\u{201c}", "\u{201d}", "\"", "'", "(", ")", "[", "]", "\u{ab}", "\u{bb}",
            " ", "  ", "\t", "\n", "\r\n", "\u{b}", "\u{c}", "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}",
        ]), 0..40), from in 0usize..4) {
            let text = parts.concat();
            let start = text.char_indices().map(|(i, _)| i).nth(from).unwrap_or(text.len());
            proptest::prop_assert_eq!(
                split_sentences(&text, start, text.len()),
                split_sentences_plain(&text, start, text.len())
            );
        }
    }

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
        // Whatever the case, and written with other characters.
        assert_eq!(
            split("MR. Smith and GOV. Lee met Ph.D. Students. Sept. Rains came. Café. Then."),
            [
                "MR. Smith and GOV. Lee met Ph.D. Students.",
                "Sept. Rains came.",
                "Café.",
                "Then."
            ]
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

    /// Terminators are found by a byte search; '…' shares its first byte
    /// with dashes and curly quotes, which must not be taken for it.
    #[test]
    fn ellipsis_character_among_other_three_byte_characters() {
        assert_eq!(
            split("Wait\u{2026} What now\u{2014}really? \u{201c}Yes.\u{201d} Then \u{e7}a."),
            [
                "Wait\u{2026}",
                "What now\u{2014}really?",
                "\u{201c}Yes.\u{201d}",
                "Then \u{e7}a."
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
