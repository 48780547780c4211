import Glibc
import NIOPosix

/// PostgreSQL's password, found as libpq finds it but only through the environment: `PGPASSWORD`, else the whole
/// file named by `PGPASSWORD_FILE` (a secret as a container secret store mounts it; one trailing line break
/// dropped), else the first matching line of the file named by `PGPASSFILE`, else none (the server trusts the
/// connection, or refuses it).
///
/// A password never appears in a `--store` URL (``StoreLocation`` refuses one) nor in any error: they would end up
/// in shell histories, process listings and logs.
public enum PostgresPassword {
    /// The password for `endpoint`: a non-empty `PGPASSWORD`, else the non-empty file named by `PGPASSWORD_FILE`,
    /// else the passfile named by `PGPASSFILE`, else nil.
    ///
    /// - Parameters:
    ///   - endpoint: the server, database and user to connect as.
    ///   - environment: the process environment (tests inject their own).
    /// - Throws: ``StoreError`` when both `PGPASSWORD` and `PGPASSWORD_FILE` are set, or a file named cannot be
    ///   read (the message names the variable and the file, never the password).
    public static func find(
        for endpoint: PostgresEndpoint,
        environment: [String: String]
    ) async throws(StoreError) -> String? {
        let inline = environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let file = environment["PGPASSWORD_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        switch (inline, file) {
        case (.some, .some):
            throw StoreError("set PGPASSWORD or PGPASSWORD_FILE, not both")
        case (let password?, nil):
            return password
        case (nil, let path?):
            // One trailing line break, LF or CRLF (a String's last Character would be the CRLF pair).
            var password = try await Self.contents(of: path, variable: "PGPASSWORD_FILE").unicodeScalars[...]
            if password.last == "\n" { password.removeLast() }
            if password.last == "\r" { password.removeLast() }
            if !password.isEmpty { return String(password) }
        case (nil, nil):
            break
        }
        guard let path = environment["PGPASSFILE"], !path.isEmpty else { return nil }
        return Self.lookUp(in: try await Self.contents(of: path, variable: "PGPASSFILE"), for: endpoint)
    }

    /// The text of the file at `path`, read off the caller's thread.
    private static func contents(of path: String, variable: String) async throws(StoreError) -> String {
        do {
            return try await NIOThreadPool.singleton.runIfActive { try Self.readFile(at: path, variable: variable) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot read \(variable) \(path): \(error)")
        }
    }

    /// The password of the first line of a passfile (libpq's `.pgpass` format) that matches `endpoint`.
    ///
    /// Each line is `hostname:port:database:username:password`; `*` as a whole field matches anything, `\:` and `\\`
    /// stand for `:` and `\`, lines starting with `#` and lines with fewer than five fields are skipped. The host is
    /// compared as written in the URL (an IPv6 address without brackets, its colons escaped in the file).
    ///
    /// - Returns: the password, or nil when no line matches or the matching line's password is empty.
    public static func lookUp(in passfile: String, for endpoint: PostgresEndpoint) -> String? {
        let wanted = [endpoint.host, String(endpoint.port), endpoint.database, endpoint.user]
        for line in passfile.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: true) {
            let line = line.last == "\r" ? line.dropLast() : line
            guard line.first != "#" else { continue }
            let fields = Self.fields(of: line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields, wanted).allSatisfy { field, value in field.isWildcard || field.text == value }
            guard matches else { continue }
            return fields[4].text.isEmpty ? nil : fields[4].text
        }
        return nil
    }

    /// A passfile field: its text with escapes resolved, and whether it was the bare wildcard `*`.
    private struct Field {
        var text = ""
        var isWildcard = false
    }

    /// The fields of `line`, split at each `:` not escaped by a backslash.
    private static func fields(of line: Substring.UnicodeScalarView) -> [Field] {
        var fields: [Field] = []
        var current = Field()
        var raw = ""
        var isEscaped = false
        for scalar in line {
            if isEscaped {
                current.text.unicodeScalars.append(scalar)
                raw.unicodeScalars.append(scalar)
                isEscaped = false
            } else if scalar == "\\" {
                isEscaped = true
                raw.unicodeScalars.append(scalar)
            } else if scalar == ":" {
                current.isWildcard = raw == "*"
                fields.append(current)
                current = Field()
                raw = ""
            } else {
                current.text.unicodeScalars.append(scalar)
                raw.unicodeScalars.append(scalar)
            }
        }
        if isEscaped { current.text += "\\" }  // libpq keeps a trailing backslash as it is
        current.isWildcard = raw == "*"
        fields.append(current)
        return fields
    }

    /// The whole file as UTF-8 text. Blocking: run it on a thread pool.
    private static func readFile(at path: String, variable: String) throws(StoreError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError("cannot read \(variable) \(path): \(Self.lastErrorText())") }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw StoreError("cannot read \(variable) \(path): \(Self.lastErrorText())")
            }
            bytes += chunk[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func lastErrorText() -> String { String(cString: strerror(errno)) }
}
