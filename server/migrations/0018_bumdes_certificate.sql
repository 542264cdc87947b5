-- The BUMDes's legal entity certificate number (nomor sertifikat badan hukum BUM Desa), which officials
-- check before they verify it. Optional: a BUMDes may register before its certificate is issued.
ALTER TABLE bumdes
    ADD COLUMN certificate_number text
        CHECK (certificate_number IS NULL OR (btrim(certificate_number) <> '' AND length(certificate_number) <= 60));
