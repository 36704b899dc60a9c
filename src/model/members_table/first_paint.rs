//! Which rows a changed page draws before the browser paints. A screen shows about a dozen
//! member rows, and a search keystroke can bring fifty new ones: drawing the first rows now
//! and the rest just after the paint shows the result a frame sooner.

use rustc_hash::FxHashSet;

use super::{MemberRow, RowKey};

/// Rows drawn before the paint: enough to fill a tall screen.
pub const FIRST_PAINT_ROWS: usize = 20;

/// The first [`FIRST_PAINT_ROWS`] of `rows`, and every later one already on screen (`drawn`),
/// so a row that stays keeps its place, its state and its focus instead of leaving for a
/// frame. The page's order is kept.
pub fn first_paint_rows<'a>(
    rows: impl Iterator<Item = &'a MemberRow>,
    drawn: &FxHashSet<RowKey>,
) -> Vec<MemberRow> {
    rows.enumerate()
        .filter(|(at, row)| *at < FIRST_PAINT_ROWS || drawn.contains(&row.row_key()))
        .map(|(_, row)| row.clone())
        .collect()
}
