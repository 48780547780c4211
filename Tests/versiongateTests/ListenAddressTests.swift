import Foundation
import TestSupport
import Testing

/// `--host` takes an IP address, and an IPv6 one is written in brackets wherever a port follows it.
@Suite struct ListenAddressTests {
    @Test func anIPv6HostIsPrintedInBracketsInURLsAndMessages() throws {
        let serving = ["--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions, "--host", "::1"]
        let first = try RunningVersiongate(["serve", "--port", "0"] + serving)
        defer { _ = first.stop() }
        #expect(first.text.contains("serving on http://[::1]:\(first.port) → "), "\(first.text)")

        let (status, output) = try runVersiongate(["serve", "--port", "\(first.port)"] + serving)
        #expect(status == 1)
        #expect(
            output == "versiongate: cannot listen on [::1]:\(first.port): "
                + "the port is already in use by another process\n"
        )

        let demo = try RunningVersiongate(["demo", "--host", "::1", "--port", "0", "--upstream-port", "0"])
        defer { _ = demo.stop() }
        try #require(try demo.waitForLine(where: { $0.contains("Ctrl-C stops the demo") }) != nil, "\(demo.text)")
        #expect(demo.text.contains("curl -i http://[::1]:\(demo.port)/purchase-orders\n"), "\(demo.text)")
    }

    @Test(arguments: ["localhost", "example.com", "127.0.0.1:8080"])
    func aHostThatIsNotAnIPAddressIsRefusedSayingWhatToGive(host: String) throws {
        let (status, output) = try runVersiongate([
            "serve", "--host", host, "--upstream", "http://127.0.0.1:1", "--versions", repositoryVersions,
        ])
        #expect(status != 0)
        #expect(output.contains("--host must be an IP address like 127.0.0.1 or ::1, not '\(host)'"), "\(output)")
        #expect(!output.contains("Invalid argument"), "\(output)")
    }
}
