import Versioning

/// What a change concerns, in the older version's names, as a check's example shows it: `field vendor_id`,
/// `query parameter per_page`, `path /vendors`. Names come from the manifest, never from traffic, so a subject
/// holds no secret.
enum ChangeSubject {
    static func describe(_ verb: ChangeVerb) -> String {
        switch verb {
        case .renamePath(let older, _): "path \(older)"
        case .renameQueryParameter(let older, _): "query parameter \(older)"
        case .renameHeader(let older, _): "header field \(older)"
        case .renameField(let older, _): "field \(older)"
        case .wrapFields(_, let members): "fields " + members.map(\.olderField).joined(separator: ", ")
        case .mapValues(let field, let forward, _):
            "values " + forward.map { PrettyJSON.text($0.from) }.joined(separator: ", ") + " of \(field)"
        case .convertFormat(let field, let older, _): "field \(field) as \(older.rawValue)"
        case .reshapeList(let older, _): "list envelope \(older.items), \(older.total)"
        case .addField(let field, _): "field \(field), absent"
        case .removeField(let field, _): "field \(field)"
        }
    }

    /// Where in the exchange a verb found its subject: `request target`, `response body`, ….
    static func place(of verb: ChangeVerb, request: Bool, response: Bool) -> String {
        switch verb {
        case .renamePath, .renameQueryParameter: return "request target"
        case .renameHeader:
            return request && response
                ? "request and response header fields" : request ? "request header fields" : "response header fields"
        default:
            return request && response ? "request and response bodies" : request ? "request body" : "response body"
        }
    }
}
