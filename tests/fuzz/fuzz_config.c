/*
 * fuzz_config.c: the configuration file parser (config.c), through a file
 * of the input's bytes, since the parser reads a path; then the matches
 * of a configuration that loads, against a few legs of the worked example
 * and legs made of the input's own words.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "fuzz.h"
#include "match.h"
#include "readers/asterisk.h"

/* Master.csv rows, mapped as the Asterisk reader maps them. */
static const struct cs_ast_leg rows[] = {
	{ .dst = "0199000100", .dcontext = "from-trunk",
	    .dstchannel = "PJSIP/2101-00000099", .lastapp = "Queue",
	    .lastdata = "accueil,t,,,120", .channel = "PJSIP/trunk-0001",
	    .src = "2101" },
	{ .dst = "0199000200", .dcontext = "from-trunk",
	    .dstchannel = "PJSIP/voicebot-0000001", .lastapp = "Dial",
	    .lastdata = "PJSIP/voicebot" },
	{ .dst = "2201", .dcontext = "from-internal",
	    .dstchannel = "Local/201@from-queue-00000012;1", .lastapp = "Dial",
	    .lastdata = "Local/201@from-queue" },
	{ .dst = NULL },
};
#define NLEGS (sizeof(rows) / sizeof(rows[0]))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[300];
	struct cs_config c;
	struct cs_error err;
	const char *dir;
	char word[64];

	if (path[0] == '\0') {
		if ((dir = fuzz_dir()) == NULL) {
			perror("fuzz_config: scratch directory");
			abort();
		}
		snprintf(path, sizeof(path), "%s/callstat.conf", dir);
	}
	if (fuzz_write(path, data, size) != 0) {
		perror(path);
		abort();
	}
	err.msg[0] = '\0';
	if (cs_config_load(&c, path, &err) != 0) {
		if (err.msg[0] == '\0')
			abort();	/* a refused file says why */
		return 0;
	}
	/* the input's first bytes as a value to match */
	snprintf(word, sizeof(word), "%.*s", (int)(size < 63 ? size : 63),
	    (const char *)data);
	for (size_t i = 0; i < NLEGS; i++) {
		struct cs_leg leg;
		struct cs_piece_buf buf;

		cs_asterisk_leg(&rows[i], &leg, &buf);
		(void)cs_match_leg(&c.bot, &leg);
		(void)cs_match_caller(&c.internal, &leg);
		(void)cs_match_leg(&c.welcome, &leg);
		for (size_t s = 0; s < c.nservices; s++)
			(void)cs_match_leg(&c.services[s].match, &leg);
	}
	for (int k = 0; k <= CS_TERM_DATA; k++)
		(void)cs_config_service_by(&c, (enum cs_term_kind)k, word);
	(void)cs_config_service(&c, word);
	(void)cs_config_closed_day(&c, 2025, 5, 8);
	(void)cs_config_closed_day(&c, 2025, 12, 26);
	cs_config_release(&c);
	return 0;
}
