using System.Diagnostics;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http;

namespace Accelerator.ServiceDefaults;

/// <summary>
/// Carries the trace of the request (or consumed message) that appended an event to the moment the outbox publishes
/// it, so that one trace follows an application from the gateway through every service although publishing happens
/// later, on the async daemon. The W3C <c>traceparent</c> is stored as an event header.
/// </summary>
public static class TraceContext
{
    public const string Header = "traceparent";
    public static readonly ActivitySource Source = new("Accelerator.Outbox");

    /// <summary>A span of the publishing of <paramref name="stored"/>, child of the trace that appended it.</summary>
    public static Activity? StartPublishing(IEvent stored, string messageName)
    {
        ActivityContext.TryParse(stored.GetHeader(Header)?.ToString(), null, out var parent);
        var activity = Source.StartActivity($"outbox publish {messageName}", ActivityKind.Producer, parent);
        activity?.SetTag("marten.event.sequence", stored.Sequence);
        activity?.SetTag("messaging.message.id", stored.Id.ToString());
        return activity;
    }

    /// <summary>Lightweight sessions whose appended events remember the current trace, and the <c>sub</c> of the caller
    /// whose request appended them (Marten's user name, shown in an application's history).</summary>
    internal sealed class TracedSessionFactory(IDocumentStore store, IHttpContextAccessor http) : ISessionFactory
    {
        public IQuerySession QuerySession() => store.QuerySession();

        public IDocumentSession OpenSession()
        {
            var session = store.LightweightSession();
            if (Activity.Current?.Id is { } traceparent)
                session.SetHeader(Header, traceparent);
            if (http.HttpContext?.User.FindFirst(AcceleratorClaims.Sub)?.Value is { } caller)
                session.LastModifiedBy = caller;
            return session;
        }
    }
}
