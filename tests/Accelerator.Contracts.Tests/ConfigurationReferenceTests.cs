using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Accelerator.Testing;

namespace Accelerator.Contracts.Tests;

/// <summary>
/// The README's "Configuration reference" against the code: every configuration key or environment variable read in
/// the programs, the AppHost and the tests, every top-level section of their appsettings files and every variable of
/// <c>.env.example</c> is named there. Found in the sources, without building or running anything.
/// </summary>
public sealed partial class ConfigurationReferenceTests
{
    private static readonly string[] SourceRoots = ["apphost", "bench", "gateway", "services", "tests"];

    /// <summary>Read, but not settings of ours: the tools' search path.</summary>
    private static readonly string[] NotSettings = ["PATH"];

    [Fact]
    public void Every_configuration_key_read_in_code_is_in_the_readme()
    {
        var reference = Reference();
        var missing = ConfigurationReads().Where(read => !IsDocumented(reference, read.Key)).Select(read => $"{read.Key} (read in {read.File})");

        missing.Distinct().ShouldBeEmpty("The README's \"Configuration reference\" lacks keys that code reads: add each with its default and meaning.");
    }

    [Fact]
    public void Every_appsettings_section_and_compose_variable_is_in_the_readme()
    {
        var reference = Reference();
        var settings = SourceFiles("appsettings*.json")
            .SelectMany(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject().Select(section => (Key: section.Key, File: file)));
        var envExample = Path.Combine(EventCatalogue.RepositoryRoot, ".env.example");
        var compose = File.ReadAllLines(envExample)
            .Select(line => EnvironmentLine().Match(line)).Where(m => m.Success)
            .Select(m => (Key: m.Groups[1].Value, File: envExample));

        settings.Concat(compose).Where(read => !IsDocumented(reference, Regex.Escape(read.Key)))
            .Select(read => $"{read.Key} ({Relative(read.File)})").Distinct()
            .ShouldBeEmpty("The README's \"Configuration reference\" lacks these settings.");
    }

    /// <summary>The reader itself: it must see the kinds of reads the code has, or the test above proves nothing.</summary>
    [Fact]
    public void The_reader_finds_each_kind_of_read()
    {
        var keys = ConfigurationReads().Select(read => read.Key).ToHashSet();

        keys.ShouldContain(Regex.Escape("Jwt:Authority"));                 // section["…"] of a GetSection("Jwt")
        keys.ShouldContain(Regex.Escape("RateLimits:Burst"));              // GetValue("…", default)
        keys.ShouldContain(Regex.Escape("DevTokens:AllowRemoteCallers"));  // GetValue<bool>("…")
        keys.ShouldContain(Regex.Escape("AsyncApi:Broker"));               // Configuration["…"]
        keys.ShouldContain(Regex.Escape("Messaging:RedeliveryDelay"));     // GetSection("…").Get<OurOptions>()
        keys.ShouldContain(Regex.Escape("MassTransit"));                   // Bind(GetSection("…"))
        keys.ShouldContain(Regex.Escape("ConnectionStrings:selectiondb")); // GetConnectionString(a constant)
        keys.ShouldContain(Regex.Escape("ACCELERATOR_TEST_POSTGRES"));     // GetEnvironmentVariable("…")
        keys.ShouldContain(Regex.Escape("ACCELERATOR_FUZZ_SEED"));         // GetEnvironmentVariable(a constant)
        keys.ShouldContain(Key("Parameters:rabbitmq-{user}-password"));     // an interpolated key
    }

    private static string Reference()
    {
        var readme = File.ReadAllText(Path.Combine(EventCatalogue.RepositoryRoot, "README.md"));
        var start = readme.IndexOf("\n## Configuration reference\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "The README has no section \"## Configuration reference\".");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    /// <summary>Named in backticks, alone or as the prefix of its subkeys (<c>`MassTransit:WaitUntilStarted`</c> names the
    /// section <c>MassTransit</c>).</summary>
    private static bool IsDocumented(string reference, string keyPattern) =>
        Regex.IsMatch(reference, $"`{keyPattern}(:[^`]*)?`");

    /// <summary>Every key read, as a regular expression: an interpolated part (<c>{user}</c>) stands for a placeholder such
    /// as <c>&lt;user&gt;</c> or a name.</summary>
    private static IEnumerable<(string Key, string File)> ConfigurationReads()
    {
        // This file names the kinds of reads in its own comments.
        var sources = SourceFiles("*.cs").Where(file => Path.GetFileName(file) != $"{nameof(ConfigurationReferenceTests)}.cs")
            .ToDictionary(file => file, File.ReadAllText);
        var constants = sources.Values.SelectMany(text => StringConstant().Matches(text))
            .Select(m => (Name: m.Groups["name"].Value, Value: m.Groups["value"].Value)).ToList();
        // Each service names its database in a constant of its own: any of them may be the one read.
        var connectionNames = constants.Where(c => c.Name.EndsWith("ConnectionName", StringComparison.Ordinal)).Select(c => c.Value).ToList();
        var optionClasses = sources.Values.SelectMany(text => OptionsClass().Matches(text))
            .ToDictionary(m => m.Groups["name"].Value, m => SettableProperty().Matches(m.Groups["body"].Value).Select(p => p.Groups[1].Value).ToList());

        foreach (var (file, text) in sources)
        {
            var where = Relative(file);
            var sections = SectionVariable().Matches(text).ToDictionary(m => m.Groups["variable"].Value, m => m.Groups["section"].Value);
            foreach (Match read in IndexerRead().Matches(text))
            {
                var target = read.Groups["target"].Value;
                if (target.EndsWith("Configuration", StringComparison.OrdinalIgnoreCase))
                    yield return (Key(read.Groups["key"].Value), where);
                else if (sections.TryGetValue(target, out var section))
                    yield return (Key($"{section}:{read.Groups["key"].Value}"), where);
            }
            foreach (Match read in ValueRead().Matches(text))
                yield return (Key(read.Groups["key"].Value), where);
            foreach (Match read in SectionRead().Matches(text))
            {
                var section = read.Groups["section"].Value;
                if (read.Groups["options"].Success && optionClasses.TryGetValue(read.Groups["options"].Value, out var properties))
                    foreach (var property in properties)
                        yield return (Key($"{section}:{property}"), where);
                else
                    yield return (Key(section), where);
            }
            foreach (Match read in ConnectionStringRead().Matches(text))
            {
                var argument = read.Groups["argument"].Value;
                var names = argument.StartsWith('"') ? [argument.Trim('"')] : connectionNames;
                foreach (var name in names)
                    yield return (Key($"ConnectionStrings:{name}"), where);
            }
            foreach (Match read in EnvironmentRead().Matches(text))
            {
                var argument = read.Groups["argument"].Value;
                if (argument.StartsWith('"'))
                {
                    if (!NotSettings.Contains(argument.Trim('"')))
                        yield return (Key(argument.Trim('"')), where);
                }
                else if (constants.Where(c => c.Name == argument).Select(c => c.Value).FirstOrDefault() is { } name)
                    yield return (Key(name), where);
                else
                    throw new InvalidOperationException($"{where} reads the environment variable {argument}, which this test cannot resolve.");
            }
        }
    }

    private static string Key(string key) =>
        string.Join("(<[^>]+>|[\\w.-]+)", Interpolation().Split(key).Select(Regex.Escape));

    private static IEnumerable<string> SourceFiles(string pattern) =>
        SourceRoots.SelectMany(root => Directory.EnumerateFiles(Path.Combine(EventCatalogue.RepositoryRoot, root), pattern, SearchOption.AllDirectories))
            .Where(file => !file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string Relative(string file) => Path.GetRelativePath(EventCatalogue.RepositoryRoot, file);

    [GeneratedRegex("""(?<target>[\w.]+)\[\$?"(?<key>[^"]+)"\]""")]
    private static partial Regex IndexerRead();

    [GeneratedRegex("""(?:Configuration|configuration)\.GetValue(?:<[^>]+>)?\(\s*\$?"(?<key>[^"]+)""")]
    private static partial Regex ValueRead();

    [GeneratedRegex("""\.GetSection\(\s*"(?<section>[^"]+)"\)(?:\.Get<(?<options>\w+)>\(\))?""")]
    private static partial Regex SectionRead();

    [GeneratedRegex("""var (?<variable>\w+) = [\w.]*\.GetSection\(\s*"(?<section>[^"]+)"\);""")]
    private static partial Regex SectionVariable();

    [GeneratedRegex("""\.GetConnectionString\(\s*(?<argument>"[^"]+"|\w+)\s*\)""")]
    private static partial Regex ConnectionStringRead();

    [GeneratedRegex("""GetEnvironmentVariable\(\s*(?<argument>"[^"]+"|\w+)\s*\)""")]
    private static partial Regex EnvironmentRead();

    [GeneratedRegex("""const string (?<name>\w+) = "(?<value>[^"]+)";""")]
    private static partial Regex StringConstant();

    [GeneratedRegex("""class (?<name>\w+Options)\b[^{]*\{(?<body>.*?)\n\}""", RegexOptions.Singleline)]
    private static partial Regex OptionsClass();

    [GeneratedRegex("""public [\w<>?]+ (\w+) \{ get; set; \}""")]
    private static partial Regex SettableProperty();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Interpolation();

    [GeneratedRegex(@"^([A-Z][A-Z0-9_]*)=")]
    private static partial Regex EnvironmentLine();
}
