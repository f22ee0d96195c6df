using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>The reviewer panel through the gateway on real PostgreSQL: validation, one reviewer per sub, Idempotency-Key.</summary>
[Collection(ReviewerPanel.Name)]
public sealed class ReviewersApiTests(AcceleratorSystem system)
{
    [Fact]
    public async Task Staff_register_a_reviewer_once_per_sub_and_list_the_panel()
    {
        var staff = await system.Operator();
        var sub = $"reviewer-{Guid.NewGuid():N}";

        var created = await staff.PostAsJsonAsync("/api/reviewers", Samples.Reviewer(sub, " Mistral Forge "));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["id"]!.GetValue<Guid>();
        created.Headers.Location!.ToString().ShouldBe($"/api/reviewers/{id}");
        body["sub"]!.GetValue<string>().ShouldBe(sub);
        body["conflicts"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Mistral Forge"]);
        (await staff.GetFromJsonAsync<JsonObject>($"/api/reviewers/{id}"))!["organisation"]!.GetValue<string>().ShouldBe("scaleway");
        (await staff.AllAsync("/api/reviewers")).ShouldContain(r => r["id"]!.GetValue<Guid>() == id);

        var again = await (await system.Operator()).PostAsJsonAsync("/api/reviewers", Samples.Reviewer(sub));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.ProblemAsync())["detail"]!.GetValue<string>().ShouldContain(sub);
    }

    [Fact]
    public async Task Concurrent_registrations_of_one_sub_register_it_once_and_the_others_are_409()
    {
        var staff = await system.Operator();
        var sub = $"reviewer-{Guid.NewGuid():N}";

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => staff.PostAsJsonAsync("/api/reviewers", Samples.Reviewer(sub))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(4);
        (await staff.AllAsync("/api/reviewers")).Count(r => r["sub"]!.GetValue<string>() == sub).ShouldBe(1);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_answers_the_first_registration_and_registers_nothing_new()
    {
        var staff = await system.Operator();
        var key = Guid.NewGuid().ToString();
        var sub = $"reviewer-{Guid.NewGuid():N}";

        async Task<HttpResponseMessage> Register(string who)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/reviewers") { Content = JsonContent.Create(Samples.Reviewer(who)) };
            request.Headers.Add("Idempotency-Key", key);
            return await staff.SendAsync(request);
        }

        var first = await Register(sub);
        var repeat = await Register($"other-{Guid.NewGuid():N}");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        repeat.StatusCode.ShouldBe(HttpStatusCode.Created);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<Guid>();
        var repeated = (await repeat.Content.ReadFromJsonAsync<JsonObject>())!;
        repeated["id"]!.GetValue<Guid>().ShouldBe(firstId);
        repeated["sub"]!.GetValue<string>().ShouldBe(sub);
        repeat.Headers.Location.ShouldBe(first.Headers.Location);
    }

    [Fact]
    public async Task An_invalid_reviewer_is_400_with_every_invalid_field()
    {
        var staff = await system.Operator();
        var reviewer = Samples.Reviewer(" ");
        reviewer.Remove("name");
        reviewer["organisation"] = new string('o', 201);
        reviewer["expertise"] = new JsonArray();
        reviewer["conflicts"] = new JsonArray("Forge", "");

        var response = await staff.PostAsJsonAsync("/api/reviewers", reviewer);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        errors.ShouldBe(["sub", "name", "organisation", "expertise", "conflicts[1]"], ignoreOrder: true);
    }

    [Fact]
    public async Task Only_staff_manage_the_panel()
    {
        var applicant = await system.Applicant();
        var reviewer = await system.As($"reviewer-{Guid.NewGuid():N}", "reviewer");
        (await applicant.PostAsJsonAsync("/api/reviewers", Samples.Reviewer("x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reviewer.GetAsync("/api/reviewers")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync("/api/reviewers")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
