/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * epapr_fdt: advertises papr-kvm's ePAPR hypercalls in a guest's
 * flattened device tree, for a VMM. See Documentation/tools.rst.
 */
#ifndef EPAPR_FDT_H
#define EPAPR_FDT_H

#include <stdbool.h>
#include <stddef.h>

struct epapr_fdt_opts {
	bool has_reset;		/* "kvm,has-reset": KVM_HC_VM_RESET */
	bool has_shutdown;	/* "kvm,has-shutdown": KVM_HC_VM_SHUTDOWN */
};

/* Largest tree accepted; no guest's device tree comes near it. */
#define EPAPR_FDT_MAX_SIZE	(64u << 20)

/*
 * Checks the whole of @in (@in_size bytes) and returns a packed copy, in
 * *@out (malloc()ed, *@out_size bytes), whose /hypervisor node holds
 * "compatible", "hcall-instructions" and, as @opts says, "kvm,has-reset"
 * and "kvm,has-shutdown". The node is created when missing; its other
 * properties are kept. Returns 0, or a negative libfdt error
 * (-FDT_ERR_*, see fdt_strerror()) and leaves *@out alone.
 */
int epapr_fdt_update(const void *in, size_t in_size,
		     const struct epapr_fdt_opts *opts, void **out,
		     size_t *out_size);

/*
 * epapr_fdt_update() from file @in_path to file @out_path, which may be
 * the same. @out_path is replaced by rename(), so it either keeps its old
 * contents or holds the whole result. Returns 0, or -1 with a message
 * naming the file in @err (@err_len bytes).
 */
int epapr_fdt_update_file(const char *in_path, const char *out_path,
			  const struct epapr_fdt_opts *opts, char *err,
			  size_t err_len);

#endif
