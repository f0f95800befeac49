import Hummingbird

/// The yardstick of `scripts/bench`: a bare Hummingbird 2 route, measured in the same run as
/// Sekisho's signed-in page. `sekisho-bench-hello PORT`.
let port = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 8081
let router = Router()
router.get("/") { _, _ in "hello" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
try await app.runService()
