//! The command palette's commands and its fuzzy matching: what can be jumped to (only what
//! the user's role allows), how well a query matches each, and where each leads.

use org_contract::{allows, Action, Role};

use crate::model::letter_case::lowercase;
use crate::model::query_string::percent_encode;
use crate::model::routes::{org_page, OrgPage};

/// Where a command leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Org(String),
    Page {
        org: String,
        page: OrgPage,
    },
    /// The members page with the Invite New Member modal open.
    Invite {
        org: String,
    },
    /// The members page searched for the member, with their Manage dialog open for those
    /// who may manage them.
    Member {
        org: String,
        member: String,
        email: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Command {
    pub label: String,
    /// The group it is listed under: "Organizations", "Pages", "Actions", "Members".
    pub group: &'static str,
    pub target: Target,
}

impl Target {
    /// The console path the command opens.
    pub fn href(&self) -> String {
        match self {
            Target::Org(id) => org_page(id, OrgPage::General),
            Target::Page { org, page } => org_page(org, *page),
            Target::Invite { org } => format!("{}?invite=1", org_page(org, OrgPage::Members)),
            Target::Member { org, member, email } => format!(
                "{}?q={}&manage={}",
                org_page(org, OrgPage::Members),
                percent_encode(email),
                percent_encode(member)
            ),
        }
    }
}

/// The pages of an organization as its sidebar names them.
pub fn page_label(page: OrgPage) -> &'static str {
    match page {
        OrgPage::General => "General",
        OrgPage::Members => "Users",
        OrgPage::Projects => "Projects",
        OrgPage::Billing => "Billing",
        OrgPage::PaymentMethods => "Payment Methods",
        OrgPage::Activity => "Activity",
    }
}

/// Whether `role` sees `page` (the sidebar's rule, from the permission table).
pub fn sees(role: &Role, page: OrgPage) -> bool {
    match page {
        OrgPage::General | OrgPage::Members => true,
        OrgPage::Projects => allows(role, Action::ViewProjects),
        OrgPage::Billing | OrgPage::PaymentMethods => allows(role, Action::ViewBilling),
        OrgPage::Activity => allows(role, Action::ViewActivity),
    }
}

/// The current organization's pages and actions that `role` may use.
pub fn org_commands(org: &str, role: &Role) -> Vec<Command> {
    let mut list: Vec<Command> = OrgPage::ALL
        .into_iter()
        .filter(|p| sees(role, *p))
        .map(|page| Command {
            label: format!("Go to {}", page_label(page)),
            group: "Pages",
            target: Target::Page {
                org: org.to_owned(),
                page,
            },
        })
        .collect();
    if allows(role, Action::ManageInvitation) {
        list.push(Command {
            label: "Invite members".to_owned(),
            group: "Actions",
            target: Target::Invite {
                org: org.to_owned(),
            },
        });
    }
    list
}

/// How well `query` matches `text`, higher is better; `None` when its letters do not all
/// appear in `text` in order. Consecutive letters and letters that start a word count
/// more, so "gh" finds "Grace Hopper" before "Go to Hugh's".
pub fn score(query: &str, text: &str) -> Option<u32> {
    let query: Vec<char> = lowercase(query)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(one_sigma)
        .collect();
    let mut total = 0;
    let mut next = 0;
    let mut previous_matched = false;
    let mut previous: Option<char> = None;
    for c in lowercase(text).chars().map(one_sigma) {
        if next < query.len() && c == query[next] {
            let word_start = previous.is_none_or(|p| !p.is_alphanumeric());
            total += 1 + if previous_matched { 4 } else { 0 } + if word_start { 6 } else { 0 };
            next += 1;
            previous_matched = true;
        } else {
            previous_matched = false;
        }
        previous = Some(c);
    }
    (next == query.len()).then_some(total)
}

/// Greek's word-final sigma as the other: lower case writes `ς` at a word's end, so typing
/// "ΚΩΣ" (`κως`) would not find "ΚΩΣΤΑΣ" (`κωστας`).
fn one_sigma(c: char) -> char {
    if c == 'ς' {
        'σ'
    } else {
        c
    }
}

/// The commands matching `query`, best first (ties keep their order), at most `limit`.
pub fn ranked(query: &str, commands: &[Command], limit: usize) -> Vec<Command> {
    let mut found: Vec<(u32, usize, &Command)> = commands
        .iter()
        .enumerate()
        .filter_map(|(i, c)| score(query, &c.label).map(|s| (s, i, c)))
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, c)| c.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_must_appear_in_order() {
        assert!(score("gh", "Grace Hopper").is_some());
        assert!(score("hg", "Grace Hopper").is_none());
        assert_eq!(score("", "anything"), Some(0));
        assert!(score("mo test", "MO TEST").is_some());
    }

    #[test]
    fn a_greek_word_is_found_whatever_its_sigma() {
        // Lower case writes a word's last sigma as ς: "ΚΩΣ" is κως, "ΚΩΣΤΑΣ" κωστας.
        assert!(score("ΚΩΣ", "ΚΩΣΤΑΣ").is_some());
        assert!(score("νικοσ", "ΝΙΚΟΣ").is_some());
        assert!(score("κως", "Κώστας").is_none());
    }

    #[test]
    fn word_starts_and_runs_rank_first() {
        let cmd = |label: &str| Command {
            label: label.into(),
            group: "Members",
            target: Target::Org(label.into()),
        };
        let list = [
            cmd("Go to Billing"),
            cmd("Grace Hopper"),
            cmd("Margaret Hamilton"),
        ];
        let labels = |q: &str| -> Vec<String> {
            ranked(q, &list, 10).into_iter().map(|c| c.label).collect()
        };
        assert_eq!(labels("gh")[0], "Grace Hopper");
        assert_eq!(labels("bill"), ["Go to Billing"]);
        assert_eq!(labels("mh")[0], "Margaret Hamilton");
        assert_eq!(labels("").len(), 3);
        assert_eq!(ranked("", &list, 2).len(), 2);
    }

    #[test]
    fn only_what_the_role_allows_is_offered() {
        let labels = |role: Role| -> Vec<String> {
            org_commands("o", &role)
                .into_iter()
                .map(|c| c.label)
                .collect()
        };
        assert_eq!(
            labels(Role::Owner),
            [
                "Go to General",
                "Go to Users",
                "Go to Projects",
                "Go to Billing",
                "Go to Payment Methods",
                "Go to Activity",
                "Invite members"
            ]
        );
        assert_eq!(
            labels(Role::Collaborator),
            ["Go to General", "Go to Users", "Go to Projects"]
        );
        assert_eq!(
            labels(Role::Billing),
            [
                "Go to General",
                "Go to Users",
                "Go to Billing",
                "Go to Payment Methods"
            ]
        );
    }

    #[test]
    fn targets_lead_to_console_paths() {
        let member = Target::Member {
            org: "o".into(),
            member: "m1".into(),
            email: "grace+x@example.com".into(),
        };
        assert_eq!(
            member.href(),
            "/orgs/o/members?q=grace%2Bx%40example.com&manage=m1"
        );
        assert_eq!(
            Target::Invite { org: "o".into() }.href(),
            "/orgs/o/members?invite=1"
        );
        assert_eq!(Target::Org("o".into()).href(), "/orgs/o/general");
    }
}
