using System.Security.Claims;
using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.Gateway;

public sealed record DevTokenRequest(string? Sub, IReadOnlyList<string?>? Roles, string? Org);

public sealed record DevTokenResponse(string AccessToken, string TokenType, int ExpiresIn);

/// <summary>
/// POST /api/dev/token: any identity on demand, for trying the API with curl and for tests. Mapped only in the
/// Development environment; everywhere else the route does not exist (404) and tokens come from the OpenID
/// Connect authority.
/// </summary>
public static class DevTokens
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private const int MaxLength = 200;

    public static WebApplication MapDevTokens(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            return app;
        var allowRemote = app.Configuration.GetValue<bool>("DevTokens:AllowRemoteCallers");
        app.MapPost("/api/dev/token", Issue).AllowAnonymous().RequireRateLimiting(EdgePolicies.PerCaller).WithTags("Development")
            .AddEndpointFilter(async (context, next) =>
                IsAllowedCaller(context.HttpContext.Connection.RemoteIpAddress, allowRemote)
                    ? await next(context)
                    : TypedResults.NotFound());
        return app;
    }

    /// <summary>Tokens for any identity are for the developer at this machine: a caller from elsewhere learns nothing,
    /// not even that the route exists (404), unless <c>DevTokens:AllowRemoteCallers</c> says so (a compose override).</summary>
    public static bool IsAllowedCaller(System.Net.IPAddress? remote, bool allowRemote) =>
        allowRemote || remote is not null && System.Net.IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);

    private static Results<Ok<DevTokenResponse>, ValidationProblem> Issue(
        DevTokenRequest request, Authentication.JwtSettings settings, TimeProvider clock)
    {
        var v = new Validation();
        v.Text(request.Sub, "sub", MaxLength);
        v.MaxLength(request.Org, "org", MaxLength);
        if (v.Check(request.Roles is { Count: > 0 }, "roles", "roles must list at least one role.")
            && v.MaxCount(request.Roles, "roles", ServiceDefaults.Roles.All.Length))
            foreach (var role in request.Roles!)
                v.Check(role is not null && ServiceDefaults.Roles.All.Contains(role), "roles",
                    $"'{role}' is not a role; roles are {string.Join(", ", ServiceDefaults.Roles.All)}.");
        v.Check(settings.SigningKey is not null, "sub", "This gateway trusts an OpenID Connect authority; it cannot sign tokens.");
        if (!v.IsValid)
            return v.ToProblem();

        var claims = new List<Claim> { new(AcceleratorClaims.Sub, request.Sub!) };
        claims.AddRange(request.Roles!.Distinct().Select(role => new Claim(AcceleratorClaims.Role, role!)));
        if (!string.IsNullOrWhiteSpace(request.Org))
            claims.Add(new Claim(AcceleratorClaims.Organisation, request.Org));

        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            SigningCredentials = new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256),
        });
        return TypedResults.Ok(new DevTokenResponse(token, "Bearer", (int)Lifetime.TotalSeconds));
    }
}
