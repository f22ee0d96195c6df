using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Accelerator.ServiceDefaults.Tests;

/// <summary>Bearer authentication does not read or create ASP.NET Core's data-protection key ring when a program
/// starts (it cost each service about 10 MB of memory, for the XML stack); something that does protect data still gets it.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task Starting_a_program_with_bearer_authentication_leaves_the_key_ring_alone_until_it_is_used()
    {
        var keys = Directory.CreateTempSubdirectory("accelerator-keys-");
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
            builder.Configuration["Jwt:SigningKey"] = "a-signing-key-for-tests-that-is-long-enough-for-hmac";
            builder.AddAcceleratorAuthentication();
            builder.Services.Configure<KeyManagementOptions>(options =>
                options.XmlRepository = new FileSystemXmlRepository(keys, NullLoggerFactory.Instance));
            using var host = builder.Build();

            await host.StartAsync(TestContext.Current.CancellationToken);

            keys.EnumerateFiles().ShouldBeEmpty("no key ring is read or created at start");
            var protector = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
            protector.Unprotect(protector.Protect("still there when asked for")).ShouldBe("still there when asked for");
            keys.EnumerateFiles().ShouldNotBeEmpty();
            await host.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            keys.Delete(recursive: true);
        }
    }
}
