extension Substring {
    /// The octets of the text with its `%XX` escapes decoded (RFC 3986 §2.1); nil when an escape is malformed (a
    /// `%` not followed by two hex digits).
    public var percentDecodedOctets: [UInt8]? {
        var octets: [UInt8] = []
        octets.reserveCapacity(self.utf8.count)
        var iterator = self.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                octets.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(URIOctet.hexValue),
                let low = iterator.next().flatMap(URIOctet.hexValue)
            else { return nil }
            octets.append(high << 4 | low)
        }
        return octets
    }
}

/// Classes of the octets URIs are written in (RFC 3986).
public enum URIOctet {
    /// `ALPHA / DIGIT / - . _ ~` (§2.3): characters a URI may write as they are or percent-encoded alike.
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// The value of a hex digit of a percent-encoding (§2.1), in either case; nil for another byte.
    public static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
