-- Issue 11 (ADR 0033, « Scale »): the indicators whose cases are found by a fact dated in the period
-- other than the case's own dates start from that fact, by its own index, instead of probing every
-- case of the convention (bench/indicatorBench.ts: 100 000 cases, 1 000 000 events).

-- Partners' resources mobilised in a period (« leviers mobilisés »), as the social-only starts of 034.
CREATE INDEX support_case_events_resource_mobilised_idx ON support_case_events (occurred_on, case_id) WHERE kind = 'resource_mobilised';
-- Appointments held or missed in a period: the candidates for a first appointment there (« absences aux premiers rendez-vous »).
CREATE INDEX support_appointments_indicator_idx ON support_appointments (scheduled_on, case_id) WHERE cancelled_on IS NULL AND status IN ('attended', 'missed');
-- Cases in support during or at the end of a period: those entered (by then) and not exited before it,
-- read from the convention and the exit date, an open case being « not exited yet » (infinity) — so a
-- quarter reads the cases open or exited since, not the convention's whole history.
CREATE INDEX support_cases_indicator_in_support_idx ON support_cases (convention_id, (coalesce(exited_on, 'infinity'::date)), entered_on) WHERE entered_on IS NOT NULL;
