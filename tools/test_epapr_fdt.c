// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of epapr_fdt and the epapr-fdt command on device trees made by
 * dtc and by QEMU, and on malformed ones made from them. One TAP line
 * "ok - fdt: <test>" or "not ok - fdt: <test>" per test.
 *
 *   test_epapr_fdt DIR     DIR holds epapr-fdt and testdata/<name>.dtb
 */
#include <dirent.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/papr_kvm.h>

#include "epapr_fdt.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct blob {
	void *data;
	size_t size;
};

static const char *dir;
static char work[4096];
static int failed;

static void diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static void result(int ok, const char *name)
{
	printf("%sok - fdt: %s\n", ok ? "" : "not ", name);
	if (!ok)
		failed++;
}

static struct blob load_file(const char *path)
{
	struct blob b = { NULL, 0 };
	FILE *f = fopen(path, "rb");
	long n;

	if (!f)
		return b;
	n = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	if (n > 0 && !fseek(f, 0, SEEK_SET)) {
		b.data = malloc(n);
		if (b.data && fread(b.data, 1, n, f) == (size_t)n)
			b.size = n;
	}
	fclose(f);
	return b;
}

static struct blob load(const char *name)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/testdata/%s", dir, name);
	return load_file(path);
}

static struct blob copy(struct blob b)
{
	struct blob c = { malloc(b.size), b.size };

	memcpy(c.data, b.data, b.size);
	return c;
}

static const struct epapr_fdt_opts all = { true, true };
static const struct epapr_fdt_opts none = { false, false };

static int prop_is(const void *fdt, int node, const char *name,
		   const void *want, int want_len)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (!p || len != want_len || memcmp(p, want, len)) {
		diag("/hypervisor %s: length %d, expected %d", name,
		     p ? len : -1, want_len);
		return 0;
	}
	return 1;
}

static int flag_is(const void *fdt, int node, const char *name, int want)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);

	if (want ? (p && !len) : !p)
		return 1;
	diag("/hypervisor %s: %s", name, p ? "present" : "absent");
	return 0;
}

/* The node the update is for, as @opts asks. */
static int hypervisor_ok(const void *fdt, const struct epapr_fdt_opts *opts)
{
	static const char compatible[] = "linux,kvm\0epapr,hypervisor-1.1";
	const fdt32_t insns[] = {
		cpu_to_fdt32(KVM_EPAPR_HCALL_INSN0),
		cpu_to_fdt32(KVM_EPAPR_HCALL_INSN1),
		cpu_to_fdt32(KVM_EPAPR_HCALL_INSN2),
		cpu_to_fdt32(KVM_EPAPR_HCALL_INSN3),
	};
	int node = fdt_path_offset(fdt, "/hypervisor");

	if (node < 0) {
		diag("no /hypervisor: %s", fdt_strerror(node));
		return 0;
	}
	return prop_is(fdt, node, "compatible", compatible,
		       sizeof(compatible)) &
	       prop_is(fdt, node, "hcall-instructions", insns, sizeof(insns)) &
	       flag_is(fdt, node, "kvm,has-reset", opts->has_reset) &
	       flag_is(fdt, node, "kvm,has-shutdown", opts->has_shutdown);
}

static int is_ours(const char *path, const char *prop)
{
	static const char * const ours[] = {
		"compatible", "hcall-instructions", "kvm,has-reset",
		"kvm,has-shutdown",
	};
	size_t i;

	if (strcmp(path, "/hypervisor"))
		return 0;
	for (i = 0; i < ARRAY_SIZE(ours); i++)
		if (!strcmp(prop, ours[i]))
			return 1;
	return 0;
}

/* Every property of @in's node @node is in @out, unless it is ours. */
static int node_kept(const void *in, int node, const void *out)
{
	const char *name;
	const void *val, *oval;
	char path[512];
	int prop, len, olen, onode;

	if (fdt_get_path(in, node, path, sizeof(path)))
		return 0;
	onode = fdt_path_offset(out, path);
	if (onode < 0) {
		diag("%s lost", path);
		return 0;
	}
	fdt_for_each_property_offset(prop, in, node) {
		val = fdt_getprop_by_offset(in, prop, &name, &len);
		if (is_ours(path, name))
			continue;
		oval = fdt_getprop(out, onode, name, &olen);
		if (!oval || olen != len || memcmp(oval, val, len)) {
			diag("%s %s changed", path, name);
			return 0;
		}
	}
	return 1;
}

/* The rest of the tree, and the memory reservations, are untouched. */
static int rest_kept(const void *in, const void *out)
{
	uint64_t a, s, oa, os;
	int node, i, ok = fdt_num_mem_rsv(in) == fdt_num_mem_rsv(out);

	for (i = 0; ok && i < fdt_num_mem_rsv(in); i++)
		ok = !fdt_get_mem_rsv(in, i, &a, &s) &&
		     !fdt_get_mem_rsv(out, i, &oa, &os) && a == oa && s == os;
	if (!ok)
		diag("memory reservations changed");
	for (node = 0; ok && node >= 0; node = fdt_next_node(in, node, NULL))
		ok = node_kept(in, node, out);
	return ok;
}

static int update_ok(struct blob in, const struct epapr_fdt_opts *opts,
		     struct blob *out)
{
	int r = epapr_fdt_update(in.data, in.size, opts, &out->data,
				 &out->size);

	if (r) {
		diag("epapr_fdt_update: %s", fdt_strerror(r));
		return 0;
	}
	r = fdt_check_full(out->data, out->size);
	if (r) {
		diag("output: %s", fdt_strerror(r));
		return 0;
	}
	return hypervisor_ok(out->data, opts) && rest_kept(in.data, out->data);
}

static void test_update(const char *name, const char *dtb,
			const struct epapr_fdt_opts *opts)
{
	struct blob in = load(dtb), out = { NULL, 0 };

	result(in.size && update_ok(in, opts, &out), name);
	free(in.data);
	free(out.data);
}

/* A second update changes nothing. */
static void test_idempotent(void)
{
	struct blob in = load("guest.dtb"), once = { 0 }, twice = { 0 };
	int ok = in.size && update_ok(in, &all, &once) &&
		 update_ok(once, &all, &twice) && once.size == twice.size &&
		 !memcmp(once.data, twice.data, once.size);

	result(ok, "a second update gives the same blob");
	free(in.data);
	free(once.data);
	free(twice.data);
}

static void test_qemu(void)
{
	const char *name = "QEMU pseries device tree (dumpdtb)";
	struct blob in = load("qemu-pseries.dtb"), out = { 0 };

	if (!in.size)
		printf("ok - fdt: %s # SKIP no qemu-system-ppc64\n", name);
	else
		result(update_ok(in, &all, &out), name);
	free(in.data);
	free(out.data);
}

/* Malformed blobs, made from a good one. */
typedef void (*corrupt_t)(struct blob *b);

static void hdr_set(struct blob *b, size_t off, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy((char *)b->data + off, &be, sizeof(be));
}

static void empty(struct blob *b)
{
	b->size = 0;
}

static void short_header(struct blob *b)
{
	b->size = 20;
}

static void bad_magic(struct blob *b)
{
	hdr_set(b, offsetof(struct fdt_header, magic), 0xedfe0dd0);
}

static void truncated(struct blob *b)
{
	b->size -= 16;
}

static void struct_beyond_end(struct blob *b)
{
	hdr_set(b, offsetof(struct fdt_header, off_dt_struct), b->size + 8);
}

static void strings_too_big(struct blob *b)
{
	hdr_set(b, offsetof(struct fdt_header, size_dt_strings), 0x7ffffff0);
}

static void bad_version(struct blob *b)
{
	hdr_set(b, offsetof(struct fdt_header, last_comp_version), 99);
}

/* The structure block's first property, after the root's FDT_BEGIN_NODE. */
static uint32_t *first_prop(struct blob *b)
{
	char *s = (char *)b->data + fdt_off_dt_struct(b->data);
	uint32_t *p = (uint32_t *)(s + 8);	/* tag + empty root name */

	return fdt32_to_cpu(*p) == FDT_PROP ? p : NULL;
}

static void bad_name_offset(struct blob *b)
{
	uint32_t *p = first_prop(b);

	if (p)
		p[2] = cpu_to_fdt32(0xfffffff0);	/* tag, len, nameoff */
}

static void bad_tag(struct blob *b)
{
	uint32_t *p = first_prop(b);

	if (p)
		*p = cpu_to_fdt32(0x12345678);
}

static void bad_prop_length(struct blob *b)
{
	uint32_t *p = first_prop(b);

	if (p)
		p[1] = cpu_to_fdt32(0x10000000);
}

static const struct {
	const char *name;
	corrupt_t corrupt;
} malformed[] = {
	{ "empty file", empty },
	{ "shorter than the header", short_header },
	{ "bad magic", bad_magic },
	{ "truncated blob", truncated },
	{ "structure block beyond the blob", struct_beyond_end },
	{ "strings block beyond the blob", strings_too_big },
	{ "unsupported version", bad_version },
	{ "property name outside the strings block", bad_name_offset },
	{ "unknown tag in the structure block", bad_tag },
	{ "property longer than the structure block", bad_prop_length },
};

static int write_blob(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, size, f) == size;

	return f && !fclose(f) && ok;
}

static int file_is(const char *path, const char *want)
{
	char buf[64] = "";
	FILE *f = fopen(path, "rb");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return f && !strcmp(buf, want);
}

/* Nothing but the named files in the work directory: no temporaries. */
static int only_files(int count)
{
	DIR *d = opendir(work);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	if (n != count)
		diag("%d files in %s, expected %d", n, work, count);
	return n == count;
}

static void path_in_work(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", work, name);
}

/* A malformed input fails, and the previous output stays as it was. */
static void test_malformed(struct blob good, size_t i)
{
	char in_path[4200], out_path[4200], err[512] = "", name[128];
	struct blob bad = copy(good);
	int ok;

	malformed[i].corrupt(&bad);
	path_in_work(in_path, sizeof(in_path), "in.dtb");
	path_in_work(out_path, sizeof(out_path), "out.dtb");
	ok = write_blob(in_path, bad.data, bad.size) &&
	     write_blob(out_path, "previous", 8) &&
	     epapr_fdt_update_file(in_path, out_path, &all, err,
				   sizeof(err)) == -1 &&
	     !strncmp(err, in_path, strlen(in_path)) &&
	     file_is(out_path, "previous") && only_files(2);
	diag("%s", err);
	snprintf(name, sizeof(name), "malformed: %s", malformed[i].name);
	result(ok, name);
	unlink(in_path);
	unlink(out_path);
	free(bad.data);
}

static void test_in_place(struct blob good)
{
	char path[4200], err[512] = "";
	struct blob out;
	struct stat st;
	int ok;

	path_in_work(path, sizeof(path), "guest.dtb");
	umask(022);
	ok = write_blob(path, good.data, good.size) &&
	     !epapr_fdt_update_file(path, path, &all, err, sizeof(err)) &&
	     !stat(path, &st) && (st.st_mode & 0777) == 0644 &&
	     only_files(1);
	if (ok) {
		out = load_file(path);
		ok = out.size && hypervisor_ok(out.data, &all);
		free(out.data);
	}
	if (err[0])
		diag("%s", err);
	result(ok, "in-place update, mode 0644 under umask 022");
	unlink(path);
}

static void test_missing_dir(struct blob good)
{
	char in_path[4200], out_path[4200], err[512] = "";
	int ok;

	path_in_work(in_path, sizeof(in_path), "in.dtb");
	path_in_work(out_path, sizeof(out_path), "nowhere/out.dtb");
	ok = write_blob(in_path, good.data, good.size) &&
	     epapr_fdt_update_file(in_path, out_path, &all, err,
				   sizeof(err)) == -1 && only_files(1);
	diag("%s", err);
	result(ok, "output directory missing: error, nothing written");
	unlink(in_path);
}

/* Runs epapr-fdt @args in the work directory; returns its exit status. */
static int run(const char *args)
{
	char cmd[8400];
	int status;

	snprintf(cmd, sizeof(cmd), "cd '%s' && '%s/epapr-fdt' %s 2>err.txt",
		 work, dir, args);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void test_command(struct blob good)
{
	struct blob bad = copy(good), out;
	char path[4200];
	int ok;

	path_in_work(path, sizeof(path), "in.dtb");
	ok = write_blob(path, good.data, good.size) &&
	     run("--no-reset --no-shutdown in.dtb out.dtb") == 0;
	path_in_work(path, sizeof(path), "out.dtb");
	out = load_file(path);
	ok = ok && out.size && hypervisor_ok(out.data, &none);
	result(ok, "command: --no-reset --no-shutdown");
	free(out.data);

	bad_magic(&bad);
	path_in_work(path, sizeof(path), "bad.dtb");
	ok = write_blob(path, bad.data, bad.size) &&
	     run("bad.dtb new.dtb") == 1;
	path_in_work(path, sizeof(path), "new.dtb");
	ok = ok && access(path, F_OK) < 0;
	result(ok, "command: malformed input exits 1, writes nothing");
	result(run("in.dtb") == 2 && run("--bogus a b") == 2,
	       "command: bad usage exits 2");
	free(bad.data);
}

/* DIR/work, which the Makefile empties before each run. */
static int make_work_dir(void)
{
	snprintf(work, sizeof(work), "%s/work", dir);
	return !mkdir(work, 0755) || !access(work, W_OK);
}

int main(int argc, char **argv)
{
	struct blob good;
	size_t i;

	if (argc != 2) {
		fputs("usage: test_epapr_fdt DIR\n", stderr);
		return 2;
	}
	dir = realpath(argv[1], NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	good = dir ? load("guest.dtb") : (struct blob){ NULL, 0 };
	if (!good.size || !make_work_dir()) {
		result(0, "test data in place");
		return 1;
	}
	test_update("dtc tree without /hypervisor: node added", "guest.dtb",
		    &all);
	test_update("dtc tree with a KVM PR /hypervisor: node updated",
		    "hypervisor.dtb", &all);
	test_update("reset and shutdown not offered: properties removed",
		    "hypervisor.dtb", &none);
	test_idempotent();
	test_qemu();
	for (i = 0; i < ARRAY_SIZE(malformed); i++)
		test_malformed(good, i);
	test_in_place(good);
	test_missing_dir(good);
	test_command(good);
	free(good.data);
	free((void *)dir);
	return failed ? 1 : 0;
}
