using System.Security.Claims;
using System.Text;
using Accelerator.ServiceDefaults;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Accelerator.Crash.Tests.Support;

/// <summary>Tokens signed with the key these tests give the services (<c>Jwt:SigningKey</c>), as the gateway's dev tokens are.</summary>
public static class Tokens
{
    public const string SigningKey = "accelerator-crash-tests-signing-key-for-tests-only";

    public static string For(string sub, string role) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim(AcceleratorClaims.Sub, sub), new Claim(AcceleratorClaims.Role, role)]),
        Issuer = Authentication.DefaultIssuer,
        Audience = Authentication.DefaultAudience,
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
    });
}
