// SPDX-License-Identifier: MIT
/* The azsphere CLI's output formats and --query (output.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

static const char *const formats[] = {"json", "jsonc", "table", "tsv", "yaml", "none"};

int azs_out_format_valid(const char *format)
{
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(format, formats[i]))
			return 0;
	return -1;
}

/* ---- --query ---- */

struct q {
	const char *start, *p;
	char *why;
	size_t size;
	bool failed;
};

static void q_fail(struct q *q, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void q_fail(struct q *q, const char *fmt, ...)
{
	char text[160];
	va_list ap;

	if (q->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	snprintf(q->why, q->size, "--query: %s at position %d", text, (int)(q->p - q->start) + 1);
	q->failed = true;
}

static json_object *eval(struct q *q, json_object *cur, const char *end);

/* The end of the sub-expression from P: the first ',' or CLOSE at depth 0. */
static const char *sub_end(const char *p, const char *end, char close)
{
	int depth = 0;
	char quote = 0;

	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '`') {
			quote = *p;
		} else if (*p == '[' || *p == '{' || *p == '(') {
			depth++;
		} else if (*p == ']' || *p == '}' || *p == ')') {
			if (!depth && *p == close)
				return p;
			depth--;
		} else if (*p == ',' && !depth) {
			return p;
		}
	}
	return end;
}

/* The CLOSE matching the bracket just before P (commas don't end it), or END. */
static const char *match_close(const char *p, const char *end, char close)
{
	const char *e;

	while ((e = sub_end(p, end, close)) < end && *e == ',')
		p = e + 1;
	return e;
}

/* A literal in a filter: 'text', `json`, a number, true, false, null. */
static json_object *literal(struct q *q, const char **pp, const char *end)
{
	const char *p = *pp, *s;
	json_object *v;
	char *text;

	if (*p == '\'' || *p == '`') {
		s = memchr(p + 1, *p, (size_t)(end - p - 1));
		if (!s) {
			q_fail(q, "unterminated literal");
			return NULL;
		}
		text = strndup(p + 1, (size_t)(s - p - 1));
		if (*p == '\'')
			v = json_object_new_string(text);
		else
			v = json_tokener_parse(text);
		if (*p == '`' && !v && strcmp(text, "null"))
			v = json_object_new_string(text); /* `bare` text, as JMESPath allows */
		free(text);
		*pp = s + 1;
		return v;
	}
	for (s = p; s < end && (isalnum((unsigned char)*s) || *s == '-' || *s == '.'); s++)
		;
	if (s == p) {
		q_fail(q, "a literal expected");
		return NULL;
	}
	text = strndup(p, (size_t)(s - p));
	v = json_tokener_parse(text);
	if (!v && strcmp(text, "null"))
		q_fail(q, "'%s' is not a literal (quote strings: 'text')", text);
	free(text);
	*pp = s;
	return v;
}

static bool same(json_object *a, json_object *b)
{
	if (!a || !b)
		return a == b;
	return json_object_equal(a, b);
}

/* The rest of the query (to END) applied to each element of ARR: a new array. */
static json_object *project(struct q *q, json_object *arr, const char *end, bool flatten)
{
	json_object *out = json_object_new_array();
	const char *rest = q->p;

	for (size_t i = 0; i < json_object_array_length(arr) && !q->failed; i++) {
		json_object *e = json_object_array_get_idx(arr, i), *r;

		if (flatten && json_object_is_type(e, json_type_array)) {
			for (size_t k = 0; k < json_object_array_length(e); k++) {
				q->p = rest;
				r = eval(q, json_object_array_get_idx(e, k), end);
				if (r)
					json_object_array_add(out, r);
			}
			continue;
		}
		q->p = rest;
		r = eval(q, e, end);
		if (r)
			json_object_array_add(out, r);
	}
	q->p = end;
	return out;
}

/* [?key==lit] or [?key!=lit] on ARR (Q->p after "[?"): the matches, a new array. */
static json_object *filter(struct q *q, json_object *arr, const char *end)
{
	const char *close = match_close(q->p, end, ']'), *op;
	json_object *out = json_object_new_array(), *lit;
	bool eq;

	if (close == end || *close != ']') {
		q_fail(q, "']' expected");
		return out;
	}
	op = strstr(q->p, "==");
	eq = op && op < close;
	if (!eq) {
		op = strstr(q->p, "!=");
		if (!op || op > close) {
			q_fail(q, "a filter is [?path=='value'] or [?path!='value']");
			return out;
		}
	}
	{
		const char *lp = op + 2;

		lit = literal(q, &lp, close);
		if (!q->failed && lp != close)
			q_fail(q, "']' expected after the literal");
	}
	for (size_t i = 0; i < json_object_array_length(arr) && !q->failed; i++) {
		json_object *e = json_object_array_get_idx(arr, i), *v;
		const char *save = q->p;

		v = eval(q, e, op);
		q->p = save;
		if (same(v, lit) == eq)
			json_object_array_add(out, json_object_get(e));
		json_object_put(v);
	}
	json_object_put(lit);
	q->p = close + 1;
	return out;
}

static json_object *multiselect(struct q *q, json_object *cur, const char *end)
{
	json_object *out = json_object_new_object();
	const char *close;

	q->p++; /* '{' */
	close = match_close(q->p, end, '}');
	while (!q->failed) {
		const char *colon, *stop = sub_end(q->p, end, '}');
		char key[64];
		json_object *v;

		colon = memchr(q->p, ':', (size_t)(stop - q->p));
		if (!colon || colon == q->p || (size_t)(colon - q->p) >= sizeof(key)) {
			q_fail(q, "a multiselect is {Name:path, ...}");
			break;
		}
		snprintf(key, sizeof(key), "%.*s", (int)(colon - q->p), q->p);
		q->p = colon + 1;
		while (*q->p == ' ')
			q->p++;
		v = eval(q, cur, stop);
		json_object_object_add(out, key, v);
		q->p = stop;
		if (stop >= close || *stop == '}')
			break;
		q->p = stop + 1;
		while (*q->p == ' ')
			q->p++;
	}
	if (!q->failed && (close == end || *close != '}'))
		q_fail(q, "'}' expected");
	q->p = close < end ? close + 1 : end;
	return out;
}

/* The value of the query from Q->p to END on CUR: a new reference (NULL: null). */
static json_object *eval(struct q *q, json_object *cur, const char *end)
{
	json_object *v = json_object_get(cur), *next;

	while (q->p < end && !q->failed) {
		const char *p = q->p;

		if (*p == ' ') {
			q->p++;
			continue;
		}
		if (*p == '.' && p != q->start) {
			q->p++;
			continue;
		}
		if (*p == '@') {
			q->p++;
			continue;
		}
		if (!strncmp(p, "length(@)", 9)) {
			int64_t n = -1;

			q->p += 9;
			if (json_object_is_type(v, json_type_array))
				n = (int64_t)json_object_array_length(v);
			else if (json_object_is_type(v, json_type_object))
				n = json_object_object_length(v);
			else if (json_object_is_type(v, json_type_string))
				n = json_object_get_string_len(v);
			json_object_put(v);
			v = n < 0 ? NULL : json_object_new_int64(n);
			continue;
		}
		if (isalpha((unsigned char)*p) || *p == '_') {
			const char *s = p;
			char name[128];

			while (s < end && (isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
				s++;
			if ((size_t)(s - p) >= sizeof(name)) {
				q_fail(q, "name too long");
				break;
			}
			snprintf(name, sizeof(name), "%.*s", (int)(s - p), p);
			q->p = s;
			next = NULL;
			if (json_object_is_type(v, json_type_object))
				json_object_object_get_ex(v, name, &next);
			next = json_object_get(next);
			json_object_put(v);
			v = next;
			continue;
		}
		if (*p == '{') {
			next = multiselect(q, v, end);
			json_object_put(v);
			v = next;
			continue;
		}
		if (*p != '[') {
			q_fail(q, "unexpected '%c'", *p);
			break;
		}
		if (!strncmp(p, "[*]", 3) || !strncmp(p, "[]", 2)) {
			bool flatten = p[1] == ']';

			q->p += flatten ? 2 : 3;
			if (!json_object_is_type(v, json_type_array)) {
				json_object_put(v);
				q->p = end;
				return NULL;
			}
			next = project(q, v, end, flatten);
			json_object_put(v);
			return next;
		}
		if (!strncmp(p, "[?", 2)) {
			json_object *matches;
			const char *close = match_close(p + 2, end, ']');

			q->p += 2;
			if (close == end || *close != ']') {
				q_fail(q, "']' expected");
				break;
			}
			if (!json_object_is_type(v, json_type_array)) {
				json_object_put(v);
				q->p = end;
				return NULL;
			}
			matches = filter(q, v, end);
			json_object_put(v);
			next = q->failed ? NULL : project(q, matches, end, false);
			json_object_put(matches);
			return next;
		}
		{
			char *after;
			long idx = strtol(p + 1, &after, 10);
			size_t len;

			if (after == p + 1 || *after != ']') {
				q_fail(q, "an index [N], [*], [] or a filter [?...] expected");
				break;
			}
			q->p = after + 1;
			next = NULL;
			if (json_object_is_type(v, json_type_array)) {
				len = json_object_array_length(v);
				if (idx < 0)
					idx += (long)len;
				if (idx >= 0 && (size_t)idx < len)
					next = json_object_get(
						json_object_array_get_idx(v, (size_t)idx));
			}
			json_object_put(v);
			v = next;
		}
	}
	if (q->failed) {
		json_object_put(v);
		return NULL;
	}
	return v;
}

int azs_query(json_object *v, const char *query, json_object **out, char *why, size_t size)
{
	struct q q = {.start = query, .p = query, .why = why, .size = size};
	const char *end = query + strlen(query);

	if (!query[0]) {
		snprintf(why, size, "--query: empty");
		return -1;
	}
	*out = eval(&q, v, end);
	if (!q.failed && q.p < end)
		q_fail(&q, "unexpected text");
	if (q.failed) {
		json_object_put(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* ---- formats ---- */

#define C_KEY "\033[94m"
#define C_STR "\033[32m"
#define C_NUM "\033[36m"
#define C_LIT "\033[35m"
#define C_OFF "\033[0m"

static void put_json_string(FILE *f, const char *s)
{
	json_object *o = json_object_new_string(s);

	fputs(json_object_to_json_string_ext(o, JSON_C_TO_STRING_NOSLASHESCAPE), f);
	json_object_put(o);
}

/* JSON with two-space indentation; COLOR: jsonc. */
static void print_json(FILE *f, json_object *v, int indent, bool color)
{
	switch (json_object_get_type(v)) {
	case json_type_object: {
		int n = 0, len = json_object_object_length(v);

		if (!len) {
			fputs("{}", f);
			break;
		}
		fputs("{\n", f);
		json_object_object_foreach(v, key, val)
		{
			fprintf(f, "%*s", indent + 2, "");
			if (color)
				fputs(C_KEY, f);
			put_json_string(f, key);
			if (color)
				fputs(C_OFF, f);
			fputs(": ", f);
			print_json(f, val, indent + 2, color);
			fputs(++n < len ? ",\n" : "\n", f);
		}
		fprintf(f, "%*s}", indent, "");
		break;
	}
	case json_type_array: {
		size_t len = json_object_array_length(v);

		if (!len) {
			fputs("[]", f);
			break;
		}
		fputs("[\n", f);
		for (size_t i = 0; i < len; i++) {
			fprintf(f, "%*s", indent + 2, "");
			print_json(f, json_object_array_get_idx(v, i), indent + 2, color);
			fputs(i + 1 < len ? ",\n" : "\n", f);
		}
		fprintf(f, "%*s]", indent, "");
		break;
	}
	case json_type_string:
		if (color)
			fputs(C_STR, f);
		put_json_string(f, json_object_get_string(v));
		if (color)
			fputs(C_OFF, f);
		break;
	case json_type_int:
	case json_type_double:
		fprintf(f, "%s%s%s", color ? C_NUM : "", json_object_to_json_string(v),
			color ? C_OFF : "");
		break;
	default: /* boolean, null */
		fprintf(f, "%s%s%s", color ? C_LIT : "", v ? json_object_to_json_string(v) : "null",
			color ? C_OFF : "");
		break;
	}
}

/* A scalar as text (table, tsv): strings bare, null empty. */
static const char *scalar_text(json_object *v)
{
	if (!v)
		return "";
	if (json_object_is_type(v, json_type_string))
		return json_object_get_string(v);
	return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
}

static bool is_scalar(json_object *v)
{
	return !json_object_is_type(v, json_type_object) &&
	       !json_object_is_type(v, json_type_array);
}

static bool yaml_plain(const char *s)
{
	static const char *const reserved[] = {"true", "false", "null", "yes",
					       "no",   "on",    "off",  "~"};

	if (!s[0] || isspace((unsigned char)s[0]) || isspace((unsigned char)s[strlen(s) - 1]))
		return false;
	if (strpbrk(s, ":#{}[],&*?|<>=!%@`'\"\n\t\\") || s[0] == '-')
		return false;
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (!strcasecmp(s, reserved[i]))
			return false;
	{
		char *end;

		(void)strtod(s, &end);
		if (!*end)
			return false; /* would read as a number */
	}
	return true;
}

static void yaml_scalar(FILE *f, json_object *v)
{
	if (json_object_is_type(v, json_type_string)) {
		const char *s = json_object_get_string(v);

		if (yaml_plain(s))
			fputs(s, f);
		else
			put_json_string(f, s); /* a JSON string is a YAML double-quoted scalar */
		return;
	}
	fputs(v ? json_object_to_json_string(v) : "null", f);
}

static bool empty_container(json_object *v)
{
	return (json_object_is_type(v, json_type_array) && !json_object_array_length(v)) ||
	       (json_object_is_type(v, json_type_object) && !json_object_object_length(v));
}

/* V at INDENT; INLINE_FIRST: its first line follows "- " already written. */
static void print_yaml(FILE *f, json_object *v, int indent, bool inline_first)
{
	bool first = true;

	if (empty_container(v) || is_scalar(v)) {
		if (!inline_first)
			fprintf(f, "%*s", indent, "");
		if (empty_container(v))
			fputs(json_object_is_type(v, json_type_array) ? "[]" : "{}", f);
		else
			yaml_scalar(f, v);
		fputc('\n', f);
		return;
	}
	if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val)
		{
			if (!(first && inline_first))
				fprintf(f, "%*s", indent, "");
			first = false;
			if (yaml_plain(key))
				fputs(key, f);
			else
				put_json_string(f, key);
			fputc(':', f);
			if (is_scalar(val) || empty_container(val)) {
				fputc(' ', f);
				print_yaml(f, val, 0, true);
			} else {
				fputc('\n', f);
				print_yaml(f, val, indent + 2, false);
			}
		}
		return;
	}
	for (size_t i = 0; i < json_object_array_length(v); i++) {
		if (!(i == 0 && inline_first))
			fprintf(f, "%*s", indent, "");
		fputs("- ", f);
		print_yaml(f, json_object_array_get_idx(v, i), indent + 2, true);
	}
}

static void yaml(FILE *f, json_object *v)
{
	print_yaml(f, v, 0, false);
}

/* ---- table and tsv ---- */

#define MAX_COLS 32

struct cols {
	const char *name[MAX_COLS];
	size_t width[MAX_COLS];
	int n;
};

/* The columns of ROWS (objects): their scalar fields, in first-seen order. */
static void columns(json_object *rows, struct cols *c)
{
	c->n = 0;
	for (size_t i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		if (!json_object_is_type(r, json_type_object))
			continue;
		json_object_object_foreach(r, key, val)
		{
			int k;

			if (!is_scalar(val) && val)
				continue;
			for (k = 0; k < c->n && strcmp(c->name[k], key); k++)
				;
			if (k == c->n && c->n < MAX_COLS) {
				c->name[c->n] = key;
				c->width[c->n++] = strlen(key);
			}
		}
	}
}

static json_object *field(json_object *r, const char *name)
{
	json_object *v = NULL;

	if (json_object_is_type(r, json_type_object))
		json_object_object_get_ex(r, name, &v);
	return v;
}

static void header(FILE *f, const char *name, size_t width, bool last)
{
	/* az's table headers: the key with its first letter capitalised. */
	fputc(toupper((unsigned char)name[0]), f);
	fputs(name + 1, f);
	if (!last)
		fprintf(f, "%*s", (int)(width - strlen(name) + 2), "");
}

static void print_table(FILE *f, json_object *v)
{
	json_object *rows;
	struct cols c;

	if (!v)
		return;
	if (is_scalar(v)) {
		printf("%s\n", scalar_text(v));
		return;
	}
	if (json_object_is_type(v, json_type_array)) {
		bool objects = json_object_array_length(v) > 0;

		for (size_t i = 0; i < json_object_array_length(v); i++)
			objects &= json_object_is_type(json_object_array_get_idx(v, i),
						       json_type_object);
		if (!objects) {
			/* Scalars: one column. */
			size_t w = 6;

			for (size_t i = 0; i < json_object_array_length(v); i++) {
				size_t l = strlen(scalar_text(json_object_array_get_idx(v, i)));

				w = l > w ? l : w;
			}
			if (!json_object_array_length(v))
				return;
			fprintf(f, "Result\n%.*s\n", (int)w,
				"------------------------------------------------------------------"
				"--"
				"------------------------------------------------------------");
			for (size_t i = 0; i < json_object_array_length(v); i++) {
				json_object *e = json_object_array_get_idx(v, i);

				fprintf(f, "%s\n",
					is_scalar(e) ? scalar_text(e)
						     : json_object_to_json_string_ext(
							       e, JSON_C_TO_STRING_PLAIN));
			}
			return;
		}
		rows = json_object_get(v);
	} else {
		rows = json_object_new_array();
		json_object_array_add(rows, json_object_get(v));
	}
	columns(rows, &c);
	for (size_t i = 0; i < json_object_array_length(rows); i++)
		for (int k = 0; k < c.n; k++) {
			size_t l = strlen(
				scalar_text(field(json_object_array_get_idx(rows, i), c.name[k])));

			c.width[k] = l > c.width[k] ? l : c.width[k];
		}
	for (int k = 0; k < c.n; k++)
		header(f, c.name[k], c.width[k], k + 1 == c.n);
	if (c.n)
		fputc('\n', f);
	for (int k = 0; k < c.n; k++) {
		for (size_t i = 0; i < c.width[k]; i++)
			fputc('-', f);
		if (k + 1 < c.n)
			fputs("  ", f);
	}
	if (c.n)
		fputc('\n', f);
	for (size_t i = 0; i < json_object_array_length(rows); i++) {
		json_object *r = json_object_array_get_idx(rows, i);

		for (int k = 0; k < c.n; k++) {
			const char *s = scalar_text(field(r, c.name[k]));

			if (k + 1 < c.n)
				fprintf(f, "%-*s  ", (int)c.width[k], s);
			else
				fputs(s, f);
		}
		if (c.n)
			fputc('\n', f);
	}
	json_object_put(rows);
}

static void tsv_row(FILE *f, json_object *r)
{
	bool first = true;

	if (!json_object_is_type(r, json_type_object)) {
		fprintf(f, "%s\n",
			is_scalar(r) ? scalar_text(r)
				     : json_object_to_json_string_ext(r, JSON_C_TO_STRING_PLAIN));
		return;
	}
	json_object_object_foreach(r, key, val)
	{
		(void)key;
		if (!is_scalar(val) && val)
			continue; /* as az: nested values are left out */
		fprintf(f, "%s%s", first ? "" : "\t", scalar_text(val));
		first = false;
	}
	fputc('\n', f);
}

static void print_tsv(FILE *f, json_object *v)
{
	if (!v)
		return;
	if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++)
			tsv_row(f, json_object_array_get_idx(v, i));
		return;
	}
	tsv_row(f, v);
}

void azs_out_print(FILE *f, json_object *v, const char *format)
{
	if (!strcmp(format, "none"))
		return;
	if (!strcmp(format, "json") || !strcmp(format, "jsonc")) {
		print_json(f, v, 0, format[4] == 'c');
		fputc('\n', f);
	} else if (!strcmp(format, "yaml")) {
		yaml(f, v);
	} else if (!strcmp(format, "tsv")) {
		print_tsv(f, v);
	} else {
		print_table(f, v);
	}
}
