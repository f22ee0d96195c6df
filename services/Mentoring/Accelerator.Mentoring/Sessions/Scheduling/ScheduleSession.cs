using System.ComponentModel.DataAnnotations;
using Accelerator.Mentoring.Sessions.Reading;
using Accelerator.Mentoring.Startups;
using Accelerator.ServiceDefaults;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Accelerator.Mentoring.Sessions.Scheduling;

/// <param name="MentorId">Staff only, for a startup with several mentors; a mentor always schedules its own sessions.</param>
public sealed record ScheduleSessionRequest(
    [property: Required] Guid? ApplicationId,
    [property: Required] DateTimeOffset? ScheduledAt,
    [property: Required] int? DurationMinutes,
    [property: Required] string? Topic,
    Guid? MentorId);

public sealed record SessionToSchedule(Guid SessionId, Guid? MentorId, DateTimeOffset ScheduledAt, int DurationMinutes, string Topic,
    string ScheduledBy);

public static class ScheduleSession
{
    public const int MaxTopicLength = 200;

    public static Validation Validate(ScheduleSessionRequest request, DateTimeOffset now)
    {
        var v = new Validation();
        if (v.Required(request.ApplicationId, "applicationId"))
            v.Check(request.ApplicationId != Guid.Empty, "applicationId", "applicationId must not be empty.");
        if (v.Required(request.ScheduledAt, "scheduledAt"))
            v.Check(request.ScheduledAt > now, "scheduledAt", "scheduledAt must be in the future.");
        v.Range(request.DurationMinutes, "durationMinutes", 15, 480);
        v.Text(request.Topic, "topic", MaxTopicLength);
        return v;
    }

    public static SessionScheduled Decide(MentoredStartup startup, SessionToSchedule command, DateTimeOffset now)
    {
        if (startup.EndedAt is not null)
            throw new ConflictException(ProblemKinds.CohortCompleted,
                $"The mentorships of {startup.StartupName} ended with its cohort: no more sessions.");
        var active = startup.ActiveMentorships.OrderBy(m => m.AssignedAt).ToList();
        if (active.Count == 0)
            throw new ConflictException(ProblemKinds.NoMentor, $"{startup.StartupName} has no mentor yet: assign one first.");
        var mentor = command.MentorId is { } wanted
            ? active.FirstOrDefault(m => m.MentorId == wanted)
              ?? throw new BusinessRuleException(ProblemKinds.BusinessRule, $"Mentor {wanted} does not mentor {startup.StartupName}.")
            : active[0];
        return new SessionScheduled(startup.Id, command.SessionId, mentor.MentorId, command.ScheduledAt.ToUniversalTime(),
            command.DurationMinutes, command.Topic.Trim(), command.ScheduledBy, now);
    }

    public static async Task<Results<Created<SessionResponse>, ValidationProblem, ProblemHttpResult>> Handle(
        ScheduleSessionRequest request, HttpContext http, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var id = Idempotency.NewId(http, "session");
        if (await RepeatedAsync(session, id, ct) is { } repeated)
            return repeated;
        var now = clock.GetUtcNow();
        var validation = Validate(request, now);
        if (!validation.IsValid)
            return validation.ToProblem();

        var applicationId = request.ApplicationId!.Value;
        var stream = await session.Events.FetchForWriting<MentoredStartup>(applicationId, ct);
        var caller = http.User.Subject();
        if (stream.Aggregate is not { } startup || !(http.User.IsInRole(Roles.Operator) || startup.IsMentoredBy(caller)))
            return StartupAccess.NotFound(applicationId);

        var mentorId = http.User.IsInRole(Roles.Operator)
            ? request.MentorId
            : startup.Mentorships.First(m => m.MentorSub == caller).MentorId;
        var scheduled = Decide(startup, new SessionToSchedule(id, mentorId, request.ScheduledAt!.Value, request.DurationMinutes!.Value,
            request.Topic!, caller), now);
        stream.AppendOne(scheduled);
        session.Insert(new SessionLocator(id, applicationId));
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is ConcurrencyException or DocumentAlreadyExistsException && Idempotency.HasKey(http))
        {
            // A concurrent repeat of the same Idempotency-Key scheduled it: answer as the first time.
            await using var query = session.DocumentStore.QuerySession();
            if (await RepeatedAsync(query, id, ct) is { } first)
                return first;
            throw;
        }
        return Created(applicationId, MentoringSession.Create(scheduled));
    }

    /// <summary>The answer to a repeated Idempotency-Key: the session it scheduled the first time.</summary>
    private static async Task<Created<SessionResponse>?> RepeatedAsync(IQuerySession session, Guid id, CancellationToken ct) =>
        await session.LoadAsync<SessionLocator>(id, ct) is { } located
        && await session.LoadAsync<MentoredStartup>(located.ApplicationId, ct) is { } startup
        && startup.Sessions.FirstOrDefault(s => s.Id == id) is { } first
            ? Created(startup.Id, first)
            : null;

    private static Created<SessionResponse> Created(Guid applicationId, MentoringSession s) =>
        TypedResults.Created($"/api/mentoring/sessions/{s.Id}", SessionResponse.From(applicationId, s));
}
