using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Accelerator.AppHost;

/// <summary>
/// The RabbitMQ accounts of least privilege of <c>deploy/rabbitmq/accounts.json</c> (the partner, one per service), written
/// as a definitions file the local node loads at boot, beside the operator's administrator account <c>guest</c> (loopback
/// only). Local passwords are <c>{user}-dev</c> unless <c>Parameters:rabbitmq-{user}-password</c> says otherwise.
/// </summary>
internal static class BrokerAccounts
{
    public const string Operator = "guest";

    /// <summary>The operators' account in a RabbitMQ container, where <c>guest</c> may only connect from inside it.</summary>
    public const string ContainerOperator = "operator";

    public static string PasswordOf(IDistributedApplicationBuilder builder, string user) =>
        builder.Configuration[$"Parameters:rabbitmq-{user}-password"] ?? (user == Operator ? "guest" : $"{user}-dev");

    /// <summary>Writes the definitions file into <paramref name="home"/> and answers its path.</summary>
    public static string WriteDefinitions(IDistributedApplicationBuilder builder, string checkout, string home, string operatorName = Operator)
    {
        var accounts = JsonNode.Parse(File.ReadAllText(Path.Combine(checkout, "deploy", "rabbitmq", "accounts.json")))!["users"]!.AsArray();
        var users = new JsonArray(User(operatorName, PasswordOf(builder, operatorName), "administrator"));
        var permissions = new JsonArray(Permission(operatorName, ".*", ".*", ".*"));
        foreach (var account in accounts.Select(a => a!.AsObject()))
        {
            var name = account["name"]!.GetValue<string>();
            users.Add(User(name, PasswordOf(builder, name), ""));
            permissions.Add(Permission(name, account["configure"]!.GetValue<string>(), account["write"]!.GetValue<string>(),
                account["read"]!.GetValue<string>()));
        }
        var definitions = new JsonObject
        {
            ["users"] = users, ["vhosts"] = new JsonArray(new JsonObject { ["name"] = "/" }), ["permissions"] = permissions,
        };
        var path = Path.Combine(home, "definitions.json");
        File.WriteAllText(path, definitions.ToJsonString());
        return path;
    }

    private static JsonObject User(string name, string password, string tags) => new()
    {
        ["name"] = name, ["password_hash"] = Hash(password), ["hashing_algorithm"] = "rabbit_password_hashing_sha256", ["tags"] = tags,
    };

    private static JsonObject Permission(string user, string configure, string write, string read) => new()
    {
        ["user"] = user, ["vhost"] = "/", ["configure"] = configure, ["write"] = write, ["read"] = read,
    };

    /// <summary>RabbitMQ's salted SHA-256: base64(salt ++ sha256(salt ++ utf8(password))) with a 4-byte salt.</summary>
    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }
}
