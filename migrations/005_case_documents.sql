-- Documents of a global-support case (CV, certificates, letters), with the same visibility as
-- notes: pair, social (social workers only), employment (advisors only).
CREATE TABLE support_documents (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  visibility text NOT NULL CHECK (visibility IN ('pair','social','employment')),
  name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_documents_case_idx ON support_documents (case_id, visibility, created_at);
