//! Making an official, as the command line and the web invitation both do: the details are checked
//! like a seller's, the region must be one the inviter covers, and a one-time link sets the password.
use sqlx::PgPool;

use super::queries::{self, NewOfficial};
use super::scope::{covers, is_official_region};
use crate::auth::checks;
use crate::error::AppError;
use crate::form::{FormProblems, Problem};

/// What the inviting official (or the command line, as the whole country) typed for the new official.
pub struct Invitation<'a> {
    /// Empty for the whole country.
    pub region: &'a str,
    pub name: &'a str,
    pub whatsapp: &'a str,
    pub email: &'a str,
}

/// Checks the details and adds the official: the token of their password link, or the form with its
/// problems. `inviter` is `None` for the command line; an inviter's region must cover the new one's
/// (403 otherwise, and for the whole country unless the inviter is national).
pub async fn add(
    pool: &PgPool,
    inviter: Option<(i64, Option<&str>)>,
    typed: &Invitation<'_>,
) -> Result<Result<String, FormProblems>, AppError> {
    let mut form = FormProblems::default();
    let region = Some(typed.region.trim()).filter(|code| !code.is_empty());
    form.keep("region", typed.region);
    checks::text(&mut form, "name", typed.name, 80);
    let number = checks::whatsapp(&mut form, "whatsapp", typed.whatsapp);
    let email = checks::email(&mut form, "email", typed.email);
    // What is no region comes back with the form; a region outside the inviter's is refused.
    if region.is_some_and(|code| !is_official_region(code)) {
        form.add("region", Problem::Region);
        return Ok(Err(form));
    }
    if let Some((_, scope)) = inviter
        && !covers(scope, region)
    {
        return Err(AppError::Forbidden);
    }
    if !form.is_empty() {
        return Ok(Err(form));
    }
    let new = NewOfficial {
        name: typed.name,
        whatsapp: &number,
        email: email.as_deref(),
        region_code: region,
        invited_by: inviter.map(|(id, _)| id),
    };
    Ok(match queries::create(pool, &new).await? {
        Ok(token) => Ok(token),
        Err((field, problem)) => {
            form.add(field, problem);
            Err(form)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::queries::{Account, open_session, session_seller};
    use crate::officials::queries::{
        colleagues, link_for, login_account, session_official, set_password_by_link,
    };
    use crate::test_fixtures as fx;

    fn typed<'a>(region: &'a str, name: &'a str, whatsapp: &'a str) -> Invitation<'a> {
        Invitation {
            region,
            name,
            whatsapp,
            email: "",
        }
    }

    /// Adds an official as `inviter` and sets their password: their id.
    async fn official(
        pool: &PgPool,
        inviter: Option<(i64, Option<&str>)>,
        new: Invitation<'_>,
    ) -> i64 {
        let token = add(pool, inviter, &new).await.unwrap().unwrap();
        set_password_by_link(pool, &token, "hash")
            .await
            .unwrap()
            .unwrap()
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn officials_invite_only_inside_their_own_region(pool: PgPool) {
        fx::regions(&pool).await;
        sqlx::query(
            "INSERT INTO regions (code, parent_code, level, name)
             VALUES ('11.02', '11', 'regency', 'Kabupaten Aceh Tenggara')",
        )
        .execute(&pool)
        .await
        .unwrap();
        // The command line makes the national official.
        let national = official(&pool, None, typed("", "Menteri", "0811 0000 0001")).await;
        let country = Some((national, None));
        let province = official(&pool, country, typed("11", "Dinas Aceh", "0811 0000 0002")).await;
        let aceh = Some((province, Some("11")));
        let regency = official(
            &pool,
            aceh,
            typed("11.01", "Dinas Aceh Selatan", "0811 0000 0003"),
        )
        .await;
        let selatan = Some((regency, Some("11.01")));

        // Inside (a district of the regency, and the regency itself) is allowed.
        official(
            &pool,
            selatan,
            typed("11.01.01", "Pendamping", "0811 0000 0004"),
        )
        .await;
        add(&pool, selatan, &typed("11.01", "Rekan", "0811 0000 0005"))
            .await
            .unwrap()
            .unwrap();
        // A sibling, the parent, another province and the whole country are not.
        for region in ["11.02", "11", "52.04", ""] {
            let refused = add(&pool, selatan, &typed(region, "Orang", "0811 0000 0099")).await;
            assert_eq!(refused, Err(AppError::Forbidden), "{region:?}");
        }
        assert_eq!(
            add(&pool, aceh, &typed("52", "Orang", "0811 0000 0099")).await,
            Err(AppError::Forbidden)
        );

        // A village, an unknown code and a taken number come back as the form's problems.
        let problem = |result: Result<Result<String, FormProblems>, AppError>, field: &str| {
            result.unwrap().unwrap_err().problem(field)
        };
        let village = add(
            &pool,
            country,
            &typed(fx::VILLAGE, "Orang", "0811 0000 0099"),
        )
        .await;
        assert_eq!(problem(village, "region"), Some(Problem::Region));
        let unknown = add(&pool, country, &typed("99", "Orang", "0811 0000 0099")).await;
        assert_eq!(problem(unknown, "region"), Some(Problem::Region));
        let taken = add(&pool, country, &typed("52", "Orang", "0811-0000-0002")).await;
        assert_eq!(problem(taken, "whatsapp"), Some(Problem::PhoneTaken));
        let blank = add(&pool, country, &typed("52", " ", "12"))
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(blank.problem("name"), Some(Problem::Required));
        assert_eq!(blank.problem("whatsapp"), Some(Problem::Phone));

        // Each official sees the officials of their region and below, no one above or beside.
        let names = |list: Vec<crate::officials::Colleague>| {
            list.into_iter().map(|c| c.name).collect::<Vec<_>>()
        };
        assert_eq!(
            names(colleagues(&pool, Some("11.01")).await.unwrap()),
            ["Dinas Aceh Selatan", "Rekan", "Pendamping"]
        );
        assert_eq!(colleagues(&pool, Some("11.02")).await.unwrap(), []);
        assert_eq!(colleagues(&pool, None).await.unwrap().len(), 5);
        let listed = colleagues(&pool, Some("11.01.01")).await.unwrap();
        assert_eq!(
            listed[0].region.as_deref(),
            Some("Bakongan, Kabupaten Aceh Selatan, Aceh")
        );
        assert!(listed[0].active);
        assert!(!colleagues(&pool, Some("11.01")).await.unwrap()[1].active);
    }

    #[sqlx::test(migrations = "../server/migrations")]
    async fn a_password_link_works_once_and_an_officials_session_is_not_a_sellers(pool: PgPool) {
        fx::regions(&pool).await;
        let token = add(
            &pool,
            None,
            &typed("11.01", "Dinas Aceh Selatan", "0811 0000 0003"),
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            link_for(&pool, &token).await.unwrap().as_deref(),
            Some("Dinas Aceh Selatan")
        );
        // No password yet: nobody logs in as them.
        assert_eq!(login_account(&pool, "+6281100000003").await.unwrap(), None);
        let id = set_password_by_link(&pool, &token, "hash-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            set_password_by_link(&pool, &token, "hash-2").await.unwrap(),
            None
        );
        assert_eq!(link_for(&pool, &token).await.unwrap(), None);
        assert_eq!(
            login_account(&pool, "+6281100000003").await.unwrap(),
            Some((id, "hash-1".to_string()))
        );
        assert_eq!(
            set_password_by_link(&pool, "made-up", "hash")
                .await
                .unwrap(),
            None
        );

        let session = open_session(&pool, Account::Official(id)).await.unwrap();
        let me = session_official(&pool, &session).await.unwrap().unwrap();
        assert_eq!(me.region_code.as_deref(), Some("11.01"));
        assert_eq!(me.region.as_deref(), Some("Kabupaten Aceh Selatan, Aceh"));
        assert_eq!(session_seller(&pool, &session).await.unwrap(), None);
    }
}
