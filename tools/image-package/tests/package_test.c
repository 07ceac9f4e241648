// SPDX-License-Identifier: MIT
/*
 * Signed image packages (containerd-lite/package, tools/image-package): a
 * sample app directory made here (the static test app and a manifest using a
 * hardware definition name) is packed with keys from scripts/gen-keys, then
 * verified with the right keys and roles, and refused after a bit flip in
 * every region, truncation, trailing bytes, a wrong magic or version,
 * non-zero reserved bytes, broken offsets, a foreign component id, an
 * unknown signer or a role not allowed. Packing is reproducible; the sealed
 * memfd of azs_package_open_sealed can't be written and holds the file's bytes.
 * The verifier's OpenSSL reads no openssl.cnf after azs_package_crypto_init(),
 * and the keys it decodes once follow the trusted keys' public points exactly.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/ec.h>
#include <openssl/evp.h>

#include "kselftest_harness.h"

#include "deployment.h"
#include "manifest.h"
#include "pack.h"
#include "package.h"
#include "package_crypto.h"

#define COMPONENT_ID "0b5a0c9e-1b1f-4f5e-9d3a-7c1e2f3a4b5c"
#define MANIFEST                                                                                   \
	"{\"SchemaVersion\": 1, \"Name\": \"PackageTest\", \"ComponentId\": \"" COMPONENT_ID       \
	"\", \"EntryPoint\": \"/bin/app\", \"CmdArgs\": [\"--x\"], \"Capabilities\": "             \
	"{\"Gpio\": [\"$MT3620_RDB_LED1_RED\", 9]}, \"ApplicationType\": \"Default\"}"

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int ok = fd >= 0 && write(fd, buf, len) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static uint8_t *read_all(const char *path, size_t *len)
{
	struct stat st;
	uint8_t *buf;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &st)) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf && read(fd, buf, (size_t)st.st_size) != st.st_size) {
		free(buf);
		buf = NULL;
	}
	close(fd);
	*len = (size_t)st.st_size;
	return buf;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	size_t len;
	uint8_t *buf = read_all(from, &len);
	int ret = buf ? write_file(to, buf, len, mode) : -1;

	free(buf);
	return ret;
}

FIXTURE(pkg)
{
	char dir[64];
	char keys[128], input[128], out[128];
	uint8_t *buf;
	size_t len;
	struct azs_trusted_key tk[2]; /* [0] production, [1] sdk */
	size_t n_tk;
};

static int pack(struct __test_metadata *_metadata, FIXTURE_DATA(pkg) * self, const char *role,
		const char *dest)
{
	struct ip_pack_args a = {
		.input = self->input,
		.destination = dest,
		.keys = self->keys,
		.key_role = role,
		.target = "mt3620_rdb.json",
		.hwdirs = {AZS_HWDEF_DIR},
		.n_hwdirs = 1,
	};

	(void)_metadata;
	return ip_pack(&a);
}

FIXTURE_SETUP(pkg)
{
	char path[256], cmd[512];
	struct azs_error err;

	strcpy(self->dir, "/tmp/azs-package-test.XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	snprintf(self->keys, sizeof(self->keys), "%s/keys", self->dir);
	snprintf(self->input, sizeof(self->input), "%s/app", self->dir);
	snprintf(self->out, sizeof(self->out), "%s/app.imagepackage", self->dir);
	snprintf(cmd, sizeof(cmd), "%s %s %s/rot_keys.h 2>/dev/null", AZS_GEN_KEYS, self->keys,
		 self->dir);
	ASSERT_EQ(0, system(cmd));
	snprintf(path, sizeof(path), "%s/bin", self->input);
	ASSERT_EQ(0, mkdir(self->input, 0755));
	ASSERT_EQ(0, mkdir(path, 0755));
	snprintf(path, sizeof(path), "%s/bin/app", self->input);
	ASSERT_EQ(0, copy_file(AZS_TEST_APP, path, 0755));
	snprintf(path, sizeof(path), "%s/app_manifest.json", self->input);
	ASSERT_EQ(0, write_file(path, MANIFEST, strlen(MANIFEST), 0644));
	ASSERT_EQ(0, pack(_metadata, self, "sdk", self->out));
	self->buf = read_all(self->out, &self->len);
	ASSERT_NE(NULL, self->buf);
	ASSERT_EQ(0, azs_package_load_trusted_dir(self->keys, self->tk, &self->n_tk, &err));
	ASSERT_EQ(2, self->n_tk);
}

FIXTURE_TEARDOWN(pkg)
{
	free(self->buf);
	nftw(self->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#define SDK  AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_SDK)
#define PROD AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION)

static int verify(FIXTURE_DATA(pkg) * self, const uint8_t *buf, size_t len, unsigned int roles,
		  struct azs_error *err)
{
	struct azs_package_info info;

	return azs_package_verify(buf, len, self->tk, self->n_tk, roles, &info, err);
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

TEST_F(pkg, verifies_with_the_sdk_key_when_sdk_is_allowed)
{
	struct azs_package_info info;
	struct azs_error err;

	ASSERT_EQ(0, azs_package_verify(self->buf, self->len, self->tk, self->n_tk, SDK | PROD,
					&info, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_TRUE(info.verified);
	EXPECT_STREQ(COMPONENT_ID, info.component_id.str);
	EXPECT_STREQ("PackageTest", info.name);
	EXPECT_EQ(AZS_PKG_ROLE_SDK, info.signer_role);
	EXPECT_EQ(AZS_PKG_IMAGE_TYPE_APPLICATION, info.image_type);
	EXPECT_EQ(0, memcmp(info.signer_key_id, self->tk[1].id, 8));
	EXPECT_EQ(0, info.payload_offset % AZS_PKG_ALIGN);
	EXPECT_EQ(0, memcmp(self->buf + info.payload_offset, "hsqs", 4));
	EXPECT_EQ(self->len, info.total_size);
	EXPECT_EQ(0, verify(self, self->buf, self->len, SDK, &err));
}

TEST_F(pkg, packed_manifest_has_its_names_resolved)
{
	struct azs_package_info info;
	struct azs_error err;
	const char *m;

	ASSERT_EQ(0, azs_package_parse(self->buf, self->len, &info, &err));
	m = (const char *)self->buf + info.manifest_offset;
	EXPECT_EQ(NULL, memmem(m, info.manifest_size, "$", 1));
	EXPECT_NE(NULL, memmem(m, info.manifest_size, "8", 1));
}

TEST_F(pkg, sdk_package_refused_when_only_production_is_allowed)
{
	struct azs_error err;

	EXPECT_EQ(-EPERM, verify(self, self->buf, self->len, PROD, &err));
	EXPECT_STREQ("metadata.signer_role", err.field);
	EXPECT_NE(NULL, strstr(err.reason, "sdk-signed packages are not allowed"));
}

TEST_F(pkg, production_signed_package_verifies_as_production)
{
	struct azs_error err;
	char path[256];
	uint8_t *buf;
	size_t len;

	snprintf(path, sizeof(path), "%s/prod.imagepackage", self->dir);
	ASSERT_EQ(0, pack(_metadata, self, "production", path));
	buf = read_all(path, &len);
	ASSERT_NE(NULL, buf);
	EXPECT_EQ(0, verify(self, buf, len, PROD, &err));
	EXPECT_EQ(-EPERM, verify(self, buf, len, SDK, &err));
	free(buf);
}

TEST_F(pkg, unknown_signer_is_refused)
{
	struct azs_package_info info;
	struct azs_error err;

	/* Only the production key is trusted. */
	EXPECT_EQ(-ENOKEY,
		  azs_package_verify(self->buf, self->len, self->tk, 1, SDK | PROD, &info, &err));
	EXPECT_STREQ("metadata.signer_key_id", err.field);
	EXPECT_EQ(-ENOKEY, azs_package_verify(self->buf, self->len, NULL, 0, SDK, &info, &err));
}

TEST_F(pkg, signer_role_must_match_the_trusted_keys_role)
{
	struct azs_trusted_key k = self->tk[1];
	struct azs_package_info info;
	struct azs_error err;

	k.role = AZS_PKG_ROLE_PRODUCTION; /* the package says sdk */
	EXPECT_EQ(-EINVAL,
		  azs_package_verify(self->buf, self->len, &k, 1, SDK | PROD, &info, &err));
	EXPECT_STREQ("metadata.signer_role", err.field);
}

/* The manifest a verification parsed is handed over on success only. */
TEST_F(pkg, verify_kept_hands_over_the_manifest)
{
	struct azs_manifest m = {0};
	struct azs_package_info info;
	struct azs_error err;
	uint8_t *copy;

	ASSERT_EQ(0, azs_package_verify_kept(self->buf, self->len, self->tk, self->n_tk, SDK, &info,
					     &m, &err));
	EXPECT_TRUE(info.verified);
	EXPECT_STREQ(COMPONENT_ID, m.component_id.str);
	EXPECT_STREQ("PackageTest", m.name);
	EXPECT_STREQ("/bin/app", m.entry_point);
	azs_manifest_free(&m);
	/* Refused by role, then by signature: nothing handed over. */
	EXPECT_EQ(-EPERM, azs_package_verify_kept(self->buf, self->len, self->tk, self->n_tk, PROD,
						  &info, &m, &err));
	EXPECT_EQ(NULL, m.name);
	copy = malloc(self->len);
	ASSERT_NE(NULL, copy);
	memcpy(copy, self->buf, self->len);
	copy[self->len - 1] ^= 1;
	EXPECT_EQ(-EBADMSG, azs_package_verify_kept(copy, self->len, self->tk, self->n_tk, SDK,
						    &info, &m, &err));
	EXPECT_EQ(NULL, m.name);
	EXPECT_EQ(NULL, m.entry_point);
	free(copy);
}

/* A flip of BIT in byte OFF must be refused, by the structure or the signature. */
static int flip_refused(FIXTURE_DATA(pkg) * self, uint8_t *copy, size_t off, int bit)
{
	struct azs_error err;
	int ret;

	copy[off] ^= (uint8_t)(1u << bit);
	ret = verify(self, copy, self->len, SDK | PROD, &err);
	copy[off] ^= (uint8_t)(1u << bit);
	return ret != 0;
}

/* Thousands of full verifications: minutes on a loaded 2-core machine. */
TEST_F_TIMEOUT(pkg, bit_flip_in_every_region_is_refused, 300)
{
	struct azs_package_info info;
	struct azs_error err;
	uint8_t *copy = malloc(self->len);
	size_t step, refused = 0, tried = 0;

	ASSERT_NE(NULL, copy);
	memcpy(copy, self->buf, self->len);
	ASSERT_EQ(0, azs_package_parse(self->buf, self->len, &info, &err));
	/* Header, metadata, manifest, padding: every byte, every bit. */
	for (size_t off = 0; off < info.payload_offset; off++)
		for (int bit = 0; bit < 8; bit++, tried++)
			refused += flip_refused(self, copy, off, bit);
	/* Payload (the file system): every 61st byte and its last one. */
	for (size_t off = info.payload_offset; off < info.signature_offset; off += 61, tried++)
		refused += flip_refused(self, copy, off, (int)(off % 8));
	tried++;
	refused += flip_refused(self, copy, info.signature_offset - 1, 0);
	/* Signature: every bit. */
	step = 1;
	for (size_t off = info.signature_offset; off < self->len; off += step)
		for (int bit = 0; bit < 8; bit++, tried++)
			refused += flip_refused(self, copy, off, bit);
	EXPECT_EQ(tried, refused);
	EXPECT_EQ(0, memcmp(copy, self->buf, self->len));
	free(copy);
}

TEST_F(pkg, truncated_package_is_refused)
{
	static const size_t cut[] = {1, 63, 64, 4096};
	struct azs_error err;

	for (size_t i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		EXPECT_EQ(-EINVAL, verify(self, self->buf, self->len - cut[i], SDK, &err));
		EXPECT_NE(NULL, strstr(err.reason, "truncated"))
		TH_LOG("cut %zu: %s: %s", cut[i], err.field, err.reason);
	}
	EXPECT_EQ(-EINVAL, verify(self, self->buf, 10, SDK, &err));
	EXPECT_STREQ("header", err.field);
	EXPECT_EQ(-EINVAL, verify(self, self->buf, 0, SDK, &err));
}

TEST_F(pkg, trailing_bytes_are_refused)
{
	struct azs_error err;
	uint8_t *copy = calloc(1, self->len + 16);

	ASSERT_NE(NULL, copy);
	memcpy(copy, self->buf, self->len);
	EXPECT_EQ(-EINVAL, verify(self, copy, self->len + 1, SDK, &err));
	EXPECT_STREQ("trailer", err.field);
	EXPECT_EQ(-EINVAL, verify(self, copy, self->len + 16, SDK, &err));
	free(copy);
}

TEST_F(pkg, oversized_package_is_refused)
{
	struct azs_error err;
	uint8_t *big = calloc(1, AZS_PKG_MAX_SIZE + 1);

	ASSERT_NE(NULL, big);
	memcpy(big, self->buf, self->len);
	EXPECT_EQ(-EFBIG, verify(self, big, AZS_PKG_MAX_SIZE + 1, SDK, &err));
	put32(big + 16, AZS_PKG_MAX_SIZE + 4096); /* header.total_size */
	EXPECT_EQ(-EFBIG, verify(self, big, self->len, SDK, &err));
	EXPECT_STREQ("header.total_size", err.field);
	free(big);
}

/* Change the copy with EDIT and expect a refusal naming FIELD. */
#define EXPECT_REFUSED(want, edit)                                                                 \
	do {                                                                                       \
		uint8_t *c = malloc(self->len);                                                    \
		struct azs_error e;                                                                \
		ASSERT_NE(NULL, c);                                                                \
		memcpy(c, self->buf, self->len);                                                   \
		edit;                                                                              \
		EXPECT_NE(0, verify(self, c, self->len, SDK | PROD, &e));                          \
		EXPECT_STREQ(want, e.field) TH_LOG("%s: %s", e.field, e.reason);                   \
		free(c);                                                                           \
	} while (0)

TEST_F(pkg, header_fields_are_checked)
{
	struct azs_package_info i;
	struct azs_error err;

	ASSERT_EQ(0, azs_package_parse(self->buf, self->len, &i, &err));
	EXPECT_REFUSED("header.magic", c[0] = 'X');
	EXPECT_REFUSED("header.version", c[8] = 2);
	EXPECT_REFUSED("header.header_size", c[10] = 65);
	EXPECT_REFUSED("header.flags", c[12] = 1);
	EXPECT_REFUSED("header.reserved", c[63] = 1);
	/* Out of range, overlapping, misplaced parts. */
	EXPECT_REFUSED("header.payload_offset", put32(c + 40, i.payload_size + 4096));
	EXPECT_REFUSED("header.manifest_offset", put32(c + 28, 100));
	EXPECT_REFUSED("header.payload_offset", put32(c + 36, 128));
	EXPECT_REFUSED("header.signature_offset", put32(c + 44, i.signature_offset - 32));
	EXPECT_REFUSED("header.signature_offset", put32(c + 48, 32));
	EXPECT_REFUSED("header.metadata_offset", put32(c + 24, 96));
	EXPECT_REFUSED("header.manifest_size", put32(c + 32, 0));
	EXPECT_REFUSED("padding", c[i.manifest_offset + i.manifest_size] = ' ');
}

TEST_F(pkg, metadata_fields_are_checked)
{
	EXPECT_REFUSED("metadata.component_id", c[64] ^= 1);
	EXPECT_REFUSED("metadata.image_type", c[64 + 32] = 7);
	EXPECT_REFUSED("metadata.signer_role", c[64 + 34] = 9);
	EXPECT_REFUSED("metadata.flags", c[64 + 36] = 1);
	EXPECT_REFUSED("metadata.name", c[64 + 48] = 'Q');
	EXPECT_REFUSED("metadata.name", c[64 + 79] = 'Q');
	EXPECT_REFUSED("metadata.reserved", c[64 + 127] = 1);
	/* The image id and key id are free-form: the signature catches them. */
	EXPECT_REFUSED("signature", c[64 + 16] ^= 1);
	EXPECT_REFUSED("metadata.signer_key_id", c[64 + 40] ^= 1);
}

TEST_F(pkg, manifest_and_payload_are_checked)
{
	struct azs_package_info i;
	struct azs_error err;

	ASSERT_EQ(0, azs_package_parse(self->buf, self->len, &i, &err));
	EXPECT_REFUSED("manifest", c[i.manifest_offset] = '[');
	EXPECT_REFUSED("payload", c[i.payload_offset] = 'x');
	EXPECT_REFUSED("signature", c[i.payload_offset + 200] ^= 0x10);
}

TEST_F(pkg, packing_is_reproducible)
{
	struct azs_package_info a, b;
	struct azs_error err;
	char path[256];
	uint8_t *buf;
	size_t len;

	snprintf(path, sizeof(path), "%s/again.imagepackage", self->dir);
	ASSERT_EQ(0, pack(_metadata, self, "sdk", path));
	buf = read_all(path, &len);
	ASSERT_NE(NULL, buf);
	ASSERT_EQ(0, azs_package_parse(self->buf, self->len, &a, &err));
	ASSERT_EQ(0, azs_package_parse(buf, len, &b, &err));
	ASSERT_EQ(a.payload_size, b.payload_size);
	EXPECT_EQ(0, memcmp(self->buf + a.payload_offset, buf + b.payload_offset, a.payload_size));
	EXPECT_EQ(a.manifest_size, b.manifest_size);
	EXPECT_EQ(0, memcmp(self->buf, buf, a.signature_offset) == 0); /* image ids differ */
	EXPECT_NE(0, memcmp(a.image_id.bytes, b.image_id.bytes, 16));
	free(buf);
}

TEST_F(pkg, sealed_memfd_holds_the_file_and_refuses_writes)
{
	struct azs_package_info info;
	struct azs_error err;
	uint8_t *copy = malloc(self->len);
	int mfd = -1;

	ASSERT_NE(NULL, copy);
	ASSERT_EQ(0,
		  azs_package_open_sealed(self->out, self->tk, self->n_tk, SDK, &info, &mfd, &err))
	TH_LOG("%s: %s", err.field, err.reason);
	EXPECT_TRUE(info.verified);
	ASSERT_EQ((ssize_t)self->len, pread(mfd, copy, self->len, 0));
	EXPECT_EQ(0, memcmp(copy, self->buf, self->len));
	EXPECT_EQ(-1, pwrite(mfd, "x", 1, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, ftruncate(mfd, 0));
	EXPECT_EQ(EPERM, errno);
	EXPECT_EQ(-1, fcntl(mfd, F_ADD_SEALS, 0));
	EXPECT_EQ(EPERM, errno);
	/* Changing the file afterwards changes nothing in the memfd. */
	ASSERT_EQ(0, write_file(self->out, "garbage", 7, 0644));
	ASSERT_EQ((ssize_t)self->len, pread(mfd, copy, self->len, 0));
	EXPECT_EQ(0, memcmp(copy, self->buf, self->len));
	close(mfd);
	free(copy);
}

TEST_F(pkg, open_sealed_refuses_a_bad_file)
{
	struct azs_package_info info;
	struct azs_error err;
	int mfd = 5;

	self->buf[self->len - 1] ^= 1;
	ASSERT_EQ(0, write_file(self->out, self->buf, self->len, 0644));
	EXPECT_EQ(-EBADMSG,
		  azs_package_open_sealed(self->out, self->tk, self->n_tk, SDK, &info, &mfd, &err));
	EXPECT_EQ(-1, mfd);
	EXPECT_EQ(-ENOENT, azs_package_open_sealed("/nonexistent", self->tk, self->n_tk, SDK, &info,
						   &mfd, &err));
	EXPECT_EQ(-EINVAL,
		  azs_package_open_sealed(self->dir, self->tk, self->n_tk, SDK, &info, &mfd, &err));
}

/* The two steps: the memfd read is sealed, verifies as open_sealed's does; an unsealed one is refused. */
TEST_F(pkg, read_then_verify_sealed)
{
	struct azs_package_info info;
	struct azs_error err;
	size_t size = 1;
	int mfd = 5, plain;

	ASSERT_EQ(0, write_file(self->out, self->buf, self->len, 0644));
	ASSERT_EQ(0, azs_package_read_sealed(self->out, &mfd, &size, &err));
	ASSERT_LE(0, mfd);
	EXPECT_EQ(self->len, size);
	EXPECT_EQ(0, azs_package_verify_sealed(mfd, size, self->tk, self->n_tk, SDK, &info, &err));
	EXPECT_TRUE(info.verified);
	EXPECT_EQ(self->len, info.total_size);
	EXPECT_EQ(-EPERM, azs_package_verify_sealed(mfd, size, self->tk, self->n_tk,
						    AZS_PKG_ROLE_BIT(AZS_PKG_ROLE_PRODUCTION),
						    &info, &err));
	EXPECT_FALSE(info.verified);
	close(mfd);
	/* The same bytes in a memfd anyone may still write: refused, not verified. */
	plain = memfd_create("unsealed", MFD_CLOEXEC);
	ASSERT_LE(0, plain);
	ASSERT_EQ((ssize_t)self->len, write(plain, self->buf, self->len));
	EXPECT_EQ(-EPERM, azs_package_verify_sealed(plain, self->len, self->tk, self->n_tk, SDK,
						    &info, &err));
	EXPECT_STREQ("memfd", err.field);
	EXPECT_FALSE(info.verified);
	close(plain);
	EXPECT_EQ(-ENOENT, azs_package_read_sealed("/nonexistent", &mfd, &size, &err));
	EXPECT_EQ(-1, mfd);
}

/* ---- The verifier's OpenSSL: no configuration file, keys decoded once ---------------- */

/*
 * An OpenSSL configuration that activates the null provider alone: with it
 * loaded, no algorithm is left (the default provider is not activated).
 */
#define NULL_PROVIDER_CNF                                                                          \
	"openssl_conf = openssl_init\n[openssl_init]\nproviders = provider_sect\n"                 \
	"[provider_sect]\nnull = null_sect\n[null_sect]\nactivate = 1\n"

static void hostile_openssl_conf(struct __test_metadata *_metadata, char *path, size_t size)
{
	int fd;

	snprintf(path, size, "/tmp/azs-package-test-cnf.XXXXXX");
	fd = mkstemp(path);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(NULL_PROVIDER_CNF),
		  write(fd, NULL_PROVIDER_CNF, strlen(NULL_PROVIDER_CNF)));
	close(fd);
	ASSERT_EQ(0, setenv("OPENSSL_CONF", path, 1));
}

/* The control: a process that did not call azs_package_crypto_init() reads the file. */
TEST(openssl_conf_is_read_without_crypto_init)
{
	char cnf[64];
	EVP_PKEY *k;

	hostile_openssl_conf(_metadata, cnf, sizeof(cnf));
	k = EVP_EC_gen("P-256");
	unlink(cnf);
	EXPECT_EQ(NULL, k);
	EVP_PKEY_free(k);
}

TEST(crypto_init_reads_no_openssl_conf)
{
	static const uint8_t msg[] = "the bytes a package signs";
	uint8_t sig[AZS_PKG_SIG_SIZE], bad[sizeof(msg)];
	struct azs_trusted_key tk = {.role = AZS_PKG_ROLE_SDK};
	struct azs_error err;
	char cnf[64];
	EVP_PKEY *k;

	hostile_openssl_conf(_metadata, cnf, sizeof(cnf));
	ASSERT_EQ(0, azs_package_crypto_init());
	k = EVP_EC_gen("P-256");
	unlink(cnf);
	ASSERT_NE(NULL, k);
	ASSERT_EQ(0, azs_package_key_id(k, tk.id, tk.pub, &err));
	ASSERT_EQ(0, azs_p256_sign(k, msg, sizeof(msg), sig, &err));
	EXPECT_EQ(0, azs_p256_verify(&tk, msg, sizeof(msg), sig, &err));
	memcpy(bad, msg, sizeof(msg));
	bad[0] ^= 1;
	EXPECT_EQ(-EBADMSG, azs_p256_verify(&tk, bad, sizeof(bad), sig, &err));
	EVP_PKEY_free(k);
}

/*
 * The verifier initialises OpenSSL itself, without a configuration file:
 * a process whose first use of OpenSSL is a verification (an idle daemon
 * does not initialise OpenSSL at its start) verifies under a hostile
 * $OPENSSL_CONF. The key and signature are constants: making them here
 * would be an earlier use of OpenSSL.
 */
TEST(verification_first_reads_no_openssl_conf)
{
	static const uint8_t msg[] = "the bytes a package signs";
	static const uint8_t pub[AZS_PKG_PUBKEY_SIZE] = {
		0x04, 0xe2, 0x33, 0x66, 0xb1, 0x57, 0x66, 0xed, 0x33, 0x35, 0xab,
		0x5b, 0xea, 0x2b, 0x22, 0x2d, 0x8d, 0xf2, 0x2b, 0x61, 0x26, 0x75,
		0x5c, 0x36, 0x55, 0x96, 0x08, 0x8e, 0xeb, 0xd0, 0x0c, 0xfb, 0xe0,
		0x4e, 0x14, 0x30, 0x2b, 0xfe, 0x9f, 0x95, 0x7e, 0xf4, 0x7a, 0xf5,
		0x61, 0xc5, 0x08, 0x9f, 0xca, 0x09, 0x4e, 0x6f, 0x98, 0x84, 0x1b,
		0x8a, 0x0d, 0x47, 0xdb, 0x3c, 0xdd, 0x4f, 0xbb, 0xb6, 0x85,
	};
	static const uint8_t sig[AZS_PKG_SIG_SIZE] = {
		0xbc, 0x56, 0x8d, 0xbf, 0xed, 0xc9, 0x47, 0xc7, 0x8b, 0x05, 0x69,
		0x59, 0xaf, 0x5b, 0x88, 0xb0, 0x36, 0xe9, 0x9e, 0x03, 0xbf, 0x1a,
		0x1d, 0x19, 0xd6, 0x86, 0x6e, 0xd3, 0x74, 0x4d, 0x64, 0x4d, 0xc5,
		0x4f, 0xba, 0x25, 0xe4, 0x7a, 0x95, 0x4a, 0xdb, 0x3c, 0xe1, 0xa8,
		0xc8, 0x14, 0x80, 0x90, 0xb6, 0xca, 0x5e, 0xe1, 0xc8, 0x52, 0x97,
		0x72, 0xb8, 0xb9, 0xb1, 0xda, 0x46, 0xd8, 0xca, 0x5b,
	};
	struct azs_trusted_key tk = {.role = AZS_PKG_ROLE_SDK};
	uint8_t bad[sizeof(msg)];
	struct azs_error err;
	char cnf[64];

	memcpy(tk.pub, pub, sizeof(pub));
	hostile_openssl_conf(_metadata, cnf, sizeof(cnf));
	EXPECT_EQ(0, azs_p256_verify(&tk, msg, sizeof(msg), sig, &err));
	unlink(cnf);
	memcpy(bad, msg, sizeof(msg));
	bad[0] ^= 1;
	EXPECT_EQ(-EBADMSG, azs_p256_verify(&tk, bad, sizeof(bad), sig, &err));
}

/*
 * The verifier keeps decoded keys (package_verify.c) by their whole public
 * point: a key swapped in under a trusted key's id and role never verifies
 * with the decoding of the old one, and more keys than it keeps all verify
 * their own signatures, and only those, in any order and again.
 */
#define CACHE_KEYS 7 /* more than KEY_CACHE_SIZE */

TEST(decoded_keys_follow_the_trusted_keys_exactly)
{
	static const uint8_t msg[] = "a message";
	struct azs_trusted_key tk[CACHE_KEYS], swapped;
	uint8_t sig[CACHE_KEYS][AZS_PKG_SIG_SIZE];
	struct azs_error err;

	for (int i = 0; i < CACHE_KEYS; i++) {
		EVP_PKEY *k = EVP_EC_gen("P-256");

		ASSERT_NE(NULL, k);
		tk[i].role = AZS_PKG_ROLE_SDK;
		ASSERT_EQ(0, azs_package_key_id(k, tk[i].id, tk[i].pub, &err));
		ASSERT_EQ(0, azs_p256_sign(k, msg, sizeof(msg), sig[i], &err));
		EVP_PKEY_free(k);
	}
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < CACHE_KEYS; i++) {
			for (int j = 0; j < CACHE_KEYS; j++) {
				int want = i == j ? 0 : -EBADMSG;

				EXPECT_EQ(want,
					  azs_p256_verify(&tk[i], msg, sizeof(msg), sig[j], &err))
				{
					TH_LOG("pass %d: key %d, signature %d", pass, i, j);
				}
			}
		}
	}
	/* Key 0's id and role, key 1's point: only key 1's signature verifies. */
	swapped = tk[0];
	memcpy(swapped.pub, tk[1].pub, sizeof(swapped.pub));
	EXPECT_EQ(0, azs_p256_verify(&tk[0], msg, sizeof(msg), sig[0], &err));
	EXPECT_EQ(-EBADMSG, azs_p256_verify(&swapped, msg, sizeof(msg), sig[0], &err));
	EXPECT_EQ(0, azs_p256_verify(&swapped, msg, sizeof(msg), sig[1], &err));
	/* A point not on the curve: refused, and nothing kept of it. */
	swapped.pub[64] ^= 1;
	EXPECT_EQ(-EINVAL, azs_p256_verify(&swapped, msg, sizeof(msg), sig[1], &err));
	EXPECT_STREQ("trusted key", err.field);
	EXPECT_EQ(-EINVAL, azs_p256_verify(&swapped, msg, sizeof(msg), sig[1], &err));
}

TEST_HARNESS_MAIN
