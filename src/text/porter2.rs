//! The English (Porter2) stemmer of `rust-stemmers`, for ASCII words,
//! without its general machinery.
//!
//! Why: every word the tokenizer meets for the first time is stemmed, and
//! the crate's generated code (a string environment, suffix tables searched
//! by binary search, a `String` per result) cost about 3,600 instructions a
//! word: half of tokenizing a new article. Here each step is a few suffix
//! tests on a byte buffer. The rules are those of the crate's generated
//! `english.rs` (Snowball's English stemmer), step by step and in the same
//! order, including its quirks: the longest suffix of a step is chosen
//! before its region is tested (a longer suffix outside the region blocks
//! a shorter one), R1 and R2 are marked once before step 1a, and a `Y`
//! already in the word is a consonant that the last step lowers only if
//! the first one marked some `y`. Words with other characters go to the
//! crate. Tests compare both on every word of the lexicon's lists and on
//! random words built from the suffixes. Licence notices (MIT, and
//! Snowball's BSD): `data/LICENSE-rust-stemmers.txt`.

/// A vowel of the algorithm (Snowball's grouping `v`).
fn vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Not in Snowball's grouping `v_WXY` (the vowels, `w`, `x` and `Y`).
fn not_wxy(b: u8) -> bool {
    !matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'w' | b'x' | b'Y')
}

/// True when `w` ends with `suffix`; the last bytes compared first, where
/// most tests fail, without a call to compare memory.
fn ends(w: &[u8], suffix: &[u8]) -> bool {
    w.len() >= suffix.len() && w.last() == suffix.last() && w[w.len() - suffix.len()..] == *suffix
}

/// Whole words with their own stems (Snowball's `exception1`).
const EXCEPTIONS: [(&[u8], &str); 18] = [
    (b"andes", "andes"),
    (b"atlas", "atlas"),
    (b"bias", "bias"),
    (b"cosmos", "cosmos"),
    (b"dying", "die"),
    (b"early", "earli"),
    (b"gently", "gentl"),
    (b"howe", "howe"),
    (b"idly", "idl"),
    (b"lying", "lie"),
    (b"news", "news"),
    (b"only", "onli"),
    (b"singly", "singl"),
    (b"skies", "sky"),
    (b"skis", "ski"),
    (b"sky", "sky"),
    (b"tying", "tie"),
    (b"ugly", "ugli"),
];

/// Words (after step 1a) left as they are (Snowball's `exception2`).
const INVARIANT: [&[u8]; 8] = [
    b"succeed", b"proceed", b"exceed", b"canning", b"inning", b"earring", b"herring", b"outing",
];

/// What a suffix of step 2 or 3 becomes.
#[derive(Clone, Copy)]
enum Then {
    /// Replaced by this.
    To(&'static [u8]),
    /// Step 2's "ogi": "og" after an "l".
    OgAfterL,
    /// Step 2's "li": deleted after a valid li-ending (c d e g h k m n r t).
    DeleteAfterValidLi,
    /// Step 3's "ative": deleted in R2.
    DeleteInR2,
}

/// Step 2's suffixes, longest first (of equal length, at most one matches).
const STEP2: [(&[u8], Then); 24] = [
    (b"ational", Then::To(b"ate")),
    (b"fulness", Then::To(b"ful")),
    (b"iveness", Then::To(b"ive")),
    (b"ousness", Then::To(b"ous")),
    (b"ization", Then::To(b"ize")),
    (b"tional", Then::To(b"tion")),
    (b"biliti", Then::To(b"ble")),
    (b"lessli", Then::To(b"less")),
    (b"entli", Then::To(b"ent")),
    (b"ousli", Then::To(b"ous")),
    (b"fulli", Then::To(b"ful")),
    (b"aliti", Then::To(b"al")),
    (b"iviti", Then::To(b"ive")),
    (b"alism", Then::To(b"al")),
    (b"ation", Then::To(b"ate")),
    (b"anci", Then::To(b"ance")),
    (b"enci", Then::To(b"ence")),
    (b"abli", Then::To(b"able")),
    (b"alli", Then::To(b"al")),
    (b"izer", Then::To(b"ize")),
    (b"ator", Then::To(b"ate")),
    (b"ogi", Then::OgAfterL),
    (b"bli", Then::To(b"ble")),
    (b"li", Then::DeleteAfterValidLi),
];

/// Step 3's suffixes, longest first.
const STEP3: [(&[u8], Then); 9] = [
    (b"ational", Then::To(b"ate")),
    (b"tional", Then::To(b"tion")),
    (b"icate", Then::To(b"ic")),
    (b"ative", Then::DeleteInR2),
    (b"alize", Then::To(b"al")),
    (b"iciti", Then::To(b"ic")),
    (b"ical", Then::To(b"ic")),
    (b"ness", Then::To(b"")),
    (b"ful", Then::To(b"")),
];

/// Step 4's suffixes, longest first: deleted in R2 ("ion" only after s or t).
const STEP4: [&[u8]; 18] = [
    b"ement", b"ance", b"ence", b"able", b"ible", b"ment", b"ate", b"ive", b"ize", b"iti", b"ism", b"ion", b"ous",
    b"ant", b"ent", b"ic", b"al", b"er",
];

/// The last two bytes of the suffixes of a table: by the last byte (`a` to
/// `z`), a bit per byte before it (`a` to `z`). A word whose last two
/// bytes are none of these ends in no suffix of the table. (Every suffix
/// has two or more lower-case letters; the `const` evaluation fails
/// otherwise.)
///
/// Why: most words end in no suffix of a step, and for them one bit test
/// replaces a comparison with each suffix (steps 2, 3 and 4 compared up
/// to 51 suffixes a word, a fifth of stemming a new word).
type Endings = [u32; 26];

/// [`Endings`] of `suffixes`.
const fn endings(suffixes: &[&[u8]]) -> Endings {
    let mut table = [0u32; 26];
    let mut i = 0;
    while i < suffixes.len() {
        let suffix = suffixes[i];
        let n = suffix.len();
        assert!(n >= 2);
        let (before, last) = (suffix[n - 2], suffix[n - 1]);
        assert!(before.is_ascii_lowercase() && last.is_ascii_lowercase());
        table[(last - b'a') as usize] |= 1 << (before - b'a');
        i += 1;
    }
    table
}

/// [`endings`] of a table of step 2 or 3.
const fn endings_of(table: &[(&[u8], Then)]) -> Endings {
    let mut suffixes: [&[u8]; 32] = [b""; 32];
    assert!(table.len() <= 32);
    let mut i = 0;
    while i < table.len() {
        suffixes[i] = table[i].0;
        i += 1;
    }
    let (used, _) = suffixes.split_at(table.len());
    endings(used)
}

const STEP2_ENDINGS: Endings = endings_of(&STEP2);
const STEP3_ENDINGS: Endings = endings_of(&STEP3);
const STEP4_ENDINGS: Endings = endings(&STEP4);

/// True when `w` may end in a suffix whose last two bytes are among `table`'s ([`endings`]).
#[inline(always)]
fn may_end_in(w: &[u8], table: &Endings) -> bool {
    match *w {
        [.., before @ b'a'..=b'z', last @ b'a'..=b'z'] => table[usize::from(last - b'a')] >> (before - b'a') & 1 == 1,
        _ => false,
    }
}

/// The lengths of the words of [`EXCEPTIONS`] and of [`INVARIANT`]: others
/// need not be compared with them.
const EXCEPTION_LENGTHS: std::ops::RangeInclusive<usize> = 3..=6;
const INVARIANT_LENGTHS: std::ops::RangeInclusive<usize> = 6..=7;

/// The stem of `word` by `rust-stemmers`' English algorithm, or `None` when
/// the word is not all ASCII (for the crate to stem).
pub fn stem(word: &str) -> Option<String> {
    let mut w = Vec::new();
    stem_into(word, &mut w).then(|| String::from_utf8(w).expect("ASCII in, ASCII out"))
}

/// [`stem`] written into `w` (cleared first; a buffer the caller reuses, so
/// that a new word costs no allocation here): false, with `w` unspecified,
/// when the word is not all ASCII.
pub fn stem_into(word: &str, w: &mut Vec<u8>) -> bool {
    w.clear();
    if !word.is_ascii() {
        return false;
    }
    let bytes = word.as_bytes();
    if EXCEPTION_LENGTHS.contains(&bytes.len()) {
        if let Some(&(_, stem)) = EXCEPTIONS.iter().find(|(w, _)| *w == bytes) {
            w.extend_from_slice(stem.as_bytes());
            return true;
        }
    }
    w.extend_from_slice(bytes);
    if bytes.len() < 3 {
        return true;
    }
    // Prelude: a leading apostrophe goes; an initial y, and a y after a
    // vowel, become Y (a consonant) until the end.
    if w[0] == b'\'' {
        w.remove(0);
    }
    let mut y_found = false;
    if w.first() == Some(&b'y') {
        w[0] = b'Y';
        y_found = true;
    }
    for i in 1..w.len() {
        if w[i] == b'y' && vowel(w[i - 1]) {
            w[i] = b'Y';
            y_found = true;
        }
    }
    let (p1, p2) = regions(w);
    step_1a(w);
    if !(INVARIANT_LENGTHS.contains(&w.len()) && INVARIANT.contains(&w.as_slice())) {
        step_1b(w, p1);
        step_1c(w);
        if may_end_in(w, &STEP2_ENDINGS) {
            suffix_step(w, &STEP2, p1, p2);
        }
        if may_end_in(w, &STEP3_ENDINGS) {
            suffix_step(w, &STEP3, p1, p2);
        }
        step_4(w, p2);
        step_5(w, p1, p2);
    }
    if y_found {
        for b in w.iter_mut() {
            if *b == b'Y' {
                *b = b'y';
            }
        }
    }
    true
}

/// The starts of R1 and R2 (the length when empty).
fn regions(w: &[u8]) -> (usize, usize) {
    let n = w.len();
    // Past the first vowel and the first non-vowel after it.
    let after_vc = |from: usize| {
        let v = (from..n).find(|&i| vowel(w[i]))?;
        (v + 1..n).find(|&i| !vowel(w[i])).map(|i| i + 1)
    };
    let p1 = [&b"arsen"[..], b"commun", b"gener"]
        .iter()
        .find(|p| w.starts_with(p))
        .map(|p| p.len())
        .or_else(|| after_vc(0));
    match p1 {
        Some(p1) => (p1, after_vc(p1).unwrap_or(n)),
        None => (n, n),
    }
}

/// Step 1a: possessive endings, then plural "s" and its kin.
fn step_1a(w: &mut Vec<u8>) {
    if ends(w, b"'s'") {
        w.truncate(w.len() - 3);
    } else if ends(w, b"'s") {
        w.truncate(w.len() - 2);
    } else if ends(w, b"'") {
        w.truncate(w.len() - 1);
    }
    let n = w.len();
    if ends(w, b"sses") {
        w.truncate(n - 2);
    } else if ends(w, b"ied") || ends(w, b"ies") {
        // "i" after two or more letters ("cries" → "cri"), else "ie" ("ties" → "tie").
        w.truncate(if n - 3 >= 2 { n - 2 } else { n - 1 });
    } else if ends(w, b"ss") || ends(w, b"us") {
    } else if ends(w, b"s") && n >= 2 && w[..n - 2].iter().any(|&b| vowel(b)) {
        // Deleted when a vowel comes before the letter before it.
        w.truncate(n - 1);
    }
}

/// Step 1b: "eed", "ed", "ing" and their "ly" forms.
fn step_1b(w: &mut Vec<u8>, p1: usize) {
    let n = w.len();
    if let Some(len) = [&b"eedly"[..], b"eed"].iter().find(|s| ends(w, s)).map(|s| s.len()) {
        // The longest match decides: "eed" outside R1 is left alone, not taken for "ed".
        if p1 <= n - len {
            w.truncate(n - len + 2);
        }
        return;
    }
    let Some(len) = [&b"ingly"[..], b"edly", b"ing", b"ed"]
        .iter()
        .find(|s| ends(w, s))
        .map(|s| s.len())
    else {
        return;
    };
    let stem_end = n - len;
    if !w[..stem_end].iter().any(|&b| vowel(b)) {
        return;
    }
    w.truncate(stem_end);
    let n = w.len();
    if ends(w, b"at") || ends(w, b"bl") || ends(w, b"iz") {
        w.push(b'e');
    } else if n >= 2
        && w[n - 1] == w[n - 2]
        && matches!(w[n - 1], b'b' | b'd' | b'f' | b'g' | b'm' | b'n' | b'p' | b'r' | b't')
    {
        w.truncate(n - 1);
    } else if n == p1 && short_syllable(w, n) {
        w.push(b'e');
    }
}

/// True when `w[..end]` ends in a short syllable (Snowball's `shortv`).
fn short_syllable(w: &[u8], end: usize) -> bool {
    match end {
        2 => !vowel(w[1]) && vowel(w[0]),
        3.. => not_wxy(w[end - 1]) && vowel(w[end - 2]) && !vowel(w[end - 3]),
        _ => false,
    }
}

/// Step 1c: a final y after a non-vowel (not the first letter) becomes i.
fn step_1c(w: &mut [u8]) {
    let n = w.len();
    if n >= 3 && matches!(w[n - 1], b'y' | b'Y') && !vowel(w[n - 2]) {
        w[n - 1] = b'i';
    }
}

/// Steps 2 and 3: the longest suffix of `table`, replaced when in R1.
fn suffix_step(w: &mut Vec<u8>, table: &[(&[u8], Then)], p1: usize, p2: usize) {
    let Some(&(suffix, then)) = table.iter().find(|(s, _)| ends(w, s)) else {
        return;
    };
    let start = w.len() - suffix.len();
    if p1 > start {
        return;
    }
    match then {
        Then::To(to) => {
            w.truncate(start);
            w.extend_from_slice(to);
        }
        Then::OgAfterL => {
            if start > 0 && w[start - 1] == b'l' {
                w.truncate(start + 2);
            }
        }
        Then::DeleteAfterValidLi => {
            if start > 0
                && matches!(
                    w[start - 1],
                    b'c' | b'd' | b'e' | b'g' | b'h' | b'k' | b'm' | b'n' | b'r' | b't'
                )
            {
                w.truncate(start);
            }
        }
        Then::DeleteInR2 => {
            if p2 <= start {
                w.truncate(start);
            }
        }
    }
}

/// Step 4: the longest of its suffixes, deleted when in R2.
fn step_4(w: &mut Vec<u8>, p2: usize) {
    if !may_end_in(w, &STEP4_ENDINGS) {
        return;
    }
    let Some(suffix) = STEP4.iter().find(|s| ends(w, s)) else {
        return;
    };
    let start = w.len() - suffix.len();
    if p2 > start {
        return;
    }
    if *suffix == b"ion" && !(start > 0 && matches!(w[start - 1], b's' | b't')) {
        return;
    }
    w.truncate(start);
}

/// Step 5: a final e in R2, or in R1 after no short syllable; a final l
/// after an l in R2.
fn step_5(w: &mut Vec<u8>, p1: usize, p2: usize) {
    let n = w.len();
    match w.last() {
        Some(b'e') => {
            let start = n - 1;
            if p2 <= start || (p1 <= start && !short_syllable(w, start)) {
                w.truncate(start);
            }
        }
        Some(b'l') => {
            let start = n - 1;
            if p2 <= start && start > 0 && w[start - 1] == b'l' {
                w.truncate(start);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_stem(word: &str) -> String {
        rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English)
            .stem(word)
            .into_owned()
    }

    #[test]
    fn the_length_and_last_byte_filters_cover_every_word_and_suffix() {
        assert!(EXCEPTIONS.iter().all(|(w, _)| EXCEPTION_LENGTHS.contains(&w.len())));
        assert!(INVARIANT.iter().all(|w| INVARIANT_LENGTHS.contains(&w.len())));
        for (table, endings) in [(&STEP2[..], &STEP2_ENDINGS), (&STEP3[..], &STEP3_ENDINGS)] {
            assert!(table.iter().all(|(s, _)| may_end_in(s, endings)));
            assert!(table.iter().all(|(s, _)| may_end_in(&[b"xyz", *s].concat(), endings)));
        }
        assert!(STEP4.iter().all(|s| may_end_in(s, &STEP4_ENDINGS)));
        // Not every ending passes.
        assert!(!may_end_in(b"word", &STEP2_ENDINGS) && !may_end_in(b"", &STEP4_ENDINGS));
        assert!(!may_end_in(b"cats", &STEP2_ENDINGS) && !may_end_in(b"y", &STEP4_ENDINGS));
    }

    #[test]
    fn known_stems() {
        for (word, stem_) in [
            ("militaries", "militari"),
            ("declared", "declar"),
            ("generously", "generous"),
            ("skies", "sky"),
            ("cries", "cri"),
            ("ties", "tie"),
            ("hopping", "hop"),
            ("hoping", "hope"),
            ("yelled", "yell"),
            ("sayyid", "sayyid"),
            ("innings", "inning"),
            ("conditional", "condit"),
        ] {
            assert_eq!(stem(word).as_deref(), Some(stem_), "{word}");
            assert_eq!(crate_stem(word), stem_, "{word}");
        }
        assert_eq!(stem("Москва"), None);
    }

    /// Every word of the lexicon's lists (about 120,000 words, names with
    /// apostrophes and dots among them) stems as the crate stems it.
    #[test]
    fn agrees_with_the_crate_on_the_lexicon() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon");
        let mut checked = 0;
        for file in ["freq.txt", "names.txt"] {
            let text = std::fs::read_to_string(dir.join(file)).expect("the lexicon's word lists");
            for line in text.lines() {
                let word = line.split('\t').next().unwrap_or_default();
                if let Some(fast) = stem(word) {
                    assert_eq!(fast, crate_stem(word), "{word:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 100_000, "{checked}");
    }

    /// Pieces that trigger the rules: vowels, y and Y, doubles, suffixes of
    /// every step, the region prefixes, marks and digits.
    fn piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "a", "e", "i", "o", "u", "y", "Y", "b", "d", "l", "s", "t", "w", "x", "z", "'", ".", "1", "_", "ss", "us",
            "ies", "ied", "sses", "'s", "eed", "ed", "ing", "ly", "at", "bl", "iz", "bb", "tt", "ational", "tional",
            "enci", "anci", "abli", "entli", "izer", "ization", "ation", "ator", "alism", "aliti", "alli", "fulness",
            "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli", "lessli", "li", "c", "icate",
            "ative", "alize", "iciti", "ical", "ful", "ness", "ance", "ence", "able", "ible", "ment", "ement", "ent",
            "ant", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic", "ll", "arsen", "commun", "gener",
            "sky", "news", "inning", "proceed",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn agrees_with_the_crate_on_built_words(pieces in prop::collection::vec(piece(), 1..6)) {
            let word: String = pieces.concat();
            prop_assert_eq!(stem(&word), Some(crate_stem(&word)), "{:?}", word);
        }

        #[test]
        fn agrees_with_the_crate_on_any_ascii(word in "[a-zY'._0-9]{0,12}") {
            prop_assert_eq!(stem(&word), Some(crate_stem(&word)), "{:?}", word);
        }
    }
}
