-- callstat-kpi --by intent computed from callstat-synth's truth alone
-- (truth_sessions.csv: the sessions; truth.csv: the calls they must link
-- to), written from callstat-kpi(7) "By intent", never from callstat's
-- code: per last intent understood ('(none)' when none), the sessions,
-- those linked to a call, the calls the bot handled alone / calls, the
-- escalated calls / calls, the caller's turns not understood / caller's
-- turns, the mean seconds from first event to last, the mean turns.
-- Run in the synth directory; prints one CSV line per intent, no header.
.mode csv
.headers off
.import truth.csv truth
.import truth_sessions.csv ts
SELECT CASE WHEN s.intent = '' THEN '(none)' ELSE s.intent END,
  count(*), count(t.call_id),
  CASE WHEN count(t.call_id) > 0 THEN
      1.0 * sum(t.outcome = 'bot') / count(t.call_id) END,
  CASE WHEN count(t.call_id) > 0 THEN
      1.0 * sum(CAST(t.escalated AS INTEGER)) / count(t.call_id) END,
  CASE WHEN sum(s.caller_turns) > 0 THEN
      1.0 * sum(s.fallback_turns) / sum(s.caller_turns) END,
  avg(s.handling_ms / 1000.0), avg(CAST(s.turns AS INTEGER))
FROM ts s LEFT JOIN truth t ON s.call_id <> '' AND t.call_id = s.call_id
GROUP BY 1;
