using MassTransit;
using MassTransit.Configuration;
using Microsoft.Extensions.Logging;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Outermost filter of every consumer: a message that failed its in-memory retries because the database is unreachable
/// or a prerequisite has not arrived goes to its queue's retry queue, and comes back by itself later, for as long as it
/// takes. Anything else keeps failing on to the error queue.
/// </summary>
public sealed class RedeliverLaterFilter<TMessage>(RetryQueues retryQueues, ILogger logger) : IFilter<ConsumeContext<TMessage>>
    where TMessage : class
{
    public async Task Send(ConsumeContext<TMessage> context, IPipe<ConsumeContext<TMessage>> next)
    {
        try
        {
            await next.Send(context);
        }
        catch (Exception exception) when (!context.CancellationToken.IsCancellationRequested && TransientFaults.IsWorthWaiting(exception))
        {
            var attempt = await retryQueues.SendAsync(context.ReceiveContext, context.CancellationToken);
            logger.LogWarning("{MessageType} {MessageId} will be redelivered in {Delay} (redelivery {Attempt}): {Reason}",
                typeof(TMessage).Name, context.MessageId, retryQueues.Delay, attempt, exception.Message);
            await context.NotifyConsumed(context, context.ReceiveContext.ElapsedTime, nameof(RedeliverLaterFilter<TMessage>));
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("redeliverLater");
}

/// <summary>Puts <see cref="RedeliverLaterFilter{TMessage}"/> around every consumer's message pipe.</summary>
internal sealed class RedeliverLaterConfigurationObserver : ConfigurationObserver, IMessageConfigurationObserver
{
    private readonly RetryQueues retryQueues;
    private readonly ILoggerFactory loggers;

    public RedeliverLaterConfigurationObserver(IConsumePipeConfigurator configurator, RetryQueues retryQueues, ILoggerFactory loggers)
        : base(configurator)
    {
        this.retryQueues = retryQueues;
        this.loggers = loggers;
        Connect(this);
    }

    public void MessageConfigured<TMessage>(IConsumePipeConfigurator configurator) where TMessage : class =>
        configurator.UseFilter(new RedeliverLaterFilter<TMessage>(retryQueues, loggers.CreateLogger<RetryQueues>()));
}
