import Foundation
import NIOPosix

/// Runs command-line tools for the tests. Waiting on a process blocks a thread, so every wait
/// runs on NIO's thread pool, never on the cooperative pool.
enum ExternalProcess {
    struct Failed: Error, CustomStringConvertible {
        let description: String
    }

    /// Runs `arguments` (looked up on PATH through `env`) to completion; throws unless it exits 0.
    static func run(_ arguments: [String]) async throws {
        try await NIOThreadPool.singleton.runIfActive {
            let process = Process()
            process.executableURL = URL(filePath: "/usr/bin/env")
            process.arguments = arguments
            let errors = Pipe()
            process.standardError = errors
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            let output = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failed(description: "\(arguments[0]) failed: \(String(decoding: output, as: UTF8.self))")
            }
        }
    }

    /// True when `arguments` exits 0; checked synchronously, for test traits.
    static func succeeds(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
