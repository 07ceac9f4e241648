/* SPDX-License-Identifier: MIT */
/*
 * The azsphere CLI's output: --output json|jsonc|table|tsv|yaml|none and
 * --query, the JMESPath subset documented in docs/device.md:
 *
 *   name  a.b  @          a field, a path, the value itself
 *   [N]  [-N]             an array element (negative: from the end)
 *   [*]  []               projection: the rest of the query applies to each
 *                         element ([] also flattens nested arrays)
 *   [?key=='v']           filter (==, !=; 'string', `literal`, number,
 *                         true/false/null); the rest applies to each match
 *   {Name:path, ...}      multiselect hash: a new object
 *   length(@)             the length of an array, object or string
 */
#ifndef AZS_CLI_OUTPUT_H
#define AZS_CLI_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include <json-c/json.h>

/* The format's name is one of these (then 0), else -1. */
int azs_out_format_valid(const char *format);

/*
 * Evaluate QUERY on V: a new reference (NULL is JSON null) in *OUT and 0; or
 * -1 with the reason in WHY.
 */
int azs_query(json_object *v, const char *query, json_object **out, char *why, size_t size);

/* Print V to F in FORMAT (already valid). */
void azs_out_print(FILE *f, json_object *v, const char *format);

#endif /* AZS_CLI_OUTPUT_H */
