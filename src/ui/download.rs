//! Saving text the console made (a CSV export) as a file: a Blob behind a link with
//! `download`, clicked once and let go.

use wasm_bindgen::JsCast;

/// Offers `text` as the file `name`; `Err` with a sentence when the browser refuses.
pub fn save_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let refused = |_| "Your browser did not let the console save the file.".to_owned();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(refused)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(refused)?;
    let document = leptos::prelude::document();
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(refused)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Revoked only once the download has surely begun reading it.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
