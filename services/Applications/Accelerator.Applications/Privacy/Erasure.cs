namespace Accelerator.Applications.Privacy;

public enum ErasureStatus { Pending, Completed }

/// <summary>An operator asked to erase a founder. The e-mail is deliberately not part of the fact: it is kept in a
/// <see cref="PendingErasure"/> only until the erasure completes.</summary>
public sealed record ErasureRequested(Guid ErasureId, DateTimeOffset RequestedAt);

public sealed record ErasureCompleted(Guid ErasureId, IReadOnlyList<Guid> ApplicationIds, DateTimeOffset CompletedAt);

/// <summary>The e-mail to erase, deleted in the transaction that completes the erasure.</summary>
public sealed record PendingErasure(Guid Id, string Email);

/// <summary>A GDPR erasure request and its outcome (inline snapshot).</summary>
public sealed record Erasure(
    Guid Id, ErasureStatus Status, IReadOnlyList<Guid> ApplicationIds, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt)
{
    public static Erasure Create(ErasureRequested requested) =>
        new(requested.ErasureId, ErasureStatus.Pending, [], requested.RequestedAt, null);

    public Erasure Apply(ErasureCompleted completed) =>
        this with { Status = ErasureStatus.Completed, ApplicationIds = completed.ApplicationIds, CompletedAt = completed.CompletedAt };
}

public sealed record ErasureResponse(Guid Id, ErasureStatus Status, IReadOnlyList<Guid> Applications)
{
    public static ErasureResponse From(Erasure erasure) => new(erasure.Id, erasure.Status, erasure.ApplicationIds);
}
