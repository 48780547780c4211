import ArgumentParser
import Foundation

/// A failure the user can act on: printed as lines on standard error (one per problem), then a non-zero exit
/// status: 1 unless the command gives 1 another meaning (a check that found something), and then 2.
struct CommandFailure: Error {
    let lines: [String]
    var exitCode = ExitCode.failure

    init(message: String, exitCode: ExitCode = .failure) {
        self.lines = [message]
        self.exitCode = exitCode
    }

    init(lines: [String]) {
        self.lines = lines
    }

    /// Runs `body`, turning any error into lines on standard error and a non-zero exit.
    static func reporting<Result>(_ body: () async throws -> Result) async throws -> Result {
        do {
            return try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let failure as CommandFailure {
            for line in failure.lines { Console.status(line) }
            throw failure.exitCode
        } catch {
            Console.status("\(error)")
            throw ExitCode.failure
        }
    }
}
