/*
 * pii.c: the personal data callstat-synth's callers say to the bot, made
 * up, in the written forms speech recognition and people give it, each a
 * form src/lib/redact.c replaces (redact.h): telephone numbers in the
 * ARCEP fiction ranges, addresses at example.org, French IBANs that pass
 * ISO 13616 (FR76...), card numbers that pass Luhn, NIRs with their key.
 * Pure functions of their arguments (synth.h).
 */
#include <stdio.h>
#include <string.h>

#include "synth.h"

static const char *const units[20] = {
	"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
	"neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize",
	"dix-sept", "dix-huit", "dix-neuf"
};
static const char *const tens[10] = {
	"", "", "vingt", "trente", "quarante", "cinquante", "soixante",
	"soixante", "quatre-vingt", "quatre-vingt"
};

int
cs_synth_say_0_99(int n, char *out, size_t size)
{
	int t = n / 10, u = n % 10;

	if (n < 0 || n > 99)
		return -1;
	if (n < 20)
		return snprintf(out, size, "%s", units[n]) < (int)size ? 0 : -1;
	if (t == 7 || t == 9)		/* soixante-dix, quatre-vingt-dix... */
		u += 10;
	if (u == 0)
		return snprintf(out, size, "%s%s", tens[t], t == 8 ? "s" : "") <
		    (int)size ? 0 : -1;
	if ((u == 1 || u == 11) && t != 8 && t != 9)
		return snprintf(out, size, "%s et %s", tens[t], units[u]) <
		    (int)size ? 0 : -1;
	return snprintf(out, size, "%s-%s", tens[t], units[u]) < (int)size ?
	    0 : -1;
}

int
cs_synth_phone_form(const char *digits, enum cs_synth_phone_form form,
    char *out, size_t size)
{
	const char *d = digits;
	size_t len = 0;
	int n;

	if (strlen(digits) != 10 || digits[0] != '0')
		return -1;
	switch (form) {
	case CS_SYNTH_PHONE_SPACED:
	case CS_SYNTH_PHONE_DOTTED: {
		char sep = form == CS_SYNTH_PHONE_SPACED ? ' ' : '.';

		n = snprintf(out, size, "%.2s%c%.2s%c%.2s%c%.2s%c%.2s", d, sep,
		    d + 2, sep, d + 4, sep, d + 6, sep, d + 8);
		break;
	}
	case CS_SYNTH_PHONE_RUN:
		n = snprintf(out, size, "%s", d);
		break;
	case CS_SYNTH_PHONE_PLUS33:
		n = snprintf(out, size, "+33 %c %.2s %.2s %.2s %.2s", d[1], d + 2,
		    d + 4, d + 6, d + 8);
		break;
	case CS_SYNTH_PHONE_PLUS33_RUN:
		n = snprintf(out, size, "+33%s", d + 1);
		break;
	case CS_SYNTH_PHONE_0033:
		n = snprintf(out, size, "0033%s", d + 1);
		break;
	case CS_SYNTH_PHONE_WORDS:
		/* "zéro six trente-neuf quatre-vingt-dix-huit zéro un dix-neuf":
		   the first pair digit by digit, the others as numbers, and a
		   pair starting with 0 as "zéro" and its digit */
		out[0] = '\0';
		for (int i = 0; i < 10; i += 2) {
			char w[64];
			int a = d[i] - '0', b = d[i + 1] - '0';

			if (a < 0 || a > 9 || b < 0 || b > 9)
				return -1;
			if (a == 0)
				snprintf(w, sizeof(w), "zéro %s", units[b]);
			else if (cs_synth_say_0_99(10 * a + b, w, sizeof(w)) != 0)
				return -1;
			n = snprintf(out + len, size - len, "%s%s", i ? " " : "", w);
			if (n < 0 || (size_t)n >= size - len)
				return -1;
			len += (size_t)n;
		}
		return 0;
	default:
		return -1;
	}
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int
cs_synth_luhn_digit(const char *digits)
{
	size_t n = strlen(digits);
	int sum = 0;

	/* the check digit will stand right of the last: double every other
	   digit from the last one */
	for (size_t i = 0; i < n; i++) {
		int v = digits[n - 1 - i] - '0';

		if (v < 0 || v > 9)
			return -1;
		if (i % 2 == 0 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return (10 - sum % 10) % 10;
}

/* The remainder mod 97 of a string of digits and letters (A=10..Z=35). */
static int
mod97(const char *s)
{
	int r = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			r = (r * 10 + (*s - '0')) % 97;
		else if (*s >= 'A' && *s <= 'Z')
			r = (r * 100 + (*s - 'A' + 10)) % 97;
		else
			return -1;
	}
	return r;
}

int
cs_synth_iban_fr76(const char *account, char out[28])
{
	char bban[24], probe[40];

	/* FR, check digits 76: choose the RIB key (the BBAN's last two
	   digits) so that ISO 13616's check comes out at 76 */
	if (strlen(account) != 21 || mod97(account) < 0)
		return -1;
	for (int key = 0; key < 100; key++) {
		snprintf(bban, sizeof(bban), "%s%02d", account, key);
		snprintf(probe, sizeof(probe), "%sFR76", bban);
		if (mod97(probe) == 1) {
			snprintf(out, 28, "FR76%s", bban);
			return 0;
		}
	}
	return -1;
}

int
cs_synth_nir_key(const char *nir13)
{
	long long v = 0;

	if (strlen(nir13) != 13)
		return -1;
	for (int i = 0; i < 13; i++) {
		if (nir13[i] < '0' || nir13[i] > '9')
			return -1;
		v = v * 10 + (nir13[i] - '0');
	}
	return (int)(97 - v % 97);
}
