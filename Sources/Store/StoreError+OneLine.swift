extension StoreError {
    /// `text` fit for a one-line message: line breaks and tabs (a server's detail, a library's dump) become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : Character($0) })
    }
}
