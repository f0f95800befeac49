public import Foundation
public import SekishoCore
import SQLKit

/// `sekisho dev seed`: one contract with many people, for benchmarks (issue 9's one million).
/// Rows go in by multi-row INSERTs, a few thousand per transaction; the few password hashes given
/// are reused, so seeding costs no hashing time.
public struct PeopleSeeder: Sendable {
    let store: SQLStore
    static let batchSize = 2_000

    public init(store: SQLStore) {
        self.store = store
    }

    static let surnames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "Sato", "Suzuki", "Tanaka"]
    static let givenNames = ["太郎", "花子", "一郎", "美咲", "翔太", "陽菜", "大輝", "結衣", "Ken", "Yuki", "Aoi", "Ren"]

    /// Creates the contract (its contractor is person 0) and `count` people in all; reports progress
    /// every batch. Returns the contract and its contractor.
    public func seed(
        people count: Int, passwordHashes: [String], now: Date, progress: @Sendable (Int) -> Void = { _ in }
    ) async throws -> (ContractID, Person) {
        let contract = Contract(
            id: .random(), name: "シード株式会社 \(count)", plan: .basic, status: .active, accessRoute: .lineAndInternet,
            trialEndsAt: nil, createdAt: now)
        let tag = String(contract.id.rawValue.prefix(8))
        let contractor = Person(
            id: .random(), contractID: contract.id, email: EmailAddress(parsing: "owner-\(tag)@seed.example.jp")!,
            name: "契約者 \(tag)", role: .contractor, loginMethod: .password, createdAt: now)
        try await store.transaction { tx in
            try await tx.contracts.insert(contract)
            _ = try await tx.people.insert(contractor)
            try await tx.passwords.set(passwordHashes[0], for: contractor.id, at: now)
        }
        var made = 1
        while made < count {
            let first = made
            let batch = (made..<min(count, made + Self.batchSize)).map { index in
                Person(
                    id: .random(), contractID: contract.id, email: EmailAddress(parsing: "user\(index)-\(tag)@seed.example.jp")!,
                    name: "\(Self.surnames[index % Self.surnames.count]) \(Self.givenNames[(index / Self.surnames.count) % Self.givenNames.count]) \(index)",
                    role: index % 50 == 0 ? .admin : .user, loginMethod: .password, createdAt: now)
            }
            try await store.backend.withTransaction { db in
                let people = db.insert(into: "people").columns(SQLPeople.insertColumns)
                let passwords = db.insert(into: "password_credentials").columns("person_id", "phc", "updated_at")
                for (offset, person) in batch.enumerated() {
                    people.values(SQLPeople.insertValues(person))
                    // Person `index` gets hash `index % count`, so a load client knows everyone's password.
                    passwords.values(person.id.rawValue, passwordHashes[(first + offset) % passwordHashes.count], now.unixSeconds)
                }
                try await people.run()
                try await passwords.run()
            }
            made += batch.count
            progress(made)
        }
        return (contract.id, contractor)
    }
}
