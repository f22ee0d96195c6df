using System.Security.Claims;
using Accelerator.ServiceDefaults;
using Microsoft.AspNetCore.Http;

namespace Accelerator.Applications.Tests;

/// <summary>A repeated Idempotency-Key leads to the same stream id, so the second request finds what the first created.</summary>
public sealed class IdempotencyTests
{
    private static HttpContext Request(string caller, string? key)
    {
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", caller)], "test")) };
        if (key is not null)
            http.Request.Headers[Idempotency.Header] = key;
        return http;
    }

    [Fact]
    public void The_same_key_from_the_same_caller_names_the_same_resource() =>
        Idempotency.NewId(Request("alice", "k-1"), "application").ShouldBe(Idempotency.NewId(Request("alice", "k-1"), "application"));

    [Fact]
    public void Another_key_caller_or_kind_of_resource_names_another()
    {
        var first = Idempotency.NewId(Request("alice", "k-1"), "application");

        Idempotency.NewId(Request("alice", "k-2"), "application").ShouldNotBe(first);
        Idempotency.NewId(Request("bob", "k-1"), "application").ShouldNotBe(first);
        Idempotency.NewId(Request("alice", "k-1"), "cohort").ShouldNotBe(first);
    }

    [Fact]
    public void Without_a_key_every_request_gets_a_fresh_time_ordered_id()
    {
        var first = Idempotency.NewId(Request("alice", null), "application");
        var second = Idempotency.NewId(Request("alice", null), "application");

        second.ShouldNotBe(first);
        first.Version.ShouldBe(7);
    }
}
