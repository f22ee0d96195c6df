using System.Security.Claims;
using System.Threading.RateLimiting;
using Accelerator.ServiceDefaults;

namespace Accelerator.Gateway;

/// <summary>What only the edge does: per-caller rate limits and CORS for the portal front ends.</summary>
public static class EdgePolicies
{
    public const string PerCaller = "per-caller";
    public const string Portals = "portals";

    public static IServiceCollection AddEdgePolicies(this IServiceCollection services, IConfiguration configuration)
    {
        var permitsPerSecond = configuration.GetValue("RateLimits:PermitsPerSecond", 50);
        var burst = configuration.GetValue("RateLimits:Burst", 200);
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(PerCaller, http => RateLimitPartition.GetTokenBucketLimiter(
                http.User.FindFirstValue(AcceleratorClaims.Sub) is { } sub
                    ? $"sub:{sub}"
                    : $"ip:{http.Connection.RemoteIpAddress}",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
        });

        var origins = configuration.GetSection("Cors:Origins").Get<string[]>() ?? [];
        services.AddCors(cors => cors.AddPolicy(Portals, policy => policy
            .WithOrigins(origins)
            .WithHeaders("Authorization", "Content-Type", "If-Match", "Idempotency-Key", "traceparent")
            .WithExposedHeaders("ETag", "Location", "Link")
            .WithMethods("GET", "POST", "PUT", "DELETE")));
        return services;
    }
}
