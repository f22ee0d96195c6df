using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Accelerator.AppHost.Tests;

/// <summary>The AppHost starts each service as <c>dotnet &lt;program&gt;.dll</c> from its build output, not through a
/// <c>dotnet run</c> process that would stay beside it; publishing still names the projects.</summary>
public sealed class BuiltProgramsTests
{
    [Fact]
    public async Task When_run_a_project_is_started_as_dotnet_with_its_built_program_from_its_own_folder()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });

        var gateway = builder.AddProject<Projects.Accelerator_Gateway>("gateway").RunBuiltProgram();

        var projectFolder = Path.GetDirectoryName(gateway.Resource.GetProjectMetadata().ProjectPath)!;
        gateway.Resource.TryGetLastAnnotation<ExecutableAnnotation>(out var executable).ShouldBeTrue();
        executable!.Command.ShouldBe("dotnet");
        executable.WorkingDirectory.ShouldBe(projectFolder);
        var arguments = await ArgumentsAsync(gateway.Resource, builder.ExecutionContext);
        var program = arguments.ShouldHaveSingleItem().ShouldBeOfType<string>();
        program.ShouldBe(BuiltPrograms.ProgramOf(gateway.Resource.GetProjectMetadata().ProjectPath, AppContext.BaseDirectory));
        Path.GetFileName(program).ShouldBe("Accelerator.Gateway.dll");
        File.Exists(program).ShouldBeTrue($"{program} is built with the tests");
    }

    [Fact]
    public async Task When_published_a_project_keeps_Aspire_s_own_launch_and_no_path_of_this_machine()
    {
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--operation", "publish", "--publisher", "manifest", "--output-path", Path.Combine(Path.GetTempPath(), $"accelerator-manifest-{Guid.NewGuid():N}.json")],
            DisableDashboard = true,
        });

        var gateway = builder.AddProject<Projects.Accelerator_Gateway>("gateway").RunBuiltProgram();

        builder.ExecutionContext.IsPublishMode.ShouldBeTrue();
        gateway.Resource.TryGetLastAnnotation<ExecutableAnnotation>(out _).ShouldBeFalse();
        (await ArgumentsAsync(gateway.Resource, builder.ExecutionContext)).ShouldBeEmpty();
    }

    [Fact]
    public void The_program_is_where_the_build_of_the_AppHost_s_configuration_and_framework_puts_it()
    {
        var appHost = Path.Combine("/src", "apphost", "Accelerator.AppHost", "bin", "Debug", "net10.0") + Path.DirectorySeparatorChar;
        var project = Path.Combine("/src", "services", "Selection", "Accelerator.Selection", "Accelerator.Selection.csproj");

        BuiltPrograms.ProgramOf(project, appHost)
            .ShouldBe(Path.Combine("/src", "services", "Selection", "Accelerator.Selection", "bin", "Debug", "net10.0", "Accelerator.Selection.dll"));
    }

    private static async Task<List<object>> ArgumentsAsync(IResource resource, DistributedApplicationExecutionContext context)
    {
        var arguments = new List<object>();
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
            await callback.Callback(new CommandLineArgsCallbackContext(arguments, resource) { ExecutionContext = context });
        return arguments;
    }
}
