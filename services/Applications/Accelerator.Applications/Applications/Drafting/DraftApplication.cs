using Accelerator.Applications.Cohorts;
using Accelerator.ServiceDefaults;
using JasperFx.Events;
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
            : throw new ConflictException(ProblemKinds.CallClosed,
                $"The call for applications of cohort {cohort.Id} closed at {cohort.ApplicationsCloseAt:O}.");

    /// <summary>A repeated <c>Idempotency-Key</c> finds the application drafted the first time and answers it again.</summary>
    public static async Task<Results<Created<ApplicationResponse>, ValidationProblem>> Handle(
        ApplicationRequest request, HttpContext http, IDocumentSession session, CohortsForDrafts cohorts, TimeProvider clock,
        CancellationToken ct)
    {
        var id = Idempotency.NewId(http, "application");
        // Without a key the id is new: there is nothing to find, and the deadline rush skips a round trip.
        if (Idempotency.HasKey(http) && await session.LoadAsync<Application>(id, ct) is { } existing)
        {
            await ApplicationVersion.AnswerCurrentAsync(http, session, id, ct);
            return Created(existing);
        }

        var validation = new Validation();
        var content = ApplicationRequestValidation.Validate(request, validation);
        validation.Required(request.CohortId, "cohortId");
        if (!validation.IsValid)
            return validation.ToProblem();

        var cohortId = request.CohortId!.Value;
        var cohort = await cohorts.FindAsync(session, cohortId, ct);
        if (cohort is null)
            return validation.Add("cohortId", $"There is no cohort {request.CohortId}.").ToProblem();

        var drafted = Decide(id, cohort, http.User.Subject(), content!, clock.GetUtcNow());
        await cohorts.RequireOpen(session, cohortId, ct);
        session.Events.StartStream<Application>(drafted.ApplicationId, drafted);
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (ExistingStreamIdCollisionException)
        {
            throw new ConflictException(ProblemKinds.RequestInProgress,
                "A request with the same Idempotency-Key is in progress; repeat it to get its answer.");
        }
        catch (Exception e) when (CohortsForDrafts.IsClosed(e))
        {
            // Closed early since it was kept: read again, and refuse as a fresh read would have.
            Decide(id, await cohorts.ReloadAsync(session.DocumentStore, cohortId, ct), http.User.Subject(), content!, clock.GetUtcNow());
            throw new ConflictException(ProblemKinds.CallClosed, $"The call for applications of cohort {cohortId} is closed.");
        }
        ApplicationVersion.Answer(http, 1);
        return Created(Application.Create(drafted));
    }

    private static Created<ApplicationResponse> Created(Application application) =>
        TypedResults.Created($"/api/applications/{application.Id}", ApplicationResponse.From(application));
}
