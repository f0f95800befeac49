import SekishoCore

/// The browser's answer as the page's script posts it (the hidden fields of ``SecurityKeyField``).
extension SecurityKeyAssertion {
    init?(form: FormBody) {
        self.init(
            credentialID: form[SecurityKeyField.credentialID], clientData: form[SecurityKeyField.clientData],
            authenticatorData: form[SecurityKeyField.authenticatorData], signature: form[SecurityKeyField.signature])
    }
}

extension SecurityKeyRegistration {
    init?(form: FormBody) {
        self.init(
            credentialID: form[SecurityKeyField.credentialID], clientData: form[SecurityKeyField.clientData],
            attestation: form[SecurityKeyField.attestation])
    }
}
