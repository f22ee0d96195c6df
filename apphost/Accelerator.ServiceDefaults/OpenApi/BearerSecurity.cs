using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Accelerator.ServiceDefaults.OpenApi;

/// <summary>The JWT bearer scheme, required by every operation whose endpoint asks for authorization.</summary>
internal sealed class BearerSecurity : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string Scheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A JWT with the claims sub, role (operator, applicant, reviewer, mentor, partner) and org. " +
                          "In Development, POST /api/dev/token at the gateway issues one for any identity.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (EndpointAccess.Of(context.Description) is not Access.Anonymous)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, context.Document)] = [] }];
        return Task.CompletedTask;
    }
}

/// <summary>Who may call an endpoint, as its authorization metadata says.</summary>
internal enum Access
{
    Anonymous,
    /// <summary>Any valid token; ownership is checked by the handler (another's resource is a 404).</summary>
    AnyCaller,
    /// <summary>A token with one of the policy's roles; any other is a 403.</summary>
    Roles,
}

internal static class EndpointAccess
{
    public static Access Of(ApiDescription api)
    {
        var metadata = api.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
            return Access.Anonymous;
        if (metadata.OfType<AuthorizationPolicy>().Any()
            || metadata.OfType<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy) || !string.IsNullOrEmpty(a.Roles)))
            return Access.Roles;
        return metadata.OfType<IAuthorizeData>().Any() ? Access.AnyCaller : Access.Anonymous;
    }
}
