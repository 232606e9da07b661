//! A run of words as numbers, with where each word occurs.
//!
//! Why: searching a body for a run of words (a quotation, a copied
//! fragment) should cost the occurrences of the words looked for, not the
//! body's length, and comparing numbers is cheaper than comparing strings.
//! The drift quotation check and the duplication measures both search the
//! body this way; what counts as the same word is theirs to say.

use rustc_hash::FxHashMap;

#[derive(Debug, Default)]
pub struct WordIndex {
    ids: FxHashMap<Box<str>, u32>,
    /// Every word in order, as its id.
    words: Vec<u32>,
    /// Positions in `words` of each id.
    positions: Vec<Vec<usize>>,
}

impl WordIndex {
    /// Appends `word`; returns its id. Looked up before it is copied:
    /// most words of a text repeat.
    pub fn push(&mut self, word: &str) -> u32 {
        let id = match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.positions.len() as u32;
                self.ids.insert(word.into(), id);
                self.positions.push(Vec::new());
                id
            }
        };
        self.positions[id as usize].push(self.words.len());
        self.words.push(id);
        id
    }

    /// The id of `word`, if the run has it.
    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Where the word `id` occurs (none for an id the run does not have).
    pub fn positions(&self, id: u32) -> &[usize] {
        self.positions.get(id as usize).map_or(&[], Vec::as_slice)
    }

    /// The words from position `start` on, as ids.
    pub fn from(&self, start: usize) -> &[u32] {
        self.words.get(start..).unwrap_or(&[])
    }

    /// Number of words in the run.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_repeat_under_one_id() {
        let mut index = WordIndex::default();
        let ids: Vec<u32> = "a b a c".split(' ').map(|w| index.push(w)).collect();
        assert_eq!(ids, [0, 1, 0, 2]);
        assert_eq!(index.positions(0), [0, 2]);
        assert_eq!(index.positions(u32::MAX), [] as [usize; 0]);
        assert_eq!(index.id("c"), Some(2));
        assert_eq!(index.id("d"), None);
        assert_eq!(index.from(2), [0, 2]);
        assert_eq!(index.len(), 4);
    }
}
