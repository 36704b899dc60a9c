//! A page of the member list (or one member, after a change) in one query: each member
//! with their user and the ids of their projects. sqlx's SQLite driver hands rows over one at a time from its worker thread, and
//! that hand-over, not SQLite, was most of a 1,000-row page's time: the users and the
//! project links as two more queries of 1,000 rows each cost ~25 of ~35 ms (the SQL alone
//! ~6 ms in the sqlite3 shell).

use std::collections::HashMap;

use org_contract::{Expandable, Member};

use super::memberships::ProjectsSeen;
use super::Store;
use crate::db::Timestamp;
use crate::db::{self, on_db};
use crate::error::{ApiError, ApiResult};
use crate::rows::{href, MemberRow, ProjectRow, UserRow};

/// What a page query selects, in the order [`ListedMember`] reads it, named `c0` to `c19`
/// for [`one_value`]. Every `FROM` of the member search names the members `m` and their
/// users `u`. The project ids come from the links' own index, unordered: putting them in
/// name order inside the query (a join and a sort per member) was more than half of a
/// 1,000-member page's SQL, so [`Store::read_page`] orders them, for the members with two
/// or more, by one look-up of those projects' names.
/// PostgreSQL writes its times as the API does (`api_time`, in its schema).
pub fn columns(pg: bool) -> &'static str {
    if pg {
        "m.id c0, m.organization_id c1, m.user_id c2, m.role c3, \
         api_time(m.created_at) c4, api_time(m.updated_at) c5, u.short_id c6, u.first_name c7, \
         u.last_name c8, u.email c9, u.avatar_url c10, u.avatar_thumb_url c11, \
         u.two_factor_auth c12, u.timezone c13, u.default_organization_id c14, \
         api_time(u.last_login_at) c15, api_time(u.created_at) c16, api_time(u.updated_at) c17, \
         u.email_verified c18, \
         (SELECT string_agg(mp.project_id, ',') FROM member_projects mp \
            WHERE mp.member_id = m.id) c19"
    } else {
        "m.id c0, m.organization_id c1, m.user_id c2, m.role c3, \
         m.created_at c4, m.updated_at c5, u.short_id c6, u.first_name c7, u.last_name c8, \
         u.email c9, u.avatar_url c10, u.avatar_thumb_url c11, u.two_factor_auth c12, \
         u.timezone c13, u.default_organization_id c14, u.last_login_at c15, u.created_at c16, \
         u.updated_at c17, u.email_verified c18, \
         (SELECT group_concat(mp.project_id) FROM member_projects mp \
            WHERE mp.member_id = m.id) c19"
    }
}

/// The page query `inner` (selecting [`columns`], ordered and limited) as one value: a JSON
/// array of rows, each an array of the columns in order. Even by position, sqlx's SQLite
/// driver took ~25 µs of CPU per row (a value copied and freed across threads, a channel
/// hand-over per row: perf on bench-server); one value crosses once, and the database
/// writes the JSON in C.
pub fn one_value(pg: bool, inner: &str) -> String {
    if pg {
        format!(
            "SELECT coalesce(json_agg(json_build_array(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, \
             c10, c11, c12, c13, c14, c15, c16, c17, c18, c19)), '[]')::text FROM ({inner}) t"
        )
    } else {
        format!(
            "SELECT json_group_array(json_array(c0, c1, c2, c3, c4, c5, c6, c7, c8, c9, c10, c11, \
             c12, c13, c14, c15, c16, c17, c18, c19)) FROM ({inner})"
        )
    }
}

/// One row of [`columns`], as [`one_value`] writes it.
#[derive(serde::Deserialize)]
struct Columns(
    String,
    String,
    String,
    String,
    Timestamp,
    Timestamp,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
    Option<Timestamp>,
    Timestamp,
    Timestamp,
    #[serde(deserialize_with = "flag")] bool,
    Option<String>,
);

/// A flag as either database writes it into JSON: SQLite's 0/1, PostgreSQL's false/true.
/// A visitor rather than an untagged enum, which would build (and drop) an error for every
/// SQLite row before trying the integer.
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    struct Flag;
    impl serde::de::Visitor<'_> for Flag {
        type Value = bool;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a boolean or 0/1")
        }

        fn visit_bool<E>(self, b: bool) -> Result<bool, E> {
            Ok(b)
        }

        fn visit_u64<E>(self, i: u64) -> Result<bool, E> {
            Ok(i != 0)
        }

        fn visit_i64<E>(self, i: i64) -> Result<bool, E> {
            Ok(i != 0)
        }
    }
    d.deserialize_any(Flag)
}

pub struct ListedMember {
    member: MemberRow,
    user: UserRow,
    project_ids: Vec<String>,
}

impl Store {
    /// The rows of a page from the value [`one_value`] selected, each member's projects in
    /// name order (then id).
    pub(super) async fn read_page(&self, value: &str) -> ApiResult<Vec<ListedMember>> {
        let rows: Vec<Columns> = serde_json::from_str(value)
            .map_err(|e| ApiError::Internal(format!("reading a page of members: {e}")))?;
        let mut rows: Vec<ListedMember> = rows.into_iter().map(ListedMember::from).collect();
        let several = || rows.iter().filter(|r| r.project_ids.len() > 1);
        if several().next().is_none() {
            return Ok(rows);
        }
        let ids = db::json_list(several().flat_map(|r| r.project_ids.iter().map(String::as_str)));
        let names: Vec<(String, String)> = on_db!(&self.db, db, pg => sqlx::query_as(&format!(
            "SELECT id, name FROM projects WHERE id IN ({})",
            db::in_list(pg, 1)
        ))
        .bind(&ids)
        .fetch_all(db).await)?;
        let names: HashMap<String, String> = names.into_iter().collect();
        for row in rows.iter_mut().filter(|r| r.project_ids.len() > 1) {
            row.project_ids
                .sort_by(|a, b| (names.get(a), a).cmp(&(names.get(b), b)));
        }
        Ok(rows)
    }
}

impl From<Columns> for ListedMember {
    fn from(c: Columns) -> Self {
        let user = UserRow {
            id: c.2.clone(),
            short_id: c.6,
            first_name: c.7,
            last_name: c.8,
            email: c.9,
            // Never leaves the server, so never read for a list.
            password_hash: None,
            avatar_url: c.10,
            avatar_thumb_url: c.11,
            two_factor_auth: c.12,
            timezone: c.13,
            default_organization_id: c.14,
            last_login_at: c.15,
            created_at: c.16,
            updated_at: c.17,
            email_verified: c.18,
        };
        let member = MemberRow {
            id: c.0,
            organization_id: c.1,
            user_id: c.2,
            role: c.3,
            created_at: c.4,
            updated_at: c.5,
        };
        let project_ids =
            c.19.map(|ids| ids.split(',').map(str::to_owned).collect())
                .unwrap_or_default();
        ListedMember {
            member,
            user,
            project_ids,
        }
    }
}

/// The contract's members for a page: users expanded with `include_user`, projects with
/// `include_projects` where `seen` lets the viewer see them (one more query, for the
/// organization's projects, and only then).
impl Store {
    pub async fn members(
        &self,
        org_id: &str,
        rows: Vec<ListedMember>,
        include_user: bool,
        include_projects: bool,
        seen: &ProjectsSeen,
    ) -> ApiResult<Vec<Member>> {
        let projects: HashMap<String, ProjectRow> = if include_projects
            && rows.iter().any(|r| !r.project_ids.is_empty())
        {
            on_db!(&self.db, db => sqlx::query_as::<_, ProjectRow>("SELECT * FROM projects WHERE organization_id = $1")
                .bind(org_id)
                .fetch_all(db).await)?
                .into_iter()
                .map(|p| (p.id.clone(), p))
                .collect()
        } else {
            HashMap::new()
        };
        let organization = href(format_args!("/organizations/{org_id}"));
        Ok(rows
            .into_iter()
            .map(|r| {
                let user = if include_user {
                    Expandable::Full(Box::new(r.user.into_user()))
                } else {
                    Expandable::Ref(href(format_args!("/users/{}", r.member.user_id)))
                };
                // `projects` holds rows only when they are to be expanded.
                let count = r.project_ids.len() as u32;
                let projects = r
                    .project_ids
                    .iter()
                    .map(|id| match projects.get(id) {
                        Some(p) if seen.allows(id) => Expandable::Full(Box::new(p.to_project())),
                        _ => Expandable::Ref(href(format_args!("/projects/{id}"))),
                    })
                    .collect();
                member_object(r.member, user, projects, count, organization.clone())
            })
            .collect())
    }

    /// One member of `org_id`, built as a page's members are (after a change, for its answer).
    pub async fn member(
        &self,
        org_id: &str,
        member_id: &str,
        include_user: bool,
        include_projects: bool,
        seen: &ProjectsSeen,
    ) -> ApiResult<Member> {
        let page: String = on_db!(&self.db, db, pg => sqlx::query_scalar(&one_value(pg, &format!(
        "SELECT {} FROM members m JOIN users u ON u.id = m.user_id \
         WHERE m.id = $1 AND m.organization_id = $2",
        columns(pg)
    )))
    .bind(member_id)
    .bind(org_id)
    .fetch_one(db).await)?;
        self.members(
            org_id,
            self.read_page(&page).await?,
            include_user,
            include_projects,
            seen,
        )
        .await?
        .pop()
        .ok_or(ApiError::NotFound)
    }
}

/// The contract's member from its row, its user and its projects as they are to be shown.
fn member_object(
    m: MemberRow,
    user: Expandable<org_contract::User>,
    projects: Vec<Expandable<org_contract::Project>>,
    projects_count: u32,
    organization: org_contract::Href,
) -> Member {
    Member {
        roles: vec![m.role()],
        projects_count,
        projects,
        user,
        organization,
        href: m.href().href,
        id: m.id,
        created_at: m.created_at.into(),
        updated_at: m.updated_at.into(),
    }
}
