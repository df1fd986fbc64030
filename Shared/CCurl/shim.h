#ifndef CAREERGINI_CCURL_SHIM_H
#define CAREERGINI_CCURL_SHIM_H
#include <curl/curl.h>

// `curl_easy_setopt`, `curl_easy_getinfo` and `curl_multi_setopt` are variadic,
// which Swift cannot call: these typed wrappers are the only way in.

typedef size_t (*cg_curl_data_callback)(char *, size_t, size_t, void *);
typedef int (*cg_curl_xferinfo_callback)(void *, curl_off_t, curl_off_t, curl_off_t, curl_off_t);

static inline CURLcode cg_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_data_callback(CURL *h, CURLoption o, cg_curl_data_callback v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode cg_easy_setopt_xferinfo_callback(CURL *h, cg_curl_xferinfo_callback v) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v); }

static inline CURLcode cg_easy_getinfo_long(CURL *h, CURLINFO i, long *out) { return curl_easy_getinfo(h, i, out); }
static inline CURLcode cg_easy_getinfo_pointer(CURL *h, CURLINFO i, void **out) { return curl_easy_getinfo(h, i, out); }

static inline CURLMcode cg_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// Return codes that are macros in curl.h, so Swift sees them as plain values.
static const size_t cg_curl_writefunc_pause = CURL_WRITEFUNC_PAUSE;
static const size_t cg_curl_readfunc_pause = CURL_READFUNC_PAUSE;
static const size_t cg_curl_readfunc_abort = CURL_READFUNC_ABORT;
static const long cg_curl_global_all = CURL_GLOBAL_ALL;
#endif
