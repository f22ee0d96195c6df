using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Accelerator.ServiceDefaults;

namespace Accelerator.Gateway;

/// <summary>What only the edge does: per-caller rate limits and CORS for the portal front ends.</summary>
public static class EdgePolicies
{
    public const string PerCaller = "per-caller";
    public const string Portals = "portals";
    private static readonly TimeSpan ReplenishmentPeriod = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddEdgePolicies(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerSecond = configuration.GetValue("RateLimits:PermitsPerSecond", 50);
        var burst = configuration.GetValue("RateLimits:Burst", 200);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (rejected, _) =>
            {
                // The token bucket says when enough tokens are back; without that, one replenishment period.
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : ReplenishmentPeriod;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return rejected.HttpContext.WriteProblemAsync(ProblemKinds.RateLimited,
                    $"This caller may send {permitsPerSecond} requests a second, in bursts of up to {burst}; retry in {seconds} s.");
            };
            limiter.AddPolicy(PerCaller, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(AcceleratorClaims.Sub) is { } sub
                    ? $"sub:{sub}"
                    : $"ip:{http.Connection.RemoteIpAddress}",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = ReplenishmentPeriod,
                    QueueLimit = 0,
                }));
        });

        var origins = configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(Portals, policy => policy
            .WithOrigins(origins)
            .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "traceparent")
            .WithExposedHeaders("ETag", "Location", "Link", "Retry-After")
            .WithMethods("GET", "POST", "PUT", "DELETE")));
        return services;
    }
}
