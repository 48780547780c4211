/// The scanner's states: where in the grammar it stands, and what each open container is to a HAR.
extension JSONScanner {
    enum Mode {
        /// Matched bytes of a leading UTF-8 byte order mark.
        case byteOrderMark(Int)
        /// Outside any token, expecting what the grammar allows next.
        case between(Expect)
        case string(StringState)
        case number(NumberState)
        case literal(Literal, Int)
    }

    enum Expect {
        case document
        case value
        case valueOrClose
        case key
        case keyOrClose
        case colon
        case commaOrClose
        case end
    }

    /// What a container is to a HAR: the path `log.entries[n]` is all that matters.
    enum Role {
        case root
        case log
        case entries
        case entry
        case other
    }

    /// The last member name read in the root object or `log`.
    enum Key {
        case none
        case log
        case entries
        case version
        case other
    }

    struct Container {
        var isObject: Bool
        var role: Role
        var key = Key.none
    }

    struct StringState {
        enum Capture {
            case none
            /// A member name of the root object or of `log`.
            case key
            /// The value of `log.version`.
            case version
        }

        enum Escape: Equatable {
            case none
            case backslash
            /// Hex digits still due after `\u`.
            case unicode(Int)
        }

        var isKey: Bool
        var capture: Capture
        var escape = Escape.none
    }

    /// Deeper nesting is refused, as Foundation's decoder would refuse it inside an entry.
    static let maximumDepth = 512
    /// Member names and versions longer than this cannot be one we look for.
    static let maximumCapture = 64
}
