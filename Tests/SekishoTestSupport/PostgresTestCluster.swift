import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PostgreSQL server for the store tests. With `SEKISHO_TEST_POSTGRES_URL` (an admin URL such as
/// `postgres://postgres@127.0.0.1:5432/postgres`) the tests use that server; otherwise they start a
/// throwaway cluster with the system's `initdb`/`pg_ctl` on a free loopback port and delete it when
/// the test process exits. Each test gets a database of its own.
public final class PostgresTestCluster: Sendable {
    /// Whether PostgreSQL tests can run here; when not, they are skipped and say why.
    public static let isAvailable = ProcessInfo.processInfo.environment["SEKISHO_TEST_POSTGRES_URL"] != nil
        || binDirectory != nil

    public static let skipReason = "PostgreSQL binaries (initdb, pg_ctl) not found: store tests ran on SQLite only"

    /// The shared server, started at first use.
    public static func shared() throws -> PostgresTestCluster {
        try sharedResult.get()
    }

    private static let sharedResult: Result<PostgresTestCluster, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment["SEKISHO_TEST_POSTGRES_URL"] {
            return try PostgresTestCluster(adminURL: url)
        }
        return try PostgresTestCluster.startThrowaway()
    }

    let host: String
    let port: Int
    let user: String
    let password: String?
    let psql: String

    private init(host: String, port: Int, user: String, password: String?, psql: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.psql = psql
    }

    private convenience init(adminURL: String) throws {
        guard let components = URLComponents(string: adminURL), let host = components.host else {
            throw ProcessRunner.Failure(command: ["SEKISHO_TEST_POSTGRES_URL"], output: "not a postgres URL")
        }
        self.init(
            host: host, port: components.port ?? 5432, user: components.user ?? "postgres",
            password: components.password, psql: Self.binDirectory.map { "\($0)/psql" } ?? "psql")
    }

    /// A new empty database; returns its URL.
    public func createDatabase() throws -> String {
        let name = "sekisho_test_\(UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: ""))"
        var environment: [String: String] = [:]
        if let password { environment["PGPASSWORD"] = password }
        try ProcessRunner.run(
            [psql, "-h", host, "-p", String(port), "-U", user, "-d", "postgres", "-v", "ON_ERROR_STOP=1",
             "-q", "-c", "CREATE DATABASE \(name)"],
            environment: environment)
        let credentials = password.map { "\(user):\($0)" } ?? user
        return "postgres://\(credentials)@\(host):\(port)/\(name)?sslmode=disable"
    }

    /// Where the server binaries are: `pg_config --bindir`, Debian's versioned folders, or PATH.
    static let binDirectory: String? = {
        var candidates: [String] = []
        if let bindir = try? ProcessRunner.run(["pg_config", "--bindir"]) {
            candidates.append(bindir.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let debian = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += debian.sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin" }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { directory in
            ["initdb", "pg_ctl", "psql"].allSatisfy { FileManager.default.isExecutableFile(atPath: "\(directory)/\($0)") }
        }
    }()

    private static func startThrowaway() throws -> PostgresTestCluster {
        guard let bin = binDirectory else {
            throw ProcessRunner.Failure(command: ["initdb"], output: skipReason)
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sekisho-pg-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` user.
        let asServerUser: [String] = getuid() == 0 ? ["runuser", "-u", "postgres", "--"] : []
        if getuid() == 0 { try ProcessRunner.run(["chown", "postgres:postgres", directory]) }
        let data = "\(directory)/data"
        try ProcessRunner.run(asServerUser + ["\(bin)/initdb", "-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"])
        let port = freeLoopbackPort()
        let options = "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300"
        try ProcessRunner.run(asServerUser + ["\(bin)/pg_ctl", "-D", data, "-o", options, "-l", "\(directory)/server.log", "-w", "start"])
        ThrowawayCleanup.register(stop: asServerUser + ["\(bin)/pg_ctl", "-D", data, "-m", "immediate", "stop"], remove: directory)
        return PostgresTestCluster(host: "127.0.0.1", port: port, user: "postgres", password: nil, psql: "\(bin)/psql")
    }
}

/// Stops the throwaway cluster when the test process exits.
private enum ThrowawayCleanup {
    nonisolated(unsafe) static var stopCommand: [String] = []
    nonisolated(unsafe) static var directory = ""

    static func register(stop: [String], remove: String) {
        stopCommand = stop
        directory = remove
        atexit {
            _ = try? ProcessRunner.run(ThrowawayCleanup.stopCommand)
            try? FileManager.default.removeItem(atPath: ThrowawayCleanup.directory)
        }
    }
}
