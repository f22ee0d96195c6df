using Microsoft.Extensions.Configuration;

namespace Accelerator.AppHost;

/// <summary>
/// Runs a project resource from its build output, as <c>dotnet &lt;program&gt;.dll</c>, in place of the
/// <c>dotnet run --no-build</c> Aspire launches a project with: that SDK process stays beside each service for its whole
/// life (about 125 MB each). Building the AppHost builds the projects it references, which is what <c>--no-build</c>
/// already relied on. The resource stays a project (its launch profile's environment, endpoints, references and
/// health checks are Aspire's as before); only the command changes. Left as Aspire does it: publishing (the manifest
/// names projects, not programs), a launch from an IDE (the IDE starts and debugs the project itself), <c>dotnet watch</c>,
/// and a project whose program is not where its build puts it.
/// </summary>
internal static class BuiltPrograms
{
    public static IResourceBuilder<ProjectResource> RunBuiltProgram(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        if (!builder.ExecutionContext.IsRunMode || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])
            || builder.Configuration.GetValue<bool>("DOTNET_WATCH"))
            return project;
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var folder = Path.GetDirectoryName(projectPath)!;
        var program = ProgramOf(projectPath, AppContext.BaseDirectory);
        if (!File.Exists(program))
            return project;
        return project
            .WithAnnotation(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = folder }, ResourceAnnotationMutationBehavior.Replace)
            .WithArgs(program);
    }

    /// <summary>Where the build puts a project's program: <c>bin/&lt;configuration&gt;/&lt;framework&gt;</c> beside the project,
    /// with the configuration and framework the AppHost itself was built with (read from its own
    /// <c>bin/&lt;configuration&gt;/&lt;framework&gt;</c>).</summary>
    public static string ProgramOf(string projectPath, string appHostFolder)
    {
        var framework = new DirectoryInfo(appHostFolder.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        return Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", configuration, framework.Name,
            Path.GetFileNameWithoutExtension(projectPath) + ".dll");
    }
}
