-- Every delay of a convention is a value and its unit (ADR 0006, issue 10): the stored terms and
-- the amendments' changes move from bare numbers whose unit was in the key
-- (`breachNoticeHours: 36`) to `breachNotice: { "value": 36, "unit": "hours" }`, keeping the unit
-- the old key said. A "no notice" written as 0 (notice.months, breach.formalNoticeMonths) becomes
-- null, as the new format writes it. Old-format files are refused at import from now on
-- (CONVENTION_FILE_OLD_DELAY_FORMAT), so nothing writes the old keys again.

CREATE FUNCTION tandem_022_move(t jsonb, parent text[], old_key text, new_key text, unit text, zero_is_none boolean)
RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN jsonb_typeof(t #> parent) = 'object' AND (t #> parent) ? old_key THEN
      jsonb_set(t, parent, ((t #> parent) - old_key) || jsonb_build_object(new_key,
        CASE
          WHEN jsonb_typeof((t #> parent) -> old_key) <> 'number' THEN 'null'::jsonb
          WHEN zero_is_none AND ((t #> parent) ->> old_key)::numeric = 0 THEN 'null'::jsonb
          ELSE jsonb_build_object('value', (t #> parent) -> old_key, 'unit', unit)
        END))
    ELSE t
  END
$$;

CREATE FUNCTION tandem_022_terms(t jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT
    tandem_022_move(tandem_022_move(tandem_022_move(tandem_022_move(tandem_022_move(tandem_022_move(
    tandem_022_move(tandem_022_move(tandem_022_move(tandem_022_move(tandem_022_move(t,
      '{period}', 'maxTotalMonths', 'maxDuration', 'months', false),
      '{termination,notice}', 'months', 'delay', 'months', true),
      '{termination,notice}', 'effectiveMonthsAfterReceipt', 'effectiveAfterReceipt', 'months', false),
      '{termination,breach}', 'formalNoticeMonths', 'effectiveAfterFormalNotice', 'months', true),
      '{finance}', 'paymentWindowMonths', 'paymentWindow', 'months', false),
      '{programmes,globalSupport}', 'daysFromOrientationToStart', 'orientationToStart', 'days', false),
      '{programmes,globalSupport}', 'daysFromEntryToFirstAppointments', 'entryToFirstAppointments', 'days', false),
      '{dataClauses}', 'receivedListRetentionMonths', 'receivedListRetention', 'months', false),
      '{dataClauses}', 'destructionAfterEndMonths', 'destructionAfterEnd', 'months', false),
      '{dataClauses}', 'breachNoticeHours', 'breachNotice', 'hours', false),
      '{dataClauses}', 'rightsAnswerMonths', 'rightsAnswer', 'months', false)
$$;

UPDATE conventions SET base_terms = tandem_022_terms(base_terms) WHERE base_terms <> tandem_022_terms(base_terms);
UPDATE convention_amendments SET changes = tandem_022_terms(changes) WHERE changes <> tandem_022_terms(changes);

-- The sources of the global-support delays follow their keys.
UPDATE conventions SET base_terms = jsonb_set(base_terms, '{programmes,globalSupport,sources}',
    ((base_terms #> '{programmes,globalSupport,sources}') - 'daysFromOrientationToStart' - 'daysFromEntryToFirstAppointments')
    || jsonb_strip_nulls(jsonb_build_object(
         'orientationToStart', base_terms #> '{programmes,globalSupport,sources,daysFromOrientationToStart}',
         'entryToFirstAppointments', base_terms #> '{programmes,globalSupport,sources,daysFromEntryToFirstAppointments}')))
  WHERE jsonb_typeof(base_terms #> '{programmes,globalSupport,sources}') = 'object';

DROP FUNCTION tandem_022_terms(jsonb);
DROP FUNCTION tandem_022_move(jsonb, text[], text, text, text, boolean);
