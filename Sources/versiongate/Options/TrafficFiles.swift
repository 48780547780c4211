import Checks
import Foundation
import Glibc

/// Reads the traffic recordings named on the command line (`--traffic FILE…`), streaming: each file is read in
/// 1 MiB chunks with read(2) and fed to the reader its format calls for (``TrafficFormat/detect(file:prefix:)``),
/// so a recording of any size is checked in memory bounded by its largest exchange (a few times its size). `-` is
/// standard input.
///
/// Blocking I/O: call it from a command, never from an event loop.
enum TrafficFiles {
    static let chunkSize = 1 << 20

    /// Calls `each` with every exchange of `paths`, file after file, in the order recorded.
    /// - Throws: ``TrafficError`` in one line for a file that is missing, a directory, unreadable or not a valid
    ///   recording (the exchanges before the fault have been passed to `each` by then); whatever `each` throws.
    static func read(_ paths: [String], each: (RecordedExchange) throws -> Void) throws {
        for path in paths {
            try self.read(path, each: each)
        }
    }

    private static func read(_ path: String, each: (RecordedExchange) throws -> Void) throws {
        let descriptor = path == "-" ? STDIN_FILENO : try self.open(path)
        defer { if descriptor != STDIN_FILENO { close(descriptor) } }
        var chunk = [UInt8](repeating: 0, count: self.chunkSize)
        var count = try self.fill(&chunk, from: descriptor, path: path)
        let name = path == "-" ? "standard input" : path
        var reader = TrafficReader(try TrafficFormat.detect(file: name, prefix: chunk[..<count]), file: name)
        while count > 0 {
            for exchange in try reader.consume(chunk[..<count]) { try each(exchange) }
            count = try self.fill(&chunk, from: descriptor, path: path)
        }
        for exchange in try reader.finish() { try each(exchange) }
    }

    private static func open(_ path: String) throws(TrafficError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw self.failure(path, errno) }
        var status = stat()
        if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
            close(descriptor)
            throw TrafficError(.unreadable, "\(path): is a directory, not a traffic recording")
        }
        return descriptor
    }

    /// Reads until `buffer` is full or the file ends (a pipe hands over less at a time).
    /// - Returns: the bytes read; 0 at the end of the file.
    private static func fill(_ buffer: inout [UInt8], from descriptor: Int32, path: String) throws(TrafficError) -> Int
    {
        var filled = 0
        while filled < buffer.count {
            let read = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if read < 0, errno == EINTR { continue }
            guard read >= 0 else { throw self.failure(path, errno) }
            if read == 0 { break }
            filled += read
        }
        return filled
    }

    private static func failure(_ path: String, _ code: Int32) -> TrafficError {
        TrafficError(.unreadable, "\(path): cannot read it: \(String(cString: strerror(code)))")
    }
}
