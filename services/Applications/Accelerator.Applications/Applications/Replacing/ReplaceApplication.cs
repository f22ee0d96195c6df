using Accelerator.Applications.Applications.Drafting;
using Accelerator.Applications.Applications.Reading;
using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Replacing;

public static class ReplaceApplication
{
    /// <summary>Only a draft changes, and only while it could still be submitted.</summary>
    public static ApplicationReplaced Decide(Application application, Cohort cohort, ApplicationContent content, DateTimeOffset now)
    {
        if (application.Status != ApplicationStatus.Draft)
            throw new ConflictException(ProblemKinds.StateConflict,
                $"Application {application.Id} is {application.Status.ToString().ToLowerInvariant()}; only a draft can be changed.");
        return cohort.StatusAt(now) is CohortStatus.Scheduled or CohortStatus.Open
            ? new ApplicationReplaced(application.Id, content, now)
            : throw new ConflictException(ProblemKinds.CallClosed,
                $"The call for applications closed at {cohort.ClosedAt ?? cohort.ApplicationsCloseAt:O}; the draft can no longer change.");
    }

    public static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, ApplicationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var content = ApplicationRequestValidation.Validate(request, validation);
        if (!validation.IsValid)
            return validation.ToProblem();

        var stream = await session.Events.FetchForWriting<Application>(id, ct);
        if (stream.Aggregate is not { } application || application.ApplicantId != http.User.Subject())
            return ApplicationProblems.NotFound(id);
        if (request.CohortId is { } cohortId && cohortId != application.CohortId)
            return validation.Add("cohortId", "cohortId cannot change; apply to the other cohort instead.").ToProblem();
        ApplicationVersion.CheckIfMatch(http, stream.StartingVersion ?? 0);

        var cohort = await session.LoadAsync<Cohort>(application.CohortId, ct)
            ?? throw new InvalidOperationException($"Cohort {application.CohortId} of application {id} is missing.");
        var replaced = Decide(application, cohort, content!, clock.GetUtcNow());
        stream.AppendOne(replaced);
        await session.SaveChangesAsync(ct);
        ApplicationVersion.Answer(http, stream.CurrentVersion ?? 0);
        return TypedResults.Ok(ApplicationResponse.From(application.Apply(replaced)));
    }
}
