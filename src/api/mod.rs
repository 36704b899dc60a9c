//! The organizations API as typed async functions. Every call goes through one private
//! [`Api::send`], which adds the token, reads both error body forms, and ends the session on
//! a 401 so the app can send the user to sign in.

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::*;
use org_contract::FromJson;
use serde::Serialize;

mod accounts;
mod credentials;
pub(crate) mod early;
mod events;
mod invitations;
mod organizations;
mod paging;

pub use crate::model::api_error::ApiError;
pub use credentials::Credentials;

/// The typed client. `Copy`: its base path is set once per app and its credentials are
/// signals, so components pass it around freely.
#[derive(Clone, Copy)]
pub struct Api {
    base: &'static str,
    credentials: Credentials,
}

/// What a request's answer says, from the network or from index.html's early request.
struct Answer {
    status: u16,
    text: String,
    content_type: Option<String>,
    retry_after: Option<String>,
}

/// Which organizations `GET /organizations` returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Personal {
    Include,
    Exclude,
    Only,
}

impl Api {
    /// `base` is read once at start-up and lives as long as the app, so it is kept as a
    /// `&'static str` (one small allocation per app) and the client can be `Copy`.
    pub fn new(base: &str, credentials: Credentials) -> Api {
        Api {
            base: Box::leak(base.trim_end_matches('/').to_owned().into_boxed_str()),
            credentials,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<String, ApiError> {
        self.send_with(method, path, body, None).await
    }

    /// [`Api::send`] that `abort` can cancel: a superseded search stops downloading.
    async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<String, ApiError> {
        let token = self.credentials.token();
        let url = format!("{}{path}", self.base);
        // While the app starts, index.html may have asked already.
        let asked_early = match (&method, &body, abort) {
            (&Method::GET, None, None) => early::take(&url, token.as_deref()).await,
            _ => None,
        };
        let answer = match asked_early {
            Some(answer) => answer,
            None => {
                let mut builder = RequestBuilder::new(&url)
                    .method(method)
                    .abort_signal(abort)
                    .header("Accept", "application/json");
                if let Some(t) = &token {
                    builder = builder.header("X-Auth-Token", t);
                }
                let request = match body {
                    Some(b) => builder.header("Content-Type", "application/json").body(b),
                    None => builder.build(),
                }
                .map_err(|e| match e {
                    // The browser refused to build it; gloo's other errors (JSON, serde's
                    // messages) do not arise here, and naming them would link serde_json's
                    // message formatting into the first download.
                    gloo_net::Error::JsError(e) => ApiError::Unreadable(e.to_string()),
                    _ => ApiError::Unreadable("the request could not be built".into()),
                })?;
                let response = request.send().await.map_err(|_| ApiError::Unreachable)?;
                let text = response.text().await.map_err(|_| ApiError::Unreachable)?;
                let headers = response.headers();
                Answer {
                    status: response.status(),
                    text,
                    content_type: headers.get("content-type"),
                    retry_after: headers.get("retry-after"),
                }
            }
        };
        if (200..300).contains(&answer.status) {
            return Ok(answer.text);
        }
        let error = ApiError::from_response(
            answer.status,
            answer.content_type.as_deref(),
            &answer.text,
            answer.retry_after.as_deref(),
        );
        // A token the server no longer accepts ends the session everywhere at once.
        if error.is_unauthorized() && token.is_some() {
            // Expired, signed out everywhere, or revoked: to the person it is all the same.
            self.credentials
                .refused("Your session has ended. Sign in again to continue.".into());
        }
        Err(error)
    }

    async fn json<T: FromJson>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<T, ApiError> {
        self.json_with(method, path, body, None).await
    }

    /// [`Api::json`] that `abort` can cancel.
    async fn json_with<T: FromJson>(
        &self,
        method: Method,
        path: &str,
        body: Option<String>,
        abort: Option<&web_sys::AbortSignal>,
    ) -> Result<T, ApiError> {
        let text = self.send_with(method, path, body, abort).await?;
        org_contract::from_json(&text).map_err(|e| ApiError::Unreadable(e.to_string()))
    }

    /// Sends `DELETE path` so that it outlives the page (`keepalive`): for a removal still
    /// held for undo when the tab closes. Nothing can wait for the answer.
    fn delete_on_unload(&self, path: &str) {
        use wasm_bindgen::JsValue;
        let init = web_sys::RequestInit::new();
        init.set_method("DELETE");
        // Not in web-sys's bindings; every browser the console supports knows it.
        let _ = js_sys::Reflect::set(&init, &JsValue::from_str("keepalive"), &JsValue::TRUE);
        if let Ok(headers) = web_sys::Headers::new() {
            if let Some(t) = self.credentials.token() {
                let _ = headers.set("X-Auth-Token", &t);
            }
            init.set_headers(&headers);
        }
        let _ = window().fetch_with_str_and_init(&format!("{}{path}", self.base), &init);
    }

    fn body(value: &impl Serialize) -> Option<String> {
        Some(serde_json::to_string(value).expect("request bodies serialize"))
    }
}

pub fn use_api() -> Api {
    expect_context::<Api>()
}
