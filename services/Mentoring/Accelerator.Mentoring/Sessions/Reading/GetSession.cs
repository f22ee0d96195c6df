using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Sessions.Reading;

public static class GetSession
{
    /// <summary>Whoever may see the startup may see its sessions.</summary>
    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> Handle(
        Guid id, HttpContext http, IQuerySession session, CancellationToken ct)
    {
        var located = await session.LoadAsync<SessionLocator>(id, ct);
        var startup = located is null ? null : await session.LoadAsync<MentoredStartup>(located.ApplicationId, ct);
        return startup is not null && http.User.MaySee(startup) && startup.Sessions.FirstOrDefault(s => s.Id == id) is { } found
            ? TypedResults.Ok(SessionResponse.From(startup.Id, found))
            : NotFound(id);
    }

    public static ProblemHttpResult NotFound(Guid id) =>
        ProblemKinds.NotFound.Problem($"There is no session {id}.");
}
