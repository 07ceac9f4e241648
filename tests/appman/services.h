// SPDX-License-Identifier: MIT
/* The test app's runtime-services mode (services.c). */
#ifndef AZS_TEST_SERVICES_H
#define AZS_TEST_SERVICES_H

int services_main(int argc, char **argv);
/* The errno conformance tables of networking.h and wificonfig.h (errnos.c). */
int errnos_main(int argc, char **argv);

#endif
