import CCurl

/// libcurl's process-wide initialisation, done once before any thread uses curl (libcurl-thread(3)).
enum CurlGlobal {
    /// Swift runs a global's initialiser exactly once, thread-safely, on first use.
    private static let initialised: Bool = {
        curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
    }()

    static func ensureInitialised() {
        precondition(self.initialised, "curl_global_init failed")
    }
}
