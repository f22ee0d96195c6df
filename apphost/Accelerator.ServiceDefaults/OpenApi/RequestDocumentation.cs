using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Accelerator.ServiceDefaults.OpenApi;

/// <summary>An example of an endpoint's request body, written with the service's own JSON settings.</summary>
public sealed record RequestExample(object Body);

/// <summary>A request header an endpoint reads itself (so the framework cannot know it).</summary>
public sealed record RequestHeader(string Name, string Description);

public static class RequestDocumentationExtensions
{
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object body) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestExample(body));

    /// <summary>A creating call: repeating it with the same key answers the first result and creates nothing new.</summary>
    public static TBuilder AcceptsIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestHeader(Idempotency.Header,
            "Any unique string (at most 200 characters): a repeat with the same key answers the first result and creates nothing new."));

    /// <summary>A conditional change: the version from the resource's ETag, or 409 if it changed meanwhile.</summary>
    public static TBuilder AcceptsIfMatch<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestHeader("If-Match",
            "The ETag of the version read (e.g. \"3\"): the change is refused with 409 if the resource changed meanwhile."));
}

internal sealed class RequestDocumentation : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var header in metadata.OfType<RequestHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<RequestExample>().LastOrDefault() is { } example && operation.RequestBody?.Content is { } content)
        {
            var json = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
                media.Example = JsonSerializer.SerializeToNode(example.Body, example.Body.GetType(), json);
        }
        return Task.CompletedTask;
    }
}
