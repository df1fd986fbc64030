#ifndef CAREERGINI_COPENSSL_SHIM_H
#define CAREERGINI_COPENSSL_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/err.h>
// RSA for JWT RS256 (OIDC ID tokens). OpenSSL 3 builds keys from OSSL_PARAMs and
// generates them through the variadic EVP_PKEY_Q_keygen (behind the EVP_RSA_gen
// macro): both are wrapped here so Swift only sees plain typed functions.
#include <limits.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

// An RSA public key from big-endian modulus and exponent bytes; NULL on failure.
static inline EVP_PKEY *cg_rsa_public_key_from_bytes(const unsigned char *n, size_t n_len, const unsigned char *e,
                                                     size_t e_len) {
    EVP_PKEY *pkey = NULL;
    BIGNUM *bn_n = NULL, *bn_e = NULL;
    OSSL_PARAM_BLD *bld = NULL;
    OSSL_PARAM *params = NULL;
    EVP_PKEY_CTX *ctx = NULL;
    if (n_len == 0 || e_len == 0 || n_len > INT_MAX || e_len > INT_MAX) return NULL;
    bn_n = BN_bin2bn(n, (int)n_len, NULL);
    bn_e = BN_bin2bn(e, (int)e_len, NULL);
    bld = OSSL_PARAM_BLD_new();
    if (bn_n == NULL || bn_e == NULL || bld == NULL) goto done;
    if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, bn_n)) goto done;
    if (!OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, bn_e)) goto done;
    params = OSSL_PARAM_BLD_to_param(bld);
    if (params == NULL) goto done;
    ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL || EVP_PKEY_fromdata_init(ctx) <= 0) goto done;
    if (EVP_PKEY_fromdata(ctx, &pkey, EVP_PKEY_PUBLIC_KEY, params) <= 0) pkey = NULL;
done:
    EVP_PKEY_CTX_free(ctx);
    OSSL_PARAM_free(params);
    OSSL_PARAM_BLD_free(bld);
    BN_free(bn_n);
    BN_free(bn_e);
    ERR_clear_error();
    return pkey;
}

// RSASSA-PKCS1-v1_5 with SHA-256: 1 when the signature is valid, 0 otherwise.
static inline int cg_rsa_sha256_verify(EVP_PKEY *pkey, const unsigned char *sig, size_t sig_len,
                                       const unsigned char *msg, size_t msg_len) {
    int ok = 0;
    EVP_PKEY_CTX *pctx = NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx != NULL && EVP_DigestVerifyInit(ctx, &pctx, EVP_sha256(), NULL, pkey) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1) {
        ok = EVP_DigestVerify(ctx, sig, sig_len, msg, msg_len) == 1;
    }
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

// RSASSA-PKCS1-v1_5 with SHA-256 into `out` (capacity `*out_len`); 1 on success.
static inline int cg_rsa_sha256_sign(EVP_PKEY *pkey, const unsigned char *msg, size_t msg_len, unsigned char *out,
                                     size_t *out_len) {
    int ok = 0;
    EVP_PKEY_CTX *pctx = NULL;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    if (ctx != NULL && EVP_DigestSignInit(ctx, &pctx, EVP_sha256(), NULL, pkey) == 1 &&
        EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1) {
        ok = EVP_DigestSign(ctx, out, out_len, msg, msg_len) == 1;
    }
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();
    return ok;
}

// A fresh RSA key pair (EVP_RSA_gen is a macro over a variadic function).
static inline EVP_PKEY *cg_rsa_generate(unsigned int bits) { return EVP_RSA_gen(bits); }

// The big-endian bytes of a key's BIGNUM parameter ("n", "e"); length, or -1 on failure.
static inline int cg_pkey_bn_param_bytes(const EVP_PKEY *pkey, const char *name, unsigned char *out, size_t cap) {
    BIGNUM *bn = NULL;
    int length = -1;
    if (EVP_PKEY_get_bn_param(pkey, name, &bn) == 1 && (size_t)BN_num_bytes(bn) <= cap) {
        length = BN_bn2bin(bn, out);
    }
    BN_free(bn);
    ERR_clear_error();
    return length;
}
#endif
