/// The closing of every mail: the manual's no-reply note (送信専用, SPEC L1).
enum MailFooter {
    static func text(serviceName: String) -> String {
        """
        =====
        本メールは「\(serviceName)」のシステムより自動的に送信しております。
        送信専用となっておりますので、ご返信いただきましてもご対応いたしかねますので
        予めご了承ください。
        =====
        """
    }
}

extension ServiceSettings {
    /// Joins the paragraphs of a body and appends the footer.
    func mailBody(_ paragraphs: [String]) -> String {
        (paragraphs + [MailFooter.text(serviceName: serviceName)]).joined(separator: "\n\n") + "\n"
    }

    /// Lifetimes as the mails state them: 7日以内.
    func days(_ purpose: TicketPurpose) -> Int {
        max(1, Int((lifetime(of: purpose) / 86_400).rounded()))
    }
}
