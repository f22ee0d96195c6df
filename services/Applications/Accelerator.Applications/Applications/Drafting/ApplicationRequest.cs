using System.Net.Mail;
using System.Text.RegularExpressions;
using Accelerator.ServiceDefaults;

namespace Accelerator.Applications.Applications.Drafting;

public sealed record StartupRequest(string? Name, string? Website, string? Country, string? Stage);
public sealed record FounderRequest(string? Name, string? Email);
public sealed record OpenSourceRequest(string? RepositoryUrl, string? License);

/// <summary>The body of POST and PUT /api/applications: everything optional here so that every missing field is reported.</summary>
public sealed record ApplicationRequest(
    Guid? CohortId,
    StartupRequest? Startup,
    IReadOnlyList<FounderRequest?>? Founders,
    string? Summary,
    IReadOnlyList<string?>? FoundationModels,
    string? IntegrationPlan,
    OpenSourceRequest? OpenSource,
    IReadOnlyList<string?>? Domains,
    int? RequestedGpuHours);

public static partial class ApplicationRequestValidation
{
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ModelHubId();

    /// <summary>Validates every field and lists every problem; answers the content when all is well.</summary>
    public static ApplicationContent? Validate(ApplicationRequest request, Validation v)
    {
        var startup = request.Startup;
        Stage stage = default;
        var country = startup?.Country?.Trim().ToUpperInvariant();
        if (v.Required(startup, "startup"))
        {
            v.Required(startup!.Name, "startup.name");
            if (v.Required(startup.Website, "startup.website"))
                v.Check(IsHttpUrl(startup.Website!), "startup.website", "startup.website must be an absolute http(s) URL.");
            if (v.Required(startup.Country, "startup.country"))
                v.Check(Countries.Alpha2.Contains(country!), "startup.country",
                    "startup.country must be an ISO 3166-1 alpha-2 country code, e.g. FR.");
            if (v.Required(startup.Stage, "startup.stage"))
                v.Check(EnumNames.TryParse(startup.Stage, out stage),
                    "startup.stage", "startup.stage must be one of idea, mvp, acceleration, growth.");
        }

        if (v.Check(request.Founders is { Count: > 0 }, "founders", "founders must list at least one founder."))
            for (var i = 0; i < request.Founders!.Count; i++)
            {
                var founder = request.Founders[i];
                if (!v.Required(founder, $"founders[{i}]"))
                    continue;
                v.Required(founder!.Name, $"founders[{i}].name");
                if (v.Required(founder.Email, $"founders[{i}].email"))
                    v.Check(IsEmail(founder.Email!), $"founders[{i}].email", $"founders[{i}].email is not an e-mail address.");
            }

        v.Required(request.Summary, "summary");

        if (v.Required(request.FoundationModels, "foundationModels"))
            for (var i = 0; i < request.FoundationModels!.Count; i++)
                v.Check(request.FoundationModels[i] is { } id && ModelHubId().IsMatch(id), $"foundationModels[{i}]",
                    $"foundationModels[{i}] must be a model-hub id such as meta-llama/Llama-3.1-8B.");

        var openSource = request.OpenSource;
        var license = "";
        if (v.Required(openSource, "openSource"))
        {
            if (v.Required(openSource!.RepositoryUrl, "openSource.repositoryUrl"))
                v.Check(IsHttpUrl(openSource.RepositoryUrl!), "openSource.repositoryUrl",
                    "openSource.repositoryUrl must be an absolute http(s) URL.");
            if (v.Required(openSource.License, "openSource.license"))
                v.Check(SpdxLicences.TryNormalise(openSource.License!, out license), "openSource.license",
                    "openSource.license must be an SPDX licence identifier (spdx.org/licenses) such as Apache-2.0, or LicenseRef-….");
        }

        if (v.Check(request.Domains is { Count: > 0 }, "domains", "domains must list at least one domain."))
            for (var i = 0; i < request.Domains!.Count; i++)
                v.Check(!string.IsNullOrWhiteSpace(request.Domains[i]), $"domains[{i}]", $"domains[{i}] must not be empty.");

        if (v.Required(request.RequestedGpuHours, "requestedGpuHours"))
            v.Check(request.RequestedGpuHours > 0, "requestedGpuHours", "requestedGpuHours must be positive.");

        if (!v.IsValid)
            return null;

        return new ApplicationContent(
            new Startup(startup!.Name!.Trim(), startup.Website!.Trim(), country!, stage),
            request.Founders!.Select(f => new Founder(f!.Name!.Trim(), f.Email!.Trim())).ToArray(),
            request.Summary!.Trim(),
            request.FoundationModels!.Select(m => m!).ToArray(),
            string.IsNullOrWhiteSpace(request.IntegrationPlan) ? null : request.IntegrationPlan.Trim(),
            new OpenSource(openSource!.RepositoryUrl!.Trim(), license),
            request.Domains!.Select(d => d!.Trim().ToLowerInvariant()).ToArray(),
            request.RequestedGpuHours!.Value);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text.Trim() && address.Host.Contains('.');
}
