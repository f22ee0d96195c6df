using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace Accelerator.Testing;

/// <summary>A queue as RabbitMQ's management API reports it.</summary>
public sealed record QueueInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("type")] string Type);

/// <summary>A binding as RabbitMQ's management API reports it: the exchange a queue is bound to.</summary>
public sealed record BindingInfo([property: JsonPropertyName("source")] string Source);

/// <summary>The few calls of RabbitMQ's management HTTP API the tests need.</summary>
public sealed class RabbitMqManagement(Uri address, string user, string password)
{
    private readonly HttpClient http = new()
    {
        BaseAddress = address,
        DefaultRequestHeaders =
        {
            Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}"))),
        },
    };

    /// <summary>Creates the accounts of least privilege (deploy/rabbitmq/accounts.json).</summary>
    public Task<IReadOnlyList<string>> ApplyAccountsAsync() => RabbitMqAccounts.ApplyAsync(http);

    /// <summary>Creates (or updates) an account with the password <see cref="RabbitMqAccounts.PasswordOf"/> and these
    /// permissions (regular expressions of resource names) on the default virtual host.</summary>
    public async Task PutUserAsync(string name, string configure = ".*", string write = ".*", string read = ".*")
    {
        (await http.PutAsJsonAsync($"api/users/{name}", new { password = RabbitMqAccounts.PasswordOf(name), tags = "" })).EnsureSuccessStatusCode();
        await SetPermissionsAsync(name, configure, write, read);
    }

    /// <summary>Permissions are checked as channels and connections open: existing ones keep what they had.</summary>
    public async Task SetPermissionsAsync(string user, string configure, string write, string read) =>
        (await http.PutAsJsonAsync($"api/permissions/%2F/{user}", new { configure, write, read })).EnsureSuccessStatusCode();

    /// <summary>Closes every connection of the account, as a broker does when it drops clients.</summary>
    public async Task CloseConnectionsOfAsync(string user) =>
        (await http.DeleteAsync($"api/connections/username/{Uri.EscapeDataString(user)}")).EnsureSuccessStatusCode();

    public async Task<bool> IsUpAsync() => (await http.GetAsync("api/overview")).IsSuccessStatusCode;

    /// <summary>Every queue of the default virtual host. The counts lag the broker by up to a few seconds.</summary>
    public async Task<IReadOnlyList<QueueInfo>> QueuesAsync() =>
        await http.GetFromJsonAsync<List<QueueInfo>>("api/queues/%2F?columns=name,messages,type") ?? [];

    /// <summary>The exchanges a queue is bound to (the default exchange's implicit binding included, as "").</summary>
    public Task<IReadOnlyList<string>> SourcesOfQueueAsync(string queue) => SourcesAsync($"api/queues/%2F/{Uri.EscapeDataString(queue)}/bindings");

    /// <summary>The exchanges bound to an exchange (MassTransit binds an event's exchange to the exchange of the
    /// consumer's queue, which is bound to the queue).</summary>
    public Task<IReadOnlyList<string>> SourcesOfExchangeAsync(string exchange) =>
        SourcesAsync($"api/exchanges/%2F/{Uri.EscapeDataString(exchange)}/bindings/destination");

    /// <summary>The names clients gave their open connections (<c>ClientProvidedName</c>). The list lags the broker by
    /// up to a few seconds.</summary>
    public async Task<IReadOnlyList<string>> ConnectionNamesAsync() =>
        (await http.GetFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>("api/connections?columns=client_properties") ?? [])
            .Select(c => c["client_properties"]?["connection_name"]?.GetValue<string>()).OfType<string>().ToList();

    private async Task<IReadOnlyList<string>> SourcesAsync(string uri) =>
        (await http.GetFromJsonAsync<List<BindingInfo>>(uri) ?? []).Select(b => b.Source).ToList();
}
