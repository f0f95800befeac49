import Foundation
import SekishoTestSupport
import Testing

/// The built `sekisho` binary, run as an operator would.
@Suite("Command line")
struct CommandLineTests {
    /// `swift test` builds the executable next to the test bundle.
    static let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("sekisho").path

    private func sekisho(_ arguments: [String], environment: [String: String]? = nil, input: String = "") throws -> String {
        try ProcessRunner.run([Self.binary] + arguments, environment: environment, input: input)
    }

    private func withDataDirectory(_ body: (String) throws -> Void) rethrows {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-cli-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }

    @Test("every command has --help", arguments: [[], ["serve"], ["migrate"], ["contract"], ["contract", "create"]])
    func help(command: [String]) throws {
        #expect(try sekisho(command + ["--help"]).contains("USAGE: sekisho"))
    }

    @Test("migrate applies once, then says the database is up to date")
    func migrate() throws {
        try withDataDirectory { directory throws in
            #expect(try sekisho(["migrate", "--data-dir", directory]).contains("Applied: 001_foundation"))
            #expect(try sekisho(["migrate", "--data-dir", directory]).contains("up to date"))
        }
    }

    @Test("contract create reads the password from standard input; bad input and a taken email exit 1 with the reasons")
    func contractCreate() throws {
        try withDataDirectory { directory throws in
            let arguments = ["contract", "create", "--data-dir", directory, "--name", "Example K.K.", "--contractor-name", "山田 太郎",
                             "--contractor-email", "taro@example.jp", "--plan", "basic"]
            #expect(try sekisho(arguments, input: "purple elephant dances\n").contains("contractor taro@example.jp"))
            let taken = try #require(throws: ProcessRunner.Failure.self) { try sekisho(arguments, input: "purple elephant dances\n") }
            #expect(taken.output.contains("already registered") && !taken.output.contains("Usage"))
            let bad = try #require(throws: ProcessRunner.Failure.self) {
                try sekisho(["contract", "create", "--data-dir", directory, "--name", " ", "--contractor-name", "Y",
                             "--contractor-email", "nope", "--plan", "gold"], input: "password\n")
            }
            #expect(bad.output.contains("--contractor-email: This is not a valid email address."))
            #expect(bad.output.contains("password: This password is too common."))
            #expect(bad.output.contains("--name: Please fill in this field."))
        }
    }

    @Test("dev seed says how its people sign in; dev session opens a session for one of them and refuses an unknown email")
    func devCommands() throws {
        try withDataDirectory { directory in
            let seeded = try sekisho(["dev", "seed", "--people", "3", "--data-dir", directory])
            let contractor = try #require(seeded.split(separator: "\n").first { $0.hasPrefix("contractor: ") })
                .dropFirst("contractor: ".count).split(separator: " ")[0]
            #expect(seeded.contains("people: user<i>-") && seeded.contains("seeded passphrase <i % 4 + 1>"))
            let token = try sekisho(["dev", "session", "--email", String(contractor), "--data-dir", directory])
            #expect(token.trimmingCharacters(in: .whitespacesAndNewlines).count == 43, "a 256-bit token in base64url")
            let unknown = try #require(throws: ProcessRunner.Failure.self) {
                try sekisho(["dev", "session", "--email", "nobody@example.jp", "--data-dir", directory])
            }
            #expect(unknown.output.contains("no person has nobody@example.jp"))
            for command in [["dev", "session", "--email", String(contractor)], ["dev", "seed", "--people", "2"]] {
                let refused = try #require(throws: ProcessRunner.Failure.self) {
                    try sekisho(command + ["--data-dir", directory], environment: [
                        "SEKISHO_MODE": "production", "SEKISHO_PUBLIC_URL": "https://login.example.jp",
                        "SEKISHO_MAIL_TRANSPORT": "file", "SEKISHO_SMS_TRANSPORT": "file", "SEKISHO_DELIVERY_FILES_IN_PRODUCTION": "true",
                        "SEKISHO_SECRETS_KEY": Data(repeating: 7, count: 32).base64EncodedString(),
                    ])
                }
                #expect(refused.output.contains("refused in production mode"), "\(command)")
            }
        }
    }
}
