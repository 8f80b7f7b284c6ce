-- Issue 9, case page: an appointment has a time and a place or modality, can be corrected or
-- cancelled with its history kept, and can be sent to the person (letter, e-mail with an
-- iCalendar invitation); a note can be edited, its previous versions kept.

-- Time and modality. Appointments recorded before this migration keep no time and no modality
-- (NULL): the page says so rather than inventing one.
ALTER TABLE support_appointments ADD COLUMN scheduled_time time;
ALTER TABLE support_appointments ADD COLUMN modality text CHECK (modality IN ('in_person','phone','video'));
-- In person: where; by video: the link to join. Neither for a phone call.
ALTER TABLE support_appointments ADD COLUMN place text;
ALTER TABLE support_appointments ADD COLUMN video_link text;
-- A cancelled appointment stays on the page (struck through, with why) but counts for nothing.
ALTER TABLE support_appointments ADD COLUMN cancelled_on date;
ALTER TABLE support_appointments ADD COLUMN cancel_reason text;
-- The iCalendar SEQUENCE (RFC 5545 §3.8.7.4): incremented by each correction and by the cancellation,
-- so that the person's calendar replaces the invitation it holds.
ALTER TABLE support_appointments ADD COLUMN sequence integer NOT NULL DEFAULT 0;
-- When an invitation was last e-mailed to the person: a correction or a cancellation then sends its update.
ALTER TABLE support_appointments ADD COLUMN invited_at timestamptz;
ALTER TABLE support_appointments ADD CONSTRAINT support_appointments_cancel_reason_check
  CHECK ((cancelled_on IS NULL) = (cancel_reason IS NULL));

-- Each change of an appointment after it was recorded: presence, correction or cancellation, with
-- the values before and after (only the fields that changed) and who made it.
CREATE TABLE support_appointment_changes (
  id bigserial PRIMARY KEY,
  appointment_id uuid NOT NULL REFERENCES support_appointments(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('presence','correction','cancellation')),
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  reason text,
  changed_by uuid REFERENCES users(id),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_appointment_changes_appointment_idx ON support_appointment_changes (appointment_id, id);

-- A note's previous versions, each as it read until it was replaced. The note's visibility is the
-- note's own (it is not edited): reads join the note and filter on it in SQL, as for the note.
ALTER TABLE support_notes ADD COLUMN edited_at timestamptz;
CREATE TABLE support_note_versions (
  id bigserial PRIMARY KEY,
  note_id uuid NOT NULL REFERENCES support_notes(id) ON DELETE CASCADE,
  body text NOT NULL,
  -- When this version was written (the note's creation, or the edit that wrote it), and when it was replaced.
  written_at timestamptz NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX support_note_versions_note_idx ON support_note_versions (note_id, id);

-- An e-mail may carry attachments (the iCalendar invitation): kept with the message until it is sent.
ALTER TABLE emails ADD COLUMN attachments jsonb;
