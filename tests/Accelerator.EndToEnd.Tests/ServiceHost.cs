using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>One of our real programs (Program.cs and all), configured for the test run's servers.</summary>
public sealed class ServiceHost<TEntryPoint>(string environment, IReadOnlyDictionary<string, string?> settings)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
    }

    /// <summary>Listens on a real port, as behind the gateway in production.</summary>
    public Uri Listen(int port)
    {
        UseKestrel(port);
        StartServer();
        return new Uri($"http://localhost:{port}");
    }
}
