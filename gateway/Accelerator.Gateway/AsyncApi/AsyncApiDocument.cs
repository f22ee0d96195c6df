using System.Text.Json.Nodes;
using MassTransit.Serialization;

namespace Accelerator.Gateway.AsyncApi;

/// <summary>
/// The AsyncAPI 3.0 document of the events on the bus (SPEC §7 "Documentation"), generated from the Contracts
/// records: one channel per event, its address the fanout exchange it is published to, its message MassTransit's
/// JSON envelope with the event as <c>message</c>.
/// </summary>
public static class AsyncApiDocument
{
    /// <summary>What MassTransit puts in the AMQP <c>content_type</c> of every message it publishes.</summary>
    public static readonly string ContentType = SystemTextJsonMessageSerializer.JsonContentType.MediaType;

    private const string AmqpBindingVersion = "0.3.0";

    public const string CompatibilityPolicy =
        "Compatibility: within a major version of the contracts, event names and exchanges are stable and fields are " +
        "only ever added, never renamed, retyped or removed; ignore fields you do not know. A breaking change comes " +
        "with a new major version. Delivery is at least once: de-duplicate on message.eventId (the envelope's " +
        "messageId is the same).";

    public static JsonObject Build(string brokerHost)
    {
        var channels = new JsonObject();
        var operations = new JsonObject();
        var messages = new JsonObject();
        var schemas = new JsonObject();
        foreach (var e in IntegrationEvents.All)
        {
            var message = e.Contract.Name;
            schemas[message] = EventSchemas.Message(e.Contract);
            messages[message] = Message(e);
            channels[e.Name] = new JsonObject
            {
                ["address"] = e.Exchange,
                ["title"] = e.Name,
                ["description"] = $"{ContractDocs.Of(e.Contract)} Published by the {e.Publisher} service to the durable fanout exchange {e.Exchange}. ".TrimStart() +
                                  "Bind a durable queue of your own (partner-…) to it before you expect events.",
                ["messages"] = new JsonObject { [message] = Ref($"#/components/messages/{message}") },
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject
                    {
                        ["is"] = "routingKey",
                        ["exchange"] = new JsonObject
                        {
                            ["name"] = e.Exchange, ["type"] = "fanout", ["durable"] = true, ["autoDelete"] = false, ["vhost"] = "/",
                        },
                        ["bindingVersion"] = AmqpBindingVersion,
                    },
                },
            };
            // The document describes the Accelerator system, the application that publishes these events, so each
            // operation is "send" (AsyncAPI 3.0: the action of the application the document describes). A partner's
            // own document, or a code generator taking the partner's side, reads them as "receive".
            operations[$"send-{e.Name}"] = new JsonObject
            {
                ["action"] = "send",
                ["channel"] = Ref($"#/channels/{e.Name}"),
                ["summary"] = $"The {e.Publisher} service publishes {e.Name}.",
                ["tags"] = new JsonArray(new JsonObject { ["name"] = e.Publisher }),
                ["messages"] = new JsonArray(Ref($"#/channels/{e.Name}/messages/{message}")),
                ["bindings"] = new JsonObject
                {
                    ["amqp"] = new JsonObject { ["deliveryMode"] = 2, ["bindingVersion"] = AmqpBindingVersion },
                },
            };
        }

        return new JsonObject
        {
            ["asyncapi"] = "3.0.0",
            ["info"] = new JsonObject
            {
                ["title"] = "Accelerator integration events",
                ["version"] = IntegrationEvents.ContractsVersion,
                ["description"] =
                    "Every integration event of the Accelerator platform, published by MassTransit to a durable fanout " +
                    "exchange accelerator.<event-name>. The AMQP body is MassTransit's JSON envelope (content type " +
                    $"{ContentType}); the event itself is its camelCase \"message\" object, which always holds eventId " +
                    "and occurredAt (UTC, Z). The same records ship as the NuGet packages Accelerator.<Service>.Contracts " +
                    $"of this version. {CompatibilityPolicy}",
                ["license"] = new JsonObject { ["name"] = "Apache-2.0", ["url"] = "https://www.apache.org/licenses/LICENSE-2.0" },
            },
            ["defaultContentType"] = ContentType,
            ["servers"] = new JsonObject
            {
                ["rabbitmq"] = new JsonObject
                {
                    ["host"] = brokerHost,
                    ["protocol"] = "amqp",
                    ["protocolVersion"] = "0.9.1",
                    ["description"] = "RabbitMQ. Partners connect with the partner account, which may declare, bind and " +
                                      "consume queues named partner-… and may not publish to the accelerator.* exchanges.",
                    ["security"] = new JsonArray(Ref("#/components/securitySchemes/partner")),
                },
            },
            ["channels"] = channels,
            ["operations"] = operations,
            ["components"] = new JsonObject
            {
                ["messages"] = messages,
                ["schemas"] = schemas,
                ["securitySchemes"] = new JsonObject
                {
                    ["partner"] = new JsonObject
                    {
                        ["type"] = "userPassword",
                        ["description"] = "The partner's RabbitMQ account (partner / partner-dev in development).",
                    },
                },
            },
        };
    }

    private static JsonObject Message(IntegrationEvent e)
    {
        var envelope = EventSchemas.Envelope();
        envelope["type"] = "object";
        var properties = envelope["properties"]!.AsObject();
        properties["message"] = Ref($"#/components/schemas/{e.Contract.Name}");
        // Always written: MassTransit's own, and the three the document requires below.
        properties["messageId"] = new JsonObject { ["type"] = "string", ["format"] = "uuid", ["description"] = "Equals message.eventId." };
        properties["messageType"] = new JsonObject
        {
            ["type"] = "array",
            ["items"] = new JsonObject { ["type"] = "string" },
            ["contains"] = new JsonObject { ["const"] = MessageUrn(e.Contract) },
        };
        properties["headers"] = new JsonObject { ["type"] = "object" };
        properties["host"] = new JsonObject { ["type"] = "object" };
        envelope["required"] = new JsonArray("messageId", "messageType", "message");
        return new JsonObject
        {
            ["name"] = e.Name,
            ["title"] = e.Contract.Name,
            ["summary"] = $"{e.Name}, published by {e.Publisher}, in MassTransit's JSON envelope.",
            ["contentType"] = ContentType,
            ["payload"] = envelope,
        };
    }

    /// <summary>MassTransit's name for a message type, as listed in the envelope's <c>messageType</c>.</summary>
    public static string MessageUrn(Type contract) => $"urn:message:{contract.Namespace}:{contract.Name}";

    private static JsonObject Ref(string pointer) => new() { ["$ref"] = pointer };
}
