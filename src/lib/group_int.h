/*
 * group_int.h: what the grouping's files share (group.c puts pieces
 * together into calls; group_map.c keeps the maps from keys to calls;
 * group_sess.c links the bot's sessions to them).  Not for the rest of
 * the library: group.h is the grouping's interface.
 */
#ifndef CS_GROUP_INT_H
#define CS_GROUP_INT_H

#include <stdint.h>

#include "calls.h"
#include "group.h"
#include "htab.h"
#include "session.h"

struct group {
	char *key;
	size_t keycap;		/* room at key (a group is used again) */
	int64_t first;
	int loose;		/* made by a leg keyed by the caller's line */
	struct cs_leg *legs;
	char **legmem;
	int nlegs, caplegs;
	struct cs_qevent *ev;
	char **evmem;
	int nev, capev;
	char **alias;		/* other keys of the map that lead here */
	int nalias, capalias;
	struct group *fifo;	/* next group by creation, or spare */
	/* a call: the bot's session linked to it, or what that session said
	   when it closed first */
	struct sess *sess;
	char *bot_service, *bot_routed;
	unsigned long seq;	/* its rank by creation */
	struct ixent *ix;	/* its entries in the index of sessions' keys */
};

/*
 * A bot's session: its events summed up (their texts live in mem), linked
 * to a call once every call it could belong to has come (session.h).
 */
struct sess {
	char *key;		/* SESS_KEY and the session id, in the map */
	struct cs_bot_session sum;
	char **mem;
	int nmem, capmem;
	int linked;		/* linking was tried */
	enum cs_link how;
	char *call;		/* the call's id, when linked */
	struct group *g;	/* that call, while it is open */
	struct sess *fifo;
};

/* Session ids live in the map beside call keys, told apart by this. */
#define SESS_KEY "\x1fs:"

/*
 * The open calls a session may name, found by the hash of what it names
 * (a leg's id, a SIP Call-ID, a caller): a call found is then checked by
 * candidate(), so two keys of one hash cost a check, never a wrong link.
 * Kept once the first bot event comes: an import of PBX logs alone pays
 * nothing for it.
 */
enum ix_kind { IX_ID, IX_SIP, IX_CALLER };

struct ixent {
	struct group *g;
	struct ixent *next, **pprev;	/* in its bucket */
	struct ixent *gnext;		/* of its call */
};

/* A key of the map: a call's (g), or a session's (s). */
struct entry {
	struct cs_hlink link;	/* first: in the map */
	struct group *g;	/* or, for a session's key, */
	struct sess *s;
	char key[];
};

/* the index's buckets */
#define NBUCKETS 65536

struct cs_grouper {
	const struct cs_config *cfg;
	struct cs_htab map;	/* struct entry, by key */
	struct group *head, *tail;
	/* groups closed, kept with their arrays for the next ones (calls
	   come and go by the hundred thousand), and the blocks of the
	   pieces' texts */
	struct group *spare;
	int nspare;
	struct cs_piece_pool pool;
	struct sess *shead, *stail;
	struct sess *unlinked;	/* the first session not linked yet */
	struct ixent **ix;	/* NULL until the first bot event */
	unsigned long seq;
	struct cs_derive *derive;
	struct cs_error *err;
};

/* ---- group_map.c: the calls by their keys, and the index of what the
   bot's sessions name ---- */
/* The first entry of the map's chain where key's entries lie (compare
 * the link's hash to *hash, then the key), and the one after e. */
struct entry *cs_group_map_chain(const struct cs_grouper *r, const char *key,
    unsigned *hash);
static inline struct entry *
cs_group_entry_next(const struct entry *e)
{
	return (struct entry *)(void *)e->link.next;
}
/* An entry of the map for key, its g and s NULL, in the map under hash
 * (cs_htab_hash of key); NULL when out of memory. */
struct entry *cs_group_entry_new(struct cs_grouper *r, const char *key,
    unsigned hash);
struct group *cs_group_map_get(struct cs_grouper *r, const char *key);
int cs_group_map_put(struct cs_grouper *r, const char *key, struct group *g);
void cs_group_map_del(struct cs_grouper *r, const char *key, struct group *g);
unsigned cs_group_ix_hash(const char *s, enum ix_kind kind);
int cs_group_ix_put(struct cs_grouper *r, struct group *g, const char *s,
    enum ix_kind kind);
int cs_group_ix_leg(struct cs_grouper *r, struct group *g, int i);
void cs_group_ix_del(struct group *g);
int cs_group_ix_start(struct cs_grouper *r);

/* ---- group_sess.c: the bot's sessions ---- */
int cs_group_add_bot(struct cs_grouper *r, const struct cs_bot_event *e,
    char *mem);
int cs_group_link_session(struct cs_grouper *r, struct sess *s);
int cs_group_close_session(struct cs_grouper *r, struct sess *s);
void cs_group_sess_free(struct cs_grouper *r, struct sess *s);

#endif
