using System.Net;
using System.Net.Http.Json;
using System.Text;
using Accelerator.Gateway;
using Accelerator.ServiceDefaults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.EndToEnd.Tests;

/// <summary>What a token must be to be trusted, and the settings a service refuses to start with.</summary>
public sealed class TokenHardeningTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_token_signed_with_the_right_key_but_another_algorithm_or_none_is_refused_everywhere()
    {
        var settings = system.Applications.GetRequiredService<Authentication.JwtSettings>();
        var hs512 = Token(new SigningCredentials(new SymmetricSecurityKey(settings.SigningKey!.Key.Concat(settings.SigningKey.Key).ToArray()),
            SecurityAlgorithms.HmacSha512), settings);
        var unsigned = Token(null, settings);
        var good = Token(new SigningCredentials(settings.SigningKey, SecurityAlgorithms.HmacSha256), settings);

        foreach (var address in new[] { system.GatewayAddress, system.ApplicationsAddress })
        {
            (await CreateCohortWith(address, good)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await CreateCohortWith(address, hs512)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await CreateCohortWith(address, unsigned)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public void A_service_refuses_to_start_with_both_an_authority_and_a_signing_key_or_with_a_short_key()
    {
        Should.Throw<InvalidOperationException>(() => Settings("Production", ("Jwt:Authority", "https://id.example"),
                ("Jwt:SigningKey", "a-production-signing-key-of-enough-length-for-hmac-sha256")))
            .Message.ShouldContain("not both");
        Should.Throw<InvalidOperationException>(() => Settings("Production", ("Jwt:SigningKey", "short-key")))
            .Message.ShouldContain("too short");
        Should.Throw<InvalidOperationException>(() => Settings("Production"));
        Settings("Production", ("Jwt:SigningKey", new string('k', Authentication.MinimumSigningKeyBytes))).SigningKey.ShouldNotBeNull();
        Settings("Production", ("Jwt:Authority", "https://id.example")).SigningKey.ShouldBeNull();
        Settings("Development").SigningKey.ShouldNotBeNull();
    }

    [Fact]
    public void Dev_tokens_are_handed_only_to_callers_on_this_machine_unless_configured()
    {
        DevTokens.IsAllowedCaller(IPAddress.Loopback, allowRemote: false).ShouldBeTrue();
        DevTokens.IsAllowedCaller(IPAddress.IPv6Loopback, allowRemote: false).ShouldBeTrue();
        DevTokens.IsAllowedCaller(IPAddress.Loopback.MapToIPv6(), allowRemote: false).ShouldBeTrue();
        DevTokens.IsAllowedCaller(IPAddress.Parse("203.0.113.7"), allowRemote: false).ShouldBeFalse();
        DevTokens.IsAllowedCaller(IPAddress.Parse("172.18.0.1"), allowRemote: false).ShouldBeFalse();
        DevTokens.IsAllowedCaller(null, allowRemote: false).ShouldBeFalse();
        DevTokens.IsAllowedCaller(IPAddress.Parse("172.18.0.1"), allowRemote: true).ShouldBeTrue();
    }

    private static Authentication.JwtSettings Settings(string environment, params (string Key, string Value)[] settings) =>
        Authentication.JwtSettings.From(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build(),
            new HostingEnvironment { EnvironmentName = environment });

    private static string Token(SigningCredentials? credentials, Authentication.JwtSettings settings)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            Claims = new Dictionary<string, object> { ["sub"] = "mallory", ["role"] = "operator" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = credentials,
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private static async Task<HttpResponseMessage> CreateCohortWith(Uri address, string token)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return await client.PostAsJsonAsync("/api/cohorts", Samples.OpenCohort());
    }
}
