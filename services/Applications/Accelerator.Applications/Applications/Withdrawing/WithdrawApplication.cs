using Accelerator.Applications.Applications.Reading;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Withdrawing;

public static class WithdrawApplication
{
    /// <summary>A draft or a submitted application may be withdrawn at any time, once.</summary>
    public static ApplicationWithdrawn Decide(Application application, DateTimeOffset now) =>
        application.Status != ApplicationStatus.Withdrawn
            ? new ApplicationWithdrawn(application.Id, application.CohortId, now)
            : throw new ConflictException(ProblemKinds.AlreadyDone,
                $"Application {application.Id} is already withdrawn (at {application.WithdrawnAt:O}).");

    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var stream = await session.Events.FetchForWriting<Application>(id, ct);
        if (stream.Aggregate is not { } application || application.ApplicantId != http.User.Subject())
            return ApplicationProblems.NotFound(id);
        ApplicationVersion.CheckIfMatch(http, stream.StartingVersion ?? 0);

        // The cohort's shared lock keeps the count of submitted applications exact when the call closes meanwhile.
        await session.ShareCohortAsync(application.CohortId, ct);
        var withdrawn = Decide(application, clock.GetUtcNow());
        stream.AppendOne(withdrawn);
        await session.SaveChangesAsync(ct);
        ApplicationVersion.Answer(http, stream.CurrentVersion ?? 0);
        return TypedResults.Ok(ApplicationResponse.From(application.Apply(withdrawn)));
    }
}
