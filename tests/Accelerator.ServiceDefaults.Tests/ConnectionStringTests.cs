using Accelerator.ServiceDefaults;
using Npgsql;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>The services' PostgreSQL connections skip Npgsql's <c>DISCARD ALL</c> when a pooled connection is reused, so
/// that the server's cached plans survive, unless the connection string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_connection_string_that_does_not_say_is_given_no_reset_on_close_and_keeps_the_rest()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            EventStore.WithoutResetOnClose("Host=db.example;Port=5433;Database=accelerator;Username=app;Maximum Pool Size=40"));

        settings.NoResetOnClose.ShouldBeTrue();
        (settings.Host, settings.Port, settings.Database, settings.Username, settings.MaxPoolSize)
            .ShouldBe(("db.example", 5433, "accelerator", "app", 40));
    }

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false")]
    [InlineData("Host=db.example;noresetonclose=false")]
    public void An_operator_who_asks_for_the_reset_keeps_it(string connectionString)
    {
        EventStore.WithoutResetOnClose(connectionString).ShouldBe(connectionString);
        new NpgsqlConnectionStringBuilder(EventStore.WithoutResetOnClose(connectionString)).NoResetOnClose.ShouldBeFalse();
    }
}
