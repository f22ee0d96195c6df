using System.Diagnostics;
using System.Text;
using Accelerator.Testing;

namespace Accelerator.EndToEnd.Tests;

/// <summary>One trace follows an application from the gateway, through the outbox, to the service that consumes it.</summary>
public sealed class TracingTests(AcceleratorSystem system)
{
    private const string PortalSource = "Accelerator.Tests.Portal";
    private static readonly ActivitySource Portal = new(PortalSource);

    [Fact]
    public async Task The_trace_of_a_submission_continues_in_the_events_it_publishes_and_in_what_they_cause()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq,
            "accelerator.application-submitted", "accelerator.application-screened");
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var applicationId = await applicant.DraftAsync(Samples.Application(cohortId, "Traced Forge"));

        // The portal's trace, as its HTTP client propagates it to the gateway.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PortalSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        ActivityTraceId traceId;
        using (var portal = Portal.StartActivity("submit application")!)
        {
            traceId = portal.TraceId;
            await applicant.SubmitAsync(applicationId);
        }

        var submitted = await partner.ReceiveAsync(e => e.IsMessage("ApplicationSubmitted", "applicationId", applicationId),
            "application-submitted");
        TraceIdOf(submitted).ShouldBe(traceId.ToString());
        // Selection screened it while consuming that message: its own event carries the same trace on.
        var screened = await partner.ReceiveAsync(e => e.IsMessage("ApplicationScreened", "applicationId", applicationId),
            "application-screened");
        TraceIdOf(screened).ShouldBe(traceId.ToString());
    }

    /// <summary>The trace id of the W3C trace context MassTransit sent with the message.</summary>
    private static string? TraceIdOf(Delivery delivery)
    {
        var headers = delivery.Properties.Headers ?? new Dictionary<string, object?>();
        object? value = null;
        if (!headers.TryGetValue("traceparent", out value))
            headers.TryGetValue("MT-Activity-Id", out value);
        var traceparent = value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : value?.ToString();
        return traceparent?.Split('-') is [_, var id, _, _] ? id : null;
    }
}
