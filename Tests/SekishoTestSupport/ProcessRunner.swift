import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command to completion and returns its output; throws with the output when it fails.
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`, whose wait never returned
/// for `pg_ctl start` (the daemon it leaves behind inherits descriptors). Output goes to a file, so
/// no pipe can be held open by a daemon.
public enum ProcessRunner {
    public struct Failure: Error, CustomStringConvertible {
        public let command: [String]
        public let output: String
        public var description: String { "\(command.joined(separator: " ")) failed: \(output)" }
    }

    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String]? = nil, input: String = "") throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-run-\(UUID().uuidString)").path
        let inputPath = outputPath + ".in"
        _ = FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
        defer {
            unlink(outputPath)
            unlink(inputPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inputPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        let command = ["/usr/bin/env"] + arguments
        let variables = (environment.map { ProcessInfo.processInfo.environment.merging($0) { $1 } }
            ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let spawned = withCStrings(command) { argv in
            withCStrings(variables) { envp in posix_spawn(&pid, command[0], &actions, nil, argv, envp) }
        }
        guard spawned == 0 else { throw Failure(command: arguments, output: "posix_spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        // WIFEXITED and WEXITSTATUS, which Swift does not import as functions.
        guard status & 0x7F == 0, (status >> 8) & 0xFF == 0 else { throw Failure(command: arguments, output: output) }
        return output
    }

    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
