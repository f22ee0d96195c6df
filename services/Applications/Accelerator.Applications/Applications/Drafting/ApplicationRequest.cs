using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using System.Text.RegularExpressions;
using Accelerator.ServiceDefaults;

namespace Accelerator.Applications.Applications.Drafting;

public sealed record StartupRequest(
    [property: Required] string? Name,
    [property: Required] string? Website,
    [property: Required] string? Country,
    [property: Required] string? Stage);

public sealed record FounderRequest([property: Required] string? Name, [property: Required] string? Email);
public sealed record OpenSourceRequest([property: Required] string? RepositoryUrl, [property: Required] string? License);

/// <summary>The body of POST and PUT /api/applications: everything optional here so that every missing field is reported.</summary>
public sealed record ApplicationRequest(
    [property: Required] Guid? CohortId,
    [property: Required] StartupRequest? Startup,
    [property: Required] IReadOnlyList<FounderRequest?>? Founders,
    [property: Required] string? Summary,
    [property: Required] IReadOnlyList<string?>? FoundationModels,
    string? IntegrationPlan,
    [property: Required] OpenSourceRequest? OpenSource,
    [property: Required] IReadOnlyList<string?>? Domains,
    [property: Required] int? RequestedGpuHours,
    string? Language = null);

public static partial class ApplicationRequestValidation
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;
    /// <summary>RFC 5321's limit on a forward path.</summary>
    public const int MaxEmailLength = 254;
    public const int MaxTextLength = 4000;
    public const int MaxLicenseLength = 100;
    public const int MaxDomainLength = 100;
    public const int MaxFounders = 20;
    public const int MaxFoundationModels = 20;
    public const int MaxDomains = 20;
    public const int MaxGpuHours = 1_000_000;

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
            v.Text(startup!.Name, "startup.name", MaxNameLength);
            if (v.Text(startup.Website, "startup.website", MaxUrlLength))
                v.Check(IsHttpUrl(startup.Website!), "startup.website", "startup.website must be an absolute http(s) URL.");
            if (v.Required(startup.Country, "startup.country"))
                v.Check(Countries.Alpha2.Contains(country!), "startup.country",
                    "startup.country must be an ISO 3166-1 alpha-2 country code, e.g. FR.");
            if (v.Required(startup.Stage, "startup.stage"))
                v.Check(EnumNames.TryParse(startup.Stage, out stage),
                    "startup.stage", "startup.stage must be one of idea, mvp, acceleration, growth.");
        }

        if (v.Check(request.Founders is { Count: > 0 }, "founders", "founders must list at least one founder.")
            && v.MaxCount(request.Founders, "founders", MaxFounders))
            for (var i = 0; i < request.Founders!.Count; i++)
            {
                var founder = request.Founders[i];
                if (!v.Required(founder, $"founders[{i}]"))
                    continue;
                v.Text(founder!.Name, $"founders[{i}].name", MaxNameLength);
                if (v.Text(founder.Email, $"founders[{i}].email", MaxEmailLength))
                    v.Check(IsEmail(founder.Email!), $"founders[{i}].email", $"founders[{i}].email is not an e-mail address.");
            }

        v.Text(request.Summary, "summary", MaxTextLength);

        if (v.Required(request.FoundationModels, "foundationModels") && v.MaxCount(request.FoundationModels, "foundationModels", MaxFoundationModels))
            for (var i = 0; i < request.FoundationModels!.Count; i++)
                if (v.MaxLength(request.FoundationModels[i], $"foundationModels[{i}]", MaxNameLength))
                    v.Check(request.FoundationModels[i] is { } id && ModelHubId().IsMatch(id), $"foundationModels[{i}]",
                        $"foundationModels[{i}] must be a model-hub id such as meta-llama/Llama-3.1-8B.");

        v.MaxLength(request.IntegrationPlan, "integrationPlan", MaxTextLength);

        var openSource = request.OpenSource;
        var license = "";
        if (v.Required(openSource, "openSource"))
        {
            if (v.Text(openSource!.RepositoryUrl, "openSource.repositoryUrl", MaxUrlLength))
                v.Check(IsHttpUrl(openSource.RepositoryUrl!), "openSource.repositoryUrl",
                    "openSource.repositoryUrl must be an absolute http(s) URL.");
            if (v.Text(openSource.License, "openSource.license", MaxLicenseLength))
                v.Check(SpdxLicences.TryNormalise(openSource.License!, out license), "openSource.license",
                    "openSource.license must be an SPDX licence identifier (spdx.org/licenses) such as Apache-2.0, or LicenseRef-….");
        }

        if (v.Check(request.Domains is { Count: > 0 }, "domains", "domains must list at least one domain.")
            && v.MaxCount(request.Domains, "domains", MaxDomains))
            for (var i = 0; i < request.Domains!.Count; i++)
                if (v.Check(!string.IsNullOrWhiteSpace(request.Domains[i]), $"domains[{i}]", $"domains[{i}] must not be empty."))
                    v.MaxLength(request.Domains[i], $"domains[{i}]", MaxDomainLength);

        v.Range(request.RequestedGpuHours, "requestedGpuHours", 1, MaxGpuHours);
        var language = string.IsNullOrWhiteSpace(request.Language) ? Languages.English : request.Language.Trim().ToLowerInvariant();
        v.Check(Languages.All.Contains(language), "language", "language must be en or fr.");

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
            request.RequestedGpuHours!.Value,
            language);
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static bool IsEmail(string text) =>
        MailAddress.TryCreate(text, out var address) && address.Address == text.Trim() && address.Host.Contains('.');
}
