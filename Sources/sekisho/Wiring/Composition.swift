import Foundation
import Hummingbird
import Logging
import SekishoCore
import SekishoDelivery
import SekishoFederation
import SekishoStore
import SekishoWeb

/// The composition root: the only place that knows every concrete type.
enum Composition {
    static func openStore(_ configuration: SekishoConfiguration, logger: Logger, migrate: Bool = true) async throws -> SQLStore {
        let location = try DatabaseLocation(url: configuration.databaseURL, dataDirectory: configuration.dataDirectory)
        let store = try await SQLStore.open(location, connections: configuration.databasePoolSize, logger: logger)
        if migrate {
            do {
                try await store.migrate()
            } catch {
                await store.shutdown()
                throw error
            }
        }
        return store
    }

    static func serviceSettings(_ configuration: SekishoConfiguration) -> ServiceSettings {
        ServiceSettings(
            serviceName: configuration.serviceName, publicURL: configuration.publicURL, mailDomain: configuration.mail.domain,
            ticketLifetimes: configuration.ticketLifetimes,
            trialLength: TimeInterval(configuration.trialDays) * 86_400,
            cancellationRetention: TimeInterval(configuration.cancellationRetentionDays) * 86_400,
            lineEntranceURL: configuration.lineGateway?.entranceURL)
    }

    static func passwords(_ configuration: SekishoConfiguration, pool: HashingPool) -> (PasswordHasher, PasswordPolicy) {
        (PasswordHasher(parameters: configuration.scrypt, pool: pool), passwordPolicy(configuration))
    }

    static func passwordPolicy(_ configuration: SekishoConfiguration) -> PasswordPolicy {
        PasswordPolicy(
            bannedWords: configuration.bannedPasswordWords, commonPasswords: .shipped,
            breaches: configuration.breachedPasswordsRangeURL.map {
                PwnedPasswordsRange(rangeURL: $0.absoluteString, logger: Logger(label: "sekisho.passwords"))
            })
    }

    static func createContract(_ configuration: SekishoConfiguration, store: any Store, pool: HashingPool) -> CreateContract {
        let (hasher, policy) = passwords(configuration, pool: pool)
        return CreateContract(store: store, clock: SystemWallClock(), hasher: hasher, policy: policy, settings: serviceSettings(configuration))
    }

    static func mailer(_ configuration: SekishoConfiguration, logger: Logger) throws -> any Mailer {
        let sender = try MailSender(displayName: configuration.mail.fromName, address: configuration.mail.fromAddress)
        switch configuration.mail.transport {
        case .file:
            let directory = URL(fileURLWithPath: configuration.dataDirectory).appendingPathComponent("outbox/mail")
            return FileMailer(directory: directory, sender: sender, logger: logger)
        case .smtp(let smtp):
            return try SMTPMailer(configuration: smtp, sender: sender, logger: logger)
        }
    }

    static func smsSender(_ configuration: SekishoConfiguration, logger: Logger) -> any SMSSender {
        switch configuration.sms.transport {
        case .file:
            let dataDirectory = URL(fileURLWithPath: configuration.dataDirectory, isDirectory: true)
            return FileSMSSender(directory: FileSMSSender.developmentDirectory(dataDirectory: dataDirectory), logger: logger)
        case .http(let http):
            return HTTPSMSSender(configuration: http, logger: logger)
        }
    }

    /// The web application with its background services (outbox delivery, expiry sweeps).
    static func buildApplication(
        _ configuration: SekishoConfiguration, store: SQLStore, pool: HashingPool, logger: Logger
    ) async throws -> some ApplicationProtocol {
        let clock = SystemWallClock()
        let settings = serviceSettings(configuration)
        let (hasher, policy) = passwords(configuration, pool: pool)
        let sessions = SessionService(store: store, clock: clock, policy: configuration.session)
        let strings = try Strings.load()
        let apply = ApplyForContract(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings)
        let twoStep = TwoStepVerification(
            store: store, clock: clock, box: try configuration.serverKey.open(), policy: configuration.twoStep, settings: settings)
        let recentSignIn = RecentSignIn(
            store: store, clock: clock, hasher: hasher, settings: settings, twoStep: twoStep, lockout: configuration.lockout)
        let services = WebServices(
            settings: WebSettings(
                mode: configuration.mode, publicURL: configuration.publicURL, serviceURL: configuration.serviceURL,
                trustedProxies: configuration.trustedProxies, providerOrigins: configuration.federation.authorizationOrigins,
                lineGateway: configuration.lineGateway, hstsPreload: configuration.hstsPreload),
            strings: strings, pages: try PageRenderer.load(strings: strings), store: store, sessions: sessions,
            recentSignIn: recentSignIn,
            signIn: SignIn(
                store: store, clock: clock, hasher: hasher, settings: settings, twoStep: configuration.twoStep,
                lockout: configuration.lockout),
            signOut: SignOut(store: store, clock: clock),
            apply: apply,
            confirmApplication: ConfirmApplication(store: store, clock: clock, settings: settings),
            twoStep: twoStep,
            rememberedBrowsers: RememberedBrowsers(store: store, clock: clock, policy: configuration.twoStep),
            unlock: UnlockAccount(store: store, clock: clock),
            requestReset: RequestPasswordReset(store: store, clock: clock, lockout: configuration.lockout),
            resetPassword: ResetPassword(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings),
            admin: AdminServices(
                console: AdminConsole(store: store), people: ManagePeople(store: store, clock: clock, settings: settings),
                invitations: Invitations(store: store, clock: clock, settings: settings),
                emailChange: EmailChange(store: store, clock: clock, hasher: hasher, policy: policy, settings: settings)),
            invitedRegistration: InvitedRegistration(store: store, clock: clock, hasher: hasher, policy: policy),
            contractMenu: contractMenu(
                configuration, store: store, clock: clock, hasher: hasher, policy: policy, settings: settings),
            federation: federation(configuration, store: store, clock: clock, apply: apply, settings: settings, logger: logger),
            line: LineServices(store: store, clock: clock, serviceSettings: settings),
            mailbox: store.outboxQueue)
        let worker = OutboxWorker(
            queue: store.outboxQueue, mailer: try mailer(configuration, logger: logger),
            smsSender: smsSender(configuration, logger: logger), clock: clock,
            configuration: .init(
                pollInterval: .seconds(configuration.outboxPollSeconds), lease: .seconds(configuration.outboxLeaseSeconds)),
            logger: logger)
        let sweep = SweepExpiredRecords(
            store: store, clock: clock, sessions: configuration.session, settings: settings, twoStep: configuration.twoStep,
            lockout: configuration.lockout)
        let sweeper = PeriodicJob(name: "sweep", interval: .seconds(configuration.sweepMinutes * 60), logger: logger) {
            _ = try await sweep.execute()
        }
        let purge = PurgeCancelledContracts(store: store, clock: clock, settings: settings)
        let purger = PeriodicJob(name: "purge-cancelled", interval: .seconds(configuration.sweepMinutes * 60), logger: logger) {
            _ = try await purge.execute()
        }
        let resets = DeliverPasswordResets(store: store, settings: settings)
        let resetMailer = PeriodicJob(name: "password-resets", interval: .seconds(1), logger: logger) {
            _ = try await resets.execute()
        }
        let banner = startBanner(configuration, store: store)
        return Application(
            router: try SekishoWebApp.buildRouter(services: services),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            services: [worker, sweeper, purger, resetMailer],
            onServerRunning: { channel in
                logger.notice("\(banner) on port \(channel.localAddress?.port ?? configuration.port)")
            },
            logger: logger)
    }

    private static func contractMenu(
        _ configuration: SekishoConfiguration, store: SQLStore, clock: SystemWallClock, hasher: PasswordHasher, policy: PasswordPolicy,
        settings: ServiceSettings
    ) -> ContractMenuServices {
        return ContractMenuServices(
            changePassword: ChangePassword(
                store: store, clock: clock, hasher: hasher, policy: policy, settings: settings, lockout: configuration.lockout),
            details: ChangeContractDetails(store: store, clock: clock),
            planAndRoute: ChangePlanAndRoute(store: store, clock: clock),
            changeLoginEmail: ChangeLoginEmail(store: store, clock: clock, settings: settings),
            cancel: CancelContract(store: store, clock: clock, hasher: hasher, settings: settings, lockout: configuration.lockout))
    }

    private static func federation(
        _ configuration: SekishoConfiguration, store: SQLStore, clock: SystemWallClock, apply: ApplyForContract, settings: ServiceSettings,
        logger: Logger
    ) -> FederationUseCases {
        var clients: [any IdentityProvider] = []
        if let google = configuration.federation.google {
            clients.append(OpenIDConnectProvider(configuration: google, clock: clock, logger: logger))
        }
        if let facebook = configuration.federation.facebook {
            clients.append(FacebookProvider(configuration: facebook, logger: logger))
        }
        return FederationUseCases(providers: clients, store: store, clock: clock, application: apply, settings: settings)
    }

    private static func startBanner(_ configuration: SekishoConfiguration, store: SQLStore) -> String {
        var banner = "Sekisho serving \(configuration.publicURL.absoluteString) (\(configuration.mode.rawValue), \(store.kind.rawValue)"
        if configuration.mode == .development { banner += ", mailbox at /dev/mail" }
        return banner + ")"
    }
}
