using System.Text.RegularExpressions;
using Accelerator.Testing;
using YamlDotNet.RepresentationModel;

namespace Accelerator.AppHost.Tests;

/// <summary>docker-compose.yml is closed by default (no container engine here, so the file itself is checked): no
/// Development, no secret with a default, ports on loopback unless opted in, exact image versions, health checks with
/// consumers healthy before publishers, telemetry to a dashboard container. The Development override stays opt-in.</summary>
public sealed partial class ComposeDefaultsTests
{
    private static readonly string Root = RabbitMqAccounts.RepositoryRoot();
    private static readonly string Text = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));
    private static readonly YamlMappingNode Services = (YamlMappingNode)Load("docker-compose.yml")["services"];
    private static readonly string[] Programs = ["applications", "selection", "mentoring", "resources", "notifications", "gateway"];

    [Fact]
    public void Nothing_runs_in_development_and_no_secret_has_a_default()
    {
        foreach (var program in Programs)
            Scalar(Services, program, "environment", "ASPNETCORE_ENVIRONMENT").ShouldBe("Production");
        // Every password, key or secret comes from .env: compose refuses to start without it (${VAR:?…}), or it is
        // optional and empty by default (the JWT authority or key, one of which the services demand).
        foreach (Match reference in VariableReference().Matches(Text))
            if (Secret().IsMatch(reference.Groups["name"].Value))
                (reference.Groups["rest"].Value.StartsWith(":?") || reference.Groups["rest"].Value == ":-")
                    .ShouldBeTrue($"{reference.Value} must have no default");
        Text.ShouldNotContain("guest");
        Text.ShouldNotContain("-dev");
        File.ReadAllText(Path.Combine(Root, ".gitignore")).Split('\n').ShouldContain(".env");
    }

    [Fact]
    public void Every_program_runs_with_two_malloc_arenas_as_under_the_apphost()
    {
        foreach (var program in Programs)
            Scalar(Services, program, "environment", "MALLOC_ARENA_MAX").ShouldBe("2", program);
    }

    [Fact]
    public void Every_port_is_published_on_loopback_unless_the_user_opts_in()
    {
        var ports = Services.Children.Values.OfType<YamlMappingNode>()
            .Where(s => s.Children.ContainsKey("ports"))
            .SelectMany(s => ((YamlSequenceNode)s["ports"]).Children.Select(p => ((YamlScalarNode)p).Value!)).ToList();
        ports.ShouldNotBeEmpty();
        ports.ShouldAllBe(p => p.StartsWith("${ACCELERATOR_PUBLISH_ADDRESS:-127.0.0.1}:"));
    }

    [Fact]
    public void Images_are_pinned_to_exact_versions()
    {
        var images = Services.Children.Values.OfType<YamlMappingNode>().Where(s => s.Children.ContainsKey("image"))
            .Select(s => ((YamlScalarNode)s["image"]).Value!).ToList();
        images.ShouldNotBeEmpty();
        images.ShouldAllBe(image => ExactTag().IsMatch(image));
        foreach (Match from in Regex.Matches(File.ReadAllText(Path.Combine(Root, "Dockerfile")), @"^FROM (\S+)", RegexOptions.Multiline))
            ExactTag().IsMatch(from.Groups[1].Value).ShouldBeTrue(from.Value);
    }

    [Fact]
    public void Programs_report_health_and_start_after_what_they_need_is_healthy()
    {
        foreach (var program in Programs)
        {
            var service = (YamlMappingNode)Services[program];
            var healthcheck = Get(service, "healthcheck")!;
            ((YamlSequenceNode)healthcheck["test"]).Children.Select(c => c.ToString()).ShouldContain(t => t.Contains("/health"));
            var dependsOn = (YamlMappingNode)service["depends_on"];
            foreach (var (name, condition) in Entries(dependsOn))
                if (name is not "aspire-dashboard" and not "rabbitmq-accounts")
                    condition["condition"].ToString().ShouldBe("service_healthy", $"{program} → {name}");
        }
        // Consumers are healthy (their queues bound) before the services that publish to them start.
        Entries((YamlMappingNode)Services["selection"]["depends_on"]).Select(e => e.Key).ShouldContain("mentoring");
        Entries((YamlMappingNode)Services["applications"]["depends_on"]).Select(e => e.Key).ShouldContain("selection");
        Get((YamlMappingNode)Services["mentoring"]["depends_on"], "rabbitmq-accounts")!["condition"].ToString()
            .ShouldBe("service_completed_successfully");
    }

    [Fact]
    public void Every_program_sends_telemetry_to_the_dashboard_container_with_its_key()
    {
        Services.Children.Keys.Select(k => k.ToString()).ShouldContain("aspire-dashboard");
        foreach (var program in Programs)
        {
            Scalar(Services, program, "environment", "OTEL_EXPORTER_OTLP_ENDPOINT").ShouldBe("http://aspire-dashboard:18889");
            Scalar(Services, program, "environment", "OTEL_EXPORTER_OTLP_HEADERS").ShouldStartWith("x-otlp-api-key=${DASHBOARD_OTLP_API_KEY:?");
        }
    }

    [Fact]
    public void Each_service_has_its_own_database_role_and_broker_account()
    {
        foreach (var service in Programs.Where(p => p != "gateway"))
        {
            Scalar(Services, service, "environment", $"ConnectionStrings__{service}db").ShouldContain($"Username={service};");
            Scalar(Services, service, "environment", "ConnectionStrings__messaging").ShouldStartWith($"amqp://{service}:");
        }
    }

    [Fact]
    public void Development_and_its_dev_tokens_come_back_only_through_the_override()
    {
        var overrides = (YamlMappingNode)Load("docker-compose.dev.yml")["services"];
        Scalar(overrides, "gateway", "environment", "ASPNETCORE_ENVIRONMENT").ShouldBe("Development");
        Scalar(overrides, "gateway", "environment", "DevTokens__AllowRemoteCallers").ShouldBe("true");
    }

    [Fact]
    public async Task Docker_compose_accepts_both_files_and_refuses_to_start_without_the_secrets()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/docker-compose"), "docker-compose (Debian's package) is not installed.");
        var directory = Directory.CreateTempSubdirectory("accelerator-compose").FullName;
        foreach (var file in new[] { "docker-compose.yml", "docker-compose.dev.yml" })
            File.Copy(Path.Combine(Root, file), Path.Combine(directory, file));
        (await ComposeConfigAsync(directory)).ExitCode.ShouldNotBe(0, "compose must refuse to start without .env");
        var example = await File.ReadAllLinesAsync(Path.Combine(Root, ".env.example"));
        await File.WriteAllLinesAsync(Path.Combine(directory, ".env"), example.Select(line => line.EndsWith('=') ? line + "x" : line));
        var closed = await ComposeConfigAsync(directory);
        closed.ExitCode.ShouldBe(0, closed.Output);
        closed.Output.ShouldNotContain("Development");
        var development = await ComposeConfigAsync(directory, "-f", "docker-compose.yml", "-f", "docker-compose.dev.yml");
        development.ExitCode.ShouldBe(0, development.Output);
        development.Output.ShouldContain("ASPNETCORE_ENVIRONMENT: Development");
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<(int ExitCode, string Output)> ComposeConfigAsync(string directory, params string[] files)
    {
        var info = new System.Diagnostics.ProcessStartInfo("docker-compose")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var argument in files.Append("config"))
            info.ArgumentList.Add(argument);
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string Scalar(YamlMappingNode services, string service, params string[] path)
    {
        YamlNode node = services[service];
        foreach (var key in path)
            node = Get((YamlMappingNode)node, key) ?? throw new KeyNotFoundException($"{service}: {string.Join('.', path)}");
        return ((YamlScalarNode)node).Value!;
    }

    /// <summary>A key of a mapping, following YAML merge keys (<c>&lt;&lt;: *anchor</c>) as compose does.</summary>
    private static YamlNode? Get(YamlMappingNode mapping, string key)
    {
        if (mapping.Children.TryGetValue(new YamlScalarNode(key), out var value))
            return value;
        if (!mapping.Children.TryGetValue(new YamlScalarNode("<<"), out var merged))
            return null;
        var sources = merged is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)merged];
        return sources.Select(source => Get(source, key)).FirstOrDefault(found => found is not null);
    }

    /// <summary>Every key of a mapping, merge keys followed.</summary>
    private static IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode mapping) =>
        mapping.Children.SelectMany(entry => entry.Key.ToString() == "<<"
            ? (entry.Value is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : [(YamlMappingNode)entry.Value]).SelectMany(Entries)
            : [(entry.Key.ToString(), entry.Value)]);

    private static YamlMappingNode Load(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Root, file))));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Z_]+)(?<rest>[^}]*)\}")]
    private static partial Regex VariableReference();

    [GeneratedRegex("PASSWORD|KEY|SECRET")]
    private static partial Regex Secret();

    // postgres numbers its releases major.minor (17.6); the others major.minor.patch.
    [GeneratedRegex(@":\d+\.\d+(\.\d+)?(-[a-z]+)?$")]
    private static partial Regex ExactTag();
}
