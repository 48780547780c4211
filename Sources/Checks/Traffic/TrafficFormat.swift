/// The kinds of traffic recording a check reads, and how a file's kind is told.
public enum TrafficFormat: Sendable, Equatable, CustomStringConvertible {
    /// HAR 1.2: ``HARReader``.
    case har
    /// One exchange per line: ``JSONLinesReader``.
    case jsonLines

    /// The format of the file `name`, from its name, else from its first bytes.
    ///
    /// 1. By extension, case ignored: `.har` is HAR; `.jsonl`, `.ndjson` and `.jsonlines` are JSON lines.
    /// 2. Otherwise (`.json`, `.txt`, standard input) by the first object, after white space and a byte order mark.
    ///    A member named `log` at its top says HAR and one named `method` JSON lines, whichever comes first; else an
    ///    object that closes on its first line says JSON lines, and one that runs on past it (a pretty-printed
    ///    document) says HAR; an object still open at the end of `prefix` says HAR too.
    ///
    /// So a one-line JSON lines file whose first exchange has a body larger than `prefix` before its `method` reads
    /// as a HAR (and fails as one, with no `log`): name such a file `.jsonl`.
    ///
    /// - Parameter prefix: the file's first bytes (the readers' first chunk, 1 MiB at the command line).
    /// - Throws: ``TrafficError`` `empty` when `prefix` holds only white space, `unknown-format` when it does not
    ///   start with `{`.
    public static func detect(file name: String, prefix: some Collection<UInt8>) throws(TrafficError) -> TrafficFormat {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".har") { return .har }
        if [".jsonl", ".ndjson", ".jsonlines"].contains(where: { lowered.hasSuffix($0) }) { return .jsonLines }
        var bytes = Array(prefix)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let first = bytes.firstIndex(where: { !$0.isJSONWhitespace }) else {
            throw TrafficError(.empty, "\(name): the file is empty")
        }
        guard bytes[first] == .openBrace else {
            throw TrafficError(
                .unknownFormat,
                "\(name): neither a HAR nor JSON lines: it does not start with '{' "
                    + "(name it .har or .jsonl to say which)"
            )
        }
        return Self.sniff(bytes[first...])
    }

    /// The format of a document starting with `{`, by its first line's top-level member names.
    private static func sniff(_ bytes: ArraySlice<UInt8>) -> TrafficFormat {
        var depth = 0
        var inString = false
        var escaped = false
        var expectsName = false
        var nameStart = bytes.startIndex
        for index in bytes.indices {
            let byte = bytes[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == .backslash {
                    escaped = true
                } else if byte == .quote {
                    inString = false
                    if depth == 1 && expectsName {
                        switch String(decoding: bytes[nameStart..<index], as: UTF8.self) {
                        case "log": return .har
                        case "method": return .jsonLines
                        default: expectsName = false
                        }
                    }
                }
                continue
            }
            switch byte {
            case .quote:
                inString = true
                nameStart = index + 1
            case .openBrace, .openBracket:
                depth += 1
                expectsName = depth == 1
            case .closeBrace, .closeBracket:
                depth -= 1
                if depth == 0 { return .jsonLines }
            case .comma:
                expectsName = depth == 1
            case .newline:
                return .har
            default:
                break
            }
        }
        return .har
    }

    /// `HAR`, `JSON lines`.
    public var description: String {
        switch self {
        case .har: "HAR"
        case .jsonLines: "JSON lines"
        }
    }
}
