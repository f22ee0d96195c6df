using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Accelerator.EndToEnd.Tests.MentoringUpstream;

namespace Accelerator.EndToEnd.Tests;

[Collection(MentoringCollection.Name)]
public sealed class MentoringSessionTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Its_mentor_schedules_and_completes_a_session_and_a_partner_sees_it_completed()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.mentoring-session-completed");
        var staff = await system.Operator();
        var (owner, mentorSub) = ($"applicant-{Guid.NewGuid():N}", $"mentor-{Guid.NewGuid():N}");
        var domain = UniqueDomain();
        var mentorId = await staff.RegisterMentorAsync(Samples.Mentor(mentorSub, 2, domain));
        var admission = Admission(Guid.NewGuid(), owner, domain);
        await system.AdmitAsync(admission);
        await staff.StartupAsync(admission.ApplicationId, v => v["mentors"]!.AsArray().Count > 0);
        var mentor = await system.As(mentorSub, "mentor");

        var invalid = await mentor.PostAsJsonAsync("/api/mentoring/sessions", new
        {
            applicationId = admission.ApplicationId, scheduledAt = DateTimeOffset.UtcNow.AddDays(-1), durationMinutes = 10,
        });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["scheduledAt", "durationMinutes", "topic"], ignoreOrder: true);
        var later = Session(admission.ApplicationId, DateTimeOffset.UtcNow.AddDays(1));
        (await (await system.As($"mentor-{Guid.NewGuid():N}", "mentor")).PostAsJsonAsync("/api/mentoring/sessions", later))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.As(owner, "applicant")).PostAsJsonAsync("/api/mentoring/sessions", later))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var soon = Session(admission.ApplicationId, DateTimeOffset.UtcNow.AddSeconds(5));
        var scheduled = await ScheduleAsync(mentor, soon, "first-session");
        (await ScheduleAsync(mentor, soon, "first-session"))["id"]!.GetValue<Guid>().ShouldBe(scheduled["id"]!.GetValue<Guid>());
        scheduled["mentorId"]!.GetValue<Guid>().ShouldBe(mentorId);
        scheduled["status"]!.GetValue<string>().ShouldBe("scheduled");
        var sessionId = scheduled["id"]!.GetValue<Guid>();
        var future = await ScheduleAsync(staff, later, null);

        var early = await mentor.PostAsJsonAsync($"/api/mentoring/sessions/{future["id"]}/complete", new { notes = "n", rating = 4 });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await mentor.PostAsJsonAsync($"/api/mentoring/sessions/{sessionId}/complete", new { rating = 6 }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await system.As($"mentor-{Guid.NewGuid():N}", "mentor"))
            .PostAsJsonAsync($"/api/mentoring/sessions/{sessionId}/complete", new { rating = 4 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Accepted once the session has started, five seconds from scheduling.
        var completed = await Eventually.Until(async () =>
        {
            var response = await mentor.PostAsJsonAsync($"/api/mentoring/sessions/{sessionId}/complete", new { notes = "Roadmap agreed.", rating = 5 });
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }, "the session to be completable");
        completed["status"]!.GetValue<string>().ShouldBe("completed");
        completed["rating"]!.GetValue<int>().ShouldBe(5);
        (await mentor.PostAsJsonAsync($"/api/mentoring/sessions/{sessionId}/complete", new { rating = 3 }))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var view = await (await system.As(owner, "applicant")).StartupAsync(admission.ApplicationId);
        var sessions = view["sessions"]!.AsArray();
        sessions.Count.ShouldBe(2);
        sessions[0]!["id"]!.GetValue<Guid>().ShouldBe(sessionId);
        sessions[0]!["status"]!.GetValue<string>().ShouldBe("completed");
        sessions[1]!["status"]!.GetValue<string>().ShouldBe("scheduled");

        var (envelope, _) = await partner.ReceiveAsync(
            e => e["message"]!["sessionId"]!.GetValue<Guid>() == sessionId, "mentoring-session-completed on the partner's queue");
        envelope["message"]!["applicationId"]!.GetValue<Guid>().ShouldBe(admission.ApplicationId);
        envelope["message"]!["mentorId"]!.GetValue<Guid>().ShouldBe(mentorId);
        envelope["message"]!["eventId"]!.GetValue<Guid>().ShouldBe(envelope["messageId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task When_the_cohort_completes_its_mentorships_end_and_the_mentors_are_free_again()
    {
        var staff = await system.Operator();
        var cohortId = await system.CohortRunningSinceAsync(days: 30);
        var domain = UniqueDomain();
        var mentorSub = $"mentor-{Guid.NewGuid():N}";
        var mentorId = await staff.RegisterMentorAsync(Samples.Mentor(mentorSub, 1, domain));
        var admission = Admission(cohortId, "founder", domain);
        await system.AdmitAsync(admission);

        // A programme running for 30 days without a session is overdue (once cohort-created has arrived).
        var running = await staff.StartupAsync(admission.ApplicationId, v => v["overdue"]!.GetValue<bool>());
        running.MentorIds().ShouldBe([mentorId]);
        (await staff.MentorAsync(mentorId))["freeCapacity"]!.GetValue<int>().ShouldBe(0);

        await system.CompleteCohortAsync(cohortId);
        await system.CompleteCohortAsync(cohortId);

        var ended = await staff.StartupAsync(admission.ApplicationId, v => v["mentorshipEnded"]!.GetValue<bool>());
        ended["mentorshipEndedAt"]!.GetValue<string>().ShouldEndWith("Z");
        ended["mentors"]![0]!["endedAt"].ShouldNotBeNull();
        ended["overdue"]!.GetValue<bool>().ShouldBeFalse();
        ended["unmatched"]!.GetValue<bool>().ShouldBeFalse();
        var mentor = await staff.MentorAsync(mentorId);
        mentor["load"]!.GetValue<int>().ShouldBe(0);
        mentor["freeCapacity"]!.GetValue<int>().ShouldBe(1);

        var refused = await (await system.As(mentorSub, "mentor"))
            .PostAsJsonAsync("/api/mentoring/sessions", Session(admission.ApplicationId, DateTimeOffset.UtcNow.AddDays(1)));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var next = Admission(Guid.NewGuid(), "founder", domain);
        await system.AdmitAsync(next);
        (await staff.StartupAsync(next.ApplicationId)).MentorIds().ShouldBe([mentorId]);
    }

    [Fact]
    public async Task A_startup_admitted_after_its_cohort_completed_takes_no_mentor()
    {
        var staff = await system.Operator();
        var domain = UniqueDomain();
        var mentorId = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, domain));
        var cohortId = Guid.NewGuid();
        await system.CompleteCohortAsync(cohortId);
        await Eventually.Until(async () =>
        {
            // cohort-completed and startup-admitted travel on different queues: wait until the completion is known.
            await using var session = system.Mentoring.GetRequiredService<Marten.IDocumentStore>().QuerySession();
            return await session.LoadAsync<Accelerator.Mentoring.Cohorts.MentoringCohort>(cohortId) is { CompletedAt: not null };
        }, "the completion of a cohort mentoring never heard of");

        var late = Admission(cohortId, "founder", domain);
        await system.AdmitAsync(late);

        var view = await staff.StartupAsync(late.ApplicationId);
        view["mentors"]!.AsArray().ShouldBeEmpty();
        view["mentorshipEnded"]!.GetValue<bool>().ShouldBeTrue();
        view["unmatched"]!.GetValue<bool>().ShouldBeFalse();
        (await staff.MentorAsync(mentorId))["load"]!.GetValue<int>().ShouldBe(0);
    }

    private static object Session(Guid applicationId, DateTimeOffset at) =>
        new { applicationId, scheduledAt = at.UtcDateTime, durationMinutes = 45, topic = "Evaluation strategy" };

    private static async Task<JsonObject> ScheduleAsync(HttpClient client, object session, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/mentoring/sessions") { Content = JsonContent.Create(session) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        response.Headers.Location!.ToString().ShouldBe($"/api/mentoring/sessions/{body["id"]}");
        return body;
    }
}
