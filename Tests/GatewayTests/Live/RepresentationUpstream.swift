import ContentCoding
import Gateway
import TestSupport
import Versioning

/// A v2 upstream that answers exact bytes and fields (``ScriptedUpstream``), with the v1 bodies a gateway in front of
/// it must make of them, written by hand: the oracle of the live representation tests.
enum RepresentationUpstream {
    static let v2Order =
        #"{"id":"po_1","supplier_id":"sup_1","status":"submitted","total":{"amount":"99.50","currency":"EUR"}}"#
    static let v1Order = #"{"id":"po_1","vendor_id":"sup_1","status":"submitted","total":"99.50","currency":"EUR"}"#
    static let v2List = #"{"data":[{"id":"po_1","supplier_id":"sup_1"}],"meta":{"total":1}}"#
    static let v1List = #"{"results":[{"id":"po_1","vendor_id":"sup_1"}],"count":1}"#

    /// Python's `zlib.compress` of `{"id":"po_2","supplier_id":"sup_2"}`: the `deflate` coding.
    static let deflatedOrder2: [UInt8] = [
        120, 156, 171, 86, 202, 76, 81, 178, 82, 42, 200, 143, 55, 82, 210, 81, 42, 46, 45, 40, 200, 201, 76, 45, 138,
        7, 11, 2, 121, 64, 209, 90, 0, 200, 215, 11, 111,
    ]

    /// A PDF export: bytes no declared change describes.
    static let pdfAttachment = Array("%PDF-1.7\n{\"created_at\": not JSON}\n%%EOF\n".utf8)

    /// The upstream's v2 API, as a backend would answer it.
    static func upstream(_ request: ScriptedUpstream.Request) -> ScriptedUpstream.Response {
        let acceptsGzip = request.field("Accept-Encoding")?.contains("gzip") ?? false
        switch (request.method, request.target) {
        case ("GET", "/purchase-orders?supplier_id=sup_1"):
            guard acceptsGzip else { return .init(fields: [("Vary", "Accept-Encoding")], body: Array(v2List.utf8)) }
            return .init(
                fields: [
                    ("Content-Encoding", "gzip"), ("Vary", "Accept-Encoding"), ("Content-Type", "application/json"),
                ],
                body: ContentEncoder.gzip(Array(v2List.utf8))
            )
        case ("GET", "/purchase-orders/po_1") where request.field("If-None-Match") == #""po1-rev7""#:
            return .init(status: 304, fields: [("ETag", #""po1-rev7""#)])
        case ("GET", "/purchase-orders/po_1") where request.field("Range") != nil:
            return .init(
                status: 206,
                fields: [("Content-Range", "bytes 0-9/\(v2Order.utf8.count)"), ("ETag", #""po1-rev7""#)],
                body: Array(v2Order.utf8.prefix(10))
            )
        case ("GET", "/purchase-orders/po_1"), ("HEAD", "/purchase-orders/po_1"):
            return .init(
                fields: [
                    ("ETag", #""po1-rev7""#), ("Last-Modified", "Thu, 15 Jan 2026 09:30:00 GMT"),
                    ("Content-MD5", "Q2hlY2sgSW50ZWdyaXR5IQ=="),
                    ("Content-Digest", "sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:"),
                    ("Accept-Ranges", "bytes"), ("Content-Type", "application/json"),
                ],
                body: Array(v2Order.utf8)
            )
        case ("GET", "/purchase-orders/po_2"):
            return .init(fields: [("Content-Encoding", "deflate")], body: deflatedOrder2)
        case ("GET", "/purchase-orders/po_4"):
            // A gzip stream cut short of its trailer: libcurl's decoder let this pass as whole.
            return .init(
                fields: [("Content-Encoding", "gzip")],
                body: ContentEncoder.gzip(Array(v2Order.utf8)).dropLast(8)
            )
        case ("GET", "/purchase-orders/po_1/attachment"):
            return .init(fields: [("Content-Type", "application/pdf")], body: pdfAttachment)
        case ("GET", "/purchase-orders/po_6"):
            return .init(
                fields: [("Content-Type", "application/vnd.erp+json; charset=utf-8")],
                body: Array(v2Order.utf8)
            )
        case ("GET", "/purchase-orders/po_5"):
            return .init(fields: [("ETag", "rev-without-quotes")], body: Array(v2Order.utf8))
        case ("GET", "/purchase-orders/po_3"):
            return .init(fields: [("Content-Encoding", "compress")], body: [0x1F, 0x9D, 0x90])
        case ("PATCH", "/purchase-orders/po_1") where request.field("If-Match") != #""po1-rev7""#:
            return .init(
                status: 412,
                fields: [("Content-Type", "application/problem+json")],
                body: Array(#"{"status":412}"#.utf8)
            )
        case ("PATCH", "/purchase-orders/po_1"), ("POST", "/purchase-orders"):
            return .init(status: 200, fields: [("ETag", #""po1-rev8""#)], body: request.body)
        default:
            return .init(status: 404, body: Array(#"{"error":"not found"}"#.utf8))
        }
    }

    /// Runs `body` with a client of a live gateway (upstream version v2) in front of ``upstream(_:)``.
    /// - Parameter offLoop: translate every body off the event loop, as large ones are.
    static func withGateway(
        offLoop: Bool = false,
        _ body: (RawHTTPClient, ScriptedUpstream) async throws -> Void
    ) async throws {
        let upstream = try await ScriptedUpstream.start(Self.upstream)
        let configure = offLoop ? Self.upstreamSpeaksV2TranslatedOffLoop : Self.upstreamSpeaksV2
        do {
            try await withLiveGateway(upstreamURL: upstream.url, configure: configure) { gateway in
                try await body(try gateway.client(), upstream)
            }
        } catch {
            try? await upstream.stop()
            throw error
        }
        try await upstream.stop()
    }

    private static func upstreamSpeaksV2(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
    }

    private static func upstreamSpeaksV2TranslatedOffLoop(_ configuration: inout GatewayConfiguration) {
        configuration.upstreamVersion = VersionName("v2")
        configuration.offLoopTranslationBytes = 0
    }

    /// Whether `bytes` are the JSON document `text`.
    static func sameJSON(_ bytes: [UInt8], _ text: String) -> Bool { TestSupport.sameJSON(bytes, Array(text.utf8)) }

    static let v1: (String, String) = ("API-Version", "v1")
}
