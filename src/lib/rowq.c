#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rowq.h"

#define NBATCH 4		/* batches in flight */
#define BATCH_BYTES (1024 * 1024)	/* a batch is handed over past this */
#define BATCH_VALUES 32768	/* or past this many values */

static const char *const sql[CS_ROW_NKINDS] = {
	[CS_ROW_CDR] = "INSERT OR IGNORE INTO cdr(start, rhash, source, line, "
	    "answer, end, duration, billsec, caller, src, dst, dcontext, "
	    "channel, dstchannel, lastapp, lastdata, disposition, amaflags, "
	    "accountcode, uniqueid, userfield, peeraccount, linkedid, sequence, "
	    "flags) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?)",
	[CS_ROW_QLOG] = "INSERT OR IGNORE INTO queue_log(time, rhash, source, "
	    "line, callid, queue, agent, event, data1, data2, data3, data4, "
	    "data5) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	[CS_ROW_CALL] = "INSERT OR REPLACE INTO calls(start, id, end, day, "
	    "week, direction, service, in_hours, outcome, wait, human_wait, "
	    "talk, abandon_wait, escalated, needed_agent, bot_answered, caller, "
	    "legs, flags, repeat_24h, again_24h, callback_2h, callback_24h) "
	    "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?)",
	[CS_ROW_DAILY] = "INSERT INTO daily VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT(day, service, in_hours) DO UPDATE SET "
	    "offered = offered + excluded.offered,"
	    "answered = answered + excluded.answered,"
	    "needed_agent = needed_agent + excluded.needed_agent,"
	    "agent = agent + excluded.agent, bot = bot + excluded.bot,"
	    "abandoned = abandoned + excluded.abandoned,"
	    "missed = missed + excluded.missed,"
	    "voicemail = voicemail + excluded.voicemail,"
	    "short = short + excluded.short,"
	    "wait_sum = wait_sum + excluded.wait_sum,"
	    "sl_count = sl_count + excluded.sl_count,"
	    "abandon_wait_sum = abandon_wait_sum + excluded.abandon_wait_sum,"
	    "talk_sum = talk_sum + excluded.talk_sum,"
	    "bot_sessions = bot_sessions + excluded.bot_sessions,"
	    "escalated = escalated + excluded.escalated,"
	    "escalated_agent = escalated_agent + excluded.escalated_agent,"
	    "contain_num = contain_num + excluded.contain_num,"
	    "contain_den = contain_den + excluded.contain_den,"
	    "repeat_num = repeat_num + excluded.repeat_num,"
	    "repeat_den = repeat_den + excluded.repeat_den,"
	    "lost = lost + excluded.lost,"
	    "callback_den = callback_den + excluded.callback_den,"
	    "callback2_num = callback2_num + excluded.callback2_num,"
	    "callback24_num = callback24_num + excluded.callback24_num",
	[CS_ROW_HIST] = "INSERT INTO wait_hist VALUES(?, ?, ?, ?, ?, ?, ?) "
	    "ON CONFLICT(day, service, in_hours, metric, secs) "
	    "DO UPDATE SET n = n + excluded.n",
};

enum { V_ROW, V_NULL, V_INT, V_TEXT };

/* A value; a row starts with a V_ROW value giving its kind and length. */
struct val {
	int type;
	int len;		/* V_TEXT: bytes; V_ROW: values that follow */
	int64_t i;		/* V_INT; V_TEXT: offset in the text; V_ROW: kind */
};

struct batch {
	struct val *v;
	size_t nv, capv;
	char *text;
	size_t ntext, captext;
	int oom;
	struct batch *next;
};

struct cs_rowq {
	struct cs_db *db;
	struct cs_error *err;
	int direct;
	sqlite3_stmt *st[CS_ROW_NKINDS];
	struct cs_rowq_stats stats;
	struct batch *cur;	/* the reader's */
	size_t rowstart;	/* where the row being built begins in cur */
	/* shared, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *free, *full, *fulltail;
	int closed, failed, oom, stopped;
	struct batch all[NBATCH];
};

static void
batch_reset(struct batch *b)
{
	b->nv = 0;
	b->ntext = 0;
	b->oom = 0;
	b->next = NULL;
}

struct cs_rowq *
cs_rowq_new(struct cs_db *db, int direct, struct cs_error *err)
{
	struct cs_rowq *q = calloc(1, sizeof(*q));

	if (q == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	q->db = db;
	q->err = err;
	q->direct = direct;
	q->stats.tmin = INT64_MAX;
	q->stats.tmax = INT64_MIN;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->cv, NULL);
	for (int i = direct ? NBATCH - 1 : 0; i < NBATCH; i++) {
		q->all[i].next = q->free;
		q->free = &q->all[i];
	}
	for (int k = 0; k < CS_ROW_NKINDS; k++)
		if (cs_db_prepare(db, &q->st[k], sql[k], err) != 0) {
			cs_rowq_free(q);
			return NULL;
		}
	q->cur = q->free;
	q->free = q->free->next;
	batch_reset(q->cur);
	return q;
}

void
cs_rowq_free(struct cs_rowq *q)
{
	if (q == NULL)
		return;
	for (int k = 0; k < CS_ROW_NKINDS; k++)
		sqlite3_finalize(q->st[k]);
	for (int i = 0; i < NBATCH; i++) {
		free(q->all[i].v);
		free(q->all[i].text);
	}
	pthread_mutex_destroy(&q->mu);
	pthread_cond_destroy(&q->cv);
	free(q);
}

static struct val *
push(struct batch *b)
{
	if (b->nv == b->capv) {
		size_t cap = b->capv ? 2 * b->capv : 1024;
		struct val *nv = realloc(b->v, cap * sizeof(*nv));

		if (nv == NULL) {
			b->oom = 1;
			return NULL;
		}
		b->v = nv;
		b->capv = cap;
	}
	return &b->v[b->nv++];
}

void
cs_rowq_begin(struct cs_rowq *q, enum cs_row_kind kind)
{
	struct val *v;

	q->rowstart = q->cur->nv;
	if ((v = push(q->cur)) != NULL) {
		v->type = V_ROW;
		v->len = 0;
		v->i = kind;
	}
}

void
cs_rowq_int(struct cs_rowq *q, int64_t i)
{
	struct val *v = push(q->cur);

	if (v != NULL) {
		v->type = V_INT;
		v->i = i;
	}
}

void
cs_rowq_null(struct cs_rowq *q)
{
	struct val *v = push(q->cur);

	if (v != NULL)
		v->type = V_NULL;
}

void
cs_rowq_text(struct cs_rowq *q, const char *s)
{
	struct batch *b = q->cur;
	struct val *v;
	size_t n;

	if (s == NULL) {
		cs_rowq_null(q);
		return;
	}
	n = strlen(s);
	/* an empty text too needs the block: NULL would bind a NULL */
	if (b->ntext + n > b->captext || b->text == NULL) {
		size_t cap = b->captext ? b->captext : 65536;
		char *nt;

		while (cap < b->ntext + n)
			cap *= 2;
		if ((nt = realloc(b->text, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->text = nt;
		b->captext = cap;
	}
	if ((v = push(b)) == NULL)
		return;
	if (n > 0)
		memcpy(b->text + b->ntext, s, n);
	v->type = V_TEXT;
	v->len = (int)n;
	v->i = (int64_t)b->ntext;
	b->ntext += n;
}

/* Runs the rows of b on the writer's side. */
static int
run_batch(struct cs_rowq *q, struct batch *b)
{
	for (size_t i = 0; i < b->nv;) {
		enum cs_row_kind kind = (enum cs_row_kind)b->v[i].i;
		sqlite3_stmt *st = q->st[kind];
		size_t n = (size_t)b->v[i].len;
		const struct val *v = &b->v[i + 1];

		sqlite3_reset(st);
		for (size_t k = 0; k < n; k++) {
			int col = (int)k + 1;

			switch (v[k].type) {
			case V_INT:
				sqlite3_bind_int64(st, col, v[k].i);
				break;
			case V_TEXT:
				/* the batch outlives the statement's run */
				sqlite3_bind_text(st, col, b->text + v[k].i,
				    v[k].len, SQLITE_STATIC);
				break;
			default:
				sqlite3_bind_null(st, col);
				break;
			}
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			return cs_db_fail(q->db, kind <= CS_ROW_QLOG ?
			    "cannot store a record" : "cannot store the "
			    "rebuilt calls", q->err);
		if (kind <= CS_ROW_QLOG) {
			if (sqlite3_changes(q->db->h) > 0) {
				q->stats.stored++;
				if (v[0].i < q->stats.tmin)
					q->stats.tmin = v[0].i;
				if (v[0].i > q->stats.tmax)
					q->stats.tmax = v[0].i;
			} else {
				q->stats.skipped++;
			}
		}
		i += n + 1;
	}
	return 0;
}

/* Reader: hands cur over and takes a free batch. */
static int
hand_over(struct cs_rowq *q)
{
	struct batch *b;
	int stopped;

	pthread_mutex_lock(&q->mu);
	if (q->fulltail != NULL)
		q->fulltail->next = q->cur;
	else
		q->full = q->cur;
	q->fulltail = q->cur;
	q->cur->next = NULL;
	pthread_cond_broadcast(&q->cv);
	while (q->free == NULL && !q->stopped)
		pthread_cond_wait(&q->cv, &q->mu);
	stopped = q->stopped;
	b = q->free;
	if (b != NULL)
		q->free = b->next;
	pthread_mutex_unlock(&q->mu);
	if (stopped)
		return -1;
	q->cur = b;
	batch_reset(b);
	return 0;
}

int
cs_rowq_end(struct cs_rowq *q)
{
	struct batch *b = q->cur;

	if (b->oom) {
		b->nv = q->rowstart;
		b->oom = 0;
		if (q->direct)
			return cs_error_set(q->err, "out of memory");
		/* the writer reports it: the reader only stops */
		pthread_mutex_lock(&q->mu);
		q->failed = q->oom = 1;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		return -1;
	}
	b->v[q->rowstart].len = (int)(b->nv - q->rowstart - 1);
	if (q->direct) {
		int rc = run_batch(q, b);

		batch_reset(b);
		return rc;
	}
	if (b->nv >= BATCH_VALUES || b->ntext >= BATCH_BYTES)
		return hand_over(q);
	return 0;
}

int
cs_rowq_close(struct cs_rowq *q, int failed)
{
	int stopped;

	if (q->direct)
		return 0;
	pthread_mutex_lock(&q->mu);
	if (!failed && q->cur->nv > 0 && !q->stopped) {
		if (q->fulltail != NULL)
			q->fulltail->next = q->cur;
		else
			q->full = q->cur;
		q->fulltail = q->cur;
		q->cur->next = NULL;
		q->cur = NULL;
	}
	q->closed = 1;
	if (failed)
		q->failed = 1;
	stopped = q->stopped;
	pthread_cond_broadcast(&q->cv);
	pthread_mutex_unlock(&q->mu);
	return stopped ? -1 : 0;
}

int
cs_rowq_drain(struct cs_rowq *q)
{
	int rc = 0;

	for (;;) {
		struct batch *b;

		pthread_mutex_lock(&q->mu);
		while (q->full == NULL && !q->closed && !q->failed)
			pthread_cond_wait(&q->cv, &q->mu);
		if (q->failed || (q->full == NULL && q->closed)) {
			if (q->failed)
				rc = -1;
			if (q->oom)
				cs_error_set(q->err, "out of memory");
			pthread_mutex_unlock(&q->mu);
			break;
		}
		b = q->full;
		q->full = b->next;
		if (q->full == NULL)
			q->fulltail = NULL;
		pthread_mutex_unlock(&q->mu);

		rc = run_batch(q, b);

		pthread_mutex_lock(&q->mu);
		batch_reset(b);
		b->next = q->free;
		q->free = b;
		if (rc != 0)
			q->stopped = 1;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->mu);
		if (rc != 0)
			break;
	}
	return rc;
}

void
cs_rowq_stats(const struct cs_rowq *q, struct cs_rowq_stats *st)
{
	*st = q->stats;
}
