namespace Flow.Generators.Tests.Infrastructure;

/// <summary>Where the repository and the shared folder beside it are.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The shared/ folder CI places beside the clone; null when absent.</summary>
    public static string? Shared =>
        Directory.Exists(System.IO.Path.Combine(Root, "..", "shared")) ? System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared")) : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Flow.Generators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Flow.Generators.sln not found above " + AppContext.BaseDirectory);
    }
}
