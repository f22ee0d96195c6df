using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.ServiceDefaults;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>
/// A caller per role and real ids for the fuzz test to aim at (a cohort, a draft and a submitted application, a
/// reviewer, a mentor with a mentee and a session, an active grant with a pending top-up), so that mutated requests
/// get past "not found" into the code behind it.
/// </summary>
public sealed record FuzzWorld(IReadOnlyDictionary<string, HttpClient> Callers, IReadOnlyDictionary<string, Guid> Ids,
    string ReviewerSub, string MentorSub, string Domain)
{
    public const string Anonymous = "anonymous";
    public static readonly string[] Roles = [.. ServiceDefaults.Roles.All, Anonymous];

    public static async Task<FuzzWorld> CreateAsync(AcceleratorSystem system)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var staff = await system.As($"fuzz-operator-{tag}", ServiceDefaults.Roles.Operator);
        var applicantSub = $"fuzz-applicant-{tag}";
        var applicant = await system.As(applicantSub, ServiceDefaults.Roles.Applicant);
        var reviewerSub = $"fuzz-reviewer-{tag}";
        var mentorSub = $"fuzz-mentor-{tag}";
        var partner = await system.AsMemberOf("scaleway", $"fuzz-partner-{tag}", ServiceDefaults.Roles.Partner);
        var mentor = await system.As(mentorSub, ServiceDefaults.Roles.Mentor);
        var domain = $"fuzz-{tag}";

        var cohort = await staff.CreateCohortAsync(Samples.OpenCohort());
        var draft = await applicant.DraftAsync(Samples.Application(cohort, $"Fuzz Draft {tag}"));
        var submitted = await applicant.DraftAsync(Samples.Application(cohort, $"Fuzz Submitted {tag}"));
        await applicant.SubmitAsync(submitted);
        var reviewer = await staff.RegisterReviewerAsync(Samples.Reviewer(reviewerSub));
        var mentorId = await staff.RegisterMentorAsync(Samples.Mentor(mentorSub, 1, domain));

        // A startup admitted to a cohort of its own, as Selection announces it: grants in Resources, a mentee in Mentoring.
        var created = GrantSteps.CohortCreated();
        await system.PublishAsync(created);
        var admitted = GrantSteps.Admitted(created.CohortId, applicantSub) with { Domains = [domain] };
        await system.PublishAsync(admitted);
        var grants = await applicant.PollGrantsAsync(admitted.ApplicationId, 2);
        var grant = grants.Single(g => g!["kind"]!.GetValue<string>() == "compute")!["id"]!.GetValue<Guid>();
        // The partner's webhook, to a port nobody listens on: its delivery of the activation waits for a retry.
        var webhook = await IdOf(await partner.PostAsJsonAsync("/api/webhooks", new
        {
            url = $"http://127.0.0.1:{TestPorts.Free()}/hooks", events = new[] { "resource-grant-activated" },
        }));
        await partner.ActivateAsync(grant, "fuzz-ext");
        var delivery = await Eventually.Until(async () =>
            (await partner.GetFromJsonAsync<JsonArray>($"/api/webhooks/{webhook}/deliveries"))!.FirstOrDefault()?["id"]?.GetValue<Guid>(),
            "the fuzz webhook's delivery") ?? Guid.Empty;
        var topUp = await IdOf(await applicant.PostAsJsonAsync($"/api/grants/{grant}/top-ups", new { amount = 5, reason = "fuzz" }));
        await Eventually.Until(async () =>
            await staff.GetFromJsonAsync<JsonObject>($"/api/mentoring/startups/{admitted.ApplicationId}") is { } view
            && view["mentors"]!.AsArray().Count > 0, "the fuzz startup to get its mentor");
        var session = await IdOf(await mentor.PostAsJsonAsync("/api/mentoring/sessions", new
        {
            applicationId = admitted.ApplicationId, scheduledAt = DateTimeOffset.UtcNow.AddDays(2), durationMinutes = 60, topic = "fuzz",
        }));

        var callers = new Dictionary<string, HttpClient>
        {
            [ServiceDefaults.Roles.Operator] = staff,
            [ServiceDefaults.Roles.Applicant] = applicant,
            [ServiceDefaults.Roles.Reviewer] = await system.As(reviewerSub, ServiceDefaults.Roles.Reviewer),
            [ServiceDefaults.Roles.Mentor] = mentor,
            [ServiceDefaults.Roles.Partner] = partner,
            [Anonymous] = system.Anonymous(),
        };
        var ids = new Dictionary<string, Guid>
        {
            ["cohort"] = cohort, ["draft"] = draft, ["submitted"] = submitted, ["reviewer"] = reviewer, ["mentor"] = mentorId,
            ["startup"] = admitted.ApplicationId, ["session"] = session, ["grant"] = grant, ["topUp"] = topUp,
            ["webhook"] = webhook, ["delivery"] = delivery,
        };
        return new FuzzWorld(callers, ids, reviewerSub, mentorSub, domain);
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
    }
}
