using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Accelerator.ServiceDefaults.OpenApi;

/// <summary>
/// Schemas as the code really sends them. Every property that cannot be null is required (our JSON settings write
/// every property, nulls included). Request records keep their properties nullable so that validation can report
/// every missing field at once; <see cref="RequiredAttribute"/> says which ones that validation demands (it only
/// documents them: nothing validates DataAnnotations here), and those are required and not null. Strings and instants, which converters of ours handle (<see cref="NulFreeText"/>,
/// <see cref="Json"/>), are strings and date-time strings rather than "anything". Numbers are numbers: the
/// framework also reads them from strings, but that leniency is no part of the contract, and a union type would
/// make generated clients awkward.
/// </summary>
internal sealed class ContractSchemas : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var nullable = context.JsonPropertyInfo is { } property ? IsNullable(property) : underlying != type;
        if (context.JsonPropertyInfo is { } demanded && IsDemanded(demanded) && schema.Type is { } declared)
            schema.Type = declared & ~JsonSchemaType.Null;

        if (underlying == typeof(DateTimeOffset))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }
        else if (type == typeof(string) && schema.Type is null)
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;

        // A list of strings loses its items' schema to the same converter.
        if (context.JsonTypeInfo is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } element } && element == typeof(string)
            && schema.Items is null or OpenApiSchema { Type: null, Format: null })
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };

        if (schema.Type is { } types && types.HasFlag(JsonSchemaType.String)
            && (types.HasFlag(JsonSchemaType.Integer) || types.HasFlag(JsonSchemaType.Number)))
        {
            schema.Type = types & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        // The framework marks every constructor parameter required; our request records take missing fields (and
        // report them all at once), and a nullable property may be null: required is what is never null.
        if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object && schema.Properties is { Count: > 0 })
            schema.Required = context.JsonTypeInfo.Properties
                .Where(member => member.Get is not null && member.ShouldSerialize is null && (!IsNullable(member) || IsDemanded(member)))
                .Select(member => member.Name)
                .Where(schema.Properties.ContainsKey)
                .ToHashSet();
        return Task.CompletedTask;
    }

    private static bool IsNullable(JsonPropertyInfo property)
    {
        if (IsDemanded(property))
            return false;
        if (Nullable.GetUnderlyingType(property.PropertyType) is not null)
            return true;
        if (property.PropertyType.IsValueType)
            return false;
        var nullability = new NullabilityInfoContext();
        return property.AttributeProvider switch
        {
            PropertyInfo info => nullability.Create(info).ReadState != NullabilityState.NotNull,
            FieldInfo info => nullability.Create(info).ReadState != NullabilityState.NotNull,
            _ => true,
        };
    }

    private static bool IsDemanded(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;
}
