using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Accelerator.ServiceDefaults.OpenApi;

/// <summary>
/// Every problem an operation can answer, as <c>application/problem+json</c>. Some come from the endpoint's own
/// metadata (<c>ProducesProblem</c>, <c>ValidationProblem</c> in its result type); the others follow from what the
/// endpoint is: a route that needs a token can be 401, one limited to roles 403, an id in the path 404, a body 400
/// (malformed JSON), 413 and 415, and the gateway limits every caller (429).
/// </summary>
internal sealed class ProblemResponses : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    public const string ContentType = "application/problem+json";
    private const string ProblemSchema = nameof(ProblemDetails);

    private static readonly Dictionary<int, string> Meanings = new()
    {
        [400] = "The request is malformed or a field is invalid (a validation problem's `errors` maps each field to its messages).",
        [401] = "No valid bearer token.",
        [403] = "The token's role does not allow this call.",
        [404] = "No such resource, or one the caller may not see.",
        [409] = "The resource's state does not allow this now (already done, too late, or changed meanwhile: read it again).",
        [413] = "The request body is over 1 MiB.",
        [415] = "The request body is not JSON in UTF-8.",
        [422] = "The request is well formed but breaks a business rule.",
        [429] = "Too many requests from this caller; retry later.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var api = context.Description;
        var access = EndpointAccess.Of(api);
        var hasBody = api.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var bindsInput = hasBody || api.ParameterDescriptions.Any(p => p.Source == BindingSource.Query || p.Source == BindingSource.Header);

        operation.Responses ??= [];
        var derived = new List<int>();
        if (bindsInput) derived.Add(StatusCodes.Status400BadRequest);
        if (access is not Access.Anonymous) derived.Add(StatusCodes.Status401Unauthorized);
        if (access is Access.Roles) derived.Add(StatusCodes.Status403Forbidden);
        if (api.ParameterDescriptions.Any(p => p.Source == BindingSource.Path)) derived.Add(StatusCodes.Status404NotFound);
        if (hasBody) derived.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        derived.Add(StatusCodes.Status429TooManyRequests);
        foreach (var status in derived)
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse());

        foreach (var (code, response) in operation.Responses)
        {
            if (!int.TryParse(code, out var status) || status < 400 || response is not OpenApiResponse problem)
                continue;
            problem.Description = Meanings.GetValueOrDefault(status, problem.Description ?? "");
            problem.Content ??= new Dictionary<string, OpenApiMediaType>();
            // A ValidationProblem already says HttpValidationProblemDetails; anything else is a plain ProblemDetails.
            if (problem.Content.TryGetValue(ContentType, out var media) && media.Schema is not null)
                continue;
            problem.Content.Clear();
            problem.Content[ContentType] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
        }
        // In order of status, for the reader.
        var sorted = operation.Responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        operation.Responses.Clear();
        foreach (var (code, response) in sorted)
            operation.Responses[code] = response;
        return Task.CompletedTask;
    }

    /// <summary>Makes sure the ProblemDetails schema the operations refer to is in the components, and adds the
    /// <c>traceId</c> that <see cref="ProblemHandling"/> puts in every problem.</summary>
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
            document.Components.Schemas[ProblemSchema] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        foreach (var name in new[] { ProblemSchema, nameof(HttpValidationProblemDetails) })
            if (document.Components.Schemas.TryGetValue(name, out var schema) && schema is OpenApiSchema { Properties: { } properties })
                properties["traceId"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "The request's trace, to find it in the logs and traces of every service it went through.",
                };
    }
}
