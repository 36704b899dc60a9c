//! "Export CSV" of members and of pending invitations, built in the browser from the rows
//! the page has: RFC 4180 (every cell quoted, CRLF between records), UTF-8 with a byte-order
//! mark so spreadsheet programs read accented names correctly, and formula-looking cells
//! made inert (CSV injection, OWASP).

use org_contract::Invitation;

use crate::model::invitation_view::InvitationView;
use crate::model::letter_case::lowercase;
use crate::model::members_table::MemberRow;

/// The byte-order mark that tells Excel the file is UTF-8.
const BOM: char = '\u{feff}';

/// "2026-12-02": the day of an RFC 3339 time, which every spreadsheet reads as a date.
fn day(time: &str) -> String {
    time.get(..10).unwrap_or(time).to_owned()
}

/// One cell. A cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'`, which shows as text. Then every
/// cell is quoted, quotes doubled: a spreadsheet set to split on `;` or tabs (Excel in many
/// locales) would otherwise cut `a;=cmd…` into a cell of its own that begins with `=`.
pub fn cell(value: &str) -> String {
    let inert = match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    };
    format!("\"{}\"", inert.replace('"', "\"\""))
}

fn document(header: &[&str], records: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::new();
    out.push(BOM);
    let line = |cells: &[String]| cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(",");
    out.push_str(&line(
        &header.iter().map(|h| (*h).to_owned()).collect::<Vec<_>>(),
    ));
    out.push_str("\r\n");
    for record in records {
        out.push_str(&line(&record));
        out.push_str("\r\n");
    }
    out
}

/// The members, in the order given: name, email, role, projects, joined, 2FA, last active.
pub fn members_csv<'a>(rows: impl IntoIterator<Item = &'a MemberRow>) -> String {
    document(
        &[
            "Name",
            "Email",
            "Role",
            "Projects",
            "Joined",
            "Two-factor authentication",
            "Last active",
        ],
        rows.into_iter().map(|r| {
            vec![
                r.name.clone(),
                r.email.clone(),
                r.role.label().to_owned(),
                r.project_names.join("; "),
                day(&r.joined),
                if r.two_factor.is_empty() { "Off" } else { "On" }.to_owned(),
                r.last_login_at.as_deref().map(day).unwrap_or_default(),
            ]
        }),
    )
}

/// The pending invitations: email, role, projects, invited by, sent, expires.
pub fn invitations_csv<'a>(rows: impl IntoIterator<Item = &'a Invitation>) -> String {
    document(
        &["Email", "Role", "Projects", "Invited by", "Sent", "Expires"],
        rows.into_iter().map(|i| {
            let view = InvitationView::new(i);
            vec![
                i.invitee.clone(),
                view.role.label().to_owned(),
                view.projects.join("; "),
                view.inviter.clone().unwrap_or_default(),
                day(&i.created_at),
                i.expires_at.as_deref().map(day).unwrap_or_default(),
            ]
        }),
    )
}

/// "mo-test-members-2026-12-02.csv": the organization's name as letters, digits and dashes,
/// what the file holds, and the day (`today` as YYYY-MM-DD).
pub fn file_name(organization: &str, what: &str, today: &str) -> String {
    let mut slug = String::new();
    for c in lowercase(organization).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() {
        "organization"
    } else {
        slug
    };
    format!("{slug}-{what}-{today}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_is_quoted_and_quotes_doubled_per_rfc_4180() {
        assert_eq!(cell("Ada Lovelace"), "\"Ada Lovelace\"");
        assert_eq!(cell("Zoë Ångström"), "\"Zoë Ångström\"");
        assert_eq!(cell(""), "\"\"");
        assert_eq!(cell("Hopper, Grace"), "\"Hopper, Grace\"");
        assert_eq!(
            cell("Grace \"Amazing\" Hopper"),
            "\"Grace \"\"Amazing\"\" Hopper\""
        );
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formula_looking_cells_are_made_inert() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1"), "\"'+1\"");
        assert_eq!(cell("-2"), "\"'-2\"");
        assert_eq!(cell("@SUM(A1)"), "\"'@SUM(A1)\"");
        assert_eq!(cell("\tx"), "\"'\tx\"");
        // Only at the start: an email with a dash or a plus is left alone.
        assert_eq!(cell("a-b+c@example.com"), "\"a-b+c@example.com\"");
        // A spreadsheet that splits on `;` keeps the quoted cell whole.
        assert_eq!(cell("a;=cmd|' /C calc'!A0"), "\"a;=cmd|' /C calc'!A0\"");
    }

    #[test]
    fn a_document_starts_with_the_bom_and_ends_records_with_crlf() {
        let doc = document(
            &["A", "B"],
            vec![vec!["1".to_owned(), "x,y".to_owned()]].into_iter(),
        );
        assert_eq!(doc, "\u{feff}\"A\",\"B\"\r\n\"1\",\"x,y\"\r\n");
    }

    #[test]
    fn members_are_written_with_every_column() {
        use crate::model::members_table::tests::member;
        use org_contract::Role;
        let mut m = member(
            "1",
            "Zoë \"Z\" Smith",
            "zoe@example.com",
            Role::Collaborator,
            "2026-01-02T03:04:05Z",
        );
        if let org_contract::Expandable::Full(u) = &mut m.user {
            u.two_factor_auth = "app".into();
            u.last_login_at = Some("2026-11-30T08:00:00Z".into());
        }
        let mut row = MemberRow::from_member(&m, "u-other");
        row.project_names = vec!["Staging".into(), "Edge, Cache".into()];
        let doc = members_csv([&row]);
        let lines: Vec<&str> = doc.trim_start_matches(BOM).split("\r\n").collect();
        assert_eq!(lines[0], "\"Name\",\"Email\",\"Role\",\"Projects\",\"Joined\",\"Two-factor authentication\",\"Last active\"");
        assert_eq!(lines[1], "\"Zoë \"\"Z\"\" Smith\",\"zoe@example.com\",\"Collaborator\",\"Staging; Edge, Cache\",\"2026-01-02\",\"On\",\"2026-11-30\"");
        assert_eq!(lines[2], "");
    }

    #[test]
    fn file_names_carry_the_organization_and_the_day() {
        assert_eq!(
            file_name("MO TEST", "members", "2026-12-02"),
            "mo-test-members-2026-12-02.csv"
        );
        assert_eq!(
            file_name("Ünïcode & Co.", "invitations", "2026-01-05"),
            "ünïcode-co-invitations-2026-01-05.csv"
        );
        assert_eq!(
            file_name("../..", "members", "2026-01-05"),
            "organization-members-2026-01-05.csv"
        );
    }
}
