#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's entry point: runs the target `VG_FUZZ_TARGET` names on one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FuzzSelection.target.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

enum FuzzSelection {
    static let target: FuzzTarget = {
        let name = getenv("VG_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FuzzSelection.fail("set VG_FUZZ_TARGET to one of \(names)", status: 2)
        }
        return target
    }()

    /// Says `message` on standard error, in one line, and exits with `status`.
    static func fail(_ message: String, status: Int32) -> Never {
        let line = Array("versiongate-fuzz: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(status)
    }
}

/// Built with `-sanitize=fuzzer -DFUZZING`, hands the process to libFuzzer's driver; otherwise replays inputs:
/// `versiongate-fuzz FILE...` runs each file through the target, as a crash's reproducer or a corpus check in CI.
/// (SwiftPM links an executable's entry point as `main`, so libFuzzer's own `main` is not used.)
@main
enum Entry {
    static func main() {
        _ = FuzzSelection.target
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOneInput($0, $1) })
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let file = fopen(path, "rb") else { FuzzSelection.fail("cannot open \(path)", status: 1) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while case let count = fread(&chunk, 1, chunk.count, file), count > 0 { bytes += chunk[..<count] }
            fclose(file)
            _ = bytes.withUnsafeBufferPointer { fuzzOneInput($0.baseAddress, $0.count) }
        }
        #endif
    }
}

#if FUZZING
/// libFuzzer's driver for programs with their own `main` (compiler-rt's FuzzerInterface.h).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
