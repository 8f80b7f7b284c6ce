-- Monthly portfolio reviews (revues de portefeuille): per agency or group of agencies, under one
-- convention; their agenda, the decisions taken (versioned: a reopened review keeps both), and
-- the documents produced (minutes, follow-up table) with who received them.

CREATE TABLE portfolio_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  -- The France Travail agencies whose cases the review covers.
  agency_ids uuid[] NOT NULL CHECK (cardinality(agency_ids) > 0),
  held_on date NOT NULL,
  -- nth review of these agencies under this convention: the secretariat alternates on it.
  sequence integer NOT NULL,
  secretariat text NOT NULL CHECK (secretariat IN ('advisor','social_worker')),
  status text NOT NULL CHECK (status IN ('open','closed')),
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz
);
CREATE INDEX portfolio_reviews_convention_idx ON portfolio_reviews (convention_id, held_on DESC);
CREATE INDEX portfolio_reviews_agencies_idx ON portfolio_reviews USING gin (agency_ids);

CREATE TABLE portfolio_review_items (
  review_id uuid NOT NULL REFERENCES portfolio_reviews(id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES support_cases(id),
  reasons text[] NOT NULL,
  added_by uuid REFERENCES users(id),
  position integer NOT NULL,
  PRIMARY KEY (review_id, case_id)
);

-- One decision per case and version of the review; a correction after reopening is a new row.
CREATE TABLE portfolio_review_decisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id uuid NOT NULL REFERENCES portfolio_reviews(id) ON DELETE CASCADE,
  case_id uuid NOT NULL REFERENCES support_cases(id),
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('accept_entry','refuse_entry','renew','exit','reorient','keep_social_only','end_social_only','other')),
  exit_type text,
  note text,
  decided_by uuid NOT NULL REFERENCES users(id),
  decided_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (review_id, case_id, version)
);
CREATE INDEX portfolio_review_decisions_case_idx ON portfolio_review_decisions (case_id);

CREATE TABLE portfolio_review_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  review_id uuid NOT NULL REFERENCES portfolio_reviews(id) ON DELETE CASCADE,
  version integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('minutes_pdf','table_xlsx','table_csv')),
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (review_id, version, kind)
);
