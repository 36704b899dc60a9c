//! What this device remembers between visits besides the token.

const LAST_ORG_KEY: &str = "org-console.last-org";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

pub fn last_org() -> Option<String> {
    storage()?.get_item(LAST_ORG_KEY).ok().flatten()
}

pub fn remember_org(id: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(LAST_ORG_KEY, id);
    }
}

pub fn forget() {
    if let Some(s) = storage() {
        let _ = s.remove_item(LAST_ORG_KEY);
    }
}
