import EventLoop
import Usage
import Versioning

/// Recording: what the ledger and the access log learn of each request to the API.
extension ClientConnection {
    /// Starts recording a request to the API, when the gateway records anything.
    /// - Parameter client: the registered client whose token the request presented.
    func begin(recording head: RequestHead, requested: RequestedVersion, served: VersionName, client: String?) {
        guard self.worker.observes else { return }
        var record = ExchangeRecord(
            head: head,
            started: self.worker.loop.nowNanoseconds,
            requested: requested,
            served: served
        )
        record.requestID = self.worker.accessLog?.requestID(for: head)
        record.client = client
        self.record = record
    }

    /// Completes the current record with its answer and hands it to the worker.
    func finishRecord(_ response: GatewayResponse, headOnly: Bool = false) {
        self.finishRecord(status: response.status, bytesOut: headOnly ? 0 : response.body.count)
    }

    /// Completes the current record with the status and the body bytes sent, and hands it to the worker.
    func finishRecord(status: Int, bytesOut: Int) {
        guard var record = self.record.take() else { return }
        record.status = status
        record.bytesOut = bytesOut
        self.worker.observe(record)
    }
}
