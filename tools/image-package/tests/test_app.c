// SPDX-License-Identifier: MIT
/* The app packed by the image package tests: a small static program. */
#include <stdio.h>

int main(void)
{
	puts("package-test-app: hello from the package");
	return 0;
}
