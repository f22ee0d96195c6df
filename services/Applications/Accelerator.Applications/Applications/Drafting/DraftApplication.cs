using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Drafting;

public static class DraftApplication
{
    /// <summary>A draft may be started before the call opens and until it closes.</summary>
    public static ApplicationDrafted Decide(
        Guid applicationId, Cohort cohort, string applicantId, ApplicationContent content, DateTimeOffset now) =>
        cohort.StatusAt(now) is CohortStatus.Scheduled or CohortStatus.Open
            ? new ApplicationDrafted(applicationId, cohort.Id, applicantId, content, now)
            : throw new ConflictException($"The call for applications of cohort {cohort.Id} closed at {cohort.ApplicationsCloseAt:O}.");

    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem>> Handle(
        ApplicationRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        var content = ApplicationRequestValidation.Validate(request, validation);
        validation.Required(request.CohortId, "cohortId");
        if (!validation.IsValid)
            return validation.ToProblem();

        var cohort = await session.LoadAsync<Cohort>(request.CohortId!.Value, ct);
        if (cohort is null)
            return validation.Add("cohortId", $"There is no cohort {request.CohortId}.").ToProblem();

        var drafted = Decide(Guid.CreateVersion7(), cohort, http.User.Subject(), content!, clock.GetUtcNow());
        session.Events.StartStream<Application>(drafted.ApplicationId, drafted);
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/applications/{drafted.ApplicationId}", ApplicationResponse.From(Application.Create(drafted)));
    }
}
