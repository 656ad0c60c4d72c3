//! Work on every core for the parts of a load that are the same for each
//! item (each production's tracks sorted, its composers ranked...).

/// `f` of each item, worked out on up to `parts` threads; the results keep
/// the order of `items`.
pub fn map<T: Send, U: Send>(items: Vec<T>, parts: usize, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let per = items.len().div_ceil(parts.max(1)).max(1);
    if items.len() <= per {
        return items.into_iter().map(f).collect();
    }
    let f = &f;
    let mut items = items;
    let mut slices = Vec::new();
    while !items.is_empty() {
        let rest = items.split_off(per.min(items.len()));
        slices.push(items);
        items = rest;
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = slices
            .into_iter()
            .map(|slice| scope.spawn(move || slice.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_order_of_the_items_on_any_number_of_threads() {
        let items: Vec<u32> = (0..1001).collect();
        let expected: Vec<u64> = items.iter().map(|&i| u64::from(i) * 3).collect();
        for parts in [0, 1, 2, 3, 8, 5000] {
            assert_eq!(
                map(items.clone(), parts, |i| u64::from(i) * 3),
                expected,
                "{parts}"
            );
        }
        assert!(map(Vec::<u32>::new(), 4, |i| i).is_empty());
    }
}
