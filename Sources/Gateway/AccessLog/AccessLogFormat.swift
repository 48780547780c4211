/// How access log lines are written: `json` (one JSON object per line) or `text` (logfmt: `key=value` pairs, values
/// quoted when they hold spaces, quotes or `=`).
public enum AccessLogFormat: String, Sendable, CaseIterable {
    case json
    case text
}
