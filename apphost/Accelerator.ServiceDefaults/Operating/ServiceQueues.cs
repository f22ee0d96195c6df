using System.Collections.Concurrent;

namespace Accelerator.ServiceDefaults.Operating;

/// <summary>The work queues this service consumes from, as MassTransit configured them; each has an error queue
/// <c>{queue}_error</c> and a retry queue <c>{queue}_retry</c>.</summary>
public sealed class ServiceQueues
{
    public const string ErrorSuffix = "_error";
    private readonly ConcurrentDictionary<string, bool> queues = new();

    public void Add(string queue) => queues[queue] = true;

    public IReadOnlyList<string> WorkQueues => queues.Keys.Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> ErrorQueues => WorkQueues.Select(q => q + ErrorSuffix).ToList();

    /// <summary>The work queue an error queue of this service belongs to; null for any other name.</summary>
    public string? WorkQueueOf(string errorQueue) =>
        errorQueue.EndsWith(ErrorSuffix, StringComparison.Ordinal) && queues.ContainsKey(errorQueue[..^ErrorSuffix.Length])
            ? errorQueue[..^ErrorSuffix.Length]
            : null;
}

/// <summary>The service's name as the operating routes and queues carry it (<c>applications</c>, <c>selection</c>, …).</summary>
public sealed record ServiceName(string Name);
