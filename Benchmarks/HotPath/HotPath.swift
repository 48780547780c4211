import Benchmark
import CurlClient
import Gateway
import Versioning

/// The hot path's pure parts, measured apart from sockets (README: "Micro-benchmarks"): translating a v2 list
/// for a v1 client at 1 KB and 100 KB, a body no change can alter, and framing a request head. Wall clock is
/// noisy on shared machines; allocations are exact, and their thresholds (`Benchmarks/Thresholds/`) are what a
/// regression trips first.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal],
        thresholds: [
            .mallocCountTotal: .init(relative: [.p90: 5], absolute: [.p90: 2]),
            // Wide: the shared machines these run on vary by a third from run to run; a doubling still shows.
            .wallClock: .init(relative: [.p90: 50]),
        ]
    )
    let fixture = TranslationFixture()
    // Names without spaces: the threshold files are named after them, and read back by the same name.
    for (name, body) in [("1KB", fixture.list(bytes: 1_000)), ("100KB", fixture.list(bytes: 100_000))] {
        Benchmark("TranslateListForV1.\(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try fixture.translateForV1(body))
            }
        }
    }
    let untouched = fixture.untouchedBody
    Benchmark("TranslateUntouchedBody") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try fixture.translateForV1(untouched, path: "/"))
        }
    }
    // Through a whole gateway in this process: allocations per request of pass-through (a v2 client) and of a
    // v1 client whose response no change alters. Warm-up opens the connections the measured requests reuse.
    var throughGateway = Benchmark.defaultConfiguration
    throughGateway.warmupIterations = 100
    // curl's and the loop's bookkeeping vary by a few allocations from request to request.
    throughGateway.thresholds = [
        .mallocCountTotal: .init(relative: [.p90: 10], absolute: [.p90: 6]),
        .wallClock: .init(relative: [.p90: 50]),
    ]
    for version in ["v2", "v1"] {
        Benchmark("GatewayExchange.\(version)", configuration: throughGateway) { benchmark, exchange in
            for _ in benchmark.scaledIterations {
                blackHole(exchange.exchange())
            }
        } setup: {
            try LoopbackExchange(apiVersion: version)
        }
    }
    let head = Array(
        ("GET /purchase-orders?limit=20 HTTP/1.1\r\nHost: api.example.com\r\nAPI-Version: v1\r\n"
            + "Accept: application/json\r\nUser-Agent: erp-sync/4.2\r\nAuthorization: Bearer vg_test_x\r\n\r\n").utf8
    )
    Benchmark("FrameRequestHead") { benchmark in
        for _ in benchmark.scaledIterations {
            var input = InputBuffer(head)
            var framer = RequestFramer()
            blackHole(try framer.next(&input))
        }
    }
}

/// The bundled versions, and bodies shaped like the sample API's.
struct TranslationFixture: Sendable {
    private let translator: Translator
    private let plan: TranslationPlan

    init() {
        self.translator = Translator(catalog: try! VersionCatalog.bundled())
        self.plan = self.translator.requestPlan(from: VersionName("v1")!, to: VersionName("v2")!)
    }

    /// The body a v1 client gets for the upstream's v2 `body` to `GET path`.
    func translateForV1(_ body: [UInt8], path: String = "/purchase-orders") throws -> [UInt8]? {
        let request = try self.translator.translateRequest(method: "GET", target: path, body: nil, plan: self.plan)
        return try self.translator.translateResponse(body: body, plan: request.responsePlan)
    }

    /// A v2 purchase-order list of about `bytes` bytes.
    func list(bytes: Int) -> [UInt8] {
        var items: [String] = []
        var size = 40
        while size < bytes {
            let index = items.count
            let item =
                #"{"id":"po_\#(index)","number":"PO-\#(10_000 + index)","supplier_id":"sup_\#(index % 97)","#
                + #""status":"submitted","total":{"amount":"\#(index % 1000).37","currency":"EUR"},"#
                + #""created_at":"2026-02-02T01:01:07Z"}"#
            items.append(item)
            size += item.utf8.count + 1
        }
        return Array(#"{"data":[\#(items.joined(separator: ","))],"meta":{"total":\#(items.count)}}"#.utf8)
    }

    /// A body no change of v2 can alter: no member a change names.
    var untouchedBody: [UInt8] {
        let items = (0..<16).map { #"{"id":\#($0),"name":"item-\#($0)","price":"\#($0 * 3).99","tags":["a","b"]}"# }
        return Array(#"{"apiVersion":"2024-06-01","status":"ok","items":[\#(items.joined(separator: ","))]}"#.utf8)
    }
}
