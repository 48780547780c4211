import Foundation

/// Where a command writes what it renders when given `--output FILE`.
enum OutputFile {
    /// Writes `text` to `path`: a regular file (or a new one) whole or not at all, through a temporary file renamed
    /// over it; anything else (a pipe, a device, a symbolic link to one) written to in place, never replaced.
    /// - Parameter what: what the text is, for the failure's message: `the report`.
    /// - Throws: a ``CommandFailure`` naming `what` and `path`.
    static func write(_ text: String, to path: String, naming what: String) throws {
        var target = URL(fileURLWithPath: path)
        // Follow symbolic links (dangling ones too) to the file they name.
        for _ in 0..<8 {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: target.path) else {
                break
            }
            target =
                URL(fileURLWithPath: destination, relativeTo: target.deletingLastPathComponent()).standardizedFileURL
        }
        let type = (try? FileManager.default.attributesOfItem(atPath: target.path)[.type]) as? FileAttributeType
        let directory = target.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure(message: "cannot write \(what) to \(path): there is no directory \(directory)")
        }
        guard type != .typeDirectory else {
            throw CommandFailure(message: "cannot write \(what) to \(path): it is a directory")
        }
        do {
            switch type {
            case nil, .typeRegular?:
                try Data(text.utf8).write(to: target, options: .atomic)
            default:
                guard let handle = FileHandle(forWritingAtPath: target.path) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            }
        } catch {
            throw CommandFailure(message: "cannot write \(what) to \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `text` to standard output, which may be a full disk or a closed pipe.
    /// - Throws: a ``CommandFailure`` saying why it could not.
    static func writeToStandardOutput(_ text: String) throws {
        do {
            try FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
        } catch {
            throw CommandFailure(message: "cannot write to standard output: \(Self.reason(error))")
        }
    }

    /// The system's words for why a write failed, without Foundation's wrapping.
    private static func reason(_ error: any Error) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain
        {
            return String(cString: strerror(Int32(posix.code)))
        }
        return error.localizedDescription
    }
}
