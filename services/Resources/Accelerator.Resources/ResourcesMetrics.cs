using Accelerator.Resources.Grants;
using Accelerator.ServiceDefaults.Operating;
using Marten.Services;

namespace Accelerator.Resources;

/// <summary>The business metrics this service's committed events stand for.</summary>
internal static class ResourcesMetrics
{
    public static void Count(IChangeSet commit)
    {
        // The grant's snapshot is written in the same transaction as its usage: it knows the kind.
        var kinds = commit.Inserted.Concat(commit.Updated).OfType<Grant>().ToDictionary(g => g.Id, g => g.Kind);
        foreach (var stored in commit.GetEvents())
            if (stored.Data is UsageRecorded usage && kinds.TryGetValue(usage.GrantId, out var kind))
                BusinessMetrics.UsageReported.Add((double)usage.Amount, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));
    }
}
