using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// What every request must be before any endpoint sees it (SPEC §5): a body of at most 1 MiB (413), JSON in UTF-8
/// (415) without NUL characters (400), an <c>Idempotency-Key</c> of at most 200 characters (400), and ids in routes
/// that can name something (404).
/// </summary>
public static class RequestLimits
{
    public const int MaxIdempotencyKeyLength = 200;

    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = BodyLimit.MaxBytes);
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new NulFreeText()));
        // Replaces the framework's own guid constraint, so that every route, including routes added later, refuses the nil UUID.
        services.Configure<RouteOptions>(options => options.SetParameterPolicy<IdRouteConstraint>("guid"));
        return services;
    }

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (BodyLimit.RefuseAnnounced(context))
            await context.WriteProblemAsync(ProblemKinds.PayloadTooLarge,
                $"The request body is {context.Request.ContentLength} bytes; at most {BodyLimit.MaxBytes} bytes (1 MiB) are accepted.");
        else if (HasBody(context) && NonUtf8Charset(context.Request.ContentType) is { } charset)
            await context.WriteProblemAsync(ProblemKinds.UnsupportedMediaType,
                $"Request bodies are JSON in UTF-8 (RFC 8259), not in charset '{charset}'.");
        else if (context.Request.Headers[Idempotency.Header].ToString().Length > MaxIdempotencyKeyLength)
            await new Validation().Add(Idempotency.Header, $"{Idempotency.Header} must be at most {MaxIdempotencyKeyLength} characters.")
                .ToProblem().ExecuteAsync(context);
        else
        {
            BodyLimit.LimitChunked(context);
            await next(context);
        }
    });

    private static bool HasBody(HttpContext context) => context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;

    private static string? NonUtf8Charset(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media) && media.Charset.HasValue
        && media.Charset.Value.Trim('"') is var charset
        && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(charset, "utf8", StringComparison.OrdinalIgnoreCase)
            ? charset
            : null;
}
