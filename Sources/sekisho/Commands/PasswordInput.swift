import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password from standard input: one line from a pipe, or twice without echo on a terminal.
enum PasswordInput {
    static func read() throws -> (password: String, confirmation: String) {
        guard isatty(STDIN_FILENO) == 1 else {
            let line = readLine(strippingNewline: true) ?? ""
            return (line, line)
        }
        let first = try prompt("Password: ")
        let second = try prompt("Password (again): ")
        return (first, second)
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }
}
