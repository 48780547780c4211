import Versioning

/// RFC 3986 §2.1 percent-encoding of a query component: every byte of the UTF-8 form but the unreserved ones
/// (`A–Z a–z 0–9 - . _ ~`, §2.3) becomes `%XX`, upper-case hex, so `a b&c` is `a%20b%26c`.
enum PercentEncoding {
    static func encode(_ text: some StringProtocol) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if URIOctet.isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(Self.hexDigits[Int(byte >> 4)])
                output.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `name=value&…`, each side encoded; a nil value writes the name alone.
    static func query(_ pairs: [(name: String, value: String?)]) -> String {
        pairs.map { pair in
            pair.value.map { Self.encode(pair.name) + "=" + Self.encode($0) } ?? Self.encode(pair.name)
        }.joined(separator: "&")
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
