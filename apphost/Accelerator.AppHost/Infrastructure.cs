using System.ComponentModel;
using System.Diagnostics;

namespace Accelerator.AppHost;

internal static class Infrastructure
{
    /// <summary>
    /// Containers when a container engine answers, otherwise the locally installed servers (<see cref="LocalServers"/>).
    /// Without an engine, container resources never start and everything waiting for them waits forever, hence the probe.
    /// </summary>
    public static bool UseContainers(this IDistributedApplicationBuilder builder)
    {
        // Accelerator:Infrastructure = containers | local overrides the probe, e.g. for an engine that answers but
        // cannot pull images (--Accelerator:Infrastructure=local, or Accelerator__Infrastructure=local).
        var useContainers = builder.Configuration["Accelerator:Infrastructure"]?.ToLowerInvariant() switch
        {
            null or "" => ContainerEngineAnswers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]),
            "containers" => true,
            "local" => false,
            var other => throw new InvalidOperationException($"Accelerator:Infrastructure is 'containers' or 'local', not '{other}'."),
        };
        Console.WriteLine($"[apphost] infrastructure: {(useContainers ? "containers" : "local PostgreSQL and RabbitMQ processes")}");
        return useContainers;
    }

    /// <summary>Asks the CLI Aspire will use (ASPIRE_CONTAINER_RUNTIME, else docker then podman) whether its engine runs.</summary>
    private static bool ContainerEngineAnswers(string? runtime)
    {
        foreach (var cli in string.IsNullOrEmpty(runtime) ? ["docker", "podman"] : new[] { runtime })
        {
            try
            {
                using var info = Process.Start(new ProcessStartInfo(cli, "info")
                    { RedirectStandardOutput = true, RedirectStandardError = true })!;
                _ = info.StandardOutput.ReadToEndAsync();
                _ = info.StandardError.ReadToEndAsync();
                if (info.WaitForExit(TimeSpan.FromSeconds(5)) && info.ExitCode == 0)
                    return true;
                info.Kill(entireProcessTree: true);
            }
            catch (Win32Exception)
            {
                // Not installed.
            }
        }
        return false;
    }
}
