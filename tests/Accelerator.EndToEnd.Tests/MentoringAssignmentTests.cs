using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static Accelerator.EndToEnd.Tests.MentoringUpstream;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

[Collection(MentoringCollection.Name)]
public sealed class MentoringAssignmentTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_unmatched_startup_gets_a_mentor_by_hand_but_never_beyond_capacity()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.mentor-assigned");
        var staff = await system.Operator();
        // A mentor of this test's own, so there is a full one to refuse even when this test runs first.
        var full = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, "nlp"));
        await system.FillEveryMentorAsync(staff);
        var admission = Admission(Guid.NewGuid(), "founder", UniqueDomain());
        await system.AdmitAsync(admission);
        var view = await staff.StartupAsync(admission.ApplicationId);
        view["unmatched"]!.GetValue<bool>().ShouldBeTrue();
        view["mentors"]!.AsArray().ShouldBeEmpty();
        (await staff.AllAsync("/api/mentoring/startups?unmatched=true"))
            .ShouldContain(s => s["applicationId"]!.GetValue<Guid>() == admission.ApplicationId);
        var route = $"/api/mentoring/startups/{admission.ApplicationId}/mentors";

        var refused = await staff.PostAsJsonAsync(route, new { mentorId = full });
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain("capacity");

        var mentor = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, "vision"));
        var assigned = await staff.PostAsJsonAsync(route, new { mentorId = mentor });
        assigned.StatusCode.ShouldBe(HttpStatusCode.OK, await assigned.Content.ReadAsStringAsync());
        var after = (await assigned.Content.ReadFromJsonAsync<JsonObject>())!;
        after.MentorIds().ShouldBe([mentor]);
        after["unmatched"]!.GetValue<bool>().ShouldBeFalse();
        (await staff.StartupAsync(admission.ApplicationId)).MentorIds().ShouldBe([mentor]);
        (await staff.AllAsync("/api/mentoring/startups?unmatched=true"))
            .ShouldNotContain(s => s["applicationId"]!.GetValue<Guid>() == admission.ApplicationId);
        (await staff.MentorAsync(mentor))["load"]!.GetValue<int>().ShouldBe(1);

        (await staff.PostAsJsonAsync(route, new { mentorId = mentor })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var unknownMentor = await staff.PostAsJsonAsync(route, new { mentorId = Guid.NewGuid() });
        unknownMentor.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownMentor.ProblemAsync())["errors"]!.AsObject().ContainsKey("mentorId").ShouldBeTrue();
        (await staff.PostAsJsonAsync(route, new { })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await staff.PostAsJsonAsync($"/api/mentoring/startups/{Guid.NewGuid()}/mentors", new { mentorId = mentor }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var applicant = await system.Applicant();
        (await applicant.PostAsJsonAsync(route, new { mentorId = mentor })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (envelope, _) = await partner.ReceiveAsync(
            e => e["message"]!["applicationId"]!.GetValue<Guid>() == admission.ApplicationId, "mentor-assigned for the manual assignment");
        envelope["message"]!["mentorId"]!.GetValue<Guid>().ShouldBe(mentor);
        envelope["message"]!["cohortId"]!.GetValue<Guid>().ShouldBe(admission.CohortId);
    }

    [Fact]
    public async Task The_founders_staff_and_the_startups_mentors_see_its_mentoring_and_nobody_else_learns_it_exists()
    {
        var staff = await system.Operator();
        var (owner, mentorSub) = ($"applicant-{Guid.NewGuid():N}", $"mentor-{Guid.NewGuid():N}");
        var domain = UniqueDomain();
        await staff.RegisterMentorAsync(Samples.Mentor(mentorSub, 3, domain));
        await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 3, "vision"));
        var admission = Admission(Guid.NewGuid(), owner, domain);
        await system.AdmitAsync(admission);
        await staff.StartupAsync(admission.ApplicationId, v => v["mentors"]!.AsArray().Count > 0);
        var route = $"/api/mentoring/startups/{admission.ApplicationId}";

        (await (await system.As(owner, "applicant")).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await system.As(mentorSub, "mentor")).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await system.Applicant()).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.As($"mentor-{Guid.NewGuid():N}", "mentor")).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.As(owner, "mentor")).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await system.As("reviewer-1", "reviewer")).GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync(route)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await staff.GetAsync($"/api/mentoring/startups/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await (await system.As(owner, "applicant")).GetAsync("/api/mentors")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await system.As(owner, "applicant")).GetAsync("/api/mentoring/startups?unmatched=true")).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        var seenByMentor = await (await system.As(mentorSub, "mentor")).MentorsAsync();
        seenByMentor.Single(m => m["sub"]!.GetValue<string>() == mentorSub)["mentees"]!.AsArray()
            .Select(id => id!.GetValue<Guid>()).ShouldBe([admission.ApplicationId]);
        seenByMentor.Where(m => m["sub"]!.GetValue<string>() != mentorSub).ShouldAllBe(m => !m.ContainsKey("mentees"));
    }

    [Fact]
    public async Task Mentors_are_validated_unique_by_sub_and_registered_once_per_idempotency_key()
    {
        var staff = await system.Operator();

        var invalid = await staff.PostAsJsonAsync("/api/mentors", new { sub = "", expertise = Array.Empty<string>(), capacity = 0 });
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key)
            .ShouldBe(["sub", "name", "organisation", "expertise", "capacity"], ignoreOrder: true);

        var mentor = Samples.Mentor($"mentor-{Guid.NewGuid():N}", 2, "nlp");
        var request = () => new HttpRequestMessage(HttpMethod.Post, "/api/mentors")
        {
            Content = JsonContent.Create(mentor),
            Headers = { { "Idempotency-Key", "register-once" } },
        };
        var first = await staff.SendAsync(request());
        var repeat = await staff.SendAsync(request());
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        (await repeat.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>().ShouldBe(id);
        first.Headers.Location!.ToString().ShouldBe($"/api/mentors/{id}");
        (await staff.MentorAsync(id))["capacity"]!.GetValue<int>().ShouldBe(2);

        var duplicate = await staff.PostAsJsonAsync("/api/mentors", mentor);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await duplicate.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain(mentor["sub"]!.GetValue<string>());
        (await staff.MentorsAsync()).Count(m => m["sub"]!.GetValue<string>() == mentor["sub"]!.GetValue<string>()).ShouldBe(1);
        (await (await system.As("mentor-x", "mentor")).PostAsJsonAsync("/api/mentors", mentor)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
