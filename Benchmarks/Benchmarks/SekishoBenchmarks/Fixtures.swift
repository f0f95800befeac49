import Foundation
import Logging
import SekishoCore
import SekishoStore
import SekishoWeb

/// What the render benchmark renders: a person of a contract with three remembered browsers.
struct HomeSample {
    let account: Account
    let browsers: [RememberedBrowser]
    let renderer: PageRenderer
    let strings: Strings

    static func make() async throws -> HomeSample {
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let contract = Contract(
            id: .random(), name: "コーデックス商事株式会社", plan: .basic, status: .active, accessRoute: .lineAndInternet,
            trialEndsAt: nil, createdAt: now)
        let person = Person(
            id: .random(), contractID: contract.id, email: EmailAddress(parsing: "hanako@example.co.jp")!, name: "山田 花子",
            role: .admin, loginMethod: .password, createdAt: now)
        let browsers = ["Chrome (Windows)", "Safari (iPhone)", "Firefox (Linux)"].map {
            RememberedBrowser(
                id: .random(), personID: person.id, digest: SecretToken.generate().digest, label: $0, createdAt: now,
                lastUsedAt: now)
        }
        let strings = try Strings.load()
        return HomeSample(
            account: Account(person: person, contract: contract), browsers: browsers,
            renderer: try PageRenderer.load(strings: strings), strings: strings)
    }
}

/// A seeded SQLite file in a temporary folder with one signed-in session: what every signed-in
/// request looks up first.
struct SessionFixture {
    let store: SQLStore
    let folder: URL
    let sessions: SessionService
    let token: SecretToken
    let client = ClientInfo(address: "192.0.2.10", userAgent: "benchmark")

    static func open(people: Int) async throws -> SessionFixture {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sekisho-bench-\(UUID().uuidString)")
        let store = try await SQLStore.open(
            .sqliteFile(path: folder.appendingPathComponent("sekisho.sqlite").path), logger: Logger(label: "benchmark"))
        try await store.migrate()
        let pool = HashingPool(threads: 1, queueLimit: 1)
        let hash = try await PasswordHasher(parameters: .default, pool: pool).hash("seeded passphrase").phcString
        pool.shutdown()
        let now = Date()
        let (_, contractor) = try await PeopleSeeder(store: store).seed(people: people, passwordHashes: [hash], now: now)
        let token = SecretToken.generate()
        try await store.transaction { tx in
            try await tx.sessions.insert(SessionRecord(
                digest: token.digest, personID: contractor.id, stage: .signedIn, createdAt: now, lastSeenAt: now))
        }
        return SessionFixture(
            store: store, folder: folder, sessions: SessionService(store: store, clock: SystemWallClock(), policy: SessionPolicy()),
            token: token)
    }

    func close() async {
        await store.shutdown()
        try? FileManager.default.removeItem(at: folder)
    }
}
