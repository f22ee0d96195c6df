using System.Net;
using System.Text.Json.Nodes;
using Accelerator.Gateway.AsyncApi;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>SPEC §7 "Documentation": <c>GET /asyncapi.json</c> at the gateway, anonymous, describes what partners really
/// receive, and agrees with SPEC §4 and the README's event catalogue.</summary>
public sealed class AsyncApiTests(AcceleratorSystem system)
{
    [Fact]
    public async Task The_gateway_serves_the_generated_document_anonymously_and_it_agrees_with_the_spec_and_the_readme()
    {
        var response = await system.Anonymous().GetAsync("/asyncapi.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/json");
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        document["asyncapi"]!.GetValue<string>().ShouldBe("3.0.0");
        JsonNode.DeepEquals(document, AsyncApiDocument.Build("localhost:5672")).ShouldBeTrue();
        EventCatalogue.Disagreements(document).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_event_on_the_bus_is_what_the_document_describes()
    {
        var document = JsonNode.Parse(await system.Anonymous().GetStringAsync("/asyncapi.json"))!.AsObject();
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, document["channels"]!["cohort-created"]!["address"]!.GetValue<string>());
        var cohortId = await (await system.Operator()).CreateCohortAsync(Samples.OpenCohort());

        var (envelope, properties) = await partner.ReceiveAsync(
            e => e["message"]?["cohortId"]?.GetValue<Guid>() == cohortId, "cohort-created on the partner's queue");

        var message = document["components"]!["messages"]!["CohortCreated"]!;
        properties.ContentType.ShouldBe(message["contentType"]!.GetValue<string>());
        var payload = message["payload"]!;
        Conforms(envelope, payload, "envelope");
        var schema = document["components"]!["schemas"]!["CohortCreated"]!;
        envelope["message"]!.AsObject().Select(p => p.Key).ShouldBe(schema["properties"]!.AsObject().Select(p => p.Key), ignoreOrder: true);
        Conforms(envelope["message"]!.AsObject(), schema, "message");
        envelope["messageType"]!.AsArray().Select(t => t!.GetValue<string>())
            .ShouldContain(payload["properties"]!["messageType"]!["contains"]!["const"]!.GetValue<string>());
    }

    /// <summary>Each member of <paramref name="value"/> is described; each required one is there, and null only where
    /// the schema allows null.</summary>
    private static void Conforms(JsonObject value, JsonNode schema, string what)
    {
        var described = schema["properties"]!.AsObject();
        foreach (var (name, member) in value)
        {
            described.ContainsKey(name).ShouldBeTrue($"{what}.{name} is on the wire but not in the document");
            if (member is null && described[name]!["type"] is { } type)
                (type is JsonArray types && types.Any(t => t!.GetValue<string>() == "null"))
                    .ShouldBeTrue($"{what}.{name} is null on the wire; the document says {type.ToJsonString()}");
        }
        foreach (var required in schema["required"]!.AsArray().Select(r => r!.GetValue<string>()))
            value.ContainsKey(required).ShouldBeTrue($"{what}.{required} is required by the document");
    }
}
