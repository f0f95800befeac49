import ArgumentParser
import Foundation
import Logging
import SekishoCore
import SekishoStore

/// `sekisho dev session --email E`: a signed-in portal session for a person, its token printed, so a
/// benchmark can load signed-in pages without going through two-step verification. Needs what any
/// command here needs: the database itself; refused in production mode (ASVS 6.3.4).
struct SessionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session", abstract: "Open a signed-in session for a person and print its cookie value (benchmarks).")

    @OptionGroup var storage: StorageOptions
    @Option(help: "The person's email.") var email: String

    func run() async throws {
        guard let address = EmailAddress(parsing: email) else { throw ValidationError("--email must be an email address") }
        let token = SecretToken.generate()
        try await storage.withDevelopmentStore(command: "session") { _, store in
            let now = Date()
            try await store.transaction { tx in
                guard let person = try await tx.people.find(email: address) else { throw ValidationError("no person has \(address.value)") }
                try await tx.sessions.insert(SessionRecord(
                    digest: token.digest, personID: person.id, stage: .signedIn, scope: .portal, createdAt: now, lastSeenAt: now))
                try await tx.audit.append(AuditEvent(
                    kind: .signInSucceeded, occurredAt: now, personID: person.id, contractID: person.contractID, client: .commandLine,
                    detail: "method=cli,scope=portal"))
            }
        }
        print(token.text)
    }
}

/// `sekisho dev bench-hash`: the time of one password hash with the configured scrypt parameters,
/// on one thread: the hashing limit of a machine is its cores divided by it.
struct HashBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-hash", abstract: "Time one password hash (median of --rounds) with the configured parameters.")

    @OptionGroup var storage: StorageOptions
    @Option(help: "Hashes to time after one warm-up.") var rounds: Int = 20

    func run() async throws {
        let configuration = try await storage.configuration()
        let pool = HashingPool(threads: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let (hasher, _) = Composition.passwords(configuration, pool: pool)
        _ = try await hasher.hash("warm-up passphrase")
        var times: [Double] = []
        for round in 0..<max(1, rounds) {
            let started = ContinuousClock.now
            _ = try await hasher.hash("benchmark passphrase \(round)")
            let elapsed = ContinuousClock.now - started
            times.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        }
        times.sort()
        print(String(format: "hash_ms %.1f", times[times.count / 2]))
    }
}
