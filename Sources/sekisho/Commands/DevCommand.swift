import ArgumentParser
import Foundation
import Logging
import SekishoCore
import SekishoStore
import SekishoWeb

/// `sekisho dev …`: tools for developers and benchmarks, never needed to run the portal.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Developer tools: seed a large contract, open a session, benchmark.",
        subcommands: [SeedCommand.self, SessionCommand.self, BenchDirectoryCommand.self, HashBenchCommand.self])
}

/// `sekisho dev seed --people N`: one contract with N people (the contractor and N-1 users), who share
/// four printed passwords: refused in production mode (ASVS 6.3.2).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Create one contract with many people; prints its id and the contractor's sign-in.")

    static let password = "seeded passphrase 1"

    @OptionGroup var storage: StorageOptions
    @Option(help: "How many people the contract gets, the contractor included.") var people: Int = 1_000

    func validate() throws {
        guard (1...10_000_000).contains(people) else { throw ValidationError("--people must be between 1 and 10,000,000") }
    }

    func run() async throws {
        try await storage.withDevelopmentStore(command: "seed") { configuration, store in
            let pool = HashingPool(threads: configuration.hashThreads, queueLimit: 16)
            defer { pool.shutdown() }
            let (hasher, _) = Composition.passwords(configuration, pool: pool)
            // A handful of real hashes, reused: every seeded person can sign in, seeding costs no hashing.
            var hashes = [try await hasher.hash(Self.password).phcString]
            for index in 2...4 { hashes.append(try await hasher.hash("seeded passphrase \(index)").phcString) }
            let started = ContinuousClock.now
            let (contract, contractor) = try await PeopleSeeder(store: store).seed(people: people, passwordHashes: hashes, now: Date()) { made in
                if made % 100_000 == 0 { print("  \(made) people") }
            }
            print("""
                Seeded \(people) people in \(ContinuousClock.now - started).
                contract: \(contract.rawValue)
                contractor: \(contractor.email.value) / \(Self.password)
                people: user<i>\(contractor.email.value.dropFirst("owner".count)) / seeded passphrase <i % 4 + 1>, 1 ≤ i < \(people)
                """)
        }
    }
}

/// `sekisho dev bench-directory --contract ID`: list and search latencies with their query plans.
struct BenchDirectoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-directory", abstract: "Time the admin console's user list and search on one contract.")

    @OptionGroup var storage: StorageOptions
    @Option(help: "The contract id printed by `sekisho dev seed`.") var contract: String
    @Option(help: "Runs of each query.") var rounds: Int = 50

    func run() async throws {
        guard let id = ContractID(parsing: contract) else { throw ValidationError("--contract must be a contract id") }
        try await storage.withStore { _, store in
            print("database: \(store.kind.rawValue)")
            for result in try await DirectoryBenchmark(store: store).run(contract: id, rounds: max(1, rounds)) {
                print("\(result.name): \(result.rows) rows, p50 \(result.p50), p99 \(result.p99)")
                print(result.plan.split(separator: "\n").map { "    \($0)" }.joined(separator: "\n"))
            }
        }
    }
}

extension StorageOptions {
    /// ``withStore(_:)`` for the commands that step around the portal's rules (a session without a
    /// sign-in, people with a printed password): a production database never gets them.
    func withDevelopmentStore<Value>(
        command: String, _ work: (SekishoConfiguration, SQLStore) async throws -> Value
    ) async throws -> Value {
        let configuration = try await configuration()
        guard configuration.mode != .production else {
            throw ValidationError("sekisho dev \(command) is for development and benchmarks; it is refused in production mode")
        }
        return try await withStore(configuration, work)
    }
}
