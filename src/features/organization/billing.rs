use leptos::prelude::*;
use org_contract::{Action, AddressOrRef, PaymentMethod};

use crate::api::use_api;
use crate::features::organization::layout::RoleGate;
use crate::model::format;
use crate::state::org::use_current_org;
use crate::ui::status::list_states;

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

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    view! {
        <RoleGate action=Action::ViewBilling page="Payment Methods">
            <PaymentMethodList />
        </RoleGate>
    }
}

#[component]
fn PaymentMethodList() -> impl IntoView {
    let api = use_api();
    let current = use_current_org();
    let methods = current.resource(api, |api, org| async move {
        Ok(api.payment_methods(&org).await?.payment_methods)
    });
    view! {
        <section class="page">
            <h1>"Payment Methods"</h1>
            <p class="lead">"The cards this organization is billed to."</p>
            {list_states(methods, "No payment methods on file.", |list| view! { <CardTable cards=list /> })}
        </section>
    }
}

/// "Visa", "Mastercard", or the API's word capitalised.
pub fn brand(card_type: &str) -> String {
    match card_type.to_lowercase().as_str() {
        "visa" => "Visa".into(),
        "mastercard" => "Mastercard".into(),
        "amex" | "american_express" => "American Express".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

#[component]
fn CardTable(cards: Vec<PaymentMethod>) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="table cards">
                <caption class="visually-hidden">"Payment methods"</caption>
                <thead><tr>
                    <th scope="col">"Card"</th><th scope="col">"Cardholder"</th><th scope="col">"Expires"</th>
                </tr></thead>
                <tbody>
                    {cards.into_iter().map(|c| {
                        let last4 = c.last_4.clone().unwrap_or_else(|| "????".into());
                        view! {
                            <tr>
                                <td class="card-name">
                                    <span>{format!("{} ending in {last4}", brand(&c.card_type))}</span>
                                    {c.default.then(|| view! { <span class="badge">"Default"</span> })}
                                </td>
                                <td class="cardholder">{c.cardholder_name}</td>
                                <td class="expires">{format!("{}/{}", c.expiration_month, c.expiration_year)}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn card_brands_read_well() {
        assert_eq!(super::brand("visa"), "Visa");
        assert_eq!(super::brand("discover"), "Discover");
        assert_eq!(super::brand(""), "");
    }
}
