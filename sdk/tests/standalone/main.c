// SPDX-License-Identifier: MIT
/*
 * The standalone test app: prints its board's ids (from the generated
 * hardware-definition header) and the resource file packed with it.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <applibs/log.h>
#include <applibs/storage.h>

#include <hw/my_board.h>

int main(void)
{
	char buf[128];
	ssize_t n;
	int fd;

	Log_Debug("status LED %d, button %d\n", MY_BOARD_STATUS_LED, MY_BOARD_BUTTON);
	fd = Storage_OpenFileInImagePackage("data/greeting.txt");
	if (fd < 0) {
		Log_Debug("ERROR: data/greeting.txt: %s (%d)\n", strerror(errno), errno);
		return 1;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 1;
	buf[n] = '\0';
	Log_Debug("resource: %s", buf);
	return 0;
}
