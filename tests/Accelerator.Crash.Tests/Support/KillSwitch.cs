using Accelerator.Testing;

namespace Accelerator.Crash.Tests.Support;

public static class KillSwitch
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    /// <summary>Watches <paramref name="progress"/> closely and kills the service with SIGKILL as soon as it reaches
    /// <paramref name="from"/>; answers the progress seen right before the kill.</summary>
    public static async Task<long> KillWhenAsync(ServiceProcess service, Func<Task<long>> progress, long from, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Eventually.DefaultTimeout);
        while (DateTime.UtcNow < deadline)
        {
            var seen = await progress();
            if (seen >= from)
            {
                await service.KillAsync();
                return seen;
            }
            await Task.Delay(Interval);
        }
        throw new TimeoutException($"Progress never reached {from} before the deadline:\n{service.Output}");
    }
}
