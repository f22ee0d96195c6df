using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Accelerator.Gateway.AsyncApi;
using Accelerator.ServiceDefaults;

namespace Accelerator.Contracts.Tests;

public sealed class AsyncApiDocumentTests
{
    private static readonly JsonObject Document = AsyncApiDocument.Build("broker.example:5672");

    [Fact]
    public void Each_event_is_a_channel_at_its_exchange_that_the_system_sends_to_over_amqp()
    {
        Document["asyncapi"]!.GetValue<string>().ShouldBe("3.0.0");
        Document["info"]!["version"]!.GetValue<string>().ShouldBe(IntegrationEvents.ContractsVersion);
        Document["info"]!["description"]!.GetValue<string>().ShouldContain("never renamed");
        var server = Document["servers"]!["rabbitmq"]!;
        server["protocol"]!.GetValue<string>().ShouldBe("amqp");
        server["host"]!.GetValue<string>().ShouldBe("broker.example:5672");

        var channels = Document["channels"]!.AsObject();
        channels.Select(c => c.Key).ShouldBe(IntegrationEvents.All.Select(e => e.Name), ignoreOrder: true);
        foreach (var (name, channel) in channels)
        {
            channel!["address"]!.GetValue<string>().ShouldBe($"accelerator.{name}");
            channel["bindings"]!["amqp"]!["exchange"]!["type"]!.GetValue<string>().ShouldBe("fanout");
            var operation = Document["operations"]![$"send-{name}"]!;
            operation["action"]!.GetValue<string>().ShouldBe("send");
            operation["channel"]!["$ref"]!.GetValue<string>().ShouldBe($"#/channels/{name}");
        }
    }

    [Fact]
    public void The_payload_is_masstransits_envelope_with_the_event_as_message()
    {
        foreach (var e in IntegrationEvents.All)
        {
            var message = Document["components"]!["messages"]![e.Contract.Name]!;
            message["contentType"]!.GetValue<string>().ShouldBe("application/vnd.masstransit+json");
            var payload = message["payload"]!;
            payload["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["messageId", "messageType", "message"]);
            payload["properties"]!["messageType"]!["contains"]!["const"]!.GetValue<string>()
                .ShouldBe($"urn:message:{e.Contract.Namespace}:{e.Contract.Name}");
            payload["properties"]!["message"]!["$ref"]!.GetValue<string>().ShouldBe($"#/components/schemas/{e.Contract.Name}");
        }
    }

    [Fact]
    public void The_schemas_name_exactly_what_the_services_write()
    {
        foreach (var e in IntegrationEvents.All)
        {
            // Every member written (nulls too: MassTransit writes them), with the buses' own settings.
            var written = JsonSerializer.SerializeToNode(RuntimeHelpers.GetUninitializedObject(e.Contract), e.Contract,
                Messaging.WireJsonOptions())!.AsObject();
            var schema = Document["components"]!["schemas"]![e.Contract.Name]!;
            schema["properties"]!.AsObject().Select(p => p.Key).ShouldBe(written.Select(p => p.Key), e.Name);
            schema["type"]!.GetValue<string>().ShouldBe("object");
            schema["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("eventId");
            schema["properties"]!["occurredAt"]!.ToJsonString().ShouldBe("""{"type":"string","format":"date-time"}""");
        }
    }

    [Fact]
    public void Optional_fields_lists_and_dates_are_typed_as_written()
    {
        var submitted = Document["components"]!["schemas"]!["ApplicationSubmitted"]!;
        submitted["required"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("integrationPlan");
        submitted["properties"]!["integrationPlan"]!["type"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["string", "null"]);
        submitted["properties"]!["foundationModels"]!["items"]!["type"]!.GetValue<string>().ShouldBe("string");
        submitted["properties"]!["requestedGpuHours"]!["type"]!.GetValue<string>().ShouldBe("integer");
        var created = Document["components"]!["schemas"]!["CohortCreated"]!;
        created["properties"]!["programStartsOn"]!["format"]!.GetValue<string>().ShouldBe("date");
        created["properties"]!["resourcePackage"]!["properties"]!.AsObject().Select(p => p.Key).ShouldBe(["gpuHours", "hubSeats", "region"]);
    }

    [Fact]
    public void The_records_summaries_describe_the_events_and_their_fields()
    {
        var screened = Document["components"]!["schemas"]!["ApplicationScreened"]!;
        screened["description"]!.GetValue<string>().ShouldStartWith("The automatic eligibility screening");
        Document["channels"]!["application-screened"]!["description"]!.GetValue<string>().ShouldStartWith("The automatic eligibility screening");
        Document["components"]!["schemas"]!["CohortCreated"]!["properties"]!["offerValidity"]!["description"]!.GetValue<string>()
            .ShouldBe("ISO 8601 duration, e.g. P7D.");
    }
}
