using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using Accelerator.ServiceDefaults;
using MassTransit.Serialization;

namespace Accelerator.Gateway.AsyncApi;

/// <summary>JSON Schemas of what is on the wire, exported with the very serializer settings the buses write with
/// (<see cref="Messaging.WireJsonOptions"/>), so names, formats and optional fields cannot drift from the bytes.</summary>
public static class EventSchemas
{
    private static readonly JsonSerializerOptions Wire = Messaging.WireJsonOptions();
    private static readonly JsonSchemaExporterOptions Exporter = new() { TransformSchemaNode = Refine };

    /// <summary>The schema of the <c>message</c> object of an event.</summary>
    public static JsonObject Message(Type contract)
    {
        var schema = JsonSchemaExporter.GetJsonSchemaAsNode(Wire, contract, Exporter).AsObject();
        schema["type"] = "object";
        if (ContractDocs.Of(contract) is { } summary)
            schema.Insert(0, "description", summary);
        return schema;
    }

    /// <summary>The schema of MassTransit's envelope, the body of every AMQP message, as its serializer writes it.</summary>
    public static JsonObject Envelope() =>
        JsonSchemaExporter.GetJsonSchemaAsNode(Wire, typeof(JsonMessageEnvelope), Exporter).AsObject();

    private static JsonNode Refine(JsonSchemaExporterContext context, JsonNode schema)
    {
        // Instants go through the contract's own converter (UTC with a Z), which the exporter cannot see into.
        var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        if (type == typeof(DateTimeOffset))
            schema = new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        // The exporter reads a member's own nullability, not its items': IReadOnlyList<string> is never a list of nulls.
        if (context.PropertyInfo?.AttributeProvider is PropertyInfo property
            && schema is JsonObject list && list["items"] is JsonObject items && items["type"] is JsonArray itemTypes
            && new NullabilityInfoContext().Create(property).GenericTypeArguments is [{ ReadState: NullabilityState.NotNull }])
            items["type"] = itemTypes.Single(t => t!.GetValue<string>() != "null")!.GetValue<string>();
        if (context.PropertyInfo?.AttributeProvider is PropertyInfo documented && ContractDocs.Of(documented) is { } summary
            && schema is JsonObject described)
            described["description"] = summary;
        return schema;
    }
}
