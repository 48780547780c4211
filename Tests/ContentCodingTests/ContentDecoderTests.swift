import ContentCoding
import Testing

@Suite("Decoding content codings")
struct ContentDecoderTests {
    private static let json = Array(#"{"id":"po_1"}"#.utf8)
    /// Python's `gzip.compress(…, mtime=0)` of ``json``: bytes made by another implementation.
    private static let gzipped: [UInt8] = [
        31, 139, 8, 0, 0, 0, 0, 0, 2, 3, 171, 86, 202, 76, 81, 178, 82, 42, 200, 143, 55, 84, 170, 5, 0, 255, 55,
        127, 154, 13, 0, 0, 0,
    ]
    /// Python's `zlib.compress` of ``json``: the `deflate` coding is the zlib format (RFC 9110 §8.4.1.2).
    private static let zlibFormat: [UInt8] = [
        120, 156, 171, 86, 202, 76, 81, 178, 82, 42, 200, 143, 55, 84, 170, 5, 0, 27, 218, 3, 247,
    ]

    @Test func gzipAndDeflateFromAnotherImplementationDecode() throws {
        #expect(try ContentDecoder.decode(Self.gzipped, codings: [.gzip], limit: 1024) == Self.json)
        #expect(try ContentDecoder.decode(Self.zlibFormat, codings: [.deflate], limit: 1024) == Self.json)
    }

    /// Python's `zlib.compressobj(wbits=-15)` of ``json``: bare deflate data, which some servers label `deflate`.
    @Test func bareDeflateDataLabelledDeflateDecodes() throws {
        let bare: [UInt8] = [171, 86, 202, 76, 81, 178, 82, 42, 200, 143, 55, 84, 170, 5, 0]
        #expect(try ContentDecoder.decode(bare, codings: [.deflate], limit: 1024) == Self.json)
    }

    @Test func codingsAreUndoneLastAppliedFirst() throws {
        let twice = ContentEncoder.gzip(Self.zlibFormat)
        #expect(try ContentDecoder.decode(twice, codings: [.deflate, .gzip], limit: 1024) == Self.json)
    }

    @Test func concatenatedGzipMembersDecodeToTheirConcatenation() throws {
        let decoded = try ContentDecoder.decode(Self.gzipped + Self.gzipped, codings: [.gzip], limit: 1024)
        #expect(decoded == Self.json + Self.json)
    }

    @Test func aBombStopsAtTheLimitNotAtTheEnd() {
        let bomb = ContentEncoder.gzip([UInt8](repeating: 0, count: 16 << 20))
        #expect(bomb.count < 128 * 1024)
        #expect(throws: ContentCodingError.tooLarge(limit: 1 << 20)) {
            try ContentDecoder.decode(bomb, codings: [.gzip], limit: 1 << 20)
        }
    }

    @Test func aBodyExactlyAtTheLimitDecodes() throws {
        let body = [UInt8](repeating: 7, count: 100_000)
        #expect(try ContentDecoder.decode(ContentEncoder.gzip(body), codings: [.gzip], limit: 100_000) == body)
    }

    @Test func truncatedOrForeignBytesAreCorrupt() {
        #expect(throws: ContentCodingError.corrupt(.gzip)) {
            try ContentDecoder.decode(Array(Self.gzipped.dropLast(9)), codings: [.gzip], limit: 1024)
        }
        #expect(throws: ContentCodingError.corrupt(.gzip)) {
            try ContentDecoder.decode(Self.json, codings: [.gzip], limit: 1024)
        }
        #expect(throws: ContentCodingError.corrupt(.deflate)) {
            try ContentDecoder.decode(Self.zlibFormat + [0], codings: [.deflate], limit: 1024)
        }
    }

    @Test func anEmptyBodyStaysEmpty() throws {
        #expect(try ContentDecoder.decode([], codings: [.gzip], limit: 0) == [])
    }

    @Test func fieldValuesNameTheirCodingsInOrder() throws {
        #expect(try ContentCoding.codings(in: "deflate, X-GZIP") == [.deflate, .gzip])
        #expect(try ContentCoding.codings(in: "identity") == [])
        #expect(throws: ContentCodingError.unsupported("br")) { try ContentCoding.codings(in: "gzip, BR") }
    }
}
