/// The pure-Swift QR code encoder (byte mode, error correction M, module matrix and inline SVG) that
/// shows authenticator secrets. Its encoder arrives with two-step verification; the target exists
/// from the start so the package's shape (DESIGN.md) does not change under later work.
public enum QRCode {}
