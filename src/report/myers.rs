//! Myers' diff of two sequences of word numbers, for [`super::diff`].
//!
//! Why not `similar::capture_diff_slices` itself: in a `check` with the
//! text report, that call was a sixth of the run. This is the same
//! algorithm, step for step, so it gives the same edit script: a port of
//! `similar` 2.7.0's `src/algorithms/myers.rs` (Apache-2.0; by Armin
//! Ronacher, Pierre-Étienne Meunier and Brandon Williams; see
//! `data/LICENSE-similar.txt`). Changed here: specialised to `&[u32]`, with
//! the common prefix and suffix compared on slices, no deadline, and the
//! result handed to `similar`'s own `Compact`, `Replace` and `Capture`
//! hooks as `capture_diff_slices` does. A property test compares the two
//! on random sequences.

use similar::algorithms::{Capture, Compact, DiffHook, Replace};
use similar::DiffOp;
use std::ops::Range;

/// The diff operations of `old` against `new`: what
/// `similar::capture_diff_slices(Algorithm::Myers, old, new)` returns.
pub fn capture_diff(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    let mut hook = Compact::new(Replace::new(Capture::new()), old, new);
    let max_d = max_d(old.len(), new.len());
    let mut forward = V::new(max_d);
    let mut backward = V::new(max_d);
    let result = conquer(
        &mut hook,
        old,
        0..old.len(),
        new,
        0..new.len(),
        &mut forward,
        &mut backward,
    )
    .and_then(|()| hook.finish());
    match result {
        Ok(()) => hook.into_inner().into_inner().into_ops(),
        Err(never) => match never {},
    }
}

/// A diagonal-indexed row of furthest reaching x positions.
struct V {
    offset: isize,
    v: Vec<usize>,
}

impl V {
    fn new(max_d: usize) -> V {
        V {
            offset: max_d as isize,
            v: vec![0; 2 * max_d],
        }
    }

    #[inline(always)]
    fn get(&self, k: isize) -> usize {
        self.v[(k + self.offset) as usize]
    }

    #[inline(always)]
    fn set(&mut self, k: isize, x: usize) {
        self.v[(k + self.offset) as usize] = x;
    }
}

fn max_d(len1: usize, len2: usize) -> usize {
    (len1 + len2).div_ceil(2) + 1
}

#[inline(always)]
fn common_prefix_len(old: &[u32], new: &[u32]) -> usize {
    old.iter().zip(new).take_while(|(a, b)| a == b).count()
}

#[inline(always)]
fn common_suffix_len(old: &[u32], new: &[u32]) -> usize {
    old.iter()
        .rev()
        .zip(new.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
}

fn find_middle_snake(
    old: &[u32],
    old_range: Range<usize>,
    new: &[u32],
    new_range: Range<usize>,
    vf: &mut V,
    vb: &mut V,
) -> Option<(usize, usize)> {
    let n = old_range.len();
    let m = new_range.len();
    let old = &old[old_range.clone()];
    let new = &new[new_range.clone()];
    let delta = n as isize - m as isize;
    let odd = delta & 1 == 1;
    vf.set(1, 0);
    vb.set(1, 0);
    let d_max = max_d(n, m);
    assert!(vf.v.len() >= d_max && vb.v.len() >= d_max);
    for d in 0..d_max as isize {
        // k from d down to -d by twos (`(-d..=d).rev().step_by(2)`, which
        // cost a division and more branches per step).
        let mut k = d;
        while k >= -d {
            let mut x = if k == -d || (k != d && vf.get(k - 1) < vf.get(k + 1)) {
                vf.get(k + 1)
            } else {
                vf.get(k - 1) + 1
            };
            let y = (x as isize - k) as usize;
            let (x0, y0) = (x, y);
            if x < n && y < m {
                x += common_prefix_len(&old[x..], &new[y..]);
            }
            vf.set(k, x);
            if odd && (k - delta).abs() < d && vf.get(k) + vb.get(-(k - delta)) >= n {
                return Some((x0 + old_range.start, y0 + new_range.start));
            }
            k -= 2;
        }
        let mut k = d;
        while k >= -d {
            let mut x = if k == -d || (k != d && vb.get(k - 1) < vb.get(k + 1)) {
                vb.get(k + 1)
            } else {
                vb.get(k - 1) + 1
            };
            let mut y = (x as isize - k) as usize;
            if x < n && y < m {
                let advance = common_suffix_len(&old[..n - x], &new[..m - y]);
                x += advance;
                y += advance;
            }
            vb.set(k, x);
            if !odd && (k - delta).abs() <= d && vb.get(k) + vf.get(-(k - delta)) >= n {
                return Some((n - x + old_range.start, m - y + new_range.start));
            }
            k -= 2;
        }
    }
    None
}

fn conquer<D: DiffHook>(
    d: &mut D,
    old: &[u32],
    mut old_range: Range<usize>,
    new: &[u32],
    mut new_range: Range<usize>,
    vf: &mut V,
    vb: &mut V,
) -> Result<(), D::Error> {
    let prefix = common_prefix_len(&old[old_range.clone()], &new[new_range.clone()]);
    if prefix > 0 {
        d.equal(old_range.start, new_range.start, prefix)?;
    }
    old_range.start += prefix;
    new_range.start += prefix;
    let suffix = common_suffix_len(&old[old_range.clone()], &new[new_range.clone()]);
    let suffix_at = (old_range.end - suffix, new_range.end - suffix);
    old_range.end -= suffix;
    new_range.end -= suffix;

    if old_range.is_empty() && new_range.is_empty() {
        // Nothing between the common prefix and suffix.
    } else if new_range.is_empty() {
        d.delete(old_range.start, old_range.len(), new_range.start)?;
    } else if old_range.is_empty() {
        d.insert(old_range.start, new_range.start, new_range.len())?;
    } else if let Some((x, y)) = find_middle_snake(old, old_range.clone(), new, new_range.clone(), vf, vb) {
        conquer(d, old, old_range.start..x, new, new_range.start..y, vf, vb)?;
        conquer(d, old, x..old_range.end, new, y..new_range.end, vf, vb)?;
    } else {
        d.delete(old_range.start, old_range.len(), new_range.start)?;
        d.insert(old_range.start, new_range.start, new_range.len())?;
    }
    if suffix > 0 {
        d.equal(suffix_at.0, suffix_at.1, suffix)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use similar::Algorithm;

    #[test]
    fn the_same_ops_as_similar_on_a_reworded_sentence() {
        let old = [1, 2, 3, 4, 5, 6, 7, 8];
        let new = [1, 2, 9, 4, 6, 7, 10, 8, 11];
        assert_eq!(
            capture_diff(&old, &new),
            similar::capture_diff_slices(Algorithm::Myers, &old, &new)
        );
    }

    proptest! {
        // Few distinct words, so that there are many equal runs and ties
        // between edit scripts of the same length.
        #[test]
        fn the_same_ops_as_similar(old in prop::collection::vec(0u32..6, 0..60), new in prop::collection::vec(0u32..6, 0..60)) {
            prop_assert_eq!(capture_diff(&old, &new), similar::capture_diff_slices(Algorithm::Myers, &old, &new));
        }
    }
}
