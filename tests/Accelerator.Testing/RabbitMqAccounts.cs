using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Accelerator.Testing;

/// <summary>
/// The accounts of <c>deploy/rabbitmq/accounts.json</c> (the same file the AppHost and compose apply), created on the
/// test run's own node through the management API, each with the password <c>{name}-test</c>.
/// </summary>
public static class RabbitMqAccounts
{
    public static string PasswordOf(string user) => $"{user}-test";

    public static async Task<IReadOnlyList<string>> ApplyAsync(HttpClient management)
    {
        var accounts = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "deploy", "rabbitmq", "accounts.json")))!;
        var users = new List<string>();
        foreach (var user in accounts["users"]!.AsArray().Select(u => u!.AsObject()))
        {
            var name = user["name"]!.GetValue<string>();
            (await management.PutAsJsonAsync($"api/users/{name}", new { password = PasswordOf(name), tags = "" })).EnsureSuccessStatusCode();
            (await management.PutAsJsonAsync($"api/permissions/%2F/{name}", new
            {
                configure = user["configure"]!.GetValue<string>(),
                write = user["write"]!.GetValue<string>(),
                read = user["read"]!.GetValue<string>(),
            })).EnsureSuccessStatusCode();
            users.Add(name);
        }
        return users;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "Accelerator.sln")))
                return directory.FullName;
        throw new InvalidOperationException("The repository root (with Accelerator.sln) is not above the test assembly.");
    }
}
