import Glibc

/// A system call of the event loop or its sockets failed.
public struct EventLoopError: Error, CustomStringConvertible, Sendable {
    public let operation: String
    public let errno: Int32

    public init(_ operation: String, errno: Int32 = Glibc.errno) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String {
        "\(self.operation) failed: \(String(cString: strerror(self.errno)))"
    }
}
