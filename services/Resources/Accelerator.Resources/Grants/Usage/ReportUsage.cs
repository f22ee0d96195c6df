using System.ComponentModel.DataAnnotations;
using Accelerator.Resources.Grants.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Resources.Grants.Usage;

public sealed record UsageRequest(
    [property: Required] decimal? Amount,
    [property: Required] DateTimeOffset? RecordedAt,
    [property: Required] string? Reference);

public sealed record UsageReport(string Reference, decimal Amount, DateTimeOffset RecordedAt);

public static class ReportUsage
{
    public const int MaxReferenceLength = 200;
    /// <summary>More than any one report can honestly hold; it keeps the ledger's arithmetic far from overflow.</summary>
    public const decimal MaxAmount = 1_000_000m;

    // Partners' meters and our clock disagree a little; usage from further in the future is a bug on their side.
    private static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Records usage on the ledger, once per reference. Crossing 80% of the grant reports the threshold (once, until a
    /// top-up moves it); reaching the whole grant exhausts it. Usage of an exhausted grant is still recorded, as overage:
    /// it happened, and the partner's meter must not be refused; it stays exhausted until a top-up covers it.
    /// </summary>
    public static IReadOnlyList<object> Decide(Grant grant, UsageReport report, string partnerId, DateTimeOffset now)
    {
        if (grant.Status == GrantStatus.Requested)
            throw new ConflictException(ProblemKinds.GrantNotActive, $"Grant {grant.Id} is not active yet: activate it before reporting usage.");
        if (grant.Status == GrantStatus.Revoked)
            throw new ConflictException(ProblemKinds.GrantRevoked, $"Grant {grant.Id} was revoked at {grant.RevokedAt:O}; it takes no more usage.");
        if (grant.UsageReferences.Contains(report.Reference))
            return [];

        var events = new List<object> { new UsageRecorded(grant.Id, report.Reference, report.Amount, report.RecordedAt, partnerId, now) };
        var used = grant.Used + report.Amount;
        if (!grant.ThresholdReached && Ledger.IsPastThreshold(used, grant.Amount))
            events.Add(new QuotaThresholdReached(grant.Id, grant.ApplicationId, grant.Kind, Ledger.ThresholdPercent, used, grant.Amount, now));
        if (grant.Status == GrantStatus.Active && Ledger.IsExhausted(used, grant.Amount))
            events.Add(new QuotaExhausted(grant.Id, grant.ApplicationId, grant.Kind, used, grant.Amount, now));
        return events;
    }

    public static UsageReport? Validate(UsageRequest request, DateTimeOffset now, Validation v)
    {
        if (v.Required(request.Amount, "amount"))
            v.Check(request.Amount is > 0 and <= MaxAmount, "amount", $"amount must be greater than 0 and at most {MaxAmount}.");
        if (v.Required(request.RecordedAt, "recordedAt"))
            v.Check(request.RecordedAt <= now + ClockTolerance, "recordedAt", "recordedAt must not be in the future.");
        if (v.Required(request.Reference, "reference"))
            v.Check(request.Reference!.Trim().Length <= MaxReferenceLength, "reference",
                $"reference must be at most {MaxReferenceLength} characters.");
        return v.IsValid ? new UsageReport(request.Reference!.Trim(), request.Amount!.Value, request.RecordedAt!.Value.ToUniversalTime()) : null;
    }

    public static async Task<Results<Ok<GrantResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, UsageRequest request, HttpContext http, IQuerySession query, IDocumentStore store, Partners partners,
        TimeProvider clock, CancellationToken ct)
    {
        if (await query.LoadAsync<Grant>(id, ct) is not { } grant || !Caller.Of(http.User).IsPartnerFor(grant.Kind, partners))
            return GrantProblems.NotFound(id);

        var now = clock.GetUtcNow();
        var validation = new Validation();
        if (Validate(request, now, validation) is not { } report)
            return validation.ToProblem();

        var recorded = await GrantStream.DecideAsync(store, id, g => Decide(g, report, http.User.Subject(), now), ct);
        return TypedResults.Ok(GrantResponse.From(recorded));
    }
}
