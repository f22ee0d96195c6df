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
    DateTimeOffset CreatedAt)
{
    public static Cohort Create(CohortCreated created) => new(
        created.CohortId, created.Name, created.Seats, created.ApplicationsOpenAt, created.ApplicationsCloseAt,
        created.ProgramStartsOn, created.ProgramEndsOn, created.OfferValidity, created.ReviewersPerApplication,
        created.ResourcePackage, created.CreatedAt);

    /// <summary>The call opens and closes at its instants, so the status follows from the clock.</summary>
    public CohortStatus StatusAt(DateTimeOffset now) =>
        now < ApplicationsOpenAt ? CohortStatus.Scheduled
        : now < ApplicationsCloseAt ? CohortStatus.Open
        : DateOnly.FromDateTime(now.UtcDateTime) < ProgramStartsOn ? CohortStatus.Closed
        : DateOnly.FromDateTime(now.UtcDateTime) <= ProgramEndsOn ? CohortStatus.Running
        : CohortStatus.Completed;
}
