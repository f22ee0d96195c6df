namespace Accelerator.AppHost;

/// <summary>
/// smtp4dev, a local SMTP server that keeps every message and shows it in a web UI, run from the repository's tool
/// manifest (<c>.config/dotnet-tools.json</c>; <c>./accelerator start</c> restores it): the e-mail of development goes
/// there and nowhere else. A plain process, so no container engine is needed; its messages live in memory only.
/// </summary>
internal static class MailCatcher
{
    public static IResourceBuilder<ExecutableResource> AddMailCatcher(this IDistributedApplicationBuilder builder, string name,
        int smtpPort, int webPort)
    {
        var checkout = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
        return builder.AddExecutable(name, "dotnet", checkout, "tool", "run", "smtp4dev", "--",
                $"--urls=http://127.0.0.1:{webPort}", $"--smtpport={smtpPort}", "--bindaddress=127.0.0.1", "--imapport=", "--pop3port=",
                "--db=", "--nousersettings")
            .WithHttpEndpoint(port: webPort, targetPort: webPort, name: "http", isProxied: false)
            .WithEndpoint(port: smtpPort, targetPort: smtpPort, scheme: "tcp", name: "smtp", isProxied: false)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mail received (smtp4dev)");
    }
}
