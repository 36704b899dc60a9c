//! Ids for elements that point at each other (`aria-labelledby`, `aria-describedby`): unique
//! on the page, from a counter (no random source needed in the bundle).

use std::sync::atomic::{AtomicU32, Ordering};

static NEXT: AtomicU32 = AtomicU32::new(1);

/// `"{prefix}-{n}"`, a different `n` every call.
pub fn element_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_call_gives_a_new_id() {
        let (a, b) = (super::element_id("dialog"), super::element_id("dialog"));
        assert_ne!(a, b);
        assert!(a.starts_with("dialog-"));
    }
}
