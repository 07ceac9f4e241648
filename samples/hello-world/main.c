// SPDX-License-Identifier: MIT
/*
 * The smallest sample app: says hello and reports what device it runs on.
 * It needs no peripheral and no applibs call.
 */
#include <stdio.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;

	if (uname(&u) != 0) {
		perror("uname");
		return 1;
	}
	printf("Hello from an Azure Sphere app on %s (%s kernel %s)\n", u.nodename, u.machine,
	       u.release);
	for (int i = 1; i <= 3; i++)
		printf("tick %d\n", i);
	return 0;
}
