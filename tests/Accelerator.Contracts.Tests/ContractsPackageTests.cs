using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using Accelerator.Gateway.AsyncApi;
using Accelerator.Testing;

namespace Accelerator.Contracts.Tests;

/// <summary><c>dotnet pack</c> of a Contracts project gives the package partners reference: its id, the one contracts
/// version, the Apache-2.0 expression and the README inside. <c>./accelerator pack</c> (run by CI) packs all four.</summary>
public sealed class ContractsPackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task A_contracts_project_packs_with_its_id_version_licence_and_readme()
    {
        var output = Directory.CreateTempSubdirectory("accelerator-pack-");
        try
        {
            // Built already: this test project references it (through the gateway), in the same configuration.
            var project = Path.Combine(EventCatalogue.RepositoryRoot, "services", "Mentoring", "Accelerator.Mentoring.Contracts");
            await DotnetAsync("pack", project, "-c", Configuration, "--no-build", "-o", output.FullName, "-nologo");

            var version = ContractsVersion();
            version.ShouldBe(IntegrationEvents.ContractsVersion);
            var package = Path.Combine(output.FullName, $"Accelerator.Mentoring.Contracts.{version}.nupkg");
            File.Exists(package).ShouldBeTrue($"{package} after dotnet pack");
            using var zip = ZipFile.OpenRead(package);
            zip.GetEntry("README.md").ShouldNotBeNull();
            using (var readme = new StreamReader(zip.GetEntry("README.md")!.Open()))
                (await readme.ReadToEndAsync()).ShouldContain("mentor-assigned");
            zip.GetEntry("lib/net10.0/Accelerator.Mentoring.Contracts.dll").ShouldNotBeNull();

            XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
            using var nuspecStream = zip.GetEntry("Accelerator.Mentoring.Contracts.nuspec")!.Open();
            var nuspec = XDocument.Load(nuspecStream);
            var metadata = nuspec.Root!.Element(ns + "metadata")!;
            metadata.Element(ns + "id")!.Value.ShouldBe("Accelerator.Mentoring.Contracts");
            metadata.Element(ns + "version")!.Value.ShouldBe(version);
            metadata.Element(ns + "license")!.Attribute("type")!.Value.ShouldBe("expression");
            metadata.Element(ns + "license")!.Value.ShouldBe("Apache-2.0");
            metadata.Element(ns + "readme")!.Value.ShouldBe("README.md");
            metadata.Element(ns + "description")!.Value.ShouldContain("mentor-assigned");
            metadata.Element(ns + "repository")!.Attribute("type")!.Value.ShouldBe("git");

            // Nothing of the machine that packed it: not its checkout's path, in the metadata or in the assembly.
            foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".nuspec") || e.Name.EndsWith(".dll")))
            {
                using var reader = new StreamReader(entry.Open(), System.Text.Encoding.Latin1);
                (await reader.ReadToEndAsync()).ShouldNotContain(EventCatalogue.RepositoryRoot, customMessage: entry.FullName);
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    /// <summary>The one place the contracts' version is written: Directory.Build.props.</summary>
    private static string ContractsVersion() =>
        XDocument.Load(Path.Combine(EventCatalogue.RepositoryRoot, "Directory.Build.props"))
            .Descendants("PropertyGroup")
            .Single(group => group.Attribute("Condition")?.Value.Contains(".Contracts") == true)
            .Element("Version")!.Value;

    private static async Task DotnetAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}:\n{await stdout}\n{await stderr}");
    }
}
