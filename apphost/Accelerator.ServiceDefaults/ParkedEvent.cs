using JasperFx.Events;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// A stored event the outbox gave up publishing: its mapping throws, or the broker kept refusing it while otherwise
/// reachable. Later events go on being published; the service's <c>/health</c> reports Degraded while any is kept.
/// An operator lists them in the service's schema (table <c>mt_doc_parkedevent</c>) and deletes each once dealt with.
/// </summary>
public sealed record ParkedEvent(
    Guid Id, long Sequence, string EventType, string Stream, string MessageType, string Reason, string Error, DateTimeOffset ParkedAt)
{
    public const string Unmappable = "cannot be mapped to an integration event";
    public const string Refused = "refused by the broker";

    public static ParkedEvent Of(IEvent stored, string? messageType, string reason, Exception error, DateTimeOffset now) =>
        new(stored.Id, stored.Sequence, stored.EventTypeName, stored.StreamKey ?? stored.StreamId.ToString(),
            messageType ?? "", reason, $"{error.GetType().Name}: {error.Message}", now);
}
