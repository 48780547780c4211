import Gateway

/// What the request framer makes of some bytes, for comparing ways of feeding them.
struct Framing: Equatable {
    var requests: [[String]] = []
    var bodies: [[UInt8]] = []
    var failed = false

    /// Frames `input` fed `pieceSize` bytes at a time; `streaming` frames each body in parts.
    static func frame(
        _ input: [UInt8],
        pieceSize: Int,
        streaming: Bool,
        maxBodyBytes: Int = RequestFramer.Limits().maxBodyBytes
    ) -> Framing {
        var framer = RequestFramer(limits: RequestFramer.Limits(maxBodyBytes: maxBodyBytes))
        var buffer = InputBuffer()
        var outcome = Framing()
        var offset = 0
        var body: [UInt8] = []
        while true {
            let event: RequestFramer.Event
            do {
                event = try framer.next(&buffer)
            } catch {
                outcome.failed = true
                return outcome
            }
            switch event {
            case .needMoreData:
                guard offset < input.count else { return outcome }
                let end = min(input.count, offset + max(1, pieceSize))
                buffer.append(input[offset..<end])
                offset = end
            case .head(let head, _):
                outcome.requests.append([head.method, head.target] + head.headers.map { "\($0.name): \($0.value)" })
                if streaming { framer.streamBody() }
            case .body(let whole):
                outcome.bodies.append(whole)
            case .bodyPart(let part):
                body += part
            case .bodyEnd:
                outcome.bodies.append(body)
                body = []
            }
        }
    }
}
