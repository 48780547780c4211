import Foundation
import Testing
import Usage

/// The fingerprint key: from the environment or a file, long enough, never echoed.
@Suite struct FingerprintKeyTests {
    @Test func withoutConfigurationTheKeyIsThisProcesssOwn() throws {
        let first = try FingerprintKey.fromEnvironment([:])
        #expect(first.isEphemeral)
        let second = try FingerprintKey.fromEnvironment([:])
        #expect(
            TokenFingerprinter(key: first).fingerprint(of: "t") != TokenFingerprinter(key: second).fingerprint(of: "t")
        )
    }

    @Test func aKeyFileDropsItsTrailingNewline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("vg-key-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("a key of sixteen bytes\n".utf8).write(to: URL(fileURLWithPath: path))
        let fromFile = try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY_FILE": path])
        let inline = try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "a key of sixteen bytes"])
        #expect(!fromFile.isEphemeral)
        #expect(
            TokenFingerprinter(key: fromFile).fingerprint(of: "t")
                == TokenFingerprinter(key: inline).fingerprint(of: "t")
        )
    }

    @Test func aShortKeyIsRefusedWithoutShowingIt() {
        #expect {
            try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY": "short-secret"])
        } throws: { error in
            let message = "\(error)"
            return message.contains("at least 16 bytes") && !message.contains("short-secret")
        }
    }

    @Test func aMissingFileOrBothVariablesAreRefused() {
        #expect(throws: FingerprintKeyError.self) {
            try FingerprintKey.fromEnvironment(["VERSIONGATE_FINGERPRINT_KEY_FILE": "/nonexistent/key"])
        }
        #expect(throws: FingerprintKeyError.self) {
            try FingerprintKey.fromEnvironment([
                "VERSIONGATE_FINGERPRINT_KEY": "0123456789abcdef", "VERSIONGATE_FINGERPRINT_KEY_FILE": "/etc/hostname",
            ])
        }
    }
}
