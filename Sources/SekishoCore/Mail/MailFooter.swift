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

    /// A notice to `person` about their own account (ASVS 6.3.5, 6.3.7): the greeting, `paragraphs`,
    /// and what to do when it was not them.
    func notice(to person: Person, topic: String, _ paragraphs: [String]) -> OutgoingMail {
        let body = mailBody(
            ["\(person.name) 様", "平素より、\(serviceName)サービスをご利用いただき誠にありがとうございます。"] + paragraphs
                + ["お心当たりのない場合は、直ちにパスワードを変更し、管理者またはサポートセンターまでお問い合わせください。"])
        return OutgoingMail(to: person.email.value, subject: subject(topic), body: body)
    }

    /// Lifetimes as the mails state them: 7日以内.
    func days(_ purpose: TicketPurpose) -> Int {
        max(1, Int((lifetime(of: purpose) / 86_400).rounded()))
    }
}
