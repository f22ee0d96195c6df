using MassTransit;

namespace Accelerator.Applications.Contracts;

/// <summary>A founder's personal data was erased from these applications (GDPR): partners erase their own copies of
/// the founders' names and e-mails of these applications.</summary>
[EntityName("accelerator.personal-data-erased")]
public sealed record PersonalDataErased
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ErasureId { get; init; }
    public required IReadOnlyList<Guid> ApplicationIds { get; init; }
}
