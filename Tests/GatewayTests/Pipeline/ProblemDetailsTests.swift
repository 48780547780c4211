import Gateway
import Testing

@Suite struct ProblemDetailsTests {
    @Test func rendersTheRFC9457MembersAndExtensions() {
        let problem = ProblemDetails(
            type: "urn:t",
            title: "T",
            status: 400,
            detail: "D",
            extensions: [("supported_versions", .strings(["v1", "v2"]))]
        )
        #expect(
            problem.json
                == "{\"type\":\"urn:t\",\"title\":\"T\",\"status\":400,\"detail\":\"D\",\"supported_versions\":[\"v1\",\"v2\"]}"
        )
        #expect(problem.response.headers.first("content-type") == "application/problem+json")
    }

    @Test func escapesWhatJSONRequires() {
        let problem = ProblemDetails(type: "t", title: "t", status: 400, detail: "say \"hi\"\\\n\t\u{1}é")
        #expect(problem.json.contains("\"detail\":\"say \\\"hi\\\"\\\\\\n\\t\\u0001é\""))
    }

    @Test(arguments: [
        (GatewayProblem.badRequest(.bodyTooLarge(limit: 10)), 413, "payload-too-large"),
        (.badRequest(.headTooLarge(limit: 10)), 431, "malformed-request"),
        (.badRequest(.unsupportedMethod("TRACE")), 501, "not-implemented"),
        (.upstreamTimedOut(seconds: 0.5), 504, "upstream-timeout"),
        (.upstreamUnreachable("refused"), 502, "upstream-unreachable"),
        (.shuttingDown, 503, "shutting-down"),
    ])
    func eachProblemHasOneStatusAndType(problem: GatewayProblem, status: Int, slug: String) {
        #expect(problem.details.status == status)
        #expect(problem.details.type == "urn:versiongate:problem:\(slug)")
    }
}
