using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Accelerator.EndToEnd.Tests.Support;

/// <summary>
/// A route of the gateway: <c>{name}</c> in the path or the query is a real id of <see cref="FuzzWorld.Ids"/>;
/// <paramref name="For"/> lists the roles that get past authorization (<c>*</c>: any token, <c>all</c>: anonymous too);
/// the body is a valid one, and so is <paramref name="Query"/> (e.g. a list's filters and paging).
/// </summary>
public sealed record FuzzRoute(string Method, string Template, string For, Func<FuzzWorld, JsonNode>? Body = null, string? Query = null)
{
    public bool Admits(string role) =>
        For == "all" || (For == "*" && role != FuzzWorld.Anonymous) || For.Split(',').Contains(role);

    public IEnumerable<string> IdNames =>
        Regex.Matches($"{Template}?{Query}", @"\{(\w+)\}").Select(m => m.Groups[1].Value).Distinct();

    /// <summary>The names of the route's own query parameters.</summary>
    public string[] QueryKeys => Query?.Split('&').Select(pair => pair.Split('=')[0]).ToArray() ?? [];

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>Every public route of SPEC §3 and §7's selection workbench (and the gateway's dev tokens), each with a valid
/// body where it takes one.</summary>
public static class FuzzRoutes
{
    public static readonly IReadOnlyList<FuzzRoute> All =
    [
        new("POST", "/api/dev/token", "all", _ => new JsonObject { ["sub"] = "fuzz", ["roles"] = new JsonArray("applicant"), ["org"] = "acme" }),

        new("GET", "/asyncapi.json", "all"),
        new("GET", "/api/cohorts", "all", Query: "limit=2&after={cohort}"),
        new("GET", "/api/cohorts/{cohort}", "all"),
        new("POST", "/api/cohorts", "operator", _ => Samples.OpenCohort()),
        new("POST", "/api/cohorts/{cohort}/close", "operator"),
        new("POST", "/api/cohorts/{cohort}/complete", "operator"),

        new("POST", "/api/applications", "applicant", w => Samples.Application(w.Ids["cohort"], "Fuzz Forge")),
        new("GET", "/api/applications", "operator", Query: "cohortId={cohort}&status=draft&limit=2&after={draft}"),
        new("GET", "/api/applications/mine", "applicant", Query: "limit=2&after={draft}"),
        new("GET", "/api/applications/{draft}", "operator,applicant"),
        new("PUT", "/api/applications/{draft}", "applicant", w => Samples.Application(w.Ids["cohort"], "Fuzz Forge")),
        new("POST", "/api/applications/{draft}/submit", "applicant"),
        new("POST", "/api/applications/{draft}/withdraw", "applicant"),
        new("GET", "/api/applications/{draft}/history", "operator"),
        new("POST", "/api/privacy/erasures", "operator", _ => new JsonObject { ["email"] = "nobody-fuzz@example.org" }),
        new("GET", "/api/privacy/erasures/{cohort}", "operator"),

        new("GET", "/api/selection/applications/{submitted}", "operator,applicant"),
        new("GET", "/api/selection/cohorts/{cohort}/ranking", "operator", Query: "normalise=true"),
        new("POST", "/api/selection/cohorts/{cohort}/assign-reviewers", "operator"),
        new("POST", "/api/selection/cohorts/{cohort}/decide", "operator"),
        new("POST", "/api/reviewers", "operator", w => Samples.Reviewer(w.ReviewerSub, "Fuzz Forge")),
        new("GET", "/api/reviewers", "operator", Query: "limit=2&after={reviewer}"),
        new("GET", "/api/reviewers/{reviewer}", "operator"),
        new("GET", "/api/reviews/mine", "reviewer", Query: "limit=2&after={submitted}"),
        new("PUT", "/api/reviews/{submitted}", "reviewer", _ => new JsonObject
        {
            ["scores"] = new JsonObject { ["openness"] = 4, ["technical"] = 3, ["team"] = 5, ["impact"] = 4 }, ["comment"] = "Fuzzed.",
        }),
        new("GET", "/api/selection/applications/{submitted}/reviews", "operator"),
        new("GET", "/api/selection/applications/{submitted}/comments", "operator,reviewer", Query: "limit=2&after={submitted}"),
        new("POST", "/api/selection/applications/{submitted}/comments", "operator,reviewer", _ => new JsonObject { ["text"] = "Fuzzed." }),
        new("POST", "/api/selection/applications/{submitted}/override", "operator", _ => new JsonObject
        {
            ["decision"] = "admit", ["reason"] = "Fuzzed.",
        }),
        new("DELETE", "/api/selection/applications/{submitted}/override", "operator"),
        new("GET", "/api/selection/cohorts/{cohort}/ranking.csv", "operator", Query: "normalise=false"),
        new("POST", "/api/reviews/{submitted}/conflict", "reviewer", _ => new JsonObject { ["reason"] = "Fuzzed." }),
        new("GET", "/api/applications/export.csv", "operator", Query: "cohortId={cohort}&status=submitted"),
        new("GET", "/api/offers/mine", "applicant", Query: "limit=2&after={submitted}"),
        new("POST", "/api/offers/{submitted}/accept", "applicant"),
        new("POST", "/api/offers/{submitted}/decline", "applicant"),

        new("POST", "/api/mentors", "operator", w => Samples.Mentor(w.MentorSub, 1, w.Domain)),
        new("GET", "/api/mentors", "operator,mentor", Query: "limit=2&after={mentor}"),
        new("GET", "/api/mentors/{mentor}", "operator,mentor"),
        new("GET", "/api/mentoring/startups", "operator", Query: "unmatched=false&cohortId={cohort}&limit=2&after={startup}"),
        new("GET", "/api/mentoring/startups/{startup}", "operator,applicant,mentor"),
        new("POST", "/api/mentoring/startups/{startup}/mentors", "operator", w => new JsonObject { ["mentorId"] = w.Ids["mentor"] }),
        new("POST", "/api/mentoring/sessions", "operator,mentor", w => new JsonObject
        {
            ["applicationId"] = w.Ids["startup"], ["scheduledAt"] = DateTimeOffset.UtcNow.AddDays(3).UtcDateTime,
            ["durationMinutes"] = 45, ["topic"] = "Fuzzed topic",
        }),
        new("GET", "/api/mentoring/sessions/{session}", "operator,applicant,mentor"),
        new("POST", "/api/mentoring/sessions/{session}/complete", "operator,mentor", _ => new JsonObject { ["notes"] = "Fuzzed.", ["rating"] = 4 }),

        new("GET", "/api/grants", "*", Query: "applicationId={startup}&limit=2&after={grant}"),
        new("GET", "/api/grants/{grant}", "*"),
        new("POST", "/api/grants/{grant}/activate", "partner", _ => new JsonObject { ["externalReference"] = "fuzz-ext" }),
        new("POST", "/api/grants/{grant}/usage", "partner", _ => new JsonObject
        {
            ["amount"] = 0.25m, ["recordedAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).UtcDateTime, ["reference"] = "fuzz-usage",
        }),
        new("POST", "/api/grants/{grant}/top-ups", "*", _ => new JsonObject { ["amount"] = 3, ["reason"] = "Fuzzed." }),
        new("GET", "/api/grants/{grant}/top-ups/{topUp}", "*"),
        new("POST", "/api/grants/{grant}/top-ups/{topUp}/approve", "operator"),
        new("POST", "/api/grants/{grant}/top-ups/{topUp}/reject", "operator", _ => new JsonObject { ["reason"] = "Fuzzed." }),

        // A receiver on a closed local port: its deliveries fail at once. (A name that does not resolve here would make
        // each of the hundreds of fuzzed registrations' deliveries wait out its timeout, delaying other tests' e-mail.)
        new("POST", "/api/webhooks", "operator,partner", _ => new JsonObject
        {
            ["url"] = "http://127.0.0.1:9/hooks", ["events"] = new JsonArray("cohort-created", "resource-grant-activated"),
        }),
        new("GET", "/api/webhooks", "operator,partner", Query: "limit=2&after={webhook}"),
        new("GET", "/api/webhooks/{webhook}", "operator,partner"),
        new("GET", "/api/webhooks/{webhook}/deliveries", "operator,partner", Query: "limit=2&after={delivery}"),
        new("GET", "/api/webhooks/{webhook}/deliveries/{delivery}", "operator,partner"),
        new("POST", "/api/webhooks/{webhook}/deliveries/{delivery}/resend", "operator,partner"),
        new("DELETE", "/api/webhooks/{webhook}", "operator,partner"),

        .. new[] { "applications", "selection", "mentoring", "resources", "notifications" }.SelectMany(service => new FuzzRoute[]
        {
            new("GET", $"/api/admin/{service}/dead-letters", "operator"),
            new("POST", $"/api/admin/{service}/dead-letters/{service}-cohort-created_error/replay", "operator"),
            new("GET", $"/api/admin/{service}/timers", "operator"),
            new("POST", $"/api/admin/{service}/timers/call-closing:00000000-0000-0000-0000-000000000001/retry", "operator"),
            new("GET", $"/api/admin/{service}/outbox", "operator"),
        }),

        // SPEC §7 Documentation: served by the gateway, anonymously.
        new("GET", "/openapi/applications.json", "all"),
        new("GET", "/docs/", "all"),
    ];
}
