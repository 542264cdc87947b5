//! Coverage reads. Region figures come from `region_counts` and orders of large regions from
//! `coverage_days`, both rebuilt in the background; pending verifications are counted live, so an
//! official's decision shows at once.
use sqlx::PgPool;

use super::{Area, Figures, Period};
use crate::chart::DayCount;

/// Recounts orders, GMV and newly covered villages per day (after `region_counts`, which it reads).
pub async fn refresh(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query!("SELECT refresh_coverage_days()")
        .execute(pool)
        .await?;
    Ok(())
}

/// The length of the codes one level below `parent` (`None`: the whole country).
fn child_length(parent: Option<&str>) -> i32 {
    match parent.map(str::len) {
        None => 2,
        Some(2) => 5,
        Some(5) => 8,
        _ => 13,
    }
}

/// `coverage_days` holds the country, provinces and regencies; below them orders are few enough to sum.
fn summed(region: Option<&str>) -> bool {
    region.is_none_or(|code| code.len() <= 5)
}

/// "52.04.%": what a region's codes begin with.
fn pattern(region: Option<&str>) -> String {
    region.map_or("%".to_string(), |code| format!("{code}.%"))
}

/// The regions one level below `parent` (`None`: the provinces) with their figures, by name.
pub async fn areas(pool: &PgPool, parent: Option<&str>, period: Period) -> sqlx::Result<Vec<Area>> {
    // Provinces' and regencies' orders are summed per day; districts' and villages' counted here.
    let live = parent.is_some_and(|code| code.len() >= 5);
    let rows = sqlx::query!(
        r#"WITH since AS (SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date - ($3::int - 1) AS day),
           live AS (
               SELECT left(b.village_code, $4::int) AS code,
                      count(*) FILTER (WHERE o.status NOT IN ('cancelled', 'expired')) AS orders,
                      coalesce(sum(o.subtotal_rupiah) FILTER (WHERE o.status = 'done'), 0) AS gmv
               FROM bumdes b JOIN orders o ON o.bumdes_id = b.id
               WHERE $5::bool AND b.village_code LIKE $2
                 AND o.created_at >= ((SELECT day FROM since)::timestamp AT TIME ZONE 'Asia/Jakarta')
               GROUP BY 1
           ),
           pending AS (
               SELECT left(village_code, $4::int) AS code, count(*) AS pending
               FROM bumdes WHERE verification = 'pending' AND village_code LIKE $2
               GROUP BY 1
           )
           SELECT r.code, r.name,
                  coalesce(c.villages, 0) AS "villages!", coalesce(c.verified_villages, 0) AS "verified_villages!",
                  coalesce(c.covered_villages, 0) AS "covered_villages!", coalesce(c.products, 0) AS "products!",
                  coalesce(CASE WHEN $5 THEN l.orders ELSE d.orders END, 0)::bigint AS "orders!",
                  coalesce(CASE WHEN $5 THEN l.gmv ELSE d.gmv END, 0)::bigint AS "gmv_rupiah!",
                  coalesce(p.pending, 0) AS "pending!"
           FROM regions r
           LEFT JOIN region_counts c ON c.code = r.code
           LEFT JOIN live l ON l.code = r.code
           LEFT JOIN pending p ON p.code = r.code
           LEFT JOIN LATERAL (
               SELECT sum(d.orders) AS orders, sum(d.gmv_rupiah) AS gmv FROM coverage_days d
               WHERE NOT $5 AND d.code = r.code AND d.day >= (SELECT day FROM since)
           ) d ON true
           WHERE r.parent_code IS NOT DISTINCT FROM $1
           ORDER BY r.name, r.code"#,
        parent,
        pattern(parent),
        period.days(),
        child_length(parent),
        live,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Area {
            code: row.code,
            name: row.name,
            figures: Figures {
                villages: row.villages,
                verified_villages: row.verified_villages,
                covered_villages: row.covered_villages,
                products: row.products,
                orders: row.orders,
                gmv_rupiah: row.gmv_rupiah,
                pending: row.pending,
            },
            outline: None,
        })
        .collect())
}

/// The weeks of the period in `region` (`None`: the country), oldest first: villages covered at each
/// week's end (those covered now, less those covered later), then each week's GMV.
pub async fn weeks(
    pool: &PgPool,
    region: Option<&str>,
    period: Period,
) -> sqlx::Result<(Vec<DayCount>, Vec<DayCount>)> {
    let rows = sqlx::query!(
        r#"WITH since AS (SELECT (now() AT TIME ZONE 'Asia/Jakarta')::date - ($3::int - 1) AS day),
           facts AS (
               SELECT d.day, d.gmv_rupiah AS gmv, d.covered FROM coverage_days d
               WHERE $4::bool AND d.code = $1 AND d.day >= (SELECT day FROM since)
               UNION ALL
               SELECT (o.created_at AT TIME ZONE 'Asia/Jakarta')::date, o.subtotal_rupiah, 0
               FROM bumdes b JOIN orders o ON o.bumdes_id = b.id
               WHERE NOT $4 AND b.village_code LIKE $2 AND o.status = 'done'
                 AND o.created_at >= ((SELECT day FROM since)::timestamp AT TIME ZONE 'Asia/Jakarta')
               UNION ALL
               SELECT (c.covered_since AT TIME ZONE 'Asia/Jakarta')::date, 0, 1 FROM region_counts c
               WHERE NOT $4 AND c.code LIKE $2 AND c.covered_since IS NOT NULL
                 AND c.covered_since >= ((SELECT day FROM since)::timestamp AT TIME ZONE 'Asia/Jakarta')
           ),
           weeks AS (
               SELECT w::date AS monday
               FROM generate_series(date_trunc('week', (SELECT day FROM since)),
                                    (now() AT TIME ZONE 'Asia/Jakarta')::date, interval '1 week') w
           )
           SELECT to_char(w.monday, 'YYYY-MM-DD') AS "monday!",
                  coalesce(sum(f.gmv), 0)::bigint AS "gmv!", coalesce(sum(f.covered), 0)::bigint AS "covered!"
           FROM weeks w LEFT JOIN facts f ON date_trunc('week', f.day)::date = w.monday
           GROUP BY w.monday ORDER BY w.monday"#,
        region.unwrap_or(""),
        pattern(region),
        period.days(),
        summed(region),
    )
    .fetch_all(pool)
    .await?;
    let now = sqlx::query_scalar!(
        "SELECT covered_villages FROM region_counts WHERE code = $1",
        region.unwrap_or("")
    )
    .fetch_optional(pool)
    .await?
    .flatten()
    .unwrap_or(0);
    // Walking back from now: a week ends with what is covered now, less what was covered after it.
    let mut covered = now;
    let mut covered_weeks = Vec::with_capacity(rows.len());
    let mut gmv_weeks = Vec::with_capacity(rows.len());
    for row in rows.into_iter().rev() {
        covered_weeks.push(DayCount {
            day: row.monday.clone(),
            count: covered,
        });
        gmv_weeks.push(DayCount {
            day: row.monday,
            count: row.gmv,
        });
        covered -= row.covered;
    }
    covered_weeks.reverse();
    gmv_weeks.reverse();
    Ok((covered_weeks, gmv_weeks))
}

/// When the background count last ran, "DD-MM-YYYY HH:MM" in Jakarta time.
pub async fn counted_at(pool: &PgPool) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        r#"SELECT to_char(at AT TIME ZONE 'Asia/Jakarta', 'DD-MM-YYYY HH24:MI') AS "at!" FROM coverage_refreshed"#
    )
    .fetch_optional(pool)
    .await
}

/// The region's own name, or `None` when there is no such province, regency or district.
pub async fn region_name(pool: &PgPool, code: &str) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "SELECT name FROM regions WHERE code = $1 AND level <> 'village'",
        code
    )
    .fetch_optional(pool)
    .await
}
