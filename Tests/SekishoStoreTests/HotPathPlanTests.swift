import Foundation
import Logging
import NIOCore
import SekishoCore
@testable import SekishoStore
import SekishoTestSupport
import SQLKit
import Testing

/// Every statement that signing in, two-step verification and a signed-in page send reads by an
/// index: recorded from the use cases themselves, then explained by the database.
@Suite("Hot path query plans")
struct HotPathPlanTests {
    @Test("sign-in, two-step and signed-in pages scan no table", arguments: StoreKind.available)
    func noTableScans(kind: StoreKind) async throws {
        try await withTestStore(kind) { store async throws in
            let recorder = RecordingBackend(base: store.backend)
            let fixture = try await TwoStepFixture.make(SQLStore(backend: recorder))
            _ = try await fixture.enrolAuthenticator()
            recorder.clear()
            fixture.nextStep()
            let (_, session) = try await fixture.signIn()
            let outcome = try await fixture.twoStep.verifyAuthenticatorCode(
                session, code: try await fixture.code(), remember: true, client: fixture.client)
            guard case .signedIn(let completion) = outcome else { throw TwoStepOutOfOrder() }
            let page = try await fixture.resume(completion.session)
            _ = try await fixture.services.rememberedBrowsers.list(for: try #require(page.account).person.id)
            _ = try await fixture.signIn(browser: completion.rememberedBrowser)
            _ = try? await fixture.services.signIn.execute(
                email: fixture.email, password: "not the password", previous: nil, client: fixture.client)
            let statements = recorder.statements
            #expect(statements.count > 10)
            let plans = try await store.backend.withTransaction { db in
                // PostgreSQL rightly prefers scanning the few rows of a test; told not to, it shows whether an index can serve.
                if kind == .postgres { try await db.raw("SET LOCAL enable_seqscan = off").run() }
                var plans: [(String, String)] = []
                for statement in statements {
                    let sql = db.serialize(statement).sql
                    let rows = try await db.execute(explaining: statement, kind: store.kind)
                    plans.append((sql, rows))
                }
                return plans
            }
            #expect(plans.filter { $0.1.contains(kind == .sqlite ? "USING" : "Index") }.count > 10, "the plans are read")
            for (sql, plan) in plans {
                let scans = kind == .sqlite
                    ? plan.split(separator: "\n").contains { $0.contains("SCAN ") && !$0.contains("CONSTANT ROW") }
                    : plan.contains("Seq Scan")
                #expect(!scans, "\(sql)\n\(plan)")
            }
        }
    }
}

extension SQLDatabase {
    /// The plan of `statement` (`EXPLAIN QUERY PLAN` / `EXPLAIN`), one line per step.
    fileprivate func execute(explaining statement: any SQLExpression, kind: DatabaseKind) async throws -> String {
        try await raw("\(unsafeRaw: kind == .sqlite ? "EXPLAIN QUERY PLAN" : "EXPLAIN") \(statement)").all().map { row in
            row.allColumns.compactMap { try? row.decode(column: $0, as: String.self) }.joined(separator: " ")
        }.joined(separator: "\n")
    }
}

/// A backend that keeps every statement the work it runs sends.
private final class RecordingBackend: SQLBackend, @unchecked Sendable {
    let base: any SQLBackend
    private let lock = NSLock()
    private var recorded: [any SQLExpression] = []

    init(base: any SQLBackend) {
        self.base = base
    }

    var kind: DatabaseKind { base.kind }
    var statements: [any SQLExpression] { lock.withLock { recorded } }
    func clear() { lock.withLock { recorded = [] } }
    func record(_ statement: any SQLExpression) { lock.withLock { recorded.append(statement) } }

    func withTransaction<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        try await base.withTransaction { db in try await work(RecordingDatabase(base: db, backend: self)) }
    }

    func withReader<Value: Sendable>(_ work: @Sendable (any SQLDatabase) async throws -> Value) async throws -> Value {
        try await base.withReader { db in try await work(RecordingDatabase(base: db, backend: self)) }
    }

    func shutdown() async {}
}

private struct RecordingDatabase: SQLDatabase {
    let base: any SQLDatabase
    let backend: RecordingBackend

    var logger: Logger { base.logger }
    var eventLoop: any EventLoop { base.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { base.version }
    var dialect: any SQLDialect { base.dialect }
    var queryLogLevel: Logger.Level? { base.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        backend.record(query)
        return base.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        backend.record(query)
        try await base.execute(sql: query, onRow)
    }
}
