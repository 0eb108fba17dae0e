namespace Flow.Bpmn.Tests.Infrastructure;

/// <summary>Where the repository and the shared folder beside it are (as in Flow.Generators.Tests).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The shared/ folder CI places beside the clone; FLOW_SHARED_DIR names it for a clone that
    /// has it elsewhere (a git worktree); null when neither exists.
    /// </summary>
    public static string? Shared =>
        Environment.GetEnvironmentVariable("FLOW_SHARED_DIR") is { Length: > 0 } configured && Directory.Exists(configured) ? Path.GetFullPath(configured)
        : Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared"))
        : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flow.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Flow.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
