import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SekishoCore

/// The few HTTP calls a provider client makes (GET, form POST), with one deadline for the whole
/// exchange and a capped body, so both providers share the same failure rules:
/// no answer in time or no connection → ``FederationFailure/unreachable``; an answer too large or
/// not JSON → ``FederationFailure/invalidResponse(_:)``.
///
/// AsyncHTTPClient retries a refused connection until the deadline, so a provider that is down
/// costs the whole timeout before `.unreachable`; a provider that answers never waits longer.
///
/// URLs may carry secrets (Facebook's `client_secret`, access tokens), so nothing here logs them.
struct ProviderHTTP: Sendable {
    /// Bodies larger than this are refused: a discovery document, a JWKS or a token answer is a few KiB.
    static let maximumBodyBytes = 1 << 20

    let client: HTTPClient
    /// Seconds for the whole request: connect, send, answer head and body.
    let timeout: TimeInterval

    func get(_ url: String) async throws(FederationFailure) -> ProviderAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "Accept", value: "application/json")
        return try await send(request)
    }

    func postForm(_ url: String, _ fields: [(String, String)]) async throws(FederationFailure) -> ProviderAnswer {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        return try await send(request)
    }

    private func send(_ request: HTTPClientRequest) async throws(FederationFailure) -> ProviderAnswer {
        let client = self.client
        let nanoseconds = Int64((max(timeout, 0.001) * 1e9).rounded())
        do {
            // AsyncHTTPClient's deadline covers the answer's head only; the race with a sleep also
            // bounds a provider that trickles its body. Losing the race cancels the request.
            return try await withThrowingTaskGroup(of: ProviderAnswer.self) { group in
                group.addTask {
                    let response = try await client.execute(request, timeout: .nanoseconds(nanoseconds))
                    let body = try await response.body.collect(upTo: Self.maximumBodyBytes)
                    return ProviderAnswer(status: Int(response.status.code), body: Data(body.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(nanoseconds))
                    throw ProviderTimeout()
                }
                defer { group.cancelAll() }
                guard let answer = try await group.next() else { throw ProviderTimeout() }
                return answer
            }
        } catch is NIOTooManyBytesError {
            throw .invalidResponse("answer too large")
        } catch {
            // Refused connection, TLS failure, deadline, cancellation: the provider was not reached.
            throw .unreachable
        }
    }
}

/// The sleep that bounds one request won the race.
private struct ProviderTimeout: Error {}

/// A provider's answer: status and the (capped) body.
struct ProviderAnswer: Sendable {
    let status: Int
    let body: Data

    var isSuccess: Bool { (200..<300).contains(status) }

    /// The body as one JSON object, or `.invalidResponse("<what> not json")`.
    func json(_ what: String) throws(FederationFailure) -> JSONObject {
        guard let object = JSONObject(data: body) else { throw .invalidResponse("\(what) not json") }
        return object
    }
}
