import Foundation
import Testing

/// The fuzz harnesses (README: "Fuzzing") built without libFuzzer replay inputs: the checked-in corpus, where each
/// crash a run finds is kept, passes every target's invariants.
@Suite struct FuzzReplayTests {
    @Test(arguments: ["framer", "json", "manifest", "translator"])
    func theCorpusKeepsEveryInvariant(target: String) throws {
        let directory = repositoryRoot.appendingPathComponent("Fuzz/Corpus/\(target)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(!inputs.isEmpty)
        let (status, output) = try runVersiongate(
            inputs.map { directory.appendingPathComponent($0).path },
            environment: ["VG_FUZZ_TARGET": target],
            program: "versiongate-fuzz"
        )
        #expect(status == 0, "\(output)")
    }

    @Test func anUnknownTargetIsOneLineAndStatus2() throws {
        let (status, output) = try runVersiongate(
            [],
            environment: ["VG_FUZZ_TARGET": "nope"],
            program: "versiongate-fuzz"
        )
        #expect(status == 2)
        #expect(output == "versiongate-fuzz: set VG_FUZZ_TARGET to one of framer, json, manifest, translator\n")
    }
}
