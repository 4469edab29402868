// SPDX-License-Identifier: GPL-2.0
/* Escaping of process-controlled strings; see escape.h. */
#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "escape.h"
#include "util.h"

static bool utf8_locale;

void escape_init(void)
{
	setlocale(LC_CTYPE, "");
	utf8_locale = !strcmp(nl_langinfo(CODESET), "UTF-8");
}

/*
 * The length of the UTF-8 sequence at @s and its code point in *@cp, or 0
 * if @s does not start one (a stray byte, an overlong form, a surrogate).
 */
static int utf8_decode(const unsigned char *s, uint32_t *cp)
{
	int len, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		len = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool is_bidi_control(uint32_t c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Whether a non-ASCII character may be printed as it is on this terminal. */
static bool printable_wide(uint32_t c)
{
	return utf8_locale && c >= 0xa0 && !is_bidi_control(c) && iswprint((wint_t)c);
}

char *escape_cell(const char *str, bool raw)
{
	const unsigned char *s = (const unsigned char *)str;
	/* Every byte may become four: "\xHH". */
	char *out = xrealloc(NULL, 4 * strlen(str) + 1), *o = out;

	while (*s) {
		uint32_t c;
		int len = utf8_decode(s, &c);
		bool plain;

		if (raw)
			plain = len == 1 && c > ' ' && c < 0x7f && c != '\\';
		else if (len == 1)
			plain = c >= ' ' && c < 0x7f && !(c == '\\' && s[1] == 'x');
		else
			plain = len && printable_wide(c);
		if (plain) {
			memcpy(o, s, len);
			o += len;
			s += len;
			continue;
		}
		/* One \xHH per byte, as lsns does, for a whole bad sequence too. */
		for (int i = 0; i < (len ? len : 1); i++)
			o += sprintf(o, "\\x%02x", s[i]);
		s += len ? len : 1;
	}
	*o = '\0';
	return out;
}

/* The letter of @c's two-character JSON escape ('n': "\\n"), or 0. */
static char json_short(uint32_t c)
{
	switch (c) {
	case '"':
		return '"';
	case '\b':
		return 'b';
	case '\f':
		return 'f';
	case '\n':
		return 'n';
	case '\r':
		return 'r';
	case '\t':
		return 't';
	}
	return 0;
}

void escape_json(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	putc('"', out);
	while (*s) {
		uint32_t c;
		int len = utf8_decode(s, &c);

		if (!len) {
			fprintf(out, "\\\\x%02x", *s++);
			continue;
		}
		s += len;
		if (c == '\\')
			fputs(*s == 'x' ? "\\\\x5c" : "\\\\", out);
		else if (json_short(c))
			fprintf(out, "\\%c", json_short(c));
		else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || is_bidi_control(c))
			fprintf(out, "\\u%04x", c);
		else
			fwrite(s - len, 1, len, out);
	}
	putc('"', out);
}
