// SPDX-License-Identifier: MIT
/* Strict JSON: a scanner that checks the grammar and duplicate keys, then json-c. */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "cleanup.h"
#include "hex.h"
#include "json_strict.h"

struct scanner {
	const char *text;
	size_t len;
	size_t pos;
	unsigned int depth;
	struct json_tokener *tok; /* decodes keys, so they compare as json-c stores them */
	struct azs_error *err;
};

static int scan_value(struct scanner *s, const char *path);

/* A refusal at the current position. */
#define malformed(s, path, what, ...)                                                              \
	azs_error_set((s)->err, -EINVAL, path, "malformed JSON at offset %zu: " what, (s)->pos,    \
		      ##__VA_ARGS__)

static bool at_end(const struct scanner *s)
{
	return s->pos >= s->len;
}

static unsigned char peek(const struct scanner *s)
{
	return at_end(s) ? '\0' : (unsigned char)s->text[s->pos];
}

static void skip_ws(struct scanner *s)
{
	while (!at_end(s)) {
		char c = s->text[s->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		s->pos++;
	}
}

/* "unexpected X" for the character at the current position. */
static int unexpected(struct scanner *s, const char *path, const char *wanted)
{
	unsigned char c = peek(s);

	if (at_end(s))
		return malformed(s, path, "unexpected end of document (expected %s)", wanted);
	if (c >= 0x20 && c < 0x7f)
		return malformed(s, path, "unexpected '%c' (expected %s)", c, wanted);
	return malformed(s, path, "unexpected byte 0x%02x (expected %s)", c, wanted);
}

/* Four hex digits after "\u" at s->pos; advances past them. */
static int scan_hex4(struct scanner *s, const char *path, unsigned int *unit)
{
	*unit = 0;
	for (int i = 0; i < 4; i++) {
		int v = at_end(s) ? -1 : azs_hex_digit(s->text[s->pos]);

		if (v < 0)
			return malformed(s, path, "\\u needs four hex digits");
		*unit = *unit << 4 | (unsigned int)v;
		s->pos++;
	}
	return 0;
}

/* A "\uXXXX" escape (s->pos after the 'u'), with a surrogate pair in full. */
static int scan_unicode_escape(struct scanner *s, const char *path)
{
	unsigned int unit, low;
	int ret = scan_hex4(s, path, &unit);

	if (ret)
		return ret;
	if (unit == 0)
		return malformed(s, path, "\\u0000 (NUL) in a string");
	if (unit >= 0xdc00 && unit <= 0xdfff)
		return malformed(s, path, "lone low surrogate \\u%04x", unit);
	if (unit < 0xd800 || unit > 0xdbff)
		return 0;
	if (s->len - s->pos < 2 || s->text[s->pos] != '\\' || s->text[s->pos + 1] != 'u')
		return malformed(s, path, "high surrogate \\u%04x without its low half", unit);
	s->pos += 2;
	ret = scan_hex4(s, path, &low);
	if (ret)
		return ret;
	if (low < 0xdc00 || low > 0xdfff)
		return malformed(s, path, "high surrogate \\u%04x without its low half", unit);
	return 0;
}

/* A string starting at s->pos (the opening quote); advances past the closing one. */
static int scan_string(struct scanner *s, const char *path)
{
	s->pos++;
	for (;;) {
		unsigned char c;
		int ret;

		if (at_end(s))
			return malformed(s, path, "unterminated string");
		c = (unsigned char)s->text[s->pos];
		if (c == '"') {
			s->pos++;
			return 0;
		}
		if (c < 0x20)
			return malformed(s, path, "control character 0x%02x in a string", c);
		s->pos++;
		if (c != '\\')
			continue;
		if (at_end(s))
			return malformed(s, path, "unterminated string");
		c = (unsigned char)s->text[s->pos++];
		if (c == 'u') {
			ret = scan_unicode_escape(s, path);
			if (ret)
				return ret;
		} else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
			s->pos--;
			return malformed(s, path, "invalid escape in a string");
		}
	}
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* An integer's digits (no sign) fit in int64_t (the magnitude of INT64_MIN if negative)? */
static bool fits_int64(const char *digits, size_t n, bool negative)
{
	const char *limit = negative ? "9223372036854775808" : "9223372036854775807";

	if (n != 19)
		return n < 19;
	return memcmp(digits, limit, 19) <= 0;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static int scan_number(struct scanner *s, const char *path)
{
	bool negative = false;
	size_t digits;

	if (peek(s) == '-') {
		negative = true;
		s->pos++;
	}
	digits = s->pos;
	if (peek(s) == '0') {
		s->pos++;
		if (is_digit(peek(s)))
			return malformed(s, path, "leading zero in a number");
	} else if (is_digit(peek(s))) {
		while (is_digit(peek(s)))
			s->pos++;
	} else {
		return unexpected(s, path, "a digit");
	}
	if (!fits_int64(s->text + digits, s->pos - digits, negative) && peek(s) != '.' &&
	    peek(s) != 'e' && peek(s) != 'E')
		return malformed(s, path, "integer out of range");
	if (peek(s) == '.') {
		s->pos++;
		if (!is_digit(peek(s)))
			return unexpected(s, path, "a digit after '.'");
		while (is_digit(peek(s)))
			s->pos++;
	}
	if (peek(s) == 'e' || peek(s) == 'E') {
		s->pos++;
		if (peek(s) == '+' || peek(s) == '-')
			s->pos++;
		if (!is_digit(peek(s)))
			return unexpected(s, path, "a digit in the exponent");
		while (is_digit(peek(s)))
			s->pos++;
	}
	return 0;
}

static int scan_literal(struct scanner *s, const char *path, const char *word)
{
	size_t n = strlen(word);

	if (s->len - s->pos < n || memcmp(s->text + s->pos, word, n))
		return malformed(s, path, "unknown literal (expected true, false or null)");
	s->pos += n;
	return 0;
}

/* Decode the key token [start, end) (quotes included) with json-c. */
static int decode_key(struct scanner *s, const char *path, size_t start, size_t end,
		      struct json_object **key)
{
	json_tokener_reset(s->tok);
	*key = json_tokener_parse_ex(s->tok, s->text + start, (int)(end - start));
	if (!*key || json_object_get_type(*key) != json_type_string) {
		json_object_put(*key);
		*key = NULL;
		s->pos = start;
		return malformed(s, path, "key json-c cannot read");
	}
	return 0;
}

static int scan_object(struct scanner *s, const char *path)
{
	azs_cleanup(azs_json_putp) struct json_object *seen = json_object_new_object();
	char child[AZS_PATH_MAX];
	int ret;

	if (!seen)
		return azs_error_set(s->err, -ENOMEM, path, "out of memory");
	s->pos++;
	skip_ws(s);
	if (peek(s) == '}') {
		s->pos++;
		return 0;
	}
	for (;;) {
		azs_cleanup(azs_json_putp) struct json_object *key = NULL;
		size_t start = s->pos;
		const char *name;

		if (peek(s) != '"')
			return unexpected(s, path, "a key in double quotes");
		ret = scan_string(s, path);
		if (ret)
			return ret;
		ret = decode_key(s, path, start, s->pos, &key);
		if (ret)
			return ret;
		name = json_object_get_string(key);
		azs_path_key(child, sizeof(child), path, name);
		if (json_object_object_get_ex(seen, name, NULL))
			return azs_error_set(s->err, -EINVAL, child, "duplicate key");
		if (json_object_object_add(seen, name, NULL))
			return azs_error_set(s->err, -ENOMEM, path, "out of memory");
		skip_ws(s);
		if (peek(s) != ':')
			return unexpected(s, child, "':'");
		s->pos++;
		skip_ws(s);
		ret = scan_value(s, child);
		if (ret)
			return ret;
		skip_ws(s);
		if (peek(s) == '}') {
			s->pos++;
			return 0;
		}
		if (peek(s) != ',')
			return unexpected(s, path, "',' or '}'");
		s->pos++;
		skip_ws(s);
	}
}

static int scan_array(struct scanner *s, const char *path)
{
	char child[AZS_PATH_MAX];
	size_t i = 0;
	int ret;

	s->pos++;
	skip_ws(s);
	if (peek(s) == ']') {
		s->pos++;
		return 0;
	}
	for (;; i++) {
		azs_path_index(child, sizeof(child), path, i);
		ret = scan_value(s, child);
		if (ret)
			return ret;
		skip_ws(s);
		if (peek(s) == ']') {
			s->pos++;
			return 0;
		}
		if (peek(s) != ',')
			return unexpected(s, path, "',' or ']'");
		s->pos++;
		skip_ws(s);
	}
}

static int scan_value(struct scanner *s, const char *path)
{
	unsigned char c = peek(s);
	int ret;

	if (at_end(s))
		return unexpected(s, path, "a value");
	if (c == '{' || c == '[') {
		if (++s->depth > AZS_JSON_MAX_DEPTH)
			return malformed(s, path, "nested deeper than %d levels",
					 AZS_JSON_MAX_DEPTH);
		ret = c == '{' ? scan_object(s, path) : scan_array(s, path);
		s->depth--;
		return ret;
	}
	if (c == '"')
		return scan_string(s, path);
	if (c == '-' || is_digit(c))
		return scan_number(s, path);
	if (c == 't')
		return scan_literal(s, path, "true");
	if (c == 'f')
		return scan_literal(s, path, "false");
	if (c == 'n') {
		/* json-c stores a null member as a NULL pointer, which reads as "absent". */
		ret = scan_literal(s, path, "null");
		if (ret)
			return ret;
		return azs_error_set(s->err, -EINVAL, path,
				     "null is not a valid value (no key takes null)");
	}
	return unexpected(s, path, "a value");
}

int azs_json_parse_object(const char *text, size_t len, size_t max_len, struct json_object **out,
			  struct azs_error *err)
{
	azs_cleanup(azs_tokener_freep) struct json_tokener *tok = NULL;
	azs_cleanup(azs_json_putp) struct json_object *obj = NULL;
	struct scanner s = {.text = text, .len = len, .err = err};
	const char *nul;
	int ret;

	*out = NULL;
	if (len > max_len || len > INT32_MAX)
		return azs_error_set(err, -EFBIG, "", "larger than %zu bytes", max_len);
	nul = memchr(text, '\0', len);
	if (nul)
		return azs_error_set(err, -EINVAL, "", "NUL byte at offset %zu",
				     (size_t)(nul - text));
	tok = json_tokener_new_ex(AZS_JSON_MAX_DEPTH + 1);
	if (!tok)
		return azs_error_set(err, -ENOMEM, "", "out of memory");
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	s.tok = tok;

	skip_ws(&s);
	if (peek(&s) != '{') {
		if (at_end(&s))
			return azs_error_set(err, -EINVAL, "", "empty document");
		return azs_error_set(err, -EINVAL, "", "the document must be a JSON object");
	}
	ret = scan_value(&s, "");
	if (ret)
		return ret;
	skip_ws(&s);
	if (!at_end(&s))
		return azs_error_set(err, -EINVAL, "",
				     "unexpected content at offset %zu after the JSON object",
				     s.pos);

	json_tokener_reset(tok);
	obj = json_tokener_parse_ex(tok, text, (int)len);
	if (!obj || json_tokener_get_error(tok) != json_tokener_success) {
		return azs_error_set(err, -EINVAL, "", "malformed JSON at offset %zu: %s",
				     json_tokener_get_parse_end(tok),
				     json_tokener_error_desc(json_tokener_get_error(tok)));
	}
	if (json_object_get_type(obj) != json_type_object)
		return azs_error_set(err, -EINVAL, "", "the document must be a JSON object");
	*out = azs_steal(obj);
	return 0;
}
