import Glibc
import NIOCore
import NIOPosix
import PostgresNIO

extension PostgresSession {
    /// Why a call failed, in one line: the server's message with its SQLSTATE, or what happened to the connection
    /// (`connection refused`, `the server closed the connection`). Never a password: postgres-nio's errors do not
    /// hold one, and the server's messages do not either.
    static func reason(_ error: any Error) -> String {
        switch error {
        case let error as StoreError:
            return error.description
        case let error as PSQLError:
            return Self.reason(error)
        case let error as NIOConnectionError:
            if let failure = error.connectionErrors.first { return Self.reason(failure.error) }
            return "cannot resolve the host \(error.host)"
        case let error as IOError:
            return Self.lowercasedFirst(String(cString: strerror(error.errnoCode)))
        case ChannelError.connectTimeout(let amount):
            return "no answer within \(amount.nanoseconds / 1_000_000_000) s"
        default:
            return StoreError.oneLine("\(error)")
        }
    }

    /// Whether the connection is gone after `error`, so that the next call must connect again: postgres-nio saw it
    /// close, or the server said it ends it (SQLSTATE class 08, connection exception, or 57P, operator intervention:
    /// a shutdown, a restart, `pg_terminate_backend`).
    static func isConnectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown:
            return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        default:
            return false
        }
    }

    private static func reason(_ error: PSQLError) -> String {
        switch error.code {
        case .server:
            let message = error.serverInfo?[.message] ?? "the server refused the request"
            let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            return StoreError.oneLine(message + state)
        case .connectionError:
            return error.underlying.map(Self.reason) ?? "the connection failed"
        case .serverClosedConnection, .uncleanShutdown:
            return "the server closed the connection"
        case .clientClosedConnection:
            return "the connection was closed"
        case .authMechanismRequiresPassword:
            return "the server asks for a password: set PGPASSWORD, PGPASSWORD_FILE or PGPASSFILE"
        case .unsupportedAuthMechanism:
            return "the server asks for an authentication method that is not supported (use scram-sha-256 or md5)"
        case .sslUnsupported:
            return "the server does not offer TLS"
        default:
            return "\(error.code)"
        }
    }

    private static func lowercasedFirst(_ text: String) -> String {
        text.prefix(1).lowercased() + text.dropFirst()
    }
}
