using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The applicant's own list and the staff listing with filters and keyset paging.</summary>
public sealed class ApplicationListingTests(AcceleratorSystem system)
{
    private static Guid[] Ids(JsonArray items) => items.Select(a => a!["id"]!.GetValue<Guid>()).ToArray();

    [Fact]
    public async Task An_applicant_lists_only_its_own_applications()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var other = await system.Applicant();
        var first = await applicant.DraftAsync(Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort()), "First"));
        var second = await applicant.DraftAsync(Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort()), "Second"));
        var theirs = await other.DraftAsync(Samples.Application(await staff.CreateCohortAsync(Samples.OpenCohort()), "Theirs"));

        var mine = (await applicant.GetFromJsonAsync<JsonArray>("/api/applications/mine"))!;

        Ids(mine).ShouldBe([first, second], ignoreOrder: true);
        Ids((await other.GetFromJsonAsync<JsonArray>("/api/applications/mine"))!).ShouldBe([theirs]);
        (await staff.GetAsync("/api/applications/mine")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync("/api/applications/mine")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Staff_page_through_a_cohort_s_applications_following_the_next_link()
    {
        var staff = await system.Operator();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
            ids.Add(await (await system.Applicant()).DraftAsync(Samples.Application(cohortId, $"Startup {i}")));

        (await staff.ShouldPageThroughAsync($"/api/applications?cohortId={cohortId}&limit=2", 2, ids, only: true)).Count.ShouldBe(3);
        (await staff.ShouldPageThroughAsync($"/api/applications?cohortId={cohortId}&status=draft&limit=5", 5, ids, only: true)).Count
            .ShouldBe(1, "a full last page ends the list without a link to an empty page");
    }

    [Fact]
    public async Task Staff_filter_by_status_and_invalid_filters_are_400_with_every_field()
    {
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var submitted = await applicant.DraftAsync(Samples.Application(cohortId, "Submitted"));
        await applicant.SubmitAsync(submitted);
        await applicant.DraftAsync(Samples.Application(cohortId, "Draft"));

        var onlySubmitted = (await staff.GetFromJsonAsync<JsonArray>($"/api/applications?cohortId={cohortId}&status=submitted"))!;
        Ids(onlySubmitted).ShouldBe([submitted]);
        (await staff.GetFromJsonAsync<JsonArray>($"/api/applications?cohortId={cohortId}"))!.Count.ShouldBe(2);

        var invalid = await staff.GetAsync("/api/applications?cohortId=abc&status=accepted&limit=201&after=zzz");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["cohortId", "status", "limit", "after"], ignoreOrder: true);
        (await applicant.GetAsync($"/api/applications?cohortId={cohortId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync($"/api/applications?cohortId={cohortId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
