namespace Accelerator.Selection.Cohorts;

/// <summary>Selection learned of a cohort from <c>cohort-created</c>: what it needs to select for it.</summary>
public sealed record CohortRegistered(
    Guid CohortId,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsCloseAt,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    DateTimeOffset RegisteredAt);

public sealed record CohortCallClosed(Guid CohortId, int SubmittedCount, DateTimeOffset ClosedAt);

/// <summary>A cohort as selection sees it (inline snapshot): its seats, its rules, and whether its call has closed.</summary>
public sealed record SelectionCohort(
    Guid Id,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsCloseAt,
    TimeSpan OfferValidity,
    int ReviewersPerApplication,
    bool CallClosedEarly)
{
    public static SelectionCohort Create(CohortRegistered registered) => new(
        registered.CohortId, registered.Name, registered.Seats, registered.ApplicationsCloseAt, registered.OfferValidity,
        registered.ReviewersPerApplication, false);

    public SelectionCohort Apply(CohortCallClosed closed) => this with { CallClosedEarly = true };

    /// <summary>The close event may be late or lost in transit; the instant alone already closes the call.</summary>
    public bool IsCallClosedAt(DateTimeOffset now) => CallClosedEarly || now >= ApplicationsCloseAt;
}
