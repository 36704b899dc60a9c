//! Component tests in headless Chromium (wasm-bindgen-test): components mounted with fixed
//! data and driven through the DOM. Run by scripts/test with
//! `cargo test --target wasm32-unknown-unknown --test components`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use org_console::api::Api;
use org_console::features::members::page::MembersData;
use org_console::features::members::source::MemberSource;
use org_console::features::members::table::MemberTable;
use org_console::model::letter_case::{is_alphanumeric, lowercase, uppercase};
use org_console::model::members_table::MemberRow;
use org_console::model::org_list::OrgEntry;
use org_console::state::fetched::Fetched;
use org_console::state::on_demand::OnDemand;
use org_console::state::org::{CurrentOrg, Directory};
use org_console::state::session::Session;
use org_console::ui::avatar::Avatar;
use org_console::ui::dialog::Dialog;
use org_console::ui::field::Field;
use org_console::ui::status::Notice;
use org_contract::{Member, Organization, Role};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ORG: &str = "00000000-0000-0000-0000-00000000000a";
const ME: &str = "me";

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// What `f` finds, once it finds something within two seconds.
async fn until<T>(f: impl Fn() -> Option<T>) -> T {
    for _ in 0..100 {
        if let Some(found) = f() {
            return found;
        }
        sleep(20).await;
    }
    panic!(
        "not found within two seconds (document hidden: {})",
        document().hidden()
    );
}

fn member(i: usize, name: &str, role: &str, user_id: &str) -> Member {
    serde_json::from_value(serde_json::json!({
        "id": format!("m{i}"), "roles": [role], "projects": [], "projects_count": 0,
        "user": {"id": user_id, "short_id": "x", "first_name": name, "last_name": "", "full_name": name,
            "email": format!("{}@example.com", name.to_lowercase().replace(' ', ".")), "avatar_url": null,
            "avatar_thumb_url": null, "two_factor_auth": "", "timezone": "UTC", "default_organization_id": null,
            "last_login_at": null, "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z",
            "href": "/metal/v1/users/x"},
        "organization": {"href": "/metal/v1/organizations/o"},
        "created_at": format!("2025-01-{:02}T00:00:00Z", 1 + i % 28), "updated_at": "2025-01-01T00:00:00Z",
        "href": "/metal/v1/organizations/o/members/x"
    }))
    .unwrap()
}

fn organization() -> Organization {
    serde_json::from_value(serde_json::json!({
        "id": ORG, "name": "Test Org", "description": null, "website": null, "twitter": null, "logo": null,
        "credit_amount": 0.0, "billing_address": null, "enforce_2fa_at": null, "projects": [], "members": [],
        "created_at": "2025-01-01T00:00:00Z", "updated_at": "2025-01-01T00:00:00Z", "href": "/metal/v1/organizations/x"
    }))
    .unwrap()
}

/// 120 collaborators "Person 000".., one billing member, one owner, and me with `my_role`.
fn members(my_role: &str) -> Vec<Member> {
    let mut list: Vec<Member> = (0..120)
        .map(|i| {
            member(
                i,
                &format!("Person {i:03}"),
                "collaborator",
                &format!("u{i}"),
            )
        })
        .collect();
    list.push(member(200, "Zed Billing", "billing", "u200"));
    list.push(member(201, "Olive Owner", "owner", "u201"));
    list.push(member(202, "Me Myself", my_role, ME));
    list
}

/// Mounts the member table in a fresh container, as a member with `my_role`.
fn mount_table(my_role: &'static str) -> web_sys::HtmlElement {
    // The table's view lives in the URL; each test starts from the default one.
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/"))
        .unwrap();
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        view! { <Router><Harness my_role /></Router> }
    });
    handle.forget();
    host
}

#[component]
fn Harness(my_role: &'static str) -> impl IntoView {
    let session = Session::restore("/metal/v1");
    provide_context(session);
    provide_context(Api::new("/metal/v1", session.credentials));
    provide_context(Notice(RwSignal::new(None)));
    provide_context(org_console::state::deferred::Deferred::new());
    let entry = OrgEntry {
        org: organization(),
        personal: false,
        role: Some(Role::parse(my_role)),
        member_id: Some("m202".into()),
        project_ids: vec![],
    };
    let directory = Directory {
        orgs: Fetched::new(move || {
            let entry = entry.clone();
            async move { Ok(vec![entry]) }
        }),
        invitation_count: OnDemand::new(|| Fetched::new(|| async { Ok(0) })),
        invitations: OnDemand::new(|| Fetched::new(|| async { Ok(vec![]) })),
    };
    provide_context(directory);
    let current = CurrentOrg::new(Memo::new(|_| ORG.to_owned()), directory);
    provide_context(current);
    let list = members(my_role);
    let rows: Vec<MemberRow> = list.iter().map(|m| MemberRow::from_member(m, ME)).collect();
    let owners = rows.iter().filter(|r| r.role == Role::Owner).count();
    let total = rows.len();
    // The table reads the rows given here; the source's own requests find no server in
    // this harness, and the whole list given here outranks their failure.
    let data = MembersData {
        source: MemberSource::new(use_context::<Api>().unwrap(), current),
        projects: OnDemand::new(|| Fetched::new(|| async { Ok(vec![]) })),
        invitation_count: Fetched::new(|| async { Ok(0) }),
        invitations: OnDemand::new(|| Fetched::new(|| async { Ok(vec![]) })),
        rows: Memo::new(move |_| Some(Ok(rows.clone()))),
        owners: Memo::new(move |_| Some(owners)),
        total: Memo::new(move |_| Some(total)),
    };
    provide_context(data);
    provide_context(org_console::features::members::bulk::Bulk::new());
    view! { <MemberTable /> }
}

fn all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::HtmlElement> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn texts(host: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    all(host, selector)
        .iter()
        .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
        .collect()
}

/// The names in the table's rows, in order.
fn names(host: &web_sys::HtmlElement) -> Vec<String> {
    texts(host, "tbody tr .member-name .name")
}

fn set_value(host: &web_sys::HtmlElement, selector: &str, value: &str, event: &str) {
    let el = host.query_selector(selector).unwrap().unwrap();
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(value);
    } else {
        el.unchecked_ref::<web_sys::HtmlSelectElement>()
            .set_value(value);
    }
    el.dispatch_event(&web_sys::Event::new(event).unwrap())
        .unwrap();
}

fn click(host: &web_sys::HtmlElement, selector: &str, text: &str) {
    let target = all(host, selector)
        .into_iter()
        .find(|e| e.text_content().unwrap_or_default().contains(text));
    target
        .unwrap_or_else(|| panic!("no {selector} with {text}"))
        .click();
}

// The console cases text other than ASCII with the browser's toLowerCase/toUpperCase
// (model::letter_case), keeping Rust's case tables out of the wasm: the same results.
#[wasm_bindgen_test]
fn letters_outside_ascii_are_cased_by_the_browser_as_rust_cases_them() {
    for text in ["Émile Zola", "ÇA VA", "straße", "ΟΔΟΣ", "İstanbul", "Ada"] {
        assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        assert_eq!(uppercase(text), text.to_uppercase(), "{text}");
    }
    // Letters and numbers of other scripts, marks that are and are not Alphabetic,
    // punctuation, symbols, space.
    for c in "aZ09éßΩ山٣½Ⅻ\u{345}\u{301}_-·😀 \u{a0}ª".chars() {
        assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
    }
}

// The console reads JSON decimals with the browser's parseFloat (org_contract::from_json,
// feature js-numbers), keeping Rust's float parser out of the wasm: the same doubles.
#[wasm_bindgen_test]
fn decimals_are_read_by_the_browser_as_rust_reads_them() {
    use org_contract::from_json::from_json;
    let mut texts: Vec<String> = [
        "0",
        "-0",
        "1",
        "-1",
        "0.1",
        "12.5",
        "100.10",
        "1e3",
        "1E-3",
        "-2.5e+2",
        "9007199254740993",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9406564584124654e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1e-400",
        "0.30000000000000004",
        "123456789012345678901234567890",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    // And many more, of every length and exponent: a fixed sequence (xorshift).
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..20_000 {
        let digits = 1 + (next() % 40) as usize;
        let mantissa: String = (0..digits)
            .map(|_| char::from(b'0' + (next() % 10) as u8))
            .collect();
        let point = (next() % (digits as u64 + 1)) as usize;
        let exponent = (next() % 700) as i64 - 350;
        let sign = if next() % 2 == 0 { "" } else { "-" };
        let (whole, fraction) = mantissa.split_at(point);
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        texts.push(match fraction {
            "" => format!("{sign}{whole}e{exponent}"),
            f => format!("{sign}{whole}.{f}e{exponent}"),
        });
    }
    for text in &texts {
        let rust = text.parse::<f64>().unwrap();
        match from_json::<f64>(text) {
            Ok(read) => assert_eq!(read.to_bits(), rust.to_bits(), "{text}"),
            Err(_) => assert!(!rust.is_finite(), "{text} refused"),
        }
    }
    assert!(from_json::<f64>("1e309").is_err());
}

#[wasm_bindgen_test]
async fn the_table_pages_fifty_rows_with_me_first() {
    let host = mount_table("admin");
    // The rows past the first paint's follow it.
    let first = until(|| Some(names(&host)).filter(|n| n.len() == 50)).await;
    assert_eq!(texts(&host, ".count"), ["123 members"]);
    assert_eq!(first[0], "Me Myself");
    assert_eq!(first[1], "Olive Owner");
    assert_eq!(first[2], "Person 000");
    assert!(host.text_content().unwrap().contains("Page 1 of 3"));
    click(&host, ".pager button", "Next");
    sleep(20).await;
    assert_eq!(texts(&host, ".pager span"), ["Page 2 of 3"]);
    assert_eq!(names(&host)[0], "Person 048");
    click(&host, ".pager button", "Next");
    sleep(20).await;
    assert_eq!(names(&host).len(), 23);
    host.remove();
}

#[wasm_bindgen_test]
async fn search_filters_by_name_or_email_as_you_type() {
    let host = mount_table("admin");
    sleep(50).await;
    // Every word must match the name or the email: "person.11" only matches emails.
    set_value(&host, "#member-search", "person.11", "input");
    sleep(20).await;
    assert_eq!(
        names(&host),
        (110..120)
            .map(|i| format!("Person {i}"))
            .collect::<Vec<_>>()
    );
    assert_eq!(texts(&host, ".count"), ["Showing 10 of 123 members"]);
    set_value(&host, "#member-search", "PERSON 11", "input");
    sleep(20).await;
    assert_eq!(names(&host).len(), 11, "Person 011 and 110 to 119");
    set_value(&host, "#member-search", "zed.billing@example", "input");
    sleep(20).await;
    assert_eq!(names(&host), ["Zed Billing"]);
    set_value(&host, "#member-search", "nobody at all", "input");
    sleep(20).await;
    assert!(host
        .text_content()
        .unwrap()
        .contains("No member matches your search."));
    host.remove();
}

#[wasm_bindgen_test]
async fn the_role_filter_narrows_the_table() {
    let host = mount_table("admin");
    sleep(50).await;
    set_value(&host, "#role-filter", "billing", "change");
    set_value(&host, "#role-filter", "billing", "input");
    sleep(20).await;
    assert_eq!(names(&host), ["Zed Billing"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn column_headers_sort_and_announce_it() {
    let host = mount_table("admin");
    sleep(50).await;
    let name_header = || {
        all(&host, "th")
            .into_iter()
            .find(|th| th.text_content().unwrap().contains("Name"))
            .unwrap()
    };
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    click(&host, "th button", "Name");
    sleep(20).await;
    click(&host, "th button", "Name");
    sleep(20).await;
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("descending")
    );
    assert_eq!(names(&host)[0], "Zed Billing");
    click(&host, "th button", "Role");
    sleep(20).await;
    assert_eq!(
        name_header().get_attribute("aria-sort").as_deref(),
        Some("none")
    );
    assert_eq!(names(&host)[0], "Olive Owner");
    host.remove();
}

#[wasm_bindgen_test]
async fn managers_see_manage_on_rows_they_may_manage() {
    let host = mount_table("admin");
    sleep(50).await;
    let headers = texts(&host, "th");
    assert!(headers.iter().any(|h| h == "2FA"));
    assert!(headers.iter().any(|h| h == "Last active"));
    // The admin may not manage the owner.
    let owner_row = all(&host, "tbody tr")
        .into_iter()
        .find(|r| r.text_content().unwrap().contains("Olive Owner"))
        .unwrap();
    assert!(!owner_row.text_content().unwrap().contains("MANAGE"));
    let other = all(&host, "tbody tr")
        .into_iter()
        .find(|r| r.text_content().unwrap().contains("Person 000"))
        .unwrap();
    assert!(other.text_content().unwrap().contains("MANAGE"));
    host.remove();
}

#[wasm_bindgen_test]
async fn others_see_the_table_read_only() {
    for role in ["collaborator", "limited_collaborator", "billing"] {
        let host = mount_table(role);
        sleep(50).await;
        let text = host.text_content().unwrap();
        assert!(!text.contains("MANAGE"), "{role} sees MANAGE");
        assert!(
            !texts(&host, "th").iter().any(|h| h == "2FA"),
            "{role} sees 2FA"
        );
        assert!(text.contains("Collaborator"), "roles are plain text");
        assert!(host
            .query_selector("tbody select, tbody input")
            .unwrap()
            .is_none());
        host.remove();
    }
}

#[wasm_bindgen_test]
async fn an_avatar_that_fails_to_load_falls_back_to_initials() {
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let mut m = member(1, "Grace Hopper", "admin", "g");
    if let org_contract::Expandable::Full(u) = &mut m.user {
        u.avatar_url = Some("/no-such-avatar.png".into());
    }
    let row = MemberRow::from_member(&m, ME);
    leptos::mount::mount_to(host.clone(), move || view! { <Avatar row=row.clone() /> }).forget();
    assert!(host.query_selector("img").unwrap().is_some());
    for _ in 0..50 {
        if host.query_selector(".initials").unwrap().is_some() {
            break;
        }
        sleep(20).await;
    }
    assert_eq!(texts(&host, ".initials"), ["GH"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_dialog_is_a_labelled_modal_in_body_that_escape_closes() {
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let open = RwSignal::new(true);
    leptos::mount::mount_to(host.clone(), move || {
        view! { <Dialog open title="Test dialog"><input id="dialog-field" /></Dialog> }
    })
    .forget();
    sleep(50).await;
    let dialog = doc
        .query_selector("[role=dialog]")
        .unwrap()
        .expect("dialog rendered");
    assert!(
        !host.contains(Some(&dialog)),
        "rendered in a portal, outside the host"
    );
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title_id = dialog.get_attribute("aria-labelledby").unwrap();
    assert_eq!(
        doc.get_element_by_id(&title_id)
            .unwrap()
            .text_content()
            .unwrap(),
        "Test dialog"
    );
    assert_eq!(
        doc.active_element().unwrap().id(),
        "dialog-field",
        "focus moved to the first field"
    );
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let escape =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    doc.get_element_by_id("dialog-field")
        .unwrap()
        .dispatch_event(&escape)
        .unwrap();
    sleep(20).await;
    assert!(!open.get_untracked());
    assert!(doc.query_selector("[role=dialog]").unwrap().is_none());
    host.remove();
}

#[wasm_bindgen_test]
async fn a_field_ties_its_error_to_the_input() {
    let doc = document();
    let host: web_sys::HtmlElement = doc.create_element("div").unwrap().unchecked_into();
    doc.body().unwrap().append_child(&host).unwrap();
    let value = RwSignal::new("x".to_owned());
    let error = RwSignal::new(None::<String>);
    leptos::mount::mount_to(
        host.clone(),
        move || view! { <Field id="f" label="Website" value error=error /> },
    )
    .forget();
    let input = doc.get_element_by_id("f").unwrap();
    assert_eq!(
        input.get_attribute("aria-invalid").as_deref(),
        Some("false")
    );
    error.set(Some("Website must start with https:// or http://".into()));
    sleep(20).await;
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    assert_eq!(
        doc.get_element_by_id(&described)
            .unwrap()
            .text_content()
            .unwrap(),
        "Website must start with https:// or http://"
    );
    host.remove();
}
