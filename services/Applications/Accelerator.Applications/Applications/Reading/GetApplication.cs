using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Applications.Applications.Reading;

public static class GetApplication
{
    public static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<Application>(id, ct) is { } application && CanRead(http, application)
            ? TypedResults.Ok(ApplicationResponse.From(application))
            : ApplicationProblems.NotFound(id);

    private static bool CanRead(HttpContext http, Application application) =>
        http.User.IsInRole(Roles.Operator) || application.ApplicantId == http.User.Subject();
}

public static class ApplicationProblems
{
    /// <summary>Also the answer for someone else's application: its existence is not disclosed.</summary>
    public static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: $"There is no application {id}.");
}
