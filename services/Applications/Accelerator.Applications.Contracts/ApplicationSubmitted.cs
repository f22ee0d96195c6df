using MassTransit;

namespace Accelerator.Applications.Contracts;

/// <summary>An application entered selection. Carries no founder names or e-mails: reviewers and partners never need them.</summary>
[EntityName("accelerator.application-submitted")]
public sealed record ApplicationSubmitted
{
    public required Guid EventId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required Guid ApplicationId { get; init; }
    public required Guid CohortId { get; init; }
    public required string ApplicantId { get; init; }
    public required string StartupName { get; init; }
    /// <summary>The startup's own summary of what it builds, shown to its reviewers. Not in SPEC §4's list; added
    /// for the blind review (SPEC §3), and optional for readers.</summary>
    public string? Summary { get; init; }
    /// <summary><c>idea</c>, <c>mvp</c>, <c>acceleration</c> or <c>growth</c>.</summary>
    public required string Stage { get; init; }
    public required IReadOnlyList<string> FoundationModels { get; init; }
    public string? IntegrationPlan { get; init; }
    public string? OpenSourceRepositoryUrl { get; init; }
    /// <summary>SPDX licence identifier.</summary>
    public string? OpenSourceLicense { get; init; }
    public required IReadOnlyList<string> Domains { get; init; }
    public required int RequestedGpuHours { get; init; }
}
