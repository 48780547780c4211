/// The scanner's number and literal tokens: checked to RFC 8259 §3 and §6 byte by byte, since a token may be split
/// across chunks.
extension JSONScanner {
    /// Where a number stands: `-`, `0`, `12`, `1.`, `1.5`, `1e`, `1e+`, `1e5`.
    enum NumberState {
        case afterMinus
        case leadingZero
        case integer
        case afterDot
        case fraction
        case afterE
        case afterExponentSign
        case exponent

        /// Whether the number may end here.
        var isComplete: Bool {
            switch self {
            case .leadingZero, .integer, .fraction, .exponent: true
            case .afterMinus, .afterDot, .afterE, .afterExponentSign: false
            }
        }

        /// The state after `byte`, or nil when `byte` cannot continue the number.
        func next(_ byte: UInt8) -> NumberState? {
            let isDigit = (UInt8.digit0 ... .digit9).contains(byte)
            let isExponent = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
            switch self {
            case .afterMinus:
                return byte == .digit0 ? .leadingZero : isDigit ? .integer : nil
            case .leadingZero:
                return byte == .dot ? .afterDot : isExponent ? .afterE : nil
            case .integer:
                return isDigit ? .integer : byte == .dot ? .afterDot : isExponent ? .afterE : nil
            case .afterDot, .fraction:
                return isDigit ? .fraction : self == .fraction && isExponent ? .afterE : nil
            case .afterE:
                return isDigit ? .exponent : byte == .plus || byte == .minus ? .afterExponentSign : nil
            case .afterExponentSign, .exponent:
                return isDigit ? .exponent : nil
            }
        }
    }

    enum Literal {
        case `true`
        case `false`
        case null

        var bytes: [UInt8] {
            switch self {
            case .true: Self.trueBytes
            case .false: Self.falseBytes
            case .null: Self.nullBytes
            }
        }

        private static let trueBytes = Array("true".utf8)
        private static let falseBytes = Array("false".utf8)
        private static let nullBytes = Array("null".utf8)
    }
}
