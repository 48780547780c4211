import CCurl

/// A `curl_slist` whose nodes and text live in buffers that one easy handle owns and reuses, so that building
/// the request's header list costs no allocation per transfer (`curl_slist_append` mallocs a node and a copy
/// per field). curl only reads the list, during the transfer it is set for; it is rebuilt only between transfers.
struct HeaderList {
    private var nodes: UnsafeMutableBufferPointer<curl_slist>
    private var text: UnsafeMutableRawBufferPointer
    private var count = 0
    private var used = 0

    init() {
        self.nodes = .allocate(capacity: 16)
        self.text = .allocate(byteCount: 2048, alignment: 1)
    }

    /// Frees the buffers. Only once no transfer uses the list.
    func deallocate() {
        self.nodes.deallocate()
        self.text.deallocate()
    }

    /// Starts a new list for `fields` fields of at most `bytes` bytes of text in all.
    mutating func reset(fields: Int, bytes: Int) {
        if fields > self.nodes.count {
            self.nodes.deallocate()
            self.nodes = .allocate(capacity: fields * 2)
        }
        if bytes > self.text.count {
            self.text.deallocate()
            self.text = .allocate(byteCount: bytes * 2, alignment: 1)
        }
        self.count = 0
        self.used = 0
    }

    /// Adds `name: value`, or `name;` for an empty value (curl's way to send a field without one), or `name:`
    /// with a nil value (curl's way to suppress a field it would add itself).
    mutating func append(_ name: String, _ value: String?) {
        let start = self.used
        self.write(name)
        switch value {
        case .none:
            self.write(":")
        case .some(let value) where value.isEmpty:
            self.write(";")
        case .some(let value):
            self.write(": ")
            self.write(value)
        }
        self.text[self.used] = 0
        self.used += 1
        let line = (self.text.baseAddress! + start).assumingMemoryBound(to: CChar.self)
        self.nodes[self.count] = curl_slist(data: line, next: nil)
        if self.count > 0 { self.nodes[self.count - 1].next = self.nodes.baseAddress! + self.count }
        self.count += 1
    }

    /// The head of the list, for `CURLOPT_HTTPHEADER`; nil when empty.
    var head: UnsafeMutablePointer<curl_slist>? {
        self.count == 0 ? nil : self.nodes.baseAddress
    }

    /// Text bytes a field needs: name, separator, value, NUL.
    static func bytes(_ name: String, _ value: String?) -> Int {
        name.utf8.count + 2 + (value?.utf8.count ?? 0) + 1
    }

    private mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes in
            UnsafeMutableRawBufferPointer(rebasing: self.text[self.used...]).copyMemory(
                from: UnsafeRawBufferPointer(bytes)
            )
            self.used += bytes.count
        }
    }
}
