import ContentCoding
import Foundation
import Testing

@Suite("Encoding with gzip")
struct ContentEncoderTests {
    @Test func gzipOutputIsReadByAnotherImplementation() throws {
        let json = Array(String(repeating: #"{"id":"po_1","status":"open"},"#, count: 200).utf8)
        let gzipped = ContentEncoder.gzip(json)
        #expect(gzipped.count < json.count / 10)
        #expect(try Self.gunzip(gzipped) == json)
        #expect(try Self.gunzip(ContentEncoder.gzip([])) == [])
    }

    /// `gzip -dc` from the system, as the oracle for what we wrote.
    private static func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let decoded = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return Array(decoded)
    }
}
