/*
 * lang.h: the words and the ways of writing numbers and dates of one
 * language, for what people read (charts, report pages), never for CSV,
 * TSV or JSON, which do not change with the language.
 *
 * A language is a gettext catalogue (po/LANG.po) read from its text: the
 * translated words, and a few entries that say how to write numbers and
 * dates (msgids starting with "@", see po/fr.po), so that a translator adds
 * a language with a .po file alone.  No system locale is used.  English is
 * the catalogue-less default: every msgid is its own translation.
 */
#ifndef CS_LANG_H
#define CS_LANG_H

#include <stddef.h>

#include "error.h"

struct cs_lang_entry {
	char *id, *str;
};

struct cs_lang {
	char code[8];			/* "en", "fr", ... */
	struct cs_lang_entry *e;	/* sorted by id */
	size_t n;
};

/* English: no catalogue. */
void cs_lang_init(struct cs_lang *l);

/*
 * Reads the catalogue text (a .po file's contents, len bytes) as language
 * code.  Entries with an empty msgstr or marked fuzzy are left out (the
 * English word is used).  Returns 0, or -1 with the line of the first
 * thing it cannot read in err (l is then left as cs_lang_init made it).
 */
int cs_lang_load(struct cs_lang *l, const char *code, const char *text,
    size_t len, struct cs_error *err);

void cs_lang_release(struct cs_lang *l);

/* The translation of msgid, or msgid itself; never NULL.  Owned by l (or
 * the caller, for msgid). */
const char *cs_lang_tr(const struct cs_lang *l, const char *msgid);

/* v with decimals digits after the decimal sign, the thousands grouped:
 * en "3,120.5", fr "3 120,5" (U+202F between groups). */
void cs_lang_number(const struct cs_lang *l, double v, int decimals,
    char *buf, size_t size);

/* pct (0-100) as a percentage: en "98.2%", fr "98,2 %" (U+202F). */
void cs_lang_percent(const struct cs_lang *l, double pct, int decimals,
    char *buf, size_t size);

/* secs as seconds: en "20 s", fr "20 s" (U+00A0, no break). */
void cs_lang_seconds(const struct cs_lang *l, double secs, int decimals,
    char *buf, size_t size);

/* A month: en "March 2025", fr "mars 2025"; abbr: en "Mar", fr "mars"
 * without the year.  month from 1. */
void cs_lang_month(const struct cs_lang *l, int year, int month, int abbr,
    char *buf, size_t size);

/* A day: en "5 March 2025", fr "5 mars 2025". */
void cs_lang_day(const struct cs_lang *l, int year, int month, int day,
    char *buf, size_t size);

/*
 * A period as callstat-kpi writes it (YYYY, YYYY-MM, YYYY-MM-DD; anything
 * else is copied) in words: "2025", "mars 2025", "5 mars 2025".
 */
void cs_lang_period(const struct cs_lang *l, const char *period, char *buf,
    size_t size);

/* A weekday, 0 Monday to 6 Sunday: en "Monday", fr "lundi". */
void cs_lang_weekday(const struct cs_lang *l, int wd, char *buf,
    size_t size);

/* An hour of the day (0-23) as a clock reads it: en "8:00", fr "8 h"
 * (U+00A0, no break). */
void cs_lang_hour(const struct cs_lang *l, int hour, char *buf, size_t size);

/*
 * The translation of msgid with "{1}" to "{9}" replaced by args[0] to
 * args[8] (nargs of them; a brace that is not one of these is copied), so
 * that a translator may put the words in another order and a catalogue can
 * never be a printf format.  Writes at most size bytes, always
 * NUL-terminated; returns the length it would have written.
 */
size_t cs_lang_fill(const struct cs_lang *l, char *buf, size_t size,
    const char *msgid, int nargs, const char *const *args);

/*
 * Loads the catalogue of language code into l: code "en" needs none;
 * otherwise po/CODE.po is looked for in $CALLSTAT_PODIR, the installed
 * directory, then beside the running program (PREFIX/bin/../share/
 * callstat/po, and the source tree's po/ for build/bin).  Returns 0, or
 * -1 with err saying where it looked and what to set.
 */
int cs_lang_find(struct cs_lang *l, const char *code, struct cs_error *err);

#endif
