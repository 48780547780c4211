#ifndef VG_CURL_SHIM_H
#define VG_CURL_SHIM_H

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// One wrapper per argument type; no logic lives here.

#include <curl/curl.h>

static inline CURLcode vg_curl_easy_setopt_long(CURL *_Nonnull handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_off_t(CURL *_Nonnull handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_ptr(CURL *_Nonnull handle, CURLoption option, void *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_string(CURL *_Nonnull handle, CURLoption option,
                                                  const char *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_slist(CURL *_Nonnull handle, CURLoption option,
                                                 struct curl_slist *_Nullable value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_write_cb(CURL *_Nonnull handle, CURLoption option,
                                                    curl_write_callback _Nonnull value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_read_cb(CURL *_Nonnull handle, CURLoption option,
                                                   curl_read_callback _Nonnull value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_closesocket_cb(CURL *_Nonnull handle, CURLoption option,
                                                          curl_closesocket_callback _Nonnull value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_setopt_opensocket_cb(CURL *_Nonnull handle, CURLoption option,
                                                         curl_opensocket_callback _Nonnull value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode vg_curl_easy_getinfo_ptr(CURL *_Nonnull handle, CURLINFO info, void *_Nullable *_Nonnull value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode vg_curl_multi_setopt_long(CURLM *_Nonnull handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLMcode vg_curl_multi_setopt_ptr(CURLM *_Nonnull handle, CURLMoption option, void *_Nullable value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLMcode vg_curl_multi_setopt_socket_cb(CURLM *_Nonnull handle, CURLMoption option,
                                                       curl_socket_callback _Nonnull value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLMcode vg_curl_multi_setopt_timer_cb(CURLM *_Nonnull handle, CURLMoption option,
                                                      curl_multi_timer_callback _Nonnull value) {
    return curl_multi_setopt(handle, option, value);
}

/// `CURL_SOCKET_TIMEOUT` is a macro of a macro; Swift sees this constant instead.
static const curl_socket_t vg_curl_socket_timeout = CURL_SOCKET_TIMEOUT;

#endif
