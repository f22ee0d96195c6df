namespace Accelerator.Resources.Grants.Reading;

public sealed record TopUpResponse(
    Guid Id, Guid GrantId, int Amount, string Reason, TopUpStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt,
    string? RejectionReason)
{
    public static TopUpResponse From(Guid grantId, TopUp t) =>
        new(t.Id, grantId, t.Amount, t.Reason, t.Status, t.RequestedAt, t.DecidedAt, t.RejectionReason);
}

public sealed record GrantResponse(
    Guid Id,
    Guid ApplicationId,
    Guid CohortId,
    GrantKind Kind,
    int Amount,
    string Unit,
    decimal Used,
    decimal Remaining,
    GrantStatus Status,
    string Region,
    string Resource,
    string? ExternalReference,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? RevokedAt,
    IReadOnlyList<TopUpResponse> TopUps)
{
    public static GrantResponse From(Grant g) => new(
        g.Id, g.ApplicationId, g.CohortId, g.Kind, g.Amount, g.Unit, g.Used, Math.Max(0m, g.Amount - g.Used), g.Status, g.Region,
        g.Resource, g.ExternalReference, g.RequestedAt, g.ActivatedAt, g.RevokedAt,
        g.TopUps.Select(t => TopUpResponse.From(g.Id, t)).ToList());
}
