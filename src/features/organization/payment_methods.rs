//! Payment Methods: the organization's cards, one line each; those who look after billing
//! choose the default card or remove another from a row's menu.

use leptos::prelude::*;
use org_contract::{Action as Permission, PaymentMethod};

use crate::api::use_api;
use crate::features::organization::layout::RoleGate;
use crate::model::letter_case::uppercase;
use crate::state::org::use_current_org;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::menu::{Menu, MenuItem};
use crate::ui::status::{list_states, use_notice};

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    view! {
        <RoleGate action=Permission::ViewBilling page="Payment Methods">
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
    // After a change, the list is read again (the default moves, a card goes).
    provide_context(Reload(Callback::new(move |_| methods.refetch())));
    view! {
        <section class="page">
            <h1>"Payment Methods"</h1>
            <p class="lead">"The cards this organization is billed to."</p>
            {list_states(methods, "No payment methods on file.", |list| view! { <CardTable cards=list /> })}
        </section>
    }
}

/// Reloads the card list.
#[derive(Clone, Copy)]
struct Reload(Callback<()>);

/// "Visa", "Mastercard", or the API's word capitalised.
pub fn brand(card_type: &str) -> String {
    match card_type.to_ascii_lowercase().as_str() {
        "visa" => "Visa".into(),
        "mastercard" => "Mastercard".into(),
        "amex" | "american_express" => "American Express".into(),
        other => {
            let mut c = other.chars();
            c.next()
                .map(|f| uppercase(f.encode_utf8(&mut [0; 4])) + c.as_str())
                .unwrap_or_default()
        }
    }
}

/// "Visa ending in 4242".
fn card_name(c: &PaymentMethod) -> String {
    let last4 = c.last_4.clone().unwrap_or_else(|| "????".into());
    format!("{} ending in {last4}", brand(&c.card_type))
}

#[component]
fn CardTable(cards: Vec<PaymentMethod>) -> impl IntoView {
    let current = use_current_org();
    let manager = current.can(Permission::ManagePaymentMethods);
    view! {
        <div class="table-wrap">
            <table class="table payment-cards">
                <caption class="visually-hidden">"Payment methods"</caption>
                <thead><tr>
                    <th scope="col">"Card"</th><th scope="col">"Cardholder"</th><th scope="col">"Expires"</th>
                    {manager.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                </tr></thead>
                <tbody>
                    {cards.into_iter().map(|c| view! {
                        <tr>
                            <td class="card-name">
                                <span>{card_name(&c)}</span>
                                {c.default.then(|| view! { <span class="badge wide-only">"Default"</span> })}
                            </td>
                            // On phones the badge sits on the cardholder's line (one is
                            // hidden at each width, so it is read once).
                            <td class="cardholder">
                                {c.cardholder_name.clone()}
                                {c.default.then(|| view! { <span class="badge phone-only">"Default"</span> })}
                            </td>
                            <td class="expires">{format!("{}/{}", c.expiration_month, c.expiration_year)}</td>
                            {manager.then(|| view! { <td class="actions"><CardMenu card=c /></td> })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Make default (for the others) and Remove (not for the default card, which says why).
#[component]
fn CardMenu(card: PaymentMethod) -> impl IntoView {
    let (api, current, notice, reload) = (
        use_api(),
        use_current_org(),
        use_notice(),
        expect_context::<Reload>(),
    );
    let name = card_name(&card);
    let (confirm, error) = (RwSignal::new(false), RwSignal::new(None::<String>));
    let (id, said) = (card.id.clone(), name.clone());
    let make_default = Action::new_local(move |_: &()| {
        let (id, said, org) = (id.clone(), said.clone(), current.id.get_untracked());
        async move {
            match api.make_default_payment_method(&org, &id).await {
                Ok(()) => notice.say(format!("{said} is now the default card.")),
                Err(e) => notice.say(e.to_string()),
            }
            reload.0.run(());
        }
    });
    let (id, said) = (card.id.clone(), name.clone());
    let remove = Action::new_local(move |_: &()| {
        let (id, said, org) = (id.clone(), said.clone(), current.id.get_untracked());
        async move {
            match api.remove_payment_method(&org, &id).await {
                Ok(()) => {
                    confirm.set(false);
                    notice.say(format!("Removed {said}."));
                    reload.0.run(());
                }
                Err(e) => error.set(Some(e.to_string())),
            }
        }
    });
    let is_default = card.default;
    view! {
        <Menu label=format!("Actions for {name}")>
            {(!is_default).then(|| view! {
                <MenuItem on_select=move |_| { make_default.dispatch_local(()); }>"Make default"</MenuItem>
            })}
            {if is_default {
                view! {
                    <MenuItem disabled=true on_select=|_| ()
                        note="The default card cannot be removed; make another card the default first.">"Remove"</MenuItem>
                }.into_any()
            } else {
                view! { <MenuItem danger=true on_select=move |_| { error.set(None); confirm.set(true); }>"Remove"</MenuItem> }.into_any()
            }}
        </Menu>
        <ConfirmDialog open=confirm title=format!("Remove {name}?") keep="Keep it" confirm="Remove card"
            busy=remove.pending() error=error on_confirm=move |_| { remove.dispatch_local(()); }>
            <p>"The organization will no longer be billed to this card."</p>
        </ConfirmDialog>
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
