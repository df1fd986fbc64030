#ifndef CAREERGINI_CLIBPQ_SHIM_H
#define CAREERGINI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>

/// True when the idle connection's socket has something to read: on an idle
/// connection that is the server closing it (restart, idle timeout, admin kill).
static inline int cg_pq_socket_readable(PGconn *conn) {
    int fd = PQsocket(conn);
    if (fd < 0) return 1;
    struct pollfd p = { .fd = fd, .events = POLLIN, .revents = 0 };
    int n = poll(&p, 1, 0);
    return n != 0;
}
#endif
