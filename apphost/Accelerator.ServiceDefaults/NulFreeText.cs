using System.Text.Json;
using System.Text.Json.Serialization;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Strings of request bodies without the NUL character: PostgreSQL's jsonb cannot hold <c>\u0000</c> (22P05), so a
/// document or event carrying one fails to save (a 500). Refused while reading, it is a 400 naming the field.
/// </summary>
public sealed class NulFreeText : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()
            : throw new JsonException($"Expected a string, not {reader.TokenType}.");
        return text is not null && text.Contains('\0') ? throw new JsonException("Text must not contain the NUL character (U+0000).") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
