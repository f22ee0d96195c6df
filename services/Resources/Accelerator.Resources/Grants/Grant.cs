using System.Collections.Immutable;
using Accelerator.Resources.Grants.Usage;

namespace Accelerator.Resources.Grants;

public enum GrantKind { Compute, Hub }

public enum GrantStatus { Requested, Active, Exhausted, Revoked }

public enum TopUpStatus { Pending, Approved, Rejected }

public sealed record GrantRequested(
    Guid GrantId, Guid ApplicationId, Guid CohortId, string ApplicantId, GrantKind Kind, int Amount, string Unit,
    string Resource, string Region, DateTimeOffset RequestedAt);

public sealed record GrantActivated(Guid GrantId, Guid ApplicationId, GrantKind Kind, string ExternalReference, string ActivatedBy,
    DateTimeOffset ActivatedAt);

public sealed record UsageRecorded(Guid GrantId, string Reference, decimal Amount, DateTimeOffset RecordedAt, string ReportedBy,
    DateTimeOffset ReportedAt);

public sealed record QuotaThresholdReached(Guid GrantId, Guid ApplicationId, GrantKind Kind, int Percent, decimal Used, int Amount,
    DateTimeOffset ReachedAt);

public sealed record QuotaExhausted(Guid GrantId, Guid ApplicationId, GrantKind Kind, decimal Used, int Amount, DateTimeOffset ExhaustedAt);

public sealed record TopUpRequested(Guid GrantId, Guid TopUpId, int Amount, string Reason, string RequestedBy, DateTimeOffset RequestedAt);

public sealed record TopUpApproved(Guid GrantId, Guid TopUpId, int Amount, string ApprovedBy, DateTimeOffset ApprovedAt);

/// <summary>What partners learn of an approved top-up (<see cref="TopUpApproved"/> is the top-up's own record): the grant
/// grew by <paramref name="Added"/> to <paramref name="Amount"/>.</summary>
public sealed record GrantToppedUp(Guid GrantId, Guid ApplicationId, GrantKind Kind, int Added, int Amount, DateTimeOffset ToppedUpAt);

public sealed record TopUpRejected(Guid GrantId, Guid TopUpId, string? Reason, string RejectedBy, DateTimeOffset RejectedAt);

public sealed record GrantRevoked(Guid GrantId, Guid ApplicationId, Guid CohortId, GrantKind Kind, DateTimeOffset RevokedAt);

public sealed record TopUp(
    Guid Id, int Amount, string Reason, string RequestedBy, DateTimeOffset RequestedAt, TopUpStatus Status = TopUpStatus.Pending,
    string? DecidedBy = null, DateTimeOffset? DecidedAt = null, string? RejectionReason = null);

/// <summary>One resource of one admitted startup, and its usage ledger. Also the read model of the grant routes (inline snapshot).</summary>
public sealed record Grant(
    Guid Id,
    Guid ApplicationId,
    Guid CohortId,
    string ApplicantId,
    GrantKind Kind,
    int Amount,
    string Unit,
    string Resource,
    string Region,
    GrantStatus Status,
    decimal Used,
    bool ThresholdReached,
    string? ExternalReference,
    DateTimeOffset RequestedAt,
    DateTimeOffset? ActivatedAt,
    DateTimeOffset? RevokedAt,
    ImmutableHashSet<string> UsageReferences,
    ImmutableList<TopUp> TopUps)
{
    public static Grant Create(GrantRequested e) => new(
        e.GrantId, e.ApplicationId, e.CohortId, e.ApplicantId, e.Kind, e.Amount, e.Unit, e.Resource, e.Region, GrantStatus.Requested,
        0m, false, null, e.RequestedAt, null, null, [], []);

    public Grant Apply(GrantActivated e) =>
        this with { Status = GrantStatus.Active, ExternalReference = e.ExternalReference, ActivatedAt = e.ActivatedAt };

    public Grant Apply(UsageRecorded e) => this with { Used = Used + e.Amount, UsageReferences = UsageReferences.Add(e.Reference) };

    public Grant Apply(QuotaThresholdReached e) => this with { ThresholdReached = true };

    public Grant Apply(QuotaExhausted e) => this with { Status = GrantStatus.Exhausted };

    public Grant Apply(TopUpRequested e) =>
        this with { TopUps = TopUps.Add(new TopUp(e.TopUpId, e.Amount, e.Reason, e.RequestedBy, e.RequestedAt)) };

    /// <summary>A larger grant may bring an exhausted one back to life, and re-arms the threshold if usage is below it again.</summary>
    public Grant Apply(TopUpApproved e)
    {
        var amount = Amount + e.Amount;
        return this with
        {
            Amount = amount,
            Status = Status == GrantStatus.Exhausted && !Ledger.IsExhausted(Used, amount) ? GrantStatus.Active : Status,
            ThresholdReached = ThresholdReached && Ledger.IsPastThreshold(Used, amount),
            TopUps = Decided(e.TopUpId, t => t with { Status = TopUpStatus.Approved, DecidedBy = e.ApprovedBy, DecidedAt = e.ApprovedAt }),
        };
    }

    public Grant Apply(TopUpRejected e) => this with
    {
        TopUps = Decided(e.TopUpId, t => t with
        {
            Status = TopUpStatus.Rejected, DecidedBy = e.RejectedBy, DecidedAt = e.RejectedAt, RejectionReason = e.Reason,
        }),
    };

    public Grant Apply(GrantRevoked e) => this with { Status = GrantStatus.Revoked, RevokedAt = e.RevokedAt };

    public TopUp? TopUp(Guid topUpId) => TopUps.FirstOrDefault(t => t.Id == topUpId);

    /// <summary>The state after events just decided on this one (what Marten's projection does when it stores them).</summary>
    public Grant After(object e) => e switch
    {
        GrantActivated x => Apply(x),
        UsageRecorded x => Apply(x),
        QuotaThresholdReached x => Apply(x),
        QuotaExhausted x => Apply(x),
        TopUpRequested x => Apply(x),
        TopUpApproved x => Apply(x),
        GrantToppedUp => this,
        TopUpRejected x => Apply(x),
        GrantRevoked x => Apply(x),
        _ => throw new ArgumentException($"{e.GetType().Name} is not an event of a grant.", nameof(e)),
    };

    private ImmutableList<TopUp> Decided(Guid topUpId, Func<TopUp, TopUp> decide) =>
        TopUps.Select(t => t.Id == topUpId ? decide(t) : t).ToImmutableList();
}
