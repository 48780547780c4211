import Versioning

/// Text made safe for HTML and SVG, in element content and in quoted attribute values alike: the controls of
/// ``ReportFormatting/oneLine(_:)`` become U+FFFD, then markup characters character references
/// (``MarkupEscaping``). Client names come from request headers: a `<script>` in one must read as text.
enum HTMLText {
    static func escaped(_ text: String) -> String {
        MarkupEscaping.escaped(ReportFormatting.oneLine(text))
    }
}
