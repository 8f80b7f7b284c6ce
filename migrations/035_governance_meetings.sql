-- Issue 13 part 2: the convention's governance bodies hold meetings in Tandem (ADR 0034): scheduled on a
-- due slot computed from the governance terms, with invitations, an agenda, minutes adopted by each side,
-- and actions followed until done.

CREATE TABLE governance_meetings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  body_key text NOT NULL,
  -- The due slot the meeting answers: the slot's last day (the same key as the calendar's obligation).
  slot_due_on date NOT NULL,
  held_on date NOT NULL,
  held_at time NOT NULL,
  place text,
  video_link text,
  CHECK (place IS NOT NULL OR video_link IS NOT NULL),
  secretariat_organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- The commitments the agenda holds (their keys), fixed when the meeting is scheduled.
  agenda_commitments text[] NOT NULL DEFAULT '{}',
  scheduled_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Minutes: version 0 until first recorded; a correction after adoption raises the version.
  minutes_version integer NOT NULL DEFAULT 0,
  minutes_recorded_on date,
  minutes_adopted_on date,
  CHECK (minutes_recorded_on IS NULL OR minutes_recorded_on >= held_on),
  UNIQUE (convention_id, body_key, slot_due_on)
);
CREATE INDEX governance_meetings_convention_idx ON governance_meetings (convention_id, held_on);

-- Who is invited (the steering users of the acting parties on the day), and their attendance once minuted.
CREATE TABLE governance_invitees (
  meeting_id uuid NOT NULL REFERENCES governance_meetings(id),
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  attendance text CHECK (attendance IN ('present', 'excused', 'absent')),
  PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE governance_agenda_items (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES governance_meetings(id),
  text text NOT NULL,
  author_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_agenda_items_meeting_idx ON governance_agenda_items (meeting_id, created_at);

CREATE TABLE governance_decisions (
  meeting_id uuid NOT NULL REFERENCES governance_meetings(id),
  position integer NOT NULL,
  text text NOT NULL,
  PRIMARY KEY (meeting_id, position)
);

CREATE TABLE governance_actions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  meeting_id uuid NOT NULL REFERENCES governance_meetings(id),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  text text NOT NULL,
  owner_id uuid NOT NULL REFERENCES users(id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done')),
  done_on date,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX governance_actions_open_idx ON governance_actions (convention_id, due_on) WHERE status <> 'done';

-- One adoption per side of the convention and per version of the minutes.
CREATE TABLE governance_adoptions (
  meeting_id uuid NOT NULL REFERENCES governance_meetings(id),
  version integer NOT NULL,
  side text NOT NULL CHECK (side IN ('france_travail', 'partner')),
  user_id uuid NOT NULL REFERENCES users(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  adopted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (meeting_id, version, side)
);
