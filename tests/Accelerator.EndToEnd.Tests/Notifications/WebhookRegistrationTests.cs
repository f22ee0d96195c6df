using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests.Notifications;

public sealed class WebhookRegistrationTests(AcceleratorSystem system)
{
    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fe80::1]/hooks")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    [InlineData("ftp://partner.example/hooks")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative")]
    [InlineData("https://user:password@partner.example/hooks")]
    public async Task Receivers_outside_http_or_on_link_local_and_metadata_addresses_are_refused(string url)
    {
        var response = await (await system.Partner("scaleway")).PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "cohort-created" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["url"]);
    }

    [Fact]
    public async Task Unknown_events_and_other_roles_are_refused()
    {
        var partner = await system.Partner("scaleway");
        var unknown = await partner.PostAsJsonAsync("/api/webhooks", new { url = "https://partner.example/hooks", events = new[] { "grant-eaten" } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["events"]);
        var missing = await partner.PostAsJsonAsync("/api/webhooks", new { });
        (await missing.ProblemAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["url", "events"], ignoreOrder: true);

        (await (await system.Applicant()).PostAsJsonAsync("/api/webhooks", new { url = "https://a.example/", events = new[] { "cohort-created" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await system.Anonymous().GetAsync("/api/webhooks")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_secret_is_shown_once_each_caller_lists_its_own_and_a_deleted_webhook_is_gone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var partner = await system.Partner("huggingface");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks")
        {
            Content = JsonContent.Create(new { url = receiver.Url, events = new[] { "resource-grant-activated", "cohort-created" } }),
        };
        request.Headers.Add("Idempotency-Key", "hook-1");
        var created = await partner.SendAsync(request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var webhook = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = webhook["id"]!.GetValue<Guid>();
        created.Headers.Location!.ToString().ShouldBe($"/api/webhooks/{id}");
        webhook["secret"]!.GetValue<string>().ShouldStartWith("whsec_");
        Convert.FromBase64String(webhook["secret"]!.GetValue<string>()["whsec_".Length..]).Length.ShouldBeGreaterThanOrEqualTo(24);
        webhook["events"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldBe(["cohort-created", "resource-grant-activated"]);

        var read = (await partner.GetFromJsonAsync<JsonObject>($"/api/webhooks/{id}"))!;
        read["secret"].ShouldBeNull();
        read["status"]!.GetValue<string>().ShouldBe("active");
        (await partner.GetFromJsonAsync<JsonArray>("/api/webhooks"))!.Select(w => w!["id"]!.GetValue<Guid>()).ShouldBe([id]);
        var other = await system.Partner("huggingface");
        (await other.GetFromJsonAsync<JsonArray>("/api/webhooks"))!.ShouldBeEmpty();
        (await other.GetAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await partner.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await partner.GetAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await partner.DeleteAsync($"/api/webhooks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await partner.GetFromJsonAsync<JsonArray>("/api/webhooks"))!.ShouldBeEmpty();
    }
}
