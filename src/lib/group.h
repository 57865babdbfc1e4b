/*
 * group.h: the pieces of many calls, taken in the order they start, put
 * together into calls and handed to the rules, then to the derived tables.
 *
 * A leg joins the call of its key (or of its alias); a queue event the
 * call of its key.  A call is closed, built (cs_call_build) and given to
 * derive once no later piece can join it: CS_CALL_SPAN after its first.
 * Legs keyed by the caller's line (loose, model.h) take the queue events
 * of their caller's entry into the same queue while the leg lasted.
 */
#ifndef CS_GROUP_H
#define CS_GROUP_H

#include <stdint.h>

#include "config.h"
#include "derive.h"
#include "error.h"
#include "model.h"

struct cs_grouper;

/* Calls go to d; err gets what goes wrong here (out of memory). */
struct cs_grouper *cs_grouper_new(const struct cs_config *cfg,
    struct cs_derive *d, struct cs_error *err);

/* Copies p's texts into a block of g's and points p at them (model.h's
 * cs_piece_pack): the block cs_grouper_add takes.  NULL when out of
 * memory. */
char *cs_grouper_pack(struct cs_grouper *g, struct cs_piece *p);
/* Gives back a block of cs_grouper_pack's that is not added. */
void cs_grouper_unpack(struct cs_grouper *g, char *mem);

/* Takes a piece (p's texts in mem, of cs_grouper_pack, which the grouper
 * then owns, even on failure).  Pieces come by start or time. */
int cs_grouper_add(struct cs_grouper *g, const struct cs_piece *p, char *mem);

/* Builds and hands on the calls that no piece from now on can join. */
int cs_grouper_close(struct cs_grouper *g, int64_t now);

/* Frees what is still open, unbuilt. */
void cs_grouper_free(struct cs_grouper *g);

#endif
