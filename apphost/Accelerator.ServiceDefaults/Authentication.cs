using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.ServiceDefaults;

public static class Roles
{
    public const string Operator = "operator";
    public const string Applicant = "applicant";
    public const string Reviewer = "reviewer";
    public const string Mentor = "mentor";
    public const string Partner = "partner";

    public static readonly string[] All = [Operator, Applicant, Reviewer, Mentor, Partner];
}

public static class AcceleratorClaims
{
    public const string Sub = "sub";
    public const string Role = "role";
    public const string Organisation = "org";

    public static string Subject(this ClaimsPrincipal user) =>
        user.FindFirstValue(Sub) ?? throw new InvalidOperationException("An authenticated caller always has a sub claim.");
}

/// <summary>
/// JWT bearer validation, the same in the gateway and in every service: a token is checked again by the
/// service that acts on it. With <c>Jwt:Authority</c> set, an OpenID Connect authority is trusted; otherwise
/// tokens are signed with <c>Jwt:SigningKey</c>, which in Development defaults to a well-known key so that
/// the gateway's dev tokens work everywhere without setup.
/// </summary>
public static class Authentication
{
    public const string DefaultIssuer = "accelerator-dev";
    public const string DefaultAudience = "accelerator";
    private const string DevelopmentSigningKey = "accelerator-development-only-signing-key-never-use-in-production";

    /// <summary>HMAC-SHA256 needs a key of at least 256 bits; anything shorter can be brute-forced.</summary>
    public const int MinimumSigningKeyBytes = 32;

    /// <summary>The only algorithms a token may be signed with: no <c>none</c>, and no switching an authority's
    /// asymmetric key for a symmetric one.</summary>
    public static readonly string[] SymmetricAlgorithms = [SecurityAlgorithms.HmacSha256];
    public static readonly string[] AuthorityAlgorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    public static TBuilder AddAcceleratorAuthentication<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var settings = JwtSettings.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(settings);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
            if (settings.Authority is not null)
            {
                options.Authority = settings.Authority;
                options.Audience = settings.Audience;
            }
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = settings.Authority is null ? settings.Issuer : null,
                ValidateAudience = true,
                ValidAudience = settings.Audience,
                IssuerSigningKey = settings.SigningKey,
                ValidateIssuerSigningKey = settings.SigningKey is not null,
                ValidAlgorithms = settings.Authority is null ? SymmetricAlgorithms : AuthorityAlgorithms,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                NameClaimType = AcceleratorClaims.Sub,
                RoleClaimType = AcceleratorClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            // Every rule of ownership is about the caller: a token that names nobody is not valid here.
            options.Events = new JwtBearerEvents
            {
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirstValue(AcceleratorClaims.Sub)))
                        context.Fail("The token has no sub claim.");
                    return Task.CompletedTask;
                },
            };
        });

        WithoutKeyRingAtStart(builder.Services);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
            authorization.AddPolicy(role, policy => policy.RequireRole(role));
        return builder;
    }

    /// <summary>
    /// <c>AddAuthentication</c> registers ASP.NET Core's data protection, whose hosted service reads (or creates) a key
    /// ring in the home folder when the program starts, loading the XML stack with it. Bearer tokens are checked
    /// with <c>Jwt:SigningKey</c> or the authority's keys and nothing here protects data with it, so the key ring is
    /// not read at start; it would still be read on first use.
    /// </summary>
    private static void WithoutKeyRingAtStart(IServiceCollection services)
    {
        var keyRingAtStart = services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService").ToList();
        foreach (var descriptor in keyRingAtStart)
            services.Remove(descriptor);
    }

    public sealed record JwtSettings(string? Authority, string Issuer, string Audience, SymmetricSecurityKey? SigningKey)
    {
        public static JwtSettings From(IConfiguration configuration, IHostEnvironment environment)
        {
            var section = configuration.GetSection("Jwt");
            var authority = section["Authority"];
            var key = section["SigningKey"];
            if (!string.IsNullOrWhiteSpace(key) && !string.IsNullOrWhiteSpace(authority))
                throw new InvalidOperationException(
                    "Configure either Jwt:Authority (OpenID Connect) or Jwt:SigningKey, not both: a service must trust one issuer of tokens.");
            if (string.IsNullOrWhiteSpace(key) && string.IsNullOrWhiteSpace(authority))
            {
                key = environment.IsDevelopment()
                    ? DevelopmentSigningKey
                    : throw new InvalidOperationException("Configure Jwt:Authority (OpenID Connect) or Jwt:SigningKey outside Development.");
            }
            if (!string.IsNullOrWhiteSpace(key) && Encoding.UTF8.GetByteCount(key) < MinimumSigningKeyBytes)
                throw new InvalidOperationException(
                    $"Jwt:SigningKey is too short: HMAC-SHA256 needs at least {MinimumSigningKeyBytes} bytes (e.g. `openssl rand -base64 48`).");
            return new JwtSettings(
                string.IsNullOrWhiteSpace(authority) ? null : authority,
                section["Issuer"] ?? DefaultIssuer,
                section["Audience"] ?? DefaultAudience,
                string.IsNullOrWhiteSpace(key) ? null : new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)));
        }
    }
}
