//! The server's PostgreSQL connections price an index look-up as the member pages find it,
//! in memory (`Pool::open`): at PostgreSQL's default a 1,000-member page read every user in
//! the database. PostgreSQL only (set `ORG_TEST_POSTGRES`; `scripts/test` does).

mod common;

use common::TestServer;

async fn random_page_cost(s: &TestServer) -> String {
    let pool =
        s.db.postgres()
            .expect("these tests need PostgreSQL: set ORG_TEST_POSTGRES (scripts/test does)");
    sqlx::query_scalar("SHOW random_page_cost")
        .fetch_one(&pool)
        .await
        .expect("SHOW random_page_cost")
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn every_connection_prices_an_index_look_up_for_rows_in_memory() {
    let s = TestServer::empty().await;
    assert_eq!(random_page_cost(&s).await, "1.1");
}

#[tokio::test]
#[ignore = "needs PostgreSQL (ORG_TEST_POSTGRES); scripts/test runs it there"]
async fn a_database_url_that_sets_the_price_keeps_its_own() {
    let s = TestServer::empty_with(|c| c.database.push_str("?options=-c%20random_page_cost%3D2.5"))
        .await;
    assert_eq!(random_page_cost(&s).await, "2.5");
}
