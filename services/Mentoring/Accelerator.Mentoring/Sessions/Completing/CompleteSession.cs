using System.ComponentModel.DataAnnotations;
using Accelerator.Mentoring.Sessions.Reading;
using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Sessions.Completing;

public sealed record CompleteSessionRequest(string? Notes, [property: Required] int? Rating);

public static class CompleteSession
{
    public const int MaxNotesLength = 4000;

    public static Validation Validate(CompleteSessionRequest request)
    {
        var v = new Validation();
        v.Range(request.Rating, "rating", 1, 5);
        v.MaxLength(request.Notes, "notes", MaxNotesLength);
        return v;
    }

    /// <summary>A session is recorded once, and only once it has started: a session in the future has not taken place (409).</summary>
    public static SessionCompleted Decide(MentoredStartup startup, MentoringSession session, CompleteSessionRequest request,
        string completedBy, DateTimeOffset now)
    {
        if (session.Status == SessionStatus.Completed)
            throw new ConflictException(ProblemKinds.AlreadyDone, $"Session {session.Id} was completed at {session.CompletedAt:O}.");
        if (now < session.ScheduledAt)
            throw new ConflictException(ProblemKinds.SessionNotStarted,
                $"Session {session.Id} starts at {session.ScheduledAt:O}: complete it once it has started.");
        return new SessionCompleted(startup.Id, session.Id, session.MentorId, string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
            request.Rating!.Value, completedBy, now);
    }

    public static async Task<Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, CompleteSessionRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var validation = Validate(request);
        if (!validation.IsValid)
            return validation.ToProblem();

        var located = await session.LoadAsync<SessionLocator>(id, ct);
        if (located is null)
            return GetSession.NotFound(id);
        var stream = await session.Events.FetchForWriting<MentoredStartup>(located.ApplicationId, ct);
        if (stream.Aggregate is not { } startup || startup.Sessions.FirstOrDefault(s => s.Id == id) is not { } found
            || !(http.User.IsInRole(Roles.Operator) || IsItsMentor(startup, found, http.User.Subject())))
            return GetSession.NotFound(id);

        var completed = Decide(startup, found, request, http.User.Subject(), clock.GetUtcNow());
        stream.AppendOne(completed);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(SessionResponse.From(startup.Id, found.Apply(completed)));
    }

    private static bool IsItsMentor(MentoredStartup startup, MentoringSession session, string caller) =>
        startup.Mentorships.Any(m => m.MentorId == session.MentorId && m.MentorSub == caller);
}
