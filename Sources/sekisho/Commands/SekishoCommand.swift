import ArgumentParser

/// `sekisho`: the sign-in and account portal of Codex Storage.
@main
struct SekishoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sekisho",
        abstract: "Sekisho (関所): the sign-in and account portal of Codex Storage.",
        subcommands: [ServeCommand.self, MigrateCommand.self, ContractCommand.self, DevCommand.self],
        defaultSubcommand: nil)
}
