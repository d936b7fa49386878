-- A short code for each theme, for quick typing on the bulk-entry page and printed beside each theme on the
-- report-back form ("HOU" for Housing). Optional; unique ignoring case when given.
ALTER TABLE listening_theme ADD COLUMN code TEXT NULL;
CREATE UNIQUE INDEX ux_listening_theme_code ON listening_theme (lower(code));

UPDATE listening_theme SET code = 'ACC' WHERE id = '0190b000-0000-7000-8000-000000000001';
UPDATE listening_theme SET code = 'COM' WHERE id = '0190b000-0000-7000-8000-000000000002';
UPDATE listening_theme SET code = 'MH' WHERE id = '0190b000-0000-7000-8000-000000000003';
UPDATE listening_theme SET code = 'LTC' WHERE id = '0190b000-0000-7000-8000-000000000004';
UPDATE listening_theme SET code = 'MAT' WHERE id = '0190b000-0000-7000-8000-000000000005';
UPDATE listening_theme SET code = 'HOU' WHERE id = '0190b000-0000-7000-8000-000000000006';
UPDATE listening_theme SET code = 'WM' WHERE id = '0190b000-0000-7000-8000-000000000007';
UPDATE listening_theme SET code = 'ISO' WHERE id = '0190b000-0000-7000-8000-000000000008';
UPDATE listening_theme SET code = 'FOOD' WHERE id = '0190b000-0000-7000-8000-000000000009';
UPDATE listening_theme SET code = 'SAF' WHERE id = '0190b000-0000-7000-8000-000000000010';
UPDATE listening_theme SET code = 'DIS' WHERE id = '0190b000-0000-7000-8000-000000000011';
