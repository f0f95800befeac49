import Benchmark
import Foundation
import QRCode
import SekishoCore
import SekishoWeb

/// Sekisho's hot spots, one benchmark each: the password hash that bounds sign-in, the TOTP check
/// of two-step, the QR code of the authenticator registration, the template render of a signed-in
/// page and the session lookup every signed-in request makes (docs/benchmarks.md).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput], maxDuration: .seconds(3))

    Benchmark("scrypt hash (default parameters)", configuration: .init(maxIterations: 20)) { benchmark in
        let pool = HashingPool(threads: 1, queueLimit: 1)
        defer { pool.shutdown() }
        let hasher = PasswordHasher(parameters: .default, pool: pool)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await hasher.hash("correct horse battery staple"))
        }
    }

    Benchmark("TOTP check (window ±1)") { benchmark in
        let key = Array((0..<AuthenticatorKey.byteCount).map { UInt8($0 &* 7) })
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let code = OneTimePassword.authenticatorApp.code(key: key, at: now.addingTimeInterval(30))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(OneTimePassword.authenticatorApp.matchingStep(of: code, key: key, at: now))
        }
    }

    Benchmark("QR code of an otpauth URI (SVG)") { benchmark in
        let uri = "otpauth://totp/%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%E3%82%B9:user4242%40example.co.jp"
            + "?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=%E3%82%B3%E3%83%BC%E3%83%87%E3%83%83%E3%82%AF%E3%82%B9"
        for _ in benchmark.scaledIterations {
            blackHole(try QRCode(encoding: uri).svg(title: "QR"))
        }
    }

    Benchmark(
        "render signed-in home (3 remembered browsers)",
        configuration: .init(setup: { homeSample = try await HomeSample.make() })
    ) { benchmark in
        let sample: HomeSample = homeSample
        for _ in benchmark.scaledIterations {
            blackHole(HomePageSample.render(
                account: sample.account, browsers: sample.browsers, renderer: sample.renderer, strings: sample.strings))
        }
    }

    Benchmark(
        "session lookup (SQLite file, 1,000 people)",
        configuration: .init(
            setup: { sessionFixture = try await SessionFixture.open(people: 1_000) },
            teardown: { await sessionFixture?.close() })
    ) { benchmark in
        let fixture: SessionFixture = sessionFixture
        for _ in benchmark.scaledIterations {
            blackHole(try await fixture.sessions.resume(fixture.token, client: fixture.client))
        }
    }
}

/// Built once by a benchmark's setup, outside its measurement: the templates, and a seeded database.
nonisolated(unsafe) var homeSample: HomeSample!
nonisolated(unsafe) var sessionFixture: SessionFixture!
