-- Issue 14 (ADR 0037): Parcours emploi compétences (000 art. 3.1 a) — the employer's offers passed to
-- France Travail, the company advisors France Travail names per employer, candidacies proposed by
-- advisors with their eligibility diagnosis, the contract with its tutor, the three-way meeting, the
-- work-experience certificate and the exit. The follow-up booklet (migration 040) hangs on pec_contracts.
-- A person erased (purge, rights request) takes their candidacies and contracts with them (CASCADE).

-- « un conseiller entreprise nommément désigné … plus un second en cas d'absence du premier »: per
-- convention and employer, as many of each rank as the terms say (checked by the command).
CREATE TABLE pec_company_advisors (
  convention_id uuid NOT NULL REFERENCES conventions(id),
  employer_org_id uuid NOT NULL REFERENCES organisations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  rank text NOT NULL CHECK (rank IN ('named', 'backup')),
  named_by uuid NOT NULL REFERENCES users(id),
  named_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (convention_id, employer_org_id, user_id)
);

CREATE TABLE pec_offers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  employer_org_id uuid NOT NULL REFERENCES organisations(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  skills text NOT NULL CHECK (length(skills) BETWEEN 1 AND 4000),
  rome_codes text[] NOT NULL DEFAULT '{}',
  weekly_hours integer NOT NULL CHECK (weekly_hours BETWEEN 1 AND 35),
  duration_months integer NOT NULL CHECK (duration_months BETWEEN 1 AND 60),
  site_address text NOT NULL CHECK (length(site_address) BETWEEN 1 AND 500),
  wished_start_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'filled', 'withdrawn')),
  posted_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pec_offers_convention_idx ON pec_offers (convention_id, created_at DESC);
CREATE INDEX pec_offers_employer_idx ON pec_offers (employer_org_id, created_at DESC);

-- A candidacy (mise en relation): a job seeker proposed by an advisor, with the diagnosis that makes
-- the PEC the right answer for them (« dépasse le raisonnement par catégorie administrative »).
CREATE TABLE pec_candidacies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  offer_id uuid NOT NULL REFERENCES pec_offers(id),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id) ON DELETE CASCADE,
  proposed_by uuid NOT NULL REFERENCES users(id),
  proposed_by_org_id uuid NOT NULL REFERENCES organisations(id),
  diagnosis text NOT NULL CHECK (length(diagnosis) BETWEEN 10 AND 4000),
  proposal text NOT NULL CHECK (length(proposal) BETWEEN 1 AND 4000),
  proposed_at timestamptz NOT NULL DEFAULT now(),
  status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'refused')),
  answer_reason text CHECK (length(answer_reason) BETWEEN 1 AND 2000),
  answered_by uuid REFERENCES users(id),
  answered_at timestamptz,
  CHECK ((status = 'proposed') = (answered_at IS NULL)),
  CHECK (status <> 'refused' OR answer_reason IS NOT NULL),
  UNIQUE (offer_id, job_seeker_id)
);
CREATE INDEX pec_candidacies_convention_idx ON pec_candidacies (convention_id);

-- A tutor of an employer, known by their e-mail: the count of subsidised employees they tutor is
-- their active contracts in Tandem plus those they tutor outside it (declared).
CREATE TABLE pec_tutors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  employer_org_id uuid NOT NULL REFERENCES organisations(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
  job_title text NOT NULL CHECK (length(job_title) BETWEEN 1 AND 200),
  is_employee boolean NOT NULL,
  volunteer boolean NOT NULL,
  qualification text NOT NULL CHECK (length(qualification) BETWEEN 1 AND 500),
  years_experience integer NOT NULL CHECK (years_experience BETWEEN 0 AND 60),
  on_subsidised_contract boolean NOT NULL,
  other_subsidised_employees integer NOT NULL CHECK (other_subsidised_employees BETWEEN 0 AND 50),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pec_tutors_email_idx ON pec_tutors (employer_org_id, lower(email));

CREATE TABLE pec_contracts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  offer_id uuid NOT NULL REFERENCES pec_offers(id),
  candidacy_id uuid NOT NULL UNIQUE REFERENCES pec_candidacies(id) ON DELETE CASCADE,
  employer_org_id uuid NOT NULL REFERENCES organisations(id),
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id) ON DELETE CASCADE,
  referent_advisor_id uuid NOT NULL REFERENCES users(id),
  tutor_id uuid REFERENCES pec_tutors(id),
  starts_on date NOT NULL,
  -- The current end: moved by a renewal or an early end.
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  initial_ends_on date NOT NULL,
  weekly_hours integer NOT NULL CHECK (weekly_hours BETWEEN 1 AND 35),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  renewals integer NOT NULL DEFAULT 0,
  -- The employee asked for the work-experience certificate earlier than the terms' deadline.
  certificate_requested_on date,
  exit_on date,
  exit_outcome text CHECK (exit_outcome IN ('job', 'training', 'renewal', 'other')),
  exit_note text CHECK (length(exit_note) <= 2000),
  CHECK ((status = 'ended') = (exit_on IS NOT NULL AND exit_outcome IS NOT NULL)),
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pec_contracts_employer_idx ON pec_contracts (employer_org_id, status);
CREATE INDEX pec_contracts_tutor_idx ON pec_contracts (tutor_id) WHERE status = 'active';
CREATE INDEX pec_contracts_convention_idx ON pec_contracts (convention_id);

-- The three-way meeting (conseiller référent – salarié – tuteur): skills of the ROME referential,
-- training and support actions planned.
CREATE TABLE pec_three_way_meetings (
  contract_id uuid PRIMARY KEY REFERENCES pec_contracts(id) ON DELETE CASCADE,
  held_on date NOT NULL,
  skills jsonb NOT NULL,
  training_actions text[] NOT NULL DEFAULT '{}',
  support_actions text[] NOT NULL DEFAULT '{}',
  notes text CHECK (length(notes) <= 4000),
  recorded_by uuid NOT NULL REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE pec_meeting_signatures (
  contract_id uuid NOT NULL REFERENCES pec_three_way_meetings(contract_id) ON DELETE CASCADE,
  signer text NOT NULL CHECK (signer IN ('advisor', 'employee', 'tutor')),
  signer_name text NOT NULL,
  -- The advisor signs in Tandem; the employee and the tutor sign in the meeting, recorded by the advisor.
  mode text NOT NULL CHECK (mode IN ('in_app', 'signed_in_meeting')),
  signed_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid NOT NULL REFERENCES users(id),
  PRIMARY KEY (contract_id, signer)
);

-- The work-experience certificate: the tutor's part completed by the employer, signed by the employer.
CREATE TABLE pec_certificates (
  contract_id uuid PRIMARY KEY REFERENCES pec_contracts(id) ON DELETE CASCADE,
  missions text NOT NULL CHECK (length(missions) BETWEEN 1 AND 4000),
  skills_acquired text NOT NULL CHECK (length(skills_acquired) BETWEEN 1 AND 4000),
  trainings text CHECK (length(trainings) <= 4000),
  completed_by uuid NOT NULL REFERENCES users(id),
  completed_at timestamptz NOT NULL DEFAULT now(),
  signed_by uuid REFERENCES users(id),
  signer_name text,
  signer_title text,
  signed_on date,
  CHECK ((signed_by IS NULL) = (signed_on IS NULL))
);

-- The certificate reminders sent (once per contract, kind and deadline).
CREATE TABLE pec_certificate_alerts (
  contract_id uuid NOT NULL REFERENCES pec_contracts(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('soon', 'overdue')),
  due_on date NOT NULL,
  sent_on date NOT NULL,
  PRIMARY KEY (contract_id, kind, due_on)
);
