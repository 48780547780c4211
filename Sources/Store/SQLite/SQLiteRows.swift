import SQLiteNIO

/// Reads typed columns from SQLite rows, refusing what this program never writes (a NULL where a value belongs, a
/// text where a number belongs): the file was then written by something else, and a guess would be worse.
enum SQLiteRows {
    static func text(_ row: SQLiteRow, _ column: String) throws(StoreError) -> String {
        guard case .text(let text) = row.column(column) else { throw Self.malformed(column) }
        return text
    }

    static func integer(_ row: SQLiteRow, _ column: String) throws(StoreError) -> Int64 {
        guard case .integer(let value) = row.column(column) else { throw Self.malformed(column) }
        return Int64(value)
    }

    static func blob(_ row: SQLiteRow, _ column: String) throws(StoreError) -> [UInt8] {
        guard case .blob(let buffer) = row.column(column) else { throw Self.malformed(column) }
        return Array(buffer.readableBytesView)
    }

    /// The text, or nil for NULL.
    static func optionalText(_ row: SQLiteRow, _ column: String) throws(StoreError) -> String? {
        if case .null = row.column(column) { return nil }
        return try Self.text(row, column)
    }

    /// The integer, or nil for NULL.
    static func optionalInteger(_ row: SQLiteRow, _ column: String) throws(StoreError) -> Int64? {
        if case .null = row.column(column) { return nil }
        return try Self.integer(row, column)
    }

    /// The bytes, or nil for NULL.
    static func optionalBlob(_ row: SQLiteRow, _ column: String) throws(StoreError) -> [UInt8]? {
        if case .null = row.column(column) { return nil }
        return try Self.blob(row, column)
    }

    static func malformed(_ column: String) -> StoreError {
        StoreError("a row holds no valid \(column): the file was written by something other than versiongate")
    }
}
