using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Accelerator.Testing;

/// <summary>A field of an event as a catalogue lists it; <paramref name="Nested"/> holds an object's own fields when the
/// catalogue spells them (<c>resourcePackage {gpuHours, hubSeats, region}</c>).</summary>
public sealed record CatalogueField(string Name, IReadOnlyList<string> Nested);

public sealed record CatalogueEvent(string Name, string Publisher, IReadOnlyList<CatalogueField> Fields)
{
    public IEnumerable<string> FieldNames => Fields.Select(f => f.Name);
}

/// <summary>
/// The three descriptions of the events on the bus, read so that a test can hold them against each other: the
/// contract (docs/SPEC.md §4 and §7 "New events"), the README's event catalogue, and the AsyncAPI document generated
/// from the Contracts records.
/// </summary>
public static partial class EventCatalogue
{
    public static readonly string[] EnvelopeFields = ["eventId", "occurredAt"];

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>SPEC §4's table: the events the contract promises today.</summary>
    public static IReadOnlyList<CatalogueEvent> SpecEvents() => Table(Section(Read("docs/SPEC.md"), "## 4. Events on the bus"));

    /// <summary>SPEC §7's "New events": promised, and published once implemented.</summary>
    public static IReadOnlyList<CatalogueEvent> SpecNewEvents() => Table(Section(Read("docs/SPEC.md"), "### New events"));

    public static IReadOnlyList<CatalogueEvent> ReadmeEvents() => Table(Section(Read("README.md"), "### Event catalogue"));

    /// <summary>The events of an AsyncAPI 3.0 document as <c>AsyncApiDocument</c> writes them: channel key, the
    /// publisher its operation is tagged with, and the properties of the envelope's <c>message</c>.</summary>
    public static IReadOnlyList<CatalogueEvent> AsyncApiEvents(JsonObject document) =>
        document["channels"]!.AsObject().Select(channel =>
        {
            var operation = document["operations"]!.AsObject().Select(o => o.Value!)
                .Single(o => o["channel"]!["$ref"]!.GetValue<string>() == $"#/channels/{channel.Key}");
            var message = Resolve(document, channel.Value!["messages"]!.AsObject().Single().Value!);
            var schema = Resolve(document, message["payload"]!["properties"]!["message"]!);
            var fields = schema["properties"]!.AsObject()
                .Select(p => new CatalogueField(p.Key, Resolve(document, p.Value!)["properties"]?.AsObject().Select(n => n.Key).ToList() ?? []))
                .ToList();
            return new CatalogueEvent(channel.Key, operation["tags"]![0]!["name"]!.GetValue<string>(), fields);
        }).ToList();

    /// <summary>Everything on which the three disagree, in words; empty when they agree. The document and the README
    /// list the same events with the same fields (the README is the full catalogue); SPEC's fields are the minimum
    /// (fields may be added, never removed); every §4 event is published; a §7 new event may not be yet, and then the
    /// README does not list it either.</summary>
    public static IReadOnlyList<string> Disagreements(JsonObject asyncApi)
    {
        var problems = new List<string>();
        var spec = SpecEvents().Concat(SpecNewEvents()).ToDictionary(e => e.Name);
        var readme = ReadmeEvents().ToDictionary(e => e.Name);
        var generated = AsyncApiEvents(asyncApi).ToDictionary(e => e.Name);

        foreach (var name in SpecEvents().Select(e => e.Name).Except(generated.Keys))
            problems.Add($"SPEC §4 event {name} is not in the AsyncAPI document (no contract record publishes it).");
        foreach (var name in generated.Keys.Except(spec.Keys))
            problems.Add($"AsyncAPI event {name} is in neither SPEC §4 nor §7 \"New events\".");
        foreach (var name in generated.Keys.Except(readme.Keys))
            problems.Add($"AsyncAPI event {name} is missing from the README's event catalogue.");
        foreach (var name in readme.Keys.Except(generated.Keys))
            problems.Add($"README event {name} is not in the AsyncAPI document.");

        foreach (var (name, e) in generated)
        {
            var fields = e.FieldNames.ToHashSet();
            foreach (var field in EnvelopeFields.Where(f => !fields.Contains(f)))
                problems.Add($"{name}: the AsyncAPI message lacks {field}.");
            if (spec.TryGetValue(name, out var promised))
            {
                if (promised.Publisher != e.Publisher)
                    problems.Add($"{name}: SPEC says published by {promised.Publisher}, the contract is {e.Publisher}'s.");
                foreach (var field in promised.FieldNames.Except(fields))
                    problems.Add($"{name}: SPEC's field {field} is not in the AsyncAPI message.");
            }
            if (readme.TryGetValue(name, out var listed))
            {
                if (listed.Publisher != e.Publisher)
                    problems.Add($"{name}: the README says published by {listed.Publisher}, the contract is {e.Publisher}'s.");
                var documented = listed.FieldNames.Concat(EnvelopeFields).ToHashSet();
                foreach (var field in documented.Except(fields))
                    problems.Add($"{name}: the README's field {field} is not in the AsyncAPI message.");
                foreach (var field in fields.Except(documented))
                    problems.Add($"{name}: the AsyncAPI message's field {field} is missing from the README.");
                foreach (var field in listed.Fields.Where(f => f.Nested.Count > 0))
                {
                    var nested = e.Fields.FirstOrDefault(f => f.Name == field.Name)?.Nested ?? [];
                    if (!nested.Order().SequenceEqual(field.Nested.Order()))
                        problems.Add($"{name}: the README gives {field.Name} {{{string.Join(", ", field.Nested)}}}, the AsyncAPI message {{{string.Join(", ", nested)}}}.");
                }
            }
        }
        return problems;
    }

    private static JsonNode Resolve(JsonObject document, JsonNode node)
    {
        while (node["$ref"] is { } reference)
            node = reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Aggregate((JsonNode)document, (at, segment) => at[segment.Replace("~1", "/").Replace("~0", "~")]!);
        return node;
    }

    private static string Read(string path) => File.ReadAllText(Path.Combine(RepositoryRoot, path));

    /// <summary>The text under a heading, up to the next heading of the same or a higher level.</summary>
    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf("\n" + heading, StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"No section '{heading}'.");
        var level = heading.TakeWhile(c => c == '#').Count();
        var end = Regex.Match(markdown[(start + heading.Length + 1)..], $@"\n#{{1,{level}}} ");
        return end.Success ? markdown.Substring(start, heading.Length + 1 + end.Index) : markdown[start..];
    }

    /// <summary>The rows of the first table whose first column is an event name in backticks: name, publisher, fields.</summary>
    private static IReadOnlyList<CatalogueEvent> Table(string section) =>
        section.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .Select(cells => new CatalogueEvent(cells[0].Trim('`'), cells[1], Fields(cells[2])))
            .ToList();

    /// <summary><c>`cohortId`, `resourcePackage {gpuHours, hubSeats, region}`, `admitted` (application ids)</c> → the
    /// names, with the nested ones; words in parentheses are comments.</summary>
    private static IReadOnlyList<CatalogueField> Fields(string cell) =>
        TopLevel(cell.Replace("`", ""))
            .Select(entry => entry.Trim())
            .Where(entry => entry.Length > 0)
            .Select(entry => new CatalogueField(
                Identifier().Match(entry).Value,
                NestedList().Match(entry) is { Success: true } nested
                    ? nested.Groups[1].Value.Split(',').Select(n => n.Trim()).ToList()
                    : []))
            .ToList();

    private static IEnumerable<string> TopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] is '(' or '{' ? 1 : text[i] is ')' or '}' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }
        yield return text[start..];
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "Accelerator.sln")))
                return folder.FullName;
        throw new InvalidOperationException("Accelerator.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\{([^}]*)\}")]
    private static partial Regex NestedList();
}
