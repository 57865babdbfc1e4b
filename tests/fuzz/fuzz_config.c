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

static const struct cs_leg_view legs[] = {
	{ "0199000100", "from-trunk", "PJSIP/2101-00000099", "Queue",
	    "accueil,t,,,120" },
	{ "0199000200", "from-trunk", "PJSIP/voicebot-0000001", "Dial",
	    "PJSIP/voicebot" },
	{ "2201", "from-internal", "Local/201@from-queue-00000012;1",
	    "Dial", "Local/201@from-queue" },
	{ NULL, NULL, NULL, NULL, NULL },
};

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
	for (size_t i = 0; i < sizeof(legs) / sizeof(legs[0]); i++) {
		(void)cs_match_leg(&c.bot, &legs[i]);
		(void)cs_match_leg(&c.internal, &legs[i]);
		(void)cs_match_leg(&c.welcome, &legs[i]);
		for (size_t s = 0; s < c.nservices; s++)
			(void)cs_match_leg(&c.services[s].match, &legs[i]);
	}
	for (int k = 0; k <= CS_TERM_DATA; k++)
		(void)cs_config_service_by(&c, (enum cs_term_kind)k, word);
	(void)cs_config_service(&c, word);
	(void)cs_config_closed_day(&c, 2025, 5, 8);
	(void)cs_config_closed_day(&c, 2025, 12, 26);
	cs_config_release(&c);
	return 0;
}
