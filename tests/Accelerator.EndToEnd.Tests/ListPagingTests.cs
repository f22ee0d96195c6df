using System.Net.Http.Json;
using Accelerator.EndToEnd.Tests.Support;
using Accelerator.Selection.Candidates;
using Accelerator.Selection.Reviews;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using static Accelerator.EndToEnd.Tests.MentoringUpstream;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// Every list that can grow, walked through the gateway from its first page along <c>Link: rel="next"</c> to the last:
/// each item once, in id order, no link on the last page; a bad <c>limit</c> or <c>after</c> is a 400.
/// </summary>
[Collection(ReviewerPanel.Name)]
public sealed class ListPagingTests(AcceleratorSystem system)
{
    [Theory]
    [InlineData("/api/cohorts", "")]
    [InlineData("/api/applications", "operator")]
    [InlineData("/api/applications/mine", "applicant")]
    [InlineData("/api/reviewers", "operator")]
    [InlineData("/api/reviews/mine", "reviewer")]
    [InlineData("/api/offers/mine", "applicant")]
    [InlineData("/api/mentors", "mentor")]
    [InlineData("/api/mentoring/startups?unmatched=true", "operator")]
    [InlineData("/api/grants", "partner")]
    public async Task A_bad_limit_or_after_is_a_400_naming_it(string route, string role)
    {
        var client = role == "" ? system.Anonymous() : await system.As($"{role}-{Guid.NewGuid():N}", role);

        await client.ShouldRefuseBadPagingAsync(route);
    }

    [Fact]
    public async Task Anyone_pages_through_the_cohorts()
    {
        var staff = await system.Operator();
        var ours = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ours.Add(await staff.CreateCohortAsync(Samples.OpenCohort()));

        await system.Anonymous().ShouldPageThroughAsync("/api/cohorts?limit=3", 3, ours);
    }

    [Fact]
    public async Task An_applicant_pages_through_its_own_applications()
    {
        var cohortId = await (await system.Operator()).CreateCohortAsync(Samples.OpenCohort());
        var applicant = await system.Applicant();
        var ours = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ours.Add(await applicant.DraftAsync(Samples.Application(cohortId, $"Own {i}")));
        await (await system.Applicant()).DraftAsync(Samples.Application(cohortId, "Someone else's"));

        var pages = await applicant.ShouldPageThroughAsync("/api/applications/mine?limit=2", 2, ours, only: true);

        pages.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Staff_page_through_the_reviewers()
    {
        var staff = await system.Operator();
        var ours = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ours.Add(await staff.RegisterReviewerAsync(Samples.Reviewer($"reviewer-{Guid.NewGuid():N}")));

        await staff.ShouldPageThroughAsync("/api/reviewers?limit=3", 3, ours);
    }

    /// <summary>Assignment spreads applications over the whole panel, which every test shares, so the API cannot give one
    /// reviewer a known number of them: the assignments are appended to Selection's store as assignment appends them.</summary>
    [Fact]
    public async Task A_reviewer_pages_through_its_assignments()
    {
        var sub = $"reviewer-{Guid.NewGuid():N}";
        var reviewerId = await (await system.Operator()).RegisterReviewerAsync(Samples.Reviewer(sub));
        var cohortId = Guid.CreateVersion7();
        var ours = Enumerable.Range(0, 5).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var session = system.Selection.GetRequiredService<IDocumentStore>().LightweightSession())
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var id in ours)
                session.Events.StartStream<Candidate>(id,
                    new CandidateEntered(new Submission(id, cohortId, $"applicant-{Guid.NewGuid():N}", $"Assigned {id:N}"[..20],
                        Stage.Acceleration, ["meta-llama/Llama-3.1-8B"], null, "https://github.com/forge/forge", "MIT", ["nlp"], 100), now, now),
                    new ReviewerAssigned(id, cohortId, reviewerId, sub, now));
            await session.SaveChangesAsync();
        }

        await (await system.As(sub, "reviewer")).ShouldPageThroughAsync("/api/reviews/mine?limit=2", 2, ours, "applicationId", only: true);
    }

    [Fact]
    public async Task An_applicant_pages_through_its_offers()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.ClosingCohort(TimeSpan.FromSeconds(6), seats: 3, offerValidity: "P7D"));
        var applicant = await system.Applicant();
        var ours = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ours.Add(await applicant.DraftAsync(Samples.Application(cohortId, $"Offered {i} {Guid.NewGuid():N}"[..20])));
            await applicant.SubmitAsync(ours[^1]);
        }
        await system.ReviewAsync(staff, cohortId, ours.ToDictionary(id => id, _ => 4));
        var decided = await staff.PostAsync($"/api/selection/cohorts/{cohortId}/decide", null);
        decided.EnsureSuccessStatusCode();

        await applicant.ShouldPageThroughAsync("/api/offers/mine?limit=2", 2, ours, "applicationId", only: true);
    }

    [Fact]
    public async Task Staff_and_mentors_page_through_the_mentors()
    {
        var staff = await system.Operator();
        var ours = new List<Guid>();
        for (var i = 0; i < 4; i++)
            ours.Add(await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 1, UniqueDomain())));

        await staff.ShouldPageThroughAsync("/api/mentors?limit=3", 3, ours);
        await (await system.As($"mentor-{Guid.NewGuid():N}", "mentor")).ShouldPageThroughAsync("/api/mentors?limit=3", 3, ours);
    }

    [Fact]
    public async Task Staff_page_through_a_cohort_s_mentored_startups_keeping_the_filters()
    {
        var staff = await system.Operator();
        var cohortId = Guid.CreateVersion7();
        var admissions = Enumerable.Range(0, 5).Select(_ => Admission(cohortId, $"founder-{Guid.NewGuid():N}", UniqueDomain())).ToList();
        foreach (var admission in admissions)
            await system.AdmitAsync(admission);
        foreach (var admission in admissions)
            await staff.StartupAsync(admission.ApplicationId);

        await staff.ShouldPageThroughAsync($"/api/mentoring/startups?cohortId={cohortId}&unmatched=&limit=2", 2,
            admissions.Select(a => a.ApplicationId).ToList(), "applicationId", only: true);
    }

    [Fact]
    public async Task Owners_and_staff_page_through_grants_keeping_the_filter()
    {
        var startup = await system.AdmittedStartupAsync();
        var other = await system.AdmitAsync(startup.CohortId);

        await startup.Owner.ShouldPageThroughAsync("/api/grants?limit=1", 1, [startup.ComputeId, startup.HubId], only: true);
        await (await system.Operator()).ShouldPageThroughAsync($"/api/grants?applicationId={other.ApplicationId}&limit=1", 1,
            [other.ComputeId, other.HubId], only: true);
    }
}
