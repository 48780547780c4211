import CurlClient
import Versioning

/// Every problem the gateway itself answers with, each mapped to one status and one stable type, in one place.
public enum GatewayProblem: Error, Sendable, Equatable {
    /// `source` says where the request named it: "the API-Version header", "the path", ….
    case malformedVersion(source: String, value: String, supported: [VersionName])
    case unknownVersion(source: String, version: VersionName, supported: [VersionName])
    /// Two places in one request name different versions.
    case ambiguousVersion([NamedVersion])
    case versionRetired(VersionName, since: Instant?, successor: VersionName?, guide: GuideLink?)
    case versionBrownout(VersionName, until: Instant, successor: VersionName?, guide: GuideLink?)
    /// A draft the client is not in the preview list of; `clientHeader` is where it names itself, nil when it does
    /// so with its token.
    case previewOnly(VersionName, clientHeader: String?, clientID: String?, fallback: VersionName)
    case badRequest(HTTPParseError)
    /// A request whose head (`part` "head") or body ("body") did not arrive whole in time.
    case requestTimeout(part: String)
    case untranslatableRequestBody(version: VersionName, reason: String)
    /// A request body in a content coding the gateway cannot decode, which its version's translation must read.
    case unsupportedContentCoding(String, version: VersionName)
    case untranslatableResponseBody(reason: String)
    case expectationFailed(String)
    case upstreamUnreachable(String)
    case upstreamTimedOut(seconds: Double)
    case upstreamResponseTooLarge
    case upstreamInvalid(String)
    case shuttingDown
    /// The gateway holds as many request and response bodies as `--max-buffered-bytes` allows.
    case overBudget
    /// The gateway had no file descriptor left for an upstream connection: its own shortage, not the upstream's.
    case outOfDescriptors
    case adminNotFound(path: String)
    /// A protected admin endpoint without the admin token; `presented` when some other credential was sent.
    case adminUnauthorized(presented: Bool)
    /// A protected admin endpoint asked with a method other than GET or HEAD.
    case adminMethodNotAllowed(String)
    /// The deprecation report cannot be built now (its store is unreachable).
    case reportUnavailable(String)
    /// A request to the API without valid client credentials: nil when it presented none (RFC 6750 §3.1 then
    /// names no error), else why they fail, in words that never quote the token.
    case clientUnauthorized(reason: String?)
    /// A test client's request on a gateway without a sandbox upstream.
    case sandboxUnavailable
    /// A request naming no version from a client pinned to one the gateway no longer serves (its manifest was
    /// removed); `header` is the version header's name.
    case pinnedVersionGone(VersionName, client: String, header: String, supported: [VersionName])

    /// A version a request named, and where (`the path`, `the API-Version header`).
    public struct NamedVersion: Sendable, Equatable {
        public var source: String
        public var version: VersionName

        public init(source: String, version: VersionName) {
            self.source = source
            self.version = version
        }
    }

    public var details: ProblemDetails {
        switch self {
        case .malformedVersion(let source, let value, let supported):
            ProblemDetails(
                type: Self.type("unknown-version"),
                title: "Unknown API version",
                status: 400,
                detail: "'\(value)' in \(source) is not a version name. Supported versions: "
                    + Self.list(supported) + ".",
                extensions: [("supported_versions", .strings(supported.map(\.description)))]
            )
        case .unknownVersion(let source, let version, let supported):
            ProblemDetails(
                type: Self.type("unknown-version"),
                title: "Unknown API version",
                status: 400,
                detail: "Version \(version) named in \(source) does not exist. Supported versions: "
                    + Self.list(supported) + ".",
                extensions: [("supported_versions", .strings(supported.map(\.description)))]
            )
        case .ambiguousVersion(let named):
            ProblemDetails(
                type: Self.type("ambiguous-version"),
                title: "Ambiguous API version",
                status: 400,
                detail: "The request names more than one version: "
                    + named.map { "\($0.version) in \($0.source)" }.joined(separator: ", ")
                    + ". Name one version, or the same one in each place."
            )
        case .versionRetired(let version, let since, let successor, let guide):
            ProblemDetails(
                type: Self.type("version-retired"),
                title: "API version retired",
                status: 410,
                detail: "API version \(version) was retired" + (since.map { " on \($0.calendarDate)" } ?? "") + "."
                    + Self.advice(successor: successor, guide: guide),
                extensions: Self.successorMembers(successor, guide)
            )
        case .versionBrownout(let version, let until, let successor, let guide):
            ProblemDetails(
                type: Self.type("version-brownout"),
                title: "API version temporarily unavailable",
                status: 410,
                detail: "API version \(version) is deprecated and switched off until \(until) (a scheduled brownout) "
                    + "ahead of its sunset." + Self.advice(successor: successor, guide: guide),
                extensions: Self.successorMembers(successor, guide)
            )
        case .previewOnly(let version, let header, let clientID, let fallback):
            ProblemDetails(
                type: Self.type("preview-only"),
                title: "API version in preview",
                status: 403,
                detail: "API version \(version) is a draft, open only to preview clients. "
                    + (clientID.map {
                        "Client '\($0)' is not one of them: ask for it to be added to \(version)'s preview list"
                    }
                        ?? (header.map { "Send your client id in the \($0) header" }
                            ?? "Present your client token (Authorization: Bearer …)")
                            + " and ask for it to be added to \(version)'s preview list")
                    + ", or use \(fallback)."
            )
        case .badRequest(let error):
            ProblemDetails(
                type: Self.type(Self.requestProblemTypes[error.status] ?? "malformed-request"),
                title: Self.title(forStatus: error.status),
                status: error.status,
                detail: error.detail
            )
        case .requestTimeout(let part):
            ProblemDetails(
                type: Self.type("request-timeout"),
                title: "Request timeout",
                status: 408,
                detail:
                    "The request \(part) did not arrive in time; the connection closes. Send whole requests promptly."
            )
        case .untranslatableRequestBody(let version, let reason):
            ProblemDetails(
                type: Self.type("malformed-body"),
                title: "Malformed request body",
                status: 400,
                detail: "The request body must be JSON in the shape of API version \(version), and \(reason)."
            )
        case .unsupportedContentCoding(let coding, let version):
            ProblemDetails(
                type: Self.type("unsupported-content-coding"),
                title: "Unsupported content coding",
                status: 415,
                detail:
                    "The request body is in the '\(coding)' content coding, and a request of API version \(version) "
                    + "has its body translated, which reads it: send it as gzip, deflate or without Content-Encoding.",
                // RFC 9110 §12.5.3: a 415 for a content coding names the codings the server accepts.
                headers: [HTTPField("Accept-Encoding", "gzip, deflate, identity")]
            )
        case .untranslatableResponseBody(let reason):
            ProblemDetails(
                type: Self.type("upstream-untranslatable"),
                title: "Upstream response not translatable",
                status: 502,
                detail: "The upstream API's response could not be translated to the requested version: \(reason)."
            )
        case .expectationFailed(let expectation):
            ProblemDetails(
                type: Self.type("expectation-failed"),
                title: "Expectation failed",
                status: 417,
                detail: "Only 'Expect: 100-continue' is supported, not '\(expectation)'."
            )
        case .upstreamUnreachable(let reason):
            ProblemDetails(
                type: Self.type("upstream-unreachable"),
                title: "Upstream unreachable",
                status: 502,
                detail: "The gateway could not reach the upstream API (\(reason)). Retry later."
            )
        case .upstreamTimedOut(let seconds):
            ProblemDetails(
                type: Self.type("upstream-timeout"),
                title: "Upstream timed out",
                status: 504,
                detail: "The upstream API did not answer within \(Self.seconds(seconds)). Retry later."
            )
        case .upstreamResponseTooLarge:
            ProblemDetails(
                type: Self.type("upstream-response-too-large"),
                title: "Upstream response too large",
                status: 502,
                detail: "The upstream API's response exceeds the gateway's limit."
            )
        case .upstreamInvalid(let reason):
            ProblemDetails(
                type: Self.type("upstream-invalid-response"),
                title: "Invalid upstream response",
                status: 502,
                detail: "The upstream API's response could not be read (\(reason))."
            )
        case .shuttingDown:
            ProblemDetails(
                type: Self.type("shutting-down"),
                title: "Service unavailable",
                status: 503,
                detail: "The gateway is shutting down. Retry on a new connection."
            )
        case .overBudget:
            ProblemDetails(
                type: Self.type("over-budget"),
                title: "Service unavailable",
                status: 503,
                detail: "The gateway holds as many request and response bodies as it may at once. Retry shortly.",
                // RFC 9110 §10.2.3: when to try again, in seconds.
                headers: [HTTPField("Retry-After", "1")]
            )
        case .outOfDescriptors:
            ProblemDetails(
                type: Self.type("out-of-descriptors"),
                title: "Service unavailable",
                status: 503,
                detail: "The gateway has no file descriptor left to connect to the upstream. Retry shortly.",
                headers: [HTTPField("Retry-After", "1")]
            )
        case .adminNotFound(let path):
            ProblemDetails(
                type: Self.type("not-found"),
                title: "Not found",
                status: 404,
                detail: "'\(path)' is not an endpoint of the gateway."
            )
        case .adminUnauthorized(let presented):
            ProblemDetails(
                type: Self.type("unauthorized"),
                title: "Unauthorized",
                status: 401,
                detail: presented
                    ? "The credentials sent are not the gateway's admin token."
                    : "This endpoint needs the gateway's admin token: Authorization: Bearer <token>.",
                headers: [
                    HTTPField(
                        "WWW-Authenticate",
                        presented
                            ? #"Bearer realm="versiongate", error="invalid_token""# : #"Bearer realm="versiongate""#
                    )
                ]
            )
        case .adminMethodNotAllowed(let method):
            ProblemDetails(
                type: Self.type("method-not-allowed"),
                title: "Method not allowed",
                status: 405,
                detail: "This endpoint answers GET and HEAD, not \(method).",
                headers: [HTTPField("Allow", "GET, HEAD")]
            )
        case .clientUnauthorized(let reason):
            ProblemDetails(
                type: Self.type(reason == nil ? "unauthenticated" : "invalid-token"),
                title: "Unauthorized",
                status: 401,
                detail: reason.map { "The request's bearer token is refused: \($0)." }
                    ?? "This API needs a client token: Authorization: Bearer vg_live_…",
                headers: [HTTPField("WWW-Authenticate", Self.bearerChallenge(error: reason))]
            )
        case .sandboxUnavailable:
            ProblemDetails(
                type: Self.type("sandbox-unavailable"),
                title: "No sandbox",
                status: 403,
                detail: "The request presents a test token, and this gateway has no sandbox upstream: test traffic "
                    + "never reaches the live API. Use a live token, or a gateway started with --sandbox-upstream."
            )
        case .pinnedVersionGone(let version, let client, let header, let supported):
            ProblemDetails(
                type: Self.type("pinned-version-gone"),
                title: "Pinned API version gone",
                status: 410,
                detail: "Client \(client) is pinned to API version \(version), which this gateway no longer serves. "
                    + "Name a version in the \(header) header (" + Self.list(supported)
                    + "), or have the pin changed.",
                extensions: [("supported_versions", .strings(supported.map(\.description)))]
            )
        case .reportUnavailable(let reason):
            ProblemDetails(
                type: Self.type("report-unavailable"),
                title: "Report unavailable",
                status: 503,
                detail: "The deprecation report cannot be built now: \(reason)."
            )
        }
    }

    /// The problem an upstream failure maps to.
    /// The type of a request the framer refused, by status, where it is not `malformed-request`.
    private static let requestProblemTypes = [413: "payload-too-large", 501: "not-implemented"]

    public init(_ error: CurlClientError, timeoutSeconds: Double) {
        switch error.kind {
        case .timedOut: self = .upstreamTimedOut(seconds: timeoutSeconds)
        case .responseTooLarge: self = .upstreamResponseTooLarge
        case .protocolError: self = .upstreamInvalid(error.message)
        case .unreachable: self = .upstreamUnreachable(error.message)
        case .shutDown: self = .shuttingDown
        case .overBudget: self = .overBudget
        case .outOfDescriptors: self = .outOfDescriptors
        }
    }

    /// The `Bearer` challenge (RFC 6750 §3): `invalid_token` with a description when credentials were refused.
    /// The description keeps to the characters §3 allows (printable ASCII but `"` and `\`).
    private static func bearerChallenge(error reason: String?) -> String {
        guard let reason else { return #"Bearer realm="versiongate""# }
        var description = ""
        for scalar in reason.unicodeScalars {
            if scalar == "…" {
                description += "..."
            } else if (0x20...0x7E).contains(scalar.value), scalar != "\"", scalar != "\\" {
                description.unicodeScalars.append(scalar)
            }
        }
        return #"Bearer realm="versiongate", error="invalid_token", error_description=""# + description + "\""
    }

    private static func advice(successor: VersionName?, guide: GuideLink?) -> String {
        guard let successor else { return "" }
        return " Use \(successor) instead" + (guide.map { "; see the migration guide at \($0.url)." } ?? ".")
    }

    private static func successorMembers(
        _ successor: VersionName?,
        _ guide: GuideLink?
    )
        -> [(String, ProblemDetails.ExtensionValue)]
    {
        var members: [(String, ProblemDetails.ExtensionValue)] = []
        if let successor { members.append(("successor_version", .string(successor.description))) }
        if let guide { members.append(("migration_guide", .string(guide.url))) }
        return members
    }

    private static func type(_ slug: String) -> String { "urn:versiongate:problem:\(slug)" }

    private static func list(_ versions: [VersionName]) -> String {
        versions.map(\.description).joined(separator: ", ")
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func title(forStatus status: Int) -> String {
        switch status {
        case 413: "Payload too large"
        case 431: "Request header fields too large"
        case 501: "Not implemented"
        case 505: "HTTP version not supported"
        default: "Bad request"
        }
    }
}
