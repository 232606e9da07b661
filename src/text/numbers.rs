//! Numbers written as digits or words, normalised so that "three", "3",
//! "2,000", "2000", "3.5%" and "40 per cent" compare as numbers.

use serde::Serialize;

/// A numeric value with what kind of quantity it is.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Number {
    pub value: f64,
    pub percent: bool,
    pub ordinal: bool,
}

impl Number {
    pub fn new(value: f64) -> Number {
        Number {
            value,
            percent: false,
            ordinal: false,
        }
    }

    /// A canonical key: equal keys mean equal quantities.
    pub fn key(&self) -> String {
        let mut key = String::with_capacity(24);
        self.push_key(&mut key);
        key
    }

    /// Appends [`Number::key`] to `key` (the tokenizer writes it into a
    /// reused buffer and makes the token's shared string from that).
    pub(crate) fn push_key(&self, key: &mut String) {
        key.push('#');
        push_value(key, self.value);
        if self.percent {
            key.push('%');
        }
        if self.ordinal {
            key.push_str("th");
        }
    }

    /// Same quantity, ignoring whether one side wrote it as a percentage
    /// sign and the other did not say so.
    pub fn same_value(&self, other: &Number) -> bool {
        (self.value - other.value).abs() <= 1e-9 * self.value.abs().max(1.0) && self.ordinal == other.ordinal
    }
}

#[cfg(test)]
fn format_value(value: f64) -> String {
    let mut out = String::new();
    push_value(&mut out, value);
    out
}

/// Appends `n` in decimal, digit by digit (without `fmt`, which costs
/// several times as much): number keys and the text report's line and
/// column numbers.
pub(crate) fn push_decimal(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&d| char::from(d)));
}

/// Appends `value` as a key writes it.
fn push_value(out: &mut String, value: f64) {
    // Whole numbers (most: years, counts) as integers, digit by digit: the
    // same text as below, for a fraction of the cost of formatting a float
    // (or even an integer through `fmt`).
    if value.fract() == 0.0 && value.abs() < 1e15 && !(value == 0.0 && value.is_sign_negative()) {
        let whole = value as i64;
        if whole < 0 {
            out.push('-');
        }
        push_decimal(out, whole.unsigned_abs());
        return;
    }
    // Rounded, so that 1.2 × 10⁶ and 1,200,000 give the same key.
    let s = format!("{value:.6}");
    out.push_str(s.trim_end_matches('0').trim_end_matches('.'));
}

const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("hundred", 100.0),
    ("dozen", 12.0),
];

const ORDINALS: &[(&str, f64)] = &[
    ("first", 1.0),
    ("second", 2.0),
    ("third", 3.0),
    ("fourth", 4.0),
    ("fifth", 5.0),
    ("sixth", 6.0),
    ("seventh", 7.0),
    ("eighth", 8.0),
    ("ninth", 9.0),
    ("tenth", 10.0),
];

/// Longest word of [`SMALL`] and [`ORDINALS`] the filter below knows, in bytes.
const NUMBER_WORD_MAX: usize = 15;

/// Per length in bytes, a bit per letter (`a` = bit 0) that a word of
/// [`SMALL`] or [`ORDINALS`] of that length starts with; built from the
/// tables, so it follows any edit of them.
const NUMBER_WORD_STARTS: [u32; NUMBER_WORD_MAX + 1] = {
    let mut starts = [0u32; NUMBER_WORD_MAX + 1];
    let tables: [&[(&str, f64)]; 2] = [SMALL, ORDINALS];
    let mut t = 0;
    while t < tables.len() {
        let mut i = 0;
        while i < tables[t].len() {
            let word = tables[t][i].0.as_bytes();
            // (A const panic: every number word is lower-case ASCII and short.)
            assert!(word.len() <= NUMBER_WORD_MAX && word[0].is_ascii_lowercase());
            starts[word.len()] |= 1 << (word[0] - b'a');
            i += 1;
        }
        t += 1;
    }
    starts
};

/// False when `folded` is no word of [`SMALL`] or [`ORDINALS`], told by its
/// length and first letter. Why: [`parse`] runs for every word new to the
/// word cache, and comparing it with each of the forty number words was
/// about 290 instructions a word (3.2 M of 292 M on 156 distinct documents).
fn may_be_number_word(folded: &[u8]) -> bool {
    match (NUMBER_WORD_STARTS.get(folded.len()), folded.first()) {
        (Some(&starts), Some(&first)) if first.is_ascii_lowercase() => starts & (1 << (first - b'a')) != 0,
        _ => false,
    }
}

/// Words that multiply the number before them: "1.2 million".
pub fn multiplier(folded: &str) -> Option<f64> {
    match folded {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mln" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" | "tn" => Some(1e12),
        _ => None,
    }
}

/// Parses one folded word token as a number: "3", "2,000", "3.5",
/// "three", "1st", "third". "second" is left alone because it is far more
/// often a unit of time or "the second time" than an ordinal number.
pub fn parse(folded: &str) -> Option<Number> {
    let first = folded.chars().next()?;
    if first.is_ascii_digit() {
        return parse_digits(folded);
    }
    if !may_be_number_word(folded.as_bytes()) {
        return None;
    }
    if let Some(&(_, value)) = SMALL.iter().find(|(w, _)| *w == folded) {
        return Some(Number::new(value));
    }
    if folded != "second" {
        if let Some(&(_, value)) = ORDINALS.iter().find(|(w, _)| *w == folded) {
            return Some(Number {
                ordinal: true,
                ..Number::new(value)
            });
        }
    }
    None
}

fn parse_digits(folded: &str) -> Option<Number> {
    // Whole numbers with or without thousands commas (most: "2019",
    // "2,000", "3rd"): read digit by digit, no copy of the text and no
    // float parsing. An integer of up to 19 digits is exact in a `u64`,
    // and `as f64` rounds it to the nearest as `str::parse` does.
    if let Some(number) = parse_whole(folded.as_bytes()) {
        return number;
    }
    parse_digits_slowly(folded)
}

/// [`parse_digits`] of a whole number: `Some(answer)`, or `None` when
/// the word is not one this reads (a fraction, more than 19 digits, a
/// stray character), for the general reading to take.
fn parse_whole(bytes: &[u8]) -> Option<Option<Number>> {
    let mut value: u64 = 0;
    let (mut digits, mut group, mut commas) = (0usize, 0usize, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 19 {
                    return None;
                }
                value = value * 10 + u64::from(b - b'0');
                group += 1;
            }
            b',' => {
                // After the first group, every group has three digits.
                if commas && group != 3 {
                    return Some(None);
                }
                commas = true;
                group = 0;
            }
            _ => break,
        }
        i += 1;
    }
    let ordinal = match &bytes[i..] {
        b"" => false,
        b"st" | b"nd" | b"rd" | b"th" => true,
        // A fraction, or a suffix that is no number's.
        _ => return None,
    };
    if commas && group != 3 {
        return Some(None);
    }
    // A trailing comma ("3,") or an empty group ("3,,000") is no number
    // the general reading takes either; leave those to it.
    if bytes[..i].last() == Some(&b',') || bytes[..i].windows(2).any(|w| w == b",,") {
        return None;
    }
    Some(Some(Number {
        value: value as f64,
        percent: false,
        ordinal,
    }))
}

/// [`parse_digits`] in general.
fn parse_digits_slowly(folded: &str) -> Option<Number> {
    let digits_end = folded
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(folded.len());
    let (digits, suffix) = folded.split_at(digits_end);
    let ordinal = match suffix {
        "" => false,
        "st" | "nd" | "rd" | "th" => true,
        _ => return None,
    };
    // "2,000" groups thousands; a comma elsewhere ("3,5") is not a number we
    // can read safely, so it is left as a word.
    let grouped_ok = digits.split('.').next().is_some_and(|int| {
        let groups: Vec<&str> = int.split(',').collect();
        groups.len() == 1 || groups[1..].iter().all(|g| g.len() == 3)
    });
    if !grouped_ok {
        return None;
    }
    let value: f64 = digits.replace(',', "").trim_end_matches('.').parse().ok()?;
    Some(Number {
        value,
        percent: false,
        ordinal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`parse`] of a word that is not written in digits, by the tables
    /// alone (without [`may_be_number_word`]).
    fn number_word_by_tables(folded: &str) -> Option<Number> {
        if let Some(&(_, value)) = SMALL.iter().find(|(w, _)| *w == folded) {
            return Some(Number::new(value));
        }
        ORDINALS
            .iter()
            .find(|(w, _)| *w == folded && folded != "second")
            .map(|&(_, value)| Number {
                ordinal: true,
                ..Number::new(value)
            })
    }

    #[test]
    fn the_number_word_filter_admits_every_number_word() {
        for &(word, _) in SMALL.iter().chain(ORDINALS) {
            assert!(may_be_number_word(word.as_bytes()), "{word}");
            // Near misses read as the tables read them.
            for near in [
                &word[1..],
                &word[..word.len() - 1],
                &format!("{word}s"),
                &format!("x{word}"),
            ] {
                assert_eq!(parse(near), number_word_by_tables(near), "{near}");
            }
            assert_eq!(parse(word), number_word_by_tables(word), "{word}");
        }
    }

    proptest::proptest! {
        #[test]
        fn number_words_read_as_the_tables_read_them(text in "[a-zé'-]{1,18}") {
            proptest::prop_assert_eq!(parse(&text), number_word_by_tables(&text), "{}", text);
        }

        #[test]
        fn whole_numbers_read_as_the_general_reading_does(text in "[0-9,.]{1,24}(st|nd|rd|th|s|)") {
            let general = parse_digits_slowly(&text);
            if let Some(fast) = parse_whole(text.as_bytes()) {
                proptest::prop_assert_eq!(fast, general, "{}", text);
            }
            proptest::prop_assert_eq!(parse_digits(&text), general, "{}", text);
        }

        #[test]
        fn grouped_numbers_read_as_the_general_reading_does(groups in proptest::collection::vec(0u32..1000, 1..8), pad in proptest::bool::ANY) {
            let text = groups.iter().enumerate().map(|(i, g)| if i == 0 && !pad { g.to_string() } else { format!("{g:03}") }).collect::<Vec<_>>().join(",");
            proptest::prop_assert_eq!(parse_digits(&text), parse_digits_slowly(&text), "{}", text);
        }

        #[test]
        fn whole_numbers_format_as_integers_do(n in -999_999_999_999_999i64..=999_999_999_999_999) {
            proptest::prop_assert_eq!(format_value(n as f64), n.to_string());
        }
    }

    #[test]
    fn whole_numbers_format_as_floats_do() {
        let slow = |v: f64| {
            let s = format!("{v:.6}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        };
        for v in [
            0.0,
            -0.0,
            1.0,
            -7.0,
            10.0,
            100.0,
            2024.0,
            1.2e6,
            5e9,
            999_999_999_999_999.0,
            1e15,
            2.5,
            0.1,
            -1234567.0,
            -0.5,
            42.0,
        ] {
            assert_eq!(format_value(v), slow(v), "{v}");
        }
    }

    #[test]
    fn digits_and_words_compare_as_numbers() {
        assert_eq!(parse("three").unwrap().key(), parse("3").unwrap().key());
        assert_eq!(parse("2,000").unwrap().key(), parse("2000").unwrap().key());
        assert_eq!(parse("3.5").unwrap().value, 3.5);
        assert_eq!(parse("1st").unwrap().key(), parse("first").unwrap().key());
    }

    #[test]
    fn words_that_are_not_numbers() {
        assert!(parse("second").is_none());
        assert!(parse("5km").is_none());
        assert!(parse("3,5").is_none());
        assert!(parse("putin").is_none());
    }

    #[test]
    fn keys_mark_percentages() {
        let mut n = parse("40").unwrap();
        n.percent = true;
        assert_eq!(n.key(), "#40%");
    }
}
