extension StoreRefusal {
    /// What in a client another client has already: a unique column of `clients`.
    enum ClientConflict {
        case id, name, tokenDigest
    }

    static func conflict(_ conflict: ClientConflict, with client: RegisteredClient) -> StoreRefusal {
        switch conflict {
        case .id: StoreRefusal("a client with the id '\(client.id)' exists already")
        case .name: StoreRefusal("a client named '\(client.name)' exists already (names are unique regardless of case)")
        case .tokenDigest: StoreRefusal("another client has this token already: issue a new one")
        }
    }

    static func changedMeanwhile(id: String) -> StoreRefusal {
        StoreRefusal(
            "the client '\(id)' was changed meanwhile by another command; read it again and retry",
            isStale: true
        )
    }

    static func unknownClient(id: String) -> StoreRefusal {
        StoreRefusal("no client has the id '\(id)'")
    }

    /// Checks what no store should keep: a digest that is no SHA-256 digest, an event about another client.
    static func check(_ client: RegisteredClient, event: ClientEvent) throws(StoreRefusal) {
        guard client.tokenDigest.count == 32 else {
            throw StoreRefusal("a client's token digest must be 32 bytes (SHA-256), not \(client.tokenDigest.count)")
        }
        if let previous = client.previousTokenDigest, previous.count != 32 {
            throw StoreRefusal("a client's previous token digest must be 32 bytes (SHA-256), not \(previous.count)")
        }
        guard event.clientID == client.id else {
            throw StoreRefusal("the event is about the client '\(event.clientID)', not '\(client.id)'")
        }
    }
}
