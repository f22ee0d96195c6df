using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Accelerator.Testing;
using MimeKit;

namespace Accelerator.EndToEnd.Tests.Notifications;

/// <summary>SPEC §7 "to reviewers: their assignments": a reviewer registered with an e-mail address hears of each
/// application assigned to them, once, in English; the address is optional and checked.</summary>
[Collection(ReviewerPanel.Name)]
public sealed class ReviewerEmailTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_reviewer_with_an_address_hears_of_their_assignment_once()
    {
        var staff = await system.Operator();
        var address = $"reviewer-{Guid.NewGuid():N}@panel.example";
        // In a new cohort no reviewer has any load, and ties go to the lowest sub: this one takes the application.
        var reviewer = Samples.Reviewer($"!mail-{Guid.NewGuid():N}");
        reviewer["email"] = address;
        var registered = await staff.PostAsJsonAsync("/api/reviewers", reviewer);
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        (await registered.Content.ReadFromJsonAsync<JsonObject>())!["email"]!.GetValue<string>().ShouldBe(address);

        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(5), seats: 1, "P7D"));
        var startup = await new SelectionFlowTests(system).Apply(cohortId, "Mail");
        await ScreeningFlowTests.PollScreeningAsync(staff, startup.Id);
        await Eventually.Until(async () => (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null)).IsSuccessStatusCode,
            "the call to close and the reviewers to be assigned");

        var mail = await Eventually.Until(() => Task.FromResult(MessagesTo(address).FirstOrDefault()), "the assignment e-mail to the reviewer");
        mail.Subject.ShouldBe($"New application to review: {startup.Name}");
        (mail.TextBody ?? "").ShouldContain($"Reviewer {reviewer["sub"]}");
        (mail.TextBody ?? "").ShouldNotContain(startup.Applicant);

        // Assigning again adds nothing, so tells nothing.
        (await staff.PostAsync($"/api/selection/cohorts/{cohortId}/assign-reviewers", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        MessagesTo(address).Count().ShouldBe(1);
    }

    [Fact]
    public async Task A_reviewers_address_is_optional_but_must_be_an_address()
    {
        var staff = await system.Operator();
        var bad = Samples.Reviewer($"reviewer-{Guid.NewGuid():N}");
        bad["email"] = "not an address";
        var refused = await staff.PostAsJsonAsync("/api/reviewers", bad);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["email"]);

        var without = await staff.PostAsJsonAsync("/api/reviewers", Samples.Reviewer($"reviewer-{Guid.NewGuid():N}"));
        without.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await without.Content.ReadFromJsonAsync<JsonObject>())!["email"].ShouldBeNull();
    }

    private IEnumerable<MimeMessage> MessagesTo(string address) => system.Mail.ReceivedEmail
        .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
        .Where(m => m.To.Mailboxes.Any(to => to.Address == address));
}
