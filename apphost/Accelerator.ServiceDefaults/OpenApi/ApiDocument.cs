using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Accelerator.ServiceDefaults.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of a service's public routes (SPEC §7), served at <see cref="Path"/> and by the gateway,
/// anonymously, as <c>/openapi/{service}.json</c>. The four services share every rule of it: bearer security where a
/// route needs a token, required properties, problem responses read from each endpoint's metadata, request examples.
/// </summary>
public static class ApiDocument
{
    /// <summary>The service's own path of its document; the gateway's route rewrites <c>/openapi/{service}.json</c> to it.</summary>
    public const string Path = "/openapi/v1.json";
    public const string Version = "1.0";

    public static TBuilder AddApiDocument<TBuilder>(this TBuilder builder, string title, string description)
        where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddSingleton(new ApiDocumentDescription(title, description));
        builder.Services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // Only the public API: health probes and the document itself stay out.
            options.ShouldInclude = api => api.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, context, ct) =>
            {
                document.Info = new OpenApiInfo { Title = title, Version = Version, Description = description };
                // Clients call the gateway, which serves this document: the server is wherever it was read from.
                document.Servers = [new OpenApiServer { Url = "/", Description = "The Accelerator gateway" }];
                return Task.CompletedTask;
            });
            options.AddDocumentTransformer<BearerSecurity>();
            options.AddOperationTransformer<BearerSecurity>();
            options.AddOperationTransformer<ProblemResponses>();
            options.AddDocumentTransformer<ProblemResponses>();
            options.AddOperationTransformer<RequestDocumentation>();
            options.AddSchemaTransformer<ContractSchemas>();
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path).AllowAnonymous();
        return app;
    }
}

/// <summary>What a service says about itself at the top of its document; registered, it also maps the document.</summary>
public sealed record ApiDocumentDescription(string Title, string Description);
