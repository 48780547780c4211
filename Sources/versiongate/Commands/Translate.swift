import ArgumentParser
import Foundation
import Versioning

/// `versiongate translate`: one body through the compatibility layer, offline. Shows what a client of one version
/// gets from an upstream of another (or what the upstream gets from the client), for checking a manifest's
/// changes; with `--repeat`, also how long a translation takes.
struct Translate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Translate a JSON body between versions, as the gateway would, and print it.",
        discussion: """
            Without --request, FILE is the upstream's response body to METHOD PATH (the request as the client sent \
            it), and the output is the body the client gets. With --request, FILE is the client's request body, and \
            the output is the request line and body the upstream gets. FILE '-' reads standard input. Reads the \
            manifests in ./versions unless --versions names another directory.
            """
    )

    @Argument(help: "The body to translate, or - for standard input.")
    var file: String

    @Option(help: "The version the client speaks.")
    var client: String

    @Option(help: "The version the upstream speaks.")
    var upstream: String

    @Option(help: "The request's path and query, in the client's version.")
    var path: String

    @Option(help: "The request's method.")
    var method = "GET"

    @Flag(help: "Translate FILE as the client's request body instead of the upstream's response body.")
    var request = false

    @Option(
        name: .customLong("repeat"),
        parsing: .unconditional,
        help: "Translate this many times and report the mean time on standard error."
    )
    var repetitions = 1

    @OptionGroup var versionOptions: VersionOptions

    func run() async throws {
        try await CommandFailure.reporting {
            guard self.path.hasPrefix("/") else {
                throw CommandFailure(message: "--path '\(self.path)' must start with /")
            }
            guard self.repetitions >= 1 else { throw CommandFailure(message: "--repeat must be at least 1") }
            let (catalog, _) = try self.versionOptions.load(default: .workingDirectory)
            let client = try catalog.version(named: self.client, option: "--client")
            let upstream = try catalog.version(named: self.upstream, option: "--upstream")
            let body = try self.readBody()
            let translator = Translator(catalog: catalog)
            let plan = translator.requestPlan(from: client, to: upstream)
            let start = ContinuousClock.now
            var output: [UInt8] = []
            do {
                for _ in 0..<self.repetitions {
                    output = try self.translate(body, translator: translator, plan: plan)
                }
            } catch let error as TranslationError {
                throw CommandFailure(message: "\(self.file == "-" ? "standard input" : self.file): \(error)")
            }
            if self.repetitions > 1 {
                let microseconds = (ContinuousClock.now - start) / Double(self.repetitions) / .microseconds(1)
                Console.status(String(format: "%.2f µs per translation (mean of %d)", microseconds, self.repetitions))
            }
            FileHandle.standardOutput.write(Data(output))
        }
    }

    /// The request line and body the upstream gets, or the body the client gets.
    private func translate(_ body: [UInt8], translator: Translator, plan: TranslationPlan) throws -> [UInt8] {
        let translation = try translator.translateRequest(
            method: self.method,
            target: self.path,
            body: self.request ? body : nil,
            plan: plan
        )
        guard !self.request else {
            return Array("\(self.method) \(translation.target)\n".utf8) + (translation.body ?? []) + [
                UInt8(ascii: "\n")
            ]
        }
        return (try translator.translateResponse(body: body, plan: translation.responsePlan) ?? body) + [
            UInt8(ascii: "\n")
        ]
    }

    private func readBody() throws -> [UInt8] {
        if self.file == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        guard let data = FileManager.default.contents(atPath: self.file) else {
            throw CommandFailure(message: "\(self.file): cannot read the file")
        }
        return Array(data)
    }
}
