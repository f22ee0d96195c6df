using System.Reflection;
using System.Text.Json;
using Accelerator.ServiceDefaults;
using MassTransit;

namespace Accelerator.Notifications.Events;

/// <summary>An event of the bus as Notifications passes it on: its name, its grant kind when it is about a grant, and
/// its message as partners read it on the bus (camelCase, the wire's JSON settings).</summary>
public sealed record BusEvent(string Name, Guid EventId, DateTimeOffset OccurredAt, string? Kind, JsonElement Data);

/// <summary>Every integration event of the four publishers: each Contracts record that names its exchange.</summary>
public static class BusEvents
{
    private const string ExchangePrefix = "accelerator.";
    private static readonly JsonSerializerOptions Wire = Messaging.WireJsonOptions();

    public static readonly IReadOnlyList<Type> Contracts =
    [
        .. new[]
            {
                typeof(Accelerator.Applications.Contracts.CohortCreated).Assembly,
                typeof(Accelerator.Selection.Contracts.ApplicationScreened).Assembly,
                typeof(Accelerator.Mentoring.Contracts.MentorAssigned).Assembly,
                typeof(Accelerator.Resources.Contracts.ResourceGrantRequested).Assembly,
            }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsDefined(typeof(EntityNameAttribute), false))
            .OrderBy(NameOf, StringComparer.Ordinal),
    ];

    public static readonly IReadOnlySet<string> Names = Contracts.Select(NameOf).ToHashSet(StringComparer.Ordinal);

    /// <summary><c>accelerator.offer-extended</c> → <c>offer-extended</c>.</summary>
    public static string NameOf(Type contract) =>
        contract.GetCustomAttribute<EntityNameAttribute>(false)!.EntityName[ExchangePrefix.Length..];

    public static BusEvent Of<T>(T message) where T : class
    {
        var data = JsonSerializer.SerializeToElement(message, Wire);
        return new BusEvent(NameOf(typeof(T)), data.GetProperty("eventId").GetGuid(), data.GetProperty("occurredAt").GetDateTimeOffset(),
            IsAboutAGrant(typeof(T)) && data.TryGetProperty("kind", out var kind) ? kind.GetString() : null, data);
    }

    /// <summary>Grant events are the Resources service's: each is about one grant of one kind, seen by that kind's partner only.</summary>
    private static bool IsAboutAGrant(Type contract) => contract.Namespace == typeof(Accelerator.Resources.Contracts.ResourceGrantRequested).Namespace;
}
