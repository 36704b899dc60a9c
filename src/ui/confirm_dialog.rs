//! The one confirmation dialog: what will happen, a way back, and the red button that
//! does it (disabled while it runs).

use leptos::prelude::*;

use crate::ui::dialog::Dialog;

#[component]
pub fn ConfirmDialog(
    open: RwSignal<bool>,
    #[prop(into)] title: Signal<String>,
    /// The red button's words: what it does ("Revoke invitation").
    #[prop(into)]
    confirm: String,
    /// The other button's words: what keeping things as they are means ("Keep it").
    #[prop(into)]
    keep: String,
    #[prop(into)] on_confirm: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    /// What went wrong, shown above the buttons.
    #[prop(optional, into)]
    error: Signal<Option<String>>,
    children: ChildrenFn,
) -> impl IntoView {
    let (confirm, keep) = (StoredValue::new(confirm), StoredValue::new(keep));
    let children = StoredValue::new(children);
    view! {
        <Dialog open title>
            {children.with_value(|c| c())}
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="button" class="button" on:click=move |_| open.set(false)>{keep.get_value()}</button>
                <button type="button" class="button danger" disabled=move || busy.get()
                    on:click=move |_| on_confirm.run(())>{confirm.get_value()}</button>
            </div>
        </Dialog>
    }
}
