/*
 * pbx.c: the table of PBX writers (synth.h): which logs callstat-synth
 * --pbx writes the town's calls in.  One line a writer.
 */
#include <stdio.h>
#include <string.h>

#include "synth.h"

static void *
asterisk_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	return cs_synth_asterisk_open(town, dir, o->columns, o->times_utc,
	    first, err);
}

static void *
fs_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)first;
	return cs_synth_fs_open(town, dir, o->times_utc, err);
}

static void *
cel_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)o;
	(void)first;
	return cs_synth_cel_open(town, dir, err);
}

static void *
generic_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)first;
	return cs_synth_generic_open(town, dir, o->times_utc, err);
}

static void *
tcx_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)o;
	(void)first;
	return cs_synth_3cx_open(town, dir, err);
}

static void *
smdr_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)first;
	return cs_synth_smdr_open(town, dir, o->times_utc, err);
}

static void *
cucm_open(const struct cs_synth_town *town, const char *dir,
    const struct cs_synth_opts *o, int64_t first, struct cs_error *err)
{
	(void)o;
	(void)first;
	return cs_synth_cucm_open(town, dir, err);
}

/* A writer's put, advance and close, taking its writer as void *. */
#define WRAP(pfx) \
static int pfx##_put_(void *w, const struct cs_synth_call *c) \
	{ return pfx##_put(w, c); } \
static int pfx##_advance_(void *w, int64_t now) \
	{ return pfx##_advance(w, now); } \
static int pfx##_close_(void *w, struct cs_synth_stats *st, \
    struct cs_error *err) \
	{ return pfx##_close(w, st, err); }
#define W(name, files, open, pfx, call_id, sip) \
	{ name, files, open, pfx##_put_, pfx##_advance_, pfx##_close_, \
	    call_id, sip }

WRAP(cs_synth_asterisk)
WRAP(cs_synth_fs)
WRAP(cs_synth_cel)
WRAP(cs_synth_generic)
WRAP(cs_synth_3cx)
WRAP(cs_synth_smdr)
WRAP(cs_synth_cucm)

const struct cs_synth_pbx cs_synth_pbxs[] = {
	W("asterisk", "Master.csv, queue_log", asterisk_open, cs_synth_asterisk,
	    NULL, 1),
	W("freeswitch", "freeswitch.csv", fs_open, cs_synth_fs,
	    cs_synth_fs_call_id, 0),
	W("cel", "cel.csv", cel_open, cs_synth_cel, NULL, 1),
	W("generic", "generic.csv", generic_open, cs_synth_generic, NULL, 1),
	W("3cx", "3cx-cdr.log", tcx_open, cs_synth_3cx, cs_synth_3cx_call_id, 0),
	W("smdr", "smdr.csv", smdr_open, cs_synth_smdr, cs_synth_smdr_call_id, 0),
	W("cucm", "cdr.csv", cucm_open, cs_synth_cucm, cs_synth_cucm_call_id, 0),
	{ NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

const struct cs_synth_pbx *
cs_synth_pbx_first(const struct cs_synth_opts *o)
{
	for (int i = 0; cs_synth_pbxs[i].name != NULL; i++)
		if ((o->pbx & 1u << i) != 0)
			return &cs_synth_pbxs[i];
	return &cs_synth_pbxs[0];
}

int
cs_synth_pbx_find(const char *name)
{
	for (int i = 0; cs_synth_pbxs[i].name != NULL; i++)
		if (strcmp(cs_synth_pbxs[i].name, name) == 0)
			return i;
	return -1;
}

void
cs_synth_pbx_names(char *buf, size_t size)
{
	size_t off = 0;

	buf[0] = '\0';
	for (int i = 0; cs_synth_pbxs[i].name != NULL && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, "%s%s",
		    i > 0 ? ", " : "", cs_synth_pbxs[i].name);
}
