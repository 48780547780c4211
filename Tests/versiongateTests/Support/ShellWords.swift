import Foundation

/// The words of a command line as `sh` splits them, for running the commands that documentation and `demo` print:
/// blanks separate words, single quotes keep everything literally, double quotes keep everything but `\`
/// escapes, and a `\` at the end of a line continues it. Enough for the examples we print; no expansions.
func shellWords(_ line: String) -> [String] {
    var words: [String] = []
    var word: String?
    var quote: Character?
    var escaped = false
    for character in line {
        if escaped {
            escaped = false
            if character != "\n" { word = (word ?? "") + String(character) }
            continue
        }
        switch (quote, character) {
        case (nil, "\\"), ("\"", "\\"):
            escaped = true
        case (nil, "'"), (nil, "\""):
            quote = character
            word = word ?? ""
        case ("'", "'"), ("\"", "\""):
            quote = nil
        case (nil, let blank) where blank.isWhitespace:
            if let finished = word { words.append(finished) }
            word = nil
        default:
            word = (word ?? "") + String(character)
        }
    }
    if let finished = word { words.append(finished) }
    return words
}

/// The commands in `text` (a README's code blocks, what `demo` prints) that start with `prefix` once indentation
/// is dropped, each with its continuation lines, split into words.
func commands(in text: String, startingWith prefix: String) -> [[String]] {
    let joined = text.replacingOccurrences(of: "\\\n", with: " ")
    return joined.split(separator: "\n").map { $0.drop { $0 == " " } }.filter { $0.hasPrefix(prefix) }.map {
        shellWords(String($0))
    }
}
