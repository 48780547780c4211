/// One line of a JSON lines recording as an exchange; `docs/traffic-format.md` is the reference for its members.
///
/// The line is checked by ``JSONScanner`` (RFC 8259's grammar) and as UTF-8, then read through ``JSONSpans`` so
/// that query members keep their order and JSON bodies their bytes. Members other than those of ``members`` are
/// ignored (a log may carry times, clients, ids); a member given twice is an error.
struct JSONLine {
    static let members: Set<String> = [
        "method", "url", "path", "query", "request_headers", "request_body", "request_body_base64", "status",
        "response_headers", "response_body", "response_body_base64",
    ]

    let spans: JSONSpans
    let origin: TrafficOrigin
    private var values: [String: Range<Int>] = [:]

    /// Reads one line (no line break; not blank).
    /// - Throws: ``TrafficError`` naming `file:line`: not JSON, not an object, a member missing or of the wrong
    ///   type, bad base64.
    static func exchange(_ line: [UInt8], origin: TrafficOrigin) throws(TrafficError) -> RecordedExchange {
        try Self.check(line, origin: origin)
        var parsed = JSONLine(spans: JSONSpans(bytes: line), origin: origin)
        let root = parsed.spans.root
        guard parsed.spans.kind(root) == .object else {
            throw parsed.invalid("not a JSON object (each line holds one exchange as an object)")
        }
        for (name, value) in parsed.spans.members(root) where Self.members.contains(name) {
            guard parsed.values[name] == nil else { throw parsed.invalid("\"\(name)\" appears twice") }
            parsed.values[name] = value
        }
        return try parsed.exchange()
    }

    private init(spans: JSONSpans, origin: TrafficOrigin) {
        self.spans = spans
        self.origin = origin
    }

    private func exchange() throws(TrafficError) -> RecordedExchange {
        guard let method = try self.string("method"), !method.isEmpty else {
            throw self.invalid("\"method\" is missing")
        }
        return RecordedExchange(
            method: method,
            target: try self.target(),
            requestFields: try self.fields("request_headers"),
            requestBody: try self.body("request_body"),
            status: try self.status(),
            responseFields: try self.fields("response_headers"),
            responseBody: try self.body("response_body"),
            origin: self.origin
        )
    }

    /// `url` alone (absolute, or a target in origin form), or `path` with an optional `query`.
    private func target() throws(TrafficError) -> String {
        if let url = try self.string("url") {
            guard self.value("path") == nil, self.value("query") == nil else {
                throw self.invalid("give \"url\", or \"path\" and \"query\", not both")
            }
            guard let target = OriginForm.target(of: url) else {
                throw self.invalid(
                    "\"url\" is neither an absolute URL nor a path from '/': \(HAREntry.shortened(SecretRedaction.target(url)))"
                )
            }
            return target
        }
        guard let path = try self.string("path") else { throw self.invalid("\"url\" or \"path\" is missing") }
        guard path.hasPrefix("/") else {
            throw self.invalid("\"path\" does not start with '/': \(HAREntry.shortened(SecretRedaction.target(path)))")
        }
        guard let query = try self.query() else { return path }
        guard !path.contains("?") else { throw self.invalid("\"path\" holds a query and \"query\" gives one too") }
        return path + "?" + query
    }

    /// An integer from 100 to 599; 0, null or none: no response.
    private func status() throws(TrafficError) -> Int? {
        guard let value = self.value("status") else { return nil }
        let text = self.spans.text(value)
        guard self.spans.kind(value) == .number, text.utf8.allSatisfy({ (.digit0 ... .digit9).contains($0) }),
            let status = Int(text), status == 0 || (100...599).contains(status)
        else { throw self.invalid("\"status\" must be an integer from 100 to 599 (or 0 or null: no response)") }
        return status == 0 ? nil : status
    }

    /// The member `name` unless missing or null.
    func value(_ name: String) -> Range<Int>? {
        guard let value = self.values[name], self.spans.kind(value) != .null else { return nil }
        return value
    }

    func string(_ name: String) throws(TrafficError) -> String? {
        guard let value = self.value(name) else { return nil }
        guard self.spans.kind(value) == .string else { throw self.invalid("\"\(name)\" must be a string") }
        return self.spans.string(value)
    }

    func invalid(_ what: String) -> TrafficError {
        TrafficError(.invalidExchange, "\(self.origin): \(what)")
    }

    private static func check(_ line: [UInt8], origin: TrafficOrigin) throws(TrafficError) {
        var scanner = JSONScanner(.line, file: origin.description)
        let scanned = line.withUnsafeBufferPointer { bytes -> TrafficError? in
            do throws(TrafficError) {
                _ = try scanner.scan(bytes)
                try scanner.finish()
                return nil
            } catch {
                return error
            }
        }
        if let scanned { throw scanned }
        guard String(validating: line, as: UTF8.self) != nil else {
            throw TrafficError(.malformed, "\(origin): not valid JSON: not UTF-8 (RFC 8259 §8.1)")
        }
    }
}
