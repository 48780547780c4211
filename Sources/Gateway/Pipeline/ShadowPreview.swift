import Versioning

/// A shadow preview of a newer version: a client on v1 sends `API-Version-Preview: v2` beside its usual request, is
/// served exactly as without it, and its response also carries `API-Version-Preview-Changes`, an RFC 9651 List of
/// Strings naming the changes v2 would make to this exchange: its request's first, then its response's, each in the
/// order the walk applies them; an empty field value (an empty List) when v2 would change nothing.
///
/// No second upstream call: the gateway walks the request it holds and the response it serves onward to the
/// previewed version (``Translator/walkOnward(method:target:fieldNames:body:plan:)``). A preview that cannot be
/// given (a value that is not a version, an unknown version, one not newer than the served one, a draft the client
/// may not use) is ignored, and the response says why in `API-Version-Preview-Warning`: never an error.
public struct ShadowPreview: Sendable, Equatable {
    /// The version previewed.
    public let version: VersionName
    /// The walk from the served version to ``version``.
    let plan: TranslationPlan
    /// The exchange walked so far: the request once it has been read, then its response.
    var walk: OnwardWalk?

    /// The field that lists the changes: `<preview header>-Changes`.
    static func changesFieldName(previewHeader: String) -> String { previewHeader + "-Changes" }
    /// The field that says why a preview was ignored: `<preview header>-Warning`.
    static func warningFieldName(previewHeader: String) -> String { previewHeader + "-Warning" }

    /// The changes as an RFC 9651 List of Strings (§3.1, §3.3.3): `"vendors-are-suppliers", "list-envelope"`.
    static func serialize(_ changes: FiredChanges) -> String {
        changes.map { StructuredFieldString.serialize($0.id) }.joined(separator: ", ")
    }
}

/// RFC 9651 §4.1.6: a String is printable ASCII in double quotes, `"` and `\` escaped with `\`.
enum StructuredFieldString {
    /// `text` as a String item; characters a String cannot carry (outside printable ASCII) become `?`.
    static func serialize(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"", "\\": output += "\\" + String(scalar)
            case " "..."~": output.unicodeScalars.append(scalar)
            default: output += "?"
            }
        }
        return output + "\""
    }
}
