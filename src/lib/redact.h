/*
 * redact.h: personal data taken out of a transcript's text before it is
 * stored (issue 10; callstat-import(1), "Transcripts: redaction").
 *
 * What a caller says to a bot is stored with each of these replaced by a
 * tag:
 *
 *   [phone]  a telephone number in digits, as phone.h finds it (the same
 *            detector as every other text: 06 39 98 01 19, 06.39.98.01.19,
 *            0639980119, +33 6 39 98 01 19, 0033...), and a number spelled
 *            out by speech recognition: a run of French number words
 *            (zéro to cent, with hyphens, spaces, commas or "et" between,
 *            accents or not, any case) and digit groups, at least one in
 *            words, that makes 6 numbers or more ("zéro six douze
 *            trente-quatre cinquante-six soixante-dix-huit", "zero 6 12 34
 *            56 78"), or 3 or more in 6 words and groups or more ("zéro six
 *            douze trente-quatre cinquante-six").  A compound
 *            ("quatre-vingt-dix-huit", with hyphens or not) is one number,
 *            so that one or two numbers stay, however many words ("trois
 *            cent quatre-vingt-dix-neuf euros", "j'ai deux enfants");
 *   [email]  addr@domain.tld, and the forms speech recognition writes:
 *            "jean point dupont arobase gmail point com", "jean.dupont at
 *            gmail dot com";
 *   [iban]   two letters, two check digits and up to 30 letters or digits,
 *            in groups or run together, passing the ISO 13616 mod-97 check;
 *   [card]   13 to 19 digits run together or in groups of 3 or more
 *            separated by one space or '-', passing the Luhn check;
 *   [nir]    a French social-security number: 1 or 2, year, month (01-12,
 *            20-42 or 50-99), department (2 digits, 2A, 2B), commune and
 *            order (3 digits each), then its key (2 digits, checked: 97 -
 *            the number mod 97, 2A and 2B counting as 19 and 18); fields
 *            run together or separated by one space.  Without its right
 *            key the 13 digits are still one (the 2 digits after them,
 *            spaced, stay), unless more digits run on from them.
 *
 * Where two could start at the same place, the first of: a tag already
 * there (kept as it is), e-mail, IBAN, NIR, card, phone in digits, spelled
 * number.  A number in digits never starts right after a digit, and every
 * run of 13 to 19 digits that passes Luhn is replaced by something.
 * Digits glued by '.' to what is replaced go with it.
 *
 * Redacting a redacted text changes nothing: what a rule decides at a
 * place never depends on text that another rule replaces, since a second
 * pass would see a tag there (fuzz_redact checks it).  So right after what
 * is replaced the rules look on as after a tag's ']'; an address whose
 * domain would end as one only where another rule starts ends there.
 *
 * The text is UTF-8 and comes out as it came in, byte for byte, but for
 * what is replaced (invalid sequences too); accented letters count as
 * letters ("zéro", "hélène point martin arobase...").  One pass over the
 * bytes, each part looked at a bounded number of times; no allocation.
 */
#ifndef CS_REDACT_H
#define CS_REDACT_H

#include <stddef.h>

enum cs_redact_kind {
	CS_REDACT_PHONE,
	CS_REDACT_EMAIL,
	CS_REDACT_IBAN,
	CS_REDACT_CARD,
	CS_REDACT_NIR,
	CS_REDACT_N
};

/* The tag of each kind, "[phone]" (phone.h's CS_PHONE_MARK), "[email]",
 * "[iban]", "[card]", "[nir]". */
extern const char *const cs_redact_tags[CS_REDACT_N];

/*
 * Copies the NUL-terminated in (NULL reads as "") to out (n bytes, always
 * terminated when n > 0, never overrun) with every phone number, e-mail,
 * IBAN, card number and NIR replaced by its tag.  When out is too small the
 * text is cut before the first piece that does not fit whole (a tag or a
 * UTF-8 character is never cut in two).  counts (may be NULL) gets how many
 * of each kind were found, whether or not they fitted.  Returns out.
 */
const char *cs_redact(const char *in, char *out, size_t n,
    long counts[CS_REDACT_N]);

#endif
