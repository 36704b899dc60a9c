//! Effects behind one pointer type. `Effect::new` is generic over its closure, and each
//! instance carries its own copy of the effect's runner (the task that waits for a change
//! and runs the closure again): a few hundred bytes of wasm per call site. Boxed, the
//! runner is in the wasm once and each call site keeps only its closure.

use leptos::prelude::*;

/// `effect(run)`: `run` gets what it returned the time before (`None` the first time),
/// and runs again whenever a signal it read changes.
pub fn effect<T: 'static>(mut run: impl FnMut(Option<T>) -> T + 'static) {
    let mut last = None;
    effect_erased(Box::new(move || last = Some(run(last.take()))));
}

fn effect_erased(run: Box<dyn FnMut()>) {
    Effect::new(run);
}
