//! Demo data: an organization "MO TEST" like the seed's screenshot with members of every
//! role, a second company organization where the same people hold other roles, personal
//! organizations, pending and expired invitations, billing data; and, for benchmarks, an
//! organization of any size.

use chrono::{Duration, Utc};

use crate::auth::{hash_password_now, new_nonce};
use crate::db::{new_id, now, timestamp};
use crate::db::{on_db, on_tx, Pool, Timestamp};
use crate::error::ApiResult;

/// A demo account to print for the person starting the server.
pub struct DemoAccount {
    pub email: String,
    pub password: String,
    pub role_in_mo_test: &'static str,
}

pub const MO_TEST: &str = "MO TEST";
pub const SLOTH_LABS: &str = "Sloth Labs";

/// A demo user and the roles they hold.
struct Person {
    first: &'static str,
    last: &'static str,
    email: &'static str,
    mo_test_role: &'static str,
    sloth_labs_role: Option<&'static str>,
    two_factor: &'static str,
}

const fn person(
    first: &'static str,
    last: &'static str,
    email: &'static str,
    mo_test_role: &'static str,
    sloth_labs_role: Option<&'static str>,
    two_factor: &'static str,
) -> Person {
    Person {
        first,
        last,
        email,
        mo_test_role,
        sloth_labs_role,
        two_factor,
    }
}

const PEOPLE: [Person; 12] = [
    person(
        "Packet",
        "Sloth",
        "sloth@example.com",
        "owner",
        Some("collaborator"),
        "app",
    ),
    person(
        "Ada",
        "Lovelace",
        "ada@example.com",
        "admin",
        Some("billing"),
        "app",
    ),
    person(
        "Grace",
        "Hopper",
        "grace@example.com",
        "collaborator",
        Some("owner"),
        "",
    ),
    person(
        "Alan",
        "Turing",
        "alan@example.com",
        "limited_collaborator",
        Some("admin"),
        "sms",
    ),
    person(
        "Barbara",
        "Liskov",
        "barbara@example.com",
        "billing",
        Some("limited_collaborator"),
        "",
    ),
    person(
        "Margaret",
        "Hamilton",
        "margaret@example.com",
        "admin",
        None,
        "app",
    ),
    person(
        "Katherine",
        "Johnson",
        "katherine@example.com",
        "collaborator",
        None,
        "",
    ),
    person(
        "Dennis",
        "Ritchie",
        "dennis@example.com",
        "collaborator",
        None,
        "",
    ),
    person(
        "Ken",
        "Thompson",
        "ken@example.com",
        "limited_collaborator",
        None,
        "sms",
    ),
    person("Radia", "Perlman", "radia@example.com", "billing", None, ""),
    person(
        "Edsger",
        "Dijkstra",
        "edsger@example.com",
        "collaborator",
        None,
        "",
    ),
    person("Frances", "Allen", "frances@example.com", "admin", None, ""),
];

const MO_TEST_PROJECTS: [&str; 4] = ["Web Frontend", "Data Pipeline", "Edge Cache", "Staging"];
const SLOTH_LABS_PROJECTS: [&str; 2] = ["Research", "Benchmarks"];

pub fn password_for(first_name: &str) -> String {
    format!("{}-demo-pass", first_name.to_lowercase())
}

pub fn accounts() -> Vec<DemoAccount> {
    PEOPLE
        .iter()
        .map(|p| DemoAccount {
            email: p.email.to_string(),
            password: password_for(p.first),
            role_in_mo_test: p.mo_test_role,
        })
        .collect()
}

async fn insert_org(db: &Pool, name: &str, personal: bool, at: &Timestamp) -> ApiResult<String> {
    let id = new_id();
    on_db!(db, db => sqlx::query("INSERT INTO organizations (id, name, personal, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(name)
        .bind(personal)
        .bind(at)
        .bind(at)
        .execute(db).await.map(|r| r.rows_affected()))?;
    Ok(id)
}

async fn insert_projects(
    db: &Pool,
    org: &str,
    names: &[&str],
    at: &Timestamp,
) -> ApiResult<Vec<String>> {
    let mut ids = Vec::new();
    for name in names {
        let id = new_id();
        on_db!(db, db => sqlx::query("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(org)
            .bind(name)
            .bind(at)
            .bind(at)
            .execute(db).await.map(|r| r.rows_affected()))?;
        ids.push(id);
    }
    Ok(ids)
}

async fn add_member(
    db: &Pool,
    org: &str,
    user: &str,
    role: &str,
    projects: &[String],
    at: &Timestamp,
) -> ApiResult<()> {
    let id = new_id();
    on_db!(db, db => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(org)
        .bind(user)
        .bind(role)
        .bind(at)
        .bind(at)
        .execute(db).await.map(|r| r.rows_affected()))?;
    for p in projects {
        on_db!(db, db => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(p)
            .execute(db).await.map(|r| r.rows_affected()))?;
    }
    Ok(())
}

/// Projects a collaborator of the demo gets, picked by position so the data is stable.
fn projects_for(index: usize, role: &str, projects: &[String]) -> Vec<String> {
    if role.contains("collaborator") {
        vec![projects[index % projects.len()].clone()]
    } else {
        vec![]
    }
}

/// Seeds the demo data unless it is there already. Returns whether it seeded.
pub async fn seed(db: &Pool) -> ApiResult<bool> {
    let exists: bool = on_db!(db, db => sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1))")
        .bind(PEOPLE[0].email)
        .fetch_one(db).await)?;
    if exists {
        // A demo database made before addresses were verified: the demo accounts' mail
        // never leaves this machine, so they count as verified.
        let emails = serde_json::to_string(&PEOPLE.iter().map(|p| p.email).collect::<Vec<_>>())
            .expect("strings serialize");
        on_db!(db, db, pg => sqlx::query(&format!(
            "UPDATE users SET email_verified = TRUE WHERE email IN ({})",
            crate::db::in_list(pg, 1)
        ))
        .bind(emails)
        .execute(db).await.map(|r| r.rows_affected()))?;
        return Ok(false);
    }
    let start = Utc::now() - Duration::days(400);
    let at = |days: i64| timestamp(start + Duration::days(days));
    let mo_test = insert_org(db, MO_TEST, false, &at(0)).await?;
    let labs = insert_org(db, SLOTH_LABS, false, &at(30)).await?;
    on_db!(db, db => sqlx::query(
        "UPDATE organizations SET description = $1, website = $2, twitter = $3, credit_amount = 250.0, \
         address = '1 Demo Way', city = 'New York', state = 'NY', zip_code = '10001', country = 'US' WHERE id = $4",
    )
    .bind("Test organization for the organization console")
    .bind("https://mo-test.example.com")
    .bind("@motest")
    .bind(&mo_test)
    .execute(db).await.map(|r| r.rows_affected()))?;
    let mo_projects = insert_projects(db, &mo_test, &MO_TEST_PROJECTS, &at(1)).await?;
    let labs_projects = insert_projects(db, &labs, &SLOTH_LABS_PROJECTS, &at(31)).await?;

    let mut user_ids = Vec::new();
    for (i, p) in PEOPLE.iter().enumerate() {
        let (first, last, mo_role) = (p.first, p.last, p.mo_test_role);
        let id = new_id();
        let days = i as i64 * 7;
        let last_login = timestamp(Utc::now() - Duration::hours(i as i64 * 19 + 1));
        on_db!(db, db => sqlx::query(
            "INSERT INTO users (id, short_id, first_name, last_name, email, password_hash, two_factor_auth, timezone, \
             default_organization_id, last_login_at, created_at, updated_at, email_verified) VALUES ($1, $2, $3, $4, $5, $6, $7, 'America/New_York', $8, $9, $10, $11, TRUE)",
        )
        .bind(&id)
        .bind(&id[..8])
        .bind(first)
        .bind(last)
        .bind(p.email)
        .bind(hash_password_now(&password_for(first))?)
        .bind(p.two_factor)
        .bind(&mo_test)
        .bind(&last_login)
        .bind(at(days))
        .bind(at(days))
        .execute(db).await.map(|r| r.rows_affected()))?;
        let personal = insert_org(db, &format!("{first} {last} Projects"), true, &at(days)).await?;
        add_member(db, &personal, &id, "owner", &[], &at(days)).await?;
        add_member(
            db,
            &mo_test,
            &id,
            mo_role,
            &projects_for(i, mo_role, &mo_projects),
            &at(days + 1),
        )
        .await?;
        if let Some(role) = p.sloth_labs_role {
            add_member(
                db,
                &labs,
                &id,
                role,
                &projects_for(i, role, &labs_projects),
                &at(days + 31),
            )
            .await?;
        }
        user_ids.push(id);
    }

    let invitations = [
        (
            "new.hire@example.com",
            "collaborator",
            Some(&mo_projects[0]),
            2,
        ),
        (
            "contractor@example.net",
            "limited_collaborator",
            Some(&mo_projects[2]),
            1,
        ),
        ("finance@example.org", "billing", None, 3),
        // Sent long ago and never answered: past its expiry.
        ("late.reply@example.com", "admin", None, -10),
    ];
    for (invitee, role, project, days_left) in invitations {
        let id = new_id();
        let expires = Utc::now() + Duration::days(days_left);
        let sent = timestamp(expires - Duration::days(org_contract::INVITATION_LIFETIME_DAYS));
        on_db!(db, db => sqlx::query(
            "INSERT INTO invitations (id, organization_id, invitee, role, invited_by, message, nonce, expires_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&id)
        .bind(&mo_test)
        .bind(invitee)
        .bind(role)
        .bind(&user_ids[0])
        .bind(Some("Welcome to MO TEST!"))
        .bind(new_nonce())
        .bind(timestamp(expires))
        .bind(&sent)
        .bind(&sent)
        .execute(db).await.map(|r| r.rows_affected()))?;
        if let Some(p) = project {
            on_db!(db, db => sqlx::query(
                "INSERT INTO invitation_projects (invitation_id, project_id) VALUES ($1, $2)",
            )
            .bind(&id)
            .bind(p)
            .execute(db).await.map(|r| r.rows_affected()))?;
        }
    }
    // An invitation waiting for a demo user, from the second organization.
    let labs_project = SLOTH_LABS_PROJECTS.len() - 1;
    let invite_id = new_id();
    let expires = timestamp(Utc::now() + Duration::days(5));
    on_db!(db, db => sqlx::query(
        "INSERT INTO invitations (id, organization_id, invitee, role, invited_by, nonce, expires_at, created_at, updated_at) \
         VALUES ($1, $2, 'katherine@example.com', 'collaborator', $3, $4, $5, $6, $7)",
    )
    .bind(&invite_id)
    .bind(&labs)
    .bind(&user_ids[2])
    .bind(new_nonce())
    .bind(&expires)
    .bind(now())
    .bind(now())
    .execute(db).await.map(|r| r.rows_affected()))?;
    on_db!(db, db => sqlx::query("INSERT INTO invitation_projects (invitation_id, project_id) VALUES ($1, $2)")
        .bind(&invite_id)
        .bind(&labs_projects[labs_project])
        .execute(db).await.map(|r| r.rows_affected()))?;

    let cards = [
        ("Visa", "4242", "04", "2029", true),
        ("Mastercard", "5454", "11", "2027", false),
    ];
    for (brand, last4, month, year, default) in cards {
        on_db!(db, db => sqlx::query(
            "INSERT INTO payment_methods (id, organization_id, name, card_type, cardholder_name, expiration_month, \
             expiration_year, last_4, is_default, created_at) VALUES ($1, $2, $3, $4, 'Packet Sloth', $5, $6, $7, $8, $9)",
        )
        .bind(new_id())
        .bind(&mo_test)
        .bind(format!("{brand} ending in {last4}"))
        .bind(brand.to_lowercase())
        .bind(month)
        .bind(year)
        .bind(last4)
        .bind(default)
        .bind(at(2))
        .execute(db).await.map(|r| r.rows_affected()))?;
    }
    Ok(true)
}

/// Creates an organization of `members` members (plus the demo owner, who must exist:
/// run [`seed`] first) for benchmarks. Its members cannot sign in. Returns its ID.
pub async fn seed_large(db: &Pool, members: u32) -> ApiResult<String> {
    let owner: String = on_db!(db, db => sqlx::query_scalar("SELECT id FROM users WHERE lower(email) = lower($1)")
        .bind(PEOPLE[0].email)
        .fetch_one(db).await)?;
    let at = now();
    let name = format!("Large Org ({members} members)");
    let mut tx = db.begin().await?;
    let org = super::organizations::create_organization(
        &mut tx,
        super::organizations::NewOrganization {
            name: &name,
            description: None,
            website: None,
            twitter: None,
            personal: false,
        },
        &owner,
    )
    .await?;
    let roles = [
        "admin",
        "collaborator",
        "limited_collaborator",
        "billing",
        "collaborator",
    ];
    let project = new_id();
    on_tx!(&mut tx, c => sqlx::query("INSERT INTO projects (id, organization_id, name, created_at, updated_at) VALUES ($1, $2, 'Bulk', $3, $4)")
        .bind(&project)
        .bind(&org)
        .bind(&at)
        .bind(&at)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
    let tag = &org[..8];
    for i in 0..members {
        let user = new_id();
        let joined = timestamp(Utc::now() - Duration::minutes(i64::from(i)));
        on_tx!(&mut tx, c => sqlx::query(
            "INSERT INTO users (id, short_id, first_name, last_name, email, created_at, updated_at, email_verified) VALUES ($1, $2, $3, $4, $5, $6, $7, TRUE)",
        )
        .bind(&user)
        .bind(&user[..8])
        .bind(format!("Member{i:05}"))
        .bind(format!("Bulk{}", (i * 7919) % members))
        .bind(format!("member{i:05}.{tag}@large.example"))
        .bind(&joined)
        .bind(&joined)
        .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let member = new_id();
        let role = roles[i as usize % roles.len()];
        on_tx!(&mut tx, c => sqlx::query("INSERT INTO members (id, organization_id, user_id, role, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&member)
            .bind(&org)
            .bind(&user)
            .bind(role)
            .bind(&joined)
            .bind(&joined)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if role.contains("collaborator") {
            on_tx!(&mut tx, c => sqlx::query("INSERT INTO member_projects (member_id, project_id) VALUES ($1, $2)")
                .bind(&member)
                .bind(&project)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
    }
    tx.commit().await?;
    // PostgreSQL plans by its statistics, which autovacuum gathers only later: right after
    // a bulk load of 100,000 rows it would plan as if the tables were nearly empty.
    if db.is_postgres() {
        on_db!(db, db => sqlx::query("ANALYZE").execute(db).await.map(|_| ()))?;
    }
    Ok(org)
}
