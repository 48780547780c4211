import ArgumentParser
import Foundation

/// A failure the user can act on: printed as one line on standard error, then exit status 1.
struct CommandFailure: Error {
    let message: String

    /// Runs `body`, turning any error into one line on standard error and a non-zero exit.
    static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as CommandFailure {
            FileHandle.standardError.write(Data("versiongate: \(failure.message)\n".utf8))
            throw ExitCode.failure
        } catch {
            FileHandle.standardError.write(Data("versiongate: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }
}
