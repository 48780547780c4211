import ArgumentParser
import CurlClient
import Gateway
import Versioning

/// The options `serve` and `demo` share: where to listen and how the gateway behaves.
struct GatewayOptions: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(parsing: .unconditional, help: "Event loops to run, one thread each.")
    var threads = 1

    @OptionGroup var versionOptions: VersionOptions

    @Option(
        parsing: .unconditional,
        help: "Seconds an upstream exchange may take before the client gets 504 (a relayed body: seconds of silence)."
    )
    var upstreamTimeout: Double = 30

    @Option(parsing: .unconditional, help: "Seconds a connection may wait for its next request before it is closed.")
    var idleTimeout: Double = 60

    @Option(parsing: .unconditional, help: "Seconds a request head may take from its first byte; later gets 408.")
    var headerTimeout: Double = 20

    @Option(parsing: .unconditional, help: "Seconds a request body may take from its head; later gets 408.")
    var bodyTimeout: Double = 60

    @Option(parsing: .unconditional, help: "Seconds requests in flight may take to finish on SIGTERM or Ctrl-C.")
    var drainTimeout: Double = 30

    @Option(
        parsing: .unconditional,
        help:
            "Largest request body the gateway reads whole to translate, in bytes (larger: 413); also the largest response body, decoded, it translates (larger: 502). Bodies it streams untranslated have no limit."
    )
    var maxBodyBytes = 16 << 20

    @Option(
        parsing: .unconditional,
        help: "Most bytes of request and response bodies held at once, across connections; past it, 503."
    )
    var maxBufferedBytes = 256 << 20

    @Option(help: "The request header that names the API version.")
    var versionHeader = "API-Version"

    @Option(help: "A query parameter that also names the version (e.g. api-version); removed before forwarding.")
    var versionQuery: String?

    @Flag(
        inversion: .prefixedNo,
        help: "Also read the version from a first path segment (/v1/orders); removed before forwarding."
    )
    var versionPathPrefix = false

    @Flag(
        inversion: .prefixedNo,
        help: "With --version-path-prefix, forward the prefix too, as the version the upstream speaks."
    )
    var keepVersionPrefix = false

    @Option(help: "Path prefix of the gateway's own endpoints (health, guides, report, metrics).")
    var adminPrefix = "/_versiongate"

    @Option(help: "The request header that names the client, for draft previews and the usage ledger.")
    var clientIDHeader = "X-Client-ID"

    @Option(help: "The request header that asks for a shadow preview of a newer version (answered in NAME-Changes).")
    var previewHeader = "API-Version-Preview"

    @Option(help: "Base URL where migration guides are published; the gateway serves them itself if omitted.")
    var docsBaseURL: String?

    @Option(help: "How the gateway names itself in the Via field of the requests it forwards; 'off' sends none.")
    var via = "versiongate"

    func validate() throws {
        guard HostPort.isAddressLiteral(self.host) else {
            throw ValidationError("--host must be an IP address like 127.0.0.1 or ::1, not '\(self.host)'")
        }
        guard (0...65535).contains(self.port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (1...256).contains(self.threads) else { throw ValidationError("--threads must be between 1 and 256") }
        guard self.upstreamTimeout > 0 else { throw ValidationError("--upstream-timeout must be positive") }
        for (name, seconds) in [
            ("idle", self.idleTimeout), ("header", self.headerTimeout), ("body", self.bodyTimeout),
            ("drain", self.drainTimeout),
        ] where !(seconds > 0 && seconds <= 86_400) {
            throw ValidationError("--\(name)-timeout must be more than 0 and at most 86400 seconds")
        }
        guard self.maxBodyBytes >= 0 else { throw ValidationError("--max-body-bytes must not be negative") }
        guard self.maxBufferedBytes / self.threads >= self.maxBodyBytes else {
            throw ValidationError(
                "--max-buffered-bytes must be at least --threads × --max-body-bytes (\(self.threads * self.maxBodyBytes)): "
                    + "each loop holds its share, and a body as large as the limit must fit in it"
            )
        }
        let headers = [
            ("--version-header", self.versionHeader), ("--client-id-header", self.clientIDHeader),
            ("--preview-header", self.previewHeader),
        ]
        guard Set(headers.map { $0.1.lowercased() }).count == headers.count else {
            throw ValidationError(
                "--version-header, --client-id-header and --preview-header must name different fields"
            )
        }
        for (option, name) in headers {
            guard !name.isEmpty, name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != 0x3A }) else {
                throw ValidationError("\(option) must be a header name")
            }
            // Problem responses quote these headers' values (an unknown version, a client not in a preview).
            guard !["authorization", "proxy-authorization", "cookie"].contains(name.lowercased()) else {
                throw ValidationError(
                    "\(option) cannot be \(name): error responses would echo the credential it carries"
                )
            }
        }
        if let name = self.versionQuery,
            name.isEmpty || !name.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !"&=#?%+".utf8.contains($0) })
        {
            throw ValidationError("--version-query must be a query parameter name like api-version")
        }
        guard !self.keepVersionPrefix || self.versionPathPrefix else {
            throw ValidationError("--keep-version-prefix needs --version-path-prefix")
        }
        // A pseudonym is a token (RFC 9110 §7.6.3, §5.6.2); these characters are a safe subset of one.
        let pseudonymCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._".utf8)
        guard !self.via.isEmpty, self.via.utf8.allSatisfy(pseudonymCharacters.contains) else {
            throw ValidationError("--via must be a name like versiongate (letters, digits, -._), or off")
        }
        if let base = self.docsBaseURL, !(base.hasPrefix("http://") || base.hasPrefix("https://")) {
            throw ValidationError("--docs-base-url must be an http or https URL")
        }
        guard self.adminPrefix.hasPrefix("/"), self.adminPrefix.count > 1, !self.adminPrefix.hasSuffix("/") else {
            throw ValidationError("--admin-prefix must look like /_versiongate")
        }
    }

    /// - Parameters:
    ///   - upstreamVersion: the version the upstream speaks, already checked against the catalog.
    ///   - versionUpstreams: versions with an upstream of their own, already checked against the catalog.
    func configuration(
        upstream: String,
        upstreamVersion: VersionName?,
        versionUpstreams: [VersionName: UpstreamURL] = [:]
    ) throws -> GatewayConfiguration {
        let url = try UpstreamURL.parsing(upstream)
        return GatewayConfiguration(
            host: self.host,
            port: self.port,
            threads: self.threads,
            upstream: url,
            upstreamVersion: upstreamVersion,
            versionUpstreams: versionUpstreams,
            upstreamTimeoutSeconds: self.upstreamTimeout,
            versionHeaderName: self.versionHeader,
            versionSources: VersionSources(
                queryParameter: self.versionQuery,
                pathPrefix: self.versionPathPrefix,
                keepsPathPrefix: self.keepVersionPrefix
            ),
            adminPathPrefix: self.adminPrefix,
            limits: RequestFramer.Limits(maxBodyBytes: self.maxBodyBytes),
            maxBufferedBytes: self.maxBufferedBytes,
            idleTimeoutSeconds: self.idleTimeout,
            headTimeoutSeconds: self.headerTimeout,
            bodyTimeoutSeconds: self.bodyTimeout,
            drainTimeoutSeconds: self.drainTimeout,
            clientIDHeaderName: self.clientIDHeader,
            previewHeaderName: self.previewHeader,
            viaPseudonym: self.via == "off" ? nil : self.via,
            documentationBaseURL: self.docsBaseURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
            clock: try ProcessClock.fromEnvironment()
        )
    }
}

extension UpstreamURL {
    /// `text` as an upstream URL.
    /// - Throws: a ``CommandFailure`` saying what is wrong with it.
    static func parsing(_ text: String) throws -> UpstreamURL {
        do {
            return try UpstreamURL(text)
        } catch {
            throw CommandFailure(message: error.description)
        }
    }
}

extension VersionCatalog {
    /// The version named `text`, which must be in the catalog.
    /// - Throws: a ``CommandFailure`` naming `option` and the versions there are.
    func version(named text: String, option: String) throws -> VersionName {
        guard let name = VersionName(text), self[name] != nil else {
            let known = self.names.map(\.description).joined(separator: ", ")
            throw CommandFailure(message: "\(option) '\(text)' is not one of: \(known)")
        }
        return name
    }
}
