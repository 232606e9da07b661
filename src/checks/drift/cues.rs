//! Generic English cue lists: negation, hedges, attribution, comparators,
//! months and weekdays. They are closed classes of function words, not
//! words picked from any article or data set.

use crate::text::{Number, Token};

/// A negation cue at `tokens[i]`: returns how many tokens the cue spans.
#[inline]
pub fn negation(tokens: &[Token], i: usize) -> Option<usize> {
    let w = tokens[i].folded.as_ref();
    // Asked of nearly every token, and nearly every word is no cue: every
    // cue starts with n, y, f, r or d or ends in t, one byte test each,
    // made where it is asked (a call each cost more than the test).
    if !matches!(w.as_bytes().first(), Some(b'n' | b'y' | b'f' | b'r' | b'd')) && !w.ends_with('t') {
        return None;
    }
    negation_of(tokens, i)
}

/// [`negation`] of a word that passed its byte tests.
#[inline(never)]
fn negation_of(tokens: &[Token], i: usize) -> Option<usize> {
    let w = tokens[i].folded.as_ref();
    let next = tokens.get(i + 1).map(|t| t.folded.as_ref());
    match w {
        "not" | "no" | "never" | "none" | "nobody" | "nothing" | "neither" | "nor" | "cannot" | "nowhere" => Some(1),
        "yet" if next == Some("to") => Some(2),
        "fail" | "fails" | "failed" | "failing" if next == Some("to") => Some(2),
        "refuse" | "refuses" | "refused" | "refusing" if next == Some("to") => Some(2),
        "deny" | "denies" | "denied" | "denying" => Some(1),
        _ if w.ends_with("n't") || w.ends_with("nt") && is_contracted_negation(w) => Some(1),
        _ => None,
    }
}

/// "dont", "didnt", "wont" written without an apostrophe.
fn is_contracted_negation(w: &str) -> bool {
    matches!(
        w,
        "dont"
            | "didnt"
            | "doesnt"
            | "wont"
            | "cant"
            | "isnt"
            | "wasnt"
            | "arent"
            | "werent"
            | "hasnt"
            | "havent"
            | "hadnt"
            | "couldnt"
            | "wouldnt"
            | "shouldnt"
    )
}

/// Units of a number ("1.2 million dollars"): the body may write them as
/// a sign ("$1.2 million"), so they are never unsupported on their own.
pub fn currency(folded: &str) -> bool {
    matches!(
        folded,
        "dollar" | "dollars" | "euro" | "euros" | "pound" | "pounds" | "cent" | "cents" | "yen" | "percent" | "pence"
    )
}

/// Negation of a verb (not of a noun, as "no" and "none" are): the only
/// kind whose addition in a summary reliably flips a claim.
pub fn verbal_negation(folded: &str) -> bool {
    !matches!(
        folded,
        "no" | "none" | "nobody" | "nothing" | "neither" | "nor" | "nowhere"
    )
}

/// A comparator read through a negation before it: "not … more than 6"
/// is "at most 6".
pub fn negated_comparator(tokens: &[Token], at: usize, c: Comparator) -> Comparator {
    let negated = (at.saturating_sub(3)..at).any(|i| {
        let w = tokens[i].folded.as_ref();
        w == "not" || w == "never" || w.ends_with("n't")
    });
    match (negated, c) {
        (false, c) => c,
        (true, Comparator::Above) => Comparator::Below,
        (true, Comparator::Below) => Comparator::Above,
    }
}

/// Adverb particles of phrasal verbs ("looking ahead", "put forward",
/// "pull back"): with their verb they make one word's worth of meaning,
/// so a reworded phrasal verb is one new word, not a phrase.
pub fn particle(folded: &str) -> bool {
    matches!(
        folded,
        "ahead" | "forward" | "forwards" | "back" | "away" | "along" | "around" | "apart" | "aside"
    )
}

/// Placeholders that NLP pipelines write into text instead of a word:
/// `UNK` (`[UNK]`, `<unk>`) for a word outside a summariser's vocabulary,
/// and the Penn Treebank escapes for brackets (`-LRB-`, `-RRB-`, `-LSB-`,
/// `-RSB-`, `-LCB-`, `-RCB-`). Written in capitals they look like
/// acronyms, but they name nothing: a machine summary that says `UNK`
/// lost a word, it did not bring in a new name. `word` is the token as
/// written (the tokenizer drops the brackets and hyphens around it).
pub fn placeholder(word: &str) -> bool {
    matches!(word, "UNK" | "unk" | "LRB" | "RRB" | "LSB" | "RSB" | "LCB" | "RCB")
}

/// Light verbs ("takes office", "made a decision"): they carry little of
/// their own, so summaries swap them freely.
pub fn light_verb(folded: &str) -> bool {
    matches!(
        folded,
        "take"
            | "takes"
            | "took"
            | "taken"
            | "taking"
            | "make"
            | "makes"
            | "made"
            | "making"
            | "get"
            | "gets"
            | "got"
            | "getting"
            | "give"
            | "gives"
            | "gave"
            | "given"
            | "go"
            | "goes"
            | "went"
            | "gone"
            | "come"
            | "comes"
            | "came"
            | "put"
            | "puts"
            | "keep"
            | "keeps"
            | "kept"
            | "use"
            | "uses"
            | "used"
            | "using"
    )
}

/// Words a negation or hedge passes over to reach the word it governs:
/// auxiliaries, "to", "be", articles and adverbs of degree.
pub fn passes_over(token: &Token) -> bool {
    let w = token.folded.as_ref();
    token.stop
        || matches!(
            w,
            "be" | "been"
                | "being"
                | "get"
                | "got"
                | "yet"
                | "immediately"
                | "always"
                | "even"
                | "ever"
                | "also"
                | "still"
                | "fully"
                | "really"
                | "necessarily"
        )
}

/// Words that hedge what follows them.
const HEDGES: [&str; 29] = [
    "may",
    "might",
    "could",
    "possibly",
    "perhaps",
    "probably",
    "likely",
    "unlikely",
    "reportedly",
    "allegedly",
    "alleged",
    "apparently",
    "presumably",
    "purportedly",
    "supposedly",
    "suspected",
    "potentially",
    "possible",
    "potential",
    "rumored",
    "rumoured",
    "seems",
    "seemed",
    "appears",
    "appeared",
    "believed",
    "thought",
    "considering",
    "mulling",
];

/// Words that hedge what follows them when "to" comes next ("expected to").
const HEDGES_BEFORE_TO: [&str; 5] = ["said", "reported", "expected", "expects", "expect"];

/// Per word length, a bit per first letter ('a' bit 0) that some word of
/// [`HEDGES`] or [`HEDGES_BEFORE_TO`] of that length begins with: a body
/// sentence's every token is asked [`hedge`] once per article, most are
/// none, and the string match's jump on the length and comparisons
/// mispredicted about once a call.
const HEDGE_STARTS: [u32; 16] = {
    let mut starts = [0u32; 16];
    let mut i = 0;
    while i < HEDGES.len() + HEDGES_BEFORE_TO.len() {
        let w = if i < HEDGES.len() {
            HEDGES[i].as_bytes()
        } else {
            HEDGES_BEFORE_TO[i - HEDGES.len()].as_bytes()
        };
        assert!(w.len() < 16 && w[0].is_ascii_lowercase());
        starts[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    starts
};

/// True when `w` may be a word of [`HEDGES`] or [`HEDGES_BEFORE_TO`]:
/// its length and first letter are those of one of them.
#[inline]
fn may_hedge(w: &str) -> bool {
    let b = w.as_bytes();
    let Some(&first) = b.first() else { return false };
    let letter = first.wrapping_sub(b'a');
    b.len() < HEDGE_STARTS.len() && letter < 26 && HEDGE_STARTS[b.len()] >> letter & 1 != 0
}

/// A hedge at `tokens[i]` that weakens what follows it: a word of
/// [`HEDGES`], or of [`HEDGES_BEFORE_TO`] with "to" next.
#[inline]
pub fn hedge(tokens: &[Token], i: usize) -> bool {
    let w = tokens[i].folded.as_ref();
    may_hedge(w) && hedge_by_lists(tokens, i, w)
}

/// [`hedge`] by the word lists alone, without the prefilter (which its
/// test compares with them).
fn hedge_by_lists(tokens: &[Token], i: usize, w: &str) -> bool {
    HEDGES.contains(&w) || HEDGES_BEFORE_TO.contains(&w) && tokens.get(i + 1).is_some_and(|t| t.folded.as_ref() == "to")
}

/// A word that attributes a statement to someone, or hedges it, anywhere
/// in a unit's sentence: enough for the unit to keep the source's caution.
pub fn attribution_or_hedge(tokens: &[Token], i: usize) -> bool {
    if hedge(tokens, i) {
        return true;
    }
    matches!(
        tokens[i].folded.as_ref(),
        "said"
            | "says"
            | "say"
            | "told"
            | "tells"
            | "according"
            | "claim"
            | "claims"
            | "claimed"
            | "believe"
            | "believes"
            | "think"
            | "thinks"
            | "argue"
            | "argues"
            | "argued"
            | "suggest"
            | "suggests"
            | "suggested"
            | "estimate"
            | "estimates"
            | "estimated"
            | "predict"
            | "predicts"
            | "predicted"
            | "warn"
            | "warns"
            | "warned"
            | "accuse"
            | "accused"
            | "accuses"
            | "report"
            | "reports"
            | "reported"
            | "alleges"
            | "allege"
            | "would"
            | "plans"
            | "plan"
            | "planned"
            | "planning"
            | "aims"
            | "hopes"
            | "fears"
            | "feared"
            | "if"
    )
}

/// Source-sentence attribution that covers the whole sentence: "according
/// to", "reportedly", "allegedly".
pub fn sentence_attribution(tokens: &[Token], i: usize) -> Option<usize> {
    let w = tokens[i].folded.as_ref();
    let next = tokens.get(i + 1).map(|t| t.folded.as_ref());
    match w {
        "according" if next == Some("to") => Some(2),
        _ => None,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// more than, over, at least
    Above,
    /// less than, fewer than, under, up to
    Below,
}

impl Comparator {
    pub fn as_str(self) -> &'static str {
        match self {
            Comparator::Above => "more than",
            Comparator::Below => "less than",
        }
    }
}

/// The comparator right before the number at `tokens[i]`, if any, with the
/// index of its first token.
pub fn comparator(tokens: &[Token], i: usize) -> Option<(Comparator, usize)> {
    let w = |k: usize| -> &str { i.checked_sub(k).map_or("", |j| tokens[j].folded.as_ref()) };
    let (one, two, three) = (w(1), w(2), w(3));
    if matches!(two, "more" | "greater" | "higher") && one == "than" {
        return Some(if three == "no" {
            (Comparator::Below, i - 3)
        } else {
            (Comparator::Above, i - 2)
        });
    }
    if matches!(two, "less" | "fewer" | "lower") && one == "than" {
        return Some(if three == "no" {
            (Comparator::Above, i - 3)
        } else {
            (Comparator::Below, i - 2)
        });
    }
    if two == "at" && one == "least" {
        return Some((Comparator::Above, i - 2));
    }
    if two == "at" && one == "most" || two == "up" && one == "to" {
        return Some((Comparator::Below, i - 2));
    }
    if three == "as" && matches!(two, "many" | "much") && one == "as" {
        return Some((Comparator::Below, i - 3));
    }
    match one {
        "over" | "above" | "exceeding" => Some((Comparator::Above, i - 1)),
        "under" | "below" => Some((Comparator::Below, i - 1)),
        _ => None,
    }
}

const DATES: &[(&str, &str)] = &[
    ("january", "january"),
    ("jan", "january"),
    ("february", "february"),
    ("feb", "february"),
    ("april", "april"),
    ("apr", "april"),
    ("june", "june"),
    ("july", "july"),
    ("august", "august"),
    ("aug", "august"),
    ("september", "september"),
    ("sept", "september"),
    ("sep", "september"),
    ("october", "october"),
    ("oct", "october"),
    ("november", "november"),
    ("nov", "november"),
    ("december", "december"),
    ("dec", "december"),
    ("monday", "monday"),
    ("tuesday", "tuesday"),
    ("wednesday", "wednesday"),
    ("thursday", "thursday"),
    ("friday", "friday"),
    ("saturday", "saturday"),
    ("sunday", "sunday"),
];

/// A number with its multiplier written onto the digits ("5bn", "3.2mn",
/// "40mln"), as financial news writes amounts, or a time of day with its
/// "am"/"pm" written on ("8pm" is the 8 of "8 pm"). The tokenizer keeps
/// these as words (so alignment matches them as written); drift reads their
/// value.
pub fn suffixed_number(folded: &str) -> Option<Number> {
    if !may_be_suffixed_number(folded) {
        return None;
    }
    let digits_end = folded.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))?;
    let (digits, suffix) = folded.split_at(digits_end);
    let scale = match suffix {
        "bn" => 1e9,
        "mn" | "mln" => 1e6,
        "tn" => 1e12,
        "am" | "pm" => 1.0,
        _ => return None,
    };
    let value: f64 = digits.replace(',', "").parse().ok()?;
    Some(Number::new(value * scale))
}

/// False when `folded` cannot be a [`suffixed_number`]: a word that starts
/// with a letter has no digits to parse (an empty number never parses):
/// most words end here, before a search.
#[inline]
fn may_be_suffixed_number(folded: &str) -> bool {
    matches!(folded.as_bytes().first(), Some(b'0'..=b'9' | b'.' | b','))
}

/// The number a token stands for: a number token, or digits with a
/// multiplier written onto them ([`suffixed_number`]).
#[inline]
pub fn number_of(t: &Token) -> Option<Number> {
    match t.number() {
        Some(n) => Some(*n),
        // (The first byte tested here: asked of nearly every token, a call
        // each to find no digits cost more than the test.)
        None if may_be_suffixed_number(&t.folded) => suffixed_number(&t.folded),
        None => None,
    }
}

/// The time of day token `k` gives with its half of the day, on a 24-hour
/// clock: "10pm", "10 pm" and "10 p.m." are 22, "7.30am" is 7.3, "12am"
/// is 0. `None` when no "am"/"pm" goes with the number (a bare "10" may be
/// any hour), or the hour is not one of 1 to 12.
#[inline]
pub fn time_of_day(tokens: &[Token], k: usize) -> Option<f64> {
    // Asked of every body token: the common answer (a word that is not a
    // number and does not start with a digit) without a call.
    let t = &tokens[k];
    if t.number().is_none() && !matches!(t.folded.as_bytes().first(), Some(b'0'..=b'9' | b'.')) {
        return None;
    }
    time_of_day_of(tokens, k)
}

/// [`time_of_day`] past its first test.
fn time_of_day_of(tokens: &[Token], k: usize) -> Option<f64> {
    let t = &tokens[k];
    let meridiem = |folded: &str| match folded.trim_end_matches('.') {
        "am" | "a.m" => Some(false),
        "pm" | "p.m" => Some(true),
        _ => None,
    };
    let (hour, pm) = match t.number() {
        Some(n) if !n.ordinal && !n.percent => (n.value, meridiem(&tokens.get(k + 1)?.folded)?),
        Some(_) => return None,
        // Not a number: only digits with "am"/"pm" written on ("10pm") give a time.
        None if !matches!(t.folded.as_bytes().first(), Some(b'0'..=b'9' | b'.')) => return None,
        None => {
            let digits_end = t.folded.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
            let (digits, suffix) = t.folded.split_at(digits_end);
            (digits.parse().ok()?, meridiem(suffix)?)
        }
    };
    if !(1.0..13.0).contains(&hour) {
        return None;
    }
    // 12 is noon with "pm" and midnight with "am".
    let base = if hour >= 12.0 { hour - 12.0 } else { hour };
    Some(if pm { base + 12.0 } else { base })
}

/// "second" read as the ordinal 2 ("the second anniversary", "his second
/// goal"): only right before a content word, and not after a number or
/// "split" ("a 30 second delay", "a split second decision"), where it is
/// the unit of time. `src/text/numbers.rs` leaves "second" alone, since it
/// is more often the unit of time; the number rule reads it here, in
/// context.
#[inline]
pub fn ordinal_second(tokens: &[Token], k: usize) -> Option<Number> {
    let t = &tokens[k];
    if &*t.folded != "second" {
        return None;
    }
    let next = tokens.get(k + 1)?;
    let word = |x: &Token| x.number().is_none() && x.folded.chars().all(char::is_alphabetic);
    if next.stop || !word(next) || TIME_AFTER.contains(&next.folded.as_ref()) {
        return None;
    }
    if let Some(prev) = k.checked_sub(1).map(|i| &tokens[i]) {
        if prev.number().is_some() || &*prev.folded == "split" || &*prev.folded == "per" {
            return None;
        }
    }
    Some(Number {
        value: 2.0,
        percent: false,
        ordinal: true,
    })
}

/// Words after "second" that make it the unit of time ("a second later").
const TIME_AFTER: &[&str] = &[
    "later",
    "ago",
    "earlier",
    "longer",
    "left",
    "remaining",
    "delay",
    "or",
    "and",
];

/// The basic colour terms of English (Berlin and Kay's eleven, with
/// "grey"/"gray" and "violet"): a closed set of attributes that, like a
/// number or a date, a summary either keeps or changes. WordNet does not
/// always relate them ("white" is achromatic, "blue" chromatic).
const COLOURS: &[&str] = &[
    "black", "blue", "brown", "gray", "green", "grey", "orange", "pink", "purple", "red", "violet", "white", "yellow",
];

/// True for a basic colour term ([`COLOURS`]).
pub fn colour(folded: &str) -> bool {
    COLOURS.contains(&folded)
}

/// Prefixes written with a hyphen that make a word another role or thing
/// ("co-founder" is not the founder, "ex-wife" not the wife, "anti-war"
/// the opposite of "war"): a closed set of English prefixes.
const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "co", "counter", "ex", "half", "non", "post", "pre", "pro", "semi", "step", "vice",
];

/// True for a prefix in [`HYPHEN_PREFIXES`].
pub fn hyphen_prefix(folded: &str) -> bool {
    HYPHEN_PREFIXES.contains(&folded)
}

/// Words that stand for a number: "a decade" is 10 years, "a couple" 2.
#[inline]
pub fn number_word(folded: &str) -> Option<f64> {
    match folded {
        "decade" | "decades" => Some(10.0),
        "century" => Some(100.0),
        "couple" | "pair" | "twice" | "double" | "both" => Some(2.0),
        "triple" | "thrice" => Some(3.0),
        "half" => Some(50.0),
        _ => None,
    }
}

/// A bit (of 4096) for a word of `len` bytes from `first` to `last`.
const fn date_bit(len: usize, first: u8, last: u8) -> usize {
    let sketch = (len as u32) ^ ((first as u32) << 8) ^ ((last as u32) << 16);
    (sketch.wrapping_mul(0x9E37_79B1) >> 20) as usize
}

/// A one-hash Bloom filter over the words [`date_name`] looks up: each
/// name, and each day's name with an "s". A word without its bit is none
/// of them: most words are told so without a scan of [`DATES`].
static DATE_FILTER: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut i = 0;
    while i < DATES.len() {
        let k = DATES[i].0.as_bytes();
        let n = k.len();
        let bit = date_bit(n, k[0], k[n - 1]);
        bits[bit / 64] |= 1 << (bit % 64);
        if n >= 3 && k[n - 3] == b'd' && k[n - 2] == b'a' && k[n - 1] == b'y' {
            let bit = date_bit(n + 1, k[0], b's');
            bits[bit / 64] |= 1 << (bit % 64);
        }
        i += 1;
    }
    bits
};

/// The canonical month or weekday named by a folded word. "May" and
/// "March" are left out: as words they are far more often a verb.
pub fn date_name(folded: &str) -> Option<&'static str> {
    let w = folded.trim_end_matches('.');
    // Every name is 3 to 9 letters ("sundays" is 7): most words end here.
    if !(3..=10).contains(&w.len()) {
        return None;
    }
    // Nor, for most words, do its length and first and last letters fit a name.
    let b = w.as_bytes();
    let bit = date_bit(b.len(), b[0], b[b.len() - 1]);
    if DATE_FILTER[bit / 64] & (1 << (bit % 64)) == 0 {
        return None;
    }
    let found = DATES.iter().find(|(k, _)| *k == w).map(|(_, v)| *v);
    // "on Sundays"
    found.or_else(|| {
        let singular = w.strip_suffix('s')?;
        DATES
            .iter()
            .find(|(k, _)| *k == singular && k.ends_with("day"))
            .map(|(_, v)| *v)
    })
}

/// Days a body word stands for: "weekend" covers Saturday and Sunday.
#[inline]
pub fn days_of(folded: &str) -> &'static [&'static str] {
    match folded {
        "weekend" | "weekends" => &["saturday", "sunday"],
        "weekday" | "weekdays" => &["monday", "tuesday", "wednesday", "thursday", "friday"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn toks(text: &str) -> Vec<Token> {
        tokenize(text, 0, text.len())
    }

    /// The cue tests that look at a word's first byte where they are asked
    /// answer as the full tests do, for every WordNet lemma (before "to"
    /// and before another word) and for the cues themselves, digits with
    /// multipliers and words of other scripts.
    #[test]
    fn cue_tests_with_a_first_byte_filter_are_the_full_tests() {
        let lemmas = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/wordnet/lemmas.txt"))
            .expect("the WordNet lemmas");
        let extra = "may might could possibly perhaps probably likely unlikely reportedly allegedly alleged \
            apparently presumably purportedly supposedly suspected potentially possible potential rumored \
            rumoured seems seemed appears appeared believed thought considering mulling said reported \
            expected expects expect not no never none nobody nothing neither nor cannot nowhere yet fail \
            fails failed failing refuse refuses refused refusing deny denies denied denying don't didn't \
            dont didnt wont cant isnt 5bn 3.2mn 40mln 8pm 7.30am .5tn ,5bn 12 1,000 Été Ölçü ß 東京 _x 9to";
        let words = lemmas
            .lines()
            .filter_map(|l| l.split('\t').next())
            .filter(|w| !w.contains(['_', ' ']))
            .chain(extra.split_whitespace());
        let mut asked = 0;
        for w in words {
            for next in ["to", "go"] {
                let text = format!("{w} {next}");
                let tokens = toks(&text);
                for i in 0..tokens.len() {
                    let t = &tokens[i];
                    assert_eq!(negation(&tokens, i), negation_of(&tokens, i), "{text:?} {i}");
                    let plain = t.number().copied().or_else(|| suffixed_number(&t.folded));
                    assert_eq!(number_of(t), plain, "{text:?} {i}");
                    asked += 1;
                }
            }
        }
        assert!(asked > 100_000, "{asked}");
    }

    #[test]
    fn phrasal_verb_particles() {
        assert!(particle("ahead") && particle("forward") && particle("back"));
        assert!(!particle("hurriedly") && !particle("toward"));
    }

    #[test]
    fn pipeline_placeholders() {
        assert!(placeholder("UNK") && placeholder("unk") && placeholder("LRB") && placeholder("RCB"));
        // Real acronyms and words that merely contain the letters.
        assert!(!placeholder("UN") && !placeholder("UNICEF") && !placeholder("Unk") && !placeholder("LRBA"));
    }

    #[test]
    fn times_of_day_on_a_24_hour_clock() {
        let at = |text: &str| {
            let t = toks(text);
            (0..t.len()).find_map(|k| time_of_day(&t, k))
        };
        assert_eq!(at("at 10pm"), Some(22.0));
        assert_eq!(at("at 10 pm"), Some(22.0));
        assert_eq!(at("at 10 p.m. on Friday"), Some(22.0));
        assert_eq!(at("at 10am"), Some(10.0));
        assert_eq!(at("at 7.30am"), Some(7.3));
        assert_eq!(at("12pm"), Some(12.0));
        assert_eq!(at("12 am"), Some(0.0));
        // No half of the day, or not an hour.
        assert_eq!(at("at 10 o'clock"), None);
        assert_eq!(at("10 people"), None);
        assert_eq!(at("at 15pm"), None);
    }

    #[test]
    fn second_as_an_ordinal_only_before_a_content_word() {
        let second = |text: &str| {
            let t = toks(text);
            (0..t.len())
                .find_map(|k| ordinal_second(&t, k))
                .map(|n| (n.value, n.ordinal))
        };
        assert_eq!(second("the second anniversary of the war"), Some((2.0, true)));
        assert_eq!(second("his second goal"), Some((2.0, true)));
        assert_eq!(second("the Second World War"), Some((2.0, true)));
        // The unit of time, or a verb.
        assert_eq!(second("a second later"), None);
        assert_eq!(second("for a second."), None);
        assert_eq!(second("a 30 second delay"), None);
        assert_eq!(second("a split second decision"), None);
        assert_eq!(second("I second the motion"), None);
        assert_eq!(second("30 seconds"), None);
    }

    #[test]
    fn basic_colour_terms() {
        assert!(colour("yellow") && colour("white") && colour("grey") && colour("gray"));
        assert!(!colour("golden") && !colour("paint") && !colour("Blue"));
    }

    #[test]
    fn prefixes_that_change_a_word() {
        assert!(hyphen_prefix("co") && hyphen_prefix("ex") && hyphen_prefix("vice") && hyphen_prefix("anti"));
        assert!(!hyphen_prefix("re") && !hyphen_prefix("well") && !hyphen_prefix("Co"));
    }

    #[test]
    fn multipliers_written_onto_digits() {
        assert_eq!(suffixed_number("5bn").map(|n| n.value), Some(5e9));
        assert_eq!(suffixed_number("4.9bn").map(|n| n.value), Some(4.9e9));
        assert_eq!(suffixed_number("3mn").map(|n| n.value), Some(3e6));
        // A time of day: the hour, as "8 pm" reads.
        assert_eq!(suffixed_number("8pm").map(|n| n.value), Some(8.0));
        assert_eq!(suffixed_number("7.30am").map(|n| n.value), Some(7.3));
        // A unit, not a multiplier; and a plain word.
        assert_eq!(suffixed_number("5kg"), None);
        assert_eq!(suffixed_number("bn"), None);
    }

    #[test]
    fn negation_cues() {
        let t = toks("did not approve; hasn't decided; has yet to decide; failed to act");
        let cues: Vec<&str> = (0..t.len())
            .filter(|&i| negation(&t, i).is_some())
            .map(|i| t[i].folded.as_ref())
            .collect();
        assert_eq!(cues, ["not", "hasn't", "yet", "failed"]);
    }

    #[test]
    fn comparators_read_the_words_before_a_number() {
        let t = toks("more than 150 and fewer than 150 and as many as 800 and no more than 5");
        let found: Vec<Comparator> = (0..t.len())
            .filter(|&i| t[i].number().is_some())
            .filter_map(|i| comparator(&t, i).map(|c| c.0))
            .collect();
        assert_eq!(
            found,
            [
                Comparator::Above,
                Comparator::Below,
                Comparator::Below,
                Comparator::Below
            ]
        );
    }

    #[test]
    fn dates_and_hedges() {
        assert_eq!(date_name("oct."), Some("october"));
        for (key, name) in DATES {
            assert_eq!(date_name(key), Some(*name), "{key}");
            if key.ends_with("day") {
                assert_eq!(date_name(&format!("{key}s")), Some(*name), "{key}s");
            }
        }
        assert_eq!(date_name("may"), None);
        let t = toks("is expected to announce");
        assert!(hedge(&t, 1));
    }

    /// [`hedge`] with its length and first-letter prefilter answers what
    /// the plain string match does: on every hedge word (before "to" and
    /// not), words one letter off, other lengths and first letters,
    /// capitals, digits, non-ASCII and empty-ish tokens.
    #[test]
    fn the_hedge_prefilter_turns_away_no_listed_word() {
        let mut words: Vec<String> = HEDGES.iter().chain(&HEDGES_BEFORE_TO).map(|w| w.to_string()).collect();
        for w in HEDGES.iter().chain(&HEDGES_BEFORE_TO) {
            words.push(format!("{w}s"));
            words.push(w[1..].to_string());
            words.push(format!("x{}", &w[1..]));
            words.push(w.to_uppercase());
        }
        words.extend(
            [
                "to",
                "the",
                "a",
                "mayor",
                "said",
                "sad",
                "é",
                "éxpected",
                "1st",
                "zzzzzzzzzzzzzzzzzz",
                "'may",
                "abcdefghijklmnop",
            ]
            .map(String::from),
        );
        for w in &words {
            for next in ["to", "the", "."] {
                let text = format!("{w} {next} x");
                let t = toks(&text);
                for i in 0..t.len() {
                    assert_eq!(
                        hedge(&t, i),
                        hedge_by_lists(&t, i, t[i].folded.as_ref()),
                        "{text:?} token {i}"
                    );
                }
            }
        }
        // Every length and first byte the prefilter can see.
        for len in 1..20 {
            for first in 0..=255u8 {
                if let Ok(w) = std::str::from_utf8(&[first]) {
                    let w = format!("{w}{}", "a".repeat(len - 1));
                    let plain = HEDGES.contains(&w.as_str()) || HEDGES_BEFORE_TO.contains(&w.as_str());
                    assert!(may_hedge(&w) || !plain, "{w}");
                }
            }
        }
        for w in HEDGES.iter().chain(&HEDGES_BEFORE_TO) {
            assert!(may_hedge(w), "{w}");
        }
    }
}

/// Pairs of common English opposites. A unit that says one where its
/// source sentence says the other has flipped the claim just as surely as
/// a dropped "not" ("sales fell" for "sales rose").
const OPPOSITES: &[(&str, &str)] = &[
    ("increase", "decrease"),
    ("increase", "reduce"),
    ("increase", "cut"),
    ("rise", "fall"),
    ("rise", "drop"),
    ("rise", "decline"),
    ("gain", "loss"),
    ("gain", "lose"),
    ("win", "lose"),
    ("won", "lost"),
    ("victory", "defeat"),
    ("buy", "sell"),
    ("bought", "sold"),
    ("buyer", "seller"),
    ("accept", "reject"),
    ("accept", "refuse"),
    ("approve", "reject"),
    ("allow", "ban"),
    ("allow", "forbid"),
    ("support", "oppose"),
    ("guilty", "innocent"),
    ("convict", "acquit"),
    ("convicted", "acquitted"),
    ("open", "close"),
    ("open", "shut"),
    ("start", "end"),
    ("begin", "end"),
    ("first", "last"),
    ("higher", "lower"),
    ("high", "low"),
    ("largest", "smallest"),
    ("larger", "smaller"),
    ("large", "small"),
    ("big", "small"),
    ("long", "short"),
    ("strong", "weak"),
    ("positive", "negative"),
    ("success", "failure"),
    ("succeed", "fail"),
    ("thrive", "struggle"),
    ("thriving", "struggling"),
    ("upturn", "downturn"),
    ("expand", "shrink"),
    ("expand", "contract"),
    ("grow", "shrink"),
    ("rich", "poor"),
    ("cheap", "expensive"),
    ("young", "old"),
    ("early", "late"),
    ("earlier", "later"),
    ("legal", "illegal"),
    ("include", "exclude"),
    ("arrive", "depart"),
    ("float", "sink"),
    ("survive", "die"),
    ("alive", "dead"),
    ("friend", "enemy"),
    ("ally", "enemy"),
    ("peace", "war"),
    ("peaceful", "violent"),
    ("safe", "dangerous"),
    ("best", "worst"),
    ("better", "worse"),
    ("praise", "criticize"),
    ("praise", "criticise"),
    ("agree", "disagree"),
    ("true", "false"),
    ("hire", "fire"),
    ("import", "export"),
    ("north", "south"),
    ("east", "west"),
    ("male", "female"),
    ("man", "woman"),
    ("men", "women"),
    ("husband", "wife"),
    ("son", "daughter"),
    ("father", "mother"),
    ("brother", "sister"),
    ("boy", "girl"),
    ("king", "queen"),
    ("morning", "evening"),
    ("summer", "winter"),
    ("minimum", "maximum"),
    ("majority", "minority"),
    ("public", "private"),
    ("domestic", "foreign"),
    ("arrest", "release"),
    ("attack", "defend"),
    ("borrow", "lend"),
    ("deny", "admit"),
    ("deny", "confirm"),
    ("remember", "forget"),
    ("optimistic", "pessimistic"),
    ("boost", "cut"),
    ("surplus", "deficit"),
    ("profit", "loss"),
    ("ahead", "behind"),
];

/// The stems of the opposites of the word with stem `stem`.
pub fn opposites(stem: &str) -> &'static [String] {
    use rustc_hash::FxHashMap as HashMap;
    use std::sync::OnceLock;
    // FxHash: short stems, looked up for many unit words.
    static TABLE: OnceLock<HashMap<String, Vec<String>>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<String>> = HashMap::default();
        for (a, b) in OPPOSITES {
            let (a, b) = (crate::text::stem(a), crate::text::stem(b));
            table.entry(a.clone()).or_default().push(b.clone());
            table.entry(b).or_default().push(a);
        }
        table
    });
    table.get(stem).map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod opposite_tests {
    use super::*;

    #[test]
    fn opposites_match_inflections() {
        assert!(opposites(&crate::text::stem("falls")).contains(&crate::text::stem("rises")));
        assert!(opposites(&crate::text::stem("decreased")).contains(&crate::text::stem("increase")));
    }
}
