use leptos::prelude::*;

use crate::features::account::{AccountMenu, LogoutButton};
use crate::features::organization::create::create_org_dialog;
use crate::model::org_list::landing_org;
use crate::model::routes::{org_page, OrgPage};
use crate::state::org::use_directory;
use crate::state::preferences;
use crate::state::session::use_session;
use crate::ui::frame::Frame;
use crate::ui::redirect::redirect_replacing;
use crate::ui::status::{LoadError, LoadingRows};

/// `/`: the organization used last on this device, else the default one, else the first.
#[component]
pub fn Home() -> impl IntoView {
    let directory = use_directory();
    let session = use_session();
    move || match directory.orgs.get() {
        None => view! { <LoadingRows /> }.into_any(),
        Some(Err(e)) => {
            view! { <LoadError error=e retry=move |_| directory.refresh() /> }.into_any()
        }
        Some(Ok(entries)) => {
            let default = session
                .user
                .with(|u| u.as_ref().and_then(|u| u.default_organization_id.clone()));
            match landing_org(
                &entries,
                preferences::last_org().as_deref(),
                default.as_deref(),
            ) {
                Some(e) => redirect_replacing(org_page(&e.org.id, OrgPage::General)),
                None => view! { <NoOrganization /> }.into_any(),
            }
        }
    }
}

#[component]
fn NoOrganization() -> impl IntoView {
    let creating = RwSignal::new(false);
    view! {
        <Frame last_org=preferences::last_org() account=|| view! { <crate::features::palette::CommandPalette /><AccountMenu /> } sidebar=|| view! { <ul class="nav-list"><LogoutButton /></ul> }>
            <section class="page">
                <h1>"No organizations yet"</h1>
                <p>"You do not belong to any organization. Create one, or accept an invitation under Personal settings."</p>
                <button type="button" class="button primary" on:click=move |_| creating.set(true)>"Create organization"</button>
                {create_org_dialog(creating)}
            </section>
        </Frame>
    }
}
