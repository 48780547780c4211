import Glibc

/// A bound, listening, non-blocking TCP socket that holds its address and port alone.
///
/// It never sets `SO_REUSEPORT`: with it, a second process (a stale gateway, another server) could bind the same
/// port and silently take part of the traffic. The loops of one process share the one socket instead, each through
/// its own duplicate (``duplicate()``) watched with `EPOLLEXCLUSIVE`, so a new connection wakes one loop only.
public struct ListeningSocket: Sendable {
    public let fd: Int32
    /// The port actually bound, which differs from the requested one when that was 0.
    public let port: Int

    /// Binds and listens on `host:port` (an IPv4 or IPv6 literal).
    /// - Throws: ``EventLoopError`` with `EADDRINUSE` when another socket already holds the port, whatever its
    ///   options; `EINVAL` for an address that is not a literal.
    public init(host: String, port: Int, backlog: Int32 = 1024) throws(EventLoopError) {
        var storage = sockaddr_storage()
        let length: socklen_t
        let family: Int32
        if let ipv4 = Self.ipv4Address(host, port: port) {
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: ipv4, as: sockaddr_in.self) }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        } else if let ipv6 = Self.ipv6Address(host, port: port) {
            withUnsafeMutableBytes(of: &storage) { $0.storeBytes(of: ipv6, as: sockaddr_in6.self) }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            throw EventLoopError("parsing listen address '\(host)'", errno: EINVAL)
        }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw EventLoopError("socket") }
        // SO_REUSEADDR only lets a restarted gateway bind while old connections linger in TIME_WAIT; on Linux it
        // never lets two sockets listen on one port.
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            let error = EventLoopError("bind to \(host):\(port)")
            close(fd)
            throw error
        }
        guard listen(fd, backlog) == 0, Socket.setNonBlocking(fd) else {
            let error = EventLoopError("listen on \(host):\(port)")
            close(fd)
            throw error
        }
        self.fd = fd
        self.port = Socket.localPort(of: fd)
    }

    private init(fd: Int32, port: Int) {
        self.fd = fd
        self.port = port
    }

    /// Another descriptor for the same listening socket, for another loop to watch and close on its own.
    public func duplicate() throws(EventLoopError) -> ListeningSocket {
        let copy = fcntl(self.fd, F_DUPFD_CLOEXEC, 0)
        guard copy >= 0 else { throw EventLoopError("dup of the listening socket") }
        return ListeningSocket(fd: copy, port: self.port)
    }

    /// What one `accept` gave.
    public enum Acceptance {
        case accepted(fd: Int32, peerAddress: String)
        /// No connection is waiting.
        case noneWaiting
        /// The process or the system has no descriptor left (`EMFILE`, `ENFILE`) or no memory for one: the
        /// connection waits in the backlog, and accepting again at once would fail again.
        case outOfDescriptors(errno: Int32)
        /// This connection failed (the peer gave up before it was accepted, say); others may be waiting.
        case failed
    }

    /// Accepts one pending connection, non-blocking.
    public func accept() -> Acceptance {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let client = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(self.fd, $0, &length) }
        }
        guard client >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .noneWaiting
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfDescriptors(errno: errno)
            default: return .failed
            }
        }
        guard Socket.setNonBlocking(client) else {
            close(client)
            return .failed
        }
        Socket.setNoDelay(client)
        return .accepted(fd: client, peerAddress: Socket.numericHost(of: storage))
    }

    private static func ipv4Address(_ host: String, port: Int) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { return nil }
        return address
    }

    private static func ipv6Address(_ host: String, port: Int) -> sockaddr_in6? {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        address.sin6_port = in_port_t(UInt16(truncatingIfNeeded: port).bigEndian)
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard inet_pton(AF_INET6, bare, &address.sin6_addr) == 1 else { return nil }
        return address
    }
}

/// Small socket utilities shared by the listener and its connections.
public enum Socket {
    @discardableResult
    public static func setNonBlocking(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL, 0)
        return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0
    }

    public static func setNoDelay(_ fd: Int32) {
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
    }

    static func localPort(of fd: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return withUnsafeBytes(of: storage) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET: Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
            case AF_INET6: Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port))
            default: 0
            }
        }
    }

    /// The peer's address as text (`127.0.0.1`, `::1`), as used in `X-Forwarded-For`.
    static func numericHost(of storage: sockaddr_storage) -> String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        withUnsafeBytes(of: storage) { raw in
            switch Int32(storage.ss_family) {
            case AF_INET:
                var address = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            case AF_INET6:
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            default:
                break
            }
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
