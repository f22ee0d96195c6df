using MassTransit;

namespace Accelerator.Selection.Contracts;

/// <summary>The applicant accepted its offer: the startup joins the cohort, gets a mentor and resources.</summary>
[EntityName("accelerator.startup-admitted")]
public sealed record StartupAdmitted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required string ApplicantId { get; init; }
    public required string StartupName { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required int RequestedGpuHours { get; init; }
}
