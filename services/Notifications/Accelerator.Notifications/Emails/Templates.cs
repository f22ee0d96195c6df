using System.Globalization;

namespace Accelerator.Notifications.Emails;

public sealed record EmailText(string Subject, string Body);

/// <summary>Every message to founders, in English and French. Plain text: it reads the same in every mail client.</summary>
public static class Templates
{
    public const string Submitted = "submitted";
    public const string Screened = "screened";
    public const string Offer = "offer";
    public const string OfferReminder = "offer-reminder";
    public const string Admitted = "admitted";
    public const string MentorAssigned = "mentor-assigned";
    public const string SessionScheduled = "session-scheduled";
    public const string ReviewAssigned = "review-assigned";

    // The names of days and months are written here rather than taken from the machine's ICU: the services run with
    // invariant globalization (no ICU loaded, about 5 MB less memory each), and the e-mails read the same wherever sent.
    private static readonly DateTimeFormatInfo English = Names(
        "dddd d MMMM yyyy, HH:mm 'UTC'",
        ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]);
    private static readonly DateTimeFormatInfo French = Names(
        "dddd d MMMM yyyy 'à' HH:mm 'UTC'",
        ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]);

    private static DateTimeFormatInfo Names(string pattern, string[] days, string[] months)
    {
        var info = (DateTimeFormatInfo)CultureInfo.InvariantCulture.DateTimeFormat.Clone();
        info.FullDateTimePattern = pattern;
        info.DayNames = days;
        // Thirteen: the calendar's thirteenth month is empty. "d MMMM" takes the genitive names, the same here.
        info.MonthNames = info.MonthGenitiveNames = [.. months, ""];
        return DateTimeFormatInfo.ReadOnly(info);
    }

    public static EmailText Render(string template, string language, string startup, IReadOnlyDictionary<string, string?> facts)
    {
        var fr = language == "fr";
        string Fact(string key) => facts.TryGetValue(key, out var value) ? value ?? "" : "";
        var signature = fr ? "\n\nL'équipe du programme Accelerator" : "\n\nThe Accelerator programme team";
        var (subject, body) = (template, fr) switch
        {
            (Submitted, false) => ($"We received your application: {startup}",
                $"Hello,\n\nYour application for {startup} is submitted. Our eligibility screening follows shortly; we will write again with its result."),
            (Submitted, true) => ($"Nous avons bien reçu votre candidature : {startup}",
                $"Bonjour,\n\nLa candidature de {startup} est déposée. La vérification d'éligibilité suit sous peu ; nous vous écrirons son résultat."),
            (Screened, false) => Fact("eligible") == "true"
                ? ($"{startup} is eligible", $"Hello,\n\n{startup} meets every eligibility rule of the programme. A panel of reviewers will now assess it.")
                : ($"{startup} is not eligible", $"Hello,\n\n{startup} does not meet the programme's eligibility rules:\n{Fact("reasons")}"),
            (Screened, true) => Fact("eligible") == "true"
                ? ($"{startup} est éligible", $"Bonjour,\n\n{startup} remplit toutes les conditions d'éligibilité du programme. Un jury va maintenant l'évaluer.")
                : ($"{startup} n'est pas éligible", $"Bonjour,\n\n{startup} ne remplit pas les conditions d'éligibilité du programme :\n{Fact("reasons")}"),
            (Offer, false) => ($"An offer for {startup}",
                $"Hello,\n\n{startup} is offered a seat in the programme. Accept or decline it before {Instant(Fact("expiresAt"), English)}; after that, the seat passes to the waitlist."),
            (Offer, true) => ($"Une proposition pour {startup}",
                $"Bonjour,\n\nUne place dans le programme est proposée à {startup}. Acceptez-la ou déclinez-la avant le {Instant(Fact("expiresAt"), French)} ; ensuite, la place passe à la liste d'attente."),
            (OfferReminder, false) => ($"Reminder: the offer for {startup} expires soon",
                $"Hello,\n\nThe offer of a seat for {startup} expires on {Instant(Fact("expiresAt"), English)}. Please accept or decline it before then."),
            (OfferReminder, true) => ($"Rappel : la proposition pour {startup} expire bientôt",
                $"Bonjour,\n\nLa proposition d'une place pour {startup} expire le {Instant(Fact("expiresAt"), French)}. Merci de l'accepter ou de la décliner d'ici là."),
            (Admitted, false) => ($"Welcome to the programme, {startup}",
                $"Hello,\n\n{startup} is admitted to the programme. Your mentor and your compute and model-hub grants follow in the coming days."),
            (Admitted, true) => ($"Bienvenue dans le programme, {startup}",
                $"Bonjour,\n\n{startup} est admise dans le programme. Votre mentor et vos ressources de calcul et du hub de modèles suivent dans les prochains jours."),
            (MentorAssigned, false) => ($"Your mentor: {Fact("mentorName")}",
                $"Hello,\n\n{Fact("mentorName")} ({Fact("organisation")}) mentors {startup} from now on and will propose your first session."),
            (MentorAssigned, true) => ($"Votre mentor : {Fact("mentorName")}",
                $"Bonjour,\n\n{Fact("mentorName")} ({Fact("organisation")}) accompagne désormais {startup} et vous proposera une première session."),
            (SessionScheduled, false) => ($"Mentoring session scheduled: {Fact("topic")}",
                $"Hello,\n\nA mentoring session for {startup} is scheduled on {Instant(Fact("scheduledAt"), English)} for {Fact("durationMinutes")} minutes.\nTopic: {Fact("topic")}"),
            (SessionScheduled, true) => ($"Session de mentorat prévue : {Fact("topic")}",
                $"Bonjour,\n\nUne session de mentorat pour {startup} est prévue le {Instant(Fact("scheduledAt"), French)}, pour {Fact("durationMinutes")} minutes.\nSujet : {Fact("topic")}"),
            // Reviewers have no language of their own: English.
            (ReviewAssigned, _) => ($"New application to review: {startup}",
                $"Hello {Fact("reviewerName")},\n\nYou are assigned the application of {startup} to review. It is in your assignments " +
                "(GET /api/reviews/mine), blind: without its founders. If you have a conflict of interest with it, declare it there " +
                "and another reviewer takes your place."),
            _ => throw new ArgumentException($"No template {template}.", nameof(template)),
        };
        return new EmailText(subject, body + signature);
    }

    private static string Instant(string iso, DateTimeFormatInfo names) =>
        DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("F", names)
            : iso;
}
