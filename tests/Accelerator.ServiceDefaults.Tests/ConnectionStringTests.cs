using Accelerator.ServiceDefaults;
using Npgsql;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>The services' pooled PostgreSQL connections keep the server's cached plans: no <c>DISCARD ALL</c> when a
/// connection is reused, and frequent statements prepared; unless the connection string says otherwise.</summary>
public sealed class ConnectionStringTests
{
    [Fact]
    public void A_connection_string_that_does_not_say_is_given_no_reset_on_close_and_prepared_statements_and_keeps_the_rest()
    {
        var settings = new NpgsqlConnectionStringBuilder(
            EventStore.Pooled("Host=db.example;Port=5433;Database=accelerator;Username=app;Maximum Pool Size=40"));

        settings.NoResetOnClose.ShouldBeTrue();
        settings.MaxAutoPrepare.ShouldBe(EventStore.MaxAutoPrepare);
        (settings.Host, settings.Port, settings.Database, settings.Username, settings.MaxPoolSize)
            .ShouldBe(("db.example", 5433, "accelerator", "app", 40));
    }

    [Theory]
    [InlineData("Host=db.example;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db.example;noresetonclose=false;maxautoprepare=0")]
    public void An_operator_who_sets_them_is_obeyed(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(EventStore.Pooled(connectionString));

        settings.NoResetOnClose.ShouldBeFalse();
        settings.MaxAutoPrepare.ShouldBe(0);
    }
}
