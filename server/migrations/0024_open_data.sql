-- The open data API names every product's and BUMDes's village with the regions above it, by code.
CREATE VIEW village_origins AS
SELECT v.code AS village_code, v.name AS village, d.code AS district_code, d.name AS district,
       r.code AS regency_code, r.name AS regency, p.code AS province_code, p.name AS province
FROM regions v
JOIN regions d ON d.code = v.parent_code
JOIN regions r ON r.code = d.parent_code
JOIN regions p ON p.code = r.parent_code
WHERE v.level = 'village';
