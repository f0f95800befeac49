import Foundation
import Hummingbird
import SekishoCore

/// The errors a two-step form comes back with: a field problem (422), a refused code (422) or the
/// throttle (429), each as a sentence in the page's language.
protocol TwoStepProblem: Error {
    var status: HTTPResponse.Status { get }
    func message(strings: Strings, language: Language) -> String?
    func feedback(_ form: FormBody, strings: Strings, language: Language) -> FormFeedback
}

extension TwoStepProblem {
    var status: HTTPResponse.Status { .unprocessableContent }
    func message(strings: Strings, language: Language) -> String? { nil }
    func feedback(_ form: FormBody, strings: Strings, language: Language) -> FormFeedback { .empty }
}

extension FormErrors: TwoStepProblem {
    func feedback(_ form: FormBody, strings: Strings, language: Language) -> FormFeedback {
        FormFeedback(form: form, keeping: [TwoStepVerification.Field.phone], errors: self, strings: strings, language: language)
    }
}

extension TwoStepRejected: TwoStepProblem {
    func message(strings: Strings, language: Language) -> String? {
        strings.text("two_step_rejected_\(rawValue)", language)
    }
}

extension TwoStepThrottled: TwoStepProblem {
    var status: HTTPResponse.Status { .tooManyRequests }

    func message(strings: Strings, language: Language) -> String? {
        strings.text("two_step_throttled", language).replacingOccurrences(of: "{time}", with: JapanTime.time(retryAt))
    }
}
