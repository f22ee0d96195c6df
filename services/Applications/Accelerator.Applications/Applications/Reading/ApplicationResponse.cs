namespace Accelerator.Applications.Applications;

public sealed record ApplicationResponse(
    Guid Id,
    Guid CohortId,
    ApplicationStatus Status,
    Startup Startup,
    IReadOnlyList<Founder> Founders,
    string Summary,
    IReadOnlyList<string> FoundationModels,
    string? IntegrationPlan,
    OpenSource OpenSource,
    IReadOnlyList<string> Domains,
    int RequestedGpuHours,
    DateTimeOffset DraftedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? WithdrawnAt,
    string Language)
{
    public static ApplicationResponse From(Application a) => new(
        a.Id, a.CohortId, a.Status, a.Content.Startup, a.Content.Founders, a.Content.Summary, a.Content.FoundationModels,
        a.Content.IntegrationPlan, a.Content.OpenSource, a.Content.Domains, a.Content.RequestedGpuHours, a.DraftedAt,
        a.SubmittedAt, a.WithdrawnAt, a.Content.Language);
}
