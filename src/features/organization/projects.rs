use leptos::prelude::*;
use leptos::web_sys::SubmitEvent;
use org_contract::validation::check_project_name;
use org_contract::{Action as Permission, Project};

use crate::api::use_api;
use crate::features::organization::layout::RoleGate;
use crate::model::format;
use crate::state::org::use_current_org;
use crate::ui::field::Field;
use crate::ui::status::{list_states, use_notice};

#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <RoleGate action=Permission::ViewProjects page="Projects">
            <ProjectList />
        </RoleGate>
    }
}

#[component]
fn ProjectList() -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let projects = current.resource(api, |api, org| async move { api.projects(&org).await });
    let all = current.can(Permission::CreateProject);
    view! {
        <section class="page">
            <div class="page-header">
                <div>
                    <h1>"Projects"</h1>
                    <p class="lead">
                        {if all { "Every project of this organization." } else { "The projects you have access to." }}
                    </p>
                </div>
            </div>
            {all.then(|| view! { <NewProject on_created=move |_| projects.refetch() /> })}
            {list_states(projects, "No projects yet.", |list| view! { <ProjectTable projects=list /> })}
        </section>
    }
}

#[component]
fn ProjectTable(projects: Vec<Project>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table">
                <caption class="visually-hidden">"Projects"</caption>
                <thead><tr><th scope="col">"Name"</th><th scope="col">"Created"</th></tr></thead>
                <tbody>
                    {projects.into_iter().map(|p| view! {
                        <tr>
                            <td>{p.name}</td>
                            <td title=format::date_time(&p.created_at)>{format::date(&p.created_at)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn NewProject(#[prop(into)] on_created: Callback<()>) -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let notice = use_notice();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = Action::new_local(move |typed: &String| {
        let (typed, org) = (typed.clone(), current.id.get_untracked());
        async move {
            match api.create_project(&org, &typed).await {
                Ok(p) => {
                    name.set(String::new());
                    notice.say(format!("Created the project {}.", p.name));
                    on_created.run(());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        match check_project_name(&name.get_untracked()) {
            Ok(n) => {
                error.set(None);
                create.dispatch_local(n);
            }
            Err(m) => error.set(Some(m)),
        }
    };
    view! {
        <form class="inline-form" on:submit=submit novalidate>
            <Field id="new-project" label="New project name" value=name error=error />
            <button type="submit" class="button primary" disabled=move || create.pending().get()>"Create project"</button>
        </form>
    }
}
