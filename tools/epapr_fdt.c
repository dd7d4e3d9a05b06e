// SPDX-License-Identifier: GPL-2.0-only
/*
 * epapr_fdt: adds or updates the /hypervisor node of a flattened device
 * tree, so that a guest finds papr-kvm's ePAPR hypercalls there: the
 * instruction sequence that makes them ("hcall-instructions", read by
 * Linux's epapr_paravirt.c) and which of KVM_HC_VM_RESET and
 * KVM_HC_VM_SHUTDOWN the VMM carries out.
 *
 * The input is checked whole with fdt_check_full() before anything reads
 * it, and the result is written to a temporary file in the destination's
 * directory and renamed over it: a malformed input or a failed write never
 * leaves a partial output.
 */
#include <errno.h>
#include <fcntl.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/papr_kvm.h>

#include "epapr_fdt.h"

/*
 * Room for what an update adds: the node (name and tags), four
 * properties (tags, lengths, name offsets, values) and their names in the
 * strings block. 1 KiB is several times the worst case.
 */
#define EPAPR_FDT_EXTRA		1024

/* "linux,kvm" is what Linux guests look for; the second is ePAPR's. */
static const char hv_compatible[] = "linux,kvm\0epapr,hypervisor-1.1";

static const uint32_t hcall_insns[KVM_EPAPR_HCALL_NR_INSNS] = {
	KVM_EPAPR_HCALL_INSN0,
	KVM_EPAPR_HCALL_INSN1,
	KVM_EPAPR_HCALL_INSN2,
	KVM_EPAPR_HCALL_INSN3,
};

/* One big-endian cell per instruction, as Linux's epapr_paravirt.c reads. */
static int set_hcall_insns(void *fdt, int node)
{
	fdt32_t cells[KVM_EPAPR_HCALL_NR_INSNS];
	int i;

	for (i = 0; i < KVM_EPAPR_HCALL_NR_INSNS; i++)
		cells[i] = cpu_to_fdt32(hcall_insns[i]);
	return fdt_setprop(fdt, node, "hcall-instructions", cells,
			   sizeof(cells));
}

/* Header, then every offset, size, node, property and string. */
static int check_input(const void *in, size_t in_size)
{
	if (in_size < sizeof(struct fdt_header))
		return -FDT_ERR_TRUNCATED;
	if (fdt_magic(in) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (fdt_totalsize(in) > in_size)
		return -FDT_ERR_TRUNCATED;
	return fdt_check_full(in, in_size);
}

/* An empty property, present or absent as @want says. */
static int set_flag(void *fdt, int node, const char *name, bool want)
{
	int r;

	if (want)
		return fdt_setprop_empty(fdt, node, name);
	r = fdt_delprop(fdt, node, name);
	return r == -FDT_ERR_NOTFOUND ? 0 : r;
}

static int update_node(void *fdt, const struct epapr_fdt_opts *opts)
{
	int node = fdt_path_offset(fdt, "/hypervisor");
	int r;

	if (node == -FDT_ERR_NOTFOUND)
		node = fdt_add_subnode(fdt, 0, "hypervisor");
	if (node < 0)
		return node;
	r = fdt_setprop(fdt, node, "compatible", hv_compatible,
			sizeof(hv_compatible));
	if (!r)
		r = set_hcall_insns(fdt, node);
	if (!r)
		r = set_flag(fdt, node, "kvm,has-reset", opts->has_reset);
	if (!r)
		r = set_flag(fdt, node, "kvm,has-shutdown", opts->has_shutdown);
	return r;
}

int epapr_fdt_update(const void *in, size_t in_size,
		     const struct epapr_fdt_opts *opts, void **out,
		     size_t *out_size)
{
	size_t size;
	void *fdt;
	int r;

	r = check_input(in, in_size);
	if (r)
		return r;
	size = fdt_totalsize(in) + EPAPR_FDT_EXTRA;
	if (size > EPAPR_FDT_MAX_SIZE)
		return -FDT_ERR_NOSPACE;
	fdt = malloc(size);
	if (!fdt)
		return -FDT_ERR_NOSPACE;
	r = fdt_open_into(in, fdt, size);
	if (!r)
		r = update_node(fdt, opts);
	if (!r)
		r = fdt_pack(fdt);
	if (r) {
		free(fdt);
		return r;
	}
	*out = fdt;
	*out_size = fdt_totalsize(fdt);
	return 0;
}

static void set_err(char *err, size_t err_len, const char *path,
		    const char *what)
{
	snprintf(err, err_len, "%s: %s", path, what);
}

/* The whole of @path, into a malloc()ed buffer. */
static int read_file(const char *path, void **buf, size_t *size, char *err,
		     size_t err_len)
{
	struct stat st;
	size_t done = 0;
	char *p = NULL;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail_errno;
	if (!S_ISREG(st.st_mode) || st.st_size > EPAPR_FDT_MAX_SIZE) {
		set_err(err, err_len, path, S_ISREG(st.st_mode) ?
			"too large for a device tree" : "not a regular file");
		goto fail;
	}
	p = malloc(st.st_size ? st.st_size : 1);
	if (!p)
		goto fail_errno;
	while (done < (size_t)st.st_size) {
		n = read(fd, p + done, st.st_size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail_errno;
		if (!n)
			break;
		done += n;
	}
	close(fd);
	*buf = p;
	*size = done;
	return 0;

fail_errno:
	set_err(err, err_len, path, strerror(errno));
fail:
	free(p);
	if (fd >= 0)
		close(fd);
	return -1;
}

static int write_all(int fd, const void *buf, size_t size)
{
	const char *p = buf;
	ssize_t n;

	while (size) {
		n = write(fd, p, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		size -= n;
	}
	return 0;
}

/* "dir/name" -> "dir/.name.XXXXXX", in the same directory for rename(). */
static char *temp_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t dir_len = base ? (size_t)(base - path + 1) : 0;
	char *tmp;

	base = base ? base + 1 : path;
	tmp = malloc(dir_len + strlen(base) + sizeof(".") + sizeof(".XXXXXX"));
	if (tmp)
		sprintf(tmp, "%.*s.%s.XXXXXX", (int)dir_len, path, base);
	return tmp;
}

/* mkstemp() creates the file 0600; give it what creat() would have. */
static int fix_mode(int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	return fchmod(fd, 0666 & ~mask);
}

static int write_file(const char *path, const void *buf, size_t size,
		      char *err, size_t err_len)
{
	char *tmp = temp_name(path);
	int fd = -1;

	if (!tmp)
		goto fail;
	fd = mkstemp(tmp);
	if (fd < 0)
		goto fail;
	if (fix_mode(fd) < 0 || write_all(fd, buf, size) < 0 ||
	    fsync(fd) < 0)
		goto fail_unlink;
	if (close(fd) < 0) {
		fd = -1;
		goto fail_unlink;
	}
	fd = -1;
	if (rename(tmp, path) < 0)
		goto fail_unlink;
	free(tmp);
	return 0;

fail_unlink:
	set_err(err, err_len, path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	free(tmp);
	return -1;
fail:
	set_err(err, err_len, path, strerror(errno));
	free(tmp);
	return -1;
}

static void set_fdt_err(char *err, size_t err_len, const char *path,
			const void *in, size_t in_size, int r)
{
	if (in_size < sizeof(struct fdt_header))
		snprintf(err, err_len,
			 "%s: truncated: %zu bytes, less than a device tree header",
			 path, in_size);
	else if (r == -FDT_ERR_TRUNCATED && fdt_magic(in) == FDT_MAGIC &&
		 fdt_totalsize(in) > in_size)
		snprintf(err, err_len,
			 "%s: truncated: the header says %u bytes, the file has %zu",
			 path, fdt_totalsize(in), in_size);
	else
		snprintf(err, err_len, "%s: not a valid device tree blob: %s",
			 path, fdt_strerror(r));
}

int epapr_fdt_update_file(const char *in_path, const char *out_path,
			  const struct epapr_fdt_opts *opts, char *err,
			  size_t err_len)
{
	void *in, *out = NULL;
	size_t in_size, out_size;
	int r;

	if (read_file(in_path, &in, &in_size, err, err_len) < 0)
		return -1;
	r = epapr_fdt_update(in, in_size, opts, &out, &out_size);
	if (r)
		set_fdt_err(err, err_len, in_path, in, in_size, r);
	else
		r = write_file(out_path, out, out_size, err, err_len);
	free(in);
	free(out);
	return r ? -1 : 0;
}
