-- Lists at national scale (issue 12, ADR 0039): on a PostgreSQL server the check lets PostgreSQL
-- parse the file (COPY into a temporary staging table) and validates it in SQL, set-based; its good
-- lines reach list_import_rows in one INSERT … SELECT.
--
-- The foreign key of a staged line to its import cost a trigger call per line: 7 of the 17 seconds
-- of a 1 000 000-line INSERT … SELECT, measured. Lines are only ever written by the check of their
-- own import (runListImport, the import's row existing and locked by its command path), and no import
-- is ever deleted (a received file stays recorded, ADR 0030/0032): the key is dropped, and the
-- cascade it carried is kept by that rule.
ALTER TABLE list_import_rows DROP CONSTRAINT IF EXISTS list_import_rows_import_id_fkey;
