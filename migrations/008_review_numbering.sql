-- Issue 8 (writes that check state outside their transaction): review numbering.
-- A review's number is the nth review of its agencies under its convention, in the order they are
-- scheduled. The application computes it under a per-convention lock
-- (src/server/review/scheduleReview.ts); this table is the backstop: one number per agency and
-- convention, whatever races. One row per agency the review covers.

ALTER TABLE portfolio_reviews ADD CONSTRAINT portfolio_reviews_numbering_key UNIQUE (id, convention_id, sequence);

CREATE TABLE portfolio_review_agencies (
  review_id uuid NOT NULL,
  convention_id uuid NOT NULL,
  agency_id uuid NOT NULL REFERENCES organisations(id),
  sequence integer NOT NULL,
  PRIMARY KEY (review_id, agency_id),
  UNIQUE (convention_id, agency_id, sequence),
  -- The number here is always the review's own.
  FOREIGN KEY (review_id, convention_id, sequence) REFERENCES portfolio_reviews (id, convention_id, sequence) ON DELETE CASCADE ON UPDATE CASCADE
);

-- Reviews scheduled before this migration were numbered by date and may share a number (two
-- scheduled at once, or one dated before an existing one): in date order, a review whose number
-- is already taken for one of its agencies moves to the next free one; the others keep theirs.
-- The secretariat of each review is stored and does not change.
DO $$
DECLARE
  r record;
  n integer;
BEGIN
  FOR r IN SELECT id, convention_id, agency_ids, sequence FROM portfolio_reviews ORDER BY convention_id, held_on, created_at, id LOOP
    SELECT greatest(r.sequence, coalesce(max(a.sequence), 0) + 1) INTO n
      FROM portfolio_review_agencies a
     WHERE a.convention_id = r.convention_id AND a.agency_id = ANY(r.agency_ids);
    IF n <> r.sequence THEN
      UPDATE portfolio_reviews SET sequence = n WHERE id = r.id;
    END IF;
    INSERT INTO portfolio_review_agencies (review_id, convention_id, agency_id, sequence)
      SELECT DISTINCT r.id, r.convention_id, agency, n FROM unnest(r.agency_ids) AS agency;
  END LOOP;
END
$$;
