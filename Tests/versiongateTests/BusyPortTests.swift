import Foundation
import TestSupport
import Testing

/// A port another process holds stops `serve` and `demo` with one line, and the holder keeps all its traffic.
@Suite struct BusyPortTests {
    @Test func aSecondGatewayOnAHeldPortExitsOneAndTheFirstKeepsEveryRequest() async throws {
        let upstream = try await EchoUpstream.start()
        let first = try RunningVersiongate([
            "serve", "--port", "0", "--threads", "2", "--upstream", upstream.url, "--versions", repositoryVersions,
        ])
        let (status, output) = try runVersiongate([
            "serve", "--port", "\(first.port)", "--threads", "2", "--upstream", upstream.url, "--versions",
            repositoryVersions,
        ])
        #expect(status == 1)
        #expect(
            output == "versiongate: cannot listen on 127.0.0.1:\(first.port): "
                + "the port is already in use by another process\n"
        )
        for _ in 0..<20 {
            #expect(try RawHTTPClient(port: first.port).request("GET", "/").status == 200)
        }
        #expect(upstream.requestsReceived == 20)
        #expect(first.stop() == 0)
        try await upstream.stop()
    }

    @Test func demoRefusesAHeldGatewayPortAndAHeldSampleAPIPort() throws {
        let holder = try ListeningTCPSocket()
        for arguments in [
            ["--port", "\(holder.port)", "--upstream-port", "0"], ["--port", "0", "--upstream-port", "\(holder.port)"],
        ] {
            let (status, output) = try runVersiongate(["demo"] + arguments)
            #expect(status == 1)
            #expect(output.split(separator: "\n").count == 1, "\(output)")
            #expect(output.hasSuffix("127.0.0.1:\(holder.port): the port is already in use by another process\n"))
        }
    }
}
