using System.Diagnostics;
using OpenTelemetry;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Keeps the dashboard's traces about requests and messages: a database span that no request or message caused (the
/// async daemon polling its high-water mark, timers and health checks querying) is not recorded, nor anything under it.
/// A request's own Marten and Npgsql spans have a parent, and stay.
/// </summary>
public sealed class HousekeepingSpans : BaseProcessor<Activity>
{
    private static readonly string[] DatabaseSources = ["Marten", "Npgsql"];

    public override void OnStart(Activity activity)
    {
        if (!IsHousekeeping(activity))
            return;
        activity.IsAllDataRequested = false;
        activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
    }

    public static bool IsHousekeeping(Activity activity) =>
        activity.Parent is null && activity.ParentSpanId == default && DatabaseSources.Contains(activity.Source.Name);
}
