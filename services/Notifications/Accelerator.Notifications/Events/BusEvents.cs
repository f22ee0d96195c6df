using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
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
            .SelectMany(Messaging.ContractsIn)
            .OrderBy(NameOf, StringComparer.Ordinal),
    ];

    public static readonly IReadOnlySet<string> Names = Contracts.Select(NameOf).ToHashSet(StringComparer.Ordinal);

    private static readonly Dictionary<string, Type> ByUrn = Contracts.ToDictionary(MessageUrn.ForTypeString, StringComparer.Ordinal);

    /// <summary>The messages sent to Notifications alone (founders' and reviewers' contacts, sessions, assignments).</summary>
    private static readonly IReadOnlySet<string> Inbox = Messaging.ContractsIn(typeof(Accelerator.Notifications.Inbox.ApplicationContacts).Assembly)
        .Select(MessageUrn.ForTypeString).ToHashSet(StringComparer.Ordinal);

    /// <summary><c>accelerator.offer-extended</c> → <c>offer-extended</c>.</summary>
    public static string NameOf(Type contract) => Messaging.ExchangeOf(contract)[ExchangePrefix.Length..];

    public static BusEvent Of<T>(T message) where T : class => Of(typeof(T), message);

    public static BusEvent Of(Type contract, object message)
    {
        var data = JsonSerializer.SerializeToElement(message, contract, Wire);
        return new BusEvent(NameOf(contract), data.GetProperty("eventId").GetGuid(), data.GetProperty("occurredAt").GetDateTimeOffset(),
            IsAboutAGrant(contract) && data.TryGetProperty("kind", out var kind) ? kind.GetString() : null, data);
    }

    /// <summary>The event a message of the <c>notifications-bus-events</c> queue carries, read as its contract (so a
    /// malformed one is refused as it would be by a consumer of that contract); null for a message of Notifications' own
    /// inbox, which has consumers of its own on the queue. Anything else cannot be processed here.</summary>
    public static BusEvent? Read(ConsumeContext<JsonObject> context)
    {
        var urn = context.SupportedMessageTypes.FirstOrDefault(ByUrn.ContainsKey);
        if (urn is null)
            return context.SupportedMessageTypes.Any(Inbox.Contains)
                ? null
                : throw new InvalidMessageException(
                    $"A message of type {string.Join(", ", context.SupportedMessageTypes)} is not an event of the catalogue.");

        var contract = ByUrn[urn];
        object? message;
        try
        {
            message = context.Message.Deserialize(contract, Wire);
        }
        catch (JsonException e)
        {
            throw new InvalidMessageException($"{NameOf(contract)} could not be read: {e.Message}");
        }
        return Of(contract, message ?? throw new InvalidMessageException($"{NameOf(contract)} was empty."));
    }

    /// <summary>Grant events are the Resources service's: each is about one grant of one kind, seen by that kind's partner only.</summary>
    private static bool IsAboutAGrant(Type contract) => contract.Namespace == typeof(Accelerator.Resources.Contracts.ResourceGrantRequested).Namespace;
}
