using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>The automatic eligibility screening of a submitted application. An ineligible one lists every reason.</summary>
[EntityName("accelerator.application-screened")]
public sealed record ApplicationScreened
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required bool Eligible { get; init; }
    public required IReadOnlyList<string> Reasons { get; init; }
}
