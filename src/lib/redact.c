/*
 * redact.c: personal data replaced by tags in a transcript's text
 * (redact.h): the pass over the bytes, which decides at each place which
 * rule starts there, and the patterns of e-mails, IBANs, NIRs and card
 * numbers; phone numbers in digits are phone.c's, spelled ones
 * redact_spelled.c's.
 */
#include <stdint.h>
#include <string.h>

#include "phone.h"
#include "redact.h"
#include "redact_int.h"

const char *const cs_redact_tags[CS_REDACT_N] = {
	[CS_REDACT_PHONE] = CS_PHONE_MARK,
	[CS_REDACT_EMAIL] = "[email]",
	[CS_REDACT_IBAN] = "[iban]",
	[CS_REDACT_CARD] = "[card]",
	[CS_REDACT_NIR] = "[nir]",
};

#define IBAN_MIN 15		/* Norway's, the shortest */
#define IBAN_MAX 34
#define CARD_MIN 13
#define CARD_MAX 19

/* ---- the output ---- */

struct sink {
	char *buf;
	size_t n, o;
	int full;		/* something did not fit: nothing more goes in */
};

/* The bytes s[from..to), as many whole UTF-8 characters as fit. */
static void
put_text(struct sink *k, const char *s, size_t from, size_t to)
{
	size_t room, m;

	if (k->full || to <= from)
		return;
	room = k->n - 1 - k->o;
	m = to - from;
	if (m > room) {
		/* cut before a character that would not fit whole */
		size_t cut = from + room, q = cut;

		while (q > from && cut - q < 3 &&
		    ((unsigned char)s[q] & 0xc0) == 0x80)
			q--;
		if (((unsigned char)s[cut] & 0xc0) == 0x80 &&
		    ((unsigned char)s[q] & 0xc0) == 0xc0)
			cut = q;
		m = cut - from;
		k->full = 1;
	}
	memcpy(k->buf + k->o, s + from, m);
	k->o += m;
}

static void
put_tag(struct sink *k, const char *tag)
{
	size_t m = strlen(tag);

	if (k->full)
		return;
	if (m > k->n - 1 - k->o) {
		k->full = 1;
		return;
	}
	memcpy(k->buf + k->o, tag, m);
	k->o += m;
}

/* ---- tags already there ---- */

static size_t
tag_at(const char *s, size_t len, size_t p)
{
	for (int i = 0; i < CS_REDACT_N; i++) {
		size_t m = strlen(cs_redact_tags[i]);

		if (p + m <= len && memcmp(s + p, cs_redact_tags[i], m) == 0)
			return p + m;
	}
	return 0;
}

/* ---- IBAN ---- */

/* Value of a letter or digit for the mod-97 check, or -1. */
static int
iban_val(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (alpha(c))
		return (c | 0x20) - 'a' + 10;
	return -1;
}

static int
iban_check(const unsigned char *a, size_t m)
{
	unsigned r = 0;

	for (size_t i = 0; i < m; i++) {
		int v = iban_val(a[(i + 4) % m]);	/* the first 4 last */

		r = v >= 10 ? (r * 100 + (unsigned)v) % 97 :
		    (r * 10 + (unsigned)v) % 97;
	}
	return r == 1;
}

/*
 * At p (a word start): two letters, two digits, then letters and digits in
 * groups separated by one space, or run together.  The longest that passes
 * the mod-97 check, ending where a group ends.  Returns the end, or 0.
 */
static size_t
iban_at(const char *s, size_t len, size_t p)
{
	unsigned char a[IBAN_MAX];
	size_t ends[IBAN_MAX + 1], lens[IBAN_MAX + 1], ne = 0, m = 0, q = p;

	if (p + 4 > len || !alpha((unsigned char)s[p]) ||
	    !alpha((unsigned char)s[p + 1]) || !dig(s, len, p + 2) ||
	    !dig(s, len, p + 3))
		return 0;
	for (;;) {
		size_t r = q;

		while (r < len && iban_val((unsigned char)s[r]) >= 0)
			r++;
		/* too long; or runs into a word, or into a tag: a rule took
		 * the rest of its letters and digits (DE8939...: DE[phone]),
		 * so that in a second pass the group would end differently */
		if (m + (r - q) > IBAN_MAX ||
		    (r < len && ((unsigned char)s[r] >= 0x80 || s[r] == '[')))
			break;
		while (q < r)
			a[m++] = (unsigned char)s[q++];
		ends[ne] = q;
		lens[ne++] = m;
		if (q + 1 < len && s[q] == ' ' &&
		    iban_val((unsigned char)s[q + 1]) >= 0)
			q++;
		else
			break;
	}
	while (ne-- > 0)
		if (lens[ne] >= IBAN_MIN && iban_check(a, lens[ne]))
			return ends[ne];
	return 0;
}

/* ---- NIR ---- */

/* A separator between a NIR's fields: a space, a dash or a dot. */
static int
nir_sepc(char c)
{
	return c == ' ' || c == '-' || c == '.';
}

/* Skips one separator between two fields. */
static size_t
nir_sep(const char *s, size_t len, size_t p)
{
	return p + 1 < len && nir_sepc(s[p]) && dig(s, len, p + 1) ? p + 1 : p;
}

/* k digits at p, their value into *v; returns the end or 0. */
static size_t
nir_digits(const char *s, size_t len, size_t p, int k, uint64_t *v)
{
	for (int i = 0; i < k; i++, p++) {
		if (!dig(s, len, p))
			return 0;
		*v = *v * 10 + (uint64_t)(s[p] - '0');
	}
	return p;
}

/*
 * At p (a run of digits starts): a NIR, with a right key or none.  Returns
 * the end, or 0.  Its key is 97 - (the 13 digits mod 97), 2A read 19 and
 * 2B 18.
 */
static size_t
nir_at(const char *s, size_t len, size_t p)
{
	uint64_t v = 0, mm = 0, key = 0;
	size_t q = p, e;

	if (s[p] != '1' && s[p] != '2')
		return 0;
	v = (uint64_t)(s[p] - '0');
	q = nir_sep(s, len, p + 1);
	if ((q = nir_digits(s, len, q, 2, &v)) == 0)
		return 0;
	q = nir_sep(s, len, q);
	if (nir_digits(s, len, q, 2, &mm) == 0)
		return 0;
	if (mm == 0 || (mm > 12 && mm < 20) || (mm > 42 && mm < 50))
		return 0;
	q = nir_digits(s, len, q, 2, &v);
	q = nir_sep(s, len, q);
	if (q + 1 < len && s[q] == '2' && ((s[q + 1] | 0x20) == 'a' ||
	    (s[q + 1] | 0x20) == 'b')) {
		v = v * 100 + ((s[q + 1] | 0x20) == 'a' ? 19 : 18);
		q += 2;
		if (q < len && !nir_sepc(s[q]) && !dig(s, len, q))
			return 0;
	} else if ((q = nir_digits(s, len, q, 2, &v)) == 0)
		return 0;
	q = nir_sep(s, len, q);
	if ((q = nir_digits(s, len, q, 3, &v)) == 0)
		return 0;
	q = nir_sep(s, len, q);
	if ((q = nir_digits(s, len, q, 3, &v)) == 0)
		return 0;
	if (dig(s, len, q) && dig(s, len, q + 1) && !dig(s, len, q + 2))
		return (nir_digits(s, len, q, 2, &key), key == 97 - v % 97) ?
		    q + 2 : 0;	/* run together: the key, or no NIR */
	if (dig(s, len, q))
		return 0;
	e = nir_sep(s, len, q);
	if (e > q && nir_digits(s, len, e, 2, &key) != 0 &&
	    !dig(s, len, e + 2) && key == 97 - v % 97)
		return e + 2;
	return q;	/* no key, or not this one: the 13 digits */
}

/* ---- card ---- */

static int
luhn(const unsigned char *d, size_t m)
{
	unsigned sum = 0;

	for (size_t i = 0; i < m; i++) {
		unsigned x = d[m - 1 - i];

		if (i % 2 == 1 && (x *= 2) > 9)
			x -= 9;
		sum += x;
	}
	return sum % 10 == 0;
}

/*
 * At p (a run of digits starts): 13 to 19 digits, one run or groups of 3
 * or more separated by one space or '-', the longest that passes Luhn and
 * ends where a group does.  Returns the end, or 0.
 */
static size_t
card_at(const char *s, size_t len, size_t p)
{
	unsigned char d[CARD_MAX];
	size_t ends[CARD_MAX + 1], lens[CARD_MAX + 1], ne = 0, m = 0, q = p;

	for (;;) {
		size_t r = q;

		while (dig(s, len, r))
			r++;
		if (m + (r - q) > CARD_MAX)
			break;
		if (ne > 0 && r - q < 3)
			break;
		if (ne == 1 && lens[0] < 3)
			break;	/* the first group was short too */
		for (; q < r; q++)
			d[m++] = (unsigned char)(s[q] - '0');
		ends[ne] = q;
		lens[ne++] = m;
		if (q + 1 < len && (s[q] == ' ' || s[q] == '-') &&
		    dig(s, len, q + 1))
			q++;
		else
			break;
	}
	while (ne-- > 0)
		if (lens[ne] >= CARD_MIN && luhn(d, lens[ne]))
			return ends[ne];
	return 0;
}

/* ---- e-mail ---- */

/* The connecting words, between spaces: what speech recognition writes
 * for '.', '-', '_' and '@'. */
static const char *const dot_words[] = { "point", "dot", NULL };
static const char *const join_words[] = {
	"point", "dot", "tiret", "underscore", "dash", NULL
};
static const char *const at_words[] = { "arobase", "arrobase", "at", NULL };

/* A part of an address: letters (accented too), digits, '_', '%', '+',
 * '-'.  Returns its end (p when there is none). */
static size_t
part_end(const char *s, size_t len, size_t p)
{
	while (p < len && nbsp_at(s, len, p) == 0 &&
	    (wordc((unsigned char)s[p]) || s[p] == '_' || s[p] == '%' ||
	    s[p] == '+' || s[p] == '-'))
		p++;
	return p;
}

/* Whether s[p..e) is one of words, in any case. */
static int
is_word(const char *s, size_t p, size_t e, const char *const *words)
{
	if (e <= p)
		return 0;
	for (int i = 0; words[i] != NULL; i++) {
		size_t m, j;

		/* the first letter first: most words are not it */
		if ((s[p] | 0x20) != words[i][0] || (m = strlen(words[i])) != e - p)
			continue;
		for (j = 0; j < m && (s[p + j] | 0x20) == words[i][j]; j++)
			;
		if (j == m)
			return 1;
	}
	return 0;
}

/* " WORD " at p for one of words (any case): returns the end of the
 * spaces after it, or 0. */
static size_t
spoken_at(const char *s, size_t len, size_t p, const char *const *words)
{
	if (p >= len || s[p] != ' ')
		return 0;
	for (int i = 0; words[i] != NULL; i++) {
		size_t m, q = p + 1;

		/* the first letter first: most words are not it */
		if (q >= len || (s[q] | 0x20) != words[i][0])
			continue;
		if (q + (m = strlen(words[i])) + 1 >= len)
			continue;
		for (size_t j = 0; j < m; j++)
			if ((s[q + j] | 0x20) != words[i][j])
				goto next;
		if (s[q + m] == ' ' && wordc((unsigned char)s[q + m + 1]))
			return q + m + 1;
next:		;
	}
	return 0;
}

/* '@', with one space on either side or not, at p; returns its end. */
static size_t
at_sign(const char *s, size_t len, size_t p)
{
	size_t q = p;

	if (q < len && s[q] == ' ')
		q++;
	if (q >= len || s[q] != '@')
		return 0;
	q++;
	if (q < len && s[q] == ' ')
		q++;
	return q < len && wordc((unsigned char)s[q]) ? q : 0;
}

/* A '.' between two parts at p, or a spoken connector from words: the
 * start of the next part, or 0. */
static size_t
joint_at(const char *s, size_t len, size_t p, const char *const *words)
{
	if (p + 1 < len && s[p] == '.' && wordc((unsigned char)s[p + 1]))
		return p + 1;
	return spoken_at(s, len, p, words);
}

/* A part of a domain: ASCII letters, digits, '-'.  Returns its end. */
static size_t
dpart_end(const char *s, size_t len, size_t p)
{
	while (p < len && (alpha((unsigned char)s[p]) || dig(s, len, p) ||
	    s[p] == '-'))
		p++;
	return p;
}

/* How many letters start s[p..e). */
static size_t
lead_letters(const char *s, size_t p, size_t e)
{
	size_t q = p;

	while (q < e && alpha((unsigned char)s[q]))
		q++;
	return q - p;
}

/*
 * An address from p (where a part starts, none just before): parts joined
 * by '.' or connector words, '@' or "arobase", then a domain of two parts
 * or more whose last starts with 2 to 24 letters.  Returns the end, or 0
 * with *stop at where the look stopped: no address starts before it.
 *
 * Another rule may take what follows the letters of a domain's part
 * (fr4970101234567893.9) or a whole part (fr.0639980119); a second pass
 * would then see the domain end there, at a tag.  So when the whole does
 * not end as a domain must, the address ends at the last place where
 * another rule could start after a part that would do.
 */
static size_t
email_at(const char *s, size_t len, size_t p, size_t *stop)
{
	size_t q = p, e, last, nparts, lead, best = 0, r;

	*stop = p + 1;
	for (;;) {
		/* a connecting word is never a part of the name: else
		 * "x point at y" would read one way from x, another from
		 * point */
		if ((e = part_end(s, len, q)) == q ||
		    is_word(s, q, e, join_words) || is_word(s, q, e, at_words))
			return 0;
		*stop = e;
		if ((q = joint_at(s, len, e, join_words)) == 0)
			break;
	}
	if ((q = at_sign(s, len, e)) == 0 && (q = spoken_at(s, len, e,
	    at_words)) == 0)
		return 0;
	for (nparts = 0;; nparts++) {
		last = q;
		if ((e = dpart_end(s, len, q)) == q)
			return best;	/* only after '@' */
		lead = lead_letters(s, q, e);
		if (nparts >= 1 && lead >= 2 && lead <= 24)
			for (r = q + lead; r < e; r++)
				if (s[r - 1] == '-' ||
				    (dig(s, len, r) && !dig(s, len, r - 1))) {
					best = r;
					break;
				}
		if ((q = joint_at(s, len, e, dot_words)) == 0 ||
		    !(alpha((unsigned char)s[q]) || dig(s, len, q) ||
		    s[q] == '-'))
			break;
		if (nparts >= 1 && lead >= 2 && lead <= 24 && dig(s, len, q))
			best = e;
	}
	lead = lead_letters(s, last, e);
	if (nparts >= 1 && lead >= 2 && lead <= 24)
		return e;
	return best;
}

/* ---- the pass ---- */

/* The byte before p as the rules see it: ']' right after what was just
 * replaced (what a second pass over the output sees there: a tag's end),
 * a space for a no-break space, else the byte itself. */
static unsigned char
before(const char *s, size_t p, size_t fresh)
{
	const unsigned char *u = (const unsigned char *)s;

	if (p == 0)
		return ' ';
	if (p == fresh)
		return ']';
	if (p >= 2 && u[p - 2] == 0xc2 && u[p - 1] == 0xa0)
		return ' ';
	if (p >= 3 && u[p - 3] == 0xe2 && u[p - 2] == 0x80 && u[p - 1] == 0xaf)
		return ' ';
	return u[p - 1];
}

/* The next number in digits from p, phone.c looking at nothing before p:
 * as it would in the output, where a tag ends there. */
static int
next_phone(const char *s, size_t len, size_t p, struct cs_phone_span *ph)
{
	if (!cs_phone_find(s + p, len - p, 0, 0, ph))
		return 0;
	ph->start += p;
	ph->end += p;
	return 1;
}

const char *
cs_redact(const char *in, char *out, size_t n, long counts[CS_REDACT_N])
{
	struct sink k = { out, n, 0, 0 };
	struct cs_phone_span ph;
	size_t len, p = 0, lit = 0, e, stop, mail_from = 0, spell_from = 0;
	size_t fresh = SIZE_MAX;
	int kind, have_ph;

	if (counts != NULL)
		for (int i = 0; i < CS_REDACT_N; i++)
			counts[i] = 0;
	if (n == 0)
		return out;
	if (in == NULL)
		in = "";
	len = strlen(in);
	have_ph = next_phone(in, len, 0, &ph);
	while (p < len) {
		unsigned char c = (unsigned char)in[p];
		unsigned char b = before(in, p, fresh);
		int word_start = wordc(c) && !wordc(b);
		int run_start = c >= '0' && c <= '9' && !(b >= '0' && b <= '9');

		e = 0;
		kind = -1;
		if (c == '[' && (e = tag_at(in, len, p)) != 0) {
			p = e;		/* kept as it is */
			continue;
		}
		if (!word_start && !run_start && !(have_ph && ph.start == p)) {
			p++;
			continue;
		}
		if (word_start && b != '.' && b != '_' && b != '%' &&
		    b != '+' && b != '-' && (p >= mail_from || p == fresh)) {
			if ((e = email_at(in, len, p, &stop)) != 0)
				kind = CS_REDACT_EMAIL;
			else
				mail_from = stop;
		}
		if (kind < 0 && word_start && alpha(c) &&
		    (e = iban_at(in, len, p)) != 0)
			kind = CS_REDACT_IBAN;
		if (kind < 0 && run_start && (e = nir_at(in, len, p)) != 0)
			kind = CS_REDACT_NIR;
		if (kind < 0 && run_start && (e = card_at(in, len, p)) != 0)
			kind = CS_REDACT_CARD;
		if (kind < 0 && have_ph && ph.start == p) {
			e = ph.end;
			kind = CS_REDACT_PHONE;
		}
		if (kind < 0 && word_start && (p >= spell_from || p == fresh)) {
			if ((e = cs_redact_spelled_at(in, len, p, &stop)) != 0)
				kind = CS_REDACT_PHONE;
			else
				spell_from = stop;
		}
		if (kind < 0) {
			p++;
			continue;
		}
		/*
		 * Digits glued to it by '.' go with it (1741683600.4970...):
		 * left behind, they would be read differently once the
		 * number beside them is a tag (phone.h's uniqueids).
		 */
		if (dig(in, len, p))
			while (p >= lit + 2 && in[p - 1] == '.' &&
			    dig(in, len, p - 2) && p - 1 != fresh) {
				p--;
				while (p > lit && dig(in, len, p - 1) &&
				    p != fresh)
					p--;
			}
		if (dig(in, len, e - 1))
			while (in[e] == '.' && dig(in, len, e + 1))
				for (e++; dig(in, len, e); e++)
					;
		put_text(&k, in, lit, p);
		put_tag(&k, cs_redact_tags[kind]);
		if (counts != NULL)
			counts[kind]++;
		p = lit = fresh = e;
		have_ph = next_phone(in, len, p, &ph);
	}
	put_text(&k, in, lit, len);
	out[k.o] = '\0';
	return out;
}
