using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Accelerator.EndToEnd.Tests;

/// <summary>One of our real programs (Program.cs and all), configured for the test run's servers.</summary>
/// <param name="services">Replacements of the program's services, e.g. a clock the test moves.</param>
public sealed class ServiceHost<TEntryPoint>(
    string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        if (services is not null)
            builder.ConfigureServices(services);
    }

    /// <summary>Listens on a real port, as behind the gateway in production.</summary>
    public Uri Listen(int port)
    {
        UseKestrel(port);
        StartServer();
        return new Uri($"http://localhost:{port}");
    }
}
