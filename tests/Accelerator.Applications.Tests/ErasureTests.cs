using Accelerator.Applications.Applications;
using Accelerator.Applications.Privacy;
using System.Text.Json;
using Accelerator.ServiceDefaults;

namespace Accelerator.Applications.Tests;

/// <summary>Which founders an erasure removes from stored events and from the application.</summary>
public sealed class ErasureTests
{
    private static readonly ApplicationContent TwoFounders = Given.Content with
    {
        Founders = [new Founder("Camille Martin", " Camille@Forge.example "), new Founder("Ada Byron", "ada@forge.example")],
    };

    [Fact]
    public void Only_the_founder_with_the_e_mail_is_erased_whatever_its_case_and_spaces()
    {
        var drafted = new ApplicationDrafted(Guid.NewGuid(), Guid.NewGuid(), "alice", TwoFounders, Given.Opens);

        var masked = FounderErasure.Mask(drafted, FounderErasure.Normalise("CAMILLE@forge.example  "));

        var expected = drafted with
        {
            Content = TwoFounders with { Founders = [Founder.ErasedFounder, new Founder("Ada Byron", "ada@forge.example")] },
        };
        JsonSerializer.Serialize(masked).ShouldBe(JsonSerializer.Serialize<object>(expected));
    }

    [Fact]
    public void Every_event_that_carries_founders_is_masked_and_the_others_are_left_alone()
    {
        var id = Guid.NewGuid();
        var email = FounderErasure.Normalise("ada@forge.example");

        FounderErasure.Mask(new ApplicationSubmitted(id, Guid.NewGuid(), "alice", TwoFounders, Given.Opens), email)
            .ShouldBeOfType<ApplicationSubmitted>().Content.Founders[1].ShouldBe(Founder.ErasedFounder);
        FounderErasure.Mask(new ApplicationReplaced(id, TwoFounders, Given.Opens), email)
            .ShouldBeOfType<ApplicationReplaced>().Content.Founders[1].ShouldBe(Founder.ErasedFounder);
        FounderErasure.Mask(new ApplicationWithdrawn(id, Guid.NewGuid(), Given.Opens), email).ShouldBeNull();
        FounderErasure.Mask(new ApplicationReplaced(id, TwoFounders, Given.Opens), "someone@else.example").ShouldBeNull();
    }

    [Fact]
    public void An_application_erases_the_founders_at_the_positions_its_event_names_and_a_second_time_changes_nothing()
    {
        var application = Application.Create(new ApplicationDrafted(Guid.NewGuid(), Guid.NewGuid(), "alice", TwoFounders, Given.Opens));
        var positions = FounderErasure.PositionsOf(application.Content, "camille@forge.example");
        positions.ShouldBe([0]);

        var erased = application.Apply(new FoundersErased(application.Id, Guid.NewGuid(), positions, Given.Opens));

        erased.Content.Founders.ShouldBe([Founder.ErasedFounder, TwoFounders.Founders[1]]);
        FounderErasure.PositionsOf(erased.Content, "camille@forge.example").ShouldBeEmpty();
    }

    [Fact]
    public void An_erasure_completes_with_the_applications_it_erased_from()
    {
        var id = Guid.NewGuid();
        var applications = new[] { Guid.NewGuid(), Guid.NewGuid() };

        var erasure = Erasure.Create(new ErasureRequested(id, Given.Opens));
        erasure.Status.ShouldBe(ErasureStatus.Pending);
        var completed = erasure.Apply(new ErasureCompleted(id, applications, Given.Opens.AddSeconds(1)));

        completed.Status.ShouldBe(ErasureStatus.Completed);
        completed.ApplicationIds.ShouldBe(applications);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not an e-mail")]
    [InlineData("a@")]
    public void An_erasure_needs_an_e_mail_address(string? email)
    {
        var validation = new Validation();
        RequestErasure.ValidEmail(new ErasureRequest(email), validation).ShouldBeNull();
        validation.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void The_e_mail_to_erase_is_trimmed_and_lower_cased()
    {
        var validation = new Validation();
        RequestErasure.ValidEmail(new ErasureRequest("  Camille@Forge.Example "), validation).ShouldBe("camille@forge.example");
        validation.IsValid.ShouldBeTrue();
    }
}
