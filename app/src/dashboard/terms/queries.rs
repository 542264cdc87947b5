//! A BUMDes's shipping and payment terms as its owner edits them.
use sqlx::PgPool;

use super::TermsFields;

pub async fn fields(pool: &PgPool, bumdes: i64) -> sqlx::Result<TermsFields> {
    let row = sqlx::query!(
        "SELECT ship_regency_rupiah, ship_province_rupiah, ship_elsewhere_rupiah, pickup, bank_name,
                bank_account, bank_holder, cod, qris_key, hold_hours, certificate_number, certificate_key
         FROM bumdes WHERE id = $1",
        bumdes
    )
    .fetch_one(pool)
    .await?;
    let fee = |fee: Option<i64>| fee.map(|f| f.to_string()).unwrap_or_default();
    Ok(TermsFields {
        ship_regency: fee(row.ship_regency_rupiah),
        ship_province: fee(row.ship_province_rupiah),
        ship_elsewhere: fee(row.ship_elsewhere_rupiah),
        pickup: row.pickup,
        bank_name: row.bank_name.unwrap_or_default(),
        bank_account: row.bank_account.unwrap_or_default(),
        bank_holder: row.bank_holder.unwrap_or_default(),
        cod: row.cod,
        hold_hours: row.hold_hours,
        qris_key: row.qris_key,
        certificate_key: row.certificate_key,
        certificate_number: row.certificate_number.unwrap_or_default(),
    })
}

/// Sets (or with `None` removes) the QRIS picture (`column` "qris") or the certificate's photo
/// ("certificate"); returns the one it replaces.
pub async fn set_picture(
    pool: &PgPool,
    bumdes: i64,
    column: &str,
    key: Option<&str>,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "WITH old AS (SELECT id, qris_key, certificate_key FROM bumdes WHERE id = $1 FOR UPDATE)
         UPDATE bumdes b
         SET qris_key = CASE WHEN $3 = 'qris' THEN $2 ELSE b.qris_key END,
             certificate_key = CASE WHEN $3 = 'certificate' THEN $2 ELSE b.certificate_key END
         FROM old WHERE b.id = old.id
         RETURNING CASE WHEN $3 = 'qris' THEN old.qris_key ELSE old.certificate_key END",
        bumdes,
        key,
        column
    )
    .fetch_one(pool)
    .await
}

/// The terms, checked: fees in whole Rupiah (`None`: no delivery there), the bank account all or
/// nothing.
pub struct Checked<'a> {
    pub ship: [Option<i64>; 3],
    pub pickup: bool,
    pub bank: Option<(&'a str, &'a str, &'a str)>,
    pub cod: bool,
    pub hold_hours: i32,
    pub certificate: Option<&'a str>,
}

pub async fn save(pool: &PgPool, bumdes: i64, terms: &Checked<'_>) -> sqlx::Result<()> {
    let (bank_name, bank_account, bank_holder) = match terms.bank {
        Some((name, account, holder)) => (Some(name), Some(account), Some(holder)),
        None => (None, None, None),
    };
    sqlx::query!(
        "UPDATE bumdes SET ship_regency_rupiah = $2, ship_province_rupiah = $3, ship_elsewhere_rupiah = $4,
                pickup = $5, bank_name = $6, bank_account = $7, bank_holder = $8, cod = $9,
                hold_hours = $10, certificate_number = $11
         WHERE id = $1",
        bumdes,
        terms.ship[0],
        terms.ship[1],
        terms.ship[2],
        terms.pickup,
        bank_name,
        bank_account,
        bank_holder,
        terms.cod,
        terms.hold_hours,
        terms.certificate
    )
    .execute(pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixtures as fx;

    #[sqlx::test(migrations = "../server/migrations")]
    async fn terms_are_saved_and_read_back(pool: PgPool) {
        fx::regions(&pool).await;
        let shop = fx::bumdes(&pool, "bumdes-a", fx::VILLAGE, "verified").await;
        let before = fields(&pool, shop).await.unwrap();
        assert_eq!(
            (before.ship_regency.as_str(), before.pickup, before.cod),
            ("", true, false)
        );
        assert_eq!(before.hold_hours, 48);
        let terms = Checked {
            ship: [Some(10_000), None, Some(0)],
            pickup: false,
            bank: Some(("BRI", "0123456789", "BUMDes A")),
            cod: true,
            hold_hours: 12,
            certificate: Some("AHU-00123.AH.01.33.Tahun 2023"),
        };
        save(&pool, shop, &terms).await.unwrap();
        let after = fields(&pool, shop).await.unwrap();
        assert_eq!(
            (
                after.ship_regency.as_str(),
                after.ship_province.as_str(),
                after.ship_elsewhere.as_str()
            ),
            ("10000", "", "0")
        );
        assert_eq!(
            (after.bank_account.as_str(), after.pickup, after.cod),
            ("0123456789", false, true)
        );
        assert_eq!(after.hold_hours, 12);
        assert_eq!(after.certificate_number, "AHU-00123.AH.01.33.Tahun 2023");
    }
}
