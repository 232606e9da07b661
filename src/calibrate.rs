//! Calibration: from document scores and human labels (1 consistent,
//! 0 not) to the score threshold that best separates them, with the
//! measures the literature reports (balanced accuracy, ROC-AUC).
//!
//! This is what `sumlint calibrate` runs, so a newsroom can choose its own
//! threshold on its own labelled summaries, and what docs/drift.md uses to
//! report sumlint's accuracy with a cross-validated threshold.

/// A scored, labelled record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Labelled {
    pub score: f64,
    pub consistent: bool,
}

/// Counts of a threshold's decisions (score ≥ threshold means consistent).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Consistent, kept.
    pub true_consistent: usize,
    /// Consistent, flagged.
    pub false_flagged: usize,
    /// Inconsistent, flagged.
    pub true_flagged: usize,
    /// Inconsistent, kept.
    pub missed: usize,
}

impl Counts {
    pub fn of(records: &[Labelled], threshold: f64) -> Counts {
        let mut c = Counts::default();
        for r in records {
            match (r.consistent, r.score >= threshold) {
                (true, true) => c.true_consistent += 1,
                (true, false) => c.false_flagged += 1,
                (false, false) => c.true_flagged += 1,
                (false, true) => c.missed += 1,
            }
        }
        c
    }

    pub fn add(&mut self, other: Counts) {
        self.true_consistent += other.true_consistent;
        self.false_flagged += other.false_flagged;
        self.true_flagged += other.true_flagged;
        self.missed += other.missed;
    }

    /// Mean of the recall on each class; 0.5 is chance whatever the balance.
    pub fn balanced_accuracy(&self) -> f64 {
        let recall = |hit: usize, miss: usize| {
            if hit + miss == 0 {
                0.0
            } else {
                hit as f64 / (hit + miss) as f64
            }
        };
        (recall(self.true_consistent, self.false_flagged) + recall(self.true_flagged, self.missed)) / 2.0
    }
}

/// The result of calibrating on a set of records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calibration {
    pub threshold: f64,
    pub balanced_accuracy: f64,
    pub roc_auc: f64,
    pub counts: Counts,
    pub consistent: usize,
    pub inconsistent: usize,
}

/// The threshold maximising balanced accuracy on `records` (midway between
/// neighbouring scores, so it generalises to scores not seen).
pub fn best_threshold(records: &[Labelled]) -> f64 {
    let mut scores: Vec<f64> = records.iter().map(|r| r.score).collect();
    scores.sort_by(f64::total_cmp);
    scores.dedup();
    let mut candidates: Vec<f64> = scores.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    if let (Some(first), Some(last)) = (scores.first(), scores.last()) {
        candidates.push(first - 1e-9);
        candidates.push(last + 1e-9);
    }
    let mut best = (f64::NEG_INFINITY, 0.5);
    for t in candidates {
        let ba = Counts::of(records, t).balanced_accuracy();
        if ba > best.0 + 1e-12 {
            best = (ba, t);
        }
    }
    best.1
}

/// Area under the ROC curve: the chance that a random consistent record
/// scores above a random inconsistent one (ties count half).
pub fn roc_auc(records: &[Labelled]) -> f64 {
    let mut sorted: Vec<&Labelled> = records.iter().collect();
    sorted.sort_by(|a, b| a.score.total_cmp(&b.score));
    let positives = records.iter().filter(|r| r.consistent).count() as f64;
    let negatives = records.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return 0.5;
    }
    // Rank-sum (Mann–Whitney U) with average ranks for ties.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1].score == sorted[i].score {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += sorted[i..=j].iter().filter(|r| r.consistent).count() as f64 * rank;
        i = j + 1;
    }
    (rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives)
}

/// Calibrates on all of `records`.
pub fn calibrate(records: &[Labelled]) -> Calibration {
    let threshold = best_threshold(records);
    let counts = Counts::of(records, threshold);
    Calibration {
        threshold,
        balanced_accuracy: counts.balanced_accuracy(),
        roc_auc: roc_auc(records),
        counts,
        consistent: records.iter().filter(|r| r.consistent).count(),
        inconsistent: records.iter().filter(|r| !r.consistent).count(),
    }
}

/// Balanced accuracy with a threshold chosen on held-out folds: the records
/// are cut into `folds` contiguous blocks (so summaries of one article stay
/// together), each block is judged with the threshold that is best on the
/// others, and the decisions are pooled.
pub fn cross_validated(records: &[Labelled], folds: usize) -> (f64, Counts) {
    let folds = folds.clamp(2, records.len().max(2));
    let size = records.len().div_ceil(folds);
    let mut pooled = Counts::default();
    for f in 0..folds {
        let start = (f * size).min(records.len());
        let end = ((f + 1) * size).min(records.len());
        let train: Vec<Labelled> = records[..start].iter().chain(&records[end..]).copied().collect();
        let threshold = best_threshold(&train);
        pooled.add(Counts::of(&records[start..end], threshold));
    }
    (pooled.balanced_accuracy(), pooled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn l(score: f64, consistent: bool) -> Labelled {
        Labelled { score, consistent }
    }

    #[test]
    fn separable_scores_give_a_perfect_threshold() {
        let records = [l(0.9, true), l(0.8, true), l(0.3, false), l(0.2, false)];
        let c = calibrate(&records);
        assert!(c.threshold > 0.3 && c.threshold < 0.8, "{}", c.threshold);
        assert_eq!(c.balanced_accuracy, 1.0);
        assert_eq!(c.roc_auc, 1.0);
    }

    #[test]
    fn auc_counts_ties_as_half() {
        let records = [l(0.5, true), l(0.5, false)];
        assert_eq!(roc_auc(&records), 0.5);
        let reversed = [l(0.1, true), l(0.9, false)];
        assert_eq!(roc_auc(&reversed), 0.0);
    }

    #[test]
    fn balanced_accuracy_ignores_class_balance() {
        // Calling everything consistent is chance, however many there are.
        let records = [l(0.9, true), l(0.9, true), l(0.9, true), l(0.9, false)];
        assert_eq!(Counts::of(&records, 0.0).balanced_accuracy(), 0.5);
    }

    #[test]
    fn cross_validation_judges_each_fold_on_the_others() {
        let records = [l(0.9, true), l(0.2, false), l(0.8, true), l(0.1, false)];
        let (ba, counts) = cross_validated(&records, 2);
        assert_eq!(ba, 1.0);
        assert_eq!(counts.true_consistent + counts.true_flagged, 4);
    }
}
