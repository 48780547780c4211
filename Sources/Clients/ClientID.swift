/// A client's id in the registry: `cl_` and 12 characters of lower-case base32 (60 random bits). Not a secret: it
/// names the client in commands, the ledger and reports.
public enum ClientID {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")

    /// A new id from `generator`.
    public static func generate(using generator: inout some RandomNumberGenerator) -> String {
        "cl_" + String((0..<12).map { _ in self.alphabet[Int.random(in: 0..<32, using: &generator)] })
    }

    /// A new id from the system's random source.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return self.generate(using: &generator)
    }
}
