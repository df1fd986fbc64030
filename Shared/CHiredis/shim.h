#ifndef CAREERGINI_CHIREDIS_SHIM_H
#define CAREERGINI_CHIREDIS_SHIM_H
#include <hiredis/hiredis.h>
#include <poll.h>
#include <sys/time.h>

/// Connects with a timeout given in milliseconds (Swift cannot build `struct timeval` portably).
static inline redisContext *cg_redis_connect(const char *host, int port, long timeout_ms) {
    struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
    return redisConnectWithTimeout(host, port, tv);
}

/// Sets the socket read/write timeout used by every later command on this context.
static inline int cg_redis_set_timeout(redisContext *c, long timeout_ms) {
    struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
    return redisSetTimeout(c, tv);
}

/// Typed wrapper: `redisCommandArgv` returns `void *`.
static inline redisReply *cg_redis_command_argv(redisContext *c, int argc, const char **argv, const size_t *argvlen) {
    return (redisReply *)redisCommandArgv(c, argc, argv, argvlen);
}

/// Reads the next reply of a pipeline; NULL on an I/O error.
static inline redisReply *cg_redis_get_reply(redisContext *c) {
    void *reply = NULL;
    if (redisGetReply(c, &reply) != REDIS_OK) return NULL;
    return (redisReply *)reply;
}

/// True when an idle connection has bytes to read or was closed by the server.
static inline int cg_redis_socket_readable(redisContext *c) {
    if (c->fd < 0) return 1;
    struct pollfd p = { .fd = c->fd, .events = POLLIN, .revents = 0 };
    return poll(&p, 1, 0) != 0;
}

static inline int cg_redis_error(const redisContext *c) { return c->err; }
static inline const char *cg_redis_error_string(const redisContext *c) { return c->errstr; }
#endif
