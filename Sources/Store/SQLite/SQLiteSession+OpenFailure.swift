import Glibc
import NIOPosix
import SQLiteNIO

extension SQLiteSession {
    /// The one-line error for a file that could not be opened: `cannot open the NOUN sqlite:PATH: REASON` (a
    /// ``StoreError`` already saying so passes through).
    ///
    /// SQLite says "unable to open database file" for half a dozen causes, so the file system is asked which one it
    /// was (on `threadPool`: `stat` and `access` block).
    static func openFailure(
        _ error: any Error,
        path: String,
        noun: String,
        threadPool: NIOThreadPool
    ) async -> StoreError {
        if let error = error as? StoreError { return error }
        let reason: String
        if let sqliteReason = Self.reasonFromSQLite(error) {
            reason = sqliteReason
        } else {
            let fileSystemReason = try? await threadPool.runIfActive { Self.reasonFromFileSystem(path) }
            reason = fileSystemReason ?? StoreError.oneLine((error as? SQLiteError)?.message ?? "\(error)")
        }
        return StoreError("cannot open the \(noun) \(StoreLocation.sqlite(path: path)): \(reason)")
    }

    /// What SQLite's code alone makes clear.
    private static func reasonFromSQLite(_ error: any Error) -> String? {
        guard let error = error as? SQLiteError else { return nil }
        switch error.reason {
        case .notADatabase:
            return "the file is not a SQLite database"
        case .corrupt, .corruptIndex, .corruptSequenceSchema, .corruptVirtualTable:
            return "the database file is corrupt"
        case .busy, .busyTimeout, .busyInRecovery, .busyInSnapshot, .locked, .lockedBySharedCache:
            return "the database is locked by another process for longer than \(Self.busyTimeoutMilliseconds) ms"
        default:
            return nil
        }
    }

    /// What the file system says about `path` and its directory, or nil when it sees nothing wrong. Blocking.
    private static func reasonFromFileSystem(_ path: String) -> String? {
        let directory = Self.directory(of: path)
        var status = stat()
        guard stat(directory, &status) == 0 else {
            return errno == ENOENT ? "the directory \(directory) does not exist" : "\(directory): \(Self.errnoText())"
        }
        guard status.st_mode & S_IFMT == S_IFDIR else { return "\(directory) is not a directory" }
        guard stat(path, &status) == 0 else {
            guard access(directory, W_OK | X_OK) == 0 else {
                return "permission denied to create the file in the directory \(directory)"
            }
            return nil
        }
        if status.st_mode & S_IFMT == S_IFDIR { return "\(path) is a directory" }
        guard access(path, R_OK | W_OK) == 0 else { return "permission denied to read and write the file" }
        // WAL mode keeps two files next to the database (-wal, -shm).
        guard access(directory, W_OK | X_OK) == 0 else {
            return "permission denied to write the directory \(directory), where SQLite keeps its -wal and -shm files"
        }
        return nil
    }

    /// The directory part of `path`: `.` for a bare file name, `/` for a file at the root.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = path[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
