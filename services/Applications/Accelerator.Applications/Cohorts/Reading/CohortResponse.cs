using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Cohorts;

public sealed record CohortResponse(
    Guid Id,
    string Name,
    int Seats,
    DateTimeOffset ApplicationsOpenAt,
    DateTimeOffset ApplicationsCloseAt,
    DateOnly ProgramStartsOn,
    DateOnly ProgramEndsOn,
    string OfferValidity,
    int ReviewersPerApplication,
    ResourcePackage ResourcePackage,
    CohortStatus Status,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? CompletedAt)
{
    public static CohortResponse From(Cohort cohort, DateTimeOffset now) => new(
        cohort.Id, cohort.Name, cohort.Seats, cohort.ApplicationsOpenAt, cohort.ApplicationsCloseAt,
        cohort.ProgramStartsOn, cohort.ProgramEndsOn, IsoDuration.Format(cohort.OfferValidity),
        cohort.ReviewersPerApplication, cohort.ResourcePackage, cohort.StatusAt(now), cohort.ClosedAt, cohort.CompletedAt);
}

public static class CohortProblems
{
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemKinds.NotFound.Problem($"There is no cohort {id}.");
}
