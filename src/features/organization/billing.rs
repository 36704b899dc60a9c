use leptos::prelude::*;
use org_contract::{Action, AddressOrRef};

use crate::features::organization::layout::RoleGate;
use crate::model::format;
use crate::state::org::use_current_org;

#[component]
pub fn BillingPage() -> impl IntoView {
    let current = use_current_org();
    view! {
        <RoleGate action=Action::ViewBilling page="Billing">
            {move || current.entry.get().map(|e| {
                let address = match e.org.billing_address.clone() {
                    Some(AddressOrRef::Address(a)) => {
                        let city_line = [Some(a.city), a.state, Some(a.zip_code)]
                            .into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
                        view! {
                            <address>
                                {a.address}<br />
                                {a.address2.map(|l| view! { {l}<br /> })}
                                {city_line}<br />
                                {a.country}
                            </address>
                        }.into_any()
                    }
                    _ => view! { <p>"No billing address on file."</p> }.into_any(),
                };
                view! {
                    <section class="page">
                        <h1>"Billing"</h1>
                        <p class="lead">"Credit and the address on invoices."</p>
                        <div class="cards">
                            <div class="card">
                                <h2>"Account credit"</h2>
                                <p class="figure">{e.org.credit_amount.map_or_else(|| "Not shown to your role".to_owned(), format::money)}</p>
                            </div>
                            <div class="card">
                                <h2>"Billing address"</h2>
                                {address}
                            </div>
                        </div>
                    </section>
                }
            })}
        </RoleGate>
    }
}
