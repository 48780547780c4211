/// The members of a HAR 1.2 entry that an exchange is made of (HAR 1.2 §entries, §request, §response, §postData,
/// §content); the rest (timings, cookies, cache, `_`-prefixed custom members) is not decoded.
///
/// Everything is optional here so that a missing member is reported by name by ``HAREntry/exchange(origin:)``
/// rather than as a decoding failure; a member of the wrong type fails the decoding, with its path.
struct HAREntry: Decodable {
    var request: Request?
    var response: Response?

    struct Request: Decodable {
        var method: String?
        /// An absolute URL (HAR 1.2 §request).
        var url: String?
        var headers: [Field]?
        var postData: PostData?
    }

    /// HAR 1.2 §postData: `text`, or, for a form, `params` (the spec makes them exclusive; browsers write both).
    /// `encoding` is not in the spec, but some tools write `"base64"` for binary request bodies, as in §content.
    struct PostData: Decodable {
        var text: String?
        var encoding: String?
        var params: [Parameter]?
    }

    struct Parameter: Decodable {
        var name: String
        var value: String?
    }

    struct Response: Decodable {
        /// 0 (or missing) when the request got no response (browsers and mitmproxy write 0 for a failed request).
        var status: Int?
        var headers: [Field]?
        var content: Content?
    }

    /// HAR 1.2 §content: `text` is the decoded body (no content coding, no chunking), as UTF-8, or base64 when
    /// `encoding` is `"base64"`.
    struct Content: Decodable {
        var text: String?
        var encoding: String?
        /// The length of the returned content in bytes; more than 0 without `text` when the tool did not keep it.
        var size: Int?
    }

    struct Field: Decodable {
        var name: String
        var value: String
    }
}
