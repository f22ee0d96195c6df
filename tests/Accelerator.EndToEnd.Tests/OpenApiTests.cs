using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

/// <summary>
/// SPEC §7 Documentation: each service's OpenAPI 3.1 document, read anonymously through the gateway, describes every
/// route of SPEC §3 and §7 it serves, with bearer security, required fields and problem responses; <c>/docs</c> is
/// the interactive reference of all five.
/// </summary>
public sealed partial class OpenApiTests(AcceleratorSystem system)
{
    private static readonly string[] ServiceNames = ["applications", "selection", "mentoring", "resources", "notifications"];
    public static readonly TheoryData<string> Services = new(ServiceNames);

    /// <summary>The routes of SPEC §3 and §7, by the service that serves them. <c>POST /api/dev/token</c> is the
    /// gateway's own, in no service's document.</summary>
    private static readonly Dictionary<string, string[]> SpecRoutes = new()
    {
        ["applications"] =
        [
            "POST /api/cohorts", "GET /api/cohorts", "GET /api/cohorts/{id}", "POST /api/cohorts/{id}/close",
            "POST /api/cohorts/{id}/complete",
            "POST /api/applications", "PUT /api/applications/{id}", "POST /api/applications/{id}/submit",
            "POST /api/applications/{id}/withdraw", "GET /api/applications/{id}", "GET /api/applications/mine", "GET /api/applications",
            "POST /api/privacy/erasures", "GET /api/privacy/erasures/{id}", "GET /api/applications/{id}/history",
            "GET /api/applications/export.csv",
        ],
        ["selection"] =
        [
            "GET /api/selection/applications/{applicationId}", "POST /api/reviewers",
            "POST /api/selection/cohorts/{cohortId}/assign-reviewers", "GET /api/reviews/mine", "PUT /api/reviews/{applicationId}",
            "GET /api/selection/cohorts/{cohortId}/ranking", "POST /api/selection/cohorts/{cohortId}/decide", "GET /api/offers/mine",
            "POST /api/offers/{applicationId}/accept", "POST /api/offers/{applicationId}/decline",
            "GET /api/selection/applications/{applicationId}/reviews", "GET /api/selection/applications/{applicationId}/comments",
            "POST /api/selection/applications/{applicationId}/comments", "POST /api/reviews/{applicationId}/conflict",
            "POST /api/selection/applications/{applicationId}/override", "DELETE /api/selection/applications/{applicationId}/override",
            "GET /api/selection/cohorts/{cohortId}/ranking.csv", "GET /api/reviewers", "GET /api/reviewers/{id}",
        ],
        ["mentoring"] =
        [
            "POST /api/mentors", "GET /api/mentors", "POST /api/mentoring/startups/{applicationId}/mentors",
            "GET /api/mentoring/startups/{applicationId}", "POST /api/mentoring/sessions", "POST /api/mentoring/sessions/{id}/complete",
        ],
        ["resources"] =
        [
            "GET /api/grants", "GET /api/grants/{id}", "POST /api/grants/{id}/activate", "POST /api/grants/{id}/usage",
            "POST /api/grants/{id}/top-ups", "POST /api/grants/{id}/top-ups/{topUpId}/approve",
        ],
        ["notifications"] =
        [
            "POST /api/webhooks", "GET /api/webhooks", "DELETE /api/webhooks/{id}", "GET /api/webhooks/{id}/deliveries",
            "POST /api/webhooks/{id}/deliveries/{deliveryId}/resend",
        ],
    };

    /// <summary>SPEC §7 Operating, in every service's document.</summary>
    private static string[] AdminRoutes(string service) =>
    [
        $"GET /api/admin/{service}/dead-letters", $"POST /api/admin/{service}/dead-letters/{{queue}}/replay",
        $"GET /api/admin/{service}/timers", $"POST /api/admin/{service}/timers/{{id}}/retry", $"GET /api/admin/{service}/outbox",
    ];

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Each_service_serves_an_OpenAPI_3_1_document_anonymously_through_the_gateway(string service)
    {
        var document = await DocumentAsync(service);

        document["openapi"]!.GetValue<string>().ShouldStartWith("3.1");
        document["info"]!["title"]!.GetValue<string>().ShouldContain(service, Case.Insensitive);
        document["info"]!["version"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        document["info"]!["description"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        document["servers"]!.AsArray().Select(s => s!["url"]!.GetValue<string>()).ShouldBe(["/"]);
        var bearer = document["components"]!["securitySchemes"]!["Bearer"]!;
        bearer["type"]!.GetValue<string>().ShouldBe("http");
        bearer["scheme"]!.GetValue<string>().ShouldBe("bearer");
        bearer["bearerFormat"]!.GetValue<string>().ShouldBe("JWT");

        // Anonymous means a stale or broken token does not lock a reader out either.
        var withBadToken = system.Anonymous();
        withBadToken.DefaultRequestHeaders.Authorization = new("Bearer", "not-a-jwt");
        (await withBadToken.GetAsync($"/openapi/{service}.json")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await withBadToken.GetAsync("/docs/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_route_of_the_spec_is_documented_with_its_method_and_nothing_else(string service)
    {
        var documented = Operations(await DocumentAsync(service)).Select(o => o.Route).ToList();

        foreach (var route in SpecRoutes[service].Concat(AdminRoutes(service)))
            documented.ShouldContain(d => SameRoute(d, route), $"{route} is not in the {service} document");
        documented.ShouldAllBe(route => route.Contains(" /api/"), "health probes and internal routes stay out");
        documented.ShouldNotContain(route => route.Contains("/api/admin/") && !route.Contains($"/api/admin/{service}/"));
    }

    [Fact]
    public async Task Every_route_the_fuzzer_calls_is_documented_by_some_service()
    {
        var documented = new List<string>();
        foreach (var service in ServiceNames)
            documented.AddRange(Operations(await DocumentAsync(service)).Select(o => o.Route));

        var routes = FuzzRoutes.All.Where(r => r.Template.StartsWith("/api/") && r.Template != "/api/dev/token").ToList();
        routes.Count.ShouldBeGreaterThan(40);
        foreach (var route in routes)
            documented.ShouldContain(d => SameRoute(d, route.ToString()), $"{route} is not documented");
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Operations_need_the_bearer_token_exactly_where_the_route_does(string service)
    {
        var document = await DocumentAsync(service);
        foreach (var (route, operation) in Operations(document))
        {
            var anonymous = route is "GET /api/cohorts" or "GET /api/cohorts/{id}";
            var schemes = operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(p => p.Key)).ToList() ?? [];
            var responses = operation["responses"]!.AsObject();
            if (anonymous)
            {
                schemes.ShouldBeEmpty(route);
                responses.ContainsKey("401").ShouldBeFalse(route);
            }
            else
            {
                schemes.ShouldBe(["Bearer"], route);
                responses.ContainsKey("401").ShouldBeTrue(route);
            }
            operation["summary"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(route);
        }
    }

    [Fact]
    public async Task Known_required_fields_are_marked_required_and_shaped_as_sent()
    {
        var applications = await DocumentAsync("applications");
        var cohort = ResponseSchema(applications, "/api/cohorts/{id}", "get");
        Required(cohort).ShouldInclude(["id", "name", "seats", "applicationsOpenAt", "applicationsCloseAt", "programStartsOn", "status"]);
        Required(cohort).ShouldNotContain("closedAt");
        var status = Resolve(applications, cohort["properties"]!["status"]!);
        status["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldBe(["scheduled", "open", "closed", "running", "completed"], ignoreOrder: true);
        cohort["properties"]!["applicationsOpenAt"]!["format"]!.GetValue<string>().ShouldBe("date-time");
        cohort["properties"]!["programStartsOn"]!["format"]!.GetValue<string>().ShouldBe("date");
        cohort["properties"]!["name"]!["type"]!.GetValue<string>().ShouldBe("string");
        cohort["properties"]!["seats"]!["type"]!.GetValue<string>().ShouldBe("integer");
        var application = ResponseSchema(applications, "/api/applications/{id}", "get");
        Required(application).ShouldInclude(["id", "cohortId", "status", "startup", "founders", "domains"]);
        Required(application).ShouldNotContain("integrationPlan");
        application["properties"]!["domains"]!["items"]!["type"]!.GetValue<string>().ShouldBe("string");

        // Request records take missing fields so that validation reports them all; the document says which it demands.
        var createCohort = Resolve(applications,
            Operation(applications, "/api/cohorts", "post")["requestBody"]!["content"]!["application/json"]!["schema"]!);
        Required(createCohort).ShouldInclude(["name", "seats", "applicationsOpenAt", "applicationsCloseAt", "resourcePackage"]);
        Required(createCohort).ShouldNotContain("offerValidity");
        createCohort["properties"]!["seats"]!["type"]!.GetValue<string>().ShouldBe("integer");

        var resources = await DocumentAsync("resources");
        Required(ResponseSchema(resources, "/api/grants/{id}", "get")).ShouldInclude(["id", "applicationId", "kind", "amount", "unit", "status"]);
        var selection = await DocumentAsync("selection");
        Required(ResponseSchema(selection, "/api/selection/applications/{applicationId}", "get"))
            .ShouldInclude(["applicationId", "cohortId", "eligibility", "reasons", "reviewCount", "decision"]);
    }

    [Fact]
    public async Task Problem_responses_are_documented_from_each_route_as_problem_details()
    {
        var applications = await DocumentAsync("applications");
        var close = Operation(applications, "/api/cohorts/{id}/close", "post");
        ProblemStatuses(applications, close).ShouldBe(["401", "403", "404", "409", "429"], ignoreOrder: true);
        var create = Operation(applications, "/api/cohorts", "post");
        ProblemStatuses(applications, create).ShouldBe(["400", "401", "403", "409", "413", "415", "429"], ignoreOrder: true);
        ProblemSchema(applications, create, "400").ShouldBe("HttpValidationProblemDetails");
        ProblemSchema(applications, close, "409").ShouldBe("ProblemDetails");
        // Anyone may read a cohort: no 401 or 403; an unknown id is 404.
        ProblemStatuses(applications, Operation(applications, "/api/cohorts/{id}", "get")).ShouldBe(["404", "429"], ignoreOrder: true);
        // Any applicant may read an application, its owner only: another's is a 404, never a 403.
        ProblemStatuses(applications, Operation(applications, "/api/applications/{id}", "get")).ShouldBe(["401", "404", "429"], ignoreOrder: true);

        var mentoring = await DocumentAsync("mentoring");
        ProblemStatuses(mentoring, Operation(mentoring, "/api/mentoring/startups/{applicationId}/mentors", "post"))
            .ShouldInclude(["400", "404", "409", "422"]);
        var resources = await DocumentAsync("resources");
        ProblemStatuses(resources, Operation(resources, "/api/grants/{id}/top-ups/{topUpId}/approve", "post"))
            .ShouldInclude(["404", "409", "422"]);

        foreach (var service in ServiceNames)
        {
            var document = await DocumentAsync(service);
            document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["traceId"].ShouldNotBeNull(service);
            foreach (var (route, operation) in Operations(document))
                ProblemStatuses(document, operation).Count.ShouldBe(
                    operation["responses"]!.AsObject().Count(r => r.Key.StartsWith('4')), $"{route}: every 4xx is a problem document");
        }
    }

    [Theory]
    [MemberData(nameof(Services))]
    public async Task Every_request_body_has_an_example_in_the_shape_the_api_takes(string service)
    {
        var document = await DocumentAsync(service);
        foreach (var (route, operation) in Operations(document))
        {
            if (operation["requestBody"]?["content"]?["application/json"] is not { } body)
                continue;
            var example = body["example"].ShouldBeOfType<JsonObject>(route);
            var schema = Resolve(document, body["schema"]!);
            example.Select(p => p.Key).ShouldBeSubsetOf(schema["properties"]!.AsObject().Select(p => p.Key), route);
            example.Select(p => p.Key).ShouldInclude([.. Required(schema)]);
        }
    }

    [Fact]
    public async Task A_document_of_an_unknown_service_is_a_404_problem()
    {
        var response = await system.Anonymous().GetAsync("/openapi/payments.json");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task The_interactive_reference_lists_every_document_anonymously_from_local_assets()
    {
        var client = system.Anonymous();
        var response = await client.GetAsync("/docs");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        foreach (var service in ServiceNames)
            html.ShouldContain($"\"url\":\"openapi/{service}.json\"", customMessage: service);
        var scripts = ScriptSources().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        scripts.ShouldNotBeEmpty();
        foreach (var src in scripts)
        {
            src.ShouldNotContain("://", customMessage: "Scalar's assets are served by the gateway, not a CDN");
            var script = await client.GetAsync(new Uri(response.RequestMessage!.RequestUri!, src));
            script.StatusCode.ShouldBe(HttpStatusCode.OK, src);
        }
    }

    private async Task<JsonObject> DocumentAsync(string service)
    {
        var response = await system.Anonymous().GetAsync($"/openapi/{service}.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, service);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static IEnumerable<(string Route, JsonObject Operation)> Operations(JsonObject document) =>
        from path in document["paths"]!.AsObject()
        from operation in path.Value!.AsObject()
        where operation.Key is "get" or "put" or "post" or "delete" or "patch"
        select ($"{operation.Key.ToUpperInvariant()} {path.Key}", operation.Value!.AsObject());

    private static JsonObject Operation(JsonObject document, string path, string method) =>
        document["paths"]![path]![method]!.AsObject();

    /// <summary>Same method and path, any <c>{parameter}</c> segment matching any other segment.</summary>
    private static bool SameRoute(string documented, string wanted)
    {
        var (a, b) = (documented.Split(' ', '/'), wanted.Split(' ', '/'));
        return a.Length == b.Length && a.Zip(b).All(p => p.First == p.Second || p.First.StartsWith('{') || p.Second.StartsWith('{'));
    }

    /// <summary>The schema itself, or the one it refers to (also as the non-null choice of a nullable one).</summary>
    private static JsonObject Resolve(JsonObject document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject()
            : schema["oneOf"]?.AsArray().FirstOrDefault(choice => choice!["$ref"] is not null) is { } nonNull
                ? Resolve(document, nonNull)
                : schema.AsObject();

    private static JsonObject ResponseSchema(JsonObject document, string path, string method) =>
        Resolve(document, Operation(document, path, method)["responses"]!["200"]!["content"]!["application/json"]!["schema"]!);

    private static IReadOnlyList<string> Required(JsonObject schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];

    /// <summary>The 4xx responses that are problem documents with a schema of the components.</summary>
    private static List<string> ProblemStatuses(JsonObject document, JsonObject operation) =>
        operation["responses"]!.AsObject()
            .Where(r => r.Key.StartsWith('4') && r.Value!["content"]?["application/problem+json"]?["schema"]?["$ref"] is not null)
            .Where(r => Resolve(document, r.Value!["content"]!["application/problem+json"]!["schema"]!).ContainsKey("properties"))
            .Select(r => r.Key).ToList();

    private static string ProblemSchema(JsonObject document, JsonObject operation, string status) =>
        operation["responses"]![status]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>().Split('/')[^1];

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSources();
}

internal static class SetAssertions
{
    public static void ShouldInclude(this IEnumerable<string> actual, string[] wanted) => wanted.ShouldBeSubsetOf(actual);
}
