import QRCode
import Testing

/// The encoder's tests (decoded back with zbarimg) arrive with the encoder in the two-step issue.
@Suite("QR code")
struct QRCodeTests {}
