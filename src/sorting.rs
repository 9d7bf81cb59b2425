//! Stable sorting through one shared sort routine (issue 19, the size guard).
//!
//! `slice::sort_by` and friends instantiate the whole standard sort (driftsort, its quicksort,
//! small-sort networks, merges: about 3.5 KiB of wasm) once per element type and comparator, and
//! the web app had 28 such copies (≈ 95 KiB of wasm after wasm-opt). Here the standard stable sort
//! runs once, on positions with a `dyn` comparator, and each call site only adds a small
//! permutation loop. Same results as `sort_by`/`sort_by_key`: stable, equal elements keep their
//! order. The cost is one indirect call per comparison and a `Vec<usize>` of positions, which is
//! noise next to the comparisons themselves at the sizes sorted here (tens of thousands at most).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sort `v` stably by `cmp`, like `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = {
        let items: &[T] = v;
        positions_in_order(items.len(), &mut |a, b| cmp(&items[a], &items[b]))
    };
    permute(v, &mut order);
}

/// Sort `v` stably by a key, like `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sort `v` stably by `Ord`, like `v.sort()` (and `sort_unstable()` where equal elements are
/// indistinguishable, as they are for every such call here).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, |a, b| a.cmp(b));
}

/// The items as a set, like `items.collect::<BTreeSet<_>>()` but inserting one by one:
/// `FromIterator` for `BTreeSet`/`BTreeMap` sorts a `Vec` first, one more copy of the standard sort
/// per element type. Same result (later duplicates are dropped, as `collect` drops them).
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    set.extend(items);
    set
}

/// The pairs as a map, like `pairs.collect::<BTreeMap<_, _>>()` (see [`set_of`]): a later pair with
/// the same key replaces the earlier one's value, as with `collect`.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    map.extend(pairs);
    map
}

/// The positions `0..len` in stable sorted order: `order[k]` is the position of the element that
/// belongs at `k`. The only instantiation of the standard sort behind this module.
fn positions_in_order(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

/// Move each element to its place: afterwards `v[k]` is the element that was at `order[k]`.
/// Walks each cycle of the permutation once with swaps (O(n)); `order` is used up as the
/// visited marks (`order[k] == k` once position `k` holds its element).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        // At `at` belongs the element now at `order[at]`; the element that started at `start`
        // travels along the cycle and is already at `at` when the cycle closes.
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every permutation of small inputs with many ties: the same result as the standard stable
    /// sort (ties keep their order: the tag is compared by the check, not by the sort).
    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 0x9e37_79b9_u32;
        for len in 0..40 {
            for _ in 0..50 {
                let items: Vec<(u32, usize)> = (0..len)
                    .map(|tag| {
                        seed ^= seed << 13;
                        seed ^= seed >> 17;
                        seed ^= seed << 5;
                        (seed % 5, tag)
                    })
                    .collect();
                let mut expected = items.clone();
                expected.sort_by_key(|item| item.0);
                let mut got = items.clone();
                sort_by_key(&mut got, |item| item.0);
                assert_eq!(got, expected, "{items:?}");
                let mut reversed = items.clone();
                sort_by(&mut reversed, |a, b| b.0.cmp(&a.0));
                let mut expected_reversed = items.clone();
                expected_reversed.sort_by_key(|item| std::cmp::Reverse(item.0));
                assert_eq!(reversed, expected_reversed);
            }
        }
    }

    #[test]
    fn sets_and_maps_as_collect_makes_them() {
        let items = [3, 1, 3, 2, 1];
        assert_eq!(set_of(items), items.into_iter().collect::<BTreeSet<_>>());
        let pairs = [(2, "b"), (1, "a"), (2, "c")];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map_of(pairs)[&2], "c");
    }

    #[test]
    fn sorts_owned_values() {
        let mut words: Vec<String> = ["乙", "甲", "丙", "甲", ""].map(String::from).to_vec();
        let mut expected = words.clone();
        expected.sort();
        sort(&mut words);
        assert_eq!(words, expected);
        assert_eq!(words[0], "");
    }
}
