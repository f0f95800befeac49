/// A corpus of passwords known from breaches (ASVS 6.2.12, NIST 800-63B-4 §3.1.1.2), asked about
/// every new password beside the shipped list of common ones.
public protocol BreachCorpus: Sendable {
    /// Whether `password` (NFKC, the text that is hashed) is in the corpus. Throws when the corpus
    /// cannot be asked; the caller then goes on without it.
    func contains(_ password: String) async throws -> Bool
}
