//! The requests `index.html` starts before the wasm has arrived (`window.orgConsoleEarly`):
//! the config and, with a kept token on a signed-in page, the app's first API calls. The
//! app takes each answer once, while it is starting, instead of asking again; after that
//! (or without the script, as in the component tests) every call goes to the network.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

const GLOBAL: &str = "orgConsoleEarly";

fn early() -> Option<JsValue> {
    field(&web_sys::window()?.into(), GLOBAL)
}

fn field(object: &JsValue, name: &str) -> Option<JsValue> {
    js_sys::Reflect::get(object, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The text of `config.json` as the script fetched it (`""` if it failed), or `None`
/// without the script.
pub async fn config_text() -> Option<String> {
    let promise: js_sys::Promise = field(&early()?, "config")?.dyn_into().ok()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// The answer to `GET url` the script asked with `token`, taken at most once. `None` when
/// it asked nothing of the kind, asked with another token (a different user since), or
/// could not reach the server: the caller then asks itself. The script reads the body
/// itself, so an answer that has arrived is taken without waiting for a task.
pub(super) async fn take(url: &str, token: Option<&str>) -> Option<super::Answer> {
    let early = early()?;
    if field(&early, "token")?.as_string().as_deref() != token {
        return None;
    }
    let requests = field(&early, "requests")?;
    let key = JsValue::from_str(url);
    let promise: js_sys::Promise = field(&requests, url)?.dyn_into().ok()?;
    js_sys::Reflect::delete_property(requests.unchecked_ref::<js_sys::Object>(), &key).ok()?;
    let answer = JsFuture::from(promise).await.ok()?;
    let text = |name: &str| field(&answer, name).and_then(|v| v.as_string());
    Some(super::Answer {
        status: field(&answer, "status")?.as_f64()? as u16,
        text: text("text")?,
        content_type: text("contentType"),
        retry_after: text("retryAfter"),
    })
}

/// Ends the start: an answer nobody took by now would be stale when somebody asks later,
/// so every later request goes to the network.
pub fn close() {
    if let Some(window) = web_sys::window() {
        let _ = js_sys::Reflect::delete_property(&window, &GLOBAL.into());
    }
}

#[cfg(test)]
mod tests {
    use super::super::credentials::{API_BASE_KEY, TOKEN_KEY};
    use super::super::organizations::organizations_path;
    use super::super::paging::members_path;
    use super::super::Personal;
    use crate::model::members_table::first_request_query;

    /// index.html builds its paths by hand: were one to drift from the app's, each of those
    /// requests would simply be sent twice, so this holds them together.
    #[test]
    fn index_html_asks_exactly_what_the_app_asks_first() {
        let html = include_str!("../../index.html");
        let asked = [
            format!("localStorage.getItem(\"{TOKEN_KEY}\")"),
            format!("localStorage.getItem(\"{API_BASE_KEY}\")"),
            format!("|| \"{}\"", org_contract::DEFAULT_API_BASE),
            "[\"/user\", ".to_owned(),
            format!("\"{}\"", organizations_path(Personal::Include)),
            // The script puts the organization's id in with `+`.
            format!(
                "\"{}\"",
                members_path("\" + org[1] + \"", &first_request_query())
            ),
        ];
        for piece in asked {
            assert!(html.contains(&piece), "index.html does not ask {piece}");
        }
    }
}
