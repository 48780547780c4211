import ContentCoding
import Testing

@Suite("Accept-Encoding")
struct AcceptEncodingTests {
    @Test(arguments: [
        (["gzip, deflate, br"], true),
        (["br", "GZip;q=0.5"], true),
        (["x-gzip"], true),
        (["*"], true),
        (["gzip;q=0"], false),
        (["gzip; q=0.000, *"], false),
        (["*;q=0"], false),
        (["*;q=0, gzip"], true),
        (["deflate, br"], false),
        (["identity"], false),
        ([], false),
    ])
    func gzipIsAcceptedWhenNamedOrMatchedWithWeight(values: [String], accepts: Bool) {
        #expect(AcceptEncoding.acceptsGzip(values) == accepts)
    }
}
