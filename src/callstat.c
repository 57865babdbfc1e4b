/* callstat: runs callstat-NAME, as git runs git-NAME.  See callstat(1). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"

static const char synopsis[] = "callstat [-hV] name [argument ...]";

static const struct {
	const char *name, *what;
} tools[] = {
	{ "calls", "the rebuilt calls, one row each" },
	{ "chart", "a chart from the figures' CSV: PNG, PDF or SVG" },
	{ "check", "the logs' quality; the bot's sessions against the calls" },
	{ "compare", "the figures before and after, with intervals and tests" },
	{ "import", "PBX logs into the database" },
	{ "kpi", "the figures per service and period" },
	{ "monthly", "cron's run: new logs imported, last month's reports" },
	{ "purge", "records past the retention deleted, figures kept" },
	{ "report", "the council's report: an A4 PDF and one HTML file" },
	{ "synth", "a sample town's logs, with their truth" },
};

static void
list(FILE *fp)
{
	fprintf(fp, "usage: %s\n\nThe tools (callstat NAME --help for each):\n",
	    synopsis);
	for (size_t i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		fprintf(fp, "  %-8s %s\n", tools[i].name, tools[i].what);
	fprintf(fp, "\nExit status: that of the tool; 2 for a usage error.\n");
}

int
main(int argc, char **argv)
{
	char prog[PATH_MAX + 32], self[PATH_MAX], *slash;
	ssize_t len;
	size_t i;

	cs_tool_init("callstat");
	if (argc < 2) {
		list(stdout);
		return CS_EXIT_OK;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		list(stdout);
		return CS_EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0)
		return cs_tool_version();
	if (argv[1][0] == '-')
		return cs_usage_error(synopsis, "unknown option '%s'", argv[1]);
	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (strcmp(argv[1], tools[i].name) == 0)
			break;
	if (i == sizeof(tools) / sizeof(tools[0]))
		return cs_usage_error(synopsis, "'%s' is not a callstat tool; "
		    "run callstat alone for the list", argv[1]);

	/* first beside this program (a build tree), then in $PATH */
	len = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (len > 0) {
		self[len] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			*slash = '\0';
			snprintf(prog, sizeof(prog), "%s/callstat-%s", self, argv[1]);
			if (access(prog, X_OK) == 0) {
				argv[1] = prog;
				execv(prog, argv + 1);
			}
		}
	}
	snprintf(prog, sizeof(prog), "callstat-%s", tools[i].name);
	argv[1] = prog;
	execvp(prog, argv + 1);
	cs_warnx("cannot run %s: %s", prog, strerror(errno));
	return CS_EXIT_FAIL;
}
