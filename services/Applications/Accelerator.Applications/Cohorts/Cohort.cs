namespace Accelerator.Applications.Cohorts;

public sealed record ResourcePackage(int GpuHours, int HubSeats, string Region);

public sealed record CohortCreated(
    Guid CohortId,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsOpenAt,
    DateTimeOffset ApplicationsCloseAt,
    DateOnly ProgramStartsOn,
    DateOnly ProgramEndsOn,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    ResourcePackage ResourcePackage,
    string CreatedBy,
    DateTimeOffset CreatedAt);

/// <summary>No more submissions. <c>ClosedBy</c> is the operator who closed early; null when the call closed at its instant.</summary>
public sealed record CallClosed(Guid CohortId, int SubmittedCount, string? ClosedBy, DateTimeOffset ClosedAt);

/// <summary>The programme period ended. <c>CompletedBy</c> is null when it ended by itself after <c>ProgramEndsOn</c>.</summary>
public sealed record CohortCompleted(Guid CohortId, string? CompletedBy, DateTimeOffset CompletedAt);

public enum CohortStatus { Scheduled, Open, Closed, Running, Completed }

/// <summary>A cohort and its call for applications. Also the read model behind GET /api/cohorts (inline snapshot).</summary>
public sealed record Cohort(
    Guid Id,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsOpenAt,
    DateTimeOffset ApplicationsCloseAt,
    DateOnly ProgramStartsOn,
    DateOnly ProgramEndsOn,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    ResourcePackage ResourcePackage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt = null,
    DateTimeOffset? CompletedAt = null)
{
    public static Cohort Create(CohortCreated created) => new(
        created.CohortId, created.Name, created.Seats, created.ApplicationsOpenAt, created.ApplicationsCloseAt,
        created.ProgramStartsOn, created.ProgramEndsOn, created.OfferValidity, created.ReviewersPerApplication,
        created.ResourcePackage, created.CreatedAt);

    /// <summary>The instant the programme period ends: the start of the day after <c>ProgramEndsOn</c>, UTC.</summary>
    public DateTimeOffset ProgramEndsAt => new(ProgramEndsOn.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Events and clock together: a call is closed at its instant even if the timer that records it is late,
    /// so a late timer never lets a submission through.</summary>
    public CohortStatus StatusAt(DateTimeOffset now) =>
        CompletedAt is not null || now >= ProgramEndsAt ? CohortStatus.Completed
        : now < ApplicationsOpenAt ? CohortStatus.Scheduled
        : ClosedAt is null && now < ApplicationsCloseAt ? CohortStatus.Open
        : DateOnly.FromDateTime(now.UtcDateTime) < ProgramStartsOn ? CohortStatus.Closed
        : CohortStatus.Running;

    public Cohort Apply(CallClosed closed) => this with { ClosedAt = closed.ClosedAt };

    public Cohort Apply(CohortCompleted completed) => this with { CompletedAt = completed.CompletedAt };
}
