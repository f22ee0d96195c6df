using Accelerator.Applications.Applications;
using Accelerator.ServiceDefaults.Operating;
using Marten.Services;

namespace Accelerator.Applications;

/// <summary>The business metrics this service's committed events stand for.</summary>
internal static class ApplicationsMetrics
{
    public static void Count(IChangeSet commit)
    {
        foreach (var stored in commit.GetEvents())
            if (stored.Data is ApplicationSubmitted)
                BusinessMetrics.ApplicationsSubmitted.Add(1);
    }
}
