import CurlClient
import Foundation
import Gateway
import Glibc
import Versioning

/// A gateway in this process between a keep-alive client and a keep-alive upstream on 127.0.0.1, for counting
/// what one request costs the whole gateway (its loop, curl, the pipeline). Client and upstream reuse
/// buffers made up front, so that in steady state every allocation counted is the gateway's.
final class LoopbackExchange: @unchecked Sendable {
    private let server: GatewayServer
    private let upstream: Int32
    private let client: Int32
    private let request: [UInt8]
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// The bench's upstream answer: 1 KB of JSON no change of v2 alters.
    static let upstreamAnswer: [UInt8] = {
        let items = (0..<16).map { #"{"id":\#($0),"name":"item-\#($0)","price":"\#($0 * 3).99","tags":["a","b"]}"# }
        let body = #"{"apiVersion":"2024-06-01","status":"ok","items":[\#(items.joined(separator: ","))]}"#
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
        return Array((head + body).utf8)
    }()

    /// - Parameter apiVersion: the version the client asks for; the upstream speaks v2.
    init(apiVersion: String) throws {
        let listener = try Self.listen()
        let upstreamPort = Self.port(of: listener)
        var configuration = GatewayConfiguration(port: 0, upstream: try UpstreamURL("http://127.0.0.1:\(upstreamPort)"))
        configuration.upstreamVersion = VersionName("v2")
        self.server = try GatewayServer.start(configuration: configuration, catalog: try VersionCatalog.bundled())
        self.client = try Self.connect(to: self.server.port)
        self.request = Array("GET / HTTP/1.1\r\nHost: bench\r\nAPI-Version: \(apiVersion)\r\n\r\n".utf8)
        self.upstream = listener
        let answer = Self.upstreamAnswer
        Thread.detachNewThread {
            // One connection at a time: the gateway keeps one alive for a client that sends one at a time.
            while true {
                let connection = accept(listener, nil, nil)
                guard connection >= 0 else { return }
                Self.answerEachHead(on: connection, with: answer)
                close(connection)
            }
        }
    }

    deinit {
        close(self.client)
        shutdown(self.upstream, Int32(SHUT_RDWR))
        close(self.upstream)
        self.server.shutdown()
        self.server.waitUntilStopped()
    }

    /// Sends one request and reads its whole response; the status code.
    func exchange() -> Int {
        _ = self.request.withUnsafeBytes { send(self.client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received = 0
        return self.buffer.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let count = recv(self.client, buffer.baseAddress! + received, buffer.count - received, 0)
                guard count > 0 else { return 0 }
                received += count
                guard let (headEnd, length) = Self.framing(UnsafeRawBufferPointer(rebasing: buffer[..<received]))
                else { continue }
                if received >= headEnd + length {
                    // "HTTP/1.1 200": the status's three digits.
                    return (Int(buffer[9]) - 48) * 100 + (Int(buffer[10]) - 48) * 10 + Int(buffer[11]) - 48
                }
            }
        }
    }

    /// Where a response's head ends and its `Content-Length`, once the head is whole.
    private static func framing(_ bytes: UnsafeRawBufferPointer) -> (Int, Int)? {
        guard bytes.count >= 4 else { return nil }
        var lineStart = 0
        var length = 0
        for index in 0..<(bytes.count - 1) where bytes[index] == 13 && bytes[index + 1] == 10 {
            if index == lineStart { return (index + 2, length) }
            let line = UnsafeRawBufferPointer(rebasing: bytes[lineStart..<index])
            let name = "content-length:"
            if line.count > name.utf8.count,
                zip(line, name.utf8).allSatisfy({ $0 | 0x20 == $1 | 0x20 })
            {
                length = line.dropFirst(name.utf8.count).reduce(0) {
                    $1 >= 48 && $1 <= 57 ? $0 * 10 + Int($1) - 48 : $0
                }
            }
            lineStart = index + 2
        }
        return nil
    }

    /// Reads request heads (no bodies: the benchmark sends GETs) and answers each with `answer`.
    private static func answerEachHead(on connection: Int32, with answer: [UInt8]) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var held = 0
        buffer.withUnsafeMutableBytes { buffer in
            while true {
                let count = recv(connection, buffer.baseAddress! + held, buffer.count - held, 0)
                guard count > 0 else { return }
                held += count
                while let end = Self.headEnd(UnsafeRawBufferPointer(rebasing: buffer[..<held])) {
                    _ = answer.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    memmove(buffer.baseAddress!, buffer.baseAddress! + end, held - end)
                    held -= end
                }
            }
        }
    }

    private static func headEnd(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    private static func listen() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 && Glibc.listen(fd, 16) == 0
            }
        }
        guard fd >= 0, bound else { throw ExchangeFailure(description: "cannot listen on 127.0.0.1") }
        return fd
    }

    private static func connect(to port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard fd >= 0, connected else { throw ExchangeFailure(description: "cannot connect to 127.0.0.1:\(port)") }
        return fd
    }

    private static func port(of fd: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

struct ExchangeFailure: Error, CustomStringConvertible {
    let description: String
}
