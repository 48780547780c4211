extension CurlClient {
    /// What every transfer of one client shares.
    public struct Configuration: Sendable {
        /// Scheme, host, port and optional base path of the upstream, e.g. `http://127.0.0.1:9001` or
        /// `http://api.internal/base`. Request targets are appended to it byte for byte.
        public var upstream: UpstreamURL
        /// Longest wait for a TCP connection to the upstream, in milliseconds.
        public var connectTimeoutMilliseconds: Int
        /// Longest a collected transfer may take, in milliseconds; for a streamed one, or one with a request body
        /// sent as it arrives, the longest the upstream may be silent (see ``CurlClient/stream(_:to:)``), and the
        /// longest a collected response may take after the start or after that body.
        public var totalTimeoutMilliseconds: Int
        /// Most connections open to the upstream at once; further transfers queue inside curl.
        public var maxConnectionsPerHost: Int
        /// Largest response body collected from the upstream, in bytes; a streamed body has no limit.
        public var maxResponseBodyBytes: Int

        public init(
            upstream: UpstreamURL,
            connectTimeoutMilliseconds: Int = 5_000,
            totalTimeoutMilliseconds: Int = 30_000,
            maxConnectionsPerHost: Int = 256,
            maxResponseBodyBytes: Int = 64 << 20
        ) {
            self.upstream = upstream
            self.connectTimeoutMilliseconds = connectTimeoutMilliseconds
            self.totalTimeoutMilliseconds = totalTimeoutMilliseconds
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxResponseBodyBytes = maxResponseBodyBytes
        }
    }
}
