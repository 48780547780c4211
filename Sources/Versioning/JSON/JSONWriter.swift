/// Writes a ``JSONValue`` as compact UTF-8 JSON: members in order, numbers as written, strings escaped as
/// RFC 8259 requires (quote, backslash, control characters) and nothing more.
public enum JSONWriter {
    /// - Parameter capacity: the expected size, to spare the output's regrowth (a translated body is about the
    ///   size of the original).
    public static func bytes(_ value: JSONValue, capacity: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(capacity)
        self.write(value, into: &output)
        return output
    }

    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): self.write(string: text.utf8, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                self.write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, member) in object.members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                self.write(string: member.key.utf8, into: &output)
                output.append(UInt8(ascii: ":"))
                self.write(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// A document: spans are copied as they stand, since the parser and the changes keep them canonical. The
    /// output's size is known before writing, so it is allocated once and filled without bounds checks.
    static func bytes(_ document: JSONDocument) -> [UInt8] {
        document.text.source.withUnsafeBufferPointer { source in
            document.text.added.withUnsafeBufferPointer { added in
                document.members.withUnsafeBufferPointer { members in
                    document.elements.withUnsafeBufferPointer { elements in
                        let stores = Stores(source: source, added: added, members: members, elements: elements)
                        let size = stores.size(of: document.root)
                        return [UInt8](unsafeUninitializedCapacity: size) { output, count in
                            guard let start = output.baseAddress else { return }
                            var cursor = start
                            stores.write(document.root, to: &cursor)
                            count = cursor - start
                            assert(count == size, "the size computed for a document must be the size written")
                        }
                    }
                }
            }
        }
    }

    /// A document's text and containers: spans below the source's count lie in the source, the rest in what was
    /// added.
    private struct Stores {
        let source: UnsafeBufferPointer<UInt8>
        let added: UnsafeBufferPointer<UInt8>
        let members: UnsafeBufferPointer<JSONNode.Member>
        let elements: UnsafeBufferPointer<JSONNode>

        func start(of span: JSONSpan) -> UnsafePointer<UInt8> {
            let start = Int(span.start)
            return start < self.source.count
                ? self.source.baseAddress! + start : self.added.baseAddress! + (start - self.source.count)
        }

        func size(of node: JSONNode) -> Int {
            switch node {
            case .scalar(let span):
                return span.count
            case .array(let range):
                // Brackets and commas.
                var size = 1 + max(Int(range.count), 1)
                for index in range.indices { size += self.size(of: self.elements[index]) }
                return size
            case .object(let range):
                // Braces and commas, then each name's quotes and colon.
                var size = 1 + max(Int(range.count), 1)
                for index in range.indices {
                    size += self.members[index].name.count + 3 + self.size(of: self.members[index].value)
                }
                return size
            }
        }

        func write(_ node: JSONNode, to cursor: inout UnsafeMutablePointer<UInt8>) {
            switch node {
            case .scalar(let span):
                self.copy(span, to: &cursor)
            case .array(let range):
                JSONWriter.put(UInt8(ascii: "["), &cursor)
                for index in range.indices {
                    if index > range.indices.lowerBound { JSONWriter.put(UInt8(ascii: ","), &cursor) }
                    self.write(self.elements[index], to: &cursor)
                }
                JSONWriter.put(UInt8(ascii: "]"), &cursor)
            case .object(let range):
                JSONWriter.put(UInt8(ascii: "{"), &cursor)
                for index in range.indices {
                    if index > range.indices.lowerBound { JSONWriter.put(UInt8(ascii: ","), &cursor) }
                    let member = self.members[index]
                    JSONWriter.put(UInt8(ascii: "\""), &cursor)
                    self.copy(member.name, to: &cursor)
                    JSONWriter.put(UInt8(ascii: "\""), &cursor)
                    JSONWriter.put(UInt8(ascii: ":"), &cursor)
                    self.write(member.value, to: &cursor)
                }
                JSONWriter.put(UInt8(ascii: "}"), &cursor)
            }
        }

        /// Most spans are a few bytes (a name, a number): those are copied a byte at a time, which costs less than
        /// the call to `memmove` a bulk copy makes.
        private func copy(_ span: JSONSpan, to cursor: inout UnsafeMutablePointer<UInt8>) {
            let count = span.count
            guard count > 0 else { return }
            let source = self.start(of: span)
            if count <= 16 {
                for offset in 0..<count { (cursor + offset).initialize(to: source[offset]) }
            } else {
                cursor.initialize(from: source, count: count)
            }
            cursor += count
        }
    }

    fileprivate static func put(_ byte: UInt8, _ cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.initialize(to: byte)
        cursor += 1
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// UTF-8 text as a JSON string, in quotes (RFC 8259 §7: quote, backslash and control characters escaped).
    public static func write(string utf8: some Collection<UInt8>, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        self.writeEscaped(utf8, into: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Whether a byte of a string must be escaped: quote, backslash and control characters.
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// UTF-8 text escaped as the inside of a JSON string: quote, backslash and control characters, nothing more.
    static func writeEscaped(_ utf8: some Collection<UInt8>, into output: inout [UInt8]) {
        // Most strings need no escaping: copy them whole.
        guard utf8.contains(where: self.needsEscaping) else {
            output.append(contentsOf: utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(self.hexDigits[Int(byte >> 4)])
                output.append(self.hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
    }
}
