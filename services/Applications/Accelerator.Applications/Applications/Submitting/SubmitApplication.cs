using Accelerator.Applications.Applications.Reading;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Submitting;

public sealed record SubmitResponse(Guid Id, ApplicationStatus Status, DateTimeOffset SubmittedAt);

public static class SubmitApplication
{
    public static ApplicationSubmitted Decide(Application application, Cohort cohort, DateTimeOffset now)
    {
        if (application.Status != ApplicationStatus.Draft)
            throw new ConflictException(application.Status == ApplicationStatus.Submitted ? ProblemKinds.AlreadyDone : ProblemKinds.StateConflict,
                $"Application {application.Id} is {application.Status.ToString().ToLowerInvariant()}, not a draft.");
        return cohort.StatusAt(now) switch
        {
            CohortStatus.Open => new ApplicationSubmitted(application.Id, application.CohortId, application.ApplicantId,
                application.Content, now),
            CohortStatus.Scheduled => throw new ConflictException(ProblemKinds.CallNotOpen,
                $"The call for applications opens at {cohort.ApplicationsOpenAt:O}."),
            _ => throw new ConflictException(ProblemKinds.CallClosed,
                $"The call for applications closed at {cohort.ClosedAt ?? cohort.ApplicationsCloseAt:O}."),
        };
    }

    public static async Task<Results<Ok<SubmitResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Application>(id, ct);
        if (stream.Aggregate is not { } application || application.ApplicantId != http.User.Subject())
            return ApplicationProblems.NotFound(id);
        ApplicationVersion.CheckIfMatch(http, stream.StartingVersion ?? 0);

        var cohort = await session.ShareCohortAsync(application.CohortId, ct)
            ?? throw new InvalidOperationException($"Cohort {application.CohortId} of application {id} is missing.");
        var submitted = Decide(application, cohort, clock.GetUtcNow());
        stream.AppendOne(submitted);
        await session.SaveChangesAsync(ct);
        ApplicationVersion.Answer(http, stream.CurrentVersion ?? 0);
        return TypedResults.Ok(new SubmitResponse(id, ApplicationStatus.Submitted, submitted.SubmittedAt));
    }
}
