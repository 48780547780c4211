import Testing
import Usage
import Versioning

/// Paths become ledger routes: a manifest's endpoint template, else the first segment, never the raw path.
@Suite struct RouteTemplatesTests {
    private let routes = RouteTemplates(catalog: try! VersionCatalog.bundled())

    @Test(arguments: [
        ("/purchase-orders", "/purchase-orders"),
        ("/purchase-orders?vendor_id=ven_1", "/purchase-orders"),
        ("/purchase-orders/po_1", "/purchase-orders/{id}"),
        ("/purchase-orders/po_1?x=1", "/purchase-orders/{id}"),
        ("/connections/con_1/syncs", "/connections/{id}/syncs"),
        ("/connections/con_1/sync", "/connections/{id}/sync"),
        ("/vendors", "/vendors"),
        ("/suppliers", "/suppliers"),
        // Spellings an upstream that normalizes paths reads as the endpoint's are recorded as it.
        ("/purchase-orders/", "/purchase-orders"),
        ("//purchase-orders/po_1", "/purchase-orders/{id}"),
        ("/%70urchase-orders", "/purchase-orders"),
        ("/x/../vendors?y=1", "/vendors"),
    ])
    func aPathATemplateMatchesIsRecordedByTheTemplate(path: String, route: String) {
        #expect(self.routes.route(of: path[...]) == route)
    }

    @Test(arguments: [
        ("/", "/"),
        ("", "/"),
        ("/?q=1", "/"),
        ("/reports", "/reports"),
        ("/reports/daily/2026-11-29", "/reports/…"),
        ("/vendors/ven_1", "/vendors/…"),
        ("/purchase-orders/po_1/lines", "/purchase-orders/…"),
        ("/%2e%2e/etc", "/etc"),
        ("/%2Fetc/x", "/…"),
        ("/./reports/daily/", "/reports/…"),
        ("/" + String(repeating: "a", count: 65), "/…"),
        ("/a b/c", "/…"),
    ])
    func anyOtherPathIsRecordedByItsFirstSegmentOnly(path: String, route: String) {
        #expect(self.routes.route(of: path[...]) == route)
    }

    @Test func aTemplateStartingWithAPlaceholderMatchesToo() {
        let routes = RouteTemplates(templates: [PathTemplate("/{tenant}/orders")!, PathTemplate("/")!])
        #expect(routes.route(of: "/acme/orders") == "/{tenant}/orders")
        #expect(routes.route(of: "/acme/invoices") == "/acme/…")
        #expect(routes.route(of: "/") == "/")
    }
}
