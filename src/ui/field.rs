use leptos::prelude::*;

/// A labelled text input with its error message right below it, tied together with
/// `aria-describedby` and `aria-invalid` so screen readers say what is wrong.
#[component]
pub fn Field(
    #[prop(into)] id: String,
    #[prop(into)] label: String,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] placeholder: String,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let invalid = move || error.with(Option::is_some).to_string();
    let input = if multiline {
        view! {
            <textarea id=id.clone() rows="3" aria-invalid=invalid aria-describedby=error_id.clone() bind:value=value></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() type=kind placeholder=placeholder required=required
                aria-invalid=invalid aria-describedby=error_id.clone() bind:value=value />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}{required.then_some(" (required)")}</label>
            {input}
            <p id=error_id class="field-error">{move || error.get()}</p>
        </div>
    }
}
