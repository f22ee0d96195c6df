using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Reading;

public static class GetApplication
{
    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Application>(id, ct) is not { } application || !CanRead(http, application))
            return ApplicationProblems.NotFound(id);
        await ApplicationVersion.AnswerCurrentAsync(http, session, id, ct);
        return TypedResults.Ok(ApplicationResponse.From(application));
    }

    private static bool CanRead(HttpContext http, Application application) =>
        http.User.IsInRole(Roles.Operator) || application.ApplicantId == http.User.Subject();
}

public static class ApplicationProblems
{
    /// <summary>Also the answer for someone else's application: its existence is not disclosed.</summary>
    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemKinds.NotFound.Problem($"There is no application {id}.");
}
