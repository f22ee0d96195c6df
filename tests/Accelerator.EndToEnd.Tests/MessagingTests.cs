using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Selection.Candidates;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using ApplicationSubmitted = Accelerator.Applications.Contracts.ApplicationSubmitted;

namespace Accelerator.EndToEnd.Tests;

public sealed class MessagingTests(AcceleratorSystem system)
{
    [Fact]
    public async Task A_partner_with_a_plain_amqp_client_receives_application_submitted_with_the_contract_fields()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq,
            "accelerator.application-submitted", "accelerator.application-screened");
        var staff = await system.Operator();
        var applicant = await system.Applicant();
        var cohortId = await staff.CreateCohortAsync(Samples.OpenCohort());
        var application = Samples.Application(cohortId, "Open Weights Lab");
        application["integrationPlan"] = "Distil into a 1B model.";
        var applicationId = await applicant.DraftAsync(application);

        await applicant.SubmitAsync(applicationId);

        var (envelope, properties) = await partner.ReceiveAsync(
            e => e["messageType"]!.AsArray().Any(t => t!.GetValue<string>().EndsWith(":ApplicationSubmitted"))
                 && e["message"]!["applicationId"]!.GetValue<Guid>() == applicationId,
            "application-submitted on the partner's queue");
        var message = envelope["message"]!.AsObject();
        message["eventId"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        envelope["messageId"]!.GetValue<Guid>().ShouldBe(message["eventId"]!.GetValue<Guid>());
        message["occurredAt"]!.GetValue<string>().ShouldEndWith("Z");
        message["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        message["applicantId"]!.GetValue<string>().ShouldStartWith("applicant-");
        message["startupName"]!.GetValue<string>().ShouldBe("Open Weights Lab");
        message["stage"]!.GetValue<string>().ShouldBe("acceleration");
        message["foundationModels"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe(["meta-llama/Llama-3.1-8B"]);
        message["integrationPlan"]!.GetValue<string>().ShouldBe("Distil into a 1B model.");
        message["openSourceRepositoryUrl"]!.GetValue<string>().ShouldBe("https://github.com/forge/forge");
        message["openSourceLicense"]!.GetValue<string>().ShouldBe("Apache-2.0");
        message["domains"]!.AsArray().Select(d => d!.GetValue<string>()).ShouldBe(["nlp", "legal"]);
        message["requestedGpuHours"]!.GetValue<int>().ShouldBe(2000);
        message.ContainsKey("founders").ShouldBeFalse();
        properties.Persistent.ShouldBeTrue();

        var (screened, _) = await partner.ReceiveAsync(
            e => e["message"]!["applicationId"]?.GetValue<Guid>() == applicationId && e["message"]!["eligible"] is not null,
            "application-screened on the partner's queue");
        screened["message"]!["eligible"]!.GetValue<bool>().ShouldBeTrue();
        screened["message"]!["cohortId"]!.GetValue<Guid>().ShouldBe(cohortId);
        screened["message"]!["reasons"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_duplicate_delivery_of_application_submitted_has_one_effect()
    {
        var message = Submitted(Guid.NewGuid());
        var messageId = Guid.NewGuid();
        var consumed = new ConsumedCounter(message.ApplicationId);
        using var observer = system.Selection.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);
        var bus = system.Applications.GetRequiredService<IBus>();

        await bus.Publish(message, context => context.MessageId = messageId);
        await bus.Publish(message, context => context.MessageId = messageId);
        // The same submission under another message id (a re-publication) is the same fact too.
        await bus.Publish(message, context => context.MessageId = Guid.NewGuid());

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 3), "all three deliveries to be consumed");
        await using var session = system.Selection.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(message.ApplicationId);
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(CandidateEntered), typeof(CandidateScreened)]);
        consumed.Faults.ShouldBe(0);
    }

    [Fact]
    public async Task A_message_that_can_never_be_processed_lands_in_the_error_queue_and_the_service_keeps_serving()
    {
        var poison = Submitted(Guid.NewGuid()) with { Stage = "unicorn" };
        var bus = system.Applications.GetRequiredService<IBus>();

        await bus.Publish(poison);

        var (envelope, properties) = await PartnerQueue.ReceiveFromAsync(system.RabbitMqConnectionString,
            "selection-application-submitted_error",
            e => e["message"]!["applicationId"]!.GetValue<Guid>() == poison.ApplicationId, "the poison message in the error queue");
        envelope["message"]!["stage"]!.GetValue<string>().ShouldBe("unicorn");
        Encoding(properties.Headers!["MT-Fault-Message"]).ShouldContain("stage 'unicorn' is unknown");

        var healthy = Submitted(Guid.NewGuid());
        await bus.Publish(healthy);
        var staff = await system.Operator();
        await Eventually.Until(async () => (await staff.GetAsync($"/api/selection/applications/{healthy.ApplicationId}")).IsSuccessStatusCode,
            "the next message to be screened");
    }

    private static string Encoding(object? header) => header is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : header?.ToString() ?? "";

    private static ApplicationSubmitted Submitted(Guid applicationId) => new()
    {
        EventId = Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        ApplicationId = applicationId,
        CohortId = Guid.NewGuid(),
        ApplicantId = "applicant-bus",
        StartupName = "Bus Startup",
        Stage = "growth",
        FoundationModels = ["mistralai/Mistral-7B-v0.3"],
        OpenSourceRepositoryUrl = "https://github.com/bus/bus",
        OpenSourceLicense = "MIT",
        Domains = ["vision"],
        RequestedGpuHours = 100,
    };

    private sealed class ConsumedCounter(Guid applicationId) : IConsumeObserver
    {
        private int count;
        private int faults;
        public int Count => Volatile.Read(ref count);
        public int Faults => Volatile.Read(ref faults);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is ApplicationSubmitted submitted && submitted.ApplicationId == applicationId)
                Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.Message is ApplicationSubmitted submitted && submitted.ApplicationId == applicationId)
                Interlocked.Increment(ref faults);
            return Task.CompletedTask;
        }
    }
}
