//! Checks the committed lexicon and WordNet data: the text lists are clean (sorted,
//! unique, lower-case, no blank lines) and the committed `.fst` files are
//! exactly what the builder makes from them.
//!
//! Why: the `.fst` bytes are embedded in the binary and not reviewable by
//! eye; this keeps them tied to the reviewable text lists (like typos-cli's
//! codegen test). If it fails after editing a list, run
//! `cargo run --example gen_lexicon_fst`.

use std::fs;
use std::path::PathBuf;

use sumlint::text::{lexicon, synonyms};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/lexicon")
}

#[test]
fn text_lists_are_clean() {
    for (text, _, is_map) in lexicon::DATA_FILES {
        let path = data_dir().join(text);
        let content = fs::read_to_string(&path).expect("lexicon text list is readable");
        assert!(content.ends_with('\n'), "{text}: missing final newline");
        let mut previous: Option<&str> = None;
        let mut count = 0;
        for (n, line) in content.lines().enumerate() {
            let word = if is_map {
                let (word, freq) = line
                    .split_once('\t')
                    .unwrap_or_else(|| panic!("{text}:{}: no tab", n + 1));
                assert!(freq.parse::<u64>().is_ok(), "{text}:{}: bad count {freq:?}", n + 1);
                word
            } else {
                line
            };
            assert!(!word.is_empty(), "{text}:{}: empty line", n + 1);
            assert_eq!(word, word.to_lowercase(), "{text}:{}: not lower-case", n + 1);
            assert!(
                word.chars().all(|c| c.is_alphabetic() || c == '\''),
                "{text}:{}: odd character in {word:?}",
                n + 1
            );
            if let Some(prev) = previous {
                // Byte order is the order fst needs; strict means no duplicates.
                assert!(
                    prev.as_bytes() < word.as_bytes(),
                    "{text}:{}: {prev:?} !< {word:?}",
                    n + 1
                );
            }
            previous = Some(word);
            count += 1;
        }
        assert!(count > 1000, "{text}: only {count} entries");
    }
}

#[test]
fn word_sets_are_disjoint() {
    let read = |name: &str| fs::read_to_string(data_dir().join(name)).expect("readable");
    let common = read("words-common.txt");
    let common: std::collections::HashSet<&str> = common.lines().collect();
    for name in ["words-us.txt", "words-gb.txt"] {
        let only = read(name);
        for word in only.lines() {
            assert!(!common.contains(word), "{word} is in both words-common.txt and {name}");
        }
    }
}

#[test]
fn committed_fst_files_match_text_lists() {
    for (text, fst_name, is_map) in lexicon::DATA_FILES {
        let built = lexicon::build_fst_bytes(&data_dir().join(text), is_map).expect("text list builds");
        let committed = fs::read(data_dir().join(fst_name)).expect("committed fst is readable");
        assert!(
            built == committed,
            "{fst_name} is stale: run `cargo run --example gen_lexicon_fst`"
        );
    }
    for (text, fst_name) in lexicon::REVERSED_FILES {
        let built = lexicon::build_reversed_fst_bytes(&data_dir().join(text)).expect("text list builds");
        let committed = fs::read(data_dir().join(fst_name)).expect("committed fst is readable");
        assert!(
            built == committed,
            "{fst_name} is stale: run `cargo run --example gen_lexicon_fst`"
        );
    }
}

#[test]
fn committed_union_set_matches_text_lists() {
    let lists: Vec<PathBuf> = lexicon::ANY_LISTS.iter().map(|text| data_dir().join(text)).collect();
    let lists: Vec<&std::path::Path> = lists.iter().map(PathBuf::as_path).collect();
    for (fst_name, reversed) in [(lexicon::ANY_FILE, false), (lexicon::ANY_REVERSED_FILE, true)] {
        let built = lexicon::build_union_fst_bytes(&lists, reversed).expect("text lists build");
        let committed = fs::read(data_dir().join(fst_name)).expect("committed fst is readable");
        assert!(
            built == committed,
            "{fst_name} is stale: run `cargo run --example gen_lexicon_fst`"
        );
    }
}

#[test]
fn committed_frequent_forms_table_matches_text_lists() {
    let built = lexicon::build_frequent_forms_bytes(&data_dir()).expect("lexicon text lists are readable");
    let committed = fs::read(data_dir().join(lexicon::FREQUENT_FORMS_FILE)).expect("committed table is readable");
    assert!(
        built == committed,
        "{} is stale: run `cargo run --example gen_lexicon_fst`",
        lexicon::FREQUENT_FORMS_FILE
    );
}

#[test]
fn committed_frequent_words_table_matches_the_frequent_forms() {
    let table = fs::read(data_dir().join(lexicon::FREQUENT_FORMS_FILE)).expect("committed table is readable");
    let committed = fs::read(data_dir().join(lexicon::FREQUENT_WORDS_FILE)).expect("committed table is readable");
    assert!(
        sumlint::text::build_frequent_words_bytes(&table) == committed,
        "{} is stale: run `cargo run --example gen_lexicon_fst`",
        lexicon::FREQUENT_WORDS_FILE
    );
}

#[test]
fn committed_frequent_senses_table_matches_the_frequent_forms() {
    let table = fs::read(data_dir().join(lexicon::FREQUENT_FORMS_FILE)).expect("committed table is readable");
    let committed = fs::read(wordnet_dir().join(synonyms::FREQUENT_SENSES_FILE)).expect("committed table is readable");
    assert!(
        synonyms::build_frequent_senses_bytes(&table) == committed,
        "{} is stale: run `cargo run --example gen_lexicon_fst`",
        synonyms::FREQUENT_SENSES_FILE
    );
}

fn wordnet_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/wordnet")
}

#[test]
fn wordnet_lists_are_clean() {
    let lemmas = fs::read_to_string(wordnet_dir().join("lemmas.txt")).expect("lemmas.txt is readable");
    let synsets = fs::read_to_string(wordnet_dir().join("synsets.txt")).expect("synsets.txt is readable");
    let synset_count = synsets.lines().count();
    assert!(synset_count > 100_000, "only {synset_count} synsets");
    let mut previous: Option<&str> = None;
    for (n, line) in lemmas.lines().enumerate() {
        let (lemma, ids) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("lemmas.txt:{}: no tab", n + 1));
        assert!(
            !lemma.is_empty() && lemma.chars().all(|c| c.is_ascii_lowercase() || c == '\''),
            "lemmas.txt:{}: odd lemma {lemma:?}",
            n + 1
        );
        if let Some(prev) = previous {
            assert!(
                prev.as_bytes() < lemma.as_bytes(),
                "lemmas.txt:{}: {prev:?} !< {lemma:?}",
                n + 1
            );
        }
        previous = Some(lemma);
        assert!(!ids.is_empty(), "lemmas.txt:{}: no synsets", n + 1);
        for id in ids.split(' ') {
            let id: usize = id
                .parse()
                .unwrap_or_else(|_| panic!("lemmas.txt:{}: bad id {id:?}", n + 1));
            assert!(id < synset_count, "lemmas.txt:{}: synset {id} does not exist", n + 1);
        }
    }
}

#[test]
fn committed_wordnet_binaries_match_text_lists() {
    let built = synonyms::build_bytes(&wordnet_dir()).expect("WordNet text lists build");
    for (name, bytes) in synonyms::BINARY_FILES.iter().zip(built) {
        let committed = fs::read(wordnet_dir().join(name)).expect("committed WordNet file is readable");
        assert!(
            bytes == committed,
            "{name} is stale: run `cargo run --example gen_lexicon_fst`"
        );
    }
}
