/// A reader of either format, for code that learns the format at run time (``TrafficFormat/detect(file:prefix:)``):
/// the same `consume`/`finish` as ``HARReader`` and ``JSONLinesReader``, which it forwards to.
public struct TrafficReader {
    public let format: TrafficFormat
    // Two optionals rather than an enum with payloads: a payload cannot be mutated in place, and taking it out
    // would copy the entry in progress on every chunk.
    private var har: HARReader?
    private var jsonLines: JSONLinesReader?

    /// A reader of `format` with the default bounds.
    public init(_ format: TrafficFormat, file: String) {
        self.format = format
        switch format {
        case .har: self.har = HARReader(file: file)
        case .jsonLines: self.jsonLines = JSONLinesReader(file: file)
        }
    }

    /// See ``HARReader/consume(_:)`` and ``JSONLinesReader/consume(_:)``.
    public mutating func consume(_ chunk: some Collection<UInt8>) throws(TrafficError) -> [RecordedExchange] {
        switch self.format {
        case .har: try self.har!.consume(chunk)
        case .jsonLines: try self.jsonLines!.consume(chunk)
        }
    }

    /// See ``HARReader/finish()`` and ``JSONLinesReader/finish()``.
    public mutating func finish() throws(TrafficError) -> [RecordedExchange] {
        switch self.format {
        case .har: try self.har!.finish()
        case .jsonLines: try self.jsonLines!.finish()
        }
    }
}
