import CurlClient
import Gateway
import RawStructuredFieldValues
import Testing
import Versioning

/// `API-Version-Preview: v2` on a v1 request: served exactly as without it, and the response names the changes v2
/// would make to the exchange, as an RFC 9651 List of Strings read here with swift-http-structured-headers.
@Suite struct ShadowPreviewPipelineTests {
    /// A pipeline whose upstream speaks `upstream`, so that previews are tried both with and without translation.
    private func pipeline(upstream: String = "v1") throws -> RequestPipeline {
        let configuration = GatewayConfiguration(
            upstream: try UpstreamURL("http://127.0.0.1:9"),
            upstreamVersion: VersionName(upstream)
        )
        return RequestPipeline(configuration: configuration, catalog: try VersionCatalog.bundled())
    }

    /// The response the client gets, with and without the preview header, to a request the upstream answers with
    /// `body` (in `upstream`'s version).
    private func exchange(
        _ method: String,
        _ target: String,
        request: String? = nil,
        status: Int = 200,
        response body: String,
        preview: String? = "v2",
        upstream: String = "v1",
        fields: String = "Content-Type: application/json\r\n"
    ) throws -> GatewayResponse? {
        let pipeline = try self.pipeline(upstream: upstream)
        var headers = [HTTPField("Host", "api"), HTTPField("API-Version", "v1")]
        if let preview { headers.append(HTTPField("API-Version-Preview", preview)) }
        let head = RequestHead(method: method, target: target, headers: headers)
        let requestBody = Array((request ?? "").utf8)
        guard let exchange = pipeline.forwardedExchange(head),
            let sent = pipeline.sentRequest(
                for: head,
                body: requestBody,
                framing: .length(requestBody.count),
                exchange: exchange
            )
        else { return nil }
        let upstream = UpstreamResponse(
            status: status,
            reason: "",
            headerBlock: Array(fields.utf8),
            body: Array(body.utf8)
        )
        return pipeline.response(for: .success(upstream), exchange: sent.exchange, plan: sent.plan)
    }

    /// The change ids of the response's `API-Version-Preview-Changes`, parsed as a List of Strings; nil without it.
    private func previewed(_ response: GatewayResponse?) throws -> [String]? {
        guard let value = response?.headers.first(where: { $0.name == "API-Version-Preview-Changes" })?.value else {
            return nil
        }
        var parser = StructuredFieldValueParser(Array(value.utf8))
        return try parser.parseListFieldValue().map { member in
            guard case .item(let item) = member, case .string(let id) = item.rfc9651BareItem else {
                Issue.record("\(member) is not a String")
                return ""
            }
            return id
        }
    }

    private func warning(_ response: GatewayResponse?) -> String? {
        response?.headers.first { $0.name == "API-Version-Preview-Warning" }?.value
    }

    private static let purchaseOrder =
        #"{"id":"po_1","vendor_id":"sup_1","total":"99.50","currency":"EUR","created":1768469400}"#

    @Test(arguments: ["v1", "v2"])
    func aReadListsTheChangesItsResponseWouldMeet(upstream: String) throws {
        let body =
            upstream == "v1"
            ? Self.purchaseOrder
            : #"{"id":"po_1","supplier_id":"sup_1","total":{"amount":"99.50","currency":"EUR"},"created_at":"2026-01-15T09:30:00Z"}"#
        let response = try self.exchange("GET", "/purchase-orders/po_1", response: body, upstream: upstream)
        #expect(
            try self.previewed(response)
                == [
                    "purchase-order-supplier-id", "money-is-an-object", "created-is-created-at",
                    "created-at-is-rfc3339",
                ]
        )
    }

    @Test func aWriteListsTheChangesItsRequestWouldMeet() throws {
        let response = try self.exchange(
            "POST",
            "/connections/con_1/sync",
            request: #"{"full":true}"#,
            status: 202,
            response: #"{"id":"syn_1","connection_id":"con_1"}"#
        )
        #expect(try self.previewed(response) == ["syncs-are-a-collection", "sync-mode", "sync-mode-values"])
    }

    @Test func aListNamesItsQueryItsItemsAndItsEnvelope() throws {
        let response = try self.exchange(
            "GET",
            "/inventory?per_page=5",
            response: #"{"results":[{"id":"inv_1","sku":"B-1","quantity_on_hand":3}],"count":1}"#
        )
        #expect(try self.previewed(response) == ["page-size-is-limit", "list-envelope", "inventory-on-hand"])
    }

    @Test func anExchangeNoChangeTouchesGetsAnEmptyList() throws {
        let response = try self.exchange("GET", "/connections/con_1", response: #"{"id":"con_1","name":"SAP"}"#)
        #expect(try self.previewed(response) == [])
    }

    @Test(arguments: ["v1", "v2"])
    func theServedResponseIsByteIdenticalWithAndWithoutThePreview(upstream: String) throws {
        let body =
            upstream == "v1"
            ? Self.purchaseOrder : #"{"id":"po_1","supplier_id":"sup_1","created_at":"2026-01-15T09:30:00Z"}"#
        let with = try #require(try self.exchange("GET", "/purchase-orders/po_1", response: body, upstream: upstream))
        let without = try #require(
            try self.exchange("GET", "/purchase-orders/po_1", response: body, preview: nil, upstream: upstream)
        )
        #expect(with.body == without.body)
        #expect(with.headerBlock == without.headerBlock)
        #expect(with.status == without.status)
        #expect(with.headers.filter { !$0.name.hasPrefix("API-Version-Preview") } == without.headers)
        #expect(try self.previewed(without) == nil)
    }

    @Test(arguments: [
        ("v9", #""v9 is not a known version; no preview""#),
        ("banana", #""the value is not a version name; no preview""#),
        ("v1", #""v1 is not newer than the served version v1; no preview""#),
    ])
    func aPreviewThatCannotBeGivenIsIgnoredWithAWarning(preview: String, warning: String) throws {
        let response = try self.exchange("GET", "/purchase-orders/po_1", response: Self.purchaseOrder, preview: preview)
        #expect(response?.status == 200)
        #expect(self.warning(response) == warning)
        #expect(try self.previewed(response) == nil)
    }

    @Test func aContentCodedBodyPassedThroughIsNotReadAndTheWarningSaysSo() throws {
        let response = try #require(
            try self.exchange(
                "GET",
                "/purchase-orders/po_1?vendor_id=sup_1",
                response: "\u{1F}\u{8B}not really gzip",
                fields: "Content-Type: application/json\r\nContent-Encoding: gzip\r\n"
            )
        )
        #expect(try self.previewed(response) == [])
        #expect(self.warning(response) == #""the response body is content-coded: changes to it are not listed""#)
        #expect(!response.previewIsComplete)
        #expect(response.body == Array("\u{1F}\u{8B}not really gzip".utf8))
    }

    @Test func aPreviewThatSawEverythingIsComplete() throws {
        let response = try self.exchange("GET", "/purchase-orders/po_1", response: Self.purchaseOrder)
        #expect(response?.previewIsComplete == true)
    }
}
