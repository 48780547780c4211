import CurlClient
import Testing

/// Only URLs curl can use for every request, and messages that never echo a credential.
extension UpstreamURLTests {
    @Test(arguments: [
        ("http://127.0.0.1:65535", "http://127.0.0.1:65535", ""),
        ("http://[::1]:1/v2", "http://[::1]:1", "/v2"),
        ("http://[::1]", "http://[::1]", ""),
    ])
    func portsFromOneTo65535AndBracketedIPv6HostsAreAccepted(text: String, origin: String, basePath: String) throws {
        let url = try UpstreamURL(text)
        #expect(url.origin == origin)
        #expect(url.basePath == basePath)
    }

    @Test(arguments: [
        "http://127.0.0.1:99999", "http://127.0.0.1:0", "http://127.0.0.1:http", "http://127.0.0.1:", "http://[::1]:0",
        "http://127.0.0.1:+80/api", "http://[::1]x",
    ])
    func aPortOutsideOneTo65535IsRefused(text: String) {
        let error = #expect(throws: UpstreamURL.ParseError.self) { try UpstreamURL(text) }
        #expect(error?.description == "upstream URL '\(text)' must have a port between 1 and 65535")
    }

    @Test(arguments: ["http://127.0.0.1:19002?x=1", "http://127.0.0.1:19002#f", "http://h/api?x=1", "http://h/a#f"])
    func aQueryOrFragmentIsRefusedWithOrWithoutAPath(text: String) {
        let error = #expect(throws: UpstreamURL.ParseError.self) { try UpstreamURL(text) }
        #expect(error?.description == "upstream URL '\(text)' must not have a query or fragment")
    }

    @Test(arguments: [
        ("http://user:tok@127.0.0.1:1", "upstream URL 'http://***@127.0.0.1:1' needs a host"),
        ("ftp://user:tok@127.0.0.1", "upstream URL 'ftp://***@127.0.0.1' must start with http://"),
        ("user:tok@127.0.0.1", "upstream URL '***@127.0.0.1' must start with http://"),
        ("http://user:tok/en@127.0.0.1", "upstream URL 'http://***@127.0.0.1' must have a port"),
    ])
    func credentialsAreRefusedWithoutBeingEchoed(text: String, message: String) {
        let error = #expect(throws: UpstreamURL.ParseError.self) { try UpstreamURL(text) }
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("tok") == false)
    }
}
