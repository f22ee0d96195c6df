using JasperFx;
using Marten;
using Marten.Services.BatchQuerying;
using MassTransit;

namespace Accelerator.ServiceDefaults;

/// <summary>A message a consumer has applied. Stored in the same transaction as the consumer's own write, so a
/// redelivered message finds it and has no second effect.</summary>
public sealed record ProcessedMessage(string Id, string MessageType, DateTimeOffset ProcessedAt)
{
    public static string KeyOf(ConsumeContext context, string consumer) =>
        $"{consumer}:{context.MessageId ?? throw new InvalidMessageException("A message without a MessageId cannot be de-duplicated.")}";
}

public static class IdempotentConsumption
{
    /// <summary>Whether this consumer already applied the message.</summary>
    public static async Task<bool> AlreadyProcessedAsync(this IDocumentSession session, ConsumeContext context, string consumer) =>
        await session.LoadAsync<ProcessedMessage>(ProcessedMessage.KeyOf(context, consumer), context.CancellationToken) is not null;

    /// <summary>As <see cref="AlreadyProcessedAsync"/>, read in <paramref name="reads"/> with the consumer's other reads;
    /// completes once the batch has run.</summary>
    public static async Task<bool> AlreadyProcessed(this IBatchedQuery reads, ConsumeContext context, string consumer) =>
        await reads.Load<ProcessedMessage>(ProcessedMessage.KeyOf(context, consumer)) is not null;

    /// <summary>Records the message and saves the consumer's work with it. Answers false when a concurrent delivery
    /// of the same message won the race: then nothing of this one is saved.</summary>
    public static async Task<bool> SaveAsProcessedAsync(this IDocumentSession session, ConsumeContext context, string consumer, DateTimeOffset now)
    {
        session.Insert(new ProcessedMessage(ProcessedMessage.KeyOf(context, consumer), context.SupportedMessageTypes.FirstOrDefault() ?? "", now));
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
            return true;
        }
        catch (DocumentAlreadyExistsException)
        {
            return false;
        }
    }
}
