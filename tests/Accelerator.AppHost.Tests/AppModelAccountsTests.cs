using System.Diagnostics;
using System.Text.Json.Nodes;
using Accelerator.Testing;

namespace Accelerator.AppHost.Tests;

/// <summary>The AppHost's application model, written as Aspire's manifest (no servers started, so the container mode
/// can be checked without a container engine): in both modes each service reaches RabbitMQ and PostgreSQL with its own
/// account of least privilege.</summary>
public sealed class AppModelAccountsTests
{
    private static readonly string[] Services = ["applications", "selection", "mentoring", "resources", "notifications"];

    [Theory]
    [InlineData("containers")]
    [InlineData("local")]
    public async Task Every_service_uses_its_own_broker_account_and_database_role(string infrastructure)
    {
        var manifest = (await ManifestAsync(infrastructure))["resources"]!.AsObject();

        foreach (var service in Services)
        {
            manifest[service]!["env"]!["ConnectionStrings__messaging"]!.GetValue<string>().ShouldStartWith($"amqp://{service}:");
            manifest[$"{service}db"]!["connectionString"]!.GetValue<string>().ShouldContain($"Username={service};");
        }
    }

    [Fact]
    public async Task Every_program_runs_with_two_malloc_arenas()
    {
        var manifest = (await ManifestAsync("local"))["resources"]!.AsObject();

        foreach (var program in Services.Append("gateway"))
            manifest[program]!["env"]!["MALLOC_ARENA_MAX"]!.GetValue<string>().ShouldBe("2", program);
    }

    private static async Task<JsonObject> ManifestAsync(string infrastructure)
    {
        var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)))!; // bin/<configuration>/net10.0
        var appHost = Path.Combine(RabbitMqAccounts.RepositoryRoot(), "apphost", "Accelerator.AppHost", "bin", configuration, "net10.0",
            "Accelerator.AppHost.dll");
        var output = Path.Combine(Path.GetTempPath(), $"accelerator-manifest-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { appHost, "--operation", "publish", "--publisher", "manifest", "--output-path", output,
                     $"--Accelerator:Infrastructure={infrastructure}" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, await log + await errors);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(output))!.AsObject();
        File.Delete(output);
        return manifest;
    }
}
