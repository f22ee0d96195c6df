using Accelerator.Notifications.Emails;

namespace Accelerator.Notifications.Tests;

public sealed class TemplatesTests
{
    private static readonly Dictionary<string, string?> Offer = new() { ["expiresAt"] = "2026-03-08T17:00:00Z" };

    [Fact]
    public void The_offer_says_its_deadline_in_the_applications_language()
    {
        var fr = Templates.Render(Templates.Offer, "fr", "Forge", Offer);
        fr.Subject.ShouldBe("Une proposition pour Forge");
        fr.Body.ShouldContain("dimanche 8 mars 2026 à 17:00 UTC");
        Templates.Render(Templates.Offer, "en", "Forge", Offer).Body.ShouldContain("Sunday 8 March 2026, 17:00 UTC");
    }

    [Fact]
    public void Every_template_exists_in_both_languages()
    {
        foreach (var template in new[] { Templates.Submitted, Templates.Screened, Templates.Offer, Templates.OfferReminder, Templates.Admitted,
                     Templates.MentorAssigned, Templates.SessionScheduled })
        foreach (var language in new[] { "en", "fr" })
            Templates.Render(template, language, "Forge", Offer).Subject.ShouldContain(template is Templates.MentorAssigned or Templates.SessionScheduled ? ":" : "Forge");
    }

    [Fact]
    public void An_ineligible_screening_lists_every_reason() =>
        Templates.Render(Templates.Screened, "en", "Forge", new Dictionary<string, string?> { ["eligible"] = "false", ["reasons"] = "- a\n- b" })
            .Body.ShouldContain("- a\n- b");
}
