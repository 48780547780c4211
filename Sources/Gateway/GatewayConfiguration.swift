import CurlClient
import Glibc
import Usage
import Versioning

/// Everything `versiongate serve` can be told, with the defaults a newcomer gets.
public struct GatewayConfiguration: Sendable {
    /// Address to listen on; loopback unless told otherwise.
    public var host: String
    /// Port to listen on; 0 picks a free one (see ``GatewayServer/port``).
    public var port: Int
    /// Event loops to run, each on its own thread with its own listening socket and curl multi handle.
    public var threads: Int
    /// The default upstream: every version without an upstream of its own is translated to its version.
    public var upstream: UpstreamURL
    /// The version the default upstream speaks; nil for the catalog's current version.
    public var upstreamVersion: VersionName?
    /// Versions with an upstream of their own (a legacy backend that still serves `v1`), forwarded there
    /// untranslated. Each upstream gets its own connection pool on every loop, with the timeouts below.
    public var versionUpstreams: [VersionName: UpstreamURL]
    /// Longest a whole upstream exchange may take before the client gets `504`.
    public var upstreamTimeoutSeconds: Double
    /// Longest the connection to the upstream may take to open before the client gets `504`.
    public var upstreamConnectTimeoutSeconds: Double
    /// Most upstream connections per loop.
    public var maxUpstreamConnections: Int
    /// The request header that names the version.
    public var versionHeaderName: String
    /// Where else requests may name their version: a query parameter, a path prefix.
    public var versionSources: VersionSources
    /// Paths under this prefix belong to the gateway itself (`/_versiongate/health`).
    public var adminPathPrefix: String
    public var limits: RequestFramer.Limits
    /// A client connection with no request in progress is closed after this long.
    public var idleTimeoutSeconds: Double
    /// Tells the operator of a condition the gateway cannot fix itself (a loop out of file descriptors); called on
    /// an event loop, once per episode, so it must hand the line on without blocking. nil to say nothing.
    public var notice: (@Sendable (String) -> Void)?
    /// Most bytes of request and response bodies the process holds at once, shared evenly among the loops; a
    /// request whose body would pass it, or a response that does, gets `503` with `Retry-After`.
    public var maxBufferedBytes: Int
    /// Bodies larger than this (in bytes), or content-coded, are translated off the event loop, one at a time per
    /// loop, while the loop serves its other connections.
    public var offLoopTranslationBytes = 256 * 1024
    /// A request head must arrive whole within this long of its first byte, else `408`.
    public var headTimeoutSeconds: Double
    /// A request body must arrive whole within this long of its head, else `408`.
    public var bodyTimeoutSeconds: Double
    /// On shutdown, requests still running after this long are cut off.
    public var drainTimeoutSeconds: Double
    /// The request header that names the client, for draft previews.
    public var clientIDHeaderName: String
    /// The request header that asks for a shadow preview of a newer version (see ``ShadowPreview``); responses
    /// answer in `<name>-Changes` and, when the preview is ignored, `<name>-Warning`.
    public var previewHeaderName: String
    /// How the gateway names itself in the `Via` field of the requests it forwards (RFC 9110 §7.6.3); nil to send
    /// none.
    public var viaPseudonym: String?
    /// Base URL of the published migration guides (`https://docs.example.com/migrations`); nil to have the
    /// gateway serve them under ``adminPathPrefix``.
    public var documentationBaseURL: String?
    /// The time lifecycle decisions are made against; injectable for tests and rehearsals.
    public var clock: @Sendable () -> Instant
    /// Counting requests for the usage ledger and metrics; nil to count nothing.
    public var usage: UsageRecording?
    /// Where access log lines go; nil to write none.
    public var accessLog: AccessLogSink?
    /// Names clients that show a bearer token, in the ledger and the access log.
    public var tokenFingerprinter: TokenFingerprinter
    /// The protected admin endpoints (report, metrics) and their token.
    public var adminAccess: AdminAccess
    /// Whether requests present the registry's tokens, and where test clients go.
    public var authentication: ClientAuthentication

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        threads: Int = 1,
        upstream: UpstreamURL,
        upstreamVersion: VersionName? = nil,
        versionUpstreams: [VersionName: UpstreamURL] = [:],
        upstreamTimeoutSeconds: Double = 30,
        upstreamConnectTimeoutSeconds: Double = 5,
        maxUpstreamConnections: Int = 256,
        versionHeaderName: String = "API-Version",
        versionSources: VersionSources = .headerOnly,
        adminPathPrefix: String = "/_versiongate",
        limits: RequestFramer.Limits = .init(),
        maxBufferedBytes: Int = 256 << 20,
        idleTimeoutSeconds: Double = 60,
        headTimeoutSeconds: Double = 20,
        bodyTimeoutSeconds: Double = 60,
        drainTimeoutSeconds: Double = 30,
        clientIDHeaderName: String = "X-Client-ID",
        previewHeaderName: String = "API-Version-Preview",
        viaPseudonym: String? = "versiongate",
        documentationBaseURL: String? = nil,
        clock: @escaping @Sendable () -> Instant = SystemClock.now,
        usage: UsageRecording? = nil,
        accessLog: AccessLogSink? = nil,
        tokenFingerprinter: TokenFingerprinter = TokenFingerprinter(key: .ephemeral()),
        adminAccess: AdminAccess = AdminAccess(),
        authentication: ClientAuthentication = .off
    ) {
        self.host = host
        self.port = port
        self.threads = threads
        self.upstream = upstream
        self.upstreamVersion = upstreamVersion
        self.versionUpstreams = versionUpstreams
        self.upstreamTimeoutSeconds = upstreamTimeoutSeconds
        self.upstreamConnectTimeoutSeconds = upstreamConnectTimeoutSeconds
        self.maxUpstreamConnections = maxUpstreamConnections
        self.versionHeaderName = versionHeaderName
        self.versionSources = versionSources
        self.adminPathPrefix = adminPathPrefix
        self.limits = limits
        self.maxBufferedBytes = maxBufferedBytes
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.headTimeoutSeconds = headTimeoutSeconds
        self.bodyTimeoutSeconds = bodyTimeoutSeconds
        self.drainTimeoutSeconds = drainTimeoutSeconds
        self.clientIDHeaderName = clientIDHeaderName
        self.previewHeaderName = previewHeaderName
        self.viaPseudonym = viaPseudonym
        self.documentationBaseURL = documentationBaseURL
        self.clock = clock
        self.usage = usage
        self.accessLog = accessLog
        self.tokenFingerprinter = tokenFingerprinter
        self.adminAccess = adminAccess
        self.authentication = authentication
    }

    var guideLinks: GuideLinks {
        GuideLinks(documentationBaseURL: self.documentationBaseURL, adminPathPrefix: self.adminPathPrefix)
    }

    func curlConfiguration(for upstream: UpstreamURL) -> CurlClient.Configuration {
        CurlClient.Configuration(
            upstream: upstream,
            connectTimeoutMilliseconds: Int(self.upstreamConnectTimeoutSeconds * 1000),
            totalTimeoutMilliseconds: Int(self.upstreamTimeoutSeconds * 1000),
            maxConnectionsPerHost: self.maxUpstreamConnections
        )
    }
}

/// The wall clock, to the second.
public enum SystemClock {
    @Sendable public static func now() -> Instant {
        Instant(secondsSinceEpoch: Int64(time(nil)))
    }
}
