using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Accelerator.Gateway.AsyncApi;

/// <summary>The summaries written on the contract records, read from the XML documentation files the Contracts
/// projects ship beside their assemblies. A missing file only means fewer descriptions.</summary>
public static partial class ContractDocs
{
    private static readonly Dictionary<string, string> Summaries = IntegrationEvents.ContractAssemblies
        .SelectMany(Members)
        .ToDictionary(m => m.Name, m => m.Summary);

    public static string? Of(Type type) => Summaries.GetValueOrDefault($"T:{type.FullName}");

    public static string? Of(PropertyInfo property) =>
        Summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName}.{property.Name}");

    private static IEnumerable<(string Name, string Summary)> Members(Assembly assembly)
    {
        var file = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(file))
            return [];
        return XDocument.Load(file).Descendants("member")
            .Where(member => member.Element("summary") is not null)
            .Select(member => (member.Attribute("name")!.Value, Whitespace().Replace(member.Element("summary")!.Value, " ").Trim()));
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
