using System.Reflection;
using Accelerator.ServiceDefaults;
using MassTransit;

namespace Accelerator.Gateway.AsyncApi;

/// <summary>An integration event as partners see it: its kebab-case name, the exchange it is published to, the
/// service that publishes it and its contract record.</summary>
public sealed record IntegrationEvent(string Name, string Exchange, string Publisher, Type Contract);

/// <summary>Every integration event of the four Contracts projects: each record that names its exchange with
/// <see cref="EntityNameAttribute"/>, as the services' buses declare and publish them (ServiceDefaults' Messaging).</summary>
public static class IntegrationEvents
{
    public const string ExchangePrefix = "accelerator.";

    public static readonly IReadOnlyList<Assembly> ContractAssemblies =
    [
        typeof(Applications.Contracts.CohortCreated).Assembly,
        typeof(Selection.Contracts.ApplicationScreened).Assembly,
        typeof(Mentoring.Contracts.MentorAssigned).Assembly,
        typeof(Resources.Contracts.ResourceGrantRequested).Assembly,
    ];

    public static IReadOnlyList<IntegrationEvent> All { get; } = ContractAssemblies
        .SelectMany(Messaging.ContractsIn)
        .Select(type => (type, exchange: Messaging.ExchangeOf(type)))
        .Select(t => new IntegrationEvent(NameOf(t.exchange), t.exchange, PublisherOf(t.type), t.type))
        .OrderBy(e => e.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>The contracts' package version (Directory.Build.props), shared by the four.</summary>
    public static string ContractsVersion =>
        ContractAssemblies[0].GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    private static string NameOf(string exchange) => exchange.StartsWith(ExchangePrefix, StringComparison.Ordinal)
        ? exchange[ExchangePrefix.Length..]
        : throw new InvalidOperationException($"Exchange '{exchange}' does not follow the '{ExchangePrefix}<event-name>' convention.");

    /// <summary><c>Accelerator.Applications.Contracts</c> → <c>Applications</c>.</summary>
    private static string PublisherOf(Type contract) => contract.Namespace!.Split('.')[1];
}
