/// Where the usage ledger lives, as given to `--store`: a SQLite file or a PostgreSQL database.
///
/// ```
/// sqlite:usage.db                          a file, relative to the working directory or absolute
/// postgres://vg@db.internal:5432/ledger    user, host, port (default 5432) and database; postgresql:// too
/// ```
///
/// A location never holds a password: PostgreSQL's comes from `PGPASSWORD` or `PGPASSFILE` (see
/// ``PostgresPassword``), so ``description`` is always safe to print.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite database file at `path` (created when missing).
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresEndpoint)

    /// `sqlite:PATH` or `postgres://USER@HOST:PORT/DATABASE`.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let endpoint): endpoint.description
        }
    }
}

/// A PostgreSQL server, database and role, without the password.
public struct PostgresEndpoint: Sendable, Hashable, CustomStringConvertible {
    public var user: String
    /// A host name or an IP address; an IPv6 address without brackets (`::1`).
    public var host: String
    /// The TCP port, 1…65535.
    public var port: Int
    public var database: String

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
    }

    /// `postgres://USER@HOST:PORT/DATABASE`, an IPv6 host in brackets; user and database percent-encoded where they
    /// hold characters a URL reserves.
    public var description: String {
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "postgres://\(Self.percentEncoded(self.user))@\(host):\(self.port)/\(Self.percentEncoded(self.database))"
    }

    private static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                encoded += byte < 16 ? "%0\(hex)" : "%\(hex)"
            }
        }
        return encoded
    }
}
