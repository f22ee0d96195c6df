using System.Diagnostics;
using System.Globalization;
using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Every error leaves as RFC 9457 problem details of a kind from <see cref="ProblemKinds"/>: bad input is 400, lost races
/// are 409, never a bare 500, and never a problem without its <c>type</c>.
/// </summary>
public static class ProblemHandling
{
    public static IServiceCollection AddProblemHandling(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = Describe);
        services.AddSingleton<IProblemDetailsWriter, WhateverTheAcceptHeader>();
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

    /// <summary>The answer of an endpoint that refuses with a problem of this kind.</summary>
    public static ProblemHttpResult Problem(this ProblemKind kind, string detail) =>
        TypedResults.Problem(detail, statusCode: kind.Status, title: kind.Title, type: kind.Type);

    /// <summary>Answers from a middleware with a problem of this kind (and its status, unless given another).</summary>
    public static ValueTask WriteProblemAsync(this HttpContext context, ProblemKind kind, string detail, int? status = null)
    {
        context.Response.StatusCode = status ?? kind.Status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = kind.Title, Type = kind.Type, Detail = detail },
        });
    }

    /// <summary>Gives every problem written here its kind: the one it names, else the one of its status (the framework's
    /// own 401, 403, 404, 405 and 500 name none), with the kind's stable title and, when the answer will change by
    /// itself, a <c>Retry-After</c>.</summary>
    private static void Describe(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        var kind = ProblemKinds.FromType(problem.Type)
                   ?? (problem is HttpValidationProblemDetails { Status: 400 or null }
                       ? ProblemKinds.Validation
                       : ProblemKinds.ForStatus(problem.Status ?? response.StatusCode));
        problem.Type = kind.Type;
        problem.Title = kind.Title;
        problem.Extensions.TryAdd("traceId", Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier);
        if (kind.RetryAfterSeconds is { } seconds && !response.Headers.ContainsKey("Retry-After"))
            response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// After the framework's writer, which declines a client whose <c>Accept</c> lists neither JSON nor <c>*/*</c>: the
    /// problem is then JSON all the same (RFC 9110 §12.5.1 lets a server disregard Accept), rather than a
    /// text/plain status page without its kind, or an unhandled exception.
    /// </summary>
    private sealed class WhateverTheAcceptHeader(IOptions<ProblemDetailsOptions> options, IOptions<JsonOptions> json) : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => true;

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            options.Value.CustomizeProblemDetails?.Invoke(context);
            return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
                problem, problem.GetType(), json.Value.SerializerOptions, "application/problem+json", context.HttpContext.RequestAborted));
        }
    }

    private sealed class KnownFailures(IProblemDetailsService problems) : IExceptionHandler
    {
        private const string ChangedMeanwhile = "The resource was changed by someone else in the meantime; read it again and retry.";

        private static bool LostTransactionRace(Exception exception)
        {
            for (Exception? e = exception; e is not null; e = e.InnerException)
                if (e is Npgsql.PostgresException { SqlState: "40P01" or "40001" })
                    return true;
            return false;
        }

        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var (kind, status, detail) = exception switch
            {
                ProblemException known => (known.Kind, known.Kind.Status, known.Message),
                BadHttpRequestException bad => (ProblemKinds.ForStatus(bad.StatusCode), bad.StatusCode, Describe(bad)),
                OverflowException => (ProblemKinds.BadRequest, 400, "A number in the request is too large."),
                ConcurrencyException or ExistingStreamIdCollisionException or StaleReadException =>
                    (ProblemKinds.ConcurrencyConflict, 409, ChangedMeanwhile),
                // Two transactions that lost a race in PostgreSQL itself (a deadlock, a serialization failure): the
                // same answer, the request is safe to repeat.
                _ when LostTransactionRace(exception) => (ProblemKinds.ConcurrencyConflict, 409, ChangedMeanwhile),
                _ => (null, 0, ""),
            };
            if (kind is null)
                return false;

            context.Response.StatusCode = status;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = { Status = status, Title = kind.Title, Type = kind.Type, Detail = detail },
            });
        }

        private static string Describe(BadHttpRequestException exception) =>
            exception.InnerException is { } inner ? $"{exception.Message} {inner.Message}" : exception.Message;
    }
}
