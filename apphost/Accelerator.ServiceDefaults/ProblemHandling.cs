using System.Diagnostics;
using JasperFx;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.ServiceDefaults;

/// <summary>Every error leaves as RFC 9457 problem details: bad input is 400, lost races are 409, never a bare 500.</summary>
public static class ProblemHandling
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier));
        services.AddExceptionHandler<KnownFailures>();
        // Binding failures are thrown so that KnownFailures can answer them with the reason, not an empty 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options => Json.Configure(options.SerializerOptions));
        services.AddRequestLimits();
        return services;
    }

    public static WebApplication UseProblemHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLimits();
        return app;
    }

    private sealed class KnownFailures(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (status, title, detail) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), Describe(bad)),
                OverflowException => (StatusCodes.Status400BadRequest, "Bad request", "A number in the request is too large."),
                ConflictException conflict => (StatusCodes.Status409Conflict, "Conflict", conflict.Message),
                BusinessRuleException rule => (StatusCodes.Status422UnprocessableEntity, "Business rule violated", rule.Message),
                ConcurrencyException => (StatusCodes.Status409Conflict, "Conflict",
                    "The resource was changed by someone else in the meantime; read it again and retry."),
                _ => (0, "", ""),
            };
            if (status == 0)
                return false;

            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = title, Detail = detail },
            });
        }

        private static string Describe(BadHttpRequestException exception) =>
            exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
    }
}
