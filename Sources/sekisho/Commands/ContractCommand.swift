import ArgumentParser
import Foundation
import Logging
import SekishoCore
import SekishoStore
import SekishoWeb

/// `sekisho contract …`: operator commands for contracts.
struct ContractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contract", abstract: "Manage contracts.", subcommands: [ContractCreateCommand.self])
}

/// `sekisho contract create`: an active contract with its contractor, for operators and scripted set-ups.
/// Works beside a running server (SQLite waits for the server's write lock; PostgreSQL is shared).
struct ContractCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an active contract and its contractor.",
        discussion: """
            The contractor's password is read from standard input (one line), e.g.
              printf '%s\\n' 'a long passphrase' | sekisho contract create --name 'Example K.K.' \\
                --contractor-name '山田 太郎' --contractor-email taro@example.jp --plan basic
            On a terminal it is asked for twice, without echo.
            """)

    @Option(help: "The contract's (company's) name.")
    var name: String

    @Option(name: .customLong("contractor-name"), help: "The contractor's own name.")
    var contractorName: String

    @Option(name: .customLong("contractor-email"), help: "The contractor's email address (the sign-in ID).")
    var contractorEmail: String

    @Option(help: "basic or trial.")
    var plan: String

    @OptionGroup var storage: StorageOptions

    func run() async throws {
        let configuration = try await storage.configuration()
        LogSetup.bootstrap(format: configuration.logFormat, level: .warning)
        let (password, confirmation) = try PasswordInput.read()
        let form = ApplicationForm(
            companyName: name, applicantName: contractorName, email: contractorEmail, plan: plan,
            password: password, passwordConfirmation: confirmation)
        let store = try await Composition.openStore(configuration, logger: Logger(label: "sekisho"))
        let pool = HashingPool(threads: 1, queueLimit: 1)
        defer { pool.shutdown() }
        do {
            let (contract, person) = try await Composition.createContract(configuration, store: store, pool: pool).execute(form)
            await store.shutdown()
            print("Created contract \(contract.id) \"\(contract.name)\" (\(contract.plan.rawValue)); contractor \(person.email).")
        } catch let errors as FormErrors {
            await store.shutdown()
            try Self.fail(Self.describe(errors))
        } catch RegistrationError.emailTaken {
            await store.shutdown()
            try Self.fail("--contractor-email: this address is already registered.")
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// Bad input is the operator's to fix: the reasons, and exit status 1 (no usage text).
    private static func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
        throw ExitCode.failure
    }

    /// The same sentences the web form shows, in English, with the option each belongs to.
    static func describe(_ errors: FormErrors) throws -> String {
        let strings = try Strings.load()
        let options = [
            ApplicationForm.Field.companyName: "--name", ApplicationForm.Field.name: "--contractor-name",
            ApplicationForm.Field.email: "--contractor-email", ApplicationForm.Field.plan: "--plan",
            ApplicationForm.Field.password: "password", ApplicationForm.Field.passwordConfirmation: "password (again)",
        ]
        return errors.problems.sorted { $0.key < $1.key }
            .map { "\(options[$0.key] ?? $0.key): \(strings.text("problem.\($0.value.rawValue)", .en))" }
            .joined(separator: "\n")
    }
}
