using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Accelerator.Mentoring.Mentors;
using Accelerator.Mentoring.Startups;
using Accelerator.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using static Accelerator.EndToEnd.Tests.MentoringUpstream;
using Accelerator.EndToEnd.Tests.Support;

namespace Accelerator.EndToEnd.Tests;

[Collection(MentoringCollection.Name)]
public sealed class MentoringMatchingTests(AcceleratorSystem system)
{
    [Fact]
    public async Task An_admitted_startup_gets_the_mentor_with_the_best_overlap_and_a_partner_sees_mentor_assigned()
    {
        await using var partner = await PartnerQueue.BindAsync(system.PartnerRabbitMq, "accelerator.mentor-assigned");
        var staff = await system.Operator();
        var (nlp, legal) = (UniqueDomain(), UniqueDomain());
        var generalist = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 5, nlp));
        var specialist = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 2, nlp, legal.ToUpperInvariant()));
        var admission = Admission(Guid.NewGuid(), "founder", nlp, legal);

        await system.AdmitAsync(admission);

        var view = await staff.StartupAsync(admission.ApplicationId, v => v["mentors"]!.AsArray().Count > 0);
        view.MentorIds().ShouldBe([specialist]);
        view["cohortId"]!.GetValue<Guid>().ShouldBe(admission.CohortId);
        view["startupName"]!.GetValue<string>().ShouldBe(admission.StartupName);
        view["unmatched"]!.GetValue<bool>().ShouldBeFalse();
        view["overdue"]!.GetValue<bool>().ShouldBeFalse();
        view["sessions"]!.AsArray().ShouldBeEmpty();
        view["mentors"]![0]!["organisation"]!.GetValue<string>().ShouldBe("Mistral AI");
        // Other tests' admissions may land on these mentors too; what matters is where this startup went.
        MenteesOf(await staff.MentorAsync(specialist)).ShouldContain(admission.ApplicationId);
        MenteesOf(await staff.MentorAsync(generalist)).ShouldNotContain(admission.ApplicationId);

        var (envelope, properties) = await partner.ReceiveAsync(
            e => e["message"]!["applicationId"]!.GetValue<Guid>() == admission.ApplicationId, "mentor-assigned on the partner's queue");
        var message = envelope["message"]!.AsObject();
        envelope["messageId"]!.GetValue<Guid>().ShouldBe(message["eventId"]!.GetValue<Guid>());
        message["occurredAt"]!.GetValue<string>().ShouldEndWith("Z");
        message["cohortId"]!.GetValue<Guid>().ShouldBe(admission.CohortId);
        message["mentorId"]!.GetValue<Guid>().ShouldBe(specialist);
        message["mentorName"]!.GetValue<string>().ShouldStartWith("Mentor mentor-");
        message["organisation"]!.GetValue<string>().ShouldBe("Mistral AI");
        properties.Persistent.ShouldBeTrue();
    }

    [Fact]
    public async Task An_admission_delivered_twice_or_republished_assigns_once()
    {
        var staff = await system.Operator();
        var domain = UniqueDomain();
        var mentor = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 5, domain));
        var admission = Admission(Guid.NewGuid(), "founder", domain);
        var again = admission with { EventId = Guid.NewGuid() };

        var consumed = new AdmissionsConsumed(admission.ApplicationId);
        using var observer = system.Mentoring.GetRequiredService<IBus>().ConnectConsumeObserver(consumed);

        await Task.WhenAll(system.AdmitAsync(admission), system.AdmitAsync(admission), system.AdmitAsync(again));

        await Eventually.Until(() => Task.FromResult(consumed.Count >= 3), "all three deliveries to be consumed");
        consumed.Faults.ShouldBe(0);
        await using var session = system.Mentoring.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(admission.ApplicationId);
        events.Select(e => e.Data.GetType()).ShouldBe([typeof(StartupEnrolled), typeof(StartupMentorAssigned)]);
        var mentees = (await session.LoadAsync<Mentor>(mentor))!.Mentees;
        mentees.Count(m => m == admission.ApplicationId).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_admissions_never_fill_a_mentor_beyond_its_capacity()
    {
        var staff = await system.Operator();
        await system.FillEveryMentorAsync(staff);
        var domain = UniqueDomain();
        var mentor = await staff.RegisterMentorAsync(Samples.Mentor($"mentor-{Guid.NewGuid():N}", 2, domain));
        var admissions = Enumerable.Range(0, 6).Select(_ => Admission(Guid.NewGuid(), "founder", domain)).ToList();

        await Task.WhenAll(admissions.Select(a => system.AdmitAsync(a)));

        var views = await Task.WhenAll(admissions.Select(a => staff.StartupAsync(a.ApplicationId)));
        views.Count(v => v.MentorIds().Contains(mentor)).ShouldBe(2);
        views.Count(v => v["unmatched"]!.GetValue<bool>()).ShouldBe(4);
        var registered = await staff.MentorAsync(mentor);
        registered["load"]!.GetValue<int>().ShouldBe(2);
        registered["freeCapacity"]!.GetValue<int>().ShouldBe(0);

        var unmatched = (await staff.AllAsync("/api/mentoring/startups?unmatched=true"))
            .Select(s => s["applicationId"]!.GetValue<Guid>()).ToHashSet();
        views.Where(v => v["unmatched"]!.GetValue<bool>()).ShouldAllBe(v => unmatched.Contains(v["applicationId"]!.GetValue<Guid>()));
        views.Where(v => !v["unmatched"]!.GetValue<bool>()).ShouldAllBe(v => !unmatched.Contains(v["applicationId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task An_admission_that_can_never_be_valid_lands_in_the_error_queue()
    {
        var poison = Admission(Guid.NewGuid(), " ", "nlp");

        await system.AdmitAsync(poison);

        var (envelope, properties) = await PartnerQueue.ReceiveFromAsync(system.RabbitMqConnectionString,
            "mentoring-startup-admitted_error",
            e => e["message"]!["applicationId"]!.GetValue<Guid>() == poison.ApplicationId, "the poison admission in the error queue");
        envelope["message"]!["applicantId"]!.GetValue<string>().ShouldBe(" ");
        var reason = properties.Headers!["MT-Fault-Message"] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : "";
        reason.ShouldContain("applicantId is empty");
        var staff = await system.Operator();
        (await staff.GetAsync($"/api/mentoring/startups/{poison.ApplicationId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed class AdmissionsConsumed(Guid applicationId) : IConsumeObserver
    {
        private int count;
        private int faults;
        public int Count => Volatile.Read(ref count);
        public int Faults => Volatile.Read(ref faults);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is Selection.Contracts.StartupAdmitted admitted && admitted.ApplicationId == applicationId)
                Interlocked.Increment(ref count);
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class
        {
            if (context.Message is Selection.Contracts.StartupAdmitted admitted && admitted.ApplicationId == applicationId)
                Interlocked.Increment(ref faults);
            return Task.CompletedTask;
        }
    }

    private static List<Guid> MenteesOf(JsonObject mentor) =>
        mentor["mentees"]!.AsArray().Select(m => m!.GetValue<Guid>()).ToList();
}
