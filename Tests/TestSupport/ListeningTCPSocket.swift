import Glibc

/// A plain listening socket on 127.0.0.1 that holds a port for a test, as another process's server would.
/// It never accepts (``RawUpstream`` does, on its own); closing it frees the port.
public final class ListeningTCPSocket {
    public let port: Int
    let fd: Int32

    /// Listens on `port` (0 for a free one).
    /// - Parameters:
    ///   - reusePort: set `SO_REUSEPORT`, as servers that share a port among processes do.
    ///   - listening: false to hold the port without listening: connections to it are refused, and no other
    ///     server can take it meanwhile (a stopped server's port can be, by a test running beside).
    ///   - backlog: how many connections may wait to be accepted (Linux lets one more in).
    /// - Throws: ``RawHTTPClient/Failure`` naming the call that failed, with `errno`'s text.
    public init(port: Int = 0, reusePort: Bool = false, listening: Bool = true, backlog: Int32 = 16) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Self.failure("socket") }
        var on: Int32 = 1
        if reusePort { setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, socklen_t(MemoryLayout<Int32>.size)) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && (!listening || listen(fd, backlog) == 0)
            }
        }
        guard bound else {
            let failure = Self.failure("bind to 127.0.0.1:\(port)")
            close(fd)
            throw failure
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(self.fd)
    }

    private static func failure(_ call: String) -> RawHTTPClient.Failure {
        RawHTTPClient.Failure(description: "\(call): \(String(cString: strerror(errno)))")
    }
}
