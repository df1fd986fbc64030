/// A blocking C client connection (libpq, hiredis) that a `BlockingConnectionPool` lends out.
///
/// Implementations are classes that own one C handle and free it in `deinit`. They
/// are `Sendable` because the pool guarantees one holder at a time.
public protocol PooledConnection: AnyObject, Sendable {
    /// Cheap, non-blocking check before lending an idle connection out.
    var isUsable: Bool { get }
    /// True once an operation has left the connection unusable; it is then dropped on release.
    var isBroken: Bool { get }
}
