//! English function words: they carry no content, so alignment and drift
//! checks give them no weight.

/// Sorted, so the list reads (and diffs) as one; looked up through a hash set.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "nor",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

/// True for a folded (lowercase) function word.
pub fn is_stopword(folded: &str) -> bool {
    // Function words are at most 10 bytes: longer words need no lookup.
    // A hash set, not a binary search: this runs for every token of every
    // check, and eight string compares cost more than one short hash.
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> = std::sync::OnceLock::new();
    folded.len() <= MAX_LEN && SET.get_or_init(|| STOPWORDS.iter().copied().collect()).contains(folded)
}

/// The longest function word, in bytes.
const MAX_LEN: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_and_unique() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]), "STOPWORDS must stay sorted");
        assert_eq!(STOPWORDS.iter().map(|w| w.len()).max(), Some(MAX_LEN));
    }

    #[test]
    fn content_words_are_not_stopwords() {
        assert!(is_stopword("the"));
        assert!(!is_stopword("putin"));
        assert!(!is_stopword("not"), "negation is content for drift checks");
    }
}
