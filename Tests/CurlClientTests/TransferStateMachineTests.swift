import CCurl
import Testing

@testable import CurlClient

/// A transfer's decisions without curl: collected or relayed, and when a relayed body pauses and resumes.
@Suite struct TransferStateMachineTests {
    typealias Machine = TransferStateMachine
    private let highWater = 64

    private func relaying() -> Machine {
        var machine = Machine()
        machine.start(streams: true)
        machine.headEnded()
        return machine
    }

    @Test(arguments: [(false, Machine.Phase.collecting), (true, .streaming(.init()))])
    func theHeadsEndDecidesHowTheBodyGoes(streams: Bool, phase: Machine.Phase) {
        var machine = Machine()
        #expect(!machine.isRunning)
        machine.start(streams: streams)
        #expect(machine.phase == .awaitingHead(streams: streams))
        #expect(machine.streams == streams)
        machine.headEnded()
        #expect(machine.phase == phase)
        #expect(machine.owesHead == streams)
        machine.headTold()
        #expect(!machine.owesHead)
    }

    /// A collected body takes everything; its limits are the accumulator's and the budget's.
    @Test func aCollectedBodyIsNeverPaused() {
        var machine = Machine()
        machine.start(streams: false)
        machine.headEnded()
        let decision = machine.bodyArrived(count: 1_000, waiting: 1_000_000, highWater: self.highWater)
        #expect(decision == .take)
    }

    @Test(arguments: [
        // (waiting for delivery, offered, decision): the first bytes are always taken, whatever their size.
        (0, 1_000, Machine.BodyDecision.take),
        (40, 24, .take),
        (40, 25, .pause),
    ])
    func aRelayPausesWhenADeliverysWorthWaits(waiting: Int, count: Int, decision: Machine.BodyDecision) {
        var machine = self.relaying()
        let decided = machine.bodyArrived(count: count, waiting: waiting, highWater: self.highWater)
        #expect(decided == decision)
        // Delivered and the consumer takes more: a paused transfer must be unpaused, a running one need not be.
        let unpause = machine.delivered(consumerReady: true)
        #expect(unpause == (decision == .pause))
    }

    @Test func aConsumerThatHoldsEnoughPausesTheNextBytesUntilItResumes() {
        var machine = self.relaying()
        let unpauseAfterDelivery = machine.delivered(consumerReady: false)
        #expect(!unpauseAfterDelivery)
        let held = machine.bodyArrived(count: 1, waiting: 0, highWater: self.highWater)
        #expect(held == .pause)
        let unpause = machine.resume()
        #expect(unpause, "curl holds the transfer: unpause it")
        let flowing = machine.bodyArrived(count: 1, waiting: 0, highWater: self.highWater)
        #expect(flowing == .take)
        let unpauseAgain = machine.resume()
        #expect(!unpauseAgain, "nothing paused: nothing to unpause")
    }

    @Test func aResumeBeforeAnyPauseOnlyLetsBytesFlow() {
        var machine = self.relaying()
        _ = machine.delivered(consumerReady: false)
        let unpause = machine.resume()
        #expect(!unpause)
        let decision = machine.bodyArrived(count: 1, waiting: 0, highWater: self.highWater)
        #expect(decision == .take)
    }

    /// curl reports the blank line first; should a body come without one, it is still relayed, as the final response's.
    @Test func aBodyBeforeTheHeadsEndStartsTheRelay() {
        var machine = Machine()
        machine.start(streams: true)
        let decision = machine.bodyArrived(count: 1, waiting: 0, highWater: self.highWater)
        #expect(decision == .take)
        #expect(machine.owesHead)
    }

    /// A transfer decided at its head starts as a relay; collecting instead takes every byte from then on, and a
    /// transfer paused for a full delivery must be unpaused, with its receiving side no longer in the mask.
    @Test(arguments: [false, true])
    func collectingInsteadTakesEverythingAndUnpausesAPausedRelay(paused: Bool) {
        var machine = self.relaying()
        if paused { _ = machine.bodyArrived(count: 30, waiting: 40, highWater: self.highWater) }
        #expect((machine.pauseMask & CURLPAUSE_RECV != 0) == paused)
        let unpause = machine.collectInstead()
        #expect(unpause == paused)
        #expect(machine.phase == .collecting)
        #expect(machine.pauseMask == 0)
        let decision = machine.bodyArrived(count: 1_000, waiting: 1_000_000, highWater: self.highWater)
        #expect(decision == .take)
        let again = machine.collectInstead()
        #expect(!again, "only a relay turns into a collection")
    }

    /// Held back on the gateway's side: a relay paused for its consumer, or a request body waiting for its supplier.
    @Test func eitherPauseHoldsTheTransferBack() {
        var machine = self.relaying()
        #expect(!machine.isHeldBack)
        _ = machine.bodyArrived(count: 30, waiting: 40, highWater: self.highWater)
        #expect(machine.isHeldBack)
        _ = machine.resume()
        #expect(!machine.isHeldBack)
        machine.bodyStarved()
        #expect(machine.isHeldBack)
        _ = machine.bodySupplied()
        #expect(!machine.isHeldBack)
    }

    @Test func theEndReturnsTheHandleToThePool() {
        var machine = self.relaying()
        _ = machine.delivered(consumerReady: false)
        machine.ended()
        #expect(machine.phase == .idle)
        let unpause = machine.resume()
        #expect(!unpause, "a stale resume does nothing")
        machine.start(streams: false)
        #expect(machine.isRunning)
    }
}
