// SPDX-License-Identifier: GPL-2.0-only
/*
 * epapr-fdt: advertise papr-kvm's ePAPR hypercalls in the /hypervisor node
 * of a guest's flattened device tree.
 *
 *   epapr-fdt [--no-reset] [--no-shutdown] IN.dtb OUT.dtb
 *
 * Exit status: 0 done, 1 bad input or failed write (OUT untouched),
 * 2 bad usage.
 */
#include <getopt.h>
#include <stdio.h>

#include "epapr_fdt.h"

static int bad_usage(void)
{
	fputs("usage: epapr-fdt [--no-reset] [--no-shutdown] IN.dtb OUT.dtb\n",
	      stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "no-reset", no_argument, NULL, 'r' },
		{ "no-shutdown", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct epapr_fdt_opts opts = { .has_reset = true, .has_shutdown = true };
	char err[512];
	int c;

	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			opts.has_reset = false;
			break;
		case 's':
			opts.has_shutdown = false;
			break;
		default:
			return bad_usage();
		}
	}
	if (argc - optind != 2)
		return bad_usage();
	if (epapr_fdt_update_file(argv[optind], argv[optind + 1], &opts, err,
				  sizeof(err)) < 0) {
		fprintf(stderr, "epapr-fdt: %s\n", err);
		return 1;
	}
	return 0;
}
