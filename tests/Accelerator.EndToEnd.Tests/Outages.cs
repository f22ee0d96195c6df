using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.EndToEnd.Tests;

/// <summary>What the outage tests share: how long a server stays down, and counting what a service stored.</summary>
public static class Outages
{
    /// <summary>Three minutes by default; <c>ACCELERATOR_OUTAGE_SECONDS</c> to change.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("ACCELERATOR_OUTAGE_SECONDS"), out var seconds) ? seconds : 180);

    /// <summary>How long the system may take to catch up once the server is back.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    public static async Task<int> CountAsync<T>(IServiceProvider service, Func<IQuerySession, IQueryable<T>> query) where T : notnull
    {
        await using var session = service.GetRequiredService<IDocumentStore>().QuerySession();
        return await query(session).CountAsync();
    }
}
