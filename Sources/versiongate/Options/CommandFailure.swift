import ArgumentParser
import Foundation

/// A failure the user can act on: printed as lines on standard error (one per problem), then exit status 1.
struct CommandFailure: Error {
    let lines: [String]

    init(message: String) {
        self.lines = [message]
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
            throw ExitCode.failure
        } catch {
            Console.status("\(error)")
            throw ExitCode.failure
        }
    }
}
