/// The 62 characters of tokens: digits, then upper-case, then lower-case letters.
enum Base62 {
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    static func contains(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }

    /// `value` in base62, most significant digit first, left-padded with `0` to `width` (62^6 > 2^32).
    static func encode(_ value: UInt64, width: Int) -> String {
        var digits: [Character] = []
        var rest = value
        repeat {
            digits.append(self.alphabet[Int(rest % 62)])
            rest /= 62
        } while rest > 0
        while digits.count < width { digits.append("0") }
        return String(digits.reversed())
    }
}
