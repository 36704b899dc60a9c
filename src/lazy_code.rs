//! Code downloaded the first time it is used: every page but the members page, the
//! Invitations tab, every dialog, the parts of a page shown after a choice (the bulk bar
//! and its results, the unverified-address banner) and the work of an export.
//!
//! In the release build (`scripts/build-console`, which compiles with `--cfg split`) each
//! [`split_fn!`] is a split point: `wasm-split-cli` moves the code only it reaches into a
//! chunk of its own, fetched when first called, so the first download carries the frame and
//! the members page. Without `--cfg split` (`trunk serve`, the component tests, the host)
//! the function is linked in and called as usual: the same source, the same behaviour.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// `fn $name(...) -> Result<AnyView, ChunkFailed>`, drawing `$view`. Under `--cfg split` it
/// is the split point of the chunk `$chunk` (functions naming one chunk share it) and so
/// `async`; the load is `fallible`, because a panic would abort the whole wasm.
#[rustfmt::skip] // rustfmt re-indents the attribute on every run
macro_rules! split_fn {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),*) => $view:expr) => {
        #[cfg_attr(split, ::leptos::wasm_split::wasm_split(
            $chunk, wasm_split_path = ::leptos::wasm_split, fallible
        ))]
        fn $name($($arg: $ty),*)
            -> Result<::leptos::prelude::AnyView, $crate::lazy_code::ChunkFailed> {
            Ok(::leptos::prelude::IntoAny::into_any($view))
        }
    };
}
pub(crate) use split_fn;

/// Calls the [`split_fn!`] `$build`: under `--cfg split` it waits for the chunk.
#[rustfmt::skip]
macro_rules! call_split {
    ($build:ident($($arg:expr),*)) => {{
        #[cfg(split)]
        let result = $build($($arg),*).await;
        #[cfg(not(split))]
        let result = $build($($arg),*);
        result
    }};
}
pub(crate) use call_split;

/// Declares `fn $name(...) -> AnyView`: the view `$view`, its code in the chunk `$chunk`,
/// drawn as soon as that has arrived (at once without split); placeholder rows stand in
/// while it downloads.
macro_rules! lazy_view {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*)
        in $chunk:ident => $view:expr) => {
        $(#[$doc])*
        $vis fn $name($($arg: $ty),*) -> ::leptos::prelude::AnyView {
            $crate::lazy_code::split_fn!($chunk, fn view($($arg: $ty),*) => $view);
            $crate::lazy_code::drawn_or_loading(async move {
                $crate::lazy_code::call_split!(view($($arg),*))
                    .unwrap_or_else(|_| $crate::lazy_code::page_failed())
            })
        }
    };
}
pub(crate) use lazy_view;

/// Declares `fn $name(open: RwSignal<bool>, ...) -> impl IntoView`: the dialog `$dialog`,
/// its code in the chunk `$chunk`, mounted the first time `open` turns true, then kept, so
/// it closes and gives focus back like any dialog (`Dialog` moves focus in when it mounts
/// open). Until then nothing is fetched.
macro_rules! lazy_dialog {
    ($(#[$doc:meta])* $vis:vis fn $name:ident($open:ident $(, $arg:ident: $ty:ty)*)
        in $chunk:ident => $dialog:expr) => {
        $(#[$doc])*
        $vis fn $name(
            $open: ::leptos::prelude::RwSignal<bool> $(, $arg: $ty)*
        ) -> impl ::leptos::prelude::IntoView {
            use ::leptos::prelude::*;
            $crate::lazy_code::split_fn!(
                $chunk, fn dialog($open: RwSignal<bool> $(, $arg: $ty)*) => $dialog
            );
            $crate::lazy_code::once(move || $open.get(), move || {
                $(let $arg = $arg.clone();)*
                $crate::lazy_code::drawn(async move {
                    $crate::lazy_code::call_split!(dialog($open $(, $arg)*))
                        .unwrap_or_else(|_| $crate::lazy_code::dialog_failed($open))
                })
            })
        }
    };
}
pub(crate) use lazy_dialog;

/// Declares `fn $name(when: impl Fn() -> bool, ...) -> impl IntoView`: a part of a page
/// that most visits never show (the bulk bar, the unverified-address banner), its code in
/// the chunk `$chunk`, mounted the first time `when` holds, then kept: the part hides itself
/// when it has nothing to show. Until then nothing is fetched, nor run at start. (Not for
/// what must work when the network does not: the undo toasts stay in the first download.)
macro_rules! lazy_part {
    ($(#[$doc:meta])* $vis:vis fn $name:ident(when $(, $arg:ident: $ty:ty)*)
        in $chunk:ident => $part:expr) => {
        $(#[$doc])*
        $vis fn $name(
            when: impl Fn() -> bool + Clone + Send + Sync + 'static $(, $arg: $ty)*
        ) -> impl ::leptos::prelude::IntoView {
            $crate::lazy_code::split_fn!($chunk, fn part($($arg: $ty),*) => $part);
            $crate::lazy_code::once(when.clone(), move || {
                $(let $arg = $arg.clone();)*
                let when = when.clone();
                $crate::lazy_code::drawn(async move {
                    $crate::lazy_code::call_split!(part($($arg),*))
                        .unwrap_or_else(|_| $crate::lazy_code::part_failed(when))
                })
            })
        }
    };
}
pub(crate) use lazy_part;

/// Declares `fn $name()`, which fetches the chunk `$chunk` in the background (without split:
/// nothing), for a part that should appear at once when first needed (the bulk bar, the
/// instant a manager ticks a box) but need not hold up the first rows. A failure is not
/// remembered: the part's own load tries again.
macro_rules! chunk_preload {
    ($(#[$doc:meta])* $vis:vis fn $name:ident() in $chunk:ident) => {
        $(#[$doc])*
        $vis fn $name() {
            #[cfg(split)]
            {
                #[::leptos::wasm_split::wasm_split(
                    $chunk, wasm_split_path = ::leptos::wasm_split, fallible
                )]
                fn arrived() -> Result<(), $crate::lazy_code::ChunkFailed> {
                    Ok(())
                }
                ::leptos::task::spawn_local(async {
                    let _ = arrived().await;
                });
            }
        }
    };
}
pub(crate) use chunk_preload;

/// `draw(key)`, drawn anew whenever `key` changes: the view left is unmounted, its owner
/// disposed, in the same step as the next one is built. A reactive closure would instead
/// rebuild one lazy view's `Suspend` into the next, which keeps the page left on screen (its
/// signals already disposed: a click there would panic) until the next page's code is in.
pub fn replaced_on_change<K>(
    key: Memo<K>,
    draw: impl Fn(K) -> AnyView + Send + Sync + 'static,
) -> AnyView
where
    K: Clone + PartialEq + Send + Sync + 'static,
{
    // One keyed list of one item, whatever the key: its code is in the wasm once.
    let change = Memo::new(move |count: Option<&u32>| {
        // Read, not only tracked: `key` computed for the first time later (by `draw`) would
        // otherwise notify this as a change, and the view would be drawn twice.
        key.with(|_| ());
        count.map_or(0, |c| c.wrapping_add(1))
    });
    let draw: std::sync::Arc<dyn Fn() -> AnyView + Send + Sync> =
        std::sync::Arc::new(move || draw(key.get_untracked()));
    replaced_at_each_change(change, draw)
}

fn replaced_at_each_change(
    change: Memo<u32>,
    draw: std::sync::Arc<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    // The page left may outlive its row: a page whose code is still downloading is held by
    // that download, and would be built, off screen, when it arrives. It is ended here.
    let shown = StoredValue::new(None::<WeakOwner>);
    let children = move |_| {
        if let Some(left) = shown.get_value().and_then(|o| o.upgrade()) {
            left.cleanup();
        }
        shown.set_value(Owner::current().map(|o| o.downgrade()));
        draw()
    };
    crate::ui::keyed_list::keyed_list(move || vec![change.get()], |c| *c, children)
}

/// `draw`n the first time `when` holds, and kept from then on.
pub fn once(
    when: impl Fn() -> bool + Send + Sync + 'static,
    draw: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    once_erased(Box::new(when), std::sync::Arc::new(draw))
}

/// [`once`] for closures behind pointers: one memo and one reactive view in the wasm for
/// every lazy dialog and part, not one of each per call (eight in the first download).
fn once_erased(
    when: Box<dyn Fn() -> bool + Send + Sync>,
    draw: std::sync::Arc<dyn Fn() -> AnyView + Send + Sync>,
) -> AnyView {
    let opened = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || when());
    (move || opened.get().then(|| draw())).into_any()
}

/// The view `build` ends with: drawn when it is ready (at once when nothing was fetched).
#[cfg(split)]
pub fn drawn(build: impl std::future::Future<Output = AnyView> + Send + 'static) -> AnyView {
    drawn_erased(Box::pin(build))
}

/// A view still to come, behind a pointer: the waiting's code is in the wasm once, not once
/// per split point (as for [`once`]).
#[cfg(split)]
type Coming = std::pin::Pin<Box<dyn std::future::Future<Output = AnyView> + Send>>;

#[cfg(split)]
fn drawn_erased(build: Coming) -> AnyView {
    Suspend::new(build).into_any()
}

/// [`drawn`], with placeholder rows while the code downloads (a page, a tab); a view whose
/// code is ready at the first poll is drawn at once, with no placeholder.
#[cfg(split)]
pub fn drawn_or_loading(
    build: impl std::future::Future<Output = AnyView> + Send + 'static,
) -> AnyView {
    drawn_or_erased(Box::pin(build), loading_rows)
}

/// [`drawn`], with `placeholder` while the code downloads (as for [`drawn_or_loading`]).
#[cfg(split)]
pub fn drawn_or(
    build: impl std::future::Future<Output = AnyView> + Send + 'static,
    placeholder: fn() -> AnyView,
) -> AnyView {
    drawn_or_erased(Box::pin(build), placeholder)
}

#[cfg(split)]
fn loading_rows() -> AnyView {
    view! { <crate::ui::status::LoadingRows /> }.into_any()
}

#[cfg(split)]
fn drawn_or_erased(mut build: Coming, placeholder: fn() -> AnyView) -> AnyView {
    use futures::FutureExt;
    if let Some(view) = build.as_mut().now_or_never() {
        return view;
    }
    let arrived = RwSignal::new(false);
    let view = Suspend::new(async move {
        let view = build.await;
        arrived.set(true);
        view
    });
    view! {
        {move || (!arrived.get()).then(placeholder)}
        {view}
    }
    .into_any()
}

#[cfg(not(split))]
pub use drawn as drawn_or_loading;

/// Without split nothing is fetched, so there is nothing to stand in for.
#[cfg(not(split))]
pub fn drawn_or(
    build: impl std::future::Future<Output = AnyView> + Send + 'static,
    _placeholder: fn() -> AnyView,
) -> AnyView {
    drawn(build)
}

/// Without split nothing is fetched, so `build` is ready at its first poll.
#[cfg(not(split))]
pub fn drawn(build: impl std::future::Future<Output = AnyView> + Send + 'static) -> AnyView {
    use futures::FutureExt;
    build
        .now_or_never()
        .expect("nothing to wait for without split")
}

/// The code did not arrive (offline, or a deployment replaced it meanwhile).
pub struct ChunkFailed;

#[cfg(split)]
impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkFailed
    }
}

/// What stands in for a page whose code could not be downloaded. Another try starts anew
/// (a failed load is not remembered), so reloading the page is the way forward.
pub fn page_failed() -> AnyView {
    view! {
        <section class="page">
            <div class="notice error" role="alert">
                <p><strong>"This page could not be loaded."</strong></p>
                <p>"Its code did not download. Check your connection, then reload the page."</p>
            </div>
        </section>
    }
    .into_any()
}

/// What stands in for a part of a page whose code could not be downloaded, while the part
/// would show (`when`): a selection cleared takes the notice with it.
pub fn part_failed(when: impl Fn() -> bool + Send + Sync + 'static) -> AnyView {
    (move || {
        when().then(|| view! {
            <div class="notice error" role="alert">
                <p>"This part of the page could not be loaded. Check your connection, then reload the page."</p>
            </div>
        })
    })
    .into_any()
}

/// What opens instead of a dialog whose code could not be downloaded.
pub fn dialog_failed(open: RwSignal<bool>) -> AnyView {
    view! {
        <crate::ui::dialog::Dialog open title="Could not open">
            <div class="notice error" role="alert">
                <p>"This dialog's code did not download. Check your connection, then reload the page."</p>
            </div>
        </crate::ui::dialog::Dialog>
    }
    .into_any()
}
