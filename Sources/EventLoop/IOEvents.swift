/// Readiness of a file descriptor, as reported by the event loop, or the readiness a handler asks to be told about.
public struct IOEvents: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let readable = IOEvents(rawValue: 1 << 0)
    public static let writable = IOEvents(rawValue: 1 << 1)
    /// The peer hung up or the socket failed; reported whatever the interest was.
    public static let hangup = IOEvents(rawValue: 1 << 2)
    public static let error = IOEvents(rawValue: 1 << 3)
}

/// Something that owns a file descriptor registered with an ``EventLoop``.
///
/// Handlers are called on the loop's thread only, one event at a time.
public protocol IOHandler: AnyObject {
    func handle(_ events: IOEvents)
}

/// Something with at most one pending deadline that the loop must honour (curl's timer, an idle sweep).
///
/// The loop asks for ``nextDeadline`` before every wait, so a source changes its deadline simply by
/// changing what it returns; no timer objects, no cancellation.
public protocol DeadlineSource: AnyObject {
    /// The monotonic instant, in milliseconds (see ``MonotonicClock``), at which the source wants to run; nil for never.
    var nextDeadline: UInt64? { get }
    /// Called on the loop thread once `now` has reached ``nextDeadline``.
    func deadlineReached(now: UInt64)
}

/// Work an ``EventLoop`` runs once at the end of its current turn (see ``EventLoop/runAtTurnEnd(_:)``).
public protocol TurnEndTask: AnyObject {
    /// Called on the loop thread after the turn's ready descriptors and due deadlines were served.
    func turnEnded()
}
