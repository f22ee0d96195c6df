using System.ComponentModel.DataAnnotations;
using Accelerator.Mentoring.Cohorts;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups.Reading;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Startups.Assigning;

public sealed record AssignMentorRequest([property: Required] Guid? MentorId);

/// <summary>Staff assign a mentor by hand (an unmatched startup, or a second mentor), still within its capacity.</summary>
public static class AssignMentor
{
    public static async Task<Results<Ok<StartupResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid applicationId, AssignMentorRequest request, HttpContext http, IDocumentSession session, TimeProvider clock,
        CancellationToken ct)
    {
        var validation = new Validation();
        if (validation.Required(request.MentorId, "mentorId"))
            validation.Check(request.MentorId != Guid.Empty, "mentorId", "mentorId must not be empty.");
        if (!validation.IsValid)
            return validation.ToProblem();

        var startup = await session.Events.FetchForWriting<MentoredStartup>(applicationId, ct);
        if (startup.Aggregate is null)
            return StartupAccess.NotFound(applicationId);
        var mentor = await session.Events.FetchForWriting<Mentor>(request.MentorId!.Value, ct);
        if (mentor.Aggregate is null)
            return validation.Add("mentorId", $"There is no mentor {request.MentorId}.").ToProblem();

        var now = clock.GetUtcNow();
        var started = Assignment.Decide(startup.Aggregate, mentor.Aggregate, http.User.Subject(), now);
        startup.AppendOne(started.ForStartup);
        mentor.AppendOne(started.ForMentor);
        // Both streams carry the version they were read at: a concurrent assignment makes this a 409, never a lost update.
        await session.SaveChangesAsync(ct);

        var cohort = await session.LoadAsync<MentoringCohort>(startup.Aggregate.CohortId, ct);
        return TypedResults.Ok(StartupResponse.From(startup.Aggregate.Apply(started.ForStartup), cohort, now));
    }
}
