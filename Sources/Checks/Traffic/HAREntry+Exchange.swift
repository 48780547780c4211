import Foundation

extension HAREntry {
    /// The exchange this entry records.
    ///
    /// - The target is the origin form of `request.url` (``OriginForm``), percent-encoding as recorded.
    /// - Header fields keep their order and case; HTTP/2 and HTTP/3 pseudo-header fields (`:authority`, `:status`)
    ///   are left out, since they are not fields of the message.
    /// - The request body is `postData.text` (base64-decoded when `postData.encoding` is `"base64"`), or, without a
    ///   text, the form its `params` make (`a=1&b=x%20y`); the response body is `content.text`, decoded when
    ///   `content.encoding` is `"base64"`. An empty or missing text is no body, or an omitted one
    ///   (``RecordedExchange/responseBodyOmitted``) when `content.size` says there was content.
    /// - A `response.status` of 0 or a missing response is no response: status, fields and body all nil or empty.
    /// - Throws: ``TrafficError`` (`invalid-exchange`) naming the missing or wrong member, or `bad-base64`.
    /// - Parameter location: where the entry is, for messages: `calls.har entry 3 (line 120)`.
    func exchange(origin: TrafficOrigin, location: String) throws(TrafficError) -> RecordedExchange {
        guard let request = self.request else { throw Self.invalid(location, "request is missing") }
        guard let method = request.method, !method.isEmpty else {
            throw Self.invalid(location, "request.method is missing")
        }
        guard let url = request.url else { throw Self.invalid(location, "request.url is missing") }
        guard let target = OriginForm.target(of: url) else {
            throw Self.invalid(
                location,
                "request.url is not an absolute URL: \(Self.shortened(SecretRedaction.target(url)))"
            )
        }
        var exchange = RecordedExchange(
            method: method,
            target: target,
            requestFields: Self.fields(request.headers),
            requestBody: try Self.body(request.postData, location: location),
            origin: origin
        )
        if let response = self.response, let status = response.status, status != 0 {
            guard (100...599).contains(status) else {
                throw Self.invalid(location, "response.status \(status) is not an HTTP status code")
            }
            exchange.status = status
            exchange.responseFields = Self.fields(response.headers)
            exchange.responseBody = try Self.content(
                response.content?.text,
                encoding: response.content?.encoding,
                at: "response.content",
                location: location
            )
            exchange.responseBodyOmitted = exchange.responseBody == nil && (response.content?.size ?? 0) > 0
        }
        return exchange
    }

    private static func fields(_ fields: [Field]?) -> [RecordedField] {
        (fields ?? []).filter { !$0.name.hasPrefix(":") }.map { RecordedField(name: $0.name, value: $0.value) }
    }

    private static func body(_ postData: PostData?, location: String) throws(TrafficError) -> [UInt8]? {
        guard let postData else { return nil }
        if let body = try self.content(
            postData.text,
            encoding: postData.encoding,
            at: "request.postData",
            location: location
        ) {
            return body
        }
        guard let params = postData.params, !params.isEmpty else { return nil }
        return Array(PercentEncoding.query(params.map { ($0.name, $0.value) }).utf8)
    }

    private static func content(
        _ text: String?,
        encoding: String?,
        at path: String,
        location: String
    ) throws(TrafficError) -> [UInt8]? {
        guard let text, !text.isEmpty else { return nil }
        switch encoding {
        case nil, "":
            return Array(text.utf8)
        case "base64":
            guard let data = Data(base64Encoded: text) else {
                throw TrafficError(.badBase64, "\(location): \(path).text is not valid base64")
            }
            return data.isEmpty ? nil : Array(data)
        case let other?:
            throw Self.invalid(location, "\(path).encoding \"\(Self.shortened(other))\" is not supported (only base64)")
        }
    }

    private static func invalid(_ location: String, _ what: String) -> TrafficError {
        TrafficError(.invalidExchange, "\(location): \(what)")
    }

    /// Long values are cut in messages, which stay one short line.
    static func shortened(_ text: String) -> String {
        text.count > 80 ? String(text.prefix(80)) + "…" : text
    }
}
