import Store

extension SQLiteFixture {
    /// Opens the client registry in the fixture's file, runs `body` with it and closes it, also when `body` throws.
    func withRegistry<Result>(_ body: (any ClientRegistry) async throws -> Result) async throws -> Result {
        let registry = try await ClientRegistries.open(self.location, environment: [:])
        do {
            let result = try await body(registry)
            await registry.close()
            return result
        } catch {
            await registry.close()
            throw error
        }
    }
}
