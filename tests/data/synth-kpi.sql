-- The figures of kpi.md per service and month, computed from truth.csv
-- alone (the model's own account of each call), for t0200-synth.sh.
-- Written from kpi.md's definitions, never from callstat's code.  The
-- caller sets the table `want_hours` to (1) for in-hours figures, or to
-- (0), (1) for --all-hours, before reading this file.
.mode csv
.headers off
.import truth.csv truth

CREATE TABLE t AS
SELECT call_id, CAST(start AS INTEGER) AS start, substr(start_local, 1, 7) AS month,
       service, CAST(in_hours AS INTEGER) AS in_hours, outcome,
       nullif(wait, '') + 0 AS wait, nullif(human_wait, '') + 0 AS human_wait,
       nullif(talk, '') + 0 AS talk, nullif(abandon_wait, '') + 0 AS abandon_wait,
       CAST(escalated AS INTEGER) AS escalated,
       CAST(bot_answered AS INTEGER) AS bot_answered,
       CAST(needed_agent AS INTEGER) AS needed_agent, caller
FROM truth WHERE direction = 'inbound';
CREATE INDEX t_caller ON t(caller, start);

-- "called again" / "had already called": any other inbound call of the same
-- number, start to start, more than 0 and at most N seconds apart
CREATE TABLE f AS
SELECT t.*,
  caller <> '' AND EXISTS (SELECT 1 FROM t e WHERE e.caller = t.caller
      AND e.service = t.service AND e.start < t.start
      AND e.start >= t.start - 86400) AS rep,
  caller <> '' AND EXISTS (SELECT 1 FROM t l WHERE l.caller = t.caller
      AND l.start > t.start AND l.start <= t.start + 86400) AS again,
  caller <> '' AND EXISTS (SELECT 1 FROM t l WHERE l.caller = t.caller
      AND l.start > t.start AND l.start <= t.start + 7200
      AND l.outcome IN ('agent', 'bot')) AS cb2,
  caller <> '' AND EXISTS (SELECT 1 FROM t l WHERE l.caller = t.caller
      AND l.start > t.start AND l.start <= t.start + 86400
      AND l.outcome IN ('agent', 'bot')) AS cb24
FROM t;

CREATE TABLE sel AS SELECT * FROM f WHERE in_hours IN (SELECT h FROM want_hours);
CREATE TABLE c AS SELECT * FROM sel WHERE outcome <> 'short';

CREATE TABLE pw AS
WITH w AS (SELECT service, month, wait,
      row_number() OVER (PARTITION BY service, month ORDER BY wait) AS rn,
      count(*) OVER (PARTITION BY service, month) AS n
    FROM c WHERE outcome IN ('agent', 'bot'))
SELECT service, month,
  max(CASE WHEN rn = (50 * n + 99) / 100 THEN wait END) AS p50,
  max(CASE WHEN rn = (90 * n + 99) / 100 THEN wait END) AS p90
FROM w GROUP BY service, month;

CREATE TABLE ph AS
WITH w AS (SELECT service, month, human_wait,
      row_number() OVER (PARTITION BY service, month ORDER BY human_wait) AS rn,
      count(*) OVER (PARTITION BY service, month) AS n
    FROM c WHERE outcome = 'agent')
SELECT service, month,
  max(CASE WHEN rn = (90 * n + 99) / 100 THEN human_wait END) AS p90
FROM w GROUP BY service, month;

CREATE TABLE g AS SELECT DISTINCT service, month FROM sel;

CREATE TABLE s AS
SELECT g.service, g.month,
  count(c.call_id) AS offered,
  coalesce(sum(c.outcome IN ('agent', 'bot')), 0) AS answered,
  coalesce(sum(c.needed_agent OR c.escalated), 0) AS needed,
  coalesce(sum(c.outcome = 'agent'), 0) AS agent,
  coalesce(sum(c.outcome = 'bot'), 0) AS bot,
  coalesce(sum(c.outcome = 'abandoned'), 0) AS abandoned,
  coalesce(sum(c.outcome = 'missed'), 0) AS missed,
  coalesce(sum(c.outcome = 'voicemail'), 0) AS voicemail,
  (SELECT count(*) FROM sel x WHERE x.service = g.service AND x.month = g.month
      AND x.outcome = 'short') AS short,
  sum(CASE WHEN c.outcome IN ('agent', 'bot') THEN c.wait END) AS wait_sum,
  coalesce(sum(c.outcome IN ('agent', 'bot') AND c.wait <= (SELECT t FROM sl)), 0) AS sl,
  sum(CASE WHEN c.outcome = 'abandoned' THEN c.abandon_wait END) AS aw_sum,
  sum(CASE WHEN c.outcome = 'agent' THEN c.talk END) AS talk_sum,
  coalesce(sum(c.bot_answered), 0) AS sessions,
  coalesce(sum(c.escalated), 0) AS escalated,
  coalesce(sum(c.escalated AND c.outcome = 'agent'), 0) AS esc_agent,
  coalesce(sum(c.outcome = 'bot' AND c.caller <> '' AND NOT c.again), 0) AS cont_num,
  coalesce(sum(c.bot_answered AND c.caller <> ''), 0) AS cont_den,
  coalesce(sum(c.caller <> '' AND c.rep), 0) AS rep_num,
  coalesce(sum(c.caller <> ''), 0) AS rep_den,
  coalesce(sum(c.outcome IN ('abandoned', 'missed')), 0) AS lost,
  coalesce(sum(c.outcome IN ('abandoned', 'missed') AND c.caller <> ''), 0) AS cb_den,
  coalesce(sum(c.outcome IN ('abandoned', 'missed') AND c.caller <> '' AND c.cb2), 0) AS cb2,
  coalesce(sum(c.outcome IN ('abandoned', 'missed') AND c.caller <> '' AND c.cb24), 0) AS cb24
FROM g LEFT JOIN c ON c.service = g.service AND c.month = g.month
GROUP BY g.service, g.month;

SELECT s.service, s.month, offered, answered,
  CASE WHEN offered > 0 THEN answered * 1.0 / offered END,
  needed,
  CASE WHEN needed > 0 THEN agent * 1.0 / needed END,
  agent, bot, abandoned,
  CASE WHEN offered > 0 THEN abandoned * 1.0 / offered END,
  missed, voicemail, short,
  CASE WHEN answered > 0 THEN wait_sum * 1.0 / answered END,
  pw.p50, pw.p90, ph.p90,
  CASE WHEN offered > 0 THEN sl * 1.0 / offered END,
  CASE WHEN answered > 0 THEN sl * 1.0 / answered END,
  CASE WHEN abandoned > 0 THEN aw_sum * 1.0 / abandoned END,
  CASE WHEN agent > 0 THEN talk_sum * 1.0 / agent END,
  sessions, escalated,
  CASE WHEN sessions > 0 THEN escalated * 1.0 / sessions END,
  CASE WHEN sessions > 0 THEN bot * 1.0 / sessions END,
  CASE WHEN cont_den > 0 THEN cont_num * 1.0 / cont_den END,
  CASE WHEN escalated > 0 THEN esc_agent * 1.0 / escalated END,
  CASE WHEN rep_den > 0 THEN rep_num * 1.0 / rep_den END,
  lost,
  CASE WHEN cb_den > 0 THEN cb2 * 1.0 / cb_den END,
  CASE WHEN cb_den > 0 THEN cb24 * 1.0 / cb_den END
FROM s LEFT JOIN pw ON pw.service = s.service AND pw.month = s.month
  LEFT JOIN ph ON ph.service = s.service AND ph.month = s.month
ORDER BY s.service, s.month;
