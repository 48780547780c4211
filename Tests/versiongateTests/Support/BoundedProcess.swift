import Foundation
import TestSupport

/// A program run to completion within a time limit, its standard output and standard error kept apart.
struct BoundedProcess {
    /// The exit status; 128 + the signal's number when a signal ended it, -1 when it was killed at its limit.
    let status: Int32
    let standardOutput: String
    let standardError: String
    /// Whether the program was still running at its limit (and was killed).
    let timedOut: Bool

    /// The lines of standard error, without empty ones.
    var errorLines: [Substring] { self.standardError.split(separator: "\n") }

    /// Runs `executable` and waits for it, killing it with SIGKILL after `limit` seconds.
    ///
    /// Not with Foundation's `Process`: on Linux it learns that a child exited when a socket the child inherits
    /// closes, and a daemon the child starts (`pg_ctl start`) keeps it open, so `waitUntilExit()` never returns. Here
    /// the child inherits only standard input (`/dev/null`), output and error (files, not pipes, for the same
    /// reason), and `waitpid` says when it exits.
    static func run(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String] = [:],
        limit: TimeInterval = 60
    ) throws -> BoundedProcess {
        let scratch = try TemporaryDirectory.make(prefix: "versiongate-output")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outputPath = scratch.appendingPathComponent("stdout").path
        let errorPath = scratch.appendingPathComponent("stderr").path
        let pid = try Self.spawn(
            executable,
            arguments,
            environment: ProcessInfo.processInfo.environment.merging(environment) { _, new in new },
            output: outputPath,
            error: errorPath
        )
        var status: Int32 = 0
        var exited = false
        let deadline = Date().addingTimeInterval(limit)
        while !exited, Date() < deadline {
            exited = waitpid(pid, &status, WNOHANG) == pid
            if !exited { usleep(10_000) }
        }
        if !exited {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
        }
        let signal = status & 0x7f
        return BoundedProcess(
            status: !exited ? -1 : signal == 0 ? (status >> 8) & 0xff : 128 + signal,
            standardOutput: String(decoding: FileManager.default.contents(atPath: outputPath) ?? Data(), as: UTF8.self),
            standardError: String(decoding: FileManager.default.contents(atPath: errorPath) ?? Data(), as: UTF8.self),
            timedOut: !exited
        )
    }

    /// Runs the built `versiongate` with `arguments`, as ``run(_:_:environment:limit:)`` does.
    static func versiongate(
        _ arguments: [String],
        environment: [String: String] = [:],
        limit: TimeInterval = 60
    ) throws -> BoundedProcess {
        try Self.run(versiongateBinary.path, arguments, environment: environment, limit: limit)
    }

    /// Starts `executable` with its output and error written to the files at `output` and `error`, every other
    /// descriptor closed and SIGPIPE at its default, and returns its process id.
    private static func spawn(
        _ executable: String,
        _ arguments: [String],
        environment: [String: String],
        output: String,
        error: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, error, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        Self.closeFromThree(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw RawHTTPClient.Failure(description: "cannot run \(executable): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// Closes every descriptor above standard error in the child: with glibc's `closefrom` action (2.34 and later;
    /// Swift does not import it), else each descriptor open now.
    private static func closeFromThree(_ actions: inout posix_spawn_file_actions_t) {
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
            return
        }
        let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for descriptor in open.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
    }
}
